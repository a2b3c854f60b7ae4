//! The text rules search is built on, defined once here and implemented again, identically, in
//! the theme's `search.js` (`tests/fixtures/search-vectors.json` holds examples both sides must
//! agree on):
//!
//! 1. fold: Unicode NFD, drop combining marks U+0300–U+036F and the kana voicing marks
//!    U+3099–U+309A, lower-case, then a few letters without a decomposition (`ß`→`ss`,
//!    `æ`→`ae`, `œ`→`oe`, `ø`→`o`, `ł`→`l`, `đ`/`ð`→`d`, `þ`→`th`, `ı`→`i`), and last, runs
//!    of Hangul jamo (U+1100–U+11FF) composed again (NFC) into syllables;
//! 2. split into words: runs of alphabetic or numeric characters; an apostrophe (`'` or `’`)
//!    between two such characters is dropped and the word goes on ("manager's" → "managers"),
//!    except in French and Italian, where it ends the word ("l'équipe" → "l", "equipe");
//!    a run is also cut where it passes between characters read in pairs ([`is_paired`]:
//!    Chinese and Japanese ideographs and kana, Hangul, and the Thai, Lao, Khmer and Myanmar
//!    scripts with their marks, written without spaces between words or with endings joined to
//!    them) and others, and a run of those is read as the overlapping pairs of characters in it,
//!    each a word of its own ("情報共有" → "情報", "報共", "共有"; "채용은" → "채용", "용은";
//!    one character alone is itself), as search engines without a dictionary do;
//! 3. drop the language's stop words (checked on the folded word) and words longer than 40
//!    characters;
//! 4. stem each word with the language's stemmer: Snowball's for English, German and Dutch (the
//!    last two after a step of ours: a German feminine form in -erin/-erinnen as its masculine,
//!    a Dutch plural in -ies as its -ie),
//!    our own versions of Snowball's for folded words in French, Spanish, Italian and
//!    Portuguese ([`super::stemmers`]). Pairs are left alone, and so is, in languages other
//!    than English, any word with a letter outside ASCII (a Greek or Cyrillic word in a German
//!    handbook): the stemmers count letters, the browser counts UTF-16 units.
//! 5. compounds: two to eight parts joined by single hyphens (`-`, U+2010, U+2011), each a run
//!    of word characters (rule 2's, with the marks rule 1 drops) with a word character on both
//!    sides of each hyphen, the first part holding a letter, none holding a character read in
//!    pairs, and none starting right after an apostrophe that joins (rule 2), are read once more as one word: the
//!    parts written together, by rules 1-4 ("on-call" → "oncall", "One-to-ones" → "onetoon"),
//!    kept unless that word is a stop word or too long. The compounds follow the text's own
//!    words, in the order they are written ([`for_each_compound`]). A reader who types
//!    "oncall" finds the pages that write "on-call".
//!
//! The language is the handbook's (`[book] language`, [`Language`]): English, German, French,
//! Spanish, Italian, Portuguese or Dutch, and English for any other. Its stop words and stemmer
//! reach the browser in front of `search.js` ([`Language::script`]).

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

use super::words::key;

/// Common English words that carry no meaning for search.
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "how",
    "i", "if", "in", "into", "is", "it", "its", "of", "on", "or", "our", "so", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "to", "was", "we", "were", "what",
    "when", "which", "who", "why", "will", "with", "you", "your",
];

pub const MAX_WORD: usize = 40;

/// Common German words (folded) that carry no meaning for search.
const GERMAN_STOP_WORDS: &[&str] = &[
    "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "das", "dass", "dem", "den",
    "der", "des", "die", "du", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es",
    "fur", "ich", "ihr", "im", "in", "ist", "mit", "nach", "nicht", "noch", "oder", "sich", "sie",
    "sind", "so", "uber", "um", "und", "vom", "von", "vor", "was", "wie", "wir", "wird", "zu",
    "zum", "zur",
];

/// Common French words (folded) that carry no meaning for search, with the elided ones ("l'",
/// "qu'") an apostrophe leaves alone.
const FRENCH_STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "c", "ce", "ces", "d", "dans", "de", "des", "du", "elle", "en",
    "est", "et", "il", "ils", "j", "je", "l", "la", "le", "les", "leur", "lui", "m", "mais", "n",
    "ne", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se", "ses",
    "son", "sur", "t", "un", "une", "vous", "y",
];

/// Common Spanish words (folded) that carry no meaning for search.
const SPANISH_STOP_WORDS: &[&str] = &[
    "a", "al", "como", "con", "de", "del", "el", "en", "entre", "es", "la", "las", "le", "les",
    "lo", "los", "mas", "o", "para", "pero", "por", "que", "se", "sin", "sobre", "su", "sus", "un",
    "una", "uno", "y",
];

