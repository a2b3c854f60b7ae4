//! Sites written for Hugo or Zola build as they are: their settings file stands in for
//! book.toml, and Hugo's shortcodes show as what they stand for, never as written.

mod common;

use common::{attrs, link_problems, texts, Fixture};

/// A Hugo site (Docsy-like shortcodes), hugo.toml, TOML and YAML front matter, no book.toml.
fn hugo_site() -> Fixture {
    let f = Fixture::empty();
    f.file(
        "hugo.toml",
        "baseURL = 'https://example.org/'\ntitle = 'Platform Handbook'\n\
         [params]\ndescription = 'How the platform team works.'\n",
    );
    f.file(
        "content/_index.md",
        "+++\ntitle = 'Home'\n+++\nSee [the guide]({{< ref \"guide/setup.md#install\" >}}) \
         and [its section]({{< relref \"/guide\" >}}).\n",
    );
    f.file(
        "content/guide/_index.md",
        "---\ntitle: Guide\n---\nAll of it.\n",
    );
    f.file("content/guide/team.png", "PNG");
    // Hugo finds a page without its extension, a section by its folder, relative or not.
    f.file(
        "content/guide/refs.md",
        "---\ntitle: Refs\n---\n[a]({{< ref \"setup\" >}}) [b]({{< relref \"/guide/\" >}}) \
         [c]({{< ref \"guide/setup#install\" >}}) [d]({{< ref \"#more\" >}}) [e]({{< ref \"_index.md\" >}})\n\n## More\n",
    );
    f.file(
        "content/guide/setup.md",
        "---\ntitle: Setup\nversion: '1.4'\n---\n\
         Version {{< param \"version\" >}}.\n\n\
         {{% alert title=\"Mind the gap\" color=\"warning\" %}}\nInstall **first**.\n{{% /alert %}}\n\n\
         {{< notice tip >}}\nA tip.\n{{< /notice >}}\n\n\
         {{% details summary=\"Why?\" %}}\nBecause.\n{{% /details %}}\n\n\
         ## Install\n\n\
         {{< highlight go >}}\nfmt.Println(\"{{< not-a-shortcode >}}\")\n```\n{{< /highlight >}}\n\n\
         {{< tabpane >}}\n{{< tab header=\"macOS\" >}}\nUse Homebrew.\n{{< /tab >}}\n\
         {{< tab header=\"Linux\" >}}\nUse apt.\n{{< /tab >}}\n{{< /tabpane >}}\n\n\
         {{< figure src=\"team.png\" alt=\"The team\" caption=\"Our team\" >}}\n\n\
         {{< youtube id=\"dQw4w9WgXcQ\" title=\"The talk\" >}}\n\n\
         Write `{{< ref \"x\" >}}` to link; {{</* note */>}} is shown as itself.\n\n\
         {{< member-by-name \"Ada\" >}} and {{< member-by-name \"Bo\" >}}.\n\n\
         {{< mermaid class=\"text-center\" >}}\nflowchart LR\n  A[Install] --> B[\"Run it\"]\n{{< /mermaid >}}\n",
    );
    f
}

