// Our Portuguese stemmer for search: the Snowball Portuguese algorithm (as in rust-stemmers 1.2.0)
// rewritten for folded words (lower case, accents removed), because the index and the search box only
// ever see folded words. src/search/stemmers/portuguese.rs is the same algorithm in Rust; the two
// must give identical stems for every word, so change them together.
(function (global) {
  "use strict";

  // Snowball's vowels include á é í ó ú â ê ô; folded, they are these five. The nasal marker "~"
  // (see markNasal) is not a vowel.
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

  // Reads a plural -ões, -ães, -ãos (folded -oes, -aes, -aos) as the singular -ão (-ao) it comes
  // from, so that reuniões and reunião, ações and ação stem alike. Not in words of under five
  // letters (pões, voes are no forms of pão, vão) nor in -poes, nearly always a form of pôr
  // (compões, dispões). See portuguese.rs.
  function asSingular(w) {
    return w.length >= 5 && !endsWith(w, "poes") && /(oes|aes|aos)$/.test(w) ? w.slice(0, -3) + "ao" : w;
  }

  // Snowball writes ã and õ as "a~" and "o~" while stemming. Folding has dropped the tilde, but
  // at the end of a word -ao, -aos, -aes, -oes are nearly always -ão, -ãos, -ães, -ões (não,
  // mãos, pães, lições), so the marker goes back in there. Returns where it went, or -1.
  var NASAL_ENDINGS = ["ao", "aos", "aes", "oes"];
  function nasalAt(w) {
    for (var i = 0; i < NASAL_ENDINGS.length; i++) {
      if (endsWith(w, NASAL_ENDINGS[i])) return w.length - NASAL_ENDINGS[i].length + 1;
    }
    return -1;
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
  // Suffixes of kind `notAfterVowel` (if given) only count when a non-vowel precedes them.
  function longest(w, t, from, notAfterVowel) {
    for (var i = Math.max(from, w.length - t.max); i < w.length; i++) {
      var s = w.slice(i);
      if (!Object.prototype.hasOwnProperty.call(t.map, s)) continue;
      if (t.map[s] !== notAfterVowel || i === 0 || !isVowel(w[i - 1])) return s;
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

  // Step 1: the longest standard suffix; if its region test fails the step does nothing.
  // Kinds: 1 delete in R2; 2 -> log (in R2); 3 -> u (in R2); 4 -> ente (in R2); 5 -amente in
  // R1, then -iv (then -at), -os, -ic, -ad in R2; 6 -mente in R2, then -ante, -avel in R2;
  // 7 -idade(s) in R2, then -abil, -ic, -iv in R2; 8 -iva, -ivo(s) in R2, then -at in R2;
  // 9 -ira(s) in RV after e -> ir. Folded forms: -avel, -ivel (-ável, -ível), -ancia (-ância),
  // -aca~o, -aco~es (-ação, -ações), -uca~o, -uco~es (-ução, -uções), -encia(s) (-ência(s)).
  // After -mente, Snowball's -ível never matches a folded word and plain -ivel is how adverbs
  // are spelt (possivelmente), so only -ante and -avel are tried there.
  var STANDARD = table({
    1: "eza ezas ico ica icos icas ismo ismos avel ivel ista istas oso osa osos osas amento " +
      "amentos imento imentos adora ador adoras adores ante antes ancia aca~o aco~es",
    2: "logia logias", 3: "uca~o uco~es", 4: "encia encias", 5: "amente", 6: "mente",
    7: "idade idades", 8: "iva ivo ivas ivos", 9: "ira iras"
  });
  function standardSuffix(w, r) {
    var s = longest(w, STANDARD, 0), kind = STANDARD.map[s], at = w.length - s.length;
    if (!s || at < (kind === 5 ? r.r1 : kind === 9 ? r.rv : r.r2)) return null;
    w = w.slice(0, at);
    switch (kind) {
      case 2: return w + "log";
      case 3: return w + "u";
      case 4: return w + "ente";
      case 5:
        if (endsWith(w, "iv") && w.length - 2 >= r.r2) return dropIn(w.slice(0, -2), ["at"], r.r2);
        return dropIn(w, ["ic", "ad", "os"], r.r2);
      case 6: return dropIn(w, ["ante", "avel"], r.r2);
      case 7: return dropIn(w, ["abil", "ic", "iv"], r.r2);
      case 8: return dropIn(w, ["at"], r.r2);
      case 9: return w[at - 1] === "e" ? w + "ir" : null;
    }
    return w;
  }

  // Step 2: when step 1 removed nothing, the longest verb ending that lies wholly in RV goes.
  // Folded forms of the accented endings are added (-áveis -> -aveis, -íamos -> -iamos,
  // -arão -> -ara~o...), except two that clash: Snowball spells -ésseis and -éramos with é, but
  // Portuguese writes -êsseis, -êramos, so the accent-aware stemmer never takes them; folded, they
  // would take the plain -esseis, -eramos of other words, so they are left out.
  // Kind 2 endings begin with an i that, right after a vowel, is nearly always an accented í
  // (caída, possuído, contribuísse), which Snowball's plain endings do not match: after a vowel
  // they are not taken.
  var VERB = table({
    1: "ada ia aria eria iria ara era ira ava asse esse aste este ei arei erei irei am iam " +
      "ariam eriam iriam aram eram iram avam em arem erem irem assem essem ado ando endo indo " +
      "ara~o era~o ira~o ar er ir as adas ias arias erias irias aras eras iras avas es ardes erdes " +
      "ares eres ires asses esses astes estes is ais eis areis ereis ireis asseis isseis aveis " +
      "ieis arieis erieis irieis ados amos aramos iramos avamos iamos ariamos eriamos iriamos emos " +
      "aremos eremos iremos assemos essemos issemos armos ermos irmos eu iu ou",
    2: "ida ido idas idos isse isses issem iste istes irdes imos"
  });
  function verbSuffix(w, r) {
    var s = longest(w, VERB, r.rv, 2);
    return s ? w.slice(0, w.length - s.length) : null;
  }

  // Step 4 (when steps 1 and 2 removed nothing): a final -os, -a, -i, -o in RV goes.
  function residualSuffix(w, r) {
    var n = w.length, last = w[n - 1];
    if (endsWith(w, "os")) return n - 2 >= r.rv ? w.slice(0, -2) : w;
    return (last === "a" || last === "i" || last === "o") && n - 1 >= r.rv ? w.slice(0, -1) : w;
  }

  // Step 5: a final -e in RV goes, and then a u after g, or an i after c, if that is in RV too.
  function residualForm(w, r) {
    var n = w.length;
    if (w[n - 1] !== "e" || n - 1 < r.rv) return w;
    w = w.slice(0, -1);
    return (endsWith(w, "gu") || endsWith(w, "ci")) && n - 2 >= r.rv ? w.slice(0, -1) : w;
  }

  function stem(word) {
    // Outside the Basic Multilingual Plane a character is two UTF-16 units here but one char in
    // Rust; such words are left as they are so that both sides agree.
    if (/[\uD800-\uDFFF]/.test(word)) return word;
    word = asSingular(word);
    var nasal = nasalAt(word);
    if (nasal >= 0) word = word.slice(0, nasal) + "~" + word.slice(nasal);
    // The regions are measured on the whole word; deleting endings never moves them.
    var r1 = regionAfter(word, 0), r = { rv: rvStart(word), r1: r1, r2: regionAfter(word, r1) };
    var w = standardSuffix(word, r);
    if (w === null) w = verbSuffix(word, r);
    // Step 3: after step 1 or 2 removed something, an i in RV that follows c goes.
    if (w !== null) { if (endsWith(w, "ci") && w.length - 1 >= r.rv) w = w.slice(0, -1); }
    else w = residualSuffix(word, r);
    w = residualForm(w, r);
    // Endings only ever shrink the word or add plain letters, so a "~" still at the marker's
    // place is the marker.
    return nasal >= 0 && w[nasal] === "~" ? w.slice(0, nasal) + w.slice(nasal + 1) : w;
  }

  (global.HandbookStemmers || (global.HandbookStemmers = {})).pt = stem;
})(typeof window !== "undefined" ? window : this);
