//! Sites written for MkDocs (and MkDocs Material): `mkdocs.yml` is read for what handbook has a
//! use for (the site's name, the docs and site folders, the edit link), and the blocks of the
//! Markdown extensions MkDocs sites lean on are shown as handbook's own: admonitions
//! (`!!! note "Title"`, collapsible `??? tip`) as callouts, content tabs (`=== "Tab"`) as tabs.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::BrokenLinks;
use crate::diagnostic::{Diagnostic, Position};
use crate::markdown::{
    callout_start_html, details_start_html, escape, inline_text_html, inline_text_html_in,
    tab_start_html, tabs_start, TABS_START,
};
use crate::mdbook::Chapter;
use crate::page::{ParsedPage, Splice};
use crate::snippets::BasePath;

pub const FILE_NAMES: [&str; 2] = ["mkdocs.yml", "mkdocs.yaml"];

/// What a site's `mkdocs.yml` says that handbook keeps beside its own settings.
#[derive(Debug, Clone, Default)]
pub struct MkDocs {
    /// The `mkdocs.yml` itself, for messages.
    pub path: PathBuf,
    /// The pages its `nav` lists, as a summary's chapters: the site's navigation.
    pub nav: Option<Vec<Chapter>>,
    /// MkDocs Material's `content.tabs.link` among the theme's `features`: every set of tabs
    /// shows the tab of the label the reader last chose, on every page.
    pub linked_tabs: bool,
    /// `pymdownx.snippets` among `markdown_extensions`, with its settings.
    pub snippets: Option<crate::snippets::Snippets>,
    /// Python-Markdown's `abbr` among `markdown_extensions`: [`take_abbreviations`].
    pub abbreviations: bool,
    /// Python-Markdown's `attr_list`: [`apply_attribute_lists`].
    pub attribute_lists: bool,
    /// Python-Markdown's `md_in_html`: Markdown in elements marked `markdown`
    /// ([`crate::html_markdown`]).
    pub md_in_html: bool,
    /// `pymdownx.emoji`: emoji shortcodes are shown as emoji ([`crate::emoji`]).
    pub emoji: bool,
    /// `pymdownx.magiclink`: bare addresses are links ([`crate::autolink`]).
    pub magiclink: bool,
    /// `use_directory_urls` (true by default): a page `guide.md` is at `guide/`, and the
    /// addresses its raw HTML holds are read from there.
    pub directory_urls: bool,
    /// `pymdownx.arithmatex`: TeX math ([`crate::math::Syntax::Arithmatex`]).
    pub math: bool,
    /// Python-Markdown's `def_list`: `Term` then `: Definition` lines are a definition list.
    pub definition_lists: bool,
    /// `pymdownx.highlight` with `linenums: true`: every block's lines are numbered.
    pub line_numbers: bool,
    /// Heading ids are Python-Markdown's default ones ([`crate::site::Site::python_ids`]).
    pub python_ids: bool,
    /// Python-Markdown's `smarty` is listed: quotes and dashes are typographic.
    pub smart_punctuation: bool,
    /// The inline marks of pymdownx's extensions listed ([`expand_inline_marks`]).
    pub marks: Marks,
    /// pymdownx's generic blocks listed ([`expand_generic_blocks`]).
    pub blocks: Blocks,
    /// `not_in_nav`: pages meant to be outside `nav`, which the warning about unlisted pages
    /// does not name.
    pub not_in_nav: crate::source::Exclude,
}

/// Which of pymdownx's inline marks a site reads.
#[derive(Debug, Clone, Copy, Default)]
pub struct Marks {
    /// `==marked==` (`pymdownx.mark`).
    pub mark: bool,
    /// `^^inserted^^` (`pymdownx.caret`).
    pub insert: bool,
    /// `++ctrl+alt+del++` (`pymdownx.keys`).
    pub keys: bool,
    /// `^sup^` (`pymdownx.caret`).
    pub superscript: bool,
    /// `~sub~` (`pymdownx.tilde`).
    pub subscript: bool,
}

/// `mkdocs.yml` as written; the many keys handbook does not read are let be (MkDocs Material's
/// `!!python/name:` tags among them).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct File {
    site_name: Option<serde_yaml::Value>,
    site_description: Option<serde_yaml::Value>,
    docs_dir: Option<serde_yaml::Value>,
    site_dir: Option<serde_yaml::Value>,
    repo_url: Option<serde_yaml::Value>,
    edit_uri: Option<serde_yaml::Value>,
    nav: Option<serde_yaml::Value>,
    extra_css: Option<serde_yaml::Value>,
    extra_javascript: Option<serde_yaml::Value>,
    theme: Option<Theme>,
    markdown_extensions: Option<Extensions>,
    strict: Option<serde_yaml::Value>,
    validation: Option<serde_yaml::Value>,
    use_directory_urls: Option<serde_yaml::Value>,
    exclude_docs: Option<serde_yaml::Value>,
    not_in_nav: Option<serde_yaml::Value>,
    plugins: Option<serde_yaml::Value>,
    hooks: Option<serde_yaml::Value>,
}

/// `markdown_extensions`, of which only `pymdownx.snippets`' settings are read: the others
/// (with their `!!python/name:` tags, and keys repeated as PyYAML lets be) are passed over.
#[derive(Debug, Default)]
struct Extensions {
    /// The last `pymdownx.snippets` listed, with its settings.
    snippets: Option<SnippetOptions>,
    /// `abbr` is listed.
    abbr: bool,
    /// `attr_list` is listed.
    attr_list: bool,
    /// `md_in_html` is listed.
    md_in_html: bool,
    /// `pymdownx.emoji` is listed.
    emoji: bool,
    /// `pymdownx.magiclink` is listed.
    magiclink: bool,
    /// `pymdownx.arithmatex` is listed.
    math: bool,
    /// `def_list` is listed.
    def_list: bool,
    /// `pymdownx.highlight` is listed with `linenums: true`.
    linenums: bool,
    /// `pymdownx.mark` (`==marked==`), `pymdownx.caret` (`^^inserted^^`, `^sup^`),
    /// `pymdownx.tilde` (`~sub~`), `pymdownx.keys` (`++ctrl+c++`) are listed.
    mark: bool,
    caret: bool,
    tilde: bool,
    /// `pymdownx.caret: {superscript: false}`, `{insert: false}`, `pymdownx.tilde:
    /// {subscript: false}`: those marks are off.
    no_superscript: bool,
    no_insert: bool,
    no_subscript: bool,
    keys: bool,
    /// Every extension listed, by its name as written, in order.
    names: Vec<String>,
    /// `pymdownx.blocks.*` listed, with their `types`.
    blocks: Blocks,
    /// `toc` is listed with a `slugify` of its own (`pymdownx.slugs.slugify`): heading ids are
    /// not Python-Markdown's default ones.
    own_slugify: bool,
}

impl Extensions {
    /// Notes an extension listed by its name.
    fn named(&mut self, name: &str) {
        self.names.push(name.to_string());
        let name = name.strip_prefix("markdown.extensions.").unwrap_or(name);
        self.mark |= name == "pymdownx.mark";
        self.caret |= name == "pymdownx.caret";
        self.tilde |= name == "pymdownx.tilde";
        self.keys |= name == "pymdownx.keys";
        // `extra` bundles these (and others handbook always reads).
        let extra = name == "extra";
        self.abbr |= extra || name == "abbr";
        self.attr_list |= extra || name == "attr_list";
        self.md_in_html |= extra || name == "md_in_html";
        self.emoji |= name == "pymdownx.emoji";
        self.magiclink |= name == "pymdownx.magiclink";
        self.math |= name == "pymdownx.arithmatex";
        self.def_list |= extra || name == "def_list";
        if let Some(kind) = name.strip_prefix("pymdownx.blocks.") {
            self.blocks.add(kind, None);
        }
    }
}

/// `pymdownx.snippets`' settings as written (each has the extension's default).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SnippetOptions {
    base_path: Option<serde_yaml::Value>,
    check_paths: bool,
    auto_append: Vec<String>,
    restrict_base_path: Option<bool>,
    dedent_subsections: bool,
    url_download: bool,
}

impl<'de> Deserialize<'de> for Extensions {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{EnumAccess, IgnoredAny, MapAccess, SeqAccess, VariantAccess, Visitor};

        /// What a `name: settings` pair says; false at the map's end.
        fn pair<'de, A: MapAccess<'de>>(
            map: &mut A,
            found: &mut Extensions,
        ) -> Result<bool, A::Error> {
            let Some(name) = map.next_key::<String>()? else {
                return Ok(false);
            };
            if name == crate::snippets::EXTENSION {
                found.names.push(name);
                found.snippets = Some(
                    map.next_value::<Option<SnippetOptions>>()?
                        .unwrap_or_default(),
                );
            } else if name == "pymdownx.highlight" {
                found.names.push(name);
                // Its settings as written (a tag or a value of any kind is let be).
                let settings = map.next_value::<serde_yaml::Value>()?;
                found.linenums = settings.get("linenums") == Some(&serde_yaml::Value::Bool(true));
            } else if name == "pymdownx.caret" || name == "pymdownx.tilde" {
                let settings = map.next_value::<serde_yaml::Value>()?;
                let off = |key: &str| settings.get(key) == Some(&serde_yaml::Value::Bool(false));
                found.no_superscript |= name == "pymdownx.caret" && off("superscript");
                found.no_insert |= name == "pymdownx.caret" && off("insert");
                found.no_subscript |= name == "pymdownx.tilde" && off("subscript");
                found.named(&name);
            } else if let Some(kind) = name.strip_prefix("pymdownx.blocks.") {
                let settings = map.next_value::<serde_yaml::Value>()?;
                found.blocks.add(kind, Some(&settings));
                found.names.push(name);
            } else if name == "toc" || name == "markdown.extensions.toc" {
                found.names.push(name);
                let settings = map.next_value::<serde_yaml::Value>()?;
                found.own_slugify = settings.get("slugify").is_some();
            } else {
                found.named(&name);
                map.next_value::<IgnoredAny>()?;
            }
            Ok(true)
        }

