//! Sync settings: how fresh each resource must be, retries, politeness.

use std::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::clock::elapsed;
use super::profile::SchoolDay;
use crate::cache::ResourceKind;

/// How long fetched data counts as fresh, per kind. Within that time a refresh makes no
/// upstream request for it. The defaults are the flat profile of [`SyncSettings::fixed`]; the
/// default settings ([`SyncSettings::new`]) follow the school day instead ([`SchoolDay`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Freshness {
    /// News (default 15 minutes).
    pub news: Duration,
    /// Notifications (default 15 minutes).
    pub notifications: Duration,
    /// Calendar (default 1 hour).
    pub calendar: Duration,
    /// Lunch menu (default 1 day).
    pub menu: Duration,
    /// Timetable (default 1 day).
    pub timetable: Duration,
    /// Contacts, classmates and teachers (default 1 week).
    pub contacts: Duration,
    /// The guardian and the list of children (default 1 day).
    pub children: Duration,
}

const MINUTE: u64 = 60;
const HOUR: u64 = 60 * MINUTE;
const DAY: u64 = 24 * HOUR;

impl Default for Freshness {
    fn default() -> Self {
        Freshness {
            news: Duration::from_secs(15 * MINUTE),
            notifications: Duration::from_secs(15 * MINUTE),
            calendar: Duration::from_secs(HOUR),
            menu: Duration::from_secs(DAY),
            timetable: Duration::from_secs(DAY),
            contacts: Duration::from_secs(7 * DAY),
            children: Duration::from_secs(DAY),
        }
    }
}

impl Freshness {
    /// How long a resource of `kind` stays fresh.
    pub fn of(&self, kind: ResourceKind) -> Duration {
        match kind {
            ResourceKind::News => self.news,
            ResourceKind::Notifications => self.notifications,
            ResourceKind::Calendar => self.calendar,
            ResourceKind::Menu => self.menu,
            ResourceKind::Timetable => self.timetable,
            ResourceKind::Classmates | ResourceKind::Teachers | ResourceKind::Contacts => {
                self.contacts
            }
            ResourceKind::User | ResourceKind::Children => self.children,
            // Homework, attendance and care times change about as often as the calendar.
            ResourceKind::Assignments
            | ResourceKind::Attendance
            | ResourceKind::CareTimes
            | ResourceKind::AbsenceOptions => self.calendar,
        }
    }
}

/// Retries of one resource within one refresh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetryPolicy {
    /// Attempts per resource and refresh, the first included (default 3).
    pub max_attempts: u32,
    /// Base delay of the exponential back-off (default 1 s).
    pub base_delay: Duration,
    /// Longest back-off delay (default 30 s).
    pub max_delay: Duration,
    /// The longest `Retry-After` the engine waits for inside a refresh (default 2 min); longer
    /// ones fail the resource now and hold the platform back until then.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
        }
    }
}

/// When to stop calling a failing platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BreakerSettings {
    /// Consecutive transient failures that open the breaker (default 3).
    pub failure_threshold: u32,
    /// First cool-down before one probe request is let through (default 1 min); it doubles
    /// with every failed probe.
    pub cool_down: Duration,
    /// Longest cool-down (default 30 min).
    pub max_cool_down: Duration,
}

impl Default for BreakerSettings {
    fn default() -> Self {
        BreakerSettings {
            failure_threshold: 3,
            cool_down: Duration::from_secs(60),
            max_cool_down: Duration::from_secs(30 * 60),
        }
    }
}

/// Everything the sync engine can be tuned with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncSettings {
    /// Freshness per kind, at any time of day; used only when `school_day` is `None`.
    pub freshness: Freshness,
    /// Freshness per kind that follows the local school day (the default); when set it decides
    /// instead of `freshness`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school_day: Option<SchoolDay>,
    /// Retries.
    pub retry: RetryPolicy,
    /// Circuit breaker per platform.
    pub breaker: BreakerSettings,
    /// Upstream requests in flight at once per platform (default 3).
    pub max_concurrent_per_platform: usize,
}

impl SyncSettings {
    /// The defaults: freshness follows the school day ([`SchoolDay::default`]), 3 requests in
    /// flight per platform, the default retries and breaker.
    pub fn new() -> Self {
        SyncSettings {
            school_day: Some(SchoolDay::default()),
            max_concurrent_per_platform: 3,
            ..Default::default()
        }
    }

    /// The defaults, but with the same `freshness` at every time of day.
    pub fn fixed(freshness: Freshness) -> Self {
        SyncSettings {
            freshness,
            school_day: None,
            ..SyncSettings::new()
        }
    }

    /// How long a resource of `kind` stays fresh when judged at `now`.
    pub fn max_age(&self, kind: ResourceKind, now: Timestamp) -> Duration {
        match &self.school_day {
            Some(day) => day.max_age(kind, now),
            None => self.freshness.of(kind),
        }
    }

    /// Is data of `kind` fetched at `fetched_at` (never: `None`) still fresh at `now`? Data
    /// from the future (a clock set back) is not.
    pub fn is_fresh(
        &self,
        kind: ResourceKind,
        fetched_at: Option<Timestamp>,
        now: Timestamp,
    ) -> bool {
        let max_age = self.max_age(kind, now);
        fetched_at.is_some_and(|t| t <= now && elapsed(t, now) < max_age)
    }
}
