//! Sites written for Hugo or Zola: their settings file is read for what handbook has a use
//! for (the site's title and description, the content and output folders), and Hugo's
//! shortcodes are shown as what they stand for: callouts (`alert`, `notice`, `hint`, `note`,
//! `admonition`...), `details`, `tabs`, `highlight` as a code block, `figure`, `ref` and
//! `relref` as links to the page, videos and gists as links, `param` as the front matter value.
//! Zola's shortcodes are templates of the site's own: each is a warning, shown as written.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Position};
use crate::expand::{literal_ranges, misread_html};
use crate::markdown::{callout_start, details_start, escape, tab_start, TABS_START};
use crate::page::{ParsedPage, Splice};
use crate::source::LineIndex;

/// Which of the two tools a site was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    Hugo,
    Zola,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::Hugo => "Hugo",
            Tool::Zola => "Zola",
        }
    }
}

/// What handbook keeps of a Hugo or Zola site's settings.
#[derive(Debug, Clone)]
pub struct Site {
    pub tool: Tool,
    /// The settings file, for messages.
    pub path: PathBuf,
}

/// Settings files that are Hugo's or Zola's by their name alone.
const OWN_FILES: &[(&str, Tool)] = &[
    ("hugo.toml", Tool::Hugo),
    ("hugo.yaml", Tool::Hugo),
    ("hugo.yml", Tool::Hugo),
    ("hugo.json", Tool::Hugo),
    ("config/_default/hugo.toml", Tool::Hugo),
    ("config/_default/hugo.yaml", Tool::Hugo),
    ("config/_default/hugo.yml", Tool::Hugo),
    ("config/_default/hugo.json", Tool::Hugo),
    ("zola.toml", Tool::Zola),
];

/// Settings files with a name many other projects use: the site's only beside a `content/`
/// folder (`config.toml` is Zola's when it sets Zola's `base_url`, else Hugo's).
const SHARED_FILES: &[&str] = &[
    "config/_default/config.toml",
    "config/_default/config.yaml",
    "config/_default/config.yml",
    "config/_default/config.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
];

/// Every name a settings file may have, below a site's folder (the preview watches them).
pub fn file_names() -> impl Iterator<Item = &'static str> {
    OWN_FILES
        .iter()
        .map(|(name, _)| *name)
        .chain(SHARED_FILES.iter().copied())
}

/// The Hugo or Zola settings file of `dir`, and its tool.
pub fn file_in(dir: &Path) -> Option<(PathBuf, Tool)> {
    if let Some((path, tool)) = OWN_FILES
        .iter()
        .map(|(name, tool)| (dir.join(name), *tool))
        .find(|(path, _)| path.is_file())
    {
        return Some((path, tool));
    }
    if !dir.join("content").is_dir() {
        return None;
    }
    let path = SHARED_FILES
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.is_file())?;
    let zola = path.file_name().is_some_and(|n| n == "config.toml")
        && path.parent() == Some(dir)
        && std::fs::read_to_string(&path).is_ok_and(|text| {
            text.lines()
                .any(|l| l.trim_start().starts_with("base_url") && l.contains('='))
        });
    Some((path, if zola { Tool::Zola } else { Tool::Hugo }))
}

/// What handbook makes of a Hugo or Zola site's settings: the settings (a `book.toml`'s, as
/// TOML), the content folder, what it keeps, and its warnings.
pub struct Read {
    pub settings: toml::Table,
    /// The content folder, relative to the site's folder.
    pub content: PathBuf,
    pub site: Site,
    pub warnings: Vec<Diagnostic>,
}