        /// One item of the list: a name, or a name with its settings.
        struct Item(Extensions);
        impl<'de> Deserialize<'de> for Item {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct ItemVisitor;
                impl<'de> Visitor<'de> for ItemVisitor {
                    type Value = Item;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("an extension's name, or its name and settings")
                    }
                    fn visit_str<E>(self, name: &str) -> Result<Item, E> {
                        let mut found = Extensions {
                            snippets: (name == crate::snippets::EXTENSION).then(Default::default),
                            ..Extensions::default()
                        };
                        found.named(name);
                        Ok(Item(found))
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
                        let mut found = Extensions::default();
                        while pair(&mut map, &mut found)? {}
                        Ok(Item(found))
                    }
                    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Item, A::Error> {
                        let (IgnoredAny, variant) = data.variant::<IgnoredAny>()?;
                        variant.newtype_variant::<IgnoredAny>()?;
                        Ok(Item(Extensions::default()))
                    }
                    fn visit_unit<E>(self) -> Result<Item, E> {
                        Ok(Item(Extensions::default()))
                    }
                }
                d.deserialize_any(ItemVisitor)
            }
        }

        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = Extensions;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of extensions")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Extensions, A::Error> {
                let mut all = Extensions::default();
                while let Some(Item(found)) = seq.next_element::<Item>()? {
                    // The last settings of an extension listed twice are the ones it runs with.
                    if found.snippets.is_some() {
                        all.snippets = found.snippets;
                    }
                    all.abbr |= found.abbr;
                    all.attr_list |= found.attr_list;
                    all.md_in_html |= found.md_in_html;
                    all.emoji |= found.emoji;
                    all.math |= found.math;
                    all.def_list |= found.def_list;
                    all.linenums |= found.linenums;
                    all.magiclink |= found.magiclink;
                    all.own_slugify |= found.own_slugify;
                    all.mark |= found.mark;
                    all.caret |= found.caret;
                    all.tilde |= found.tilde;
                    all.no_superscript |= found.no_superscript;
                    all.no_insert |= found.no_insert;
                    all.no_subscript |= found.no_subscript;
                    all.keys |= found.keys;
                    all.blocks.merge(found.blocks);
                    all.names.extend(found.names);
                }
                Ok(all)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extensions, A::Error> {
                let mut all = Extensions::default();
                while pair(&mut map, &mut all)? {}
                Ok(all)
            }
            fn visit_unit<E>(self) -> Result<Extensions, E> {
                Ok(Extensions::default())
            }
        }
        deserializer.deserialize_any(ListVisitor)
    }
}

/// One of the snippets' `base_path`s: a path from the folder of mkdocs.yml (`dir`), or MkDocs'
/// `!relative` (the page's folder), `!relative $docs_dir` and `!relative $config_dir`, each
/// maybe followed by a path.
fn base_path(value: &serde_yaml::Value, dir: &Path, docs: &str) -> Option<BasePath> {
    match value {
        serde_yaml::Value::String(path) => Some(BasePath::Fixed(dir.join(path))),
        serde_yaml::Value::Tagged(tagged) if tagged.tag == "relative" => {
            let written = tagged.value.as_str().unwrap_or("").trim();
            let below = |rest: &str| rest.trim_start_matches('/').to_string();
            Some(if let Some(rest) = written.strip_prefix("$docs_dir") {
                BasePath::Fixed(dir.join(docs).join(below(rest)))
            } else if let Some(rest) = written.strip_prefix("$config_dir") {
                BasePath::Fixed(dir.join(below(rest)))
            } else {
                BasePath::PageFolder(PathBuf::from(written))
            })
        }
        _ => None,
    }
}

/// Snippets' settings from what mkdocs.yml (in `dir`) writes; a file `auto_append` names that
/// is not there is a warning at its key.
fn snippets(
    options: SnippetOptions,
    dir: &Path,
    docs: &str,
    path: &Path,
    text: &str,
    warnings: &mut Vec<Diagnostic>,
) -> crate::snippets::Snippets {
    let bases: Vec<BasePath> = match &options.base_path {
        Some(serde_yaml::Value::Sequence(many)) => many
            .iter()
            .filter_map(|b| base_path(b, dir, docs))
            .collect(),
        Some(one) => base_path(one, dir, docs).into_iter().collect(),
        None => vec![BasePath::Fixed(dir.to_path_buf())],
    };
    let settings = crate::snippets::Snippets {
        base_paths: bases,
        check_paths: options.check_paths,
        auto_append: options.auto_append,
        restrict_base_path: options.restrict_base_path.unwrap_or(true),
        dedent_subsections: options.dedent_subsections,
        url_download: options.url_download,
        site_root: dir.to_path_buf(),
    };
    for file in &settings.auto_append {
        if !crate::snippets::finds(&settings, file) {
            warnings.push(
                Diagnostic::warning(
                    "snippet",
                    path,
                    format!(
                        "`auto_append` names `{file}`, which is not there: no page ends with it"
                    ),
                )
                .at_opt(key_position(text, "auto_append"))
                .hint(
                    "paths are relative to the folder of mkdocs.yml (or the snippets' `base_path`)",
                ),
            );
        }
    }
    settings
}

/// `theme:`, its settings or only its name. Of the settings only `features` and the language
/// are read (the last ones written), and the rest is passed over unread: it may repeat a key,
/// which MkDocs (PyYAML) lets be, or hold tags (`!ENV`, `!relative`).
#[derive(Debug, Default)]
struct Theme {
    features: Vec<serde_yaml::Value>,
    /// MkDocs Material's `language`, or the MkDocs theme's `locale`.
    language: Option<String>,
}

impl<'de> Deserialize<'de> for Theme {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{EnumAccess, IgnoredAny, MapAccess, VariantAccess, Visitor};

