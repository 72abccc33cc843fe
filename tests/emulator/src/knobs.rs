//! The knobs a test turns: identification scripts, faults, menu forms.

use serde::{Deserialize, Serialize};

/// How a BankID order ends once its scripted polls are used up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BankIdOutcome {
    /// `{"state":"OK"}`: signed; the cookie step hands out `SMSESSION`.
    #[default]
    Ok,
    /// `{"state":"ERROR"}`.
    Error,
    /// `{"state":"CANCELLED"}`.
    Cancelled,
    /// The order expires: every later poll answers HTTP 500 (the behaviour seen on the same
    /// login servers in QR mode; *inferred* for the autostart mode).
    Expire,
}

/// The scripted life of every BankID order started after the script is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BankIdScript {
    /// Polls answered `PENDING` first.
    pub pending_polls: u32,
    /// Then polls answered `USER_SIGN`.
    pub user_sign_polls: u32,
    /// Then the outcome, repeated on every later poll.
    pub outcome: BankIdOutcome,
}

impl Default for BankIdScript {
    fn default() -> Self {
        BankIdScript {
            pending_polls: 2,
            user_sign_polls: 1,
            outcome: BankIdOutcome::Ok,
        }
    }
}

/// How a Freja eID+ transaction ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FrejaOutcome {
    /// `APPROVED`: the two finishing requests hand out `SMSESSION`.
    #[default]
    Approved,
    /// `CANCELED` (one L, as upstream writes it).
    Canceled,
    /// `EXPIRED`.
    Expired,
    /// `RP_CANCELED`.
    RpCanceled,
    /// `ERROR`.
    Error,
}

impl FrejaOutcome {
    /// The text the status poll answers.
    pub fn wire(self) -> &'static str {
        match self {
            FrejaOutcome::Approved => "APPROVED",
            FrejaOutcome::Canceled => "CANCELED",
            FrejaOutcome::Expired => "EXPIRED",
            FrejaOutcome::RpCanceled => "RP_CANCELED",
            FrejaOutcome::Error => "ERROR",
        }
    }
}

/// The scripted life of every Freja transaction started after the script is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FrejaScript {
    /// Polls answered `STARTED` first.
    pub started_polls: u32,
    /// Then polls answered `DELIVERED_TO_MOBILE`.
    pub delivered_polls: u32,
    /// Then the outcome, repeated on every later poll.
    pub outcome: FrejaOutcome,
}

impl Default for FrejaScript {
    fn default() -> Self {
        FrejaScript {
            started_polls: 1,
            delivered_polls: 1,
            outcome: FrejaOutcome::Approved,
        }
    }
}

/// Which form a school publishes its lunch menu in (`GetMatsedelChoice`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MenuKind {
    /// `"rss"`: the feed form, `GetMatsedelRSS`.
    Rss,
    /// Anything else (the emulator answers `"list"`, *inferred*): `GetMatsedelList`.
    #[default]
    List,
}

/// What a fault does to an answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum FaultEffect {
    /// Nothing but the latency.
    #[default]
    None,
    /// Answer this status instead of running the endpoint (429 and 503 carry `Retry-After`;
    /// 500 and others an HTML error page).
    Status {
        /// The HTTP status.
        status: u16,
        /// `Retry-After` in seconds, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after_secs: Option<u64>,
    },
    /// The real answer, cut in the middle: a valid HTTP response (correct `Content-Length`) whose
    /// body stops halfway.
    TruncatedBody,
    /// HTTP 200 with an HTML error page (`text/html`) instead of the JSON.
    HtmlInsteadOfJson,
    /// Answer with another child's data and `Set-Cookie: Status=FS` (Stockholm child
    /// endpoints; elsewhere no effect).
    WrongChild,
    /// `302 Found` to `location` instead of running the endpoint (for example a news image
    /// moved off the platform's hosts, to a third-party host or to `http:`).
    Redirect {
        /// The `Location` header, as sent.
        location: String,
    },
}

/// One fault: a delay and an effect.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// Delay before answering, in milliseconds.
    #[serde(default)]
    pub latency_ms: u64,
    /// What happens to the answer.
    #[serde(default)]
    pub effect: FaultEffect,
}

