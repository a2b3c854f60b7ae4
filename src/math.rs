//! TeX math, drawn as MathML at build time: the page needs no script, no font to download and
//! no request, where MkDocs, Docusaurus, mdBook and Hugo sites load MathJax or KaTeX (usually
//! from a CDN) and draw it in the reader's browser.
//!
//! pulldown-cmark reads `$…$` (inline) and `$$…$$` (display) when math is on
//! ([`crate::markdown::options_for`]); the other tools' delimiters are first rewritten into
//! those ([`expand`]), so that one reader handles every book. The TeX becomes MathML with
//! `pulldown-latex` ([`mathml`]).

use crate::page::ParsedPage;

/// How the tool a book was written for marks math.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// `$…$` and `$$…$$`: handbook's own (`[build] math = true`), Docusaurus with `remark-math`.
    Dollars,
    /// MkDocs' `pymdownx.arithmatex`: `$…$` and `\(…\)` inline; `$$…$$`, `\[…\]` and
    /// `\begin{env}…\end{env}` (standing alone) displayed.
    Arithmatex,
    /// mdBook's `mathjax-support`: `\\(…\\)` inline, `\\[…\\]` displayed; a `$` is a dollar.
    MathJax,
    /// GitBook: `$$…$$`, displayed when it stands alone on its lines, else inline; a single
    /// `$` is a dollar.
    DoubleDollars,
    /// Hugo's `passthrough` extension as Hugo's documentation sets it up: `\(…\)` inline,
    /// `\[…\]` and `$$…$$` displayed, and `$…$` inline when its delimiters list it (`dollars`),
    /// else a `$` is a dollar.
    Hugo { dollars: bool },
}

impl Syntax {
    /// The delimiters rewritten into dollars: (opening, closing, displayed), displayed `None`
    /// for GitBook's either.
    fn pairs(self) -> &'static [(&'static str, &'static str, Option<bool>)] {
        match self {
            Syntax::Dollars => &[],
            Syntax::Arithmatex | Syntax::Hugo { dollars: true } => {
                &[("\\(", "\\)", Some(false)), ("\\[", "\\]", Some(true))]
            }
            Syntax::Hugo { dollars: false } => &[
                ("\\(", "\\)", Some(false)),
                ("\\[", "\\]", Some(true)),
                ("$$", "$$", Some(true)),
            ],
            Syntax::MathJax => &[
                ("\\\\(", "\\\\)", Some(false)),
                ("\\\\[", "\\\\]", Some(true)),
            ],
            Syntax::DoubleDollars => &[("$$", "$$", None)],
        }
    }

    /// Whether a `$` that starts none of [`Syntax::pairs`] is a dollar, not math.
    fn dollars_are_text(self) -> bool {
        matches!(
            self,
            Syntax::MathJax | Syntax::DoubleDollars | Syntax::Hugo { dollars: false }
        )
    }
}

/// The longest TeX drawn: past it the source is shown as written, with a warning.
const MAX_TEX: usize = 16 * 1024;

/// Commands MathJax and KaTeX know that `pulldown-latex` does not, as the ones it knows; put
/// before every formula (a formula's own `\def` of the same name wins).
const PRELUDE: &str = concat!(
    r"\def\mod{\quad\operatorname{mod}\,}\def\label#1{}\def\nonumber{}\def\notag{}",
    r"\def\tag#1{\qquad(#1)}\def\mbox{\text}\def\bm{\boldsymbol}",
    r"\def\R{\mathbb{R}}\def\N{\mathbb{N}}\def\Z{\mathbb{Z}}\def\Q{\mathbb{Q}}",
);

