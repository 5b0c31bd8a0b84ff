//! The receiver's database behind one interface (`Storage`), and its SQLite engine: referrals
//! each stored once, durably: WAL with synchronous FULL, so a referral the receiver has
//! acknowledged survives a crash of the process or the machine.
//!
//! The outbox lives here too: storing a referral records, in the same transaction, one pending
//! delivery per configured destination (the `destinations` table, set by `serve` at start-up),
//! so a referral is never acknowledged without its deliveries, and a crash loses neither.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::types::Value as Sql;
use rusqlite::{params, Connection, OptionalExtension};

use crate::seal::Key;

mod postgres;

/// The key referral bodies are sealed with, when `--key-file` gives one: set once at start-up,
/// before any store is opened, and used by every store of the process.
static KEY: std::sync::OnceLock<Key> = std::sync::OnceLock::new();

pub fn use_key(key: Key) {
    let _ = KEY.set(key);
}

// The schema's versions, applied in order at start-up by refinery, each once (it records them
// in `refinery_schema_history`). A new version is a new file; an applied one is never edited.
refinery::embed_migrations!("migrations/sqlite");

/// The schema of the SQLite engine's in-flight holds, in their own file.
mod in_flight {
    refinery::embed_migrations!("migrations/sqlite-in-flight");
}

/// What the store holds for a reference: the body received (empty once its content is
/// deleted) and the answer given.
pub struct Stored {
    pub body: String,
    pub response: String,
    /// The keyed hash of the body, when it was sealed: it outlives the content.
    hash: Option<String>,
}

impl Stored {
    /// Whether `body` is the one stored: a replay, rather than another referral.
    pub fn matches(&self, body: &str) -> bool {
        match (&self.hash, KEY.get()) {
            (Some(hash), Some(key)) => key.hash(body) == *hash,
            _ => self.body == body,
        }
    }
}

/// A stored body as it comes out of the database: sealed bytes are opened with the key.
fn open_body(reference: &str, body: Sql) -> Result<String, String> {
    match (body, KEY.get()) {
        (Sql::Text(plain), _) => Ok(plain),
        (Sql::Blob(sealed), _) if sealed.is_empty() => Ok(String::new()),
        (Sql::Blob(sealed), Some(key)) => key.open(reference, &sealed),
        (Sql::Blob(_), None) => Err(
            "the referrals are encrypted: give the key with --key-file (rj-receiver keygen made it)"
                .into(),
        ),
        _ => Err("a stored referral has no body".into()),
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

/// The destination of the receipt to the professional who referred: queued once every other
/// delivery of a referral has succeeded.
pub const RECEIPT: &str = "receipt";

/// What the receiver needs of a database, whichever engine holds it: every engine gives the
/// same guarantees (one referral per reference, decided by a unique constraint; acknowledged
/// means committed; deliveries recorded with their referral, claimed under a lease; content
/// sealed with the key and erased after its retention), and the same tests run against each.
/// Each method's contract is written on the SQLite engine's, the first.
pub trait Storage: Send + Sync {
    fn check_key(&self) -> Result<(), String>;
    fn ping(&self) -> Result<(), String>;
    fn hold(&self, reference: &str, holder: i64, now: i64, until: i64) -> Result<bool, String>;
    fn renew(&self, reference: &str, holder: i64, until: i64) -> Result<(), String>;
    fn release(&self, reference: &str, holder: i64, now: i64) -> Result<(), String>;
    fn find(&self, reference: &str) -> Result<Option<Stored>, String>;
    fn insert(
        &self,
        reference: &str,
        body: &str,
        response: &str,
        received_at: &str,
    ) -> Result<Stored, String>;
    fn export(&self, out: &mut dyn Write) -> Result<usize, String>;
    fn set_destinations(&self, destinations: &[String]) -> Result<(), String>;
    fn claim(
        &self,
        now: i64,
        lease: i64,
        destinations: &[&str],
        limit: usize,
    ) -> Result<Vec<Due>, String>;
    fn delivered(&self, reference: &str, destination: &str, now: i64) -> Result<bool, String>;
    fn queue_receipt(&self, reference: &str, now: i64) -> Result<(), String>;
    fn failed(
        &self,
        reference: &str,
        destination: &str,
        now: i64,
        next_at: Option<i64>,
    ) -> Result<(), String>;
    fn status(&self) -> Result<Vec<DestinationStatus>, String>;
    fn redeliver(&self, reference: Option<&str>, now: i64) -> Result<usize, String>;
    fn erase_delivered(&self, now: i64, keep: i64) -> Result<usize, String>;
    fn content(&self) -> Result<(i64, Option<String>), String>;
}

/// The database of a receiver, whichever engine holds it.
pub type Store = Box<dyn Storage>;

/// Where the referrals are kept: a SQLite file, or a PostgreSQL database several receivers
/// share (its URL, with the password, from `RJ_DATABASE_URL` or a file: see main.rs).
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(PathBuf),
    Postgres(String),
}

impl std::fmt::Display for Db {
    /// Never shows a password: a PostgreSQL database is named by its host and name.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Db::Sqlite(path) => write!(f, "{}", path.display()),
            Db::Postgres(url) => match url::Url::parse(url) {
                Ok(u) => write!(
                    f,
                    "the PostgreSQL database {} on {}",
                    u.path().trim_start_matches('/'),
                    u.host_str().unwrap_or("localhost")
                ),
                Err(_) => write!(f, "the PostgreSQL database"),
            },
        }
    }
}

