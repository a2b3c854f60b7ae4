//! Sites written for Hugo or Zola: their settings file is read for what handbook has a use
//! for (the site's title and description, the content and output folders), and Hugo's
//! shortcodes are shown as what they stand for: callouts (`alert`, `notice`, `hint`, `note`,
//! `admonition`...), `details`, `tabs`, `highlight` as a code block, `figure`, `ref` and
//! `relref` as links to the page, videos and gists as links, `param` as the front matter value.
//! Zola's shortcodes are templates of the site's own: each is a warning, shown as written.
//! Hugo's build options (`build`, `headless`, `cascade`) decide which pages are written and
//! listed ([`build_options`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Position};
use crate::expand::{inside, literal_ranges, misread_html_all};
use crate::markdown::{callout_start, details_start, escape, tab_start, TABS_START};
use crate::page::{ParsedPage, Splice};
use crate::source::LineIndex;
use crate::ui::{Text, Ui};

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

    /// The front matter key that gives a page its URL from the site's top.
    pub fn url_key(self) -> &'static str {
        match self {
            Tool::Hugo => "url",
            Tool::Zola => "path",
        }
    }
}

/// What handbook keeps of a Hugo or Zola site's settings.
#[derive(Debug, Clone)]
pub struct Site {
    pub tool: Tool,
    /// The settings file, for messages.
    pub path: PathBuf,
    /// Hugo's site parameters (`[params]`), for the `param` shortcode.
    pub params: serde_json::Value,
    /// Emoji shortcodes are shown as emoji: Hugo's `enableEmoji`, Zola's
    /// `[markdown] render_emoji`.
    pub emoji: bool,
    /// `Term` then `: Definition` lines are a definition list: Hugo's default (Goldmark's
    /// `definitionList`, unless set to false); not in Zola.
    pub definition_lists: bool,
    /// Goldmark's `parser.autoDefinitionTermID`: each definition term gets an id.
    pub term_ids: bool,
    /// Quotes and dashes are typographic: Goldmark's `typographer` (on unless disabled),
    /// Zola's `[markdown] smart_punctuation` (off unless set).
    pub smart_punctuation: bool,
    /// Goldmark's `passthrough` is on: TeX math, with `$…$` inline if its delimiters list it
    /// ([`crate::math::Syntax::Hugo`]).
    pub math: Option<crate::math::Syntax>,
    /// Hugo's `[markup.highlight] lineNos = true`: every block's lines are numbered.
    pub line_numbers: bool,
    /// The site's own `cascade` (settings file): front matter for every page, read for
    /// [`build_options`].
    pub cascade: serde_json::Value,
    /// A broken internal link the tool checks fails its build: always Hugo's `ref`; Zola's
    /// `@/` links unless `[link_checker] internal_level = "warn"`.
    pub internal_links_fail: bool,
    /// Hugo's `disableAliases = true`: no redirect pages for the pages' `aliases` (the site's
    /// server redirects them), so none is written and none can collide.
    pub disable_aliases: bool,
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

/// Whether a line of a page holds a `ref` or `relref` shortcode (`{{< ref "x.md" >}}`).
pub fn has_ref(line: &str) -> bool {
    ["{{<", "{{%"].iter().any(|open| {
        line.split(open).skip(1).any(|rest| {
            let name = rest.trim_start();
            name.starts_with("ref ") || name.starts_with("relref ")
        })
    })
}

/// Every name a settings file may have, below a site's folder (the preview watches them).
pub fn file_names() -> impl Iterator<Item = &'static str> {
    OWN_FILES
        .iter()
        .map(|(name, _)| *name)
        .chain(SHARED_FILES.iter().copied())
}

/// The Hugo or Zola settings file of `dir`, and its tool. With `shared`, also a file whose
/// name other projects use too (`config.toml`...), when a `content/` folder is beside it or it
/// names Hugo's `contentDir`; a folder with a `book.toml` is looked at without (its handbook
/// is the one that file describes).
pub fn file_in(dir: &Path, shared: bool) -> Option<(PathBuf, Tool)> {
    if let Some((path, tool)) = OWN_FILES
        .iter()
        .map(|(name, tool)| (dir.join(name), *tool))
        .find(|(path, _)| path.is_file())
    {
        return Some((path, tool));
    }
    let path = SHARED_FILES
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.is_file())?;
    let text = std::fs::read_to_string(&path).ok()?;
    let lower = text.to_ascii_lowercase();
    if !dir.join("content").is_dir() && !lower.contains("contentdir") {
        return None;
    }
    // Beside a book.toml, only a file that is surely Hugo's or Zola's (its `baseURL`, or
    // `base_url`) is read: a `config.toml` is a common name.
    let surely = |l: &str| {
        let l = l.trim_start();
        l.starts_with("baseurl") || l.starts_with("base_url")
    };
    if !shared && !lower.lines().any(surely) {
        return None;
    }
    let zola = path.file_name().is_some_and(|n| n == "config.toml")
        && path.parent() == Some(dir)
        && text
            .lines()
            .any(|l| l.trim_start().starts_with("base_url") && l.contains('='));
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

