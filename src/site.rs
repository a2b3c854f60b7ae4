//! The in-memory model of the handbook: pages with their URLs, the section tree, the reading
//! (navigation) order and the look-up tables links are resolved against.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use crate::diagnostic::{Diagnostic, Position};
use crate::front_matter::{Date, FrontMatter};
use crate::page::{PageKind, ParsedPage, TitleSource};
use crate::slug::slugify;

pub type PageId = usize;

/// The [`Site::nav_index`] of a page outside the reading order.
pub const NOT_IN_ORDER: usize = usize::MAX;
pub type SectionId = usize;

/// A page with its place in the site.
/// Where a page's `redirect_to` leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedirectTo {
    /// A page of the site, and the heading on it (without `#`; empty for its top).
    Page(PageId, String),
    /// A web address, as written.
    Address(String),
    /// A path below the site's root that is no page (a file of the site), as written.
    Path(String),
}

#[derive(Debug)]
pub struct Page {
    pub parsed: ParsedPage,
    /// The URL path below the site root, ending in `/` (`skills/empathy/`); `` for the home page.
    pub url: String,
    pub section: SectionId,
    /// Whether this page was made up for a folder that has no index file.
    pub generated: bool,
    /// The name the sidebar gives the page, where it is not its title (Docusaurus'
    /// `sidebar_label`, or the label of the category it is the page of).
    pub nav_title: Option<String>,
    /// `url` percent-encoded, as links write it.
    pub href: String,
    /// The id of the page's own anchor in the print view (see [`crate::markdown::print_id`]).
    pub print_id: String,
    /// When its file was last changed, by the repository's history (`[html] last_updated`).
    pub last_updated: Option<crate::front_matter::Date>,
}

impl Page {
    pub fn title(&self) -> &str {
        &self.parsed.title
    }

    /// The name lists of pages give it (the sidebar, breadcrumbs, a section's cards, the
    /// pager): its `nav_title` where it has one, else its title.
    pub fn nav_name(&self) -> &str {
        self.nav_title.as_deref().unwrap_or(self.title())
    }

    pub fn meta(&self) -> &FrontMatter {
        &self.parsed.meta
    }

    /// How many folders deep the page's `index.html` is written.
    pub fn depth(&self) -> usize {
        self.url.matches('/').count()
    }
}

#[derive(Debug)]
pub struct Section {
    /// The folder below the content folder (`` for the top).
    pub dir: String,
    pub parent: Option<SectionId>,
    /// The section's own page: its `_index.md`, or one generated for it.
    pub index: PageId,
    /// Pages and subsections, in reading order.
    pub children: Vec<NavEntry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NavEntry {
    Page(PageId),
    Section(SectionId),
}

/// Why a Markdown file of the content folder is not a page of the build ([`Site::left_out`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// `draft: true`, without `--drafts`.
    Draft,
    /// It could not be read or decoded (its own error says why).
    Unread,
    /// Hugo's build options say it is not written (`build: {render: never}`, `headless`).
    NotRendered,
    /// Another tool's search page (`layout: search`), which handbook's search replaces.
    SearchPage,
}

/// How the pages and subsections of a folder are ordered when no outline gives the order: as
/// the tool the handbook was written for orders them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SiblingOrder {
    /// handbook's own: weight (pages without one last), then title regardless of case, then
    /// file.
    #[default]
    Title,
    /// Hugo's default: weight (none, or 0, last), then date (newest first), then `linkTitle`
    /// or title, then file.
    Hugo,
    /// Docusaurus' generated sidebar: `sidebar_position` (none last), then file or folder
    /// name.
    Names,
    /// MkDocs without a `nav`: files by name, then folders by name (and weight first, for the
    /// plugins that read one).
    FilesThenFolders,
}