        struct ThemeVisitor;
        impl<'de> Visitor<'de> for ThemeVisitor {
            type Value = Theme;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a theme's name, or its settings")
            }
            fn visit_str<E>(self, _: &str) -> Result<Theme, E> {
                Ok(Theme::default())
            }
            fn visit_unit<E>(self) -> Result<Theme, E> {
                Ok(Theme::default())
            }
            fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Theme, A::Error> {
                let (IgnoredAny, variant) = data.variant::<IgnoredAny>()?;
                variant.newtype_variant::<IgnoredAny>()?;
                Ok(Theme::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Theme, A::Error> {
                let mut theme = Theme::default();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "features" {
                        theme.features = map
                            .next_value::<Option<Vec<serde_yaml::Value>>>()?
                            .unwrap_or_default();
                    } else if key == "language" || key == "locale" {
                        let value = map.next_value::<serde_yaml::Value>()?;
                        if let Some(language) = value.as_str() {
                            theme.language = Some(language.to_string());
                        }
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(theme)
            }
        }
        deserializer.deserialize_any(ThemeVisitor)
    }
}

/// Whether the theme's `features` list `feature` (MkDocs Material's switches).
fn theme_feature(theme: Option<&Theme>, feature: &str) -> bool {
    theme.is_some_and(|theme| theme.features.iter().any(|f| f.as_str() == Some(feature)))
}

/// A setting's text: as written, or MkDocs' `!ENV VAR` / `!ENV [VAR, OTHER, default]` (the
/// first variable set, else the last item).
fn setting(value: Option<&serde_yaml::Value>) -> Option<String> {
    match value? {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Tagged(tagged) if tagged.tag == "ENV" => match &tagged.value {
            serde_yaml::Value::String(var) => std::env::var(var).ok(),
            serde_yaml::Value::Sequence(items) if items.len() == 1 => {
                std::env::var(items[0].as_str()?).ok()
            }
            serde_yaml::Value::Sequence(items) => {
                let (default, vars) = items.split_last()?;
                vars.iter()
                    .filter_map(|v| std::env::var(v.as_str()?).ok())
                    .next()
                    .or_else(|| setting(Some(default)))
            }
            _ => None,
        },
        _ => None,
    }
}

/// What handbook makes of an `mkdocs.yml`: the settings (a `book.toml`'s, as TOML), what it
/// keeps, and its warnings.
pub struct Read {
    pub settings: toml::Table,
    /// The docs folder (the content), relative to the file's folder.
    pub docs: PathBuf,
    pub mkdocs: MkDocs,
    pub warnings: Vec<Diagnostic>,
}

/// Whether a YAML value is true as MkDocs (YAML 1.1) reads it: `true`, `yes`, `on`.
fn yaml_true(value: &serde_yaml::Value) -> bool {
    match value {
        serde_yaml::Value::Bool(b) => *b,
        serde_yaml::Value::String(s) => {
            ["true", "yes", "on", "y"].contains(&s.trim().to_ascii_lowercase().as_str())
        }
        _ => false,
    }
}

/// How MkDocs takes a link to a missing page and one to a missing anchor: a warning (by
/// default) or an error. Its `validation:` gives each a level (`links: {not_found: warn,
/// anchors: info}` by default, or the same keys straight under `validation:`), and only with
/// `strict: true` does a warning fail the build; an `info` never does.
fn link_levels(file: &File) -> (BrokenLinks, BrokenLinks) {
    let strict = file.strict.as_ref().is_some_and(yaml_true);
    let level = |key: &str, default: &str| -> BrokenLinks {
        let validation = file.validation.as_ref();
        let given = validation
            .and_then(|v| v.get("links"))
            .and_then(|links| links.get(key))
            .or_else(|| validation.and_then(|v| v.get(key)))
            .and_then(serde_yaml::Value::as_str)
            .unwrap_or(default);
        if strict && given.trim().eq_ignore_ascii_case("warn") {
            BrokenLinks::Error
        } else {
            BrokenLinks::Warn
        }
    };
    (level("not_found", "warn"), level("anchors", "info"))
}

/// The `mkdocs.yml` (or `mkdocs.yaml`) of `dir`, if there is one.
pub fn file_in(dir: &Path) -> Option<PathBuf> {
    FILE_NAMES
        .iter()
        .map(|name| dir.join(name))
        .find(|path| path.is_file())
}

/// Reads the `mkdocs.yml` in `dir`, if there is one.
pub fn read(dir: &Path) -> Result<Option<Read>, Diagnostic> {
    let Some(path) = file_in(dir) else {
        return Ok(None);
    };
    let (file, text): (File, String) = crate::front_matter::read_yaml_file(&path, "mkdocs")?;
    let site_name = setting(file.site_name.as_ref());
    let title = site_name
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map_or_else(|| crate::gitbook::folder_name(dir), str::to_string);
    let description = setting(file.site_description.as_ref());
    let docs_dir = setting(file.docs_dir.as_ref());
    let docs = docs_dir.as_deref().unwrap_or("docs");
    let site_dir = setting(file.site_dir.as_ref());
    let language = file.theme.as_ref().and_then(|t| t.language.as_deref());
    let mut settings = crate::config::borrowed_settings(
        &title,
        description.as_deref(),
        language,
        docs,
        site_dir.as_deref().unwrap_or("site"),
    );
    let (repo_url, edit_uri) = (
        setting(file.repo_url.as_ref()),
        setting(file.edit_uri.as_ref()),
    );
    if let Some(edit_url) = edit_url(repo_url.as_deref(), edit_uri.as_deref(), docs) {
        let mut html = toml::Table::new();
        html.insert("edit_url".into(), toml::Value::String(edit_url));
        settings.insert("html".into(), toml::Value::Table(html));
    }
    let (links, anchors) = link_levels(&file);
    crate::config::set_link_levels(&mut settings, links, anchors);
    crate::config::set_exclude(&mut settings, gitignore_lines(file.exclude_docs.as_ref()));
    // (A bad `not_in_nav` line is let be, as nothing depends on it.)
    let not_in_nav = gitignore_lines(file.not_in_nav.as_ref());
    let not_in_nav = crate::source::Exclude::new(&not_in_nav).unwrap_or_default();
    crate::config::set_last_updated(&mut settings, git_dates(file.plugins.as_ref()));
    let mut warnings = Vec::new();
    // The site's own style sheets and scripts (paths in the docs folder; a script may be
    // `{path: ...}`); addresses of other sites and modules are left out with a warning.
    for (key, own_key, value) in [
        ("extra_css", "extra_css", &file.extra_css),
        ("extra_javascript", "extra_js", &file.extra_javascript),
    ] {
        let Some(serde_yaml::Value::Sequence(items)) = value else {
            continue;
        };
        let mut local = Vec::new();
        for item in items {
            let (named, module) = match item {
                serde_yaml::Value::Mapping(m) => (
                    m.get("path").and_then(|p| p.as_str()),
                    m.get("type").and_then(|t| t.as_str()) == Some("module"),
                ),
                other => (other.as_str(), false),
            };
            let Some(named) = named else { continue };
            if module {
                // The theme's script is a classic one: a module's `import` would break it.
                warnings.push(
                    Diagnostic::warning(
                        "mkdocs",
                        &path,
                        format!("`{key}` names `{named}` as a module: it is left out, as modules are not added"),
                    )
                    .at_opt(key_position(&text, key))
                    .hint("write it as a classic script, or add it in a template of your own"),
                );
                continue;
            }
            if named.contains("://") || named.starts_with("//") {
                warnings.push(
                    Diagnostic::warning(
                        "mkdocs",
                        &path,
                        format!("`{key}` names `{named}`, on another site: it is left out, as the site loads nothing from elsewhere"),
                    )
                    .at_opt(key_position(&text, key))
                    .hint("copy the file into the docs folder and name its path"),
                );
                continue;
            }
            let docs = docs.trim_end_matches('/');
            local.push(toml::Value::String(format!(
                "{docs}/{}",
                named.trim_start_matches('/')
            )));
        }
        if !local.is_empty() {
            settings
                .entry("html")
                .or_insert_with(|| toml::Value::Table(toml::Table::new()))
                .as_table_mut()
                .map(|html| html.insert(own_key.into(), toml::Value::Array(local)));
        }
    }
    let extensions = file.markdown_extensions.unwrap_or_default();
    let (abbreviations, attribute_lists, emoji, math, definition_lists, line_numbers) = (
        extensions.abbr,
        extensions.attr_list,
        extensions.emoji,
        extensions.math,
        extensions.def_list,
        extensions.linenums,
    );
    warnings.extend(unread_extensions_warning(&extensions.names, &path, &text));
    warnings.extend(unrun_plugins_warning(
        file.plugins.as_ref(),
        file.hooks.as_ref(),
        &path,
        &text,
    ));
    let snippets = extensions
        .snippets
        .map(|options| snippets(options, dir, docs, &path, &text, &mut warnings));
    let nav = file.nav.as_ref().map(|nav| nav_chapters(nav, &text));
    let mut web_links = Vec::new();
    if let Some(nav) = &file.nav {
        nav_web_links(nav, &mut web_links);
    }
    if !web_links.is_empty() {
        warnings.push(
            Diagnostic::warning(
                "mkdocs",
                &path,
                format!(
                    "the sidebar lists the site's pages: the nav's links to other sites are not in it ({})",
                    crate::diagnostic::code_list(&web_links)
                ),
            )
            .at_opt(key_position(&text, "nav"))
            .hint("link to them from a page (the home page, say)"),
        );
    }
    if nav.as_ref().is_some_and(Vec::is_empty) {
        warnings.push(
            Diagnostic::warning("mkdocs", &path, "`nav` lists no page: it is left unread")
                .at_opt(key_position(&text, "nav"))
                .hint("list pages as `- Title: page.md`, or remove `nav`"),
        );
    }
    Ok(Some(Read {
        settings,
        docs: PathBuf::from(docs),
        mkdocs: MkDocs {
            path,
            nav: nav.filter(|chapters| !chapters.is_empty()),
            linked_tabs: theme_feature(file.theme.as_ref(), "content.tabs.link"),
            snippets,
            abbreviations,
            attribute_lists,
            md_in_html: extensions.md_in_html,
            emoji,
            magiclink: extensions.magiclink,
            directory_urls: file.use_directory_urls.as_ref().is_none_or(yaml_true),
            math,
            definition_lists,
            line_numbers,
            python_ids: !extensions.own_slugify,
            smart_punctuation: extensions
                .names
                .iter()
                .any(|n| n.strip_prefix("markdown.extensions.").unwrap_or(n) == "smarty"),
            marks: Marks {
                mark: extensions.mark,
                insert: extensions.caret && !extensions.no_insert,
                keys: extensions.keys,
                superscript: extensions.caret && !extensions.no_superscript,
                subscript: extensions.tilde && !extensions.no_subscript,
            },
            not_in_nav,
            blocks: extensions.blocks,
        },
        warnings,
    }))
}

/// Whether `plugins` lists one that shows each page's last change from git
/// (`git-revision-date-localized`, `git-revision-date`), as a name or with its settings, and
/// not `enabled: false` (`enabled: !ENV [CI, false]` counts as on: it is on in CI, where sites
/// are built).
fn git_dates(plugins: Option<&serde_yaml::Value>) -> bool {
    use serde_yaml::Value;
    let is_git_dates = |name: &Value| {
        matches!(
            name.as_str(),
            Some("git-revision-date-localized" | "git-revision-date")
        )
    };
    let on = |settings: &Value| settings.get("enabled") != Some(&Value::Bool(false));
    let in_map = |map: &serde_yaml::Mapping| {
        map.iter()
            .any(|(name, settings)| is_git_dates(name) && on(settings))
    };
    match plugins {
        Some(Value::Sequence(items)) => items.iter().any(|item| match item {
            Value::Mapping(map) => in_map(map),
            name => is_git_dates(name),
        }),
        Some(Value::Mapping(map)) => in_map(map),
        _ => false,
    }
}

/// The edit link of a page from MkDocs' `repo_url` and `edit_uri` (`edit/main/docs/`, relative
/// to the repository and ending in the docs folder), as handbook's `{path}` template, where
/// `{path}` is the page's path below the site's folder (`docs/guide.md`).
fn edit_url(repo_url: Option<&str>, edit_uri: Option<&str>, docs: &str) -> Option<String> {
    let repo = repo_url?.trim().trim_end_matches('/');
    if repo.is_empty() {
        return None;
    }
    let uri = match edit_uri {
        Some(uri) => uri.trim().trim_matches('/').to_string(),
        // MkDocs' own default, for the two hosts it knows.
        None if repo.contains("github.com") => format!("edit/master/{docs}"),
        None if repo.contains("gitlab.com") => format!("-/edit/master/{docs}"),
        None => return None,
    };
    if uri.is_empty() {
        return None;
    }
    let docs = docs.trim_matches('/');
    let base = uri.strip_suffix(docs)?.trim_end_matches('/');
    if uri.starts_with("http://") || uri.starts_with("https://") {
        return Some(format!("{base}/{{path}}"));
    }
    Some(format!("{repo}/{base}/{{path}}"))
}

/// The pages `nav` lists, in order, as chapters of a summary: `- page.md` (named by the page),
/// `- Title: page.md`, and `- Title: [...]` for a group. A group whose first page is its folder's
/// `index.md` (MkDocs Material's section index) is that page, named by the group, with the
/// rest under it; any other group at the top heads its pages as a part of the sidebar, and a
/// deeper one is a group chapter ([`Chapter::group`]) over its pages. Links out of the site
/// are not pages ([`nav_web_links`]).
fn nav_chapters(nav: &serde_yaml::Value, text: &str) -> Vec<Chapter> {
    // Where `nav:` begins: a page's position is where its path is first written after it.
    let start = text
        .lines()
        .position(|l| l.starts_with("nav:"))
        .unwrap_or(0);
    let mut out = Vec::new();
    let mut part = None;
    if let Some(items) = nav.as_sequence() {
        nav_items(items, 0, false, text, start, &mut part, &mut out);
    }
    out
}

/// The titles of `nav`'s links to other sites (`- Chat: https://...`), which the sidebar,
/// listing the site's pages, does not show.
fn nav_web_links(nav: &serde_yaml::Value, out: &mut Vec<String>) {
    for item in nav.as_sequence().into_iter().flatten() {
        let Some((title, value)) = nav_entry(item) else {
            continue;
        };
        match value {
            serde_yaml::Value::String(dest) if crate::checks::is_web_address(dest.trim()) => {
                out.push(if title.is_empty() {
                    dest.trim().to_string()
                } else {
                    title
                });
            }
            serde_yaml::Value::Sequence(_) => nav_web_links(value, out),
            _ => {}
        }
    }
}

/// One entry of `nav`: its title (empty when the page names itself) and what it holds.
fn nav_entry(item: &serde_yaml::Value) -> Option<(String, &serde_yaml::Value)> {
    match item {
        serde_yaml::Value::String(_) => Some((String::new(), item)),
        serde_yaml::Value::Mapping(map) if map.len() == 1 => {
            let (title, value) = map.iter().next()?;
            Some((title.as_str()?.trim().to_string(), value))
        }
        _ => None,
    }
}

/// The pages of nav `items` at `depth`, `in_group` when inside a group without a page of its
/// own.
fn nav_items(
    items: &[serde_yaml::Value],
    depth: usize,
    in_group: bool,
    text: &str,
    start: usize,
    part: &mut Option<String>,
    out: &mut Vec<Chapter>,
) {
    for item in items {
        let Some((title, value)) = nav_entry(item) else {
            continue;
        };
        match value {
            serde_yaml::Value::String(dest) => {
                nav_page(dest, title, depth, text, start, part, out);
            }
            serde_yaml::Value::Sequence(children) => {
                let index = children.first().and_then(nav_entry).and_then(|(_, v)| {
                    let dest = v.as_str()?;
                    let name = dest.rsplit('/').next().unwrap_or(dest);
                    (name == "index.md" || name == "README.md").then_some(dest)
                });
                match index {
                    Some(dest) => {
                        nav_page(dest, title, depth, text, start, part, out);
                        nav_items(&children[1..], depth + 1, false, text, start, part, out);
                    }
                    None => {
                        // A group at the top is a heading over its pages; one inside another
                        // is a section over its pages, with a page made for it.
                        let top = depth == 0 && !in_group;
                        if top || title.is_empty() {
                            if top && !title.is_empty() {
                                *part = Some(title);
                            }
                            nav_items(children, depth, true, text, start, part, out);
                            continue;
                        }
                        let at = out.len();
                        out.push(Chapter {
                            rel: String::new(),
                            group: true,
                            position: title_position(&title, text, start),
                            title,
                            dest: String::new(),
                            depth,
                            part: part.take(),
                        });
                        nav_items(children, depth + 1, false, text, start, part, out);
                        // Its folder: the one its pages share.
                        out[at].rel = shared_folder(
                            out[at + 1..]
                                .iter()
                                .filter(|c| !c.group)
                                .map(|c| c.rel.as_str()),
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

fn nav_page(
    dest: &str,
    title: String,
    depth: usize,
    text: &str,
    start: usize,
    part: &mut Option<String>,
    out: &mut Vec<Chapter>,
) {
    let dest = dest.trim();
    if dest.contains("://") || dest.starts_with("//") || !crate::links::is_markdown(dest) {
        return;
    }
    let Some(rel) = crate::links::normalize("", &crate::links::percent_decode(dest)) else {
        return;
    };
    let position = text
        .lines()
        .enumerate()
        .skip(start)
        .find_map(|(i, line)| {
            // The path itself, not the end of a longer one (`index.md` in `guide/index.md`).
            let at = line.match_indices(dest).map(|(at, _)| at).find(|&at| {
                let before = line[..at].chars().next_back();
                let after = line[at + dest.len()..].chars().next();
                before.is_none_or(|c| matches!(c, ' ' | '"' | '\'' | ':' | '[' | ','))
                    && after.is_none_or(|c| matches!(c, ' ' | '"' | '\'' | ']' | ',' | '#'))
            })?;
            Some(Position::new(i + 1, line[..at].chars().count() + 1))
        })
        .unwrap_or(Position::new(start + 1, 1));
    out.push(Chapter {
        rel,
        group: false,
        title,
        position,
        dest: dest.to_string(),
        depth,
        part: part.take(),
    });
}

/// The patterns of `exclude_docs` or `not_in_nav`: lines of a .gitignore, in one string.
fn gitignore_lines(value: Option<&serde_yaml::Value>) -> Vec<String> {
    setting(value)
        .unwrap_or_default()
        .lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Where a nav group's `title:` is written, at or after line `start`.
fn title_position(title: &str, text: &str, start: usize) -> Position {
    text.lines()
        .enumerate()
        .skip(start)
        .find_map(|(i, line)| {
            let at = line.find(title)?;
            line[at + title.len()..]
                .trim_start_matches(['"', '\''])
                .starts_with(':')
                .then(|| Position::new(i + 1, line[..at].chars().count() + 1))
        })
        .unwrap_or(Position::new(start + 1, 1))
}

/// The folder that the files `rels` (below the content folder) all lie in, `` for none.
fn shared_folder<'r>(rels: impl Iterator<Item = &'r str>) -> String {
    let mut shared: Option<Vec<&str>> = None;
    for rel in rels {
        let parts: Vec<&str> = rel.split('/').collect();
        let folders = &parts[..parts.len() - 1];
        shared = Some(match shared {
            None => folders.to_vec(),
            Some(before) => before
                .iter()
                .zip(folders)
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| *a)
                .collect(),
        });
    }
    shared.unwrap_or_default().join("/")
}

/// The kinds of pymdownx's inline marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkKind {
    Mark,
    Insert,
    Keys,
    Superscript,
    Subscript,
}

/// pymdownx's inline marks in a page's text, outside code and raw HTML: `==marked==` as
/// `<mark>`, `^^inserted^^` as `<ins>`, `++ctrl+alt+del++` as keys, `^sup^` and `~sub~` (with
/// no space inside, as pymdownx reads them: `H~2~O`, `2^10^`). A mark opens and closes on one
/// line, the text inside it starting and ending with something other than a space; the text
/// inside is still Markdown.
pub fn expand_inline_marks(page: &mut ParsedPage, marks: Marks) {
    let body = page.body();
    let delimiters: Vec<(&str, MarkKind)> = [
        ("==", MarkKind::Mark, marks.mark),
        ("^^", MarkKind::Insert, marks.insert),
        ("++", MarkKind::Keys, marks.keys),
        // After `^^`, which is tried first where both start.
        ("^", MarkKind::Superscript, marks.superscript),
        ("~", MarkKind::Subscript, marks.subscript),
    ]
    .into_iter()
    .filter(|&(d, _, on)| on && body.contains(d))
    .map(|(d, kind, _)| (d, kind))
    .collect();
    if delimiters.is_empty() {
        return;
    }
    let text = mark_text_ranges(body);
    let in_text = |at: usize| crate::expand::inside(&text, at) && !body[..at].ends_with('\\');
    let mut changes: Vec<(usize, usize, String)> = Vec::new();
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let mut at = 0;
        while let Some((i, d, kind)) = delimiters
            .iter()
            .filter_map(|&(d, kind)| line[at..].find(d).map(|i| (at + i, d, kind)))
            .min_by_key(|found| found.0)
        {
            let inner_start = i + d.len();
            let Some(first) = line[inner_start..]
                .chars()
                .next()
                .filter(|_| opens(line, i, d) && in_text(start + i))
            else {
                at = i + 1;
                continue;
            };
            let mut search = inner_start + first.len_utf8();
            let mut close = None;
            while let Some(j) = line[search..].find(d).map(|j| search + j) {
                if closes(line, j, d) && in_text(start + j) {
                    close = Some(j);
                    break;
                }
                search = j + 1;
            }
            let Some(j) = close else {
                at = inner_start;
                continue;
            };
            let inner = &line[inner_start..j];
            match kind {
                MarkKind::Keys => match keys_html(inner) {
                    Some(html) => changes.push((start + i, start + j + d.len(), html)),
                    None => {
                        at = inner_start;
                        continue;
                    }
                },
                MarkKind::Superscript | MarkKind::Subscript
                    if inner.contains(char::is_whitespace) =>
                {
                    at = inner_start;
                    continue;
                }
                _ => {
                    let tag = match kind {
                        MarkKind::Mark => "mark",
                        MarkKind::Insert => "ins",
                        MarkKind::Superscript => "sup",
                        _ => "sub",
                    };
                    changes.push((start + i, start + inner_start, format!("<{tag}>")));
                    changes.push((start + j, start + j + d.len(), format!("</{tag}>")));
                }
            }
            at = j + d.len();
        }
    }
    if !changes.is_empty() {
        page.replace_ranges(changes, Vec::new());
    }
}

/// Where marks may be in `body`: its text, as Markdown reads it (not code, raw HTML, link
/// addresses, autolinks, images' text, math or footnote references). `~` is read as text
/// there (no strikethrough), so a `~sub~` is found.
fn mark_text_ranges(body: &str) -> Vec<(usize, usize)> {
    use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
    let options = crate::expand::options() - pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    // Inside an image, or a link that is an address as written.
    let mut hidden = 0usize;
    let mut links: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { .. }) => hidden += 1,
            Event::End(TagEnd::Image) => hidden = hidden.saturating_sub(1),
            Event::Start(Tag::Link { link_type, .. }) => {
                let address = matches!(link_type, LinkType::Autolink | LinkType::Email);
                links.push(address);
                hidden += usize::from(address);
            }
            Event::End(TagEnd::Link) if links.pop() == Some(true) => {
                hidden = hidden.saturating_sub(1);
            }
            Event::Text(_) if hidden == 0 => match ranges.last_mut() {
                Some(last) if last.1 >= range.start => last.1 = last.1.max(range.end),
                _ => ranges.push((range.start, range.end)),
            },
            _ => {}
        }
    }
    ranges
}

/// Whether the delimiter `d` at `i` in `line` opens a mark: not part of a longer run, and
/// followed by something other than a space; a double one (`==`) not inside a word
/// (pymdownx's "smart" marks: `x==1` is no mark).
fn opens(line: &str, i: usize, d: &str) -> bool {
    let c = d.as_bytes()[0];
    let before = i.checked_sub(1).map(|b| line.as_bytes()[b]);
    let after = line.as_bytes().get(i + d.len()).copied();
    let in_word = d.len() > 1 && before.is_some_and(|b| b.is_ascii_alphanumeric());
    before != Some(c) && !in_word && after.is_some_and(|a| a != c && !a.is_ascii_whitespace())
}

/// Whether the delimiter `d` at `j` in `line` closes a mark: not part of a longer run, and
/// after something other than a space; a double one not inside a word.
fn closes(line: &str, j: usize, d: &str) -> bool {
    let c = d.as_bytes()[0];
    let before = j.checked_sub(1).map(|b| line.as_bytes()[b]);
    let after = line.as_bytes().get(j + d.len()).copied();
    let in_word = d.len() > 1 && after.is_some_and(|a| a.is_ascii_alphanumeric());
    before.is_some_and(|b| b != c && !b.is_ascii_whitespace()) && after != Some(c) && !in_word
}

/// The HTML of pymdownx.keys' `ctrl+alt+del` (names, or quoted labels, joined by `+`), `None`
/// when it is not one (`C++ and C++`).
fn keys_html(inner: &str) -> Option<String> {
    let mut keys = Vec::new();
    let mut rest = inner;
    loop {
        let (label, after) = if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"')?;
            (escape(&quoted[..end]), &quoted[end + 1..])
        } else {
            let end = rest.find('+').unwrap_or(rest.len());
            let name = &rest[..end];
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                return None;
            }
            (key_label(name), &rest[end..])
        };
        keys.push(format!("<kbd>{label}</kbd>"));
        match after.strip_prefix('+') {
            Some(next) => rest = next,
            None if after.is_empty() => break,
            None => return None,
        }
    }
    Some(format!("<span class=\"hb-keys\">{}</span>", keys.join("+")))
}

