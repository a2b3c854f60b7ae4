//! Hostile input: files nobody planned for. Each case gets the outcome a person can act on (a
//! diagnostic naming the file, and the line where there is one, or a correct page), never a
//! panic, a hang or runaway memory. The small cases are files in `tests/fixtures/hostile/`; the
//! large ones are generated here.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{link_problems, texts, Fixture};

const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");

/// How a bounded run ended.
struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
    seconds: f64,
    peak_mib: u64,
}

/// Runs `handbook args` in the fixture, killed (and failed) past `limit`; notes its peak memory.
fn run_bounded(f: &Fixture, args: &[&str], limit: Duration) -> Outcome {
    let out = f.root().join(".run-stdout");
    let err = f.root().join(".run-stderr");
    let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(args)
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::from(std::fs::File::create(&out).unwrap()))
        .stderr(Stdio::from(std::fs::File::create(&err).unwrap()))
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut peak_kib = 0;
    let status = loop {
        if let Ok(status) = std::fs::read_to_string(format!("/proc/{}/status", child.id())) {
            if let Some(kib) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak_kib = peak_kib.max(kib);
            }
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`handbook {}` ran over {limit:?}: a hang", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let outcome = Outcome {
        code: status.code().unwrap_or(-1),
        stdout: std::fs::read_to_string(&out).unwrap_or_default(),
        stderr: String::from_utf8_lossy(&std::fs::read(&err).unwrap_or_default()).into_owned(),
        seconds: started.elapsed().as_secs_f64(),
        peak_mib: peak_kib / 1024,
    };
    let _ = std::fs::remove_file(out);
    let _ = std::fs::remove_file(err);
    assert!(
        outcome.code == 0 || outcome.code == 1,
        "`handbook {}` ended with {status:?} (a crash, not a verdict):\n{}",
        args.join(" "),
        outcome.stderr
    );
    assert!(!outcome.stderr.contains("panicked"), "{}", outcome.stderr);
    outcome
}

fn build(f: &Fixture) -> Outcome {
    run_bounded(f, &["build"], Duration::from_secs(120))
}

/// A fixture with one file of the hostile corpus as `content/<name>`.
fn with_case(name: &str) -> Fixture {
    let f = Fixture::new();
    f.bytes(
        &format!("content/{name}"),
        &std::fs::read(Path::new(HOSTILE).join(name)).unwrap(),
    );
    f
}

/// The build failed with an error at `file:line` (and `:col` when given) saying `words`.
fn assert_error(o: &Outcome, at: &str, words: &str) {
    assert_eq!(
        o.code, 1,
        "expected a failed build:\n{}{}",
        o.stdout, o.stderr
    );
    let line = o
        .stderr
        .lines()
        .find(|l| l.contains(at) && l.contains(": error: "))
        .unwrap_or_else(|| panic!("no error at {at}:\n{}", o.stderr));
    assert!(line.contains(words), "{line}");
}

#[test]
fn invalid_utf8_names_the_line_and_column() {
    let f = with_case("invalid-utf8.md");
    assert_error(&build(&f), "content/invalid-utf8.md:4:17:", "invalid UTF-8");
}

#[test]
fn nul_bytes_become_replacement_characters() {
    let f = with_case("nul-bytes.md");
    build(&f);
    let html = std::fs::read(f.public().join("nul-bytes/index.html")).unwrap();
    assert!(!html.contains(&0), "a NUL byte reached the output");
    let text = texts(&f.html("nul-bytes/index.html"), ".hb-content p").join(" ");
    assert_eq!(text, "Before \u{fffd} after.");
}

#[test]
fn a_byte_order_mark_and_crlf_lines_read_like_any_page() {
    let f = with_case("bom-crlf.md");
    let o = build(&f);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let doc = f.html("bom-crlf/index.html");
    assert_eq!(texts(&doc, "h1"), ["Windows page"]);
    assert_eq!(common::attrs(&doc, ".hb-content h2", "id"), ["first-part"]);
}

