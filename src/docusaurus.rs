//! Sites written for Docusaurus: `docusaurus.config.js` (or `.ts`, `.mjs`, `.cjs`) marks the
//! site and names it, its `docs/` folder is the content, `_category_.json` names and orders a
//! folder, `sidebar_position` orders a page, and admonitions (`:::tip[Title]` ... `:::`) show
//! as callouts.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use crate::config::BrokenLinks;
use crate::diagnostic::Diagnostic;
use crate::js_data::{self, Node, Value};
use crate::markdown::{callout_start_html, escape, inline_html, tab_start, tabs_start};
use crate::page::{ParsedPage, Splice};
use crate::site::{NavEntry, PageId, SectionId, Site};
use crate::source::LineIndex;
use crate::ui::{Text, Ui};

pub const FILE_NAMES: [&str; 4] = [
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
];

/// Where the classic preset finds a site's sidebars, unless its config names another file.
pub const SIDEBAR_FILES: [&str; 4] = ["sidebars.js", "sidebars.ts", "sidebars.mjs", "sidebars.cjs"];

/// What handbook keeps of a Docusaurus site's settings.
#[derive(Debug, Clone)]
pub struct Docusaurus {
    /// The settings file, for messages.
    pub path: PathBuf,
    /// The sidebars, when the site writes them as data ([`sidebar_outline`]).
    pub sidebars: Option<Sidebars>,
    /// What could not be read of them, said once per build.
    pub warnings: Vec<Diagnostic>,
    /// Where the site publishes its docs (`routeBasePath`, `docs` unless the config says
    /// otherwise), without slashes: links written with it lead to the pages here.
    pub route_base: String,
    /// The config names `remark-math`: `$…$` and `$$…$$` are TeX math.
    pub math: bool,
    /// The comments that mark lines of code ([`MagicComment`]): the config's
    /// `themeConfig.prism.magicComments` when it writes them as data, else Docusaurus' own.
    pub magic_comments: Vec<MagicComment>,
    /// `themeConfig.prism.defaultLanguage`: the language of a code block that names none.
    pub default_language: Option<String>,
}

/// A magic comment: a comment alone on a line of a code block that marks lines of it and is
/// not shown (Docusaurus' own: `// highlight-next-line`, and `// highlight-start` ...
/// `// highlight-end` around lines). A site's config may name others (`This will error`),
/// each with a class of its own there; here every marked line is marked alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MagicComment {
    /// The comment's text that marks the line after it.
    pub line: Option<String>,
    /// The texts that start and end a run of marked lines.
    pub block: Option<(String, String)>,
}

/// Docusaurus' own magic comments, used unless the config names its own.
pub fn default_magic_comments() -> Vec<MagicComment> {
    vec![MagicComment {
        line: Some("highlight-next-line".into()),
        block: Some(("highlight-start".into(), "highlight-end".into())),
    }]
}

/// A site's sidebars file, read.
#[derive(Debug, Clone)]
pub struct Sidebars {
    pub path: PathBuf,
    text: String,
    /// Each sidebar in the order written: its name, the label the navbar gives it, its items.
    sidebars: Vec<(String, Option<String>, Node)>,
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
    // `i18n: { defaultLocale: 'de' }`: the site's language.
    let language = object_setting(&text, "i18n", "defaultLocale");
    // The docs plugin's `path`: `docs` by default, `../docs` in a site kept in a `website/`
    // folder beside the docs.
    let docs = docs_setting(&text, "path")
        .map(|p| {
            p.trim()
                .trim_start_matches("./")
                .trim_end_matches('/')
                .to_string()
        })
        .filter(|p| !p.is_empty() && p != ".")
        .unwrap_or_else(|| "docs".into());
    let mut settings = crate::config::borrowed_settings(
        &title,
        tagline.as_deref(),
        language.as_deref(),
        &docs,
        "build",
    );
    // `onBrokenLinks: 'throw'` and `onBrokenAnchors: 'warn'` by default; any other value
    // ('warn', 'log', 'ignore') lets the build go on.
    let level = |key: &str, default: &str| {
        if string_setting(&text, key).as_deref().unwrap_or(default) == "throw" {
            BrokenLinks::Error
        } else {
            BrokenLinks::Warn
        }
    };
    crate::config::set_link_levels(
        &mut settings,
        level("onBrokenLinks", "throw"),
        level("onBrokenAnchors", "warn"),
    );
    // The docs plugin's `showLastUpdateTime: true`: each page's last change, from git.
    let last_updated = object_value(&text, "docs", "showLastUpdateTime")
        .is_some_and(|node| node.value == js_data::Value::Bool(true));
    crate::config::set_last_updated(&mut settings, last_updated);
    let mut warnings = Vec::new();
    let magic_comments = magic_comments_setting(&path, &text, &mut warnings);
    let sidebars = read_sidebars(dir, &text).and_then(|read| match read {
        Ok(sidebars) => Some(sidebars),
        Err(warning) => {
            warnings.push(warning);
            None
        }
    });
    Ok(Some(Read {
        settings,
        docs: PathBuf::from(docs),
        site: Docusaurus {
            path,
            sidebars,
            warnings,
            route_base: docs_setting(&text, "routeBasePath")
                .unwrap_or_else(|| "docs".into())
                .trim_matches('/')
                .to_string(),
            math: text.contains("remark-math"),
            magic_comments,
            default_language: object_setting(&text, "prism", "defaultLanguage")
                .map(|l| l.trim().to_ascii_lowercase())
                .filter(|l| !l.is_empty()),
        },
    }))
}

/// The config's `themeConfig.prism.magicComments`, when it writes them as data; Docusaurus'
/// own when it names none, or (with a warning) when they cannot be read.
fn magic_comments_setting(
    path: &Path,
    config: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<MagicComment> {
    let key = "magicComments";
    let text = without_comments(config);
    // Where the name is a key, bare or quoted (`magicComments: [`, `"magicComments": [`), or
    // written some other way outside strings (`{ magicComments }` names a variable, which is
    // not read): `prism`'s first, else the first (a brace in a string can hide which object
    // holds it).
    let is_key = |at: usize| {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            return false;
        }
        if !crate::source::inside_quotes(&text, at) {
            return true;
        }
        // A quoted key: the quote before it opens a string, the same quote after closes it.
        before.is_some_and(|q| {
            matches!(q, '"' | '\'')
                && !crate::source::inside_quotes(&text, at - 1)
                && text[at + key.len()..].starts_with(q)
        })
    };
    let places: Vec<usize> = text
        .match_indices(key)
        .take(MAX_SETTING_MATCHES)
        .map(|(at, _)| at)
        .filter(|&at| is_key(at))
        .collect();
    let Some(at) = places
        .iter()
        .copied()
        .find(|&at| enclosing_key(&text, at) == Some("prism"))
        .or(places.first().copied())
    else {
        return default_magic_comments();
    };
    let lines = LineIndex::new(&text);
    let after = &text[at + key.len()..];
    let after = match text[..at].chars().next_back() {
        Some(q @ ('"' | '\'')) => after.strip_prefix(q).unwrap_or(after),
        _ => after,
    };
    let found = match after.trim_start().strip_prefix(':') {
        None => Err(js_data::NotData {
            at,
            found: key.into(),
        }),
        Some(value) => js_data::parse_at(&text, text.len() - value.len()),
    };
    let found = match found {
        Ok((node, _)) => match &node.value {
            js_data::Value::Array(items) => Ok(items
                .iter()
                .map(|item| {
                    // (An empty text is none, as in Docusaurus: an empty `//` is no magic.)
                    let text = |node: &Node, key: &str| {
                        let text = node.get(key)?.as_str()?;
                        (!text.is_empty()).then(|| text.to_string())
                    };
                    MagicComment {
                        line: text(item, "line"),
                        block: item
                            .get("block")
                            .and_then(|block| Some((text(block, "start")?, text(block, "end")?))),
                    }
                })
                .collect()),
            _ => Err(js_data::NotData {
                at: node.at,
                found: "something other than a list".into(),
            }),
        },
        Err(not_data) => Err(not_data),
    };
    found.unwrap_or_else(|not_data| {
        warnings.push(
            Diagnostic::warning(
                "docusaurus",
                path,
                format!(
                    "handbook reads `magicComments` written as data, and cannot read `{}` here; \
                     code blocks take Docusaurus' own (`// highlight-next-line`, \
                     `// highlight-start` ... `// highlight-end`)",
                    not_data.found
                ),
            )
            .at(lines.position(not_data.at))
            .hint("write them as a list: `magicComments: [{className: 'x', line: 'x-next-line'}]`"),
        );
        default_magic_comments()
    })
}

/// The ways of writing a comment that a magic comment may take, each a start and an end (empty
/// for a comment that runs to the end of the line), with spaces allowed around their parts.
#[derive(Debug, Clone, Copy)]
enum CommentStyle {
    /// `// ...`
    Slashes,
    /// `/* ... */`
    Block,
    /// `{/* ... */}`, in JSX and MDX.
    Jsx,
    /// `# ...`
    Hash,
    /// `<!-- ... -->`
    Html,
    /// `-- ...`, in Lua, Haskell and SQL.
    Dashes,
    /// `;; ...`, in WebAssembly's text.
    Semicolons,
    /// `% ...`, in TeX and MATLAB.
    Percent,
    /// `' ...` (or a curly quote), in Visual Basic; with `VbNet`, maybe after `_ `.
    Quote,
    VbNet,
    /// `REM ...`, in batch files and BASIC (any case).
    Rem,
    /// `! ...`, in Fortran.
    Bang,
    /// `(* ... *)`, in ML.
    Ml,
    /// `*> ...`, in COBOL.
    Cobol,
}

/// The comment styles Docusaurus looks for magic comments in, by the block's language.
fn comment_styles(language: &str) -> &'static [CommentStyle] {
    use CommentStyle::*;
    match language.to_ascii_lowercase().as_str() {
        "js" | "javascript" | "ts" | "typescript" => &[Slashes, Block],
        "jsx" | "tsx" => &[Slashes, Block, Jsx],
        "html" => &[Slashes, Block, Html],
        "python" | "py" | "bash" => &[Hash],
        "markdown" | "md" => &[Html, Jsx, Hash],
        "tex" | "latex" | "matlab" => &[Percent],
        "lua" | "haskell" => &[Dashes],
        "sql" => &[Dashes, Block],
        "wasm" => &[Semicolons],
        "vb" | "vba" | "visual-basic" => &[Quote, Rem],
        "vbnet" => &[VbNet, Rem],
        "batch" => &[Rem],
        "basic" => &[Rem, Bang],
        "fsharp" => &[Slashes, Ml],
        "ocaml" | "sml" => &[Ml],
        "fortran" => &[Bang],
        "cobol" => &[Cobol],
        _ => &[Slashes, Block, Jsx, Hash, Html],
    }
}

impl CommentStyle {
    /// The text of `line` inside a comment of this style that is all the line holds (spaces
    /// around it aside), trimmed.
    fn inside(self, line: &str) -> Option<&str> {
        use CommentStyle::*;
        let line = line.trim();
        let (start, end): (&[&str], &[&str]) = match self {
            Slashes => (&["//"], &[]),
            Block => (&["/*"], &["*/"]),
            Jsx => (&["{", "/*"], &["*/", "}"]),
            Hash => (&["#"], &[]),
            Html => (&["<!--"], &["-->"]),
            Dashes => (&["--"], &[]),
            Semicolons => (&[";;"], &[]),
            Percent => (&["%"], &[]),
            Bang => (&["!"], &[]),
            Ml => (&["(*"], &["*)"]),
            Cobol => (&["*>"], &[]),
            Quote => {
                return line
                    .strip_prefix(['\'', '\u{2018}', '\u{2019}'])
                    .map(str::trim)
            }
            VbNet => {
                let rest = line.strip_prefix('_').map_or(line, str::trim_start);
                return Quote.inside(rest);
            }
            Rem => {
                let rest = line
                    .get(3..)
                    .filter(|_| line[..3].eq_ignore_ascii_case("rem"))?;
                // A word of its own: `REM`, not `REMARK`.
                let word_goes_on = rest
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
                return (!word_goes_on).then(|| rest.trim());
            }
        };
        let mut rest = line;
        for part in start {
            rest = rest.trim_start().strip_prefix(part)?;
        }
        for part in end.iter().rev() {
            rest = rest.trim_end().strip_suffix(part)?;
        }
        Some(rest.trim())
    }
}

