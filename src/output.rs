//! Where the site's files go. `build` writes them to a staging folder beside the destination,
//! swapped in only when the whole build succeeded, so a failed build never leaves a half-written
//! or emptied site, and files of removed pages never linger. `serve` keeps them in memory.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};

pub struct Output {
    target: Target,
    /// Every path written so far: a second write to one is a bug or a collision, never silent.
    written: Mutex<HashSet<String>>,
}

enum Target {
    Staging {
        staging: PathBuf,
        dest: PathBuf,
        committed: bool,
        /// Trash folders of earlier sites found beside `dest` (a removal cut short, or still at
        /// work): handed over again by [`Output::commit`].
        earlier_trash: Vec<PathBuf>,
    },
    Memory(Mutex<BTreeMap<String, Vec<u8>>>),
    /// Every file made and its path claimed, nothing kept: `check` renders all a build does.
    Discard,
}

impl Output {
    /// Creates a fresh staging folder for `dest`, first removing any left by killed builds.
    pub fn create(dest: &Path) -> Result<Output> {
        let parent = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let name = site_name(dest);
        // What killed builds left: their staging folders, and the previous site set aside by a
        // swap that did not finish (put back when the site itself is missing).
        let staging_prefix = format!(".{name}.staging-");
        let old_prefix = format!(".{name}.old-");
        let mut earlier_trash = Vec::new();
        if let Ok(entries) = fs::read_dir(parent) {
            for entry in entries.flatten() {
                let file_name = entry.file_name().to_string_lossy().into_owned();
                if file_name.starts_with(&old_prefix) && !dest.exists() {
                    let _ = fs::rename(entry.path(), dest);
                } else if file_name.starts_with(&staging_prefix)
                    || file_name.starts_with(&old_prefix)
                {
                    let _ = fs::remove_dir_all(entry.path());
                } else if is_trash_name(&file_name, Some(&name)) && is_real_folder(&entry.path()) {
                    earlier_trash.push(entry.path());
                }
            }
        }
        earlier_trash.sort();
        let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
        fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        let target = Target::Staging {
            staging,
            dest: dest.to_path_buf(),
            committed: false,
            earlier_trash,
        };
        Ok(Output {
            target,
            written: Mutex::default(),
        })
    }

    /// An output kept in memory, for the preview server.
    pub fn memory() -> Output {
        Output {
            target: Target::Memory(Mutex::default()),
            written: Mutex::default(),
        }
    }

    /// An output that keeps nothing, but claims each path as a build does, so that outputs
    /// colliding are found (for `check`).
    pub fn discard() -> Output {
        Output {
            target: Target::Discard,
            written: Mutex::default(),
        }
    }

    /// Whether the files written are kept (not for [`Output::discard`]).
    pub fn keeps_files(&self) -> bool {
        !matches!(self.target, Target::Discard)
    }

