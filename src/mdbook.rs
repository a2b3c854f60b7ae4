//! Books written for mdBook (and GitBook): an mdBook `book.toml` is read for what it says that
//! `handbook` has a use for, and a `SUMMARY.md` at the top of the content folder gives the
//! chapters their order and their titles, as those tools show them.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use toml::{Table, Value};

use crate::diagnostic::{Diagnostic, Position};
use crate::links;
use crate::page::{ParsedPage, TitleSource};
use crate::source::LineIndex;

/// Keys only mdBook's `book.toml` has: one of them makes the file mdBook's.
const MDBOOK_TABLES: &[&str] = &["output", "preprocessor", "rust"];
const MDBOOK_BOOK_KEYS: &[&str] = &["src", "multilingual", "text-direction"];
const MDBOOK_BUILD_KEYS: &[&str] = &[
    "build-dir",
    "create-missing",
    "use-default-preprocessors",
    "extra-watch-dirs",
];

/// `[book]` keys both tools read alike.
const SHARED_BOOK_KEYS: &[&str] = &["title", "description", "language", "authors"];
/// `handbook`'s own `[build]` keys, honoured in an mdBook file too (as `[html]` and `[check]`).
const OWN_BUILD_KEYS: &[&str] = &[
    "content",
    "dest",
    "theme",
    "base_url",
    "broken_links",
    "search",
];

/// Whether a parsed `book.toml` is mdBook's.
pub fn is_mdbook_config(table: &Table) -> bool {
    let has = |table: Option<&Value>, keys: &[&str]| {
        table
            .and_then(Value::as_table)
            .is_some_and(|t| keys.iter().any(|k| t.contains_key(*k)))
    };
    MDBOOK_TABLES.iter().any(|k| table.contains_key(*k))
        || has(table.get("book"), MDBOOK_BOOK_KEYS)
        || has(table.get("build"), MDBOOK_BUILD_KEYS)
}

/// An mdBook `book.toml` turned into `handbook`'s: `[book]` as it is, `src` (default `src`) as
/// the content folder, `build-dir` (default `book`) as the output folder, the HTML renderer's
/// `edit-url-template` as `[html] edit_url` (its `{path}` is the same: the file's path below the
/// book's folder), and `handbook`'s own keys where the file has them. Also returns the mdBook
/// keys left unread, as dotted names.
pub fn convert_config(table: &Table) -> (Table, Vec<String>) {
    let mut ignored = Vec::new();
    let mut book = Table::new();
    let mut build = Table::new();
    let mut html = Table::new();
    let mut out = Table::new();
    build.insert("content".into(), Value::String("src".into()));
    build.insert("dest".into(), Value::String("book".into()));
    for (key, value) in table {
        match (key.as_str(), value) {
            ("book", Value::Table(t)) => {
                for (k, v) in t {
                    if SHARED_BOOK_KEYS.contains(&k.as_str()) {
                        book.insert(k.clone(), v.clone());
                    } else if k == "src" {
                        build.insert("content".into(), v.clone());
                    } else {
                        ignored.push(format!("book.{k}"));
                    }
                }
            }
            ("build", Value::Table(t)) => {
                for (k, v) in t {
                    if k == "build-dir" {
                        build.insert("dest".into(), v.clone());
                    } else if OWN_BUILD_KEYS.contains(&k.as_str()) {
                        build.insert(k.clone(), v.clone());
                    } else {
                        ignored.push(format!("build.{k}"));
                    }
                }
            }
            ("output", Value::Table(t)) => {
                for (renderer, settings) in t {
                    let Some(settings) = settings.as_table().filter(|_| renderer == "html") else {
                        ignored.push(format!("output.{renderer}"));
                        continue;
                    };
                    for (k, v) in settings {
                        if k == "edit-url-template" {
                            html.insert("edit_url".into(), v.clone());
                        } else if k == "smart-punctuation" || k == "curly-quotes" {
                            // handbook always turns quotes and dashes typographic.
                        } else {
                            ignored.push(format!("output.html.{k}"));
                        }
                    }
                }
            }
            ("preprocessor", Value::Table(t)) => {
                ignored.extend(t.keys().map(|k| format!("preprocessor.{k}")));
            }
            ("html", Value::Table(t)) => html.extend(t.clone()),
            ("check", Value::Table(_)) => {
                out.insert(key.clone(), value.clone());
            }
            _ => ignored.push(key.clone()),
        }
    }
    out.insert("book".into(), Value::Table(book));
    out.insert("build".into(), Value::Table(build));
    if !html.is_empty() {
        out.insert("html".into(), Value::Table(html));
    }
    (out, ignored)
}

