//! Markdown to HTML with pulldown-cmark, plus what the rest of the pipeline needs from a page:
//! unique heading ids with permalinks, the table of contents, callouts, footnotes, resolved
//! links (and the ones to check once every page is rendered), and the plain text by section.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Position};
use crate::links::{percent_encode_path, Resolver, Target, Use};
use crate::site::{Page, PageId};
use crate::slug::{anchor_id, slugify};
use crate::source::LineIndex;
use crate::ui::Text;

/// Whether to render the page's part of the one-page print view too, from the same parse: there
/// every id is prefixed with the page's and links to other pages point within the print page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Print {
    No,
    Also,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
    /// Its heading's level (1 to 3): it goes under the last heading before it of a lower
    /// level (an h3 under the h2 before it), else beside the one before it.
    #[serde(skip)]
    pub level: u8,
}

/// The plain text under one heading (or the lead, before the first heading).
#[derive(Debug, Clone, Default, Serialize)]
pub struct TextSection {
    pub id: Option<String>,
    pub heading: String,
    pub level: u8,
    pub text: String,
}

/// A link to another page's anchor, checked once every page is rendered.
#[derive(Debug, Clone)]
pub struct AnchorLink {
    pub target: PageId,
    pub anchor: String,
    pub position: Position,
    /// The link as written when it is Zola's `@/page.md#anchor` (Zola checks those), for the
    /// message.
    pub zola: Option<String>,
}