#[derive(Debug)]
pub struct Site {
    pub pages: Vec<Page>,
    /// `sections[0]` is the top of the content folder.
    pub sections: Vec<Section>,
    /// Every page in reading order: the home page, then depth first through the tree.
    pub nav_order: Vec<PageId>,
    /// For each page, its index in `nav_order` ([`NOT_IN_ORDER`] for a page outside it).
    pub nav_index: Vec<usize>,
    /// Titles of the parts a summary divides the top of the navigation into (mdBook's
    /// `# Guide`): (how many top entries come before it, title).
    pub parts: Vec<(usize, String)>,
    /// Written for mdBook (its book.toml): links and code blocks are read as mdBook reads them
    /// (`folder/index.html`, hidden `# ` lines of Rust examples).
    pub mdbook: bool,
    /// Written for MkDocs, which leaves raw HTML as written: its addresses are read from the
    /// page's URL (`guide/` for `guide.md`) where that finds something ([`crate::markdown`]).
    pub html_addresses_from_url: bool,
    /// Images, frames and media loaded from other sites are warnings (`[check] offline`).
    pub offline: bool,
    /// Bare addresses in text (`https://...`, `www.`) are links ([`crate::autolink`]), as the
    /// tool the handbook is written for shows them (not mdBook, Zola, or MkDocs without
    /// `pymdownx.magiclink`).
    pub autolinks: bool,
    /// TeX math is read (`$…$`, `$$…$$`: [`crate::math`]).
    pub math: bool,
    /// `Term` then `: Definition` lines are a definition list.
    pub definition_lists: bool,
    /// Heading ids are made as Python-Markdown's `toc` makes them, a repeated one followed by
    /// `_1`, `_2`... (MkDocs, unless its `toc` has a `slugify` of its own).
    pub python_ids: bool,
    /// A repeated id gets Python-Markdown's `_1`, `_2` (every MkDocs site: `toc`'s `unique`).
    pub python_unique: bool,
    /// Quotes and dashes become typographic ([`crate::config::Config::smart_punctuation`]).
    pub smart_punctuation: bool,
    /// Each definition term gets an id from its text, as a heading does (Hugo's
    /// `autoDefinitionTermID`).
    pub term_ids: bool,
    /// Code blocks are coloured ([`crate::highlight`]).
    pub highlight: bool,
    /// Every fenced code block of a language has its lines numbered, unless it says not.
    pub line_numbers: bool,
    /// The interface's words (a callout's title), in the handbook's language.
    pub ui: crate::ui::Ui,
    /// The language search reads the pages in (`[book] language`).
    pub search_language: crate::search::tokenize::Language,
    /// The path a Docusaurus site publishes its docs under (`docs`, its `routeBasePath`): a
    /// link written with it (`/docs/guides/setup`) means the page at `/guides/setup` here.
    pub route_base: Option<String>,
    /// A Docusaurus site's magic comments, which mark lines of code and are not shown
    /// ([`crate::docusaurus::MagicComment`]); none elsewhere.
    pub magic_comments: Vec<crate::docusaurus::MagicComment>,
    /// The language of a fenced code block that names none (Docusaurus'
    /// `prism.defaultLanguage`); none elsewhere.
    pub code_language: Option<String>,
    /// Other URLs links may give a page by (Docusaurus' `/category/guides` for the page of a
    /// category with a generated index), `guides/` style; nothing is written there.
    pub link_urls: HashMap<String, PageId>,
    /// With a `SUMMARY.md` ([`crate::mdbook`]): the pages it does not list, which are left out
    /// of the book, below the content folder.
    pub unlisted: Option<BTreeSet<String>>,
    /// Markdown files below the content folder that are not pages of this build, and why (a
    /// draft; a file that could not be read): a link to one says so, not that it is missing.
    pub left_out: HashMap<String, LeftOut>,
    /// `[build] exclude`: a link to a file it leaves out says so.
    pub excluded: crate::source::Exclude,
    /// The page readers see at an address that leads nowhere (`404.md` at the top, as mdBook
    /// and Jekyll read it; `[html] not_found`): written as `404.html` alone, in no list,
    /// search or print view ([`Site::set_not_found`]).
    pub not_found: Option<PageId>,
    /// Pages written as a redirect in place of themselves (front matter `redirect_to`), and
    /// where to: in no search or sitemap ([`crate::checks::redirects_to`]).
    pub redirects: HashMap<PageId, RedirectTo>,
    /// The site's path from the server's top (`/`, `/eng/handbook/`): the not-found page is
    /// served at any address, so its links start there ([`Site::root_of`]).
    pub base_path: String,
    /// How the folders' entries are ordered ([`Site::set_order`]).
    pub order: SiblingOrder,
    /// The print view's parts (one but for a long handbook), planned once the pages' sizes
    /// are known.
    pub print: crate::print::PrintPlan,
    by_rel: HashMap<String, PageId>,
    /// `by_rel` with lower-cased keys, to tell a user when only the case of a link differs.
    by_rel_lower: HashMap<String, PageId>,
    by_url: HashMap<String, PageId>,
}

