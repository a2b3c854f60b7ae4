//! Books written for mdBook (and GitBook): an mdBook `book.toml` is read for what it says that
//! `handbook` has a use for, and a `SUMMARY.md` at the top of the content folder gives the
//! chapters their order and their titles, as those tools show them.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use toml::{Table, Value};

use crate::checks::Redirect;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Position};
use crate::include::{IncludeError, Reader};
use crate::links;
use crate::page::{PageKind, ParsedPage, Splice, TitleSource};
use crate::site::{PageId, Site};
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
    "broken_anchors",
    "search",
    "highlight",
    "line_numbers",
    "exclude",
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
pub fn convert_config(table: &Table) -> (Table, Vec<String>, MdBook) {
    let mut book_settings = MdBook::default();
    let mut ignored = Vec::new();
    let mut book = Table::new();
    let mut build = Table::new();
    let mut html = Table::new();
    let mut out = Table::new();
    build.insert("content".into(), Value::String("src".into()));
    build.insert("dest".into(), Value::String("book".into()));
    // mdbook-linkcheck's renderer: the book's links are checked, and a broken one fails it.
    let mut linkcheck = false;
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
                    if renderer == "linkcheck" {
                        linkcheck = true;
                        // Its options are about the web and the file tree: handbook checks
                        // the book's own links, never a web address.
                        let options = settings.as_table().into_iter().flat_map(|t| t.keys());
                        ignored.extend(options.map(|k| format!("output.linkcheck.{k}")));
                        continue;
                    }
                    let Some(settings) = settings.as_table().filter(|_| renderer == "html") else {
                        ignored.push(format!("output.{renderer}"));
                        continue;
                    };
                    for (k, v) in settings {
                        if k == "edit-url-template" {
                            html.insert("edit_url".into(), v.clone());
                        } else if let ("redirect", Some(table)) = (k.as_str(), v.as_table()) {
                            book_settings.redirects.extend(table.iter().filter_map(
                                |(from, to)| Some((from.clone(), to.as_str()?.to_string())),
                            ));
                        } else if let ("additional-css" | "additional-js", Some(files)) =
                            (k.as_str(), v.as_array())
                        {
                            // The book's own style sheets and scripts; addresses of other
                            // sites are left out (the site loads nothing from elsewhere).
                            let key = if k == "additional-css" {
                                "extra_css"
                            } else {
                                "extra_js"
                            };
                            let (local, remote): (Vec<&Value>, Vec<&Value>) = files
                                .iter()
                                .partition(|f| f.as_str().is_some_and(|f| !f.contains("://")));
                            // mdbook-mermaid's scripts (`mdbook-mermaid install` lists them):
                            // handbook draws the diagrams when it builds.
                            let (mermaid, local): (Vec<&Value>, Vec<&Value>) =
                                local.into_iter().partition(|f| {
                                    f.as_str().is_some_and(|f| {
                                        let name = f.rsplit('/').next().unwrap_or(f);
                                        matches!(
                                            name,
                                            "mermaid.min.js" | "mermaid-init.js" | "mermaid.js"
                                        )
                                    })
                                });
                            html.insert(
                                key.into(),
                                Value::Array(local.into_iter().cloned().collect()),
                            );
                            if !remote.is_empty() {
                                ignored.push(format!("output.html.{k} (addresses of other sites)"));
                            }
                            if !mermaid.is_empty() {
                                ignored.push(format!(
                                    "output.html.{k} (Mermaid's scripts: handbook draws the diagrams itself)"
                                ));
                            }
                        } else if let ("print", Some(enable)) =
                            (k.as_str(), v.get("enable").and_then(toml::Value::as_bool))
                        {
                            // `[output.html.print] enable = false`: no print view.
                            html.insert("print".into(), toml::Value::Boolean(enable));
                        } else if let ("input-404", Some(file)) = (k.as_str(), v.as_str()) {
                            // The not-found page's file, from the content folder.
                            html.insert("not_found".into(), Value::String(file.into()));
                        } else if k == "definition-lists" {
                            book_settings.no_definition_lists = v.as_bool() == Some(false);
                        } else if k == "mathjax-support" {
                            // `\\( … \\)` is math ([`crate::math::Syntax::MathJax`]).
                            build.insert("math".into(), v.clone());
                        } else if k == "smart-punctuation" || k == "curly-quotes" {
                            book_settings.no_smart_punctuation = v.as_bool() == Some(false);
                        } else {
                            ignored.push(format!("output.html.{k}"));
                        }
                    }
                }
            }
            ("preprocessor", Value::Table(t)) => {
                // `mdbook-mermaid`'s fences are drawn by handbook itself.
                ignored.extend(
                    t.keys()
                        .filter(|k| *k != "mermaid")
                        .map(|k| format!("preprocessor.{k}")),
                );
            }
            ("html", Value::Table(t)) => html.extend(t.clone()),
            ("check" | "translations", Value::Table(_)) => {
                out.insert(key.clone(), value.clone());
            }
            _ => ignored.push(key.clone()),
        }
    }
    // mdBook checks no link: without mdbook-linkcheck a broken one is a warning, as a book
    // that builds in mdBook must build here (its own `broken_links` still says otherwise).
    // (`broken_anchors` follows `broken_links` when only that is set.)
    if !linkcheck && !build.contains_key("broken_links") {
        build.insert("broken_links".into(), Value::String("warn".into()));
        build
            .entry("broken_anchors")
            .or_insert_with(|| Value::String("warn".into()));
    }
    out.insert("book".into(), Value::Table(book));
    out.insert("build".into(), Value::Table(build));
    if !html.is_empty() {
        out.insert("html".into(), Value::Table(html));
    }
    (out, ignored, book_settings)
}

