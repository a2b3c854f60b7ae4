//! The indexer's word table: every word of a page (and, merged, of the site) gets a number.
//!
//! It is the hottest map of a build (one look-up per word of every page), so it is shaped for
//! that: a word's first sixteen bytes are one number (its [`key`], which the tokenizer reads
//! straight from the text); the table is open-addressed, each slot holding a word's key, length
//! and number beside whatever its user keeps about the word, so that a look-up reads one slot
//! (one cache line, where a general hash map reads a control byte, an index and an entry: on
//! 10,000 pages, three cache misses a word) and compares integers, never the word's text unless
//! it is longer than its key; the texts of all words live in one string instead of one
//! allocation each; and a word's hash goes with it from a page's table into the site's.

/// A word's number in its table.
pub type WordId = u32;

/// Words numbered in the order they were first seen, each with a `T` its user keeps about it
/// ([`WordTable::entry_keyed`]).
#[derive(Debug)]
pub struct WordTable<T = ()> {
    /// A power of two long, at most [`FULL`] full; probed one slot after another.
    slots: Vec<Slot<T>>,
    /// By number: where the word is.
    entries: Vec<Entry>,
    /// Every word's text, one after the other.
    text: String,
}

/// A table grows past this share of its slots used: (numerator, denominator).
const FULL: (usize, usize) = (5, 8);

/// A slot's number while it is empty.
const EMPTY: WordId = WordId::MAX;

#[derive(Debug, Clone, Copy)]
struct Slot<T> {
    /// The word's [`key`], as two halves (a `u128` would align the slot to 16 bytes).
    key: [u64; 2],
    len: u32,
    id: WordId,
    value: T,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    hash: u64,
    start: u32,
    len: u32,
}

/// The `N` bytes at `i` (zeros past the end, which callers never reach).
#[inline]
fn bytes_at<const N: usize>(bytes: &[u8], i: usize) -> [u8; N] {
    bytes
        .get(i..i + N)
        .and_then(|b| b.try_into().ok())
        .unwrap_or([0; N])
}

/// The eight bytes at `i`, little-endian.
#[inline]
fn u64_at(bytes: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(bytes_at(bytes, i))
}

/// A word's first sixteen bytes as one number, little-endian, the rest zero: words of up to
/// sixteen bytes of one length have equal keys only when they are equal. The tokenizer computes
/// the same number straight from the text for most words
/// ([`for_each_keyed_word`](super::tokenize::for_each_keyed_word)).
#[inline]
pub fn key(bytes: &[u8]) -> u128 {
    let mut first = [0u8; 16];
    let n = bytes.len().min(16);
    first[..n].copy_from_slice(&bytes[..n]);
    u128::from_le_bytes(first)
}

/// Multiplies and folds the halves of the product together: every bit of the result depends
/// on every bit of both inputs.
#[inline]
fn mix(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    product as u64 ^ (product >> 64) as u64
}

const SEED: [u64; 3] = [
    0x243f_6a88_85a3_08d3,
    0x1319_8a2e_0370_7344,
    0xa409_3822_299f_31d0,
];

/// The hash of a word whose [`key`] is known.
#[inline]
fn hash_keyed(bytes: &[u8], key: u128) -> u64 {
    let n = bytes.len() as u64;
    let mut h = mix(key as u64 ^ SEED[0], (key >> 64) as u64 ^ SEED[1] ^ n);
    // Past the key: eight bytes at a time, the last block overlapping the one before.
    let mut i = 16;
    while i < bytes.len() {
        let at = i.min(bytes.len() - 8);
        h = mix(h ^ u64_at(bytes, at), SEED[2]);
        i += 8;
    }
    h
}

/// The hash of a word.
pub fn hash(word: &str) -> u64 {
    hash_keyed(word.as_bytes(), key(word.as_bytes()))
}

impl<T: Copy + Default> Default for WordTable<T> {
    fn default() -> Self {
        WordTable::with_capacity(0, 0)
    }
}