impl Site {
    /// Builds the tree from parsed pages; errors for pages that would share a URL.
    ///
    /// A folder without a page of its own gets one with its name for title, which `name_folder`
    /// may rename and place (a Docusaurus folder's `_category_` file).
    pub fn from_pages(
        parsed: Vec<ParsedPage>,
        content: &Path,
        book_title: &str,
        name_folder: &dyn Fn(&mut ParsedPage),
    ) -> (Site, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut dirs = BTreeSet::from([String::new()]);
        for p in &parsed {
            let mut dir = p.dir.as_str();
            while !dir.is_empty() && dirs.insert(dir.to_string()) {
                dir = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
            }
        }
        let mut parsed = parsed;
        diagnostics.extend(choose_indexes(&mut parsed, &dirs));
        let mut index_of: HashMap<String, usize> = HashMap::new();
        let mut pages: Vec<ParsedPage> = Vec::with_capacity(parsed.len() + dirs.len());
        for mut p in parsed {
            if p.kind == PageKind::Section {
                index_of.insert(p.dir.clone(), pages.len());
                // A home page with no title of its own is headed with the site's, as Hugo heads
                // it (its file name, `_index`, says nothing).
                if p.dir.is_empty() && p.title_source == crate::page::TitleSource::FileName {
                    p.title = book_title.to_string();
                }
            }
            pages.push(p);
        }
        let mut generated = vec![false; pages.len()];
        for dir in &dirs {
            if !index_of.contains_key(dir) {
                index_of.insert(dir.clone(), pages.len());
                let mut page = generated_index(dir, content, book_title);
                name_folder(&mut page);
                pages.push(page);
                generated.push(true);
            }
        }

        // Section URLs, parents first (the set is sorted, so a parent precedes its children).
        let mut section_of_dir: HashMap<&str, SectionId> = HashMap::new();
        let mut sections = Vec::with_capacity(dirs.len());
        let mut section_urls: Vec<String> = Vec::with_capacity(dirs.len());
        for dir in &dirs {
            let index = index_of[dir];
            let (parent, url) = if dir.is_empty() {
                (None, String::new())
            } else {
                let parent_dir = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
                let parent = section_of_dir[parent_dir];
                (
                    Some(parent),
                    format!("{}{}/", section_urls[parent], non_empty(&pages[index].slug)),
                )
            };
            section_of_dir.insert(dir, sections.len());
            section_urls.push(url);
            sections.push(Section {
                dir: dir.clone(),
                parent,
                index,
                children: Vec::new(),
            });
        }

        let mut site_pages = Vec::with_capacity(pages.len());
        for (id, (p, generated)) in pages.into_iter().zip(generated).enumerate() {
            let section = section_of_dir[p.dir.as_str()];
            let url = match (&p.root_url, p.kind) {
                (Some(url), _) => url.clone(),
                (None, PageKind::Section) if sections[section].index == id => {
                    section_urls[section].clone()
                }
                (None, _) => format!("{}{}/", section_urls[section], non_empty(&p.slug)),
            };
            site_pages.push(Page {
                parsed: p,
                href: crate::links::percent_encode_path(&url),
                print_id: crate::markdown::print_id_of(&url),
                last_updated: None,
                url,
                section,
                generated,
                nav_title: None,
            });
        }
        for (id, page) in site_pages.iter().enumerate() {
            let section = &sections[page.section];
            if section.index == id {
                if let Some(parent) = section.parent {
                    sections[parent]
                        .children
                        .push(NavEntry::Section(page.section));
                }
            } else {
                sections[page.section].children.push(NavEntry::Page(id));
            }
        }
        for i in 0..sections.len() {
            let mut children = std::mem::take(&mut sections[i].children);
            children.sort_by_cached_key(|entry| {
                sibling_key(
                    SiblingOrder::Title,
                    &site_pages[match *entry {
                        NavEntry::Page(id) => id,
                        NavEntry::Section(s) => sections[s].index,
                    }],
                    None,
                    None,
                )
            });
            sections[i].children = children;
        }

        let mut by_url: HashMap<String, PageId> = HashMap::with_capacity(site_pages.len());
        for (id, page) in site_pages.iter().enumerate() {
            if let Some(&other) = by_url.get(&page.url) {
                let first = &site_pages[other].parsed;
                diagnostics.push(
                    Diagnostic::error(
                        "duplicate-url",
                        &page.parsed.path,
                        format!(
                            "this page and {} both want the URL /{}",
                            first.rel, page.url
                        ),
                    )
                    // At what gave it the address, if the front matter did.
                    .at(["slug", "permalink", "url", "path"]
                        .iter()
                        .find_map(|key| page.parsed.key_position(key))
                        .unwrap_or(Position::new(1, 1)))
                    .hint("rename one of the files, or give one a different `slug:`"),
                );
            } else {
                by_url.insert(page.url.clone(), id);
            }
        }
        // Files by their path, and folders (`skills`) by their section's page.
        let by_rel: HashMap<String, PageId> = site_pages
            .iter()
            .enumerate()
            .map(|(id, p)| (p.parsed.rel.clone(), id))
            .chain(sections.iter().map(|s| (s.dir.clone(), s.index)))
            .collect();

        let mut site = Site {
            pages: site_pages,
            sections,
            nav_order: Vec::new(),
            nav_index: Vec::new(),
            unlisted: None,
            left_out: HashMap::new(),
            excluded: crate::source::Exclude::default(),
            not_found: None,
            redirects: HashMap::new(),
            base_path: "/".into(),
            order: SiblingOrder::Title,
            print: Default::default(),
            parts: Vec::new(),
            mdbook: false,
            html_addresses_from_url: false,
            offline: false,
            autolinks: false,
            math: false,
            definition_lists: false,
            term_ids: false,
            smart_punctuation: true,
            python_ids: false,
            python_unique: false,
            highlight: false,
            line_numbers: false,
            ui: crate::ui::Ui::default(),
            search_language: Default::default(),
            route_base: None,
            magic_comments: Vec::new(),
            code_language: None,
            link_urls: HashMap::new(),
            by_rel_lower: by_rel.iter().map(|(k, &v)| (k.to_lowercase(), v)).collect(),
            by_rel,
            by_url,
        };
        site.number_reading_order();
        (site, diagnostics)
    }

