//! `handbook serve`: builds the site into memory, serves it on 127.0.0.1, rebuilds when the
//! sources change and tells every open tab to reload (Server-Sent Events from
//! `/__handbook/events`). A broken edit keeps the last good site and shows the errors in an
//! overlay. Files are only ever looked up in the built site held in memory, so no request can
//! reach the disk.

pub mod http;
pub mod rebuild;
pub mod socket;
pub mod watch;

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::report::{self, Style};

/// The reserved path of the live-reload events.
pub const EVENTS: &str = "/__handbook/events";
/// The same events over a WebSocket, as the pages' live script takes them.
pub const SOCKET: &str = "/__handbook/socket";
const LIVE_JS_PATH: &str = "/__handbook/live.js";
const LIVE_JS: &str = include_str!("live.js");
const MAX_PATH: usize = 2048;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: Option<PathBuf>,
    pub port: u16,
    pub bind: String,
    pub open: bool,
    pub drafts: bool,
}

/// The built site's files, by path below the site root (shared, so that updating one file
/// copies no other).
pub type Files = BTreeMap<String, Arc<Vec<u8>>>;

/// What the server shows: the last good build, and the errors of the latest one if it failed.
#[derive(Default)]
pub struct State {
    pub build: u64,
    pub files: Arc<Files>,
    pub error: Option<String>,
    /// Files a quick update wrote, with the change batch it answered ([`Rebuilds`]): a full
    /// rebuild that began before that batch keeps them.
    quick: HashMap<String, u64>,
    /// The files the latest build's errors are in: an edit of one of them waits for the full
    /// rebuild, which alone can say the errors are gone.
    error_files: Vec<PathBuf>,
}

/// An event for the open tabs: its name and its data, as JSON.
type Event = Arc<(&'static str, String)>;

/// The open event streams.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<Event>>>,
}

impl Hub {
    fn subscribe(&self) -> Receiver<Event> {
        let (tx, rx) = channel();
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
        rx
    }

    /// Sends an event to every open tab, forgetting the ones that went away.
    pub fn broadcast(&self, event: &'static str, data: &impl Serialize) {
        let message = Arc::new((event, serde_json::to_string(data).unwrap_or_default()));
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send(message.clone()).is_ok());
        }
    }
}

/// Builds the site into memory; also returns the analysis, for quick updates after edits.
pub fn build_site(
    root: &std::path::Path,
    drafts: bool,
) -> Result<(Files, crate::Analysis), Vec<Diagnostic>> {
    let handbook_error = |e: Error| match e {
        Error::Handbook(d) => d,
        // The settings were there when the preview started: gone since (deleted, renamed).
        Error::NotARoot { root } => vec![Diagnostic::error(
            "serve",
            &root,
            "the handbook's settings file (book.toml, or the other tool's) is gone from this \
             folder",
        )
        .hint("put it back (or undo the rename), and the preview builds again")],
        other => vec![Diagnostic::error("serve", root, other.to_string())],
    };
    let mut config = Config::load(Some(root), root).map_err(handbook_error)?;
    // Served at the root of the preview server, whatever the published address.
    config.set_base_url("");
    let today = crate::today().map_err(handbook_error)?;
    let out = Output::memory();
    let mut analysis =
        crate::analyze(config, drafts, today, Some(&out), None).map_err(handbook_error)?;
    let search = analysis.search.take();
    let Some(theme) = analysis.theme_if_clean() else {
        return Err(analysis.diagnostics);
    };
    let problems = crate::render_into(&analysis, theme, &out, search);
    if !problems.is_empty() {
        return Err(problems);
    }
    let files = out
        .into_files()
        .into_iter()
        .map(|(path, bytes)| (path, Arc::new(bytes)))
        .collect();
    Ok((files, analysis))
}

/// A build's warnings (the errors of a build that succeeded are none).
fn warnings_of(analysis: &crate::Analysis) -> Vec<Diagnostic> {
    analysis
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .cloned()
        .collect()
}

/// The warnings the preview has printed: each rebuild prints those it has not, so that an edit
/// that adds one (a broken link under `broken_links = "warn"`) says so, and the others are not
/// repeated on every save.
#[derive(Default)]
struct Warned {
    seen: std::collections::HashSet<String>,
    /// How many the last build had.
    count: usize,
}

