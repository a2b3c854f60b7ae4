//! Building the search index from the rendered pages: one document per section (the page's
//! lead, then each h2/h3 with the text under it), scored with BM25 at build time, and cut into
//! small files a query loads only when it needs them.
//!
//! Files, each a script calling `__hbSearch(name, data)` so they load from `file://`:
//! - `search/manifest.js`: counts, shard keys, the initials of the vocabulary files, filter
//!   names, and the version: the name of the folder that holds every other file, a hash of
//!   their contents (a new build of changed pages writes a new folder, so a browser never
//!   mixes a cached file of one build with another's);
//! - `search/<version>/v/<k>.js`: the vocabulary of terms starting with one character, with
//!   each term's commonest word (for prefix and typo matching and "did you mean");
//! - `search/<version>/p/<k>.js`: postings of the terms from the key `<k>` up to the next
//!   file's key ([`shard_keys`]): for each term its document count and its best `HEAD`
//!   postings as (doc delta, impact, first position) triples, packed in a string
//!   ([`put_number`]);
//! - `search/<version>/x/<hash>.js`: the next best postings (up to `TAIL`) of a term with more
//!   than `HEAD`; for common words, documents past those add nothing a reader would scroll to;
//! - `search/<version>/d/<n>.js`: documents in blocks: `[page, heading, anchor, excerpt]`;
//! - `search/<version>/g/<n>.js`: pages in blocks: `[title, href, breadcrumb, section,
//!   audience bits]`.
//!
//! `<k>` is the prefix's UTF-8 in hex, so every file name is plain ASCII. A file's `name` is
//! its path below the version folder without `.js` (`d/3`).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;
use std::sync::atomic::{AtomicU32, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::tokenize::{for_each_compound, for_each_keyed_word, Language, Stem};
use super::words::{WordId, WordTable};
use crate::markdown::Rendered;
use crate::site::{PageId, Site};

pub const HEAD: usize = 150;
pub const TAIL: usize = 2000;
pub const DOC_BLOCK: usize = 32;
pub const PAGE_BLOCK: usize = 32;
/// A postings file grows a longer prefix above this size.
pub const SHARD_BYTES: usize = 40_000;
/// Neighbouring small postings files are put together up to this size ([`shard_keys`]).
pub const SHARD_FILL: usize = 16_000;
pub const EXCERPT_CHARS: usize = 160;
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// What an occurrence of a word counts, in halves: a word counts more in the page title and in
/// the section heading than in the text. Halves keep every sum a whole number (the index holds
/// them as small integers while it is built) and exactly the value BM25 reads ([`tf`]).
const TITLE_WEIGHT: u32 = 8;
const HEADING_WEIGHT: u32 = 5;
const TAG_WEIGHT: u32 = 3;
const TEXT_WEIGHT: u32 = 2;
/// The page title's words in each of its sections.
const TITLE_IN_SECTION_WEIGHT: u32 = 1;

/// A weighted frequency in halves, as the frequency BM25 scores.
fn tf(halves: u32) -> f32 {
    halves as f32 * 0.5
}

/// One searchable section, as a page contributes it.
struct Doc {
    /// What the index shows of it: `[page, heading, anchor, excerpt]` in JSON, written by the
    /// worker thread that indexed the page.
    entry: String,
    /// (word, weighted frequency in halves, first position), the words numbered on the page.
    terms: Vec<(u32, u32, u32)>,
    /// Number of words in the text and heading.
    length: usize,
}

/// What one page contributes, with its words numbered on the page.
pub struct PageIndex {
    docs: Vec<Doc>,
    /// The word table of the thread that indexed the page ([`Worker`]).
    table: u32,
    /// The page's words, numbered on the page: their numbers in the thread's table.
    words: Vec<WordId>,
    /// How often each word occurs, by its number on the page.
    counts: Vec<u32>,
    /// Words the thread's table took in for this page: (number, hash, word). The merge learns
    /// every word of a table this way, once.
    new_words: Vec<(WordId, u64, String)>,
}

/// A word table that knows the language's stop words: they take the first numbers.
fn table_with_stop_words<T: Copy + Default>(
    language: Language,
    words: usize,
    bytes: usize,
) -> WordTable<T> {
    let stop = language.stop_words();
    let mut table = WordTable::with_capacity(words + stop.len(), bytes);
    for word in stop {
        table.intern(word);
    }
    table
}

/// Numbers that tell apart indexes being built and the word tables of worker threads.
static SERIAL: AtomicU32 = AtomicU32::new(0);

/// What a worker thread keeps between the pages it indexes: its word table, so that a word is
/// taken in (hashed, stored, sent to the merge) once a thread rather than once a page.
struct Worker {
    /// The index ([`Merged::serial`]) the table serves: another index starts a new table.
    index: u32,
    /// The handbook's language: its stop words take the table's first numbers.
    language: Language,
    /// This table's own number.
    table: u32,
    /// Each word of the table with where it was last seen, and what it did on that page.
    words: WordTable<Seen>,
    /// How many pages the thread has indexed.
    pages: u32,
}

impl Worker {
    fn new(index: u32, language: Language) -> Worker {
        Worker {
            index,
            language,
            table: SERIAL.fetch_add(1, Ordering::Relaxed),
            words: table_with_stop_words(language, 1 << 14, 1 << 17),
            pages: 0,
        }
    }
}

/// A word on the page a worker thread is indexing: all it needs per occurrence in one place,
/// beside the word in its table's slot.
#[derive(Debug, Clone, Copy, Default)]
struct Seen {
    /// The page (the worker's count of pages, from 1; 0 for none yet) the rest is about.
    page: u32,
    /// The word's number on that page.
    local: u32,
    /// The page's document it was last seen in, and its place in that document's terms.
    doc: u32,
    slot: u32,
}

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
}

/// A posting: document, impact (1-255), first position.
type Posting = (u32, u8, u32);

