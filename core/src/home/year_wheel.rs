//! The school year at a glance: terms, holidays, study days, talks, tests, trips and deadlines
//! per child and for the family, classified from the cached calendars.

use std::collections::{BTreeMap, HashSet};

use jiff::ZonedDateTime;
use jiff::civil::Date;
use serde::Serialize;

use super::classify::{WheelKind, classify};
use super::terms::{Marker, Term, school_year_of, terms};
use crate::model::{CalendarEvent, Child, DateRange, EntityId, EventTiming, IsoWeek, SchoolForm};

/// One entry of the wheel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WheelEntry {
    /// What kind.
    pub kind: WheelKind,
    /// The upstream title, as written.
    pub title: String,
    /// First day.
    pub start: Date,
    /// Last day (inclusive).
    pub end: Date,
    /// Start time, for a timed event.
    pub start_time: Option<ZonedDateTime>,
    /// The calendar events behind it (one per child in the family list).
    pub event_ids: Vec<EntityId>,
    /// The children it concerns.
    pub child_ids: Vec<EntityId>,
}

/// One child's wheel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChildWheel {
    /// The child.
    pub child_id: EntityId,
    /// First name.
    pub child_name: String,
    /// The child's terms (none for a child only in pre-school, which has no terms).
    pub terms: Vec<Term>,
    /// The child's entries, by start.
    pub entries: Vec<WheelEntry>,
}

/// The wheel of a date range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct YearWheel {
    /// First day of the range.
    pub start: Date,
    /// Last day of the range.
    pub end: Date,
    /// The family's terms (from every school child's calendar together).
    pub terms: Vec<Term>,
    /// The family's entries, by start; an entry several children share (same kind, title and
    /// time) is listed once with all of them.
    pub entries: Vec<WheelEntry>,
    /// Per child.
    pub children: Vec<ChildWheel>,
    /// ISO weeks the range touches.
    pub weeks: u32,
    /// Of those, the weeks with a cached calendar (for some child): the rest is unknown, not
    /// empty — refresh them to fill the wheel.
    pub cached_weeks: u32,
}

fn start_time(e: &CalendarEvent) -> Option<ZonedDateTime> {
    match &e.timing {
        EventTiming::Timed { start, .. } => Some(start.clone()),
        EventTiming::AllDay { .. } => None,
    }
}

fn entry(e: &CalendarEvent, kind: WheelKind) -> WheelEntry {
    WheelEntry {
        kind,
        title: e.title.clone(),
        start: e.timing.first_date(),
        end: e.timing.last_date(),
        start_time: start_time(e),
        event_ids: vec![e.id.clone()],
        child_ids: vec![e.child_id.clone()],
    }
}

fn sort(entries: &mut [WheelEntry]) {
    entries.sort_by(|a, b| {
        (a.start, &a.start_time, a.kind, &a.title).cmp(&(b.start, &b.start_time, b.kind, &b.title))
    });
}

fn weeks_of(range: DateRange) -> Vec<IsoWeek> {
    let mut out = vec![IsoWeek::containing(range.start)];
    let last = IsoWeek::containing(range.end);
    while let Some(&w) = out.last() {
        if w >= last || out.len() > 600 {
            break;
        }
        out.push(w.next());
    }
    out
}

fn has_terms(child: &Child) -> bool {
    child
        .school_forms
        .iter()
        .any(|f| *f != SchoolForm::Forskola)
}

fn terms_in(range: DateRange, markers: &[Marker]) -> Vec<Term> {
    (school_year_of(range.start)..=school_year_of(range.end))
        .flat_map(|y| terms(y, markers))
        .filter(|t| t.start <= range.end && t.end >= range.start)
        .collect()
}

fn markers(entries: &[WheelEntry]) -> Vec<Marker> {
    entries
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                WheelKind::Holiday | WheelKind::TermStart | WheelKind::TermEnd
            )
        })
        .map(|e| Marker {
            kind: e.kind,
            start: e.start,
            end: e.end,
        })
        .collect()
}

impl YearWheel {
    /// The wheel of `range` from `calendar` (any events; those outside the range or with no
    /// wheel kind are left out) for `children`; `cached_weeks` are the ISO weeks whose
    /// calendar is cached.
    pub fn build(
        children: &[Child],
        calendar: &[CalendarEvent],
        range: DateRange,
        cached_weeks: &HashSet<IsoWeek>,
    ) -> YearWheel {
        let mut per_child: Vec<ChildWheel> = children
            .iter()
            .map(|c| ChildWheel {
                child_id: c.id.clone(),
                child_name: c.first_name.clone(),
                terms: Vec::new(),
                entries: Vec::new(),
            })
            .collect();
        let mut seen: HashSet<&EntityId> = HashSet::new();
        for e in calendar {
            if e.timing.first_date() > range.end || e.timing.last_date() < range.start {
                continue;
            }
            let Some(kind) = classify(&e.title, e.kind) else {
                continue;
            };
            if !seen.insert(&e.id) {
                continue;
            }
            if let Some(w) = per_child.iter_mut().find(|w| w.child_id == e.child_id) {
                w.entries.push(entry(e, kind));
            }
        }
        let mut family: BTreeMap<
            (Date, Option<ZonedDateTime>, WheelKind, String, Date),
            WheelEntry,
        > = BTreeMap::new();
        let mut school_markers = Vec::new();
        for (child, wheel) in children.iter().zip(per_child.iter_mut()) {
            sort(&mut wheel.entries);
            if has_terms(child) {
                let m = markers(&wheel.entries);
                wheel.terms = terms_in(range, &m);
                school_markers.extend(m);
            }
            for e in &wheel.entries {
                let key = (
                    e.start,
                    e.start_time.clone(),
                    e.kind,
                    e.title.clone(),
                    e.end,
                );
                match family.get_mut(&key) {
                    Some(shared) => {
                        shared.event_ids.extend(e.event_ids.iter().cloned());
                        shared.child_ids.extend(e.child_ids.iter().cloned());
                    }
                    None => {
                        family.insert(key, e.clone());
                    }
                }
            }
        }
        let mut entries: Vec<WheelEntry> = family.into_values().collect();
        sort(&mut entries);
        let weeks = weeks_of(range);
        YearWheel {
            start: range.start,
            end: range.end,
            terms: if children.iter().any(has_terms) {
                terms_in(range, &school_markers)
            } else {
                Vec::new()
            },
            entries,
            children: per_child,
            weeks: u32::try_from(weeks.len()).unwrap_or(u32::MAX),
            cached_weeks: u32::try_from(weeks.iter().filter(|w| cached_weeks.contains(w)).count())
                .unwrap_or(u32::MAX),
        }
    }
}
