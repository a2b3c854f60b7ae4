//! Filling the theme's templates: one typed context per kind of output file, never a map built
//! key by key. Every href in a context is already relative to the file being written.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;

use crate::checks::{Redirect, Review};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::direct;
use crate::links::{percent_encode_path, root_prefix};
use crate::markdown::{escape, print_id, push_escaped, Rendered, TocEntry};
use crate::output::{Output, Sink};
use crate::site::{NavEntry, PageId, RedirectTo, SectionId, Site};
use crate::theme::{error_chain, Theme};
use crate::ui::{Text, Ui};

/// What every template gets.
#[derive(Serialize)]
struct Common<'a> {
    site: SiteView<'a>,
    /// The relative way back to the site root from this file (`../../`), or an absolute path.
    root: String,
    /// The sidebar as HTML, built in Rust: it is most of every page's markup.
    nav_html: String,
    /// The sidebar as data, for themes that lay it out themselves; only built when a template
    /// mentions `nav` (see [`Theme::uses_nav_tree`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    nav: Option<Vec<NavItem>>,
    /// Where the "Print view" link leads from the root: `print/index.html`, or in a print view
    /// in parts, the part that holds this page ([`crate::print`]).
    print_path: String,
    /// The interface's words, `ui.<key>` ([`crate::ui`]).
    ui: &'a crate::ui::Ui,
}

#[derive(Serialize, Clone, Copy)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    authors: &'a [String],
    base_url: &'a str,
    /// Whether the site has a search index (`[build] search`).
    search: bool,
    /// Whether the site has a print view (`[html] print`).
    print: bool,
    /// Whether some page has tags, so that `tags/index.html` is written.
    tags: bool,
    /// Whether some page names an audience, so that `audience/index.html` is written.
    audiences: bool,
}

#[derive(Serialize)]
struct NavItem {
    title: String,
    href: String,
    current: bool,
    /// The current page lies below this section.
    open: bool,
    section: bool,
    children: Vec<NavItem>,
}

#[derive(Serialize)]
struct Link {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct Child {
    title: String,
    href: String,
    description: Option<String>,
    section: bool,
}

#[derive(Serialize)]
struct Term {
    name: String,
    href: String,
}

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    /// The page's h1: its leading `# Heading` when that differs from the title, else the title.
    heading: &'a str,
    description: Option<&'a str>,
    content: &'a str,
    /// Only built when a template mentions `toc` (see [`Theme::uses_toc_tree`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    toc: Option<&'a [TocEntry]>,
    /// `toc` as nested lists (empty when the page has no h2/h3).
    toc_html: String,
    kind: &'static str,
    layout: Option<&'a str>,
    owner: Option<&'a str>,
    last_reviewed: Option<String>,
    /// When the page's file was last changed (`[html] last_updated`).
    last_updated: Option<String>,
    audience: Vec<Term>,
    tags: Vec<Term>,
    edit_url: Option<String>,
    /// The absolute URL when `base_url` is set.
    permalink: Option<String>,
    source: &'a str,
    extra: &'a BTreeMap<String, serde_json::Value>,
    draft: bool,
    /// Days the page's review is overdue (only with `[html] review_badge`).
    review_overdue: Option<i64>,
    /// `review_overdue` in words, in the handbook's language ("Review overdue by 3 days").
    review_overdue_text: Option<String>,
    /// Owner, review date, audiences, tags and edit link as `macros::meta` writes them (empty
    /// when the page has none).
    meta_html: String,
}

#[derive(Serialize)]
struct PageContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    page: PageView<'a>,
    breadcrumbs: Vec<Link>,
    /// `breadcrumbs` as a navigation list ending with the page's own title (empty on the home
    /// page).
    breadcrumbs_html: String,
    previous: Option<Link>,
    next: Option<Link>,
    /// `previous` and `next` as `macros::pager` writes them (empty when there are neither).
    pager_html: String,
    children: Vec<Child>,
    /// `children` as a list, built in Rust (empty when there are none).
    children_html: String,
    /// FAQPage structured data, for `layout: faq` pages.
    json_ld: Option<String>,
}

/// The names a page's template may use that [`direct`] templates read without Tera.
#[derive(Clone, Copy)]
pub enum PageField {
    Common(CommonField),
    Title,
    Heading,
    Description,
    Content,
    TocHtml,
    Kind,
    Layout,
    Owner,
    LastReviewed,
    LastUpdated,
    Audience,
    Tags,
    EditUrl,
    Permalink,
    Source,
    Draft,
    ReviewOverdue,
    ReviewOverdueText,
    MetaHtml,
    Breadcrumbs,
    BreadcrumbsHtml,
    Previous,
    Next,
    PagerHtml,
    Children,
    ChildrenHtml,
    JsonLd,
}

impl direct::Data for PageContext<'_> {
    type Field = PageField;

    fn field(name: &str) -> Option<PageField> {
        use PageField::*;
        if let Some(field) = CommonField::of(name) {
            return Some(Common(field));
        }
        Some(match name {
            "page.title" => Title,
            "page.heading" => Heading,
            "page.description" => Description,
            "page.content" => Content,
            "page.toc_html" => TocHtml,
            "page.kind" => Kind,
            "page.layout" => Layout,
            "page.owner" => Owner,
            "page.last_reviewed" => LastReviewed,
            "page.last_updated" => LastUpdated,
            "page.audience" => Audience,
            "page.tags" => Tags,
            "page.edit_url" => EditUrl,
            "page.permalink" => Permalink,
            "page.source" => Source,
            "page.draft" => Draft,
            "page.review_overdue" => ReviewOverdue,
            "page.review_overdue_text" => ReviewOverdueText,
            "page.meta_html" => MetaHtml,
            "breadcrumbs" => Breadcrumbs,
            "breadcrumbs_html" => BreadcrumbsHtml,
            "previous" => Previous,
            "next" => Next,
            "pager_html" => PagerHtml,
            "children" => Children,
            "children_html" => ChildrenHtml,
            "json_ld" => JsonLd,
            _ => return None,
        })
    }

    fn value(&self, field: PageField) -> direct::Value<'_> {
        use direct::Value::{Bool, Int, Items, Null, Str};
        fn text(s: Option<&str>) -> direct::Value<'_> {
            s.map_or(Null, Str)
        }
        use PageField::*;
        let page = &self.page;
        match field {
            Common(field) => field.value(&self.common),
            Title => Str(page.title),
            Heading => Str(page.heading),
            Description => text(page.description),
            Content => Str(page.content),
            TocHtml => Str(&page.toc_html),
            Kind => Str(page.kind),
            Layout => text(page.layout),
            Owner => text(page.owner),
            LastReviewed => text(page.last_reviewed.as_deref()),
            LastUpdated => text(page.last_updated.as_deref()),
            Audience => Items(page.audience.len()),
            Tags => Items(page.tags.len()),
            EditUrl => text(page.edit_url.as_deref()),
            Permalink => text(page.permalink.as_deref()),
            Source => Str(page.source),
            Draft => Bool(page.draft),
            ReviewOverdue => page.review_overdue.map_or(Null, Int),
            ReviewOverdueText => text(page.review_overdue_text.as_deref()),
            MetaHtml => Str(&page.meta_html),
            Breadcrumbs => Items(self.breadcrumbs.len()),
            BreadcrumbsHtml => Str(&self.breadcrumbs_html),
            // A link is an object of two fields.
            Previous => Items(if self.previous.is_some() { 2 } else { 0 }),
            Next => Items(if self.next.is_some() { 2 } else { 0 }),
            PagerHtml => Str(&self.pager_html),
            Children => Items(self.children.len()),
            ChildrenHtml => Str(&self.children_html),
            JsonLd => text(self.json_ld.as_deref()),
        }
    }
}