/// What an mdBook `book.toml` says that handbook keeps beside its own settings.
#[derive(Debug, Clone, Default)]
pub struct MdBook {
    /// `[output.html.redirect]`: old address (`/old.html`) and where it goes (`new.html`,
    /// relative to the old one).
    pub redirects: Vec<(String, String)>,
    /// `[output.html] definition-lists = false`: `: Definition` lines are text, where mdBook's
    /// default makes them a definition list.
    pub no_definition_lists: bool,
    /// `[output.html] smart-punctuation = false` (or `curly-quotes`): quotes stay as typed.
    pub no_smart_punctuation: bool,
}

/// The addresses an mdBook book's pages had (`guide/setup.html` for `guide/setup.md`, now at
/// `guide/setup/`) and its `[output.html.redirect]`s, as redirect pages to write: a book moved
/// over keeps every link to it working. Addresses the site already uses are left alone; a
/// redirect that leads to no page is a warning.
pub fn old_addresses(
    site: &Site,
    settings: &MdBook,
    config_path: &Path,
    taken: &HashSet<String>,
    aliases: &[Redirect],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Redirect> {
    let old_address = |rel: &str| {
        let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        if crate::page::is_index_name(name) {
            format!("{prefix}index.html")
        } else {
            format!("{prefix}{}.html", crate::links::markdown_stem(name))
        }
    };
    let by_old: HashMap<String, PageId> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.generated)
        .map(|(id, p)| (old_address(&p.parsed.rel), id))
        .collect();
    let mut redirects = crate::checks::Redirects::new(site, taken, aliases);
    for (from, to) in &settings.redirects {
        let Some(old) = links::normalize("", from).filter(|o| !o.is_empty()) else {
            continue;
        };
        let dir = old.rsplit_once('/').map_or("", |(dir, _)| dir);
        let target = to.split(['#', '?']).next().unwrap_or_default();
        let id = links::normalize(dir, target).and_then(|t| by_old.get(&t).copied());
        match id {
            Some(id) => redirects.add(old, id),
            None => diagnostics.push(
                Diagnostic::warning(
                    "mdbook-redirect",
                    config_path,
                    format!("the redirect from `{from}` to `{to}` leads to no page of the book; it is left out"),
                )
                .hint("point it at a chapter's .html address, relative to the old one"),
            ),
        }
    }
    let mut pages: Vec<(&String, &PageId)> = by_old.iter().collect();
    pages.sort();
    for (old, &id) in pages {
        redirects.add(old.clone(), id);
    }
    redirects.out
}

