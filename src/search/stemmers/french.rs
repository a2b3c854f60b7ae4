//! Our French stemmer for folded words (lower case, accents removed): the Snowball French algorithm
//! (as in rust-stemmers 1.2.0), with the endings that Snowball writes with an accent (ité, é, ée,
//! ées, ière...) written as folding leaves them, so that stem(fold(word)) is as close as can be to
//! fold(snowball(word)), save for the folded endings left out below. themes/default/stemmers/fr.js
//! is the same algorithm for the browser and must give exactly the same stems.
//!
//! Folded endings that clash with other rules, settled by agreement with the accent-aware stems of the
//! Debian French word list, except where real text weighs otherwise:
//! - é and és (verb endings) are left out: folded to e and es they would take the final e of
//!   première, premières before the residual step turns -ière into i. A final e and es still go in
//!   step 4. The one exception: after oy and uy (employé, essuyés) they are verb endings, so y
//!   becomes i.
//! - ée, ées are kept (ee, ees).
//! - èrent, âmes, âtes, ât (step 2b) and îmes (step 2a) are left out (erent, ames, ates, at, imes),
//!   though keeping them agreed on 25,104 more words of the list (7.7%). A word list holds every
//!   form of every verb, so it counts these passé simple and imperfect subjunctive forms (aimèrent,
//!   aimâmes, aimât, finîmes) as often as common nouns; but modern prose hardly writes them, while
//!   the nouns they cut are common: folded, these endings split candidat from candidats and
//!   résultat from résultats, merged contrat with contre, format with forme, candidat with
//!   candide, débat with débit, split victime from victimes, and cut différent to diff. Left
//!   out, those rare forms keep a stem of their own (aimerent, aimat).
//! - ité, ités (ite, ites) are kept in step 1 though favorite, sites lose them.
//! - îtes (ites) is left out of step 2a, though keeping it would agree on 92 more words (0.03%):
//!   those are rare past forms (finîtes), while it split common plurals from their singular
//!   (qualités, limites, petites, mérites lost -ites: qualit but qual).
//! - the e that Snowball drops before -a, -ai, -ant... goes only after g (mangeait): after any other
//!   letter it was an é (créa, agréait), which Snowball keeps.
//! - è in the letters that keep a final s (après) is left out: folded, it would keep every plural -es.

use super::{outside_bmp, Regions, Word};

/// Step 1 endings (plural and singular forms share a rule: see `Word::standard_suffix`).
const STANDARD: &str = "ance iqUe isme able iste eux ances iqUes ismes ables istes atrice ateur \
    ation atrices ateurs ations logie logies usion ution usions utions ence ences ement ements ite \
    ites if ive ifs ives eaux aux euse euses issement issements amment emment ment ments";

/// Step 2a: endings of the -ir verbs.
const I_VERB: &str = "i ie ies ir ira irai irais irait iraIent iras irent irez iriez irions \
    irons iront is isse isses issais issait issaIent issant issante issantes issants issent issez \
    issiez issions issons it";

/// Step 2b: other verb endings.
const VERB: &str = "ions er era erai erais erait eraIent eras erez eriez erions erons eront ez \
    iez ee ees a ai aIent ais ait ant ante antes ants as asse assent asses assiez assions";

/// Step 4 endings.
const RESIDUAL: &str = "ion ier Ier iere Iere e";

/// Step 5: endings whose last letter goes.
const DOUBLED: &str = "enn onn ett ell eill";

/// The vowels; the prelude's upper-case I, U and Y are not among them.
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Stems a folded French word.
pub fn stem(word: &str) -> String {
    // Beyond the Basic Multilingual Plane the browser would see two UTF-16 units: leave it as it is.
    if outside_bmp(word) {
        return word.to_string();
    }
    let mut w = Word::new(prelude(word.chars().collect()), is_vowel, start_of_rv);
    if standard_suffix(&mut w) || i_verb_suffix(&mut w) || verb_suffix(&mut w) {
        // Step 3: a final Y left by a removed ending is an i.
        if w.ends("Y") {
            w.replace_end(1, "i");
        }
    } else {
        residual_suffix(&mut w);
    }
    undouble(&mut w);
    w.finish()
}

/// Whether the letter before index `at` is a vowel.
fn vowel_before(w: &Word, at: usize) -> bool {
    at > 0 && w.chars.get(at - 1).is_some_and(|&c| is_vowel(c))
}

