//! Markdown: a page (its text fuzzed) in a small site, rendered with its links resolved and its
//! print view, must never panic; every id the page's HTML gets is unique; and the print view
//! written in the page's pass is what writing it in full gives.
#![no_main]

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use handbook::config::Config;
use handbook::links::Resolver;
use handbook::markdown::{self, Print};
use handbook::page::ParsedPage;
use handbook::site::Site;
use handbook::source::{decode, SourceFile};
use libfuzzer_sys::fuzz_target;

/// A page as an mdBook book reads it (its directives expanded; no file they name exists
/// here), or as a GitBook book does (its blocks shown as what they stand for).
fn page_of(rel: &str, text: String, gitbook: bool) -> ParsedPage {
    let mut page = ParsedPage::parse(SourceFile {
        path: PathBuf::from("content").join(rel),
        rel: rel.to_string(),
        text,
    })
    .0;
    static MDBOOK: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
    static GITBOOK: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
    if gitbook {
        let book = GITBOOK.get_or_init(|| {
            let mut config = Config::parse("[book]\ntitle = \"F\"\n", Path::new("book.toml"))
                .expect("a book.toml");
            config.gitbook = Some(handbook::gitbook::GitBook::default());
            config
        });
        handbook::gitbook::expand_blocks(&mut page, book);
    } else {
        let book = MDBOOK.get_or_init(|| {
            Config::parse(
                "[book]\ntitle = \"F\"\nsrc = \"content\"\n",
                Path::new("book.toml"),
            )
            .expect("an mdBook book.toml")
        });
        handbook::mdbook::expand_directives(&mut page, book);
    }
    page
}

fn page(rel: &str, text: String) -> ParsedPage {
    page_of(rel, text, false)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data.to_vec()) else {
        return;
    };
    if let Err(difference) = markdown::print_view_agrees(&text) {
        panic!("the print view differs: {difference}");
    }
    let pages = vec![
        page("_index.md", "---\ntitle: Home\n---\nWelcome.\n".into()),
        page(
            "guide/_index.md",
            "---\ntitle: Guide\n---\n## Start here\n\n### Details\n".into(),
        ),
        page("guide/page.md", text.clone()),
        page_of("guide/gitbook.md", text, true),
        page("other.md", "---\ntitle: Other\n---\n## Other part\n".into()),
    ];
    let (site, _) = Site::from_pages(pages, Path::new("content"), "Fuzz");
    let assets: HashSet<String> = ["guide/image.png".to_string()].into();
    let resolver = Resolver::new(&site, &assets, Path::new("content"));
    for id in 0..site.pages.len() {
        let rendered = markdown::render(id, &resolver, Print::Also);
        // Ids written by the renderer are unique on the page.
        let mut seen = HashSet::new();
        for section in &rendered.sections {
            if let Some(id) = &section.id {
                assert!(seen.insert(id.clone()), "heading id {id} twice");
            }
        }
        assert!(!rendered.html.contains('\0'));
    }
});
