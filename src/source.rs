//! Reading the content tree: the only module that reads content files from disk (mdBook's
//! includes read theirs through [`read_text`]).
//!
//! Files are decoded strictly (invalid UTF-8 is a diagnostic with its line and column), a UTF-8
//! byte-order mark is dropped and CRLF line ends become LF, which keeps line numbers unchanged.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Position};
use crate::error::{Error, Result};

/// One Markdown file of the content tree.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path on disk.
    pub path: PathBuf,
    /// The path below the content folder, `/`-separated: `skills/empathy.md`.
    pub rel: String,
    pub text: String,
}

/// Everything found in the content folder.
#[derive(Debug, Default)]
pub struct ContentTree {
    /// Markdown files, sorted by `rel`.
    pub files: Vec<SourceFile>,
    /// Every other file (images, attachments), `/`-separated paths below the content folder.
    pub assets: Vec<String>,
    /// Files that could not be read or decoded.
    pub diagnostics: Vec<Diagnostic>,
    /// The Markdown files among them, `/`-separated below the content folder: links to them
    /// are not reported as links to nothing.
    pub unread: Vec<String>,
}

/// `[build] exclude`: files and folders of the content folder that are not part of the site,
/// written as lines of a `.gitignore` are (`drafts/`, `*.tmp.md`, `/README.md`, `!keep.md`), as
/// MkDocs' `exclude_docs` is. Read from the content folder.
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    patterns: Option<ignore::gitignore::Gitignore>,
}

impl Exclude {
    /// The patterns, each checked: `Err` names the first that is not a pattern, and why.
    pub fn new(patterns: &[String]) -> std::result::Result<Exclude, (String, String)> {
        if patterns.is_empty() {
            return Ok(Exclude::default());
        }
        let mut builder = ignore::gitignore::GitignoreBuilder::new(".");
        for pattern in patterns {
            if let Err(e) = builder.add_line(None, pattern) {
                let why = match e {
                    ignore::Error::Glob { err, .. } => err,
                    other => other.to_string(),
                };
                return Err((pattern.clone(), why));
            }
        }
        let patterns = builder
            .build()
            .map_err(|e| (patterns.join(", "), e.to_string()))?;
        Ok(Exclude {
            patterns: Some(patterns),
        })
    }

    /// Whether there are no patterns (nothing is left out).
    pub fn is_empty(&self) -> bool {
        self.patterns.is_none()
    }

    /// The pattern that leaves out `rel` (a file's or folder's path below the content folder,
    /// `/`-separated), itself or through a folder it is in; `None` when it is part of the site.
    pub fn leaves_out(&self, rel: &str, is_dir: bool) -> Option<&str> {
        let patterns = self.patterns.as_ref()?;
        let rel = rel.trim_matches('/');
        match patterns.matched_path_or_any_parents(rel, is_dir) {
            ignore::Match::Ignore(glob) => Some(glob.original()),
            _ => None,
        }
    }
}

