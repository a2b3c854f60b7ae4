//! `handbook` turns a folder of Markdown chapters with YAML front matter into a static site.
//!
//! The pipeline, one module per stage, plain data between them:
//!
//! [`config::Config::load`] -> [`source::walk`] -> [`page::ParsedPage::parse`] ->
//! [`site::Site::from_pages`] (tree, order, prev/next) -> [`markdown::render`] (parallel, links
//! resolved by [`links`]) -> [`checks`] -> [`render`] with the [`theme`] -> [`output`] (staging
//! folder swapped in at the end). [`analyze`] is everything before the output; `check` stops
//! there and [`report`]s.

pub mod attributes;
pub mod autolink;
pub mod checks;
pub mod cli;
pub mod config;
pub mod container;
pub mod diagnostic;
pub mod diagram;
pub mod direct;
pub mod docusaurus;
pub mod emoji;
pub mod erb;
pub mod error;
mod expand;
pub mod front_matter;
pub mod git;
pub mod gitbook;
pub mod highlight;
pub mod html_markdown;
pub mod hugo;
mod include;
pub mod init;
pub mod js_data;
pub mod links;
pub mod liquid;
pub mod markdown;
pub mod math;
pub mod mdbook;
pub mod mkdocs;
pub mod output;
pub mod page;
pub mod print;
pub mod render;
pub mod report;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod snippets;
pub mod source;
pub mod theme;
pub mod ui;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use config::Config;
use config::{BrokenLinks, WrittenFor};
use diagnostic::{Diagnostic, Severity};
pub use error::{Error, Result};
use front_matter::Date;
use markdown::{Print, Rendered};
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
    /// Counts the pages as they are written, for a progress display.
    pub progress: Option<Arc<Progress>>,
    /// Leaves the previous site in a trash folder for the caller to delete
    /// ([`BuildReport::trash`]) rather than deleting it before returning.
    pub defer_removal: bool,
}

/// How far a build has got: pages written of the total (0 until the total is known).
#[derive(Debug, Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
}

#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub dest: PathBuf,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// With [`BuildOptions::defer_removal`], the trash folders to delete
    /// ([`output::remove_trash`]): the previous site's, and any earlier ones still there.
    pub trash: Vec<PathBuf>,
}

/// What `handbook check` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub root: Option<PathBuf>,
    pub drafts: bool,
}

/// Everything `check` found: the problems, the external links (listed, never fetched) and the
/// review schedule.
#[derive(Debug)]
pub struct CheckReport {
    pub pages: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub external_links: Vec<markdown::ExternalLink>,
    pub reviews: Vec<checks::Review>,
}

/// The handbook read, rendered in memory and checked: everything but the output files.
pub struct Analysis {
    pub config: Config,
    pub site: Site,
    /// `None` when the theme's templates have errors (they are among the diagnostics).
    pub theme: Option<Theme>,
    pub rendered: Vec<Rendered>,
    /// Non-Markdown files of the content folder, copied as they are.
    pub assets: Vec<String>,
    pub aliases: Vec<checks::Redirect>,
    /// Output paths of every copied file (content assets and the theme's static files): what
    /// a link may point at besides pages.
    pub link_targets: HashSet<String>,
    pub reviews: Vec<checks::Review>,
    /// Sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The search index, when the pages were written with search on: [`render_into`] writes
    /// its files (take it out of the analysis first).
    pub search: Option<search::index::Merged>,
}

