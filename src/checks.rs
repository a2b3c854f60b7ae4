//! Checks over the whole handbook, run by `build` and `check` alike: links to other pages'
//! anchors, outputs that would collide, aliases, ownership, freshness and structure. Each returns
//! its problems as diagnostics.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Position};
use crate::front_matter::Date;
use crate::links;
use crate::markdown::{self, Rendered};
use crate::page::ParsedPage;
use crate::site::{PageId, RedirectTo, Site};

/// Whether an alias is a web address (`http://...`, `//host/...`, `mailto:`), which no file of
/// this site can be (it was written as a folder named `http:`).
pub fn is_web_address(alias: &str) -> bool {
    alias.starts_with("//") || links::has_scheme(alias)
}

/// A page as a message names it: its file, or, for the page made for a folder without an
/// index file, that folder (its made-up `_index.md` is no file to look for).
fn page_name(site: &Site, id: PageId) -> String {
    let page = &site.pages[id];
    if page.generated {
        format!(
            "the page made for the folder `{}/` (which has no _index.md)",
            page.parsed.dir
        )
    } else {
        page.parsed.rel.clone()
    }
}

/// Links to another page's `#anchor` must name one of its ids.
pub fn anchors(site: &Site, rendered: &[Rendered]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut hints = vec![0usize; rendered.len()];
    for (id, r) in rendered.iter().enumerate() {
        for link in &r.anchor_links {
            let target = &rendered[link.target];
            // A page whose front matter is broken has its own error, and may have lost its
            // headings with it (a front matter never closed takes the whole file).
            if !site.pages[link.target].parsed.front_matter_ok {
                continue;
            }
            let h1_id = site.pages[link.target].parsed.h1_id.as_deref();
            if !links::anchor_leads(&target.ids, h1_id, &link.anchor) {
                hints[link.target] += 1;
                let hint = if hints[link.target] <= markdown::ANCHOR_HINTS_PER_PAGE {
                    markdown::anchor_hint(&target.ids, &link.anchor)
                } else {
                    markdown::ANCHOR_HINT_SPENT.into()
                };
                out.push(
                    Diagnostic::error(
                        "broken-anchor",
                        &site.pages[id].parsed.path,
                        match &link.zola {
                            Some(written) => format!(
                                "broken link: `{written}` leads to {}, which has no heading `#{}`",
                                page_name(site, link.target),
                                link.anchor
                            ),
                            None => format!(
                                "broken link: {} has no heading `#{}`",
                                page_name(site, link.target),
                                link.anchor
                            ),
                        },
                    )
                    .at(link.position)
                    .hint(hint),
                );
            }
        }
    }
    out
}

/// Output paths the generator writes besides pages (folders end in `/`).
const GENERATED: &[&str] = &[
    crate::SITE_MARKER,
    "search/",
    "404.html",
    "sitemap.xml",
    "print/",
    "tags/",
    "audience/",
];

pub(crate) fn generated(path: &str) -> Option<&'static str> {
    GENERATED.iter().copied().find(|g| {
        if g.ends_with('/') {
            path.starts_with(g)
        } else {
            path == *g
        }
    })
}

