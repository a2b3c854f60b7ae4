//! Turning names and headings into URL parts and ids.

/// Lower-case letters and digits (of any script), every other run of characters one `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            push_lower(&mut out, c);
        } else if c == '\'' || c == '\u{2019}' {
            // "manager's" reads better as "managers" than "manager-s".
        } else {
            dash = true;
        }
    }
    out
}

/// A tag's or audience's URL part: its [`slugify`], with `+` spelled `plus` and a `#` after a
/// letter `sharp`, as C, C++, C# and F# are four tags (a leading `#`, `#hiring`, is dropped);
/// `term` for a name of no letter or digit. Names that differ only in case, spaces or
/// punctuation (`Soft Skills`, `soft-skills`) are one tag.
pub fn term_slug(name: &str) -> String {
    let mut spelled = String::with_capacity(name.len() + 8);
    let mut after_letter = false;
    for c in name.chars() {
        match c {
            '+' => spelled.push_str(" plus "),
            '#' if after_letter => spelled.push_str(" sharp "),
            c => spelled.push(c),
        }
        after_letter = c.is_alphanumeric();
    }
    let slug = slugify(&spelled);
    if slug.is_empty() {
        "term".into()
    } else {
        slug
    }
}

/// A path of several URL parts (`/install/Linux Setup/`) as the site's URL parts:
/// `install/linux-setup`, each part a [`slugify`], empty ones (and `.`, `..`) left out, so that
/// none leads out of the site; empty when no part is left.
pub fn slugify_path(path: &str) -> String {
    let parts: Vec<String> = path
        .split('/')
        .map(slugify)
        .filter(|part| !part.is_empty())
        .collect();
    parts.join("/")
}

/// A heading's id, as GitHub and mdBook make it, so that anchors written against those keep
/// working: lower-case letters and digits, `-` and `_` kept, each space a `-`, the rest dropped.
pub fn anchor_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            push_lower(&mut out, c);
        } else if c == ' ' {
            out.push('-');
        }
    }
    out
}

/// A heading's id as Python-Markdown's `toc` makes it by default (MkDocs): the text's letters
/// made ASCII (accents dropped, other scripts left out), only letters, digits, `_`, `-` and
/// spaces kept, trimmed, lower-cased, and each run of spaces and `-` one `-`.
pub fn python_markdown_id(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let kept: String = text
        .nfkd()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-') || c.is_ascii_whitespace())
        .collect();
    let mut out = String::with_capacity(kept.len());
    let mut separator = false;
    for c in kept.trim().chars() {
        if c == '-' || c.is_ascii_whitespace() {
            separator = true;
            continue;
        }
        if separator {
            out.push('-');
            separator = false;
        }
        out.push(c.to_ascii_lowercase());
    }
    if separator {
        out.push('-');
    }
    out
}

/// Appends `c` lower-cased (ASCII, nearly every character of a heading, without Unicode's
/// tables).
#[inline]
fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::{python_markdown_id, slugify, term_slug};

    #[test]
    fn python_markdown_ids_are_those_mkdocs_writes() {
        for (text, id) in [
            ("Caret, Mark & Tilde", "caret-mark-tilde"),
            ("Sub- and superscripts", "sub-and-superscripts"),
            ("\u{2013} Version", "version"),
            ("Café au lait", "cafe-au-lait"),
            ("snake_case  words", "snake_case-words"),
            ("-leading", "-leading"),
            ("Foo -", "foo-"),
            ("日本語", ""),
        ] {
            assert_eq!(python_markdown_id(text), id, "{text}");
        }
    }

    #[test]
    fn terms_of_like_letters_but_other_signs_are_apart() {
        let slugs: Vec<String> = [
            "C",
            "C++",
            "C#",
            "F#",
            "#hiring",
            "A+B",
            "Soft Skills",
            "soft-skills",
            "!!",
        ]
        .iter()
        .map(|name| term_slug(name))
        .collect();
        assert_eq!(
            slugs,
            [
                "c",
                "c-plus-plus",
                "c-sharp",
                "f-sharp",
                "hiring",
                "a-plus-b",
                "soft-skills",
                "soft-skills",
                "term"
            ]
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("What does an EM do?"), "what-does-an-em-do");
        assert_eq!(
            slugify("  Engineering manager's role "),
            "engineering-managers-role"
        );
        assert_eq!(slugify("Ünïcode Straße"), "ünïcode-straße");
        assert_eq!(slugify("???"), "");
    }

    #[test]
    fn anchors_match_github() {
        use super::anchor_id;
        assert_eq!(anchor_id("What does an EM do?"), "what-does-an-em-do");
        assert_eq!(
            anchor_id("Example 5 - Derived class"),
            "example-5---derived-class"
        );
        assert_eq!(anchor_id("Loop & tie"), "loop--tie");
        assert_eq!(anchor_id("Days 1–30: listen"), "days-130-listen");
        assert_eq!(anchor_id("Équipe DÉMO İ"), "équipe-démo-i\u{307}");
    }
}
