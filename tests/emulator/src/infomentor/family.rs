//! The demo family as a Hub holds it: [`hub_family`] turns the core's demo snapshot into data a
//! real Hub could serve (numeric news and notification ids, the Hub's notification kinds) and
//! adds a second InfoMentor pupil, so that clients exercise pupil switching.
//!
//! The demo generator gives every platform the same id scheme (`letter-2027-W22`,
//! `n-2026-17`); the Hub numbers its news and notifications. The served snapshot is the
//! converted one, so `EmulatorHandle::family()` is what a client reads back.

use skolbryggan::model::{Child, EntityId, EntityKind, FamilySnapshot, Platform};
use skolbryggan::provider::infomentor::InfoMentorPupilRef;

/// The pupil id of the added second pupil.
pub const SECOND_PUPIL_ID: &str = "7777777";
/// The first name of the added second pupil.
pub const SECOND_PUPIL_NAME: &str = "Bo";

fn infomentor_children(family: &FamilySnapshot) -> Vec<Child> {
    family
        .children
        .iter()
        .filter(|c| c.refs.has::<InfoMentorPupilRef>())
        .cloned()
        .collect()
}

/// Adds the second pupil (a sibling at the same school: a copy of the first pupil with its own
/// ids, the first pupil's lessons, and two news items and two notifications of its own,
/// copies of the first pupil's earliest) when the family has exactly one InfoMentor pupil.
fn add_second_pupil(family: &mut FamilySnapshot) {
    let kids = infomentor_children(family);
    let [first] = kids.as_slice() else {
        return;
    };
    let mut second = first.clone();
    second.first_name = SECOND_PUPIL_NAME.to_owned();
    second.id = EntityId::new(
        Platform::InfoMentor,
        &first.id.account(),
        EntityKind::Child,
        SECOND_PUPIL_ID,
    );
    second.refs.set(&InfoMentorPupilRef {
        pupil_id: SECOND_PUPIL_ID.to_owned(),
        switch_url: None,
    });
    // The two earliest (published before any "today" of the school year).
    let mut news: Vec<_> = family
        .news
        .iter()
        .filter(|n| n.child_id == first.id)
        .cloned()
        .collect();
    news.sort_by(|a, b| a.published.cmp(&b.published));
    news.truncate(2);
    for (i, n) in news.iter_mut().enumerate() {
        n.child_id = second.id.clone();
        n.id = EntityId::for_child(&second.id, EntityKind::News, &format!("b{i}"));
        n.title = format!("{SECOND_PUPIL_NAME}: {}", n.title);
    }
    family.news.extend(news);
    let lessons: Vec<_> = family
        .lessons
        .iter()
        .filter(|l| l.child_id == first.id)
        .cloned()
        .map(|mut l| {
            l.id = EntityId::for_child(&second.id, EntityKind::Lesson, l.id.local());
            l.child_id = second.id.clone();
            l
        })
        .collect();
    family.lessons.extend(lessons);
    let mut notes: Vec<_> = family
        .notifications
        .iter()
        .filter(|n| n.child_id == first.id)
        .cloned()
        .collect();
    notes.sort_by(|a, b| a.created.cmp(&b.created));
    notes.truncate(2);
    for (i, n) in notes.iter_mut().enumerate() {
        n.child_id = second.id.clone();
        n.id = EntityId::for_child(&second.id, EntityKind::Notification, &format!("b{i}"));
        n.message = n.message.replace(&first.first_name, SECOND_PUPIL_NAME);
    }
    family.notifications.extend(notes);
    family.children.push(second);
}

/// Numbers the news and notifications of InfoMentor pupils (news from 2 106 001,
/// notifications from 69 300 001, in the snapshot's order) and gives notifications the Hub's
/// sender labels (the parser's inverse of `appType`).
fn number_ids(family: &mut FamilySnapshot) {
    let kids: Vec<EntityId> = infomentor_children(family)
        .into_iter()
        .map(|c| c.id)
        .collect();
    for (number, n) in (2_106_001u64..).zip(
        family
            .news
            .iter_mut()
            .filter(|n| kids.contains(&n.child_id)),
    ) {
        n.id = EntityId::for_child(&n.child_id, EntityKind::News, &number.to_string());
    }
    for (number, n) in (69_300_001u64..).zip(
        family
            .notifications
            .iter_mut()
            .filter(|n| kids.contains(&n.child_id)),
    ) {
        n.id = EntityId::for_child(&n.child_id, EntityKind::Notification, &number.to_string());
        let (sender, kind) = match n.notification_type.as_deref().unwrap_or_default() {
            "task" => ("Uppgifter", "AssignmentCreated"),
            "attendance" => ("Frånvaro", "AbsenceRecorded"),
            "assessment" => ("Assessment", "AssessmentPublished"),
            "news" => ("Nyheter", "NewsItem"),
            "calendar" => ("Kalender", "CalendarV2EventCreated"),
            _ => continue,
        };
        n.sender = sender.to_owned();
        n.notification_type = Some(kind.to_owned());
    }
}

/// The snapshot as the emulated Hub serves it (see the module documentation).
pub fn hub_family(mut family: FamilySnapshot) -> FamilySnapshot {
    add_second_pupil(&mut family);
    number_ids(&mut family);
    family
}
