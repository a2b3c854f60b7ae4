//! Attribute lists on a line of their own, as kramdown (Jekyll's Markdown) reads them:
//! `{: .class #id key="value"}` on the line right after a block, or right before one, gives
//! that block those attributes; `{:toc}` after a one-item list (`* TOC`) puts the page's
//! contents there; `{: .no_toc}` keeps a heading out of them. A heading takes the attributes
//! itself (its id is the one links use); another block is wrapped in an element that carries
//! them, and a callout's class (`{: .warning}`, as Just the Docs writes callouts) makes it one
//! of the theme's callouts. Python-Markdown's `attr_list` (MkDocs) reads the line after a
//! block alone.
//!
//! The attribute list itself (also after a link or image, [`crate::mkdocs::apply_attribute_lists`])
//! is read by [`Attributes::parse`].

use crate::markdown::escape;
use crate::page::ParsedPage;

/// The line [`expand`] puts where a page's contents go, which the renderer fills in: a list
/// of links, numbered when [`NUMBERED`] follows.
pub(crate) const CONTENTS_MARK: &str = "<!-- handbook:contents";
/// Ends [`CONTENTS_MARK`] for a numbered list.
pub(crate) const NUMBERED: &str = " numbered -->";

/// The attributes of one list: `.name` a class, `#name` the id, `key=value` (quoted or not).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Attributes<'a> {
    pub id: Option<&'a str>,
    pub classes: Vec<&'a str>,
    pub pairs: Vec<(&'a str, &'a str)>,
}

impl<'a> Attributes<'a> {
    /// The attributes written between a list's braces (`.a #b c="d"`, a leading `:` left out by
    /// the caller), or None when any part of it is not an attribute.
    pub(crate) fn parse(inner: &'a str) -> Option<Attributes<'a>> {
        let inner = inner.trim();
        if inner.is_empty() {
            return None;
        }
        let mut found = Attributes::default();
        let name_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | ':');
        let mut rest = inner;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix(['.', '#']) {
                let n = after.find(|c: char| !name_char(c)).unwrap_or(after.len());
                if n == 0 {
                    return None;
                }
                match rest.starts_with('.') {
                    true => found.classes.push(&after[..n]),
                    false => found.id = Some(&after[..n]),
                }
                rest = &after[n..];
            } else {
                let n = rest.find(|c: char| !name_char(c)).unwrap_or(rest.len());
                let (key, after) = (&rest[..n], rest[n..].strip_prefix('=')?);
                if key.is_empty() {
                    return None;
                }
                let (value, next) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let end = after[1..].find(q)? + 1;
                        (&after[1..end], &after[end + 1..])
                    }
                    _ => after.split_at(after.find(char::is_whitespace).unwrap_or(after.len())),
                };
                match key.to_ascii_lowercase().as_str() {
                    "class" => found.classes.extend(value.split_whitespace()),
                    "id" => found.id = Some(value),
                    _ => found.pairs.push((key, value)),
                }
                rest = next;
            }
            // Each part ends where white space (or the list) does.
            let trimmed = rest.trim_start();
            if trimmed.len() == rest.len() && !trimmed.is_empty() {
                return None;
            }
            rest = trimmed;
        }
        Some(found)
    }

    /// The attributes as HTML (` id="x" class="a b" key="value"`). Event handlers and an
    /// element's own address are not the list's to set.
    pub(crate) fn html(&self) -> String {
        let mut html = String::new();
        if let Some(id) = self.id {
            html.push_str(&format!(" id=\"{}\"", escape(id)));
        }
        if !self.classes.is_empty() {
            html.push_str(&format!(" class=\"{}\"", escape(&self.classes.join(" "))));
        }
        for (key, value) in &self.pairs {
            let lower = key.to_ascii_lowercase();
            if lower.starts_with("on") || matches!(lower.as_str(), "href" | "src") {
                continue;
            }
            html.push_str(&format!(" {}=\"{}\"", escape(key), escape(value)));
        }
        html
    }

    /// The attributes as the Markdown parser reads them at a heading's end (`{#x .a .b}`):
    /// the id and classes (a value it could not read is left out).
    fn heading_suffix(&self) -> String {
        let plain = |s: &str| {
            !s.is_empty() && !s.contains(|c: char| c.is_whitespace() || "{}\"'".contains(c))
        };
        let mut parts: Vec<String> = Vec::new();
        if let Some(id) = self.id.filter(|id| plain(id)) {
            parts.push(format!("#{id}"));
        }
        parts.extend(
            self.classes
                .iter()
                .filter(|c| plain(c))
                .map(|c| format!(".{c}")),
        );
        match parts.is_empty() {
            true => String::new(),
            false => format!(" {{{}}}", parts.join(" ")),
        }
    }
}