impl Analysis {
    /// The files mdBook's `{{#include}}`s put into pages, the handbook's own style sheets and
    /// scripts (`[html] extra_css`, `extra_js`, and the sheets those import) and a Docusaurus
    /// site's sidebars: the preview watches them too.
    pub fn included_files(&self) -> std::collections::BTreeSet<PathBuf> {
        let html = &self.config.html;
        let own_files = html.extra_css.iter().chain(&html.extra_js);
        let sidebars = self
            .config
            .docusaurus()
            .and_then(|d| d.sidebars.as_ref())
            .map(|s| s.path.clone());
        self.site
            .pages
            .iter()
            .filter_map(|p| p.parsed.expansion.as_ref())
            .flat_map(|i| i.files.iter().cloned())
            .chain(own_files.map(|file| self.config.root.join(file)))
            .chain(sidebars)
            .chain(
                self.theme
                    .iter()
                    .flat_map(|t| t.imported_css.iter().cloned()),
            )
            .collect()
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The theme, when the site can be written: no errors, and templates that compiled.
    pub fn theme_if_clean(&self) -> Option<&Theme> {
        self.theme.as_ref().filter(|_| !self.has_errors())
    }
}

/// Prints how long a stage took, to stderr, when `HANDBOOK_TIMINGS` is set (for profiling).
pub(crate) fn timing(stage: &str, since: Instant) -> Instant {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *ON.get_or_init(|| std::env::var_os("HANDBOOK_TIMINGS").is_some()) {
        // And the memory held now, where the system says (Linux).
        let rss = std::fs::read_to_string("/proc/self/statm")
            .ok()
            .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
            .map_or(String::new(), |pages| {
                format!("  {:>6.1} MiB", (pages * 4096) as f64 / 1048576.0)
            });
        eprintln!(
            "timing: {stage:<12} {:>8.1} ms{rss}",
            since.elapsed().as_secs_f64() * 1e3
        );
    }
    Instant::now()
}

/// Today's date: `HANDBOOK_TODAY` (YYYY-MM-DD) when set, so that checks of review dates can be
/// reproduced, else the system clock's.
pub fn today() -> Result<Date> {
    // Empty is unset: CI systems pass an input left out as an empty string.
    match std::env::var("HANDBOOK_TODAY").map(|value| value.trim().to_string()) {
        Ok(value) if !value.is_empty() => Date::parse(&value).ok_or_else(|| Error::Usage {
            message: format!("HANDBOOK_TODAY=`{value}` is not a date"),
            hint: "write it as YYYY-MM-DD, or unset it".into(),
        }),
        _ => Ok(Date::today()),
    }
}

/// Reads, renders and checks the handbook, collecting every problem. Given an output (and a
/// theme without errors), it also writes the pages, the print view and the search index as it
/// renders them, so that no page's HTML is held longer than it takes to write it: the caller
/// throws the output away when the analysis has errors.
pub fn analyze(
    config: Config,
    drafts: bool,
    today: Date,
    out: Option<&Output>,
    progress: Option<&Progress>,
) -> Result<Analysis> {
    let mut diagnostics = config.warnings.clone();
    let t = Instant::now();
    // The templates compile on one core while the content is read on the other.
    let (theme, loaded) = rayon::join(|| Theme::load(&config), || load_site(&config, drafts));
    let mut theme = match theme {
        Ok(mut theme) => {
            diagnostics.append(&mut theme.warnings);
            Some(theme)
        }
        Err(Error::Handbook(d)) => {
            diagnostics.extend(d);
            None
        }
        Err(e) => return Err(e),
    };
    let (mut site, assets, content_diagnostics) = loaded?;
    let t = timing("theme + load", t);
    diagnostics.extend(content_diagnostics);
    let mut link_targets: HashSet<String> = assets.iter().cloned().collect();
    if let Some(theme) = &theme {
        link_targets.extend(theme.static_files.iter().map(|(path, _)| path.clone()));
    }
    // Each page's text goes to its rendering and is freed there, so that the memory of the
    // pages done is used again for the ones to come (on 10,000 pages the sources are 70 MB).
    let texts: Vec<String> = site
        .pages
        .iter_mut()
        .map(|page| page.parsed.take_text())
        .collect();
    if config.html.print {
        let sizes: Vec<usize> = texts.iter().map(String::len).collect();
        let without_parts = theme
            .as_ref()
            .and_then(|t| t.print_without_parts.as_deref());
        let (plan, warning) = print::PrintPlan::plan_for_template(
            &site,
            &sizes,
            config.html.print_part_kb,
            without_parts,
        );
        site.print = plan;
        diagnostics.extend(warning);
    }
    let reviews = checks::reviews(&site, &config, today);
    let writer = match (out, &theme) {
        (Some(out), Some(theme)) => {
            Some(render::Renderer::new(&site, &config, theme, &reviews, out))
        }
        _ => None,
    };
    let content = config.content_dir();
    let resolver = links::Resolver::new(&site, &link_targets, &content).within(&config.root);
    let (rendered, search) = render_pages(
        &site,
        texts,
        &resolver,
        writer.as_ref(),
        Extras {
            search: config.build.search,
            print: config.html.print,
        },
        progress,
        &mut diagnostics,
    );
    let t = timing("pages", t);
    drop(writer);
    // Files of hidden folders that pages link to are published with the others.
    let mut assets = assets;
    for rel in resolver.into_linked_hidden_files() {
        link_targets.insert(rel.clone());
        assets.push(rel);
    }
    collapse_repeats(&mut diagnostics);
    diagnostics.extend(checks::anchors(&site, &rendered));
    if let Some(theme) = &theme {
        diagnostics.extend(render::check_layouts(&site, theme));
    }
    if let Some(theme) = theme.as_mut() {
        leave_out_static_pages(&site, theme, &config, &mut diagnostics);
    }
    let static_files: HashSet<&str> = theme
        .iter()
        .flat_map(|t| t.static_files.iter().map(|(path, _)| path.as_str()))
        .collect();
    let taken = checks::output_collisions(&site, &assets, &static_files, &config, &mut diagnostics);
    let mut aliases = match &config.written_for {
        Some(WrittenFor::Hugo(hugo_site)) if hugo_site.disable_aliases => Vec::new(),
        _ => checks::aliases(&site, &taken, &mut diagnostics),
    };
    if let Some(book) = config.mdbook() {
        let config_path = config.root.join(config::FILE_NAME);
        let old = mdbook::old_addresses(
            &site,
            book,
            &config_path,
            &taken,
            &aliases,
            &mut diagnostics,
        );
        aliases.extend(old);
    }
    if let Some(book) = config.gitbook() {
        let moved = gitbook::redirects(&site, &rendered, book, &taken, &aliases, &mut diagnostics);
        aliases.extend(moved);
    }
    if config.docusaurus().is_some() {
        let old = docusaurus::old_addresses(&site, &taken, &aliases);
        aliases.extend(old);
    }
    // The addresses pages' front matter gives them, as written.
    let url_key = match &config.written_for {
        Some(WrittenFor::Hugo(hugo_site)) => Some(hugo_site.tool.url_key()),
        None => Some(liquid::PERMALINK),
        Some(_) => None,
    };
    if let Some(key) = url_key {
        let old = checks::written_addresses(&site, key, &taken, &aliases);
        aliases.extend(old);
    }
    // MkDocs', Docusaurus' and Hugo's folders seldom have an index page, and need none.
    let folders_need_index = !matches!(
        config.written_for,
        Some(WrittenFor::MkDocs(_) | WrittenFor::Docusaurus(_) | WrittenFor::Hugo(_))
    );
    let (home_file, home_else) = match config.written_for {
        Some(WrittenFor::MkDocs(_)) => ("index.md", ""),
        Some(WrittenFor::Docusaurus(_)) => ("index.md", ", or give a page `slug: /`"),
        _ => ("_index.md", ""),
    };
    diagnostics.extend(checks::structure(
        &site,
        &rendered,
        folders_need_index,
        home_file,
        home_else,
    ));
    diagnostics.extend(checks::ownership(&site, &config));
    diagnostics.extend(checks::duplicate_titles(&site));
    diagnostics.extend(checks::freshness(&site, &reviews, today));
    let pages_by_file: HashMap<&Path, &ParsedPage> = site
        .pages
        .iter()
        .filter(|_| config.hugo().is_some())
        .map(|p| (p.parsed.path.as_path(), &p.parsed))
        .collect();
    apply_link_levels(&mut diagnostics, &config, |file| {
        pages_by_file.get(file).copied()
    });
    diagnostic::sort(&mut diagnostics);
    timing("checks", t);
    Ok(Analysis {
        config,
        site,
        theme,
        rendered,
        assets,
        aliases,
        link_targets,
        reviews,
        diagnostics,
        search,
    })
}

/// Makes broken links and anchors warnings where the handbook's levels say so (`[build]
/// broken_links`, `broken_anchors`), as the tool a site was written for would only warn of
/// them; `page_of` gives the page of a file (read for Hugo's `ref` shortcodes). The full build
/// and the preview's quick update of one page both take them so.
pub(crate) fn apply_link_levels<'p>(
    diagnostics: &mut [Diagnostic],
    config: &Config,
    page_of: impl Fn(&Path) -> Option<&'p ParsedPage>,
) {
    let anchors = config.build.anchor_level();
    for d in diagnostics {
        let level = match d.code {
            "broken-link" => config.build.broken_links,
            "broken-anchor" => anchors,
            _ => continue,
        };
        // Hugo checks its `ref` and `relref` shortcodes only, and Zola its `@/` links, and
        // fail on them: those stay errors when the other links are warnings.
        // (A page with a shortcode keeps its body as written: its line is read there.)
        // (Zola's are named in the message: `@/page.md`.)
        if let (BrokenLinks::Warn, Some(site)) = (level, config.hugo()) {
            let checked = match site.tool {
                hugo::Tool::Hugo => page_of(d.file.as_path())
                    .zip(d.position)
                    .and_then(|(page, p)| page.written_line(p.line))
                    .is_some_and(hugo::has_ref),
                hugo::Tool::Zola => site.internal_links_fail && d.message.contains("`@/"),
            };
            if checked {
                continue;
            }
        }
        if level == BrokenLinks::Warn {
            d.severity = Severity::Warning;
        }
    }
}

