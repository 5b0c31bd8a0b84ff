//! Referrals encrypted at rest: the body of each referral is sealed with XChaCha20-Poly1305
//! (RustCrypto's AEAD) under a key kept outside the database, so a copy of the database file or
//! its WAL alone reveals no personal data. A replay is recognised by a keyed hash (HMAC-SHA256)
//! of the body, which says nothing about the body to someone without the key.
//!
//! The key file holds one line: `rj-key-v1:` and 32 random bytes in base64. Two keys are derived
//! from it, one to seal and one to hash, so neither use weakens the other.

use std::io::Write;
use std::path::Path;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

const PREFIX: &str = "rj-key-v1:";
const NONCE: usize = 24;

pub struct Key {
    seal: XChaCha20Poly1305,
    hash: [u8; 32],
}

fn derive(master: &[u8], label: &str) -> [u8; 32] {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(master).expect("HMAC takes a key of any length");
    mac.update(label.as_bytes());
    mac.finalize().into_bytes().into()
}

impl Key {
    fn from_master(master: &[u8]) -> Key {
        Key {
            seal: XChaCha20Poly1305::new(&derive(master, "rj-receiver seal").into()),
            hash: derive(master, "rj-receiver replay"),
        }
    }

    /// Reads a key file, saying plainly what is wrong with it.
    pub fn read(path: &Path) -> Result<Key, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the key file {}: {e}", path.display()))?;
        let master = text
            .trim()
            .strip_prefix(PREFIX)
            .and_then(|b64| BASE64.decode(b64).ok())
            .filter(|bytes| bytes.len() == 32)
            .ok_or_else(|| {
                format!(
                    "{} is not a key made by `rj-receiver keygen`",
                    path.display()
                )
            })?;
        // Anyone could guess it: such a file was written by hand or broken, never made here.
        if master.iter().all(|&b| b == 0) {
            return Err(format!(
                "{} holds a key of zeros, which seals nothing: make one with `rj-receiver keygen --out FILE`",
                path.display()
            ));
        }
        Ok(Key::from_master(&master))
    }

    /// Makes a new key file, readable by its owner only; never overwrites one.
    pub fn generate(path: &Path) -> Result<(), String> {
        let master: [u8; 32] = rand::random();
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => format!(
                "{} exists already: a key is never overwritten (referrals sealed with it would be lost)",
                path.display()
            ),
            _ => format!("cannot create {}: {e}", path.display()),
        })?;
        writeln!(file, "{PREFIX}{}", BASE64.encode(master))
            .and_then(|()| file.sync_all())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    /// The body sealed, bound to its reference: nonce, then ciphertext and tag.
    pub fn seal(&self, reference: &str, body: &str) -> Vec<u8> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .seal
            .encrypt(
                &nonce,
                Payload {
                    msg: body.as_bytes(),
                    aad: reference.as_bytes(),
                },
            )
            .expect("sealing a referral cannot fail");
        [nonce.as_slice(), &sealed].concat()
    }

    pub fn open(&self, reference: &str, sealed: &[u8]) -> Result<String, String> {
        let wrong = || "a referral does not open with this key: is --key-file the right key?";
        if sealed.len() < NONCE {
            return Err(wrong().into());
        }
        let (nonce, sealed) = sealed.split_at(NONCE);
        let plain = self
            .seal
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: reference.as_bytes(),
                },
            )
            .map_err(|_| wrong())?;
        String::from_utf8(plain).map_err(|_| wrong().into())
    }

    /// The keyed hash a replay is recognised by.
    pub fn hash(&self, body: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.hash).expect("any length");
        mac.update(body.as_bytes());
        BASE64.encode(mac.finalize().into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::Key;

    #[test]
    fn a_sealed_body_opens_only_with_its_key_and_reference() {
        let key = Key::from_master(&[7; 32]);
        let sealed = key.seal("RJ-7K3M-9QXP", "{\"name\":\"Jordan Smith\"}");
        assert!(!String::from_utf8_lossy(&sealed).contains("Jordan"));
        assert_eq!(
            key.open("RJ-7K3M-9QXP", &sealed).unwrap(),
            "{\"name\":\"Jordan Smith\"}"
        );
        assert!(key.open("RJ-AAAA-BBBB", &sealed).is_err());
        assert!(Key::from_master(&[8; 32])
            .open("RJ-7K3M-9QXP", &sealed)
            .is_err());
        assert_eq!(key.hash("a"), key.hash("a"));
        assert_ne!(key.hash("a"), Key::from_master(&[8; 32]).hash("a"));
    }
}
