//! One Markdown file parsed into a page: front matter, title, and where its body starts.
//! URLs are given in [`crate::site`], once every folder's slug is known.

use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Position};
use crate::front_matter::{self, FrontMatter};
use crate::slug::slugify;
use crate::source::SourceFile;

/// A folder's own page (`_index.md`, `index.md` or `README.md`) or an ordinary page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Section,
    Page,
}

/// Where a page's title came from, so `check` can ask for a real one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleSource {
    FrontMatter,
    Heading,
    FileName,
    /// The chapter's name in `SUMMARY.md` ([`crate::mdbook`]).
    Summary,
}

#[derive(Debug, Clone)]
pub struct ParsedPage {
    pub path: PathBuf,
    /// The path below the content folder: `skills/empathy.md`.
    pub rel: String,
    /// The section the page belongs to (for an index page, the folder it introduces):
    /// `skills`, or `` at the top.
    pub dir: String,
    pub kind: PageKind,
    pub meta: FrontMatter,
    pub title: String,
    pub title_source: TitleSource,
    /// False when the front matter could not be read: the page then has default settings, and
    /// checks that depend on them are skipped (its error says what to fix).
    pub front_matter_ok: bool,
    /// The leading `# Heading`, when it says something other than the title: shown as the h1.
    pub heading: Option<String>,
    /// The id the leading `# Heading` would have had (its `{#id}`, else made from its text): a
    /// link to it leads to the page's top, where the template writes the h1.
    pub h1_id: Option<String>,
    /// This page's own part of its URL (a section's is its folder's); Docusaurus' `slug:
    /// sub/page` makes it two parts.
    pub slug: String,
    /// The page's whole URL, whatever its folder, when its front matter gives it from the root
    /// (Docusaurus' `slug: /install/linux`: `install/linux/`).
    pub root_url: Option<String>,
    /// Abbreviations the page defines (`*[HTML]: Hyper Text Markup Language`, Python-Markdown's
    /// `abbr` in an MkDocs site), longest first: each use in its text is an `<abbr>` with the
    /// meaning as its title.
    pub abbreviations: Vec<(String, String)>,
    /// When the body is not as written (mdBook's includes put in, GitBook's and MkDocs'
    /// blocks shown as HTML: [`ParsedPage::replace_body`]): how, to tell positions in the file.
    pub expansion: Option<Box<Expansion>>,
    pub text: String,
    /// Byte offset and file line where the Markdown body starts (past a heading used as title).
    pub body_start: usize,
    pub body_line: usize,
}

/// Where a change to a page's body went: (start in the new body, length there, start in the
/// body as written, length there).
pub type Splice = (usize, usize, usize, usize);

/// How a page's body was changed from the body as written ([`ParsedPage::replace_body`]).
#[derive(Debug, Clone)]
pub struct Expansion {
    /// The body as written.
    pub written: String,
    /// Where each change went, in order of both offsets: one list for each time the body was
    /// replaced, the first from the body as written (MkDocs' snippets, then its blocks).
    layers: Vec<Vec<Splice>>,
    /// Every file whose text was put in (mdBook's includes; the preview watches them).
    pub files: Vec<PathBuf>,
}

impl Expansion {
    /// Where an offset of the body is in the body as written: within what a change put in,
    /// the start of what it replaced.
    pub fn written_offset(&self, offset: usize) -> usize {
        self.layers
            .iter()
            .rev()
            .fold(offset, |offset, splices| before_splices(splices, offset))
    }
}

/// Where an offset of a text made by `splices` was in the text they were made from.
fn before_splices(splices: &[Splice], offset: usize) -> usize {
    let i = splices.partition_point(|s| s.0 <= offset);
    let Some(&(start, len, written, written_len)) = i.checked_sub(1).map(|i| &splices[i]) else {
        return offset;
    };
    if offset < start + len {
        written
    } else {
        offset - (start + len) + written + written_len
    }
}

/// Places in a page's file of offsets in its text as it is now, after other tools' syntax was
/// expanded in its body ([`ParsedPage::file_positions`]).
pub struct FilePositions<'p> {
    lines: crate::source::LineIndex<'p>,
    expansion: Option<&'p Expansion>,
    body_start: usize,
    body_line: usize,
}

