//! URL and slug mapping: whatever a file or folder is called and whatever a link says, a page's
//! URL and a resolved path stay inside the site.
#![no_main]

use handbook::links::{normalize, percent_decode, percent_encode_path};
use handbook::slug::{anchor_id, slugify};
use libfuzzer_sys::fuzz_target;

fn inside(path: &str) -> bool {
    !path.starts_with('/') && path.split('/').all(|part| part != ".." && part != ".")
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let slug = slugify(text);
    assert!(
        !slug.contains('/') && slug != "." && slug != "..",
        "slug {slug:?}"
    );
    let id = anchor_id(text);
    assert!(!id.contains(char::is_whitespace), "id {id:?}");
    // The folder a link is written in comes from the content tree: plain names.
    for base in ["", "guide", "guide/deeper"] {
        if let Some(resolved) = normalize(base, text) {
            assert!(inside(&resolved), "{base:?} + {text:?} -> {resolved:?}");
        }
    }
    assert_eq!(percent_decode(&percent_encode_path(text)), text);
});