/// The warning that says which of an mdBook `book.toml`'s settings are not read.
pub fn ignored_settings_warning(path: &Path, ignored: &[String]) -> Option<Diagnostic> {
    if ignored.is_empty() {
        return None;
    }
    let (run, unread): (Vec<&String>, Vec<&String>) =
        ignored.iter().partition(|k| k.starts_with("preprocessor."));
    let shown = |keys: &[&String]| {
        keys.iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // Preprocessors are programs that write into the pages: what they write is missing.
    let not_run = match run.len() {
        0 => String::new(),
        1 => format!(
            "; it runs no preprocessor, so what {} writes into pages is missing from them",
            shown(&run)
        ),
        _ => format!(
            "; it runs no preprocessor, so what {} write into pages is missing from them",
            shown(&run)
        ),
    };
    let unread = match unread.is_empty() {
        true => String::new(),
        false => format!(", and has no use for {}", shown(&unread)),
    };
    Some(
        Diagnostic::warning(
            "mdbook-config",
            path,
            format!(
                "this is mdBook's book.toml: handbook reads its [book] settings, `src`, \
                 `build-dir`, `edit-url-template`, `mathjax-support`, `definition-lists`, `print`, \
                 `redirect`, `input-404` and `preprocessor.mermaid` (it draws the diagrams itself){unread}{not_run}",
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
    /// The chapter's file below the content folder (for a group, the folder its pages share).
    pub rel: String,
    /// A group of the chapters after it, deeper, with no page of its own (MkDocs' nested
    /// `- Blogs: [...]` without an index page): `title` names it.
    pub group: bool,
    /// The link's text: the chapter's name in the book's navigation.
    pub title: String,
    pub position: Position,
    /// As written in `SUMMARY.md`.
    pub dest: String,
    /// How deep in the summary's lists: 0 for a top chapter (and for mdBook's prefix and
    /// suffix chapters, written outside the lists).
    pub depth: usize,
    /// The part this chapter begins: the heading written before it (mdBook's `# Guide`,
    /// GitBook's `## Company`), the summary's own title excepted; empty after a separator
    /// (`---`) with no heading.
    pub part: Option<String>,
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
    let mut lists = 0usize;
    // The heading being read, and the last one read before the next chapter.
    let mut heading = String::new();
    let mut part: Option<String> = None;
    let mut blocks = 0usize;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_)) => lists += 1,
            Event::End(TagEnd::List(_)) => {
                lists = lists.saturating_sub(1);
                blocks += 1;
            }
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                // A heading before anything else is the summary's title, not a part.
                if blocks > 0 && !heading.trim().is_empty() {
                    part = Some(heading.trim().to_string());
                }
                blocks += 1;
            }
            Event::Text(t) | Event::Code(t) if in_heading => heading.push_str(&t),
            // mdBook's separator (`---` between chapters): an untitled part, which the sidebar
            // shows as a spacer; a part title written after it takes its place.
            Event::Rule if lists == 0 && blocks > 0 => {
                part.get_or_insert_with(String::new);
                blocks += 1;
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) => blocks += 1,
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
                    group: false,
                    title: title.trim().to_string(),
                    position: lines.position(body_start + start),
                    dest,
                    depth: lists.saturating_sub(1),
                    part: part.take(),
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
/// the `no-title` warnings of pages that now have a name leave it. `None` when there is no
/// summary.
pub fn apply_summary(
    pages: &mut Vec<ParsedPage>,
    excluded: &crate::source::Exclude,
    not_found: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Summary> {
    let at = pages.iter().position(|p| p.rel == "SUMMARY.md")?;
    let summary = &pages[at];
    let chapters = chapters(&summary.text, summary.body_start)?;
    let summary = pages.remove(at);
    let list = ChapterList {
        path: &summary.path,
        paths_relative_to: "SUMMARY.md",
        listing: "in SUMMARY.md",
        builds_unlisted: false,
        names_win: false,
        excluded,
        not_found,
        not_in_list: None,
    };
    Some(apply_chapters(pages, chapters, &list, diagnostics))
}

/// Where a book lists its chapters, as its messages name it.
pub struct ChapterList<'a> {
    /// The file (`SUMMARY.md`, `mkdocs.yml`).
    pub path: &'a Path,
    /// What the chapters' paths are relative to.
    pub paths_relative_to: &'a str,
    /// Where a page is listed: `in SUMMARY.md`, `in mkdocs.yml's nav`.
    pub listing: &'a str,
    /// Whether pages it does not list are still built (MkDocs builds them, outside its
    /// navigation; mdBook leaves them out).
    pub builds_unlisted: bool,
    /// Whether its names win over a page's front matter `title` (MkDocs: a nav entry's name is
    /// the page's title; in a book, the front matter's is).
    pub names_win: bool,
    /// `[build] exclude`: a chapter naming a file it leaves out says so.
    pub excluded: &'a crate::source::Exclude,
    /// The not-found page's file (`404.md`), which no list names and which is kept.
    pub not_found: &'a str,
    /// Pages meant to be outside the list (MkDocs' `not_in_nav`): not named as unlisted.
    pub not_in_list: Option<&'a crate::source::Exclude>,
}

/// Gives the pages `chapters` lists their place in its order and their names, and leaves the
/// others out of the book ([`apply_summary`], which reads them from `SUMMARY.md`; MkDocs' `nav`
/// gives them too).
pub fn apply_chapters(
    pages: &mut Vec<ParsedPage>,
    chapters: Vec<Chapter>,
    list: &ChapterList,
    diagnostics: &mut Vec<Diagnostic>,
) -> Summary {
    let by_rel: HashMap<String, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.rel.clone(), i))
        .collect();
    let mut named = Vec::new();
    let mut outline = Vec::new();
    // Each page's place in the summary, if it lists it.
    let mut listed: Vec<Option<usize>> = vec![None; pages.len()];
    // The part of a chapter left out passes to the next one.
    let mut pending: Option<String> = None;
    for (order, chapter) in chapters.into_iter().enumerate() {
        let part = chapter.part.clone().or_else(|| pending.take());
        if chapter.group {
            outline.push(OutlineEntry {
                rel: chapter.rel,
                depth: chapter.depth,
                part,
                group: Some(chapter.title),
            });
            continue;
        }
        let Some(&i) = by_rel.get(&chapter.rel) else {
            pending = part;
            let (why, hint) = match list.excluded.leaves_out(&chapter.rel, false) {
                Some(pattern) => (
                    format!("which is excluded from the site (`{pattern}`)"),
                    format!(
                        "take the chapter out of the list {}, or change the patterns that exclude it",
                        list.listing
                    ),
                ),
                None => (
                    "which does not exist".to_string(),
                    format!(
                        "fix the path (it is relative to {}), or create the page",
                        list.paths_relative_to
                    ),
                ),
            };
            // A book fails without its chapter (mdBook's `create-missing` would make the
            // file, which a build here never does); MkDocs' nav is a link like the others.
            let code = if list.builds_unlisted {
                "broken-link"
            } else {
                "missing-chapter"
            };
            diagnostics.push(
                Diagnostic::error(
                    code,
                    list.path,
                    format!(
                        "broken link: the chapter `{}` points to {}, {why}",
                        chapter.dest, chapter.rel
                    ),
                )
                .at(chapter.position)
                .hint(hint),
            );
            continue;
        };
        if listed[i].is_some() {
            pending = part;
            continue;
        }
        listed[i] = Some(order);
        let page = &mut pages[i];
        outline.push(OutlineEntry {
            rel: chapter.rel.clone(),
            depth: chapter.depth,
            part,
            group: None,
        });
        let from_file_name = page.title_source == TitleSource::FileName;
        if take_chapter_name(page, chapter.title, list.names_win) && from_file_name {
            named.push(page.path.clone());
        }
    }
    // Without a page of its own at the top, a book opens on its first chapter (mdBook writes
    // that chapter as index.html too).
    let is_home = |p: &ParsedPage| p.kind == PageKind::Section && p.dir.is_empty();
    if !pages
        .iter()
        .zip(&listed)
        .any(|(p, l)| l.is_some() && is_home(p))
    {
        let first = listed
            .iter()
            .enumerate()
            .filter_map(|(i, l)| Some((l.as_ref()?, i)))
            .min()
            .map(|(_, i)| &mut pages[i])
            .filter(|p| p.source_dir().is_empty() && p.dir.is_empty());
        if let Some(first) = first {
            first.kind = PageKind::Section;
        }
    }
    // The not-found page is in no list, and is kept.
    for (page, l) in pages.iter().zip(listed.iter_mut()) {
        if l.is_none() && page.rel == list.not_found {
            *l = Some(usize::MAX);
        }
    }
    let unlisted: BTreeSet<String> = pages
        .iter()
        .zip(&listed)
        .filter(|(_, l)| l.is_none())
        .map(|(p, _)| p.rel.clone())
        .collect();
    // Files that chapters `{{#include}}` are parts of them, left out of the book without a
    // word, as mdBook leaves them (a tool that builds unlisted pages builds these too).
    let included: HashSet<&Path> = if list.builds_unlisted {
        HashSet::new()
    } else {
        pages
            .iter()
            .filter_map(|p| p.expansion.as_ref())
            .flat_map(|e| e.files.iter().map(PathBuf::as_path))
            .collect()
    };
    let is_included = |page: &ParsedPage| {
        !included.is_empty()
            && std::fs::canonicalize(&page.path).is_ok_and(|real| included.contains(real.as_path()))
    };
    let warned: Vec<&str> = pages
        .iter()
        .filter(|p| unlisted.contains(&p.rel) && !is_included(p))
        .filter(|p| {
            list.not_in_list
                .is_none_or(|patterns| patterns.leaves_out(&p.rel, false).is_none())
        })
        .map(|p| p.rel.as_str())
        .collect();
    if !warned.is_empty() {
        let mut warned = warned;
        warned.sort_unstable();
        let shown = &warned[..warned.len().min(10)];
        let more = match warned.len() - shown.len() {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        let count = if warned.len() == 1 {
            "1 page is".to_string()
        } else {
            format!("{} pages are", warned.len())
        };
        let (what, hint) = if list.builds_unlisted {
            let (them, they) = if warned.len() == 1 {
                ("it", "it is")
            } else {
                ("them", "they are")
            };
            (
                format!("built, and links lead to {them}, but {they} not in the navigation"),
                format!("list a page {} to show it in the navigation", list.listing),
            )
        } else {
            (
                "left out of the book".to_string(),
                format!("list a page {} to publish it", list.listing),
            )
        };
        diagnostics.push(
            Diagnostic::warning(
                "unlisted",
                list.path,
                format!(
                    "{count} not listed here, so {what}: {}{more}",
                    shown.join(", ")
                ),
            )
            .hint(hint),
        );
    }
    // What was found in the pages left out is not the book's concern.
    let left_out: HashSet<&Path> = pages
        .iter()
        .zip(&listed)
        .filter(|(_, l)| l.is_none() && !list.builds_unlisted)
        .map(|(p, _)| p.path.as_path())
        .collect();
    diagnostics.retain(|d| {
        let named_now = d.code == "no-title" && named.contains(&d.file);
        !(named_now || left_out.contains(d.file.as_path()))
    });
    if list.builds_unlisted {
        return Summary {
            unlisted: BTreeSet::new(),
            outline,
        };
    }
    let mut keep = listed.iter().map(Option::is_some);
    pages.retain(|_| keep.next().unwrap_or(false));
    Summary { unlisted, outline }
}

/// Gives a page the name of its chapter in a summary (a `SUMMARY.md`, mkdocs.yml's nav), unless
/// the chapter has no name or the page's front matter names it and `over_front_matter` is false:
/// a title the page took from its first heading stays its heading. Says whether it did.
pub fn take_chapter_name(page: &mut ParsedPage, name: String, over_front_matter: bool) -> bool {
    let named_by_file = page.title_source == TitleSource::FrontMatter && !over_front_matter;
    if named_by_file || name.is_empty() {
        return false;
    }
    if page.title_source == TitleSource::Heading && page.title != name {
        page.heading = Some(std::mem::take(&mut page.title));
    }
    page.title = name;
    page.title_source = TitleSource::Summary;
    true
}

/// What a `SUMMARY.md` makes of a book ([`apply_summary`]).
#[derive(Debug, Clone)]
pub struct Summary {
    /// The pages it does not list, left out of the book, below the content folder.
    pub unlisted: BTreeSet<String>,
    /// The chapters in order with their depth in its lists and the part each begins: the
    /// book's navigation ([`Site::follow_outline`]).
    pub outline: Vec<OutlineEntry>,
}

/// One entry of a book's outline ([`Summary::outline`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    /// The page's file below the content folder; for a group, the folder its pages share.
    pub rel: String,
    /// How deep in the lists.
    pub depth: usize,
    /// The part it begins.
    pub part: Option<String>,
    /// For a group without a page of its own, its name ([`Chapter::group`]).
    pub group: Option<String>,
}

