//! Resolving the links a page writes (`../skills/empathy.md#listening`, `img/chart.png`,
//! `/skills/empathy/`) against the site, and writing them back as relative hrefs that work at
//! the root, under a sub-path and from `file://`.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::sync::Mutex;

use crate::site::{Page, PageId, Site};

/// What a link in a page points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Leaves the site (`https:`, `mailto:`, `//host`): kept as written.
    External,
    /// A heading of the same page.
    Anchor(String),
    Page {
        id: PageId,
        anchor: Option<String>,
    },
    /// A file copied into the site, by its path below the output folder.
    Asset {
        path: String,
        suffix: String,
    },
    Broken {
        message: String,
        hint: String,
    },
}

/// What every link is resolved against.
pub struct Resolver<'a> {
    pub site: &'a Site,
    /// Output paths of the files copied into the site (content assets and static files).
    pub assets: &'a HashSet<String>,
    /// The content folder, where a file in a hidden folder that a link names is looked for.
    content: &'a Path,
    /// Files in hidden folders that links point at ([`crate::source::is_linkable_hidden_file`]):
    /// they are copied into the site too.
    hidden: Mutex<BTreeSet<String>>,
    /// The content folder's path from the handbook's folder (`docs`), when it is below it: a
    /// relative link may leave the content folder and come back (`../../docs/guide.md`), or
    /// name a file of `static/` by its path.
    content_in_root: Option<String>,
}

impl<'a> Resolver<'a> {
    pub fn new(site: &'a Site, assets: &'a HashSet<String>, content: &'a Path) -> Resolver<'a> {
        Resolver {
            site,
            assets,
            content,
            hidden: Mutex::default(),
            content_in_root: None,
        }
    }

    /// Reads relative links that leave the content folder from the handbook's folder `root`.
    pub fn within(mut self, root: &Path) -> Resolver<'a> {
        let inside = self.content.strip_prefix(root).ok().and_then(|p| {
            let parts: Option<Vec<&str>> = p.components().map(|c| c.as_os_str().to_str()).collect();
            parts.map(|parts| parts.join("/"))
        });
        self.content_in_root = inside.filter(|p| !p.is_empty() && !p.split('/').any(|s| s == ".."));
        self
    }

    /// Where a relative link that leaves the content folder leads, read from the handbook's
    /// folder: back into the content folder (a path below it), or to a file of `static/` (its
    /// address in the site, as `Err`).
    fn through_root(&self, base: &str, path: &str) -> Option<Result<String, String>> {
        let inside = self.content_in_root.as_deref()?;
        let from = if base.is_empty() {
            inside.to_string()
        } else {
            format!("{inside}/{base}")
        };
        let from_root = normalize(&from, path)?;
        if let Some(rest) = from_root
            .strip_prefix(inside)
            .and_then(|r| r.strip_prefix('/'))
        {
            return Some(Ok(rest.to_string()));
        }
        let published = from_root.strip_prefix("static/")?;
        self.assets
            .contains(published)
            .then(|| Err(published.to_string()))
    }

    /// The page a Docusaurus site's Markdown link finds from the docs folder, or else from the
    /// site's (`docs/guides/setup.md`), as Docusaurus looks first; `None` elsewhere.
    fn page_seen_from_docs_or_site(&self, path: &str) -> Option<PageId> {
        self.site.route_base.as_ref()?;
        if path.starts_with('/') {
            return None;
        }
        let from_top = normalize("", path)?;
        if let Some(id) = self.site.page_by_rel(&from_top) {
            return Some(id);
        }
        let inside = self.content_in_root.as_deref()?;
        let rest = from_top.strip_prefix(inside)?.strip_prefix('/')?;
        self.site.page_by_rel(rest)
    }

    /// What a relative `path` leads to read from the page's URL as a folder: a file of the
    /// content folder (published where it is), or a page by its URL.
    fn read_from_page_url(
        &self,
        page: &Page,
        path: &str,
        anchor: &Option<String>,
        query: &str,
    ) -> Option<Target> {
        if path.starts_with('/') {
            return None;
        }
        let written = normalize(page.url.trim_matches('/'), path)?;
        if self.assets.contains(&written) {
            let suffix = anchor.as_ref().map(|a| format!("#{a}")).unwrap_or_default();
            return Some(Target::Asset {
                path: written,
                suffix: format!("{query}{suffix}"),
            });
        }
        let id = self.site.page_by_url(&url_key(&written))?;
        Some(Target::Page {
            id,
            anchor: anchor.clone(),
        })
    }

    /// The files in hidden folders that links pointed at, below the content folder.
    pub fn into_linked_hidden_files(self) -> Vec<String> {
        let hidden = self.hidden.into_inner();
        hidden
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .collect()
    }

    pub fn resolve(&self, dest: &str, page: &Page) -> Target {
        match self.resolve_any(dest, page) {
            Target::Page { id, .. } if self.site.not_found == Some(id) => Target::Broken {
                message: format!(
                    "`{dest}` points to the not-found page, which has no address of its own: \
                     readers see it wherever an address leads nowhere"
                ),
                hint: "link to another page".into(),
            },
            target => target,
        }
    }

