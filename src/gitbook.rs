//! Books written with GitBook: the `.gitbook.yaml` beside them (which folder is the book, and
//! the redirects of pages that moved), and the blocks GitBook's editor writes into Markdown as
//! tags (`{% hint style="info" %}` ... `{% endhint %}`), shown as handbook's callouts, tabs,
//! steps, columns and links instead of as written.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Deserialize;

use crate::checks::Redirect;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Position};
use crate::links;
use crate::markdown::{escape, Rendered};
use crate::mdbook::{Included, Splice};
use crate::page::ParsedPage;
use crate::site::Site;
use crate::source::LineIndex;

pub const FILE_NAME: &str = ".gitbook.yaml";

/// What a book's `.gitbook.yaml` says that handbook has a use for.
#[derive(Debug, Clone, Default)]
pub struct GitBook {
    /// The `.gitbook.yaml` itself, for messages.
    pub path: PathBuf,
    /// The folder of the book's Markdown (`root`), relative to the file's folder.
    pub root: PathBuf,
    /// `redirects`: an old address (`old/page`, below the site), the file it now is
    /// (`new/page.md#anchor`, below the book's folder), and where the file says so.
    pub redirects: Vec<(String, String, Option<Position>)>,
}

/// `.gitbook.yaml` as written; keys handbook does not read are let be.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct File {
    root: Option<String>,
    structure: Structure,
    redirects: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Structure {
    readme: Option<String>,
    summary: Option<String>,
}

/// Reads the `.gitbook.yaml` in `dir`, if there is one; its problems (bad YAML, settings left
/// unread) as diagnostics.
pub fn read(dir: &Path) -> Result<Option<(GitBook, Vec<Diagnostic>)>, Diagnostic> {
    let path = dir.join(FILE_NAME);
    if !path.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Diagnostic::error("gitbook", &path, format!("cannot be read: {e}"))
            .hint("make the file readable UTF-8, or remove it")
    })?;
    let file: File = crate::front_matter::parse_yaml_file(&text, &path, "gitbook")?;
    let mut warnings = Vec::new();
    let structure = [
        ("readme", file.structure.readme.as_deref(), "README.md"),
        ("summary", file.structure.summary.as_deref(), "SUMMARY.md"),
    ];
    for (key, value, default) in structure {
        let Some(value) = value else { continue };
        let name = value.trim_start_matches("./");
        if name != default {
            warnings.push(
                Diagnostic::warning(
                    "gitbook",
                    &path,
                    format!("`structure.{key}: {value}` is not read: handbook reads `{default}`"),
                )
                .hint(format!("rename the file to `{default}`")),
            );
        }
    }
    let root = file
        .root
        .as_deref()
        .map(|r| r.trim().trim_start_matches("./").trim_start_matches('/'))
        .filter(|r| !r.is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    Ok(Some((
        GitBook {
            path,
            root,
            redirects: file
                .redirects
                .into_iter()
                .map(|(from, to)| {
                    let position = key_position(&text, &from);
                    (from, to, position)
                })
                .collect(),
        },
        warnings,
    )))
}

/// Where the line of the file that starts with `key:` (quoted or not) has it, if anywhere.
fn key_position(text: &str, key: &str) -> Option<Position> {
    text.lines().enumerate().find_map(|(i, line)| {
        let trimmed = line.trim_start();
        let written = [
            format!("{key}:"),
            format!("\"{key}\":"),
            format!("'{key}':"),
        ];
        written
            .iter()
            .any(|k| trimmed.starts_with(k.as_str()))
            .then(|| Position::new(i + 1, line.len() - trimmed.len() + 1))
    })
}

