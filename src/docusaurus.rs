//! Sites written for Docusaurus: `docusaurus.config.js` (or `.ts`, `.mjs`, `.cjs`) marks the
//! site and names it, its `docs/` folder is the content, `_category_.json` names and orders a
//! folder, `sidebar_position` orders a page, and admonitions (`:::tip[Title]` ... `:::`) show
//! as callouts.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::markdown::{callout_start_html, escape, inline_html};
use crate::page::{ParsedPage, Splice};
use crate::source::LineIndex;

pub const FILE_NAMES: [&str; 4] = [
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
];

/// What handbook keeps of a Docusaurus site's settings.
#[derive(Debug, Clone)]
pub struct Docusaurus {
    /// The settings file, for messages.
    pub path: PathBuf,
}

/// The Docusaurus settings file of `dir`, if there is one.
pub fn file_in(dir: &Path) -> Option<PathBuf> {
    FILE_NAMES
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.is_file())
}

/// What handbook makes of a Docusaurus site: the settings (a `book.toml`'s, as TOML), the docs
/// folder, and what it keeps.
pub struct Read {
    pub settings: toml::Table,
    pub docs: PathBuf,
    pub site: Docusaurus,
}

/// Reads the Docusaurus site in `dir`, if it is one. The settings file is a program, so only
/// what it plainly writes is read: the first `title: '...'` (the site's, which comes before the
/// navbar's) and `tagline: '...'`.
pub fn read(dir: &Path) -> Result<Option<Read>, Diagnostic> {
    let Some(path) = file_in(dir) else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Diagnostic::error("docusaurus", &path, format!("cannot be read: {e}"))
            .hint("make the file readable UTF-8, or remove it")
    })?;
    let title = string_setting(&text, "title").unwrap_or_else(|| crate::gitbook::folder_name(dir));
    let tagline = string_setting(&text, "tagline");
    let settings = crate::config::borrowed_settings(&title, tagline.as_deref(), "docs", "build");
    Ok(Some(Read {
        settings,
        docs: PathBuf::from("docs"),
        site: Docusaurus { path },
    }))
}

/// The first `key: 'text'` (or `"text"`, or `` `text` `` without `${`) in a settings program,
/// outside its comments.
fn string_setting(text: &str, key: &str) -> Option<String> {
    let text = without_comments(text);
    let mut rest = text.as_str();
    while let Some(at) = rest.find(key) {
        let before_ok = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'));
        let after = rest[at + key.len()..].trim_start();
        rest = &rest[at + key.len()..];
        let Some(value) = after.strip_prefix(':').map(str::trim_start) else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let quote = value.chars().next()?;
        if !matches!(quote, '\'' | '"' | '`') {
            continue;
        }
        // The string up to its closing quote, `\` escapes read.
        let mut found = String::new();
        let mut chars = value[1..].chars();
        let mut closed = false;
        while let Some(c) = chars.next() {
            match c {
                '\\' => found.extend(chars.next()),
                c if c == quote => {
                    closed = true;
                    break;
                }
                '\n' => break,
                c => found.push(c),
            }
        }
        if !closed || quote == '`' && found.contains("${") {
            continue;
        }
        let found = found.trim();
        if !found.is_empty() {
            return Some(found.to_string());
        }
    }
    None
}

