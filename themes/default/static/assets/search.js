// handbook search: the query side of the index built by src/search/index.rs.
// Text rules mirror src/search/tokenize.rs exactly (tests/fixtures/search-vectors.json checks
// both sides). Index files are scripts calling __hbSearch(name, data), so this works from
// file:// as well as over HTTP. Every string from the index is inserted as text, never as HTML.
(function (global) {
  "use strict";

  // ---- text rules --------------------------------------------------------------------------
  // A handbook in another language than English has its rules put in front of this script by
  // the build (tokenize.rs, Language::script): its stop words, whether an apostrophe joins two
  // words, and its stemmer (themes/default/stemmers/).
  var TEXT = global.HandbookText || null;
  var STOP = new Set(TEXT ? TEXT.stop : ("a an and are as at be but by for from has have how i if in into is it its of on " +
    "or our so that the their them then there these they this to was we were what when which who why will with you " +
    "your").split(" "));
  var APOSTROPHE_JOINS = !TEXT || TEXT.apostropheJoins !== false;
  var SPECIAL = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i" };
  var MAX_WORD = 40;
  // Characters read as overlapping pairs (rule 2): Chinese and Japanese, Hangul, and the Thai,
  // Lao, Khmer and Myanmar scripts with their marks (tokenize.rs, is_paired).
  var PAIRED_SET = "\u0e01-\u0e3a\u0e40-\u0e4e\u0e81-\u0ebd\u0ec0-\u0ece\u0edc-\u0edf\u1000-\u103f" +
    "\u1050-\u108f\u109a-\u109d\u1100-\u11ff\u1780-\u17d3\u17d7\u17dc-\u17dd\u3005-\u3007\u3021-\u3029" +
    "\u3031-\u3035\u3038-\u303c\u3040-\u30ff\u3131-\u318e\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff" +
    "\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff\uf900-\ufaff\uff66-\uff9f\u{20000}-\u{323af}";
  var PAIRED = new RegExp("[" + PAIRED_SET + "]", "u");
  var WORD_CHAR = new RegExp("[\\p{Alphabetic}\\p{N}" + PAIRED_SET + "]", "u");

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f\u3099\u309a]/g, "").toLowerCase()
      .replace(/[ßæœøłđðþı]/g, function (c) { return SPECIAL[c]; })
      // Hangul syllables NFD took apart, made again.
      .replace(/[\u1100-\u11ff]+/g, function (run) { return run.normalize("NFC"); });
  }

  // The kept words of a text: [{folded, position}].
  function words(text) {
    var chars = Array.from(fold(text));
    var out = [], current = [], pairs = false, position = 0;
    function flush() {
      if (!current.length) return;
      if (pairs && current.length === 1) out.push({ folded: current[0], position: position++ });
      else if (pairs) for (var k = 0; k + 1 < current.length; k++) out.push({ folded: current[k] + current[k + 1], position: position++ });
      else {
        var word = current.join("");
        if (current.length <= MAX_WORD && !STOP.has(word)) out.push({ folded: word, position: position });
        position++;
      }
      current = [];
    }
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (WORD_CHAR.test(c)) {
        var paired = PAIRED.test(c);
        if (current.length && paired !== pairs) flush();
        pairs = paired;
        current.push(c);
      }
      else if (APOSTROPHE_JOINS && (c === "'" || c === "\u2019") && current.length && i + 1 < chars.length &&
        WORD_CHAR.test(chars[i + 1])) { /* joined */ }
      else flush();
    }
    flush();
    return out;
  }

  // Snowball English (Porter2).
  var EXCEPTIONS = { skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas",
    cosmos: "cosmos", bias: "bias", andes: "andes" };
  var AFTER_1A = new Set(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]);
  function isVowel(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y"; }
  function regionAfter(w, start) {
    for (var i = start + 1; i < w.length; i++) if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
    return w.length;
  }
  function shortSyllableAt(w, end) { // the syllable ending just before index `end`
    if (end === 2) return isVowel(w[0]) && !isVowel(w[1]);
    if (end < 3) return false;
    var a = w[end - 3], b = w[end - 2], c = w[end - 1];
    return !isVowel(a) && isVowel(b) && !isVowel(c) && c !== "w" && c !== "x" && c !== "Y";
  }
  function endsWith(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }
  function longest(w, list) {
    var best = null;
    for (var i = 0; i < list.length; i++) if (endsWith(w, list[i]) && (!best || list[i].length > best.length)) best = list[i];
    return best;
  }
  function hasVowel(s) { for (var i = 0; i < s.length; i++) if (isVowel(s[i])) return true; return false; }

  var STEP2 = { tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
    ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful", ousli: "ous",
    ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og", fulli: "ful", lessli: "less", li: "" };
  var STEP3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous",
    "ive", "ize", "ion"];

  function stemEnglish(word) {
    if (word.length <= 2) return word;
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) return EXCEPTIONS[word];
    var w = word;
    if (w[0] === "'") w = w.slice(1);
    if (w[0] === "y") w = "Y" + w.slice(1);
    for (var i = 1; i < w.length; i++) if (w[i] === "y" && isVowel(w[i - 1])) w = w.slice(0, i) + "Y" + w.slice(i + 1);
    var r1 = /^(gener|commun|arsen)/.test(w) ? w.match(/^(gener|commun|arsen)/)[0].length : regionAfter(w, 0);
    var r2 = regionAfter(w, r1);
    // Step 0
    var s = longest(w, ["'s'", "'s", "'"]);
    if (s) w = w.slice(0, w.length - s.length);
    // Step 1a
    s = longest(w, ["sses", "ied", "ies", "us", "ss", "s"]);
    if (s === "sses") w = w.slice(0, -2);
    else if (s === "ied" || s === "ies") w = w.slice(0, -3) + (w.length - 3 > 1 ? "i" : "ie");
    else if (s === "s" && hasVowel(w.slice(0, -2))) w = w.slice(0, -1);
    if (AFTER_1A.has(w)) return w;
    // Step 1b
    s = longest(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    if (s === "eed" || s === "eedly") {
      if (w.length - s.length >= r1) w = w.slice(0, w.length - s.length) + "ee";
    } else if (s && hasVowel(w.slice(0, w.length - s.length))) {
      w = w.slice(0, w.length - s.length);
      if (endsWith(w, "at") || endsWith(w, "bl") || endsWith(w, "iz")) w += "e";
      else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = w.slice(0, -1);
      else if (shortSyllableAt(w, w.length) && r1 >= w.length) w += "e";
    }
    // Step 1c
    if (w.length > 2 && (w[w.length - 1] === "y" || w[w.length - 1] === "Y") && !isVowel(w[w.length - 2])) {
      w = w.slice(0, -1) + "i";
    }
    // Step 2
    s = longest(w, Object.keys(STEP2));
    if (s && w.length - s.length >= r1) {
      var before = w[w.length - s.length - 1];
      if (s === "ogi") { if (before === "l") w = w.slice(0, -3) + "og"; }
      else if (s === "li") { if ("cdeghkmnrt".indexOf(before) >= 0) w = w.slice(0, -2); }
      else w = w.slice(0, w.length - s.length) + STEP2[s];
    }
    // Step 3
    s = longest(w, Object.keys(STEP3));
    if (s && w.length - s.length >= r1) {
      if (s === "ative") { if (w.length - 5 >= r2) w = w.slice(0, -5); }
      else w = w.slice(0, w.length - s.length) + STEP3[s];
    }
    // Step 4
    s = longest(w, STEP4);
    if (s && w.length - s.length >= r2) {
      if (s !== "ion" || "st".indexOf(w[w.length - 4]) >= 0) w = w.slice(0, w.length - s.length);
    }
    // Step 5
    var last = w[w.length - 1];
    if (last === "e" && (w.length - 1 >= r2 || (w.length - 1 >= r1 && !shortSyllableAt(w, w.length - 1)))) w = w.slice(0, -1);
    else if (last === "l" && w.length - 1 >= r2 && w[w.length - 2] === "l") w = w.slice(0, -1);
    return w.replace(/Y/g, "y");
  }

  // The handbook's language's stemmer, for words of ASCII letters and digits (tokenize.rs, rule
  // 4); other words, and every word should the stemmer be missing, are left as they are.
  var stemLanguage = TEXT && (global.HandbookStemmers || {})[TEXT.language];
  var stem = !TEXT ? stemEnglish : function (word) {
    return stemLanguage && /^[\x00-\x7f]*$/.test(word) ? stemLanguage(word) : word;
  };
  var LANGUAGE = TEXT ? TEXT.language : "en";

  // Rule 5: the hyphenated compounds of a text, each its parts written together and folded
  // ("on-call" → "oncall"), as words() reads them: stop words and words too long left out
  // (tokenize.rs, for_each_compound).
  var HYPHEN = /[-\u2010\u2011]/;
  var IN_WORD = new RegExp("[\\p{Alphabetic}\\p{N}\u0300-\u036f\u3099\u309a" + PAIRED_SET + "]", "u");
  var LETTER = /\p{Alphabetic}/u;
  var MAX_PARTS = 8;
  function compounds(text) {
    var out = [];
    if (!HYPHEN.test(text)) return out;
    var chars = Array.from(text);
    var joined = "", parts = 0, letter = false, spoilt = false;
    var inPart = false, afterHyphen = false, afterApostrophe = false;
    function finish() {
      if (parts >= 2 && letter && !spoilt) words(joined).forEach(function (w) { out.push(w.folded); });
      joined = "";
    }
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i], nextInWord = i + 1 < chars.length && IN_WORD.test(chars[i + 1]);
      if (IN_WORD.test(c)) {
        if (!inPart) {
          if (!afterHyphen) {
            finish();
            parts = 0;
            letter = false;
            spoilt = afterApostrophe;
          }
          parts++;
        }
        if (parts === 1 && LETTER.test(c)) letter = true;
        if (PAIRED.test(c)) spoilt = true;
        joined += c;
        inPart = true;
        afterHyphen = false;
        afterApostrophe = false;
      } else if (HYPHEN.test(c) && inPart && nextInWord && parts < MAX_PARTS) {
        inPart = false;
        afterHyphen = true;
      } else {
        afterApostrophe = APOSTROPHE_JOINS && inPart && (c === "'" || c === "\u2019") && nextInWord;
        inPart = false;
        afterHyphen = false;
      }
    }
    finish();
    return out;
  }

  // Rules 1-5: a text's search terms, its words' then its compounds'.
  function terms(text) {
    return words(text).map(function (w) { return stem(w.folded); })
      .concat(compounds(text).map(stem));
  }

  // ---- the engine ----------------------------------------------------------------------------
  function hex(s) {
    return Array.from(new TextEncoder().encode(s)).map(function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }
  function distance1(a, b) { // true when a and b differ by one edit (Damerau)
    if (a === b) return false;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }
  function editDistance(a, b) {
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
    return prev[b.length];
  }

  // `load(path, fresh)` returns a promise of the data of search/<path>.js (`fresh`: not from
  // the browser's cache). Every file but the manifest is in the folder the manifest names
  // (its `version`), so each query reads one build's files: those of the manifest it began
  // with.
  function Engine(load) {
    this.load = load;
    // Promises of loaded files, the manifest's under "manifest", the others' under their path.
    this.files = new Map();
    this.lists = new Map();
  }
  // A promise that is forgotten when it fails, so that a later query tries again.
  Engine.prototype.once = function (map, key, make) {
    if (!map.has(key)) {
      var promise = make();
      map.set(key, promise);
      promise.catch(function () { if (map.get(key) === promise) map.delete(key); });
    }
    return map.get(key);
  };
  Engine.prototype.manifest = function () {
    var self = this;
    return this.once(this.files, "manifest", function () {
      return self.load("manifest").then(function (m) {
        // A theme's own copy of this script, older than the build's languages, reads the words
        // of another language than the index did: some will not be found.
        if (m.language && m.language !== LANGUAGE) console.warn("handbook search: the index reads " + m.language + ", this script " + LANGUAGE);
        return m;
      });
    });
  };
  // The index file `name` (`d/3`) of the build `manifest` describes.
  Engine.prototype.get = function (name, manifest) {
    var path = manifest.version + "/" + name, self = this;
    return this.once(this.files, path, function () { return self.load(path); });
  };
  // The vocabulary of the terms that begin as `term` does ([] when there are none).
  Engine.prototype.vocab = function (term, manifest) {
    if (!manifest.initialSet) manifest.initialSet = new Set(Array.from(manifest.initials));
    var first = Array.from(term)[0];
    return manifest.initialSet.has(first) ? this.get("v/" + hex(first), manifest) : Promise.resolve([]);
  };
  // Strings in Unicode code point order, as the indexer sorts them (`<` compares UTF-16 units,
  // which puts characters past U+FFFF before U+E000-U+FFFF).
  function compareCodePoints(a, b) {
    for (var i = 0, j = 0; i < a.length && j < b.length;) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return (i < a.length ? 1 : 0) - (j < b.length ? 1 : 0);
  }
  // A postings file holds the terms from its key up to the next file's key: the term's is the
  // last key not after it.
  Engine.prototype.postings = function (term, manifest) {
    var keys = manifest.shards, lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (compareCodePoints(keys[mid], term) <= 0) lo = mid + 1; else hi = mid;
    }
    if (lo === 0) return Promise.resolve(null);
    return this.get("p/" + hex(keys[lo - 1]), manifest).then(function (shard) { return shard[term] || null; });
  };

  // A term's postings as a flat Int32Array of (doc, impact, position) triples with absolute
  // document numbers, decoded once: the best ones, or all the index has (`full`).
  Engine.prototype.decoded = async function (term, manifest, full) {
    var key = manifest.version + (full ? " full " : " head ") + term;
    if (this.lists.has(key)) return this.lists.get(key);
    var p = await this.postings(term, manifest);
    var list = null;
    if (p) {
      var head = decode(p[1]);
      if (full && p[2]) {
        var tail = decode(await this.get(p[2], manifest));
        list = new Int32Array(head.length + tail.length);
        list.set(head);
        list.set(tail, head.length);
      } else list = head;
    }
    this.lists.set(key, list);
    return list;
  };

  // Postings come packed in a string (src/search/index.rs `put_number`): numbers in five-bit
  // groups, the lowest first, each group a character of DIGITS at its value plus 32 when more
  // follow; every three numbers are (document delta, impact, position).
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT = new Int8Array(128);
  Array.from(DIGITS).forEach(function (c, value) { DIGIT[c.charCodeAt(0)] = value; });
  function decode(packed) {
    var out = new Int32Array(packed.length), n = 0, doc = 0, value = 0, shift = 0;
    for (var i = 0; i < packed.length; i++) {
      var digit = DIGIT[packed.charCodeAt(i) & 127];
      value |= (digit & 31) << shift;
      if (digit & 32) { shift += 5; continue; }
      if (n % 3 === 0) value = doc += value;
      out[n++] = value;
      value = 0;
      shift = 0;
    }
    return out.slice(0, n);
  }

  // Expands each query word into index terms with weights: the exact stem; for the word being
  // typed, terms it is a prefix of (and stems it extends); for words of 5+ letters not in the
  // index, terms one edit away.
  Engine.prototype.expand = async function (query, manifest) {
    var list = words(query);
    var typing = !/\s$/.test(query);
    var self = this;
    return Promise.all(list.map(async function (w, i) {
      var exact = stem(w.folded);
      var vocab = await self.vocab(w.folded, manifest);
      var expansions = new Map();
      var known = vocab.find(function (v) { return v[0] === exact; });
      if (known) expansions.set(exact, { weight: 1, df: known[2] });
      if (typing && i === list.length - 1) {
        var prefixed = vocab.filter(function (v) { return v[0] !== exact && v[0].startsWith(w.folded); });
        // Past the end of a stem ("managi" for "manag"), when no term goes on from the word and
        // its own stem is no term: else a word typed whole ("plantão", whose stem "planta" is
        // known) would rank the shorter terms it begins with ("plan") above its own. Only a
        // stem that is most of what is typed ("accountabilit" of "account"), leaves an
        // ending's few letters, or whose word goes on from it ("managemen" of "management"):
        // a whole word the handbook lacks ("underperforming") is not the shorter words it
        // begins with ("under").
        var pastStem = prefixed.length === 0 && !known;
        if (pastStem) {
          var typed = Array.from(w.folded).length;
          prefixed = vocab.filter(function (v) {
            var length = Array.from(v[0]).length;
            return v[0] !== exact && length >= 4 && w.folded.startsWith(v[0]) &&
              (2 * length >= typed || typed - length <= 4 || v[1].startsWith(w.folded));
          });
        }
        // A half-typed word's stem ("care" for "caree") is a guess: trust the words it begins.
        if (known && exact !== w.folded && prefixed.length > 0) expansions.get(exact).weight = 0.6;
        prefixed.sort(function (a, b) { return b[2] - a[2]; });
        // Past the end of stems, the longest one is what was typed ("stakehold" of
        // "stakeholdr"); the shorter ones ("stake") are kept, well behind it.
        var longest = 0;
        if (pastStem) prefixed.forEach(function (v) { longest = Math.max(longest, v[0].length); });
        prefixed.slice(0, 24).forEach(function (v) {
          expansions.set(v[0], { weight: pastStem && v[0].length < longest ? 0.3 : 0.8, df: v[2] });
        });
      }
      // A word still being typed that starts known words is a prefix, not a typo. One that
      // only goes on past a known stem may be either: "stakeholdr" is a typo of
      // "stakeholders" rather than more of "stakes", and the typo then ranks first.
      var prefixOnly = expansions.size > 0 && !known && !pastStem;
      if (!known && !prefixOnly && Array.from(w.folded).length >= 5) {
        var typos = 0;
        vocab.forEach(function (v) {
          if (!expansions.has(v[0]) && (distance1(v[0], exact) || distance1(v[1], w.folded))) {
            expansions.set(v[0], { weight: 0.6, df: v[2], typo: true });
            typos++;
          }
        });
        if (typos > 0) expansions.forEach(function (e) { if (!e.typo) e.weight = 0.3; });
      }
      return { word: w.folded, position: w.position, stem: exact, expansions: expansions, vocab: vocab };
    })).then(async function (required) {
      // A compound of the query ("on-call") also finds the pages that write it so, a little
      // ahead of those with its parts apart; it is no word a page must have (those are its
      // parts). Alone ("to-do", of stop words), it is the word.
      var optional = [];
      for (var c of compounds(query)) {
        var exact = stem(c), vocab = await self.vocab(c, manifest);
        var known = vocab.find(function (v) { return v[0] === exact; });
        if (!known || required.some(function (qw) { return qw.stem === exact; })) continue;
        optional.push({ word: c, position: 0, stem: exact, vocab: vocab, optional: required.length > 0,
          expansions: new Map([[exact, { weight: 1, df: known[2] }]]) });
      }
      return required.concat(optional);
    });
  };

  // How many of the best documents a query ranks: results are read from them in order, and
  // the section and audience filters skip some.
  var RANKED = 400;

  // The best `k` of the documents a query offers: those with every query word before the
  // others, then by score, then in document order. A binary heap in typed arrays keeps the
  // worst of the kept ones on top, so a document that does not make the cut costs one
  // comparison.
  function Best(k) {
    this.k = k;
    this.size = 0;
    this.doc = new Int32Array(k);
    this.score = new Float64Array(k);
    this.full = new Uint8Array(k);
    // How many documents offered had every query word.
    this.complete = 0;
  }
  // Whether document `doc` ranks before the one kept at `i`.
  Best.prototype.before = function (doc, score, full, i) {
    if (full !== this.full[i]) return full > this.full[i];
    if (score !== this.score[i]) return score > this.score[i];
    return doc < this.doc[i];
  };
  Best.prototype.put = function (i, doc, score, full) {
    this.doc[i] = doc;
    this.score[i] = score;
    this.full[i] = full;
  };
  Best.prototype.offer = function (doc, score, complete) {
    var full = complete ? 1 : 0;
    this.complete += full;
    var i;
    if (this.size < this.k) {
      // Up from the bottom while the parent ranks before it.
      for (i = this.size++; i > 0;) {
        var parent = (i - 1) >> 1;
        if (this.before(doc, score, full, parent)) break;
        this.put(i, this.doc[parent], this.score[parent], this.full[parent]);
        i = parent;
      }
      this.put(i, doc, score, full);
      return;
    }
    if (!this.before(doc, score, full, 0)) return;
    // Down from the top while a child ranks after it.
    for (i = 0; ;) {
      var worst = -1, l = 2 * i + 1, r = l + 1;
      // The worse child, if it ranks after the document.
      if (l < this.size && this.before(doc, score, full, l)) worst = l;
      if (r < this.size && (worst < 0 ? this.before(doc, score, full, r)
        : this.before(this.doc[l], this.score[l], this.full[l], r))) worst = r;
      if (worst < 0) break;
      this.put(i, this.doc[worst], this.score[worst], this.full[worst]);
      i = worst;
    }
    this.put(i, doc, score, full);
  };
  // The kept documents, best first, as {doc, score}.
  Best.prototype.sorted = function () {
    var order = [];
    for (var i = 0; i < this.size; i++) order.push(i);
    var self = this;
    order.sort(function (a, b) {
      return self.before(self.doc[a], self.score[a], self.full[a], b) ? -1 : 1;
    });
    return order.map(function (i) { return { doc: self.doc[i], score: self.score[i] }; });
  };

  // Runs a query. Returns {pages: [{title, href, crumbs, sections: [{heading, anchor, excerpt}]}],
  // suggestion, words}.
  Engine.prototype.search = async function (query, options) {
    var manifest = await this.manifest();
    try {
      return await this.run(query, options, manifest);
    } catch (e) {
      // A file missing: a new build replaced the one whose manifest this page loaded (a tab
      // left open across a deploy, or a cached manifest). The current one answers instead.
      var fresh = await this.load("manifest", true);
      if (fresh.version === manifest.version) throw e;
      var now = await this.manifest().catch(function () { return null; });
      if (!now || now.version === manifest.version) {
        this.files.clear();
        this.files.set("manifest", Promise.resolve(fresh));
        this.lists.clear();
      }
      return this.run(query, options, fresh);
    }
  };

  Engine.prototype.run = async function (query, options, manifest) {
    options = options || {};
    var limit = options.limit || 10;
    var qwords = await this.expand(query, manifest);
    if (qwords.length === 0) return { pages: [], suggestion: null, words: [] };
    var self = this;
    var N = manifest.docs;
    // Scores every document the query's terms reach: for each query word its best-matching
    // term, summed over the words, scaled by the share of words matched and by proximity.
    async function score(full) {
      var lists = await Promise.all(qwords.map(function (qw) {
        return Promise.all(Array.from(qw.expansions).map(async function (entry) {
          var info = entry[1];
          var idf = Math.log(1 + (N - info.df + 0.5) / (info.df + 0.5));
          return { list: await self.decoded(entry[0], manifest, full), weight: info.weight * idf };
        }));
      }));
      // The words a document should have (a query's compounds come last, and count only for
      // the documents that have some of these).
      var n = qwords.filter(function (qw) { return !qw.optional; }).length;
      // Buffers the size of the index, kept between queries (every entry is back to 0 after).
      if (!self.buffers || self.buffers.total.length !== N) {
        self.buffers = { total: new Float32Array(N), count: new Uint8Array(N), best: new Float32Array(N), positions: [] };
      }
      var buf = self.buffers, total = buf.total, count = buf.count, best = buf.best;
      while (n > 1 && buf.positions.length < n) buf.positions.push(new Int32Array(N));
      var positions = n > 1 ? buf.positions : null;
      var touched = [], wordTouched = [];
      lists.forEach(function (expansions, i) {
        if (i >= n) {
          expansions.forEach(function (e) {
            var list = e.list;
            if (!list) return;
            for (var k = 0; k < list.length; k += 3) if (count[list[k]] > 0) total[list[k]] += e.weight * list[k + 1];
          });
          return;
        }
        expansions.forEach(function (e) {
          var list = e.list;
          if (!list) return;
          for (var k = 0; k < list.length; k += 3) {
            var doc = list[k], s = e.weight * list[k + 1];
            if (best[doc] === 0) wordTouched.push(doc);
            if (s > best[doc]) {
              best[doc] = s;
              if (positions) positions[i][doc] = list[k + 2];
            }
          }
        });
        for (var t = 0; t < wordTouched.length; t++) {
          var d = wordTouched[t];
          if (count[d] === 0) touched.push(d);
          total[d] += best[d];
          count[d]++;
          best[d] = 0;
        }
        wordTouched.length = 0;
      });
      var kept = new Best(RANKED);
      for (var j = 0; j < touched.length; j++) {
        var doc = touched[j], matched = count[doc], score = total[doc] * (matched / n) * (matched / n);
        if (positions && matched === n) {
          var spread = 0;
          for (var w = 1; w < n; w++) spread = Math.max(spread, Math.abs(positions[w][doc] - positions[w - 1][doc]));
          score *= spread <= 3 ? 1.5 : spread <= 12 ? 1.2 : 1;
        }
        kept.offer(doc, score, matched === n);
        total[doc] = 0;
        count[doc] = 0;
      }
      return kept;
    }
    var kept = await score(false);
    if (qwords.filter(function (qw) { return !qw.optional; }).length > 1 && kept.complete < limit) kept = await score(true);
    var ranked = kept.sorted();

    var pages = [], byPage = new Map();
    for (var i = 0; i < ranked.length && pages.length < limit; i++) {
      var hit = ranked[i];
      var block = await self.get("d/" + Math.floor(hit.doc / manifest.docBlock), manifest);
      var doc = block[hit.doc % manifest.docBlock];
      var pageIndex = doc[0];
      var pblock = await self.get("g/" + Math.floor(pageIndex / manifest.pageBlock), manifest);
      var page = pblock[pageIndex % manifest.pageBlock];
      if (options.section != null && options.section !== "" && page[3] !== Number(options.section)) continue;
      if (options.audience != null && options.audience !== "" && !(page[4] & (1 << Number(options.audience)))) continue;
      var entry = byPage.get(pageIndex);
      if (!entry) {
        entry = { title: page[0], href: page[1], crumbs: page[2], score: hit.score, sections: [] };
        byPage.set(pageIndex, entry);
        pages.push(entry);
      }
      if (entry.sections.length < 3) entry.sections.push({ heading: doc[1], anchor: doc[2], excerpt: doc[3], score: hit.score });
    }
    // Whether a page past the limit matched too (the first one found says so).
    var more = false;
    for (; i < ranked.length && !more; i++) {
      var rest = ranked[i];
      var restBlock = await self.get("d/" + Math.floor(rest.doc / manifest.docBlock), manifest);
      var restIndex = restBlock[rest.doc % manifest.docBlock][0];
      if (byPage.has(restIndex)) continue;
      var restPages = await self.get("g/" + Math.floor(restIndex / manifest.pageBlock), manifest);
      var restPage = restPages[restIndex % manifest.pageBlock];
      if (options.section != null && options.section !== "" && restPage[3] !== Number(options.section)) continue;
      if (options.audience != null && options.audience !== "" && !(restPage[4] & (1 << Number(options.audience)))) continue;
      more = true;
    }
    var suggestion = null;
    if (pages.length === 0) suggestion = suggest(qwords);
    return { pages: pages, more: more, suggestion: suggestion, words: qwords };
  };

  // The nearest known word for each query word, when a query finds nothing.
  function suggest(qwords) {
    var changed = false;
    var out = qwords.filter(function (qw) { return !qw.optional; }).map(function (qw) {
      if (qw.expansions.size > 0) return qw.word;
      var best = null, bestD = 3;
      qw.vocab.forEach(function (v) {
        var d = editDistance(v[1], qw.word);
        if (d < bestD || (d === bestD && best && v[2] > best[2])) { best = v; bestD = d; }
      });
      if (best) { changed = true; return best[1]; }
      return qw.word;
    });
    return changed ? out.join(" ") : null;
  }

  // Does a word of a text match the query (same stem, or the typed prefix)?
  function matcher(qwords) {
    var stems = new Set(), prefixes = [];
    qwords.forEach(function (qw) {
      stems.add(qw.stem);
      qw.expansions.forEach(function (_, t) { stems.add(t); });
      prefixes.push(qw.word);
    });
    return function (word) {
      // An apostrophe inside a word is dropped, as words() drops it ("team’s" is "teams").
      var f = fold(word).replace(/['\u2019]/g, "");
      if (!f || STOP.has(f)) return false;
      return stems.has(stem(f)) || prefixes.some(function (p) { return p.length >= 3 && f.startsWith(p); });
    };
  }

  // Appends `text` to `parent` with matching words wrapped in <mark>, as text nodes only. In a
  // run of characters read in pairs, the characters of each matching pair are marked.
  function appendHighlighted(parent, text, matches) {
    // Words as words() reads them: in French and Italian an apostrophe ends one ("l’équipe").
    var run = "[\\p{Alphabetic}\\p{N}" + (APOSTROPHE_JOINS ? "'\\u2019" : "") + PAIRED_SET + "]+";
    // Runs joined by hyphens too: a compound the search found ("on-call" for "oncall") is
    // marked whole.
    var re = new RegExp(run + "(?:[-\\u2010\\u2011]" + run + ")*", "gu"), piece = new RegExp(run, "gu"), last = 0, m;
    function mark(from, to) {
      if (from > last) parent.appendChild(document.createTextNode(text.slice(last, from)));
      var el = document.createElement("mark");
      el.textContent = text.slice(from, to);
      parent.appendChild(el);
      last = to;
    }
    function markPairs(from, to) {
      var chars = Array.from(text.slice(from, to)), at = [from], on = chars.map(function () { return false; });
      chars.forEach(function (c, k) { at.push(at[k] + c.length); });
      if (chars.length === 1) on[0] = matches(chars[0]);
      for (var k = 0; k + 1 < chars.length; k++) if (matches(chars[k] + chars[k + 1])) on[k] = on[k + 1] = true;
      for (var i = 0; i < chars.length;) {
        var end = i;
        while (end < chars.length && on[end]) end++;
        if (end > i) mark(at[i], at[end]);
        i = Math.max(end, i + 1);
      }
    }
    function markRun(runText, offset) {
      // The run in parts, each all pairs or all other characters: [start, end, pairs].
      var parts = [];
      Array.from(runText).forEach(function (c) {
        var paired = PAIRED.test(c), part = parts[parts.length - 1];
        if (part && part[2] === paired) part[1] = offset + c.length;
        else parts.push([offset, offset + c.length, paired]);
        offset += c.length;
      });
      parts.forEach(function (part) {
        if (part[2]) markPairs(part[0], part[1]);
        else if (matches(text.slice(part[0], part[1]))) mark(part[0], part[1]);
      });
    }
    while ((m = re.exec(text))) {
      var joined = m[0].split(/[-\u2010\u2011]/);
      if (joined.length > 1 && compounds(m[0]).some(function (c) { return matches(c); })) {
        mark(m.index, m.index + m[0].length);
        continue;
      }
      var p;
      piece.lastIndex = 0;
      while ((p = piece.exec(m[0]))) markRun(p[0], m.index + p.index);
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  global.HandbookSearch = { fold: fold, words: words, compounds: compounds, stem: stem, terms: terms, Engine: Engine, matcher: matcher, Best: Best };

  if (typeof document === "undefined") return;

  // ---- the page ------------------------------------------------------------------------------
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "";
  // Each index file is a script that hands its data to the script element loading it.
  global.__hbSearch = function (name, data) {
    var el = document.currentScript;
    if (el && el.hbResolve) el.hbResolve(data);
  };
  function loadScript(path, fresh) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      el.src = root + "search/" + path + ".js" + (fresh ? "?" + Date.now() : "");
      el.async = true;
      el.hbResolve = function (data) { el.hbResolve = null; resolve(data); };
      var fail = function () { el.remove(); reject(new Error("cannot load " + el.src)); };
      el.onerror = fail;
      // A script that ran without handing over data is not an index file (a server's page).
      el.onload = function () { if (el.hbResolve) fail(); else el.remove(); };
      document.head.appendChild(el);
    });
  }
  // The interface's words, in the handbook's language: the build writes them between the two
  // comments (src/ui.rs). `{name}` in a word stands for a value.
  var ui = /* handbook:ui */{"_language":"en","code_copied":"Code copied to the clipboard","copied":"Copied","copy":"Copy","copy_code":"Copy code","copy_failed":"The browser did not let the code be copied","did_you_mean":"Did you mean {suggestion}?","highlighted":"Highlighted: {words}","more_results":"Show more results","no_results":"No results","no_results_for":"No results for “{query}”.","not_copied":"Not copied","pages_found_one":"{n} page found","pages_found_other":"{n} pages found","pages_shown_more":"{n} pages shown, more found","remove_highlights":"Remove highlights","search_unavailable":"Search is not available: {error}","tab":"Tab {n}"}/* handbook:ui-end */;
  function say(key, values) {
    return ui[key].replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }
  // The word for a number: `<key>_one` or `<key>_other`, as the words' language counts.
  function sayCount(key, n) {
    var one = n === 1;
    try { one = new Intl.PluralRules(ui._language).select(n) === "one"; } catch (e) { /* an unknown language */ }
    return say(key + (one ? "_one" : "_other"), { n: n });
  }

  var engine = new Engine(loadScript);
  // The page's own engine, for benchmarks and tests.
  global.HandbookSearch.page = engine;
  // `handbook serve` rebuilt the site and this page stays: the next query reads the new index.
  document.addEventListener("handbook:rebuilt", function () {
    engine.files.clear();
    engine.lists.clear();
  });

  function init() {
    var input = document.getElementById("hb-search-input");
    var panel = document.getElementById("hb-search-panel");
    var list = document.getElementById("hb-search-results");
    var status = document.getElementById("hb-search-status");
    var sectionFilter = document.getElementById("hb-search-section");
    var audienceFilter = document.getElementById("hb-search-audience");
    if (!input || !panel || !list) return;
    document.querySelector(".hb-search").hidden = false;
    // A touch screen has no `/` key to press: a placeholder naming it says what the field
    // searches instead (one of the handbook's own words without the key stays).
    var label = document.querySelector("label[for='hb-search-input']");
    var touch = window.matchMedia && window.matchMedia("(hover: none) and (pointer: coarse)").matches;
    if (label && touch && /\(\s*\/\s*\)/.test(input.placeholder)) {
      input.placeholder = label.textContent;
    }
    var options = [], active = -1, seq = 0, timer = null, filtersReady = false;
    // The terms the results shown were found by besides the words' own stems (a typo's, a
    // prefix's): the page a result leads to marks them too.
    var expanded = [];

    function setStatus(text) { if (status) status.textContent = text; }
    function open(yes) {
      panel.hidden = !yes;
      input.setAttribute("aria-expanded", yes ? "true" : "false");
      if (!yes) { active = -1; input.removeAttribute("aria-activedescendant"); }
    }
    function setActive(i) {
      if (options.length === 0) return;
      active = (i + options.length) % options.length;
      options.forEach(function (o, n) { o.el.setAttribute("aria-selected", n === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", options[active].el.id);
      options[active].el.scrollIntoView({ block: "nearest" });
    }
    function go(option) {
      var hl = words(input.value).map(function (w) { return w.folded; }).join(" ");
      var also = hl && expanded.length ? "&hlt=" + encodeURIComponent(expanded.slice(0, 32).join(" ")) : "";
      var url = root + option.href + (hl ? "?hl=" + encodeURIComponent(hl) + also : "") + (option.anchor ? "#" + option.anchor : "");
      window.location.href = url;
    }
    // The filters' options, from the manifest: again after `handbook serve` rebuilt the site
    // (a section or an audience may have come or gone), the one chosen kept by its name.
    async function fillFilters() {
      if (filtersReady || !sectionFilter) return;
      filtersReady = true;
      var m = await engine.manifest();
      [[sectionFilter, m.sections], [audienceFilter, m.audiences]].forEach(function (filter) {
        var select = filter[0];
        var chosen = select.selectedIndex > 0 ? select.options[select.selectedIndex].text : null;
        while (select.options.length > 1) select.remove(1);
        filter[1].forEach(function (name, i) { select.appendChild(new Option(name, String(i), false, name === chosen)); });
      });
      sectionFilter.parentNode.hidden = m.sections.length === 0 && m.audiences.length === 0;
    }
    document.addEventListener("handbook:rebuilt", function () { filtersReady = false; });
    function render(result, query) {
      list.textContent = "";
      options = [];
      active = -1;
      var matches = matcher(result.words);
      expanded = [];
      result.words.forEach(function (qw) {
        qw.expansions.forEach(function (_, term) { if (term !== qw.stem && expanded.indexOf(term) < 0) expanded.push(term); });
      });
      result.pages.forEach(function (page) {
        page.sections.forEach(function (section, n) {
          // The link is the option (the item around it has no role of its own): an option
          // holding a link would be a control inside a control.
          var li = document.createElement("li");
          li.setAttribute("role", "none");
          li.className = n === 0 ? "hb-result" : "hb-result hb-result-more";
          var a = document.createElement("a");
          a.id = "hb-result-" + options.length;
          a.setAttribute("role", "option");
          a.setAttribute("aria-selected", "false");
          a.tabIndex = -1;
          a.href = root + page.href + (section.anchor ? "#" + section.anchor : "");
          var title = document.createElement("span");
          title.className = "hb-result-title";
          appendHighlighted(title, page.title, matches);
          if (section.heading) {
            title.appendChild(document.createTextNode(" › "));
            appendHighlighted(title, section.heading, matches);
          }
          a.appendChild(title);
          if (page.crumbs && n === 0) {
            var crumbs = document.createElement("span");
            crumbs.className = "hb-result-crumbs";
            crumbs.textContent = page.crumbs;
            a.appendChild(crumbs);
          }
          if (section.excerpt) {
            var ex = document.createElement("span");
            ex.className = "hb-result-excerpt";
            appendHighlighted(ex, section.excerpt, matches);
            a.appendChild(ex);
          }
          var option = { el: a, href: page.href, anchor: section.anchor };
          a.addEventListener("click", function (e) { e.preventDefault(); go(option); });
          li.appendChild(a);
          list.appendChild(li);
          options.push(option);
        });
      });
      if (options.length === 0) {
        var li = document.createElement("li");
        li.className = "hb-no-results";
        li.textContent = say("no_results_for", { query: query });
        if (result.suggestion) {
          // The words around each `{suggestion}`, which is a button that searches for it (at
          // the end, where the words name none).
          var around = say("did_you_mean").split("{suggestion}");
          if (around.length === 1) around.push("");
          around.forEach(function (text, i) {
            if (i > 0) {
              var b = document.createElement("button");
              b.type = "button";
              b.className = "hb-suggestion";
              b.textContent = result.suggestion;
              b.addEventListener("click", function () { input.value = result.suggestion; input.focus(); run(); });
              li.appendChild(b);
            }
            // Chinese and Japanese leave no space after a sentence.
            var gap = /^(ja|zh)\b/i.test(document.documentElement.lang) ? "" : " ";
            if (text || i === 0) li.appendChild(document.createTextNode(i === 0 ? gap + text : text));
          });
        }
        list.appendChild(li);
      }
      // The next pages, below the list (a button is no option of it), the first of them
      // made the active option.
      if (!moreButton) {
        moreButton = document.createElement("button");
        moreButton.type = "button";
        moreButton.className = "hb-more-results";
        moreButton.addEventListener("click", function () {
          var first = options.length;
          limit += 10;
          run().then(function () {
            input.focus();
            if (options[first]) setActive(first);
          });
        });
        list.parentNode.insertBefore(moreButton, list.nextSibling);
      }
      moreButton.textContent = say("more_results");
      moreButton.hidden = !result.more;
      list.setAttribute("data-query", query);
      var count = result.pages.length;
      setStatus(count === 0 ? say("no_results")
        : result.more ? say("pages_shown_more", { n: count }) : sayCount("pages_found", count));
    }
    // How many pages a search shows: ten, and ten more each time the reader asks.
    var limit = 10, limitFor = "", moreButton = null;
    async function run() {
      var query = input.value;
      var mine = ++seq;
      if (!query.trim()) { open(false); setStatus(""); return; }
      fillFilters();
      var asked = query.trim() + "\u0000" + (sectionFilter ? sectionFilter.value : "") + "\u0000" + (audienceFilter ? audienceFilter.value : "");
      if (asked !== limitFor) { limit = 10; limitFor = asked; }
      try {
        var result = await engine.search(query, {
          limit: limit,
          section: sectionFilter ? sectionFilter.value : "",
          audience: audienceFilter ? audienceFilter.value : "",
        });
        if (mine !== seq) return;
        render(result, query.trim());
        open(true);
      } catch (e) {
        if (mine !== seq) return;
        list.textContent = "";
        var li = document.createElement("li");
        li.className = "hb-no-results";
        li.textContent = say("search_unavailable", { error: e.message });
        list.appendChild(li);
        open(true);
      }
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 40); });
    input.addEventListener("focus", function () { if (input.value.trim() && options.length) open(true); });
    [sectionFilter, audienceFilter].forEach(function (f) { if (f) f.addEventListener("change", run); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); if (panel.hidden) run(); else setActive(active + 1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); setActive(active - 1); }
      else if (e.key === "Enter") {
        e.preventDefault();
        clearTimeout(timer);
        var pick = function () { if (options.length) go(options[Math.max(active, 0)]); };
        if (seq === 0 || panel.hidden) run().then(pick); else pick();
      } else if (e.key === "Escape") {
        if (!panel.hidden) open(false); else { input.value = ""; input.blur(); }
      }
    });
    document.addEventListener("keydown", function (e) {
      var t = e.target, editing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if ((e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey)) { e.preventDefault(); input.focus(); input.select(); }
      else if (e.key === "/" && !editing) { e.preventDefault(); input.focus(); input.select(); }
    });
    document.addEventListener("click", function (e) {
      if (!e.target.closest || !e.target.closest(".hb-search")) open(false);
    });
    // So does the focus leaving the search (Tab past the results and filters): the panel
    // would cover what it goes to.
    var searchBox = input.closest(".hb-search");
    if (searchBox) {
      searchBox.addEventListener("focusout", function (e) {
        // (None: a click on the panel's text, or another window; the click above decides.)
        if (e.relatedTarget && !searchBox.contains(e.relatedTarget)) open(false);
      });
    }
    highlightFromUrl();
  }

  // After a search, the words searched for are marked on the page the result led to.
  function highlightFromUrl() {
    var params = new URLSearchParams(window.location.search);
    var hl = params.get("hl");
    var content = document.querySelector("#hb-main .hb-content");
    if (!hl || !content) return;
    var qwords = words(hl).map(function (w) { return { word: w.folded, stem: stem(w.folded), expansions: new Map() }; });
    // The terms the search found the page by besides those stems (a typo's, a prefix's).
    var also = (params.get("hlt") || "").split(" ").filter(Boolean);
    if (qwords.length && also.length) also.forEach(function (term) { qwords[0].expansions.set(term, {}); });
    var matches = matcher(qwords);
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var count = 0;
    nodes.forEach(function (node) {
      if (!node.nodeValue.trim() || node.parentNode.closest("script,style,mark")) return;
      var frag = document.createDocumentFragment();
      appendHighlighted(frag, node.nodeValue, matches);
      var marks = frag.querySelectorAll("mark").length;
      if (marks) {
        Array.from(frag.querySelectorAll("mark")).forEach(function (m) { m.className = "hb-hl"; });
        count += marks;
        node.parentNode.replaceChild(frag, node);
      }
    });
    if (!count) return;
    var bar = document.createElement("p");
    bar.className = "hb-hl-bar";
    bar.setAttribute("role", "status");
    bar.appendChild(document.createTextNode(say("highlighted", { words: hl }) + " "));
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = say("remove_highlights");
    button.addEventListener("click", function () {
      Array.from(content.querySelectorAll("mark.hb-hl")).forEach(function (m) {
        m.replaceWith(document.createTextNode(m.textContent));
      });
      content.normalize();
      bar.remove();
    });
    bar.appendChild(button);
    content.parentNode.insertBefore(bar, content);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})(typeof window !== "undefined" ? window : globalThis);
