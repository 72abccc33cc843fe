//! `GET /CareSchedule/LoadDays?fromDate=…`: the care schedule ("omsorgsschema") of every child
//! of the guardian: planned times, actual check-in/out, leave, closed days and holidays.

use std::collections::BTreeMap;

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use super::calendar::parse_time;
use crate::error::{Error, Result};
use crate::markdown::html_to_markdown;
use crate::model::{CareTime, EntityId, EntityKind};

const ENDPOINT: &str = "LoadDays";

/// One care day of one child, before it is tied to a [`crate::model::Child`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CareDay {
    /// Pupil id.
    pub child_id: String,
    /// The day.
    pub date: Date,
    /// Planned start.
    pub start: Option<Time>,
    /// Planned end (an end before the start belongs to the next day).
    pub end: Option<Time>,
    /// Actual check-in.
    pub check_in: Option<Time>,
    /// Actual check-out.
    pub check_out: Option<Time>,
    /// On leave.
    pub on_leave: bool,
    /// The school is closed that day.
    pub school_closed: bool,
    /// A school holiday.
    pub holiday: bool,
    /// The message as Markdown.
    pub message: Option<String>,
}

/// The answer: its window and its days, in input order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CareSchedule {
    /// First day covered.
    pub from_date: Date,
    /// Last day covered.
    pub until_date: Date,
    /// The days.
    pub days: Vec<CareDay>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Raw {
    from_date: String,
    until_date: String,
    #[serde(default)]
    schedule_data: Option<Vec<RawDay>>,
    #[serde(default)]
    school_closed_data: Option<BTreeMap<String, Vec<String>>>,
    #[serde(default)]
    school_holiday_data: Option<BTreeMap<String, Vec<String>>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawDay {
    #[serde(default)]
    student_id: Option<serde_json::Value>,
    #[serde(default)]
    school_id: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    start_time: Option<String>,
    #[serde(default)]
    end_time: Option<String>,
    #[serde(default)]
    drop_off_time: Option<String>,
    #[serde(default)]
    pick_up_time: Option<String>,
    #[serde(default)]
    is_on_leave: Option<serde_json::Value>,
    #[serde(default)]
    message: Option<String>,
}

fn text_of(v: &Option<serde_json::Value>) -> Option<String> {
    match v {
        Some(serde_json::Value::String(s)) => Some(s.trim().to_owned()),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn flag(v: &Option<serde_json::Value>) -> bool {
    match v {
        Some(serde_json::Value::Bool(b)) => *b,
        Some(serde_json::Value::String(s)) => {
            s.trim().eq_ignore_ascii_case("true") || s.trim() == "1"
        }
        Some(serde_json::Value::Number(n)) => n.as_i64() == Some(1),
        _ => false,
    }
}

fn listed(map: &Option<BTreeMap<String, Vec<String>>>, school: Option<&str>, date: Date) -> bool {
    let (Some(map), Some(school)) = (map, school) else {
        return false;
    };
    map.get(school).is_some_and(|days| {
        days.iter()
            .any(|d| d.trim().parse::<Date>().ok() == Some(date))
    })
}

/// Parses the answer. A window longer than 35 days, or one ending before it starts, is
/// schema drift: [`Error::Parse`] (the caller keeps the cached schedule).
pub fn parse_care_schedule(body: &str) -> Result<CareSchedule> {
    let raw: Raw = serde_json::from_str(body).map_err(|e| Error::parse(ENDPOINT, e))?;
    let from: Date = raw
        .from_date
        .trim()
        .parse()
        .map_err(|e| Error::parse(ENDPOINT, e))?;
    let until: Date = raw
        .until_date
        .trim()
        .parse()
        .map_err(|e| Error::parse(ENDPOINT, e))?;
    let length = from
        .until(until)
        .map_err(|e| Error::parse(ENDPOINT, e))?
        .get_days();
    if !(0..=35).contains(&length) {
        return Err(Error::parse(
            ENDPOINT,
            "the schedule window is not as requested",
        ));
    }
    let mut days = Vec::new();
    for d in raw.schedule_data.unwrap_or_default() {
        let (Some(child_id), Some(date)) = (
            text_of(&d.student_id),
            d.date
                .as_deref()
                .and_then(|s| s.trim().get(..10)?.parse().ok()),
        ) else {
            continue;
        };
        let school = text_of(&d.school_id);
        let message = d
            .message
            .as_deref()
            .map(|m| html_to_markdown(m, None).trim().to_owned())
            .filter(|m| !m.is_empty());
        let time = |s: &Option<String>| s.as_deref().and_then(parse_time);
        days.push(CareDay {
            child_id,
            date,
            start: time(&d.start_time),
            end: time(&d.end_time),
            check_in: time(&d.drop_off_time),
            check_out: time(&d.pick_up_time),
            on_leave: flag(&d.is_on_leave),
            school_closed: listed(&raw.school_closed_data, school.as_deref(), date),
            holiday: listed(&raw.school_holiday_data, school.as_deref(), date),
            message,
        });
    }
    Ok(CareSchedule {
        from_date: from,
        until_date: until,
        days,
    })
}

fn at(date: Date, time: Option<Time>) -> Option<jiff::ZonedDateTime> {
    time.map(|t| crate::time::local(date.to_datetime(t)))
}

impl CareDay {
    /// The day as a [`CareTime`] of `child`.
    pub fn care_time(&self, child: &EntityId) -> CareTime {
        let end_date = match (self.start, self.end) {
            (Some(s), Some(e)) if e < s => self.date.tomorrow().unwrap_or(self.date),
            _ => self.date,
        };
        let closed = self.school_closed || self.holiday;
        CareTime {
            id: EntityId::for_child(child, EntityKind::CareTime, &self.date.to_string()),
            child_id: child.clone(),
            date: self.date,
            start: at(self.date, self.start),
            end: at(end_date, self.end),
            checked_in: at(self.date, self.check_in),
            checked_out: at(self.date, self.check_out),
            on_leave: self.on_leave,
            locked: true,
            closed,
            closed_reason: None,
            opening_time: None,
            closing_time: None,
            comment: self.message.clone(),
            staff_comment: None,
            has_comments: self.message.is_some(),
            has_unread_comments: false,
            times_missing: false,
        }
    }
}
