//! A step taken on a folded German word before Snowball's German stemmer (rust-stemmers 1.2.0),
//! which leaves the feminine -erin and -erinnen on a word: Mitarbeiterin and Mitarbeiterinnen
//! would stem apart from Mitarbeiter, and Managerin from Manager. Newer Snowball removes these
//! endings; this step does the same before the older algorithm runs.
//! `themes/default/stemmers/de.js` takes the same step at the start of its `stem`; the two must
//! agree on every word.

use super::is_germanic_vowel as is_vowel;

/// Masculine endings besides -er whose feminine adds -in: Moderator, Praktikant, Student,
/// Journalist, Kolleg(e), Architekt, Ingenieur.
const OTHER_MASCULINE: &[&str] = &["or", "ant", "ent", "ist", "eg", "ekt", "eur"];

/// The word to hand to the German stemmer in place of `word`: a feminine -in or -innen cut back
/// to its masculine (mitarbeiterinnen to mitarbeiter, managerin to manager, kollegin to kolleg,
/// studentinnen to student). Guards: before an -er, at least two letters, one of them a vowel,
/// which keeps gerinnen, Schwerin and scherin as they are while userin and oberin still lose
/// their ending; before the other endings ([`OTHER_MASCULINE`]), at least three, one a vowel
/// (Pektin, Dentin stay). Only ASCII words, all that folding leaves of German, are touched, so
/// that letters count the same in the browser.
pub fn prepare(word: &str) -> &str {
    let guarded =
        |before: &str, letters: usize| before.len() >= letters && before.bytes().any(is_vowel);
    let masculine = word
        .strip_suffix("innen")
        .or_else(|| word.strip_suffix("in"))
        .filter(|base| match base.strip_suffix("er") {
            Some(before) => guarded(before, 2),
            None => OTHER_MASCULINE.iter().any(|ending| {
                base.strip_suffix(ending)
                    .is_some_and(|before| guarded(before, 3))
            }),
        });
    match masculine {
        Some(base) if word.is_ascii() => base,
        _ => word,
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
            ("kollegin", "kolleg"),
            ("studentinnen", "student"),
            ("praktikantin", "praktikant"),
            ("journalistin", "journalist"),
            ("architektin", "architekt"),
            ("ingenieurin", "ingenieur"),
            ("moderatorin", "moderator"),
        ] {
            assert_eq!(prepare(word), want, "{word}");
        }
    }

    #[test]
    fn other_words_are_left_alone() {
        for word in [
            "mitarbeiter",
            "pektin",
            "dentin",
            "termin",
            "beginnen",
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
            assert_eq!(prepare(prepare(word)), prepare(word), "{word}");
        }
    }
}