/// A link that leaves the site, listed by `check` (never fetched).
#[derive(Debug, Clone, Serialize)]
pub struct ExternalLink {
    pub url: String,
    pub file: std::path::PathBuf,
    pub position: Position,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// The page's HTML for the print view (empty unless asked for with [`Print::Also`]).
    pub print_html: String,
    /// Whether the page's body has no content.
    pub empty: bool,
    /// Whether the page has a `##` heading (an FAQ's question: [`crate::checks::structure`]).
    pub has_h2: bool,
    pub toc: Vec<TocEntry>,
    /// Every id in the page's HTML: headings, footnotes, and ids written in raw HTML.
    pub ids: HashSet<String>,
    pub anchor_links: Vec<AnchorLink>,
    pub external_links: Vec<ExternalLink>,
    pub sections: Vec<TextSection>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Rendered {
    /// Drops what only writing the page needs (its HTML, text, contents and print HTML),
    /// keeping what the checks and the preview's quick updates use: ids, links, diagnostics.
    pub fn keep_for_checks(&mut self) {
        self.html = String::new();
        self.print_html = String::new();
        self.sections = Vec::new();
        self.toc = Vec::new();
    }
}

/// [`options`], with what the site reads besides: TeX math ([`crate::math`]) and definition
/// lists.
pub fn options_for(site: &crate::site::Site) -> Options {
    let mut options = options_with(site.math, site.definition_lists);
    if !site.smart_punctuation {
        options.remove(Options::ENABLE_SMART_PUNCTUATION);
    }
    options
}

/// [`options`], with TeX math and definition lists read when asked.
pub fn options_with(math: bool, definition_lists: bool) -> Options {
    let mut options = options();
    if math {
        options |= Options::ENABLE_MATH;
    }
    if definition_lists {
        options |= Options::ENABLE_DEFINITION_LIST;
    }
    options
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_GFM
}

/// The id the print view gives a page's own anchor.
pub fn print_id(page: &Page) -> &str {
    &page.print_id
}

/// The print view's id for the page at `url` (made once a page, kept in [`Page::print_id`]):
/// `p-skills/empathy`, `p-` for the home page. Its headings' ids are the page's, `--`, and
/// theirs (`p-skills--listening`), which a slash keeps apart from a page below (the page
/// `skills/listening` is `p-skills/listening`).
pub fn print_id_of(url: &str) -> String {
    format!("p-{}", url.trim_end_matches('/'))
}

/// Renders one page's body.
pub fn render(id: PageId, resolver: &Resolver, print: Print) -> Rendered {
    render_text(id, resolver, print, &resolver.site.pages[id].parsed.text)
}

/// Renders one page's body from `text`, its file's whole text, which the page itself need not
/// hold any more ([`ParsedPage::take_text`](crate::page::ParsedPage::take_text)).
pub fn render_text(id: PageId, resolver: &Resolver, print: Print, text: &str) -> Rendered {
    let page = &resolver.site.pages[id];
    let body = text.get(page.parsed.body_start..).unwrap_or_default();
    // Positions are in the file as written, before another tool's syntax was expanded.
    let expansion = page.parsed.expansion.as_deref();
    let lines = LineIndex::new(expansion.map_or(body, |e| e.written.as_str()));
    let mut r = Renderer {
        id,
        page,
        resolver,
        print,
        body_len: body.len(),
        print_prefix: format!("{}--", print_id(page)),
        root: resolver.site.root_of(id),
        print_events: Vec::new(),
        out: Rendered::default(),
        local_anchors: Vec::new(),
        bare_links: Vec::new(),
        footnotes: Vec::new(),
        footnotes_mentioned: 0,
        set_aside: Vec::new(),
        contents_at: Vec::new(),
        defined: HashSet::new(),
        suffixes: HashMap::new(),
        section: TextSection::default(),
        heading: None,
        term: None,
        html_state: crate::links::HtmlState::Text,
    };
    // About one event per 16 bytes of Markdown in prose: room for most pages from the start.
    let mut output: Vec<Event> = Vec::with_capacity(body.len() / 16 + 16);
    // Inside a fenced Rust code block of an mdBook book, whose `# ` lines are hidden (as
    // rustdoc and mdBook do).
    let mut rust_block = false;
    // Inside a code block, where abbreviations are not marked.
    let mut code_block = false;
    // Inside a code block written whole at its end ([`CodeBlock`]): to colour, with lines to
    // mark or number, or with magic comments to read.
    let mut coloured: Option<CodeBlock> = None;
    let abbreviations = Abbreviations::new(&page.parsed.abbreviations);
    // Inside an image's text (its `alt`), where math is its TeX and abbreviations are not
    // marked: how deep.
    let mut images = 0usize;
    // Inside an autolink, where abbreviations are not marked either: how deep, and for each
    // open link whether it is an autolink.
    let mut in_autolinks = 0usize;
    let mut autolinks: Vec<bool> = Vec::new();
    // The macros the page's formulas so far defined ([`crate::math::definitions`]).
    let mut math_defined = String::new();
    // Inside a Mermaid diagram's fence: its source so far, where the fence starts and its title.
    let mut diagram: Option<(String, Position, Option<String>)> = None;
    // The page's diagrams so far, whose number makes their ids theirs.
    let mut diagrams = 0usize;
    // The footnote definitions open (one may hold another): where each one's events start,
    // its label and its id.
    let mut footnotes: Vec<(usize, String, String)> = Vec::new();
    let options = options_for(resolver.site);
    let events = Parser::new_ext(body, options).into_offset_iter();
    for (event, range) in Autolinked::new(events, resolver.site.autolinks) {
        match &event {
            Event::Start(Tag::Image { .. }) => images += 1,
            Event::End(TagEnd::Image) => images = images.saturating_sub(1),
            _ => {}
        }
        if abbreviations.any() {
            match &event {
                Event::Start(Tag::Link { link_type, .. }) => {
                    let auto = matches!(
                        link_type,
                        pulldown_cmark::LinkType::Autolink | pulldown_cmark::LinkType::Email
                    );
                    autolinks.push(auto);
                    in_autolinks += usize::from(auto);
                }
                // (The link is taken off the list either way.)
                Event::End(TagEnd::Link) if autolinks.pop() == Some(true) => {
                    in_autolinks = in_autolinks.saturating_sub(1);
                }
                _ => {}
            }
        }
        let position = || {
            let p =
                lines.position(expansion.map_or(range.start, |e| e.written_offset(range.start)));
            Position::new(p.line + page.parsed.body_line - 1, p.column)
        };
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) = &event {
            // What comes before the fence on its line: a list item's indentation or marker.
            let line_start = body
                .get(..range.start)
                .and_then(|b| b.rfind('\n'))
                .map_or(0, |i| i + 1);
            let before = body.get(line_start..range.start).unwrap_or("");
            if let Some(fence) = body
                .get(range.clone())
                .and_then(|block| unclosed_fence(before, block))
            {
                r.out.diagnostics.push(
                    Diagnostic::warning(
                        "unclosed-fence",
                        &r.page.parsed.path,
                        "this code block's fence is never closed: the block runs to the end of \
                         the page (or of its list item or quote), and whatever is written after \
                         the code shows as code too",
                    )
                    .at(position())
                    .hint(format!(
                        "add a line holding just {fence} where the code ends"
                    )),
                );
            }
        }
        if let Event::Start(Tag::BlockQuote(None)) = &event {
            if let Some(kind) = body.get(range.clone()).and_then(alert_with_text) {
                r.out.diagnostics.push(
                    Diagnostic::warning(
                        "alert-syntax",
                        &r.page.parsed.path,
                        format!(
                            "`[!{kind}]` has text after it on its line, so this quote is not a \
                             callout: `[!{kind}]` shows as written (GitHub shows it so too)"
                        ),
                    )
                    .at(position())
                    .hint(format!(
                        "put `> [!{kind}]` alone on its line and the text on the next: \
                         `> [!{kind}]`, then `> text`"
                    )),
                );
            }
        }
        // A block's words never run into the words before it (a list item's into its parent
        // item's, a paragraph's into an HTML block's).
        if let Event::Start(
            Tag::Item
            | Tag::List(_)
            | Tag::Paragraph
            | Tag::TableCell
            | Tag::BlockQuote(_)
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition,
        ) = &event
        {
            if r.heading.is_none() {
                r.section.text.push(' ');
            }
        }
        // A diagram's source is its text; its fence's end draws it.
        if let (Some((source, ..)), Event::Text(text)) = (&mut diagram, &event) {
            source.push_str(text);
            continue;
        }
        let diagram_ends = matches!(event, Event::End(TagEnd::CodeBlock)) && diagram.is_some();
        if let Some((source, at, caption)) = diagram.take_if(|_| diagram_ends) {
            diagrams += 1;
            match r.diagram(&source, at, caption.as_deref(), diagrams) {
                Ok((html, print_html)) => {
                    if let Some(print_html) = print_html {
                        r.print_event(output.len(), Event::Html(print_html.into()));
                    }
                    output.push(Event::Html(html.into()));
                }
                Err(why) => {
                    // Shown as written, as a code block, and why it is not drawn (as the
                    // preview shows it while the author writes).
                    r.text(&source);
                    if let Some(title) = caption {
                        output.push(code_title_html(&title));
                    }
                    output.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(
                        CowStr::Borrowed("mermaid"),
                    ))));
                    output.push(Event::Text(source.into()));
                    output.push(Event::End(TagEnd::CodeBlock));
                    output.push(Event::Html(
                        format!(
                            "<p class=\"hb-diagram-error\">This diagram is not drawn: {}.</p>\n",
                            escape(&why)
                        )
                        .into(),
                    ));
                }
            }
            continue;
        }
        if let Event::Html(html) = &event {
            let mark = html
                .trim_end()
                .strip_prefix(crate::attributes::CONTENTS_MARK);
            if let Some(numbered) = mark.map(|end| end == crate::attributes::NUMBERED) {
                r.contents_at.push((output.len(), numbered));
                output.push(Event::Html(CowStr::Borrowed("")));
                continue;
            }
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // `{#name}`, or `{ id="name" }` as Python-Markdown's attr_list writes it.
                let id = id.map(|id| id.to_string()).or_else(|| {
                    attrs.iter().find_map(|(key, value)| {
                        let value = value.as_deref().filter(|_| key.as_ref() == "id")?;
                        // Quoted on both ends, or not at all (a value with a space in it
                        // comes cut at the space, and is not read).
                        let quoted = ['"', '\'']
                            .iter()
                            .find_map(|&q| value.strip_prefix(q)?.strip_suffix(q));
                        let bare = (!value.starts_with(['"', '\''])).then_some(value);
                        let id = quoted.or(bare)?;
                        Some(id.to_string())
                            .filter(|id| !id.is_empty() && !id.contains(['"', '\'']))
                    })
                });
                r.heading = Some(OpenHeading {
                    level,
                    at: position(),
                    explicit: id,
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    slot: output.len(),
                    text: String::new(),
                });
                // Replaced by the opening tag once the heading's text, and so its id, is known.
                output.push(Event::Html(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Heading(_)) => r.close_heading(&mut output),
            Event::Start(Tag::DefinitionListTitle) if r.resolver.site.term_ids => {
                r.term = Some((output.len(), String::new()));
                // Replaced by the opening tag once the term's text, and so its id, is known.
                output.push(Event::Html(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::DefinitionListTitle) if r.term.is_some() => {
                r.text(" ");
                r.close_term(&mut output);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let email = link_type == pulldown_cmark::LinkType::Email;
                let (dest_url, print_url) = r.link(&dest_url, position, email);
                if let Some(print_url) = print_url {
                    let print_link = Tag::Link {
                        link_type,
                        dest_url: print_url,
                        title: title.clone(),
                        id: id.clone(),
                    };
                    r.print_event(output.len(), Event::Start(print_link));
                }
                output.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                r.remote_resource(&dest_url, &position);
                let (dest_url, print_url) = r.link(&dest_url, position, false);
                if let Some(print_url) = print_url {
                    let print_image = Tag::Image {
                        link_type,
                        dest_url: print_url,
                        title: title.clone(),
                        id: id.clone(),
                    };
                    r.print_event(output.len(), Event::Start(print_image));
                }
                output.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, label) = callout(kind);
                let mut html = callout_start(class, Some(r.resolver.site.ui.get(label)));
                html.push('\n');
                output.push(Event::Html(html.into()));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => output.push(Event::Html("</div>\n".into())),
            // A task list's box, named for screen readers (axe: a form field needs a label).
            Event::TaskListMarker(done) => {
                let ui = &r.resolver.site.ui;
                let (label, checked) = if done {
                    (ui.get(Text::TaskDone), " checked=\"\"")
                } else {
                    (ui.get(Text::TaskNotDone), "")
                };
                output.push(Event::InlineHtml(
                    format!(
                        "<input disabled=\"\" type=\"checkbox\"{checked} aria-label=\"{}\"/>\n",
                        escape(label)
                    )
                    .into(),
                ));
            }
            Event::FootnoteReference(label) => {
                let (html, print_html) = r.footnote_reference(&label);
                r.print_event(output.len(), Event::InlineHtml(print_html.into()));
                output.push(Event::InlineHtml(html.into()));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let id = r.footnote_definition(&label, position());
                // The opening tag, which shows the footnote's number, is written when the
                // footnotes are put at the end: a definition may come before its first mention.
                footnotes.push((output.len(), label.to_string(), id));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                output.push(Event::Html("</div>\n".into()));
                if let Some((start, label, id)) = footnotes.pop() {
                    r.set_aside_footnote(&mut output, start, label, id);
                }
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                collect_html_ids(html, &mut r.out.ids);
                // HTML another tool's syntax was turned into (an `attr_list` link's tag, a
                // callout) maps back to what it replaced as a whole: its links are named there.
                let generated = expansion.is_some_and(|e| {
                    e.written_offset(range.start) == e.written_offset(range.start + 1)
                });
                let inline = matches!(event, Event::InlineHtml(_));
                let as_event = |html: String| match inline {
                    true => Event::InlineHtml(html.into()),
                    false => Event::Html(html.into()),
                };
                // In the print view, ids written in HTML take the page's prefix, as its
                // links to them do.
                let print_ids = |r: &Renderer, html: &str| {
                    (r.print == Print::Also)
                        .then(|| prefix_html_ids(html, &r.print_prefix))
                        .flatten()
                };
                match r.html_links(html, position, generated) {
                    Some((page, print)) => {
                        let print = print_ids(&r, &print).unwrap_or(print);
                        r.print_event(output.len(), as_event(print));
                        output.push(as_event(page));
                    }
                    None => {
                        if let Some(print) = print_ids(&r, html) {
                            r.print_event(output.len(), as_event(print));
                        }
                        output.push(event);
                    }
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref info)))
                if crate::diagram::is_mermaid(info) =>
            {
                diagram = Some((
                    String::new(),
                    position(),
                    code_title(info).map(String::from),
                ));
            }
            Event::Start(Tag::CodeBlock(ref kind)) => {
                code_block = true;
                rust_block = resolver.site.mdbook
                    && matches!(kind, CodeBlockKind::Fenced(info) if is_rust(info));
                let CodeBlockKind::Fenced(info) = kind else {
                    output.push(event);
                    continue;
                };
                if let Some(title) = code_title(info) {
                    output.push(code_title_html(title));
                }
                // A block to colour, or with lines to mark, is written whole at its end.
                let language = match info_language(info) {
                    "" => resolver.site.code_language.as_deref().unwrap_or_default(),
                    language => language,
                };
                let grammar = resolver
                    .site
                    .highlight
                    .then(|| crate::highlight::grammar(language))
                    .flatten();
                let marked = crate::highlight::marked_lines(info);
                let numbers = crate::highlight::line_numbers(
                    info,
                    resolver.site.line_numbers && !language.is_empty(),
                );
                let id = info_id(info).map(String::from);
                if let Some(id) = &id {
                    if !r.out.ids.insert(id.clone()) {
                        // Links to it go to the first.
                        r.out.diagnostics.push(
                            Diagnostic::warning(
                                "duplicate-id",
                                &r.page.parsed.path,
                                format!("the id `{id}` is already on this page"),
                            )
                            .at(position())
                            .hint("give the block an id of its own: `{ .sh #another-id }`"),
                        );
                    }
                }
                let block = CodeBlock {
                    language: language.to_string(),
                    info: info.clone(),
                    id,
                    grammar,
                    marked,
                    numbers,
                    code: String::new(),
                };
                if block.grammar.is_some()
                    || block.id.is_some()
                    || !block.marked.is_empty()
                    || block.numbers.is_some()
                    || block.reads_magic_comments(resolver.site)
                {
                    coloured = Some(block);
                } else {
                    output.push(code_block_start(info));
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                rust_block = false;
                code_block = false;
                match coloured.take() {
                    Some(mut block) => {
                        let magic = block.reads_magic_comments(resolver.site).then(|| {
                            crate::docusaurus::without_magic_comments(
                                &block.language,
                                &block.code,
                                &resolver.site.magic_comments,
                            )
                        });
                        if let Some((shown, marked)) = magic.flatten() {
                            block.code = shown;
                            block.marked = marked;
                        }
                        // The code as shown is what search finds.
                        r.text(&block.code);
                        let (start, id) = (output.len(), block.id.clone());
                        code_block_html(block, &mut output);
                        // Its first event opens `<pre id="…">`: in the print view, the id
                        // has the page's prefix, as its links do.
                        if let (Some(id), Event::Html(html)) = (id, &output[start]) {
                            let id = escape(&id);
                            let print = html.replacen(
                                &format!("<pre id=\"{id}\""),
                                &format!("<pre id=\"{}{id}\"", escape(&r.print_prefix)),
                                1,
                            );
                            r.print_event(start, Event::Html(print.into()));
                        }
                    }
                    None => output.push(event),
                }
            }
            Event::Text(ref text) if coloured.is_some() || rust_block => {
                let shown = match rust_block {
                    true => shown_rust_lines(text),
                    false => text.clone(),
                };
                match &mut coloured {
                    // Read at the block's end, as shown.
                    Some(block) => block.code.push_str(&shown),
                    None => {
                        r.text(&shown);
                        output.push(Event::Text(shown));
                    }
                }
            }
            Event::Text(text)
                if !code_block && images == 0 && in_autolinks == 0 && abbreviations.any() =>
            {
                r.text(&text);
                abbreviations.mark(text, &mut output);
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                r.text(text);
                output.push(event);
            }
            Event::InlineMath(ref tex) | Event::DisplayMath(ref tex) => {
                let display = matches!(event, Event::DisplayMath(_));
                // A heading names its math as written (its id and its entry in the contents),
                // and search reads it as written.
                match &mut r.heading {
                    Some(h) => h.text.push_str(tex),
                    None => {
                        r.section.text.push(' ');
                        r.section.text.push_str(tex.trim());
                        r.section.text.push(' ');
                    }
                }
                if images > 0 {
                    // An image's text is its `alt`: the TeX as written.
                    output.push(Event::Text(tex.clone()));
                    continue;
                }
                let html = match crate::math::mathml_after(tex, display, &math_defined) {
                    Ok(mathml) => {
                        // Its macros are the next formulas' too, as MathJax has them.
                        math_defined.push_str(&crate::math::definitions(tex));
                        mathml
                    }
                    Err(reason) => {
                        r.out.diagnostics.push(
                            Diagnostic::warning(
                                "math",
                                &page.parsed.path,
                                format!(
                                    "this math cannot be read: {reason}; it is shown as written"
                                ),
                            )
                            .at(position())
                            .hint("fix the TeX (KaTeX's and MathJax's commands are read)"),
                        );
                        let class = if display {
                            "hb-math-error hb-math-block"
                        } else {
                            "hb-math-error"
                        };
                        format!("<code class=\"{class}\">{}</code>", escape(tex.trim()))
                    }
                };
                output.push(Event::InlineHtml(html.into()));
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            ) => {
                r.text(" ");
                output.push(event);
            }
            _ => output.push(event),
        }
    }
    r.put_footnotes_at_the_end(&mut output);
    r.finish(output)
}

/// A page's abbreviations ([`crate::page::ParsedPage::abbreviations`]): their meanings, the
/// lengths they come in (longest first) and the characters they start with.
struct Abbreviations<'p> {
    meanings: HashMap<&'p str, &'p str>,
    lengths: Vec<usize>,
    firsts: HashSet<char>,
}

impl<'p> Abbreviations<'p> {
    fn new(all: &'p [(String, String)]) -> Self {
        let meanings: HashMap<&str, &str> = all
            .iter()
            .map(|(abbr, meaning)| (abbr.as_str(), meaning.as_str()))
            .collect();
        let mut lengths: Vec<usize> = meanings.keys().map(|a| a.len()).collect();
        lengths.sort_unstable_by(|a, b| b.cmp(a));
        lengths.dedup();
        let firsts = meanings.keys().filter_map(|a| a.chars().next()).collect();
        Abbreviations {
            meanings,
            lengths,
            firsts,
        }
    }

    fn any(&self) -> bool {
        !self.meanings.is_empty()
    }

