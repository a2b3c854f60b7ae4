//! Code blocks coloured when the site is built, as Zola, Hugo and MkDocs colour them (mdBook
//! and Docusaurus do it in the reader's browser, with a script): the page holds the colours, so
//! nothing runs or loads to show them, and the print view and a reader without JavaScript see
//! them too.
//!
//! The `syntect` crate reads the code with the Sublime Text grammars that `bat` curates
//! (`two-face`: TOML, TypeScript, Dockerfile, Terraform... besides syntect's own). A grammar
//! names every piece of code with a stack of scopes (`string.quoted.double.json`); the page
//! needs far fewer kinds than that, so each piece takes the class of the innermost scope that
//! one of [`KINDS`] starts, and pieces of one kind in a row share one `<span>`. The theme gives
//! each class its colour, in light and dark ([`CLASSES`] lists them for themes).
//!
//! A block in a language no grammar knows, or `text`, is left as it is; so is a block too big to
//! colour in reasonable time ([`MAX_CODE`], [`MAX_LINE`]), or one a grammar fails on. A grammar
//! whose regular expressions backtrack without end on some text (the INI grammar on deeply
//! indented lines took minutes) is stopped by a bound on each search ([`SEARCH_LIMIT`]).
//!
//! A terminal session (`console`, `shell-session`) is read as Pygments reads one: a line that
//! starts with a prompt (`$ `, `# `, `% `, maybe after `user@host:~/dir`) is a command, coloured
//! as shell, and the other lines are its output. The prompt and the output are marked (`hl-p`,
//! `hl-o`), so that the copy button copies the commands alone.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

/// The longest code block coloured, in bytes: the peers' largest examples are a few kilobytes.
pub const MAX_CODE: usize = 256 * 1024;

/// The longest line of a coloured block, in bytes: a longer one (minified JSON, a data URI) is
/// read by the grammars' regular expressions slowly, and reads no better coloured.
pub const MAX_LINE: usize = 4 * 1024;

/// The most backtracking steps one search of a grammar's regular expression may take (Oniguruma's
/// `retry_limit_in_search`, unbounded by default); a search that needs more is taken as not
/// matching. Over 3,442 files of code of 15 languages, 10,000 changed the colours of 4 files and
/// 30,000 of none; this leaves room above that, and a 256 KB block of deeply indented INI, which
/// took minutes, takes under 2 s.
pub const SEARCH_LIMIT: u32 = 100_000;

/// How long one block may take to colour; one that takes longer is shown as written. A block
/// of code takes well under a millisecond; only lines a grammar reads very slowly (thousands of
/// spaces before a SCSS property) come near this, and whether such a block is coloured then
/// depends on the machine.
pub const TIME_LIMIT: Duration = Duration::from_secs(1);

/// The kinds of code a page colours, each the scopes it starts (earlier first): the class
/// `hl-<letter>` of a piece of code is that of the innermost of its scopes that one of these
/// starts.
const KINDS: &[(&str, &str)] = &[
    ("comment", "c"),
    ("punctuation.definition.comment", "c"),
    ("string", "s"),
    ("punctuation.definition.string", "s"),
    ("markup.underline.link", "s"),
    ("constant.character.escape", "e"),
    ("constant.numeric", "n"),
    ("constant.language", "b"),
    ("variable.language", "b"),
    ("support.constant", "b"),
    ("constant", "n"),
    // Operators: a word (`and`, `in`, `typeof`) is a keyword, a sign is left plain.
    ("keyword.operator", "?"),
    ("keyword", "k"),
    ("storage", "k"),
    ("entity.name.function", "f"),
    ("support.function", "f"),
    ("variable.function", "f"),
    ("entity.name.tag", "t"),
    ("entity.name", "d"),
    ("support.type", "d"),
    ("support.class", "d"),
    ("entity.other.attribute-name", "a"),
    ("variable.parameter", "v"),
    ("markup.heading", "h"),
    ("markup.inserted", "i"),
    ("markup.deleted", "x"),
    ("meta.diff.range", "h"),
    ("meta.diff.header", "h"),
];