/// How deep included files may include others.
const MAX_INCLUDE_DEPTH: usize = 10;

/// One `{{#name args}}` found in a text, or an escaped `\{{#...}}`.
struct Directive<'t> {
    /// Byte range in the text, the `\` of an escaped one included.
    start: usize,
    end: usize,
    name: &'t str,
    args: &'t str,
    escaped: bool,
    /// `{{#...}}` as written, without the escaping backslash.
    raw: &'t str,
}

/// mdBook's directives in `text`, in order: `{{#name args}}` on one line (mdBook reads one
/// only with something after its name, so `{{#include}}` alone is text).
fn directives(text: &str) -> Vec<Directive<'_>> {
    let mut out: Vec<Directive> = Vec::new();
    for at in memchr::memmem::find_iter(text.as_bytes(), b"{{#") {
        // Inside the one before (`\{{#a \{{#b}}`): part of it.
        if out.last().is_some_and(|d| at < d.end) {
            continue;
        }
        let rest = &text[at + 3..];
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let Some(close) = line.find("}}") else {
            continue;
        };
        let inner = &line[..close];
        let escaped = text[..at].ends_with('\\');
        let name_len = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(inner.len());
        let (name, args) = inner.split_at(name_len);
        if name.is_empty() || (!escaped && !args.starts_with(char::is_whitespace)) {
            continue;
        }
        out.push(Directive {
            start: if escaped { at - 1 } else { at },
            end: at + 3 + close + 2,
            name,
            args: args.trim(),
            escaped,
            raw: &text[at..at + 3 + close + 2],
        });
    }
    out
}

