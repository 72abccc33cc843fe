//! Every Skola24 answer (and the SAML sign-on pages) → the normalized model. Pure functions, no
//! HTTP.
//!
//! Skola24 answers `{error, data, exception, validation}`: a non-null `error` is
//! [`Error::Upstream`]; an HTML page where JSON was expected is [`Error::SessionExpired`] (the
//! Skola24 session is gone: redo the sign-on); empty, truncated or differently shaped bodies are
//! [`Error::Parse`]. Endpoint names in errors: `timetables` (`get/personal/timetables`), `key`
//! (`get/timetable/render/key`), `timetable` (`render/timetable`), `authenticate` and
//! `saml2sso` (the SAML pages).

use std::collections::{HashMap, HashSet};

use jiff::civil::Time;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::curriculum;
use crate::error::{Error, Result};
use crate::html_scan::input_value;
use crate::model::{
    Child, EntityId, EntityKind, IsoWeek, Skola24ChildRef, Teacher, TimetableLesson,
};
use crate::provider::upstream_json::decode;

#[derive(Deserialize)]
struct Envelope<T> {
    #[serde(default)]
    error: Option<serde_json::Value>,
    #[serde(default = "none")]
    data: Option<T>,
}

fn none<T>() -> Option<T> {
    None
}

#[derive(Deserialize)]
struct ErrorOnly {
    #[serde(default)]
    error: Option<serde_json::Value>,
}

