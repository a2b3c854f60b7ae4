//! Client-side search: an index built at build time, sharded so that a query loads only what
//! it needs, in files loaded by `<script>` tags so that it works from `file://` too. The query
//! side is the default theme's `search.js`.

pub mod index;
pub mod stemmers;
pub mod tokenize;
pub mod words;
