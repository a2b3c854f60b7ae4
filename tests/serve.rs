//! `handbook serve` over a temporary handbook: pages and assets with the right types and
//! statuses, every path-traversal form refused, edits arriving as reload events with the new
//! content, a broken edit keeping the last good site while its error goes to the tabs, files
//! created, deleted and renamed, and the served site equal to a fresh `handbook build`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use common::{browser_tools, require, run_browser_script, texts, Fixture};

struct Server {
    child: Child,
    port: u16,
    /// What the server printed, standard output and error together.
    output: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Server {
    fn start(f: &Fixture) -> Server {
        Server::start_in(f.root(), f.root().as_os_str())
    }

    /// Starts the server in the folder `cwd`, with `--root root` as given.
    fn start_in(cwd: &std::path::Path, root: &std::ffi::OsStr) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .current_dir(cwd)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let output = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        // Keep reading both so the server never blocks on a full pipe.
        let errors = BufReader::new(child.stderr.take().unwrap());
        let kept = output.clone();
        std::thread::spawn(move || {
            for line in errors.lines().map_while(Result::ok) {
                kept.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = lines.next().unwrap().unwrap();
        let port = first
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap()
            .parse()
            .unwrap();
        let kept = output.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                kept.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        Server {
            child,
            port,
            output,
        }
    }

    /// Waits until the server has printed `text`; returns what it printed.
    fn printed(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let output = self.output.lock().unwrap().clone();
            if output.contains(text) || Instant::now() > deadline {
                return output;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends a raw request line; returns (status, headers, body).
    fn request(&self, method: &str, path: &str) -> (u16, String, Vec<u8>) {
        self.request_to("localhost", method, path)
    }

    /// The same, to the server named `host`.
    fn request_to(&self, host: &str, method: &str, path: &str) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&raw[..split]).to_string();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, head, raw[split + 4..].to_vec())
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        let (status, head, body) = self.request("GET", path);
        (status, head, String::from_utf8_lossy(&body).into_owned())
    }

    /// Opens the event stream; each event arrives as (name, data).
    fn events(&self) -> Receiver<(String, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET /__handbook/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { return };
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_string();
                } else if let Some(data) = line.strip_prefix("data: ") {
                    if tx.send((name.clone(), data.to_string())).is_err() {
                        return;
                    }
                }
            }
        });
        let (name, _) = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(name, "hello");
        rx
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits for the next event of the given name, skipping others.
fn wait_for(events: &Receiver<(String, String)>, name: &str) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(15);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match events.recv_timeout(left) {
            Ok((n, data)) if n == name => return serde_json::from_str(&data).unwrap(),
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    panic!("no `{name}` event");
}

