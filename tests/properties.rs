//! Invariants over generated inputs (proptest): a page's URL never leaves the output folder,
//! every page gets exactly one URL (or a clash is reported), and the ids of a page are unique.

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};

use handbook::links::Resolver;
use handbook::markdown::{self, Print};
use handbook::page::ParsedPage;
use handbook::site::Site;
use handbook::source::SourceFile;
use proptest::prelude::*;

fn parse(rel: &str, text: &str) -> ParsedPage {
    ParsedPage::parse(SourceFile {
        path: PathBuf::from("content").join(rel),
        rel: rel.to_string(),
        text: text.to_string(),
    })
    .0
}

/// A file or folder name as people write them: letters, digits, spaces, punctuation, accents,
/// invisible marks, and the names that mean something (`_index`, `index`, `README`).
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 _\\-.%#?&+()\\[\\]'\u{e9}\u{fc}\u{200b}\u{200f}\u{4e2d}]{1,12}"
            .prop_filter("hidden names are skipped by the walk", |n| !n
                .starts_with('.')),
        Just("_index".to_string()),
        Just("index".to_string()),
        Just("README".to_string()),
    ]
}

fn rel_path() -> impl Strategy<Value = String> {
    (prop::collection::vec(name(), 0..3), name()).prop_map(|(dirs, file)| {
        let mut parts = dirs;
        parts.push(format!("{file}.md"));
        parts.join("/")
    })
}

fn inside(url: &str) -> bool {
    !url.starts_with('/')
        && !url.contains('\\')
        && !url.chars().any(char::is_control)
        && Path::new(url)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        // The failing input is printed; no regression files beside the tests.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn urls_stay_inside_and_each_page_has_one(
        rels in prop::collection::btree_set(rel_path(), 1..12),
        slugs in prop::collection::vec(prop::option::of("[a-zA-Z0-9 ./\\-]{0,10}"), 12),
    ) {
        let mut pages = vec![parse("_index.md", "---\ntitle: Home\n---\nHi.\n")];
        for (rel, slug) in rels.iter().zip(&slugs) {
            let front = match slug {
                Some(slug) => format!("---\ntitle: T\nslug: \"{}\"\n---\nText.\n", slug.replace('"', "")),
                None => "---\ntitle: T\n---\nText.\n".to_string(),
            };
            pages.push(parse(rel, &front));
        }
        let (site, diagnostics) = Site::from_pages(pages, Path::new("content"), "Props", &|_| {});
        let mut by_url: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (id, page) in site.pages.iter().enumerate() {
            prop_assert!(page.url.is_empty() || page.url.ends_with('/'), "{:?}", page.url);
            prop_assert!(inside(&format!("{}index.html", page.url)), "{:?} from {:?}", page.url, page.parsed.rel);
            by_url.entry(page.url.as_str()).or_default().push(id);
        }
        // Pages that share a URL are reported, naming a file of each.
        for ids in by_url.values().filter(|ids| ids.len() > 1) {
            for &id in ids {
                let page = &site.pages[id];
                let rel = &page.parsed.rel;
                let name = rel.rsplit('/').next().unwrap_or(rel);
                prop_assert!(
                    diagnostics.iter().any(|d| d.is_error()
                        && (d.file == page.parsed.path || d.message.contains(name))),
                    "{rel} shares its URL unreported: {diagnostics:?}"
                );
            }
        }
    }

    #[test]
    fn ids_on_a_page_are_unique(
        headings in prop::collection::vec(("[#]{1,4}", "[a-zA-Z0-9 \u{e9}\\-_]{0,12}", prop::option::of("[a-z0-9\\-]{1,8}")), 0..20),
        notes in prop::collection::vec("[a-z0-9]{1,4}", 0..5),
    ) {
        let mut body = String::new();
        for (level, text, explicit) in &headings {
            body.push_str(&format!("\n{level} {text}"));
            if let Some(id) = explicit {
                body.push_str(&format!(" {{#{id}}}"));
            }
            body.push_str("\n\nText.\n");
        }
        for note in &notes {
            body.push_str(&format!("\nA claim.[^{note}]\n\n[^{note}]: The source.\n"));
        }
        let pages = vec![
            parse("_index.md", "---\ntitle: Home\n---\nHi.\n"),
            parse("page.md", &format!("---\ntitle: Page\n---\n{body}")),
        ];
        let (site, _) = Site::from_pages(pages, Path::new("content"), "Props", &|_| {});
        let assets = HashSet::new();
        let resolver = Resolver::new(&site, &assets, Path::new("content"));
        for id in 0..site.pages.len() {
            let rendered = markdown::render(id, &resolver, Print::Also);
            for html in [&rendered.html, &rendered.print_html] {
                let doc = scraper::Html::parse_fragment(html);
                let selector = scraper::Selector::parse("[id]").unwrap();
                let mut seen = HashSet::new();
                for element in doc.select(&selector) {
                    let value = element.value().attr("id").unwrap_or_default().to_string();
                    prop_assert!(seen.insert(value.clone()), "id {value:?} twice in {html}");
                }
            }
        }
    }
}
