//! Sites written for MkDocs build as their writers know them: `mkdocs.yml` stands in for
//! book.toml, and admonitions and content tabs show as callouts and tabs, never as written.

mod common;

use common::{attrs, link_problems, sel, texts, Fixture};

/// An MkDocs Material site: mkdocs.yml (with the `!!python/name:` tags Material's docs tell
/// writers to add), docs/, no book.toml.
fn site() -> Fixture {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: Platform Team Handbook\nsite_description: How the platform team works.\n\
         strict: true\n\
         repo_url: https://github.com/acme/handbook\nedit_uri: edit/main/docs/\n\
         theme:\n  name: material\n\
         markdown_extensions:\n  - admonition\n  - pymdownx.details\n  - pymdownx.tabbed:\n      alternate_style: true\n  \
         - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n\
         nav:\n  - Home: index.md\n  - Getting started:\n      - Set up: guide/setup.md\n  \
         - Guide:\n      - guide/index.md\n      - Deep dive: guide/deep.md\n  - Elsewhere: https://example.com/\n",
    );
    f.file("docs/guide/index.md", "# The guide\n\nAll of it.\n");
    f.file("docs/guide/deep.md", "# Deep\n\nDeeper.\n");
    f.file(
        "docs/index.md",
        "# Welcome\n\nHello.\n\n!!! tip \"Start here\"\n    Read the [setup guide](guide/setup.md).\n\n    And then this.\n",
    );
    f.file(
        "docs/guide/setup.md",
        "# Setup\n\n\
         !!! warning\n    Install the tools first.\n\n    ```sh\n    make tools\n    ```\n\n    \
         !!! note \"Nested <b>\"\n        Inside the warning.\n\n\
         !!! danger \"\"\n    No title.\n\n\
         !!! info inline end \"Aside\"\n\tIndented with a tab.\n\n\
         ??? question \"Why so many tools?\"\n    Because.\n\n\
         ???+ info \"Open at first\"\n    Shown.\n\n\
         === \"macOS\"\n\n    Use Homebrew.\n\n=== \"Linux\"\n\n    Use apt.\n\n\
         Between the sets.\n\n=== \"One\"\n    Only tab.\n\n\
         ```\n!!! note\n    not an admonition\n```\n",
    );
    f
}

#[test]
fn an_mkdocs_site_builds_from_its_mkdocs_yml_into_its_site_dir() {
    let f = site();
    let run = f.build();
    run.assert_ok();
    let home = f.html_in("site", "index.html");
    assert_eq!(
        texts(&home, ".hb-header a.hb-brand"),
        vec!["Platform Team Handbook"]
    );
    assert_eq!(
        attrs(&home, "meta[name=description]", "content"),
        vec!["How the platform team works."]
    );
    let setup = f.html_in("site", "guide/setup/index.html");
    assert!(
        attrs(&setup, "a", "href").contains(
            &"https://github.com/acme/handbook/edit/main/docs/guide/setup.md".to_string()
        ),
        "{:?}",
        attrs(&setup, "a", "href")
    );
    let problems = link_problems(&f.root().join("site"));
    assert!(problems.is_empty(), "{problems:#?}");
    // A folder without an index is MkDocs' way.
    assert!(!run.stderr.contains("has no _index.md"), "{}", run.stderr);
    // From a folder inside the site too.
    let inside = f.run_in("docs/guide", &["check"]);
    assert_eq!(inside.code, 0, "{}", inside.stderr);
}

#[test]
fn nav_orders_and_names_the_pages_and_its_groups_head_them() {
    let f = site();
    f.file("docs/stray.md", "# Stray\n\nNot in the nav.\n");
    f.file(
        "docs/guide/deep.md",
        "# Deep\n\nDeeper; see [the stray page](../stray.md).\n",
    );
    let run = f.build();
    run.assert_ok();
    let deep = f.html_in("site", "guide/deep/index.html");
    assert_eq!(
        attrs(&deep, ".hb-content p a", "href"),
        vec!["../../stray/index.html"]
    );
    // The top of the sidebar: the home page, the group "Getting started" heading its page
    // (named by the nav), then the section the group "Guide" makes of its index page.
    let top: Vec<String> = deep
        .select(&sel("nav.hb-sidebar > ul > li"))
        .map(|li| {
            li.select(&sel(":scope > a"))
                .next()
                .map_or_else(|| li.text().collect::<String>(), |a| a.text().collect())
                .trim()
                .to_string()
        })
        .collect();
    assert_eq!(top, vec!["Home", "Getting started", "Set up", "Guide"]);
    assert_eq!(
        texts(&deep, "nav.hb-sidebar li.hb-nav-section > ul > li > a"),
        vec!["Deep dive"]
    );
    assert_eq!(texts(&deep, "nav.hb-breadcrumbs a"), vec!["Home", "Guide"]);
    // A page the nav does not list is built, as MkDocs builds it, and links lead to it; it is
    // not in the navigation, the print view or the search.
    assert!(
        run.stderr.contains(
            "mkdocs.yml: warning: 1 page is not listed here, so built, and links lead to it, \
             but it is not in the navigation: stray.md"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("list a page in mkdocs.yml's nav to show it in the navigation"),
        "{}",
        run.stderr
    );
    let stray = f.html_in("site", "stray/index.html");
    assert_eq!(texts(&stray, "h1"), vec!["Stray"]);
    assert!(texts(&stray, "nav.hb-sidebar a")
        .iter()
        .all(|t| t != "Stray"));
    assert!(texts(&deep, "nav.hb-sidebar a")
        .iter()
        .all(|t| t != "Stray"));
    let print = f.html_in("site", "print/index.html");
    assert!(texts(&print, "h1").iter().all(|t| t != "Stray"));
    let problems = link_problems(&f.root().join("site"));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_nav_entry_whose_page_is_missing_is_an_error_at_its_line() {
    let f = site();
    std::fs::remove_file(f.root().join("docs/guide/deep.md")).unwrap();
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "mkdocs.yml:21:20: error: broken link: the chapter `guide/deep.md` points to guide/deep.md, which does not exist"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("fix the path (it is relative to the docs folder)"),
        "{}",
        run.stderr
    );
}

#[test]
fn admonitions_are_callouts_and_collapsible_ones_open_and_close() {
    let f = site();
    f.build().assert_ok();
    let home = f.html_in("site", "index.html");
    assert_eq!(
        texts(&home, "article .hb-callout-tip .hb-callout-title"),
        vec!["Start here"]
    );
    // Its indented text, out of the indentation: paragraphs and a link, not code.
    assert_eq!(
        texts(&home, "article .hb-callout-tip > p:not(.hb-callout-title)"),
        vec!["Read the setup guide.", "And then this."]
    );
    assert_eq!(
        attrs(&home, "article .hb-callout-tip a", "href"),
        vec!["guide/setup/index.html"]
    );
    let setup = f.html_in("site", "guide/setup/index.html");
    assert_eq!(
        texts(&setup, "article .hb-callout-warning > .hb-callout-title"),
        vec!["Warning"]
    );
    assert_eq!(
        texts(&setup, "article .hb-callout-warning pre code"),
        vec!["make tools"]
    );
    assert_eq!(
        texts(
            &setup,
            "article .hb-callout-warning > .hb-callout-note > .hb-callout-title"
        ),
        vec!["Nested <b>"]
    );
    // Options after the type, and text indented with a tab.
    assert_eq!(
        texts(&setup, "article .hb-callout-note > p"),
        vec![
            "Nested <b>",
            "Inside the warning.",
            "Aside",
            "Indented with a tab.",
            "Because.",
            "Shown."
        ]
    );
    // An empty title: no title.
    assert!(setup
        .select(&sel("article .hb-callout-caution .hb-callout-title"))
        .next()
        .is_none());
    assert_eq!(
        texts(&setup, "article details.hb-callout > summary"),
        vec!["Why so many tools?", "Open at first"]
    );
    assert_eq!(
        attrs(
            &setup,
            "article details.hb-callout[open] > summary",
            "class"
        ),
        vec!["hb-callout-title"]
    );
    // A fenced block shows `!!!` as written.
    assert_eq!(
        texts(&setup, "article > .hb-content > pre code"),
        vec!["!!! note\n    not an admonition"]
    );
}

#[test]
fn content_tabs_in_a_row_are_one_set_of_tabs() {
    let f = site();
    f.build().assert_ok();
    let setup = f.html_in("site", "guide/setup/index.html");
    let sets: Vec<Vec<String>> = setup
        .select(&sel("article .hb-tabs"))
        .map(|set| {
            set.select(&sel(".hb-tab-title"))
                .map(|t| t.text().collect::<String>())
                .collect()
        })
        .collect();
    assert_eq!(sets, vec![vec!["macOS", "Linux"], vec!["One"]]);
    assert_eq!(
        texts(&setup, "article .hb-tab > p:not(.hb-tab-title)"),
        vec!["Use Homebrew.", "Use apt.", "Only tab."]
    );
}

#[test]
fn content_tabs_link_by_label_only_with_materials_feature() {
    let f = site();
    f.build().assert_ok();
    let setup = f.html_in("site", "guide/setup/index.html");
    // Without `content.tabs.link`, each set on its own.
    assert_eq!(
        attrs(&setup, "article .hb-tabs", "data-hb-group"),
        Vec::<String>::new()
    );
    let yml = std::fs::read_to_string(f.root().join("mkdocs.yml")).unwrap();
    f.file(
        "mkdocs.yml",
        &yml.replace(
            "theme:\n  name: material\n",
            // A key repeated where handbook reads nothing, as MkDocs lets be, and tags.
            "theme:\n  name: material\n  custom_dir: !ENV [THEME_DIR, \"overrides\"]\n  \
             icon:\n    admonition:\n      note: a\n      note: b\n  \
             features:\n    - navigation.tabs\n    - content.tabs.link\n",
        ),
    );
    f.build().assert_ok();
    let setup = f.html_in("site", "guide/setup/index.html");
    assert_eq!(
        attrs(&setup, "article .hb-tabs", "data-hb-group"),
        vec!["mkdocs", "mkdocs"]
    );
    // The theme by its name alone.
    f.file(
        "mkdocs.yml",
        &yml.replace("theme:\n  name: material\n", "theme: material\n"),
    );
    f.build().assert_ok();
}

#[test]
fn positions_inside_admonitions_are_those_of_the_file() {
    let f = site();
    f.file(
        "docs/guide/setup.md",
        "# Setup\n\n!!! note\n    A [first](gone.md).\n\n    !!! tip\n        And [second](gone2.md).\n\nAfter [third](gone3.md).\n",
    );
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "docs/guide/setup.md:4:7: error: broken link: `gone.md`",
        "docs/guide/setup.md:7:13: error: broken link: `gone2.md`",
        "docs/guide/setup.md:9:7: error: broken link: `gone3.md`",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
}

#[test]
fn a_book_toml_beside_mkdocs_yml_wins_and_admonitions_still_show() {
    let f = site();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Our Handbook\"\n\n[build]\ndest = \"public\"\n",
    );
    f.build().assert_ok();
    let home = f.html("index.html");
    assert_eq!(texts(&home, ".hb-header a.hb-brand"), vec!["Our Handbook"]);
    assert_eq!(
        texts(&home, "article .hb-callout-tip .hb-callout-title"),
        vec!["Start here"]
    );
}

