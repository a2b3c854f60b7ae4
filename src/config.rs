//! `book.toml`: the handbook's settings, loaded once and immutable afterwards.
//!
//! Every key but `[book] title` has a default; an unknown key is an error naming the key, the
//! file, and its line, so that a typo never passes silently.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::source::LineIndex;

pub const FILE_NAME: &str = "book.toml";

/// The files whose folder is a handbook's root: its own `book.toml`, a GitBook book's
/// `.gitbook.yaml`, an MkDocs site's `mkdocs.yml` (or `.yaml`).
pub const SETTINGS_FILES: &[&str] = &[
    FILE_NAME,
    crate::gitbook::FILE_NAME,
    crate::mkdocs::FILE_NAMES[0],
    crate::mkdocs::FILE_NAMES[1],
];

/// The whole of `book.toml`, plus the folder it was found in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub book: BookConfig,
    #[serde(default)]
    pub build: BuildConfig,
    #[serde(default)]
    pub html: HtmlConfig,
    #[serde(default)]
    pub check: CheckConfig,
    /// Default: none. The interface's words in place of the language's (`previous = "Back"`):
    /// the keys are [`crate::ui::TEXTS`]'.
    #[serde(default)]
    pub translations: std::collections::BTreeMap<String, String>,
    /// The interface's words: the language's, with `translations` in place of some.
    #[serde(skip)]
    pub ui: crate::ui::Ui,
    /// The folder holding book.toml; every relative path in the config is relative to it.
    #[serde(skip)]
    pub root: PathBuf,
    /// What reading the file found worth saying (mdBook settings left unread).
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
    /// The tool the handbook was written for, when it is another's (one at most).
    #[serde(skip)]
    pub written_for: Option<WrittenFor>,
    /// Whether the file names the content or output folder (else an `mdbook init` book may
    /// have its chapters in src/: [`Config::load`]).
    #[serde(skip)]
    folders_given: bool,
    /// Whether the file names the content folder (else a GitBook book's or an MkDocs site's
    /// folder may be the content: [`Config::load`]).
    #[serde(skip)]
    content_given: bool,
    /// Whether the file names the language (else a borrowed site's own is taken).
    #[serde(skip)]
    language_given: bool,
    /// `[build] exclude`, read.
    #[serde(skip)]
    pub excluded: crate::source::Exclude,
}

/// Another tool a handbook was written for, and what its settings say that handbook keeps.
#[derive(Debug, Clone)]
pub enum WrittenFor {
    /// An mdBook book: its book.toml beyond handbook's settings.
    MdBook(crate::mdbook::MdBook),
    /// A GitBook book: its `.gitbook.yaml`.
    GitBook(crate::gitbook::GitBook),
    /// An MkDocs site: its `mkdocs.yml`.
    MkDocs(crate::mkdocs::MkDocs),
    /// A Hugo or Zola site: its settings file.
    Hugo(crate::hugo::Site),
    /// A Docusaurus site: its `docusaurus.config.js`.
    Docusaurus(crate::docusaurus::Docusaurus),
}

/// `[book]`: what the handbook is.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BookConfig {
    /// Required: the site's name, shown in the header and in every page title.
    pub title: String,
    /// Default: empty. The home page's meta description.
    #[serde(default)]
    pub description: String,
    /// Default: `"en"`. The `lang` of every page.
    #[serde(default = "default_language")]
    pub language: String,
    /// Default: none.
    #[serde(default)]
    pub authors: Vec<String>,
}

/// `[build]`: where things are and how strict the build is.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BuildConfig {
    /// Default: `"content"`. The folder of Markdown chapters.
    pub content: PathBuf,
    /// Default: `"public"`. Where the site is written.
    pub dest: PathBuf,
    /// Default: `"default"`. `themes/<name>/`; the default theme is also built into the binary.
    pub theme: String,
    /// Default: empty (every link relative). The address the site is published at, e.g.
    /// `https://intranet.example.com/handbook/`; needed for `sitemap.xml` and canonical links.
    pub base_url: String,
    /// Default: `"error"`. `"warn"` reports broken internal links without failing the build.
    pub broken_links: BrokenLinks,
    /// Default: as `broken_links`. The same for links to a heading (`page.md#heading`) that is
    /// not there, as Docusaurus' `onBrokenAnchors` and MkDocs' `validation: anchors` set apart.
    pub broken_anchors: Option<BrokenLinks>,
    /// Default: `true`. `false` leaves out the search index and the search field.
    pub search: bool,
    /// Default: `false`. `true`: `$…$` and `$$…$$` are TeX math, drawn as MathML
    /// ([`crate::math`]). Off unless asked for: a handbook writes prices (`$5-$10`) more often
    /// than math.
    pub math: bool,
    /// Default: `true`. `false`: a `Term` line then `: Definition` lines are text, not a
    /// definition list.
    pub definition_lists: bool,
    /// Default: `true`. `false`: code blocks are not coloured ([`crate::highlight`]).
    pub highlight: bool,
    /// Default: `true`. `false`: quotes, dashes and ellipses stay as typed (`"`, `--`, `...`)
    /// instead of becoming typographic (“ ”, –, …).
    pub smart_punctuation: bool,
    /// Default: `false`. `true`: the lines of every fenced code block of a language are
    /// numbered, unless its info string says `linenos=false` ([`crate::highlight::line_numbers`]).
    pub line_numbers: bool,
    /// Default: none. Files and folders of the content folder left out of the site, as lines
    /// of a `.gitignore` (`drafts/`, `*.draft.md`, `/README.md`), as MkDocs' `exclude_docs`.
    pub exclude: Vec<String>,
}

impl BuildConfig {
    /// How a link to a heading that is not there is taken: `broken_anchors`, else as
    /// `broken_links`.
    pub fn anchor_level(&self) -> BrokenLinks {
        self.broken_anchors.unwrap_or(self.broken_links)
    }
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            content: PathBuf::from("content"),
            dest: PathBuf::from("public"),
            theme: "default".into(),
            base_url: String::new(),
            broken_links: BrokenLinks::Error,
            broken_anchors: None,
            search: true,
            math: false,
            definition_lists: true,
            highlight: true,
            smart_punctuation: true,
            line_numbers: false,
            exclude: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BrokenLinks {
    Error,
    Warn,
}

/// `[html]`: options of the generated pages.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HtmlConfig {
    /// Default: none. An "Edit this page" link; `{path}` becomes the page's path below the root,
    /// e.g. `https://git.example.com/handbook/-/edit/main/{path}`.
    pub edit_url: Option<String>,
    /// Default: `false`. Show a "Review overdue" badge on pages whose review date has passed
    /// (the site then depends on the day it is built).
    pub review_badge: bool,
    /// Default: `false`. Show when each page was last changed, by the history of the git
    /// repository that holds the content folder (the date of its newest commit).
    pub last_updated: bool,
    /// Default: none. Style sheets of the handbook's own (paths from the root folder), added
    /// after the theme's, so that their rules win: `["brand.css"]`.
    pub extra_css: Vec<String>,
    /// Default: none. Scripts of the handbook's own, run after the theme's.
    pub extra_js: Vec<String>,
    /// Default: `true`. `false` leaves out the print view (`print/`, the whole handbook on one
    /// page) and its link.
    pub print: bool,
    /// Default: 2000. A print view of more Markdown than this many kilobytes is split into
    /// parts along the navigation (`print/index.html` then lists them), so that no part is
    /// too long for a browser to open; 0: always one page.
    pub print_part_kb: u64,
    /// Default: `404.md`. The file of the content folder whose page readers see at an address
    /// that leads nowhere (`404.html`); without it, the theme's own.
    pub not_found: String,
}