/// The index so far: words, their stems (the terms), and each term's postings. Pages are added
/// one by one in reading order ([`page_index`] can run in parallel, [`Merged::add`] cannot),
/// so that the words of every page are never held at once; each batch's new words are learnt
/// ([`Merged::learn`]) before its pages are added.
pub struct Merged {
    /// Tells this index's pages from another's in the worker threads' tables.
    serial: u32,
    language: Language,
    stem: Stem,
    /// Every word of the site, numbered as first learnt; the stop words come first.
    words: WordTable,
    /// For each word: its term and how often it occurs.
    word_terms: Vec<(u32, u32)>,
    /// For each worker thread's table, its words' numbers here.
    tables: FxHashMap<u32, Vec<WordId>>,
    term_ids: FxHashMap<String, u32>,
    names: Vec<String>,
    /// For each term: its postings in document order, [`Postings`].
    postings: Vec<Postings>,
    /// The documents' files so far (`DOC_BLOCK` documents each), and the next one's entries:
    /// each is written as its last document is added.
    doc_files: Vec<(String, String)>,
    doc_block: String,
    lengths: Vec<u32>,
    /// For each term, the document it was last seen in and its place in `terms_of_doc`.
    seen_in: Vec<u32>,
    slot: Vec<u32>,
    terms_of_doc: Vec<(u32, u32, u32)>,
}

/// A term's postings while the index is built: (document, weighted frequency in halves, first
/// position), each number a LEB128 varint and the document as the difference from the one
/// before. About four bytes a posting where three `u32`s take twelve: on 10,000 pages that is
/// 25 MB of memory instead of 70-100, which the build would otherwise take fresh from the system
/// (zeroed) and copy as the lists grow.
#[derive(Default)]
struct Postings {
    bytes: Vec<u8>,
    len: u32,
    last_doc: u32,
}

impl Postings {
    fn push(&mut self, doc: u32, halves: u32, first: u32) {
        let numbers = [doc - self.last_doc, halves, first];
        if numbers.iter().all(|&n| n < 0x80) {
            // Most postings: three bytes.
            self.bytes.extend_from_slice(&numbers.map(|n| n as u8));
        } else {
            let mut block = [0u8; 15];
            let mut len = 0;
            for mut n in numbers {
                while n >= 0x80 {
                    block[len] = n as u8 | 0x80;
                    n >>= 7;
                    len += 1;
                }
                block[len] = n as u8;
                len += 1;
            }
            self.bytes.extend_from_slice(&block[..len]);
        }
        self.last_doc = doc;
        self.len += 1;
    }
}

/// Calls `f(document, weighted frequency in halves, first position)` for each posting
/// [`Postings::push`] wrote, in order; a posting cut short at the end is left out.
fn for_each_posting(bytes: &[u8], mut f: impl FnMut(u32, u32, u32)) {
    // One number from `bytes[*at..]`, or None at the end.
    let varint = |at: &mut usize| {
        let mut n = 0u32;
        let mut shift = 0;
        while let Some(&b) = bytes.get(*at) {
            *at += 1;
            n |= u32::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(n);
            }
            shift += 7;
        }
        None
    };
    let mut doc = 0;
    let mut at = 0;
    while at < bytes.len() {
        // Most postings: three bytes, each a whole number.
        if let Some(&[a, b, c]) = bytes.get(at..at + 3) {
            if (a | b | c) < 0x80 {
                doc += u32::from(a);
                f(doc, u32::from(b), u32::from(c));
                at += 3;
                continue;
            }
        }
        let (Some(delta), Some(halves), Some(first)) =
            (varint(&mut at), varint(&mut at), varint(&mut at))
        else {
            return;
        };
        doc += delta;
        f(doc, halves, first);
    }
}

impl Default for Merged {
    fn default() -> Self {
        Merged::new(Language::English)
    }
}

impl Merged {
    /// An empty index of a handbook in `language` (the site's `search_language`).
    pub fn new(language: Language) -> Merged {
        let words = table_with_stop_words(language, 1 << 14, 1 << 17);
        Merged {
            serial: SERIAL.fetch_add(1, Ordering::Relaxed),
            language,
            stem: Stem::new(language),
            word_terms: vec![(0, 0); words.len()],
            words,
            tables: FxHashMap::default(),
            term_ids: FxHashMap::default(),
            names: Vec::new(),
            postings: Vec::new(),
            doc_files: Vec::new(),
            doc_block: String::new(),
            lengths: Vec::new(),
            seen_in: Vec::new(),
            slot: Vec::new(),
            terms_of_doc: Vec::new(),
        }
    }

    /// What [`page_index`] needs to index pages for this index.
    pub fn serial(&self) -> u32 {
        self.serial
    }

    /// Takes in the words a page brought to its thread's table. Every page of a batch is
    /// learnt before any is added: a page may use a word that a later page of the same thread
    /// brought, when the thread indexed that one first.
    pub fn learn(&mut self, page: &PageIndex) {
        for (local, hash, word) in &page.new_words {
            let (id, new) = self.words.intern_hashed(word, *hash);
            if new {
                let term = self.term(word);
                self.word_terms.push((term, 0));
            }
            let table = self.tables.entry(page.table).or_default();
            let local = *local as usize;
            if table.len() <= local {
                table.resize(local + 1, WordId::MAX);
            }
            table[local] = id;
        }
    }

    /// Adds the next page in reading order; its words must have been learnt.
    pub fn add(&mut self, page: PageIndex) {
        // The page's word numbers, as terms.
        let table = self.tables.get(&page.table).map_or(&[][..], Vec::as_slice);
        let terms: Vec<u32> = page
            .words
            .iter()
            .zip(&page.counts)
            .map(|(&word, &count)| {
                let id = table.get(word as usize).copied().unwrap_or(WordId::MAX);
                match self.word_terms.get_mut(id as usize) {
                    Some(entry) => {
                        entry.1 += count;
                        entry.0
                    }
                    // Never happens: every word is learnt before its page is added.
                    None => 0,
                }
            })
            .collect();
        for doc in page.docs {
            let n = self.lengths.len() as u32;
            // Words with one stem count together, at the first position of any of them.
            self.terms_of_doc.clear();
            for &(w, tf, first) in &doc.terms {
                let term = terms[w as usize] as usize;
                if self.seen_in[term] == n {
                    let entry = &mut self.terms_of_doc[self.slot[term] as usize];
                    entry.1 += tf;
                    entry.2 = entry.2.min(first);
                } else {
                    self.seen_in[term] = n;
                    self.slot[term] = self.terms_of_doc.len() as u32;
                    self.terms_of_doc.push((term as u32, tf, first));
                }
            }
            for &(term, tf, first) in &self.terms_of_doc {
                self.postings[term as usize].push(n, tf, first);
            }
            self.add_doc_entry(n as usize, &doc.entry);
            self.lengths.push(doc.length as u32);
        }
    }

