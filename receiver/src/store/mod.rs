//! The receiver's database behind one interface (`Storage`), whichever engine holds it: SQLite
//! (`sqlite.rs`, one file, the default) or PostgreSQL (`postgres.rs`, a database several
//! receivers share). Referrals are each stored once, durably.
//!
//! The outbox lives here too: storing a referral records, in the same transaction, one pending
//! delivery per configured destination (the `destinations` table, set by `serve` at start-up),
//! so a referral is never acknowledged without its deliveries, and a crash loses neither.

use std::io::Write;

use crate::config::Db;
use crate::seal::{Key, Needed};

pub mod postgres;
pub mod sqlite;

/// The key referral bodies are sealed with, when `--key-file` gives one: set once at start-up,
/// before any store is opened, and used by every store `open` opens.
static KEY: std::sync::OnceLock<Key> = std::sync::OnceLock::new();

pub fn use_key(key: Key) {
    let _ = KEY.set(key);
}

/// What the store holds for a reference: the body received (empty once its content is
/// deleted) and the answer given.
pub struct Stored {
    pub body: String,
    pub response: String,
    /// The keyed hash of the body, when it was sealed: it outlives the content.
    hash: Option<String>,
    key: Option<&'static Key>,
}

impl Stored {
    /// Whether `body` is the one stored: a replay, rather than another referral.
    pub fn matches(&self, body: &str) -> bool {
        match (&self.hash, self.key) {
            (Some(hash), Some(key)) => key.hash(body) == *hash,
            _ => self.body == body,
        }
    }
}

/// A stored body as it comes out of the database, `sealed` or in plain text: sealed bytes are
/// opened with the key of the day they were sealed on (`None`: a key file of version 1); an
/// erased body is empty.
fn open_body(
    key: Option<&Key>,
    reference: &str,
    body: Vec<u8>,
    sealed: bool,
    day: Option<i64>,
) -> Result<String, String> {
    match (sealed, key) {
        _ if body.is_empty() => Ok(String::new()),
        (false, _) => String::from_utf8(body).map_err(|e| e.to_string()),
        (true, Some(key)) => key.open(day, reference, &body),
        (true, None) => Err(
            "the referrals are encrypted: give the key with --key-file (rj-receiver keygen made it)"
                .into(),
        ),
    }
}

/// Milliseconds since the Unix epoch: the outbox's clock.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// A delivery whose time has come, with what it carries.
pub struct Due {
    pub reference: String,
    pub destination: String,
    /// Tries made before this one.
    pub attempts: i64,
    pub queued_at: i64,
    pub body: String,
    pub received_at: String,
}

/// What `status` reports for one destination.
#[derive(Debug, Default)]
pub struct DestinationStatus {
    pub destination: String,
    pub delivered: i64,
    pub pending: i64,
    /// When the oldest pending delivery was queued.
    pub oldest_pending: Option<i64>,
    pub dead: Vec<String>,
}

/// The status of `destination` in `all`, added (in the order met) if it is not there yet.
fn slot(all: &mut Vec<DestinationStatus>, destination: String) -> &mut DestinationStatus {
    let i = match all.iter().position(|s| s.destination == destination) {
        Some(i) => i,
        None => {
            all.push(DestinationStatus {
                destination,
                ..Default::default()
            });
            all.len() - 1
        }
    };
    &mut all[i]
}

/// The destination of the receipt to the professional who referred: queued once every other
/// delivery of a referral has succeeded.
pub const RECEIPT: &str = "receipt";

/// What the receiver needs of a database, whichever engine holds it: every engine gives the
/// same guarantees (one referral per reference, decided by a unique constraint; acknowledged
/// means committed; deliveries recorded with their referral, claimed under a lease; content
/// sealed with the key and erased after its retention), and the same tests run against each
/// (`tests/store.rs`). Times are milliseconds since the Unix epoch, passed in, never read.
pub trait Storage: Send + Sync {
    /// Says at once when the referrals are sealed and the key is missing or another one, or
    /// has destroyed a key the content held needs, rather than at the first referral that
    /// cannot be opened: it opens the one sealed longest ago.
    fn check_key(&self) -> Result<(), String>;

    /// Whether the database would store a referral now (the health check).
    fn ping(&self) -> Result<(), String>;

    /// Holds `reference` for `holder`, a request being handled now, until `until`: true unless
    /// another holder has it and its hold has not lapsed by `now`. The database decides, so two
    /// instances sharing it never both hold one reference.
    fn hold(&self, reference: &str, holder: i64, now: i64, until: i64) -> Result<bool, String>;

    /// Makes `holder`'s hold on `reference` last until `until`, if it still has it: never holds
    /// it again once let go (a renewal late behind the release).
    fn renew(&self, reference: &str, holder: i64, until: i64) -> Result<(), String>;

    /// Lets go of `holder`'s hold on `reference`, if it still has it, and forgets lapsed holds
    /// (those of instances that died).
    fn release(&self, reference: &str, holder: i64, now: i64) -> Result<(), String>;