impl Default for HtmlConfig {
    fn default() -> Self {
        HtmlConfig {
            edit_url: None,
            review_badge: false,
            last_updated: false,
            extra_css: Vec::new(),
            extra_js: Vec::new(),
            print: true,
            print_part_kb: 2000,
            not_found: "404.md".into(),
        }
    }
}

/// `[check]`: ownership and freshness rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckConfig {
    /// Default: `false`. When true, a page without `owner` is an error.
    pub require_owner: bool,
    /// Default: 180. How often a page must be reviewed when it sets no `review_every_days`; 0:
    /// pages are never due.
    pub review_every_days: u32,
    /// Default: `true`. An image, frame or media file that loads from another site is a
    /// warning: offline, or behind a firewall, it does not show.
    pub offline: bool,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            require_owner: false,
            review_every_days: 180,
            offline: true,
        }
    }
}

fn default_language() -> String {
    "en".into()
}

impl Config {
    pub fn mdbook(&self) -> Option<&crate::mdbook::MdBook> {
        match &self.written_for {
            Some(WrittenFor::MdBook(book)) => Some(book),
            _ => None,
        }
    }

    /// The file the handbook's settings come from: book.toml, or the settings file of the
    /// tool it was written for.
    pub fn settings_path(&self) -> PathBuf {
        self.settings_file()
            .map_or_else(|| self.root.join(FILE_NAME), Path::to_path_buf)
    }

    /// The settings file of the tool the handbook was written for, when it is another's.
    fn settings_file(&self) -> Option<&Path> {
        Some(match self.written_for.as_ref()? {
            WrittenFor::MdBook(_) => return None,
            WrittenFor::GitBook(book) => &book.path,
            WrittenFor::MkDocs(site) => &site.path,
            WrittenFor::Hugo(site) => &site.path,
            WrittenFor::Docusaurus(site) => &site.path,
        })
    }

    pub fn gitbook(&self) -> Option<&crate::gitbook::GitBook> {
        match &self.written_for {
            Some(WrittenFor::GitBook(book)) => Some(book),
            _ => None,
        }
    }

    pub fn hugo(&self) -> Option<&crate::hugo::Site> {
        match &self.written_for {
            Some(WrittenFor::Hugo(site)) => Some(site),
            _ => None,
        }
    }

    pub fn mkdocs(&self) -> Option<&crate::mkdocs::MkDocs> {
        match &self.written_for {
            Some(WrittenFor::MkDocs(site)) => Some(site),
            _ => None,
        }
    }

    /// How the handbook writes TeX math, if it has any: as the tool it was written for does
    /// when its math is on (mdBook's `mathjax-support`, MkDocs' `pymdownx.arithmatex`,
    /// Docusaurus' `remark-math`, Hugo's `passthrough`, GitBook always), else `[build] math`.
    pub fn math(&self) -> Option<crate::math::Syntax> {
        use crate::math::Syntax;
        match &self.written_for {
            Some(WrittenFor::MdBook(_)) => self.build.math.then_some(Syntax::MathJax),
            Some(WrittenFor::GitBook(_)) => Some(Syntax::DoubleDollars),
            Some(WrittenFor::MkDocs(site)) => site.math.then_some(Syntax::Arithmatex),
            Some(WrittenFor::Docusaurus(site)) => site.math.then_some(Syntax::Dollars),
            Some(WrittenFor::Hugo(site)) => site.math,
            None => self.build.math.then_some(Syntax::Dollars),
        }
    }

    /// Whether `Term` then `: Definition` lines make a definition list: in handbook's own
    /// Markdown, mdBook's (unless `definition-lists = false`), Hugo's (unless Goldmark's
    /// `definitionList` is false) and MkDocs' with `def_list`; not in GitBook's, Docusaurus'
    /// (MDX) or Zola's.
    pub fn definition_lists(&self) -> bool {
        match &self.written_for {
            Some(WrittenFor::MdBook(book)) => !book.no_definition_lists,
            Some(WrittenFor::GitBook(_) | WrittenFor::Docusaurus(_)) => false,
            Some(WrittenFor::MkDocs(site)) => site.definition_lists,
            Some(WrittenFor::Hugo(site)) => site.definition_lists,
            None => self.build.definition_lists,
        }
    }

    /// Whether quotes and dashes are made typographic: `[build] smart_punctuation`, or as the
    /// tool a site was written for does it (Hugo's Goldmark `typographer`, on unless
    /// disabled; Zola's `[markdown] smart_punctuation`, off unless set; MkDocs' `smarty`
    /// extension; mdBook's `smart-punctuation`, on by default since 0.5); never in Docusaurus
    /// and GitBook, which show quotes as typed.
    pub fn smart_punctuation(&self) -> bool {
        match &self.written_for {
            Some(WrittenFor::MdBook(book)) => !book.no_smart_punctuation,
            Some(WrittenFor::GitBook(_) | WrittenFor::Docusaurus(_)) => false,
            Some(WrittenFor::MkDocs(site)) => site.smart_punctuation,
            Some(WrittenFor::Hugo(site)) => site.smart_punctuation,
            None => self.build.smart_punctuation,
        }
    }

    /// Whether every fenced code block of a language has its lines numbered: `[build]
    /// line_numbers`, MkDocs' `pymdownx.highlight` with `linenums: true`, Hugo's
    /// `[markup.highlight] lineNos = true`.
    pub fn line_numbers(&self) -> bool {
        match &self.written_for {
            Some(WrittenFor::MkDocs(site)) => site.line_numbers,
            Some(WrittenFor::Hugo(site)) => site.line_numbers,
            _ => self.build.line_numbers,
        }
    }

    pub fn docusaurus(&self) -> Option<&crate::docusaurus::Docusaurus> {
        match &self.written_for {
            Some(WrittenFor::Docusaurus(site)) => Some(site),
            _ => None,
        }
    }