/// A program's text with its `// line` and `/* block */` comments left out (lines kept),
/// outside strings.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == '\\' {
                    out.extend(chars.next());
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '/' && chars.peek() == Some(&'/') => {
                while chars.next_if(|&c| c != '\n').is_some() {}
            }
            None if c == '/' && chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                    }
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            None => {
                if matches!(c, '\'' | '"' | '`') {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
}

/// The names of a folder's category file.
const CATEGORY_FILES: [&str; 3] = ["_category_.json", "_category_.yml", "_category_.yaml"];

/// What a folder's `_category_.json` (or `_category_.yml`) says: its label, its position
/// among its siblings, and its description.
#[derive(Debug, Default, PartialEq)]
pub struct Category {
    pub label: Option<String>,
    pub position: Option<f64>,
    pub description: Option<String>,
}

/// The `_category_` file of the folder `dir`, if it has one that reads; a folder's page made
/// by the generator takes its label and position.
pub fn category(dir: &Path) -> Option<Category> {
    let value: serde_json::Value = CATEGORY_FILES.iter().find_map(|name| {
        let text = std::fs::read_to_string(dir.join(name)).ok()?;
        if name.ends_with(".json") {
            serde_json::from_str(&text).ok()
        } else {
            serde_yaml::from_str::<serde_yaml::Value>(&text)
                .ok()
                .and_then(|v| serde_json::to_value(v).ok())
        }
    })?;
    let text = |v: Option<&serde_json::Value>| {
        v.and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    Some(Category {
        label: text(value.get("label")),
        position: value.get("position").and_then(|p| {
            p.as_f64()
                .or_else(|| p.as_str().and_then(|s| s.trim().parse().ok()))
        }),
        description: text(value.get("description"))
            .or_else(|| text(value.get("link").and_then(|l| l.get("description")))),
    })
}

/// Whether a file (its path below the content folder) is a folder's `_category_` file.
pub fn is_category_file(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    CATEGORY_FILES.contains(&name)
}

/// Docusaurus' `sidebar_position` (which may be a fraction) as a `weight`, which is whole: a
/// thousand steps between two whole positions keep their order.
pub fn weight_of_position(position: f64) -> Option<i64> {
    let weight = (position * 1000.0).round();
    (weight.is_finite() && weight.abs() < 1e15).then_some(weight as i64)
}

/// Docusaurus' number prefix of a file or folder name (`01-intro`, `2. Setup`, `10_faq`): the
/// number, and the name without it, which is the page's URL, id and default title. Names that
/// begin like a date or a version (`2024-01-05-notes`, `1.2-release`) keep theirs, as a name
/// that is only a number does.
pub fn number_prefix(name: &str) -> Option<(f64, &str)> {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let rest = &name[digits..];
    let spaced = rest.trim_start();
    let separators = spaced
        .bytes()
        .take_while(|b| matches!(b, b'-' | b'_' | b'.'))
        .count();
    if separators == 0 {
        return None;
    }
    let after = &spaced[separators..];
    // `2024-01`, `1.2`: a date or a version, not a prefix.
    if spaced.len() == rest.len()
        && separators == 1
        && after.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let suffix = after.trim_start();
    if suffix.is_empty() || suffix.starts_with(['-', '_', '.']) {
        return None;
    }
    Some((name[..digits].parse().ok()?, suffix))
}

/// A folder's page in a Docusaurus site, whether written (`index.md`) or made by the generator
/// (`dir` its folder): the `_category_` file's label (for a page without a title of its own),
/// position and description, else the folder's number prefix, which also leaves its URL.
fn adopt_folder_names(page: &mut ParsedPage, dir: &Path) {
    let category = category(dir).unwrap_or_default();
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let prefix = number_prefix(name);
    if page.meta.weight.is_none() {
        page.meta.weight = category
            .position
            .or(prefix.map(|(n, _)| n))
            .and_then(weight_of_position);
    }
    if page.meta.description.is_none() && page.text.is_empty() {
        page.meta.description = category.description;
    }
    if page.title_source == crate::page::TitleSource::FileName {
        match (category.label, prefix) {
            (Some(label), _) => page.title = label,
            (None, Some((_, name))) => page.title = crate::page::title_from_name(name),
            (None, None) => {}
        }
    }
    if let (Some((_, name)), None) = (prefix, &page.meta.slug) {
        let slug = crate::slug::slugify(name);
        if !slug.is_empty() {
            page.slug = slug;
        }
    }
}

/// The page the generator makes for a folder without one, in a Docusaurus site
/// ([`crate::site::Site::from_pages`]): named and placed as [`adopt_folder_names`] says.
pub fn adopt_generated_folder(page: &mut ParsedPage) {
    if page.dir.is_empty() {
        return;
    }
    let dir = page.path.clone();
    adopt_folder_names(page, &dir);
}

/// A Docusaurus page's `id` (when it sets no `slug`) is the last part of its URL, as Docusaurus
/// makes it: links written for the site (`./precompiles-overview` for `precompiles/overview.md`
/// with `id: precompiles-overview`) then find it. A number prefix (`01-intro.md`) places the
/// page and leaves its URL and title. A folder's own page takes what its `_category_` file
/// says, and its folder's number prefix.
pub fn adopt_id(page: &mut ParsedPage) {
    if page.kind == crate::page::PageKind::Section {
        if !page.dir.is_empty() {
            if let Some(dir) = page.path.parent().map(Path::to_path_buf) {
                let had_title = page.title_source != crate::page::TitleSource::FileName;
                adopt_folder_names(page, &dir);
                // A label found is the page's title from now on.
                if !had_title && category(&dir).is_some_and(|c| c.label.is_some()) {
                    page.title_source = crate::page::TitleSource::FrontMatter;
                }
            }
        }
        return;
    }
    let name = page.rel.rsplit('/').next().unwrap_or(&page.rel);
    let prefix = number_prefix(crate::links::markdown_stem(name));
    if let Some((number, name)) = prefix {
        if page.meta.weight.is_none() {
            page.meta.weight = weight_of_position(number);
        }
        if page.title_source == crate::page::TitleSource::FileName {
            page.title = crate::page::title_from_name(name);
        }
    }
    if page.meta.slug.is_some() {
        return;
    }
    let id = page
        .meta
        .extra
        .get("id")
        .and_then(serde_json::Value::as_str)
        .or(prefix.map(|(_, name)| name));
    if let Some(id) = id {
        let slug = crate::slug::slugify(id);
        if !slug.is_empty() {
            page.slug = slug;
        }
    }
}

/// An admonition's fence line: its colons, and for an opening line the type and title.
struct Fence<'t> {
    colons: usize,
    kind: Option<&'t str>,
    title: Option<&'t str>,
}

/// Reads `:::type`, `:::type[Title]`, `:::type Title` and a closing `:::` (three colons or
/// more, after up to three spaces, or any indentation inside a list item).
fn fence(line: &str) -> Option<Fence<'_>> {
    let line = line.trim();
    let colons = line.bytes().take_while(|&b| b == b':').count();
    if colons < 3 {
        return None;
    }
    let rest = line[colons..].trim_start();
    if rest.is_empty() {
        return Some(Fence {
            colons,
            kind: None,
            title: None,
        });
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
        // `[Title]`, possibly followed by `{attributes}`.
        let end = bracketed.rfind(']')?;
        Some(bracketed[..end].trim())
    } else if after.starts_with('{') {
        None
    } else {
        Some(after).filter(|t| !t.is_empty())
    };
    Some(Fence {
        colons,
        kind: Some(kind),
        title,
    })
}

