//! Pages Skolbryggan parses but does not map into the model yet (no entity fits, or the
//! provider does not read them): the study overview (schools, pupils, grade rows) and the
//! automatic weekly reports. Exposed through `parse --endpoint` and these functions.

use serde::{Deserialize, Serialize};

use super::dom::Page;
use super::script::{Payload, enhancer_payload};
use crate::error::{Error, Result};

/// `GET /StudyOverview/Student`: the selected school and the pupils.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StudyOverview {
    /// The selected `#SchoolId` option: (id, name).
    pub school: Option<(String, String)>,
    /// The pupils: (id, name).
    pub pupils: Vec<(String, String)>,
}

/// Parses `GET /StudyOverview/Student[/<pupil>]`.
pub fn parse_study_overview(html: &str) -> StudyOverview {
    let page = Page::parse(html);
    let selects = page.find(|e| e.tag() == "select" && e.attr("id").as_deref() == Some("SchoolId"));
    let school = selects.first().and_then(|s| {
        let opts = s.find(|e| e.tag() == "option");
        let o = opts
            .iter()
            .find(|o| o.attr("selected").is_some())
            .or_else(|| opts.first())?;
        Some((
            o.attr("value")?.trim().to_owned(),
            o.text().trim().to_owned(),
        ))
    });
    let pupils = page
        .find(|e| e.tag() == "vkau-checkable-list-item")
        .iter()
        .filter_map(|item| {
            let radio = item.first(|e| e.tag() == "input")?;
            Some((
                radio.attr("value")?.trim().to_owned(),
                item.attr("text")?.trim().to_owned(),
            ))
        })
        .collect();
    StudyOverview { school, pupils }
}

/// One grade row of `GET /StudyOverview/Courses/<pupil>?school=<school>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CourseRow {
    /// Subject name.
    #[serde(default)]
    pub subject_name: Option<String>,
    /// Course name.
    #[serde(default)]
    pub course_name: Option<String>,
    /// The teacher's assessment text.
    #[serde(default)]
    pub judgement: Option<String>,
    /// The grade.
    #[serde(default)]
    pub grade: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// The course is active (from `items`; `inactiveItems` are not).
    #[serde(default)]
    pub course_active: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCourses {
    #[serde(default)]
    items: Vec<CourseRow>,
    #[serde(default)]
    inactive_items: Vec<CourseRow>,
}

/// Parses the courses page: active rows, then inactive ones (marked not active).
pub fn parse_courses(html: &str) -> Result<Vec<CourseRow>> {
    let json = match enhancer_payload(html, "studyoverview-courses") {
        Some(Payload::Json(j)) => j,
        Some(Payload::Undefined) => return Ok(Vec::new()),
        None => {
            return Err(Error::parse(
                "Courses",
                "the page has no studyoverview-courses payload",
            ));
        }
    };
    let raw: RawCourses = serde_json::from_str(&json).map_err(|e| Error::parse("Courses", e))?;
    let mut rows = raw.items;
    rows.extend(raw.inactive_items.into_iter().map(|mut r| {
        r.course_active = Some(false);
        r
    }));
    Ok(rows)
}

/// One automatic weekly report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WeeklyReport {
    /// The child's first name (the badge's `text`).
    pub child: String,
    /// The report date as shown (the badge's `secondary-text`).
    pub date: String,
    /// The upcoming items (`section.events li`), trimmed.
    pub upcoming: Vec<String>,
    /// The school's iCal feed, all whitespace removed from the link.
    pub ical_url: Option<String>,
}

/// Parses `GET /WeeklyReports/Archive/`, newest first as delivered.
pub fn parse_weekly_reports(html: &str) -> Vec<WeeklyReport> {
    Page::parse(html)
        .find(|e| e.tag() == "vkau-expansion-panel")
        .iter()
        .filter_map(|panel| {
            let badge = panel.first(|e| e.tag() == "vkau-icon-badge")?;
            let upcoming = panel
                .find(|e| e.tag() == "section" && e.has_class("events"))
                .iter()
                .flat_map(|s| s.find(|e| e.tag() == "li"))
                .map(|li| li.text().split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty())
                .collect();
            let ical_url = panel
                .find(|e| e.tag() == "a")
                .iter()
                .filter_map(|a| a.attr("href"))
                .map(|h| h.split_whitespace().collect::<String>())
                .find(|h| h.contains("cal.vklass.se"));
            Some(WeeklyReport {
                child: badge.attr("text")?.trim().to_owned(),
                date: badge
                    .attr("secondary-text")
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
                upcoming,
                ical_url,
            })
        })
        .collect()
}