/// Warnings said once for the site, at their first page, however many pages repeat them: what
/// another tool's page holds that handbook does not read (a component, a shortcode).
const ONCE_FOR_THE_SITE: &[&str] = &[
    "docusaurus-component",
    "zola-shortcode",
    "hugo-shortcode-unread",
];

/// A broken template fails on every page that uses it: one error says it, with the count; so
/// do the warnings [`ONCE_FOR_THE_SITE`] names.
fn collapse_repeats(diagnostics: &mut Vec<Diagnostic>) {
    let mut first: std::collections::HashMap<String, (usize, usize)> =
        std::collections::HashMap::new();
    let mut keep = vec![true; diagnostics.len()];
    for (i, d) in diagnostics.iter().enumerate() {
        let once = ONCE_FOR_THE_SITE.contains(&d.code);
        if d.code != "template" && !once {
            continue;
        }
        // The same failure in a template file, or, placed nowhere, the same message; the same
        // warning of another tool's syntax anywhere.
        let key = match d.position {
            _ if once => format!("{}\0{}", d.code, d.message),
            Some(p) => format!(
                "{}:{}:{}\0{}",
                d.file.display(),
                p.line,
                p.column,
                d.message
            ),
            None => d.message.clone(),
        };
        let entry = first.entry(key).or_insert((i, 0));
        if entry.0 != i {
            entry.1 += 1;
            keep[i] = false;
        }
    }
    for (i, others) in first.into_values() {
        if others > 0 {
            let s = if others == 1 { "" } else { "s" };
            diagnostics[i].message += &format!(" (and the same on {others} other page{s})");
        }
    }
    let mut keep = keep.into_iter();
    diagnostics.retain(|_| keep.next().unwrap_or(true));
}

/// Pages go through Markdown, their template, the print view and the search index this many
/// at a time, in reading order.
const CHUNK: usize = 128;

/// What a page leaves behind once written.
struct Done {
    id: PageId,
    rendered: Rendered,
    print_html: String,
    search: Option<search::index::PageIndex>,
}

/// What a build writes besides the pages: `[build] search`, `[html] print`.
#[derive(Clone, Copy)]
struct Extras {
    search: bool,
    print: bool,
}

/// Renders every page's Markdown; with a writer, also writes each page and the print view, and
/// builds the search index. Returns each page's rendering without its HTML, and the index.
fn render_pages(
    site: &Site,
    mut texts: Vec<String>,
    resolver: &links::Resolver,
    writer: Option<&render::Renderer>,
    extras: Extras,
    progress: Option<&Progress>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Rendered>, Option<search::index::Merged>) {
    // The print view is made as the pages are, when there is one.
    let writer_of_print = writer.filter(|_| extras.print);
    // An output that keeps nothing (`check`) needs no index.
    let site_search = extras.search && writer.is_some_and(|w| w.out().keeps_files());
    let print = if writer_of_print.is_some() {
        Print::Also
    } else {
        Print::No
    };
    let mut index = writer
        .filter(|_| site_search)
        .map(|_| search::index::Merged::new(site.search_language));
    // Reading order, then any page outside it (there are none today).
    let mut order = site.nav_order.clone();
    let mut listed = vec![false; site.pages.len()];
    order.iter().for_each(|&id| listed[id] = true);
    order.extend((0..site.pages.len()).filter(|&id| !listed[id]));
    if let Some(progress) = progress {
        progress.total.store(order.len(), Ordering::Relaxed);
    }

    // Pages that share a URL, or take a generated one, are reported by the checks; writing
    // them would only add a second, vaguer error.
    let mut urls: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for page in &site.pages {
        *urls.entry(page.url.as_str()).or_default() += 1;
    }
    let clashes = |id: PageId| {
        let url = site.pages[id].url.as_str();
        urls[url] > 1 || checks::generated(&format!("{url}index.html")).is_some()
    };

    let index_serial = index.as_ref().map_or(0, search::index::Merged::serial);
    let mut slots: Vec<Option<Rendered>> = (0..site.pages.len()).map(|_| None).collect();
    let process = |id: PageId, text: String| {
        let mut rendered = markdown::render_text(id, resolver, print, &text);
        drop(text);
        let mut search = None;
        if let Some(writer) = writer {
            if !clashes(id) {
                if let Err(d) = writer.page(id, &rendered) {
                    rendered.diagnostics.push(d);
                }
            }
            if site_search && site.not_found != Some(id) && !site.redirects.contains_key(&id) {
                search = Some(search::index::page_index(site, id, &rendered, index_serial));
            }
        }
        let mut print_html = std::mem::take(&mut rendered.print_html);
        // A redirect's text is shown nowhere; its title still heads its pages there.
        if site.redirects.contains_key(&id) {
            print_html.clear();
        }
        rendered.keep_for_checks();
        Done {
            id,
            rendered,
            print_html,
            search,
        }
    };
    // A chunk's pages with their texts, taken out of `texts`.
    let mut jobs = |chunk: &[PageId]| -> Vec<(PageId, String)> {
        chunk
            .iter()
            .map(|&id| (id, std::mem::take(&mut texts[id])))
            .collect()
    };
    let mut chunks = order.chunks(CHUNK).map(&mut jobs);
    let render_chunk = |chunk: Vec<(PageId, String)>| -> Vec<Done> {
        chunk
            .into_par_iter()
            .map(|(id, text)| process(id, text))
            .collect()
    };
    // Each chunk is merged (one core: the print file and the index are written in order) while
    // the next is rendered (every other core); the print view's frame (its template, once, with
    // every page's entry: a tenth of a second at 10,000 pages) is made beside the first.
    let (view, first) = rayon::join(
        || writer_of_print.map(render::Renderer::print_views),
        || chunks.next().map(render_chunk),
    );
    // Parts come one after the other: each is finished (its file closed) as the next starts.
    let mut print_views: Vec<Option<render::PrintView>> = match view {
        Some(Ok(views)) => views.into_iter().map(Some).collect(),
        Some(Err(d)) => {
            diagnostics.push(d);
            Vec::new()
        }
        None => Vec::new(),
    };
    let mut pending: Option<Vec<Done>> = first;
    let mut merge = |done: Vec<Done>| {
        if let Some(progress) = progress {
            progress.done.fetch_add(done.len(), Ordering::Relaxed);
        }
        if let Some(index) = index.as_mut() {
            for page in done.iter().filter_map(|d| d.search.as_ref()) {
                index.learn(page);
            }
        }
        for d in done {
            let part = site.print.part_of(d.id).filter(|_| listed[d.id]);
            if let (Some(n), Some(writer)) = (part, writer_of_print) {
                for earlier in print_views.iter_mut().take(n).filter_map(Option::take) {
                    diagnostics.extend(earlier.finish(writer.out()).err());
                }
            }
            if let (Some(view), Some(writer)) = (
                part.and_then(|n| print_views.get_mut(n))
                    .and_then(Option::as_mut),
                writer_of_print,
            ) {
                // `#top` and `#readme` lead to the page's top in the print view too, unless
                // the page has a heading of that id.
                let print_id = markdown::print_id(&site.pages[d.id]);
                let before: String = ["top", "readme"]
                    .iter()
                    .filter(|name| !d.rendered.ids.contains(**name))
                    .map(|name| format!("<span id=\"{print_id}--{name}\"></span>"))
                    .collect();
                if let Err(e) = view.add(writer.out(), d.id, before, d.print_html) {
                    diagnostics.push(e);
                }
            }
            if let (Some(index), Some(page)) = (index.as_mut(), d.search) {
                if listed[d.id] {
                    index.add(page);
                }
            }
            diagnostics.extend(d.rendered.diagnostics.iter().cloned());
            slots[d.id] = Some(d.rendered);
        }
    };
    for chunk in chunks {
        let previous = pending.take();
        let (_, done) = rayon::join(|| previous.map(&mut merge), || render_chunk(chunk));
        pending = Some(done);
    }
    if let Some(done) = pending {
        merge(done);
    }
    if let Some(writer) = writer_of_print {
        for view in print_views.into_iter().flatten() {
            diagnostics.extend(view.finish(writer.out()).err());
        }
    }
    (
        slots.into_iter().map(|r| r.unwrap_or_default()).collect(),
        index,
    )
}

