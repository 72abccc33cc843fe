//! Building the family's [`WeekOverview`] from a [`FamilySnapshot`].

use std::collections::HashMap;

use jiff::civil::Date;

use crate::model::{
    CalendarEvent, ChildDay, DayEvent, DayOverview, EntityId, EventKind, EventTiming,
    FamilySnapshot, Headline, IsoWeek, TimetableLesson,
};
use crate::time;

pub use crate::model::WeekOverview;

impl WeekOverview {
    /// The overview of the ISO week containing `date`, for every child of `family`.
    ///
    /// Day boundaries are Swedish local midnights (23- and 25-hour days at the DST changes
    /// included). A lesson or event belongs to every local date it touches; lunch and news are
    /// matched by their local date.
    pub fn build(family: &FamilySnapshot, date: Date) -> WeekOverview {
        let week = IsoWeek::containing(date);
        let days = week.days();
        let (Some(first), Some(last)) = (days.first().copied(), days.last().copied()) else {
            return WeekOverview {
                week,
                days: Vec::new(),
            };
        };
        let in_week = |d: Date| first <= d && d <= last;
        // Cheap instant bounds first: only items inside the week pay for a time-zone conversion.
        let week_start = time::start_of_day(first).timestamp();
        let week_end = match last.tomorrow() {
            Ok(next) => time::start_of_day(next).timestamp(),
            Err(_) => jiff::Timestamp::MAX,
        };
        let inside = |z: &jiff::ZonedDateTime| {
            let t = z.timestamp();
            week_start <= t && t < week_end
        };
        let child_index: HashMap<&EntityId, usize> = family
            .children
            .iter()
            .enumerate()
            .map(|(i, c)| (&c.id, i))
            .collect();
        // cells[day][child]
        let mut cells: Vec<Vec<ChildDay>> = days
            .iter()
            .map(|_| {
                family
                    .children
                    .iter()
                    .map(|c| ChildDay {
                        child_id: c.id.clone(),
                        child_name: c.first_name.clone(),
                        platform: c.platform,
                        first_lesson: None,
                        last_lesson_end: None,
                        lesson_count: 0,
                        subjects: Vec::new(),
                        day_off: None,
                        events: Vec::new(),
                        lunch: Vec::new(),
                        news: Vec::new(),
                        bring_gym_clothes: false,
                    })
                    .collect()
            })
            .collect();
        let day_index = |d: Date| -> Option<usize> {
            if in_week(d) {
                usize::try_from((d - first).get_days()).ok()
            } else {
                None
            }
        };
        let mut lessons_by_cell: HashMap<(usize, usize), Vec<&TimetableLesson>> = HashMap::new();
        for lesson in &family.lessons {
            if !inside(&lesson.start) {
                continue;
            }
            let Some(&c) = child_index.get(&lesson.child_id) else {
                continue;
            };
            let d = time::local_date(&lesson.start);
            if let Some(di) = day_index(d) {
                lessons_by_cell.entry((di, c)).or_default().push(lesson);
            }
        }
        for ((di, c), mut lessons) in lessons_by_cell {
            lessons.sort_by(|a, b| a.start.cmp(&b.start));
            let Some(day) = cells.get_mut(di).and_then(|row| row.get_mut(c)) else {
                continue;
            };
            for lesson in lessons {
                if lesson.subject.is_physical_education() {
                    day.bring_gym_clothes = true;
                }
                if lesson.subject.is_break() {
                    continue;
                }
                day.lesson_count += 1;
                if day.first_lesson.as_ref().is_none_or(|f| lesson.start < *f) {
                    day.first_lesson = Some(lesson.start.clone());
                }
                if day.last_lesson_end.as_ref().is_none_or(|l| lesson.end > *l) {
                    day.last_lesson_end = Some(lesson.end.clone());
                }
                if !day.subjects.contains(&lesson.subject.name) {
                    day.subjects.push(lesson.subject.name.clone());
                }
            }
        }

        for event in &family.calendar {
            if let EventTiming::Timed { start, end } = &event.timing
                && (end.timestamp() < week_start || start.timestamp() >= week_end)
            {
                continue;
            }
            let Some(&c) = child_index.get(&event.child_id) else {
                continue;
            };
            let (from, to) = (event.timing.first_date(), event.timing.last_date());
            if to < first || from > last {
                continue;
            }
            let mut d = if from < first { first } else { from };
            let end = if to > last { last } else { to };
            while d <= end {
                if let Some(day) = day_index(d)
                    .and_then(|di| cells.get_mut(di))
                    .and_then(|row| row.get_mut(c))
                {
                    if matches!(event.kind, EventKind::Holiday | EventKind::StudyDay)
                        && matches!(event.timing, EventTiming::AllDay { .. })
                        && day.day_off.is_none()
                    {
                        day.day_off = Some(event.title.clone());
                    }
                    day.events.push(day_event(event));
                }
                match d.tomorrow() {
                    Ok(next) => d = next,
                    Err(_) => break,
                }
            }
        }

        for menu in &family.menus {
            if !in_week(menu.date) {
                continue;
            }
            let Some(&c) = child_index.get(&menu.child_id) else {
                continue;
            };
            if let Some(day) = day_index(menu.date)
                .and_then(|di| cells.get_mut(di))
                .and_then(|row| row.get_mut(c))
            {
                day.lunch = menu.dishes.clone();
            }
        }

        for news in &family.news {
            if !inside(&news.published) {
                continue;
            }
            let Some(&c) = child_index.get(&news.child_id) else {
                continue;
            };
            let d = time::local_date(&news.published);
            if let Some(day) = day_index(d)
                .and_then(|di| cells.get_mut(di))
                .and_then(|row| row.get_mut(c))
            {
                day.news.push(Headline {
                    news_id: news.id.clone(),
                    title: news.title.clone(),
                });
            }
        }

        let days = days
            .into_iter()
            .zip(cells)
            .map(|(date, mut children)| {
                for child in &mut children {
                    child.events.sort_by(|a, b| match (&a.start, &b.start) {
                        (None, None) => a.title.cmp(&b.title),
                        (None, Some(_)) => std::cmp::Ordering::Less,
                        (Some(_), None) => std::cmp::Ordering::Greater,
                        (Some(x), Some(y)) => x.cmp(y),
                    });
                }
                DayOverview { date, children }
            })
            .collect();
        WeekOverview { week, days }
    }
}

fn day_event(event: &CalendarEvent) -> DayEvent {
    let (start, end) = match &event.timing {
        EventTiming::AllDay { .. } => (None, None),
        EventTiming::Timed { start, end } => (Some(start.clone()), Some(end.clone())),
    };
    DayEvent {
        event_id: event.id.clone(),
        title: event.title.clone(),
        kind: event.kind,
        start,
        end,
        location: event.location.clone(),
    }
}