/// Reads the Hugo or Zola settings of the site in `dir`, if it is one.
pub fn read(dir: &Path) -> Result<Option<Read>, Diagnostic> {
    let Some((path, tool)) = file_in(dir) else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Diagnostic::error("hugo", &path, format!("cannot be read: {e}"))
            .hint("make the file readable UTF-8, or remove it")
    })?;
    let value = parse_settings(&text, &path)?;
    // Hugo reads its keys in any letter case.
    let get = |key: &str| -> Option<&serde_json::Value> {
        let object = value.as_object()?;
        object.get(key).or_else(|| {
            object
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        })
    };
    let text_of = |value: Option<&serde_json::Value>| {
        value
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let string = |s: &str| toml::Value::String(s.to_string());
    let title = text_of(get("title")).unwrap_or_else(|| crate::gitbook::folder_name(dir));
    let description = match tool {
        Tool::Zola => text_of(get("description")),
        Tool::Hugo => text_of(get("params").and_then(|p| p.get("description"))),
    };
    let (content, dest) = match tool {
        Tool::Hugo => (
            text_of(get("contentDir")).unwrap_or_else(|| "content".into()),
            text_of(get("publishDir")).unwrap_or_else(|| "public".into()),
        ),
        Tool::Zola => (
            "content".to_string(),
            text_of(get("output_dir")).unwrap_or_else(|| "public".into()),
        ),
    };
    let mut book = toml::Table::new();
    book.insert("title".into(), string(&title));
    if let Some(description) = description {
        book.insert("description".into(), string(&description));
    }
    let mut build = toml::Table::new();
    build.insert("content".into(), string(&content));
    build.insert("dest".into(), string(&dest));
    let mut settings = toml::Table::new();
    settings.insert("book".into(), toml::Value::Table(book));
    settings.insert("build".into(), toml::Value::Table(build));
    Ok(Some(Read {
        settings,
        content: PathBuf::from(content),
        site: Site { tool, path },
        warnings: Vec::new(),
    }))
}

/// A settings file's text as one JSON value, in the language its name says.
fn parse_settings(text: &str, path: &Path) -> Result<serde_json::Value, Diagnostic> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let error = |message: String, position: Option<Position>| {
        Diagnostic::error("hugo", path, message)
            .at_opt(position)
            .hint("fix the file's syntax")
    };
    match extension {
        "toml" => {
            let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
                let position = e.span().map(|s| LineIndex::new(text).position(s.start));
                error(e.message().trim_end().replace('\n', "; "), position)
            })?;
            Ok(crate::front_matter::toml_to_json(toml::Value::Table(table)))
        }
        "json" => serde_json::from_str(text).map_err(|e| {
            let message = e.to_string();
            let message = match message.find(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            };
            error(message, Some(Position::new(e.line(), e.column())))
        }),
        _ => {
            let value: serde_yaml::Value =
                crate::front_matter::parse_yaml_file(text, path, "hugo")?;
            Ok(serde_json::to_value(value).unwrap_or_default())
        }
    }
}

/// One shortcode tag in a page's body: `{{< name params >}}` or `{{% name params %}}`, its
/// closing `{{< /name >}}`, or a self-closing `{{< name />}}`.
struct Shortcode<'t> {
    start: usize,
    end: usize,
    name: &'t str,
    params: &'t str,
    closing: bool,
    self_closing: bool,
}

/// The longest a tag may run over lines: a tag unclosed by then is text.
const MAX_TAG: usize = 2_000;

/// The shortcode tags of `body` outside code and raw HTML, in order. A tag may run over
/// several lines (its parameters one per line), never over a blank line. Hugo's comment form
/// (`{{</* name */>}}`, shortcodes shown as text) is not a tag.
fn shortcodes(body: &str) -> Vec<Shortcode<'_>> {
    let bytes = body.as_bytes();
    let mut tags: Vec<Shortcode> = Vec::new();
    for at in memchr::memmem::find_iter(bytes, b"{{") {
        if tags.last().is_some_and(|t| at < t.end) {
            continue;
        }
        let Some(&delimiter) = bytes.get(at + 2) else {
            continue;
        };
        let close: &[u8] = match delimiter {
            b'<' => b">}}",
            b'%' => b"%}}",
            _ => continue,
        };
        let limit = (at + MAX_TAG).min(bytes.len());
        let Some(length) = memchr::memmem::find(&bytes[at + 3..limit], close) else {
            continue;
        };
        let end = at + 3 + length + 3;
        let inner = &body[at + 3..at + 3 + length];
        if inner.contains("\n\n") || inner.trim_start().starts_with("/*") {
            continue;
        }
        let inner = inner.trim();
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, inner),
        };
        let (self_closing, inner) = match inner.strip_suffix('/') {
            Some(rest) => (true, rest.trim_end()),
            None => (false, inner),
        };
        let name_length = inner
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')))
            .unwrap_or(inner.len());
        let (name, params) = inner.split_at(name_length);
        if name.is_empty() {
            continue;
        }
        tags.push(Shortcode {
            start: at,
            end,
            name,
            params: params.trim(),
            closing,
            self_closing,
        });
    }
    if tags.is_empty() {
        return tags;
    }
    let literal = literal_ranges(body, false);
    // A `highlight` shortcode's text is code whatever it holds, a fence of backquotes too: its
    // closing tag ends it, and nothing inside is a tag. Markdown is read again with that text
    // blanked, so that such a fence starts no code block.
    let code = highlighted(&tags, &literal);
    let literal = if code.is_empty() {
        literal
    } else {
        let mut blanked = body.as_bytes().to_vec();
        for &(start, end) in &code {
            for b in &mut blanked[start..end] {
                if *b != b'\n' {
                    *b = b' ';
                }
            }
        }
        literal_ranges(&String::from_utf8_lossy(&blanked), false)
    };
    let inside = |ranges: &[(usize, usize)], at: usize| {
        let after = ranges.partition_point(|r| r.0 <= at);
        after > 0 && at < ranges[after - 1].1
    };
    tags.retain(|t| !inside(&literal, t.start) && !inside(&code, t.start));
    tags
}

