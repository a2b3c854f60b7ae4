//! Rebuilding after an edit. The common case, a page's text changed and nothing another page
//! shows of it (title, weight, front matter, heading ids), is answered by re-rendering that page
//! alone, in a few milliseconds; a full rebuild follows at once and brings every other file
//! (print view, search index) up to date, so the served site always ends equal to a fresh build.

use std::path::Path;

use crate::markdown::{self, Print};
use crate::output::Output;
use crate::page::ParsedPage;
use crate::render;
use crate::source::{self, SourceFile};
use crate::{links, Analysis};

/// The files of the one page whose body changed, re-rendered; `None` when the edit needs a
/// full rebuild (or when anything about it is not plainly fine: the full rebuild reports it).
pub fn page_only(
    analysis: &mut Analysis,
    changed: &[std::path::PathBuf],
) -> Option<Vec<(String, Vec<u8>)>> {
    let [path] = changed else { return None };
    let theme = analysis.theme.as_ref()?;
    let content = analysis.config.content_dir();
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
    let same_outside = new.meta == old.parsed.meta
        && new.title == old.parsed.title
        && new.heading == old.parsed.heading
        && new.kind == old.parsed.kind
        && new.slug == old.parsed.slug
        && new.dir == old.parsed.dir;
    if !diagnostics.is_empty() || !same_outside {
        return None;
    }
    let previous = std::mem::replace(&mut analysis.site.pages[id].parsed, new);
    let resolver = links::Resolver::new(&analysis.site, &analysis.link_targets, &content);
    let rendered = markdown::render(id, &resolver, Print::No);
    // A link to a hidden file not yet published waits for the full rebuild, which copies it.
    if !resolver.into_linked_hidden_files().is_empty() {
        analysis.site.pages[id].parsed = previous;
        return None;
    }
    let anchors_ok = rendered
        .anchor_links
        .iter()
        .all(|l| links::anchor_exists(&analysis.rendered[l.target].ids, &l.anchor));
    // Other pages may link to this page's headings: those must not change.
    if !rendered.diagnostics.is_empty() || !anchors_ok || rendered.ids != analysis.rendered[id].ids
    {
        analysis.site.pages[id].parsed = previous;
        return None;
    }
    let out = Output::memory();
    // The page's review dates are in its front matter, unchanged: so is its review badge.
    let renderer = render::Renderer::new(
        &analysis.site,
        &analysis.config,
        theme,
        &analysis.reviews,
        &out,
    );
    if renderer.page(id, &rendered).is_err() {
        return None;
    }
    let mut rendered = rendered;
    rendered.keep_for_checks();
    analysis.rendered[id] = rendered;
    Some(out.into_files().into_iter().collect())
}

fn relative(base: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    let parts: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    Some(parts.join("/"))
}