    /// Puts the page back in its place among its siblings after its title or weight changed in
    /// place (the preview's quick update of one page), and numbers the reading order again. An
    /// outline (`SUMMARY.md`, mkdocs.yml's nav, a sidebars file) gives the order by itself.
    pub fn reorder_siblings_of(&mut self, id: PageId) {
        if self.unlisted.is_some() {
            return;
        }
        let section = self.pages[id].section;
        let holder = if self.sections[section].index == id {
            match self.sections[section].parent {
                Some(parent) => parent,
                None => return,
            }
        } else {
            section
        };
        self.sort_children_of(holder);
        self.number_reading_order();
    }

    /// Orders every folder's pages and subsections as `order` says, unless an outline gave the
    /// order ([`Site::follow_outline`]): call it before following one.
    pub fn set_order(&mut self, order: SiblingOrder) {
        self.order = order;
        if order == SiblingOrder::Title || self.unlisted.is_some() {
            return;
        }
        for section in 0..self.sections.len() {
            self.sort_children_of(section);
        }
        self.number_reading_order();
    }

    fn sort_children_of(&mut self, section: SectionId) {
        let mut children = std::mem::take(&mut self.sections[section].children);
        children.sort_by_cached_key(|&entry| {
            let folder = match entry {
                NavEntry::Section(s) => Some(self.sections[s].dir.as_str()),
                NavEntry::Page(_) => None,
            };
            let date = match self.order {
                SiblingOrder::Hugo => self.hugo_date_of(entry),
                _ => None,
            };
            sibling_key(
                self.order,
                &self.pages[self.entry_page(entry)],
                folder,
                date,
            )
        });
        self.sections[section].children = children;
    }

    /// A page's date as Hugo reads it; a section without one of its own has its newest page's
    /// (and subsection's), as Hugo dates a section.
    fn hugo_date_of(&self, entry: NavEntry) -> Option<i64> {
        let own = hugo_date(self.pages[self.entry_page(entry)].meta());
        match entry {
            NavEntry::Page(_) => own,
            NavEntry::Section(s) => own.or_else(|| {
                self.sections[s]
                    .children
                    .iter()
                    .filter_map(|&child| self.hugo_date_of(child))
                    .max()
            }),
        }
    }

    /// The reading order from the navigation tree, and each page's place in it.
    fn number_reading_order(&mut self) {
        self.nav_order = self.reading_order();
        self.nav_index = vec![NOT_IN_ORDER; self.pages.len()];
        for (i, &id) in self.nav_order.iter().enumerate() {
            self.nav_index[id] = i;
        }
    }

    /// Makes the navigation (sidebar, breadcrumbs, reading order) that of an outline instead
    /// of the folders': `(page, depth, parts it begins)` in order, as a `SUMMARY.md` nests its
    /// chapters ([`crate::mdbook`]). A chapter with chapters under it is a section of its own;
    /// every page keeps the URL of its file. Pages the outline does not name (those made up
    /// for folders) are still written, but in no list and outside the reading order.
    pub fn follow_outline(&mut self, outline: &[(PageId, usize, Vec<String>)]) {
        let home = self.home();
        let mut sections = vec![Section {
            dir: String::new(),
            parent: None,
            index: home,
            children: Vec::new(),
        }];
        for page in &mut self.pages {
            page.section = 0;
        }
        let mut seen = vec![false; self.pages.len()];
        seen[home] = true;
        // The home page is above the lists, and a chapter is listed once; the part of one left
        // out passes to the next.
        let mut entries: Vec<(PageId, usize)> = Vec::new();
        let mut parts: Vec<(usize, String)> = Vec::new();
        let mut pending: Vec<String> = Vec::new();
        for (id, depth, part) in outline {
            // An entry's own parts replace those of one left out before it.
            if !part.is_empty() {
                pending.clone_from(part);
            }
            if std::mem::replace(&mut seen[*id], true) {
                continue;
            }
            parts.extend(pending.drain(..).map(|part| (entries.len(), part)));
            entries.push((*id, *depth));
        }
        // The chapters open above the current one: (depth, section).
        let mut open: Vec<(usize, SectionId)> = Vec::new();
        let mut parts = parts.into_iter().peekable();
        for (i, &(id, depth)) in entries.iter().enumerate() {
            // A part heads the top list, before the next entry it gets.
            while let Some((_, title)) = parts.next_if(|(at, _)| *at == i) {
                self.parts.push((sections[0].children.len(), title));
            }
            while open.last().is_some_and(|&(d, _)| d >= depth) {
                open.pop();
            }
            let parent = open.last().map_or(0, |&(_, s)| s);
            let has_children = entries.get(i + 1).is_some_and(|&(_, next)| next > depth);
            if has_children {
                let s = sections.len();
                sections.push(Section {
                    dir: self.pages[id].parsed.dir.clone(),
                    parent: Some(parent),
                    index: id,
                    children: Vec::new(),
                });
                sections[parent].children.push(NavEntry::Section(s));
                self.pages[id].section = s;
                open.push((depth, s));
            } else {
                sections[parent].children.push(NavEntry::Page(id));
                self.pages[id].section = parent;
            }
        }
        let top = sections[0].children.len();
        self.parts.extend(parts.map(|(_, title)| (top, title)));
        self.parts
            .extend(pending.into_iter().map(|title| (top, title)));
        self.sections = sections;
        self.number_reading_order();
    }