    /// What `dest` leads to, the not-found page included.
    fn resolve_any(&self, dest: &str, page: &Page) -> Target {
        if dest.is_empty() || has_scheme(dest) || dest.starts_with("//") {
            return Target::External;
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            return Target::Anchor(percent_decode(anchor));
        }
        let (before_hash, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(percent_decode(a)).filter(|a| !a.is_empty())),
            None => (dest, None),
        };
        let (path, query) = match before_hash.split_once('?') {
            Some((p, q)) => (p, format!("?{q}")),
            None => (before_hash, String::new()),
        };
        let path = percent_decode(path);
        // Zola's `@/section/page.md` is written from the content folder, as `/` is here.
        let path = match path.strip_prefix("@/") {
            Some(rest) => format!("/{rest}"),
            None => path,
        };
        // Docusaurus' `/docs/guides/setup` is the page at `/guides/setup` here.
        let path = match self.site.route_base.as_deref().filter(|b| !b.is_empty()) {
            Some(route) => match path.strip_prefix('/').and_then(|p| p.strip_prefix(route)) {
                Some("") => "/".to_string(),
                Some(rest) if rest.starts_with('/') => rest.to_string(),
                _ => path,
            },
            None => path,
        };
        let absolute = path.starts_with('/');
        let base = if absolute {
            ""
        } else {
            page.parsed.source_dir()
        };
        let source = match normalize(base, &path) {
            Some(source) => Some(source),
            None if absolute => None,
            None => match self.through_root(base, &path) {
                Some(Ok(source)) => Some(source),
                Some(Err(published)) => {
                    let suffix = anchor.map(|a| format!("#{a}")).unwrap_or_default();
                    return Target::Asset {
                        path: published,
                        suffix: format!("{query}{suffix}"),
                    };
                }
                None => None,
            },
        };
        let Some(source) = source else {
            // Above the content folder from the file, but not from the page's URL (a page at
            // the top, whose URL is a folder: `../docker/` from `/setup/`).
            if let Some(target) = self.read_from_page_url(page, &path, &anchor, &query) {
                return target;
            }
            return broken(
                format!("`{dest}` points outside the content folder"),
                "link to a page inside the handbook; for a site published beside it, write its \
                 full address (https://...)",
            );
        };
        if is_markdown(&path) {
            // Docusaurus reads a bare path from the docs folder, then the site's, then the
            // page's folder; `./` and `../` only from the page's folder.
            let bare = !path.starts_with("./") && !path.starts_with("../");
            let found = match bare.then(|| self.page_seen_from_docs_or_site(&path)) {
                Some(Some(id)) => Some(id),
                _ => self.site.page_by_rel(&source),
            };
            if found.is_none() {
                if let Some(excluded) = self.excluded(dest, &source) {
                    return excluded;
                }
            }
            return match found {
                Some(id) => Target::Page { id, anchor },
                None if crate::source::is_linkable_hidden_file(self.content, &source) => {
                    Target::Broken {
                        message: format!(
                            "`{dest}` is a page in a hidden folder, which the handbook leaves out"
                        ),
                        hint: "move it out of the hidden folder, or link to it where it is \
                               kept with a full https:// address"
                            .into(),
                    }
                }
                None if self
                    .site
                    .unlisted
                    .as_ref()
                    .is_some_and(|unlisted| unlisted.contains(&source)) =>
                {
                    Target::Broken {
                        message: format!(
                            "`{dest}` is not listed in SUMMARY.md, so it is not part of the book"
                        ),
                        hint: "list it in SUMMARY.md, or link to a page that is".into(),
                    }
                }
                None if self.site.left_out.contains_key(&source) => {
                    let (why, hint) = match self.site.left_out[&source] {
                        crate::site::LeftOut::Draft => (
                            "is a draft (`draft: true`), so it is not built",
                            "publish the page (remove `draft: true`), build with --drafts, or \
                             link to it once it is published",
                        ),
                        crate::site::LeftOut::Unread => (
                            "could not be read (see its own error)",
                            "fix that file; this link is then checked again",
                        ),
                        crate::site::LeftOut::SearchPage => (
                            "is a search page (`layout: search`), which handbook's own search \
                             replaces: the search field is in every page's header",
                            "remove the link; readers search from the header",
                        ),
                        crate::site::LeftOut::NotRendered => (
                            "is not published: its front matter leaves it out, as the site's \
                             tool does (Hugo's `build: {render: never}`, `headless: true` or a \
                             section's `cascade`; Zola's `render = false`)",
                            "link to a page that is published, or publish this one",
                        ),
                    };
                    Target::Broken {
                        message: format!("`{dest}` points to {source}, which {why}"),
                        hint: hint.into(),
                    }
                }
                None => {
                    let hint = match self.site.page_by_rel_ignoring_case(&source) {
                        Some(id) => format!(
                            "did you mean {}? Only the letter case differs, which matters on the web server",
                            self.site.pages[id].parsed.rel
                        ),
                        None => "fix the path (it is relative to this file), or create the page".into(),
                    };
                    Target::Broken {
                        message: format!("`{dest}` points to {source}, which does not exist"),
                        hint,
                    }
                }
            };
        }
        if let Some(id) = self.site.page_by_rel(&source) {
            return Target::Page { id, anchor };
        }
        if self.assets.contains(&source) || self.linked_hidden(&source) {
            let suffix = anchor.map(|a| format!("#{a}")).unwrap_or_default();
            return Target::Asset {
                path: source,
                suffix: format!("{query}{suffix}"),
            };
        }
        // A file written from the page's URL, where it is not the file's folder (`guide.md`,
        // published as `guide/`, beside a folder `guide/` of its images: `pic.png` there), as
        // Jekyll and Hugo read it.
        if !absolute {
            if let Some(target @ Target::Asset { .. }) =
                self.read_from_page_url(page, &path, &anchor, &query)
            {
                return target;
            }
        }
        // A link that ends in `/` is an address, which a browser reads from the page's URL:
        // from `ja/community/`, `../start/` is `ja/start/`, the page beside it, where the
        // file's folder would make it `start/`, a page of another folder (or language).
        if !absolute && path.ends_with('/') {
            let from_url = normalize(page.url.trim_end_matches('/'), &path)
                .and_then(|written| self.page_at_url(&written));
            if let Some(id) = from_url {
                return Target::Page { id, anchor };
            }
        }
        // `other.html`, `other/` or `other` beside this file, for `other.md`, as other
        // generators allow; in an mdBook book, `folder/index.html` for the folder's page
        // (mdBook writes README.md there).
        let stem = path.trim_end_matches('/').trim_end_matches(".html");
        if !stem.is_empty() && !stem.ends_with('/') {
            let folder =
                (stem != path && self.site.mdbook && (stem == "index" || stem.ends_with("/index")))
                    .then(|| normalize(base, &stem[..stem.len() - "index".len()]))
                    .flatten();
            if let Some(id) = [".md", ".mdx", ".html.md"]
                .iter()
                .filter_map(|extension| normalize(base, &format!("{stem}{extension}")))
                .find_map(|s| self.site.page_by_rel(&s))
                .or_else(|| folder.and_then(|f| self.site.page_by_rel(&f)))
            {
                return Target::Page { id, anchor };
            }
        }
        // A link written as a URL (`/skills/empathy/`, `../empathy/`), as migrated handbooks do.
        let url_base = if absolute {
            ""
        } else {
            page.url.trim_end_matches('/')
        };
        // A relative one is read from the page's URL as a folder (`../empathy/`, as sites with
        // URLs ending in `/` write it), then, from a page that is not its folder's, from the URL
        // of its folder (`./empathy` beside `guide.md`, as Docusaurus, whose URLs do not end in
        // `/`, writes it). A folder's own page has its folder's URL: the first try was that.
        let folder_url = page
            .url
            .trim_end_matches('/')
            .rsplit_once('/')
            .map_or("", |(p, _)| p);
        let bases = if absolute || page.parsed.kind == crate::page::PageKind::Section {
            vec![url_base]
        } else {
            vec![url_base, folder_url]
        };
        for base in bases {
            let Some(written) = normalize(base, &path) else {
                continue;
            };
            if let Some(id) = self.page_at_url(&written) {
                return Target::Page { id, anchor };
            }
        }
        if let Some(excluded) = self.excluded(dest, &source) {
            return excluded;
        }
        let hint = if is_web_address(dest) {
            format!("to link to the web site, write the whole address: `https://{dest}`")
        } else if is_email_address(dest) {
            format!("to link to the address, write `mailto:{dest}`")
        } else if dest == "broken-reference" {
            "GitBook writes `broken-reference` where a link's page was lost: link to the page's .md file, relative to this file".into()
        } else if is_file_name(&path) {
            // An image or a download, not a page.
            "add the file there, or fix the path: it is read from this file's folder (from the \
             content folder, or static/, when it starts with `/`)"
                .into()
        } else {
            "link to the page's .md file, relative to this file".into()
        };
        Target::Broken {
            message: format!("`{dest}` matches no page or file of the handbook"),
            hint,
        }
    }

    /// The page at a URL written from the site's top (`guide/setup/`), as its own, as a link
    /// to it may write it, or as its front matter gives it.
    fn page_at_url(&self, written: &str) -> Option<PageId> {
        let url = url_key(written);
        let page = self.site.page_by_url(&url);
        let page = page.or_else(|| self.site.link_urls.get(&url).copied());
        page.or_else(|| self.given_url(written))
    }

    /// The page whose front matter gives it the URL `written` (`slug: /Install/Linux_Setup`,
    /// `url: /legal/privacy.html`), which the site writes as its URL parts are
    /// (`install/linux_setup/`): a link written as the front matter has it leads there.
    /// A permalink's page file (`/about.html`) is its folder (`about/`).
    fn given_url(&self, written: &str) -> Option<PageId> {
        [
            crate::slug::slugify_path(written),
            crate::liquid::permalink_parts(written),
        ]
        .iter()
        .filter_map(|parts| self.site.page_by_url(&format!("{parts}/")))
        .find(|&id| {
            let parsed = &self.site.pages[id].parsed;
            parsed.root_url.is_some() || parsed.meta.slug.is_some()
        })
    }

    /// A link to `source`, a file or folder of the content folder that `[build] exclude` leaves
    /// out of the site: broken, saying so.
    fn excluded(&self, dest: &str, source: &str) -> Option<Target> {
        let path = self.content.join(source);
        let pattern = self.site.excluded.leaves_out(source, path.is_dir())?;
        path.exists().then(|| Target::Broken {
            message: format!(
                "`{dest}` points to {source}, which is excluded from the site (`{pattern}`)"
            ),
            hint: "link to a page of the site, or change the patterns that exclude it \
                   (book.toml's `[build] exclude`, or MkDocs' `exclude_docs`)"
                .into(),
        })
    }

    /// Whether `source` is a file in a hidden folder that may be published, noting it if so.
    fn linked_hidden(&self, source: &str) -> bool {
        if self.site.excluded.leaves_out(source, false).is_some()
            || !crate::source::is_linkable_hidden_file(self.content, source)
        {
            return false;
        }
        let mut hidden = self.hidden.lock().unwrap_or_else(|e| e.into_inner());
        hidden.insert(source.to_string());
        true
    }
}