    /// A text's events with each abbreviation in it in an `<abbr>` whose title is its meaning:
    /// the longest that starts at a place, where a word begins or ends as a regular
    /// expression's `\b` has it at both of its ends (Python-Markdown's rule).
    fn mark<'a>(&self, text: CowStr<'a>, output: &mut Vec<Event<'a>>) {
        let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        let boundary =
            |before: Option<char>, after: Option<char>| is_word(before) != is_word(after);
        let mut marked: Vec<(usize, usize, &str)> = Vec::new();
        let mut last = 0;
        let mut before: Option<char> = None;
        for (i, c) in text.char_indices() {
            let previous = before;
            before = Some(c);
            if i < last || !self.firsts.contains(&c) || !boundary(previous, Some(c)) {
                continue;
            }
            let found = self.lengths.iter().find_map(|&len| {
                let abbr = text.get(i..i + len)?;
                let meaning = self.meanings.get(abbr)?;
                let end_ok = boundary(abbr.chars().next_back(), text[i + len..].chars().next());
                end_ok.then_some((len, *meaning))
            });
            if let Some((len, meaning)) = found {
                marked.push((i, len, meaning));
                last = i + len;
            }
        }
        if marked.is_empty() {
            output.push(Event::Text(text));
            return;
        }
        let mut from = 0;
        for (at, len, meaning) in marked {
            if at > from {
                output.push(Event::Text(text[from..at].to_string().into()));
            }
            output.push(Event::InlineHtml(
                format!("<abbr title=\"{}\">", escape(meaning)).into(),
            ));
            output.push(Event::Text(text[at..at + len].to_string().into()));
            output.push(Event::InlineHtml("</abbr>".into()));
            from = at + len;
        }
        if from < text.len() {
            output.push(Event::Text(text[from..].to_string().into()));
        }
    }
}

struct Renderer<'a> {
    id: PageId,
    page: &'a Page,
    resolver: &'a Resolver<'a>,
    print: Print,
    /// The Markdown's length, which the HTML's is estimated from.
    body_len: usize,
    /// What the print view puts before each of this page's ids.
    print_prefix: String,
    /// The way back to the site root from this page (`../../`).
    root: String,
    /// The events the print view has in place of the page's, by their index in the page's.
    print_events: Vec<(usize, Event<'a>)>,
    out: Rendered,
    /// Same-page anchors, checked when every id of the page is known.
    local_anchors: Vec<(String, Position)>,
    /// Broken links written as a bare word (`[a section](create-a-section)`), by the index of
    /// their diagnostic: when the word is one of the page's ids, the hint says to add the `#`.
    bare_links: Vec<(usize, String)>,
    /// Footnote labels in the order they were first seen (mentioned or defined), with their
    /// slugs and, once mentioned, their numbers (in order of first mention).
    footnotes: Vec<(String, String, Option<usize>)>,
    /// How many footnotes have been mentioned.
    footnotes_mentioned: usize,
    /// Footnote definitions taken out of the page's flow.
    set_aside: Vec<SetAside<'a>>,
    /// Where the page's contents go ([`crate::attributes::CONTENTS_MARK`]): indexes in the
    /// output, filled in once every heading is known.
    contents_at: Vec<(usize, bool)>,
    /// Labels whose definition was written.
    defined: HashSet<String>,
    /// For each id given a suffix ([`Renderer::fresh_id`]), the last suffix given.
    suffixes: HashMap<String, usize>,
    section: TextSection,
    /// The heading being read, if any.
    heading: Option<OpenHeading>,
    /// The definition term being read, when terms get ids ([`crate::site::Site::term_ids`]):
    /// the index in the output of the placeholder for its opening tag, and its text.
    term: Option<(usize, String)>,
    /// Where the raw HTML read so far ends (in a comment, a tag...).
    html_state: crate::links::HtmlState,
}

/// A footnote definition taken out of the page's flow, to be put at the end of the page.
struct SetAside<'a> {
    label: String,
    /// Its id (`fn-...`).
    id: String,
    /// Its events but its opening tag.
    events: Vec<Event<'a>>,
    /// The print view's changes to those events, by index from the first.
    changes: Vec<(usize, Event<'a>)>,
}

/// A heading whose end has not been reached yet.
struct OpenHeading {
    level: HeadingLevel,
    /// Where it is written.
    at: Position,
    explicit: Option<String>,
    classes: Vec<String>,
    /// The index in the output of the placeholder for its opening tag.
    slot: usize,
    text: String,
}