fn handbook() -> Fixture {
    let f = Fixture::new();
    f.page("guide.md", "Guide", "## Start\n\nFirst version.\n");
    f.page("other.md", "Other", "See the [guide](guide.md).\n");
    f.bytes(
        "content/logo.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f
}

#[test]
fn serves_pages_and_assets_with_types_and_statuses() {
    let f = handbook();
    let server = Server::start(&f);
    let (status, head, body) = server.get("/guide/");
    assert_eq!(status, 200);
    assert!(head.contains("text/html; charset=utf-8"), "{head}");
    assert!(body.contains("First version."));
    assert!(
        body.contains("/__handbook/live.js"),
        "the live script is injected in serve mode"
    );
    assert_eq!(server.get("/guide/index.html").0, 200);
    for (path, kind) in [
        ("/assets/handbook.css", "text/css"),
        ("/assets/search.js", "text/javascript"),
        ("/logo.svg", "image/svg+xml"),
        ("/search/manifest.js", "text/javascript"),
    ] {
        let (status, head, _) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(head.contains(kind), "{path}: {head}");
    }
    let (status, head, _) = server.get("/guide");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /guide/"), "{head}");
    let (status, _, body) = server.get("/missing/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the site's own 404 page");
    assert_eq!(server.get("/assets/").0, 404, "no directory listings");
    let (status, head, body) = server.request("HEAD", "/guide/");
    assert_eq!(status, 200);
    assert!(body.is_empty() && head.contains("Content-Length"), "{head}");
    for method in ["POST", "PUT", "DELETE"] {
        let (status, head, _) = server.request(method, "/guide/");
        assert_eq!(status, 405, "{method}");
        assert!(head.contains("Allow: GET, HEAD"));
    }
    // The published site never carries the live script.
    f.build().assert_ok();
    assert!(
        !std::fs::read_to_string(f.public().join("guide/index.html"))
            .unwrap()
            .contains("__handbook")
    );
}

#[test]
fn no_request_reads_a_file_outside_the_site() {
    let f = handbook();
    f.file("secret.txt", "TOP-SECRET");
    f.file("content/secret.md", "---\ntitle: Fine\n---\nok\n");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("leak.md"),
        "---\ntitle: Leak\n---\nTOP-SECRET\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), f.root().join("content/linked")).unwrap();
    let server = Server::start(&f);
    let attacks = [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/guide/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/guide\\..\\..\\secret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/secret.txt",
        "/secret.txt%00.html",
        "/linked/leak/",
        "/linked/leak.md",
        "/C:/Windows/win.ini",
    ];
    for path in attacks {
        let (status, _, body) = server.get(path);
        assert!(matches!(status, 400 | 404), "{path}: {status}");
        assert!(
            !body.contains("TOP-SECRET") && !body.contains("root:"),
            "{path} leaked"
        );
    }
    let long = format!("/{}", "a/".repeat(3000));
    let (status, _, _) = server.get(&long);
    assert!(matches!(status, 400 | 404 | 414), "{status}");
}

#[test]
fn a_body_edit_reloads_with_the_new_content() {
    let f = handbook();
    let server = Server::start(&f);
    let events = server.events();
    f.page("guide.md", "Guide", "## Start\n\nSecond version.\n");
    let reload = wait_for(&events, "reload");
    let changed: Vec<&str> = reload["changed"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c.as_str())
        .collect();
    assert!(changed.contains(&"guide/index.html"), "{changed:?}");
    assert!(
        !changed.contains(&"other/index.html"),
        "an unrelated page is not reloaded: {changed:?}"
    );
    assert_eq!(reload["all"], false);
    assert!(server.get("/guide/").2.contains("Second version."));
}

/// The files a reload event names.
fn changed(reload: &serde_json::Value) -> Vec<String> {
    reload["changed"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c.as_str().map(str::to_string))
        .collect()
}

#[test]
fn a_new_title_or_owner_shows_on_its_page_first_and_on_the_others_after() {
    let f = handbook();
    let server = Server::start(&f);
    let events = server.events();
    let page = |path: &str| scraper::Html::parse_document(&server.get(path).2);
    f.file(
        "content/guide.md",
        "---\ntitle: Guide to starting\nowner: Platform team\n---\n## Start\n\nFirst version.\n",
    );
    // The edited page alone, at once, from the last build...
    let first = wait_for(&events, "reload");
    assert_eq!(changed(&first), ["guide/index.html"]);
    let guide = page("/guide/");
    assert_eq!(texts(&guide, "h1"), ["Guide to starting"]);
    assert_eq!(
        texts(&guide, "title"),
        ["Guide to starting · Test Handbook"]
    );
    assert!(texts(&guide, "#hb-sidebar a").contains(&"Guide to starting".to_string()));
    assert!(texts(&guide, ".hb-meta dd").contains(&"Platform team".to_string()));
    // ... then every other page the title shows on; the page itself was already what the full
    // build writes, and is not named again.
    let second = wait_for(&events, "reload");
    assert!(
        changed(&second).contains(&"other/index.html".to_string()),
        "{second}"
    );
    assert!(
        !changed(&second).contains(&"guide/index.html".to_string()),
        "{second}"
    );
    let other = page("/other/");
    assert!(texts(&other, "#hb-sidebar a").contains(&"Guide to starting".to_string()));
    // A weight that moves the page: it shows its new place at once, the others after.
    f.file(
        "content/other.md",
        "---\ntitle: Other\nweight: 1\n---\nSee the [guide](guide.md).\n",
    );
    let moved = wait_for(&events, "reload");
    assert_eq!(changed(&moved), ["other/index.html"]);
    let order = ["Home", "Other", "Guide to starting"];
    let sidebar = |path: &str| texts(&page(path), "#hb-sidebar > ul > li > a");
    assert_eq!(sidebar("/other/"), order);
    // Its links to the previous and next page follow the new order too.
    let pager = |path: &str| common::attrs(&page(path), ".hb-pager a", "href");
    assert_eq!(pager("/other/"), ["../index.html", "../guide/index.html"]);
    let after = wait_for(&events, "reload");
    assert!(
        changed(&after).contains(&"guide/index.html".to_string()),
        "{after}"
    );
    assert_eq!(sidebar("/guide/"), order);
}

#[test]
fn a_quick_update_names_and_checks_a_page_as_the_full_build_does() {
    // A chapter named by SUMMARY.md, not by its heading: a body edit is still quick, and the
    // page keeps the chapter's name.
    let f = Fixture::empty();
    f.file("book.toml", "[book]\ntitle = \"Book\"\nsrc = \"src\"\n");
    f.file(
        "src/SUMMARY.md",
        "# Summary\n\n[Intro](README.md)\n\n- [Chapter name](hp.md)\n- [Other](other.md)\n",
    );
    f.file("src/README.md", "# Intro\n\nHello.\n");
    f.file("src/hp.md", "# Heading of the page\n\nFirst text.\n");
    f.file("src/other.md", "# Other\n\nMore.\n");
    let server = Server::start(&f);
    let events = server.events();
    f.file("src/hp.md", "# Heading of the page\n\nSecond text.\n");
    let reload = wait_for(&events, "reload");
    let files = changed(&reload);
    assert_eq!(files.len(), 1, "the page alone first: {files:?}");
    let page = scraper::Html::parse_document(&server.get(&format!("/{}", files[0])).2);
    assert!(texts(&page, "p").contains(&"Second text.".to_string()));
    assert_eq!(
        texts(&page, "#hb-sidebar [aria-current=page]"),
        ["Chapter name"]
    );
    assert_eq!(texts(&page, "h1"), ["Heading of the page"]);

    // Docusaurus: a label equal to the old title stays the sidebar's name for the page.
    let f = Fixture::empty();
    f.file(
        "docusaurus.config.js",
        "module.exports = { title: 'Site' };\n",
    );
    f.file("docs/index.md", "# Home\n\nHello.\n");
    let labelled = |title: &str| format!("---\ntitle: {title}\nsidebar_label: Foo\n---\nA.\n");
    f.file("docs/a.md", &labelled("Foo"));
    let server = Server::start_in(f.root(), std::ffi::OsStr::new("."));
    let events = server.events();
    f.file("docs/a.md", &labelled("Bar"));
    wait_for(&events, "reload");
    let page = scraper::Html::parse_document(&server.get("/a/").2);
    assert_eq!(texts(&page, "h1"), ["Bar"]);
    assert_eq!(texts(&page, "#hb-sidebar [aria-current=page]"), ["Foo"]);

    // A page that now fails a check of the whole site (no owner where one is required) is
    // not shown: the last good version stays, with the error.
    let f = handbook();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test\"\n[check]\nrequire_owner = true\n",
    );
    let owned = |owner: &str| format!("---\ntitle: Guide\n{owner}---\nText.\n");
    f.file("content/guide.md", &owned("owner: \"@team\"\n"));
    f.file(
        "content/other.md",
        "---\ntitle: Other\nowner: \"@team\"\n---\nMore.\n",
    );
    f.file(
        "content/_index.md",
        "---\ntitle: Home\nowner: \"@team\"\n---\nHome.\n",
    );
    let server = Server::start(&f);
    let events = server.events();
    f.file("content/guide.md", &owned(""));
    wait_for(&events, "failed");
    let page = scraper::Html::parse_document(&server.get("/guide/").2);
    assert_eq!(texts(&page, ".hb-meta dd"), ["@team"]);
}

