//! Markdown: a page (its text fuzzed) in a small site, rendered with its links resolved and its
//! print view, with TeX math and definition lists read or not, must never panic; every id the
//! page's HTML gets is unique; and the print view
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

/// The tool a fuzzed page's book was written for.
#[derive(Clone, Copy, PartialEq)]
enum Tool {
    MdBook,
    GitBook,
    MkDocs,
    Hugo,
    Zola,
    Docusaurus,
}

/// A page as a book written for `tool` reads it: mdBook's directives expanded (no file they
/// name exists here), GitBook's blocks, MkDocs' admonitions and tabs, Docusaurus' admonitions or
/// Hugo's shortcodes shown as they stand for (Zola's only reported).
fn page_of(rel: &str, text: String, tool: Tool) -> ParsedPage {
    let mut page = ParsedPage::parse(SourceFile {
        path: PathBuf::from("content").join(rel),
        rel: rel.to_string(),
        text,
    })
    .0;
    static MDBOOK: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
    let mdbook = MDBOOK.get_or_init(|| {
        Config::parse(
            "[book]\ntitle = \"F\"\nsrc = \"content\"\n",
            Path::new("book.toml"),
        )
        .expect("an mdBook book.toml")
    });
    match tool {
        Tool::MdBook => drop(handbook::mdbook::expand_directives(&mut page, mdbook)),
        Tool::GitBook => {
            drop(handbook::gitbook::expand_blocks(
                &mut page,
                &Default::default(),
            ));
            handbook::math::expand(&mut page, handbook::math::Syntax::DoubleDollars);
        }
        Tool::MkDocs => {
            // Snippets (from a folder that is not there: their lines are read, no file is),
            // blocks with linked tabs (Material's `content.tabs.link`) or not, as the name
            // falls, attribute lists and abbreviations.
            static SNIPPETS: std::sync::OnceLock<handbook::snippets::Snippets> =
                std::sync::OnceLock::new();
            let snippets = SNIPPETS.get_or_init(|| handbook::snippets::Snippets {
                base_paths: vec![
                    handbook::snippets::BasePath::Fixed(PathBuf::from("/nonexistent-fuzz")),
                    handbook::snippets::BasePath::PageFolder(PathBuf::new()),
                ],
                check_paths: rel.len() % 3 == 0,
                auto_append: vec!["abbreviations.md".into()],
                restrict_base_path: true,
                dedent_subsections: true,
                url_download: false,
                site_root: PathBuf::from("/nonexistent-fuzz"),
            });
            drop(handbook::snippets::expand(&mut page, snippets));
            drop(handbook::mkdocs::expand_blocks(
                &mut page,
                rel.len() % 2 == 0,
            ));
            handbook::mkdocs::apply_attribute_lists(&mut page);
            handbook::mkdocs::take_abbreviations(&mut page);
            let on = rel.len() % 5 != 0;
            handbook::mkdocs::expand_inline_marks(
                &mut page,
                handbook::mkdocs::Marks {
                    mark: on,
                    insert: on,
                    keys: on,
                    superscript: on,
                    subscript: on,
                },
            );
            handbook::math::expand(&mut page, handbook::math::Syntax::Arithmatex);
        }
        Tool::Hugo => {
            drop(handbook::hugo::expand_shortcodes(
                &mut page,
                &Default::default(),
                &Default::default(),
            ));
            let n = rel.len();
            let delimiters = handbook::math::HugoDelimiters {
                round: n % 2 == 0,
                dollar: n % 3 == 0,
                square: n % 5 != 0,
                double_dollar: n % 7 != 0,
            };
            handbook::math::expand(&mut page, handbook::math::Syntax::Hugo(delimiters));
        }
        Tool::Zola => drop(handbook::hugo::warn_zola_shortcodes(&mut page)),
        Tool::Docusaurus => {
            handbook::docusaurus::adopt_id(&mut page);
            drop(handbook::docusaurus::expand_components(&mut page));
            drop(handbook::docusaurus::expand_admonitions(
                &mut page,
                &Default::default(),
            ));
        }
    }
    page
}

fn page(rel: &str, text: String) -> ParsedPage {
    page_of(rel, text, Tool::MdBook)
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
        page_of("guide/gitbook.md", text.clone(), Tool::GitBook),
        page_of("guide/mkdocs.md", text.clone(), Tool::MkDocs),
        page_of("guide/hugo.md", text.clone(), Tool::Hugo),
        page_of("guide/zola.md", text.clone(), Tool::Zola),
        page_of("guide/docusaurus.md", text, Tool::Docusaurus),
        page("other.md", "---\ntitle: Other\n---\n## Other part\n".into()),
    ];
    let (mut site, _) = Site::from_pages(pages, Path::new("content"), "Fuzz", &|_| {});
    // TeX math read (`$…$`, and what the GitBook and MkDocs pages' delimiters became), or not.
    site.math = data.len() % 2 == 0;
    site.definition_lists = data.len() % 3 == 0;
    // Bare addresses as links, and MkDocs' raw HTML read from the page's URL, or not.
    site.autolinks = data.len() % 5 != 0;
    site.html_addresses_from_url = data.len() % 7 == 0;
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