/// The text of each `highlight` shortcode (from its opening tag's end to its closing tag's
/// start) whose opening tag is outside `literal`, in order.
fn highlighted(tags: &[Shortcode], literal: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut code = Vec::new();
    let mut tags = tags.iter();
    while let Some(tag) = tags.next() {
        let outside = literal.iter().all(|r| tag.start < r.0 || tag.start >= r.1);
        if tag.closing
            || tag.self_closing
            || !tag.name.eq_ignore_ascii_case("highlight")
            || !outside
        {
            continue;
        }
        if let Some(close) = tags
            .by_ref()
            .find(|t| t.closing && t.name.eq_ignore_ascii_case("highlight"))
        {
            code.push((tag.end, close.start));
        }
    }
    code
}

/// A shortcode's parameters: positional ones, and `name=value` ones by name. Values are
/// written bare, in double quotes (with `\"` escapes) or in backquotes (raw).
fn parameters(params: &str) -> (Vec<String>, Vec<(String, String)>) {
    let mut positional = Vec::new();
    let mut named = Vec::new();
    let mut chars = params.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&first) = chars.peek() else { break };
        let mut word = String::new();
        let quoted = |chars: &mut std::iter::Peekable<std::str::Chars>, quote: char| {
            let mut value = String::new();
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '\\' if quote == '"' => {
                        if let Some(next) = chars.next() {
                            value.push(next);
                        }
                    }
                    c if c == quote => break,
                    c => value.push(c),
                }
            }
            value
        };
        if first == '"' || first == '`' {
            positional.push(quoted(&mut chars, first));
            continue;
        }
        while let Some(c) = chars.next_if(|c| !c.is_whitespace() && *c != '=') {
            word.push(c);
        }
        if chars.next_if_eq(&'=').is_some() {
            let value = match chars.peek() {
                Some(&q) if q == '"' || q == '`' => quoted(&mut chars, q),
                _ => {
                    let mut value = String::new();
                    while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                        value.push(c);
                    }
                    value
                }
            };
            named.push((word, value));
        } else if !word.is_empty() {
            positional.push(word);
        } else {
            // A lone `=`: skip it.
            chars.next();
        }
    }
    (positional, named)
}

/// The parameter `key`, else the positional one at `index`.
fn param<'p>(
    (positional, named): &'p (Vec<String>, Vec<(String, String)>),
    key: &str,
    index: Option<usize>,
) -> Option<&'p str> {
    named
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.as_str())
        .or_else(|| index.and_then(|i| positional.get(i)).map(String::as_str))
}

/// The callout class and label a theme's word for a kind of callout stands for.
fn callout_kind(word: &str) -> (&'static str, &'static str) {
    match word.to_ascii_lowercase().as_str() {
        "tip" | "success" | "hint" => ("tip", "Tip"),
        "important" | "primary" => ("important", "Important"),
        "warning" | "warn" | "attention" => ("warning", "Warning"),
        "danger" | "error" | "caution" | "failure" | "bug" => ("caution", "Caution"),
        _ => ("note", "Note"),
    }
}