/// Puts mdBook's includes into a page's body as mdBook does, in a book with an mdBook
/// book.toml ([`crate::expand_borrowed_syntax`]): `{{#include file}}` (or `file:3`,
/// `file:3:9`, `file::9`, `file:3:`, `file:anchor`, between `ANCHOR: anchor` and
/// `ANCHOR_END: anchor` lines), `{{#rustdoc_include ...}}` alike (showing the lines it shows
/// first), `{{#playground file attrs}}` as a Rust code block; paths relative to the file, never
/// outside the book's repository ([`Reader`]); included files include in turn. An escaped
/// `\{{#...}}` loses its backslash. `{{#title}}` is not read: a warning. Returns the problems.
pub fn expand_directives(page: &mut ParsedPage, config: &Config) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let found = directives(page.body());
    if found.is_empty() {
        return diagnostics;
    }
    let mut includes = Includes {
        reader: Reader::new(
            &config.root,
            "the path is relative to this page's file",
            "book",
            "book.toml",
        ),
    };
    let dir = page.path.parent().unwrap_or(Path::new("")).to_path_buf();
    let lines = LineIndex::new(&page.text);
    let (expanded, splices) = splice(page.body(), &found, |d| {
        let position = lines.position(page.body_start + d.start);
        match includes.expand(d, &dir, 0) {
            Ok(Some(text)) => return Ok::<_, std::convert::Infallible>(Some(text)),
            Ok(None) => diagnostics.push(
                Diagnostic::warning(
                    "mdbook-directive",
                    &page.path,
                    format!(
                        "mdBook's `{{{{#{} ...}}}}` is not read by handbook: it shows as written",
                        d.name
                    ),
                )
                .at(position)
                .hint("put what it stands for in the page itself"),
            ),
            Err((message, hint)) => diagnostics.push(
                Diagnostic::error("include", &page.path, message)
                    .at(position)
                    .hint(hint),
            ),
        }
        Ok(None)
    })
    .unwrap_or_else(|never| match never {});
    if splices.is_empty() {
        return diagnostics;
    }
    let mut files = includes.reader.files;
    files.sort();
    files.dedup();
    page.replace_body(&expanded, splices, files);
    diagnostics
}

