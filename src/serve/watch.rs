//! Watching the handbook's sources with notify: what changed, debounced so that an editor's
//! save of several files (or a write to a temporary file then a rename) is one rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::config::Config;
use crate::source::is_ignored;

/// How long the sources must be quiet before a rebuild, and the longest a burst may delay it.
const QUIET: Duration = Duration::from_millis(25);
const LONGEST: Duration = Duration::from_millis(250);
/// How often a quiet watch looks at what the last build included.
const FOLLOW: Duration = Duration::from_millis(500);

/// The folders and files a handbook is built from.
pub struct Sources {
    root: PathBuf,
    /// Watched recursively when they exist.
    dirs: Vec<PathBuf>,
    /// Files pages include (mdBook's `{{#include}}`), which may lie outside those folders.
    included: BTreeSet<PathBuf>,
    /// The handbook's own style sheets and scripts (`extra_css`, `extra_js`): watched whether
    /// or not the last build could read them, so that creating a missing one rebuilds.
    extra: BTreeSet<PathBuf>,
}

/// The files the last build included, shared with the thread that rebuilds.
pub type Included = Arc<Mutex<BTreeSet<PathBuf>>>;

impl Sources {
    pub fn of(config: &Config) -> Sources {
        let root = config.root.clone();
        let dirs = vec![
            config.content_dir(),
            root.join("templates"),
            root.join("themes"),
            root.join("static"),
        ];
        let html = &config.html;
        let extra = html
            .extra_css
            .iter()
            .chain(&html.extra_js)
            .map(|file| root.join(file))
            .collect();
        Sources {
            root,
            dirs,
            included: BTreeSet::new(),
            extra,
        }
    }

    /// Whether `path` is one of the settings files (GitBook's in a hidden file): a change may
    /// name other folders to watch.
    pub fn is_settings(&self, path: &Path) -> bool {
        crate::config::SETTINGS_FILES
            .iter()
            .copied()
            .chain(crate::hugo::file_names())
            .chain(crate::docusaurus::FILE_NAMES)
            .chain(crate::docusaurus::SIDEBAR_FILES)
            .any(|name| path == self.root.join(name))
    }

    fn relevant(&self, path: &Path) -> bool {
        if self.is_settings(path) {
            return true;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if is_ignored(&name) {
            return false;
        }
        if self.included.contains(path) || self.extra.contains(path) {
            return true;
        }
        // A file of a hidden folder may be linked and published (`.gitbook/assets/`), but
        // version control's own folders change with every commit and are never published.
        self.dirs.iter().any(|d| {
            path.strip_prefix(d).is_ok_and(|inside| {
                !inside.components().any(|c| {
                    crate::source::VCS_FOLDERS
                        .iter()
                        .any(|v| c.as_os_str() == *v)
                })
            })
        })
    }
}

/// A running watcher: `wait()` blocks until the sources changed.
pub struct Watch {
    sources: Sources,
    watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    /// What the last build included: followed while waiting.
    included: Included,
    /// Folders watched (not recursively) for included files outside the source folders.
    included_dirs: BTreeSet<PathBuf>,
    /// Such folders that do not exist yet (`extra_css = ["css/brand.css"]` before `css/` is
    /// made): tried again while waiting, and their coming is a change.
    missing_dirs: BTreeSet<PathBuf>,
}

impl Watch {
    pub fn start(sources: Sources, included: Included) -> notify::Result<Watch> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        // The root itself, not recursively: book.toml, and folders created or removed there.
        watcher.watch(&sources.root, RecursiveMode::NonRecursive)?;
        let mut watch = Watch {
            sources,
            watcher,
            events,
            included,
            included_dirs: BTreeSet::new(),
            missing_dirs: BTreeSet::new(),
        };
        watch.rewatch();
        watch.watch_outside();
        Ok(watch)
    }

    /// (Re)watches every source folder that exists, e.g. after content/ was removed and created
    /// again.
    fn rewatch(&mut self) {
        for dir in &self.sources.dirs {
            if dir.is_dir() {
                let _ = self.watcher.unwatch(dir);
                let _ = self.watcher.watch(dir, RecursiveMode::Recursive);
            }
        }
    }

    /// Follows the files the last build included.
    fn follow_included(&mut self) {
        let included = match self.included.lock() {
            Ok(included) if *included != self.sources.included => included.clone(),
            _ => return,
        };
        self.sources.included = included;
        self.watch_outside();
    }