impl Warned {
    /// The warnings of `all` not printed before; the set is then `all`'s.
    fn news(&mut self, all: &[Diagnostic]) -> Vec<Diagnostic> {
        let key = |d: &Diagnostic| format!("{}:{:?}:{}", d.file.display(), d.position, d.message);
        let now: std::collections::HashSet<String> = all.iter().map(key).collect();
        let news = all
            .iter()
            .filter(|d| !self.seen.contains(&key(d)))
            .cloned()
            .collect();
        self.seen = now;
        self.count = all.len();
        news
    }

    /// `, 3 warnings` (none when there are none).
    fn summary(&self) -> String {
        match self.count {
            0 => String::new(),
            1 => " (1 warning)".into(),
            n => format!(" ({n} warnings)"),
        }
    }
}

fn errors_text(diagnostics: &[Diagnostic]) -> String {
    let mut text = Vec::new();
    let errors: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    let _ = report::human(&errors, Style { color: false }, &mut text);
    String::from_utf8_lossy(&text).into_owned()
}

#[derive(Serialize)]
struct Hello<'a> {
    build: u64,
    /// Whether the tab's page has changed since it was served (a tab that says what it shows).
    #[serde(skip_serializing_if = "Option::is_none")]
    stale: Option<bool>,
    /// Whether a build has succeeded since the server started (else there is no last good
    /// version to show).
    built: bool,
    error: Option<ErrorText<'a>>,
}

#[derive(Serialize)]
struct ErrorText<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Reload {
    build: u64,
    /// Every tab reloads (a stylesheet, script or template changed).
    all: bool,
    changed: Vec<String>,
    /// The site still has errors (a quick update of another page): the overlay stays.
    errors: bool,
}

/// The `failed` event's data.
#[derive(Serialize)]
struct Failed<'a> {
    text: &'a str,
    /// Whether a build has succeeded since the server started.
    built: bool,
}

/// Applies a rebuild's outcome to the state and tells the tabs. Returns the changed paths (but
/// the search index's).
///
/// `began`: the change batch the rebuild began after. The files a quick update wrote for a
/// later batch are kept: the rebuild read the sources before that edit.
pub fn apply(
    state: &Mutex<State>,
    hub: &Hub,
    outcome: Result<Files, Vec<Diagnostic>>,
    began: u64,
) -> Vec<String> {
    let Ok(mut s) = state.lock() else {
        return Vec::new();
    };
    let newer: Vec<(String, u64)> = s
        .quick
        .iter()
        .filter(|(_, &batch)| batch > began)
        .map(|(path, &batch)| (path.clone(), batch))
        .collect();
    match outcome {
        Ok(mut files) => {
            for (path, _) in &newer {
                match s.files.get(path) {
                    Some(kept) => files.insert(path.clone(), kept.clone()),
                    None => files.remove(path),
                };
            }
            s.quick = newer.into_iter().collect();
            let changed: Vec<String> = files
                .iter()
                .filter(|(path, bytes)| s.files.get(*path) != Some(*bytes))
                .map(|(path, _)| path.clone())
                .chain(s.files.keys().filter(|p| !files.contains_key(*p)).cloned())
                .collect();
            let had_error = s.error.take().is_some();
            s.error_files.clear();
            if changed.is_empty() && !had_error {
                return changed;
            }
            s.build += 1;
            s.files = Arc::new(files);
            // The search index moves to a new folder whenever a page's text changes; a tab
            // fetches its files when it searches (and finds the new folder then), so they are
            // no reason to reload, nor worth listing.
            let changed: Vec<String> = changed
                .into_iter()
                .filter(|p| !p.starts_with("search/"))
                .collect();
            let all = changed.iter().any(|p| !p.ends_with(".html"));
            hub.broadcast(
                "reload",
                &Reload {
                    build: s.build,
                    all,
                    changed: changed.clone(),
                    errors: false,
                },
            );
            changed
        }
        Err(diagnostics) => {
            s.error_files = diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.file.clone())
                .collect();
            let text = errors_text(&diagnostics);
            let built = !s.files.is_empty();
            hub.broadcast("failed", &Failed { text: &text, built });
            s.error = Some(text);
            Vec::new()
        }
    }
}

