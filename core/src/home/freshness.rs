//! How fresh one child's card is, from the ages of the resources it was built from.

use jiff::Timestamp;
use serde::Serialize;

use super::inputs::ResourceAge;
use crate::model::{EntityId, FailureKind};

/// The freshness of a child's card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CardFreshness {
    /// True when some of it is older than its freshness setting, or nothing is cached.
    pub stale: bool,
    /// When the oldest part was fetched (none: nothing cached).
    pub oldest_fetch: Option<Timestamp>,
    /// The last failure of a resource behind the card (a session expiry first), if any.
    pub failure: Option<FailureKind>,
}

/// The freshness of `child`'s card: its own resources and the account-level ones (children
/// list) of its provider.
pub fn card_freshness(
    child: &EntityId,
    provider: Option<&str>,
    resources: &[ResourceAge],
) -> CardFreshness {
    let mine: Vec<&ResourceAge> = resources
        .iter()
        .filter(|r| match &r.child {
            Some(c) => c == child,
            None => provider == Some(r.provider.as_str()),
        })
        .collect();
    let failures = || mine.iter().filter_map(|r| r.last_error);
    CardFreshness {
        stale: !mine.iter().any(|r| r.child.is_some()) || mine.iter().any(|r| r.stale),
        oldest_fetch: mine.iter().filter_map(|r| r.fetched_at).min(),
        failure: failures()
            .find(|f| *f == FailureKind::SessionExpired)
            .or_else(|| failures().next()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn age(provider: &str, child: Option<&str>, secs: Option<i64>, stale: bool) -> ResourceAge {
        ResourceAge {
            provider: provider.to_owned(),
            child: child.map(|c| EntityId::from_raw(c.to_owned())),
            fetched_at: secs.map(|s| Timestamp::from_second(s).unwrap()),
            stale,
            last_error: None,
        }
    }

    #[test]
    fn own_and_provider_level_resources_count_others_do_not() {
        let kid = EntityId::from_raw("c1".to_owned());
        let mut resources = vec![
            age("demo", Some("c1"), Some(2_000), false),
            age("demo", None, Some(1_000), false),
            age("other", None, Some(10), true),
            age("demo", Some("c2"), Some(5), true),
        ];
        let f = card_freshness(&kid, Some("demo"), &resources);
        assert!(!f.stale);
        assert_eq!(f.oldest_fetch, Timestamp::from_second(1_000).ok());
        assert_eq!(f.failure, None);
        resources[0].last_error = Some(FailureKind::Network);
        resources[1].last_error = Some(FailureKind::SessionExpired);
        resources[1].stale = true;
        let f = card_freshness(&kid, Some("demo"), &resources);
        assert!(f.stale);
        assert_eq!(f.failure, Some(FailureKind::SessionExpired));
    }

    #[test]
    fn nothing_cached_is_stale() {
        let kid = EntityId::from_raw("c1".to_owned());
        let f = card_freshness(&kid, Some("demo"), &[age("demo", None, Some(1), false)]);
        assert!(f.stale, "the children list alone is no card");
    }
}