/// Step 1: standard suffixes. Returns true if one was removed, which skips step 2. The endings
/// amment, emment and ment(s) are changed but return false, so step 2 still runs after them.
fn standard_suffix(w: &mut Word) -> bool {
    let Some(s) = w.longest(STANDARD.split_whitespace(), 0) else {
        return false;
    };
    let n = s.chars().count();
    let at = w.len() - n;
    let Regions { rv, r1, r2 } = w.r;
    match s.strip_suffix('s').unwrap_or(s) {
        "ance" | "iqUe" | "isme" | "able" | "iste" | "eux" => w.swap(n, r2, ""),
        "atrice" | "ateur" | "ation" => {
            let done = w.swap(n, r2, "");
            if done {
                ic_before(w);
            }
            done
        }
        "logie" => w.swap(n, r2, "log"),
        "usion" | "ution" => w.swap(n, r2, "u"),
        "ence" => w.swap(n, r2, "ent"),
        "ement" => {
            let done = w.swap(n, rv, "");
            if done {
                after_ement(w);
            }
            done
        }
        "ite" => {
            let done = w.swap(n, r2, "");
            if done {
                after_ite(w);
            }
            done
        }
        "if" | "ive" => {
            let done = w.swap(n, r2, "");
            if done && w.ends("at") && w.swap(2, r2, "") {
                ic_before(w);
            }
            done
        }
        "eaux" => w.swap(n, 0, "eau"),
        "aux" => w.swap(n, r1, "al"),
        "euse" => w.swap(n, r2, "") || w.swap(n, r1, "eux"),
        "issement" => at >= r1 && !vowel_before(w, at) && w.swap(n, r1, ""),
        "amment" => {
            w.swap(n, rv, "ant");
            false
        }
        "emment" => {
            w.swap(n, rv, "ent");
            false
        }
        "ment" => {
            if at > rv && vowel_before(w, at) {
                w.replace_end(n, "");
            }
            false
        }
        _ => false,
    }
}

/// A final "ic" (left once -ation, -ateur, -ative... are gone) goes if in R2, else becomes iqU.
fn ic_before(w: &mut Word) {
    if w.ends("ic") && !w.swap(2, w.r.r2, "") {
        w.replace_end(2, "iqU");
    }
}

/// What may go once -ement is gone: iv (and then at), eus (or eus becomes eux), abl, iqU; and
/// ier (from ièr: entièrement) becomes i.
fn after_ement(w: &mut Word) {
    let Regions { rv, r1, r2 } = w.r;
    if w.ends("iv") {
        if w.swap(2, r2, "") && w.ends("at") {
            w.swap(2, r2, "");
        }
    } else if w.ends("eus") {
        if !w.swap(3, r2, "") {
            w.swap(3, r1, "eux");
        }
    } else if w.ends("abl") || w.ends("iqU") {
        w.swap(3, r2, "");
    } else if w.ends("ier") || w.ends("Ier") {
        w.swap(3, rv, "i");
    }
}

/// What may go once -ite (ité) is gone: abil (or it becomes abl), ic (or it becomes iqU), iv.
fn after_ite(w: &mut Word) {
    let r2 = w.r.r2;
    if w.ends("abil") {
        if !w.swap(4, r2, "") {
            w.replace_end(4, "abl");
        }
    } else if w.ends("ic") {
        if !w.swap(2, r2, "") {
            w.replace_end(2, "iqU");
        }
    } else if w.ends("iv") {
        w.swap(2, r2, "");
    }
}

/// Step 2a: verb endings of the -ir verbs, lying in RV and after a non-vowel that is in RV too.
fn i_verb_suffix(w: &mut Word) -> bool {
    let Some(s) = w.longest(I_VERB.split_whitespace(), w.r.rv) else {
        return false;
    };
    let n = s.chars().count();
    let at = w.len() - n;
    if at > w.r.rv && !vowel_before(w, at) {
        w.replace_end(n, "");
        return true;
    }
    false
}

/// Step 2b: other verb endings in RV. -ions needs R2; the -a... endings also take an e before
/// them, if it is in RV and follows a g. After oY or uY a final e or es is a verb ending too.
fn verb_suffix(w: &mut Word) -> bool {
    let s = w
        .longest(VERB.split_whitespace(), w.r.rv)
        .or_else(|| ending_after_oy_uy(w));
    let Some(s) = s else {
        return false;
    };
    let n = s.chars().count();
    if w.len() - n < w.r.rv {
        return false;
    }
    if s == "ions" {
        return w.swap(n, w.r.r2, "");
    }
    w.replace_end(n, "");
    if s.starts_with('a') && w.ends("ge") {
        w.swap(1, w.r.rv, "");
    }
    true
}

/// "e" or "es" if the word ends in oYe, uYe, oYes or uYes (folded -yé, -yés).
fn ending_after_oy_uy(w: &Word) -> Option<&'static str> {
    let s = if w.ends("Yes") { "es" } else { "e" };
    let n = s.chars().count() + 1;
    let ok = w.ends(s)
        && w.len() > n
        && w.chars[w.len() - n] == 'Y'
        && matches!(w.chars[w.len() - n - 1], 'o' | 'u');
    ok.then_some(s)
}