impl Fault {
    /// A status fault (`Retry-After` given for 429/503 when `retry_after_secs` is set).
    pub fn status(status: u16, retry_after_secs: Option<u64>) -> Self {
        Fault {
            latency_ms: 0,
            effect: FaultEffect::Status {
                status,
                retry_after_secs,
            },
        }
    }

    /// Only a delay.
    pub fn latency(ms: u64) -> Self {
        Fault {
            latency_ms: ms,
            effect: FaultEffect::None,
        }
    }

    /// An effect without delay.
    pub fn effect(effect: FaultEffect) -> Self {
        Fault {
            latency_ms: 0,
            effect,
        }
    }
}

/// A fault bound to an endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultRule {
    /// Endpoint name: the last path segment (`GetChildren`, `getnotifications`,
    /// `NECSadcmbid`, `timetable`), or `*` for every endpoint.
    pub endpoint: String,
    /// Only requests to this host (`etjanster.stockholm.se`), or every host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// The fault.
    pub fault: Fault,
    /// Apply to the next N matching requests, then drop the rule; `None` = always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
}

impl FaultRule {
    /// A rule for the next `times` requests to `endpoint` (any host).
    pub fn next(endpoint: &str, times: u32, fault: Fault) -> Self {
        FaultRule {
            endpoint: endpoint.to_owned(),
            host: None,
            fault,
            times: Some(times),
        }
    }

    /// A rule for every request to `endpoint` (any host) until cleared.
    pub fn always(endpoint: &str, fault: Fault) -> Self {
        FaultRule {
            endpoint: endpoint.to_owned(),
            host: None,
            fault,
            times: None,
        }
    }

    pub(crate) fn matches(&self, host: &str, endpoint: &str) -> bool {
        (self.endpoint == "*" || self.endpoint == endpoint)
            && self.host.as_deref().is_none_or(|h| h == host)
            && self.times != Some(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fault_rules_match_and_count_down() {
        let mut state = crate::state::State::new(
            skolbryggan::model::FamilySnapshot::empty(),
            "198001012387".to_owned(),
        );
        state.faults.push(FaultRule::next(
            "GetChildren",
            2,
            Fault::status(503, Some(1)),
        ));
        state.faults.push(FaultRule {
            endpoint: "*".to_owned(),
            host: Some("websthlm.skola24.se".to_owned()),
            fault: Fault::latency(5),
            times: None,
        });
        assert!(
            state
                .take_fault("etjanster.stockholm.se", "GetNewsArchive")
                .is_none()
        );
        assert!(
            state
                .take_fault("etjanster.stockholm.se", "GetChildren")
                .is_some()
        );
        assert!(
            state
                .take_fault("etjanster.stockholm.se", "GetChildren")
                .is_some()
        );
        assert!(
            state
                .take_fault("etjanster.stockholm.se", "GetChildren")
                .is_none()
        );
        for _ in 0..3 {
            assert_eq!(
                state.take_fault("websthlm.skola24.se", "key"),
                Some(Fault::latency(5))
            );
        }
        assert_eq!(crate::log::endpoint_name("/a/b/GetChildren"), "GetChildren");
        assert_eq!(
            crate::log::endpoint_name("/api/render/timetable/"),
            "timetable"
        );
        assert_eq!(crate::log::endpoint_name("/"), "/");
    }

    #[test]
    fn fault_json_form() {
        let rule: FaultRule = serde_json::from_str(
            r#"{"endpoint":"GetChildren","times":1,"fault":{"latencyMs":10,"effect":{"kind":"status","status":429,"retryAfterSecs":3}}}"#,
        )
        .unwrap();
        assert_eq!(
            rule.fault.effect,
            FaultEffect::Status {
                status: 429,
                retry_after_secs: Some(3)
            }
        );
        let rule: FaultRule =
            serde_json::from_str(r#"{"endpoint":"*","fault":{"effect":{"kind":"wrong_child"}}}"#)
                .unwrap();
        assert_eq!(rule.times, None);
        assert_eq!(rule.fault.effect, FaultEffect::WrongChild);
    }
}
