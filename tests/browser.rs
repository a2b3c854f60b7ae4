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
    let f = common::Fixture::empty();
    f.file(".gitbook.yaml", "root: ./\n");
    f.file("README.md", "# Team\n\nWelcome.\n");
    let hiring = "# Hiring\n\nIntro.\n\n{% tabs %}\n{% tab title=\"Phone screen\" %}\nThirty minutes.\n{% endtab %}\n\n\
         {% tab title=\"Onsite\" %}\n## Onsite day\n\nFour rounds.\n\n```bash\necho rounds\n```\n\n{% endtab %}\n{% endtabs %}\n\n\
         After the tabs.\n\n```bash\necho "
        .to_string()
        + &"a".repeat(120)
        + " END\n```\n\n## More\n\n"
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
fn chromium_lines_up_numbered_code_and_copies_it_without_numbers() {
    if require(&browser_tools()).is_none() {
        return;
    }
    let f = common::Fixture::new();
    f.page(
        "code.md",
        "Code",
        "```makefile showLineNumbers=8 {2,3}\nall:\n\techo tab\n        echo 8sp\n```\n\n\
         ```console showLineNumbers\n$ npm install\nadded 1 package\n\n   \n$ npm run build\ndone\n```\n",
    );
    f.build().assert_ok();
    run_browser_script(
        "code.mjs",
        &[f.public().as_os_str()],
        "code checks: all passed",
    );
}

#[test]
fn chromium_shows_the_scripts_words_in_the_handbooks_language() {
    if require(&browser_tools()).is_none() {
        return;
    }
    let f = common::Fixture::new();
    f.file(
        "book.toml",
        "[book]\ntitle = \"Handbuch\"\nlanguage = \"de\"\n",
    );
    f.page(
        "einarbeitung.md",
        "Einarbeitung",
        &format!(
            "Die Einarbeitung dauert zwei Wochen.\n\n```yaml\nkey: value\n```\n\n\
             ```yaml\nlong: {}\n```\n",
            "lang ".repeat(40).trim_end()
        ),
    );
    f.page(
        "gespraeche.md",
        "Einzelgespräche",
        "Nach der Einarbeitung: einmal pro Woche.\n",
    );
    f.page("ziele.md", "Ziele", "Drei im Quartal.\n");
    // A section whose long name is an option of the search's section filter.
    f.page(
        "fuehrung/_index.md",
        "Einarbeitung neuer Führungskräfte und Teamleitungen im ersten Quartal",
        "Überblick.\n",
    );
    f.file(
        "content/fuehrung/plan.md",
        "---\ntitle: Plan\naudience: [neue Führungskräfte, erfahrene Teamleitungen]\n---\nEin Plan für die Einarbeitung.\n",
    );
    f.build().assert_ok();
    run_browser_script(
        "language.mjs",
        &[f.public().as_os_str()],
        "language checks: all passed",
    );
}

#[test]
fn chromium_shows_the_tab_a_docusaurus_page_marks_first_and_keeps_groups_in_step() {
    if require(&browser_tools()).is_none() {
        return;
    }
    let f = common::Fixture::empty();
    f.file("docusaurus.config.js", "module.exports = { title: 'T' };\n");
    let long_linux = "    Linux, a long way.\n\n".repeat(30);
    f.file(
        "docs/index.mdx",
        &format!(
            "# Fruit\n\n<Tabs>\n  <TabItem value=\"apple\" label=\"Apple\">\n    Apple.\n  </TabItem>\n  \
             <TabItem value=\"orange\" label=\"Orange\" default>\n    Orange.\n  </TabItem>\n</Tabs>\n\n\
             <Tabs\n  defaultValue=\"mac\"\n  values={{[{{label: 'Linux', value: 'linux'}}, {{label: 'Mac', value: 'mac'}}]}}>\n  \
             <TabItem value=\"linux\">\n    Linux.\n  </TabItem>\n  <TabItem value=\"mac\">\n    Mac.\n  </TabItem>\n</Tabs>\n\n\
             ## Install\n\n<Tabs\n  groupId=\"os\"\n  queryString\n  values={{[{{label: 'Linux', value: 'linux'}}, {{label: 'Mac', value: 'mac'}}]}}>\n  \
             <TabItem value=\"linux\">\n\n{long_linux}  </TabItem>\n  <TabItem value=\"mac\">\n    Mac, briefly.\n  </TabItem>\n</Tabs>\n\n\
             ## Run\n\n<Tabs groupId=\"os\">\n  <TabItem value=\"linux\" label=\"GNU/Linux\">\n    Run on Linux.\n  </TabItem>\n  \
             <TabItem value=\"mac\" label=\"macOS\">\n    Run on a Mac.\n  </TabItem>\n</Tabs>\n\n{}",
            "A paragraph to scroll past.\n\n".repeat(40)
        ),
    );
    f.file(
        "docs/other.mdx",
        "# Other\n\n<Tabs groupId=\"os\">\n  <TabItem value=\"linux\" label=\"Linux\">\n    Linux.\n  </TabItem>\n  \
         <TabItem value=\"mac\" label=\"Mac\">\n    Mac.\n  </TabItem>\n</Tabs>\n",
    );
    f.build().assert_ok();
    run_browser_script(
        "first-tab.mjs",
        &[f.root().join("build").as_os_str()],
        "first tab checks: all passed",
    );
}

#[test]
fn chromium_links_mkdocs_content_tabs_by_label() {
    if require(&browser_tools()).is_none() {
        return;
    }
    let f = common::Fixture::empty();
    f.file(
        "mkdocs.yml",
        "site_name: T\ntheme:\n  name: material\n  features:\n    - content.tabs.link\n",
    );
    f.file(
        "docs/index.md",
        "# Install\n\n=== \"pip\"\n\n    pip install x\n\n=== \"conda\"\n\n    conda install x\n\n\
         Between.\n\n=== \"conda\"\n\n    conda run x\n\n=== \"docker\"\n\n    docker run x\n",
    );
    f.file(
        "docs/other.md",
        "# Other\n\n=== \"docker\"\n\n    docker\n\n=== \"pip\"\n\n    pip\n",
    );
    f.build().assert_ok();
    // The same site built again beside it: a choice made in one is not the other's.
    f.run(&["build", "--dest", "other-site"]).assert_ok();
    run_browser_script(
        "linked-tabs.mjs",
        &[
            f.root().join("site").as_os_str(),
            f.root().join("other-site").as_os_str(),
        ],
        "linked tabs checks: all passed",
    );
}