    /// Adds document `n`'s entry to its block of the documents' files, and writes the block
    /// when it is full.
    fn add_doc_entry(&mut self, n: usize, entry: &str) {
        self.doc_block
            .push(if n % DOC_BLOCK == 0 { '[' } else { ',' });
        self.doc_block.push_str(entry);
        if (n + 1) % DOC_BLOCK == 0 {
            self.end_doc_block();
        }
    }

    /// Writes the documents' block begun last as a file.
    fn end_doc_block(&mut self) {
        if self.doc_block.is_empty() {
            return;
        }
        self.doc_block.push(']');
        let n = self.doc_files.len();
        let json = std::mem::take(&mut self.doc_block);
        self.doc_files.push(file(format!("d/{n}"), &json));
    }

    /// The term of a word not seen before.
    fn term(&mut self, word: &str) -> u32 {
        let stem = self.stem.stem(word);
        if let Some(&id) = self.term_ids.get(stem.as_ref()) {
            return id;
        }
        let id = self.names.len() as u32;
        self.term_ids.insert(stem.to_string(), id);
        self.names.push(stem.into_owned());
        self.postings.push(Postings::default());
        self.seen_in.push(u32::MAX);
        self.slot.push(0);
        id
    }

    /// The index, as files: (path below the site root, contents).
    pub fn files(mut self, site: &Site) -> Vec<(String, String)> {
        self.end_doc_block();
        let Merged {
            language,
            words,
            word_terms,
            names,
            postings,
            doc_files,
            lengths,
            ..
        } = self;
        // Each term is shown as its commonest word (the shortest, then the first, on a tie).
        let mut surface: Vec<(&str, u32)> = vec![("", 0); names.len()];
        let mut by_word: Vec<WordId> =
            (language.stop_words().len() as WordId..words.len() as WordId).collect();
        by_word.sort_unstable_by_key(|&w| words.word(w));
        for w in by_word {
            let word = words.word(w);
            let (term, count) = word_terms[w as usize];
            let best = &mut surface[term as usize];
            if count > best.1 || (count == best.1 && word.len() < best.0.len()) {
                *best = (word, count);
            }
        }
        // BM25, once every document's length is known: each document's length norm now, the
        // impacts as each term's file is written.
        // A section with no text of its own (a heading with a smaller one right under it) has
        // length 0 ([`index_page`]) and is scored as one twice the average length: its heading
        // alone, a word or two long, would otherwise outrank every section that says
        // something, where it is the weakest of matches (nothing under it is about the word).
        let written = lengths.iter().filter(|&&l| l > 0);
        let avg_len = (written.clone().map(|&l| u64::from(l)).sum::<u64>() as f32
            / written.count().max(1) as f32)
            .max(1.0);
        let norms: Vec<f32> = lengths
            .iter()
            .map(|&l| match l {
                0 => K1 * (1.0 + B),
                l => K1 * (1.0 - B + B * l as f32 / avg_len),
            })
            .collect();
        let mut order: Vec<u32> = (0..names.len() as u32).collect();
        order.sort_unstable_by_key(|&t| &names[t as usize]);
        let terms: Vec<Term> = order
            .iter()
            .map(|&t| Term {
                name: &names[t as usize],
                word: surface[t as usize].0,
                postings: &postings[t as usize].bytes,
                count: postings[t as usize].len as usize,
            })
            .collect();
        let shards = shard_keys(&terms);
        let (((vocabulary, initials), postings), pages) = rayon::join(
            || {
                rayon::join(
                    || vocabulary(&terms),
                    || posting_files(&terms, &norms, &shards),
                )
            },
            || page_files(site),
        );
        let files: Vec<(String, String)> = [vocabulary, postings, doc_files, pages]
            .into_iter()
            .flatten()
            .collect();
        // Every file but the manifest goes in a folder named after their contents, so that a
        // browser's cache never mixes two builds' files, and a tab open across a new build
        // fails to find the old files instead of reading the new ones with an old manifest.
        let version = version(&files);
        let mut files: Vec<(String, String)> = files
            .into_iter()
            .map(|(name, text)| (format!("search/{version}/{name}.js"), text))
            .collect();
        files.push((
            "search/manifest.js".into(),
            manifest(site, lengths.len(), &shards, &initials, &version),
        ));
        files
    }
}

/// A name for the contents of `files` (logical name, text): the same files give the same name.
fn version(files: &[(String, String)]) -> String {
    use std::hash::Hasher;
    let hashes: Vec<u64> = files
        .par_iter()
        .map(|(name, text)| {
            let mut hasher = rustc_hash::FxHasher::default();
            hasher.write(name.as_bytes());
            hasher.write(text.as_bytes());
            hasher.finish()
        })
        .collect();
    let mut hasher = rustc_hash::FxHasher::default();
    hashes.iter().for_each(|&h| hasher.write_u64(h));
    format!("{:016x}", hasher.finish())
}

/// A term of the whole index, in sorted order.
struct Term<'a> {
    name: &'a str,
    /// The commonest word written for it.
    word: &'a str,
    /// Its postings, as [`Postings`] holds them.
    postings: &'a [u8],
    /// How many.
    count: usize,
}

/// The documents of one page, for the index numbered `serial` ([`Merged::serial`]).
pub fn page_index(site: &Site, id: PageId, rendered: &Rendered, serial: u32) -> PageIndex {
    WORKER.with(|worker| {
        let mut worker = worker.borrow_mut();
        let worker = match &mut *worker {
            Some(w) if w.index == serial => w,
            other => other.insert(Worker::new(serial, site.search_language)),
        };
        index_page(site, id, rendered, worker)
    })
}