/// Replaces some files of the served site (a quick update, answering change batch `batch`)
/// and tells the tabs showing them.
fn apply_some(state: &Mutex<State>, hub: &Hub, updated: Vec<(String, Vec<u8>)>, batch: u64) {
    let Ok(mut s) = state.lock() else { return };
    let mut files = (*s.files).clone();
    let mut changed = Vec::new();
    for (path, bytes) in updated {
        s.quick.insert(path.clone(), batch);
        if files.get(&path).map(|b| b.as_slice()) != Some(bytes.as_slice()) {
            changed.push(path.clone());
            files.insert(path, Arc::new(bytes));
        }
    }
    if changed.is_empty() {
        return;
    }
    s.build += 1;
    s.files = Arc::new(files);
    hub.broadcast(
        "reload",
        &Reload {
            build: s.build,
            all: false,
            changed,
            errors: s.error.is_some(),
        },
    );
}

/// Runs the preview server until the process is stopped.
pub fn serve(options: &ServeOptions) -> Result<()> {
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    let mut config = Config::load(options.root.as_deref(), &cwd)?;
    // The watcher reports absolute paths: a relative root would match none of them.
    if config.root.is_relative() {
        config.root = cwd.join(&config.root);
    }
    let root = config.root.clone();
    // Build numbers go on from the time the server started: a tab left open across a restart
    // (the sources edited meanwhile) never takes the new server's first build for its own.
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let state = Arc::new(Mutex::new(State {
        build: started,
        ..State::default()
    }));
    let hub = Arc::new(Hub::default());
    let mut last = None;
    let included = watch::Included::default();
    let mut first_warnings = Err(());
    let first = match build_site(&root, options.drafts) {
        Ok((files, analysis)) => {
            if let Ok(mut i) = included.lock() {
                *i = analysis.included_files();
            }
            first_warnings = Ok(warnings_of(&analysis));
            last = Some(analysis);
            Ok(files)
        }
        Err(d) => {
            let _ = report::human(&d, Style::for_stderr(), &mut std::io::stderr());
            Err(d)
        }
    };
    let mut warned = Warned::default();
    if let Ok(warnings) = &first_warnings {
        let news = warned.news(warnings);
        let _ = report::human_each(&news, Style::for_stderr(), &mut std::io::stderr());
    }
    apply(&state, &hub, first, 0);

    let (server, address) = bind(&options.bind, options.port)?;
    let url = format!("http://{}/", display_address(&address));
    println!("Serving {} at {url}  (Ctrl-C to stop)", root.display());
    if options.bind != "127.0.0.1" && options.bind != "localhost" && options.bind != "::1" {
        eprintln!(
            "warning: --bind {} makes the preview visible to other machines on the network \
             (they reach it at this machine's address, port {})",
            options.bind,
            address.port()
        );
    }
    if options.open {
        open_browser(&url);
    }
    ctrlc::set_handler(|| {
        println!("\nStopped.");
        std::process::exit(0);
    })
    .map_err(|e| Error::Usage {
        message: format!("cannot catch Ctrl-C: {e}"),
        hint: "run it in a terminal".into(),
    })?;

    let watch = watch::Watch::start(watch::Sources::of(&config), included.clone());
    match watch {
        Ok(watch) => {
            let last = Arc::new(Mutex::new(last));
            let rebuilds = Rebuilds::start(
                root,
                options.drafts,
                state.clone(),
                hub.clone(),
                last.clone(),
                included,
                warned,
            );
            let (state, hub) = (state.clone(), hub.clone());
            let root = config.root.clone();
            std::thread::spawn(move || on_changes(&root, watch, &state, &hub, &last, &rebuilds));
        }
        Err(e) => eprintln!("warning: cannot watch the sources ({e}); edits will not reload"),
    }

    // On this machine alone, the preview answers to this machine's names alone: a web page
    // whose address is made to lead here (DNS rebinding) could otherwise read the handbook.
    let local_only = address.ip().is_loopback();
    http::serve(
        server,
        Arc::new(move |request: &http::Request| {
            if local_only && !is_local_host(request.host.as_deref()) {
                return respond(
                    403,
                    "text/plain; charset=utf-8",
                    b"this preview answers to localhost and 127.0.0.1 only; to reach it by \
                      another name (a tunnel, a container), start it with --bind 0.0.0.0\n"
                        .to_vec(),
                );
            }
            handle(request, &state, &hub)
        }),
    );
    Ok(())
}