impl<T: Copy + Default> WordTable<T> {
    pub fn with_capacity(words: usize, bytes: usize) -> WordTable<T> {
        let slots = (words * FULL.1 / FULL.0 + 1).next_power_of_two().max(16);
        WordTable {
            slots: vec![Slot::empty(); slots],
            entries: Vec::with_capacity(words),
            text: String::with_capacity(bytes),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The word's number, given a new one (the next) if it is not in the table yet; and
    /// whether it was new.
    #[inline]
    pub fn intern(&mut self, word: &str) -> (WordId, bool) {
        let key = key(word.as_bytes());
        let (slot, new) = self.slot(word, key, hash_keyed(word.as_bytes(), key));
        (self.slots[slot].id, new)
    }

    /// [`intern`](Self::intern) for a word whose [`hash`] is known (from another table).
    pub fn intern_hashed(&mut self, word: &str, hash: u64) -> (WordId, bool) {
        let (slot, new) = self.slot(word, key(word.as_bytes()), hash);
        (self.slots[slot].id, new)
    }

    /// [`intern`](Self::intern) for a word whose [`key`] is known (from the tokenizer), with
    /// what the caller keeps about the word (`T::default()` for a new one). Always inlined, with
    /// [`slot`](Self::slot): it runs once per word of every page, and the compiler, left to
    /// choose, has twice made it a call of its own when its caller grew (40 M instructions on
    /// 1,000 pages each time).
    #[inline(always)]
    pub fn entry_keyed(&mut self, word: &str, key: u128) -> (WordId, bool, &mut T) {
        let (slot, new) = self.slot(word, key, hash_keyed(word.as_bytes(), key));
        let slot = &mut self.slots[slot];
        (slot.id, new, &mut slot.value)
    }

    /// The slot of the word, filled if it was not in the table; and whether it was new.
    #[inline(always)]
    fn slot(&mut self, word: &str, key: u128, hash: u64) -> (usize, bool) {
        let halves = [key as u64, (key >> 64) as u64];
        let mut i = hash as usize & (self.slots.len() - 1);
        loop {
            let slot = &self.slots[i];
            if slot.id == EMPTY {
                break;
            }
            if slot.key == halves
                && slot.len as usize == word.len()
                && (word.len() <= 16 || self.word(slot.id) == word)
            {
                return (i, false);
            }
            i = (i + 1) & (self.slots.len() - 1);
        }
        (self.insert(i, word, halves, hash), true)
    }

    /// Puts a new word in the table at the empty slot `i` (or, when the table grows first
    /// because it would be too full, at the first free slot from its hash among the new ones);
    /// returns its slot. Kept out of [`slot`](Self::slot), whose loop runs for every word.
    #[cold]
    #[inline(never)]
    fn insert(&mut self, mut i: usize, word: &str, halves: [u64; 2], hash: u64) -> usize {
        if (self.entries.len() + 1) * FULL.1 > self.slots.len() * FULL.0 {
            self.grow();
            i = self.free_slot(hash);
        }
        let id = self.entries.len() as WordId;
        self.entries.push(Entry {
            hash,
            start: self.text.len() as u32,
            len: word.len() as u32,
        });
        self.text.push_str(word);
        self.slots[i] = Slot {
            key: halves,
            len: word.len() as u32,
            id,
            value: T::default(),
        };
        i
    }

    /// The first empty slot from where `hash` points.
    fn free_slot(&self, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        while self.slots[i].id != EMPTY {
            i = (i + 1) & mask;
        }
        i
    }

    /// Twice the slots, every word moved to its place among them.
    fn grow(&mut self) {
        let twice = vec![Slot::empty(); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, twice);
        for slot in old.into_iter().filter(|s| s.id != EMPTY) {
            let i = self.free_slot(self.entries[slot.id as usize].hash);
            self.slots[i] = slot;
        }
    }

    /// A word by its number.
    pub fn word(&self, id: WordId) -> &str {
        let e = &self.entries[id as usize];
        &self.text[e.start as usize..(e.start + e.len) as usize]
    }

    /// A word's hash by its number.
    pub fn hash_of(&self, id: WordId) -> u64 {
        self.entries[id as usize].hash
    }
}

impl<T: Copy + Default> Slot<T> {
    fn empty() -> Slot<T> {
        Slot {
            key: [0; 2],
            len: 0,
            id: EMPTY,
            value: T::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_their_numbers() {
        let mut table: WordTable = WordTable::default();
        let words = [
            "manager",
            "managers",
            "a",
            "",
            "exactly-sixteen!",
            "exactly-sixteen?",
            "seven-7",
            "sevenn7",
            "abc",
            "acc",
            "ab",
            "eight-88",
            "eight-89",
            "seventeen-bytes-a",
            "seventeen-bytes-b",
            "a-word-longer-than-sixteen-bytes",
            "a-word-longer-than-sixteen-bytez",
            "ünïcödé",
        ];
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.intern(w), (i as WordId, true));
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.intern(w), (i as WordId, false), "{w}");
            assert_eq!(table.word(i as WordId), *w);
        }
        assert_eq!(table.len(), words.len());
        // A second table, fed by the first's hashes, numbers the words its own way.
        let mut other: WordTable = WordTable::default();
        assert_eq!(other.intern("x"), (0, true));
        for i in 0..table.len() as WordId {
            let (id, new) = other.intern_hashed(table.word(i), table.hash_of(i));
            assert!(new);
            assert_eq!(other.word(id), table.word(i));
        }
    }

    #[test]
    fn distinct_words_never_share_a_number() {
        // Every word over a two-letter alphabet up to 20 letters long shares long runs with
        // others: any key or comparison that missed a byte would number two of them alike.
        let mut table: WordTable = WordTable::default();
        let mut all = Vec::new();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..50_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 21) as usize;
            let word: String = (0..len)
                .map(|i| if seed >> (i + 8) & 1 == 1 { 'b' } else { 'a' })
                .collect();
            all.push(word);
        }
        let mut seen = std::collections::HashMap::new();
        for word in &all {
            let (id, new) = table.intern(word);
            let expected = seen.len() as WordId;
            let known = *seen.entry(word.clone()).or_insert(expected);
            assert_eq!((id, new), (known, known == expected), "{word}");
        }
    }

    #[test]
    fn values_stay_with_their_words_as_the_table_grows() {
        let mut table: WordTable<u64> = WordTable::with_capacity(1, 1);
        for i in 0..5_000u64 {
            let word = format!("word{i}");
            let (id, new, value) = table.entry_keyed(&word, key(word.as_bytes()));
            assert_eq!((id, new, *value), (i as WordId, true, 0));
            *value = i * 7 + 1;
        }
        for i in (0..5_000u64).rev() {
            let word = format!("word{i}");
            let (id, new, value) = table.entry_keyed(&word, key(word.as_bytes()));
            assert_eq!((id, new, *value), (i as WordId, false, i * 7 + 1));
        }
    }

    #[test]
    fn many_words() {
        let mut table: WordTable = WordTable::with_capacity(4, 16);
        for i in 0..20_000 {
            assert_eq!(table.intern(&format!("w{i}")), (i, true));
        }
        for i in (0..20_000).rev() {
            assert_eq!(table.intern(&format!("w{i}")), (i, false));
        }
    }
}
