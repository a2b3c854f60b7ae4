//! `handbook check`: every diagnostic with its exact file, line and column, each output format,
//! each exit code, `--strict`, the review report, with "today" fixed by `HANDBOOK_TODAY`.

mod common;

use common::{attrs, texts, Fixture, Run};
use serde_json::Value;

const TODAY: &str = "2026-11-28";

fn check(f: &Fixture, args: &[&str]) -> Run {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    f.run_with_env(&all, &[("HANDBOOK_TODAY", TODAY)])
}

/// Validates `value` against the subset of JSON Schema our schema file uses.
fn validate(schema: &Value, value: &Value, path: &str) {
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let matches = |t: &str| match t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "null" => value.is_null(),
            _ => false,
        };
        assert!(
            types.iter().any(|t| matches(t)),
            "{path}: {value} is not {types:?}"
        );
    }
    if let Some(Value::Array(allowed)) = schema.get("enum") {
        assert!(
            allowed.contains(value),
            "{path}: {value} not in {allowed:?}"
        );
    }
    if let (Some(props), Value::Object(map)) = (schema.get("properties"), value) {
        for key in schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            assert!(map.contains_key(key), "{path}: missing {key}");
        }
        for (key, v) in map {
            match props.get(key) {
                Some(sub) => validate(sub, v, &format!("{path}.{key}")),
                None => assert!(
                    schema["additionalProperties"] != Value::Bool(false),
                    "{path}: unexpected {key}"
                ),
            }
        }
    }
    if let (Some(items), Value::Array(list)) = (schema.get("items"), value) {
        for (i, v) in list.iter().enumerate() {
            validate(items, v, &format!("{path}[{i}]"));
        }
    }
}

fn json_report(f: &Fixture, extra: &[&str]) -> (Run, Value) {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let run = check(f, &args);
    let value: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    let schema_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/check-output.schema.json"
    ))
    .unwrap();
    validate(&serde_json::from_str(&schema_text).unwrap(), &value, "$");
    (run, value)
}

/// (severity, code, file, line, column) of a diagnostic.
type Found = (String, String, String, Option<u64>, Option<u64>);

/// Every diagnostic of a JSON report.
fn found(report: &Value) -> Vec<Found> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64(),
                d["column"].as_u64(),
            )
        })
        .collect()
}

fn has(report: &Value, severity: &str, code: &str, file: &str, line: u64, column: u64) {
    let all = found(report);
    let want = (
        severity.to_string(),
        code.to_string(),
        file.to_string(),
        Some(line),
        Some(column),
    );
    assert!(all.contains(&want), "{want:?} not in {all:#?}");
}

/// A handbook with one of each problem.
fn broken() -> Fixture {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n[check]\nrequire_owner = true\n",
    );
    f.file(
        "content/_index.md",
        "---\ntitle: Home\nowner: \"@a\"\n---\nHi [out](https://example.com/x).\n",
    );
    f.file("content/types.md", "---\ntitle: Types\nweight: abc\n---\n");
    f.file(
        "content/date.md",
        "---\ntitle: Date\nowner: \"@a\"\nlast_reviewed: 2026-13-01\n---\n",
    );
    f.file(
        "content/typo.md",
        "---\ntitle: Typo\nowner: \"@a\"\ntittle: x\n---\nText.\n",
    );
    f.file("content/notitle.md", "---\nowner: \"@a\"\n---\nText.\n");
    f.file(
        "content/dup-a.md",
        "---\ntitle: A\nowner: \"@a\"\nslug: same\n---\nText.\n",
    );
    f.file(
        "content/dup-b.md",
        "---\ntitle: B\nowner: \"@a\"\nslug: same\n---\nText.\n",
    );
    f.file(
        "content/alias.md",
        "---\ntitle: Alias\nowner: \"@a\"\naliases: [/typo/]\n---\nText.\n",
    );
    f.file(
        "content/moved.md",
        "---\ntitle: Moved\nowner: \"@a\"\nredirect_from:\n  - /moved/\n  - /typo/\n---\nText.\n",
    );
    f.file(
        "content/landing.md",
        "---\ntitle: Landing\nowner: \"@a\"\naliases: [/folder/]\n---\nText.\n",
    );
    f.file(
        "content/links.md",
        "---\ntitle: Links\nowner: \"@a\"\n---\n## Here\n\n[a](gone.md) [b](typo.md#nope) [c](#nowhere)\n\n![img](missing.png) [up](../../etc/passwd.md)\n",
    );
    f.file(
        "content/empty.md",
        "---\ntitle: Empty\nowner: \"@a\"\n---\n\n",
    );
    f.file(
        "content/stale.md",
        "---\ntitle: Stale\nowner: \"@old-team\"\nlast_reviewed: 2026-01-01\n---\nText.\n",
    );
    f.file(
        "content/folder/page.md",
        "---\ntitle: In folder\nowner: \"@a\"\n---\nText.\n",
    );
    f.file(
        "content/orphan-owner.md",
        "---\ntitle: No owner\n---\nText.\n",
    );
    f
}

