//! The home screen: one small card per child for one day, built from the cached snapshot.

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use serde::Serialize;

use super::absence::{AbsenceState, absence_state};
use super::bring::{BringItem, bring_items};
use super::day_hours::{CareHours, SchoolHours, care_hours, school_hours};
use super::day_off::{DayOff, day_off};
use super::freshness::{CardFreshness, card_freshness};
use super::inputs::{HomeInputs, PlatformSession, SessionState, UnreadKind};
use super::next_event::{NextEvent, next_event};
use crate::model::{
    AbsenceReportAction, AttendanceRecord, CalendarEvent, CareTime, Child, EntityId,
    FamilySnapshot, Platform, TimetableLesson,
};
use crate::time;

/// One child's day at a glance. No lists beyond a few lunch dishes and things to bring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChildCard {
    /// The child.
    pub child_id: EntityId,
    /// First name.
    pub child_name: String,
    /// The platform the child's data comes from.
    pub platform: Platform,
    /// The provider serving the child ("stockholm", "demo"), when known.
    pub provider: Option<String>,
    /// School hours from the timetable (none: no lessons today, or none cached).
    pub school_hours: Option<SchoolHours>,
    /// Care hours from the care times (none: no care-time day cached).
    pub care_hours: Option<CareHours>,
    /// Why there is no school today, if there is none.
    pub day_off: Option<DayOff>,
    /// What to bring.
    pub bring: Vec<BringItem>,
    /// Today's lunch dishes (upstream text), empty when no menu is cached.
    pub lunch: Vec<String>,
    /// Unread news items (from the change feed).
    pub unread_news: u32,
    /// Unread notifications (from the change feed).
    pub unread_notifications: u32,
    /// What the absence button can do today.
    pub absence: AbsenceState,
    /// The next calendar event, from now on.
    pub next_event: Option<NextEvent>,
    /// How fresh the card's data is.
    pub freshness: CardFreshness,
    /// The session of the child's platform.
    pub session: SessionState,
}

/// The family's home screen for one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FamilyHome {
    /// The day (Swedish local date).
    pub date: Date,
    /// One card per child, in the family's child order.
    pub children: Vec<ChildCard>,
    /// Each platform session of the account.
    pub sessions: Vec<PlatformSession>,
}

/// One child's share of the snapshot, gathered in one pass.
#[derive(Default)]
struct ChildItems<'a> {
    lessons: Vec<&'a TimetableLesson>,
    events_today: Vec<&'a CalendarEvent>,
    events_ahead: Vec<&'a CalendarEvent>,
    lunch: Option<&'a [String]>,
    care: Option<&'a CareTime>,
    offers: Vec<&'a AbsenceReportAction>,
    attendance: Vec<&'a AttendanceRecord>,
}

impl FamilyHome {
    /// The cards of `inputs.date` for every child of `family`.
    pub fn build(family: &FamilySnapshot, inputs: &HomeInputs) -> FamilyHome {
        let date = inputs.date;
        let index: HashMap<&EntityId, usize> = family
            .children
            .iter()
            .enumerate()
            .map(|(i, c)| (&c.id, i))
            .collect();
        let mut items: Vec<ChildItems<'_>> = family
            .children
            .iter()
            .map(|_| ChildItems::default())
            .collect();
        let day_start = time::start_of_day(date).timestamp();
        let day_end = date
            .tomorrow()
            .map(|d| time::start_of_day(d).timestamp())
            .unwrap_or(jiff::Timestamp::MAX);
        for lesson in &family.lessons {
            let t = lesson.start.timestamp();
            if day_start <= t
                && t < day_end
                && let Some(s) = slot(&mut items, &index, &lesson.child_id)
            {
                s.lessons.push(lesson);
            }
        }
        for event in &family.calendar {
            if event.timing.last_date() < date {
                continue;
            }
            if let Some(s) = slot(&mut items, &index, &event.child_id) {
                if event.timing.touches(date) {
                    s.events_today.push(event);
                }
                s.events_ahead.push(event);
            }
        }
        for menu in family.menus.iter().filter(|m| m.date == date) {
            if let Some(s) = slot(&mut items, &index, &menu.child_id) {
                s.lunch = Some(&menu.dishes);
            }
        }
        for care in family.care_times.iter().filter(|c| c.date == date) {
            if let Some(s) = slot(&mut items, &index, &care.child_id) {
                s.care = Some(care);
            }
        }
        for offer in family
            .absence_report_actions
            .iter()
            .filter(|o| o.day == date)
        {
            if let Some(s) = slot(&mut items, &index, &offer.child_id) {
                s.offers.push(offer);
            }
        }
        for record in family.attendance.iter().filter(|r| r.date == date) {
            if let Some(s) = slot(&mut items, &index, &record.child_id) {
                s.attendance.push(record);
            }
        }
        let unread = unread_counts(inputs);
        let children = family
            .children
            .iter()
            .zip(items)
            .map(|(child, mine)| card(child, mine, inputs, &unread))
            .collect();
        FamilyHome {
            date,
            children,
            sessions: inputs.sessions.clone(),
        }
    }
}