/// How a key's name (`ctrl`, `page-up`, `f5`, `a`) is labelled.
fn key_label(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let known = match lower.as_str() {
        "ctrl" | "control" => "Ctrl",
        "alt" => "Alt",
        "alt-graph" | "altgr" => "AltGr",
        "shift" => "Shift",
        "cmd" | "command" => "Cmd",
        "opt" | "option" => "Option",
        "meta" => "Meta",
        "win" | "windows" => "Win",
        "super" => "Super",
        "fn" => "Fn",
        "enter" | "return" => "Enter",
        "esc" | "escape" => "Esc",
        "tab" => "Tab",
        "space" | "spacebar" => "Space",
        "backspace" => "Backspace",
        "del" | "delete" => "Del",
        "ins" | "insert" => "Ins",
        "home" => "Home",
        "end" => "End",
        "page-up" | "pgup" => "Page Up",
        "page-down" | "pgdn" => "Page Down",
        "arrow-up" | "up" => "Up",
        "arrow-down" | "down" => "Down",
        "arrow-left" | "left" => "Left",
        "arrow-right" | "right" => "Right",
        "caps-lock" => "Caps Lock",
        "num-lock" => "Num Lock",
        "scroll-lock" => "Scroll Lock",
        "print-screen" => "Print Screen",
        "plus" => "+",
        "minus" => "-",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    if lower.len() == 1 {
        return lower.to_ascii_uppercase();
    }
    // `f5` is F5; other names are words: `context-menu` is Context Menu.
    lower
        .split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut word = w.to_string();
            word[..1].make_ascii_uppercase();
            word
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Python-Markdown's and pymdownx's extensions whose syntax handbook reads (or which change
/// nothing it shows: `tables`, `meta`, `sane_lists`...).
const READ_EXTENSIONS: &[&str] = &[
    "abbr",
    "admonition",
    "attr_list",
    "codehilite",
    "def_list",
    "extra",
    "fenced_code",
    "footnotes",
    "md_in_html",
    "meta",
    "sane_lists",
    "smarty",
    "tables",
    "toc",
    "mdx_truly_sane_lists",
    "pymdownx.arithmatex",
    "pymdownx.b64",
    "pymdownx.betterem",
    "pymdownx.blocks.admonition",
    "pymdownx.blocks.details",
    "pymdownx.blocks.html",
    "pymdownx.blocks.tab",
    "pymdownx.caret",
    "pymdownx.details",
    "pymdownx.emoji",
    "pymdownx.highlight",
    "pymdownx.keys",
    "pymdownx.magiclink",
    "pymdownx.mark",
    "pymdownx.pathconverter",
    "pymdownx.saneheaders",
    "pymdownx.snippets",
    "pymdownx.striphtml",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tasklist",
    "pymdownx.tilde",
];

/// One warning naming the `markdown_extensions` handbook does not read: what their syntax
/// adds shows as written.
fn unread_extensions_warning(names: &[String], path: &Path, text: &str) -> Option<Diagnostic> {
    let mut unread: Vec<&str> = names
        .iter()
        .map(|n| n.strip_prefix("markdown.extensions.").unwrap_or(n))
        .filter(|n| !READ_EXTENSIONS.contains(n))
        .collect();
    // Each once, in the order listed (an `INHERIT`ed file may list one again).
    let mut seen = std::collections::HashSet::new();
    unread.retain(|n| seen.insert(*n));
    if unread.is_empty() {
        return None;
    }
    let list = crate::diagnostic::code_list(&unread);
    Some(
        Diagnostic::warning(
            "mkdocs",
            path,
            format!("handbook does not read the markdown_extensions {list}: what their syntax adds shows as written"),
        )
        .at_opt(key_position(text, "markdown_extensions"))
        .hint("write those parts of the pages in plain Markdown, or leave the warning be while the site still builds with MkDocs"),
    )
}

/// Plugins whose work handbook does itself or needs not: search, git dates, tags, and those
/// that only optimise, look or work offline.
const PLUGINS_DONE: &[&str] = &[
    "search",
    "git-revision-date-localized",
    "git-revision-date",
    "git-committers",
    "git-authors",
    "tags",
    "social",
    "minify",
    "minify-html",
    "optimize",
    "privacy",
    "offline",
    "typeset",
    "info",
    "glightbox",
    "rss",
];

/// One warning naming the plugins (other than [`PLUGINS_DONE`]) and hooks handbook does not
/// run: what they add to or change in pages (a macro's `{{ value }}`, an `.pages` file's order,
/// a hook's shortcodes) is missing, which is often why a page shows raw syntax.
fn unrun_plugins_warning(
    plugins: Option<&serde_yaml::Value>,
    hooks: Option<&serde_yaml::Value>,
    path: &Path,
    text: &str,
) -> Option<Diagnostic> {
    use serde_yaml::Value;
    let name_of = |item: &Value| match item {
        Value::Mapping(map) => map
            .keys()
            .next()
            .and_then(Value::as_str)
            .map(str::to_string),
        other => other.as_str().map(str::to_string),
    };
    let mut names: Vec<String> = match plugins {
        Some(Value::Sequence(items)) => items.iter().filter_map(name_of).collect(),
        Some(Value::Mapping(map)) => map
            .keys()
            .filter_map(|k| k.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    // A plugin may be named with its package's prefix (`material/search`).
    names.retain(|n| !PLUGINS_DONE.contains(&n.rsplit('/').next().unwrap_or(n)));
    let hooks: Vec<String> = match hooks {
        Some(Value::Sequence(items)) => items
            .iter()
            .filter_map(|h| h.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    };
    let named = |what: &str, list: &[String]| {
        let plural = if list.len() == 1 { "" } else { "s" };
        format!("the {what}{plural} {}", crate::diagnostic::code_list(list))
    };
    let mut parts = Vec::new();
    if !names.is_empty() {
        parts.push(named("plugin", &names));
    }
    if !hooks.is_empty() {
        parts.push(named("hook", &hooks));
    }
    if parts.is_empty() {
        return None;
    }
    let key = if names.is_empty() { "hooks" } else { "plugins" };
    Some(
        Diagnostic::warning(
            "mkdocs",
            path,
            format!(
                "handbook does not run {}: what they add to or change in the pages is missing, and \
                 their syntax shows as written",
                parts.join(" or ")
            ),
        )
        .at_opt(key_position(text, key))
        .hint("write what they make into the pages themselves, or leave the warning be while the site still builds with MkDocs"),
    )
}

/// Where the file's top-level `key:` is.
fn key_position(text: &str, key: &str) -> Option<Position> {
    let written = format!("{key}:");
    text.lines()
        .position(|line| line.starts_with(&written))
        .map(|i| Position::new(i + 1, 1))
}

/// What an admonition's type is shown as: handbook's callout class, and its title when the
/// admonition gives none.
fn admonition(kind: &str) -> (&'static str, String) {
    let class = match kind.to_ascii_lowercase().as_str() {
        "tip" | "hint" | "success" | "check" | "done" => "tip",
        "important" => "important",
        "warning" | "caution" | "attention" => "warning",
        "danger" | "error" | "failure" | "fail" | "missing" | "bug" => "caution",
        _ => "note",
    };
    let mut title: Vec<char> = kind.chars().collect();
    if let Some(first) = title.first_mut() {
        *first = first.to_ascii_uppercase();
    }
    (class, title.into_iter().collect())
}

/// A line that opens a block: `!!! type "title"`, `??? type`, `???+ type`, or `=== "title"`.
enum Opener {
    Admonition {
        class: &'static str,
        title: Option<String>,
        /// `None`: always open; `Some(open)`: collapsible, open or not at first.
        details: Option<bool>,
    },
    Tab {
        title: String,
    },
}

fn opener(line: &str) -> Option<Opener> {
    let line = line.trim_end();
    let (marker, rest) = ["???+", "???", "!!!", "===+", "==="]
        .into_iter()
        .find_map(|m| line.strip_prefix(m).map(|rest| (m, rest)))?;
    let quoted = |s: &str| {
        let s = s.trim();
        s.strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .map(str::to_string)
    };
    if marker.starts_with('=') {
        // `=== "Tab"`: a space, then the quoted title.
        if !rest.starts_with(char::is_whitespace) {
            return None;
        }
        return Some(Opener::Tab {
            title: quoted(rest)?,
        });
    }
    // `!!! type`, `!!!type`, `!!! type more words "Title"`: the words after the type are
    // MkDocs Material's options (`inline end`), the title is quoted.
    let (words, title) = match rest.find('"') {
        Some(q) => (&rest[..q], Some(quoted(&rest[q..])?)),
        None => (rest, None),
    };
    let mut words = words.split_whitespace();
    let kind = words.next()?;
    let word = |w: &str| {
        w.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    };
    if !word(kind) || !words.all(word) {
        return None;
    }
    let (class, default_title) = admonition(kind);
    Some(Opener::Admonition {
        class,
        title: Some(title.unwrap_or(default_title)).filter(|t| !t.is_empty()),
        details: match marker {
            "!!!" => None,
            m => Some(m == "???+"),
        },
    })
}

/// A line's leading white space: its width in columns (a tab reaching the next multiple of
/// four, as MkDocs' Markdown reads it) and in bytes.
pub(crate) fn indentation(line: &str) -> (usize, usize) {
    let mut columns = 0;
    let mut bytes = 0;
    for b in line.bytes() {
        match b {
            b' ' => columns += 1,
            b'\t' => columns += 4 - columns % 4,
            _ => break,
        }
        bytes += 1;
    }
    (columns, bytes)
}

/// How many bytes of a line's leading white space make up `columns` columns (a tab that
/// reaches past them whole).
fn cut_bytes(line: &str, columns: usize) -> usize {
    let mut width = 0;
    let mut bytes = 0;
    for b in line.bytes() {
        if width >= columns {
            break;
        }
        match b {
            b' ' => width += 1,
            b'\t' => width += 4 - width % 4,
            _ => break,
        }
        bytes += 1;
    }
    bytes
}

/// The body of a page with its blocks turned into HTML and their content moved out of its
/// indentation, and where each change went.
struct Expanded {
    text: String,
    splices: Vec<Splice>,
    /// Where fences never closed in their block are, in the body: shown as written.
    unclosed: Vec<usize>,
    /// How a set of tabs starts: linked to the others or not.
    tabs_start: String,
}

/// The group of every set of tabs in a site with MkDocs Material's `content.tabs.link`.
const LINKED_TABS: &str = "mkdocs";

impl Expanded {
    /// Text put in where nothing was written.
    fn insert(&mut self, at: usize, text: &str) {
        self.splices.push((self.text.len(), text.len(), at, 0));
        self.text.push_str(text);
    }
}

/// How deep blocks may nest: deeper markers are text (a page of thousands of nested blocks
/// must not exhaust the stack).
const MAX_DEPTH: usize = 32;

/// A line of the body: its start and end (past its newline) in the body.
type Line = (usize, usize);

/// The fence a line opens a fenced code block with (`` ``` ``, `~~~~`): its character and
/// length.
fn opens_fence(content: &str) -> Option<(u8, usize)> {
    let (lead, bytes) = indentation(content);
    let trimmed = &content[bytes..];
    if lead >= 4 {
        return None;
    }
    [b'`', b'~'].into_iter().find_map(|c| {
        let n = trimmed.bytes().take_while(|&b| b == c).count();
        (n >= 3).then_some((c, n))
    })
}

/// Whether a line closes a fenced code block opened with `n` of `c`.
fn closes_fence(content: &str, c: u8, n: usize) -> bool {
    let trimmed = content.trim_start_matches(' ');
    content.len() - trimmed.len() < 4
        && trimmed.bytes().take_while(|&b| b == c).count() >= n
        && trimmed.trim_start_matches(c as char).trim().is_empty()
}

/// The line of `lines` (read as [`expand_lines`] reads them) that opens a fenced code block
/// none of them closes.
fn unclosed_fence(body: &str, lines: &[Line], keep: usize, indent: usize) -> Option<usize> {
    let mut fence: Option<(u8, usize, usize)> = None;
    for (k, &(start, end)) in lines.iter().enumerate() {
        let line = &body[start..end];
        let kept = cut_bytes(line, keep);
        let cut = cut_bytes(&line[kept..], indent);
        let content = line[kept + cut..].trim_end_matches(['\n', '\r']);
        match fence {
            Some((c, n, _)) => {
                if closes_fence(content, c, n) {
                    fence = None;
                }
            }
            None => fence = opens_fence(content).map(|(c, n)| (c, n, k)),
        }
    }
    fence.map(|f| f.2)
}

/// A line without its indentation and a definition's marker before its text (`:   !!! tip`).
fn unmarked(line: &str) -> &str {
    let text = line.trim_start();
    match text.strip_prefix(':') {
        Some(after) if after.starts_with([' ', '\t']) => after.trim_start(),
        _ => text,
    }
}

/// Where blocks may stand in a list item or a definition: the offsets in the body where the
/// Markdown parser starts a paragraph inside one (`1.  Step:` then `    !!! note` below it).
/// Empty when no block marker is indented.
fn item_paragraphs(body: &str) -> std::collections::HashSet<usize> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut starts = std::collections::HashSet::new();
    if !body
        .lines()
        .any(|l| l.starts_with([' ', '\t', ':']) && opener(unmarked(l)).is_some())
    {
        return starts;
    }
    // The items and definitions open, each with whether it is one: a definition's colon is
    // followed by a space (`:icon: text` is text in the end,
    // [`crate::expand::escape_unspaced_definition_markers`]).
    let mut open: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(body, crate::expand::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Item) => open.push(true),
            Event::Start(Tag::DefinitionListDefinition) => {
                let marker = body[range.start..].trim_start_matches(':');
                let real = marker.starts_with([' ', '\t']);
                open.push(real);
                // A tight one's text starts no paragraph: where it starts is noted here.
                if real {
                    let text = marker.trim_start_matches([' ', '\t']);
                    starts.insert(body.len() - text.len());
                }
            }
            Event::End(TagEnd::Item | TagEnd::DefinitionListDefinition) => {
                open.pop();
            }
            Event::Start(Tag::Paragraph) if open.iter().any(|&real| real) => {
                starts.insert(range.start);
            }
            _ => {}
        }
    }
    starts
}

/// Turns the lines `lines` of `body`, all indented at least `keep + indent` (blank ones aside),
/// into `out`: copied without `indent` columns of that after the first `keep` (each cut noted),
/// blocks expanded. `keep` is the indentation of the list item a block stands in
/// ([`item_paragraphs`]), which its lines keep to stay in the item.
fn expand_lines(
    body: &str,
    lines: &[Line],
    keep: usize,
    indent: usize,
    items: &std::collections::HashSet<usize>,
    out: &mut Expanded,
) {
    // In a block, a fence never closed in it is text (it would run on past the block's end).
    let unclosed = (keep + indent > 0)
        .then(|| unclosed_fence(body, lines, keep, indent))
        .flatten();
    let mut i = 0;
    // A fenced code block open at this level: its fence character and length.
    let mut fence: Option<(u8, usize)> = None;
    // The indentation of the list item the last block stood in, while the item goes on: a
    // block right after it (no blank line between) is the item's too, though the parser reads
    // both as one paragraph.
    let mut item_level: Option<usize> = None;
    while i < lines.len() {
        let (start, end) = lines[i];
        let line = &body[start..end];
        let kept = cut_bytes(line, keep);
        let cut = cut_bytes(&line[kept..], indent);
        let own = &line[kept + cut..];
        let content = own.trim_end_matches(['\n', '\r']);
        // The line up to its text: the kept indentation, the cut noted.
        let push_margin = |out: &mut Expanded| {
            out.text.push_str(&line[..kept]);
            if cut > 0 {
                out.splices.push((out.text.len(), 0, start + kept, cut));
            }
        };
        let copy = |out: &mut Expanded| {
            push_margin(out);
            out.text.push_str(own);
        };
        if let Some((c, n)) = fence {
            if closes_fence(content, c, n) {
                fence = None;
            }
            copy(out);
            i += 1;
            continue;
        }
        let (lead, lead_bytes) = indentation(content);
        let trimmed = &content[lead_bytes..];
        if unclosed == Some(i) {
            // Escaped, its marks show as written.
            push_margin(out);
            out.text.push_str(&own[..lead_bytes]);
            out.insert(start + kept + cut + lead_bytes, "\\");
            out.text.push_str(&own[lead_bytes..]);
            out.unclosed.push(start + kept + cut + lead_bytes);
            i += 1;
            continue;
        }
        fence = opens_fence(content);
        // A block stands at this level, or (at the page's top level only) indented in a list
        // item or a definition, or after a definition's marker (`:   !!! tip`), where the parser
        // reads its marker as the item's text.
        let (lead, lead_bytes, marked) = match trimmed.strip_prefix(':') {
            Some(after) if lead < 4 && after.starts_with([' ', '\t']) => {
                let (width, bytes) = indentation(after);
                (lead + 1 + width, lead_bytes + 1 + bytes, true)
            }
            _ => (lead, lead_bytes, false),
        };
        if !content.trim().is_empty() && item_level.is_some_and(|level| lead < level) {
            item_level = None;
        }
        let in_item = lead > 0
            && keep == 0
            && indent == 0
            && (items.contains(&(start + kept + cut + lead_bytes)) || item_level == Some(lead));
        let block =
            if ((lead == 0 && !marked) || in_item) && fence.is_none() && indent < MAX_DEPTH * 4 {
                opener(&content[lead_bytes..])
            } else {
                None
            };
        let Some(block) = block else {
            copy(out);
            i += 1;
            continue;
        };
        // Where the block's lines keep their indentation to (the item's), and its level there.
        let (keep, level) = if in_item {
            (lead, lead)
        } else {
            (keep, keep + indent)
        };
        // What comes before its HTML on a line: the item's indentation.
        let prefix = match in_item {
            true => &line[..kept + cut + lead_bytes],
            false => &line[..kept],
        };
        // The block's lines: blank ones, and those indented four more.
        let mut j = i + 1;
        let mut last_content = i;
        while j < lines.len() {
            let l = body[lines[j].0..lines[j].1].trim_end_matches(['\n', '\r']);
            if l.trim().is_empty() {
                j += 1;
                continue;
            }
            if indentation(l).0 >= level + 4 {
                last_content = j;
                j += 1;
            } else {
                break;
            }
        }
        let inner = &lines[i + 1..=last_content];
        let (open, close) = match block {
            Opener::Admonition {
                class,
                title,
                details: None,
            } => (
                // Python-Markdown reads a title's Markdown (`code`, *emphasis*, links) too.
                callout_start_html(
                    class,
                    title
                        .as_deref()
                        .map(|t| inline_text_html_in(t, body))
                        .as_deref(),
                ),
                "</div>",
            ),
            Opener::Admonition {
                class,
                title,
                details: Some(open),
            } => (
                details_start_html(
                    class,
                    &inline_text_html_in(title.as_deref().unwrap_or("Details"), body),
                    open,
                ),
                "</details>",
            ),
            Opener::Tab { title } => {
                // The first of a run of tabs opens the set, the last closes it.
                let first = !previous_is_tab(body, lines, i, level);
                let set = if first { out.tabs_start.as_str() } else { "" };
                (
                    format!("{set}{}", tab_start_html(&inline_text_html(&title))),
                    if next_is_tab(body, lines, last_content + 1, level) {
                        "</div>"
                    } else {
                        "</div></div>"
                    },
                )
            }
        };
        // The opening line is replaced whole; the block's text follows, out of its indentation.
        let replaced = format!("\n{prefix}{open}\n\n");
        out.splices
            .push((out.text.len(), replaced.len(), start, end - start));
        out.text.push_str(&replaced);
        let inner_indent = if in_item { 4 } else { indent + 4 };
        expand_lines(body, inner, keep, inner_indent, items, out);
        if !out.text.ends_with('\n') {
            out.insert(lines[last_content].1, "\n");
        }
        let prefix = " ".repeat(keep);
        out.insert(lines[last_content].1, &format!("\n{prefix}{close}\n\n"));
        i = last_content + 1;
        if in_item {
            item_level = Some(keep);
        }
    }
}

/// Whether the last line with text before line `i` is the content of a tab at this level (so
/// that the tab at `i` continues its set).
fn previous_is_tab(body: &str, lines: &[Line], i: usize, indent: usize) -> bool {
    let mut k = i;
    while k > 0 {
        k -= 1;
        let l = body[lines[k].0..lines[k].1].trim_end_matches(['\n', '\r']);
        if l.trim().is_empty() {
            continue;
        }
        let (lead, bytes) = indentation(l);
        if lead >= indent + 4 {
            continue;
        }
        return lead == indent && matches!(opener(&l[bytes..]), Some(Opener::Tab { .. }));
    }
    false
}

/// Whether the first line with text from line `i` opens another tab at this level.
fn next_is_tab(body: &str, lines: &[Line], i: usize, indent: usize) -> bool {
    lines[i.min(lines.len())..]
        .iter()
        .map(|&(s, e)| body[s..e].trim_end_matches(['\n', '\r']))
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| {
            let (lead, bytes) = indentation(l);
            lead == indent && matches!(opener(&l[bytes..]), Some(Opener::Tab { .. }))
        })
}

/// Shows MkDocs' admonitions and content tabs in a page of an MkDocs site (one built from an
/// `mkdocs.yml`; [`crate::expand_borrowed_syntax`]): `!!! note "Title"` and its
/// indented text as a callout, `??? note` as one that opens and closes (`???+` open at
/// first), `=== "Tab"` runs as tabs. Positions in diagnostics stay those of the file.
pub fn expand_blocks(page: &mut ParsedPage, linked_tabs: bool) -> Vec<Diagnostic> {
    let body = page.body();
    let has_block = body.lines().any(|l| opener(unmarked(l)).is_some());
    if !has_block {
        return Vec::new();
    }
    let lines = lines_of(body);
    let items = item_paragraphs(body);
    let mut out = Expanded {
        text: String::with_capacity(body.len() + 256),
        splices: Vec::new(),
        unclosed: Vec::new(),
        tabs_start: set_start(linked_tabs),
    };
    expand_lines(body, &lines, 0, 0, &items, &mut out);
    if out.splices.is_empty() {
        return Vec::new();
    }
    let positions = page.file_positions();
    let diagnostics = out
        .unclosed
        .iter()
        .map(|&at| {
            Diagnostic::warning(
                "unclosed-fence",
                &page.path,
                "this code block's fence is never closed inside its admonition or tab: it shows \
                 as written, as MkDocs shows it",
            )
            .at(positions.position(page.body_start + at))
            .hint("add a closing fence line, indented as this one is, where the code ends")
        })
        .collect();
    page.replace_body(&out.text, out.splices, Vec::new());
    diagnostics
}

/// The lines of `body`: each one's start and end (past its newline).
fn lines_of(body: &str) -> Vec<Line> {
    crate::source::lines_with_offsets(body)
        .into_iter()
        .map(|(start, line)| (start, start + line.len()))
        .collect()
}

/// How a set of tabs starts: with MkDocs Material's `content.tabs.link`, in one group for every
/// set (a set shows the tab of the chosen label if it has one).
fn set_start(linked_tabs: bool) -> String {
    match linked_tabs {
        true => tabs_start(Some(LINKED_TABS), None),
        false => TABS_START.to_string(),
    }
}

/// Python-Markdown's `abbr`: takes the page's `*[HTML]: Hyper Text Markup Language` lines
/// (outside code; the meaning may be on the next line) out of its text and keeps them as the
/// page's abbreviations ([`ParsedPage::abbreviations`]), the last meaning of one written twice;
/// `*[HTML]: ""` forgets one.
pub fn take_abbreviations(page: &mut ParsedPage) {
    let body = page.body();
    if !body.contains("*[") {
        return;
    }
    let literal = crate::expand::literal_ranges(body, false);
    let lines = crate::source::lines_with_offsets(body);
    // In order: a later definition of one replaces it, `None` forgets it.
    let mut definitions: Vec<(String, Option<String>)> = Vec::new();
    // The lines to take out, each for a blank one: the text around it are paragraphs of their
    // own.
    let mut cuts: Vec<(usize, usize, String)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (at, line) = lines[i];
        let trimmed = line.trim_start_matches([' ', '\t']);
        let start = at + line.len() - trimmed.len();
        let Some((abbr, meaning)) = abbreviation(trimmed.trim_end_matches(['\n', '\r']))
            .filter(|_| !crate::expand::inside(&literal, start))
        else {
            i += 1;
            continue;
        };
        // The meaning alone on the next line; without one the line is text.
        let (meaning, end, next) = match (meaning.is_empty(), lines.get(i + 1)) {
            (true, Some(&(next_at, next))) if !next.trim().is_empty() => {
                (next.trim(), next_at + next.len(), i + 1)
            }
            _ => (meaning, at + line.len(), i),
        };
        if meaning.is_empty() {
            i += 1;
            continue;
        }
        i = next;
        // `""` forgets the abbreviation; other quotes stay, as Python-Markdown has them.
        let forget = meaning == "\"\"" || meaning == "''";
        definitions.push((
            abbr.trim().to_string(),
            (!forget).then(|| meaning.to_string()),
        ));
        cuts.push((at, end, "\n".to_string()));
        i += 1;
    }
    if cuts.is_empty() {
        return;
    }
    let mut seen = std::collections::HashSet::new();
    let mut found: Vec<(String, String)> = definitions
        .into_iter()
        .rev()
        .filter(|(abbr, _)| seen.insert(abbr.clone()))
        .filter_map(|(abbr, meaning)| Some((abbr, meaning?)))
        .collect();
    found.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    page.replace_ranges(cuts, Vec::new());
    page.abbreviations = found;
}

/// Python-Markdown's `attr_list` on links and images: `![Chart](chart.png){ width="300" }`,
/// `[Start](setup.md){ .md-button #start }` (or `{: ...}`) give the image or link those
/// attributes (`.name` a class, `#name` its id, `key=value`), as HTML put in the page's text in
/// their place, whose links are checked and rewritten like any other's. Headings' attributes are
/// read by the Markdown parser itself. A list that is not all attributes stays text.
pub fn apply_attribute_lists(page: &mut ParsedPage) {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};

    let body = page.body();
    if !body.contains("){") && !body.contains("]{") {
        return;
    }
    /// A link or image being read: where it starts, its address and title, where its text
    /// starts and ends in the body, and (an image's) alternative text.
    struct Open {
        start: usize,
        image: bool,
        dest: String,
        title: String,
        text_start: usize,
        text_end: usize,
        alt: String,
    }
    let mut open: Vec<Open> = Vec::new();
    let mut changes: Vec<(usize, usize, String)> = Vec::new();
    for (event, range) in Parser::new_ext(body, crate::expand::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link {
                dest_url, title, ..
            })
            | Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let image = body[range.start..].starts_with('!');
                let text_start = range.start + if image { 2 } else { 1 };
                open.push(Open {
                    start: range.start,
                    image,
                    dest: dest_url.to_string(),
                    title: title.to_string(),
                    text_start,
                    text_end: text_start,
                    alt: String::new(),
                });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some(item) = open.pop() else { continue };
                if let Some(outer) = open.last_mut() {
                    outer.text_end = outer.text_end.max(range.end);
                }
                let Some((attributes, length)) = attribute_list(&body[range.end..]) else {
                    continue;
                };
                let quoted = crate::markdown::escape;
                let mut tag = if item.image {
                    format!(
                        "<img src=\"{}\" alt=\"{}\"",
                        quoted(&item.dest),
                        quoted(&item.alt)
                    )
                } else {
                    format!("<a href=\"{}\"", quoted(&item.dest))
                };
                if !item.title.is_empty() {
                    tag.push_str(&format!(" title=\"{}\"", quoted(&item.title)));
                }
                tag.push_str(&attributes);
                tag.push('>');
                let end = range.end + length;
                if item.image {
                    changes.push((item.start, end, tag));
                } else {
                    // The link's text stays Markdown between the two tags.
                    changes.push((item.start, item.text_start, tag));
                    changes.push((item.text_end, end, "</a>".to_string()));
                }
            }
            _ => {
                if let Some(item) = open.last_mut() {
                    item.text_end = item.text_end.max(range.end);
                    if let Event::Text(text) | Event::Code(text) = &event {
                        item.alt.push_str(text);
                    }
                }
            }
        }
    }
    if changes.is_empty() {
        return;
    }
    changes.sort_by_key(|c| c.0);
    page.replace_ranges(changes, Vec::new());
}

