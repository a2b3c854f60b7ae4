//! Middleman's ERB in a page written `name.html.md.erb`, as GOV.UK's tech docs write their
//! pages: an output tag that shows one of the page's front matter values
//! (`<%= current_page.data.title %>`) is that value, a comment (`<%# ... %>`) shows nothing,
//! and any other tag is Ruby that handbook does not run: it shows as written, with one warning
//! a page.

use crate::diagnostic::Diagnostic;
use crate::page::ParsedPage;

/// Whether a page is an ERB template of Markdown (`.md.erb`).
pub fn is_erb_page(page: &ParsedPage) -> bool {
    page.rel.to_ascii_lowercase().ends_with(".md.erb")
}

/// Puts the front matter values a page's ERB shows in its place (in its leading heading too).
pub fn expand(page: &mut ParsedPage) -> Vec<Diagnostic> {
    if !is_erb_page(page) {
        return Vec::new();
    }
    // The leading heading, taken out of the body before this (`# <%= current_page.data.title %>`).
    if let Some(heading) = page.heading.as_deref().filter(|h| h.contains("<%")) {
        if let Some(text) = shown(page, heading.trim()) {
            page.heading = Some(text);
        }
    }
    let body = page.body();
    if !body.contains("<%") {
        return Vec::new();
    }
    let mut changes: Vec<(usize, usize, String)> = Vec::new();
    let mut unread: Option<(usize, String)> = None;
    let mut from = 0;
    while let Some(start) = body[from..].find("<%").map(|i| from + i) {
        let Some(len) = body[start + 2..].find("%>") else {
            break;
        };
        let end = start + 2 + len + 2;
        from = end;
        let tag = &body[start..end];
        match shown(page, tag) {
            Some(text) => changes.push((start, end, text)),
            None => {
                unread.get_or_insert((start, tag.to_string()));
                // As written: its quotes not made typographic.
                changes.push((start, end, crate::markdown::escape(tag)));
            }
        }
    }
    let positions = page.file_positions();
    let diagnostics = unread
        .map(|(at, tag)| {
            let tag: String = tag.chars().take(60).collect();
            Diagnostic::warning(
                "erb",
                &page.path,
                format!(
                    "`{tag}` is Ruby (ERB) that handbook does not run: it shows as written, and \
                     so does any other in this page"
                ),
            )
            .at(positions.position(page.body_start + at))
            .hint("write what it makes into the page; `<%= current_page.data.KEY %>` is read")
        })
        .into_iter()
        .collect();
    page.replace_ranges(changes, Vec::new());
    diagnostics
}

/// What one ERB tag shows, when handbook knows: a comment nothing, a front matter value it.
fn shown(page: &ParsedPage, tag: &str) -> Option<String> {
    let inner = tag.strip_prefix("<%")?.strip_suffix("%>")?;
    if inner.starts_with('#') {
        return Some(String::new());
    }
    let expression = inner
        .strip_prefix('=')?
        .trim_matches(|c: char| c == '-' || c.is_whitespace());
    let data = expression
        .strip_prefix("current_page.data")
        .or_else(|| expression.strip_prefix("current_page.metadata[:page]"))?;
    let key = match data.strip_prefix('.') {
        Some(key) => key,
        None => data
            .strip_prefix('[')?
            .strip_suffix(']')?
            .trim()
            .trim_start_matches(':')
            .trim_matches(['"', '\'']),
    };
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let meta = &page.meta;
    let text = match key {
        "title" => meta.title.clone().unwrap_or_else(|| page.title.clone()),
        "description" => meta.description.clone()?,
        "owner" => meta.owner.clone()?,
        _ => match meta.extra.get(key)? {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Bool(b) => b.to_string(),
            _ => return None,
        },
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(front: &str) -> ParsedPage {
        let file = crate::source::SourceFile {
            path: "p.html.md.erb".into(),
            rel: "p.html.md.erb".into(),
            text: format!("---\n{front}---\n"),
        };
        ParsedPage::parse(file).0
    }

    #[test]
    fn front_matter_values_are_shown_and_other_ruby_is_not() {
        let p = page("title: Guide\nowner_slack: \"#team\"\n");
        assert_eq!(
            shown(&p, "<%= current_page.data.title %>").as_deref(),
            Some("Guide")
        );
        assert_eq!(
            shown(&p, "<%= current_page.data['title'] %>").as_deref(),
            Some("Guide")
        );
        assert_eq!(
            shown(&p, "<%= current_page.data[:owner_slack] %>").as_deref(),
            Some("#team")
        );
        assert_eq!(shown(&p, "<%# a comment %>").as_deref(), Some(""));
        assert_eq!(shown(&p, "<%= partial 'x' %>"), None);
        assert_eq!(shown(&p, "<% if x %>"), None);
        assert_eq!(shown(&p, "<%= current_page.data.missing %>"), None);
        assert_eq!(shown(&p, "<%= current_page.data.title.upcase %>"), None);
    }
}
