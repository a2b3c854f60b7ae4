//! The interface speaks the handbook's language (`src/ui.rs`): `[book] language` picks the
//! built-in words, `[translations]` replaces any of them, and a site written for another tool
//! names its language as that tool does.

mod common;

use common::{attrs, texts, Fixture};

/// A German handbook: a section with two pages (one with every detail, its review late), a tag,
/// an old address, and a code block.
fn german(translations: &str) -> Fixture {
    let f = Fixture::new();
    f.file(
        "book.toml",
        &format!(
            "[book]\ntitle = \"Führungshandbuch\"\nlanguage = \"de-DE\"\n\n[html]\nreview_badge = true\n\
             edit_url = \"https://git.example.com/edit/{{path}}\"\n{translations}"
        ),
    );
    f.page("team/_index.md", "Team", "Über das Team.\n");
    f.file(
        "content/team/einarbeitung.md",
        "---\ntitle: Einarbeitung\nowner: Anna\nlast_reviewed: 2026-01-01\nreview_every_days: 30\n\
         audience: [neue Führungskräfte]\ntags: [onboarding]\naliases: [/alt/]\n---\n\
         ## Erste Woche\n\nText.\n\n## Zweite Woche\n\n```yaml\nkey: value\n```\n",
    );
    f.page(
        "team/gespraeche.md",
        "Einzelgespräche",
        "Einmal pro Woche.\n\n- [x] Termin\n- [ ] Agenda\n\n> [!WARNING]\n> Nie absagen.\n\n> [!NOTE]\n> Notizen teilen.\n",
    );
    f
}

#[test]
fn the_interface_speaks_the_handbooks_language() {
    let f = german("");
    f.run_with_env(&["build"], &[("HANDBOOK_TODAY", "2026-11-28")])
        .assert_ok();
    let doc = f.html("team/einarbeitung/index.html");
    assert_eq!(attrs(&doc, "html", "lang"), ["de-DE"]);
    assert_eq!(texts(&doc, ".hb-skip"), ["Zum Inhalt springen"]);
    assert_eq!(
        attrs(&doc, "h2 .hb-anchor", "title"),
        [
            "Link zu diesem Abschnitt: Erste Woche",
            "Link zu diesem Abschnitt: Zweite Woche"
        ]
    );
    // Out of the heading's name, which a screen reader would otherwise say twice.
    assert_eq!(
        attrs(&doc, "h2 .hb-anchor", "aria-hidden"),
        ["true", "true"]
    );
    // A task list's boxes are named in the language.
    assert_eq!(
        attrs(
            &f.html("team/gespraeche/index.html"),
            "li > input[type=checkbox]",
            "aria-label"
        ),
        ["Erledigt", "Offen"]
    );
    assert_eq!(texts(&doc, ".hb-menu-button"), ["Menü"]);
    assert_eq!(
        attrs(&doc, "#hb-search-input", "placeholder"),
        ["Suchen ( / )"]
    );
    assert_eq!(texts(&doc, ".hb-print-link"), ["Druckansicht"]);
    assert_eq!(texts(&doc, ".hb-theme-toggle"), ["Dunkler Modus"]);
    assert_eq!(attrs(&doc, "#hb-sidebar", "aria-label"), ["Handbuch"]);
    assert_eq!(texts(&doc, "#hb-sidebar a")[0], "Startseite");
    assert_eq!(
        attrs(&doc, ".hb-breadcrumbs", "aria-label"),
        ["Pfadnavigation"]
    );
    assert_eq!(texts(&doc, ".hb-toc-title"), ["Auf dieser Seite"]);
    assert_eq!(
        texts(&doc, ".hb-meta dt"),
        [
            "Verantwortlich",
            "Zuletzt geprüft",
            "Zielgruppe",
            "Schlagwörter",
            "Quelle"
        ]
    );
    assert_eq!(
        texts(&doc, ".hb-meta dd a").last().unwrap(),
        "Diese Seite bearbeiten"
    );
    // 2026-01-01 + 30 days is 2026-01-31: 301 days before 2026-11-28.
    assert_eq!(
        texts(&doc, ".hb-badge-overdue"),
        ["Überprüfung seit 301 Tagen überfällig"]
    );
    assert_eq!(texts(&doc, ".hb-pager span"), ["Zurück", "Weiter"]);
    assert_eq!(
        attrs(&doc, ".hb-pager", "aria-label"),
        ["Vorherige und nächste Seite"]
    );

    // A callout's title, as GitHub would name it in German.
    let talks = f.html("team/gespraeche/index.html");
    assert_eq!(texts(&talks, ".hb-callout-title"), ["Warnung", "Hinweis"]);

    let section = f.html("team/index.html");
    assert_eq!(texts(&section, "#hb-in-section"), ["In diesem Bereich"]);
    let home = f.html("index.html");
    assert_eq!(texts(&home, "#hb-chapters-title"), ["Kapitel"]);

    let tag = f.html("tags/onboarding/index.html");
    assert_eq!(texts(&tag, "h1"), ["Schlagwörter: onboarding"]);
    assert_eq!(
        texts(&tag, ".hb-lead"),
        ["1 Seite mit dem Schlagwort „onboarding“. Alle Schlagwörter"]
    );
    let audience = f.html("audience/index.html");
    assert_eq!(texts(&audience, "h1"), ["Zielgruppen"]);

    let missing = f.html("404.html");
    assert_eq!(texts(&missing, "h1"), ["Seite nicht gefunden"]);
    assert_eq!(
        texts(&missing, ".hb-article a"),
        ["Zur Startseite von Führungshandbuch"]
    );
    let print = f.html("print/index.html");
    assert_eq!(texts(&print, "title"), ["Führungshandbuch (Druckansicht)"]);
    assert_eq!(texts(&print, ".hb-print-button"), ["Drucken"]);
    assert_eq!(texts(&print, ".hb-print-toc .hb-toc-title"), ["Inhalt"]);
    let moved = f.html("alt/index.html");
    assert_eq!(
        texts(&moved, "p"),
        ["Diese Seite ist umgezogen: Einarbeitung"]
    );

    // The scripts show their words in German too (the copy button, the search's messages).
    let script = std::fs::read_to_string(f.public().join("assets/handbook.js")).unwrap();
    assert!(script.contains("\"copy\":\"Kopieren\""), "{script:.600}");
    assert!(!script.contains("\"copy\":\"Copy\""));
    let search = std::fs::read_to_string(f.public().join("assets/search.js")).unwrap();
    assert!(search.contains("\"no_results\":\"Keine Ergebnisse\""));
}