#[test]
fn an_ordinary_handbook_shows_admonition_markers_as_written() {
    let f = Fixture::new();
    f.page("guide.md", "Guide", "!!! note\n    Text.\n");
    f.build().assert_ok();
    let guide = f.html("guide/index.html");
    assert!(guide.select(&sel(".hb-callout")).next().is_none());
    assert_eq!(
        texts(&guide, "article > .hb-content > p"),
        vec!["!!! note\nText."]
    );
}

#[test]
fn thousands_of_nested_admonitions_neither_overflow_nor_hang() {
    let f = site();
    let mut page = String::from("# Deep\n\n");
    for depth in 0..3000 {
        page.push_str(&" ".repeat(4 * depth));
        page.push_str("!!! note\n");
    }
    f.file("docs/guide/deep.md", &page);
    let run = f.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn an_mkdocs_yml_about_another_folder_leaves_a_handbook_alone() {
    let f = site();
    // A handbook whose book.toml names its own content, beside an MkDocs site of other docs.
    f.file(
        "book.toml",
        "[book]\ntitle = \"Our Handbook\"\n\n[build]\ncontent = \"handbook\"\n",
    );
    f.file("handbook/_index.md", "---\ntitle: Home\n---\nWelcome.\n");
    f.file("handbook/team.md", "# Team\n\n!!! note\n    As written.\n");
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("not listed"), "{}", run.stderr);
    assert!(!run.stderr.contains("mkdocs.yml"), "{}", run.stderr);
    let team = f.html("team/index.html");
    assert!(team.select(&sel(".hb-callout")).next().is_none());
}

