//! Emoji shortcodes (`:tada:`, `:white_check_mark:`), shown as the emoji they name, as GitHub
//! and GitLab show them in Markdown and as Hugo (`enableEmoji`), Zola (`render_emoji`) and
//! MkDocs (`pymdownx.emoji`) do when asked. The names are GitHub's (gemoji), from the `emojis`
//! crate; a name it does not know (Material's icons, `:material-check:`) stays as written, and
//! so does everything in code and raw HTML.

use crate::page::ParsedPage;

/// The longest name looked up.
const MAX_NAME: usize = 40;

/// The shortcodes of a text: (start, end, emoji), in order.
fn shortcodes(text: &str) -> Vec<(usize, usize, &'static str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b':', &bytes[from..]).map(|i| from + i) {
        let name_len = bytes[i + 1..]
            .iter()
            .take(MAX_NAME + 1)
            .take_while(|&&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_+-".contains(&b))
            .count();
        let close = i + 1 + name_len;
        if name_len == 0 || name_len > MAX_NAME || bytes.get(close) != Some(&b':') {
            from = i + 1;
            continue;
        }
        match emojis::get_by_shortcode(&text[i + 1..close]) {
            Some(emoji) => {
                out.push((i, close + 1, emoji.as_str()));
                from = close + 1;
            }
            // The closing colon may open the next one (`:not-one:tada:`).
            None => from = close,
        }
    }
    out
}

/// Puts the emoji in place of the shortcodes of a page's body, outside code and raw HTML.
pub fn expand(page: &mut ParsedPage) {
    let body = page.body();
    let found = shortcodes(body);
    if found.is_empty() {
        return;
    }
    let literal = crate::expand::literal_ranges(body, true);
    let changes: Vec<(usize, usize, String)> = found
        .into_iter()
        .filter(|&(start, _, _)| !crate::expand::inside(&literal, start))
        .map(|(start, end, emoji)| (start, end, emoji.to_string()))
        .collect();
    page.replace_ranges(changes, Vec::new());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcodes_by_name_and_others_left() {
        let found: Vec<&str> =
            shortcodes(":tada: at 10:30:00, :+1:, :not_an_emoji:smile: :material-check: ::")
                .into_iter()
                .map(|(_, _, e)| e)
                .collect();
        assert_eq!(found, ["🎉", "👍", "😄"]);
    }
}