/// A code block in a Docusaurus site without its magic comments ([`MagicComment`]), and the
/// lines they mark (ranges of line numbers from 1, in the code as shown); `None` when it has
/// none. As in Docusaurus, a line's comment marks the line after it, a run ends at the line
/// before its end comment, and an end without a start marks from the first line.
pub fn without_magic_comments(
    language: &str,
    code: &str,
    comments: &[MagicComment],
) -> Option<(String, Vec<(usize, usize)>)> {
    if comments.is_empty() {
        return None;
    }
    let styles = comment_styles(language);
    // What the line says, if it is a magic comment alone.
    fn directive<'l>(
        line: &'l str,
        styles: &[CommentStyle],
        comments: &[MagicComment],
    ) -> Option<&'l str> {
        styles.iter().find_map(|style| {
            let said = style.inside(line)?;
            comments
                .iter()
                .any(|c| {
                    c.line.as_deref() == Some(said)
                        || c.block
                            .as_ref()
                            .is_some_and(|(s, e)| s == said || e == said)
                })
                .then_some(said)
        })
    }
    let mut shown = String::with_capacity(code.len());
    let mut marked = Vec::new();
    // Where each comment's run started: the line number of its first line.
    let mut starts = vec![1; comments.len()];
    let mut lines = 0;
    let mut found = false;
    for line in code.split_inclusive('\n') {
        let Some(said) = directive(line, styles, comments) else {
            shown.push_str(line);
            lines += 1;
            continue;
        };
        found = true;
        let next = lines + 1;
        if comments.iter().any(|c| c.line.as_deref() == Some(said)) {
            marked.push((next, next));
        } else if let Some(i) = comments
            .iter()
            .position(|c| c.block.as_ref().is_some_and(|(start, _)| start == said))
        {
            starts[i] = next;
        } else if let Some(i) = comments
            .iter()
            .position(|c| c.block.as_ref().is_some_and(|(_, end)| end == said))
        {
            if starts[i] <= lines {
                marked.push((starts[i], lines));
            }
        }
    }
    found.then_some((shown, marked))
}

/// The site's sidebars file (the config's plainly written `sidebarPath`, which may name a
/// `.json` one, else `sidebars.js`, `.ts`, `.mjs` or `.cjs`), if it has one: read, or a warning that says why not (a sidebar
/// the file computes cannot be read; the navigation then follows the folders).
fn read_sidebars(dir: &Path, config: &str) -> Option<Result<Sidebars, Diagnostic>> {
    let named = docs_setting(config, "sidebarPath").map(|p| dir.join(p.trim_start_matches("./")));
    let path = named.filter(|p| p.is_file()).or_else(|| {
        SIDEBAR_FILES
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file())
    })?;
    let fallback =
        "the navigation follows the folders instead (as Docusaurus' autogenerated sidebar does)";
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            return Some(Err(Diagnostic::warning(
                "sidebars",
                &path,
                format!("cannot be read: {e}; {fallback}"),
            )))
        }
    };
    let lines = LineIndex::new(&text);
    // A `.json` file (Docusaurus loads it as a module too) is the object itself.
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let exported = if json {
        text.find(|c: char| !c.is_whitespace() && c != '\u{feff}')
    } else {
        js_data::exported_value(&text)
    };
    let Some(at) = exported else {
        return Some(Err(Diagnostic::warning(
            "sidebars",
            &path,
            format!("handbook finds no sidebars written as data here; {fallback}"),
        )
        .hint("export them as an object: `export default { docs: ['intro', ...] }` or `module.exports = {...}`")));
    };
    let node = match js_data::parse_at(&text, at) {
        Ok((node, _)) => node,
        Err(not_data) => {
            return Some(Err(Diagnostic::warning(
                "sidebars",
                &path,
                format!(
                    "handbook reads sidebars written as data, and cannot read `{}` here; {fallback}",
                    not_data.found
                ),
            )
            .at(lines.position(not_data.at))
            .hint("write the sidebar's items out (ids, categories, links) instead of computing them")));
        }
    };
    let Value::Object(entries) = node.value else {
        return Some(Err(Diagnostic::warning(
            "sidebars",
            &path,
            format!("the sidebars are not an object of named sidebars; {fallback}"),
        )
        .at(lines.position(node.at))));
    };
    let labels = navbar_labels(config);
    let sidebars = entries
        .into_iter()
        .map(|(name, items)| {
            let label = labels
                .iter()
                .find(|(id, _)| *id == name)
                .map(|(_, label)| label.clone());
            (name, label, items)
        })
        .collect();
    Some(Ok(Sidebars {
        path,
        text,
        sidebars,
    }))
}