#[test]
fn extra_css_and_javascript_are_added_from_the_docs_folder() {
    let f = site();
    let yml = std::fs::read_to_string(f.root().join("mkdocs.yml")).unwrap()
        + "extra_css:\n  - stylesheets/extra.css\n  - https://unpkg.com/x.css\n\
           extra_javascript:\n  - path: js/extra.js\n  - path: js/module.mjs\n    type: module\n";
    f.file("mkdocs.yml", &yml);
    f.file("docs/stylesheets/extra.css", ":root { --accent: teal; }\n");
    f.file("docs/js/extra.js", "document.body.dataset.extra = 'yes';\n");
    f.file("docs/js/module.mjs", "import x from './x.js';\n");
    let run = f.build();
    run.assert_ok();
    let css = std::fs::read_to_string(f.root().join("site/assets/handbook.css")).unwrap();
    assert!(css.ends_with(":root { --accent: teal; }\n"));
    let js = std::fs::read_to_string(f.root().join("site/assets/handbook.js")).unwrap();
    assert!(js.ends_with("document.body.dataset.extra = 'yes';\n"));
    assert!(!js.contains("import x"));
    assert!(
        run.stderr
            .contains("warning: `extra_css` names `https://unpkg.com/x.css`, on another site"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`extra_javascript` names `js/module.mjs` as a module"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_extra_css_file_is_an_error_at_its_line_of_mkdocs_yml() {
    let f = site();
    let yml = std::fs::read_to_string(f.root().join("mkdocs.yml")).unwrap();
    let line = yml.lines().count() + 1;
    f.file("mkdocs.yml", &(yml + "extra_css:\n  - css/missing.css\n"));
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected =
        format!("mkdocs.yml:{line}:1: error: extra_css: `docs/css/missing.css` cannot be read");
    assert!(run.stderr.contains(&expected), "{expected}\n{}", run.stderr);
}

/// An MkDocs site with pymdownx.snippets (`options` its settings) and abbr, among extensions
/// handbook does not read (one with Material's `!!python/name:` tags).
fn snippets_site(options: &str) -> Fixture {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        &format!(
            "site_name: Snips\nmarkdown_extensions:\n  - admonition\n  - abbr\n  - pymdownx.snippets\n  \
             - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n  \
             - pymdownx.snippets:\n{options}"
        ),
    );
    f.file("docs/index.md", "# Home\n\nHello.\n");
    f.file(
        "snippets/code.c",
        "#include <stdio.h>\n// --8<-- [start:main]\nint main(void) {\n    return 0;\n}\n// --8<-- [end:main]\n",
    );
    f.file("snippets/note.md", "**Bold** words from a snippet.\n");
    f.file("snippets/a.md", "From a.\n\n--8<-- \"snippets/b.md\"\n");
    // b includes a again: a file already being put in is left out, as MkDocs does.
    f.file("snippets/b.md", "From b.\n--8<-- \"snippets/a.md\"\n");
    f.file("includes/abbreviations.md", "*[EM]: Engineering manager\n");
    f
}

#[test]
fn snippets_put_files_in_pages_as_mkdocs_does() {
    let f = snippets_site(
        "      check_paths: true\n      auto_append:\n        - includes/abbreviations.md\n",
    );
    f.file(
        "docs/guide.md",
        "# Guide\n\nThe EM writes code :tada:\n\n```c\n--8<-- \"snippets/code.c:1:1\"\n```\n\n\
         ```c\n--8<-- \"snippets/code.c:main\"\n```\n\n\
         !!! note\n    --8<-- \"snippets/note.md\"\n\n\
         --8<--\nsnippets/a.md\n;snippets/left-out.md\n--8<--\n\n\
         ```text\n;--8<-- \"shown.md\"\n```\n\nEMS and `EM` stay as they are.\n",
    );
    let run = f.build();
    run.assert_ok();
    let guide = f.html_in("site", "guide/index.html");
    assert_eq!(
        texts(&guide, "article pre code"),
        [
            "#include <stdio.h>",
            "int main(void) {\n    return 0;\n}",
            ";--8<-- \"shown.md\"".trim_start_matches(';')
        ]
    );
    assert_eq!(
        texts(&guide, "article .hb-callout strong"),
        ["Bold"],
        "the snippet's Markdown is read inside the admonition"
    );
    assert_eq!(
        texts(&guide, "article .hb-content > p"),
        [
            // pymdownx.emoji is listed (with its settings and tags): shortcodes are emoji.
            "The EM writes code 🎉",
            "From a.",
            "From b.",
            "EMS and EM stay as they are."
        ]
    );
    // The abbreviations appended to every page mark their words, outside code.
    assert_eq!(
        attrs(&guide, "article abbr", "title"),
        ["Engineering manager"]
    );
    assert_eq!(texts(&guide, "article abbr"), ["EM"]);
    let home = f.html_in("site", "index.html");
    assert!(
        !home.root_element().text().any(|t| t.contains("*[EM]")),
        "an abbreviation's definition shows"
    );
}

#[test]
fn a_missing_or_forbidden_snippet_is_named_at_its_line() {
    let f = snippets_site("      check_paths: true\n");
    f.file(".git/config", "[core]\n\ttoken = secret\n");
    f.file(
        "docs/guide.md",
        "# Guide\n\nText.\n\n--8<-- \"snippets/none.md\"\n\n  --8<-- \"../../../../../../../../etc/passwd\"\n\n\
         --8<-- \".git/config\"\n\n--8<-- \"snippets/code.c:nothing\"\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "docs/guide.md:5:1: error: cannot include `snippets/none.md`: there is no such file",
        "docs/guide.md:7:1: error: cannot include `../../../../../../../../etc/passwd`: it leads out of the snippets' base path",
        "docs/guide.md:9:1: error: cannot include `.git/config`: it is in a hidden folder",
        "docs/guide.md:11:1: error: `snippets/code.c` has no part `nothing`",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("secret"), "{}", run.stderr);
    // Without check_paths, MkDocs leaves such lines out: a warning says so.
    let f = snippets_site("      auto_append:\n        - includes/none.md\n");
    f.file(
        "docs/guide.md",
        "# Guide\n\n--8<-- \"snippets/none.md\"\n\nAfter.\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "docs/guide.md:3:1: warning: cannot include `snippets/none.md`: there is no such file"
        ) && run
            .stderr
            .contains("warning: `auto_append` names `includes/none.md`, which is not there"),
        "{}",
        run.stderr
    );
    assert_eq!(
        texts(
            &f.html_in("site", "guide/index.html"),
            "article .hb-content > p"
        ),
        ["After."]
    );
}

#[test]
fn abbreviations_mark_their_words_and_their_definitions_leave_the_page() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: Abbr\nmarkdown_extensions:\n  - abbr\n",
    );
    f.file(
        "docs/index.md",
        "# Home\n\nThe EM and the TL meet; EMS, TLS and `EM` do not.\n\
         *[EM]: Engineering \"manager\"\n\n- A TL codes.\n\n```\nEM in code\n```\n\n\
         *[TL]:\n    Tech lead\n*[XX]: gone\n*[XX]: \"\"\n\nXX stays plain.\n",
    );
    f.build().assert_ok();
    let home = f.html_in("site", "index.html");
    assert_eq!(texts(&home, "article abbr"), ["EM", "TL", "TL"]);
    assert_eq!(
        attrs(&home, "article abbr", "title"),
        ["Engineering \"manager\"", "Tech lead", "Tech lead"]
    );
    assert_eq!(
        texts(&home, "article .hb-content > p"),
        [
            "The EM and the TL meet; EMS, TLS and EM do not.",
            "XX stays plain."
        ]
    );
    assert_eq!(texts(&home, "article pre code"), ["EM in code"]);
    // As Python-Markdown reads them: the name trimmed, quotes kept, a definition without a
    // meaning is text; not in an image's text or an autolink; `\b` at both ends.
    f.file("docs/chart.png", "png");
    f.file(
        "docs/more.md",
        "# More\n\n*[ QA ]: \"Quality\" assurance\n*[C++]: A language\n\n\
         QA ![QA chart](chart.png) <https://example.com/QA> [QA link](index.md) C++ is C++x.\n\n\
         *[Z]:\n\nZ stays.\n",
    );
    f.build().assert_ok();
    let more = f.html_in("site", "more/index.html");
    // (`C++ is` has no `\b` after its `+`; `C++x` has.)
    assert_eq!(texts(&more, "article abbr"), ["QA", "QA", "C++"]);
    assert_eq!(
        attrs(&more, "article abbr", "title"),
        [
            "\"Quality\" assurance",
            "\"Quality\" assurance",
            "A language"
        ]
    );
    assert!(texts(&more, "article p")
        .iter()
        .any(|p| p.ends_with("C++ is C++x.")));
    assert_eq!(attrs(&more, "article img", "alt"), ["QA chart"]);
    assert_eq!(texts(&more, "article a abbr"), ["QA"]);
    assert!(texts(&more, "article p").iter().any(|p| p == "*[Z]:"));
    // Without the extension, the lines are text, as MkDocs shows them.
    f.file("mkdocs.yml", "site_name: Abbr\n");
    f.build().assert_ok();
    let home = f.html_in("site", "index.html");
    assert!(texts(&home, "article abbr").is_empty());
    assert!(texts(&home, "article p")
        .iter()
        .any(|p| p.contains("*[XX]: gone")));
}

/// Admonitions and content tabs indented in a list item or a definition are read there, as
/// Python-Markdown reads them (they showed as a paragraph `!!! note` and a code block).
#[test]
fn admonitions_and_tabs_in_list_items_and_definitions() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: M\nmarkdown_extensions:\n  - admonition\n  - pymdownx.details\n  \
         - pymdownx.superfences\n  - pymdownx.tabbed:\n      alternate_style: true\n  - def_list\n  \
         - attr_list\n",
    );
    f.file(
        "docs/index.md",
        "# Home\n\n1.  Step:\n\n    !!! note\n\n        Inside a list.\n\n\
         2.  Tabs:\n\n    === \"One\"\n\n        First tab.\n\n    === \"Two\"\n\n        Second tab.\n\n\
         - Bullet\n\n    ??? warning \"Title\"\n        Folded body.\n\n\
         Term\n:   Definition.\n\n    !!! tip\n        In a definition.\n\n\
         Other term\n\n:   !!! info\n\n        On the marker line.\n\n\
         Tight term\n:   !!! danger\n        Tight.\n\n\
         - Two in a row\n\n    !!! abstract\n        a\n    !!! example\n        b\n\n\
         :icon: First card\n{ .card }\n\n:icon: Second card\n{ .card }\n\n    \
         !!! note\n    Code, not a block.\n",
    );
    f.build().assert_ok();
    let home = f.html_in("site", "index.html");
    let body = |css: &str| texts(&home, &format!("{css} p:not(.hb-callout-title)"));
    assert_eq!(body("ol > li > .hb-callout-note"), ["Inside a list."]);
    assert_eq!(
        texts(&home, "ol > li > .hb-tabs .hb-tab-title"),
        ["One", "Two"]
    );
    assert_eq!(
        texts(&home, "ol > li > .hb-tabs .hb-tab > p:not(.hb-tab-title)"),
        ["First tab.", "Second tab."]
    );
    assert_eq!(
        texts(&home, "ul > li > details.hb-callout-warning > summary"),
        ["Title"]
    );
    assert_eq!(body("ul > li > details"), ["Folded body."]);
    assert_eq!(body("dd > .hb-callout-tip"), ["In a definition."]);
    assert_eq!(body("dd > .hb-callout-note"), ["On the marker line."]);
    assert_eq!(body("dd > .hb-callout-caution"), ["Tight."]);
    assert_eq!(
        texts(&home, "ul > li > div.hb-callout > p:not(.hb-callout-title)"),
        ["a", "b"]
    );
    // A line that starts with a colon is text (no definition), its list the paragraph's.
    assert_eq!(
        texts(&home, ".hb-content > div.card > p"),
        [":icon: First card", ":icon: Second card"]
    );
    // Indented as code outside any list, it is code.
    assert_eq!(texts(&home, "pre code"), ["!!! note\nCode, not a block."]);
}