/// Appends the text of raw HTML with its character references read (`&amp;` is `&`, `&#233;`
/// is `é`); one that names nothing known becomes a space, parting the words either side.
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some((c, len)) = crate::math::character_reference(rest) {
            out.push(c);
            rest = &rest[len..];
            continue;
        }
        // Any other name HTML knows (`&eacute;`), as Markdown reads it; one it does not know
        // parts the words either side.
        let named = rest
            .find(';')
            .filter(|&n| n > 1 && n <= 32 && rest[1..n].bytes().all(|b| b.is_ascii_alphanumeric()));
        match named {
            Some(end) => {
                let reference = &rest[..=end];
                let mut read = String::new();
                for event in Parser::new(reference) {
                    if let Event::Text(text) = event {
                        read.push_str(&text);
                    }
                }
                out.push_str(if read == reference { " " } else { &read });
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Whether a heading's events show something other than text: an image, or HTML other than
/// comments (an empty heading holding only `<!-- ... -->` shows nothing).
fn shows_more_than_text(events: &[Event<'_>]) -> bool {
    events.iter().any(|event| match event {
        Event::Start(Tag::Image { .. }) => true,
        Event::Html(html) | Event::InlineHtml(html) => {
            let html = html.trim();
            let comment = html.starts_with("<!--") && html.ends_with("-->");
            !(html.is_empty() || comment)
        }
        _ => false,
    })
}

impl<'a> Renderer<'a> {
    /// Records that the print view shows `event` in place of the page's event at `index`.
    /// Takes the footnote definition written from `start` to the end of `output` out of the
    /// page's flow, with its print view's events: footnotes are shown at the end of the page,
    /// wherever they are defined, as GitHub, Hugo, Docusaurus and MkDocs show them.
    fn set_aside_footnote(
        &mut self,
        output: &mut Vec<Event<'a>>,
        start: usize,
        label: String,
        id: String,
    ) {
        let events = output.split_off(start);
        let at = self.print_events.partition_point(|(i, _)| *i < start);
        let changes = self
            .print_events
            .split_off(at)
            .into_iter()
            .map(|(i, event)| (i - start, event))
            .collect();
        self.set_aside.push(SetAside {
            label,
            id,
            events,
            changes,
        });
    }

    /// The footnotes set aside, in one section at the end: numbered and ordered by their first
    /// mention, then those never mentioned, numbered on, in the order they are defined.
    fn put_footnotes_at_the_end(&mut self, output: &mut Vec<Event<'a>>) {
        if self.set_aside.is_empty() {
            return;
        }
        let mut footnotes: Vec<(usize, SetAside<'a>)> = std::mem::take(&mut self.set_aside)
            .into_iter()
            .map(|f| {
                let number = self
                    .footnotes
                    .iter()
                    .find(|(label, ..)| *label == f.label)
                    .and_then(|(_, _, n)| *n);
                (number.unwrap_or(usize::MAX), f)
            })
            .collect();
        // A stable sort: footnotes never mentioned keep the order of their definitions.
        footnotes.sort_by_key(|(n, _)| *n);
        let mut unmentioned = self.footnotes_mentioned;
        output.push(Event::Html("<section class=\"hb-footnotes\">\n".into()));
        for (n, footnote) in footnotes {
            let n = if n == usize::MAX {
                unmentioned += 1;
                unmentioned
            } else {
                n
            };
            let SetAside {
                label,
                id,
                mut events,
                mut changes,
            } = footnote;
            let div = |prefix: &str| {
                format!("<div class=\"hb-footnote\" id=\"{prefix}{id}\"><span class=\"hb-footnote-label\">{n}.</span>\n")
            };
            // A link back to the first mention, at the end of the last paragraph (before the
            // closing tag when the footnote ends otherwise), as the peers write one.
            let mentioned = self
                .footnotes
                .iter()
                .find(|(l, _, n)| *l == label && n.is_some());
            if let Some((_, slug, _)) = mentioned {
                let back = |prefix: &str| {
                    format!(
                        "<a class=\"hb-footnote-back\" href=\"#{prefix}fnref-{slug}\" aria-label=\"{}\">\u{21a9}\u{fe0e}</a>",
                        escape(self.resolver.site.ui.get(Text::BackToText))
                    )
                };
                let end = events.len().saturating_sub(1);
                let at = match end.checked_sub(1).map(|i| &events[i]) {
                    Some(Event::End(TagEnd::Paragraph)) => end - 1,
                    _ => end,
                };
                for (i, _) in changes.iter_mut().filter(|(i, _)| *i >= at) {
                    *i += 1;
                }
                let change = changes.partition_point(|(i, _)| *i < at);
                changes.insert(
                    change,
                    (at, Event::InlineHtml(back(&self.print_prefix).into())),
                );
                events.insert(at, Event::InlineHtml(back("").into()));
            }
            let offset = output.len() + 1;
            if self.print == Print::Also {
                self.print_events
                    .push((output.len(), Event::Html(div(&self.print_prefix).into())));
                let moved = changes.into_iter().map(|(i, event)| (i + offset, event));
                self.print_events.extend(moved);
            }
            output.push(Event::Html(div("").into()));
            output.extend(events);
        }
        output.push(Event::Html("</section>\n".into()));
    }

    fn print_event(&mut self, index: usize, event: Event<'a>) {
        if self.print == Print::Also {
            self.print_events.push((index, event));
        }
    }

    fn close_heading(&mut self, output: &mut Vec<Event<'a>>) {
        let Some(h) = self.heading.take() else { return };
        let text = h.text.trim().to_string();
        if text.is_empty() && !shows_more_than_text(&output[h.slot + 1..]) {
            self.out.diagnostics.push(
                Diagnostic::warning(
                    "empty-heading",
                    &self.page.parsed.path,
                    "this heading has no text: it shows as a blank line, and a blank entry in the page's contents",
                )
                .at(h.at)
                .hint("write its text after the `#` marks, or delete the line"),
            );
        }
        let explicit = h.explicit.is_some();
        let base = match h.explicit {
            Some(id) => id,
            // (Python-Markdown numbers an empty one: `_1`.)
            None => Some(self.heading_id(&text))
                .filter(|s| !s.is_empty() || self.resolver.site.python_unique)
                .unwrap_or_else(|| "section".into()),
        };
        let id = self.fresh_id(&base);
        if explicit && id != base {
            // The writer's id is taken: links to it go to the first.
            self.out.diagnostics.push(
                Diagnostic::warning(
                    "duplicate-id",
                    &self.page.parsed.path,
                    format!("the id `{base}` is already on this page; this heading's is `{id}`"),
                )
                .at(h.at)
                .hint("give the heading an id of its own: `{#another-id}`"),
            );
        }
        self.out.ids.insert(id.clone());
        let n = h.level as u8;
        let at = usize::from(n.clamp(1, 6)) - 1;
        let level = ["1", "2", "3", "4", "5", "6"][at];
        let class = if h.classes.is_empty() {
            String::new()
        } else {
            [" class=\"", &escape(&h.classes.join(" ")), "\""].concat()
        };
        // Escaped once for the page and its print view.
        let (id_html, prefix_html) = (escape(&id), escape(&self.print_prefix));
        let open = |prefix_html: &str| {
            [
                "<h",
                level,
                " id=\"",
                prefix_html,
                &id_html,
                "\"",
                &class,
                ">",
            ]
            .concat()
        };
        self.print_event(h.slot, Event::Html(open(&prefix_html).into()));
        output[h.slot] = Event::Html(open("").into());
        if (1..=4).contains(&n) {
            let label_html = escape(
                &self
                    .resolver
                    .site
                    .ui
                    .get(Text::LinkToSection)
                    .replace("{title}", &text),
            );
            // Left out of the heading's name (else a screen reader says its title twice) and
            // of the tab order; "On this page" links every section for those.
            let anchor = |prefix_html: &str| {
                [
                    "<a class=\"hb-anchor\" href=\"#",
                    prefix_html,
                    &id_html,
                    "\" title=\"",
                    &label_html,
                    "\" aria-hidden=\"true\" tabindex=\"-1\">#</a>",
                ]
                .concat()
            };
            self.print_event(output.len(), Event::Html(anchor(&prefix_html).into()));
            output.push(Event::Html(anchor("").into()));
        }
        let close = [
            "</h1>\n", "</h2>\n", "</h3>\n", "</h4>\n", "</h5>\n", "</h6>\n",
        ];
        output.push(Event::Html(CowStr::Borrowed(close[at])));

        // (An h1 here is a section's: the page's title is not in its text. A README's
        // sections are often h1s.)
        if (1..=3).contains(&n) {
            // kramdown's `{: .no_toc}` keeps a heading out of the contents.
            if !h.classes.iter().any(|c| c == "no_toc") {
                let entry = TocEntry {
                    id: id.clone(),
                    title: text.clone(),
                    children: Vec::new(),
                    level: n,
                };
                place_in_toc(&mut self.out.toc, entry);
            }
            let next = TextSection {
                id: Some(id),
                heading: text,
                level: n,
                text: String::new(),
            };
            let previous = std::mem::replace(&mut self.section, next);
            if previous.id.is_some() || !previous.text.trim().is_empty() {
                self.out.sections.push(previous);
            }
        } else {
            self.section.text.push_str(&text);
            self.section.text.push(' ');
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, term)) = &mut self.term {
            term.push_str(text);
        }
        match &mut self.heading {
            Some(h) => h.text.push_str(text),
            None => self.section.text.push_str(text),
        }
    }

    /// Ends a definition term with an id made from its text, as a heading's is (Hugo's
    /// `autoDefinitionTermID`).
    fn close_term(&mut self, output: &mut Vec<Event<'a>>) {
        let Some((slot, text)) = self.term.take() else {
            return;
        };
        let id = self.fresh_id(
            &Some(self.heading_id(text.trim()))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "term".into()),
        );
        self.out.ids.insert(id.clone());
        let open = |prefix: &str| format!("<dt id=\"{}{}\">", escape(prefix), escape(&id));
        self.print_event(slot, Event::Html(open(&self.print_prefix).into()));
        output[slot] = Event::Html(open("").into());
        output.push(Event::Html("</dt>\n".into()));
    }

    /// The page's HTML for a Mermaid diagram, the `number`th on the page, and the print view's
    /// when it differs; or why it cannot be drawn (with its line), also a warning. Its links
    /// are resolved and checked as the page's own.
    fn diagram(
        &mut self,
        source: &str,
        fence: Position,
        caption: Option<&str>,
        number: usize,
    ) -> Result<(String, Option<String>), String> {
        let drawn = crate::diagram::draw(source).and_then(|drawing| {
            let unchecked = |e: String| crate::diagram::Failure {
                line: None,
                message: format!("the drawing made of it could not be checked ({e})"),
                problem: crate::diagram::Problem::Drawing,
            };
            // Each link resolved once: its address on the page, and in the print view.
            let mut links: HashMap<String, (String, Option<String>)> = HashMap::new();
            // Its ids cannot be a heading's, which have no capitals.
            let page = crate::diagram::for_page(
                &drawing,
                &format!("hb-D{number}"),
                caption,
                &mut |href| {
                    let (page, _) = links.entry(href.to_string()).or_insert_with(|| {
                        // Named at the line that has it.
                        let at = source
                            .lines()
                            .position(|l| l.contains(href))
                            .map_or(fence, |i| Position::new(fence.line + i + 1, fence.column));
                        let (page, print) = self.link(&CowStr::Borrowed(href), || at, false);
                        (page.to_string(), print.map(|p| p.to_string()))
                    });
                    Some(page.clone())
                },
            )
            .map_err(unchecked)?;
            let print = match self.print {
                Print::Also => Some(
                    crate::diagram::for_page(
                        &drawing,
                        &format!("{}D{number}", self.print_prefix),
                        caption,
                        &mut |href| {
                            let (page, print) = links.get(href)?;
                            Some(print.clone().unwrap_or_else(|| page.clone()))
                        },
                    )
                    .map_err(unchecked)?
                    .html,
                ),
                Print::No => None,
            };
            Ok((page, print))
        });
        match drawn {
            Ok((page, print)) => {
                self.section.text.push(' ');
                self.text(&page.text);
                self.section.text.push(' ');
                Ok((page.html, print))
            }
            Err(failure) => {
                let at = match failure.line {
                    Some(line) => Position::new(fence.line + line, fence.column),
                    None => fence,
                };
                self.out.diagnostics.push(
                    Diagnostic::warning(
                        "diagram",
                        &self.page.parsed.path,
                        format!(
                            "this Mermaid diagram cannot be drawn: {}; it is shown as written",
                            failure.message
                        ),
                    )
                    .at(at)
                    .hint(failure.hint()),
                );
                Err(match failure.line {
                    Some(line) => format!("{} (its line {line})", failure.message),
                    None => failure.message,
                })
            }
        }
    }

    /// A warning when the browser would load `dest` (an image, a frame...) from another site,
    /// with `[check] offline` on: offline or behind a firewall it does not show.
    fn remote_resource(&mut self, dest: &str, position: &dyn Fn() -> Position) {
        let remote = ["http://", "https://", "//"].iter().any(|scheme| {
            dest.get(..scheme.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
        });
        if !remote || !self.resolver.site.offline {
            return;
        }
        self.out.diagnostics.push(
            Diagnostic::warning(
                "remote-resource",
                &self.page.parsed.path,
                format!(
                    "`{dest}` is loaded from another site: offline or behind a firewall it does \
                     not show, and each reader's browser asks that site for it"
                ),
            )
            .at(position())
            .hint(
                "save the file in the content folder and give its path, or link to it instead; \
                 `[check] offline = false` allows this for a handbook only read online",
            ),
        );
    }

    /// Resolves a link's destination into the href to write, and the print view's when it
    /// differs.
    fn link<'e>(
        &mut self,
        dest: &CowStr<'e>,
        position: impl Fn() -> Position,
        email: bool,
    ) -> (CowStr<'e>, Option<CowStr<'e>>) {
        if email {
            return (dest.clone(), None);
        }
        match self.resolver.resolve(dest, self.page) {
            Target::External => {
                if !dest.is_empty() {
                    self.out.external_links.push(ExternalLink {
                        url: dest.to_string(),
                        file: self.page.parsed.path.clone(),
                        position: position(),
                    });
                }
                if let Some(scheme) =
                    crate::links::scheme(dest).filter(|s| !crate::links::is_known_scheme(s))
                {
                    self.out.diagnostics.push(
                        Diagnostic::warning(
                            "unknown-scheme",
                            &self.page.parsed.path,
                            format!("the link `{dest}` uses the scheme `{scheme}:`, which browsers do not open"),
                        )
                        .at(position())
                        .hint("link to the page's .md file, or to a full https:// address"),
                    );
                }
                (dest.clone(), None)
            }
            Target::Anchor(anchor) => {
                // The page's h1 is its top, as the template writes it (as for a link from
                // another page to it).
                let own_h1 = self.page.parsed.h1_id.as_deref();
                let anchor = if own_h1 == Some(anchor.as_str()) {
                    String::new()
                } else {
                    anchor
                };
                // `#` is the page's own anchor in the print view (`#top` has one of its own),
                // and so is its leading heading's in other letters (which the page's browser
                // finds as the page's top).
                let print = if anchor.is_empty() || crate::links::names_h1(own_h1, &anchor) {
                    ["#", print_id(&self.resolver.site.pages[self.id])].concat()
                } else {
                    ["#", &self.print_prefix, &anchor].concat()
                }
                .into();
                let page = ["#", &anchor].concat().into();
                self.local_anchors.push((anchor, position()));
                (page, Some(print))
            }
            Target::Page { id, anchor } => {
                let site = self.resolver.site;
                let target = &site.pages[id];
                // A link to the target's h1 leads to its top, where the template writes it.
                let target_h1 = target.parsed.h1_id.as_deref();
                let anchor = anchor.filter(|a| target_h1 != Some(a.as_str()));
                if let Some(anchor) = &anchor {
                    if id == self.id {
                        self.local_anchors.push((anchor.clone(), position()));
                    } else {
                        self.out.anchor_links.push(AnchorLink {
                            target: id,
                            anchor: anchor.clone(),
                            position: position(),
                            zola: dest.starts_with("@/").then(|| dest.to_string()),
                        });
                    }
                }
                // A redirect shows nothing there: its own page, which leads on.
                let in_print = site.nav_index[id] != crate::site::NOT_IN_ORDER
                    && !site.redirects.contains_key(&id);
                // In a print view in parts, a page in another part is in another file.
                let file = site.print.file_from(self.id, id);
                let print = match &anchor {
                    // A page outside the reading order (an MkDocs page its nav does not list)
                    // or a redirect is not in the print view: its own page, from print/.
                    _ if !in_print => {
                        let suffix = anchor.as_deref().map_or(String::new(), |a| format!("#{a}"));
                        ["../", &target.href, "index.html", &suffix].concat()
                    }
                    Some(a) if !a.is_empty() && !crate::links::names_h1(target_h1, a) => {
                        [file, "#", print_id(target), "--", a].concat()
                    }
                    _ => [file, "#", print_id(target)].concat(),
                };
                let page = match &anchor {
                    _ if id == self.id => ["#", anchor.as_deref().unwrap_or_default()].concat(),
                    None => [&self.root, &target.href, "index.html"].concat(),
                    Some(a) => [&self.root, &target.href, "index.html#", a].concat(),
                };
                (page.into(), Some(print.into()))
            }
            Target::Asset { path, suffix } => {
                let path = percent_encode_path(&path);
                let page = [self.root.as_str(), &path, &suffix].concat().into();
                (page, Some(["../", &path, &suffix].concat().into()))
            }
            Target::Broken { message, hint } => {
                if !dest.contains(['/', '.', '#', '?']) {
                    let index = self.out.diagnostics.len();
                    self.bare_links.push((index, dest.to_string()));
                }
                self.out.diagnostics.push(
                    Diagnostic::error(
                        "broken-link",
                        &self.page.parsed.path,
                        format!("broken link: {message}"),
                    )
                    .at(position())
                    .hint(hint),
                );
                (dest.clone(), None)
            }
        }
    }

    /// Raw HTML with its links and images resolved as Markdown's are (`<img src="pic.png">` in
    /// `guide.md` is `../pic.png` from `guide/index.html`), for the page and for the print view;
    /// `None` when it has none to change. Broken ones are reported like any link.
    fn html_links(
        &mut self,
        html: &str,
        position: impl Fn() -> Position,
        generated: bool,
    ) -> Option<(String, String)> {
        // What a reader sees of it is searched as the page's text (not a heading's: its id
        // comes from the words written in Markdown).
        let mut seen = String::new();
        let found = crate::links::html_scan(html, &mut self.html_state, |text| seen.push_str(text));
        if self.heading.is_none() && !seen.is_empty() {
            // Inline text (`<em>word</em>`) joins the words around it as Markdown's does.
            push_decoded(&mut self.section.text, &seen);
        }
        if found.is_empty() {
            return None;
        }
        let mut page = String::with_capacity(html.len() + 16);
        let mut print = String::with_capacity(html.len() + 16);
        let mut last = 0;
        let mut changed = false;
        // Characters from the line's start to `last`, counted once (`None` past a line break:
        // an attribute on a later line of the same HTML is shown at its tag's line).
        let mut column: Option<usize> = Some(0).filter(|_| !generated);
        for (start, end, used) in found {
            // Addresses come in order, none inside another; one that did would be skipped.
            if start < last {
                continue;
            }
            let written = html[start..end].replace("&amp;", "&");
            // HTML handbook wrote for Markdown (an attr_list link, a title) is read as Markdown.
            let from_url = from_page_url(&written, &self.page.url)
                .filter(|_| self.resolver.site.html_addresses_from_url && !generated)
                .filter(|d| !matches!(self.resolver.resolve(d, self.page), Target::Broken { .. }));
            let dest: CowStr = from_url.as_deref().unwrap_or(&written).into();
            let before = &html[last..start];
            column = column
                .filter(|_| !before.contains('\n'))
                .map(|c| c + before.chars().count());
            let at = || {
                let mut p = position();
                p.column += column.unwrap_or(0);
                p
            };
            if used != Use::Link {
                self.remote_resource(&dest, &at);
            }
            let (to_page, to_print) = if used == Use::Style {
                (written.clone().into(), written.clone().into())
            } else {
                let (to_page, to_print) = self.link(&dest, at, false);
                let to_print = to_print.unwrap_or_else(|| to_page.clone());
                (to_page, to_print)
            };
            changed |= *to_page != *written || *to_print != *written;
            for (out, value) in [(&mut page, &to_page), (&mut print, &to_print)] {
                out.push_str(before);
                if **value == *written {
                    out.push_str(&html[start..end]);
                } else {
                    push_attribute_url(out, value);
                }
            }
            if let Some(c) = column.as_mut() {
                *c += html[start..end].chars().count();
            }
            last = end;
        }
        if !changed {
            return None;
        }
        page.push_str(&html[last..]);
        print.push_str(&html[last..]);
        Some((page, print))
    }

    /// An id not yet on the page: `base`, else `base-1`, `base-2`... (counting on from the
    /// last one given for `base`: a page of thousands of like headings took seconds).
    /// The id a heading (or a definition term) of this text gets, as the site's tool makes it.
    fn heading_id(&self, text: &str) -> String {
        if self.resolver.site.python_ids {
            crate::slug::python_markdown_id(text)
        } else {
            anchor_id(text)
        }
    }

    fn fresh_id(&mut self, base: &str) -> String {
        if self.resolver.site.python_unique {
            return python_unique_id(base, &self.out.ids);
        }
        if !self.out.ids.contains(base) {
            return base.to_string();
        }
        let n = self.suffixes.entry(base.to_string()).or_insert(0);
        loop {
            *n += 1;
            let id = format!("{base}-{n}");
            if !self.out.ids.contains(&id) {
                return id;
            }
        }
    }

    /// Where a footnote is in `footnotes` (added if it was not), with its unique slug
    /// (`a-b` in `fn-a-b`).
    fn footnote(&mut self, label: &str) -> usize {
        if let Some(i) = self.footnotes.iter().position(|(l, ..)| l == label) {
            return i;
        }
        // Labels that slugify alike (`[^a b]`, `[^a-b]`) still get ids of their own.
        let base = slugify(label);
        let mut slug = base.clone();
        let mut n = 1;
        while self.out.ids.contains(&format!("fn-{slug}"))
            || self.out.ids.contains(&format!("fnref-{slug}"))
        {
            slug = format!("{base}-{n}");
            n += 1;
        }
        self.out.ids.insert(format!("fn-{slug}"));
        self.footnotes.push((label.to_string(), slug, None));
        self.footnotes.len() - 1
    }

    /// The footnote reference's HTML on the page and in the print view. The first mention of a
    /// footnote gives it its number.
    fn footnote_reference(&mut self, label: &str) -> (String, String) {
        let i = self.footnote(label);
        let (_, slug, number) = &mut self.footnotes[i];
        let first = number.is_none();
        let n = *number.get_or_insert_with(|| {
            self.footnotes_mentioned += 1;
            self.footnotes_mentioned
        });
        let slug = slug.clone();
        if first {
            self.out.ids.insert(format!("fnref-{slug}"));
        }
        let html = |prefix: &str| {
            let id = if first {
                format!(" id=\"{prefix}fnref-{slug}\"")
            } else {
                String::new()
            };
            format!(
                "<sup class=\"hb-footnote-ref\"{id}><a href=\"#{prefix}fn-{slug}\">{n}</a></sup>"
            )
        };
        (html(""), html(&self.print_prefix))
    }

    /// The id of a footnote's definition: its own, or a fresh one for a second definition of
    /// the same label (reported).
    fn footnote_definition(&mut self, label: &str, position: Position) -> String {
        let i = self.footnote(label);
        let id = format!("fn-{}", self.footnotes[i].1);
        if !self.defined.insert(label.to_string()) {
            self.out.diagnostics.push(
                Diagnostic::warning(
                    "footnote",
                    &self.page.parsed.path,
                    format!(
                        "the footnote `[^{label}]` is defined twice; references go to the first"
                    ),
                )
                .at(position)
                .hint("remove one definition, or give it another label"),
            );
            let fresh = self.fresh_id(&id);
            self.out.ids.insert(fresh.clone());
            return fresh;
        }
        id
    }

    fn finish(mut self, mut events: Vec<Event<'a>>) -> Rendered {
        for (at, numbered) in std::mem::take(&mut self.contents_at) {
            let list = |prefix: &str| contents_html(&self.out.toc, prefix, numbered);
            let print = list(&escape(&self.print_prefix));
            events[at] = Event::Html(list("").into());
            self.print_event(at, Event::Html(print.into()));
        }
        let size = self.body_len * 3 / 2;
        self.out.html.reserve(size);
        if self.print == Print::Also {
            let changes = std::mem::take(&mut self.print_events);
            self.out.print_html.reserve(size);
            write_page_and_print(
                events,
                changes,
                &mut self.out.html,
                &mut self.out.print_html,
            );
        } else {
            pulldown_cmark::html::push_html(&mut self.out.html, events.into_iter());
        }
        self.out.empty = self.out.html.trim().is_empty();
        let section = std::mem::take(&mut self.section);
        if section.id.is_some() || !section.text.trim().is_empty() {
            self.out.sections.push(section);
        }
        self.out.has_h2 = self.out.sections.iter().any(|s| s.level == 2);
        for (index, word) in std::mem::take(&mut self.bare_links) {
            let anchor = crate::links::percent_decode(&word);
            if self.out.ids.contains(&anchor) {
                self.out.diagnostics[index].hint =
                    Some(format!("did you mean `#{anchor}`, a heading of this page?"));
            }
        }
        let mut hints = 0;
        let h1_id = self.page.parsed.h1_id.as_deref();
        for (anchor, position) in std::mem::take(&mut self.local_anchors) {
            if !crate::links::anchor_leads(&self.out.ids, h1_id, &anchor) {
                hints += 1;
                let hint = if hints <= ANCHOR_HINTS_PER_PAGE {
                    anchor_hint(&self.out.ids, &anchor)
                } else {
                    ANCHOR_HINT_SPENT.into()
                };
                self.out.diagnostics.push(
                    Diagnostic::error(
                        "broken-anchor",
                        &self.page.parsed.path,
                        format!("broken link: this page has no heading `#{anchor}`"),
                    )
                    .at(position)
                    .hint(hint),
                );
            }
        }
        self.out
    }
}

/// Writes a page's HTML, and its print view's, which has `changes` (event index, event) in place
/// of some of the page's events. The HTML writer runs once: each changed event's part of the
/// page is found as it is written, and the print view is the page with those parts written again
/// from the changed events.
fn write_page_and_print<'a>(
    events: Vec<Event<'a>>,
    mut changes: Vec<(usize, Event<'a>)>,
    html: &mut String,
    print: &mut String,
) {
    changes.sort_by_key(|(index, _)| *index);
    changes.dedup_by_key(|(index, _)| *index);
    let alike = changes.iter().all(|(index, event)| {
        writes_alone(event)
            && events
                .get(*index)
                .is_some_and(|page| ends_alike(page, event))
    });
    if !alike {
        return write_twice(events, changes, html, print);
    }
    let start = html.len();
    let written = std::cell::Cell::new(start);
    let mut marking = Marking {
        events: events.into_iter(),
        index: 0,
        changes: changes.iter().map(|(index, _)| *index).collect(),
        next: 0,
        written: &written,
        parts: Vec::with_capacity(changes.len()),
        open: false,
        alt: None,
    };
    let writer = Counting {
        out: &mut *html,
        written: &written,
    };
    // Writing to a String cannot fail. The writer asks for events until there are none, which
    // ends the last part (every change is at an event the page has: one part each).
    let _ = pulldown_cmark::html::write_html_fmt(writer, &mut marking);
    let mut from = start;
    for ((_, event), &(begin, end, in_alt)) in changes.iter().zip(&marking.parts) {
        print.push_str(&html[from..begin]);
        write_alone(print, event, in_alt);
        from = end;
    }
    print.push_str(&html[from..]);
}

/// The print view written the plain way: the whole page again, with the changed events.
fn write_twice<'a>(
    events: Vec<Event<'a>>,
    changes: Vec<(usize, Event<'a>)>,
    html: &mut String,
    print: &mut String,
) {
    let mut changes = changes.into_iter().peekable();
    let printed = events.iter().enumerate().map(|(i, event)| {
        match changes.next_if(|(index, _)| *index == i) {
            Some((_, changed)) => changed,
            None => event.clone(),
        }
    });
    pulldown_cmark::html::push_html(print, printed);
    pulldown_cmark::html::push_html(html, events.into_iter());
}

/// Puts an entry of the page's contents under the last one of a lower level, else last.
fn place_in_toc(entries: &mut Vec<TocEntry>, entry: TocEntry) {
    match entries.last_mut() {
        Some(parent) if parent.level < entry.level => place_in_toc(&mut parent.children, entry),
        _ => entries.push(entry),
    }
}

/// The page's contents as a list of links to its sections, where the page asks for them
/// (kramdown's `{:toc}`), numbered or not; `prefix` goes before each id (the print view's).
fn contents_html(toc: &[TocEntry], prefix: &str, numbered: bool) -> String {
    if toc.is_empty() {
        return String::new();
    }
    let list = toc_list_html(toc, prefix, numbered);
    format!("<div class=\"hb-page-contents\">\n{list}\n</div>\n")
}

/// A page's contents as a list of links, numbered or not (nested alike), with `prefix` before
/// each id: "On this page", and the contents a page asks for.
pub(crate) fn toc_list_html(entries: &[TocEntry], prefix: &str, numbered: bool) -> String {
    let mut html = String::new();
    if entries.is_empty() {
        return html;
    }
    let tag = if numbered { "ol" } else { "ul" };
    html.push_str(&format!("<{tag}>"));
    for entry in entries {
        html.push_str("\n<li><a href=\"#");
        html.push_str(prefix);
        push_escaped(&mut html, &entry.id);
        html.push_str("\">");
        push_escaped(&mut html, &entry.title);
        html.push_str("</a>");
        html.push_str(&toc_list_html(&entry.children, prefix, numbered));
        html.push_str("</li>");
    }
    html.push_str(&format!("\n</{tag}>"));
    html
}

/// A writer that tells how much has been written, for [`Marking`].
struct Counting<'s> {
    out: &'s mut String,
    written: &'s std::cell::Cell<usize>,
}

impl std::fmt::Write for Counting<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.out.push_str(s);
        self.written.set(self.out.len());
        Ok(())
    }
}