/// What a block shortcode opens: its HTML and how the block ends.
enum Block {
    Callout(String),
    Details(String),
    Tabs,
    Tab(String),
    /// `highlight`: a fenced code block of the language; the text inside stays as written.
    Code(String),
}

/// The block a shortcode name opens with these parameters, if it opens one.
fn block(name: &str, params: &str) -> Option<Block> {
    let p = parameters(params);
    let lower = name.to_ascii_lowercase();
    Some(match lower.as_str() {
        // Docsy's `alert`, the Learn and Relearn themes' `notice`, hugo-book's `hint`, LoveIt's
        // `admonition`, and the kinds named by themselves.
        "alert" | "notice" | "hint" | "admonition" | "callout" | "note" | "tip" | "info"
        | "important" | "warning" | "caution" | "danger" => {
            let kind = match lower.as_str() {
                "alert" => param(&p, "color", None).unwrap_or("note"),
                "notice" | "hint" | "callout" => param(&p, "type", Some(0)).unwrap_or("note"),
                "admonition" => param(&p, "type", Some(0)).unwrap_or("note"),
                other => other,
            };
            let (class, label) = callout_kind(kind);
            let title_index = match lower.as_str() {
                "notice" | "admonition" => Some(1),
                _ => None,
            };
            let title = param(&p, "title", title_index).filter(|t| !t.is_empty());
            if lower == "admonition" && param(&p, "open", None).is_some() {
                let open = param(&p, "open", None) != Some("false");
                return Some(Block::Details(details_start(
                    class,
                    title.unwrap_or(label),
                    open,
                )));
            }
            Block::Callout(callout_start(class, Some(title.unwrap_or(label))))
        }
        "details" | "expand" | "collapse" | "spoiler" => {
            let summary = param(&p, "summary", Some(0))
                .or_else(|| param(&p, "title", None))
                .filter(|s| !s.is_empty())
                .unwrap_or("Details");
            let open = matches!(param(&p, "open", None), Some("true"));
            Block::Details(details_start("note", summary, open))
        }
        "tabs" | "tabpane" => Block::Tabs,
        "tab" => Block::Tab(
            param(&p, "header", None)
                .or_else(|| param(&p, "title", None))
                .or_else(|| param(&p, "name", Some(0)))
                .unwrap_or("")
                .to_string(),
        ),
        "highlight" => Block::Code(param(&p, "lang", Some(0)).unwrap_or("").to_string()),
        _ => return None,
    })
}

/// How a page links: what Hugo's `ref "path"` names, as a path this page's links resolve. The
/// file is looked for relative to the page's folder, then from the content folder (Hugo looks in
/// both; `/path` only there), as written, with `.md` added, or as a folder's `_index.md` or
/// `index.md`. A path that names no file is returned as written, for the link check to report.
fn reference(target: &str, page: &ParsedPage) -> String {
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, format!("#{anchor}")),
        None => (target, String::new()),
    };
    if path.is_empty() {
        return anchor;
    }
    let found = |dir: &Path, path: &str| -> Option<String> {
        let path = path.trim_end_matches('/');
        ["", ".md", "/_index.md", "/index.md"]
            .iter()
            .map(|suffix| format!("{path}{suffix}"))
            .find(|candidate| !candidate.is_empty() && dir.join(candidate).is_file())
    };
    // The content folder: the page's path without its path below it.
    let content = page
        .path
        .to_str()
        .and_then(|p| p.strip_suffix(page.rel.as_str()))
        .map(PathBuf::from);
    let from_content = |path: &str| {
        let found = content.as_deref().and_then(|dir| found(dir, path));
        format!("@/{}{anchor}", found.as_deref().unwrap_or(path))
    };
    if let Some(rest) = path.strip_prefix('/') {
        return from_content(rest);
    }
    let here = page.path.parent().and_then(|dir| found(dir, path));
    match here {
        Some(here) => format!("{here}{anchor}"),
        None => from_content(path),
    }
}

