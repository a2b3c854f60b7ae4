//! `:::` containers in a handbook's own pages, as Docusaurus, VitePress and Pandoc (Quarto too)
//! write callouts: `:::tip`, `::: warning Read this`, `:::note[Title]`, `::: {.callout-tip
//! title="Title"}` ... to a closing line of as many colons (nested ones with more colons
//! outside) show as the theme's callouts, and `::: details Title` as one that opens and
//! closes. A kind handbook does not know, or a container never closed, is a warning and shows as
//! written. A site written for Docusaurus has its own reader ([`crate::docusaurus`]); one
//! written for another tool keeps its `:::` lines as that tool does.

use std::borrow::Cow;

use crate::diagnostic::Diagnostic;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use crate::markdown::{
    callout_start_html, details_start_html, escape, inline_html, tab_start, TABS_START,
};
use crate::page::ParsedPage;
use crate::ui::{Text, Ui};

/// The kinds a container may name, as these tools name them.
const KINDS: [&str; 8] = [
    "note",
    "tip",
    "info",
    "important",
    "warning",
    "caution",
    "danger",
    "details",
];

/// How many times a page is put together again without the containers whose HTML would be read
/// as code where they stand, at most (each time without all those found).
const MAX_RETRIES: usize = 32;

/// A `:::` line: where it is in the body (start, end of its text), its block quote markers and
/// indentation, its colons, and for an opening line what it opens.
struct Line<'t> {
    start: usize,
    end: usize,
    container: String,
    colons: usize,
    open: Option<Open<'t>>,
}

/// What an opening line names: its kind as written (`tip`, `callout-tip`'s `tip`) and its
/// title, if it gives one (Markdown).
pub(crate) struct Open<'t> {
    pub(crate) kind: &'t str,
    pub(crate) title: Option<Cow<'t, str>>,
}

/// Reads a line (past its block quote markers and indentation) as a `:::` line: its colons, and
/// for an opening line what it opens.
pub(crate) fn parse(line: &str) -> Option<(usize, Option<Open<'_>>)> {
    let line = line.trim_end();
    let colons = line.bytes().take_while(|&b| b == b':').count();
    if colons < 3 {
        return None;
    }
    let rest = line[colons..].trim_start();
    if rest.is_empty() {
        return Some((colons, None));
    }
    if let Some(attributes) = rest.strip_prefix('{') {
        // Pandoc's attributes: `{.callout-note title="..."}`, `{.warning}`.
        let attributes = attributes.strip_suffix('}')?;
        let class = attributes
            .split_ascii_whitespace()
            .find_map(|a| a.strip_prefix('.'))
            .filter(|class| !class.is_empty())?;
        let kind = class.strip_prefix("callout-").unwrap_or(class);
        let title = attributes
            .match_indices("title=")
            .find(|&(i, _)| i == 0 || attributes[..i].ends_with(char::is_whitespace))
            .and_then(|(i, _)| crate::expand::attribute(&attributes[i..], "title"))
            .filter(|t| !t.trim().is_empty())
            .map(|t| Cow::Borrowed(t.trim()));
        return Some((colons, Some(Open { kind, title })));
    }
    let kind_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    let (kind, after) = rest.split_at(kind_len);
    if kind.is_empty() {
        return None;
    }
    let after = after.trim();
    let title = if let Some(bracketed) = after.strip_prefix('[') {
        // Docusaurus' `[Title]`, maybe with `{attributes}` after it.
        let end = bracketed.rfind(']')?;
        Some(bracketed[..end].trim())
    } else if after.starts_with('{') {
        None
    } else {
        Some(after)
    };
    let title = title.filter(|t| !t.is_empty()).map(Cow::Borrowed);
    Some((colons, Some(Open { kind, title })))
}

/// The callout class and default title of a kind handbook knows (in any case).
pub(crate) fn kind_of(kind: &str) -> Option<(&'static str, Text)> {
    Some(match kind.to_ascii_lowercase().as_str() {
        "note" => ("note", Text::CalloutNote),
        "tip" => ("tip", Text::CalloutTip),
        "info" => ("note", Text::CalloutInfo),
        "important" => ("important", Text::CalloutImportant),
        "warning" => ("warning", Text::CalloutWarning),
        "caution" => ("warning", Text::CalloutCaution),
        "danger" => ("caution", Text::CalloutDanger),
        "details" => ("note", Text::Details),
        _ => return None,
    })
}

