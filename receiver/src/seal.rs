//! Referrals encrypted at rest, and erased for good. The body of each referral is sealed with
//! XChaCha20-Poly1305 (RustCrypto's AEAD) under a key kept outside the database, and that key
//! is destroyed once every referral it sealed has been erased: then a copy of the database taken
//! before the erasure (a backup, PostgreSQL's write-ahead log, a free page not yet overwritten)
//! holds nothing readable. A replay is recognised by a keyed hash (HMAC-SHA256) of the body,
//! which says nothing about the body to someone without the key, and with it only whether a
//! guess of the whole body, byte for byte, is right: its key stays, so a replay of a referral
//! erased long ago is still recognised.
//!
//! Deleting a row cannot reach the copies a database makes of it, and a key kept in the
//! database would go wherever the row goes; so the keys are in the key file, and come from a
//! one-way hash ratchet: each day's key is a keyed hash of the day before's (`next`), a referral
//! is sealed under the key of the day it comes, and the file keeps only the oldest day's key
//! still needed, from which every later day's is derived. Moving the file on to a later day
//! destroys the keys of the days before: nothing derives them back. Instances sharing a database
//! each move their own copy of the file on, by one rule, from what the database says
//! (`Key::advance`): they need no coordination, since any copy derives every key a copy that
//! has moved further still has, and none can go back.
//!
//! A day's key goes only once every referral sealed under it has been erased (and erasure waits
//! until every delivery has succeeded and `--keep-days` have passed, so a pending or dead
//! delivery keeps its key), and once the day ended more than `GRACE_MS` ago: an instance whose
//! clock is behind by less than that never seals under a key another has destroyed.
//!
//! A day rather than a week: an erased referral's key lives until its day is over and every
//! referral of that day is erased, so a copy stays readable at most a day (and `GRACE_MS`) longer
//! than the latest of them; a week would add six days for nothing, as the chain costs one hash
//! a day. One chain rather than a tree of keys that could let any one day go: with a chain, a
//! referral whose delivery is dead keeps its day's key and every later day's; but a dead
//! delivery is an alarm (`status` exits 1) that an operator clears, and a chain is a few lines.
//!
//! The key file (mode 0600), version 2:
//!
//! ```text
//! rj-key-v2
//! replay BASE64        the key of the keyed hash (32 bytes)
//! day N BASE64         the key of day N, days counted from 1970-01-01 UTC (32 bytes)
//! v1 BASE64            while needed: the sealing key of a file of version 1
//! ```
//!
//! Version 1 (`rj-key-v1:` and 32 bytes in base64) still reads: its referrals open with the
//! sealing key it always gave, replays are recognised by the same hash, and its chain starts on
//! a fixed day (`V1_DAY`) with a key derived from it, so copies of one version-1 file moved on
//! at any moment derive the same days' keys. `serve` writes it as version 2 at start-up.

use std::io::Write;
use std::path::Path;
use std::sync::RwLock;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

const V1: &str = "rj-key-v1:";
const V2: &str = "rj-key-v2";
const NONCE: usize = 24;
const ANOTHER: &str =
    "the key file now holds another key than the one the receiver started with: put that one back";
/// The time one key seals referrals for.
pub const DAY_MS: i64 = 86_400_000;
/// How long after a day ends its key may go, if nothing needs it: more than instances sharing a
/// database may disagree on the time, so none is still sealing under a key another destroyed.
pub const GRACE_MS: i64 = DAY_MS;
/// The first day of the chain a key file of version 1 gives (2026-12-01, before the first
/// referral sealed under a day's key): any fixed day would do, and a later one costs fewer hashes.
const V1_DAY: i64 = 20_788;

/// The day a moment (milliseconds since the Unix epoch) falls on: its key seals what comes then.
pub fn day_of(now: i64) -> i64 {
    now.div_euclid(DAY_MS).max(0)
}

/// A day as people read it (UTC).
pub fn date(day: i64) -> String {
    jiff::Timestamp::from_millisecond(day * DAY_MS).map_or_else(
        |_| format!("day {day}"),
        |t| t.strftime("%Y-%m-%d").to_string(),
    )
}

fn derive(secret: &[u8], label: &str) -> [u8; 32] {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(label.as_bytes());
    mac.finalize().into_bytes().into()
}

/// The key of the day after: one way, so a day's key never gives the days before.
fn next(key: &[u8; 32]) -> [u8; 32] {
    derive(key, "rj-receiver next day")
}