/// Pages and copied files must not land on each other, on generated outputs or on the theme's
/// static files (`static_files`: `assets/handbook.css`...; the rest of `assets/` is the
/// handbook's, where MkDocs and Docusaurus sites keep their images). Returns every output path
/// taken by a page or a file.
pub fn output_collisions(
    site: &Site,
    assets: &[String],
    static_files: &HashSet<&str>,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> HashSet<String> {
    let mut taken = HashSet::with_capacity(site.pages.len() + assets.len());
    for page in &site.pages {
        let path = format!("{}index.html", page.url);
        // Where the page's URL is written, when its front matter writes it.
        let url_at = || {
            ["slug", "permalink", "url", "path"]
                .iter()
                .find_map(|key| page.parsed.key_position(key))
        };
        if let Some(g) = generated(&path) {
            diagnostics.push(
                Diagnostic::error(
                    "reserved-url",
                    &page.parsed.path,
                    format!("the URL /{} is used by the generated `{g}`", page.url),
                )
                .at_opt(url_at())
                .hint(format!(
                    "rename the file or folder, give the page another `slug:`, or leave it out \
                     with `[build] exclude = [\"/{}\"]`",
                    page.parsed.rel
                )),
            );
        }
        if let Some(name) = too_long_name(&page.url) {
            diagnostics.push(
                Diagnostic::error("long-name", &page.parsed.path, too_long_message(name))
                    .at_opt(url_at())
                    .hint("give the page a shorter `slug:`, or rename the file"),
            );
        }
        taken.insert(path);
    }
    for rel in assets {
        if generated(rel).is_some() || taken.contains(rel) || static_files.contains(rel.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    "reserved-url",
                    config.content_dir().join(rel),
                    format!("the file would overwrite the generated `{rel}`"),
                )
                .hint(if rel == "404.html" {
                    // Jekyll's and Eleventy's not-found page.
                    format!(
                        "the site's not-found page is written from {} (Markdown, shown in the \
                         site's layout): move this page's words there, or leave this file out \
                         with `[build] exclude = [\"/404.html\"]`",
                        config.html.not_found
                    )
                } else {
                    format!(
                        "rename or remove the file, or leave it out of the site with \
                         `[build] exclude = [\"/{rel}\"]`"
                    )
                }),
            );
        }
        taken.insert(rel.clone());
    }
    taken
}

/// Where the pages with `redirect_to` lead ([`Site::redirects`]). A path of the site is read
/// from the site's root, with or without a leading `/` (Zola writes `docs/start`, Jekyll
/// `/docs/start/`); one that is no page, and looks like no file, is a warning.
pub fn redirects_to(site: &Site) -> (HashMap<PageId, RedirectTo>, Vec<Diagnostic>) {
    let mut targets = HashMap::new();
    let mut diagnostics = Vec::new();
    for (id, page) in site.pages.iter().enumerate() {
        let Some(written) = page.meta().redirect_to() else {
            continue;
        };
        if is_web_address(written) {
            targets.insert(id, RedirectTo::Address(written.to_string()));
            continue;
        }
        let (path, anchor) = written.split_once('#').unwrap_or((written, ""));
        let found = links::normalize("", &links::percent_decode(path.trim_start_matches('/')))
            .map(|path| links::url_key(&path))
            .and_then(|url| {
                site.page_by_url(&url)
                    .or_else(|| site.link_urls.get(&url).copied())
            });
        match found {
            Some(to) if to == id => diagnostics.push(
                Diagnostic::warning(
                    "redirect-to",
                    &page.parsed.path,
                    format!("`redirect_to: {written}` leads to this page itself"),
                )
                .at_opt(page.parsed.key_position("redirect_to"))
                .hint("point it at another page, or remove it"),
            ),
            Some(to) => {
                targets.insert(id, RedirectTo::Page(to, anchor.to_string()));
            }
            None => {
                let file_name = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
                let looks_like_file = file_name.contains('.') && !file_name.ends_with(".html");
                if !looks_like_file {
                    diagnostics.push(
                        Diagnostic::warning(
                            "redirect-to",
                            &page.parsed.path,
                            format!("`redirect_to: {written}` leads to no page of the site"),
                        )
                        .at_opt(page.parsed.key_position("redirect_to"))
                        .hint("write the address of a page as the site shows it (`docs/start/`), or a full web address"),
                    );
                }
                targets.insert(
                    id,
                    RedirectTo::Path(written.trim_start_matches('/').to_string()),
                );
            }
        }
    }
    // Redirects that lead back to where they start: a reader would bounce between them.
    for &start in targets.keys() {
        let mut at = start;
        let mut seen = vec![start];
        while let Some(RedirectTo::Page(to, _)) = targets.get(&at) {
            at = *to;
            if at == start {
                let page = &site.pages[start];
                diagnostics.push(
                    Diagnostic::warning(
                        "redirect-to",
                        &page.parsed.path,
                        format!(
                            "`redirect_to` leads round in a circle: {}",
                            seen.iter()
                                .chain([&start])
                                .map(|&p| site.pages[p].parsed.rel.as_str())
                                .collect::<Vec<_>>()
                                .join(" -> ")
                        ),
                    )
                    .at_opt(page.parsed.key_position("redirect_to"))
                    .hint("point one of them at a page that is no redirect"),
                );
                break;
            }
            if seen.contains(&at) {
                break;
            }
            seen.push(at);
        }
    }
    (targets, diagnostics)
}

