//! When each page was last changed, by the history of the repository that holds the content
//! (`[html] last_updated`), as Docusaurus' `showLastUpdateTime` and Hugo's `enableGitInfo` show
//! it.
//!
//! One `git log` over the content folder reads every file's newest commit at once (a `git log`
//! a page would take minutes on 10,000 pages). The date is the commit's, as its committer's
//! clock gave it; a merge dates what it brought in. A file with no commit (new, not yet
//! committed) has none. In a shallow clone (CI's default checkout) the oldest commit fetched
//! stands for all the history before it: a file whose newest commit is that one has no date
//! rather than a wrong one.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use crate::front_matter::Date;

/// Each file's last change, by its path below the content folder (`/`-separated), and what
/// kept some or all dates from being known.
#[derive(Debug, Default)]
pub struct History {
    pub dates: HashMap<String, Date>,
    /// Why no date could be read at all (not a repository, no `git`).
    pub failure: Option<String>,
    /// Files last changed before the history a shallow clone holds.
    pub cut_off: HashSet<String>,
}

/// Reads the last change of every file below `content` from its repository's history.
pub fn history(content: &Path) -> History {
    match read(content) {
        Ok(history) => history,
        Err(why) => History {
            failure: Some(why),
            ..History::default()
        },
    }
}

fn git(content: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(content)
        // Paths as they are (not quoted with octal escapes), and no pager or prompt.
        .args(["-c", "core.quotePath=false", "--no-pager"])
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE");
    command
}

fn run(command: &mut Command) -> Result<Vec<u8>, String> {
    let output = command.output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            "git is not installed (or not on the PATH)".to_string()
        } else {
            format!("git could not be run: {e}")
        }
    })?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr
            .lines()
            .map(|l| l.trim_start_matches("fatal: ").trim())
            .find(|l| !l.is_empty())
            .unwrap_or("it failed");
        Err(format!("git says: {first}"))
    }
}

fn read(content: &Path) -> Result<History, String> {
    // The commits a shallow clone was cut at (none in a whole clone), but for a true first
    // commit, which has no parent to miss (a clone as deep as the history lists it too).
    let shallow_file = run(git(content).args(["rev-parse", "--git-path", "shallow"]))?;
    let shallow_file = String::from_utf8_lossy(&shallow_file).trim().to_string();
    let boundary: Vec<String> = std::fs::read_to_string(content.join(&shallow_file))
        .map(|text| {
            text.split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .take(MAX_BOUNDARY)
        .filter(|hash| has_parent(content, hash))
        .collect();
    // Each commit as NUL, `<hash> <date>`, NUL, then the files it changed, each ended by NUL
    // (the first after a line feed); paths relative to the content folder. `--root`: the
    // first commit lists its files whatever `log.showRoot` says; a merge lists what it brought
    // to the branch it was merged into, so a page changed by a merged branch dates from the
    // merge. The date is the committer's (the day the change was made on the branch, as
    // its committer's clock gave it: a rebase or cherry-pick dates anew).
    let log = run(git(content).args([
        "log",
        "--format=%x00%H %cs",
        "--name-only",
        "-z",
        "--root",
        "--no-renames",
        "--diff-merges=first-parent",
        "--relative",
        "--no-show-signature",
        "--",
        ".",
    ]));
    let log = match log {
        Ok(log) => log,
        // A repository with nothing committed yet: no page has a date, and nothing is wrong.
        Err(why) if why.contains("does not have any commits") => return Ok(History::default()),
        Err(why) => return Err(why),
    };
    Ok(parse_log(&log, &boundary))
}

/// Shallow boundaries looked at: a clone has one per branch fetched.
const MAX_BOUNDARY: usize = 64;

/// Whether the commit `hash`, as stored, names a parent (a shallow clone's boundary does,
/// though the parent is not there; a repository's first commit does not).
fn has_parent(content: &Path, hash: &str) -> bool {
    run(git(content).args(["cat-file", "commit", hash])).map_or(true, |object| {
        object
            .split(|&b| b == b'\n')
            .take_while(|line| !line.is_empty())
            .any(|line| line.starts_with(b"parent "))
    })
}

/// Reads `git log`'s output (see [`read`]): each file's newest commit, the first it is named
/// in; files whose newest commit is one of `boundary` are counted, not dated.
fn parse_log(log: &[u8], boundary: &[String]) -> History {
    let mut history = History::default();
    let mut seen: HashSet<&[u8]> = HashSet::new();
    // The commit the names read belong to: its date, or None at a boundary (or a date that
    // does not read, which dates nothing and is not a boundary).
    let mut current: Option<Option<Date>> = None;
    let mut cut = false;
    // An empty field comes before each commit's header (a name is never empty).
    let (mut header_next, mut first_name) = (true, false);
    for field in log.split(|&b| b == 0) {
        if field.is_empty() {
            header_next = true;
            continue;
        }
        if header_next {
            header_next = false;
            first_name = true;
            let text = String::from_utf8_lossy(field);
            let (hash, date) = text.split_once(' ').unwrap_or((&text, ""));
            cut = boundary.iter().any(|b| b == hash);
            current = Some(Date::parse(date).filter(|_| !cut));
            continue;
        }
        // The line feed that ends the header comes before the first name.
        let name = match field.strip_prefix(b"\n") {
            Some(rest) if first_name => rest,
            _ => field,
        };
        first_name = false;
        let Some(date) = current else { continue };
        if name.is_empty() || !seen.insert(name) {
            continue;
        }
        let Ok(path) = std::str::from_utf8(name) else {
            continue;
        };
        match date {
            Some(date) => {
                history.dates.insert(path.to_string(), date);
            }
            None if cut => {
                history.cut_off.insert(path.to_string());
            }
            None => {}
        }
    }
    history
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_takes_its_newest_commit() {
        let log = b"\0aaa 2026-01-02\0\na.md\0sub/b c.md\0\n\x01odd.md\0\0bbb 2026-01-01\0\na.md\0old.md\0\0ccc 2020-01-01\0\ncut.md\0a.md\0";
        let history = parse_log(log, &["ccc".to_string()]);
        let date = |s: &str| Date::parse(s).unwrap();
        assert_eq!(history.dates["a.md"], date("2026-01-02"));
        assert_eq!(history.dates["sub/b c.md"], date("2026-01-02"));
        // Only the first name comes after the line feed; a name may begin with any byte.
        assert_eq!(history.dates["\n\x01odd.md"], date("2026-01-02"));
        assert_eq!(history.dates["old.md"], date("2026-01-01"));
        assert!(!history.dates.contains_key("cut.md"));
        assert_eq!(history.cut_off, HashSet::from(["cut.md".to_string()]));
        assert!(parse_log(b"", &[]).dates.is_empty());
        // Not what git writes: read as far as it makes sense, without a panic, and a date
        // that does not read is no shallow boundary.
        let odd = parse_log(b"\0x\0\nq.md\0\0\0\n\0", &[]);
        assert!(odd.dates.is_empty() && odd.cut_off.is_empty());
    }
}
