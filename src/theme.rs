//! The theme: Tera templates and static assets, from `themes/<name>/` on disk or, for the
//! default theme, built into the binary; a handbook's own `templates/` overrides single templates.

use std::path::{Path, PathBuf};

use tera::Tera;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Position};
use crate::error::{Error, Result};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => { &[$(($name, include_str!(concat!("../themes/default/", $name)))),*] };
}

const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded!(
    "templates/base.html",
    "templates/macros.html",
    "templates/index.html",
    "templates/page.html",
    "templates/section.html",
    "templates/faq.html",
    "templates/taxonomy.html",
    "templates/print.html",
    "templates/redirect.html",
    "templates/404.html",
);

const DEFAULT_STATIC: &[(&str, &str)] = embedded!(
    "static/assets/handbook.css",
    "static/assets/handbook.js",
    "static/assets/search.js",
    "static/assets/handbook-icon.svg"
);

/// The site's icon, which a handbook's `static/` may replace (with an SVG of that name, or a
/// `favicon.svg`, `favicon.png` or `favicon.ico` at its top).
const ICON: &str = "assets/handbook-icon.svg";

pub struct Theme {
    pub tera: Tera,
    /// Files copied to the output as they are: (path below the output folder, bytes).
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Whether a template mentions the `nav` variable, so that pages need the sidebar as data
    /// and not only as `nav_html`.
    pub uses_nav_tree: bool,
    /// Whether a template mentions `toc`, so that pages need their contents as data and not
    /// only as `page.toc_html`.
    pub uses_toc_tree: bool,
    /// The `print.html` (the handbook's own, or its theme's) when no template mentions
    /// `parts`, as one that can list a print view's parts does ([`crate::print`]).
    pub print_without_parts: Option<PathBuf>,
    /// The templates simple enough to be written without Tera ([`crate::direct`]).
    pub direct: crate::render::DirectTemplates,
    /// The templates read from files (not built in), for the places of errors in them.
    files: Vec<TemplateSource>,
    /// What loading the theme noted that does not stop the build (an `@import` of another
    /// site's style sheet left out).
    pub warnings: Vec<Diagnostic>,
    /// The style sheets the handbook's own ones import, put in their place: the preview
    /// watches them too.
    pub imported_css: Vec<PathBuf>,
}

/// A template's name and text, with the file it came from (for error messages).
struct TemplateSource {
    name: String,
    text: String,
    path: PathBuf,
}

impl Theme {
    pub fn load(config: &Config) -> Result<Theme> {
        let theme_dir = config.root.join("themes").join(&config.build.theme);
        let mut templates: Vec<TemplateSource> = Vec::new();
        let mut static_files = Vec::new();
        if theme_dir.is_dir() {
            read_dir_files(&theme_dir.join("templates"), &mut |rel, path, bytes| {
                templates.push(TemplateSource {
                    name: rel,
                    text: String::from_utf8_lossy(&bytes).into_owned(),
                    path,
                });
            })?;
            read_dir_files(&theme_dir.join("static"), &mut |rel, _, bytes| {
                static_files.push((rel, bytes))
            })?;
        } else if config.build.theme == "default" {
            for (name, text) in DEFAULT_TEMPLATES {
                let name = name.trim_start_matches("templates/");
                templates.push(TemplateSource {
                    name: name.into(),
                    text: (*text).into(),
                    path: theme_dir.join("templates").join(name),
                });
            }
            for (name, text) in DEFAULT_STATIC {
                static_files.push((
                    name.trim_start_matches("static/").into(),
                    text.as_bytes().to_vec(),
                ));
            }
        } else {
            let settings = config.root.join(crate::config::FILE_NAME);
            let position = crate::config::value_position_in(&settings, &["build", "theme"]);
            return Err(Error::Handbook(vec![Diagnostic::error(
                "theme",
                settings,
                format!(
                    "the theme `{}` does not exist (no folder {})",
                    config.build.theme,
                    crate::diagnostic::display_path(&theme_dir)
                ),
            )
            .at_opt(position)
            .hint(
                "set [build] theme to \"default\", or create the theme's folder",
            )]));
        }
        if let Some(own) = config.own_templates() {
            read_dir_files(&own, &mut |rel, path, bytes| {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                match templates.iter_mut().find(|t| t.name == rel) {
                    Some(t) => {
                        *t = TemplateSource {
                            name: rel,
                            text,
                            path,
                        }
                    }
                    None => templates.push(TemplateSource {
                        name: rel,
                        text,
                        path,
                    }),
                }
            })?;
        }
        read_dir_files(&config.root.join("static"), &mut |rel, _, bytes| {
            // The handbook's own icon takes the theme's place (any other file of the theme's
            // is the theme's: a second one there is an error).
            match static_files
                .iter_mut()
                .find(|(path, _)| *path == rel && rel == ICON)
            {
                Some(theirs) => theirs.1 = bytes,
                None => static_files.push((rel, bytes)),
            }
        })?;
        let (warnings, imported_css) = add_extra_files(config, &mut static_files)?;
        // The theme's scripts show the interface's words in the handbook's language, and
        // search reads words as the index did.
        let text_rules = config.search_language().script();
        for (name, bytes) in &mut static_files {
            if name.ends_with(".js") {
                if let Some(patched) = config.ui.patch_script(bytes) {
                    *bytes = patched;
                }
            }
            if let (Some(rules), "assets/search.js") = (&text_rules, name.as_str()) {
                bytes.splice(0..0, rules.bytes());
            }
        }
        let mut tera = compile(&templates)?;
        let files: Vec<TemplateSource> = templates
            .iter()
            .filter(|t| t.path.is_file())
            .map(|t| TemplateSource {
                name: t.name.clone(),
                text: t.text.clone(),
                path: t.path.clone(),
            })
            .collect();
        let mut asset_urls = asset_urls(&static_files);
        // A favicon at the site's top (`static/favicon.ico`, as Hugo and Zola sites keep it)
        // is the icon the pages name.
        if let Some(url) = ["favicon.svg", "favicon.png", "favicon.ico"]
            .iter()
            .find_map(|name| asset_urls.get(*name).cloned())
        {
            asset_urls.insert(ICON.into(), url);
        }
        let direct = crate::render::direct_templates(&tera, &asset_urls);
        register_asset(&mut tera, asset_urls);
        let any = |test: &dyn Fn(&str) -> bool| templates.iter().any(|t| test(&t.text));
        // A template that dumps the whole context, or takes a page whole (`page | json_encode`),
        // may read any field without naming it.
        let dumps = any(&|t| mentions(t, "__tera_context"));
        let uses_nav_tree = dumps || any(&|t| mentions(t, "nav"));
        let uses_toc_tree =
            dumps || any(&|t| mentions(t, "toc")) || any(&|t| takes_whole(t, "page"));
        let print_without_parts = templates
            .iter()
            .find(|t| t.name == "print.html")
            .filter(|_| !dumps && !any(&|t| mentions(t, "parts")))
            .map(|t| t.path.clone());
        Ok(Theme {
            tera,
            static_files,
            uses_nav_tree,
            uses_toc_tree,
            print_without_parts,
            direct,
            files,
            warnings,
            imported_css,
        })
    }

