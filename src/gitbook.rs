//! Books written with GitBook: the `.gitbook.yaml` beside them (which folder is the book, and
//! the redirects of pages that moved), and the blocks GitBook's editor writes into Markdown as
//! tags (`{% hint style="info" %}` ... `{% endhint %}`), shown as handbook's callouts, tabs,
//! steps, columns and links instead of as written.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::checks::Redirect;
use crate::diagnostic::{Diagnostic, Position};
use crate::expand::{attribute, literal_ranges, misread_html};
use crate::links;
use crate::markdown::{callout_start, escape, tab_start, Rendered, TABS_START};
use crate::page::{ParsedPage, Splice};
use crate::site::Site;
use crate::source::LineIndex;
use crate::ui::{Text, Ui};

pub const FILE_NAME: &str = ".gitbook.yaml";

/// The settings of a book written for GitBook's command-line tool (GitBook 3, HonKit), where
/// `.gitbook.yaml` came later: a book only with a `SUMMARY.md` ([`legacy_in`]).
pub const LEGACY_FILE_NAME: &str = "book.json";

/// What a book's `.gitbook.yaml` says that handbook has a use for.
#[derive(Debug, Clone, Default)]
pub struct GitBook {
    /// The `.gitbook.yaml` itself, for messages.
    pub path: PathBuf,
    /// The folder of the book's Markdown (`root`), relative to the file's folder.
    pub root: PathBuf,
    /// The book's `title`, which a `book.json` may give.
    pub title: Option<String>,
    /// The book's `language` (`zh-hans`), which a `book.json` may give.
    pub language: Option<String>,
    /// `redirects`: an old address (`old/page`, below the site), the file it now is
    /// (`new/page.md#anchor`, below the book's folder), and where the file says so.
    pub redirects: Vec<(String, String, Option<Position>)>,
}