/// An attribute list at the start of `text` (`{ .class #id key="value" }`, or `{: ...}`, on one
/// line): the attributes as HTML (` id="x" class="a b" key="value"`) and the list's length.
fn attribute_list(text: &str) -> Option<(String, usize)> {
    let after_brace = text.strip_prefix('{')?;
    let close = after_brace.find(['}', '\n'])?;
    if after_brace[close..].starts_with('\n') {
        return None;
    }
    let inner = &after_brace[..close];
    let inner = inner.strip_prefix(':').unwrap_or(inner);
    let attributes = crate::attributes::Attributes::parse(inner)?;
    Some((attributes.html(), 1 + close + 1))
}

/// `*[ABBR]: meaning` (a space may come before the colon): the abbreviation and the meaning.
fn abbreviation(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("*[")?;
    let close = rest.find(']')?;
    let abbr = &rest[..close];
    if abbr.trim().is_empty() || abbr.contains('\\') {
        return None;
    }
    let abbr = abbr.trim();
    let after = &rest[close + 1..];
    let after = after.strip_prefix(' ').unwrap_or(after).strip_prefix(':')?;
    Some((abbr, after.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_date_plugins_turn_last_updated_on_unless_disabled() {
        let read = |yaml: &str| {
            git_dates(
                serde_yaml::from_str::<serde_yaml::Value>(yaml)
                    .ok()
                    .as_ref(),
            )
        };
        assert!(read("[search, git-revision-date-localized]"));
        assert!(read("[search, {git-revision-date: {type: date}}]"));
        assert!(read("{git-revision-date-localized: {}}"));
        assert!(read(
            "[{git-revision-date-localized: {enabled: !ENV [CI, false]}}]"
        ));
        assert!(!read("[{git-revision-date-localized: {enabled: false}}]"));
        assert!(!read("[search, tags]"));
        assert!(!git_dates(None));
    }

    #[test]
    fn openers_of_admonitions_and_tabs() {
        assert!(matches!(
            opener("!!! warning \"Mind the gap\""),
            Some(Opener::Admonition { class: "warning", title: Some(t), details: None }) if t == "Mind the gap"
        ));
        assert!(matches!(
            opener("???+ danger"),
            Some(Opener::Admonition { class: "caution", title: Some(t), details: Some(true) }) if t == "Danger"
        ));
        assert!(matches!(
            opener("!!! tip \"\""),
            Some(Opener::Admonition { title: None, .. })
        ));
        assert!(matches!(opener("=== \"C++\""), Some(Opener::Tab { title }) if title == "C++"));
        assert!(opener("!!!").is_none());
        assert!(opener("=== Tab").is_none());
        assert!(opener("===\"Tab\"").is_none());
        // Words after the type are options; a title is quoted.
        assert!(matches!(
            opener("!!! info inline end \"Aside\""),
            Some(Opener::Admonition { class: "note", title: Some(t), .. }) if t == "Aside"
        ));
        assert!(matches!(
            opener("!!!note"),
            Some(Opener::Admonition { class: "note", title: Some(t), .. }) if t == "Note"
        ));
        assert!(opener("!!! note: odd").is_none());
        assert_eq!(indentation("\t  x"), (6, 3));
        assert_eq!(cut_bytes("\t\tx", 4), 1);
        assert_eq!(cut_bytes("  \tx", 4), 3);
    }

    #[test]
    fn env_settings_take_the_first_variable_set_or_the_default() {
        let value = |yaml: &str| serde_yaml::from_str::<serde_yaml::Value>(yaml).unwrap();
        assert_eq!(setting(Some(&value("docs"))).as_deref(), Some("docs"));
        assert_eq!(
            setting(Some(&value("!ENV [HANDBOOK_TEST_UNSET_VARIABLE, docs]"))).as_deref(),
            Some("docs")
        );
        assert_eq!(
            setting(Some(&value(
                "!ENV [HANDBOOK_TEST_UNSET_VARIABLE, PATH, docs]"
            ))),
            std::env::var("PATH").ok()
        );
        assert_eq!(
            setting(Some(&value("!ENV HANDBOOK_TEST_UNSET_VARIABLE"))),
            None
        );
        assert_eq!(setting(Some(&value("[a, b]"))), None);
    }

    #[test]
    fn edit_links_from_repo_url_and_edit_uri() {
        assert_eq!(
            edit_url(
                Some("https://github.com/o/r/"),
                Some("edit/main/docs/"),
                "docs"
            )
            .as_deref(),
            Some("https://github.com/o/r/edit/main/{path}")
        );
        assert_eq!(
            edit_url(Some("https://github.com/o/r"), None, "docs").as_deref(),
            Some("https://github.com/o/r/edit/master/{path}")
        );
        // An edit_uri that does not end in the docs folder cannot give handbook's `{path}`.
        assert_eq!(
            edit_url(Some("https://x.org/r"), Some("blob/main/"), "docs"),
            None
        );
        assert_eq!(edit_url(None, Some("edit/main/docs/"), "docs"), None);
    }
}

/// pymdownx's generic blocks (`/// note | Title`, its text, then `///`) a site reads: the names
/// of each kind of block listed among its `markdown_extensions`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Blocks {
    /// `pymdownx.blocks.admonition`: `admonition` and its `types`.
    pub admonitions: Vec<String>,
    /// `pymdownx.blocks.details`: `details` and its `types`.
    pub details: Vec<String>,
    /// `pymdownx.blocks.tab`.
    pub tab: bool,
    /// `pymdownx.blocks.html`.
    pub html: bool,
}

/// `pymdownx.blocks.admonition`'s types when its settings name none.
const BLOCK_ADMONITIONS: [&str; 9] = [
    "note",
    "attention",
    "caution",
    "danger",
    "error",
    "tip",
    "hint",
    "warning",
    "important",
];

impl Blocks {
    /// Notes the extension `pymdownx.blocks.{kind}`, with its settings when written.
    fn add(&mut self, kind: &str, settings: Option<&serde_yaml::Value>) {
        // `types: [note, {name: custom, class: tip}]`: names, or maps with a `name`.
        let types = settings
            .and_then(|s| s.get("types"))
            .and_then(|t| t.as_sequence());
        let names = |defaults: &[&str]| -> Vec<String> {
            match types {
                Some(types) => types
                    .iter()
                    .filter_map(|t| t.as_str().or_else(|| t.get("name")?.as_str()))
                    .map(str::to_string)
                    .collect(),
                None => defaults.iter().map(|t| t.to_string()).collect(),
            }
        };
        match kind {
            "admonition" => {
                self.admonitions = names(&BLOCK_ADMONITIONS);
                self.admonitions.push("admonition".into());
            }
            "details" => {
                self.details = names(&[]);
                self.details.push("details".into());
            }
            "tab" => self.tab = true,
            "html" => self.html = true,
            _ => {}
        }
    }

    /// Adds the blocks of another item of the list (the later settings win).
    fn merge(&mut self, other: Blocks) {
        if !other.admonitions.is_empty() {
            self.admonitions = other.admonitions;
        }
        if !other.details.is_empty() {
            self.details = other.details;
        }
        self.tab |= other.tab;
        self.html |= other.html;
    }

    fn any(&self) -> bool {
        !self.admonitions.is_empty() || !self.details.is_empty() || self.tab || self.html
    }
}

/// A block's opening line: `/// name | argument` (three or more slashes).
struct BlockHeader<'a> {
    slashes: usize,
    name: &'a str,
    argument: &'a str,
}