#[test]
fn broken_front_matter_names_the_place() {
    for (name, at, words) in [
        ("unclosed.md", "content/unclosed.md:1:1:", "never closed"),
        ("yaml-tabs.md", "content/yaml-tabs.md:3:1:", "tab"),
        (
            "yaml-duplicate-keys.md",
            // At the second: the first is where it was meant to be.
            "content/yaml-duplicate-keys.md:3:1:",
            "is given twice",
        ),
        (
            "yaml-huge-number.md",
            "content/yaml-huge-number.md:3:9:",
            "too large",
        ),
        (
            "yaml-impossible-date.md",
            "content/yaml-impossible-date.md:3:16:",
            "not a valid date",
        ),
        (
            "yaml-billion-laughs.md",
            "content/yaml-billion-laughs.md:2:1:",
            "aliases",
        ),
    ] {
        let f = with_case(name);
        let o = build(&f);
        assert_error(&o, at, words);
        assert!(o.seconds < 10.0, "{name} took {:.1} s", o.seconds);
        assert!(o.peak_mib < 512, "{name} took {} MiB", o.peak_mib);
    }
}

#[test]
fn front_matter_alone_makes_an_empty_page_warning() {
    let f = with_case("front-matter-only.md");
    let o = build(&f);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("content/front-matter-only.md:4:1: warning: the page is empty"),
        "{}",
        o.stderr
    );
}

#[test]
fn yaml_nested_ten_thousand_deep_is_refused_quickly() {
    let f = Fixture::new();
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    f.file(
        "content/deep.md",
        &format!("---\ntitle: Deep\nextra: {deep}\n---\nText.\n"),
    );
    let o = build(&f);
    assert_error(&o, "content/deep.md:3:", "nested too deeply");
    // The excerpt shows a window of the 20,000-character line, not all of it.
    assert!(
        o.stderr.lines().all(|l| l.chars().count() < 200),
        "{}",
        o.stderr
    );
}

#[test]
fn markup_in_titles_shows_as_text() {
    let f = with_case("html-title.md");
    let o = build(&f);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let title = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let doc = f.html("html-title/index.html");
    assert_eq!(texts(&doc, "h1"), [title]);
    assert_eq!(texts(&doc, "title"), [format!("{title} · Test Handbook")]);
    assert_eq!(
        common::attrs(&doc, "meta[name=description]", "content"),
        ["</title><script>alert(3)</script>"]
    );
    // Only the theme's own scripts, and no element from the title anywhere.
    for page in [
        "html-title/index.html",
        "index.html",
        "print/index.html",
        "tags/index.html",
    ] {
        let doc = f.html(page);
        assert!(texts(&doc, "img").is_empty(), "{page}");
        for script in doc.select(&common::sel("script")) {
            assert!(
                !script.inner_html().contains("alert"),
                "{page}: {}",
                script.inner_html()
            );
        }
    }
    assert!(texts(&f.html("index.html"), "#hb-sidebar a").contains(&title.to_string()));
    // Markup written in a heading is the author's HTML; the contents and anchors get its text.
    assert_eq!(texts(&doc, ".hb-content h2 em"), ["Emphasised"]);
    assert_eq!(texts(&doc, ".hb-toc a"), ["Emphasised heading"]);
    // The search index carries the title as a JSON string, to be shown as text.
    let manifest = std::fs::read_to_string(f.public().join("search/manifest.js")).unwrap();
    let version = manifest.split("\"version\":\"").nth(1).unwrap();
    let folder = f.public().join("search").join(&version[..16]);
    let pages = std::fs::read_to_string(folder.join("g/0.js")).unwrap();
    assert!(
        pages.contains(&serde_json::to_string(title).unwrap()),
        "{pages}"
    );
}

#[test]
fn a_fifty_megabyte_page_and_a_five_megabyte_line_build_in_bounded_time() {
    let f = Fixture::new();
    let paragraph = "A manager writes the plan and the team reviews it in the open. ".repeat(20);
    let mut big = String::from("---\ntitle: Big\n---\n");
    let mut i = 0;
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(&format!("## Part {i}\n\n{paragraph}\n\n"));
        i += 1;
    }
    f.file("content/big.md", &big);
    f.file(
        "content/line.md",
        &format!("---\ntitle: Line\n---\n{}\n", "word ".repeat(1_000_000)),
    );
    let o = build(&f);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.peak_mib < 2048, "{} MiB", o.peak_mib);
    assert!(f.public().join("big/index.html").metadata().unwrap().len() > 50_000_000);
    assert!(f.public().join("line/index.html").is_file());
}

#[test]
fn a_page_over_the_size_limit_is_refused_with_its_size() {
    let f = Fixture::new();
    let file = std::fs::File::create(f.root().join("content/dump.md")).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap();
    assert_error(&build(&f), "content/dump.md", "65 MiB");
}