#[derive(Serialize)]
struct TaxonomyContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    title: String,
    /// `tags` or `audience`.
    taxonomy: &'static str,
    /// On a term's page, how many pages it has in words ("3 pages tagged “onboarding”.").
    summary: String,
    /// Set on a term's page; the index page lists `terms` instead.
    term: Option<String>,
    terms: Vec<TermCount>,
    pages: Vec<Child>,
    /// `pages` as a list, built in Rust (empty when there are none).
    children_html: String,
}

#[derive(Serialize)]
struct TermCount {
    name: String,
    href: String,
    count: usize,
}

#[derive(Serialize)]
struct PrintContext<'a> {
    #[serde(flatten)]
    common: Common<'a>,
    pages: Vec<PrintPage<'a>>,
    /// In a print view in parts ([`crate::print`]), the part's title; else empty.
    part: &'a str,
    /// In a print view in parts, on the page that lists them (`print/index.html`): the parts;
    /// else empty.
    parts: Vec<PrintPartEntry<'a>>,
}

#[derive(Serialize)]
struct PrintPartEntry<'a> {
    href: &'a str,
    title: &'a str,
    /// How many pages it holds, in words (`12 pages`).
    size: String,
}

#[derive(Serialize)]
struct PrintPage<'a> {
    id: String,
    title: &'a str,
    /// A marker, replaced by the page's print HTML as the file is written: the whole handbook
    /// in one page is too big to pass through the template engine.
    content: String,
    depth: usize,
}

/// Brackets the number of a page in print markers: a private-use character, which no escaping
/// touches and no handbook's text has reason to contain.
const PRINT_MARK: char = '\u{E000}';

/// The names every template's data has ([`Common`]), for [`direct`] templates.
#[derive(Clone, Copy)]
pub enum CommonField {
    Root,
    NavHtml,
    PrintPath,
    SiteTitle,
    SiteDescription,
    SiteLanguage,
    SiteAuthors,
    SiteBaseUrl,
    SiteSearch,
    SitePrint,
    SiteTags,
    SiteAudiences,
    /// `ui.<key>`: the word at this index of [`crate::ui::TEXTS`].
    Ui(usize),
}

impl CommonField {
    fn of(name: &str) -> Option<CommonField> {
        use CommonField::*;
        Some(match name {
            "root" => Root,
            "nav_html" => NavHtml,
            "print_path" => PrintPath,
            "site.title" => SiteTitle,
            "site.description" => SiteDescription,
            "site.language" => SiteLanguage,
            "site.authors" => SiteAuthors,
            "site.base_url" => SiteBaseUrl,
            "site.search" => SiteSearch,
            "site.print" => SitePrint,
            "site.tags" => SiteTags,
            "site.audiences" => SiteAudiences,
            _ => {
                return name
                    .strip_prefix("ui.")
                    .and_then(crate::ui::index_of)
                    .map(Ui)
            }
        })
    }

    fn value<'a>(self, common: &'a Common) -> direct::Value<'a> {
        use direct::Value::{Bool, Str, Strs};
        use CommonField::*;
        let site = &common.site;
        match self {
            Root => Str(&common.root),
            NavHtml => Str(&common.nav_html),
            PrintPath => Str(&common.print_path),
            SiteTitle => Str(site.title),
            SiteDescription => Str(site.description),
            SiteLanguage => Str(site.language),
            SiteAuthors => Strs(site.authors),
            SiteBaseUrl => Str(site.base_url),
            SiteSearch => Bool(site.search),
            SitePrint => Bool(site.print),
            SiteTags => Bool(site.tags),
            SiteAudiences => Bool(site.audiences),
            Ui(index) => Str(common.ui.at(index)),
        }
    }
}

/// The names of a tag or audience page's data ([`TaxonomyContext`]).
#[derive(Clone, Copy)]
pub enum TaxonomyField {
    Common(CommonField),
    Title,
    Taxonomy,
    Summary,
    Term,
    Terms,
    Pages,
    ChildrenHtml,
    TermName,
    TermHref,
    TermCount,
}

impl direct::Data for TaxonomyContext<'_> {
    type Field = TaxonomyField;

    fn field(name: &str) -> Option<TaxonomyField> {
        use TaxonomyField::*;
        if let Some(field) = CommonField::of(name) {
            return Some(Common(field));
        }
        Some(match name {
            "title" => Title,
            "taxonomy" => Taxonomy,
            "summary" => Summary,
            "term" => Term,
            "terms" => Terms,
            "pages" => Pages,
            "children_html" => ChildrenHtml,
            _ => return None,
        })
    }

    fn value(&self, field: TaxonomyField) -> direct::Value<'_> {
        use direct::Value::{Items, Null, Str};
        use TaxonomyField::*;
        match field {
            Common(field) => field.value(&self.common),
            Title => Str(&self.title),
            Taxonomy => Str(self.taxonomy),
            Summary => Str(&self.summary),
            Term => self.term.as_deref().map_or(Null, Str),
            Terms => Items(self.terms.len()),
            Pages => Items(self.pages.len()),
            ChildrenHtml => Str(&self.children_html),
            TermName | TermHref | TermCount => Null,
        }
    }

    fn item_field(list: TaxonomyField, name: &str) -> Option<TaxonomyField> {
        use TaxonomyField::*;
        match (list, name) {
            (Terms, "name") => Some(TermName),
            (Terms, "href") => Some(TermHref),
            (Terms, "count") => Some(TermCount),
            _ => None,
        }
    }

    fn item_value(&self, field: TaxonomyField, index: usize) -> direct::Value<'_> {
        use direct::Value::{Int, Null, Str};
        let Some(term) = self.terms.get(index) else {
            return Null;
        };
        match field {
            TaxonomyField::TermName => Str(&term.name),
            TaxonomyField::TermHref => Str(&term.href),
            TaxonomyField::TermCount => i64::try_from(term.count).map_or(Null, Int),
            _ => Null,
        }
    }
}

/// The names of the print view's data ([`PrintContext`]).
#[derive(Clone, Copy)]
pub enum PrintField {
    Common(CommonField),
    Pages,
    PageId,
    PageTitle,
    PageContent,
    PageDepth,
    Part,
    Parts,
    PartHref,
    PartTitle,
    PartSize,
}