/// Common Italian words (folded) that carry no meaning for search, with the elided ones
/// ("l'", "dell'") an apostrophe leaves alone.
const ITALIAN_STOP_WORDS: &[&str] = &[
    "a", "ad", "agli", "ai", "al", "all", "alla", "alle", "c", "che", "ci", "con", "d", "da",
    "dal", "dall", "dalla", "degli", "dei", "del", "dell", "della", "delle", "di", "e", "ed",
    "gli", "i", "il", "in", "l", "la", "le", "lo", "ma", "ne", "nel", "nell", "nella", "non", "o",
    "per", "si", "su", "sul", "sull", "sulla", "tra", "un", "una", "uno",
];

/// Common Portuguese words (folded) that carry no meaning for search.
const PORTUGUESE_STOP_WORDS: &[&str] = &[
    "a", "ao", "aos", "as", "com", "da", "das", "de", "do", "dos", "e", "em", "na", "nas", "no",
    "nos", "o", "os", "ou", "para", "pela", "pelas", "pelo", "pelos", "por", "que", "se", "um",
    "uma",
];

/// Common Dutch words that carry no meaning for search ("een" is not one: folded, it is also
/// "één", one, as in "één-op-één").
const DUTCH_STOP_WORDS: &[&str] = &[
    "aan", "als", "bij", "dat", "de", "den", "der", "die", "dit", "door", "en", "het", "hij", "in",
    "is", "met", "naar", "niet", "of", "om", "op", "te", "tot", "van", "voor", "wat", "we", "wij",
    "ze", "zij", "zijn",
];

/// The language search reads a handbook's text in (rules 2-4): its stop words, its stemmer, and
/// whether an apostrophe joins two words. A handbook in a language without rules of its own is
/// read as English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    English,
    German,
    French,
    Spanish,
    Italian,
    Portuguese,
    Dutch,
}

impl Language {
    pub const ALL: [Language; 7] = [
        Language::English,
        Language::German,
        Language::French,
        Language::Spanish,
        Language::Italian,
        Language::Portuguese,
        Language::Dutch,
    ];

    /// The language of a handbook whose `[book] language` is `code` ("de", "pt-BR", "fr_CA"),
    /// by its first subtag in any case.
    pub fn of(code: &str) -> Language {
        let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
        Language::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
            .unwrap_or_default()
    }

    /// Its two-letter code, as the index's manifest and the tests' vectors name it.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::German => "de",
            Language::French => "fr",
            Language::Spanish => "es",
            Language::Italian => "it",
            Language::Portuguese => "pt",
            Language::Dutch => "nl",
        }
    }

    /// Its stop words, folded and sorted.
    pub fn stop_words(self) -> &'static [&'static str] {
        match self {
            Language::English => ENGLISH_STOP_WORDS,
            Language::German => GERMAN_STOP_WORDS,
            Language::French => FRENCH_STOP_WORDS,
            Language::Spanish => SPANISH_STOP_WORDS,
            Language::Italian => ITALIAN_STOP_WORDS,
            Language::Portuguese => PORTUGUESE_STOP_WORDS,
            Language::Dutch => DUTCH_STOP_WORDS,
        }
    }

    /// Whether a folded word is one of its stop words.
    pub fn is_stop_word(self, word: &str) -> bool {
        match self {
            Language::English => is_english_stop_word(word),
            _ => self.stop_words().binary_search(&word).is_ok(),
        }
    }

    /// Whether an apostrophe between two letters joins them into one word ("manager's"), or
    /// ends the first, an elided word of its own (French "l'équipe", Italian "dell'azienda").
    pub fn apostrophe_joins(self) -> bool {
        !matches!(self, Language::French | Language::Italian)
    }

    /// Its stemmer, when it is Snowball's as rust-stemmers has it.
    fn snowball(self) -> Option<Algorithm> {
        match self {
            Language::English => Some(Algorithm::English),
            Language::German => Some(Algorithm::German),
            Language::Dutch => Some(Algorithm::Dutch),
            _ => None,
        }
    }

    /// The script that teaches `search.js` this language's rules, to go in front of it: its
    /// stop words and apostrophes as data, then its stemmer (`themes/default/stemmers/`).
    /// `None` for English, whose rules are `search.js`'s own.
    pub fn script(self) -> Option<String> {
        let stemmer = match self {
            Language::English => return None,
            Language::German => include_str!("../../themes/default/stemmers/de.js"),
            Language::French => include_str!("../../themes/default/stemmers/fr.js"),
            Language::Spanish => include_str!("../../themes/default/stemmers/es.js"),
            Language::Italian => include_str!("../../themes/default/stemmers/it.js"),
            Language::Portuguese => include_str!("../../themes/default/stemmers/pt.js"),
            Language::Dutch => include_str!("../../themes/default/stemmers/nl.js"),
        };
        let rules = serde_json::json!({
            "language": self.code(),
            "stop": self.stop_words(),
            "apostropheJoins": self.apostrophe_joins(),
        });
        Some(format!("window.HandbookText = {rules};\n{stemmer}\n"))
    }
}