/// Opens (creating it if need be) the database, brought up to the latest schema.
pub fn open(db: &Db) -> Result<Store, String> {
    Ok(match db {
        Db::Sqlite(path) => Box::new(Sqlite::open(path)?),
        Db::Postgres(url) => Box::new(postgres::Postgres::open(url)?),
    })
}

/// Referrals in one SQLite file: the embedded default, needing no database server.
pub struct Sqlite {
    conn: Mutex<Connection>,
}

impl Sqlite {
    pub fn open(path: &Path) -> Result<Sqlite, String> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let mut conn =
            Connection::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        // Settings of the connection; the schema is in the versioned migrations.
        conn.execute_batch(
            "PRAGMA busy_timeout = 5000;
             PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA secure_delete = ON;",
        )
        .map_err(|e| format!("cannot prepare {}: {e}", path.display()))?;
        migrations::runner()
            .run(&mut conn)
            .map_err(|e| format!("cannot bring {} up to date: {e}", path.display()))?;
        // The in-flight holds: worth nothing after a crash, so their commits are not flushed to
        // disk one by one (synchronous NORMAL, which in WAL mode never leaves a file broken).
        let mut holds = path.as_os_str().to_owned();
        holds.push("-in-flight");
        let holds = PathBuf::from(holds);
        let cannot = |e: &dyn std::fmt::Display| format!("cannot prepare {}: {e}", holds.display());
        let mut prepared = Connection::open(&holds).map_err(|e| cannot(&e))?;
        prepared
            .execute_batch("PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL;")
            .map_err(|e| cannot(&e))?;
        in_flight::migrations::runner()
            .run(&mut prepared)
            .map_err(|e| cannot(&e))?;
        drop(prepared);
        conn.execute(
            "ATTACH DATABASE ?1 AS holds",
            params![holds.to_string_lossy()],
        )
        .and_then(|_| conn.execute_batch("PRAGMA holds.synchronous = NORMAL"))
        .map_err(|e| cannot(&e))?;
        Ok(Sqlite {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written, so carry on.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// One write of the in-flight holds.
    fn hold_write(&self, sql: &str, params: impl rusqlite::Params) -> Result<usize, String> {
        self.conn().execute(sql, params).map_err(|e| e.to_string())
    }
}

impl Storage for Sqlite {
    /// Says at once when the referrals are sealed and the key is missing or another one, rather
    /// than at the first referral that cannot be opened.
    fn check_key(&self) -> Result<(), String> {
        let sealed: Option<(String, Sql)> = self
            .conn()
            .query_row(
                "SELECT reference, body FROM referrals WHERE typeof(body) = 'blob' AND length(body) > 0 LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(|e| e.to_string())?;
        match sealed {
            Some((reference, body)) => open_body(&reference, body).map(drop),
            None => Ok(()),
        }
    }

    /// Whether the database would store a referral now: it grants a write transaction (within
    /// the busy timeout), which is then given back unused.
    fn ping(&self) -> Result<(), String> {
        let mut conn = self.conn();
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| e.to_string())?;
        tx.rollback().map_err(|e| e.to_string())
    }

    /// Holds `reference` for `holder`, a request being handled now, until `until`: true unless
    /// another holder has it and its hold has not lapsed by `now`. The database decides, so two
    /// instances sharing it never both hold one reference.
    fn hold(&self, reference: &str, holder: i64, now: i64, until: i64) -> Result<bool, String> {
        let held = self.hold_write(
            "INSERT INTO holds.in_flight (reference, holder, expires_at) VALUES (?1, ?2, ?4)
             ON CONFLICT (reference) DO UPDATE SET holder = ?2, expires_at = ?4
             WHERE in_flight.expires_at <= ?3",
            params![reference, holder, now, until],
        )?;
        Ok(held == 1)
    }

    /// Makes `holder`'s hold on `reference` last until `until`, if it still has it: never holds
    /// it again once let go (a renewal late behind the release).
    fn renew(&self, reference: &str, holder: i64, until: i64) -> Result<(), String> {
        self.hold_write(
            "UPDATE holds.in_flight SET expires_at = ?3 WHERE reference = ?1 AND holder = ?2",
            params![reference, holder, until],
        )
        .map(drop)
    }

    /// Lets go of `holder`'s hold on `reference`, if it still has it, and forgets lapsed holds
    /// (those of instances that died).
    fn release(&self, reference: &str, holder: i64, now: i64) -> Result<(), String> {
        self.hold_write(
            "DELETE FROM holds.in_flight WHERE (reference = ?1 AND holder = ?2) OR expires_at <= ?3",
            params![reference, holder, now],
        )
        .map(drop)
    }

    fn find(&self, reference: &str) -> Result<Option<Stored>, String> {
        let row = self
            .conn()
            .query_row(
                "SELECT body, response, body_hash FROM referrals WHERE reference = ?1",
                params![reference],
                |row| Ok((row.get::<_, Sql>(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()
            .map_err(|e| e.to_string())?;
        row.map(|(body, response, hash)| {
            Ok(Stored {
                body: open_body(reference, body)?,
                response,
                hash,
            })
        })
        .transpose()
    }

    /// Stores a referral unless one with its reference is there already; returns what is stored.
    fn insert(
        &self,
        reference: &str,
        body: &str,
        response: &str,
        received_at: &str,
    ) -> Result<Stored, String> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(|e| e.to_string())?;
        let (stored, hash) = match KEY.get() {
            Some(key) => (Sql::Blob(key.seal(reference, body)), Some(key.hash(body))),
            None => (Sql::Text(body.to_owned()), None),
        };
        let new = tx
            .execute(
                "INSERT OR IGNORE INTO referrals (reference, body, response, received_at, body_hash) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![reference, stored, response, received_at, hash],
            )
            .map_err(|e| e.to_string())?;
        if new == 1 {
            tx.execute(
                "INSERT INTO deliveries (reference, destination, state, queued_at, next_at)
                 SELECT ?1, destination, 'pending', ?2, ?2 FROM destinations",
                params![reference, now_ms()],
            )
            .map_err(|e| e.to_string())?;
        }
        tx.commit().map_err(|e| e.to_string())?;
        drop(conn);
        self.find(reference)?
            .ok_or_else(|| "a stored referral vanished".to_owned())
    }

    /// Writes every referral as one JSON line: when it came, the referral, and our receipt.
    fn export(&self, out: &mut dyn Write) -> Result<usize, String> {
        let conn = self.conn();
        let mut query = conn
            .prepare(
                "SELECT received_at, body, response, reference FROM referrals
                 WHERE erased_at IS NULL ORDER BY rowid",
            )
            .map_err(|e| e.to_string())?;
        let rows = query
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Sql>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                ))
            })
            .map_err(|e| e.to_string())?;
        let mut count = 0;
        for row in rows {
            let (received_at, body, response, reference) = row.map_err(|e| e.to_string())?;
            let body = open_body(&reference, body)?;
            let line = format!(
                r#"{{"received_at":"{received_at}","referral":{body},"receipt":{response}}}"#
            );
            writeln!(out, "{line}").map_err(|e| e.to_string())?;
            count += 1;
        }
        Ok(count)
    }

    /// Records where referrals stored from now on are to be delivered.
    fn set_destinations(&self, destinations: &[String]) -> Result<(), String> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(|e| e.to_string())?;
        tx.execute("DELETE FROM destinations", [])
            .map_err(|e| e.to_string())?;
        for d in destinations {
            tx.execute("INSERT INTO destinations VALUES (?1)", params![d])
                .map_err(|e| e.to_string())?;
        }
        tx.commit().map_err(|e| e.to_string())
    }

