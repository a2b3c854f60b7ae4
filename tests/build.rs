//! `handbook build` on fixture handbooks: the pages, navigation, links and extra outputs.

mod common;

use common::{attrs, link_problems, reachable, sel, snapshot, texts, Fixture};

/// A small handbook with a section, ordering by weight, cross-links and an FAQ.
fn sample() -> Fixture {
    let f = Fixture::new();
    f.file("content/_index.md", "---\ntitle: Welcome\ndescription: Start here.\n---\nRead the [skills](skills/_index.md).\n");
    f.file(
        "content/skills/_index.md",
        "---\ntitle: Skills\ndescription: What it takes.\nweight: 20\n---\nThe skills.\n",
    );
    f.file(
        "content/skills/empathy.md",
        "---\ntitle: Empathy\ndescription: Seeing others.\nweight: 20\nowner: \"@people\"\nlast_reviewed: 2026-09-30\ntags: [people, Soft Skills]\naudience: [engineering-manager]\n---\n\
         ## Listening\n\nListen first. See [communication](communication.md#plain-words).\n\n### Details\n\nMore.\n\n## Listening\n\nTwice.\n",
    );
    f.file(
        "content/skills/communication.md",
        "---\ntitle: Communication\ndescription: Saying it clearly.\nweight: 10\n---\n## Plain words {#plain-words}\n\nBack to [empathy](./empathy.md#listening) and [home](../_index.md).\n",
    );
    f.file(
        "content/career.md",
        "---\ntitle: Career path\nweight: 30\n---\nSee [empathy](skills/empathy.md).\n",
    );
    f.file(
        "content/about.md",
        "---\ntitle: About\nweight: 10\n---\nAbout us.\n",
    );
    f
}

#[test]
fn pages_are_written_at_pretty_urls() {
    let f = sample();
    let run = f.build();
    run.assert_ok();
    assert!(run.stdout.contains("Built 6 pages"), "{}", run.stdout);
    assert!(
        run.stdout.contains("index.html"),
        "the path to open is printed: {}",
        run.stdout
    );
    for file in [
        "index.html",
        "skills/index.html",
        "skills/empathy/index.html",
        "career/index.html",
        "404.html",
        "print/index.html",
    ] {
        assert!(f.public().join(file).is_file(), "{file} missing");
    }
}

#[test]
fn quiet_prints_nothing_but_errors() {
    let f = sample();
    // A warning (an unknown layout) that a normal build prints.
    f.file(
        "content/post.md",
        "---\ntitle: Post\nlayout: post\n---\nText.\n",
    );
    let loud = f.build();
    loud.assert_ok();
    assert!(loud.stderr.contains("layout"), "{}", loud.stderr);
    assert_eq!(
        loud.stdout
            .lines()
            .filter(|l| l.starts_with("Built "))
            .count(),
        1
    );
    let quiet = f.run(&["build", "--quiet"]);
    quiet.assert_ok();
    assert_eq!((quiet.stdout.as_str(), quiet.stderr.as_str()), ("", ""));
    f.file("content/broken.md", "---\ntitle: [oops\n---\n");
    let failed = f.run(&["build", "-q"]);
    assert_eq!(failed.code, 1);
    assert!(
        failed.stderr.contains("content/broken.md:2:8: error"),
        "{}",
        failed.stderr
    );
    assert!(
        !failed.stderr.contains("layout"),
        "warnings shown: {}",
        failed.stderr
    );
}

#[test]
fn sidebar_orders_by_weight_and_marks_the_current_page() {
    let f = sample();
    f.build().assert_ok();
    let doc = f.html("skills/empathy/index.html");
    let top: Vec<String> = doc
        .select(&sel("#hb-sidebar > ul > li > a"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(top, ["Home", "About", "Skills", "Career path"]);
    assert_eq!(
        texts(&doc, "#hb-sidebar li li > a"),
        ["Communication", "Empathy"]
    );
    // Pages of one section share their sidebar but for their own mark.
    for (page, title) in [
        ("skills/empathy/index.html", "Empathy"),
        ("skills/communication/index.html", "Communication"),
    ] {
        let doc = f.html(page);
        assert_eq!(texts(&doc, "#hb-sidebar a[aria-current=page]"), [title]);
        assert_eq!(texts(&doc, "#hb-sidebar li.hb-open > a"), ["Skills", title]);
    }
    // A section's own page opens it, marked; the home page marks Home.
    let skills = f.html("skills/index.html");
    assert_eq!(
        texts(&skills, "#hb-sidebar a[aria-current=page]"),
        ["Skills"]
    );
    assert_eq!(texts(&skills, "#hb-sidebar li.hb-open > a"), ["Skills"]);
    assert_eq!(
        texts(&skills, "#hb-sidebar li li > a"),
        ["Communication", "Empathy"]
    );
    let home = f.html("index.html");
    assert_eq!(texts(&home, "#hb-sidebar a[aria-current=page]"), ["Home"]);
    assert!(texts(&home, "#hb-sidebar li.hb-open > a").is_empty());
    // A section with pages in it is marked, closed or open (the theme draws a chevron).
    assert_eq!(texts(&home, "#hb-sidebar li.hb-nav-parent > a"), ["Skills"]);
    assert_eq!(
        texts(&skills, "#hb-sidebar li.hb-nav-parent.hb-open > a"),
        ["Skills"]
    );
    // A page outside the section sees the section closed.
    let about = f.html("about/index.html");
    assert!(texts(&about, "#hb-sidebar li li > a").is_empty());
    assert_eq!(texts(&about, "#hb-sidebar a[aria-current=page]"), ["About"]);
    // A section with no pages yet has nothing to open: no chevron.
    f.file(
        "content/empty/_index.md",
        "---\ntitle: Empty\nweight: 99\n---\nSoon.\n",
    );
    f.build().assert_ok();
    let home = f.html("index.html");
    assert_eq!(texts(&home, "#hb-sidebar li.hb-nav-parent > a"), ["Skills"]);
    assert_eq!(
        texts(&home, "#hb-sidebar li.hb-nav-section > a"),
        ["Skills", "Empty"]
    );
}

/// A page whose sections are h3s, with no h2 before them, lists them side by side in "On this
/// page"; an h3 after an h2 goes under it.
#[test]
fn h3s_without_an_h2_above_them_are_siblings_in_the_contents() {
    let f = Fixture::new();
    f.page(
        "cmd.md",
        "Command",
        "### Options\n\nO.\n\n### Examples\n\nE.\n\n## Global\n\n### Flags\n\nF.\n",
    );
    f.build().assert_ok();
    let doc = f.html("cmd/index.html");
    assert_eq!(
        texts(&doc, ".hb-toc > ol > li > a"),
        ["Options", "Examples", "Global"]
    );
    assert_eq!(texts(&doc, ".hb-toc > ol > li > ol > li > a"), ["Flags"]);
}

#[test]
fn page_has_breadcrumbs_toc_meta_and_pager() {
    let f = sample();
    f.build().assert_ok();
    let doc = f.html("skills/empathy/index.html");
    assert_eq!(texts(&doc, ".hb-breadcrumbs a"), ["Welcome", "Skills"]);
    assert_eq!(texts(&doc, "h1"), ["Empathy"]);
    assert_eq!(
        texts(&doc, ".hb-toc > ol > li > a"),
        ["Listening", "Listening"]
    );
    assert_eq!(
        attrs(&doc, ".hb-toc a", "href"),
        ["#listening", "#details", "#listening-1"]
    );
    let meta = texts(&doc, ".hb-meta dd");
    assert_eq!(meta[0], "@people");
    assert_eq!(meta[1], "2026-09-30");
    assert_eq!(
        attrs(&doc, ".hb-meta a", "href")[2],
        "../../tags/soft-skills/index.html"
    );
    assert_eq!(
        attrs(&doc, "a[rel=prev]", "href"),
        ["../../skills/communication/index.html"]
    );
    assert_eq!(
        attrs(&doc, "a[rel=next]", "href"),
        ["../../career/index.html"]
    );
    assert_eq!(
        attrs(&doc, "meta[name=description]", "content"),
        ["Seeing others."]
    );
    // What a chat tool shows of a link to the page (Open Graph); its address only with a
    // base_url.
    let og = |doc: &scraper::Html, property: &str| {
        attrs(doc, &format!("meta[property=\"og:{property}\"]"), "content")
    };
    assert_eq!(og(&doc, "title"), ["Empathy"]);
    assert_eq!(og(&doc, "description"), ["Seeing others."]);
    assert_eq!(og(&doc, "site_name"), ["Test Handbook"]);
    assert_eq!(og(&doc, "type"), ["article"]);
    assert!(og(&doc, "url").is_empty());
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\ndescription = \"All of it.\"\n[build]\nbase_url = \"https://example.com/hb/\"\n",
    );
    f.file(
        "content/career.md",
        "---\ntitle: Career path\nweight: 30\n---\nText.\n",
    );
    f.build().assert_ok();
    let doc = f.html("skills/empathy/index.html");
    assert_eq!(og(&doc, "url"), ["https://example.com/hb/skills/empathy/"]);
    // A page without a description is described as the handbook is.
    assert_eq!(
        og(&f.html("career/index.html"), "description"),
        ["All of it."]
    );
    assert_eq!(og(&f.html("index.html"), "type"), ["website"]);
}

#[test]
fn headings_get_unique_ids_and_permalinks() {
    let f = sample();
    f.build().assert_ok();
    let doc = f.html("skills/empathy/index.html");
    assert_eq!(
        attrs(&doc, ".hb-content h2", "id"),
        ["listening", "listening-1"]
    );
    assert_eq!(
        attrs(&doc, ".hb-content h2 > a.hb-anchor", "href"),
        ["#listening", "#listening-1"]
    );
    let comm = f.html("skills/communication/index.html");
    assert_eq!(attrs(&comm, ".hb-content h2", "id"), ["plain-words"]);
}

#[test]
fn markdown_links_become_relative_page_urls() {
    let f = sample();
    f.build().assert_ok();
    let doc = f.html("skills/communication/index.html");
    assert_eq!(
        attrs(&doc, ".hb-content a:not(.hb-anchor)", "href"),
        [
            "../../skills/empathy/index.html#listening",
            "../../index.html"
        ]
    );
    let home = f.html("index.html");
    assert_eq!(attrs(&home, ".hb-content a", "href"), ["skills/index.html"]);
}

#[test]
fn every_link_resolves_and_every_page_is_reachable() {
    let f = sample();
    f.build().assert_ok();
    assert_eq!(link_problems(&f.public()), Vec::<String>::new());
    let reached = reachable(&f.public());
    for page in [
        "skills/empathy/index.html",
        "skills/communication/index.html",
        "about/index.html",
        "career/index.html",
    ] {
        assert!(reached.contains(page), "{page} not reachable");
    }
}

#[test]
fn section_and_home_list_their_children_with_descriptions() {
    let f = sample();
    f.build().assert_ok();
    let section = f.html("skills/index.html");
    assert_eq!(
        texts(&section, ".hb-children a"),
        ["Communication", "Empathy"]
    );
    assert_eq!(
        texts(&section, ".hb-children p"),
        ["Saying it clearly.", "Seeing others."]
    );
    let home = f.html("index.html");
    assert_eq!(
        texts(&home, ".hb-children > li > a"),
        ["About", "Skills", "Career path"]
    );
}

#[test]
fn tag_and_audience_pages_list_their_pages() {
    let f = sample();
    f.build().assert_ok();
    let tag = f.html("tags/soft-skills/index.html");
    assert_eq!(texts(&tag, ".hb-children a"), ["Empathy"]);
    assert_eq!(
        attrs(&tag, ".hb-children a", "href"),
        ["../../skills/empathy/index.html"]
    );
    let tags = f.html("tags/index.html");
    assert_eq!(texts(&tags, ".hb-term-list a"), ["people", "Soft Skills"]);
    let audience = f.html("audience/engineering-manager/index.html");
    assert_eq!(texts(&audience, ".hb-children a"), ["Empathy"]);
    // Every page's sidebar leads to both indexes, from wherever the page stands.
    for (path, back) in [("index.html", ""), ("skills/empathy/index.html", "../../")] {
        let page = f.html(path);
        assert_eq!(texts(&page, ".hb-nav-browse a"), ["Audiences", "Tags"]);
        assert_eq!(
            attrs(&page, ".hb-nav-browse a", "href"),
            [
                format!("{back}audience/index.html"),
                format!("{back}tags/index.html")
            ]
        );
    }
    // A handbook with no tags has no tag index to lead to.
    let g = Fixture::new();
    g.page("a.md", "A", "Text.\n");
    g.file(
        "content/b.md",
        "---\ntitle: B\naudience: [Staff Engineer]\n---\nText.\n",
    );
    g.build().assert_ok();
    assert!(!g.root().join("public/tags").exists());
    assert_eq!(
        texts(&g.html("a/index.html"), ".hb-nav-browse a"),
        ["Audiences"]
    );
    let h = Fixture::new();
    h.page("a.md", "A", "Text.\n");
    h.build().assert_ok();
    assert!(h
        .html("a/index.html")
        .select(&sel(".hb-nav-browse a"))
        .next()
        .is_none());
}

#[test]
fn tags_of_like_letters_but_other_signs_are_pages_apart_and_list_a_page_once() {
    let f = Fixture::new();
    f.page("c1.md", "Embedded", "Text.\n");
    f.page("c2.md", "Games", "Text.\n");
    f.page("c3.md", "Backend", "Text.\n");
    for (page, tags) in [("c1", "[C]"), ("c2", "[\"C++\"]"), ("c3", "[\"C#\", C, c]")] {
        let title = page.replace('c', "Page ");
        f.file(
            &format!("content/{page}.md"),
            &format!("---\ntitle: {title}\ntags: {tags}\naudience: [Staff Engineer, director, Director]\n---\nText.\n"),
        );
    }
    f.build().assert_ok();
    let tags = f.html("tags/index.html");
    assert_eq!(texts(&tags, ".hb-term-list a"), ["C", "C++", "C#"]);
    let page_list = |path: &str| texts(&f.html(path), ".hb-children a");
    // `C` and `c` on one page are one tag, which lists the page once.
    assert_eq!(page_list("tags/c/index.html"), ["Page 1", "Page 3"]);
    assert_eq!(page_list("tags/c-sharp/index.html"), ["Page 3"]);
    assert_eq!(page_list("tags/c-plus-plus/index.html"), ["Page 2"]);
    let page = f.html("c3/index.html");
    let hrefs = attrs(&page, "a[href*='tags/']", "href");
    assert!(
        hrefs.iter().any(|h| h.ends_with("tags/c-sharp/index.html")),
        "{hrefs:?}"
    );
    // Search filters by the same audiences, letter case aside, sorted as a reader reads.
    let manifest = std::fs::read_to_string(f.public().join("search/manifest.js")).unwrap();
    assert!(
        manifest.contains("\"audiences\":[\"director\",\"Staff Engineer\"]"),
        "{manifest}"
    );
}

#[test]
fn print_view_holds_every_page_in_order_with_internal_links() {
    let f = sample();
    f.build().assert_ok();
    let doc = f.html("print/index.html");
    assert_eq!(
        texts(&doc, ".hb-print-page > h1"),
        [
            "Welcome",
            "About",
            "Skills",
            "Communication",
            "Empathy",
            "Career path"
        ]
    );
    let ids: Vec<String> = attrs(&doc, "[id]", "id");
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "duplicate ids in the print view");
    for href in attrs(&doc, ".hb-content a", "href") {
        let id = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{href} leaves the print page"));
        assert!(ids.iter().any(|i| i == id), "{href} has no target");
    }
}