/// `.gitbook.yaml` as written; keys handbook does not read are let be.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct File {
    root: Option<String>,
    title: Option<String>,
    language: Option<String>,
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
    let (path, (file, text)) = if path.is_file() {
        let read: (File, String) = crate::front_matter::read_yaml_file(&path, "gitbook")?;
        (path, read)
    } else if legacy_in(dir) {
        let path = dir.join(LEGACY_FILE_NAME);
        let read = read_json(&path)?;
        (path, read)
    } else {
        return Ok(None);
    };
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
    let given = |value: Option<String>| {
        value
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let (title, language) = (given(file.title), given(file.language));
    Ok(Some((
        GitBook {
            path,
            root,
            title,
            language,
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

impl GitBook {
    /// Whether its settings are a `book.json` ([`LEGACY_FILE_NAME`]).
    pub fn is_legacy(&self) -> bool {
        self.path.file_name() == Some(std::ffi::OsStr::new(LEGACY_FILE_NAME))
    }
}

/// Whether `dir` holds a book of GitBook's command-line tool: a `book.json` with a
/// `SUMMARY.md` in the folder it names as `root` (else its own).
pub fn legacy_in(dir: &Path) -> bool {
    let path = dir.join(LEGACY_FILE_NAME);
    if !path.is_file() {
        return false;
    }
    if dir.join("SUMMARY.md").is_file() {
        return true;
    }
    let Ok(text) = std::fs::read_to_string(&path) else {
        return false;
    };
    match serde_json::from_str::<File>(&text) {
        Ok(file) => file.root.is_some_and(|root| {
            let root = root.trim().trim_start_matches("./").trim_start_matches('/');
            dir.join(root).join("SUMMARY.md").is_file()
        }),
        // One that is no JSON but names GitBook's settings is a book's, whose error is then
        // reported at its line.
        Err(_) => ["\"root\"", "\"plugins\"", "\"structure\"", "\"gitbook\""]
            .iter()
            .any(|key| text.contains(key)),
    }
}

/// Reads and parses a `book.json`; a problem is an error at its line and column.
fn read_json(path: &Path) -> Result<(File, String), Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::error("gitbook", path, format!("cannot be read: {e}"))
            .hint("make the file readable UTF-8, or remove it")
    })?;
    let file = serde_json::from_str(&text).map_err(|e| {
        let message = e.to_string();
        let message = match message.find(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        Diagnostic::error("gitbook", path, message)
            .at(Position::new(e.line().max(1), e.column().max(1)))
            .hint("fix the JSON")
    })?;
    Ok((file, text))
}

/// Where the line of the file's `redirects:` that starts with `key:` (quoted or not) has it, if
/// anywhere.
fn key_position(text: &str, key: &str) -> Option<Position> {
    let written = [
        format!("{key}:"),
        format!("\"{key}\":"),
        format!("'{key}':"),
    ];
    text.lines()
        .enumerate()
        .skip_while(|(_, line)| !line.starts_with("redirects:"))
        .skip(1)
        .find_map(|(i, line)| {
            let trimmed = line.trim_start();
            written
                .iter()
                .any(|k| trimmed.starts_with(k.as_str()))
                .then(|| {
                    Position::new(
                        i + 1,
                        line[..line.len() - trimmed.len()].chars().count() + 1,
                    )
                })
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
        let Some(old) = links::normalize("", links::percent_decode(from).trim_start_matches('/'))
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
        let replaced = if let Some(id) = site.page_by_url(&format!("{old}/")) {
            Some(format!("is the address of {}", site.pages[id].parsed.rel))
        } else if let Some(g) = crate::checks::generated(&path) {
            Some(format!("would replace the generated `{g}`"))
        } else if taken.contains(&path) {
            Some(format!("would replace the file `{path}`"))
        } else {
            (!used.insert(path.clone())).then(|| "is also an alias or another redirect".to_string())
        };
        if let Some(replaced) = replaced {
            diagnostics.push(warn(
                format!("the redirect from `{from}` {replaced}; it is left out"),
                "remove it from .gitbook.yaml",
            ));
            continue;
        }
        let (target, anchor) = to.split_once('#').unwrap_or((to, ""));
        let anchor = links::percent_decode(anchor);
        let target = target
            .trim()
            .trim_start_matches("./")
            .trim_start_matches('/');
        let normalized = links::normalize("", &links::percent_decode(target));
        let page = if target.is_empty() {
            Some(site.home())
        } else {
            normalized.as_ref().and_then(|t| {
                site.page_by_rel(t)
                    .or_else(|| site.page_by_rel(&format!("{}/README.md", t.trim_end_matches('/'))))
            })
        };
        let Some(page) = page else {
            // A file there is no page for a reason of its own: said so.
            let folder = book.path.parent().unwrap_or(std::path::Path::new("."));
            let file = normalized.and_then(|t| {
                // A folder's page is its README.md.
                let readme = format!("{}/README.md", t.trim_end_matches('/'));
                [t, readme].into_iter().find(|t| {
                    t.to_ascii_lowercase().ends_with(".md")
                        && folder.join(&book.root).join(t).is_file()
                })
            });
            let why = file.as_deref().and_then(|t| {
                if site.left_out.get(t) == Some(&crate::site::LeftOut::Draft) {
                    return Some((
                        "a draft (`draft: true`), so no page of the book".to_string(),
                        "publish the page (remove `draft: true`), build with --drafts, or point \
                         the redirect at a published page",
                    ));
                }
                if let Some(pattern) = site.excluded.leaves_out(t, false) {
                    return Some((
                        format!("a file `[build] exclude` leaves out (`{pattern}`), so no page of the book"),
                        "point the redirect at a page of the book, or change the patterns that \
                         exclude the file",
                    ));
                }
                site.unlisted.as_ref().is_some_and(|u| u.contains(t)).then(|| {
                    (
                        "a file SUMMARY.md does not list, so no page of the book".to_string(),
                        "list the file in SUMMARY.md, or point the redirect at a page it lists",
                    )
                })
            });
            diagnostics.push(match why {
                Some((why, hint)) => warn(
                    format!("the redirect from `{from}` leads to `{to}`, {why}; it is left out"),
                    hint,
                ),
                None => warn(
                    format!("the redirect from `{from}` leads to `{to}`, which is no page of the book; it is left out"),
                    "point it at a page's file, relative to the book's folder",
                ),
            });
            continue;
        };
        let ids = &rendered[page].ids;
        let anchor = if anchor.is_empty() || ids.contains(&anchor) {
            anchor
        } else if let Some(id) = links::loose_anchor(ids, &anchor) {
            id.clone()
        } else if links::anchor_exists(ids, &anchor) {
            // `#top`: the page's top.
            String::new()
        } else {
            diagnostics.push(warn(
                format!(
                    "the redirect from `{from}` leads to `#{anchor}`, which {} does not have; it leads to the page's top",
                    site.pages[page].parsed.rel
                ),
                &crate::markdown::anchor_hint(ids, &anchor),
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
    heading.unwrap_or_else(|| folder_name(book))
}

/// The name of a folder, for a book that says no other (`Handbook` when it has none).
pub fn folder_name(dir: &Path) -> String {
    dir.canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "Handbook".into())
}

/// One `{% name args %}` in a page's body.
struct BlockTag<'t> {
    start: usize,
    end: usize,
    name: &'t str,
    args: &'t str,
}

/// The block tags of `body` outside code and raw HTML, in order: `{% name args %}` on one line.
/// One pass: a line is searched for its end once, and a `{%` with no `%}` after it on its line
/// makes the rest of the line text.
fn block_tags(body: &str) -> Vec<BlockTag<'_>> {
    let bytes = body.as_bytes();
    let mut tags = Vec::new();
    let mut line_end = 0;
    let mut text_until = 0;
    for at in memchr::memmem::find_iter(bytes, b"{%") {
        if at < text_until || tags.last().is_some_and(|t: &BlockTag| at < t.end) {
            continue;
        }
        if at >= line_end {
            line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        }
        let Some(close) = memchr::memmem::find(&bytes[at + 2..line_end], b"%}") else {
            text_until = line_end;
            continue;
        };
        let inner = body[at + 2..at + 2 + close].trim();
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
    // Both in order: one walk through the ranges.
    let literal = literal_ranges(body, true);
    let mut ranges = literal.iter().peekable();
    tags.retain(|t| {
        while ranges.next_if(|r| r.1 <= t.start).is_some() {}
        ranges.peek().is_none_or(|r| r.0 > t.start)
    });
    tags
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
fn opening(name: &str, args: &str, indent: &str, closed: bool, ui: &Ui) -> String {
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
                "success" | "tip" => ("tip", Text::CalloutTip),
                "warning" => ("warning", Text::CalloutWarning),
                "danger" => ("caution", Text::CalloutCaution),
                _ => ("note", Text::CalloutNote),
            };
            block(&callout_start(class, Some(ui.get(label))))
        }
        "tabs" => block(TABS_START),
        "tab" => block(&tab_start(attribute(args, "title").unwrap_or(""))),
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

/// How a page's tags pair up: for each tag, the name of the block it opens or closes (`None`
/// for one shown as written), whether each opening tag is closed, and the problems (the tag,
/// what is wrong, how to fix it).
type Pairing<'t> = (
    Vec<Option<&'t str>>,
    Vec<bool>,
    Vec<(usize, String, &'static str)>,
);

fn pair<'t>(tags: &[BlockTag<'t>]) -> Pairing<'t> {
    let mut opener: Vec<Option<&str>> = vec![None; tags.len()];
    let mut closed = vec![false; tags.len()];
    let mut problems = Vec::new();
    // A block never closed is shown as written, but an embed or a file needs no closing tag.
    let mut left_open = |o: usize, opener: &mut Vec<Option<&'t str>>| {
        if close_optional(tags[o].name) {
            opener[o] = Some(tags[o].name);
        } else {
            problems.push((
                o,
                format!(
                    "`{{% {} %}}` is never closed with `{{% {} %}}`: it shows as written",
                    tags[o].name,
                    closer_of(tags[o].name).unwrap_or_default()
                ),
                "close the block where it ends",
            ));
        }
    };
    let mut open: Vec<usize> = Vec::new();
    let mut unknown = Vec::new();
    // The names of the tags handbook does not know, so far.
    let mut seen: HashSet<&str> = HashSet::new();
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
            // One warning a block: its end is said with its start.
            let end_of_unknown = tag
                .name
                .strip_prefix("end")
                .is_some_and(|n| seen.contains(n));
            seen.insert(tag.name);
            if !end_of_unknown {
                unknown.push((
                    i,
                    format!(
                        "GitBook's `{{% {} %}}` is not read by handbook: it shows as written",
                        tag.name
                    ),
                    "put what it stands for in the page itself",
                ));
            }
            continue;
        };
        let Some(k) = open.iter().rposition(|&o| tags[o].name == name) else {
            unknown.push((
                i,
                format!(
                    "`{{% {} %}}` closes no `{{% {name} %}}` block: it shows as written",
                    tag.name
                ),
                "remove it, or open the block it closes above it",
            ));
            continue;
        };
        // Blocks opened inside this one and not closed end here.
        for o in open.split_off(k + 1) {
            left_open(o, &mut opener);
        }
        if let Some(o) = open.pop() {
            opener[o] = Some(name);
            closed[o] = true;
            opener[i] = Some(name);
        }
    }
    for o in open {
        left_open(o, &mut opener);
    }
    problems.extend(unknown);
    (opener, closed, problems)
}