/// Step 4, when steps 1 and 2 removed nothing: a final s goes unless after a, i, o, u or s;
/// then, in RV: -ion after s or t (and in R2) goes, -ier and -iere become i, a final e goes.
fn residual_suffix(w: &mut Word) {
    let n = w.len();
    if n > 1 && w.ends("s") && !matches!(w.chars[n - 2], 'a' | 'i' | 'o' | 'u' | 's') {
        w.chars.pop();
    }
    let Some(s) = w.longest(RESIDUAL.split_whitespace(), w.r.rv) else {
        return;
    };
    let n = s.chars().count();
    let at = w.len() - n;
    match s {
        "ion" => {
            let after_s_or_t = at > 0 && matches!(w.chars[at - 1], 's' | 't');
            if at >= w.r.r2 && at > w.r.rv && after_s_or_t {
                w.replace_end(n, "");
            }
        }
        "e" => w.replace_end(n, ""),
        _ => w.replace_end(n, "i"),
    }
}

/// Step 5: enn, onn, ett, ell and eill lose their last letter.
fn undouble(w: &mut Word) {
    if DOUBLED.split(' ').any(|e| w.ends(e)) {
        w.chars.pop();
    }
}

/// Prelude: a u or i between two vowels, a y before or after a vowel, and a u after q become upper
/// case, i.e. consonants. Left to right, so a letter just changed no longer counts as a vowel.
fn prelude(mut a: Vec<char>) -> Vec<char> {
    let vowel_at = |a: &[char], i: usize| a.get(i).is_some_and(|&c| is_vowel(c));
    for p in 0..a.len() {
        let c = a[p];
        let next = a.get(p + 1).copied();
        if is_vowel(c) && matches!(next, Some('u' | 'i')) && vowel_at(&a, p + 2) {
            a[p + 1] = a[p + 1].to_ascii_uppercase();
        } else if is_vowel(c) && next == Some('y') {
            a[p + 1] = 'Y';
        } else if c == 'y' && next.is_some_and(is_vowel) {
            a[p] = 'Y';
        } else if c == 'q' && next == Some('u') {
            a[p + 1] = 'U';
        }
    }
    a
}

/// RV begins after the third letter if the word starts with two vowels or with par, col or tap;
/// otherwise after the first vowel that is not the first letter (it is empty if there is none).
fn start_of_rv(w: &[char]) -> usize {
    let two_vowels = w.len() > 2 && is_vowel(w[0]) && is_vowel(w[1]);
    let special = ["par", "col", "tap"]
        .iter()
        .any(|p| w.iter().copied().take(3).eq(p.chars()));
    if two_vowels || special {
        return 3;
    }
    (1..w.len())
        .find(|&i| is_vowel(w[i]))
        .map_or(w.len(), |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn forms_of_a_verb_share_a_stem() {
        for word in ["aimer", "aimee", "aimees", "aime", "aimerai", "aimait"] {
            assert_eq!(stem(word), "aim", "{word}");
        }
    }

    #[test]
    fn nouns_are_not_cut_as_rare_verb_forms() {
        // The folded passé simple endings (at, ates, ames, imes, erent) are left out.
        for (singular, plural) in [
            ("candidat", "candidats"),
            ("resultat", "resultats"),
            ("contrat", "contrats"),
            ("victime", "victimes"),
            ("intime", "intimes"),
            ("date", "dates"),
            ("different", "differents"),
        ] {
            assert_eq!(stem(singular), stem(plural), "{singular}");
        }
        assert_eq!(stem("resultat"), "resultat");
        assert_eq!(stem("different"), "different");
        for (a, b) in [
            ("contrat", "contre"),
            ("format", "forme"),
            ("candidat", "candide"),
            ("debat", "debit"),
        ] {
            assert_ne!(stem(a), stem(b), "{a} {b}");
        }
    }

    #[test]
    fn folded_accented_suffixes() {
        assert_eq!(stem("qualite"), stem("qualites"));
        assert_eq!(stem("premiere"), "premi");
        assert_eq!(stem("employe"), "emploi");
        assert_eq!(stem("mangeait"), "mang");
        assert_eq!(stem("premierement"), "premi");
        assert_eq!(stem("qualites"), "qualit");
    }

    #[test]
    fn other_scripts_do_not_panic() {
        assert_eq!(stem("пример"), "пример");
        assert_eq!(stem("ai𝒳ees"), "ai𝒳ees");
        assert_eq!(stem(""), "");
        for word in ["y", "qu", "é", "eaux", "ions", "ment"] {
            stem(word);
        }
    }
}
