//! The PostgreSQL engine: one database that several receivers share. Each method keeps the
//! contract written on `Storage`; here, the primary key on the reference decides
//! twins across instances (`ON CONFLICT DO NOTHING` waits for a twin's transaction and then
//! stores nothing), and claims take rows `FOR UPDATE SKIP LOCKED`, so two instances looking at
//! once never claim one delivery, as well as leasing it.
//!
//! tokio-postgres is asynchronous, and the store is called from blocking code and from the
//! outbox's own runtime alike: the connections run on this engine's runtime, and each call
//! waits for its answer with a plain executor, which needs no runtime of its own.
//!
//! The connections are a pool (deadpool-postgres): one the server has closed, as a restart of
//! the server does, is dropped and a new one made, so the receiver works again once the server
//! is back, without a restart of its own; meanwhile each call fails (the API answers 503), and
//! nothing is acknowledged that was not committed.

use std::future::Future;
use std::io::Write;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, PoolError, RecyclingMethod};
use futures_executor::block_on;
use tokio_postgres::NoTls;

use super::{slot, DestinationStatus, Due, Storage, Stored, RECEIPT};
use crate::seal::{Key, Needed};

refinery::embed_migrations!("migrations/postgres");

/// Connections a store keeps open at most; a receiver has two stores (the API's and the
/// outbox's). More callers at once wait for one.
pub const POOL_SIZE: usize = 8;
/// The advisory lock (any number the receiver alone uses) held while the schema is migrated.
const MIGRATION_LOCK: i64 = 0x726a_6d69_6772;
/// How long a call waits for a connection, or for the server to accept one, before failing.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Postgres {
    pool: Pool,
    /// Drives the connections; the engine's calls end with it.
    runtime: Option<tokio::runtime::Runtime>,
    key: Option<&'static Key>,
}

impl Drop for Postgres {
    /// The store may be dropped inside the server's runtime, where waiting for another
    /// runtime's threads is not allowed: this one is let go without waiting.
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

fn err(e: tokio_postgres::Error) -> String {
    // The server's own words ("duplicate key...", "connection refused") when it gave some.
    match e.as_db_error() {
        Some(db) => db.message().to_owned(),
        None => e.to_string(),
    }
}

impl Postgres {
    /// Connects to the database, sealing with `key`.
    pub fn open(url: &str, key: Option<&'static Key>) -> Result<Postgres, String> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("postgres")
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let mut config: tokio_postgres::Config =
            url.parse().map_err(|e| format!("the database URL: {e}"))?;
        config.connect_timeout(CONNECT_TIMEOUT);
        let manager = Manager::from_config(
            config,
            NoTls,
            // A connection is checked (not closed) before each use, at no cost.
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .runtime(deadpool_postgres::Runtime::Tokio1)
            .wait_timeout(Some(CONNECT_TIMEOUT))
            .create_timeout(Some(CONNECT_TIMEOUT))
            .build()
            .map_err(|e| e.to_string())?;
        let store = Postgres {
            pool,
            runtime: Some(runtime),
            key,
        };
        store
            .with(|mut client| async move {
                // One instance at a time: several started at once on a new database would race
                // to apply the same version.
                let lock = format!("SELECT pg_advisory_lock({MIGRATION_LOCK})");
                client.simple_query(&lock).await.map_err(err)?;
                let migrated = migrations::runner()
                    .run_async(&mut **client)
                    .await
                    .map_err(|e| format!("cannot bring the PostgreSQL database up to date: {e}"));
                let unlock = format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})");
                client.simple_query(&unlock).await.map_err(err)?;
                migrated.map(drop)
            })
            .map_err(|e| match e.starts_with("cannot") {
                true => e,
                false => format!("cannot connect to the PostgreSQL database: {e}"),
            })?;
        Ok(store)
    }

    /// Runs `work` on a connection of the pool, here, waiting for its end: the connection's
    /// own task runs on this engine's runtime.
    fn with<T, E, F>(&self, work: impl FnOnce(Object) -> F) -> Result<T, String>
    where
        F: Future<Output = Result<T, E>>,
        E: Into<Failure>,
    {
        let _inside = self.runtime.as_ref().map(|runtime| runtime.enter());
        block_on(async {
            let client = self.pool.get().await.map_err(|e| match e {
                PoolError::Backend(e) => err(e),
                e => e.to_string(),
            })?;
            work(client).await.map_err(|e| e.into().0)
        })
    }
}

