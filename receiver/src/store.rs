//! Referrals in SQLite, each stored once, durably: WAL with synchronous FULL, so a referral the
//! receiver has acknowledged survives a crash of the process or the machine.
//!
//! The outbox lives here too: storing a referral records, in the same transaction, one pending
//! delivery per configured destination (the `destinations` table, set by `serve` at start-up),
//! so a referral is never acknowledged without its deliveries, and a crash loses neither.

use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension};

pub struct Store {
    conn: Mutex<Connection>,
}

/// What the store holds for a reference: the body received and the answer given.
pub struct Stored {
    pub body: String,
    pub response: String,
}

impl Store {
    pub fn open(path: &Path) -> Result<Store, String> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let conn =
            Connection::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA busy_timeout = 5000;
             CREATE TABLE IF NOT EXISTS referrals (
                 reference   TEXT PRIMARY KEY,
                 body        TEXT NOT NULL,
                 response    TEXT NOT NULL,
                 received_at TEXT NOT NULL
             );
             CREATE TABLE IF NOT EXISTS destinations (destination TEXT PRIMARY KEY);
             CREATE TABLE IF NOT EXISTS deliveries (
                 reference   TEXT NOT NULL REFERENCES referrals (reference),
                 destination TEXT NOT NULL,
                 state       TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
                 attempts    INTEGER NOT NULL DEFAULT 0,
                 queued_at   INTEGER NOT NULL,
                 next_at     INTEGER NOT NULL,
                 done_at     INTEGER,
                 PRIMARY KEY (reference, destination)
             );
             CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (state, next_at);",
        )
        .map_err(|e| format!("cannot prepare {}: {e}", path.display()))?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written, so carry on.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn find(&self, reference: &str) -> Result<Option<Stored>, String> {
        self.conn()
            .query_row(
                "SELECT body, response FROM referrals WHERE reference = ?1",
                params![reference],
                |row| {
                    Ok(Stored {
                        body: row.get(0)?,
                        response: row.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(|e| e.to_string())
    }

    /// Stores a referral unless one with its reference is there already; returns what is stored.
    pub fn insert(
        &self,
        reference: &str,
        body: &str,
        response: &str,
        received_at: &str,
    ) -> Result<Stored, String> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(|e| e.to_string())?;
        let new = tx
            .execute(
                "INSERT OR IGNORE INTO referrals (reference, body, response, received_at) VALUES (?1, ?2, ?3, ?4)",
                params![reference, body, response, received_at],
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
    pub fn export(&self, out: &mut impl Write) -> Result<usize, String> {
        let conn = self.conn();
        let mut query = conn
            .prepare("SELECT received_at, body, response FROM referrals ORDER BY rowid")
            .map_err(|e| e.to_string())?;
        let rows = query
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })
            .map_err(|e| e.to_string())?;
        let mut count = 0;
        for row in rows {
            let (received_at, body, response) = row.map_err(|e| e.to_string())?;
            let line = format!(
                r#"{{"received_at":"{received_at}","referral":{body},"receipt":{response}}}"#
            );
            writeln!(out, "{line}").map_err(|e| e.to_string())?;
            count += 1;
        }
        Ok(count)
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

impl Store {
    /// Records where referrals stored from now on are to be delivered.
    pub fn set_destinations(&self, destinations: &[String]) -> Result<(), String> {
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

    /// Pending deliveries to these destinations due at `now`, oldest first, at most `limit`.
    pub fn due(&self, now: i64, destinations: &[&str], limit: usize) -> Result<Vec<Due>, String> {
        let conn = self.conn();
        let mut query = conn
            .prepare_cached(
                "SELECT d.reference, d.destination, d.attempts, d.queued_at, r.body, r.received_at
                 FROM deliveries d JOIN referrals r USING (reference)
                 WHERE d.state = 'pending' AND d.next_at <= ?1
                 ORDER BY d.next_at LIMIT ?2",
            )
            .map_err(|e| e.to_string())?;
        let rows = query
            .query_map(params![now, limit as i64 * 4], |row| {
                Ok(Due {
                    reference: row.get(0)?,
                    destination: row.get(1)?,
                    attempts: row.get(2)?,
                    queued_at: row.get(3)?,
                    body: row.get(4)?,
                    received_at: row.get(5)?,
                })
            })
            .map_err(|e| e.to_string())?;
        let mut due = vec![];
        for row in rows {
            let row = row.map_err(|e| e.to_string())?;
            if destinations.contains(&row.destination.as_str()) && due.len() < limit {
                due.push(row);
            }
        }
        Ok(due)
    }

    /// Records a delivery as made. Returns true when it was the last forwarding delivery of its
    /// referral still open, so the receipt may follow.
    pub fn delivered(&self, reference: &str, destination: &str, now: i64) -> Result<bool, String> {
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
    pub fn queue_receipt(&self, reference: &str, now: i64) -> Result<(), String> {
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
    pub fn failed(
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
    pub fn status(&self) -> Result<Vec<DestinationStatus>, String> {
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
    /// delivery; each gets a fresh retry window. Returns how many were queued.
    pub fn redeliver(&self, reference: Option<&str>, now: i64) -> Result<usize, String> {
        let conn = self.conn();
        let queued = match reference {
            Some(reference) => conn.execute(
                "UPDATE deliveries SET state = 'pending', queued_at = ?2, next_at = ?2, done_at = NULL
                 WHERE reference = ?1 AND NOT (destination = ?3 AND state = 'delivered')",
                params![reference, now, RECEIPT],
            ),
            None => conn.execute(
                "UPDATE deliveries SET state = 'pending', queued_at = ?1, next_at = ?1, done_at = NULL
                 WHERE state = 'dead'",
                params![now],
            ),
        };
        queued.map_err(|e| e.to_string())
    }
}