/// The redirect pages of a GitBook book's `redirects`: each old address (that no page or file
/// of the site now has) leads to the page it names, at the heading it names. One that leads to
/// no page, or to a heading the page does not have, is a warning; GitBook's own addresses need
/// none, since a page `a/b.md` is at `a/b/` in both.
pub fn redirects(
    site: &Site,
    rendered: &[Rendered],
    book: &GitBook,
    taken: &HashSet<String>,
    aliases: &[Redirect],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Redirect> {
    let mut used: HashSet<String> = aliases.iter().map(|r| r.path.clone()).collect();
    let mut out = Vec::new();
    for (from, to, position) in &book.redirects {
        let warn = |message: String, hint: &str| {
            Diagnostic::warning("gitbook-redirect", &book.path, message)
                .at_opt(*position)
                .hint(hint.to_string())
        };
        // A fragment never reaches the server: no page can redirect from it.
        if from.contains('#') {
            continue;
        }
        let Some(old) = links::normalize("", from.trim_start_matches('/'))
            .map(|o| o.trim_end_matches('/').to_string())
            .filter(|o| !o.is_empty())
        else {
            continue;
        };
        let path = if old.ends_with(".html") {
            old.clone()
        } else {
            format!("{old}/index.html")
        };
        if site.page_by_url(&format!("{old}/")).is_some()
            || taken.contains(&path)
            || crate::checks::generated(&path).is_some()
            || !used.insert(path.clone())
        {
            continue;
        }
        let (target, anchor) = to.split_once('#').unwrap_or((to, ""));
        let target = target
            .trim()
            .trim_start_matches("./")
            .trim_start_matches('/');
        let page = links::normalize("", &links::percent_decode(target)).and_then(|t| {
            site.page_by_rel(&t)
                .or_else(|| site.page_by_rel(&format!("{}/README.md", t.trim_end_matches('/'))))
        });
        let Some(page) = page else {
            diagnostics.push(warn(
                format!("the redirect from `{from}` leads to `{to}`, which is no page of the book; it is left out"),
                "point it at a page's file, relative to the book's folder",
            ));
            continue;
        };
        let anchor = if anchor.is_empty() || rendered[page].ids.contains(anchor) {
            anchor.to_string()
        } else {
            diagnostics.push(warn(
                format!(
                    "the redirect from `{from}` leads to `#{anchor}`, which {} does not have; it leads to the page's top",
                    site.pages[page].parsed.rel
                ),
                &crate::markdown::anchor_hint(&rendered[page].ids, anchor),
            ));
            String::new()
        };
        out.push(Redirect { path, page, anchor });
    }
    out
}

/// The book's title when it has no `book.toml`: the first `# Heading` of the README at the top
/// of the book, else the folder's name.
pub fn title(book: &Path) -> String {
    let heading = std::fs::read_to_string(book.join("README.md"))
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("# ").map(|t| t.trim().to_string()))
        })
        .filter(|t| !t.is_empty());
    heading.unwrap_or_else(|| {
        book.canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Handbook".into())
    })
}

/// One `{% name args %}` in a page's body.
struct BlockTag<'t> {
    start: usize,
    end: usize,
    name: &'t str,
    args: &'t str,
}

/// The block tags of `body` outside code and raw HTML, in order: `{% name args %}` on one line.
fn block_tags(body: &str) -> Vec<BlockTag<'_>> {
    let mut tags = Vec::new();
    for at in memchr::memmem::find_iter(body.as_bytes(), b"{%") {
        if tags.last().is_some_and(|t: &BlockTag| at < t.end) {
            continue;
        }
        let rest = &body[at + 2..];
        let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let Some(close) = line.find("%}") else {
            continue;
        };
        let inner = line[..close].trim();
        let name_len = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(inner.len());
        let (name, args) = inner.split_at(name_len);
        if name.is_empty() {
            continue;
        }
        tags.push(BlockTag {
            start: at,
            end: at + 2 + close + 2,
            name,
            args: args.trim(),
        });
    }
    if tags.is_empty() {
        return tags;
    }
    let literal = literal_ranges(body);
    tags.retain(|t| !literal.iter().any(|r| r.0 <= t.start && t.start < r.1));
    tags
}

/// Where `body` is shown as written: code blocks, code spans and raw HTML (comments).
fn literal_ranges(body: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut code_start = None;
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => code_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                ranges.push((code_start.take().unwrap_or(range.start), range.end));
            }
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => {
                ranges.push((range.start, range.end));
            }
            _ => {}
        }
    }
    ranges
}

