//! Docusaurus' sidebars and config, read as data: whatever the file says, reading ends (no
//! panic, no stack overflow) at a place inside the text, and names are cut at characters.
#![no_main]

use handbook::docusaurus::{navbar_labels, number_prefix};
use handbook::js_data::{exported_value, parse_at, Node, Value};
use libfuzzer_sys::fuzz_target;

fn check(node: &Node, text: &str) {
    assert!(text.is_char_boundary(node.at), "{}", node.at);
    match &node.value {
        Value::Array(items) => items.iter().for_each(|n| check(n, text)),
        Value::Object(entries) => entries.iter().for_each(|(_, n)| check(n, text)),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for start in [Some(0), exported_value(text)].into_iter().flatten() {
        assert!(text.is_char_boundary(start));
        match parse_at(text, start) {
            Ok((node, end)) => {
                assert!(end <= text.len() && text.is_char_boundary(end));
                check(&node, text);
            }
            Err(not_data) => assert!(text.is_char_boundary(not_data.at)),
        }
    }
    let _ = navbar_labels(text);
    for line in text.lines().take(50) {
        if let Some((_, name)) = number_prefix(line) {
            assert!(line.ends_with(name));
        }
    }
});