/// The `:::` lines of a body outside code, in order.
fn scan(body: &str) -> Vec<Line<'_>> {
    // Code, and raw HTML (a `<pre>`, a comment): shown as written.
    let literal = crate::expand::literal_ranges(body, true);
    let mut lines = Vec::new();
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        let (container, rest) = crate::docusaurus::quote_prefix(text);
        let first = start + container.len();
        if rest.starts_with(":::") && !crate::expand::inside(&literal, first) {
            if let Some((colons, open)) = parse(rest) {
                lines.push(Line {
                    start,
                    end: start + text.len(),
                    container,
                    colons,
                    open,
                });
            }
        }
        start += line.len();
    }
    lines
}

/// Each opening line with the closing line that closes it: as many colons or more, in the same
/// quote and list item (the innermost open one is closed first); and the opening lines never
/// closed.
fn pair(lines: &[Line]) -> (Vec<(usize, usize)>, Vec<usize>) {
    pair_by(
        lines.len(),
        |i| lines[i].open.is_some(),
        |o, c| lines[o].colons <= lines[c].colons && lines[o].container == lines[c].container,
    )
}

/// Pairs `n` fence lines: `opens(i)` says whether line `i` opens, `closes(o, c)` whether closing
/// line `c` closes opening line `o`. A closing line closes the innermost open line it can, and
/// the lines opened inside that one are never closed. Returns the pairs and the opening lines
/// never closed, in order.
pub(crate) fn pair_by(
    n: usize,
    opens: impl Fn(usize) -> bool,
    closes: impl Fn(usize, usize) -> bool,
) -> (Vec<(usize, usize)>, Vec<usize>) {
    let mut pairs = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut unclosed = Vec::new();
    for i in 0..n {
        if opens(i) {
            open.push(i);
        } else if let Some(k) = open.iter().rposition(|&o| closes(o, i)) {
            unclosed.extend(open.split_off(k + 1));
            if let Some(o) = open.pop() {
                pairs.push((o, i));
            }
        }
    }
    unclosed.extend(open);
    unclosed.sort_unstable();
    (pairs, unclosed)
}

/// Shows a handbook page's `:::` containers as callouts ([`crate::expand_borrowed_syntax`]).
/// Positions in diagnostics stay the file's own.
pub fn expand(page: &mut ParsedPage, ui: &Ui) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    if !page.body().contains(":::") {
        return diagnostics;
    }
    let body = page.body();
    let lines = scan(body);
    if lines.is_empty() {
        return diagnostics;
    }
    let positions = page.file_positions();
    let at = |line: &Line| positions.position(page.body_start + line.start + line.container.len());
    let (pairs, unclosed) = pair(&lines);
    for o in unclosed {
        let line = &lines[o];
        let Some(open) = &line.open else { continue };
        if kind_of(open.kind).is_none() && !is_code_group(open.kind) {
            diagnostics.push(unknown_kind(page, at(line), open.kind));
            continue;
        }
        let closing = ":".repeat(line.colons);
        diagnostics.push(
            Diagnostic::warning(
                "container",
                &page.path,
                format!(
                    "the `{}{}` container is never closed with a line `{closing}`: it shows as written",
                    closing, open.kind
                ),
            )
            .at(at(line))
            .hint(format!("add a line `{closing}` where it ends")),
        );
    }
    let code_blocks = if pairs.iter().any(|&(o, _)| {
        lines[o]
            .open
            .as_ref()
            .is_some_and(|f| is_code_group(f.kind))
    }) {
        fenced_blocks(body)
    } else {
        Vec::new()
    };
    // What each pair puts in place of its lines (and, in a code group, of its code blocks'
    // labels): (start, end, text), in order.
    let mut changes: Vec<Vec<(usize, usize, String)>> = Vec::with_capacity(pairs.len());
    for &(o, c) in &pairs {
        let (opening, closing) = (&lines[o], &lines[c]);
        let Some(open) = &opening.open else { continue };
        let title = |label| match &open.title {
            Some(title) => inline_html(title),
            None => escape(ui.get(label)),
        };
        let mut put = Vec::new();
        if is_code_group(open.kind) {
            let Some(tabs) = code_group(body, &code_blocks, opening, closing, ui) else {
                diagnostics.push(
                    Diagnostic::warning(
                        "container",
                        &page.path,
                        "this code group shows as written: it holds more than code blocks",
                    )
                    .at(at(opening))
                    .hint("keep only fenced code blocks between its `:::` lines, each labelled (```` ```js [config.js] ````)"),
                );
                continue;
            };
            put.push((
                opening.start,
                opening.end,
                block(&opening.container, TABS_START),
            ));
            put.extend(tabs);
            put.push((
                closing.start,
                closing.end,
                block(&closing.container, "</div>"),
            ));
        } else if let Some((class, label)) = kind_of(open.kind) {
            let (start, end) = if label == Text::Details {
                (
                    details_start_html(class, &title(label), false),
                    "</details>",
                )
            } else {
                (callout_start_html(class, Some(&title(label))), "</div>")
            };
            put.push((
                opening.start,
                opening.end,
                block(&opening.container, &start),
            ));
            put.push((closing.start, closing.end, block(&closing.container, end)));
        } else {
            diagnostics.push(unknown_kind(page, at(opening), open.kind));
            continue;
        }
        changes.push(put);
    }
    // A container whose HTML would be read as code where it stands (four spaces deeper than
    // the text around it) shows as written, and the page is put together again without it.
    for _ in 0..MAX_RETRIES {
        let mut all: Vec<(usize, usize, &str, usize)> = changes
            .iter()
            .enumerate()
            .flat_map(|(p, put)| put.iter().map(move |(s, e, t)| (*s, *e, t.as_str(), p)))
            .collect();
        if all.is_empty() {
            return diagnostics;
        }
        all.sort_unstable_by_key(|c| c.0);
        let mut out = String::with_capacity(body.len() + 128);
        let mut html_at = Vec::new();
        let mut last = 0;
        for &(start, end, text, p) in &all {
            out.push_str(&body[last..start]);
            if let Some(lt) = text.find('<') {
                html_at.push((out.len() + lt, p));
            }
            out.push_str(text);
            last = end;
        }
        out.push_str(&body[last..]);
        let mut misread = crate::expand::misread_html_all(&out, &html_at);
        if misread.is_empty() {
            let changes: Vec<(usize, usize, String)> = all
                .into_iter()
                .map(|(start, end, text, _)| (start, end, text.to_string()))
                .collect();
            page.replace_ranges(changes, Vec::new());
            return diagnostics;
        }
        misread.sort_unstable();
        misread.dedup();
        for p in misread {
            let first = changes[p].first().map(|c| c.0);
            if let Some(line) = lines.iter().find(|l| Some(l.start) == first) {
                diagnostics.push(
                    Diagnostic::warning(
                        "container",
                        &page.path,
                        "this container shows as written: its HTML would be read as code here",
                    )
                    .at(at(line))
                    .hint("start its `:::` lines where the text around them starts (four spaces or more make code)"),
                );
            }
            changes[p].clear();
        }
    }
    diagnostics
}

