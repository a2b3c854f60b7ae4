//! Front matter: splitting a file into front matter (YAML or TOML) and body, then reading it, must never panic,
//! and an error always names a line inside the file. The fast reader of simple blocks must
//! give what serde_yaml gives, whenever it gives anything.
#![no_main]

use std::path::Path;

use handbook::front_matter;
use handbook::source::decode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(data.to_vec()) else {
        return;
    };
    let file = Path::new("content/page.md");
    let lines = text.lines().count().max(1);
    match front_matter::split(&text, file) {
        Ok(split) => {
            if let Some(block) = split.front {
                let yaml = block.text;
                if block.format == front_matter::Format::Yaml {
                    if let Some(fast) = front_matter::simple_yaml(yaml) {
                        let full: Option<serde_yaml::Value> = serde_yaml::from_str(yaml).ok();
                        assert_eq!(Some(fast), full, "{yaml:?}");
                    }
                }
                match front_matter::parse_block(&block, file) {
                    Ok(_) => {}
                    Err(errors) => {
                        assert!(!errors.is_empty());
                        for p in errors.iter().filter_map(|d| d.position) {
                            assert!(
                                p.line >= 1 && p.line <= lines + 1,
                                "line {} of {lines}",
                                p.line
                            );
                        }
                    }
                }
            }
        }
        Err(d) => {
            if let Some(p) = d.position {
                assert!(p.line >= 1 && p.line <= lines + 1);
            }
        }
    }
    let _ = front_matter::Date::parse(&text);
});