fn error_text(error: &serde_json::Value) -> Option<String> {
    match error {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) if s.trim().is_empty() => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// Opens the envelope: `error` set → [`Error::Upstream`]; otherwise `data` (if any).
fn open<T: DeserializeOwned>(endpoint: &str, body: &str) -> Result<Option<T>> {
    match decode::<Envelope<T>>(endpoint, body) {
        Ok(envelope) => {
            if let Some(message) = envelope.error.as_ref().and_then(error_text) {
                return Err(Error::upstream(endpoint, None, message));
            }
            Ok(envelope.data)
        }
        Err(parse_error @ Error::Parse { .. }) => {
            // `data` may have another shape when `error` is set.
            match decode::<ErrorOnly>(endpoint, body)
                .ok()
                .and_then(|e| e.error.as_ref().and_then(error_text))
            {
                Some(message) => Err(Error::upstream(endpoint, None, message)),
                None => Err(parse_error),
            }
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
struct RawTimetablesData {
    #[serde(rename = "getPersonalTimetablesResponse", default)]
    response: Option<RawTimetablesResponse>,
}

#[derive(Deserialize)]
struct RawTimetablesResponse {
    #[serde(rename = "childrenTimetables", default)]
    children: Option<Vec<RawSkola24Child>>,
}

#[derive(Deserialize)]
struct RawSkola24Child {
    #[serde(rename = "personGuid")]
    person_guid: String,
    #[serde(rename = "unitGuid", default)]
    unit_guid: Option<String>,
    #[serde(rename = "schoolGuid", default)]
    school_guid: Option<String>,
    #[serde(rename = "schoolID", default)]
    school_id: Option<String>,
    #[serde(rename = "timetableID", default)]
    timetable_id: Option<String>,
    #[serde(rename = "firstName", default)]
    first_name: Option<String>,
    #[serde(rename = "lastName", default)]
    last_name: Option<String>,
}

/// Parses `get/personal/timetables`: the guardian's children as Skola24 knows them
/// (`data.getPersonalTimetablesResponse.childrenTimetables`, fields unchanged; an empty
/// `timetableID` is none).
pub fn children(body: &str) -> Result<Vec<Skola24ChildRef>> {
    const ENDPOINT: &str = "timetables";
    let data: RawTimetablesData =
        open(ENDPOINT, body)?.ok_or_else(|| Error::parse(ENDPOINT, "data is missing"))?;
    let children = data
        .response
        .ok_or_else(|| Error::parse(ENDPOINT, "getPersonalTimetablesResponse is missing"))?
        .children
        .unwrap_or_default();
    Ok(children
        .into_iter()
        .map(|c| Skola24ChildRef {
            person_guid: c.person_guid,
            unit_guid: c.unit_guid.unwrap_or_default(),
            school_guid: c.school_guid.unwrap_or_default(),
            school_id: c.school_id.unwrap_or_default(),
            timetable_id: c.timetable_id.filter(|t| !t.trim().is_empty()),
            first_name: c.first_name.unwrap_or_default(),
            last_name: c.last_name.unwrap_or_default(),
        })
        .collect())
}

#[derive(Deserialize)]
struct RawKey {
    #[serde(default)]
    key: Option<String>,
}

/// Parses `get/timetable/render/key`: the single-use render key (`data.key`).
pub fn render_key(body: &str) -> Result<String> {
    const ENDPOINT: &str = "key";
    open::<RawKey>(ENDPOINT, body)?
        .and_then(|d| d.key)
        .filter(|k| !k.trim().is_empty())
        .ok_or_else(|| Error::parse(ENDPOINT, "data.key is missing"))
}

#[derive(Deserialize)]
struct RawTimetable {
    #[serde(rename = "lessonInfo", default)]
    lesson_info: Option<Vec<RawLesson>>,
}

#[derive(Deserialize)]
struct RawLesson {
    #[serde(rename = "guidId", default)]
    guid_id: Option<String>,
    #[serde(default)]
    texts: Option<Vec<Option<String>>>,
    #[serde(rename = "timeStart", default)]
    time_start: Option<String>,
    #[serde(rename = "timeEnd", default)]
    time_end: Option<String>,
    #[serde(rename = "dayOfWeekNumber", default)]
    day_of_week: Option<i64>,
    #[serde(rename = "blockName", default)]
    block_name: Option<String>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// Replaces timetable initials (`"KUr"`, `"ATe, GTe"`) by teacher names: each comma-separated
/// initial that equals a teacher's [`Teacher::timetable_abbreviation`] (trimmed,
/// case-insensitive) becomes `"First Last"`; unmatched initials stay; joined with `", "`.
pub fn teacher_names(initials: &str, teachers: &[Teacher]) -> String {
    initials
        .split(',')
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(|initial| {
            teachers
                .iter()
                .find(|t| t.timetable_abbreviation.trim().to_lowercase() == initial.to_lowercase())
                .map(Teacher::full_name)
                .unwrap_or_else(|| initial.to_owned())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses `render/timetable` into `child`'s lessons of ISO `week`, in upstream order.
///
/// `error` set → [`Error::Upstream`]; `data.lessonInfo` missing → [`Error::Parse`]
/// "Empty lessonInfo received". Each lesson: id from `guidId`; subject and comment from
/// `texts[0]` via [`curriculum::resolve`] in `language`; teacher from `texts[1]` through
/// [`teacher_names`]; room `texts[2]`; start and end = the weekday `dayOfWeekNumber` (1 = Monday)
/// of `week` at `timeStart`/`timeEnd` (`HH:MM:SS`), Europe/Stockholm. Lessons with an unreadable
/// day or time are skipped (logged at debug level); an end before the start is the start.
pub fn timetable(
    body: &str,
    child: &Child,
    week: IsoWeek,
    language: &str,
    teachers: &[Teacher],
) -> Result<Vec<TimetableLesson>> {
    const ENDPOINT: &str = "timetable";
    let lessons = open::<RawTimetable>(ENDPOINT, body)?
        .and_then(|d| d.lesson_info)
        .ok_or_else(|| Error::parse(ENDPOINT, "Empty lessonInfo received"))?;
    let days = week.days();
    let total = lessons.len();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let result: Vec<TimetableLesson> = lessons
        .into_iter()
        .filter_map(|lesson| {
            let day_index = usize::try_from(lesson.day_of_week?.checked_sub(1)?).ok()?;
            let date = *days.get(day_index)?;
            let start_time: Time = lesson.time_start.as_deref()?.trim().parse().ok()?;
            let end_time: Time = lesson.time_end.as_deref()?.trim().parse().ok()?;
            let start = crate::time::local(date.to_datetime(start_time));
            let end = crate::time::local(date.to_datetime(end_time)).max(start.clone());
            let mut texts = lesson.texts.unwrap_or_default().into_iter();
            let mut next_text = || texts.next().flatten().unwrap_or_default();
            let (lesson_text, initials, room) = (next_text(), next_text(), next_text());
            let (subject, comment) = curriculum::resolve(&lesson_text, language);
            let teacher = teacher_names(&initials, teachers);
            let base_id = non_empty(lesson.guid_id)
                .unwrap_or_else(|| format!("{date}T{start_time}-{}", subject.code));
            // guidId is unique per lesson occurrence; keep ids unique even if it were not.
            let count = seen.entry(base_id.clone()).or_insert(0);
            *count += 1;
            let local = if *count == 1 {
                base_id
            } else {
                format!("{base_id}#{count}")
            };
            Some(TimetableLesson {
                id: EntityId::for_child(&child.id, EntityKind::Lesson, &local),
                child_id: child.id.clone(),
                subject,
                comment,
                teacher: (!teacher.is_empty()).then_some(teacher),
                room: non_empty(Some(room)),
                start,
                end,
                block_name: non_empty(lesson.block_name),
            })
        })
        .collect();
    if result.len() < total {
        tracing::debug!(
            skipped = total - result.len(),
            "lessons with an unreadable day or time were skipped"
        );
    }
    Ok(result)
}

/// The `SAMLRequest` of Skola24's auto-submit sign-on page (`nssso/saml-2.0/authenticate`).
/// Missing → [`Error::Parse`] "Could not parse SAML Request".
pub fn saml_request(html: &str) -> Result<String> {
    input_value(html, "SAMLRequest")
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Error::parse("authenticate", "Could not parse SAML Request"))
}

/// The `SAMLResponse` of Stockholm's identity provider page (`saml2sso`). Missing (for example
/// the login page of an expired session) → [`Error::Parse`] "Could not parse SAML Response".
pub fn saml_response(html: &str) -> Result<String> {
    input_value(html, "SAMLResponse")
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Error::parse("saml2sso", "Could not parse SAML Response"))
}

/// A name as comparable tokens: Unicode-decomposed with diacritics removed (`Åsa` → `asa`),
/// lower-cased, split at whitespace, hyphens and apostrophes.
fn name_tokens(name: &str) -> Vec<String> {
    let folded: String = name
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase();
    folded
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2013}' | '\'' | '’' | '.')
        })
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// How well a Skola24 child fits an e-service child: `None` when it cannot be the same child,
/// else the number of shared name tokens.
fn match_score(stockholm: &Child, skola24: &Skola24ChildRef) -> Option<usize> {
    let s_first = name_tokens(&stockholm.first_name);
    let s_last = name_tokens(&stockholm.last_name);
    let k_first = name_tokens(&skola24.first_name);
    let k_last = name_tokens(&skola24.last_name);
    // First names: the e-service first word must be the first token of the Skola24 first name.
    if s_first.first()? != k_first.first()? {
        return None;
    }
    let s_all: HashSet<&String> = s_first.iter().chain(&s_last).collect();
    if !s_last.is_empty() && !k_last.is_empty() {
        // Skola24 may put a middle name in the first name, or both parents' names in the last
        // name: any shared last-name token counts.
        let s_rest: HashSet<&String> = s_all
            .iter()
            .copied()
            .filter(|t| *t != &s_first[0])
            .collect();
        if !k_last.iter().any(|t| s_rest.contains(t)) {
            return None;
        }
    }
    Some(
        k_first
            .iter()
            .chain(&k_last)
            .filter(|t| s_all.contains(t))
            .count(),
    )
}

/// Attaches Skola24 children to e-service children (`refs.skola24`); there is no shared id.
///
/// Rule (stricter than the upstream app's "first name is a prefix of the name"): names are
/// compared as tokens, case- and diacritics-insensitive, with hyphens as separators. A pair is a
/// candidate when the e-service first name equals the first token of the Skola24 first name and,
/// where both sides have a last name, at least one Skola24 last-name token appears in the
/// e-service name after the first name. Its score is the number of shared tokens. A pair is
/// attached when each is the other's only best-scoring candidate (one-to-one); attached pairs are
/// removed and the rest matched again. Ties attach nothing (logged at debug level, without names).
/// Children that already carry Skola24 ids keep them and take part in no matching.
pub fn merge_children(stockholm: &mut [Child], skola24: &[Skola24ChildRef]) {
    let already: HashSet<&str> = stockholm
        .iter()
        .filter_map(|c| c.refs.skola24.as_ref().map(|r| r.person_guid.as_str()))
        .collect();
    let mut open_s: Vec<usize> = (0..stockholm.len())
        .filter(|&i| stockholm.get(i).is_some_and(|c| c.refs.skola24.is_none()))
        .collect();
    let mut open_k: Vec<usize> = (0..skola24.len())
        .filter(|&j| {
            skola24
                .get(j)
                .is_some_and(|k| !already.contains(k.person_guid.as_str()))
        })
        .collect();
    let mut scores: HashMap<(usize, usize), usize> = HashMap::new();
    for &i in &open_s {
        for &j in &open_k {
            if let (Some(s), Some(k)) = (stockholm.get(i), skola24.get(j))
                && let Some(score) = match_score(s, k)
            {
                scores.insert((i, j), score);
            }
        }
    }
    let ambiguous = loop {
        let best_of_s = |i: usize, open_k: &[usize]| -> Option<(usize, bool)> {
            best(
                open_k
                    .iter()
                    .filter_map(|&j| scores.get(&(i, j)).map(|s| (j, *s))),
            )
        };
        let best_of_k = |j: usize, open_s: &[usize]| -> Option<(usize, bool)> {
            best(
                open_s
                    .iter()
                    .filter_map(|&i| scores.get(&(i, j)).map(|s| (i, *s))),
            )
        };
        let mut pairs = Vec::new();
        let mut ambiguous = 0usize;
        for &i in &open_s {
            match best_of_s(i, &open_k) {
                Some((j, true)) => {
                    if best_of_k(j, &open_s) == Some((i, true)) {
                        pairs.push((i, j));
                    } else {
                        ambiguous += 1;
                    }
                }
                Some((_, false)) => ambiguous += 1,
                None => {}
            }
        }
        if pairs.is_empty() {
            break ambiguous;
        }
        for (i, j) in pairs {
            if let (Some(child), Some(reference)) = (stockholm.get_mut(i), skola24.get(j)) {
                child.refs.skola24 = Some(reference.clone());
            }
            open_s.retain(|&x| x != i);
            open_k.retain(|&x| x != j);
        }
    };
    if ambiguous > 0 {
        tracing::debug!(
            ambiguous,
            "some children matched several Skola24 children equally well; none attached"
        );
    }
}

/// The best-scoring candidate and whether it is the only one with that score.
fn best(candidates: impl Iterator<Item = (usize, usize)>) -> Option<(usize, bool)> {
    let mut best: Option<(usize, usize)> = None;
    let mut unique = true;
    for (index, score) in candidates {
        match best {
            Some((_, s)) if score < s => {}
            Some((_, s)) if score == s => unique = false,
            _ => {
                best = Some((index, score));
                unique = true;
            }
        }
    }
    best.map(|(index, _)| (index, unique))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fold_case_diacritics_and_hyphens() {
        assert_eq!(
            name_tokens("Åsa-Lena  Östlund"),
            vec!["asa", "lena", "ostlund"]
        );
        assert_eq!(name_tokens("José"), vec!["jose"]);
    }

    #[test]
    fn saml_inputs() {
        let page = r#"<form method="post"><input type="hidden" name="SAMLRequest" value="PHNhbWw+"></form>"#;
        assert_eq!(saml_request(page).unwrap(), "PHNhbWw+");
        let err = saml_response(page).unwrap_err();
        assert!(
            matches!(&err, Error::Parse { detail, .. } if detail == "Could not parse SAML Response"),
            "{err:?}"
        );
        assert!(saml_request("<html>Logga in</html>").is_err());
    }

    #[test]
    fn initials_become_names() {
        let child = EntityId::from_raw("stockholm:demo:child:c");
        let teacher = |first: &str, last: &str| Teacher {
            id: EntityId::for_child(&child, EntityKind::Teacher, first),
            child_id: child.clone(),
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            email: None,
            phone: None,
            active: true,
            school_form: None,
            timetable_abbreviation: Teacher::abbreviation_for(first, last),
        };
        let teachers = [
            teacher("Karin", "Ursson"),
            teacher("Anna", "Tegnér"),
            teacher("Anton", "Lärarsson"),
        ];
        // Initials with letters beyond ASCII match too ("ALä" ↔ "ALÄ").
        assert_eq!(teacher_names("ALä", &teachers), "Anton Lärarsson");
        assert_eq!(teacher_names("KUr", &teachers), "Karin Ursson");
        assert_eq!(teacher_names("ATe, GTe", &teachers), "Anna Tegnér, GTe");
        assert_eq!(teacher_names("", &teachers), "");
    }
}
