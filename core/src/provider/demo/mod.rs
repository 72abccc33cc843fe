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
    use crate::model::{EventKind, SchoolForm};
    use crate::provider::skola24::Skola24ChildRef;
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
    fn three_children_on_two_platforms() {
        let family = DemoFamily::generate(&config());
        let kids = &family.snapshot.children;
        assert_eq!(kids.len(), 3);
        assert!(kids[0].school_forms.contains(&SchoolForm::Forskola));
        assert!(kids[1].school_forms.contains(&SchoolForm::Fritidshem));
        assert_eq!(kids[2].school_year, Some(8));
        assert_eq!(kids[0].platform, Platform::Stockholm);
        assert_eq!(kids[2].platform, Platform::InfoMentor);
        assert!(kids[1].refs.has::<Skola24ChildRef>());
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
        assert!(
            family
                .snapshot
                .menus
                .iter()
                .all(|m| m.child_id != kids[2].id)
        );
        assert!(
            family
                .snapshot
                .classmates
                .iter()
                .all(|c| !c.guardians.is_empty())
        );
    }

    #[test]
    fn scale_multiplies_volume() {
        let one = DemoFamily::generate(&config());
        let ten = DemoFamily::generate(&config().with_scale(10));
        assert_eq!(ten.snapshot.children.len(), 30);
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
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }
}