fn block_header(line: &str) -> Option<BlockHeader<'_>> {
    let line = line.trim_end();
    let slashes = line.bytes().take_while(|&b| b == b'/').count();
    if slashes < 3 {
        return None;
    }
    let rest = line[slashes..].trim_start();
    let (name, argument) = match rest.split_once('|') {
        Some((name, argument)) => (name.trim(), argument.trim()),
        None => (rest.trim(), ""),
    };
    let word = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    word.then_some(BlockHeader {
        slashes,
        name,
        argument,
    })
}

/// A line that closes a block of `slashes` slashes: that many, and nothing else.
fn block_end(line: &str) -> Option<usize> {
    let line = line.trim_end();
    let slashes = line.bytes().take_while(|&b| b == b'/').count();
    (slashes >= 3 && slashes == line.len()).then_some(slashes)
}

/// A block's options, the lines right below its header indented four spaces (YAML): the
/// value of `key`, as written.
fn block_option<'a>(options: &[&'a str], key: &str) -> Option<&'a str> {
    options.iter().find_map(|line| {
        let (k, v) = line.trim().split_once(':')?;
        (k.trim() == key).then(|| v.trim().trim_matches(['"', '\'']))
    })
}

fn yaml_yes(value: Option<&str>) -> bool {
    value.is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "true" | "yes" | "on"))
}

