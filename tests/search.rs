//! Search: the index files a build writes, the query quality over this repository's handbook
//! (with the real query engine, in Node), and the search box in real Chromium over HTTP and from
//! `file://`, including the shared text vectors and a page title full of HTML.

mod common;

use std::process::Command;

use common::{
    browser_tools, built_handbook, has_command, repo, require, run_browser_script, snapshot,
    Fixture,
};

fn script_data(text: &str) -> serde_json::Value {
    let start = text.find(',').unwrap() + 1;
    let end = text.rfind(')').unwrap();
    serde_json::from_str(&text[start..end]).unwrap()
}

#[test]
fn build_writes_a_sharded_index_that_covers_every_term() {
    let f = Fixture::new();
    f.page("hiring.md", "Hiring", "## Interviews\n\nStructured interviews reduce bias.\n\n## Offers\n\nMake offers quickly.\n");
    f.build().assert_ok();
    let manifest =
        script_data(&std::fs::read_to_string(f.public().join("search/manifest.js")).unwrap());
    // Every other file is in the folder the manifest names.
    let version = manifest["version"].as_str().unwrap();
    let search = f.public().join("search").join(version);
    assert_eq!(
        std::fs::read_dir(f.public().join("search"))
            .unwrap()
            .count(),
        2,
        "the manifest and one folder"
    );
    // The vocabulary files there are, by their terms' first character.
    let initials = manifest["initials"].as_str().unwrap();
    assert!(
        initials.contains('i') && initials.contains('o'),
        "{initials}"
    );
    assert!(search.join("v/69.js").is_file());
    assert!(!initials.contains('z') && !search.join("v/7a.js").exists());
    assert_eq!(manifest["pages"], 2);
    assert_eq!(
        manifest["docs"], 4,
        "home lead, page lead, two sections: {manifest}"
    );
    let shards: Vec<String> = manifest["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    // "interviews" is stemmed to "interview" and sits in the file of the last key not after
    // it (the keys are sorted).
    assert!(shards.is_sorted(), "{shards:?}");
    let key = handbook::search::index::shard_of("interview", &shards).unwrap();
    assert!(key.as_str() <= "interview");
    let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
    let shard = script_data(&std::fs::read_to_string(search.join(format!("p/{hex}.js"))).unwrap());
    let interview = &shard["interview"];
    assert_eq!(interview[0], 1, "one document has the word");
    let docs = script_data(&std::fs::read_to_string(search.join("d/0.js")).unwrap());
    let postings = handbook::search::index::unpack(&interview[1].to_string()).unwrap();
    assert_eq!(postings.len(), 1, "{interview}");
    let doc = postings[0].0 as usize;
    assert_eq!(docs[doc][1], "Interviews");
    assert_eq!(docs[doc][2], "interviews");
    let pages = script_data(&std::fs::read_to_string(search.join("g/0.js")).unwrap());
    assert_eq!(
        pages[docs[doc][0].as_u64().unwrap() as usize][1],
        "hiring/index.html"
    );
}

/// The documents that hold `term` in the index `public` holds, as (heading, anchor) of each.
fn documents_with(public: &std::path::Path, term: &str) -> Vec<(String, String)> {
    let manifest =
        script_data(&std::fs::read_to_string(public.join("search/manifest.js")).unwrap());
    let search = public
        .join("search")
        .join(manifest["version"].as_str().unwrap());
    let shards: Vec<String> = serde_json::from_value(manifest["shards"].clone()).unwrap();
    let Some(key) = handbook::search::index::shard_of(term, &shards) else {
        return Vec::new();
    };
    let shard = script_data(
        &std::fs::read_to_string(
            search.join(format!("p/{}.js", handbook::search::index::hex(key))),
        )
        .unwrap(),
    );
    let Some(entry) = shard.get(term) else {
        return Vec::new();
    };
    let docs = script_data(&std::fs::read_to_string(search.join("d/0.js")).unwrap());
    handbook::search::index::unpack(&entry[1].to_string())
        .unwrap()
        .into_iter()
        .map(|(doc, _, _)| {
            let doc = &docs[doc as usize];
            (
                doc[1].as_str().unwrap_or_default().to_string(),
                doc[2].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_handbook_in_french_is_indexed_by_the_rules_of_french() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Manuel\"\nlanguage = \"fr-CA\"\n",
    );
    f.page(
        "organisation.md",
        "Organisation",
        "## L'équipe\n\nLes équipes d'ingénieurs évaluées chaque trimestre.\n\n\
         ## Qualité\n\nLa qualité et les qualités.\n",
    );
    f.build().assert_ok();
    let public = f.public();
    let manifest =
        script_data(&std::fs::read_to_string(public.join("search/manifest.js")).unwrap());
    assert_eq!(manifest["language"], "fr");
    // "l'équipe" is the elided article and "équipe", one term with "équipes"; "évaluées" is
    // stemmed as French ("evalu"), whose "-ées" has an accent that folding removed.
    // (Typography makes the apostrophe a curly one.)
    let heading = |heading: &str, anchor: &str| vec![(heading.to_string(), anchor.to_string())];
    assert_eq!(
        documents_with(&public, "equip"),
        heading("L’équipe", "léquipe")
    );
    assert!(documents_with(&public, "lequip").is_empty());
    assert_eq!(
        documents_with(&public, "evalu"),
        heading("L’équipe", "léquipe")
    );
    assert_eq!(
        documents_with(&public, "qualit"),
        heading("Qualité", "qualité")
    );
    // French stop words are left out; English ones are words like any other.
    assert!(documents_with(&public, "le").is_empty());
    assert!(documents_with(&public, "l").is_empty());
    // The browser's script reads words by the same rules: they go in front of it.
    let script = std::fs::read_to_string(public.join("assets/search.js")).unwrap();
    assert!(
        script.starts_with("window.HandbookText = {") && script.contains("\"language\":\"fr\""),
        "{}",
        &script[..200]
    );
    assert!(script.contains("HandbookStemmers || (global.HandbookStemmers = {})).fr"));

    // An English handbook's script is the theme's own, and "l'équipe" one word there.
    let english = Fixture::new();
    english.page("equipes.md", "Teams", "L'équipe.\n");
    english.build().assert_ok();
    let manifest =
        script_data(&std::fs::read_to_string(english.public().join("search/manifest.js")).unwrap());
    assert_eq!(manifest["language"], "en");
    assert_eq!(documents_with(&english.public(), "lequip").len(), 1);
    let script = std::fs::read_to_string(english.public().join("assets/search.js")).unwrap();
    assert!(!script.contains("HandbookText = {"), "{}", &script[..200]);
}

#[test]
fn builds_in_one_process_give_the_index_a_fresh_process_gives() {
    // Indexing keeps a word table per worker thread from page to page. A second build in the
    // same process (as `serve` makes) must start its own tables: the same files as a build in
    // a fresh process, and words new since the last build found.
    let f = Fixture::new();
    for i in 0..300 {
        f.page(
            &format!("s{}/p{i}.md", i % 7),
            &format!("Page {i}"),
            &format!(
                "## Part {i}\n\nWord{i} and shared text about hiring, {}.\n",
                i * 7
            ),
        );
    }
    let build = |dest: &std::path::Path| {
        handbook::build(&handbook::BuildOptions {
            root: Some(f.root().to_path_buf()),
            dest: Some(dest.to_path_buf()),
            ..Default::default()
        })
        .unwrap()
    };
    let out = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        out.path().join("a"),
        out.path().join("b"),
        out.path().join("c"),
    );
    build(&a);
    build(&b);
    f.build().assert_ok();
    let fresh = snapshot(&f.public().join("search"));
    assert!(fresh.len() > 10, "{:?}", fresh.keys());
    assert_eq!(snapshot(&a.join("search")), fresh);
    assert_eq!(snapshot(&b.join("search")), fresh);
    f.page("s0/p0.md", "Page 0", "## Part 0\n\nZebrafish appear.\n");
    build(&c);
    let vocabulary: String = snapshot(&c.join("search"))
        .iter()
        .filter(|(path, _)| path.contains("/v/"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    assert!(vocabulary.contains("\"zebrafish\""), "{vocabulary}");
}

#[test]
fn the_index_folder_is_named_after_its_contents() {
    // A browser may keep index files in its cache, and a tab stays open across a new build:
    // files of two builds must never be read together. Each build's files are in a folder
    // named after them; the manifest says which.
    let f = Fixture::new();
    f.page(
        "hiring.md",
        "Hiring",
        "## Interviews\n\nStructured interviews reduce bias.\n",
    );
    f.page("offers.md", "Offers", "## Offers\n\nMake offers quickly.\n");
    let version = |f: &Fixture| {
        let manifest = f.public().join("search/manifest.js");
        let data = script_data(&std::fs::read_to_string(manifest).unwrap());
        data["version"].as_str().unwrap().to_string()
    };
    f.build().assert_ok();
    let first = version(&f);
    assert_eq!(first.len(), 16, "{first}");
    assert!(f
        .public()
        .join("search")
        .join(&first)
        .join("d/0.js")
        .is_file());
    f.build().assert_ok();
    assert_eq!(version(&f), first, "the same pages give the same folder");
    f.page("offers.md", "Offers", "## Offers\n\nMake offers slowly.\n");
    f.build().assert_ok();
    let second = version(&f);
    assert_ne!(second, first, "a changed page gives a new folder");
    assert!(!f.public().join("search").join(&first).exists());
    assert!(f
        .public()
        .join("search")
        .join(&second)
        .join("d/0.js")
        .is_file());
}

#[test]
fn query_quality_over_this_handbook() {
    if require(&[("node", has_command("node"))]).is_none() {
        return;
    }
    let (_f, site) = built_handbook();
    let output = Command::new("node")
        .arg(repo().join("tests/browser/search-quality.mjs"))
        .arg(&site)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The per-query ranks and the mean reciprocal rank, for the log.
    println!("{stdout}");
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn search_box_in_chromium_over_http_and_file() {
    if require(&browser_tools()).is_none() {
        return;
    }
    let (_f, site) = built_handbook();
    let xss = Fixture::new();
    xss.file(
        "content/evil.md",
        "---\ntitle: \"<img src=x onerror=alert(1)>\"\n---\n## <b>bold</b> onerror heading\n\nText about onerror handlers.\n",
    );
    // A page in Japanese, written without spaces between words (searched by pairs of
    // characters: `is_paired`).
    xss.file(
        "content/kanji.md",
        "---\ntitle: 情報共有のルール\n---\n## 非同期コミュニケーション\n\nチームは決定事項を文書で共有します。\n",
    );
    // Korean writes compounds whole and joins endings to words; Thai has no spaces between
    // words: both are searched by pairs too.
    xss.file(
        "content/korean.md",
        "---\ntitle: 팀 운영 가이드\n---\n## 주간 일정\n\n팀장회의는 매주 월요일에 열립니다.\n",
    );
    xss.file(
        "content/thai.md",
        "---\ntitle: คู่มือผู้จัดการ\n---\n## ตารางงาน\n\nทีมมีการประชุมแบบตัวต่อตัวทุกสัปดาห์\n",
    );
    xss.build().assert_ok();
    let vectors = repo().join("tests/fixtures/search-vectors.json");
    let public = xss.public();
    // Two builds of one handbook, as deployed one after the other: the second adds pages
    // before the one searched for (so its documents' numbers change) and retitles it.
    let deploy = Fixture::new();
    deploy.page("alpha.md", "Alpha notes", "Alpha releases ship monthly.\n");
    deploy.page(
        "mongoose.md",
        "Mongoose field guide",
        "## Habits\n\nThe mongoose hunts.\n",
    );
    deploy.build().assert_ok();
    let first = deploy.root().join("first");
    std::fs::rename(deploy.public(), &first).unwrap();
    for i in 1..=5 {
        deploy.page(
            &format!("beta-{i}.md"),
            &format!("Beta {i}"),
            "Beta notes on mongoose care.\n",
        );
    }
    deploy.page(
        "mongoose.md",
        "Mongoose field guide, second edition",
        "## Habits\n\nThe mongoose hunts.\n",
    );
    deploy.build().assert_ok();
    let second = deploy.public();
    run_browser_script(
        "search-ui.mjs",
        &[
            site.as_os_str(),
            public.as_os_str(),
            vectors.as_os_str(),
            first.as_os_str(),
            second.as_os_str(),
        ],
        "search checks: all passed",
    );
}

#[test]
fn chromium_searches_each_language_by_its_own_rules() {
    if require(&browser_tools()).is_none() {
        return;
    }
    // (language, a page's title and text, another page's, a query: another form of a word
    // only the first page has, and that word as the page writes it, alone; then, for German, a
    // misspelling of it).
    let handbooks = [
        (
            "de",
            (
                "Mitarbeitergespräche",
                "Die Mitarbeitergespräche finden monatlich statt.",
            ),
            ("Ziele", "Drei Ziele im Quartal."),
            "Mitarbeitergespräch=Mitarbeitergespräche=Mitarbeitergesprech",
        ),
        (
            "fr",
            (
                "Évaluations",
                "L'équipe évalue les compétences chaque trimestre.",
            ),
            ("Objectifs", "Trois objectifs par trimestre."),
            "équipes=équipe",
        ),
        (
            "es",
            (
                "Contratación",
                "La contratación de ingenieros sigue tres entrevistas.",
            ),
            ("Objetivos", "Tres objetivos por trimestre."),
            "contrataciones=contratación",
        ),
        (
            "it",
            (
                "Colloqui",
                "L'organizzazione dei colloqui: ognuno dura un'ora.",
            ),
            ("Obiettivi", "Tre obiettivi per trimestre."),
            "organizzazioni=organizzazione",
        ),
        (
            "pt",
            (
                "Avaliações",
                "A avaliação de desempenho acontece duas vezes por ano.",
            ),
            ("Objetivos", "Três objetivos por trimestre."),
            "avaliacao=avaliação",
        ),
        (
            "nl",
            (
                "Beoordelingen",
                "De beoordeling van prestaties gebeurt jaarlijks.",
            ),
            ("Doelen", "Drie doelen per kwartaal."),
            "beoordelingen=beoordeling",
        ),
    ];
    let mut fixtures = Vec::new();
    let mut args: Vec<std::ffi::OsString> =
        vec![repo().join("tests/fixtures/search-vectors.json").into()];
    for (language, (title, text), (other, other_text), query_and_word) in handbooks {
        let f = Fixture::new();
        f.file(
            "book.toml",
            &format!("[book]\ntitle = \"Handbook\"\nlanguage = \"{language}\"\n"),
        );
        f.page("one.md", title, &format!("{text}\n"));
        f.page("two.md", other, &format!("{other_text}\n"));
        f.build().assert_ok();
        let mut site = std::ffi::OsString::from(format!("{language}="));
        site.push(f.public());
        args.push(site);
        let (query, word) = query_and_word.split_once('=').unwrap();
        args.push(format!("{query}={title}={word}").into());
        fixtures.push(f);
    }
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    run_browser_script(
        "search-languages.mjs",
        &args,
        "language search checks: all passed",
    );
}

/// A heading with nothing under it but a smaller heading ranks behind a section that is about
/// the word: the empty one was the shortest of documents, and BM25 put it first.
#[test]
fn a_section_with_no_text_of_its_own_ranks_behind_one_about_the_word() {
    let f = Fixture::new();
    f.page(
        "team.md",
        "Team",
        "## Hiring\n\n### Interview loops\n\nRun the loops with two people and a written rubric.\n",
    );
    f.page(
        "growth.md",
        "Growth",
        "## Hiring\n\nHiring well takes a plan, a pipeline that you own, and patient \
         conversations with every candidate along the way, whatever the role and the level.\n",
    );
    f.build().assert_ok();
    let impacts = impacts_of(&f.public(), "hire");
    let impact = |page: &str| {
        impacts
            .iter()
            .find(|(p, heading, _)| p == page && heading == "Hiring")
            .map(|(_, _, impact)| *impact)
            .unwrap_or_else(|| panic!("{page}: {impacts:?}"))
    };
    assert!(
        impact("growth/index.html") > impact("team/index.html"),
        "{impacts:?}"
    );
}

/// Words written in raw HTML are found as the page's words; words either side of a tag that
/// parts them (a cell's, a `<br>`), or of a nested list item, are two words; what a script or
/// a style holds, and a comment, is not text.
#[test]
fn words_in_raw_html_and_nested_lists_are_found_apart() {
    let f = Fixture::new();
    f.page(
        "zoo.md",
        "Zoo",
        "## Animals\n\n\
         <table><tr><td>Quokka</td><td>Jaguar</td></tr></table>\n\n\
         <details><summary>Bison facts</summary>\n\nPlain text.\n\n</details>\n\n\
         Line one<br>Lynx\n\n\
         * Kiwi\n  * Okapi\n\n\
         <p>Tom &amp; Zebra&nbsp;Ferret &#x41;rdvark caf&eacute; Wal&zzz;rus wo<wbr>mbat</p>\n\n\
         <script>var hidden = \"marmot\";</script>\n\n\
         <style>.gopher { color: red }</style>\n\n\
         <!-- tapir -->\n",
    );
    f.build().assert_ok();
    let animals = vec![("Animals".to_string(), "animals".to_string())];
    for word in [
        "quokka", "jaguar", "bison", "lynx", "kiwi", "okapi", "zebra", "ferret", "ardvark", "cafe",
        "wal", "rus", "wombat",
    ] {
        assert_eq!(documents_with(&f.public(), word), animals, "{word}");
    }
    for word in [
        "quokkajaguar",
        "onelynx",
        "kiwiokapi",
        "marmot",
        "gopher",
        "tapir",
        "amp",
        "nbsp",
        "eacut",
        "td",
        "script",
        "style",
        "caf",
        "zzz",
        "wo",
        "mbat",
        "wbr",
    ] {
        assert!(documents_with(&f.public(), word).is_empty(), "{word}");
    }
}

/// (page, section heading, impact) of each document that holds `term`.
fn impacts_of(public: &std::path::Path, term: &str) -> Vec<(String, String, u64)> {
    let manifest =
        script_data(&std::fs::read_to_string(public.join("search/manifest.js")).unwrap());
    let search = public
        .join("search")
        .join(manifest["version"].as_str().unwrap());
    let shards: Vec<String> = serde_json::from_value(manifest["shards"].clone()).unwrap();
    let key = handbook::search::index::shard_of(term, &shards).unwrap();
    let shard = script_data(
        &std::fs::read_to_string(
            search.join(format!("p/{}.js", handbook::search::index::hex(key))),
        )
        .unwrap(),
    );
    let docs = script_data(&std::fs::read_to_string(search.join("d/0.js")).unwrap());
    let pages = script_data(&std::fs::read_to_string(search.join("g/0.js")).unwrap());
    handbook::search::index::unpack(&shard[term][1].to_string())
        .unwrap()
        .into_iter()
        .map(|(doc, impact, _)| {
            let doc = &docs[doc as usize];
            let page = &pages[doc[0].as_u64().unwrap() as usize];
            (
                page[1].as_str().unwrap().to_string(),
                doc[1].as_str().unwrap_or_default().to_string(),
                u64::from(impact),
            )
        })
        .collect()
}
