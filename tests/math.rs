//! TeX math is drawn as MathML when the handbook asks for math (`[build] math`, or the tool it
//! was written for has it on): every tool's delimiters, no script, and dollars that are not
//! math stay dollars.

mod common;

use common::{sel, texts, Fixture};
use scraper::Html;

/// The MathML of a page: each `<math>` element's `display` and its HTML.
fn maths(page: &Html) -> Vec<(String, String)> {
    page.select(&sel(".hb-content math"))
        .map(|m| {
            (
                m.value().attr("display").unwrap_or("").to_string(),
                m.html(),
            )
        })
        .collect()
}

/// The `display` of each `<math>` element of a page.
fn displays_of(page: &Html) -> Vec<String> {
    maths(page).into_iter().map(|(d, _)| d).collect()
}

/// The text of a page's content, with white space made single spaces.
fn content_text(page: &Html) -> String {
    let text: String = page
        .select(&sel(".hb-content"))
        .flat_map(|e| e.text())
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn dollars_are_math_when_the_handbook_asks_and_errors_name_their_place() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n[build]\nmath = true\n",
    );
    f.page(
        "capacity.md",
        "Capacity",
        "Load grows as $n^2$ while $\\sqrt[3](x)$ is no link.\n\n\
         $$\n\\frac{a}{b} = \\sum_{i=1}^{n} x_i\n$$\n\n\
         ## Cost is $O(n)$\n\n\
         Code `$x$` stays; \\$5 is a price; $a < b$ and $\\operatorname{<b}$.\n\n\
         Bad $\\frac{a}$ and $a + \\boxed{b}$ here.\n",
    );
    let run = f.build();
    run.assert_ok();
    // A formula that cannot be read is a warning at its place, naming what is wrong.
    assert!(
        run.stderr.contains(
            "content/capacity.md:14:5: warning: this math cannot be read: expected a token"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "content/capacity.md:14:20: warning: this math cannot be read: `\\boxed` is not a \
             command handbook knows"
        ),
        "{}",
        run.stderr
    );
    let page = f.html("capacity/index.html");
    let found = maths(&page);
    let displays: Vec<&str> = found.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(
        displays,
        ["inline", "inline", "block", "inline", "inline", "inline"],
        "{found:?}"
    );
    assert!(
        found[0].1.contains("<msup><mi>n</mi><mn>2</mn></msup>"),
        "{found:?}"
    );
    assert!(found[1].1.contains("<mroot>"), "{found:?}");
    assert!(found[2].1.contains("<mfrac>") && found[2].1.contains("<munderover>"));
    // The operators and identifiers' own `<` are text, not tags.
    assert_eq!(
        texts(&page, ".hb-content p math mo")
            .iter()
            .filter(|t| *t == "<")
            .count(),
        1
    );
    assert!(found[5].1.contains("<mi>&lt;b</mi>"), "{found:?}");
    // The heading's id and contents entry name its math as written.
    assert_eq!(
        texts(&page, ".hb-content h2").first().map(String::as_str),
        Some("Cost is O(n)#")
    );
    assert_eq!(
        page.select(&sel(".hb-content h2"))
            .next()
            .and_then(|h| h.value().id()),
        Some("cost-is-on")
    );
    let text = content_text(&page);
    assert!(text.contains("Code $x$ stays; $5 is a price;"), "{text}");
    assert_eq!(
        texts(&page, ".hb-content code.hb-math-error"),
        ["\\frac{a}", "a + \\boxed{b}"]
    );
    // The print view draws the same math.
    let print = f.html("print/index.html");
    assert_eq!(print.select(&sel("math")).count(), 6);
}

#[test]
fn without_math_dollars_are_text() {
    let f = Fixture::new();
    f.page(
        "budget.md",
        "Budget",
        "Seats cost $5-$10 a month, and $n^2$ is text here.\n",
    );
    f.build().assert_ok();
    let page = f.html("budget/index.html");
    assert!(maths(&page).is_empty());
    assert!(content_text(&page).contains("Seats cost $5-$10 a month, and $n^2$ is text here."));
}