/// Reads the Hugo or Zola settings of the site in `dir`, if it is one (`shared`: as in
/// [`file_in`]).
pub fn read(dir: &Path, shared: bool) -> Result<Option<Read>, Diagnostic> {
    let Some((path, tool)) = file_in(dir, shared) else {
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
    // A site in several languages: the default language's folder and title.
    let language = get("languages").and_then(|languages| {
        let languages = languages.as_object()?;
        let default = text_of(get("defaultContentLanguage")).unwrap_or_else(|| "en".into());
        languages
            .get(&default)
            .or_else(|| languages.values().next())
    });
    let title = text_of(language.and_then(|l| l.get("title")))
        .or_else(|| text_of(get("title")))
        .unwrap_or_else(|| crate::gitbook::folder_name(dir));
    // Site parameters: `[params]`, or a `params` file in a settings folder.
    // In a settings folder, a file named after a key holds that key's settings.
    let folder = path.parent().filter(|p| p.ends_with("_default"));
    let in_file = |key: &str| -> Result<Option<(serde_json::Value, PathBuf)>, Diagnostic> {
        let Some(folder) = folder else {
            return Ok(None);
        };
        for extension in ["toml", "yaml", "yml", "json"] {
            let file = folder.join(format!("{key}.{extension}"));
            if let Ok(text) = std::fs::read_to_string(&file) {
                return parse_settings(&text, &file).map(|value| Some((value, file)));
            }
        }
        Ok(None)
    };
    let in_folder = |key: &str| Ok::<_, Diagnostic>(in_file(key)?.map(|(value, _)| value));
    let mut params = get("params").cloned().unwrap_or_default();
    if let Some(from_file) = in_folder("params")? {
        params = from_file;
    }
    let markup = match in_folder("markup")? {
        Some(from_file) => Some(from_file),
        None => get("markup").cloned(),
    };
    let description = match tool {
        Tool::Zola => text_of(get("description")),
        Tool::Hugo => text_of(params.get("description")),
    };
    // `[[module.mounts]]`: a mount into `content` replaces `contentDir`, as in Hugo.
    let module = match in_file("module")? {
        Some((from_file, file)) => Some((from_file, file)),
        None => get("module").cloned().map(|module| (module, path.clone())),
    };
    let default_language = text_of(get("defaultContentLanguage")).unwrap_or_else(|| "en".into());
    let (mounted, mount_warning) = match (tool, &module) {
        (Tool::Hugo, Some((module, file))) => content_mount(module, &default_language, file),
        _ => (None, None),
    };
    let (content, dest) = match tool {
        Tool::Hugo => (
            mounted
                .or_else(|| text_of(get("contentDir")))
                .or_else(|| text_of(language.and_then(|l| l.get("contentDir"))))
                .unwrap_or_else(|| "content".into()),
            text_of(get("publishDir")).unwrap_or_else(|| "public".into()),
        ),
        Tool::Zola => (
            "content".to_string(),
            text_of(get("output_dir")).unwrap_or_else(|| "public".into()),
        ),
    };
    // The other languages' folders, which are other sites: said once.
    let languages_warning = match (tool, get("languages").and_then(|l| l.as_object())) {
        (Tool::Hugo, Some(languages)) => {
            let others: Vec<String> = languages
                .iter()
                .filter(|(code, _)| **code != default_language)
                .filter_map(|(code, settings)| {
                    let folder = text_of(settings.get("contentDir"))?;
                    (folder != content).then(|| format!("`{code}` ({folder})"))
                })
                .collect();
            (!others.is_empty()).then(|| {
                Diagnostic::warning(
                    "hugo-languages",
                    &path,
                    format!(
                        "handbook builds the site in one language, `{default_language}` (its pages \
                         in {content}); the other languages' pages are left out: {}",
                        others.join(", ")
                    ),
                )
                .hint(
                    "build another language as a handbook of its own: a book.toml with [build] \
                     content set to its folder and [book] language to its code",
                )
            })
        }
        _ => None,
    };
    let emoji = match tool {
        Tool::Hugo => get("enableEmoji"),
        Tool::Zola => get("markdown").and_then(|m| m.get("render_emoji")),
    }
    .and_then(serde_json::Value::as_bool)
    .unwrap_or(false);
    // Hugo's keys are read whatever their case.
    fn within<'v>(value: &'v serde_json::Value, key: &str) -> Option<&'v serde_json::Value> {
        value
            .as_object()?
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    }
    let extensions = markup
        .as_ref()
        .and_then(|m| within(m, "goldmark"))
        .and_then(|g| within(g, "extensions"))
        .filter(|_| tool == Tool::Hugo);
    let line_numbers = tool == Tool::Hugo
        && markup
            .as_ref()
            .and_then(|m| within(m, "highlight"))
            .and_then(|h| within(h, "lineNos"))
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
    let definition_lists = tool == Tool::Hugo
        && extensions
            .and_then(|e| within(e, "definitionList"))
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(true);
    let term_ids = definition_lists
        && markup
            .as_ref()
            .and_then(|m| within(m, "goldmark"))
            .and_then(|g| within(g, "parser"))
            .and_then(|p| within(p, "autoDefinitionTermID"))
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
    let smart_punctuation = match tool {
        Tool::Hugo => match extensions.and_then(|e| within(e, "typographer")) {
            Some(serde_json::Value::Bool(on)) => *on,
            Some(table) => {
                within(table, "disable").and_then(serde_json::Value::as_bool) != Some(true)
            }
            None => true,
        },
        Tool::Zola => get("markdown")
            .and_then(|m| m.get("smart_punctuation"))
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false),
    };
    let passthrough = extensions
        .and_then(|e| within(e, "passthrough"))
        .filter(|p| within(p, "enable").and_then(serde_json::Value::as_bool) == Some(true));
    let math = passthrough.and_then(|p| {
        // `inline = [['\(', '\)'], ['$', '$']]`: whether a pair is among a kind's.
        let listed = |kind: &str, open: &str, close: &str| {
            within(p, "delimiters")
                .and_then(|d| within(d, kind))
                .and_then(serde_json::Value::as_array)
                .is_some_and(|pairs| {
                    pairs.iter().any(|pair| {
                        pair.as_array()
                            .is_some_and(|p| p.len() == 2 && p[0] == open && p[1] == close)
                    })
                })
        };
        let delimiters = crate::math::HugoDelimiters {
            round: listed("inline", "\\(", "\\)"),
            dollar: listed("inline", "$", "$"),
            square: listed("block", "\\[", "\\]"),
            double_dollar: listed("block", "$$", "$$"),
        };
        // Hugo's default lists none.
        (delimiters != crate::math::HugoDelimiters::default())
            .then_some(crate::math::Syntax::Hugo(delimiters))
    });
    // The site's language: Hugo's `languageCode` (the default language's, or the site's), else
    // its `defaultContentLanguage`; Zola's `default_language`.
    let site_language = match tool {
        Tool::Hugo => text_of(language.and_then(|l| l.get("languageCode")))
            .or_else(|| text_of(get("languageCode")))
            .or_else(|| text_of(get("defaultContentLanguage"))),
        Tool::Zola => text_of(get("default_language")),
    };
    let mut settings = crate::config::borrowed_settings(
        &title,
        description.as_deref(),
        site_language.as_deref(),
        &content,
        &dest,
    );
    // Zola's `ignored_content`: patterns of files below the content folder.
    if tool == Tool::Zola {
        let patterns = get("ignored_content")
            .and_then(serde_json::Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|item| Some(item.as_str()?.to_string()))
                    .collect()
            })
            .unwrap_or_default();
        crate::config::set_exclude(&mut settings, patterns);
    }
    // Hugo checks no Markdown link (only its `ref` shortcodes), Zola only its `@/` links: a
    // broken one of the others is a warning, as a site that builds in Hugo or Zola must build
    // here. A book.toml beside it may say otherwise.
    crate::config::set_link_levels(
        &mut settings,
        crate::config::BrokenLinks::Warn,
        crate::config::BrokenLinks::Warn,
    );
    let internal_links_fail = match tool {
        Tool::Hugo => true,
        Tool::Zola => {
            get("link_checker")
                .and_then(|checker| checker.get("internal_level"))
                .and_then(serde_json::Value::as_str)
                != Some("warn")
        }
    };
    if tool == Tool::Hugo {
        // `enableGitInfo`: each page's last change, from git.
        let git_info = get("enableGitInfo").and_then(serde_json::Value::as_bool);
        crate::config::set_last_updated(&mut settings, git_info == Some(true));
    }
    let disable_aliases = tool == Tool::Hugo
        && get("disableAliases").and_then(serde_json::Value::as_bool) == Some(true);
    let cascade = match in_folder("cascade")? {
        Some(from_file) => from_file,
        None => get("cascade").cloned().unwrap_or_default(),
    };
    Ok(Some(Read {
        settings,
        content: PathBuf::from(content),
        site: Site {
            tool,
            path,
            params,
            emoji,
            definition_lists,
            term_ids,
            smart_punctuation,
            math,
            line_numbers,
            cascade,
            internal_links_fail,
            disable_aliases,
        },
        warnings: mount_warning
            .into_iter()
            .chain(languages_warning)
            .chain(zola_templates_warning(dir, tool))
            .chain(render_hooks_warning(dir, tool))
            .collect(),
    }))
}