/// The events on their way to the HTML writer, noting where the output of each changed one
/// starts and ends: the writer writes all of an event before it asks for the next, except an
/// image, whose alt text it reads itself (and so is told apart).
struct Marking<'s, I> {
    events: I,
    index: usize,
    changes: Vec<usize>,
    next: usize,
    written: &'s std::cell::Cell<usize>,
    /// (start, end, inside an image's alt text) of each changed event's output.
    parts: Vec<(usize, usize, bool)>,
    /// Whether the last part's end is still to come.
    open: bool,
    /// Inside an image's alt text: how deep in tags within it.
    alt: Option<usize>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Marking<'_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let here = self.written.get();
        if self.open {
            if let Some(part) = self.parts.last_mut() {
                part.1 = here;
            }
            self.open = false;
        }
        let event = self.events.next()?;
        let index = self.index;
        self.index += 1;
        if self.changes.get(self.next) == Some(&index) {
            self.parts.push((here, here, self.alt.is_some()));
            self.open = true;
            self.next += 1;
        }
        match (&event, &mut self.alt) {
            (Event::Start(_), Some(depth)) => *depth += 1,
            (Event::End(_), Some(0)) => self.alt = None,
            (Event::End(_), Some(depth)) => *depth -= 1,
            (Event::Start(Tag::Image { .. }), None) => self.alt = Some(0),
            _ => {}
        }
        Some(event)
    }
}