    /// Where in the handbook's template files the failure Tera describes in `message` lies,
    /// as far as the message tells: Tera names the variable, function or file at fault and
    /// the template being rendered, but gives no line. The first place that names the most
    /// telling of them (the longest quoted name, then a function's call), in that template
    /// first, then in any other (a parent, an include).
    pub fn locate_error(&self, message: &str) -> Option<(&Path, Position)> {
        let quoted = |open: &str, close: char| -> Vec<String> {
            message
                .split(open)
                .skip(1)
                .filter_map(|rest| rest.split_once(close).map(|(name, _)| name.to_string()))
                .filter(|name| !name.is_empty() && !name.contains('\n'))
                .collect()
        };
        let rendering = quoted("while rendering '", '\'');
        // The names between backticks: every other piece of the message.
        let mut needles: Vec<String> = message
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|n| !n.trim().is_empty() && !self.files.iter().any(|t| t.name == *n))
            .map(str::to_string)
            .collect();
        needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
        needles.extend(
            quoted("Function call '", '\'')
                .into_iter()
                .map(|f| format!("{f}(")),
        );
        needles.extend(quoted("Filter call '", '\''));
        let mut order: Vec<&TemplateSource> = self
            .files
            .iter()
            .filter(|t| rendering.contains(&t.name))
            .collect();
        order.extend(self.files.iter().filter(|t| !rendering.contains(&t.name)));
        for needle in &needles {
            for template in &order {
                if let Some(offset) = find_in_tags(&template.text, needle) {
                    let position = crate::source::LineIndex::new(&template.text).position(offset);
                    return Some((template.path.as_path(), position));
                }
            }
        }
        None
    }
}

/// Where `needle` first occurs inside a Tera tag (`{{ }}`, `{% %}`) of `text`.
fn find_in_tags(text: &str, needle: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find(needle) {
        let at = from + found;
        let before = &text[..at];
        let open = before.rfind("{{").max(before.rfind("{%"));
        let close = before.rfind("}}").max(before.rfind("%}"));
        if open.is_some() && open > close {
            return Some(at);
        }
        from = at + needle.len();
    }
    None
}

/// Whether the variable `name` appears inside a Tera tag (`{{ ... }}` or `{% ... %}`) of
/// `text`: as a word, not as a macro's name (`macros::nav`, `macro nav(`). A mention in a
/// string counts too: that only costs a little speed.
fn mentions(text: &str, name: &str) -> bool {
    any_use(text, name, |_, _| true)
}

/// Whether a tag of `text` uses the variable `name` as a whole value rather than one of its
/// fields: `page | json_encode()`, `for k, v in page`, `x=page`, `set p = page`. Macro
/// definitions (`macro meta(page)`) and argument names (`page=`) do not count.
fn takes_whole(text: &str, name: &str) -> bool {
    any_use(text, name, |before, after| {
        let definition = before
            .trim_start_matches(['{', '%', '-'])
            .trim_start()
            .starts_with("macro ");
        let field = before.trim_end().ends_with('.');
        let next = after.trim_start().chars().next();
        !definition && !field && !matches!(next, Some('.' | '[' | '='))
    })
}