/// A redirect page to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// Its output path: `old/page/index.html`.
    pub path: String,
    /// The page it leads to.
    pub page: PageId,
    /// The heading on that page it leads to (without `#`); empty for the page's top.
    pub anchor: String,
}

/// Redirect pages being collected: a path that is a page's own, a file's, a generated page's or
/// another redirect's already is left out.
pub struct Redirects<'a> {
    site: &'a Site,
    taken: &'a HashSet<String>,
    used: HashSet<String>,
    pub out: Vec<Redirect>,
}

impl<'a> Redirects<'a> {
    pub fn new(site: &'a Site, taken: &'a HashSet<String>, aliases: &[Redirect]) -> Self {
        Redirects {
            site,
            taken,
            used: aliases.iter().map(|r| r.path.clone()).collect(),
            out: Vec::new(),
        }
    }

    /// A redirect page at `path` (`old/page/index.html`) to the page `page`, where none is.
    pub fn add(&mut self, path: String, page: PageId) {
        let own = format!("{}index.html", self.site.pages[page].url);
        // The not-found page has no address to lead to.
        if path != own
            && self.site.not_found != Some(page)
            && !self.taken.contains(&path)
            && generated(&path).is_none()
            && self.used.insert(path.clone())
        {
            self.out.push(Redirect {
                path,
                page,
                anchor: String::new(),
            });
        }
    }
}

/// Redirect pages at the addresses that pages' front matter gives them under `key` (Hugo's
/// `url`, Zola's `path`, Jekyll's and Eleventy's `permalink`) as written, where the site writes
/// them otherwise (`url: /Legal/privacy.html` is at `legal/privacy-html/` here): links and
/// bookmarks to the old site keep working. Only pages that took their address from the key
/// ([`ParsedPage::root_url`]); none where a file or another redirect is.
pub fn written_addresses(
    site: &Site,
    key: &str,
    taken: &HashSet<String>,
    aliases: &[Redirect],
) -> Vec<Redirect> {
    let mut redirects = Redirects::new(site, taken, aliases);
    for (id, page) in site.pages.iter().enumerate() {
        if page.parsed.root_url.is_none() {
            continue;
        }
        let Some(written) = page
            .parsed
            .meta
            .extra
            .get(key)
            .and_then(serde_json::Value::as_str)
            .and_then(|url| links::normalize("", url.trim().trim_start_matches('/')))
            .filter(|path| !path.is_empty())
        else {
            continue;
        };
        // A file's name (`privacy.html`) is that file; a folder's is its index page.
        let path = if written.ends_with(".html") || written.ends_with(".htm") {
            written
        } else {
            format!("{}/index.html", written.trim_end_matches('/'))
        };
        redirects.add(path, id);
    }
    redirects.out
}

/// The longest name of a file or folder most file systems take (ext4, APFS, NTFS), in bytes.
const MAX_NAME_BYTES: usize = 255;

/// A part of an output path too long to be a file or folder name.
fn too_long_name(path: &str) -> Option<&str> {
    path.split('/').find(|part| part.len() > MAX_NAME_BYTES)
}

fn too_long_message(name: &str) -> String {
    let start: String = name.chars().take(24).collect();
    format!(
        "its address has a part of {} bytes (`{start}...`), more than a file name may have ({MAX_NAME_BYTES})",
        name.len()
    )
}