/// The classes a coloured block's pieces take, for a theme's style sheet, with what each is.
pub const CLASSES: &[(&str, &str)] = &[
    ("hl-c", "comment"),
    ("hl-s", "string"),
    ("hl-e", "escape in a string"),
    ("hl-n", "number or other constant"),
    ("hl-b", "built-in constant (true, null, self)"),
    ("hl-k", "keyword"),
    ("hl-f", "function"),
    ("hl-t", "tag, or a key in YAML and TOML"),
    ("hl-d", "name of a type, class or section"),
    ("hl-a", "attribute"),
    ("hl-v", "parameter"),
    ("hl-h", "heading, or a diff's header"),
    ("hl-i", "inserted line of a diff"),
    ("hl-x", "deleted line of a diff"),
    ("hl-p", "prompt of a terminal session"),
    ("hl-o", "output of a terminal session"),
];

/// The languages of terminal sessions: commands after prompts, and their output.
const SESSIONS: &[&str] = &[
    "console",
    "shell-session",
    "shellsession",
    "sh-session",
    "bash-session",
    "terminal",
];

/// Language names the grammars do not know by that name, and the name they do.
const ALIASES: &[(&str, &str)] = &[
    ("shell", "bash"),
    ("pwsh", "ps1"),
    ("jsonc", "json"),
    ("json5", "json"),
    ("python3", "py"),
    ("golang", "go"),
    ("csharp", "cs"),
    ("postgresql", "sql"),
    ("postgres", "sql"),
    ("psql", "sql"),
    ("mysql", "sql"),
    ("mdx", "md"),
    ("docker", "dockerfile"),
    ("containerfile", "dockerfile"),
    ("objc", "m"),
    ("kts", "kotlin"),
];

struct Grammars {
    syntaxes: SyntaxSet,
    kinds: Vec<(Scope, &'static str)>,
    /// The scope every string (and here-document) is in.
    string: Scope,
}

fn grammars() -> &'static Grammars {
    static GRAMMARS: OnceLock<Grammars> = OnceLock::new();
    GRAMMARS.get_or_init(|| {
        // SAFETY: sets a number Oniguruma reads when a search starts; no search has started
        // yet (the grammars are not loaded) and the value is a plain integer.
        unsafe {
            onig_sys::onig_set_retry_limit_in_search(SEARCH_LIMIT.into());
        }
        Grammars {
            syntaxes: two_face::syntax::extra_newlines(),
            kinds: KINDS
                .iter()
                .filter_map(|&(scope, class)| Some((Scope::new(scope).ok()?, class)))
                .collect(),
            string: Scope::new("string").expect("a valid scope"),
        }
    })
}