/// Walks `content` in a stable order and reads every Markdown file (in parallel). `output`, the
/// folder the site is written to, is left out when it lies inside `content` (a handbook whose
/// content folder is its root): last build's pages are not sources; so is what `exclude` leaves
/// out. In a Jekyll site (`jekyll`), what Jekyll never publishes is left out too: every other
/// file whose name, or a folder's it is in, begins with `_` (its settings, data, styles,
/// layouts and includes), and the Markdown of its own folders ([`JEKYLL_FOLDERS`]).
pub fn walk(content: &Path, output: &Path, exclude: &Exclude, jekyll: bool) -> Result<ContentTree> {
    if !content.is_dir() {
        return Err(Error::Usage {
            message: format!("the content folder {} does not exist", content.display()),
            hint: "create it, or set [build] content in book.toml".into(),
        });
    }
    let mut markdown = Vec::new();
    // The folders of a Jekyll site's templates found, each said once.
    let mut jekyll_folders: Vec<String> = Vec::new();
    // Other tools' template files found, by their extension.
    let mut templates: Vec<(&'static str, &'static str, Vec<String>)> = Vec::new();
    let mut tree = ContentTree::default();
    // Links are followed inside the content folder only: a link to /etc must not publish it.
    let real_root = std::fs::canonicalize(content).unwrap_or_else(|_| content.to_path_buf());
    let output_rel = std::fs::canonicalize(output)
        .ok()
        .and_then(|o| o.strip_prefix(&real_root).ok().map(Path::to_path_buf))
        .filter(|rel| !rel.as_os_str().is_empty());
    let outside = std::cell::RefCell::new(Vec::new());
    let walker = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_ignored(&e.file_name().to_string_lossy()) {
                return false;
            }
            // A Jekyll site's own folders are not walked (`_site/` holds a whole built site).
            if jekyll
                && e.file_type().is_dir()
                && JEKYLL_FOLDERS.contains(&&*e.file_name().to_string_lossy())
            {
                return false;
            }
            // Its folder was not left out, or the walk would not be here.
            if e.depth() > 0 && !exclude.is_empty() {
                let rel = relative(content, e.path());
                if exclude.leaves_out(&rel, e.file_type().is_dir()).is_some() {
                    return false;
                }
            }
            if output_rel.as_deref().is_some_and(|o| {
                e.file_type().is_dir() && e.path().strip_prefix(content).ok() == Some(o)
            }) {
                return false;
            }
            if !e.path_is_symlink() {
                return true;
            }
            match std::fs::canonicalize(e.path()) {
                Ok(target) if !target.starts_with(&real_root) => {
                    outside.borrow_mut().push(e.path().to_path_buf());
                    false
                }
                _ => true,
            }
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(content).to_path_buf();
                // Said without the file's whole path (walkdir's message has it), which is
                // named already and would change a CI report's fingerprint from one checkout
                // to the next.
                let diagnostic = if e.loop_ancestor().is_some() {
                    // Like a link leading out of the folder: nothing of the site is lost.
                    Diagnostic::warning(
                        "loop",
                        path,
                        "this link leads back to a folder that holds it; it is skipped",
                    )
                    .hint("remove the link")
                } else {
                    let why = match e.io_error() {
                        Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
                            "it is a link to nothing".to_string()
                        }
                        Some(io) => io.to_string(),
                        None => e.to_string(),
                    };
                    Diagnostic::error("read", path, format!("cannot read: {why}"))
                        .hint("fix the file's permissions, or remove the broken link")
                };
                tree.diagnostics.push(diagnostic);
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            // Reading a pipe would wait for ever.
            tree.diagnostics.push(
                Diagnostic::warning(
                    "not-a-file",
                    entry.path(),
                    "this is not a regular file (a pipe, socket or device); it is skipped",
                )
                .hint("remove it from the content folder"),
            );
            continue;
        }
        let rel = relative(content, entry.path());
        if jekyll && jekyll_leaves_out(&rel) {
            continue;
        }
        if crate::links::is_markdown(&rel) {
            markdown.push((entry.into_path(), rel));
        } else {
            if let Some(folder) = jekyll_templates(&rel) {
                if !jekyll_folders.iter().any(|f| f == folder) {
                    jekyll_folders.push(folder.to_string());
                    tree.diagnostics
                        .push(jekyll_templates_warning(content, folder));
                }
            } else if let Some((extension, language)) = template_language(&rel) {
                match templates.iter_mut().find(|t| t.1 == language) {
                    Some(found) => found.2.push(rel.clone()),
                    None => templates.push((extension, language, vec![rel.clone()])),
                }
            } else if let Some(d) = html_with_front_matter(entry.path(), &rel) {
                tree.diagnostics.push(d);
            }
            tree.assets.push(rel);
        }
    }
    for (extension, language, files) in templates {
        tree.diagnostics
            .push(templates_warning(content, extension, language, &files));
    }
    for path in outside.into_inner() {
        tree.diagnostics.push(
            Diagnostic::warning(
                "symlink-outside",
                path,
                "this link points outside the content folder; it is skipped",
            )
            .hint("copy what it points to into the content folder"),
        );
    }
    let read: Vec<_> = markdown
        .into_par_iter()
        .map(|(path, rel)| (rel.clone(), read(path, rel)))
        .collect();
    for (rel, result) in read {
        match result {
            Ok(file) => tree.files.push(file),
            Err(d) => {
                tree.diagnostics.push(d);
                tree.unread.push(rel);
            }
        }
    }
    Ok(tree)
}

/// The folders of a Jekyll site that hold no pages: its templates, data, styles, plugins, drafts
/// and the site it built. (A collection's folder, `_posts`, holds pages.)
const JEKYLL_FOLDERS: &[&str] = &[
    "_layouts",
    "_includes",
    "_data",
    "_sass",
    "_plugins",
    "_drafts",
    "_site",
];