/// Answers each batch of changes: first the edited page alone, at once, from the last full
/// build; then a full rebuild, on its own thread, so that the next edit never waits for it.
fn on_changes(
    root: &std::path::Path,
    mut watch: watch::Watch,
    state: &Mutex<State>,
    hub: &Hub,
    last: &Mutex<Option<crate::Analysis>>,
    rebuilds: &Rebuilds,
) {
    loop {
        let changed = watch.wait();
        if changed.is_empty() {
            continue;
        }
        // The settings may now name another content folder or other files of one's own.
        if changed.iter().any(|p| watch.sources().is_settings(p)) {
            if let Ok(config) = Config::load(Some(root), root) {
                watch.set_sources(watch::Sources::of(&config));
            }
        }
        let started = std::time::Instant::now();
        // Any rebuild under way read the sources too early: it keeps what this batch updates.
        let batch = rebuilds.supersede();
        // Also while the site has errors elsewhere (they stay on screen until a full rebuild
        // says they are gone): an edit of one page shows as it would on a clean site. An edit
        // of a file with errors waits for the full rebuild, which alone can say they are gone.
        let with_errors = state.lock().map_or(true, |s| {
            s.error_files.iter().any(|file| {
                changed
                    .iter()
                    .any(|c| c.ends_with(file) || file.ends_with(c))
            })
        });
        let quick = last.lock().ok().and_then(|mut last| {
            last.as_mut()
                .filter(|_| !with_errors)
                .and_then(|a| rebuild::page_only(a, &changed))
        });
        if let Some(files) = quick {
            apply_some(state, hub, files, batch);
            println!("Updated the page in {} ms", started.elapsed().as_millis());
        }
        rebuilds.request(started);
    }
}

/// The full rebuilds, one at a time on their own thread. Each change batch asks for one. A
/// rebuild that a newer change overtook is still shown (but for the files the newer change's
/// quick update wrote, which it would undo), and the newer request runs next: on a handbook
/// whose rebuild takes seconds, saves as often as an editor's autosave would otherwise throw
/// every rebuild away, and the other pages and the errors would never show.
struct Rebuilds {
    requests: Sender<std::time::Instant>,
    /// Counts change batches: a rebuild is current if none came after it started.
    generation: Arc<std::sync::atomic::AtomicU64>,
}

impl Rebuilds {
    fn start(
        root: PathBuf,
        drafts: bool,
        state: Arc<Mutex<State>>,
        hub: Arc<Hub>,
        last: Arc<Mutex<Option<crate::Analysis>>>,
        included: watch::Included,
        mut warned: Warned,
    ) -> Rebuilds {
        use std::sync::atomic::Ordering;
        let (requests, receiver) = channel::<std::time::Instant>();
        let generation = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let current = generation.clone();
        std::thread::spawn(move || {
            while let Ok(mut started) = receiver.recv() {
                // Requests that queued up meanwhile: one rebuild answers them all.
                while let Ok(later) = receiver.try_recv() {
                    started = started.min(later);
                }
                let began = current.load(Ordering::Acquire);
                match build_site(&root, drafts) {
                    Ok((files, analysis)) => {
                        if let Ok(mut i) = included.lock() {
                            *i = analysis.included_files();
                        }
                        let news = warned.news(&warnings_of(&analysis));
                        if let Ok(mut last) = last.lock() {
                            *last = Some(analysis);
                        }
                        let pages = apply(&state, &hub, Ok(files), began);
                        let _ =
                            report::human_each(&news, Style::for_stderr(), &mut std::io::stderr());
                        println!(
                            "Rebuilt in {} ms: {} changed{}",
                            started.elapsed().as_millis(),
                            match pages.len() {
                                1 => "1 file".to_string(),
                                n => format!("{n} files"),
                            },
                            warned.summary()
                        );
                    }
                    Err(d) => {
                        apply(&state, &hub, Err(d), began);
                        if let Ok(s) = state.lock() {
                            eprint!("{}", s.error.as_deref().unwrap_or_default());
                        }
                    }
                }
            }
        });
        Rebuilds {
            requests,
            generation,
        }
    }

    /// Notes a new change batch; returns its number.
    fn supersede(&self) -> u64 {
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel)
            + 1
    }

    fn request(&self, started: std::time::Instant) {
        let _ = self.requests.send(started);
    }
}