#[test]
fn an_edit_to_a_page_with_an_include_keeps_what_it_includes() {
    let f = handbook();
    // Written for mdBook, whose book.toml names its chapters' folder `src`.
    f.file("book.toml", "[book]\ntitle = \"Test\"\nsrc = \"content\"\n");
    f.file("content/parts/shared.md", "Shared words.\n");
    f.page(
        "guide.md",
        "Guide",
        "{{#include parts/shared.md}}\n\nFirst version.\n",
    );
    let server = Server::start(&f);
    assert!(server.get("/guide/").2.contains("Shared words."));
    let events = server.events();
    f.page(
        "guide.md",
        "Guide",
        "{{#include parts/shared.md}}\n\nSecond version.\n",
    );
    wait_for(&events, "reload");
    let page = server.get("/guide/").2;
    assert!(
        page.contains("Second version.") && page.contains("Shared words."),
        "{page}"
    );
    assert!(!page.contains("{{#include"), "{page}");
}

#[test]
fn an_edit_to_an_included_file_outside_the_content_folder_reloads() {
    let f = handbook();
    f.file("book.toml", "[book]\ntitle = \"Test\"\nsrc = \"content\"\n");
    f.file("listings/main.rs", "fn first() {}\n");
    f.page(
        "guide.md",
        "Guide",
        "```rust\n{{#include ../listings/main.rs}}\n```\n",
    );
    let server = Server::start(&f);
    // The code's text (coloured, it is in pieces).
    let code = |server: &Server| {
        let page = scraper::Html::parse_document(&server.get("/guide/").2);
        texts(&page, ".hb-content pre code").join("\n")
    };
    assert_eq!(code(&server), "fn first() {}");
    let events = server.events();
    // The watch follows what the build included within a second.
    std::thread::sleep(Duration::from_millis(1200));
    f.file("listings/main.rs", "fn second() {}\n");
    wait_for(&events, "reload");
    assert_eq!(code(&server), "fn second() {}");
}

