//! Lesson codes → subject names (`docs/upstream/curriculum.md`).
//!
//! Timetables name lessons by short codes (`MA`, `BL`, `M2FR`, `MLARA`, `Lunch`,
//! `MTID Arbetslagsråd 7C`). [`resolve`] turns such a text into a [`Subject`] (code, name,
//! category) and an optional comment, in Swedish (`sv`) or English (`en`). The code tables
//! (`codes.json`, a copy of the upstream data) are parsed once per process; English entries fall
//! back to Swedish where missing; any other language means Swedish.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::model::Subject;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCategories {
    training_school: String,
    modern_languages: String,
    modern_languages_a1: String,
    modern_languages_a2: String,
    modern_languages_alt: String,
    #[serde(rename = "motherTounge")]
    mother_tongue: String,
    unknown: String,
    misc: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawTable {
    subjects: HashMap<String, String>,
    traningsskola_subjects: HashMap<String, String>,
    special_languages: HashMap<String, String>,
    languages: HashMap<String, String>,
    categories: RawCategories,
    misc: HashMap<String, String>,
}

#[derive(Deserialize)]
struct RawCodes {
    sv: RawTable,
    en: RawTable,
}

/// One language's tables, ready for lookups.
struct Table {
    subjects: HashMap<String, String>,
    training_school: HashMap<String, String>,
    /// `specialLanguages` overlaid by `languages`.
    languages: HashMap<String, String>,
    misc: HashMap<String, String>,
    cat_training_school: String,
    cat_m1: String,
    cat_m2: String,
    cat_alt: String,
    cat_mother_tongue: String,
    cat_unknown: String,
    cat_misc: String,
}

impl Table {
    fn new(raw: RawTable, fallback: Option<&Table>) -> Self {
        let overlay = |base: Option<&HashMap<String, String>>, own: HashMap<String, String>| {
            let mut map = base.cloned().unwrap_or_default();
            map.extend(own);
            map
        };
        let mut languages = raw.special_languages;
        languages.extend(raw.languages);
        let c = raw.categories;
        Table {
            subjects: overlay(fallback.map(|f| &f.subjects), raw.subjects),
            training_school: overlay(
                fallback.map(|f| &f.training_school),
                raw.traningsskola_subjects,
            ),
            languages: overlay(fallback.map(|f| &f.languages), languages),
            misc: overlay(fallback.map(|f| &f.misc), raw.misc),
            cat_training_school: c.training_school,
            cat_m1: format!("{}, {}", c.modern_languages, c.modern_languages_a1),
            cat_m2: format!("{}, {}", c.modern_languages, c.modern_languages_a2),
            cat_alt: c.modern_languages_alt,
            cat_mother_tongue: c.mother_tongue,
            cat_unknown: c.unknown,
            cat_misc: c.misc,
        }
    }
}

struct Tables {
    sv: Table,
    en: Table,
}

static TABLES: LazyLock<Option<Tables>> = LazyLock::new(|| {
    // The data is compiled in and checked by a test; `None` only if it were ever broken.
    let raw: RawCodes = serde_json::from_str(include_str!("codes.json")).ok()?;
    let sv = Table::new(raw.sv, None);
    let en = Table::new(raw.en, Some(&sv));
    Some(Tables { sv, en })
});

fn table(language: &str) -> Option<&'static Table> {
    let tables = TABLES.as_ref()?;
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    Some(if primary == "en" {
        &tables.en
    } else {
        &tables.sv
    })
}

/// Resolves a timetable lesson text into its subject and the comment after the code.
///
/// The first space-separated word is the code; the rest, trimmed, is the comment (`None` when
/// empty). Then, first match wins: ordinary subject, training-school subject, `M1`/`M2` modern
/// language, `ASSV` alternative language, `ML` mother tongue, miscellaneous (`LUNCH`, `MTID`, …,
/// the only case-insensitive rule), else category "Okänd"/"Unknown" with the code as name.
/// `language` is `sv` or `en` (a region suffix such as `en-GB` is ignored); others mean Swedish.
pub fn resolve(lesson_text: &str, language: &str) -> (Subject, Option<String>) {
    let text = lesson_text.trim_start();
    let (code, comment) = match text.split_once(' ') {
        Some((code, rest)) => {
            let rest = rest.trim();
            (code, (!rest.is_empty()).then(|| rest.to_owned()))
        }
        None => (text.trim_end(), None),
    };
    let (name, category) = match table(language) {
        Some(t) => lookup(t, code),
        None => (code.to_owned(), String::new()),
    };
    (
        Subject {
            code: code.to_owned(),
            name,
            category,
        },
        comment,
    )
}

