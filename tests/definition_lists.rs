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