/// Runs every check of the handbook without writing anything.
pub fn check(options: &CheckOptions) -> Result<CheckReport> {
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    let config = Config::load(options.root.as_deref(), &cwd)?;
    // What would stop `build` stops `check`: an output folder over the sources, every file
    // made from the templates (their errors), outputs that collide. Only the writing and the
    // search index (which nothing in the handbook can make fail) are left out.
    check_dest(&config, &config.dest_dir())?;
    let out = Output::discard();
    let mut analysis = analyze(config, options.drafts, today()?, Some(&out), None)?;
    if let Some(theme) = analysis.theme_if_clean() {
        let problems = render_into(&analysis, theme, &out, None);
        analysis.diagnostics.extend(problems);
        diagnostic::sort(&mut analysis.diagnostics);
    }
    let mut external_links: Vec<markdown::ExternalLink> = analysis
        .rendered
        .iter()
        .flat_map(|r| r.external_links.iter().cloned())
        .collect();
    external_links.sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
    Ok(CheckReport {
        pages: analysis.site.reader_pages(),
        diagnostics: analysis.diagnostics,
        external_links,
        reviews: analysis.reviews,
    })
}

/// Builds the site; on any error the previous output is left as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let started = Instant::now();
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    let mut config = Config::load(options.root.as_deref(), &cwd)?;
    if let Some(base_url) = &options.base_url {
        if let Some(problem) = Config::base_url_problem(base_url) {
            return Err(Error::Usage {
                message: format!("--base-url {problem}"),
                hint: "sitemap.xml, canonical links and the not-found page are made from it".into(),
            });
        }
        config.set_base_url(base_url);
    }
    let dest = match &options.dest {
        Some(dest) => cwd.join(dest),
        None => config.dest_dir(),
    };
    check_dest(&config, &dest)?;
    check_dest_is_a_site(&dest)?;
    // Where this build writes, for the walk to leave out (it may lie in the content folder).
    config.build.dest = dest.clone();
    let out = Output::create(&dest)?;
    let mut analysis = analyze(
        config,
        options.drafts,
        today()?,
        Some(&out),
        options.progress.as_deref(),
    )?;
    let search = analysis.search.take();
    let Some(theme) = analysis.theme_if_clean() else {
        return Err(Error::Handbook(analysis.diagnostics));
    };
    let mut diagnostics = analysis.diagnostics.clone();
    let problems = render_into(&analysis, theme, &out, search);
    if !problems.is_empty() {
        diagnostics.extend(problems);
        return Err(Error::Handbook(diagnostics));
    }
    let t = Instant::now();
    out.write(SITE_MARKER, SITE_MARKER_TEXT.as_bytes())
        .map_err(|d| Error::Handbook(vec![d]))?;
    let trash = out.commit(options.defer_removal)?;
    timing("commit", t);
    Ok(BuildReport {
        pages: analysis.site.reader_pages(),
        dest,
        warnings: diagnostics,
        elapsed: started.elapsed(),
        trash,
    })
}