    /// Claims the pending deliveries to these destinations due at `now`, oldest first, at most
    /// `limit`: each is leased to the caller until `now + lease` (its `next_at` moves there, in
    /// one write transaction), so another instance sharing the database does not try it at the
    /// same time. Recording the try ends the lease; if the claimant dies instead, the delivery is
    /// due again when the lease runs out, for whichever instance looks next.
    fn claim(
        &self,
        now: i64,
        lease: i64,
        destinations: &[&str],
        limit: usize,
    ) -> Result<Vec<Due>, String> {
        let mut conn = self.conn();
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| e.to_string())?;
        let rows = {
            let mut query = tx
                .prepare_cached(
                    "SELECT d.reference, d.destination, d.attempts, d.queued_at, r.body, r.received_at
                     FROM deliveries d JOIN referrals r USING (reference)
                     WHERE d.state = 'pending' AND d.next_at <= ?1 AND r.erased_at IS NULL
                       AND d.destination IN (SELECT value FROM json_each(?3))
                     ORDER BY d.next_at LIMIT ?2",
                )
                .map_err(|e| e.to_string())?;
            // Only destinations this receiver can reach: others wait, visible in `status`.
            let destinations = serde_json::to_string(destinations).map_err(|e| e.to_string())?;
            let rows = query
                .query_map(params![now, limit as i64, destinations], |row| {
                    Ok((
                        Due {
                            reference: row.get(0)?,
                            destination: row.get(1)?,
                            attempts: row.get(2)?,
                            queued_at: row.get(3)?,
                            body: String::new(),
                            received_at: row.get(5)?,
                        },
                        row.get::<_, Sql>(4)?,
                    ))
                })
                .map_err(|e| e.to_string())?;
            rows.collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string())?
        };
        if rows.is_empty() {
            return Ok(vec![]);
        }
        for (row, _) in &rows {
            tx.execute(
                "UPDATE deliveries SET next_at = ?3 WHERE reference = ?1 AND destination = ?2",
                params![row.reference, row.destination, now + lease],
            )
            .map_err(|e| e.to_string())?;
        }
        tx.commit().map_err(|e| e.to_string())?;
        rows.into_iter()
            .map(|(mut row, body)| {
                row.body = open_body(&row.reference, body)?;
                Ok(row)
            })
            .collect()
    }

    /// Records a delivery as made. Returns true when it was the last forwarding delivery of its
    /// referral still open, so the receipt may follow.
    fn delivered(&self, reference: &str, destination: &str, now: i64) -> Result<bool, String> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(|e| e.to_string())?;
        tx.execute(
            "UPDATE deliveries SET state = 'delivered', attempts = attempts + 1, done_at = ?3
             WHERE reference = ?1 AND destination = ?2",
            params![reference, destination, now],
        )
        .map_err(|e| e.to_string())?;
        let open: i64 = tx
            .query_row(
                "SELECT count(*) FROM deliveries WHERE reference = ?1 AND destination != ?2 AND state != 'delivered'",
                params![reference, RECEIPT],
                |row| row.get(0),
            )
            .map_err(|e| e.to_string())?;
        tx.commit().map_err(|e| e.to_string())?;
        Ok(open == 0 && destination != RECEIPT)
    }

    /// Queues the receipt of a referral, once.
    fn queue_receipt(&self, reference: &str, now: i64) -> Result<(), String> {
        self.conn()
            .execute(
                "INSERT OR IGNORE INTO deliveries (reference, destination, state, queued_at, next_at)
                 VALUES (?1, ?2, 'pending', ?3, ?3)",
                params![reference, RECEIPT, now],
            )
            .map(drop)
            .map_err(|e| e.to_string())
    }

    /// Records a failed try: tried again at `next_at`, or dead when there is none.
    fn failed(
        &self,
        reference: &str,
        destination: &str,
        now: i64,
        next_at: Option<i64>,
    ) -> Result<(), String> {
        let (state, next_at, done_at) = match next_at {
            Some(at) => ("pending", at, None),
            None => ("dead", now, Some(now)),
        };
        self.conn()
            .execute(
                "UPDATE deliveries SET state = ?3, attempts = attempts + 1, next_at = ?4, done_at = ?5
                 WHERE reference = ?1 AND destination = ?2",
                params![reference, destination, state, next_at, done_at],
            )
            .map(drop)
            .map_err(|e| e.to_string())
    }

    /// Per destination, configured or still holding deliveries: delivered, pending, dead.
    fn status(&self) -> Result<Vec<DestinationStatus>, String> {
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
        let conn = self.conn();
        let mut all = vec![];
        let mut configured = conn
            .prepare("SELECT destination FROM destinations ORDER BY rowid")
            .map_err(|e| e.to_string())?;
        for name in configured
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(|e| e.to_string())?
        {
            slot(&mut all, name.map_err(|e| e.to_string())?);
        }
        let mut counts = conn
            .prepare(
                "SELECT destination, state, count(*), min(queued_at) FROM deliveries
                 GROUP BY destination, state ORDER BY destination",
            )
            .map_err(|e| e.to_string())?;
        let rows = counts
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, i64>(3)?,
                ))
            })
            .map_err(|e| e.to_string())?;
        for row in rows {
            let (destination, state, count, oldest) = row.map_err(|e| e.to_string())?;
            let s = slot(&mut all, destination);
            match state.as_str() {
                "delivered" => s.delivered = count,
                "pending" => (s.pending, s.oldest_pending) = (count, Some(oldest)),
                _ => {}
            }
        }
        let mut dead = conn
            .prepare(
                "SELECT destination, reference FROM deliveries WHERE state = 'dead' ORDER BY done_at",
            )
            .map_err(|e| e.to_string())?;
        let rows = dead
            .query_map([], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })
            .map_err(|e| e.to_string())?;
        for row in rows {
            let (destination, reference) = row.map_err(|e| e.to_string())?;
            slot(&mut all, destination).dead.push(reference);
        }
        Ok(all)
    }

    /// Queues again every delivery of a referral but a receipt already made, or every dead
    /// delivery; each starts again as new: its backoff from the first wait, a fresh retry window.
    /// Returns how many were queued.
    fn redeliver(&self, reference: Option<&str>, now: i64) -> Result<usize, String> {
        let conn = self.conn();
        let queued = match reference {
            Some(reference) => conn.execute(
                "UPDATE deliveries SET state = 'pending', attempts = 0, queued_at = ?2, next_at = ?2, done_at = NULL
                 WHERE reference = ?1 AND NOT (destination = ?3 AND state = 'delivered')
                   AND reference IN (SELECT reference FROM referrals WHERE erased_at IS NULL)",
                params![reference, now, RECEIPT],
            ),
            None => conn.execute(
                "UPDATE deliveries SET state = 'pending', attempts = 0, queued_at = ?1, next_at = ?1, done_at = NULL
                 WHERE state = 'dead'
                   AND reference IN (SELECT reference FROM referrals WHERE erased_at IS NULL)",
                params![now],
            ),
        };
        queued.map_err(|e| e.to_string())
    }

    /// Deletes the content of every referral whose deliveries all succeeded more than `keep`
    /// milliseconds before `now`; a referral not yet delivered everywhere, or never delivered
    /// anywhere, keeps its content. What remains is the reference, when it came, the answer it
    /// got (where the case stood) and its deliveries. The freed pages are zeroed
    /// (`secure_delete`) and the WAL, which may hold older copies, is emptied. Returns how many
    /// were deleted.
    fn erase_delivered(&self, now: i64, keep: i64) -> Result<usize, String> {
        let conn = self.conn();
        let erased = conn
            .execute(
                "UPDATE referrals SET body = X'', erased_at = ?1
                 WHERE erased_at IS NULL
                   AND EXISTS (SELECT 1 FROM deliveries d WHERE d.reference = referrals.reference)
                   AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.reference = referrals.reference
                                   AND (d.state != 'delivered' OR d.done_at >= ?1 - ?2))",
                params![now, keep],
            )
            .map_err(|e| e.to_string())?;
        if erased > 0 {
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                .map_err(|e| e.to_string())?;
        }
        Ok(erased)
    }

    /// How many referrals still hold their content, and when the oldest of them came.
    fn content(&self) -> Result<(i64, Option<String>), String> {
        self.conn()
            .query_row(
                "SELECT count(*), min(received_at) FROM referrals WHERE erased_at IS NULL",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
#[path = "../tests/pg/mod.rs"]
mod pg;

#[cfg(test)]
mod tests {
    use super::pg::{on_both_engines, Engine};
    use super::{Db, Sqlite, Storage, Store};

    const DAY: i64 = 86_400_000;
    const TO: &str = "mail:a@example.org";

    fn store(name: &str) -> (Sqlite, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!("rj-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = Sqlite::open(&dir.join("referrals.sqlite3")).unwrap();
        store.set_destinations(&[TO.into()]).unwrap();
        (store, dir)
    }

    /// A test's folder, removed when the test ends.
    struct Folder(std::path::PathBuf);

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// A new database on `engine`, and a way to open another store on it (another instance).
    fn store_on(engine: Engine, name: &str) -> (Store, impl Fn() -> Store, Folder) {
        let dir =
            std::env::temp_dir().join(format!("rj-store-{name}-{engine:?}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let url = engine.database(&dir.join("referrals.sqlite3"));
        let db = match engine {
            Engine::Sqlite => Db::Sqlite(url.into()),
            Engine::Postgres => Db::Postgres(url),
        };
        let open = move || super::open(&db).unwrap();
        let store = open();
        store.set_destinations(&[TO.into()]).unwrap();
        (store, open, Folder(dir))
    }

    on_both_engines!(
        twins_on_two_instances_at_once_are_stored_once_with_one_delivery,
        a_claimed_delivery_is_not_tried_by_another_instance_until_its_lease_runs_out,
        a_reference_in_flight_is_held_by_one_instance_until_let_go_or_lapsed,
        content_goes_the_day_after_the_last_delivery_plus_keep_days_and_not_before,
    );

    /// On SQLite this is not so yet: started at once on a new file, the others may fail to
    /// start ("database is locked", "disk I/O error") and must be started again.
    #[test]
    fn instances_started_at_once_on_a_new_postgresql_database_all_bring_it_up_to_date() {
        let db = Db::Postgres(Engine::Postgres.database(std::path::Path::new("")));
        let opened: Vec<Result<(), String>> = std::thread::scope(|s| {
            let started: Vec<_> = (0..4)
                .map(|_| s.spawn(|| super::open(&db).map(drop)))
                .collect();
            started.into_iter().map(|t| t.join().unwrap()).collect()
        });
        assert!(opened.iter().all(Result::is_ok), "{opened:?}");
    }

    fn twins_on_two_instances_at_once_are_stored_once_with_one_delivery(engine: Engine) {
        let (a, open, _dir) = store_on(engine, "twins");
        let b = open();
        for round in 0..20 {
            let reference = format!("r{round}");
            let (x, y) = std::thread::scope(|s| {
                let x = s.spawn(|| {
                    a.insert(&reference, r#"{"n":1}"#, "{\"a\":1}", "t")
                        .unwrap()
                });
                let y = s.spawn(|| {
                    b.insert(&reference, r#"{"n":2}"#, "{\"b\":2}", "t")
                        .unwrap()
                });
                (x.join().unwrap(), y.join().unwrap())
            });
            assert_eq!((x.body, x.response), (y.body, y.response), "one answer");
        }
        let status = a.status().unwrap();
        assert_eq!(
            (status[0].destination.as_str(), status[0].pending),
            (TO, 20)
        );
        assert_eq!(a.export(&mut std::io::sink()), Ok(20));
        // Opened again, the schema's versions are not applied twice.
        drop(open());
    }

    fn a_claimed_delivery_is_not_tried_by_another_instance_until_its_lease_runs_out(
        engine: Engine,
    ) {
        let (a, open, _dir) = store_on(engine, "lease");
        let b = open();
        a.insert("r1", "{}", "{}", "2026-12-01T10:00:00Z").unwrap();
        let (now, lease) = (super::now_ms() + 1_000, 45_000);
        let to = [TO];
        let claimed = a.claim(now, lease, &to, 32).unwrap();
        assert_eq!(claimed.len(), 1);
        assert!(b.claim(now, lease, &to, 32).unwrap().is_empty());
        assert!(b.claim(now + lease - 1, lease, &to, 32).unwrap().is_empty());
        // `a` died without recording the try: `b` takes it over once the lease has run out.
        let taken = b.claim(now + lease, lease, &to, 32).unwrap();
        assert_eq!(taken[0].reference, "r1");
        // Recording the try ends the lease: a delivered one is never claimed again.
        assert!(b.delivered("r1", TO, now + lease).unwrap(), "the last one");
        assert!(a
            .claim(now + 10 * lease, lease, &to, 32)
            .unwrap()
            .is_empty());
        // A failed try is due again when told, and dead with no next time.
        a.insert("r2", "{}", "{}", "2026-12-01T10:00:00Z").unwrap();
        let due = a.claim(now, lease, &to, 32).unwrap();
        assert_eq!(due[0].reference, "r2");
        a.failed("r2", TO, now, None).unwrap();
        assert_eq!(a.status().unwrap()[0].dead, ["r2"]);
        assert_eq!(a.redeliver(None, now), Ok(1));
        assert_eq!(a.claim(now, lease, &to, 32).unwrap()[0].attempts, 0);
    }

    fn a_reference_in_flight_is_held_by_one_instance_until_let_go_or_lapsed(engine: Engine) {
        let (a, open, _dir) = store_on(engine, "hold");
        let b = open();
        let (now, hold) = (1_000_000, 5_000);
        assert_eq!(a.hold("r1", 1, now, now + hold), Ok(true));
        assert_eq!(
            b.hold("r1", 2, now, now + hold),
            Ok(false),
            "held by another"
        );
        assert_eq!(
            b.hold("r2", 2, now, now + hold),
            Ok(true),
            "another reference"
        );
        // Its holder renews it; another takes it once it has lapsed.
        a.renew("r1", 1, now + 4_000 + hold).unwrap();
        assert_eq!(b.hold("r1", 2, now + hold, now + 2 * hold), Ok(false));
        let lapsed = now + 4_000 + hold;
        assert_eq!(b.hold("r1", 2, lapsed, lapsed + hold), Ok(true));
        // The first holder, late, cannot let go of what is no longer its hold.
        a.release("r1", 1, lapsed).unwrap();
        assert_eq!(a.hold("r1", 3, lapsed, lapsed + hold), Ok(false));
        b.release("r1", 2, lapsed).unwrap();
        // A renewal late behind the release does not hold it again.
        b.renew("r1", 2, lapsed + hold).unwrap();
        assert_eq!(a.hold("r1", 3, lapsed, lapsed + hold), Ok(true), "let go");
    }

    #[test]
    fn a_database_made_before_versioned_migrations_keeps_its_referrals_and_is_then_versioned() {
        let dir = std::env::temp_dir().join(format!("rj-store-old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("referrals.sqlite3");
        // The tables as the receiver made them before, with one referral delivered.
        let old = rusqlite::Connection::open(&path).unwrap();
        old.execute_batch(
            "CREATE TABLE referrals (reference TEXT PRIMARY KEY, body TEXT NOT NULL, response TEXT NOT NULL,
                                     received_at TEXT NOT NULL, body_hash TEXT, erased_at INTEGER);
             CREATE TABLE destinations (destination TEXT PRIMARY KEY);
             CREATE TABLE deliveries (reference TEXT NOT NULL REFERENCES referrals (reference),
                 destination TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                 queued_at INTEGER NOT NULL, next_at INTEGER NOT NULL, done_at INTEGER,
                 PRIMARY KEY (reference, destination));
             INSERT INTO referrals VALUES ('r1', '{}', '{\"status\":\"received\"}', '2026-12-01T10:00:00Z', NULL, NULL);",
        )
        .unwrap();
        drop(old);
        for _ in 0..2 {
            let store = Sqlite::open(&path).unwrap();
            let kept = store.find("r1").unwrap().unwrap();
            assert_eq!(kept.response, r#"{"status":"received"}"#);
            let versions: Vec<i64> = {
                let conn = store.conn();
                let mut q = conn
                    .prepare("SELECT version FROM refinery_schema_history ORDER BY version")
                    .unwrap();
                let rows = q.query_map([], |row| row.get(0)).unwrap();
                rows.map(Result::unwrap).collect()
            };
            assert_eq!(versions, [1], "each version applied once");
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    /// The clock is the test's: `now` is passed in, never read.
    fn content_goes_the_day_after_the_last_delivery_plus_keep_days_and_not_before(engine: Engine) {
        let (store, _, _dir) = store_on(engine, "keep");
        let keep = 30 * DAY;
        // Long enough to spill into overflow pages, which a delete frees rather than rewrites.
        let body = format!(
            r#"{{"name":"Jordan","description":"{}"}}"#,
            "Jordan ".repeat(1500)
        );
        store
            .insert("r1", &body, "{}", "2026-12-01T10:00:00Z")
            .unwrap();
        store
            .insert("r2", "{}", "{}", "2026-12-01T10:00:00Z")
            .unwrap();
        // r3 came while nothing was configured: it reached no one, so it is never deleted.
        store.set_destinations(&[]).unwrap();
        store
            .insert("r3", "{}", "{}", "2026-12-01T10:00:00Z")
            .unwrap();
        let delivered_at = 1_000 * DAY;
        store
            .delivered("r1", "mail:a@example.org", delivered_at)
            .unwrap();
        // r2's delivery is still pending: it is kept whatever the date.
        for day in [1, 29, 30] {
            assert_eq!(
                store.erase_delivered(delivered_at + day * DAY, keep),
                Ok(0),
                "day {day}"
            );
            assert_eq!(store.find("r1").unwrap().unwrap().body, body);
        }
        assert_eq!(store.erase_delivered(delivered_at + 31 * DAY, keep), Ok(1));
        let kept = store.find("r1").unwrap().unwrap();
        assert_eq!((kept.body.as_str(), kept.response.as_str()), ("", "{}"));
        assert_eq!(
            store.erase_delivered(delivered_at + 9_999 * DAY, keep),
            Ok(0)
        );
        assert_eq!(store.find("r2").unwrap().unwrap().body, "{}");
        assert_eq!(store.find("r3").unwrap().unwrap().body, "{}");
        assert_eq!(
            store.content().unwrap(),
            (2, Some("2026-12-01T10:00:00Z".to_owned()))
        );
    }

    /// On PostgreSQL, which has no `secure_delete`, what is left of erased content in freed
    /// space is sealed under the key.
    #[test]
    fn erased_content_leaves_no_copy_in_the_sqlite_file_or_its_wal() {
        let (store, dir) = store("wipe");
        // Long enough to spill into overflow pages, which a delete frees rather than rewrites.
        let body = format!(
            r#"{{"name":"Jordan","description":"{}"}}"#,
            "Jordan ".repeat(1500)
        );
        store
            .insert("r1", &body, "{}", "2026-12-01T10:00:00Z")
            .unwrap();
        store.delivered("r1", TO, DAY).unwrap();
        // As a long-running receiver's file is: its WAL checkpointed into the database.
        store
            .conn()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        assert_eq!(store.erase_delivered(40 * DAY, 30 * DAY), Ok(1));
        // No copy is left in the file or its WAL (this store has no key: the body was plain).
        for suffix in ["", "-wal"] {
            let file = dir.join(format!("referrals.sqlite3{suffix}"));
            let bytes = std::fs::read(&file).unwrap_or_default();
            assert!(
                suffix == "-wal" || bytes.len() > 4096,
                "the file holds the database"
            );
            assert!(
                !String::from_utf8_lossy(&bytes).contains("Jordan"),
                "{suffix}"
            );
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}