fn index_page(site: &Site, id: PageId, rendered: &Rendered, worker: &mut Worker) -> PageIndex {
    let page = &site.pages[id];
    worker.pages += 1;
    let this_page = worker.pages;
    let new_from = worker.words.len() as WordId;
    let language = worker.language;
    let stop_words = language.stop_words().len();
    // The page's words, numbered on the page, and how often each occurs (what else the page
    // did with each is beside it in the worker's table).
    let mut words: Vec<WordId> = Vec::with_capacity(1024);
    let mut counts: Vec<u32> = Vec::with_capacity(1024);
    let mut add = |doc: &mut Doc, doc_no: u32, text: &str, weight: u32, counts_length: bool| {
        let mut record = |position: u32, word: &str, key: u128, counts_length: bool| {
            let (word, _, seen) = worker.words.entry_keyed(word, key);
            if (word as usize) < stop_words {
                return;
            }
            if seen.page != this_page {
                *seen = Seen {
                    page: this_page,
                    local: words.len() as u32,
                    doc: u32::MAX,
                    slot: 0,
                };
                words.push(word);
                counts.push(0);
            }
            if let Some(count) = counts.get_mut(seen.local as usize) {
                *count += 1;
            }
            if counts_length {
                doc.length += 1;
            }
            if seen.doc == doc_no {
                if let Some(term) = doc.terms.get_mut(seen.slot as usize) {
                    term.1 += weight;
                }
            } else {
                seen.doc = doc_no;
                seen.slot = doc.terms.len() as u32;
                doc.terms.push((seen.local, weight, position));
            }
        };
        for_each_keyed_word(text, language, |position, word, key| {
            record(position, word, key, counts_length)
        });
        // "on-call" is also "oncall" (rule 5), found by a reader who types it so. It adds
        // nothing to the length (its parts did), and has no place of its own: a query's
        // compound is never a word whose nearness to the others counts (search.js).
        for_each_compound(text, language, |word, key| record(0, word, key, false));
    };
    let new_doc = |heading: &str, anchor: &str, text: &str| Doc {
        entry: {
            let excerpt = excerpt(text);
            let mut entry =
                String::with_capacity(heading.len() + anchor.len() + excerpt.len() + 24);
            let _ = write!(entry, "[{},", site.nav_index[id]);
            push_quoted(&mut entry, heading);
            entry.push(',');
            push_quoted(&mut entry, anchor);
            entry.push(',');
            push_quoted(&mut entry, &excerpt);
            entry.push(']');
            entry
        },
        // A section has some dozens of distinct words.
        terms: Vec::with_capacity(text.len() / 8 + 8),
        length: 0,
    };
    let mut docs = Vec::new();
    let sections = &rendered.sections;
    let lead_text = sections
        .first()
        .filter(|s| s.id.is_none())
        .map_or("", |s| s.text.as_str());
    let description = page.meta().description.as_deref().unwrap_or("");
    let mut lead = new_doc(
        "",
        "",
        if lead_text.trim().is_empty() {
            description
        } else {
            lead_text
        },
    );
    add(&mut lead, 0, page.title(), TITLE_WEIGHT, true);
    add(&mut lead, 0, description, TEXT_WEIGHT, true);
    add(&mut lead, 0, lead_text, TEXT_WEIGHT, true);
    let tags = page.meta().tags.join(" ") + " " + &page.meta().audience.join(" ");
    add(&mut lead, 0, &tags, TAG_WEIGHT, false);
    docs.push(lead);
    for section in sections.iter().filter(|s| s.id.is_some()) {
        let mut doc = new_doc(
            &section.heading,
            section.id.as_deref().unwrap_or(""),
            &section.text,
        );
        let doc_no = docs.len() as u32;
        add(&mut doc, doc_no, &section.heading, HEADING_WEIGHT, true);
        add(&mut doc, doc_no, &section.text, TEXT_WEIGHT, true);
        // A little of the page title, so "hiring interviews" finds the Interviews section of
        // the Hiring page.
        add(
            &mut doc,
            doc_no,
            page.title(),
            TITLE_IN_SECTION_WEIGHT,
            false,
        );
        if !section.text.chars().any(char::is_alphanumeric) {
            doc.length = 0;
        }
        docs.push(doc);
    }
    let new_words = (new_from..worker.words.len() as WordId)
        .map(|w| (w, worker.words.hash_of(w), worker.words.word(w).to_string()))
        .collect();
    PageIndex {
        docs,
        table: worker.table,
        words,
        counts,
        new_words,
    }
}

fn excerpt(text: &str) -> String {
    // The start of the text, its runs of white space made single spaces (none at either end),
    // in one pass that stops at the first character past the limit, or after twice the limit's
    // characters. Runs of ASCII characters other than white space and controls (most of any
    // text) are copied whole; anything else goes one character at a time.
    let bytes = text.as_bytes();
    let plain = |b: u8| b > b' ' && b.is_ascii();
    let mut out = String::with_capacity(EXCERPT_CHARS * 2 + 8);
    let (mut chars, mut scanned, mut i) = (0, 0, 0);
    let mut space = false;
    let mut over = false;
    while i < bytes.len() && scanned < EXCERPT_CHARS * 2 {
        let (len, white) = if plain(bytes[i]) {
            (1, false)
        } else {
            text[i..]
                .chars()
                .next()
                .map_or((1, false), |c| (c.len_utf8(), c.is_whitespace()))
        };
        if white {
            scanned += 1;
            space = !out.is_empty();
            i += len;
            continue;
        }
        if chars + usize::from(space) >= EXCERPT_CHARS {
            over = true;
            break;
        }
        if space {
            out.push(' ');
            chars += 1;
            space = false;
        }
        // This character, and the plain ones after it that both limits let in (each 1 byte).
        let room = (EXCERPT_CHARS - chars).min(EXCERPT_CHARS * 2 - scanned);
        let run = len
            + bytes[i + len..]
                .iter()
                .take(room.saturating_sub(1))
                .take_while(|&&b| plain(b))
                .count();
        out.push_str(&text[i..i + run]);
        let n = run - len + 1;
        chars += n;
        scanned += n;
        i += run;
    }
    if !over {
        return out;
    }
    // Too long: cut at the last word that fits (all of them, when a space was next).
    if !(space && chars < EXCERPT_CHARS) {
        if let Some(last_space) = out.rfind(' ') {
            out.truncate(last_space);
        }
    }
    out.push('…');
    out
}