impl direct::Data for PrintContext<'_> {
    type Field = PrintField;

    fn field(name: &str) -> Option<PrintField> {
        match name {
            "pages" => Some(PrintField::Pages),
            "part" => Some(PrintField::Part),
            "parts" => Some(PrintField::Parts),
            _ => CommonField::of(name).map(PrintField::Common),
        }
    }

    fn value(&self, field: PrintField) -> direct::Value<'_> {
        match field {
            PrintField::Common(field) => field.value(&self.common),
            PrintField::Pages => direct::Value::Items(self.pages.len()),
            PrintField::Part => direct::Value::Str(self.part),
            PrintField::Parts => direct::Value::Items(self.parts.len()),
            _ => direct::Value::Null,
        }
    }

    fn item_field(list: PrintField, name: &str) -> Option<PrintField> {
        use PrintField::*;
        match (list, name) {
            (Pages, "id") => Some(PageId),
            (Pages, "title") => Some(PageTitle),
            (Pages, "content") => Some(PageContent),
            (Pages, "depth") => Some(PageDepth),
            (Parts, "href") => Some(PartHref),
            (Parts, "title") => Some(PartTitle),
            (Parts, "size") => Some(PartSize),
            _ => None,
        }
    }

    fn item_value(&self, field: PrintField, index: usize) -> direct::Value<'_> {
        use direct::Value::{Int, Null, Str};
        use PrintField::*;
        match (field, self.pages.get(index), self.parts.get(index)) {
            (PageId, Some(page), _) => Str(&page.id),
            (PageTitle, Some(page), _) => Str(page.title),
            (PageContent, Some(page), _) => Str(&page.content),
            (PageDepth, Some(page), _) => i64::try_from(page.depth).map_or(Null, Int),
            (PartHref, _, Some(part)) => Str(part.href),
            (PartTitle, _, Some(part)) => Str(part.title),
            (PartSize, _, Some(part)) => Str(&part.size),
            _ => Null,
        }
    }
}

#[derive(Serialize)]
struct RedirectContext<'a> {
    site: SiteView<'a>,
    ui: &'a Ui,
    title: &'a str,
    href: String,
}

/// Room for a whole page in the buffer a page is written into, by Tera or [`direct`] steps:
/// Tera's own buffer starts at 2 KB and grows by copying.
const PAGE_BYTES: usize = 64 * 1024;

/// The theme's templates that [`direct`] can write without Tera.
#[derive(Default)]
pub struct DirectTemplates {
    /// Page templates, by name.
    pub pages: HashMap<String, direct::Steps<PageField>>,
    pub taxonomy: Option<direct::Steps<TaxonomyField>>,
    pub print: Option<direct::Steps<PrintField>>,
}

/// The theme's templates that [`direct`] can write, given what `asset(path=...)` gives
/// (`asset_urls`); none when `HANDBOOK_TERA_ONLY=1` (Tera renders every file; tests compare
/// the two ways).
pub fn direct_templates(
    tera: &tera::Tera,
    asset_urls: &HashMap<String, String>,
) -> DirectTemplates {
    if std::env::var_os("HANDBOOK_TERA_ONLY").is_some_and(|v| v != "0") {
        return DirectTemplates::default();
    }
    let asset = |path: &str| asset_urls.get(path).cloned();
    DirectTemplates {
        pages: tera
            .get_template_names()
            .filter_map(|name| {
                direct::compile::<PageContext>(tera, name, &asset, escape)
                    .map(|steps| (name.to_string(), steps))
            })
            .collect(),
        taxonomy: direct::compile::<TaxonomyContext>(tera, "taxonomy.html", &asset, escape),
        print: direct::compile::<PrintContext>(tera, "print.html", &asset, escape),
    }
}

/// A sidebar's place in the tree: the way back to the root, escaped, and the sections open.
type SidebarKey = (String, Vec<PageId>);

/// A sidebar without a current page, and each page's link in it, by page: (page, where its
/// `<a` starts, where its attributes end).
struct Sidebar {
    html: String,
    links: Vec<(PageId, usize, usize)>,
}