/// Whether `#anchor` leads somewhere on a page with these ids: to one of them, or to the top of
/// the page, which `#` and `#top` name for browsers and `#readme` for GitHub (where GitHub shows a
/// folder's README or a Markdown file: handbooks written on GitHub link `onboarding/#readme`);
/// or to the one id that says the same words in other letters ([`loose_anchor`]).
pub fn anchor_exists(ids: &HashSet<String>, anchor: &str) -> bool {
    ids.contains(anchor) || names_top(anchor) || loose_anchor(ids, anchor).is_some()
}

/// Whether an anchor names the top of the page (`#`, `#top`, `#readme`), where no id need be.
pub fn names_top(anchor: &str) -> bool {
    anchor.is_empty() || anchor.eq_ignore_ascii_case("top") || anchor.eq_ignore_ascii_case("readme")
}

/// The one id of `ids` with the same letters and digits as `anchor`, case aside: what a link
/// written for another generator means (`#Getting-Started` for GitHub, whose script finds its
/// `getting-started`; `#step-1:-setup` from a slugger that keeps punctuation). The theme's
/// script takes a reader there the same way (handbook.js, `looseKey`). `None` when no id, or
/// more than one, reads so.
pub fn loose_anchor<'i>(ids: &'i HashSet<String>, anchor: &str) -> Option<&'i String> {
    // An anchor of no letter or digit matches nothing.
    loose_chars(anchor).next()?;
    let mut found = None;
    for id in ids {
        // Compared a character at a time, with no string made: this runs for each id of the
        // target page for each broken anchor into it.
        if loose_chars(id).eq(loose_chars(anchor)) {
            if found.is_some() {
                return None;
            }
            found = Some(id);
        }
    }
    found
}