#[test]
fn a_relative_root_reloads_too() {
    let f = handbook();
    let parent = f.root().parent().unwrap();
    let name = f.root().file_name().unwrap();
    let server = Server::start_in(parent, name);
    let events = server.events();
    f.page("guide.md", "Guide", "## Start\n\nFrom a relative root.\n");
    wait_for(&events, "reload");
    assert!(server.get("/guide/").2.contains("From a relative root."));
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_reports_the_error() {
    let f = handbook();
    let server = Server::start(&f);
    let events = server.events();
    f.file(
        "content/guide.md",
        "---\ntitle: [oops\n---\nBroken version.\n",
    );
    let failed = wait_for(&events, "failed");
    let text = failed["text"].as_str().unwrap();
    assert!(text.contains("guide.md:2:8: error: front matter"), "{text}");
    let (status, _, body) = server.get("/guide/");
    assert_eq!(status, 200);
    assert!(
        body.contains("First version."),
        "the last good page is still served"
    );
    // A tab opened now hears about the error at once.
    let late = server.events_hello();
    assert!(late["error"]["text"].as_str().unwrap().contains("guide.md"));
    f.page("guide.md", "Guide", "## Start\n\nFixed version.\n");
    wait_for(&events, "reload");
    assert!(server.get("/guide/").2.contains("Fixed version."));
    assert!(server.events_hello()["error"].is_null());
}

impl Server {
    fn events_hello(&self) -> serde_json::Value {
        self.events_hello_for("")
    }

    /// The hello a tab gets that says what it shows (`?page=...&hash=...`).
    fn events_hello_for(&self, query: &str) -> serde_json::Value {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET /__handbook/events{query} HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        for line in BufReader::new(stream).lines() {
            if let Some(data) = line.unwrap().strip_prefix("data: ") {
                return serde_json::from_str(data).unwrap();
            }
        }
        panic!("no hello");
    }
}

/// A tab that opens its live events says which page it shows and that page's hash: it is told
/// to reload only when its address now serves another page (a rebuild that landed while it
/// loaded, a restart with edits), not for every build since (the edited tab reloaded twice).
#[test]
fn a_tab_reloads_on_connecting_only_when_its_page_changed() {
    let f = handbook();
    let server = Server::start(&f);
    let events = server.events();
    let hash_of = |page: &str| {
        let html = server.get(page).2;
        let at = html
            .find("data-hash=\"")
            .expect("the live script has the hash")
            + 11;
        html[at..at + 16].to_string()
    };
    let guide = hash_of("/guide/");
    let query = |page: &str, hash: &str| format!("?page={}&hash={hash}", page.replace('/', "%2F"));
    assert_eq!(
        server.events_hello_for(&query("/guide/", &guide))["stale"],
        false
    );
    assert_eq!(
        server.events_hello_for(&query("/guide/", "0000000000000000"))["stale"],
        true
    );
    // Another page's edit: a new build, and the guide's tab stays.
    f.page("other.md", "Other", "See the [guide](guide.md) again.\n");
    wait_for(&events, "reload");
    wait_for(&events, "reload");
    assert_eq!(
        server.events_hello_for(&query("/guide/", &guide))["stale"],
        false
    );
    // Its own page's edit: it reloads.
    f.page("guide.md", "Guide", "## Start\n\nSecond version.\n");
    wait_for(&events, "reload");
    assert_eq!(
        server.events_hello_for(&query("/guide/", &guide))["stale"],
        true
    );
    // Once the full rebuild has written it too, the tab that loaded the new page stays.
    wait_for(&events, "reload");
    let second = hash_of("/guide/");
    assert_eq!(
        server.events_hello_for(&query("/guide/", &second))["stale"],
        false
    );
    // A tab on the not-found page, at an address a page now has.
    let missing = hash_of("/new/");
    assert_eq!(
        server.events_hello_for(&query("/new/", &missing))["stale"],
        false
    );
    f.page("new.md", "New", "Here.\n");
    let deadline = Instant::now() + Duration::from_secs(15);
    while server.get("/new/").0 != 200 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        server.events_hello_for(&query("/new/", &missing))["stale"],
        true
    );
    // A tab that says nothing of itself gets no answer (its script compares builds).
    assert!(server.events_hello()["stale"].is_null());
}