/// Writes the files of the site that [`analyze`] did not (everything but the pages and the
/// print view: the search index given, taken from [`Analysis::search`], and the rest) into
/// `out`; returns the problems.
pub fn render_into(
    analysis: &Analysis,
    theme: &Theme,
    out: &Output,
    search: Option<search::index::Merged>,
) -> Vec<Diagnostic> {
    let Analysis {
        config,
        site,
        assets,
        aliases,
        reviews,
        ..
    } = analysis;
    let t = Instant::now();
    // The search index's files on one side, every other file on the other.
    let (mut problems, others) = rayon::join(
        || {
            let Some(index) = search else {
                return Vec::new();
            };
            let t = Instant::now();
            let files = index.files(site);
            let t = timing("  index", t);
            let problems = files
                .par_iter()
                .filter_map(|(path, text)| out.write(path, text.as_bytes()).err())
                .collect();
            timing("  index write", t);
            problems
        },
        || {
            let renderer = render::Renderer::new(site, config, theme, reviews, out);
            let mut problems = renderer.not_found();
            problems.extend(renderer.taxonomies());
            problems.extend(renderer.aliases(aliases));
            if config.absolute_base_url().is_some() {
                problems.extend(
                    out.write("sitemap.xml", render::sitemap(site, config).as_bytes())
                        .err(),
                );
            }
            timing("  taxonomies", t);
            // A file that lands where the site writes one of its own is reported at the file.
            let blame = |d: Diagnostic, path: &str, source: PathBuf| {
                if d.file == Path::new(path) {
                    Diagnostic {
                        file: source,
                        hint: Some(format!(
                            "the site writes its own `{path}`: rename or remove this file"
                        )),
                        ..d
                    }
                } else {
                    d
                }
            };
            let handbook_static = config.root.join("static");
            // The search index's folder is the site's (checked here, where the index is
            // written beside these files, or not at all for `check`).
            let claim = |path: &str, write: &dyn Fn() -> Result<(), Diagnostic>| {
                if config.build.search && path.starts_with("search/") {
                    return Err(Diagnostic::error(
                        "write",
                        path,
                        format!("two outputs are written to `{path}`"),
                    ));
                }
                write()
            };
            for (path, bytes) in &theme.static_files {
                if let Err(d) = claim(path, &|| out.write(path, bytes)) {
                    let own = handbook_static.join(path);
                    let source = if own.is_file() {
                        own
                    } else {
                        config
                            .root
                            .join("themes")
                            .join(&config.build.theme)
                            .join("static")
                            .join(path)
                    };
                    problems.push(blame(d, path, source));
                }
            }
            let content = config.content_dir();
            problems.extend(
                assets
                    .par_iter()
                    .filter_map(|rel| {
                        let from = content.join(rel);
                        claim(rel, &|| out.copy(&from, rel))
                            .err()
                            .map(|d| blame(d, rel, from))
                    })
                    .collect::<Vec<_>>(),
            );
            problems
        },
    );
    timing("rest", t);
    problems.extend(others);
    diagnostic::sort(&mut problems);
    problems
}

/// A file of the `static/` folder where the site writes one of its own (a generated file, or
/// a folder of them: `search/`, `tags/`) is an error. One where a page is written: an error,
/// but in a Docusaurus site,
/// where it stood beside docs published under `/docs/` (a redirect of `static/index.html` to
/// them, typically), it is left out with a warning.
fn leave_out_static_pages(
    site: &Site,
    theme: &mut Theme,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let pages: HashMap<String, PageId> = site
        .pages
        .iter()
        .enumerate()
        .map(|(id, p)| (format!("{}index.html", p.url), id))
        .collect();
    let docusaurus = config.docusaurus().is_some();
    theme.static_files.retain(|(rel, _)| {
        let file = config.root.join("static").join(rel);
        let Some(&id) = pages.get(rel) else {
            // A file of the handbook's where the site writes one of its own: found here, with
            // the rest, rather than when writing (only once every other error is mended).
            let reserved = checks::generated(rel).filter(|area| match *area {
                "search/" => config.build.search,
                "print/" => config.html.print,
                "sitemap.xml" => config.absolute_base_url().is_some(),
                _ => true,
            });
            if let (Some(area), true) = (reserved, file.is_file()) {
                diagnostics.push(
                    Diagnostic::error(
                        "reserved-url",
                        file,
                        format!("the file would overwrite the site's own `{rel}`"),
                    )
                    .hint(format!(
                        "the site writes `{area}` itself: rename or remove this file"
                    )),
                );
            }
            return true;
        };
        let page = match site.pages[id].url.as_str() {
            "" => "the home page".to_string(),
            url => format!("the page /{url}"),
        };
        diagnostics.push(if docusaurus {
            Diagnostic::warning(
                "reserved-url",
                file,
                format!(
                    "left out: {page} is written there (handbook publishes the docs at the \
                     site's root, where Docusaurus puts them under /docs/)"
                ),
            )
            .hint("remove the file, or move it out of static/")
        } else {
            Diagnostic::error(
                "reserved-url",
                file,
                format!("the file would overwrite {page}"),
            )
            .hint("rename or remove the file, or give the page another `slug:`")
        });
        !docusaurus
    });
}

/// Puts into a page's body what the tool a book was written for would: mdBook's includes in an
/// mdBook book, GitBook's blocks in a GitBook book, MkDocs' admonitions and tabs in an MkDocs
/// site, Docusaurus' admonitions in a Docusaurus site, Hugo's shortcodes in a Hugo site (Zola's
/// are only reported). Any other handbook's text stays as written.
pub(crate) fn expand_borrowed_syntax(page: &mut ParsedPage, config: &Config) -> Vec<Diagnostic> {
    let options = markdown::options_with(config.math().is_some(), config.definition_lists());
    expand::with_options(options, || {
        let diagnostics = expand_tool_syntax(page, config);
        // A definition is `: ` in the tools that read them but mdBook (pulldown-cmark's rule);
        // after their blocks, whose text is then no longer indented.
        if config.definition_lists() && config.mdbook().is_none() {
            expand::escape_unspaced_definition_markers(page);
        }
        // After the tools' blocks: math in an admonition is no longer indented as code.
        if let Some(syntax) = config.math() {
            math::expand(page, syntax);
        }
        diagnostics
    })
}