/// The labels the config's navbar gives sidebars: `{ type: 'docSidebar', sidebarId: 'api',
/// label: 'API' }`, where such an object is written as data.
pub fn navbar_labels(config: &str) -> Vec<(String, String)> {
    let config = without_comments(config);
    let config = config.as_str();
    let mut out = Vec::new();
    for (at, _) in config.match_indices("sidebarId").take(MAX_SETTING_MATCHES) {
        let start = object_start(config, at);
        let Some(Ok((node, _))) = start.map(|start| js_data::parse_at(config, start)) else {
            continue;
        };
        if let (Some(id), Some(label)) = (
            node.get("sidebarId").and_then(Node::as_str),
            node.get("label").and_then(Node::as_str),
        ) {
            out.push((id.to_string(), label.trim().to_string()));
        }
    }
    out
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
        // `key:`, `'key':` or `"key":`.
        let after = rest[at + key.len()..]
            .trim_start_matches(['\'', '"'])
            .trim_start();
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

/// A setting of the docs plugin (`docs: { routeBasePath: '/' }`), not the blog's of the same
/// name: [`string_setting`] inside the object written as `docs`.
fn docs_setting(config: &str, key: &str) -> Option<String> {
    object_setting(config, "docs", key)
}

/// A string setting written in the object written as `object` (`prism: { defaultLanguage:
/// 'js' }`).
fn object_setting(config: &str, object: &str, key: &str) -> Option<String> {
    object_value(config, object, key)?
        .as_str()
        .map(str::to_string)
}

/// The value written for `key` in the object written as `object`, if it is data.
fn object_value(config: &str, object: &str, key: &str) -> Option<crate::js_data::Node> {
    let text = without_comments(config);
    // The key itself (`path: ...`, `'path': ...`), not a word that ends in it or a string
    // that holds it.
    let is_key = |at: usize| {
        let before = text[..at].trim_end_matches(['\'', '"']).chars().next_back();
        let after = text[at + key.len()..].trim_start_matches(['\'', '"']);
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
            && after.trim_start().starts_with(':')
    };
    let (at, _) = text
        .match_indices(key)
        .take(MAX_SETTING_MATCHES)
        .find(|&(at, _)| is_key(at) && enclosing_key(&text, at) == Some(object))?;
    // Its own value, a string written out, or none.
    let value = text[at + key.len()..]
        .trim_start_matches(['\'', '"'])
        .trim_start()
        .strip_prefix(':')?;
    let value_at = text.len() - value.len();
    js_data::parse_at(&text, value_at)
        .ok()
        .map(|(node, _)| node)
}

/// How many places that name a setting are looked at, at most: each is read back to the
/// object around it, so a crafted file of thousands would take long.
const MAX_SETTING_MATCHES: usize = 64;

/// The key of the object around offset `at` (`docs` for `docs: { ... at ... }`), if it is
/// written as `key: {`.
fn enclosing_key(text: &str, at: usize) -> Option<&str> {
    let open = object_start(text, at)?;
    let before = text[..open].trim_end().strip_suffix(':')?.trim_end();
    let before = before.trim_end_matches(['\'', '"']);
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .map_or(0, |i| i + 1);
    Some(&before[start..])
}

/// The nearest `{` before `at` that is not closed before it.
fn object_start(text: &str, at: usize) -> Option<usize> {
    let mut open = 0usize;
    text[..at].char_indices().rev().find_map(|(i, c)| {
        match c {
            '}' => open += 1,
            '{' if open == 0 => return Some(i),
            '{' => open -= 1,
            _ => {}
        }
        None
    })
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

/// A page's id in a Docusaurus site: its path below the docs folder without the extension,
/// the number prefixes left out, the last part its front matter's `id` where it has one.
pub fn doc_id(page: &ParsedPage) -> String {
    let unprefixed = |part: &str| {
        number_prefix(part)
            .map_or(part, |(_, name)| name)
            .to_string()
    };
    let mut parts: Vec<String> = page
        .source_dir()
        .split('/')
        .filter(|part| !part.is_empty())
        .map(unprefixed)
        .collect();
    let name = page.rel.rsplit('/').next().unwrap_or(&page.rel);
    let own = page
        .meta
        .extra
        .get("id")
        .and_then(serde_json::Value::as_str);
    parts.push(match own {
        Some(id) => id.trim().to_string(),
        None => unprefixed(crate::links::markdown_stem(name)),
    });
    parts.join("/")
}

/// The navigation a site's sidebars give, as [`Site::follow_outline`] takes it: `(page, depth,
/// parts it begins)` in order. Each sidebar in turn (heading its part when there are several);
/// a doc by its id (a string, or `{type: 'doc', id}`); a category with a page of its own (its
/// `link` to a doc, else the page the generator made for the folder that holds all its docs)
/// is that page with its items under it, named by its label in the sidebar;
/// one without heads its items as a part at the top and leaves them where they are deeper;
/// `autogenerated` is the folder's pages in the folders' order; links and HTML are not pages.
/// An id that names no page, and an item without what it needs, are errors at their place in
/// the file, as in Docusaurus; pages no sidebar lists are built but not in the navigation (a
/// warning names them). `None` when the sidebars list no page.
pub fn sidebar_outline(
    sidebars: &Sidebars,
    site: &mut Site,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<(PageId, usize, Vec<String>)>> {
    let by_id: HashMap<String, PageId> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.generated)
        .map(|(id, p)| (doc_id(&p.parsed), id))
        .collect();
    let mut walk = Walk {
        sidebars,
        lines: LineIndex::new(&sidebars.text),
        by_id,
        site,
        out: Vec::new(),
        seen: HashSet::new(),
        parts: Vec::new(),
        in_part: false,
        diagnostics,
    };
    let several = sidebars.sidebars.len() > 1;
    for (name, label, items) in &sidebars.sidebars {
        if several {
            walk.parts = vec![label.clone().unwrap_or_else(|| sidebar_title(name))];
        }
        walk.items(items, 0);
    }
    let Walk { out, site, .. } = walk;
    if out.is_empty() {
        return None;
    }
    let listed: HashSet<PageId> = out.iter().map(|(id, _, _)| *id).collect();
    let home = site.home();
    let unlisted: Vec<&str> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(id, p)| !p.generated && *id != home && !listed.contains(id))
        .map(|(_, p)| p.parsed.rel.as_str())
        .collect();
    if !unlisted.is_empty() {
        let shown = unlisted
            .iter()
            .take(10)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        let more = match unlisted.len() {
            n if n > 10 => format!(" and {} more", n - 10),
            _ => String::new(),
        };
        let (count, them, they) = match unlisted.len() {
            1 => ("1 page is".to_string(), "it", "it is"),
            n => (format!("{n} pages are"), "them", "they are"),
        };
        diagnostics.push(
            Diagnostic::warning(
                "unlisted",
                &sidebars.path,
                format!(
                    "{count} in no sidebar, so built, and links lead to {them}, but {they} not \
                     in the navigation: {shown}{more}"
                ),
            )
            .hint("list a page's id in a sidebar to show it in the navigation"),
        );
    }
    Some(out)
}

/// An id as the sidebars may write it (`./guides/setup/`), as [`doc_id`] makes it.
fn clean_id(id: &str) -> &str {
    id.trim().trim_start_matches("./").trim_end_matches('/')
}

/// A sidebar's name as a title: `tutorialSidebar` is "Tutorial", `apiSidebar` "Api".
fn sidebar_title(name: &str) -> String {
    let name = name
        .strip_suffix("Sidebar")
        .or_else(|| name.strip_suffix("_sidebar"))
        .or_else(|| name.strip_suffix("-sidebar"))
        .filter(|n| !n.is_empty())
        .unwrap_or(name);
    let mut words = String::new();
    for (i, c) in name.char_indices() {
        if c.is_uppercase() && i > 0 {
            words.push(' ');
        }
        words.push(c);
    }
    crate::page::title_from_name(&words)
}

/// The state of [`sidebar_outline`]'s walk through the items.
struct Walk<'a> {
    sidebars: &'a Sidebars,
    lines: LineIndex<'a>,
    by_id: HashMap<String, PageId>,
    site: &'a mut Site,
    out: Vec<(PageId, usize, Vec<String>)>,
    seen: HashSet<PageId>,
    /// The parts the next page listed begins.
    parts: Vec<String>,
    /// Whether the items walked are a top category's, which heads them as a part: a category
    /// among them is one below the top.
    in_part: bool,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Walk<'_> {
    fn push(&mut self, id: PageId, depth: usize) {
        self.seen.insert(id);
        self.out.push((id, depth, std::mem::take(&mut self.parts)));
    }

    fn error(&mut self, node: &Node, message: String, hint: &str) {
        self.diagnostics.push(
            Diagnostic::error("sidebars", &self.sidebars.path, message)
                .at(self.lines.position(node.at))
                .hint(hint.to_string()),
        );
    }

    /// A sidebar's or a category's items: a list, or an object of categories by label.
    fn items(&mut self, node: &Node, depth: usize) {
        match &node.value {
            Value::Array(items) => {
                for item in items {
                    self.item(item, depth);
                }
            }
            Value::Object(categories) => {
                for (label, items) in categories {
                    self.category(label, None, items, depth);
                }
            }
            _ => self.error(
                node,
                "the items of a sidebar or category are not a list".into(),
                "write them as a list: `items: ['intro', ...]`",
            ),
        }
    }

    fn item(&mut self, node: &Node, depth: usize) {
        if let Some(id) = node.as_str() {
            return self.doc(id, node, depth, None);
        }
        let text = |key: &str| node.get(key).and_then(Node::as_str);
        match text("type") {
            Some("doc") => match node.get("id").filter(|id| id.as_str().is_some()) {
                Some(id) => self.doc(id.as_str().unwrap_or_default(), id, depth, text("label")),
                None => self.error(
                    node,
                    "this doc item has no `id`".into(),
                    "name the doc: `{type: 'doc', id: 'guides/setup'}`",
                ),
            },
            Some("category") => match node.get("items") {
                Some(items) => {
                    let label = text("label").unwrap_or_default().trim().to_string();
                    self.category(&label, node.get("link"), items, depth);
                }
                None => self.error(
                    node,
                    "this category has no `items`".into(),
                    "list its items: `items: ['guides/setup', ...]`",
                ),
            },
            Some("autogenerated") => {
                self.autogenerated(text("dirName").unwrap_or("."), node, depth)
            }
            // Links, HTML and `ref`s (a link to a doc another sidebar places) are not pages.
            Some(_) => {}
            // `{ 'Label': [items] }`
            None if matches!(node.value, Value::Object(_)) => self.items(node, depth),
            None => self.error(
                node,
                "this sidebar item is neither an id nor an object".into(),
                "write a doc's id as a string, or an item as `{type: ..., ...}`",
            ),
        }
    }

    /// The page of `id`, or an error at `node` when there is none.
    fn page_of(&mut self, id: &str, node: &Node) -> Option<PageId> {
        let id = clean_id(id);
        if let Some(&page) = self.by_id.get(id) {
            return Some(page);
        }
        self.error(
            node,
            format!("the sidebar names the doc `{id}`, which does not exist"),
            "fix the id: a doc's id is its path below docs/ without the extension or number \
             prefixes (`guides/setup`), or the path of its folder and its front matter's `id`",
        );
        None
    }

    fn doc(&mut self, id: &str, node: &Node, depth: usize, label: Option<&str>) {
        let Some(page) = self.page_of(id, node) else {
            return;
        };
        if self.seen.contains(&page) {
            return;
        }
        if let Some(label) = label {
            self.label(page, label);
        }
        self.push(page, depth);
    }

    /// Names a page in the sidebar by a label (its own title stays).
    fn label(&mut self, page: PageId, label: &str) {
        let label = label.trim();
        let page = &mut self.site.pages[page];
        if !label.is_empty() && label != page.parsed.title {
            page.nav_title = Some(label.to_string());
        }
    }

    fn category(&mut self, label: &str, link: Option<&Node>, items: &Node, depth: usize) {
        let text = |key: &str| link.and_then(|l| l.get(key)).and_then(Node::as_str);
        let page = match (text("type"), link.and_then(|l| l.get("id"))) {
            (Some("doc"), Some(id)) => self.page_of(id.as_str().unwrap_or_default(), id),
            _ => self.folder_page(items),
        };
        match page.filter(|page| !self.seen.contains(page)) {
            Some(page) => {
                if self.site.pages[page].generated {
                    // The page made for the folder is the category's: a generated index's
                    // title and description, else its label.
                    let parsed = &mut self.site.pages[page].parsed;
                    parsed.title = text("title").unwrap_or(label).trim().to_string();
                    if let Some(description) = text("description") {
                        parsed.meta.description = Some(description.to_string());
                    }
                }
                if text("type") == Some("generated-index") {
                    let url = text("slug").map_or_else(|| category_url(label), str::to_string);
                    self.site.add_link_url(&url, page);
                }
                self.label(page, label);
                self.push(page, depth);
                self.items(items, depth + 1);
            }
            // Below the top, or with a generated index: a page made for it, which lists its
            // items (Docusaurus' generated index, at its URL), where it shows something.
            None if !label.is_empty()
                && (depth > 0 || self.in_part || text("type") == Some("generated-index")) =>
            {
                let url = text("slug").map_or_else(|| category_url(label), str::to_string);
                if url.trim_matches('/').is_empty() {
                    // A label of no letters or digits (`!!!`) names no address.
                    return self.items(items, depth);
                }
                let title = text("title").unwrap_or(label).trim();
                let description = text("description").map(str::to_string);
                let path = self.sidebars.path.clone();
                let page = (1..100).find_map(|n| {
                    let url = if n == 1 {
                        url.clone()
                    } else {
                        format!("{url}-{n}")
                    };
                    self.site
                        .add_group_page(&url, title, description.clone(), &path)
                });
                let Some(page) = page else {
                    return self.items(items, depth);
                };
                self.label(page, label);
                let parts = self.parts.clone();
                self.push(page, depth);
                let after_page = self.out.len();
                self.items(items, depth + 1);
                if self.out.len() == after_page {
                    // Nothing under it: neither it nor its heading shows.
                    self.out.pop();
                    self.seen.remove(&page);
                    self.parts = parts;
                    self.site.remove_group_page(page);
                }
            }
            None => {
                // A heading only over what it shows.
                let heading = depth == 0 && !label.is_empty() && !self.in_part;
                let before = self.out.len();
                if heading {
                    self.parts.push(label.to_string());
                }
                let in_part = self.in_part;
                self.in_part |= heading;
                self.items(items, depth);
                self.in_part = in_part;
                if heading && self.out.len() == before {
                    self.parts.pop();
                }
            }
        }
    }

    /// The page of the folder that holds every doc of a category (its nearest common folder,
    /// below the top), when the generator made it: a page written for the folder is a doc of
    /// its own, which the sidebars place (or leave out) as they say.
    fn folder_page(&self, items: &Node) -> Option<PageId> {
        let mut dirs = Vec::new();
        self.folders_of(items, &mut dirs);
        let first = dirs.first()?;
        let mut common: Vec<&str> = first.split('/').filter(|p| !p.is_empty()).collect();
        for dir in &dirs[1..] {
            let parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
            let same = common
                .iter()
                .zip(&parts)
                .take_while(|(a, b)| a == b)
                .count();
            common.truncate(same);
        }
        if common.is_empty() {
            return None;
        }
        let page = self.site.page_by_rel(&common.join("/"))?;
        self.site.pages[page].generated.then_some(page)
    }

    /// The folders of the docs a category lists, at any depth.
    fn folders_of(&self, node: &Node, dirs: &mut Vec<String>) {
        let mut doc = |id: &str| {
            if let Some(&page) = self.by_id.get(clean_id(id)) {
                dirs.push(self.site.pages[page].parsed.source_dir().to_string());
            }
        };
        match &node.value {
            Value::String(id) => doc(id),
            Value::Array(items) => {
                for item in items {
                    self.folders_of(item, dirs);
                }
            }
            Value::Object(entries) => match node.get("type").and_then(Node::as_str) {
                Some("doc") => doc(node.get("id").and_then(Node::as_str).unwrap_or_default()),
                Some("category") => {
                    if let Some(items) = node.get("items") {
                        self.folders_of(items, dirs);
                    }
                }
                Some("autogenerated") => {
                    let dir = node.get("dirName").and_then(Node::as_str).unwrap_or(".");
                    if let Some(dir) = crate::links::normalize("", dir.trim()) {
                        dirs.push(dir);
                    }
                }
                Some(_) => {}
                None => {
                    for (_, items) in entries {
                        self.folders_of(items, dirs);
                    }
                }
            },
            _ => {}
        }
    }

    /// The pages of a folder (`.` the docs folder) in the order of the folders' navigation,
    /// the folder's own page first (as an ordinary doc).
    fn autogenerated(&mut self, dir_name: &str, node: &Node, depth: usize) {
        let section = match crate::links::normalize("", dir_name.trim()) {
            Some(dir) if dir.is_empty() => Some(0),
            Some(dir) => self
                .site
                .page_by_rel(&dir)
                .and_then(|page| self.site.section_of_index(page)),
            None => None,
        };
        let Some(section) = section else {
            self.error(
                node,
                format!(
                    "the sidebar's `autogenerated` folder `{dir_name}` is not a folder of the docs"
                ),
                "name a folder below docs/ (`.` for all of it)",
            );
            return;
        };
        let index = self.site.sections[section].index;
        if section != 0 && !self.site.pages[index].generated && !self.seen.contains(&index) {
            self.push(index, depth);
        }
        self.section_pages(section, depth);
    }

    /// A section's pages and sections, each section's under its page; pages listed before are
    /// left out, but not what is under them.
    fn section_pages(&mut self, section: SectionId, depth: usize) {
        let children = self.site.sections[section].children.clone();
        for entry in children {
            let page = self.site.entry_page(entry);
            let shown = !self.seen.contains(&page);
            if shown {
                self.push(page, depth);
            }
            if let NavEntry::Section(sub) = entry {
                self.section_pages(sub, if shown { depth + 1 } else { depth });
            }
        }
    }
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
    /// The doc its `link` leads to (`link: { type: 'doc', id: 'guides/overview' }`): the
    /// folder's page.
    pub link_doc: Option<String>,
    /// With a generated index (`link: { type: 'generated-index' }`), that page's URL in a
    /// Docusaurus site (its `slug`, else `category/<label>`), which links may use.
    pub index_url: Option<String>,
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
        link_doc: value
            .get("link")
            .filter(|l| l.get("type").and_then(serde_json::Value::as_str) == Some("doc"))
            .and_then(|l| text(l.get("id"))),
        index_url: value
            .get("link")
            .filter(|l| {
                l.get("type").and_then(serde_json::Value::as_str) == Some("generated-index")
            })
            .map(|l| {
                let folder = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                let label = text(value.get("label"))
                    .unwrap_or_else(|| number_prefix(folder).map_or(folder, |(_, n)| n).into());
                text(l.get("slug")).unwrap_or_else(|| category_url(&label))
            }),
    })
}

/// The URL Docusaurus gives a category's generated index by default: `category/<label>`.
fn category_url(label: &str) -> String {
    match crate::slug::slugify(label) {
        slug if slug.is_empty() => String::new(),
        slug => format!("category/{slug}"),
    }
}

/// Lets links reach each folder's page by the URL Docusaurus gives its generated index
/// (`/category/guides`, or its `slug`), as its `_category_` file says.
pub fn adopt_category_urls(site: &mut Site) {
    let urls: Vec<(String, PageId)> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.parsed.kind == crate::page::PageKind::Section && !p.parsed.dir.is_empty()
        })
        .filter_map(|(id, p)| {
            let dir = if p.generated {
                p.parsed.path.clone()
            } else {
                p.parsed.path.parent()?.to_path_buf()
            };
            Some((category(&dir)?.index_url?, id))
        })
        .collect();
    for (url, id) in urls {
        site.add_link_url(&url, id);
    }
}

/// Whether Docusaurus leaves a Markdown file (its path below the docs folder) out of the docs:
/// its name, or a folder's it is in, begins with `_` (a partial, imported by pages, or its
/// folder), as its `exclude` setting says by default.
pub fn is_left_out(rel: &str) -> bool {
    rel.split('/').any(|part| part.starts_with('_'))
}

/// Whether a file (its path below the content folder) is a folder's `_category_` file.
pub fn is_category_file(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    CATEGORY_FILES.contains(&name)
}