/// What the referrals still holding their content need of the key file.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Needed {
    /// The oldest day a referral holding its content was sealed on.
    pub oldest: Option<i64>,
    /// Whether one was sealed under a key file of version 1.
    pub v1: bool,
}

/// The keys a key file holds: a day's, giving every later day's, and a version-1 key.
#[derive(Clone, PartialEq)]
struct Chain {
    day: i64,
    key: [u8; 32],
    v1: Option<[u8; 32]>,
}

impl Chain {
    /// The key of `day`, unless it is before the chain's and destroyed.
    fn key_of(&self, day: i64) -> Option<[u8; 32]> {
        let mut key = self.key;
        for _ in 0..day.checked_sub(self.day).filter(|n| *n >= 0)? {
            key = next(&key);
        }
        Some(key)
    }

    /// The chain as far on as the further of the two, with a version-1 key if both keep it;
    /// an error when they are not one key file's.
    fn later(&self, other: &Chain) -> Result<Chain, String> {
        let (early, late) = match self.day <= other.day {
            true => (self, other),
            false => (other, self),
        };
        let same_v1 = match (self.v1, other.v1) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        if early.key_of(late.day) != Some(late.key) || !same_v1 {
            return Err(ANOTHER.into());
        }
        Ok(Chain {
            v1: self.v1.and(other.v1),
            ..late.clone()
        })
    }
}

/// A key file as read: the chain, the keyed hash's key, and whether it is of version 1.
struct KeyFile {
    chain: Chain,
    replay: [u8; 32],
    v1_format: bool,
}

impl KeyFile {
    fn read(path: &Path) -> Result<KeyFile, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the key file {}: {e}", path.display()))?;
        // Anyone could guess a key of zeros: such a file was written by hand or broken, never
        // made here.
        let zeros = BASE64.encode([0u8; 32]);
        if text
            .split([':', ' ', '\n'])
            .any(|field| field.trim() == zeros)
        {
            return Err(format!(
                "{} holds a key of zeros, which seals nothing: make one with `rj-receiver keygen --out FILE`",
                path.display()
            ));
        }
        KeyFile::parse(&text).ok_or_else(|| {
            format!(
                "{} is not a key made by `rj-receiver keygen`",
                path.display()
            )
        })
    }

    fn parse(text: &str) -> Option<KeyFile> {
        let bytes = |b64: &str| -> Option<[u8; 32]> { BASE64.decode(b64).ok()?.try_into().ok() };
        if let Some(master) = text.trim().strip_prefix(V1) {
            let master = bytes(master)?;
            return Some(KeyFile {
                chain: Chain {
                    day: V1_DAY,
                    key: derive(&master, "rj-receiver first day"),
                    v1: Some(derive(&master, "rj-receiver seal")),
                },
                replay: derive(&master, "rj-receiver replay"),
                v1_format: true,
            });
        }
        let mut lines = text.lines();
        (lines.next()? == V2).then_some(())?;
        let (mut replay, mut day, mut v1) = (None, None, None);
        for line in lines {
            match line.split(' ').collect::<Vec<_>>()[..] {
                ["replay", key] => replay = Some(bytes(key)?),
                ["day", n, key] => day = Some((n.parse().ok()?, bytes(key)?)),
                ["v1", key] => v1 = Some(bytes(key)?),
                _ => return None,
            }
        }
        let (day, key) = day?;
        Some(KeyFile {
            chain: Chain { day, key, v1 },
            replay: replay?,
            v1_format: false,
        })
    }

    /// The file's text, always of version 2.
    fn text(&self) -> String {
        let Chain { day, key, v1 } = &self.chain;
        let mut text = format!(
            "{V2}\nreplay {}\nday {day} {}\n",
            BASE64.encode(self.replay),
            BASE64.encode(key)
        );
        if let Some(v1) = v1 {
            text += &format!("v1 {}\n", BASE64.encode(v1));
        }
        text
    }
}