/// What a block opens with and closes with, in HTML.
fn block_html(
    header: &BlockHeader,
    options: &[&str],
    blocks: &Blocks,
    body: &str,
    tabs_start: &str,
    continues_set: bool,
) -> Option<(String, String)> {
    let name = header.name;
    let title = |default: &str| {
        let title = if header.argument.is_empty() {
            default
        } else {
            header.argument
        };
        inline_text_html_in(title, body)
    };
    if blocks.admonitions.iter().any(|n| n == name) {
        let kind = match name {
            "admonition" => block_option(options, "type").unwrap_or("note"),
            kind => kind,
        };
        let (class, default) = admonition(kind);
        let default = if name == "admonition" { "" } else { &default };
        let title = title(default);
        let title = (!title.is_empty()).then_some(title.as_str());
        return Some((callout_start_html(class, title), "</div>".into()));
    }
    if blocks.details.iter().any(|n| n == name) {
        let kind = match name {
            "details" => block_option(options, "type").unwrap_or("note"),
            kind => kind,
        };
        let (class, _) = admonition(kind);
        let open = yaml_yes(block_option(options, "open"));
        return Some((
            details_start_html(class, &title("Details"), open),
            "</details>".into(),
        ));
    }
    if blocks.tab && name == "tab" {
        let set = if continues_set { "" } else { tabs_start };
        return Some((
            format!("{set}{}", tab_start_html(&title("Tab"))),
            "</div>".into(),
        ));
    }
    if blocks.html && name == "html" {
        // `div.note.wide#id[attr=...]`: the element and its classes (attributes left out).
        let spec = header.argument;
        let tag: String = spec
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let allowed = [
            "div",
            "section",
            "aside",
            "article",
            "figure",
            "figcaption",
            "p",
            "span",
            "details",
            "summary",
            "blockquote",
            "header",
            "footer",
            "nav",
            "main",
        ];
        let tag = allowed.iter().find(|t| **t == tag).unwrap_or(&"div");
        let selector = spec.split('[').next().unwrap_or("");
        let classes: Vec<&str> = selector
            .split('.')
            .skip(1)
            .map(|c| c.split('#').next().unwrap_or(""))
            .filter(|c| {
                !c.is_empty()
                    && c.chars()
                        .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
            })
            .collect();
        let open = if classes.is_empty() {
            format!("<{tag}>")
        } else {
            format!("<{tag} class=\"{}\">", classes.join(" "))
        };
        return Some((open, format!("</{tag}>")));
    }
    None
}