/// Whether a file of the docs folder is the site's source rather than something to publish:
/// React components (`.jsx`, `.tsx`), CSS modules, and a package's manifest and lock files.
/// Docusaurus bundles what a page imports and publishes none of them as files.
pub fn is_source_file(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    // Not `.js` or `.json`: a page may link to one, which Docusaurus then publishes.
    const SOURCE: &[&str] = &[".jsx", ".tsx", ".module.css"];
    SOURCE.iter().any(|ext| name.ends_with(ext))
        || matches!(
            name,
            "package.json" | "package-lock.json" | "yarn.lock" | "pnpm-lock.yaml" | "tsconfig.json"
        )
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
/// Returns whether the label became its title.
fn adopt_folder_names(page: &mut ParsedPage, dir: &Path) -> bool {
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
    let mut labelled = false;
    if page.title_source == crate::page::TitleSource::FileName {
        match (category.label, prefix) {
            (Some(label), _) => {
                page.title = label;
                labelled = true;
            }
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
    labelled
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
/// with `id: precompiles-overview`) then find it. `slug: /` makes the page the home page,
/// `slug: /install/linux` gives it that URL, `slug: sub/page` that URL in its folder. A
/// number prefix (`01-intro.md`) places the
/// page and leaves its URL and title. A folder's own page takes what its `_category_` file
/// says, and its folder's number prefix.
pub fn adopt_id(page: &mut ParsedPage) {
    // A page's `# Title` may come after its imports; with `hide_title: true` (the front
    // matter's title is not shown), after spacing too (`&nbsp;`), and it is the page's h1.
    let hide_title = page.meta.extra.get("hide_title") == Some(&serde_json::Value::Bool(true));
    page.take_heading_after(|line| {
        is_mdx_only(line)
            || is_comment_line(line)
            || (hide_title && matches!(line.trim(), "&nbsp;" | "<br/>" | "<br />" | "<br>"))
    });
    if page.kind == crate::page::PageKind::Section {
        if !page.dir.is_empty() {
            // A slug from the root gives the folder's own page that URL; the pages below keep
            // the folder's (its name, as if no slug were written).
            let root_slug = page
                .meta
                .slug
                .as_deref()
                .filter(|slug| slug.trim().starts_with('/'))
                .map(crate::slug::slugify_path)
                .filter(|parts| !parts.is_empty());
            let written = match root_slug {
                Some(parts) => {
                    page.root_url = Some(format!("{parts}/"));
                    page.slug = crate::slug::slugify(page.dir.rsplit('/').next().unwrap_or(""));
                    page.meta.slug.take()
                }
                None => None,
            };
            if let Some(dir) = page.path.parent().map(Path::to_path_buf) {
                // A label found is the page's title from now on.
                if adopt_folder_names(page, &dir) {
                    page.title_source = crate::page::TitleSource::FrontMatter;
                }
            }
            if written.is_some() {
                page.meta.slug = written;
            }
        }
        return;
    }
    if let Some(slug) = page.meta.slug.as_deref().map(str::trim) {
        // A slug of several parts: from the root (`/install/linux`), or from the page's folder
        // (`sub/page`). Each part is made a slug: none leads out of the site.
        let parts = crate::slug::slugify_path(slug);
        match (slug.starts_with('/'), parts.is_empty()) {
            (true, true) if slug.trim_matches('/').is_empty() => {
                // `slug: /` makes a page the docs' home, wherever its file is.
                page.kind = crate::page::PageKind::Section;
                page.dir = String::new();
                page.slug = String::new();
                return;
            }
            (_, true) => {
                // No letter or digit to make a URL of (`slug: /🙂`): the file's name.
                let name = page.rel.rsplit('/').next().unwrap_or(&page.rel);
                let stem = crate::links::markdown_stem(name);
                let name = number_prefix(stem).map_or(stem, |(_, name)| name);
                page.slug = crate::slug::slugify(name);
            }
            (true, false) => page.root_url = Some(format!("{parts}/")),
            (false, false) if slug.contains('/') => page.slug = parts,
            _ => {}
        }
    }
    // The doc a folder's `_category_` links to is the folder's page, placed where the
    // category says and named by its label in the sidebar.
    let folder = page.path.parent().filter(|_| !page.dir.is_empty());
    if let Some((dir, category)) = folder.and_then(|d| Some((d, category(d)?))) {
        let links_here = category
            .link_doc
            .as_deref()
            .is_some_and(|id| clean_id(id) == doc_id(page));
        if links_here {
            page.kind = crate::page::PageKind::Section;
            let folder_name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            page.meta.weight = category
                .position
                .or(number_prefix(folder_name).map(|(n, _)| n))
                .and_then(weight_of_position);
            page.slug = number_prefix(folder_name)
                .map_or(folder_name, |(_, name)| name)
                .to_string();
            page.slug = crate::slug::slugify(&page.slug);
            if let Some(label) = category.label {
                page.meta
                    .extra
                    .entry("sidebar_label".to_string())
                    .or_insert(serde_json::Value::String(label));
            }
            return;
        }
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

/// Docusaurus published the docs under their route (`/docs/guides/setup`, or `routeBasePath`);
/// handbook publishes them at the site's root. Every page gets a redirect page at its
/// Docusaurus address (and at its `slug` from the root as written, capitals and all), so that
/// links and bookmarks to the old site keep working, as an mdBook book's old addresses do.
/// None where a file or another redirect is already.
pub fn old_addresses(
    site: &Site,
    taken: &HashSet<String>,
    aliases: &[crate::checks::Redirect],
) -> Vec<crate::checks::Redirect> {
    let Some(route) = site
        .route_base
        .as_deref()
        .map(|r| r.trim_matches('/'))
        .filter(|r| !r.is_empty())
    else {
        return Vec::new();
    };
    let mut redirects = crate::checks::Redirects::new(site, taken, aliases);
    for (id, page) in site.pages.iter().enumerate() {
        let mut paths = vec![format!("{route}/{}index.html", page.url)];
        let written = page
            .parsed
            .meta
            .slug
            .as_deref()
            .map(str::trim)
            .filter(|slug| slug.starts_with('/'))
            .and_then(|slug| crate::links::normalize("", slug.trim_start_matches('/')))
            .filter(|path| !path.is_empty());
        if let Some(written) = written {
            paths.push(format!(
                "{route}/{}/index.html",
                written.trim_end_matches('/')
            ));
        }
        for path in paths {
            redirects.add(path, id);
        }
    }
    redirects.out
}

/// An admonition's fence line: its colons, and for an opening line the type and title; or a
/// line that is one tag of MDX's tabs (`<Tabs>`, `<TabItem label="...">`, their closing tags):
/// no colons, the tag's name, and for a `TabItem` its label.
struct Fence<'t> {
    colons: usize,
    kind: Option<&'t str>,
    /// An admonition's title as written, or a tab's label (its escapes read).
    title: Option<Cow<'t, str>>,
    tag: Option<&'static str>,
    /// A `TabItem`'s `value`, which names it where it has no `label`; a `Tabs`'
    /// `defaultValue`, the tab shown first.
    value: Option<String>,
    /// A `TabItem` marked `default`: the tab shown first.
    default: bool,
    /// A `Tabs`' labels of its tabs by value (`values={[{label: 'Linux', value: 'linux'}]}`).
    values: TabLabels,
    /// A `Tabs`' `groupId`: sets of one group show the same tab, the reader's last choice.
    group: Option<String>,
    /// A `Tabs`' `queryString`: the parameter of the page's address that names its tab.
    query: Option<String>,
}

/// The labels of tabs by their values: (value, label).
type TabLabels = Vec<(String, String)>;

impl Fence<'_> {
    /// Whether `closing` closes this opening line.
    fn closed_by(&self, closing: &Fence) -> bool {
        self.colons == closing.colons && self.tag == closing.tag
    }

    /// As written, for messages: `:::tip`, `<TabItem>`.
    fn written(&self) -> String {
        match self.tag {
            Some(tag) => format!("<{tag}>"),
            None => format!("{}{}", ":".repeat(self.colons), self.kind.unwrap_or("")),
        }
    }

    /// Its closing line, for messages: `:::`, `</TabItem>`.
    fn closing(&self) -> String {
        match self.tag {
            Some(tag) => format!("</{tag}>"),
            None => ":".repeat(self.colons),
        }
    }
}

/// The value of a JSX tag's attribute `key`: `key="text"`, `key='text'`, `key={'text'}` (or
/// any string literal in braces, its escapes read: `{'It\\'s'}`), as written for another
/// expression in braces; bare attributes (`default`) have none.
fn jsx_attribute<'t>(args: &'t str, key: &str) -> Option<Cow<'t, str>> {
    let mut rest = args;
    loop {
        rest = rest.trim_start();
        let name_len = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')))
            .unwrap_or(rest.len());
        if name_len == 0 {
            return None;
        }
        let name = &rest[..name_len];
        rest = rest[name_len..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            continue;
        };
        let after = after.trim_start();
        let (value, next) = match after.chars().next()? {
            q @ ('"' | '\'') => {
                let end = after[1..].find(q)? + 1;
                (Cow::Borrowed(&after[1..end]), &after[end + 1..])
            }
            '{' => {
                // To the matching brace, strings inside skipped.
                let end = expression_len(after)? - 1;
                let inner = after[1..end].trim();
                let value = string_literal(inner).map_or(Cow::Borrowed(inner), Cow::Owned);
                (value, &after[end + 1..])
            }
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (Cow::Borrowed(&after[..end]), &after[end..])
            }
        };
        if name == key {
            return Some(value);
        }
        rest = next;
    }
}

/// The parameter of the address a `<Tabs queryString>` keeps its tab in: `queryString="os"`
/// names it, a bare `queryString` (or `={true}`) takes the `groupId`.
fn query_string(args: &str) -> Option<String> {
    let named = jsx_attribute(args, "queryString");
    match named.as_deref() {
        Some("true") => jsx_attribute(args, "groupId"),
        Some("false") => None,
        Some(_) => named.clone(),
        None => args
            .split_whitespace()
            .any(|word| word == "queryString")
            .then(|| jsx_attribute(args, "groupId"))
            .flatten(),
    }
    .filter(|name| !name.trim().is_empty())
    .map(Cow::into_owned)
}

/// The labels a `<Tabs values={[{label: 'Linux', value: 'linux'}, ...]}>` gives its tabs, by
/// value.
fn tab_labels(args: &str) -> TabLabels {
    let Some(at) = args.find("values=") else {
        return Vec::new();
    };
    let rest = &args[at + "values=".len()..];
    let Some(list) = rest.strip_prefix('{').map(str::trim_start) else {
        return Vec::new();
    };
    let start = args.len() - list.len();
    let Ok((node, _)) = js_data::parse_at(args, start) else {
        return Vec::new();
    };
    let Value::Array(items) = node.value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let text = |key: &str| item.get(key).and_then(Node::as_str).map(str::to_string);
            Some((text("value")?, text("label")?))
        })
        .collect()
}

/// A line that is one whole tag of MDX's tabs: `<Tabs ...>`, `<TabItem value="a" label="A">`,
/// `</TabItem>`, `</Tabs>`.
fn tabs_tag(line: &str) -> Option<Fence<'_>> {
    let line = line.trim();
    let inner = line.strip_prefix('<')?.strip_suffix('>')?;
    if inner.ends_with('/') {
        return None;
    }
    if let Some(name) = inner.strip_prefix('/') {
        let tag = ["Tabs", "TabItem"]
            .into_iter()
            .find(|t| name.trim() == *t)?;
        return Some(Fence {
            colons: 0,
            kind: None,
            title: None,
            tag: Some(tag),
            value: None,
            values: Vec::new(),
            default: false,
            group: None,
            query: None,
        });
    }
    let name_len = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    let (name, args) = inner.split_at(name_len);
    if !args.is_empty() && !args.starts_with(char::is_whitespace) {
        return None;
    }
    // `label="A"`, `label='A'` or `label={'A'}`; a tab without a label is named by its value.
    let value = |key: &str| jsx_attribute(args, key);
    match name {
        "Tabs" => Some(Fence {
            colons: 0,
            kind: Some("tabs"),
            title: None,
            tag: Some("Tabs"),
            value: value("defaultValue").map(Cow::into_owned),
            values: tab_labels(args),
            default: false,
            group: value("groupId").map(Cow::into_owned),
            query: query_string(args),
        }),
        "TabItem" => Some(Fence {
            colons: 0,
            kind: Some("tab"),
            title: value("label").filter(|l| !l.trim().is_empty()),
            tag: Some("TabItem"),
            value: value("value").map(Cow::into_owned),
            values: Vec::new(),
            default: args
                .split_whitespace()
                .any(|word| word == "default" || word == "default={true}"),
            group: None,
            query: None,
        }),
        _ => None,
    }
}

/// Reads `:::type`, `:::type[Title]`, `:::type Title` and a closing `:::` (three colons or
/// more, after up to three spaces, or any indentation inside a list item).
fn fence(line: &str) -> Option<Fence<'_>> {
    // Read as a handbook reads its own `:::` lines ([`crate::container`]).
    let (colons, open) = crate::container::parse(line.trim())?;
    let (kind, title) = match open {
        Some(open) => (Some(open.kind), open.title),
        None => (None, None),
    };
    Some(Fence {
        colons,
        kind,
        title,
        tag: None,
        value: None,
        values: Vec::new(),
        default: false,
        group: None,
        query: None,
    })
}

/// The callout class and default title of an admonition type (in the site's language, as
/// Docusaurus translates them).
fn admonition(kind: &str) -> (&'static str, Text) {
    // The kinds a handbook's own `:::` lines name, but `details` (no admonition of Docusaurus);
    // any other is a note.
    crate::container::kind_of(kind)
        .filter(|&(_, label)| label != Text::Details)
        .unwrap_or(("note", Text::CalloutNote))
}