/// Whether a request comes from a page of this server, or from no page (a tool): its `Origin`
/// names the same host and port as its `Host`, or a name of this machine when it has no `Host`.
fn same_origin(origin: Option<&str>, host: Option<&str>) -> bool {
    let Some(origin) = origin else { return true };
    let Some(authority) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    match host {
        Some(host) => authority.eq_ignore_ascii_case(host),
        None => is_local_host(Some(authority)),
    }
}

/// Whether a request's `Host` names this machine: `localhost` (or a name below it), a
/// loopback address, with any port; or is not given (HTTP/1.0).
fn is_local_host(host: Option<&str>) -> bool {
    let Some(host) = host else { return true };
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn display_address(address: &SocketAddr) -> String {
    match address {
        SocketAddr::V4(a) if a.ip().is_unspecified() => format!("127.0.0.1:{}", a.port()),
        other => other.to_string(),
    }
}

/// Binds `bind:port`, or the next free port of the 20 after it.
pub fn bind(bind: &str, port: u16) -> Result<(TcpListener, SocketAddr)> {
    let mut last = String::new();
    for candidate in port..=port.saturating_add(20) {
        match TcpListener::bind((bind, candidate)).and_then(|l| {
            let address = l.local_addr()?;
            Ok((l, address))
        }) {
            Ok((listener, address)) => {
                if candidate != port {
                    eprintln!("Port {port} is busy; using {candidate}.");
                }
                return Ok((listener, address));
            }
            Err(e) => last = e.to_string(),
        }
        if port == 0 {
            break;
        }
    }
    Err(Error::Usage {
        message: format!("cannot listen on {bind}:{port} or the 20 ports after it: {last}"),
        hint: "pass another --port, or stop the program using it".into(),
    })
}

fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let _ = std::process::Command::new(program).arg(url).spawn();
}