#[test]
fn translations_replace_the_languages_words() {
    let f = german("\n[translations]\nprevious = \"Vorige Seite\"\nowner = \"Zuständig\"\n");
    f.build().assert_ok();
    let doc = f.html("team/einarbeitung/index.html");
    assert_eq!(texts(&doc, ".hb-pager span"), ["Vorige Seite", "Weiter"]);
    assert_eq!(texts(&doc, ".hb-meta dt")[0], "Zuständig");

    // In English too, and in a language handbook has no words for.
    for language in ["en", "sw"] {
        let f = Fixture::new();
        f.file(
            "book.toml",
            &format!(
                "[book]\ntitle = \"T\"\nlanguage = \"{language}\"\n\n[translations]\nnext = \"Onwards\"\n"
            ),
        );
        f.page("a.md", "A", "A.\n");
        f.build().assert_ok();
        let home = f.html("index.html");
        assert_eq!(attrs(&home, "html", "lang"), [language]);
        assert_eq!(texts(&home, ".hb-pager span"), ["Onwards"]);
        assert_eq!(texts(&home, ".hb-skip"), ["Skip to content"]);
    }
}

#[test]
fn a_word_translations_does_not_know_fails_at_its_line_and_keeps_the_site() {
    let f = german("");
    f.build().assert_ok();
    let before = f.snapshot();
    f.file(
        "book.toml",
        "[book]\ntitle = \"T\"\n\n[translations]\nnext = \"Weiter\"\nprevios = \"Zurück\"\n",
    );
    let run = f.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("book.toml:6:1: error: [translations] has no word `previos`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `previous`?"),
        "{}",
        run.stderr
    );
    assert_eq!(f.snapshot(), before);

    // The key's own line, though the word is a key of another table too; a word that is not
    // text, in handbook's book.toml and in mdBook's.
    for (book, error) in [
        (
            "[book]\ntitle = \"T\"\n\n[build]\nsearch = true\n\n[translations]\n  search = \"Suche\"\n",
            "book.toml:8:3: error: [translations] has no word `search`",
        ),
        (
            "[book]\ntitle = \"T\"\n\n[translations]\nprevious = 1\n",
            "book.toml:5:1: error: [translations] `previous` is not text: write it in quotes",
        ),
        (
            "[book]\ntitle = \"T\"\nsrc = \"content\"\n\n[translations]\n\"previous\" = [\"a\"]\n",
            "book.toml:6:1: error: [translations] `previous` is not text: write it in quotes",
        ),
        (
            "translations = \"de\"\n\n[book]\ntitle = \"T\"\n",
            "book.toml: error: `translations` is a table of words",
        ),
    ] {
        f.file("book.toml", book);
        let run = f.build();
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.contains(error), "{book}\n{}", run.stderr);
        assert_eq!(f.snapshot(), before);
    }
}

