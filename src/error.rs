//! Errors that stop a command. Problems *in the handbook* are [`Diagnostic`]s, collected so that a
//! build reports all of them at once; this type carries them out as [`Error::Handbook`].

use std::io;
use std::path::PathBuf;

use crate::diagnostic::{display_path, Diagnostic};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The handbook has errors (exit code 1). Warnings found on the way travel with them.
    #[error("the handbook has errors")]
    Handbook(Vec<Diagnostic>),

    #[error("{}: {source}", display_path(path))]
    Io { path: PathBuf, source: io::Error },

    #[error("no book.toml in {} or any folder above it, nor a GitBook, MkDocs, Docusaurus, Hugo or Zola site's settings\n  = hint: run `handbook` inside a handbook, pass --root DIR, or create book.toml with a [book] title", display_path(start))]
    NoBookToml { start: PathBuf },

    /// `--root` names a folder without settings, or none at all.
    #[error("{}", not_a_root(root))]
    NotARoot { root: PathBuf },

    #[error("{message}\n  = hint: {hint}")]
    Usage { message: String, hint: String },
}

/// Why `root`, given as `--root`, is not a handbook's folder.
fn not_a_root(root: &std::path::Path) -> String {
    let shown = display_path(root);
    if !root.is_dir() {
        return format!(
            "--root {shown}: no such folder\n  = hint: pass --root the handbook's folder, the one that holds book.toml"
        );
    }
    if let Some((tool, settings, pages)) = other_tool(root) {
        let why_dest = match tool {
            "Jekyll" => "Jekyll leaves a folder named with `_` out of its own site".to_string(),
            _ => format!("its `public/` is {tool}'s own"),
        };
        return format!(
            "no book.toml in {shown}: {} is a {tool} site's settings, which handbook does not \
             read; it builds the site's Markdown pages with a book.toml\n  \
             = hint: create {shown}/book.toml holding `[book]` `title = \"...\"` and `[build]` \
             `content = \"{pages}\"`, `dest = \"_handbook\"` ({why_dest}) and \
             `exclude = [\"node_modules/\", \"_site/\", \"public/\"]`; {tool}'s own syntax and \
             components show as written",
            display_path(&settings)
        );
    }
    format!(
        "no book.toml in {shown}, nor a GitBook, MkDocs, Docusaurus, Hugo or Zola site's settings \
         (--root is the handbook's folder itself: the folders above it are not searched)\n  \
         = hint: pass --root the folder that holds the settings, or create {shown}/book.toml with a [book] title"
    )
}

/// A settings file of a tool whose sites handbook builds only with a book.toml of their own:
/// the tool's name, the file, and the folder of its pages from `root`.
fn other_tool(root: &std::path::Path) -> Option<(&'static str, PathBuf, &'static str)> {
    const SCRIPTS: [&str; 6] = ["js", "mjs", "cjs", "ts", "mts", "cts"];
    let tools = [
        ("VitePress", ".vitepress/config", "."),
        ("VuePress", ".vuepress/config", "."),
        ("Eleventy", ".eleventy", "."),
        ("Eleventy", "eleventy.config", "."),
        ("Astro", "astro.config", "src/content/docs"),
    ];
    let scripts = tools.into_iter().flat_map(|(tool, stem, pages)| {
        SCRIPTS
            .iter()
            .map(move |ext| (tool, root.join(format!("{stem}.{ext}")), pages))
    });
    let jekyll = ("Jekyll", root.join("_config.yml"), ".");
    scripts
        .chain([jekyll])
        .find(|(_, settings, _)| settings.is_file())
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The process exit code: 1 when the handbook has errors, 2 when the command could not run.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Handbook(_) => 1,
            _ => 2,
        }
    }
}

impl Error {
    /// The error as a problem of a file, for the machine-read reports (`--format json`,
    /// `github`, `gitlab`): a CI job that could not check the handbook says why in the report
    /// it reads, not only on standard error. `None` for a mistake in the command line.
    pub fn as_diagnostic(&self) -> Option<Diagnostic> {
        // The message's first line, and the hint after `= hint: `.
        let text = self.to_string();
        let (message, hint) = match text.split_once("\n  = hint: ") {
            Some((message, hint)) => (message.to_string(), Some(hint.to_string())),
            None => (text, None),
        };
        let (file, message) = match self {
            Error::Handbook(_) | Error::Usage { .. } => return None,
            // The path is the diagnostic's file: the message is the rest.
            Error::Io { path, source } => (path.clone(), source.to_string()),
            Error::NoBookToml { start } => (start.join(crate::config::FILE_NAME), message),
            Error::NotARoot { root } => (root.join(crate::config::FILE_NAME), message),
        };
        let diagnostic = Diagnostic::error("cannot-run", file, message);
        Some(match hint {
            Some(hint) => diagnostic.hint(hint),
            None => diagnostic,
        })
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