#[test]
fn markdown_nested_ten_thousand_deep_renders() {
    let f = Fixture::new();
    f.page(
        "lists.md",
        "Lists",
        &format!("{}item\n", "- ".repeat(10_000)),
    );
    f.page(
        "numbered.md",
        "Numbered",
        &format!("{}item\n", "1. ".repeat(10_000)),
    );
    f.page(
        "quotes.md",
        "Quotes",
        &format!("{} deep\n", ">".repeat(10_000)),
    );
    f.page(
        "emphasis.md",
        "Emphasis",
        &format!("{}x{}\n", "*_".repeat(10_000), "_*".repeat(10_000)),
    );
    f.page(
        "brackets.md",
        "Brackets",
        &format!("{}x{}\n", "[".repeat(10_000), "]".repeat(10_000)),
    );
    let o = build(&f);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.seconds < 60.0, "{:.1} s", o.seconds);
    for page in ["lists", "numbered", "quotes", "emphasis", "brackets"] {
        assert!(f.public().join(page).join("index.html").is_file(), "{page}");
    }
}

#[test]
fn odd_file_names_get_clean_urls_and_working_links() {
    let f = Fixture::new();
    let names = [
        ("with spaces.md", "with-spaces"),
        ("caf\u{e9} cr\u{e8}me.md", "caf\u{e9}-cr\u{e8}me"),
        ("rtl\u{200f}name.md", "rtl-name"),
        ("zero\u{200b}width.md", "zero-width"),
    ];
    let body: String = names
        .iter()
        .map(|(file, _)| format!("- [x](<{file}>)\n"))
        .collect();
    f.page("index-of-names.md", "Names", &body);
    for (file, _) in names {
        f.page(file, file.trim_end_matches(".md"), "Text.\n");
    }
    let o = build(&f);
    assert_eq!(o.code, 0, "{}", o.stderr);
    for (_, url) in names {
        assert!(
            f.public().join(url).join("index.html").is_file(),
            "{url} missing"
        );
    }
    assert_eq!(link_problems(&f.public()), Vec::<String>::new());
}

#[test]
fn two_files_wanting_one_url_are_named_together() {
    let f = Fixture::new();
    f.page("Hello World.md", "One", "Text.\n");
    f.page("hello-world.md", "Two", "Text.\n");
    let o = build(&f);
    assert_error(
        &o,
        "content/hello-world.md:1:1:",
        "Hello World.md both want the URL /hello-world/",
    );
    // One error for the clash, not a second one about writing the file twice.
    assert_eq!(o.stderr.matches(": error: ").count(), 1, "{}", o.stderr);

    let g = Fixture::new();
    g.page("A.md", "Upper", "Text.\n");
    g.page("a.md", "Lower", "Text.\n");
    // Only where file names are case-sensitive do both files exist (with _index.md, three).
    if std::fs::read_dir(g.root().join("content")).unwrap().count() == 3 {
        assert_error(
            &build(&g),
            "content/a.md:1:1:",
            "A.md both want the URL /a/",
        );
    }
}

#[test]
fn ten_thousand_files_in_one_folder_build() {
    let f = Fixture::new();
    f.page("many/_index.md", "Many", "A big folder.\n");
    for i in 0..10_000 {
        f.page(
            &format!("many/page-{i:05}.md"),
            &format!("Page {i}"),
            "Short.\n",
        );
    }
    let o = build(&f);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("Built 10002 pages"), "{}", o.stdout);
    assert!(o.peak_mib < 1024, "{} MiB", o.peak_mib);
}

#[test]
fn empty_folders_are_left_out() {
    let f = Fixture::new();
    std::fs::create_dir_all(f.root().join("content/nothing/deeper")).unwrap();
    let o = build(&f);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!f.public().join("nothing").exists());
}