/// A code block's fence never closed inside its tab or admonition shows as written there, as
/// MkDocs shows it, with a warning at it; it ran on through the tabs after it, which showed
/// handbook's own markup as text.
#[test]
fn a_fence_never_closed_in_a_tab_stays_in_it() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: M\nmarkdown_extensions:\n  - admonition\n  - pymdownx.superfences\n  \
         - pymdownx.tabbed:\n      alternate_style: true\n",
    );
    f.file(
        "docs/index.md",
        "# Home\n\n=== \"One\"\n\n    Text one.\n\n    ```\n\n=== \"Two\"\n\n    ```sh\n    \
         git upgrade\n    ```\n\n!!! note\n    In a note.\n    ~~~\n\nAfter.\n",
    );
    let run = f.build();
    run.assert_ok();
    let home = f.html_in("site", "index.html");
    assert_eq!(
        texts(&home, ".hb-tab > p:not(.hb-tab-title)"),
        ["Text one.", "```"]
    );
    assert_eq!(texts(&home, ".hb-tab pre code"), ["git upgrade"]);
    assert_eq!(
        texts(&home, ".hb-callout-note > p:not(.hb-callout-title)"),
        ["In a note.\n~~~"]
    );
    assert_eq!(texts(&home, ".hb-content > p"), ["After."]);
    assert!(!texts(&home, ".hb-content").concat().contains("<div"));
    for at in ["docs/index.md:7:5", "docs/index.md:17:5"] {
        assert!(
            run.stderr.contains(&format!(
                "{at}: warning: this code block's fence is never closed inside its admonition or tab"
            )),
            "{}",
            run.stderr
        );
    }
}

/// The plugins and hooks handbook does not run are named once, at `plugins:`, so that a page
/// showing a macro's `{{ value }}` has its reason; those whose work handbook does (search, git
/// dates, tags) or that only optimise are not.
#[test]
fn plugins_and_hooks_not_run_are_named() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: M\nplugins:\n  - search\n  - material/social\n  - macros:\n      \
         module_name: main\n  - awesome-pages\n  - git-revision-date-localized\n\
         hooks:\n  - hooks/shortcodes.py\n",
    );
    f.file("docs/index.md", "# Home\n\nMail {{ support_email }}.\n");
    let run = f.build();
    run.assert_ok();
    let named: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("does not run"))
        .collect();
    assert_eq!(
        named,
        ["mkdocs.yml:2:1: warning: handbook does not run the plugins `macros`, `awesome-pages` or the hook `hooks/shortcodes.py`: what they add to or change in the pages is missing, and their syntax shows as written"],
        "{}",
        run.stderr
    );
    f.file(
        "mkdocs.yml",
        "site_name: M\nplugins:\n  - search\n  - tags\n",
    );
    let run = f.build();
    assert!(!run.stderr.contains("does not run"), "{}", run.stderr);
}

#[test]
fn attribute_lists_give_links_and_images_their_attributes() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: Attrs\nstrict: true\nmarkdown_extensions:\n  - attr_list\n",
    );
    f.file(
        "docs/setup.md",
        "# Setup\n\n## Start { #begin .big }\n\nGo.\n\nA paragraph.\n{: #lead .lead }\n\n\
         - one\n- two\n{ .steps }\n\n[Lead](#lead)\n",
    );
    f.file("docs/chart.png", "png");
    f.file(
        "docs/index.md",
        "# Home\n\n![A *chart*](chart.png \"Title\"){ width=\"300\" .wide loading=lazy }\n\n\
         [Get **started**](setup.md#begin){ .md-button .md-button--primary #go }\n\n\
         [Plain](setup.md) {not a list}\n\n[Odd](setup.md){ onclick=\"x()\" class=\"a b\" }\n\n\
         `[code](x){ .no }`\n",
    );
    f.build().assert_ok();
    let home = f.html_in("site", "index.html");
    assert_eq!(attrs(&home, "article img", "src"), ["chart.png"]);
    assert_eq!(attrs(&home, "article img", "alt"), ["A chart"]);
    assert_eq!(attrs(&home, "article img", "width"), ["300"]);
    assert_eq!(attrs(&home, "article img", "class"), ["wide"]);
    assert_eq!(attrs(&home, "article img", "loading"), ["lazy"]);
    assert_eq!(attrs(&home, "article img", "title"), ["Title"]);
    // The link's address is rewritten like any other's, its text is still Markdown.
    assert_eq!(
        attrs(&home, "article a#go", "href"),
        ["setup/index.html#begin"]
    );
    assert_eq!(
        attrs(&home, "article a#go", "class"),
        ["md-button md-button--primary"]
    );
    assert_eq!(texts(&home, "article a#go strong"), ["started"]);
    assert_eq!(
        attrs(&home, "article a.a.b", "onclick"),
        Vec::<String>::new()
    );
    assert_eq!(texts(&home, "article a.a.b"), ["Odd"]);
    assert!(texts(&home, "article p")
        .iter()
        .any(|p| p == "Plain {not a list}"));
    assert_eq!(texts(&home, "article code"), ["[code](x){ .no }"]);
    let setup = f.html_in("site", "setup/index.html");
    assert_eq!(attrs(&setup, "article h2.big", "id"), ["begin"]);
    // A list on the line after a block is the block's (attr_list's block form).
    assert_eq!(texts(&setup, "article #lead.lead > p"), ["A paragraph."]);
    assert_eq!(texts(&setup, "article .steps li"), ["one", "two"]);
    assert!(!texts(&setup, "article").concat().contains('{'));
    let problems = link_problems(&f.root().join("site"));
    assert!(problems.is_empty(), "{problems:?}");
    // A link to a page that is not there is still reported, at its line.
    f.file("docs/index.md", "# Home\n\n[Gone](gone.md){ .md-button }\n");
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("docs/index.md:3:1: error: broken link: `gone.md`"),
        "{}",
        run.stderr
    );
}

#[test]
fn snippet_base_paths_relative_to_the_docs_and_to_the_page() {
    let f = snippets_site(
        "      check_paths: true\n      base_path:\n        - !relative $docs_dir\n        - !relative\n",
    );
    f.file("docs/inc/shared.md", "Shared text.\n");
    f.file("docs/guide/beside.md", "Beside text.\n");
    f.file(
        "docs/guide/index.md",
        "# Guide\n\n--8<-- \"inc/shared.md\"\n\n--8<-- \"beside.md\"\n",
    );
    let run = f.build();
    run.assert_ok();
    assert_eq!(
        texts(
            &f.html_in("site", "guide/index.html"),
            "article .hb-content > p"
        ),
        ["Shared text.", "Beside text."]
    );
}

