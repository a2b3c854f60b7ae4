//! Books written for mdBook (and GitBook) build as their writers know them: the book.toml's
//! settings that both tools share are read, SUMMARY.md orders and names the chapters and leaves
//! out the files it does not list, and what is not read is said once.

mod common;

use common::{attrs, texts, Fixture};
use scraper::Html;

/// An mdBook book: book.toml with mdBook's own settings, chapters in src/, a SUMMARY.md.
fn book() -> Fixture {
    let f = Fixture::new();
    std::fs::remove_dir_all(f.root().join("content")).unwrap();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Team Book\"\nauthors = [\"Ann\"]\nsrc = \"src\"\n\n[rust]\nedition = \"2021\"\n\n\
         [build]\nbuild-dir = \"out\"\ncreate-missing = false\n\n\
         [output.html]\nsmart-punctuation = true\nmathjax-support = true\n\
         edit-url-template = \"https://git.example.com/book/edit/main/{path}\"\n\n\
         [output.html.search]\nlimit-results = 20\n\n[preprocessor.mermaid]\ncommand = \"mdbook-mermaid\"\n\n\
         [preprocessor.trpl-listing]\ncommand = \"mdbook-trpl-listing\"\n\n\
         [output.linkcheck]\n",
    );
    f.file(
        "src/SUMMARY.md",
        "# Summary\n\n[Introduction](README.md)\n\n# Guide\n\n- [Zebra first](zebra.md)\n- [Working here](working/README.md)\n    - [Onboarding](working/onboarding.md)\n    - [Anteater](working/anteater.md)\n- [Later]()\n\n---\n\n[Glossary](glossary.md)\n",
    );
    f.file(
        "src/README.md",
        "# Welcome\n\nThe [glossary](glossary.md) and [work](working/index.html).\n",
    );
    f.file(
        "src/zebra.md",
        "# Zebras\n\nStripes.\n\n```mermaid\nflowchart LR\n  Z[Zebra] --> S[Stripes]\n```\n",
    );
    f.file("src/working/README.md", "# Working here\n\nHow we work.\n");
    f.file("src/working/onboarding.md", "Day one.\n");
    f.file("src/working/anteater.md", "# Anteater\n\nAnts.\n");
    f.file("src/glossary.md", "# Glossary\n\nWords.\n");
    f.file("src/snippet.md", "#### Not a chapter\n");
    f
}

/// A page of the fixture book's site, written to `out/`.
fn page(f: &Fixture, rel: &str) -> Html {
    f.html_in("out", rel)
}

/// A link to a chapter's `# Heading` (mdBook gives it an id, as every heading) leads to the
/// chapter's top, where handbook writes its h1, instead of failing the build; the h1's
/// Markdown shows as its text (a link in it, its words), never as written.
#[test]
fn a_link_to_a_chapters_h1_leads_to_its_top_and_the_h1_reads_as_text() {
    let f = book();
    f.file(
        "src/zebra.md",
        "# Zebras [`striped`](https://example.com/z) *now*\n\nSee [top](#zebras-striped-now), \
         [anteater](working/anteater.md#anteater) and [glossary](glossary.md#terms).\n",
    );
    f.file("src/glossary.md", "# Glossary {#terms}\n\nWords.\n");
    // A heading's quotes are as written: the chapter's h1 is the summary's title, unchanged.
    f.file("src/working/onboarding.md", "# Don't panic\n\nDay one.\n");
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("broken"), "{}", run.stderr);
    assert_eq!(
        texts(&page(&f, "working/onboarding/index.html"), "h1"),
        ["Don't panic"]
    );
    let zebra = page(&f, "zebra/index.html");
    assert_eq!(texts(&zebra, "h1"), ["Zebras striped now"]);
    assert_eq!(
        attrs(&zebra, ".hb-content a", "href"),
        [
            "#",
            "../working/anteater/index.html",
            "../glossary/index.html"
        ]
    );
    // Not a broken link that names the page either: an anchor the page has not is still one.
    f.file("src/glossary.md", "# Glossary\n\nWords.\n");
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("src/zebra.md:3:78: error: broken link: glossary.md has no heading `#terms`"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_mdbook_book_builds_from_its_own_book_toml_into_its_build_dir() {
    let f = book();
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "book.toml:1:1: warning: this is mdBook's book.toml: handbook reads its [book] settings, \
             `src`, `build-dir`, `edit-url-template`, `mathjax-support`, `definition-lists`, `print`, \
             `redirect`, `input-404` and `preprocessor.mermaid` (it draws the diagrams itself), and has no \
             use for `build.create-missing`, `output.html.search`, `rust`; it runs no preprocessor, so \
             what `preprocessor.trpl-listing` writes into pages is missing from them"
        ),
        "{}",
        run.stderr
    );
    assert!(!f.public().exists());
    let zebra = page(&f, "zebra/index.html");
    assert_eq!(
        texts(&zebra, ".hb-header a").first().map(String::as_str),
        Some("Team Book")
    );
    assert_eq!(
        attrs(&zebra, "a", "href")
            .into_iter()
            .filter(|h| h.contains("/edit/"))
            .collect::<Vec<_>>(),
        ["https://git.example.com/book/edit/main/src/zebra.md"]
    );
    // mdbook-mermaid's fences are drawn.
    assert_eq!(
        texts(&zebra, ".hb-diagram-light svg text"),
        ["Zebra", "Stripes"]
    );
}

