//! Search's word splitter: the fast path (sixteen bytes at a time) gives the same words, at the
//! same positions, as the rules applied character by character, and the word-table key of each.
#![no_main]

use handbook::search::tokenize::{for_each_keyed_word, is_stop_word, words_as_written};
use handbook::search::words::key;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut fast = Vec::new();
    for_each_keyed_word(text, |position, word, k| {
        assert_eq!(k, key(word.as_bytes()), "key of {word:?} in {text:?}");
        if !is_stop_word(word) {
            fast.push((position, word.to_string()));
        }
    });
    assert_eq!(fast, words_as_written(text), "text: {text:?}");
});