#[test]
fn snippet_marks_leave_whole_files_and_each_path_of_a_block_is_named_at_its_line() {
    let f = snippets_site("      check_paths: true\n");
    f.file(
        "snippets/marked.c",
        "int a;\n// --8<-- [start:p]\nint b; // ;--8<-- [end:p]\n// --8<-- [end:p]\n",
    );
    f.file("snippets/para.md", "Hello from a file.\n");
    f.file(
        "docs/guide.md",
        "# Guide\n\n```c\n--8<-- \"snippets/marked.c\"\n```\n\n```c\n--8<-- \"snippets/marked.c:p\"\n```\n\n\
         --8<-- \"snippets/para.md\"\nNext paragraph.\n",
    );
    f.build().assert_ok();
    let guide = f.html_in("site", "guide/index.html");
    assert_eq!(
        texts(&guide, "article pre code"),
        [
            "int a;\nint b; // --8<-- [end:p]",
            "int b; // --8<-- [end:p]"
        ]
    );
    // A file's last line break ends its paragraph.
    assert_eq!(
        texts(&guide, "article .hb-content > p"),
        ["Hello from a file.", "Next paragraph."]
    );
    f.file(
        "docs/guide.md",
        "# Guide\n\n--8<--\nsnippets/para.md\n\nsnippets/gone.md\nsnippets/marked.c:nothing\n--8<--\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("docs/guide.md:6:1: error: cannot include `snippets/gone.md`")
            && run
                .stderr
                .contains("docs/guide.md:7:1: error: `snippets/marked.c` has no part `nothing`"),
        "{}",
        run.stderr
    );
}

#[test]
fn snippets_that_multiply_stop_at_a_limit_with_an_error() {
    let f = snippets_site("      check_paths: true\n");
    // Each file puts the next in ten times: 10^8 lines if nothing stopped it.
    for level in 0..8 {
        let next = format!("--8<-- \"snippets/m{}.md\"\n", level + 1);
        f.file(&format!("snippets/m{level}.md"), &next.repeat(10));
    }
    f.file("snippets/m8.md", "Leaf.\n");
    f.file("docs/guide.md", "# Guide\n\n--8<-- \"snippets/m0.md\"\n");
    let start = std::time::Instant::now();
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "docs/guide.md:3:1: error: snippets put more than 64 MB or 10000 files in this page"
        ),
        "{}",
        run.stderr
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(60));
}

/// Broken links and anchors fail an MkDocs build only as MkDocs' own settings say: by default a
/// missing page is a warning and a missing anchor only a note, and `strict: true` makes a
/// warning fail it (`validation:` sets each level).
#[test]
fn broken_links_fail_an_mkdocs_site_as_its_validation_and_strict_settings_say() {
    let f = Fixture::empty();
    let yml =
        |more: &str| format!("site_name: S\nnav:\n  - Home: index.md\n  - Guide: guide.md\n{more}");
    f.file("mkdocs.yml", &yml(""));
    f.file(
        "docs/index.md",
        "# Home\n\nSee [a page](nope.md), [a heading](guide.md#nowhere) and \
         [a release](guide.md#9.7.0).\n",
    );
    f.file(
        "docs/guide.md",
        "# Guide\n\n## 9.7.0 { id=\"9.7.0\" }\n\nNotes.\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("`#9.7.0`"), "{}", run.stderr);
    let guide = f.html_in("site", "guide/index.html");
    assert_eq!(attrs(&guide, "h2", "id"), ["9.7.0"]);
    assert_eq!(f.severities("broken-link"), ["warning"]);
    assert_eq!(f.severities("broken-anchor"), ["warning"]);

    f.file("mkdocs.yml", &yml("strict: yes\n"));
    assert_eq!(f.severities("broken-link"), ["error"]);
    assert_eq!(f.severities("broken-anchor"), ["warning"]);

    f.file(
        "mkdocs.yml",
        &yml("strict: true\nvalidation:\n  links:\n    anchors: warn\n"),
    );
    assert_eq!(f.severities("broken-anchor"), ["error"]);
}

/// MkDocs leaves raw HTML as written, so an address in it is written from the page's URL
/// (`guide/` for guide.md); and a nav entry's name is the page's title, over its front matter's.
#[test]
fn raw_html_addresses_and_titles_are_read_as_mkdocs_reads_them() {
    let f = Fixture::empty();
    let yml = "site_name: S\nmarkdown_extensions:\n  - attr_list\nnav:\n  - Home: index.md\n  \
               - Short name: guide/deep.md\n  - Setup: setup.md\n  - Guide: guide/index.md\n";
    f.file("mkdocs.yml", yml);
    f.file("docs/index.md", "# Home\n\nHello.\n");
    f.file("docs/guide/index.md", "# Guide\n\nHello.\n");
    f.file(
        "docs/guide/deep.md",
        "---\ntitle: A long front matter title\n---\n\nText.\n\n\
         <img src=\"../../img/a.png\" alt=\"From the URL\">\n\n\
         <img src=\"../img/a.png\" alt=\"From the file\">\n\n\
         [Home](../index.md){ .md-button }\n",
    );
    // A nav name over a front matter title the page's heading repeats: the heading stays.
    f.file(
        "docs/setup.md",
        "---\ntitle: Setup guide\n---\n# Setup guide\n\nSteps.\n",
    );
    f.bytes("docs/img/a.png", b"\x89PNG\r\n\x1a\n");
    f.build().assert_ok();
    let deep = f.html_in("site", "guide/deep/index.html");
    assert_eq!(
        attrs(&deep, "img", "src"),
        ["../../img/a.png", "../../img/a.png"]
    );
    // Markdown made HTML (an attr_list link) is read from the file, as Markdown.
    assert_eq!(attrs(&deep, "a.md-button", "href"), ["../../index.html"]);
    assert_eq!(texts(&deep, "h1"), ["Short name"]);
    assert_eq!(
        texts(&deep, "#hb-sidebar [aria-current=page]"),
        ["Short name"]
    );
    assert!(link_problems(&f.root().join("site")).is_empty());
    let setup = f.html_in("site", "setup/index.html");
    assert_eq!(texts(&setup, "h1"), ["Setup guide"]);
    assert_eq!(texts(&setup, "#hb-sidebar [aria-current=page]"), ["Setup"]);
    // `../img/a.png` from guide/deep/ is guide/img/a.png, where there is one; with
    // `use_directory_urls: false` MkDocs writes guide/deep.html, and it is img/a.png.
    f.bytes("docs/guide/img/a.png", b"\x89PNG\r\n\x1a\n");
    f.build().assert_ok();
    let deep = f.html_in("site", "guide/deep/index.html");
    assert_eq!(attrs(&deep, "img", "src")[1], "../../guide/img/a.png");
    f.file("mkdocs.yml", &format!("{yml}use_directory_urls: false\n"));
    f.build().assert_ok();
    let deep = f.html_in("site", "guide/deep/index.html");
    assert_eq!(attrs(&deep, "img", "src")[1], "../../img/a.png");
}

/// Admonition titles, summaries and tab labels are read as Markdown, as Python-Markdown reads
/// them: code, emphasis, links (resolved as any link); a `<` in one still shows as written.
#[test]
fn titles_and_tab_labels_are_read_as_markdown() {
    let f = Fixture::empty();
    f.file("mkdocs.yml", "site_name: S\n");
    f.file("docs/index.md", "# Home\n\nHello.\n");
    f.file("docs/setup.md", "# Setup\n\nSteps.\n");
    f.file(
        "docs/guide.md",
        "# Guide\n\n!!! tip \"Run `make` after [setup](setup.md)\"\n    Text.\n\n\
         ??? note \"Why *so* many <tools>?\"\n    Because.\n\n\
         !!! note \"Use `<br>` when a < b\"\n    Text.\n\n\
         === \"`mkdocs.yml`\"\n\n    One.\n\n=== \"Plain\"\n\n    Two.\n\n=== \"`List<String>`\"\n\n    Three.\n",
    );
    f.build().assert_ok();
    let guide = f.html_in("site", "guide/index.html");
    assert_eq!(
        texts(&guide, ".hb-callout-tip > .hb-callout-title code"),
        ["make"]
    );
    assert_eq!(
        attrs(&guide, ".hb-callout-tip > .hb-callout-title a", "href"),
        ["../setup/index.html"]
    );
    assert_eq!(texts(&guide, "details > summary em"), ["so"]);
    assert_eq!(texts(&guide, "details > summary"), ["Why so many <tools>?"]);
    assert_eq!(
        texts(&guide, "div.hb-callout-note > .hb-callout-title"),
        ["Use <br> when a < b"]
    );
    assert_eq!(
        texts(&guide, ".hb-tab-title code"),
        ["mkdocs.yml", "List<String>"]
    );
    assert_eq!(
        texts(&guide, ".hb-tab-title"),
        ["mkdocs.yml", "Plain", "List<String>"]
    );
}

/// A group of the nav without a page of its own is a heading over its pages at the top; one
/// inside another such group is a section of that group, with a page made for it.
#[test]
fn a_group_inside_a_group_is_a_section_of_it() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: S\nnav:\n  - Home: index.md\n  - Community:\n      - Contributing: c.md\n      \
         - Guides:\n          - Writing: w.md\n  - Reference:\n      - Config: r.md\n",
    );
    for (file, title) in [("index", "Home"), ("c", "C"), ("w", "W"), ("r", "R")] {
        f.file(&format!("docs/{file}.md"), &format!("# {title}\n\nText.\n"));
    }
    f.build().assert_ok();
    let home = f.html_in("site", "index.html");
    assert_eq!(
        texts(&home, "#hb-sidebar li.hb-nav-part"),
        ["Community", "Reference"]
    );
    assert_eq!(
        texts(&home, "#hb-sidebar > ul > li > a"),
        ["Home", "Contributing", "Guides", "Config"]
    );
    assert_eq!(
        texts(&f.html_in("site", "w/index.html"), "#hb-sidebar li li > a"),
        ["Writing"]
    );
    assert_eq!(
        texts(&f.html_in("site", "guides/index.html"), "h1"),
        ["Guides"]
    );
}