    /// What is stored under `reference`, its body opened.
    fn find(&self, reference: &str) -> Result<Option<Stored>, String>;

    /// Stores a referral, with one pending delivery per configured destination in the same
    /// transaction, unless one with its reference is there already (twins at once at two
    /// instances included); returns what is stored.
    fn insert(
        &self,
        reference: &str,
        body: &str,
        response: &str,
        received_at: &str,
    ) -> Result<Stored, String>;

    /// Writes every referral still holding its content as one JSON line, in the order they
    /// came: when it came, the referral, and our receipt. Returns how many.
    fn export(&self, out: &mut dyn Write) -> Result<usize, String>;

    /// Records where referrals stored from now on are to be delivered.
    fn set_destinations(&self, destinations: &[String]) -> Result<(), String>;

    /// Claims the pending deliveries to these destinations due at `now`, oldest first, at most
    /// `limit`: each is leased to the caller until `now + lease` (its `next_at` moves there, in
    /// one write transaction), so another instance sharing the database does not try it at the
    /// same time. Recording the try ends the lease; if the claimant dies instead, the delivery is
    /// due again when the lease runs out, for whichever instance looks next. Only destinations
    /// this receiver can reach are claimed: others wait, visible in `status`.
    fn claim(
        &self,
        now: i64,
        lease: i64,
        destinations: &[&str],
        limit: usize,
    ) -> Result<Vec<Due>, String>;

    /// Records a delivery as made. Returns true when it was the last forwarding delivery of its
    /// referral still open, so the receipt may follow.
    fn delivered(&self, reference: &str, destination: &str, now: i64) -> Result<bool, String>;

    /// Queues the receipt of a referral, once.
    fn queue_receipt(&self, reference: &str, now: i64) -> Result<(), String>;

    /// Records a failed try: tried again at `next_at`, or dead when there is none.
    fn failed(
        &self,
        reference: &str,
        destination: &str,
        now: i64,
        next_at: Option<i64>,
    ) -> Result<(), String>;

    /// Per destination, configured or still holding deliveries: delivered, pending (and when
    /// the oldest was queued), and the dead ones' references, oldest first.
    fn status(&self) -> Result<Vec<DestinationStatus>, String>;

    /// Queues again every delivery of a referral but a receipt already made, or every dead
    /// delivery; each starts again as new: its backoff from the first wait, a fresh retry window.
    /// An erased referral has nothing left to deliver. Returns how many were queued.
    fn redeliver(&self, reference: Option<&str>, now: i64) -> Result<usize, String>;

    /// Gives up the dead deliveries of `reference` (to `destination` only, when given): they are
    /// never tried again, no longer reported dead, and no longer keep the referral's content.
    /// Returns how many.
    fn discard(
        &self,
        reference: &str,
        destination: Option<&str>,
        now: i64,
    ) -> Result<usize, String>;

    /// Deletes the content of every referral whose deliveries all succeeded (or were given up)
    /// more than `keep` milliseconds before `now`; a referral not yet delivered everywhere, or
    /// never delivered anywhere, keeps its content. The receipt is not waited for: it carries
    /// nothing of the case. What remains is the reference, when it came, the answer it got
    /// (where the case stood) and its deliveries. Returns how many were deleted.
    fn erase_delivered(&self, now: i64, keep: i64) -> Result<usize, String>;

    /// How many referrals still hold their content, and when the oldest of them came.
    fn content(&self) -> Result<(i64, Option<String>), String>;

    /// What the referrals still holding their content need of the key file: the day the oldest
    /// was sealed on, and whether one was sealed under a key file of version 1.
    fn needed(&self) -> Result<Needed, String>;

    /// The key bodies are sealed with, if any.
    fn key(&self) -> Option<&'static Key>;

    /// Destroys every key the referrals still holding their content no longer need
    /// (`Key::advance`), so what was erased cannot be read from any copy of the database made
    /// before; run after `erase_delivered`. Returns the first day the key file keeps, when it
    /// changed.
    fn shred(&self, now: i64) -> Result<Option<i64>, String> {
        match self.key() {
            Some(key) => key.advance(now, self.needed()?),
            None => Ok(None),
        }
    }
}

/// The database of a receiver, whichever engine holds it.
pub type Store = Box<dyn Storage>;

/// Opens (creating it if need be) the database, brought up to the latest schema, with the
/// process's key.
pub fn open(db: &Db) -> Result<Store, String> {
    open_with_key(db, KEY.get())
}

/// `open`, sealing with `key`.
pub fn open_with_key(db: &Db, key: Option<&'static Key>) -> Result<Store, String> {
    Ok(match db {
        Db::Sqlite(path) => Box::new(sqlite::Sqlite::open(path, key)?),
        Db::Postgres(url) => Box::new(postgres::Postgres::open(url, key)?),
    })
}