/// Which attribute lines a tool reads.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Syntax {
    /// A list before a block is that block's too (kramdown), not only one after it.
    pub before: bool,
    /// A list may leave out the colon (`{ .class }`), not only be written `{: .class}`.
    pub bare: bool,
}

/// kramdown's (Jekyll's) attribute lines.
pub(crate) const KRAMDOWN: Syntax = Syntax {
    before: true,
    bare: false,
};
/// Python-Markdown's `attr_list` (MkDocs): the line after a block, its colon optional.
pub(crate) const ATTR_LIST: Syntax = Syntax {
    before: false,
    bare: true,
};

/// What one line `{: ...}` is.
enum Found<'a> {
    /// Attributes for the block beside it.
    Attributes(Attributes<'a>),
    /// `{:toc}`: the list before it is the page's contents.
    Contents,
    /// A definition (`{:name: .class}`) or another list kramdown reads and shows nothing of.
    Nothing,
}

/// Reads a page's attribute lines: each goes, and its block takes its attributes.
pub(crate) fn expand(page: &mut ParsedPage, syntax: Syntax, ui: &crate::ui::Ui) {
    let body = page.body();
    if !body.contains(if syntax.bare { "{" } else { "{:" }) {
        return;
    }
    let literal = crate::expand::literal_ranges(body, true);
    let lines = crate::source::lines_with_offsets(body);
    // (line index, what it says)
    let mut found: Vec<(usize, Found)> = Vec::new();
    for (i, &(at, line)) in lines.iter().enumerate() {
        let Some(what) = attribute_line(line, syntax) else {
            continue;
        };
        if crate::expand::inside(&literal, at + line.len() - line.trim_start().len()) {
            continue;
        }
        found.push((i, what));
    }
    if found.is_empty() {
        return;
    }
    // The page as the Markdown parser reads it without those lines (each as many spaces,
    // so that offsets stay): its blocks at the top, (start, end, what).
    let mut blanked = body.to_string();
    for &(i, _) in &found {
        let (at, line) = lines[i];
        let text = line.trim_end_matches(['\n', '\r']);
        blanked.replace_range(at..at + text.len(), &" ".repeat(text.len()));
    }
    let blocks = top_blocks(&blanked);
    let mut is_found = vec![false; lines.len()];
    found.iter().for_each(|&(i, _)| is_found[i] = true);
    let blank = |i: usize| lines.get(i).is_none_or(|(_, l)| l.trim().is_empty());
    let mut changes: Vec<(usize, usize, String)> = Vec::new();
    for (i, what) in &found {
        let (at, line) = lines[*i];
        // The line goes. Inside a block that goes on after it (a list's item), with its line
        // break, so that the block stays as it was (a list tight); else a blank line stays,
        // ending the block before it where text follows.
        let k = blocks.partition_point(|b| b.0 <= at);
        let within = k.checked_sub(1).is_some_and(|k| at < blocks[k].1);
        let gone = if blank(*i + 1) || within {
            line.len()
        } else {
            line.trim_end_matches(['\n', '\r']).len()
        };
        changes.push((at, at + gone, String::new()));
        // The block right before the line, else (kramdown) the one right after it.
        let after = *i > 0 && !blank(*i - 1) && !is_found[*i - 1];
        let target = if after {
            let k = blocks.partition_point(|b| b.1 <= at);
            k.checked_sub(1)
                .map(|k| &blocks[k])
                .filter(|b| blanked[b.1..at].trim().is_empty())
        } else if syntax.before && !blank(*i + 1) {
            let end = at + line.len();
            blocks
                .get(blocks.partition_point(|b| b.0 < end))
                .filter(|b| blanked[end..b.0].trim().is_empty())
        } else {
            None
        };
        let Some(&(start, end, kind)) = target else {
            continue;
        };
        // One indented deeper than its block (inside a list item) would be an inner block's,
        // which is not read: it only goes. So does one beside a Liquid tag.
        let indent = |text: &str| crate::mkdocs::indentation(text).0;
        let block_line_start = blanked[..start].rfind('\n').map_or(0, |n| n + 1);
        if indent(line) > indent(&blanked[block_line_start..]) || blanked[start..].starts_with("{%")
        {
            continue;
        }
        match what {
            Found::Nothing => {}
            Found::Contents => {
                if let Block::List(numbered) = kind {
                    let end_mark = if numbered { NUMBERED } else { " -->" };
                    changes.push((start, end, format!("{CONTENTS_MARK}{end_mark}\n\n")));
                }
            }
            Found::Attributes(attributes) => match kind {
                Block::Heading => {
                    // The list goes at the end of its text: its one line (`## Title`), or the
                    // last above a setext heading's underline.
                    let text_lines: Vec<(usize, &str)> =
                        crate::source::lines_with_offsets(&blanked[start..end]);
                    let atx = blanked[start..].trim_start().starts_with('#');
                    let last = match atx {
                        true => text_lines.first(),
                        false => text_lines.len().checked_sub(2).map(|k| &text_lines[k]),
                    };
                    let Some(&(offset, text)) = last else {
                        continue;
                    };
                    let text = text.trim_end();
                    // One that has its own list keeps it.
                    if !ends_with_attributes(text) {
                        let at = start + offset + text.len();
                        changes.push((at, at, attributes.heading_suffix()));
                    }
                }
                _ => {
                    let callout = attributes.classes.iter().find_map(|c| {
                        crate::container::kind_of(c).filter(|k| k.1 != crate::ui::Text::Details)
                    });
                    let open = match callout {
                        Some((class, label)) => crate::markdown::callout_start_html_with_id(
                            class,
                            Some(&escape(ui.get(label))),
                            attributes.id,
                        ),
                        None => format!("<div{}>", attributes.html()),
                    };
                    changes.push((start, start, format!("\n{open}\n\n")));
                    let close = if blanked[..end].ends_with('\n') {
                        "\n</div>\n\n"
                    } else {
                        "\n\n</div>\n\n"
                    };
                    changes.push((end, end, close.to_string()));
                }
            },
        }
    }
    changes.sort_by_key(|c| (c.0, c.1));
    page.replace_ranges(changes, Vec::new());
}