#[test]
fn exclude_docs_leaves_its_files_out() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: S\nexclude_docs: |\n  # not shown\n  drafts/\n  *.py\n  !keep.py\n",
    );
    f.file("docs/index.md", "# Home\n\nHello.\n");
    f.file("docs/drafts/idea.md", "# Idea\n");
    f.file("docs/tool.py", "print()\n");
    f.file("docs/keep.py", "print()\n");
    f.build().assert_ok();
    let out = f.root().join("site");
    assert!(out.join("index.html").is_file());
    assert!(out.join("keep.py").is_file());
    assert!(!out.join("tool.py").exists());
    assert!(!out.join("drafts").exists());
}

#[test]
fn a_fenced_blocks_id_is_an_anchor_links_reach() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: M\nmarkdown_extensions:\n  - attr_list\n  - pymdownx.superfences\n",
    );
    f.file(
        "docs/index.md",
        "# Home\n\nRun [the example](#example), or [the plain one](other.md#plain).\n\n\
         ``` { .sh .no-copy #example }\necho hi\n```\n",
    );
    f.file(
        "docs/other.md",
        "# Other\n\n``` { .nosuchlanguage #plain }\n<not a tag>\n```\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let home = f.html_in("site", "index.html");
    assert_eq!(attrs(&home, "pre", "id"), ["example"]);
    assert_eq!(texts(&home, "pre#example code"), ["echo hi"]);
    let other = f.html_in("site", "other/index.html");
    assert_eq!(
        texts(&other, "pre#plain code.language-nosuchlanguage"),
        ["<not a tag>"]
    );
    // In the print view, as every id there, after the page's own.
    let print = f.html_in("site", "print/index.html");
    let ids = attrs(&print, "pre", "id");
    assert_eq!(ids.len(), 2);
    assert!(
        ids.iter()
            .all(|id| id.ends_with("--example") || id.ends_with("--plain")),
        "{ids:?}"
    );
    let problems = link_problems(&f.root().join("site"));
    assert!(problems.is_empty(), "{problems:?}");
    // An id a heading has already: said, and links go to the heading.
    f.file(
        "docs/other.md",
        "# Other\n\n## Plain\n\n``` { .sh #plain }\nx\n```\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("docs/other.md:5:1: warning: the id `plain` is already on this page"),
        "{}",
        run.stderr
    );
    // A link to an id no block has is still found.
    f.file("docs/other.md", "# Other\n\n``` { .sh }\nx\n```\n");
    let run = f.build();
    assert!(
        run.stderr.contains("has no heading `#plain`"),
        "{}",
        run.stderr
    );
}

/// Heading ids are Python-Markdown's (its `toc` extension's default): punctuation dropped, a run
/// of spaces and `-` one `-`, accents dropped, a repeated id followed by `_1`; links written
/// for MkDocs name them exactly. A `toc` with a `slugify` of its own keeps GitHub's ids.
#[test]
fn heading_ids_are_python_markdowns_unless_toc_has_its_own_slugify() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: M\nmarkdown_extensions:\n  - toc:\n      permalink: true\n  - pymdownx.magiclink\n",
    );
    f.file(
        "docs/index.md",
        "# Home\n\n[a](other.md#caret-mark-tilde) [b](other.md#usage_1) [c](other.md#sub-and-superscripts) [d](other.md#cafe)\n\nSee https://example.com/x for more.\n",
    );
    f.file(
        "docs/other.md",
        "# Other\n\n## Caret, Mark & Tilde\n\n## Usage\n\n## Usage\n\n## Sub- and superscripts\n\n## Café\n",
    );
    // Python-Markdown's numbering: an empty id is `_1`, a taken `a_1` becomes `a_2`.
    f.file(
        "docs/edge.md",
        "# Edge\n\n## 日本語\n\n## ???\n\n## A_1\n\n## A_1\n\n## Foo -\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("broken"), "{}", run.stderr);
    let ids = attrs(
        &f.html_in("site", "other/index.html"),
        ".hb-content h2",
        "id",
    );
    assert_eq!(
        ids,
        [
            "caret-mark-tilde",
            "usage",
            "usage_1",
            "sub-and-superscripts",
            "cafe"
        ]
    );
    assert_eq!(
        attrs(
            &f.html_in("site", "edge/index.html"),
            ".hb-content h2",
            "id"
        ),
        ["_1", "_2", "a_1", "a_2", "foo-"]
    );
    // magiclink, listed by name, links bare addresses.
    let home = f.html_in("site", "index.html");
    assert!(attrs(&home, ".hb-content a", "href").contains(&"https://example.com/x".to_string()));
    // pymdownx.slugs (or any slugify given) makes GitHub-like ids.
    f.file(
        "mkdocs.yml",
        "site_name: M\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n",
    );
    f.build();
    let ids = attrs(
        &f.html_in("site", "other/index.html"),
        ".hb-content h2",
        "id",
    );
    assert_eq!(
        ids,
        [
            "caret-mark--tilde",
            "usage",
            // (toc still numbers a repeated id `_1`, whatever makes it.)
            "usage_1",
            "sub--and-superscripts",
            "café"
        ]
    );
}

/// An admonition's title reads reference links the page defines, as its body does.
#[test]
fn an_admonition_title_reads_the_pages_reference_links() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: M\nmarkdown_extensions:\n  - admonition\n",
    );
    f.file(
        "docs/index.md",
        "# Home\n\n!!! info \"The [`site_url`][site] setting\"\n\n    Body with [site][site].\n\n  [site]: other.md#url\n",
    );
    f.file("docs/other.md", "# Other\n\n## URL\n");
    let run = f.build();
    run.assert_ok();
    let home = f.html_in("site", "index.html");
    assert_eq!(texts(&home, ".hb-callout-title"), ["The site_url setting"]);
    assert_eq!(
        attrs(&home, ".hb-callout a", "href"),
        ["other/index.html#url", "other/index.html#url"]
    );
}