#[test]
fn the_summary_orders_and_names_the_chapters_and_leaves_out_the_rest() {
    let f = book();
    let run = f.build();
    run.assert_ok();
    let doc = page(&f, "working/anteater/index.html");
    let top: Vec<String> = doc
        .select(&common::sel("#hb-sidebar > ul > li > a"))
        .map(|a| a.text().collect())
        .collect();
    // In the summary's order, not by title; the glossary, listed last, comes last.
    assert_eq!(
        top,
        ["Introduction", "Zebra first", "Working here", "Glossary"]
    );
    assert_eq!(
        texts(&doc, "#hb-sidebar li li > a"),
        ["Onboarding", "Anteater"]
    );
    // The summary's name is the title; a heading that says something else stays the h1.
    let zebra = page(&f, "zebra/index.html");
    // Its part titles head the top list where they begin; its own title is none of them.
    assert_eq!(
        texts(&zebra, "#hb-sidebar > ul > li"),
        [
            "Introduction",
            "Guide",
            "Zebra first",
            "Working here",
            "",
            "Glossary"
        ]
    );
    assert_eq!(texts(&zebra, "#hb-sidebar li.hb-nav-part"), ["Guide"]);
    // The separator (`---`) ends the part: a spacer, not under "Guide".
    assert_eq!(
        attrs(&zebra, "#hb-sidebar > ul > li", "class"),
        [
            "hb-nav-part",
            "hb-open",
            "hb-nav-section hb-nav-parent",
            "hb-nav-spacer"
        ]
    );
    assert_eq!(texts(&zebra, "title"), ["Zebra first · Team Book"]);
    assert_eq!(texts(&zebra, "h1"), ["Zebras"]);
    // A chapter with no heading is named by the summary, without a warning.
    assert_eq!(
        texts(&page(&f, "working/onboarding/index.html"), "h1"),
        ["Onboarding"]
    );
    assert!(!run.stderr.contains("no title"), "{}", run.stderr);
    // mdBook's `folder/index.html` is the folder's README.
    let home = page(&f, "index.html");
    assert_eq!(
        attrs(&home, ".hb-content a", "href"),
        ["glossary/index.html", "working/index.html"]
    );
    // What the summary does not list is left out, said once; SUMMARY.md is no page.
    assert!(!f.root().join("out/snippet").exists());
    assert!(!f.root().join("out/SUMMARY").exists());
    assert!(
        run.stderr.contains(
            "src/SUMMARY.md: warning: 1 page is not listed here, so left out of the book: snippet.md"
        ),
        "{}",
        run.stderr
    );
    // Folders need no index file of their own in a book.
    assert!(!run.stderr.contains("no _index.md"), "{}", run.stderr);
}