    /// Watches the folders of included and extra files outside the source folders (the folder,
    /// not the file, which an editor may replace by renaming). Never the handbook's own folder,
    /// which is watched for its settings: unwatching it would lose them.
    /// Returns the folders that were missing and are now watched.
    fn watch_outside(&mut self) -> Vec<PathBuf> {
        let dirs: BTreeSet<PathBuf> = self
            .sources
            .included
            .iter()
            .chain(&self.sources.extra)
            .filter(|f| !self.sources.dirs.iter().any(|d| f.starts_with(d)))
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .filter(|d| *d != self.sources.root)
            .collect();
        let gone: Vec<PathBuf> = self.included_dirs.difference(&dirs).cloned().collect();
        for dir in gone {
            let _ = self.watcher.unwatch(&dir);
            self.included_dirs.remove(&dir);
        }
        self.missing_dirs.retain(|d| dirs.contains(d));
        let mut appeared = Vec::new();
        for dir in dirs
            .difference(&self.included_dirs)
            .cloned()
            .collect::<Vec<_>>()
        {
            if self
                .watcher
                .watch(&dir, RecursiveMode::NonRecursive)
                .is_ok()
            {
                if self.missing_dirs.remove(&dir) {
                    appeared.push(dir.clone());
                }
                self.included_dirs.insert(dir);
            } else {
                self.missing_dirs.insert(dir);
            }
        }
        appeared
    }

    /// Watches what the settings now name (another content folder, other extra files), after
    /// an edit of them.
    pub fn set_sources(&mut self, mut sources: Sources) {
        for gone in self
            .sources
            .dirs
            .iter()
            .filter(|d| !sources.dirs.contains(d))
        {
            let _ = self.watcher.unwatch(gone);
        }
        sources.included = std::mem::take(&mut self.sources.included);
        self.sources = sources;
        // A folder unwatched may have been the root itself (`content = "."`), or held other
        // watched folders: the root (for the settings) and the rest are watched again.
        let _ = self
            .watcher
            .watch(&self.sources.root, RecursiveMode::NonRecursive);
        for dir in std::mem::take(&mut self.included_dirs) {
            let _ = self.watcher.unwatch(&dir);
        }
        self.rewatch();
        self.watch_outside();
    }

    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// Waits for a change of the sources, then for them to be quiet; returns the paths changed.
    pub fn wait(&mut self) -> Vec<PathBuf> {
        let mut changed = Vec::new();
        let mut started: Option<Instant> = None;
        loop {
            self.follow_included();
            // A folder named for an extra file was made: what is in it is new.
            if !self.missing_dirs.is_empty() {
                let appeared = self.watch_outside();
                if !appeared.is_empty() {
                    started.get_or_insert_with(Instant::now);
                    changed.extend(appeared);
                }
            }
            let timeout = match started {
                // Now and then, to follow what a rebuild newly included.
                None => FOLLOW,
                Some(t) => QUIET.min(LONGEST.saturating_sub(t.elapsed())),
            };
            match self.events.recv_timeout(timeout) {
                // Reading a file (as the rebuild does) is no change.
                Ok(Ok(event)) if matches!(event.kind, EventKind::Access(_)) => {}
                Ok(Ok(event)) => {
                    let paths: Vec<PathBuf> = event
                        .paths
                        .into_iter()
                        .filter(|p| self.sources.relevant(p))
                        .collect();
                    if !paths.is_empty() {
                        started.get_or_insert_with(Instant::now);
                        // A source folder itself came or went (created, or renamed into place).
                        if paths.iter().any(|p| self.sources.dirs.contains(p)) {
                            self.rewatch();
                        }
                        changed.extend(paths);
                    }
                }
                Ok(Err(_)) => {}
                Err(RecvTimeoutError::Timeout) if started.is_some() => break,
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        changed.sort();
        changed.dedup();
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_assets_are_watched_but_version_control_and_editor_files_are_not() {
        let root = Path::new("/book");
        let sources = Sources {
            root: root.to_path_buf(),
            dirs: vec![root.to_path_buf(), root.join("themes")],
            included: BTreeSet::from([PathBuf::from("/listings/ch01/main.rs")]),
            extra: BTreeSet::new(),
        };
        for path in [
            "/book/book.toml",
            "/book/a.md",
            "/book/.gitbook/assets/chart.png",
        ] {
            assert!(sources.relevant(Path::new(path)), "{path}");
        }
        for path in [
            "/book/.git/objects/ab/cdef",
            "/book/team/.hg/store",
            "/book/a.md~",
            "/book/.a.md.swp",
            "/elsewhere/a.md",
            "/listings/ch01/other.rs",
        ] {
            assert!(!sources.relevant(Path::new(path)), "{path}");
        }
    }
}