#[test]
fn every_diagnostic_has_its_file_line_and_column() {
    let f = broken();
    let (run, report) = json_report(&f, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    has(&report, "error", "front-matter", "content/types.md", 3, 9);
    has(&report, "error", "front-matter", "content/date.md", 4, 16);
    has(&report, "warning", "unknown-key", "content/typo.md", 4, 1);
    has(&report, "warning", "no-title", "content/notitle.md", 1, 1);
    // At the slug that gave the address; at the alias itself.
    has(&report, "error", "duplicate-url", "content/dup-b.md", 4, 1);
    has(&report, "error", "alias", "content/alias.md", 4, 11);
    // Jekyll's `redirect_from` is read as `aliases`, and its problems point at its items: the
    // page's own URL is only a warning (nothing to redirect), another page's URL an error.
    has(&report, "warning", "alias", "content/moved.md", 5, 5);
    has(&report, "error", "alias", "content/moved.md", 6, 5);
    // The URL of a section page made up for a folder without an index file: the alias most
    // likely meant this page to be that folder's index, and the hint says how. A warning: the
    // page made for the folder stays, and the site is whole (Hugo makes none there).
    let landing = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"] == "content/landing.md")
        .unwrap();
    assert_eq!(
        landing["message"],
        "alias `/folder/` is already the URL of the section page made for the folder `folder`, which has no _index.md; it is left out"
    );
    assert_eq!(landing["severity"], "warning");
    assert_eq!(
        landing["hint"],
        "to make this page the section's page, move it to folder/_index.md; or remove the alias"
    );
    has(&report, "error", "broken-link", "content/links.md", 7, 1);
    has(&report, "error", "broken-anchor", "content/links.md", 7, 14);
    has(&report, "error", "broken-anchor", "content/links.md", 7, 32);
    has(&report, "error", "broken-link", "content/links.md", 9, 1);
    has(&report, "error", "broken-link", "content/links.md", 9, 21);
    has(&report, "warning", "empty-page", "content/empty.md", 5, 1);
    has(
        &report,
        "warning",
        "review-overdue",
        "content/stale.md",
        4,
        1,
    );
    has(
        &report,
        "error",
        "no-owner",
        "content/orphan-owner.md",
        1,
        1,
    );
    let no_index = found(&report)
        .into_iter()
        .find(|d| d.1 == "no-index")
        .expect("no-index");
    assert_eq!(
        (no_index.0.as_str(), no_index.2.as_str(), no_index.3),
        ("warning", "content/folder", None)
    );
    let stale = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "review-overdue")
        .unwrap();
    assert_eq!(
        stale["message"],
        "review overdue: last reviewed 2026-01-01, due 2026-06-30 (151 days ago; owner @old-team)"
    );
    assert_eq!(report["external_links"][0]["url"], "https://example.com/x");
    assert_eq!(report["external_links"][0]["line"], 5);
    let (errors, warnings) = (
        report["summary"]["errors"].as_u64().unwrap(),
        report["summary"]["warnings"].as_u64().unwrap(),
    );
    assert_eq!((errors, warnings), (11, 7), "{:#?}", found(&report));
}

