//! The words of the interface (the header, the page's details, the pager, the search box, the
//! copy button...) in the handbook's language.
//!
//! `[book] language` (or the language an MkDocs, Hugo, Zola or Docusaurus site names) picks a
//! built-in translation, `themes/default/i18n/<language>.toml`: the whole tag (`pt-br`), else
//! its first part (`de` for `de-AT`); any other language keeps the English words. A
//! `[translations]` table in book.toml replaces any of them (`previous = "Back"`), in any
//! language. Templates read them as `ui.<key>`; the theme's scripts get the ones they show
//! written into them ([`Ui::patch_script`]).
//!
//! A word with a number has two keys, `<key>_one` and `<key>_other`; `{n}` is the number, and
//! `{term}`, `{query}`, `{site}`... the other values, as each key's English text shows.

use std::collections::BTreeMap;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

macro_rules! texts {
    ($($variant:ident = $key:literal $english:literal;)*) => {
        /// A word (or sentence) of the interface.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Text {
            $($variant,)*
        }

        /// Every key, in the order of [`Text`], with its English text.
        pub const TEXTS: &[(&str, &str)] = &[$(($key, $english),)*];
    };
}

texts! {
    SkipToContent = "skip_to_content" "Skip to content";
    Menu = "menu" "Menu";
    SearchLabel = "search_label" "Search the handbook";
    SearchPlaceholder = "search_placeholder" "Search ( / )";
    FilterBySection = "filter_by_section" "Filter by section";
    AllSections = "all_sections" "All sections";
    FilterByAudience = "filter_by_audience" "Filter by audience";
    AllAudiences = "all_audiences" "All audiences";
    SearchResults = "search_results" "Search results";
    PrintView = "print_view" "Print view";
    DarkMode = "dark_mode" "Dark mode";
    Sidebar = "sidebar" "Handbook";
    Home = "home" "Home";
    Breadcrumb = "breadcrumb" "Breadcrumb";
    OnThisPage = "on_this_page" "On this page";
    PreviousAndNext = "previous_and_next" "Previous and next page";
    Previous = "previous" "Previous";
    Next = "next" "Next";
    Owner = "owner" "Owner";
    LastReviewed = "last_reviewed" "Last reviewed";
    LastUpdated = "last_updated" "Last updated";
    Audience = "audience" "Audience";
    Tags = "tags" "Tags";
    Audiences = "audiences" "Audiences";
    Source = "source" "Source";
    EditThisPage = "edit_this_page" "Edit this page";
    ReviewOverdueOne = "review_overdue_one" "Review overdue by {n} day";
    ReviewOverdueOther = "review_overdue_other" "Review overdue by {n} days";
    Chapters = "chapters" "Chapters";
    InThisSection = "in_this_section" "In this section";
    TaggedOne = "tagged_one" "{n} page tagged “{term}”.";
    TaggedOther = "tagged_other" "{n} pages tagged “{term}”.";
    ForAudienceOne = "for_audience_one" "{n} page for {term}.";
    ForAudienceOther = "for_audience_other" "{n} pages for {term}.";
    AllTags = "all_tags" "All tags";
    PageNotFound = "page_not_found" "Page not found";
    NotFoundText = "not_found_text" "There is no page at this address. It may have moved or been removed.";
    GoToStart = "go_to_start" "Go to the start of {site}";
    PrintTitle = "print_title" "{site} (print view)";
    Print = "print" "Print";
    Contents = "contents" "Contents";
    PageMoved = "page_moved" "This page has moved:";
    Tab = "tab" "Tab {n}";
    Copy = "copy" "Copy";
    CopyCode = "copy_code" "Copy code";
    Copied = "copied" "Copied";
    CodeCopied = "code_copied" "Code copied to the clipboard";
    NotCopied = "not_copied" "Not copied";
    CopyFailed = "copy_failed" "The browser did not let the code be copied";
    NoResults = "no_results" "No results";
    NoResultsFor = "no_results_for" "No results for “{query}”.";
    DidYouMean = "did_you_mean" "Did you mean {suggestion}?";
    PagesFoundOne = "pages_found_one" "{n} page found";
    PagesFoundOther = "pages_found_other" "{n} pages found";
    SearchUnavailable = "search_unavailable" "Search is not available: {error}";
    Highlighted = "highlighted" "Highlighted: {words}";
    RemoveHighlights = "remove_highlights" "Remove highlights";
    MoreResults = "more_results" "Show more results";
    PagesShownMore = "pages_shown_more" "{n} pages shown, more found";
    CalloutNote = "callout_note" "Note";
    CalloutTip = "callout_tip" "Tip";
    CalloutImportant = "callout_important" "Important";
    CalloutWarning = "callout_warning" "Warning";
    CalloutCaution = "callout_caution" "Caution";
    CalloutInfo = "callout_info" "Info";
    CalloutDanger = "callout_danger" "Danger";
    Details = "details" "Details";
    LinkToSection = "link_to_section" "Link to this section: {title}";
    BackToText = "back_to_text" "Back to the text";
    TaskDone = "task_done" "Done";
    TaskNotDone = "task_not_done" "Not done";
    PrintParts = "print_parts" "All parts";
    PrintPartsIntro = "print_parts_intro" "This handbook is too long to open as one page. Each part below holds a run of its chapters: open one to read or print it.";
    PageCountOne = "page_count_one" "{n} page";
    PageCountOther = "page_count_other" "{n} pages";
}

