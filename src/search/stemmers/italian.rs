//! Our Italian stemmer for folded words (lower case, accents removed): the Snowball Italian
//! algorithm (as in rust-stemmers 1.2.0), with the endings that Snowball writes with an accent (ità,
//! istà) written as folding leaves them, so that stem(fold(word)) is as close as can be to
//! fold(snowball(word)), save for the folded endings left out below.
//! themes/default/stemmers/it.js is the same algorithm for the browser and must give exactly the
//! same stems.
//!
//! Folded endings that clash with other rules, settled by agreement with the accent-aware stems of the
//! Debian Italian word list, except where real text weighs otherwise:
//! - ità (ita) is a standard suffix (attività), tried before the verb ending ita (capita), which
//!   still takes it when it is not in R2.
//! - the future endings erà, irà, erò, irò (era, ira, ero, iro) are left out, though keeping them
//!   agreed on 3,256 more words of the list (3.0%). A word list holds every form of every verb, so
//!   it counts future forms (parlerà, capirò) as often as common nouns; but in real text the nouns
//!   they cut weigh more: folded, these endings split numero from numeri and pensiero, straniero,
//!   sincero from their plurals, and merged lettera with letto, maniera with mano, frontiera with
//!   fronte, barriera with barra, bandiera with bando and banda. Left out, a folded future keeps
//!   its r (parlera: parler). Nouns in -era still part from their plural (lettera: letter,
//!   lettere: lett), as in Snowball with the accents: -ere is the infinitive ending. After an i
//!   it is the plural of an -iera noun (carriera, carriere: carrier), except after gl or p,
//!   where it is a verb's (scegliere, accogliere, compiere: their stems are those of sceglie,
//!   accoglie, compie).
//! - istà, istè, istì fold to ista, iste, isti, which are already standard suffixes.

use super::{drop_in, outside_bmp, rv_start, Regions, Word};

/// Step 0: pronouns that may be fixed to a verb.
const PRONOUNS: &str = "ci gli la le li lo mi ne si ti vi sene gliela gliele glieli glielo gliene \
    cela cele celi celo cene mela mele meli melo mene tela tele teli telo tene vela vele veli velo \
    vene";

/// Step 1 endings, grouped by the rule that removes them (see `Word::standard_suffix`).
const STANDARD: &[(Rule, &str)] = &[
    (
        Rule::R2,
        "anza anze ico ici ica ice iche ichi ismo ismi abile abili ibile ibili ista iste isti oso \
        osi osa ose mente atrice atrici ante anti",
    ),
    (Rule::Azione, "azione azioni atore atori"),
    (Rule::Logia, "logia logie"),
    (Rule::Uzione, "uzione uzioni usione usioni"),
    (Rule::Enza, "enza enze"),
    (Rule::Amento, "amento amenti imento imenti"),
    (Rule::Amente, "amente"),
    (Rule::Ivo, "ivo ivi iva ive"),
    (Rule::Ita, "ita"),
];

/// Step 2: verb endings.
const VERB: &str = "ammo ando ano are arono asse assero assi assimo ata ate ati ato ava avamo \
    avano avate avi avo emmo enda ende endi endo ere erebbe erebbero erei eremmo eremo ereste \
    eresti erete erai eranno erono essero ete eva evamo evano evate evi evo iamo immo isca iscano \
    isce isci isco iscono issero ita ite iti ito iva ivamo ivano ivate ivi ivo ire irebbe irebbero \
    irei iremmo iremo ireste iresti irete irai iranno irono ar ir uta ute uti uto ono";

/// How a step 1 ending is removed.
#[derive(Clone, Copy)]
enum Rule {
    /// Deleted in R2.
    R2,
    /// Deleted in R2, then a preceding ic in R2.
    Azione,
    /// Becomes log in R2.
    Logia,
    /// Becomes u in R2.
    Uzione,
    /// Becomes ente in R2.
    Enza,
    /// Deleted in RV.
    Amento,
    /// Deleted in R1, then a preceding iv (and at before it), os, ic or abil in R2.
    Amente,
    /// Deleted in R2, then a preceding at in R2 (and ic before that).
    Ivo,
    /// ità: deleted in R2, then a preceding abil, ic or iv in R2.
    Ita,
}

/// The vowels; the prelude's upper-case I and U are not among them.
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Stems a folded Italian word.
pub fn stem(word: &str) -> String {
    // Beyond the Basic Multilingual Plane the browser would see two UTF-16 units: leave it as it is.
    if outside_bmp(word) {
        return word.to_string();
    }
    let mut w = Word::new(prelude(word.chars().collect()), is_vowel, |w| {
        rv_start(w, is_vowel)
    });
    attached_pronoun(&mut w);
    if !standard_suffix(&mut w) {
        verb_suffix(&mut w);
    }
    vowel_suffix(&mut w);
    w.finish()
}

/// Step 0: a pronoun fixed to a gerund (-ando, -endo) goes; fixed to an infinitive (-ar, -er,
/// -ir) it becomes e. The verb ending must be in RV.
fn attached_pronoun(w: &mut Word) {
    let Some(p) = w.longest(PRONOUNS.split_whitespace(), 0) else {
        return;
    };
    let keep = w.len() - p.len();
    let by = if ["ando", "endo"].iter().any(|v| w.ends_at(keep, v)) {
        ""
    } else if ["ar", "er", "ir"].iter().any(|v| w.ends_at(keep, v)) {
        "e"
    } else {
        return;
    };
    let verb_start = keep - if by.is_empty() { 4 } else { 2 };
    if verb_start >= w.r.rv {
        w.replace_end(p.len(), by);
    }
}

