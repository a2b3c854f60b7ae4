//! Building the search index from the rendered pages: one document per section (the page's
//! lead, then each h2/h3 with the text under it), scored with BM25 at build time, and cut into
//! small files a query loads only when it needs them.
//!
//! Files, each a script calling `__hbSearch(name, data)` so they load from `file://`:
//! - `search/manifest.js`: counts, shard keys, filter names;
//! - `search/v/<k>.js`: the vocabulary of terms starting with one character, with each term's
//!   commonest word (for prefix and typo matching and "did you mean");
//! - `search/p/<k>.js`: postings of the terms starting with a prefix: for each term its document
//!   count and its best `HEAD` postings as `[doc delta, impact, first position]` triples;
//! - `search/x/<hash>.js`: the other postings of a term with more than `HEAD`;
//! - `search/d/<n>.js`: documents in blocks: `[page, heading, anchor, excerpt]`;
//! - `search/g/<n>.js`: pages in blocks: `[title, href, breadcrumb, section, audience bits]`.
//!
//! `<k>` is the prefix's UTF-8 in hex, so every file name is plain ASCII.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::tokenize::{words, Stem};
use crate::markdown::Rendered;
use crate::site::{PageId, Site};

pub const HEAD: usize = 150;
pub const DOC_BLOCK: usize = 64;
pub const PAGE_BLOCK: usize = 32;
/// A postings file grows a longer prefix above this size.
pub const SHARD_BYTES: usize = 40_000;
pub const EXCERPT_CHARS: usize = 180;
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// How much more a word counts in the page title and in the section heading than in the text.
const TITLE_WEIGHT: f64 = 4.0;
const HEADING_WEIGHT: f64 = 2.5;
const TAG_WEIGHT: f64 = 1.5;

/// One searchable section.
struct Doc {
    /// The page's place in reading order, which is its index in the page blocks.
    page_index: usize,
    heading: String,
    anchor: String,
    excerpt: String,
    /// Term -> (weighted frequency, first position).
    terms: HashMap<String, (f64, u32)>,
    /// Number of words in the text and heading.
    length: usize,
}

/// For each term, the words it was written as and how often: the commonest names the term.
type Forms = HashMap<String, HashMap<String, u32>>;

/// A posting: document, impact (1-255), first position.
type Posting = (u32, u8, u32);

/// The index, as files: (path below the site root, contents).
pub fn build(site: &Site, rendered: &[Rendered]) -> Vec<(String, String)> {
    let stem = Stem::default();
    let per_page: Vec<(Vec<Doc>, Forms)> = site
        .nav_order
        .par_iter()
        .map(|&id| page_docs(site, id, &rendered[id], &stem))
        .collect();
    let mut surface: Forms = HashMap::new();
    let mut docs = Vec::new();
    for (page_docs, words) in per_page {
        docs.extend(page_docs);
        for (term, forms) in words {
            let entry = surface.entry(term).or_default();
            for (form, n) in forms {
                *entry.entry(form).or_default() += n;
            }
        }
    }
    let avg_len =
        (docs.iter().map(|d| d.length).sum::<usize>() as f64 / docs.len().max(1) as f64).max(1.0);
    let mut postings: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    for (n, doc) in docs.iter().enumerate() {
        let norm = K1 * (1.0 - B + B * doc.length as f64 / avg_len);
        for (term, &(tf, first)) in &doc.terms {
            let impact = tf * (K1 + 1.0) / (tf + norm) / (K1 + 1.0) * 255.0;
            postings.entry(term.clone()).or_default().push((
                n as u32,
                impact.round().clamp(1.0, 255.0) as u8,
                first,
            ));
        }
    }
    let mut files = Vec::new();
    let shards = shard_keys(&postings);
    files.push(("search/manifest.js".into(), manifest(site, &docs, &shards)));
    files.extend(vocabulary(&postings, &surface));
    files.extend(posting_files(&postings, &shards));
    files.extend(doc_files(&docs));
    files.extend(page_files(site));
    files
}