/// Whether [`write_alone`] writes the event as pulldown-cmark's HTML writer does.
fn writes_alone(event: &Event) -> bool {
    matches!(
        event,
        Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::Link { .. } | Tag::Image { .. })
    )
}

/// Whether the HTML writer is left in the same state after either event, so that the rest of
/// the page is written alike: the events are of one kind (a link for a link, an image with the
/// same title, whose writing the writer finishes from the page's event), and it notes whether
/// what it wrote last ended a line, which changes how it writes some later tags.
fn ends_alike<'a>(page: &Event<'a>, print: &Event<'a>) -> bool {
    let ending = |event: &Event| match event {
        Event::Html(html) | Event::InlineHtml(html) => {
            Some((html.is_empty(), html.ends_with('\n')))
        }
        _ => None,
    };
    let same_kind = match (page, print) {
        (Event::Start(Tag::Image { title: a, .. }), Event::Start(Tag::Image { title: b, .. })) => {
            a == b
        }
        (Event::Start(a), Event::Start(b)) => {
            std::mem::discriminant(a) == std::mem::discriminant(b)
        }
        _ => std::mem::discriminant(page) == std::mem::discriminant(print),
    };
    same_kind && ending(page) == ending(print)
}

/// Writes one event as pulldown-cmark's HTML writer does (see [`writes_alone`]); in an image's
/// alt text, it writes only text, escaped.
fn write_alone(out: &mut String, event: &Event, in_alt: bool) {
    use pulldown_cmark_escape::{escape_href, escape_html};
    // Writing to a String cannot fail.
    match event {
        Event::Html(html) if !in_alt => out.push_str(html),
        Event::InlineHtml(html) if !in_alt => out.push_str(html),
        Event::InlineHtml(text) => {
            let _ = escape_html(&mut *out, text);
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            ..
        }) if !in_alt => {
            out.push_str(if *link_type == pulldown_cmark::LinkType::Email {
                "<a href=\"mailto:"
            } else {
                "<a href=\""
            });
            let _ = escape_href(&mut *out, dest_url);
            if !title.is_empty() {
                out.push_str("\" title=\"");
                let _ = escape_html(&mut *out, title);
            }
            out.push_str("\">");
        }
        Event::Start(Tag::Image { dest_url, .. }) if !in_alt => {
            out.push_str("<img src=\"");
            let _ = escape_href(&mut *out, dest_url);
            out.push_str("\" alt=\"");
        }
        _ => {}
    }
}

/// The fence (`` ``` ``, `~~~~`) a fenced code block opens with, when the block (its source,
/// from the opening fence on, after `before` on its line) has no closing fence: it ran to the
/// end of the page or of its container (a list item, a quote).
fn unclosed_fence(before: &str, block: &str) -> Option<String> {
    // Past a quote's marks: how many columns a line's text is in, and the text.
    fn strip(line: &str) -> (usize, &str) {
        let mut rest = line;
        while let Some(after) = rest.trim_start_matches([' ', '\t']).strip_prefix('>') {
            rest = after;
        }
        let text = rest.trim_start_matches([' ', '\t']);
        (columns(&rest[..rest.len() - text.len()]), text)
    }
    fn columns(text: &str) -> usize {
        text.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
    }
    let mut lines = block.trim_end_matches(['\n', '\r']).lines();
    let (indent, opening) = strip(lines.next()?);
    // The opening fence's column: after a list item's marker or indentation before it.
    let (at, text) = strip(before);
    let opened_at = at + columns(text) + indent;
    let mark = opening.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let length = opening.chars().take_while(|&c| c == mark).count();
    let closed = lines.next_back().is_some_and(|last| {
        let (at, last) = strip(last);
        let last = last.trim_end();
        // Four columns deeper than the opening fence, it is code (as the opening fence sits
        // at most three columns into its container).
        at < opened_at + 4 && last.len() >= length && last.chars().all(|c| c == mark)
    });
    (!closed).then(|| mark.to_string().repeat(length))
}

/// The kind (`NOTE`...) of a GitHub alert mark that a quote (its source) starts with and
/// follows with text on the same line, which makes it no alert.
fn alert_with_text(quote: &str) -> Option<&str> {
    // A quote in a quote: the inner one is looked at for itself.
    let line = quote.lines().next()?.trim_start_matches([' ', '\t']);
    let line = line.strip_prefix('>')?;
    let line = line.strip_prefix(' ').unwrap_or(line);
    // Four spaces more make it code.
    if line.starts_with("    ") || line.starts_with('\t') {
        return None;
    }
    let rest = line.trim_start_matches(' ').strip_prefix("[!")?;
    let (kind, after) = rest.split_once(']')?;
    let known = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(kind));
    (known && !after.trim().is_empty()).then_some(kind)
}

/// The title a fenced code block's info string gives it, as Docusaurus and MkDocs write it:
/// ```` ```js title="src/app.js" ```` (or `title='...'`).
fn code_title(info: &str) -> Option<&str> {
    let at = info.find("title=")?;
    if at > 0 && !info[..at].ends_with([' ', '\t', '{', ',']) {
        return None;
    }
    let rest = &info[at + "title=".len()..];
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let end = rest[1..].find(quote)?;
    Some(rest[1..1 + end].trim()).filter(|t| !t.is_empty())
}

/// A fenced code block written whole at its end: coloured, with lines marked or numbered.
struct CodeBlock<'a> {
    info: CowStr<'a>,
    /// The `#id` of its attributes (`{ .sh #example }`, as PyMdown and Pandoc write it).
    id: Option<String>,
    /// Its language: the info string's, else the site's default ([`crate::site::Site::code_language`]).
    language: String,
    grammar: Option<crate::highlight::Grammar>,
    marked: Vec<(usize, usize)>,
    /// The first line's number, when the lines are numbered.
    numbers: Option<usize>,
    code: String,
}

impl CodeBlock<'_> {
    /// Whether a Docusaurus site's magic comments mark its lines
    /// ([`crate::docusaurus::without_magic_comments`]): unless its info string does (as there),
    /// or it has no language.
    fn reads_magic_comments(&self, site: &crate::site::Site) -> bool {
        !site.magic_comments.is_empty() && self.marked.is_empty() && !self.language.is_empty()
    }
}

/// A code block as [`crate::highlight`] writes it, or as pulldown-cmark does when it cannot
/// be coloured (or has nothing to colour, mark or number).
fn code_block_html<'a>(block: CodeBlock<'a>, output: &mut Vec<Event<'a>>) {
    let CodeBlock {
        info,
        id,
        language,
        grammar,
        marked,
        numbers,
        code,
    } = block;
    let pre = match &id {
        Some(id) => format!("<pre id=\"{}\">", escape(id)),
        None => "<pre>".to_string(),
    };
    match crate::highlight::highlight(grammar, &code, &marked, numbers.is_some()) {
        Some(html) => {
            let class = match class_language(&info) {
                "" => language.as_str(),
                class => class,
            };
            let mut block = String::with_capacity(html.len() + class.len() + 96);
            block.push_str(&pre);
            block.push_str("<code");
            let classes = [
                (!class.is_empty()).then(|| language_classes(class)),
                numbers.map(|_| "hl-numbered".to_string()),
            ];
            let classes: Vec<String> = classes.into_iter().flatten().collect();
            if !classes.is_empty() {
                block.push_str(&format!(" class=\"{}\"", classes.join(" ")));
            }
            if let Some(first) = numbers {
                // The theme counts the lines from the first's number, in a gutter as wide as
                // the last's.
                let last = first + code.lines().count().max(1) - 1;
                block.push_str(&format!(
                    " style=\"counter-reset:hl-ln {};--hl-digits:{}\"",
                    first as i64 - 1,
                    last.to_string().len()
                ));
            }
            block.push('>');
            block.push_str(&html);
            block.push_str("</code></pre>\n");
            output.push(Event::Html(block.into()));
        }
        None if id.is_some() || class_language(&info).contains(',') => {
            // pulldown-cmark writes no attribute but the class, and that in one piece: the
            // tags are written here.
            let class = class_language(&info);
            let class = match class {
                "" => String::new(),
                class => format!(" class=\"{}\"", language_classes(class)),
            };
            output.push(Event::Html(format!("{pre}<code{class}>").into()));
            output.push(Event::Text(code.into()));
            output.push(Event::Html("</code></pre>\n".into()));
        }
        None => {
            output.push(code_block_start(&info));
            output.push(Event::Text(code.into()));
            output.push(Event::End(TagEnd::CodeBlock));
        }
    }
}

/// The id a fenced block's attributes give it: `example` of `{ .sh .no-copy #example }`.
fn info_id(info: &str) -> Option<&str> {
    let attributes = info.trim_start().strip_prefix('{')?;
    let attributes = attributes.split('}').next().unwrap_or_default();
    attributes
        .split_whitespace()
        .find_map(|word| word.strip_prefix('#'))
        .filter(|id| !id.is_empty() && !id.contains(['"', '\'', '<', '>', '=']))
}

/// A code block's title, above it.
fn code_title_html(title: &str) -> Event<'static> {
    Event::Html(format!("<p class=\"hb-code-title\">{}</p>\n", escape(title)).into())
}