#[test]
fn mkdocs_arithmatex_brackets_dollars_and_environments() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: Maths\nmarkdown_extensions:\n  - admonition\n  - pymdownx.arithmatex:\n      \
         generic: true\nextra_javascript:\n  - javascripts/mathjax.js\n",
    );
    f.file("docs/javascripts/mathjax.js", "window.MathJax = {};\n");
    f.file(
        "docs/index.md",
        "# Maths\n\nInline \\( a \\% n = b \\% n \\) and $X_n$; escaped \\\\(no\\\\).\n\n\
         \\[\na \\equiv b \\mod n\n\\]\n\n\
         \\begin{align}\nx &= 1 \\\\\ny &= 2\n\\end{align}\n\n\
         !!! note \"Formula\"\n    $$\n    E = mc^2\n    $$\n\n\
         Prices: $5 and $6 stay.\n",
    );
    f.run(&["build"]).assert_ok();
    let page = f.html_in("site", "index.html");
    let found = maths(&page);
    let displays: Vec<&str> = found.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(
        displays,
        ["inline", "inline", "block", "block", "block"],
        "{found:?}"
    );
    assert!(found[0].1.contains("<mi>%</mi>"), "{found:?}");
    assert!(found[2].1.contains(">mod<"), "{found:?}");
    assert!(found[3].1.contains("<mtable"), "{found:?}");
    // Math in an admonition is drawn inside its callout.
    assert_eq!(page.select(&sel(".hb-callout math")).count(), 1);
    let text = content_text(&page);
    assert!(text.contains("escaped \\(no\\)."), "{text}");
    assert!(text.contains("Prices: $5 and $6 stay."), "{text}");
}

#[test]
fn mdbook_mathjax_gitbook_and_docusaurus_math() {
    // mdBook: `\\( \\)` and `\\[ \\]` with mathjax-support; a `$` is a dollar.
    let f = mdbook_with_math(
        "# Intro\n\nSum \\\\( \\sum_i x_i \\\\) costs $5-$10.\n\n\\\\[\n\\int_0^1 f\n\\\\]\n",
    );
    f.build().assert_ok();
    let page = f.html_in("book", "index.html");
    let displays = displays_of(&page);
    assert_eq!(displays, ["inline", "block"]);
    assert!(content_text(&page).contains("costs $5-$10."));

    // GitBook: `$$…$$`, inline in a line of text, displayed alone.
    let f = Fixture::empty();
    f.file(".gitbook.yaml", "root: ./docs/\n");
    f.file(
        "docs/README.md",
        "# Book\n\nFrom $5, $$x^2$$ inline.\n\n$$\ny = mx + b\n$$\n",
    );
    f.file("docs/SUMMARY.md", "# Summary\n\n* [Book](README.md)\n");
    f.build().assert_ok();
    let page = f.html_in("public", "index.html");
    let displays = displays_of(&page);
    assert_eq!(displays, ["inline", "block"]);
    assert!(content_text(&page).contains("From $5,"));

    // Docusaurus with remark-math; without it, dollars are text.
    for (plugin, count) in [("remarkPlugins: [require('remark-math')],", 1), ("", 0)] {
        let f = Fixture::empty();
        f.file(
            "docusaurus.config.js",
            &format!(
                "module.exports = {{ title: 'Site', presets: [['classic', {{ docs: {{ {plugin} }} }}]] }};\n"
            ),
        );
        f.file("docs/intro.md", "# Intro\n\nEnergy $E = mc^2$.\n");
        f.build().assert_ok();
        let page = f.html_in("build", "intro/index.html");
        assert_eq!(maths(&page).len(), count, "{plugin}");
    }
}

#[test]
fn hugo_passthrough_math_with_and_without_dollars() {
    for (inline, dollars) in [
        ("[['\\(', '\\)']]", false),
        ("[['\\(', '\\)'], ['$', '$']]", true),
    ] {
        let f = Fixture::empty();
        f.file(
            "hugo.toml",
            &format!(
                "title = 'Site'\n[markup.goldmark.extensions.passthrough]\nenable = true\n\
                 [markup.goldmark.extensions.passthrough.delimiters]\n\
                 block = [['\\[', '\\]'], ['$$', '$$']]\ninline = {inline}\n"
            ),
        );
        f.file("content/_index.md", "---\ntitle: Home\n---\nHome.\n");
        f.file(
            "content/maths.md",
            "---\ntitle: Maths\n---\nInline \\(a^2\\), then $b$ for $5.\n\n\\[\nc\n\\]\n\n$$\nd\n$$\n",
        );
        f.build().assert_ok();
        let page = f.html("maths/index.html");
        let displays = displays_of(&page);
        if dollars {
            assert_eq!(displays, ["inline", "inline", "block", "block"]);
        } else {
            assert_eq!(displays, ["inline", "block", "block"]);
            assert!(content_text(&page).contains("then $b$ for $5."));
        }
    }
    // Without passthrough, Hugo shows math as written.
    let f = Fixture::empty();
    f.file("hugo.toml", "title = 'Site'\n");
    f.file(
        "content/_index.md",
        "---\ntitle: Home\n---\nArea \\(x\\) and $y$.\n",
    );
    f.build().assert_ok();
    assert!(maths(&f.html("index.html")).is_empty());
}