/// Whether `name` appears as a word inside a Tera tag of `text`, not as a macro's name, at a
/// place `accept(what precedes it in the tag, what follows it)` accepts.
fn any_use(text: &str, name: &str, accept: impl Fn(&str, &str) -> bool) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut rest = text;
    while let Some(open) = rest.find(['{']) {
        rest = &rest[open + 1..];
        let close = match rest.chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => continue,
        };
        let end = rest.find(close).unwrap_or(rest.len());
        let tag = &rest[..end];
        rest = &rest[end..];
        let mut from = 0;
        while let Some(i) = tag[from..].find(name) {
            let at = from + i;
            let before = tag[..at].chars().next_back();
            let after = &tag[at + name.len()..];
            let macro_name = tag[..at].ends_with("::") || tag[..at].ends_with("macro ");
            if !before.is_some_and(is_word)
                && !after.chars().next().is_some_and(is_word)
                && !macro_name
                && accept(&tag[..at], after)
            {
                return true;
            }
            from = at + name.len();
        }
    }
    false
}

/// Adds the handbook's own style sheets and scripts (`[html] extra_css`, `extra_js`) to the
/// end of the theme's (`assets/handbook.css`, `assets/handbook.js`): every page has them, the
/// print view too, with no request more, and a change to them changes the files' `?v=` hash.
/// Each file is added once. A file that cannot be read, lies outside the handbook's folder
/// (through `..` or a link) or in a hidden folder (`.git/config`, `.env`: never published), an
/// address of another site, or a theme without the file to add to, is an error at the
/// setting's line in the file that names it (book.toml, or the `mkdocs.yml` or mdBook setting
/// it came from). A style sheet's `@import`s are put in its place ([`inline_imports`]); those
/// of other sites' files are left out, each with a warning: the warnings are returned, with
/// the files imported.
fn add_extra_files(
    config: &Config,
    static_files: &mut [(String, Vec<u8>)],
) -> Result<(Vec<Diagnostic>, Vec<PathBuf>)> {
    // Where the setting was written, and under which name.
    let book_toml = config.root.join(crate::config::FILE_NAME);
    let (settings, css_key, js_key) = match &config.written_for {
        Some(crate::config::WrittenFor::MkDocs(site)) if !book_toml.is_file() => {
            (site.path.clone(), "extra_css", "extra_javascript")
        }
        Some(crate::config::WrittenFor::MdBook(_)) => (
            book_toml,
            "output.html.additional-css",
            "output.html.additional-js",
        ),
        _ => (book_toml, "[html] extra_css", "[html] extra_js"),
    };
    let settings_text = std::fs::read_to_string(&settings).unwrap_or_default();
    // The line of a setting: its last dotted part, at the start of a line.
    let key_position = |key: &str| {
        let name = key.rsplit(['.', ' ']).next().unwrap_or(key);
        settings_text
            .lines()
            .position(|l| l.trim_start().starts_with(name))
            .map(|i| Position::new(i + 1, 1))
    };
    let root = std::fs::canonicalize(&config.root).unwrap_or_else(|_| config.root.clone());
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    // The style sheets read, listed or imported: each is added once.
    let mut seen: Vec<PathBuf> = Vec::new();
    let published: Vec<PathBuf> = [config.content_dir(), config.root.join("static")]
        .into_iter()
        .map(|top| std::fs::canonicalize(&top).unwrap_or(top))
        .collect();
    for (key, files, target) in [
        (css_key, &config.html.extra_css, "assets/handbook.css"),
        (js_key, &config.html.extra_js, "assets/handbook.js"),
    ] {
        let mut added = std::collections::HashSet::new();
        for file in files {
            let problem = |message: String, hint: &str| {
                Diagnostic::error("config", &settings, format!("{key}: {message}"))
                    .at_opt(key_position(key))
                    .hint(hint.to_string())
            };
            if file.contains("://") || file.starts_with("//") {
                errors.push(problem(
                    format!(
                        "`{file}` is on another site, and the site loads nothing from elsewhere"
                    ),
                    "copy the file into the handbook's folder and name its path",
                ));
                continue;
            }
            let path = match std::fs::canonicalize(config.root.join(file)) {
                Ok(path) => path,
                Err(e) => {
                    errors.push(problem(
                        format!("`{file}` cannot be read: {e}"),
                        "give its path from the folder of the settings file",
                    ));
                    continue;
                }
            };
            let Ok(inside) = path.strip_prefix(&root) else {
                errors.push(problem(
                    format!("`{file}` is outside the handbook's folder"),
                    "copy it below the folder of the settings file, and name that copy",
                ));
                continue;
            };
            let hidden = inside
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            if hidden {
                errors.push(problem(
                    format!("`{file}` is in a hidden file or folder, which is never published"),
                    "move it out of the hidden folder",
                ));
                continue;
            }
            if !added.insert(path.clone()) {
                continue;
            }
            let bytes = match std::fs::read(&path) {
                Ok(bytes) => bytes,
                Err(e) => {
                    errors.push(problem(
                        format!("`{file}` cannot be read: {e}"),
                        "give its path from the folder of the settings file",
                    ));
                    continue;
                }
            };
            // A byte order mark in the middle of the theme's file would be read as text.
            let mut bytes = bytes
                .strip_prefix(b"\xef\xbb\xbf")
                .unwrap_or(&bytes)
                .to_vec();
            if target.ends_with(".css") {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                if !seen.contains(&path) {
                    seen.push(path.clone());
                }
                let mut imports = Imports {
                    root: &root,
                    published: &published,
                    seen: &mut seen,
                    warnings: &mut warnings,
                    errors: &mut errors,
                };
                bytes = imports.inline(&path, &text).into_bytes();
            }
            let Some((_, theme_file)) = static_files.iter_mut().find(|(rel, _)| rel == target)
            else {
                errors.push(problem(
                    format!("the theme has no `{target}` to add `{file}` to"),
                    "add the file to the theme's static folder, or load it in a template of your own",
                ));
                continue;
            };
            let separator: &[u8] = if target.ends_with(".js") {
                b"\n;\n"
            } else {
                b"\n"
            };
            theme_file.extend_from_slice(separator);
            theme_file.extend_from_slice(format!("/* {file} */\n").as_bytes());
            theme_file.extend_from_slice(&bytes);
        }
    }
    if errors.is_empty() {
        let listed: Vec<PathBuf> = config
            .html
            .extra_css
            .iter()
            .filter_map(|f| std::fs::canonicalize(config.root.join(f)).ok())
            .collect();
        seen.retain(|p| !listed.contains(p));
        Ok((warnings, seen))
    } else {
        errors.extend(warnings);
        Err(Error::Handbook(errors))
    }
}

