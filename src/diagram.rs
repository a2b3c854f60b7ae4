//! Mermaid diagrams (```` ```mermaid ```` fences) drawn as SVG at build time, as every peer's
//! users write them (GitHub, GitBook, MkDocs Material, Docusaurus, Hugo, mdBook's plugin): the
//! page holds the picture, with no script to load, no request and nothing drawn in the reader's
//! browser. The `mermaid-svg` crate draws them; what it writes is taken apart and written again
//! here ([`for_page`]): only drawing elements and attributes are kept, links only to safe
//! addresses, and the ids are made the diagram's own, so that two diagrams on a page (or
//! the print view's copy) never share one.
//!
//! Each diagram is drawn twice, with Mermaid's default theme and its dark one; the theme's CSS
//! shows the one that suits the page's colours (and the light one on paper).
//!
//! A diagram's source is the handbook author's, and a drawing library has corners where some
//! input makes it loop or allocate without end (a gantt chart spanning millions of years, a
//! packet diagram of billions of bits). So the binary draws in helper processes of its own
//! ([`draw_in_helpers`], the hidden `__draw-diagrams` verb: [`helper_main`]), each with a cap
//! on its memory and a time limit per diagram: such a diagram becomes an error naming it, and
//! the build, check or preview server carries on. Without helpers (the library called
//! directly) diagrams are drawn in the calling thread, a panic caught. Either way each source
//! is drawn once per process ([`draw`] keeps what it drew), so a preview server redraws only the
//! diagrams an edit changed.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

/// The longest diagram source drawn, in bytes; a longer one is an error. The largest diagrams
/// in the peers' documentation are a few kilobytes.
pub const MAX_SOURCE: usize = 64 * 1024;

/// How long a helper may take over one diagram. A 300-node flowchart takes about 0.1 s.
const TIME_LIMIT: Duration = Duration::from_secs(10);

/// The address space a helper may take on beyond what it has when it starts. Drawing a
/// 300-node flowchart takes under 10 MB; the cap is far above that, and reached soon by a
/// diagram that would take all the memory.
#[cfg(target_os = "linux")]
const MEMORY_LIMIT: u64 = 512 << 20;

/// The drawings kept, by source, before the store is emptied (a preview server's diagrams
/// change with every edit).
const KEPT: usize = 4096;

/// A diagram drawn with Mermaid's light (default) and dark themes, as the drawing library
/// wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawing {
    pub light: String,
    pub dark: String,
}

/// Why a diagram was not drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The line of the diagram's source the problem is on (1 = the line after the fence).
    pub line: Option<usize>,
    pub message: String,
    pub problem: Problem,
}

/// What kind of problem kept a diagram from being drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// The source is not Mermaid the drawing library reads.
    Syntax,
    /// The drawing library failed on it, or went past its limits.
    Drawing,
    /// It could not be drawn this time (no helper process, too slow): tried again next time.
    Passing,
}

impl Failure {
    fn new(problem: Problem, message: impl Into<String>) -> Self {
        Failure {
            line: None,
            message: message.into(),
            problem,
        }
    }

    /// What the author can do about it.
    pub fn hint(&self) -> &'static str {
        match self.problem {
            Problem::Syntax => {
                "fix the diagram (Mermaid's syntax: https://mermaid.js.org/intro/syntax-reference.html)"
            }
            Problem::Drawing => {
                "make the diagram smaller or simpler, or show it as code (```text instead of ```mermaid)"
            }
            Problem::Passing => "build again; if it lasts, make the diagram smaller or simpler",
        }
    }
}

/// A diagram as a page holds it: the SVGs to write, and their words for search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageDrawing {
    /// The `<figure>` holding the drawing (or drawings).
    pub html: String,
    /// The diagram's text (its labels), for search.
    pub text: String,
}

/// Whether a fenced code block's info string asks for a Mermaid diagram: its first word is
/// `mermaid`.
pub fn is_mermaid(info: &str) -> bool {
    crate::markdown::info_language(info).eq_ignore_ascii_case("mermaid")
}

/// The program drawing diagrams in helper processes, once set ([`draw_in_helpers`]).
static HELPER_PROGRAM: OnceLock<PathBuf> = OnceLock::new();

/// Helpers waiting for work.
static IDLE_HELPERS: Mutex<Vec<Helper>> = Mutex::new(Vec::new());

/// A diagram drawn, or why it was not.
type Drawn = Result<Arc<Drawing>, Failure>;

/// What was drawn so far, by source.
static DRAWN: Mutex<Option<HashMap<String, Drawn>>> = Mutex::new(None);

/// Has diagrams drawn in helper processes running `program __draw-diagrams` (the `handbook`
/// binary itself). Without this call they are drawn in the calling thread.
pub fn draw_in_helpers(program: PathBuf) {
    let _ = HELPER_PROGRAM.set(program);
}