#[test]
fn pages_created_deleted_and_renamed_and_editor_files_ignored() {
    let f = handbook();
    let server = Server::start(&f);
    let events = server.events();
    f.page("new.md", "New page", "Hello.\n");
    wait_for(&events, "reload");
    assert_eq!(server.get("/new/").0, 200);
    assert!(
        server.get("/guide/").2.contains("New page"),
        "the sidebar of other pages shows it"
    );
    std::fs::rename(
        f.root().join("content/new.md"),
        f.root().join("content/renamed.md"),
    )
    .unwrap();
    wait_for(&events, "reload");
    assert_eq!(server.get("/new/").0, 404);
    assert_eq!(server.get("/renamed/").0, 200);
    std::fs::remove_file(f.root().join("content/renamed.md")).unwrap();
    wait_for(&events, "reload");
    assert_eq!(server.get("/renamed/").0, 404);
    // Swap and backup files of editors are no edit.
    for name in [".guide.md.swp", "guide.md~", "4913", ".#guide.md"] {
        f.file(&format!("content/{name}"), "junk");
    }
    std::thread::sleep(Duration::from_millis(600));
    assert!(events.try_recv().is_err(), "editor files caused a rebuild");
    // The content folder removed and made again.
    std::fs::rename(f.root().join("content"), f.root().join("content-away")).unwrap();
    wait_for(&events, "failed");
    std::fs::rename(f.root().join("content-away"), f.root().join("content")).unwrap();
    wait_for(&events, "reload");
    f.page("guide.md", "Guide", "## Start\n\nAfter the move.\n");
    wait_for(&events, "reload");
    assert!(server.get("/guide/").2.contains("After the move."));
}

/// A deterministic sequence of edits, creations, deletions and renames; after each step the
/// served site must equal a fresh build of the same sources.
#[test]
fn the_served_site_equals_a_fresh_build_after_edits() {
    let f = handbook();
    let server = Server::start(&f);
    let events = server.events();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut pages: Vec<String> = vec!["guide".into(), "other".into()];
    for step in 0..8 {
        match next() % 4 {
            0 => {
                let name = format!("p{step}");
                f.page(
                    &format!("{name}.md"),
                    &format!("Page {step}"),
                    &format!("## H{step}\n\nText {step}.\n"),
                );
                pages.push(name);
            }
            1 if pages.len() > 2 => {
                let name = pages.remove(2 + (next() as usize) % (pages.len() - 2));
                std::fs::remove_file(f.root().join(format!("content/{name}.md"))).unwrap();
            }
            2 if pages.len() > 2 => {
                let i = 2 + (next() as usize) % (pages.len() - 2);
                let to = format!("moved{step}");
                std::fs::rename(
                    f.root().join(format!("content/{}.md", pages[i])),
                    f.root().join(format!("content/{to}.md")),
                )
                .unwrap();
                pages[i] = to;
            }
            _ => {
                f.page(
                    "guide.md",
                    "Guide",
                    &format!("## Start\n\nEdit {step}, weight change.\n"),
                );
                f.file(
                    "content/other.md",
                    &format!(
                        "---\ntitle: Other {step}\nweight: {}\n---\nSee the [guide](guide.md).\n",
                        next() % 50
                    ),
                );
            }
        }
        wait_for(&events, "reload");
    }
    std::thread::sleep(Duration::from_millis(400));
    f.build().assert_ok();
    let built = f.snapshot();
    // `.handbook` marks a folder a build wrote (for the next build), not a page of the site.
    for (path, bytes) in built.iter().filter(|(path, _)| *path != ".handbook") {
        let (status, _, served) = server.request("GET", &format!("/{path}"));
        assert_eq!(status, 200, "{path}");
        let served = String::from_utf8_lossy(&served).replace(&live_tag(&served), "");
        assert_eq!(
            served,
            String::from_utf8_lossy(bytes),
            "{path} differs from the build"
        );
    }
    assert_eq!(
        server.get("/search/manifest.js").2,
        String::from_utf8_lossy(&built["search/manifest.js"])
    );
}

