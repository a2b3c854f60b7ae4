//! Code blocks are coloured when the site is built (`src/highlight.rs`): in the page and the
//! print view, their text as written; a language no grammar knows, `text`, an indented block
//! and a block too long to colour stay as they were; `[build] highlight = false` colours
//! nothing.

mod common;

use common::{attrs, sel, texts, Fixture};
use scraper::Html;

const YAML: &str = "# zebracorn rotation\nrotation:\n  name: \"platform <primary>\"   # who is paged\n  members: 7\n";
const SHELL: &str = "for team in a b; do\n  echo \"$team\" >&2\ndone\n";

fn page_with_code() -> Fixture {
    let f = Fixture::new();
    f.page(
        "code.md",
        "Code",
        &format!(
            "Intro.\n\n```yaml title=\"rotation.yaml\"\n{YAML}```\n\n```shell\n{SHELL}```\n\n\
             ```foo\nkey: value\n```\n\n```text\nkey: value\n```\n\n    key: value\n\nAfter.\n"
        ),
    );
    f
}

/// An mdBook book (its `book.toml` with `settings` after `[book]`) of an introduction and a
/// chapter, `zebra.md`, of `body`, built into `book/`.
fn mdbook_book(settings: &str, body: &str) -> Fixture {
    let f = Fixture::empty();
    f.file(
        "book.toml",
        &format!("[book]\ntitle = \"Book\"\n\n{settings}"),
    );
    f.file(
        "src/SUMMARY.md",
        "# Summary\n\n- [Intro](intro.md)\n- [Zebras](zebra.md)\n",
    );
    f.file("src/intro.md", "# Intro\n\nWelcome.\n");
    f.file("src/zebra.md", &format!("# Zebras\n\n{body}"));
    f
}

