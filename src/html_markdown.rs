//! Markdown inside HTML elements marked `markdown="1"`, as kramdown (Jekyll) and
//! Python-Markdown's `md_in_html` (MkDocs) read it: `<aside markdown="1">` ... `</aside>` holds
//! Markdown blocks, `<p markdown="1">` (and the other elements that hold a line of text) a line
//! of Markdown; `markdown="block"` and `markdown="span"` say which, `markdown="0"` neither.
//! CommonMark reads an HTML block to its first blank line as HTML, so the element's Markdown
//! would show as written: its tags are put on lines of their own, with blank lines between them
//! and the Markdown, which loses the indentation its lines share. The attribute is left out.

use crate::markdown::inline_html;
use crate::page::ParsedPage;

/// Elements whose content is a line of text, read as one with `markdown="1"`.
const SPAN_ELEMENTS: [&str; 13] = [
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "td", "th", "summary", "legend", "span",
];

/// How many nested elements are read, at most (innermost first, one level a pass).
const MAX_DEPTH: usize = 32;

/// An element marked `markdown`: where its opening tag is, its name, the tag as written without
/// the attribute, how its content is read, and where its closing tag starts and ends.
struct Marked {
    open: (usize, usize),
    name: String,
    tag: String,
    mode: Mode,
    close: (usize, usize),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Block,
    Span,
    Html,
}

/// Reads the Markdown of a page's elements marked `markdown="1"` ([`crate::expand_borrowed_syntax`]).
pub fn expand(page: &mut ParsedPage) {
    for _ in 0..MAX_DEPTH {
        let body = page.body();
        if !body.contains("markdown") {
            return;
        }
        let marked = innermost(body);
        if marked.is_empty() {
            return;
        }
        let mut changes = Vec::new();
        for m in &marked {
            changes.extend(changes_of(body, m));
        }
        page.replace_ranges(changes, Vec::new());
    }
}

/// HTML's elements that have no content and no closing tag.
const VOID_ELEMENTS: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// An element open at a point of the scan: its name, and if it is marked, where its opening tag
/// is, the tag as it is to be written, how it is read, and whether a marked one is inside it.
struct Open {
    name: String,
    marked: Option<(usize, usize, String, Mode)>,
    has_marked: bool,
}

/// The elements marked `markdown` outside code with no such element inside them, in order: one
/// pass over the tags, each closing tag closing the nearest open element of its name.
fn innermost(body: &str) -> Vec<Marked> {
    let literal = crate::expand::literal_ranges(body, false);
    let mut stack: Vec<Open> = Vec::new();
    let mut found: Vec<Marked> = Vec::new();
    let mut from = 0;
    while let Some(at) = body[from..].find('<').map(|i| from + i) {
        from = at + 1;
        if crate::expand::inside(&literal, at) {
            continue;
        }
        let rest = &body[at + 1..];
        let (closing, name_from) = match rest.strip_prefix('/') {
            Some(after) => (true, after),
            None => (false, rest),
        };
        let name_len = name_from
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(name_from.len());
        if name_len == 0 || !name_from.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name = name_from[..name_len].to_ascii_lowercase();
        if closing {
            let Some(k) = stack.iter().rposition(|o| o.name == name) else {
                continue;
            };
            let Some(end) = body[at..].find('>').map(|i| at + i + 1) else {
                continue;
            };
            // Elements opened inside it and never closed end with it.
            let open = stack.drain(k..).next();
            if let Some(Open {
                name,
                marked: Some((start, open_end, tag, mode)),
                has_marked: false,
            }) = open
            {
                found.push(Marked {
                    open: (start, open_end),
                    name,
                    tag,
                    mode,
                    close: (at, end),
                });
            }
            from = end;
            continue;
        }
        if VOID_ELEMENTS.contains(&name.as_str()) {
            continue;
        }
        let marked = marked_tag(body, at).filter(|&(_, _, _, mode)| {
            // Blocks only where the tag starts its line (but for indentation): after a list
            // item's marker or a quote's, its Markdown would leave the item.
            let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
            mode != Mode::Block || body[line_start..at].trim().is_empty()
        });
        match marked {
            Some((end, name, tag, mode)) => {
                if let Some(outer) = stack.iter_mut().rev().find(|o| o.marked.is_some()) {
                    outer.has_marked = true;
                }
                stack.push(Open {
                    name,
                    marked: Some((at, end, tag, mode)),
                    has_marked: false,
                });
                from = end;
            }
            None => {
                let Some(end) = body[at..].find('>').map(|i| at + i + 1) else {
                    continue;
                };
                if !body[..end].ends_with("/>") {
                    stack.push(Open {
                        name,
                        marked: None,
                        has_marked: false,
                    });
                }
                from = end;
            }
        }
    }
    found.sort_unstable_by_key(|m| m.open.0);
    found
}