#[test]
fn faq_layout_adds_faq_page_json_ld() {
    let f = Fixture::new();
    f.file(
        "content/faq.md",
        "---\ntitle: FAQ\nlayout: faq\n---\n## What is an EM?\n\nA *manager* of engineers.\n\n## How many reports?\n\nSix to ten.\n",
    );
    f.build().assert_ok();
    let doc = f.html("faq/index.html");
    let json = doc
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .expect("JSON-LD")
        .inner_html();
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["@type"], "FAQPage");
    let questions = data["mainEntity"].as_array().unwrap();
    assert_eq!(questions.len(), 2);
    assert_eq!(questions[0]["name"], "What is an EM?");
    assert_eq!(
        questions[0]["acceptedAnswer"]["text"],
        "A manager of engineers."
    );
    assert_eq!(questions[1]["acceptedAnswer"]["text"], "Six to ten.");
    // Text that reads as markup inside a script element stays inside the JSON: `<!--` then
    // `<script>` would make the parser take the element's end as text, and blank the page.
    f.file(
        "content/faq.md",
        "---\ntitle: FAQ\nlayout: faq\n---\n## Why does `</script>` break?\n\n\
         An unclosed `<!--` before the `<script>` tag hides it & more.\n\n## Still here?\n\nYes.\n",
    );
    f.build().assert_ok();
    let raw = std::fs::read_to_string(f.public().join("faq/index.html")).unwrap();
    let script = raw.split("application/ld+json\">").nth(1).unwrap();
    let script = script.split("</script>").next().unwrap();
    assert!(!script.contains('<') && !script.contains('>'), "{script}");
    let data: serde_json::Value = serde_json::from_str(script).unwrap();
    assert_eq!(data["mainEntity"][0]["name"], "Why does </script> break?");
    assert_eq!(
        data["mainEntity"][0]["acceptedAnswer"]["text"],
        "An unclosed <!-- before the <script> tag hides it & more."
    );
    let doc = f.html("faq/index.html");
    assert_eq!(texts(&doc, "h1"), ["FAQ"]);
    assert_eq!(doc.select(&sel("main h2")).count(), 2);
    // An FAQ of no question: no structured data, and a warning at its layout.
    f.file(
        "content/faq.md",
        "---\ntitle: FAQ\nlayout: faq\n---\nAsk us anything.\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "content/faq.md:3:1: warning: `layout: faq`, but the page has no `##` question"
        ),
        "{}",
        run.stderr
    );
    assert!(f
        .html("faq/index.html")
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .is_none());
    // Other pages carry none.
    f.page("other.md", "Other", "## Q?\n\nA.\n");
    f.build().assert_ok();
    assert!(f
        .html("other/index.html")
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .is_none());
}

#[test]
fn aliases_write_redirect_pages() {
    let f = Fixture::new();
    f.file(
        "content/new.md",
        "---\ntitle: New\naliases: [/old/path/, legacy.html]\n---\nHi.\n",
    );
    f.build().assert_ok();
    let doc = f.html("old/path/index.html");
    let refresh = attrs(&doc, "meta[http-equiv=refresh]", "content");
    assert_eq!(refresh, ["0; url=../../new/index.html"]);
    let legacy = f.html("legacy.html");
    assert_eq!(attrs(&legacy, "a", "href"), ["new/index.html"]);
}