pub struct Renderer<'a> {
    site: &'a Site,
    config: &'a Config,
    theme: &'a Theme,
    /// For each page, the days its review is overdue, when `[html] review_badge` is on.
    overdue: Vec<Option<i64>>,
    /// For each page, its URL path percent-encoded and escaped, and its title escaped: the
    /// sidebar of every page shows a hundred of them.
    nav_paths: Vec<String>,
    nav_titles: Vec<String>,
    /// Sidebars without a current page, by (the way back to the root, the sections open): the
    /// pages of a section share one, marked for each ([`Renderer::nav_html`]).
    sidebars: Mutex<HashMap<SidebarKey, Arc<Sidebar>>>,
    /// Whether [`Renderer::taxonomies`] writes tag pages, and audience pages.
    has_tags: bool,
    has_audiences: bool,
    out: &'a Output,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        config: &'a Config,
        theme: &'a Theme,
        reviews: &[Review],
        out: &'a Output,
    ) -> Renderer<'a> {
        let mut overdue = vec![None; site.pages.len()];
        if config.html.review_badge {
            for review in reviews {
                overdue[review.page] = review.days_overdue.filter(|d| *d > 0);
            }
        }
        let (nav_paths, nav_titles) = site
            .pages
            .iter()
            .map(|page| (escape(&page.href), escape(page.nav_name())))
            .unzip();
        Renderer {
            site,
            config,
            theme,
            overdue,
            nav_paths,
            nav_titles,
            sidebars: Mutex::default(),
            has_tags: site
                .nav_order
                .iter()
                .any(|&id| !site.pages[id].meta().tags.is_empty()),
            has_audiences: site
                .nav_order
                .iter()
                .any(|&id| !site.pages[id].meta().audience.is_empty()),
            out,
        }
    }

    /// Where the files go.
    pub fn out(&self) -> &'a Output {
        self.out
    }

    fn site_view(&self) -> SiteView<'_> {
        let book = &self.config.book;
        SiteView {
            title: &book.title,
            description: &book.description,
            language: &book.language,
            authors: &book.authors,
            base_url: &self.config.build.base_url,
            search: self.config.build.search,
            print: self.config.html.print,
            tags: self.has_tags,
            audiences: self.has_audiences,
        }
    }

    fn common(&self, root: String, current: Option<PageId>) -> Common<'_> {
        let nav = self
            .theme
            .uses_nav_tree
            .then(|| self.nav_items(0, &root, current));
        Common {
            site: self.site_view(),
            nav_html: self.nav_html(&root, current),
            root,
            nav,
            print_path: self.print_path(current),
            ui: &self.config.ui,
        }
    }

    /// Where a page's "Print view" link leads from the root: the whole view, or in a view in
    /// parts, the page in its part (the home page's, the list of parts).
    fn print_path(&self, current: Option<PageId>) -> String {
        let page = current.filter(|&id| id != self.site.home());
        match page.and_then(|id| Some((id, self.site.print.file_of(id)?))) {
            Some((id, file)) => format!("print/{file}#{}", print_id(&self.site.pages[id])),
            None => "print/index.html".into(),
        }
    }

    /// The sidebar's HTML: what [`Renderer::nav_items`] holds, as nested lists.
    ///
    /// The pages of a section (at one depth) have the same sidebar but for their own link: it
    /// is built once without a current page, then the page's link is marked in a copy (its
    /// `aria-current`, and the `hb-open` of a page's item).
    fn nav_html(&self, root: &str, current: Option<PageId>) -> String {
        let mut open = current
            .map(|id| self.site.ancestors(id))
            .unwrap_or_default();
        // A section's own index page opens the section.
        let section_index = current.filter(|&id| self.site.section_of_index(id).is_some());
        open.extend(section_index);
        // Every link starts with the way back to the root: escaped once.
        let root = escape(root);
        let key = (root, open);
        let cached = self
            .sidebars
            .lock()
            .ok()
            .and_then(|cache| cache.get(&key).cloned());
        let shared = cached.unwrap_or_else(|| {
            let (root, open) = &key;
            let mut html = String::with_capacity(16 * 1024);
            let mut links = Vec::new();
            html.push_str("<ul>\n<li>");
            self.nav_link(&mut html, &mut links, root, self.site.home());
            html.push_str("</li>");
            self.nav_html_level(&mut html, &mut links, 0, root, open);
            html.push_str("\n</ul>");
            links.sort_unstable();
            let sidebar = Arc::new(Sidebar { html, links });
            if let Ok(mut cache) = self.sidebars.lock() {
                cache.insert(key.clone(), Arc::clone(&sidebar));
            }
            sidebar
        });
        let shared_html = &shared.html;
        let found = current.and_then(|id| {
            let i = shared
                .links
                .binary_search_by_key(&id, |&(page, ..)| page)
                .ok()?;
            Some(shared.links[i])
        });
        let Some((id, at, end)) = found else {
            return shared_html.clone();
        };
        let mut html = String::with_capacity(shared_html.len() + 48);
        let before = &shared_html[..at];
        // A page's item opens too (a section's is open already; the home page's item never is).
        let page_item = section_index.is_none() && id != self.site.home();
        match before.strip_suffix("\n<li>").filter(|_| page_item) {
            Some(head) => {
                html.push_str(head);
                html.push_str("\n<li class=\"hb-open\">");
            }
            None => html.push_str(before),
        }
        html.push_str(&shared_html[at..end]);
        html.push_str(" aria-current=\"page\"");
        html.push_str(&shared_html[end..]);
        html
    }

    /// A section's entries in the sidebar, the sections in `open` opened; notes each link in
    /// `links`.
    fn nav_html_level(
        &self,
        html: &mut String,
        links: &mut Vec<(PageId, usize, usize)>,
        section: SectionId,
        root: &str,
        open: &[PageId],
    ) {
        // The titles of a summary's parts head the top list where they begin.
        let mut parts = self.site.parts.iter().filter(|_| section == 0).peekable();
        let mut part_titles = |html: &mut String, before: Option<usize>| {
            while let Some((_, title)) = parts.next_if(|(at, _)| before.is_none_or(|i| *at <= i)) {
                if title.is_empty() {
                    // mdBook's separator.
                    html.push_str("\n<li class=\"hb-nav-spacer\" aria-hidden=\"true\"></li>");
                    continue;
                }
                html.push_str("\n<li class=\"hb-nav-part\">");
                html.push_str(&escape(title));
                html.push_str("</li>");
            }
        };
        for (i, &entry) in self.site.sections[section].children.iter().enumerate() {
            part_titles(html, Some(i));
            let id = self.site.entry_page(entry);
            let is_open = open.contains(&id);
            match entry {
                NavEntry::Page(_) => html.push_str("\n<li>"),
                NavEntry::Section(s) => {
                    html.push_str("\n<li class=\"hb-nav-section");
                    // A section with pages in it, open or not (the theme draws a chevron).
                    if !self.site.sections[s].children.is_empty() {
                        html.push_str(" hb-nav-parent");
                    }
                    if is_open {
                        html.push_str(" hb-open");
                    }
                    html.push_str("\">");
                }
            }
            self.nav_link(html, links, root, id);
            if let (NavEntry::Section(s), true) = (entry, is_open) {
                if !self.site.sections[s].children.is_empty() {
                    html.push_str("<ul>");
                    self.nav_html_level(html, links, s, root, open);
                    html.push_str("\n</ul>");
                }
            }
            html.push_str("</li>");
        }
        part_titles(html, None);
    }

    /// A sidebar link, `<a href="...">title</a>`, noted in `links`; `root` is escaped already.
    fn nav_link(
        &self,
        html: &mut String,
        links: &mut Vec<(PageId, usize, usize)>,
        root: &str,
        id: PageId,
    ) {
        let start = html.len();
        html.push_str("<a href=\"");
        html.push_str(root);
        html.push_str(&self.nav_paths[id]);
        html.push_str("index.html\"");
        links.push((id, start, html.len()));
        html.push('>');
        // A book with a summary names its first page as the summary does (`Introduction`).
        if id == self.site.home() && self.site.unlisted.is_none() {
            push_escaped(html, self.config.ui.get(Text::Home));
        } else {
            html.push_str(&self.nav_titles[id]);
        }
        html.push_str("</a>");
    }

    fn href(&self, root: &str, id: PageId) -> String {
        format!("{root}{}index.html", self.site.pages[id].href)
    }

    /// The sidebar: the top level, with the sections on the way to the current page opened.
    fn nav_items(&self, section: SectionId, root: &str, current: Option<PageId>) -> Vec<NavItem> {
        let open: BTreeSet<PageId> = current
            .map(|id| self.site.ancestors(id).into_iter().collect())
            .unwrap_or_default();
        let home = self.site.home();
        let mut items = vec![NavItem {
            title: self.config.ui.get(Text::Home).into(),
            href: self.href(root, home),
            current: current == Some(home),
            open: false,
            section: false,
            children: Vec::new(),
        }];
        items.extend(self.nav_level(section, root, current, &open));
        items
    }

    fn nav_level(
        &self,
        section: SectionId,
        root: &str,
        current: Option<PageId>,
        open: &BTreeSet<PageId>,
    ) -> Vec<NavItem> {
        self.site.sections[section]
            .children
            .iter()
            .map(|&entry| {
                let id = self.site.entry_page(entry);
                let is_open = open.contains(&id) || current == Some(id);
                let children = match entry {
                    NavEntry::Section(s) if is_open => self.nav_level(s, root, current, open),
                    _ => Vec::new(),
                };
                NavItem {
                    title: self.site.pages[id].nav_name().to_string(),
                    href: self.href(root, id),
                    current: current == Some(id),
                    open: is_open,
                    section: matches!(entry, NavEntry::Section(_)),
                    children,
                }
            })
            .collect()
    }

    fn terms(&self, root: &str, taxonomy: &str, names: &[String]) -> Vec<Term> {
        names
            .iter()
            .map(|name| Term {
                name: name.clone(),
                href: format!(
                    "{root}{taxonomy}/{}/index.html",
                    crate::slug::term_slug(name)
                ),
            })
            .collect()
    }

    fn child(&self, root: &str, id: PageId, section: bool) -> Child {
        let page = &self.site.pages[id];
        Child {
            title: page.nav_name().to_string(),
            href: self.href(root, id),
            description: page.meta().description.clone(),
            section,
        }
    }

    fn page_context<'r>(&'r self, id: PageId, rendered: &'r Rendered) -> PageContext<'r> {
        let site = self.site;
        let page = &site.pages[id];
        let meta = page.meta();
        let root = site.root_of(id);
        let link = |id: PageId| Link {
            title: site.pages[id].nav_name().to_string(),
            href: self.href(&root, id),
        };
        let children = match site.section_of_index(id) {
            Some(s) => site.sections[s]
                .children
                .iter()
                .map(|&e| self.child(&root, site.entry_page(e), matches!(e, NavEntry::Section(_))))
                .collect(),
            None => Vec::new(),
        };
        let kind = match site.section_of_index(id) {
            Some(0) => "home",
            Some(_) => "section",
            None => "page",
        };
        let base_url = self.config.absolute_base_url();
        let last_reviewed = meta.last_reviewed.map(|d| d.to_string());
        let last_updated = page.last_updated.map(|d| d.to_string());
        let audience = self.terms(&root, "audience", &meta.audience);
        let tags = self.terms(&root, "tags", &meta.tags);
        let edit_url = self.edit_url(id);
        let breadcrumbs: Vec<Link> = site.ancestors(id).into_iter().map(link).collect();
        let previous = site.previous(id).map(link);
        let next = site.next(id).map(link);
        let ui = &self.config.ui;
        let review_overdue = self.overdue.get(id).copied().flatten();
        PageContext {
            page: PageView {
                title: page.title(),
                heading: page.parsed.heading.as_deref().unwrap_or(page.title()),
                description: meta.description.as_deref(),
                content: &rendered.html,
                toc: self.theme.uses_toc_tree.then_some(&rendered.toc[..]),
                toc_html: toc_html(&rendered.toc),
                kind,
                layout: meta.layout.as_deref(),
                meta_html: meta_html(
                    meta.owner.as_deref(),
                    last_reviewed.as_deref(),
                    last_updated.as_deref(),
                    &audience,
                    &tags,
                    edit_url.as_deref(),
                    ui,
                ),
                owner: meta.owner.as_deref(),
                last_reviewed,
                last_updated,
                audience,
                tags,
                edit_url,
                permalink: base_url
                    .filter(|_| site.not_found != Some(id))
                    .map(|base| absolute_url(base, &page.href)),
                source: &page.parsed.rel,
                extra: &meta.extra,
                draft: meta.draft,
                review_overdue,
                review_overdue_text: review_overdue.map(|days| {
                    let days = usize::try_from(days).unwrap_or_default();
                    ui.count(
                        (Text::ReviewOverdueOne, Text::ReviewOverdueOther),
                        days,
                        &[],
                    )
                }),
            },
            breadcrumbs_html: breadcrumbs_html(&breadcrumbs, page.nav_name(), ui),
            breadcrumbs,
            pager_html: pager_html(previous.as_ref(), next.as_ref(), ui),
            previous,
            next,
            children_html: children_html(&children),
            children,
            json_ld: (meta.layout.as_deref() == Some("faq"))
                .then(|| faq_json_ld(rendered))
                .flatten(),
            common: self.common(root.clone(), Some(id)),
        }
    }

    fn edit_url(&self, id: PageId) -> Option<String> {
        let page = &self.site.pages[id];
        if page.generated {
            return None;
        }
        let template = self.config.html.edit_url.as_ref()?;
        let content = self
            .config
            .build
            .content
            .to_string_lossy()
            .replace('\\', "/");
        let path = format!("{}/{}", content.trim_end_matches('/'), page.parsed.rel);
        Some(template.replace("{path}", &percent_encode_path(&path)))
    }

    fn fill(
        &self,
        template: &str,
        context: &impl Serialize,
        file: &std::path::Path,
    ) -> Result<Vec<u8>, Diagnostic> {
        crate::theme::reset_macro_depth();
        let context = tera::Context::from_serialize(context).map_err(|e| {
            Diagnostic::error(
                "template",
                file,
                format!("template error: {}", error_chain(&e)),
            )
        })?;
        // Tera writes only whole strings: its bytes go to the file as they are.
        let mut html = Vec::with_capacity(PAGE_BYTES);
        self.theme
            .tera
            .render_to(template, &context, &mut html)
            .map(|()| html)
            .map_err(|e| {
                let chain = error_chain(&e);
                let lines: Vec<&str> = chain
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect();
                let message = lines.join(": ");
                // In a template file of the handbook's, the error is reported there, once for
                // every page it fails on ([`crate::collapse_repeats`]), naming the first.
                if let Some((path, position)) = self.theme.locate_error(&message) {
                    let cause: Vec<&str> = lines
                        .iter()
                        .copied()
                        .filter(|l| !l.starts_with("Failed to render '"))
                        .map(|l| l.split(" while rendering '").next().unwrap_or(l))
                        .collect();
                    return Diagnostic::error(
                        "template",
                        path,
                        format!("template error: {}", cause.join(": ")),
                    )
                    .at(position)
                    .hint(format!(
                        "fix the template; it failed rendering {} with `{template}`",
                        crate::diagnostic::display_path(file)
                    ));
                }
                Diagnostic::error(
                    "template",
                    file,
                    format!("template `{template}` failed: {message}"),
                )
                .hint("fix the template (or the page's `layout:`), then build again")
            })
    }

    /// Writes one page, its Markdown rendered.
    pub fn page(&self, id: PageId, rendered: &Rendered) -> Result<(), Diagnostic> {
        let page = &self.site.pages[id];
        let context = self.page_context(id, rendered);
        if self.site.not_found == Some(id) {
            // The theme's not-found page, with the handbook's words in it.
            let html = self.fill("404.html", &context, &page.parsed.path)?;
            return self.out.write("404.html", &html);
        }
        if let Some(target) = self.site.redirects.get(&id) {
            let root = root_prefix(page.url.matches('/').count());
            let (href, title) = match target {
                RedirectTo::Page(to, anchor) => {
                    let mut href = self.href(&root, *to);
                    if !anchor.is_empty() {
                        href.push('#');
                        href.push_str(anchor);
                    }
                    (href, self.site.pages[*to].title())
                }
                RedirectTo::Address(address) => (address.clone(), address.as_str()),
                RedirectTo::Path(path) => (format!("{root}{path}"), path.as_str()),
            };
            let path = format!("{}index.html", page.url);
            return match self.redirect(&path, href, title).into_iter().next() {
                Some(d) => Err(d),
                None => Ok(()),
            };
        }
        let template = template_for(self.site, self.theme, id);
        let html = match self.direct(self.theme.direct.pages.get(&template), &context) {
            Some(html) => html,
            None => self.fill(&template, &context, &page.parsed.path)?,
        };
        self.out.write(&format!("{}index.html", page.url), &html)
    }

    /// Writes the theme's own not-found page, unless the handbook has one (a page written
    /// with the others: [`Renderer::page`]).
    pub fn not_found(&self) -> Vec<Diagnostic> {
        if self.site.not_found.is_some() {
            return Vec::new();
        }
        // Served from any folder, so it links from the site's absolute path.
        let common = self.common(self.config.base_path(), None);
        self.write_template("404.html", "404.html", &common)
    }

    /// Starts the print view, every page in reading order in one file, or in a view in parts
    /// ([`crate::print`]) each part's file, after writing the list of parts: the pages' parts
    /// are written as they come ([`PrintView::add`]), never all held at once.
    pub fn print_views(&self) -> Result<Vec<PrintView>, Diagnostic> {
        let plan = &self.site.print;
        if plan.split() {
            let ui = &self.config.ui;
            let parts = plan
                .parts
                .iter()
                .map(|part| PrintPartEntry {
                    href: &part.file,
                    title: &part.title,
                    size: ui.count(
                        (Text::PageCountOne, Text::PageCountOther),
                        part.pages.len(),
                        &[],
                    ),
                })
                .collect();
            let context = PrintContext {
                common: self.common("../".into(), None),
                pages: Vec::new(),
                part: "",
                parts,
            };
            let html = self.print_html(&context)?;
            self.out.write("print/index.html", &html)?;
        }
        plan.parts
            .iter()
            .map(|part| self.print_view(part, plan.split()))
            .collect()
    }

    fn print_html(&self, context: &PrintContext) -> Result<Vec<u8>, Diagnostic> {
        match self.direct(self.theme.direct.print.as_ref(), context) {
            Some(html) => Ok(html),
            None => self.fill("print.html", context, &self.theme_file("print.html")),
        }
    }

    fn print_view(
        &self,
        part: &crate::print::PrintPart,
        split: bool,
    ) -> Result<PrintView, Diagnostic> {
        let pages = part
            .pages
            .iter()
            .map(|&id| {
                let page = &self.site.pages[id];
                PrintPage {
                    id: print_id(page).to_string(),
                    title: page.title(),
                    content: format!("{PRINT_MARK}{id}{PRINT_MARK}"),
                    depth: self.site.ancestors(id).len(),
                }
            })
            .collect();
        let context = PrintContext {
            common: self.common("../".into(), None),
            pages,
            part: if split { &part.title } else { "" },
            parts: Vec::new(),
        };
        let html = self.print_html(&context)?;
        let html = String::from_utf8_lossy(&html);
        // Between the marks: a page's number, where its HTML goes.
        let mut parts = VecDeque::new();
        let mut uses = BTreeMap::new();
        for (i, text) in html.split(PRINT_MARK).enumerate() {
            match text
                .parse::<PageId>()
                .ok()
                .filter(|&id| i % 2 == 1 && id < self.site.pages.len())
            {
                Some(id) => {
                    *uses.entry(id).or_insert(0) += 1;
                    parts.push_back(PrintPart::Page(id));
                }
                None => parts.push_back(PrintPart::Text(text.to_string())),
            }
        }
        Ok(PrintView {
            path: format!("print/{}", part.file),
            sink: None,
            parts,
            uses,
            held: BTreeMap::new(),
        })
    }

    pub fn taxonomies(&self) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let ui = &self.config.ui;
        for (taxonomy, title, count) in [
            ("tags", Text::Tags, (Text::TaggedOne, Text::TaggedOther)),
            (
                "audience",
                Text::Audiences,
                (Text::ForAudienceOne, Text::ForAudienceOther),
            ),
        ] {
            let title = ui.get(title);
            let mut terms: BTreeMap<String, (String, Vec<PageId>)> = BTreeMap::new();
            for &id in &self.site.nav_order {
                let meta = self.site.pages[id].meta();
                let names = if taxonomy == "tags" {
                    &meta.tags
                } else {
                    &meta.audience
                };
                for name in names {
                    let (_, ids) = terms
                        .entry(crate::slug::term_slug(name))
                        .or_insert_with(|| (name.clone(), Vec::new()));
                    // A page tagged `Soft Skills` and `soft-skills` is listed once.
                    if ids.last() != Some(&id) {
                        ids.push(id);
                    }
                }
            }
            if terms.is_empty() {
                continue;
            }
            let counts = |root: &str| {
                terms
                    .iter()
                    .map(|(slug, (name, ids))| TermCount {
                        name: name.clone(),
                        href: format!("{root}{taxonomy}/{slug}/index.html"),
                        count: ids.len(),
                    })
                    .collect()
            };
            let index = TaxonomyContext {
                common: self.common("../".into(), None),
                title: title.into(),
                taxonomy,
                summary: String::new(),
                term: None,
                terms: counts("../"),
                pages: Vec::new(),
                children_html: String::new(),
            };
            diagnostics.extend(self.write_taxonomy(&format!("{taxonomy}/index.html"), &index));
            let terms: Vec<_> = terms.iter().collect();
            diagnostics.par_extend(terms.par_iter().flat_map_iter(|(slug, (name, ids))| {
                let root = "../../";
                let pages: Vec<Child> = ids.iter().map(|&id| self.child(root, id, false)).collect();
                let context = TaxonomyContext {
                    common: self.common(root.into(), None),
                    title: format!("{title}: {name}"),
                    taxonomy,
                    summary: ui.count(count, ids.len(), &[("term", name)]),
                    term: Some(name.clone()),
                    terms: Vec::new(),
                    children_html: children_html(&pages),
                    pages,
                };
                self.write_taxonomy(&format!("{taxonomy}/{slug}/index.html"), &context)
            }));
        }
        diagnostics
    }

    /// Redirect pages for `aliases`.
    pub fn aliases(&self, aliases: &[Redirect]) -> Vec<Diagnostic> {
        aliases
            .par_iter()
            .flat_map_iter(|redirect| {
                let depth = redirect.path.matches('/').count();
                let mut href = self.href(&root_prefix(depth), redirect.page);
                if !redirect.anchor.is_empty() {
                    href.push('#');
                    href.push_str(&redirect.anchor);
                }
                let title = self.site.pages[redirect.page].title();
                self.redirect(&redirect.path, href, title)
            })
            .collect()
    }

    /// A redirect page at `path` to `href`, which names `title`.
    fn redirect(&self, path: &str, href: String, title: &str) -> Vec<Diagnostic> {
        let context = RedirectContext {
            site: self.site_view(),
            ui: &self.config.ui,
            title,
            href,
        };
        self.write_template("redirect.html", path, &context)
    }

    /// A tag or audience page, written by [`direct`] steps when the template allows.
    fn write_taxonomy(&self, path: &str, context: &TaxonomyContext) -> Vec<Diagnostic> {
        match self.direct(self.theme.direct.taxonomy.as_ref(), context) {
            Some(html) => self.out.write(path, &html).err().into_iter().collect(),
            None => self.write_template("taxonomy.html", path, context),
        }
    }

    /// `data` written by `steps`, if there are steps and they can write it (else Tera must).
    fn direct<D: direct::Data>(
        &self,
        steps: Option<&direct::Steps<D::Field>>,
        data: &D,
    ) -> Option<Vec<u8>> {
        let steps = steps?;
        let mut html = Vec::with_capacity(PAGE_BYTES);
        steps.render(data, &mut html).ok().map(|()| html)
    }

    fn write_template(
        &self,
        template: &str,
        path: &str,
        context: &impl Serialize,
    ) -> Vec<Diagnostic> {
        let file = self.theme_file(template);
        match self.fill(template, context, &file) {
            Ok(html) => self.out.write(path, &html).err().into_iter().collect(),
            Err(d) => vec![d],
        }
    }

    fn theme_file(&self, template: &str) -> std::path::PathBuf {
        let own = self.config.own_templates().map(|dir| dir.join(template));
        if let Some(own) = own.filter(|own| own.is_file()) {
            own
        } else {
            self.config
                .root
                .join("themes")
                .join(&self.config.build.theme)
                .join("templates")
                .join(template)
        }
    }
}

