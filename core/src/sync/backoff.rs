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

#[cfg(test)]
mod tests {
    use super::*;

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
