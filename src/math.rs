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
    /// Hugo's `passthrough` extension, with the delimiters its settings list: `\(…\)` and
    /// `$…$` inline, `\[…\]` and `$$…$$` displayed (wherever they stand, as Goldmark reads
    /// them); a `$` that is none of them is a dollar.
    Hugo(HugoDelimiters),
}

/// Which of the usual pairs Hugo's `passthrough` settings list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HugoDelimiters {
    /// `\(…\)`, inline.
    pub round: bool,
    /// `$…$`, inline.
    pub dollar: bool,
    /// `\[…\]`, displayed.
    pub square: bool,
    /// `$$…$$`, displayed.
    pub double_dollar: bool,
}

impl Syntax {
    /// The delimiters rewritten into dollars: (opening, closing, displayed), displayed `None`
    /// for GitBook's either.
    fn pairs(self) -> Vec<(&'static str, &'static str, Option<bool>)> {
        match self {
            Syntax::Dollars => Vec::new(),
            Syntax::Arithmatex => vec![("\\(", "\\)", Some(false)), ("\\[", "\\]", Some(true))],
            Syntax::Hugo(d) => [
                (d.round, ("\\(", "\\)", Some(false))),
                (d.square, ("\\[", "\\]", Some(true))),
                // With `$…$` inline, pulldown-cmark reads `$$…$$` itself.
                (d.double_dollar && !d.dollar, ("$$", "$$", Some(true))),
            ]
            .into_iter()
            .filter_map(|(listed, pair)| listed.then_some(pair))
            .collect(),
            Syntax::MathJax => vec![
                ("\\\\(", "\\\\)", Some(false)),
                ("\\\\[", "\\\\]", Some(true)),
            ],
            Syntax::DoubleDollars => vec![("$$", "$$", None)],
        }
    }