/// The grammar of a language, or of a terminal session (whose commands are read with the
/// shell's).
#[derive(Clone, Copy)]
pub enum Grammar {
    Code(&'static SyntaxReference),
    Session(&'static SyntaxReference),
}

/// The grammar of a fenced block's language (`yaml`, `YAML`, `yml`, `shell`), if one knows it
/// and it colours anything (not `text`).
pub fn grammar(language: &str) -> Option<Grammar> {
    if language.is_empty() || language.len() > 40 {
        return None;
    }
    let lower = language.to_ascii_lowercase();
    let syntaxes = &grammars().syntaxes;
    if SESSIONS.contains(&lower.as_str()) {
        return syntaxes.find_syntax_by_token("bash").map(Grammar::Session);
    }
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map_or(lower.as_str(), |(_, name)| name);
    let syntax = syntaxes
        .find_syntax_by_token(name)
        .or_else(|| syntaxes.find_syntax_by_token(language))?;
    (syntax.name != "Plain Text").then_some(Grammar::Code(syntax))
}

/// The lines of a block its info string marks, as ranges of line numbers from 1: Docusaurus'
/// `{1,4-6}`, and the `hl_lines` of MkDocs (`hl_lines="1 4-6"`), Zola (`hl_lines=1 4-6`, to
/// the next comma) and Hugo (`{hl_lines=[1,"4-6"]}`).
pub fn marked_lines(info: &str) -> Vec<(usize, usize)> {
    // (Not inside a quoted title.)
    let key = info
        .match_indices("hl_lines=")
        .map(|(at, _)| at)
        .find(|&at| !crate::source::inside_quotes(info, at));
    let list = match key {
        Some(at) => {
            let value = &info[at + "hl_lines=".len()..];
            let end = match value.chars().next() {
                Some('"') => value[1..].find('"').map(|i| i + 2),
                Some('\'') => value[1..].find('\'').map(|i| i + 2),
                Some('[') => value.find(']').map(|i| i + 1),
                _ => value.find([',', '}']),
            };
            &value[..end.unwrap_or(value.len())]
        }
        None => info
            .split('{')
            .skip(1)
            .filter_map(|group| group.split_once('}').map(|(inside, _)| inside))
            .find(|inside| {
                inside.contains(|c: char| c.is_ascii_digit())
                    && inside
                        .chars()
                        .all(|c| c.is_ascii_digit() || ", -".contains(c))
            })
            .unwrap_or_default(),
    };
    list.split(|c: char| c.is_whitespace() || c == ',')
        .map(|item| item.trim_matches(['"', '\'', '[', ']']))
        .filter_map(|item| {
            let (first, last) = item.split_once('-').unwrap_or((item, item));
            let (first, last) = (first.trim().parse().ok()?, last.trim().parse().ok()?);
            (first >= 1 && first <= last).then_some((first, last))
        })
        .collect()
}

/// The number a block's first line takes when its info string asks for line numbers, as each
/// tool writes it: Docusaurus' `showLineNumbers` (`showLineNumbers=5`), MkDocs' `linenums="5"`,
/// Hugo's `{linenos=table,linenostart=5}` (`linenos=false` for none) and Zola's
/// `linenos,linenostart=5`; from 1 unless they say otherwise. With `by_default` (the site
/// numbers every block), a block that says nothing is numbered too.
pub fn line_numbers(info: &str, by_default: bool) -> Option<usize> {
    // The info string's words, split where the tools split their options: at spaces, commas
    // and braces outside quotes (`title="Enable linenos"` is one word, a title's).
    let words = || {
        let (mut quote, mut escaped) = (None, false);
        info.split(move |c: char| match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
                false
            }
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                false
            }
            None => c.is_whitespace() || matches!(c, ',' | '{' | '}'),
        })
        .filter(|w| !w.is_empty())
    };
    // The number at the start of a value (after a quote), if it has one.
    let number = |value: &str| -> Option<usize> {
        let value = value.trim_start_matches(['"', '\'']);
        let end = value
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(value.len());
        // (A number past a billion is no line number, and would not fit the theme's counter.)
        value[..end].parse().ok().filter(|&n| n < 1_000_000_000)
    };
    let value_of = |key: &str| {
        words().find_map(|w| {
            let (k, v) = w.split_once('=')?;
            k.eq_ignore_ascii_case(key).then_some(v)
        })
    };
    // Whether the block asks for numbers (or, with `linenos=false`, for none).
    let asked = words().find_map(|w| {
        let (key, value) = w.split_once('=').unwrap_or((w, ""));
        match key.to_ascii_lowercase().as_str() {
            "showlinenumbers" => Some(true),
            // MkDocs: `linenums="0"` turns numbers off for the block.
            "linenums" => Some(number(value) != Some(0)),
            "linenos" => Some(
                !value
                    .trim_matches(['"', '\''])
                    .eq_ignore_ascii_case("false"),
            ),
            _ => None,
        }
    });
    if !asked.unwrap_or(by_default) {
        return None;
    }
    let start = value_of("showLineNumbers")
        .or_else(|| value_of("linenums"))
        .or_else(|| value_of("linenostart"))
        .and_then(number);
    Some(start.unwrap_or(1))
}

/// The HTML of a code block's text (what goes inside its `<code>`), coloured with `<span
/// class="hl-…">`s if it has a grammar, and the lines `marked` (from 1) in `<span
/// class="hl-line">`s; with `numbered`, every line is in a `<span class="hl-ln">` (the theme
/// numbers them, so that a copy of the code has no numbers in it). A block or a line too long
/// to colour ([`MAX_CODE`], [`MAX_LINE`]), or one a grammar fails on, keeps its marks and
/// numbers, uncoloured. `None` when it stays as it is: nothing to colour, mark or number.
pub fn highlight(
    grammar: Option<Grammar>,
    code: &str,
    marked: &[(usize, usize)],
    numbered: bool,
) -> Option<String> {
    let too_long = code.len() > MAX_CODE || code.split('\n').any(|line| line.len() > MAX_LINE);
    let marked = merged(marked);
    if let Some(html) = grammar
        .filter(|_| !too_long)
        .and_then(|grammar| write(Some(grammar), code, &marked, numbered))
    {
        return Some(html);
    }
    if marked.is_empty() && !numbered {
        return None;
    }
    write(None, code, &marked, numbered)
}

/// Ranges of line numbers in order, those that overlap or touch made one.
fn merged(ranges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut ranges = ranges.to_vec();
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (first, last) in ranges {
        match out.last_mut() {
            Some(previous) if first <= previous.1.saturating_add(1) => {
                previous.1 = previous.1.max(last)
            }
            _ => out.push((first, last)),
        }
    }
    out
}

