//! The built-in demo family: deterministic, realistic, offline.
//!
//! A Stockholm family of 2026: a pre-school child and a year-3 pupil with fritids on Stockholm's
//! Skolplattformen (the pupil's timetable in Skola24), and a year-8 pupil at a school that has
//! moved to InfoMentor. A whole school year (August to July) of data: Stockholm-style holidays
//! (höstlov, jullov, sportlov, påsklov), public holidays, study days, weekly letters with Markdown
//! bodies, notifications, lunch menus, timetables with real subject codes, classmates with
//! guardians, teachers and school contacts.
//!
//! The same [`DemoConfig`] always yields the same family; another seed yields another family.
//! [`DemoConfig::scale`] multiplies the volume (children, news, notifications, tests, class sizes)
//! for benchmarks, and [`DemoConfig::years`] the number of school years.
//!
//! As in the upstream apps, logging in with a personal number ending in `1212121212` (e.g.
//! `121212121212`) selects this family ([`crate::model::PersonalNumber::is_demo_trigger`]).

mod actions;
mod assignment;
mod attendance;
mod calendar;
mod care_time;
mod menu;
mod names;
mod news;
mod notification;
mod people;
mod provider;
mod public_menu;
mod school_work;
mod school_year;
mod timetable;
mod writes;

use std::sync::Arc;

use jiff::civil::Date;

pub use people::ChildKind;
pub use provider::{DEMO_PROVIDER, DemoProvider};
pub use school_work::SchoolWork;
pub use school_year::{DaysOff, SchoolYear};

use crate::model::{AccountId, FamilySnapshot, Platform};
use crate::provider::menus::OfflineMenus;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoConfig {
    /// Random seed: same seed, same family.
    pub seed: u64,
    /// The calendar year the (first) school year's autumn term starts in.
    pub school_year_start: i16,
    /// Number of consecutive school years.
    pub years: u32,
    /// Volume multiplier: `scale` × 3 children, and more news, notifications and tests each.
    pub scale: u32,
    /// The account the ids are namespaced by ([`AccountId::demo`] by default; the emulator uses
    /// the account of the personal number it logs in).
    pub account: AccountId,
}

impl DemoConfig {
    /// The default seed.
    pub const DEFAULT_SEED: u64 = 20_261_125;

    /// The family for the school year that contains `date`.
    pub fn for_date(date: Date) -> Self {
        DemoConfig {
            seed: Self::DEFAULT_SEED,
            school_year_start: SchoolYear::containing(date).start_year,
            years: 1,
            scale: 1,
            account: AccountId::demo(),
        }
    }

    /// This config with another seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// This config with another scale.
    pub fn with_scale(mut self, scale: u32) -> Self {
        self.scale = scale.max(1);
        self
    }

    /// This config for another account.
    pub fn with_account(mut self, account: AccountId) -> Self {
        self.account = account;
        self
    }
}

impl Default for DemoConfig {
    /// The school year containing today.
    fn default() -> Self {
        DemoConfig::for_date(crate::time::today())
    }
}

/// A generated family.
#[derive(Debug, Clone)]
pub struct DemoFamily {
    /// The configuration it was generated from.
    pub config: DemoConfig,
    /// Everything, normalized.
    pub snapshot: FamilySnapshot,
    /// The school years covered.
    pub school_years: Vec<SchoolYear>,
    /// Assignments, attendance and care times (kept apart from `snapshot`: the provider shows
    /// them as of its day).
    pub school_work: SchoolWork,
    /// The public lunch menu attached to the InfoMentor child (kept apart from `snapshot`:
    /// InfoMentor publishes no menu; the client attaches the source at the demo login and
    /// shows the menu as it shows a real attachment's).
    pub public_menus: Arc<OfflineMenus>,
}

/// Mixed into the family's seed for the dice of the children appended after the original
/// three (SchoolSoft, Vklass), so the first three children and their content stay as they were.
const APPENDED_SALT: u64 = 0xa99e_0d3d_0000_0005;

