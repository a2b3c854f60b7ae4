//! Handbooks moving over from other generators: the link forms, front matter spellings and
//! folder layouts they bring build as their writers expect, or fail with a message that says
//! exactly what to change.

mod common;

use common::{attrs, link_problems, texts, Fixture};

#[test]
fn links_and_images_inside_headings_are_resolved_and_checked() {
    let f = Fixture::new();
    f.page(
        "a.md",
        "A",
        "### [See B](b.md)\n\n## ![logo](missing.png) Logo\n",
    );
    f.page("b.md", "B", "");
    let run = f.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/a.md:6:4: error: broken link: `missing.png`"),
        "{}",
        run.stderr
    );
    f.page("a.md", "A", "### [See B](b.md)\n");
    f.build().assert_ok();
    assert_eq!(
        attrs(
            &f.html("a/index.html"),
            ".hb-content h3 a:not(.hb-anchor)",
            "href"
        ),
        ["../b/index.html"]
    );
}

#[test]
fn github_style_anchors_work() {
    let f = Fixture::new();
    f.page("a.md", "A", "## Example 5 - Derived class\n\n## Loop & tie\n\n[x](#example-5---derived-class) [y](b.md#loop--tie)\n");
    f.page("b.md", "B", "## Loop & tie\n");
    f.build().assert_ok();
    assert_eq!(
        attrs(&f.html("a/index.html"), ".hb-content h2", "id"),
        ["example-5---derived-class", "loop--tie"]
    );
}

#[test]
fn a_broken_anchor_suggests_the_closest_heading() {
    let f = Fixture::new();
    f.page(
        "a.md",
        "A",
        "## Birthday gift budget\n\n[x](#Birthday-gifts-budget)\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("did you mean `#birthday-gift-budget`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_link_whose_case_differs_names_the_real_file() {
    let f = Fixture::new();
    f.page("Guides/Format-Table.md", "FT", "");
    f.page("a.md", "A", "[x](guides/format-table.md)\n");
    let run = f.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("did you mean Guides/Format-Table.md? Only the letter case differs"),
        "{}",
        run.stderr
    );
}

#[test]
fn html_and_folder_style_links_to_sibling_pages_resolve() {
    let f = Fixture::new();
    f.page(
        "guide/a.md",
        "A",
        "[b](b.html) [c](c/) [abs](/guide/b/) [url](../b/)\n",
    );
    f.page("guide/b.md", "B", "");
    f.page("guide/c.md", "C", "");
    f.build().assert_ok();
    assert_eq!(
        attrs(&f.html("guide/a/index.html"), ".hb-content a", "href"),
        [
            "../../guide/b/index.html",
            "../../guide/c/index.html",
            "../../guide/b/index.html",
            "../../guide/b/index.html"
        ]
    );
}

#[test]
fn unknown_link_schemes_warn() {
    let f = Fixture::new();
    f.page(
        "a.md",
        "A",
        "[api](xref:System.String) [ok](https://example.com) [mail](mailto:a@b.c)\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "content/a.md:4:1: warning: the link `xref:System.String` uses the scheme `xref:`"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("warning:").count(), 1, "{}", run.stderr);
}

#[test]
fn a_page_beside_a_folder_of_the_same_name_introduces_it() {
    let f = Fixture::new();
    f.page(
        "tools/slack.md",
        "Slack",
        "See [channels](slack/channels.md).\n",
    );
    f.page(
        "tools/slack/channels.md",
        "Channels",
        "Back to [Slack](../slack.md).\n",
    );
    f.build().assert_ok();
    assert_eq!(
        texts(&f.html("tools/slack/index.html"), ".hb-children a"),
        ["Channels"]
    );
    assert_eq!(
        attrs(&f.html("tools/slack/index.html"), ".hb-content a", "href"),
        ["../../tools/slack/channels/index.html"]
    );
    assert_eq!(
        attrs(
            &f.html("tools/slack/channels/index.html"),
            ".hb-content a",
            "href"
        ),
        ["../../../tools/slack/index.html"]
    );
}

#[test]
fn a_readme_beside_an_index_becomes_an_ordinary_page() {
    let f = Fixture::new();
    f.page("team/index.md", "Team", "");
    f.page("team/README.md", "Readme", "");
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("content/team/README.md: warning: the folder `team` has another index file"),
        "{}",
        run.stderr
    );
    assert_eq!(texts(&f.html("team/index.html"), "h1"), ["Team"]);
    assert_eq!(texts(&f.html("team/readme/index.html"), "h1"), ["Readme"]);
    // Beside the home page's index, the folder is named as the content folder.
    f.page("README.md", "Top readme", "");
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "content/README.md: warning: the content folder has another index file, so this README.md is an ordinary page"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_page_with_broken_front_matter_does_not_break_links_to_it() {
    let f = Fixture::new();
    f.file("content/bad.md", "---\ntitle: [unclosed\n---\n## Part\n");
    f.page("a.md", "A", "[bad](bad.md#part)\n");
    let run = f.build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("1 error, 0 warnings"), "{}", run.stderr);
}

/// Middleman's pages are `name.html.md`, published as `name.html`: the page is `name`, a
/// folder's `index.html.md` is its page, and links to `name.html` find them.
#[test]
fn middleman_pages_named_html_md_are_pages_of_that_name() {
    let f = Fixture::new();
    f.file(
        "content/setup.html.md",
        "---\ntitle: Setup\n---\nSee [the guide](/guide/#intro) and [other](other.html).\n",
    );
    f.file("content/other.html.md", "---\ntitle: Other\n---\nOther.\n");
    f.file(
        "content/guide/index.html.md",
        "---\ntitle: Guide\n---\n## Intro\n\nHello.\n",
    );
    f.page("start.md", "Start", "[setup](/setup.html)\n");
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("_index.md"), "{}", run.stderr);
    let site = f.snapshot();
    for page in ["setup/index.html", "other/index.html", "guide/index.html"] {
        assert!(site.contains_key(page), "{page}: {:?}", site.keys());
    }
    assert_eq!(texts(&f.html("guide/index.html"), "h1"), ["Guide"]);
    assert_eq!(
        attrs(&f.html("setup/index.html"), ".hb-content a", "href"),
        ["../guide/index.html#intro", "../other/index.html"]
    );
    let problems = link_problems(&f.public());
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn an_unknown_layout_warns_and_uses_the_standard_template() {
    let f = Fixture::new();
    f.file(
        "content/post.md",
        "---\ntitle: Post\nlayout: post\n---\nText.\n",
    );
    // One warning a layout, however many pages name it.
    for n in 0..3 {
        f.file(
            &format!("content/post-{n}.md"),
            "---\ntitle: Another\nlayout: post\n---\nText.\n",
        );
    }
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "content/post-0.md:3:1: warning: no template `post.html` for `layout: post`; using the \
             standard one (here and on 3 other pages)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("no template").count(),
        1,
        "{}",
        run.stderr
    );
    assert_eq!(texts(&f.html("post/index.html"), "h1"), ["Post"]);
}