/// The estimated size of a term in its postings file.
fn shard_size(term: &Term) -> usize {
    term.name.len() + 8 + term.count.min(HEAD) * 6
}

/// The keys of the postings files: each file holds the terms from its key up to the next
/// file's key, in sorted order ([`shard_of`]).
///
/// Terms are first grouped by prefix: two characters, lengthened where a group would be bigger
/// than [`SHARD_BYTES`]. Then neighbouring groups are put together up to [`SHARD_FILL`]: a
/// handbook in English has some hundreds of two-letter prefixes, mostly small, and one in
/// Japanese or Chinese tens of thousands (every pair of characters is one), each of which would
/// otherwise be a file of its own.
fn shard_keys(terms: &[Term]) -> Vec<String> {
    fn split(terms: &[(&str, usize)], depth: usize, out: &mut Vec<(String, usize)>) {
        let mut groups: BTreeMap<String, Vec<(&str, usize)>> = BTreeMap::new();
        for &(term, size) in terms {
            groups
                .entry(term.chars().take(depth).collect())
                .or_default()
                .push((term, size));
        }
        for (key, group) in groups {
            let size: usize = group.iter().map(|(_, s)| s).sum();
            let longer = group.iter().any(|(t, _)| t.chars().count() > depth);
            if size > SHARD_BYTES && longer && depth < 6 {
                // Terms exactly as long as the key stay with it.
                let (own, rest): (Vec<_>, Vec<_>) = group
                    .into_iter()
                    .partition(|(t, _)| t.chars().count() <= depth);
                if !own.is_empty() {
                    out.push((key.clone(), own.iter().map(|(_, s)| s).sum()));
                }
                split(&rest, depth + 1, out);
            } else {
                out.push((key, size));
            }
        }
    }
    let sized: Vec<(&str, usize)> = terms.iter().map(|t| (t.name, shard_size(t))).collect();
    let mut groups = Vec::new();
    split(&sized, 2, &mut groups);
    // Each prefix group is a run of the sorted terms, and the groups come in the same order
    // (a group's own terms before its longer ones).
    groups.sort();
    let mut keys = Vec::new();
    let mut filled = 0;
    for (key, size) in groups {
        if keys.is_empty() || filled + size > SHARD_FILL {
            keys.push(key);
            filled = 0;
        }
        filled += size;
    }
    keys
}

/// The key of the postings file that holds `term`: the last key not after it (`keys` sorted,
/// as [`shard_keys`] makes them); `None` before the first.
pub fn shard_of<'k>(term: &str, keys: &'k [String]) -> Option<&'k String> {
    let after = keys.partition_point(|k| k.as_str() <= term);
    after.checked_sub(1).map(|i| &keys[i])
}

pub fn hex(key: &str) -> String {
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

/// A JSON string literal.
fn quote(s: &str) -> String {
    let mut quoted = String::with_capacity(s.len() + 2);
    push_quoted(&mut quoted, s);
    quoted
}

/// Appends `s` as a JSON string literal.
fn push_quoted(out: &mut String, s: &str) {
    // Most strings (terms, words, anchors, most excerpts) need no escape.
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(s);
        out.push('"');
        return;
    }
    match serde_json::to_string(s) {
        Ok(json) => out.push_str(&json),
        Err(_) => out.push_str("\"\""),
    }
}

fn script(name: &str, json: &str) -> String {
    format!("__hbSearch({},{json});\n", quote(name))
}

/// The index file `name` (as `search.js` asks for it: `d/3`) holding `json`.
fn file(name: String, json: &str) -> (String, String) {
    let text = script(&name, json);
    (name, text)
}

fn manifest(site: &Site, docs: usize, shards: &[String], initials: &str, version: &str) -> String {
    let top: Vec<&str> = site.sections[0]
        .children
        .iter()
        .filter_map(|e| match e {
            crate::site::NavEntry::Section(s) => Some(site.pages[site.sections[*s].index].title()),
            crate::site::NavEntry::Page(_) => None,
        })
        .collect();
    let data = serde_json::json!({
        "v": 3,
        "version": version,
        "language": site.search_language.code(),
        "docs": docs,
        "pages": site.nav_order.len(),
        "head": HEAD,
        "docBlock": DOC_BLOCK,
        "pageBlock": PAGE_BLOCK,
        "shards": shards,
        "initials": initials,
        "sections": top,
        "audiences": audiences(site).into_iter().map(|(_, name)| name).collect::<Vec<_>>(),
    });
    script("manifest", &data.to_string())
}

/// The audiences search filters by, as the audience pages have them: one for each name's
/// [`crate::slug::term_slug`] (`Engineering Manager` and `engineering-manager` are one), named
/// as first met in reading order (then the pages outside it), sorted as a reader looks for
/// them (letter case aside). Returned as (slug, name).
fn audiences(site: &Site) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = Vec::new();
    let mut seen = HashSet::new();
    // Pages outside the reading order last: their audiences count too.
    let outside = (0..site.pages.len()).filter(|&id| {
        site.nav_index[id] == crate::site::NOT_IN_ORDER && site.not_found != Some(id)
    });
    for id in site.nav_order.iter().copied().chain(outside) {
        for name in &site.pages[id].meta().audience {
            let slug = crate::slug::term_slug(name);
            if seen.insert(slug.clone()) {
                all.push((slug, name.clone()));
            }
        }
    }
    all.sort_by_cached_key(|(slug, name)| (name.to_lowercase(), slug.clone()));
    all.truncate(31);
    all
}

/// `[[term, word, documents], ...]` for the terms starting with each character: the files, and
/// the characters they are for (the initials of every term).
fn vocabulary(terms: &[Term]) -> (Vec<(String, String)>, String) {
    let mut by_char: BTreeMap<char, String> = BTreeMap::new();
    for term in terms {
        let Some(first) = term.name.chars().next() else {
            continue;
        };
        let list = by_char.entry(first).or_default();
        list.push(if list.is_empty() { '[' } else { ',' });
        let _ = write!(
            list,
            "[{},{},{}]",
            quote(term.name),
            quote(term.word),
            term.count
        );
    }
    let initials = by_char.keys().collect();
    let files = by_char
        .into_iter()
        .map(|(c, list)| {
            let key = hex(&c.to_string());
            file(format!("v/{key}"), &format!("{list}]"))
        })
        .collect();
    (files, initials)
}