/// How an extra style sheet's `@import`s are read: added to the theme's style sheet, an
/// `@import` would be ignored (browsers read one only before every other rule), so each is
/// replaced by the file it names (and its own imports), once for all the extra style sheets,
/// wrapped in the `@media`, `@supports` and `@layer` rules its import names. An import of
/// another site's file (a web font's style sheet) is left out, with a warning: the site loads
/// nothing from elsewhere. A file that cannot be read, or lies outside the handbook's folder or
/// in a hidden one, is an error at the `@import`. The `url()`s of a style sheet in a published
/// folder are rewritten to lead where they led from that sheet ([`rebase_urls`]).
struct Imports<'a> {
    root: &'a Path,
    /// Where `/`-absolute addresses and published files are: the site's top folders (the
    /// content folder, then `static/`).
    published: &'a [PathBuf],
    /// The files read, to read each once (and never go round in circles).
    seen: &'a mut Vec<PathBuf>,
    warnings: &'a mut Vec<Diagnostic>,
    errors: &'a mut Vec<Diagnostic>,
}

impl Imports<'_> {
    /// `text` (the style sheet at `path`) with its leading `@import`s replaced.
    fn inline(&mut self, path: &Path, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut done = 0;
        let lines = crate::source::LineIndex::new(text);
        for import in css_imports(text) {
            out.push_str(&rebase_urls(
                &text[done..import.start],
                path,
                self.published,
            ));
            done = import.end;
            let position = lines.position(import.start);
            let target = import.target.trim();
            if target.contains("://") || target.starts_with("//") || target.starts_with("data:") {
                self.warnings.push(
                    Diagnostic::warning(
                        "extra-css",
                        path,
                        format!(
                            "`@import` of `{target}` left out: the site loads nothing from \
                             another site"
                        ),
                    )
                    .at(position)
                    .hint(
                        "copy the style sheet (and its fonts) into the handbook's folder and \
                         import that copy, or remove the line",
                    ),
                );
                out.push_str(&format!(
                    "/* @import of {} left out */",
                    target.replace("*/", "")
                ));
                continue;
            }
            let folder = path.parent().unwrap_or(Path::new(""));
            let relative = target.split(['?', '#']).next().unwrap_or(target);
            let decoded = crate::links::percent_decode(relative);
            let file = match decoded.strip_prefix('/') {
                // From the site's top: the first of its top folders that has the file.
                Some(from_top) => self
                    .published
                    .iter()
                    .map(|top| top.join(from_top))
                    .find(|p| p.exists())
                    .unwrap_or_else(|| self.root.join(from_top)),
                None => folder.join(&decoded),
            };
            let error = |message: String| {
                Diagnostic::error("extra-css", path, message)
                    .at(position)
                    .hint(
                        "import a style sheet of the handbook's folder, by its path from this file",
                    )
            };
            let resolved = match std::fs::canonicalize(&file) {
                Ok(resolved) => resolved,
                Err(e) => {
                    self.errors.push(error(format!(
                        "`@import` of `{target}`: it cannot be read: {e}"
                    )));
                    continue;
                }
            };
            let inside = resolved.strip_prefix(self.root).ok().is_some_and(|inside| {
                !inside
                    .components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            });
            if !inside {
                self.errors.push(error(format!(
                    "`@import` of `{target}`: it is outside the handbook's folder, or in a \
                     hidden one"
                )));
                continue;
            }
            if self.seen.contains(&resolved) {
                continue;
            }
            self.seen.push(resolved.clone());
            match std::fs::read(&resolved) {
                Ok(bytes) => {
                    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
                    let imported = String::from_utf8_lossy(bytes).into_owned();
                    let inlined = self.inline(&resolved, &imported);
                    out.push_str(&format!("/* {} */\n", target.replace("*/", "")));
                    out.push_str(&import.wrap(&inlined));
                    out.push('\n');
                }
                Err(e) => self.errors.push(error(format!(
                    "`@import` of `{target}`: it cannot be read: {e}"
                ))),
            }
        }
        out.push_str(&rebase_urls(&text[done..], path, self.published));
        out
    }
}

