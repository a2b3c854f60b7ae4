//! MkDocs' snippets (the `pymdownx.snippets` extension, which MkDocs Material sites use to put
//! one file's text in many pages): a line `--8<-- "file.md"` (any number of dashes each side
//! of `8<`) is the file's lines, each indented as the line was; `--8<--` lines around lines of
//! paths put in each file named; `file:3:9` (or `file:3`, `file::9`) is a range of lines,
//! `file:name` the lines between `--8<-- [start:name]` and `--8<-- [end:name]`; a `;` before
//! the scissors shows the line as written, less that `;`. Snippets are put in before the page
//! is read as Markdown, fenced code included, and included files may include others. Paths are
//! relative to the extension's `base_path` (the folder of mkdocs.yml unless set), and stay in
//! it; `auto_append` files end every page.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::include::{IncludeError, Reader};
use crate::page::ParsedPage;
use crate::source::LineIndex;

/// The extension's name in `markdown_extensions`.
pub const EXTENSION: &str = "pymdownx.snippets";

/// How deep included files may include others.
const MAX_DEPTH: usize = 16;

/// How much snippets may put in one page, all told: what a page may hold
/// ([`crate::source::MAX_PAGE_BYTES`]). Files that include each other many times over would
/// otherwise make a page of billions of lines.
const MAX_PUT: usize = crate::source::MAX_PAGE_BYTES as usize;

/// How many files snippets may put in one page, all told.
const MAX_INCLUDES: usize = 10_000;

/// The extension's settings, as mkdocs.yml gives them (the defaults otherwise).
#[derive(Debug, Clone, PartialEq)]
pub struct Snippets {
    /// Where paths are read from, in order: folders, or files that alone may be named.
    pub base_paths: Vec<BasePath>,
    /// A file not found is an error (else a warning: MkDocs leaves the line out without a word).
    pub check_paths: bool,
    /// Files put at the end of every page.
    pub auto_append: Vec<String>,
    /// A path must stay inside its base folder.
    pub restrict_base_path: bool,
    /// A range or a named part loses the indentation its lines share.
    pub dedent_subsections: bool,
    /// Addresses (`https://...`) would be downloaded: handbook never does.
    pub url_download: bool,
    /// The folder of mkdocs.yml: what the repository is found from.
    pub site_root: PathBuf,
}

/// One of the snippets' base paths.
#[derive(Debug, Clone, PartialEq)]
pub enum BasePath {
    /// A folder (or a file), absolute.
    Fixed(PathBuf),
    /// MkDocs' `!relative`: this path in the folder of the page being read.
    PageFolder(PathBuf),
}

/// A scissors line: `--8<-- "path"` or a bare `--8<--`, with its indentation and whether a
/// `;` escapes it.
#[derive(Debug, PartialEq)]
enum Marker<'t> {
    Inline {
        indent: &'t str,
        path: &'t str,
        escaped: bool,
    },
    Block {
        escaped: bool,
    },
}

/// Reads a line (without its line break) as a scissors line.
fn marker(line: &str) -> Option<Marker<'_>> {
    let rest = line.trim_start_matches([' ', '\t']);
    let indent = &line[..line.len() - rest.len()];
    let after_escape = rest.trim_start_matches(';');
    let escaped = after_escape.len() < rest.len();
    let after_dashes = after_escape.trim_start_matches('-');
    if after_dashes.len() == after_escape.len() {
        return None;
    }
    let after_scissors = after_dashes.strip_prefix("8<")?;
    let after = after_scissors.trim_start_matches('-');
    if after.len() == after_scissors.len() {
        return None;
    }
    if after.is_empty() {
        return Some(Marker::Block { escaped });
    }
    let quoted = after.trim_start_matches([' ', '\t']);
    if quoted.len() == after.len() {
        return None;
    }
    let quote = quoted.chars().next()?;
    if !(quote == '"' || quote == '\'') || quoted.len() < 3 || !quoted.ends_with(quote) {
        return None;
    }
    let inner = &quoted[1..quoted.len() - 1];
    // A quote inside must be escaped.
    let mut previous = ' ';
    for c in inner.chars() {
        if c == quote && previous != '\\' {
            return None;
        }
        previous = c;
    }
    Some(Marker::Inline {
        indent,
        path: inner.trim(),
        escaped,
    })
}

/// What a path names: the file, and a range of lines (first line 1, `None` for either end) or
/// a named part.
#[derive(Debug, PartialEq)]
enum Part<'t> {
    Whole,
    Lines(Option<usize>, Option<usize>),
    Named(&'t str),
}