/// The injected script tag (with its build number) and the newline after it.
fn live_tag(html: &[u8]) -> String {
    let text = String::from_utf8_lossy(html);
    match text.find("<script src=\"/__handbook/live.js\"") {
        Some(start) => {
            let end = text[start..]
                .find("</script>\n")
                .map_or(text.len(), |e| start + e + "</script>\n".len());
            text[start..end].to_string()
        }
        None => "\u{0}".into(),
    }
}

#[test]
fn an_open_page_in_chromium_reloads_and_shows_the_overlay() {
    if require(&browser_tools()).is_none() {
        return;
    }
    let f = handbook();
    f.page("404.md", "Lost", "First lost words.\n");
    // An audience from the start: the one an edit adds later then changes no other page (every
    // sidebar links the audiences once there are any), and the tab searching stays.
    f.file(
        "content/team.md",
        "---\ntitle: Team\naudience: [platform team]\n---\nWho we are.\n",
    );
    let server = Server::start(&f);
    let base = format!("http://127.0.0.1:{}/", server.port);
    let source = f.root().join("content/guide.md");
    let not_found = f.root().join("content/404.md");
    let args = [
        std::ffi::OsStr::new(&base),
        std::ffi::OsStr::new("guide/"),
        source.as_os_str(),
        not_found.as_os_str(),
    ];
    run_browser_script("serve.mjs", &args, "serve checks: all passed");
}

#[test]
fn an_edit_to_an_extra_style_sheet_reloads() {
    let f = handbook();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test\"\n[html]\nextra_css = [\"brand/brand.css\"]\n",
    );
    f.file("brand/brand.css", ".first { color: red; }\n");
    let server = Server::start(&f);
    assert!(server.get("/assets/handbook.css").2.contains(".first"));
    let events = server.events();
    // The watch follows what the build read within a second.
    std::thread::sleep(Duration::from_millis(1200));
    f.file("brand/brand.css", ".second { color: red; }\n");
    wait_for(&events, "reload");
    let css = server.get("/assets/handbook.css").2;
    assert!(css.contains(".second") && !css.contains(".first"), "{css}");
}

#[test]
fn an_edit_to_a_docusaurus_sidebar_reloads_with_the_new_order() {
    let f = Fixture::empty();
    f.file(
        "docusaurus.config.js",
        "module.exports = { title: 'Site' };\n",
    );
    f.file("docs/index.md", "# Home\n\nHello.\n");
    f.file("docs/first.md", "# First\n\nOne.\n");
    f.file("docs/second.md", "# Second\n\nTwo.\n");
    let sidebar = |ids: &str| format!("module.exports = {{ docs: [{ids}] }};\n");
    f.file("sidebars.js", &sidebar("'second', 'first'"));
    let server = Server::start_in(f.root(), std::ffi::OsStr::new("."));
    let order = |html: &str| {
        let doc = scraper::Html::parse_document(html);
        common::texts(&doc, "#hb-sidebar > ul > li > a")
    };
    assert_eq!(order(&server.get("/").2), ["Home", "Second", "First"]);
    let events = server.events();
    f.file("sidebars.js", &sidebar("'first', 'second'"));
    wait_for(&events, "reload");
    assert_eq!(order(&server.get("/").2), ["Home", "First", "Second"]);
}

#[test]
fn the_preview_answers_to_this_machines_names_and_redirects_within_the_site() {
    let f = handbook();
    let server = Server::start(&f);
    let port = server.port;
    for host in [
        "localhost".to_string(),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(server.request_to(&host, "GET", "/guide/").0, 200, "{host}");
    }
    // A page whose address is made to lead here (DNS rebinding) reads nothing.
    for host in [
        "attacker.example",
        "attacker.example:80",
        "localhost.attacker.example",
    ] {
        let (status, _, body) = server.request_to(host, "GET", "/guide/");
        assert_eq!(status, 403, "{host}");
        assert!(!String::from_utf8_lossy(&body).contains("First version"));
    }
    // A folder without its slash leads to the folder in this site, the query kept.
    for (path, location) in [
        ("/guide", "/guide/"),
        ("//guide", "/guide/"),
        ("/guide?x=1", "/guide/?x=1"),
        ("///guide?x=1#top", "/guide/?x=1"),
    ] {
        let (status, head, _) = server.get(path);
        assert_eq!(status, 301, "{path}");
        assert!(
            head.contains(&format!("Location: {location}\r"))
                || head.ends_with(&format!("Location: {location}")),
            "{path}: {head}"
        );
    }
}