/// The words the theme's scripts show (`handbook.js`, `search.js`), written into them.
const SCRIPT_TEXTS: &[Text] = &[
    Text::Tab,
    Text::Copy,
    Text::CopyCode,
    Text::Copied,
    Text::CodeCopied,
    Text::NotCopied,
    Text::CopyFailed,
    Text::NoResults,
    Text::NoResultsFor,
    Text::DidYouMean,
    Text::PagesFoundOne,
    Text::PagesFoundOther,
    Text::SearchUnavailable,
    Text::Highlighted,
    Text::RemoveHighlights,
    Text::MoreResults,
    Text::PagesShownMore,
];

/// The built-in translations, by language tag (lower case).
const BUILT_IN: &[(&str, &str)] = &[
    ("de", include_str!("../themes/default/i18n/de.toml")),
    ("es", include_str!("../themes/default/i18n/es.toml")),
    ("fr", include_str!("../themes/default/i18n/fr.toml")),
    ("it", include_str!("../themes/default/i18n/it.toml")),
    ("ja", include_str!("../themes/default/i18n/ja.toml")),
    ("nl", include_str!("../themes/default/i18n/nl.toml")),
    ("pt", include_str!("../themes/default/i18n/pt.toml")),
    ("zh", include_str!("../themes/default/i18n/zh.toml")),
];

/// The languages with a built-in translation, besides English.
pub fn built_in_languages() -> impl Iterator<Item = &'static str> {
    BUILT_IN.iter().map(|(tag, _)| *tag)
}

/// Where the words of the theme's scripts are written: between these two comments.
const SCRIPT_START: &str = "/* handbook:ui */";
const SCRIPT_END: &str = "/* handbook:ui-end */";

/// The interface's words in one language.
#[derive(Debug, Clone)]
pub struct Ui {
    texts: Vec<String>,
    /// The language of the words (`de`; `en` for a language with no words of its own), which
    /// picks the plural form.
    language: String,
}

impl Default for Ui {
    fn default() -> Self {
        Ui {
            texts: TEXTS
                .iter()
                .map(|(_, english)| english.to_string())
                .collect(),
            language: "en".into(),
        }
    }
}

impl Ui {
    /// The words for `language` (a tag such as `de-AT`), with `translations` (keys of
    /// [`TEXTS`], checked by [`unknown_keys`]) in place of the built-in ones, and `{site}` the
    /// handbook's title.
    pub fn new(language: &str, translations: &BTreeMap<String, String>, site: &str) -> Ui {
        let mut ui = Ui::default();
        let tag = language.trim().to_ascii_lowercase().replace('_', "-");
        let primary = tag.split('-').next().unwrap_or_default().to_string();
        // Chinese written in traditional characters (`zh-TW`, `zh-Hant`) has no words here:
        // the simplified ones would be wrong for its readers.
        let traditional = primary == "zh"
            && tag
                .split('-')
                .skip(1)
                .any(|part| matches!(part, "hant" | "tw" | "hk" | "mo"));
        let built_in = BUILT_IN
            .iter()
            .find(|(name, _)| *name == tag)
            .or_else(|| BUILT_IN.iter().find(|(name, _)| *name == primary))
            .filter(|_| !traditional);
        if let Some((_, text)) = built_in {
            // Checked by a test: every file parses and has every key.
            if let Ok(table) = toml::from_str::<BTreeMap<String, String>>(text) {
                ui.set_all(&table);
            }
        }
        ui.set_all(translations);
        for text in &mut ui.texts {
            if text.contains("{site}") {
                *text = text.replace("{site}", site);
            }
        }
        // English words count as English does, whatever the page's language; a handbook's own
        // words for numbers count as its language does.
        let own_counts = translations
            .keys()
            .any(|key| key.ends_with("_one") || key.ends_with("_other"));
        if built_in.is_some() || own_counts {
            ui.language = primary;
        }
        ui
    }