    /// Finds `book.toml` at or above `start` (or exactly in `root` when given) and loads it. A
    /// GitBook book needs none: the nearest folder with a `.gitbook.yaml` is then the root, and
    /// the book is named by its README's heading.
    pub fn load(root: Option<&Path>, start: &Path) -> Result<Config> {
        let root = match root {
            Some(root) => {
                if !is_root(root) {
                    return Err(Error::NotARoot {
                        root: root.to_path_buf(),
                    });
                }
                root.to_path_buf()
            }
            None => find_root(start).ok_or_else(|| Error::NoBookToml {
                start: start.to_path_buf(),
            })?,
        };
        let gitbook = crate::gitbook::read(&root).map_err(|d| Error::Handbook(vec![d]))?;
        let mkdocs = match gitbook {
            Some(_) => None,
            None => crate::mkdocs::read(&root).map_err(|d| Error::Handbook(vec![d]))?,
        };
        let docusaurus = match (&gitbook, &mkdocs) {
            (None, None) => crate::docusaurus::read(&root).map_err(|d| Error::Handbook(vec![d]))?,
            _ => None,
        };
        let hugo = match (&gitbook, &mkdocs, &docusaurus) {
            (None, None, None) => {
                let shared = !root.join(FILE_NAME).is_file();
                crate::hugo::read(&root, shared).map_err(|d| Error::Handbook(vec![d]))?
            }
            _ => None,
        };
        // The borrowed site's own language, for a book.toml beside it that names none.
        let tool_language: Option<String> = mkdocs
            .as_ref()
            .map(|read| &read.settings)
            .or(hugo.as_ref().map(|read| &read.settings))
            .or(docusaurus.as_ref().map(|read| &read.settings))
            .and_then(|settings| settings.get("book")?.get("language")?.as_str())
            .map(str::to_string);
        // And what it leaves out (MkDocs' `exclude_docs`), for a book.toml beside it that
        // names nothing to leave out: drafts kept out of the tool's site stay out of this one.
        let tool_exclude: Vec<String> = mkdocs
            .as_ref()
            .map(|read| &read.settings)
            .or(hugo.as_ref().map(|read| &read.settings))
            .and_then(|settings| settings.get("build")?.get("exclude")?.as_array())
            .into_iter()
            .flatten()
            .filter_map(|p| Some(p.as_str()?.to_string()))
            .collect();
        let path = root.join(FILE_NAME);
        // Whether `[build] exclude` came from another tool's settings (a book.toml's own is
        // read with it, where its lines are known).
        let mut exclude_borrowed = !path.is_file();
        let converted = |table: toml::Table| -> Result<Config> {
            toml::Value::Table(table)
                .try_into()
                .map_err(|e: toml::de::Error| Error::io(&path, std::io::Error::other(e)))
        };
        // book.toml's text, for the places of problems found below.
        let mut book_text = None;
        let mut config = if path.is_file() {
            let text = match crate::source::read_text(&path) {
                Ok(text) => text,
                // Where, as for a page: a CI report then has it.
                Err(crate::source::ReadProblem::Encoding(position, byte)) => {
                    return Err(Error::Handbook(vec![Diagnostic::error(
                        "encoding",
                        &path,
                        format!("invalid UTF-8 (byte 0x{byte:02x})"),
                    )
                    .at(position)
                    .hint("save the file as UTF-8")]));
                }
                Err(_) => std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?,
            };
            // A book.toml beside another tool's settings that only sets handbook's options
            // (`[build] broken_links`) takes the site's title from them.
            let tool_title = mkdocs
                .as_ref()
                .map(|read| &read.settings)
                .or(hugo.as_ref().map(|read| &read.settings))
                .or(docusaurus.as_ref().map(|read| &read.settings))
                .and_then(|settings| {
                    settings
                        .get("book")?
                        .get("title")?
                        .as_str()
                        .map(str::to_string)
                });
            let no_book =
                toml::from_str::<toml::Table>(&text).is_ok_and(|table| !table.contains_key("book"));
            let text = match tool_title.filter(|_| no_book) {
                // A JSON string is a TOML one.
                Some(title) => format!(
                    "{text}\n[book]\ntitle = {}\n",
                    serde_json::Value::String(title)
                ),
                None => text,
            };
            let config = Config::parse(&text, &path)?;
            book_text = Some(text);
            config
        } else if let Some(settings) = mkdocs
            .as_ref()
            .map(|read| &read.settings)
            .or(hugo.as_ref().map(|read| &read.settings))
            .or(docusaurus.as_ref().map(|read| &read.settings))
        {
            // An MkDocs, Hugo, Zola or Docusaurus site without a book.toml: its own settings.
            let mut config = converted(settings.clone())?;
            config.folders_given = true;
            config.content_given = true;
            config
        } else {
            // Only a GitBook book has no book.toml here.
            let book_dir = gitbook
                .as_ref()
                .map_or(root.clone(), |(g, _)| root.join(&g.root));
            let title = gitbook.as_ref().and_then(|(g, _)| g.title.clone());
            let mut book = toml::Table::new();
            book.insert(
                "title".into(),
                toml::Value::String(title.unwrap_or_else(|| crate::gitbook::title(&book_dir))),
            );
            if let Some(language) = gitbook.as_ref().and_then(|(g, _)| g.language.clone()) {
                book.insert("language".into(), toml::Value::String(language));
            }
            let mut table = toml::Table::new();
            table.insert("book".into(), toml::Value::Table(book));
            if let Some((g, _)) = gitbook.as_ref().filter(|(g, _)| g.is_legacy()) {
                // GitBook 3 leaves out its own output, its plugins and its `.bookignore`'s
                // lines (read as `.gitignore` lines, as it reads them).
                let mut patterns = vec!["_book/".to_string(), "node_modules/".to_string()];
                if let Ok(text) = std::fs::read_to_string(root.join(&g.root).join(".bookignore")) {
                    patterns.extend(
                        text.lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty() && !l.starts_with('#'))
                            .map(str::to_string),
                    );
                }
                table.insert("build".into(), toml::Value::Table(toml::Table::new()));
                set_exclude(&mut table, patterns);
            }
            converted(table)?
        };
        // A GitBook book's or an MkDocs site's folder, what handbook keeps of its settings, and
        // what reading them found.
        let borrowed = if let Some((book, warnings)) = gitbook {
            Some((book.root.clone(), WrittenFor::GitBook(book), warnings))
        } else if let Some(read) = mkdocs {
            Some((read.docs, WrittenFor::MkDocs(read.mkdocs), read.warnings))
        } else if let Some(read) = docusaurus {
            Some((read.docs, WrittenFor::Docusaurus(read.site), Vec::new()))
        } else {
            hugo.map(|read| (read.content, WrittenFor::Hugo(read.site), read.warnings))
        };
        // A book made by `mdbook init` with no more than a title: its chapters are in src/.
        if config.written_for.is_none()
            && borrowed.is_none()
            && !config.folders_given
            && !root.join(&config.build.content).exists()
            && root.join("src").join("SUMMARY.md").is_file()
        {
            config.build.content = PathBuf::from("src");
            config.build.dest = PathBuf::from("book");
            config.written_for = Some(WrittenFor::MdBook(crate::mdbook::MdBook::default()));
        }
        // The tool's settings apply when its folder is the content: the content book.toml
        // names, or (when it names none) the tool's, unless handbook's own content/ is there
        // beside it. A folder inside content/ (Hugo's `contentDir = "content/en"`) is the
        // tool's still.
        if let Some((folder, tool, warnings)) = borrowed.filter(|_| config.written_for.is_none()) {
            if !config.content_given
                && (!root.join(&config.build.content).is_dir()
                    || clean(&folder).starts_with(&config.build.content))
            {
                config.build.content = folder.clone();
            }
            let norm =
                |p: &Path| std::fs::canonicalize(root.join(p)).unwrap_or_else(|_| root.join(p));
            if norm(&config.build.content) == norm(&folder) {
                config.warnings.extend(warnings);
                config.written_for = Some(tool);
                if let (false, true, Some(language)) =
                    (config.language_given, path.is_file(), tool_language)
                {
                    config.book.language = language;
                }
                if config.build.exclude.is_empty() && !tool_exclude.is_empty() {
                    config.build.exclude = tool_exclude;
                    exclude_borrowed = true;
                }
            }
        }
        if let (true, Some(settings)) = (exclude_borrowed, config.settings_file()) {
            // MkDocs' `exclude_docs`, Zola's `ignored_content`.
            let settings = settings.to_path_buf();
            config.read_exclude(None, &settings)?;
        }
        config.root = root;
        if let Some(text) = &book_text {
            config.check_not_found(text, &path)?;
        }
        // A tag as HTML writes it (`pt-BR`, not MkDocs' `pt_BR` or a padded one).
        config.book.language = config.book.language.trim().replace('_', "-");
        if config.book.language.is_empty() {
            config.book.language = default_language();
        }
        config.ui = crate::ui::Ui::new(
            &config.book.language,
            &config.translations,
            &config.book.title,
        );
        Ok(config)
    }

    /// Parses the text of a book.toml; `path` is only used in error messages. mdBook's
    /// book.toml is read for what it has in common ([`crate::mdbook::convert_config`]).
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let error = |message: &str, position: Option<crate::diagnostic::Position>| {
            let hint = if message.contains("unknown field") {
                "remove the key or fix its spelling; the book.toml reference is in the README"
            } else if message.contains("duplicate key") && message.contains("table header") {
                "a table is written once: move its keys under the first header and delete this one"
            } else if message.contains("duplicate key") {
                "a key is set once in its table: delete one of the two lines"
            } else if message.contains("missing field `title`") {
                "add `title = \"Your handbook\"` under [book]"
            } else if message.contains("missing field `book`") {
                "add a [book] table with `title = \"Your handbook\"`"
            } else {
                "see the book.toml reference in the README"
            };
            // One line (the TOML parser's own says what and why on two: `invalid table
            // header` then `duplicate key ...`); Rust's type names, in words; and the key,
            // when the error is at a value.
            let mut message = message
                .trim()
                .replace('\n', ": ")
                .replace("`\"", "`")
                .replace("\"`", "`");
            for (rust, words) in [
                ("expected u32", "expected a whole number, 0 or more"),
                ("expected u64", "expected a whole number, 0 or more"),
                ("expected usize", "expected a whole number, 0 or more"),
                ("expected i64", "expected a whole number"),
                ("expected i32", "expected a whole number"),
                ("expected f64", "expected a number"),
                ("expected f32", "expected a number"),
                ("expected a boolean", "expected true or false"),
            ] {
                message = message.replace(rust, words);
            }
            let key = position.and_then(|p| {
                let line = text.lines().nth(p.line - 1)?;
                let (key, _) = line.split_once('=')?;
                let key = key.trim().trim_matches(['"', '\'']);
                (p.column > line.find('=').unwrap_or(0)
                    && !key.is_empty()
                    && !message.contains(&format!("`{key}`")))
                .then(|| key.to_string())
            });
            if let Some(key) = key {
                message = format!("`{key}`: {message}");
            }
            let hint = if message.contains("invalid type: string") && message.contains("number") {
                "write the number without quotes"
            } else {
                hint
            };
            Diagnostic::error("config", path, message)
                .at_opt(position)
                .hint(hint)
        };
        let position = |e: &toml::de::Error| {
            e.span()
                .map(|span| LineIndex::new(text).position(span.start))
        };
        let table: toml::Table = toml::from_str(text)
            .map_err(|e| Error::Handbook(vec![error(e.message(), position(&e))]))?;
        // Every problem of the file at once: each of the checks below goes on after one.
        let mut errors = match table.get("translations") {
            Some(translations) => check_translations(translations, text, path),
            None => Vec::new(),
        };
        // A problem on a line already reported is the same problem, seen again.
        let add = |errors: &mut Vec<Diagnostic>, d: Diagnostic| {
            let line = d.position.map(|p| p.line);
            if line.is_none() || !errors.iter().any(|e| e.position.map(|p| p.line) == line) {
                errors.push(d);
            }
        };
        let config: Option<Config> = if crate::mdbook::is_mdbook_config(&table) {
            let (converted, ignored, settings) = crate::mdbook::convert_config(&table);
            match toml::Value::Table(converted).try_into::<Config>() {
                Ok(mut config) => {
                    config.written_for = Some(WrittenFor::MdBook(settings));
                    config
                        .warnings
                        .extend(crate::mdbook::ignored_settings_warning(path, &ignored));
                    Some(config)
                }
                Err(e) => {
                    add(&mut errors, error(e.message(), None));
                    None
                }
            }
        } else {
            match from_toml_all::<Config>(text) {
                Ok(mut config) => {
                    let build = table.get("build").and_then(toml::Value::as_table);
                    config.content_given = build.is_some_and(|b| b.contains_key("content"));
                    config.language_given = table
                        .get("book")
                        .and_then(toml::Value::as_table)
                        .is_some_and(|b| b.contains_key("language"));
                    config.folders_given =
                        config.content_given || build.is_some_and(|b| b.contains_key("dest"));
                    for d in check_values(&config, &table, text, path) {
                        add(&mut errors, d);
                    }
                    Some(config)
                }
                Err(found) => {
                    for e in found {
                        add(&mut errors, error(e.message(), position(&e)));
                    }
                    None
                }
            }
        };
        // `base_url` as written, read whether or not the rest could be.
        let base_url = match &config {
            Some(config) => Some(config.build.base_url.as_str()),
            None => table
                .get("build")
                .and_then(|build| build.get("base_url"))
                .and_then(toml::Value::as_str),
        };
        if let Some(problem) = base_url.and_then(Config::base_url_problem) {
            let line = text.lines().position(|l| {
                let l = l.trim_start();
                l.starts_with("base_url") || l.starts_with("\"base_url\"")
            });
            let position = line.map(|l| {
                let written = text.lines().nth(l).unwrap_or_default();
                // The value's first character, past `=` and the spaces after it.
                let column = written.find('=').map_or(0, |eq| {
                    let value = &written[eq + 1..];
                    eq + 1 + value.len() - value.trim_start().len()
                });
                crate::diagnostic::Position::new(l + 1, column + 1)
            });
            add(
                &mut errors,
                Diagnostic::error("config", path, format!("`base_url`: {problem}"))
                    .at_opt(position)
                    .hint("sitemap.xml, canonical links and the not-found page are made from it"),
            );
        }
        errors.sort_by_key(|d| d.position.map(|p| (p.line, p.column)));
        let Some(mut config) = config else {
            return Err(Error::Handbook(errors));
        };
        let base_url = std::mem::take(&mut config.build.base_url);
        config.set_base_url(&base_url);
        match config.read_exclude(Some(text), path) {
            Ok(()) => {}
            Err(Error::Handbook(found)) => found.into_iter().for_each(|d| add(&mut errors, d)),
            Err(other) => return Err(other),
        }
        if errors.is_empty() {
            Ok(config)
        } else {
            errors.sort_by_key(|d| d.position.map(|p| (p.line, p.column)));
            Err(Error::Handbook(errors))
        }
    }

    /// Reads `[build] exclude` into [`Config::excluded`]; a line that is not a pattern is an
    /// error at its place in `text` (the settings file's, when known).
    fn read_exclude(&mut self, text: Option<&str>, path: &Path) -> Result<()> {
        let (pattern, why) = match crate::source::Exclude::new(&self.build.exclude) {
            Ok(excluded) => {
                self.excluded = excluded;
                return Ok(());
            }
            Err(e) => e,
        };
        let position = text.and_then(|text| {
            let line = text.lines().position(|line| {
                line.contains(&format!("\"{pattern}\"")) || line.contains(&format!("'{pattern}'"))
            })?;
            let column = text.lines().nth(line)?.find(pattern.as_str())?;
            Some(crate::diagnostic::Position::new(line + 1, column + 1))
        });
        Err(Error::Handbook(vec![Diagnostic::error(
            "config",
            path,
            format!("`exclude`: `{pattern}` is not a pattern: {why}"),
        )
        .at_opt(position)
        .hint(
            "write it as a line of a .gitignore is: `drafts/`, `*.draft.md`, `/README.md`",
        )]))
    }

    /// `[html] not_found`, when book.toml names it, must be a file of the content folder (the
    /// default, `404.md`, may be missing: the theme's page is shown then).
    fn check_not_found(&self, text: &str, path: &Path) -> Result<()> {
        let Some(position) = value_position(text, &["html", "not_found"]) else {
            return Ok(());
        };
        let file = &self.html.not_found;
        if self.content_dir().join(file).is_file() {
            if crate::links::is_markdown(file) {
                return Ok(());
            }
            return Err(Error::Handbook(vec![Diagnostic::error(
                "config",
                path,
                format!("`not_found`: `{file}` is not a Markdown page"),
            )
            .at(position)
            .hint(
                "the not-found page is written from Markdown, in the site's layout: move its \
                 words into `404.md` and name that, or leave the key out for the theme's own page",
            )]));
        }
        let hint = if file.ends_with(".md") {
            format!(
                "create {}, or name a Markdown file of it (paths from the content folder), or \
                 leave the key out for the theme's own page",
                crate::diagnostic::display_path(&self.content_dir().join(file))
            )
        } else {
            "name a Markdown file of the content folder (`404.md`), or leave the key out for \
             the theme's own page"
                .into()
        };
        Err(Error::Handbook(vec![Diagnostic::error(
            "config",
            path,
            format!(
                "`not_found`: no file `{file}` in the content folder {}",
                crate::diagnostic::display_path(&self.content_dir())
            ),
        )
        .at(position)
        .hint(hint)]))
    }

    /// Sets `base_url`, always ending in `/` so that page URLs can be appended.
    pub fn set_base_url(&mut self, url: &str) {
        self.build.base_url = url.trim().to_string();
        if !self.build.base_url.is_empty() && !self.build.base_url.ends_with('/') {
            self.build.base_url.push('/');
        }
    }

    /// The language search reads the pages in, by `[book] language`: the index's rules and the
    /// search script's must be the same.
    pub fn search_language(&self) -> crate::search::tokenize::Language {
        crate::search::tokenize::Language::of(&self.book.language)
    }

    /// The handbook's own templates, which take the theme's place: `templates/`, but in a Zola
    /// site, whose `templates/` holds Zola's.
    pub fn own_templates(&self) -> Option<PathBuf> {
        let zola = matches!(
            &self.written_for,
            Some(WrittenFor::Hugo(site)) if site.tool == crate::hugo::Tool::Zola
        );
        (!zola).then(|| self.root.join("templates"))
    }

    pub fn content_dir(&self) -> PathBuf {
        clean(&self.root.join(&self.build.content))
    }

    pub fn dest_dir(&self) -> PathBuf {
        clean(&self.root.join(&self.build.dest))
    }

    /// `base_url` when it is a whole address (`https://host/path/`), which sitemaps and
    /// canonical links need; not a path alone (`/handbook/`).
    pub fn absolute_base_url(&self) -> Option<&str> {
        let url = self.build.base_url.as_str();
        has_host(url).then_some(url)
    }

    /// What is wrong with a base URL, if anything: it must be a whole address
    /// (`https://intranet.example.com/handbook/`) or a path from the server's top
    /// (`/handbook/`).
    pub fn base_url_problem(url: &str) -> Option<String> {
        let url = url.trim();
        if url.is_empty() {
            return None;
        }
        if url.chars().any(char::is_whitespace) {
            return Some(format!(
                "`{url}` holds a space: write it as `%20`, or leave it out"
            ));
        }
        if url.contains(['?', '#']) {
            return Some(format!(
                "`{url}` has a query or a fragment (`?`, `#`), which the pages' addresses cannot \
                 follow: give the address of the site's top folder alone"
            ));
        }
        if has_host(url) || (url.starts_with('/') && !url.starts_with("//")) {
            return None;
        }
        let first = url.split('/').next().unwrap_or("");
        let scheme = first.ends_with(':') || url.contains("://");
        Some(if url.starts_with("//") {
            format!("`{url}` has no scheme: write `https:{url}`")
        } else if scheme {
            format!("`{url}` is not an http:// or https:// address with a host")
        } else if first.contains(['.', ':']) || first.eq_ignore_ascii_case("localhost") {
            let http = if first.contains(':') || first.eq_ignore_ascii_case("localhost") {
                "http"
            } else {
                "https"
            };
            format!("`{url}` has no scheme: write `{http}://{url}`")
        } else {
            format!(
                "`{url}` is neither a whole address nor a path from the server's top: write \
                 `/{url}` or `https://host/{url}`"
            )
        })
    }

    /// The path part of `base_url` (`/handbook/`), or `/` when no base URL is set.
    pub fn base_path(&self) -> String {
        let url = &self.build.base_url;
        let after_scheme = url.find("://").map(|i| &url[i + 3..]).unwrap_or(url);
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_string(),
            None => "/".into(),
        }
    }
}

