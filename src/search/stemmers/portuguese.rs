//! Our Portuguese stemmer for search: the Snowball Portuguese algorithm (as in rust-stemmers
//! 1.2.0) rewritten for folded words (lower case, accents removed), since the index and the search
//! box only ever stem folded words. `themes/default/stemmers/pt.js` is the same algorithm for the
//! browser; the two must give identical stems for every word, so change them together.

use super::{drop_in, ends_with, longest, longest_where, outside_bmp, rv_start, Regions, Table};

/// Stems one folded word (lower case, accents removed). Never panics; words holding a character
/// outside the Basic Multilingual Plane are returned unchanged, as the JavaScript side does.
pub fn stem(word: &str) -> String {
    if outside_bmp(word) {
        return word.to_owned();
    }
    let mut original: Vec<char> = word.chars().collect();
    as_singular(&mut original);
    let nasal = nasal_at(&original);
    if let Some(at) = nasal {
        original.insert(at, '~');
    }
    // The regions are measured on the whole word; deleting endings never moves them.
    let r = Regions::of(&original, is_vowel, |w| rv_start(w, is_vowel));
    let mut w = original;
    if standard_suffix(&mut w, &r) || verb_suffix(&mut w, &r) {
        // Step 3: after step 1 or 2 removed something, an i in RV that follows c goes.
        if ends_with(&w, "ci") && w.len() > r.rv {
            w.pop();
        }
    } else {
        residual_suffix(&mut w, &r);
    }
    residual_form(&mut w, &r);
    // Endings only ever shrink the word or add plain letters, so a '~' still at the marker's
    // place is the marker.
    if let Some(at) = nasal {
        if w.get(at) == Some(&'~') {
            w.remove(at);
        }
    }
    w.into_iter().collect()
}

/// Snowball's vowels include á é í ó ú â ê ô; folded, they are these five. The nasal marker '~'
/// is not a vowel.
fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Reads a plural -ões, -ães, -ãos (folded -oes, -aes, -aos) as the singular -ão (-ao) it comes
/// from, so that reuniões and reunião, ações and ação, promoções and promoção stem alike (Snowball
/// stems the plural to -õ but the singular to -ã, unless step 1 takes -ação from both, which it
/// does only where that ending lies in R2). Guards, from a Portuguese word list: the word has at
/// least five letters (pões, voes, soes, does would become pão, vão, são, dão, while mães, cães,
/// mãos already stem as mão, cão), and -poes stays, being nearly always a form of pôr (compões,
/// dispões, which then stem with compõe) rather than a plural of a -pão noun (tampões).
fn as_singular(w: &mut Vec<char>) {
    if w.len() >= 5
        && !ends_with(w, "poes")
        && ["oes", "aes", "aos"].iter().any(|e| ends_with(w, e))
    {
        w.truncate(w.len() - 3);
        w.extend(['a', 'o']);
    }
}

/// Snowball writes ã and õ as "a~" and "o~" while stemming. Folding has dropped the tilde, but at
/// the end of a word -ao, -aos, -aes, -oes are nearly always -ão, -ãos, -ães, -ões (não, mãos,
/// pães, lições), so the marker goes back in there: this is where.
fn nasal_at(w: &[char]) -> Option<usize> {
    ["ao", "aos", "aes", "oes"]
        .iter()
        .find(|e| ends_with(w, e))
        .map(|e| w.len() - e.len() + 1)
}

/// Step 1 suffixes. Kinds: 1 delete in R2; 2 -> log (in R2); 3 -> u (in R2); 4 -> ente (in R2);
/// 5 -amente in R1, then -iv (then -at), -os, -ic, -ad in R2; 6 -mente in R2, then -ante, -avel
/// in R2; 7 -idade(s) in R2, then -abil, -ic, -iv in R2; 8 -iva, -ivo(s) in R2, then -at in R2;
/// 9 -ira(s) in RV after e -> ir. Folded forms: -avel, -ivel (-ável, -ível), -ancia (-ância),
/// -aca~o, -aco~es (-ação, -ações), -uca~o, -uco~es (-ução, -uções), -encia(s) (-ência(s)).
/// After -mente, Snowball's -ível never matches a folded word and plain -ivel is how adverbs are
/// spelt (possivelmente), so only -ante and -avel are tried there.
const STANDARD: &Table = &[
    (
        1,
        concat!(
            "eza ezas ico ica icos icas ismo ismos avel ivel ista istas oso osa osos osas amento ",
            "amentos imento imentos adora ador adoras adores ante antes ancia aca~o aco~es",
        ),
    ),
    (2, "logia logias"),
    (3, "uca~o uco~es"),
    (4, "encia encias"),
    (5, "amente"),
    (6, "mente"),
    (7, "idade idades"),
    (8, "iva ivo ivas ivos"),
    (9, "ira iras"),
];