/// Rewrites the math of a page's body written with `syntax`'s delimiters into `$…$` and
/// `$$…$$`, and escapes the dollars that are not math, outside code and raw HTML. For
/// [`Syntax::Dollars`] there is nothing to do.
pub fn expand(page: &mut ParsedPage, syntax: Syntax) {
    let body = page.body();
    let bytes = body.as_bytes();
    if syntax == Syntax::Dollars {
        return;
    }
    let candidates = memchr::memchr(b'\\', bytes).is_some()
        || (syntax.dollars_are_text() && memchr::memchr(b'$', bytes).is_some());
    if !candidates {
        return;
    }
    let literal = crate::expand::literal_ranges(body, true);
    let mut changes: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b != b'\\' && b != b'$' {
            i += memchr::memchr2(b'\\', b'$', &bytes[i..]).unwrap_or(bytes.len() - i);
            continue;
        }
        if crate::expand::inside(&literal, i) {
            i += 1;
            continue;
        }
        let escaped = backslashes_before(bytes, i) % 2 == 1;
        match find_span(body, i, syntax, escaped, &literal) {
            Some(span) => {
                changes.extend(span.changes);
                i = span.end;
            }
            None => {
                let lone_dollar = b == b'$' && !escaped;
                if lone_dollar && syntax.dollars_are_text() {
                    // A dollar, not the start of math: kept from pulldown-cmark's math.
                    let run = bytes[i..].iter().take_while(|&&c| c == b'$').count();
                    changes.push((i, i + run, "\\$".repeat(run)));
                    i += run;
                } else {
                    i += 1;
                }
            }
        }
    }
    page.replace_ranges(changes, Vec::new());
}

/// Math found at a place of a body, and how to rewrite it.
struct Span {
    end: usize,
    changes: Vec<(usize, usize, String)>,
}

/// How many backslashes come right before `i`.
fn backslashes_before(bytes: &[u8], i: usize) -> usize {
    bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count()
}

/// The math that starts at `at` (a `\` or a `$`; `escaped` when an odd number of backslashes
/// come before it), if any.
fn find_span(
    body: &str,
    at: usize,
    syntax: Syntax,
    escaped: bool,
    literal: &[(usize, usize)],
) -> Option<Span> {
    let rest = &body[at..];
    if escaped {
        return None;
    }
    for &(open, close, displayed) in syntax.pairs() {
        if !rest.starts_with(open) {
            continue;
        }
        let inner_start = at + open.len();
        let inner_len = closing(&body[inner_start..], close)?;
        let inner_end = inner_start + inner_len;
        let end = inner_end + close.len();
        if crate::expand::inside(literal, inner_end) {
            return None;
        }
        let inner = &body[inner_start..inner_end];
        let tex = inner.trim();
        // Math that holds a dollar cannot be written between dollars.
        if tex.is_empty() || has_bare_dollar(tex) {
            return None;
        }
        let alone = stands_alone(body, at, end);
        let displayed = displayed.unwrap_or(alone);
        let changes = if displayed {
            vec![
                (at, inner_start, "$$".to_string()),
                (inner_end, end, "$$".to_string()),
            ]
        } else {
            // `$` opens only before, and closes only after, something other than a space.
            let lead = inner.len() - inner.trim_start().len();
            let trail = inner.len() - inner.trim_end().len();
            vec![
                (at, inner_start + lead, "$".to_string()),
                (inner_end - trail, end, "$".to_string()),
            ]
        };
        return Some(Span { end, changes });
    }
    if syntax == Syntax::Arithmatex && rest.starts_with("\\begin{") && starts_line(body, at) {
        // `\begin{align}…\end{align}` standing alone: displayed whole.
        let name_len = rest[7..].find('}')?;
        let name = &rest[7..7 + name_len];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphabetic() || b == b'*') {
            return None;
        }
        let end_tag = format!("\\end{{{name}}}");
        let end = at + closing(rest, &end_tag)? + end_tag.len();
        if !stands_alone(body, at, end) || has_bare_dollar(&body[at..end]) {
            return None;
        }
        return Some(Span {
            end,
            changes: vec![(at, at, "$$".into()), (end, end, "$$".into())],
        });
    }
    None
}

