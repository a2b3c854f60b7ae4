//! Checks that need tools outside Rust: real headless Chromium (navigation from `file://`, from
//! a server's root and under a sub-path; axe-core accessibility) and the Nu HTML checker.
//! Without the tools these tests print a notice and pass, except under CI (`CI=true`), where a
//! missing tool is a failure: `.ci/run` installs them.

mod common;

use std::process::Command;

use common::{
    browser_tools, built_handbook, has_command, node_modules, require, run_browser_script,
};

#[test]
fn chromium_navigates_from_file_root_and_sub_path_and_axe_finds_no_serious_violations() {
    if require(&browser_tools()).is_none() {
        return;
    }
    let (_f, site) = built_handbook();
    run_browser_script("site.mjs", &[site.as_os_str()], "site checks: all passed");
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
