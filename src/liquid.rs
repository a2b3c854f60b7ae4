//! Liquid, the template language of Jekyll and Eleventy, in the pages of a handbook moved from
//! them. handbook does not run it; what shows as written is said (a warning for each tag or
//! variable on a page, at its first place), and three things are done as those tools would:
//! `{% comment %}...{% endcomment %}` shows nothing (notes to the authors, never published),
//! `{% raw %}` and `{% endraw %}` show what is between them, and the site's base path
//! (`{{ site.baseurl }}`, which starts links: `[CSS]({{ site.baseurl }}/css)`) is nothing, as
//! links from the top of the handbook are read from its top already.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::expand::{inside, literal_ranges};
use crate::page::{is_index_name, ParsedPage};
use crate::source::LineIndex;

/// The variables that hold a Jekyll or Eleventy site's base path.
const BASE_PATHS: &[&str] = &[
    "site.baseurl",
    "site.base_url",
    "base.baseurl",
    "site.baseUrl",
];

/// Takes out what Liquid would not show and warns of what it would have made; see the module.
pub fn expand(page: &mut ParsedPage) -> Vec<Diagnostic> {
    let body = page.body();
    // One SIMD pass over the page for a `{` (most pages have none).
    let bytes = body.as_bytes();
    let opens_tag =
        memchr::memchr_iter(b'{', bytes).any(|i| matches!(bytes.get(i + 1), Some(b'{' | b'%')));
    if !opens_tag {
        return Vec::new();
    }
    let literal = literal_ranges(body, false);
    let mut changes: Vec<(usize, usize, String)> = Vec::new();
    // What shows as written: its name, and where it first is (in the body).
    let mut shown: Vec<(String, usize)> = Vec::new();
    let mut named = HashSet::new();
    let mut show = |name: String, at: usize| {
        if named.insert(name.clone()) {
            shown.push((name, at));
        }
    };
    let mut at = 0;
    while let Some(found) = next_tag(body, at) {
        let Tag {
            start,
            end,
            kind,
            inner,
        } = found;
        at = end;
        if inside(&literal, start) {
            continue;
        }
        // A tag that is a link's address and names a path (`[x]({% page "/tools/" %})`,
        // `[x]: {{ '/about/' | relative_url }}`) makes the path's address on the site: the path.
        if let Some(path) = link_path(body, start, end, &kind, inner) {
            changes.push((start, end, path.to_string()));
            continue;
        }
        match kind {
            Kind::Statement => {
                let name = inner.split_whitespace().next().unwrap_or_default();
                match name {
                    "comment" => {
                        // Up to its `endcomment`, or, left open, to the end (as Liquid).
                        let close =
                            find_end(body, end, "endcomment").map_or(body.len(), |(_, e)| e);
                        changes.push((start, close, String::new()));
                        at = close;
                    }
                    // What is between shows as written, unread.
                    "raw" => {
                        changes.push((start, end, String::new()));
                        if let Some((close_start, close_end)) = find_end(body, end, "endraw") {
                            changes.push((close_start, close_end, String::new()));
                            at = close_end;
                        }
                    }
                    "endraw" => changes.push((start, end, String::new())),
                    _ => show(format!("{{% {name} %}}"), start),
                }
            }
            Kind::Output => {
                if BASE_PATHS.contains(&inner) {
                    changes.push((start, end, String::new()));
                } else {
                    show(format!("{{{{ {inner} }}}}"), start);
                }
            }
        }
    }
    let diagnostics = if shown.is_empty() {
        Vec::new()
    } else {
        let lines = LineIndex::new(&page.text);
        shown
            .into_iter()
            .map(|(name, at)| {
                let whose = if is_liquid(&name) {
                    "Liquid's "
                } else {
                    "template syntax "
                };
                Diagnostic::warning(
                    "liquid",
                    &page.path,
                    format!("{whose}`{name}` is not read by handbook: it shows as written"),
                )
                .at(lines.position(page.body_start + at))
                .hint("write what it would make as Markdown (a link, an image, the text)")
            })
            .collect()
    };
    page.replace_ranges(changes, Vec::new());
    diagnostics
}