    fn set_all(&mut self, table: &BTreeMap<String, String>) {
        for (key, value) in table {
            if let Some(index) = index_of(key) {
                self.texts[index] = value.clone();
            }
        }
    }

    /// A word of the interface.
    pub fn get(&self, text: Text) -> &str {
        &self.texts[text as usize]
    }

    /// The text of the key at `index` in [`TEXTS`] (see [`index_of`]).
    pub fn at(&self, index: usize) -> &str {
        &self.texts[index]
    }

    /// The form of a word with the number `n` (`one`: the first of a pair such as
    /// [`Text::TaggedOne`], [`Text::TaggedOther`]), with `{n}` and the `values` filled in.
    pub fn count(&self, (one, other): (Text, Text), n: usize, values: &[(&str, &str)]) -> String {
        let form = if self.is_one(n) { one } else { other };
        let mut text = self.get(form).replace("{n}", &n.to_string());
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// Whether `n` takes the `_one` form in the language, as the CLDR plural rules (and the
    /// browser's `Intl.PluralRules`, which the search's script asks) have it: French and
    /// Portuguese count 0 as one, Hindi and Persian too, Russian and Ukrainian 21 and 31,
    /// Chinese, Japanese and Korean have one form. (Languages with more forms than two get the
    /// `_other` form for all the others.)
    fn is_one(&self, n: usize) -> bool {
        match self.language.as_str() {
            "fr" | "pt" | "hi" | "fa" | "bn" | "gu" | "kn" | "mr" | "zu" | "am" => n <= 1,
            "ru" | "uk" | "be" => n % 10 == 1 && n % 100 != 11,
            "ja" | "zh" | "ko" | "th" | "vi" | "id" | "ms" | "lo" | "my" | "km" => false,
            _ => n == 1,
        }
    }

    /// A theme script with the words it shows in this language, written between the comments
    /// `/* handbook:ui */` and `/* handbook:ui-end */` (as a JSON object); a script without
    /// them is left as it is.
    pub fn patch_script(&self, script: &[u8]) -> Option<Vec<u8>> {
        let text = std::str::from_utf8(script).ok()?;
        let start = text.find(SCRIPT_START)? + SCRIPT_START.len();
        let end = start + text[start..].find(SCRIPT_END)?;
        let mut words: BTreeMap<&str, &str> = SCRIPT_TEXTS
            .iter()
            .map(|&t| (TEXTS[t as usize].0, self.get(t)))
            .collect();
        // The language the words count in (`Intl.PluralRules`).
        words.insert("_language", &self.language);
        let json = serde_json::to_string(&words).ok()?;
        Some([&text[..start], &json, &text[end..]].concat().into_bytes())
    }
}

/// Templates read every word as `ui.<key>`.
impl Serialize for Ui {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(TEXTS.len()))?;
        for ((key, _), text) in TEXTS.iter().zip(&self.texts) {
            map.serialize_entry(key, text)?;
        }
        map.end()
    }
}

/// The index in [`TEXTS`] of a key.
pub fn index_of(key: &str) -> Option<usize> {
    TEXTS.iter().position(|(name, _)| *name == key)
}

/// The keys (of `[translations]`) that are no word of the interface.
pub fn unknown_keys<'k>(keys: impl IntoIterator<Item = &'k String>) -> Vec<&'k str> {
    keys.into_iter()
        .map(String::as_str)
        .filter(|key| index_of(key).is_none())
        .collect()
}

