//! `handbook` turns a folder of Markdown chapters with YAML front matter into a static site.
//!
//! The pipeline, one module per stage, plain data between them:
//!
//! [`config::Config::load`] -> [`source::walk`] -> [`page::ParsedPage::parse`] ->
//! [`site::Site::from_pages`] (tree, order, prev/next) -> [`markdown::render`] (parallel, links
//! resolved by [`links`]) -> anchor checks -> [`render`] with the [`theme`] -> [`output`]
//! (staging folder swapped in at the end).

pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod error;
pub mod front_matter;
pub mod links;
pub mod markdown;
pub mod output;
pub mod page;
pub mod render;
pub mod site;
pub mod slug;
pub mod source;
pub mod theme;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use config::BrokenLinks;
pub use config::Config;
use diagnostic::{Diagnostic, Severity};
pub use error::{Error, Result};
use markdown::{Mode, Rendered};
use output::Output;
use page::ParsedPage;
use site::{PageId, Site};
use theme::Theme;

/// What `handbook build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: Option<PathBuf>,
    /// Overrides `[build] dest`; relative to the current folder.
    pub dest: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub dest: PathBuf,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// Builds the site; on any error the previous output is left as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    let mut config = Config::load(options.root.as_deref(), &cwd)?;
    if let Some(base_url) = &options.base_url {
        config.set_base_url(base_url);
    }
    let dest = match &options.dest {
        Some(dest) => cwd.join(dest),
        None => config.dest_dir(),
    };
    check_dest(&config, &dest)?;

    let mut diagnostics = Vec::new();
    let theme = match Theme::load(&config) {
        Ok(theme) => Some(theme),
        Err(Error::Handbook(d)) => {
            diagnostics.extend(d);
            None
        }
        Err(e) => return Err(e),
    };
    let (site, assets, content_diagnostics) = load_site(&config, options.drafts)?;
    diagnostics.extend(content_diagnostics);
    let mut output_assets: HashSet<String> = assets.iter().cloned().collect();
    if let Some(theme) = &theme {
        output_assets.extend(theme.static_files.iter().map(|(path, _)| path.clone()));
    }
    let resolver = links::Resolver {
        site: &site,
        assets: &output_assets,
    };
    let (rendered, print): (Vec<Rendered>, Vec<Rendered>) = (0..site.pages.len())
        .into_par_iter()
        .map(|id| {
            (
                markdown::render(id, &resolver, Mode::Page),
                markdown::render(id, &resolver, Mode::Print),
            )
        })
        .unzip();
    for r in &rendered {
        diagnostics.extend(r.diagnostics.iter().cloned());
    }
    diagnostics.extend(check_anchors(&site, &rendered));
    if let Some(theme) = &theme {
        diagnostics.extend(render::check_layouts(&site, theme));
    }
    let taken = output_collisions(&site, &assets, &config, &mut diagnostics);
    let aliases = collect_aliases(&site, &taken, &mut diagnostics);
    if config.build.broken_links == BrokenLinks::Warn {
        for d in &mut diagnostics {
            if d.code == "broken-link" || d.code == "broken-anchor" {
                d.severity = Severity::Warning;
            }
        }
    }
    diagnostic::sort(&mut diagnostics);
    let Some(theme) = theme.filter(|_| !diagnostics.iter().any(Diagnostic::is_error)) else {
        return Err(Error::Handbook(diagnostics));
    };

    let out = Output::create(&dest)?;
    let renderer = render::Renderer {
        site: &site,
        config: &config,
        theme: &theme,
        rendered: &rendered,
        out: &out,
    };
    let mut write_problems = renderer.pages();
    write_problems.extend(renderer.not_found());
    write_problems.extend(renderer.print(&print));
    write_problems.extend(renderer.taxonomies());
    write_problems.extend(renderer.aliases(&aliases));
    if !config.build.base_url.is_empty() {
        write_problems.extend(
            out.write("sitemap.xml", sitemap(&site, &config).as_bytes())
                .err(),
        );
    }
    for (path, bytes) in &theme.static_files {
        write_problems.extend(out.write(path, bytes).err());
    }
    let content = config.content_dir();
    write_problems.extend(
        assets
            .par_iter()
            .filter_map(|rel| out.copy(&content.join(rel), rel).err())
            .collect::<Vec<_>>(),
    );
    if !write_problems.is_empty() {
        diagnostic::sort(&mut write_problems);
        diagnostics.extend(write_problems);
        return Err(Error::Handbook(diagnostics));
    }
    out.commit()?;
    Ok(BuildReport {
        pages: site.pages.len(),
        dest,
        warnings: diagnostics,
        elapsed: started.elapsed(),
    })
}

/// Reads and parses the content folder into a [`Site`]; also returns the non-Markdown files.
pub fn load_site(config: &Config, drafts: bool) -> Result<(Site, Vec<String>, Vec<Diagnostic>)> {
    let content = config.content_dir();
    let tree = source::walk(&content)?;
    let mut diagnostics = tree.diagnostics;
    let parsed: Vec<_> = tree.files.into_par_iter().map(ParsedPage::parse).collect();
    let mut pages = Vec::with_capacity(parsed.len());
    for (page, page_diagnostics) in parsed {
        diagnostics.extend(page_diagnostics);
        if drafts || !page.is_draft() {
            pages.push(page);
        }
    }
    let (site, site_diagnostics) = Site::from_pages(pages, &content, &config.book.title);
    diagnostics.extend(site_diagnostics);
    Ok((site, tree.assets, diagnostics))
}

