//! The platform registry: the one table that lists every platform the core knows.
//!
//! Each [`PlatformEntry`] says, for one provider folder: its name (the `login --platform` value
//! and the key its saved session is stored under), the [`Platform`]s whose data it returns, how
//! to build it, the `parse --endpoint` names and parser of each system it reads, the hosts the
//! emulator must serve for it, and its login hosts (a redirect there means "session expired").
//! Capabilities come from the provider itself ([`PlatformEntry::capabilities`]).
//!
//! The client ([`crate::client`]), the CLI (`parse`, `login`), the emulator override
//! ([`all_hosts`]) and the bindings read this table; nothing else lists platforms. Adding a
//! platform is one provider folder, one entry in [`ENTRIES`], and one variant of the FFI
//! enum; the folder declares its [`Platform`] value (`platform.rs`) and its child reference.

use std::sync::Arc;

use jiff::civil::Date;

use crate::error::{Error, Result};
use crate::http::{HostPattern, HttpConfig};
use crate::model::{AccountKey, Platform};
use crate::provider::{Capabilities, Provider};
use crate::provider::{demo, infomentor, menus, schoolsoft, skola24, stockholm, vklass};

/// What building a provider needs.
#[derive(Debug, Clone)]
pub struct BuildContext {
    /// The HTTP settings (an emulator override, timeouts); the provider adds its own hosts.
    pub http: HttpConfig,
    /// Today's date (the demo family is generated around it).
    pub today: Date,
    /// The installation's key of account ids, for the platforms that name a guardian by
    /// personal number (the client hands over the cache's, [`crate::cache::Cache::account_key`]).
    pub account_key: AccountKey,
}

/// The `parse --endpoint` names of one upstream system and the function that parses a saved
/// answer of one of them into the model's JSON form.
#[derive(Debug, Clone, Copy)]
pub struct EndpointParser {
    /// The `parse --platform` value (`stockholm`, `skola24`, `infomentor`).
    pub platform: &'static str,
    /// The endpoint names it accepts.
    pub endpoints: &'static [&'static str],
    /// Parses `(endpoint, body)`; an unknown endpoint is [`Error::InvalidInput`] listing the
    /// valid names.
    pub parse: fn(&str, &str) -> Result<serde_json::Value>,
}

/// One platform whose data a provider returns, with its name for people.
#[derive(Debug, Clone, Copy)]
pub struct PlatformInfo {
    /// The platform (declared by its provider folder).
    pub platform: Platform,
    /// A name for people ("Skolplattformen (Stockholm)").
    pub display_name: &'static str,
}

/// One platform (one provider folder) and everything the rest of the code needs to know of it.
#[derive(Debug, Clone, Copy)]
pub struct PlatformEntry {
    /// The provider's name: the `login --platform` value and its saved session's key.
    pub name: &'static str,
    /// One line for `login --help`.
    pub summary: &'static str,
    /// The short name people know the platform by, for labels ("Skolplattformen").
    pub label: &'static str,
    /// The platforms whose data the provider returns (empty for the demo family, whose
    /// children carry the platforms it imitates).
    pub platforms: &'static [PlatformInfo],
    /// Builds the provider.
    pub build: fn(&BuildContext) -> Result<Arc<dyn Provider>>,
    /// The `parse --platform` systems it reads.
    pub parsers: &'static [EndpointParser],
    /// The hosts it talks to (served by the emulator under an override).
    pub hosts: &'static [&'static str],
    /// The hosts whose pages mean "log in first".
    pub login_hosts: &'static [HostPattern],
}

impl PlatformEntry {
    /// True when the provider returns `platform`'s data.
    pub fn owns(&self, platform: Platform) -> bool {
        self.platforms.iter().any(|p| p.platform == platform)
    }

    /// The provider's main platform (the first it returns), if any.
    pub fn main_platform(&self) -> Option<Platform> {
        self.platforms.first().map(|p| p.platform)
    }

    /// What the platform offers (login methods, entities, write actions), as its provider
    /// reports it (built against the production hosts; nothing is sent).
    pub fn capabilities(&self) -> Result<Capabilities> {
        let provider = (self.build)(&BuildContext {
            http: HttpConfig::production(),
            today: crate::time::today(),
            // Nothing is logged in: no id is made.
            account_key: AccountKey::for_saved_answers(),
        })?;
        Ok(provider.capabilities())
    }
}

fn build_stockholm(ctx: &BuildContext) -> Result<Arc<dyn Provider>> {
    Ok(Arc::new(stockholm::StockholmProvider::new(
        ctx.http.clone(),
        ctx.account_key.clone(),
    )?))
}

fn build_infomentor(ctx: &BuildContext) -> Result<Arc<dyn Provider>> {
    Ok(Arc::new(infomentor::InfoMentorProvider::new(&ctx.http)?))
}