    /// Writes one file, `path` being `/`-separated below the site root.
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.claim(path)?;
        match &self.target {
            Target::Staging { staging, .. } => {
                let target = staging.join(path);
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
                }
                fs::write(&target, bytes).map_err(|e| write_error(&target, e))
            }
            Target::Memory(files) => {
                files
                    .lock()
                    .map_err(|_| write_error(Path::new(path), poisoned()))?
                    .insert(path.into(), bytes.to_vec());
                Ok(())
            }
            Target::Discard => Ok(()),
        }
    }

    /// Opens one file to be written piece by piece ([`Sink::write`], then [`Sink::finish`]).
    pub fn sink(&self, path: &str) -> Result<Sink, Diagnostic> {
        self.claim(path)?;
        let target = match &self.target {
            Target::Staging { staging, .. } => {
                let target = staging.join(path);
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
                }
                let file = fs::File::create(&target).map_err(|e| write_error(&target, e))?;
                SinkTarget::File(std::io::BufWriter::with_capacity(256 * 1024, file), target)
            }
            Target::Memory(_) => SinkTarget::Memory(Vec::new()),
            Target::Discard => SinkTarget::Discard,
        };
        Ok(Sink {
            path: path.to_string(),
            target,
        })
    }

    /// Copies a file into the site.
    pub fn copy(&self, from: &Path, path: &str) -> Result<(), Diagnostic> {
        match &self.target {
            Target::Staging { staging, .. } => {
                self.claim(path)?;
                let target = staging.join(path);
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
                }
                fs::copy(from, &target)
                    .map(|_| ())
                    .map_err(|e| write_error(from, e))
            }
            Target::Memory(_) => {
                let bytes = fs::read(from).map_err(|e| write_error(from, e))?;
                self.write(path, &bytes)
            }
            Target::Discard => {
                self.claim(path)?;
                fs::File::open(from)
                    .map(drop)
                    .map_err(|e| write_error(from, e))
            }
        }
    }

    fn claim(&self, path: &str) -> Result<(), Diagnostic> {
        let safe = !path.is_empty()
            && path
                .split('/')
                .all(|part| !part.is_empty() && part != "." && part != "..")
            && !path.contains('\\');
        if !safe {
            return Err(Diagnostic::error(
                "write",
                path,
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
                path,
                format!("two outputs are written to `{path}`"),
            )
            .hint("a page, alias or file in content/ collides with another output; rename one"));
        }
        Ok(())
    }

    /// Swaps the staging folder in as the destination, and deletes the previous site; or, with
    /// `defer_removal`, moves it to a trash folder beside the destination and returns it, with
    /// any earlier trash found there, for the caller to delete, e.g. in the background
    /// ([`remove_trash`]): deleting a site of 10,000 pages can take longer than building it.
    pub fn commit(mut self, defer_removal: bool) -> Result<Vec<PathBuf>> {
        let Target::Staging {
            staging,
            dest,
            committed,
            earlier_trash,
        } = &mut self.target
        else {
            return Ok(Vec::new());
        };
        let mut trash = if defer_removal {
            std::mem::take(earlier_trash)
        } else {
            Vec::new()
        };
        let mut dispose = |old: &Path| {
            if defer_removal {
                let name = trash_name(dest);
                if fs::rename(old, &name).is_ok() {
                    trash.push(name);
                    return;
                }
            }
            let _ = fs::remove_dir_all(old);
        };
        if dest.exists() {
            if exchange(staging, dest).is_ok() {
                // The staging folder now holds the previous site.
                *committed = true;
                dispose(staging);
                return Ok(trash);
            }
            // No atomic exchange here: set the old site aside, then move the new one in. A
            // build killed in between leaves the old one aside, and the next build puts it back.
            let old = staging.with_file_name(
                staging
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .replace(".staging-", ".old-"),
            );
            fs::rename(&*dest, &old).map_err(|e| Error::io(&*dest, e))?;
            if let Err(e) = fs::rename(&*staging, &*dest) {
                let _ = fs::rename(&old, &*dest);
                return Err(Error::io(&*dest, e));
            }
            *committed = true;
            dispose(&old);
            return Ok(trash);
        }
        fs::rename(&*staging, &*dest).map_err(|e| Error::io(&*dest, e))?;
        *committed = true;
        Ok(trash)
    }

    /// The files of an in-memory output (empty for a folder).
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        match &self.target {
            Target::Memory(files) => files
                .lock()
                .map(|mut f| std::mem::take(&mut *f))
                .unwrap_or_default(),
            Target::Staging { .. } | Target::Discard => BTreeMap::new(),
        }
    }
}

/// A file of the output being written piece by piece.
pub struct Sink {
    path: String,
    target: SinkTarget,
}

enum SinkTarget {
    File(std::io::BufWriter<fs::File>, PathBuf),
    Memory(Vec<u8>),
    Discard,
}

impl Sink {
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), Diagnostic> {
        match &mut self.target {
            SinkTarget::File(writer, path) => {
                writer.write_all(bytes).map_err(|e| write_error(path, e))
            }
            SinkTarget::Memory(buffer) => {
                buffer.extend_from_slice(bytes);
                Ok(())
            }
            SinkTarget::Discard => Ok(()),
        }
    }

    /// Completes the file (into `out`, for an output kept in memory).
    pub fn finish(self, out: &Output) -> Result<(), Diagnostic> {
        match self.target {
            SinkTarget::File(mut writer, path) => writer.flush().map_err(|e| write_error(&path, e)),
            SinkTarget::Discard => Ok(()),
            SinkTarget::Memory(buffer) => match &out.target {
                Target::Memory(files) => {
                    files
                        .lock()
                        .map_err(|_| write_error(Path::new(&self.path), poisoned()))?
                        .insert(self.path, buffer);
                    Ok(())
                }
                Target::Discard => Ok(()),
                Target::Staging { .. } => Err(write_error(
                    Path::new(&self.path),
                    std::io::Error::other("a file opened in memory was finished into a folder"),
                )),
            },
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Target::Staging {
            staging,
            committed: false,
            ..
        } = &self.target
        {
            let _ = fs::remove_dir_all(staging);
        }
    }
}

/// Marks the trash folders of a destination's earlier sites: `.public.trash-<pid>-<nanos>`.
const TRASH: &str = ".trash-";

/// A new trash folder name for an earlier site of `dest`, beside it.
fn trash_name(dest: &Path) -> PathBuf {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    dest.with_file_name(format!(
        ".{}{TRASH}{}-{stamp}",
        site_name(dest),
        std::process::id()
    ))
}