/// Links to another page's `#anchor` must name one of its ids.
fn check_anchors(site: &Site, rendered: &[Rendered]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, r) in rendered.iter().enumerate() {
        for link in &r.anchor_links {
            let target = &rendered[link.target];
            if !target.ids.contains(&link.anchor) {
                out.push(
                    Diagnostic::error(
                        "broken-anchor",
                        &site.pages[id].parsed.path,
                        format!(
                            "broken link: {} has no heading `#{}`",
                            site.pages[link.target].parsed.rel, link.anchor
                        ),
                    )
                    .at(link.position)
                    .hint(markdown::anchor_hint(&target.ids, &link.anchor)),
                );
            }
        }
    }
    out
}

/// Output paths the generator writes besides pages (folders end in `/`).
const GENERATED: &[&str] = &[
    "404.html",
    "sitemap.xml",
    "print/",
    "tags/",
    "audience/",
    "assets/",
];

fn generated(path: &str) -> Option<&'static str> {
    GENERATED.iter().copied().find(|g| {
        if g.ends_with('/') {
            path.starts_with(g)
        } else {
            path == *g
        }
    })
}

/// Pages and copied files must not land on each other or on generated outputs. Returns every
/// output path taken by a page or a file.
fn output_collisions(
    site: &Site,
    assets: &[String],
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> HashSet<String> {
    let mut taken = HashSet::with_capacity(site.pages.len() + assets.len());
    for page in &site.pages {
        let path = format!("{}index.html", page.url);
        if let Some(g) = generated(&path) {
            diagnostics.push(
                Diagnostic::error(
                    "reserved-url",
                    &page.parsed.path,
                    format!("the URL /{} is used by the generated `{g}`", page.url),
                )
                .hint("rename the file or folder, or give the page another `slug:`"),
            );
        }
        taken.insert(path);
    }
    for rel in assets {
        if generated(rel).is_some() || taken.contains(rel) {
            diagnostics.push(
                Diagnostic::error(
                    "reserved-url",
                    config.content_dir().join(rel),
                    format!("the file would overwrite the generated `{rel}`"),
                )
                .hint("rename or remove the file"),
            );
        }
        taken.insert(rel.clone());
    }
    taken
}

/// The output paths of redirect pages for every page's `aliases`.
fn collect_aliases(
    site: &Site,
    taken: &HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, PageId)> {
    let mut seen: HashMap<String, PageId> = HashMap::new();
    let mut out = Vec::new();
    for &id in &site.nav_order {
        let page = &site.pages[id];
        for alias in &page.meta().aliases {
            let normalized =
                links::normalize("", &links::percent_decode(alias)).unwrap_or_default();
            let trimmed = normalized.trim_end_matches('/');
            let path = if trimmed.ends_with(".html") {
                trimmed.to_string()
            } else {
                format!("{trimmed}/index.html")
            };
            let url = if trimmed.is_empty() {
                String::new()
            } else {
                format!("{trimmed}/")
            };
            let problem = if trimmed.is_empty() {
                Some("is empty or points outside the site".to_string())
            } else if let Some(other) = site.page_by_url(&url) {
                Some(format!(
                    "is already the URL of {}",
                    site.pages[other].parsed.rel
                ))
            } else if let Some(g) = generated(&path) {
                Some(format!("would replace the generated `{g}`"))
            } else if taken.contains(&path) {
                Some(format!("would replace the file `{path}`"))
            } else {
                seen.get(&path)
                    .map(|&other| format!("is also an alias of {}", site.pages[other].parsed.rel))
            };
            match problem {
                Some(problem) => diagnostics.push(
                    Diagnostic::error(
                        "alias",
                        &page.parsed.path,
                        format!("alias `{alias}` {problem}"),
                    )
                    .at_opt(page.parsed.key_position("aliases"))
                    .hint("remove the alias, or change it to an old URL no page uses"),
                ),
                None => {
                    seen.insert(path.clone(), id);
                    out.push((path, id));
                }
            }
        }
    }
    out
}

fn sitemap(site: &Site, config: &Config) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for &id in &site.nav_order {
        let page = &site.pages[id];
        let loc = markdown::escape(&format!(
            "{}{}",
            config.build.base_url,
            links::percent_encode_path(&page.url)
        ));
        xml.push_str(&format!("  <url><loc>{loc}</loc>"));
        if let Some(date) = page.meta().last_reviewed {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The output folder is deleted and replaced on every build: it must not hold the sources.
fn check_dest(config: &Config, dest: &Path) -> Result<()> {
    let norm = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let dest = norm(dest);
    let protected = [
        config.root.clone(),
        config.content_dir(),
        config.root.join("templates"),
        config.root.join("themes"),
        config.root.join("static"),
    ];
    for p in protected.iter().map(|p| norm(p)) {
        if p.starts_with(&dest) || dest.starts_with(&p) && p != norm(&config.root) {
            return Err(Error::Usage {
                message: format!(
                    "the output folder {} would overwrite the handbook's own files",
                    dest.display()
                ),
                hint: "choose another [build] dest or --dest, e.g. `public`".into(),
            });
        }
    }
    Ok(())
}
