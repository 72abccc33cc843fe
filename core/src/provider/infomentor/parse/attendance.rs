//! The attendance app: `attendance/appData` (today's and tomorrow's absence, with the flags that
//! say whether a guardian may report) and `attendance/GetAttendanceList` (past registrations).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Availability;
use super::util::{self, de_bool, de_text, de_u32};
use crate::error::Result;
use crate::model::{AbsenceReportAction, AttendanceRecord, AttendanceStatus, EntityId, EntityKind};

const APP_DATA: &str = "attendance/appData";
const LIST: &str = "GetAttendanceList";

/// What `attendance/appData` says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceOverview {
    /// Today's and tomorrow's absence, then the past registrations the page carries.
    pub records: Vec<AttendanceRecord>,
    /// The day-absence report offers for today and tomorrow (only days whose date is given).
    pub actions: Vec<AbsenceReportAction>,
    /// Upstream allows reporting absence per lesson (`canRegisterSessionAbsence`; the payload
    /// of that call is not known, so no action is offered for it).
    pub can_register_lesson_absence: bool,
    /// Upstream allows leave requests (`canRequestLeave`).
    pub can_request_leave: bool,
    /// The date upstream calls "today" (`absenceTodayDate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub today: Option<Date>,
    /// The date upstream calls "tomorrow" (`absenceTomorrowDate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tomorrow: Option<Date>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawAppData {
    #[serde(default, deserialize_with = "de_bool")]
    absent_today: bool,
    #[serde(default, deserialize_with = "de_bool")]
    absent_tomorrow: bool,
    #[serde(default, deserialize_with = "de_text")]
    absence_today_comment: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    absence_tomorrow_comment: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    absence_today_date: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    absence_tomorrow_date: Option<String>,
    #[serde(default, deserialize_with = "de_bool")]
    absence_today_locked: bool,
    #[serde(default, deserialize_with = "de_bool")]
    absence_tomorrow_locked: bool,
    #[serde(default, deserialize_with = "util::de_list")]
    absence_today_sessions: Vec<Value>,
    #[serde(default, deserialize_with = "util::de_list")]
    absence_tomorrow_sessions: Vec<Value>,
    #[serde(default, deserialize_with = "de_bool")]
    can_register_day_absence: bool,
    #[serde(default, deserialize_with = "de_bool")]
    can_register_session_absence: bool,
    #[serde(default, deserialize_with = "de_bool")]
    can_add_sickness_today: bool,
    #[serde(default, deserialize_with = "de_bool")]
    can_add_sickness_tomorrow: bool,
    #[serde(default, deserialize_with = "de_bool")]
    can_request_leave: bool,
    #[serde(default)]
    paged_list: Option<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSession {
    #[serde(default, deserialize_with = "de_text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    formatted_time_string: Option<String>,
    #[serde(default, deserialize_with = "de_bool")]
    is_absent: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRegistration {
    #[serde(default, deserialize_with = "de_text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    date: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    short_date: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    date_string: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    long_date: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    time: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    start_time: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    end_time: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    subject: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    lesson_name: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    reason: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    comment: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    registered_by_name: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    registration_type_name: Option<String>,
    #[serde(default, deserialize_with = "de_u32")]
    minutes: Option<u32>,
}

struct Day<'a> {
    date: Option<Date>,
    absent: bool,
    locked: bool,
    comment: &'a Option<String>,
    sessions: Vec<Value>,
    sickness: bool,
}