/// Splits `file:3:9`, `file:3`, `file::9` and `file:name` (the shortest file name that leaves
/// one of those after it).
fn path_part(spec: &str) -> (&str, Part<'_>) {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let number = |s: &str| s.parse::<usize>().ok();
    let mut from_end = spec.rsplitn(3, ':');
    let (last, middle, head) = (from_end.next(), from_end.next(), from_end.next());
    if let (Some(last), Some(middle), Some(head)) = (last, middle, head) {
        if digits(last) && digits(middle) {
            return (head, Part::Lines(number(middle), number(last)));
        }
    }
    if let Some((head, last)) = spec.rsplit_once(':') {
        if digits(last) {
            return (head, Part::Lines(number(last), None));
        }
        let named = last.starts_with(|c: char| c.is_ascii_alphabetic())
            && last
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if named {
            return (head, Part::Named(last));
        }
    }
    (spec, Part::Whole)
}

/// A line that starts or ends a named part: `<!-- --8<-- [start:name] -->`, `# --8<-- [end:name]`.
/// Returns whether it starts, the name, and where the `;` that escapes it is, if one does.
fn section_mark(line: &str) -> Option<(bool, &str, Option<usize>)> {
    let at = line.find("8<")?;
    let before = line[..at].trim_end_matches('-');
    if before.len() == at {
        return None;
    }
    let escaped = before.strip_suffix(';').map(str::len);
    let after = line[at + 2..].trim_start_matches('-');
    if after.len() == line.len() - at - 2 {
        return None;
    }
    let inside = after
        .trim_start_matches([' ', '\t'])
        .strip_prefix('[')?
        .split_once(']')?
        .0;
    let (kind, name) = inside.split_once(':')?;
    let start = match kind.trim().to_ascii_lowercase().as_str() {
        "start" => true,
        "end" => false,
        _ => return None,
    };
    let name = name.trim();
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    valid.then_some((start, name, escaped))
}

/// A line with the character at `at` (an escaping `;`) taken out.
fn unescaped(line: &str, at: usize) -> String {
    format!("{}{}", &line[..at], &line[at + 1..])
}

/// The lines of a file put in whole or by range: section marks left out, escaped ones shown
/// less their `;`, as pymdownx does.
fn without_marks(lines: &[&str]) -> Vec<String> {
    lines
        .iter()
        .filter_map(|&line| match section_mark(line) {
            None => Some(line.to_string()),
            Some((_, _, Some(at))) => Some(unescaped(line, at)),
            Some((_, _, None)) => None,
        })
        .collect()
}

/// The lines of the part named `name`, its marks left out (`None` when it has no start).
fn named_part<'a>(lines: &[&'a str], name: &str) -> Option<Vec<std::borrow::Cow<'a, str>>> {
    let mut out = Vec::new();
    let mut inside = false;
    let mut found = false;
    for &line in lines {
        match section_mark(line) {
            Some((_, _, Some(at))) if inside => {
                // An escaped mark inside shows as written, less its `;`.
                out.push(std::borrow::Cow::Owned(unescaped(line, at)));
            }
            Some((true, n, _)) if n.eq_ignore_ascii_case(name) => {
                inside = true;
                found = true;
            }
            Some((false, n, _)) if n.eq_ignore_ascii_case(name) => {
                if inside {
                    break;
                }
                if !found {
                    break;
                }
            }
            Some(_) => {}
            None if inside => out.push(std::borrow::Cow::Borrowed(line)),
            None => {}
        }
    }
    found.then_some(out)
}

/// `lines` without the indentation all the lines with text share.
fn dedent(lines: Vec<String>) -> Vec<String> {
    let common = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    lines
        .into_iter()
        .map(|l| {
            if l.trim().is_empty() {
                String::new()
            } else {
                l[common..].to_string()
            }
        })
        .collect()
}

/// A problem met putting snippets in: an error, or a warning (a file MkDocs would leave out
/// without a word).
struct Problem {
    error: bool,
    message: String,
    hint: String,
}

impl From<IncludeError> for Problem {
    fn from((message, hint): IncludeError) -> Problem {
        Problem {
            error: true,
            message,
            hint,
        }
    }
}

/// Puts the snippets of one page in.
struct Expander<'s> {
    settings: &'s Snippets,
    /// The folder of the page (for `!relative` base paths); none when no page is read.
    page_dir: Option<PathBuf>,
    reader: Reader,
    /// The files being put in, outermost first: one met again is left out, as MkDocs does.
    stack: Vec<PathBuf>,
    /// Problems, each with the offset of the page's line it comes from.
    problems: Vec<(usize, Problem)>,
    /// The bytes and files put in so far, and whether that went past [`MAX_PUT`] or
    /// [`MAX_INCLUDES`].
    put: usize,
    includes: usize,
    too_much: bool,
}

