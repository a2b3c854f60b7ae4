//! Rebuilding after an edit. The common case, one page edited, is answered by re-rendering that
//! page alone, in a few milliseconds, when the edit leaves every other page where it was: its
//! text and headings (but one another page links to), or what it shows of itself (title,
//! weight, owner, review dates, tags, audience), but not its URL or whether it is a draft. A
//! full rebuild follows at once and brings every other file (the sidebars that show the new
//! title, the tag pages, the print view, the search index) up to date, so the served site
//! always ends equal to a fresh build.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::front_matter::FrontMatter;
use crate::markdown::{self, Print};
use crate::output::Output;
use crate::page::{ParsedPage, TitleSource};
use crate::render;
use crate::site::PageId;
use crate::source::{self, SourceFile};
use crate::{checks, links, mdbook, Analysis};

/// The files of the one page edited, re-rendered; `None` when the edit needs a full rebuild
/// first (or when it has an error: the full rebuild reports it). A page with warnings is shown
/// at once, as the full build writes it; the full rebuild prints them.
pub fn page_only(
    analysis: &mut Analysis,
    changed: &[std::path::PathBuf],
) -> Option<Vec<(String, Vec<u8>)>> {
    let content = analysis.config.content_dir();
    // An editor that saves by writing a temporary file and renaming it over the page (`sed -i`,
    // JetBrains' safe write, write-file-atomic) changed one file: the temporary one is gone
    // and was never part of the site.
    let changed: Vec<&std::path::PathBuf> = changed
        .iter()
        .filter(|path| {
            path.exists()
                || relative(&content, path).is_some_and(|rel| {
                    analysis.site.page_by_rel(&rel).is_some()
                        || analysis.link_targets.contains(&rel)
                })
        })
        .collect();
    let [path] = changed[..] else { return None };
    let rel = relative(&content, path)?;
    let id = analysis.site.page_by_rel(&rel)?;
    let old = &analysis.site.pages[id];
    if old.generated || old.parsed.rel != rel {
        return None;
    }
    let text = source::decode(std::fs::read(path).ok()?).ok()?;
    let (mut new, mut diagnostics) = ParsedPage::parse(SourceFile {
        path: path.clone(),
        rel,
        text,
    });
    diagnostics.extend(crate::expand_borrowed_syntax(&mut new, &analysis.config));
    if old.parsed.title_source == TitleSource::Summary {
        // Named as the full build names it: by its chapter, unless its front matter now does.
        let names_win = analysis.config.mkdocs().is_some();
        mdbook::take_chapter_name(&mut new, old.parsed.title.clone(), names_win);
    }
    // Where the page is written and what makes the rest of the site: unchanged.
    let same_place = new.kind == old.parsed.kind
        && new.slug == old.parsed.slug
        && new.dir == old.parsed.dir
        && new.root_url == old.parsed.root_url
        && new.title_source == old.parsed.title_source
        && leaves_the_rest_alone(&old.parsed.meta, &new.meta);
    // Docusaurus names a page in the sidebar by a label, kept apart only where it differs from
    // the title: a new title can make it differ.
    let label_may_change = analysis.config.docusaurus().is_some() && new.title != old.parsed.title;
    // A check of the whole site that the page may now fail (the full build reports it, and
    // the last good page stays on screen meanwhile).
    let owner_lost = analysis.config.check.require_owner && checks::lacks_owner(&new);
    // Warnings leave the page as the full build writes it (which prints them): only an error
    // waits for it, to show in the overlay.
    if diagnostics.iter().any(Diagnostic::is_error) || !same_place || label_may_change || owner_lost
    {
        return None;
    }
    let shown = new.meta != old.parsed.meta || new.title != old.parsed.title;
    let previous = std::mem::replace(&mut analysis.site.pages[id].parsed, new);
    if shown {
        // A new title or weight may move the page among its siblings.
        analysis.site.reorder_siblings_of(id);
    }
    let files = render_alone(analysis, id, shown);
    if files.is_none() {
        analysis.site.pages[id].parsed = previous;
        if shown {
            analysis.site.reorder_siblings_of(id);
        }
    }
    files
}

