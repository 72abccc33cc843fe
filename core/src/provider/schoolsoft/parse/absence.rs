//! Absence reporting: the JSP form `GET {S}jsp/student/right_student_absence.jsp?type=day`
//! (one `.wrapper-all` column per weekday in `form#days`), the JSP AJAX answer
//! (`"<message>|<reported by>"`) and Eva's day view `…/student-absence/week/<w>/day/<d>`.

use serde::{Deserialize, Serialize};

use super::dom::Page;
use super::util::{de_id, de_text};
use crate::error::{Error, Result};
use crate::provider::upstream_json::decode;

/// One weekday of the absence form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AbsenceFormDay {
    /// 0 = Monday … 4 = Friday.
    pub index: u8,
    /// The heading ("Mån 31 aug").
    pub label: String,
    /// The day is already reported absent.
    pub reported: bool,
    /// The report button is disabled (a past or locked day).
    pub locked: bool,
}

/// The absence form of one week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AbsenceForm {
    /// The ISO week (`termweek`).
    pub week: Option<i8>,
    /// The weekdays.
    pub days: Vec<AbsenceFormDay>,
    /// "Anmält av: …" — who reported.
    pub reported_by: Option<String>,
}

/// Parses the absence form. A page without `form#days` is not the form (a login page or the
/// GDPR block page): [`Error::Parse`].
pub fn parse_absence_form(html: &str) -> Result<AbsenceForm> {
    let page = Page::parse(html);
    let form = page
        .by_id("days")
        .filter(|f| f.tag() == "form")
        .ok_or_else(|| Error::parse("right_student_absence.jsp", "no absence form"))?;
    let days = form
        .select(Some("div"), Some("wrapper-all"))
        .iter()
        .enumerate()
        .filter_map(|(index, column)| {
            let index = u8::try_from(index).ok()?;
            let headers = column.select(Some("div"), Some("subformheader"));
            let label = headers.first()?.text();
            let reported = headers
                .iter()
                .skip(1)
                .any(|h| h.text() == "Anmäld frånvaro");
            let locked = column
                .by_id(&format!("ls-{index}"))
                .is_none_or(|b| b.attr("disabled").is_some());
            Some(AbsenceFormDay {
                index,
                label,
                reported,
                locked,
            })
        })
        .collect();
    let week = form
        .select(Some("input"), None)
        .into_iter()
        .find(|i| i.attr("name").as_deref() == Some("termweek"))
        .and_then(|i| i.attr("value"))
        .and_then(|v| v.trim().parse().ok());
    let text = form.text();
    let reported_by = text
        .split_once("Anmält av:")
        .map(|(_, rest)| rest.trim().to_owned())
        .filter(|r| !r.is_empty());
    Ok(AbsenceForm {
        week,
        days,
        reported_by,
    })
}

/// The answer of the absence AJAX call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AjaxAnswer {
    /// The message part (`old` = already reported or locked).
    pub message: String,
    /// Who is now recorded as reporter.
    pub reported_by: Option<String>,
}

impl AjaxAnswer {
    /// True when the server refused because the day was already reported or locked.
    pub fn is_old(&self) -> bool {
        self.message.eq_ignore_ascii_case("old")
    }
}

/// Parses `"<message>|<reported by>"`. An HTML page is a lost session.
pub fn parse_ajax_answer(body: &str) -> Result<AjaxAnswer> {
    let body = body.trim();
    if crate::provider::upstream_json::looks_like_html(body) {
        return Err(Error::SessionExpired {
            endpoint: "right_student_absence_ajax.jsp".to_owned(),
        });
    }
    let (message, by) = body.split_once('|').unwrap_or((body, ""));
    Ok(AjaxAnswer {
        message: message.trim().to_owned(),
        reported_by: Some(by.trim().to_owned()).filter(|b| !b.is_empty()),
    })
}

/// One lesson of Eva's absence day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvaAbsenceLesson {
    /// Lesson id.
    #[serde(default, deserialize_with = "de_id")]
    pub lesson_id: Option<String>,
    /// Subject.
    #[serde(default, deserialize_with = "de_text")]
    pub subject: Option<String>,
    /// "HH:mm".
    #[serde(default, deserialize_with = "de_text")]
    pub start_time: Option<String>,
    /// "HH:mm".
    #[serde(default, deserialize_with = "de_text")]
    pub end_time: Option<String>,
    /// 1 not taken, 2 taken, 3 cancelled.
    #[serde(default)]
    pub lesson_status: i64,
    /// 0 none, 1 present, 2 absent, 3 explained, 4 reported by a guardian, 750 leave.
    #[serde(default)]
    pub lesson_status_student: i64,
    /// A report exists for the lesson.
    #[serde(default)]
    pub has_absence_report_for_lesson: bool,
    /// Comment.
    #[serde(default, deserialize_with = "de_text")]
    pub comment: Option<String>,
}

impl EvaAbsenceLesson {
    /// The official app's rule: reportable while attendance is not taken, the lesson is not
    /// cancelled and no report exists (the time rule is the caller's).
    pub fn can_report(&self) -> bool {
        self.lesson_status == 1 && !self.has_absence_report_for_lesson
    }

    /// Reported in advance by a guardian.
    pub fn reported_by_guardian(&self) -> bool {
        self.lesson_status_student == 4
    }
}

/// Eva's absence day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EvaAbsenceDay {
    /// 0 = Monday.
    #[serde(default)]
    pub day_id: u8,
    /// The whole day is reported.
    #[serde(default)]
    pub has_absence_report_full_day: bool,
    /// The lessons.
    #[serde(default)]
    pub lessons: Vec<EvaAbsenceLesson>,
}

/// Parses Eva's absence day.
pub fn parse_eva_absence_day(body: &str) -> Result<EvaAbsenceDay> {
    decode("student-absence/day", body)
}
