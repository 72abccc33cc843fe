//! The fritids (after-school care) month page
//! `GET {S}jsp/student/right_parent_preschool_schedule_new.jsp?requestid&month&year&fromdate`:
//! a `table.monthback`, one row per week (`td.weekback` = week number), each day cell with an
//! edit link carrying `fromdate=<YYYY-MM-DD>` and the booked times as "8:00 - 16:30".

use jiff::civil::Date;

use super::dom::Page;
use super::util::{clock, query_value, zoned};
use crate::error::{Error, Result};
use crate::model::{CareTime, Child, EntityId, EntityKind};

/// Parses the month table into the booked days.
pub fn parse_fritids_month(html: &str, child: &Child) -> Result<Vec<CareTime>> {
    let page = Page::parse(html);
    let table = page
        .select(Some("table"), Some("monthback"))
        .into_iter()
        .next()
        .ok_or_else(|| Error::parse("right_parent_preschool_schedule_new.jsp", "no month table"))?;
    let mut out = Vec::new();
    for cell in table.select(Some("td"), None) {
        if cell.has_class("weekback") {
            continue;
        }
        let Some(date) = cell
            .select(Some("a"), None)
            .iter()
            .filter_map(|a| a.attr("href"))
            .find_map(|h| query_value(&h, "fromdate"))
            .and_then(|d| d.parse::<Date>().ok())
        else {
            continue;
        };
        let text = cell.text();
        let Some((start, end)) = text.split_once(" - ").and_then(|(a, b)| {
            let start = a.split_whitespace().last().and_then(clock)?;
            let end = b.split_whitespace().next().and_then(clock)?;
            Some((start, end))
        }) else {
            continue;
        };
        out.push(CareTime {
            id: EntityId::for_child(&child.id, EntityKind::CareTime, &date.to_string()),
            child_id: child.id.clone(),
            date,
            start: Some(zoned(date.to_datetime(start))),
            end: Some(zoned(date.to_datetime(end))),
            checked_in: None,
            checked_out: None,
            on_leave: false,
            locked: false,
            closed: false,
            closed_reason: None,
            opening_time: None,
            closing_time: None,
            comment: None,
            staff_comment: None,
            has_comments: false,
            has_unread_comments: false,
            times_missing: false,
        });
    }
    Ok(out)
}