/// Whether Jekyll publishes nothing of `rel` (a path below the content folder, outside
/// [`JEKYLL_FOLDERS`], which are not walked): a file other than Markdown whose name, or a
/// folder's it is in, begins with `_` (`_config.yml`, `assets/_private.json`), or a page whose
/// own name does (`_notes.md`; not `_index.md`).
fn jekyll_leaves_out(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    match crate::links::is_markdown(rel) {
        // A page named so (`_notes.md`) is none; a folder's `_index.md` is its page.
        true => name.starts_with('_') && !crate::page::is_index_name(name),
        false => rel.split('/').any(|part| part.starts_with('_')),
    }
}

/// The folder of a Jekyll site's layouts or includes that `rel` lies in (`_layouts`,
/// `docs/_includes`), if it does.
fn jekyll_templates(rel: &str) -> Option<&str> {
    let mut end = 0;
    for part in rel.split('/') {
        let part_end = end + part.len();
        if part_end == rel.len() {
            return None;
        }
        if matches!(part, "_layouts" | "_includes") {
            return Some(&rel[..part_end]);
        }
        end = part_end + 1;
    }
    None
}

/// A warning for a folder of a Jekyll site's templates, moved in with its pages: handbook does
/// not read them, and would publish them as files.
fn jekyll_templates_warning(content: &Path, folder: &str) -> Diagnostic {
    let name = folder.rsplit('/').next().unwrap_or(folder);
    Diagnostic::warning(
        "jekyll-templates",
        content.join(folder),
        format!(
            "this folder holds a Jekyll site's templates ({name}): handbook lays pages out with \
             its theme, and publishes these files as they are"
        ),
    )
    .hint(format!(
        "leave the folder out: `exclude = [\"{folder}/\"]` under [build] in the settings"
    ))
}

/// The extension and language of another tool's template file (Eleventy's `.njk`, `.liquid`,
/// `.11ty.js`...), which that tool renders and handbook would publish as written.
fn template_language(rel: &str) -> Option<(&'static str, &'static str)> {
    const TEMPLATES: &[(&str, &str)] = &[
        (".11ty.js", "Eleventy JavaScript"),
        (".11ty.cjs", "Eleventy JavaScript"),
        (".njk", "Nunjucks"),
        (".liquid", "Liquid"),
        (".hbs", "Handlebars"),
        (".handlebars", "Handlebars"),
        (".mustache", "Mustache"),
        (".ejs", "EJS"),
        (".pug", "Pug"),
        (".haml", "Haml"),
        (".erb", "ERB"),
        (".slim", "Slim"),
    ];
    let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    TEMPLATES
        .iter()
        .find(|(extension, _)| name.ends_with(extension))
        .copied()
}

/// One warning for the template files of one language, at the first.
fn templates_warning(
    content: &Path,
    extension: &str,
    language: &str,
    files: &[String],
) -> Diagnostic {
    let shown = files.iter().take(5).map(String::as_str).collect::<Vec<_>>();
    let more = match files.len() - shown.len() {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let (count, them, pages) = match files.len() {
        1 => (
            "this file is a template".to_string(),
            "it",
            "it as Markdown if it is a page",
        ),
        n => (
            format!("{n} files are templates"),
            "them",
            "the pages among them as Markdown",
        ),
    };
    Diagnostic::warning(
        "templates",
        content.join(&files[0]),
        format!(
            "{count} of another tool ({language}), published as written, not rendered: {}{more}",
            shown.join(", ")
        ),
    )
    .hint(format!(
        "leave {them} out with `exclude = [\"*{extension}\"]` under [build] in the settings, or \
         write {pages}"
    ))
}

/// How much of an HTML file is read for front matter: its first bytes, and only when they open
/// a fence, as far as this.
const FENCE_PREFIX: u64 = 256;
const FRONT_MATTER_PREFIX: u64 = 64 * 1024;

/// A warning for an HTML file of the content that opens with front matter, as Jekyll's and
/// Hugo's pages may: it is published as it is, the front matter shown as text at its top.
fn html_with_front_matter(path: &Path, rel: &str) -> Option<Diagnostic> {
    use std::io::Read;
    let extension = rel.rsplit_once('.')?.1.to_ascii_lowercase();
    if extension != "html" && extension != "htm" {
        return None;
    }
    let mut file = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    file.by_ref()
        .take(FENCE_PREFIX)
        .read_to_end(&mut bytes)
        .ok()?;
    // Only a file that opens with a fence (`---`, or `+++` after blank lines) is read on.
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    if !(bytes[first..].starts_with(b"---") || bytes[first..].starts_with(b"+++")) {
        return None;
    }
    file.take(FRONT_MATTER_PREFIX - FENCE_PREFIX)
        .read_to_end(&mut bytes)
        .ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let block = crate::front_matter::split(&text, path).ok()?.front?;
    let markdown = format!("{}.md", rel.rsplit_once('.')?.0);
    Some(
        Diagnostic::warning(
            "html-front-matter",
            path,
            "this HTML file opens with front matter, which only Markdown pages have: it is \
             published as it is, the front matter shown as text at the top of the page",
        )
        .at(Position::new(block.first_line - 1, 1))
        .hint(format!(
            "to make it a page of the handbook, write it as Markdown ({markdown}; HTML in \
             Markdown is kept); to publish it as a file, remove the front matter"
        )),
    )
}

/// Hidden files and editors' backup, swap and lock files.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || is_editor_file(name)
}