impl FilePositions<'_> {
    /// The file's line and column of `at`, an offset in the page's text (in the body): within
    /// what an expansion put in, where that stands in the file.
    pub fn position(&self, at: usize) -> Position {
        let offset = at.saturating_sub(self.body_start);
        let written = self.expansion.map_or(offset, |e| e.written_offset(offset));
        let p = self.lines.position(written);
        Position::new(p.line + self.body_line - 1, p.column)
    }
}

impl ParsedPage {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// Where offsets of the page's text, as it is now, are in its file.
    pub fn file_positions(&self) -> FilePositions<'_> {
        let expansion = self.expansion.as_deref();
        FilePositions {
            lines: crate::source::LineIndex::new(
                expansion.map_or(self.body(), |e| e.written.as_str()),
            ),
            expansion,
            body_start: self.body_start,
            body_line: self.body_line,
        }
    }

    /// Puts `body` in place of the page's body, keeping the body as written and where each
    /// change went (`splices`, in order) so that diagnostics name places in the file; `files`
    /// are the files whose text was put in. A body replaced before is replaced again: the
    /// changes go on top of the earlier ones.
    pub(crate) fn replace_body(&mut self, body: &str, splices: Vec<Splice>, files: Vec<PathBuf>) {
        let before = self.text.split_off(self.body_start);
        self.text.push_str(body);
        match &mut self.expansion {
            Some(expansion) => {
                expansion.layers.push(splices);
                expansion.files.extend(files);
            }
            None => {
                self.expansion = Some(Box::new(Expansion {
                    written: before,
                    layers: vec![splices],
                    files,
                }))
            }
        }
    }

    /// Puts texts in place of ranges of the page's body (`(start, end, text)`, in order of their
    /// starts; one that begins inside the one before is left out), as [`ParsedPage::replace_body`]
    /// does. Nothing changes when there is nothing to put in.
    pub(crate) fn replace_ranges(
        &mut self,
        changes: impl IntoIterator<Item = (usize, usize, String)>,
        files: Vec<PathBuf>,
    ) {
        let body = self.body();
        let mut text = String::with_capacity(body.len() + 256);
        let mut splices: Vec<Splice> = Vec::new();
        let mut last = 0;
        for (start, end, put) in changes {
            if start < last {
                continue;
            }
            text.push_str(&body[last..start]);
            splices.push((text.len(), put.len(), start, end - start));
            text.push_str(&put);
            last = end;
        }
        if splices.is_empty() {
            return;
        }
        text.push_str(&body[last..]);
        self.replace_body(&text, splices, files);
    }

    /// Takes the page's text, leaving only what comes before the body (the front matter, all
    /// that is read of the file once its body is rendered: [`ParsedPage::key_position`]); the
    /// [`body`](ParsedPage::body) is then empty.
    pub fn take_text(&mut self) -> String {
        let before_body = self.text[..self.body_start].to_string();
        std::mem::replace(&mut self.text, before_body)
    }

    /// Line `line` of the file (1-based) as written, when it lies in a body that syntax was
    /// expanded in (which keeps the body as written); else `None`.
    pub fn written_line(&self, line: usize) -> Option<&str> {
        let written = &self.expansion.as_deref()?.written;
        written.lines().nth(line.checked_sub(self.body_line)?)
    }

    /// Where a front matter key is written, for diagnostics about its value.
    pub fn key_position(&self, key: &str) -> Option<Position> {
        front_matter::key_position(&self.text[..self.body_start], key, 1)
    }

    /// Where one value of a front matter list is written ([`front_matter::item_position`]).
    pub fn item_position(&self, key: &str, item: &str) -> Option<Position> {
        front_matter::item_position(&self.text[..self.body_start], key, item, 1)
    }

    /// The folder the file is in, which its relative links start from. (`dir` differs for a
    /// `foo.md` that introduces the folder `foo/`.)
    pub fn source_dir(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(dir, _)| dir)
    }

    pub fn is_draft(&self) -> bool {
        self.meta.draft
    }

    /// Parses a source file into a page and the problems found. A page whose front matter is
    /// broken is still returned (with default settings), so links to it do not fail as well.
    pub fn parse(file: SourceFile) -> (ParsedPage, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let (meta, meta_ok, body_start, body_line) =
            match front_matter::split(&file.text, &file.path) {
                Ok(split) => {
                    let offset = file.text.len() - split.body.len();
                    let parsed = match &split.front {
                        Some(block) => front_matter::parse_block(block, &file.path),
                        None => Ok((FrontMatter::default(), Vec::new())),
                    };
                    match parsed {
                        Ok((meta, warnings)) => {
                            diagnostics.extend(warnings);
                            (meta, true, offset, split.body_line)
                        }
                        Err(errors) => {
                            diagnostics.extend(errors);
                            (FrontMatter::default(), false, offset, split.body_line)
                        }
                    }
                }
                Err(d) => {
                    diagnostics.push(d);
                    (
                        FrontMatter::default(),
                        false,
                        file.text.len(),
                        file.text.lines().count() + 1,
                    )
                }
            };
        let (dir, name) = match file.rel.rsplit_once('/') {
            Some((dir, name)) => (dir.to_string(), name.to_string()),
            None => (String::new(), file.rel.clone()),
        };
        let kind = if is_index_name(&name) {
            PageKind::Section
        } else {
            PageKind::Page
        };
        let stem = crate::links::markdown_stem(&name);
        let own_name = match kind {
            PageKind::Section => dir.rsplit('/').next().unwrap_or(""),
            PageKind::Page => stem,
        }
        .to_string();

        // A slug with no letter or digit (`""`, `...`) would make the URL `page/`; the file's
        // name is used instead, and said. (`/`, a Docusaurus slug for the site's root, is
        // read there.)
        let slug = match meta.slug.as_deref().map(slugify) {
            Some(slug) if slug.is_empty() && meta.slug.as_deref().map(str::trim) != Some("/") => {
                diagnostics.push(
                    Diagnostic::warning(
                        "slug",
                        &file.path,
                        format!(
                            "the slug `{}` has no letter or digit; the URL uses the file's name",
                            meta.slug.as_deref().unwrap_or_default()
                        ),
                    )
                    .at_opt(front_matter::key_position(
                        &file.text[..body_start.min(file.text.len())],
                        "slug",
                        1,
                    ))
                    .hint("give the page a slug of words (`slug: my-page`), or remove it"),
                );
                slugify(&own_name)
            }
            Some(slug) => slug,
            None => slugify(&own_name),
        };
        let mut page = ParsedPage {
            slug,
            root_url: None,
            abbreviations: Vec::new(),
            expansion: None,
            title: String::new(),
            title_source: TitleSource::FrontMatter,
            heading: None,
            h1_id: None,
            front_matter_ok: meta_ok,
            body_start,
            body_line,
            path: file.path,
            rel: file.rel,
            dir,
            kind,
            meta,
            text: file.text,
        };
        let title = page
            .meta
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        // A leading `# Heading` is the page's h1, which the template writes: never written twice.
        let heading = leading_h1(page.body(), |_| false);
        if let Some(h) = &heading {
            page.body_start += h.end;
            page.body_line += h.lines;
            page.h1_id = Some(h.id.clone());
        }
        match (title, heading) {
            (Some(title), heading) => {
                // Kept when the same as the title: a summary's name may take the title's place.
                page.heading = heading.map(|h| h.text);
                page.title = title;
            }
            (None, Some(h)) => {
                page.title = h.text;
                page.title_source = TitleSource::Heading;
            }
            (None, None) => {
                page.title = title_from_name(&own_name);
                page.title_source = TitleSource::FileName;
                let home = page.kind == PageKind::Section && page.dir.is_empty();
                if meta_ok && !home {
                    // In the language of the page's front matter: TOML's between `+++` lines.
                    let key = if page.text.starts_with("+++") {
                        "title = \"...\""
                    } else {
                        "title: ..."
                    };
                    diagnostics.push(
                        Diagnostic::warning("no-title", &page.path, no_title_message(&page.title))
                            .at(Position::new(1, 1))
                            .hint(format!(
                            "add `{key}` to the front matter, or start the page with a `# Heading`"
                        )),
                    );
                }
            }
        }
        (page, diagnostics)
    }
}