/// VitePress' group of code blocks, shown as tabs.
fn is_code_group(kind: &str) -> bool {
    kind == "code-group"
}

/// The fenced code blocks of a body: (start, end).
fn fenced_blocks(body: &str) -> Vec<(usize, usize)> {
    let mut blocks = Vec::new();
    let mut start = None;
    for (event, range) in Parser::new_ext(body, crate::expand::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = start.take() {
                    blocks.push((start, range.end));
                }
            }
            _ => {}
        }
    }
    blocks
}

/// The changes that make the code blocks of a VitePress code group (between `opening` and
/// `closing`) tabs: each block's first line loses its `[label]`, which titles its tab (else its
/// language, else "Tab n"). `None` when the group holds anything but code blocks.
fn code_group(
    body: &str,
    blocks: &[(usize, usize)],
    opening: &Line,
    closing: &Line,
    ui: &Ui,
) -> Option<Vec<(usize, usize, String)>> {
    let inside: Vec<(usize, usize)> = blocks
        .iter()
        .copied()
        .filter(|&(start, end)| start > opening.end && end <= closing.start)
        .collect();
    if inside.is_empty() {
        return None;
    }
    // Nothing but the lines' quote markers and indentation between the blocks.
    let mut last = opening.end;
    for &(start, _) in inside.iter().chain([&(closing.start, closing.start)]) {
        let between = &body[last..start];
        if between
            .lines()
            .any(|l| !crate::docusaurus::quote_prefix(l).1.trim().is_empty())
        {
            return None;
        }
        last = blocks.iter().find(|b| b.0 == start).map_or(start, |b| b.1);
    }
    let mut changes = Vec::new();
    for (n, &(start, end)) in inside.iter().enumerate() {
        let first_end = body[start..end].find('\n').map_or(end, |i| start + i);
        let first = &body[start..first_end];
        let fence_len = first.len() - first.trim_start_matches(['`', '~']).len();
        let info = &first[fence_len..];
        let (info, label) = match (info.find('['), info.rfind(']')) {
            (Some(open), Some(close)) if open < close => (
                format!("{}{}", info[..open].trim_end(), &info[close + 1..]),
                Some(info[open + 1..close].trim().to_string()),
            ),
            _ => (info.to_string(), None),
        };
        let language = info
            .split_whitespace()
            .next()
            .filter(|l| !l.starts_with('{'));
        let title = label
            .filter(|l| !l.is_empty())
            .or_else(|| language.map(str::to_string))
            .unwrap_or_else(|| ui.get(Text::Tab).replace("{n}", &(n + 1).to_string()));
        let container = line_container(body, start);
        changes.push((
            start,
            first_end,
            format!(
                "{}{}{}",
                block_before(&container, &tab_start(&title)),
                &first[..fence_len],
                info
            ),
        ));
        let end_of_block = if body[..end].ends_with('\n') {
            end - 1
        } else {
            end
        };
        changes.push((
            end_of_block,
            end_of_block,
            format!("\n{}", block_after(&container, "</div>")),
        ));
    }
    Some(changes)
}