fn build_schoolsoft(ctx: &BuildContext) -> Result<Arc<dyn Provider>> {
    Ok(Arc::new(schoolsoft::SchoolSoftProvider::new(
        &ctx.http,
        ctx.account_key.clone(),
    )?))
}

fn build_vklass(ctx: &BuildContext) -> Result<Arc<dyn Provider>> {
    Ok(Arc::new(vklass::VklassProvider::new(&ctx.http)?))
}

fn build_demo(ctx: &BuildContext) -> Result<Arc<dyn Provider>> {
    Ok(Arc::new(
        demo::DemoProvider::new(&demo::DemoConfig::for_date(ctx.today)).with_today(ctx.today),
    ))
}

/// Every platform, in the order the CLI lists them.
pub const ENTRIES: &[PlatformEntry] = &[
    PlatformEntry {
        name: stockholm::NAME,
        summary: "Stockholm's Skolplattformen (with Skola24 timetables)",
        label: "Skolplattformen",
        platforms: &[
            PlatformInfo {
                platform: Platform::Stockholm,
                display_name: "Skolplattformen (Stockholm)",
            },
            PlatformInfo {
                platform: Platform::Skola24,
                display_name: "Skola24",
            },
        ],
        build: build_stockholm,
        parsers: &[
            EndpointParser {
                platform: "stockholm",
                endpoints: stockholm::endpoints::ENDPOINTS,
                parse: stockholm::endpoints::parse_endpoint,
            },
            EndpointParser {
                platform: "skola24",
                endpoints: skola24::endpoints::ENDPOINTS,
                parse: skola24::endpoints::parse_endpoint,
            },
        ],
        hosts: stockholm::HOSTS,
        login_hosts: stockholm::LOGIN_HOSTS,
    },
    PlatformEntry {
        name: infomentor::NAME,
        summary: "InfoMentor Hub",
        label: "InfoMentor",
        platforms: &[PlatformInfo {
            platform: Platform::InfoMentor,
            display_name: "InfoMentor",
        }],
        build: build_infomentor,
        parsers: &[EndpointParser {
            platform: "infomentor",
            endpoints: infomentor::parse::ENDPOINTS,
            parse: infomentor::parse::parse_endpoint,
        }],
        hosts: infomentor::HOSTS,
        login_hosts: infomentor::LOGIN_HOSTS,
    },
    PlatformEntry {
        name: schoolsoft::NAME,
        summary: "SchoolSoft (independent school groups, some municipalities)",
        label: "SchoolSoft",
        platforms: &[PlatformInfo {
            platform: Platform::SchoolSoft,
            display_name: "SchoolSoft",
        }],
        build: build_schoolsoft,
        parsers: &[EndpointParser {
            platform: "schoolsoft",
            endpoints: schoolsoft::endpoints::ENDPOINTS,
            parse: schoolsoft::endpoints::parse_endpoint,
        }],
        hosts: schoolsoft::HOSTS,
        login_hosts: schoolsoft::LOGIN_HOSTS,
    },
    PlatformEntry {
        name: vklass::NAME,
        summary: "Vklass (Göteborg and other municipalities)",
        label: "Vklass",
        platforms: &[PlatformInfo {
            platform: Platform::Vklass,
            display_name: "Vklass",
        }],
        build: build_vklass,
        parsers: &[EndpointParser {
            platform: "vklass",
            endpoints: vklass::endpoints::ENDPOINTS,
            parse: vklass::endpoints::parse_endpoint,
        }],
        hosts: vklass::HOSTS,
        login_hosts: vklass::LOGIN_HOSTS,
    },
    PlatformEntry {
        name: demo::DEMO_PROVIDER,
        summary: "The built-in demo family (no network)",
        label: "Demo",
        platforms: &[],
        build: build_demo,
        parsers: &[],
        hosts: &[],
        login_hosts: &[],
    },
];

/// The entry called `name`.
pub fn entry(name: &str) -> Option<&'static PlatformEntry> {
    ENTRIES.iter().find(|e| e.name == name)
}

/// The entry whose provider returns `platform`'s data.
pub fn for_platform(platform: Platform) -> Option<&'static PlatformEntry> {
    ENTRIES.iter().find(|e| e.owns(platform))
}

/// Every platform of every entry, in table order.
pub fn platforms() -> impl Iterator<Item = &'static PlatformInfo> {
    ENTRIES.iter().flat_map(|e| e.platforms.iter())
}

/// The known platform called `name` (`"stockholm"`), if any.
pub fn platform_named(name: &str) -> Option<Platform> {
    platforms().map(|p| p.platform).find(|p| p.as_str() == name)
}

/// A name for people ("Skolplattformen (Stockholm)"); an unknown platform's own name.
pub fn display_name(platform: Platform) -> &'static str {
    platforms()
        .find(|p| p.platform == platform)
        .map_or(platform.as_str(), |p| p.display_name)
}