/// Draws a diagram, or says why it cannot be drawn. Each source is drawn once per process
/// (but for a [`Problem::Passing`] failure, tried again).
pub fn draw(source: &str) -> Drawn {
    if let Some(known) = DRAWN
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
        .and_then(|drawn| drawn.get(source))
    {
        return known.clone();
    }
    let result = if source.len() > MAX_SOURCE {
        Err(Failure::new(
            Problem::Drawing,
            format!(
                "the diagram is {} bytes long, more than the {} KB drawn",
                source.len(),
                MAX_SOURCE / 1024
            ),
        ))
    } else if let Some(failure) = unquotable_style(source) {
        Err(failure)
    } else {
        match HELPER_PROGRAM.get() {
            Some(program) => draw_in_helper(program, source),
            None => draw_here(source),
        }
        .map(Arc::new)
    };
    if !matches!(&result, Err(f) if f.problem == Problem::Passing) {
        let mut drawn = DRAWN.lock().unwrap_or_else(PoisonError::into_inner);
        let drawn = drawn.get_or_insert_with(HashMap::new);
        if drawn.len() >= KEPT {
            drawn.clear();
        }
        drawn.insert(source.to_string(), result.clone());
    }
    result
}

/// A `style`, `classDef` or `linkStyle` line (or one of `;`-joined statements) holding a `"` or
/// a `<`: the drawing library writes such values into the drawing's attributes as they are,
/// where a quote would end the attribute. A message the author can act on; what such a quote
/// would let through is [`clean_svg`]'s to keep out.
fn unquotable_style(source: &str) -> Option<Failure> {
    source.lines().enumerate().find_map(|(i, line)| {
        let statement = line
            .split(';')
            .filter_map(|s| s.split_whitespace().next())
            .find(|s| ["style", "classDef", "linkStyle"].contains(s))?;
        line.contains(['"', '<']).then(|| Failure {
            line: Some(i + 1),
            message: format!(
                "a `\"` or `<` in a `{statement}` line is not drawn (the drawing library would \
                 write it into the drawing as it is)"
            ),
            problem: Problem::Syntax,
        })
    })
}

/// Draws a diagram in this thread, with both themes.
fn draw_here(source: &str) -> Result<Drawing, Failure> {
    let drawn = quietly_catching_panics(|| {
        let light = mermaid_svg::render_with(source, &mermaid_svg::Theme::default_theme());
        let dark = mermaid_svg::render_with(source, &mermaid_svg::Theme::dark());
        (light, dark)
    });
    match drawn {
        Some((Ok(light), Ok(dark))) => Ok(Drawing { light, dark }),
        Some((Err(e), _) | (_, Err(e))) => Err(failure_of(e, source)),
        None => Err(Failure::new(
            Problem::Drawing,
            "the drawing library failed on this diagram (a fault in it, not in the diagram)",
        )),
    }
}

/// The library's complaint, at its line of `source`.
fn failure_of(error: mermaid_svg::RenderError, source: &str) -> Failure {
    let syntax = |line: Option<usize>, message: String| Failure {
        line,
        message,
        problem: Problem::Syntax,
    };
    let mermaid_svg::RenderError::Parse(parse) = error else {
        return syntax(None, error.to_string());
    };
    match parse {
        mermaid_svg::ParseError::Syntax { message, line, .. } => {
            syntax(Some(source_line(source, line)), message)
        }
        mermaid_svg::ParseError::UnknownDiagramType(kind) => syntax(
            Some(header_line(source)),
            format!(
                "`{}` is not a kind of diagram Mermaid draws",
                kind.chars().take(60).collect::<String>()
            ),
        ),
        mermaid_svg::ParseError::Empty => syntax(None, "the diagram is empty".into()),
        other => syntax(None, other.to_string()),
    }
}

/// Whether each line of `source` is part of its preamble: a front matter block (`---` lines)
/// at the start, or an `%%{init: …}%%` directive before the diagram's first line. The library
/// reads the preamble apart, and counts its lines in what remains.
fn preamble(source: &str) -> Vec<bool> {
    let lines: Vec<&str> = source.lines().collect();
    let mut inside = vec![false; lines.len()];
    let mut i = 0;
    let first = lines.iter().position(|l| !l.trim().is_empty());
    if let Some(start) = first.filter(|&f| lines[f].trim() == "---") {
        if let Some(len) = lines[start + 1..].iter().position(|l| l.trim() == "---") {
            inside[start..=start + 1 + len].fill(true);
            i = start + 2 + len;
        }
    }
    while i < lines.len() {
        let line = lines[i].trim_start();
        if line.starts_with("%%{") {
            let len = lines[i..]
                .iter()
                .position(|l| l.contains("}%%"))
                .unwrap_or(lines.len() - i - 1);
            inside[i..=i + len].fill(true);
            i += len + 1;
        } else if line.is_empty() || line.starts_with("%%") {
            i += 1;
        } else {
            break;
        }
    }
    inside
}

/// The line of `source` that is line `line` of what the library reads (its preamble apart).
fn source_line(source: &str, line: usize) -> usize {
    preamble(source)
        .iter()
        .enumerate()
        .filter(|(_, inside)| !**inside)
        .nth(line.saturating_sub(1))
        .map_or(line, |(i, _)| i + 1)
}

/// The line of `source` that names the kind of diagram: its first outside the preamble, blank
/// lines and `%%` comments.
fn header_line(source: &str) -> usize {
    let inside = preamble(source);
    source
        .lines()
        .enumerate()
        .position(|(i, l)| !inside[i] && !l.trim().is_empty() && !l.trim_start().starts_with("%%"))
        .map_or(1, |i| i + 1)
}

thread_local! {
    /// Set while a panic here is expected and reported otherwise than on stderr.
    static QUIET_PANICS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into `None` without the panic message on stderr.
pub(crate) fn quietly_catching_panics<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET_PANICS.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
    QUIET_PANICS.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    QUIET_PANICS.with(|q| q.set(false));
    result
}

