// The Snowball German stemmer for search, written from the algorithm's description; it must give the
// same stems as rust-stemmers 1.2.0, which the index is built with (tests/fixtures/search-vectors.json).
(function (global) {
  "use strict";

  // Words come folded (tokenize.rs): no ä, ö, ü or ß, so the algorithm's rules for those letters
  // (ß to ss, umlauts as vowels and their final un-marking) never apply and are left out.
  // The prelude's marks U and Y are upper case, so they do not count as vowels.
  var VOWEL = { a: true, e: true, i: true, o: true, u: true, y: true };
  function isVowel(c) { return VOWEL[c] === true; }
  // Letters an ending "s" (step 1) or "st" (step 2) may follow to be removed.
  var S_ENDING = "bdfghklmnrt", ST_ENDING = "bdfghklmnt";

  // The first suffix of `list` (longest first where they overlap) that `w` ends with, or "".
  function ending(w, list) {
    for (var i = 0; i < list.length; i++) if (w.endsWith(list[i])) return list[i];
    return "";
  }

  // Prelude: a u or y between two vowels is a consonant there; mark it U or Y. Left to right, so
  // in "auue" the first u is marked and the second, now after a consonant, is not.
  function markConsonants(w) {
    for (var i = 1; i + 1 < w.length; i++) {
      var c = w[i];
      if ((c === "u" || c === "y") && isVowel(w[i - 1]) && isVowel(w[i + 1])) {
        w = w.slice(0, i) + c.toUpperCase() + w.slice(i + 1);
      }
    }
    return w;
  }

  // The index just after the first consonant that follows a vowel at or after `start`
  // (w.length if there is none). R1 starts there from 0, R2 from where R1 would start.
  function regionAfter(w, start) {
    for (var i = start + 1; i < w.length; i++) if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
    return w.length;
  }

  // Step 1: case endings, in R1. "-e", "-en", "-es" also turn "-niss" into "-nis"; "-s" goes only
  // after one of S_ENDING. A longest ending that fails its test is not retried shorter.
  function step1(w, r1) {
    var s = ending(w, ["ern", "em", "er", "en", "es", "e", "s"]);
    if (!s || w.length - s.length < r1) return w;
    var base = w.slice(0, w.length - s.length);
    if (s === "s") return S_ENDING.indexOf(base[base.length - 1]) >= 0 ? base : w; // R1 leaves 3+ letters
    if ((s === "e" || s === "en" || s === "es") && base.endsWith("niss")) return base.slice(0, -1);
    return base;
  }

  // Step 2: "-en", "-er", "-est", in R1; "-st" too, after one of ST_ENDING that has at least three
  // letters before it.
  function step2(w, r1) {
    var s = ending(w, ["est", "en", "er", "st"]);
    if (!s || w.length - s.length < r1) return w;
    var base = w.slice(0, w.length - s.length);
    if (s === "st" && !(base.length >= 4 && ST_ENDING.indexOf(base[base.length - 1]) >= 0)) return w;
    return base;
  }

  // Step 3: derivational endings, in R2, some taking an ending before them away too.
  function step3(w, r1, r2) {
    var s = ending(w, ["heit", "keit", "lich", "isch", "end", "ung", "ig", "ik"]);
    if (!s || w.length - s.length < r2) return w;
    var base = w.slice(0, w.length - s.length), n = base.length;
    if (s === "end" || s === "ung") {
      // then "-ig" in R2, but not "-eig"
      return base.endsWith("ig") && n - 2 >= r2 && base[n - 3] !== "e" ? base.slice(0, -2) : base;
    }
    if (s === "ig" || s === "ik" || s === "isch") return base[n - 1] === "e" ? w : base;
    if (s === "lich" || s === "heit") {
      // then "-er" or "-en" in R1
      return (base.endsWith("er") || base.endsWith("en")) && n - 2 >= r1 ? base.slice(0, -2) : base;
    }
    // "-keit", then "-lich" or "-ig" in R2
    var t = ending(base, ["lich", "ig"]);
    return t && n - t.length >= r2 ? base.slice(0, n - t.length) : base;
  }

  // Before the algorithm (src/search/stemmers/german.rs): a feminine -in or -innen is cut back to
  // its masculine: -erin to -er (mitarbeiterinnen to mitarbeiter) when at least two letters, one a
  // vowel, stand before that -er (not gerinnen, schwerin); -orin, -antin, -entin, -istin, -egin,
  // -ektin, -eurin (kollegin to kolleg) when at least three do, one a vowel (not pektin, dentin).
  // Only ASCII words, so that letters count as in Rust.
  var OTHER_MASCULINE = ["or", "ant", "ent", "ist", "eg", "ekt", "eur"];
  function prepare(word) {
    if (!/^[\x00-\x7f]*$/.test(word)) return word;
    var base = word.endsWith("innen") ? word.slice(0, -5) : word.endsWith("in") ? word.slice(0, -2) : "";
    function guarded(before, letters) { return before.length >= letters && /[aeiouy]/.test(before); }
    if (base.endsWith("er")) return guarded(base.slice(0, -2), 2) ? base : word;
    for (var i = 0; i < OTHER_MASCULINE.length; i++) {
      var ending = OTHER_MASCULINE[i];
      if (base.endsWith(ending) && guarded(base.slice(0, -ending.length), 3)) return base;
    }
    return word;
  }

  function stem(word) {
    var w = markConsonants(prepare(word));
    // R1 starts after the first consonant that follows a vowel, but no sooner than the fourth
    // letter; R2 starts after the next such consonant, counted from R1's unadjusted start.
    var start = regionAfter(w, 0);
    var r1 = Math.max(start, 3), r2 = regionAfter(w, start);
    w = step3(step2(step1(w, r1), r1), r1, r2);
    return w.replace(/U/g, "u").replace(/Y/g, "y");
  }

  (global.HandbookStemmers || (global.HandbookStemmers = {})).de = stem;
})(typeof window !== "undefined" ? window : this);
