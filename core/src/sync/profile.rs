//! Sync profiles that follow the school day: how fresh each kind must be depends on the kind
//! and on the local (Europe/Stockholm) time and weekday, and a background profile with a
//! cadence phones actually grant.
//!
//! * [`SchoolDay`]: news and notifications fresh while school is open and in the evening,
//!   menus and timetables weekly, nothing fetched again at night.
//! * [`BackgroundProfile`]: what a background refresh asks for and when it should run next
//!   (Android WorkManager periodic work, iOS `BGAppRefreshTask`).

use std::time::Duration;

use jiff::Timestamp;
use jiff::civil::{Date, Time, Weekday};
use serde::{Deserialize, Serialize};

use super::RefreshRequest;
use super::clock::add;
use super::settings::Freshness;
use crate::cache::ResourceKind;
use crate::model::IsoWeek;

const MINUTE: u64 = 60;
const HOUR: u64 = 60 * MINUTE;
const DAY: u64 = 24 * HOUR;

/// The part of the local week a moment falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayPart {
    /// Monday to Friday, from [`SchoolDay::opens`] to [`SchoolDay::closes`].
    School,
    /// Monday to Friday, from [`SchoolDay::closes`] to [`SchoolDay::evening_ends`].
    Evening,
    /// Saturday and Sunday, from [`SchoolDay::opens`] to [`SchoolDay::evening_ends`].
    DayOff,
    /// Every day, from [`SchoolDay::evening_ends`] to [`SchoolDay::opens`].
    Night,
}

/// Freshness that follows the school day: one [`Freshness`] per [`DayPart`], chosen by the
/// local time at which freshness is judged (the time of the refresh or read). Data fetched in
/// the evening therefore stays fresh through the night and is fetched again at the first open
/// after school opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SchoolDay {
    /// When school opens, local time (default 07:00).
    pub opens: Time,
    /// When school closes, local time (default 18:00).
    pub closes: Time,
    /// When the evening ends and the night begins, local time (default 21:30).
    pub evening_ends: Time,
    /// Freshness while school is open: news and notifications 1 hour (so never an hour old at
    /// an open), calendar 1 day, menus and timetables 1 week.
    pub school: Freshness,
    /// Freshness on school-day evenings: news and notifications 2 hours.
    pub evening: Freshness,
    /// Freshness on Saturday and Sunday daytime: news and notifications 3 hours.
    pub day_off: Freshness,
    /// Freshness at night: long enough that nothing fetched in the evening is fetched again
    /// before school opens (12 hours for news and notifications).
    pub night: Freshness,
}

/// The kinds that change rarely: the same in every part of the day.
fn rare(news_and_notifications: Duration) -> Freshness {
    Freshness {
        news: news_and_notifications,
        notifications: news_and_notifications,
        calendar: Duration::from_secs(DAY),
        menu: Duration::from_secs(7 * DAY),
        timetable: Duration::from_secs(7 * DAY),
        contacts: Duration::from_secs(7 * DAY),
        children: Duration::from_secs(7 * DAY),
    }
}

impl Default for SchoolDay {
    fn default() -> Self {
        SchoolDay {
            opens: Time::constant(7, 0, 0, 0),
            closes: Time::constant(18, 0, 0, 0),
            evening_ends: Time::constant(21, 30, 0, 0),
            school: rare(Duration::from_secs(HOUR)),
            evening: rare(Duration::from_secs(2 * HOUR)),
            day_off: rare(Duration::from_secs(3 * HOUR)),
            night: rare(Duration::from_secs(12 * HOUR)),
        }
    }
}

impl SchoolDay {
    /// The part of the week `at` falls in, in Europe/Stockholm.
    pub fn part(&self, at: Timestamp) -> DayPart {
        let local = crate::time::from_timestamp(at);
        let time = local.time();
        if time < self.opens || time >= self.evening_ends {
            return DayPart::Night;
        }
        match local.weekday() {
            Weekday::Saturday | Weekday::Sunday => DayPart::DayOff,
            _ if time < self.closes => DayPart::School,
            _ => DayPart::Evening,
        }
    }

    /// The freshness of a part.
    pub fn freshness_of(&self, part: DayPart) -> &Freshness {
        match part {
            DayPart::School => &self.school,
            DayPart::Evening => &self.evening,
            DayPart::DayOff => &self.day_off,
            DayPart::Night => &self.night,
        }
    }

    /// How long a resource of `kind` stays fresh when judged at `at`.
    pub fn max_age(&self, kind: ResourceKind, at: Timestamp) -> Duration {
        self.freshness_of(self.part(at)).of(kind)
    }

    /// The next moment at or after `at` that is not night (`at` itself when it is not).
    pub fn next_waking(&self, at: Timestamp) -> Timestamp {
        if self.part(at) != DayPart::Night {
            return at;
        }
        let local = crate::time::from_timestamp(at);
        let date: Date = if local.time() < self.opens {
            local.date()
        } else {
            local.date().tomorrow().unwrap_or(local.date())
        };
        crate::time::local(date.to_datetime(self.opens)).timestamp()
    }
}

