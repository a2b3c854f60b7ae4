// The Snowball Dutch stemmer for search (the original algorithm, before Snowball's 2023 rewrite), written
// from its description; it must give the same stems as rust-stemmers 1.2.0, which the index is built with.
(function (global) {
  "use strict";

  // Words come folded (tokenize.rs), so the algorithm's first step, taking accents off vowels, has
  // nothing to do and is left out. The prelude's marks I and Y are upper case: not vowels.
  var VOWEL = { a: true, e: true, i: true, o: true, u: true, y: true };
  function isVowel(c) { return VOWEL[c] === true; }

  // Prelude: a y at the start or after a vowel, and an i between two vowels, are consonants
  // there; mark them Y and I. Left to right, so a letter just marked is no vowel for the next.
  function markConsonants(w) {
    if (w[0] === "y") w = "Y" + w.slice(1);
    for (var i = 1; i < w.length; i++) {
      var c = w[i];
      if (isVowel(w[i - 1]) && (c === "y" || (c === "i" && isVowel(w[i + 1])))) {
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

  // "-dd", "-kk", "-tt" lose their last letter.
  function undouble(w) {
    var n = w.length;
    return n >= 2 && w[n - 1] === w[n - 2] && "dkt".indexOf(w[n - 1]) >= 0 ? w.slice(0, -1) : w;
  }

  // An ending "-en"/"-ene" of `len` letters goes if it is in R1 (which leaves 3+ letters before it),
  // follows a consonant and that is not the end of "gem"; then undouble. Returns null when it stays.
  function enEnding(w, len, r1) {
    var base = w.slice(0, w.length - len);
    if (base.length < r1 || isVowel(base[base.length - 1]) || base.endsWith("gem")) return null;
    return undouble(base);
  }

  // Before the algorithm (src/search/stemmers/dutch.rs): a plural -ies is cut back to the -ie of
  // its singular (functies to functie) when a vowel stands before the -ies (not vies, dries), and
  // likewise -ieen (-ieën: categorieen to categorie; not knieen). Only ASCII words, as in Rust.
  function prepare(word) {
    if (!/^[\x00-\x7f]*$/.test(word)) return word;
    if (word.endsWith("ies") && /[aeiouy]/.test(word.slice(0, -3))) return word.slice(0, -1);
    if (word.endsWith("ieen") && /[aeiouy]/.test(word.slice(0, -4))) return word.slice(0, -2);
    return word;
  }

  function stem(word) {
    var w = markConsonants(prepare(word)), base, s;
    // R1 starts after the first consonant that follows a vowel, but no sooner than the fourth
    // letter; R2 starts after the next such consonant, counted from R1's unadjusted start.
    var start = regionAfter(w, 0), r1 = Math.max(start, 3), r2 = regionAfter(w, start);

    // Step 1: "-heden" in R1 becomes "-heid"; "-en", "-ene" by enEnding; "-s", "-se" in R1 go after
    // a consonant other than j. A longest ending that fails its test is not retried shorter.
    s = /(heden|ene|en|se|s)$/.exec(w);
    if (s) {
      s = s[1];
      base = w.slice(0, w.length - s.length);
      if (s === "heden") { if (base.length >= r1) w = base + "heid"; }
      else if (s[0] === "e") w = enEnding(w, s.length, r1) || w;
      else if (base.length >= r1 && !isVowel(base[base.length - 1]) && !base.endsWith("j")) w = base;
    }

    // Step 2: "-e" in R1 after a consonant goes, then undouble; remember that it went.
    var eFound = false;
    function eEnding() {
      var n = w.length;
      if (w[n - 1] === "e" && n - 1 >= r1 && n >= 2 && !isVowel(w[n - 2])) {
        w = undouble(w.slice(0, -1));
        eFound = true;
      }
    }
    eEnding();

    // Step 3a: "-heid" in R2, not after c, goes; then "-en" by enEnding.
    if (w.endsWith("heid") && w.length - 4 >= r2 && w[w.length - 5] !== "c") {
      w = w.slice(0, -4);
      if (w.endsWith("en")) w = enEnding(w, 2, r1) || w;
    }

    // Step 3b: derivational endings, in R2.
    s = /(end|ing|ig|lijk|baar|bar)$/.exec(w);
    if (s && w.length - s[1].length >= r2) {
      s = s[1];
      base = w.slice(0, w.length - s.length);
      var n = base.length;
      if (s === "end" || s === "ing") {
        // then "-ig" in R2 but not "-eig"; otherwise undouble
        w = base.endsWith("ig") && n - 2 >= r2 && base[n - 3] !== "e" ? base.slice(0, -2) : undouble(base);
      } else if (s === "ig") { if (base[n - 1] !== "e") w = base; }
      else if (s === "lijk") { w = base; eEnding(); }
      else if (s === "baar" || eFound) w = base; // "-bar" only where step 2 took an "-e"
    }

    // Step 4: a doubled vowel aa, ee, oo, uu between consonants is made single ("maan" to "man").
    var m = w.length, last = w[m - 1];
    if (m >= 4 && !isVowel(last) && last !== "I" && w[m - 2] === w[m - 3] && "aeou".indexOf(w[m - 2]) >= 0 &&
        !isVowel(w[m - 4])) {
      w = w.slice(0, m - 2) + last;
    }
    return w.replace(/I/g, "i").replace(/Y/g, "y");
  }

  (global.HandbookStemmers || (global.HandbookStemmers = {})).nl = stem;
})(typeof window !== "undefined" ? window : this);
