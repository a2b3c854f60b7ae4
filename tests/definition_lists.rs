//! `Term` then `: Definition` lines are a definition list where the handbook's Markdown has
//! them (handbook's own, mdBook's and Hugo's by default, MkDocs' with `def_list`), and text
//! where it does not (GitBook, Docusaurus, MkDocs without `def_list`, or turned off).

mod common;

use common::{sel, texts, Fixture};
use scraper::Html;

const GLOSSARY: &str = "# Glossary\n\nEM\n: Engineering manager, who leads **people**.\n\n\
                        TL\n: Tech lead.\n: Also a staff engineer.\n";

/// The terms and definitions of a page, in order, as (`dt` or `dd`, text).
fn entries(page: &Html) -> Vec<(String, String)> {
    page.select(&sel(".hb-content dl > dt, .hb-content dl > dd"))
        .map(|e| {
            let text: String = e.text().collect();
            (e.value().name().to_string(), text.trim().to_string())
        })
        .collect()
}

fn expected() -> Vec<(String, String)> {
    [
        ("dt", "EM"),
        ("dd", "Engineering manager, who leads people."),
        ("dt", "TL"),
        ("dd", "Tech lead."),
        ("dd", "Also a staff engineer."),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}

#[test]
fn a_handbook_glossary_is_a_definition_list_and_search_reads_it() {
    let f = Fixture::new();
    f.file("content/glossary.md", GLOSSARY);
    f.build().assert_ok();
    let page = f.html("glossary/index.html");
    assert_eq!(entries(&page), expected());
    assert_eq!(
        texts(&page, ".hb-content dd strong"),
        ["people"],
        "a definition is Markdown"
    );
    // Terms and definitions stay apart in the text search reads.
    let index: String = std::fs::read_dir(f.public().join("search"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .flat_map(|dir| std::fs::read_dir(dir.path().join("d")).unwrap().flatten())
        .map(|file| std::fs::read_to_string(file.path()).unwrap())
        .collect();
    assert!(
        index.contains("EM Engineering manager, who leads people. TL Tech lead."),
        "{index}"
    );
}

#[test]
fn other_tools_have_definition_lists_as_they_do() {
    let page_of = |f: &Fixture, dest: &str, rel: &str| entries(&f.html_in(dest, rel));

    // mdBook: on unless `definition-lists = false`.
    for (setting, on) in [("", true), ("definition-lists = false\n", false)] {
        let f = Fixture::empty();
        f.file(
            "book.toml",
            &format!("[book]\ntitle = \"Book\"\n[output.html]\n{setting}"),
        );
        f.file("src/SUMMARY.md", "# Summary\n\n[Glossary](README.md)\n");
        f.file("src/README.md", GLOSSARY);
        f.build().assert_ok();
        let found = page_of(&f, "book", "index.html");
        assert_eq!(found.is_empty(), !on, "mdBook {setting:?}: {found:?}");
    }

    // MkDocs: with `def_list` only.
    for (extensions, on) in [("markdown_extensions:\n  - def_list\n", true), ("", false)] {
        let f = Fixture::empty();
        f.file("mkdocs.yml", &format!("site_name: Site\n{extensions}"));
        f.file("docs/index.md", GLOSSARY);
        f.build().assert_ok();
        let found = page_of(&f, "site", "index.html");
        if on {
            assert_eq!(found, expected());
        } else {
            assert!(found.is_empty(), "{found:?}");
        }
    }

    // Hugo: on unless Goldmark's `definitionList` is false (any case).
    for (markup, on) in [
        ("", true),
        (
            "[markup.goldmark.extensions]\ndefinitionlist = false\n",
            false,
        ),
    ] {
        let f = Fixture::empty();
        f.file("hugo.toml", &format!("title = 'Site'\n{markup}"));
        f.file("content/_index.md", "---\ntitle: Home\n---\nHome.\n");
        f.file("content/glossary.md", GLOSSARY);
        f.build().assert_ok();
        let found = page_of(&f, "public", "glossary/index.html");
        assert_eq!(found.is_empty(), !on, "Hugo {markup:?}: {found:?}");
    }

    // Docusaurus (MDX has none).
    let f = Fixture::empty();
    f.file(
        "docusaurus.config.js",
        "module.exports = { title: 'Site' };\n",
    );
    f.file("docs/glossary.md", GLOSSARY);
    f.build().assert_ok();
    assert!(page_of(&f, "build", "glossary/index.html").is_empty());
}

#[test]
fn a_definitions_second_paragraph_is_read_as_the_rest_and_lists_can_be_turned_off() {
    // MkDocs (def_list by way of `extra`): a definition's indented second paragraph is text to
    // the emoji, math and attribute list readers too, not code.
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: Site\nmarkdown_extensions:\n  - extra\n  - pymdownx.emoji\n  - pymdownx.arithmatex\n",
    );
    f.file(
        "docs/index.md",
        "# Glossary\n\nEM\n:   Engineering manager :tada: and \\(a+b\\).\n\n    \
         Second :tada:, \\(x^2\\), [home](index.md){ .md-button }.\n",
    );
    f.build().assert_ok();
    let page = f.html_in("site", "index.html");
    let dd: Vec<String> = texts(&page, ".hb-content dd p");
    assert_eq!(dd.len(), 2, "{dd:?}");
    assert!(
        dd.iter().all(|p| p.contains('🎉') && !p.contains(":tada:")),
        "{dd:?}"
    );
    assert_eq!(page.select(&sel(".hb-content dd math")).count(), 2);
    assert_eq!(page.select(&sel(".hb-content dd a.md-button")).count(), 1);
    assert!(page.select(&sel(".hb-content pre")).next().is_none());

    // A handbook can turn them off.
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n[build]\ndefinition_lists = false\n",
    );
    f.file("content/glossary.md", GLOSSARY);
    f.build().assert_ok();
    assert!(entries(&f.html("glossary/index.html")).is_empty());
}

#[test]
fn hugo_reads_markup_settings_from_its_settings_folder() {
    let f = Fixture::empty();
    f.file("config/_default/hugo.toml", "title = 'Site'\n");
    f.file(
        "config/_default/markup.toml",
        "[goldmark.extensions]\ndefinitionList = false\n\
         [goldmark.extensions.passthrough]\nenable = true\n\
         [goldmark.extensions.passthrough.delimiters]\nblock = [['$$', '$$']]\ninline = [['$', '$']]\n",
    );
    f.file("content/_index.md", "---\ntitle: Home\n---\nHome.\n");
    f.file(
        "content/glossary.md",
        "---\ntitle: Glossary\n---\nTerm\n: text\n\nMath $x^2$, not \\(y\\).\n",
    );
    f.build().assert_ok();
    let page = f.html("glossary/index.html");
    assert!(entries(&page).is_empty());
    // Only the delimiters listed: `\(y\)` is Markdown's `(y)`.
    assert_eq!(page.select(&sel(".hb-content math")).count(), 1);
    let text: String = page
        .select(&sel(".hb-content"))
        .flat_map(|e| e.text())
        .collect();
    assert!(text.contains("not (y)."), "{text}");
}

#[test]
fn a_colon_without_a_space_after_it_starts_no_definition_but_in_mdbook() {
    let text = "# Paths\n\nSee the path\n::std::mem::swap for details.\n\nT3\n:no space\n\n\
                Term\n: a definition\n\n```\n:in code\n```\n";
    let f = Fixture::new();
    f.file("content/paths.md", text);
    f.build().assert_ok();
    let page = f.html("paths/index.html");
    assert_eq!(
        entries(&page),
        [
            ("dt".to_string(), "Term".to_string()),
            ("dd".to_string(), "a definition".to_string())
        ]
    );
    assert_eq!(
        texts(&page, ".hb-content > p"),
        [
            "See the path\n::std::mem::swap for details.",
            "T3\n:no space"
        ]
    );
    assert_eq!(texts(&page, ".hb-content pre code"), [":in code"]);

    // mdBook reads a definition from any line that starts with a colon (pulldown-cmark's rule).
    let f = Fixture::empty();
    f.file("book.toml", "[book]\ntitle = \"Book\"\n");
    f.file("src/SUMMARY.md", "# Summary\n\n[Paths](README.md)\n");
    f.file("src/README.md", text);
    f.build().assert_ok();
    assert_eq!(entries(&f.html_in("book", "index.html")).len(), 6);
}