/// Whether a URL is an http:// or https:// address with a host (not only a user or a port).
fn has_host(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["http://", "https://"].iter().any(|scheme| {
        lower
            .strip_prefix(scheme)
            .and_then(|rest| rest.split(['/', '?', '#']).next())
            .map(|authority| authority.rsplit('@').next().unwrap_or(authority))
            .map(|host| match host.strip_prefix('[') {
                Some(ipv6) => ipv6.split(']').next().unwrap_or(""),
                None => host.split(':').next().unwrap_or(""),
            })
            .is_some_and(|host| !host.is_empty())
    })
}

/// Checks `[translations]` as written (in handbook's book.toml or mdBook's, where its lines are
/// known): a table of words, each text, each a word of the interface ([`crate::ui::TEXTS`]).
fn check_translations(translations: &toml::Value, text: &str, path: &Path) -> Vec<Diagnostic> {
    let as_text = || "write each word as `key = \"text\"` under [translations]".to_string();
    let problem = |key: &str, message: String, hint: String| {
        Diagnostic::error("config", path, message)
            .at_opt(translation_position(text, key))
            .hint(hint)
    };
    let Some(words) = translations.as_table() else {
        return vec![problem(
            "translations",
            "`translations` is a table of words: `[translations]`".to_string(),
            as_text(),
        )];
    };
    let mut problems: Vec<Diagnostic> = words
        .iter()
        .filter(|(_, word)| !word.is_str())
        .map(|(key, _)| {
            problem(
                key,
                format!("[translations] `{key}` is not text: write it in quotes"),
                as_text(),
            )
        })
        .collect();
    for key in crate::ui::unknown_keys(words.keys()) {
        let hint = match crate::ui::likely_key(key) {
            Some(likely) => format!("did you mean `{likely}`? The keys are listed in the README"),
            None => "the keys are listed in the README (\"The interface's language\")".into(),
        };
        problems.push(problem(
            key,
            format!("[translations] has no word `{key}`"),
            hint,
        ));
    }
    problems
}

