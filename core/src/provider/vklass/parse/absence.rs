//! `GET /Absence/Notify`: the wards (the authoritative child list), the period each may be
//! reported for, the quick-option date and the form's anti-forgery token; and the answer to
//! the report `POST`.

use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

use super::script::{Payload, enhancer_payload};
use crate::error::{Error, Result};
use crate::html_scan;

const ENDPOINT: &str = "absence-notify";

/// One ward of the guardian, as the absence form lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ward {
    /// Pupil id (digits).
    pub id: String,
    /// First name (`fullName`).
    pub name: String,
    /// The earliest moment a report may cover (`AbsenceBoundaryMinDate`, local time).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_from: Option<DateTime>,
    /// The latest moment a report may cover (`AbsenceBoundaryMaxDate`, local time).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_until: Option<DateTime>,
    /// The option is disabled or read-only: no report can be made for this ward.
    pub locked: bool,
    /// The bounds exactly as the page wrote them (posted back unchanged).
    #[serde(skip)]
    pub raw_bounds: (String, String),
}

impl Ward {
    /// True when a whole-day report for `day` lies within the ward's bounds and is allowed.
    pub fn can_report(&self, day: Date) -> bool {
        if self.locked {
            return false;
        }
        match (self.report_from, self.report_until) {
            (Some(from), Some(until)) => from.date() <= day && day <= until.date(),
            _ => false,
        }
    }
}

/// The absence page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AbsenceForm {
    /// The wards, in page order.
    pub wards: Vec<Ward>,
    /// The date of the school's quick "whole day" report (today).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quick_option_date: Option<Date>,
    /// The form's `__RequestVerificationToken`.
    #[serde(skip)]
    pub token: Option<String>,
}

impl AbsenceForm {
    /// The ward with pupil id `id`.
    pub fn ward(&self, id: &str) -> Option<&Ward> {
        self.wards.iter().find(|w| w.id == id)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPayload {
    student_options: Vec<RawOption>,
    #[serde(default)]
    quick_option_date: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawOption {
    #[serde(default)]
    value: Option<serde_json::Value>,
    #[serde(default)]
    full_name: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    disabled: Option<bool>,
    #[serde(default)]
    read_only: Option<bool>,
    #[serde(default)]
    additional_values: Option<RawBounds>,
}

#[derive(Deserialize)]
struct RawBounds {
    #[serde(rename = "AbsenceBoundaryMinDate", default)]
    min: Option<String>,
    #[serde(rename = "AbsenceBoundaryMaxDate", default)]
    max: Option<String>,
}

/// Reads a Vklass local date-time `YYYY-MM-DD HH:mm` (seconds optional).
pub(crate) fn local_datetime(s: &str) -> Option<DateTime> {
    let s = s.trim();
    let (d, t) = s.split_once([' ', 'T'])?;
    let date: Date = d.parse().ok()?;
    let time = super::calendar::parse_time(t)?;
    Some(date.to_datetime(time))
}

/// Parses the absence page. A page without the `absence-notify` payload is not a ward list:
/// [`Error::SessionExpired`] when it is a login page, else [`Error::Parse`].
pub fn parse_absence_form(html: &str) -> Result<AbsenceForm> {
    let json = match enhancer_payload(html, "absence-notify") {
        Some(Payload::Json(json)) => json,
        Some(Payload::Undefined) | None => {
            if super::is_login_page(html) {
                return Err(Error::SessionExpired {
                    endpoint: ENDPOINT.to_owned(),
                });
            }
            return Err(Error::parse(
                ENDPOINT,
                "the page has no absence-notify payload",
            ));
        }
    };
    let raw: RawPayload = serde_json::from_str(&json).map_err(|e| Error::parse(ENDPOINT, e))?;
    let mut wards = Vec::new();
    for o in raw.student_options {
        let id = match o.value {
            Some(serde_json::Value::String(s)) => s.trim().to_owned(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => continue,
        };
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let (min, max) = o
            .additional_values
            .map(|b| (b.min.unwrap_or_default(), b.max.unwrap_or_default()))
            .unwrap_or_default();
        wards.push(Ward {
            id,
            name: o.full_name.or(o.text).unwrap_or_default().trim().to_owned(),
            report_from: local_datetime(&min),
            report_until: local_datetime(&max),
            locked: o.disabled.unwrap_or(false) || o.read_only.unwrap_or(false),
            raw_bounds: (min, max),
        });
    }
    Ok(AbsenceForm {
        wards,
        quick_option_date: raw.quick_option_date.and_then(|d| d.trim().parse().ok()),
        token: html_scan::input_value(html, "__RequestVerificationToken"),
    })
}

/// The form fields of a whole-day report for `ward` on the quick-option date, in the order
/// the web application posts them.
pub fn whole_day_report(form: &AbsenceForm, ward: &Ward) -> Result<Vec<(String, String)>> {
    let token = form
        .token
        .clone()
        .ok_or_else(|| Error::parse(ENDPOINT, "the form has no anti-forgery token"))?;
    let quick = form
        .quick_option_date
        .ok_or_else(|| Error::parse(ENDPOINT, "the form has no quick-option date"))?;
    let pairs = [
        ("Notify.FormOnly", "False".to_owned()),
        ("Notify.MinimumStartDateTime", ward.raw_bounds.0.clone()),
        ("Notify.MaximumEndDateTime", ward.raw_bounds.1.clone()),
        ("Notify.QuickOptionDateIsNull", "False".to_owned()),
        ("Notify.SelectedStudentIds", ward.id.clone()),
        ("Notify.QuickOptionDate", quick.to_string()),
        ("Notify.StartDate", String::new()),
        ("Notify.StartTime", String::new()),
        ("Notify.EndDate", String::new()),
        ("Notify.EndTime", String::new()),
        ("__RequestVerificationToken", token),
    ];
    Ok(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// The validation messages of a rejected report (`200` with the form again).
pub fn validation_messages(html: &str) -> Vec<String> {
    let page = super::dom::Page::parse(html);
    page.find(|e| e.has_class("field-validation-error") || e.has_class("validation-summary-errors"))
        .iter()
        .map(|e| e.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect()
}