fn expand_tool_syntax(page: &mut ParsedPage, config: &Config) -> Vec<Diagnostic> {
    match &config.written_for {
        Some(WrittenFor::MdBook(_)) => mdbook::expand_directives(page, config),
        Some(WrittenFor::GitBook(_)) => gitbook::expand_blocks(page, &config.ui),
        Some(WrittenFor::MkDocs(site)) => {
            let mut diagnostics = match &site.snippets {
                Some(snippets) => snippets::expand(page, snippets),
                None => Vec::new(),
            };
            diagnostics.extend(mkdocs::expand_blocks(page, site.linked_tabs));
            // After the admonitions, whose text is then no longer indented.
            if site.md_in_html {
                html_markdown::expand(page);
            }
            mkdocs::expand_generic_blocks(page, &site.blocks, site.linked_tabs);
            if site.attribute_lists {
                attributes::expand(page, attributes::ATTR_LIST, &config.ui);
                mkdocs::apply_attribute_lists(page);
            }
            if site.abbreviations {
                mkdocs::take_abbreviations(page);
            }
            if site.emoji {
                emoji::expand(page);
            }
            mkdocs::expand_inline_marks(page, site.marks);
            diagnostics
        }
        Some(WrittenFor::Docusaurus(_)) => {
            docusaurus::adopt_id(page);
            let docs = config.content_dir();
            let mut diagnostics = docusaurus::expand_partials(page, &config.root, &docs);
            diagnostics.extend(docusaurus::expand_components(page));
            diagnostics.extend(docusaurus::expand_admonitions(page, &config.ui));
            diagnostics
        }
        Some(WrittenFor::Hugo(site)) => {
            hugo::adopt_url(page, site.tool);
            if site.emoji {
                emoji::expand(page);
            }
            match site.tool {
                hugo::Tool::Hugo => hugo::expand_shortcodes(page, &site.params, &config.ui),
                hugo::Tool::Zola => hugo::warn_zola_shortcodes(page),
            }
        }
        None => {
            // As GitHub and GitLab show Markdown; and a page moved from Jekyll or Eleventy.
            emoji::expand(page);
            // A Middleman page's ERB (`name.html.md.erb`).
            let mut diagnostics = erb::expand(page);
            diagnostics.extend(liquid::expand(page));
            diagnostics.extend(liquid::adopt_permalink(page));
            // As kramdown (Jekyll) reads `markdown="1"`, and attribute lists (`{: .note}` after
            // a block, `{:target="_blank"}` after a link).
            html_markdown::expand(page);
            attributes::expand(page, attributes::KRAMDOWN, &config.ui);
            mkdocs::apply_attribute_lists(page);
            // As Docusaurus, VitePress and Pandoc write callouts.
            diagnostics.extend(container::expand(page, &config.ui));
            diagnostics
        }
    }
}

/// The day a page says it was last changed, as another tool's front matter says it: Hugo's
/// `lastmod`, the Jekyll plugin's `last_modified_at`, Docusaurus' `last_update: { date }` (a
/// date, or a date and time: its day as written).
fn declared_update(extra: &std::collections::BTreeMap<String, serde_json::Value>) -> Option<Date> {
    let value = extra
        .get("lastmod")
        .or_else(|| extra.get("last_modified_at"))
        .or_else(|| extra.get("last_update")?.get("date"))?;
    Date::parse(value.as_str()?.get(..10)?)
}

/// Why the file `[html] not_found` names is not the not-found page: it is the home page or a
/// section's. An error at the setting when book.toml names it; a warning at the file when the
/// default `404.md` became a section's page (a SUMMARY.md chapter with chapters under it).
fn not_found_refused(site: &Site, id: PageId, config: &Config) -> Diagnostic {
    let rel = &site.pages[id].parsed.rel;
    let what = if id == site.home() {
        "the home page"
    } else {
        "a section's page, with pages under it"
    };
    let message = format!(
        "`{rel}` cannot be the not-found page: it is {what}, which readers reach from the \
         navigation"
    );
    // The key is handbook's own, in book.toml, whichever tool's settings are beside it.
    let book_toml = config.root.join(config::FILE_NAME);
    match config::value_position_in(&book_toml, &["html", "not_found"]) {
        Some(position) => Diagnostic::error("config", book_toml, message)
            .at(position)
            .hint(
                "name a page of its own (`404.md`, written for readers who followed a broken \
                 link), or leave the key out for the theme's own page",
            ),
        None => {
            let mdbook = matches!(config.written_for, Some(WrittenFor::MdBook(_)));
            let key = if mdbook {
                "`[output.html] input-404`"
            } else {
                "`[html] not_found`"
            };
            let move_pages = match (id == site.home(), mdbook) {
                (true, _) => "",
                (false, true) => "move the pages under it elsewhere in SUMMARY.md, or ",
                (false, false) => "move the pages under it elsewhere, or ",
            };
            Diagnostic::warning("not-found", config.content_dir().join(rel), message).hint(format!(
                "{move_pages}name another page in {key}; the theme's own not-found page is \
                 shown meanwhile"
            ))
        }
    }
}

/// Gives each page that does not say it in its front matter the date its file was last changed
/// (`[html] last_updated`); says why where none or some could not be known.
fn date_pages(site: &mut Site, history: git::History, config: &Config) -> Vec<Diagnostic> {
    let mut cut_off = 0;
    for page in site.pages.iter_mut().filter(|p| !p.generated) {
        if page.last_updated.is_some() {
            continue;
        }
        page.last_updated = history.dates.get(&page.parsed.rel).copied();
        cut_off += usize::from(history.cut_off.contains(&page.parsed.rel));
    }
    let settings = config.settings_path();
    let (message, hint) = if let Some(why) = history.failure {
        // Turned on in book.toml, or by the settings of the tool the site was written for.
        let off = if settings.ends_with(config::FILE_NAME) {
            "set [html] last_updated = false".to_string()
        } else {
            let name = settings.file_name().unwrap_or_default().to_string_lossy();
            format!("leave out the setting of {name} that asks for each page's last change")
        };
        (
            format!("no page can show when it was last changed: {why}"),
            format!("build from a clone of the handbook's git repository, or {off}"),
        )
    } else if cut_off > 0 {
        let pages = if cut_off == 1 { "page" } else { "pages" };
        (
            format!(
                "the repository is a shallow clone: {cut_off} {pages} last changed before its \
                 history begins show no date"
            ),
            "fetch the whole history (`git fetch --unshallow`; GitHub Actions: \
             `fetch-depth: 0` for actions/checkout; GitLab: GIT_DEPTH: 0)"
                .to_string(),
        )
    } else {
        return Vec::new();
    };
    let position = config::value_position_in(&settings, &["html", "last_updated"]);
    vec![Diagnostic::warning("last-updated", settings, message)
        .at_opt(position)
        .hint(hint)]
}

