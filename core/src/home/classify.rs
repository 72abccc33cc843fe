//! Classifying calendar events for the year wheel: keyword rules over the upstream Swedish
//! titles first, then the model's [`EventKind`].
//!
//! The rules look at words (runs of letters and digits, lower-cased), so "prov" matches
//! "Prov i matematik" and the compound "Matteprov" but not "Provsmakning av skollunchen" or
//! "approvera"; and they look at the title only, never the description (descriptions say things
//! like "anmäl senast …" about other matters). The order decides between two matches: talks and
//! meetings, then term start and end, study days, tests, deadlines, trips, holidays — so
//! "Utflykt på sportlovet" is a trip and "Prov efter påsklovet" a test.
//!
//! Guesses about upstream titles (from Stockholm's, InfoMentor's and typical school calendars;
//! not verified for every school): the words listed below are how schools write these events;
//! a word ending in "lov"/"lovet" is a holiday (a first name such as "Olov" would match too —
//! such titles are rare in school calendars, and trips and talks are matched first).

use serde::Serialize;

use crate::model::EventKind;

/// What kind of entry of the year wheel an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WheelKind {
    /// A holiday: a school holiday (lov) or a public holiday (röd dag).
    Holiday,
    /// A study or planning day: no lessons (fritids may be open).
    StudyDay,
    /// A development talk (utvecklingssamtal).
    DevelopmentTalk,
    /// A parent meeting (föräldramöte).
    ParentMeeting,
    /// A test (prov, förhör, nationellt prov).
    Test,
    /// A trip or outing (utflykt, friluftsdag, studiebesök).
    Trip,
    /// A deadline (inlämning, sista dag för …).
    Deadline,
    /// The start of a term (skolstart, terminsstart).
    TermStart,
    /// The end of a term (terminsavslutning, skolavslutning).
    TermEnd,
}

/// Words that are the whole word or the end of a compound ("matteprov").
const TEST_WORDS: &[&str] = &[
    "prov",
    "provet",
    "proven",
    "förhör",
    "förhöret",
    "diagnos",
    "diagnosen",
];
/// Words a title may start a word with.
const TEST_PREFIXES: &[&str] = &["provvecka", "provdag", "diagnos"];
const TALK: &[&str] = &[
    "utvecklingssamtal",
    "utv.samtal",
    "utv samtal",
    "iup-samtal",
    "iup samtal",
    "kvartssamtal",
    "elevsamtal",
    "trepartssamtal",
];
const MEETING: &[&str] = &[
    "föräldramöte",
    "föräldraträff",
    "föräldrasamråd",
    "föräldrakväll",
];
const TERM_START: &[&str] = &[
    "skolstart",
    "terminsstart",
    "skolan börjar",
    "terminen börjar",
    "första skoldag",
    "upprop",
];
const TERM_END: &[&str] = &[
    "skolavslutning",
    "terminsavslutning",
    "julavslutning",
    "sommaravslutning",
    "vårterminens avslutning",
    "höstterminens avslutning",
    "sista skoldag",
    "terminen slutar",
];
const STUDY_DAY: &[&str] = &[
    "studiedag",
    "planeringsdag",
    "kompetensutvecklingsdag",
    "fortbildningsdag",
    "lärarfortbildning",
];
const DEADLINE: &[&str] = &[
    "inlämning",
    "deadline",
    "sista dag för",
    "sista dag att",
    "senast",
];
const TRIP: &[&str] = &[
    "utflykt",
    "friluftsdag",
    "studiebesök",
    "exkursion",
    "lägerskola",
    "klassresa",
    "skolresa",
    "museibesök",
    "teaterbesök",
];
const HOLIDAY: &[&str] = &[
    "röd dag",
    "röda dag",
    "helgdag",
    "lovdag",
    "klämdag",
    "ledig dag",
];

fn words(title: &str) -> Vec<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn contains_any(text: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| text.contains(n))
}

fn is_test(words: &[String]) -> bool {
    words.iter().any(|w| {
        TEST_WORDS.iter().any(|t| w.ends_with(t)) || TEST_PREFIXES.iter().any(|p| w.starts_with(p))
    })
}

fn is_holiday_word(words: &[String]) -> bool {
    words
        .iter()
        .any(|w| w.ends_with("lov") || w.ends_with("lovet") || w.starts_with("lovdag"))
}

/// The kind a title's words say, if any (the keyword rules alone).
pub fn classify_title(title: &str) -> Option<WheelKind> {
    let text = title.to_lowercase();
    let words = words(title);
    if contains_any(&text, TALK) {
        Some(WheelKind::DevelopmentTalk)
    } else if contains_any(&text, MEETING) {
        Some(WheelKind::ParentMeeting)
    } else if contains_any(&text, TERM_START) {
        Some(WheelKind::TermStart)
    } else if contains_any(&text, TERM_END) {
        Some(WheelKind::TermEnd)
    } else if contains_any(&text, STUDY_DAY) {
        Some(WheelKind::StudyDay)
    } else if is_test(&words) {
        Some(WheelKind::Test)
    } else if contains_any(&text, DEADLINE) {
        Some(WheelKind::Deadline)
    } else if contains_any(&text, TRIP) {
        Some(WheelKind::Trip)
    } else if is_holiday_word(&words)
        || contains_any(&text, HOLIDAY)
        || contains_any(&text, crate::holidays::PUBLIC_HOLIDAYS)
    {
        Some(WheelKind::Holiday)
    } else {
        None
    }
}