/// Whether a heading's text ends with an attribute list of its own (`## Title {#id .class}`),
/// not only with a brace (`## Welcome to {{ site.title }}`).
fn ends_with_attributes(text: &str) -> bool {
    let Some(inner) = text.strip_suffix('}') else {
        return false;
    };
    inner.rfind('{').is_some_and(|open| {
        let list = &inner[open + 1..];
        let list = list.strip_prefix(':').unwrap_or(list);
        !inner[..open].ends_with('{') && Attributes::parse(list).is_some()
    })
}

/// What a line holding only an attribute list says, if it is one.
fn attribute_line(line: &str, syntax: Syntax) -> Option<Found<'_>> {
    let text = line.trim();
    let inner = match text.strip_prefix("{:") {
        Some(inner) => inner,
        // (`{{ liquid }}` and `{%` are no lists.)
        None if syntax.bare => text
            .strip_prefix('{')
            .filter(|t| t.starts_with([' ', '.', '#']))?,
        None => return None,
    };
    let inner = inner.strip_suffix('}')?;
    if inner.contains(['{', '}']) {
        return None;
    }
    let trimmed = inner.trim();
    if trimmed == "toc" {
        return Some(Found::Contents);
    }
    // An extension (`{::options ... /}`) is kramdown's own; `{:/}` closes one.
    if inner.starts_with([':', '/']) {
        return None;
    }
    // A definition: `{:name: .class}`.
    if let Some((name, _)) = trimmed.split_once(':') {
        if !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        {
            return Some(Found::Nothing);
        }
    }
    Attributes::parse(trimmed).map(Found::Attributes)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Heading,
    /// Numbered or not.
    List(bool),
    Other,
}