/// Editors' backup, swap and lock files.
fn is_editor_file(name: &str) -> bool {
    name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}

/// Version control's own folders: never published, even when a page links into them.
pub(crate) const VCS_FOLDERS: &[&str] = &[".git", ".hg", ".svn", ".jj", ".bzr"];

/// Whether `rel` (`/`-separated below `content`) is a regular file inside a hidden folder that
/// a page may link to and so publish: `.gitbook/assets/chart.png`, where GitBook keeps a book's
/// images. The walk leaves hidden folders out; a file a page links to is wanted. Never a hidden
/// file itself (`.env`), never inside version control's folders, never an editor's file, never
/// outside the content folder (through a symbolic link).
pub fn is_linkable_hidden_file(content: &Path, rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    let hidden = parts.iter().any(|p| p.starts_with('.'));
    // A hidden file itself (`.env`, `.npmrc`) is a setting, often a secret: never published.
    let name_shown = parts.last().is_some_and(|name| !name.starts_with('.'));
    let allowed = name_shown
        && parts.iter().all(|p| {
            !p.is_empty()
                && *p != ".."
                && *p != "."
                && !VCS_FOLDERS.contains(p)
                && !is_editor_file(p)
        });
    if !hidden || !allowed {
        return false;
    }
    let path = content.join(rel);
    let (Ok(real), Ok(root)) = (std::fs::canonicalize(&path), std::fs::canonicalize(content))
    else {
        return false;
    };
    // What a symbolic link leads to must pass the same test.
    real.strip_prefix(&root).is_ok_and(|inside| {
        inside
            .components()
            .all(|c| !VCS_FOLDERS.iter().any(|v| c.as_os_str() == *v))
    }) && real.is_file()
}

fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

/// No page is read beyond this size: a handbook chapter is a few hundred kilobytes at most,
/// and a file much larger is a mistake (a log or a dump saved as `.md`) that would cost
/// gigabytes of memory to render.
pub const MAX_PAGE_BYTES: u64 = 64 * 1024 * 1024;

fn read(path: PathBuf, rel: String) -> Result<SourceFile, Diagnostic> {
    let text = read_text(&path).map_err(|problem| match problem {
        ReadProblem::Io(e) => Diagnostic::error("read", &path, format!("cannot read: {e}"))
            .hint("check the file's permissions"),
        ReadProblem::NotAFile => {
            Diagnostic::error("read", &path, "cannot read: this is not a regular file")
                .hint("remove it from the content folder")
        }
        ReadProblem::TooLarge(size) => Diagnostic::error(
            "too-large",
            &path,
            format!(
                "the page is {} MiB, more than the {} MiB a page may be",
                size / (1024 * 1024),
                MAX_PAGE_BYTES / (1024 * 1024)
            ),
        )
        .hint("split it into several pages, or move the data out of content/"),
        // A UTF-16 file starts with its byte-order mark, FF FE or FE FF.
        ReadProblem::Encoding(position, 0xfe | 0xff) if position == Position::new(1, 1) => {
            Diagnostic::error(
                "encoding",
                &path,
                "the file is UTF-16 (it starts with UTF-16's byte-order mark), not UTF-8",
            )
            .at(position)
            .hint("save the file as UTF-8")
        }
        ReadProblem::Encoding(position, byte) => Diagnostic::error(
            "encoding",
            &path,
            format!("invalid UTF-8 (byte 0x{byte:02x})"),
        )
        .at(position)
        .hint("save the file as UTF-8"),
    })?;
    Ok(SourceFile { path, rel, text })
}