impl ParsedPage {
    /// Takes a `# Heading` that comes after lines `pass_over` says show nothing (MDX's
    /// `import`s) as [`ParsedPage::parse`] takes one that starts the body: the page's title, or
    /// its heading where the front matter gives another title; those lines go with it. Nothing
    /// changes when the body starts with no such line.
    pub fn take_heading_after(&mut self, pass_over: impl Fn(&str) -> bool) {
        let body = self.body();
        let first = body.lines().map(str::trim).find(|l| !l.is_empty());
        if !first.is_some_and(&pass_over) || self.title_source == TitleSource::Heading {
            return;
        }
        let Some(h) = leading_h1(body, &pass_over) else {
            return;
        };
        self.body_start += h.end;
        self.body_line += h.lines;
        self.h1_id = Some(h.id.clone());
        match self.title_source {
            TitleSource::FileName => {
                self.title = h.text;
                self.title_source = TitleSource::Heading;
            }
            _ => self.heading = Some(h.text),
        }
    }
}

/// The `no-title` warning's message, for a page titled `title` from its file name.
pub fn no_title_message(title: &str) -> String {
    format!("page has no title; using \"{title}\" from its file name")
}

/// `_index.md`, `index.md` and `README.md` (or `.mdx`) all introduce their folder.
pub fn is_index_name(name: &str) -> bool {
    let stem = crate::links::markdown_stem(name);
    stem.len() < name.len()
        && (stem == "_index" || stem == "index" || stem.eq_ignore_ascii_case("readme"))
}