/// [`highlight`]'s HTML, coloured with the grammar if there is one; `None` if the grammar fails
/// on the code (or panics, or takes over [`TIME_LIMIT`]).
fn write(
    grammar: Option<Grammar>,
    code: &str,
    marked: &[(usize, usize)],
    numbered: bool,
) -> Option<String> {
    let deadline = Instant::now() + TIME_LIMIT;
    crate::diagram::quietly_catching_panics(|| {
        let mut html = Html {
            out: String::with_capacity(code.len() * 2),
            open: "",
            marked,
            next_mark: 0,
            numbered,
            line: 0,
            in_line: false,
        };
        match grammar {
            Some(Grammar::Code(syntax)) => {
                let mut reader = Reader::new(syntax);
                for line in code.split_inclusive('\n') {
                    if Instant::now() > deadline {
                        return None;
                    }
                    html.line_start();
                    reader.line(line, &mut html)?;
                }
            }
            Some(Grammar::Session(shell)) => session(shell, code, &mut html, deadline)?,
            None => {
                for line in code.split_inclusive('\n') {
                    html.line_start();
                    html.piece(line, "");
                }
            }
        }
        Some(html.finish())
    })
    .flatten()
}

/// A grammar reading code line by line.
struct Reader {
    state: ParseState,
    stack: ScopeStack,
}

impl Reader {
    fn new(syntax: &SyntaxReference) -> Reader {
        Reader {
            state: ParseState::new(syntax),
            stack: ScopeStack::new(),
        }
    }

    /// Whether a command goes on after this line of it: it ends with a `\\` that is not
    /// itself escaped, or leaves a string or here-document open.
    fn continues(&self, text: &str) -> bool {
        let backslashes = text.len() - text.trim_end_matches('\\').len();
        backslashes % 2 == 1
            || self
                .stack
                .as_slice()
                .iter()
                .any(|scope| grammars().string.is_prefix_of(*scope))
    }

    /// Writes a line (with its line break) coloured; `None` if the grammar fails on it.
    fn line(&mut self, line: &str, html: &mut Html) -> Option<()> {
        let grammars = grammars();
        let ops = self.state.parse_line(line, &grammars.syntaxes).ok()?;
        let mut at = 0;
        for (i, op) in ops {
            // A grammar's offsets are at character boundaries; one that is not ends the colouring.
            html.piece(line.get(at..i)?, kind(&grammars.kinds, &self.stack));
            at = i;
            self.stack.apply(&op).ok()?;
        }
        html.piece(line.get(at..)?, kind(&grammars.kinds, &self.stack));
        Some(())
    }
}

/// A terminal session: each command (after its prompt, and its lines continued: after a `\\`,
/// in a quoted string or a here-document, or on `> ` prompts right after it, as the shell asks
/// for the rest of a `for ... do` loop) read as shell, the rest as output.
fn session(shell: &SyntaxReference, code: &str, html: &mut Html, deadline: Instant) -> Option<()> {
    let mut command: Option<Reader> = None;
    // The command of the line before, when it seemed whole: a `> ` line goes on with it.
    let mut last: Option<Reader> = None;
    for line in code.split_inclusive('\n') {
        if Instant::now() > deadline {
            return None;
        }
        let text = line.trim_end_matches(['\n', '\r']);
        html.line_start();
        if command.is_none() && (text.starts_with("> ") || text == ">") {
            command = last.take();
        }
        last = None;
        if let Some(reader) = command.as_mut() {
            // A continuation prompt (`> `, the shell's PS2) is a prompt too.
            let prompt = match text {
                ">" => 1,
                _ if text.starts_with("> ") => 2,
                _ => 0,
            };
            html.piece(&line[..prompt], "p");
            reader.line(&line[prompt..], html)?;
            if !reader.continues(text) {
                last = command.take();
            }
            continue;
        }
        match prompt_length(text) {
            Some(length) => {
                html.piece(&line[..length], "p");
                let mut reader = Reader::new(shell);
                reader.line(&line[length..], html)?;
                match reader.continues(text) {
                    true => command = Some(reader),
                    false => last = Some(reader),
                }
            }
            None => html.piece(line, "o"),
        }
    }
    Some(())
}

