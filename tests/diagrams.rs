//! Mermaid diagrams (```` ```mermaid ```` fences) are drawn as SVG when the site is built: in
//! the light and dark themes, safe, with ids of their own; a diagram that cannot be drawn is a
//! warning at its line and shows as written, and one that would exhaust the memory ends only
//! the helper drawing it.

mod common;

use std::collections::HashSet;

use common::{attrs, sel, texts, Fixture};
use scraper::Html;

const LOOP: &str = "flowchart LR\n    R[Recruiter screen] --> HM[Hiring manager call]\n    HM --> D{Debrief}\n    D -- hire --> O[Xylograph offer]\n";

/// Every `id` in a document, and every `#id` a `url(#…)` or an `href` of the drawings names.
fn ids_and_references(doc: &Html) -> (Vec<String>, Vec<String>) {
    let ids: Vec<String> = doc
        .select(&sel("[id]"))
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect();
    let mut references = Vec::new();
    for element in doc.select(&sel(".hb-diagram *")) {
        for (name, value) in element.value().attrs() {
            let mut rest = value;
            while let Some(at) = rest.find("url(#") {
                let id: String = rest[at + 5..]
                    .chars()
                    .take_while(|c| *c != ')' && *c != '"' && *c != '\'')
                    .collect();
                references.push(id);
                rest = &rest[at + 5..];
            }
            if name == "href" {
                if let Some(id) = value.strip_prefix('#') {
                    references.push(id.to_string());
                }
            }
        }
    }
    (ids, references)
}

#[test]
fn a_mermaid_fence_is_drawn_in_both_themes_with_its_words_searchable() {
    let f = Fixture::new();
    f.page(
        "hiring.md",
        "Hiring",
        &format!("Our loop:\n\n```mermaid title=\"The hiring loop\"\n{LOOP}```\n\nAfter.\n"),
    );
    f.build().assert_ok();
    let page = f.html("hiring/index.html");
    let figures: Vec<_> = page.select(&sel(".hb-content figure.hb-diagram")).collect();
    assert_eq!(figures.len(), 1);
    assert_eq!(
        texts(&page, ".hb-diagram figcaption"),
        vec!["The hiring loop"]
    );
    for theme in ["light", "dark"] {
        let labels = texts(&page, &format!(".hb-diagram-{theme} > svg text")).join("|");
        for label in ["Recruiter screen", "Hiring manager call", "Debrief", "hire"] {
            assert!(labels.contains(label), "{theme}: {label} not in {labels}");
        }
    }
    // Drawn, not shown as code.
    assert!(page.select(&sel(".hb-content pre")).next().is_none());
    // Its words are found by search.
    let found = common::snapshot(&f.public().join("search"))
        .values()
        .any(|bytes| String::from_utf8_lossy(bytes).contains("xylograph"));
    assert!(found, "the diagram's words are not in the search index");
}

#[test]
fn ids_are_the_diagrams_own_on_the_page_and_in_the_print_view() {
    let f = Fixture::new();
    let two = format!("```mermaid\n{LOOP}```\n\nAnd again:\n\n```mermaid\n{LOOP}```\n");
    f.page("a.md", "A", &two);
    f.page("b.md", "B", &two);
    f.build().assert_ok();
    for (rel, diagrams) in [("a/index.html", 2), ("print/index.html", 4)] {
        let doc = f.html(rel);
        assert_eq!(
            doc.select(&sel("figure.hb-diagram")).count(),
            diagrams,
            "{rel}"
        );
        let (ids, references) = ids_and_references(&doc);
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{rel}: an id twice in {ids:?}");
        assert!(!references.is_empty(), "{rel}: the arrows' markers");
        for reference in &references {
            assert!(
                unique.contains(reference),
                "{rel}: #{reference} names no id"
            );
        }
    }
}