/// Whether a folded word is an English stop word (the list is sorted, and none is longer than
/// five).
fn is_english_stop_word(word: &str) -> bool {
    // By length first, then a few comparisons: this runs for every word indexed. The test below
    // keeps it equal to ENGLISH_STOP_WORDS.
    match word.len() {
        1 => matches!(word, "a" | "i"),
        2 => matches!(
            word,
            "an" | "as"
                | "at"
                | "be"
                | "by"
                | "if"
                | "in"
                | "is"
                | "it"
                | "of"
                | "on"
                | "or"
                | "so"
                | "to"
                | "we"
        ),
        3 => matches!(
            word,
            "and"
                | "are"
                | "but"
                | "for"
                | "has"
                | "how"
                | "its"
                | "our"
                | "the"
                | "was"
                | "who"
                | "why"
                | "you"
        ),
        4 => matches!(
            word,
            "from"
                | "have"
                | "into"
                | "that"
                | "them"
                | "then"
                | "they"
                | "this"
                | "were"
                | "what"
                | "when"
                | "will"
                | "with"
                | "your"
        ),
        5 => matches!(word, "their" | "there" | "these" | "which"),
        _ => false,
    }
}

/// A word of a text: where it is (its index among the words) and its folded, unstemmed form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub position: u32,
    pub folded: String,
}

/// Rule 1.
pub fn fold(text: &str) -> String {
    let stripped: String = text.nfd().filter(|&c| !is_dropped_mark(c)).collect();
    // Lower-case the whole string, as JavaScript's toLowerCase does (final sigma included).
    let lower = stripped.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        match c {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'þ' => out.push_str("th"),
            'ı' => out.push('i'),
            other => out.push(other),
        }
    }
    if out.chars().any(is_conjoining_jamo) {
        out = compose_jamo(&out);
    }
    out
}

/// Hangul's conjoining jamo, which NFD makes of a syllable.
fn is_conjoining_jamo(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11ff}')
}

/// `text` with each run of conjoining jamo in NFC: the syllables NFD took apart, made again, so
/// that Korean is paired by syllables.
fn compose_jamo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(is_conjoining_jamo) {
        out.push_str(&rest[..start]);
        let run = &rest[start..];
        let end = run.find(|c| !is_conjoining_jamo(c)).unwrap_or(run.len());
        out.extend(run[..end].nfc());
        rest = &run[end..];
    }
    out.push_str(rest);
    out
}

fn is_word_char(c: char) -> bool {
    // The common ideographs and kana first: all letters, and outside ASCII `is_alphabetic`
    // searches a table.
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3041..=0x3096 | 0x30A1..=0x30FA)
        || c.is_alphabetic()
        || c.is_numeric()
        // The marks of the scripts read in pairs: some (Thai tone marks) are not alphabetic.
        || is_paired(c)
}

/// The marks rule 1 drops: they stay in a word as written, and leave it when it is folded.
fn is_dropped_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{3099}'..='\u{309a}')
}

/// Rule 2's characters read in pairs: Han ideographs (with the iteration marks and the ideographic
/// numbers), hiragana, katakana (full and half width, with the prolonged sound mark); Hangul
/// (syllables and jamo); the letters, vowels and marks of Thai, Lao, Khmer and Myanmar (not
/// their digits or punctuation).
pub fn is_paired(c: char) -> bool {
    matches!(
        c as u32,
        0x0E01..=0x0E3A
            | 0x0E40..=0x0E4E
            | 0x0E81..=0x0EBD
            | 0x0EC0..=0x0ECE
            | 0x0EDC..=0x0EDF
            | 0x1000..=0x103F
            | 0x1050..=0x108F
            | 0x109A..=0x109D
            | 0x1100..=0x11FF
            | 0x1780..=0x17D3
            | 0x17D7
            | 0x17DC..=0x17DD
            | 0x3005..=0x3007
            | 0x3021..=0x3029
            | 0x3031..=0x3035
            | 0x3038..=0x303C
            | 0x3040..=0x30FF
            | 0x3131..=0x318E
            | 0x31F0..=0x31FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA960..=0xA97F
            | 0xAC00..=0xD7A3
            | 0xD7B0..=0xD7FF
            | 0xF900..=0xFAFF
            | 0xFF66..=0xFF9F
            | 0x20000..=0x323AF
    )
}

/// Rule 2 for a folded run of [`is_paired`] characters: calls `f(position, pair)` for each pair
/// (or the one character) from `position`, and returns the position after them.
fn for_each_pair(run: &str, mut position: u32, mut f: impl FnMut(u32, &str)) -> u32 {
    let bounds: Vec<usize> = run
        .char_indices()
        .map(|(i, _)| i)
        .chain([run.len()])
        .collect();
    match bounds.len() {
        0 | 1 => position,
        2 => {
            f(position, run);
            position + 1
        }
        n => {
            for k in 0..n - 2 {
                f(position, &run[bounds[k]..bounds[k + 2]]);
                position += 1;
            }
            position
        }
    }
}

/// Rules 1-3: the folded words of a text that search keeps, with their positions.
pub fn words(text: &str, language: Language) -> Vec<Word> {
    let mut out = Vec::new();
    for_each_word(text, language, |position, folded| {
        out.push(Word {
            position,
            folded: folded.to_string(),
        })
    });
    out
}