/// `css` (a part of the style sheet at `sheet`) with each relative `url(...)` rewritten to lead,
/// from `assets/` where the theme's style sheet is, to where it led from `sheet`: when `sheet`
/// lies in one of the site's top folders (`published`), as MkDocs' `docs/css/extra.css`. Other
/// sheets' addresses are left as written, read from `assets/`.
fn rebase_urls(css: &str, sheet: &Path, published: &[PathBuf]) -> String {
    let folder = sheet.parent().unwrap_or(Path::new(""));
    // (`published` and `sheet` are canonical paths.)
    let Some(site_folder) = published
        .iter()
        .find_map(|top| folder.strip_prefix(top).ok().map(Path::to_path_buf))
    else {
        return css.to_string();
    };
    let site_folder: Vec<String> = site_folder
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = find_ignore_case(rest, "url(") {
        out.push_str(&rest[..at + 4]);
        rest = &rest[at + 4..];
        let inner_start = rest.len() - rest.trim_start().len();
        let quote = rest[inner_start..]
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'');
        let value_start = inner_start + quote.map_or(0, char::len_utf8);
        let value_end = match quote {
            Some(q) => rest[value_start..].find(q).map(|e| value_start + e),
            None => rest[value_start..].find(')').map(|e| value_start + e),
        };
        let Some(value_end) = value_end else {
            break;
        };
        let value = rest[value_start..value_end].trim();
        out.push_str(&rest[..value_start]);
        let relative = !value.is_empty()
            && !value.starts_with(['/', '#'])
            && !value.contains(':')
            && !value.starts_with("//");
        if relative {
            // From `assets/`: up to the top, then down to the sheet's folder, then the address.
            let mut parts: Vec<String> = site_folder.clone();
            for part in value.split('/') {
                match part {
                    "." => {}
                    ".." => {
                        parts.pop();
                    }
                    other => parts.push(other.to_string()),
                }
            }
            out.push_str("../");
            out.push_str(&parts.join("/"));
        } else {
            out.push_str(&rest[value_start..value_end]);
        }
        rest = &rest[value_end..];
    }
    out.push_str(rest);
    out
}

/// The byte offset of `needle` (ASCII) in `haystack`, whatever the case.
fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// An `@import` rule of a style sheet: where it lies (from `@` to its `;`), the address it
/// names and what follows that (`layer(...)`, `supports(...)`, media queries).
#[derive(Debug, PartialEq)]
struct CssImport {
    start: usize,
    end: usize,
    target: String,
    conditions: String,
}

impl CssImport {
    /// The imported rules in the rules its conditions make (`@media print { ... }`,
    /// `@supports (display: grid) { ... }`, `@layer base { ... }`), as the import applied them.
    fn wrap(&self, css: &str) -> String {
        let mut rest = self.conditions.trim();
        let mut layer = None;
        let mut supports = None;
        if let Some(after) = strip_prefix_ignore_case(rest, "layer") {
            if let Some(inner) = after.strip_prefix('(') {
                let close = inner.find(')').unwrap_or(inner.len());
                layer = Some(inner[..close].trim().to_string());
                rest = inner.get(close + 1..).unwrap_or("").trim_start();
            } else if after.is_empty() || after.starts_with(char::is_whitespace) {
                layer = Some(String::new());
                rest = after.trim_start();
            }
        }
        if let Some(inner) = strip_prefix_ignore_case(rest, "supports(") {
            // Up to its matching parenthesis.
            let mut depth = 1usize;
            let close = inner
                .char_indices()
                .find(|&(_, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map_or(inner.len(), |(i, _)| i);
            let condition = inner[..close].trim();
            // `supports(display: grid)` is a declaration, `supports(selector(a))` a condition.
            supports = Some(if condition.contains(':') && !condition.starts_with('(') {
                format!("({condition})")
            } else {
                condition.to_string()
            });
            rest = inner.get(close + 1..).unwrap_or("").trim_start();
        }
        let media = rest.trim();
        let mut css = css.to_string();
        if !media.is_empty() {
            css = format!("@media {media} {{\n{css}\n}}");
        }
        if let Some(condition) = supports {
            css = format!("@supports {condition} {{\n{css}\n}}");
        }
        if let Some(name) = layer {
            let name = if name.is_empty() {
                String::new()
            } else {
                format!("{name} ")
            };
            css = format!("@layer {name}{{\n{css}\n}}");
        }
        css
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    text.get(..prefix.len())
        .filter(|start| start.eq_ignore_ascii_case(prefix))
        .map(|_| &text[prefix.len()..])
}

/// The `@import` rules a style sheet begins with (after `@charset`, `@layer` statements and
/// comments), where browsers read them.
fn css_imports(text: &str) -> Vec<CssImport> {
    let bytes = text.as_bytes();
    let mut imports = Vec::new();
    let mut i = 0;
    loop {
        // Blanks and comments.
        loop {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if text[i..].starts_with("/*") {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(text.len(), |end| i + 2 + end + 2);
            } else if text[i..].starts_with("<!--") {
                i += 4;
            } else if text[i..].starts_with("-->") {
                i += 3;
            } else {
                break;
            }
        }
        let rest = &text[i..];
        let at = |name: &str| {
            strip_prefix_ignore_case(rest, name).is_some_and(|after| {
                after.chars().next().is_some_and(|c| {
                    c.is_whitespace() || c == '"' || c == '\'' || c == 'u' || c == 'U'
                })
            })
        };
        let Some(end) = statement_end(text, i) else {
            break;
        };
        if at("@import") {
            let inner = without_css_comments(&text[i + "@import".len()..end]);
            let (target, conditions) = import_target(inner.trim());
            imports.push(CssImport {
                start: i,
                end: (end + 1).min(text.len()),
                target,
                conditions,
            });
        } else if !(at("@charset") || (at("@layer") && !text[i..end].contains('{'))) {
            break;
        }
        i = (end + 1).min(text.len());
    }
    imports
}

/// Where the statement starting at `start` ends: its `;` outside quotes, comments and
/// parentheses, or the end of the text; none when a `{` (a rule) comes first, or nothing does.
fn statement_end(text: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    let mut depth = 0usize;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(_), _) => {}
            (None, '/') if chars.peek().is_some_and(|&(_, n)| n == '*') => {
                // A comment, to its end.
                let after = start + k + 2;
                match text[after..].find("*/") {
                    Some(e) => {
                        let stop = after + e + 2;
                        while chars.peek().is_some_and(|&(n, _)| start + n < stop) {
                            chars.next();
                        }
                    }
                    None => return None,
                }
            }
            (None, '"' | '\'') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth = depth.saturating_sub(1),
            (None, ';') if depth == 0 => return Some(start + k),
            (None, '{') if depth == 0 => return None,
            _ => {}
        }
    }
    // The end of the sheet ends the last statement.
    (!text[start..].trim().is_empty()).then_some(text.len())
}

