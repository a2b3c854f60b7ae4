//! Books written with GitBook build as their writers see them on GitBook: no book.toml needed
//! beside a `.gitbook.yaml`, its `root` and `redirects` read, and the blocks GitBook's editor
//! writes into Markdown (`{% hint %}`, `{% tabs %}`, ...) shown as what they stand for.

mod common;

use common::{attrs, link_problems, sel, texts, Fixture};
use scraper::Html;

/// A GitBook book as GitBook's Git Sync leaves it: `.gitbook.yaml` naming `docs/` as the book,
/// no book.toml, a SUMMARY.md, images in `.gitbook/assets/`.
fn book() -> Fixture {
    let f = Fixture::empty();
    f.file(
        ".gitbook.yaml",
        "root: ./docs/\n\nstructure:\n  readme: README.md\n  summary: SUMMARY.md\n\nredirects:\n  \
         people/old-hiring: people/hiring.md#interviews\n  old-tools: ./tools.md\n  \
         gone: people/missing.md\n  people/moved#part: people/hiring.md\n",
    );
    f.file(
        "docs/SUMMARY.md",
        "# Table of contents\n\n* [Welcome](README.md)\n\n## Company\n\n* [People](people/README.md)\n  \
         * [Hiring](people/hiring.md)\n* [Tools](tools.md)\n",
    );
    f.file("docs/README.md", "# Acme Team Handbook\n\nHow we work.\n");
    f.file("docs/people/README.md", "# People\n\nAll about people.\n");
    f.file(
        "docs/people/hiring.md",
        "# Hiring\n\n\
         {% hint style=\"warning\" %}\nNever skip the **debrief**. See [tools](../tools.md).\n{% endhint %}\n\n\
         {% hint style=\"success\" %}\nA good hire.\n{% endhint %}\n\n\
         ## Interviews\n\n\
         {% tabs %}\n{% tab title=\"Phone <screen>\" %}\nThirty minutes.\n{% endtab %}\n\n\
         {% tab title=\"Onsite\" %}\n- Four rounds\n- Lunch\n{% endtab %}\n{% endtabs %}\n\n\
         {% stepper %}\n{% step %}\n### Apply\n\nSend a CV.\n{% endstep %}\n{% step %}\n### Interview\n\nMeet us.\n{% endstep %}\n{% endstepper %}\n",
    );
    f.file(
        "docs/tools.md",
        "# Tools\n\n\
         {% embed url=\"https://video.example.com/watch?v=1\" %}\nOur welcome video\n{% endembed %}\n\n\
         {% file src=\".gitbook/assets/policy.pdf\" %}\nThe policy\n{% endfile %}\n\n\
         {% code title=\"setup.sh\" %}\n```sh\nmake setup\n```\n{% endcode %}\n\n\
         {% content-ref url=\"people/\" %}\n[people](people/)\n{% endcontent-ref %}\n\n\
         Written as text: `{% hint %}` and\n\n```\n{% hint style=\"info\" %}\n```\n",
    );
    f.bytes("docs/.gitbook/assets/policy.pdf", b"%PDF-1.4 policy");
    f
}

fn page(f: &Fixture, rel: &str) -> Html {
    f.html(rel)
}

#[test]
fn a_gitbook_book_builds_without_a_book_toml_named_by_its_readme() {
    let f = book();
    let run = f.build();
    run.assert_ok();
    // The book is `root`; the site is written to public/ beside .gitbook.yaml.
    let home = page(&f, "index.html");
    assert_eq!(
        texts(&home, ".hb-header a.hb-brand")[0],
        "Acme Team Handbook"
    );
    assert_eq!(
        texts(&home, "nav.hb-sidebar li.hb-nav-part"),
        vec!["Company"]
    );
    let problems = link_problems(&f.root().join("public"));
    assert!(problems.is_empty(), "{problems:#?}");
    // A run from a folder inside the book finds it too.
    let inside = f.run_in("docs/people", &["check"]);
    assert_eq!(inside.code, 0, "{}", inside.stderr);
}