impl Expander<'_> {
    /// The file a path names, from the first base path that has it; `Err(true)` when one has
    /// it but it leads out of that base path (`restrict_base_path`), `Err(false)` when none has.
    fn find(&self, path: &str) -> Result<PathBuf, bool> {
        let mut outside = false;
        for base in &self.settings.base_paths {
            let base = match (base, &self.page_dir) {
                (BasePath::Fixed(base), _) => base.clone(),
                (BasePath::PageFolder(sub), Some(dir)) => dir.join(sub),
                (BasePath::PageFolder(_), None) => continue,
            };
            if base.is_dir() {
                let candidate = base.join(path);
                if !candidate.exists() {
                    continue;
                }
                if self.settings.restrict_base_path {
                    let (Ok(real), Ok(base)) = (candidate.canonicalize(), base.canonicalize())
                    else {
                        continue;
                    };
                    if !real.starts_with(base) {
                        outside = true;
                        continue;
                    }
                }
                return Ok(candidate);
            } else if base.is_file() {
                let candidate = base.parent().unwrap_or(Path::new("")).join(path);
                let same = candidate.canonicalize().ok() == base.canonicalize().ok();
                if same && candidate.exists() {
                    return Ok(candidate);
                }
            }
        }
        Err(outside)
    }

    /// The lines one path puts in, each after `indent`; problems are noted at `at`.
    fn include(&mut self, spec: &str, indent: &str, at: usize, out: &mut Vec<String>) {
        if spec.starts_with(';') {
            return;
        }
        let (path, part) = path_part(spec);
        let path = path.trim();
        let missing = |message: String| {
            Problem {
            error: self.settings.check_paths,
            message,
            hint: "paths are relative to the folder of mkdocs.yml (or the snippets' `base_path`), and stay inside it".into(),
        }
        };
        if path.is_empty() {
            self.problems
                .push((at, missing(format!("the snippet `{spec}` names no file"))));
            return;
        }
        let lower = path.to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            let problem = if self.settings.url_download {
                Problem {
                    error: false,
                    message: format!("the snippet `{path}` is not downloaded: the site builds without the network"),
                    hint: "copy the file into the repository and name its path".into(),
                }
            } else {
                missing(format!("cannot include `{path}`: there is no such file"))
            };
            self.problems.push((at, problem));
            return;
        }
        let file = match self.find(path) {
            Ok(file) => file,
            Err(outside) => {
                let problem = match outside {
                    true => Problem {
                        error: true,
                        message: format!("cannot include `{path}`: it leads out of the snippets' base path"),
                        hint: "name a file inside the folder of mkdocs.yml (or the snippets' `base_path`)".into(),
                    },
                    false => missing(format!("cannot include `{path}`: there is no such file")),
                };
                self.problems.push((at, problem));
                return;
            }
        };
        let (text, real) = match self.reader.read(path, &file) {
            Ok(read) => read,
            Err(e) => {
                self.problems.push((at, e.into()));
                return;
            }
        };
        if self.stack.contains(&real) {
            return;
        }
        if self.stack.len() >= MAX_DEPTH {
            self.problems.push((
                at,
                Problem {
                    error: true,
                    message: format!("snippets go more than {MAX_DEPTH} files deep"),
                    hint: "a snippet includes others without end: break the chain".into(),
                },
            ));
            return;
        }
        let lines: Vec<&str> = text.lines().collect();
        let selected: Vec<String> = match part {
            Part::Whole => {
                let mut all = without_marks(&lines);
                // The file's last line break ends a paragraph, as in pymdownx.
                if text.ends_with('\n') {
                    all.push(String::new());
                }
                all
            }
            Part::Lines(from, to) => {
                let from = from.map_or(0, |n| n.saturating_sub(1)).min(lines.len());
                let to = to.unwrap_or(lines.len()).min(lines.len()).max(from);
                self.dedented(without_marks(&lines[from..to]))
            }
            Part::Named(name) => match named_part(&lines, name) {
                Some(picked) => self.dedented(picked.into_iter().map(|l| l.into_owned()).collect()),
                None => {
                    self.problems.push((
                        at,
                        missing(format!(
                            "`{path}` has no part `{name}` (a line `--8<-- [start:{name}]`)"
                        )),
                    ));
                    return;
                }
            },
        };
        self.put += selected.iter().map(|l| l.len() + 1).sum::<usize>();
        self.includes += 1;
        if self.put > MAX_PUT || self.includes > MAX_INCLUDES {
            if !self.too_much {
                self.too_much = true;
                self.problems.push((
                    at,
                    Problem {
                        error: true,
                        message: format!(
                            "snippets put more than {} MB or {MAX_INCLUDES} files in this page",
                            MAX_PUT / (1024 * 1024)
                        ),
                        hint: "snippets include others many times over: include fewer".into(),
                    },
                ));
            }
            return;
        }
        self.stack.push(real);
        let mut inner = Vec::new();
        self.lines(selected.iter().map(String::as_str), at, &mut inner);
        self.stack.pop();
        let indent = indent.replace('\t', "    ");
        out.extend(inner.into_iter().map(|l| format!("{indent}{l}")));
    }

    fn dedented(&self, lines: Vec<String>) -> Vec<String> {
        if self.settings.dedent_subsections {
            dedent(lines)
        } else {
            lines
        }
    }

    /// An included file's lines, with the snippets in them put in; problems are noted at `at`.
    fn lines<'l>(
        &mut self,
        lines: impl Iterator<Item = &'l str>,
        at: usize,
        out: &mut Vec<String>,
    ) {
        let mut block = false;
        for line in lines {
            match marker(line) {
                Some(Marker::Inline { escaped: true, .. } | Marker::Block { escaped: true }) => {
                    out.push(line.replacen(';', "", 1));
                }
                Some(Marker::Inline { .. }) if block => {}
                Some(Marker::Inline { indent, path, .. }) => self.include(path, indent, at, out),
                Some(Marker::Block { .. }) => block = !block,
                None if block => self.block_line(line, at, out),
                None => out.push(line.to_string()),
            }
        }
    }

    /// A line between two `--8<--` lines: a path, a blank line, or one left out (`;`).
    fn block_line(&mut self, line: &str, at: usize, out: &mut Vec<String>) {
        let path = line.trim();
        if path.is_empty() {
            out.push(String::new());
        } else {
            let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            self.include(path, indent, at, out);
        }
    }
}

