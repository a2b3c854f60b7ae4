//! Search's word splitter: the fast path (sixteen bytes at a time) gives the same words, at the
//! same positions, as the rules applied character by character, and the word-table key of each,
//! in each language (they differ in stop words and in what an apostrophe does); and stemming
//! each word, by our own stemmers too, never panics. Hyphenated compounds are read without a
//! panic, each one word keyed like the others.
#![no_main]

use handbook::search::tokenize::{
    for_each_compound, for_each_keyed_word, words_as_written, Language, Stem,
};
use handbook::search::words::key;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let language = Language::ALL[pick as usize % Language::ALL.len()];
    let stem = Stem::new(language);
    let mut fast = Vec::new();
    for_each_keyed_word(text, language, |position, word, k| {
        stem.stem(word);
        assert_eq!(k, key(word.as_bytes()), "key of {word:?} in {text:?}");
        if !language.is_stop_word(word) {
            fast.push((position, word.to_string()));
        }
    });
    assert_eq!(fast, words_as_written(text, language), "text: {text:?}");
    for_each_compound(text, language, |word, k| {
        stem.stem(word);
        assert_eq!(k, key(word.as_bytes()), "key of {word:?} in {text:?}");
        assert_eq!(
            words_as_written(word, language).len(),
            usize::from(!language.is_stop_word(word)),
            "compound {word:?} in {text:?}"
        );
    });
});
