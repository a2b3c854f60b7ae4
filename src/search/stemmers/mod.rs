//! Stemmers of our own for languages whose Snowball stemmers write endings with accents: search
//! stems folded words ([`super::tokenize`], rule 4), where "información" is "informacion" and
//! Snowball's "-ación" never matches. Each is its Snowball algorithm (as rust-stemmers 1.2.0 has
//! it) with the endings and letter tests written as folding leaves them, clashes settled by how
//! well the stems agree with Snowball's stems of the accented words, folded, over a word list of
//! the language. `themes/default/stemmers/<code>.js` holds the same algorithm for the browser;
//! `tests/fixtures/search-vectors.json` keeps the two equal.
//!
//! German and Dutch lose nothing to folding (umlauts are vowels either way) and English has no
//! accents: those stay rust-stemmers'.

pub mod french;
pub mod italian;
pub mod portuguese;
pub mod spanish;