    /// Whether a `$` that starts none of [`Syntax::pairs`] is a dollar, not math.
    fn dollars_are_text(self) -> bool {
        match self {
            Syntax::MathJax | Syntax::DoubleDollars => true,
            Syntax::Hugo(d) => !d.dollar,
            Syntax::Dollars | Syntax::Arithmatex => false,
        }
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
    r"\def\C{\mathbb{C}}\def\emph{\textit}\def\textsl{\textit}\def\textnormal{\text}",
    r"\def\textup{\text}\def\textmd{\text}\def\hbox{\text}\def\Bbb{\mathbb}",
    r"\def\bold{\mathbf}\def\pmb{\boldsymbol}\def\mathbbm{\mathbb}\def\mathds{\mathbb}",
    r"\def\mathscr{\mathcal}\def\smash#1{#1}\def\rlap#1{#1}\def\llap#1{#1}",
    r"\def\mathrlap#1{#1}\def\mathllap#1{#1}\def\mathclap#1{#1}\def\eqref#1{(#1)}",
    r"\def\ref#1{#1}\def\nobreak{}\def\allowbreak{}\def\TeX{\text{TeX}}",
    r"\def\LaTeX{\text{LaTeX}}\def\bra#1{\langle #1\vert}\def\ket#1{\vert #1\rangle}",
    r"\def\braket#1{\langle #1\rangle}\def\set#1{\{#1\}}\def\pod#1{\quad(#1)}",
    r"\def\textdollar{\$}\def\textbackslash{\backslash}\def\tiny{}\def\scriptsize{}",
    r"\def\footnotesize{}\def\small{}\def\normalsize{}\def\large{}\def\Large{}",
    r"\def\LARGE{}\def\huge{}\def\Huge{}",
    r"\def\xRightarrow#1{\overset{#1}{\Longrightarrow}}",
    r"\def\xLeftarrow#1{\overset{#1}{\Longleftarrow}}",
    r"\def\xleftrightarrow#1{\overset{#1}{\longleftrightarrow}}",
    r"\def\xmapsto#1{\overset{#1}{\longmapsto}}",
);

/// How deep groups (`{…}`) may nest in a formula: deeper ones take `pulldown-latex` seconds.
const MAX_DEPTH: usize = 200;

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
    let literal = literal_ranges(body);
    let pairs = syntax.pairs();
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
        match find_span(body, i, syntax, &pairs, escaped, &literal) {
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
    pairs: &[(&str, &str, Option<bool>)],
    escaped: bool,
    literal: &[(usize, usize)],
) -> Option<Span> {
    let rest = &body[at..];
    if escaped {
        return None;
    }
    for &(open, close, displayed) in pairs {
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
        // `\[…\]` is a block of its own in MkDocs: `a\[0\]` is an escaped bracket.
        if open == "\\[" && !alone && syntax == Syntax::Arithmatex {
            return None;
        }
        let displayed = displayed.unwrap_or(alone);
        if syntax == Syntax::MathJax {
            // mdBook gives MathJax the text Markdown made of what was written (`\\` a
            // backslash, `\_` an underscore): the TeX is that text.
            let tex = unescape_markdown(tex);
            let put = if displayed {
                format!("$${tex}$$")
            } else {
                format!("${tex}$")
            };
            return Some(Span {
                end,
                changes: vec![(at, end, put)],
            });
        }
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

/// What CommonMark's backslash escapes and character references make of `text` (`\\` a
/// backslash, `\_` an underscore, `&lt;` a `<`), but for `\$`, the dollar of TeX.
fn unescape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let next = rest[c.len_utf8()..].chars().next();
        match (c, next) {
            ('\\', Some(n)) if n.is_ascii_punctuation() && n != '$' => {
                out.push(n);
                rest = &rest[1 + n.len_utf8()..];
            }
            ('&', _) => match character_reference(rest) {
                Some((decoded, len)) => {
                    out.push(decoded);
                    rest = &rest[len..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            },
            _ => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// The character a reference at the start of `text` stands for (`&lt;`, `&#60;`, `&#x3C;`;
/// of the named ones, those TeX would be written with), and its length.
pub(crate) fn character_reference(text: &str) -> Option<(char, usize)> {
    let end = text.get(1..)?.find(';').filter(|&i| i <= 10)? + 1;
    let name = &text[1..end];
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code).filter(|c| *c != '\0')?
        }
    };
    Some((c, end + 1))
}

/// Where a body's math is not looked for: code, raw HTML, images (their text is their `alt`),
/// autolinks and links' addresses (`Set_\(mathematics\)`), as the tools leave them.
fn literal_ranges(body: &str) -> Vec<(usize, usize)> {
    use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
    let mut ranges = crate::expand::literal_ranges(body, true);
    // Open links: (start of the link, end of the last thing in its text).
    let mut links: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    let mut images = 0usize;
    for (event, range) in Parser::new_ext(body, crate::expand::options()).into_offset_iter() {
        // What a link holds, an image in it too, is its text.
        let own_start = matches!(event, Event::Start(Tag::Link { .. }));
        let own_end = matches!(event, Event::End(TagEnd::Link));
        if let (false, false, Some(link)) = (own_start, own_end, links.last_mut()) {
            link.1 = link.1.max(range.end);
        }
        match event {
            Event::Start(Tag::Image { .. }) => {
                if images == 0 {
                    ranges.push((range.start, range.end));
                }
                images += 1;
            }
            Event::End(TagEnd::Image) => images = images.saturating_sub(1),
            Event::Start(Tag::Link { link_type, .. }) => {
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    ranges.push((range.start, range.end));
                }
                let text_end = range.start;
                links.push((range, text_end));
            }
            Event::End(TagEnd::Link) => {
                if let Some((link, text_end)) = links.pop() {
                    // `[text](address "title")`: past the text.
                    if text_end < link.end {
                        ranges.push((text_end, link.end));
                    }
                    if let Some(outer) = links.last_mut() {
                        outer.1 = outer.1.max(link.end);
                    }
                }
            }
            _ => {}
        }
    }
    ranges.sort_unstable();
    // Merged, so that [`crate::expand::inside`] reads them.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
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

/// Whether only white space, a block quote's `>` and a definition's `:` come before `at` on
/// its line.
fn starts_line(body: &str, at: usize) -> bool {
    let line_start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = body[line_start..at].trim_start_matches(|c: char| c.is_whitespace() || c == '>');
    let before = before.strip_prefix(':').unwrap_or(before);
    before.trim().is_empty()
}

/// TeX as MathML (`display`: a block of its own, else in the line), or why it cannot be read.
pub fn mathml(tex: &str, display: bool) -> Result<String, String> {
    mathml_after(tex, display, "")
}

/// [`mathml`], with the macros `defined` earlier on the page ([`definitions`]) known, as
/// MathJax knows a page's earlier definitions.
pub fn mathml_after(tex: &str, display: bool, defined: &str) -> Result<String, String> {
    use pulldown_latex::config::DisplayMode;
    if tex.len() > MAX_TEX {
        return Err(format!(
            "this math is {} bytes long; handbook draws math of up to {MAX_TEX} bytes",
            tex.len()
        ));
    }
    let mut depth = 0usize;
    for b in tex.bytes() {
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ => continue,
        }
        if depth > MAX_DEPTH {
            return Err(format!(
                "its groups ({{…}}) nest more than {MAX_DEPTH} deep"
            ));
        }
    }
    let reads = as_pulldown_latex_reads(tex);
    // The formula drawn from `source`, or (whether the error is a line break outside any
    // environment, what is wrong).
    let draw = |source: &str| -> Result<String, (bool, String)> {
        let storage = pulldown_latex::Storage::new();
        let events: Vec<_> = pulldown_latex::Parser::new(source, &storage).collect();
        if let Some(Err(e)) = events.iter().find(|e| e.is_err()) {
            let new_line = e.to_string().contains("new line command not allowed");
            return Err((new_line, reason(e, tex)));
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
        pulldown_latex::push_mathml(&mut out, events.into_iter(), config)
            .map_err(|e| (false, e.to_string()))?;
        Ok(tidy(&out))
    };
    match draw(&format!("{PRELUDE}{defined}{reads}")) {
        // `a \\ b` outside any environment: KaTeX and MathJax break the line there, as
        // `gathered` does.
        Err((true, _)) => draw(&format!(
            "{PRELUDE}{defined}\\begin{{gathered}}{reads}\\end{{gathered}}"
        )),
        drawn => drawn,
    }
    .map_err(|(_, reason)| reason)
}

/// `tex` with what MathJax reads and `pulldown-latex` reads otherwise written its way:
/// `\operatorname*` (limits set below) as `\operatorname`, `\newcommand{\name}{…}` (and
/// `\renewcommand`, `\newcommand\name{…}`) without arguments as `\def\name{…}`.
fn as_pulldown_latex_reads(tex: &str) -> std::borrow::Cow<'_, str> {
    if !tex.contains("\\operatorname")
        && !tex.contains("\\mathop")
        && !tex.contains("command")
        && !tex.contains("\\DeclareMathOperator")
    {
        return tex.into();
    }
    let declared = declare_operators(tex);
    let mut out = escape_operator_names(&declared.replace("\\operatorname*", "\\operatorname"));
    for new in ["\\renewcommand", "\\newcommand"] {
        let mut from = 0;
        while let Some(i) = out[from..].find(new).map(|i| from + i) {
            let rest = &out[i + new.len()..];
            // `{\name}` or `\name`, then `{` (no `[n]` of arguments).
            let (name, after) = match rest.strip_prefix('{') {
                Some(r) => match r.find('}') {
                    Some(end) => (&r[..end], &r[end + 1..]),
                    None => break,
                },
                None => {
                    let len = 1 + rest
                        .get(1..)
                        .unwrap_or_default()
                        .bytes()
                        .take_while(u8::is_ascii_alphabetic)
                        .count();
                    (
                        rest.get(..len).unwrap_or_default(),
                        rest.get(len..).unwrap_or_default(),
                    )
                }
            };
            let plain = name.starts_with('\\')
                && name.len() > 1
                && name[1..].bytes().all(|b| b.is_ascii_alphabetic())
                && after.trim_start().starts_with('{');
            if plain {
                let replaced = format!("\\def{name}");
                let end = out.len() - after.len();
                out.replace_range(i..end, &replaced);
                from = i + replaced.len();
            } else {
                from = i + new.len();
            }
        }
    }
    out.into()
}

/// `tex` with `\DeclareMathOperator{\name}{text}` (and `*`) written as
/// `\def\name{\operatorname{text}}`.
fn declare_operators(tex: &str) -> std::borrow::Cow<'_, str> {
    const DECLARE: &str = "\\DeclareMathOperator";
    if !tex.contains(DECLARE) {
        return tex.into();
    }
    let mut out = String::with_capacity(tex.len() + 16);
    let mut rest = tex;
    while let Some(i) = rest.find(DECLARE) {
        out.push_str(&rest[..i]);
        let after = &rest[i + DECLARE.len()..];
        let after = after.strip_prefix('*').unwrap_or(after);
        let parsed = group(after).and_then(|(name, tail)| {
            let (text, tail) = group(tail.trim_start())?;
            let name = name.trim();
            let plain = name.len() > 1
                && name.starts_with('\\')
                && name[1..].bytes().all(|b| b.is_ascii_alphabetic());
            plain.then(|| (format!("\\def{name}{{\\operatorname{{{text}}}}}"), tail))
        });
        match parsed {
            Some((def, tail)) => {
                out.push_str(&def);
                rest = tail;
            }
            None => {
                out.push_str(DECLARE);
                rest = &rest[i + DECLARE.len()..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// The text of the `{…}` group `text` starts with (braces balanced), and what follows it.
fn group(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('{')?;
    let mut depth = 1usize;
    for (at, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&inner[..at], &inner[at + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

/// The macro definitions of a formula (`\def`, `\newcommand`, `\renewcommand`,
/// `\DeclareMathOperator`), as `pulldown-latex` reads them: what later formulas of the page
/// know ([`mathml_after`]).
pub fn definitions(tex: &str) -> String {
    if !tex.contains("\\def") && !tex.contains("command") && !tex.contains("\\DeclareMathOperator")
    {
        return String::new();
    }
    let reads = as_pulldown_latex_reads(tex);
    let mut out = String::new();
    for (i, _) in reads.match_indices('\\') {
        let rest = &reads[i..];
        let Some(keyword) = ["\\def", "\\newcommand", "\\renewcommand"]
            .into_iter()
            .find(|k| rest.starts_with(k))
        else {
            continue;
        };
        let mut tail = &rest[keyword.len()..];
        // The name: `\name` or `{\name}`.
        if let Some((_, after)) = group(tail) {
            tail = after;
        } else if let Some(name) = tail.strip_prefix('\\') {
            let len = name.bytes().take_while(u8::is_ascii_alphabetic).count();
            if len == 0 {
                continue;
            }
            tail = &name[len..];
        } else {
            continue;
        }
        // Parameters: `#1#2` for `\def`, `[2]` (and a default, `[x]`) for the others.
        tail = tail.trim_start_matches(|c: char| c == '#' || c.is_ascii_digit());
        while let Some(bracket) = tail.strip_prefix('[') {
            let Some(end) = bracket.find(']') else { break };
            tail = &bracket[end + 1..];
        }
        let Some((_, after)) = group(tail.trim_start()) else {
            continue;
        };
        out.push_str(&rest[..rest.len() - after.len()]);
    }
    out
}

/// `tex` with the `<`, `>` and `&` of the names `\\operatorname{…}` and `\\mathop{…}` give
/// written as character references: `pulldown-latex` writes those names into the MathML as
/// they are, where `\\operatorname{</mi><mrow style=…>}` would end the name and start markup
/// of the writer's ([`tidy`] keeps the references, which show the signs).
fn escape_operator_names(tex: &str) -> String {
    let mut out = String::with_capacity(tex.len());
    let mut rest = tex;
    while let Some(i) = ["\\operatorname", "\\mathop"]
        .iter()
        .filter_map(|name| rest.find(name).map(|i| i + name.len()))
        .min()
    {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if !rest.starts_with('{') {
            continue;
        }
        // The argument, as far as its braces balance (or the end).
        let end = group(rest).map_or(rest.len(), |(inner, _)| inner.len() + 2);
        for c in rest[..end].chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                c => out.push(c),
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// What is wrong with `tex`, from the error `pulldown-latex` gave: an unknown command is named.
fn reason(e: &pulldown_latex::ParserError, tex: &str) -> String {
    use std::error::Error;
    let reason = e.source().map_or_else(|| e.to_string(), |s| s.to_string());
    if !reason.starts_with("unknown primitive command") {
        return reason;
    }
    let bytes = tex.as_bytes();
    // Each command's backslash (not the second of `\\`).
    let commands =
        memchr::memchr_iter(b'\\', bytes).filter(|&i| backslashes_before(bytes, i) % 2 == 0);
    let unknown = commands.into_iter().find_map(|i| {
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

/// The elements `pulldown-latex` writes.
const ELEMENTS: &[&str] = &[
    "math",
    "merror",
    "mfrac",
    "mi",
    "mn",
    "mo",
    "mover",
    "mpadded",
    "mphantom",
    "mroot",
    "mrow",
    "mspace",
    "msqrt",
    "mstyle",
    "msub",
    "msubsup",
    "msup",
    "mtable",
    "mtd",
    "mtext",
    "mtr",
    "munder",
    "munderover",
];

/// The elements that hold only text.
const TOKENS: &[&str] = &["mi", "mn", "mo", "mtext"];

/// The attributes `pulldown-latex` writes.
const ATTRIBUTES: &[&str] = &[
    "class",
    "columnalign",
    "depth",
    "display",
    "displaystyle",
    "height",
    "largeop",
    "lspace",
    "linethickness",
    "mathvariant",
    "maxsize",
    "minsize",
    "movablelimits",
    "rspace",
    "scriptlevel",
    "stretchy",
    "style",
    "symmetric",
    "width",
    "xmlns",
];

/// `pulldown-latex`'s MathML made safe to put in a page as it is. It writes some text as it
/// is: an operator's `<` (`<mo><</mo>`), and whatever `\operatorname{…}` holds, tags too
/// (`\operatorname{<mi onfocus=…>}`, `\operatorname{</math><main>}`). So only its own tags
/// stand: elements of [`ELEMENTS`] with attributes of [`ATTRIBUTES`] (quoted, a style naming no
/// address), outside the elements that hold only text, each closed in order. Every other `<`,
/// and every `&` that starts no character reference, is escaped; control characters are left
/// out.
fn tidy(mathml: &str) -> String {
    let bytes = mathml.as_bytes();
    let mut out = String::with_capacity(mathml.len() + 16);
    let mut open: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let in_token = open.last().is_some_and(|top| TOKENS.contains(top));
        match b {
            b'<' => {
                let tag = tag_at(&mathml[i..]);
                match tag {
                    Some((len, Tag::Close(name))) if open.last() == Some(&name) => {
                        open.pop();
                        out.push_str(&mathml[i..i + len]);
                        i += len;
                    }
                    Some((len, Tag::Open(name, closed))) if !in_token => {
                        if !closed {
                            open.push(name);
                        }
                        out.push_str(&mathml[i..i + len]);
                        i += len;
                    }
                    _ => {
                        out.push_str("&lt;");
                        i += 1;
                    }
                }
            }
            b'&' => {
                let rest = &bytes[i + 1..];
                let len = rest
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
                    .count();
                if len > 0 && rest.get(len) == Some(&b';') {
                    out.push_str(&mathml[i..i + len + 2]);
                    i += len + 2;
                } else {
                    out.push_str("&amp;");
                    i += 1;
                }
            }
            b'>' => {
                out.push_str("&gt;");
                i += 1;
            }
            _ => {
                let run = bytes[i..]
                    .iter()
                    .take_while(|&&c| !matches!(c, b'<' | b'&' | b'>'))
                    .count();
                out.extend(
                    mathml[i..i + run]
                        .chars()
                        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r')),
                );
                i += run;
            }
        }
    }
    while let Some(name) = open.pop() {
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
    // Its control space (`a\ b`) is written as an escaped `&nbsp;`: the space it stands for.
    out.replace("&amp;nbsp;", "&#160;")
}

/// A tag of `pulldown-latex`'s.
enum Tag {
    /// An element's name, and whether the tag closes it too (`<mspace … />`).
    Open(&'static str, bool),
    Close(&'static str),
}

/// The tag `text` starts with and its length, if it is one `pulldown-latex` writes.
fn tag_at(text: &str) -> Option<(usize, Tag)> {
    let name_of = |s: &str| -> Option<&'static str> {
        let len = s.bytes().take_while(u8::is_ascii_alphabetic).count();
        ELEMENTS.iter().copied().find(|e| *e == &s[..len])
    };
    if let Some(rest) = text.strip_prefix("</") {
        let name = name_of(rest)?;
        return (rest.as_bytes().get(name.len()) == Some(&b'>'))
            .then_some((name.len() + 3, Tag::Close(name)));
    }
    let rest = text.strip_prefix('<')?;
    let name = name_of(rest)?;
    let mut at = 1 + name.len();
    loop {
        let rest = &text[at..];
        if rest.starts_with('>') {
            return Some((at + 1, Tag::Open(name, false)));
        }
        if let Some(after) = rest.strip_prefix(" />").or_else(|| rest.strip_prefix("/>")) {
            return Some((text.len() - after.len(), Tag::Open(name, true)));
        }
        // ` name="value"`
        let rest = rest.strip_prefix(' ')?;
        let attribute_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_alphabetic() || *b == b'-')
            .count();
        let attribute = &rest[..attribute_len];
        if !ATTRIBUTES.contains(&attribute) {
            return None;
        }
        let value_and_rest = rest[attribute_len..].strip_prefix("=\"")?;
        let value_len = value_and_rest.find('"')?;
        let value = &value_and_rest[..value_len];
        let safe = value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b" .,:;#%()-/".contains(&b))
            && !value.to_ascii_lowercase().contains("url");
        if !safe {
            return None;
        }
        at = text.len() - value_and_rest.len() + value_len + 1;
    }
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
            "It costs \\$5-\\$10, $x_1$ and\n$$y$$\n"
        );
        // Markdown's escapes and references are undone, as mdBook hands MathJax the text.
        assert_eq!(
            expanded(
                "\\\\( a &lt; b \\_1 &#x26; \\\\\\\\ c \\\\)\n",
                Syntax::MathJax
            ),
            "$a < b _1 & \\\\ c$\n"
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
    fn only_pulldown_latex_tags_stand() {
        // Its own: kept as they are.
        let own = "<math display=\"block\"><mrow style=\"color: rgb(255 0 0)\"><mi>x</mi>\
                   <mspace width=\"1em\" /></mrow></math>";
        assert_eq!(tidy(own), own);
        // Text of a token element, an address in a style, an unknown attribute or element, a
        // closing tag out of order: escaped; an element left open is closed; no control
        // characters.
        assert_eq!(
            tidy("<math><mi><mi>a</mi><mrow style=\"background: url(x)\"></mrow>\
                  <mrow onclick=\"x\"></mrow><main></math></mi><mtext>a\u{8}b</mtext>"),
            "<math><mi>&lt;mi&gt;a</mi>&lt;mrow style=\"background: url(x)\"&gt;&lt;/mrow&gt;\
             &lt;mrow onclick=\"x\"&gt;&lt;/mrow&gt;&lt;main&gt;</math>&lt;/mi&gt;<mtext>ab</mtext>"
        );
        assert_eq!(
            tidy("<math><mrow><mi>a</mi>"),
            "<math><mrow><mi>a</mi></mrow></math>"
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
        // Macros of an earlier formula, and operators declared.
        let earlier = "\\newcommand{\\E}{\\mathbb{E}} \\DeclareMathOperator{\\rank}{rank} \
                       \\def\\sq#1{#1^2} \\newcommand{\\f}[1]{#1!} x";
        assert!(mathml(earlier, false).is_ok());
        let defined = definitions(earlier);
        let later = mathml_after("\\E[X] + \\rank A + \\sq{y} + \\f{3}", false, &defined).unwrap();
        assert!(
            later.contains("<mi>rank</mi>") && later.contains("<msup>"),
            "{later}"
        );
        assert!(mathml("\\rank A", false).is_err());
        let written = mathml("\\operatorname{<b} \\& \\text{a<b&c}", false).unwrap();
        for part in [
            "<mi>&lt;b</mi>",
            "<mi>&amp;</mi>",
            "<mtext>a&lt;b&amp;c</mtext>",
        ] {
            assert!(written.contains(part), "{written}");
        }
        // A name that closes its own element is text too.
        for tex in [
            "\\operatorname{</mi><mrow style=\"position:fixed\"><mtext>X</mtext></mrow><mi>}",
            "\\mathop{</mi></math><b>}",
            "\\operatorname*{a{</mi>}b}",
        ] {
            let written = mathml(tex, false).unwrap();
            assert_eq!(written.matches("<mi").count(), 1, "{tex}: {written}");
            assert!(
                !written.contains("<mrow") && !written.contains("<b>"),
                "{tex}: {written}"
            );
        }
        assert!(mathml(&"x".repeat(MAX_TEX + 1), false).is_err());
        // Lines broken outside any environment, as KaTeX and MathJax break them.
        let lines = mathml("a = 1 \\\\ b = 2", true).unwrap();
        assert!(
            lines.contains("<mtable") && lines.matches("<mtr").count() == 2,
            "{lines}"
        );
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
