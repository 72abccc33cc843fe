//! Things to bring today, as data: the app words and localizes them.

use serde::Serialize;

use super::classify::{WheelKind, classify};
use crate::model::{CalendarEvent, EntityId, TimetableLesson};

/// Something the child should bring today. Only what the model knows: physical education on the
/// timetable, and an excursion in the calendar (the model's kind, or a trip by its title) (whose upstream description, if any, says what
/// to pack — the core does not read it for you).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BringItem {
    /// Physical education (Idrott och hälsa) is on the timetable: gym clothes.
    GymClothes,
    /// An excursion or outing today: pack for it.
    Excursion {
        /// The calendar event (open it for its description).
        event_id: EntityId,
        /// Its upstream title, as written.
        title: String,
    },
}

/// At most this many excursions are listed on a card (a widget shows one line each).
pub const MAX_EXCURSIONS: usize = 2;

/// What to bring, from one child's lessons and calendar events of the day: gym clothes first,
/// then up to [`MAX_EXCURSIONS`] excursions in the order given.
pub fn bring_items<'a>(
    lessons: impl IntoIterator<Item = &'a TimetableLesson>,
    events: impl IntoIterator<Item = &'a CalendarEvent>,
) -> Vec<BringItem> {
    let mut out = Vec::new();
    if lessons
        .into_iter()
        .any(|l| l.subject.is_physical_education())
    {
        out.push(BringItem::GymClothes);
    }
    out.extend(
        events
            .into_iter()
            .filter(|e| classify(&e.title, e.kind) == Some(WheelKind::Trip))
            .take(MAX_EXCURSIONS)
            .map(|e| BringItem::Excursion {
                event_id: e.id.clone(),
                title: e.title.clone(),
            }),
    );
    out
}