/// The value of `key="value"` (or `'value'`) in a tag's arguments.
fn attribute<'t>(args: &'t str, key: &str) -> Option<&'t str> {
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

/// The tag that closes a block opened by `name`; `None` for a name that opens no block.
fn closer_of(name: &str) -> Option<&'static str> {
    Some(match name {
        "hint" => "endhint",
        "tabs" => "endtabs",
        "tab" => "endtab",
        "stepper" => "endstepper",
        "step" => "endstep",
        "columns" => "endcolumns",
        "column" => "endcolumn",
        "content-ref" => "endcontent-ref",
        "code" => "endcode",
        "embed" => "endembed",
        "file" => "endfile",
        _ => return None,
    })
}

/// Blocks whose closing tag GitBook leaves out when there is no caption.
fn close_optional(name: &str) -> bool {
    matches!(name, "embed" | "file")
}

/// What an opening tag becomes: HTML blocks, and Markdown links for the files and pages it
/// names (so that they are checked, and a linked file is published). `closed`: whether a
/// closing tag ends the block (an embed's or a file's caption is then inside it).
fn opening(name: &str, args: &str, indent: &str, closed: bool) -> String {
    let block = |html: &str| format!("\n\n{indent}{html}\n\n{indent}");
    let link = |class: &str, text: &str, target: &str| {
        let text = text
            .replace('\\', "\\\\")
            .replace('[', "\\[")
            .replace(']', "\\]");
        let end = if closed {
            String::new()
        } else {
            format!("</div>\n\n{indent}")
        };
        format!("\n\n{indent}<div class=\"hb-{class}\">\n\n{indent}[{text}](<{target}>)\n\n{indent}{end}")
    };
    match name {
        "hint" => {
            let (class, label) = match attribute(args, "style").unwrap_or("info") {
                "success" | "tip" => ("tip", "Tip"),
                "warning" => ("warning", "Warning"),
                "danger" => ("caution", "Caution"),
                _ => ("note", "Note"),
            };
            block(&format!(
                "<div class=\"hb-callout hb-callout-{class}\" role=\"note\"><p class=\"hb-callout-title\">{label}</p>"
            ))
        }
        "tabs" => block("<div class=\"hb-tabs\">"),
        "tab" => block(&format!(
            "<div class=\"hb-tab\"><p class=\"hb-tab-title\">{}</p>",
            escape(attribute(args, "title").unwrap_or(""))
        )),
        "stepper" => block("<ol class=\"hb-steps\">"),
        "step" => block("<li class=\"hb-step\">"),
        "columns" => block("<div class=\"hb-columns\">"),
        "column" => block("<div class=\"hb-column\">"),
        "content-ref" => block("<div class=\"hb-content-ref\">"),
        "code" => match attribute(args, "title").filter(|t| !t.is_empty()) {
            Some(title) => block(&format!("<p class=\"hb-code-title\">{}</p>", escape(title))),
            None => String::new(),
        },
        "embed" => {
            let url = attribute(args, "url").unwrap_or("");
            let text = attribute(args, "caption")
                .filter(|c| !c.is_empty())
                .unwrap_or(url);
            link("embed", text, url)
        }
        "file" => {
            let src = attribute(args, "src").unwrap_or("");
            let name = src.rsplit('/').next().unwrap_or(src);
            let text = attribute(args, "caption")
                .filter(|c| !c.is_empty())
                .unwrap_or(name);
            link("file", text, src)
        }
        _ => String::new(),
    }
}

/// What a closing tag becomes.
fn closing(opener: &str, indent: &str) -> String {
    let html = match opener {
        "stepper" => "</ol>",
        "step" => "</li>",
        "code" => return String::new(),
        _ => "</div>",
    };
    format!("\n\n{indent}{html}\n\n{indent}")
}