#[test]
fn a_site_written_for_another_tool_names_its_language_as_that_tool_does() {
    let site = |files: &[(&str, &str)]| {
        let f = Fixture::empty();
        for (path, text) in files {
            f.file(path, text);
        }
        f.build().assert_ok();
        f
    };
    let mkdocs = site(&[
        (
            "mkdocs.yml",
            "site_name: S\ntheme:\n  name: material\n  language: fr\n",
        ),
        ("docs/index.md", "# Accueil\n\nTexte.\n"),
    ]);
    // MkDocs' own theme names a locale as Python does; the page's tag is as HTML writes it.
    let mkdocs_locale = site(&[
        (
            "mkdocs.yml",
            "site_name: S\ntheme:\n  name: mkdocs\n  locale: pt_BR\n",
        ),
        ("docs/index.md", "# Accueil\n\nTexte.\n"),
    ]);
    let hugo = site(&[
        ("hugo.toml", "title = 'S'\nlanguageCode = 'nl-NL'\n"),
        ("content/_index.md", "---\ntitle: Start\n---\nTekst.\n"),
    ]);
    let zola = site(&[
        (
            "config.toml",
            "base_url = '/'\ntitle = 'S'\ndefault_language = 'it'\n",
        ),
        ("content/_index.md", "+++\ntitle = 'Inizio'\n+++\nTesto.\n"),
    ]);
    let docusaurus = site(&[
        (
            "docusaurus.config.js",
            "module.exports = {\n  title: 'S',\n  i18n: { defaultLocale: 'ja', locales: ['ja'] },\n};\n",
        ),
        ("docs/index.md", "# ホーム\n\n本文。\n\n:::tip\n助言。\n:::\n"),
    ]);
    let mdbook = site(&[
        ("book.toml", "[book]\ntitle = \"S\"\nlanguage = \"es\"\n"),
        ("src/SUMMARY.md", "# Summary\n\n[Inicio](README.md)\n"),
        ("src/README.md", "# Inicio\n\nTexto.\n"),
    ]);
    for (f, dest, lang, skip) in [
        (&mkdocs, "site", "fr", "Aller au contenu"),
        (&mkdocs_locale, "site", "pt-BR", "Pular para o conteúdo"),
        (&hugo, "public", "nl-NL", "Naar de inhoud"),
        (&zola, "public", "it", "Vai al contenuto"),
        (&docusaurus, "build", "ja", "本文へスキップ"),
        (&mdbook, "book", "es", "Saltar al contenido"),
    ] {
        let doc = f.html_in(dest, "index.html");
        assert_eq!(attrs(&doc, "html", "lang"), [lang]);
        assert_eq!(texts(&doc, ".hb-skip"), [skip]);
    }
    // Docusaurus names its admonitions in the site's language.
    let doc = docusaurus.html_in("build", "index.html");
    assert_eq!(texts(&doc, ".hb-callout-title"), ["ヒント"]);
}

#[test]
fn the_callouts_of_hugo_and_gitbook_are_titled_in_the_language() {
    let hugo = Fixture::empty();
    hugo.file("hugo.toml", "title = 'S'\nlanguageCode = 'fr-FR'\n");
    hugo.file(
        "content/_index.md",
        "---\ntitle: Accueil\n---\n{{< notice warning >}}\nAttention.\n{{< /notice >}}\n\n\
         {{% expand %}}\nPlus.\n{{% /expand %}}\n",
    );
    hugo.build().assert_ok();
    let doc = hugo.html("index.html");
    assert_eq!(
        texts(&doc, ".hb-callout-title"),
        ["Avertissement", "Détails"]
    );

    let gitbook = Fixture::new();
    gitbook.file("book.toml", "[book]\ntitle = \"S\"\nlanguage = \"fr\"\n");
    gitbook.file(".gitbook.yaml", "root: ./content/\n");
    gitbook.page(
        "guide.md",
        "Guide",
        "{% hint style=\"info\" %}\nÀ lire.\n{% endhint %}\n",
    );
    gitbook.build().assert_ok();
    let doc = gitbook.html("guide/index.html");
    assert_eq!(texts(&doc, ".hb-callout-title"), ["Remarque"]);
}