/// The length of the prompt a session's line starts with, with the space after it: `$ ` or
/// `% `, maybe indented, after a virtual environment's name (`(venv) `) and a user, host or
/// folder (`user@host:~/src$ `, `[root@host ~]# `, `MacBook:~ ann$ `, `ann@mac ~ % `,
/// `sh-5.1$ `); `# ` only after one of those (a `# ` line alone is a comment); a lone `$` is a
/// prompt too. (`100% done`, `$HOME` are not.)
fn prompt_length(line: &str) -> Option<usize> {
    let spaces =
        |at: usize| at + (line[at..].len() - line[at..].trim_start_matches([' ', '\t']).len());
    let signs = ['$', '#', '%'];
    // The end of a word: at white space or a prompt's sign.
    let word_end = |at: usize| {
        line[at..]
            .find(|c: char| c == ' ' || c == '\t' || signs.contains(&c))
            .map_or(line.len(), |i| at + i)
    };
    let mut at = spaces(0);
    if line[at..].starts_with('(') {
        at = spaces(at + line[at..].find(')')? + 1);
    }
    let named = if line[at..].starts_with('[') {
        at += line[at..].find(']')? + 1;
        true
    } else {
        let end = word_end(at);
        let word = &line[at..end];
        let shell = ["sh", "bash", "zsh"]
            .iter()
            .any(|name| word == *name || word.starts_with(&format!("{name}-")));
        if !word.is_empty() && !word.contains(['@', ':', '~', '/']) && !shell {
            return None;
        }
        if !word.is_empty() {
            at = end;
            // A second word before the sign: `MacBook:~ ann$`, `ann@mac ~ %`.
            let second = spaces(at);
            let second_end = word_end(second);
            if second_end > second && line[spaces(second_end)..].starts_with(signs) {
                at = second_end;
            }
        }
        !word.is_empty()
    };
    at = spaces(at);
    let sign = line[at..].chars().next()?;
    if !(sign == '$' || sign == '%' || (sign == '#' && named)) {
        return None;
    }
    at += 1;
    match line[at..].chars().next() {
        None => Some(line.len()),
        Some(' ' | '\t') => Some(at + 1),
        Some(_) => None,
    }
}

