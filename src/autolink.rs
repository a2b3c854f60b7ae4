//! Bare addresses in text as links: `https://example.com/x` and `www.example.com`, written
//! without `<...>` or `[...](...)`, as GitHub, GitLab, Hugo (Goldmark's linkify) and Docusaurus
//! (remark-gfm) show them. The rules are GitHub Flavored Markdown's "autolinks (extension)": an
//! address starts a line or follows white space or `*`, `_`, `~`, `(`; its domain is at least
//! two parts; it ends at white space or `<`, without the punctuation that ends a sentence
//! (`.`, `,`, `:`, `!`, `?`, `*`, `_`, `~`), a `)` it does not open, or an entity (`&amp;`).

use std::sync::LazyLock;

use memchr::memmem::Finder;

/// The bare addresses of `text`: (start, end, the address a link gives), in order.
pub fn find(text: &str) -> Vec<(usize, usize, String)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = next_candidate(&bytes[from..]).map(|i| from + i) {
        let starts_well = at == 0
            || matches!(
                bytes[at - 1],
                b' ' | b'\t' | b'\n' | b'\r' | b'*' | b'_' | b'~' | b'('
            );
        let (scheme, www) = if bytes[at..].starts_with(b"https://") {
            (8, false)
        } else if bytes[at..].starts_with(b"http://") {
            (7, false)
        } else {
            (0, true)
        };
        let end = starts_well.then(|| address_end(text, at, scheme)).flatten();
        match end {
            Some(end) => {
                let written = &text[at..end];
                let href = if www {
                    format!("http://{written}")
                } else {
                    written.to_string()
                };
                found.push((at, end, href));
                from = end;
            }
            None => from = at + 1,
        }
    }
    found
}

/// Searchers for what starts an address, made once.
static SCHEME_END: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("://"));
static WWW: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("www."));

/// Where the next `http://`, `https://` or `www.` begins in `bytes`, if anywhere.
fn next_candidate(bytes: &[u8]) -> Option<usize> {
    let http = SCHEME_END.find_iter(bytes).find_map(|i| {
        let before = &bytes[..i];
        if before.ends_with(b"https") {
            Some(i - 5)
        } else {
            before.ends_with(b"http").then(|| i - 4)
        }
    });
    let www = WWW.find(bytes);
    match (http, www) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The end of the address that starts at `at` (its scheme `scheme` bytes long, or 0 for
/// `www.`), if a valid domain follows.
fn address_end(text: &str, at: usize, scheme: usize) -> Option<usize> {
    let rest = &text[at + scheme..];
    // The domain: parts of letters, digits, `-` and `_`, between dots.
    let domain_len = rest
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(rest.len());
    let domain = rest[..domain_len].trim_end_matches('.');
    // `www.` needs a dot after it; an address with its scheme may name one host
    // (`http://localhost:8080`), as cmark-gfm reads them.
    let parts: Vec<&str> = domain.split('.').collect();
    let least = if scheme == 0 { 2 } else { 1 };
    let valid = parts.len() >= least
        && parts.iter().all(|p| !p.is_empty())
        && parts[parts.len().saturating_sub(2)..]
            .iter()
            .all(|p| !p.contains('_'));
    if !valid {
        return None;
    }
    // Then anything up to white space or `<`.
    let tail = &rest[domain.len()..];
    let path_len = tail
        .find(|c: char| c.is_whitespace() || c == '<')
        .unwrap_or(tail.len());
    let mut end = at + scheme + domain.len() + path_len;
    // Trailing punctuation, unmatched `)` and an entity are not the address's.
    loop {
        let address = &text[at..end];
        let Some(last) = address.chars().next_back() else {
            break;
        };
        if matches!(
            last,
            '?' | '!' | '.' | ',' | ':' | '*' | '_' | '~' | '\'' | '"'
        ) {
            end -= last.len_utf8();
        } else if last == ')' && address.matches(')').count() > address.matches('(').count() {
            end -= 1;
        } else if last == ';' {
            let entity = address[..address.len() - 1].rfind('&').filter(|&amp| {
                let name = &address[amp + 1..address.len() - 1];
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric())
            });
            match entity {
                Some(amp) => end = at + amp,
                None => break,
            }
        } else {
            break;
        }
    }
    (end >= at + scheme + domain.len()).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::find;

    fn links(text: &str) -> Vec<(&str, String)> {
        find(text)
            .into_iter()
            .map(|(start, end, href)| (&text[start..end], href))
            .collect()
    }

    #[test]
    fn addresses_as_github_finds_them() {
        assert_eq!(
            links("Visit www.commonmark.org/help for more information."),
            [(
                "www.commonmark.org/help",
                "http://www.commonmark.org/help".into()
            )]
        );
        assert_eq!(
            links("See https://example.com/a_b?c=d, then stop."),
            [(
                "https://example.com/a_b?c=d",
                "https://example.com/a_b?c=d".into()
            )]
        );
        // A `)` the address does not open is the sentence's.
        assert_eq!(
            links("(see https://en.wikipedia.org/wiki/Rust_(language))"),
            [(
                "https://en.wikipedia.org/wiki/Rust_(language)",
                "https://en.wikipedia.org/wiki/Rust_(language)".into()
            )]
        );
        assert_eq!(
            links("www.google.com/search?q=(business))+ok")[0].0,
            "www.google.com/search?q=(business))+ok"
        );
        assert_eq!(
            links("www.google.com/search?q=Markup+(business)))")[0].0,
            "www.google.com/search?q=Markup+(business)"
        );
        // An entity at the end is not the address's.
        assert_eq!(
            links("www.google.com/search?q=commonmark&hl;")[0].0,
            "www.google.com/search?q=commonmark"
        );
        assert_eq!(
            links("www.commonmark.org/he<lp")[0].0,
            "www.commonmark.org/he"
        );
        assert_eq!(
            links("http://localhost:8080/x")[0].0,
            "http://localhost:8080/x"
        );
        assert_eq!(
            links("Two: http://a.io and https://b.io/x.")
                .iter()
                .map(|(w, _)| *w)
                .collect::<Vec<_>>(),
            ["http://a.io", "https://b.io/x"]
        );
    }

    #[test]
    fn not_addresses() {
        for text in [
            "www.",
            "www._x.com",
            "xhttps://example.com",
            "nowww.example.com",
            "https://",
            "www.a_b.c_d",
            "https://.com",
        ] {
            assert_eq!(links(text), [], "{text}");
        }
    }
}