/// What went wrong in a call, in words.
pub struct Failure(String);

impl From<tokio_postgres::Error> for Failure {
    fn from(e: tokio_postgres::Error) -> Failure {
        Failure(err(e))
    }
}

impl From<String> for Failure {
    fn from(e: String) -> Failure {
        Failure(e)
    }
}

impl Postgres {
    /// A stored body as PostgreSQL holds it: bytes, `sealed` on `day` or plain.
    fn open_body(
        &self,
        reference: &str,
        body: Vec<u8>,
        sealed: bool,
        day: Option<i64>,
    ) -> Result<String, String> {
        super::open_body(self.key, reference, body, sealed, day)
    }
}

impl Storage for Postgres {
    fn check_key(&self) -> Result<(), String> {
        let row = self.with(|client| async move {
            client
                .query_opt(
                    "SELECT reference, body, sealed_day FROM referrals WHERE sealed AND length(body) > 0
                     ORDER BY sealed_day NULLS FIRST LIMIT 1",
                    &[],
                )
                .await
        })?;
        match row {
            Some(row) => self
                .open_body(row.get(0), row.get(1), true, row.get(2))
                .map(drop),
            None => Ok(()),
        }
    }

    fn ping(&self) -> Result<(), String> {
        self.with(|client| async move { client.simple_query("SELECT 1").await.map(drop) })
    }

    /// In the UNLOGGED `in_flight` table; the primary key decides between instances.
    fn hold(&self, reference: &str, holder: i64, now: i64, until: i64) -> Result<bool, String> {
        let held = self.with(|client| async move {
            client
                .execute(
                    "INSERT INTO in_flight (reference, holder, expires_at) VALUES ($1, $2, $4)
                     ON CONFLICT (reference) DO UPDATE SET holder = $2, expires_at = $4
                     WHERE in_flight.expires_at <= $3",
                    &[&reference, &holder, &now, &until],
                )
                .await
        })?;
        Ok(held == 1)
    }

    fn renew(&self, reference: &str, holder: i64, until: i64) -> Result<(), String> {
        self.with(|client| async move {
            client
                .execute(
                    "UPDATE in_flight SET expires_at = $3 WHERE reference = $1 AND holder = $2",
                    &[&reference, &holder, &until],
                )
                .await
                .map(drop)
        })
    }

    fn release(&self, reference: &str, holder: i64, now: i64) -> Result<(), String> {
        self.with(|client| async move {
            client
                .execute(
                    "DELETE FROM in_flight WHERE (reference = $1 AND holder = $2) OR expires_at <= $3",
                    &[&reference, &holder, &now],
                )
                .await
                .map(drop)
        })
    }