/// What a background refresh asks for and how often it runs.
///
/// Phones decide when background work runs: Android's WorkManager runs periodic work at most
/// every 15 minutes (and later in Doze), iOS runs a `BGAppRefreshTask` at the earliest at the
/// requested date, opportunistically, typically hours apart. The profile asks for a run every
/// [`BackgroundProfile::every`] and never at night; each run refreshes only
/// [`BackgroundProfile::kinds`] and, like every refresh, fetches only what is stale by the
/// settings' freshness, so a run shortly after the app was opened costs nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackgroundProfile {
    /// The kinds a background run refreshes (default news and notifications: what the
    /// change-feed notifications are about).
    pub kinds: Vec<ResourceKind>,
    /// The interval asked of the phone between runs (default 2 hours; Android's floor is 15
    /// minutes).
    pub every: Duration,
    /// The shortest interval a phone grants (WorkManager's 15 minutes); `every` is never less.
    pub floor: Duration,
}

impl Default for BackgroundProfile {
    fn default() -> Self {
        BackgroundProfile {
            kinds: vec![ResourceKind::News, ResourceKind::Notifications],
            every: Duration::from_secs(2 * HOUR),
            floor: Duration::from_secs(15 * MINUTE),
        }
    }
}

impl BackgroundProfile {
    /// The refresh a background run makes on `date`.
    pub fn request(&self, date: Date) -> RefreshRequest {
        RefreshRequest {
            weeks: vec![IsoWeek::containing(date)],
            kinds: self.kinds.clone(),
            force: false,
        }
    }

    /// When the run after one at `last` should happen: `every` later (at least the floor),
    /// moved out of the night to the moment school opens.
    pub fn next_run(&self, last: Timestamp, day: &SchoolDay) -> Timestamp {
        day.next_waking(add(last, self.every.max(self.floor)))
    }

    /// When to run again after a run at `at` was cut short (cancelled by the phone, out of
    /// budget): after the floor, so the rest is fetched soon, moved out of the night.
    pub fn next_run_after_cut(&self, at: Timestamp, day: &SchoolDay) -> Timestamp {
        day.next_waking(add(at, self.floor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(s: &str) -> Timestamp {
        crate::time::local(s.parse().unwrap()).timestamp()
    }

    #[test]
    fn parts_of_the_week() {
        let d = SchoolDay::default();
        // 2026-11-25 is a Wednesday, 2026-11-28 a Saturday.
        assert_eq!(d.part(local("2026-11-25T06:59")), DayPart::Night);
        assert_eq!(d.part(local("2026-11-25T07:00")), DayPart::School);
        assert_eq!(d.part(local("2026-11-25T17:59")), DayPart::School);
        assert_eq!(d.part(local("2026-11-25T18:00")), DayPart::Evening);
        assert_eq!(d.part(local("2026-11-25T21:30")), DayPart::Night);
        assert_eq!(d.part(local("2026-11-28T12:00")), DayPart::DayOff);
        assert_eq!(d.part(local("2026-11-28T23:00")), DayPart::Night);
    }

    #[test]
    fn freshness_by_kind_and_time() {
        let d = SchoolDay::default();
        let noon = local("2026-11-25T12:00");
        assert_eq!(
            d.max_age(ResourceKind::News, noon),
            Duration::from_secs(HOUR)
        );
        assert_eq!(
            d.max_age(ResourceKind::Menu, noon),
            Duration::from_secs(7 * DAY)
        );
        let night = local("2026-11-25T23:00");
        assert_eq!(
            d.max_age(ResourceKind::Notifications, night),
            Duration::from_secs(12 * HOUR)
        );
    }

    #[test]
    fn background_runs_skip_the_night() {
        let d = SchoolDay::default();
        let p = BackgroundProfile::default();
        assert_eq!(
            p.next_run(local("2026-11-25T12:00"), &d),
            local("2026-11-25T14:00")
        );
        assert_eq!(
            p.next_run(local("2026-11-25T20:30"), &d),
            local("2026-11-26T07:00")
        );
        assert_eq!(
            p.next_run(local("2026-11-25T03:00"), &d),
            local("2026-11-25T07:00")
        );
        let fast = BackgroundProfile {
            every: Duration::from_secs(60),
            ..BackgroundProfile::default()
        };
        assert_eq!(
            fast.next_run(local("2026-11-25T12:00"), &d),
            local("2026-11-25T12:15")
        );
        // Across the change to winter time (2026-10-25 03:00 → 02:00).
        assert_eq!(
            p.next_run(local("2026-10-24T21:00"), &d),
            local("2026-10-25T07:00")
        );
    }
}