/// The class letter of code under `stack`: that of its innermost scope a kind starts; "" for
/// none.
fn kind(kinds: &[(Scope, &'static str)], stack: &ScopeStack) -> &'static str {
    stack
        .as_slice()
        .iter()
        .rev()
        .find_map(|scope| {
            kinds
                .iter()
                .find(|(prefix, _)| prefix.is_prefix_of(*scope))
                .map(|&(_, class)| class)
        })
        .unwrap_or("")
}

/// Coloured HTML being written: the class of the open `<span>` ("" when none is), the lines to
/// mark, the number of the line being written and whether it is marked.
struct Html<'m> {
    out: String,
    open: &'static str,
    /// The marked lines, in order, none overlapping ([`merged`]), and the first range that does
    /// not end before the line.
    marked: &'m [(usize, usize)],
    next_mark: usize,
    numbered: bool,
    line: usize,
    /// Inside a line's own span (marked or numbered), which its line break closes.
    in_line: bool,
}

impl Html<'_> {
    /// A line starts: a marked or numbered one opens its span (`hl-line`, `hl-ln`, or both),
    /// which its line break closes, in [`Html::piece`].
    fn line_start(&mut self) {
        self.line += 1;
        while self
            .marked
            .get(self.next_mark)
            .is_some_and(|&(_, last)| last < self.line)
        {
            self.next_mark += 1;
        }
        let marked = self
            .marked
            .get(self.next_mark)
            .is_some_and(|&(first, _)| first <= self.line);
        let class = match (self.numbered, marked) {
            (true, true) => "hl-ln hl-line",
            (true, false) => "hl-ln",
            (false, true) => "hl-line",
            (false, false) => return,
        };
        self.close();
        self.out.push_str("<span class=\"");
        self.out.push_str(class);
        self.out.push_str("\">");
        self.in_line = true;
    }

    fn piece(&mut self, text: &str, class: &'static str) {
        if text.is_empty() {
            return;
        }
        // A line's own span ends before its line break, which a line's last piece ends
        // with: the mark's background then ends with the line.
        if self.in_line {
            if let Some(before) = text.strip_suffix('\n') {
                if before.is_empty() && class == "o" {
                    // A blank line of output is output all the same: the copy button leaves
                    // it out with the rest.
                    self.close();
                    self.out.push_str("<span class=\"hl-o\"></span>");
                }
                self.piece(before, class);
                self.close();
                self.out.push_str("</span>\n");
                self.in_line = false;
                return;
            }
        }
        let class = match class {
            "?" if text.contains(char::is_alphabetic) => "k",
            "?" => "",
            class => class,
        };
        // White space takes any colour: it joins the span open; but output is marked as such,
        // white space or not (the copy button leaves it out).
        if class != self.open && (!text.trim().is_empty() || class == "o") {
            self.close();
            if !class.is_empty() {
                self.out.push_str("<span class=\"hl-");
                self.out.push_str(class);
                self.out.push_str("\">");
            }
            self.open = class;
        }
        pulldown_cmark_escape::escape_html_body_text(&mut self.out, text)
            .expect("writing to a String cannot fail");
    }

    /// The HTML, its spans closed.
    fn finish(mut self) -> String {
        self.close();
        if self.in_line {
            self.out.push_str("</span>");
        }
        self.out
    }

    fn close(&mut self) {
        if !self.open.is_empty() {
            self.out.push_str("</span>");
        }
        self.open = "";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colour(grammar: Grammar, code: &str) -> Option<String> {
        highlight(Some(grammar), code, &[], false)
    }

    #[test]
    fn yaml_keys_strings_numbers_and_comments_take_their_classes() {
        let yaml = grammar("yaml").unwrap();
        let html = colour(yaml, "# on call\nname: \"platform\"\nmembers: 7\n").unwrap();
        assert!(html.contains("<span class=\"hl-c\"># on call"), "{html}");
        assert!(html.contains("<span class=\"hl-t\">name</span>"), "{html}");
        assert!(html.contains("<span class=\"hl-s\">\"platform\""), "{html}");
        assert!(html.contains("<span class=\"hl-n\">7"), "{html}");
    }

    #[test]
    fn text_reads_back_unchanged_and_escaped() {
        let code = "if a < b && c > d {\n    return \"<x>\";\n}\n";
        let html = colour(grammar("rust").unwrap(), code).unwrap();
        assert!(!html.contains("<x>"), "{html}");
        let mut text = String::new();
        let mut inside = false;
        for c in html.chars() {
            match c {
                '<' => inside = true,
                '>' if inside => inside = false,
                _ if !inside => text.push(c),
                _ => {}
            }
        }
        let text = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        assert_eq!(text, code);
    }

    #[test]
    fn languages_by_name_extension_alias_and_case() {
        for language in [
            "yaml",
            "yml",
            "YAML",
            "shell",
            "sh",
            "Bash",
            "ts",
            "toml",
            "Dockerfile",
            "hcl",
            "golang",
            "console",
            "shell-session",
        ] {
            assert!(grammar(language).is_some(), "{language}");
        }
        for language in ["", "text", "txt", "mermaid", "no-such-language"] {
            assert!(grammar(language).is_none(), "{language}");
        }
    }

    #[test]
    fn a_terminal_session_marks_prompts_and_output_and_colours_commands() {
        let session = grammar("console").unwrap();
        let html = colour(
            session,
            "$ ls -l \\\n  /tmp\ntotal 0\nuser@host:~$ echo \"hi\"\n100% done\n",
        )
        .unwrap();
        assert!(
            html.starts_with("<span class=\"hl-p\">$ </span><span class=\"hl-f\">ls</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-o\">total 0\n</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-p\">user@host:~$ </span>"),
            "{html}"
        );
        assert!(html.contains("<span class=\"hl-s\">\"hi\""), "{html}");
        // A continued command's next line is not output.
        assert!(!html.contains("<span class=\"hl-o\">  /tmp"), "{html}");
        assert!(
            html.ends_with("<span class=\"hl-o\">100% done\n</span>"),
            "{html}"
        );
        // Nor are a here-document's lines and an open string's, with or without `> `.
        let html = colour(
            session,
            "$ cat <<EOF\nbody\nEOF\nout\n$ echo \"a\n> b\"\nout\n$ echo a\\\\\nout\n",
        )
        .unwrap();
        let output: Vec<&str> = html
            .match_indices("<span class=\"hl-o\">")
            .map(|(i, _)| &html[i + 19..i + 23])
            .collect();
        assert_eq!(output, ["out\n", "out\n", "out\n"], "{html}");
        assert!(html.contains("<span class=\"hl-p\">&gt; </span>"), "{html}");
        // `> ` lines right after a command that seemed whole go on with it (the rest of a loop),
        // a lone `>` too; after output, such a line is output.
        let html = colour(
            session,
            "$ for i in 1 2; do\n> echo $i\n>\n> done\n1\n> quoted\n",
        )
        .unwrap();
        assert!(
            html.contains("<span class=\"hl-p\">&gt;\n&gt; </span><span class=\"hl-k\">done"),
            "{html}"
        );
        let output: Vec<&str> = html
            .match_indices("<span class=\"hl-o\">")
            .map(|(i, _)| html[i + 19..].split('<').next().unwrap_or_default())
            .collect();
        assert_eq!(output, ["1\n&gt; quoted\n"], "{html}");
    }

    #[test]
    fn prompts() {
        for (line, length) in [
            ("$ ls", Some(2)),
            ("$", Some(1)),
            ("$\tls", Some(2)),
            ("  $ ls", Some(4)),
            ("% make", Some(2)),
            ("user@host:~/src$ make", Some(17)),
            ("root@host:~# apt-get install x", Some(13)),
            ("[root@host ~]# ls", Some(15)),
            ("[ann@web1 src]$ ls", Some(16)),
            ("MacBook:~ ann$ ls", Some(15)),
            ("ann@mac ~ % make", Some(12)),
            ("sh-5.1$ ls", Some(8)),
            ("(venv) $ pip install x", Some(9)),
            ("(venv)$ pip", Some(8)),
            ("(my env)  $ pip", Some(12)),
            ("~/src$ ls", Some(7)),
            // A `# ` line alone is a comment, not root's prompt.
            ("# apt-get install x", None),
            ("100% done", None),
            ("#!/bin/sh", None),
            ("$HOME", None),
            ("total 0", None),
            ("Host: example.com: 5$ x", None),
            ("PS C:\\> dir", None),
            (">>> 1 + 1", None),
            ("(unclosed $ x", None),
        ] {
            assert_eq!(prompt_length(line), length, "{line}");
        }
    }

    #[test]
    fn fence_languages() {
        for (info, language) in [
            ("yaml", "yaml"),
            ("yaml title=\"a.yaml\"", "yaml"),
            ("rust,ignore", "rust"),
            ("{.python}", "python"),
            ("{ .yaml .copy }", "yaml"),
            ("{#id .sh}", "sh"),
            ("{}", ""),
            ("", ""),
        ] {
            assert_eq!(crate::markdown::info_language(info), language, "{info}");
        }
    }

    #[test]
    fn word_operators_are_keywords_and_signs_stay_plain() {
        let html = colour(grammar("python").unwrap(), "a = b and not c\n").unwrap();
        assert!(html.contains("<span class=\"hl-k\">and not"), "{html}");
        assert!(!html.contains("<span class=\"hl-k\">="), "{html}");
    }

    #[test]
    fn marked_lines_of_each_tool() {
        for (info, lines) in [
            ("js {1,4-6}", vec![(1, 1), (4, 6)]),
            ("jsx title=\"a.jsx\" {2} showLineNumbers", vec![(2, 2)]),
            ("python hl_lines=\"1 3-5\"", vec![(1, 1), (3, 5)]),
            ("{ .python hl_lines=\"2\" }", vec![(2, 2)]),
            ("rust,hl_lines=1 3-5,linenos", vec![(1, 1), (3, 5)]),
            (
                "go {linenos=table,hl_lines=[8,\"15-17\"],linenostart=199}",
                vec![(8, 8), (15, 17)],
            ),
            ("go {hl_lines=\"2 3\"}", vec![(2, 2), (3, 3)]),
            ("js title=\"has hl_lines=2 in it\"", vec![]),
            ("js title=\"hl_lines=2\" hl_lines=\"3\"", vec![(3, 3)]),
            ("yaml", vec![]),
            ("js {0,5-3,x}", vec![]),
            ("rust{a}", vec![]),
        ] {
            assert_eq!(marked_lines(info), lines, "{info}");
        }
    }

    #[test]
    fn line_numbers_of_each_tool() {
        for (info, first) in [
            ("jsx showLineNumbers", Some(1)),
            ("jsx title=\"a.jsx\" {2} showLineNumbers=40", Some(40)),
            ("python linenums=\"5\"", Some(5)),
            ("{ .python linenums=\"1 2\" }", Some(1)),
            (
                "go {linenos=table,hl_lines=[8,\"15-17\"],linenostart=199}",
                Some(199),
            ),
            ("go {lineNos=inline}", Some(1)),
            ("go {linenos=false}", None),
            ("rust,linenos", Some(1)),
            ("rust,hl_lines=1 3-5,linenos,linenostart=0", Some(0)),
            ("rust,linenostart=5", None),
            ("yaml title=\"linenos.yaml\"", None),
            ("yaml title=\"Enable linenos, showLineNumbers\"", None),
            ("yaml title='linenums=40' linenos", Some(1)),
            ("js title=\"a\\\"b\" showLineNumbers", Some(1)),
            ("py linenums=\"0\"", None),
            ("yaml", None),
            ("", None),
        ] {
            assert_eq!(line_numbers(info, false), first, "{info}");
        }
        // A site that numbers every block: all but those that say not.
        assert_eq!(line_numbers("yaml", true), Some(1));
        assert_eq!(line_numbers("rust,linenostart=5", true), Some(5));
        assert_eq!(line_numbers("go {linenos=false}", true), None);
        assert_eq!(line_numbers("py linenums=\"0\"", true), None);
    }

    #[test]
    fn numbered_lines_are_spans_of_their_own_marked_or_not() {
        let yaml = grammar("yaml").unwrap();
        let html = highlight(Some(yaml), "a: 1\n\nc: 3\n", &[(3, 3)], true).unwrap();
        assert_eq!(
            html,
            "<span class=\"hl-ln\"><span class=\"hl-t\">a</span>: <span class=\"hl-n\">1</span></span>\n\
             <span class=\"hl-ln\"></span>\n\
             <span class=\"hl-ln hl-line\"><span class=\"hl-t\">c</span>: <span class=\"hl-n\">3</span></span>\n"
        );
        // Without a grammar or marks, numbers alone are reason enough.
        let html = highlight(None, "one\n<two>", &[], true).unwrap();
        assert_eq!(
            html,
            "<span class=\"hl-ln\">one</span>\n<span class=\"hl-ln\">&lt;two&gt;</span>"
        );
    }

    #[test]
    fn marked_lines_are_spans_of_their_own_around_the_colours() {
        let yaml = grammar("yaml").unwrap();
        let html = highlight(Some(yaml), "a: 1\nb: \"x\ny\"\nc: 3", &[(2, 3)], false).unwrap();
        assert_eq!(
            html,
            "<span class=\"hl-t\">a</span>: <span class=\"hl-n\">1\n</span>\
             <span class=\"hl-line\"><span class=\"hl-t\">b</span>: <span class=\"hl-s\">\"x</span></span>\n\
             <span class=\"hl-line\"><span class=\"hl-s\">y\"</span></span>\n\
             <span class=\"hl-t\">c</span>: <span class=\"hl-n\">3</span>"
        );
        // A block no grammar colours gets its marks all the same; the last line has no break.
        let html = highlight(None, "one\n<two>", &[(2, 2)], false).unwrap();
        assert_eq!(html, "one\n<span class=\"hl-line\">&lt;two&gt;</span>");
        assert!(highlight(None, "one\n", &[], false).is_none());
    }

    #[test]
    fn too_long_a_line_or_block_stays_plain() {
        let yaml = grammar("yaml").unwrap();
        let line = format!("key: {}\n", "x".repeat(MAX_LINE));
        assert!(colour(yaml, &line).is_none());
        let block = "key: value\n".repeat(MAX_CODE / 10);
        assert!(colour(yaml, &block).is_none());
        assert!(colour(yaml, "key: value\n").is_some());
        // Its marks and numbers stay, uncoloured.
        let html = highlight(Some(yaml), &format!("a: 1\n{line}"), &[(1, 1)], true).unwrap();
        assert!(!html.contains("hl-t"), "{html:.200}");
        assert!(html.starts_with(
            "<span class=\"hl-ln hl-line\">a: 1</span>\n<span class=\"hl-ln\">key: xxx"
        ));
    }

    #[test]
    fn marks_in_any_order_overlapping_or_many() {
        let html = highlight(
            None,
            "a\nb\nc\nd\ne\n",
            &[(4, 5), (1, 2), (2, 2), (5, 9)],
            false,
        );
        assert_eq!(
            html.unwrap(),
            "<span class=\"hl-line\">a</span>\n<span class=\"hl-line\">b</span>\nc\n\
             <span class=\"hl-line\">d</span>\n<span class=\"hl-line\">e</span>\n"
        );
        // A mark for every other line of a long block: in linear time.
        let code = "x\n".repeat(200_000);
        let marks: Vec<(usize, usize)> = (1..200_000).step_by(2).map(|n| (n, n)).collect();
        let html = highlight(None, &code, &marks, false).unwrap();
        assert_eq!(html.matches("hl-line").count(), 100_000);
    }
}