/// A helper process, the replies its reader thread passes on, and what it wrote on stderr (the
/// reason, when it ends of itself: a failed allocation, an overflowed stack).
struct Helper {
    child: Child,
    stdin: ChildStdin,
    replies: Receiver<Result<Drawing, Failure>>,
    stderr: Arc<Mutex<String>>,
}

impl Helper {
    fn start(program: &PathBuf) -> std::io::Result<Helper> {
        let mut child = Command::new(program)
            .arg("__draw-diagrams")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let (Some(stdin), Some(mut stdout), Some(mut stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::other("the helper has no pipes"));
        };
        let (send, replies) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("diagram-replies".into())
            .spawn(move || {
                while let Ok(reply) = read_reply(&mut stdout) {
                    if send.send(reply).is_err() {
                        break;
                    }
                }
            })?;
        let said = Arc::new(Mutex::new(String::new()));
        let kept = said.clone();
        std::thread::Builder::new()
            .name("diagram-stderr".into())
            .spawn(move || {
                let mut buffer = [0u8; 1024];
                while let Ok(n @ 1..) = stderr.read(&mut buffer) {
                    let mut said = kept.lock().unwrap_or_else(PoisonError::into_inner);
                    if said.len() < 4096 {
                        said.push_str(&String::from_utf8_lossy(&buffer[..n]));
                    }
                }
            })?;
        Ok(Helper {
            child,
            stdin,
            replies,
            stderr: said,
        })
    }

    /// Stops the helper; says why it stopped if it ended of itself.
    fn stop(mut self) -> Failure {
        let _ = self.child.kill();
        let status = self.child.wait().ok();
        // What it wrote is read to its end once it has ended.
        std::thread::sleep(Duration::from_millis(20));
        let said = self
            .stderr
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        #[cfg(unix)]
        let crashed = status
            .and_then(|s| std::os::unix::process::ExitStatusExt::signal(&s))
            .is_some_and(|signal| signal == 11 || signal == 7);
        #[cfg(not(unix))]
        let crashed = false;
        let message = if said.contains("memory allocation") {
            "drawing this diagram took more memory than allowed, and was stopped (dates or \
             numbers far out of range do this)"
                .to_string()
        } else if said.contains("overflowed its stack") || crashed {
            "the diagram is nested too deeply for the drawing library".to_string()
        } else {
            let how = status.map(|s| format!(" ({s})")).unwrap_or_default();
            format!("the drawing library stopped on this diagram{how}")
        };
        Failure::new(Problem::Drawing, message)
    }
}

/// Draws a diagram in a helper process: an idle one, or a new one.
fn draw_in_helper(program: &PathBuf, source: &str) -> Result<Drawing, Failure> {
    let no_helper = |e: std::io::Error| {
        Failure::new(
            Problem::Passing,
            format!("no helper process could be started to draw it ({e})"),
        )
    };
    let idle = IDLE_HELPERS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .pop();
    let mut helper = match idle {
        Some(helper) => helper,
        None => Helper::start(program).map_err(no_helper)?,
    };
    if write_request(&mut helper.stdin, source).is_err() {
        // It ended while idle: a new one.
        helper.stop();
        helper = Helper::start(program).map_err(no_helper)?;
        write_request(&mut helper.stdin, source).map_err(no_helper)?;
    }
    match helper.replies.recv_timeout(TIME_LIMIT) {
        Ok(reply) => {
            IDLE_HELPERS
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(helper);
            reply
        }
        Err(RecvTimeoutError::Timeout) => {
            helper.stop();
            Err(Failure::new(
                Problem::Passing,
                format!(
                    "drawing this diagram took longer than {} s, and was stopped",
                    TIME_LIMIT.as_secs()
                ),
            ))
        }
        Err(RecvTimeoutError::Disconnected) => Err(helper.stop()),
    }
}

fn write_request(to: &mut impl Write, source: &str) -> std::io::Result<()> {
    to.write_all(&(source.len() as u32).to_le_bytes())?;
    to.write_all(source.as_bytes())?;
    to.flush()
}

fn read_frame(from: &mut impl Read) -> std::io::Result<String> {
    let mut len = [0u8; 4];
    from.read_exact(&mut len)?;
    let len = u32::from_le_bytes(len) as usize;
    // A request is at most MAX_SOURCE; a reply's drawing some megabytes.
    if len > 256 << 20 {
        return Err(std::io::Error::other("frame too long"));
    }
    let mut bytes = vec![0u8; len];
    from.read_exact(&mut bytes)?;
    String::from_utf8(bytes).map_err(std::io::Error::other)
}

fn write_frame(to: &mut impl Write, text: &str) -> std::io::Result<()> {
    to.write_all(&(text.len() as u32).to_le_bytes())?;
    to.write_all(text.as_bytes())
}