/// The classes of the coloured pieces of the document's code blocks, one list a block.
fn classes(doc: &Html) -> Vec<Vec<String>> {
    doc.select(&sel(".hb-content pre > code"))
        .map(|code| {
            code.select(&sel("span"))
                .map(|s| s.value().attr("class").unwrap_or_default().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn code_blocks_are_coloured_with_their_text_as_written() {
    let f = page_with_code();
    f.build().assert_ok();
    let doc = f.html("code/index.html");
    // The text of every block reads as written, coloured or not.
    assert_eq!(
        texts(&doc, ".hb-content pre > code"),
        [
            YAML.trim_end(),
            SHELL.trim_end(),
            "key: value",
            "key: value",
            "key: value"
        ]
    );
    assert_eq!(
        attrs(&doc, ".hb-content pre > code", "class"),
        [
            "language-yaml",
            "language-shell",
            "language-foo",
            "language-text"
        ]
    );
    let classes = classes(&doc);
    // Keys, strings, numbers and comments of the YAML, keywords and strings of the shell.
    assert_eq!(
        texts(&doc, "code.language-yaml .hl-t"),
        ["rotation", "name", "members"]
    );
    assert_eq!(
        texts(&doc, "code.language-yaml .hl-s"),
        ["\"platform <primary>\""]
    );
    assert_eq!(texts(&doc, "code.language-yaml .hl-n"), ["7"]);
    assert_eq!(texts(&doc, "code.language-yaml .hl-c").len(), 2);
    let keywords = texts(&doc, "code.language-shell .hl-k").join(" ");
    assert!(
        keywords.contains("for") && keywords.contains("done"),
        "{keywords}"
    );
    assert!(classes[1].iter().any(|c| c == "hl-s"), "{:?}", classes[1]);
    // A language no grammar knows, text and an indented block: not a span.
    assert!(
        classes[2..].iter().all(|c| c.is_empty()),
        "{:?}",
        &classes[2..]
    );
    // The title stays above its block.
    assert_eq!(texts(&doc, ".hb-code-title"), ["rotation.yaml"]);
    // The print view has the colours too.
    let print = f.html("print/index.html");
    assert_eq!(
        texts(&print, "code.language-yaml .hl-t"),
        ["rotation", "name", "members"]
    );
    // Search still reads what the code says.
    let index: String = walkdir::WalkDir::new(f.public().join("search"))
        .into_iter()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .collect();
    assert!(index.contains("zebracorn"));
}

#[test]
fn a_terminal_session_and_the_attribute_form_are_coloured() {
    let f = Fixture::new();
    let session = "$ make build\nok\n(venv) $ pytest -q\n3 passed\n";
    f.page(
        "a.md",
        "A",
        &format!("```console\n{session}```\n\n``` {{ .yaml .copy }}\nkey: 1\n```\n"),
    );
    f.build().assert_ok();
    let doc = f.html("a/index.html");
    assert_eq!(
        texts(&doc, ".hb-content pre > code"),
        [session.trim_end(), "key: 1"]
    );
    // (`texts` trims what it reads.)
    assert_eq!(texts(&doc, "code .hl-p"), ["$", "(venv) $"]);
    assert_eq!(texts(&doc, "code .hl-o"), ["ok", "3 passed"]);
    assert_eq!(
        attrs(&doc, ".hb-content pre > code", "class"),
        ["language-console", "language-yaml"]
    );
    assert_eq!(texts(&doc, "code.language-yaml .hl-t"), ["key"]);
    // Not coloured, the attribute form's class names the language all the same.
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n\n[build]\nhighlight = false\n",
    );
    f.build().assert_ok();
    let doc = f.html("a/index.html");
    assert_eq!(
        attrs(&doc, ".hb-content pre > code", "class"),
        ["language-console", "language-yaml"]
    );
}

#[test]
fn lines_marked_as_each_tool_marks_them() {
    let f = Fixture::new();
    f.page(
        "a.md",
        "A",
        "```js {2}\nlet a = 1;\nlet b = 2;\nlet c = 3;\n```\n\n```python hl_lines=\"1 3\"\nx = 1\ny = 2\nz = 3\n```\n\n```text {1-2}\nplain <one>\nplain two\nthree\n```\n",
    );
    f.build().assert_ok();
    for page in ["a/index.html", "print/index.html"] {
        let doc = f.html(page);
        assert_eq!(
            texts(&doc, ".hb-content pre > code"),
            [
                "let a = 1;\nlet b = 2;\nlet c = 3;",
                "x = 1\ny = 2\nz = 3",
                "plain <one>\nplain two\nthree"
            ],
            "{page}"
        );
        assert_eq!(
            texts(&doc, "pre .hl-line"),
            ["let b = 2;", "x = 1", "z = 3", "plain <one>", "plain two"],
            "{page}"
        );
        // Colours inside a marked line; none in a block no grammar colours.
        assert_eq!(texts(&doc, "code.language-js .hl-line .hl-k"), ["let"]);
        assert_eq!(
            doc.select(&sel("code.language-text span:not(.hl-line)"))
                .count(),
            0
        );
    }
}

#[test]
fn highlight_false_leaves_every_block_plain() {
    let f = page_with_code();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n\n[build]\nhighlight = false\n",
    );
    f.build().assert_ok();
    let doc = f.html("code/index.html");
    assert!(classes(&doc).iter().all(|c| c.is_empty()));
    assert_eq!(texts(&doc, ".hb-content pre > code")[0], YAML.trim_end());
}

#[test]
fn highlight_false_is_read_from_an_mdbook_book_toml() {
    let f = mdbook_book(
        "[build]\nbuild-dir = \"book\"\nhighlight = false\n",
        "```rust\nfn main() {}\n```\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("highlight"), "{}", run.stderr);
    let doc = f.html_in("book", "zebra/index.html");
    assert!(classes(&doc).iter().all(|c| c.is_empty()));
}

#[test]
fn code_that_closes_its_block_stays_text() {
    let f = Fixture::new();
    let code = "x: \"</code></pre><script>alert(1)</script>\"\n# <img src=x onerror=alert(2)>\n</code></pre><b>bold</b>\n";
    f.page("a.md", "A", &format!("```yaml\n{code}```\n"));
    f.build().assert_ok();
    let doc = f.html("a/index.html");
    assert_eq!(texts(&doc, ".hb-content pre > code"), [code.trim_end()]);
    assert_eq!(
        doc.select(&sel(".hb-content script, .hb-content img, .hb-content b"))
            .count(),
        0
    );
    assert!(!classes(&doc)[0].is_empty());
}

#[test]
fn a_block_too_long_to_colour_shows_as_written() {
    let f = Fixture::new();
    let long = format!("{{\"data\": \"{}\"}}", "x".repeat(5000));
    f.page(
        "a.md",
        "A",
        &format!("```json\n{long}\n```\n\n```json\n{{\"short\": 1}}\n```\n"),
    );
    f.build().assert_ok();
    let doc = f.html("a/index.html");
    assert_eq!(texts(&doc, ".hb-content pre > code")[0], long);
    let classes = classes(&doc);
    assert!(
        classes[0].is_empty() && !classes[1].is_empty(),
        "{classes:?}"
    );
}

#[test]
fn a_cycle_of_empty_matches_ends() {
    // In the JavaScript grammar bat ships, `x /*` sent two contexts that set each other
    // without consuming anything round forever: the build hung (vendor/README.md).
    let code = "let total = count /* cents */ + 1;\nx /*\n{x /* a\nx = y /**/\n1 /*";
    let f = Fixture::new();
    f.page(
        "a.md",
        "A",
        &format!("```javascript\n{code}\n```\n\n```js\n{code}\n```\n"),
    );
    f.build().assert_ok();
    let doc = f.html("a/index.html");
    assert_eq!(texts(&doc, ".hb-content pre > code"), [code, code]);
    // The comments are still coloured as comments.
    for block in classes(&doc) {
        assert!(block.iter().any(|c| c == "hl-c"), "{block:?}");
    }

    // The cycle comes back at each space between a statement and a comment: it is broken
    // as soon as a state repeats, so a block of such lines is coloured whole, well within the
    // second a block may take (it took over a second, and showed plain, when each space cost
    // 1,000 tokens).
    let lines: Vec<String> = (0..300)
        .map(|i| {
            format!(
                "{:<40}/* what it does */",
                format!("config.option{i} = {i}")
            )
        })
        .collect();
    let code = lines.join("\n");
    f.page("b.md", "B", &format!("```javascript\n{code}\n```\n"));
    f.build().assert_ok();
    let doc = f.html("b/index.html");
    assert_eq!(texts(&doc, ".hb-content pre > code"), [code.as_str()]);
    let comments = classes(&doc)[0].iter().filter(|c| *c == "hl-c").count();
    assert_eq!(comments, 300);
}

#[test]
fn an_mdbook_rust_example_is_coloured_without_its_hidden_lines() {
    let f = mdbook_book(
        "",
        "```rust,editable\n# use std::io;\nfn main() {\n    let n = 1; // one\n}\n```\n",
    );
    f.build().assert_ok();
    let doc = f.html_in("book", "zebra/index.html");
    assert_eq!(
        texts(&doc, ".hb-content pre > code"),
        ["fn main() {\n    let n = 1; // one\n}"]
    );
    assert_eq!(
        attrs(&doc, ".hb-content pre > code", "class"),
        ["language-rust editable"]
    );
    assert_eq!(texts(&doc, "pre .hl-c"), ["// one"]);
    assert!(texts(&doc, "pre .hl-k").iter().any(|k| k.trim() == "fn"));
}

/// The lines of each code block, as the spans `sel` picks in it: each span's text, one list a
/// block.
fn line_spans(doc: &Html, css: &str) -> Vec<Vec<String>> {
    doc.select(&sel(".hb-content pre > code"))
        .map(|code| code.select(&sel(css)).map(|s| s.text().collect()).collect())
        .collect()
}

#[test]
fn lines_are_numbered_as_each_tool_asks_and_the_numbers_are_not_text() {
    let f = Fixture::new();
    f.page(
        "code.md",
        "Code",
        "```js showLineNumbers=5\nconst a = 1;\n\nconst b = 2;\n```\n\n\
         ```python linenums=\"1\" hl_lines=\"2\"\nx = 1\ny = 2\n```\n\n\
         ```rust,linenos,linenostart=98\nfn a() {}\nfn b() {}\nfn c() {}\n```\n\n\
         ```text showLineNumbers\nplain <words>\n```\n\n\
         ```go {linenos=false}\nx := 1\n```\n",
    );
    f.build().assert_ok();
    let doc = f.html("code/index.html");
    // The text is the code as written: the numbers are the theme's (CSS counters), not text.
    assert_eq!(
        texts(&doc, ".hb-content pre > code"),
        [
            "const a = 1;\n\nconst b = 2;",
            "x = 1\ny = 2",
            "fn a() {}\nfn b() {}\nfn c() {}",
            "plain <words>",
            "x := 1"
        ]
    );
    // Where the count starts (one before the first line's number) and the gutter's digits.
    assert_eq!(
        attrs(&doc, ".hb-content pre > code.hl-numbered", "style"),
        [
            "counter-reset:hl-ln 4;--hl-digits:1",
            "counter-reset:hl-ln 0;--hl-digits:1",
            "counter-reset:hl-ln 97;--hl-digits:3",
            "counter-reset:hl-ln 0;--hl-digits:1"
        ]
    );
    // Every line of a numbered block is a span of its own, the empty one too; marks stay.
    let numbered = line_spans(&doc, "span.hl-ln");
    assert_eq!(
        numbered,
        [
            vec!["const a = 1;", "", "const b = 2;"],
            vec!["x = 1", "y = 2"],
            vec!["fn a() {}", "fn b() {}", "fn c() {}"],
            vec!["plain <words>"],
            vec![]
        ]
    );
    assert_eq!(line_spans(&doc, "span.hl-ln.hl-line")[1], ["y = 2"]);
    // A block that marks lines without a language has no class; a numbered session's output
    // lines, blank ones too, are output (which the copy button leaves out).
    let f2 = Fixture::new();
    f2.page(
        "code.md",
        "Code",
        "```{2}\na\nb\n```\n\n```console linenos\n$ make\ncc -o a a.c\n\n   \ndone\n```\n",
    );
    f2.build().assert_ok();
    let doc2 = f2.html("code/index.html");
    assert_eq!(
        doc2.select(&sel(".hb-content pre > code"))
            .map(|c| c.value().attr("class").map(str::to_string))
            .collect::<Vec<_>>(),
        [None, Some("language-console hl-numbered".to_string())]
    );
    let output: Vec<usize> = doc2
        .select(&sel("code.language-console > .hl-ln"))
        .map(|line| line.select(&sel(".hl-o")).count())
        .collect();
    assert_eq!(output, [0, 1, 1, 1, 1]);
    // `linenos=false` numbers nothing, and the block is coloured as before.
    assert!(!doc.html().contains("class=\"language-go hl-numbered"));
    // The print view numbers them too.
    let print = f.html("print/index.html");
    assert_eq!(attrs(&print, "pre > code.hl-numbered", "style").len(), 4);
}

/// A Docusaurus site whose config is `config` and whose one page holds `body`.
fn docusaurus_site(config: &str, body: &str) -> Fixture {
    let f = Fixture::empty();
    f.file(
        "docusaurus.config.js",
        &format!("module.exports = {{\n  title: 'Docs',\n{config}}};\n"),
    );
    f.file("docs/index.md", &format!("# Home\n\n{body}"));
    f
}

#[test]
fn docusaurus_magic_comments_mark_lines_and_are_not_shown() {
    let f = docusaurus_site(
        "",
        "```js\nfunction a() {\n  // highlight-next-line\n  return 1;\n}\n\
         /* highlight-start */\nconst b = 2;\nconst c = 3;\n  //   highlight-end  \nb();\n```\n\n\
         ```jsx\n<div>\n  {/* highlight-next-line */}\n  <p/>\n</div>\n```\n\n\
         ```python\n# highlight-next-line\nx = 1\n// highlight-next-line\n```\n\n\
         ```yaml {2}\n# highlight-next-line\na: 1\n```\n\n\
         ```html\n<!-- highlight-next-line -->\n<p></p>\n```\n\n\
         ```\nno language # highlight-next-line\n# highlight-next-line\nshown\n```\n",
    );
    f.build().assert_ok();
    let doc = f.html_in("build", "index.html");
    assert_eq!(
        texts(&doc, ".hb-content pre > code"),
        [
            "function a() {\n  return 1;\n}\nconst b = 2;\nconst c = 3;\nb();",
            "<div>\n  <p/>\n</div>",
            // `//` is no comment in Python: shown.
            "x = 1\n// highlight-next-line",
            // A block whose info string marks lines keeps its comments, as in Docusaurus.
            "# highlight-next-line\na: 1",
            "<p></p>",
            // A block of no language keeps them, as in Docusaurus.
            "no language # highlight-next-line\n# highlight-next-line\nshown"
        ]
    );
    assert_eq!(
        line_spans(&doc, "span.hl-line"),
        [
            vec!["  return 1;", "const b = 2;", "const c = 3;"],
            vec!["  <p/>"],
            vec!["x = 1"],
            vec!["a: 1"],
            vec!["<p></p>"],
            vec![]
        ]
    );
    // Search finds the code as shown.
    let index: String = common::snapshot(&f.root().join("build/search"))
        .values()
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    assert!(index.contains("\"const\""), "the code is indexed");
    assert!(!index.contains("\"start\""), "a magic comment is not");
}

#[test]
fn a_docusaurus_configs_own_magic_comments_replace_the_defaults() {
    let f = docusaurus_site(
        "  themeConfig: {\n    prism: {\n      magicComments: [\n        \
         {className: 'theme-code-block-highlighted-line', line: 'highlight-next-line'},\n        \
         {className: 'code-block-error-line', line: 'This will error', block: {start: 'err-start', end: 'err-end'}},\n      \
         ],\n    },\n  },\n",
        "```js\n// This will error\nnull.x;\n// highlight-start\nkept();\n// err-start\na();\nb();\n// err-end\n```\n",
    );
    f.build().assert_ok();
    let doc = f.html_in("build", "index.html");
    assert_eq!(
        texts(&doc, ".hb-content pre > code"),
        ["null.x;\n// highlight-start\nkept();\na();\nb();"]
    );
    assert_eq!(
        line_spans(&doc, "span.hl-line"),
        [vec!["null.x;", "a();", "b();"]]
    );

    // A quoted key, after a string with a brace in it; and the language of blocks that name
    // none, in which magic comments are read too.
    let f = docusaurus_site(
        "  themeConfig: { prism: { defaultLanguage: 'js', x: '}',\n    \"magicComments\": [{line: 'look-here'}] } },\n",
        "```\n// look-here\nconst a = 1;\n```\n",
    );
    f.build().assert_ok();
    let doc = f.html_in("build", "index.html");
    assert_eq!(texts(&doc, ".hb-content pre > code"), ["const a = 1;"]);
    assert_eq!(
        attrs(&doc, ".hb-content pre > code", "class"),
        ["language-js"]
    );
    assert_eq!(line_spans(&doc, "span.hl-line"), [vec!["const a = 1;"]]);
    assert!(!classes(&doc)[0].is_empty(), "coloured as JavaScript");

    // The name in a string before the setting, and `defaultLanguage` in another object before
    // prism's: each setting is prism's own.
    let f = docusaurus_site(
        "  tagline: 'We use magicComments: lots',\n  plugins: [['p', {defaultLanguage: 'fr'}]],\n  \
         themeConfig: { prism: { defaultLanguage: 'python', magicComments: [{line: 'look-here'}] } },\n",
        "```\n# look-here\nx = 1\n```\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("magicComments"), "{}", run.stderr);
    let doc = f.html_in("build", "index.html");
    assert_eq!(
        attrs(&doc, ".hb-content pre > code", "class"),
        ["language-python"]
    );
    assert_eq!(line_spans(&doc, "span.hl-line"), [vec!["x = 1"]]);

    // Comments a program computes, or a variable names, are not read: Docusaurus' own then,
    // and a warning at the place.
    for (config, at) in [
        (
            "  themeConfig: { prism: { magicComments: [...base] } },\n",
            "3:43",
        ),
        ("  themeConfig: { prism: { magicComments } },\n", "3:27"),
    ] {
        let f = docusaurus_site(config, "```js\n// highlight-next-line\na();\n```\n");
        let run = f.build();
        run.assert_ok();
        let warning = format!(
            "docusaurus.config.js:{at}: warning: handbook reads `magicComments` written as data"
        );
        assert!(run.stderr.contains(&warning), "{}", run.stderr);
        let doc = f.html_in("build", "index.html");
        assert_eq!(line_spans(&doc, "span.hl-line"), [vec!["a();"]]);
    }
}

#[test]
fn magic_comments_are_docusaurus_own_and_other_handbooks_show_them() {
    let f = Fixture::new();
    f.page(
        "code.md",
        "Code",
        "```js\n// highlight-next-line\na();\n```\n",
    );
    f.build().assert_ok();
    let doc = f.html("code/index.html");
    assert_eq!(
        texts(&doc, ".hb-content pre > code"),
        ["// highlight-next-line\na();"]
    );
    assert!(line_spans(&doc, "span.hl-line")[0].is_empty());
}

#[test]
fn a_hugo_highlight_shortcodes_options_mark_and_number_lines() {
    let f = Fixture::empty();
    f.file("hugo.toml", "title = 'T'\nbaseURL = '/'\n");
    f.file(
        "content/_index.md",
        "---\ntitle: Home\n---\n\n\
         {{< highlight go \"linenos=table,hl_lines=2,linenostart=199\" >}}\nx := 1\ny := 2\n{{< /highlight >}}\n",
    );
    f.build().assert_ok();
    let doc = f.html_in("public", "index.html");
    assert_eq!(texts(&doc, ".hb-content pre > code"), ["x := 1\ny := 2"]);
    assert_eq!(
        attrs(&doc, ".hb-content pre > code", "style"),
        ["counter-reset:hl-ln 198;--hl-digits:3"]
    );
    assert_eq!(line_spans(&doc, "span.hl-line"), [vec!["y := 2"]]);
}

#[test]
fn a_site_may_number_every_block_as_each_tool_says() {
    let body = "```yaml\na: 1\nb: 2\n```\n\n```go {linenos=false}\nx := 1\n```\n\n\
                ```\nno language\n```\n\n    indented\n";
    let numbered = |doc: &Html| attrs(doc, ".hb-content pre > code.hl-numbered", "class");
    // handbook's own setting.
    let f = Fixture::empty();
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[build]\nline_numbers = true\n",
    );
    f.file(
        "content/index.md",
        &format!("---\ntitle: Home\n---\n\n{body}"),
    );
    f.build().assert_ok();
    assert_eq!(
        numbered(&f.html("index.html")),
        ["language-yaml hl-numbered"]
    );
    // MkDocs' `pymdownx.highlight` with `linenums: true`, among tagged settings.
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: S\nmarkdown_extensions:\n  - pymdownx.highlight:\n      linenums: true\n      \
         pygments_lang_class: true\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
    );
    f.file("docs/index.md", &format!("# Home\n\n{body}"));
    f.build().assert_ok();
    assert_eq!(
        numbered(&f.html_in("site", "index.html")),
        ["language-yaml hl-numbered"]
    );
    // Hugo's `[markup.highlight] lineNos = true`.
    let f = Fixture::empty();
    f.file(
        "hugo.toml",
        "title = 'T'\nbaseURL = '/'\n[markup.highlight]\nlineNos = true\n",
    );
    f.file(
        "content/_index.md",
        &format!("---\ntitle: Home\n---\n\n{body}"),
    );
    f.build().assert_ok();
    assert_eq!(
        numbered(&f.html_in("public", "index.html")),
        ["language-yaml hl-numbered"]
    );
    // Without them, none.
    let f = Fixture::new();
    f.page("code.md", "Code", body);
    f.build().assert_ok();
    assert!(numbered(&f.html("code/index.html")).is_empty());
}