#[test]
fn warnings_show_in_the_terminal_once_each() {
    let f = handbook();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test\"\n[build]\nbroken_links = \"warn\"\n",
    );
    let server = Server::start(&f);
    let events = server.events();
    f.page("guide.md", "Guide", "## Start\n\nSee [gone](gone.md).\n");
    wait_for(&events, "reload");
    // The warning (standard error) and the rebuild's line (standard output) come through two
    // pipes, in either order.
    server.printed("changed (1 warning)");
    let printed = server.printed("content/guide.md:6:5: warning");
    assert!(
        printed.contains("content/guide.md:6:5: warning: broken link: `gone.md`"),
        "{printed}"
    );
    assert!(printed.contains("changed (1 warning)"), "{printed}");
    f.page(
        "guide.md",
        "Guide",
        "## Start\n\nStill: see [gone](gone.md).\n",
    );
    wait_for(&events, "reload");
    // The same warning at another column is a new one; the first is not printed again.
    let printed = server.printed("6:12: warning: broken link");
    assert!(printed.contains("6:12: warning: broken link"), "{printed}");
    assert_eq!(
        printed.matches("6:5: warning: broken link").count(),
        1,
        "{printed}"
    );
}

#[test]
fn a_save_through_a_temporary_file_updates_the_page_alone_first() {
    let f = handbook();
    let server = Server::start(&f);
    let events = server.events();
    // As `sed -i`, JetBrains' safe write and write-file-atomic save: a new file, renamed over.
    let temporary = f.root().join("content/guide.md.4242");
    std::fs::write(
        &temporary,
        "---\ntitle: Guide\n---\n## Start\n\nSaved atomically.\n",
    )
    .unwrap();
    std::fs::rename(&temporary, f.root().join("content/guide.md")).unwrap();
    wait_for(&events, "reload");
    let printed = server.printed("Updated the page");
    assert!(printed.contains("Updated the page in"), "{printed}");
    assert!(server.get("/guide/").2.contains("Saved atomically."));
}

#[test]
fn settings_stay_watched_and_what_they_name_is_followed() {
    let f = handbook();
    f.file("brand.css", ".brand { color: red; }\n");
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test\"\n[html]\nextra_css = [\"brand.css\"]\n",
    );
    let server = Server::start(&f);
    let events = server.events();
    std::thread::sleep(Duration::from_millis(1200));
    // The extra style sheet, beside book.toml, is left out: book.toml is still watched.
    f.file("book.toml", "[book]\ntitle = \"Test\"\n");
    wait_for(&events, "reload");
    std::thread::sleep(Duration::from_millis(1200));
    f.file("book.toml", "[book]\ntitle = \"Renamed\"\n");
    wait_for(&events, "reload");
    assert!(server.get("/").2.contains("Renamed"));
    // A style sheet named before it exists: the build fails until it is created.
    f.file(
        "book.toml",
        "[book]\ntitle = \"Renamed\"\n[html]\nextra_css = [\"later.css\"]\n",
    );
    wait_for(&events, "failed");
    f.file("later.css", ".later { color: blue; }\n");
    wait_for(&events, "reload");
    assert!(server.get("/assets/handbook.css").2.contains(".later"));
    // Another content folder: its edits are followed.
    for page in ["_index.md", "guide.md", "other.md"] {
        let text = std::fs::read_to_string(f.root().join("content").join(page)).unwrap();
        f.file(&format!("docs/{page}"), &text);
    }
    f.file(
        "book.toml",
        "[book]\ntitle = \"Renamed\"\n[build]\ncontent = \"docs\"\n",
    );
    wait_for(&events, "reload");
    std::thread::sleep(Duration::from_millis(300));
    f.file("docs/guide.md", "---\ntitle: Guide\n---\nFrom docs.\n");
    wait_for(&events, "reload");
    assert!(server.get("/guide/").2.contains("From docs."));
}