/// A reply: `D` and the two drawings, or `F`, the line (0 for none), the kind of problem and
/// the message.
fn read_reply(from: &mut impl Read) -> std::io::Result<Result<Drawing, Failure>> {
    let mut tag = [0u8; 1];
    from.read_exact(&mut tag)?;
    match tag[0] {
        b'D' => Ok(Ok(Drawing {
            light: read_frame(from)?,
            dark: read_frame(from)?,
        })),
        b'F' => {
            let mut line_and_problem = [0u8; 5];
            from.read_exact(&mut line_and_problem)?;
            let line = u32::from_le_bytes([
                line_and_problem[0],
                line_and_problem[1],
                line_and_problem[2],
                line_and_problem[3],
            ]) as usize;
            let problem = match line_and_problem[4] {
                b'S' => Problem::Syntax,
                b'P' => Problem::Passing,
                _ => Problem::Drawing,
            };
            Ok(Err(Failure {
                line: (line > 0).then_some(line),
                message: read_frame(from)?,
                problem,
            }))
        }
        _ => Err(std::io::Error::other("not a reply")),
    }
}

fn write_reply(to: &mut impl Write, reply: &Result<Drawing, Failure>) -> std::io::Result<()> {
    match reply {
        Ok(drawing) => {
            to.write_all(b"D")?;
            write_frame(to, &drawing.light)?;
            write_frame(to, &drawing.dark)?;
        }
        Err(failure) => {
            to.write_all(b"F")?;
            let line = failure.line.unwrap_or(0).min(u32::MAX as usize) as u32;
            to.write_all(&line.to_le_bytes())?;
            to.write_all(match failure.problem {
                Problem::Syntax => b"S",
                Problem::Drawing => b"D",
                Problem::Passing => b"P",
            })?;
            write_frame(to, &failure.message)?;
        }
    }
    to.flush()
}

/// The helper process (`handbook __draw-diagrams`): reads diagram sources from stdin and
/// writes their drawings to stdout until stdin ends, within its memory cap, and ends with the
/// process that started it.
pub fn helper_main() {
    // A parent killed (not only ended) closes no pipe while a diagram is drawn: its helper sees
    // it gone when it has a new parent.
    #[cfg(unix)]
    {
        let parent = std::os::unix::process::parent_id();
        let _ = std::thread::Builder::new()
            .name("parent-watch".into())
            .spawn(move || loop {
                std::thread::sleep(Duration::from_millis(250));
                if std::os::unix::process::parent_id() != parent {
                    std::process::exit(1);
                }
            });
    }
    let serve = || {
        limit_memory();
        let mut input = std::io::stdin().lock();
        let mut output = std::io::BufWriter::new(std::io::stdout().lock());
        while let Ok(source) = read_frame(&mut input) {
            if write_reply(&mut output, &draw_here(&source)).is_err() {
                break;
            }
        }
    };
    // The drawing library recurses on nested diagrams: a deep stack for it.
    match std::thread::Builder::new()
        .name("draw".into())
        .stack_size(STACK)
        .spawn(serve)
    {
        Ok(drawing) => {
            let _ = drawing.join();
        }
        Err(_) => serve(),
    }
}

/// The stack of the helper's drawing thread.
const STACK: usize = 32 << 20;