/// What a byte is to the word splitter: a separator, a lower-case letter or digit, an upper-case
/// letter, or something that needs the careful path (an apostrophe, or part of a non-ASCII
/// character).
const SEPARATOR: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const CAREFUL: u8 = 3;
const CLASS: [u8; 256] = {
    let mut class = [SEPARATOR; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        class[b] = if c.is_ascii_lowercase() || c.is_ascii_digit() {
            LOWER
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c >= 0x80 || c == b'\'' {
            CAREFUL
        } else {
            SEPARATOR
        };
        b += 1;
    }
    class
};

/// Rules 1-3 without allocating a string per word: calls `f(position, folded word)`.
pub fn for_each_word(text: &str, language: Language, mut f: impl FnMut(u32, &str)) {
    for_each_keyed_word(text, language, |position, word, _| {
        if !language.is_stop_word(word) {
            f(position, word);
        }
    });
}

/// Rules 1 and 2 and the length limit of rule 3: calls `f(position, folded word, its [`key`])`
/// for every word, stop words included, for callers that tell stop words apart some cheaper way
/// (the indexer's word table knows them).
///
/// The text is read sixteen bytes at a time ([`masks`]): most words are plain ASCII letters and
/// digits followed by a space or punctuation, and one window gives such a word's length, whether
/// it has capitals, its key (the window's bytes lower-cased, cut to the word) and where the next
/// word starts, without a branch per byte. Any other word (longer than fifteen bytes, or with
/// non-ASCII letters, combining marks or an apostrophe in it or after it) goes the careful way,
/// [`careful_word`], which gives the same words as folding the whole text first.
pub fn for_each_keyed_word(text: &str, language: Language, mut f: impl FnMut(u32, &str, u128)) {
    let joins = language.apostrophe_joins();
    let bytes = text.as_bytes();
    let mut position = 0u32;
    let mut scratch = Scratch::default();
    let mut i = 0;
    while i < bytes.len() {
        let window = window(bytes, i);
        let m = masks(&window);
        let starts = m.word | m.careful;
        if starts & 1 == 0 {
            // Separators, as far as the next word or careful byte (16 bytes when none).
            i += (starts | 1 << 16).trailing_zeros() as usize;
            continue;
        }
        // The word's length in the window; 16 if it goes on past it. A careful byte first (the
        // word's length 0) or right after it, or a word past the window, go the careful way.
        let n = (!m.word).trailing_zeros() as usize;
        if (m.careful | 1 << 16) >> n & 1 != 0 {
            i = careful_word(text, i, joins, &mut position, &mut scratch, &mut f);
            continue;
        }
        // A plain word of n bytes: lower-casing an ASCII letter or digit is setting its 0x20
        // bit, so the key is the window's bytes with that bit set, past the word zero.
        let key = (u128::from_le_bytes(window) | LOWER_BITS) & FIRST_BYTES[n];
        let lowered;
        let word = if m.upper & ((1 << n) - 1) == 0 {
            &text[i..i + n]
        } else {
            lowered = key.to_le_bytes();
            std::str::from_utf8(&lowered[..n]).unwrap_or_default()
        };
        f(position, word, key);
        position += 1;
        // The separators after it, as far as the window shows.
        i += n + (starts >> n | 1 << (16 - n)).trailing_zeros() as usize;
    }
}

const LOWER_BITS: u128 = u128::from_le_bytes([0x20; 16]);

/// `FIRST_BYTES[n]`: the bits of a window's first `n` bytes.
const FIRST_BYTES: [u128; 17] = {
    let mut masks = [0u128; 17];
    let mut n = 1;
    while n <= 16 {
        masks[n] = u128::MAX >> (8 * (16 - n));
        n += 1;
    }
    masks
};

/// The 16 bytes of `bytes` from `i`, zeros (separators) past its end.
#[inline]
fn window(bytes: &[u8], i: usize) -> [u8; 16] {
    let mut window = [0u8; 16];
    match bytes.get(i..i + 16) {
        Some(all) => window.copy_from_slice(all),
        None => {
            let rest = bytes.get(i..).unwrap_or_default();
            window[..rest.len()].copy_from_slice(rest);
        }
    }
    window
}

/// What the bytes of a 16-byte window are: bit `k` of each mask is about byte `k`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Masks {
    /// ASCII letters and digits.
    word: u32,
    /// ASCII capitals.
    upper: u32,
    /// Bytes for the careful way: an apostrophe, or part of a non-ASCII character.
    careful: u32,
}