/// The template a page is rendered with: its `layout` when the theme has it, else the one for
/// its kind of page.
fn template_for(site: &Site, theme: &Theme, id: PageId) -> String {
    if let Some(layout) = &site.pages[id].meta().layout {
        let name = format!("{layout}.html");
        if theme.tera.get_template(&name).is_ok() {
            return name;
        }
    }
    match site.section_of_index(id) {
        Some(0) => "index.html".into(),
        Some(_) => "section.html".into(),
        None => "page.html".into(),
    }
}

/// A `layout:` naming a template the theme lacks is a warning: the page gets the usual one
/// (handbooks moving over carry their old generator's layouts, such as `post`). One warning a
/// layout, at its first page, counts the others.
pub fn check_layouts(site: &Site, theme: &Theme) -> Vec<Diagnostic> {
    let mut missing: Vec<(&str, Vec<&crate::page::ParsedPage>)> = Vec::new();
    for page in &site.pages {
        let Some(layout) = page.meta().layout.as_deref() else {
            continue;
        };
        match missing.iter_mut().find(|(name, _)| *name == layout) {
            Some((_, pages)) => pages.push(&page.parsed),
            None if theme.tera.get_template(&format!("{layout}.html")).is_err() => {
                missing.push((layout, vec![&page.parsed]));
            }
            None => {}
        }
    }
    missing
        .into_iter()
        .map(|(layout, pages)| {
            let others = match pages.len() - 1 {
                0 => String::new(),
                1 => " (here and on 1 other page)".to_string(),
                n => format!(" (here and on {n} other pages)"),
            };
            Diagnostic::warning(
                "layout",
                &pages[0].path,
                format!(
                    "no template `{layout}.html` for `layout: {layout}`; using the standard one{others}"
                ),
            )
            .at_opt(pages[0].key_position("layout"))
            .hint("remove `layout:`, use `layout: faq`, or add the template to templates/")
        })
        .collect()
}