/// A Zola site's `templates/` holds Zola's own templates, written for Zola's variables: they
/// are not handbook's template overrides, and not used (one warning says so).
fn zola_templates_warning(dir: &Path, tool: Tool) -> Option<Diagnostic> {
    let templates = dir.join("templates");
    let holds_files = std::fs::read_dir(&templates)
        .ok()?
        .flatten()
        .any(|entry| entry.file_type().is_ok_and(|t| !t.is_dir()));
    (tool == Tool::Zola && holds_files).then(|| {
        Diagnostic::warning(
            "zola-templates",
            templates,
            "Zola's templates are not used: handbook lays the pages out with its theme",
        )
        .hint(
            "to change the layout, copy a template of handbook's theme into \
             themes/<name>/templates/ and set [build] theme = \"<name>\" in a book.toml",
        )
    })
}

/// A Hugo site's render hooks (`layouts/_markup/render-link.html`, or below
/// `layouts/_default/_markup/`): Go templates that change how links, images, headings or code
/// blocks show. handbook does not run them; one warning names them, since a link written for
/// one (Hugo's docs write `[term](g)` for a glossary entry) reads as broken here.
fn render_hooks_warning(dir: &Path, tool: Tool) -> Option<Diagnostic> {
    if tool != Tool::Hugo {
        return None;
    }
    let mut hooks: Vec<String> = ["layouts/_markup", "layouts/_default/_markup"]
        .iter()
        .filter_map(|folder| std::fs::read_dir(dir.join(folder)).ok())
        .flat_map(|entries| entries.flatten())
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_string();
            name.starts_with("render-").then_some(name)
        })
        .collect();
    if hooks.is_empty() {
        return None;
    }
    hooks.sort();
    hooks.dedup();
    let names = crate::diagnostic::code_list(&hooks);
    Some(
        Diagnostic::warning(
            "hugo-render-hooks",
            dir.join("layouts"),
            format!(
                "Hugo's render hooks are not run ({names}): links, images, headings and code \
                 blocks show as handbook shows them, and a link written for a hook may read as broken"
            ),
        )
        .hint("write such links as links to pages or files of the site"),
    )
}