/// Shows GitBook's blocks in the body of a page of a GitBook book (one with a `.gitbook.yaml`;
/// [`crate::expand_borrowed_syntax`]): hints as callouts, tabs one under the other
/// with their titles, steps as a numbered list, columns side by side, embeds and files as
/// links, and a code block's title above it. A tag left open, a closing tag with nothing to
/// close and a tag handbook does not know are warnings, and show as written; so do all of a
/// page's blocks when their tags are indented as code would be. Positions in diagnostics stay
/// those of the file ([`ParsedPage::replace_body`]).
pub fn expand_blocks(page: &mut ParsedPage, ui: &Ui) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let tags = block_tags(page.body());
    if tags.is_empty() {
        return diagnostics;
    }
    let lines = LineIndex::new(&page.text);
    let warning = |tag: &BlockTag, message: String, hint: &str| {
        Diagnostic::warning("gitbook-block", &page.path, message)
            .at(lines.position(page.body_start + tag.start))
            .hint(hint.to_string())
    };
    let (opener, closed, problems) = pair(&tags);
    for (i, message, hint) in problems {
        diagnostics.push(warning(&tags[i], message, hint));
    }
    let body = page.body();
    let mut out = String::with_capacity(body.len() + 64 * tags.len());
    let mut splices: Vec<Splice> = Vec::new();
    // Where each block's HTML went in the new text, with its tag.
    let mut html_at: Vec<(usize, usize)> = Vec::new();
    let mut last = 0;
    let mut line_start = 0;
    for (t, tag) in tags.iter().enumerate() {
        let Some(opener) = opener[t] else { continue };
        line_start = body[last..tag.start]
            .rfind('\n')
            .map_or(line_start, |i| last + i + 1);
        let before = &body[line_start..tag.start];
        let indent = if before.trim().is_empty() { before } else { "" };
        let replacement = if tag.name == opener {
            opening(tag.name, tag.args, indent, closed[t], ui)
        } else {
            closing(opener, indent)
        };
        out.push_str(&body[last..tag.start]);
        if let Some(lt) = replacement.find('<') {
            html_at.push((out.len() + lt, t));
        }
        splices.push((out.len(), replacement.len(), tag.start, tag.end - tag.start));
        out.push_str(&replacement);
        last = tag.end;
    }
    if splices.is_empty() {
        return diagnostics;
    }
    out.push_str(&body[last..]);
    // Every block's HTML must be read as HTML: a tag indented as code would put it in a code
    // block and leave the others unbalanced, so the page is then left as written.
    if let Some(t) = misread_html(&out, &html_at) {
        diagnostics.push(warning(
            &tags[t],
            "GitBook's blocks on this page show as written: this tag is indented as code would be"
                .into(),
            "start the line of each `{% ... %}` tag where its block's text starts",
        ));
        return diagnostics;
    }
    page.replace_body(&out, splices, Vec::new());
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

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