/// Maps a request path to a file of the site: percent-decoded, and refused (`None`) when it
/// holds anything that could step outside the site (`..`, backslashes, NUL, control bytes).
pub fn site_path(raw: &str) -> Option<String> {
    if raw.len() > MAX_PATH {
        return None;
    }
    let path = raw.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode_strict(path)?;
    if !decoded.starts_with('/') || decoded.contains('\\') || decoded.chars().any(char::is_control)
    {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded[1..].split('/') {
        match part {
            "" => {}
            "." | ".." => return None,
            p if p.contains(':') => return None,
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if decoded.ends_with('/') || out.is_empty() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str("index.html");
    }
    Some(out)
}

/// Percent-decoding that refuses malformed escapes and non-UTF-8 results.
fn percent_decode_strict(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" | "md" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script to a page, which is the file `file` of the site (the
/// not-found page's is `404.html` at any address), with the page's hash: the tab gives it back
/// when it opens its live events, and reloads only if its page is now another.
fn inject(html: &[u8], build: u64, file: &str) -> Vec<u8> {
    let tag = format!(
        "<script src=\"{LIVE_JS_PATH}\" data-build=\"{build}\" data-file=\"{}\" data-hash=\"{}\"></script>\n",
        crate::markdown::escape(file),
        page_hash(html)
    );
    let at = html
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn respond(status: u16, content_type: &str, body: impl Into<Arc<Vec<u8>>>) -> http::Reply {
    http::Reply::Full(
        http::Response::new(status, content_type, body)
            .header("Cache-Control", "no-store")
            .header("X-Content-Type-Options", "nosniff"),
    )
}

fn handle(request: &http::Request, state: &Arc<Mutex<State>>, hub: &Arc<Hub>) -> http::Reply {
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        return http::Reply::Full(
            http::Response::new(
                405,
                "text/plain; charset=utf-8",
                b"only GET and HEAD\n".to_vec(),
            )
            .header("Allow", "GET, HEAD"),
        );
    }
    let url = request.target.as_str();
    let raw_path = url.split(['?', '#']).next().unwrap_or("");
    // The live events name the files changed and quote the errors' lines: a page of another
    // site may open a WebSocket here (browsers allow it across sites) or an event stream, and
    // says where it comes from.
    if (raw_path == EVENTS || raw_path == SOCKET)
        && !same_origin(request.origin.as_deref(), request.host.as_deref())
    {
        return respond(403, "text/plain", b"another site's page\n".to_vec());
    }
    let wire = match (raw_path, request.websocket_key.clone()) {
        (EVENTS, _) => Some(Wire::EventStream),
        (SOCKET, Some(key)) => Some(Wire::Socket(key)),
        (SOCKET, None) => return respond(400, "text/plain", b"a WebSocket only\n".to_vec()),
        _ => None,
    };
    if let Some(wire) = wire {
        let (state, hub) = (state.clone(), hub.clone());
        let tab = tab_of(url);
        return http::Reply::Stream(Box::new(move |stream| {
            events(stream, &wire, &state, &hub, tab.as_ref())
        }));
    }
    if raw_path == LIVE_JS_PATH {
        return respond(
            200,
            "text/javascript; charset=utf-8",
            LIVE_JS.as_bytes().to_vec(),
        );
    }
    let (files, build) = match state.lock() {
        Ok(s) => (s.files.clone(), s.build),
        Err(_) => return respond(500, "text/plain", b"server state unavailable\n".to_vec()),
    };
    let Some(path) = site_path(url) else {
        return respond(400, "text/plain; charset=utf-8", b"bad path\n".to_vec());
    };
    if let Some(bytes) = files.get(&path) {
        if path.ends_with(".html") {
            return respond(200, content_type(&path), inject(bytes, build, &path));
        }
        return respond(200, content_type(&path), bytes.clone());
    }
    // A folder asked for without its slash: send the browser to it, so relative links work.
    // The address is the folder's, from the site's top (never `//name/`, which a browser reads
    // as another server), with the query kept.
    if files.contains_key(&format!("{path}/index.html")) {
        let query = url
            .split('#')
            .next()
            .and_then(|u| u.split_once('?'))
            .map_or(String::new(), |(_, q)| format!("?{q}"));
        let folder: String = raw_path
            .split('/')
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("/");
        return http::Reply::Full(
            http::Response::new(301, "text/plain", Vec::new())
                .header("Location", format!("/{folder}/{query}")),
        );
    }
    let body = inject(not_found(&files), build, "404.html");
    respond(404, "text/html; charset=utf-8", body)
}

/// What is served where no file is: the site's not-found page, else a line that says so.
fn not_found(files: &Files) -> &[u8] {
    files.get("404.html").map_or(
        b"<!DOCTYPE html><title>Not found</title><p>Not found.</p>",
        |page| page.as_slice(),
    )
}

/// A page's hash, as [`inject`] gives it to its tab.
fn page_hash(html: &[u8]) -> String {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(html);
    format!("{:016x}", hasher.finish())
}

/// What a tab says of itself when it opens its live events (`?page=/guide/&hash=...`): the
/// address it shows and the hash of the page it was served there.
fn tab_of(url: &str) -> Option<(String, String)> {
    let query = url.split('#').next()?.split_once('?')?.1;
    let (mut page, mut hash) = (None, None);
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("page", value)) => page = percent_decode_strict(value),
            Some(("hash", value)) => hash = Some(value.to_string()),
            _ => {}
        }
    }
    Some((page?, hash?))
}

/// The `hello` event's data: the build a tab should show, whether the tab's page is no longer
/// what its address now serves (when the tab says what it shows: [`tab_of`]), and the errors
/// if the latest build failed.
fn hello(state: &Mutex<State>, tab: Option<&(String, String)>) -> Option<String> {
    let s = state.lock().ok()?;
    let error = s.error.as_deref().map(|text| ErrorText { text });
    let stale = tab.map(|(page, hash)| {
        let served = site_path(page)
            .and_then(|path| s.files.get(&path))
            .map_or_else(|| not_found(&s.files), |bytes| bytes.as_slice());
        page_hash(served) != *hash
    });
    serde_json::to_string(&Hello {
        build: s.build,
        built: !s.files.is_empty(),
        stale,
        error,
    })
    .ok()
}

/// How often an idle stream sends something: to find tabs that went away, and to keep proxies
/// from closing it.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// How one tab takes the live events: as server-sent events, or over a WebSocket (opened with
/// the tab's key), each event then a text message `{"event": name, "data": ...}`.
enum Wire {
    EventStream,
    Socket(String),
}

impl Wire {
    /// What opens the stream.
    fn head(&self) -> Vec<u8> {
        match self {
            Wire::EventStream => b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\n"
                .to_vec(),
            Wire::Socket(key) => socket::handshake(key).into_bytes(),
        }
    }