/// Caps the helper's address space at what it uses now (the program, its threads, the memory
/// its allocator set aside) and [`MEMORY_LIMIT`] more. Past it, an allocation fails and the
/// helper ends.
fn limit_memory() {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{setrlimit, Resource, Rlimit};
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let used_kb = status
            .lines()
            .find_map(|l| l.strip_prefix("VmSize:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
        if let Some(used_kb) = used_kb {
            let cap = used_kb * 1024 + MEMORY_LIMIT;
            let _ = setrlimit(
                Resource::As,
                Rlimit {
                    current: Some(cap),
                    maximum: Some(cap),
                },
            );
        }
    }
}

/// The elements a drawing keeps; any other is dropped with what it holds.
const ELEMENTS: &[&str] = &[
    "a",
    "animate",
    "circle",
    "clipPath",
    "defs",
    "desc",
    "ellipse",
    "feBlend",
    "feColorMatrix",
    "feComposite",
    "feDropShadow",
    "feFlood",
    "feGaussianBlur",
    "feMerge",
    "feMergeNode",
    "feOffset",
    "filter",
    "g",
    "line",
    "linearGradient",
    "marker",
    "mask",
    "path",
    "pattern",
    "polygon",
    "polyline",
    "radialGradient",
    "rect",
    "stop",
    "svg",
    "symbol",
    "text",
    "title",
    "tspan",
    "use",
];

/// The attributes a drawing keeps; any other is dropped. (`href` is kept only where it is
/// safe: [`safe_href`].)
const ATTRIBUTES: &[&str] = &[
    "alignment-baseline",
    "aria-describedby",
    "aria-hidden",
    "aria-label",
    "aria-labelledby",
    "aria-roledescription",
    "attributeName",
    "begin",
    "class",
    "clip-path",
    "clipPathUnits",
    "cx",
    "cy",
    "d",
    "display",
    "dominant-baseline",
    "dur",
    "dx",
    "dy",
    "fill",
    "fill-opacity",
    "fill-rule",
    "filter",
    "flood-color",
    "flood-opacity",
    "font-family",
    "font-size",
    "font-style",
    "font-weight",
    "fr",
    "from",
    "fx",
    "fy",
    "gradientTransform",
    "gradientUnits",
    "height",
    "href",
    "id",
    "in",
    "in2",
    "letter-spacing",
    "marker-end",
    "marker-mid",
    "marker-start",
    "markerHeight",
    "markerUnits",
    "markerWidth",
    "mask",
    "mode",
    "offset",
    "opacity",
    "operator",
    "orient",
    "pathLength",
    "patternUnits",
    "points",
    "preserveAspectRatio",
    "r",
    "refX",
    "refY",
    "repeatCount",
    "result",
    "role",
    "rx",
    "ry",
    "spreadMethod",
    "stdDeviation",
    "stop-color",
    "stop-opacity",
    "stroke",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
    "style",
    "target",
    "text-anchor",
    "text-decoration",
    "textLength",
    "to",
    "transform",
    "type",
    "values",
    "viewBox",
    "visibility",
    "width",
    "x",
    "x1",
    "x2",
    "xlink:href",
    "xmlns",
    "xmlns:xlink",
    "y",
    "y1",
    "y2",
];

/// What an `<animate>` may change: its dash pattern and opacities (an animated edge), never an
/// address.
const ANIMATED: &[&str] = &[
    "fill-opacity",
    "opacity",
    "stroke-dashoffset",
    "stroke-opacity",
];

/// The elements that hold text only (HTML integration points: the HTML parser reads their
/// children as HTML).
const TEXT_ONLY: &[&str] = &["desc", "title"];

/// The elements whose text is the diagram's words (for search).
const WORDS: &[&str] = &["desc", "text", "title", "tspan"];

/// A drawing as a page holds it: `drawing`'s SVGs made safe ([`clean_svg`]) with ids starting
/// with `prefix` and links' addresses as `link` makes them, in a `<figure>` with `caption` (the
/// fence's title) if any.
pub fn for_page(
    drawing: &Drawing,
    prefix: &str,
    caption: Option<&str>,
    link: &mut dyn FnMut(&str) -> Option<String>,
) -> Result<PageDrawing, String> {
    let (light, text) = clean_svg(&drawing.light, &format!("{prefix}l-"), link)?;
    let mut html = String::with_capacity(drawing.light.len() + drawing.dark.len() + 128);
    html.push_str("<figure class=\"hb-diagram\">");
    if drawing.dark == drawing.light {
        // A theme the diagram names itself: the one drawing, whatever the page's colours.
        html.push_str(&light);
    } else {
        let (dark, _) = clean_svg(&drawing.dark, &format!("{prefix}d-"), link)?;
        html.push_str("<div class=\"hb-diagram-light\">");
        html.push_str(&light);
        html.push_str("</div><div class=\"hb-diagram-dark\">");
        html.push_str(&dark);
        html.push_str("</div>");
    }
    if let Some(caption) = caption {
        html.push_str("<figcaption>");
        crate::markdown::push_escaped(&mut html, caption);
        html.push_str("</figcaption>");
    }
    html.push_str("</figure>\n");
    Ok(PageDrawing { html, text })
}

/// `svg` written again with only [`ELEMENTS`] and [`ATTRIBUTES`], ids made to start with
/// `prefix` (and the references to them), links' addresses as `link` makes them (after
/// [`safe_href`]), `style` only with [`STYLES`], and no function in a value (`url()`,
/// `image-set()`) but `url(#id)` of the drawing's own ids and colours; and the text of its
/// labels. An error for anything that is not plain XML with one `<svg>` element.
pub fn clean_svg(
    svg: &str,
    prefix: &str,
    link: &mut dyn FnMut(&str) -> Option<String>,
) -> Result<(String, String), String> {
    let mut out = String::with_capacity(svg.len() + svg.len() / 16);
    let mut words = String::new();
    // The open elements: their names, and whether each is kept.
    let mut open: Vec<(&str, bool)> = Vec::new();
    let mut rest = svg.trim_start();
    while !rest.is_empty() {
        let dropping = open.iter().any(|(_, kept)| !kept);
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").ok_or("an unclosed comment")?;
            rest = &after[end + 3..];
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            // An XML declaration or doctype (a CDATA section is not expected).
            if rest.starts_with("<![CDATA[") {
                return Err("a CDATA section".into());
            }
            let end = rest.find('>').ok_or("an unclosed declaration")?;
            rest = &rest[end + 1..];
        } else if let Some(after) = rest.strip_prefix("</") {
            let end = after.find('>').ok_or("an unclosed end tag")?;
            let name = after[..end].trim_end();
            let (open_name, kept) = open.pop().ok_or("an end tag with no start")?;
            if open_name != name {
                return Err(format!("</{name}> ends <{open_name}>"));
            }
            if kept && !dropping {
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
            rest = &after[end + 1..];
            if open.is_empty() {
                // The one root element has ended: nothing may follow it.
                let after_root = rest.trim();
                if !after_root.is_empty() {
                    return Err("something after the drawing's <svg> element".into());
                }
            }
        } else if rest.starts_with('<') {
            let (tag, after) = read_tag(rest)?;
            if open.is_empty() && (tag.name != "svg" || !out.is_empty()) {
                return Err("the drawing is not one <svg> element".into());
            }
            // `<title>` and `<desc>` are where an HTML parser reads HTML again inside SVG: an
            // element there would be HTML, and could reach past the drawing. They keep text only.
            let in_words = open
                .last()
                .is_some_and(|(name, _)| TEXT_ONLY.contains(name));
            let kept =
                !dropping && !in_words && ELEMENTS.contains(&tag.name) && tag.allowed_animation();
            if kept {
                write_tag(&mut out, &tag, prefix, link);
            }
            if !tag.empty {
                open.push((tag.name, kept));
            }
            rest = after;
        } else {
            if open.is_empty() {
                return Err("text outside the drawing's <svg> element".into());
            }
            let end = rest.find('<').unwrap_or(rest.len());
            let text = decode(&rest[..end]);
            if !dropping {
                crate::markdown::push_escaped(&mut out, &text);
                if open.last().is_some_and(|(name, _)| WORDS.contains(name)) {
                    if !words.is_empty() && !words.ends_with(' ') {
                        words.push(' ');
                    }
                    words.push_str(text.trim());
                }
            }
            rest = &rest[end..];
        }
    }
    if let Some((name, _)) = open.last() {
        return Err(format!("<{name}> is not closed"));
    }
    if !out.starts_with("<svg") {
        return Err("the drawing is not an SVG".into());
    }
    Ok((out, words))
}

/// A start tag as written: its name, attributes (values decoded) and whether it closes itself.
struct StartTag<'a> {
    name: &'a str,
    attributes: Vec<(&'a str, String)>,
    empty: bool,
}

impl StartTag<'_> {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// An `<animate>` changes only what [`ANIMATED`] lists; any other element passes.
    fn allowed_animation(&self) -> bool {
        self.name != "animate"
            || self
                .attribute("attributeName")
                .is_some_and(|a| ANIMATED.contains(&a))
    }
}