/// The callout class and default title of an admonition type.
fn admonition(kind: &str) -> (&'static str, &'static str) {
    match kind.to_ascii_lowercase().as_str() {
        "tip" => ("tip", "Tip"),
        "info" => ("note", "Info"),
        "important" => ("important", "Important"),
        "warning" => ("warning", "Warning"),
        "caution" => ("warning", "Caution"),
        "danger" => ("caution", "Danger"),
        _ => ("note", "Note"),
    }
}

/// Shows Docusaurus' admonitions in a page of a Docusaurus site as callouts
/// ([`crate::expand_borrowed_syntax`]): `:::tip[Title]` (or `:::tip Title`) to a closing line of
/// as many colons, nested with more colons outside. One never closed is a warning and shows as
/// written. MDX's `import` and `export` lines and `{/* comments */}` show nothing. Fences and
/// lines in code stay code. Positions in diagnostics stay the file's own.
pub fn expand_admonitions(page: &mut ParsedPage) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let body = page.body();
    let mdx = ["import ", "export ", "{/*"]
        .iter()
        .any(|w| body.contains(w));
    if !body.contains(":::") && !mdx {
        return diagnostics;
    }
    // Code (fenced or indented) and code spans are shown as written.
    let literal = crate::expand::literal_ranges(body, false);
    let lines = LineIndex::new(&page.text);
    // Each fence line outside code: (start, end past its text, the fence, its container: the
    // block quote markers and indentation before it).
    let mut fences: Vec<(usize, usize, Fence, String)> = Vec::new();
    // MDX's lines that show nothing: `import`s, `export`s and `{/* comments */}` starting a
    // block (after a blank line, or another such line).
    let mut silent: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut block_start = true;
    for line in body.split_inclusive('\n') {
        let end = start + line.trim_end_matches(['\n', '\r']).len();
        let text = &body[start..end];
        let (container, rest) = quote_prefix(text);
        let first_char = start + (text.len() - text.trim_start().len());
        let blank = rest.trim().is_empty();
        if !blank && !crate::expand::inside(&literal, first_char) {
            if let Some(f) = fence(rest) {
                fences.push((start, end, f, container));
            } else if mdx && block_start && is_mdx_only(rest) {
                silent.push((start, end));
                start += line.len();
                continue;
            }
        }
        block_start = blank;
        start += line.len();
    }
    // Pair each opener with the next closing fence of as many colons, innermost first.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (i, (_, _, f, _)) in fences.iter().enumerate() {
        if f.kind.is_some() {
            open.push(i);
        } else if let Some(k) = open.iter().rposition(|&o| fences[o].2.colons == f.colons) {
            for o in open.split_off(k + 1) {
                diagnostics.push(unclosed(page, &lines, &fences[o]));
            }
            if let Some(o) = open.pop() {
                pairs.push((o, i));
            }
        }
    }
    for o in open {
        diagnostics.push(unclosed(page, &lines, &fences[o]));
    }
    if pairs.is_empty() && silent.is_empty() {
        return diagnostics;
    }
    // The replacement of each paired fence line, and its partner.
    let mut replacement: Vec<Option<(String, usize)>> = (0..fences.len()).map(|_| None).collect();
    for (o, c) in pairs {
        let (_, _, f, container) = &fences[o];
        let (class, label) = admonition(f.kind.unwrap_or("note"));
        // A title may be written with Markdown (`:::tip[Read **this**]`).
        let title = match f.title.filter(|t| !t.is_empty()) {
            Some(title) => inline_html(title),
            None => escape(label),
        };
        let bare = container.trim_end();
        let html = callout_start_html(class, Some(&title));
        replacement[o] = Some((format!("{bare}\n{container}{html}\n{bare}"), c));
        let closing = &fences[c].3;
        let closing_bare = closing.trim_end();
        replacement[c] = Some((
            format!("{closing_bare}\n{closing}</div>\n{closing_bare}"),
            o,
        ));
    }
    // An admonition whose HTML would be read as code where it stands shows as written, and the
    // page is put together again without it.
    for _ in 0..MAX_RETRIES {
        let mut changes: Vec<(usize, usize, &str, Option<usize>)> = fences
            .iter()
            .enumerate()
            .filter_map(|(i, (start, end, _, _))| {
                Some((*start, *end, replacement[i].as_ref()?.0.as_str(), Some(i)))
            })
            .chain(silent.iter().map(|&(start, end)| (start, end, "", None)))
            .collect();
        changes.sort_unstable_by_key(|c| c.0);
        let mut out = String::with_capacity(body.len() + 128);
        let mut splices: Vec<Splice> = Vec::new();
        let mut html_at = Vec::new();
        let mut last = 0;
        for (start, end, text, fence) in changes {
            out.push_str(&body[last..start]);
            if let (Some(lt), Some(i)) = (text.find('<'), fence) {
                html_at.push((out.len() + lt, i));
            }
            splices.push((out.len(), text.len(), start, end - start));
            out.push_str(text);
            last = end;
        }
        out.push_str(&body[last..]);
        let Some(i) = crate::expand::misread_html(&out, &html_at) else {
            page.replace_body(&out, splices, Vec::new());
            return diagnostics;
        };
        diagnostics.push(
            Diagnostic::warning(
                "docusaurus-admonition",
                &page.path,
                "this admonition shows as written: its HTML would be read as code here",
            )
            .at(lines.position(page.body_start + fences[i].0 + fences[i].3.len()))
            .hint("start its `:::` lines where the text around them starts (four spaces or more make code)"),
        );
        if let Some((_, partner)) = replacement[i].take() {
            replacement[partner] = None;
        }
    }
    diagnostics
}