/// Appends `<a href="href">text</a>`, both escaped.
fn push_link(html: &mut String, href: &str, text: &str) {
    html.push_str("<a href=\"");
    push_escaped(html, href);
    html.push_str("\">");
    push_escaped(html, text);
    html.push_str("</a>");
}

/// A list of pages (a section's children, a tag's pages) as `macros::children` writes it: Tera
/// spends some microseconds on each item, and a tag can list thousands.
fn children_html(items: &[Child]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut html = String::with_capacity(items.len() * 160 + 32);
    html.push_str("<ul class=\"hb-children\">");
    for child in items {
        html.push_str("\n<li>");
        push_link(&mut html, &child.href, &child.title);
        if let Some(description) = child.description.as_deref().filter(|d| !d.is_empty()) {
            html.push_str("<p>");
            push_escaped(&mut html, description);
            html.push_str("</p>");
        }
        html.push_str("</li>");
    }
    html.push_str("\n</ul>");
    html
}

/// A page's owner, review date, last change, audiences, tags and edit link as `macros::meta`
/// writes them: Tera spends tens of microseconds a page on the macro's look-ups.
fn meta_html(
    owner: Option<&str>,
    last_reviewed: Option<&str>,
    last_updated: Option<&str>,
    audience: &[Term],
    tags: &[Term],
    edit_url: Option<&str>,
    ui: &Ui,
) -> String {
    let owner = owner.filter(|o| !o.is_empty());
    let last_reviewed = last_reviewed.filter(|d| !d.is_empty());
    let edit_url = edit_url.filter(|u| !u.is_empty());
    let mut html = String::new();
    if owner.is_none()
        && last_reviewed.is_none()
        && last_updated.is_none()
        && audience.is_empty()
        && tags.is_empty()
        && edit_url.is_none()
    {
        return html;
    }
    html.push_str("<dl class=\"hb-meta\">");
    if let Some(owner) = owner {
        html.push_str("<div><dt>");
        push_escaped(&mut html, ui.get(Text::Owner));
        html.push_str("</dt><dd>");
        push_escaped(&mut html, owner);
        html.push_str("</dd></div>");
    }
    for (title, date) in [
        (Text::LastReviewed, last_reviewed),
        (Text::LastUpdated, last_updated),
    ] {
        let Some(date) = date else { continue };
        html.push_str("<div><dt>");
        push_escaped(&mut html, ui.get(title));
        html.push_str("</dt><dd><time datetime=\"");
        push_escaped(&mut html, date);
        html.push_str("\">");
        push_escaped(&mut html, date);
        html.push_str("</time></dd></div>");
    }
    for (title, terms) in [(Text::Audience, audience), (Text::Tags, tags)] {
        if terms.is_empty() {
            continue;
        }
        html.push_str("<div><dt>");
        push_escaped(&mut html, ui.get(title));
        html.push_str("</dt><dd><ul class=\"hb-terms\">");
        for term in terms {
            html.push_str("<li>");
            push_link(&mut html, &term.href, &term.name);
            html.push_str("</li>");
        }
        html.push_str("</ul></dd></div>");
    }
    if let Some(url) = edit_url {
        html.push_str("<div><dt>");
        push_escaped(&mut html, ui.get(Text::Source));
        html.push_str("</dt><dd>");
        push_link(&mut html, url, ui.get(Text::EditThisPage));
        html.push_str("</dd></div>");
    }
    html.push_str("\n</dl>");
    html
}