/// Reads and parses the content folder into a [`Site`]; also returns the non-Markdown files.
pub fn load_site(config: &Config, drafts: bool) -> Result<(Site, Vec<String>, Vec<Diagnostic>)> {
    let content = config.content_dir();
    let t = Instant::now();
    // The repository's history is read while the content is.
    let history = config.html.last_updated.then(|| {
        let content = content.clone();
        std::thread::spawn(move || git::history(&content))
    });
    // A Jekyll site moved in as it is, its settings beside its pages or at the root.
    let jekyll = config.written_for.is_none()
        && [&config.root, &content]
            .iter()
            .any(|folder| folder.join("_config.yml").is_file());
    let mut tree = source::walk(&content, &config.dest_dir(), &config.excluded, jekyll)?;
    if config.docusaurus().is_some() {
        tree.files
            .retain(|file| !docusaurus::is_left_out(&file.rel));
    }
    let t = timing("  walk", t);
    let mut diagnostics = tree.diagnostics;
    let parsed: Vec<_> = tree
        .files
        .into_par_iter()
        .map(|file| {
            let (mut page, mut page_diagnostics) = ParsedPage::parse(file);
            page_diagnostics.extend(expand_borrowed_syntax(&mut page, config));
            // A title found since (a Docusaurus folder's label) answers the warning, and one
            // from a name read since (without its number prefix) is the one named.
            // So does a page that is a redirect (Zola's section with `redirect_to` alone).
            if page.title_source != page::TitleSource::FileName || page.meta.redirect_to().is_some()
            {
                page_diagnostics.retain(|d| d.code != "no-title");
            }
            for d in page_diagnostics.iter_mut().filter(|d| d.code == "no-title") {
                d.message = page::no_title_message(&page.title);
            }
            (page, page_diagnostics)
        })
        .collect();
    let t = timing("  parse", t);
    let mut pages = Vec::with_capacity(parsed.len());
    for (page, page_diagnostics) in parsed {
        diagnostics.extend(page_diagnostics);
        pages.push(page);
    }
    // Before drafts are left out: a summary may list them.
    let nav = config
        .mkdocs()
        .and_then(|m| Some((&m.path, m.nav.clone()?)));
    let summary = match nav {
        Some((path, chapters)) => {
            let list = mdbook::ChapterList {
                path,
                paths_relative_to: "the docs folder",
                listing: "in mkdocs.yml's nav",
                builds_unlisted: true,
                names_win: true,
                excluded: &config.excluded,
                not_found: &config.html.not_found,
                not_in_list: config.mkdocs().map(|m| &m.not_in_nav),
            };
            Some(mdbook::apply_chapters(
                &mut pages,
                chapters,
                &list,
                &mut diagnostics,
            ))
        }
        None => mdbook::apply_summary(
            &mut pages,
            &config.excluded,
            &config.html.not_found,
            &mut diagnostics,
        ),
    };
    let mut left_out: HashMap<String, site::LeftOut> = tree
        .unread
        .iter()
        .map(|rel| (rel.clone(), site::LeftOut::Unread))
        .collect();
    if !drafts {
        for page in pages.iter().filter(|page| page.is_draft()) {
            left_out.insert(page.rel.clone(), site::LeftOut::Draft);
        }
        pages.retain(|page| !page.is_draft());
    }
    // Another tool's search page (Docsy's `content/en/search.md`, a Jekyll theme's): the
    // search in every page's header replaces it. Said only when it has text of its own.
    pages.retain(|page| {
        let Some(layout) = page.meta.layout.as_ref().filter(|_| config.build.search) else {
            return true;
        };
        if !layout.trim().eq_ignore_ascii_case("search") {
            return true;
        }
        left_out.insert(page.rel.clone(), site::LeftOut::SearchPage);
        if !page.body().trim().is_empty() {
            diagnostics.push(
                Diagnostic::warning(
                    "search-page",
                    &page.path,
                    "`layout: search`: this is another tool's search page; handbook's own search \
                     (in every page's header) takes its place, so the page and its text are left \
                     out",
                )
                .at_opt(page.key_position("layout"))
                .hint("move its text to another page, or remove the file"),
            );
        }
        false
    });
    // Hugo's build options: pages not written are left out as drafts are; pages written but
    // in no list leave the navigation once the site is made.
    let mut unlisted_rels = HashSet::new();
    if let Some(WrittenFor::Hugo(hugo_site)) = &config.written_for {
        let (options, warnings) = hugo::build_options(&pages, hugo_site);
        diagnostics.extend(warnings);
        let mut options = options.into_iter();
        let mut unrendered = HashSet::new();
        pages.retain(|page| {
            let options = options.next().expect("one for each page");
            if !options.render {
                left_out.insert(page.rel.clone(), site::LeftOut::NotRendered);
                unrendered.insert(page.path.clone());
            } else if !options.list {
                unlisted_rels.insert(page.rel.clone());
            }
            options.render
        });
        // A page no reader sees needs no title (a snippet bundle's `index.md`).
        diagnostics.retain(|d| !(d.code == "no-title" && unrendered.contains(&d.file)));
    }
    let name_folder: fn(&mut ParsedPage) = match &config.written_for {
        Some(WrittenFor::Docusaurus(_)) => docusaurus::adopt_generated_folder,
        _ => |_: &mut ParsedPage| {},
    };
    let (mut site, site_diagnostics) =
        Site::from_pages(pages, &content, &config.book.title, &name_folder);
    site.mdbook = config.mdbook().is_some();
    site.left_out = left_out;
    let unlisted: Vec<PageId> = unlisted_rels
        .iter()
        .filter_map(|rel| site.page_by_rel(rel))
        .collect();
    site.leave_out_of_lists(&unlisted);
    site.excluded = config.excluded.clone();
    // A link to a page's old URL (one of its aliases) leads to the page, as the redirect
    // written there would take a reader; the link is written to the page's own URL.
    let alias_urls: Vec<(String, PageId)> = site
        .pages
        .iter()
        .enumerate()
        .flat_map(|(id, page)| {
            page.meta().aliases.iter().filter_map(move |alias| {
                let path = links::normalize("", &links::percent_decode(alias))?;
                (!checks::is_web_address(alias)).then(|| (links::url_key(&path), id))
            })
        })
        .collect();
    for (url, id) in alias_urls {
        site.add_link_url(&url, id);
    }
    let (redirects, warnings) = checks::redirects_to(&site);
    site.redirects = redirects;
    diagnostics.extend(warnings);
    site.html_addresses_from_url = config.mkdocs().is_some_and(|m| m.directory_urls);
    site.offline = config.check.offline;
    site.autolinks = match &config.written_for {
        Some(WrittenFor::MdBook(_)) => false,
        Some(WrittenFor::MkDocs(mkdocs)) => mkdocs.magiclink,
        Some(WrittenFor::Hugo(hugo)) => hugo.tool == hugo::Tool::Hugo,
        _ => true,
    };
    site.math = config.math().is_some();
    site.definition_lists = config.definition_lists();
    site.python_ids = config.mkdocs().is_some_and(|m| m.python_ids);
    site.python_unique = config.mkdocs().is_some();
    site.smart_punctuation = config.smart_punctuation();

    site.term_ids = matches!(&config.written_for, Some(WrittenFor::Hugo(h)) if h.term_ids);
    site.highlight = config.build.highlight;
    site.line_numbers = config.line_numbers();
    site.ui = config.ui.clone();
    site.search_language = config.search_language();
    if let Some(docusaurus) = config.docusaurus() {
        site.route_base = Some(docusaurus.route_base.clone());
        site.code_language = docusaurus.default_language.clone();
        site.magic_comments = docusaurus.magic_comments.clone();
    }
    site.set_order(match &config.written_for {
        Some(WrittenFor::Hugo(h)) if h.tool == hugo::Tool::Hugo => site::SiblingOrder::Hugo,
        Some(WrittenFor::Docusaurus(_)) => site::SiblingOrder::Names,
        Some(WrittenFor::MkDocs(_)) => site::SiblingOrder::FilesThenFolders,
        _ => site::SiblingOrder::Title,
    });
    if let Some(summary) = summary {
        let groups_named_in = config.mkdocs().map(|m| m.path.clone()).unwrap_or_default();
        let entries = summary.outline;
        let mut outline: Vec<(usize, usize, Vec<String>)> = Vec::new();
        let mut taken = HashSet::new();
        for (k, entry) in entries.iter().enumerate() {
            let id = match &entry.group {
                None => site.page_by_rel(&entry.rel),
                // A group shows only with something under it.
                Some(title) if entries.get(k + 1).is_some_and(|e| e.depth > entry.depth) => {
                    site.group_page(&entry.rel, title, &groups_named_in, &mut taken)
                }
                Some(_) => None,
            };
            if let Some(id) = id {
                outline.push((id, entry.depth, entry.part.clone().into_iter().collect()));
            }
        }
        site.follow_outline(&outline);
        site.unlisted = Some(summary.unlisted);
    }
    if matches!(&config.written_for, Some(WrittenFor::Hugo(h)) if h.tool == hugo::Tool::Hugo) {
        site.adopt_nav_titles("linkTitle");
    }
    if let Some(docusaurus) = config.docusaurus() {
        diagnostics.extend(docusaurus.warnings.iter().cloned());
        site.adopt_nav_titles("sidebar_label");
        docusaurus::adopt_category_urls(&mut site);
        let outline = docusaurus.sidebars.as_ref().and_then(|sidebars| {
            docusaurus::sidebar_outline(sidebars, &mut site, &mut diagnostics)
        });
        if let Some(outline) = outline {
            site.follow_outline(&outline);
            site.unlisted = Some(Default::default());
        }
    }
    site.base_path = config.base_path();
    if let Err(id) = site.set_not_found(&config.html.not_found) {
        diagnostics.push(not_found_refused(&site, id, config));
    }
    for page in &mut site.pages {
        page.last_updated = declared_update(&page.parsed.meta.extra);
    }
    if let Some(history) = history {
        let history = history.join().unwrap_or_default();
        diagnostics.extend(date_pages(&mut site, history, config));
    }
    timing("  site", t);
    diagnostics.extend(site_diagnostics);
    let mut assets = tree.assets;
    if config.docusaurus().is_some() {
        // Docusaurus reads them, or bundles them into its scripts; they are not published.
        assets.retain(|rel| !docusaurus::is_category_file(rel) && !docusaurus::is_source_file(rel));
    }
    // The settings files, when the content folder is the handbook's own (`content = "."`).
    for settings in [config.settings_path(), config.root.join(config::FILE_NAME)] {
        let settings = config::clean(&settings);
        // (`.` is no prefix of `book.toml` to `Path`, though it is its folder.)
        let rel = match content == Path::new(".") {
            true => Some(settings.as_path()),
            false => settings.strip_prefix(&content).ok(),
        };
        if let Some(rel) = rel {
            let rel = rel.to_string_lossy();
            assets.retain(|asset| *asset != rel);
        }
    }
    Ok((site, assets, diagnostics))
}