/// Reads `text` as `T` with every error of the reading, not only the first: after each, the
/// entry it is about (`key = value`) is blanked, each of its characters but line breaks made a
/// space, so that the rest keep their places, and the text is read again. An error about no one
/// entry (a table's missing key) is the last; so is the hundredth.
fn from_toml_all<T: serde::de::DeserializeOwned>(
    text: &str,
) -> std::result::Result<T, Vec<toml::de::Error>> {
    let mut current = text.to_string();
    let mut errors: Vec<toml::de::Error> = Vec::new();
    // The keys blanked: a missing key that was blanked was reported already.
    let mut blanked: Vec<String> = Vec::new();
    loop {
        let e = match toml::from_str::<T>(&current) {
            Ok(value) if errors.is_empty() => return Ok(value),
            Ok(_) => return Err(errors),
            Err(e) => e,
        };
        let missing = e.message().strip_prefix("missing field `");
        if missing.is_some_and(|rest| {
            blanked
                .iter()
                .any(|key| rest.starts_with(&format!("{key}`")))
        }) {
            return Err(errors);
        }
        let entry = e.span().and_then(|span| entry_around(&current, span.start));
        errors.push(e);
        let Some((key, range)) = entry.filter(|_| errors.len() < 100) else {
            return Err(errors);
        };
        blanked.push(key);
        crate::front_matter::blank(&mut current, range);
    }
}

