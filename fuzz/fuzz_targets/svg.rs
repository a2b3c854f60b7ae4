//! The rewriting of a diagram's SVG (`diagram::clean_svg`): whatever it is given, it never
//! panics, and what it writes it reads back unchanged (given no prefix), so the page holds only
//! what the rewriting keeps.
#![no_main]

use handbook::diagram::clean_svg;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(svg) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok((clean, _)) = clean_svg(svg, "") {
        let (again, _) = clean_svg(&clean, "")
            .unwrap_or_else(|e| panic!("{e}: its own output refused: {clean:?}"));
        assert_eq!(again, clean, "not stable: {svg:?}");
    }
    let _ = clean_svg(svg, "p-");
});