#[test]
fn a_broken_diagram_is_a_warning_at_its_line_and_shows_as_written() {
    let f = Fixture::new();
    f.page(
        "broken.md",
        "Broken",
        "Intro.\n\n```mermaid\nflowchart TD\n    A[Unclosed --> B\n```\n\n```mermaid\nflowchat TD\n  A --> B\n```\n",
    );
    let check = f.run(&["check"]);
    // Line 1 of the file is the front matter's `---`; the fence opens on line 6.
    assert!(
        check.stderr.contains(
            "content/broken.md:8:1: warning: this Mermaid diagram cannot be drawn: missing closing ']' for node 'A'"
        ),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("content/broken.md:12:1: warning: this Mermaid diagram cannot be drawn: `flowchat` is not a kind of diagram Mermaid draws"),
        "{}",
        check.stderr
    );
    f.build().assert_ok();
    let page = f.html("broken/index.html");
    let code = texts(&page, ".hb-content pre code");
    assert_eq!(code.len(), 2, "{code:?}");
    assert!(code[0].contains("A[Unclosed --> B"), "{code:?}");
    // The page says why, as the preview shows it while the author writes.
    assert_eq!(
        texts(&page, ".hb-content .hb-diagram-error"),
        vec![
            "This diagram is not drawn: missing closing ']' for node 'A' (its line 2).",
            "This diagram is not drawn: `flowchat` is not a kind of diagram Mermaid draws (its line 1).",
        ]
    );
    assert!(page.select(&sel("figure.hb-diagram")).next().is_none());
}

#[test]
fn a_diagram_that_would_exhaust_the_memory_ends_only_its_helper() {
    let f = Fixture::new();
    // A packet diagram of a hundred million bits: drawn, it takes all the memory there is. (Three
    // billion bits took 7-9 s to reach the cap, near the 10 s time limit on a loaded machine;
    // this takes about 2.5 s.)
    f.page(
        "net.md",
        "Net",
        &format!(
            "```mermaid\npacket-beta\n0-15: \"Source port\"\n16-99999999: \"Destination port\"\n```\n\n```mermaid\n{LOOP}```\n"
        ),
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains("content/net.md:4:1: warning: this Mermaid diagram cannot be drawn: drawing this diagram took more memory than allowed"),
        "{}",
        run.stderr
    );
    let page = f.html("net/index.html");
    // Shown as written; the next diagram is drawn all the same.
    assert!(texts(&page, ".hb-content pre code")[0].contains("99999999"));
    assert_eq!(page.select(&sel("figure.hb-diagram")).count(), 1);
}

#[test]
fn links_scripts_and_outside_addresses_in_a_diagram_are_made_safe() {
    let f = Fixture::new();
    f.page(
        "safe.md",
        "Safe",
        "```mermaid\nflowchart TD\n    A[\"<img src=x onerror=alert(1)>\"] --> B[\"<script>alert(2)</script>\"]\n    B --> C[Docs]\n    click A \"javascript:alert(3)\"\n    click C \"https://example.com/docs\"\n    style B fill:url(https://tracker.example/p.png)\n```\n",
    );
    f.build().assert_ok();
    let text = std::fs::read_to_string(f.public().join("safe/index.html")).unwrap();
    let figure_start = text.find("<figure class=\"hb-diagram\"").expect("drawn");
    let figure =
        &text[figure_start..text[figure_start..].find("</figure>").unwrap() + figure_start];
    for unsafe_part in [
        "javascript:",
        "<script",
        "<img",
        "onerror",
        "tracker.example",
    ] {
        assert!(!figure.contains(unsafe_part), "{unsafe_part} in {figure}");
    }
    let page = f.html("safe/index.html");
    let links = attrs(&page, ".hb-diagram-light a", "href");
    assert_eq!(links, vec!["https://example.com/docs"]);
}

#[test]
fn a_diagrams_links_are_resolved_and_checked_like_the_pages_own() {
    let f = Fixture::new();
    f.page("team.md", "Team", "## Leads\n\nThe leads.\n");
    f.page(
        "flow.md",
        "Flow",
        "## Usage\n\nHow.\n\n```mermaid\nflowchart LR\n    A[Usage] --> B[Team] --> C[Leads] --> D[Gone]\n    click A \"#usage\"\n    click B \"team.md\"\n    click C \"team.md#leads\"\n    click D \"missing.md\"\n```\n",
    );
    // A broken one fails the check at the diagram, as any broken link does.
    let check = f.run(&["check"]);
    assert!(
        check.code == 1
            && check
                .stderr
                .contains("content/flow.md:14:1: error: broken link: `missing.md`"),
        "{}",
        check.stderr
    );
    f.page(
        "flow.md",
        "Flow",
        "## Usage\n\nHow.\n\n```mermaid\nflowchart LR\n    A[Usage] --> B[Team] --> C[Leads]\n    click A \"#usage\"\n    click B \"team.md\"\n    click C \"team.md#leads\"\n```\n",
    );
    f.build().assert_ok();
    let page = f.html("flow/index.html");
    assert_eq!(
        attrs(&page, ".hb-diagram-light a", "href"),
        ["#usage", "../team/index.html", "../team/index.html#leads"]
    );
    assert_eq!(
        attrs(&page, ".hb-diagram-dark a", "href"),
        attrs(&page, ".hb-diagram-light a", "href")
    );
    // In the print view, each leads to its place there.
    let print = f.html("print/index.html");
    let (ids, _) = ids_and_references(&print);
    let links = attrs(&print, ".hb-diagram-light a", "href");
    assert_eq!(links.len(), 3, "{links:?}");
    for link in &links {
        let id = link.strip_prefix('#').unwrap_or_else(|| panic!("{link}"));
        assert!(
            ids.iter().any(|i| i == id),
            "{link} names no id of the print view"
        );
    }
}