#[test]
fn yaml_1_1_booleans_numeric_strings_and_redirect_from() {
    let f = Fixture::new();
    f.file(
        "content/a.md",
        "---\ntitle: A\ndraft: no\nweight: \"2\"\nredirect_from: /old-a/\n---\n",
    );
    f.file("content/b.md", "---\ntitle: B\ndraft:\nweight: 1\n---\n");
    f.file("content/c.md", "---\ntitle: C\ndraft: yes\n---\n");
    f.build().assert_ok();
    assert!(!f.public().join("c/index.html").exists());
    assert_eq!(texts(&f.html("index.html"), ".hb-children a"), ["B", "A"]);
    assert_eq!(
        attrs(&f.html("old-a/index.html"), "a", "href"),
        ["../a/index.html"]
    );
}

/// A Jekyll site moved in as it is (its `_config.yml` beside book.toml) publishes what Jekyll
/// would: not its settings, data, styles, layouts or includes, nor any other file named with a
/// leading `_`, which may hold secrets; a collection's pages and `_index.md` stay pages.
#[test]
fn a_jekyll_sites_own_files_are_not_published() {
    let f = Fixture::new();
    f.file("_config.yml", "title: Old site\napi_key: secret\n");
    f.file("content/_config.yml", "title: Old site\napi_key: secret\n");
    f.file("content/_data/team.yml", "- name: Ada\n");
    f.file("content/_sass/main.scss", "body { color: red }\n");
    f.file(
        "content/_layouts/default.html",
        "<html>{{ content }}</html>\n",
    );
    f.file("content/_includes/note.md", "An include's Markdown.\n");
    f.file(
        "content/_drafts/idea.md",
        "---\ntitle: Idea\n---\nNot yet.\n",
    );
    f.file("content/_notes.md", "---\ntitle: Notes\n---\nPrivate.\n");
    f.file("content/assets/_private.json", "{}\n");
    f.file("content/assets/logo.png", "png");
    f.file(
        "content/_posts/2024-01-01-hello.md",
        "---\ntitle: Hello\n---\nA post.\n",
    );
    f.file(
        "content/guide/_index.md",
        "---\ntitle: Guide\n---\n![Logo](../assets/logo.png)\n",
    );
    let run = f.build();
    run.assert_ok();
    let mut published: Vec<String> = common::snapshot(&f.public())
        .into_keys()
        .filter(|k| k.contains('_') || k.contains("logo"))
        .collect();
    published.sort();
    assert_eq!(
        published,
        [
            "_posts/2024-01-01-hello/index.html",
            "_posts/index.html",
            "assets/logo.png",
        ],
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("jekyll-templates") && !run.stderr.contains("_layouts"));
    // Without Jekyll's settings, a handbook's own files keep their names.
    std::fs::remove_file(f.root().join("_config.yml")).unwrap();
    std::fs::remove_file(f.root().join("content/_config.yml")).unwrap();
    f.build().assert_ok();
    assert!(f.public().join("assets/_private.json").is_file());
}

