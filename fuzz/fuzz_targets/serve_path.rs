//! The preview server's request paths: whatever a request asks for, the file it maps to is a
//! plain relative path inside the site.
#![no_main]

use std::path::{Component, Path};

use handbook::serve::site_path;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(path) = site_path(raw) {
        assert!(!path.is_empty());
        assert!(!path.contains('\\') && !path.contains('\0'), "{path:?}");
        assert!(!path.chars().any(char::is_control), "{path:?}");
        assert!(
            Path::new(&path)
                .components()
                .all(|c| matches!(c, Component::Normal(_))),
            "{raw:?} -> {path:?}"
        );
    }
});