/// pymdownx's inline marks, where mkdocs.yml lists them: `==mark==`, `^^insert^^`, `^sup^`,
/// `~sub~` (and `~~strike~~`), `++ctrl+alt+del++`; not in code, and not `C++ and C++`. An
/// extension handbook does not read is named in one warning.
#[test]
fn pymdownx_inline_marks_are_read_and_unread_extensions_are_named() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: M\nmarkdown_extensions:\n  - pymdownx.mark\n  - pymdownx.caret\n  - pymdownx.tilde\n  - pymdownx.keys\n  - pymdownx.critic\n  - pymdownx.inlinehilite\n  - toc:\n      permalink: true\n",
    );
    f.file(
        "docs/index.md",
        "# Home\n\nPress ++ctrl+alt+del++ or ++cmd+\"My Key\"+f5++; ==**marked** text==, ^^inserted^^, \
         H~2~O, 2^10^ and ~~gone~~.\n\nC++ and C++ stay. `==code==` stays, a == b == c stays, \
         x==1 or y==2 stays, 2\\^10^ stays.\n\n\
         [A](https://x.edu/~alice/~bob) <https://x.edu/~carol/~dan> ![i](a~b~c.png) Claim[^1][^2].\n\n\
         [^1]: One.\n[^2]: Two.\n\n\
         Heading\n=======\n",
    );
    let run = f.build();
    run.assert_ok();
    let home = f.html_in("site", "index.html");
    assert_eq!(
        texts(&home, ".hb-keys kbd"),
        ["Ctrl", "Alt", "Del", "Cmd", "My Key", "F5"]
    );
    assert_eq!(texts(&home, ".hb-content mark"), ["marked text"]);
    assert_eq!(texts(&home, ".hb-content mark strong"), ["marked"]);
    assert_eq!(texts(&home, ".hb-content ins"), ["inserted"]);
    assert_eq!(texts(&home, ".hb-content sub"), ["2"]);
    assert_eq!(texts(&home, ".hb-content sup:not(:has(a))"), ["10"]);
    assert_eq!(texts(&home, ".hb-content del"), ["gone"]);
    let text = texts(&home, ".hb-content p").join("\n");
    assert!(
        text.contains(
            "C++ and C++ stay. ==code== stays, a == b == c stays, x==1 or y==2 stays, 2^10^ stays."
        ),
        "{text}"
    );
    // Addresses, images and footnote references keep their marks as written.
    assert_eq!(
        attrs(&home, ".hb-content a", "href")[..2],
        ["https://x.edu/~alice/~bob", "https://x.edu/~carol/~dan"]
    );
    assert_eq!(attrs(&home, ".hb-content img", "src"), ["a~b~c.png"]);
    assert_eq!(texts(&home, ".hb-content sup a").len(), 2);
    // A setext underline is no mark.
    assert_eq!(texts(&home, ".hb-content h1"), ["Heading#"]);
    assert_eq!(attrs(&home, ".hb-content h1 > a", "href"), ["#heading"]);
    assert!(
        run.stderr.contains(
            "mkdocs.yml:2:1: warning: handbook does not read the markdown_extensions `pymdownx.critic`, `pymdownx.inlinehilite`"
        ),
        "{}",
        run.stderr
    );
    // Without the extensions, the marks are text, as in MkDocs.
    f.file("mkdocs.yml", "site_name: M\n");
    f.build().assert_ok();
    let home = f.html_in("site", "index.html");
    assert!(texts(
        &home,
        ".hb-content mark, .hb-content ins, kbd, sub, sup:not(:has(a))"
    )
    .is_empty());
}

/// A nav group inside another with no page of its own is a section over its pages (with a
/// page made for it, listing them), as MkDocs nests it; a group at the top heads its pages.
#[test]
fn nested_nav_groups_without_a_page_are_sections() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: M\nnav:\n  - Home: index.md\n  - Tutorials:\n    - Blogs:\n      - tutorials/blogs/basic.md\n      - tutorials/blogs/nav.md\n    - tutorials/other.md\n  - Guide:\n    - guide/index.md\n    - Sub group:\n      - guide/a.md\n",
    );
    f.file("docs/index.md", "# Home\n");
    f.file("docs/tutorials/blogs/basic.md", "# Basic\n");
    f.file("docs/tutorials/blogs/nav.md", "# Navigation\n");
    f.file("docs/tutorials/other.md", "# Other\n");
    f.file("docs/guide/index.md", "# Guide\n");
    f.file("docs/guide/a.md", "# A\n");
    let run = f.build();
    run.assert_ok();
    let page = f.html_in("site", "guide/a/index.html");
    assert_eq!(
        texts(&page, "#hb-sidebar > ul > li > a"),
        ["Home", "Blogs", "Other", "Guide"]
    );
    assert_eq!(texts(&page, "#hb-sidebar li.hb-nav-part"), ["Tutorials"]);
    // The open section's groups: Guide > Sub group > A.
    assert_eq!(texts(&page, "#hb-sidebar li li > a"), ["Sub group", "A"]);
    assert_eq!(
        texts(&page, ".hb-breadcrumbs li"),
        ["Home", "Guide", "Sub group", "A"]
    );
    // The Blogs group is the page made for its folder, listing its pages.
    let blogs = f.html_in("site", "tutorials/blogs/index.html");
    assert_eq!(texts(&blogs, "h1"), ["Blogs"]);
    assert_eq!(texts(&blogs, ".hb-children a"), ["Basic", "Navigation"]);
    let sub = f.html_in("site", "guide/sub-group/index.html");
    assert_eq!(texts(&sub, "h1"), ["Sub group"]);
}