#[test]
fn tex_never_makes_tags_and_addresses_and_images_are_left_alone() {
    // Native: TeX that would write tags, math in an image's text, search reads the TeX.
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n[build]\nmath = true\n",
    );
    f.file("content/chart.png", "PNG");
    f.page(
        "safe.md",
        "Safe",
        "A $\\operatorname{<mi tabindex=1 autofocus onfocus=alert(1)>}$ B\n\n\
         O $\\operatorname{</mi><mrow style=\"position:fixed\"><mtext>P</mtext></mrow><mi>}$ Q\n\n\
         C $\\operatorname{</math></p><main>}$ D\n\n\
         ![Chart of $x^2$](chart.png)\n\nEnergy $E = mc^2$ here.\n",
    );
    f.build().assert_ok();
    let page = f.html("safe/index.html");
    assert_eq!(
        page.select(&sel(
            "[onfocus], [autofocus], .hb-content main, .hb-content [style]"
        ))
        .count(),
        0
    );
    assert_eq!(
        texts(&page, ".hb-content p")
            .iter()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>(),
        [
            "A <mi tabindex=1 autofocus onfocus=alert(1)> B",
            "O </mi><mrow style=\"position:fixed\"><mtext>P</mtext></mrow><mi> Q",
            "C </math></p><main> D",
            "",
            "Energy E=mc2 here."
        ]
    );
    assert_eq!(
        page.select(&sel(".hb-content img"))
            .filter_map(|i| i.value().attr("alt"))
            .collect::<Vec<_>>(),
        ["Chart of x^2"]
    );
    let search: String = walk_texts(&f.public().join("search"));
    // Search reads the TeX: `mc^2` is a word of the index.
    assert!(search.contains("[\"mc\",\"mc\""), "{search}");

    // MkDocs: escaped brackets in text, addresses and images stay as written.
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: Maths\nmarkdown_extensions:\n  - pymdownx.arithmatex\n",
    );
    f.file("docs/graph(1).png", "PNG");
    f.file(
        "docs/index.md",
        "# Maths\n\nSee \\[1\\] and a\\[0\\].\n\n\
         [Set](https://en.wikipedia.org/wiki/Set_\\(mathematics\\)) and ![Graph](graph\\(1\\).png)\n",
    );
    f.build().assert_ok();
    let page = f.html_in("site", "index.html");
    assert!(maths(&page).is_empty());
    assert!(content_text(&page).contains("See [1] and a[0]."));
    assert_eq!(
        page.select(&sel(".hb-content a"))
            .filter_map(|a| a.value().attr("href"))
            .collect::<Vec<_>>(),
        ["https://en.wikipedia.org/wiki/Set_(mathematics)"]
    );

    // mdBook: the TeX is what Markdown made of the text, as MathJax gets it there.
    let f = mdbook_with_math(
        "# Intro\n\n\\\\[ \\begin{cases} \\frac 1 2 \\\\\\\\ \\frac 3 4 \\end{cases} \\\\]\n\n\
         Index \\\\( x\\_1 \\\\), set \\\\( \\\\{ y \\\\} \\\\), \
         <https://graph.example.com/users?$select=id>.\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("math"), "{}", run.stderr);
    let page = f.html_in("book", "index.html");
    assert_eq!(page.select(&sel("math mtable mtr")).count(), 2);
    assert_eq!(page.select(&sel("math msub")).count(), 1);
    assert_eq!(
        page.select(&sel(".hb-content a"))
            .filter_map(|a| a.value().attr("href"))
            .collect::<Vec<_>>(),
        ["https://graph.example.com/users?$select=id"]
    );
}

/// The text of every file below `dir`.
fn walk_texts(dir: &std::path::Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            all.push_str(&walk_texts(&path));
        } else {
            all.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
    all
}

/// An mdBook book with `mathjax-support`, its one chapter `readme`.
fn mdbook_with_math(readme: &str) -> Fixture {
    let f = Fixture::empty();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Book\"\n[output.html]\nmathjax-support = true\n",
    );
    f.file("src/SUMMARY.md", "# Summary\n\n[Intro](README.md)\n");
    f.file("src/README.md", readme);
    f
}

#[test]
fn macros_of_a_formula_are_known_to_the_next_ones_on_the_page() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n[build]\nmath = true\n",
    );
    f.page(
        "defs.md",
        "Defs",
        "$$\\DeclareMathOperator{\\rank}{rank} \\newcommand{\\E}{\\mathbb{E}}$$\n\n\
         The rank $\\rank A$ and $\\E[X]$.\n",
    );
    f.page("other.md", "Other", "Here $\\rank A$ is unknown.\n");
    let run = f.build();
    run.assert_ok();
    let page = f.html("defs/index.html");
    let found = maths(&page);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[1].1.contains("<mi>rank</mi>"), "{found:?}");
    assert!(found[2].1.contains("𝔼"), "{found:?}");
    // Another page has its own.
    assert!(
        run.stderr
            .contains("content/other.md:4:6: warning: this math cannot be read: `\\rank`"),
        "{}",
        run.stderr
    );
}