/// [`Masks`] byte by byte, from [`CLASS`]: what [`masks`] must equal.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn masks_by_byte(window: &[u8; 16]) -> Masks {
    let mut m = Masks {
        word: 0,
        upper: 0,
        careful: 0,
    };
    for (k, &b) in window.iter().enumerate() {
        match CLASS[b as usize] {
            LOWER => m.word |= 1 << k,
            UPPER => {
                m.word |= 1 << k;
                m.upper |= 1 << k;
            }
            CAREFUL => m.careful |= 1 << k,
            _ => {}
        }
    }
    m
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn masks(window: &[u8; 16]) -> Masks {
    masks_by_byte(window)
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn masks(window: &[u8; 16]) -> Masks {
    // SAFETY: SSE2 is part of the x86_64 baseline: every x86_64 processor has it.
    unsafe { sse2::masks(window) }
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x,
    };

    /// [`super::masks_by_byte`] in a few instructions. The comparisons are of signed bytes,
    /// so bytes from 0x80 up (negative) are never in an ASCII range.
    #[target_feature(enable = "sse2")]
    pub(super) fn masks(window: &[u8; 16]) -> super::Masks {
        let [low, high] = [0, 8].map(|at| {
            let mut half = [0u8; 8];
            half.copy_from_slice(&window[at..at + 8]);
            i64::from_le_bytes(half)
        });
        let v = _mm_set_epi64x(high, low);
        let lowered = _mm_or_si128(v, _mm_set1_epi8(0x20));
        let letter = _mm_and_si128(
            _mm_cmpgt_epi8(lowered, _mm_set1_epi8(b'a' as i8 - 1)),
            _mm_cmplt_epi8(lowered, _mm_set1_epi8(b'z' as i8 + 1)),
        );
        let digit = _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(b'0' as i8 - 1)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(b'9' as i8 + 1)),
        );
        let upper = _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(b'A' as i8 - 1)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(b'Z' as i8 + 1)),
        );
        let apostrophe = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\'' as i8));
        super::Masks {
            word: _mm_movemask_epi8(_mm_or_si128(letter, digit)) as u32,
            upper: _mm_movemask_epi8(upper) as u32,
            careful: (_mm_movemask_epi8(v) | _mm_movemask_epi8(apostrophe)) as u32,
        }
    }
}

/// Strings the careful way reuses from word to word.
#[derive(Default)]
struct Scratch {
    lower: String,
    slow: String,
}

/// The careful way, from `bytes[i]`, a word character or a careful byte: reads one word (or
/// steps over one character that starts none), calls `f` for a word and counts it; returns
/// where the next one may start.
fn careful_word(
    text: &str,
    mut i: usize,
    joins: bool,
    position: &mut u32,
    scratch: &mut Scratch,
    f: &mut impl FnMut(u32, &str, u128),
) -> usize {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if matches!(CLASS[b as usize], LOWER | UPPER) {
        let start = i;
        while i < bytes.len() && matches!(CLASS[bytes[i] as usize], LOWER | UPPER) {
            i += 1;
        }
        if i == bytes.len() || CLASS[bytes[i] as usize] == SEPARATOR {
            // Only ASCII letters and digits, but too long for a window.
            if i - start <= MAX_WORD {
                let lower = &mut scratch.lower;
                lower.clear();
                lower.push_str(&text[start..i]);
                lower.make_ascii_lowercase();
                f(*position, lower, key(lower.as_bytes()));
            }
            *position += 1;
            return i;
        }
        i = read_word(text, start, joins, &mut scratch.slow);
    } else if b < 0x80 {
        // An apostrophe that joins no two words.
        return i + 1;
    } else {
        let c = text[i..].chars().next().unwrap_or(' ');
        if !is_word_char(c) {
            return i + c.len_utf8();
        }
        i = read_word(text, i, joins, &mut scratch.slow);
    }
    let slow = &mut scratch.slow;
    let folded = if slow.is_ascii() {
        slow.make_ascii_lowercase();
        Cow::Borrowed(slow.as_str())
    } else {
        Cow::Owned(fold(slow))
    };
    if folded.is_empty() {
        // Only marks (some are letters: U+0363-U+036F), which folding drops before words are
        // split: no word.
        return i;
    }
    if folded.starts_with(is_paired) {
        *position = for_each_pair(&folded, *position, |at, pair| {
            f(at, pair, key(pair.as_bytes()))
        });
        return i;
    }
    if folded.chars().count() <= MAX_WORD {
        f(*position, &folded, key(folded.as_bytes()));
    }
    *position += 1;
    i
}

/// Reads the word starting at `start` (a word character) into `word`, as written (apostrophes
/// that join words dropped); returns where it ends.
fn read_word(text: &str, start: usize, joins: bool, word: &mut String) -> usize {
    word.clear();
    let mut chars = text[start..].char_indices().peekable();
    // Whether the word is of pairs (rule 2), from its first character that folding keeps: it
    // ends where the other kind begins.
    let mut paired = None;
    while let Some((i, c)) = chars.next() {
        // One look-up of the character's class each: outside ASCII it is a table search.
        let (letter, mark) = (is_word_char(c), is_dropped_mark(c));
        if letter && !mark {
            match paired {
                None => paired = Some(is_paired(c)),
                Some(pairs) if pairs != is_paired(c) => return start + i,
                Some(_) => {}
            }
        }
        if letter || mark {
            word.push(c);
        } else if joins
            && (c == '\'' || c == '\u{2019}')
            && chars.peek().is_some_and(|&(_, n)| is_word_char(n))
        {
            // "manager's" reads as one word
        } else {
            return start + i;
        }
    }
    text.len()
}

