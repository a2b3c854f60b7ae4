//! The rewriting of a diagram's SVG (`diagram::clean_svg`): whatever it is given, it never
//! panics; what it writes is an `<svg>` element that it reads back unchanged (given no
//! prefix), with text only in its titles and descriptions, and no value in it calls a function
//! that could fetch (`url()` of anything but one of the drawing's ids, `image-set()`).
#![no_main]

use handbook::diagram::clean_svg;
use libfuzzer_sys::fuzz_target;

fn same(href: &str) -> Option<String> {
    Some(href.to_string())
}

fuzz_target!(|data: &[u8]| {
    let Ok(svg) = std::str::from_utf8(data) else {
        return;
    };
    let _ = clean_svg(svg, "p-", &mut same);
    let Ok((clean, _)) = clean_svg(svg, "", &mut same) else {
        return;
    };
    let (again, _) = clean_svg(&clean, "", &mut same)
        .unwrap_or_else(|e| panic!("{e}: its own output refused: {clean:?}"));
    assert_eq!(again, clean, "not stable: {svg:?}");
    assert!(
        clean.starts_with("<svg") && (clean.ends_with("</svg>") || clean.ends_with("/>")),
        "not an <svg> element: {clean:?}"
    );
    // Titles and descriptions hold text only: an HTML parser reads HTML again inside them.
    for name in ["desc", "title"] {
        let (open, close) = (format!("<{name}"), format!("</{name}>"));
        for (at, _) in clean.match_indices(&open) {
            let Some(start) = clean[at..].find('>').map(|i| at + i + 1) else {
                continue;
            };
            if clean[..start].ends_with("/>") {
                continue;
            }
            let end = clean[start..]
                .find(&close)
                .map_or(clean.len(), |i| start + i);
            assert!(
                !clean[start..end].contains('<'),
                "an element in <{name}>: {clean:?}"
            );
        }
    }
    // The values of attributes read as CSS (names, words and links are not; text between tags
    // is escaped and never read as CSS).
    let parts: Vec<&str> = clean.split('"').collect();
    for pair in parts.chunks(2).filter(|p| p.len() == 2) {
        let name = pair[0]
            .trim_end_matches('=')
            .rsplit(' ')
            .next()
            .unwrap_or("");
        let words = [
            "id",
            "class",
            "role",
            "target",
            "href",
            "aria-label",
            "aria-roledescription",
            "aria-labelledby",
            "aria-describedby",
        ];
        if words.contains(&name) {
            continue;
        }
        // As the browser reads it.
        let value = pair[1]
            .replace("&#39;", "'")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
            .to_ascii_lowercase();
        for gone in ["@", "\\", "/*"] {
            assert!(!value.contains(gone), "{gone} in {value:?}");
        }
        // Only colours and transforms are called, and url() of an id.
        for (at, _) in value.match_indices('(') {
            let name: String = value[..at]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let known = [
                "url",
                "rgb",
                "rgba",
                "hsl",
                "hsla",
                "translate",
                "rotate",
                "scale",
                "matrix",
                "skewx",
                "skewy",
            ];
            assert!(known.contains(&name.as_str()), "{name}() in {value:?}");
        }
        let mut rest = value.as_str();
        while let Some(at) = rest.find("url(") {
            rest = rest[at + 4..].trim_start_matches(['\'', '"', ' ']);
            assert!(rest.starts_with('#'), "url() of an address in {value:?}");
        }
    }
});