/// The items of `child`, when it is one of the family's.
fn slot<'x, 'a>(
    items: &'x mut [ChildItems<'a>],
    index: &HashMap<&EntityId, usize>,
    child: &EntityId,
) -> Option<&'x mut ChildItems<'a>> {
    index.get(child).and_then(|&i| items.get_mut(i))
}

/// Distinct unread news items and notifications per child.
fn unread_counts(inputs: &HomeInputs) -> HashMap<(&EntityId, UnreadKind), u32> {
    let mut seen: HashSet<(&EntityId, UnreadKind, &EntityId)> = HashSet::new();
    let mut counts = HashMap::new();
    for u in &inputs.unread {
        if seen.insert((&u.child_id, u.kind, &u.entity_id)) {
            *counts.entry((&u.child_id, u.kind)).or_insert(0) += 1;
        }
    }
    counts
}

/// The provider serving `child`: the one its cached resources came from, else a session whose
/// platforms include the child's.
fn provider_of<'a>(child: &Child, inputs: &'a HomeInputs) -> Option<&'a str> {
    inputs
        .resources
        .iter()
        .find(|r| r.child.as_ref() == Some(&child.id))
        .map(|r| r.provider.as_str())
        .or_else(|| {
            inputs
                .sessions
                .iter()
                .find(|s| s.platforms.contains(&child.platform))
                .map(|s| s.provider.as_str())
        })
}

fn card(
    child: &Child,
    mine: ChildItems<'_>,
    inputs: &HomeInputs,
    unread: &HashMap<(&EntityId, UnreadKind), u32>,
) -> ChildCard {
    let provider = provider_of(child, inputs);
    let session = provider
        .and_then(|p| inputs.sessions.iter().find(|s| s.provider == p))
        .map_or(SessionState::NotLoggedIn, |s| s.state);
    let count = |kind| unread.get(&(&child.id, kind)).copied().unwrap_or(0);
    ChildCard {
        child_id: child.id.clone(),
        child_name: child.first_name.clone(),
        platform: child.platform,
        provider: provider.map(str::to_owned),
        school_hours: school_hours(mine.lessons.iter().copied()),
        care_hours: mine.care.map(care_hours),
        day_off: day_off(inputs.date, mine.events_today.iter().copied(), mine.care),
        bring: bring_items(
            mine.lessons.iter().copied(),
            mine.events_today.iter().copied(),
        ),
        lunch: mine.lunch.map(<[String]>::to_vec).unwrap_or_default(),
        unread_news: count(UnreadKind::News),
        unread_notifications: count(UnreadKind::Notification),
        absence: absence_state(
            inputs.date,
            mine.offers.iter().copied(),
            mine.attendance.iter().copied(),
        ),
        next_event: next_event(mine.events_ahead.iter().copied(), inputs.date, inputs.now),
        freshness: card_freshness(&child.id, provider, &inputs.resources),
        session,
    }
}