/// The documents of one page, and the words each of its terms was written as.
fn page_docs(site: &Site, id: PageId, rendered: &Rendered, stem: &Stem) -> (Vec<Doc>, Forms) {
    let page = &site.pages[id];
    let mut forms: Forms = HashMap::new();
    let mut cache: HashMap<String, String> = HashMap::new();
    let mut add = |doc: &mut Doc, text: &str, weight: f64, counts_length: bool| {
        let ws = words(text);
        if counts_length {
            doc.length += ws.len();
        }
        for w in ws {
            let term = cache
                .entry(w.folded.clone())
                .or_insert_with(|| stem.stem(&w.folded).into_owned())
                .clone();
            *forms
                .entry(term.clone())
                .or_default()
                .entry(w.folded)
                .or_default() += 1;
            let entry = doc.terms.entry(term).or_insert((0.0, w.position));
            entry.0 += weight;
        }
    };
    let mut docs = Vec::new();
    let sections = &rendered.sections;
    let lead_text = sections
        .first()
        .filter(|s| s.id.is_none())
        .map_or("", |s| s.text.as_str());
    let new_doc = |heading: &str, anchor: &str, text: &str| Doc {
        page_index: site.nav_index[id],
        heading: heading.to_string(),
        anchor: anchor.to_string(),
        excerpt: excerpt(text),
        terms: HashMap::new(),
        length: 0,
    };
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
    add(&mut lead, page.title(), TITLE_WEIGHT, true);
    add(&mut lead, description, 1.0, true);
    add(&mut lead, lead_text, 1.0, true);
    let tags = page.meta().tags.join(" ") + " " + &page.meta().audience.join(" ");
    add(&mut lead, &tags, TAG_WEIGHT, false);
    docs.push(lead);
    for section in sections.iter().filter(|s| s.id.is_some()) {
        let mut doc = new_doc(
            &section.heading,
            section.id.as_deref().unwrap_or(""),
            &section.text,
        );
        add(&mut doc, &section.heading, HEADING_WEIGHT, true);
        add(&mut doc, &section.text, 1.0, true);
        // A little of the page title, so "hiring interviews" finds the Interviews section of
        // the Hiring page.
        add(&mut doc, page.title(), 0.5, false);
        docs.push(doc);
    }
    (docs, forms)
}

fn excerpt(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= EXCERPT_CHARS {
        return text;
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// The prefix keys of the postings files: first characters, lengthened where a file would be
/// too big.
fn shard_keys(postings: &BTreeMap<String, Vec<Posting>>) -> Vec<String> {
    fn split(terms: &[(&String, usize)], depth: usize, out: &mut Vec<String>) {
        let mut groups: BTreeMap<String, Vec<(&String, usize)>> = BTreeMap::new();
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
                    out.push(key.clone());
                }
                split(&rest, depth + 1, out);
            } else {
                out.push(key);
            }
        }
    }
    let sized: Vec<(&String, usize)> = postings
        .iter()
        .map(|(t, p)| (t, t.len() + 8 + p.len().min(HEAD) * 9))
        .collect();
    let mut keys = Vec::new();
    split(&sized, 2, &mut keys);
    keys.sort();
    keys
}

/// The shard a term belongs to: its longest key that is a prefix of it.
pub fn shard_of<'k>(term: &str, keys: &'k [String]) -> Option<&'k String> {
    keys.iter()
        .filter(|k| term.starts_with(k.as_str()))
        .max_by_key(|k| k.len())
}