/// Parses `attendance/appData`.
///
/// Guesses (see NOTES.md): the day-report permission is `canRegisterDayAbsence` and the lock is
/// `absenceTodayLocked` / `absenceTomorrowLocked`; `canAddSicknessToday` / `…Tomorrow` are read
/// as "may also mark the fritids care time as sick" (the report call has a
/// `canAddSicknessToTimeRegistration` field).
pub fn parse_app_data(body: &str, child: &EntityId) -> Result<Availability<AttendanceOverview>> {
    Ok(util::json_object::<RawAppData>(APP_DATA, body)?.map(|raw| {
        let mut out = AttendanceOverview {
            can_register_lesson_absence: raw.can_register_session_absence,
            can_request_leave: raw.can_request_leave,
            ..Default::default()
        };
        out.today = raw.absence_today_date.as_deref().and_then(util::local_date);
        out.tomorrow = raw
            .absence_tomorrow_date
            .as_deref()
            .and_then(util::local_date);
        let days = [
            Day {
                date: raw.absence_today_date.as_deref().and_then(util::local_date),
                absent: raw.absent_today,
                locked: raw.absence_today_locked,
                comment: &raw.absence_today_comment,
                sessions: raw.absence_today_sessions.clone(),
                sickness: raw.can_add_sickness_today,
            },
            Day {
                date: raw
                    .absence_tomorrow_date
                    .as_deref()
                    .and_then(util::local_date),
                absent: raw.absent_tomorrow,
                locked: raw.absence_tomorrow_locked,
                comment: &raw.absence_tomorrow_comment,
                sessions: raw.absence_tomorrow_sessions.clone(),
                sickness: raw.can_add_sickness_tomorrow,
            },
        ];
        for day in days {
            let Some(date) = day.date else { continue };
            out.records.extend(day_records(&day, date, child));
            out.actions.push(AbsenceReportAction {
                id: EntityId::for_child(child, EntityKind::AbsenceReportAction, &date.to_string()),
                child_id: child.clone(),
                day: date,
                allowed: raw.can_register_day_absence,
                locked: day.locked,
                already_reported: day.absent,
                comment: day.comment.clone(),
                can_mark_care_time: day.sickness,
            });
        }
        if let Some(paged) = raw.paged_list {
            let items = match paged {
                Value::Array(items) => items,
                Value::Object(map) => map
                    .get("items")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            out.records.extend(registrations(APP_DATA, items, child));
        }
        out
    }))
}

/// Parses `GetAttendanceList` (`{ items: [...] }` or a bare array). Field names differ between
/// sources; both known sets are read. Items without a readable date are skipped.
pub fn parse_attendance_list(
    body: &str,
    child: &EntityId,
) -> Result<Availability<Vec<AttendanceRecord>>> {
    Ok(util::json_body::<util::ListBody>(LIST, body)?
        .map(|raw| registrations(LIST, raw.into_items(), child)))
}

fn day_records(day: &Day<'_>, date: Date, child: &EntityId) -> Vec<AttendanceRecord> {
    let sessions: Vec<RawSession> = util::decode_items(APP_DATA, day.sessions.clone());
    let mut out: Vec<AttendanceRecord> = sessions
        .into_iter()
        .filter(|s| s.is_absent)
        .map(|s| {
            let (start, end) = time_span(date, s.formatted_time_string.as_deref());
            let title = s.title.unwrap_or_default();
            let key =
                util::stable_hash(&[&title, s.formatted_time_string.as_deref().unwrap_or("")]);
            AttendanceRecord {
                id: EntityId::for_child(child, EntityKind::Attendance, &format!("{date}/{key}")),
                child_id: child.clone(),
                date,
                lesson: (!title.is_empty()).then_some(title),
                start,
                end,
                status: AttendanceStatus::Absent,
                registration_type: None,
                reason: None,
                comment: day.comment.clone(),
                reported_by: None,
                minutes: None,
            }
        })
        .collect();
    if day.absent && out.is_empty() {
        out.push(AttendanceRecord {
            id: EntityId::for_child(child, EntityKind::Attendance, &format!("{date}/day")),
            child_id: child.clone(),
            date,
            lesson: None,
            start: None,
            end: None,
            status: AttendanceStatus::Absent,
            registration_type: None,
            reason: None,
            comment: day.comment.clone(),
            reported_by: None,
            minutes: None,
        });
    }
    out
}

/// `"08:10 - 09:00"` (or `"08:10"`) on `date`.
fn time_span(
    date: Date,
    text: Option<&str>,
) -> (Option<jiff::ZonedDateTime>, Option<jiff::ZonedDateTime>) {
    let Some(text) = text else {
        return (None, None);
    };
    let mut parts = text.splitn(2, ['-', '–']);
    let start = parts
        .next()
        .and_then(util::clock_time)
        .map(|t| util::at(date, t));
    let end = parts
        .next()
        .and_then(util::clock_time)
        .map(|t| util::at(date, t));
    (start, end)
}

fn registrations(endpoint: &str, items: Vec<Value>, child: &EntityId) -> Vec<AttendanceRecord> {
    util::decode_items::<RawRegistration>(endpoint, items)
        .into_iter()
        .filter_map(|r| {
            let date = [&r.date, &r.short_date, &r.date_string, &r.long_date]
                .into_iter()
                .filter_map(|d| d.as_deref())
                .find_map(util::local_date)?;
            let (mut start, mut end) = time_span(date, r.time.as_deref());
            if start.is_none() {
                start = r
                    .start_time
                    .as_deref()
                    .and_then(util::clock_time)
                    .map(|t| util::at(date, t));
            }
            if end.is_none() {
                end = r
                    .end_time
                    .as_deref()
                    .and_then(util::clock_time)
                    .map(|t| util::at(date, t));
            }
            let lesson = r.subject.or(r.lesson_name);
            let status = status_of(r.registration_type_name.as_deref());
            let local = match &r.id {
                Some(id) => id.clone(),
                None => util::stable_hash(&[
                    &date.to_string(),
                    lesson.as_deref().unwrap_or(""),
                    r.time.as_deref().or(r.start_time.as_deref()).unwrap_or(""),
                ]),
            };
            Some(AttendanceRecord {
                id: EntityId::for_child(child, EntityKind::Attendance, &local),
                child_id: child.clone(),
                date,
                lesson,
                start,
                end,
                status,
                registration_type: r.registration_type_name,
                reason: r.reason,
                comment: r.comment,
                reported_by: r.registered_by_name,
                minutes: r.minutes,
            })
        })
        .collect()
}

fn status_of(registration_type: Option<&str>) -> AttendanceStatus {
    let Some(t) = registration_type.map(str::to_lowercase) else {
        return AttendanceStatus::Absent;
    };
    if t.contains("sen ankomst") || t.starts_with("sen") || t.contains("late") {
        AttendanceStatus::Late
    } else if t.contains("frånvar")
        || t.contains("absen")
        || t.contains("sjuk")
        || t.contains("ledig")
    {
        AttendanceStatus::Absent
    } else if t.contains("närvar") || t.contains("present") {
        AttendanceStatus::Present
    } else {
        AttendanceStatus::Other
    }
}