/// A term's best `HEAD` postings and the next best `TAIL` (by impact, then document), each in
/// document order. Impacts are bytes, so the cut-offs come from a histogram: no sorting.
fn split_best(postings: &[Posting]) -> (Vec<Posting>, Vec<Posting>) {
    if postings.len() <= HEAD {
        return (postings.to_vec(), Vec::new());
    }
    let mut histogram = [0usize; 256];
    for p in postings {
        histogram[p.1 as usize] += 1;
    }
    // The lowest impact that makes the first `k`, and how many of that impact get in.
    let cut = |k: usize| {
        let mut above = 0;
        for impact in (0..256).rev() {
            if above + histogram[impact] >= k {
                return (impact as u8, k - above);
            }
            above += histogram[impact];
        }
        (0, usize::MAX)
    };
    let (head_at, mut head_ties) = cut(HEAD);
    let (all_at, mut all_ties) = cut(HEAD + TAIL);
    let (mut head, mut tail) = (Vec::with_capacity(HEAD), Vec::new());
    for &p in postings {
        let in_all = p.1 > all_at || (p.1 == all_at && all_ties > 0);
        if p.1 == all_at && in_all {
            all_ties -= 1;
        }
        if !in_all {
            continue;
        }
        let in_head = p.1 > head_at || (p.1 == head_at && head_ties > 0);
        if p.1 == head_at && in_head {
            head_ties -= 1;
        }
        if in_head {
            head.push(p);
        } else {
            tail.push(p);
        }
    }
    (head, tail)
}

/// The characters postings are written with, a number's five-bit groups being indexes into
/// it: none needs escaping in a JSON or JavaScript string. `search.js` holds the same table.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Postings sorted by document, as a JSON string of `(doc delta, impact, position)` numbers,
/// each written by [`put_number`]: about six characters a posting where decimal JSON takes ten,
/// in less than half the work.
fn pack(list: &mut [Posting]) -> String {
    // Most lists are short and already in document order.
    if !list.is_sorted() {
        list.sort_unstable();
    }
    let mut out: Vec<u8> = Vec::with_capacity(list.len() * 7 + 2);
    // Postings are written into a block on the stack and the block appended when nearly full:
    // one copy per few hundred numbers rather than one per number.
    let mut block = [0u8; 1024];
    let mut len = 1;
    block[0] = b'"';
    let mut last = 0;
    for &(doc, impact, pos) in list.iter() {
        // A posting takes at most 3 numbers of 7 characters.
        if len > block.len() - 24 {
            out.extend_from_slice(&block[..len]);
            len = 0;
        }
        len = put_number(&mut block, len, doc - last);
        len = put_number(&mut block, len, u32::from(impact));
        len = put_number(&mut block, len, pos);
        last = doc;
    }
    out.extend_from_slice(&block[..len]);
    out.push(b'"');
    String::from_utf8(out).unwrap_or_default()
}

/// Writes a number at `block[at..]` in five-bit groups, the lowest first, each as the
/// character of [`DIGITS`] at its value, plus 32 when more groups follow (a number below 32
/// takes one character, below 1,024 two); returns where it ends. The block must have room for
/// seven characters.
#[inline]
fn put_number(block: &mut [u8], mut at: usize, mut n: u32) -> usize {
    while n >= 32 {
        block[at] = DIGITS[(32 | n & 31) as usize];
        n >>= 5;
        at += 1;
    }
    block[at] = DIGITS[n as usize];
    at + 1
}

/// The postings a [`pack`] string holds, as (document, impact, position) with the documents'
/// own numbers, the way `search.js` reads them; `None` when it is not such a string.
pub fn unpack(packed: &str) -> Option<Vec<(u32, u32, u32)>> {
    let mut numbers = Vec::new();
    let (mut value, mut shift) = (0u32, 0);
    for c in packed.strip_prefix('"')?.strip_suffix('"')?.bytes() {
        let digit = DIGITS.iter().position(|&d| d == c)? as u32;
        // The seventh group holds the top two bits of 32.
        if shift > 30 || shift == 30 && digit & 31 > 3 {
            return None;
        }
        value |= (digit & 31) << shift;
        if digit & 32 != 0 {
            shift += 5;
        } else {
            numbers.push(value);
            (value, shift) = (0, 0);
        }
    }
    if shift != 0 || numbers.len() % 3 != 0 {
        return None;
    }
    let mut doc = 0;
    Some(
        numbers
            .chunks(3)
            .map(|n| {
                doc += n[0];
                (doc, n[1], n[2])
            })
            .collect(),
    )
}

/// A posting's impact: its BM25 term-frequency part, 1-255, from the weighted frequency and the
/// document's length norm.
fn impact(tf: f32, norm: f32) -> u8 {
    let x = tf * (K1 + 1.0) / (tf + norm) / (K1 + 1.0) * 255.0;
    // `x.round()` for x from 0 up, without the library call it takes on x86_64's baseline:
    // x + 0.5 is exact as a double, and truncating it rounds half away from zero.
    ((f64::from(x) + 0.5) as u32).clamp(1, 255) as u8
}

fn posting_files(terms: &[Term], norms: &[f32], shards: &[String]) -> Vec<(String, String)> {
    let mut groups: BTreeMap<&String, Vec<&Term>> = BTreeMap::new();
    for term in terms {
        if let Some(key) = shard_of(term.name, shards) {
            groups.entry(key).or_default().push(term);
        }
    }
    // Shards are written on every core: the common words' lists make this the index's
    // biggest piece of work.
    let groups: Vec<_> = groups.into_iter().collect();
    groups
        .into_par_iter()
        .flat_map_iter(|(key, terms)| {
            let mut files = Vec::new();
            let mut json = String::from("{");
            let mut scored = Vec::new();
            for term in terms {
                scored.clear();
                scored.reserve(term.count);
                for_each_posting(term.postings, |doc, halves, first| {
                    scored.push((doc, impact(tf(halves), norms[doc as usize]), first));
                });
                // The best postings first: a one-word query needs no more.
                let (mut list, mut tail) = split_best(&scored);
                if json.len() > 1 {
                    json.push(',');
                }
                let _ = write!(
                    json,
                    "{}:[{},{}",
                    quote(term.name),
                    term.count,
                    pack(&mut list)
                );
                if !tail.is_empty() {
                    let name = format!("x/{}", crate::report::fingerprint(&[term.name]));
                    files.push(file(name.clone(), &pack(&mut tail)));
                    let _ = write!(json, ",{}", quote(&name));
                }
                json.push(']');
            }
            json.push('}');
            let name = format!("p/{}", hex(key));
            files.push(file(name, &json));
            files
        })
        .collect()
}

