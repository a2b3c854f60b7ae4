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

#[test]
fn chromium_switches_gitbook_tabs_and_prints_them_all() {
    if require(&browser_tools()).is_none() {
        return;
    }
    let f = common::Fixture::new();
    std::fs::remove_dir_all(f.root().join("content")).unwrap();
    std::fs::remove_file(f.root().join("book.toml")).unwrap();
    f.file(".gitbook.yaml", "root: ./\n");
    f.file("README.md", "# Team\n\nWelcome.\n");
    let hiring = "# Hiring\n\nIntro.\n\n{% tabs %}\n{% tab title=\"Phone screen\" %}\nThirty minutes.\n{% endtab %}\n\n\
         {% tab title=\"Onsite\" %}\n## Onsite day\n\nFour rounds.\n\n{% endtab %}\n{% endtabs %}\n\n\
         After the tabs.\n\n## More\n\n"
        .to_string()
        + &"A paragraph to scroll past.\n\n".repeat(60);
    f.file("people/hiring.md", &hiring);
    f.build().assert_ok();
    run_browser_script(
        "tabs.mjs",
        &[f.public().as_os_str()],
        "tabs checks: all passed",
    );
}

#[test]
fn chromium_shows_the_tab_a_docusaurus_page_marks_first() {
    if require(&browser_tools()).is_none() {
        return;
    }
    let f = common::Fixture::new();
    std::fs::remove_dir_all(f.root().join("content")).unwrap();
    std::fs::remove_file(f.root().join("book.toml")).unwrap();
    f.file("docusaurus.config.js", "module.exports = { title: 'T' };\n");
    f.file(
        "docs/index.mdx",
        "# Fruit\n\n<Tabs>\n  <TabItem value=\"apple\" label=\"Apple\">\n    Apple.\n  </TabItem>\n  \
         <TabItem value=\"orange\" label=\"Orange\" default>\n    Orange.\n  </TabItem>\n</Tabs>\n\n\
         <Tabs\n  defaultValue=\"mac\"\n  values={[{label: 'Linux', value: 'linux'}, {label: 'Mac', value: 'mac'}]}>\n  \
         <TabItem value=\"linux\">\n    Linux.\n  </TabItem>\n  <TabItem value=\"mac\">\n    Mac.\n  </TabItem>\n</Tabs>\n",
    );
    f.build().assert_ok();
    run_browser_script(
        "first-tab.mjs",
        &[f.root().join("build").as_os_str()],
        "first tab checks: all passed",
    );
}
