//! Where the upstream platforms are: the real hosts by default, or a local emulator.

use std::net::SocketAddr;

/// Points every upstream host at a local emulator, for tests and development.
///
/// Production code never sets this: every provider talks to the real upstream URLs. With an
/// override, the HTTP layer resolves each real host name (`login003.stockholm.se`,
/// `etjanster.stockholm.se`, `websthlm.skola24.se`, `hub.infomentor.se`, …: each provider's own
/// hosts, listed in the platform registry) to `addr` and trusts
/// only the emulator's certificate authority `ca_pem` (generated when the emulator starts), so the
/// requests, paths, cookies and TLS are exactly those of production.
#[derive(Clone, PartialEq, Eq)]
pub struct UpstreamOverride {
    /// The emulator's loopback address.
    pub addr: SocketAddr,
    /// The emulator's CA certificate, PEM.
    pub ca_pem: String,
}

impl std::fmt::Debug for UpstreamOverride {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UpstreamOverride")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

/// The environment variable the CLI reads (`host:port` of a running emulator) when
/// `--emulator` is not given; the CA is read from `SKOLBRYGGAN_EMULATOR_CA` (a PEM file path).
pub const EMULATOR_ENV: &str = "SKOLBRYGGAN_EMULATOR";