fn page_files(site: &Site) -> Vec<(String, String)> {
    let sections = &site.sections[0].children;
    // Each audience's bit, by slug.
    let audiences: std::collections::HashMap<String, u32> = audiences(site)
        .into_iter()
        .enumerate()
        .map(|(i, (slug, _))| (slug, 1 << i))
        .collect();
    let pages: Vec<serde_json::Value> = site
        .nav_order
        .iter()
        .map(|&id| {
            let page = &site.pages[id];
            let ancestors = site.ancestors(id);
            let crumbs: Vec<&str> = ancestors
                .iter()
                .skip(1)
                .map(|&a| site.pages[a].title())
                .collect();
            // The top-level section the page is in (or is), as an index among the sections.
            let top = ancestors
                .get(1)
                .copied()
                .or_else(|| site.section_of_index(id).filter(|&s| s != 0).map(|_| id));
            let section = top
                .and_then(|t| {
                    sections
                        .iter()
                        .filter(|e| matches!(e, crate::site::NavEntry::Section(_)))
                        .position(|&e| site.entry_page(e) == t)
                })
                .map_or(-1, |i| i as i64);
            let bits = page
                .meta()
                .audience
                .iter()
                .filter_map(|a| audiences.get(&crate::slug::term_slug(a)))
                .fold(0u32, |m, bit| m | bit);
            let href = format!("{}index.html", page.href);
            serde_json::json!([page.title(), href, crumbs.join(" › "), section, bits])
        })
        .collect();
    pages
        .chunks(PAGE_BLOCK)
        .enumerate()
        .map(|(n, block)| {
            file(
                format!("g/{n}"),
                &serde_json::Value::Array(block.to_vec()).to_string(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn postings_are_delta_coded_by_document() {
        let packed = pack(&mut [(9, 10, 3), (2, 200, 0), (4, 7, 1)]);
        assert_eq!(packed, "\"2e602715A3\"");
        assert_eq!(
            unpack(&packed),
            Some(vec![(2, 200, 0), (4, 7, 1), (9, 10, 3)])
        );
        for bad in ["2e6", "\"2e\"", "\"2e6\"", "\"2e6!\"", "\"______400\""] {
            assert_eq!(unpack(bad), None, "{bad}");
        }
    }

    #[test]
    fn quoted_strings_are_json() {
        for s in [
            "",
            "manager",
            "crème brûlée",
            "say \"hi\"",
            "a\\b",
            "tab\there",
            "\u{1}",
            "\u{7f}",
            "line\nbreak",
            "\u{2028}",
        ] {
            assert_eq!(quote(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn impacts_round_half_away_from_zero() {
        // The impact against the rounding it replaced, over a spread of frequencies and norms.
        for halves in 1..200 {
            for norm in [0.3f32, 0.9, 1.2, 1.7, 2.9, 11.0] {
                let x = tf(halves) * (K1 + 1.0) / (tf(halves) + norm) / (K1 + 1.0) * 255.0;
                assert_eq!(impact(tf(halves), norm), x.round().clamp(1.0, 255.0) as u8);
            }
        }
        for x in [0.5f32, 1.5, 2.5, 254.5, 0.499_999_97, 1.499_999_9] {
            assert_eq!(((f64::from(x) + 0.5) as u32) as f32, x.round(), "{x}");
        }
    }

    #[test]
    fn postings_read_back_as_written() {
        let written = [
            (0, 2, 0),
            (1, 8, 127),
            (129, 1, 128),
            (100_000, 3, 16_384),
            (u32::MAX, u32::MAX, u32::MAX),
        ];
        let mut postings = Postings::default();
        for &(doc, halves, first) in &written {
            postings.push(doc, halves, first);
        }
        assert_eq!(postings.len as usize, written.len());
        let read = |bytes: &[u8]| {
            let mut read = Vec::new();
            for_each_posting(bytes, |doc, halves, first| read.push((doc, halves, first)));
            read
        };
        assert_eq!(read(&postings.bytes), written);
        // One byte for each number below 128.
        assert_eq!(postings.bytes[..3], [0, 2, 0]);
        // A list cut short ends at its last whole posting.
        let cut = &postings.bytes[..postings.bytes.len() - 1];
        assert_eq!(read(cut).len(), written.len() - 1);
        // Halves are read as the frequency they stand for.
        assert_eq!(tf(5), 2.5);
    }

    /// Each term's shard by [`shard_of`], checked to be the run of sorted terms its key starts:
    /// the key is not after the term, and the next key is after it. Returns the shards' sizes.
    fn shard_sizes<'k>(terms: &[Term], keys: &'k [String]) -> HashMap<&'k String, usize> {
        assert!(keys.is_sorted(), "{keys:?}");
        let mut sizes: HashMap<&String, usize> = HashMap::new();
        for term in terms {
            let key = shard_of(term.name, keys).unwrap();
            assert!(key.as_str() <= term.name);
            let next = keys.iter().find(|k| k.as_str() > key.as_str());
            assert!(next.is_none_or(|n| n.as_str() > term.name), "{}", term.name);
            *sizes.entry(key).or_default() += shard_size(term);
        }
        sizes
    }

    fn term_list(names: &[String], count: impl Fn(&str) -> usize) -> Vec<Term<'_>> {
        names
            .iter()
            .map(|n| Term {
                name: n,
                word: n,
                postings: &[],
                count: count(n),
            })
            .collect()
    }

    #[test]
    fn big_shards_split_into_longer_prefixes_and_every_term_has_one() {
        let mut names: Vec<String> = (0..400)
            .map(|i| format!("ma{i:03}"))
            .chain(["ma".into(), "zebra".into()])
            .collect();
        names.sort();
        let terms = term_list(
            &names,
            |n| {
                if n.len() > 2 && n != "zebra" {
                    HEAD
                } else {
                    1
                }
            },
        );
        let keys = shard_keys(&terms);
        assert!(keys.iter().any(|k| k.len() > 2), "{keys:?}");
        assert_eq!(shard_of("ma", &keys), Some(&"ma".to_string()));
        assert_eq!(shard_of("a", &keys), None, "before the first key");
        // No shard is much bigger than the limit.
        let sizes = shard_sizes(&terms, &keys);
        assert!(sizes.values().all(|&s| s <= SHARD_BYTES * 2), "{sizes:?}");
    }

    #[test]
    fn small_prefix_groups_share_a_file() {
        // Like a Japanese handbook's terms: thousands of two-character prefixes, each small.
        let mut names: Vec<String> = (0..3000u32)
            .filter_map(|i| char::from_u32(0x4e00 + i))
            .map(|c| format!("{c}{c}"))
            .collect();
        names.sort();
        let terms = term_list(&names, |_| 3);
        let keys = shard_keys(&terms);
        let total: usize = terms.iter().map(shard_size).sum();
        assert!(
            keys.len() <= total / (SHARD_FILL / 2) + 1,
            "{} files for {total} bytes",
            keys.len()
        );
        let sizes = shard_sizes(&terms, &keys);
        assert!(sizes.values().all(|&s| s <= SHARD_FILL), "{sizes:?}");
        // A term the index does not have still has a file to look in, or none before the first.
        assert_eq!(shard_of("\u{4e00}\u{4e00}x", &keys), Some(&keys[0]));
        assert_eq!(shard_of("\u{10000}", &keys), keys.last());
    }

    #[test]
    fn best_postings_match_a_full_sort() {
        let postings: Vec<Posting> = (0..5000u32)
            .map(|d| (d, ((d * 7919) % 97) as u8 + 1, d % 13))
            .collect();
        let (head, tail) = split_best(&postings);
        let mut sorted = postings.clone();
        sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut want_head = sorted[..HEAD].to_vec();
        let mut want_tail = sorted[HEAD..HEAD + TAIL].to_vec();
        want_head.sort();
        want_tail.sort();
        assert_eq!((head, tail), (want_head, want_tail));
    }

    #[test]
    fn numbers() {
        let mut block = [b'.'; 16];
        for (n, len) in [
            (0, 1),
            (7, 1),
            (31, 1),
            (32, 2),
            (255, 2),
            (1023, 2),
            (1024, 3),
            (123_456, 4),
            (4_294_967_295, 7),
        ] {
            // As the document of a posting with two more numbers after it.
            block[3] = b'"';
            let end = put_number(&mut block, 4, n);
            assert_eq!(end - 4, len, "{n}");
            block[end..end + 3].copy_from_slice(b"00\"");
            let written = std::str::from_utf8(&block[3..end + 3]).unwrap();
            assert_eq!(unpack(written), Some(vec![(n, 0, 0)]));
            assert_eq!(&block[..3], b"...");
        }
    }

    #[test]
    fn excerpts_cut_at_a_word() {
        let long = "word ".repeat(100);
        let e = excerpt(&long);
        assert!(
            e.ends_with("word…") && e.chars().count() <= EXCERPT_CHARS + 1,
            "{e}"
        );
        assert_eq!(excerpt("  short   text "), "short text");
        // As splitting on white space and joining with spaces would give.
        let mixed = "\u{a0}Tab\there,\u{2003}em space \n\nnew line ".repeat(20);
        let start: String = mixed.chars().take(EXCERPT_CHARS * 2).collect();
        let joined = start.split_whitespace().collect::<Vec<_>>().join(" ");
        let cut: String = joined.chars().take(EXCERPT_CHARS).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
        assert_eq!(excerpt(&mixed), format!("{cut}…"));
        let reference = |text: &str| {
            let start: String = text.chars().take(EXCERPT_CHARS * 2).collect();
            let joined = start.split_whitespace().collect::<Vec<_>>().join(" ");
            if joined.chars().count() <= EXCERPT_CHARS {
                return joined;
            }
            let cut: String = joined.chars().take(EXCERPT_CHARS).collect();
            let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
            format!("{cut}…")
        };
        // Every white-space character is white space here, and nothing else.
        let all: String = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .flat_map(|c| [c, 'x'])
            .collect();
        for window in all.as_bytes().chunks(EXCERPT_CHARS) {
            let text = String::from_utf8_lossy(window);
            assert_eq!(excerpt(&text), reference(&text), "{text:?}");
        }
        // White space at the start counts towards the characters looked at, and a word longer
        // than what is left of either limit is cut.
        for pad in [
            0,
            1,
            EXCERPT_CHARS,
            EXCERPT_CHARS * 2 - 10,
            EXCERPT_CHARS * 2,
        ] {
            for tail in [
                "word ".repeat(50),
                "x".repeat(500),
                format!("a {}", "é".repeat(300)),
            ] {
                let text = format!("{}{tail}", " \u{2003}".repeat(pad / 2));
                assert_eq!(excerpt(&text), reference(&text), "{pad}");
                let text = format!("{}{tail}", " ".repeat(pad));
                assert_eq!(excerpt(&text), reference(&text), "{pad}");
            }
        }
        // Every length of first word around the limit, with one or more spaces after it.
        for n in EXCERPT_CHARS - 3..EXCERPT_CHARS + 3 {
            for gap in [" ", "   ", "\n \t"] {
                for tail in ["", "x", "next words", "é"] {
                    let text = format!("ab cd{}{gap}{tail}", "é".repeat(n - 5));
                    assert_eq!(excerpt(&text), reference(&text), "{n} {gap:?} {tail:?}");
                }
            }
        }
    }

    #[test]
    fn file_names_are_ascii() {
        assert_eq!(hex("mé"), "6dc3a9");
    }
}