#[test]
fn the_books_404_md_is_its_not_found_page_and_no_unlisted_chapter() {
    let f = book();
    f.file(
        "src/404.md",
        "# Document not found (404)\n\nThis URL is invalid. Try the [glossary](glossary.md).\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "src/SUMMARY.md: warning: 1 page is not listed here, so left out of the book: snippet.md"
        ),
        "{}",
        run.stderr
    );
    let doc = page(&f, "404.html");
    assert_eq!(texts(&doc, "main h1"), ["Document not found (404)"]);
    assert_eq!(
        attrs(&doc, "main .hb-content a", "href"),
        ["/glossary/index.html"]
    );
    // Not a chapter: no page of its own, no old address to redirect, not in the sidebar.
    assert!(!f.root().join("out/404").exists());
    assert!(!texts(&page(&f, "index.html"), "nav")
        .concat()
        .contains("Document not found"));

    // mdBook's `input-404` names another file.
    let toml = std::fs::read_to_string(f.root().join("book.toml")).unwrap();
    f.file(
        "book.toml",
        &toml.replace(
            "[output.html]\n",
            "[output.html]\ninput-404 = \"lost.md\"\n",
        ),
    );
    std::fs::rename(f.root().join("src/404.md"), f.root().join("src/lost.md")).unwrap();
    let run = f.build();
    run.assert_ok();
    assert!(
        !run.stderr.contains("output.html.input-404"),
        "read, not ignored: {}",
        run.stderr
    );
    assert_eq!(
        texts(&page(&f, "404.html"), "main h1"),
        ["Document not found (404)"]
    );
    assert!(!f.root().join("out/lost").exists());
    assert!(!f.root().join("out/lost.html").exists());

    // A chapter with chapters under it stays a chapter, and the book is told so in its terms.
    f.file(
        "book.toml",
        &toml.replace(
            "[output.html]\n",
            "[output.html]\ninput-404 = \"working/README.md\"\n",
        ),
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "src/working/README.md: warning: `working/README.md` cannot be the not-found page: \
             it is a section's page"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`[output.html] input-404`"),
        "{}",
        run.stderr
    );
    assert_eq!(texts(&page(&f, "404.html"), "main h1"), ["Page not found"]);
    assert!(texts(&page(&f, "index.html"), "nav")
        .concat()
        .contains("Working here"));
}