/// The folder `[[module.mounts]]` mounts as the content (`target = "content"`): the one for
/// the default language, or for none, or else the first; with a warning naming the others,
/// which handbook does not merge in.
fn content_mount(
    module: &serde_json::Value,
    default_language: &str,
    settings: &Path,
) -> (Option<String>, Option<Diagnostic>) {
    let Some(mounts) = module.get("mounts").and_then(serde_json::Value::as_array) else {
        return (None, None);
    };
    let field = |mount: &serde_json::Value, key: &str| {
        mount
            .get(key)
            .and_then(serde_json::Value::as_str)
            .map(|v| v.trim().trim_end_matches('/').to_string())
    };
    // (source, language) of each mount into the content.
    let content: Vec<(String, Option<String>)> = mounts
        .iter()
        .filter(|m| field(m, "target").is_some_and(|t| t.trim_start_matches('/') == "content"))
        .filter_map(|m| Some((field(m, "source")?, field(m, "lang"))))
        .filter(|(source, _)| !source.is_empty())
        .collect();
    let chosen = content
        .iter()
        .position(|(_, lang)| lang.as_deref() == Some(default_language))
        .or_else(|| content.iter().position(|(_, lang)| lang.is_none()))
        .or((!content.is_empty()).then_some(0));
    let Some(chosen) = chosen else {
        return (None, None);
    };
    // Mounts for other languages are other sites of the same one, as `contentDir`s are.
    let others: Vec<&str> = content
        .iter()
        .enumerate()
        .filter(|&(i, (_, lang))| {
            i != chosen && (lang.is_none() || lang.as_deref() == Some(default_language))
        })
        .map(|(_, (source, _))| source.as_str())
        .collect();
    let source = content[chosen].0.clone();
    let warning = (!others.is_empty()).then(|| {
        Diagnostic::warning(
            "hugo-mounts",
            settings,
            format!(
                "`module.mounts` mounts {} folders as the content; handbook reads one, `{source}`, \
                 and leaves out {}",
                others.len() + 1,
                others
                    .iter()
                    .map(|o| format!("`{o}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .hint("move their pages into one folder, or build each folder as a handbook of its own")
    });
    (Some(source), warning)
}

/// What Hugo's build options make of a page: whether it is written at all (`render`), and
/// whether the site's lists (for handbook, the sidebar and the reading order) show it
/// (`list`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildOptions {
    pub render: bool,
    pub list: bool,
}

/// The build options of each page (in the order of `pages`), with warnings for what was not
/// read. Each key (`build`, `_build` before Hugo 0.123, and `headless`) is taken whole from
/// the page's own front matter, else from the `cascade` of the nearest section (`_index.md`)
/// that sets it, else from the site's own `cascade`, as Hugo takes it; a section's cascade
/// applies to its own page too. `headless: true` is `render` and `list` never. `render: link`
/// writes no file, so it counts as never; `list: local` keeps the page in its section's list,
/// which is where the sidebar shows it.
pub fn build_options(pages: &[ParsedPage], site: &Site) -> (Vec<BuildOptions>, Vec<Diagnostic>) {
    let is_section = |rel: &str| rel == "_index.md" || rel.ends_with("/_index.md");
    if site.tool == Tool::Zola {
        // Zola: a section's `render = false` (its pages are written still).
        let options = pages
            .iter()
            .map(|page| BuildOptions {
                render: !(is_section(&page.rel)
                    && page.meta.extra.get("render") == Some(&serde_json::Value::Bool(false))),
                list: true,
            })
            .collect();
        return (options, Vec::new());
    }
    let mut warnings = Vec::new();
    // Each folder's cascade, from its `_index.md`.
    let mut cascades: std::collections::HashMap<&str, Partial> = std::collections::HashMap::new();
    for page in pages.iter().filter(|page| is_section(&page.rel)) {
        let Some(cascade) = page.meta.extra.get("cascade") else {
            continue;
        };
        let (partial, targeted) = cascade_of(cascade);
        if targeted {
            warnings.push(targeted_warning(&page.path));
        }
        let folder = page.rel.rsplit_once('/').map_or("", |(folder, _)| folder);
        cascades.insert(folder, partial);
    }
    let (site_wide, targeted) = cascade_of(&site.cascade);
    if targeted {
        warnings.push(targeted_warning(&site.path));
    }
    let options = pages
        .iter()
        .map(|page| {
            let mut found = own_options(&page.meta.extra);
            // Folders from the page's own up to the top.
            let mut folder = page.rel.rsplit_once('/').map_or("", |(folder, _)| folder);
            loop {
                if let Some(cascade) = cascades.get(folder) {
                    found = found.or(*cascade);
                }
                if folder.is_empty() {
                    break;
                }
                folder = folder.rsplit_once('/').map_or("", |(parent, _)| parent);
            }
            let found = found.or(site_wide);
            let (render, list) = found.build.unwrap_or_default();
            let headless = found.headless == Some(true);
            BuildOptions {
                render: render.unwrap_or(true) && !headless,
                list: list.unwrap_or(true) && !headless,
            }
        })
        .collect::<Vec<_>>();
    // A leaf bundle's other files (beside its `index.md`) are its resources, not pages: one
    // not rendered takes them with it.
    let unrendered_bundles: Vec<&str> = pages
        .iter()
        .zip(&options)
        .filter(|(_, o)| !o.render)
        .filter_map(|(page, _)| page.rel.strip_suffix("/index.md"))
        .collect();
    let options = pages
        .iter()
        .zip(options)
        .map(|(page, mut o)| {
            let in_bundle = |folder: &&str| {
                page.rel
                    .strip_prefix(*folder)
                    .is_some_and(|rest| rest.starts_with('/'))
            };
            if unrendered_bundles.iter().any(in_bundle) {
                o.render = false;
            }
            o
        })
        .collect();
    (options, warnings)
}

/// The build option keys one front matter (or one cascade) sets.
#[derive(Debug, Clone, Copy, Default)]
struct Partial {
    /// `build`'s `render` and `list`, each `None` where it keeps Hugo's default.
    build: Option<(Option<bool>, Option<bool>)>,
    headless: Option<bool>,
}

impl Partial {
    /// These, with the keys they leave unset taken from `other`.
    fn or(self, other: Partial) -> Partial {
        Partial {
            build: self.build.or(other.build),
            headless: self.headless.or(other.headless),
        }
    }

    fn is_empty(&self) -> bool {
        self.build.is_none() && self.headless.is_none()
    }
}

/// The build options front matter sets itself: `build` or `_build`, and `headless`.
fn own_options(front: &impl FrontMatterKeys) -> Partial {
    let build = front
        .key("build")
        .or_else(|| front.key("_build"))
        .map(|build| {
            let flag = |key: &str| match build.get(key)? {
                serde_json::Value::Bool(b) => Some(*b),
                serde_json::Value::String(s) => Some(matches!(
                    s.to_ascii_lowercase().as_str(),
                    "always" | "local"
                )),
                _ => None,
            };
            (flag("render"), flag("list"))
        });
    Partial {
        build,
        headless: front.key("headless").and_then(serde_json::Value::as_bool),
    }
}

/// Front matter keys, from a page's front matter or a cascade's map.
trait FrontMatterKeys {
    fn key(&self, key: &str) -> Option<&serde_json::Value>;
}

impl FrontMatterKeys for std::collections::BTreeMap<String, serde_json::Value> {
    fn key(&self, key: &str) -> Option<&serde_json::Value> {
        self.get(key)
    }
}

impl FrontMatterKeys for serde_json::Map<String, serde_json::Value> {
    fn key(&self, key: &str) -> Option<&serde_json::Value> {
        self.get(key)
    }
}

/// What a `cascade` (a map, or a list of maps) sets, and whether it had entries aimed with
/// `_target`/`target`, which are not read. The first entry to set a key wins.
fn cascade_of(cascade: &serde_json::Value) -> (Partial, bool) {
    let entries: Vec<&serde_json::Value> = match cascade {
        serde_json::Value::Array(list) => list.iter().collect(),
        other => vec![other],
    };
    let mut partial = Partial::default();
    let mut targeted = false;
    for entry in entries {
        let Some(map) = entry.as_object() else {
            continue;
        };
        if map.contains_key("_target") || map.contains_key("target") {
            targeted |= !own_options(map).is_empty();
            continue;
        }
        partial = partial.or(own_options(map));
    }
    (partial, targeted)
}

fn targeted_warning(path: &Path) -> Diagnostic {
    Diagnostic::warning(
        "hugo-cascade",
        path,
        "a `cascade` entry aimed with `_target` (or `target`) sets build options, which handbook \
         does not read: the pages it aims at are published and listed",
    )
    .hint(
        "set `build` in the front matter of the section the entry aims at (its `_index.md`), \
         whose `cascade` without a target reaches the pages under it",
    )
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
fn shortcodes(body: &str) -> (Vec<Shortcode<'_>>, Vec<(usize, usize, String)>) {
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
        return (tags, Vec::new());
    }
    let mut literal = literal_ranges(body, false);
    // A `highlight` shortcode's text (or a code tab's) is code whatever it holds, a fence of
    // backquotes too: its closing tag ends it, and nothing inside is a tag. Markdown is read
    // again with that text blanked, so that such a fence starts no code block; and the code is
    // looked for again, since the block such a fence opened may have hidden a later shortcode
    // (a tab pane of code): until nothing changes, a few readings at most.
    let mut code_langs = highlighted(&tags, &literal);
    for _ in 0..4 {
        if code_langs.is_empty() {
            break;
        }
        let mut blanked = body.as_bytes().to_vec();
        for &(start, end, _) in &code_langs {
            for b in &mut blanked[start..end] {
                if *b != b'\n' {
                    *b = b' ';
                }
            }
        }
        literal = literal_ranges(&String::from_utf8_lossy(&blanked), false);
        let again = highlighted(&tags, &literal);
        if again == code_langs {
            break;
        }
        code_langs = again;
    }
    let code: Vec<(usize, usize)> = code_langs.iter().map(|c| (c.0, c.1)).collect();
    tags.retain(|t| !inside(&literal, t.start) && !inside(&code, t.start));
    (tags, code_langs)
}

/// The text of each `highlight` and `mermaid` shortcode and of each code tab (Docsy's `tab` with `lang`, or
/// in a `tabpane` with `lang` unless `text=true`), from its opening tag's end to its closing
/// tag's start, with its language, where the opening tag is outside `literal`; in order.
fn highlighted(tags: &[Shortcode], literal: &[(usize, usize)]) -> Vec<(usize, usize, String)> {
    let mut code = Vec::new();
    // The language of the tab panes open around, innermost last.
    let mut panes: Vec<Option<String>> = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let tag = &tags[i];
        i += 1;
        if inside(literal, tag.start) || tag.self_closing {
            continue;
        }
        let name = tag.name.to_ascii_lowercase();
        if name == "tabpane" {
            if tag.closing {
                panes.pop();
            } else {
                let p = parameters(tag.params);
                let text = param(&p, "text", None) == Some("true");
                panes.push(
                    param(&p, "lang", None)
                        .filter(|_| !text)
                        .map(str::to_string),
                );
            }
            continue;
        }
        if tag.closing {
            continue;
        }
        let lang = match name.as_str() {
            "highlight" => Some(highlight_info(&parameters(tag.params))),
            "mermaid" => Some("mermaid".to_string()),
            "tab" => {
                let p = parameters(tag.params);
                let text = param(&p, "text", None) == Some("true");
                param(&p, "lang", None)
                    .map(str::to_string)
                    .or_else(|| panes.last().cloned().flatten())
                    .filter(|_| !text)
            }
            _ => None,
        };
        let Some(lang) = lang else { continue };
        if let Some(j) = tags[i..]
            .iter()
            .position(|t| t.closing && t.name.eq_ignore_ascii_case(tag.name))
        {
            code.push((tag.end, tags[i + j].start, lang));
            i += j;
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
/// The info string of the fence a `highlight` shortcode becomes: its language, and its options
/// as a fence's attributes (`go {linenos=table,hl_lines=8 15-17}`), which mark and number lines.
fn highlight_info(p: &(Vec<String>, Vec<(String, String)>)) -> String {
    let lang = param(p, "lang", Some(0)).unwrap_or("");
    match param(p, "options", Some(1)).map(|o| o.replace(['{', '}', '`', '\n'], " ")) {
        Some(options) if !lang.is_empty() && !options.trim().is_empty() => {
            format!("{lang} {{{}}}", options.trim())
        }
        _ => lang.to_string(),
    }
}

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
fn callout_kind(word: &str) -> (&'static str, Text) {
    match word.to_ascii_lowercase().as_str() {
        "tip" | "success" | "hint" => ("tip", Text::CalloutTip),
        "important" | "primary" => ("important", Text::CalloutImportant),
        "warning" | "warn" | "attention" => ("warning", Text::CalloutWarning),
        "danger" | "error" | "caution" | "failure" | "bug" => ("caution", Text::CalloutCaution),
        _ => ("note", Text::CalloutNote),
    }
}

/// What a block shortcode opens: its HTML and how the block ends.
enum Block {
    Callout(String),
    Details(String),
    Tabs,
    /// A tab's title (a tab of code, Docsy's `lang`, is told by [`highlighted`]).
    Tab(String),
    /// `highlight`: a fenced code block of the language; the text inside stays as written.
    Code(String),
    /// Hugo's built-in `comment`: nothing of it shows, the text inside included.
    Comment,
}

/// The block a shortcode name opens with these parameters, if it opens one.
fn block(name: &str, params: &str, ui: &Ui) -> Option<Block> {
    let p = parameters(params);
    let lower = name.to_ascii_lowercase();
    Some(match lower.as_str() {
        // Docsy's `alert`, the Learn and Relearn themes' `notice`, hugo-book's `hint`, LoveIt's
        // `admonition`, and the kinds named by themselves.
        "alert" | "notice" | "hint" | "admonition" | "callout" | "note" | "tip" | "info"
        | "important" | "warning" | "caution" | "danger" => {
            let kind = match lower.as_str() {
                "alert" => param(&p, "color", None).unwrap_or("note"),
                // Relearn 5 names the kind `style`, older themes `type` or first.
                "notice" | "hint" | "callout" => param(&p, "style", None)
                    .or_else(|| param(&p, "type", Some(0)))
                    .unwrap_or("note"),
                "admonition" => param(&p, "type", Some(0)).unwrap_or("note"),
                other => other,
            };
            let (class, label) = callout_kind(kind);
            let label = ui.get(label);
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
                .unwrap_or(ui.get(Text::Details));
            // `open=true`, or hugo-book's bare `open` after the title.
            let open = matches!(param(&p, "open", None), Some("true"))
                || p.0.iter().skip(1).any(|w| w.eq_ignore_ascii_case("open"));
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
        "highlight" => Block::Code(highlight_info(&p)),
        "comment" => Block::Comment,
        // hugo-book's and the Learn and Relearn themes' diagrams: a Mermaid fence, drawn.
        "mermaid" => Block::Code("mermaid".to_string()),
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

/// Where a tag stands on its line, which decides how the HTML of a block is put there: the
/// line's structure before it (block quote markers, list item markers), and what else the line
/// holds.
struct Place {
    /// What each further line of the tag's container starts with: the quote markers and the
    /// indentation (a list marker as spaces).
    container: String,
    /// The tag comes right after a list item's marker: the item starts with the block.
    list_start: bool,
    /// Only white space before the tag on its line, and after it.
    alone: bool,
    /// The line is a table row: a block cannot stand in it.
    table: bool,
}

/// The [`Place`] of a tag from `at` to `end` on the line from `line_start` to `line_end`;
/// `first`: no tag before it on its line (only the first can have nothing but white space or
/// a line's structure before it, so only its line is read: long lines of tags take linear time).
fn place(
    body: &str,
    (line_start, line_end): (usize, usize),
    at: usize,
    end: usize,
    first: bool,
) -> Place {
    let table = first && body[line_start..line_end].contains('|');
    if !first {
        return Place {
            container: String::new(),
            list_start: false,
            alone: false,
            table,
        };
    }
    let prefix = &body[line_start..at];
    let mut container = String::new();
    let mut rest = prefix;
    let mut list_start = false;
    loop {
        let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        container.push_str(&rest[..spaces]);
        rest = &rest[spaces..];
        if let Some(after) = rest.strip_prefix('>') {
            container.push('>');
            rest = after;
            continue;
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let marker = match rest.as_bytes().get(digits) {
            Some(b'.' | b')') if digits > 0 && digits < 10 => digits + 1,
            Some(b'-' | b'*' | b'+') if digits == 0 => 1,
            _ => 0,
        };
        let after = &rest[marker..];
        if marker > 0 && (after.is_empty() || after.starts_with([' ', '\t'])) {
            container.push_str(&" ".repeat(marker));
            rest = after;
            list_start = true;
            continue;
        }
        break;
    }
    let plain = rest.trim().is_empty();
    Place {
        list_start: list_start && plain,
        alone: prefix.trim().is_empty() && body[end..line_end].trim().is_empty(),
        table,
        container,
    }
}

/// HTML put where a tag was, on lines of its own inside the tag's container (a list item, a
/// block quote): blank lines around it, or at the start of a list item, right after its marker.
fn put_block(html: &str, place: &Place) -> String {
    let c = place.container.trim_end_matches([' ', '\t']);
    let indent = &place.container;
    if place.list_start {
        format!("{html}\n{c}\n{indent}")
    } else {
        format!("\n{c}\n{indent}{html}\n{c}\n{indent}")
    }
}

/// A tag's replacement and what it belongs to: the pair of a block's tags, or itself.
#[derive(Clone)]
struct Replacement {
    text: String,
    /// The other tag of a block, to be shown as written with this one.
    partner: Option<usize>,
    /// HTML that must be read as an HTML block.
    html: bool,
    /// The text up to the partner (the closing tag) goes too: Hugo's `comment`.
    hides_inside: bool,
}

/// A page's URL from the root as its front matter gives it: Hugo's `url: /about/team/`, Zola's
/// `path = "about/team"` (a URL part that would lead out of the site is left out).
pub fn adopt_url(page: &mut ParsedPage, tool: Tool) {
    let Some(url) = page
        .meta
        .extra
        .get(tool.url_key())
        .and_then(serde_json::Value::as_str)
    else {
        return;
    };
    let parts = crate::slug::slugify_path(url);
    if !parts.is_empty() {
        page.root_url = Some(format!("{parts}/"));
    }
}

/// Shows Hugo's shortcodes in a page of a Hugo site as what they stand for
/// ([`crate::expand_borrowed_syntax`]); `params` are the site's (`[params]`). A shortcode
/// handbook does not know, a block left open, a closing tag with nothing to close and a block
/// in a table row are warnings, and show as written; so does a block whose HTML would be read
/// as code where it stands (the page's other shortcodes still show). Hugo's comment form
/// `{{</* name */>}}` shows the shortcode itself. Positions in diagnostics stay those of the
/// file ([`ParsedPage::replace_body`]).
pub fn expand_shortcodes(
    page: &mut ParsedPage,
    params: &serde_json::Value,
    ui: &Ui,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let body = page.body();
    if !body.contains("{{") {
        return diagnostics;
    }
    let (tags, code_langs) = shortcodes(body);
    let lines = LineIndex::new(&page.text);
    let warning = |at: usize, message: String, hint: &str| {
        Diagnostic::warning("hugo-shortcode", &page.path, message)
            .at(lines.position(page.body_start + at))
            .hint(hint.to_string())
    };
    // Each tag's place, the lines found in one walk.
    let mut places = Vec::with_capacity(tags.len());
    let mut line = (0, 0);
    let mut scanned = 0;
    for tag in &tags {
        let first = tag.start >= line.1 || places.is_empty();
        if first {
            let start = body[scanned..tag.start]
                .rfind('\n')
                .map_or(line.0, |i| scanned + i + 1);
            // To the end of the line the tag ends on (a tag may run over lines).
            let end = body[tag.end..]
                .find('\n')
                .map_or(body.len(), |i| tag.end + i);
            line = (start, end);
        }
        scanned = tag.start;
        places.push(place(body, line, tag.start, tag.end, first));
    }
    let mut replacement: Vec<Option<Replacement>> = vec![None; tags.len()];
    let mut open: Vec<(usize, Block)> = Vec::new();
    let mut unknown: HashSet<&str> = HashSet::new();
    let single = |text: String, html: bool| {
        Some(Replacement {
            text,
            partner: None,
            html,
            hides_inside: false,
        })
    };
    // Hugo's `comment`s (inside one another too): a tag inside one shows nowhere and is not
    // read.
    let mut in_comment = vec![false; tags.len()];
    let mut comments: Vec<usize> = Vec::new();
    for (i, tag) in tags.iter().enumerate() {
        if !tag.name.eq_ignore_ascii_case("comment") || tag.self_closing {
            continue;
        }
        if !tag.closing {
            comments.push(i);
        } else if let Some(o) = comments.pop() {
            if comments.is_empty() {
                in_comment[o + 1..i].fill(true);
            }
        }
    }
    for (i, tag) in tags.iter().enumerate() {
        if in_comment[i] {
            continue;
        }
        if tag.self_closing && tag.name.eq_ignore_ascii_case("comment") {
            // `{{< comment />}}`: nothing.
            replacement[i] = single(String::new(), false);
            continue;
        }
        let here = &places[i];
        if tag.closing {
            let Some(k) = open
                .iter()
                .rposition(|(o, _)| tags[*o].name.eq_ignore_ascii_case(tag.name))
            else {
                if !unknown.contains(tag.name) && block(tag.name, "", ui).is_some() {
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
            let Some((o, block)) = open.pop() else {
                continue;
            };
            let there = &places[o];
            if here.table || there.table {
                diagnostics.push(warning(
                    tags[o].start,
                    format!("the `{}` shortcode is in a table row, where a block cannot stand: it shows as written", tags[o].name),
                    "move it out of the table",
                ));
                continue;
            }
            let code = |lang: &str| {
                let code = &body[tags[o].end..tag.start];
                let fence = "`".repeat(longest_run(code, b'`').max(2) + 1);
                // The fences on lines of their own, the code between them as written.
                let c = &there.container;
                let before =
                    if body[..tags[o].start].ends_with('\n') || o == 0 && tags[o].start == 0 {
                        String::new()
                    } else {
                        format!("\n{c}")
                    };
                let after = if body[tags[o].end..].starts_with('\n') {
                    String::new()
                } else {
                    format!("\n{c}")
                };
                let end_before = if here.alone || body[..tag.start].ends_with('\n') {
                    String::new()
                } else {
                    format!("\n{}", here.container)
                };
                (
                    format!("{before}{fence}{lang}{after}"),
                    format!("{end_before}{fence}\n"),
                )
            };
            let tab_code = code_langs
                .binary_search_by_key(&tags[o].end, |c| c.0)
                .ok()
                .map(|k| code_langs[k].2.as_str());
            let (start, end, html) = match &block {
                Block::Callout(start) => (put_block(start, there), put_block("</div>", here), true),
                Block::Details(start) => {
                    (put_block(start, there), put_block("</details>", here), true)
                }
                Block::Tabs => (
                    put_block(TABS_START, there),
                    put_block("</div>", here),
                    true,
                ),
                Block::Tab(title) => match tab_code {
                    Some(lang) => {
                        let (fence_start, fence_end) = code(lang);
                        (
                            format!("{}{fence_start}", put_block(&tab_start(title), there)),
                            format!("{fence_end}{}", put_block("</div>", here)),
                            true,
                        )
                    }
                    None => (
                        put_block(&tab_start(title), there),
                        put_block("</div>", here),
                        true,
                    ),
                },
                Block::Code(lang) => {
                    let (fence_start, fence_end) = code(lang);
                    (fence_start, fence_end, false)
                }
                Block::Comment => (String::new(), String::new(), false),
            };
            replacement[o] = Some(Replacement {
                text: start,
                partner: Some(i),
                html,
                hides_inside: matches!(block, Block::Comment),
            });
            replacement[i] = Some(Replacement {
                text: end,
                partner: Some(o),
                html,
                hides_inside: false,
            });
            continue;
        }
        if let Some(block) = block(tag.name, tag.params, ui) {
            if !tag.self_closing {
                open.push((i, block));
            }
            continue;
        }
        let p = parameters(tag.params);
        let card = |text: &str, url: String| {
            let text = text
                .replace('\\', "\\\\")
                .replace('[', "\\[")
                .replace(']', "\\]");
            let link = format!("[{text}](<{url}>)");
            if here.alone && !here.table {
                let html = format!(
                    "<div class=\"hb-embed\">\n{}\n{}{link}\n{}\n{}</div>",
                    here.container.trim_end(),
                    here.container,
                    here.container.trim_end(),
                    here.container
                );
                single(put_block(&html, here), true)
            } else {
                single(link, false)
            }
        };
        let found = match tag.name.to_ascii_lowercase().as_str() {
            "ref" | "relref" => param(&p, "path", Some(0)).and_then(|target| {
                let path = reference(target, page);
                // Inside a link's parentheses, a path with spaces needs angle brackets.
                let in_link = body[..tag.start].ends_with("](");
                let text = if in_link && path.contains([' ', '(', ')', '<', '>']) {
                    format!("<{path}>")
                } else {
                    path
                };
                single(text, false)
            }),
            "figure" => param(&p, "src", Some(0)).and_then(|src| {
                let alt = param(&p, "alt", None).unwrap_or("");
                let caption = param(&p, "caption", None)
                    .or_else(|| param(&p, "title", None))
                    .filter(|c| !c.is_empty());
                let image = format!("<img src=\"{}\" alt=\"{}\">", escape(src), escape(alt));
                let image = match param(&p, "link", None) {
                    Some(link) => format!("<a href=\"{}\">{image}</a>", escape(link)),
                    None => image,
                };
                if !here.alone || here.table {
                    return single(image, false);
                }
                let caption = caption
                    .map(|c| format!("<figcaption>{}</figcaption>", escape(c)))
                    .unwrap_or_default();
                let figure = format!("<figure class=\"hb-figure\">{image}{caption}</figure>");
                single(put_block(&figure, here), true)
            }),
            "youtube" => param(&p, "id", Some(0)).and_then(|id| {
                let title = param(&p, "title", None).unwrap_or("Video on YouTube");
                card(title, format!("https://www.youtube.com/watch?v={id}"))
            }),
            "instagram" => param(&p, "id", Some(0)).and_then(|id| {
                card(
                    "Post on Instagram",
                    format!("https://www.instagram.com/p/{id}/"),
                )
            }),
            "vimeo" => param(&p, "id", Some(0)).and_then(|id| {
                let title = param(&p, "title", None).unwrap_or("Video on Vimeo");
                card(title, format!("https://vimeo.com/{id}"))
            }),
            "gist" => match (param(&p, "user", Some(0)), param(&p, "id", Some(1))) {
                (Some(user), Some(id)) => card(
                    &format!("Gist {id} by {user}"),
                    format!("https://gist.github.com/{user}/{id}"),
                ),
                _ => None,
            },
            "x" | "tweet" | "twitter" => match (param(&p, "user", None), param(&p, "id", None)) {
                (Some(user), Some(id)) => card(
                    &format!("Post by @{user}"),
                    format!("https://x.com/{user}/status/{id}"),
                ),
                _ => None,
            },
            "param" => match param(&p, "name", Some(0)) {
                Some(name) => match param_value(page, params, name) {
                    Some(value) => single(value, false),
                    None => {
                        diagnostics.push(warning(
                            tag.start,
                            format!("`param \"{name}\"` names no front matter key or site parameter: it shows as written"),
                            "set it in the page's front matter or under [params] in the site's settings",
                        ));
                        continue;
                    }
                },
                None => None,
            },
            _ => None,
        };
        match found {
            Some(r) => replacement[i] = Some(r),
            None => {
                if unknown.insert(tag.name) {
                    let mut unread = warning(
                        tag.start,
                        format!(
                            "Hugo's `{}` shortcode is not read by handbook: it shows as written",
                            tag.name
                        ),
                        "put what it stands for in the page itself",
                    );
                    // Said once for the site (`collapse_repeats`).
                    unread.code = "hugo-shortcode-unread";
                    diagnostics.push(unread);
                }
            }
        }
    }
    // A tag that shows as written is text: its quotes not made typographic (`title=“…”`) as
    // the page's own are, and `{{<button href="/x">}}` no HTML button.
    for (i, tag) in tags.iter().enumerate() {
        let written = &body[tag.start..tag.end];
        if replacement[i].is_none()
            && !in_comment[i]
            && written.contains(['"', '\'', '<', '>', '&'])
        {
            replacement[i] = Some(Replacement {
                text: escape(written),
                partner: None,
                html: false,
                hides_inside: false,
            });
        }
    }
    for (o, _) in open {
        left_open(&tags[o], &mut diagnostics, &warning);
    }
    let escaped = body.contains("{{</*") || body.contains("{{%/*");
    if replacement.iter().all(Option::is_none) && !escaped {
        return diagnostics;
    }
    // A block whose HTML would be read as code where it stands shows as written, and the page
    // is put together again without it.
    for _ in 0..MAX_RETRIES {
        let (out, splices, html_at) = assemble(body, &tags, &replacement);
        let mut misread = misread_html_all(&out, &html_at);
        if misread.is_empty() {
            page.replace_body(&out, splices, Vec::new());
            return diagnostics;
        }
        // Every one misread is left out at once, so that no number of them switches off the
        // page's others.
        misread.sort_unstable();
        misread.dedup();
        for t in misread {
            if replacement[t].is_none() {
                continue;
            }
            diagnostics.push(warning(
                tags[t].start,
                format!(
                    "the `{}` shortcode shows as written: its HTML would be read as code here",
                    tags[t].name
                ),
                "start its line where the text around it starts (four spaces or more make code)",
            ));
            if let Some(partner) = replacement[t].as_ref().and_then(|r| r.partner) {
                replacement[partner] = None;
            }
            replacement[t] = None;
        }
    }
    // So many blocks misplaced: the page is left as written.
    diagnostics
}

/// How many misplaced blocks a page is put together again without, at most.
const MAX_RETRIES: usize = 32;

/// The value `param "name"` shows: the page's front matter (`title`, `description`, any other
/// key, its `params`), else the site's `[params]`; a dotted name (`social.email`) goes into
/// tables.
fn param_value(page: &ParsedPage, site: &serde_json::Value, name: &str) -> Option<String> {
    let text = |value: &serde_json::Value| match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match name.to_ascii_lowercase().as_str() {
        "title" => return page.meta.title.clone().or_else(|| Some(page.title.clone())),
        "description" => return page.meta.description.clone(),
        _ => {}
    }
    let walk = |root: &serde_json::Value| -> Option<String> {
        let mut value = root;
        for part in name.split('.') {
            let object = value.as_object()?;
            value = object.get(part).or_else(|| {
                object
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(part))
                    .map(|(_, v)| v)
            })?;
        }
        text(value)
    };
    let extra = serde_json::Value::Object(
        page.meta
            .extra
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    );
    walk(&extra)
        .or_else(|| extra.get("params").and_then(walk))
        .or_else(|| walk(site))
}

/// The body with the tags' replacements put in (and Hugo's shortcode comments turned into the
/// shortcodes they show), where each change went, and where each block's HTML went (with its
/// tag).
fn assemble(
    body: &str,
    tags: &[Shortcode],
    replacement: &[Option<Replacement>],
) -> (String, Vec<Splice>, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(body.len() + 64 * tags.len());
    let mut splices: Vec<Splice> = Vec::new();
    let mut html_at = Vec::new();
    let mut last = 0;
    for (t, tag) in tags.iter().enumerate() {
        let Some(r) = &replacement[t] else {
            continue;
        };
        if tag.start < last {
            // Inside a comment.
            continue;
        }
        push_unescaped(&mut out, &mut splices, body, last, tag.start);
        if r.html {
            if let Some(lt) = r.text.find('<') {
                html_at.push((out.len() + lt, t));
            }
        }
        let end = match r.partner {
            Some(p) if r.hides_inside => tags[p].start,
            _ => tag.end,
        };
        splices.push((out.len(), r.text.len(), tag.start, end - tag.start));
        out.push_str(&r.text);
        last = end;
    }
    push_unescaped(&mut out, &mut splices, body, last, body.len());
    (out, splices, html_at)
}

/// Hugo's shortcode comments (`{{</* name */>}}`), and the shortcodes they show.
const HUGO_COMMENTS: &[(&str, &str)] = &[
    ("{{</*", "{{<"),
    ("*/>}}", ">}}"),
    ("{{%/*", "{{%"),
    ("*/%}}", "%}}"),
];

/// Copies `body[from..to]` with Hugo's shortcode comments (`{{</* name */>}}`) turned into the
/// shortcodes they show, each change noted.
fn push_unescaped(out: &mut String, splices: &mut Vec<Splice>, body: &str, from: usize, to: usize) {
    push_uncommented(HUGO_COMMENTS, out, splices, body, from, to);
}

/// Copies `body[from..to]` with each of `comments` (as written) turned into what it shows,
/// each change noted.
fn push_uncommented(
    comments: &[(&str, &str)],
    out: &mut String,
    splices: &mut Vec<Splice>,
    body: &str,
    from: usize,
    to: usize,
) {
    let text = &body[from..to];
    if !text.contains("/*") && !text.contains("*/") {
        out.push_str(text);
        return;
    }
    // Every delimiter, in order, each found in one pass.
    let mut found: Vec<(usize, &str, &str)> = comments
        .iter()
        .flat_map(|&(written, shown)| {
            memchr::memmem::find_iter(text.as_bytes(), written.as_bytes())
                .map(move |i| (i, written, shown))
        })
        .collect();
    found.sort_unstable_by_key(|f| f.0);
    let mut at = 0;
    for (i, written, shown) in found {
        if i < at {
            continue;
        }
        out.push_str(&text[at..i]);
        splices.push((out.len(), shown.len(), from + i, written.len()));
        out.push_str(shown);
        at = i + written.len();
    }
    out.push_str(&text[at..]);
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

/// The longest run of `byte` in `text`.
fn longest_run(text: &str, byte: u8) -> usize {
    text.as_bytes()
        .split(|&b| b != byte)
        .map(<[u8]>::len)
        .max()
        .unwrap_or(0)
}

/// Zola's shortcodes (`{{ name(args) }}`, `{% name(args) %}` ... `{% end %}`) are templates of
/// the site's own: each name is one warning a page, and shows as written. One written as a
/// comment (`{{/* name() */}}`) shows as the shortcode, as in Zola.
pub fn warn_zola_shortcodes(page: &mut ParsedPage) -> Vec<Diagnostic> {
    let body = page.body();
    if !body.contains("{{") && !body.contains("{%") {
        return Vec::new();
    }
    let literal = literal_ranges(body, false);
    let lines = LineIndex::new(&page.text);
    let mut seen = HashSet::new();
    let mut diagnostics = Vec::new();
    for (open, close) in [("{{", "}}"), ("{%", "%}")] {
        let mut line_end = 0;
        // Past a `{{` with no `}}` after it on its line, the line holds no more.
        let mut text_until = 0;
        for at in memchr::memmem::find_iter(body.as_bytes(), open.as_bytes()) {
            if at < text_until {
                continue;
            }
            if inside(&literal, at) {
                continue;
            }
            if at >= line_end {
                line_end = body[at..].find('\n').map_or(body.len(), |i| at + i);
            }
            let Some(length) = body[at + 2..line_end].find(close) else {
                text_until = line_end;
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
    if body.contains("{{/*") || body.contains("{%/*") {
        let changes = zola_escapes(body);
        page.replace_ranges(changes, Vec::new());
    }
    diagnostics
}

/// Zola's escaped shortcodes (`{{/* name(args) */}}`, `{%/* name(args) */%}`, `{%/* end */%}`):
/// the delimiters to put the shortcode's own in place of, as (start, end, text). Only around a
/// call (or `end`), as Zola's grammar reads them: `{{/*` in a sentence about escaping stays.
fn zola_escapes(body: &str) -> Vec<(usize, usize, String)> {
    let mut changes = Vec::new();
    let mut from = 0;
    while let Some(i) = body[from..].find("/*").map(|i| from + i) {
        from = i + 2;
        let (open, close, shown_open, shown_close) = match &body[..i] {
            b if b.ends_with("{{") => ("{{/*", "*/}}", "{{", "}}"),
            b if b.ends_with("{%") => ("{%/*", "*/%}", "{%", "%}"),
            _ => continue,
        };
        let start = i - 2;
        let Some(len) = body[start + open.len()..].find(close) else {
            continue;
        };
        let inner = body[start + open.len()..start + open.len() + len].trim();
        let is_call = |text: &str| {
            let Some((name, rest)) = text.split_once('(') else {
                return false;
            };
            let name = name.trim_end();
            !name.is_empty()
                && !name.starts_with(|c: char| c.is_ascii_digit())
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && rest.trim_end().ends_with(')')
        };
        if !(is_call(inner) || (open == "{%/*" && inner == "end")) {
            continue;
        }
        let end = start + open.len() + len;
        changes.push((start, start + open.len(), shown_open.to_string()));
        changes.push((end, end + close.len(), shown_close.to_string()));
        from = end + close.len();
    }
    changes
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
            .0
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
