// Our French stemmer for folded words: the Snowball French algorithm (as in rust-stemmers 1.2.0), with
// the endings that Snowball writes with an accent (ité, é, ée, ées, ière...) written as folding leaves
// them, so that stem(fold(word)) is as close as can be to fold(snowball(word)), save for the folded
// endings left out below.
// It must give exactly the stems of src/search/stemmers/french.rs (tests/fixtures/search-vectors.json).
//
// Folded endings that clash with other rules, settled by agreement with the accent-aware stems of the
// Debian French word list, except where real text weighs otherwise:
// - é and és (verb endings) are left out: folded to e and es they would take the final e of première,
//   premières before the residual step turns -ière into i. A final e and es still go in step 4.
//   The one exception: after oy and uy (employé, essuyés) they are verb endings, so y becomes i.
// - ée, ées are kept (ee, ees).
// - èrent, âmes, âtes, ât (step 2b) and îmes (step 2a) are left out (erent, ames, ates, at, imes),
//   though keeping them agreed on 25,104 more words of the list (7.7%). A word list holds every form
//   of every verb, so it counts these passé simple and imperfect subjunctive forms (aimèrent, aimâmes,
//   aimât, finîmes) as often as common nouns; but modern prose hardly writes them, while the nouns
//   they cut are common: folded, these endings split candidat from candidats and résultat from
//   résultats, merged contrat with contre, format with forme, candidat with candide, débat with débit,
//   split victime from victimes, and cut différent to diff. Left out, those rare forms keep a stem of
//   their own (aimerent, aimat).
// - ité, ités (ite, ites) are kept in step 1 though favorite, sites lose them.
// - îtes (ites) is left out of step 2a, though keeping it would agree on 92 more words (0.03%): those
//   are rare past forms (finîtes), while it split common plurals from their singular (qualités,
//   limites, petites, mérites lost -ites: qualit but qual).
// - the e that Snowball drops before -a, -ai, -ant... goes only after g (mangeait): after any other
//   letter it was an é (créa, agréait), which Snowball keeps.
// - è in the letters that keep a final s (après) is left out: folded, it would keep every plural -es.
(function (global) {
  "use strict";

  // The prelude writes some letters in upper case (I, U, Y): they then count as consonants, and the
  // last step turns them back to lower case.
  function isVowel(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y"; }

  // A list of endings, grouped by last letter and longest first, so the first hit is the longest.
  function table(endings) {
    var t = {}, list = endings.split(" "), k;
    for (var i = 0; i < list.length; i++) {
      k = list[i].charAt(list[i].length - 1);
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
  // The letter before index `at` is a vowel.
  function vowelBefore(at) { return at > 0 && isVowel(w.charAt(at - 1)); }
  // Replace what follows index `at` by t, but only if `at` lies in the region beginning at `from`.
  function swap(at, from, t) { if (at < from) return false; w = w.slice(0, at) + t; return true; }
  // Replace the ending s (which w has) by t, if it lies in the region beginning at `from`.
  function swapEnd(s, from, t) { return swap(w.length - s.length, from, t); }

  // Prelude: a u or i between two vowels, a y before or after a vowel, and a u after q become
  // consonants. Left to right, so a letter just changed no longer counts as a vowel.
  function prelude(word) {
    var a = word.split("");
    for (var p = 0; p < a.length; p++) {
      var c = a[p], n = a[p + 1];
      if (isVowel(c) && (n === "u" || n === "i") && isVowel(a[p + 2])) a[p + 1] = n.toUpperCase();
      else if (isVowel(c) && n === "y") a[p + 1] = "Y";
      else if (c === "y" && isVowel(n)) a[p] = "Y";
      else if (c === "q" && n === "u") a[p + 1] = "U";
    }
    return a.join("");
  }

  // RV begins after the third letter if the word starts with two vowels or with par, col or tap;
  // otherwise after the first vowel that is not the first letter (it is empty if there is none).
  function startOfRV() {
    if ((w.length > 2 && isVowel(w.charAt(0)) && isVowel(w.charAt(1))) || /^(par|col|tap)/.test(w)) return 3;
    for (var i = 1; i < w.length; i++) if (isVowel(w.charAt(i))) return i + 1;
    return w.length;
  }
  // R1 begins after the first non-vowel that follows a vowel; R2 is the same thing again within R1.
  function regionAfter(start) {
    for (var i = start + 1; i < w.length; i++) if (!isVowel(w.charAt(i)) && isVowel(w.charAt(i - 1))) return i + 1;
    return w.length;
  }

  // Step 1: standard suffixes. Returns true if one was removed, which skips step 2. The endings
  // amment, emment and ment(s) are changed but return false, so step 2 still runs after them.
  var STANDARD = table("ance iqUe isme able iste eux ances iqUes ismes ables istes atrice ateur ation " +
    "atrices ateurs ations logie logies usion ution usions utions ence ences ement ements ite ites " +
    "if ive ifs ives eaux aux euse euses issement issements amment emment ment ments");
  function standardSuffix() {
    var s = longest(STANDARD, 0), at = w.length - s.length;
    switch (s.replace(/s$/, "")) { // plural and singular are treated alike
      case "ance": case "iqUe": case "isme": case "able": case "iste": case "eux":
        return swap(at, r2, "");
      case "atrice": case "ateur": case "ation":
        if (!swap(at, r2, "")) return false;
        icBefore();
        return true;
      case "logie": return swap(at, r2, "log");
      case "usion": case "ution": return swap(at, r2, "u");
      case "ence": return swap(at, r2, "ent");
      case "ement":
        if (!swap(at, rv, "")) return false;
        afterEment();
        return true;
      case "ite":
        if (!swap(at, r2, "")) return false;
        afterIte();
        return true;
      case "if": case "ive":
        if (!swap(at, r2, "")) return false;
        if (ends("at") && swapEnd("at", r2, "")) icBefore();
        return true;
      case "eaux": return swap(at, 0, "eau");
      case "aux": return swap(at, r1, "al");
      case "euse": return swap(at, r2, "") || swap(at, r1, "eux");
      case "issement": return at >= r1 && !vowelBefore(at) && swap(at, r1, "");
      case "amment": swap(at, rv, "ant"); return false;
      case "emment": swap(at, rv, "ent"); return false;
      case "ment": if (at - 1 >= rv && vowelBefore(at)) w = w.slice(0, at); return false;
    }
    return false;
  }
  // A final "ic" (left once -ation, -ateur, -ative... are gone) goes if in R2, else becomes iqU.
  function icBefore() {
    if (ends("ic")) swapEnd("ic", r2, "") || swapEnd("ic", 0, "iqU");
  }
  // What may go once -ement is gone: iv (and then at), eus (or eus becomes eux), abl, iqU; and
  // ier (from ièr: entièrement) becomes i.
  function afterEment() {
    if (ends("iv")) { if (swapEnd("iv", r2, "") && ends("at")) swapEnd("at", r2, ""); }
    else if (ends("eus")) swapEnd("eus", r2, "") || swapEnd("eus", r1, "eux");
    else if (ends("abl") || ends("iqU")) swap(w.length - 3, r2, "");
    else if (ends("ier") || ends("Ier")) swap(w.length - 3, rv, "i");
  }
  // What may go once -ite (ité) is gone: abil (or it becomes abl), ic (or it becomes iqU), iv.
  function afterIte() {
    if (ends("abil")) swapEnd("abil", r2, "") || swapEnd("abil", 0, "abl");
    else if (ends("ic")) swapEnd("ic", r2, "") || swapEnd("ic", 0, "iqU");
    else if (ends("iv")) swapEnd("iv", r2, "");
  }

  // Step 2a: verb endings of the -ir verbs, lying in RV and after a non-vowel that is in RV too.
  var I_VERB = table("i ie ies ir ira irai irais irait iraIent iras irent irez iriez irions irons " +
    "iront is isse isses issais issait issaIent issant issante issantes issants issent issez issiez " +
    "issions issons it");
  function iVerbSuffix() {
    var s = longest(I_VERB, rv), at = w.length - s.length;
    return s !== "" && at > rv && !vowelBefore(at) && swap(at, 0, "");
  }

  // Step 2b: other verb endings in RV. -ions needs R2; the -a... endings also take an e before them,
  // if it is in RV and follows a g. After oY or uY a final e or es is a verb ending too.
  var VERB = table("ions er era erai erais erait eraIent eras erez eriez erions erons eront ez iez " +
    "ee ees a ai aIent ais ait ant ante antes ants as asse assent asses assiez assions");
  function verbSuffix() {
    var s = longest(VERB, rv);
    if (s === "" && /[ou]Yes?$/.test(w)) s = ends("s") ? "es" : "e";
    var at = w.length - s.length;
    if (s === "" || at < rv) return false;
    if (s === "ions") return swap(at, r2, "");
    w = w.slice(0, at);
    if (s.charAt(0) === "a" && ends("ge")) swapEnd("e", rv, "");
    return true;
  }

  // Step 4, when steps 1 and 2 removed nothing: a final s goes unless after a, i, o, u or s; then,
  // in RV: -ion after s or t (and in R2) goes, -ier and -iere become i, a final e goes.
  var RESIDUAL = table("ion ier Ier iere Iere e");
  function residualSuffix() {
    if (w.length > 1 && ends("s") && "aious".indexOf(w.charAt(w.length - 2)) < 0) w = w.slice(0, -1);
    var s = longest(RESIDUAL, rv), at = w.length - s.length;
    if (s === "ion") { if (at >= r2 && at > rv && /[st]/.test(w.charAt(at - 1))) w = w.slice(0, at); }
    else if (s === "e") w = w.slice(0, at);
    else if (s !== "") w = w.slice(0, at) + "i";
  }

  function stem(word) {
    if (/[\uD800-\uDFFF]/.test(word)) return word; // beyond the BMP: left as it is, as in Rust
    w = prelude(word);
    rv = startOfRV();
    r1 = regionAfter(0);
    r2 = regionAfter(r1);
    if (standardSuffix() || iVerbSuffix() || verbSuffix()) {
      if (ends("Y")) w = w.slice(0, -1) + "i"; // step 3
    } else residualSuffix();
    if (/(enn|onn|ett|ell|eill)$/.test(w)) w = w.slice(0, -1); // step 5: undouble
    return w.replace(/[IUY]/g, function (c) { return c.toLowerCase(); }); // postlude
  }

  (global.HandbookStemmers || (global.HandbookStemmers = {})).fr = stem;
})(typeof window !== "undefined" ? window : this);