/// Whether `#anchor` leads somewhere on a page with these ids ([`anchor_exists`]), or to its
/// leading `# Heading` (whose id is `h1_id`), as written or in other letters: `#welcome` for
/// `# Welcome 👋`, whose id is `welcome-`. The heading is the page's top, with no id there.
pub fn anchor_leads(ids: &HashSet<String>, h1_id: Option<&str>, anchor: &str) -> bool {
    anchor_exists(ids, anchor) || names_h1(h1_id, anchor)
}

/// Whether `#anchor` names a page's leading heading, whose id is `h1_id`: as written, or with
/// the same letters and digits, case aside.
pub fn names_h1(h1_id: Option<&str>, anchor: &str) -> bool {
    h1_id.is_some_and(|h1| {
        h1 == anchor || loose_chars(h1).next().is_some() && loose_chars(h1).eq(loose_chars(anchor))
    })
}

/// An anchor's letters and digits, lower-cased.
fn loose_chars(anchor: &str) -> impl Iterator<Item = char> + '_ {
    anchor
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// Whether a link is a web address written without its scheme (`example.com`,
/// `www.example.com/jobs`): its first part is a host name that starts with `www.` or ends in a
/// common top-level domain, none of which is a file name's usual extension.
fn is_web_address(dest: &str) -> bool {
    const DOMAINS: &[&str] = &[
        "com", "org", "net", "io", "co", "dev", "gov", "edu", "info", "biz", "us", "uk", "de",
        "fr", "eu", "ca", "au", "jp", "nl", "se", "ch", "es", "tech", "cloud",
    ];
    let host = dest.split(['/', '?', '#']).next().unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    let host_like = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    let last = labels[labels.len() - 1].to_ascii_lowercase();
    host_like && (labels[0].eq_ignore_ascii_case("www") || DOMAINS.contains(&last.as_str()))
}