impl DemoFamily {
    /// The family as a logged-in client shows it: [`DemoFamily::snapshot`] with the menu days
    /// of the public menu the demo login attaches ([`DemoFamily::public_menus`]) to the child
    /// whose platform publishes none. What `skolbryggan demo` prints.
    pub fn as_shown(&self) -> FamilySnapshot {
        let mut shown = self.snapshot.clone();
        shown.menus.extend(self.public_menus.days.iter().cloned());
        shown
    }

    /// Generates the family. Deterministic in `config`.
    pub fn generate(config: &DemoConfig) -> DemoFamily {
        let mut dice = names::Dice::new(config.seed);
        let scale = config.scale.max(1);
        let family_name = dice.pick(names::SURNAMES).to_owned();
        let guardian_first = dice.pick(names::ADULTS).to_owned();
        let mut snapshot = FamilySnapshot::empty();
        snapshot.users = people::users(
            &config.account,
            &guardian_first,
            &family_name,
            &[
                Platform::Stockholm,
                Platform::InfoMentor,
                Platform::SchoolSoft,
                Platform::Vklass,
            ],
        );
        let mut used_names = Vec::new();
        let original = ChildKind::ORIGINAL;
        let children: Vec<people::DemoChild> = (0..scale * 3)
            .map(|i| {
                let kind = original[(i % 3) as usize];
                people::child(
                    &config.account,
                    &family_name,
                    kind,
                    i,
                    i / 3,
                    &mut dice,
                    &mut used_names,
                )
            })
            .collect();
        let years: Vec<SchoolYear> = (0..config.years.max(1))
            .map(|k| SchoolYear::starting(config.school_year_start + i16::try_from(k).unwrap_or(0)))
            .collect();
        for child in &children {
            content(child, &years, &mut dice, scale, &mut snapshot);
        }
        // The SchoolSoft and Vklass children come after all of the original ones, from a dice
        // of their own: the first three (and their content) are what they were without them.
        let mut appended_dice = names::Dice::new(config.seed ^ APPENDED_SALT);
        let appended = ChildKind::APPENDED;
        let more: Vec<people::DemoChild> = (0..scale * 2)
            .map(|i| {
                people::child(
                    &config.account,
                    &family_name,
                    appended[(i % 2) as usize],
                    scale * 3 + i,
                    i / 2,
                    &mut appended_dice,
                    &mut used_names,
                )
            })
            .collect();
        for child in &more {
            content(child, &years, &mut appended_dice, scale, &mut snapshot);
        }
        let school_work = SchoolWork::generate(config.seed, &snapshot.children, &years);
        let public_menus = Arc::new(public_menu::generate(config.seed, &children, &years));
        DemoFamily {
            config: config.clone(),
            snapshot,
            school_years: years,
            school_work,
            public_menus,
        }
    }
}

