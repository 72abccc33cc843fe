//! The normalized model: what every upstream platform is mapped into.
//!
//! Every entity carries a stable [`EntityId`] namespaced by platform and account (and, for data
//! that belongs to a child, by that child), so entities from two platforms, two accounts or two
//! children never collide.
//!
//! ## Serialization
//! The serde form of every type here is the project's stable JSON format: it is what
//! `skolbryggan demo --json` prints and what the encrypted cache stores. Field names are
//! `camelCase`; enums are `snake_case` strings (or `{"kind": …}` objects when they carry data);
//! instants are RFC 9557 strings with the Europe/Stockholm zone
//! (`"2026-11-25T08:10:00+01:00[Europe/Stockholm]"`); civil dates are `"YYYY-MM-DD"`; absent
//! optional values are left out. [`FamilySnapshot::SCHEMA_VERSION`] is raised on any change that
//! is not backwards compatible.

mod account_key;
mod actions;
mod assignment;
mod attendance;
mod calendar;
mod care_time;
mod child;
mod classmate;
mod contact;
mod date_range;
mod failure;
mod ids;
mod iso_week;
mod menu;
mod news;
mod notification;
mod personal_number;
mod rebase;
mod snapshot;
mod teacher;
mod timetable;
mod user;
mod week_overview;

pub use account_key::AccountKey;
pub use actions::{AbsenceReportAction, CareTimeEditAction};
pub use assignment::{Assignment, AssignmentStatus};
pub use attendance::{AttendanceRecord, AttendanceStatus};
pub use calendar::{CalendarEvent, EventKind, EventTiming};
pub use care_time::{CareTime, check_care_times};
pub use child::{Child, ChildRefs, PlatformRef, School, SchoolForm};
pub use classmate::{Classmate, Guardian};
pub use contact::SchoolContact;
pub use date_range::DateRange;
pub use failure::FailureKind;
pub use ids::{AccountId, EntityId, EntityKind, Platform};
pub use iso_week::IsoWeek;
pub use menu::{MenuDay, MenuWeek};
pub use news::{Attachment, NewsImage, NewsItem};
pub use notification::Notification;
pub use personal_number::PersonalNumber;
pub use rebase::rebase_account;
pub use snapshot::FamilySnapshot;
pub use teacher::Teacher;
pub use timetable::{Subject, TimetableLesson};
pub use user::User;
pub use week_overview::{ChildDay, DayEvent, DayOverview, Headline, WeekOverview};