/// Reads the start tag `text` begins with; returns it and what follows it.
fn read_tag(text: &str) -> Result<(StartTag<'_>, &str), String> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.');
    let after_lt = &text[1..];
    let name_len = after_lt
        .find(|c: char| !is_name(c))
        .unwrap_or(after_lt.len());
    if name_len == 0 {
        return Err("a `<` that starts no tag".into());
    }
    let name = &after_lt[..name_len];
    let mut rest = &after_lt[name_len..];
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start();
        let empty = rest.starts_with("/>");
        if let Some(after) = rest.strip_prefix("/>").or_else(|| rest.strip_prefix('>')) {
            return Ok((
                StartTag {
                    name,
                    attributes,
                    empty,
                },
                after,
            ));
        }
        let len = rest.find(|c: char| !is_name(c)).unwrap_or(rest.len());
        if len == 0 {
            return Err(format!("an unreadable attribute in <{name}>"));
        }
        let attribute = &rest[..len];
        let after_eq = rest[len..]
            .trim_start()
            .strip_prefix('=')
            .ok_or_else(|| format!("the attribute {attribute} of <{name}> has no value"))?
            .trim_start();
        let quote = after_eq
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\''))
            .ok_or_else(|| format!("the attribute {attribute} of <{name}> is not quoted"))?;
        let value_and_rest = &after_eq[1..];
        let end = value_and_rest
            .find(quote)
            .ok_or_else(|| format!("the attribute {attribute} of <{name}> is not closed"))?;
        let value = &value_and_rest[..end];
        if value.contains('<') {
            return Err(format!("a `<` in the attribute {attribute} of <{name}>"));
        }
        attributes.push((attribute, decode(value)));
        rest = &value_and_rest[end + 1..];
    }
}

/// Writes a kept start tag: the attributes [`ATTRIBUTES`] lists (each once) whose values are
/// safe, ids and references to them prefixed, links' addresses as `link` makes them.
fn write_tag(
    out: &mut String,
    tag: &StartTag,
    prefix: &str,
    link: &mut dyn FnMut(&str) -> Option<String>,
) {
    out.push('<');
    out.push_str(tag.name);
    let mut written: Vec<&str> = Vec::new();
    for (name, value) in &tag.attributes {
        if !ATTRIBUTES.contains(name) || written.contains(name) {
            continue;
        }
        let value: Option<String> = match *name {
            "id" => Some(format!("{prefix}{value}")),
            "aria-labelledby" | "aria-describedby" => Some(
                value
                    .split_whitespace()
                    .map(|id| format!("{prefix}{id}"))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            // A link leads the reader to a page or a heading (checked like any link);
            // `<use>` names a part of the drawing.
            "href" | "xlink:href" => match (tag.name, value.strip_prefix('#')) {
                ("a", _) if safe_href(value) => link(value),
                ("use", Some(id)) => Some(format!("#{prefix}{id}")),
                _ => None,
            },
            "style" => clean_style(value, prefix),
            // Words, never read as CSS or as an address.
            "aria-label" | "aria-roledescription" | "class" | "role" | "target" => {
                Some(value.clone())
            }
            _ => clean_value(value, prefix),
        };
        if let Some(value) = value {
            written.push(name);
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            crate::markdown::push_escaped(out, &value);
            out.push('"');
        }
    }
    out.push_str(if tag.empty { "/>" } else { ">" });
}

/// A link's address a reader may follow: a web or mail address, or one within the site (no
/// scheme). Not `javascript:`, `data:` and the like.
fn safe_href(href: &str) -> bool {
    let href = href.trim();
    let lower = href.to_ascii_lowercase();
    let scheme_end = lower.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if lower.as_bytes()[i] == b':' => ["http:", "https:", "mailto:"]
            .iter()
            .any(|s| lower.starts_with(s)),
        _ => !href.is_empty(),
    }
}

/// The CSS properties a `style` attribute keeps: those the drawing library writes (its sizes,
/// and the colours, lines and fonts of `style` and `classDef`). Not `position`, `mask-image`,
/// `background` or any other that could reach outside the drawing or fetch.
const STYLES: &[&str] = &[
    "color",
    "cursor",
    "fill",
    "fill-opacity",
    "font-family",
    "font-size",
    "font-style",
    "font-weight",
    "max-width",
    "opacity",
    "stroke",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-opacity",
    "stroke-width",
    "text-anchor",
    "text-decoration",
];

