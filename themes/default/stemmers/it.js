// Our Italian stemmer for folded words: the Snowball Italian algorithm (as in rust-stemmers 1.2.0), with
// the endings that Snowball writes with an accent (ità, istà) written as folding leaves them, so that
// stem(fold(word)) is as close as can be to fold(snowball(word)), save for the folded endings left out
// below.
// It must give exactly the stems of src/search/stemmers/italian.rs (tests/fixtures/search-vectors.json).
//
// Folded endings that clash with other rules, settled by agreement with the accent-aware stems of the
// Debian Italian word list, except where real text weighs otherwise:
// - ità (ita) is a standard suffix (attività), tried before the verb ending ita (capita), which
//   still takes it when it is not in R2.
// - the future endings erà, irà, erò, irò (era, ira, ero, iro) are left out, though keeping them agreed
//   on 3,256 more words of the list (3.0%). A word list holds every form of every verb, so it counts
//   future forms (parlerà, capirò) as often as common nouns; but in real text the nouns they cut weigh
//   more: folded, these endings split numero from numeri and pensiero, straniero, sincero from their
//   plurals, and merged lettera with letto, maniera with mano, frontiera with fronte, barriera with
//   barra, bandiera with bando and banda. Left out, a folded future keeps its r (parlera: parler).
//   Nouns in -era still part from their plural (lettera: letter, lettere: lett), as in Snowball
//   with the accents: -ere is the infinitive ending. After an i it is the plural of an -iera
//   noun (carriera, carriere: carrier), except after gl or p, where it is a verb's (scegliere,
//   accogliere, compiere: their stems are those of sceglie, accoglie, compie).
// - istà, istè, istì fold to ista, iste, isti, which are already standard suffixes.
(function (global) {
  "use strict";

  // Words arrive folded (lower case, no accents). The prelude writes some letters in upper case
  // (I, U): they then count as consonants, and the last step turns them back to lower case.
  function isVowel(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u"; }

  // A list of endings, grouped by last letter and longest first, so the first hit is the longest.
  function table(endings) {
    var t = {}, list = endings.split(" ");
    for (var i = 0; i < list.length; i++) {
      var k = list[i].charAt(list[i].length - 1);
      (t[k] || (t[k] = [])).push(list[i]);
    }
    for (k in t) t[k].sort(function (a, b) { return b.length - a.length; });
    return t;
  }

  var w, rv, r1, r2; // the word being stemmed, and where its regions RV, R1 and R2 begin

  // The longest ending of w found in table t that begins at or after index `from` ("" if none).
  function longest(t, from) {
    var list = t[w.charAt(w.length - 1)] || [];
    for (var i = 0; i < list.length; i++) {
      var at = w.length - list[i].length;
      if (at >= from && w.indexOf(list[i], at) === at) return list[i];
    }
    return "";
  }
  function ends(s) { var at = w.length - s.length; return at >= 0 && w.indexOf(s, at) === at; }
  // Replace what follows index `at` by t, but only if `at` lies in the region beginning at `from`.
  function swap(at, from, t) { if (at < from) return false; w = w.slice(0, at) + t; return true; }

  // Prelude: the u after q, and a u or i between two vowels, become consonants. Left to right, so
  // a letter just changed no longer counts as a vowel.
  function prelude(word) {
    var a = word.replace(/qu/g, "qU").split("");
    for (var p = 0; p < a.length; p++) {
      var n = a[p + 1];
      if (isVowel(a[p]) && (n === "u" || n === "i") && isVowel(a[p + 2])) a[p + 1] = n.toUpperCase();
    }
    return a.join("");
  }

  // RV: if the second letter is a consonant, it begins after the next vowel; if the word starts with
  // two vowels, after the next consonant; otherwise (consonant, vowel) after the third letter.
  // It is empty when there is no such letter.
  function startOfRV() {
    var i, second = isVowel(w[1]);
    if (second && !isVowel(w[0])) return Math.min(3, w.length);
    for (i = 2; i < w.length; i++) if (isVowel(w[i]) !== second) return i + 1;
    return w.length;
  }
  // R1 begins after the first non-vowel that follows a vowel; R2 is the same thing again within R1.
  function regionAfter(start) {
    for (var i = start + 1; i < w.length; i++) if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
    return w.length;
  }

  // Step 0: a pronoun fixed to a gerund (-ando, -endo) goes; fixed to an infinitive (-ar, -er, -ir)
  // it becomes e. The verb ending must be in RV.
  var PRONOUN = table("ci gli la le li lo mi ne si ti vi sene gliela gliele glieli glielo gliene " +
    "cela cele celi celo cene mela mele meli melo mene tela tele teli telo tene vela vele veli velo vene");
  function attachedPronoun() {
    var p = longest(PRONOUN, 0);
    if (p === "") return;
    var verb = /(ando|endo|ar|er|ir)$/.exec(w.slice(0, w.length - p.length));
    if (verb && verb.index >= rv) w = w.slice(0, w.length - p.length) + (verb[1].length === 2 ? "e" : "");
  }

  // Step 1: standard suffixes, each with its condition. Returns true if one was removed.
  var KIND = {};
  function kind(name, endings) { endings.split(" ").forEach(function (s) { KIND[s] = name; }); }
  kind("R2", "anza anze ico ici ica ice iche ichi ismo ismi abile abili ibile ibili ista iste isti " +
    "oso osi osa ose mente atrice atrici ante anti");
  kind("azione", "azione azioni atore atori");
  kind("logia", "logia logie");
  kind("uzione", "uzione uzioni usione usioni");
  kind("enza", "enza enze");
  kind("amento", "amento amenti imento imenti");
  kind("amente", "amente");
  kind("ivo", "ivo ivi iva ive");
  kind("ita", "ita");
  var STANDARD = table(Object.keys(KIND).join(" "));
  function standardSuffix() {
    var s = longest(STANDARD, 0), at = w.length - s.length, m;
    switch (KIND[s]) {
      case "R2": return swap(at, r2, "");
      case "azione": // and a preceding ic in R2
        if (!swap(at, r2, "")) return false;
        if (ends("ic")) swap(w.length - 2, r2, "");
        return true;
      case "logia": return swap(at, r2, "log");
      case "uzione": return swap(at, r2, "u");
      case "enza": return swap(at, r2, "ente");
      case "amento": return swap(at, rv, "");
      case "amente": // in R1; then a preceding iv (and at before it), os, ic or abil in R2
        if (!swap(at, r1, "")) return false;
        m = /(iv|os|ic|abil)$/.exec(w);
        if (m && swap(m.index, r2, "") && m[1] === "iv" && ends("at")) swap(w.length - 2, r2, "");
        return true;
      case "ita": // ità; then a preceding abil, ic or iv in R2
        if (!swap(at, r2, "")) return false;
        m = /(abil|ic|iv)$/.exec(w);
        if (m) swap(m.index, r2, "");
        return true;
      case "ivo": // and a preceding at in R2 (and ic before that)
        if (!swap(at, r2, "")) return false;
        if (ends("at") && swap(w.length - 2, r2, "") && ends("ic")) swap(w.length - 2, r2, "");
        return true;
    }
    return false;
  }

  // Step 2, when step 1 removed nothing: verb endings lying in RV go.
  var VERB = table("ammo ando ano are arono asse assero assi assimo ata ate ati ato ava avamo avano " +
    "avate avi avo emmo enda ende endi endo ere erebbe erebbero erei eremmo eremo ereste eresti erete " +
    "erai eranno erono essero ete eva evamo evano evate evi evo iamo immo isca iscano isce isci " +
    "isco iscono issero ita ite iti ito iva ivamo ivano ivate ivi ivo ire irebbe irebbero irei iremmo " +
    "iremo ireste iresti irete irai iranno irono ar ir uta ute uti uto ono");
  function verbSuffix() {
    var s = longest(VERB, rv);
    var n = w.length;
    if (s === "ere" && w[n - 4] === "i" && w[n - 5] !== "p" && w.slice(n - 6, n - 4) !== "gl") return false;
    return s !== "" && swap(w.length - s.length, 0, "");
  }

  // Step 3: a final a, e, i or o in RV goes, and then an i before it in RV; a final ch or gh in RV
  // loses its h.
  function vowelSuffix() {
    if (/[aeio]$/.test(w) && swap(w.length - 1, rv, "") && ends("i")) swap(w.length - 1, rv, "");
    if (/[cg]h$/.test(w)) swap(w.length - 1, rv + 1, "");
  }

  function stem(word) {
    if (/[\uD800-\uDFFF]/.test(word)) return word; // beyond the BMP: left as it is, as in Rust
    w = prelude(word);
    rv = startOfRV();
    r1 = regionAfter(0);
    r2 = regionAfter(r1);
    attachedPronoun();
    standardSuffix() || verbSuffix();
    vowelSuffix();
    return w.replace(/[IU]/g, function (c) { return c.toLowerCase(); }); // postlude
  }

  (global.HandbookStemmers || (global.HandbookStemmers = {})).it = stem;
})(typeof window !== "undefined" ? window : this);
