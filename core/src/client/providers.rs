//! Which provider serves which platform, and constructing them.

use std::sync::Arc;

use crate::error::{Error, Result};
use crate::model::{PersonalNumber, Platform};
use crate::provider::demo::{DemoConfig, DemoProvider};
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
    match platform {
        Platform::Stockholm | Platform::Skola24 => "stockholm",
        Platform::InfoMentor => "infomentor",
    }
}

/// Builds the provider called `name`.
pub(crate) fn make(
    name: &str,
    upstream: Option<&UpstreamOverride>,
    today: jiff::civil::Date,
) -> Result<Arc<dyn Provider>> {
    let http = crate::http::HttpConfig {
        upstream: upstream.cloned(),
        ..crate::http::HttpConfig::default()
    };
    match name {
        crate::provider::demo::DEMO_PROVIDER => {
            Ok(Arc::new(DemoProvider::new(&DemoConfig::for_date(today))))
        }
        crate::provider::stockholm::NAME => Ok(Arc::new(
            crate::provider::stockholm::StockholmProvider::new(http)?,
        )),
        other => Err(Error::Unsupported {
            platform: other.to_owned(),
            what: "login".to_owned(),
        }),
    }
}