    fn find(&self, reference: &str) -> Result<Option<Stored>, String> {
        let row = self.with(|client| async move {
            client
                .query_opt(
                    "SELECT body, sealed, response, body_hash, sealed_day FROM referrals WHERE reference = $1",
                    &[&reference],
                )
                .await
        })?;
        row.map(|row| {
            Ok(Stored {
                body: self.open_body(reference, row.get(0), row.get(1), row.get(4))?,
                response: row.get(2),
                hash: row.get(3),
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
        let now = super::now_ms();
        let (stored, hash, day) = match self.key {
            Some(key) => {
                let (day, sealed) = key.seal(now, reference, body);
                (sealed, Some(key.hash(body)), Some(day))
            }
            None => (body.as_bytes().to_vec(), None, None),
        };
        let sealed = self.key.is_some();
        self.with(|mut client| async move {
            let tx = client.transaction().await?;
            let new = tx
                .execute(
                    "INSERT INTO referrals (reference, body, sealed, response, received_at, body_hash, sealed_day)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (reference) DO NOTHING",
                    &[&reference, &stored, &sealed, &response, &received_at, &hash, &day],
                )
                .await?;
            if new == 1 {
                tx.execute(
                    "INSERT INTO deliveries (reference, destination, state, queued_at, next_at)
                     SELECT $1, destination, 'pending', $2, $2 FROM destinations",
                    &[&reference, &now],
                )
                .await?;
            }
            tx.commit().await
        })?;
        self.find(reference)?
            .ok_or_else(|| "a stored referral vanished".to_owned())
    }

    fn export(&self, out: &mut dyn Write) -> Result<usize, String> {
        let rows = self.with(|client| async move {
            client
                .query(
                    "SELECT received_at, body, sealed, response, reference, sealed_day FROM referrals
                     WHERE erased_at IS NULL ORDER BY seq",
                    &[],
                )
                .await
        })?;
        for row in &rows {
            let (received_at, response, reference): (String, String, String) =
                (row.get(0), row.get(3), row.get(4));
            let body = self.open_body(&reference, row.get(1), row.get(2), row.get(5))?;
            writeln!(
                out,
                r#"{{"received_at":"{received_at}","referral":{body},"receipt":{response}}}"#
            )
            .map_err(|e| e.to_string())?;
        }
        Ok(rows.len())
    }

    fn set_destinations(&self, destinations: &[String]) -> Result<(), String> {
        self.with(|mut client| async move {
            let tx = client.transaction().await?;
            tx.execute("DELETE FROM destinations", &[]).await?;
            for d in destinations {
                tx.execute("INSERT INTO destinations (destination) VALUES ($1)", &[d])
                    .await?;
            }
            tx.commit().await
        })
    }

    fn claim(
        &self,
        now: i64,
        lease: i64,
        destinations: &[&str],
        limit: usize,
    ) -> Result<Vec<Due>, String> {
        let rows = self.with(|mut client| async move {
            let tx = client.transaction().await?;
            let rows = tx
                .query(
                    "SELECT d.reference, d.destination, d.attempts, d.queued_at, r.body, r.sealed, r.received_at,
                            r.sealed_day
                     FROM deliveries d JOIN referrals r USING (reference)
                     WHERE d.state = 'pending' AND d.next_at <= $1 AND r.erased_at IS NULL
                       AND d.destination = ANY($3)
                     ORDER BY d.next_at LIMIT $2
                     FOR UPDATE OF d SKIP LOCKED",
                    &[&now, &(limit as i64), &destinations],
                )
                .await?;
            for row in &rows {
                tx.execute(
                    "UPDATE deliveries SET next_at = $3 WHERE reference = $1 AND destination = $2",
                    &[&row.get::<_, String>(0), &row.get::<_, String>(1), &(now + lease)],
                )
                .await?;
            }
            tx.commit().await?;
            Ok::<_, tokio_postgres::Error>(rows)
        })?;
        rows.into_iter()
            .map(|row| {
                let reference: String = row.get(0);
                Ok(Due {
                    body: self.open_body(&reference, row.get(4), row.get(5), row.get(7))?,
                    destination: row.get(1),
                    attempts: row.get(2),
                    queued_at: row.get(3),
                    received_at: row.get(6),
                    reference,
                })
            })
            .collect()
    }

    fn delivered(&self, reference: &str, destination: &str, now: i64) -> Result<bool, String> {
        let open: i64 = self.with(|mut client| async move {
            let tx = client.transaction().await?;
            tx.execute(
                "UPDATE deliveries SET state = 'delivered', attempts = attempts + 1, done_at = $3
                 WHERE reference = $1 AND destination = $2",
                &[&reference, &destination, &now],
            )
            .await?;
            let open = tx
                .query_one(
                    "SELECT count(*) FROM deliveries WHERE reference = $1 AND destination != $2 AND state != 'delivered'",
                    &[&reference, &RECEIPT],
                )
                .await?
                .get(0);
            tx.commit().await?;
            Ok::<_, tokio_postgres::Error>(open)
        })?;
        Ok(open == 0 && destination != RECEIPT)
    }

    fn queue_receipt(&self, reference: &str, now: i64) -> Result<(), String> {
        self.with(|client| async move {
            client
                .execute(
                    "INSERT INTO deliveries (reference, destination, state, queued_at, next_at)
                     VALUES ($1, $2, 'pending', $3, $3) ON CONFLICT DO NOTHING",
                    &[&reference, &RECEIPT, &now],
                )
                .await
                .map(drop)
        })
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
        self.with(|client| async move {
            client
                .execute(
                    "UPDATE deliveries SET state = $3, attempts = attempts + 1, next_at = $4, done_at = $5
                     WHERE reference = $1 AND destination = $2",
                    &[&reference, &destination, &state, &next_at, &done_at],
                )
                .await
                .map(drop)
        })
    }

    fn status(&self) -> Result<Vec<DestinationStatus>, String> {
        let mut all = vec![];
        let all_ref = &mut all;
        self.with(|client| async move {
            for row in client
                .query("SELECT destination FROM destinations ORDER BY seq", &[])
                .await?
            {
                slot(all_ref, row.get(0));
            }
            for row in client
                .query(
                    "SELECT destination, state, count(*), min(queued_at) FROM deliveries
                     GROUP BY destination, state ORDER BY destination",
                    &[],
                )
                .await?
            {
                let s = slot(all_ref, row.get(0));
                match row.get::<_, &str>(1) {
                    "delivered" => s.delivered = row.get(2),
                    "pending" => (s.pending, s.oldest_pending) = (row.get(2), row.get(3)),
                    _ => {}
                }
            }
            for row in client
                .query(
                    "SELECT destination, reference FROM deliveries WHERE state = 'dead' ORDER BY done_at",
                    &[],
                )
                .await?
            {
                slot(all_ref, row.get(0)).dead.push(row.get(1));
            }
            Ok::<_, tokio_postgres::Error>(())
        })?;
        Ok(all)
    }

    fn redeliver(&self, reference: Option<&str>, now: i64) -> Result<usize, String> {
        let queued = self.with(|client| async move {
            match reference {
                Some(reference) => client.execute(
                    "UPDATE deliveries SET state = 'pending', attempts = 0, queued_at = $2, next_at = $2, done_at = NULL
                     WHERE reference = $1 AND NOT (destination = $3 AND state = 'delivered')
                       AND reference IN (SELECT reference FROM referrals WHERE erased_at IS NULL)",
                    &[&reference, &now, &RECEIPT],
                ).await,
                None => client.execute(
                    "UPDATE deliveries SET state = 'pending', attempts = 0, queued_at = $1, next_at = $1, done_at = NULL
                     WHERE state = 'dead'
                       AND reference IN (SELECT reference FROM referrals WHERE erased_at IS NULL)",
                    &[&now],
                ).await,
            }
        })?;
        Ok(queued as usize)
    }

    fn discard(
        &self,
        reference: &str,
        destination: Option<&str>,
        now: i64,
    ) -> Result<usize, String> {
        let discarded = self.with(|client| async move {
            client
                .execute(
                    "UPDATE deliveries SET state = 'discarded', done_at = $3
                     WHERE reference = $1 AND state = 'dead' AND ($2::TEXT IS NULL OR destination = $2)",
                    &[&reference, &destination, &now],
                )
                .await
        })?;
        Ok(discarded as usize)
    }

    /// As on SQLite, but PostgreSQL has no `secure_delete`: VACUUM frees the old row versions'
    /// space for reuse, and the WAL and backups keep them; what lies there is sealed under the
    /// key of its day, which `shred` destroys once nothing sealed that day holds content.
    fn erase_delivered(&self, now: i64, keep: i64) -> Result<usize, String> {
        let erased = self.with(|client| async move {
            let erased = client
                .execute(
                    "UPDATE referrals SET body = '', erased_at = $1
                     WHERE erased_at IS NULL
                       AND EXISTS (SELECT 1 FROM deliveries d WHERE d.reference = referrals.reference)
                       AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.reference = referrals.reference
                                       AND d.destination != $3
                                       AND (d.state NOT IN ('delivered', 'discarded') OR d.done_at >= $1::BIGINT - $2::BIGINT))",
                    &[&now, &keep, &RECEIPT],
                )
                .await?;
            if erased > 0 {
                client.simple_query("VACUUM referrals").await?;
            }
            Ok::<_, tokio_postgres::Error>(erased)
        })?;
        Ok(erased as usize)
    }

    fn content(&self) -> Result<(i64, Option<String>), String> {
        let row = self.with(|client| async move {
            client
                .query_one(
                    "SELECT count(*), min(received_at) FROM referrals WHERE erased_at IS NULL",
                    &[],
                )
                .await
        })?;
        Ok((row.get(0), row.get(1)))
    }

    fn needed(&self) -> Result<Needed, String> {
        let row = self.with(|client| async move {
            client
                .query_one(
                    "SELECT min(sealed_day), coalesce(bool_or(sealed AND sealed_day IS NULL), false)
                     FROM referrals WHERE erased_at IS NULL AND length(body) > 0",
                    &[],
                )
                .await
        })?;
        Ok(Needed {
            oldest: row.get(0),
            v1: row.get(1),
        })
    }

    fn key(&self) -> Option<&'static Key> {
        self.key
    }
}