/// The known key most like an unknown one, to suggest.
pub fn likely_key(unknown: &str) -> Option<&'static str> {
    TEXTS
        .iter()
        .map(|(key, _)| (strsim::jaro_winkler(unknown, key), *key))
        .filter(|(likeness, _)| *likeness > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, key)| key)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `{...}` names in a text.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn every_built_in_translation_has_every_word_and_its_values() {
        for (language, text) in BUILT_IN {
            let table: BTreeMap<String, String> =
                toml::from_str(text).unwrap_or_else(|e| panic!("{language}: {e}"));
            assert_eq!(unknown_keys(table.keys()), Vec::<&str>::new(), "{language}");
            for (key, english) in TEXTS {
                let Some(translated) = table.get(*key) else {
                    panic!("{language} has no {key}");
                };
                assert!(!translated.trim().is_empty(), "{language}: {key}");
                assert_eq!(
                    placeholders(translated),
                    placeholders(english),
                    "{language}: {key} = {translated:?}"
                );
            }
        }
    }

    #[test]
    fn a_language_picks_its_words_by_whole_tag_or_first_part() {
        let none = BTreeMap::new();
        assert_eq!(Ui::new("de", &none, "H").get(Text::Previous), "Zurück");
        assert_eq!(Ui::new("de-AT", &none, "H").get(Text::Previous), "Zurück");
        assert_eq!(Ui::new("DE_ch", &none, "H").get(Text::Previous), "Zurück");
        assert_eq!(Ui::new("en-GB", &none, "H").get(Text::Previous), "Previous");
        assert_eq!(Ui::new("sw", &none, "H").get(Text::Previous), "Previous");
        assert_eq!(Ui::new("zh-CN", &none, "H").get(Text::Previous), "上一页");
        assert_eq!(Ui::new("zh-Hans", &none, "H").get(Text::Previous), "上一页");
        for traditional in ["zh-TW", "zh-Hant", "zh-Hant-TW", "zh-HK"] {
            assert_eq!(
                Ui::new(traditional, &none, "H").get(Text::Previous),
                "Previous"
            );
        }
        assert_eq!(Ui::new("", &none, "H").get(Text::Previous), "Previous");
        let mine = BTreeMap::from([("previous".to_string(), "Back".to_string())]);
        let ui = Ui::new("de", &mine, "H");
        assert_eq!(ui.get(Text::Previous), "Back");
        assert_eq!(ui.get(Text::Next), "Weiter");
        assert_eq!(ui.get(Text::GoToStart), "Zur Startseite von H");
    }

    #[test]
    fn numbers_take_the_languages_plural() {
        let none = BTreeMap::new();
        let pair = (Text::PagesFoundOne, Text::PagesFoundOther);
        let en = Ui::new("en", &none, "H");
        assert_eq!(en.count(pair, 1, &[]), "1 page found");
        assert_eq!(en.count(pair, 0, &[]), "0 pages found");
        let fr = Ui::new("fr", &none, "H");
        assert_eq!(fr.count(pair, 0, &[]), "0 page trouvée");
        assert_eq!(fr.count(pair, 2, &[]), "2 pages trouvées");
        let mine = BTreeMap::from([
            ("pages_found_one".to_string(), "{n} страница".to_string()),
            ("pages_found_other".to_string(), "{n} страниц".to_string()),
        ]);
        let ru = Ui::new("ru", &mine, "H");
        assert_eq!(ru.count(pair, 21, &[]), "21 страница");
        assert_eq!(ru.count(pair, 11, &[]), "11 страниц");
        // English words in a Korean handbook count as English.
        let ko = Ui::new("ko", &none, "H");
        assert_eq!(ko.count(pair, 1, &[]), "1 page found");
        assert_eq!(ko.count(pair, 2, &[]), "2 pages found");
        let tagged = (Text::TaggedOne, Text::TaggedOther);
        assert_eq!(
            en.count(tagged, 3, &[("term", "onboarding")]),
            "3 pages tagged “onboarding”."
        );
    }

    #[test]
    fn scripts_get_their_words_between_the_marks() {
        let ui = Ui::new("de", &BTreeMap::new(), "H");
        let script =
            b"var a = 1; var ui = /* handbook:ui */{\"copy\":\"Copy\"}/* handbook:ui-end */;";
        let patched = String::from_utf8(ui.patch_script(script).unwrap()).unwrap();
        let json = patched
            .split_once(SCRIPT_START)
            .and_then(|(_, rest)| rest.split_once(SCRIPT_END))
            .map(|(json, _)| json)
            .unwrap();
        let words: BTreeMap<String, String> = serde_json::from_str(json).unwrap();
        assert_eq!(words["copy"], "Kopieren");
        assert_eq!(words.len(), SCRIPT_TEXTS.len() + 1);
        assert_eq!(words["_language"], "de");
        assert!(patched.starts_with("var a = 1; var ui = /* handbook:ui */{"));
        assert!(patched.ends_with("/* handbook:ui-end */;"));
        assert_eq!(ui.patch_script(b"var a = 1;"), None);
    }

    #[test]
    fn the_default_scripts_hold_the_english_words() {
        for script in [
            include_str!("../themes/default/static/assets/handbook.js"),
            include_str!("../themes/default/static/assets/search.js"),
        ] {
            let patched = Ui::default().patch_script(script.as_bytes()).unwrap();
            assert_eq!(String::from_utf8(patched).unwrap(), script);
        }
    }

    #[test]
    fn a_mistyped_key_is_found_and_its_likely_key_named() {
        let table = BTreeMap::from([
            ("previos".to_string(), "Back".to_string()),
            ("next".to_string(), "On".to_string()),
        ]);
        assert_eq!(unknown_keys(table.keys()), ["previos"]);
        assert_eq!(likely_key("previos"), Some("previous"));
        assert_eq!(likely_key("zebra"), None);
    }
}