/// What a block's `language-…` class names: the info string's first word, as pulldown-cmark
/// writes it (`rust,editable`); in the attribute form, its language (`python` of `{.python}`).
fn class_language(info: &str) -> &str {
    match info.trim_start().starts_with('{') {
        true => info_language(info),
        false => info.split(' ').next().unwrap_or_default(),
    }
}

/// The classes of a block whose language is `class` ([`class_language`]): `language-rust
/// ignore does_not_compile` for `rust,ignore,does_not_compile`, as mdBook writes them (a book's
/// scripts look for them).
fn language_classes(class: &str) -> String {
    let mut words = class.split(',').filter(|w| !w.is_empty());
    let mut classes = format!("language-{}", escape(words.next().unwrap_or_default()));
    for word in words {
        classes.push(' ');
        classes.push_str(&escape(word));
    }
    classes
}

/// The start of a fenced block written by pulldown-cmark, its class as [`class_language`] has
/// it.
fn code_block_start<'a>(info: &CowStr<'a>) -> Event<'a> {
    let info = match info.trim_start().starts_with('{') {
        true => CowStr::from(class_language(info).to_string()),
        false => info.clone(),
    };
    Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
}

/// Whether a fenced code block's info string (`rust,ignore`, `rust no_run`) says Rust.
fn is_rust(info: &str) -> bool {
    info_language(info) == "rust"
}

/// The language a fenced code block's info string names: its first word (`rust` of
/// `rust,ignore`, `mermaid` of `mermaid title="Hiring"`), or in the attribute form of Pandoc
/// and PyMdown (`{.python}`, `{ .yaml .copy }`) its first class.
pub fn info_language(info: &str) -> &str {
    match info.trim_start().strip_prefix('{') {
        Some(attributes) => attributes
            .split(|c: char| c.is_whitespace() || c == '}')
            .find_map(|word| word.strip_prefix('.'))
            .unwrap_or_default(),
        None => info
            .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
            .next()
            .unwrap_or_default(),
    }
}

/// A Rust code block's text without the lines rustdoc and mdBook hide: `# ` and a lone `#`
/// (the setup an example needs but a reader does not); `##` shows as `#`. `#[attr]` and `#!`
/// are code and stay.
fn shown_rust_lines(text: &str) -> CowStr<'static> {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let code = line.trim_start();
        let rest = code.strip_prefix('#');
        let hidden =
            rest.is_some_and(|r| r.trim_end_matches(['\n', '\r']).is_empty() || r.starts_with(' '));
        if hidden {
            continue;
        }
        if code.starts_with("##") {
            let indent = line.len() - code.len();
            out.push_str(&line[..indent]);
            out.push_str(&code[1..]);
        } else {
            out.push_str(line);
        }
    }
    out.into()
}

/// How many broken anchors into one page get a hint that compares them with each of its ids
/// ([`anchor_hint`]); the rest get [`ANCHOR_HINT_SPENT`]: thousands of broken anchors into a
/// page of thousands of headings would otherwise take minutes.
pub const ANCHOR_HINTS_PER_PAGE: usize = 100;

/// The hint of a broken anchor past [`ANCHOR_HINTS_PER_PAGE`].
pub const ANCHOR_HINT_SPENT: &str =
    "an anchor is one of the page's heading ids (see the other broken anchors into it)";

/// Helps fix a broken `#anchor`: the page's closest id, or the one whose heading's words hold
/// the anchor's (`#schema-stitching` for "Schema stitching (deprecated)"), else the page's ids
/// most alike first. An id is close when a few letters change, not all of either (`#_` is
/// not a misspelt `#no`).
pub fn anchor_hint(ids: &HashSet<String>, anchor: &str) -> String {
    let mut ids: Vec<&String> = ids.iter().filter(|id| !id.starts_with("fn")).collect();
    ids.sort();
    let wanted = anchor.to_lowercase();
    let wanted_len = wanted.chars().count();
    let closest = ids
        .iter()
        .map(|id| (strsim::levenshtein(&wanted, &id.to_lowercase()), *id))
        .filter(|(distance, id)| {
            *distance <= 2.max(id.len() / 4)
                && *distance < wanted_len
                && *distance < id.chars().count()
        })
        .min();
    if let Some((_, id)) = closest {
        return format!("did you mean `#{id}`?");
    }
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let wanted_words = words(&wanted);
    // The shortest id whose words run on from, or hold, the anchor's words in a row.
    let holding = ids
        .iter()
        .filter(|id| {
            let id_words = words(id);
            !wanted_words.is_empty()
                && id_words
                    .windows(wanted_words.len())
                    .any(|w| w == wanted_words.as_slice())
        })
        .min_by_key(|id| (id.len(), **id));
    if let Some(id) = holding {
        return format!("did you mean `#{id}`?");
    }
    if ids.is_empty() {
        return "the target page has no headings to link to".into();
    }
    // Most words in common first, then the most alike in spelling.
    let likeness = |id: &str| {
        let id_words = words(id);
        let shared = wanted_words.iter().filter(|w| id_words.contains(w)).count();
        (shared, strsim::jaro_winkler(&wanted, &id.to_lowercase()))
    };
    let mut ranked: Vec<(usize, f64, &String)> = ids
        .iter()
        .map(|id| {
            let (shared, alike) = likeness(id);
            (shared, alike, *id)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(b.2)));
    let shown: Vec<String> = ranked
        .iter()
        .take(8)
        .map(|(_, _, id)| format!("#{id}"))
        .collect();
    let more = if ids.len() > shown.len() { ", ..." } else { "" };
    format!("the page's anchors include: {}{more}", shown.join(", "))
}

/// The start of a callout of the class `class` (`note`, `tip`, `important`, `warning`,
/// `caution`), with its title: the theme's markup, which GitBook's hints and MkDocs'
/// admonitions are written in too. `</div>` ends it.
pub(crate) fn callout_start(class: &str, title: Option<&str>) -> String {
    callout_start_html(class, title.map(escape).as_deref())
}

/// [`callout_start`] with a title that is HTML already.
pub(crate) fn callout_start_html(class: &str, title: Option<&str>) -> String {
    callout_start_html_with_id(class, title, None)
}

/// [`callout_start_html`], the callout given an id (escaped here).
pub(crate) fn callout_start_html_with_id(
    class: &str,
    title: Option<&str>,
    id: Option<&str>,
) -> String {
    let id = id.map_or(String::new(), |id| format!(" id=\"{}\"", escape(id)));
    let mut html = format!("<div{id} class=\"hb-callout hb-callout-{class}\" role=\"note\">");
    if let Some(title) = title {
        html.push_str("<p class=\"hb-callout-title\">");
        html.push_str(title);
        html.push_str("</p>");
    }
    html
}

/// The HTML of a line of inline Markdown (a title written with emphasis or code).
pub(crate) fn inline_html(text: &str) -> String {
    html_of_a_line(text, Parser::new_ext(text, options()))
}

/// [`inline_html`] of a title written as text with Markdown in it (MkDocs' `"Title"`s): its
/// `<` shows as written, so the title never opens a tag.
pub(crate) fn inline_text_html(text: &str) -> String {
    html_of_a_line(text, Parser::new_ext(text, options()).map(html_as_text))
}

/// A title's HTML shown as text.
fn html_as_text(event: Event<'_>) -> Event<'_> {
    match event {
        Event::InlineHtml(tag) | Event::Html(tag) => Event::Text(tag),
        event => event,
    }
}

/// An id not among `ids`, as Python-Markdown's `toc` makes one unique: an empty or taken id
/// gets `_1`, and one ending in `_<number>` the next number (`usage`, `usage_1`, `usage_2`).
fn python_unique_id(base: &str, ids: &HashSet<String>) -> String {
    let mut id = base.to_string();
    while id.is_empty() || ids.contains(&id) {
        let numbered = id.rsplit_once('_').and_then(|(stem, n)| {
            let next = n
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| n.parse::<u64>().ok()?.checked_add(1))??;
            Some(format!("{stem}_{next}"))
        });
        id = numbered.unwrap_or_else(|| format!("{id}_1"));
    }
    id
}

/// [`inline_text_html`] with the reference links (`[text][name]`) that `page` defines read:
/// a title's link defined with the page's others (MkDocs Material's docs do so).
pub(crate) fn inline_text_html_in(text: &str, page: &str) -> String {
    if !text.contains('[') || !page.contains("]:") {
        return inline_text_html(text);
    }
    let mut parser = Parser::new_ext(page, options());
    parser.by_ref().for_each(drop);
    let definitions = parser.reference_definitions();
    let callback = |link: pulldown_cmark::BrokenLink| {
        let definition = definitions.get(link.reference.as_ref())?;
        let title = definition.title.as_deref().unwrap_or_default();
        Some((
            CowStr::from(definition.dest.to_string()),
            CowStr::from(title.to_string()),
        ))
    };
    let events =
        Parser::new_with_broken_link_callback(text, options(), Some(callback)).map(html_as_text);
    html_of_a_line(text, events)
}

/// The HTML of the events of one line of Markdown `text`, without the paragraph around it.
fn html_of_a_line<'a>(text: &str, events: impl Iterator<Item = Event<'a>>) -> String {
    let mut html = String::with_capacity(text.len() + 16);
    pulldown_cmark::html::push_html(&mut html, events);
    let html = html.trim_end();
    html.strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
        .unwrap_or(html)
        .to_string()
}

/// The start of a callout that opens and closes (MkDocs' `???`, Hugo's `details`), its title
/// the summary; `</details>` ends it.
pub(crate) fn details_start(class: &str, title: &str, open: bool) -> String {
    details_start_html(class, &escape(title), open)
}

/// [`details_start`] with a title that is HTML already.
pub(crate) fn details_start_html(class: &str, title: &str, open: bool) -> String {
    format!(
        "<details class=\"hb-callout hb-callout-{class}\"{}><summary class=\"hb-callout-title\">{title}</summary>",
        if open { " open" } else { "" },
    )
}

/// The start of a set of tabs (GitBook's and MkDocs'), which the theme's script makes tabs of;
/// each tab is [`tab_start`] ... `</div>`, the set ends with `</div>`.
pub(crate) const TABS_START: &str = "<div class=\"hb-tabs\">";

/// The start of a set of tabs that shows the same tab as the other sets of its `group` (the
/// tab of the same `data-hb-value`, else the same title), the one the reader last chose in any
/// of them (the theme's script keeps it), and, given a `query`, keeps it in that parameter of
/// the page's address.
pub(crate) fn tabs_start(group: Option<&str>, query: Option<&str>) -> String {
    let mut html = String::from("<div class=\"hb-tabs\"");
    if let Some(group) = group {
        html.push_str(&format!(" data-hb-group=\"{}\"", escape(group)));
    }
    if let Some(query) = query {
        html.push_str(&format!(" data-hb-query=\"{}\"", escape(query)));
    }
    html.push('>');
    html
}

/// The start of one tab of a set, with its title.
pub(crate) fn tab_start(title: &str) -> String {
    tab_start_html(&escape(title))
}

/// [`tab_start`] with a title that is HTML already.
pub(crate) fn tab_start_html(title: &str) -> String {
    format!("<div class=\"hb-tab\"><p class=\"hb-tab-title\">{title}</p>")
}