#[test]
fn human_format_shows_the_line_with_a_caret_and_a_summary() {
    let f = Fixture::new();
    f.page("a.md", "A", "Intro.\n\nSee [x](gone.md) now.\n");
    let run = check(&f, &[]);
    assert_eq!(run.code, 1);
    let expected = "content/a.md:6:5: error: broken link: `gone.md` points to gone.md, which does not exist\n  |\n6 | See [x](gone.md) now.\n  |     ^\n  = hint: fix the path (it is relative to this file), or create the page\n1 error, 0 warnings\n";
    assert_eq!(run.stderr, expected);
    assert!(!run.stderr.contains('\x1b'), "no colour without a terminal");

    // Chinese characters take two columns of a terminal: the caret stands under the link.
    f.page("a.md", "A", "参见 [x](gone.md)。\n");
    let run = check(&f, &[]);
    assert!(
        run.stderr
            .contains(":4:4: error: broken link: `gone.md` points to gone.md, which does not exist\n  |\n4 | 参见 [x](gone.md)。\n  |      ^\n"),
        "{}",
        run.stderr
    );
    // An emoji made wide by a variation selector takes two columns too.
    f.page("a.md", "A", "❤️ [x](gone.md)\n");
    let run = check(&f, &[]);
    assert!(
        run.stderr.contains("4 | ❤️ [x](gone.md)\n  |    ^\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn github_format_is_workflow_annotations() {
    let f = Fixture::new();
    f.page("a.md", "A", "[x](gone.md)\n");
    f.file("content/b.md", "---\ntitle: B\ntittle: x\n---\nText.\n");
    let run = check(&f, &["--format", "github"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "::error file=content/a.md,line=4,col=1,title=broken-link::broken link: `gone.md` points to gone.md, which does not exist%0Ahint: fix the path (it is relative to this file), or create the page\n\
         ::warning file=content/b.md,line=3,col=1,title=unknown-key::unknown front matter key `tittle`%0Ahint: did you mean `title`?\n"
    );
}

#[test]
fn gitlab_format_is_a_code_quality_report() {
    let f = Fixture::new();
    f.page("a.md", "A", "[x](gone.md)\n");
    let run = check(&f, &["--format", "gitlab"]);
    assert_eq!(run.code, 1);
    let issues: Value = serde_json::from_str(&run.stdout).unwrap();
    let issue = &issues[0];
    assert_eq!(issue["check_name"], "broken-link");
    assert_eq!(issue["severity"], "major");
    assert_eq!(issue["location"]["path"], "content/a.md");
    assert_eq!(issue["location"]["lines"]["begin"], 4);
    assert_eq!(issue["fingerprint"].as_str().unwrap().len(), 16);
    let again: Value = serde_json::from_str(&check(&f, &["--format", "gitlab"]).stdout).unwrap();
    assert_eq!(
        issue["fingerprint"], again[0]["fingerprint"],
        "fingerprints are stable"
    );
}

#[test]
fn exit_codes_and_strict() {
    let f = Fixture::new();
    let one = check(&f, &[]);
    assert!(
        one.stderr.contains("Checked 1 page: no problems"),
        "{}",
        one.stderr
    );
    f.page("a.md", "A", "Fine.\n");
    let clean = check(&f, &[]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert!(
        clean.stderr.contains("Checked 2 pages: no problems"),
        "{}",
        clean.stderr
    );

    f.file("content/b.md", "---\ntitle: B\ntittle: x\n---\nText.\n");
    assert_eq!(check(&f, &[]).code, 0, "warnings alone pass");
    let strict = check(&f, &["--strict"]);
    assert_eq!(strict.code, 1);
    assert!(
        strict
            .stderr
            .contains("content/b.md:3:1: error: unknown front matter key"),
        "{}",
        strict.stderr
    );

    f.page("c.md", "C", "[x](gone.md)\n");
    assert_eq!(check(&f, &[]).code, 1);

    assert_eq!(
        check(&f, &["--format", "yaml"]).code,
        2,
        "a bad flag cannot run"
    );
    std::fs::remove_file(f.root().join("book.toml")).unwrap();
    let no_book = check(&f, &[]);
    assert_eq!(no_book.code, 2);
    assert!(
        no_book.stderr.contains("no book.toml"),
        "{}",
        no_book.stderr
    );
}

#[test]
fn a_missing_home_page_is_named_in_the_content_folder_book_toml_sets() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n[build]\ncontent = \"pages\"\n",
    );
    f.file("pages/a.md", "---\ntitle: A\n---\nText.\n");
    let run = check(&f, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "pages: warning: the handbook has no home page (pages/_index.md)\n  = hint: create pages/_index.md with a title and an introduction"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_book_toml_is_reported_in_the_chosen_format() {
    let f = Fixture::new();
    f.file("book.toml", "[book]\ntitle = \"T\"\ncolour = 1\n");
    let run = check(&f, &["--format", "github"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.starts_with(
            "::error file=book.toml,line=3,col=1,title=config::unknown field `colour`"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn review_report_lists_pages_by_due_date() {
    let f = Fixture::new();
    f.file(
        "content/old.md",
        "---\ntitle: Old\nowner: \"@x\"\nlast_reviewed: 2026-01-01\n---\nA.\n",
    );
    f.file("content/new.md", "---\ntitle: New\nowner: \"@y\"\nlast_reviewed: 2026-11-01\nreview_every_days: 30\n---\nB.\n");
    f.file("content/never.md", "---\ntitle: Never\n---\nC.\n");
    // A review interval of 0 days: the page is never due, however long ago it was read.
    f.file("content/archive.md", "---\ntitle: Archive\nowner: \"@z\"\nlast_reviewed: 2020-01-01\nreview_every_days: 0\n---\nD.\n");
    let quiet = check(&f, &[]);
    assert!(
        quiet.stderr.contains("content/old.md") && !quiet.stderr.contains("content/archive.md"),
        "{}",
        quiet.stderr
    );
    let table = check(&f, &["--reviews"]);
    let lines: Vec<&str> = table.stdout.lines().collect();
    assert!(
        lines[1].starts_with("never") && lines[1].contains("content/_index.md"),
        "{}",
        table.stdout
    );
    assert!(
        lines[3].starts_with("2026-06-30") && lines[3].contains("151 d") && lines[3].contains("@x"),
        "{}",
        table.stdout
    );
    assert!(
        lines[4].starts_with("2026-12-01") && lines[4].contains("@y"),
        "{}",
        table.stdout
    );
    assert!(
        lines[5].starts_with("none ") && lines[5].contains("content/archive.md"),
        "{}",
        table.stdout
    );
    assert!(
        lines[6].ends_with("5 pages: 1 overdue, 2 never reviewed, 1 with no review schedule"),
        "{}",
        table.stdout
    );
    let json = check(&f, &["--reviews", "--format", "json"]);
    let value: Value = serde_json::from_str(&json.stdout).unwrap();
    let old = value["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == "Old")
        .unwrap();
    assert_eq!(old["days_overdue"], 151);
    assert_eq!(old["due"], "2026-06-30");
    assert_eq!(old["owner"], "@x");
    assert_eq!(old["file"], "content/old.md");
    assert_eq!(old["scheduled"], true);
    let archive = &value["reviews"][4];
    assert_eq!(
        (&archive["title"], &archive["scheduled"], &archive["due"]),
        (&Value::from("Archive"), &Value::Bool(false), &Value::Null)
    );
    // A check that fails says why beside the schedule; annotations are no schedule.
    f.page("broken.md", "Broken", "[x](gone.md)\n");
    let failed = check(&f, &["--reviews"]);
    assert_eq!(failed.code, 1);
    assert!(
        failed.stdout.contains("content/old.md"),
        "{}",
        failed.stdout
    );
    assert!(
        failed
            .stderr
            .contains("content/broken.md:4:1: error: broken link"),
        "{}",
        failed.stderr
    );
    let refused = check(&f, &["--reviews", "--format", "github"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
}

#[test]
fn build_reports_the_same_diagnostics_and_can_show_a_review_badge() {
    let f = Fixture::new();
    f.file(
        "content/stale.md",
        "---\ntitle: Stale\nowner: \"@t\"\nlast_reviewed: 2026-01-01\n---\nText.\n",
    );
    let run = f.run_with_env(&["build"], &[("HANDBOOK_TODAY", TODAY)]);
    run.assert_ok();
    assert!(
        run.stderr
            .contains("content/stale.md:4:1: warning: review overdue"),
        "{}",
        run.stderr
    );
    assert!(
        common::texts(&f.html("stale/index.html"), ".hb-badge").is_empty(),
        "no badge by default"
    );

    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n[html]\nreview_badge = true\n",
    );
    f.run_with_env(&["build"], &[("HANDBOOK_TODAY", TODAY)])
        .assert_ok();
    assert_eq!(
        common::texts(&f.html("stale/index.html"), ".hb-badge"),
        ["Review overdue by 151 days"]
    );
}

/// This repository's handbook, checked on the day of its latest review (whichever day the
/// tests run: no page is reviewed in the future then, and none is overdue because time passed).
#[test]
fn the_repository_handbook_checks_clean() {
    let f = Fixture::new();
    let root = env!("CARGO_MANIFEST_DIR");
    let mut latest = TODAY.to_string();
    for entry in walkdir::WalkDir::new(std::path::Path::new(root).join("content")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "md") {
            for line in std::fs::read_to_string(&path).unwrap().lines() {
                if let Some(day) = line.strip_prefix("last_reviewed:") {
                    latest = latest.max(day.trim().to_string());
                }
            }
        }
    }
    let run = f.run_with_env(
        &["check", "--root", root, "--strict"],
        &[("HANDBOOK_TODAY", latest.as_str())],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("no problems"), "{}", run.stderr);
}

/// Many like headings get ids counting on (`same`, `same-1`..., past an id written by hand),
/// and many broken anchors into one page are all reported: the first hundred with a hint that
/// compares them with the page's ids, the rest with a shorter one (thousands of each took
/// minutes).
#[test]
fn many_like_headings_and_broken_anchors_are_all_reported() {
    let f = Fixture::new();
    let mut body = String::from("## Other {#same-2}\n\n");
    for _ in 0..400 {
        body.push_str("## Same\n\n");
    }
    f.page("many.md", "Many", &body);
    f.build().assert_ok();
    let doc = f.html("many/index.html");
    let ids = common::attrs(&doc, "h2", "id");
    assert_eq!(ids[..5], ["same-2", "same", "same-1", "same-3", "same-4"]);
    assert_eq!(ids.last().map(String::as_str), Some("same-400"));
    for n in 0..150 {
        body.push_str(&format!("[x](#missing-{n})\n\n"));
    }
    f.page("many.md", "Many", &body);
    f.page(
        "other.md",
        "Other",
        "[y](many.md#nowhere) [z](many.md#same-1)\n",
    );
    let (run, report) = json_report(&f, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let hints: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "broken-anchor")
        .map(|d| d["hint"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(hints.len(), 151, "{hints:#?}");
    let spent = hints
        .iter()
        .filter(|h| h.contains("see the other broken anchors"));
    assert_eq!(spent.count(), 50);
}

/// `check` fails where `build` would: a template that fails at run time (reported at its line
/// in the template file, once, with the page it failed on), a static file where the site writes
/// its own file (at the static file), an output folder over the sources.
#[test]
fn check_fails_wherever_build_would() {
    let f = Fixture::new();
    f.page("guide.md", "Guide", "Text.\n");
    f.file(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ page.no_such_field.deeper }}</p>\n{% endblock %}\n",
    );
    let (run, report) = json_report(&f, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    has(&report, "error", "template", "templates/page.html", 3, 7);
    let build = f.build();
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(
        build.stderr.contains("templates/page.html:3:7"),
        "{}",
        build.stderr
    );
    // One error for the template, with the first page it failed on.
    let template: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "template")
        .collect();
    assert_eq!(template.len(), 1, "{template:#?}");
    assert!(template[0]["hint"]
        .as_str()
        .unwrap()
        .contains("content/guide.md"));

    // Files of static/ where the site writes its own: with the other errors, and alone.
    f.file("static/404.html", "<p>mine</p>\n");
    f.file("static/search/manifest.js", "mine\n");
    for template in [None, Some("{% extends \"base.html\" %}\n")] {
        if let Some(template) = template {
            f.file("templates/page.html", template);
        }
        let (run, report) = json_report(&f, &[]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let files: Vec<String> = found(&report)
            .into_iter()
            .filter(|d| d.1 == "reserved-url")
            .map(|d| d.2)
            .collect();
        assert_eq!(files, ["static/404.html", "static/search/manifest.js"]);
    }
    let build = f.build();
    assert_eq!(build.code, 1, "{}", build.stderr);
    for file in ["static/404.html", "static/search/manifest.js"] {
        assert!(build.stderr.contains(file), "{file}: {}", build.stderr);
    }
    std::fs::remove_dir_all(f.root().join("static")).unwrap();
    assert_eq!(check(&f, &[]).code, 0);
    let toml = std::fs::read_to_string(f.root().join("book.toml")).unwrap();
    f.file(
        "book.toml",
        &format!("{toml}\n[build]\ndest = \"content/out\"\n"),
    );
    let run = check(&f, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run
        .stderr
        .contains("would overwrite the handbook's own files"));
}

/// For CI, paths are the repository's (a handbook in `docs/`, checked from there or with
/// `--root`, is `docs/content/...`); GitLab's fingerprints tell apart two like problems on one
/// line and stay the same when the problem only moves down the file.
#[test]
fn ci_formats_name_files_from_the_repository_top_with_stable_fingerprints() {
    let f = Fixture::empty();
    std::fs::create_dir_all(f.root().join(".git")).unwrap();
    f.file("docs/book.toml", "[book]\ntitle = \"T\"\n");
    f.file(
        "docs/content/_index.md",
        "---\ntitle: Home\n---\nSee [a](gone.md) or [b](gone.md).\n",
    );
    let run = f.run_in("docs", &["check", "--format", "github"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("::error file=docs/content/_index.md,line=4,col=5,"),
        "{}",
        run.stdout
    );
    let gitlab = |dir: &str, args: &[&str]| -> Vec<Value> {
        let mut all = vec!["check", "--format", "gitlab"];
        all.extend_from_slice(args);
        let run = f.run_in(dir, &all);
        serde_json::from_str::<Value>(&run.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    let issues = gitlab("docs", &[]);
    let from_top = gitlab(".", &["--root", "docs"]);
    assert_eq!(issues, from_top);
    let paths: Vec<&str> = issues
        .iter()
        .map(|i| i["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["docs/content/_index.md", "docs/content/_index.md"]);
    let prints: Vec<Value> = issues.iter().map(|i| i["fingerprint"].clone()).collect();
    assert_ne!(
        prints[0], prints[1],
        "two links on one line are two problems"
    );
    f.file(
        "docs/content/_index.md",
        "---\ntitle: Home\n---\nA new paragraph.\n\nSee [a](gone.md) or [b](gone.md).\n",
    );
    let moved = gitlab("docs", &[]);
    assert_eq!(moved[0]["location"]["lines"]["begin"], 6);
    let moved_prints: Vec<Value> = moved.iter().map(|i| i["fingerprint"].clone()).collect();
    assert_eq!(
        moved_prints, prints,
        "a problem moved down keeps its fingerprint"
    );
}

/// Without GitHub's or GitLab's variable, the repository is the one holding the handbook,
/// wherever the check runs from (Jenkins checks out anywhere and runs from its workspace).
#[test]
fn ci_paths_start_at_the_handbooks_repository_from_any_folder() {
    let f = Fixture::empty();
    std::fs::create_dir_all(f.root().join("repo/.git")).unwrap();
    f.file("repo/docs/book.toml", "[book]\ntitle = \"T\"\n");
    f.file(
        "repo/docs/content/_index.md",
        "---\ntitle: Home\n---\nSee [a](gone.md).\n",
    );
    let run = f.run_with_env(
        &["check", "--root", "repo/docs", "--format", "github"],
        &[("GITHUB_WORKSPACE", "")],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("::error file=docs/content/_index.md,line=4,col=5,"),
        "{}",
        run.stdout
    );
}

/// What a CI user met in a review: an empty `HANDBOOK_TODAY` is unset; an address too long
/// for a file name is found by `check` (the build could not write it); a missing image says to
/// add the file; a heading id written twice is a warning; a link that loops back to its folder
/// is skipped with a warning that names no absolute path.
#[test]
fn ci_review_findings() {
    let f = Fixture::new();
    let long = "x".repeat(256);
    f.file(
        "content/a.md",
        &format!("---\ntitle: A\nslug: {long}\n---\nText.\n"),
    );
    f.file(
        "content/b.md",
        "---\ntitle: B\n---\n![pic](missing.png)\n\n## One {#same}\n\n## Two {#same}\n",
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", f.root().join("content/up")).unwrap();
    let run = f.run_with_env(&["check"], &[("HANDBOOK_TODAY", "")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "content/a.md:3:1: error: its address has a part of 256 bytes",
        "content/b.md:4:1: error: broken link: `missing.png`",
        "hint: add the file there, or fix the path",
        "content/b.md:8:1: warning: the id `same` is already on this page; this heading's is `same-1`",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    #[cfg(unix)]
    {
        assert!(
            run.stderr
                .contains("content/up: warning: this link leads back to a folder that holds it"),
            "{}",
            run.stderr
        );
        assert!(
            !run.stderr.contains(&*f.root().to_string_lossy()),
            "{}",
            run.stderr
        );
    }
}

/// A heading with nothing in it (an unfinished `## `, or one holding only a comment that a
/// plugin of another tool filled in) is a warning at its line; one that shows an image, or text
/// beside a comment, is not.
#[test]
fn an_empty_heading_is_a_warning() {
    let f = Fixture::new();
    f.file(
        "content/a.md",
        "---\ntitle: A\n---\nText.\n\n## \n\n#### <!-- md:setting x -->\n\n## ![](pic.png)\n\n## Kept <!-- c -->\n\n## Text\n",
    );
    f.file("content/pic.png", "png");
    let run = f.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let empty: Vec<&str> = run
        .stderr
        .lines()
        .filter(|line| line.contains("warning: this heading has no text"))
        .collect();
    assert_eq!(empty.len(), 2, "{}", run.stderr);
    assert!(empty[0].starts_with("content/a.md:6:1:"), "{}", run.stderr);
    assert!(empty[1].starts_with("content/a.md:8:1:"), "{}", run.stderr);
    assert!(run
        .stderr
        .contains("hint: write its text after the `#` marks"));
}

#[test]
fn a_check_that_cannot_run_says_why_in_the_ci_report() {
    let f = Fixture::empty();
    let json = check(&f, &["--format", "json"]);
    assert_eq!(json.code, 2, "{}", json.stderr);
    let report: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 1);
    assert_eq!(report["diagnostics"][0]["code"], "cannot-run");
    assert!(report["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("no book.toml in"));
    let gitlab = check(&f, &["--format", "gitlab"]);
    assert_eq!(gitlab.code, 2);
    let issues: Value = serde_json::from_str(&gitlab.stdout).unwrap();
    assert_eq!(issues[0]["location"]["path"], "book.toml", "{issues}");
    assert_eq!(issues[0]["severity"], "major");
    let github = check(&f, &["--format", "github", "--root", "nowhere"]);
    assert_eq!(github.code, 2);
    assert!(
        github.stdout.starts_with(
            "::error file=nowhere/book.toml,title=cannot-run::--root nowhere: no such folder"
        ),
        "{}",
        github.stdout
    );
    // The human form is unchanged: standard error only.
    let human = check(&f, &[]);
    assert_eq!(human.code, 2);
    assert!(human.stdout.is_empty() && human.stderr.contains("no book.toml"));
}

#[test]
fn settings_that_read_but_cannot_be_meant_are_errors_at_their_value() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\nlanguage = \"\"\n\n[html]\nedit_url = \"https://git.example.com/edit\"\n",
    );
    let (run, report) = json_report(&f, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    has(&report, "error", "config", "book.toml", 3, 12);
    has(&report, "error", "config", "book.toml", 6, 12);
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\nlanguage = \"english\"\n",
    );
    let (_, report) = json_report(&f, &[]);
    has(&report, "error", "config", "book.toml", 3, 12);
    // A tag as MkDocs writes it, and a page's edit link with its path, are fine.
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\nlanguage = \"pt_BR\"\n[html]\nedit_url = \"https://e/{path}\"\n",
    );
    let (run, _) = json_report(&f, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A not-found page named but missing; a theme that does not exist: at the value.
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n[html]\nnot_found = \"missing.md\"\n",
    );
    let (run, report) = json_report(&f, &[]);
    assert_eq!(run.code, 1);
    has(&report, "error", "config", "book.toml", 4, 13);
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n[build]\ntheme = \"nope\"\n",
    );
    let (_, report) = json_report(&f, &[]);
    has(&report, "error", "theme", "book.toml", 4, 9);
}

#[test]
fn a_not_found_page_that_readers_reach_otherwise_is_refused_at_the_setting() {
    let f = Fixture::new();
    f.file("content/_index.md", "---\ntitle: Home\n---\nHi.\n");
    f.file("content/guide/_index.md", "---\ntitle: Guide\n---\nG.\n");
    f.file("content/guide/a.md", "---\ntitle: A\n---\nA.\n");
    f.file("content/gone.html", "<h1>Gone</h1>\n");
    for (file, what) in [
        ("_index.md", "it is the home page"),
        ("guide/_index.md", "it is a section's page"),
        ("gone.html", "is not a Markdown page"),
    ] {
        f.file(
            "book.toml",
            &format!("[book]\ntitle = \"T\"\n[html]\nnot_found = \"{file}\"\n"),
        );
        let (run, report) = json_report(&f, &[]);
        assert_eq!(run.code, 1, "{file}: {}", run.stdout);
        has(&report, "error", "config", "book.toml", 4, 13);
        let messages = report["diagnostics"].to_string();
        assert!(messages.contains(what), "{file}: {messages}");
        // The build says the same and leaves no site.
        let run = f.build();
        assert_eq!(run.code, 1, "{file}");
        assert!(run.stderr.contains(what), "{}", run.stderr);
        assert!(!f.public().exists());
    }
    // Beside a Hugo site's settings, the key is still book.toml's.
    f.file(
        "hugo.toml",
        "title = 'Hugo'
",
    );
    let (run, report) = json_report(&f, &[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    has(&report, "error", "config", "book.toml", 4, 13);
}

#[test]
fn front_matter_lists_and_addresses_are_blamed_where_written() {
    let f = Fixture::new();
    f.file(
        "content/a.md",
        "---\ntitle: A\naliases:\n  - /old/\n  - https://example.com/a/\n---\nText.\n",
    );
    f.file("content/b.md", "---\ntitle: B\n\nslug: a\n---\nText.\n");
    f.file("content/c.md", "---\ntitle: C\ntags: [[x]]\n---\nText.\n");
    f.file("static/search/mine.js", "x");
    f.file("static/tags/index.html", "x");
    let (run, report) = json_report(&f, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The alias at its item, the second page wanting `a` at its slug.
    has(&report, "error", "alias", "content/a.md", 5, 5);
    has(&report, "error", "duplicate-url", "content/b.md", 4, 1);
    let message = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"] == "content/c.md")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .unwrap();
    assert!(
        message.contains("`tags`: a list inside the list"),
        "{message}"
    );
    // The site's own files, found with the other errors (not only once they are mended).
    for file in ["static/search/mine.js", "static/tags/index.html"] {
        assert!(
            found(&report)
                .iter()
                .any(|d| d.1 == "reserved-url" && d.2 == file),
            "{file}: {:#?}",
            found(&report)
        );
    }
}

/// An HTML file that opens with front matter (a Jekyll or Hugo page) is published as it is:
/// the check says so at the fence, with what to do. A Jekyll site's layouts and includes,
/// front matter or not, are named once per folder.
#[test]
fn html_files_with_front_matter_and_jekyll_templates_are_named() {
    let f = Fixture::new();
    f.file("content/legacy.html", "---\ntitle: Old\n---\n<p>Old.</p>\n");
    f.file("content/t.htm", "\n\n+++\ntitle = \"T\"\n+++\n<p>T.</p>\n");
    f.file(
        "content/_layouts/default.html",
        "<html>{{ content }}</html>\n",
    );
    f.file(
        "content/_layouts/page.html",
        "---\nlayout: default\n---\n{{ content }}\n",
    );
    f.file("content/docs/_includes/nav.html", "<nav></nav>\n");
    f.file("content/plain.html", "<p>--- not front matter</p>\n---\n");
    let (run, report) = json_report(&f, &[]);
    assert_eq!(run.code, 0, "warnings only: {}", run.stderr);
    has(
        &report,
        "warning",
        "html-front-matter",
        "content/legacy.html",
        1,
        1,
    );
    has(
        &report,
        "warning",
        "html-front-matter",
        "content/t.htm",
        3,
        1,
    );
    let named = |code: &str| -> Vec<String> {
        found(&report)
            .into_iter()
            .filter(|d| d.1 == code)
            .map(|d| d.2)
            .collect()
    };
    assert_eq!(named("html-front-matter").len(), 2, "{:#?}", found(&report));
    let mut folders = named("jekyll-templates");
    folders.sort();
    assert_eq!(folders, ["content/_layouts", "content/docs/_includes"]);
    let hint = |file: &str| {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["file"] == file)
            .map(|d| d["hint"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert!(hint("content/legacy.html").contains("legacy.md"));
    assert!(hint("content/_layouts").contains("exclude = [\"_layouts/\"]"));
    // Left out as the hint says, the templates are neither named nor published.
    f.file(
        "book.toml",
        "[book]\ntitle = \"Test Handbook\"\n[build]\nexclude = [\"_layouts/\", \"docs/_includes/\"]\n",
    );
    let (_, report) = json_report(&f, &[]);
    assert!(!found(&report).iter().any(|d| d.1 == "jekyll-templates"));
    f.build().assert_ok();
    assert!(f.public().join("legacy.html").is_file());
    assert!(!f.public().join("_layouts").exists());
    assert!(!f.public().join("docs/_includes").exists());
}

/// An Eleventy site's pages and templates: JSON front matter is read, JavaScript front matter
/// is said to be unread, and template files are named once per language.
#[test]
fn eleventy_front_matter_and_templates_are_read_or_named() {
    let f = Fixture::new();
    f.file(
        "content/json.md",
        "---json\n{\n\t\"title\": \"From JSON\",\n\t\"tags\": [\"a\"]\n}\n---\nText.\n",
    );
    f.file(
        "content/js.md",
        "---js\n{\n  title: \"From JS\",\n  eleventyComputed: { x: (d) => d.y },\n}\n---\nText.\n",
    );
    f.file(
        "content/redirect.html",
        "---js\n{ permalink: \"/old/\" }\n---\n<p>x</p>\n",
    );
    f.file("content/feed.xml.njk", "<feed>{{ x }}</feed>\n");
    f.file("content/parts/card.njk", "<div>{{ y }}</div>\n");
    f.file("content/data.11ty.js", "module.exports = {};\n");
    let (run, report) = json_report(&f, &[]);
    assert_eq!(run.code, 0, "warnings only: {}", run.stderr);
    has(&report, "warning", "front-matter", "content/js.md", 1, 1);
    has(
        &report,
        "warning",
        "html-front-matter",
        "content/redirect.html",
        1,
        1,
    );
    let templates: Vec<Found> = found(&report)
        .into_iter()
        .filter(|d| d.1 == "templates")
        .collect();
    assert_eq!(templates.len(), 2, "{templates:#?}");
    let messages = report["diagnostics"].to_string();
    assert!(
        messages.contains("2 files are templates of another tool (Nunjucks), published as written, not rendered: feed.xml.njk, parts/card.njk"),
        "{messages}"
    );
    assert!(messages.contains("(Eleventy JavaScript)"), "{messages}");
    f.build().assert_ok();
    assert_eq!(
        common::texts(&f.html("json/index.html"), "main h1"),
        ["From JSON"]
    );
    assert!(f.public().join("tags/a/index.html").is_file());
    assert_eq!(common::texts(&f.html("js/index.html"), "main h1"), ["Js"]);
}

/// `--format junit`: the test report Jenkins, GitLab, Azure Pipelines and CircleCI read, well
/// formed by a strict XML parser. An error is a failed test case, a warning a passing one that
/// says what it is; with no problems, one passing case.
#[test]
fn junit_format_is_a_test_report_ci_systems_read() {
    let f = Fixture::new();
    // Characters XML must escape, in a message and a hint.
    f.page("a.md", "A & <B>", "[x](gone.md)\n\n[y](also&<gone>.md)\n");
    f.file("content/b.md", "---\ntitle: B\ntittle: x\n---\nText.\n");
    let run = check(&f, &["--format", "junit"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let doc = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(
        (root.attribute("tests"), root.attribute("failures")),
        (Some("3"), Some("2"))
    );
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    let names: Vec<_> = suites
        .iter()
        .map(|s| s.attribute("name").unwrap())
        .collect();
    assert_eq!(names, ["content/a.md", "content/b.md"]);
    let cases: Vec<_> = suites[0]
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 2);
    assert_eq!(
        cases[0].attribute("name"),
        Some("content/a.md:4:1: broken-link")
    );
    let failure = cases[0]
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(failure.attribute("type"), Some("broken-link"));
    assert!(failure.text().unwrap().contains("\nhint: fix the path"));
    let second = cases[1]
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert!(
        second
            .attribute("message")
            .unwrap()
            .contains("also&<gone>.md"),
        "{:?}",
        second.attribute("message")
    );
    // The warning passes, and says what it is.
    let warning = suites[1]
        .children()
        .find(|n| n.has_tag_name("testcase"))
        .unwrap();
    assert!(warning.children().all(|n| !n.has_tag_name("failure")));
    let out = warning
        .children()
        .find(|n| n.has_tag_name("system-out"))
        .unwrap();
    assert!(out
        .text()
        .unwrap()
        .contains("warning: unknown front matter key `tittle`"));
    assert_eq!(suites[1].attribute("failures"), Some("0"));

    // --strict: the warning fails too.
    let strict = check(&f, &["--format", "junit", "--strict"]);
    let doc = roxmltree::Document::parse(&strict.stdout).unwrap();
    assert_eq!(doc.root_element().attribute("failures"), Some("3"));

    // Clean: one passing case.
    let clean = Fixture::new();
    let run = check(&clean, &["--format", "junit"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = roxmltree::Document::parse(&run.stdout).unwrap();
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 1);
    assert_eq!(
        cases[0].attribute("name"),
        Some("1 page checked: no problems")
    );
    assert_eq!(doc.root_element().attribute("failures"), Some("0"));

    // A check that cannot run says why, in the report.
    let empty = Fixture::empty();
    let run = check(&empty, &["--format", "junit"]);
    assert_eq!(run.code, 2);
    let doc = roxmltree::Document::parse(&run.stdout).unwrap();
    let failure = doc
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(failure.attribute("type"), Some("cannot-run"));
}

/// A table or key written twice in book.toml is one line of report, at the second, with what
/// to do (the TOML parser says it on two lines, with the name in quotes and backticks).
#[test]
fn a_table_or_key_written_twice_is_one_line_with_a_hint() {
    let f = Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[book]\nlanguage = \"en\"\n",
    );
    let run = check(&f, &["--format", "github"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "::error file=book.toml,line=4,col=1,title=config::invalid table header: duplicate key `book` in document root\
         %0Ahint: a table is written once: move its keys under the first header and delete this one\n"
    );
    f.file("book.toml", "[book]\ntitle = \"T\"\ntitle = \"U\"\n");
    let run = check(&f, &[]);
    assert!(
        run.stderr
            .starts_with("book.toml:3:1: error: duplicate key `title` in table `book`\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hint: a key is set once in its table"),
        "{}",
        run.stderr
    );
}

/// A fence never closed is a warning at its opening line (the rest of the page would show as
/// code, its links unchecked); fences closed by a longer fence, in a list item or a quote, and
/// a fence shown inside a longer one, are fine.
#[test]
fn a_code_fence_never_closed_is_a_warning_at_its_line() {
    let f = Fixture::new();
    f.page(
        "fence.md",
        "Fence",
        "Text.\n\n```yaml\na: 1\n\n## After the fence\n\n[bad](nowhere.md)\n",
    );
    f.page(
        "fine.md",
        "Fine",
        "- item\n\n  ```sh\n  ls\n  ```\n\n> ~~~~\n> quoted\n> ~~~~~\n\n\
         ````md\n```\ninner\n```\n````\n\n```\nclosed with trailing blanks\n```   \n\n\
         1. Install:\n\n    ```sh\n    brew install x\n    ```\n\n2. Then:\n   ```sh\n   run\n   ```\n\n\
         > - ```\n>   quoted item\n>   ```\n",
    );
    // A closing fence four columns deeper than the opening one is code: the block runs on.
    f.page("deep.md", "Deep", "```sh\nls\n    ```\n");
    let (run, report) = json_report(&f, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    has(
        &report,
        "warning",
        "unclosed-fence",
        "content/deep.md",
        4,
        1,
    );
    // The fence's line in the file, below the front matter the fixture writes.
    let line = std::fs::read_to_string(f.root().join("content/fence.md"))
        .unwrap()
        .lines()
        .position(|l| l == "```yaml")
        .unwrap() as u64
        + 1;
    has(
        &report,
        "warning",
        "unclosed-fence",
        "content/fence.md",
        line,
        1,
    );
    let fences: Vec<Found> = found(&report)
        .into_iter()
        .filter(|d| d.1 == "unclosed-fence")
        .collect();
    assert_eq!(fences.len(), 2, "{fences:#?}");
    // Human output says how to close it.
    let human = check(&f, &[]);
    assert!(
        human
            .stderr
            .contains("add a line holding just ``` where the code ends"),
        "{}",
        human.stderr
    );
}

/// A GitHub alert mark with text after it on its line is no alert: a warning at the quote, with
/// the way to write it; the alert written right is none, nor a mark of another name.
#[test]
fn an_alert_mark_with_text_on_its_line_is_a_warning() {
    let f = Fixture::new();
    f.page(
        "alerts.md",
        "Alerts",
        "Text.\n\n> [!NOTE] Read this first.\n\n> [!tip]\n> Fine.\n\n> [!TODO] not a kind\n\n- item\n\n  > > [!Warning] nested\n\n>     [!NOTE] in code\n",
    );
    let (run, report) = json_report(&f, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let alerts: Vec<Found> = found(&report)
        .into_iter()
        .filter(|d| d.1 == "alert-syntax")
        .collect();
    assert_eq!(alerts.len(), 2, "{alerts:#?}");
    has(
        &report,
        "warning",
        "alert-syntax",
        "content/alerts.md",
        6,
        1,
    );
    has(
        &report,
        "warning",
        "alert-syntax",
        "content/alerts.md",
        15,
        5,
    );
    let human = check(&f, &[]);
    assert!(
        human
            .stderr
            .contains("put `> [!NOTE]` alone on its line and the text on the next"),
        "{}",
        human.stderr
    );
    // The quote still shows, as written.
    f.build().assert_ok();
    assert_eq!(
        texts(&f.html("alerts/index.html"), "blockquote p")
            .first()
            .map(String::as_str),
        Some("[!NOTE] Read this first.")
    );
}

/// An image, frame or media file loaded from another site is a warning at its address (the
/// site is to work offline); a link to another site is not. `[check] offline = false` allows it.
#[test]
fn files_loaded_from_other_sites_are_warnings_unless_the_handbook_is_online_only() {
    let f = Fixture::new();
    f.page(
        "media.md",
        "Media",
        "![Chart](https://cdn.example.com/chart.png) and [a link](https://example.com/).\n\n\
         <iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n\n\
         <a href=\"https://example.com/page\">text</a> <img srcset=\"//cdn.example.com/a.png 2x\">\n\n\
         <link rel=\"canonical\" href=\"https://example.com/media/\"> <video poster=\"https://cdn.example.com/p.png\"></video>\n\n\
         <div style=\"background: url('https://cdn.example.com/bg.png'), url(bg.png)\">x</div>\n\n\
         <style>@import url(\"https://fonts.example.com/f.css\");</style>\n\n\
         <svg><image href=\"https://cdn.example.com/i.svg\"/></svg>\n\n\
         <link rel=\"stylesheet\" href=\"https://fonts.example.com/x.css\">\n",
    );
    let (run, report) = json_report(&f, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let remote: Vec<Found> = found(&report)
        .into_iter()
        .filter(|d| d.1 == "remote-resource")
        .collect();
    assert_eq!(remote.len(), 8, "{remote:#?}");
    // CSS in a style attribute or element, an SVG drawing's image and a style sheet's link
    // load too.
    for (line, column) in [(12, 30), (14, 21), (16, 19), (18, 30)] {
        has(
            &report,
            "warning",
            "remote-resource",
            "content/media.md",
            line,
            column,
        );
    }
    has(
        &report,
        "warning",
        "remote-resource",
        "content/media.md",
        10,
        73,
    );
    has(
        &report,
        "warning",
        "remote-resource",
        "content/media.md",
        4,
        1,
    );
    has(
        &report,
        "warning",
        "remote-resource",
        "content/media.md",
        6,
        14,
    );
    has(
        &report,
        "warning",
        "remote-resource",
        "content/media.md",
        8,
        58,
    );
    let human = check(&f, &[]);
    assert!(
        human
            .stderr
            .contains("warning: `https://www.youtube.com/embed/x` is loaded from another site"),
        "{}",
        human.stderr
    );
    // CSS's addresses are left as written.
    f.build().assert_ok();
    let doc = f.html("media/index.html");
    assert_eq!(
        attrs(&doc, "div[style]", "style"),
        ["background: url('https://cdn.example.com/bg.png'), url(bg.png)"]
    );
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[check]\noffline = false\n",
    );
    let (_, online) = json_report(&f, &[]);
    assert!(
        found(&online).iter().all(|d| d.1 != "remote-resource"),
        "{online:#}"
    );
}

/// Two pages of one section under one name are a warning at the later one's title; the same
/// name in two sections is fine. A review dated after today is a warning at its key.
#[test]
fn twin_titles_in_a_section_and_reviews_dated_in_the_future_are_warnings() {
    let f = Fixture::new();
    f.file("content/t1.md", "---\ntitle: Same title\n---\nOne.\n");
    f.file(
        "content/t2.md",
        "---\nowner: ops\ntitle: same Title\n---\nTwo.\n",
    );
    f.file("content/a/_index.md", "---\ntitle: A\n---\nA.\n");
    f.file(
        "content/a/t.md",
        "---\ntitle: Same title\n---\nElsewhere.\n",
    );
    f.file(
        "content/later.md",
        "---\ntitle: Later\nlast_reviewed: 2031-01-01\n---\nText.\n",
    );
    let (run, report) = json_report(&f, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    has(&report, "warning", "duplicate-title", "content/t2.md", 3, 1);
    has(&report, "warning", "review-date", "content/later.md", 3, 1);
    let codes: Vec<Found> = found(&report)
        .into_iter()
        .filter(|d| d.1 == "duplicate-title" || d.1 == "review-date")
        .collect();
    assert_eq!(codes.len(), 2, "{codes:#?}");
    let human = check(&f, &[]);
    assert!(
        human
            .stderr
            .contains("`last_reviewed` is 2031-01-01, after today (2026-11-28)"),
        "{}",
        human.stderr
    );
}