/// Rules 1-3 applied as written, character by character, stop words left out: slow, and
/// the reference [`for_each_word`] is tested and fuzzed against (`fuzz/fuzz_targets/tokenize.rs`).
#[doc(hidden)]
pub fn words_as_written(text: &str, language: Language) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut position = 0u32;
    let mut flush = |current: &mut String, position: &mut u32| {
        if current.is_empty() {
            return;
        }
        let word = fold(current);
        if word.is_empty() {
            current.clear();
            return;
        }
        if word.starts_with(is_paired) {
            *position = for_each_pair(&word, *position, |at, pair| out.push((at, pair.into())));
            current.clear();
            return;
        }
        if !word.is_empty() && word.chars().count() <= MAX_WORD && !language.is_stop_word(&word) {
            out.push((*position, word));
        }
        current.clear();
        *position += 1;
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_word_char(c) {
            // A word of pairs and another word meet here (marks, dropped by folding, belong
            // to neither).
            let last = current.chars().rev().find(|&l| !is_dropped_mark(l));
            if !is_dropped_mark(c) && last.is_some_and(|l| is_paired(l) != is_paired(c)) {
                flush(&mut current, &mut position);
            }
            current.push(c);
        } else if is_dropped_mark(c) && !current.is_empty() {
            current.push(c);
        } else if language.apostrophe_joins()
            && (c == '\'' || c == '\u{2019}')
            && !current.is_empty()
            && chars.peek().is_some_and(|&n| is_word_char(n))
        {
        } else {
            flush(&mut current, &mut position);
        }
    }
    flush(&mut current, &mut position);
    out
}

/// Rule 4, for a folded word.
pub struct Stem {
    language: Language,
    snowball: Option<Stemmer>,
}

impl Default for Stem {
    fn default() -> Self {
        Stem::new(Language::English)
    }
}

impl Stem {
    pub fn new(language: Language) -> Stem {
        Stem {
            language,
            snowball: language.snowball().map(Stemmer::create),
        }
    }

    pub fn stem<'a>(&self, word: &'a str) -> Cow<'a, str> {
        use super::stemmers::{dutch, french, german, italian, portuguese, spanish};
        if self.language != Language::English && !word.is_ascii() {
            return Cow::Borrowed(word);
        }
        let own = match (&self.snowball, self.language) {
            // A feminine form as its masculine (Managerin, Manager), a plural in -ies as its
            // -ie (functies, functie), before Snowball.
            (Some(snowball), Language::German) => return snowball.stem(german::prepare(word)),
            (Some(snowball), Language::Dutch) => return snowball.stem(dutch::prepare(word)),
            (Some(snowball), _) => return snowball.stem(word),
            (None, Language::French) => french::stem(word),
            (None, Language::Spanish) => spanish::stem(word),
            (None, Language::Italian) => italian::stem(word),
            (None, Language::Portuguese) => portuguese::stem(word),
            (None, _) => return Cow::Borrowed(word),
        };
        if own == word {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(own)
        }
    }
}

/// The characters that join the parts of a compound (rule 5).
const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{2011}'];
/// The most parts a compound has (rule 5): a longer chain is cut after this many.
const MAX_PARTS: usize = 8;

/// Where the first of [`HYPHENS`] at or after byte `from` of `text` starts: a SIMD search for
/// `-` and for the lead byte of U+2010 and U+2011 (`str::find` with a set of characters decodes
/// every character, and took a third of the time of indexing compounds).
fn next_hyphen(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(i) = memchr::memchr2(b'-', 0xe2, bytes.get(at..)?) {
        let i = at + i;
        if bytes[i] == b'-' || matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x90 | 0x91])) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

/// Rule 5: calls `f(folded word, its [`key`])` for each hyphenated compound of the text, its
/// parts written together and folded (rules 1-3 but the stop words: callers tell them apart as
/// for [`for_each_keyed_word`]).
pub fn for_each_compound(text: &str, language: Language, mut f: impl FnMut(&str, u128)) {
    let in_word = |c: char| is_word_char(c) || is_dropped_mark(c);
    let joins = language.apostrophe_joins();
    let mut joined = String::new();
    // Only the text around each hyphen is read: most of a text has none.
    let mut from = 0;
    while let Some(hyphen) = next_hyphen(text, from) {
        let hyphen_end = hyphen + text[hyphen..].chars().next().map_or(1, char::len_utf8);
        // The first character of the run of word characters before the hyphen.
        let Some(start) = text[from..hyphen]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| in_word(c))
            .last()
            .map(|(i, _)| from + i)
        else {
            from = hyphen_end;
            continue;
        };
        // After an apostrophe that joins, the run is the end of a word ("manager's-level").
        let mut before = text[..start].chars().rev();
        let spoilt = joins
            && matches!(before.next(), Some('\'' | '\u{2019}'))
            && before.next().is_some_and(in_word);
        // The compound from there: parts and the hyphens between them.
        let (mut parts, mut letter, mut paired) = (1, false, false);
        let mut end = start;
        let mut chars = text[start..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if in_word(c) {
                letter |= parts == 1 && c.is_alphabetic();
                paired |= is_paired(c);
                joined.push(c);
                end = start + i + c.len_utf8();
            } else if HYPHENS.contains(&c)
                && parts < MAX_PARTS
                && chars.peek().is_some_and(|&(_, n)| in_word(n))
            {
                parts += 1;
            } else {
                break;
            }
        }
        if parts >= 2 && letter && !paired && !spoilt {
            for_each_keyed_word(&joined, language, |_, word, key| f(word, key));
        }
        joined.clear();
        from = end.max(hyphen_end);
    }
}