/// Where `close` first comes in `text` not escaped by a backslash, before any blank line.
fn closing(text: &str, close: &str) -> Option<usize> {
    let limit = blank_line(text).unwrap_or(text.len()).min(MAX_TEX * 2);
    let mut from = 0;
    while let Some(i) = text.get(from..limit)?.find(close) {
        let at = from + i;
        // `\\)` closes `\\(` in mdBook; elsewhere a backslash before the closing escapes it.
        let before = backslashes_before(text.as_bytes(), at);
        if close.starts_with("\\\\") || before % 2 == 0 {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The start of the first blank line of `text`.
fn blank_line(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if offset > 0 && line.trim().is_empty() {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// Whether `text` holds a `$` that no backslash escapes.
fn has_bare_dollar(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'$', bytes).any(|i| backslashes_before(bytes, i) % 2 == 0)
}

/// Whether only white space (and a block quote's `>`, or a list's indent) comes before `start`
/// on its line and after `end` on its line.
fn stands_alone(body: &str, start: usize, end: usize) -> bool {
    let line_end = body[end..].find('\n').map_or(body.len(), |i| end + i);
    starts_line(body, start) && body[end..line_end].trim().is_empty()
}

/// Whether only white space and a block quote's `>` come before `at` on its line.
fn starts_line(body: &str, at: usize) -> bool {
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    body[line_start..at]
        .trim_start_matches(|c: char| c.is_whitespace() || c == '>')
        .is_empty()
}

/// TeX as MathML (`display`: a block of its own, else in the line), or why it cannot be read.
pub fn mathml(tex: &str, display: bool) -> Result<String, String> {
    use pulldown_latex::config::DisplayMode;
    if tex.len() > MAX_TEX {
        return Err(format!(
            "this math is {} KB long; handbook draws math of up to {} KB",
            tex.len() / 1024,
            MAX_TEX / 1024
        ));
    }
    let source = format!("{PRELUDE}{tex}");
    let storage = pulldown_latex::Storage::new();
    let events: Vec<_> = pulldown_latex::Parser::new(&source, &storage).collect();
    if let Some(Err(e)) = events.iter().find(|e| e.is_err()) {
        return Err(reason(e, tex));
    }
    let config = pulldown_latex::RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        ..Default::default()
    };
    let mut out = String::with_capacity(tex.len() * 8 + 64);
    pulldown_latex::push_mathml(&mut out, events.into_iter(), config).map_err(|e| e.to_string())?;
    Ok(tidy(&out))
}

/// What is wrong with `tex`, from the error `pulldown-latex` gave: an unknown command is named.
fn reason(e: &pulldown_latex::ParserError, tex: &str) -> String {
    use std::error::Error;
    let reason = e.source().map_or_else(|| e.to_string(), |s| s.to_string());
    if !reason.starts_with("unknown primitive command") {
        return reason;
    }
    let bytes = tex.as_bytes();
    let unknown = memchr::memchr_iter(b'\\', bytes).find_map(|i| {
        let len = bytes[i + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let command = &tex[i..i + 1 + len];
        let source = format!("{PRELUDE}{command}");
        let storage = pulldown_latex::Storage::new();
        let unknown = len > 0
            && pulldown_latex::Parser::new(&source, &storage).any(|e| {
                e.is_err_and(|e| {
                    e.source()
                        .is_some_and(|s| s.to_string().starts_with("unknown primitive command"))
                })
            });
        unknown.then_some(command)
    });
    match unknown {
        Some(command) => format!("`{command}` is not a command handbook knows"),
        None => reason,
    }
}

/// `pulldown-latex`'s MathML with the `<` and `&` it writes as they are in some operators and
/// identifiers (`<mo><</mo>`, `\operatorname{<b}` as `<mi><b</mi>`) escaped, so that no
/// browser reads them as the start of a tag or of a character reference. Its own tags all
/// start with `m`.
fn tidy(mathml: &str) -> String {
    let bytes = mathml.as_bytes();
    let mut out = String::with_capacity(mathml.len() + 16);
    let mut last = 0;
    for i in memchr::memchr2_iter(b'<', b'&', bytes) {
        let rest = &bytes[i + 1..];
        let keep = if bytes[i] == b'<' {
            let name = rest.strip_prefix(b"/").unwrap_or(rest);
            let len = name.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            name.first() == Some(&b'm') && matches!(name.get(len), Some(b' ' | b'>' | b'/'))
        } else {
            let len = rest
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
                .count();
            len > 0 && rest.get(len) == Some(&b';')
        };
        if !keep {
            out.push_str(&mathml[last..i]);
            out.push_str(if bytes[i] == b'<' { "&lt;" } else { "&amp;" });
            last = i + 1;
        }
    }
    out.push_str(&mathml[last..]);
    // Its control space (`a\ b`) is written as an escaped `&nbsp;`: the space it stands for.
    out.replace("&amp;nbsp;", "&#160;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn expanded(body: &str, syntax: Syntax) -> String {
        let file = SourceFile {
            path: "p.md".into(),
            rel: "p.md".into(),
            text: body.to_string(),
        };
        let (mut page, _) = ParsedPage::parse(file);
        expand(&mut page, syntax);
        page.body().to_string()
    }

    #[test]
    fn arithmatex_brackets_become_dollars() {
        assert_eq!(
            expanded(
                "Area \\( \\pi r^2 \\) and\n\n\\[\nE = mc^2\n\\]\n",
                Syntax::Arithmatex
            ),
            "Area $\\pi r^2$ and\n\n$$\nE = mc^2\n$$\n"
        );
        // Escaped, in code, across a blank line, or holding a dollar: left as written.
        for text in [
            "\\\\(x\\)",
            "`\\(x\\)`",
            "\\(x\n\ny\\)",
            "\\(a $ b\\)",
            "costs $5 and $6",
        ] {
            assert_eq!(expanded(text, Syntax::Arithmatex), text);
        }
        assert_eq!(
            expanded("\\begin{align}\na &= b\n\\end{align}\n", Syntax::Arithmatex),
            "$$\\begin{align}\na &= b\n\\end{align}$$\n"
        );
        assert_eq!(
            expanded("in text \\begin{align}a\\end{align}\n", Syntax::Arithmatex),
            "in text \\begin{align}a\\end{align}\n"
        );
    }

    #[test]
    fn mathjax_and_gitbook_keep_dollars_as_dollars() {
        assert_eq!(
            expanded(
                "It costs $5-$10, \\\\( x_1 \\\\) and\n\\\\[ y \\\\]\n",
                Syntax::MathJax
            ),
            "It costs \\$5-\\$10, $x_1$ and\n$$ y $$\n"
        );
        assert_eq!(
            expanded(
                "From $5 to $$x^2$$ in text, and\n\n$$\ny\n$$\n",
                Syntax::DoubleDollars
            ),
            "From \\$5 to $x^2$ in text, and\n\n$$\ny\n$$\n"
        );
        // Already escaped, or in code: as written.
        assert_eq!(
            expanded("\\$5 `$x$`\n", Syntax::DoubleDollars),
            "\\$5 `$x$`\n"
        );
    }

    #[test]
    fn mathml_inline_block_and_errors() {
        let inline = mathml("x^2", false).unwrap();
        assert!(inline.starts_with("<math"), "{inline}");
        assert!(inline.contains("<msup>"), "{inline}");
        let block = mathml("\\frac{a}{b}", true).unwrap();
        assert!(block.contains("display=\"block\""), "{block}");
        assert!(mathml("\\frac{a}{", false).is_err());
        // What pulldown-latex writes as it is, escaped.
        assert_eq!(
            mathml("x<b", false).unwrap(),
            "<math display=\"inline\"><mi>x</mi><mo>&lt;</mo><mi>b</mi></math>"
        );
        let written = mathml("\\operatorname{<b} \\& \\text{a<b&c}", false).unwrap();
        for part in [
            "<mi>&lt;b</mi>",
            "<mi>&amp;</mi>",
            "<mtext>a&lt;b&amp;c</mtext>",
        ] {
            assert!(written.contains(part), "{written}");
        }
        assert!(mathml(&"x".repeat(MAX_TEX + 1), false).is_err());
        assert_eq!(
            mathml("a + \\boxed{b}", false),
            Err("`\\boxed` is not a command handbook knows".to_string())
        );
        // MathJax's commands that pulldown-latex lacks, and its control space.
        for tex in [
            "a \\equiv b \\mod n",
            "x \\tag{1}\\label{e}",
            "\\R^n",
            "\\mbox{ab}",
            "a\\ b",
        ] {
            let written = mathml(tex, true).unwrap();
            assert!(
                !written.contains('{') && !written.contains("&amp;"),
                "{tex}: {written}"
            );
        }
    }
}