#[test]
fn a_new_or_renamed_heading_shows_on_its_page_first_unless_another_page_links_to_it() {
    let f = handbook();
    f.page(
        "other.md",
        "Other",
        "See the [guide's start](guide.md#start).\n",
    );
    let server = Server::start(&f);
    let events = server.events();
    // A heading added: the page alone, at once.
    f.page(
        "guide.md",
        "Guide",
        "## Start\n\nFirst version.\n\n## Added later\n\nMore.\n",
    );
    wait_for(&events, "reload");
    let printed = server.printed("Updated the page");
    assert!(printed.contains("Updated the page in"), "{printed}");
    let guide = server.get("/guide/").2;
    assert!(guide.contains("id=\"added-later\""), "{guide}");
    // Renaming the heading another page links to: that link breaks, so the full rebuild
    // answers, and says so.
    let before = printed.matches("Updated the page").count();
    f.page(
        "guide.md",
        "Guide",
        "## Begin\n\nFirst version.\n\n## Added later\n\nMore.\n",
    );
    let failed = wait_for(&events, "failed");
    assert!(
        failed["text"].as_str().unwrap().contains("other.md"),
        "{failed}"
    );
    // The quick path would have printed before the full rebuild's error.
    let printed = server.printed("error: broken link");
    assert!(printed.contains("error: broken link"), "{printed}");
    assert_eq!(printed.matches("Updated the page").count(), before);
}

/// A page with warnings (an image from another site, broken links and anchors where those only
/// warn) is still shown at once after an edit: only an error waits for the full rebuild.
#[test]
fn a_page_with_warnings_is_still_updated_alone() {
    let f = handbook();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Serve\"\n[build]\nbroken_links = \"warn\"\n",
    );
    f.page(
        "guide.md",
        "Guide",
        "## Start\n\n![remote](https://example.com/a.png) See [nowhere](other.md#nowhere), [gone](gone.md), [here](#here).\n\nFirst version.\n",
    );
    let server = Server::start(&f);
    let events = server.events();
    f.page(
        "guide.md",
        "Guide",
        "## Start\n\n![remote](https://example.com/a.png) See [nowhere](other.md#nowhere), [gone](gone.md), [here](#here).\n\nSecond version.\n",
    );
    wait_for(&events, "reload");
    let printed = server.printed("Updated the page");
    assert!(printed.contains("Updated the page in"), "{printed}");
    assert!(server.get("/guide/").2.contains("Second version."));
    // The full rebuild after it still prints the warnings.
    let printed = server.printed("is loaded from another site");
    assert!(
        printed.contains("`https://example.com/a.png` is loaded from another site"),
        "{printed}"
    );
}

#[test]
fn live_events_refuse_another_sites_pages() {
    let f = handbook();
    let server = Server::start(&f);
    for path in ["/__handbook/events", "/__handbook/socket"] {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: https://evil.example\r\n\
             Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
             Sec-WebSocket-Version: 13\r\n\r\n",
            server.port
        )
        .unwrap();
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).unwrap();
        assert_eq!(&head, b"HTTP/1.1 403", "{path}");
    }
    // The server's own pages are let in.
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        stream,
        "GET /__handbook/socket HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\
         Sec-WebSocket-Version: 13\r\n\r\n",
        port = server.port
    )
    .unwrap();
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 101");
}

#[test]
fn a_quick_update_while_another_file_has_errors_keeps_them_on_screen() {
    let f = handbook();
    let server = Server::start(&f);
    let events = server.events();
    f.page("other.md", "Other", "See [gone](gone.md).\n");
    wait_for(&events, "failed");
    f.page(
        "guide.md",
        "Guide",
        "## Start\n\nEdited while other.md is broken.\n",
    );
    let reload = wait_for(&events, "reload");
    assert_eq!(reload["errors"], true, "{reload}");
    assert!(server
        .get("/guide/")
        .2
        .contains("Edited while other.md is broken."));
}

#[test]
fn extra_files_in_a_folder_made_later_and_a_content_folder_moved_off_the_root() {
    let f = Fixture::new();
    f.file("book.toml", "[book]\ntitle = \"One\"\n[build]\ncontent = \".\"\n[html]\nextra_css = [\"css/later.css\"]\n");
    f.file("_index.md", "---\ntitle: Home\n---\nHello.\n");
    let server = Server::start(&f);
    let events = server.events();
    std::thread::sleep(Duration::from_millis(700));
    f.file("css/later.css", ".later { color: green; }\n");
    wait_for(&events, "reload");
    assert!(server.get("/assets/handbook.css").2.contains(".later"));
    // The content folder moves from the root to docs/: book.toml is still watched.
    f.file("docs/_index.md", "---\ntitle: Home\n---\nFrom docs.\n");
    f.file(
        "book.toml",
        "[book]\ntitle = \"Two\"\n[build]\ncontent = \"docs\"\n",
    );
    wait_for(&events, "reload");
    std::thread::sleep(Duration::from_millis(300));
    f.file(
        "book.toml",
        "[book]\ntitle = \"Three\"\n[build]\ncontent = \"docs\"\n",
    );
    wait_for(&events, "reload");
    assert!(server.get("/").2.contains("Three"));
}