/// The key and text (key to value's end) of the innermost `key = value` entry of the TOML
/// `text` that holds byte `at`; or of the table whose header holds it, header and entries.
fn entry_around(text: &str, at: usize) -> Option<(String, std::ops::Range<usize>)> {
    fn find(table: &toml_edit::Table, at: usize) -> Option<(String, std::ops::Range<usize>)> {
        for (name, item) in table.iter() {
            match item {
                toml_edit::Item::Table(inner) => {
                    if let Some(found) = find(inner, at) {
                        return Some(found);
                    }
                    // At the table's header (a key it lacks): the whole table.
                    let header = inner.span()?;
                    if header.contains(&at) {
                        let end = inner
                            .iter()
                            .filter_map(|(_, item)| item.span())
                            .map(|span| span.end)
                            .fold(header.end, usize::max);
                        return Some((name.to_string(), header.start..end));
                    }
                }
                toml_edit::Item::ArrayOfTables(tables) => {
                    if let Some(found) = tables.iter().find_map(|inner| find(inner, at)) {
                        return Some(found);
                    }
                }
                toml_edit::Item::Value(value) => {
                    let start = table.key(name).and_then(toml_edit::Key::span)?.start;
                    let end = value.span()?.end;
                    if (start..end).contains(&at) {
                        return Some((name.to_string(), start..end));
                    }
                }
                toml_edit::Item::None => {}
            }
        }
        None
    }
    let document = toml_edit::ImDocument::parse(text).ok()?;
    find(document.as_table(), at)
}

/// Where the value of the entry at `keys` (`["build", "theme"]`) is written in the TOML `text`:
/// its first character. Dotted keys and inline tables are found alike.
pub fn value_position(text: &str, keys: &[&str]) -> Option<crate::diagnostic::Position> {
    let document = toml_edit::ImDocument::parse(text).ok()?;
    let (last, tables) = keys.split_last()?;
    let mut table: &dyn toml_edit::TableLike = document.as_table();
    for key in tables {
        table = table.get(key)?.as_table_like()?;
    }
    let span = table.get(last)?.span()?;
    Some(LineIndex::new(text).position(span.start))
}