/// `name@example.com`, written without `mailto:`.
fn is_email_address(dest: &str) -> bool {
    let Some((local, domain)) = dest.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !local.contains(['/', ' '])
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

fn broken(message: String, hint: &str) -> Target {
    Target::Broken {
        message,
        hint: hint.into(),
    }
}

/// `.md` (or MDX's `.mdx`), in any letter case.
pub fn is_markdown(path: &str) -> bool {
    markdown_stem(path).len() < path.len()
}

/// A Markdown file's name or path without its `.md` or `.mdx` (and Middleman's `.html.md` and
/// `.html.md.erb`); any other as it is.
pub fn markdown_stem(path: &str) -> &str {
    let strip = |path: &str, extensions: &[&str]| -> Option<usize> {
        extensions.iter().find_map(|extension| {
            let cut = path.len().checked_sub(extension.len()).filter(|&c| c > 0)?;
            (path.is_char_boundary(cut) && path[cut..].eq_ignore_ascii_case(extension))
                .then_some(cut)
        })
    };
    // (Middleman's `page.html.md.erb` is Markdown made by ERB.)
    let Some(cut) = strip(path, &[".md", ".mdx", ".md.erb"]) else {
        return path;
    };
    // Middleman's `page.html.md` is the page `page` (published as `page.html` there).
    let stem = &path[..cut];
    match strip(stem, &[".html"]).filter(|&c| !stem[..c].ends_with('/')) {
        Some(cut) => &stem[..cut],
        None => stem,
    }
}

/// The scheme of a link (`https`), if it has one.
pub fn scheme(dest: &str) -> Option<&str> {
    has_scheme(dest).then(|| &dest[..dest.find(':').unwrap_or(0)])
}

/// Schemes a browser (or the system it runs on) opens.
pub fn is_known_scheme(scheme: &str) -> bool {
    const KNOWN: &[&str] = &[
        "http",
        "https",
        "mailto",
        "tel",
        "ftp",
        "sftp",
        "ssh",
        "git",
        "irc",
        "ircs",
        "news",
        "sms",
        "data",
        "file",
        "slack",
        "msteams",
        "zoommtg",
        "vscode",
        "webcal",
        "geo",
        "magnet",
        "javascript",
    ];
    KNOWN.iter().any(|k| k.eq_ignore_ascii_case(scheme))
}

/// The URL of the page a site path written as a link leads to (`a/b/`, `a/b.html`,
/// `a/b/index.html` are all `a/b/`; the home page's is empty), as pages are looked up by URL.
pub fn url_key(written: &str) -> String {
    let url = written
        .trim_end_matches("index.html")
        .trim_end_matches(".html")
        .trim_end_matches('/');
    if url.is_empty() {
        String::new()
    } else {
        format!("{url}/")
    }
}

/// Whether `dest` starts with a URL scheme (`https:`, `mailto:`).
pub fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Joins `path` onto the folder `base` (both `/`-separated, below the root), resolving `.` and
/// `..`; `None` when the result would leave the root.
pub fn normalize(base: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|p| !p.is_empty()).collect()
    };
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Escapes the characters of a path that cannot stand in an href as they are.
pub fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => push_percent_encoded(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Appends `c` percent-encoded: its UTF-8 bytes, as escapes stand for (U+0088 is `%C2%88`,
/// found by fuzzing).
pub fn push_percent_encoded(out: &mut String, c: char) {
    for byte in c.encode_utf8(&mut [0; 4]).bytes() {
        let _ = std::fmt::Write::write_fmt(out, format_args!("%{byte:02X}"));
    }
}

/// The relative prefix from a page written `depth` folders down back to the site root.
pub fn root_prefix(depth: usize) -> String {
    "../".repeat(depth)
}

/// Whether a path names a file other than a page: its last part has an extension that is
/// not Markdown's or HTML's (`diagram.png`, `slides.pdf`).
fn is_file_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() && !extension.is_empty() => {
            let extension = extension.to_ascii_lowercase();
            extension.chars().all(|c| c.is_ascii_alphanumeric())
                && !matches!(
                    extension.as_str(),
                    "md" | "mdx" | "markdown" | "html" | "htm"
                )
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_resolves_dots_and_refuses_escape() {
        assert_eq!(normalize("a/b", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(normalize("a", "/x/y.md").as_deref(), Some("x/y.md"));
        assert_eq!(normalize("a", "../../x.md"), None);
    }

    #[test]
    fn schemes() {
        assert!(has_scheme("https://x") && has_scheme("mailto:a@b"));
        assert!(!has_scheme("a.md") && !has_scheme("dir/a:b.md"));
    }

    #[test]
    fn percent() {
        assert_eq!(percent_decode("my%20page.md"), "my page.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_encode_path("a b/c#d"), "a%20b/c%23d");
        // Control characters beyond ASCII are escaped byte by byte (found by fuzzing).
        assert_eq!(percent_encode_path("a\u{88}b\u{1}"), "a%C2%88b%01");
        for text in ["caf\u{e9} c\u{88}m", "100%", "%41", "x?y#z"] {
            assert_eq!(percent_decode(&percent_encode_path(text)), text);
        }
    }
}

/// Where raw HTML read so far has left off: in a comment, inside a tag, or in the text of a
/// `script`, `style` or `textarea` element (an HTML block comes line by line).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HtmlState {
    #[default]
    Text,
    Comment,
    Tag,
    /// In raw text until `</` and this element's name.
    RawText(&'static str),
}

/// What the browser does with an address in raw HTML ([`html_scan`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// Goes there when it is followed: `<a href>`.
    Link,
    /// Loads it with the page: `<img src>`, `<video poster>`, `<image href>` in SVG, `<link
    /// rel="stylesheet" href>`.
    Load,
    /// Loads it with the page from CSS: `url()` in a `style` attribute or element, `@import`.
    /// Only checked for coming from another site: CSS addresses are left as written.
    Style,
}

/// [`html_scan`]'s addresses alone.
#[cfg(test)]
fn html_addresses(html: &str, state: &mut HtmlState) -> Vec<(usize, usize)> {
    html_scan(html, state, |_| {})
        .into_iter()
        .map(|(start, end, _)| (start, end))
        .collect()
}

/// Elements that sit inside a line of text: their tags part no words.
const INLINE_ELEMENTS: [&str; 27] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "wbr",
];

/// Where the addresses of raw HTML are: the byte ranges of the values of the `href` (or
/// `xlink:href`), `src` and `poster` attributes of its tags, of an `<object>`'s `data`, of each
/// candidate of a `srcset` (quoted, or not), and of each `url()` and `@import` of CSS in a
/// `style` attribute or element, each with what the browser does with it ([`Use`]). Comments
/// and the contents of `script` and `textarea` are not looked into. `state` says where `html`
/// starts, and is left saying where it ends.
///
/// `text` is handed what a reader sees of the HTML: each run of text between tags (its
/// character references as written), and a space for each tag other than an inline element's
/// (`<br>`, `<td>`, `</p>`...), so that words either side stay apart.
pub fn html_scan(
    html: &str,
    state: &mut HtmlState,
    mut text: impl FnMut(&str),
) -> Vec<(usize, usize, Use)> {
    let bytes = html.as_bytes();
    let apart = |name: &str, text: &mut dyn FnMut(&str)| {
        if !INLINE_ELEMENTS.iter().any(|e| name.eq_ignore_ascii_case(e)) {
            text(" ");
        }
    };
    let mut out = Vec::new();
    let mut i = 0;
    // The name of the tag being read, for raw-text elements.
    let mut tag_name = "";
    // Where the tag's addresses start in `out`, and whether it is a `<link>` whose `rel`
    // loads what its `href` names (a style sheet, an icon...).
    let mut tag_from = 0;
    let mut rel_loads = false;
    while i < bytes.len() {
        match *state {
            HtmlState::Comment => match memchr::memmem::find(&bytes[i..], b"-->") {
                Some(end) => {
                    *state = HtmlState::Text;
                    i += end + 3;
                }
                None => break,
            },
            HtmlState::RawText(name) => {
                let lt = memchr::memmem::find(&bytes[i..], b"</");
                if name == "style" {
                    let css = &html[i..lt.map_or(html.len(), |lt| i + lt)];
                    out.extend(css_urls(css).map(|(s, e)| (i + s, i + e, Use::Style)));
                }
                let Some(lt) = lt else {
                    break;
                };
                let at = i + lt + 2;
                if bytes.len() >= at + name.len()
                    && bytes[at..at + name.len()].eq_ignore_ascii_case(name.as_bytes())
                {
                    // Its end tag, which is no text.
                    text(" ");
                    match memchr::memchr(b'>', &bytes[at..]) {
                        Some(gt) => {
                            *state = HtmlState::Text;
                            i = at + gt + 1;
                        }
                        None => {
                            *state = HtmlState::Tag;
                            break;
                        }
                    }
                    continue;
                }
                i = at;
            }
            HtmlState::Text => {
                let Some(lt) = memchr::memchr(b'<', &bytes[i..]) else {
                    text(&html[i..]);
                    break;
                };
                text(&html[i..i + lt]);
                i += lt + 1;
                let end_tag = bytes.get(i) == Some(&b'/')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic);
                if end_tag
                    || matches!(bytes.get(i), Some(b'!' | b'?')) && !bytes[i..].starts_with(b"!--")
                {
                    // An end tag, a doctype or a processing instruction: nothing to read in it.
                    let name_len = bytes[i + 1..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
                        .count();
                    if end_tag {
                        apart(&html[i + 1..i + 1 + name_len], &mut text);
                    }
                    tag_name = "";
                    match memchr::memchr(b'>', &bytes[i..]) {
                        Some(gt) => i += gt + 1,
                        None => {
                            *state = HtmlState::Tag;
                            break;
                        }
                    }
                } else if bytes[i..].starts_with(b"!--") {
                    i += 3;
                    // `<!-->` and `<!--->` end where they start.
                    if bytes[i..].starts_with(b">") {
                        i += 1;
                    } else if bytes[i..].starts_with(b"->") {
                        i += 2;
                    } else {
                        *state = HtmlState::Comment;
                    }
                } else if bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
                    let len = bytes[i..]
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
                        .count();
                    tag_name = &html[i..i + len];
                    tag_from = out.len();
                    rel_loads = false;
                    apart(tag_name, &mut text);
                    i += len;
                    *state = HtmlState::Tag;
                } else {
                    // A `<` that starts no tag is text.
                    text("<");
                }
            }
            HtmlState::Tag => {
                let b = bytes[i];
                if b == b'>' {
                    i += 1;
                    if rel_loads && tag_name.eq_ignore_ascii_case("link") {
                        for found in out.iter_mut().skip(tag_from) {
                            found.2 = Use::Load;
                        }
                    }
                    *state = ["script", "style", "textarea"]
                        .into_iter()
                        .find(|raw| tag_name.eq_ignore_ascii_case(raw))
                        .map_or(HtmlState::Text, HtmlState::RawText);
                    continue;
                }
                if !b.is_ascii_alphabetic() {
                    i += 1;
                    continue;
                }
                // An attribute: its name, and its value if it has one.
                let name_len = bytes[i..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
                    .count();
                let name = &html[i..i + name_len];
                let mut j = i + name_len;
                while bytes.get(j).is_some_and(|b| b.is_ascii_whitespace()) {
                    j += 1;
                }
                if bytes.get(j) != Some(&b'=') {
                    i = j;
                    continue;
                }
                j += 1;
                while bytes.get(j).is_some_and(|b| b.is_ascii_whitespace()) {
                    j += 1;
                }
                let (start, end, next) = match bytes.get(j) {
                    Some(&q @ (b'"' | b'\'')) => match memchr::memchr(q, &bytes[j + 1..]) {
                        Some(len) => (j + 1, j + 1 + len, j + 2 + len),
                        // The value goes on past this line: not followed.
                        None => break,
                    },
                    Some(_) => {
                        let len = bytes[j..]
                            .iter()
                            .take_while(|b| !b.is_ascii_whitespace() && **b != b'>')
                            .count();
                        (j, j + len, j + len)
                    }
                    None => break,
                };
                let is = |a: &str| name.eq_ignore_ascii_case(a);
                if is("srcset") {
                    out.extend(
                        srcset_urls(&html[start..end])
                            .map(|(s, e)| (start + s, start + e, Use::Load)),
                    );
                } else if is("href") || is("xlink:href") {
                    // SVG draws what these elements' addresses lead to.
                    let drawn = ["image", "use", "feImage"]
                        .iter()
                        .any(|e| tag_name.eq_ignore_ascii_case(e));
                    out.push((start, end, if drawn { Use::Load } else { Use::Link }));
                } else if is("src")
                    || is("poster")
                    || is("data") && tag_name.eq_ignore_ascii_case("object")
                {
                    out.push((start, end, Use::Load));
                } else if is("style") {
                    out.extend(
                        css_urls(&html[start..end])
                            .map(|(s, e)| (start + s, start + e, Use::Style)),
                    );
                } else if is("rel") {
                    const LOADED: [&str; 6] = [
                        "stylesheet",
                        "icon",
                        "preload",
                        "modulepreload",
                        "prefetch",
                        "manifest",
                    ];
                    rel_loads = html[start..end]
                        .split_ascii_whitespace()
                        .any(|r| LOADED.iter().any(|l| r.eq_ignore_ascii_case(l)));
                }
                i = next;
            }
        }
    }
    out
}

/// The addresses CSS loads (`url(a.png)`, `url("a.png")`, `@import "a.css"`), as byte ranges
/// in order; quotes may be written `&quot;`, as in an attribute.
fn css_urls(css: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let lower = css.to_ascii_lowercase();
    let mut found: Vec<(usize, usize)> = memchr::memmem::find_iter(lower.as_bytes(), b"url(")
        .filter_map(|at| css_value(css, at + 4, true))
        .chain(
            memchr::memmem::find_iter(lower.as_bytes(), b"@import")
                .filter_map(|at| css_value(css, at + 7, false)),
        )
        .collect();
    found.sort_unstable();
    // A `url(` inside an address (`url("data:...url(%23g)...")`) is part of it.
    let mut end = 0;
    found.retain(|&(s, e)| {
        let apart = s >= end;
        if apart {
            end = e;
        }
        apart
    });
    found.into_iter()
}

/// The address at `i` in CSS: quoted, or (in `url(`) up to `)`.
fn css_value(css: &str, mut i: usize, in_url: bool) -> Option<(usize, usize)> {
    let bytes = css.as_bytes();
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    let rest = &css[i..];
    let quote = ["\"", "'", "&quot;"]
        .into_iter()
        .find(|q| rest.starts_with(q));
    let (start, end) = match quote {
        Some(q) => {
            let start = i + q.len();
            (start, start + css[start..].find(q)?)
        }
        None if in_url => {
            let len = rest.find(|c: char| c == ')' || c.is_ascii_whitespace())?;
            (i, i + len)
        }
        None => return None,
    };
    (end > start).then_some((start, end))
}

/// The address of each candidate of a `srcset` (`a.png 1x, b.png 2x`), as byte ranges: an
/// address runs to white space and may hold commas (`w_200,h_100/a.jpg`); a comma after it, or
/// after its descriptor, ends the candidate.
fn srcset_urls(srcset: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = srcset.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b',') {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        // A comma at the address's end separates candidates.
        let mut end = i;
        while end > start && bytes[end - 1] == b',' {
            end -= 1;
        }
        if end == i {
            // Its descriptor, up to the next comma.
            while i < bytes.len() && bytes[i] != b',' {
                i += 1;
            }
        }
        Some((start, end))
    })
}

#[cfg(test)]
mod loose_anchor_tests {
    use super::*;

    #[test]
    fn other_letters_and_punctuation_name_the_same_heading_once() {
        let ids: HashSet<String> = [
            "getting-started",
            "step-1-setup",
            "faq",
            "fa-q",
            "основные-шаги",
        ]
        .map(String::from)
        .into();
        assert_eq!(
            loose_anchor(&ids, "Getting-Started").map(String::as_str),
            Some("getting-started")
        );
        assert_eq!(
            loose_anchor(&ids, "step-1:-setup").map(String::as_str),
            Some("step-1-setup")
        );
        assert_eq!(
            loose_anchor(&ids, "Основные-шаги").map(String::as_str),
            Some("основные-шаги")
        );
        // Two ids read `faq`: neither is meant for sure.
        assert_eq!(loose_anchor(&ids, "FAQ"), None);
        assert_eq!(loose_anchor(&ids, "getting-started-now"), None);
        assert_eq!(loose_anchor(&ids, "--"), None);
        assert!(anchor_exists(&ids, "Getting-Started"));
        assert!(!anchor_exists(&ids, "FAQ"));
    }
}

#[cfg(test)]
mod html_address_tests {
    use super::{html_addresses, HtmlState};

    fn found(html: &str) -> Vec<&str> {
        let mut state = HtmlState::Text;
        html_addresses(html, &mut state)
            .into_iter()
            .map(|(s, e)| &html[s..e])
            .collect()
    }

    #[test]
    fn href_src_and_srcset_values_in_any_quotes() {
        assert_eq!(
            found(r#"<a href="a.md#x" class="c">t</a> <img  src = 'b.png' alt=x><img SRC=c.png>"#),
            vec!["a.md#x", "b.png", "c.png"]
        );
        assert_eq!(
            found(r#"<source srcset="d.png 1x, e.png 2x" media="(x)">"#),
            vec!["d.png", "e.png"]
        );
        // Commas inside an address, and no descriptors.
        assert_eq!(
            found(r#"<img srcset="https://cdn.x/w_200,h_100/a.jpg 1x,b.jpg, c.jpg 2x">"#),
            vec!["https://cdn.x/w_200,h_100/a.jpg", "b.jpg", "c.jpg"]
        );
        // Not attributes of those names.
        assert_eq!(
            found(r#"<img data-src="x.png" hrefs="y">"#),
            Vec::<&str>::new()
        );
        assert_eq!(found(r#"<img src="unclosed>"#), Vec::<&str>::new());
    }

    #[test]
    fn text_scripts_and_attribute_values_are_not_tags() {
        assert_eq!(
            found(
                r#"<pre>&lt;img src="logo.png"&gt; use src=x</pre><img alt="set href=x" src="y.png">"#
            ),
            vec!["y.png"]
        );
        assert_eq!(
            found(r#"<script>var a = '<img src="x.png">'; b.href = "y"</script><a href="z.md">"#),
            vec!["z.md"]
        );
        assert_eq!(found("<!--> <img src=\"a.png\">"), vec!["a.png"]);
    }

    #[test]
    fn svg_drawings_and_css_addresses_are_loaded() {
        let uses = |html: &str| -> Vec<(String, super::Use)> {
            let mut state = HtmlState::Text;
            super::html_scan(html, &mut state, |_| {})
                .into_iter()
                .map(|(s, e, u)| (html[s..e].to_string(), u))
                .collect()
        };
        use super::Use::*;
        assert_eq!(
            uses(
                r##"<svg><image href="a.png"/><use xlink:href="#i"/></svg><a xlink:href="b.md">"##
            ),
            [
                ("a.png".into(), Load),
                ("#i".into(), Load),
                ("b.md".into(), Link)
            ]
        );
        // A link element's address is loaded when its `rel` says so, whatever the order.
        assert_eq!(
            uses(
                r#"<link href="https://f.test/a.css" rel="stylesheet"><link rel="canonical" href="c/">"#
            ),
            [("https://f.test/a.css".into(), Load), ("c/".into(), Link)]
        );
        assert_eq!(
            uses(r#"<link rel="preload icon" href=i.png>"#),
            [("i.png".into(), Load)]
        );
        assert_eq!(
            uses(r#"<div style="background: URL( 'https://x.test/a.png' ) , url(b.png)">t</div>"#),
            [
                ("https://x.test/a.png".into(), Style),
                ("b.png".into(), Style)
            ]
        );
        assert_eq!(
            uses(r#"<p style="background:url(&quot;c.png&quot;)">"#),
            [("c.png".into(), Style)]
        );
        // A style element's CSS, up to its end, across lines; then text again.
        let mut state = HtmlState::Text;
        let line = "<style>@import \"https://fonts.test/f.css\";";
        let found = super::html_scan(line, &mut state, |_| {});
        assert_eq!(found.len(), 1);
        assert_eq!(&line[found[0].0..found[0].1], "https://fonts.test/f.css");
        let line = "p { background: url(d.png) }</style> url(not-css.png)";
        let found = super::html_scan(line, &mut state, |_| {});
        assert_eq!(state, HtmlState::Text);
        let found: Vec<&str> = found.iter().map(|&(s, e, _)| &line[s..e]).collect();
        assert_eq!(found, ["d.png"]);
        // Empty and unclosed values are none.
        assert!(uses(r#"<p style="a: url(); b: url('x">"#).is_empty());
        // An address that holds `url(` is one address.
        assert_eq!(
            uses(r#"<div style="background: url('url(a.png)')">"#),
            [("url(a.png)".into(), Style)]
        );
        assert_eq!(
            uses(r#"<p style="b: url(&quot;data:image/svg+xml,<g fill='url(%23g)'/>&quot;)">"#),
            [("data:image/svg+xml,<g fill='url(%23g)'/>".into(), Style)]
        );
        let mut state = HtmlState::Text;
        let line = r#"<style>@import "url(b.css)";</style>"#;
        let found = super::html_scan(line, &mut state, |_| {});
        let found: Vec<&str> = found.iter().map(|&(s, e, _)| &line[s..e]).collect();
        assert_eq!(found, ["url(b.css)"]);
    }

    #[test]
    fn comments_and_tags_go_on_across_lines() {
        let mut state = HtmlState::Text;
        assert!(html_addresses("<!-- <img src=\"old.png\">", &mut state).is_empty());
        assert_eq!(state, HtmlState::Comment);
        assert!(html_addresses("  <img src=\"older.png\">", &mut state).is_empty());
        let line = "--> <img alt=\"x\"";
        assert!(html_addresses(line, &mut state).is_empty());
        assert_eq!(state, HtmlState::Tag);
        let line = "  src=\"new.png\">";
        let found = html_addresses(line, &mut state);
        assert_eq!(state, HtmlState::Text);
        assert_eq!(
            found.iter().map(|&(s, e)| &line[s..e]).collect::<Vec<_>>(),
            vec!["new.png"]
        );
    }
}
