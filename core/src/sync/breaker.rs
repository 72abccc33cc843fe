//! A circuit breaker per platform, and the platform's `Retry-After` hold.

use std::time::Duration;

use jiff::Timestamp;

use super::clock::add;
use super::settings::BreakerSettings;

/// Why a request may not go out now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// The breaker is open until then.
    Open(Timestamp),
    /// The platform asked us to wait until then (`Retry-After`).
    RetryAfter(Timestamp),
}

/// Closed → (N consecutive failures) → open → (cool-down) → half-open: one probe; success
/// closes it, failure opens it again with a doubled cool-down.
#[derive(Debug, Default)]
pub struct Breaker {
    consecutive_failures: u32,
    open_until: Option<Timestamp>,
    trips: u32,
    probing: bool,
    not_before: Option<Timestamp>,
}

impl Breaker {
    /// May a request go out at `now`? On `Ok` the caller must report the outcome with
    /// [`Breaker::success`] or [`Breaker::failure`] (or [`Breaker::neutral`]).
    pub fn try_acquire(&mut self, now: Timestamp) -> Result<(), Hold> {
        if let Some(t) = self.not_before
            && now < t
        {
            return Err(Hold::RetryAfter(t));
        }
        if let Some(until) = self.open_until {
            if now < until || self.probing {
                return Err(Hold::Open(until));
            }
            // Half-open: this request is the probe.
            self.probing = true;
        }
        Ok(())
    }

    /// The request succeeded: close.
    pub fn success(&mut self) {
        self.consecutive_failures = 0;
        self.open_until = None;
        self.trips = 0;
        self.probing = false;
    }

    /// The request ended in a way that says nothing about the platform's health.
    pub fn neutral(&mut self) {
        self.probing = false;
    }

    /// A transient failure at `now`.
    pub fn failure(&mut self, now: Timestamp, settings: &BreakerSettings) {
        self.consecutive_failures = self.consecutive_failures.saturating_add(1);
        let was_probe = self.probing;
        self.probing = false;
        if was_probe || self.consecutive_failures >= settings.failure_threshold {
            let factor = 1u32.checked_shl(self.trips.min(16)).unwrap_or(u32::MAX);
            let cool = settings
                .cool_down
                .checked_mul(factor)
                .unwrap_or(settings.max_cool_down)
                .min(settings.max_cool_down);
            self.open_until = Some(add(now, cool));
            self.trips = self.trips.saturating_add(1);
        }
    }

    /// The platform said "not before `now + wait`".
    pub fn retry_after(&mut self, now: Timestamp, wait: Duration) {
        let t = add(now, wait);
        if self.not_before.is_none_or(|old| old < t) {
            self.not_before = Some(t);
        }
    }

    /// True while open (not yet half-open) at `now`.
    pub fn is_open(&self, now: Timestamp) -> bool {
        self.open_until.is_some_and(|t| now < t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_half_opens_and_closes() {
        let s = BreakerSettings::default();
        let t0: Timestamp = "2026-11-25T08:00:00Z".parse().unwrap();
        let mut b = Breaker::default();
        for _ in 0..3 {
            assert!(b.try_acquire(t0).is_ok());
            b.failure(t0, &s);
        }
        assert!(matches!(b.try_acquire(t0), Err(Hold::Open(_))));
        let t1 = add(t0, Duration::from_secs(61));
        assert!(b.try_acquire(t1).is_ok());
        // Only one probe at a time.
        assert!(b.try_acquire(t1).is_err());
        b.failure(t1, &s);
        // Doubled cool-down.
        assert!(b.try_acquire(add(t1, Duration::from_secs(100))).is_err());
        let t2 = add(t1, Duration::from_secs(121));
        assert!(b.try_acquire(t2).is_ok());
        b.success();
        assert!(b.try_acquire(t2).is_ok());
    }
}