/// The quote markers and indentation before `at` on its line.
fn line_container(body: &str, at: usize) -> String {
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    crate::docusaurus::quote_prefix(&body[line_start..at]).0
}

/// An HTML line that starts a block of its own before text that stands where `container` ends
/// (the text's own line goes on after it).
fn block_before(container: &str, html: &str) -> String {
    let bare = container.trim_end();
    format!("\n{bare}\n{container}{html}\n{bare}\n{container}")
}

/// An HTML line that stands as a block of its own after a line of text.
fn block_after(container: &str, html: &str) -> String {
    let bare = container.trim_end();
    format!("{bare}\n{container}{html}\n{bare}")
}

/// An HTML line in place of a `:::` line, a block of its own inside the quotes and list item
/// the line stands in.
fn block(container: &str, html: &str) -> String {
    let bare = container.trim_end();
    format!("{bare}\n{container}{html}\n{bare}")
}

fn unknown_kind(page: &ParsedPage, at: crate::diagnostic::Position, kind: &str) -> Diagnostic {
    let lower = kind.to_ascii_lowercase();
    let nearest = KINDS
        .iter()
        .map(|known| (strsim::damerau_levenshtein(&lower, known), *known))
        .min()
        .filter(|&(distance, _)| distance <= 2)
        .map(|(_, known)| format!("did you mean `::: {known}`? "))
        .unwrap_or_default();
    Diagnostic::warning(
        "container",
        &page.path,
        format!("`::: {kind}` is no kind of callout handbook knows: its lines show as written"),
    )
    .at(at)
    .hint(format!(
        "{nearest}the kinds are {}; or write the callout as `> [!NOTE]`",
        KINDS.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opened(line: &str) -> Option<(usize, &str, Option<String>)> {
        let (colons, open) = parse(line)?;
        let open = open?;
        Some((colons, open.kind, open.title.map(|t| t.into_owned())))
    }

    #[test]
    fn each_tool_writes_an_opening_line_its_way() {
        assert_eq!(opened(":::tip"), Some((3, "tip", None)));
        assert_eq!(opened("::: tip"), Some((3, "tip", None)));
        assert_eq!(
            opened("::: danger STOP now"),
            Some((3, "danger", Some("STOP now".into())))
        );
        assert_eq!(
            opened(":::note[Read *this*]"),
            Some((3, "note", Some("Read *this*".into())))
        );
        assert_eq!(
            opened("::::warning[Title]{#id}"),
            Some((4, "warning", Some("Title".into())))
        );
        assert_eq!(opened(":::info{#id}"), Some((3, "info", None)));
        assert_eq!(
            opened("::: {.callout-tip title=\"Use it\"}"),
            Some((3, "tip", Some("Use it".into())))
        );
        assert_eq!(opened("::: {.warning}"), Some((3, "warning", None)));
        assert_eq!(opened("::: details"), Some((3, "details", None)));
    }

    #[test]
    fn other_lines_are_no_opening_lines() {
        assert!(parse("::").is_none());
        assert!(parse(":::").is_some_and(|(c, o)| c == 3 && o.is_none()));
        assert!(parse("::: {no class}").is_none());
        assert!(parse("::: {.tip").is_none());
        assert!(parse("::: !tip").is_none());
        assert!(parse(":::note[unclosed").is_none());
    }

    #[test]
    fn the_innermost_open_container_of_as_many_colons_closes_first() {
        let body = "::::tip\n:::note\n:::\n::::\n:::warning\n";
        let lines = scan(body);
        let (pairs, unclosed) = pair(&lines);
        assert_eq!(pairs, vec![(1, 2), (0, 3)]);
        assert_eq!(unclosed, vec![4]);
    }

    #[test]
    fn code_holds_no_container() {
        let body = "```\n:::tip\n```\n\n    :::tip\n\n`:::tip`\n:::tip\n";
        let lines = scan(body);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].start, body.rfind(":::tip").unwrap());
    }

    #[test]
    fn kinds_are_read_in_any_case() {
        assert_eq!(kind_of("TIP").map(|k| k.0), Some("tip"));
        assert_eq!(kind_of("danger").map(|k| k.0), Some("caution"));
        assert!(kind_of("code-group").is_none());
    }
}
