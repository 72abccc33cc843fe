//! # Skolbryggan — the school bridge
//!
//! One normalized model of a Swedish family's school life (children, news, calendar,
//! notifications, lunch menus, timetables, classmates, teachers and contacts) read from the
//! school platforms a parent already uses, behind one [`provider::Provider`] trait.
//!
//! * [`model`] — the normalized entities and their stable JSON form.
//! * [`provider`] — the platform abstraction, login flows, and the built-in demo family.
//! * [`week`] — the family's week overview, merged across children and platforms.
//! * [`home`] — the home cards (today per child) and the year wheel.
//! * [`ics`] — RFC 5545 calendar export.
//! * [`time`] — Europe/Stockholm helpers.
//! * [`markdown`] — upstream rich text (HTML) to Markdown.
//! * [`curriculum`] — lesson codes to subject names.
//! * [`cache`] — the encrypted offline-first cache; [`secrets`] — where its key lives.
//! * [`sync`] — the sync engine: freshness, politeness, the change feed.
//!
//! ```
//! use skolbryggan::provider::demo::{DemoConfig, DemoFamily};
//! use skolbryggan::week::WeekOverview;
//!
//! let family = DemoFamily::generate(&DemoConfig::for_date(jiff::civil::date(2026, 11, 25)));
//! let week = WeekOverview::build(&family.snapshot, jiff::civil::date(2026, 11, 25));
//! assert_eq!(week.days.len(), 7);
//! ```

pub mod cache;
pub mod client;
pub mod curriculum;
pub mod error;
pub mod holidays;
pub mod home;
pub mod html_scan;
pub mod http;
pub mod ics;
#[cfg(test)]
mod layers;
pub mod markdown;
pub mod model;
pub mod privacy;
pub mod provider;
pub mod secrets;
pub mod sync;
#[cfg(feature = "testing")]
pub mod testing;
pub mod time;
pub mod upstream;
pub mod week;

pub use error::{Error, Result};
