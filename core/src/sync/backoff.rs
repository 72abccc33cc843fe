//! Jittered exponential back-off.

use std::time::Duration;

use super::settings::RetryPolicy;

/// The delay before retry number `retry` (0 for the first retry): "equal jitter" — half of
/// `min(max_delay, base_delay · 2^retry)` fixed, the other half random — so retries spread out
/// but never come back immediately.
pub fn delay(policy: &RetryPolicy, retry: u32) -> Duration {
    let exp = policy
        .base_delay
        .checked_mul(1u32.checked_shl(retry.min(20)).unwrap_or(u32::MAX))
        .unwrap_or(policy.max_delay)
        .min(policy.max_delay);
    let half = exp / 2;
    let jitter_ms = u64::try_from(half.as_millis()).unwrap_or(u64::MAX);
    half + Duration::from_millis(fastrand::u64(0..=jitter_ms))
}

/// What to do after a failed attempt of one resource within one refresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// Give up for this refresh (not transient, or no attempts left).
    GiveUp,
    /// Try again at once: the platform's hold (set from the `Retry-After` of the failure)
    /// decides whether to wait first ([`waits_for_hold`]).
    AskHold,
    /// Sleep this long, then try again.
    RetryIn(Duration),
}

/// The decision after attempt number `attempt` (1 for the first) failed; `rate_limited` when
/// the platform said 429 (or 503 with `Retry-After`).
pub fn after_failure(
    policy: &RetryPolicy,
    attempt: u32,
    transient: bool,
    rate_limited: bool,
) -> AfterFailure {
    if !transient || attempt >= policy.max_attempts {
        AfterFailure::GiveUp
    } else if rate_limited {
        AfterFailure::AskHold
    } else {
        AfterFailure::RetryIn(delay(policy, attempt.saturating_sub(1)))
    }
}

/// How long a rate-limited answer holds the whole platform: its `Retry-After`, or the back-off
/// delay when it gave none.
pub fn rate_limit_hold(
    policy: &RetryPolicy,
    attempt: u32,
    retry_after: Option<Duration>,
) -> Duration {
    retry_after.unwrap_or_else(|| delay(policy, attempt))
}

/// Whether attempt number `attempt`, finding the platform held for `wait`, waits that long
/// within this refresh (and then tries) rather than failing the resource now.
pub fn waits_for_hold(policy: &RetryPolicy, attempt: u32, wait: Duration) -> bool {
    wait <= policy.max_retry_after && attempt < policy.max_attempts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions() {
        let p = RetryPolicy::default();
        assert_eq!(after_failure(&p, 1, false, false), AfterFailure::GiveUp);
        assert_eq!(after_failure(&p, 3, true, false), AfterFailure::GiveUp);
        assert_eq!(after_failure(&p, 1, true, true), AfterFailure::AskHold);
        assert!(
            matches!(after_failure(&p, 2, true, false), AfterFailure::RetryIn(d) if d >= Duration::from_secs(1))
        );
        assert_eq!(
            rate_limit_hold(&p, 1, Some(Duration::from_secs(9))),
            Duration::from_secs(9)
        );
        assert!(waits_for_hold(&p, 1, Duration::from_secs(120)));
        assert!(!waits_for_hold(&p, 1, Duration::from_secs(121)));
        assert!(!waits_for_hold(&p, 3, Duration::from_secs(1)));
    }

    #[test]
    fn grows_and_stays_capped() {
        let p = RetryPolicy::default();
        for _ in 0..100 {
            let d0 = delay(&p, 0);
            assert!(d0 >= Duration::from_millis(500) && d0 <= Duration::from_secs(1));
            let d3 = delay(&p, 3);
            assert!(d3 >= Duration::from_secs(4) && d3 <= Duration::from_secs(8));
            assert!(delay(&p, 40) <= p.max_delay);
        }
    }
}