#[test]
fn hints_tabs_and_steps_show_as_callouts_titled_panels_and_a_numbered_list() {
    let f = book();
    f.build().assert_ok();
    let hiring = page(&f, "people/hiring/index.html");
    let callouts = attrs(&hiring, "article .hb-callout", "class");
    assert_eq!(
        callouts,
        vec!["hb-callout hb-callout-warning", "hb-callout hb-callout-tip"]
    );
    assert_eq!(
        texts(
            &hiring,
            "article .hb-callout-warning p:not(.hb-callout-title)"
        ),
        vec!["Never skip the debrief. See tools."]
    );
    assert_eq!(
        attrs(&hiring, "article .hb-callout-warning a", "href"),
        vec!["../../tools/index.html"]
    );
    assert_eq!(
        texts(&hiring, "article .hb-tabs > .hb-tab > .hb-tab-title"),
        vec!["Phone <screen>", "Onsite"]
    );
    assert_eq!(
        texts(&hiring, "article .hb-tab li"),
        vec!["Four rounds", "Lunch"]
    );
    assert_eq!(
        attrs(&hiring, "article ol.hb-steps > li.hb-step > h3", "id"),
        vec!["apply", "interview"]
    );
    // The steps' headings are the page's own headings: in its table of contents.
    assert!(texts(&hiring, "nav.hb-toc a").contains(&"Apply".to_string()));
    let body: String = hiring
        .select(&sel("article"))
        .flat_map(|e| e.text())
        .collect();
    assert!(!body.contains("{%"), "{body}");
}

#[test]
fn embeds_files_code_titles_and_page_links_become_links_and_captions() {
    let f = book();
    f.build().assert_ok();
    let tools = page(&f, "tools/index.html");
    assert_eq!(
        attrs(&tools, "article .hb-embed a", "href"),
        vec!["https://video.example.com/watch?v=1"]
    );
    // The caption is the card's.
    assert_eq!(
        texts(&tools, "article .hb-embed p"),
        vec!["https://video.example.com/watch?v=1", "Our welcome video"]
    );
    // No frame: nothing is loaded from elsewhere.
    assert!(tools.select(&sel("iframe")).next().is_none());
    assert_eq!(texts(&tools, "article .hb-file a"), vec!["policy.pdf"]);
    let href = &attrs(&tools, "article .hb-file a", "href")[0];
    let (file, _) = common::resolve("tools/index.html", href).unwrap();
    assert_eq!(
        std::fs::read(f.root().join("public").join(&file)).unwrap(),
        b"%PDF-1.4 policy"
    );
    assert_eq!(texts(&tools, "article .hb-code-title"), vec!["setup.sh"]);
    assert_eq!(
        attrs(&tools, "article .hb-content-ref a", "href"),
        vec!["../people/index.html"]
    );
    // Tags in code stay as written.
    assert_eq!(texts(&tools, "article p code"), vec!["{% hint %}"]);
    assert_eq!(
        texts(&tools, "article pre code"),
        vec!["make setup", "{% hint style=\"info\" %}"]
    );
}