/// The path a tag at `start..end` of `body` stands for where it is a link's address: after
/// `](` and before `)` or `#`, or the whole address of a reference definition (`[x]: ...` on its
/// line). A statement's one quoted argument (Eleventy's and Jekyll's shortcodes that add the
/// site's base path to a path, 18F's `{% page "/tools/" %}`), or an output's quoted value before
/// its filters (`{{ '/about/' | relative_url }}`, `| url`); a path from the site's top or a
/// relative one, never another site's.
fn link_path<'a>(
    body: &str,
    start: usize,
    end: usize,
    kind: &Kind,
    inner: &'a str,
) -> Option<&'a str> {
    let before = &body[..start];
    let after = &body[end..];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let in_link = before.ends_with("](") && after.starts_with([')', '#']);
    let definition = {
        let line = before[line_start..].trim_start();
        line.starts_with('[')
            && line.trim_end().ends_with("]:")
            && after
                .split('\n')
                .next()
                .is_some_and(|rest| rest.trim().is_empty())
    };
    if !in_link && !definition {
        return None;
    }
    let value = match kind {
        Kind::Statement => {
            let (_, args) = inner.split_once(char::is_whitespace)?;
            args.trim()
        }
        Kind::Output => inner.split('|').next()?.trim(),
    };
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    // (Spaces around it, which a browser leaves out of an address, too.)
    let path = value.strip_prefix(quote)?.strip_suffix(quote)?.trim();
    let plain = !path.is_empty()
        && !path.contains([quote, ' ', '{', '}'])
        && !path.contains("://")
        && !path.starts_with("//");
    plain.then_some(path)
}

/// Whether a tag as shown (`{{ page.title | upcase }}`, `{% include %}`) reads as Liquid: a
/// statement, or a variable (with dots and brackets) before any filter. Other tools' tags in
/// the same braces (`{{generator:glossary}}`) are not called Liquid's.
fn is_liquid(shown: &str) -> bool {
    let Some(inner) = shown.strip_prefix("{{") else {
        return true;
    };
    let inner = inner.strip_suffix("}}").unwrap_or(inner);
    let variable = inner.split('|').next().unwrap_or_default().trim();
    !variable.is_empty()
        && variable.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '[' | ']' | '"' | '\'' | ' ')
        })
}

#[derive(Debug, PartialEq)]
enum Kind {
    /// `{% name ... %}`
    Statement,
    /// `{{ expression }}`
    Output,
}

/// A Liquid tag of a line: where it starts and ends (bytes of the body) and what is inside,
/// trimmed (with `-` whitespace control).
#[derive(Debug)]
struct Tag<'a> {
    start: usize,
    end: usize,
    kind: Kind,
    inner: &'a str,
}

/// The front matter key of a page's address in Jekyll and Eleventy.
pub const PERMALINK: &str = "permalink";

/// Jekyll's and Eleventy's `permalink:`, the page's address from the site's top
/// (`permalink: /about-us/`), is its URL, in parts as the site writes them (`/About.html` is
/// `about/`; the address as written redirects there: [`crate::checks::written_addresses`]). A
/// pattern the tools fill in (`/:categories/:title/`, `{{ page.fileSlug }}/`), Eleventy's
/// `false` (no page written) and `/` on a page other than the home page are warnings: the page
/// keeps its file's address.
pub fn adopt_permalink(page: &mut ParsedPage) -> Option<Diagnostic> {
    let value = page.meta.extra.get(PERMALINK)?;
    let (message, hint) = match value {
        serde_json::Value::String(written) if is_pattern(written) => (
            format!(
                "`permalink: {written}` is a pattern that Jekyll or Eleventy fills in; handbook \
                 does not, and gives the page its file's address"
            ),
            "write the address itself (`permalink: /about-us/`), or remove the line",
        ),
        serde_json::Value::String(written) => {
            let parts = permalink_parts(written);
            let home = page.source_dir().is_empty()
                && is_index_name(page.rel.rsplit('/').next().unwrap_or_default());
            if !parts.is_empty() {
                page.root_url = Some(format!("{parts}/"));
                return None;
            }
            if home {
                return None;
            }
            (
                format!("`permalink: {written}` is the home page's address; this page keeps its file's address"),
                "remove the line, or give the page an address of its own (`permalink: /about-us/`)",
            )
        }
        serde_json::Value::Bool(false) => (
            "`permalink: false` writes no page in Eleventy; handbook builds this one".to_string(),
            "to leave the file out of the site, add it to `[build] exclude` in book.toml",
        ),
        _ => (
            "`permalink` is not an address; the page keeps its file's address".to_string(),
            "write the page's address from the site's top: `permalink: /about-us/`",
        ),
    };
    let diagnostic = Diagnostic::warning("permalink", &page.path, message).hint(hint);
    Some(match page.key_position(PERMALINK) {
        Some(position) => diagnostic.at(position),
        None => diagnostic,
    })
}

/// Whether a permalink is a pattern: Liquid or Nunjucks (`{{ page.fileSlug }}`), or a part
/// naming one of Jekyll's placeholders (`/:categories/:title/`).
fn is_pattern(written: &str) -> bool {
    written.contains("{{")
        || written.contains("{%")
        || written.split('/').any(|part| part.starts_with(':'))
}