/// mdBook checks no link: without mdbook-linkcheck's renderer, a broken link or anchor is a
/// warning and the book builds, as it does in mdBook; a chapter missing from the summary still
/// fails it.
#[test]
fn without_linkcheck_broken_links_are_warnings_but_a_missing_chapter_is_not() {
    let f = book();
    let toml = std::fs::read_to_string(f.root().join("book.toml")).unwrap();
    f.file("book.toml", &toml.replace("[output.linkcheck]\n", ""));
    f.file(
        "src/zebra.md",
        "# Zebras\n\nSee [std](../std/index.html), [gone](gone.md) and [terms](glossary.md#terms).\n",
    );
    let run = f.build();
    run.assert_ok();
    for expected in [
        "src/zebra.md:3:5: warning: broken link",
        "src/zebra.md:3:31: warning: broken link: `gone.md` points to gone.md",
        "src/zebra.md:3:51: warning: broken link: glossary.md has no heading `#terms`",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    f.file(
        "src/SUMMARY.md",
        "# Summary\n\n- [Zebra](zebra.md)\n- [Gone](gone.md)\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "src/SUMMARY.md:4:3: error: broken link: the chapter `gone.md` points to gone.md, which does not exist"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_chapter_and_a_link_to_an_unlisted_page_are_errors() {
    let f = book();
    f.file(
        "src/SUMMARY.md",
        "# Summary\n\n- [Zebra](zebra.md)\n- [Gone](gone.md)\n",
    );
    f.file(
        "src/zebra.md",
        "# Zebras\n\nSee [the snippet](snippet.md).\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "src/SUMMARY.md:4:3: error: broken link: the chapter `gone.md` points to gone.md, which does not exist",
        "src/zebra.md:3:5: error: broken link: `snippet.md` is not listed in SUMMARY.md, so it is not part of the book",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
}

#[test]
fn a_book_made_by_mdbook_init_builds_from_src_into_book() {
    let f = Fixture::new();
    std::fs::remove_dir_all(f.root().join("content")).unwrap();
    f.file("book.toml", "[book]\ntitle = \"Plain\"\n");
    f.file(
        "src/SUMMARY.md",
        "# Summary\n\n- [Chapter 1](chapter_1.md)\n",
    );
    f.file("src/chapter_1.md", "# Chapter 1\n");
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("mdBook's book.toml"), "{}", run.stderr);
    // With no README, the book opens on its first chapter, as mdBook's does; the chapter's
    // mdBook address leads there.
    assert_eq!(texts(&f.html_in("book", "index.html"), "h1"), ["Chapter 1"]);
    assert_eq!(
        attrs(
            &f.html_in("book", "chapter_1.html"),
            "link[rel=canonical]",
            "href"
        ),
        ["index.html"]
    );
}

#[test]
fn includes_are_put_in_and_positions_stay_those_of_the_file() {
    let f = book();
    f.file(
        "code/zebra.rs",
        "// ANCHOR: all\nuse std::io;\n// ANCHOR: main\nfn main() {\n    run();\n}\n// ANCHOR_END: main\n// ANCHOR_END: all\n",
    );
    f.file(
        "src/parts/shared.md",
        "Shared *text*.\n\n{{#include deeper.md}}\n",
    );
    f.file("src/parts/deeper.md", "Deeper text.\n");
    f.file(
        "src/zebra.md",
        "# Zebras\n\n```rust\n{{#include ../code/zebra.rs:main}}\n```\n\n```text\n{{#include ../code/zebra.rs:4:5}}\n```\n\n{{#include parts/shared.md}}\n\n{{#playground ../code/zebra.rs editable}}\n\nWrite \\{{#include file.rs}} to include; `{{#include}}`d text.\n\n[broken](nowhere.md)\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The broken link after four includes is reported where the file has it.
    assert!(
        run.stderr
            .contains("src/zebra.md:17:1: error: broken link: `nowhere.md`"),
        "{}",
        run.stderr
    );
    // Files a chapter includes, directly or through another, are parts of it, not chapters
    // the summary forgot: mdBook says nothing of them.
    assert!(
        run.stderr.contains(
            "src/SUMMARY.md: warning: 1 page is not listed here, so left out of the book: snippet.md\n"
        ),
        "{}",
        run.stderr
    );
    f.file(
        "src/zebra.md",
        "# Zebras\n\n```rust\n{{#include ../code/zebra.rs:main}}\n```\n\n```text\n{{#include ../code/zebra.rs:4:5}}\n```\n\n{{#include parts/shared.md}}\n\n{{#playground ../code/zebra.rs editable}}\n\nWrite \\{{#include file.rs}} to include; `{{#include}}`d text.\n",
    );
    f.file("src/README.md", "# Welcome\n");
    f.file(
        "src/SUMMARY.md",
        "[Welcome](README.md)\n- [Zebra](zebra.md)\n- [Shared](parts/shared.md)\n- [Deeper](parts/deeper.md)\n",
    );
    let run = f.build();
    run.assert_ok();
    let zebra = page(&f, "zebra/index.html");
    assert_eq!(
        texts(&zebra, ".hb-content pre code"),
        [
            "fn main() {\n    run();\n}",
            "fn main() {\n    run();",
            // The whole file, as mdBook includes it: with its anchor lines.
            "// ANCHOR: all\nuse std::io;\n// ANCHOR: main\nfn main() {\n    run();\n}\n// ANCHOR_END: main\n// ANCHOR_END: all",
        ]
    );
    assert_eq!(
        attrs(&zebra, ".hb-content pre code", "class")[2],
        "language-rust editable"
    );
    let text: Vec<String> = texts(&zebra, ".hb-content > p");
    assert_eq!(
        text,
        [
            "Shared text.",
            "Deeper text.",
            "Write {{#include file.rs}} to include; {{#include}}d text."
        ]
    );
}

#[test]
fn an_include_that_cannot_be_read_is_an_error_at_its_line() {
    let f = book();
    f.file(
        ".git/config",
        "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n",
    );
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let secret = outside.path().join("secret.txt");
    f.file("code/a.rs", "fn a() {}\n");
    f.file(
        "src/zebra.md",
        &format!(
            "# Zebras\n\n{{{{#include missing.rs}}}}\n\n{{{{#include ../code/a.rs:nothing}}}}\n\n{{{{#include {}}}}}\n\n{{{{#title Stripes}}}}\n\n{{{{#include ../.git/config}}}}\n",
            secret.display()
        ),
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "src/zebra.md:3:1: error: cannot include `missing.rs`: there is no such file",
        "src/zebra.md:5:1: error: `../code/a.rs` has no anchor `nothing` (a line `ANCHOR: nothing`)",
        "it is outside the book's repository",
        "src/zebra.md:9:1: warning: mdBook's `{{#title ...}}` is not read by handbook: it shows as written",
        "src/zebra.md:11:1: error: cannot include `../.git/config`: it is in a hidden folder or is a hidden file",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("secret\n"), "{}", run.stderr);
}

#[test]
fn hidden_lines_of_rust_examples_are_not_shown() {
    let code = "```rust,ignore\n# use std::io;\n#\nfn main() {\n    #[allow(unused)]\n    ## not hidden\n}\n```\n\n```python\n# a comment\n```\n";
    let f = book();
    f.file("src/zebra.md", &format!("# Zebras\n\n{code}"));
    f.build().assert_ok();
    assert_eq!(
        texts(&page(&f, "zebra/index.html"), ".hb-content pre code"),
        [
            "fn main() {\n    #[allow(unused)]\n    # not hidden\n}",
            "# a comment"
        ]
    );
    // A handbook not written for mdBook shows its code, and its `{{#...}}`, as written.
    let f = Fixture::new();
    f.page(
        "a.md",
        "A",
        &format!("{code}\n{{{{#include x.rs}}}} and {{{{#each people}}}}\n"),
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let doc = f.html("a/index.html");
    assert_eq!(
        texts(&doc, ".hb-content pre code")[0],
        "# use std::io;\n#\nfn main() {\n    #[allow(unused)]\n    ## not hidden\n}"
    );
    assert_eq!(
        texts(&doc, ".hb-content p"),
        ["{{#include x.rs}} and {{#each people}}"]
    );
}

#[test]
fn a_gitbook_summary_orders_a_handbook_too() {
    let f = Fixture::new();
    f.file(
        "content/SUMMARY.md",
        "# Table of contents\n\n* [Welcome](README.md)\n\n## Company\n\n* [Values](company/values.md)\n* [About](company/about.md)\n",
    );
    f.file("content/README.md", "# Welcome\n");
    std::fs::remove_file(f.root().join("content/_index.md")).unwrap();
    f.file("content/company/values.md", "# Our values\n");
    f.file("content/company/about.md", "# About us\n");
    f.build().assert_ok();
    // The folder's made-up page is outside the reading order, and so outside the search index.
    for entry in walkdir::WalkDir::new(f.public().join("search")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            assert!(
                !text.contains(&usize::MAX.to_string()),
                "{}",
                entry.path().display()
            );
            assert!(!text.contains("\"Company\""), "{}", entry.path().display());
        }
    }
    // The summary's order, whatever the folders, under its part titles (`## Company`).
    assert_eq!(
        texts(&f.html("company/about/index.html"), "#hb-sidebar > ul > li"),
        ["Welcome", "Company", "Values", "About"]
    );
}

#[test]
fn a_flat_book_is_nested_as_its_summary_nests_it_and_keeps_its_old_addresses() {
    let f = Fixture::new();
    std::fs::remove_dir_all(f.root().join("content")).unwrap();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Flat\"\n\n[output.html.redirect]\n\"/old-start.html\" = \"ch01.html\"\n\"/gone.html\" = \"nowhere.html\"\n",
    );
    f.file(
        "src/SUMMARY.md",
        "[Title page](title.md)\n\n- [Getting started](ch01.md)\n    - [Installing](ch01-01.md)\n        - [On Linux](ch01-01-01.md)\n    - [Hello](ch01-02.md)\n- [Ownership](ch02.md)\n",
    );
    for (file, title) in [
        ("title", "The Book"),
        ("ch01", "Getting started"),
        ("ch01-01", "Installing"),
        ("ch01-01-01", "On Linux"),
        ("ch01-02", "Hello"),
        ("ch02", "Ownership"),
    ] {
        f.file(&format!("src/{file}.md"), &format!("# {title}\n\nText.\n"));
    }
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "book.toml: warning: the redirect from `/gone.html` to `nowhere.html` leads to no page of the book; it is left out"
        ),
        "{}",
        run.stderr
    );
    let linux = f.html_in("book", "ch01-01-01/index.html");
    let top: Vec<String> = linux
        .select(&common::sel("#hb-sidebar > ul > li > a"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(top, ["Title page", "Getting started", "Ownership"]);
    assert_eq!(
        texts(&linux, "#hb-sidebar li.hb-open > a"),
        ["Getting started", "Installing", "On Linux"]
    );
    assert_eq!(
        texts(&linux, ".hb-breadcrumbs a"),
        ["Title page", "Getting started", "Installing"]
    );
    assert_eq!(texts(&linux, ".hb-pager a span"), ["Previous", "Next"]);
    assert_eq!(
        attrs(&linux, ".hb-pager a", "href"),
        ["../ch01-01/index.html", "../ch01-02/index.html"]
    );
    // Every page's mdBook address, and the book's own redirects, lead to it.
    for (old, to) in [
        ("ch01-01-01.html", "ch01-01-01/index.html"),
        ("title.html", "index.html"),
        ("old-start.html", "ch01/index.html"),
    ] {
        let page = f.html_in("book", old);
        assert_eq!(attrs(&page, "link[rel=canonical]", "href"), [to], "{old}");
    }
}

#[test]
fn additional_css_and_js_are_added_and_addresses_elsewhere_left_out() {
    let f = book();
    let toml = std::fs::read_to_string(f.root().join("book.toml"))
        .unwrap()
        .replace(
            "[output.html]\n",
            "[output.html]\nadditional-css = [\"theme/custom.css\"]\n\
         additional-js = [\"https://cdn.example.com/x.js\", \"mermaid.min.js\", \"theme/custom.js\", \"mermaid-init.js\"]\n",
        );
    f.file("book.toml", &toml);
    f.file("theme/custom.css", ".custom { color: red; }\n");
    f.file("theme/custom.js", "console.log('custom');\n");
    // mdbook-mermaid's scripts: handbook draws the diagrams, so they are not loaded.
    f.file("mermaid.min.js", "var mermaid = 'the library';\n");
    f.file(
        "mermaid-init.js",
        "mermaid.initialize({startOnLoad:true});\n",
    );
    let run = f.build();
    run.assert_ok();
    let css = std::fs::read_to_string(f.root().join("out/assets/handbook.css")).unwrap();
    assert!(css.ends_with(".custom { color: red; }\n"));
    let js = std::fs::read_to_string(f.root().join("out/assets/handbook.js")).unwrap();
    assert!(js.ends_with("console.log('custom');\n"));
    assert!(!js.contains("cdn.example.com"));
    assert!(!js.contains("mermaid"), "mermaid's scripts were bundled");
    assert!(
        run.stderr.contains(
            "output.html.additional-js (Mermaid's scripts: handbook draws the diagrams itself)"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("output.html.additional-js (addresses of other sites)"),
        "{}",
        run.stderr
    );
}

/// handbook's own `[build] broken_anchors` is honoured in an mdBook book.toml too.
#[test]
fn broken_anchors_may_be_warnings_in_an_mdbook_book() {
    let f = common::Fixture::empty();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Book\"\nsrc = \"src\"\n[output.html]\n[build]\nbroken_anchors = \"warn\"\n",
    );
    f.file(
        "src/SUMMARY.md",
        "# Summary\n\n- [One](one.md)\n- [Two](two.md)\n",
    );
    f.file("src/one.md", "# One\n\nSee [two](two.md#nowhere).\n");
    f.file("src/two.md", "# Two\n\nText.\n");
    let run = f.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("has no heading `#nowhere`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("has no use for"), "{}", run.stderr);
}

#[test]
fn a_chapter_excluded_from_the_site_says_so() {
    let f = book();
    let toml = std::fs::read_to_string(f.root().join("book.toml")).unwrap();
    f.file(
        "book.toml",
        &toml.replace(
            "create-missing = false\n",
            "create-missing = false\nexclude = [\"working/anteater.md\"]\n",
        ),
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: broken link: the chapter `working/anteater.md` points to working/anteater.md, which is excluded from the site (`working/anteater.md`)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("src/SUMMARY.md:10:"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("take the chapter out of the list in SUMMARY.md"),
        "{}",
        run.stderr
    );
}