#[test]
fn unreadable_and_special_files_are_named() {
    let f = Fixture::new();
    std::os::unix::fs::symlink("/nonexistent/gone.md", f.root().join("content/gone.md")).unwrap();
    assert_error(&build(&f), "content/gone.md", "cannot read");

    // A pipe named like a page would block a reader for ever.
    let g = Fixture::new();
    let status = Command::new("mkfifo")
        .arg(g.root().join("content/pipe.md"))
        .status();
    if status.is_ok_and(|s| s.success()) {
        let o = build(&g);
        assert_eq!(o.code, 0, "{}", o.stderr);
        assert!(
            o.stderr
                .contains("content/pipe.md: warning: this is not a regular file"),
            "{}",
            o.stderr
        );
    }

    // Permissions mean nothing to root, which CI runs as.
    let h = Fixture::new();
    h.page("secret.md", "Secret", "Text.\n");
    let path = h.root().join("content/secret.md");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_err() {
        assert_error(&build(&h), "content/secret.md", "cannot read");
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn symlink_loops_and_links_outside_never_hang_or_leak() {
    let f = Fixture::new();
    f.page("part/_index.md", "Part", "Text.\n");
    std::os::unix::fs::symlink("..", f.root().join("content/part/back")).unwrap();
    // Skipped, as a link leading out of the folder is: nothing of the site is lost.
    let o = build(&f);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("content/part/back: warning: this link leads back to a folder that holds it"),
        "{}",
        o.stderr
    );
    assert!(!f.public().join("part/back").exists());

    let g = Fixture::new();
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(
        secret.path().join("secret.md"),
        "---\ntitle: Secret\n---\nDo not publish.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(secret.path(), g.root().join("content/elsewhere")).unwrap();
    std::os::unix::fs::symlink(
        secret.path().join("secret.md"),
        g.root().join("content/secret.md"),
    )
    .unwrap();
    let o = build(&g);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr
            .matches("points outside the content folder")
            .count(),
        2,
        "{}",
        o.stderr
    );
    let published = common::snapshot(&g.public());
    assert!(published
        .values()
        .all(|bytes| !String::from_utf8_lossy(bytes).contains("Do not publish")));
}

#[test]
fn links_that_climb_out_of_the_site_are_broken_links() {
    let f = Fixture::new();
    f.page(
        "escape.md",
        "Escape",
        "[up](../../../../etc/passwd) and ![img](../../../x.png)\n",
    );
    let o = build(&f);
    assert_error(
        &o,
        "content/escape.md:4:1:",
        "points outside the content folder",
    );
    assert_error(
        &o,
        "content/escape.md:4:34:",
        "points outside the content folder",
    );
}

#[test]
fn a_template_that_recurses_for_ever_is_an_error_not_a_crash() {
    let f = Fixture::new();
    f.page("guide.md", "Guide", "Text.\n");
    f.page("more.md", "More", "Text.\n");
    f.file(
        "templates/page.html",
        "{% macro down(n) %}{{ self::down(n=n+1) }}{% endmacro down %}{{ self::down(n=1) }}",
    );
    let o = build(&f);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("more than 100 levels deep"),
        "{}",
        o.stderr
    );
    // Said once, with how many pages it hit.
    assert_eq!(o.stderr.matches("levels deep").count(), 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("and the same on 1 other page"),
        "{}",
        o.stderr
    );

    // Recursion that ends, as deep as a real sidebar goes, still works.
    let g = Fixture::new();
    g.page("guide.md", "Guide", "Text.\n");
    g.file(
        "templates/page.html",
        "{% macro down(n) %}{% if n < 60 %}{{ self::down(n=n+1) }}{% endif %}{{ n }} {% endmacro down %}{{ self::down(n=1) }}",
    );
    let o = build(&g);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let page = std::fs::read_to_string(g.public().join("guide/index.html")).unwrap();
    assert!(page.starts_with("60 59 58"), "{page}");
}

#[test]
fn a_template_loop_is_bounded() {
    for (call, words) in [
        ("range(end=1000000000)", "at most 100000"),
        ("range(end=5, step_by=0)", "step_by"),
    ] {
        let f = Fixture::new();
        f.page("guide.md", "Guide", "Text.\n");
        f.file(
            "templates/page.html",
            &format!("{{% for i in {call} %}}{{{{ i }}}}{{% endfor %}}"),
        );
        let o = build(&f);
        assert_eq!(o.code, 1, "{}", o.stderr);
        assert!(o.stderr.contains(words), "{}", o.stderr);
        assert!(o.peak_mib < 512, "{} MiB", o.peak_mib);
    }
    // An ordinary loop still works.
    let f = Fixture::new();
    f.page("guide.md", "Guide", "Text.\n");
    f.file(
        "templates/page.html",
        "{% for i in range(start=1, end=10, step_by=3) %}{{ i }} {% endfor %}",
    );
    assert_eq!(build(&f).code, 0);
    let page = std::fs::read_to_string(f.public().join("guide/index.html")).unwrap();
    assert_eq!(page, "1 4 7 ");
}
