//! Every mistake a user can make: a message naming the file, line and column, what is wrong and
//! how to fix it, exit code 1 (2 when the command cannot run), and the previous site untouched.

mod common;

use common::{Fixture, Run};

fn fails(f: &Fixture) -> Run {
    let run = f.build();
    assert_eq!(
        run.code, 1,
        "expected the build to fail:\n{}{}",
        run.stdout, run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// Asserts that stderr has a line starting with `location: error: ` and containing `words`.
fn assert_error(run: &Run, location: &str, words: &str) {
    let prefix = format!("{location}: error: ");
    assert!(
        run.stderr
            .lines()
            .any(|l| l.contains(&prefix) && l.contains(words)),
        "no `{prefix}...{words}` in:\n{}",
        run.stderr
    );
}

fn with_page(text: &str) -> Fixture {
    let f = Fixture::new();
    f.file("content/page.md", text);
    f
}

#[test]
fn malformed_yaml() {
    let run = fails(&with_page("---\ntitle: Ok\ntags: [a, b\n---\nBody\n"));
    // At the list left open, not where the parser gave up.
    assert_error(&run, "content/page.md:3:7", "is not closed on its line");
    assert!(run.stderr.contains("close it with `]`"), "{}", run.stderr);
    assert!(run.stderr.contains("front matter:"), "{}", run.stderr);
    assert!(run.stderr.contains("hint:"), "{}", run.stderr);
}

#[test]
fn unclosed_front_matter() {
    let run = fails(&with_page("---\ntitle: Ok\n\nBody text\n"));
    assert_error(&run, "content/page.md:1:1", "never closed");
    assert!(run.stderr.contains("add a line `---`"), "{}", run.stderr);
}

#[test]
fn wrong_type_for_a_known_key() {
    let run = fails(&with_page("---\ntitle: Ok\nweight: abc\n---\nBody\n"));
    assert_error(&run, "content/page.md:3:9", "invalid type: string \"abc\"");
}

#[test]
fn impossible_date() {
    let run = fails(&with_page(
        "---\ntitle: Ok\nlast_reviewed: 2026-02-30\n---\n",
    ));
    assert_error(
        &run,
        "content/page.md:3:16",
        "month 2 of 2026 has no day 30",
    );
}

/// Each wrong value of a page's front matter is an error at its place, in one run (YAML and
/// TOML alike), not one a run.
#[test]
fn every_wrong_value_of_a_front_matter_is_reported_at_once() {
    let f = with_page(
        "---\ntitle: Ok\nweight: high\nlast_reviewed: 2026-13-45\nreview_every_days: soon\n\
         draft: maybe\ntags:\n- a\n- {b: c}\n---\nBody\n",
    );
    f.file(
        "content/zola.md",
        "+++\ntitle = \"Z\"\nweight = \"high\"\nlast_reviewed = \"2026-02-29\"\n+++\nBody\n",
    );
    let run = fails(&f);
    for (location, words) in [
        ("content/page.md:3:9", "weight: invalid type"),
        ("content/page.md:4:16", "there is no month 13"),
        ("content/page.md:5:20", "review_every_days: invalid type"),
        ("content/page.md:6:8", "draft: invalid type"),
        ("content/page.md:9:3", "tags[1]: invalid type: map"),
        ("content/zola.md:3:10", "weight: invalid type"),
        ("content/zola.md:4:17", "month 2 of 2026 has no day 29"),
    ] {
        assert_error(&run, location, words);
    }
    assert!(run.stderr.contains("7 errors"), "{}", run.stderr);
}

#[test]
fn broken_link_to_a_missing_page() {
    let run = fails(&with_page(
        "---\ntitle: Ok\n---\nIntro.\n\nSee [x](missing.md) here.\n",
    ));
    assert_error(
        &run,
        "content/page.md:6:5",
        "`missing.md` points to missing.md, which does not exist",
    );
}

#[test]
fn broken_anchor_in_another_page_and_in_the_same_page() {
    let f = with_page(
        "---\ntitle: Ok\n---\n## Real\n\n[a](other.md#nope) and [b](#missing) and [c](#real)\n",
    );
    f.file("content/other.md", "---\ntitle: Other\n---\n## Exists\n");
    let run = fails(&f);
    assert_error(
        &run,
        "content/page.md:6:1",
        "other.md has no heading `#nope`",
    );
    // A folder without an index file has a page made for it: the message names the folder.
    f.file("content/team/member.md", "---\ntitle: Member\n---\nText.\n");
    f.file("content/page.md", "---\ntitle: Ok\n---\n[a](/team/#nope)\n");
    let folder = fails(&f);
    assert_error(
        &folder,
        "content/page.md:4:1",
        "broken link: the page made for the folder `team/` (which has no _index.md) has no heading `#nope`",
    );
    assert!(
        run.stderr.contains("#exists"),
        "the hint lists the anchors: {}",
        run.stderr
    );
    assert_error(&run, "content/page.md:6:24", "no heading `#missing`");
    assert!(!run.stderr.contains("#real`"), "{}", run.stderr);
}

#[test]
fn two_pages_with_the_same_url() {
    let f = with_page("---\ntitle: One\n---\n");
    f.file("content/Page.md", "---\ntitle: Two\n---\n");
    f.file("content/third.md", "---\ntitle: Three\nslug: page\n---\n");
    let run = fails(&f);
    assert!(
        run.stderr.contains("both want the URL /page/"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("both want the URL /page/").count(),
        2,
        "{}",
        run.stderr
    );
}

#[test]
fn invalid_utf8() {
    let f = Fixture::new();
    f.bytes(
        "content/page.md",
        b"---\ntitle: Ok\n---\nfine\nbad \xff byte\n",
    );
    let run = fails(&f);
    assert_error(&run, "content/page.md:5:5", "invalid UTF-8");
}

#[test]
fn syntax_error_in_an_overriding_template() {
    let f = with_page("---\ntitle: Ok\n---\n");
    f.file("templates/page.html", "<p>\n{{ page.title }\n</p>\n");
    let run = fails(&f);
    assert!(
        run.stderr.contains("templates/page.html:2:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("template error"), "{}", run.stderr);
}

#[test]
fn alias_that_collides_with_a_page() {
    let f = with_page("---\ntitle: Ok\naliases: [/other/]\n---\n");
    f.file("content/other.md", "---\ntitle: Other\n---\n");
    let run = fails(&f);
    assert_error(
        &run,
        "content/page.md:3:11",
        "alias `/other/` is already the URL of other.md",
    );
}

#[test]
fn all_errors_are_reported_at_once() {
    let f = with_page("---\ntitle: Ok\n---\n[a](nowhere.md)\n");
    f.file("content/two.md", "---\nweight: x\n---\n");
    f.file("content/three.md", "---\ntitle: T\n");
    let run = fails(&f);
    assert!(run.stderr.contains("3 errors"), "{}", run.stderr);
    for file in [
        "content/page.md:4:1",
        "content/two.md:2:9",
        "content/three.md:1:1",
    ] {
        assert!(
            run.stderr.contains(file),
            "{file} missing from:\n{}",
            run.stderr
        );
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_byte_identical() {
    let f = with_page("---\ntitle: Ok\n---\nGood.\n");
    f.file("content/b.md", "---\ntitle: B\n---\n");
    f.build().assert_ok();
    let before = f.snapshot();
    assert!(!before.is_empty());
    f.file(
        "content/page.md",
        "---\ntitle: Ok\n---\n[broken](gone.md)\n",
    );
    std::fs::remove_file(f.root().join("content/b.md")).unwrap();
    fails(&f);
    assert_eq!(before, f.snapshot());
    assert!(f.beside_public().is_empty());
}

#[test]
fn broken_links_can_be_warnings_while_migrating() {
    let f = with_page("---\ntitle: Ok\n---\n[a](gone.md)\n");
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n[build]\nbroken_links = \"warn\"\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("content/page.md:4:1: warning: broken link"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_key_in_book_toml() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[build]\ndset = \"out\"\n",
    );
    f.page("a.md", "A", "");
    let run = fails(&f);
    assert!(
        run.stderr
            .contains("book.toml:5:1: error: unknown field `dset`"),
        "{}",
        run.stderr
    );
}

/// Every mistake in book.toml is reported in one run, each at its line and column: unknown
/// keys, wrong types, a missing title, a bad address, unknown or wrong words.
#[test]
fn every_mistake_in_book_toml_is_reported_at_once() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitel = \"Oops\"\nlanguage = 5\n[build]\nsearch = \"yes\"\n\
         broken_links = \"ignore\"\ncolour = true\nbase_url = \"ftp://x\"\n[check]\n\
         review_every_days = \"180\"\n[translations]\nprevius = \"Back\"\nnext = 5\n",
    );
    let run = fails(&f);
    for (location, words) in [
        ("book.toml:1:1", "missing field `title`"),
        ("book.toml:2:1", "unknown field `titel`"),
        ("book.toml:3:12", "`language`: invalid type: integer `5`"),
        ("book.toml:5:10", "`search`: invalid type"),
        ("book.toml:6:16", "unknown variant `ignore`"),
        ("book.toml:7:1", "unknown field `colour`"),
        ("book.toml:8:12", "`base_url`: `ftp://x` is not"),
        ("book.toml:10:21", "`review_every_days`: invalid type"),
        ("book.toml:12:1", "[translations] has no word `previus`"),
        ("book.toml:13:1", "[translations] `next` is not text"),
    ] {
        assert_error(&run, location, words);
    }
    assert!(run.stderr.contains("10 errors"), "{}", run.stderr);
}

#[test]
fn book_toml_without_a_title() {
    let f = Fixture::new();
    f.file("book.toml", "[book]\ndescription = \"x\"\n");
    let run = fails(&f);
    assert!(
        run.stderr
            .contains("book.toml:1:1: error: missing field `title`"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_book_toml_cannot_run() {
    let f = Fixture::new();
    std::fs::remove_file(f.root().join("book.toml")).unwrap();
    let run = f.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no book.toml"), "{}", run.stderr);
}

#[test]
fn a_root_that_is_no_handbook_says_why() {
    let f = Fixture::new();
    let run = f.run(&["build", "--root", "nowhere"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--root nowhere: no such folder"),
        "{}",
        run.stderr
    );
    // The content folder exists, and the settings are above it, where --root does not look.
    let run = f.run(&["build", "--root", "content"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("no book.toml in content")
            && run.stderr.contains("the folders above it are not searched"),
        "{}",
        run.stderr
    );
    // Another tool's site says which tool's, and the book.toml that builds its pages.
    for (settings, tool, pages) in [
        ("docs/.vitepress/config.mts", "VitePress", "."),
        ("star/astro.config.mjs", "Astro", "src/content/docs"),
        ("blog/_config.yml", "Jekyll", "."),
    ] {
        f.file(settings, "x\n");
        let root = settings.split('/').next().unwrap();
        let run = f.run(&["build", "--root", root]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "no book.toml in {root}: {settings} is a {tool} site's settings"
            )) && run.stderr.contains(&format!(
                "and `[build]` `content = \"{pages}\"`, `dest = \"_handbook\"`"
            )),
            "{}",
            run.stderr
        );
        assert!(!f.root().join(root).join("public").exists());
        // Why the output goes to `_handbook`, in the tool's terms.
        let why = match tool {
            "Jekyll" => "(Jekyll leaves a folder named with `_` out of its own site)".to_string(),
            _ => format!("(its `public/` is {tool}'s own)"),
        };
        assert!(run.stderr.contains(&why), "{}", run.stderr);
    }
}

#[test]
fn an_output_folder_that_would_overwrite_the_sources_is_refused() {
    let f = with_page("---\ntitle: Ok\n---\n");
    let run = f.run(&["build", "--dest", "content"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(f.root().join("content/page.md").exists());
}

/// A build replaces its output folder whole: a folder of files it did not write (a `--dest`
/// typed by mistake) is refused, its files left as they were; its own earlier site, or one
/// written before sites were marked, is replaced; so is an empty folder.
#[test]
fn an_output_folder_holding_other_files_is_refused_not_replaced() {
    let f = with_page("---\ntitle: Ok\n---\n");
    f.file("notes/precious.txt", "keep me\n");
    let run = f.run(&["build", "--dest", "notes"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("holds files a handbook build did not write (`precious.txt`)"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(f.root().join("notes/precious.txt")).unwrap(),
        "keep me\n"
    );
    f.file("a-file", "x\n");
    let run = f.run(&["build", "--dest", "a-file"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("is a file, not a folder"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(f.root().join("a-file")).unwrap(),
        "x\n"
    );

    // Its own sites, marked or not, and an empty folder are replaced.
    f.build().assert_ok();
    assert!(f.public().join(".handbook").is_file());
    f.build().assert_ok();
    std::fs::remove_file(f.public().join(".handbook")).unwrap();
    f.build().assert_ok();
    std::fs::create_dir(f.root().join("empty")).unwrap();
    f.run(&["build", "--dest", "empty"]).assert_ok();
    assert!(f.root().join("empty/index.html").is_file());
}

/// A link to a page that is not built says why: a draft (with how to publish it), a file that
/// could not be read (whose own error says why; UTF-16 is named). One into a page whose front
/// matter is never closed, and so has lost its headings, adds nothing to that page's error.
#[test]
fn links_to_pages_left_out_say_why() {
    let f = Fixture::new();
    f.file(
        "content/draft.md",
        "---\ntitle: Draft\ndraft: true\n---\n## Part\n",
    );
    f.bytes(
        "content/utf16.md",
        &[0xff, 0xfe, b'#', 0, b' ', 0, b'A', 0, b'\n', 0],
    );
    f.file("content/open.md", "---\ntitle: Open\n\n## Part\n");
    f.page(
        "links.md",
        "Links",
        "[a](draft.md#part) [b](utf16.md) [c](open.md#part)\n",
    );
    let run = fails(&f);
    assert_error(
        &run,
        "content/links.md:4:1",
        "points to draft.md, which is a draft (`draft: true`), so it is not built",
    );
    assert!(run.stderr.contains("build with --drafts"), "{}", run.stderr);
    assert_error(
        &run,
        "content/links.md:4:20",
        "points to utf16.md, which could not be read",
    );
    assert_error(&run, "content/utf16.md:1:1", "the file is UTF-16");
    assert_error(&run, "content/open.md:1:1", "never closed");
    assert!(!run.stderr.contains("does not exist"), "{}", run.stderr);
    assert!(!run.stderr.contains("has no heading"), "{}", run.stderr);
    assert!(f.run(&["build", "--drafts"]).stderr.contains("open.md"));
}

/// A web address as an alias is refused (it was written as a folder named `http:`); a slug
/// of no letter or digit is replaced by the file's name, with a warning (it gave `page/`); a
/// known key written in another case (`Title:`, as Hugo reads it) is that key.
#[test]
fn aliases_slugs_and_key_case() {
    let f = Fixture::new();
    f.file(
        "content/a.md",
        "---\ntitle: A\naliases: [\"http://elsewhere.example/\"]\n---\nText.\n",
    );
    let run = fails(&f);
    assert_error(
        &run,
        "content/a.md:3:12",
        "alias `http://elsewhere.example/` is a web address",
    );
    f.file(
        "content/a.md",
        "---\nTitle: Nick\nDescription: About Nick\nslug: \"...\"\n---\nText.\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("content/a.md:4:1: warning: the slug `...` has no letter or digit"),
        "{}",
        run.stderr
    );
    let page = f.html("a/index.html");
    assert_eq!(common::texts(&page, "h1"), ["Nick"]);
    assert_eq!(
        common::attrs(&page, "meta[name=description]", "content"),
        ["About Nick"]
    );
    assert!(
        !run.stderr.contains("has no title") && !run.stderr.contains("unknown front matter key"),
        "{}",
        run.stderr
    );
}