/// The redirect pages for every page's `aliases`.
pub fn aliases(
    site: &Site,
    taken: &HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Redirect> {
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
            // Where the list is written: `aliases`, or Jekyll's `redirect_from`.
            let position = || {
                page.parsed
                    .item_position("aliases", alias)
                    .or_else(|| page.parsed.item_position("redirect_from", alias))
            };
            // The page whose URL the alias already is, if any.
            let owner = if trimmed.is_empty() {
                None
            } else {
                site.page_by_url(&url)
            };
            if owner == Some(id) {
                // Harmless (handbooks moved from Jekyll often list a page's own URL in
                // `redirect_from`), but a redirect there would replace the page itself.
                diagnostics.push(
                    Diagnostic::warning(
                        "alias",
                        &page.parsed.path,
                        format!("alias `{alias}` is this page's own URL; it is left out"),
                    )
                    .at_opt(position())
                    .hint("remove the alias: the page is already there"),
                );
                continue;
            }
            // A folder without an index file: its section page is made up, so the alias
            // probably meant this page to be it.
            let made_up = owner
                .map(|other| &site.pages[other])
                .filter(|other| other.generated);
            let problem = if is_web_address(alias) {
                Some(
                    "is a web address; an alias is an old path of this site, like `/old/page/`"
                        .to_string(),
                )
            } else if trimmed.is_empty() {
                Some("is empty or points outside the site".to_string())
            } else if let Some(name) = too_long_name(&path) {
                Some(too_long_message(name))
            } else if let Some(other) = made_up {
                Some(format!(
                    "is already the URL of the section page made for the folder `{}`, which has no _index.md",
                    other.parsed.dir
                ))
            } else if let Some(other) = owner {
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
            let hint = match made_up {
                Some(other) => format!(
                    "to make this page the section's page, move it to {}/_index.md; or remove the alias",
                    other.parsed.dir
                ),
                None => "remove the alias, or change it to an old URL no page uses".into(),
            };
            match problem {
                // The page made for a folder stays (Hugo, which makes none, would write the
                // redirect there): a warning, since the site is whole either way.
                Some(problem) if made_up.is_some() => diagnostics.push(
                    Diagnostic::warning(
                        "alias",
                        &page.parsed.path,
                        format!("alias `{alias}` {problem}; it is left out"),
                    )
                    .at_opt(position())
                    .hint(hint),
                ),
                Some(problem) => diagnostics.push(
                    Diagnostic::error(
                        "alias",
                        &page.parsed.path,
                        format!("alias `{alias}` {problem}"),
                    )
                    .at_opt(position())
                    .hint(hint),
                ),
                None => {
                    seen.insert(path.clone(), id);
                    out.push(Redirect {
                        path,
                        page: id,
                        anchor: String::new(),
                    });
                }
            }
        }
    }
    out
}

