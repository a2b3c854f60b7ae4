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
}

#[derive(Debug, Clone)]
pub struct ParsedPage {
    pub path: PathBuf,
    /// The path below the content folder: `skills/empathy.md`.
    pub rel: String,
    /// The folder below the content folder: `skills`, or `` at the top.
    pub dir: String,
    pub kind: PageKind,
    pub meta: FrontMatter,
    pub title: String,
    pub title_source: TitleSource,
    /// This page's own part of its URL (a section's is its folder's).
    pub slug: String,
    pub text: String,
    /// Byte offset and file line where the Markdown body starts (past a heading used as title).
    pub body_start: usize,
    pub body_line: usize,
}

impl ParsedPage {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    pub fn is_draft(&self) -> bool {
        self.meta.draft
    }

    /// Parses a source file; returns the page with its warnings, or every error found.
    pub fn parse(file: SourceFile) -> Result<(ParsedPage, Vec<Diagnostic>), Vec<Diagnostic>> {
        let split = front_matter::split(&file.text, &file.path).map_err(|d| vec![d])?;
        let (meta, mut warnings) = match split.yaml {
            Some((yaml, line)) => {
                front_matter::parse(yaml, line, &file.path).map_err(|d| vec![d])?
            }
            None => (FrontMatter::default(), Vec::new()),
        };
        let body_offset = file.text.len() - split.body.len();
        let (dir, name) = match file.rel.rsplit_once('/') {
            Some((dir, name)) => (dir.to_string(), name),
            None => (String::new(), file.rel.as_str()),
        };
        let kind = if is_index_name(name) {
            PageKind::Section
        } else {
            PageKind::Page
        };
        let stem = name.strip_suffix(".md").unwrap_or(name);
        let own_name = match kind {
            PageKind::Section => dir.rsplit('/').next().unwrap_or(""),
            PageKind::Page => stem,
        };

        let heading = leading_h1(split.body);
        let (mut title, mut title_source) = match &meta.title {
            Some(t) if !t.trim().is_empty() => (t.trim().to_string(), TitleSource::FrontMatter),
            _ => (String::new(), TitleSource::FileName),
        };
        let (mut body_start, mut body_line) = (body_offset, split.body_line);
        if let Some(h) = &heading {
            if title_source == TitleSource::FileName || h.text == title {
                if title_source == TitleSource::FileName {
                    title = h.text.clone();
                    title_source = TitleSource::Heading;
                }
                body_start += h.end;
                body_line += h.lines;
            }
        }
        if title_source == TitleSource::FileName {
            title = title_from_name(own_name);
            if !(kind == PageKind::Section && dir.is_empty()) {
                warnings.push(
                    Diagnostic::warning("no-title", &file.path, format!("page has no title; using \"{title}\" from its file name"))
                        .at(Position::new(1, 1))
                        .hint("add `title: ...` to the front matter, or start the page with a `# Heading`"),
                );
            }
        }
        let slug = match (&meta.slug, kind) {
            (Some(slug), _) => slugify(slug),
            (None, _) => slugify(own_name),
        };
        let page = ParsedPage {
            path: file.path,
            rel: file.rel,
            dir,
            kind,
            meta,
            title,
            title_source,
            slug,
            text: file.text,
            body_start,
            body_line,
        };
        Ok((page, warnings))
    }
}

/// `_index.md`, `index.md` and `README.md` all introduce their folder.
pub fn is_index_name(name: &str) -> bool {
    name == "_index.md" || name == "index.md" || name.eq_ignore_ascii_case("readme.md")
}

struct Heading {
    text: String,
    /// Byte length of the body up to and including the heading line, and its line count.
    end: usize,
    lines: usize,
}

/// The body's first block, when it is an ATX `# heading`.
fn leading_h1(body: &str) -> Option<Heading> {
    let mut offset = 0;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let text = trimmed
            .strip_prefix("# ")?
            .trim()
            .trim_end_matches('#')
            .trim();
        let text: String = text.chars().filter(|c| !matches!(c, '*' | '`')).collect();
        return (!text.is_empty()).then_some(Heading {
            text,
            end: offset,
            lines: i + 1,
        });
    }
    None
}

fn title_from_name(name: &str) -> String {
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

    fn page(rel: &str, text: &str) -> (ParsedPage, Vec<Diagnostic>) {
        let file = SourceFile {
            path: PathBuf::from(rel),
            rel: rel.into(),
            text: text.into(),
        };
        ParsedPage::parse(file).unwrap()
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
    fn title_from_file_name_warns() {
        let (p, w) = page("skills/deep-work.md", "Text\n");
        assert_eq!(p.title, "Deep work");
        assert_eq!(w[0].code, "no-title");
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
