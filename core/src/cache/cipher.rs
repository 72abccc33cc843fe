//! Sealing values and hiding lookup keys, after matrix-rust-sdk's `StoreCipher`.
//!
//! * A 32-byte random key is split (BLAKE3 `derive_key`) into an encryption key and a hashing
//!   key.
//! * [`StoreCipher::seal`] encrypts with XChaCha20-Poly1305 under a fresh random 192-bit nonce.
//!   Format: `version (1 byte) ‖ nonce (24) ‖ ciphertext ‖ tag (16)`. The associated data is
//!   the row's lookup key, so a sealed value copied into another row (another child, another
//!   resource) fails to open with [`CacheError::Integrity`].
//! * [`StoreCipher::lookup_key`] is a keyed BLAKE3 hash: the database sees 32 opaque bytes,
//!   never a child id, a kind or a week.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use super::error::{CacheError, CacheResult as Result, IntegrityFailure};

/// Version byte of the sealed format.
const VERSION: u8 = 1;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;

/// Length of a data key.
pub const KEY_LEN: usize = 32;

/// A random 32-byte key from the operating system's generator.
pub fn random_key() -> Result<Zeroizing<[u8; KEY_LEN]>> {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    getrandom::fill(key.as_mut_slice()).map_err(|e| CacheError::NoRandomness(e.to_string()))?;
    Ok(key)
}

/// Encrypts values and hashes lookup keys with one data key.
pub struct StoreCipher {
    aead: XChaCha20Poly1305,
    hash_key: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for StoreCipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StoreCipher(<keys hidden>)")
    }
}

impl StoreCipher {
    /// A cipher from a 32-byte data key; any other length is a [`CacheError::KeyLength`] error.
    pub fn new(key: &[u8]) -> Result<Self> {
        if key.len() != KEY_LEN {
            return Err(CacheError::KeyLength {
                expected: KEY_LEN,
                found: key.len(),
            });
        }
        let enc_key = Zeroizing::new(blake3::derive_key("skolbryggan cache v1 encryption", key));
        let hash_key = Zeroizing::new(blake3::derive_key("skolbryggan cache v1 lookup", key));
        let aead = XChaCha20Poly1305::new_from_slice(enc_key.as_slice()).map_err(|_| {
            CacheError::KeyLength {
                expected: KEY_LEN,
                found: enc_key.len(),
            }
        })?;
        Ok(StoreCipher { aead, hash_key })
    }

    /// The opaque lookup key of `parts` (joined unambiguously).
    pub fn lookup_key(&self, parts: &[&str]) -> [u8; 32] {
        let mut hasher = blake3::Hasher::new_keyed(&self.hash_key);
        for part in parts {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part.as_bytes());
        }
        *hasher.finalize().as_bytes()
    }

    /// Seals `plaintext`, bound to `aad` (the row's lookup key).
    pub fn seal(&self, plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce).map_err(|e| CacheError::NoRandomness(e.to_string()))?;
        let nonce_arr = XNonce::from(nonce);
        let ciphertext = self
            .aead
            .encrypt(
                &nonce_arr,
                Payload {
                    msg: plaintext,
                    aad,
                },
            )
            .map_err(|_| CacheError::Encryption)?;
        let mut out = Vec::with_capacity(1 + NONCE_LEN + ciphertext.len());
        out.push(VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ciphertext);
        Ok(out)
    }

    /// Opens a value sealed by [`StoreCipher::seal`] with the same `aad`. A changed byte, a
    /// value moved to another row or a wrong key is a [`CacheError::Integrity`] error.
    pub fn open(&self, sealed: &[u8], aad: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let Some((&version, rest)) = sealed.split_first() else {
            return Err(IntegrityFailure::Empty.into());
        };
        if version != VERSION {
            return Err(IntegrityFailure::UnknownVersion(version).into());
        }
        if rest.len() < NONCE_LEN + TAG_LEN {
            return Err(IntegrityFailure::TooShort.into());
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let nonce = XNonce::try_from(nonce).map_err(|_| IntegrityFailure::TooShort)?;
        self.aead
            .decrypt(
                &nonce,
                Payload {
                    msg: ciphertext,
                    aad,
                },
            )
            .map(Zeroizing::new)
            .map_err(|_| IntegrityFailure::Authentication.into())
    }

    /// Seals a value as JSON.
    pub fn seal_json<T: serde::Serialize + ?Sized>(
        &self,
        value: &T,
        aad: &[u8],
    ) -> Result<Vec<u8>> {
        let json = Zeroizing::new(serde_json::to_vec(value).map_err(|e| CacheError::encode(&e))?);
        self.seal(&json, aad)
    }

    /// Opens a value sealed by [`StoreCipher::seal_json`].
    pub fn open_json<T: serde::de::DeserializeOwned>(
        &self,
        sealed: &[u8],
        aad: &[u8],
    ) -> Result<T> {
        let plain = self.open(sealed, aad)?;
        serde_json::from_slice(&plain).map_err(|e| CacheError::corrupt_value(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_open_and_tamper() {
        let key = random_key().unwrap();
        let cipher = StoreCipher::new(key.as_slice()).unwrap();
        let aad = cipher.lookup_key(&["news", "child-a"]);
        let sealed = cipher.seal(b"Lucia i aulan", &aad).unwrap();
        assert_eq!(
            cipher.open(&sealed, &aad).unwrap().as_slice(),
            b"Lucia i aulan"
        );
        // Another row's key.
        let other = cipher.lookup_key(&["news", "child-b"]);
        assert!(matches!(
            cipher.open(&sealed, &other),
            Err(CacheError::Integrity(_))
        ));
        // Every flipped byte is caught.
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            assert!(matches!(
                cipher.open(&bad, &aad),
                Err(CacheError::Integrity(_))
            ));
        }
        // Wrong key.
        let other_cipher = StoreCipher::new(random_key().unwrap().as_slice()).unwrap();
        assert!(matches!(
            other_cipher.open(&sealed, &aad),
            Err(CacheError::Integrity(_))
        ));
        assert!(matches!(
            cipher.open(&[], &aad),
            Err(CacheError::Integrity(_))
        ));
        assert!(matches!(
            StoreCipher::new(&[0; 5]),
            Err(CacheError::KeyLength { .. })
        ));
    }

    #[test]
    fn lookup_keys_are_unambiguous_and_keyed() {
        let cipher = StoreCipher::new(&[7; 32]).unwrap();
        assert_ne!(
            cipher.lookup_key(&["ab", "c"]),
            cipher.lookup_key(&["a", "bc"])
        );
        let other = StoreCipher::new(&[8; 32]).unwrap();
        assert_ne!(cipher.lookup_key(&["a"]), other.lookup_key(&["a"]));
    }
}