/// Shows Docusaurus' admonitions in a page of a Docusaurus site as callouts
/// ([`crate::expand_borrowed_syntax`]): `:::tip[Title]` (or `:::tip Title`) to a closing line of
/// as many colons, nested with more colons outside. One never closed is a warning and shows as
/// written. MDX's `import` and `export` lines and `{/* comments */}` show nothing. Fences and
/// lines in code stay code. Positions in diagnostics stay the file's own.
pub fn expand_admonitions(page: &mut ParsedPage, ui: &Ui) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let body = page.body();
    let mdx = ["import ", "export ", "{/*"]
        .iter()
        .any(|w| body.contains(w));
    let tabs = body.contains("<Tabs");
    let base_url = body.contains("{useBaseUrl(");
    let expressions = body.contains("={");
    let indented_fence = ["    ```", "    ~~~", "\t```", "\t~~~"]
        .iter()
        .any(|f| body.contains(f));
    if !body.contains(":::") && !mdx && !tabs && !base_url && !indented_fence && !expressions {
        return diagnostics;
    }
    // Which tab tags lie in code is read as MDX reads it, where a line that is a tab's tag is a
    // block of its own: the text after it is Markdown, not the rest of an HTML block (a fence
    // after `<TabItem>` with a blank line in it would otherwise run on past `</Tabs>`).
    let masked = if tabs {
        mask_tab_tags(body)
    } else {
        String::new()
    };
    let read_as = if tabs { masked.as_str() } else { body };
    // Code (fenced or indented) and code spans are shown as written.
    let mut literal = crate::expand::literal_ranges(body, false);
    let lines = page.file_positions();
    // Tab tags are read wherever MDX reads them: text indented below a tag is no code to it.
    let mut tag_literal = if tabs {
        crate::expand::code_ranges(read_as, false, false)
    } else {
        Vec::new()
    };
    let (mut fences, mut silent) = scan(body, &literal, &tag_literal, tabs, mdx);
    // MDX reads no indentation as code: a tab's text, indented below its tag as JSX is
    // written, loses the indentation its lines share (in a tab inside another, its own), and
    // so do its admonitions' and tags' lines. What is code is then read again.
    let mut cuts = Vec::new();
    if tabs {
        // Tags found once the text around them reads as MDX reads it cut in turn (a tab inside
        // a tab whose closing tag read as code before).
        for _ in 0..MAX_TAB_PASSES {
            let dedent = tab_dedents(body, &fences, &pair(&fences).0);
            let more = line_cuts(body, &dedent);
            if more == cuts {
                break;
            }
            cuts = more;
            literal = literal_without(body, &cuts, true);
            tag_literal = literal_without(read_as, &cuts, false);
            (fences, silent) = scan(body, &literal, &tag_literal, tabs, mdx);
        }
    }
    // Nor is a fence indented four spaces or more code: it opens a fenced block, as MDX reads
    // it (at the top of the page, where no list or quote gives the indentation a meaning).
    if indented_fence {
        let more = fence_cuts(body, &cuts);
        if !more.is_empty() {
            cuts = merge_cuts(&cuts, &more);
            literal = literal_without(body, &cuts, true);
            if tabs {
                tag_literal = literal_without(read_as, &cuts, false);
            }
            (fences, silent) = scan(body, &literal, &tag_literal, tabs, mdx);
        }
    }
    let (mut pairs, open) = pair(&fences);
    for o in open {
        diagnostics.push(unclosed(page, &lines, &fences[o]));
    }
    // The set of tabs each fence line is in: the innermost `<Tabs>` pair around it.
    let set_of_fence = sets_around(&fences, &pairs);
    // A tab outside a set of tabs stays as written (its set's warning says why).
    pairs.retain(|&(o, _)| fences[o].2.tag != Some("TabItem") || set_of_fence[o].is_some());
    // `src={useBaseUrl('img/logo.png')}`: the address of a file of `static/`.
    let base_urls: Vec<(usize, usize, String)> = if base_url {
        base_url_calls(body)
            .into_iter()
            .filter(|&(start, end, _)| {
                !crate::expand::inside(&literal, start)
                    && !fences.iter().any(|f| f.0 < end && start < f.1)
                    && !silent.iter().any(|s| s.0 < end && start < s.1)
            })
            .collect()
    } else {
        Vec::new()
    };
    // `title={`Thunks`}`, `src={require('./a.png').default}`: values HTML can hold.
    let attributes: Vec<(usize, usize, String)> = if expressions {
        // Files imported by name, above the page's title too.
        let imports: Vec<(&str, String)> = page
            .text
            .lines()
            .filter_map(|line| default_import(line.trim()))
            .collect();
        expression_attributes(body, &imports)
            .into_iter()
            .filter(|&(start, end, _)| {
                !crate::expand::inside(&literal, start)
                    && !fences.iter().any(|f| f.0 < end && start < f.1)
                    && !silent.iter().any(|s| s.0 < end && start < s.1)
                    && !base_urls.iter().any(|b| b.0 < end && start < b.1)
            })
            .collect()
    } else {
        Vec::new()
    };
    if pairs.is_empty()
        && silent.is_empty()
        && base_urls.is_empty()
        && attributes.is_empty()
        && cuts.is_empty()
    {
        return diagnostics;
    }
    let cut_at: HashMap<usize, usize> = cuts
        .iter()
        .map(|&(start, end)| (start, end - start))
        .collect();
    let dedent_at = |at: usize| cut_at.get(&at).copied().unwrap_or(0);
    let unindented = |container: &str, at: usize| {
        let spaces = container.len() - container.trim_start_matches(' ').len();
        container[spaces.min(dedent_at(at))..].to_string()
    };
    // A tab's tags stand where its set's do: JSX's closing tag ends a list the tab's text
    // ends with, where Markdown would read it as part of the last item.
    let set_of = |i: usize| set_of_fence[i].unwrap_or(i);
    let container_of = |i: usize| {
        let at = if fences[i].2.tag == Some("TabItem") {
            set_of(i)
        } else {
            i
        };
        unindented(&fences[at].3, fences[at].0)
    };
    // The replacement of each paired fence line, and its partner.
    let mut replacement: Vec<Option<(String, usize)>> = (0..fences.len()).map(|_| None).collect();
    for &(o, c) in &pairs {
        let f = &fences[o].2;
        let container = container_of(o);
        let html = match f.tag {
            Some("Tabs") => tabs_start(f.group.as_deref(), f.query.as_deref()),
            Some(_) => {
                // Its label, else the one its set gives its value, else its value.
                let set = &fences[set_of(o)].2;
                let by_value = f
                    .value
                    .as_ref()
                    .and_then(|v| set.values.iter().find(|(value, _)| value == v))
                    .map(|(_, label)| label.as_str());
                let title = f
                    .title
                    .as_deref()
                    .or(by_value)
                    .or(f.value.as_deref())
                    .unwrap_or_default();
                // Shown first: marked `default`, or the set's `defaultValue`.
                let first = f.default || (set.value.is_some() && set.value == f.value);
                // What its group knows it by: its value, else its label.
                let value = f.value.as_deref().unwrap_or(title);
                let mut marks = format!(" data-hb-value=\"{}\"", escape(value));
                if first {
                    marks.push_str(" data-hb-first");
                }
                tab_start(title).replacen(
                    "class=\"hb-tab\"",
                    &format!("class=\"hb-tab\"{marks}"),
                    1,
                )
            }
            None => {
                let (class, label) = admonition(f.kind.unwrap_or("note"));
                // A title may be written with Markdown (`:::tip[Read **this**]`).
                let title = match f.title.as_deref().filter(|t| !t.is_empty()) {
                    Some(title) => inline_html(title),
                    None => escape(ui.get(label)),
                };
                callout_start_html(class, Some(&title))
            }
        };
        let bare = container.trim_end();
        replacement[o] = Some((format!("{bare}\n{container}{html}\n{bare}"), c));
        let closing = container_of(c);
        let closing_bare = closing.trim_end();
        replacement[c] = Some((
            format!("{closing_bare}\n{closing}</div>\n{closing_bare}"),
            o,
        ));
    }
    // The other lines of a tab, unindented.
    let fence_lines: Vec<(usize, usize)> = fences.iter().map(|f| (f.0, f.1)).collect();
    let unindent: Vec<(usize, usize)> = cuts
        .into_iter()
        .filter(|&(at, _)| {
            !crate::expand::inside(&fence_lines, at) && !crate::expand::inside(&silent, at)
        })
        .collect();
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
            .chain(unindent.iter().map(|&(start, end)| (start, end, "", None)))
            .chain(
                base_urls
                    .iter()
                    .chain(&attributes)
                    .map(|(start, end, text)| (*start, *end, text.as_str(), None)),
            )
            .collect();
        changes.sort_unstable_by_key(|c| c.0);
        let mut out = String::with_capacity(body.len() + 128);
        let mut splices: Vec<Splice> = Vec::new();
        let mut html_at = Vec::new();
        let mut last = 0;
        for (start, end, text, fence) in changes {
            // One that begins inside the one before (a `useBaseUrl` in another's argument) is
            // left out.
            if start < last {
                continue;
            }
            out.push_str(&body[last..start]);
            if let (Some(lt), Some(i)) = (text.find('<'), fence) {
                html_at.push((out.len() + lt, i));
            }
            splices.push((out.len(), text.len(), start, end - start));
            out.push_str(text);
            last = end;
        }
        out.push_str(&body[last..]);
        let mut misread = crate::expand::misread_html_all(&out, &html_at);
        if misread.is_empty() {
            page.replace_body(&out, splices, Vec::new());
            return diagnostics;
        }
        // Every one misread is left out at once, so that no number of them switches off the
        // page's others.
        misread.sort_unstable();
        misread.dedup();
        for i in misread {
            if replacement[i].is_none() {
                continue;
            }
            let (what, lines_of) = if fences[i].2.tag.is_some() {
                ("tab", "tag lines")
            } else {
                ("admonition", "`:::` lines")
            };
            diagnostics.push(
                Diagnostic::warning(
                    "docusaurus-admonition",
                    &page.path,
                    format!("this {what} shows as written: its HTML would be read as code here"),
                )
                .at(lines.position(page.body_start + fences[i].0 + fences[i].3.len()))
                .hint(format!(
                    "start its {lines_of} where the text around them starts (four spaces or more make code)"
                )),
            );
            if let Some((_, partner)) = replacement[i].take() {
                replacement[partner] = None;
            }
        }
    }
    diagnostics
}

/// A Docusaurus page's fence lines outside `literal` (admonitions', and where it has `tabs`,
/// tab tags'): (start, end past its text, the fence, its container: the block quote markers
/// and indentation before it); and, where it is `mdx`, the lines that show nothing: `import`s,
/// `export`s and `{/* comments */}` starting a block (after a blank line, or another such
/// line).
#[allow(clippy::type_complexity)]
fn scan<'t>(
    body: &'t str,
    literal: &[(usize, usize)],
    tag_literal: &[(usize, usize)],
    tabs: bool,
    mdx: bool,
) -> (Vec<(usize, usize, Fence<'t>, String)>, Vec<(usize, usize)>) {
    let mut fences = Vec::new();
    let mut silent = Vec::new();
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let mut start = 0;
    let mut block_start = true;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let end = start + line.trim_end_matches(['\n', '\r']).len();
        let text = &body[start..end];
        let (container, rest) = quote_prefix(text);
        let first_char = start + (text.len() - text.trim_start().len());
        let blank = rest.trim().is_empty();
        let tag_here = tabs && !blank && !crate::expand::inside(tag_literal, first_char);
        if tag_here && crate::expand::inside(literal, first_char) {
            // In text indented as code, only a tab's tags are read.
            if let Some(f) = tabs_tag(rest) {
                fences.push((start, end, f, container));
            }
        } else if !blank && !crate::expand::inside(literal, first_char) {
            let found = fence(rest).or_else(|| tabs.then(|| tabs_tag(rest)).flatten());
            if let Some(f) = found {
                fences.push((start, end, f, container));
            } else if let Some((f, lines_more, tag_end)) =
                tabs.then(|| tabs_over_lines(&lines[i..], start)).flatten()
            {
                fences.push((start, tag_end, f, container));
                for line in &lines[i..=i + lines_more] {
                    start += line.len();
                }
                i += lines_more + 1;
                block_start = false;
                continue;
            } else if mdx && block_start && is_mdx_only(rest) {
                silent.push((start, end));
                start += line.len();
                i += 1;
                continue;
            }
        }
        // A comment alone on its line is a block of its own (HTML's), over once it closes.
        block_start = blank || is_comment_line(rest);
        start += line.len();
        i += 1;
    }
    (fences, silent)
}

/// A `<Tabs` tag written over several lines (`<Tabs\n  defaultValue="a"\n  values={[...]}>`),
/// starting at the first of `lines` (at offset `start`): the tag as read, how many more lines
/// it takes, and the offset where its text ends.
fn tabs_over_lines(lines: &[&str], start: usize) -> Option<(Fence<'static>, usize, usize)> {
    let first = lines.first()?.trim();
    if !(first == "<Tabs" || first.starts_with("<Tabs ")) || first.ends_with('>') {
        return None;
    }
    let mut joined = String::new();
    let mut at = start;
    for (n, line) in lines.iter().enumerate().take(MAX_TAG_LINES) {
        let text = line.trim_end_matches(['\n', '\r']);
        joined.push_str(text);
        joined.push('\n');
        if n > 0 && text.trim_start().starts_with('<') {
            return None;
        }
        if text.trim_end().ends_with('>') {
            let f = tabs_tag(&joined)?;
            // The tag as read, with what it holds of the joined lines made its own.
            let owned = Fence {
                colons: 0,
                kind: Some("tabs"),
                title: None,
                tag: Some("Tabs"),
                value: f.value,
                values: f.values,
                default: false,
                group: f.group,
                query: f.query,
            };
            return (f.tag == Some("Tabs") && f.kind.is_some()).then_some((
                owned,
                n,
                at + text.len(),
            ));
        }
        at += line.len();
    }
    None
}

