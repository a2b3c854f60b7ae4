//! A fixture handbook in a temporary folder, built with the real `handbook` binary, and helpers
//! to read its output with a real HTML parser.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use scraper::{Html, Selector};

/// The longest a run of the binary may take before its test fails.
const RUN_LIMIT: Duration = Duration::from_secs(120);

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

/// What a run of the binary printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.code, 0, "build failed:\n{}", self.stderr);
        self
    }
}

impl Fixture {
    /// A handbook with a book.toml titled "Test Handbook" and a home page titled "Home".
    pub fn new() -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        f.file("book.toml", "[book]\ntitle = \"Test Handbook\"\n");
        f.file("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n");
        f
    }

    /// An empty folder: a site written for another tool, which brings its own files.
    pub fn empty() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str, text: &str) -> &Self {
        self.bytes(rel, text.as_bytes())
    }

    pub fn bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// A page with a title and the given body.
    pub fn page(&self, rel: &str, title: &str, body: &str) -> &Self {
        self.file(
            &format!("content/{rel}"),
            &format!("---\ntitle: {title}\n---\n{body}"),
        )
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    /// Runs the binary in a folder below the handbook's.
    pub fn run_in(&self, dir: &str, args: &[&str]) -> Run {
        self.run_at(&self.root().join(dir), args, &[])
    }

    /// Runs the binary in the handbook's folder with extra environment variables.
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        self.run_at(self.root(), args, env)
    }

    /// Runs the binary and waits for it, for at most `RUN_LIMIT`: a run that hangs (a grammar
    /// that loops) fails its test instead of stalling the whole suite.
    fn run_at(&self, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let read = |mut pipe: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                let _ = pipe.read_to_end(&mut bytes);
                String::from_utf8_lossy(&bytes).into_owned()
            })
        };
        let stdout = read(Box::new(child.stdout.take().unwrap()));
        let stderr = read(Box::new(child.stderr.take().unwrap()));
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > RUN_LIMIT {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "`handbook {}` still ran after {RUN_LIMIT:?}",
                    args.join(" ")
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        Run {
            code: status.code().unwrap_or(-1),
            stdout: stdout.join().unwrap(),
            stderr: stderr.join().unwrap(),
        }
    }

    /// The severities `handbook check --format json` gives the diagnostics of `code`, in
    /// order.
    pub fn severities(&self, code: &str) -> Vec<String> {
        let run = self.run(&["check", "--format", "json"]);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == code)
            .map(|d| d["severity"].as_str().unwrap().to_string())
            .collect()
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn html(&self, rel: &str) -> Html {
        self.html_in("public", rel)
    }

    /// A page of a site written to `dest` below the handbook's folder.
    pub fn html_in(&self, dest: &str, rel: &str) -> Html {
        let path = self.root().join(dest).join(rel);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Html::parse_document(&text)
    }

    /// Every file of the output with its bytes.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.public())
    }

    /// The folders a build leaves beside the output while it runs, or after it: names starting
    /// with `.public.` (staging folders, a site set aside, trash), sorted.
    pub fn beside_public(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.root())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".public."))
            .collect();
        names.sort();
        names
    }

    /// Waits (up to a minute) for the background removal of earlier sites to finish: then
    /// nothing is left beside the output.
    pub fn wait_for_trash_removal(&self) {
        let start = std::time::Instant::now();
        loop {
            let left = self.beside_public();
            if left.is_empty() {
                return;
            }
            assert!(
                left.iter().all(|n| n.starts_with(".public.trash-")),
                "not trash: {left:?}"
            );
            assert!(
                start.elapsed() < std::time::Duration::from_secs(60),
                "trash still there after a minute: {left:?}"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// The texts of the elements matching `css`.
pub fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// The values of `attr` on the elements matching `css`.
pub fn attrs(doc: &Html, css: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(css))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// Resolves a relative href written in the file `from` (a path below the site root) to the
/// file it names and its fragment; `None` if it leaves the site.
pub fn resolve(from: &str, href: &str) -> Option<(String, Option<String>)> {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(handbook::links::percent_decode(f))),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap();
    if path.is_empty() {
        return Some((from.to_string(), fragment));
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut target = parts.join("/");
    if path.ends_with('/') {
        target.push_str("/index.html");
    }
    // `%XX` escapes decoded, as a browser does to find a file or an id.
    Some((handbook::links::percent_decode(&target), fragment))
}

/// Problems with the site in `dir`: internal links or assets that resolve to no file or no
/// id, absolute hrefs (which break under a sub-path), and anything loaded from outside.
pub fn link_problems(dir: &Path) -> Vec<String> {
    let files = snapshot(dir);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut docs = BTreeMap::new();
    for (rel, bytes) in &files {
        if rel.ends_with(".html") {
            let doc = Html::parse_document(&String::from_utf8_lossy(bytes));
            ids.insert(rel.clone(), attrs(&doc, "[id]", "id").into_iter().collect());
            docs.insert(rel.clone(), doc);
        }
    }
    let mut problems = Vec::new();
    for (rel, doc) in &docs {
        if rel == "404.html" {
            continue; // served from any folder: it links from the site's absolute path
        }
        for (css, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("script[src]", "src"),
            ("img[src]", "src"),
        ] {
            for href in attrs(doc, css, attr) {
                let external = href.starts_with("http:")
                    || href.starts_with("https:")
                    || href.starts_with("//");
                if external {
                    let is_canonical = css == "link[href]";
                    if css != "a[href]" && !is_canonical {
                        problems.push(format!("{rel}: loads {href} from outside the site"));
                    }
                    continue;
                }
                if href.starts_with("mailto:") {
                    continue;
                }
                if href.starts_with('/') {
                    problems.push(format!(
                        "{rel}: absolute href {href} breaks under a sub-path"
                    ));
                    continue;
                }
                match resolve(rel, &href) {
                    None => problems.push(format!("{rel}: {href} leaves the site")),
                    Some((target, fragment)) => {
                        if !files.contains_key(&target) {
                            problems.push(format!("{rel}: {href} -> {target} does not exist"));
                        } else if let Some(fragment) = fragment
                            // Browsers take `#` and `#top` to the top of any page.
                            .filter(|f| !f.is_empty() && !f.eq_ignore_ascii_case("top"))
                        {
                            if !ids.get(&target).is_some_and(|ids| ids.contains(&fragment)) {
                                problems
                                    .push(format!("{rel}: {href} -> no id {fragment} in {target}"));
                            }
                        }
                    }
                }
            }
        }
    }
    problems
}

/// The pages reachable by following links from `index.html`.
pub fn reachable(dir: &Path) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut queue = vec!["index.html".to_string()];
    while let Some(rel) = queue.pop() {
        if !seen.insert(rel.clone()) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(dir.join(&rel)) else {
            continue;
        };
        let doc = Html::parse_document(&text);
        for href in attrs(&doc, "a[href]", "href") {
            if let Some((target, _)) = resolve(&rel, &href) {
                if target.ends_with(".html") && !seen.contains(&target) {
                    queue.push(target);
                }
            }
        }
    }
    seen
}

// ---- tools outside Rust: Chromium, Node.js and Java, for the browser tests ----

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `Some(())` when every tool is there; otherwise a notice (or, under CI, a panic).
pub fn require(tools: &[(&str, bool)]) -> Option<()> {
    let missing: Vec<&str> = tools
        .iter()
        .filter(|(_, present)| !present)
        .map(|(name, _)| *name)
        .collect();
    if missing.is_empty() {
        return Some(());
    }
    let message = format!(
        "missing {}: run `cd tests/browser && npm ci` and install chromium and java",
        missing.join(", ")
    );
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{message}");
    }
    eprintln!("SKIPPED browser test: {message}");
    None
}

pub fn node_modules() -> PathBuf {
    repo().join("tests/browser/node_modules")
}

pub fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

pub fn has_command(name: &str) -> bool {
    Command::new(name).arg("--version").output().is_ok()
}

/// Builds this repository's handbook into a temporary folder.
pub fn built_handbook() -> (Fixture, PathBuf) {
    let f = Fixture::new();
    let dest = f.root().join("site");
    f.run(&[
        "build",
        "--root",
        repo().to_str().unwrap(),
        "--dest",
        dest.to_str().unwrap(),
    ])
    .assert_ok();
    (f, dest)
}

/// The tools a Chromium test needs.
pub fn browser_tools() -> Vec<(&'static str, bool)> {
    vec![
        ("node", has_command("node")),
        ("chromium", chromium().exists()),
        (
            "tests/browser/node_modules",
            node_modules().join("playwright-core").exists(),
        ),
    ]
}

/// Runs `node tests/browser/<script> args...` with Chromium; asserts it succeeded and printed
/// `expect`; returns its output.
pub fn run_browser_script(script: &str, args: &[&std::ffi::OsStr], expect: &str) -> String {
    let output = Command::new("node")
        .arg(repo().join("tests/browser").join(script))
        .args(args)
        .env("CHROMIUM", chromium())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains(expect), "{stdout}");
    stdout
}