#[test]
fn redirects_of_gitbook_yaml_lead_to_the_page_and_heading_and_bad_ones_are_warnings() {
    let f = book();
    let run = f.build();
    run.assert_ok();
    let old =
        std::fs::read_to_string(f.root().join("public/people/old-hiring/index.html")).unwrap();
    assert!(
        old.contains("url=../../people/hiring/index.html#interviews"),
        "{old}"
    );
    let tools = std::fs::read_to_string(f.root().join("public/old-tools/index.html")).unwrap();
    assert!(tools.contains("url=../tools/index.html\""), "{tools}");
    assert!(
        run.stderr.contains(
            ".gitbook.yaml:10:3: warning: the redirect from `gone` leads to `people/missing.md`, which is no page of the book; it is left out"
        ),
        "{}",
        run.stderr
    );
    assert!(!f.root().join("public/gone").exists());
    // A file that is there, but not listed in SUMMARY.md, is said to be so.
    f.file("docs/people/draft.md", "# Draft\n\nNot listed.\n");
    f.file(
        ".gitbook.yaml",
        "root: ./docs/\n\nredirects:\n  unlisted: people/draft.md\n",
    );
    let run = f.build();
    assert!(
        run.stderr.contains(
            ".gitbook.yaml:4:3: warning: the redirect from `unlisted` leads to `people/draft.md`, a file SUMMARY.md does not list, so no page of the book; it is left out"
        ) && run.stderr.contains("list the file in SUMMARY.md"),
        "{}",
        run.stderr
    );
    // A listed draft, and a file book.toml excludes, are said to be so.
    f.file(
        "docs/people/hiring.md",
        "---\ndraft: true\n---\n# Hiring\n\nSoon.\n",
    );
    f.file("docs/people/old.md", "# Old\n\nGone.\n");
    f.file(
        "book.toml",
        "[book]\ntitle = \"Acme\"\n[build]\nexclude = [\"people/old.md\"]\n",
    );
    // A folder's page is its README.md.
    f.file("docs/tools/README.md", "# Tools\n");
    f.file(
        ".gitbook.yaml",
        "root: ./docs/\n\nredirects:\n  soon: people/hiring.md\n  older: people/old.md\n  kit: tools/\n",
    );
    let run = f.build();
    for expected in [
        ".gitbook.yaml:4:3: warning: the redirect from `soon` leads to `people/hiring.md`, a draft (`draft: true`), so no page of the book; it is left out",
        ".gitbook.yaml:5:3: warning: the redirect from `older` leads to `people/old.md`, a file `[build] exclude` leaves out (`people/old.md`), so no page of the book; it is left out",
        ".gitbook.yaml:6:3: warning: the redirect from `kit` leads to `tools/`, a file SUMMARY.md does not list, so no page of the book; it is left out",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
}

#[test]
fn a_block_left_open_or_unknown_is_a_warning_at_its_line_and_shows_as_written() {
    let f = book();
    f.file(
        "docs/tools.md",
        "# Tools\n\nIntro.\n\n{% hint style=\"info\" %}\nOpen for ever.\n\n{% swagger src=\"api.yaml\" %}{% endswagger %}\n\n\
         {% endtab %}\n\nA [broken](nowhere.md) link.\n",
    );
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "tools.md:5:1: warning: `{% hint %}` is never closed with `{% endhint %}`: it shows as written",
        "tools.md:8:1: warning: GitBook's `{% swagger %}` is not read by handbook: it shows as written",
        "tools.md:10:1: warning: `{% endtab %}` closes no `{% tab %}` block: it shows as written",
        // Positions after the blocks are those of the file as written.
        "tools.md:12:3: error: broken link: `nowhere.md`",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    // The end of a block handbook does not know is not a warning of its own.
    assert_eq!(
        run.stderr.matches("is not read by handbook").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn positions_after_expanded_blocks_stay_those_of_the_file() {
    let f = book();
    f.file(
        "docs/tools.md",
        "# Tools\n\n{% hint style=\"info\" %}\nA [first](gone.md) link.\n{% endhint %}\n\n{% tabs %}\n{% tab title=\"A\" %}\n\
         Then [second](gone2.md#x).\n{% endtab %}\n{% endtabs %}\n",
    );
    let run = f.run(&["check"]);
    assert!(
        run.stderr
            .contains("tools.md:4:3: error: broken link: `gone.md`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("tools.md:9:6: error: broken link: `gone2.md#x`"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_ordinary_handbook_shows_gitbook_tags_as_written() {
    let f = Fixture::new();
    f.page(
        "guide.md",
        "Guide",
        "{% hint style=\"info\" %}\nText.\n{% endhint %}\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("gitbook"), "{}", run.stderr);
    let guide = f.html("guide/index.html");
    assert!(guide.select(&sel(".hb-callout")).next().is_none());
    assert!(texts(&guide, "article p")
        .iter()
        .any(|t| t.starts_with("{% hint style=") && t.ends_with("{% endhint %}")));
}

#[test]
fn files_are_named_as_the_reader_would_write_them_whatever_root_says() {
    let f = Fixture::empty();
    f.file(".gitbook.yaml", "root: ./\n");
    f.file(
        "SUMMARY.md",
        "# Summary\n\n* [Intro](README.md)\n* [Gone](gone.md)\n",
    );
    f.file("README.md", "# Intro\n\nHello.\n");
    f.file("sub/x.txt", "x");
    for (dir, root, shown) in [
        (".", ".", "SUMMARY.md:4:3:"),
        ("sub", "..", "../SUMMARY.md:4:3:"),
        ("sub", "./../.", "../SUMMARY.md:4:3:"),
    ] {
        let run = f.run_in(dir, &["check", "--root", root]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr
                .starts_with(&format!("{shown} error: broken link")),
            "{dir} {root}: {}",
            run.stderr
        );
        let run = f.run_in(dir, &["check", "--root", root, "--format", "json"]);
        let shown = shown.trim_end_matches(":4:3:");
        assert!(
            run.stdout.contains(&format!("\"file\": \"{shown}\"")),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn a_bad_gitbook_yaml_is_an_error_at_its_line() {
    let f = book();
    f.file(".gitbook.yaml", "root: ./docs/\nredirects:\n  a: [b\n");
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(".gitbook.yaml:"), "{}", run.stderr);
    assert!(run.stderr.contains("error"), "{}", run.stderr);
}

#[test]
fn a_book_at_the_top_of_its_repository_never_publishes_its_own_output() {
    let f = book();
    // GitBook's default: the book is the folder of .gitbook.yaml itself.
    f.file(".gitbook.yaml", "redirects:\n  old: README.md\n");
    for rel in [
        "README.md",
        "SUMMARY.md",
        "people/README.md",
        "people/hiring.md",
        "tools.md",
    ] {
        let text = std::fs::read_to_string(f.root().join("docs").join(rel)).unwrap();
        f.file(rel, &text);
    }
    f.bytes(".gitbook/assets/policy.pdf", b"%PDF-1.4 policy");
    std::fs::remove_dir_all(f.root().join("docs")).unwrap();
    f.build().assert_ok();
    f.build().assert_ok();
    assert!(f.public().join("people/hiring/index.html").is_file());
    assert!(!f.public().join("public").exists());
}

#[test]
fn a_handbook_with_book_toml_keeps_its_settings_beside_a_synced_gitbook_yaml() {
    let f = Fixture::new();
    f.file("book.toml", "[book]\ntitle = \"Our Handbook\"\n");
    f.page(
        "guide.md",
        "Guide",
        "{% hint style=\"danger\" %}\nCareful.\n{% endhint %}\n",
    );
    // A .gitbook.yaml that Git Sync left in the content folder is not the handbook's root, and
    // the one at the top names the content folder as the book.
    f.file("content/.gitbook.yaml", "structure:\n  readme: _index.md\n");
    f.file(
        ".gitbook.yaml",
        "root: ./content/\nredirects:\n  old-guide: guide.md\n",
    );
    // From inside the content folder, book.toml above still makes the handbook.
    let run = f.run_in("content", &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let guide = f.html("guide/index.html");
    assert_eq!(texts(&guide, ".hb-header a.hb-brand"), vec!["Our Handbook"]);
    assert_eq!(
        attrs(&guide, "article .hb-callout", "class"),
        vec!["hb-callout hb-callout-caution"]
    );
    assert!(f.public().join("old-guide/index.html").is_file());
}

#[test]
fn tags_indented_as_code_leave_the_page_as_written_with_a_warning() {
    let f = book();
    f.file(
        "docs/tools.md",
        "# Tools\n\n{% tabs %}\n    {% tab title=\"A\" %}\n    Indented.\n    {% endtab %}\n{% endtabs %}\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "tools.md:4:5: warning: GitBook's blocks on this page show as written: this tag is indented as code would be"
        ),
        "{}",
        run.stderr
    );
    let tools = f.html("tools/index.html");
    assert!(tools.select(&sel(".hb-tabs, .hb-tab")).next().is_none());
    assert!(tools.select(&sel("article pre")).next().is_none());
    assert!(texts(&tools, "article p")[0].starts_with("{% tabs %}"));
}

#[test]
fn a_block_left_open_inside_another_ends_with_it() {
    let f = book();
    f.file(
        "docs/tools.md",
        "# Tools\n\n{% tabs %}\n{% tab title=\"One\" %}\nFirst.\n{% endtabs %}\n\nAfter.\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "tools.md:4:1: warning: `{% tab %}` is never closed with `{% endtab %}`: it shows as written"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("closes no"), "{}", run.stderr);
    let tools = f.html("tools/index.html");
    assert_eq!(
        texts(&tools, "article .hb-tabs > p"),
        vec!["{% tab title=\"One\" %}\nFirst."]
    );
    assert_eq!(texts(&tools, "article > .hb-content > p"), vec!["After."]);
}

#[test]
fn redirects_to_the_top_the_home_page_or_over_a_page_are_read_as_gitbook_means_them() {
    let f = book();
    f.file(
        ".gitbook.yaml",
        "root: ./docs/\nstructure:\n  readme: README.md\nredirects:\n  start: ./\n  hiring-top: people/hiring.md#top\n  \
         people/hiring: tools.md\n  caf%C3%A9: tools.md\n",
    );
    let run = f.build();
    run.assert_ok();
    let start = std::fs::read_to_string(f.public().join("start/index.html")).unwrap();
    assert!(start.contains("url=../index.html\""), "{start}");
    let top = std::fs::read_to_string(f.public().join("hiring-top/index.html")).unwrap();
    assert!(top.contains("url=../people/hiring/index.html\""), "{top}");
    assert!(f.public().join("café/index.html").is_file());
    assert!(
        run.stderr.contains(
            ".gitbook.yaml:7:3: warning: the redirect from `people/hiring` is the address of people/hiring.md; it is left out"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_figure_of_gitbook_assets_in_raw_html_is_published_and_shown() {
    let f = book();
    f.file(
        "docs/people/README.md",
        "# People\n\n<figure><img src=\"../.gitbook/assets/team.png\" alt=\"The team\"><figcaption><p>Us</p></figcaption></figure>\n",
    );
    f.bytes("docs/.gitbook/assets/team.png", b"png of the team");
    f.build().assert_ok();
    let people = f.html("people/index.html");
    let src = &attrs(&people, "article figure img", "src")[0];
    let (file, _) = common::resolve("people/index.html", src).unwrap();
    assert_eq!(
        std::fs::read(f.public().join(file)).unwrap(),
        b"png of the team"
    );
}

/// A book of GitBook's command-line tool (GitBook 3, HonKit): a `book.json` and a SUMMARY.md,
/// found from a folder below; its title and language read; its own output (`_book/`), its
/// plugins (`node_modules/`) and its `.bookignore`'s lines left out; a `book.json` that is
/// no JSON is an error at its line and column.
#[test]
fn a_book_json_book_builds_as_gitbook_3_built_it() {
    let f = Fixture::empty();
    f.file(
        "book.json",
        "{\n  \"title\": \"Kube Handbook\",\n  \"language\": \"de\",\n  \"plugins\": [\"-search\"]\n}\n",
    );
    f.file(
        "SUMMARY.md",
        "# Summary\n\n* [Intro](README.md)\n* [Guide](guide/README.md)\n  * [Setup](guide/setup.md)\n",
    );
    f.file(
        "README.md",
        "# Introduction\n\nSee [setup](guide/setup.md).\n",
    );
    f.file("guide/README.md", "# Guide\n\nG.\n");
    f.file(
        "guide/setup.md",
        "# Setup\n\n{% hint style=\"info\" %}\nRun it.\n{% endhint %}\n",
    );
    f.file("node_modules/gitbook-plugin-x/README.md", "# Plugin\n");
    f.file("_book/index.html", "<html>old</html>\n");
    f.file(".bookignore", "# notes\ndrafts/\n");
    f.file("drafts/idea.md", "# Idea\n");
    let run = f.run_in("guide", &["build"]);
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let home = f.html("index.html");
    assert_eq!(texts(&home, ".hb-brand"), ["Kube Handbook"]);
    assert_eq!(attrs(&home, "html", "lang"), ["de"]);
    let setup = f.html("guide/setup/index.html");
    assert_eq!(
        texts(&setup, ".hb-callout p:not(.hb-callout-title)"),
        ["Run it."]
    );
    let site = f.snapshot();
    assert!(
        !site
            .keys()
            .any(|k| k.contains("_book") || k.contains("node_modules") || k.contains("drafts")),
        "{:?}",
        site.keys().collect::<Vec<_>>()
    );
    // A book.json that is no JSON.
    f.file("book.json", "{\n  \"title\": \"K\",\n  oops\n}\n");
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("book.json:3:3: error: key must be a string"),
        "{}",
        run.stderr
    );
}

/// A `book.json` that is no JSON, in a book whose SUMMARY.md is in its `root`, is still the
/// book's: its error is reported at its line and column (not "no book.toml").
#[test]
fn a_broken_book_json_naming_a_root_is_reported_at_its_line() {
    let f = Fixture::empty();
    f.file(
        "book.json",
        "{\n  \"root\": \"./docs\",\n  \"title\": \"GB\",\n}\n",
    );
    f.file("docs/SUMMARY.md", "# Summary\n\n* [Intro](README.md)\n");
    f.file("docs/README.md", "# Intro\n");
    let run = f.run_in("docs", &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("book.json:4:1: error: trailing comma"),
        "{}",
        run.stderr
    );
}