/// The way from the home page down to a page, ending with the page's own title.
fn breadcrumbs_html(crumbs: &[Link], title: &str, ui: &Ui) -> String {
    let mut html = String::new();
    if crumbs.is_empty() {
        return html;
    }
    html.push_str("<nav class=\"hb-breadcrumbs\" aria-label=\"");
    push_escaped(&mut html, ui.get(Text::Breadcrumb));
    html.push_str("\"><ol>");
    for crumb in crumbs {
        html.push_str("<li>");
        push_link(&mut html, &crumb.href, &crumb.title);
        html.push_str("</li>");
    }
    html.push_str("<li><span aria-current=\"page\">");
    push_escaped(&mut html, title);
    html.push_str("</span></li></ol></nav>");
    html
}

/// The links to the previous and next page in reading order, as `macros::pager` writes them.
fn pager_html(previous: Option<&Link>, next: Option<&Link>, ui: &Ui) -> String {
    let mut html = String::new();
    if previous.is_none() && next.is_none() {
        return html;
    }
    html.push_str("<nav class=\"hb-pager\" aria-label=\"");
    push_escaped(&mut html, ui.get(Text::PreviousAndNext));
    html.push_str("\">");
    for (class, rel, label, link) in [
        ("hb-prev", "prev", Text::Previous, previous),
        ("hb-next", "next", Text::Next, next),
    ] {
        let Some(link) = link else { continue };
        html.push_str("<a class=\"");
        html.push_str(class);
        html.push_str("\" rel=\"");
        html.push_str(rel);
        html.push_str("\" href=\"");
        push_escaped(&mut html, &link.href);
        html.push_str("\"><span>");
        push_escaped(&mut html, ui.get(label));
        html.push_str("</span> ");
        push_escaped(&mut html, &link.title);
        html.push_str("</a>");
    }
    html.push_str("\n</nav>");
    html
}

