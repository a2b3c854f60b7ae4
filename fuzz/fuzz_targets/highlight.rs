//! The colouring of code blocks (`highlight::highlight`): whatever the code, in whichever
//! language, with lines marked or numbered or not, it never panics, and what it writes is the
//! code's text, escaped, inside `<span class="hl-…">` elements that neither nest (but in a
//! line's own span) nor stay open.
#![no_main]

use handbook::highlight::{grammar, highlight};
use libfuzzer_sys::fuzz_target;

/// Languages a handbook's code blocks are written in; the input's first byte picks one.
const LANGUAGES: &[&str] = &[
    "yaml",
    "json",
    "bash",
    "toml",
    "markdown",
    "python",
    "javascript",
    "typescript",
    "rust",
    "go",
    "sql",
    "html",
    "css",
    "dockerfile",
    "hcl",
    "diff",
    "ruby",
    "java",
    "xml",
    "ini",
    "powershell",
    "c",
    "cpp",
    "csharp",
    "php",
    "kotlin",
    "swift",
    "lua",
    "nix",
    "graphql",
    "console",
    "ini",
    "less",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, code)) = data.split_first() else {
        return;
    };
    let Ok(code) = std::str::from_utf8(code) else {
        return;
    };
    let language = LANGUAGES[usize::from(pick & 0x7f) % LANGUAGES.len()];
    let Some(grammar) = grammar(language) else {
        panic!("no grammar for {language}");
    };
    // With the first byte's top bit, lines 1-2 and 4 are marked; with the next, the lines are
    // numbered; with both, there is no grammar.
    let marked = match pick & 0x80 != 0 {
        true => vec![(1, 2), (4, 4)],
        false => Vec::new(),
    };
    let numbered = pick & 0x40 != 0;
    let grammar = Some(grammar).filter(|_| pick & 0xc0 != 0xc0);
    let Some(html) = highlight(grammar, code, &marked, numbered) else {
        return;
    };
    let mut text = String::new();
    let mut open = false;
    let mut line_open = false;
    let mut rest = html.as_str();
    while let Some(at) = rest.find(['<', '&']) {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("</span>") {
            assert!(
                open || line_open,
                "a span closed that was not open: {html:?}"
            );
            if open {
                open = false;
            } else {
                line_open = false;
            }
            rest = after;
        } else if let Some(after) = ["hl-line", "hl-ln", "hl-ln hl-line"]
            .iter()
            .find_map(|class| rest.strip_prefix(&format!("<span class=\"{class}\">")))
        {
            assert!(!open && !line_open, "a line's span inside a span: {html:?}");
            assert!(
                (numbered || !marked.is_empty()) && after.len() < rest.len(),
                "a line's span without marks or numbers: {html:?}"
            );
            line_open = true;
            rest = after;
        } else if rest.starts_with("<span class=\"hl-") {
            assert!(!open, "spans nest: {html:?}");
            let end = rest.find("\">").expect("an open tag ends");
            let class = &rest["<span class=\"hl-".len()..end];
            assert!(
                class.len() == 1 && class.chars().all(|c| c.is_ascii_lowercase()),
                "class hl-{class}: {html:?}"
            );
            open = true;
            rest = &rest[end + 2..];
        } else {
            let (entity, character) = [("&lt;", '<'), ("&gt;", '>'), ("&amp;", '&')]
                .into_iter()
                .find(|(entity, _)| rest.starts_with(entity))
                .unwrap_or_else(|| panic!("markup that is not a span: {rest:.40?} in {html:?}"));
            text.push(character);
            rest = &rest[entity.len()..];
        }
    }
    text.push_str(rest);
    assert!(!open && !line_open, "a span left open: {html:?}");
    assert_eq!(text, code, "the text is not the code's");
});