/// Shows GitBook's blocks in the body of a page of a GitBook book (one with a `.gitbook.yaml`;
/// any other handbook's text is left as written): hints as callouts, tabs one under the other
/// with their titles, steps as a numbered list, columns side by side, embeds and files as
/// links, and a code block's title above it. A tag left open, a closing tag with nothing to
/// close and a tag handbook does not know are warnings, and show as written. Positions in
/// diagnostics stay those of the file ([`Included`]).
pub fn expand_blocks(page: &mut ParsedPage, config: &Config) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    if config.gitbook.is_none() || config.mdbook.is_some() {
        return diagnostics;
    }
    let tags = block_tags(page.body());
    if tags.is_empty() {
        return diagnostics;
    }
    let lines = LineIndex::new(&page.text);
    let warn = |diagnostics: &mut Vec<Diagnostic>, tag: &BlockTag, message: String, hint: &str| {
        diagnostics.push(
            Diagnostic::warning("gitbook-block", &page.path, message)
                .at(lines.position(page.body_start + tag.start))
                .hint(hint.to_string()),
        );
    };
    // Pairs each closing tag with the block it closes; `opener[i]` is the name of the block a
    // kept tag opens or closes.
    let mut opener: Vec<Option<&str>> = vec![None; tags.len()];
    let mut closed = vec![false; tags.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, tag) in tags.iter().enumerate() {
        if closer_of(tag.name).is_some() {
            open.push(i);
            continue;
        }
        let Some(name) = tag
            .name
            .strip_prefix("end")
            .filter(|n| closer_of(n).is_some())
        else {
            warn(
                &mut diagnostics,
                tag,
                format!(
                    "GitBook's `{{% {} %}}` is not read by handbook: it shows as written",
                    tag.name
                ),
                "put what it stands for in the page itself",
            );
            continue;
        };
        while let Some(&top) = open.last() {
            if tags[top].name != name && close_optional(tags[top].name) {
                opener[top] = Some(tags[top].name);
                open.pop();
            } else {
                break;
            }
        }
        match open.last() {
            Some(&top) if tags[top].name == name => {
                opener[top] = Some(name);
                closed[top] = true;
                opener[i] = Some(name);
                open.pop();
            }
            _ => warn(
                &mut diagnostics,
                tag,
                format!(
                    "`{{% {} %}}` closes no `{{% {name} %}}` block: it shows as written",
                    tag.name
                ),
                "remove it, or open the block it closes above it",
            ),
        }
    }
    for i in open {
        if close_optional(tags[i].name) {
            opener[i] = Some(tags[i].name);
        } else {
            warn(
                &mut diagnostics,
                &tags[i],
                format!(
                    "`{{% {} %}}` is never closed with `{{% {} %}}`: it shows as written",
                    tags[i].name,
                    closer_of(tags[i].name).unwrap_or_default()
                ),
                "close the block where it ends",
            );
        }
    }
    let body = page.body();
    let mut out = String::with_capacity(body.len() + 64 * tags.len());
    let mut splices: Vec<Splice> = Vec::new();
    let mut last = 0;
    for ((tag, opener), &closed) in tags.iter().zip(&opener).zip(&closed) {
        let Some(opener) = opener else { continue };
        let line_start = body[..tag.start].rfind('\n').map_or(0, |i| i + 1);
        let before = &body[line_start..tag.start];
        let indent = if before.trim().is_empty() { before } else { "" };
        let replacement = if tag.name == *opener {
            opening(tag.name, tag.args, indent, closed)
        } else {
            closing(opener, indent)
        };
        out.push_str(&body[last..tag.start]);
        splices.push((out.len(), replacement.len(), tag.start, tag.end - tag.start));
        out.push_str(&replacement);
        last = tag.end;
    }
    if splices.is_empty() {
        return diagnostics;
    }
    out.push_str(&body[last..]);
    let written = page.text.split_off(page.body_start);
    page.text.push_str(&out);
    page.included = Some(Box::new(Included::new(written, splices, Vec::new())));
    diagnostics
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

    #[test]
    fn tags_in_code_are_text() {
        let body = "{% hint %}\n\n`{% hint %}`\n\n```\n{% endhint %}\n```\n\n<!-- {% tab %} -->\n{% endhint %}\n";
        let names: Vec<(usize, &str)> =
            block_tags(body).iter().map(|t| (t.start, t.name)).collect();
        assert_eq!(
            names,
            vec![(0, "hint"), (body.rfind("{% endhint").unwrap(), "endhint")]
        );
    }
}