/// The blocks at the top of a page's text: (start, end, what).
fn top_blocks(text: &str) -> Vec<(usize, usize, Block)> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    // Without definition lists: a line that starts with a colon and no space
    // (`:icon: text`, MkDocs Material's icons) is read as text in the end
    // ([`crate::expand::escape_unspaced_definition_markers`]), and the parser would make a
    // list of it here.
    let options = crate::expand::options() - pulldown_cmark::Options::ENABLE_DEFINITION_LIST;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    let kind = match tag {
                        Tag::Heading { .. } => Block::Heading,
                        Tag::List(first) => Block::List(first.is_some()),
                        _ => Block::Other,
                    };
                    // Up to its last line's end (a list's range takes in the blank lines
                    // after it).
                    let end = range.start + text[range.clone()].trim_end().len();
                    let end = end + text[end..].find('\n').map_or(0, |n| n + 1);
                    blocks.push((range.start, end.min(range.end), kind));
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Rule if depth == 0 => blocks.push((range.start, range.end, Block::Other)),
            _ => {}
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str, syntax: Syntax) -> Option<String> {
        Some(match attribute_line(line, syntax)? {
            Found::Attributes(a) => a.html(),
            Found::Contents => "contents".into(),
            Found::Nothing => "nothing".into(),
        })
    }

    #[test]
    fn kramdown_lines_need_their_colon_and_attr_list_lines_do_not() {
        assert_eq!(
            read("{: .note #n key=\"a b\" }\n", KRAMDOWN).as_deref(),
            Some(" id=\"n\" class=\"note\" key=\"a b\"")
        );
        assert_eq!(read("{:toc}", KRAMDOWN).as_deref(), Some("contents"));
        assert_eq!(read("{: toc }", KRAMDOWN).as_deref(), Some("contents"));
        assert_eq!(read("{:refdef: .c}", KRAMDOWN).as_deref(), Some("nothing"));
        assert_eq!(
            read("{::options parse_block_html=\"true\" /}", KRAMDOWN),
            None
        );
        assert_eq!(read("{:/}", KRAMDOWN), None);
        assert_eq!(read("{ .note }", KRAMDOWN), None);
        assert_eq!(
            read("{ .note }", ATTR_LIST).as_deref(),
            Some(" class=\"note\"")
        );
        // Liquid, and text that only starts and ends with braces, are no lists.
        assert_eq!(read("{{ page.title }}", ATTR_LIST), None);
        assert_eq!(read("{% include x.html %}", ATTR_LIST), None);
        assert_eq!(read("{: not a list}", KRAMDOWN), None);
        assert_eq!(read("{: .a} and {: .b}", KRAMDOWN), None);
        assert_eq!(read("{:}", KRAMDOWN), None);
    }

    #[test]
    fn a_heading_takes_only_what_its_own_list_can_say() {
        let a = Attributes::parse(".a #x-1 .b key=v").unwrap();
        assert_eq!(a.heading_suffix(), " {#x-1 .a .b}");
        let a = Attributes::parse("id=\"a b\" key=v").unwrap();
        assert_eq!(a.heading_suffix(), "");
    }
}