struct Heading {
    /// Its text, as plain text: `` # [`Foo`](url) *now* `` is "Foo now".
    text: String,
    /// Its `{#id}`, else the id its text makes.
    id: String,
    /// Byte length of the body up to and including the heading line, and its line count.
    end: usize,
    lines: usize,
}

/// The body's first block, when it is an ATX `# heading`, past lines `pass_over` says show
/// nothing.
fn leading_h1(body: &str, pass_over: impl Fn(&str) -> bool) -> Option<Heading> {
    let mut offset = 0;
    // Inside an HTML comment before the heading (`<!-- markdownlint-disable -->`, a licence),
    // which shows nothing: it runs to the line that holds `-->`, as Markdown reads it.
    let mut in_comment = false;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        offset += line.len();
        let trimmed = line.trim();
        // A comment starts a line (indented less than four spaces: more is code).
        let indent = line.len() - line.trim_start_matches(' ').len();
        let comment = if in_comment {
            Some(trimmed)
        } else {
            trimmed
                .starts_with("<!--")
                .then_some(trimmed)
                .filter(|_| indent < 4)
        };
        if let Some(comment) = comment {
            // `-->` anywhere on the line ends it (`<!-->` is a whole comment).
            match comment.split_once("-->") {
                // Text after it shows, before the heading.
                Some((_, after)) if !after.trim().is_empty() => return None,
                Some(_) => in_comment = false,
                None => in_comment = true,
            }
            continue;
        }
        if trimmed.is_empty() || pass_over(trimmed) {
            continue;
        }
        trimmed.strip_prefix("# ")?;
        // Read as Markdown reads it: its attributes (`# Title { #id .class }`) are not part of
        // its text, nor are its inline marks (a link shows its text).
        let (text, id) = heading_text(trimmed);
        let text = text.trim().to_string();
        let id = id.unwrap_or_else(|| crate::slug::anchor_id(&text));
        return (!text.is_empty()).then_some(Heading {
            text,
            id,
            end: offset,
            lines: i + 1,
        });
    }
    None
}