/// Step 1: standard suffixes, each with its rule. Returns true if one was removed.
fn standard_suffix(w: &mut Word) -> bool {
    let all = STANDARD
        .iter()
        .flat_map(|(_, list)| list.split_whitespace());
    let Some(s) = w.longest(all, 0) else {
        return false;
    };
    let Some(&(rule, _)) = STANDARD
        .iter()
        .find(|(_, list)| list.split_whitespace().any(|e| e == s))
    else {
        return false;
    };
    let n = s.len();
    let Regions { rv, r1, r2 } = w.r;
    match rule {
        Rule::R2 => w.swap(n, r2, ""),
        Rule::Azione => {
            let done = w.swap(n, r2, "");
            if done {
                drop_in(&mut w.chars, &["ic"], r2);
            }
            done
        }
        Rule::Logia => w.swap(n, r2, "log"),
        Rule::Uzione => w.swap(n, r2, "u"),
        Rule::Enza => w.swap(n, r2, "ente"),
        Rule::Amento => w.swap(n, rv, ""),
        Rule::Amente => {
            let done = w.swap(n, r1, "");
            if done && w.ends("iv") {
                if w.swap(2, r2, "") && w.ends("at") {
                    w.swap(2, r2, "");
                }
            } else if done {
                drop_in(&mut w.chars, &["os", "ic", "abil"], r2);
            }
            done
        }
        Rule::Ivo => {
            let done = w.swap(n, r2, "");
            if done && w.ends("at") && w.swap(2, r2, "") {
                drop_in(&mut w.chars, &["ic"], r2);
            }
            done
        }
        Rule::Ita => {
            let done = w.swap(n, r2, "");
            if done {
                drop_in(&mut w.chars, &["abil", "ic", "iv"], r2);
            }
            done
        }
    }
}

/// Step 2, when step 1 removed nothing: verb endings lying in RV go, but -ere after an i
/// that follows neither gl nor p (the plural of an -iera noun: carriere, not scegliere).
fn verb_suffix(w: &mut Word) {
    if let Some(s) = w.longest(VERB.split_whitespace(), w.r.rv) {
        let before = |k: usize| w.chars.len().checked_sub(k).map(|i| w.chars[i]);
        let verb_in_iere =
            before(5) == Some('p') || (before(6), before(5)) == (Some('g'), Some('l'));
        if s == "ere" && before(4) == Some('i') && !verb_in_iere {
            return;
        }
        w.replace_end(s.len(), "");
    }
}

/// Step 3: a final a, e, i or o in RV goes, and then an i before it in RV; a final ch or gh in
/// RV loses its h.
fn vowel_suffix(w: &mut Word) {
    let rv = w.r.rv;
    let final_aeio = matches!(w.chars.last(), Some('a' | 'e' | 'i' | 'o'));
    if final_aeio && w.swap(1, rv, "") && w.ends("i") {
        w.swap(1, rv, "");
    }
    if w.ends("ch") || w.ends("gh") {
        w.swap(1, rv + 1, "");
    }
}

/// Prelude: the u after q, and a u or i between two vowels, become upper case, i.e. consonants.
/// Left to right, so a letter just changed no longer counts as a vowel.
fn prelude(mut a: Vec<char>) -> Vec<char> {
    for p in 1..a.len() {
        if a[p - 1] == 'q' && a[p] == 'u' {
            a[p] = 'U';
        }
    }
    let vowel_at = |a: &[char], i: usize| a.get(i).is_some_and(|&c| is_vowel(c));
    for p in 0..a.len() {
        if is_vowel(a[p]) && matches!(a.get(p + 1), Some('u' | 'i')) && vowel_at(&a, p + 2) {
            a[p + 1] = a[p + 1].to_ascii_uppercase();
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn forms_of_a_verb_share_a_stem() {
        for word in ["capire", "capirai", "capiranno", "capisco"] {
            assert_eq!(stem(word), "cap", "{word}");
        }
        assert_eq!(stem("parlerai"), stem("parlare"));
    }

    #[test]
    fn nouns_are_not_cut_as_future_forms() {
        // The folded future endings (era, ira, ero, iro) are left out.
        for (singular, plural) in [
            ("numero", "numeri"),
            ("pensiero", "pensieri"),
            ("straniero", "stranieri"),
            ("sincero", "sinceri"),
            ("sospiro", "sospiri"),
            // -ere after an i is the plural of an -iera noun, not an infinitive.
            ("carriera", "carriere"),
            ("maniera", "maniere"),
            // ... but after gl or p, -iere is a verb's infinitive.
            ("scegliere", "sceglie"),
            ("accogliere", "accoglie"),
            ("compiere", "compie"),
        ] {
            assert_eq!(stem(singular), stem(plural), "{singular}");
        }
        assert_eq!(stem("numero"), "numer");
        assert_eq!(stem("parlera"), "parler");
        for (a, b) in [
            ("lettera", "letto"),
            ("maniera", "mano"),
            ("maniera", "mani"),
            ("frontiera", "fronte"),
            ("barriera", "barra"),
            ("bandiera", "bando"),
            ("bandiera", "banda"),
            ("carriera", "carro"),
        ] {
            assert_ne!(stem(a), stem(b), "{a} {b}");
        }
    }

    #[test]
    fn folded_accented_suffixes() {
        assert_eq!(stem("attivita"), stem("attivo"));
        assert_eq!(stem("presero"), "preser");
        assert_eq!(stem("mangiarlo"), stem("mangiare"));
    }

    #[test]
    fn other_scripts_do_not_panic() {
        assert_eq!(stem("пример"), "пример");
        assert_eq!(stem("capi𝒳ra"), "capi𝒳ra");
        assert_eq!(stem(""), "");
        for word in ["a", "qu", "è", "ci", "arlo", "ando"] {
            stem(word);
        }
    }
}