/// Generates `child`'s people, timetable, calendar, menus, news and notifications into
/// `snapshot`.
fn content(
    child: &people::DemoChild,
    years: &[SchoolYear],
    dice: &mut names::Dice,
    scale: u32,
    snapshot: &mut FamilySnapshot,
) {
    snapshot.children.push(child.child.clone());
    snapshot.teachers.extend(child.teachers.iter().cloned());
    snapshot
        .classmates
        .extend(people::classmates(&child.child, child.kind, dice, scale));
    snapshot
        .contacts
        .extend(people::contacts(&child.child, dice));
    let template = timetable::weekly_template(child, dice);
    for year in years {
        snapshot
            .lessons
            .extend(timetable::lessons(child, &template, year));
        snapshot
            .calendar
            .extend(calendar::calendar(child, year, dice, scale));
        snapshot.menus.extend(menu::menus(child, year, dice));
        snapshot
            .news
            .extend(news::news(child, year, &template, dice, scale));
        snapshot
            .notifications
            .extend(notification::notifications(child, year, dice, scale));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Child, EntityId, EventKind, IsoWeek, SchoolForm};
    use crate::provider::infomentor::InfoMentorPupilRef;
    use crate::provider::menus::MenuService;
    use crate::provider::schoolsoft::SchoolSoftChildRef;
    use crate::provider::skola24::Skola24ChildRef;
    use crate::provider::stockholm::StockholmChildRef;
    use crate::provider::vklass::VklassPupilRef;
    use jiff::civil::date;

    fn config() -> DemoConfig {
        DemoConfig::for_date(date(2026, 11, 25))
    }

    #[test]
    fn same_seed_same_family_other_seed_other_family() {
        let a = DemoFamily::generate(&config());
        let b = DemoFamily::generate(&config());
        assert_eq!(a.snapshot, b.snapshot);
        let c = DemoFamily::generate(&config().with_seed(7));
        assert_ne!(a.snapshot.children, c.snapshot.children);
        assert_ne!(a.snapshot.menus, c.snapshot.menus);
    }

    #[test]
    fn five_children_on_four_platforms() {
        let family = DemoFamily::generate(&config());
        let kids = &family.snapshot.children;
        assert_eq!(kids.len(), 5);
        assert!(kids[0].school_forms.contains(&SchoolForm::Forskola));
        assert!(kids[1].school_forms.contains(&SchoolForm::Fritidshem));
        assert_eq!(kids[2].school_year, Some(8));
        assert_eq!(kids[0].platform, Platform::Stockholm);
        assert_eq!(kids[2].platform, Platform::InfoMentor);
        assert!(kids[1].refs.has::<Skola24ChildRef>());
        assert_eq!(kids[3].platform, Platform::SchoolSoft);
        assert_eq!(kids[3].school_year, Some(5));
        assert!(!kids[3].school_forms.contains(&SchoolForm::Fritidshem));
        assert_eq!(kids[4].platform, Platform::Vklass);
        assert_eq!(kids[4].school_year, Some(1));
        assert!(kids[4].school_forms.contains(&SchoolForm::Fritidshem));
        // Each child carries its own platform's reference, and no other platform's.
        let refs = |c: &Child| {
            [
                c.refs.has::<StockholmChildRef>(),
                c.refs.has::<InfoMentorPupilRef>(),
                c.refs.has::<SchoolSoftChildRef>(),
                c.refs.has::<VklassPupilRef>(),
            ]
        };
        assert_eq!(refs(&kids[0]), [true, false, false, false]);
        assert_eq!(refs(&kids[2]), [false, true, false, false]);
        assert_eq!(refs(&kids[3]), [false, false, true, false]);
        assert_eq!(refs(&kids[4]), [false, false, false, true]);
        let ss = kids[3].refs.get::<SchoolSoftChildRef>().unwrap();
        assert_eq!(kids[3].id.local(), ss.student_id);
        assert_eq!(
            Some(ss.org_id.as_str()),
            kids[3].school.as_ref().and_then(|s| s.id.as_deref())
        );
        let vk = kids[4].refs.get::<VklassPupilRef>().unwrap();
        assert_eq!(kids[4].id.local(), vk.pupil_id);
        for kind in [
            EventKind::Holiday,
            EventKind::StudyDay,
            EventKind::ParentMeeting,
            EventKind::Test,
        ] {
            assert!(
                family.snapshot.calendar.iter().any(|e| e.kind == kind),
                "{kind:?}"
            );
        }
        for lov in ["Höstlov", "Jullov", "Sportlov", "Påsklov"] {
            assert!(
                family.snapshot.calendar.iter().any(|e| e.title == lov),
                "{lov}"
            );
        }
        assert!(
            family
                .snapshot
                .lessons
                .iter()
                .any(|l| l.subject.code == "M2SP")
        );
        assert!(
            family
                .snapshot
                .news
                .iter()
                .any(|n| n.body_markdown.contains("**"))
        );
        // InfoMentor publishes no menu: the snapshot has none for the child, the public menu
        // brought along (skolmaten.se) has the school days.
        assert!(
            family
                .snapshot
                .menus
                .iter()
                .all(|m| m.child_id != kids[2].id)
        );
        let source = family.public_menus.sources.get(&kids[2].id).unwrap();
        assert_eq!(source.service, MenuService::Skolmaten);
        assert_eq!(
            Some(source.school_name.as_str()),
            kids[2].school.as_ref().map(|s| s.name.as_str())
        );
        assert_eq!(family.public_menus.sources.len(), 1);
        let week = IsoWeek::containing(date(2026, 11, 25));
        assert_eq!(
            family
                .public_menus
                .week(source, &kids[2].id, week)
                .map(|d| d.len()),
            Some(5)
        );
        for kid in &kids[3..] {
            assert!(family.snapshot.menus.iter().any(|m| m.child_id == kid.id));
            assert!(family.snapshot.lessons.iter().any(|l| l.child_id == kid.id));
            assert!(
                family
                    .snapshot
                    .teachers
                    .iter()
                    .any(|t| t.child_id == kid.id)
            );
            assert!(family.snapshot.news.iter().any(|n| n.child_id == kid.id));
            assert!(
                family
                    .snapshot
                    .calendar
                    .iter()
                    .any(|e| e.child_id == kid.id)
            );
            // Neither SchoolSoft nor Vklass has a contact list.
            assert!(
                family
                    .snapshot
                    .contacts
                    .iter()
                    .all(|c| c.child_id != kid.id)
            );
        }
        // SchoolSoft: inbox messages as notifications, no class list, lessons by code with
        // their teaching group; Vklass: no notifications, a class list of names only, lessons
        // without a teacher.
        let of = |id: &EntityId| {
            family
                .snapshot
                .notifications
                .iter()
                .filter(|n| &n.child_id == id)
                .collect::<Vec<_>>()
        };
        assert!(!of(&kids[3].id).is_empty());
        assert!(
            of(&kids[3].id)
                .iter()
                .all(|n| n.notification_type.as_deref() == Some("message"))
        );
        assert!(of(&kids[4].id).is_empty());
        assert!(
            family
                .snapshot
                .classmates
                .iter()
                .all(|c| c.child_id != kids[3].id)
        );
        let vklass_class: Vec<_> = family
            .snapshot
            .classmates
            .iter()
            .filter(|c| c.child_id == kids[4].id)
            .collect();
        assert!(vklass_class.len() >= 18);
        assert!(vklass_class.iter().all(|c| c.guardians.is_empty()));
        assert!(
            family
                .snapshot
                .classmates
                .iter()
                .filter(|c| kids[..3].iter().any(|k| k.id == c.child_id))
                .all(|c| !c.guardians.is_empty())
        );
        let lesson_of = |id: &EntityId| {
            family
                .snapshot
                .lessons
                .iter()
                .find(|l| &l.child_id == id && l.subject.code == "MA")
                .unwrap()
        };
        let ss_lesson = lesson_of(&kids[3].id);
        assert_eq!(ss_lesson.subject.name, "MA");
        assert_eq!(ss_lesson.block_name, kids[3].class_name);
        assert!(ss_lesson.teacher.is_some());
        let vk_lesson = lesson_of(&kids[4].id);
        assert_eq!(vk_lesson.subject.name, "Matematik");
        assert!(vk_lesson.teacher.is_none());
        // Four platform users, one per account the guardian has.
        assert_eq!(family.snapshot.users.len(), 4);
    }

    #[test]
    fn the_appended_children_leave_the_original_three_alone() {
        let family = DemoFamily::generate(&config());
        let s = &family.snapshot;
        let original: Vec<&EntityId> = s.children[..3].iter().map(|c| &c.id).collect();
        // Every collection lists the original children's items first.
        fn prefix<T>(items: &[T], original: &[&EntityId], child: impl Fn(&T) -> &EntityId) {
            let first_other = items
                .iter()
                .position(|x| !original.contains(&child(x)))
                .unwrap_or(items.len());
            assert!(
                items[first_other..]
                    .iter()
                    .all(|x| !original.contains(&child(x)))
            );
        }
        prefix(&s.news, &original, |x| &x.child_id);
        prefix(&s.calendar, &original, |x| &x.child_id);
        prefix(&s.notifications, &original, |x| &x.child_id);
        prefix(&s.menus, &original, |x| &x.child_id);
        prefix(&s.lessons, &original, |x| &x.child_id);
        prefix(&s.classmates, &original, |x| &x.child_id);
        prefix(&s.teachers, &original, |x| &x.child_id);
        prefix(&family.school_work.assignments, &original, |x| &x.child_id);
        prefix(&family.school_work.attendance, &original, |x| &x.child_id);
        prefix(&family.school_work.care_times, &original, |x| &x.child_id);
        // Another seed for the appended children's dice changes nothing of the original three.
        let mut dice = names::Dice::new(config().seed);
        let family_name = dice.pick(names::SURNAMES).to_owned();
        let _ = dice.pick(names::ADULTS);
        let mut used = Vec::new();
        let first = people::child(
            &config().account,
            &family_name,
            ChildKind::Preschool,
            0,
            0,
            &mut dice,
            &mut used,
        );
        assert_eq!(first.child, s.children[0]);
    }

    #[test]
    fn scale_multiplies_volume() {
        let one = DemoFamily::generate(&config());
        let ten = DemoFamily::generate(&config().with_scale(10));
        // scale × 5 children: the 30 original ones first, then 10 SchoolSoft and 10 Vklass.
        assert_eq!(ten.snapshot.children.len(), 50);
        assert!(
            ten.snapshot.children[..30]
                .iter()
                .all(|c| matches!(c.platform, Platform::Stockholm | Platform::InfoMentor))
        );
        assert_eq!(
            ten.snapshot.children[30..]
                .iter()
                .filter(|c| c.platform == Platform::SchoolSoft)
                .count(),
            10
        );
        assert_eq!(ten.public_menus.sources.len(), 10);
        // The first three children of scale 10 are those of scale 1.
        assert_eq!(ten.snapshot.children[..3], one.snapshot.children[..3]);
        assert!(ten.snapshot.news.len() > one.snapshot.news.len() * 9);
        assert!(ten.snapshot.notifications.len() > one.snapshot.notifications.len() * 9);
        let mut ids: Vec<_> = ten.snapshot.lessons.iter().map(|l| &l.id).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "lesson ids are unique");
    }

    #[test]
    fn all_ids_unique() {
        let f = DemoFamily::generate(&config());
        let s = &f.snapshot;
        let mut ids: Vec<&str> = Vec::new();
        ids.extend(s.children.iter().map(|x| x.id.as_str()));
        ids.extend(s.news.iter().map(|x| x.id.as_str()));
        ids.extend(s.calendar.iter().map(|x| x.id.as_str()));
        ids.extend(s.notifications.iter().map(|x| x.id.as_str()));
        ids.extend(s.menus.iter().map(|x| x.id.as_str()));
        ids.extend(s.lessons.iter().map(|x| x.id.as_str()));
        ids.extend(s.classmates.iter().map(|x| x.id.as_str()));
        ids.extend(s.teachers.iter().map(|x| x.id.as_str()));
        ids.extend(s.contacts.iter().map(|x| x.id.as_str()));
        ids.extend(f.public_menus.days.iter().map(|x| x.id.as_str()));
        ids.extend(f.school_work.assignments.iter().map(|x| x.id.as_str()));
        ids.extend(f.school_work.attendance.iter().map(|x| x.id.as_str()));
        ids.extend(f.school_work.care_times.iter().map(|x| x.id.as_str()));
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }
}
