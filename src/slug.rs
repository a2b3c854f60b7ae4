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
            out.extend(c.to_lowercase());
        } else if c == '\'' || c == '\u{2019}' {
            // "manager's" reads better as "managers" than "manager-s".
        } else {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slugify;

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
}
