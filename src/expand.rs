//! What the readers of other tools' syntax share (GitBook's blocks, Hugo's shortcodes): where
//! a page's body is shown as written, the arguments of a tag, and whether the HTML they put in
//! is read as HTML.

use std::cell::Cell;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

thread_local! {
    /// What the page being expanded reads besides [`crate::markdown::options`] (definition
    /// lists, math): [`with_options`].
    static EXTRA: Cell<Options> = const { Cell::new(Options::empty()) };
}

/// Runs `f` with the readers of other tools' syntax parsing as the site's pages are parsed
/// (`options`, as [`crate::markdown::options_for`] gives them): text indented below a
/// definition is no code to them then.
pub(crate) fn with_options<R>(options: Options, f: impl FnOnce() -> R) -> R {
    let before = EXTRA.replace(options & !crate::markdown::options());
    let result = f();
    EXTRA.set(before);
    result
}

/// The options the readers of other tools' syntax parse a page with ([`with_options`]).
pub(crate) fn options() -> Options {
    crate::markdown::options() | EXTRA.get()
}

/// Whether `at` lies in one of `ranges` (sorted, not overlapping), as [`literal_ranges`] gives
/// them.
pub(crate) fn inside(ranges: &[(usize, usize)], at: usize) -> bool {
    let after = ranges.partition_point(|r| r.0 <= at);
    after > 0 && at < ranges[after - 1].1
}

/// Where `body` is shown as written: code blocks and code spans, and with `html` raw HTML
/// (comments among it).
pub(crate) fn literal_ranges(body: &str, html: bool) -> Vec<(usize, usize)> {
    code_ranges(body, html, true)
}

/// [`literal_ranges`], with or without the indented code blocks (MDX has none: text indented
/// below a JSX tag is text).
pub(crate) fn code_ranges(body: &str, html: bool, indented: bool) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut code_start = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) if !indented => {}
            Event::End(TagEnd::CodeBlock) if !indented && code_start.is_none() => {}
            Event::Start(Tag::CodeBlock(_)) => code_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                ranges.push((code_start.take().unwrap_or(range.start), range.end));
            }
            Event::Code(_) => ranges.push((range.start, range.end)),
            Event::Html(_) | Event::InlineHtml(_) if html => {
                ranges.push((range.start, range.end));
            }
            _ => {}
        }
    }
    ranges
}

/// The value of `key="value"` (or `'value'`) in a tag's arguments.
pub(crate) fn attribute<'t>(args: &'t str, key: &str) -> Option<&'t str> {
    let mut rest = args;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next()?;
        let (value, next) = if quote == '"' || quote == '\'' {
            let close = after[1..].find(quote)? + 1;
            (&after[1..close], &after[close + 1..])
        } else {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        if name == key {
            return Some(value);
        }
        rest = next;
    }
    None
}

/// The tags of all the HTML put in (at `html_at`: offset in `text`, tag) that Markdown does not
/// read as an HTML block, in order.
pub(crate) fn misread_html_all(text: &str, html_at: &[(usize, usize)]) -> Vec<usize> {
    let mut blocks = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if let Event::Html(_) = event {
            blocks.push((range.start, range.end));
        }
    }
    let mut blocks = blocks.iter().peekable();
    let mut misread = Vec::new();
    for &(at, tag) in html_at {
        while blocks.next_if(|b| b.1 <= at).is_some() {}
        if blocks.peek().is_none_or(|b| b.0 > at) {
            misread.push(tag);
        }
    }
    misread
}

/// The tag of the first HTML put in (at `html_at`: offset in `text`, tag) that Markdown does not
/// read as an HTML block.
pub(crate) fn misread_html(text: &str, html_at: &[(usize, usize)]) -> Option<usize> {
    misread_html_all(text, html_at).into_iter().next()
}

/// Escapes the `:` that starts a line when no space or tab follows it (`::std::mem`,
/// `:not-a-definition`), outside code: Goldmark (Hugo), Python-Markdown, PHP Markdown Extra
/// and Pandoc read a definition only from `: ` (a colon, then a space or tab), where
/// pulldown-cmark, and so mdBook, reads one from any line that starts with a colon.
pub(crate) fn escape_unspaced_definition_markers(page: &mut crate::page::ParsedPage) {
    let body = page.body();
    if !body.starts_with(':') && !body.contains("\n:") && !body.contains(" :") {
        return;
    }
    let mut found = Vec::new();
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        // Up to three spaces, or a block quote's `>`s, before the colon.
        let rest = line.trim_start_matches([' ', '>']);
        let prefix = &line[..line.len() - rest.len()];
        let at = offset + prefix.len();
        offset += line.len();
        if !rest.starts_with(':') || (prefix.len() > 3 && !prefix.contains('>')) {
            continue;
        }
        if !matches!(
            rest.as_bytes().get(1),
            None | Some(b' ' | b'\t' | b'\n' | b'\r')
        ) {
            found.push(at);
        }
    }
    if found.is_empty() {
        return;
    }
    let literal = literal_ranges(body, true);
    let changes: Vec<(usize, usize, String)> = found
        .into_iter()
        .filter(|&at| !inside(&literal, at))
        .map(|at| (at, at, "\\".to_string()))
        .collect();
    page.replace_ranges(changes, Vec::new());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_in_either_quotes() {
        let args = r#"style="warning" title='Two words' bare=x"#;
        assert_eq!(attribute(args, "style"), Some("warning"));
        assert_eq!(attribute(args, "title"), Some("Two words"));
        assert_eq!(attribute(args, "bare"), Some("x"));
        assert_eq!(attribute(args, "none"), None);
        assert_eq!(attribute("url=\"unclosed", "url"), None);
    }
}
