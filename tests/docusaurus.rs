//! Sites written for Docusaurus build as they are: `docusaurus.config.js` stands in for
//! book.toml, `_category_.json` and `sidebar_position` order the sidebar, and admonitions show
//! as callouts, never as written.

mod common;

use common::{attrs, link_problems, texts, Fixture};

/// A Docusaurus site: its config (a program), docs/ with categories and positions.
fn site() -> Fixture {
    let f = Fixture::empty();
    f.file(
        "docusaurus.config.js",
        "// @ts-check\nconst config = {\n  title: 'Team Handbook',\n  tagline: 'How we work',\n  \
         url: 'https://example.org',\n  themeConfig: {\n    navbar: { title: 'Handbook' },\n  },\n};\n\
         module.exports = config;\n",
    );
    f.file(
        "docs/index.md",
        "---\nsidebar_position: 1\n---\n# Welcome\n\nHello.\n",
    );
    f.file(
        "docs/guides/_category_.json",
        "{ \"label\": \"How-to guides\", \"position\": 2, \"link\": { \"type\": \"generated-index\", \"description\": \"Step by step.\" } }",
    );
    f.file(
        "docs/guides/zeta.md",
        "---\nsidebar_position: 1\n---\n# Zeta first\n\nZ.\n",
    );
    // Links as Docusaurus resolves them: a sibling without `.md`, a page by its `id`, `#`.
    f.file(
        "docs/guides/alpha.md",
        "---\nsidebar_position: 2.5\n---\n# Alpha second\n\n\
         [z](./zeta) [t](../reference/tooling#use) [top](#)\n",
    );
    f.file(
        "docs/reference/tools.md",
        "---\nid: tooling\ntitle: Tools\n---\n## Use\n\nThem.\n",
    );
    f.file(
        "docs/reference/_category_.yml",
        "label: Reference\nposition: 1.5\n",
    );
    f.file(
        "docs/reference/admonitions.md",
        "# Admonitions\n\n\
         :::tip[Read **this**]\n\nFirst tip.\n\n:::\n\n\
         :::danger Old style\nNo blank lines.\n:::\n\n\
         ::::info\n\nOuter.\n\n:::note\n\nInner.\n\n:::\n\n::::\n\n\
         - In a list:\n\n  :::warning\n\n  Listed.\n\n  :::\n\n\
         ```md\n:::note\nnot an admonition\n:::\n```\n\n\
         :::caution\n\nNever closed.\n",
    );
    f
}

#[test]
fn a_docusaurus_site_builds_from_its_config_with_its_order_and_admonitions() {
    let f = site();
    let run = f.build();
    run.assert_ok();
    let home = f.html_in("build", "index.html");
    assert_eq!(texts(&home, ".hb-header a.hb-brand"), ["Team Handbook"]);
    // Sections by their category's position, their pages by sidebar_position.
    assert_eq!(
        texts(&home, "#hb-sidebar > ul > li > a"),
        ["Home", "Reference", "How-to guides"]
    );
    let guides = f.html_in("build", "guides/index.html");
    assert_eq!(texts(&guides, "h1"), ["How-to guides"]);
    assert_eq!(texts(&guides, ".hb-lead"), ["Step by step."]);
    assert_eq!(
        texts(&guides, ".hb-children a"),
        ["Zeta first", "Alpha second"]
    );
    assert_eq!(
        common::attrs(
            &f.html_in("build", "guides/alpha/index.html"),
            ".hb-content a",
            "href"
        ),
        [
            "../../guides/zeta/index.html",
            "../../reference/tooling/index.html#use",
            "#"
        ]
    );
    let page = f.html_in("build", "reference/admonitions/index.html");
    assert_eq!(
        texts(&page, ".hb-callout > .hb-callout-title"),
        ["Read this", "Old style", "Info", "Note", "Warning"]
    );
    assert_eq!(
        texts(&page, ".hb-callout-tip .hb-callout-title strong"),
        ["this"]
    );
    assert_eq!(
        texts(&page, ".hb-callout-caution p:not(.hb-callout-title)"),
        ["No blank lines."]
    );
    // Nested: the note inside the info.
    assert_eq!(
        texts(&page, ".hb-callout .hb-callout .hb-callout-title"),
        ["Note"]
    );
    assert_eq!(
        texts(&page, "li .hb-callout-warning p:not(.hb-callout-title)"),
        ["Listed."]
    );
    assert_eq!(
        texts(&page, "pre code"),
        [":::note\nnot an admonition\n:::"]
    );
    assert!(
        run.stderr.contains(
            "docs/reference/admonitions.md:39:1: warning: the `:::caution` admonition is never closed"
        ),
        "{}",
        run.stderr
    );
    assert!(texts(&page, ".hb-content p")
        .iter()
        .any(|p| p == ":::caution"));
    let problems = link_problems(&f.root().join("build"));
    assert!(problems.is_empty(), "{problems:?}");
    // Folders need no index page here, as in Docusaurus.
    assert!(!run.stderr.contains("no _index.md"), "{}", run.stderr);
}

#[test]
fn mdx_pages_are_pages_and_their_imports_show_nothing() {
    let f = site();
    std::fs::remove_file(f.root().join("docs/index.md")).unwrap();
    f.file(
        "docs/index.mdx",
        "---\ntitle: Start here\n---\nimport Tabs from '@theme/Tabs';\nimport {Card} from \"../src/card\";\n\n\
         {/* Written for the web site. */}\n\nWelcome. Read [the tools](./reference/tooling).\n\n\
         ```js\nimport x from 'y';\n```\n\nexport const answer = 42;\n",
    );
    f.file(
        "docs/guides/setup.mdx",
        "# Setup\n\nSee [zeta](./zeta) and [home](../index.mdx).\n",
    );
    let run = f.build();
    run.assert_ok();
    let home = f.html_in("build", "index.html");
    assert_eq!(texts(&home, "h1"), ["Start here"]);
    let text = texts(&home, ".hb-content p").join("\n");
    assert_eq!(text, "Welcome. Read the tools.");
    assert_eq!(texts(&home, "pre code"), ["import x from 'y';"]);
    let setup = f.html_in("build", "guides/setup/index.html");
    assert_eq!(texts(&setup, "h1"), ["Setup"]);
    assert_eq!(
        common::attrs(&setup, ".hb-content a", "href"),
        ["../../guides/zeta/index.html", "../../index.html"]
    );
    let problems = link_problems(&f.root().join("build"));
    assert!(problems.is_empty(), "{problems:?}");
}

/// `hide_title: true` hides the front matter's title: the page's own `# Heading`, after some
/// spacing, is its one h1 (two showed).
#[test]
fn a_page_that_hides_its_title_shows_its_own_heading_once() {
    let f = site();
    f.file(
        "docs/guides/compose.md",
        "---\nid: compose\ntitle: compose\nhide_title: true\n---\n\n&nbsp;\n\n\
         # `compose(...functions)`\n\nComposes functions.\n",
    );
    f.build().assert_ok();
    let page = f.html_in("build", "guides/compose/index.html");
    assert_eq!(texts(&page, "h1"), ["compose(...functions)"]);
    assert_eq!(texts(&page, ".hb-content p"), ["Composes functions."]);
    assert_eq!(texts(&page, "title"), ["compose · Team Handbook"]);
}

#[test]
fn a_link_without_md_from_a_folders_page_is_read_from_that_folder_only() {
    // From team/_index.md, `alice` is team/alice: a page alice.md above is not it.
    let f = Fixture::new();
    f.page("team/_index.md", "Team", "[alice](alice) [a2](./alice/)\n");
    f.page("alice.md", "Alice", "Top-level Alice.\n");
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("broken link").count(),
        2,
        "{}",
        run.stderr
    );
}

#[test]
fn prose_code_quotes_and_a_misplaced_admonition() {
    let f = site();
    f.file(
        "docs/reference/prose.md",
        "# Prose\n\nFirst, we\nimport the data from the old system\nand then check it.\n\n\
         :::tip[Read]\n\nFirst.\n\n:::\n\n    :::note\n    code\n    :::\n\n\
         > :::warning\n> Quoted.\n> :::\n\nText.\n    :::info\n    Too deep.\n    :::\n",
    );
    let run = f.build();
    run.assert_ok();
    let page = f.html_in("build", "reference/prose/index.html");
    assert_eq!(
        texts(&page, ".hb-content > p")[0],
        "First, we\nimport the data from the old system\nand then check it."
    );
    assert_eq!(
        texts(&page, ".hb-callout-tip p:not(.hb-callout-title)"),
        ["First."]
    );
    assert_eq!(texts(&page, "pre code"), [":::note\ncode\n:::"]);
    assert_eq!(
        texts(
            &page,
            "blockquote .hb-callout-warning p:not(.hb-callout-title)"
        ),
        ["Quoted."]
    );
    // Indented as code would be after its paragraph, the last one shows as written, alone.
    assert!(
        run.stderr
            .contains("docs/reference/prose.md:22:5: warning: this admonition shows as written"),
        "{}",
        run.stderr
    );
}

