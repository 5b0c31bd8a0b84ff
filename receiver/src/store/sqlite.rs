//! The SQLite engine: referrals in one file, needing no database server; durable with WAL and
//! synchronous FULL, so a referral the receiver has acknowledged survives a crash of the process
//! or the machine. Each method keeps the contract written on `Storage`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::types::Value as Sql;
use rusqlite::{params, Connection, OptionalExtension};

use super::{now_ms, slot, DestinationStatus, Due, Storage, Stored, RECEIPT};
use crate::seal::{Key, Needed};

// The schema's versions, applied in order at start-up by refinery, each once (it records them
// in `refinery_schema_history`). A new version is a new file; an applied one is never edited.
refinery::embed_migrations!("migrations/sqlite");

/// The schema of the SQLite engine's in-flight holds, in their own file.
mod in_flight {
    refinery::embed_migrations!("migrations/sqlite-in-flight");
}

/// Referrals in one SQLite file: the embedded default, needing no database server.
pub struct Sqlite {
    conn: Mutex<Connection>,
    key: Option<&'static Key>,
}

impl Sqlite {
    /// Opens the file, sealing with `key`.
    pub fn open(path: &Path, key: Option<&'static Key>) -> Result<Sqlite, String> {
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
            key,
        })
    }

    /// A stored body as SQLite holds it: sealed bytes (a blob) of `day`, or plain text from
    /// before the key.
    fn open_body(&self, reference: &str, body: Sql, day: Option<i64>) -> Result<String, String> {
        match body {
            Sql::Text(plain) => {
                super::open_body(self.key, reference, plain.into_bytes(), false, day)
            }
            Sql::Blob(sealed) => super::open_body(self.key, reference, sealed, true, day),
            _ => Err("a stored referral has no body".into()),
        }
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
    fn check_key(&self) -> Result<(), String> {
        // NULL (a key file of version 1) first.
        let sealed: Option<(String, Sql, Option<i64>)> = self
            .conn()
            .query_row(
                "SELECT reference, body, sealed_day FROM referrals
                 WHERE typeof(body) = 'blob' AND length(body) > 0 ORDER BY sealed_day LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()
            .map_err(|e| e.to_string())?;
        match sealed {
            Some((reference, body, day)) => self.open_body(&reference, body, day).map(drop),
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

    fn hold(&self, reference: &str, holder: i64, now: i64, until: i64) -> Result<bool, String> {
        let held = self.hold_write(
            "INSERT INTO holds.in_flight (reference, holder, expires_at) VALUES (?1, ?2, ?4)
             ON CONFLICT (reference) DO UPDATE SET holder = ?2, expires_at = ?4
             WHERE in_flight.expires_at <= ?3",
            params![reference, holder, now, until],
        )?;
        Ok(held == 1)
    }

    fn renew(&self, reference: &str, holder: i64, until: i64) -> Result<(), String> {
        self.hold_write(
            "UPDATE holds.in_flight SET expires_at = ?3 WHERE reference = ?1 AND holder = ?2",
            params![reference, holder, until],
        )
        .map(drop)
    }

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
                "SELECT body, response, body_hash, sealed_day FROM referrals WHERE reference = ?1",
                params![reference],
                |row| Ok((row.get::<_, Sql>(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .optional()
            .map_err(|e| e.to_string())?;
        row.map(|(body, response, hash, day)| {
            Ok(Stored {
                body: self.open_body(reference, body, day)?,
                response,
                hash,
                key: self.key,
            })
        })
        .transpose()
    }

    fn insert(
        &self,
        reference: &str,
        body: &str,
        response: &str,
        received_at: &str,
    ) -> Result<Stored, String> {
        let mut conn = self.conn();
        let tx = conn.transaction().map_err(|e| e.to_string())?;
        let now = now_ms();
        let (stored, hash, day) = match self.key {
            Some(key) => {
                let (day, sealed) = key.seal(now, reference, body);
                (Sql::Blob(sealed), Some(key.hash(body)), Some(day))
            }
            None => (Sql::Text(body.to_owned()), None, None),
        };
        let new = tx
            .execute(
                "INSERT OR IGNORE INTO referrals (reference, body, response, received_at, body_hash, sealed_day)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![reference, stored, response, received_at, hash, day],
            )
            .map_err(|e| e.to_string())?;
        if new == 1 {
            tx.execute(
                "INSERT INTO deliveries (reference, destination, state, queued_at, next_at)
                 SELECT ?1, destination, 'pending', ?2, ?2 FROM destinations",
                params![reference, now],
            )
            .map_err(|e| e.to_string())?;
        }
        tx.commit().map_err(|e| e.to_string())?;
        drop(conn);
        self.find(reference)?
            .ok_or_else(|| "a stored referral vanished".to_owned())
    }

    fn export(&self, out: &mut dyn Write) -> Result<usize, String> {
        let conn = self.conn();
        let mut query = conn
            .prepare(
                "SELECT received_at, body, response, reference, sealed_day FROM referrals
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
                    row.get::<_, Option<i64>>(4)?,
                ))
            })
            .map_err(|e| e.to_string())?;
        let mut count = 0;
        for row in rows {
            let (received_at, body, response, reference, day) = row.map_err(|e| e.to_string())?;
            let body = self.open_body(&reference, body, day)?;
            let line = format!(
                r#"{{"received_at":"{received_at}","referral":{body},"receipt":{response}}}"#
            );
            writeln!(out, "{line}").map_err(|e| e.to_string())?;
            count += 1;
        }
        Ok(count)
    }

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
                    "SELECT d.reference, d.destination, d.attempts, d.queued_at, r.body, r.received_at,
                            r.sealed_day
                     FROM deliveries d JOIN referrals r USING (reference)
                     WHERE d.state = 'pending' AND d.next_at <= ?1 AND r.erased_at IS NULL
                       AND d.destination IN (SELECT value FROM json_each(?3))
                     ORDER BY d.next_at LIMIT ?2",
                )
                .map_err(|e| e.to_string())?;
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
                        row.get::<_, Option<i64>>(6)?,
                    ))
                })
                .map_err(|e| e.to_string())?;
            rows.collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.to_string())?
        };
        if rows.is_empty() {
            return Ok(vec![]);
        }
        for (row, _, _) in &rows {
            tx.execute(
                "UPDATE deliveries SET next_at = ?3 WHERE reference = ?1 AND destination = ?2",
                params![row.reference, row.destination, now + lease],
            )
            .map_err(|e| e.to_string())?;
        }
        tx.commit().map_err(|e| e.to_string())?;
        rows.into_iter()
            .map(|(mut row, body, day)| {
                row.body = self.open_body(&row.reference, body, day)?;
                Ok(row)
            })
            .collect()
    }

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

    fn status(&self) -> Result<Vec<DestinationStatus>, String> {
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

    fn discard(
        &self,
        reference: &str,
        destination: Option<&str>,
        now: i64,
    ) -> Result<usize, String> {
        self.conn()
            .execute(
                "UPDATE deliveries SET state = 'discarded', done_at = ?3
                 WHERE reference = ?1 AND state = 'dead' AND (?2 IS NULL OR destination = ?2)",
                params![reference, destination, now],
            )
            .map_err(|e| e.to_string())
    }

    /// The freed pages are zeroed (`secure_delete`) and the WAL, which may hold older copies,
    /// is emptied.
    fn erase_delivered(&self, now: i64, keep: i64) -> Result<usize, String> {
        let conn = self.conn();
        let erased = conn
            .execute(
                "UPDATE referrals SET body = X'', erased_at = ?1
                 WHERE erased_at IS NULL
                   AND EXISTS (SELECT 1 FROM deliveries d WHERE d.reference = referrals.reference)
                   AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.reference = referrals.reference
                                   AND d.destination != ?3
                                   AND (d.state NOT IN ('delivered', 'discarded') OR d.done_at >= ?1 - ?2))",
                params![now, keep, RECEIPT],
            )
            .map_err(|e| e.to_string())?;
        if erased > 0 {
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                .map_err(|e| e.to_string())?;
        }
        Ok(erased)
    }

    fn content(&self) -> Result<(i64, Option<String>), String> {
        self.conn()
            .query_row(
                "SELECT count(*), min(received_at) FROM referrals WHERE erased_at IS NULL",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .map_err(|e| e.to_string())
    }

    fn needed(&self) -> Result<Needed, String> {
        self.conn()
            .query_row(
                "SELECT min(sealed_day), coalesce(max(sealed_day IS NULL AND typeof(body) = 'blob'), 0)
                 FROM referrals WHERE erased_at IS NULL AND length(body) > 0",
                [],
                |row| {
                    Ok(Needed {
                        oldest: row.get(0)?,
                        v1: row.get(1)?,
                    })
                },
            )
            .map_err(|e| e.to_string())
    }

    fn key(&self) -> Option<&'static Key> {
        self.key
    }
}