/// The page's files, rendered from the site as it now is; `None` when the page now needs more
/// than itself (a new heading id others link to, a broken link, a hidden file to publish).
fn render_alone(
    analysis: &mut Analysis,
    id: PageId,
    shown: bool,
) -> Option<Vec<(String, Vec<u8>)>> {
    let content = analysis.config.content_dir();
    // As the full build resolves them (a link that leaves the content folder is read from
    // the handbook's folder).
    let resolver = links::Resolver::new(&analysis.site, &analysis.link_targets, &content)
        .within(&analysis.config.root);
    let mut rendered = markdown::render(id, &resolver, Print::No);
    // Broken links that only warn (the handbook's levels) as the full build takes them.
    let page = &analysis.site.pages[id].parsed;
    crate::apply_link_levels(&mut rendered.diagnostics, &analysis.config, |file| {
        (file == page.path).then_some(page)
    });
    // A link to a hidden file not yet published waits for the full rebuild, which copies it.
    if !resolver.into_linked_hidden_files().is_empty() {
        return None;
    }
    // Its links to headings (its own among them, as they now are) lead somewhere.
    let ids_of = |target: PageId| {
        if target == id {
            &rendered.ids
        } else {
            &analysis.rendered[target].ids
        }
    };
    let h1_of = |target: PageId| analysis.site.pages[target].parsed.h1_id.as_deref();
    let anchors_ok = rendered
        .anchor_links
        .iter()
        .all(|l| links::anchor_leads(ids_of(l.target), h1_of(l.target), &l.anchor));
    // A heading added or renamed is shown at once, unless another page links to one it took
    // away (that link is now broken: the full rebuild says so).
    let linked_still = rendered.ids == analysis.rendered[id].ids
        || analysis
            .rendered
            .iter()
            .enumerate()
            .filter(|&(from, _)| from != id)
            .flat_map(|(_, r)| &r.anchor_links)
            .filter(|l| l.target == id)
            .all(|l| links::anchor_leads(&rendered.ids, h1_of(id), &l.anchor));
    // A broken anchor is a warning where the handbook says so (a site of a tool that only
    // warns of them): the page shows as the full build writes it.
    let anchors_warn = analysis.config.build.anchor_level() == crate::config::BrokenLinks::Warn;
    if rendered.diagnostics.iter().any(Diagnostic::is_error)
        || !(anchors_ok || anchors_warn)
        || !linked_still
    {
        return None;
    }
    // The page's owner, title and review dates, as its review badge shows them.
    let reviews = if shown {
        let today = crate::today().ok()?;
        Some(checks::reviews(&analysis.site, &analysis.config, today))
    } else {
        None
    };
    let out = Output::memory();
    let renderer = render::Renderer::new(
        &analysis.site,
        &analysis.config,
        analysis.theme.as_ref()?,
        reviews.as_ref().unwrap_or(&analysis.reviews),
        &out,
    );
    renderer.page(id, &rendered).ok()?;
    if let Some(reviews) = reviews {
        analysis.reviews = reviews;
    }
    rendered.keep_for_checks();
    analysis.rendered[id] = rendered;
    Some(out.into_files().into_iter().collect())
}

/// Whether two versions of a page's front matter differ only in what the page shows of itself
/// (and its place among its siblings, checked apart): not in its URL, its redirects, its
/// layout, whether it is a draft, or any key another tool reads (a Docusaurus sidebar label).
fn leaves_the_rest_alone(old: &FrontMatter, new: &FrontMatter) -> bool {
    // Taken apart whole, so that a key added to FrontMatter must be put on one side or the other.
    let FrontMatter {
        title: _,
        description: _,
        weight: _,
        tags: _,
        audience: _,
        owner: _,
        last_reviewed: _,
        review_every_days: _,
        draft,
        slug,
        aliases,
        layout,
        extra,
    } = old;
    *draft == new.draft
        && *slug == new.slug
        && *aliases == new.aliases
        && *layout == new.layout
        && *extra == new.extra
}

fn relative(base: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    Some(parts.join("/"))
}
