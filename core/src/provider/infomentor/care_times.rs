//! Care times (fritids, förskola): the Hub's weekly time registrations, read once per week with
//! each day's comments.

use jiff::civil::Date;
use serde_json::{Value, json};

use super::context::Context;
use super::parse::{self, Availability, CareSchedule};
use super::reads::read;
use super::routes;
use crate::error::Result;
use crate::model::Child;
use crate::provider::DateRange;

/// The care weeks touching `range`, each read once.
/// One kind of per-day item (`pick`) of the care weeks covering `range`: only the days in
/// `range`, one item per day (weeks can overlap at the edges).
pub(crate) async fn care_week_items<T>(
    context: &Context,
    child: &Child,
    range: DateRange,
    pick: impl Fn(CareSchedule) -> Vec<T>,
    date: impl Fn(&T) -> Date,
) -> Result<Vec<T>> {
    let mut items: Vec<T> = care_weeks(context, child, range)
        .await?
        .into_iter()
        .flat_map(pick)
        .filter(|item| range.contains(date(item)))
        .collect();
    items.dedup_by(|a, b| date(a) == date(b));
    Ok(items)
}

async fn care_weeks(
    context: &Context,
    child: &Child,
    range: DateRange,
) -> Result<Vec<CareSchedule>> {
    let mut out = Vec::new();
    let mut day = range.start;
    let mut weeks = 0;
    while day <= range.end && weeks < 60 {
        out.push(care_schedule(context, child, day).await?);
        weeks += 1;
        let Ok(next) = day.checked_add(jiff::Span::new().days(7)) else {
            break;
        };
        day = next;
    }
    Ok(out)
}

pub(crate) async fn care_week(
    context: &Context,
    child: &Child,
    date: Date,
) -> Result<(Availability<CareSchedule>, Option<Value>)> {
    let body = json!({ "date": date.to_string(), "showNextWeekIfNoMoreSchoolDays": false });
    let raw_day = std::sync::Mutex::new(None);
    let schedule = read(
        context,
        Some(child),
        routes::TIME_REGISTRATIONS,
        Some(body),
        |t| {
            if let Ok(Availability::Available(day)) = parse::raw_care_day(t, date)
                && let Ok(mut slot) = raw_day.lock()
            {
                *slot = day;
            }
            parse::parse_time_registrations(t, &child.id)
        },
    )
    .await?;
    let raw = raw_day.lock().ok().and_then(|mut s| s.take());
    Ok((schedule, raw))
}

/// The care times (and edit offers) of the week containing `date`, with each day's comments
/// and actual times where the Hub says there are comments.
pub(crate) async fn care_schedule(
    context: &Context,
    child: &Child,
    date: Date,
) -> Result<CareSchedule> {
    let (schedule, _) = care_week(context, child, date).await?;
    let mut schedule = schedule.or_empty();
    for day in schedule.days.iter_mut().filter(|d| d.has_comments) {
        let comments = read(
            context,
            Some(child),
            routes::CARE_COMMENTS,
            Some(json!({ "date": day.date.to_string() })),
            parse::parse_care_time_comments,
        )
        .await;
        if let Ok(Availability::Available(c)) = comments {
            c.apply_to(day);
        }
    }
    Ok(schedule)
}
