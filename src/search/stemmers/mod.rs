//! Stemmers of our own for languages whose Snowball stemmers write endings with accents: search
//! stems folded words ([`super::tokenize`], rule 4), where "información" is "informacion" and
//! Snowball's "-ación" never matches. Each is its Snowball algorithm (as rust-stemmers 1.2.0 has
//! it) with the endings and letter tests written as folding leaves them, clashes settled by how
//! well the stems agree with Snowball's stems of the accented words, folded, over a word list of
//! the language. `themes/default/stemmers/<code>.js` holds the same algorithm for the browser;
//! `tests/fixtures/search-vectors.json` keeps the two equal.
//!
//! German and Dutch lose nothing to folding (umlauts are vowels either way) and English has no
//! accents: those stay rust-stemmers', German and Dutch after a step of ours ([`german`],
//! [`dutch`]) for forms Snowball's old versions leave apart (Managerin, functies).
//!
//! What the four have in common lives here: the regions (R1 and R2 are found the same way in every
//! language, and RV the same way in Spanish, Portuguese and Italian), the suffix tables and the
//! look-ups in them, and a few tests on the end of a word. What differs stays in each language's
//! file: its vowels, its prelude, French's RV, its endings and its steps. The JavaScript stemmers
//! share nothing: each is loaded alone into a page, so each holds its own copy of these helpers.

pub mod dutch;
pub mod french;
pub mod german;
pub mod italian;
pub mod portuguese;
pub mod spanish;

/// The vowels of Snowball's German and Dutch as folding leaves them (ä, ö, ü, è, ë fold to plain
/// letters), for the steps taken before those stemmers.
fn is_germanic_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Whether `word` holds a character outside the Basic Multilingual Plane. The browser would see
/// such a character as two UTF-16 units and count the word's letters differently, so every
/// stemmer here returns such a word unchanged, as the JavaScript side does.
fn outside_bmp(word: &str) -> bool {
    word.chars().any(|c| u32::from(c) > 0xFFFF)
}

/// Where the regions RV, R1 and R2 of a word begin, as indices into its letters. Each may equal
/// the word's length, and the region is then empty. They are measured once, on the whole word
/// (after the language's prelude, if it has one): removing endings never moves them.
#[derive(Clone, Copy)]
struct Regions {
    rv: usize,
    r1: usize,
    r2: usize,
}

impl Regions {
    /// The regions of `w`, where `is_vowel` is the language's vowel test and `rv_start` its rule
    /// for where RV begins. R1 and R2 follow the rule every language here shares: see
    /// [`region_after`].
    fn of(w: &[char], is_vowel: fn(char) -> bool, rv_start: fn(&[char]) -> usize) -> Regions {
        let r1 = region_after(w, 0, is_vowel);
        Regions {
            rv: rv_start(w),
            r1,
            r2: region_after(w, r1, is_vowel),
        }
    }
}

/// Just past the first non-vowel that follows a vowel, looking after `start`; the word's length
/// if there is none. From the start of the word this is where R1 begins; from R1, where R2
/// begins. `is_vowel` is the language's vowel test.
fn region_after(w: &[char], start: usize, is_vowel: fn(char) -> bool) -> usize {
    (start + 1..w.len())
        .find(|&i| !is_vowel(w[i]) && is_vowel(w[i - 1]))
        .map_or(w.len(), |i| i + 1)
}

/// Where RV begins in Spanish, Portuguese and Italian (French has a rule of its own). If the
/// second letter is a consonant, RV is the part after the next vowel from the third letter on; if
/// the first two letters are vowels, the part after the next consonant; otherwise (consonant,
/// vowel) the part after the third letter. It is empty when there is no such position, and in a
/// word of fewer than three letters. `is_vowel` is the language's vowel test.
fn rv_start(w: &[char], is_vowel: fn(char) -> bool) -> usize {
    let n = w.len();
    if n < 3 {
        return n;
    }
    let after_next = |want_vowel: bool| {
        (2..n)
            .find(|&i| is_vowel(w[i]) == want_vowel)
            .map_or(n, |i| i + 1)
    };
    if !is_vowel(w[1]) {
        after_next(true)
    } else if is_vowel(w[0]) {
        after_next(false)
    } else {
        3
    }
}

/// A word being stemmed, as letters, and its regions (measured after the language's prelude, which
/// writes the vowels it makes consonants in upper case: I, U, Y).
struct Word {
    chars: Vec<char>,
    r: Regions,
}

impl Word {
    /// The word of `chars` (after the prelude), with the language's vowel test and RV rule.
    fn new(chars: Vec<char>, is_vowel: fn(char) -> bool, rv_start: fn(&[char]) -> usize) -> Self {
        let r = Regions::of(&chars, is_vowel, rv_start);
        Word { chars, r }
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    fn ends(&self, s: &str) -> bool {
        ends_with(&self.chars, s)
    }

    /// Whether the word's first `keep` letters end in `s`.
    fn ends_at(&self, keep: usize, s: &str) -> bool {
        keep <= self.len() && ends_with(&self.chars[..keep], s)
    }

    /// The longest of `endings` that the word ends with and that begins at or after `from`.
    fn longest<'a>(&self, endings: impl Iterator<Item = &'a str>, from: usize) -> Option<&'a str> {
        endings
            .filter(|e| self.ends(e) && self.len() - e.chars().count() >= from)
            .max_by_key(|e| e.len())
    }

    /// Replaces the last `n` letters by `by`.
    fn replace_end(&mut self, n: usize, by: &str) {
        let keep = self.len().saturating_sub(n);
        self.chars.truncate(keep);
        self.chars.extend(by.chars());
    }

    /// Replaces the last `n` letters by `by` if they begin at or after `from`; says whether it did.
    fn swap(&mut self, n: usize, from: usize, by: &str) -> bool {
        if n > self.len() || self.len() - n < from {
            return false;
        }
        self.replace_end(n, by);
        true
    }

    /// Postlude: the prelude's upper-case I, U and Y back to lower case (the words come folded,
    /// in lower case, so no other letter is in upper case).
    fn finish(self) -> String {
        self.chars
            .into_iter()
            .map(|c| match c {
                'I' => 'i',
                'U' => 'u',
                'Y' => 'y',
                _ => c,
            })
            .collect()
    }
}