/// A `style` attribute with only the declarations of [`STYLES`] whose values are safe
/// ([`clean_value`]); `None` if none is left.
fn clean_style(style: &str, prefix: &str) -> Option<String> {
    let mut out = String::new();
    for declaration in style.split(';') {
        let Some((property, value)) = declaration.split_once(':') else {
            continue;
        };
        let property = property.trim().to_ascii_lowercase();
        if !STYLES.contains(&property.as_str()) {
            continue;
        }
        let Some(value) = clean_value(value.trim(), prefix) else {
            continue;
        };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&property);
        out.push_str(": ");
        out.push_str(&value);
        out.push(';');
    }
    (!out.is_empty()).then_some(out)
}

/// The functions a value may call besides `url(#id)`: colours and transforms.
const FUNCTIONS: &[&str] = &[
    "hsl",
    "hsla",
    "matrix",
    "rgb",
    "rgba",
    "rotate",
    "scale",
    "skewx",
    "skewy",
    "translate",
];

/// `value` with each `url(#id)` made `url(#{prefix}id)`; `None` (the attribute dropped) when
/// it calls any other function than [`FUNCTIONS`] (`url()` of an address, `image-set()`), or
/// holds CSS escapes, comments or at-rules that could hide one.
fn clean_value(value: &str, prefix: &str) -> Option<String> {
    if value.contains(['\\', '@']) || value.contains("/*") {
        return None;
    }
    let mut out = String::with_capacity(value.len() + prefix.len());
    let mut rest = value;
    while let Some(open) = rest.find('(') {
        let before = &rest[..open];
        let name_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let function = before[name_start..].to_ascii_lowercase();
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        if function == "url" {
            let inner = rest.trim_start();
            let (quote, inner) = match inner.chars().next() {
                Some(q @ ('"' | '\'')) => (Some(q), &inner[1..]),
                _ => (None, inner),
            };
            let id_and_rest = inner.strip_prefix('#')?;
            if let Some(q) = quote {
                out.push(q);
            }
            out.push('#');
            out.push_str(prefix);
            rest = id_and_rest;
        } else if !FUNCTIONS.contains(&function.as_str()) {
            return None;
        }
    }
    out.push_str(rest);
    Some(out)
}

