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
//! colour in reasonable time ([`MAX_CODE`], [`MAX_LINE`]), or one a grammar fails on.

use std::sync::OnceLock;

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};

/// The longest code block coloured, in bytes: the peers' largest examples are a few kilobytes.
pub const MAX_CODE: usize = 256 * 1024;

/// The longest line of a coloured block, in bytes: a longer one (minified JSON, a data URI) is
/// read by the grammars' regular expressions slowly, and reads no better coloured.
pub const MAX_LINE: usize = 4 * 1024;

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
    ("keyword.operator", ""),
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
}

fn grammars() -> &'static Grammars {
    static GRAMMARS: OnceLock<Grammars> = OnceLock::new();
    GRAMMARS.get_or_init(|| Grammars {
        syntaxes: two_face::syntax::extra_newlines(),
        kinds: KINDS
            .iter()
            .filter_map(|&(scope, class)| Some((Scope::new(scope).ok()?, class)))
            .collect(),
    })
}

/// The grammar of a language.
#[derive(Clone, Copy)]
pub struct Grammar(&'static SyntaxReference);

/// The grammar of a fenced block's language (`yaml`, `YAML`, `yml`, `shell`), if one knows it
/// and it colours anything (not `text`).
pub fn grammar(language: &str) -> Option<Grammar> {
    if language.is_empty() || language.len() > 40 {
        return None;
    }
    let lower = language.to_ascii_lowercase();
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map_or(lower.as_str(), |(_, name)| name);
    let syntaxes = &grammars().syntaxes;
    let syntax = syntaxes
        .find_syntax_by_token(name)
        .or_else(|| syntaxes.find_syntax_by_token(language))?;
    (syntax.name != "Plain Text").then_some(Grammar(syntax))
}

/// The HTML of a code block's text (what goes inside its `<code>`), coloured with `<span
/// class="hl-…">`s; `None` when it stays as it is: a language no grammar knows, a block or a
/// line too long ([`MAX_CODE`], [`MAX_LINE`]), or a grammar that fails on it.
pub fn highlight(grammar: Grammar, code: &str) -> Option<String> {
    if code.len() > MAX_CODE || code.split('\n').any(|line| line.len() > MAX_LINE) {
        return None;
    }
    crate::diagram::quietly_catching_panics(|| colour(grammar.0, code)).flatten()
}

fn colour(syntax: &SyntaxReference, code: &str) -> Option<String> {
    let grammars = grammars();
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut html = Html {
        out: String::with_capacity(code.len() * 2),
        open: "",
    };
    for line in code.split_inclusive('\n') {
        let ops = state.parse_line(line, &grammars.syntaxes).ok()?;
        let mut at = 0;
        for (i, op) in ops {
            // A grammar's offsets are at character boundaries; one that is not ends the colouring.
            html.piece(line.get(at..i)?, kind(&grammars.kinds, &stack));
            at = i;
            stack.apply(&op).ok()?;
        }
        html.piece(line.get(at..)?, kind(&grammars.kinds, &stack));
    }
    html.close();
    Some(html.out)
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

/// Coloured HTML being written: the class of the open `<span>`, "" when none is.
struct Html {
    out: String,
    open: &'static str,
}

impl Html {
    fn piece(&mut self, text: &str, class: &'static str) {
        if text.is_empty() {
            return;
        }
        // White space takes any colour: it joins the span open.
        if class != self.open && !text.trim().is_empty() {
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

    #[test]
    fn yaml_keys_strings_numbers_and_comments_take_their_classes() {
        let yaml = grammar("yaml").unwrap();
        let html = highlight(yaml, "# on call\nname: \"platform\"\nmembers: 7\n").unwrap();
        assert!(html.contains("<span class=\"hl-c\"># on call"), "{html}");
        assert!(html.contains("<span class=\"hl-t\">name</span>"), "{html}");
        assert!(html.contains("<span class=\"hl-s\">\"platform\""), "{html}");
        assert!(html.contains("<span class=\"hl-n\">7"), "{html}");
    }

    #[test]
    fn text_reads_back_unchanged_and_escaped() {
        let code = "if a < b && c > d {\n    return \"<x>\";\n}\n";
        let html = highlight(grammar("rust").unwrap(), code).unwrap();
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
        ] {
            assert!(grammar(language).is_some(), "{language}");
        }
        for language in ["", "text", "txt", "mermaid", "no-such-language", "console"] {
            assert!(grammar(language).is_none(), "{language}");
        }
    }

    #[test]
    fn too_long_a_line_or_block_stays_plain() {
        let yaml = grammar("yaml").unwrap();
        let line = format!("key: {}\n", "x".repeat(MAX_LINE));
        assert!(highlight(yaml, &line).is_none());
        let block = "key: value\n".repeat(MAX_CODE / 10);
        assert!(highlight(yaml, &block).is_none());
        assert!(highlight(yaml, "key: value\n").is_some());
    }
}
