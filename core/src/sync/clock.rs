//! Time, injectable: the engine reads the time and sleeps only through a [`Clock`].

use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};

/// A source of time that can also wait.
#[async_trait]
pub trait Clock: Send + Sync {
    /// Now.
    fn now(&self) -> Timestamp;
    /// Waits for `duration`.
    async fn sleep(&self, duration: Duration);
}

/// The real clock (tokio timers).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

#[async_trait]
impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }

    async fn sleep(&self, duration: Duration) {
        tokio::time::sleep(duration).await;
    }
}

/// A clock for tests: time stands still until [`ManualClock::advance`] or a sleep moves it.
///
/// A `sleep(d)` started at `t` returns at once, after moving the clock to `t + d` if it is not
/// already later, so retries and back-offs take no real time and concurrent sleepers do not add
/// up.
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<Timestamp>,
}

impl ManualClock {
    /// A clock showing `start`.
    pub fn new(start: Timestamp) -> Self {
        ManualClock {
            now: Mutex::new(start),
        }
    }

    /// Moves the clock forward.
    pub fn advance(&self, by: Duration) {
        if let Ok(mut now) = self.now.lock() {
            *now = add(*now, by);
        }
    }

    /// Sets the clock (backwards too).
    pub fn set(&self, to: Timestamp) {
        if let Ok(mut now) = self.now.lock() {
            *now = to;
        }
    }
}

/// `t + d`, saturating at jiff's range.
pub fn add(t: Timestamp, d: Duration) -> Timestamp {
    SignedDuration::try_from(d)
        .ok()
        .and_then(|d| t.checked_add(d).ok())
        .unwrap_or(Timestamp::MAX)
}

/// `later - earlier` as a `Duration` (zero when `later` is not later).
pub fn elapsed(earlier: Timestamp, later: Timestamp) -> Duration {
    Duration::try_from(later.duration_since(earlier)).unwrap_or(Duration::ZERO)
}

#[async_trait]
impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        self.now.lock().map(|t| *t).unwrap_or(Timestamp::UNIX_EPOCH)
    }

    async fn sleep(&self, duration: Duration) {
        let start = self.now();
        let target = add(start, duration);
        if let Ok(mut now) = self.now.lock()
            && *now < target
        {
            *now = target;
        }
        tokio::task::yield_now().await;
    }
}