/// Whether the letters `w` end with the suffix `s`.
fn ends_with(w: &[char], s: &str) -> bool {
    let n = s.chars().count();
    n <= w.len() && w[w.len() - n..].iter().copied().eq(s.chars())
}

/// A suffix table: pairs of a kind (what a step does with the suffix, told by the table's doc
/// comment) and the suffixes of that kind, separated by single spaces. The suffixes are ASCII, as
/// folding leaves them (Portuguese's nasal marker '~' included).
type Table = [(u8, &'static str)];

/// The kind of `tail` in `table`, if `tail` is one of its suffixes (the first kind listing it, if
/// more than one does).
fn kind_of(table: &Table, tail: &[char]) -> Option<u8> {
    table.iter().find_map(|&(kind, list)| {
        list.split(' ')
            .any(|s| s.len() == tail.len() && tail.iter().copied().eq(s.chars()))
            .then_some(kind)
    })
}

/// The longest suffix of `w` in `table` that starts at or after `from`, as (where it starts, its
/// kind).
fn longest(w: &[char], table: &Table, from: usize) -> Option<(usize, u8)> {
    longest_where(w, table, from, |_, _| true)
}

/// Like [`longest`], but a suffix only counts if `allowed(where it starts, its kind)` is true; a
/// suffix that does not count leaves the shorter ones to be tried.
fn longest_where(
    w: &[char],
    table: &Table,
    from: usize,
    allowed: impl Fn(usize, u8) -> bool,
) -> Option<(usize, u8)> {
    (from..w.len()).find_map(|start| {
        let kind = kind_of(table, &w[start..])?;
        allowed(start, kind).then_some((start, kind))
    })
}

/// Removes the first of `list` that `w` ends with, if that suffix starts at or after `from` (the
/// start of the region it must lie in). Only the first that matches is tried.
fn drop_in(w: &mut Vec<char>, list: &[&str], from: usize) {
    if let Some(s) = list.iter().find(|s| ends_with(w, s)) {
        let at = w.len() - s.chars().count();
        if at >= from {
            w.truncate(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{
        drop_in, ends_with, longest, longest_where, region_after, rv_start, Regions, Table,
    };

    fn letters(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn is_vowel(c: char) -> bool {
        matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
    }

    #[test]
    fn r1_and_r2_as_snowball_shows_them() {
        // Snowball's own example: in beautiful, R1 is iful and R2 is ul.
        let w = letters("beautiful");
        let r1 = region_after(&w, 0, is_vowel);
        assert_eq!(r1, 5);
        assert_eq!(region_after(&w, r1, is_vowel), 7);
        assert_eq!(region_after(&letters("aaa"), 0, is_vowel), 3);
        assert_eq!(region_after(&[], 0, is_vowel), 0);
    }

    #[test]
    fn rv_as_snowball_shows_it() {
        // Snowball's Spanish examples: macho, oliva, trabajo, aureo (áureo) have RV ho, va, bajo, eo.
        for (word, rv) in [
            ("macho", "ho"),
            ("oliva", "va"),
            ("trabajo", "bajo"),
            ("aureo", "eo"),
        ] {
            let w = letters(word);
            assert_eq!(w.len() - rv_start(&w, is_vowel), rv.len(), "{word}");
        }
        assert_eq!(rv_start(&letters("al"), is_vowel), 2);
        assert_eq!(rv_start(&letters("brr"), is_vowel), 3);
    }

    #[test]
    fn regions_take_the_language_rv() {
        let r = Regions::of(&letters("beautiful"), is_vowel, |_| 1);
        assert_eq!((r.rv, r.r1, r.r2), (1, 5, 7));
    }

    #[test]
    fn tables_give_the_longest_suffix_and_its_kind() {
        const T: &Table = &[(1, "a as"), (2, "ras")];
        let w = letters("paras");
        assert!(ends_with(&w, "ras") && ends_with(&w, "") && !ends_with(&w, "xparas"));
        assert_eq!(longest(&w, T, 0), Some((2, 2)));
        assert_eq!(longest(&w, T, 3), Some((3, 1)));
        assert_eq!(longest(&w, T, 4), None);
        assert_eq!(longest_where(&w, T, 0, |_, kind| kind != 2), Some((3, 1)));
    }

    #[test]
    fn drop_in_takes_the_first_match_in_its_region() {
        let mut w = letters("rapidic");
        drop_in(&mut w, &["ic", "dic"], 5);
        assert_eq!(w, letters("rapid"));
        drop_in(&mut w, &["id", "pid"], 4);
        assert_eq!(w, letters("rapid"));
    }
}