    fn reading_order(&self) -> Vec<PageId> {
        let mut order = Vec::with_capacity(self.pages.len());
        let mut stack = vec![NavEntry::Section(0)];
        while let Some(entry) = stack.pop() {
            match entry {
                NavEntry::Page(id) => order.push(id),
                NavEntry::Section(s) => {
                    order.push(self.sections[s].index);
                    stack.extend(self.sections[s].children.iter().rev());
                }
            }
        }
        order
    }

    pub fn home(&self) -> PageId {
        self.sections[0].index
    }

    /// The page for a file below the content folder (`skills/empathy.md`), or for a folder.
    pub fn page_by_rel(&self, rel: &str) -> Option<PageId> {
        self.by_rel.get(rel.trim_end_matches('/')).copied()
    }

    pub fn page_by_rel_ignoring_case(&self, rel: &str) -> Option<PageId> {
        self.by_rel_lower
            .get(&rel.trim_end_matches('/').to_lowercase())
            .copied()
    }

    pub fn page_by_url(&self, url: &str) -> Option<PageId> {
        self.by_url.get(url).copied()
    }

    /// Adds a page made for a group of pages that has none of its own (a Docusaurus category
    /// without a link or a folder), at `url` (`category/guides/`), titled `title`: it lists
    /// what the outline puts under it ([`Site::follow_outline`]); `path` names it in messages.
    /// `None` when a page has that URL already.
    pub fn add_group_page(
        &mut self,
        url: &str,
        title: &str,
        description: Option<String>,
        path: &Path,
    ) -> Option<PageId> {
        let dir = url_folder(url)?;
        let url = format!("{dir}/");
        let rel = format!("{dir}/_index.md");
        if self.by_url.contains_key(&url) || self.by_rel.contains_key(&rel) {
            return None;
        }
        let id = self.pages.len();
        let parsed = ParsedPage {
            path: path.to_path_buf(),
            rel: rel.clone(),
            dir: dir.to_string(),
            kind: PageKind::Section,
            meta: FrontMatter {
                description,
                ..FrontMatter::default()
            },
            title: title.to_string(),
            title_source: TitleSource::FileName,
            heading: None,
            h1_id: None,
            front_matter_ok: true,
            slug: slugify(dir.rsplit('/').next().unwrap_or(dir)),
            root_url: None,
            abbreviations: Vec::new(),
            expansion: None,
            text: String::new(),
            body_start: 0,
            body_line: 1,
        };
        self.pages.push(Page {
            parsed,
            href: crate::links::percent_encode_path(&url),
            print_id: crate::markdown::print_id_of(&url),
            last_updated: None,
            url: url.clone(),
            section: 0,
            generated: true,
            nav_title: None,
        });
        self.by_url.insert(url, id);
        self.by_rel_lower.insert(rel.to_lowercase(), id);
        self.by_rel.insert(rel, id);
        self.nav_index.push(NOT_IN_ORDER);
        Some(id)
    }