/// How many lines one tag of tabs may take, at most.
const MAX_TAG_LINES: usize = 30;

/// For each fence line, the opening line of the innermost set of tabs (`<Tabs>` pair) around
/// it.
fn sets_around(
    fences: &[(usize, usize, Fence, String)],
    pairs: &[(usize, usize)],
) -> Vec<Option<usize>> {
    let closing: HashMap<usize, usize> = pairs
        .iter()
        .filter(|&&(o, _)| fences[o].2.tag == Some("Tabs"))
        .copied()
        .collect();
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::with_capacity(fences.len());
    for i in 0..fences.len() {
        while open.last().is_some_and(|&(_, c)| c <= i) {
            open.pop();
        }
        out.push(open.last().map(|&(o, _)| o));
        if let Some(&c) = closing.get(&i) {
            open.push((i, c));
        }
    }
    out
}

/// Pairs each opening fence with the next closing one of its kind (as many colons, the same
/// tag), innermost first; returns the pairs and the openers never closed.
fn pair(fences: &[(usize, usize, Fence, String)]) -> (Vec<(usize, usize)>, Vec<usize>) {
    crate::container::pair_by(
        fences.len(),
        |i| fences[i].2.kind.is_some(),
        |o, c| fences[o].2.closed_by(&fences[c].2),
    )
}

/// How many times tabs' text is cut and read again, at most.
const MAX_TAB_PASSES: usize = 4;

/// Spaces and tab characters at the start of a line, counted as characters.
fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// The text of each tab (from the end of its `<TabItem>` line to the start of its
/// `</TabItem>` line) and how much indentation its lines lose, in order: what they share beyond
/// the indentation its set's `<Tabs>` line keeps (in a list item, the item's), so that the
/// text stands where its set does.
fn tab_dedents(
    body: &str,
    fences: &[(usize, usize, Fence, String)],
    pairs: &[(usize, usize)],
) -> Vec<(usize, usize, usize)> {
    let sets = sets_around(fences, pairs);
    let mut tabs: Vec<(usize, usize)> = pairs
        .iter()
        .filter(|&&(o, _)| fences[o].2.tag == Some("TabItem"))
        .copied()
        .collect();
    tabs.sort_unstable();
    let mut out = Vec::new();
    // The tabs around the current one: (end, indentation cut).
    let mut open: Vec<(usize, usize)> = Vec::new();
    for (o, c) in tabs {
        let (from, to) = (fences[o].1, fences[c].0);
        while open.last().is_some_and(|&(end, _)| end <= fences[o].0) {
            open.pop();
        }
        let Some(set) = sets[o] else {
            continue;
        };
        // What the set's line keeps: its indentation less the cut of the tab around it.
        let set_line = &fences[set].3;
        let keeps = if set_line.contains('>') {
            0
        } else {
            let outer = open.last().map_or(0, |&(_, cut)| cut);
            indentation(set_line).saturating_sub(outer)
        };
        let shared = body[from..to]
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(indentation)
            .min();
        let cut = shared.map_or(0, |n| n.saturating_sub(keeps));
        open.push((to, cut));
        if cut > 0 {
            out.push((from, to, cut));
        }
    }
    out
}

/// The indentation each line of the tabs loses, (start, end) of the characters cut: as much
/// as the innermost tab around it says.
fn line_cuts(body: &str, dedent: &[(usize, usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut next = 0;
    // The tabs around the current line: (end, cut).
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        while open.last().is_some_and(|&(to, _)| to <= at) {
            open.pop();
        }
        while let Some(&(from, to, cut)) = dedent.get(next).filter(|d| d.0 < at) {
            next += 1;
            while open.last().is_some_and(|&(end, _)| end <= from) {
                open.pop();
            }
            if at < to {
                open.push((to, cut));
            }
        }
        if let Some(&(_, cut)) = open.last() {
            let cut = indentation(line)
                .min(cut)
                .min(line.trim_end_matches(['\r', '\n']).len());
            if cut > 0 {
                out.push((at, at + cut));
            }
        }
        at += line.len();
    }
    out
}

/// Maps offsets in the view ([`view_without`]) to the body: past the spaces cut before (and
/// at) each. The offsets must come in order, so that the cuts are counted once.
fn view_to_body(cuts: &[(usize, usize)]) -> impl FnMut(usize) -> usize + '_ {
    let mut next = 0;
    let mut cut = 0;
    move |at| {
        while let Some(&(start, end)) = cuts.get(next) {
            if start - cut > at {
                break;
            }
            cut += end - start;
            next += 1;
        }
        at + cut
    }
}

/// `body` with the spaces `cuts` names left out.
fn view_without(body: &str, cuts: &[(usize, usize)]) -> String {
    let mut view = String::with_capacity(body.len());
    let mut last = 0;
    for &(start, end) in cuts {
        view.push_str(&body[last..start]);
        last = end;
    }
    view.push_str(&body[last..]);
    view
}