/// Step 1: the longest standard suffix; if its region test (or, for -ira, its e) fails the step
/// does nothing.
fn standard_suffix(w: &mut Vec<char>, r: &Regions) -> bool {
    let Some((at, kind)) = longest(w, STANDARD, 0) else {
        return false;
    };
    let region = match kind {
        5 => r.r1,
        9 => r.rv,
        _ => r.r2,
    };
    if at < region || (kind == 9 && (at == 0 || w[at - 1] != 'e')) {
        return false;
    }
    w.truncate(at);
    match kind {
        2 => w.extend("log".chars()),
        3 => w.push('u'),
        4 => w.extend("ente".chars()),
        5 => after_amente(w, r),
        6 => drop_in(w, &["ante", "avel"], r.r2),
        7 => drop_in(w, &["abil", "ic", "iv"], r.r2),
        8 => drop_in(w, &["at"], r.r2),
        9 => w.extend("ir".chars()),
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

/// Step 2 endings. Folded forms of the accented endings are added (-áveis -> -aveis, -íamos ->
/// -iamos, -arão -> -ara~o...), except two that clash: Snowball spells -ésseis and -éramos with é,
/// but Portuguese writes -êsseis, -êramos, so the accent-aware stemmer never takes them; folded,
/// they would take the plain -esseis, -eramos of other words, so they are left out.
/// Kind 2 endings begin with an i that, right after a vowel, is nearly always an accented í
/// (caída, possuído, contribuísse), which Snowball's plain endings do not match: after a vowel
/// they are not taken.
const VERB: &Table = &[
    (
        1,
        concat!(
            "ada ia aria eria iria ara era ira ava asse esse aste este ei arei erei irei am iam ",
            "ariam eriam iriam aram eram iram avam em arem erem irem assem essem ado ando endo ",
            "indo ara~o era~o ira~o ar er ir as adas ias arias erias irias aras eras iras avas es ",
            "ardes erdes ares eres ires asses esses astes estes is ais eis areis ereis ireis ",
            "asseis isseis aveis ieis arieis erieis irieis ados amos aramos iramos avamos iamos ",
            "ariamos eriamos iriamos emos aremos eremos iremos assemos essemos issemos armos ",
            "ermos irmos eu iu ou",
        ),
    ),
    (
        2,
        "ida ido idas idos isse isses issem iste istes irdes imos",
    ),
];

/// Step 2: when step 1 removed nothing, the longest verb ending that lies wholly in RV goes.
fn verb_suffix(w: &mut Vec<char>, r: &Regions) -> bool {
    let not_after_vowel = |at: usize, kind: u8| kind != 2 || at == 0 || !is_vowel(w[at - 1]);
    let Some((at, _)) = longest_where(w, VERB, r.rv, not_after_vowel) else {
        return false;
    };
    w.truncate(at);
    true
}

/// Step 4 (when steps 1 and 2 removed nothing): a final -os, -a, -i, -o in RV goes.
fn residual_suffix(w: &mut Vec<char>, r: &Regions) {
    let n = w.len();
    if ends_with(w, "os") {
        if n - 2 >= r.rv {
            w.truncate(n - 2);
        }
    } else if matches!(w.last(), Some('a' | 'i' | 'o')) && n > r.rv {
        w.truncate(n - 1);
    }
}

/// Step 5: a final -e in RV goes, and then a u after g, or an i after c, if that is in RV too.
fn residual_form(w: &mut Vec<char>, r: &Regions) {
    let n = w.len();
    if w.last() != Some(&'e') || n <= r.rv {
        return;
    }
    w.truncate(n - 1);
    if (ends_with(w, "gu") || ends_with(w, "ci")) && n - 2 >= r.rv {
        w.truncate(n - 2);
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn singular_and_plural_share_a_stem() {
        assert_eq!(stem("avaliacao"), "avali");
        assert_eq!(stem("avaliacoes"), "avali");
        assert_eq!(stem("informacao"), stem("informacoes"));
        assert_eq!(stem("organizacao"), stem("organizacoes"));
        assert_eq!(stem("pao"), stem("paes"));
    }

    #[test]
    fn plurals_of_ao_nouns_stem_as_the_singular() {
        for (one, many) in [
            ("reuniao", "reunioes"),
            ("decisao", "decisoes"),
            ("questao", "questoes"),
            ("sessao", "sessoes"),
            ("padrao", "padroes"),
            ("promocao", "promocoes"),
            ("acao", "acoes"),
            ("alemao", "alemaes"),
            ("irmao", "irmaos"),
            ("mao", "maos"),
        ] {
            assert_eq!(stem(one), stem(many), "{one} {many}");
        }
        assert_eq!(stem("reunioes"), "reunia");
        assert_eq!(stem("avaliacoes"), "avali");
    }

    #[test]
    fn short_words_and_forms_of_por_keep_their_plural() {
        // pões (you put) and voes (you fly) are no forms of pão (bread) and vão (they go).
        assert_ne!(stem("poes"), stem("pao"));
        assert_ne!(stem("voes"), stem("vao"));
        assert_eq!(stem("compoes"), stem("compoe"));
    }

    #[test]
    fn follows_snowball_on_folded_words() {
        assert_eq!(stem("caida"), "caid");
        // Snowball stems não to nã, and so do we once the tilde is put back.
        assert_eq!(stem("nao"), "na");
        assert_eq!(stem("frequentemente"), "frequent");
        assert_eq!(stem("falaveis"), "fal");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for w in [
            "",
            "a",
            "ao",
            "~",
            "a~o",
            "яблоко",
            "ç",
            "x\u{1F600}cao",
            "\u{10400}",
            "123",
        ] {
            let _ = stem(w);
        }
        assert_eq!(stem("x\u{1F600}acoes"), "x\u{1F600}acoes");
    }
}