fn language_name(t: &Table, key: &str) -> String {
    t.languages
        .get(key)
        .cloned()
        .unwrap_or_else(|| t.cat_unknown.clone())
}

fn lookup(t: &Table, code: &str) -> (String, String) {
    if let Some(name) = t.subjects.get(code) {
        return (name.clone(), String::new());
    }
    if let Some(name) = t.training_school.get(code) {
        return (name.clone(), t.cat_training_school.clone());
    }
    if let Some(lang) = code.strip_prefix("M1") {
        return (language_name(t, lang), t.cat_m1.clone());
    }
    if let Some(lang) = code.strip_prefix("M2") {
        return (language_name(t, lang), t.cat_m2.clone());
    }
    if let Some(lang) = code.strip_prefix("ASSV") {
        return (language_name(t, lang), t.cat_alt.clone());
    }
    if let Some(lang) = code.strip_prefix("ML") {
        return (language_name(t, lang), t.cat_mother_tongue.clone());
    }
    if let Some(name) = t.misc.get(&code.to_uppercase()) {
        return (name.clone(), t.cat_misc.clone());
    }
    (code.to_owned(), t.cat_unknown.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        text: &str,
        lang: &str,
        code: &str,
        category: &str,
        name: &str,
        comment: Option<&str>,
    ) {
        let (subject, c) = resolve(text, lang);
        assert_eq!(subject.code, code, "{text}");
        assert_eq!(subject.category, category, "{text}");
        assert_eq!(subject.name, name, "{text}");
        assert_eq!(c.as_deref(), comment, "{text}");
    }

    #[test]
    fn tables_load() {
        assert!(TABLES.is_some());
    }

    #[test]
    fn swedish_examples_of_the_upstream_document() {
        check("BL", "sv", "BL", "", "Bild", None);
        check("HKK", "sv", "HKK", "", "Hem & Konsumentkunskap", None);
        check("KOM", "sv", "KOM", "Träningsskolan", "Kommunikation", None);
        check(
            "M1SP",
            "sv",
            "M1SP",
            "Moderna språk, elevens val",
            "Spanska",
            None,
        );
        check(
            "M2FR",
            "sv",
            "M2FR",
            "Moderna språk, språkval",
            "Franska",
            None,
        );
        check(
            "M2DAN",
            "sv",
            "M2DAN",
            "Moderna språk, språkval",
            "Danska",
            None,
        );
        check(
            "ASSVEN",
            "sv",
            "ASSVEN",
            "Alt moderna språk, språkval",
            "Engelska",
            None,
        );
        check("MLARA", "sv", "MLARA", "Modersmål", "Arabiska", None);
        check("MLSPK", "sv", "MLSPK", "Modersmål", "Övriga språk", None);
        check("Lunch", "sv", "Lunch", "Diverse", "Lunch", None);
        check(
            "MTID Arbetslagsråd 7C",
            "sv",
            "MTID",
            "Diverse",
            "Mentorstid",
            Some("Arbetslagsråd 7C"),
        );
        check(
            "NO  a)",
            "sv",
            "NO",
            "",
            "Naturorienterande ämnen",
            Some("a)"),
        );
        check("SYV", "sv", "SYV", "Okänd", "SYV", None);
    }

    #[test]
    fn english_and_other_languages() {
        check("BL", "en", "BL", "", "Art", None);
        check(
            "M2FR",
            "en",
            "M2FR",
            "Modern languages, CEFR min. A2",
            "French",
            None,
        );
        check("XYZ", "en", "XYZ", "Unknown", "XYZ", None);
        check(
            "Prandium",
            "en-GB",
            "Prandium",
            "Miscellaneous",
            "Lunch",
            None,
        );
        check("BL", "de", "BL", "", "Bild", None);
        check(
            "M2XX",
            "sv",
            "M2XX",
            "Moderna språk, språkval",
            "Okänd",
            None,
        );
        check("SV", "sv", "SV", "", "Svenska", None);
        check("", "sv", "", "Okänd", "", None);
    }
}