/// Pages and sections that say nothing, and folders without an index file (where folders
/// need one: `folders_need_index`, false for a site written for a tool whose folders seldom
/// have one).
///
/// `home_file` is the file a home page is written in (`_index.md`, `index.md` for MkDocs and
/// Docusaurus), and `home_else` another way to make one (Docusaurus' `slug: /`), for the hint.
pub fn structure(
    site: &Site,
    rendered: &[Rendered],
    folders_need_index: bool,
    home_file: &str,
    home_else: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, page) in site.pages.iter().enumerate() {
        // A book with a summary has chapters, not sections: folders need no page of their own.
        if page.generated
            && !page.parsed.dir.is_empty()
            && (site.unlisted.is_some() || !folders_need_index)
        {
            continue;
        }
        if page.generated {
            let (what, hint) = if page.parsed.dir.is_empty() {
                // In the content folder book.toml names, shown as the diagnostic's file is.
                let home = crate::diagnostic::display_path(&page.parsed.path.join(home_file));
                (
                    format!("the handbook has no home page ({home})"),
                    format!("create {home} with a title and an introduction{home_else}"),
                )
            } else {
                (
                    "this folder has no _index.md, so its section has no title or introduction of its own".into(),
                    "add an _index.md with a title and a short introduction".into(),
                )
            };
            out.push(Diagnostic::warning("no-index", &page.parsed.path, what).hint(hint));
        } else if page.parsed.front_matter_ok
            && site.section_of_index(id).is_none()
            && rendered[id].empty
            && !site.redirects.contains_key(&id)
        {
            out.push(
                Diagnostic::warning("empty-page", &page.parsed.path, "the page is empty")
                    .at(Position::new(page.parsed.body_line, 1))
                    .hint("write the page, mark it `draft: true`, or remove it"),
            );
        } else if page.meta().layout.as_deref() == Some("faq") && !rendered[id].has_h2 {
            out.push(
                Diagnostic::warning(
                    "faq",
                    &page.parsed.path,
                    "`layout: faq`, but the page has no `##` question, so it gets no FAQ \
                     structured data",
                )
                .at_opt(page.parsed.key_position("layout"))
                .hint("write each question as a `## Question?` heading, its answer below it"),
            );
        }
    }
    out
}

/// Pages of one section under the same name (regardless of case): the sidebar, the section's
/// cards and the search would show two alike. A warning at the later one's `title` (or the
/// key its sidebar name comes from). Pages under two parts of the top (mdBook's `# Guide`, a
/// Docusaurus category without a page) stand apart.
pub fn duplicate_titles(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (s, section) in site.sections.iter().enumerate() {
        let mut seen: HashMap<String, PageId> = HashMap::new();
        for (i, &entry) in section.children.iter().enumerate() {
            if s == 0 && site.parts.iter().any(|&(at, _)| at == i) {
                seen.clear();
            }
            let id = site.entry_page(entry);
            let page = &site.pages[id];
            let listed = site.nav_index[id] != crate::site::NOT_IN_ORDER;
            if !listed || site.redirects.contains_key(&id) {
                continue;
            }
            let name = page.nav_name().trim().to_lowercase();
            match seen.get(&name) {
                Some(&first) => {
                    let (first, later) = if page.generated {
                        (id, first)
                    } else {
                        (first, id)
                    };
                    let later_page = &site.pages[later];
                    if later_page.generated {
                        continue;
                    }
                    // A sidebar name of its own (`sidebar_label`, a SUMMARY.md link's text).
                    let label = ["sidebar_label", "linkTitle"]
                        .into_iter()
                        .find_map(|key| Some((key, later_page.parsed.key_position(key)?)))
                        .filter(|_| later_page.nav_title.is_some());
                    let (position, hint) = match label {
                        Some((key, at)) => (
                            Some(at),
                            format!("give one of the two a `{key}` of its own"),
                        ),
                        None => (
                            later_page.parsed.key_position("title"),
                            "give one of the two a title of its own".to_string(),
                        ),
                    };
                    out.push(
                        Diagnostic::warning(
                            "duplicate-title",
                            &later_page.parsed.path,
                            format!(
                                "\"{}\" is also the name of {} in this section: the sidebar and \
                                 the search show two alike",
                                later_page.nav_name(),
                                crate::diagnostic::display_path(&site.pages[first].parsed.path)
                            ),
                        )
                        .at_opt(position)
                        .hint(hint),
                    );
                }
                None => {
                    seen.insert(name, id);
                }
            }
        }
    }
    out
}

/// With `[check] require_owner`, every page needs an `owner`.
pub fn ownership(site: &Site, config: &Config) -> Vec<Diagnostic> {
    if !config.check.require_owner {
        return Vec::new();
    }
    site.pages
        .iter()
        .filter(|p| !p.generated && lacks_owner(&p.parsed))
        .map(|p| {
            Diagnostic::error("no-owner", &p.parsed.path, "the page has no owner")
                .at(Position::new(1, 1))
                .hint("add `owner: \"@team\"` to the front matter ([check] require_owner is on)")
        })
        .collect()
}