/// A page's table of contents as nested ordered lists.
fn toc_html(entries: &[TocEntry]) -> String {
    crate::markdown::toc_list_html(entries, "", true)
}

enum PrintPart {
    Text(String),
    Page(PageId),
}

/// The print view (or a part of it) being written: its file is opened at its first write and
/// closed by [`PrintView::finish`], so that a view of many parts, written one after the other,
/// holds one file open at a time.
pub struct PrintView {
    path: String,
    sink: Option<Sink>,
    /// What is still to be written, in order.
    parts: VecDeque<PrintPart>,
    /// For each of its pages, how many more times the template shows it (once, in the default
    /// theme).
    uses: BTreeMap<PageId, usize>,
    /// Pages' parts that came before their place in the file: what goes before the page's
    /// HTML (anchors), and the HTML.
    held: BTreeMap<PageId, (String, String)>,
}

impl PrintView {
    /// Adds a page's print HTML, after `before` (anchors); writes whatever can now be written.
    pub fn add(
        &mut self,
        out: &Output,
        id: PageId,
        before: String,
        html: String,
    ) -> Result<(), Diagnostic> {
        if self.uses.get(&id).is_some_and(|&n| n > 0) {
            self.held.insert(id, (before, html));
        }
        self.flush(out)
    }

    fn write(&mut self, out: &Output, bytes: &[u8]) -> Result<(), Diagnostic> {
        let sink = match &mut self.sink {
            Some(sink) => sink,
            None => self.sink.insert(out.sink(&self.path)?),
        };
        sink.write(bytes)
    }

    fn flush(&mut self, out: &Output) -> Result<(), Diagnostic> {
        while let Some(part) = self.parts.pop_front() {
            match part {
                PrintPart::Text(text) => self.write(out, text.as_bytes())?,
                PrintPart::Page(id) => {
                    let Some((before, html)) = self.held.remove(&id) else {
                        self.parts.push_front(PrintPart::Page(id));
                        return Ok(());
                    };
                    self.write(out, before.as_bytes())?;
                    self.write(out, html.as_bytes())?;
                    let uses = self.uses.entry(id).or_insert(1);
                    *uses -= 1;
                    if *uses > 0 {
                        self.held.insert(id, (before, html));
                    }
                }
            }
        }
        Ok(())
    }

    /// Writes the rest and closes the file; a page never added leaves its place empty.
    pub fn finish(mut self, out: &Output) -> Result<(), Diagnostic> {
        for part in std::mem::take(&mut self.parts) {
            match part {
                PrintPart::Text(text) => self.write(out, text.as_bytes())?,
                PrintPart::Page(id) => {
                    if let Some((before, html)) = self.held.remove(&id) {
                        self.write(out, before.as_bytes())?;
                        self.write(out, html.as_bytes())?;
                        if self.uses.get(&id).is_some_and(|&n| n > 1) {
                            self.held.insert(id, (before, html));
                        }
                    }
                }
            }
        }
        // Nothing written: the file is still made.
        self.write(out, b"")?;
        match self.sink {
            Some(sink) => sink.finish(out),
            None => Ok(()),
        }
    }
}

/// FAQPage JSON-LD: every h2 is a question, the text below it (to the next h2) its answer.
/// `None` for a page of no question, which search engines take as invalid data (the page's
/// check warns: [`crate::checks::structure`]).
fn faq_json_ld(rendered: &Rendered) -> Option<String> {
    let mut entities: Vec<serde_json::Value> = Vec::new();
    let mut current: Option<(String, String)> = None;
    for section in &rendered.sections {
        if section.level == 2 {
            if let Some(done) = current.take() {
                entities.push(question(done));
            }
            current = Some((section.heading.clone(), section.text.clone()));
        } else if section.level == 1 {
            // A part of questions: what follows its heading answers none.
            entities.extend(current.take().map(question));
        } else if let Some((_, answer)) = current.as_mut() {
            answer.push(' ');
            answer.push_str(&section.heading);
            answer.push(' ');
            answer.push_str(&section.text);
        }
    }
    entities.extend(current.map(question));
    if entities.is_empty() {
        return None;
    }
    let data = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": entities,
    });
    Some(script_safe_json(&data))
}

/// JSON to write inside a `<script>` element: `<`, `>` and `&` (which JSON has only inside
/// strings) as `\u` escapes, the same text to a JSON reader. Else `</script>` in a page's text
/// would end the element early, and `<!--` then `<script>` would make the HTML parser take
/// the element's own end as text: the rest of the page would vanish into the script.
fn script_safe_json(data: &serde_json::Value) -> String {
    let json = data.to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

fn question((name, answer): (String, String)) -> serde_json::Value {
    let answer = answer.split_whitespace().collect::<Vec<_>>().join(" ");
    serde_json::json!({
        "@type": "Question",
        "name": name,
        "acceptedAnswer": { "@type": "Answer", "text": answer },
    })
}

/// A page's whole address, from a whole `base_url`: as sitemaps require it, with every
/// character a URL cannot hold as it is (a space, `é`) percent-encoded.
pub fn absolute_url(base_url: &str, href: &str) -> String {
    // The base's path (`/ドキュメント/`) as the page's; its host as written.
    let path_at = base_url
        .find("://")
        .and_then(|i| base_url[i + 3..].find('/').map(|j| i + 3 + j))
        .unwrap_or(base_url.len());
    let mut url = String::from(&base_url[..path_at]);
    // The base as written (its own `%20` kept), the page's path escaped.
    let path = [
        &base_url[path_at..],
        &crate::links::percent_encode_path(href),
    ]
    .concat();
    for c in path.chars() {
        if c.is_ascii() {
            url.push(c);
        } else {
            crate::links::push_percent_encoded(&mut url, c);
        }
    }
    url
}

/// `sitemap.xml`, for a site with a whole `base_url`.
pub fn sitemap(site: &Site, config: &Config) -> String {
    let base_url = config.absolute_base_url().unwrap_or_default();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for &id in &site.nav_order {
        if site.redirects.contains_key(&id) {
            continue;
        }
        let page = &site.pages[id];
        let loc = escape(&absolute_url(base_url, &page.href));
        xml.push_str(&format!("  <url><loc>{loc}</loc>"));
        // The later of the page's review and its last change.
        if let Some(date) = page.meta().last_reviewed.max(page.last_updated) {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_templates_are_written_without_tera() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"T\"\n").unwrap();
        let config = Config::load(Some(dir.path()), dir.path()).unwrap();
        let theme = Theme::load(&config).unwrap();
        for name in ["page.html", "section.html", "index.html", "faq.html"] {
            assert!(theme.direct.pages.contains_key(name), "{name}");
        }
        assert!(theme.direct.taxonomy.is_some());
        assert!(theme.direct.print.is_some());
    }
}
