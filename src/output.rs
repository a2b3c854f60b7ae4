//! Writing the site: everything goes to a staging folder beside the destination, which is
//! swapped in only when the whole build succeeded, so a failed build never leaves a half-written
//! or emptied site, and files of removed pages never linger.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};

pub struct Output {
    staging: PathBuf,
    dest: PathBuf,
    /// Every path written so far: a second write to one is a bug or a collision, never silent.
    written: Mutex<HashSet<String>>,
    committed: bool,
}

impl Output {
    /// Creates a fresh staging folder for `dest`, first removing any left by killed builds.
    pub fn create(dest: &Path) -> Result<Output> {
        let parent = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let leftover_prefixes = [format!(".{name}.staging-"), format!(".{name}.old-")];
        if let Ok(entries) = fs::read_dir(parent) {
            for entry in entries.flatten() {
                let file_name = entry.file_name().to_string_lossy().into_owned();
                if leftover_prefixes.iter().any(|p| file_name.starts_with(p)) {
                    let _ = fs::remove_dir_all(entry.path());
                }
            }
        }
        let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
        fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        Ok(Output {
            staging,
            dest: dest.to_path_buf(),
            written: Mutex::default(),
            committed: false,
        })
    }

    /// Writes one file, `path` being `/`-separated below the site root.
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let target = self.target(path)?;
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
        }
        fs::write(&target, bytes).map_err(|e| write_error(&target, e))
    }

    /// Copies a file into the site.
    pub fn copy(&self, from: &Path, path: &str) -> Result<(), Diagnostic> {
        let target = self.target(path)?;
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
        }
        fs::copy(from, &target)
            .map(|_| ())
            .map_err(|e| write_error(from, e))
    }

    fn target(&self, path: &str) -> Result<PathBuf, Diagnostic> {
        let safe = !path.is_empty()
            && path
                .split('/')
                .all(|part| !part.is_empty() && part != "." && part != "..")
            && !path.contains('\\');
        if !safe {
            return Err(Diagnostic::error(
                "write",
                &self.dest,
                format!("refusing to write `{path}` outside the site folder"),
            ));
        }
        let first = self
            .written
            .lock()
            .map(|mut w| w.insert(path.to_string()))
            .unwrap_or(true);
        if !first {
            return Err(Diagnostic::error(
                "write",
                &self.dest,
                format!("two outputs are written to `{path}`"),
            )
            .hint("a page, alias or file in content/ collides with another output; rename one"));
        }
        Ok(self.staging.join(path))
    }

    /// Swaps the staging folder in as the destination.
    pub fn commit(mut self) -> Result<()> {
        if self.dest.exists() {
            let old = self.staging.with_file_name(
                self.staging
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .replace(".staging-", ".old-"),
            );
            fs::rename(&self.dest, &old).map_err(|e| Error::io(&self.dest, e))?;
            if let Err(e) = fs::rename(&self.staging, &self.dest) {
                let _ = fs::rename(&old, &self.dest);
                return Err(Error::io(&self.dest, e));
            }
            let _ = fs::remove_dir_all(&old);
        } else {
            fs::rename(&self.staging, &self.dest).map_err(|e| Error::io(&self.dest, e))?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

fn write_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error("write", path, format!("cannot write: {e}"))
        .hint("check the output folder's permissions and free space")
}