/// `text` without its `/* ... */` comments.
fn without_css_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("/*") {
        out.push_str(&rest[..open]);
        rest = rest[open + 2..]
            .find("*/")
            .map_or("", |close| &rest[open + 2 + close + 2..]);
        out.push(' ');
    }
    out.push_str(rest);
    out
}

/// An `@import`'s address (`url(a.css)`, `url("a.css")` or `"a.css"`) and what follows it.
fn import_target(inner: &str) -> (String, String) {
    if let Some(after) = strip_prefix_ignore_case(inner, "url(") {
        let after_blank = after.trim_start();
        if let Some(q @ ('"' | '\'')) = after_blank.chars().next() {
            // `url("a).css")`: to the closing quote, then the parenthesis.
            let value = &after_blank[1..];
            let close = value.find(q).unwrap_or(value.len());
            let rest = value.get(close + 1..).unwrap_or("");
            let rest = rest.trim_start().strip_prefix(')').unwrap_or(rest);
            return (value[..close].to_string(), rest.to_string());
        }
        let close = after.find(')').unwrap_or(after.len());
        return (
            after[..close].trim().to_string(),
            after.get(close + 1..).unwrap_or("").to_string(),
        );
    }
    if let Some(q @ ('"' | '\'')) = inner.chars().next() {
        let value = &inner[1..];
        let close = value.find(q).unwrap_or(value.len());
        return (
            value[..close].to_string(),
            value.get(close + 1..).unwrap_or("").to_string(),
        );
    }
    let target = inner.split_whitespace().next().unwrap_or("").to_string();
    let rest = inner[target.len()..].to_string();
    (target, rest)
}

/// `asset(path="assets/handbook.css")`: the path of a static file (the theme's or the
/// handbook's own) with `?v=` and a hash of its contents, to write after `root`. A browser that
/// cached the file fetches it again when it changes, instead of showing a new page with an old
/// stylesheet or script; from `file://` the query is ignored.
fn register_asset(tera: &mut Tera, urls: std::collections::HashMap<String, String>) {
    tera.register_function(
        "asset",
        move |args: &std::collections::HashMap<String, tera::Value>| {
            let path = args
                .get("path")
                .and_then(tera::Value::as_str)
                .ok_or_else(|| {
                    tera::Error::msg(
                        "`asset` needs the file's path below the site root as a string: \
                     asset(path=\"assets/handbook.css\")",
                    )
                })?;
            let url = urls.get(path).ok_or_else(|| {
                tera::Error::msg(format!(
                    "`asset`: there is no static file `{path}` in the theme or in the \
                     handbook's static/ folder"
                ))
            })?;
            Ok(tera::Value::String(url.clone()))
        },
    );
}

/// Each static file's path with `?v=` and a hash of its contents (see [`register_asset`]).
fn asset_urls(static_files: &[(String, Vec<u8>)]) -> std::collections::HashMap<String, String> {
    use std::hash::Hasher;
    static_files
        .iter()
        .map(|(path, bytes)| {
            let mut hasher = rustc_hash::FxHasher::default();
            hasher.write(bytes);
            let hash = hasher.finish() >> 24;
            (path.clone(), format!("{path}?v={hash:010x}"))
        })
        .collect()
}

/// How deep macros may call each other: a theme's sidebar recursion goes as deep as its
/// sections nest, far below this; a macro that calls itself without end would otherwise
/// overflow the stack and kill the build.
pub const MACRO_DEPTH: usize = 100;