/// The model's kind as a wheel kind; none for kinds the wheel does not show (personal
/// schedule entries and other events).
pub fn from_event_kind(kind: EventKind) -> Option<WheelKind> {
    match kind {
        EventKind::Holiday => Some(WheelKind::Holiday),
        EventKind::StudyDay => Some(WheelKind::StudyDay),
        EventKind::ParentMeeting => Some(WheelKind::ParentMeeting),
        EventKind::Excursion => Some(WheelKind::Trip),
        EventKind::Test => Some(WheelKind::Test),
        EventKind::Schedule | EventKind::Other => None,
    }
}

/// The wheel kind of an event: the title's keywords, else the model's kind. Personal schedule
/// entries are never on the wheel, whatever their title.
pub fn classify(title: &str, kind: EventKind) -> Option<WheelKind> {
    if kind == EventKind::Schedule {
        return None;
    }
    classify_title(title).or_else(|| from_event_kind(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_as_schools_write_them() {
        let cases = [
            ("Utvecklingssamtal", WheelKind::DevelopmentTalk),
            ("Utvecklingssamtal (förskola)", WheelKind::DevelopmentTalk),
            ("IUP-samtal åk 8", WheelKind::DevelopmentTalk),
            ("Föräldramöte 3B", WheelKind::ParentMeeting),
            ("Skolstart för åk 1–9", WheelKind::TermStart),
            ("Första skoldag", WheelKind::TermStart),
            ("Terminsavslutning", WheelKind::TermEnd),
            ("Skolavslutning i kyrkan", WheelKind::TermEnd),
            ("Studiedag", WheelKind::StudyDay),
            ("Planeringsdag – förskolan stängd", WheelKind::StudyDay),
            ("Prov i matematik", WheelKind::Test),
            ("Matteprov kap 3", WheelKind::Test),
            ("Glosförhör i engelska", WheelKind::Test),
            ("Nationellt prov i engelska", WheelKind::Test),
            ("NP: Diagnos i svenska", WheelKind::Test),
            ("Inlämning: SO-arbete", WheelKind::Deadline),
            ("Sista dag för anmälan till lovskola", WheelKind::Deadline),
            ("Utflykt till Tekniska museet", WheelKind::Trip),
            ("Friluftsdag i Nackareservatet", WheelKind::Trip),
            ("Studiebesök på Riksdagen", WheelKind::Trip),
            ("Höstlov", WheelKind::Holiday),
            ("Sportlov v. 8", WheelKind::Holiday),
            ("Påsklovet börjar", WheelKind::Holiday),
            ("Lovdag", WheelKind::Holiday),
            ("Nationaldagen (röd dag)", WheelKind::Holiday),
            ("Kristi himmelsfärdsdag", WheelKind::Holiday),
            ("Julafton", WheelKind::Holiday),
        ];
        for (title, want) in cases {
            assert_eq!(classify_title(title), Some(want), "{title}");
        }
    }

    #[test]
    fn the_order_decides_between_two_matches() {
        assert_eq!(
            classify_title("Utflykt på sportlovet"),
            Some(WheelKind::Trip)
        );
        assert_eq!(
            classify_title("Prov efter påsklovet"),
            Some(WheelKind::Test)
        );
        assert_eq!(
            classify_title("Studiedag – fritids öppet under lovet"),
            Some(WheelKind::StudyDay)
        );
        assert_eq!(
            classify_title("Utvecklingssamtal, inlämning av blankett"),
            Some(WheelKind::DevelopmentTalk)
        );
    }

    #[test]
    fn words_that_only_look_alike_do_not_match() {
        for title in [
            "Provsmakning av skollunchen",
            "Approvera bilder",
            "Lovsång i kyrkan",
            "Lovskola",
            "Skolfotografering",
            "Luciafirande",
            "Nationaldagsfirande på skolgården",
        ] {
            let got = classify_title(title);
            assert!(
                !matches!(got, Some(WheelKind::Test | WheelKind::Holiday)),
                "{title}: {got:?}"
            );
        }
        assert_eq!(classify_title("Skolfotografering"), None);
        assert_eq!(classify_title("Luciafirande"), None);
    }

    #[test]
    fn the_model_kind_is_the_fallback_and_schedule_is_never_shown() {
        assert_eq!(
            classify("Läsförståelse i svenska", EventKind::Test),
            Some(WheelKind::Test)
        );
        assert_eq!(
            classify("Annandag pingst", EventKind::Holiday),
            Some(WheelKind::Holiday)
        );
        assert_eq!(classify("Skolfotografering", EventKind::Other), None);
        // Keywords refine the model's kind.
        assert_eq!(
            classify("Utvecklingssamtal", EventKind::ParentMeeting),
            Some(WheelKind::DevelopmentTalk)
        );
        assert_eq!(
            classify("Inlämning: SO-arbete", EventKind::Test),
            Some(WheelKind::Deadline)
        );
        assert_eq!(classify("Prov i kemi", EventKind::Schedule), None);
    }
}