/// The warning that says which of an mdBook `book.toml`'s settings are not read.
pub fn ignored_settings_warning(path: &Path, ignored: &[String]) -> Option<Diagnostic> {
    if ignored.is_empty() {
        return None;
    }
    let shown: Vec<String> = ignored.iter().map(|k| format!("`{k}`")).collect();
    Some(
        Diagnostic::warning(
            "mdbook-config",
            path,
            format!(
                "this is mdBook's book.toml: handbook reads its [book] settings, `src`, \
                 `build-dir` and `edit-url-template`, and has no use for {}",
                shown.join(", ")
            ),
        )
        .at(Position::new(1, 1))
        .hint(
            "handbook's own settings are listed in its README; remove these once the book no \
             longer builds with mdBook",
        ),
    )
}

/// One chapter that `SUMMARY.md` lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// The chapter's file below the content folder.
    pub rel: String,
    /// The link's text: the chapter's name in the book's navigation.
    pub title: String,
    pub position: Position,
    /// As written in `SUMMARY.md`.
    pub dest: String,
}

/// The chapters a `SUMMARY.md` lists, in order: every link to a Markdown file in its lists and
/// paragraphs (mdBook's prefix, numbered and suffix chapters, GitBook's pages). A draft
/// chapter (`[Later]()`) and links that leave the book are not chapters. `None` when the text
/// lists no chapter at all: it is then an ordinary page.
pub fn chapters(text: &str, body_start: usize) -> Option<Vec<Chapter>> {
    let lines = LineIndex::new(text);
    let body = &text[body_start..];
    let mut out = Vec::new();
    let mut link: Option<(String, usize, String)> = None;
    let mut in_heading = false;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::Link { dest_url, .. }) if !in_heading && link.is_none() => {
                link = Some((dest_url.to_string(), range.start, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, title)) = link.as_mut() {
                    title.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, title)) = link.as_mut() {
                    title.push(' ');
                }
            }
            Event::End(TagEnd::Link) => {
                let Some((dest, start, title)) = link.take() else {
                    continue;
                };
                let path = dest.split(['#', '?']).next().unwrap_or_default();
                if !links::is_markdown(path) || dest.contains("://") || dest.starts_with("//") {
                    continue;
                }
                let path = links::percent_decode(path);
                let Some(rel) = links::normalize("", &path) else {
                    continue;
                };
                out.push(Chapter {
                    rel,
                    title: title.trim().to_string(),
                    position: lines.position(body_start + start),
                    dest,
                });
            }
            _ => {}
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Takes `SUMMARY.md` from the top of the content folder out of `pages` when it lists chapters,
/// as mdBook and GitBook read it: the pages it lists get their place in its order and their
/// names (a title in the front matter still wins; a leading `# Heading` that says something
/// else stays the page's h1), and the pages it does not list are left out of the book (one
/// warning names them). Problems go to `diagnostics` (a chapter whose file is missing), and
/// the `no-title` warnings of pages that now have a name leave it. Returns the pages left out,
/// below the content folder; `None` when there is no summary.
pub fn apply_summary(
    pages: &mut Vec<ParsedPage>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<BTreeSet<String>> {
    let at = pages.iter().position(|p| p.rel == "SUMMARY.md")?;
    let summary = &pages[at];
    let chapters = chapters(&summary.text, summary.body_start)?;
    let summary = pages.remove(at);
    let by_rel: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.rel.clone(), i))
        .collect();
    let mut named = Vec::new();
    for (order, chapter) in chapters.into_iter().enumerate() {
        let Some(&i) = by_rel.get(&chapter.rel) else {
            diagnostics.push(
                Diagnostic::error(
                    "broken-link",
                    &summary.path,
                    format!(
                        "broken link: the chapter `{}` points to {}, which does not exist",
                        chapter.dest, chapter.rel
                    ),
                )
                .at(chapter.position)
                .hint("fix the path (it is relative to SUMMARY.md), or create the page"),
            );
            continue;
        };
        let page = &mut pages[i];
        if page.order.is_some() {
            continue;
        }
        page.order = Some(order);
        if page.title_source == TitleSource::FrontMatter || chapter.title.is_empty() {
            continue;
        }
        if page.title_source == TitleSource::Heading && page.title != chapter.title {
            page.heading = Some(std::mem::take(&mut page.title));
        }
        if page.title_source == TitleSource::FileName {
            named.push(page.path.clone());
        }
        page.title = chapter.title;
        page.title_source = TitleSource::Summary;
    }
    let unlisted: BTreeSet<String> = pages
        .iter()
        .filter(|p| p.order.is_none())
        .map(|p| p.rel.clone())
        .collect();
    if !unlisted.is_empty() {
        let shown: Vec<&str> = unlisted.iter().take(10).map(String::as_str).collect();
        let more = match unlisted.len() - shown.len() {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        diagnostics.push(
            Diagnostic::warning(
                "unlisted",
                &summary.path,
                format!(
                    "{} not listed here, so left out of the book: {}{more}",
                    if unlisted.len() == 1 {
                        "1 page is".to_string()
                    } else {
                        format!("{} pages are", unlisted.len())
                    },
                    shown.join(", ")
                ),
            )
            .hint("list a page in SUMMARY.md to publish it"),
        );
    }
    // What was found in the pages left out is not the book's concern.
    let left_out: HashSet<&Path> = pages
        .iter()
        .filter(|p| p.order.is_none())
        .map(|p| p.path.as_path())
        .collect();
    diagnostics.retain(|d| {
        let named_now = d.code == "no-title" && named.contains(&d.file);
        !(named_now || left_out.contains(d.file.as_path()))
    });
    pages.retain(|p| p.order.is_some());
    Some(unlisted)
}

