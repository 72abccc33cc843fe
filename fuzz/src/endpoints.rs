//! Every endpoint of one upstream system, straight from the platform registry: the targets
//! `endpoints_<platform>` run `EndpointParser::parse` of the registry entry for `<platform>` on
//! the endpoint the first byte picks. An endpoint added to the registry is fuzzed with no change
//! here; a new platform is one file `fuzz_targets/endpoints_<platform>.rs` (a core test checks
//! that every registered system has one).

use skolbryggan::provider::registry::{self, EndpointParser};

/// The registry's parser of `platform`. Panics (at the first input) when the registry has no
/// such system: the target's name is out of date.
pub fn parser(platform: &str) -> &'static EndpointParser {
    match registry::parsers().find(|p| p.platform == platform) {
        Some(p) => p,
        None => panic!("the registry has no parser system {platform:?}"),
    }
}

/// One input: the endpoint picked by the first byte, the body the rest.
pub fn run(platform: &str, data: &[u8]) {
    let parser = parser(platform);
    let Some((selector, body)) = crate::split(data) else {
        return;
    };
    let Some(endpoint) = crate::pick(parser.endpoints, selector) else {
        return;
    };
    let _ = (parser.parse)(endpoint, &body);
}

/// Declares the fuzz target of one registered system: `endpoints_target!("stockholm");`.
#[macro_export]
macro_rules! endpoints_target {
    ($platform:literal) => {
        libfuzzer_sys::fuzz_target!(|data: &[u8]| $crate::endpoints::run($platform, data));
    };
}