/// A GitHub alert's callout class and title, as GitHub names it.
fn callout(kind: BlockQuoteKind) -> (&'static str, Text) {
    match kind {
        BlockQuoteKind::Note => ("note", Text::CalloutNote),
        BlockQuoteKind::Tip => ("tip", Text::CalloutTip),
        BlockQuoteKind::Important => ("important", Text::CalloutImportant),
        BlockQuoteKind::Warning => ("warning", Text::CalloutWarning),
        BlockQuoteKind::Caution => ("caution", Text::CalloutCaution),
    }
}

/// Raw HTML with the values of its tags' `id="..."`, `name="..."` and `for="..."` attributes
/// prefixed (the print view's ids of a page); `None` when it has none. Text that only looks like
/// an attribute (`&lt;div id="x"&gt;` in a code sample) stays.
fn prefix_html_ids(html: &str, prefix: &str) -> Option<String> {
    if !html.contains(" id=") && !html.contains(" name=") && !html.contains(" for=") {
        return None;
    }
    let mut out = String::with_capacity(html.len() + 32);
    let mut rest = html;
    let mut changed = false;
    loop {
        let next = [" id=", " name=", " for="]
            .iter()
            .filter_map(|attr| rest.find(attr).map(|i| (i, attr.len())))
            .min();
        let Some((i, len)) = next else { break };
        let value_at = i + len;
        out.push_str(&rest[..value_at]);
        rest = &rest[value_at..];
        // Inside a tag: its `<` comes after the last `>` written so far.
        let in_tag = out
            .rfind('<')
            .is_some_and(|open| !out[open..].contains('>'));
        if let Some(quote) = rest
            .chars()
            .next()
            .filter(|c| in_tag && (*c == '"' || *c == '\''))
        {
            if rest[1..].contains(quote) {
                out.push(quote);
                push_escaped(&mut out, prefix);
                rest = &rest[1..];
                changed = true;
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// Adds the `id="..."` and `name="..."` values written in raw HTML.
fn collect_html_ids(html: &str, ids: &mut HashSet<String>) {
    for attr in [" id=", " name="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            if let Some(end) = rest[1..].find(quote) {
                ids.insert(rest[1..1 + end].to_string());
            }
        }
    }
}

/// A URL written into an attribute of raw HTML, quoted or not: what would end the value or
/// the tag is percent-encoded, `&` written as `&amp;`.
fn push_attribute_url(out: &mut String, url: &str) {
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '\'' => out.push_str("%27"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
}

/// Escapes text for an HTML attribute or element.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped(&mut out, s);
    out
}

/// Which bytes [`push_escaped`] replaces.
const ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table
};

/// Appends `text` escaped for an HTML attribute or element.
pub fn push_escaped(html: &mut String, text: &str) {
    // Byte by byte with a table: the sidebar alone escapes some kilobytes a page. The bytes
    // replaced are ASCII, so every cut falls between characters.
    let mut from = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if !ESCAPED[b as usize] {
            continue;
        }
        html.push_str(&text[from..i]);
        html.push_str(match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        from = i + 1;
    }
    html.push_str(&text[from..]);
}

/// Checks, for the tests and the `markdown` fuzz target, that writing the print view in the
/// same pass as the page ([`write_page_and_print`]) gives what writing both in full does, with
/// changes like the print view's at every event it changes.
#[doc(hidden)]
pub fn print_view_agrees(doc: &str) -> Result<(), String> {
    let events: Vec<Event> = Parser::new_ext(doc, options()).collect();
    for changes in [
        print_like_changes(&events, true),
        print_like_changes(&events, false),
        unlike_changes(&events),
    ] {
        let (mut html, mut print) = ("<kept>".to_string(), String::new());
        write_page_and_print(events.clone(), changes.clone(), &mut html, &mut print);
        let (mut html_twice, mut print_twice) = ("<kept>".to_string(), String::new());
        write_twice(events.clone(), changes, &mut html_twice, &mut print_twice);
        if html != html_twice {
            return Err(format!("page:\n{html}\n---\n{html_twice}"));
        }
        if print != print_twice {
            return Err(format!("print view:\n{print}\n---\n{print_twice}"));
        }
    }
    Ok(())
}

/// Changes the print view never makes, which the single pass must leave to the full one: inline
/// HTML turned into block HTML, and images given another title.
fn unlike_changes<'a>(events: &[Event<'a>]) -> Vec<(usize, Event<'a>)> {
    changed(events, |event| {
        match event {
            Event::InlineHtml(html) => *event = Event::Html(html.clone()),
            Event::Start(Tag::Image { title, .. }) => *title = "another title".into(),
            _ => return false,
        }
        true
    })
}

/// Changes like the print view's (other hrefs and ids) at every event it changes: with
/// `before`, text put before the original (as the print view's prefixes are), else after.
fn print_like_changes<'a>(events: &[Event<'a>], before: bool) -> Vec<(usize, Event<'a>)> {
    changed(events, |event| match event {
        Event::Start(Tag::Link { dest_url: s, .. } | Tag::Image { dest_url: s, .. })
        | Event::Html(s)
        | Event::InlineHtml(s) => {
            *s = if before {
                format!("p-x--&\"<'>{s}")
            } else {
                format!("{s}-&\"<'>")
            }
            .into();
            true
        }
        _ => false,
    })
}

/// The events `change` changes (it says whether it did), with their indexes.
fn changed<'a>(
    events: &[Event<'a>],
    change: impl Fn(&mut Event<'a>) -> bool,
) -> Vec<(usize, Event<'a>)> {
    events
        .iter()
        .enumerate()
        .filter_map(|(i, event)| {
            let mut event = event.clone();
            change(&mut event).then_some((i, event))
        })
        .collect()
}

/// A relative address of raw HTML (no scheme, not from the root, not only an anchor or a query)
/// read from the folder of the page's URL `url`, as the address from the site's root it names
/// (`../img/a.png` on `guide/` is `/img/a.png`); `None` for any other, or one above the root.
fn from_page_url(written: &str, url: &str) -> Option<String> {
    if written.is_empty()
        || written.starts_with(['/', '#', '?'])
        || crate::links::scheme(written).is_some()
    {
        return None;
    }
    let (path, rest) = written.split_at(written.find(['?', '#']).unwrap_or(written.len()));
    let from_root = crate::links::normalize(url, path)?;
    Some(["/", &from_root, rest].concat())
}

/// pulldown-cmark's events, with the bare addresses of text outside links, images, code and
/// raw `<a>` elements made links ([`crate::autolink`]); each piece keeps its text's range.
struct Autolinked<'a, I> {
    events: I,
    on: bool,
    /// How deep in links and images (Markdown's or raw HTML `<a>`s) the text is.
    inside: usize,
    code: bool,
    pending: std::collections::VecDeque<(Event<'a>, std::ops::Range<usize>)>,
}

impl<'a, I> Autolinked<'a, I> {
    fn new(events: I, on: bool) -> Self {
        Autolinked {
            events,
            on,
            inside: 0,
            code: false,
            pending: std::collections::VecDeque::new(),
        }
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, std::ops::Range<usize>)>> Iterator for Autolinked<'a, I> {
    type Item = (Event<'a>, std::ops::Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(next) = self.pending.pop_front() {
            return Some(next);
        }
        let (event, range) = self.events.next()?;
        if !self.on {
            return Some((event, range));
        }
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => self.inside += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => self.inside = self.inside.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => self.code = true,
            Event::End(TagEnd::CodeBlock) => self.code = false,
            Event::InlineHtml(html) | Event::Html(html) if html.contains(['a', 'A']) => {
                let html = html.to_ascii_lowercase();
                let opened = html.matches("<a ").count() + html.matches("<a>").count();
                self.inside = (self.inside + opened).saturating_sub(html.matches("</a").count());
            }
            // The shortest address is seven bytes long (`www.a.b`, `http://a`).
            Event::Text(text) if self.inside == 0 && !self.code && text.len() >= 7 => {
                let found = crate::autolink::find(text);
                if !found.is_empty() {
                    let piece = |s: &str| (Event::Text(s.to_string().into()), range.clone());
                    let mut last = 0;
                    for (start, end, href) in found {
                        if start > last {
                            self.pending.push_back(piece(&text[last..start]));
                        }
                        let link = Tag::Link {
                            link_type: pulldown_cmark::LinkType::Autolink,
                            dest_url: href.into(),
                            title: "".into(),
                            id: "".into(),
                        };
                        self.pending.push_back((Event::Start(link), range.clone()));
                        self.pending.push_back(piece(&text[start..end]));
                        self.pending
                            .push_back((Event::End(TagEnd::Link), range.clone()));
                        last = end;
                    }
                    if last < text.len() {
                        self.pending.push_back(piece(&text[last..]));
                    }
                    return self.pending.pop_front();
                }
            }
            _ => {}
        }
        Some((event, range))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_hints_suggest_ids_that_are_near_not_any_short_one() {
        let ids: HashSet<String> = ["no", "setup", "on-call-rota", "fn-1"]
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(anchor_hint(&ids, "setpu"), "did you mean `#setup`?");
        assert_eq!(
            anchor_hint(&ids, "on-call-rotaa"),
            "did you mean `#on-call-rota`?"
        );
        assert_eq!(anchor_hint(&ids, "nop"), "did you mean `#no`?");
        for far in ["_", "x", "ab"] {
            assert!(
                !anchor_hint(&ids, far).starts_with("did you mean"),
                "{far}: {}",
                anchor_hint(&ids, far)
            );
        }
    }

    #[test]
    fn an_address_put_in_raw_html_cannot_end_its_attribute_or_tag() {
        let mut out = String::new();
        push_attribute_url(&mut out, "../a b.html#x\"y'z<>&q");
        assert_eq!(out, "../a%20b.html#x%22y%27z%3C%3E&amp;q");
    }

    #[test]
    fn the_print_view_written_once_is_the_print_view_written_twice() {
        let mut docs: Vec<String> = [
            "# Title\n\nText with [a link](x.md \"and a title\") and <b>html</b>.\n",
            "![alt with [a link](y.md) and <i>html</i> and `code`](img.png \"t\")\n",
            "![outer ![inner](i.png) text](o.png)\n\n[![img](a.png)](b.md)\n",
            "| a | [b](c.md) |\n|---|:-:|\n| <br> | ![i](j.png) |\n",
            "Footnote[^1] and <span id=\"x\">raw</span>\n\n[^1]: With [a link](z.md).\n",
            "<div>\nblock html\n</div>\n\n- [ ] task [l](m.md)\n- item\n\n---\n",
            "> [!NOTE]\n> A [link](n.md) in a callout.\n\n<mailto:me@example.com> and <https://a.b>\n",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for entry in walkdir::WalkDir::new(content).into_iter().flatten() {
            if entry.path().extension().is_some_and(|e| e == "md") {
                docs.push(std::fs::read_to_string(entry.path()).unwrap_or_default());
            }
        }
        assert!(docs.len() > 10);
        for doc in &docs {
            assert_eq!(print_view_agrees(doc), Ok(()), "{doc}");
        }
    }

    #[test]
    fn escaping_replaces_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            escape(r#"a&b<c>d"e'f — Ünïcödé 日本 & <<"#),
            "a&amp;b&lt;c&gt;d&quot;e&#39;f — Ünïcödé 日本 &amp; &lt;&lt;"
        );
        assert_eq!(escape(""), "");
        assert_eq!(escape("&"), "&amp;");
        assert_eq!(escape("plain"), "plain");
    }
}