/// [`value_position`] in the settings file at `path`, read again (for an error found after
/// reading: a theme that does not exist).
pub fn value_position_in(path: &Path, keys: &[&str]) -> Option<crate::diagnostic::Position> {
    value_position(&crate::source::read_text(path).ok()?, keys)
}

/// Values of a book.toml that read as the right type but cannot be meant: an empty or
/// malformed language tag, an edit link that names no page.
fn check_values(config: &Config, table: &toml::Table, text: &str, path: &Path) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let given = |keys: &[&str]| {
        let mut value = table.get(keys[0]);
        for key in &keys[1..] {
            value = value.and_then(|v| v.get(key));
        }
        value.is_some()
    };
    let at = |keys: &[&str]| value_position(text, keys);
    let language = config.book.language.trim();
    if given(&["book", "language"]) && !is_language_tag(language) {
        let message = if language.is_empty() {
            "`language` is empty".to_string()
        } else {
            format!("`language`: `{language}` is not a language tag")
        };
        problems.push(
            Diagnostic::error("config", path, message)
                .at_opt(at(&["book", "language"]))
                .hint(
                    "write the language's tag, as HTML's `lang` is written: \"en\", \"de\", \
                     \"pt-BR\"; or leave the key out for English",
                ),
        );
    }
    if let Some(url) = &config.html.edit_url {
        let problem = if url.trim().is_empty() {
            Some("`edit_url` is empty".to_string())
        } else if !url.contains("{path}") {
            Some(format!(
                "`edit_url`: `{url}` has no `{{path}}`: every page's \"Edit this page\" would \
                 lead to the same address"
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            problems.push(
                Diagnostic::error("config", path, message)
                    .at_opt(at(&["html", "edit_url"]))
                    .hint(
                        "write where a file is edited, with `{path}` for its path below the \
                         handbook's folder: \"https://git.example.com/handbook/-/edit/main/{path}\"; \
                         or leave the key out",
                    ),
            );
        }
    }
    problems
}

/// Whether `tag` reads as a BCP 47 language tag (`en`, `pt-BR`, `zh-Hant-TW`; MkDocs' `pt_BR`
/// too): a language of 2 or 3 letters, then parts of 1 to 8 letters or digits.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let language = parts.next().unwrap_or_default();
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Where the key `key` of `[translations]` is written in a book.toml's text: its line inside
/// the `[translations]` table (`key = ...`, `"key" = ...`, or `translations.key = ...` before
/// any table), else the table's own line.
fn translation_position(text: &str, key: &str) -> Option<crate::diagnostic::Position> {
    let mut section = "";
    let mut table_line = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if let Some(header) = line.strip_prefix('[') {
            section = header
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or_default()
                .trim();
            if section == "translations" {
                table_line = Some(i);
            }
            continue;
        }
        let Some((name, _)) = line.split_once('=') else {
            continue;
        };
        let name = name.trim();
        let (name, inside) = match name.strip_prefix("translations.") {
            Some(rest) if section.is_empty() => (rest.trim(), true),
            _ => (name, section == "translations"),
        };
        if inside && name.trim_matches(['"', '\'']) == key {
            let column = raw.len() - raw.trim_start().len();
            return Some(crate::diagnostic::Position::new(i + 1, column + 1));
        }
    }
    table_line.map(|i| crate::diagnostic::Position::new(i + 1, 1))
}

/// The settings a site written for another tool stands for, as a `book.toml`'s: its title,
/// description and language, its content and output folders.
pub fn borrowed_settings(
    title: &str,
    description: Option<&str>,
    language: Option<&str>,
    content: &str,
    dest: &str,
) -> toml::Table {
    let string = |s: &str| toml::Value::String(s.to_string());
    let mut book = toml::Table::new();
    book.insert("title".into(), string(title));
    if let Some(description) = description {
        book.insert("description".into(), string(description));
    }
    if let Some(language) = language.map(str::trim).filter(|l| !l.is_empty()) {
        book.insert("language".into(), string(language));
    }
    let mut build = toml::Table::new();
    build.insert("content".into(), string(content));
    build.insert("dest".into(), string(dest));
    let mut settings = toml::Table::new();
    settings.insert("book".into(), toml::Value::Table(book));
    settings.insert("build".into(), toml::Value::Table(build));
    settings
}

/// Sets a borrowed site's `[build] exclude`: the patterns its own tool leaves files out by
/// (MkDocs' `exclude_docs`, Zola's `ignored_content`), read as `.gitignore` lines.
pub fn set_exclude(settings: &mut toml::Table, patterns: Vec<String>) {
    if patterns.is_empty() {
        return;
    }
    if let Some(toml::Value::Table(build)) = settings.get_mut("build") {
        let patterns = patterns.into_iter().map(toml::Value::String).collect();
        build.insert("exclude".into(), toml::Value::Array(patterns));
    }
}

/// Sets a borrowed site's levels of broken links and broken anchors (`[build] broken_links`,
/// `broken_anchors`), as its own tool would fail or only warn.
pub fn set_link_levels(settings: &mut toml::Table, links: BrokenLinks, anchors: BrokenLinks) {
    let name = |level| match level {
        BrokenLinks::Error => "error",
        BrokenLinks::Warn => "warn",
    };
    if let Some(toml::Value::Table(build)) = settings.get_mut("build") {
        build.insert("broken_links".into(), name(links).into());
        build.insert("broken_anchors".into(), name(anchors).into());
    }
}

/// `[html] last_updated`, in the settings made from another tool's (Hugo's `enableGitInfo`,
/// MkDocs' git-revision-date plugins, Docusaurus' `showLastUpdateTime`).
pub fn set_last_updated(settings: &mut toml::Table, on: bool) {
    if !on {
        return;
    }
    if let toml::Value::Table(html) = settings
        .entry("html")
        .or_insert_with(|| toml::Value::Table(toml::Table::new()))
    {
        html.insert("last_updated".into(), true.into());
    }
}

