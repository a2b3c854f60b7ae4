//! Reading files that pages put in their text (mdBook's `{{#include}}`, MkDocs' snippets):
//! only from inside the repository that holds the site, never a hidden file, as UTF-8 text of a
//! page's size at most. A page in CI never publishes a file from elsewhere on the machine.

use std::path::{Path, PathBuf};

use crate::source::{self, ReadProblem};

/// What went wrong and how to fix it.
pub(crate) type IncludeError = (String, String);

/// Reads the files one page includes, and keeps their list for the preview to watch.
pub(crate) struct Reader {
    /// [`include_root`], found once a page.
    root: Option<PathBuf>,
    /// What paths are relative to, for hints (`the path is relative to this page's file`).
    relative: &'static str,
    /// What the site is called in messages (`book`), and its settings file (`book.toml`).
    site: &'static str,
    settings: &'static str,
    /// Every file read.
    pub files: Vec<PathBuf>,
}

impl Reader {
    pub fn new(
        site_root: &Path,
        relative: &'static str,
        site: &'static str,
        settings: &'static str,
    ) -> Reader {
        Reader {
            root: include_root(site_root),
            relative,
            site,
            settings,
            files: Vec::new(),
        }
    }

    /// The text of `path` (`written` as the page wrote it, for messages) and its real path,
    /// which must be inside [`include_root`] and not hidden.
    pub fn read(&mut self, written: &str, path: &Path) -> Result<(String, PathBuf), IncludeError> {
        let relative = || self.relative.to_string();
        let real = std::fs::canonicalize(path).map_err(|e| {
            let message = if e.kind() == std::io::ErrorKind::NotFound {
                format!("cannot include `{written}`: there is no such file")
            } else {
                format!("cannot include `{written}`: {e}")
            };
            (message, relative())
        })?;
        if !self.allows(&real) {
            return Err(self.refusal(written, &real));
        }
        let text = source::read_text(&real).map_err(|problem| match problem {
            ReadProblem::Io(e) => (format!("cannot include `{written}`: {e}"), relative()),
            ReadProblem::NotAFile => (
                format!("cannot include `{written}`: it is not a file"),
                format!("name a file; {}", self.relative),
            ),
            ReadProblem::TooLarge(_) => (
                format!("cannot include `{written}`: it is larger than a page may be"),
                "include a part of it (a range of lines, or a named part) from a smaller file"
                    .into(),
            ),
            ReadProblem::Encoding(position, byte) => (
                format!(
                    "cannot include `{written}`: invalid UTF-8 (byte 0x{byte:02x}) at line {}",
                    position.line
                ),
                "save the file as UTF-8".to_string(),
            ),
        })?;
        self.files.push(real.clone());
        Ok((text, real))
    }

    /// Whether a real (canonical) path is one pages may include: inside the root, not hidden
    /// (`.git/config` holds a CI runner's token, a home folder kept in git has `.ssh/`).
    pub fn allows(&self, real: &Path) -> bool {
        let Some(inside) = self
            .root
            .as_deref()
            .and_then(|root| real.strip_prefix(root).ok())
        else {
            return false;
        };
        !inside
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
    }

    /// Why a path [`Reader::allows`] refuses is refused.
    fn refusal(&self, written: &str, real: &Path) -> IncludeError {
        let inside = self
            .root
            .as_deref()
            .is_some_and(|root| real.starts_with(root));
        if inside {
            (
                format!("cannot include `{written}`: it is in a hidden folder or is a hidden file"),
                "include files that are not hidden (a name starting with `.`)".to_string(),
            )
        } else {
            (
                format!(
                    "cannot include `{written}`: it is outside the {}'s repository",
                    self.site
                ),
                format!(
                    "copy it into the repository (or, outside one, the folder that holds {})",
                    self.settings
                ),
            )
        }
    }
}

/// The folder includes must stay in: the repository that holds the site (examples often sit
/// beside the book's folder), else the site's folder.
fn include_root(site: &Path) -> Option<PathBuf> {
    let site = std::fs::canonicalize(site).ok()?;
    let repository = site.ancestors().find(|dir| dir.join(".git").exists());
    Some(repository.unwrap_or(&site).to_path_buf())
}