pub fn hex(key: &str) -> String {
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

fn script(name: &str, data: &serde_json::Value) -> String {
    format!(
        "__hbSearch({},{});\n",
        serde_json::Value::String(name.into()),
        data
    )
}

fn manifest(site: &Site, docs: &[Doc], shards: &[String]) -> String {
    let top: Vec<&str> = site.sections[0]
        .children
        .iter()
        .filter_map(|e| match e {
            crate::site::NavEntry::Section(s) => Some(site.pages[site.sections[*s].index].title()),
            crate::site::NavEntry::Page(_) => None,
        })
        .collect();
    let data = serde_json::json!({
        "v": 1,
        "docs": docs.len(),
        "pages": site.nav_order.len(),
        "head": HEAD,
        "docBlock": DOC_BLOCK,
        "pageBlock": PAGE_BLOCK,
        "shards": shards,
        "sections": top,
        "audiences": audiences(site),
    });
    script("manifest", &data)
}

fn audiences(site: &Site) -> Vec<String> {
    let mut all: Vec<String> = site
        .pages
        .iter()
        .flat_map(|p| p.meta().audience.iter().cloned())
        .collect();
    all.sort();
    all.dedup();
    all.truncate(31);
    all
}

fn vocabulary(postings: &BTreeMap<String, Vec<Posting>>, surface: &Forms) -> Vec<(String, String)> {
    let mut by_char: BTreeMap<char, Vec<serde_json::Value>> = BTreeMap::new();
    for (term, list) in postings {
        let Some(first) = term.chars().next() else {
            continue;
        };
        let word = surface
            .get(term)
            .and_then(|forms| {
                forms.iter().max_by(|a, b| {
                    a.1.cmp(b.1)
                        .then(b.0.len().cmp(&a.0.len()))
                        .then(b.0.cmp(a.0))
                })
            })
            .map_or(term.as_str(), |(w, _)| w.as_str());
        by_char
            .entry(first)
            .or_default()
            .push(serde_json::json!([term, word, list.len()]));
    }
    by_char
        .into_iter()
        .map(|(c, list)| {
            let key = hex(&c.to_string());
            (
                format!("search/v/{key}.js"),
                script(&format!("v/{key}"), &serde_json::Value::Array(list)),
            )
        })
        .collect()
}

/// Delta-coded `[doc, impact, position]` triples, sorted by document.
fn flatten(mut list: Vec<Posting>) -> Vec<u32> {
    list.sort_unstable();
    let mut out = Vec::with_capacity(list.len() * 3);
    let mut last = 0;
    for (doc, impact, pos) in list {
        out.extend([doc - last, u32::from(impact), pos]);
        last = doc;
    }
    out
}

fn posting_files(
    postings: &BTreeMap<String, Vec<Posting>>,
    shards: &[String],
) -> Vec<(String, String)> {
    let mut groups: BTreeMap<&String, serde_json::Map<String, serde_json::Value>> = BTreeMap::new();
    let mut files = Vec::new();
    for (term, list) in postings {
        let Some(key) = shard_of(term, shards) else {
            continue;
        };
        let mut list = list.clone();
        // The best postings first: a one-word query needs no more.
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let tail = if list.len() > HEAD {
            list.split_off(HEAD)
        } else {
            Vec::new()
        };
        let mut entry = vec![
            serde_json::json!(list.len() + tail.len()),
            serde_json::json!(flatten(list)),
        ];
        if !tail.is_empty() {
            let name = format!("x/{}", crate::report::fingerprint(&[term]));
            files.push((
                format!("search/{name}.js"),
                script(&name, &serde_json::json!(flatten(tail))),
            ));
            entry.push(serde_json::json!(name));
        }
        groups
            .entry(key)
            .or_default()
            .insert(term.clone(), serde_json::Value::Array(entry));
    }
    for (key, map) in groups {
        let name = format!("p/{}", hex(key));
        files.push((
            format!("search/{name}.js"),
            script(&name, &serde_json::Value::Object(map)),
        ));
    }
    files
}

fn doc_files(docs: &[Doc]) -> Vec<(String, String)> {
    docs.chunks(DOC_BLOCK)
        .enumerate()
        .map(|(n, block)| {
            let list: Vec<serde_json::Value> = block
                .iter()
                .map(|d| serde_json::json!([d.page_index, d.heading, d.anchor, d.excerpt]))
                .collect();
            (
                format!("search/d/{n}.js"),
                script(&format!("d/{n}"), &serde_json::Value::Array(list)),
            )
        })
        .collect()
}

fn page_files(site: &Site) -> Vec<(String, String)> {
    let sections = &site.sections[0].children;
    let audiences = audiences(site);
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
                .filter_map(|a| audiences.iter().position(|x| x == a))
                .fold(0u32, |m, i| m | 1 << i);
            let href = format!("{}index.html", crate::links::percent_encode_path(&page.url));
            serde_json::json!([page.title(), href, crumbs.join(" › "), section, bits])
        })
        .collect();
    pages
        .chunks(PAGE_BLOCK)
        .enumerate()
        .map(|(n, block)| {
            (
                format!("search/g/{n}.js"),
                script(&format!("g/{n}"), &serde_json::Value::Array(block.to_vec())),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_delta_coded_by_document() {
        assert_eq!(
            flatten(vec![(9, 10, 3), (2, 200, 0), (4, 7, 1)]),
            [2, 200, 0, 2, 7, 1, 5, 10, 3]
        );
    }

    #[test]
    fn big_shards_split_into_longer_prefixes_and_every_term_has_one() {
        let mut postings: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
        for i in 0..400 {
            postings.insert(
                format!("ma{i:03}"),
                (0..HEAD as u32).map(|d| (d, 1, 0)).collect(),
            );
        }
        postings.insert("ma".into(), vec![(0, 1, 0)]);
        postings.insert("zebra".into(), vec![(0, 1, 0)]);
        let keys = shard_keys(&postings);
        assert!(keys.contains(&"ze".to_string()));
        assert!(
            keys.contains(&"ma".to_string()),
            "a term as long as the key keeps it"
        );
        assert!(keys.iter().any(|k| k.len() > 2), "{keys:?}");
        for term in postings.keys() {
            let key = shard_of(term, &keys).unwrap();
            assert!(term.starts_with(key.as_str()));
        }
        // No shard is much bigger than the limit.
        let mut sizes: HashMap<&String, usize> = HashMap::new();
        for (term, list) in &postings {
            *sizes.entry(shard_of(term, &keys).unwrap()).or_default() +=
                term.len() + 8 + list.len().min(HEAD) * 9;
        }
        assert!(sizes.values().all(|&s| s <= SHARD_BYTES * 2), "{sizes:?}");
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
    }

    #[test]
    fn file_names_are_ascii() {
        assert_eq!(hex("mé"), "6dc3a9");
    }
}