#[test]
fn styles_keep_colours_and_lines_but_nothing_that_fetches_or_escapes_the_drawing() {
    let f = Fixture::new();
    f.page(
        "styled.md",
        "Styled",
        "```mermaid title=\"Styled\"\nflowchart LR\n    A[One] --> B[Two]\n    style B fill:#f9f,stroke-width:4px,mask-image:image-set(x 1x),position:fixed\n    classDef hot fill:#fcc,background:url(https://tracker.example/p.png)\n    class A hot\n```\n\n\
         ```mermaid title=\"Quoted\"\nflowchart LR\n    A --> B\n    style A fill:red\" style=\"position:fixed\n```\n",
    );
    let run = f.build();
    run.assert_ok();
    let page = f.html("styled/index.html");
    let figures: String = page
        .select(&sel("figure.hb-diagram"))
        .map(|f| f.html())
        .collect();
    assert!(!figures.is_empty());
    for gone in ["image-set", "position", "tracker.example", "background"] {
        assert!(!figures.contains(gone), "{gone} in {figures}");
    }
    let styles: Vec<String> = page
        .select(&sel(".hb-diagram-light svg *"))
        .filter_map(|e| {
            [e.value().attr("style"), e.value().attr("fill")]
                .into_iter()
                .flatten()
                .map(str::to_string)
                .reduce(|a, b| a + " " + &b)
        })
        .collect();
    assert!(
        styles.iter().any(|s| s.contains("#f9f")) && styles.iter().any(|s| s.contains("#fcc")),
        "{styles:?}"
    );
    // A quote in a style line is a warning at its line; the diagram shows as written, titled.
    assert!(
        run.stderr.contains("content/styled.md:15:1: warning: this Mermaid diagram cannot be drawn: a `\"` or `<` in a `style` line"),
        "{}",
        run.stderr
    );
    assert_eq!(texts(&page, ".hb-content .hb-code-title"), ["Quoted"]);
    assert_eq!(texts(&page, "figure.hb-diagram figcaption"), ["Styled"]);
}

#[test]
fn nothing_a_diagram_slips_into_its_drawing_reaches_past_it() {
    let f = Fixture::new();
    // A value the drawing library writes unescaped (here a theme colour from the diagram's
    // front matter) ends its attribute and adds elements: in a `<desc>`, where an HTML parser
    // reads HTML again, a link would wrap the rest of the page.
    f.page(
        "home.md",
        "Home",
        "```mermaid\n---\nconfig:\n  themeVariables:\n    primaryColor: 'red\"/><desc><g><a href=\"https://evil.example/\"/></g></desc><rect x=\"'\n---\nflowchart TD\n A\n```\n\nParagraph after the diagram.\n\n## Later\n\nMore text.\n",
    );
    f.build().assert_ok();
    let page = f.html("home/index.html");
    let after: Vec<String> = page
        .select(&sel(".hb-content > p, .hb-content > h2"))
        .map(|e| e.html())
        .collect();
    assert_eq!(after.len(), 3, "{after:?}");
    for element in &after {
        assert!(!element.contains("evil"), "{element}");
    }
    assert!(page.select(&sel("a[href*=evil]")).next().is_none());
    for desc in page.select(&sel("figure.hb-diagram desc")) {
        assert_eq!(
            desc.children().filter(|c| c.value().is_element()).count(),
            0
        );
    }
}