/// Shows Hugo's shortcodes in a page of a Hugo site as what they stand for
/// ([`crate::expand_borrowed_syntax`]). A shortcode handbook does not know, a block left open
/// and a closing tag with nothing to close are warnings, and show as written; Hugo's comment
/// form `{{</* name */>}}` shows the shortcode itself. Positions in diagnostics stay those of
/// the file ([`ParsedPage::replace_body`]).
pub fn expand_shortcodes(page: &mut ParsedPage) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let body = page.body();
    if !body.contains("{{") {
        return diagnostics;
    }
    let tags = shortcodes(body);
    let lines = LineIndex::new(&page.text);
    let warning = |at: usize, message: String, hint: &str| {
        Diagnostic::warning("hugo-shortcode", &page.path, message)
            .at(lines.position(page.body_start + at))
            .hint(hint.to_string())
    };
    // Pair the blocks: for each tag, the replacement (None: as written).
    let mut replacement: Vec<Option<String>> = vec![None; tags.len()];
    let mut open: Vec<(usize, Block)> = Vec::new();
    let mut unknown: HashSet<&str> = HashSet::new();
    for (i, tag) in tags.iter().enumerate() {
        let (at, indent) = line_indent(body, tag.start);
        let alone = body[tag.end..]
            .split('\n')
            .next()
            .is_some_and(|rest| rest.trim().is_empty())
            && at == tag.start - indent.len();
        if tag.closing {
            let Some(k) = open
                .iter()
                .rposition(|(o, _)| tags[*o].name.eq_ignore_ascii_case(tag.name))
            else {
                if !unknown.contains(tag.name) && block(tag.name, "").is_some() {
                    diagnostics.push(warning(
                        tag.start,
                        format!(
                            "`{{{{< /{} >}}}}` closes no `{}` shortcode: it shows as written",
                            tag.name, tag.name
                        ),
                        "remove it, or open the shortcode it closes above it",
                    ));
                }
                continue;
            };
            for (o, _) in open.split_off(k + 1) {
                left_open(&tags[o], &mut diagnostics, &warning);
            }
            if let Some((o, block)) = open.pop() {
                let (start, end) = match &block {
                    Block::Callout(html) | Block::Details(html) => (
                        html_block(html, indent),
                        html_block(
                            if matches!(block, Block::Details(_)) {
                                "</details>"
                            } else {
                                "</div>"
                            },
                            indent,
                        ),
                    ),
                    Block::Tabs => (html_block(TABS_START, indent), html_block("</div>", indent)),
                    Block::Tab(title) => (
                        html_block(&tab_start(title), indent),
                        html_block("</div>", indent),
                    ),
                    Block::Code(lang) => {
                        let opener = &tags[o];
                        let code = &body[opener.end..tag.start];
                        let fence = "`".repeat(longest_run(code, b'`').max(2) + 1);
                        let (opener_at, opener_indent) = line_indent(body, opener.start);
                        // The fences on lines of their own, the code between them as written.
                        let before = if opener_at == opener.start {
                            String::new()
                        } else {
                            format!("\n{opener_indent}")
                        };
                        let after = if body[opener.end..].starts_with('\n') {
                            String::new()
                        } else {
                            format!("\n{opener_indent}")
                        };
                        let end_before = if at == tag.start {
                            String::new()
                        } else {
                            format!("\n{indent}")
                        };
                        (
                            format!("{before}{fence}{lang}{after}"),
                            format!("{end_before}{fence}\n"),
                        )
                    }
                };
                replacement[o] = Some(start);
                replacement[i] = Some(end);
            }
            continue;
        }
        if let Some(block) = block(tag.name, tag.params) {
            if tag.self_closing {
                continue;
            }
            open.push((i, block));
            continue;
        }
        let p = parameters(tag.params);
        let inline = match tag.name.to_ascii_lowercase().as_str() {
            "ref" | "relref" => param(&p, "path", Some(0)).map(|target| {
                let path = reference(target, page);
                // Inside a link's parentheses, a path with spaces needs angle brackets.
                let in_link = body[..tag.start].ends_with("](");
                if in_link && path.contains([' ', '(', ')', '<', '>']) {
                    format!("<{path}>")
                } else {
                    path
                }
            }),
            "figure" => param(&p, "src", Some(0)).map(|src| {
                let alt = param(&p, "alt", None).unwrap_or("");
                let caption = param(&p, "caption", None)
                    .or_else(|| param(&p, "title", None))
                    .filter(|c| !c.is_empty());
                let image = format!("<img src=\"{}\" alt=\"{}\">", escape(src), escape(alt));
                let image = match param(&p, "link", None) {
                    Some(link) => format!("<a href=\"{}\">{image}</a>", escape(link)),
                    None => image,
                };
                if !alone {
                    return image;
                }
                let caption = caption
                    .map(|c| format!("<figcaption>{}</figcaption>", escape(c)))
                    .unwrap_or_default();
                html_block(
                    &format!("<figure class=\"hb-figure\">{image}{caption}</figure>"),
                    indent,
                )
            }),
            "youtube" => param(&p, "id", Some(0)).map(|id| {
                let title = param(&p, "title", None).unwrap_or("Video on YouTube");
                link_card(
                    title,
                    &format!("https://www.youtube.com/watch?v={id}"),
                    alone,
                    indent,
                )
            }),
            "vimeo" => param(&p, "id", Some(0)).map(|id| {
                let title = param(&p, "title", None).unwrap_or("Video on Vimeo");
                link_card(title, &format!("https://vimeo.com/{id}"), alone, indent)
            }),
            "gist" => match (param(&p, "user", Some(0)), param(&p, "id", Some(1))) {
                (Some(user), Some(id)) => Some(link_card(
                    &format!("Gist {id} by {user}"),
                    &format!("https://gist.github.com/{user}/{id}"),
                    alone,
                    indent,
                )),
                _ => None,
            },
            "x" | "tweet" | "twitter" => match (param(&p, "user", None), param(&p, "id", None)) {
                (Some(user), Some(id)) => Some(link_card(
                    &format!("Post by @{user}"),
                    &format!("https://x.com/{user}/status/{id}"),
                    alone,
                    indent,
                )),
                _ => None,
            },
            "param" => param(&p, "name", Some(0)).and_then(|name| {
                let extra = &page.meta.extra;
                let value = extra.get(name).or_else(|| extra.get("params")?.get(name))?;
                Some(match value {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
            }),
            _ => None,
        };
        match inline {
            Some(text) => replacement[i] = Some(text),
            None => {
                if unknown.insert(tag.name) {
                    diagnostics.push(warning(
                        tag.start,
                        format!(
                            "Hugo's `{}` shortcode is not read by handbook: it shows as written",
                            tag.name
                        ),
                        "put what it stands for in the page itself",
                    ));
                }
            }
        }
    }
    for (o, _) in open {
        left_open(&tags[o], &mut diagnostics, &warning);
    }
    let mut out = String::with_capacity(body.len() + 64 * tags.len());
    let mut splices: Vec<Splice> = Vec::new();
    let mut html_at: Vec<(usize, usize)> = Vec::new();
    let mut last = 0;
    for (t, tag) in tags.iter().enumerate() {
        let Some(text) = &replacement[t] else {
            continue;
        };
        push_unescaped(&mut out, &body[last..tag.start]);
        // HTML put on lines of its own must be read as an HTML block.
        if let Some(lt) = text.find('<').filter(|_| text.starts_with("\n\n")) {
            html_at.push((out.len() + lt, t));
        }
        splices.push((out.len(), text.len(), tag.start, tag.end - tag.start));
        out.push_str(text);
        last = tag.end;
    }
    let escaped = body.contains("{{</*") || body.contains("{{%/*");
    if splices.is_empty() && !escaped {
        return diagnostics;
    }
    push_unescaped(&mut out, &body[last..]);
    if let Some(t) = misread_html(&out, &html_at) {
        diagnostics.push(warning(
            tags[t].start,
            "Hugo's shortcodes on this page show as written: this one is indented as code would be"
                .into(),
            "start the line of each shortcode where its block's text starts",
        ));
        return diagnostics;
    }
    page.replace_body(&out, splices, Vec::new());
    diagnostics
}

/// Writes `text` with Hugo's shortcode comments (`{{</* name */>}}`) turned into the shortcodes
/// they show. The splice map does not record this: a comment's delimiters are on one line with
/// it, so positions after it on that line move by a few columns at most.
fn push_unescaped(out: &mut String, text: &str) {
    if !text.contains("/*") {
        out.push_str(text);
        return;
    }
    out.push_str(
        &text
            .replace("{{</*", "{{<")
            .replace("*/>}}", ">}}")
            .replace("{{%/*", "{{%")
            .replace("*/%}}", "%}}"),
    );
}

fn left_open(
    tag: &Shortcode,
    diagnostics: &mut Vec<Diagnostic>,
    warning: &dyn Fn(usize, String, &str) -> Diagnostic,
) {
    diagnostics.push(warning(
        tag.start,
        format!(
            "the `{}` shortcode is never closed with `{{{{< /{} >}}}}`: it shows as written",
            tag.name, tag.name
        ),
        "close it where its block ends",
    ));
}

/// Where the line holding `at` starts, and the white space it starts with.
fn line_indent(body: &str, at: usize) -> (usize, &str) {
    let start = body[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &body[start..];
    let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    (start + indent.len(), indent)
}

/// HTML on lines of its own, at the indentation of the shortcode it stands for.
fn html_block(html: &str, indent: &str) -> String {
    format!("\n\n{indent}{html}\n\n{indent}")
}

/// A link to what would have been embedded from elsewhere: the site loads nothing from other
/// sites. A card on its own line, a plain link in a sentence.
fn link_card(text: &str, url: &str, alone: bool, indent: &str) -> String {
    let text = text
        .replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]");
    if alone {
        format!("\n\n{indent}<div class=\"hb-embed\">\n\n{indent}[{text}](<{url}>)\n\n{indent}</div>\n\n{indent}")
    } else {
        format!("[{text}](<{url}>)")
    }
}

/// The longest run of `byte` in `text`.
fn longest_run(text: &str, byte: u8) -> usize {
    text.as_bytes()
        .split(|&b| b != byte)
        .map(<[u8]>::len)
        .max()
        .unwrap_or(0)
}

/// Zola's shortcodes (`{{ name(args) }}`, `{% name(args) %}` ... `{% end %}`) are templates of
/// the site's own: each name is one warning a page, and shows as written.
pub fn warn_zola_shortcodes(page: &ParsedPage) -> Vec<Diagnostic> {
    let body = page.body();
    if !body.contains("{{") && !body.contains("{%") {
        return Vec::new();
    }
    let literal = literal_ranges(body, false);
    let lines = LineIndex::new(&page.text);
    let mut seen = HashSet::new();
    let mut diagnostics = Vec::new();
    for (open, close) in [("{{", "}}"), ("{%", "%}")] {
        for at in memchr::memmem::find_iter(body.as_bytes(), open.as_bytes()) {
            if literal.iter().any(|r| r.0 <= at && at < r.1) {
                continue;
            }
            let line_end = body[at..].find('\n').map_or(body.len(), |i| at + i);
            let Some(length) = body[at + 2..line_end].find(close) else {
                continue;
            };
            let inner = body[at + 2..at + 2 + length].trim();
            let Some((name, _)) = inner.split_once('(') else {
                continue;
            };
            if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if seen.insert(name.to_string()) {
                diagnostics.push(
                    Diagnostic::warning(
                        "zola-shortcode",
                        &page.path,
                        format!("Zola's `{name}` shortcode is not read by handbook: it shows as written"),
                    )
                    .at(lines.position(page.body_start + at))
                    .hint("put what it stands for in the page itself"),
                );
            }
        }
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_positional_named_and_quoted() {
        let (positional, named) =
            parameters(r#"info "A \"quoted\" title" color=warning title=`raw "x"` x="""#);
        assert_eq!(positional, ["info", "A \"quoted\" title"]);
        assert_eq!(
            named,
            [
                ("color".to_string(), "warning".to_string()),
                ("title".to_string(), "raw \"x\"".to_string()),
                ("x".to_string(), String::new()),
            ]
        );
        assert_eq!(parameters("  "), (Vec::new(), Vec::new()));
        // Never stuck on stray signs.
        assert_eq!(parameters("= =a").0, Vec::<String>::new());
    }

    #[test]
    fn tags_open_close_span_lines_and_skip_code_and_comments() {
        let body = "{{< figure\n  src=\"a.png\" >}}\n\n`{{< ref \"x\" >}}`\n\n{{</* note */>}}\n\
                    {{% alert title=\"T\" %}}\nx\n{{% /alert %}}\n{{< br />}}\n{{< a\n\nb >}}\n";
        let tags: Vec<(&str, bool, bool)> = shortcodes(body)
            .iter()
            .map(|t| (t.name, t.closing, t.self_closing))
            .collect();
        assert_eq!(
            tags,
            [
                ("figure", false, false),
                ("alert", false, false),
                ("alert", true, false),
                ("br", false, true),
            ]
        );
    }
}