/// `path` without its `.` parts: GitBook's `root: ./` and Docusaurus' `path: './../docs'`
/// then show in messages as `SUMMARY.md` and `../docs/a.md`, not `././SUMMARY.md` and
/// `./../docs/a.md`. A `..` stays: through a link, `out/..` need not be the folder `out` is in.
pub fn clean(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        if component != Component::CurDir {
            out.push(component);
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// Whether a folder is a handbook's root: it holds a `book.toml`, a GitBook book's
/// `.gitbook.yaml`, an MkDocs site's `mkdocs.yml`, a Docusaurus site's
/// `docusaurus.config.js` or a Hugo or Zola site's settings.
pub fn is_root(dir: &Path) -> bool {
    SETTINGS_FILES.iter().any(|name| dir.join(name).is_file())
        || crate::gitbook::legacy_in(dir)
        || crate::docusaurus::file_in(dir).is_some()
        || crate::hugo::file_in(dir, true).is_some()
}

/// The nearest folder at or above `start` with settings: a `book.toml`, or an MkDocs,
/// Docusaurus, Hugo or Zola site's (a Hugo blog inside a Docusaurus site, an MkDocs site in a
/// folder of a handbook's repository, are their own). A GitBook book's `.gitbook.yaml` is the
/// one exception: a `book.toml` above it wins, since a GitBook book synced into a handbook's
/// content folder is the handbook's.
fn find_root(start: &Path) -> Option<PathBuf> {
    let mut gitbook = None;
    for dir in start.ancestors() {
        if dir.join(FILE_NAME).is_file() {
            return Some(dir.to_path_buf());
        }
        if gitbook.is_some() {
            continue;
        }
        if dir.join(crate::gitbook::FILE_NAME).is_file() || crate::gitbook::legacy_in(dir) {
            gitbook = Some(dir.to_path_buf());
        } else if crate::mkdocs::file_in(dir).is_some()
            || crate::docusaurus::file_in(dir).is_some()
            || crate::hugo::file_in(dir, true).is_some()
        {
            return Some(dir.to_path_buf());
        }
    }
    gitbook
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_paths_are_cleaned_as_written() {
        for (path, cleaned) in [
            ("./.", "."),
            ("././SUMMARY.md", "SUMMARY.md"),
            ("./../docs", "../docs"),
            ("site/website/../docs", "site/website/../docs"),
            ("../../a/./b/", "../../a/b"),
            ("/x/./y/../docs", "/x/y/../docs"),
            ("", "."),
        ] {
            assert_eq!(clean(Path::new(path)), Path::new(cleaned), "{path}");
        }
    }

    #[test]
    fn base_urls_are_whole_addresses_or_paths_from_the_top() {
        for fine in [
            "",
            "https://intranet.example.com/handbook/",
            "http://localhost:8080/",
            "https://[::1]/x/",
            "HTTPS://EXAMPLE.COM",
            "/eng/handbook/",
        ] {
            assert_eq!(Config::base_url_problem(fine), None, "{fine}");
        }
        for (url, said) in [
            ("https://example.com?x=1", "query or a fragment"),
            ("https://example.com/docs#top", "query or a fragment"),
            ("https://example.com/my docs/", "holds a space"),
            (
                "http://:8080/",
                "not an http:// or https:// address with a host",
            ),
            (
                "https://user:pw@/",
                "not an http:// or https:// address with a host",
            ),
            (
                "https:/example.com/",
                "not an http:// or https:// address with a host",
            ),
            ("localhost:8080/docs", "write `http://localhost:8080/docs`"),
            (
                "intranet.example.com/eng/",
                "write `https://intranet.example.com/eng/`",
            ),
            (
                "//intranet.example.com/eng/",
                "write `https://intranet.example.com/eng/`",
            ),
            ("eng/handbook/", "write `/eng/handbook/`"),
        ] {
            let problem = Config::base_url_problem(url).unwrap_or_default();
            assert!(problem.contains(said), "{url}: {problem}");
        }
    }

    #[test]
    fn defaults_fill_everything_but_the_title() {
        let c = Config::parse("[book]\ntitle = \"T\"\n", Path::new("book.toml")).unwrap();
        assert_eq!(c.build.dest, PathBuf::from("public"));
        assert_eq!(c.check.review_every_days, 180);
        assert_eq!(c.build.broken_links, BrokenLinks::Error);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = Config::parse(
            "[book]\ntitle = \"T\"\n\n[build]\ndset = \"out\"\n",
            Path::new("book.toml"),
        );
        let Err(Error::Handbook(d)) = err else {
            panic!("expected a diagnostic")
        };
        assert!(d[0].message.contains("dset"), "{}", d[0].message);
        assert_eq!(d[0].position.unwrap().line, 5);
    }

    #[test]
    fn a_value_of_the_wrong_type_is_named_by_its_key_in_words() {
        for (setting, message, hint) in [
            (
                "[check]\nreview_every_days = \"180\"\n",
                "`review_every_days`: invalid type: string \"180\", expected a whole number, 0 or more",
                "write the number without quotes",
            ),
            (
                "[check]\nrequire_owner = \"yes\"\n",
                "`require_owner`: invalid type: string \"yes\", expected true or false",
                "see the book.toml reference",
            ),
        ] {
            let text = format!("[book]\ntitle = \"T\"\n{setting}");
            let Err(Error::Handbook(d)) = Config::parse(&text, Path::new("book.toml")) else {
                panic!("{setting}: expected a diagnostic")
            };
            assert_eq!(d[0].message, message);
            assert!(d[0].hint.as_deref().unwrap_or("").contains(hint), "{:?}", d[0].hint);
            assert_eq!(d[0].position.map(|p| p.line), Some(4));
        }
    }

    #[test]
    fn the_nearest_settings_name_the_root_but_a_book_toml_above_a_gitbook_book() {
        let dir = tempfile::tempdir().unwrap();
        let at = |rel: &str| dir.path().join(rel);
        for (file, text) in [
            ("book.toml", "[book]\ntitle = 'T'\n"),
            ("content/synced/.gitbook.yaml", "root: ./\n"),
            ("content/synced/deep/a.md", "# A\n"),
            ("docs/mkdocs.yml", "site_name: Docs\n"),
            ("docs/docs/index.md", "# Docs\n"),
        ] {
            std::fs::create_dir_all(at(file).parent().unwrap()).unwrap();
            std::fs::write(at(file), text).unwrap();
        }
        assert_eq!(find_root(&at("content")), Some(at("")));
        // A GitBook book inside the handbook's content is the handbook's.
        assert_eq!(find_root(&at("content/synced/deep")), Some(at("")));
        // An MkDocs site in a folder of the handbook's repository is its own.
        assert_eq!(find_root(&at("docs/docs")), Some(at("docs")));
        // Under no book.toml, a GitBook book is its own, before any other settings in it.
        let outer = tempfile::tempdir().unwrap();
        let book = outer.path().join("book");
        std::fs::create_dir_all(book.join("x")).unwrap();
        std::fs::write(book.join(".gitbook.yaml"), "root: ./\n").unwrap();
        std::fs::write(outer.path().join("mkdocs.yml"), "site_name: Outer\n").unwrap();
        assert_eq!(find_root(&book.join("x")), Some(book));
    }

    #[test]
    fn base_path_of_sub_path_url() {
        let c = Config::parse(
            "[book]\ntitle='T'\n[build]\nbase_url='https://h.example/handbook'\n",
            Path::new("b"),
        )
        .unwrap();
        assert_eq!(c.build.base_url, "https://h.example/handbook/");
        assert_eq!(c.base_path(), "/handbook/");
    }
}
