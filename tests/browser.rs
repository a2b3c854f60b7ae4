//! Checks that need tools outside Rust: real headless Chromium (navigation from `file://`, from
//! a server's root and under a sub-path; axe-core accessibility) and the Nu HTML checker.
//! Without the tools these tests print a notice and pass, except under CI (`CI=true`), where a
//! missing tool is a failure: `.ci/run` installs them.

mod common;

use std::process::Command;

use common::{built_handbook, chromium, has_command, node_modules, repo, require};

#[test]
fn chromium_navigates_from_file_root_and_sub_path_and_axe_finds_no_serious_violations() {
    let tools = [
        ("node", has_command("node")),
        ("chromium", chromium().exists()),
        (
            "tests/browser/node_modules",
            node_modules().join("playwright-core").exists(),
        ),
    ];
    if require(&tools).is_none() {
        return;
    }
    let (_f, site) = built_handbook();
    let output = Command::new("node")
        .arg(repo().join("tests/browser/site.mjs"))
        .arg(&site)
        .env("CHROMIUM", chromium())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("site checks: all passed"), "{stdout}");
}

#[test]
fn nu_html_checker_reports_no_errors() {
    let jar = node_modules().join("vnu-jar/build/dist/vnu.jar");
    if require(&[("java", has_command("java")), ("vnu.jar", jar.exists())]).is_none() {
        return;
    }
    let (_f, site) = built_handbook();
    let output = Command::new("java")
        .args([
            "-jar",
            jar.to_str().unwrap(),
            "--errors-only",
            "--skip-non-html",
        ])
        .arg(&site)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && report.trim().is_empty(),
        "Nu HTML checker:\n{report}"
    );
}