/// The plain text of a one-line ATX heading, and its `{#id}` if it has one.
fn heading_text(line: &str) -> (String, Option<String>) {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut text = String::new();
    let mut id = None;
    // Quotes as written: a title's `Don't` is not `Don’t`.
    let options = crate::markdown::options() - pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION;
    for event in Parser::new_ext(line, options) {
        match event {
            Event::Start(Tag::Heading {
                id: Some(given), ..
            }) => id = Some(given.to_string()),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    (text, id)
}

/// A title made from a file or folder name: `deep-work` -> "Deep work".
pub fn title_from_name(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Untitled".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_after_an_include_map_back_to_the_file() {
        // "ab{{#include f}}cd" became "abXYZWcd".
        let expansion = Expansion {
            written: "ab{{#include f}}cd".into(),
            layers: vec![vec![(2, 4, 2, 14)]],
            files: Vec::new(),
        };
        let mapped: Vec<usize> = (0..8).map(|o| expansion.written_offset(o)).collect();
        assert_eq!(mapped, [0, 1, 2, 2, 2, 2, 16, 17]);
    }

    #[test]
    fn a_body_replaced_twice_maps_back_through_both() {
        let (mut page, _) = page("a.md", "ab{{#include f}}cd\n");
        // "ab{{#include f}}cd" -> "abXYZWcd" -> "a<b>XYZWcd" (b wrapped).
        page.replace_body("abXYZWcd\n", vec![(2, 4, 2, 14)], vec![PathBuf::from("f")]);
        page.replace_body("a<b>XYZWcd\n", vec![(1, 3, 1, 1)], vec![PathBuf::from("g")]);
        let expansion = page.expansion.as_deref().unwrap();
        assert_eq!(expansion.written, "ab{{#include f}}cd\n");
        assert_eq!(expansion.files, [PathBuf::from("f"), PathBuf::from("g")]);
        let mapped: Vec<usize> = (0..11).map(|o| expansion.written_offset(o)).collect();
        assert_eq!(mapped, [0, 1, 1, 1, 2, 2, 2, 2, 16, 17, 18]);
    }

    fn page(rel: &str, text: &str) -> (ParsedPage, Vec<Diagnostic>) {
        let file = SourceFile {
            path: PathBuf::from(rel),
            rel: rel.into(),
            text: text.into(),
        };
        ParsedPage::parse(file)
    }

    #[test]
    fn a_title_from_a_heading_leaves_its_attributes_out() {
        for (text, title) in [
            ("# Welcome { #welcome .big }\n", "Welcome"),
            ("# Welcome {#w} ##\n", "Welcome {#w}"),
            ("# Closed ##\n", "Closed"),
            ("# Sets {a} and {b}\n", "Sets {a} and"),
            ("# Braces { open\n", "Braces { open"),
            // Attributes alone are no text: the title is the file's name.
            ("# {#only-attributes}\n", "A"),
            ("# [`Foo`](https://example.com) *bar* {#f}\n", "Foo bar"),
        ] {
            let (p, _) = page("a.md", text);
            assert_eq!(p.title, title, "{text:?}");
        }
    }

    #[test]
    fn title_from_heading_drops_the_heading() {
        let (p, w) = page("a/b.md", "\n# Hello *there*\n\nText\n");
        assert_eq!(
            (p.title.as_str(), p.title_source),
            ("Hello there", TitleSource::Heading)
        );
        assert_eq!(p.body(), "\nText\n");
        assert_eq!(p.body_line, 3);
        assert!(w.is_empty());
    }

    #[test]
    fn a_heading_after_html_comments_is_the_title() {
        let (p, w) = page(
            "guide/deploy.md",
            "<!--\n licence\n-->\n<!-- markdownlint-disable -->\n\n# Deploying a site\n\nText\n",
        );
        assert_eq!(
            (p.title.as_str(), p.title_source),
            ("Deploying a site", TitleSource::Heading)
        );
        assert_eq!(p.body(), "\nText\n");
        assert_eq!(p.body_line, 7);
        assert!(w.is_empty());
        // Other HTML, or text, before it: the heading is the page's own, not its title.
        for text in [
            "<div>x</div>\n\n# Late\n",
            "Intro.\n\n# Late\n",
            "<!-- a --> b\n# Late\n",
            "    <!-- code -->\n\n# Late\n",
            "<!-->\nVisible.\n<!-- -->\n\n# Late\n",
        ] {
            let (p, _) = page("late.md", text);
            assert_eq!(p.title_source, TitleSource::FileName, "{text:?}");
        }
    }

    #[test]
    fn title_from_file_name_warns() {
        let (p, w) = page("skills/deep-work.md", "Text\n");
        assert_eq!(p.title, "Deep work");
        assert_eq!(w[0].code, "no-title");
    }

    #[test]
    fn taking_the_text_keeps_the_front_matter_positions() {
        let text = "---\ntitle: A\nowner: ops\n---\n# Heading\n\nBody\n";
        let (mut p, _) = page("a.md", text);
        let body = p.body().to_string();
        let owner = p.key_position("owner");
        let taken = p.take_text();
        assert_eq!(taken, text);
        assert_eq!(&taken[p.body_start..], body);
        assert_eq!(p.body(), "");
        assert_eq!(p.key_position("owner"), owner);
        assert!(owner.is_some());
    }

    #[test]
    fn section_slug_is_its_folder() {
        let (p, _) = page("Team Rituals/_index.md", "---\ntitle: Rituals\n---\n");
        assert_eq!(
            (p.kind, p.slug.as_str(), p.dir.as_str()),
            (PageKind::Section, "team-rituals", "Team Rituals")
        );
    }
}