/// Builds the provider called `name`; an unknown name is [`Error::Unsupported`].
pub fn build(name: &str, ctx: &BuildContext) -> Result<Arc<dyn Provider>> {
    match entry(name) {
        Some(e) => (e.build)(ctx),
        None => Err(Error::Unsupported {
            platform: name.to_owned(),
            what: "login".to_owned(),
        }),
    }
}

/// Every host of every platform, each once, in table order, then the public menu services'
/// hosts ([`menus::HOSTS`]): what the emulator serves.
pub fn all_hosts() -> Vec<&'static str> {
    let mut hosts: Vec<&'static str> = Vec::new();
    let platform_hosts = ENTRIES.iter().flat_map(|e| e.hosts.iter().copied());
    for host in platform_hosts.chain(menus::HOSTS.iter().copied()) {
        if !hosts.contains(&host) {
            hosts.push(host);
        }
    }
    hosts
}

/// Every `parse --platform` system, in table order, then the public menu services
/// ([`menus::endpoints::PARSERS`]: `skolmaten`, `matilda`).
pub fn parsers() -> impl Iterator<Item = &'static EndpointParser> {
    ENTRIES
        .iter()
        .flat_map(|e| e.parsers.iter())
        .chain(menus::endpoints::PARSERS.iter())
}

/// Parses `body` as the answer of `endpoint` on the system `platform` (see [`parsers`]) and
/// returns the normalized result as JSON. Unknown systems or endpoints are
/// [`Error::InvalidInput`] listing the valid names.
pub fn parse_endpoint(platform: &str, endpoint: &str, body: &str) -> Result<serde_json::Value> {
    match parsers().find(|p| p.platform == platform) {
        Some(parser) => (parser.parse)(endpoint, body),
        None => {
            let names: Vec<&str> = parsers().map(|p| p.platform).collect();
            Err(Error::InvalidInput(format!(
                "unknown platform {platform:?}; valid: {}",
                names.join(", ")
            )))
        }
    }
}

/// `a, b or c`.
pub fn join_or(names: &[&str]) -> String {
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_owned(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_platform_has_one_entry_and_names_are_unique() {
        let all: Vec<Platform> = platforms().map(|p| p.platform).collect();
        assert_eq!(
            all,
            [
                Platform::Stockholm,
                Platform::Skola24,
                Platform::InfoMentor,
                Platform::SchoolSoft,
                Platform::Vklass
            ]
        );
        for platform in all {
            let owners = ENTRIES.iter().filter(|e| e.owns(platform)).count();
            assert_eq!(owners, 1, "{platform}");
            assert_eq!(platform_named(platform.as_str()), Some(platform));
        }
        assert_eq!(platform_named("no-such-platform"), None);
        assert_eq!(
            display_name(Platform::Stockholm),
            "Skolplattformen (Stockholm)"
        );
        assert_eq!(display_name(Platform::named("elsewhere")), "elsewhere");
        let mut names: Vec<&str> = ENTRIES.iter().map(|e| e.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ENTRIES.len());
    }

    #[test]
    fn hosts_are_the_union_and_entries_build_with_their_capabilities() {
        assert_eq!(
            all_hosts(),
            vec![
                "login001.stockholm.se",
                "login003.stockholm.se",
                "etjanster.stockholm.se",
                "etjanst.stockholm.se",
                "stockholm-sso.skola24.se",
                "websthlm.skola24.se",
                "sso.infomentor.se",
                "hub.infomentor.se",
                "infomentor.se",
                "idp.exempelkommun.se",
                "sms.schoolsoft.se",
                "login.grandid.com",
                "saml2.grandid.com",
                "custodian.vklass.se",
                "auth.vklass.se",
                "authpub.goteborg.se",
                "eid-connect.funktionstjanster.se",
                "files.vklass.se",
                "skolmaten.se",
                "menu.matildaplatform.com",
            ]
        );
        for e in ENTRIES {
            let provider = build(
                e.name,
                &BuildContext {
                    http: HttpConfig::production(),
                    today: jiff::civil::date(2026, 11, 25),
                    account_key: AccountKey::derive(&[9; 32]),
                },
            )
            .unwrap();
            assert_eq!(provider.name(), e.name);
            assert!(!e.capabilities().unwrap().login_methods.is_empty());
        }
        assert!(matches!(
            build(
                "no-such-platform",
                &BuildContext {
                    http: HttpConfig::production(),
                    today: jiff::civil::date(2026, 11, 25),
                    account_key: AccountKey::derive(&[9; 32]),
                }
            ),
            Err(Error::Unsupported { .. })
        ));
    }

    #[test]
    fn unknown_parse_platform_lists_the_registered_ones() {
        let err = parse_endpoint("no-such-platform", "x", "").unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput(m) if m.ends_with("valid: stockholm, skola24, infomentor, schoolsoft, vklass, skolmaten, matilda")),
            "{err:?}"
        );
    }
}
