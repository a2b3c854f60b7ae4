//! Our Spanish stemmer for search: the Snowball Spanish algorithm (as in rust-stemmers 1.2.0)
//! rewritten for folded words (lower case, accents removed), since the index and the search box
//! only ever stem folded words. `themes/default/stemmers/es.js` is the same algorithm for the
//! browser; the two must give identical stems for every word, so change them together.

use super::{drop_in, ends_with, longest, outside_bmp, rv_start, Regions, Table};

/// Stems one folded word (lower case, accents removed). Never panics; words holding a character
/// outside the Basic Multilingual Plane are returned unchanged, as the JavaScript side does.
pub fn stem(word: &str) -> String {
    if outside_bmp(word) {
        return word.to_owned();
    }
    let original: Vec<char> = word.chars().collect();
    // The regions are measured on the whole word; deleting endings never moves them.
    let r = Regions::of(&original, is_vowel, |w| rv_start(w, is_vowel));
    let mut w = original;
    attached_pronoun(&mut w, &r);
    if !standard_suffix(&mut w, &r) && !y_verb_suffix(&mut w, &r) {
        verb_suffix(&mut w, &r);
    }
    residual_suffix(&mut w, &r);
    w.into_iter().collect()
}

/// Snowball's vowels include á é í ó ú ü; folded, they are these five.
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

const PRONOUNS: &Table = &[(1, "me se sela selo selas selos la le lo las les los nos")];
/// Kind 2 only counts after a u. (Snowball's -ándo, -iéndo, -ár, -ér, -ír fold to these.)
const BEFORE_PRONOUN: &Table = &[(1, "ando iendo ar er ir"), (2, "yendo")];

/// Step 0: an attached pronoun goes when it follows -ando, -iendo, -ar, -er, -ir (or -yendo
/// after u) and that ending lies in RV.
fn attached_pronoun(w: &mut Vec<char>, r: &Regions) {
    let Some((base_len, _)) = longest(w, PRONOUNS, 0) else {
        return;
    };
    let Some((at, kind)) = longest(&w[..base_len], BEFORE_PRONOUN, 0) else {
        return;
    };
    if at >= r.rv && (kind == 1 || (at > 0 && w[at - 1] == 'u')) {
        w.truncate(base_len);
    }
}

/// Step 1 suffixes. Kinds: 1 delete in R2; 2 delete in R2, then -ic in R2; 3 -> u (in R2);
/// 4 -> ente (in R2); 5 -amente in R1, then -iv (then -at), -os, -ic, -ad in R2; 6 -mente in
/// R2, then -ante, -able, -ible in R2; 7 -idad(es) in R2, then -abil, -ic, -iv in R2; 8 -iva,
/// -ivo(s) in R2, then -at in R2; 9 -> log (in R2). Folded forms: -acion (-ación), -ucion
/// (-ución), -logia(s) (-logía(s)).
const STANDARD: &Table = &[
    (
        1,
        concat!(
            "anza anzas ica ico icas icos ismo ismos able ables ible ibles ista istas osa oso ",
            "osas osos amiento amientos imiento imientos",
        ),
    ),
    (
        2,
        "adora ador adoras adores ancia ancias ante antes acion aciones",
    ),
    (3, "ucion uciones"),
    (4, "encia encias"),
    (5, "amente"),
    (6, "mente"),
    (7, "idad idades"),
    (8, "iva ivo ivas ivos"),
    (9, "logia logias"),
];

/// Step 1: the longest standard suffix; if its region test fails the step does nothing.
fn standard_suffix(w: &mut Vec<char>, r: &Regions) -> bool {
    let Some((at, kind)) = longest(w, STANDARD, 0) else {
        return false;
    };
    if at < if kind == 5 { r.r1 } else { r.r2 } {
        return false;
    }
    w.truncate(at);
    match kind {
        2 => drop_in(w, &["ic"], r.r2),
        3 => w.push('u'),
        4 => w.extend("ente".chars()),
        5 => after_amente(w, r),
        6 => drop_in(w, &["ante", "able", "ible"], r.r2),
        7 => drop_in(w, &["abil", "ic", "iv"], r.r2),
        8 => drop_in(w, &["at"], r.r2),
        9 => w.extend("log".chars()),
        _ => {}
    }
    true
}