/// Why a text file could not be read ([`read_text`]).
#[derive(Debug)]
pub enum ReadProblem {
    Io(std::io::Error),
    NotAFile,
    /// Its size, above [`MAX_PAGE_BYTES`].
    TooLarge(u64),
    /// Where the first byte that is not UTF-8 is, and the byte.
    Encoding(Position, u8),
}

/// Reads a text file as pages are read: a regular file of at most [`MAX_PAGE_BYTES`], strictly
/// UTF-8 ([`decode`]). Pages, and the files mdBook's `{{#include}}` puts into them.
pub fn read_text(path: &Path) -> Result<String, ReadProblem> {
    let metadata = std::fs::metadata(path).map_err(ReadProblem::Io)?;
    if !metadata.is_file() {
        return Err(ReadProblem::NotAFile);
    }
    if metadata.len() > MAX_PAGE_BYTES {
        return Err(ReadProblem::TooLarge(metadata.len()));
    }
    let bytes = std::fs::read(path).map_err(ReadProblem::Io)?;
    decode(bytes).map_err(|(position, byte)| ReadProblem::Encoding(position, byte))
}

/// Decodes UTF-8, dropping a byte-order mark, turning CRLF and CR into LF and NUL into U+FFFD (as
/// CommonMark asks: a NUL must never reach the HTML).
pub fn decode(bytes: Vec<u8>) -> Result<String, (Position, u8)> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            // The valid prefix is text, so its lines and columns can be counted.
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            return Err((LineIndex::new(prefix).position(valid), bytes[valid]));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    // Most files have neither: one pass looks for both.
    if memchr::memchr2(b'\r', b'\0', text.as_bytes()).is_none() {
        return Ok(text);
    }
    // A lone CR ends a line too, for YAML and for Markdown: lines are counted alike everywhere.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(if text.contains('\0') {
        text.replace('\0', "\u{fffd}")
    } else {
        text
    })
}

/// Maps byte offsets in a text to 1-based lines and columns.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { text, starts }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        Position::new(line + 1, column)
    }
}

/// The lines of a text, line breaks kept, each with its offset.
pub(crate) fn lines_with_offsets(text: &str) -> Vec<(usize, &str)> {
    text.split_inclusive('\n')
        .scan(0, |offset, line| {
            let at = *offset;
            *offset += line.len();
            Some((at, line))
        })
        .collect()
}

/// Whether offset `at` of `text` is inside a quoted string (`"…"`, `'…'` or `` `…` ``, with `\\`
/// escapes): of a program without its comments, or of a code block's info string.
pub(crate) fn inside_quotes(text: &str, at: usize) -> bool {
    let mut quote: Option<char> = None;
    let mut chars = text[..at.min(text.len())].chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(_) if c == '\\' => {
                chars.next();
            }
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None => {}
        }
    }
    quote.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let index = LineIndex::new("ab\nçd\n");
        assert_eq!(index.position(0), Position::new(1, 1));
        assert_eq!(index.position(3), Position::new(2, 1));
        assert_eq!(index.position(5), Position::new(2, 2));
    }

    #[test]
    fn decode_drops_bom_and_crlf() {
        assert_eq!(decode(b"\xef\xbb\xbfa\r\nb".to_vec()).unwrap(), "a\nb");
        // Old Mac line ends, which YAML counts as lines too (found by fuzzing).
        assert_eq!(decode(b"a\rb\r\rc".to_vec()).unwrap(), "a\nb\n\nc");
        assert_eq!(decode(b"a\0b".to_vec()).unwrap(), "a\u{fffd}b");
    }

    #[test]
    fn invalid_utf8_reports_its_position() {
        let (p, byte) = decode(b"ok\nab\xff".to_vec()).unwrap_err();
        assert_eq!((p, byte), (Position::new(2, 3), 0xff));
    }
}
