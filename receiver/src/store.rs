//! Referrals in SQLite, each stored once, durably: WAL with synchronous FULL, so a referral the
//! receiver has acknowledged survives a crash of the process or the machine.

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
             );",
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
        let conn = self.conn();
        conn.execute(
            "INSERT OR IGNORE INTO referrals (reference, body, response, received_at) VALUES (?1, ?2, ?3, ?4)",
            params![reference, body, response, received_at],
        )
        .map_err(|e| e.to_string())?;
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