/// However many admonitions are misplaced as code, each shows as written with a warning of
/// its own and the page's other admonitions are still read.
#[test]
fn many_misplaced_admonitions_leave_the_others_read() {
    let f = site();
    let misplaced = "Text.\n    :::note\n    Too deep.\n    :::\n\n".repeat(40);
    f.file(
        "docs/reference/many.md",
        &format!("# Many\n\n:::tip\n\nGood.\n\n:::\n\n{misplaced}:::warning\nLast.\n:::\n"),
    );
    let run = f.build();
    run.assert_ok();
    let page = f.html_in("build", "reference/many/index.html");
    assert_eq!(
        texts(&page, ".hb-callout > p:not(.hb-callout-title)"),
        ["Good.", "Last."]
    );
    let warned = run
        .stderr
        .lines()
        .filter(|l| {
            l.contains("docs/reference/many.md:") && l.contains("this admonition shows as written")
        })
        .count();
    assert_eq!(warned, 40, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("docs/reference/many.md:10:5: warning: this admonition shows as written"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_folders_own_page_takes_its_category_and_the_nearest_site_is_the_one_built() {
    let f = site();
    f.file(
        "docs/mid/_category_.json",
        "{ \"label\": \"Middle\", \"position\": \"1.2\" }",
    );
    f.file("docs/mid/index.md", "Intro of the middle.\n");
    f.file("docs/mid/page.md", "# Mid page\n\nText.\n");
    // A title in a comment of the config is not the site's.
    let config = std::fs::read_to_string(f.root().join("docusaurus.config.js")).unwrap();
    f.file(
        "docusaurus.config.js",
        &format!("// title: 'Old commented title'\n{config}"),
    );
    let run = f.build();
    run.assert_ok();
    let home = f.html_in("build", "index.html");
    assert_eq!(texts(&home, ".hb-header a.hb-brand"), ["Team Handbook"]);
    assert_eq!(
        texts(&home, "#hb-sidebar > ul > li > a"),
        ["Home", "Middle", "Reference", "How-to guides"]
    );
    assert!(
        !run.stderr
            .contains("docs/mid/index.md:1:1: warning: page has no title"),
        "{}",
        run.stderr
    );
    // A Hugo site inside it is built from its own folder.
    f.file("blog/hugo.toml", "title = 'The blog'\n");
    f.file("blog/content/_index.md", "---\ntitle: Blog\n---\nPosts.\n");
    let run = f.run_in("blog/content", &["build"]);
    run.assert_ok();
    assert_eq!(
        texts(
            &f.html_in("blog/public", "index.html"),
            ".hb-header a.hb-brand"
        ),
        ["The blog"]
    );
}

#[test]
fn number_prefixes_order_pages_and_folders_and_leave_their_urls() {
    let f = site();
    // Folders and files ordered by their prefix (2 before 10), which their URLs, ids and
    // default titles leave; a date or a version keeps its numbers.
    f.file("docs/05-setup/10-advanced.md", "# Advanced\n\nMore.\n");
    f.file(
        "docs/05-setup/2_basics.md",
        "Basics first. [next](./10-advanced.md) [again](./advanced) [notes](./2024-01-05-notes.md)\n",
    );
    f.file("docs/05-setup/2024-01-05-notes.md", "# Notes\n\nDated.\n");
    f.file("docs/05-setup/1.2-release.md", "# Release\n\nVersioned.\n");
    f.file("docs/07. Later/index.md", "# Later on\n\nSoon.\n");
    // The site's source kept among its docs: bundled by Docusaurus, never published.
    f.file("docs/package.json", "{}\n");
    f.file("docs/yarn.lock", "# lock\n");
    f.file("docs/components/Detail.jsx", "export default () => null;\n");
    f.file("docs/components/Detail.module.css", ".a {}\n");
    f.bytes("docs/05-setup/diagram.png", b"png");
    let run = f.build();
    run.assert_ok();
    let home = f.html_in("build", "index.html");
    assert_eq!(
        texts(&home, "#hb-sidebar > ul > li > a"),
        ["Home", "Reference", "How-to guides", "Setup", "Later on"]
    );
    let setup = f.html_in("build", "setup/index.html");
    assert_eq!(texts(&setup, "h1"), ["Setup"]);
    assert_eq!(
        texts(&setup, ".hb-children a"),
        // Those without a number follow, by file name as Docusaurus lists them.
        ["Basics", "Advanced", "Release", "Notes"]
    );
    let basics = f.html_in("build", "setup/basics/index.html");
    assert_eq!(
        common::attrs(&basics, ".hb-content a", "href"),
        [
            "../../setup/advanced/index.html",
            "../../setup/advanced/index.html",
            "../../setup/2024-01-05-notes/index.html"
        ]
    );
    assert!(f
        .root()
        .join("build/setup/1-2-release/index.html")
        .is_file());
    assert!(f.root().join("build/later/index.html").is_file());
    // The title taken from the name is the name without its number.
    assert!(
        run.stderr.contains(
            "docs/05-setup/2_basics.md:1:1: warning: page has no title; using \"Basics\""
        ),
        "{}",
        run.stderr
    );
    // Category files are read, not published.
    assert!(!f.root().join("build/guides/_category_.json").exists());
    assert!(!f.root().join("build/reference/_category_.yml").exists());
    for source in [
        "package.json",
        "yarn.lock",
        "components/Detail.jsx",
        "components/Detail.module.css",
    ] {
        assert!(!f.root().join("build").join(source).exists(), "{source}");
    }
    assert!(f.root().join("build/05-setup/diagram.png").is_file());
    let problems = link_problems(&f.root().join("build"));
    assert!(problems.is_empty(), "{problems:?}");
}

/// The site with sidebars written in TypeScript: two sidebars, docs by id, categories with and
/// without a page, a link, a shorthand category and an autogenerated folder.
fn site_with_sidebars() -> Fixture {
    let f = site();
    let config = std::fs::read_to_string(f.root().join("docusaurus.config.js")).unwrap();
    f.file(
        "docusaurus.config.js",
        &config.replace(
            "navbar: { title: 'Handbook' },",
            "navbar: { title: 'Handbook', items: [\n      \
             { type: 'docSidebar', sidebarId: 'docs', position: 'left', label: 'Guides' },\n    ] },",
        ),
    );
    f.file("docs/setup/basics.md", "# Basics\n\nB.\n");
    f.file("docs/setup/advanced.md", "# Advanced\n\nA.\n");
    f.file(
        "docs/reference/glossary.md",
        "---\nsidebar_label: Terms\n---\n# Glossary\n\nG.\n",
    );
    f.file(
        "sidebars.ts",
        "import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';\n\n\
         // The handbook's sidebars.\n\
         const sidebars: SidebarsConfig = {\n\
         \x20 docs: [\n\
         \x20   'index',\n\
         \x20   {\n\
         \x20     type: 'category',\n\
         \x20     label: 'Start',\n\
         \x20     link: {type: 'doc', id: 'guides/alpha'},\n\
         \x20     items: ['guides/zeta', {type: 'doc', id: 'reference/tooling', label: 'Tool list'}],\n\
         \x20   },\n\
         \x20   {type: 'link', label: 'Elsewhere', href: 'https://example.org'},\n\
         \x20   {\n\
         \x20     type: 'category',\n\
         \x20     label: 'Deep dive',\n\
         \x20     items: [\n\
         \x20       {type: 'category', label: 'All about setup', items: ['setup/basics', 'setup/advanced']},\n\
         \x20       \"reference/admonitions\",\n\
         \x20     ],\n\
         \x20   },\n\
         \x20 ],\n\
         \x20 apiSidebar: {\n\
         \x20   'Everything else': [{type: 'autogenerated', dirName: 'reference'}],\n\
         \x20 },\n\
         };\n\nexport default sidebars;\n",
    );
    f
}

#[test]
fn sidebars_give_the_navigation_its_order_categories_and_labels() {
    let f = site_with_sidebars();
    let run = f.build();
    run.assert_ok();
    let page = f.html_in("build", "guides/zeta/index.html");
    // Each sidebar a part (named by the navbar, else by its own name); categories with a page
    // are that page, named by their label; one without heads a part at the top.
    assert_eq!(
        texts(&page, "#hb-sidebar > ul > li.hb-nav-part"),
        ["Guides", "Deep dive", "Api"]
    );
    assert_eq!(
        texts(&page, "#hb-sidebar > ul > li > a"),
        [
            "Welcome",
            "Start",
            "All about setup",
            "Admonitions",
            "Everything else"
        ]
    );
    assert_eq!(
        texts(&page, "#hb-sidebar > ul > li.hb-open > ul > li > a"),
        ["Zeta first", "Tool list"]
    );
    // The page keeps its own title; the label is the sidebar's name for it.
    assert_eq!(
        texts(&f.html_in("build", "guides/alpha/index.html"), "h1"),
        ["Alpha second"]
    );
    assert_eq!(
        texts(&f.html_in("build", "reference/tooling/index.html"), "h1"),
        ["Tools"]
    );
    // A folder's page made for a category is titled by its label.
    let setup = f.html_in("build", "setup/index.html");
    assert_eq!(texts(&setup, "h1"), ["All about setup"]);
    assert_eq!(
        texts(&setup, "#hb-sidebar li.hb-open > ul > li > a"),
        ["Basics", "Advanced"]
    );
    // The autogenerated folder lists what no other sidebar item took, `sidebar_label` naming it.
    let glossary = f.html_in("build", "reference/glossary/index.html");
    assert_eq!(texts(&glossary, "h1"), ["Glossary"]);
    assert_eq!(
        texts(&glossary, "#hb-sidebar li.hb-open > ul > li > a"),
        ["Terms"]
    );
    // Reading order follows the sidebars: Start, then its pages.
    assert_eq!(
        common::attrs(
            &f.html_in("build", "guides/alpha/index.html"),
            "a[rel=next]",
            "href"
        ),
        ["../../guides/zeta/index.html"]
    );
    // The link out of the site is not a page; no page is left out, so no warning.
    assert!(!run.stderr.contains("in no sidebar"), "{}", run.stderr);
    let problems = link_problems(&f.root().join("build"));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_sidebar_id_of_no_page_is_an_error_at_its_place_and_unlisted_pages_are_named() {
    let f = site_with_sidebars();
    let sidebars = std::fs::read_to_string(f.root().join("sidebars.ts")).unwrap();
    f.file(
        "sidebars.ts",
        &sidebars.replace("'guides/zeta'", "'guides/zeta-typo'"),
    );
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "sidebars.ts:11:15: error: the sidebar names the doc `guides/zeta-typo`, which does not exist"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "warning: 1 page is in no sidebar, so built, and links lead to it, but it is not in \
             the navigation: guides/zeta.md"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn sidebars_a_program_computes_leave_the_navigation_to_the_folders_with_a_warning() {
    let f = site();
    f.file(
        "sidebars.js",
        "const extra = require('./extra');\nmodule.exports = {\n  docs: [\n    'index',\n    ...extra,\n  ],\n};\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "sidebars.js:5:5: warning: handbook reads sidebars written as data, and cannot read `...` here"
        ),
        "{}",
        run.stderr
    );
    // The folders' navigation, as without sidebars.
    assert_eq!(
        texts(
            &f.html_in("build", "index.html"),
            "#hb-sidebar > ul > li > a"
        ),
        ["Home", "Reference", "How-to guides"]
    );
}

#[test]
fn a_page_with_slug_slash_is_the_home_page() {
    let f = site();
    std::fs::remove_file(f.root().join("docs/index.md")).unwrap();
    f.file(
        "docs/guides/intro.md",
        "---\nslug: /\n---\n# Introduction\n\nStart here. [Zeta](./zeta.md)\n",
    );
    let run = f.build();
    run.assert_ok();
    let home = f.html_in("build", "index.html");
    assert_eq!(texts(&home, "h1"), ["Introduction"]);
    assert_eq!(
        common::attrs(&home, ".hb-content a", "href"),
        ["guides/zeta/index.html"]
    );
    assert!(!run.stderr.contains("no home page"), "{}", run.stderr);
    let problems = link_problems(&f.root().join("build"));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_slug_of_several_parts_is_the_pages_url_and_the_page_stays_in_its_folder() {
    let f = bare_site(
        "module.exports = { title: 'T' };\n",
        &[
            (
                "docs/index.md",
                "# Home\n\n[a](/docs/install/linux) [b](/docs/guides/deep/page) [c](guides/setup.md) \
                 [d](/docs/etc/passwd)\n",
            ),
            ("docs/guides/setup.md", "---\nslug: /install/linux\n---\n# Setup\n\nx\n"),
            ("docs/guides/deep.md", "---\nslug: deep/page\n---\n# Deep\n\nx\n"),
            // Parts that would lead out of the site are no parts.
            ("docs/evil.md", "---\nslug: /../../etc/passwd\n---\n# Evil\n\nx\n"),
        ],
    );
    let run = f.build();
    run.assert_ok();
    let home = f.html_in("build", "index.html");
    assert_eq!(
        common::attrs(&home, ".hb-content a", "href"),
        [
            "install/linux/index.html",
            "guides/deep/page/index.html",
            "install/linux/index.html",
            "etc/passwd/index.html"
        ]
    );
    assert_eq!(
        texts(&f.html_in("build", "install/linux/index.html"), "h1"),
        ["Setup"]
    );
    // In the navigation, where its file is: under Guides.
    let setup = f.html_in("build", "install/linux/index.html");
    assert_eq!(
        texts(&setup, "nav.hb-sidebar li.hb-open > ul a"),
        ["Deep", "Setup"]
    );
    assert_eq!(
        texts(&setup, "nav.hb-sidebar a[aria-current=page]"),
        ["Setup"]
    );
    assert!(!f.root().join("etc").exists());
    let problems = link_problems(&f.root().join("build"));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn slugs_from_the_root_on_folder_pages_and_with_capitals_or_dots() {
    let f = bare_site(
        "module.exports = { title: 'T' };\n",
        &[
            (
                "docs/index.md",
                "# Home\n\n[b](/docs/x/y) [c](/docs/a/b/child) [s](/docs/Install/Linux_Setup) \
                 [v](/docs/API/v1.2) [e](./emoji.md)\n",
            ),
            ("docs/a/index.md", "# A\n\nA.\n"),
            ("docs/a/b/index.md", "---\nslug: /x/y\n---\n# B\n\nB.\n"),
            ("docs/a/b/child.md", "# Child\n\nC.\n"),
            (
                "docs/setup.md",
                "---\nslug: /Install/Linux_Setup\n---\n# Setup\n\nS.\n",
            ),
            ("docs/api.md", "---\nslug: /API/v1.2\n---\n# API\n\nA.\n"),
            // No letter or digit to make a URL of: the file's name.
            ("docs/emoji.md", "---\nslug: /🙂\n---\n# Emoji\n\nE.\n"),
        ],
    );
    let run = f.build();
    run.assert_ok();
    let home = f.html_in("build", "index.html");
    assert_eq!(
        common::attrs(&home, ".hb-content a", "href"),
        [
            "x/y/index.html",
            "a/b/child/index.html",
            "install/linux_setup/index.html",
            "api/v1-2/index.html",
            "emoji/index.html"
        ]
    );
    assert_eq!(texts(&f.html_in("build", "x/y/index.html"), "h1"), ["B"]);
    // Each page's Docusaurus address (under the docs' route, its slug as written) leads to it.
    for (old, to) in [
        ("docs/index.html", "../index.html"),
        (
            "docs/a/b/child/index.html",
            "../../../../a/b/child/index.html",
        ),
        ("docs/x/y/index.html", "../../../x/y/index.html"),
        (
            "docs/Install/Linux_Setup/index.html",
            "../../../install/linux_setup/index.html",
        ),
        (
            "docs/install/linux_setup/index.html",
            "../../../install/linux_setup/index.html",
        ),
    ] {
        let page = f.html_in("build", old);
        assert_eq!(
            common::attrs(&page, "link[rel=canonical]", "href"),
            [to],
            "{old}"
        );
    }
    let problems = link_problems(&f.root().join("build"));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn links_written_with_the_docs_route_lead_to_the_pages() {
    let f = site();
    f.file(
        "docs/reference/links.md",
        "# Links\n\n[a](/docs/guides/alpha) [h](/docs/) [md](/docs/guides/zeta.md#top) [t](/docs/reference/tooling#use) \
         [c](/docs/category/how-to-guides)\n",
    );
    let run = f.build();
    run.assert_ok();
    assert_eq!(
        common::attrs(
            &f.html_in("build", "reference/links/index.html"),
            ".hb-content a",
            "href"
        ),
        [
            "../../guides/alpha/index.html",
            "../../index.html",
            "../../guides/zeta/index.html#top",
            "../../reference/tooling/index.html#use",
            "../../guides/index.html"
        ]
    );
    // The docs plugin's routeBasePath, not the blog's, is the route.
    let config = std::fs::read_to_string(f.root().join("docusaurus.config.js")).unwrap();
    f.file(
        "docusaurus.config.js",
        &config.replace(
            "url: 'https://example.org',",
            "url: 'https://example.org',\n  presets: [['classic', { blog: { routeBasePath: 'news' }, \
             docs: { routeBasePath: '/handbook', sidebarPath: require.resolve('./sidebars.js') } }]],",
        ),
    );
    f.file(
        "docs/reference/links.md",
        "# Links\n\n[a](/handbook/guides/alpha) [n](/news/guides/alpha)\n",
    );
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("`/news/guides/alpha` matches no page")
            && !run.stderr.contains("`/handbook/guides/alpha`"),
        "{}",
        run.stderr
    );
}

#[test]
fn mdx_tabs_are_tabs_with_their_text_read_as_markdown() {
    let f = site();
    f.file(
        "docs/reference/tabs.mdx",
        "# Tabs\n\nimport Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n\
         <Tabs>\n  <TabItem value=\"apple\" label=\"Apple\" default>\n    This is an **apple**.\n  </TabItem>\n\
         \x20 <TabItem value=\"orange\" label=\"Orange\">\n    This is an orange.\n  </TabItem>\n</Tabs>\n\n\
         Between.\n\n\
         <Tabs groupId=\"os\">\n  <TabItem value=\"mac\" label={'macOS'}>\n\n    Install with:\n\n\
         \x20   ```bash\n    brew install x\n    ```\n\n    :::tip\n    Use brew.\n    :::\n\n  </TabItem>\n\
         \x20 <TabItem value=\"linux\">\n\n    - apt\n    - dnf\n\n  </TabItem>\n</Tabs>\n\n\
         ```md\n<Tabs>\n</Tabs>\n```\n\n<Tabs>\n  <TabItem value=\"x\">\n    Never closed.\n  </TabItem>\n",
    );
    let run = f.build();
    run.assert_ok();
    let page = f.html_in("build", "reference/tabs/index.html");
    assert_eq!(
        texts(&page, ".hb-tabs > .hb-tab > .hb-tab-title"),
        ["Apple", "Orange", "macOS", "linux"]
    );
    // The tab of a set never closed stays as written.
    assert!(texts(&page, ".hb-content")
        .join("")
        .contains("Never closed."));
    assert_eq!(texts(&page, ".hb-tab").len(), 4);
    assert_eq!(texts(&page, ".hb-tab > p > strong"), ["apple"]);
    // Indented as JSX is, the text is Markdown, not code: the only code is the fenced one.
    assert_eq!(texts(&page, ".hb-tab pre code"), ["brew install x"]);
    assert_eq!(
        texts(&page, ".hb-tab .hb-callout-tip p:not(.hb-callout-title)"),
        ["Use brew."]
    );
    // The list ends where its tab does.
    assert_eq!(texts(&page, ".hb-tab > ul > li"), ["apt", "dnf"]);
    assert_eq!(texts(&page, ".hb-content > p"), ["Between."]);
    assert_eq!(texts(&page, ".hb-content > pre code"), ["<Tabs>\n</Tabs>"]);
    assert!(
        run.stderr.contains(
            "docs/reference/tabs.mdx:44:1: warning: the `<Tabs>` tag is never closed with a line `</Tabs>`"
        ),
        "{}",
        run.stderr
    );
}

/// A bare Docusaurus site of `files` (path, text) with the config `config`.
fn bare_site(config: &str, files: &[(&str, &str)]) -> Fixture {
    let f = Fixture::empty();
    f.file("docusaurus.config.js", config);
    for (path, text) in files {
        f.file(path, text);
    }
    f
}

/// A Markdown partial a page imports shows where its tag stands, as MDX shows it: its headings
/// are the page's (links to them work), in a list it is indented as the tag; the partial itself
/// is no page; one that cannot be read is an error at its tag; in code, a tag stays code.
#[test]
fn imported_markdown_partials_show_where_their_tags_stand() {
    let f = bare_site(
        "module.exports = { title: 'X', presets: [['classic', { docs: {} }]] };\n",
        &[
            ("docs/index.md", "# Home\n\nH.\n"),
            (
                "docs/_snippets/soc2.mdx",
                "---\ntitle: ignored\n---\n### Policies\n\nWe have **policies**.\n",
            ),
            (
                "docs/_snippets/step.md",
                "Run `make`.\n\nThen wait ([why](../guides/wait.md#why)).\n",
            ),
            ("docs/guides/wait.md", "# Wait\n\n## Why\n\nBecause.\n"),
            (
                "docs/security.mdx",
                "---\ntitle: Security\n---\nimport Soc2 from \"./\\_snippets/soc2.mdx\";\n\
                 import Step from '@site/docs/_snippets/step.md';\n\n\
                 Intro.\n\n<Soc2 />\n\nSee [policies](#policies).\n\n\
                 1. First:\n\n   <Step />\n\n```mdx\n<Soc2 />\n```\n",
            ),
        ],
    );
    let run = f.build();
    run.assert_ok();
    let page = f.html_in("build", "security/index.html");
    assert_eq!(texts(&page, "h3"), ["Policies#"]);
    assert_eq!(
        texts(&page, ".hb-content > p"),
        ["Intro.", "We have policies.", "See policies."]
    );
    assert_eq!(
        texts(&page, "ol li p"),
        ["First:", "Run make.", "Then wait (why)."]
    );
    // A partial's links are written from its own folder.
    assert_eq!(
        attrs(&page, ".hb-content ol li a", "href"),
        ["../guides/wait/index.html#why"]
    );
    assert_eq!(texts(&page, "pre code"), ["<Soc2 />"]);
    assert!(!f.snapshot().keys().any(|k| k.contains("snippets")));
    // A partial that is not there fails the build at its tag.
    f.file(
        "docs/security.mdx",
        "---\ntitle: Security\n---\nimport Gone from './_snippets/gone.mdx';\n\n<Gone />\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "docs/security.mdx:6:1: error: cannot include `./_snippets/gone.mdx`: there is no such file"
        ),
        "{}",
        run.stderr
    );
}

/// MDX reads what a component holds as Markdown, blank lines around it or not; a component
/// that closes itself is the site's React code: it shows nothing, and one warning a name says
/// so. In code, all stays as written.
#[test]
fn components_hold_markdown_and_self_closing_ones_show_nothing() {
    let f = site();
    f.file(
        "docs/guides/components.mdx",
        "# Components\n\n<details>\n<summary>Show the code</summary>\n```js\nconst a = 1;\n```\n</details>\n\n\
         <Card title=\"Setup\">\nRun **this** first.\n</Card>\n\n\
         The <SmallTeam slug=\"web\" /> team owns it.\n\n<SmallTeam slug=\"api\"/>\n\n<GithubIcon />\n\n\
         `<SmallTeam />` in code.\n\n<div className=\"guide\">\n\nInside.\n\n</div>\n\n\
         <div\n  className=\"multi\"\n>\n\nToo.\n\n</div>\n\n`<div className=\"code\">`\n",
    );
    f.file(
        "docs/guides/more.mdx",
        "# More\n\n<SmallTeam slug=\"x\" />\n",
    );
    let run = f.build();
    run.assert_ok();
    let page = f.html_in("build", "guides/components/index.html");
    assert_eq!(texts(&page, "details pre code"), ["const a = 1;"]);
    assert_eq!(texts(&page, "details summary"), ["Show the code"]);
    assert_eq!(texts(&page, "card strong"), ["this"]);
    assert_eq!(attrs(&page, "card", "title"), ["Setup"]);
    let text = texts(&page, ".hb-content p").join("\n");
    assert!(text.contains("The  team owns it."), "{text}");
    assert!(page
        .select(&common::sel("smallteam, githubicon"))
        .next()
        .is_none());
    assert_eq!(
        texts(&page, "p code"),
        ["<SmallTeam />", "<div className=\"code\">"]
    );
    // React's className is the class of an HTML tag.
    assert_eq!(texts(&page, "div.guide p"), ["Inside."]);
    assert_eq!(texts(&page, "div.multi p"), ["Too."]);
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("component is the site's own React code"))
        .collect();
    assert_eq!(warnings.len(), 2, "{}", run.stderr);
    // Said once for the site, with the other pages counted.
    assert!(
        warnings[0].starts_with("docs/guides/components.mdx:14:5: warning: the `<SmallTeam />`")
            && warnings[0].ends_with("(and the same on 1 other page)"),
        "{}",
        run.stderr
    );
    assert!(
        warnings[1].starts_with("docs/guides/components.mdx:18:1: warning: the `<GithubIcon />`")
    );
}

/// What a review found: code right below a component's tag is code (nothing in it is read);
/// components nested with deep indentation are not made code; `className` in a code span stays;
/// a partial is a block of its own; warnings after a component name the file's lines.
#[test]
fn components_as_a_review_wrote_them() {
    let f = site();
    f.file("docs/_intro.mdx", "Intro text.\n");
    f.file(
        "docs/guides/review.mdx",
        "import Intro from '../_intro.mdx';\n\n# Review\n\n\
         <Card>\n```jsx\n<Button className=\"x\" />\n\nmore\n```\n</Card>\n\n\
         <Columns>\n  <Column>\n    <Card title=\"x\">\n      Some text\n    </Card>\n  </Column>\n</Columns>\n\n\
         Write `<div className=\"box\">` in JSX.\n\n\
         <Intro />\nNext paragraph.\n\n\
         <Card>\nHeld.\n</Card>\n\n:::tip\n\nNever closed.\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("Button"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "docs/guides/review.mdx:30:1: warning: the `:::tip` admonition is never closed"
        ),
        "{}",
        run.stderr
    );
    let page = f.html_in("build", "guides/review/index.html");
    assert_eq!(
        texts(&page, "pre code"),
        ["<Button className=\"x\" />\n\nmore"]
    );
    assert_eq!(texts(&page, "p code"), ["<div className=\"box\">"]);
    let paragraphs = texts(&page, ".hb-content p");
    for expected in ["Intro text.", "Next paragraph.", "Held."] {
        assert!(paragraphs.iter().any(|p| p == expected), "{paragraphs:?}");
    }
    let text = page.root_element().text().collect::<String>();
    assert!(text.contains("Some text"), "{text}");
    assert!(!text.contains("<Card"), "{text}");
}

/// A category inside a top one (which heads its items as a part) is a section with a page of
/// its own, its items under it, as Docusaurus nests it; the items after it stay the part's (it
/// was a part heading of its own, and took them).
#[test]
fn a_category_inside_a_top_category_nests_below_its_heading() {
    let f = bare_site(
        "module.exports = { title: 'X', presets: [['classic', { docs: {} }]] };\n",
        &[
            ("docs/intro.md", "# Intro\n\nI.\n"),
            ("docs/usage/index.md", "# Usage\n\nU.\n"),
            ("docs/usage/a.md", "# A\n\nA.\n"),
            ("docs/usage/b.md", "# B\n\nB.\n"),
            ("docs/usage/c.md", "# C\n\nC.\n"),
            (
                "sidebars.js",
                "module.exports = {\n  docs: {\n    Intro: ['intro'],\n    'Using it': [\n      'usage/index',\n      \
                 {type: 'category', label: 'Setup', collapsed: false, items: ['usage/a', 'usage/b']},\n      \
                 'usage/c',\n    ],\n  },\n};\n",
            ),
        ],
    );
    f.build().assert_ok();
    let page = f.html_in("build", "usage/a/index.html");
    assert_eq!(
        texts(&page, "#hb-sidebar > ul > li.hb-nav-part"),
        ["Intro", "Using it"]
    );
    assert_eq!(
        texts(&page, "#hb-sidebar > ul > li > a"),
        ["X", "Intro", "Usage", "Setup", "C"]
    );
    assert_eq!(
        texts(&page, "#hb-sidebar > ul > li.hb-open > ul > li > a"),
        ["A", "B"]
    );
}

#[test]
fn sidebars_as_docusaurus_reads_them_in_the_cases_a_review_found() {
    let config = "module.exports = {\n  title: 'X',\n  presets: [['classic', { docs: { sidebarPath: require.resolve('./sidebars.js') } }]],\n  \
                  plugins: [['@docusaurus/plugin-content-docs', { id: 'community', path: 'community', sidebarPath: './sidebarsCommunity.js' }]],\n  \
                  themeConfig: { navbar: { items: [\n    // {type: 'docSidebar', sidebarId: 'api', label: 'Old API'},\n    \
                  {type: 'docSidebar', sidebarId: 'api', label: 'API'},\n  ] } },\n};\n";
    let f = bare_site(
        config,
        &[
            (
                "docs/intro.md",
                "# Intro\n\n[v](./1.2-release) [w](/docs/1.2-release) [m](/docs/category/more)\n",
            ),
            ("docs/1.2-release.md", "# Release\n\nV.\n"),
            ("docs/guides/index.md", "# Guides overview\n\nG.\n"),
            ("docs/guides/install.md", "# Install\n\nI.\n"),
            ("docs/guides/config.md", "# Config\n\nC.\n"),
            ("docs/guides/deploy.md", "# Deploy\n\nD.\n"),
            ("docs/api/index.md", "# API home\n\nA.\n"),
            ("docs/api/ep.md", "# Endpoint\n\nE.\n"),
            ("docs/api/other.md", "# Other\n\nO.\n"),
            ("docs/api/v2/new.md", "# New\n\nN.\n"),
            ("docs/more/a.md", "# More A\n\nMA.\n"),
            ("docs/more/b.md", "# More B\n\nMB.\n"),
            ("sidebarsCommunity.js", "module.exports = { c: ['support'] };\n"),
            (
                "sidebars.js",
                "module.exports = {\n  docs: [\n    'intro',\n    '1.2-release',\n    \
                 {type: 'category', label: 'Getting started', items: ['guides/install', 'guides/config']},\n    \
                 {type: 'category', label: 'Community', items: [{type: 'link', label: 'GH', href: 'https://github.com'}]},\n    \
                 {type: 'category', label: 'Guides', link: {type: 'doc', id: 'guides/index'}, items: ['guides/deploy']},\n    \
                 {type: 'category', label: 'More', link: {type: 'generated-index', title: 'Everything more', description: 'All of it.'}, items: ['more/a', 'more/b']},\n  ],\n  \
                 api: [\n    {type: 'category', label: 'Endpoints', items: ['api/ep']},\n    {type: 'autogenerated', dirName: 'api'},\n  ],\n};\n",
            ),
        ],
    );
    let run = f.build();
    run.assert_ok();
    let page = f.html_in("build", "guides/deploy/index.html");
    // A heading only over what it shows; the navbar's label (not a commented one) heads the
    // second sidebar, above its first category's heading.
    assert_eq!(
        texts(&page, "#hb-sidebar > ul > li.hb-nav-part"),
        ["Docs", "Getting started", "API", "Endpoints"]
    );
    assert_eq!(
        texts(&page, "#hb-sidebar > ul > li > a"),
        [
            "X", "Intro", "Release", "Install", "Config", "Guides", "More", "Endpoint", "API home",
            "Other", "V2"
        ]
    );
    assert_eq!(
        texts(&page, "#hb-sidebar > ul > li.hb-open > ul > li > a"),
        ["Deploy"]
    );
    assert_eq!(
        texts(&f.html_in("build", "guides/index.html"), "h1"),
        ["Guides overview"]
    );
    // A generated index's title and description are its page's; its label names it.
    let more = f.html_in("build", "more/index.html");
    assert_eq!(texts(&more, "h1"), ["Everything more"]);
    assert_eq!(texts(&more, ".hb-lead"), ["All of it."]);
    // The autogenerated folder lists its own page and what is under a page listed before.
    let api = f.html_in("build", "api/v2/new/index.html");
    assert_eq!(
        texts(&api, "#hb-sidebar > ul > li.hb-open > ul > li > a"),
        ["New"]
    );
    assert!(!run.stderr.contains("in no sidebar"), "{}", run.stderr);
    // The other docs plugin's sidebars are not read.
    assert!(!run.stderr.contains("support"), "{}", run.stderr);
    // A name with a dot is found by its file, from the page and by the docs route.
    assert_eq!(
        common::attrs(
            &f.html_in("build", "intro/index.html"),
            ".hb-content a",
            "href"
        ),
        [
            "../1-2-release/index.html",
            "../1-2-release/index.html",
            "../more/index.html"
        ]
    );

    // Items without what they need are errors at their place.
    f.file(
        "sidebars.js",
        "module.exports = {\n  docs: [\n    {type: 'doc'},\n    {type: 'category', label: 'C'},\n    \
         {type: 'autogenerated', dirName: '../..'},\n    42,\n  ],\n};\n",
    );
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "sidebars.js:3:5: error: this doc item has no `id`",
        "sidebars.js:4:5: error: this category has no `items`",
        "sidebars.js:5:5: error: the sidebar's `autogenerated` folder `../..` is not a folder of the docs",
        "sidebars.js:6:5: error: this sidebar item is neither an id nor an object",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
}

#[test]
fn a_category_that_links_to_a_doc_makes_it_the_folders_page() {
    let f = bare_site(
        "module.exports = { title: 'X' };\n",
        &[
            ("docs/intro.md", "---\nsidebar_position: 1\n---\n# Intro\n\nI.\n"),
            (
                "docs/02-guides/_category_.json",
                "{\"label\": \"Guides\", \"link\": {\"type\": \"doc\", \"id\": \"guides/overview\"}}",
            ),
            ("docs/02-guides/overview.md", "# Overview of guides\n\nO.\n"),
            ("docs/02-guides/a.md", "# A guide\n\nA. [o](./overview.md)\n"),
        ],
    );
    let run = f.build();
    run.assert_ok();
    let page = f.html_in("build", "guides/a/index.html");
    assert_eq!(
        texts(&page, "#hb-sidebar > ul > li > a"),
        ["Home", "Intro", "Guides"]
    );
    assert_eq!(
        texts(&page, "#hb-sidebar li.hb-open > ul > li > a"),
        ["A guide"]
    );
    assert_eq!(
        texts(&f.html_in("build", "guides/index.html"), "h1"),
        ["Overview of guides"]
    );
    assert_eq!(
        common::attrs(&page, ".hb-content a", "href"),
        ["../../guides/index.html"]
    );
}

#[test]
fn a_static_file_where_a_page_goes_is_left_out_of_a_docusaurus_site_and_an_error_elsewhere() {
    // Docusaurus' static/index.html redirects to the docs, which handbook puts at the root.
    let f = bare_site(
        "module.exports = { title: 'X' };\n",
        &[
            ("docs/intro.md", "# Intro\n\nI.\n"),
            (
                "static/index.html",
                "<meta http-equiv='refresh' content='0; url=docs/intro'>\n",
            ),
            (
                "static/img/logo.svg",
                "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
            ),
        ],
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("static/index.html: warning: left out: the home page is written there"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "hint: create docs/index.md with a title and an introduction, or give a page `slug: /`"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        texts(&f.html_in("build", "index.html"), ".hb-header a.hb-brand"),
        ["X"]
    );
    assert!(f.root().join("build/img/logo.svg").is_file());
    // In a handbook of its own, the same file is an error naming it, and nothing is written.
    let g = Fixture::new();
    g.file("static/index.html", "<p>old</p>\n");
    let run = g.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("static/index.html: error: the file would overwrite the home page"),
        "{}",
        run.stderr
    );
    assert!(!g.public().exists());
}

#[test]
fn base_url_images_and_paths_through_the_sites_folder_lead_where_docusaurus_sends_them() {
    let f = bare_site(
        "module.exports = { title: 'X' };\n",
        &[
            ("docs/intro.md", "# Intro\n\nI.\n\n## Revocation\n\nR.\n"),
            (
                "docs/faq/deep/answer.mdx",
                "# Answer\n\n<img src={useBaseUrl(\"img/a.png\")} alt=\"A\" />\n\n\
                 <img src={useBaseUrl('../img/b.png')} />\n\n\
                 [intro](../../../docs/intro.md#revocation) ![c](../../../static/img/a.png)\n\n\
                 `{useBaseUrl(\"img/code.png\")}`\n",
            ),
            ("static/img/a.png", "png"),
            ("static/img/b.png", "png"),
        ],
    );
    let run = f.build();
    run.assert_ok();
    let page = f.html_in("build", "faq/deep/answer/index.html");
    assert_eq!(
        common::attrs(&page, ".hb-content img", "src"),
        [
            "../../../img/a.png",
            "../../../img/b.png",
            "../../../img/a.png"
        ]
    );
    assert_eq!(
        common::attrs(&page, ".hb-content a", "href"),
        ["../../../intro/index.html#revocation"]
    );
    assert_eq!(
        texts(&page, ".hb-content code"),
        ["{useBaseUrl(\"img/code.png\")}"]
    );
    let problems = link_problems(&f.root().join("build"));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_category_without_a_page_of_its_own_gets_one_where_it_is_not_a_heading() {
    let f = bare_site(
        "module.exports = { title: 'X' };\n",
        &[
            ("docs/intro.md", "# Intro\n\n[all](/docs/category/everything) [b](/docs/category/basics-2)\n"),
            ("docs/a.md", "# A\n\nA.\n"),
            ("docs/b.md", "# B\n\nB.\n"),
            ("docs/tools/c.md", "# C\n\nC.\n"),
            ("docs/d.md", "# D\n\nD.\n"),
            (
                "sidebars.js",
                "module.exports = {\n  docs: [\n    'intro',\n    \
                 {type: 'category', label: 'Everything', link: {type: 'generated-index', description: 'All the rest.'}, items: [\n      \
                 {type: 'category', label: 'Basics', items: ['a', 'tools/c']},\n      \
                 {type: 'category', label: 'Empty', items: [{type: 'link', label: 'L', href: 'https://example.org'}]},\n      \
                 {type: 'category', label: 'Basics', items: ['b']},\n    ]},\n    'd',\n  ],\n};\n",
            ),
        ],
    );
    let run = f.build();
    run.assert_ok();
    let all = f.html_in("build", "category/everything/index.html");
    assert_eq!(texts(&all, "h1"), ["Everything"]);
    assert_eq!(texts(&all, ".hb-lead"), ["All the rest."]);
    assert_eq!(texts(&all, ".hb-children a"), ["Basics", "Basics"]);
    assert_eq!(
        texts(&all, "#hb-sidebar > ul > li > a"),
        ["X", "Intro", "Everything", "D"]
    );
    let basics = f.html_in("build", "category/basics/index.html");
    assert_eq!(texts(&basics, ".hb-children a"), ["A", "C"]);
    assert_eq!(
        texts(
            &f.html_in("build", "category/basics-2/index.html"),
            ".hb-children a"
        ),
        ["B"]
    );
    assert!(!f.root().join("build/category/empty").exists());
    // The reading order runs through them.
    assert_eq!(
        common::attrs(&basics, "a[rel=next]", "href"),
        ["../../a/index.html"]
    );
    assert_eq!(
        common::attrs(
            &f.html_in("build", "intro/index.html"),
            ".hb-content a",
            "href"
        ),
        [
            "../category/everything/index.html",
            "../category/basics-2/index.html"
        ]
    );
    assert!(!run.stderr.contains("in no sidebar"), "{}", run.stderr);
    let problems = link_problems(&f.root().join("build"));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn tabs_inside_tabs_and_labels_given_by_the_set() {
    let f = site();
    f.file(
        "docs/reference/nested.md",
        "# Nested\n\n<Tabs>\n  <TabItem value=\"node\" label=\"Node\" default>\n\n## Install\n\n\
         <Tabs\n  defaultValue=\"linux\"\n  values={[\n    {label: 'Linux', value: 'linux'},\n    {label: 'Mac', value: 'mac'},\n    ]}>\n\
         \x20 <TabItem value=\"linux\">\n\n        ```bash\n        apt install x\n        ```\n</TabItem>\n\
         \x20 <TabItem value=\"mac\">\n        ```bash\n        brew install x\n        ```\n</TabItem>\n</Tabs>\n\n\
         Then run it.\n\n  </TabItem>\n  <TabItem value=\"kv\">\n\nKV.\n\n  </TabItem>\n</Tabs>\n",
    );
    let run = f.build();
    run.assert_ok();
    let page = f.html_in("build", "reference/nested/index.html");
    assert_eq!(
        texts(&page, ".hb-tab-title"),
        ["Node", "Linux", "Mac", "kv"]
    );
    assert_eq!(
        texts(&page, ".hb-tab .hb-tab pre code"),
        ["apt install x", "brew install x"]
    );
    assert_eq!(
        common::attrs(&page, ".hb-tab .hb-tab pre code", "class"),
        ["language-bash", "language-bash"]
    );
    assert_eq!(texts(&page, ".hb-tabs .hb-tab > h2"), ["Install#"]);
    assert!(!run.stderr.contains("nested.md"), "{}", run.stderr);
}

#[test]
fn an_indented_fence_is_a_fenced_block_as_mdx_reads_it() {
    let f = site();
    f.file(
        "docs/reference/fences.md",
        "# Fences\n\nInstall:\n\n    ```bash\n    cargo build\n\n    cargo test\n    ```\n\n\
         Plain indented text stays code:\n\n    not a fence\n\n\
         An opener never closed stays code:\n\n    ```sh\n    ls\n\nAfter.\n",
    );
    let run = f.build();
    run.assert_ok();
    let page = f.html_in("build", "reference/fences/index.html");
    assert_eq!(
        texts(&page, ".hb-content > pre code"),
        ["cargo build\n\ncargo test", "not a fence", "```sh\nls"]
    );
    assert_eq!(
        common::attrs(&page, ".hb-content > pre code", "class")[0],
        "language-bash"
    );
    assert_eq!(
        texts(&page, ".hb-content > p").last().map(String::as_str),
        Some("After.")
    );
}

/// A fence right below a tab's tag, with a blank line inside it, is the tab's code block, as
/// MDX reads it: the tag line ends the block before it (it ran on past `</Tabs>`, taking the
/// rest of the page into a code block).
#[test]
fn a_fence_with_a_blank_line_right_below_a_tab_tag_is_the_tabs_code() {
    let f = site();
    f.file(
        "docs/reference/docker.mdx",
        "# Docker\n\n<Tabs>\n  <TabItem value=\"b\" label=\"Docker\">\n  ```docker\n  FROM node:lts\n\n  \
         COPY . .\n  ```\n  </TabItem>\n</Tabs>\n\n## After\n\nText.\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("docker.mdx"), "{}", run.stderr);
    let page = f.html_in("build", "reference/docker/index.html");
    assert_eq!(texts(&page, ".hb-tab .hb-tab-title"), ["Docker"]);
    assert_eq!(
        texts(&page, ".hb-tab pre code"),
        ["FROM node:lts\n\nCOPY . ."]
    );
    assert_eq!(texts(&page, "h2"), ["After#"]);
    assert_eq!(texts(&page, ".hb-content > p"), ["Text."]);
    // Tags indented as code after a paragraph show as written; the hint speaks of tag lines.
    f.file(
        "docs/reference/docker.mdx",
        "# Docker\n\nPick:\n\n    <Tabs>\n\n    <TabItem label=\"v4\">\n\n    Text.\n\n    </TabItem>\n\n    </Tabs>\n",
    );
    let run = f.build();
    assert!(
        run.stderr.contains(
            "docker.mdx:5:5: warning: this tab shows as written: its HTML would be read as code here"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: start its tag lines where the text around them starts"),
        "{}",
        run.stderr
    );
}

#[test]
fn tabs_as_a_review_wrote_them_indented_nested_listed_and_with_tab_characters() {
    let f = site();
    f.file(
        "docs/reference/review.md",
        "# Review\n\n\
         <Tabs>\n  <TabItem value=\"a\" label=\"A\">\n    <Tabs\n      values={[{label: 'X', value: 'x'}]}>\n      <TabItem value=\"x\">\n        hi\n      </TabItem>\n    </Tabs>\n  </TabItem>\n</Tabs>\n\n\
         <Tabs>\n  <TabItem value=\"b\" label=\"B\">\n    <Tabs>\n      <TabItem value=\"y\" label=\"Y\">\n        First paragraph.\n\n        Second [bad](./missing.md).\n      </TabItem>\n    </Tabs>\n  </TabItem>\n</Tabs>\n\n\
         1. Step one:\n\n   <Tabs>\n     <TabItem value=\"l\" label=\"L\">\n       Listed *text*.\n     </TabItem>\n   </Tabs>\n\n2. Step two.\n\n\
         <Tabs>\n\t<TabItem value=\"t\" default label=\"Tabbed\">\n\t\tTabbed *text*.\n\t</TabItem>\n</Tabs>\n\n\
         Text {useBaseUrl('img/x.png')} in a sentence.\n",
    );
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The one problem is the broken link, at its place in the file.
    assert!(
        run.stderr
            .contains("docs/reference/review.md:20:16: error: broken link: `./missing.md`"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("review.md:").count(),
        1,
        "{}",
        run.stderr
    );
    f.file(
        "docs/reference/review.md",
        &std::fs::read_to_string(f.root().join("docs/reference/review.md"))
            .unwrap()
            .replace("./missing.md", "./admonitions.md"),
    );
    let run = f.build();
    run.assert_ok();
    let page = f.html_in("build", "reference/review/index.html");
    assert_eq!(
        texts(&page, ".hb-tab-title"),
        ["A", "X", "B", "Y", "L", "Tabbed"]
    );
    assert_eq!(
        texts(&page, ".hb-tab .hb-tab > p:not(.hb-tab-title)"),
        ["hi", "First paragraph.", "Second bad."]
    );
    assert!(texts(&page, "pre").is_empty(), "{:?}", texts(&page, "pre"));
    // The tabs stay in their list item, and the list goes on.
    assert_eq!(texts(&page, ".hb-content > ol > li .hb-tab em"), ["text"]);
    assert_eq!(texts(&page, ".hb-content > ol > li").len(), 2);
    assert_eq!(texts(&page, ".hb-content > .hb-tabs .hb-tab em"), ["text"]);
    assert!(texts(&page, ".hb-content > p")
        .iter()
        .any(|p| p.contains("{useBaseUrl(")));
}

/// Links as Docusaurus finds them (from the docs folder and from the site's when not beside the
/// page), partials (`_name.md`, `_folder/`) left out of the docs, and broken links failing the
/// build as `onBrokenLinks` ('throw' by default) and `onBrokenAnchors` ('warn') say.
#[test]
fn links_partials_and_broken_links_are_taken_as_docusaurus_takes_them() {
    let f = Fixture::empty();
    let config = |more: &str| format!("module.exports = {{ title: 'Site',{more} }};\n");
    f.file("docusaurus.config.js", &config(""));
    f.file("docs/index.md", "# Home\n\nHello.\n");
    f.file("docs/guides/other.md", "# Other\n\n## There\n\nText.\n");
    f.file(
        "docs/guides/deep/setup.md",
        "# Setup\n\n[From docs](guides/other.md), [from the site](docs/guides/other.md#there), \
         [no such heading](../other.md#nowhere).\n",
    );
    // A bare path is read from the docs folder first; `./` only from the page's folder.
    f.file("docs/setup.md", "# Top setup\n\nTop.\n");
    f.file("docs/guides/setup.md", "# Guides setup\n\nNear.\n");
    f.file(
        "docs/guides/other.md",
        "# Other\n\n## There\n\n[Bare](setup.md) and [near](./setup.md).\n",
    );
    f.file("docs/_partial.md", "Shared words.\n");
    f.file("docs/_shared/note.md", "# Note\n\nShared.\n");
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains("has no heading `#nowhere`")
            && run.stderr.contains("0 errors, 1 warning"),
        "{}",
        run.stderr
    );
    let setup = f.html_in("build", "guides/deep/setup/index.html");
    assert_eq!(
        common::attrs(&setup, ".hb-content a", "href")[..2],
        [
            "../../../guides/other/index.html",
            "../../../guides/other/index.html#there"
        ]
    );
    let other = f.html_in("build", "guides/other/index.html");
    assert_eq!(
        common::attrs(&other, ".hb-content p a", "href"),
        ["../../setup/index.html", "../../guides/setup/index.html"]
    );
    let built = f.snapshot();
    assert!(
        !built
            .keys()
            .any(|k| k.contains("partial") || k.contains("shared")),
        "{:?}",
        built.keys().collect::<Vec<_>>()
    );

    f.file(
        "docusaurus.config.js",
        &config(" onBrokenAnchors: 'throw',"),
    );
    assert_eq!(f.severities("broken-anchor"), ["error"]);
    f.file("docs/index.md", "# Home\n\n[Gone](gone.md).\n");
    assert_eq!(f.severities("broken-link"), ["error"]);
    f.file("docusaurus.config.js", &config(" 'onBrokenLinks': 'warn',"));
    assert_eq!(f.severities("broken-link"), ["warning"]);
    // `./` is the page's folder only: no page there is a broken link.
    f.file(
        "docs/guides/deep/setup.md",
        "# Setup\n\n[Index](./index.md).\n",
    );
    assert_eq!(f.severities("broken-link"), ["warning", "warning"]);
}

/// A page's `# Title` after its imports is its title, shown once; an import after a comment
/// line shows nothing; lists of pages (a section's cards, the pager) name a page by its sidebar
/// label, as the sidebar does.
#[test]
fn titles_after_imports_and_labels_in_lists_are_as_docusaurus_shows_them() {
    let f = Fixture::empty();
    f.file(
        "docusaurus.config.js",
        "module.exports = { title: 'Site' };\n",
    );
    f.file("docs/index.md", "# Home\n\nHello.\n");
    f.file(
        "docs/guides/_category_.json",
        "{ \"label\": \"Guides\", \"position\": 2, \"link\": { \"type\": \"generated-index\" } }",
    );
    f.file(
        "docs/guides/first.md",
        "---\nsidebar_position: 1\n---\nimport Tabs from '@theme/Tabs';\n\
         <!-- prettier-ignore -->\nimport Note from './_note.md';\n\n# The first guide\n\nText.\n",
    );
    f.file(
        "docs/guides/second.md",
        "---\ntitle: A long second title\nsidebar_label: Second\nsidebar_position: 2\n---\n\
         import Tabs from '@theme/Tabs';\n\n# A long second title\n\n\
         <!-- prettier-ignore -->\nimport Later from './_later.md';\n\nMore.\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("no title"), "{}", run.stderr);
    let first = f.html_in("build", "guides/first/index.html");
    assert_eq!(texts(&first, "h1"), ["The first guide"]);
    assert!(
        !texts(&first, ".hb-content p")
            .iter()
            .any(|p| p.contains("import")),
        "{:?}",
        texts(&first, ".hb-content p")
    );
    assert_eq!(texts(&first, ".hb-pager a.hb-next"), ["Next Second"]);
    let second_page = f.html_in("build", "guides/second/index.html");
    let crumbs = texts(&second_page, ".hb-breadcrumbs li");
    assert_eq!(
        crumbs.last().map(String::as_str),
        Some("Second"),
        "{crumbs:?}"
    );
    let second = f.html_in("build", "guides/second/index.html");
    assert_eq!(texts(&second, "h1"), ["A long second title"]);
    assert_eq!(texts(&second, ".hb-content p"), ["More."]);
    let guides = f.html_in("build", "guides/index.html");
    assert_eq!(
        texts(&guides, ".hb-children a"),
        ["The first guide", "Second"]
    );
}

/// A site kept in a folder beside its docs (`website/`, the docs plugin's `path: '../docs'`)
/// builds from those docs.
#[test]
fn the_docs_plugins_path_names_the_content_folder() {
    let f = Fixture::empty();
    f.file(
        "website/docusaurus.config.js",
        "module.exports = { title: 'Project', presets: [['classic', { docs: { \
         path: '../docs', sidebarPath: require.resolve('./sidebars.js') } }]] };\n",
    );
    f.file("docs/index.md", "# Home\n\nHello.\n");
    f.file("docs/guide.md", "# Guide\n\nSee [home](index.md).\n");
    let run = f.run_in("website", &["build"]);
    run.assert_ok();
    let guide = common::snapshot(&f.root().join("website/build"));
    assert!(guide.contains_key("guide/index.html"), "{:?}", guide.keys());
}

/// A `useBaseUrl` written inside another's argument (a quote left open) leaves the page as
/// written there, not a crash (the markdown fuzz target's find).
#[test]
fn a_base_url_inside_another_is_left_as_written() {
    let f = site();
    f.file(
        "docs/odd.md",
        "# Odd\n\n<img src={useBaseUrl(\"img/a.pn={useBaseUrl(`../x`)} alt=g\")} />\n",
    );
    let run = f.build();
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
}

#[test]
fn tags_with_javascript_values_are_tags_with_the_text_they_stand_for() {
    let f = site();
    f.bytes("docs/guides/img/flow.png", b"\x89PNG");
    f.bytes("static/img/logo.png", b"\x89PNG");
    f.bytes("static/img/_chart.png", b"\x89PNG");
    f.file("docs/guides/webpack.config.js", "module.exports = {};\n");
    f.file(
        "docs/guides/thunks.mdx",
        "import Chart from '@site/static/img/\\_chart.png';\n\n# Thunks\n\n\
         <DetailedExplanation title={`Detailed Explanation: \"Thunks\" & <Middleware>`}>\n\n\
         Thunks **delay** work.\n\n\
         </DetailedExplanation>\n\n\
         <Note onClick={() => go('}')} title={'Plain'} open={true} count={3} style={{color: 'red'}} hidden={false}>\n\n\
         Noted.\n\n\
         </Note>\n\n\
         <img src={require('./img/flow.png').default} alt=\"Flow\" width={300} />\n\n\
         <img\n  style={{maxWidth: 300}}\n  src={require('@site/static/img/logo.png').default}\n  alt=\"Logo\"\n/>\n\n\
         <img src={Chart} alt=\"Chart\" />\n\n\
         A set $0<x, S={x}$ and a<b where c={1} stay. [config](./webpack.config.js)\n\n\
         Templated <Tag label={`a ${b}`} /> stays out.\n\n\
         ```jsx\n<Tip title={`code`}>\n```\n",
    );
    let run = f.build();
    run.assert_ok();
    let page = f.html_in("build", "guides/thunks/index.html");
    assert_eq!(
        attrs(&page, "detailedexplanation", "title"),
        ["Detailed Explanation: \"Thunks\" & <Middleware>"]
    );
    assert_eq!(
        texts(&page, "detailedexplanation + p strong, p strong"),
        ["delay"]
    );
    let note = page
        .select(&common::sel("note"))
        .next()
        .expect("the tag is a tag");
    assert_eq!(note.value().attr("title"), Some("Plain"));
    assert_eq!(note.value().attr("open"), Some("true"));
    assert_eq!(note.value().attr("count"), Some("3"));
    assert_eq!(note.value().attr("style"), None);
    assert_eq!(note.value().attr("onclick"), None);
    // `false` is no attribute, as React writes it (`hidden="false"` would hide).
    assert_eq!(note.value().attr("hidden"), None);
    // The file's path from the page's folder, as any image's.
    assert_eq!(
        attrs(&page, ".hb-content img", "src"),
        [
            "../../guides/img/flow.png",
            "../../img/logo.png",
            "../../img/_chart.png"
        ]
    );
    assert_eq!(attrs(&page, ".hb-content img", "width"), ["300"]);
    assert_eq!(
        attrs(&page, ".hb-content img", "alt"),
        ["Flow", "Logo", "Chart"]
    );
    // Text that only looks like attributes is left as written; a script a page links to is
    // published, as Docusaurus publishes it.
    let text = texts(&page, ".hb-content p").concat();
    assert!(text.contains("S={x}") && text.contains("c={1}"), "{text}");
    assert!(f.root().join("build/guides/webpack.config.js").is_file());
    assert_eq!(attrs(&page, "tag", "label"), Vec::<String>::new());
    // In code, as written.
    assert_eq!(texts(&page, "pre code"), ["<Tip title={`code`}>"]);
    // No tag shows as text.
    assert!(
        !text.contains("title={") && !text.contains("<Note") && text.contains("Templated"),
        "{text}"
    );
    let problems = link_problems(&f.root().join("build"));
    assert!(problems.is_empty(), "{problems:?}");
}

/// In a generated sidebar, pages and folders without a position follow those with one, in
/// the order of their file names (not their titles), as Docusaurus lists them.
#[test]
fn pages_without_a_position_follow_in_file_name_order() {
    let f = Fixture::empty();
    f.file("docusaurus.config.js", "module.exports = { title: 'O' };\n");
    f.file("docs/index.md", "# Home\n\nHello.\n");
    f.file("docs/guide/a-setup.md", "# Zeta setup\n\nZ.\n");
    f.file("docs/guide/b-usage.md", "# Alpha usage\n\nA.\n");
    f.file("docs/guide/c-more/index.md", "# Middle folder\n\nM.\n");
    f.file(
        "docs/guide/c.md",
        "---\nsidebar_position: 2\n---\n# Positioned two\n\nT.\n",
    );
    f.file(
        "docs/guide/d.md",
        "---\nsidebar_position: 1\n---\n# Positioned one\n\nO.\n",
    );
    f.build().assert_ok();
    let guide = f.html_in("build", "guide/index.html");
    assert_eq!(
        texts(&guide, ".hb-children a"),
        [
            "Positioned one",
            "Positioned two",
            "Zeta setup",
            "Alpha usage",
            "Middle folder"
        ]
    );
}

/// A sidebars file written as JSON (Docusaurus 1's `sidebars.json`, or a `sidebarPath` naming
/// one) is read as the JavaScript one is, in its short form too.
#[test]
fn sidebars_written_as_json_give_the_order() {
    let f = Fixture::empty();
    f.file(
        "docusaurus.config.js",
        "module.exports = {\n  title: 'SB',\n  presets: [['classic', { docs: { sidebarPath: './sidebars.json' } }]],\n};\n",
    );
    f.file(
        "sidebars.json",
        "{\n  \"docs\": {\n    \"About\": [\"zeta\", \"alpha\"],\n    \"Usage\": [\"mid\"]\n  }\n}\n",
    );
    f.file("docs/index.md", "# Home\n\nHello.\n");
    f.file("docs/alpha.md", "# Page alpha\n\nA.\n");
    f.file("docs/mid.md", "# Page mid\n\nM.\n");
    f.file("docs/zeta.md", "# Page zeta\n\nZ.\n");
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("sidebars"), "{}", run.stderr);
    let home = f.html_in("build", "index.html");
    assert_eq!(texts(&home, "#hb-sidebar .hb-nav-part"), ["About", "Usage"]);
    assert_eq!(
        texts(&home, "#hb-sidebar a"),
        ["Home", "Page zeta", "Page alpha", "Page mid"]
    );
}

/// Two pages of one folder named alike in two categories without a page of their own (parts of
/// the sidebar's top) stand apart: no warning. Named alike in one category, the later one is
/// warned of at its `sidebar_label`.
#[test]
fn pages_named_alike_in_two_parts_of_the_sidebar_stand_apart() {
    let prep =
        |title: &str| format!("---\ntitle: {title}\nsidebar_label: How to prepare\n---\n\nText.\n");
    let f = bare_site(
        "module.exports = { title: 'X', presets: [['classic', { docs: {} }]] };\n",
        &[
            ("docs/index.md", "# Home\n\nH.\n"),
            ("docs/coding.md", &prep("Coding interviews")),
            ("docs/behavioral.md", &prep("Behavioral interviews")),
            ("docs/system.md", &prep("System design")),
        ],
    );
    f.file(
        "sidebars.js",
        "module.exports = {\n  docs: [\n    'index',\n    \
         { type: 'category', label: 'Coding', items: ['coding'] },\n    \
         { type: 'category', label: 'Behavioral', items: ['behavioral', 'system'] },\n  ],\n};\n",
    );
    let run = f.build();
    run.assert_ok();
    let warned: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("is also the name of"))
        .collect();
    assert_eq!(warned.len(), 1, "{}", run.stderr);
    assert!(
        warned[0].starts_with("docs/system.md:3:1: warning: \"How to prepare\" is also the name of docs/behavioral.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: give one of the two a `sidebar_label` of its own"),
        "{}",
        run.stderr
    );
}