/// A permalink's URL parts: a page's file (`/about.html`, `/guide/index.html`) is its folder.
pub(crate) fn permalink_parts(written: &str) -> String {
    let path = written.trim();
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let path = ["index.html", "index.htm", ".html", ".htm"]
        .iter()
        .find_map(|end| path.strip_suffix(end))
        .unwrap_or(path);
    crate::slug::slugify_path(path)
}

/// The next tag from `from`, closed on its own line.
fn next_tag(body: &str, from: usize) -> Option<Tag<'_>> {
    let mut at = from;
    loop {
        let start = at + body.get(at..)?.find('{')?;
        let (kind, close) = match body.as_bytes().get(start + 1) {
            Some(b'%') => (Kind::Statement, "%}"),
            Some(b'{') => (Kind::Output, "}}"),
            _ => {
                at = start + 1;
                continue;
            }
        };
        let line_end = body[start..].find('\n').map_or(body.len(), |i| start + i);
        let Some(length) = body[start + 2..line_end].find(close) else {
            at = start + 2;
            continue;
        };
        let inner = body[start + 2..start + 2 + length].trim_matches('-').trim();
        let end = start + 2 + length + 2;
        // `{{ }}` or `{{{x}}}`, and Hugo's `{{< >}}` are not Liquid; a value may be a string
        // (`{{ '/about/' | relative_url }}`).
        let plain = !inner.is_empty()
            && !inner.starts_with(['<', '{', '%'])
            && inner.chars().next().is_some_and(|c| {
                c.is_alphabetic() || c == '_' || (kind == Kind::Output && matches!(c, '"' | '\''))
            });
        if plain {
            return Some(Tag {
                start,
                end,
                kind,
                inner,
            });
        }
        at = start + 2;
    }
}

/// Where the tag `{% name %}` after `from` starts and ends.
fn find_end(body: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(tag) = next_tag(body, at) {
        if tag.kind == Kind::Statement && tag.inner.split_whitespace().next() == Some(name) {
            return Some((tag.start, tag.end));
        }
        at = tag.end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use std::path::PathBuf;

    fn expanded(body: &str) -> (String, Vec<String>) {
        let file = SourceFile {
            path: PathBuf::from("a.md"),
            rel: "a.md".into(),
            text: format!("---\ntitle: A\n---\n{body}"),
        };
        let (mut page, _) = ParsedPage::parse(file);
        let diagnostics = expand(&mut page);
        let messages = diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.position.map_or(0, |p| p.line), d.message))
            .collect();
        (page.body().to_string(), messages)
    }

    #[test]
    fn a_tag_that_is_a_links_address_is_its_path() {
        let (body, messages) = expanded(
            "[a]({% page \"/tools/x/\" %}) [b]({{ '/about/' | relative_url }}#team)\n\
             [c]({% page \"https://elsewhere.example/\" %}) {% page \"/not/a/link/\" %}\n\n\
             [ref]: {% page \"/travel/guide/\" %}\n",
        );
        assert_eq!(
            body,
            "[a](/tools/x/) [b](/about/#team)\n\
             [c]({% page \"https://elsewhere.example/\" %}) {% page \"/not/a/link/\" %}\n\n\
             [ref]: /travel/guide/\n"
        );
        assert_eq!(
            messages,
            ["5: Liquid's `{% page %}` is not read by handbook: it shows as written"]
        );
    }

    #[test]
    fn comments_raw_and_base_paths_are_read_the_rest_is_named() {
        let (body, messages) = expanded(
            "Intro.\n\n{% comment %}\nTODO: rewrite\n{% endcomment %}\n\
             [CSS]({{ site.baseurl }}/css) {%raw%}{{ shown }}{%endraw%}\n\n\
             {% include card.html title=\"x\" %}\n{% include other.html %}\n\n\
             Hello {{ page.title }}. `{% not %}` {{< hugo >}}\n\n\
             {{generator:glossary}} {{ site.data['a b'] | where: \"x\", 1 }}\n",
        );
        assert_eq!(
            body,
            "Intro.\n\n\n[CSS](/css) {{ shown }}\n\n\
             {% include card.html title=\"x\" %}\n{% include other.html %}\n\n\
             Hello {{ page.title }}. `{% not %}` {{< hugo >}}\n\n\
             {{generator:glossary}} {{ site.data['a b'] | where: \"x\", 1 }}\n"
        );
        assert_eq!(
            messages,
            [
                // Not `{{ shown }}`, between raw tags: what the author wanted shown.
                "11: Liquid's `{% include %}` is not read by handbook: it shows as written",
                "14: Liquid's `{{ page.title }}` is not read by handbook: it shows as written",
                // Another tool's, in the same braces.
                "16: template syntax `{{ generator:glossary }}` is not read by handbook: it shows \
                 as written",
                "16: Liquid's `{{ site.data['a b'] | where: \"x\", 1 }}` is not read by handbook: \
                 it shows as written",
            ]
        );
    }
}