/// All five rules: the search terms of a text, in order (its words, then its compounds).
pub fn terms(text: &str, language: Language) -> Vec<String> {
    let stem = Stem::new(language);
    let mut out: Vec<String> = words(text, language)
        .into_iter()
        .map(|w| stem.stem(&w.folded).into_owned())
        .collect();
    for_each_compound(text, language, |word, _| {
        if !language.is_stop_word(word) {
            out.push(stem.stem(word).into_owned());
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_and_folded() {
        for language in Language::ALL {
            let stop = language.stop_words();
            assert!(stop.windows(2).all(|w| w[0] < w[1]), "{language:?}");
            assert!(
                stop.iter()
                    .all(|w| language.is_stop_word(w) && fold(w) == *w && w.is_ascii()),
                "{language:?}"
            );
            assert!(!language.is_stop_word("manager") && !language.is_stop_word(""));
        }
        // The English test is by length first: none is longer than five.
        assert!(ENGLISH_STOP_WORDS.iter().all(|w| w.len() <= 5));
        assert!(!Language::English.is_stop_word("ands"));
        assert!(Language::German.is_stop_word("fur") && !Language::English.is_stop_word("fur"));
    }

    #[test]
    fn a_handbooks_language_is_read_by_its_first_subtag() {
        assert_eq!(Language::of("de"), Language::German);
        assert_eq!(Language::of("pt-BR"), Language::Portuguese);
        assert_eq!(Language::of(" FR_ca "), Language::French);
        assert_eq!(Language::of("nl-BE"), Language::Dutch);
        // Languages without rules of their own read as English.
        assert_eq!(Language::of("sv"), Language::English);
        assert_eq!(Language::of("ja"), Language::English);
        assert_eq!(Language::of(""), Language::English);
        for language in Language::ALL {
            assert_eq!(Language::of(language.code()), language);
            assert_eq!(language.script().is_none(), language == Language::English);
        }
    }

    #[test]
    fn elided_words_stand_apart_in_french_and_italian() {
        let folded = |text, language| -> Vec<String> {
            words(text, language)
                .into_iter()
                .map(|w| w.folded)
                .collect()
        };
        assert_eq!(
            folded("L'équipe d’ingénieurs qu'il forme", Language::French),
            ["equipe", "ingenieurs", "forme"]
        );
        assert_eq!(
            folded("Il ruolo dell'azienda e l'obiettivo", Language::Italian),
            ["ruolo", "azienda", "obiettivo"]
        );
        assert_eq!(
            folded("the team's goal", Language::German),
            ["the", "teams", "goal"]
        );
    }

    #[test]
    fn hyphens_are_found_as_str_find_finds_them() {
        let text = "a—b’c‐d-e‑f…-";
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(at) = next_hyphen(text, from) {
            found.push(at);
            from = at + 1;
        }
        let expected: Vec<usize> = text.match_indices(HYPHENS).map(|(i, _)| i).collect();
        assert_eq!(found, expected);
        assert_eq!(found.len(), 4);
        assert_eq!(next_hyphen("no hyphen — here", 0), None);
        assert_eq!(next_hyphen("x", 5), None);
    }

    #[test]
    fn hyphenated_compounds_are_also_their_parts_written_together() {
        let compounds = |text: &str, language: Language| {
            let mut out = Vec::new();
            for_each_compound(text, language, |word, _| out.push(word.to_string()));
            out
        };
        let english = Language::English;
        assert_eq!(
            compounds("On-call, one‑to‑one and a to-do", english),
            ["oncall", "onetoone", "todo"]
        );
        // Dates and numbers, flags, a dash, a part after "manager's": no compound.
        assert!(compounds(
            "2026-12-01, 3-4, --release, a – b, manager's-level",
            english
        )
        .is_empty());
        // A stop word alone is still given (the index's table tells it apart).
        assert_eq!(compounds("in-to", english), ["into"]);
        // Eight parts at most; in French an apostrophe is no part of a word.
        assert_eq!(
            compounds("a-b-c-d-e-f-g-h-i-j", english),
            ["abcdefgh", "ij"]
        );
        assert_eq!(
            compounds("l'avant-projet", Language::French),
            ["avantprojet"]
        );
        assert_eq!(
            terms("on-call rota", english),
            ["call", "rota", "oncal"],
            "the words, then the compounds"
        );
    }

    #[test]
    fn folding_removes_accents_and_case() {
        assert_eq!(
            fold("Crème Brûlée ÆSIR Straße Łódź"),
            "creme brulee aesir strasse lodz"
        );
    }

    #[test]
    fn words_keep_positions_and_drop_stop_words() {
        let w = words("The manager's role, and the team's", Language::English);
        let folded: Vec<_> = w.iter().map(|w| (w.position, w.folded.as_str())).collect();
        assert_eq!(folded, [(1, "managers"), (2, "role"), (5, "teams")]);
    }

    #[test]
    fn fast_words_equal_the_rules_on_mixed_text() {
        let pieces = [
            "a",
            "Manager",
            "x",
            "42",
            " ",
            "  ",
            ",",
            ".",
            "'",
            "\u{2019}",
            "-",
            "é",
            "e\u{301}",
            "\u{301}",
            // A combining mark that is a letter (COMBINING LATIN SMALL LETTER M), dropped by
            // folding: found by fuzzing beside ideographs.
            "\u{36b}",
            "Straße",
            "ÆSIR",
            "İ",
            "ﬁ",
            "日本",
            "情",
            "テキスト",
            "が",
            "か\u{3099}",
            "\u{3099}",
            "ｶﾞ",
            "𠮷",
            "々",
            "٣",
            "ǅ",
            "Σ",
            "ς",
            "\u{200b}",
            "\n",
            "the",
            "THE",
            "don't",
            "'s",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmn",
            "o",
            // The edges of the ASCII classes.
            "/09:@AZ[`az{\u{7f}",
            "Team7",
            "zz9Zz9zzQ",
            "\u{80}",
            // About a window long.
            "abcdefghijklmn",
            "ABCDEFGHIJKLMNO",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
        ];
        // A small xorshift: the same texts on every run.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 12) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Both ways of reading an apostrophe.
            for language in [Language::English, Language::French] {
                let mut fast = Vec::new();
                for_each_keyed_word(&text, language, |p, w, k| {
                    assert_eq!(k, key(w.as_bytes()), "key of {w:?} in {text:?}");
                    if !language.is_stop_word(w) {
                        fast.push((p, w.to_string()));
                    }
                });
                assert_eq!(fast, words_as_written(&text, language), "text: {text:?}");
            }
        }
    }

    #[test]
    fn window_masks_equal_the_byte_classes() {
        // Every byte value at every place of a window, among a few neighbours.
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        for b in 0..=255u8 {
            for k in 0..16 {
                let mut window = [0u8; 16];
                for byte in window.iter_mut() {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    *byte = (state >> 24) as u8;
                }
                window[k] = b;
                assert_eq!(masks(&window), masks_by_byte(&window), "{window:?}");
            }
        }
    }

    #[test]
    fn stems_group_word_forms() {
        assert_eq!(
            terms("managing managers management", Language::English),
            ["manag", "manag", "manag"]
        );
        assert_eq!(
            terms("hiring hired hires", Language::English),
            ["hire", "hire", "hire"]
        );
        assert_eq!(
            terms("Mitarbeiter Mitarbeitern Mitarbeiters", Language::German),
            ["mitarbeit", "mitarbeit", "mitarbeit"]
        );
        assert_eq!(
            terms("l'évaluation des évaluations", Language::French),
            ["evalu", "evalu"]
        );
    }

    /// `HANDBOOK_WRITE_VECTORS=inputs.txt cargo test write_vectors` rewrites the shared vectors
    /// from a file of inputs, one a line, English unless the line starts with another
    /// language's code and a tab (review the result before committing it).
    #[test]
    fn write_vectors() {
        let Ok(inputs) = std::env::var("HANDBOOK_WRITE_VECTORS") else {
            return;
        };
        let inputs = std::fs::read_to_string(inputs).unwrap();
        let vectors: Vec<serde_json::Value> = inputs
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let (code, input) = line.split_once('\t').unwrap_or(("en", line));
                let language = Language::of(code);
                assert_eq!(language.code(), code, "no rules for {code:?}");
                match language {
                    Language::English => {
                        serde_json::json!({ "input": input, "terms": terms(input, language) })
                    }
                    _ => serde_json::json!({
                        "language": code,
                        "input": input,
                        "terms": terms(input, language),
                    }),
                }
            })
            .collect();
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/search-vectors.json"
        );
        std::fs::write(path, serde_json::to_string_pretty(&vectors).unwrap() + "\n").unwrap();
    }

    /// The vectors the JavaScript side is tested against too.
    #[test]
    fn shared_vectors() {
        let text = include_str!("../../tests/fixtures/search-vectors.json");
        let vectors: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
        assert!(vectors.len() >= 20);
        let mut languages = std::collections::BTreeSet::new();
        for v in vectors {
            let input = v["input"].as_str().unwrap();
            let code = v["language"].as_str().unwrap_or("en");
            let language = Language::of(code);
            assert_eq!(language.code(), code);
            languages.insert(code.to_string());
            let expected: Vec<&str> = v["terms"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|t| t.as_str())
                .collect();
            assert_eq!(terms(input, language), expected, "input: {input}");
        }
        // Every language's rules, both sides.
        assert_eq!(languages.len(), Language::ALL.len(), "{languages:?}");
    }
}