    /// The page of a group of pages without one of its own (MkDocs' nested nav group), titled
    /// `title`: the page made for `folder` (the one its pages share), else one made at an
    /// address of its own; `path` names it in messages.
    /// `taken`: the pages other groups have, which this one does not share.
    pub fn group_page(
        &mut self,
        folder: &str,
        title: &str,
        path: &Path,
        taken: &mut HashSet<PageId>,
    ) -> Option<PageId> {
        let made_for_folder = self
            .page_by_rel(&format!("{folder}/_index.md"))
            .filter(|&id| !folder.is_empty() && self.pages[id].generated && !taken.contains(&id));
        if let Some(id) = made_for_folder {
            self.pages[id].parsed.title = title.to_string();
            taken.insert(id);
            return Some(id);
        }
        // A title of no letters or digits (an emoji) still names a group.
        let name = Some(slugify(title))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "group".to_string());
        let base = match folder {
            "" => name,
            folder => format!("{folder}/{name}"),
        };
        let id = (1..100).find_map(|n| {
            let url = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            // Not where the site writes a page of its own (`print/`, `search/`, `tags/`).
            if crate::checks::generated(&format!("{url}/index.html")).is_some() {
                return None;
            }
            self.add_group_page(&url, title, None, path)
        })?;
        taken.insert(id);
        Some(id)
    }

    /// Takes back the page [`Site::add_group_page`] made last, when nothing came under it.
    pub fn remove_group_page(&mut self, id: PageId) {
        if id + 1 != self.pages.len() || !self.pages[id].generated {
            return;
        }
        if let Some(page) = self.pages.pop() {
            self.by_url.remove(&page.url);
            self.by_rel.remove(&page.parsed.rel);
            self.by_rel_lower.remove(&page.parsed.rel.to_lowercase());
            self.link_urls.retain(|_, p| *p != id);
            self.nav_index.truncate(self.pages.len());
        }
    }

    /// Names each page in lists (sidebar, breadcrumbs, cards, pager) by its front matter's
    /// `key` (any case), where it has one: Docusaurus' `sidebar_label`, Hugo's `linkTitle`.
    pub fn adopt_nav_titles(&mut self, key: &str) {
        for page in &mut self.pages {
            let label = page
                .parsed
                .meta
                .extra
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .and_then(|(_, v)| v.as_str())
                .map(str::trim);
            if let Some(label) = label {
                if !label.is_empty() && label != page.parsed.title {
                    page.nav_title = Some(label.to_string());
                }
            }
        }
    }

    /// Lets links give `page` by `url` too (`/category/guides`), unless a page has that URL.
    pub fn add_link_url(&mut self, url: &str, page: PageId) {
        let Some(url) = url_folder(url) else {
            return;
        };
        let url = format!("{url}/");
        if !self.by_url.contains_key(&url) {
            self.link_urls.entry(url).or_insert(page);
        }
    }

    /// The section index pages above a page, from the home page down (the page itself excluded).
    pub fn ancestors(&self, id: PageId) -> Vec<PageId> {
        let page = &self.pages[id];
        let mut section = Some(page.section);
        if self.sections[page.section].index == id {
            section = self.sections[page.section].parent;
        }
        let mut out = Vec::new();
        while let Some(s) = section {
            out.push(self.sections[s].index);
            section = self.sections[s].parent;
        }
        out.reverse();
        out
    }

    /// The page before `id` in reading order, passing over redirects (which would lead on,
    /// maybe back to `id`).
    pub fn previous(&self, id: PageId) -> Option<PageId> {
        let i = self.nav_index[id];
        if i == NOT_IN_ORDER {
            return None;
        }
        self.nav_order[..i]
            .iter()
            .rev()
            .find(|p| !self.redirects.contains_key(p))
            .copied()
    }

    /// The page after `id` in reading order, passing over redirects.
    pub fn next(&self, id: PageId) -> Option<PageId> {
        let i = self.nav_index[id];
        if i == NOT_IN_ORDER {
            return None;
        }
        self.nav_order[i + 1..]
            .iter()
            .find(|p| !self.redirects.contains_key(p))
            .copied()
    }

    /// The section a page introduces, if it is a section's index page.
    pub fn section_of_index(&self, id: PageId) -> Option<SectionId> {
        let s = self.pages[id].section;
        (self.sections[s].index == id).then_some(s)
    }

    /// Makes the page of the file `rel` (below the content folder) the not-found page: it
    /// leaves the navigation and the reading order. Refused, with the page left where it is,
    /// for the home page or a section's (a chapter with chapters under it): `Err` with that
    /// page. No page of that file (none, or a draft) is no error: the theme's page is shown.
    pub fn set_not_found(&mut self, rel: &str) -> Result<(), PageId> {
        let Some(id) = self.page_by_rel(rel) else {
            return Ok(());
        };
        if self.pages[id].generated {
            return Ok(());
        }
        if self.sections.iter().any(|s| s.index == id) {
            return Err(id);
        }
        for section in &mut self.sections {
            section.children.retain(|&e| e != NavEntry::Page(id));
        }
        self.not_found = Some(id);
        self.number_reading_order();
        Ok(())
    }

    /// Takes pages out of the navigation and the reading order (Hugo's `build: {list:
    /// never}`): they are still written, and reached by links. A section's page takes its
    /// section out.
    pub fn leave_out_of_lists(&mut self, ids: &[PageId]) {
        if ids.is_empty() {
            return;
        }
        let hidden: HashSet<NavEntry> = ids
            .iter()
            .flat_map(|&id| {
                let section = self.section_of_index(id).filter(|&s| s != 0);
                [Some(NavEntry::Page(id)), section.map(NavEntry::Section)]
            })
            .flatten()
            .collect();
        for section in &mut self.sections {
            section.children.retain(|e| !hidden.contains(e));
        }
        self.number_reading_order();
    }

    /// How many pages readers reach: every page but the not-found one.
    pub fn reader_pages(&self) -> usize {
        self.pages.len() - usize::from(self.not_found.is_some())
    }

    /// The prefix a page's links to other pages and files start with: back up to the site's
    /// top (`../../`), or, for the not-found page, the site's path from the server's top.
    pub fn root_of(&self, id: PageId) -> String {
        if self.not_found == Some(id) {
            self.base_path.clone()
        } else {
            crate::links::root_prefix(self.pages[id].depth())
        }
    }

    pub fn entry_page(&self, entry: NavEntry) -> PageId {
        match entry {
            NavEntry::Page(id) => id,
            NavEntry::Section(s) => self.sections[s].index,
        }
    }
}