/// Whether a page's front matter (read without errors) names no owner.
pub fn lacks_owner(page: &ParsedPage) -> bool {
    page.front_matter_ok
        && page
            .meta
            .owner
            .as_deref()
            .is_none_or(|o| o.trim().is_empty())
}

/// When a page is due for review, and by how many days it is late.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    #[serde(skip)]
    pub page: PageId,
    /// The page's file, as diagnostics show it.
    pub file: String,
    pub title: String,
    pub owner: Option<String>,
    pub last_reviewed: Option<Date>,
    /// False for a page whose `review_every_days` (or `[check] review_every_days`) is 0: it is
    /// never due, whenever it was reviewed.
    pub scheduled: bool,
    /// `None` for a page that was never reviewed, or has no schedule.
    pub due: Option<Date>,
    /// Positive when overdue, negative for the days left; `None` when never reviewed or never
    /// due.
    pub days_overdue: Option<i64>,
}

/// Every written page by review due date: never-reviewed pages first, then the most overdue,
/// and last the pages with no schedule.
pub fn reviews(site: &Site, config: &Config, today: Date) -> Vec<Review> {
    let mut out: Vec<Review> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.generated)
        .map(|(id, p)| {
            let meta = p.meta();
            let every = meta
                .review_every_days
                .unwrap_or(config.check.review_every_days);
            let scheduled = every > 0;
            let due = meta
                .last_reviewed
                .filter(|_| scheduled)
                .map(|d| d.add_days(i64::from(every)));
            Review {
                page: id,
                file: crate::diagnostic::display_path(&p.parsed.path),
                title: p.title().to_string(),
                owner: meta.owner.clone(),
                last_reviewed: meta.last_reviewed,
                scheduled,
                due,
                days_overdue: due.map(|due| today.days_since_epoch() - due.days_since_epoch()),
            }
        })
        .collect();
    out.sort_by(|a, b| (!a.scheduled, a.due, &a.file).cmp(&(!b.scheduled, b.due, &b.file)));
    out
}

/// Pages whose review date has passed, and pages reviewed, they say, after `today` (a typo
/// of the year, which would keep the page from ever being due).
pub fn freshness(site: &Site, reviews: &[Review], today: Date) -> Vec<Diagnostic> {
    let future = reviews.iter().filter_map(|r| {
        let reviewed = r.last_reviewed?;
        (reviewed.days_since_epoch() > today.days_since_epoch()).then(|| {
            let page = &site.pages[r.page].parsed;
            Diagnostic::warning(
                "review-date",
                &page.path,
                format!("`last_reviewed` is {reviewed}, after today ({today})"),
            )
            .at_opt(page.key_position("last_reviewed"))
            .hint("write the day the page was last reviewed, as YYYY-MM-DD")
        })
    });
    let overdue = reviews.iter().filter_map(|r| {
        let late = r.days_overdue.filter(|d| *d > 0)?;
        let page = &site.pages[r.page].parsed;
        // The key the page wrote its review under (GOV.UK's tech docs': `last_reviewed_on`).
        let key = match page.key_position("last_reviewed").is_none()
            && page.meta.extra.contains_key("last_reviewed_on")
        {
            true => "last_reviewed_on",
            false => "last_reviewed",
        };
        let owner = r
            .owner
            .as_deref()
            .map_or("no owner".to_string(), |o| format!("owner {o}"));
        Some(
            Diagnostic::warning(
                "review-overdue",
                &page.path,
                format!(
                    "review overdue: last reviewed {}, due {} ({late} day{} ago; {owner})",
                    r.last_reviewed?,
                    r.due?,
                    if late == 1 { "" } else { "s" }
                ),
            )
            .at_opt(page.key_position(key))
            .hint(format!(
                "review the page, then set `{key}` to the date of the review"
            )),
        )
    });
    future.chain(overdue).collect()
}