    /// One event.
    fn event(&self, name: &str, data: &str) -> Vec<u8> {
        match self {
            Wire::EventStream => format!("event: {name}\ndata: {data}\n\n").into_bytes(),
            Wire::Socket(_) => socket::text(&format!("{{\"event\":\"{name}\",\"data\":{data}}}")),
        }
    }

    /// What an idle stream sends now and then: a comment line, or a ping.
    fn keep_alive(&self) -> Vec<u8> {
        match self {
            Wire::EventStream => b": keep-alive\n\n".to_vec(),
            Wire::Socket(_) => socket::ping(),
        }
    }
}

/// Streams live-reload events to one tab until it goes away (a write fails).
fn events(
    writer: &mut TcpStream,
    wire: &Wire,
    state: &Mutex<State>,
    hub: &Hub,
    tab: Option<&(String, String)>,
) {
    let rx = hub.subscribe();
    let Some(hello) = hello(state, tab) else {
        return;
    };
    let mut first = wire.head();
    first.extend(wire.event("hello", &hello));
    if writer.write_all(&first).is_err() {
        return;
    }
    loop {
        let bytes = match rx.recv_timeout(KEEP_ALIVE) {
            Ok(event) => wire.event(event.0, &event.1),
            Err(RecvTimeoutError::Timeout) => wire.keep_alive(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if writer.write_all(&bytes).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_inside_the_site_or_not_at_all() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/skills/empathy/").as_deref(),
            Some("skills/empathy/index.html")
        );
        assert_eq!(
            site_path("/assets/a.css?v=1").as_deref(),
            Some("assets/a.css")
        );
        assert_eq!(site_path("/a%20b.png").as_deref(), Some("a b.png"));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/a/%2E%2E/%2E%2E/x",
            "/a\\..\\b",
            "/%5c..%5cb",
            "/a%00b",
            "/%zz",
            "/c:/x",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
        assert_eq!(site_path(&format!("/{}", "a".repeat(5000))), None);
        // %2f is a slash inside a name: it decodes, and `..` segments are still refused.
        assert_eq!(site_path("/a%2f..%2fb"), None);
    }

    #[test]
    fn live_events_go_to_this_servers_pages_and_to_tools_alone() {
        assert!(same_origin(None, Some("127.0.0.1:3000")));
        assert!(same_origin(
            Some("http://127.0.0.1:3000"),
            Some("127.0.0.1:3000")
        ));
        assert!(same_origin(
            Some("http://LOCALHOST:3000"),
            Some("localhost:3000")
        ));
        assert!(same_origin(
            Some("http://192.168.1.5:3000"),
            Some("192.168.1.5:3000")
        ));
        assert!(!same_origin(
            Some("https://evil.example"),
            Some("127.0.0.1:3000")
        ));
        assert!(!same_origin(
            Some("http://127.0.0.1:9999"),
            Some("127.0.0.1:3000")
        ));
        assert!(!same_origin(Some("null"), Some("127.0.0.1:3000")));
    }

    #[test]
    fn only_this_machines_names_are_local_hosts() {
        for host in [
            None,
            Some("localhost"),
            Some("localhost:3000"),
            Some("LOCALHOST."),
            Some("docs.localhost:3000"),
            Some("127.0.0.1:3000"),
            Some("127.1.2.3"),
            Some("[::1]:3000"),
        ] {
            assert!(is_local_host(host), "{host:?}");
        }
        for host in [
            Some("attacker.example"),
            Some("attacker.example:3000"),
            Some("localhost.attacker.example"),
            Some("10.0.0.5:3000"),
            Some("[::2]:3000"),
            Some(""),
        ] {
            assert!(!is_local_host(host), "{host:?}");
        }
    }

    #[test]
    fn live_script_goes_before_the_body_end() {
        let page = b"<html><body><p>x</p></body></html>";
        let html = inject(page, 7, "a&b/index.html");
        assert_eq!(
            String::from_utf8(html).unwrap(),
            format!(
                "<html><body><p>x</p><script src=\"/__handbook/live.js\" data-build=\"7\" \
                 data-file=\"a&amp;b/index.html\" data-hash=\"{}\"></script>\n</body></html>",
                page_hash(page)
            )
        );
        assert_ne!(
            page_hash(page),
            page_hash(b"<html><body><p>y</p></body></html>")
        );
    }
}