/// The indentation the lines of each top-level indented code block that is a whole fenced
/// block (its first line a fence, a closing fence after it) lose, as read with `cuts` made:
/// (offset in `body`, spaces), the offset just past the spaces `cuts` leaves out.
fn fence_cuts(body: &str, cuts: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let view = view_without(body, cuts);
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(&view, crate::expand::options()).into_offset_iter() {
        match event {
            Event::Start(
                Tag::List(_) | Tag::BlockQuote(_) | Tag::Item | Tag::FootnoteDefinition(_),
            ) => depth += 1,
            Event::End(
                TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::Item | TagEnd::FootnoteDefinition,
            ) => depth = depth.saturating_sub(1),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) if depth == 0 => {
                let start = view[..range.start].rfind('\n').map_or(0, |i| i + 1);
                blocks.push((start, range.end));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (start, end) in blocks {
        let block = &view[start..end];
        let lines: Vec<&str> = block.split_inclusive('\n').collect();
        let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
            continue;
        };
        let opener = lines[first].trim();
        let mark = if opener.starts_with("```") {
            '`'
        } else if opener.starts_with("~~~") {
            '~'
        } else {
            continue;
        };
        let ticks = opener.chars().take_while(|&c| c == mark).count();
        let closed = lines[first + 1..].iter().any(|l| {
            let t = l.trim();
            t.chars().take_while(|&c| c == mark).count() >= ticks
                && t.trim_start_matches(mark).is_empty()
        });
        if !closed {
            continue;
        }
        let indent = lines[first].len() - lines[first].trim_start_matches([' ', '\t']).len();
        let mut at = start;
        for line in lines {
            let spaces = line.len() - line.trim_start_matches([' ', '\t']).len();
            let cut = spaces
                .min(indent)
                .min(line.trim_end_matches(['\r', '\n']).len());
            if cut > 0 {
                out.push((at, cut));
            }
            at += line.len();
        }
    }
    let mut to_body = view_to_body(cuts);
    out.into_iter().map(|(at, n)| (to_body(at), n)).collect()
}

/// `cuts` and `more` (offset, spaces) as one list of cuts in order, a line's two made one.
fn merge_cuts(cuts: &[(usize, usize)], more: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = cuts.to_vec();
    let by_end: HashMap<usize, usize> = cuts.iter().enumerate().map(|(i, c)| (c.1, i)).collect();
    for &(at, n) in more {
        match by_end.get(&at) {
            Some(&i) => out[i].1 += n,
            None => out.push((at, at + n)),
        }
    }
    out.sort_unstable();
    out
}

/// The code of `body` as it reads with the spaces `cuts` names left out, as offsets in `body`.
/// `body` with each line that is a tab's tag (`<Tabs>`, `<TabItem ...>`, their closing tags)
/// made blank, its bytes spaces: the same offsets, read as MDX reads the blocks around it.
fn mask_tab_tags(body: &str) -> String {
    mask_lines(body, |line| tabs_tag(line).is_some())
}

/// Where a page's text is code as MDX reads it (fenced blocks and code spans; no indented
/// code): each line that is a tag of a component, a tab or `<details>` is a block of its own,
/// never the start of an HTML block that takes the lines after it.
fn mdx_code(body: &str) -> Vec<(usize, usize)> {
    let masked = mask_lines(body, |line| {
        let line = line.trim();
        tabs_tag(line).is_some()
            || component_tag_line(line).is_some()
            || details_line(line)
            || self_closing_component(line).is_some_and(|(_, len)| len == line.len())
    });
    crate::expand::code_ranges(&masked, false, false)
}

/// `body` with each line `blank` says so of made blank, its bytes spaces (the same offsets).
fn mask_lines(body: &str, blank: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        if blank(line) {
            let text = line.trim_end_matches(['\n', '\r']);
            out.extend(std::iter::repeat_n(' ', text.len()));
            out.push_str(&line[text.len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// A line that is `<details>`, its closing tag or its `<summary>...</summary>`: Docusaurus'
/// component, whose lines are blocks of their own.
fn details_line(line: &str) -> bool {
    matches!(line, "<details>" | "<details open>" | "</details>")
        || (line.starts_with("<summary>") && line.ends_with("</summary>"))
}

/// [`literal_ranges`](crate::expand::literal_ranges) of `body` with `cuts` taken out (a tab's
/// shared indentation), as offsets of `body`.
fn literal_without(body: &str, cuts: &[(usize, usize)], indented: bool) -> Vec<(usize, usize)> {
    let view = view_without(body, cuts);
    let mut to_body = view_to_body(cuts);
    crate::expand::code_ranges(&view, false, indented)
        .into_iter()
        .map(|(start, end)| (to_body(start), to_body(end)))
        .collect()
}

/// Each `{useBaseUrl('path')}` of a page (a JSX expression, as an attribute's value): its range
/// and what stands for it, the path from the site's root in quotes (`"/img/logo.png"`), which
/// is where Docusaurus' static files are published here too.
fn base_url_calls(body: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (at, call) in body.match_indices("{useBaseUrl(") {
        // An attribute's value (`src={useBaseUrl(...)}`); elsewhere MDX prints the address
        // itself, which the page keeps as written.
        if !body[..at].trim_end_matches([' ', '\t']).ends_with('=') {
            continue;
        }
        let rest = &body[at + call.len()..];
        let Some(quote) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))
        else {
            continue;
        };
        let Some(close) = rest[1..].find(quote) else {
            continue;
        };
        let path = &rest[1..1 + close];
        let after = rest[1 + close + 1..].trim_start();
        let Some(tail) = after.strip_prefix(')').map(str::trim_start) else {
            continue;
        };
        if !tail.starts_with('}') || path.contains(['"', '\n', '$']) {
            continue;
        }
        let end = body.len() - tail.len() + 1;
        let mut from_root = path;
        while let Some(rest) = from_root
            .strip_prefix("../")
            .or_else(|| from_root.strip_prefix("./"))
            .or_else(|| from_root.strip_prefix('/'))
        {
            from_root = rest;
        }
        out.push((at, end, format!("\"/{from_root}\"")));
    }
    out
}

/// The attributes of HTML and MDX tags whose value is a JavaScript expression, each with
/// what HTML can hold instead, as (start, end, replacement) in `body`: a string (`title={"A"}`,
/// `title={`A`}`) or a number or boolean is its text in quotes; a `require('./a.png')` (with
/// `.default` or not) is the file's path, as the bundler publishes it; any other expression
/// (`style={{...}}`, a variable) means nothing without React, and the attribute is left out.
/// Without this the tag is no tag to Markdown and shows as text.
fn expression_attributes(body: &str, imports: &[(&str, String)]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for (at, _) in body.match_indices("={") {
        let before = &body[..at];
        let name_start = before.len()
            - before
                .bytes()
                .rev()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
                .count();
        if name_start == at || !before[..name_start].ends_with([' ', '\t', '\n']) {
            continue;
        }
        // Inside a tag: an earlier `<name` (in the same paragraph) whose attributes, read one
        // by one, lead to this one.
        let paragraph = before.rfind("\n\n").map_or(0, |i| i + 2);
        let in_tag = before[paragraph..]
            .rmatch_indices('<')
            .take(8)
            .any(|(open, _)| attribute_follows(body, paragraph + open, name_start));
        if !in_tag {
            continue;
        }
        let Some(len) = expression_len(&body[at + 1..]) else {
            continue;
        };
        let end = at + 1 + len;
        if !tag_closes(body, end) {
            continue;
        }
        let expression = body[at + 2..end - 1].trim();
        match attribute_value(expression, imports) {
            Some(value) => out.push((at + 1, end, format!("\"{}\"", escape(&value)))),
            None => {
                // The attribute and the space before it (a line of its own with it).
                let start = before[..name_start].trim_end().len();
                out.push((start, end, String::new()));
            }
        }
    }
    out
}

/// Whether the tag opening at `open` (`<Name`) reaches an attribute starting at `target` when
/// its attributes are read one by one (`name`, `name="..."`, `name='...'`, `name={...}`,
/// `name=word`); `false` at a `>`, or at text no tag holds.
fn attribute_follows(body: &str, open: usize, target: usize) -> bool {
    let bytes = body.as_bytes();
    let name = |from: usize| {
        from + bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
            .count()
    };
    if !bytes.get(open + 1).is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let mut i = name(open + 1);
    loop {
        let space = bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        if space == 0 || i + space > target {
            return false;
        }
        i += space;
        if i == target {
            return true;
        }
        let after = name(i);
        if after == i {
            return false;
        }
        i = after;
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        match value_len(body, i + 1) {
            Some(len) => i += 1 + len,
            None => return false,
        }
        if i > target {
            return false;
        }
    }
}

/// The length of an attribute's value at `at` (after its `=`): quoted, an expression in
/// braces, or a word; `None` when it is not closed.
fn value_len(body: &str, at: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    match bytes.get(at) {
        Some(b'{') => expression_len(&body[at..]),
        Some(&quote @ (b'"' | b'\'')) => Some(body[at + 1..].find(quote as char)? + 2),
        _ => Some(
            bytes[at..]
                .iter()
                .take_while(|b| !b.is_ascii_whitespace() && **b != b'>')
                .count(),
        ),
    }
}

/// Whether the attributes from `at` (after one) end their tag with `>` or `/>`.
fn tag_closes(body: &str, mut at: usize) -> bool {
    let bytes = body.as_bytes();
    loop {
        at += bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        if bytes.get(at) == Some(&b'>') || body[at..].starts_with("/>") {
            return true;
        }
        let name = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
            .count();
        if name == 0 || body[at..].starts_with("\n\n") {
            return false;
        }
        at += name;
        if bytes.get(at) == Some(&b'=') {
            match value_len(body, at + 1) {
                Some(len) => at += 1 + len,
                None => return false,
            }
        }
    }
}

/// The length of the `{...}` expression `text` starts with, to its matching brace (strings and
/// template literals skipped); `None` when it is not closed.
fn expression_len(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// What an attribute's expression stands for in HTML, when it stands for text.
fn attribute_value(expression: &str, imports: &[(&str, String)]) -> Option<String> {
    let required = expression.strip_prefix("require(").and_then(|rest| {
        rest.strip_suffix(".default")
            .unwrap_or(rest)
            .strip_suffix(')')
    });
    // A file imported by name (`import Chart from './chart.png'`, then `src={Chart}`).
    let imported = || {
        imports
            .iter()
            .find(|(name, _)| *name == expression)
            .map(|(_, path)| path.clone())
    };
    let path = match required {
        Some(path) => Some(string_literal(path.trim())?),
        None => imported(),
    };
    if let Some(path) = path {
        // `@site/static/img/a.png` is published as `/img/a.png`; another alias (a package's)
        // names no file here.
        return match path.strip_prefix("@site/static/") {
            Some(rest) => Some(format!("/{rest}")),
            None => (!path.starts_with('@')).then_some(path),
        };
    }
    // `false` leaves the attribute out, as React does: `open="false"` would be open.
    if expression == "true" || expression.parse::<f64>().is_ok() {
        return Some(expression.to_string());
    }
    string_literal(expression)
}

/// The text of a JavaScript string literal that is the whole of `text`: `"a"`, `'a'`, or a
/// template literal without `${...}`; escapes other than of the quote and `\\` not read.
fn string_literal(text: &str) -> Option<String> {
    let quote = text
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let inner = text.strip_prefix(quote)?.strip_suffix(quote)?;
    if quote == '`' && inner.contains("${") {
        return None;
    }
    let mut value = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => value.push(chars.next()?),
            c if c == quote => return None,
            c => value.push(c),
        }
    }
    Some(value)
}

/// Puts the Markdown partials a page imports (`import Intro from './_intro.mdx';`) where it
/// shows them, a line of their own (`<Intro />`, with or without props), as MDX does: the
/// partial's text (without its front matter), indented as the tag is. Paths are relative to
/// the page's file (`@site/` to the site's folder), never outside the site's repository (nor,
/// without one, the folder that holds the site and its `docs`, [`partials_root`]); a partial
/// that cannot be read is an error at its tag. Partials of partials are not read.
pub fn expand_partials(page: &mut ParsedPage, site: &Path, docs: &Path) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let body = page.body();
    if !page.text.contains("import ") || !body.contains("/>") {
        return diagnostics;
    }
    let literal = mdx_code(body);
    // Each line outside code: its start and its text.
    let lines: Vec<(usize, &str)> = crate::source::lines_with_offsets(body)
        .into_iter()
        .filter(|&(start, _)| !crate::expand::inside(&literal, start))
        .map(|(start, line)| (start, line.trim_end_matches(['\n', '\r'])))
        .collect();
    // Imports above the page's `# Title` went with it (`take_heading_after`): they are read in
    // the whole text.
    let imports: Vec<(&str, String)> = page.text[..page.body_start]
        .lines()
        .chain(lines.iter().map(|&(_, line)| line))
        .filter_map(|line| partial_import(line.trim()))
        .collect();
    if imports.is_empty() {
        return diagnostics;
    }
    let mut reader = crate::include::Reader::new(
        &partials_root(site, docs),
        "the path is relative to this page's file",
        "site",
        "docusaurus.config.js",
    );
    let dir = page.path.parent().unwrap_or(Path::new("")).to_path_buf();
    // What a partial's links are written from, and what they become written from.
    let page_dir = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
    let positions = page.file_positions();
    let mut changes = Vec::new();
    for &(start, line) in &lines {
        let trimmed = line.trim();
        let whole_tag = self_closing_component(trimmed).filter(|&(_, len)| len == trimmed.len());
        let Some((name, _)) = whole_tag else {
            continue;
        };
        let Some((_, written)) = imports.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        let written = written.as_str();
        let indent = &line[..line.len() - line.trim_start().len()];
        let path = match written.strip_prefix("@site/") {
            Some(rest) => site.join(rest),
            None => dir.join(written),
        };
        match reader.read(written, &path) {
            Ok((text, real)) => {
                let text =
                    crate::front_matter::split(&text, &real).map_or(text.as_str(), |s| s.body);
                // Its links are written from its own folder.
                let rebased = match real.parent() {
                    Some(from) if from != page_dir => rebase_links(text, from, &page_dir),
                    _ => None,
                };
                let text = rebased.as_deref().unwrap_or(text);
                let mut shown = String::with_capacity(text.len() + 16);
                for (i, partial_line) in text.trim_end().lines().enumerate() {
                    if i > 0 {
                        shown.push('\n');
                    }
                    if !partial_line.is_empty() {
                        shown.push_str(indent);
                    }
                    shown.push_str(partial_line);
                }
                // A block of its own, as the tag was.
                changes.push((start, start + line.len(), format!("\n{shown}\n")));
            }
            Err((message, hint)) => diagnostics.push(
                Diagnostic::error("include", &page.path, message)
                    .at(positions.position(page.body_start + start + indent.len()))
                    .hint(hint),
            ),
        }
    }
    let mut files = reader.files;
    files.sort();
    files.dedup();
    page.replace_ranges(changes, files);
    diagnostics
}

/// The site's own MDX components (`<SmallTeam slug="x" />`, `<Card title="x">` ... `</Card>`),
/// React code handbook does not run: one that closes itself shows nothing (one warning a name
/// a page, which the build says once for the site), and a line that is one opening or closing tag of one is a block of its own (a blank
/// line comes between it and the text it holds), so that what it holds reads as Markdown, as
/// MDX reads it. Tabs are read by [`expand_admonitions`]; code stays code.
pub fn expand_components(page: &mut ParsedPage) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let body = page.body();
    if !body.contains("/>") && !body.contains("</") && !body.contains("className=") {
        return diagnostics;
    }
    let literal = mdx_code(body);
    let positions = page.file_positions();
    let mut changes = Vec::new();
    let mut warned = HashSet::new();
    let lines: Vec<(usize, &str)> = crate::source::lines_with_offsets(body)
        .into_iter()
        .map(|(start, line)| (start, line.trim_end_matches(['\n', '\r'])))
        .collect();
    let blank = |i: Option<usize>| {
        i.and_then(|i| lines.get(i))
            .is_none_or(|l| l.1.trim().is_empty())
    };
    // Four spaces or more: after a blank line, Markdown's indented code (MDX has none), so such
    // lines are left as they are.
    let deep = |i: Option<usize>| {
        i.and_then(|i| lines.get(i)).is_some_and(|l| {
            l.1.chars()
                .take_while(|c| matches!(c, ' ' | '\t'))
                .map(|c| if c == '\t' { 4 } else { 1 })
                .sum::<usize>()
                >= 4
        })
    };
    for (n, &(start, text)) in lines.iter().enumerate() {
        if crate::expand::inside(&literal, start) {
            continue;
        }
        // `<details>` is Docusaurus' component too, and its `<summary>` line a block of its own.
        let trimmed = text.trim();
        let tag = component_tag_line(trimmed).or(details_line(trimmed).then_some("details"));
        if let Some(name) = tag {
            let closing = trimmed.starts_with("</");
            let neighbour = if closing {
                n.checked_sub(1)
            } else {
                Some(n + 1)
            };
            let apart = blank(neighbour) || deep(Some(n)) || deep(neighbour);
            if !matches!(name, "Tabs" | "TabItem") && !apart {
                let at = if closing { start } else { start + text.len() };
                changes.push((at, at, "\n".to_string()));
            }
            continue;
        }
        // React's `className` is HTML's `class`, in an HTML tag (a component's is its own).
        let mut line_changes = Vec::new();
        for (at, _) in text.match_indices("className=") {
            let before = &text[..at];
            let in_tag = match before.rfind('<') {
                Some(open) => {
                    !before[open..].contains('>')
                        && text[open + 1..].starts_with(|c: char| c.is_ascii_lowercase())
                }
                // An attribute on a line of its own, in a tag written over several lines.
                None => before.trim().is_empty(),
            };
            let in_code = crate::expand::inside(&literal, start + at);
            if in_tag && !in_code && before.ends_with(char::is_whitespace) {
                line_changes.push((
                    start + at,
                    start + at + "className".len(),
                    "class".to_string(),
                ));
            }
        }
        let mut from = 0;
        while let Some(i) = text[from..].find('<') {
            let at = from + i;
            let found = self_closing_component(&text[at..])
                .filter(|_| !crate::expand::inside(&literal, start + at));
            let Some((name, len)) = found else {
                from = at + 1;
                continue;
            };
            from = at + len;
            if matches!(name, "Tabs" | "TabItem") {
                continue;
            }
            line_changes.push((start + at, start + at + len, String::new()));
            if warned.insert(name) {
                diagnostics.push(
                    Diagnostic::warning(
                        "docusaurus-component",
                        &page.path,
                        format!(
                            "the `<{name} />` component is the site's own React code, which \
                             handbook does not run: it shows nothing"
                        ),
                    )
                    .at(positions.position(page.body_start + start + at))
                    .hint("write what it shows in the page itself, or leave it out"),
                );
            }
        }
        line_changes.sort_by_key(|c| c.0);
        changes.extend(line_changes);
    }
    page.replace_ranges(changes, Vec::new());
    diagnostics
}

/// A component's name, where `name` starts like one (`Card`, `Docs.Card`).
fn component_name(text: &str) -> Option<&str> {
    let len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(text.len());
    let name = &text[..len];
    name.starts_with(|c: char| c.is_ascii_uppercase())
        .then_some(name)
}

/// The component a line that is one opening or closing tag of it opens or closes: `<Card
/// title="x">`, `</Card>`.
fn component_tag_line(line: &str) -> Option<&str> {
    let inner = line.strip_prefix('<')?.strip_suffix('>')?;
    if inner.ends_with('/') || inner.contains('<') {
        return None;
    }
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let name = component_name(inner)?;
    let rest = &inner[name.len()..];
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some(name)
}

/// A self-closing component tag at the start of `text` (`<SmallTeam slug="x" />`): its name
/// and length.
fn self_closing_component(text: &str) -> Option<(&str, usize)> {
    let name = component_name(text.strip_prefix('<')?)?;
    let rest = &text[1 + name.len()..];
    if !(rest.starts_with(char::is_whitespace) || rest.starts_with("/>")) {
        return None;
    }
    let close = rest.find('>')?;
    if !rest[..close].ends_with('/') || rest[..close].contains('<') {
        return None;
    }
    Some((name, 1 + name.len() + close + 1))
}