/// A new file readable by its owner only; never one that exists.
fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Puts `text` in place of the key file at once (a crash leaves the old file or the new, never
/// a part), mode 0600, then overwrites the old file's bytes: on a file system that writes in
/// place, the destroyed keys are not left in its free blocks.
fn replace(path: &Path, text: &str) -> Result<(), String> {
    let cannot = |e: std::io::Error| format!("cannot write the key file {}: {e}", path.display());
    let mut new = path.as_os_str().to_owned();
    new.push(".new");
    // Left by a crash of a writer holding the lock, which this one holds now.
    let _ = std::fs::remove_file(&new);
    let mut file = create_private(Path::new(&new)).map_err(cannot)?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(cannot)?;
    // Opened before the rename, which takes its name away. A file only readable is replaced all
    // the same, and its bytes left to the file system.
    let old = std::fs::OpenOptions::new().write(true).open(path).ok();
    std::fs::rename(&new, path).map_err(cannot)?;
    std::fs::File::open(folder(path))
        .and_then(|dir| dir.sync_all())
        .map_err(cannot)?;
    if let Some(mut old) = old {
        let len = old.metadata().map_or(0, |m| m.len());
        old.write_all(&vec![0; len as usize])
            .and_then(|()| old.sync_all())
            .map_err(cannot)?;
    }
    Ok(())
}

/// Says so when the key file or its folder cannot be written: then no key can be destroyed,
/// even on a day with none to destroy, so a read-only key file is found at start-up.
fn writable(path: &Path) -> Result<(), String> {
    use std::os::unix::ffi::OsStrExt;
    for (what, path) in [("the key file", path), ("its folder", folder(path))] {
        let c = std::ffi::CString::new(path.as_os_str().as_bytes())
            .map_err(|_| format!("{} is not a path", path.display()))?;
        // SAFETY: `access` reads the NUL-terminated path and nothing else.
        if unsafe { libc::access(c.as_ptr(), libc::W_OK) } != 0 {
            return Err(format!(
                "{what} {} is not writable by the receiver's user ({}): it must be, as the key file is moved on each day to destroy the keys of erased referrals",
                path.display(),
                std::io::Error::last_os_error()
            ));
        }
    }
    Ok(())
}

pub struct Key {
    file: std::path::PathBuf,
    replay: [u8; 32],
    chain: RwLock<Chain>,
}

impl Key {
    /// Reads a key file, saying plainly what is wrong with it. Reading never writes it.
    pub fn read(path: &Path) -> Result<Key, String> {
        let KeyFile { chain, replay, .. } = KeyFile::read(path)?;
        Ok(Key {
            file: path.to_owned(),
            replay,
            chain: RwLock::new(chain),
        })
    }

    /// Makes a new key file, readable by its owner only, its chain starting on the day of
    /// `now`; never overwrites one.
    pub fn generate(path: &Path, now: i64) -> Result<(), String> {
        let file = KeyFile {
            chain: Chain {
                day: day_of(now),
                key: rand::random(),
                v1: None,
            },
            replay: rand::random(),
            v1_format: false,
        };
        let mut out = create_private(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => format!(
                "{} exists already: a key is never overwritten (referrals sealed with it would be lost)",
                path.display()
            ),
            _ => format!("cannot create {}: {e}", path.display()),
        })?;
        out.write_all(file.text().as_bytes())
            .and_then(|()| out.sync_all())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    fn chain(&self) -> std::sync::RwLockReadGuard<'_, Chain> {
        // A panic while holding the lock leaves the chain whole: it is replaced in one step.
        self.chain.read().unwrap_or_else(|p| p.into_inner())
    }

    /// The body sealed under the key of the day of `now` (or of the chain's first day, if the
    /// clock is behind it), bound to its reference: the day, and nonce, ciphertext and tag.
    pub fn seal(&self, now: i64, reference: &str, body: &str) -> (i64, Vec<u8>) {
        let chain = self.chain();
        let day = day_of(now).max(chain.day);
        let key = chain.key_of(day).expect("a day on or after the chain's");
        let cipher = XChaCha20Poly1305::new(&derive(&key, "rj-receiver seal").into());
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let payload = Payload {
            msg: body.as_bytes(),
            aad: reference.as_bytes(),
        };
        let sealed = cipher
            .encrypt(&nonce, payload)
            .expect("sealing a referral cannot fail");
        (day, [nonce.as_slice(), &sealed].concat())
    }

    /// Opens a body sealed on `day`, or under a key file of version 1 when there is none.
    pub fn open(&self, day: Option<i64>, reference: &str, sealed: &[u8]) -> Result<String, String> {
        let wrong = || "a referral does not open with this key: is --key-file the right key?";
        let chain = self.chain();
        let key = match day {
            Some(day) => chain
                .key_of(day)
                .map(|key| derive(&key, "rj-receiver seal")),
            None => chain.v1,
        };
        let Some(key) = key else {
            let sealed_on = day.map_or("before days".into(), date);
            return Err(format!("{reference} was sealed under a key this key file has destroyed (of {sealed_on}, UTC): the database is a copy from before its erasure, or the key file is not the one it was sealed with"));
        };
        if sealed.len() < NONCE {
            return Err(wrong().into());
        }
        let (nonce, sealed) = sealed.split_at(NONCE);
        let payload = Payload {
            msg: sealed,
            aad: reference.as_bytes(),
        };
        let plain = XChaCha20Poly1305::new(&key.into())
            .decrypt(XNonce::from_slice(nonce), payload)
            .map_err(|_| wrong())?;
        String::from_utf8(plain).map_err(|_| wrong().into())
    }

    /// The keyed hash a replay is recognised by: the same whatever day it is.
    pub fn hash(&self, body: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.replay).expect("any length");
        mac.update(body.as_bytes());
        BASE64.encode(mac.finalize().into_bytes())
    }

    /// Moves the key file on, destroying every key `needed` no longer asks for: the days before
    /// the oldest still needed and before the day that ended `GRACE_MS` before `now`, and the
    /// version-1 key; writes a version-1 file as version 2. Returns the chain's first day when
    /// the file changed.
    ///
    /// Under a lock on the key file's folder, so processes sharing one file take turns; the file
    /// is read again first, and what is written is the further of it and this move, so a file
    /// another process has moved on never goes back.
    pub fn advance(&self, now: i64, needed: Needed) -> Result<Option<i64>, String> {
        writable(&self.file)?;
        let mut chain = self.chain.write().unwrap_or_else(|p| p.into_inner());
        let day = (day_of(now.saturating_sub(GRACE_MS)))
            .min(needed.oldest.unwrap_or(i64::MAX))
            .max(chain.day);
        let wanted = Chain {
            day,
            key: chain.key_of(day).expect("a day on or after the chain's"),
            v1: chain.v1.filter(|_| needed.v1),
        };
        let lock = std::fs::File::open(folder(&self.file))
            .and_then(|dir| dir.lock().map(|()| dir))
            .map_err(|e| format!("cannot lock the key file's folder: {e}"))?;
        let on_disk = KeyFile::read(&self.file)?;
        if on_disk.replay != self.replay {
            return Err(ANOTHER.into());
        }
        let moved = KeyFile {
            chain: on_disk.chain.later(&wanted)?,
            ..on_disk
        };
        let changed = moved.v1_format || moved.chain != on_disk.chain;
        if changed {
            replace(&self.file, &moved.text())?;
        }
        drop(lock);
        *chain = moved.chain;
        Ok(changed.then_some(chain.day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 20_800 * DAY_MS + 3_600_000;

    /// A test's folder with a new key file in it, removed when the test ends.
    struct Folder(std::path::PathBuf);

    impl Folder {
        fn new(name: &str) -> Folder {
            let dir = std::env::temp_dir().join(format!("rj-seal-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            Folder(dir)
        }

        fn key(&self, now: i64) -> std::path::PathBuf {
            let file = self.0.join("receiver.key");
            Key::generate(&file, now).unwrap();
            file
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_sealed_body_opens_only_with_its_key_day_and_reference() {
        let dir = Folder::new("basic");
        let key = Key::read(&dir.key(NOW)).unwrap();
        let (day, sealed) = key.seal(NOW, "RJ-7K3M-9QXP", "{\"name\":\"Jordan Smith\"}");
        assert_eq!(day, 20_800);
        assert!(!String::from_utf8_lossy(&sealed).contains("Jordan"));
        assert_eq!(
            key.open(Some(day), "RJ-7K3M-9QXP", &sealed).unwrap(),
            "{\"name\":\"Jordan Smith\"}"
        );
        assert!(key.open(Some(day), "RJ-AAAA-BBBB", &sealed).is_err());
        assert!(key.open(Some(day + 1), "RJ-7K3M-9QXP", &sealed).is_err());
        assert!(key.open(None, "RJ-7K3M-9QXP", &sealed).is_err());
        let other = Folder::new("basic-other");
        let other = Key::read(&other.key(NOW)).unwrap();
        assert!(other
            .open(Some(day), "RJ-7K3M-9QXP", &sealed)
            .unwrap_err()
            .contains("does not open with this key"));
        assert_eq!(key.hash("a"), key.hash("a"));
        assert_ne!(key.hash("a"), other.hash("a"));
        assert_eq!(mode(&dir.0.join("receiver.key")), 0o600);
    }

    #[test]
    fn a_days_key_goes_once_nothing_sealed_that_day_holds_content_and_the_day_ended_a_grace_ago() {
        let dir = Folder::new("advance");
        let file = dir.key(NOW);
        let backup = std::fs::read(&file).unwrap();
        let key = Key::read(&file).unwrap();
        let (day, sealed) = key.seal(NOW, "r1", "{}");
        let end = (day + 1) * DAY_MS;
        let needs_it = Needed {
            oldest: Some(day),
            v1: false,
        };
        // Needed, it stays whatever the date: a pending or dead delivery never loses its key.
        assert_eq!(key.advance(end + 999 * DAY_MS, needs_it), Ok(None));
        // Erased, it stays until the day has ended a grace ago, for instances whose clock is behind.
        assert_eq!(key.advance(end + GRACE_MS - 1, Needed::default()), Ok(None));
        assert_eq!(key.open(Some(day), "r1", &sealed).unwrap(), "{}");
        assert_eq!(
            key.advance(end + GRACE_MS, Needed::default()),
            Ok(Some(day + 1))
        );
        let gone = key.open(Some(day), "r1", &sealed).unwrap_err();
        assert!(gone.contains("destroyed"), "{gone}");
        // Gone from the file too, which is still private; an old copy of the file, kept as a
        // backup, undoes it: the reason old key files are never kept.
        assert!(Key::read(&file)
            .unwrap()
            .open(Some(day), "r1", &sealed)
            .is_err());
        assert_eq!(mode(&file), 0o600);
        let copy = dir.0.join("backup.key");
        std::fs::write(&copy, backup).unwrap();
        assert_eq!(
            Key::read(&copy)
                .unwrap()
                .open(Some(day), "r1", &sealed)
                .unwrap(),
            "{}"
        );
        // Referrals come on later days: the chain goes no further than the oldest needed.
        let later = NOW + 10 * DAY_MS;
        let (later_day, later_sealed) = key.seal(later, "r2", "{}");
        let r2 = Needed {
            oldest: Some(later_day),
            v1: false,
        };
        assert_eq!(key.advance(later + 50 * DAY_MS, r2), Ok(Some(later_day)));
        assert_eq!(
            key.open(Some(later_day), "r2", &later_sealed).unwrap(),
            "{}"
        );
        assert_eq!(
            key.seal(NOW, "r3", "{}").0,
            later_day,
            "a clock behind the chain seals under its first day"
        );
    }

    #[test]
    fn copies_of_one_key_file_moved_on_at_different_moments_open_what_each_other_sealed() {
        let (a_dir, b_dir) = (Folder::new("copy-a"), Folder::new("copy-b"));
        let a_file = a_dir.key(NOW);
        let b_file = b_dir.0.join("receiver.key");
        std::fs::copy(&a_file, &b_file).unwrap();
        let (a, b) = (Key::read(&a_file).unwrap(), Key::read(&b_file).unwrap());
        let now = NOW + 5 * DAY_MS;
        // `a` moves on; `b`, whose clock is a few hours behind, has not yet, and seals on.
        let (b_day, b_sealed) = b.seal(now - 3 * 3_600_000, "rb", "{\"b\":1}");
        let needed = Needed {
            oldest: Some(b_day),
            v1: false,
        };
        assert_eq!(a.advance(now, needed), Ok(Some(b_day)));
        let (a_day, a_sealed) = a.seal(now, "ra", "{\"a\":1}");
        assert_eq!(a.open(Some(b_day), "rb", &b_sealed).unwrap(), "{\"b\":1}");
        assert_eq!(b.open(Some(a_day), "ra", &a_sealed).unwrap(), "{\"a\":1}");
        assert_eq!(b.hash("x"), a.hash("x"));
        // `b` moves on by the same rule and has the same file.
        assert_eq!(b.advance(now, needed), Ok(Some(b_day)));
        assert_eq!(
            std::fs::read(&a_file).unwrap(),
            std::fs::read(&b_file).unwrap()
        );
    }

    #[test]
    fn a_key_file_shared_by_two_processes_never_goes_back() {
        let dir = Folder::new("shared");
        let file = dir.key(NOW);
        let (a, b) = (Key::read(&file).unwrap(), Key::read(&file).unwrap());
        let far = Needed {
            oldest: Some(20_810),
            v1: false,
        };
        assert_eq!(a.advance(NOW + 30 * DAY_MS, far), Ok(Some(20_810)));
        // `b` would move to an earlier day: the file keeps `a`'s, and so does `b` from then on.
        let near = Needed {
            oldest: Some(20_805),
            v1: false,
        };
        assert_eq!(b.advance(NOW + 30 * DAY_MS, near), Ok(None));
        assert_eq!(Key::read(&file).unwrap().chain().day, 20_810);
        assert_eq!(b.chain().day, 20_810);
        // Another key put in its place is refused rather than mixed with it.
        std::fs::remove_file(&file).unwrap();
        dir.key(NOW);
        assert!(a
            .advance(NOW + 40 * DAY_MS, far)
            .unwrap_err()
            .contains("another key"));
    }

    #[test]
    fn a_version_1_key_file_still_opens_its_referrals_and_is_written_again_as_version_2() {
        let dir = Folder::new("v1");
        let file = dir.0.join("receiver.key");
        let master = [7u8; 32];
        std::fs::write(&file, format!("{V1}{}\n", BASE64.encode(master))).unwrap();
        std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o600))
            .unwrap();
        // A body as version 1 sealed it, with its hash.
        let v1_cipher = XChaCha20Poly1305::new(&derive(&master, "rj-receiver seal").into());
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let payload = Payload {
            msg: b"{\"old\":1}".as_slice(),
            aad: b"r1",
        };
        let old = [
            nonce.as_slice(),
            &v1_cipher.encrypt(&nonce, payload).unwrap(),
        ]
        .concat();
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&derive(&master, "rj-receiver replay")).unwrap();
        mac.update(b"{\"old\":1}");
        let old_hash = BASE64.encode(mac.finalize().into_bytes());

        let key = Key::read(&file).unwrap();
        assert!(
            std::fs::read_to_string(&file).unwrap().starts_with(V1),
            "reading never writes"
        );
        assert_eq!(key.open(None, "r1", &old).unwrap(), "{\"old\":1}");
        assert_eq!(key.hash("{\"old\":1}"), old_hash);
        // Another copy of the same file, moved on later, derives the same days' keys.
        let copy = dir.0.join("copy.key");
        std::fs::copy(&file, &copy).unwrap();
        let (day, sealed) = key.seal(NOW, "r2", "{}");
        let both = Needed {
            oldest: Some(day),
            v1: true,
        };
        assert_eq!(key.advance(NOW + 9 * DAY_MS, both), Ok(Some(day)));
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.starts_with(V2) && text.contains("\nv1 "), "{text}");
        assert_eq!(mode(&file), 0o600);
        assert!(!dir.0.join("receiver.key.new").exists());
        assert_eq!(
            Key::read(&file).unwrap().open(None, "r1", &old).unwrap(),
            "{\"old\":1}"
        );
        let copy = Key::read(&copy).unwrap();
        assert_eq!(copy.advance(NOW + 20 * DAY_MS, both), Ok(Some(day)));
        assert_eq!(copy.open(Some(day), "r2", &sealed).unwrap(), "{}");
        // Once no referral sealed under version 1 holds content, its key goes too.
        let newer = Needed {
            oldest: Some(day),
            v1: false,
        };
        assert_eq!(key.advance(NOW + 9 * DAY_MS, newer), Ok(Some(day)));
        assert!(!std::fs::read_to_string(&file).unwrap().contains("\nv1 "));
        assert!(key
            .open(None, "r1", &old)
            .unwrap_err()
            .contains("destroyed"));
        assert_eq!(
            key.hash("{\"old\":1}"),
            old_hash,
            "replays are still recognised"
        );
    }

    #[test]
    fn a_key_of_zeros_is_refused_in_any_field_of_either_format() {
        let dir = Folder::new("zeros");
        let file = dir.key(NOW);
        let made = std::fs::read_to_string(&file).unwrap();
        let zeros = BASE64.encode([0u8; 32]);
        let some = BASE64.encode([9u8; 32]);
        let v1_line = format!("{made}v1 {some}\n");
        let mut texts = vec![format!("{V1}{zeros}\n")];
        for line in 1..v1_line.lines().count() {
            let mut lines: Vec<String> = v1_line.lines().map(str::to_owned).collect();
            let (field, _) = lines[line].rsplit_once(' ').unwrap();
            lines[line] = format!("{field} {zeros}");
            texts.push(lines.join("\n") + "\n");
        }
        assert_eq!(texts.len(), 4, "replay, day and v1: {texts:?}");
        for text in texts {
            std::fs::write(&file, &text).unwrap();
            let refused = Key::read(&file).err().unwrap_or_default();
            assert!(refused.contains("a key of zeros"), "{text}: {refused}");
        }
        std::fs::write(&file, &v1_line).unwrap();
        assert!(
            Key::read(&file).is_ok(),
            "the same file with no key of zeros"
        );
    }
}