/// Leaves exactly one index page per folder. Of several, `_index.md` wins over `index.md` over
/// `README.md`; a losing README becomes an ordinary page (a warning), any other loser an error.
/// A folder without one takes the page of the same name beside it (`foo.md` for `foo/`).
fn choose_indexes(parsed: &mut Vec<ParsedPage>, dirs: &BTreeSet<String>) -> Vec<Diagnostic> {
    let rank = |p: &ParsedPage| match p.rel.rsplit('/').next() {
        Some("_index.md" | "_index.mdx") => 0,
        Some("index.md" | "index.mdx") => 1,
        _ => 2,
    };
    let mut best: HashMap<String, (usize, usize)> = HashMap::new();
    for (i, p) in parsed
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Section)
    {
        let entry = best.entry(p.dir.clone()).or_insert((rank(p), i));
        *entry = (*entry).min((rank(p), i));
    }
    let mut diagnostics = Vec::new();
    let mut dropped = BTreeSet::new();
    for (i, p) in parsed.iter_mut().enumerate() {
        if p.kind != PageKind::Section || best.get(&p.dir).is_some_and(|&(_, b)| b == i) {
            continue;
        }
        let folder = match p.dir.as_str() {
            "" => "the content folder".to_string(),
            dir => format!("the folder `{dir}`"),
        };
        if rank(p) == 2 {
            let stem = p.rel.rsplit('/').next().unwrap_or("readme");
            p.kind = PageKind::Page;
            p.slug = slugify(
                p.meta
                    .slug
                    .as_deref()
                    .unwrap_or(&stem[..stem.len().saturating_sub(3)]),
            );
            diagnostics.push(
                Diagnostic::warning(
                    "duplicate-index",
                    &p.path,
                    format!("{folder} has another index file, so this {stem} is an ordinary page"),
                )
                .hint("rename it, or merge it into the folder's index file"),
            );
        } else {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate-index",
                    &p.path,
                    format!("{folder} has two index files"),
                )
                .hint("keep one of `_index.md` and `index.md` in each folder"),
            );
            dropped.insert(i);
        }
    }
    let mut i = 0;
    parsed.retain(|_| {
        i += 1;
        !dropped.contains(&(i - 1))
    });
    let by_name: HashMap<(String, String), usize> = parsed
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Page)
        .map(|(i, p)| ((p.dir.clone(), p.slug.clone()), i))
        .collect();
    // Or the page in it whose address is the folder's (Jekyll's `permalink: /tests/` for
    // `tests/tests.md`).
    let by_address: HashMap<&str, usize> = parsed
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PageKind::Page)
        .filter_map(|(i, p)| Some((p.root_url.as_deref()?, i)))
        .collect();
    let mut introduce = Vec::new();
    for dir in dirs
        .iter()
        .filter(|d| !d.is_empty() && !best.contains_key(*d))
    {
        let (parent, name) = dir.rsplit_once('/').unwrap_or(("", dir));
        if let Some(&i) = by_name.get(&(parent.to_string(), slugify(name))) {
            introduce.push((i, dir));
        } else if let Some(&i) = by_address
            .get(format!("{}/", crate::slug::slugify_path(dir)).as_str())
            .filter(|&&i| parsed[i].dir == *dir)
        {
            introduce.push((i, dir));
        }
    }
    for (i, dir) in introduce {
        let page = &mut parsed[i];
        page.kind = PageKind::Section;
        if page.dir != *dir {
            page.dir = dir.clone();
        } else {
            page.slug = slugify(dir.rsplit('/').next().unwrap_or(dir));
        }
    }
    diagnostics
}

/// What orders the pages and subsections of a folder ([`SiblingOrder`]); `folder` is the
/// subsection's folder when `page` is a subsection's page, `date` its date in seconds (Hugo).
fn sibling_key(
    order: SiblingOrder,
    page: &Page,
    folder: Option<&str>,
    date: Option<i64>,
) -> SiblingKey {
    let meta = page.meta();
    let weight = match order {
        SiblingOrder::Hugo => meta.weight.filter(|&w| w != 0),
        _ => meta.weight,
    };
    // The file's (or the folder's) own name: what the file-ordered tools sort by.
    let name = || {
        let path = folder.unwrap_or(&page.parsed.rel);
        path.rsplit('/').next().unwrap_or(path).to_string()
    };
    let (kind, date, text) = match order {
        SiblingOrder::Title => (0, None, page.title().to_lowercase()),
        SiblingOrder::Hugo => {
            let title = meta
                .extra
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("linkTitle"))
                .and_then(|(_, v)| v.as_str())
                .filter(|t| !t.trim().is_empty())
                .unwrap_or(page.title());
            (0, date, title.to_lowercase())
        }
        SiblingOrder::Names => (0, None, name()),
        SiblingOrder::FilesThenFolders => (u8::from(folder.is_some()), None, name()),
    };
    SiblingKey {
        unweighted: weight.is_none(),
        weight,
        kind,
        newest: std::cmp::Reverse(date),
        text,
        file: page.parsed.rel.clone(),
    }
}