/// `text` (a partial's, written in the folder `from`) with its relative links and images
/// written from the folder `to` (the page's it is shown in); `None` when none changes.
fn rebase_links(text: &str, from: &Path, to: &Path) -> Option<String> {
    let mut changes = Vec::new();
    let parser = Parser::new_ext(text, crate::expand::options()).into_offset_iter();
    for (event, range) in parser {
        let dest = match &event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let relative = !dest.is_empty()
            && !dest.starts_with(['/', '#', '@'])
            && !crate::links::has_scheme(dest);
        let written = &text[range.clone()];
        let Some(i) = written.find(&format!("]({dest}")).filter(|_| relative) else {
            continue;
        };
        let at = range.start + i + 2;
        let split = dest.find(['#', '?']).unwrap_or(dest.len());
        let (path, suffix) = dest.split_at(split);
        let Some(rebased) = relative_path(&from.join(path), to) else {
            continue;
        };
        changes.push((at, at + dest.len(), format!("{rebased}{suffix}")));
    }
    if changes.is_empty() {
        return None;
    }
    changes.sort_by_key(|c| c.0);
    let mut out = String::with_capacity(text.len() + 64);
    let mut last = 0;
    for (start, end, put) in changes {
        if start < last {
            continue;
        }
        out.push_str(&text[last..start]);
        out.push_str(&put);
        last = end;
    }
    out.push_str(&text[last..]);
    Some(out)
}

/// `target` written from the folder `base` (both absolute; `..` in `target` read as written),
/// with `/` between its parts.
fn relative_path(target: &Path, base: &Path) -> Option<String> {
    use std::path::Component;
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in target.components() {
        match component {
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(part) => parts.push(part),
            _ => {}
        }
    }
    let base: Vec<&std::ffi::OsStr> = base
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect();
    let common = parts.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut out: Vec<String> = vec!["..".to_string(); base.len() - common];
    out.extend(
        parts[common..]
            .iter()
            .map(|p| p.to_string_lossy().into_owned()),
    );
    Some(out.join("/"))
}

/// The folder partials may be read from (in the repository that holds it,
/// [`crate::include::Reader`]): the site's, or the one that holds both it and the docs where they
/// lie beside it (`path: '../docs'`).
fn partials_root(site: &Path, docs: &Path) -> PathBuf {
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (site, docs) = (real(site), real(docs));
    site.ancestors()
        .find(|folder| docs.starts_with(folder))
        .map_or(site.clone(), Path::to_path_buf)
}

/// The name and path of an MDX import of a Markdown file: `import Intro from './_intro.mdx';`.
fn partial_import(line: &str) -> Option<(&str, String)> {
    let (name, path) = default_import(line)?;
    let is_component = name.starts_with(|c: char| c.is_ascii_uppercase());
    let markdown = [".md", ".mdx"].iter().any(|e| path.ends_with(e));
    (is_component && markdown).then_some((name, path))
}

/// The name and path of an import of a file of the site (`import Chart from
/// '@site/static/img/chart.png';`, `import Intro from './_intro.mdx';`), the path's escapes
/// read as JavaScript reads them (Prettier writes `'./\_intro.md'`).
fn default_import(line: &str) -> Option<(&str, String)> {
    let rest = line.strip_prefix("import ")?.trim_start();
    let (name, rest) = rest.split_once(char::is_whitespace)?;
    let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !is_name {
        return None;
    }
    let rest = rest.trim_start().strip_prefix("from")?.trim();
    let rest = rest.strip_suffix(';').unwrap_or(rest).trim_end();
    let path = string_literal(rest).filter(|_| !rest.starts_with('`'))?;
    (path.starts_with('.') || path.starts_with("@site/")).then_some((name, path))
}

/// How many misplaced admonitions a page is put together again without, at most.
const MAX_RETRIES: usize = 32;

/// A line's block quote markers and indentation (`> > `), and the rest of it.
pub(crate) fn quote_prefix(line: &str) -> (String, &str) {
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

/// Whether a line is an HTML comment alone (`<!-- prettier-ignore -->`).
fn is_comment_line(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("<!--") && line.ends_with("-->")
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
    lines: &crate::page::FilePositions,
    (start, _, f, container): &(usize, usize, Fence, String),
) -> Diagnostic {
    let what = if f.tag.is_some() { "tag" } else { "admonition" };
    Diagnostic::warning(
        "docusaurus-admonition",
        &page.path,
        format!(
            "the `{}` {what} is never closed with a line `{}`: it shows as written",
            f.written(),
            f.closing()
        ),
    )
    .at(lines.position(page.body_start + start + container.len()))
    .hint(format!("add a line `{}` where it ends", f.closing()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The code as shown and its marked lines, with Docusaurus' own magic comments.
    fn magic(language: &str, code: &str) -> Option<(String, Vec<(usize, usize)>)> {
        without_magic_comments(language, code, &default_magic_comments())
    }

    #[test]
    fn javascript_attribute_values_never_split_a_character() {
        for body in [
            "<Foo é={x}>",
            "<Foo é={'a'}>",
            "<日本 t={`x`}>",
            "<a b={",
            "<a b={}} c={'}'}>",
            "x={'a'} <",
            "<a\nb={\"\\\"\"}>",
        ] {
            for (start, end, _) in expression_attributes(body, &[]) {
                assert!(
                    body.is_char_boundary(start) && body.is_char_boundary(end),
                    "{body}"
                );
            }
        }
        assert_eq!(
            expression_attributes("<a b={'x\\'y'} c={f(1)}>", &[]),
            [(5, 13, "\"x&#39;y\"".to_string()), (13, 22, String::new())]
        );
    }

    #[test]
    fn magic_comments_in_each_languages_comments() {
        for (language, comment) in [
            ("js", "// highlight-next-line"),
            ("ts", "/* highlight-next-line */"),
            ("tsx", "{ /*highlight-next-line*/ }"),
            ("bash", "#highlight-next-line"),
            ("html", "<!-- highlight-next-line -->"),
            ("md", "<!-- highlight-next-line -->"),
            ("LaTeX", "% highlight-next-line"),
            ("haskell", "-- highlight-next-line"),
            ("sql", "/* highlight-next-line */"),
            ("wasm", ";; highlight-next-line"),
            ("vb", "\u{2019} highlight-next-line"),
            ("vbnet", "_ ' highlight-next-line"),
            ("batch", "REM highlight-next-line"),
            ("basic", "! highlight-next-line"),
            ("ocaml", "(* highlight-next-line *)"),
            ("fortran", "!highlight-next-line"),
            ("cobol", "*> highlight-next-line"),
            ("yaml", "# highlight-next-line"),
            ("text", "<!-- highlight-next-line -->"),
        ] {
            let code = format!("a\n  {comment}\t\nb\nc\n");
            assert_eq!(
                magic(language, &code),
                Some(("a\nb\nc\n".to_string(), vec![(2, 2)])),
                "{language}: {comment}"
            );
        }
        // Not a comment of the language, not alone on its line, or another word.
        for (language, line) in [
            ("python", "// highlight-next-line"),
            ("js", "# highlight-next-line"),
            ("js", "f(); // highlight-next-line"),
            ("batch", "REMARK highlight-next-line"),
            ("js", "// highlight-next-lines"),
            ("js", "// highlight-next-line */"),
        ] {
            assert_eq!(magic(language, &format!("a\n{line}\nb\n")), None, "{line}");
        }
    }

    #[test]
    fn runs_of_marked_lines_as_docusaurus_reads_them() {
        // A run; an end without a start marks from the first line; an empty run marks nothing;
        // a comment on the last line marks no line; CRLF line ends.
        let code = "a\r\n// highlight-start\r\nb\r\nc\r\n// highlight-end\r\nd\r\n";
        assert_eq!(
            magic("js", code),
            Some(("a\r\nb\r\nc\r\nd\r\n".into(), vec![(2, 3)]))
        );
        assert_eq!(
            magic("js", "a\nb\n// highlight-end\nc"),
            Some(("a\nb\nc".into(), vec![(1, 2)]))
        );
        assert_eq!(
            magic("js", "a\n// highlight-start\n// highlight-end\nb\n"),
            Some(("a\nb\n".into(), vec![]))
        );
        assert_eq!(
            magic("js", "a\n// highlight-next-line"),
            Some(("a\n".into(), vec![(2, 2)]))
        );
        assert_eq!(
            without_magic_comments("js", "// highlight-next-line\n", &[]),
            None
        );
    }

    #[test]
    fn a_configs_magic_comments_of_empty_text_are_none() {
        let mut warnings = Vec::new();
        let config = "module.exports = { themeConfig: { prism: { magicComments: [\n  \
                      {className: 'a', line: ''},\n  \
                      {className: 'b', line: 'x', block: {start: '', end: 'y'}},\n] } } };\n";
        let comments = magic_comments_setting(Path::new("c.js"), config, &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        let none = MagicComment {
            line: None,
            block: None,
        };
        let x = MagicComment {
            line: Some("x".into()),
            block: None,
        };
        assert_eq!(comments, [none, x]);
        assert_eq!(without_magic_comments("js", "//\na\n", &comments), None);
    }

    #[test]
    fn fences_types_and_titles() {
        let f = fence(":::tip[Read this **first**]").unwrap();
        assert_eq!(
            (f.colons, f.kind, f.title.as_deref()),
            (3, Some("tip"), Some("Read this **first**"))
        );
        let f = fence("::::danger Old style title").unwrap();
        assert_eq!(
            (f.colons, f.kind, f.title.as_deref()),
            (4, Some("danger"), Some("Old style title"))
        );
        let f = fence("  :::   ").unwrap();
        assert_eq!((f.colons, f.kind), (3, None));
        let f = fence("::: note {#id}").unwrap();
        assert_eq!((f.kind, f.title.as_deref()), (Some("note"), None));
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
    fn docs_settings_are_the_docs_plugins_not_the_blogs() {
        let config = "presets: [['classic', {\n  blog: { routeBasePath: 'news' },\n  \
                      // docs: { routeBasePath: 'old' },\n  \
                      'docs': {\n    sidebarPath: './sidebars.ts',\n    editUrl: {x: 1},\n    \
                      routeBasePath: '/handbook',\n  },\n}]]";
        assert_eq!(
            docs_setting(config, "routeBasePath").as_deref(),
            Some("/handbook")
        );
        assert_eq!(
            docs_setting(config, "sidebarPath").as_deref(),
            Some("./sidebars.ts")
        );
        assert_eq!(
            docs_setting("blog: { routeBasePath: 'news' }", "routeBasePath"),
            None
        );
        // A key, not a word ending in it (sidebarPath) or a string holding it.
        assert_eq!(docs_setting(config, "path"), None);
        let config = "docs: { editUrl: 'https://example.com/tree/main/path', 'path': '../docs' }";
        assert_eq!(docs_setting(config, "path").as_deref(), Some("../docs"));
    }

    #[test]
    fn query_string_names_its_parameter_or_takes_the_group() {
        assert_eq!(
            query_string(r#" groupId="os" queryString"#).as_deref(),
            Some("os")
        );
        assert_eq!(
            query_string(r#" groupId="os" queryString={true}"#).as_deref(),
            Some("os")
        );
        assert_eq!(
            query_string(r#" groupId="os" queryString="platform""#).as_deref(),
            Some("platform")
        );
        assert_eq!(query_string(r#" groupId="os" queryString={false}"#), None);
        assert_eq!(query_string(r#" groupId="os""#), None);
        // Bare, without a group: nothing to name it by.
        assert_eq!(query_string(" queryString"), None);
    }

    #[test]
    fn jsx_attributes_after_bare_ones_and_in_braces() {
        let args = r#" value="mac" default label="macOS""#;
        assert_eq!(jsx_attribute(args, "label").as_deref(), Some("macOS"));
        assert_eq!(jsx_attribute(args, "value").as_deref(), Some("mac"));
        let args = r#" value="win" attributes={{className: 'red'}} label={"Mac OS"}"#;
        assert_eq!(jsx_attribute(args, "label").as_deref(), Some("Mac OS"));
        assert_eq!(
            jsx_attribute(args, "attributes").as_deref(),
            Some("{className: 'red'}")
        );
        assert_eq!(
            jsx_attribute(" label={`Tpl str`}", "label").as_deref(),
            Some("Tpl str")
        );
        assert_eq!(jsx_attribute(" label={'unclosed", "label").as_deref(), None);
        assert_eq!(jsx_attribute(" default", "label").as_deref(), None);
        assert_eq!(jsx_attribute(" a=b label=c", "label").as_deref(), Some("c"));
        // A string literal's escapes are read; a quote of the other kind stays.
        assert_eq!(
            jsx_attribute(r#" label={'It\'s'}"#, "label").as_deref(),
            Some("It's")
        );
        assert_eq!(
            jsx_attribute(r#" label={"say \"hi\""} value='x'"#, "label").as_deref(),
            Some("say \"hi\"")
        );
        assert_eq!(
            jsx_attribute(r#" label={"a" + 'b'}"#, "label").as_deref(),
            Some(r#""a" + 'b'"#)
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
