// Our Spanish stemmer for search: the Snowball Spanish algorithm (as in rust-stemmers 1.2.0) rewritten
// for folded words (lower case, accents removed), because the index and the search box only ever see
// folded words. src/search/stemmers/spanish.rs is the same algorithm in Rust; the two must give
// identical stems for every word, so change them together.
(function (global) {
  "use strict";

  // Snowball's vowels include á é í ó ú ü; folded, they are these five.
  function isVowel(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u"; }

  // Where a region begins: just past the first non-vowel that follows a vowel, looking after
  // `start`. R1 is regionAfter(w, 0), R2 is regionAfter(w, R1); either may be empty (w.length).
  function regionAfter(w, start) {
    for (var i = start + 1; i < w.length; i++) if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
    return w.length;
  }
  // RV: if the second letter is a consonant, the part after the next vowel from the third letter
  // on; if the first two are vowels, the part after the next consonant; otherwise (consonant,
  // vowel) the part after the third letter. Empty when no such position exists.
  function rvStart(w) {
    var n = w.length, i = 2;
    if (n < 3) return n;
    if (!isVowel(w[1])) { while (i < n && !isVowel(w[i])) i++; return i < n ? i + 1 : n; }
    if (isVowel(w[0])) { while (i < n && isVowel(w[i])) i++; return i < n ? i + 1 : n; }
    return 3;
  }

  // A suffix table from {kind: "suffix suffix ..."}: {map: suffix -> kind, max: longest length}.
  function table(groups) {
    var t = { map: {}, max: 0 };
    for (var kind in groups) groups[kind].split(" ").forEach(function (s) {
      t.map[s] = Number(kind);
      if (s.length > t.max) t.max = s.length;
    });
    return t;
  }
  // The longest suffix of w found in table t that begins at or after index `from`, or "".
  function longest(w, t, from) {
    for (var i = Math.max(from, w.length - t.max); i < w.length; i++) {
      var s = w.slice(i);
      if (Object.prototype.hasOwnProperty.call(t.map, s)) return s;
    }
    return "";
  }
  function endsWith(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }
  // w without the first of `list` it ends with, when that suffix begins in the region at `from`.
  function dropIn(w, list, from) {
    for (var i = 0; i < list.length; i++) {
      var at = w.length - list[i].length;
      if (endsWith(w, list[i])) return at >= from ? w.slice(0, at) : w;
    }
    return w;
  }

  // Step 0: an attached pronoun goes when it follows -ando, -iendo, -ar, -er, -ir (or -yendo
  // after u) and that ending lies in RV. (Snowball also lists -ándo, -iéndo, -ár, -ér, -ír, whose
  // accent it then removes: folded, they are the same five endings.)
  var PRONOUN = table({ 1: "me se sela selo selas selos la le lo las les los nos" });
  var BEFORE_PRONOUN = table({ 1: "ando iendo ar er ir", 2: "yendo" });
  function attachedPronoun(w, r) {
    var p = longest(w, PRONOUN, 0);
    if (!p) return w;
    var base = w.slice(0, w.length - p.length), e = longest(base, BEFORE_PRONOUN, 0);
    var at = base.length - e.length;
    if (!e || at < r.rv || (BEFORE_PRONOUN.map[e] === 2 && base[at - 1] !== "u")) return w;
    return base;
  }

  // Step 1: the longest standard suffix; if its region test fails the step does nothing.
  // Kinds: 1 delete in R2; 2 delete in R2, then -ic in R2; 3 -> u (in R2); 4 -> ente (in R2);
  // 5 -amente in R1, then -iv (then -at), -os, -ic, -ad in R2; 6 -mente in R2, then -ante,
  // -able, -ible in R2; 7 -idad(es) in R2, then -abil, -ic, -iv in R2; 8 -iva, -ivo(s) in R2,
  // then -at in R2; 9 -> log (in R2). Folded forms: -acion (-ación), -ucion (-ución),
  // -logia(s) (-logía(s)).
  var STANDARD = table({
    1: "anza anzas ica ico icas icos ismo ismos able ables ible ibles ista istas osa oso osas osos " +
      "amiento amientos imiento imientos",
    2: "adora ador adoras adores ancia ancias ante antes acion aciones", 3: "ucion uciones",
    4: "encia encias", 5: "amente", 6: "mente", 7: "idad idades", 8: "iva ivo ivas ivos",
    9: "logia logias"
  });
  function standardSuffix(w, r) {
    var s = longest(w, STANDARD, 0), kind = STANDARD.map[s];
    if (!s || w.length - s.length < (kind === 5 ? r.r1 : r.r2)) return null;
    w = w.slice(0, w.length - s.length);
    switch (kind) {
      case 2: return dropIn(w, ["ic"], r.r2);
      case 3: return w + "u";
      case 4: return w + "ente";
      case 5:
        if (endsWith(w, "iv") && w.length - 2 >= r.r2) return dropIn(w.slice(0, -2), ["at"], r.r2);
        return dropIn(w, ["ic", "ad", "os"], r.r2);
      case 6: return dropIn(w, ["ante", "able", "ible"], r.r2);
      case 7: return dropIn(w, ["abil", "ic", "iv"], r.r2);
      case 8: return dropIn(w, ["at"], r.r2);
      case 9: return w + "log";
    }
    return w;
  }

  // Step 2a: verb forms beginning with y, inside RV, go when a u precedes them (-yó folds to -yo).
  var Y_VERB = table({ 1: "ya ye yan yen yeron yendo yo yas yes yais yamos" });
  function yVerbSuffix(w, r) {
    var s = longest(w, Y_VERB, r.rv);
    return s && w[w.length - s.length - 1] === "u" ? w.slice(0, w.length - s.length) : null;
  }

  // Step 2b: the longest verb ending that lies wholly in RV is deleted; after kind 1 a "u"
  // that follows "g" goes too (the u need not be in RV).
  // Folding clashes, settled by which choice matches the accent-aware stemmer on more words of
  // the Spanish word list (mostly lemmas):
  // - -ía(s) against plain -ia: historia, gracia, memoria far outnumber tenía, so -ia, -ias and,
  //   to treat the family alike, -ian, -iais, -iamos are left out (cambian, cambiamos are plain
  //   -ar forms too); -aria(s) likewise (necesaria). -ería, -iría and their forms stay (minería).
  // - -ió against plain -io (medio, comercio): left out.
  // - -ará, -erá, -irá and -aré, -eré, -iré against nouns and subjunctives (primera, mira,
  //   compare): -era(s), -eran, -ira(s), -iran, -are, -ere, -ire left out; -ara(s), -aran were
  //   plain endings already and stay.
  // - -ís against plain -is (crisis, analisis): left out. A final -í (step 3) likewise (taxi).
  // Nouns in -án, -én, -és (sultan, almacen, ingles) lose to the plain verb endings -an, -en, -es;
  // the word list has almost no verb forms, so those endings are kept as the algorithm has them.
  var VERB = table({
    1: "en es emos eis",
    2: "aba ada ida ara iera ad ed id ase iese aste iste an aban aran ieran asen iesen aron ieron " +
      "ado ido ando iendo ar er ir as abas adas idas aras ieras ases ieses abais arais ierais aseis " +
      "ieseis asteis isteis ados idos amos aremos eremos iremos imos " +
      "eria iria arian erian irian erias irias ariais eriais iriais ais areis ereis ireis abamos " +
      "aramos ieramos ariamos eriamos iriamos asemos iesemos"
  });
  function verbSuffix(w, r) {
    var s = longest(w, VERB, r.rv), at = w.length - s.length;
    if (!s) return null;
    if (VERB.map[s] === 1 && w[at - 1] === "u" && w[at - 2] === "g") at--;
    return w.slice(0, at);
  }

  // Step 3: a final -os, -a, -o in RV goes; so does a final -e in RV, and then a u in RV after g.
  function residualSuffix(w, r) {
    var n = w.length, last = w[n - 1];
    if (endsWith(w, "os")) return n - 2 >= r.rv ? w.slice(0, -2) : w;
    if ((last === "a" || last === "o") && n - 1 >= r.rv) return w.slice(0, -1);
    if (last === "e" && n - 1 >= r.rv) {
      w = w.slice(0, -1);
      if (endsWith(w, "gu") && n - 2 >= r.rv) w = w.slice(0, -1);
    }
    return w;
  }

  function stem(word) {
    // Outside the Basic Multilingual Plane a character is two UTF-16 units here but one char in
    // Rust; such words are left as they are so that both sides agree.
    if (/[\uD800-\uDFFF]/.test(word)) return word;
    // The regions are measured on the whole word; deleting endings never moves them.
    var r1 = regionAfter(word, 0), r = { rv: rvStart(word), r1: r1, r2: regionAfter(word, r1) };
    var w = attachedPronoun(word, r);
    var next = standardSuffix(w, r);
    if (next === null) next = yVerbSuffix(w, r);
    if (next === null) next = verbSuffix(w, r);
    return residualSuffix(next === null ? w : next, r);
  }

  (global.HandbookStemmers || (global.HandbookStemmers = {})).es = stem;
})(typeof window !== "undefined" ? window : this);