thread_local! {
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Called before each render on its thread: a failed render may have left the count up.
pub fn reset_macro_depth() {
    DEPTH.with(|d| d.set(0));
}

/// Counts every macro's calls: `{{ __hb_enter() }}` and `{{ __hb_leave() }}` open and close
/// each macro's body (see [`guard_macros`]).
fn register_depth_guard(tera: &mut Tera) {
    tera.register_function(
        "__hb_enter",
        |_: &std::collections::HashMap<String, tera::Value>| {
            let depth = DEPTH.with(|d| {
                d.set(d.get() + 1);
                d.get()
            });
            if depth > MACRO_DEPTH {
                return Err(tera::Error::msg(format!(
                    "macros called each other more than {MACRO_DEPTH} levels deep: a macro that \
                 calls itself needs a condition that ends it"
                )));
            }
            Ok(tera::Value::String(String::new()))
        },
    );
    tera.register_function(
        "__hb_leave",
        |_: &std::collections::HashMap<String, tera::Value>| {
            DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
            Ok(tera::Value::String(String::new()))
        },
    );
}

/// Opens each `{% macro %}` body with `{{ __hb_enter() }}` and closes it with
/// `{{ __hb_leave() }}`, keeping the tags' whitespace control and the template's lines.
fn guard_macros(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        let Some(len) = rest[start..].find("%}").map(|e| e + 2) else {
            break;
        };
        let tag = &rest[start..start + len];
        let words: Vec<&str> = tag
            .trim_start_matches("{%")
            .trim_end_matches("%}")
            .trim_matches(|c: char| c == '-' || c.is_whitespace())
            .split_whitespace()
            .collect();
        let trim_after = tag.ends_with("-%}");
        let trim_before = tag.starts_with("{%-");
        match words.first() {
            Some(&"macro") => {
                out.push_str(&rest[..start + len]);
                out.push_str(if trim_after {
                    "{{- __hb_enter() -}}"
                } else {
                    "{{ __hb_enter() }}"
                });
            }
            Some(&"endmacro") => {
                out.push_str(&rest[..start]);
                out.push_str(if trim_before {
                    "{{- __hb_leave() -}}"
                } else {
                    "{{ __hb_leave() }}"
                });
                out.push_str(tag);
            }
            _ => out.push_str(&rest[..start + len]),
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// The most numbers `range()` gives a template: Tera's own would build a list of any length
/// (`range(end=1000000000)` took all the memory) and panicked on `step_by=0`.
pub const MAX_RANGE: usize = 100_000;

/// `range(end, start=0, step_by=1)`, as Tera's, within [`MAX_RANGE`].
fn range(args: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let number = |name: &str, default: Option<usize>| -> tera::Result<usize> {
        match args.get(name) {
            Some(value) => value.as_u64().map(|n| n as usize).ok_or_else(|| {
                tera::Error::msg(format!(
                    "`range` needs a whole number for `{name}`, not {value}"
                ))
            }),
            None => default.ok_or_else(|| tera::Error::msg("`range` needs `end`")),
        }
    };
    let (start, end, step) = (
        number("start", Some(0))?,
        number("end", None)?,
        number("step_by", Some(1))?,
    );
    if step == 0 {
        return Err(tera::Error::msg("`range` needs a `step_by` above 0"));
    }
    let count = end.saturating_sub(start).div_ceil(step);
    if count > MAX_RANGE {
        return Err(tera::Error::msg(format!(
            "`range` would give {count} numbers; a template may loop over at most {MAX_RANGE}"
        )));
    }
    Ok(tera::Value::Array(
        (start..end).step_by(step).map(tera::Value::from).collect(),
    ))
}

fn compile(templates: &[TemplateSource]) -> Result<Tera> {
    let mut tera = Tera::default();
    register_depth_guard(&mut tera);
    tera.register_function("range", range);
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's own escaping also rewrites `/`, which bloats every href for no safety gain.
    tera.set_escape_fn(crate::markdown::escape);
    let guarded: Vec<String> = templates.iter().map(|t| guard_macros(&t.text)).collect();
    let pairs: Vec<(&str, &str)> = templates
        .iter()
        .zip(&guarded)
        .map(|(t, text)| (t.name.as_str(), text.as_str()))
        .collect();
    tera.add_raw_templates(pairs)
        .map_err(|e| Error::Handbook(vec![template_diagnostic(&e, templates)]))?;
    Ok(tera)
}

/// Turns a Tera error into a diagnostic naming the template's file and, for a syntax error,
/// its line and column.
fn template_diagnostic(e: &tera::Error, templates: &[TemplateSource]) -> Diagnostic {
    let chain = error_chain(e);
    let template = templates
        .iter()
        .find(|t| chain.contains(&format!("'{}'", t.name)));
    let path = template.map_or_else(|| PathBuf::from("templates"), |t| t.path.clone());
    let position = chain.find("--> ").and_then(|i| {
        let rest = &chain[i + 4..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ':'))
            .unwrap_or(rest.len());
        let (line, column) = rest[..end].split_once(':')?;
        Some(Position::new(line.parse().ok()?, column.parse().ok()?))
    });
    let message = chain
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Diagnostic::error("template", path, format!("template error: {message}"))
        .at_opt(position)
        .hint("fix the template's Tera syntax, or remove the override to use the theme's template")
}

pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push('\n');
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// Calls `f(relative path, path, bytes)` for every file below `dir` (none when it is missing).
fn read_dir_files(dir: &Path, f: &mut dyn FnMut(String, PathBuf, Vec<u8>)) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(dir, e.into()))?;
        if !entry.file_type().is_file()
            || crate::source::is_ignored(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        f(rel, entry.into_path(), bytes);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{css_imports, mentions, rebase_urls, takes_whole, DEFAULT_TEMPLATES};

    /// (target, conditions) of each leading `@import`.
    fn imports(css: &str) -> Vec<(String, String)> {
        css_imports(css)
            .into_iter()
            .map(|i| (i.target, i.conditions.trim().to_string()))
            .collect()
    }

    #[test]
    fn leading_imports_are_read_as_browsers_read_them() {
        let pair = |t: &str, c: &str| (t.to_string(), c.to_string());
        assert_eq!(
            imports("@charset \"utf-8\";\n/* a ; b */ @import url(a.css);@import 'b.css' print;\n"),
            [pair("a.css", ""), pair("b.css", "print")]
        );
        // A quoted url() holding `)`, a comment with an apostrophe, the sheet's end for `;`.
        assert_eq!(
            imports("@import url(\"x).css\") screen;\n@import \"c.css\" /* don't */;\n@import \"d.css\""),
            [pair("x).css", "screen"), pair("c.css", ""), pair("d.css", "")]
        );
        // After a rule: not read, as browsers do not.
        assert_eq!(imports("body { a: b }\n@import \"late.css\";"), []);
        // Not ASCII, and no panic.
        assert_eq!(imports("@import xy€;"), [pair("xy€", "")]);
        assert_eq!(imports("@import 日本.css;"), [pair("日本.css", "")]);
        // Conditions wrap the rules in the same order the import applies them.
        let wrapped = css_imports("@import url(a.css) layer(base) supports(display: grid) print;")
            .remove(0)
            .wrap("p{}");
        assert_eq!(
            wrapped,
            "@layer base {\n@supports (display: grid) {\n@media print {\np{}\n}\n}\n}"
        );
    }

    #[test]
    fn addresses_in_a_published_sheet_lead_where_they_led() {
        let dir = std::env::temp_dir().join(format!("hb-rebase-{}", std::process::id()));
        let top = dir.join("docs");
        std::fs::create_dir_all(top.join("css/fonts")).unwrap();
        let top = std::fs::canonicalize(&top).unwrap();
        let sheet = top.join("css/fonts/fonts.css");
        let css = "@font-face { src: url(inter.woff2), url('../../img/a.png'), url(/abs.png), url(data:x) }";
        assert_eq!(
            rebase_urls(css, &sheet, std::slice::from_ref(&top)),
            "@font-face { src: url(../css/fonts/inter.woff2), url('../img/a.png'), url(/abs.png), url(data:x) }"
        );
        // A sheet outside the published folders is left as written.
        assert_eq!(rebase_urls(css, &dir.join("brand.css"), &[top]), css);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn finds_a_page_taken_whole() {
        for whole in [
            "{{ page | json_encode() | safe }}",
            "{% for k, v in page %}",
            "{{ macros::x(p=page) }}",
            "{% set p = page %}",
            "{{page}}",
        ] {
            assert!(takes_whole(whole, "page"), "{whole}");
        }
        for field in [
            "{{ page.title }}",
            "{{ page[\"title\"] }}",
            "{{ macros::meta(page=page.x) }}",
            "{% macro meta(page) %}",
            "{{ x.page }}",
            "{% for p in pages %}",
            "<p aria-current=\"page\">{{ title }}</p>",
        ] {
            assert!(!takes_whole(field, "page"), "{field}");
        }
        // The default theme names the fields it reads: its pages need no data it doesn't use.
        for (name, text) in DEFAULT_TEMPLATES {
            assert!(!takes_whole(text, "page"), "{name}");
            assert!(!mentions(text, "toc"), "{name}");
            assert!(!mentions(text, "__tera_context"), "{name}");
        }
    }

    #[test]
    fn finds_a_variable_only_inside_tera_tags() {
        assert!(mentions("{{ macros::nav(items=nav) }}", "nav"));
        assert!(mentions("{% for item in nav %}", "nav"));
        assert!(!mentions(
            "<nav class=\"x\">{{ nav_html | safe }}</nav>",
            "nav"
        ));
        assert!(!mentions("{{ page.navigation }} {# a comment #}", "nav"));
        assert!(!mentions("{ nav }", "nav"));
        assert!(mentions("{{ macros::toc(entries=page.toc) }}", "toc"));
        let default_macros = include_str!("../themes/default/templates/macros.html");
        assert!(!mentions(default_macros, "nav"));
    }

    #[test]
    fn macro_bodies_are_guarded_keeping_whitespace_control_and_lines() {
        use super::guard_macros;
        assert_eq!(
            guard_macros("{% macro a(x) -%}\n<b>{{ x }}</b>\n{%- endmacro a %}\n{% if y %}z{% endif %}"),
            "{% macro a(x) -%}{{- __hb_enter() -}}\n<b>{{ x }}</b>\n{{- __hb_leave() -}}{%- endmacro a %}\n{% if y %}z{% endif %}"
        );
        assert_eq!(
            guard_macros("{% macro b() %} {% endmacro %}"),
            "{% macro b() %}{{ __hb_enter() }} {{ __hb_leave() }}{% endmacro %}"
        );
        assert_eq!(guard_macros("no tags {% broken"), "no tags {% broken");
    }
}