/// The destination's folder name, as its staging and trash folders spell it.
fn site_name(dest: &Path) -> String {
    dest.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

/// Whether `name` is a trash folder's: `.<site>.trash-<digits>-<digits>`, of the given site
/// when one is given.
fn is_trash_name(name: &str, site: Option<&str>) -> bool {
    let Some((head, numbers)) = name.rsplit_once(TRASH) else {
        return false;
    };
    let site_ok = match site {
        Some(site) => head.strip_prefix('.') == Some(site),
        None => head.len() > 1 && head.starts_with('.'),
    };
    let numbers_ok = numbers.split_once('-').is_some_and(|(a, b)| {
        [a, b]
            .iter()
            .all(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()))
    });
    site_ok && numbers_ok
}

/// Whether `path` is a folder itself (not a link to one).
fn is_real_folder(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// Deletes trash folders ([`Output::commit`]); refuses, and leaves alone, any path that is not
/// a trash folder (by its name, `.<site>.trash-<pid>-<nanos>`) or not a folder itself, and
/// skips one that another removal is deleting (rebuilds in a loop each hand over what is left).
pub fn remove_trash(paths: &[PathBuf]) {
    for path in paths {
        let named = path
            .file_name()
            .is_some_and(|n| is_trash_name(&n.to_string_lossy(), None));
        if !named || !is_real_folder(path) {
            continue;
        }
        let Some(_claim) = claim(path) else {
            continue;
        };
        let _ = fs::remove_dir_all(path);
    }
}

/// Claims a folder for this process until the handle drops; `None` when another process holds
/// it. A killed process lets go, so the next removal finishes the job.
#[cfg(target_os = "linux")]
fn claim(folder: &Path) -> Option<fs::File> {
    let handle = fs::File::open(folder).ok()?;
    rustix::fs::flock(
        &handle,
        rustix::fs::FlockOperation::NonBlockingLockExclusive,
    )
    .ok()?;
    Some(handle)
}

#[cfg(not(target_os = "linux"))]
fn claim(_: &Path) -> Option<()> {
    Some(())
}

/// Swaps two folders in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

fn poisoned() -> std::io::Error {
    std::io::Error::other("a writer thread panicked")
}

fn write_error(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error("write", path, format!("cannot write: {e}"))
        .hint("check the output folder's permissions and free space")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trash_names_are_exact() {
        for (name, site, yes) in [
            (".public.trash-12-345", Some("public"), true),
            (".public.trash-12-345", None, true),
            (".site.staging-v2.trash-1-2", Some("site.staging-v2"), true),
            (".site.staging-v2.trash-1-2", Some("site"), false),
            (".public.trash-2024.staging-5", Some("public"), false),
            (".public.trash-2024.staging-5", None, false),
            (".public.trash-keep", None, false),
            (".public.trash-1-", None, false),
            (".public.trash--2", None, false),
            (".public.trash-1-2x", None, false),
            ("public.trash-1-2", None, false),
            (".trash-1-2", None, false),
            (".public.staging-7", Some("public"), false),
        ] {
            assert_eq!(is_trash_name(name, site), yes, "{name} {site:?}");
        }
        let trash = trash_name(Path::new("/x/site.old-1"));
        let name = trash.file_name().unwrap().to_string_lossy();
        assert!(is_trash_name(&name, Some("site.old-1")), "{name}");
        assert_eq!(trash.parent(), Some(Path::new("/x")));
    }

    #[test]
    fn only_trash_folders_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("public");
        let trash = dir.path().join(".public.trash-1-2");
        let keep = dir.path().join(".public.trash-keep");
        for d in [&site, &trash, &keep] {
            fs::create_dir_all(d.join("a")).unwrap();
            fs::write(d.join("a/index.html"), "x").unwrap();
        }
        #[cfg(unix)]
        {
            let link = dir.path().join(".public.trash-3-4");
            std::os::unix::fs::symlink(&site, &link).unwrap();
            let out = Output::create(&site).unwrap();
            assert!(
                matches!(&out.target, Target::Staging { earlier_trash, .. } if *earlier_trash == [trash.clone()])
            );
            drop(out);
            remove_trash(std::slice::from_ref(&link));
            assert!(
                link.exists(),
                "a link named like trash is not a trash folder"
            );
        }
        #[cfg(target_os = "linux")]
        {
            // Another removal at work on it: left to that one.
            let held = claim(&trash).unwrap();
            remove_trash(std::slice::from_ref(&trash));
            assert!(trash.join("a/index.html").exists());
            drop(held);
        }
        remove_trash(&[site.clone(), keep.clone(), trash.clone()]);
        assert!(site.join("a/index.html").exists() && keep.join("a/index.html").exists());
        assert!(!trash.exists());
    }
}
