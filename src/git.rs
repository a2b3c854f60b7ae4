//! When each page was last changed, by the history of the repository that holds the content
//! (`[html] last_updated`), as Docusaurus' `showLastUpdateTime` and Hugo's `enableGitInfo` show
//! it.
//!
//! One `git log` over the content folder reads every file's newest commit at once (a `git log`
//! a page would take minutes on 10,000 pages). The date is the commit's author date, in UTC. A
//! file with no commit (new, not yet committed) has none. In a shallow clone (CI's default
//! checkout) the oldest commit fetched stands for all the history before it: a file whose
//! newest commit is that one has no date rather than a wrong one.

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
    // The commits a shallow clone was cut at (none in a whole clone).
    let shallow_file = run(git(content).args(["rev-parse", "--git-path", "shallow"]))?;
    let shallow_file = String::from_utf8_lossy(&shallow_file).trim().to_string();
    let boundary: Vec<String> = std::fs::read_to_string(content.join(&shallow_file))
        .map(|text| text.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default();
    // Each commit as \x01<hash>\x02<author time>, then the files it changed, every field ended
    // by NUL; paths relative to the content folder.
    let log = run(git(content).args([
        "log",
        "--format=%x01%H%x02%at",
        "--name-only",
        "-z",
        "--relative",
        "--no-show-signature",
        "--",
        ".",
    ]))?;
    Ok(parse_log(&log, &boundary))
}

/// Reads `git log`'s output (see [`read`]): each file's newest commit, the first it is named
/// in; files whose newest commit is one of `boundary` are counted, not dated.
fn parse_log(log: &[u8], boundary: &[String]) -> History {
    let mut history = History::default();
    let mut seen: HashSet<&[u8]> = HashSet::new();
    // The commit the names read belong to: its date, or None at a boundary.
    let mut current: Option<Option<Date>> = None;
    for field in log.split(|&b| b == 0) {
        let field = field.strip_prefix(b"\n").unwrap_or(field);
        if field.is_empty() {
            continue;
        }
        if let Some(header) = field.strip_prefix(b"\x01") {
            let text = String::from_utf8_lossy(header);
            let (hash, time) = text.split_once('\x02').unwrap_or((&text, ""));
            let date = time
                .trim()
                .parse::<i64>()
                .ok()
                .map(|secs| Date::from_days_since_epoch(secs.div_euclid(86_400)));
            current = Some(date.filter(|_| !boundary.iter().any(|b| b == hash)));
            continue;
        }
        let Some(date) = current else { continue };
        if !seen.insert(field) {
            continue;
        }
        let Ok(path) = std::str::from_utf8(field) else {
            continue;
        };
        if let Some(date) = date {
            history.dates.insert(path.to_string(), date);
        } else {
            history.cut_off.insert(path.to_string());
        }
    }
    history
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_takes_its_newest_commit() {
        let log = b"\x01aaa\x021767348000\0\na.md\0sub/b c.md\0\x01bbb\x021767261600\0\na.md\0old.md\0\x01ccc\x02100\0\ncut.md\0a.md\0";
        let history = parse_log(log, &["ccc".to_string()]);
        let date = |s: &str| Date::parse(s).unwrap();
        assert_eq!(history.dates["a.md"], date("2026-01-02"));
        assert_eq!(history.dates["sub/b c.md"], date("2026-01-02"));
        assert_eq!(history.dates["old.md"], date("2026-01-01"));
        assert!(!history.dates.contains_key("cut.md"));
        assert_eq!(history.cut_off, HashSet::from(["cut.md".to_string()]));
        assert!(parse_log(b"", &[]).dates.is_empty());
        // Not what git writes: read as far as it makes sense, without a panic.
        assert!(parse_log(b"\x01\x02x\0\nq.md\0\x01", &[]).dates.is_empty());
    }
}