/// Text or an attribute value with its character references decoded.
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match crate::math::character_reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mermaid_fences_are_known_by_their_first_word() {
        assert!(is_mermaid("mermaid"));
        assert!(is_mermaid("Mermaid title=\"Hiring\""));
        assert!(is_mermaid("mermaid{.class}"));
        assert!(!is_mermaid("mermaidjs"));
        assert!(!is_mermaid("text"));
        assert!(!is_mermaid(""));
    }

    /// Links kept as they are.
    fn same(href: &str) -> Option<String> {
        Some(href.to_string())
    }

    #[test]
    fn scripts_handlers_and_foreign_addresses_are_dropped() {
        let svg = concat!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)" viewBox="0 0 10 10">"##,
            r##"<script>alert(2)</script><style>body{display:none}</style>"##,
            r##"<foreignObject><div>x</div></foreignObject>"##,
            r##"<a href="javascript:alert(3)"><rect width="1" height="1" fill="url(#grad)"/></a>"##,
            r##"<a href="https://example.com/a?b=1&amp;c=2" target="_blank"><text>Go &amp; see</text></a>"##,
            r##"<rect style="fill:url(https://evil.example/x.png)" fill="url( 'http://x' )"/>"##,
            r##"<rect style="position:fixed; fill: red;mask-image:image-set('http://evil.example/m.png' 1x)"/>"##,
            r##"<rect mask="image-set('http://evil.example/a.png' 1x)" filter="u\rl(http://evil.example)"/>"##,
            r##"<rect fill="red" fill="url(http://evil.example)" transform="translate(1, 2) rotate(3)"/>"##,
            r##"<animate attributeName="href" values="javascript:alert(4)"/>"##,
            r##"<animate attributeName="stroke-dashoffset" values="10;0"/>"##,
            r##"<use href="https://evil.example/s.svg#a"/><use href="#m"/>"##,
            r##"<a href="#top"><text aria-label="Manager (EM)">EM</text></a>"##,
            r##"<marker id="m"/><g aria-labelledby="t d"/></svg>"##,
        );
        let (out, words) = clean_svg(svg, "p-", &mut same).unwrap();
        for gone in [
            "onload",
            "script",
            "alert",
            "style=\"position",
            "foreignObject",
            "evil",
            "http://x",
            "<div",
            "image-set",
        ] {
            assert!(!out.contains(gone), "{gone} left in {out}");
        }
        assert!(out.contains(r##"<a><rect width="1" height="1" fill="url(#p-grad)"/></a>"##));
        assert!(out.contains(r#"href="https://example.com/a?b=1&amp;c=2" target="_blank""#));
        assert!(
            out.contains(r#"<rect style="fill: red;"/><rect/>"#),
            "{out}"
        );
        assert!(out.contains(r#"<rect fill="red" transform="translate(1, 2) rotate(3)"/>"#));
        assert!(out.contains(r#"<animate attributeName="stroke-dashoffset" values="10;0"/>"#));
        assert!(out.contains(r##"<use/><use href="#p-m"/>"##));
        // A link to a heading of the page is the page's, not the drawing's.
        assert!(out.contains(r##"<a href="#top"><text aria-label="Manager (EM)">EM</text></a>"##));
        assert!(out.contains(r##"<marker id="p-m"/>"##));
        assert!(out.contains(r#"aria-labelledby="p-t p-d""#));
        // Nothing but text in a title or description, where HTML parsing would start again.
        let (out, _) = clean_svg(
            r#"<svg><desc><g><a href="https://evil.example/"/></g>Words</desc><title><a/>T</title></svg>"#,
            "",
            &mut same,
        )
        .unwrap();
        assert_eq!(out, "<svg><desc>Words</desc><title>T</title></svg>");
        // A function's name is read back to the character before it, whatever its size.
        let (out, _) = clean_svg(
            r#"<svg><g transform="éurl(x) ٜrotate(1)"/></svg>"#,
            "",
            &mut same,
        )
        .unwrap();
        assert_eq!(out, "<svg><g/></svg>");
        assert_eq!(words, "Go & see EM");
        // Links' addresses are the page's to make.
        let (out, _) = clean_svg(
            r#"<svg><a href="team.md"><text>x</text></a></svg>"#,
            "p-",
            &mut |href| Some(format!("../{}/", href.trim_end_matches(".md"))),
        )
        .unwrap();
        assert_eq!(out, r#"<svg><a href="../team/"><text>x</text></a></svg>"#);
    }

    #[test]
    fn anything_but_plain_xml_in_one_svg_element_is_refused() {
        for bad in [
            "<svg><g></svg>",
            "<svg><rect x=1/></svg>",
            "<svg><![CDATA[x]]></svg>",
            "<svg><rect x=\"1/></svg>",
            "<svg>< rect/></svg>",
            "<g/>",
            "<svg/><svg style=\"position:fixed\"><a href=\"https://x\"/></svg>",
            "<svg></svg><svg></svg>",
            "<svg></svg>text",
            "text<svg></svg>",
        ] {
            assert!(clean_svg(bad, "p-", &mut same).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn a_problem_is_on_its_line_of_the_source_preamble_and_all() {
        let failure = |source: &str| draw(source).unwrap_err();
        // A directive, a front matter block, a multi-line directive, blank lines and comments.
        for (source, line) in [
            (
                "%%{init: {\"theme\":\"dark\"}}%%\nflowchart TD\n  A[x --> B\n",
                3,
            ),
            (
                "---\ntitle: X\nconfig:\n  theme: dark\n---\nflowchart TD\n  A[x --> B\n",
                7,
            ),
            (
                "%%{init: {\n\"theme\":\"dark\"}}%%\nflowchart TD\n  A[x --> B\n",
                4,
            ),
            ("\n%%{init: {}}%%\n\n%% c\nflowchart TD\n  A[x --> B\n", 6),
            ("%% c\nflowchart TD\n  A[x --> B\n", 3),
        ] {
            assert_eq!(failure(source).line, Some(line), "{source:?}");
        }
        let unknown = failure("%%{init: {}}%%\n%% c\n\nflowchat TD\n  A --> B\n");
        assert_eq!(unknown.line, Some(4));
        // A quote in a style line would end the drawing library's attribute.
        let quoted = failure("flowchart TD\n  A --> B\n  style A fill:red\" style=\"x\n");
        assert_eq!((quoted.line, quoted.problem), (Some(3), Problem::Syntax));
        let joined = failure("flowchart TD\n  A; style A fill:red\"/><desc>\n");
        assert_eq!((joined.line, joined.problem), (Some(2), Problem::Syntax));
    }

    #[test]
    fn a_flowchart_is_drawn_in_both_themes_with_its_words() {
        let drawing = draw("flowchart LR\n  A[Hiring manager] --> B{Debrief}\n").unwrap();
        assert_ne!(drawing.light, drawing.dark);
        let page = for_page(&drawing, "hb-D1", Some("The <loop>"), &mut same).unwrap();
        assert!(page
            .html
            .starts_with("<figure class=\"hb-diagram\"><div class=\"hb-diagram-light\"><svg"));
        assert!(page
            .html
            .contains("<figcaption>The &lt;loop&gt;</figcaption>"));
        assert!(page.text.contains("Hiring manager") && page.text.contains("Debrief"));
    }

    #[test]
    fn a_broken_diagram_says_which_line() {
        let failure = draw("flowchart TD\n  A[Unclosed --> B\n").unwrap_err();
        assert_eq!(failure.line, Some(2));
        assert!(failure.message.contains("']'"), "{}", failure.message);
        let unknown = draw("flowchat TD\n  A --> B\n").unwrap_err();
        assert_eq!(unknown.line, Some(1));
        assert!(unknown.message.contains("flowchat"), "{}", unknown.message);
    }

    #[test]
    fn replies_survive_the_pipe() {
        for reply in [
            Ok(Drawing {
                light: "<svg>é</svg>".into(),
                dark: String::new(),
            }),
            Err(Failure {
                line: Some(3),
                message: "bad".into(),
                problem: Problem::Syntax,
            }),
            Err(Failure::new(Problem::Drawing, "worse")),
        ] {
            let mut bytes = Vec::new();
            write_reply(&mut bytes, &reply).unwrap();
            assert_eq!(read_reply(&mut bytes.as_slice()).unwrap(), reply);
        }
    }
}