/// The parts of [`sibling_key`], compared in this order.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct SiblingKey {
    unweighted: bool,
    weight: Option<i64>,
    /// Files before folders, where the order says so.
    kind: u8,
    /// A page with a date before one without, the newest first (Hugo).
    newest: std::cmp::Reverse<Option<i64>>,
    text: String,
    file: String,
}

/// A page's date as Hugo reads it by default (`date`, else `publishDate`, `pubdate`,
/// `published`, `lastmod`, `modified`), in seconds since 1970 (UTC, as Hugo's default time
/// zone reads a date without one). A value that is no date is none.
fn hugo_date(meta: &FrontMatter) -> Option<i64> {
    [
        "date",
        "publishDate",
        "pubdate",
        "published",
        "lastmod",
        "modified",
    ]
    .iter()
    .find_map(|key| {
        let value = meta
            .extra
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))?
            .1
            .as_str()?;
        instant(value.trim())
    })
}

/// `2024-05-01`, `2024-05-01T10:00:00Z`, `2024-05-01 10:00`, `2024-05-01T10:00:00.5+02:00`:
/// seconds since 1970, UTC.
fn instant(text: &str) -> Option<i64> {
    let day = Date::parse(text.get(..10)?)?.days_since_epoch();
    let rest = &text[10..];
    let mut seconds = day * 86_400;
    let Some(time) = rest.strip_prefix(['T', 't', ' ']) else {
        return rest.trim().is_empty().then_some(seconds);
    };
    let number = |s: &str| s.parse::<i64>().ok();
    let zone_at = time.find(['Z', 'z', '+', '-']).unwrap_or(time.len());
    let (clock, zone) = time.split_at(zone_at);
    let mut parts = clock.trim().split(':');
    let hours = number(parts.next()?)?;
    let minutes = number(parts.next()?)?;
    let whole_seconds = match parts.next() {
        Some(s) => number(s.split('.').next()?)?,
        None => 0,
    };
    seconds += hours * 3600 + minutes * 60 + whole_seconds;
    let zone = zone.trim();
    let offset = match zone.chars().next() {
        Some('+') => Some((1, &zone[1..])),
        Some('-') => Some((-1, &zone[1..])),
        _ => None,
    };
    if let Some((sign, offset)) = offset {
        let digits: String = offset.chars().filter(char::is_ascii_digit).collect();
        let hours = number(digits.get(..2)?)?;
        let minutes = digits.get(2..4).and_then(number).unwrap_or(0);
        seconds -= sign * (hours * 3600 + minutes * 60);
    }
    Some(seconds)
}

/// A URL given by a site's settings (`/category/guides/`) as the folder of the site it names
/// (`category/guides`), if it names one inside it.
fn url_folder(url: &str) -> Option<&str> {
    let dir = url.trim_matches('/');
    let plain = !dir.is_empty()
        && !dir
            .split('/')
            .any(|p| p.is_empty() || p == "." || p == "..");
    plain.then_some(dir)
}

fn non_empty(slug: &str) -> &str {
    if slug.is_empty() {
        "page"
    } else {
        slug
    }
}

/// The page of a folder that has no index file: a title from the folder's name and no text.
fn generated_index(dir: &str, content: &Path, book_title: &str) -> ParsedPage {
    let name = dir.rsplit('/').next().unwrap_or(dir);
    let title = if dir.is_empty() {
        book_title.to_string()
    } else {
        crate::page::title_from_name(name)
    };
    ParsedPage {
        path: content.join(dir),
        rel: if dir.is_empty() {
            "_index.md".into()
        } else {
            format!("{dir}/_index.md")
        },
        dir: dir.to_string(),
        kind: PageKind::Section,
        meta: FrontMatter::default(),
        title,
        title_source: TitleSource::FileName,
        heading: None,
        h1_id: None,
        front_matter_ok: true,
        slug: slugify(name),
        root_url: None,
        abbreviations: Vec::new(),
        expansion: None,
        text: String::new(),
        body_start: 0,
        body_line: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::instant;

    #[test]
    fn hugo_dates_compare_as_instants() {
        let day = instant("2024-01-01").unwrap();
        assert_eq!(instant("2024-01-01T00:00:00Z"), Some(day));
        assert_eq!(instant("2024-01-01T10:00:00+02:00"), Some(day + 8 * 3600));
        assert_eq!(instant("2024-01-01T23:00:00-05:00"), Some(day + 28 * 3600));
        assert_eq!(instant("2024-01-01 09:30"), Some(day + 9 * 3600 + 1800));
        assert_eq!(instant("2024-01-01T09:00:00.250Z"), Some(day + 9 * 3600));
        assert_eq!(
            instant("2024-01-01T09:00:00+0130"),
            Some(day + 9 * 3600 - 5400)
        );
        assert_eq!(instant("soon"), None);
        assert_eq!(instant("2024-01-01 and more"), None);
    }
}
