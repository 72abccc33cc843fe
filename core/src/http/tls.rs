//! TLS: rustls with the ring provider, passed explicitly (no process-wide default).
//!
//! Production trusts the Mozilla root program as compiled in by `webpki-roots`. That works the
//! same on Linux, macOS, Windows, Android and iOS without any platform setup (the platform
//! verifier would need JNI initialisation on Android and a system CA bundle elsewhere); the cost
//! is that roots only change with a new build and user-installed CAs are ignored, which is fine
//! for the few public hosts the providers talk to. With an [`UpstreamOverride`] only the
//! emulator's CA is trusted.

use std::sync::Arc;

use rustls::RootCertStore;
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;

use crate::error::{Error, Result};
use crate::upstream::UpstreamOverride;

/// The rustls configuration for a client.
pub(crate) fn client_config(upstream: Option<&UpstreamOverride>) -> Result<rustls::ClientConfig> {
    let roots = match upstream {
        None => RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        },
        Some(over) => emulator_roots(&over.ca_pem)?,
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::InvalidInput(format!("TLS setup failed: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// A root store holding only the certificates of `pem`.
fn emulator_roots(pem: &str) -> Result<RootCertStore> {
    let mut roots = RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(pem.as_bytes()) {
        let cert =
            cert.map_err(|e| Error::InvalidInput(format!("emulator CA is not valid PEM: {e}")))?;
        roots
            .add(cert)
            .map_err(|e| Error::InvalidInput(format!("emulator CA is not usable: {e}")))?;
    }
    if roots.is_empty() {
        return Err(Error::InvalidInput(
            "emulator CA PEM holds no certificate".to_owned(),
        ));
    }
    Ok(roots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_config_builds_with_ring() {
        let config = client_config(None).unwrap();
        assert_eq!(config.alpn_protocols, vec![b"http/1.1".to_vec()]);
    }

    #[test]
    fn bad_emulator_pem_is_an_error_not_a_panic() {
        let over = UpstreamOverride {
            addr: "127.0.0.1:1".parse().unwrap(),
            ca_pem: "not a pem".to_owned(),
        };
        assert!(matches!(
            client_config(Some(&over)),
            Err(Error::InvalidInput(_))
        ));
    }

    /// A loopback TLS server whose CA is not in the Mozilla roots (the emulator's own, standing
    /// for a user-installed or attacker's CA): the production configuration refuses it as an
    /// unknown issuer.
    #[tokio::test]
    async fn production_trusts_only_the_compiled_in_roots() {
        use skolbryggan_emulator::{Emulator, EmulatorConfig};
        let emu = Emulator::start(EmulatorConfig::demo()).unwrap();
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(client_config(None).unwrap())
            .no_proxy()
            .resolve("etjanster.stockholm.se", emu.addr())
            .build()
            .unwrap();
        let refused = client
            .get("https://etjanster.stockholm.se/vardnadshavare/inloggad2/hem")
            .send()
            .await
            .unwrap_err();
        let chain = format!("{refused:?}");
        assert!(chain.contains("UnknownIssuer"), "{chain}");
        // The emulator's own configuration (which trusts that CA alone) reaches it: every
        // emulator test does.
    }
}