/// `html` with `margin` before each of its lines that has text.
fn indented(html: &str, margin: &str) -> String {
    if margin.is_empty() {
        return html.to_string();
    }
    html.split_inclusive('\n')
        .map(|line| {
            if line.trim().is_empty() {
                line.to_string()
            } else {
                format!("{margin}{line}")
            }
        })
        .collect()
}

/// A block open while its text is read: its slashes, how it closes, and whether it is a tab.
struct OpenBlock {
    slashes: usize,
    close: String,
    tab: bool,
}

/// Shows pymdownx's generic blocks (`pymdownx.blocks.admonition`, `.details`, `.tab`, `.html`)
/// in a page of an MkDocs site that lists them: `/// warning | Title` (its options on the lines
/// below, indented: `    type: warning`, `    open: true`, `    new: true`), its text, and a
/// line of as many slashes closing it, as callouts, collapsible callouts, tabs and elements.
/// Blocks nest; one left open closes at the end of the page, as pymdownx closes it. Blocks of
/// other names, and lines in code, are left as written.
pub fn expand_generic_blocks(page: &mut ParsedPage, blocks: &Blocks, linked_tabs: bool) {
    if !blocks.any() {
        return;
    }
    let body = page.body();
    if !body.lines().any(|l| block_header(l).is_some()) {
        return;
    }
    let tabs_start = set_start(linked_tabs);
    let lines = lines_of(body);
    let line_text = |k: usize| body[lines[k].0..lines[k].1].trim_end_matches(['\n', '\r']);
    // The option lines below a header at `k`: those indented four spaces or more, up to the
    // first that is not.
    // The option lines below a header at `k`: those indented four columns more than it, up
    // to the first that is not.
    let options_of = |k: usize| -> Vec<&str> {
        let indent = indentation(line_text(k)).0;
        (k + 1..lines.len())
            .map(line_text)
            .take_while(|l| indentation(l).0 >= indent + 4 && !l.trim().is_empty())
            .collect()
    };
    // Whether the first line with text from `k` opens a tab that continues a set.
    let tab_follows = |k: usize, slashes: usize| {
        let Some(next) = (k..lines.len()).find(|&n| !line_text(n).trim().is_empty()) else {
            return false;
        };
        block_header(line_text(next).trim_start()).is_some_and(|h| {
            h.name == "tab"
                && h.slashes == slashes
                && !yaml_yes(block_option(&options_of(next), "new"))
        })
    };
    let mut text = String::with_capacity(body.len() + 256);
    let mut splices: Vec<Splice> = Vec::new();
    let mut open: Vec<OpenBlock> = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    // The last block closed was a tab whose set the next tab continues.
    let mut set_open = false;
    let mut k = 0;
    while k < lines.len() {
        let (start, end) = lines[k];
        let line = line_text(k);
        let (_, lead_bytes) = indentation(line);
        let trimmed = &line[lead_bytes..];
        if let Some((c, n)) = fence {
            if closes_fence(line, c, n) {
                fence = None;
            }
            text.push_str(&body[start..end]);
            k += 1;
            continue;
        }
        fence = opens_fence(line);
        let mut replaced: Option<(String, usize)> = None;
        // Blocks may be indented (in a list item): their HTML keeps the line's indentation.
        let margin = &line[..lead_bytes];
        if fence.is_none() {
            if let Some(slashes) =
                block_end(trimmed).filter(|&n| open.iter().any(|b| b.slashes == n))
            {
                // Closes the innermost block of as many slashes, and any left open inside it.
                let mut html = String::from("\n");
                while let Some(block) = open.pop() {
                    let last = block.slashes == slashes;
                    html.push_str(&block.close);
                    if block.tab {
                        set_open = tab_follows(k + 1, block.slashes);
                        if !set_open {
                            html.push_str("</div>");
                        }
                    }
                    html.push('\n');
                    if last {
                        break;
                    }
                }
                html.push('\n');
                replaced = Some((indented(&html, margin), 1));
            } else if let Some(header) = block_header(trimmed) {
                let options = options_of(k);
                let continues =
                    header.name == "tab" && set_open && !yaml_yes(block_option(&options, "new"));
                if let Some((open_html, close)) =
                    block_html(&header, &options, blocks, body, &tabs_start, continues)
                {
                    // A set of tabs the last tab left open ends where something else starts.
                    let ended = if set_open && !continues {
                        "</div>\n"
                    } else {
                        ""
                    };
                    set_open = false;
                    open.push(OpenBlock {
                        slashes: header.slashes,
                        close,
                        tab: header.name == "tab",
                    });
                    let html = format!("\n{ended}{open_html}\n\n");
                    replaced = Some((indented(&html, margin), 1 + options.len()));
                }
            }
        }
        match replaced {
            Some((html, count)) => {
                let until = lines[k + count - 1].1;
                splices.push((text.len(), html.len(), start, until - start));
                text.push_str(&html);
                k += count;
            }
            None => {
                if set_open && !line.trim().is_empty() {
                    // Text after a tab that no tab follows (cannot happen: tab_follows said
                    // one does), kept safe.
                    text.push_str("\n</div>\n\n");
                    set_open = false;
                }
                text.push_str(&body[start..end]);
                k += 1;
            }
        }
    }
    if splices.is_empty() {
        return;
    }
    // Blocks left open close at the end of the page.
    let mut tail = String::new();
    if !open.is_empty() || set_open {
        tail.push('\n');
    }
    while let Some(block) = open.pop() {
        tail.push('\n');
        tail.push_str(&block.close);
        if block.tab {
            tail.push_str("</div>");
        }
        tail.push('\n');
    }
    if set_open {
        tail.push_str("\n</div>\n");
    }
    if !tail.is_empty() {
        splices.push((text.len(), tail.len(), body.len(), 0));
        text.push_str(&tail);
    }
    page.replace_body(&text, splices, Vec::new());
}
