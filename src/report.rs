//! Writing diagnostics for people and for CI systems: `human` (grouped by file, with the source
//! line and a caret, colour only on a terminal and never with `NO_COLOR`), `json` (the schema in
//! `docs/check-output.schema.json`), `github` (workflow annotations) and `gitlab` (a Code
//! Quality report). Also the review schedule of `check --reviews`.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::checks::Review;
use crate::diagnostic::{display_path, Diagnostic, Severity};
use crate::markdown::ExternalLink;

/// The output formats of `handbook check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
    Gitlab,
    Junit,
}

/// Whether to colour human output.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    /// Colour when standard error is a terminal and `NO_COLOR` is unset or empty.
    pub fn for_stderr() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !no_color && io::stderr().is_terminal(),
        }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Text from the handbook (file names, keys, links) as printed to a terminal: control
/// characters, which could drive it, shown as `�`, but for line breaks.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(|c| c.is_control() && c != '\n') {
        text.chars()
            .map(|c| {
                if c.is_control() && c != '\n' {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// How much of a long source line an excerpt shows.
const EXCERPT_WIDTH: usize = 100;

/// A source line as shown under a diagnostic, and the caret's column in it: at most
/// [`EXCERPT_WIDTH`] characters around the column (`…` where cut), tabs and control characters
/// (which could drive the terminal) shown as spaces and `�`.
fn excerpt_line(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let column = column.clamp(1, chars.len() + 1);
    let (start, end) = if chars.len() <= EXCERPT_WIDTH {
        (0, chars.len())
    } else {
        let start = column
            .saturating_sub(EXCERPT_WIDTH / 2)
            .min(chars.len() - EXCERPT_WIDTH);
        (start, start + EXCERPT_WIDTH)
    };
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    for &c in &chars[start..end] {
        shown.push(match c {
            '\t' => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        });
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, column - start + usize::from(start > 0))
}

/// `file:line:col: error: message`, the source line with a caret, the hint; then a summary.
pub fn human(diagnostics: &[Diagnostic], style: Style, out: &mut impl Write) -> io::Result<()> {
    human_each(diagnostics, style, out)?;
    let (errors, warnings) = counts(diagnostics);
    if errors + warnings > 0 {
        writeln!(out, "{}", summary(errors, warnings))?;
    }
    Ok(())
}

/// Each diagnostic as [`human`] writes it, without the count at the end.
pub fn human_each(
    diagnostics: &[Diagnostic],
    style: Style,
    out: &mut impl Write,
) -> io::Result<()> {
    // Written in blocks (standard error writes each piece as it comes).
    let mut out = io::BufWriter::new(out);
    let out = &mut out;
    // Each file read once, with where its lines start: thousands of problems in one file
    // took seconds when each looked for its line from the top.
    let mut sources: HashMap<PathBuf, Option<(String, Vec<usize>)>> = HashMap::new();
    for d in diagnostics {
        let severity = match d.severity {
            Severity::Error => style.paint("1;31", "error"),
            Severity::Warning => style.paint("1;33", "warning"),
        };
        writeln!(
            out,
            "{}: {severity}: {}",
            style.paint("1", &printable(&d.location())),
            printable(&d.message)
        )?;
        if let Some(position) = d.position {
            let source = sources.entry(d.file.clone()).or_insert_with(|| {
                let text = std::fs::read_to_string(&d.file).ok()?;
                let starts = std::iter::once(0)
                    .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                    .collect();
                Some((text, starts))
            });
            let line = source.as_ref().and_then(|(text, starts)| {
                let n = position.line.checked_sub(1)?;
                let start = *starts.get(n)?;
                let end = starts.get(n + 1).map_or(text.len(), |&next| next - 1);
                // As `str::lines` gives it; the byte-order mark is not shown (nor counted in
                // columns).
                let line = text.get(start..end)?;
                let line = line.strip_suffix('\r').unwrap_or(line);
                (start < text.len() || n == 0)
                    .then(|| line.strip_prefix('\u{feff}').unwrap_or(line))
            });
            if let Some(line) = line {
                let number = position.line.to_string();
                let gutter = " ".repeat(number.len());
                let (line, column) = excerpt_line(line, position.column);
                // Wide characters (CJK, emoji) take two columns of the terminal, combining
                // marks none; measured as a string, so that an emoji made wide by a variation
                // selector (❤️) counts as two.
                let prefix_end = line
                    .char_indices()
                    .nth(column.saturating_sub(1))
                    .map_or(line.len(), |(i, _)| i);
                let caret = " ".repeat(line[..prefix_end].width());
                writeln!(out, "{gutter} {}", style.paint("34", "|"))?;
                writeln!(
                    out,
                    "{} {} {line}",
                    style.paint("34", &number),
                    style.paint("34", "|")
                )?;
                writeln!(
                    out,
                    "{gutter} {} {caret}{}",
                    style.paint("34", "|"),
                    style.paint("1;34", "^")
                )?;
            }
        }
        if let Some(hint) = &d.hint {
            writeln!(out, "  = hint: {}", printable(hint))?;
        }
    }
    out.flush()
}

pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

pub fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// The JSON report: see `docs/check-output.schema.json`.
#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    summary: JsonSummary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    external_links: Vec<JsonLink<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    pages: usize,
    errors: usize,
    warnings: usize,
    external_links: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonLink<'a> {
    url: &'a str,
    file: String,
    line: usize,
    column: usize,
}

pub fn json(
    diagnostics: &[Diagnostic],
    external_links: &[ExternalLink],
    pages: usize,
    out: &mut impl Write,
) -> io::Result<()> {
    let (errors, warnings) = counts(diagnostics);
    let report = JsonReport {
        version: 1,
        summary: JsonSummary {
            pages,
            errors,
            warnings,
            external_links: external_links.len(),
        },
        diagnostics: diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                severity: d.severity,
                code: d.code,
                file: display_path(&d.file),
                line: d.position.map(|p| p.line),
                column: d.position.map(|p| p.column),
                message: &d.message,
                hint: d.hint.as_deref(),
            })
            .collect(),
        external_links: external_links
            .iter()
            .map(|l| JsonLink {
                url: &l.url,
                file: display_path(&l.file),
                line: l.position.line,
                column: l.position.column,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

/// GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=CODE::message`.
pub fn github(diagnostics: &[Diagnostic], out: &mut impl Write) -> io::Result<()> {
    for d in diagnostics {
        let path = repository_path(&d.file, "GITHUB_WORKSPACE");
        let mut properties = vec![format!("file={}", escape_property(&path))];
        if let Some(p) = d.position {
            properties.push(format!("line={}", p.line));
            properties.push(format!("col={}", p.column));
        }
        properties.push(format!("title={}", escape_property(d.code)));
        let mut message = d.message.clone();
        if let Some(hint) = &d.hint {
            message.push_str("\nhint: ");
            message.push_str(hint);
        }
        writeln!(
            out,
            "::{} {}::{}",
            d.severity,
            properties.join(","),
            escape_data(&message)
        )?;
    }
    Ok(())
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A GitLab Code Quality report (a JSON list), for `artifacts: reports: codequality`.
pub fn gitlab(diagnostics: &[Diagnostic], out: &mut impl Write) -> io::Result<()> {
    // How many problems of each file, kind and message (numbers aside) came before.
    let mut seen: HashMap<(String, &str, String), usize> = HashMap::new();
    let issues: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let path = repository_path(&d.file, "CI_PROJECT_DIR");
            let line = d.position.map_or(1, |p| p.line);
            // The fingerprint says which problem this is across runs, for the merge request's
            // "new" and "fixed": its file, kind and message with every number left out (a line
            // or a count of days moves when nothing about the problem changed), and, for
            // problems alike in all that, which of them it is, in the order of the file.
            let stable = without_numbers(&d.message);
            let n = seen
                .entry((path.clone(), d.code, stable.clone()))
                .or_insert(0);
            let occurrence = n.to_string();
            *n += 1;
            let description = match &d.hint {
                Some(hint) => format!("{} (hint: {hint})", d.message),
                None => d.message.clone(),
            };
            serde_json::json!({
                "description": description,
                "check_name": d.code,
                "fingerprint": fingerprint(&[&path, d.code, &stable, &occurrence]),
                "severity": if d.is_error() { "major" } else { "minor" },
                "location": { "path": path, "lines": { "begin": line } },
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

/// A JUnit XML report, the test report Jenkins, GitLab, Azure Pipelines, CircleCI and
/// Buildkite show: a suite per file, a test case per problem. An error is a failed test case; a
/// warning a passing one that says what it is (`--strict` makes warnings errors). With no
/// problems, one passing test case says how many pages were checked (an empty report is
/// taken for a broken one by some of them).
pub fn junit(diagnostics: &[Diagnostic], pages: usize, out: &mut impl Write) -> io::Result<()> {
    let mut files: Vec<(String, Vec<&Diagnostic>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for d in diagnostics {
        let path = repository_path(&d.file, "CI_PROJECT_DIR");
        let at = *index.entry(path.clone()).or_insert_with(|| {
            files.push((path, Vec::new()));
            files.len() - 1
        });
        files[at].1.push(d);
    }
    let (errors, _) = counts(diagnostics);
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<testsuites name=\"handbook check\" tests=\"{}\" failures=\"{errors}\" errors=\"0\">\n",
        diagnostics.len().max(1)
    ));
    if diagnostics.is_empty() {
        xml.push_str(&format!(
            "  <testsuite name=\"handbook\" tests=\"1\" failures=\"0\" errors=\"0\">\n    \
             <testcase classname=\"handbook\" name=\"{pages} {} checked: no problems\"/>\n  \
             </testsuite>\n",
            if pages == 1 { "page" } else { "pages" }
        ));
    }
    for (path, problems) in &files {
        let failures = problems.iter().filter(|d| d.is_error()).count();
        xml.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">\n",
            xml_escape(path),
            problems.len()
        ));
        for d in problems {
            let at = d
                .position
                .map_or(String::new(), |p| format!(":{}:{}", p.line, p.column));
            let name = format!("{path}{at}: {}", d.code);
            let mut text = format!("{path}{at}: {}: {}", d.severity, d.message);
            if let Some(hint) = &d.hint {
                text.push_str("\nhint: ");
                text.push_str(hint);
            }
            xml.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{}\"",
                xml_escape(path),
                xml_escape(&name)
            ));
            if d.is_error() {
                xml.push_str(&format!(
                    ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                    d.code,
                    xml_escape(&d.message),
                    xml_escape(&text)
                ));
            } else {
                xml.push_str(&format!(
                    ">\n      <system-out>{}</system-out>\n    </testcase>\n",
                    xml_escape(&text)
                ));
            }
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    out.write_all(xml.as_bytes())
}

/// Text for XML 1.0, in an attribute or an element: the five special characters as entities;
/// tab, line feed and carriage return as character references (an attribute's would be read as
/// spaces); other control characters, which XML cannot hold, as `�`.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if c < ' ' || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// `text` with each run of digits made one `#`.
fn without_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A path as a CI system shows it: relative to the repository's top folder (the one the
/// variable `ci_root` names, as GitHub Actions and GitLab CI set them, else the nearest folder
/// holding `.git` at or above the file, wherever the check runs from), so that an annotation
/// lands on its file when the handbook lies in a subfolder or `--root` is given; else as
/// [`display_path`] shows it.
pub fn repository_path(path: &Path, ci_root: &str) -> String {
    let Ok(cwd) = std::env::current_dir() else {
        return display_path(path);
    };
    let absolute = normalize(&cwd.join(path));
    let top = std::env::var_os(ci_root)
        .map(PathBuf::from)
        .filter(|root| root.is_absolute())
        .map(|root| normalize(&root))
        .filter(|root| absolute.starts_with(root))
        .or_else(|| {
            absolute
                .ancestors()
                .skip(1)
                .find(|dir| dir.join(".git").exists())
                .map(Path::to_path_buf)
        });
    match top.and_then(|top| absolute.strip_prefix(&top).ok().map(Path::to_path_buf)) {
        Some(rel) if !rel.as_os_str().is_empty() => rel.to_string_lossy().replace('\\', "/"),
        _ => display_path(path),
    }
}

/// A path with its `.` and `..` parts worked out, without reading the disk.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A stable 64-bit FNV-1a hash, in hex: the same problem keeps its fingerprint between runs.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The review schedule as a table: due date, days overdue, owner, file, title.
pub fn reviews_table(reviews: &[Review], out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "{:<12} {:>8}  {:<20} {:<40} title",
        "due", "overdue", "owner", "file"
    )?;
    for r in reviews {
        let due = match r.due {
            Some(due) => due.to_string(),
            None if r.scheduled => "never".into(),
            None => "none".into(),
        };
        let overdue = match r.days_overdue {
            Some(d) if d > 0 => format!("{d} d"),
            None if r.scheduled => "?".into(),
            _ => "-".into(),
        };
        let owner = r.owner.as_deref().unwrap_or("(none)");
        writeln!(
            out,
            "{due:<12} {overdue:>8}  {owner:<20} {:<40} {}",
            r.file, r.title
        )?;
    }
    let overdue = reviews
        .iter()
        .filter(|r| r.days_overdue.is_some_and(|d| d > 0))
        .count();
    let never = reviews
        .iter()
        .filter(|r| r.scheduled && r.due.is_none())
        .count();
    let unscheduled = reviews.iter().filter(|r| !r.scheduled).count();
    write!(
        out,
        "{} pages: {overdue} overdue, {never} never reviewed",
        reviews.len()
    )?;
    if unscheduled > 0 {
        write!(out, ", {unscheduled} with no review schedule")?;
    }
    writeln!(out)
}

pub fn reviews_json(reviews: &[Review], out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(
        &mut *out,
        &serde_json::json!({ "version": 1, "reviews": reviews }),
    )?;
    writeln!(out)
}

#[cfg(test)]
mod excerpt_tests {
    use super::excerpt_line;

    #[test]
    fn long_lines_are_cut_around_the_column_and_control_characters_hidden() {
        assert_eq!(excerpt_line("a\tb", 3), ("a b".to_string(), 3));
        assert_eq!(excerpt_line("x\u{1b}[31my", 1).0, "x\u{fffd}[31my");
        let long = "x".repeat(5000) + "HERE" + &"y".repeat(5000);
        let (shown, column) = excerpt_line(&long, 5001);
        assert!(shown.chars().count() <= 102, "{}", shown.len());
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(
            shown.chars().skip(column - 1).take(4).collect::<String>(),
            "HERE"
        );
        assert_eq!(excerpt_line("", 7), (String::new(), 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping_keeps_every_character_an_attribute_holds() {
        assert_eq!(
            xml_escape("a&b<c>\"d'\te\nf\rg\u{1}h\u{fffe}"),
            "a&amp;b&lt;c&gt;&quot;d&apos;&#9;e&#10;f&#13;g\u{fffd}h\u{fffd}"
        );
    }

    #[test]
    fn github_escaping() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
        assert_ne!(fingerprint(&["ab", ""]), fingerprint(&["a", "b"]));
    }
}
