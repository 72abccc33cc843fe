//! The home screen and the year wheel: what a thin app shows first, computed in the core from
//! the cached data (never upstream), as data and enums the app localizes.
//!
//! * [`FamilyHome`] ([`card`]): per child, today at a glance — school or care hours, the day
//!   off and why, what to bring, today's lunch, unread counts, the absence state, the next
//!   event, freshness and the platform's session.
//! * [`YearWheel`] ([`year_wheel`]): per child and for the family, the school year's terms,
//!   holidays, study days, talks, tests, trips and deadlines, classified by keyword rules over
//!   the upstream titles ([`classify`]) with terms derived from them ([`terms`]).
//!
//! The module is a view over the model: what it needs from the cache, the sync engine and the
//! login state comes in as [`HomeInputs`], which the client gathers
//! (`client::Client::family_home`).

pub mod absence;
pub mod bring;
pub mod card;
pub mod classify;
pub mod day_hours;
pub mod day_off;
pub mod freshness;
pub mod inputs;
pub mod next_event;
pub mod terms;
pub mod year_wheel;

pub use absence::AbsenceState;
pub use bring::BringItem;
pub use card::{ChildCard, FamilyHome};
pub use classify::WheelKind;
pub use day_hours::{CareHours, SchoolHours};
pub use day_off::{DayOff, DayOffReason};
pub use freshness::CardFreshness;
pub use inputs::{HomeInputs, PlatformSession, ResourceAge, SessionState, Unread, UnreadKind};
pub use next_event::NextEvent;
pub use terms::{DateSource, Term, TermKind, school_year_of, school_year_range};
pub use year_wheel::{ChildWheel, WheelEntry, YearWheel};
