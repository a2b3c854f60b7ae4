//! One type for every problem a handbook can have, shared by `build`, `check` and (later) the
//! preview overlay, and its human-readable form.
//!
//! A diagnostic names the file and, where it has them, the line and column *in the file* (not in
//! the front matter block or the Markdown body), says what is wrong, and hints how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How bad a problem is: errors fail the build, warnings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A 1-based line and column (the column counts characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub fn new(line: usize, column: usize) -> Self {
        Position { line, column }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable, machine-readable name for the kind of problem (`broken-link`, `yaml`...).
    pub code: &'static str,
    pub file: PathBuf,
    pub position: Option<Position>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            position: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(
        code: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    pub fn at_opt(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The location as `file:line:col`, with the path shown relative to the working folder.
    pub fn location(&self) -> String {
        let file = display_path(&self.file);
        match self.position {
            Some(p) => format!("{file}:{}:{}", p.line, p.column),
            None => file,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.location(),
            self.severity,
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Shows a path relative to the current folder when it lies below it, so that terminals and
/// editors can open `content/page.md:3:1` directly.
pub fn display_path(path: &Path) -> String {
    let path = &without_steps_back(path);
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    // `./a.md` (a root given as `.`) reads as `a.md`.
    let shown = shown
        .strip_prefix(".")
        .map_or(shown.clone(), Path::to_path_buf);
    if shown.as_os_str().is_empty() {
        return ".".into();
    }
    shown.display().to_string()
}

/// `path` with each `folder/..` taken out (`website/../docs/a.md` is `docs/a.md`, as a
/// Docusaurus site's `path: '../docs'` makes it), unless the folder is a symbolic link, where
/// `..` leads elsewhere.
fn without_steps_back(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for component in path.components() {
        let back = component == Component::ParentDir
            && matches!(out.components().next_back(), Some(Component::Normal(_)))
            && !std::fs::symlink_metadata(&out).is_ok_and(|m| m.file_type().is_symlink());
        if back {
            out.pop();
        } else {
            out.push(component);
        }
    }
    out
}

/// Sorts diagnostics by file, then position, so that output is stable and grouped by file.
/// Names as a message lists them: each in backticks, joined by commas (`` `a`, `b` ``).
pub fn code_list<S: AsRef<str>>(names: &[S]) -> String {
    names
        .iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.position, b.severity, &a.message)
            .cmp(&(&b.file, b.position, a.severity, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_back_are_taken_out_of_shown_paths() {
        let shown = |p: &str| without_steps_back(Path::new(p)).display().to_string();
        assert_eq!(shown("/no/such/website/../docs/a.md"), "/no/such/docs/a.md");
        assert_eq!(shown("website/../docs/a.md"), "docs/a.md");
        assert_eq!(shown("../docs/a.md"), "../docs/a.md");
        assert_eq!(shown("a/b/../../c.md"), "c.md");
    }
}