/// Pages `not_in_nav` names are meant to be outside the nav: the warning about unlisted pages
/// leaves them out.
#[test]
fn not_in_nav_pages_are_not_named_as_unlisted() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: M\nnot_in_nav: |\n  /hidden.md\n  drafts/*.md\nnav:\n  - Home: index.md\n  - Help:\n    - Chat: https://chat.example.com/\n",
    );
    f.file("docs/index.md", "# Home\n\nText.\n");
    f.file("docs/hidden.md", "# Hidden\n\nText.\n");
    f.file("docs/drafts/a.md", "# A\n\nText.\n");
    f.file("docs/other.md", "# Other\n\nText.\n");
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains("1 page is not listed here, so built, and links lead to it, but it is not in the navigation: other.md"),
        "{}",
        run.stderr
    );
    assert!(f.root().join("site/hidden/index.html").is_file());
    // The nav's links to other sites are named, as the sidebar does not show them.
    assert!(
        run.stderr.contains(
            "mkdocs.yml:5:1: warning: the sidebar lists the site's pages: the nav's links to other sites are not in it (`Chat`)"
        ),
        "{}",
        run.stderr
    );
}

/// Sibling groups whose pages share a folder each get a page of their own; a group's page is
/// never where the site writes its own (`print/`), and a title of no letters still names one.
#[test]
fn sibling_nav_groups_each_get_a_page() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: M\nnav:\n  - Home: index.md\n  - Guide:\n    - Basics:\n      - guide/a.md\n    - Advanced:\n      - guide/b.md\n    - Print:\n      - c.md\n    - \"🚀\":\n      - d.md\n",
    );
    f.file("docs/index.md", "# Home\n\nText.\n");
    for (file, title) in [("guide/a", "A"), ("guide/b", "B"), ("c", "C"), ("d", "D")] {
        f.file(&format!("docs/{file}.md"), &format!("# {title}\n\nText.\n"));
    }
    let run = f.build();
    run.assert_ok();
    let home = f.html_in("site", "index.html");
    assert_eq!(
        texts(&home, "#hb-sidebar > ul > li > a"),
        ["Home", "Basics", "Advanced", "Print", "🚀"]
    );
    assert_eq!(
        attrs(&home, "#hb-sidebar > ul > li > a", "href")[1..],
        [
            "guide/index.html",
            "guide/advanced/index.html",
            "print-2/index.html",
            "group/index.html"
        ]
    );
    assert_eq!(
        texts(
            &f.html_in("site", "guide/b/index.html"),
            "#hb-sidebar li li > a"
        ),
        ["B"]
    );
}

/// Without a `nav`, MkDocs lists a folder's index first, then its files by name, then its
/// folders by name, whatever their titles.
#[test]
fn without_a_nav_files_come_by_name_then_folders() {
    let f = Fixture::empty();
    f.file("mkdocs.yml", "site_name: Order\n");
    f.file("docs/index.md", "# Welcome\n\nHello.\n");
    f.file("docs/a-folder/index.md", "# Aardvark folder\n\nA.\n");
    f.file("docs/b.md", "# Zebra page\n\nZ.\n");
    f.file("docs/c.md", "# Apple page\n\nA.\n");
    f.build().assert_ok();
    let home = f.html_in("site", "index.html");
    assert_eq!(
        texts(&home, "#hb-sidebar > ul > li > a"),
        ["Home", "Zebra page", "Apple page", "Aardvark folder"]
    );
}

/// pymdownx's generic blocks, the syntax its docs now recommend: `/// tip | Title` ... `///` as
/// a callout, `/// details` (with `type` and `open` options) as a collapsible one, runs of
/// `/// tab` as tabs (`new: true` starting another set), `/// html | div.class` as an element;
/// blocks nest, code shows them as written, and names the site does not list stay text.
#[test]
fn pymdownx_generic_blocks_are_callouts_details_tabs_and_elements() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: Blocks\nmarkdown_extensions:\n  - pymdownx.blocks.admonition:\n      types: [note, tip, warning, check]\n  \
         - pymdownx.blocks.details\n  - pymdownx.blocks.tab:\n      alternate_style: true\n  - pymdownx.blocks.html\n",
    );
    f.file(
        "docs/index.md",
        "# Blocks\n\n\
         /// tip | Read *this*\nFirst [link](other.md).\n\n\
         //// warning\nNested inside.\n////\n\nStill the tip.\n///\n\n\
         /// details | Why?\n    type: warning\n    open: True\n\nBecause.\n///\n\n\
         /// tab | macOS\nUse brew.\n///\n\n/// tab | Linux\nUse apt.\n///\n\n\
         /// tab | Again\n    new: true\nA new set.\n///\n\nBetween.\n\n\
         /// html | div.wide.note\nInside a *div*.\n///\n\n\
         /// caption\nNot listed.\n///\n\n\
         1. In a list:\n\n    /// warning\n\n    Inside the item.\n\n    ///\n\n\
         ```\n/// note\nin code\n///\n```\n\n\
         /// note\nLeft open at the end.\n",
    );
    f.file("docs/other.md", "# Other\n\nText.\n");
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("pymdownx.blocks"), "{}", run.stderr);
    let home = f.html_in("site", "index.html");
    assert_eq!(
        texts(
            &home,
            "article .hb-content > .hb-callout-tip > .hb-callout-title"
        ),
        ["Read this"]
    );
    assert_eq!(
        attrs(&home, "article .hb-callout-tip > p > a", "href"),
        ["other/index.html"]
    );
    assert_eq!(
        texts(&home, ".hb-callout-tip > .hb-callout-warning > p"),
        ["Warning", "Nested inside."]
    );
    assert_eq!(
        texts(&home, ".hb-callout-tip > p:not(.hb-callout-title)"),
        ["First link.", "Still the tip."]
    );
    assert_eq!(
        texts(&home, "details.hb-callout-warning[open] > summary"),
        ["Why?"]
    );
    assert_eq!(texts(&home, "details.hb-callout-warning > p"), ["Because."]);
    let sets: Vec<Vec<String>> = home
        .select(&sel(".hb-tabs"))
        .map(|set| {
            set.select(&sel(".hb-tab-title"))
                .map(|t| t.text().collect())
                .collect()
        })
        .collect();
    assert_eq!(sets, [vec!["macOS", "Linux"], vec!["Again"]]);
    assert_eq!(texts(&home, "div.wide.note > p"), ["Inside a div."]);
    assert_eq!(
        texts(
            &home,
            "ol > li > .hb-callout-warning > p:not(.hb-callout-title)"
        ),
        ["Inside the item."]
    );
    // Not listed, or in code: as written.
    let paragraphs = texts(&home, "article p");
    assert!(
        paragraphs.iter().any(|p| p.starts_with("/// caption")),
        "{paragraphs:?}"
    );
    assert_eq!(texts(&home, "article pre code"), ["/// note\nin code\n///"]);
    assert_eq!(
        texts(&home, ".hb-callout-note > p:not(.hb-callout-title)"),
        ["Left open at the end."]
    );
}

/// An MkDocs site's `extra_css` importing from the site's top (`/stylesheets/...`, the docs
/// folder) and a web font: the import is put in place, its `url()`s lead where they led, a
/// sheet two listed sheets import comes once, and the web font is left out with a warning.
#[test]
fn extra_css_imports_resolve_from_the_docs_folder() {
    let f = Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: Styles\nextra_css:\n  - stylesheets/extra.css\n  - stylesheets/more.css\n",
    );
    f.file("docs/index.md", "# Home\n\nHello.\n");
    f.file(
        "docs/stylesheets/extra.css",
        "@import url(\"https://fonts.googleapis.com/css2?family=Inter\");\n\
         @import \"/stylesheets/base.css\";\n.extra { color: red; }\n",
    );
    f.file(
        "docs/stylesheets/more.css",
        "@import \"base.css\";\n.more { color: blue; }\n",
    );
    f.file(
        "docs/stylesheets/base.css",
        ".base { background: url(../img/bg.png); }\n",
    );
    f.bytes("docs/img/bg.png", b"png");
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("docs/stylesheets/extra.css:1:1: warning: `@import` of"),
        "{}",
        run.stderr
    );
    let css = std::fs::read_to_string(f.root().join("site/assets/handbook.css")).unwrap();
    assert_eq!(css.matches(".base {").count(), 1, "{css}");
    assert!(
        css.contains(".base { background: url(../img/bg.png); }"),
        "{css}"
    );
    assert!(f.root().join("site/img/bg.png").is_file());
    assert!(css.find(".base").unwrap() < css.find(".extra").unwrap());
    assert!(
        !css.contains("googleapis.com/css2?family=Inter\")"),
        "{css}"
    );
}

/// With `md_in_html`, Markdown inside an element marked `markdown` is read, also inside an
/// admonition (its indentation kept); without it, the element shows its text as written.
#[test]
fn markdown_in_html_is_read_with_md_in_html() {
    let f = Fixture::empty();
    let page = "# Cards\n\n<div class=\"grid cards\" markdown>\n- __Set up__ in *5 minutes*\n- [Guide](guide.md)\n</div>\n\n\
                !!! note \"Inside\"\n\n    <div markdown=\"1\">\n    Read **this**.\n    </div>\n\n    After.\n";
    f.file(
        "mkdocs.yml",
        "site_name: Cards\nmarkdown_extensions:\n  - admonition\n  - md_in_html\n",
    );
    f.file("docs/index.md", page);
    f.file("docs/guide.md", "# Guide\n\nG.\n");
    f.build().assert_ok();
    let doc = f.html_in("site", "index.html");
    assert_eq!(texts(&doc, "div.grid.cards > ul > li strong"), ["Set up"]);
    assert_eq!(
        attrs(&doc, "div.grid.cards a", "href"),
        ["guide/index.html"]
    );
    assert!(attrs(&doc, "div.grid", "markdown").is_empty());
    assert_eq!(texts(&doc, ".hb-callout-note > div > p strong"), ["this"]);
    assert_eq!(
        texts(&doc, ".hb-callout-note > p:not(.hb-callout-title)"),
        ["After."]
    );
    // Without the extension, Python-Markdown leaves the element's text as written.
    f.file(
        "mkdocs.yml",
        "site_name: Cards\nmarkdown_extensions:\n  - admonition\n",
    );
    f.build().assert_ok();
    let doc = f.html_in("site", "index.html");
    assert!(texts(&doc, "div.grid.cards")
        .concat()
        .contains("__Set up__"));
}
