//! A step taken on a folded Dutch word before Snowball's Dutch stemmer (rust-stemmers 1.2.0),
//! which keeps the -s of a plural after a vowel: functies, organisaties, vakanties would stem apart
//! from functie, organisatie, vakantie (and categorieën from categorie). This step reads such a
//! plural as its singular first.
//! `themes/default/stemmers/nl.js` takes the same step at the start of its `stem`; the two must
//! agree on every word.

use super::is_germanic_vowel as is_vowel;

/// The word to hand to the Dutch stemmer in place of `word`: a plural -ies cut back to the -ie of
/// its singular (functies to functie). Guard: a vowel must stand before the -ies. Nouns with that
/// plural have an unstressed -ie, so more than one syllable, while the one-syllable words ending
/// in -ies (vies, dries, bries, spies, kies, vries, knies) are mostly no such plurals, and drie
/// or brie are other words. Only ASCII words, all that folding leaves of Dutch, are touched.
///
/// Likewise a plural -ieën (folded -ieen) is cut back to its -ie (categorieen to categorie), when
/// a vowel stands before it (not knieen).
pub fn prepare(word: &str) -> &str {
    let cut = |ending: &str, letters: usize| {
        word.strip_suffix(ending)
            .filter(|before| word.is_ascii() && before.bytes().any(is_vowel))
            .map(|_| &word[..word.len() - letters])
    };
    cut("ies", 1).or_else(|| cut("ieen", 2)).unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::prepare;

    #[test]
    fn plurals_in_ies_read_as_the_singular() {
        for (word, want) in [
            ("functies", "functie"),
            ("organisaties", "organisatie"),
            ("vakanties", "vakantie"),
            ("olies", "olie"),
            ("cookies", "cookie"),
            ("categorieen", "categorie"),
            ("strategieen", "strategie"),
        ] {
            assert_eq!(prepare(word), want, "{word}");
        }
    }

    #[test]
    fn other_words_are_left_alone() {
        for word in [
            "informatie",
            "functie",
            "knieen",
            "dries",
            "vies",
            "spies",
            "ies",
            "",
            "s",
            "functi\u{eb}s",
            "\u{e9}ies",
        ] {
            assert_eq!(prepare(word), word, "{word}");
        }
    }

    #[test]
    fn a_prepared_word_is_prepared_already() {
        for word in ["functies", "advies", "vries"] {
            assert_eq!(prepare(prepare(word)), prepare(word), "{word}");
        }
    }
}