/// A line without its line break.
fn content(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
}

/// Whether a path names a file the snippets may read (for settings that name files).
pub fn finds(settings: &Snippets, path: &str) -> bool {
    let expander = Expander {
        settings,
        page_dir: None,
        reader: Reader::new(&settings.site_root, "", "site", "mkdocs.yml"),
        stack: Vec::new(),
        problems: Vec::new(),
        put: 0,
        includes: 0,
        too_much: false,
    };
    expander.find(path).is_ok()
}

/// Puts a page's snippets in, and its `auto_append` files at its end
/// ([`crate::expand_borrowed_syntax`]). Positions in diagnostics stay those of the file.
pub fn expand(page: &mut ParsedPage, settings: &Snippets) -> Vec<Diagnostic> {
    let body = page.body();
    if !body.contains("8<") && settings.auto_append.is_empty() {
        return Vec::new();
    }
    let mut expander = Expander {
        settings,
        page_dir: page.path.parent().map(Path::to_path_buf),
        reader: Reader::new(
            &settings.site_root,
            "paths are relative to the folder of mkdocs.yml (or the snippets' `base_path`)",
            "site",
            "mkdocs.yml",
        ),
        stack: Vec::new(),
        problems: Vec::new(),
        put: 0,
        includes: 0,
        too_much: false,
    };
    // What each changed line (or block of lines) gives way to.
    let mut changes: Vec<(usize, usize, String)> = Vec::new();
    // Lines with their offsets, line breaks kept.
    let lines = crate::source::lines_with_offsets(body);
    let mut unclosed = None;
    let mut i = 0;
    while i < lines.len() {
        let (at, line) = lines[i];
        let (end, put) = match marker(content(line)) {
            Some(Marker::Inline { escaped: true, .. } | Marker::Block { escaped: true }) => {
                (at + content(line).len(), content(line).replacen(';', "", 1))
            }
            Some(Marker::Inline { indent, path, .. }) => {
                let mut out = Vec::new();
                expander.include(path, indent, at, &mut out);
                (at + content(line).len(), out.join("\n"))
            }
            Some(Marker::Block { .. }) => {
                // To the closing line; one never closed shows as written.
                let close = (i + 1..lines.len()).find(|&j| {
                    matches!(
                        marker(content(lines[j].1)),
                        Some(Marker::Block { escaped: false })
                    )
                });
                let Some(close) = close else {
                    unclosed = Some(at);
                    break;
                };
                let mut out = Vec::new();
                for &(inner_at, inner) in &lines[i + 1..close] {
                    match marker(content(inner)) {
                        Some(
                            Marker::Inline { escaped: true, .. } | Marker::Block { escaped: true },
                        ) => out.push(content(inner).replacen(';', "", 1)),
                        Some(_) => {}
                        None => expander.block_line(content(inner), inner_at, &mut out),
                    }
                }
                let (close_at, close_line) = lines[close];
                i = close;
                let put = out.join("\n");
                (close_at + content(close_line).len(), put)
            }
            // A page's own section marks leave it too; escaped ones show less their `;`.
            None => match section_mark(content(line)) {
                Some((_, _, Some(escape))) => {
                    (at + content(line).len(), unescaped(content(line), escape))
                }
                Some((_, _, None)) => (at + line.len(), String::new()),
                None => {
                    i += 1;
                    continue;
                }
            },
        };
        changes.push((at, end, put));
        i += 1;
    }
    if !settings.auto_append.is_empty() {
        let mut out = Vec::new();
        for file in &settings.auto_append {
            out.push(String::new());
            // Files that are not there were reported once, with mkdocs.yml.
            if expander.find(file).is_ok() {
                expander.include(file, "", body.len(), &mut out);
            }
        }
        changes.push((body.len(), body.len(), format!("\n{}\n", out.join("\n"))));
    }
    let lines_index = LineIndex::new(&page.text);
    let mut diagnostics: Vec<Diagnostic> = expander
        .problems
        .drain(..)
        .map(|(at, p)| {
            let position = lines_index.position(page.body_start + at.min(body.len()));
            let d = if p.error {
                Diagnostic::error("snippet", &page.path, p.message)
            } else {
                Diagnostic::warning("snippet", &page.path, p.message)
            };
            d.at(position).hint(p.hint)
        })
        .collect();
    if let Some(at) = unclosed {
        diagnostics.push(
            Diagnostic::warning(
                "snippet",
                &page.path,
                "this `--8<--` opens a list of snippets that no `--8<--` line closes: it shows as written",
            )
            .at(lines_index.position(page.body_start + at))
            .hint("end the list of paths with a `--8<--` line, or write `;--8<--` to show the line itself"),
        );
    }
    let mut files = std::mem::take(&mut expander.reader.files);
    files.sort();
    files.dedup();
    page.replace_ranges(changes, files);
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scissors_lines() {
        assert_eq!(
            marker("--8<-- \"a.md\""),
            Some(Marker::Inline {
                indent: "",
                path: "a.md",
                escaped: false
            })
        );
        assert_eq!(
            marker("    -8<- 'dir/b.c:3:9'"),
            Some(Marker::Inline {
                indent: "    ",
                path: "dir/b.c:3:9",
                escaped: false
            })
        );
        assert_eq!(
            marker(";--8<-- \"a.md\""),
            Some(Marker::Inline {
                indent: "",
                path: "a.md",
                escaped: true
            })
        );
        assert_eq!(marker("--8<--"), Some(Marker::Block { escaped: false }));
        assert_eq!(marker(";;--8<--"), Some(Marker::Block { escaped: true }));
        for not in [
            "--8<-- a.md",
            "--8<-- \"a.md\" ",
            "8<-- \"a\"",
            "--8< \"a\"",
            "--8<-- \"a\"b\"",
            "text --8<--",
            "--8<-- \"\"",
        ] {
            assert_eq!(marker(not), None, "{not}");
        }
    }

    #[test]
    fn paths_with_ranges_and_parts() {
        assert_eq!(path_part("a.c"), ("a.c", Part::Whole));
        assert_eq!(path_part("a.c:3:9"), ("a.c", Part::Lines(Some(3), Some(9))));
        assert_eq!(path_part("a.c:3"), ("a.c", Part::Lines(Some(3), None)));
        assert_eq!(path_part("a.c::9"), ("a.c", Part::Lines(None, Some(9))));
        assert_eq!(path_part("a.c:"), ("a.c", Part::Lines(None, None)));
        assert_eq!(path_part("a.md:intro-1"), ("a.md", Part::Named("intro-1")));
        assert_eq!(path_part("x:1:2:3"), ("x:1", Part::Lines(Some(2), Some(3))));
    }

    #[test]
    fn named_parts_leave_their_marks_out() {
        let lines = [
            "a",
            "# --8<-- [start:one]",
            "b",
            "<!-- --8<-- [start:two] -->",
            "c",
            "# ;--8<-- [end:x]",
            "# --8<-- [end:one]",
            "d",
        ];
        let part = named_part(&lines, "one").unwrap();
        assert_eq!(part, ["b", "c", "# --8<-- [end:x]"]);
        assert_eq!(named_part(&lines, "missing"), None);
    }
}