/// How many misplaced admonitions a page is put together again without, at most.
const MAX_RETRIES: usize = 32;

/// A line's block quote markers and indentation (`> > `), and the rest of it.
fn quote_prefix(line: &str) -> (String, &str) {
    let mut container = String::new();
    let mut rest = line;
    loop {
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if let Some(after) = rest[spaces..].strip_prefix('>') {
            container.push_str(&rest[..spaces]);
            container.push('>');
            rest = after;
            if let Some(after) = rest.strip_prefix(' ') {
                container.push(' ');
                rest = after;
            }
            continue;
        }
        container.push_str(&rest[..spaces]);
        return (container, &rest[spaces..]);
    }
}

/// An MDX line that shows nothing: `import X from '...'`, `export const ...` on one line, or a
/// whole `{/* comment */}`.
fn is_mdx_only(line: &str) -> bool {
    let line = line.trim_end();
    if line.starts_with("import ") {
        return line.contains(" from ") || line.ends_with(';') || line.contains(['\'', '"']);
    }
    if line.starts_with("export ") {
        return line.ends_with(';') || line.ends_with('}');
    }
    let trimmed = line.trim_start();
    trimmed.starts_with("{/*") && trimmed.ends_with("*/}")
}

fn unclosed(
    page: &ParsedPage,
    lines: &LineIndex,
    (start, _, f, container): &(usize, usize, Fence, String),
) -> Diagnostic {
    let colons = ":".repeat(f.colons);
    Diagnostic::warning(
        "docusaurus-admonition",
        &page.path,
        format!(
            "the `{colons}{}` admonition is never closed with a line `{colons}`: it shows as written",
            f.kind.unwrap_or("")
        ),
    )
    .at(lines.position(page.body_start + start + container.len()))
    .hint(format!("add a line `{colons}` where it ends"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_types_and_titles() {
        let f = fence(":::tip[Read this **first**]").unwrap();
        assert_eq!(
            (f.colons, f.kind, f.title),
            (3, Some("tip"), Some("Read this **first**"))
        );
        let f = fence("::::danger Old style title").unwrap();
        assert_eq!(
            (f.colons, f.kind, f.title),
            (4, Some("danger"), Some("Old style title"))
        );
        let f = fence("  :::   ").unwrap();
        assert_eq!((f.colons, f.kind), (3, None));
        let f = fence("::: note {#id}").unwrap();
        assert_eq!((f.kind, f.title), (Some("note"), None));
        assert!(fence("::").is_none());
        assert!(fence(":::[x]").is_none());
        assert!(fence("text ::: tip").is_none());
    }

    #[test]
    fn settings_strings_are_read_as_plainly_written() {
        let config = "const x = {\n  title: 'My \\'Site\\'',\n  tagline: `Docs ${v}`,\n  \
                      navbar: { title: 'Nav' },\n  subtitle: \"no\",\n};\n";
        assert_eq!(
            string_setting(config, "title").as_deref(),
            Some("My 'Site'")
        );
        assert_eq!(string_setting(config, "tagline"), None);
        assert_eq!(
            string_setting("x.title: 'a'\ntitle: \"b\"", "title").as_deref(),
            Some("b")
        );
        let commented = "// title: 'Old'\n/* title: 'Older' */\n\
                         const c = { url: 'https://x//y', title: 'Real' };";
        assert_eq!(string_setting(commented, "title").as_deref(), Some("Real"));
    }

    #[test]
    fn number_prefixes_and_names_that_only_look_like_them() {
        assert_eq!(number_prefix("01-intro"), Some((1.0, "intro")));
        assert_eq!(number_prefix("2_basics"), Some((2.0, "basics")));
        assert_eq!(number_prefix("10. Later on"), Some((10.0, "Later on")));
        assert_eq!(number_prefix("3 - setup"), Some((3.0, "setup")));
        assert_eq!(number_prefix("3 - 4 steps"), Some((3.0, "4 steps")));
        assert_eq!(number_prefix("7-_x"), Some((7.0, "x")));
        for kept in [
            "intro",
            "2024-01-05-notes",
            "1.2-release",
            "42",
            "7-",
            "7--",
            "v1-intro",
            "99999999999999999999999-x",
        ] {
            let prefix = number_prefix(kept);
            assert!(
                prefix.is_none() || kept.starts_with("999"),
                "{kept}: {prefix:?}"
            );
        }
        // Too long a number for a position: still a prefix, placed far away.
        assert_eq!(
            number_prefix("99999999999999999999999-x").map(|(_, n)| n),
            Some("x")
        );
    }

    #[test]
    fn fractional_positions_keep_their_order() {
        assert_eq!(weight_of_position(1.0), Some(1000));
        assert_eq!(weight_of_position(1.5), Some(1500));
        assert_eq!(weight_of_position(f64::NAN), None);
        assert_eq!(weight_of_position(1e300), None);
    }
}
