//! A step taken on a folded German word before Snowball's German stemmer (rust-stemmers 1.2.0),
//! which leaves the feminine -erin and -erinnen on a word: Mitarbeiterin and Mitarbeiterinnen
//! would stem apart from Mitarbeiter, and Managerin from Manager. Newer Snowball removes these
//! endings; this step does the same before the older algorithm runs.
//! `themes/default/stemmers/de.js` takes the same step at the start of its `stem`; the two must
//! agree on every word.

use std::borrow::Cow;

use super::is_germanic_vowel as is_vowel;

/// The word to hand to the German stemmer in place of `word`: a feminine -erin or -erinnen cut
/// back to -er (mitarbeiterinnen to mitarbeiter, managerin to manager). Guard: at least two
/// letters must stand before that -er, one of them a vowel, which keeps gerinnen, Schwerin and
/// scherin as they are while userin and oberin still lose their ending. Only ASCII words, all
/// that folding leaves of German, are touched, so that letters count the same in the browser.
pub fn prepare(word: &str) -> Cow<'_, str> {
    let masculine = word
        .strip_suffix("innen")
        .or_else(|| word.strip_suffix("in"))
        .filter(|base| {
            base.strip_suffix("er")
                .is_some_and(|before| before.len() >= 2 && before.bytes().any(is_vowel))
        });
    match masculine {
        Some(base) if word.is_ascii() => Cow::Borrowed(base),
        _ => Cow::Borrowed(word),
    }
}

#[cfg(test)]
mod tests {
    use super::prepare;

    #[test]
    fn feminine_forms_read_as_the_masculine() {
        for (word, want) in [
            ("mitarbeiterin", "mitarbeiter"),
            ("mitarbeiterinnen", "mitarbeiter"),
            ("managerin", "manager"),
            ("teamleiterinnen", "teamleiter"),
            ("bauerin", "bauer"),
            ("userin", "user"),
        ] {
            assert_eq!(prepare(word), want, "{word}");
        }
    }

    #[test]
    fn other_words_are_left_alone() {
        for word in [
            "mitarbeiter",
            "kollegin",
            "kolleginnen",
            "gerinnen",
            "schwerin",
            "erin",
            "erinnen",
            "innen",
            "",
            "in",
            "er",
            "hauserin\u{e9}",
            "\u{1F600}\u{1F600}erin",
        ] {
            assert_eq!(prepare(word), word, "{word}");
        }
    }

    #[test]
    fn a_prepared_word_is_prepared_already() {
        // What comes out ends in -er, never in -in: taking the step twice changes nothing.
        for word in ["managerinnen", "leserinerin", "hierin"] {
            assert_eq!(prepare(&prepare(word)), prepare(word), "{word}");
        }
    }
}