/// The file every build writes at the top of its output, by which the next build knows the
/// folder it replaces is a site it wrote.
pub const SITE_MARKER: &str = ".handbook";
const SITE_MARKER_TEXT: &str =
    "This folder was written by `handbook build`; the next build replaces all of it.\n";

/// The output folder is replaced whole on every build: an existing one must be a site a build
/// wrote (it has [`SITE_MARKER`], or, written before there was one, a page of ours), or empty.
/// Anything else (a folder of someone's files named by mistake) is refused, not deleted, as
/// Zola refuses to build into a folder that is not empty.
fn check_dest_is_a_site(dest: &Path) -> Result<()> {
    let refuse = |what: String| Error::Usage {
        message: format!(
            "the output folder {} {what}; a build replaces the whole folder",
            dest.display()
        ),
        hint: "move its files elsewhere or delete it, or choose another --dest \
               or [build] dest"
            .into(),
    };
    let Ok(meta) = std::fs::metadata(dest) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(refuse("is a file, not a folder".into()));
    }
    let mut names: Vec<String> = match std::fs::read_dir(dest) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(e) => return Err(Error::io(dest, e)),
    };
    let generated_by_us = |name: &str| {
        let mut head = [0u8; 2048];
        let read = std::fs::File::open(dest.join(name))
            .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
            .unwrap_or(0);
        memchr::memmem::find(
            &head[..read],
            b"<meta name=\"generator\" content=\"handbook",
        )
        .is_some()
    };
    if names.is_empty()
        || names.iter().any(|n| n == SITE_MARKER)
        || ["index.html", "404.html"]
            .iter()
            .any(|n| generated_by_us(n))
    {
        return Ok(());
    }
    names.sort();
    let shown: Vec<String> = names.iter().take(3).map(|n| format!("`{n}`")).collect();
    let more = if names.len() > 3 { ", ..." } else { "" };
    Err(refuse(format!(
        "holds files a handbook build did not write ({}{more})",
        shown.join(", ")
    )))
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