#[test]
fn a_404_md_is_the_not_found_page_and_nothing_else() {
    let f = sample();
    f.file(
        "content/404.md",
        "---\ntitle: Lost your way?\ndescription: Not here.\ntags: [people]\n---\n\
         The xylophones are [in skills](skills/_index.md#top), or see [empathy](skills/empathy.md#listening).\n\n\
         ![map](map.png)\n",
    );
    f.bytes("content/map.png", b"\x89PNG");
    f.file(
        "content/about.md",
        "---\ntitle: About\nweight: 10\n---\nAbout the marimbas.\n",
    );
    let run = f.run(&[
        "build",
        "--base-url",
        "https://intranet.example.com/eng/hb/",
    ]);
    run.assert_ok();
    // Not counted among the pages readers reach: the sample's six (About among them).
    assert!(run.stdout.contains("Built 6 pages"), "{}", run.stdout);
    // Written once, as the not-found page, in the site's layout, its links from the site's
    // path (a server sends it for any address, from any folder).
    let doc = f.html("404.html");
    assert_eq!(texts(&doc, "title"), ["Lost your way? · Test Handbook"]);
    assert_eq!(texts(&doc, "main h1"), ["Lost your way?"]);
    assert_eq!(
        attrs(&doc, "main .hb-content a", "href"),
        [
            "/eng/hb/skills/index.html#top",
            "/eng/hb/skills/empathy/index.html#listening"
        ]
    );
    assert_eq!(attrs(&doc, "main img", "src"), ["/eng/hb/map.png"]);
    assert!(attrs(&doc, "link[rel=stylesheet]", "href")[0].starts_with("/eng/hb/assets/"));
    assert!(attrs(&doc, "link[rel=canonical]", "href").is_empty());
    assert!(texts(&doc, "main").concat().contains("The xylophones are"));
    assert!(!f.public().join("404/index.html").exists());
    // In no list: the sidebar, the home page's, a tag's, the print view, the sitemap, search.
    let home = f.html("index.html");
    assert!(!texts(&home, "nav, main").concat().contains("Lost your way"));
    assert!(!texts(&f.html("tags/people/index.html"), "main")
        .concat()
        .contains("Lost"));
    assert!(!texts(&f.html("print/index.html"), "main")
        .concat()
        .contains("xylophones"));
    let sitemap = std::fs::read_to_string(f.public().join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("404"), "{sitemap}");
    let site = snapshot(&f.public());
    let in_search = |word: &str| {
        site.iter()
            .filter(|(path, _)| path.starts_with("search/"))
            .any(|(_, bytes)| String::from_utf8_lossy(bytes).contains(word))
    };
    assert!(in_search("marimba"), "the control word is indexed");
    assert!(!in_search("xylophon"));
    // A link to it leads nowhere in particular: an error that says so.
    f.file(
        "content/career.md",
        "---\ntitle: Career path\n---\nSee [lost](404.md).\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/career.md:4:5: error: broken link: `404.md` points to the not-found page"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn base_url_adds_sitemap_and_canonical_links_but_keeps_hrefs_relative() {
    let f = sample();
    f.run(&[
        "build",
        "--base-url",
        "https://intranet.example.com/handbook",
    ])
    .assert_ok();
    let doc = f.html("skills/empathy/index.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        ["https://intranet.example.com/handbook/skills/empathy/"]
    );
    assert_eq!(link_problems(&f.public()), Vec::<String>::new());
    let sitemap = std::fs::read_to_string(f.public().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://intranet.example.com/handbook/skills/empathy/</loc><lastmod>2026-09-30</lastmod>"));
    // The 404 page is served from any folder, so it links from the sub-path.
    let not_found = f.html("404.html");
    assert!(attrs(&not_found, "link[rel=stylesheet]", "href")[0].starts_with("/handbook/assets/"));
    // Without a base URL there is no sitemap.
    f.build().assert_ok();
    assert!(!f.public().join("sitemap.xml").exists());
    // A path alone places the not-found page, but makes no address for a sitemap or a
    // canonical link, which must be whole.
    f.run(&["build", "--base-url", "/eng/handbook/"])
        .assert_ok();
    assert!(!f.public().join("sitemap.xml").exists());
    assert!(attrs(
        &f.html("skills/empathy/index.html"),
        "link[rel=canonical]",
        "href"
    )
    .is_empty());
    assert!(
        attrs(&f.html("404.html"), "link[rel=stylesheet]", "href")[0]
            .starts_with("/eng/handbook/assets/")
    );
    // Anything else is a mistake: said, and nothing built.
    std::fs::remove_dir_all(f.public()).unwrap();
    for (url, said) in [
        (
            "eng/handbook/",
            "write `/eng/handbook/` or `https://host/eng/handbook/`",
        ),
        (
            "intranet.example.com/eng/",
            "has no scheme: write `https://intranet.example.com/eng/`",
        ),
        (
            "//intranet.example.com/eng/",
            "has no scheme: write `https://intranet.example.com/eng/`",
        ),
        (
            "ftp://files/eng/",
            "is not an http:// or https:// address with a host",
        ),
    ] {
        let run = f.run(&["build", "--base-url", url]);
        assert_eq!(run.code, 2, "{url}: {}", run.stderr);
        assert!(run.stderr.contains(said), "{url}: {}", run.stderr);
        assert!(!f.public().exists());
    }
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[build]\nbase_url = \"intranet.example.com/handbook/\"\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "book.toml:5:12: error: `base_url`: `intranet.example.com/handbook/` has no scheme"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn every_page_names_its_icon_and_a_handbook_may_bring_its_own() {
    let f = sample();
    f.build().assert_ok();
    for page in [
        "index.html",
        "skills/empathy/index.html",
        "print/index.html",
        "404.html",
        "tags/index.html",
    ] {
        let icons = attrs(&f.html(page), "link[rel=icon]", "href");
        assert_eq!(icons.len(), 1, "{page}");
        let file = icons[0].trim_start_matches("../").trim_start_matches('/');
        let file = file.split('?').next().unwrap();
        assert_eq!(file, "assets/handbook-icon.svg", "{page}");
    }
    let theirs = std::fs::read_to_string(f.public().join("assets/handbook-icon.svg")).unwrap();
    assert!(theirs.starts_with("<svg"));
    f.file(
        "static/assets/handbook-icon.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>ours</title></svg>",
    );
    f.build().assert_ok();
    let ours = std::fs::read_to_string(f.public().join("assets/handbook-icon.svg")).unwrap();
    assert!(ours.contains("ours"), "{ours}");
    // A favicon at the site's top, as Hugo and Zola sites keep one, is the one named.
    f.bytes("static/favicon.ico", b"\x00\x00\x01\x00");
    f.build().assert_ok();
    let icons = attrs(
        &f.html("skills/empathy/index.html"),
        "link[rel=icon]",
        "href",
    );
    assert!(icons[0].starts_with("../../favicon.ico?v="), "{icons:?}");
    assert!(f.public().join("favicon.ico").is_file());
}

#[test]
fn sitemap_addresses_are_percent_encoded() {
    let f = Fixture::new();
    f.page("team-docs/naïve page.md", "Naïve", "Text.\n");
    f.run(&["build", "--base-url", "https://intranet.example.com/eng/"])
        .assert_ok();
    let sitemap = std::fs::read_to_string(f.public().join("sitemap.xml")).unwrap();
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|l| l.split("</loc>").next().unwrap())
        .collect();
    assert!(
        locs.iter().all(|l| l.is_ascii() && !l.contains(' ')),
        "{locs:?}"
    );
    let page = locs.iter().find(|l| l.contains("team-docs/")).unwrap();
    let doc = f.html(&format!(
        "{}index.html",
        page.trim_start_matches("https://intranet.example.com/eng/")
            .replace("%C3%AF", "ï")
            .replace("%20", " ")
    ));
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        [page.to_string()]
    );
}

#[test]
fn drafts_build_only_with_the_flag() {
    let f = sample();
    f.file(
        "content/wip.md",
        "---\ntitle: WIP\ndraft: true\n---\nSoon.\n",
    );
    f.build().assert_ok();
    assert!(!f.public().join("wip/index.html").exists());
    f.run(&["build", "--drafts"]).assert_ok();
    assert!(f.public().join("wip/index.html").exists());
}

#[test]
fn output_is_deterministic() {
    let f = sample();
    f.build().assert_ok();
    let first = f.snapshot();
    f.build().assert_ok();
    assert_eq!(first, f.snapshot());
}

#[test]
fn removed_pages_do_not_linger() {
    let f = sample();
    f.build().assert_ok();
    assert!(f.public().join("about/index.html").exists());
    std::fs::remove_file(f.root().join("content/about.md")).unwrap();
    f.build().assert_ok();
    assert!(!f.public().join("about/index.html").exists());
    f.wait_for_trash_removal();
}

#[test]
fn a_rebuild_leaves_the_previous_site_to_a_background_removal() {
    let f = sample();
    f.build().assert_ok();
    let first = f.snapshot();
    f.page("new.md", "New", "A new page.\n");
    // Trash an earlier removal did not finish (killed, or the machine went down).
    f.file(".public.trash-1-2/old/index.html", "old");
    f.build().assert_ok();
    let second = f.snapshot();
    assert!(second.contains_key("new/index.html"));
    assert_ne!(first, second);
    // Right after the build: the new site in place, the old one at most in a trash folder
    // (being deleted: its files are not read here).
    for name in f.beside_public() {
        assert!(name.starts_with(".public.trash-"), "{name}");
    }
    f.wait_for_trash_removal();
    assert_eq!(f.snapshot(), second);
    // The removal only ever takes trash folders.
    let run = f.run(&["__remove-trash", f.public().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(f.snapshot(), second);
}

#[test]
fn markdown_extensions_render() {
    let f = Fixture::new();
    f.page(
        "ext.md",
        "Extensions",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ \"quoted\"\n\n- [x] done\n- [ ] todo\n\nNote[^1].\n\n[^1]: The footnote.\n\n> [!WARNING]\n> Careful.\n",
    );
    f.build().assert_ok();
    let doc = f.html("ext/index.html");
    assert_eq!(texts(&doc, ".hb-content td"), ["1", "2"]);
    assert_eq!(texts(&doc, ".hb-content del"), ["gone"]);
    assert!(
        texts(&doc, ".hb-content p")[0].contains('\u{201c}'),
        "smart quotes"
    );
    assert_eq!(
        attrs(&doc, ".hb-content input[type=checkbox]", "type").len(),
        2
    );
    assert_eq!(
        texts(&doc, ".hb-callout-warning .hb-callout-title"),
        ["Warning"]
    );
    let footnote_href = attrs(&doc, ".hb-footnote-ref a", "href");
    assert_eq!(footnote_href, ["#fn-1"]);
    assert_eq!(attrs(&doc, ".hb-footnote", "id"), ["fn-1"]);
}

/// `:::` containers, as Docusaurus, VitePress and Pandoc write callouts, show as callouts in a
/// handbook's own pages; VitePress' code group as tabs; code keeps its lines; an unknown kind and
/// one never closed are warnings at their lines and show as written.
#[test]
fn colon_containers_show_as_callouts() {
    let f = Fixture::new();
    f.page(
        "boxes.md",
        "Boxes",
        "Intro.\n\n:::tip\nUse **this**.\n:::\n\n::: warning Read *this* first\nCareful.\n:::\n\n\
         :::note[Titled]\nText.\n:::\n\n::: {.callout-important title=\"Quarto way\"}\nQ.\n:::\n\n\
         ::: details Open me\nHidden.\n:::\n\n::::danger\nOuter.\n\n:::info\nInner.\n:::\n::::\n\n\
         - Item\n\n  :::tip\n  In the list.\n  :::\n\n> :::caution\n> Quoted.\n> :::\n\n\
         ```\n:::tip\nin code\n:::\n```\n\n\
         ::: code-group\n```js [config.js]\nexport default {}\n```\n\n```ts [config.ts]\nlet x = 1\n```\n:::\n\n\
         ::: warnign\ntypo\n:::\n\n:::tip\nnever closed\n",
    );
    let run = f.build();
    run.assert_ok();
    let doc = f.html("boxes/index.html");
    assert_eq!(
        texts(&doc, ".hb-content > div.hb-callout > .hb-callout-title"),
        ["Tip", "Read this first", "Titled", "Quarto way", "Danger"]
    );
    assert_eq!(
        texts(&doc, ".hb-callout-tip > p:not(.hb-callout-title) strong"),
        ["this"]
    );
    assert_eq!(
        texts(&doc, ".hb-callout-warning .hb-callout-title em"),
        ["this"]
    );
    assert_eq!(texts(&doc, "details.hb-callout > summary"), ["Open me"]);
    assert_eq!(texts(&doc, "details.hb-callout > p"), ["Hidden."]);
    assert_eq!(
        texts(
            &doc,
            ".hb-callout-caution .hb-callout-note > p:not(.hb-callout-title)"
        ),
        ["Inner."]
    );
    assert_eq!(
        texts(&doc, "li .hb-callout-tip > p:not(.hb-callout-title)"),
        ["In the list."]
    );
    assert_eq!(
        texts(
            &doc,
            "blockquote .hb-callout-warning > p:not(.hb-callout-title)"
        ),
        ["Quoted."]
    );
    assert_eq!(
        texts(&doc, ".hb-content > pre code"),
        [":::tip\nin code\n:::"]
    );
    assert_eq!(
        texts(&doc, ".hb-tabs .hb-tab-title"),
        ["config.js", "config.ts"]
    );
    assert_eq!(
        attrs(&doc, ".hb-tabs .hb-tab pre code", "class"),
        ["language-js", "language-ts"]
    );
    let shown = texts(&doc, ".hb-content > p").join("\n");
    assert!(shown.contains("::: warnign"), "{shown}");
    assert!(shown.contains(":::tip\nnever closed"), "{shown}");
    assert!(!shown.contains(":::tip\nUse"), "{shown}");
    assert!(
        run.stderr
            .contains("content/boxes.md:60:1: warning: `::: warnign` is no kind of callout")
            && run.stderr.contains("did you mean `::: warning`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/boxes.md:64:1: warning: the `:::tip` container is never closed"),
        "{}",
        run.stderr
    );
}

/// A `:::` line closes only a container opened in the same quote and list item (one that would
/// close outside it is never closed, and says so); a longer closing line closes too; `:::` in
/// raw HTML stays as written; many containers misplaced as code leave the others callouts.
#[test]
fn colon_containers_close_where_they_opened() {
    let f = Fixture::new();
    let misplaced = "para\n\n    :::note\n    x\n    :::\n\n".repeat(40);
    f.page(
        "edges.md",
        "Edges",
        &format!(
            "- item\n\n  :::tip\n  text\n\n:::\n\nafter\n\n<pre>\n:::warning\nin pre\n:::\n</pre>\n\n\
             :::info\nlonger close\n::::\n\n:::tip\nGood.\n:::\n\n{misplaced}"
        ),
    );
    let run = f.build();
    run.assert_ok();
    let doc = f.html("edges/index.html");
    assert_eq!(
        texts(&doc, ".hb-content > div.hb-callout > .hb-callout-title"),
        ["Info", "Tip"]
    );
    assert_eq!(
        texts(&doc, ".hb-callout-tip > p:not(.hb-callout-title)"),
        ["Good."]
    );
    assert!(texts(&doc, "li .hb-callout").is_empty());
    // What follows stays in the page's text.
    assert!(texts(&doc, ".hb-content > p").contains(&"after".to_string()));
    assert!(texts(&doc, "pre").iter().any(|t| t.contains(":::warning")));
    assert!(
        run.stderr
            .contains("content/edges.md:6:3: warning: the `:::tip` container is never closed"),
        "{}",
        run.stderr
    );
}

/// kramdown's attribute lines, as a page moved from Jekyll has them: `{:toc}` after a one-item
/// list is the page's contents, `{: .no_toc}` keeps a heading out of them, `{: #id}` after a
/// heading is its id, a list after (or before) a block gives it its attributes (a callout's
/// class makes a callout), `{:target="_blank"}` after a link is the link's; none shows as text.
#[test]
fn kramdown_attribute_lines_are_read_as_jekyll_reads_them() {
    let f = Fixture::new();
    f.page(
        "moved.md",
        "Moved",
        "## Table of contents\n{: .no_toc .text-delta }\n\n1. TOC\n{:toc}\n\n\
         ## First section\n{: #first }\n\nA paragraph with a note.\n{: .note }\n\n\
         {: .warning }\nCareful here.\n\n\
         {: #para .big data-x=\"1\" onclick=\"evil()\"}\n\
         A plain paragraph, with [a link](https://example.com){:target=\"_blank\"}.\n\n\
         ### Sub section\n\n- a\n- b\n{: .fancy }\n\n```\n{: .inside-code }\n```\n\n\
         {:ref: .class}\n\n## Second\nSee [first](#first) and [para](#para).\n\n\
         * one\n* two\n  {: .inner}\n* three\n\n\
         Multi line\nsetext heading\n--------------\n{: #multi }\n\n\
         ## Own list {#own}\n{: .extra}\n",
    );
    let run = f.build();
    run.assert_ok();
    let doc = f.html("moved/index.html");
    assert_eq!(
        texts(&doc, ".hb-page-contents > ol > li > a"),
        [
            "First section",
            "Second",
            "Multi line setext heading",
            "Own list"
        ]
    );
    assert_eq!(
        attrs(&doc, ".hb-page-contents a", "href"),
        ["#first", "#sub-section", "#second", "#multi", "#own"]
    );
    assert_eq!(
        texts(&doc, ".hb-toc a"),
        [
            "First section",
            "Sub section",
            "Second",
            "Multi line setext heading",
            "Own list"
        ]
    );
    // A list line inside a tight list keeps it tight (it only goes).
    assert_eq!(
        texts(&doc, ".hb-content > ul > li"),
        ["one", "two", "three"]
    );
    assert!(texts(&doc, ".hb-content > ul > li > p").is_empty());
    assert_eq!(attrs(&doc, "h2.no_toc", "id"), ["table-of-contents"]);
    assert_eq!(
        texts(&doc, ".hb-callout-note > p:not(.hb-callout-title)"),
        ["A paragraph with a note."]
    );
    assert_eq!(
        texts(&doc, ".hb-callout-warning > p:not(.hb-callout-title)"),
        ["Careful here."]
    );
    assert_eq!(attrs(&doc, "div#para.big", "data-x"), ["1"]);
    assert!(attrs(&doc, "[onclick]", "onclick").is_empty());
    assert_eq!(attrs(&doc, "#para a", "target"), ["_blank"]);
    assert_eq!(texts(&doc, "div.fancy > ul > li"), ["a", "b"]);
    assert_eq!(texts(&doc, "pre code"), ["{: .inside-code }"]);
    let shown: String = texts(&doc, ".hb-content p, .hb-content li").concat();
    assert!(!shown.contains('{'), "{shown}");
    // The ids the lists gave are the ones links find (a broken anchor fails the build).
    assert_eq!(attrs(&doc, "h2#first", "id"), ["first"]);
    // The print view's contents lead to its own copies of the sections.
    let print = f.html("print/index.html");
    let hrefs = attrs(&print, ".hb-page-contents a", "href");
    assert_eq!(hrefs.len(), 5);
    assert!(
        hrefs.iter().all(|h| h.starts_with("#p-moved--")),
        "{hrefs:?}"
    );
}

/// A page in parts headed `#`, as a README often is: its first heading is its title, the others
/// are sections, in "On this page" with the sections under them, each with its link.
#[test]
fn further_top_level_headings_are_sections_of_the_page() {
    let f = Fixture::new();
    f.file(
        "content/ladders.md",
        "# Ladders\n\nIntro.\n\n# Career ladders\n\nText.\n\n# Levels\n\n## Technology\n\nx\n\n\
         ### Depth\n\ny\n\n## System\n\nz\n",
    );
    f.build().assert_ok();
    let doc = f.html("ladders/index.html");
    assert_eq!(texts(&doc, ".hb-page-header h1"), ["Ladders"]);
    assert_eq!(
        texts(&doc, ".hb-toc > ol > li > a"),
        ["Career ladders", "Levels"]
    );
    assert_eq!(
        texts(&doc, ".hb-toc > ol > li > ol > li > a"),
        ["Technology", "System"]
    );
    assert_eq!(texts(&doc, ".hb-toc ol ol ol a"), ["Depth"]);
    assert_eq!(
        attrs(&doc, ".hb-content h1 > a.hb-anchor", "href"),
        ["#career-ladders", "#levels"]
    );
}

/// Bare addresses in text are links, as GitHub shows them; not in code, links or raw HTML
/// links, and not in an mdBook book, as mdBook shows them.
#[test]
fn bare_addresses_are_links_as_github_shows_them() {
    let f = Fixture::new();
    let text = "See https://example.com/a_b?c=d. Or www.example.org, [a link](https://b.io), \
                <a href=\"https://raw.io\">https://raw.io</a>, `https://code.io` and \
                <https://auto.io>.\n\n```\nhttps://in-code.io\n```\n";
    f.page("links.md", "Links", text);
    f.build().assert_ok();
    let doc = f.html("links/index.html");
    assert_eq!(
        attrs(&doc, ".hb-content a", "href"),
        [
            "https://example.com/a_b?c=d",
            "http://www.example.org",
            "https://b.io",
            "https://raw.io",
            "https://auto.io"
        ]
    );
    assert_eq!(texts(&doc, ".hb-content a")[1], "www.example.org");
    let run = f.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let listed: Vec<&str> = report["external_links"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["url"].as_str())
        .collect();
    assert!(listed.contains(&"http://www.example.org"), "{listed:?}");
    // An mdBook book shows them as text.
    f.file("book.toml", "[book]\ntitle = \"Book\"\nsrc = \"content\"\n");
    f.build().assert_ok();
    let doc = f.html_in("book", "links/index.html");
    assert_eq!(
        attrs(&doc, ".hb-content a", "href"),
        ["https://b.io", "https://raw.io", "https://auto.io"]
    );
}

/// Footnotes show at the end of the page (and of its part of the print view), numbered in the
/// order they are first mentioned, wherever they are defined: in the middle, in a list item.
#[test]
fn footnotes_are_shown_at_the_end_of_the_page_in_the_order_they_are_mentioned() {
    let f = Fixture::new();
    f.page(
        "notes.md",
        "Notes",
        "First[^b] and second[^a].\n\n[^a]: Note A, defined first.\n\nA paragraph after it.\n\n\
         - An item[^c]\n\n  [^c]: Note C, in the item.\n\n[^b]: Note B.\n    > Quoted[^d].\n    >\n    > [^d]: Note D, \
         inside B.\n\nThe last paragraph.\n",
    );
    f.build().assert_ok();
    let doc = f.html("notes/index.html");
    assert_eq!(
        attrs(
            &doc,
            ".hb-content > section.hb-footnotes:last-child > .hb-footnote",
            "id"
        ),
        ["fn-b", "fn-a", "fn-c", "fn-d"]
    );
    assert_eq!(
        texts(&doc, ".hb-footnotes .hb-footnote-label"),
        ["1.", "2.", "3.", "4."]
    );
    assert_eq!(attrs(&doc, ".hb-footnote", "id").len(), 4);
    assert_eq!(
        texts(&doc, ".hb-content > p"),
        [
            "First1 and second2.",
            "A paragraph after it.",
            "The last paragraph."
        ]
    );
    assert_eq!(texts(&doc, ".hb-content li"), ["An item3"]);
    // The print view: the page's footnotes after its last paragraph, their links to them.
    let print = f.html("print/index.html");
    let notes = attrs(&print, "section.hb-footnotes > .hb-footnote", "id");
    assert_eq!(notes.len(), 4, "{notes:?}");
    let refs = attrs(&print, ".hb-footnote-ref a", "href");
    assert_eq!(
        refs,
        notes.iter().map(|id| format!("#{id}")).collect::<Vec<_>>()
    );
    let html = std::fs::read_to_string(f.public().join("print/index.html")).unwrap();
    assert!(html.find("The last paragraph.") < html.find("Note A, defined first."));
}

/// A footnote defined before it is first mentioned takes its number from the mention, as
/// GitHub and Hugo number it (it took the next number where it was defined: references read
/// "2, 1"); one never mentioned comes last. Each mentioned one links back to its first mention,
/// on the page and in the print view.
#[test]
fn footnotes_defined_before_they_are_mentioned_are_numbered_by_mention() {
    let f = Fixture::new();
    f.page(
        "notes.md",
        "Notes",
        "[^late]: Mentioned second, defined first.\n\n[^unused]: Never mentioned.\n\n\
         One[^early] and two[^late] and one again[^early].\n\n\
         [^early]: Mentioned first.\n\n    Its second paragraph.\n\n\
         [^code]:\n    ```\n    code only\n    ```\n\nCode[^code].\n",
    );
    f.build().assert_ok();
    let doc = f.html("notes/index.html");
    assert_eq!(texts(&doc, ".hb-footnote-ref a"), ["1", "2", "1", "3"]);
    assert_eq!(
        attrs(&doc, ".hb-footnotes > .hb-footnote", "id"),
        ["fn-early", "fn-late", "fn-code", "fn-unused"]
    );
    assert_eq!(
        texts(&doc, ".hb-footnotes .hb-footnote-label"),
        ["1.", "2.", "3.", "4."]
    );
    // The link back ends the footnote's last paragraph, or the footnote.
    assert_eq!(
        attrs(
            &doc,
            ".hb-footnote > p:last-of-type > a.hb-footnote-back",
            "href"
        ),
        ["#fnref-early", "#fnref-late"]
    );
    assert_eq!(
        attrs(&doc, "#fn-code > a.hb-footnote-back", "href"),
        ["#fnref-code"]
    );
    assert!(attrs(&doc, "#fn-unused a.hb-footnote-back", "href").is_empty());
    for back in attrs(&doc, "a.hb-footnote-back", "href") {
        assert_eq!(attrs(&doc, &format!("sup{back}"), "id").len(), 1, "{back}");
    }
    let print = f.html("print/index.html");
    let backs = attrs(&print, "a.hb-footnote-back", "href");
    assert_eq!(backs.len(), 3, "{backs:?}");
    for back in backs {
        assert_eq!(
            attrs(&print, &format!("sup{back}"), "id").len(),
            1,
            "{back}"
        );
    }
    let labels = texts(&print, ".hb-footnotes .hb-footnote-label");
    assert_eq!(labels, ["1.", "2.", "3.", "4."]);
}

/// `{ id="name" }` on a heading gives it that id; a quoted value with a space in it (which
/// the attribute list cuts at the space) gives none, and the heading keeps its own.
#[test]
fn a_heading_id_attribute_is_taken_whole_or_not_at_all() {
    let f = Fixture::new();
    f.page(
        "ids.md",
        "Ids",
        "## Release { id=\"9.7.0\" }\n\n## Two words { id=\"two words\" }\n\nText.\n",
    );
    f.build().assert_ok();
    let doc = f.html("ids/index.html");
    assert_eq!(attrs(&doc, ".hb-content h2", "id"), ["9.7.0", "two-words"]);
}

#[test]
fn titles_fall_back_to_the_first_heading_then_the_file_name() {
    let f = Fixture::new();
    f.file("content/from-heading.md", "# Heading Title\n\nBody.\n");
    f.file("content/no-title-here.md", "Just text.\n");
    let run = f.build();
    run.assert_ok();
    let doc = f.html("from-heading/index.html");
    assert_eq!(
        texts(&doc, "h1"),
        ["Heading Title"],
        "the heading is not repeated"
    );
    assert_eq!(
        texts(&f.html("no-title-here/index.html"), "h1"),
        ["No title here"]
    );
    assert!(
        run.stderr
            .contains("no-title-here.md:1:1: warning: page has no title"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("from-heading.md"), "{}", run.stderr);
}

#[test]
fn bom_crlf_empty_files_and_unknown_keys() {
    let f = Fixture::new();
    f.bytes("content/bom.md", b"\xef\xbb\xbf---\r\ntitle: Bom\r\nlayout: extra\r\n\"key with space\": kept\r\nms.date: 2020-01-01\r\n---\r\n## Hi\r\n\r\nText.\r\n");
    f.file("content/empty.md", "");
    f.file(
        "templates/extra.html",
        "{{ page.title }}|{{ page.extra[\"key with space\"] }}|{{ page.extra[\"ms.date\"] }}",
    );
    let run = f.build();
    run.assert_ok();
    let text = std::fs::read_to_string(f.public().join("bom/index.html")).unwrap();
    assert_eq!(text, "Bom|kept|2020-01-01");
    assert!(f.public().join("empty/index.html").exists());
}

#[test]
fn a_typo_of_a_known_key_warns_with_did_you_mean() {
    let f = Fixture::new();
    f.file("content/p.md", "---\ntitle: P\nwieght: 3\n---\nText.\n");
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("p.md:3:1: warning: unknown front matter key `wieght`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `weight`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn assets_in_content_are_copied_and_linked() {
    let f = Fixture::new();
    f.bytes("content/skills/chart.png", b"\x89PNG");
    f.page("skills/page.md", "Page", "![Chart](chart.png)\n");
    f.build().assert_ok();
    assert!(f.public().join("skills/chart.png").exists());
    assert_eq!(
        attrs(&f.html("skills/page/index.html"), ".hb-content img", "src"),
        ["../../skills/chart.png"]
    );
}

#[test]
fn the_repository_handbook_builds_without_warnings_and_links_everything() {
    let f = Fixture::new();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = f.run(&[
        "build",
        "--root",
        repo.to_str().unwrap(),
        "--dest",
        f.public().to_str().unwrap(),
    ]);
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert_eq!(link_problems(&f.public()), Vec::<String>::new());
    let reached = reachable(&f.public());
    let pages: Vec<String> = common::snapshot(&f.public())
        .into_keys()
        .filter(|k| k.ends_with("index.html"))
        .collect();
    for page in &pages {
        assert!(
            reached.contains(page),
            "{page} is not reachable from index.html"
        );
    }
    assert!(pages.len() >= 15);
}

/// A default template with the parts built in Rust laid out by the template instead: the
/// breadcrumbs with a loop, the page's details and the pager with `macros.html`.
fn with_macros(template: &str) -> String {
    let laid_out = template
        .replace(
            "{{ breadcrumbs_html | safe }}",
            "{% if breadcrumbs -%}\n<nav class=\"hb-breadcrumbs\" aria-label=\"{{ ui.breadcrumb }}\"><ol>\n\
             {%- for crumb in breadcrumbs %}<li><a href=\"{{ crumb.href }}\">{{ crumb.title }}</a></li>{% endfor -%}\n\
             <li><span aria-current=\"page\">{{ page.title }}</span></li></ol></nav>\n{%- endif %}",
        )
        .replace("{{ page.meta_html | safe }}", "{{ macros::meta(page=page, ui=ui) }}")
        .replace(
            "{{ pager_html | safe }}",
            "{{ macros::pager(previous=previous, next=next, ui=ui) }}",
        );
    assert_ne!(laid_out, template);
    laid_out.replacen(
        "{% extends \"base.html\" %}",
        "{% extends \"base.html\" %}\n{% import \"macros.html\" as macros %}",
        1,
    )
}

#[test]
fn page_parts_built_in_rust_are_what_the_macros_write() {
    let with = |f: &Fixture| {
        f.file(
            "book.toml",
            "[book]\ntitle = \"Test Handbook\"\nlanguage = \"de\"\n\n[html]\nedit_url = \"https://git.example.com/edit/{path}?a=1&b=2\"\n\n\
             [translations]\nowner = \"Zuständig & <Team>\"\nnext = \"Weiter >\"\n",
        );
        f.file(
            "content/skills/quoted.md",
            "---\ntitle: 'Say \"no\" & <mean> it'\nowner: \"<Ops & Co>\"\nlast_reviewed: 2026-01-02\ntags: [\"R&D\", \"it's\"]\n---\nText.\n",
        );
    };
    let rust = sample();
    with(&rust);
    rust.build().assert_ok();
    let macros = sample();
    with(&macros);
    for (name, default) in [
        (
            "page.html",
            include_str!("../themes/default/templates/page.html"),
        ),
        (
            "index.html",
            include_str!("../themes/default/templates/index.html"),
        ),
    ] {
        macros.file(&format!("templates/{name}"), &with_macros(default));
    }
    macros.build().assert_ok();
    let (a, b) = (rust.snapshot(), macros.snapshot());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(
            *bytes == b[path],
            "{path} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&b[path])
        );
    }
    // The case is a real one: every part is on the page, with its characters escaped.
    let doc = rust.html("skills/quoted/index.html");
    assert_eq!(
        texts(&doc, ".hb-breadcrumbs span"),
        ["Say \"no\" & <mean> it"]
    );
    assert_eq!(texts(&doc, ".hb-meta dd")[0], "<Ops & Co>");
    assert_eq!(texts(&doc, ".hb-meta dt")[0], "Zuständig & <Team>");
    assert_eq!(texts(&doc, ".hb-pager span"), ["Zurück", "Weiter >"]);
    assert_eq!(texts(&doc, ".hb-meta .hb-terms a"), ["R&D", "it's"]);
    assert!(attrs(&doc, ".hb-meta a", "href")
        .last()
        .is_some_and(|h| h.ends_with("skills/quoted.md?a=1&b=2")));
    assert_eq!(texts(&doc, ".hb-pager a").len(), 2);
}

#[test]
fn a_theme_may_still_lay_out_the_sidebar_from_the_nav_tree() {
    let f = sample();
    let base = include_str!("../themes/default/templates/base.html")
        .replace("{{ nav_html | safe }}", "{{ macros::nav(items=nav) }}");
    assert!(base.contains("macros::nav"));
    f.file("templates/base.html", &base);
    f.build().assert_ok();
    let doc = f.html("skills/empathy/index.html");
    let current = texts(&doc, "#hb-sidebar a[aria-current=page]");
    assert_eq!(current, ["Empathy"]);
    let sidebar = texts(&doc, "#hb-sidebar a");
    assert!(
        sidebar.contains(&"Communication".to_string()),
        "{sidebar:?}"
    );
    // The default sidebar, built in Rust, shows the same links.
    let g = sample();
    g.build().assert_ok();
    assert_eq!(
        texts(&g.html("skills/empathy/index.html"), "#hb-sidebar a"),
        sidebar
    );
}

#[test]
fn a_theme_may_still_lay_out_the_contents_from_the_toc_tree() {
    let f = sample();
    let page = include_str!("../themes/default/templates/page.html")
        .replace(
            "{{ page.toc_html | safe }}",
            "{{ macros::toc(entries=page.toc) }}",
        )
        .replacen(
            "{% extends \"base.html\" %}",
            "{% extends \"base.html\" %}\n{% import \"macros.html\" as macros %}",
            1,
        );
    assert!(page.contains("macros::toc(entries=page.toc)"));
    f.file("templates/page.html", &page);
    f.build().assert_ok();
    let doc = f.html("skills/empathy/index.html");
    // The default contents, built in Rust, show the same links.
    let g = sample();
    g.build().assert_ok();
    let default = g.html("skills/empathy/index.html");
    let links = attrs(&default, ".hb-toc a", "href");
    assert_eq!(links, ["#listening", "#details", "#listening-1"]);
    assert_eq!(attrs(&doc, ".hb-toc a", "href"), links);
    assert_eq!(texts(&doc, ".hb-toc a"), texts(&default, ".hb-toc a"));
}

#[test]
fn a_theme_that_takes_the_page_whole_gets_all_its_data() {
    let f = sample();
    let page = include_str!("../themes/default/templates/page.html").replace(
        "{% endblock main %}",
        "<script type=\"application/json\" id=\"data\">{{ page | json_encode() | safe }}</script>\n{% endblock main %}",
    );
    f.file("templates/page.html", &page);
    f.build().assert_ok();
    let doc = f.html("skills/empathy/index.html");
    let json = doc
        .select(&sel("#data"))
        .next()
        .map(|e| e.text().collect::<String>())
        .expect("the page data is on the page");
    let data: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let toc: Vec<&str> = data["toc"]
        .as_array()
        .expect("page.toc is there")
        .iter()
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert_eq!(toc, ["listening", "listening-1"]);
    assert_eq!(data["title"], "Empathy");
}

#[test]
fn search_can_be_left_out() {
    let f = sample();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n\n[build]\nsearch = false\n",
    );
    f.build().assert_ok();
    assert!(!f.public().join("search").exists());
    let doc = f.html("skills/empathy/index.html");
    assert!(texts(&doc, "#hb-search-input").is_empty());
    let scripts = attrs(&doc, "script[src]", "src");
    assert!(scripts.iter().all(|s| !s.contains("search")), "{scripts:?}");
    assert_eq!(link_problems(&f.public()), Vec::<String>::new());
    // On by default.
    let g = sample();
    g.build().assert_ok();
    assert!(g.public().join("search/manifest.js").is_file());
}

#[test]
fn pages_written_without_tera_are_the_pages_tera_writes() {
    // The default page templates are simple enough to be written straight from each page's
    // data (src/direct.rs); HANDBOOK_TERA_ONLY=1 has Tera write them. Every branch of those
    // templates is taken by some page here, with two configurations.
    let f = sample();
    // The home page shows who owns it and when it was reviewed, as every other page does.
    f.file(
        "content/_index.md",
        "---\ntitle: Welcome\ndescription: Start here.\nowner: '@leads'\nlast_reviewed: 2026-01-02\nreview_every_days: 90\n---\nRead the [skills](skills/_index.md).\n",
    );
    f.file(
        "content/skills/late.md",
        "---\ntitle: Late & <early>\ndescription: Due \"soon\".\nowner: '@team'\nlast_reviewed: 2020-01-01\nreview_every_days: 30\naudience: [new-manager]\ntags: [a & b]\n---\n## One\n\nText.\n",
    );
    f.file(
        "content/skills/day.md",
        "---\ntitle: A day late\nlast_reviewed: 2026-10-01\nreview_every_days: 57\n---\nNo headings.\n",
    );
    f.file(
        "content/faq.md",
        "---\ntitle: FAQ\nlayout: faq\n---\n## Why?\n\nBecause.\n",
    );
    f.file(
        "content/odd.md",
        "---\ntitle: Odd layout\nlayout: post\n---\nText.\n",
    );
    // Long enough for a print view in parts, where `print_part_kb` is 1.
    f.page("long.md", "Long", &"Text of some length. ".repeat(60));
    let env = [("HANDBOOK_TODAY", "2026-11-28")];
    for book in [
        "[book]\ntitle = \"Test & Handbook\"\ndescription = \"All <about> it\"\nauthors = [\"Ann\", \"Bo & Co\"]\nlanguage = \"en-GB\"\n\n\
         [build]\nbase_url = \"https://example.com/hb/\"\n\n[html]\nreview_badge = true\nedit_url = \"https://example.com/edit/{path}\"\n",
        "[book]\ntitle = \"Plain\"\n\n[build]\nsearch = false\n\n[html]\nprint_part_kb = 1\n",
        // The interface in another language, with words of the handbook's own.
        "[book]\ntitle = \"Buch\"\nlanguage = \"de-AT\"\n\n[html]\nreview_badge = true\n\n\
         [translations]\nowner = \"Zuständig & <Team>\"\n",
    ] {
        f.file("book.toml", book);
        let direct = f.run_with_env(&["build", "--dest", "direct"], &env);
        direct.assert_ok();
        let mut tera_env = env.to_vec();
        tera_env.push(("HANDBOOK_TERA_ONLY", "1"));
        f.run_with_env(&["build", "--dest", "tera"], &tera_env)
            .assert_ok();
        let (a, b) = (snapshot(&f.root().join("direct")), snapshot(&f.root().join("tera")));
        assert!(a.len() > 10, "{:?}", a.keys());
        assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
        for (path, bytes) in &a {
            assert!(
                bytes == &b[path],
                "{path} differs:\n{}\n---\n{}",
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(&b[path])
            );
        }
        let print_parts = scraper::Html::parse_document(
            &std::fs::read_to_string(f.root().join("direct/print/index.html")).unwrap(),
        );
        let parts = texts(&print_parts, ".hb-print-parts a").len();
        assert_eq!(parts > 1, book.contains("print_part_kb"), "{parts} parts");
        if book.contains("base_url") {
            let badge = |page: &str| {
                let file = f.root().join(format!("direct/skills/{page}/index.html"));
                let doc = scraper::Html::parse_document(&std::fs::read_to_string(file).unwrap());
                texts(&doc, ".hb-badge-overdue")
            };
            assert_eq!(badge("day"), ["Review overdue by 1 day"]);
            let home = scraper::Html::parse_document(
                &std::fs::read_to_string(f.root().join("direct/index.html")).unwrap(),
            );
            assert_eq!(texts(&home, ".hb-badge-overdue"), ["Review overdue by 240 days"]);
            assert_eq!(texts(&home, ".hb-meta dd"), ["@leads", "2026-01-02", "Edit this page"]);
            assert!(badge("late")[0].ends_with(" days"), "{:?}", badge("late"));
        }
    }
}

#[test]
fn pages_name_their_stylesheet_and_scripts_with_a_hash_of_their_contents() {
    // A browser that cached the stylesheet or a script fetches it again once it changes.
    let f = sample();
    f.build().assert_ok();
    let urls = |f: &Fixture, page: &str| {
        let doc = f.html(page);
        let mut urls = attrs(&doc, "link[rel=stylesheet]", "href");
        urls.extend(attrs(&doc, "script[src]", "src"));
        urls
    };
    let before = urls(&f, "skills/empathy/index.html");
    assert_eq!(before.len(), 3, "{before:?}");
    for url in &before {
        let (path, version) = url.split_once("?v=").expect("a version");
        assert!(path.starts_with("../../assets/"), "{url}");
        assert!(
            version.len() == 10 && version.bytes().all(|b| b.is_ascii_hexdigit()),
            "{url}"
        );
    }
    assert_eq!(
        urls(&f, "print/index.html")[0],
        before[0].replacen("../../", "../", 1)
    );
    // A file of the handbook's own static/ folder, named by a template: its hash changes with
    // it, the theme's files keep theirs.
    f.file("static/assets/extra.css", "body { color: teal; }\n");
    f.file(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block head %}<link rel=\"stylesheet\" \
         href=\"{{ root }}{{ asset(path=\"assets/extra.css\") }}\">{% endblock head %}",
    );
    f.build().assert_ok();
    let first = urls(&f, "skills/empathy/index.html");
    assert_eq!(first[..1], before[..1]);
    assert_eq!(first[2..], before[1..]);
    assert!(
        first[1].starts_with("../../assets/extra.css?v="),
        "{first:?}"
    );
    f.file("static/assets/extra.css", "body { color: navy; }\n");
    f.build().assert_ok();
    let second = urls(&f, "skills/empathy/index.html");
    assert_ne!(second[1], first[1]);
    assert_eq!(second[2..], first[2..]);
    // A template that names a file there is not is an error that says so.
    f.file(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{{ asset(path=\"assets/nope.css\") }}{% endblock main %}",
    );
    let out = f.build();
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("no static file `assets/nope.css`"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_handbook_whose_content_folder_is_its_root_never_publishes_its_last_output() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Flat\"\n\n[build]\ncontent = \".\"\n",
    );
    f.file("_index.md", "---\ntitle: Home\n---\nWelcome.\n");
    f.file("guide.md", "---\ntitle: Guide\n---\nText.\n");
    f.file("notes.txt", "Kept.\n");
    f.build().assert_ok();
    let first = common::snapshot(&f.public());
    // Its files are published, its settings are not (also when its folder is given as `.`).
    assert!(first.contains_key("notes.txt"));
    assert!(!first.contains_key("book.toml"), "{:?}", first.keys());
    f.run(&["build", "--root", "."]).assert_ok();
    assert!(!f.public().join("book.toml").exists());
    f.build().assert_ok();
    assert!(!f.public().join("public").exists());
    assert_eq!(common::snapshot(&f.public()), first);
    // Nor when the output goes elsewhere inside it.
    let run = f.run(&["build", "--dest", "site"]);
    run.assert_ok();
    f.run(&["build", "--dest", "site"]).assert_ok();
    assert!(!f.root().join("site/site").exists());
}

#[test]
fn links_and_images_in_raw_html_lead_where_markdown_ones_do() {
    let f = Fixture::new();
    f.page(
        "guide.md",
        "Guide",
        "<img src=\"pic.png\" width=\"200\" alt=\"A picture\">\n\n\
         <picture><source srcset=\"dark.png 1x, pic.png 2x\" media=\"(prefers-color-scheme: dark)\"><img src='pic.png' alt=\"p\"></picture>\n\n\
         See <a href=\"_index.md#welcome\">home</a>.\n\n\
         <!--\n<img src=\"old.png\">\n-->\n\n\
         <pre>&lt;img src=\"shown-as-text.png\"&gt; src=nothing</pre>\n\n\
         <script>var img = '<img src=\"in-a-script.png\">';</script>\n\n\
         <object data=\"chart.svg\" type=\"image/svg+xml\"></object> <data value=\"7\">seven</data>\n",
    );
    f.file(
        "content/_index.md",
        "---\ntitle: Home\n---\n## Welcome\n\nHi.\n",
    );
    f.bytes("content/pic.png", b"png");
    f.bytes("content/dark.png", b"png");
    f.bytes(
        "content/chart.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f.build().assert_ok();
    let guide = f.html("guide/index.html");
    // An object's drawing is found from the page's folder, as an image is.
    assert_eq!(attrs(&guide, "article object", "data"), ["../chart.svg"]);
    assert_eq!(attrs(&guide, "article data", "value"), ["7"]);
    let problems = common::link_problems(&f.public());
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        attrs(&guide, "article img", "src"),
        vec!["../pic.png", "../pic.png"]
    );
    assert_eq!(
        attrs(&guide, "article source", "srcset"),
        vec!["../dark.png 1x, ../pic.png 2x"]
    );
    assert_eq!(
        attrs(&guide, "article a[href*='index']", "href"),
        vec!["../index.html#welcome"]
    );
    // The comment is left as written.
    let text = std::fs::read_to_string(f.public().join("guide/index.html")).unwrap();
    assert!(text.contains("<img src=\"old.png\">"), "{text}");
    // In the print view, from print/, the same files.
    let print = f.html("print/index.html");
    assert!(attrs(&print, "img", "src")
        .iter()
        .all(|s| s == "../pic.png"));
}

#[test]
fn a_broken_link_in_raw_html_fails_at_its_attribute() {
    let f = Fixture::new();
    f.page(
        "guide.md",
        "Guide",
        "Text.\n\n<p>See <img src=\"missing.png\"> and <a href=\"nowhere.md\">this</a>.</p>\n\n\
         <object data=\"gone.svg\"></object>\n",
    );
    let run = f.build();
    assert!(
        run.stderr
            .contains("content/guide.md:8:15: error: broken link: `gone.svg`"),
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/guide.md:6:18: error: broken link: `missing.png`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/guide.md:6:45: error: broken link: `nowhere.md`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_handbook_may_keep_its_own_files_in_assets_but_not_over_the_themes() {
    let f = Fixture::new();
    f.page("guide.md", "Guide", "![Logo](assets/images/logo.png)\n");
    f.bytes("content/assets/images/logo.png", b"png");
    f.build().assert_ok();
    assert_eq!(
        std::fs::read(f.public().join("assets/images/logo.png")).unwrap(),
        b"png"
    );
    assert!(f.public().join("assets/handbook.css").is_file());
    // The theme's own files are not to be replaced.
    f.bytes("content/assets/handbook.css", b"body {}");
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/assets/handbook.css: error: the file would overwrite the generated `assets/handbook.css`"
        ) && run.stderr.contains(
            "rename or remove the file, or leave it out of the site with `[build] exclude = [\"/assets/handbook.css\"]`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn extra_style_sheets_and_scripts_come_after_the_themes_on_every_page() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n\n[html]\nextra_css = [\"brand/brand.css\"]\nextra_js = [\"brand/hello.js\"]\n",
    );
    f.file("brand/brand.css", ".hb-brand { color: rgb(1, 2, 3); }\n");
    f.file("brand/hello.js", "window.handbookHello = 'hi';\n");
    f.page("page.md", "Page", "Text.\n");
    f.build().assert_ok();
    let css = std::fs::read_to_string(f.public().join("assets/handbook.css")).unwrap();
    let theme_end = css
        .find("/* brand/brand.css */")
        .expect("the extra style sheet");
    assert!(
        css[..theme_end].contains(".hb-callout"),
        "the theme's rules come first"
    );
    assert!(css.ends_with(".hb-brand { color: rgb(1, 2, 3); }\n"));
    let js = std::fs::read_to_string(f.public().join("assets/handbook.js")).unwrap();
    assert!(js.ends_with("window.handbookHello = 'hi';\n"));
    // Every page and the print view load them, with a version that changes with them.
    let href = |page: &str| attrs(&f.html(page), "link[rel=stylesheet]", "href");
    let before = href("page/index.html");
    assert_eq!(before.len(), 1);
    assert!(href("print/index.html")[0].ends_with(before[0].trim_start_matches("../")));
    f.file("brand/brand.css", ".hb-brand { color: rgb(4, 5, 6); }\n");
    f.build().assert_ok();
    assert_ne!(href("page/index.html"), before);
}

/// An extra style sheet's `@import`s are put in their place (the theme's rules come first,
/// where an `@import` would be ignored), each file once; one of another site's style sheets
/// (a web font) is left out with a warning at its line, and the build goes on.
#[test]
fn extra_style_sheets_imports_are_put_in_place_and_other_sites_left_out() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n\n[html]\nextra_css = [\"css/extra.css\"]\n",
    );
    f.file(
        "css/extra.css",
        "@charset \"utf-8\";\n/* fonts */\n\
         @import url(https://fonts.googleapis.com/css2?family=Roboto);\n\
         @import \"parts/colours.css\";@import url('/css/parts/colours.css');\n\
         body { font-family: Roboto, sans-serif; }\n@import \"late.css\";\n",
    );
    f.file(
        "css/parts/colours.css",
        "@import \"../extra.css\";\n.hb-brand { color: rgb(1, 2, 3); }\n",
    );
    f.page("page.md", "Page", "Text.\n");
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "css/extra.css:3:1: warning: `@import` of \
             `https://fonts.googleapis.com/css2?family=Roboto` left out"
        ),
        "{}",
        run.stderr
    );
    let css = std::fs::read_to_string(f.public().join("assets/handbook.css")).unwrap();
    let extra = &css[css.find("/* css/extra.css */").unwrap()..];
    assert!(
        !extra.contains("@import url(") && !extra.contains("@import \"parts"),
        "{extra}"
    );
    assert!(
        !css.contains("googleapis.com/css2?family=Roboto);"),
        "{extra}"
    );
    // The imported rules come before the file's own, once, and the circle back is not followed.
    assert_eq!(css.matches(".hb-brand { color: rgb(1, 2, 3); }").count(), 1);
    assert!(extra.find(".hb-brand").unwrap() < extra.find("body { font-family").unwrap());
    assert_eq!(css.matches("body { font-family: Roboto").count(), 1);
    // An `@import` after a rule is ignored by browsers, there as here: it is left as written.
    assert!(extra.contains("@import \"late.css\";"));
}

#[test]
fn extra_files_that_cannot_be_used_are_errors_at_their_key() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n\n[html]\nextra_css = [\"missing.css\", \"https://cdn.example.com/x.css\", \"imports.css\"]\n\
         extra_js = [\"styles/leak.js\", \".env\", \"styles/../styles/ok.js\", \"styles/ok.js\"]\n",
    );
    f.file("imports.css", "@import \"other.css\";\n");
    f.file(".env", "TOKEN=secret\n");
    f.file("styles/ok.js", "window.ok = 1;\n");
    std::os::unix::fs::symlink("/etc/hostname", f.root().join("styles/leak.js")).unwrap();
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let err = &run.stderr;
    for expected in [
        "book.toml:5:1: error: [html] extra_css: `missing.css` cannot be read",
        "book.toml:5:1: error: [html] extra_css: `https://cdn.example.com/x.css` is on another site",
        "imports.css:1:1: error: `@import` of `other.css`: it cannot be read",
        "book.toml:6:1: error: [html] extra_js: `styles/leak.js` is outside the handbook's folder",
        "book.toml:6:1: error: [html] extra_js: `.env` is in a hidden file or folder",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    assert!(
        !err.contains("`styles/ok.js`") && !err.contains("`styles/../styles/ok.js`"),
        "{err}"
    );
    assert!(!f.public().exists());
    // The same file named twice, through `..` inside the folder too, is added once; a byte
    // order mark at its start is left out.
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n\n[html]\nextra_css = [\"bom.css\"]\n\
         extra_js = [\"styles/../styles/ok.js\", \"styles/ok.js\"]\n",
    );
    f.file("bom.css", "\u{feff}body { margin: 1px; }\n");
    f.build().assert_ok();
    let js = std::fs::read_to_string(f.public().join("assets/handbook.js")).unwrap();
    assert_eq!(js.matches("window.ok = 1;").count(), 1);
    let css = std::fs::read_to_string(f.public().join("assets/handbook.css")).unwrap();
    assert!(css.ends_with("*/\nbody { margin: 1px; }\n") && !css.contains('\u{feff}'));
}

#[test]
fn top_and_readme_lead_to_the_page_or_its_heading_of_that_name_in_the_print_view_too() {
    let f = Fixture::new();
    f.page(
        "onboarding.md",
        "Onboarding",
        "[up](#top)\n\n## Top\n\nTop things.\n\n## README\n\nRead.\n",
    );
    f.page(
        "other.md",
        "Other",
        "[a](onboarding.md#top) [b](onboarding.md#readme) [c](#top) [d](#)\n",
    );
    f.build().assert_ok();
    let print = f.html("print/index.html");
    let hrefs = attrs(&print, ".hb-print-page a[href^='#p-']", "href");
    assert!(
        hrefs.contains(&"#p-onboarding--top".to_string()),
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"#p-other--top".to_string()), "{hrefs:?}");
    // The heading `Top` is where onboarding's #top leads; other's has an anchor of its own.
    assert_eq!(attrs(&print, "h2#p-onboarding--top", "id").len(), 1);
    assert_eq!(attrs(&print, "[id='p-onboarding--top']", "id").len(), 1);
    assert_eq!(attrs(&print, "span#p-other--top", "id").len(), 1);
    let problems = link_problems(&f.public());
    assert!(problems.is_empty(), "{problems:?}");
}

/// Ids written in a page's HTML take the page's prefix in the print view, as the links to
/// them do: no link there leads nowhere, and two pages' `id="foo"` are two ids.
#[test]
fn ids_written_in_html_are_the_pages_own_in_the_print_view() {
    let f = Fixture::new();
    f.page("a.md", "A", "<span id=\"foo\">Foo</span> is a term.\n");
    f.page(
        "b.md",
        "B",
        "See [foo](a.md#foo) and [mine](#foo).\n\n<a id=\"foo\"></a>\nOther.\n",
    );
    f.build().assert_ok();
    let print = f.html("print/index.html");
    assert_eq!(attrs(&print, "span#p-a--foo", "id").len(), 1);
    assert_eq!(attrs(&print, "a#p-b--foo", "id").len(), 1);
    assert!(attrs(&print, "[id='foo']", "id").is_empty());
    let hrefs = attrs(&print, ".hb-print-page a[href^='#p-']", "href");
    assert!(hrefs.contains(&"#p-a--foo".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"#p-b--foo".to_string()), "{hrefs:?}");
    // The pages themselves keep the ids as written.
    assert_eq!(attrs(&f.html("a/index.html"), "span#foo", "id").len(), 1);
    // A label's `for` follows its field's id; text that only looks like an id stays.
    f.page(
        "c.md",
        "C",
        "<label for=\"q\">Q</label> <input id=\"q\">\n\n<pre>&lt;div id=\"main\"&gt;</pre>\n",
    );
    f.build().assert_ok();
    let print = f.html("print/index.html");
    assert_eq!(attrs(&print, "label[for='p-c--q']", "for").len(), 1);
    assert_eq!(attrs(&print, "input#p-c--q", "id").len(), 1);
    assert!(texts(&print, "pre").contains(&"<div id=\"main\">".to_string()));
    let problems = link_problems(&f.public());
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_code_blocks_title_shows_above_it() {
    // As Docusaurus and MkDocs write it; the title is text, never HTML.
    let f = Fixture::new();
    f.page(
        "code.md",
        "Code",
        "```js title=\"src/app.js\" {2}\nconst a = 1;\n```\n\n```py title='<b>x</b>.py'\nx = 1\n```\n\n\
         ```text\nsubtitle=\"no\"\n```\n\n```sh notitle=\"x\"\nls\n```\n",
    );
    f.build().assert_ok();
    let page = f.html("code/index.html");
    assert_eq!(
        texts(&page, ".hb-code-title"),
        ["src/app.js", "<b>x</b>.py"]
    );
    assert_eq!(
        texts(&page, ".hb-code-title + pre code"),
        ["const a = 1;", "x = 1"]
    );
    assert_eq!(attrs(&page, "pre code", "class")[0], "language-js");
    assert!(page.select(&sel(".hb-code-title b")).next().is_none());
}

#[test]
fn emoji_shortcodes_show_as_emoji_outside_code() {
    let f = Fixture::new();
    f.page(
        "team.md",
        "Team",
        "Shipped :tada: at 10:30:00 :+1: :material-check: :not_a_name:\n\n\
         `:tada:` in code.\n\n```\n:tada:\n```\n\n<span title=\":tada:\">HTML</span>\n",
    );
    f.build().assert_ok();
    let team = f.html("team/index.html");
    assert_eq!(
        texts(&team, "article .hb-content > p")[0],
        "Shipped 🎉 at 10:30:00 👍 :material-check: :not_a_name:"
    );
    assert_eq!(texts(&team, "article code"), [":tada:", ":tada:"]);
    assert_eq!(attrs(&team, "article span", "title"), [":tada:"]);
}

/// A handbook of three chapters, each of a short page and three more of about 750 bytes, with
/// links across them; `[html] print_part_kb` as given.
fn long_handbook(print_part_kb: u32) -> Fixture {
    let f = Fixture::new();
    f.file(
        "book.toml",
        &format!("[book]\ntitle = \"Test Handbook\"\n[html]\nprint_part_kb = {print_part_kb}\n"),
    );
    let words = "Write the decision down before you leave the room. ".repeat(12);
    for (c, chapter) in ["alpha", "beta", "gamma"].iter().enumerate() {
        let title = chapter.to_uppercase();
        f.file(
            &format!("content/{chapter}/_index.md"),
            &format!("---\ntitle: {title}\nweight: {c}\n---\nIntro.\n"),
        );
        for n in 1..=3 {
            let next = ["beta", "gamma", "alpha"][c];
            f.file(
                &format!("content/{chapter}/page-{n}.md"),
                &format!(
                    "---\ntitle: {title} {n}\nweight: {n}\n---\n## Part {n}\n\n{words}\n\n\
                     See [the next chapter](../{next}/page-{n}.md#part-{n}), \
                     [its start](../{next}/_index.md) and [this one's](page-1.md).\n"
                ),
            );
        }
    }
    f
}

#[test]
fn a_long_print_view_is_in_parts_along_the_chapters() {
    let f = long_handbook(1);
    f.build().assert_ok();
    let list = f.html("print/index.html");
    let files = attrs(&list, ".hb-print-parts a", "href");
    // Each chapter is heavier than 1 kB: split among its pages, its own short page going with
    // the first (and the home page with the first of all).
    assert_eq!(
        texts(&list, ".hb-print-parts a"),
        [
            "ALPHA",
            "ALPHA: ALPHA 2",
            "ALPHA: ALPHA 3",
            "BETA",
            "BETA: BETA 2",
            "BETA: BETA 3",
            "GAMMA",
            "GAMMA: GAMMA 2",
            "GAMMA: GAMMA 3",
        ]
    );
    assert_eq!(files[0], "home.html");
    assert_eq!(files[1], "alpha-page-2.html");
    assert_eq!(files[3], "beta.html");
    assert_eq!(texts(&list, ".hb-print-part-size")[0], "3 pages");
    assert_eq!(texts(&list, ".hb-print-part-size")[1], "1 page");
    // Every page once, in reading order, across the parts; each part's contents are its own.
    let mut titles = Vec::new();
    for file in &files {
        let part = f.html(&format!("print/{file}"));
        let own = texts(&part, ".hb-print-page > h1");
        assert_eq!(texts(&part, ".hb-print-toc a"), own, "{file}");
        assert_eq!(attrs(&part, ".hb-print-part a", "href"), ["index.html"]);
        titles.extend(own);
    }
    let whole = long_handbook(0);
    whole.build().assert_ok();
    let view = whole.html("print/index.html");
    assert_eq!(titles, texts(&view, ".hb-print-page > h1"));
    assert_eq!(titles.len(), 13);
    assert!(texts(&view, ".hb-print-parts a").is_empty());
    let print_files = |f: &Fixture| std::fs::read_dir(f.public().join("print")).unwrap().count();
    assert_eq!(print_files(&whole), 1);
    assert_eq!(print_files(&f), 10);
    // A link to a page of another part leads into its file, to the page or its heading.
    let part = f.html("print/alpha-page-2.html");
    assert_eq!(
        attrs(&part, ".hb-content p a", "href"),
        [
            "beta-page-2.html#p-beta/page-2--part-2",
            "beta.html#p-beta",
            "home.html#p-alpha/page-1",
        ]
    );
    let problems = link_problems(&f.public());
    assert!(problems.is_empty(), "{problems:#?}");
    // Each page's "Print view" leads to it in its part; the home page's to the list of parts,
    // which has no print button.
    let print_link = |page: &str| attrs(&f.html(page), "a.hb-print-link", "href");
    assert_eq!(print_link("index.html"), ["print/index.html"]);
    assert_eq!(print_link("beta/index.html"), ["../print/beta.html#p-beta"]);
    assert_eq!(
        print_link("beta/page-3/index.html"),
        ["../../print/beta-page-3.html#p-beta/page-3"]
    );
    assert!(texts(&list, ".hb-print-button").is_empty());
    assert_eq!(
        texts(&f.html("print/beta.html"), ".hb-print-button").len(),
        1
    );
    assert_eq!(
        texts(&f.html("print/beta-page-3.html"), "title"),
        ["BETA: BETA 3 – Test Handbook (print view)"]
    );
}

#[test]
fn a_heading_and_a_page_below_of_one_name_keep_apart_in_the_print_view() {
    let f = Fixture::new();
    f.page(
        "skills/_index.md",
        "Skills",
        "## Empathy\n\nIn short. See [the page](empathy.md) and [the heading](#empathy).\n",
    );
    f.page(
        "skills/empathy.md",
        "Empathy",
        "## Listening\n\nAt length.\n",
    );
    f.build().assert_ok();
    let view = f.html("print/index.html");
    let ids = attrs(&view, "[id]", "id");
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "duplicate ids: {ids:?}");
    assert_eq!(
        attrs(&view, ".hb-content p a", "href"),
        ["#p-skills/empathy", "#p-skills--empathy"]
    );
    assert_eq!(texts(&view, "[id='p-skills/empathy'] > h1"), ["Empathy"]);
    let problems = link_problems(&f.public());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_print_template_of_the_handbooks_own_that_lists_no_parts_keeps_one_page() {
    let f = long_handbook(1);
    f.file(
        "templates/print.html",
        "<!DOCTYPE html><html><head><title>Print</title></head><body>\
         {% for p in pages %}<section id=\"{{ p.id }}\"><h1>{{ p.title }}</h1>{{ p.content | safe }}</section>{% endfor %}\
         </body></html>\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("templates/print.html: warning: the print view (")
            && run
                .stderr
                .contains("but this print.html does not list parts (`parts`)"),
        "{}",
        run.stderr
    );
    let files: Vec<_> = std::fs::read_dir(f.public().join("print"))
        .unwrap()
        .collect();
    assert_eq!(files.len(), 1);
    assert_eq!(texts(&f.html("print/index.html"), "section > h1").len(), 13);
    let problems = link_problems(&f.public());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_link_to_a_redirect_leads_to_its_page_from_the_print_view() {
    let f = Fixture::new();
    f.page("guide.md", "Guide", "See [the old page](old.md).\n");
    f.file(
        "content/old.md",
        "---\ntitle: Old\nredirect_to: /guide/\n---\n",
    );
    f.build().assert_ok();
    let view = f.html("print/index.html");
    assert_eq!(
        attrs(&view, ".hb-content p a", "href"),
        ["../old/index.html"]
    );
    let problems = link_problems(&f.public());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_print_view_can_be_left_out() {
    let f = Fixture::new();
    f.page("guide.md", "Guide", "Text.\n");
    f.build().assert_ok();
    assert!(f.public().join("print/index.html").is_file());
    // In the header, and at the foot of the page for screens too narrow for it in the header.
    let links = |page: &str| {
        f.html(page)
            .select(&sel("a.hb-print-link, .hb-footer-print a"))
            .map(|a| a.value().attr("href").unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        links("index.html"),
        ["print/index.html", "print/index.html"]
    );
    assert_eq!(links("guide/index.html"), ["../print/index.html"; 2]);

    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n[html]\nprint = false\n",
    );
    f.build().assert_ok();
    assert!(!f.public().join("print").exists());
    for page in ["index.html", "guide/index.html"] {
        assert!(links(page).is_empty(), "{page}");
    }

    // mdBook's `[output.html.print] enable = false` says the same.
    let f = Fixture::empty();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Book\"\n[output.html.print]\nenable = false\n",
    );
    f.file("src/SUMMARY.md", "# Summary\n\n[Intro](README.md)\n");
    f.file("src/README.md", "# Intro\n\nText.\n");
    f.build().assert_ok();
    assert!(!f.root().join("book/print").exists());
    assert!(f.root().join("book/index.html").is_file());
}

/// A link to a page's old URL (an alias, or Jekyll's `redirect_from`) leads to the page itself,
/// written as the page's URL (it was a broken link, though the redirect is there).
#[test]
fn a_link_to_an_alias_leads_to_its_page() {
    let f = Fixture::new();
    f.file(
        "content/leave.md",
        "---\ntitle: Leave\nredirect_from: /policies/parental-leave-policy\n---\n## Part\n",
    );
    f.page(
        "benefits.md",
        "Benefits",
        "[a](/policies/parental-leave-policy) [b](/policies/parental-leave-policy/#part)\n",
    );
    f.build().assert_ok();
    let doc = f.html("benefits/index.html");
    assert_eq!(
        attrs(&doc, ".hb-content a", "href"),
        ["../leave/index.html", "../leave/index.html#part"]
    );
    assert!(f
        .public()
        .join("policies/parental-leave-policy/index.html")
        .is_file());
}

/// Links written from the page's URL, as Jekyll and Hugo read them: `guide.md` (published as
/// `guide/`) beside a folder `guide/` of its files links `pic.png` for `guide/pic.png`; a page
/// at the top links `../docker/` for the page `/docker/` (it was "outside the content folder").
#[test]
fn links_written_from_the_pages_url_are_found() {
    let f = Fixture::new();
    f.page(
        "guide.md",
        "Guide",
        "![a picture](pic.png) and [notes](notes.txt)\n",
    );
    f.file("content/guide/pic.png", "PNG");
    f.file("content/guide/notes.txt", "notes");
    f.page("setup.md", "Setup", "See [Docker](../docker/).\n");
    f.page("docker.md", "Docker", "Text.\n");
    f.build().assert_ok();
    let guide = f.html("guide/index.html");
    assert_eq!(
        attrs(&guide, ".hb-content img", "src"),
        ["../guide/pic.png"]
    );
    assert_eq!(
        attrs(&guide, ".hb-content a", "href"),
        ["../guide/notes.txt"]
    );
    let setup = f.html("setup/index.html");
    assert_eq!(
        attrs(&setup, ".hb-content a", "href"),
        ["../docker/index.html"]
    );
    assert!(
        link_problems(&f.public()).is_empty(),
        "{:?}",
        link_problems(&f.public())
    );
}

#[test]
fn exclude_leaves_files_and_folders_out_and_links_to_them_say_so() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[build]\nexclude = [\"drafts/\", \"/README.md\", \"*.tmp.md\", \"team/*.png\", \"!team/keep.png\"]\n",
    );
    f.page("team/_index.md", "Team", "The team.\n");
    f.page("team/notes.tmp.md", "Scratch", "Not yet.\n");
    f.page("drafts/plan.md", "Plan", "Secret plan.\n");
    f.file("content/README.md", "# How to edit this repository\n");
    f.page(
        "guide/README.md",
        "Guide readme",
        "Kept: only the top README is left out.\n",
    );
    f.bytes("content/team/photo.png", b"\x89PNG");
    f.bytes("content/team/keep.png", b"\x89PNG");
    f.build().assert_ok();
    let site = f.snapshot();
    let files: Vec<&String> = site.keys().collect();
    for gone in ["drafts", "README", "notes", "photo.png"] {
        assert!(
            !files.iter().any(|p| p.contains(gone)),
            "{gone} in {files:?}"
        );
    }
    // Not in any page either (the print view, search, the sidebar).
    for (path, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("Secret plan") && !text.contains("Not yet."),
            "in {path}"
        );
    }
    for kept in ["team/index.html", "team/keep.png", "guide/index.html"] {
        assert!(files.iter().any(|p| *p == kept), "{kept} not in {files:?}");
    }
    // Not in the navigation or the search index either.
    let home = f.html("index.html");
    assert!(!texts(&home, "nav a")
        .iter()
        .any(|t| t == "Plan" || t == "Scratch"));
    let index = snapshot(&f.public().join("search"));
    assert!(!index
        .values()
        .any(|v| String::from_utf8_lossy(v).contains("secret")));

    // A link to a file left out is broken, and says why.
    f.page(
        "team/_index.md",
        "Team",
        "See [the plan](../drafts/plan.md) and ![photo](photo.png) and [drafts](../drafts/).\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (column, target, pattern) in [
        (5, "drafts/plan.md", "drafts/"),
        (39, "team/photo.png", "team/*.png"),
        (63, "drafts/", "drafts/"),
    ] {
        let line = format!(
            "content/team/_index.md:4:{column}: error: broken link: `{}` points to {target}, which is excluded from the site (`{pattern}`)",
            match target {
                "drafts/plan.md" => "../drafts/plan.md",
                "team/photo.png" => "photo.png",
                _ => "../drafts/",
            }
        );
        assert!(run.stderr.contains(&line), "{line}\n{}", run.stderr);
    }
}

#[test]
fn an_exclude_pattern_that_is_not_one_is_an_error_at_its_place() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[build]\nexclude = [\n  \"drafts/\",\n  \"*.{md,txt\",\n]\n",
    );
    for command in ["build", "check"] {
        let run = f.run(&[command]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("book.toml:7:4: error: `exclude`: `*.{md,txt` is not a pattern: unclosed alternate group"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("as a line of a .gitignore is"),
            "{}",
            run.stderr
        );
    }
    assert!(!f.public().exists());
}

/// Runs git in the fixture, as a writer would, with the dates given.
fn git(f: &Fixture, args: &[&str], date: &str) {
    let out = std::process::Command::new("git")
        .current_dir(f.root())
        .args(["-c", "user.name=Writer", "-c", "user.email=w@example.com"])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        // The writer's own settings (signing, log.showRoot...) are not the test's.
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `[html] last_updated`: each page shows the day its file was last committed (the commit's
/// date, as its committer's clock gave it; a merge dates what it brought in), and the sitemap
/// says so; a page not yet committed shows none.
#[test]
fn pages_show_when_they_were_last_changed_by_the_repositorys_history() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n[build]\nbase_url = \"https://example.com/\"\n[html]\nlast_updated = true\n",
    );
    f.page("guide.md", "Guide", "Version one.\n");
    f.page("team/ü ber.md", "Über", "Text.\n");
    git(&f, &["init", "-q"], "2026-01-01T00:00:00Z");
    git(&f, &["add", "-A"], "2026-01-01T00:00:00Z");
    git(&f, &["commit", "-qm", "first"], "2026-03-04T23:30:00-02:00");
    f.page("guide.md", "Guide", "Version two.\n");
    git(&f, &["commit", "-qam", "second"], "2026-05-06T12:00:00Z");
    // A branch changes a page on the 7th; merged on the 9th, the page dates from the merge.
    git(&f, &["checkout", "-qb", "topic"], "2026-05-07T10:00:00Z");
    f.page("merged.md", "Merged", "On a branch.\n");
    git(&f, &["add", "-A"], "2026-05-07T10:00:00Z");
    git(&f, &["commit", "-qm", "topic"], "2026-05-07T10:00:00Z");
    git(&f, &["checkout", "-q", "-"], "2026-05-08T10:00:00Z");
    git(
        &f,
        &["merge", "-q", "--no-ff", "-m", "merge", "topic"],
        "2026-05-09T10:00:00Z",
    );
    f.page("new.md", "New", "Not committed.\n");
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("last"), "{}", run.stderr);
    let date_of = |page: &str| -> Vec<String> {
        let doc = f.html(page);
        doc.select(&sel(".hb-meta > div"))
            .filter(|d| d.text().any(|t| t == "Last updated"))
            .flat_map(|d| {
                d.select(&sel("time"))
                    .map(|t| t.value().attr("datetime").unwrap().to_string())
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    assert_eq!(date_of("guide/index.html"), ["2026-05-06"]);
    // The day where it was committed (23:30, two hours west of Greenwich), not in UTC.
    assert_eq!(date_of("team/ü-ber/index.html"), ["2026-03-04"]);
    assert_eq!(date_of("merged/index.html"), ["2026-05-09"]);
    assert!(date_of("new/index.html").is_empty());
    let sitemap = std::fs::read_to_string(f.public().join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://example.com/guide/</loc><lastmod>2026-05-06</lastmod>"),
        "{sitemap}"
    );
    // Off by default.
    f.file("book.toml", "[book]\ntitle = \"Test Handbook\"\n");
    f.build().assert_ok();
    assert!(date_of("guide/index.html").is_empty());
}

/// In a shallow clone (CI's default checkout), a page last changed before the history fetched
/// shows no date rather than the date of the oldest commit fetched, and the build says what to
/// do; outside a repository, the build says why there are no dates. Warnings, at the setting.
#[test]
fn last_changes_that_cannot_be_known_are_not_made_up() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n\n[html]\nlast_updated = true\n",
    );
    f.page("old.md", "Old", "Once.\n");
    f.page("changed.md", "Changed", "Once.\n");
    git(&f, &["init", "-q"], "2026-01-01T00:00:00Z");
    git(&f, &["add", "-A"], "2026-01-01T00:00:00Z");
    git(&f, &["commit", "-qm", "first"], "2026-01-01T00:00:00Z");
    f.page("changed.md", "Changed", "Twice.\n");
    git(&f, &["commit", "-qam", "second"], "2026-02-01T00:00:00Z");
    f.page("later.md", "Later", "Once.\n");
    git(&f, &["add", "-A"], "2026-03-01T00:00:00Z");
    git(&f, &["commit", "-qm", "third"], "2026-03-01T00:00:00Z");
    let source = format!("file://{}", f.root().display());
    let clone_of = |depth: &str| {
        let clone = Fixture::empty();
        let dest = clone.root().join("c");
        let args = [
            "clone",
            "-q",
            "--depth",
            depth,
            &source,
            dest.to_str().unwrap(),
        ];
        git(&f, &args, "2026-03-01T00:00:00Z");
        assert!(dest.join(".git/shallow").is_file());
        clone
    };
    let dates =
        |f: &Fixture, page: &str| attrs(&f.html_in("c/public", page), ".hb-meta time", "datetime");
    // A clone as deep as the history (three commits) lacks nothing: its first commit has no
    // parent to miss, though git lists it as where the clone was cut.
    let whole = clone_of("3");
    let run = whole.run_in("c", &["build"]);
    run.assert_ok();
    assert!(!run.stderr.contains("shallow"), "{}", run.stderr);
    assert_eq!(dates(&whole, "old/index.html"), ["2026-01-01"]);
    // Two commits of three: the older is where the clone was cut, and git lists every file
    // as changed there (the home page, `old`, and `changed`, which it did change): they show
    // no date; the page of the newer commit does.
    let clone = clone_of("2");
    let run = clone.run_in("c", &["build"]);
    run.assert_ok();
    assert!(
        run.stderr.contains(
            "book.toml:5:16: warning: the repository is a shallow clone: 3 pages last changed before its history begins show no date"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("fetch-depth: 0"), "{}", run.stderr);
    assert_eq!(dates(&clone, "later/index.html"), ["2026-03-01"]);
    assert!(dates(&clone, "old/index.html").is_empty());
    assert!(dates(&clone, "changed/index.html").is_empty());

    // Not a repository (and git not to look above the folder for one).
    let plain = Fixture::new();
    plain.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n[html]\nlast_updated = true\n",
    );
    let above = plain.root().parent().unwrap().to_str().unwrap().to_string();
    let run = plain.run_with_env(&["build"], &[("GIT_CEILING_DIRECTORIES", &above)]);
    run.assert_ok();
    assert!(
        run.stderr.contains("book.toml:4:16: warning: no page can show when it was last changed: git says: not a git repository"),
        "{}",
        run.stderr
    );
}

/// A site moved from Hugo (`enableGitInfo`), MkDocs (a git-revision-date plugin) or Docusaurus
/// (`showLastUpdateTime`) asked for each page's last change: it is asked for here too, and
/// outside a repository the warning names that tool's settings file.
#[test]
fn other_tools_settings_for_last_changes_are_read() {
    let sites: [(&str, &str, &str, &str); 3] = [
        (
            "hugo.toml",
            "title = 'H'\nenableGitInfo = true\n",
            "content/_index.md",
            "+++\ntitle = 'Home'\n+++\nHi.\n",
        ),
        (
            "mkdocs.yml",
            "site_name: M\nplugins:\n  - search\n  - git-revision-date-localized:\n      type: date\n",
            "docs/index.md",
            "# Home\n\nHi.\n",
        ),
        (
            "docusaurus.config.js",
            "module.exports = {\n  title: 'D',\n  presets: [['classic', { docs: { showLastUpdateTime: true } }]],\n};\n",
            "docs/index.md",
            "# Home\n\nHi.\n",
        ),
    ];
    for (settings, text, page, body) in sites {
        for on in [true, false] {
            let f = Fixture::empty();
            let text = if on {
                text.to_string()
            } else {
                text.replace("true", "false")
                    .replace("git-revision-date-localized", "tags")
            };
            f.file(settings, &text);
            f.file(page, body);
            let above = f.root().parent().unwrap().to_str().unwrap().to_string();
            let run = f.run_with_env(&["build"], &[("GIT_CEILING_DIRECTORIES", &above)]);
            run.assert_ok();
            let warned = run.stderr.contains(&format!(
                "{settings}: warning: no page can show when it was last changed"
            ));
            assert_eq!(warned, on, "{settings} {text}:\n{}", run.stderr);
            if on {
                let hint = format!("or leave out the setting of {settings} that asks for");
                assert!(run.stderr.contains(&hint), "{}", run.stderr);
            }
        }
    }
}

/// A page that says when it was last changed in another tool's front matter (Hugo's `lastmod`,
/// the Jekyll plugin's `last_modified_at`, Docusaurus' `last_update`) shows that day, with or
/// without git.
#[test]
fn a_last_change_written_in_the_front_matter_is_shown() {
    let f = Fixture::new();
    f.file(
        "content/hugo.md",
        "+++\ntitle = 'H'\nlastmod = 2025-06-07T10:00:00Z\n+++\nText.\n",
    );
    f.file(
        "content/jekyll.md",
        "---\ntitle: J\nlast_modified_at: 2025-05-04\n---\nText.\n",
    );
    f.file(
        "content/docusaurus.md",
        "---\ntitle: D\nlast_update:\n  date: 2025-03-02\n  author: Ann\n---\nText.\n",
    );
    f.file(
        "content/odd.md",
        "---\ntitle: O\nlastmod: soon\n---\nText.\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("lastmod"), "{}", run.stderr);
    let dates = |page: &str| attrs(&f.html(page), ".hb-meta time", "datetime");
    assert_eq!(dates("hugo/index.html"), ["2025-06-07"]);
    assert_eq!(dates("jekyll/index.html"), ["2025-05-04"]);
    assert_eq!(dates("docusaurus/index.html"), ["2025-03-02"]);
    assert!(dates("odd/index.html").is_empty());
}

/// The home page reads as any page: its own text, with its contents beside it, and then the
/// chapters.
#[test]
fn the_home_page_has_its_contents_and_its_text_before_the_chapters() {
    let f = Fixture::new();
    f.page(
        "_index.md",
        "Home",
        "Welcome.\n\n## Who this is for\n\nEveryone.\n\n## How to use it\n\nRead.\n",
    );
    f.page("guide.md", "Guide", "Text.\n");
    f.build().assert_ok();
    let home = f.html("index.html");
    assert_eq!(
        texts(&home, ".hb-toc a"),
        ["Who this is for", "How to use it"]
    );
    let order: Vec<String> = home
        .select(&sel(".hb-home > *"))
        .filter_map(|e| e.value().attr("class").map(String::from))
        .collect();
    assert_eq!(
        order,
        ["hb-page-header", "hb-toc", "hb-content", "hb-chapters"]
    );
    assert_eq!(texts(&home, ".hb-chapters a"), ["Guide"]);
}

/// `handbook init` starts a handbook that checks and builds cleanly, its title written safely
/// into book.toml and the home page; it never writes over a handbook or a file.
#[test]
fn init_starts_a_handbook_that_checks_and_builds_cleanly() {
    let f = Fixture::empty();
    let today = [("HANDBOOK_TODAY", "2026-11-28")];
    let run = f.run_with_env(
        &["init", "team", "--title", "Platform \"EM\" handbook: how"],
        &today,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("content/faq.md"), "{}", run.stdout);
    assert!(
        run.stdout.contains("handbook serve --root team"),
        "{}",
        run.stdout
    );
    let check = f.run_with_env(&["check", "--root", "team", "--strict"], &today);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);
    let build = f.run(&["build", "--root", "team"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let home = f.html_in("team/public", "index.html");
    assert_eq!(texts(&home, "h1"), ["Platform \"EM\" handbook: how"]);
    assert_eq!(
        texts(&home, "#hb-sidebar a"),
        [
            "Home",
            "The role",
            "Frequently asked questions",
            "Audiences",
            "Tags"
        ]
    );
    let faq = f.html_in("team/public", "faq/index.html");
    assert_eq!(
        attrs(&faq, "script[type='application/ld+json']", "type").len(),
        1,
        "the FAQ page's structured data"
    );
    // A second run refuses, and changes nothing.
    let before = snapshot(&f.root().join("team"));
    let again = f.run(&["init", "team"]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again.stderr.contains("holds a handbook already"),
        "{}",
        again.stderr
    );
    assert_eq!(snapshot(&f.root().join("team")), before);
    // A folder with one of its files is refused too, before anything is written.
    f.file("other/content/faq.md", "Mine.\n");
    let taken = f.run(&["init", "other"]);
    assert_eq!(taken.code, 2, "{}", taken.stderr);
    assert!(taken.stderr.contains("content/faq.md"), "{}", taken.stderr);
    assert!(!f.root().join("other/book.toml").exists());
    // A repository's own `.gitignore` is kept; a link where a file goes is never followed.
    f.file("repo/.gitignore", "target/\n");
    assert_eq!(f.run(&["init", "repo"]).code, 0);
    assert_eq!(
        std::fs::read_to_string(f.root().join("repo/.gitignore")).unwrap(),
        "target/\n"
    );
    std::fs::create_dir_all(f.root().join("linked/content")).unwrap();
    std::os::unix::fs::symlink(
        f.root().join("elsewhere.md"),
        f.root().join("linked/content/faq.md"),
    )
    .unwrap();
    assert_eq!(f.run(&["init", "linked"]).code, 2);
    assert!(!f.root().join("elsewhere.md").exists());
    // A title must be one printable line.
    let bell = f.run(&["init", "bell", "--title", "Ring\u{7}"]);
    assert_eq!(bell.code, 2, "{}", bell.stderr);
}