/// `text` with each directive `replace` gives a text for put in its place (the others stay as
/// written), and where each went.
fn splice<E>(
    text: &str,
    found: &[Directive],
    mut replace: impl FnMut(&Directive) -> Result<Option<String>, E>,
) -> Result<(String, Vec<Splice>), E> {
    let mut out = String::with_capacity(text.len());
    let mut splices = Vec::new();
    let mut last = 0;
    for d in found {
        let Some(replacement) = replace(d)? else {
            continue;
        };
        out.push_str(&text[last..d.start]);
        splices.push((out.len(), replacement.len(), d.start, d.end - d.start));
        out.push_str(&replacement);
        last = d.end;
    }
    out.push_str(&text[last..]);
    Ok((out, splices))
}

/// What the includes of one page read, and where they may read it.
struct Includes {
    reader: Reader,
}

impl Includes {
    /// What one directive in a file of the folder `dir` stands for: `None` for one handbook
    /// does not read.
    fn expand(
        &mut self,
        d: &Directive,
        dir: &Path,
        depth: usize,
    ) -> Result<Option<String>, IncludeError> {
        if d.escaped {
            return Ok(Some(d.raw.to_string()));
        }
        let (spec, attrs) = match d.name {
            "include" | "rustdoc_include" => (d.args, None),
            "playground" | "playpen" => match d.args.split_once(char::is_whitespace) {
                Some((spec, attrs)) => (spec, Some(attrs.trim())),
                None => (d.args, Some("")),
            },
            _ => return Ok(None),
        };
        let mut parts = spec.split(':');
        let file = parts.next().unwrap_or_default();
        let range: Vec<&str> = parts.collect();
        let (text, _) = self.reader.read(file, &dir.join(file))?;
        let selected = select(&text, &range).ok_or_else(|| {
            (
                format!("`{file}` has no anchor `{}` (a line `ANCHOR: {}`)", range[0], range[0]),
                "mark the part with `ANCHOR: name` and `ANCHOR_END: name` lines, or include lines by number (`file.rs:3:9`)".to_string(),
            )
        })?;
        let included = dir.join(file);
        let selected =
            self.expand_nested(&selected, included.parent().unwrap_or(dir), depth + 1)?;
        Ok(Some(match attrs {
            None => selected,
            Some("") => format!("```rust\n{selected}\n```"),
            Some(attrs) => format!("```rust,{}\n{selected}\n```", attrs.replace(' ', ",")),
        }))
    }