/// The opening tag at `at` when it has a `markdown` attribute: its end, its element's name
/// (lower case), the tag without the attribute, and how its content is read.
fn marked_tag(body: &str, at: usize) -> Option<(usize, String, String, Mode)> {
    let rest = &body[at + 1..];
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(rest.len());
    if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = rest[..name_len].to_ascii_lowercase();
    // The attributes, to the tag's `>` (outside quotes).
    let mut i = name_len;
    let bytes = rest.as_bytes();
    let mut attributes: Vec<(usize, usize, &str, Option<&str>)> = Vec::new();
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => break,
            b'/' => return None,
            _ => {}
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=>/".contains(&bytes[i]) {
            i += 1;
        }
        let key = &rest[start..i];
        if key.is_empty() {
            return None;
        }
        let mut value = None;
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            match bytes.get(i)? {
                q @ (b'"' | b'\'') => {
                    let close = rest[i + 1..].find(*q as char)? + i + 1;
                    value = Some(&rest[i + 1..close]);
                    i = close + 1;
                }
                _ => {
                    let v = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = Some(&rest[v..i]);
                }
            }
        }
        attributes.push((start, i, key, value));
    }
    let (start, end, _, value) = attributes
        .iter()
        .copied()
        .find(|(_, _, key, _)| key.eq_ignore_ascii_case("markdown"))?;
    let mode = match value.map(str::trim) {
        None | Some("1") => match SPAN_ELEMENTS.contains(&name.as_str()) {
            true => Mode::Span,
            false => Mode::Block,
        },
        Some("block") => Mode::Block,
        Some("span") => Mode::Span,
        Some("0") => Mode::Html,
        Some(_) => return None,
    };
    // The tag as written, less the attribute and the space before it.
    let cut_from = rest[..start].trim_end().len();
    let tag = format!("<{}{}>", &rest[..cut_from], &rest[end..i]);
    Some((at + 1 + i + 1, name, tag, mode))
}

/// What reading a marked element changes: (start, end, text), in order.
fn changes_of(body: &str, m: &Marked) -> Vec<(usize, usize, String)> {
    let content = &body[m.open.1..m.close.0];
    match m.mode {
        Mode::Html => vec![(m.open.0, m.open.1, m.tag.clone())],
        Mode::Span => {
            let line = content.split_whitespace().collect::<Vec<_>>().join(" ");
            let close = format!("</{}>", m.name);
            vec![(
                m.open.0,
                m.close.1,
                format!("{}{}{close}", m.tag, inline_html(&line)),
            )]
        }
        Mode::Block => {
            // The indentation of the opening tag's line (in an admonition, a list item), which
            // the content and the closing tag keep.
            let line_start = body[..m.open.0].rfind('\n').map_or(0, |i| i + 1);
            let indent = &body[line_start..m.open.0];
            let indent = match indent.trim().is_empty() {
                true => indent,
                false => "",
            };
            let mut changes = vec![(m.open.0, m.open.1, format!("{}\n\n", m.tag))];
            // The lines of the content after the opening tag's own, less what they share.
            let first = content.find('\n').map_or(content.len(), |i| i + 1);
            let lines: Vec<(usize, &str)> = crate::source::lines_with_offsets(&content[first..])
                .into_iter()
                .map(|(start, line)| (m.open.1 + first + start, line))
                .collect();
            let shared = lines
                .iter()
                .filter(|(_, line)| !line.trim().is_empty())
                .map(|(_, line)| line.len() - line.trim_start_matches([' ', '\t']).len())
                .min()
                .unwrap_or(0)
                .saturating_sub(indent.len());
            if shared > 0 {
                for &(start, line) in &lines {
                    let spaces = line.len() - line.trim_start_matches([' ', '\t']).len();
                    let cut = shared.min(spaces.saturating_sub(indent.len()));
                    let from = start + spaces.min(indent.len());
                    if cut > 0 && from + cut <= m.close.0 {
                        changes.push((from, from + cut, String::new()));
                    }
                }
            }
            changes.push((m.close.0, m.close.0, format!("\n\n{indent}")));
            changes
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(body: &str) -> Vec<(String, String, &'static str)> {
        innermost(body)
            .into_iter()
            .map(|m| {
                let mode = match m.mode {
                    Mode::Block => "block",
                    Mode::Span => "span",
                    Mode::Html => "html",
                };
                (m.name, m.tag, mode)
            })
            .collect()
    }

    #[test]
    fn the_attribute_says_how_the_content_is_read() {
        assert_eq!(
            read("<div markdown=\"1\" class=\"x\">\n*a*\n</div>\n"),
            [("div".into(), "<div class=\"x\">".into(), "block")]
        );
        assert_eq!(
            read("<p class='c' markdown>\n*a*\n</p>\n"),
            [("p".into(), "<p class='c'>".into(), "span")]
        );
        assert_eq!(
            read("<div markdown=span>*a*</div>"),
            [("div".into(), "<div>".into(), "span")]
        );
        assert_eq!(
            read("<div markdown=\"0\">*a*</div>"),
            [("div".into(), "<div>".into(), "html")]
        );
        assert!(read("<div data-markdown=\"1\">a</div>").is_empty());
        assert!(read("<div markdown=\"1\">never closed\n").is_empty());
        assert!(read("```\n<div markdown=\"1\">a</div>\n```\n").is_empty());
    }

    #[test]
    fn nested_elements_are_read_innermost_first() {
        let body = "<aside markdown=\"1\">\n<div markdown=\"1\">\n<div>x</div>\n</div>\n</aside>\n";
        let found = innermost(body);
        assert_eq!(found.len(), 1);
        assert_eq!(
            &body[found[0].open.0..found[0].open.1],
            "<div markdown=\"1\">"
        );
        assert_eq!(&body[found[0].close.0..found[0].close.1], "</div>");
        assert!(body[found[0].close.1..].starts_with("\n</aside>"));
    }
}