/// mdBook's text directives (`{{#include file.rs}}`), which `handbook` does not read.
const DIRECTIVES: &[&str] = &[
    "include",
    "rustdoc_include",
    "playground",
    "playpen",
    "title",
];

/// A warning for each of mdBook's directives in a page's text: mdBook replaces them wherever
/// they are (code blocks too) unless a backslash escapes them; here they would show as written.
pub fn directive_warnings(page: &ParsedPage) -> Vec<Diagnostic> {
    let text = &page.text;
    let mut out = Vec::new();
    let mut lines = None;
    for at in memchr::memmem::find_iter(text.as_bytes(), b"{{#") {
        if at < page.body_start || text[..at].ends_with('\\') {
            continue;
        }
        let name: String = text[at + 3..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        // mdBook reads a directive only with something after its name: `{{#include}}` alone
        // is text.
        let after = text[at + 3 + name.len()..].chars().next();
        if !DIRECTIVES.contains(&name.as_str()) || !after.is_some_and(char::is_whitespace) {
            continue;
        }
        let lines = lines.get_or_insert_with(|| LineIndex::new(text));
        out.push(
            Diagnostic::warning(
                "mdbook-directive",
                &page.path,
                format!(
                    "mdBook's `{{{{#{name} ...}}}}` is not read by handbook: it shows as written"
                ),
            )
            .at(lines.position(at))
            .hint("put the text it stands for in the page itself"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapters_are_the_links_to_markdown_in_order_with_their_places() {
        let text = "# Summary\n\n[Intro](README.md)\n\n# Part [not](a.md)\n\n- [One `1`](one.md)\n  - [Two](sub/../two%20b.md#x)\n- [Draft]()\n- [Site](https://example.com/c.md)\n\n---\n\n[End](./end.md)\n";
        let got = chapters(text, 0).unwrap();
        let summary: Vec<(&str, &str, usize, usize)> = got
            .iter()
            .map(|c| {
                let p = c.position;
                (c.rel.as_str(), c.title.as_str(), p.line, p.column)
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("README.md", "Intro", 3, 1),
                ("one.md", "One 1", 7, 3),
                ("two b.md", "Two", 8, 5),
                ("end.md", "End", 14, 1),
            ]
        );
        assert_eq!(
            chapters("# Summary\n\nNo chapters, [a site](https://x.y).\n", 0),
            None
        );
    }

    #[test]
    fn an_mdbook_config_is_read_for_what_handbook_shares_and_keeps_its_own_keys() {
        let table: Table = toml::from_str(
            "[book]\ntitle = \"B\"\nsrc = \"chapters\"\nmultilingual = false\n\
             [build]\nbuild-dir = \"site\"\nbroken_links = \"warn\"\n\
             [check]\nrequire_owner = true\n\
             [output.html]\nedit-url-template = \"https://e/{path}\"\nsmart-punctuation = true\n\
             [output.linkcheck]\nfollow-web-links = true\n",
        )
        .unwrap();
        assert!(is_mdbook_config(&table));
        let (converted, ignored) = convert_config(&table);
        let expected: Table = toml::from_str(
            "[book]\ntitle = \"B\"\n[build]\ncontent = \"chapters\"\ndest = \"site\"\n\
             broken_links = \"warn\"\n[check]\nrequire_owner = true\n\
             [html]\nedit_url = \"https://e/{path}\"\n",
        )
        .unwrap();
        assert_eq!(converted, expected);
        assert_eq!(ignored, ["book.multilingual", "output.linkcheck"]);
        let own: Table =
            toml::from_str("[book]\ntitle = \"H\"\n[build]\ncontent = \"docs\"\n").unwrap();
        assert!(!is_mdbook_config(&own));
    }
}