    /// Includes inside an included text, relative to its own folder.
    fn expand_nested(
        &mut self,
        text: &str,
        dir: &Path,
        depth: usize,
    ) -> Result<String, IncludeError> {
        let found = directives(text);
        if found.is_empty() {
            return Ok(text.to_string());
        }
        if depth >= MAX_INCLUDE_DEPTH {
            return Err((
                format!("includes go more than {MAX_INCLUDE_DEPTH} files deep"),
                "an included file includes itself, directly or through others: break the loop"
                    .into(),
            ));
        }
        splice(text, &found, |d| self.expand(d, dir, depth)).map(|(out, _)| out)
    }
}

/// The lines of `text` a range names: none for the whole text, `[n]` line n alone, `[a, b]`
/// lines a to b (either may be empty), `[name]` the lines between `ANCHOR: name` and
/// `ANCHOR_END: name`, without the lines that mark anchors. `None` when the anchor is missing.
fn select(text: &str, range: &[&str]) -> Option<String> {
    let number = |s: &str| s.trim().parse::<usize>().ok();
    let lines: Vec<&str> = text.lines().collect();
    let pick = |from: usize, to: usize| {
        let from = from.max(1) - 1;
        let to = to.min(lines.len());
        lines.get(from..to.max(from)).unwrap_or_default().join("\n")
    };
    match range {
        [] => Some(text.strip_suffix('\n').unwrap_or(text).to_string()),
        [one] if number(one).is_some() => number(one).map(|n| pick(n.max(1), n.max(1))),
        [from, to]
            if (from.is_empty() || number(from).is_some())
                && (to.is_empty() || number(to).is_some()) =>
        {
            Some(pick(
                number(from).unwrap_or(1),
                number(to).unwrap_or(usize::MAX),
            ))
        }
        [anchor, ..] => {
            let anchor = anchor.trim();
            let marks = |line: &str, key: &str| {
                line.find(key).is_some_and(|i| {
                    let name: String = line[i + key.len()..]
                        .trim_start()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                        .collect();
                    name == anchor
                })
            };
            let start = lines.iter().position(|l| marks(l, "ANCHOR:"))?;
            let kept: Vec<&str> = lines[start + 1..]
                .iter()
                .take_while(|l| !marks(l, "ANCHOR_END:"))
                .filter(|l| !l.contains("ANCHOR:") && !l.contains("ANCHOR_END:"))
                .copied()
                .collect();
            Some(kept.join("\n"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapters_are_the_links_to_markdown_in_order_with_their_places() {
        let text = "# Summary\n\n[Intro](README.md)\n\n# Part [not](a.md)\n\n- [One `1`](one.md)\n  - [Two](sub/../two%20b.md#x)\n- [Draft]()\n- [Site](https://example.com/c.md)\n\n---\n\n[End](./end.md)\n";
        let got = chapters(text, 0).unwrap();
        // (file, name, line, column, depth, part)
        type Read<'a> = (&'a str, &'a str, usize, usize, usize, Option<&'a str>);
        let summary: Vec<Read> = got
            .iter()
            .map(|c| {
                let p = c.position;
                let part = c.part.as_deref();
                (
                    c.rel.as_str(),
                    c.title.as_str(),
                    p.line,
                    p.column,
                    c.depth,
                    part,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("README.md", "Intro", 3, 1, 0, None),
                ("one.md", "One 1", 7, 3, 0, Some("Part not")),
                ("two b.md", "Two", 8, 5, 1, None),
                ("end.md", "End", 14, 1, 0, Some("")),
            ]
        );
        assert_eq!(
            chapters("# Summary\n\nNo chapters, [a site](https://x.y).\n", 0),
            None
        );
    }

    #[test]
    fn line_ranges_and_anchors_select_as_mdbook_does() {
        let text = "a\n// ANCHOR: x\nb\n// ANCHOR: y\nc\n// ANCHOR_END: y\n// ANCHOR_END: x\nd\n";
        let lines = |range: &[&str]| select(text, range);
        assert_eq!(lines(&[]).unwrap(), text.trim_end());
        assert_eq!(lines(&["1"]).unwrap(), "a");
        assert_eq!(lines(&["3", "5"]).unwrap(), "b\n// ANCHOR: y\nc");
        assert_eq!(lines(&["", "1"]).unwrap(), "a");
        assert_eq!(lines(&["8", ""]).unwrap(), "d");
        assert_eq!(lines(&["9"]).unwrap(), "");
        assert_eq!(lines(&["5", "3"]).unwrap(), "");
        assert_eq!(lines(&["0"]).unwrap(), "a");
        assert_eq!(lines(&["x"]).unwrap(), "b\nc");
        assert_eq!(lines(&["y"]).unwrap(), "c");
        assert_eq!(lines(&["z"]), None);
    }

    #[test]
    fn directives_inside_one_another_are_one() {
        let found = directives("Use \\{{#a \\{{#b}} here, {{#include x}}, {{#c}} {{#d y");
        let spans: Vec<(&str, bool, usize, usize)> = found
            .iter()
            .map(|d| (d.name, d.escaped, d.start, d.end))
            .collect();
        assert_eq!(spans, [("a", true, 4, 17), ("include", false, 24, 38)]);
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
        let (converted, ignored, _) = convert_config(&table);
        let expected: Table = toml::from_str(
            "[book]\ntitle = \"B\"\n[build]\ncontent = \"chapters\"\ndest = \"site\"\n\
             broken_links = \"warn\"\n[check]\nrequire_owner = true\n\
             [html]\nedit_url = \"https://e/{path}\"\n",
        )
        .unwrap();
        assert_eq!(converted, expected);
        assert_eq!(
            ignored,
            ["book.multilingual", "output.linkcheck.follow-web-links"]
        );
        // Without mdbook-linkcheck, broken links are warnings, as mdBook checks none.
        let (converted, _, _) = convert_config(&toml::from_str("[book]\ntitle = \"B\"\n").unwrap());
        let build = converted["build"].as_table().unwrap();
        assert_eq!(build["broken_links"].as_str(), Some("warn"));
        assert_eq!(build["broken_anchors"].as_str(), Some("warn"));
        // `broken_links` alone sets anchors too, as in any book.toml.
        let (converted, _, _) = convert_config(
            &toml::from_str("[book]\ntitle = \"B\"\n[build]\nbroken_links = \"error\"\n").unwrap(),
        );
        assert!(converted["build"].get("broken_anchors").is_none());
        let own: Table =
            toml::from_str("[book]\ntitle = \"H\"\n[build]\ncontent = \"docs\"\n").unwrap();
        assert!(!is_mdbook_config(&own));
    }
}