/// After -amente: -iv in R2 (and then -at in R2), or else -ic, -ad, -os in R2.
fn after_amente(w: &mut Vec<char>, r: &Regions) {
    if ends_with(w, "iv") && w.len() - 2 >= r.r2 {
        w.truncate(w.len() - 2);
        drop_in(w, &["at"], r.r2);
    } else {
        drop_in(w, &["ic", "ad", "os"], r.r2);
    }
}

const Y_VERB: &Table = &[(1, "ya ye yan yen yeron yendo yo yas yes yais yamos")];

/// Step 2a: verb forms beginning with y, inside RV, go when a u precedes them (-yó folds to -yo).
fn y_verb_suffix(w: &mut Vec<char>, r: &Regions) -> bool {
    match longest(w, Y_VERB, r.rv) {
        Some((at, _)) if at > 0 && w[at - 1] == 'u' => {
            w.truncate(at);
            true
        }
        _ => false,
    }
}

/// Step 2b endings. Kind 1: after deleting, a u that follows g goes too.
/// Folding clashes, settled by which choice matches the accent-aware stemmer on more words of the
/// Spanish word list (mostly lemmas):
/// - -ía(s) against plain -ia: historia, gracia, memoria far outnumber tenía, so -ia, -ias and,
///   to treat the family alike, -ian, -iais, -iamos are left out (cambian, cambiamos are plain
///   -ar forms too); -aria(s) likewise (necesaria). -ería, -iría and their forms stay (minería).
/// - -ió against plain -io (medio, comercio): left out.
/// - -ará, -erá, -irá and -aré, -eré, -iré against nouns and subjunctives (primera, mira,
///   compare): -era(s), -eran, -ira(s), -iran, -are, -ere, -ire left out; -ara(s), -aran were
///   plain endings already and stay.
/// - -ís against plain -is (crisis, analisis): left out. A final -í (step 3) likewise (taxi).
///
/// Nouns in -án, -én, -és (sultan, almacen, ingles) lose to the plain verb endings -an, -en,
/// -es; the word list has almost no verb forms, so those endings are kept as the algorithm has them.
const VERB: &Table = &[
    (1, "en es emos eis"),
    (
        2,
        concat!(
            "aba ada ida ara iera ad ed id ase iese aste iste an aban aran ieran asen iesen ",
            "aron ieron ado ido ando iendo ar er ir as abas adas idas aras ieras ases ieses ",
            "abais arais ierais aseis ieseis asteis isteis ados idos amos aremos eremos ",
            "iremos imos eria iria arian erian irian erias irias ariais eriais iriais ais ",
            "areis ereis ireis abamos aramos ieramos ariamos eriamos iriamos asemos iesemos",
        ),
    ),
];

/// Step 2b: the longest verb ending that lies wholly in RV is deleted; after kind 1 a u that
/// follows g goes too (the u need not be in RV).
fn verb_suffix(w: &mut Vec<char>, r: &Regions) {
    if let Some((mut at, kind)) = longest(w, VERB, r.rv) {
        if kind == 1 && at >= 2 && w[at - 1] == 'u' && w[at - 2] == 'g' {
            at -= 1;
        }
        w.truncate(at);
    }
}

/// Step 3: a final -os, -a, -o in RV goes; so does a final -e in RV, and then a u in RV after g.
fn residual_suffix(w: &mut Vec<char>, r: &Regions) {
    let n = w.len();
    if ends_with(w, "os") {
        if n - 2 >= r.rv {
            w.truncate(n - 2);
        }
    } else if (ends_with(w, "a") || ends_with(w, "o")) && n > r.rv {
        w.truncate(n - 1);
    } else if ends_with(w, "e") && n > r.rv {
        w.truncate(n - 1);
        if ends_with(w, "gu") && n - 2 >= r.rv {
            w.truncate(n - 2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn singular_and_plural_share_a_stem() {
        assert_eq!(stem("informacion"), "inform");
        assert_eq!(stem("informaciones"), "inform");
        assert_eq!(stem("solucion"), stem("soluciones"));
        assert_eq!(stem("biologia"), stem("biologias"));
    }

    #[test]
    fn follows_snowball_on_plain_words() {
        assert_eq!(stem("rapidamente"), "rapid");
        assert_eq!(stem("diciendole"), "dic");
        assert_eq!(stem("historia"), "histori");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for w in [
            "",
            "a",
            "u",
            "gue",
            "яблоко",
            "ñandu",
            "x\u{1F600}cion",
            "\u{10400}",
            "123",
        ] {
            let _ = stem(w);
        }
        assert_eq!(stem("x\u{1F600}aciones"), "x\u{1F600}aciones");
    }
}