#[test]
fn a_hugo_site_builds_from_its_settings_with_its_shortcodes_read() {
    let f = hugo_site();
    let run = f.build();
    run.assert_ok();
    let home = f.html("index.html");
    assert_eq!(
        texts(&home, ".hb-header a.hb-brand"),
        vec!["Platform Handbook"]
    );
    assert_eq!(
        attrs(&home, "meta[name=description]", "content"),
        vec!["How the platform team works."]
    );
    assert_eq!(
        attrs(&home, ".hb-content a", "href"),
        ["guide/setup/index.html#install", "guide/index.html"]
    );
    assert_eq!(
        attrs(&f.html("guide/refs/index.html"), ".hb-content p a", "href"),
        [
            "../../guide/setup/index.html",
            "../../guide/index.html",
            "../../guide/setup/index.html#install",
            "#more",
            "../../guide/index.html"
        ]
    );
    let setup = f.html("guide/setup/index.html");
    assert_eq!(
        texts(&setup, ".hb-content > p:first-child"),
        ["Version 1.4."]
    );
    assert_eq!(
        texts(&setup, ".hb-callout-warning > .hb-callout-title"),
        ["Mind the gap"]
    );
    assert_eq!(texts(&setup, ".hb-callout-warning strong"), ["first"]);
    assert_eq!(
        texts(&setup, ".hb-callout-tip > .hb-callout-title"),
        ["Tip"]
    );
    assert_eq!(texts(&setup, "details > summary"), ["Why?"]);
    assert_eq!(texts(&setup, "details > p"), ["Because."]);
    // The highlighted code as written, shortcode-looking text and backquotes included.
    assert_eq!(
        texts(&setup, "pre code.language-go"),
        ["fmt.Println(\"{{< not-a-shortcode >}}\")\n```"]
    );
    // hugo-book's and Relearn's `mermaid` shortcode is a diagram.
    assert_eq!(
        texts(&setup, ".hb-diagram-light svg text"),
        ["Install", "Run it"]
    );
    assert_eq!(texts(&setup, ".hb-tabs .hb-tab-title"), ["macOS", "Linux"]);
    // The image beside the page's file, published where the figure finds it.
    let src = attrs(&setup, "figure img", "src");
    assert_eq!(
        src.iter()
            .map(|s| common::resolve("guide/setup/index.html", s).unwrap().0)
            .collect::<Vec<_>>(),
        ["guide/team.png"]
    );
    assert_eq!(attrs(&setup, "figure img", "alt"), ["The team"]);
    assert_eq!(texts(&setup, "figure figcaption"), ["Our team"]);
    assert!(f.public().join("guide/team.png").exists());
    // The video is a link: nothing is loaded from elsewhere.
    assert!(setup.select(&common::sel("iframe")).next().is_none());
    assert_eq!(
        attrs(&setup, ".hb-embed a", "href"),
        ["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]
    );
    let text = texts(&setup, ".hb-content p").join("\n");
    assert!(
        text.contains("Write {{< ref \"x\" >}} to link; {{< note >}} is shown as itself."),
        "{text}"
    );
    // A shortcode of the site's own shows as written (its quotes straight, as the author
    // typed them), with one warning however often it is used.
    assert!(
        text.contains("{{< member-by-name \"Ada\" >}} and {{< member-by-name \"Bo\" >}}."),
        "{text}"
    );
    assert_eq!(
        run.stderr.matches("`member-by-name` shortcode").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/guide/setup.md:41:1: warning: Hugo's `member-by-name` shortcode is not read by handbook"),
        "{}",
        run.stderr
    );
    assert!(
        link_problems(&f.public()).is_empty(),
        "{:?}",
        link_problems(&f.public())
    );
}

#[test]
fn hugo_shortcode_mistakes_are_warnings_at_their_lines() {
    let f = hugo_site();
    f.file(
        "content/guide/broken.md",
        "---\ntitle: Broken\n---\n{{% alert %}}\nNever closed.\n\n{{% /details %}}\n\n\
         ```\n{{% alert %}}\n```\n\n[gone]({{< ref \"missing.md\" >}})\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    assert!(
        err.contains("content/guide/broken.md:4:1: warning: the `alert` shortcode is never closed"),
        "{err}"
    );
    assert!(
        err.contains("content/guide/broken.md:7:1: warning: `{{< /details >}}` closes no `details` shortcode"),
        "{err}"
    );
    // The link is checked where it is written.
    assert!(
        err.contains("content/guide/broken.md:13:") && err.contains("missing.md"),
        "{err}"
    );
    assert_eq!(
        err.matches("content/guide/broken.md:10:").count(),
        0,
        "{err}"
    );
}

#[test]
fn hugo_settings_in_a_config_folder_or_yaml_and_broken_settings() {
    let f = Fixture::empty();
    f.file(
        "config/_default/config.yaml",
        "title: Docs In Folders\npublishDir: out\n",
    );
    f.file(
        "content/_index.md",
        "---\ntitle: Home\n---\n{{< tip >}}\nHi.\n{{< /tip >}}\n",
    );
    f.file("content/guide/deep.md", "---\ntitle: Deep\n---\nDeep.\n");
    // From a folder below, as with a book.toml.
    let run = f.run_in("content/guide", &["build"]);
    run.assert_ok();
    let home = f.html_in("out", "index.html");
    assert_eq!(texts(&home, ".hb-header a.hb-brand"), ["Docs In Folders"]);
    assert_eq!(
        texts(&home, ".hb-callout-tip p:not(.hb-callout-title)"),
        ["Hi."]
    );

    let f = Fixture::empty();
    f.file("hugo.toml", "title = 'T'\nbaseURL = [\n");
    f.file("content/_index.md", "# Home\n");
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("hugo.toml:3:1: error: invalid array; expected `]`"),
        "{}",
        run.stderr
    );

    // A config.yaml without a content folder is some other project's: no site here.
    let f = Fixture::empty();
    f.file("config.yaml", "title: Not a site\n");
    f.file("docs/index.md", "# Docs\n");
    let run = f.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn a_zola_site_builds_from_its_config_and_names_its_shortcodes() {
    let f = Fixture::empty();
    f.file(
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"Zola Handbook\"\n\
         description = \"Made with Zola.\"\n[markdown]\nhighlight_code = true\n",
    );
    f.file(
        "content/_index.md",
        "\n+++\ntitle = \"Home\"\n+++\nRead [the guide](@/guide/_index.md).\n\n\
         {{ youtube(id=\"abc\") }}\n\n{% note(kind=\"tip\") %}\nBody.\n{% end %}\n\n\
         `{{ not_this() }}`\n",
    );
    f.file(
        "content/guide/_index.md",
        "+++\ntitle = \"Guide\"\nsort_by = \"weight\"\n[extra]\nicon = \"book\"\n+++\nText.\n",
    );
    let run = f.build();
    run.assert_ok();
    let home = f.html("index.html");
    assert_eq!(texts(&home, ".hb-header a.hb-brand"), ["Zola Handbook"]);
    assert_eq!(attrs(&home, ".hb-content a", "href")[0], "guide/index.html");
    assert!(
        run.stderr
            .contains("content/_index.md:7:1: warning: Zola's `youtube` shortcode is not read"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/_index.md:9:1: warning: Zola's `note` shortcode is not read"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("not_this"), "{}", run.stderr);
}

/// A Hugo site with one page, `content/page.md`, holding `body`.
fn one_page(body: &str) -> Fixture {
    let f = Fixture::empty();
    f.file(
        "hugo.toml",
        "title = 'T'\n[params]\nsupport_email = 'help@example.org'\n[params.social]\nchat = '#help'\n",
    );
    f.file("content/_index.md", "---\ntitle: Home\n---\nHome.\n");
    f.file("content/other.md", "---\ntitle: Other\n---\nOther.\n");
    f.file(
        "content/page.md",
        &format!("---\ntitle: Page\nteam: Platform\n---\n{body}"),
    );
    f
}

#[test]
fn blocks_stay_inside_lists_and_quotes_and_a_misplaced_one_alone_shows_as_written() {
    let f = one_page(
        "1. {{% alert title=\"First\" %}}\n   In the item.\n   {{% /alert %}}\n2. Second\n\n\
         > {{% alert %}}\n> In the quote.\n> {{% /alert %}}\n\n\
         - item\n\n  {{< figure src=\"b.png\" caption=\"Listed\" >}}\n\n\
         | a | b |\n|---|---|\n| x | {{< alert >}}cell{{< /alert >}} |\n\n\
         Some paragraph\n    {{< tip >}}\n    text\n    {{< /tip >}}\n\n\
         See [other]({{< ref \"other\" >}}).\n",
    );
    f.file("content/b.png", "PNG");
    let run = f.build();
    run.assert_ok();
    let page = f.html("page/index.html");
    assert_eq!(
        texts(&page, ".hb-content ol > li"),
        ["First\nIn the item.", "Second"]
    );
    assert_eq!(
        texts(
            &page,
            ".hb-content ol > li > .hb-callout > p:not(.hb-callout-title)"
        ),
        ["In the item."]
    );
    assert_eq!(
        texts(&page, "blockquote > .hb-callout > p:not(.hb-callout-title)"),
        ["In the quote."]
    );
    assert_eq!(texts(&page, "ul > li figure figcaption"), ["Listed"]);
    assert_eq!(texts(&page, "td"), ["x", "{{< alert >}}cell{{< /alert >}}"]);
    assert!(
        run.stderr
            .contains("content/page.md:20:7: warning: the `alert` shortcode is in a table row"),
        "{}",
        run.stderr
    );
    // The tip indented as code shows as written; the rest of the page is read.
    assert!(
        run.stderr
            .contains("content/page.md:23:5: warning: the `tip` shortcode shows as written"),
        "{}",
        run.stderr
    );
    assert_eq!(
        attrs(&page, ".hb-content p a", "href"),
        ["../other/index.html"]
    );
}

/// However many shortcodes are misplaced as code, each shows as written with a warning of its
/// own and the page's other shortcodes are still read.
#[test]
fn many_misplaced_shortcodes_leave_the_others_read() {
    let misplaced = "Some paragraph\n    {{< tip >}}\n    text\n    {{< /tip >}}\n\n".repeat(40);
    let f = one_page(&format!(
        "{{{{% alert title=\"First\" %}}}}\nRead.\n{{{{% /alert %}}}}\n\n{misplaced}\
         {{{{% alert %}}}}\nLast.\n{{{{% /alert %}}}}\n"
    ));
    let run = f.build();
    run.assert_ok();
    let page = f.html("page/index.html");
    assert_eq!(
        texts(&page, ".hb-callout > p:not(.hb-callout-title)"),
        ["Read.", "Last."]
    );
    let warned = run
        .stderr
        .lines()
        .filter(|l| {
            l.contains("content/page.md:") && l.contains("the `tip` shortcode shows as written")
        })
        .count();
    assert_eq!(warned, 40, "{}", run.stderr);
}

#[test]
fn theme_parameters_code_tabs_params_and_comment_columns() {
    let f = one_page(
        "{{% notice style=\"warning\" title=\"Pirates\" %}}\nArr.\n{{% /notice %}}\n\n\
         {{% details \"Open me\" open %}}\nShown.\n{{% /details %}}\n\n\
         {{< tabpane >}}\n{{< tab header=\"Go\" lang=\"go\" >}}\nfmt.Println(\"hi\")\n# not a heading\n{{< /tab >}}\n\
         {{< tab header=\"Notes\" >}}\n*Text* here.\n{{< /tab >}}\n{{< /tabpane >}}\n\n\
         Mail {{< param \"support_email\" >}}, chat {{< param \"social.chat\" >}}, \
         team {{< param \"team\" >}}, on {{< param \"title\" >}}; {{< param \"nope\" >}}.\n\n\
         Line {{</* x */>}} {{</* y */>}} [odd](gopher:x)\n",
    );
    let run = f.build();
    run.assert_ok();
    let page = f.html("page/index.html");
    assert_eq!(
        texts(&page, ".hb-callout-warning > .hb-callout-title"),
        ["Pirates"]
    );
    assert_eq!(attrs(&page, "details[open] > summary", "class").len(), 1);
    assert_eq!(texts(&page, "details > summary"), ["Open me"]);
    assert_eq!(
        texts(&page, ".hb-tab pre code.language-go"),
        ["fmt.Println(\"hi\")\n# not a heading"]
    );
    assert!(texts(&page, "h1").iter().all(|h| h != "not a heading"));
    assert_eq!(texts(&page, ".hb-tab em"), ["Text"]);
    let text = texts(&page, ".hb-content p").join("\n");
    assert!(
        text.contains(
            "Mail help@example.org, chat #help, team Platform, on Page; {{< param \"nope\" >}}."
        ),
        "{text}"
    );
    assert!(
        run.stderr
            .contains("`param \"nope\"` names no front matter key"),
        "{}",
        run.stderr
    );
    // The column of what follows shortcode comments is the file's.
    assert!(
        run.stderr
            .contains("content/page.md:25:34: warning: the link `gopher:x`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_fence_inside_a_highlight_shortcode_hides_no_later_code_tab() {
    // The backquotes in the highlighted text first read as a fence left open, which took the
    // tab pane after it for code: its tab was then text.
    let f = one_page(
        "{{< highlight go >}}\nx := 1\n```\ny := 2\n{{< /highlight >}}\n\n\
         {{< tabpane lang=\"bash\" >}}\n{{< tab header=\"macOS\" >}}\nbrew install x # c\n{{< /tab >}}\n{{< /tabpane >}}\n\n\
         After.\n",
    );
    f.build().assert_ok();
    let page = f.html("page/index.html");
    assert_eq!(
        texts(&page, ".hb-content pre code"),
        ["x := 1\n```\ny := 2", "brew install x # c"]
    );
    assert_eq!(
        attrs(&page, ".hb-content pre code", "class"),
        ["language-go", "language-bash"]
    );
    assert_eq!(texts(&page, ".hb-content > p"), ["After."]);
}

#[test]
fn a_config_file_of_another_project_beside_a_book_toml_is_left_alone() {
    let f = Fixture::new();
    f.file("config.yaml", "bad: [\n");
    f.page("page.md", "Page", "{{< mine >}} stays.\n");
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("shortcode"), "{}", run.stderr);
    assert_eq!(
        texts(&f.html("page/index.html"), ".hb-content p"),
        ["{{< mine >}} stays."]
    );
}

#[test]
fn a_hugo_site_in_languages_and_one_with_its_own_content_folder() {
    let f = Fixture::empty();
    f.file(
        "hugo.toml",
        "defaultContentLanguage = 'en'\n[languages.en]\ncontentDir = 'content/en'\ntitle = 'English docs'\n\
         [languages.ja]\ncontentDir = 'content/ja'\n",
    );
    f.file(
        "content/en/_index.md",
        "---\ntitle: Home\n---\nSee [start]({{< ref \"/docs/start\" >}}).\n",
    );
    f.file("content/en/docs/start.md", "---\ntitle: Start\n---\nGo.\n");
    f.file("content/ja/_index.md", "---\ntitle: ホーム\n---\n");
    f.build().assert_ok();
    let home = f.html("index.html");
    assert_eq!(texts(&home, ".hb-header a.hb-brand"), ["English docs"]);
    assert_eq!(
        attrs(&home, ".hb-content a", "href"),
        ["docs/start/index.html"]
    );
    // A book.toml beside it that names no content folder keeps Hugo's reading (content/ is
    // the folder of the languages, not the content).
    f.file(
        "book.toml",
        "[book]\ntitle = 'Docs handbook'\n[build]\nbroken_links = 'warn'\n",
    );
    let run = f.build();
    run.assert_ok();
    // The Japanese pages are named as left out, and nothing else is said.
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0].contains("left out: `ja` (content/ja)"),
        "{}",
        run.stderr
    );
    assert_eq!(
        attrs(&f.html("index.html"), ".hb-content a", "href"),
        ["docs/start/index.html"]
    );
    assert!(!f.public().join("en").exists() && !f.public().join("ja").exists());

    let f = Fixture::empty();
    f.file("config.toml", "title = 'Old Hugo'\ncontentDir = 'docs'\n");
    f.file("docs/_index.md", "---\ntitle: Home\n---\nHi.\n");
    f.build().assert_ok();
    assert_eq!(
        texts(&f.html("index.html"), ".hb-header a.hb-brand"),
        ["Old Hugo"]
    );
}

#[test]
fn an_indented_toml_key_with_a_wrong_value_is_found_at_its_line() {
    let f = one_page("Text.\n");
    f.file(
        "content/page.md",
        "+++\ntitle = \"é日本\"\n  owner = 5\n+++\nText.\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/page.md:3:11: error: front matter: owner:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_tag_over_several_lines_with_text_after_it() {
    // Found by fuzzing: the rest of the line was looked for from the tag's first line.
    let f = one_page("{{< tab he% alert title=\"T\" %}}\nx\n{{% /alert %}} and more\n\n{{< figure\n  src=\"a.png\" >}} tail\n");
    f.file("content/a.png", "PNG");
    let run = f.build();
    run.assert_ok();
    assert_eq!(attrs(&f.html("page/index.html"), "img", "src").len(), 1);
}

#[test]
fn a_url_or_path_in_front_matter_is_the_pages_url_from_the_root() {
    let f = Fixture::empty();
    f.file("hugo.toml", "title = \"T\"\n");
    f.file(
        "content/_index.md",
        "---\ntitle: Home\n---\n[a](/about/team/) [b]({{< ref \"guides/setup\" >}}) [c](/etc/passwd/)\n",
    );
    f.file(
        "content/guides/setup.md",
        "---\ntitle: Setup\nurl: /about/team/\n---\nx\n",
    );
    f.file(
        "content/evil.md",
        "---\ntitle: Evil\nurl: /../../etc/passwd/\n---\nx\n",
    );
    f.build().assert_ok();
    assert_eq!(
        attrs(&f.html("index.html"), ".hb-content a", "href"),
        [
            "about/team/index.html",
            "about/team/index.html",
            "etc/passwd/index.html"
        ]
    );
    assert_eq!(texts(&f.html("about/team/index.html"), "h1"), ["Setup"]);
    assert!(!f.root().join("etc").exists());
    // A URL with capitals or a file name is written as the site's URL parts are; links
    // written as the front matter has it lead there.
    f.file(
        "content/legal.md",
        "---\ntitle: Legal\nurl: /Legal/privacy.html\n---\n[back](/Legal/privacy.html)\n",
    );
    f.build().assert_ok();
    assert_eq!(
        attrs(
            &f.html("legal/privacy-html/index.html"),
            ".hb-content a",
            "href"
        ),
        // (The page itself: a broken link would have failed the build.)
        ["#"]
    );
    // Its address as Hugo wrote it leads to it.
    assert_eq!(
        attrs(&f.html("Legal/privacy.html"), "link[rel=canonical]", "href"),
        ["../legal/privacy-html/index.html"]
    );
    // Zola's `path`.
    let z = Fixture::empty();
    z.file(
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"Z\"\n",
    );
    z.file(
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\n[a](@/guides/setup.md)\n",
    );
    z.file(
        "content/guides/setup.md",
        "+++\ntitle = \"Setup\"\npath = \"about/team\"\n+++\nx\n",
    );
    z.build().assert_ok();
    assert_eq!(
        attrs(&z.html("index.html"), ".hb-content a", "href"),
        ["about/team/index.html"]
    );
    let problems = link_problems(&f.root().join("public"));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn emoji_shortcodes_only_where_the_settings_ask_for_them() {
    for (settings, file, emoji) in [
        ("title = \"T\"\n", "hugo.toml", false),
        ("title = \"T\"\nenableEmoji = true\n", "hugo.toml", true),
        (
            "base_url = \"https://example.org\"\ntitle = \"Z\"\n[markdown]\nrender_emoji = true\n",
            "config.toml",
            true,
        ),
    ] {
        let f = Fixture::empty();
        f.file(file, settings);
        f.file(
            "content/_index.md",
            "+++\ntitle = \"Home\"\n+++\nDone :tada:\n",
        );
        f.build().assert_ok();
        let text = texts(&f.html("index.html"), "article .hb-content p");
        let want = if emoji { "Done 🎉" } else { "Done :tada:" };
        assert_eq!(text, [want], "{settings}");
    }
}

/// Hugo checks no Markdown link, only its `ref` shortcodes: a plain broken link is a warning,
/// a broken `ref` an error. A book.toml beside a `config.toml` that is surely Hugo's (its
/// `baseURL`) keeps the site's Hugo reading (shortcodes, its language) and may set the levels.
#[test]
fn hugo_link_levels_and_a_book_toml_beside_its_settings() {
    let f = Fixture::empty();
    f.file(
        "config.toml",
        "baseURL = 'https://example.org/'\ntitle = 'Handbook'\nlanguageCode = 'ja'\n",
    );
    f.file(
        "content/_index.md",
        "---\ntitle: Home\n---\n[plain](gone.md)\n\n{{< ref \"guide.md\" >}}\n",
    );
    f.file("content/guide.md", "---\ntitle: Guide\n---\nText.\n");
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("content/_index.md:4:1: warning: broken link"),
        "{}",
        run.stderr
    );
    f.file(
        "content/other.md",
        "---\ntitle: Other\n---\n[ref]({{< ref \"missing.md\" >}})\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/other.md:4:1: error: broken link"),
        "{}",
        run.stderr
    );

    f.file("content/other.md", "---\ntitle: Other\n---\nFine.\n");
    f.file(
        "book.toml",
        "[book]\ntitle = \"Handbook\"\n\n[build]\nbroken_links = \"error\"\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "book.toml's level: {}", run.stderr);
    f.file(
        "book.toml",
        "[book]\ntitle = \"Handbook\"\n\n[build]\nbroken_links = \"warn\"\n",
    );
    f.build().assert_ok();
    let home = f.html("index.html");
    // Still read as Hugo's: the shortcode is a link, the language Hugo's.
    assert_eq!(common::attrs(&home, "html", "lang"), ["ja"]);
    assert_eq!(common::texts(&home, ".hb-content p").len(), 2);
    assert!(!common::texts(&home, ".hb-content").concat().contains("{{<"));
}

#[test]
fn zola_ignored_content_leaves_its_files_out() {
    let f = Fixture::empty();
    f.file(
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"Z\"\nignored_content = [\"*.xlsx\", \"temp.*\"]\n",
    );
    f.file("content/_index.md", "+++\ntitle = \"Home\"\n+++\nHello.\n");
    f.file(
        "content/guide/temp.md",
        "+++\ntitle = \"Temp\"\n+++\nScratch.\n",
    );
    f.file("content/guide/sheet.xlsx", "cells");
    f.file(
        "content/guide/page.md",
        "+++\ntitle = \"Page\"\n+++\nText.\n",
    );
    f.build().assert_ok();
    let out = f.root().join("public");
    assert!(out.join("guide/page/index.html").is_file());
    assert!(!out.join("guide/temp").exists());
    assert!(!out.join("guide/sheet.xlsx").exists());
}

#[test]
fn pages_hugo_does_not_render_are_left_out_and_pages_it_does_not_list_leave_the_sidebar() {
    let f = Fixture::empty();
    f.file("hugo.toml", "title = 'T'\n");
    f.file("content/_index.md", "---\ntitle: Home\n---\nHome.\n");
    f.file("content/docs/_index.md", "---\ntitle: Docs\n---\nDocs.\n");
    f.file(
        "content/docs/a.md",
        "---\ntitle: Alpha\n---\nSee [hidden](hidden.md) and [quiet](quiet.md).\n",
    );
    f.file(
        "content/docs/hidden.md",
        "---\ntitle: Hidden\nbuild:\n  render: never\n  list: never\n---\nxylophone\n",
    );
    f.file(
        "content/docs/old.md",
        "+++\ntitle = 'Old'\n[_build]\nrender = false\n+++\nmarimba\n",
    );
    f.file(
        "content/docs/bundle/index.md",
        "---\ntitle: Bundle\nheadless: true\n---\nglockenspiel\n",
    );
    // A headless bundle of snippets: its index needs no title, its other files are its
    // resources and go with it.
    f.file("content/docs/snips/index.md", "---\nheadless: true\n---\n");
    f.file(
        "content/docs/snips/part.md",
        "---\ntitle: Part\n---\ntriangle\n",
    );
    f.file(
        "content/docs/quiet.md",
        "---\ntitle: Quiet\nbuild:\n  list: never\n---\nQuiet words.\n",
    );
    // A folder of snippets, left out by its section's cascade, its own page among them; a
    // page under it that asks to be written is.
    f.file(
        "content/_common/_index.md",
        "---\ntitle: Common\ncascade:\n  build:\n    render: never\n    list: never\n---\n",
    );
    f.file(
        "content/_common/snippet.md",
        "---\ntitle: Snippet\n---\nvibraphone\n",
    );
    f.file(
        "content/_common/deep/more.md",
        "---\ntitle: More\n---\ncelesta\n",
    );
    f.file(
        "content/_common/shown.md",
        "---\ntitle: Shown\nbuild:\n  render: always\n  list: always\n---\nShown.\n",
    );
    let run = f.build();
    run.assert_ok();
    let site = f.snapshot();
    for gone in [
        "docs/hidden",
        "docs/old",
        "docs/bundle",
        "_common/snippet",
        "_common/deep/more",
    ] {
        assert!(
            !site
                .keys()
                .any(|path| path.starts_with(&format!("{gone}/"))),
            "{gone}: {:?}",
            site.keys()
        );
    }
    let everything = site
        .values()
        .map(|bytes| String::from_utf8_lossy(bytes))
        .collect::<String>();
    for word in [
        "xylophone",
        "marimba",
        "glockenspiel",
        "vibraphone",
        "celesta",
        "triangle",
    ] {
        assert!(!everything.contains(word), "{word} is published");
    }
    // Written, and reached by its link, but in no list.
    assert!(site.contains_key("docs/quiet/index.html"));
    assert!(site.contains_key("_common/shown/index.html"));
    let sidebar = texts(&f.html("docs/a/index.html"), "#hb-sidebar a");
    assert!(sidebar.contains(&"Alpha".to_string()), "{sidebar:?}");
    assert!(!sidebar.contains(&"Quiet".to_string()), "{sidebar:?}");
    assert!(!sidebar.contains(&"Hidden".to_string()), "{sidebar:?}");
    // The link to a page left out says why (a warning: a Hugo site's links only warn).
    assert!(
        run.stderr
            .contains("points to docs/hidden.md, which is not published: its front matter"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("points to docs/quiet.md"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("0 errors, 1 warning"), "{}", run.stderr);

    // `build` is taken whole from the nearest section that cascades it, as Hugo takes it: a
    // closer `list: local` is no `render: never` from further up.
    f.file(
        "content/_common/api/_index.md",
        "---\ntitle: API\ncascade:\n  build:\n    list: local\n---\nThe API.\n",
    );
    f.file(
        "content/_common/api/calls.md",
        "---\ntitle: Calls\n---\nCalls.\n",
    );
    f.build().assert_ok();
    assert!(f.public().join("_common/api/calls/index.html").is_file());
    assert!(!f.public().join("_common/snippet").exists());

    // A cascade aimed at other pages is not read, and says so.
    f.file(
        "content/docs/_index.md",
        "---\ntitle: Docs\ncascade:\n  - _target:\n      path: /docs/**\n    build:\n      list: never\n---\nDocs.\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("content/docs/_index.md: warning: a `cascade` entry aimed with `_target`"),
        "{}",
        run.stderr
    );
    assert!(texts(&f.html("docs/a/index.html"), "#hb-sidebar a").contains(&"Alpha".to_string()));
}

#[test]
fn a_zola_section_that_is_not_rendered_keeps_its_pages() {
    let z = Fixture::empty();
    z.file(
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"Z\"\n",
    );
    z.file("content/_index.md", "+++\ntitle = \"Home\"\n+++\nHome.\n");
    z.file(
        "content/notes/_index.md",
        "+++\ntitle = \"Notes\"\nrender = false\n+++\nharpsichord\n",
    );
    z.file(
        "content/notes/one.md",
        "+++\ntitle = \"One\"\n+++\nFirst note.\n",
    );
    z.build().assert_ok();
    let site = z.snapshot();
    assert!(site.contains_key("notes/one/index.html"));
    assert!(!site
        .values()
        .any(|bytes| String::from_utf8_lossy(bytes).contains("harpsichord")));
}

/// Hugo's built-in `comment` shows nothing, the text inside included (private notes stay
/// private); a shortcode handbook does not read is one warning for the site, with a count.
#[test]
fn a_hugo_comment_hides_its_text_and_unread_shortcodes_are_said_once() {
    let f = Fixture::empty();
    f.file("hugo.toml", "title = 'H'\n");
    f.file("content/_index.md", "---\ntitle: Home\n---\nHome.\n");
    f.file(
        "content/a.md",
        "---\ntitle: A\n---\nBefore {{% comment %}} salary bands {{% /comment %}} after.\n\n\
         {{< comment >}}\nDraft: {{< member \"Ada\" >}} reorg\n\n## Hidden\n{{< /comment >}}\n\n\
         {{< member \"Bo\" >}}\n\n{{< instagram BWNjjyYFxVx >}}\n\n\
         {{< comment >}}outer {{< comment >}}inner{{< /comment >}} still hidden{{< /comment >}}\n\n\
         Self {{< comment />}}closing.\n\n## Shown\n",
    );
    f.file(
        "content/b.md",
        "---\ntitle: B\n---\n{{< member \"Cy\" >}}\n",
    );
    let run = f.build();
    run.assert_ok();
    let a = f.html("a/index.html");
    let text = texts(&a, ".hb-content").join(" ");
    assert!(
        !text.contains("salary") && !text.contains("reorg"),
        "{text}"
    );
    assert!(text.contains("Before") && text.contains("after."), "{text}");
    assert!(
        !text.contains("outer") && !text.contains("hidden"),
        "{text}"
    );
    assert!(text.contains("Self closing."), "{text}");
    assert!(!run.stderr.contains("closes no"), "{}", run.stderr);
    assert_eq!(attrs(&a, ".hb-content h2", "id"), ["shown"]);
    assert_eq!(
        attrs(&a, ".hb-content .hb-embed a", "href"),
        ["https://www.instagram.com/p/BWNjjyYFxVx/"]
    );
    // `member` (the site's own) is said once, at its first use outside the comment.
    let unread: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("`member` shortcode"))
        .collect();
    assert_eq!(
        unread,
        ["content/a.md:12:1: warning: Hugo's `member` shortcode is not read by handbook: it shows as written (and the same on 1 other page)"],
        "{}",
        run.stderr
    );
}

/// A site in several languages is built in its default one; the other languages' folders are
/// named as left out (they were left out silently).
#[test]
fn other_languages_folders_are_named_as_left_out() {
    let f = Fixture::empty();
    f.file(
        "hugo.toml",
        "title = 'T'\ndefaultContentLanguage = 'en'\n[languages.en]\ncontentDir = 'content.en'\n\
         weight = 1\n[languages.fr]\ncontentDir = 'content.fr'\nweight = 2\n",
    );
    f.file("content.en/_index.md", "---\ntitle: Home\n---\nHello.\n");
    f.file(
        "content.fr/_index.md",
        "---\ntitle: Accueil\n---\nBonjour.\n",
    );
    f.file("content.fr/seule.md", "---\ntitle: Seule\n---\nIci.\n");
    let run = f.build();
    run.assert_ok();
    assert_eq!(texts(&f.html("index.html"), ".hb-page-header h1"), ["Home"]);
    assert!(!f.public().join("seule").exists());
    assert!(
        run.stderr.contains(
            "hugo.toml: warning: handbook builds the site in one language, `en` (its pages in \
             content.en); the other languages' pages are left out: `fr` (content.fr)"
        ),
        "{}",
        run.stderr
    );
}

/// A home page with no title (a landing page's front matter holds only its layout) is headed
/// with the site's title, as Hugo heads it, not "Untitled".
#[test]
fn a_home_page_without_a_title_takes_the_sites() {
    let f = one_page("Text.\n");
    f.file(
        "content/_index.md",
        "---\ntype: docs\n---\n\n<br />\n\nWelcome.\n",
    );
    let run = f.build();
    run.assert_ok();
    let home = f.html("index.html");
    assert_eq!(texts(&home, ".hb-page-header h1"), ["T"]);
    assert_eq!(texts(&home, "title"), ["T"]);
    assert!(!run.stderr.contains("no title"), "{}", run.stderr);
}

/// A shortcode handbook does not read shows as written, as text, however it is spaced:
/// `{{<button href="/docs/">}}` is no HTML button, and its address no link to check.
#[test]
fn an_unread_shortcode_written_without_spaces_is_text_not_html() {
    let f = one_page(
        "{{<button href=\"/docs/\">}}Explore{{</button>}}\n\n\
         {{< button href=\"/docs/\" >}}Spaced{{< /button >}}\n\n\
         Stray {{</alert>}} close.\n",
    );
    let run = f.build();
    run.assert_ok();
    let page = f.html("page/index.html");
    assert!(texts(&page, ".hb-content button").is_empty());
    assert_eq!(
        texts(&page, ".hb-content p"),
        [
            "{{<button href=\"/docs/\">}}Explore{{</button>}}",
            "{{< button href=\"/docs/\" >}}Spaced{{< /button >}}",
            "Stray {{</alert>}} close."
        ]
    );
    assert!(!run.stderr.contains("broken link"), "{}", run.stderr);
}

/// Hugo's `linkTitle` names a page in the sidebar and breadcrumbs, its `title` heads it; with
/// `disableAliases`, aliases make no redirect pages, so one at another page's address is fine.
#[test]
fn hugo_link_titles_name_pages_in_lists_and_disabled_aliases_write_nothing() {
    let f = Fixture::empty();
    f.file("hugo.toml", "title = 'H'\ndisableAliases = true\n");
    f.file("content/_index.md", "---\ntitle: Home\n---\nHome.\n");
    f.file(
        "content/functions/time/_index.md",
        "---\ntitle: Time functions\nlinkTitle: time\n---\nAll of them.\n",
    );
    f.file(
        "content/functions/time/asTime.md",
        "---\ntitle: time.AsTime\nlinktitle: AsTime\naliases: [/functions/time, /old/astime]\n---\nText.\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("alias"), "{}", run.stderr);
    let page = f.html("functions/time/astime/index.html");
    assert_eq!(texts(&page, "h1"), ["time.AsTime"]);
    assert_eq!(
        texts(&page, ".hb-breadcrumbs li"),
        ["Home", "Functions", "time", "AsTime"]
    );
    assert!(texts(&page, "#hb-sidebar a").contains(&"time".to_string()));
    // The section's own page is still its own, and no redirect is written.
    assert_eq!(
        texts(&f.html("functions/time/index.html"), "h1"),
        ["Time functions"]
    );
    assert!(!f.public().join("old").exists());
}

/// Goldmark's `autoDefinitionTermID`: each definition term has an id from its text, which
/// links (this page's and others') may name.
#[test]
fn hugo_definition_terms_get_ids_when_goldmark_gives_them() {
    let f = Fixture::empty();
    f.file(
        "hugo.toml",
        "title = 'H'\n[markup.goldmark.parser]\nautoDefinitionTermID = true\n",
    );
    f.file(
        "content/_index.md",
        "---\ntitle: Home\n---\nSee [it](all.md#publishdir).\n",
    );
    f.file(
        "content/all.md",
        "---\ntitle: All\n---\nSee [publishDir](#publishdir) and [x](#build-options).\n\n\
         `publishDir`\n: The output folder.\n\nBuild options\n: How to build.\n\n## Build options\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("broken"), "{}", run.stderr);
    let page = f.html("all/index.html");
    assert_eq!(
        attrs(&page, ".hb-content dt", "id"),
        ["publishdir", "build-options"]
    );
    assert_eq!(
        texts(&page, ".hb-content dt"),
        ["publishDir", "Build options"]
    );
    // A heading after it with the same text gets the next id.
    assert_eq!(attrs(&page, ".hb-content h2", "id"), ["build-options-1"]);
    // Without the setting, terms have no id and the link is a warning.
    f.file("hugo.toml", "title = 'H'\n");
    let run = f.build();
    assert!(
        run.stderr.contains("no heading `#publishdir`"),
        "{}",
        run.stderr
    );
    assert!(attrs(&f.html("all/index.html"), ".hb-content dt", "id").is_empty());
}

/// Zola's `redirect_to` (a section's) and jekyll-redirect-from's (a page's): the page is a
/// redirect to the address given, out of the search and the sitemap, and needs no title.
#[test]
fn a_page_with_redirect_to_is_a_redirect_there() {
    let z = Fixture::empty();
    z.file(
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"Z\"\n",
    );
    z.file("content/_index.md", "+++\ntitle = \"Home\"\n+++\nHome.\n");
    z.file(
        "content/docs/_index.md",
        "+++\nredirect_to = \"docs/start#install\"\n+++\nharpsichord\n",
    );
    z.file(
        "content/docs/start.md",
        "+++\ntitle = \"Start\"\n+++\n## Install\n\nSteps.\n",
    );
    z.file(
        "content/chat.md",
        "+++\ntitle = \"Chat\"\nredirect_to = \"https://chat.example.com/\"\n+++\n",
    );
    z.file(
        "content/gone.md",
        "+++\ntitle = \"Gone\"\nredirect_to = \"/docs/nowhere/\"\n+++\n",
    );
    z.file(
        "content/loop/x.md",
        "+++\ntitle = \"X\"\nredirect_to = \"loop/y\"\n+++\n",
    );
    z.file(
        "content/loop/y.md",
        "+++\ntitle = \"Y\"\nredirect_to = \"/loop/x/\"\n+++\n",
    );
    let run = z.run(&["build", "--base-url", "https://example.org/"]);
    run.assert_ok();
    let refresh = |path: &str| {
        attrs(&z.html(path), "meta[http-equiv=refresh]", "content")
            .first()
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        refresh("docs/index.html"),
        "0; url=../docs/start/index.html#install"
    );
    assert_eq!(
        refresh("chat/index.html"),
        "0; url=https://chat.example.com/"
    );
    assert_eq!(refresh("gone/index.html"), "0; url=../docs/nowhere/");
    assert!(
        run.stderr.contains(
            "content/gone.md:3:1: warning: `redirect_to: /docs/nowhere/` leads to no page of the site"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "content/loop/x.md:3:1: warning: `redirect_to` leads round in a circle: loop/x.md -> loop/y.md -> loop/x.md"
        ),
        "{}",
        run.stderr
    );
    // The section needs no title, and no text; its text is nowhere.
    assert!(!run.stderr.contains("no title"), "{}", run.stderr);
    assert!(!run.stderr.contains("is empty"), "{}", run.stderr);
    // The pager passes over redirects: the start page's previous page is the home page.
    assert_eq!(
        attrs(
            &z.html("docs/start/index.html"),
            ".hb-pager a.hb-prev",
            "href"
        ),
        ["../../index.html"]
    );
    let site = z.snapshot();
    assert!(!site
        .values()
        .any(|bytes| String::from_utf8_lossy(bytes).contains("harpsichord")));
    let sitemap = String::from_utf8_lossy(&site["sitemap.xml"]).to_string();
    assert!(sitemap.contains("/docs/start/"), "{sitemap}");
    assert!(!sitemap.contains("/docs/<"), "{sitemap}");
    assert!(!sitemap.contains("/chat/"), "{sitemap}");
    // The pages under the section keep it in their sidebar.
    assert!(
        attrs(&z.html("docs/start/index.html"), "#hb-sidebar a", "href")
            .contains(&"../../docs/index.html".to_string())
    );
}

/// A Zola site's `templates/` are Zola's (its variables, `config`, `section`): not used, with
/// one warning, where they made every page fail. A book.toml beside `config.toml` that only
/// sets handbook's options keeps the site a Zola site and takes its title.
#[test]
fn a_zola_sites_templates_are_not_used_and_a_book_toml_beside_it_may_only_set_options() {
    let z = Fixture::empty();
    z.file(
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"Zola Docs\"\n",
    );
    z.file(
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\n{{ youtube(id=\"x\") }}\n\n[gone](missing.md)\n\n\
         ```\n{{/* youtube(id=\"y\") */}}\n{%/* note() */%}\nBody.\n{%/* end */%}\n```\n\n\
         Escape with `{{/*` and `*/}}` instead of `{{` and `}}`.\n",
    );
    z.file(
        "templates/index.html",
        "<title>{{ config.title }}</title>{{ section.content | safe }}",
    );
    z.file("book.toml", "[build]\nbroken_links = \"warn\"\n");
    z.file("content/untitled.md", "+++\nweight = 1\n+++\nText.\n");
    let run = z.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("templates: warning: Zola's templates are not used"),
        "{}",
        run.stderr
    );
    // Still a Zola site: its shortcodes are named, its title is the site's.
    assert!(
        run.stderr
            .contains("Zola's `youtube` shortcode is not read"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("warning: broken link"),
        "{}",
        run.stderr
    );
    assert_eq!(
        texts(&z.html("index.html"), ".hb-header a.hb-brand"),
        ["Zola Docs"]
    );
    assert_eq!(texts(&z.html("index.html"), "title"), ["Zola Docs"]);
    // A shortcode written as a comment shows as the shortcode, as Zola shows it.
    assert_eq!(
        texts(&z.html("index.html"), "pre code"),
        ["{{ youtube(id=\"y\") }}\n{% note() %}\nBody.\n{% end %}"]
    );
    // Only around a shortcode: a sentence about the escape keeps it as written.
    assert_eq!(
        texts(&z.html("index.html"), ".hb-content p code"),
        ["{{/*", "*/}}", "{{", "}}"]
    );
    assert!(!run.stderr.contains("`note`"), "{}", run.stderr);
    // The hint for a missing title is in the front matter's language.
    assert!(
        run.stderr
            .contains("hint: add `title = \"...\"` to the front matter"),
        "{}",
        run.stderr
    );
}

/// Zola checks its `@/` links and fails on a broken one, but not plain Markdown links: those
/// are warnings here, and `[link_checker] internal_level = "warn"` makes the `@/` ones warnings
/// too.
#[test]
fn zola_fails_on_its_own_internal_links_only_and_as_its_link_checker_says() {
    let z = Fixture::empty();
    z.file(
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\n[plain](missing.md)\n\n[internal](@/gone.md)\n\n\
         [anchor](@/a.md#nope) [plain anchor](a.md#nope)\n",
    );
    z.file("content/a.md", "+++\ntitle = \"A\"\n+++\n## Yes\n");
    let settings = "base_url = \"https://example.org\"\ntitle = \"Z\"\n";
    z.file("config.toml", settings);
    let run = z.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/_index.md:4:1: warning: broken link: `missing.md`"),
        "{}",
        run.stderr
    );
    for expected in [
        "content/_index.md:6:1: error: broken link",
        "content/_index.md:8:1: error: broken link: `@/a.md#nope` leads to a.md, which has no heading `#nope`",
        "content/_index.md:8:23: warning: broken link: a.md has no heading `#nope`",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    z.file(
        "config.toml",
        &format!("{settings}[link_checker]\ninternal_level = \"warn\"\n"),
    );
    let run = z.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("content/_index.md:6:1: warning: broken link"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_folder_module_mounts_as_the_content_is_the_content() {
    let f = Fixture::empty();
    f.file(
        "hugo.toml",
        "title = 'Docs'\ncontentDir = 'ignored'\n\
         [[module.mounts]]\nsource = 'assets'\ntarget = 'assets'\n\
         [[module.mounts]]\nsource = 'content/en'\ntarget = 'content'\n",
    );
    f.file(
        "content/en/_index.md",
        "---\ntitle: Home\n---\nSee [start](docs/start.md).\n",
    );
    f.file("content/en/docs/start.md", "---\ntitle: Start\n---\nGo.\n");
    f.file("content/fr/_index.md", "---\ntitle: Accueil\n---\n");
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(f.public().join("docs/start/index.html").is_file());
    assert!(!f.public().join("en").exists() && !f.public().join("fr").exists());

    // In a settings folder, per language: the default language's; a second folder mounted for
    // it is said to be left out.
    let f = Fixture::empty();
    f.file(
        "config/_default/hugo.toml",
        "title = 'Docs'\ndefaultContentLanguage = 'fr'\n",
    );
    f.file(
        "config/_default/module.toml",
        "[[mounts]]\nsource = 'content/en'\ntarget = 'content'\nlang = 'en'\n\
         [[mounts]]\nsource = 'content/fr'\ntarget = 'content'\nlang = 'fr'\n\
         [[mounts]]\nsource = 'shared'\ntarget = 'content'\n",
    );
    f.file("content/en/_index.md", "---\ntitle: Home\n---\n");
    f.file(
        "content/fr/_index.md",
        "---\ntitle: Accueil\n---\nBonjour.\n",
    );
    f.file("shared/note.md", "---\ntitle: Note\n---\nN.\n");
    let run = f.build();
    run.assert_ok();
    assert_eq!(texts(&f.html("index.html"), "main h1"), ["Accueil"]);
    assert!(
        run.stderr.contains(
            "config/_default/module.toml: warning: `module.mounts` mounts 2 folders as the content; \
             handbook reads one, `content/fr`, and leaves out `shared`"
        ),
        "{}",
        run.stderr
    );
}

/// Hugo's render hooks are not run: one warning names them.
#[test]
fn hugo_render_hooks_are_named_in_one_warning() {
    let f = Fixture::empty();
    f.file("hugo.toml", "title = 'H'\n");
    f.file("content/_index.md", "---\ntitle: Home\n---\nA [term](g).\n");
    f.file("layouts/_markup/render-link.html", "{{ .Destination }}");
    f.file(
        "layouts/_default/_markup/render-image.html",
        "{{ .Destination }}",
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "layouts: warning: Hugo's render hooks are not run (`render-image.html`, `render-link.html`)"
        ),
        "{}",
        run.stderr
    );
}

/// Zola shows quotes and dashes as typed unless `[markdown] smart_punctuation = true`; Hugo's
/// Goldmark makes them typographic unless its `typographer` is disabled.
#[test]
fn smart_punctuation_follows_each_tool() {
    let z = Fixture::empty();
    z.file(
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"Z\"\n",
    );
    z.file(
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nSay \"hi\" -- now...\n",
    );
    z.build().assert_ok();
    assert_eq!(
        texts(&z.html("index.html"), ".hb-content p"),
        ["Say \"hi\" -- now..."]
    );
    z.file(
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"Z\"\n[markdown]\nsmart_punctuation = true\n",
    );
    z.build().assert_ok();
    assert_eq!(
        texts(&z.html("index.html"), ".hb-content p"),
        ["Say \u{201c}hi\u{201d} \u{2013} now\u{2026}"]
    );
    let h = Fixture::empty();
    h.file("hugo.toml", "title = 'H'\n");
    h.file("content/_index.md", "---\ntitle: Home\n---\nSay \"hi\".\n");
    h.build().assert_ok();
    assert_eq!(
        texts(&h.html("index.html"), ".hb-content p"),
        ["Say \u{201c}hi\u{201d}."]
    );
    h.file(
        "hugo.toml",
        "title = 'H'\n[markup.goldmark.extensions.typographer]\ndisable = true\n",
    );
    h.build().assert_ok();
    assert_eq!(
        texts(&h.html("index.html"), ".hb-content p"),
        ["Say \"hi\"."]
    );
}

/// Hugo's default order: weight (none, or 0, last), then the newest date first, then
/// `linkTitle` (else title), then file; the pager follows it too.
#[test]
fn hugo_sections_are_ordered_as_hugo_orders_them() {
    let f = Fixture::empty();
    f.file("hugo.toml", "title = 'Order'\n");
    f.file("content/_index.md", "---\ntitle: Home\n---\nHome.\n");
    f.file("content/blog/_index.md", "---\ntitle: Blog\n---\nNews.\n");
    for (file, title, date) in [
        ("a", "Apples released", "2024-01-01"),
        ("m", "Mangos released", "2024-09-01T10:00:00Z"),
        ("z", "Zebras released", "2025-06-01"),
    ] {
        f.file(
            &format!("content/blog/{file}.md"),
            &format!("---\ntitle: {title}\ndate: {date}\n---\nText.\n"),
        );
    }
    f.file(
        "content/blog/undated.md",
        "---\ntitle: Aardvarks\n---\nText.\n",
    );
    f.file("content/docs/_index.md", "---\ntitle: Docs\n---\nDocs.\n");
    for (file, front) in [
        ("caches", "title: Configure caches\nlinkTitle: Caches"),
        ("build", "title: Configure build\nlinkTitle: Build"),
        ("zulu", "title: Configure alpha\nlinkTitle: Zulu"),
        ("w1", "title: Weighted one\nweight: 1"),
        ("w0", "title: Aaa zero weight\nweight: 0"),
    ] {
        f.file(
            &format!("content/docs/{file}.md"),
            &format!("---\n{front}\n---\nText.\n"),
        );
    }
    f.build().assert_ok();
    let blog = f.html("blog/index.html");
    assert_eq!(
        texts(&blog, "#hb-sidebar a"),
        [
            "Home",
            "Blog",
            "Zebras released",
            "Mangos released",
            "Apples released",
            "Aardvarks",
            "Docs"
        ]
    );
    let docs = texts(&f.html("docs/index.html"), "#hb-sidebar a");
    assert_eq!(
        docs[docs.len() - 5..],
        ["Weighted one", "Aaa zero weight", "Build", "Caches", "Zulu"]
    );
    // The pager reads the same order.
    assert_eq!(
        texts(&f.html("docs/w1/index.html"), ".hb-next"),
        ["Next Aaa zero weight"]
    );
}

/// Hugo compares dates as instants (time zones read), and a section without a date of its
/// own takes its newest page's.
#[test]
fn hugo_dates_are_instants_and_sections_take_their_newest_pages_date() {
    let f = Fixture::empty();
    f.file("hugo.toml", "title = 'Dates'\n");
    f.file("content/_index.md", "---\ntitle: Home\n---\nHome.\n");
    f.file("content/blog/_index.md", "---\ntitle: Blog\n---\nNews.\n");
    for (file, title, date) in [
        ("a", "Eight UTC", "2024-01-01T10:00:00+02:00"),
        ("b", "Nine UTC", "2024-01-01T09:00:00Z"),
        ("c", "Second of January", "2024-01-02"),
        ("d", "Four UTC on the second", "2024-01-01T23:00:00-05:00"),
        ("old", "Old post", "2020-05-01"),
    ] {
        f.file(
            &format!("content/blog/{file}.md"),
            &format!("---\ntitle: {title}\ndate: {date}\n---\nText.\n"),
        );
    }
    f.file(
        "content/blog/new/_index.md",
        "---\ntitle: Newer section\n---\nNew.\n",
    );
    f.file(
        "content/blog/new/p.md",
        "---\ntitle: Inside\ndate: 2025-03-01\n---\nText.\n",
    );
    f.build().assert_ok();
    let blog = texts(&f.html("blog/index.html"), ".hb-children a");
    assert_eq!(
        blog,
        [
            "Newer section",
            "Four UTC on the second",
            "Second of January",
            "Nine UTC",
            "Eight UTC",
            "Old post"
        ]
    );
}