/// A GOV.UK tech docs page (Middleman's `name.html.md.erb`) is the page `name`: its ERB
/// `<%= current_page.data.title %>` shows the title, a comment nothing, other Ruby shows as
/// written with a warning; its `owner_slack`, `last_reviewed_on` and `review_in` are the
/// page's owner and review schedule.
#[test]
fn a_tech_docs_page_is_read_with_its_review_schedule() {
    let f = Fixture::new();
    f.file(
        "content/guide.html.md.erb",
        "---\ntitle: Naming things\nowner_slack: \"#naming\"\nlast_reviewed_on: 2026-01-10\n\
         review_in: 3 months\n---\n\n# <%= current_page.data.title %>\n\n\
         <%# not shown %>About <%= current_page.data.owner_slack %>.\n\n\
         <%= partial \"footer\" %>\n",
    );
    f.file(
        "content/other.md",
        "---\ntitle: Other\n---\nSee [naming](guide.html).\n",
    );
    let run = f.build();
    run.assert_ok();
    let doc = f.html("guide/index.html");
    assert_eq!(texts(&doc, "h1"), ["Naming things"]);
    assert_eq!(
        texts(&doc, ".hb-content p"),
        ["About #naming.", "<%= partial \"footer\" %>"]
    );
    assert!(
        run.stderr.contains(
            "content/guide.html.md.erb:12:1: warning: `<%= partial \"footer\" %>` is Ruby (ERB) \
             that handbook does not run"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        attrs(&f.html("other/index.html"), ".hb-content a", "href"),
        ["../guide/index.html"]
    );
    let reviews = f.run_with_env(
        &["check", "--reviews", "--format", "json"],
        &[("HANDBOOK_TODAY", "2026-06-01")],
    );
    let value: serde_json::Value = serde_json::from_str(&reviews.stdout).unwrap();
    let guide = value["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == "Naming things")
        .cloned()
        .unwrap();
    assert_eq!(guide["owner"], "#naming");
    assert_eq!(guide["due"], "2026-04-11");
    let check = f.run_with_env(&["check"], &[("HANDBOOK_TODAY", "2026-06-01")]);
    assert!(
        check
            .stderr
            .contains("set `last_reviewed_on` to the date of the review"),
        "{}",
        check.stderr
    );
}

/// Jekyll's and Eleventy's `permalink:` is the page's address: links written to it (as Jekyll
/// sites write them) lead there, the address as written redirects to the one the site writes,
/// a page whose permalink is its folder's introduces the folder, and what the tools would fill
/// in or leave unwritten is a warning at its line.
#[test]
fn jekyll_permalinks_are_the_pages_addresses() {
    let f = Fixture::new();
    f.file(
        "content/_index.md",
        "---\ntitle: Home\npermalink: /\n---\n[About](/about-us/) [Old](/Old-Page.html) \
         [Tests]({{ site.baseurl }}/tests/)\n",
    );
    f.file(
        "content/about.md",
        "---\ntitle: About\npermalink: /about-us/\n---\n[Home](/)\n",
    );
    f.file(
        "content/old.md",
        "---\ntitle: Old\npermalink: /Old-Page.html\n---\nText.\n",
    );
    // Alone in its folder, at the folder's address (18F's development guide has this).
    f.file(
        "content/tests/tests.md",
        "---\ntitle: Automated testing\npermalink: /tests/\n---\nText.\n",
    );
    f.file(
        "content/post.md",
        "---\ntitle: Post\npermalink: /:categories/:title/\n---\nText.\n",
    );
    f.file(
        "content/data.md",
        "---\ntitle: Data\ntags: [x]\npermalink: false\n---\nText.\n",
    );
    f.file(
        "content/other.md",
        "---\ntitle: Other\npermalink: /\n---\nText.\n",
    );
    let run = f.build();
    run.assert_ok();
    assert_eq!(
        attrs(&f.html("index.html"), ".hb-content a", "href"),
        [
            "about-us/index.html",
            "old-page/index.html",
            "tests/index.html"
        ]
    );
    assert_eq!(texts(&f.html("about-us/index.html"), "h1"), ["About"]);
    assert!(!f.public().join("about/index.html").exists());
    assert_eq!(texts(&f.html("old-page/index.html"), "h1"), ["Old"]);
    assert_eq!(
        attrs(&f.html("Old-Page.html"), "a", "href"),
        ["old-page/index.html"]
    );
    assert_eq!(
        texts(&f.html("tests/index.html"), "h1"),
        ["Automated testing"]
    );
    assert!(!f.public().join("tests/tests/index.html").exists());
    // The rest keep their files' addresses.
    for (page, line, says) in [
        ("post", 3, "`permalink: /:categories/:title/` is a pattern"),
        ("data", 4, "`permalink: false` writes no page in Eleventy"),
        ("other", 3, "`permalink: /` is the home page's address"),
    ] {
        let expected = format!("content/{page}.md:{line}:1: warning: {says}");
        assert!(run.stderr.contains(&expected), "{expected}\n{}", run.stderr);
        assert!(f.public().join(page).join("index.html").exists(), "{page}");
    }
    assert!(
        run.stderr.contains("0 errors, 3 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn toml_front_matter_of_zola_and_hugo_pages_is_read() {
    let f = Fixture::new();
    // Zola: tags under [taxonomies], its own keys kept for templates, a TOML date.
    f.file(
        "content/a.md",
        "+++\ntitle = \"Hiring loops\"\ndescription = \"How we hire.\"\nweight = 2\n\
         date = 2024-01-15\naliases = [\"/old-a/\"]\nlast_reviewed = 2026-06-01\n\
         [taxonomies]\ntags = [\"hiring\", \"interviews\"]\n[extra]\nteam = \"talent\"\n+++\n\
         Text of A.\n",
    );
    // Hugo: tags at the top level, a draft left out, `...` is no fence in TOML.
    f.file(
        "content/b.md",
        "+++\ntitle = 'Onboarding'\nweight = 1\ntags = ['onboarding']\naudience = 'new-manager'\n+++\n\
         ...\n\nText of B.\n",
    );
    f.file("content/c.md", "+++\ntitle = \"C\"\ndraft = true\n+++\n");
    f.build().assert_ok();
    let index = f.html("index.html");
    assert_eq!(
        texts(&index, ".hb-children a"),
        ["Onboarding", "Hiring loops"]
    );
    let a = f.html("a/index.html");
    assert_eq!(texts(&a, "h1"), ["Hiring loops"]);
    assert_eq!(texts(&a, ".hb-lead"), ["How we hire."]);
    assert_eq!(texts(&a, ".hb-meta time"), ["2026-06-01"]);
    assert_eq!(
        attrs(&a, ".hb-terms a", "href"),
        ["../tags/hiring/index.html", "../tags/interviews/index.html"]
    );
    assert_eq!(
        attrs(&f.html("old-a/index.html"), "a", "href"),
        ["../a/index.html"]
    );
    let b = f.html("b/index.html");
    assert_eq!(texts(&b, ".hb-content p"), ["…", "Text of B."]);
    assert_eq!(
        attrs(&b, ".hb-terms a", "href"),
        [
            "../audience/new-manager/index.html",
            "../tags/onboarding/index.html"
        ]
    );
    assert!(f.public().join("tags/onboarding/index.html").exists());
    assert!(!f.public().join("c/index.html").exists());
}

#[test]
fn zola_internal_links_start_from_the_content_folder() {
    let f = Fixture::new();
    f.file(
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nSee [hiring](@/hiring/_index.md), \
         [the panel](@/hiring/loops.md#the-panel) and [lost](@/nope.md).\n",
    );
    f.file("content/hiring/_index.md", "+++\ntitle = \"Hiring\"\n+++\n");
    f.file(
        "content/hiring/loops.md",
        "+++\ntitle = \"Loops\"\n+++\n## The panel\n\nBack [home](@/_index.md).\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("content/_index.md:4:")
            && run
                .stderr
                .contains("`@/nope.md` points to nope.md, which does not exist"),
        "{}",
        run.stderr
    );
    f.file(
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nSee [hiring](@/hiring/_index.md) and \
         [the panel](@/hiring/loops.md#the-panel).\n",
    );
    f.build().assert_ok();
    assert_eq!(
        attrs(&f.html("index.html"), ".hb-content a", "href"),
        ["hiring/index.html", "hiring/loops/index.html#the-panel"]
    );
    assert_eq!(
        attrs(
            &f.html("hiring/loops/index.html"),
            ".hb-content p a",
            "href"
        ),
        ["../../index.html"]
    );
}

#[test]
fn toml_front_matter_errors_name_the_line_and_column() {
    let f = Fixture::new();
    f.file(
        "content/a.md",
        "+++\ntitle = \"A\"\nweight = [1\n+++\nText\n",
    );
    f.file(
        "content/b.md",
        "+++\ntitle = \"B\"\nweight = \"heavy\"\n+++\n",
    );
    f.file(
        "content/c.md",
        "+++\ntitle = \"C\"\nlast_reviewed = \"May 2024\"\n+++\n",
    );
    f.file(
        "content/d.md",
        "+++\ntitle = \"D\"\n\nText without an end\n",
    );
    f.file("content/e.md", "+++\ntitel = \"E\"\n+++\n# E\n");
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains("content/a.md:4:1: error: front matter: invalid array; expected `]`"),
        "{err}"
    );
    assert!(
        err.contains("content/b.md:3:10: error: front matter: weight:"),
        "{err}"
    );
    assert!(
        err.contains(
            "content/c.md:3:17: error: front matter: last_reviewed: `May 2024` is not a valid date"
        ),
        "{err}"
    );
    assert!(
        err.contains("content/d.md:1:1: error: the front matter opened on line 1 is never closed"),
        "{err}"
    );
    assert!(
        err.contains("add a line `+++` after the last front matter key"),
        "{err}"
    );
    assert!(
        err.contains("content/e.md:2:1: warning: unknown front matter key `titel`"),
        "{err}"
    );
    assert!(err.contains("did you mean `title`?"), "{err}");
}

#[test]
fn upper_case_md_extension_is_a_page() {
    let f = Fixture::new();
    f.page("Notes.MD", "Notes", "");
    f.build().assert_ok();
    assert!(f.public().join("notes/index.html").exists());
    assert!(!f.public().join("Notes.MD").exists());
}

#[test]
fn a_leading_heading_that_differs_from_the_title_is_the_only_h1() {
    let f = Fixture::new();
    f.file(
        "content/a.md",
        "---\ntitle: Short title\n---\n# A longer heading\n\nText.\n",
    );
    f.build().assert_ok();
    let doc = f.html("a/index.html");
    assert_eq!(texts(&doc, "h1"), ["A longer heading"]);
    assert_eq!(texts(&doc, "title"), ["Short title · Test Handbook"]);
    assert_eq!(
        texts(&doc, "#hb-sidebar a[aria-current=page]"),
        ["Short title"]
    );
}

#[test]
fn nothing_overwrites_generated_files() {
    let f = Fixture::new();
    f.file(
        "content/a.md",
        "---\ntitle: A\naliases: [/print/, /tags/]\n---\n",
    );
    f.file("content/404.html", "<p>old</p>");
    f.page("tags.md", "Tags", "");
    let run = f.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("alias `/print/` would replace the generated `print/`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("alias `/tags/` is already the URL of tags.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/404.html: error: the file would overwrite the generated `404.html`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/tags.md: error: the URL /tags/ is used by the generated `tags/`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`[build] exclude = [\"/tags.md\"]`"),
        "{}",
        run.stderr
    );
    // A slug that makes the clash is where it is reported.
    f.file(
        "content/tags.md",
        "---\ntitle: Tags\nslug: print\n---\nAll tags.\n",
    );
    let run = f.build();
    assert!(
        run.stderr.contains(
            "content/tags.md:3:1: error: the URL /print/ is used by the generated `print/`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn another_tools_search_page_gives_way_to_the_handbooks_search() {
    // Docsy's content/en/search.md: a page of front matter for the theme's results.
    let f = Fixture::new();
    f.file(
        "content/search.md",
        "---\ntitle: Search Results\nlayout: search\n---\n\n",
    );
    f.page("guide.md", "Guide", "See [results](search.md).\n");
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        !run.stderr.contains("generated `search/`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("search-page"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/guide.md:4:5: error: broken link: `search.md` points to search.md, which is a \
             search page (`layout: search`)"
        ),
        "{}",
        run.stderr
    );
    // With text of its own, the page says what is left out.
    f.page("guide.md", "Guide", "Text.\n");
    f.file(
        "content/search.md",
        "---\ntitle: Search\nlayout: Search\n---\nTry the search box.\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "content/search.md:3:1: warning: `layout: search`: this is another tool's search page"
        ),
        "{}",
        run.stderr
    );
    assert!(f.public().join("search").is_dir());
    assert!(!std::fs::read_to_string(f.public().join("index.html"))
        .unwrap()
        .contains("Try the search box"));
}

#[test]
fn images_a_gitbook_keeps_in_its_hidden_assets_folder_are_published() {
    let f = Fixture::new();
    f.bytes("content/.gitbook/assets/chart.png", b"\x89PNG chart");
    f.bytes("content/.gitbook/assets/unused.png", b"\x89PNG unused");
    f.bytes("content/.git/config.png", b"secret");
    f.bytes("content/.secrets/key.png~", b"backup");
    f.bytes("content/.env", b"TOKEN=secret");
    f.page(
        "team/a.md",
        "A",
        "![chart](../.gitbook/assets/chart.png)\n\n[again](/.gitbook/assets/chart.png)\n",
    );
    f.build().assert_ok();
    assert_eq!(
        std::fs::read(f.public().join(".gitbook/assets/chart.png")).unwrap(),
        b"\x89PNG chart"
    );
    let page = f.html("team/a/index.html");
    assert_eq!(
        attrs(&page, ".hb-content img", "src"),
        ["../../.gitbook/assets/chart.png"]
    );
    assert_eq!(
        attrs(&page, ".hb-content a", "href"),
        ["../../.gitbook/assets/chart.png"]
    );
    // Only what a page links to leaves the hidden folder.
    assert!(!f.public().join(".gitbook/assets/unused.png").exists());

    // Never version control's folders, an editor's backup, or a hidden page.
    f.file("content/.github/template.md", "# Template\n");
    f.page(
        "team/a.md",
        "A",
        "[git](../.git/config.png) [backup](../.secrets/key.png~) [template](../.github/template.md) [env](../.env)\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1);
    for expected in [
        "content/team/a.md:4:1: error: broken link: `../.git/config.png` matches no page or file",
        "content/team/a.md:4:27: error: broken link: `../.secrets/key.png~` matches no page or file",
        "content/team/a.md:4:58: error: broken link: `../.github/template.md` is a page in a hidden folder, which the handbook leaves out",
        "content/team/a.md:4:93: error: broken link: `../.env` matches no page or file",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
}

#[test]
fn github_readme_and_top_anchors_lead_to_the_top_of_the_page() {
    let f = Fixture::new();
    f.file("content/guide/README.md", "# Guide\n\nThe guide.\n");
    f.page(
        "a.md",
        "A",
        "[guide](guide/#readme) [file](b.md#readme) [up](#top) [here](#readme)\n",
    );
    f.page("b.md", "B", "Text.\n");
    f.build().assert_ok();
    assert_eq!(
        attrs(&f.html("a/index.html"), ".hb-content a", "href"),
        [
            "../guide/index.html#readme",
            "../b/index.html#readme",
            "#top",
            "#readme"
        ]
    );
}

#[test]
fn a_link_that_is_a_web_or_mail_address_or_a_heading_says_what_to_write() {
    let f = Fixture::new();
    f.page(
        "a.md",
        "A",
        "## Create a new section\n\n[site](withfriends.co) [app](app.example.com/login) [mail](people@example.com) [section](create-a-new-section) [picture](chart.png)\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1);
    let hints: Vec<&str> = run
        .stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix("= hint: "))
        .collect();
    assert_eq!(
        hints,
        [
            "to link to the web site, write the whole address: `https://withfriends.co`",
            "to link to the web site, write the whole address: `https://app.example.com/login`",
            "to link to the address, write `mailto:people@example.com`",
            "did you mean `#create-a-new-section`, a heading of this page?",
            "add the file there, or fix the path: it is read from this file's folder (from the \
             content folder, or static/, when it starts with `/`)",
        ],
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_anchor_suggests_the_heading_that_holds_its_words_and_ranks_the_rest() {
    let f = Fixture::new();
    f.page(
        "a.md",
        "A",
        "## Schema stitching (deprecated)\n\n[x](#schema-stitching) [y](b.md#hybrid-collaborative-filtering-model)\n",
    );
    f.page(
        "b.md",
        "B",
        "## Algorithm\n\n## References\n\n## Artwork hybrid filtering model\n\n## LightFM model\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1);
    for expected in [
        "= hint: did you mean `#schema-stitching-deprecated`?",
        "= hint: the page's anchors include: #artwork-hybrid-filtering-model, #lightfm-model,",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
}

#[test]
fn anchors_written_for_github_or_other_sluggers_lead_to_the_heading_they_name() {
    let f = Fixture::new();
    f.page(
        "guide.md",
        "Guide",
        "## Getting started\n\n## Step 1: set up\n\n## Q & A\n\n## QA\n\n\
         See [setup](#Step-1:-Set-Up), [the start](other.md#Getting-Started) and [questions](#qa).\n",
    );
    f.page(
        "other.md",
        "Other",
        "## Getting started\n\n[Back](guide.md#GETTING-STARTED), [questions](guide.md#Q-A).\n",
    );
    let run = f.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // Only the link that could mean two headings is an error.
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("error:"))
        .collect();
    assert_eq!(
        errors,
        vec!["content/other.md:6:35: error: broken link: guide.md has no heading `#Q-A`"],
        "{}",
        run.stderr
    );
}

#[test]
fn an_anchor_to_a_leading_heading_in_other_letters_leads_to_the_page_top() {
    // GitHub's id of `# Welcome to the team 👋` ends in `-`; a link written without it, or in
    // other letters, means the heading: the page's top.
    let f = Fixture::new();
    f.file(
        "content/guide.md",
        "# Welcome to the team 👋\n\nSee [the top](#welcome-to-the-team).\n\n## Setup\n\nText.\n",
    );
    f.page(
        "other.md",
        "Other",
        "[Welcome](guide.md#Welcome-To-The-Team), [welcome](guide.md#welcome-to-the-team-) \
         and [no such](guide.md#welcome-to-the).\n",
    );
    let run = f.run(&["check"]);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("error:"))
        .collect();
    assert_eq!(
        errors,
        vec![
            "content/other.md:4:87: error: broken link: guide.md has no heading `#welcome-to-the`"
        ],
        "{}",
        run.stderr
    );
    // In the print view, they lead to the page's own place there.
    f.page(
        "other.md",
        "Other",
        "[Welcome](guide.md#Welcome-To-The-Team), [welcome](guide.md#welcome-to-the-team-).\n",
    );
    f.build().assert_ok();
    let view = f.html("print/index.html");
    assert_eq!(
        attrs(&view, ".hb-content p a", "href"),
        ["#p-guide", "#p-guide", "#p-guide"]
    );
}

/// kramdown's `markdown="1"`, as a Jekyll site writes it: a block element's Markdown is read
/// (its shared indentation left out), a paragraph's as a line, nested ones too; links in it are
/// resolved and checked like the page's own; in code it stays as written.
#[test]
fn kramdown_markdown_attribute_is_read() {
    let f = Fixture::new();
    f.page("setup.md", "Setup", "S.\n");
    f.page(
        "quote.md",
        "Quote",
        "<aside markdown=\"1\" class=\"pquote\">\n  Quote **text**\n  <p markdown=\"1\" class=\"pquote-credit\">\n\
         — @lord, [tips](https://lord.io/) and [setup](setup.md)\n  </p>\n</aside>\n\n\
         <div markdown=\"0\">*as written*</div>\n\n\
         ```html\n<div markdown=\"1\">\n*code*\n</div>\n```\n\n\
         <p markdown=\"1\">[gone](missing.md)</p>\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/quote.md:") && run.stderr.contains("missing.md"),
        "{}",
        run.stderr
    );
    f.page(
        "quote.md",
        "Quote",
        "<aside markdown=\"1\" class=\"pquote\">\n  Quote **text**\n  <p markdown=\"1\" class=\"pquote-credit\">\n\
         — @lord, [tips](https://lord.io/) and [setup](setup.md)\n  </p>\n</aside>\n\n\
         <div markdown=\"0\">*as written*</div>\n\n\
         ```html\n<div markdown=\"1\">\n*code*\n</div>\n```\n",
    );
    f.build().assert_ok();
    let doc = f.html("quote/index.html");
    assert_eq!(texts(&doc, "aside.pquote > p > strong"), ["text"]);
    assert_eq!(
        attrs(&doc, "aside.pquote > p.pquote-credit > a", "href"),
        ["https://lord.io/", "../setup/index.html"]
    );
    assert!(attrs(&doc, "aside, p", "markdown").is_empty());
    assert_eq!(texts(&doc, ".hb-content > div"), ["*as written*"]);
    assert_eq!(
        texts(&doc, "pre code"),
        ["<div markdown=\"1\">\n*code*\n</div>"]
    );
}

/// `markdown="1"` where its Markdown would leave its list item or quote is left as written;
/// a closing tag inside code closes nothing, and the code is left as it is.
#[test]
fn kramdown_markdown_attribute_keeps_lists_and_code_whole() {
    let f = Fixture::new();
    f.page(
        "edges.md",
        "Edges",
        "- <div markdown=\"1\">\n  *in list*\n  </div>\n- next\n\n\
         <div markdown=\"1\" class=\"box\">\n```html\n</div>\n```\nafter *em*\n</div>\n",
    );
    f.build().assert_ok();
    let doc = f.html("edges/index.html");
    assert_eq!(texts(&doc, ".hb-content ul > li").len(), 2);
    assert_eq!(texts(&doc, "div.box > pre code"), ["</div>"]);
    assert_eq!(texts(&doc, "div.box > p > em"), ["em"]);
}

/// A link that ends in `/` is read from the page's URL, as a browser reads it on the site it
/// was written for: from a translated page `ja/community/`, `../start/` is `ja/start/`, not the
/// English `start/` beside the file's folder.
#[test]
fn an_address_ending_in_a_slash_is_read_from_the_pages_url_first() {
    let f = Fixture::new();
    f.page("start.md", "Start", "## Write\n\nEnglish.\n");
    f.page("ja/_index.md", "日本語", "JA.\n");
    f.page("ja/start.md", "始める", "## 書く\n\n日本語。\n");
    f.page(
        "ja/community.md",
        "コミュニティ",
        "[書く](../start/#書く) and [the English page](../../start/).\n",
    );
    f.build().assert_ok();
    let doc = f.html("ja/community/index.html");
    assert_eq!(
        attrs(&doc, ".hb-content a", "href"),
        [
            "../../ja/start/index.html#%E6%9B%B8%E3%81%8F",
            "../../start/index.html"
        ]
    );
}

/// A shortcode or filter that is a link's address and names a path (Eleventy's and Jekyll's
/// base-path helpers, 18F's `{% page %}`) leads to that path's page, checked like any link.
#[test]
fn a_template_tag_as_a_links_address_leads_to_its_path() {
    let f = Fixture::new();
    f.page("tools/signatures.md", "Signatures", "## Templates\n\nT.\n");
    f.page(
        "travel.md",
        "Travel",
        "Use [templates]({% page \"/tools/signatures#templates\" %}) and [tools]({{ '/tools/signatures/' | relative_url }}).\n\n\
         See [the guide][guide].\n\n[guide]: {% page \"/tools/signatures/\" %}\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("liquid"), "{}", run.stderr);
    let doc = f.html("travel/index.html");
    assert_eq!(
        attrs(&doc, ".hb-content a", "href"),
        [
            "../tools/signatures/index.html#templates",
            "../tools/signatures/index.html",
            "../tools/signatures/index.html"
        ]
    );
    f.page(
        "broken.md",
        "Broken",
        "[gone]({% page \"/tools/gone/\" %})\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/broken.md:4:"),
        "{}",
        run.stderr
    );
}
