//! `handbook init`: a new handbook to start from, as `mdbook init`, `zola init` and
//! `mkdocs new` give one. It builds and checks cleanly as it is, and shows the front matter a
//! handbook's pages carry (owners, review dates, audiences, an FAQ page).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::front_matter::Date;

/// What `init` wrote: the folder and its files, below it.
#[derive(Debug)]
pub struct Created {
    pub root: PathBuf,
    pub files: Vec<String>,
}

/// Writes a new handbook into `root` (created if need be), titled `title`, its pages reviewed
/// `today`. Refuses a folder that holds a handbook already, or any of the files it would write:
/// nothing is overwritten.
pub fn init(root: &Path, title: &str, today: Date) -> Result<Created> {
    let title = title.trim();
    if title.is_empty() || title.chars().any(char::is_control) {
        return Err(Error::Usage {
            message: "--title: the handbook needs a title of one line, of printable characters"
                .into(),
            hint: "pass --title \"Engineering handbook\", or leave it out".into(),
        });
    }
    if crate::config::is_root(root) {
        return Err(Error::Usage {
            message: format!(
                "{} holds a handbook already (its settings file is there)",
                crate::diagnostic::display_path(root)
            ),
            hint: "run `handbook init` in a new or empty folder, or `handbook serve` here".into(),
        });
    }
    let mut files = files(title, today);
    // A file there already (a link too, even one leading nowhere): a `.gitignore` of the
    // repository's own is kept, any other is a reason to stop.
    let there = |rel: &str| root.join(rel).symlink_metadata().is_ok();
    files.retain(|(rel, _)| !(*rel == ".gitignore" && there(rel)));
    let taken: Vec<&str> = files
        .iter()
        .map(|(rel, _)| *rel)
        .filter(|rel| there(rel))
        .collect();
    if !taken.is_empty() {
        return Err(Error::Usage {
            message: format!(
                "{} has files `init` would write: {}",
                crate::diagnostic::display_path(root),
                taken.join(", ")
            ),
            hint: "run `handbook init` in a new or empty folder".into(),
        });
    }
    let mut written = Vec::new();
    for (rel, text) in &files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        // Never through a link or over a file that came meanwhile.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Error::io(&path, e))?;
        written.push(rel.to_string());
    }
    Ok(Created {
        root: root.to_path_buf(),
        files: written,
    })
}

/// The files of a new handbook: (path below its folder, text).
fn files(title: &str, today: Date) -> Vec<(&'static str, String)> {
    let toml_title = title.replace('\\', "\\\\").replace('"', "\\\"");
    let yaml_title = title.replace('\\', "\\\\").replace('"', "\\\"");
    vec![
        (
            "book.toml",
            format!(
                "[book]\n\
                 title = \"{toml_title}\"\n\
                 description = \"How our engineering managers work.\"\n\
                 language = \"en\"\n\
                 \n\
                 [build]\n\
                 # Where `handbook build` writes the site.\n\
                 dest = \"public\"\n\
                 # The address the site is published at, if it has one; a sub-path works too.\n\
                 # base_url = \"https://intranet.example.com/handbook/\"\n\
                 \n\
                 [check]\n\
                 # Pages are to be read again this often (a page's `review_every_days` wins).\n\
                 review_every_days = 180\n\
                 # Every page names who keeps it up to date.\n\
                 require_owner = true\n"
            ),
        ),
        (
            ".gitignore",
            "# The built site (`handbook build`).\n/public/\n".into(),
        ),
        (
            "content/_index.md",
            format!(
                "---\n\
                 title: \"{yaml_title}\"\n\
                 description: How we think about engineering management, and where to find guidance for each part of it.\n\
                 owner: \"@eng-leadership\"\n\
                 last_reviewed: {today}\n\
                 audience: [engineering-manager, tech-lead]\n\
                 ---\n\
                 \n\
                 Welcome. This handbook describes what we expect from engineering managers and how the\n\
                 work breaks down week to week.\n\
                 \n\
                 ## How to use it\n\
                 \n\
                 Start with [the role](role/_index.md), then read the [questions](faq.md) people ask most.\n\
                 \n\
                 ## How it is kept up to date\n\
                 \n\
                 Every page names its owner and the day it was last reviewed. `handbook check` lists the\n\
                 pages due for a review.\n"
            ),
        ),
        (
            "content/role/_index.md",
            format!(
                "---\n\
                 title: The role\n\
                 description: What an engineering manager does, and what the job is not.\n\
                 weight: 10\n\
                 owner: \"@eng-leadership\"\n\
                 last_reviewed: {today}\n\
                 tags: [role]\n\
                 ---\n\
                 \n\
                 An engineering manager is accountable for a team's people, its delivery and its\n\
                 technical health.\n"
            ),
        ),
        (
            "content/role/responsibilities.md",
            format!(
                "---\n\
                 title: Responsibilities\n\
                 description: The four areas an engineering manager answers for.\n\
                 weight: 10\n\
                 owner: \"@eng-leadership\"\n\
                 last_reviewed: {today}\n\
                 review_every_days: 365\n\
                 tags: [role, responsibilities]\n\
                 audience: [engineering-manager, new-manager]\n\
                 ---\n\
                 \n\
                 ## People\n\
                 \n\
                 Hiring, one-on-ones, feedback and growth.\n\
                 \n\
                 ## Delivery\n\
                 \n\
                 Planning, priorities and predictable delivery.\n\
                 \n\
                 ## Technical health\n\
                 \n\
                 Architecture, quality and operational excellence, together with the tech lead.\n\
                 \n\
                 ## The team\n\
                 \n\
                 Culture, collaboration and how the team works with others.\n\
                 \n\
                 > [!TIP]\n\
                 > The [questions](../faq.md#how-is-a-manager-different-from-a-tech-lead) explain how the\n\
                 > work is split with the tech lead.\n"
            ),
        ),
        (
            "content/faq.md",
            format!(
                "---\n\
                 title: Frequently asked questions\n\
                 description: Short answers to the questions people most often ask about the role.\n\
                 weight: 90\n\
                 layout: faq\n\
                 owner: \"@eng-leadership\"\n\
                 last_reviewed: {today}\n\
                 tags: [faq]\n\
                 ---\n\
                 \n\
                 ## How is a manager different from a tech lead?\n\
                 \n\
                 The manager answers for the people and the delivery; the tech lead for the technical\n\
                 direction. See [Responsibilities](role/responsibilities.md).\n\
                 \n\
                 ## How many engineers should one manager support?\n\
                 \n\
                 Most teams work well with five to eight people reporting to one manager.\n"
            ),
        ),
    ]
}
