//! Which provider serves which platform, and constructing them (both read from
//! [`crate::provider::registry`]).

use std::sync::Arc;

use crate::error::Result;
use crate::model::{AccountKey, PersonalNumber, Platform};
use crate::provider::registry::{self, BuildContext};
use crate::provider::{LoginRequest, Provider};
use crate::upstream::UpstreamOverride;

/// The provider name that handles a login on `platform` with `request`: `"demo"` for the demo
/// personal numbers (ending in `1212121212`), else the platform's own provider.
pub fn provider_name_for(platform: Platform, request: &LoginRequest) -> &'static str {
    if let LoginRequest::BankId {
        personal_number: Some(p),
        ..
    } = request
        && PersonalNumber::is_demo_trigger(p.digits())
    {
        return crate::provider::demo::DEMO_PROVIDER;
    }
    registry::for_platform(platform).map_or(platform.as_str(), |e| e.name)
}

/// Builds the provider called `name`, making account ids with `account_key`.
pub(crate) fn make(
    name: &str,
    upstream: Option<&UpstreamOverride>,
    today: jiff::civil::Date,
    account_key: AccountKey,
) -> Result<Arc<dyn Provider>> {
    let http = crate::http::HttpConfig {
        upstream: upstream.cloned(),
        ..crate::http::HttpConfig::default()
    };
    registry::build(
        name,
        &BuildContext {
            http,
            today,
            account_key,
        },
    )
}
