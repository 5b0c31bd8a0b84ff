//! Every setting of the receiver, with the defaults the README documents: where it listens and
//! keeps the referrals (`Settings`, `Db`), and where and how it forwards them (`Delivery`,
//! `Retry`). The command line fills them in; everything else reads them.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Settings of `serve`, with the defaults the README documents.
#[derive(Clone, Debug)]
pub struct Settings {
    pub listen: SocketAddr,
    pub db: Db,
    pub dist: PathBuf,
    pub allow_origins: Vec<String>,
    /// Referrals one client address may send a minute (and at once) before getting 429.
    pub rate_limit: u32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            listen: "127.0.0.1:8080".parse().expect("a valid default address"),
            db: Db::Sqlite(PathBuf::from("data/referrals.sqlite3")),
            dist: PathBuf::from("dist"),
            allow_origins: vec![],
            rate_limit: 10,
        }
    }
}

/// Where the referrals are kept: a SQLite file, or a PostgreSQL database several receivers
/// share (its URL, with the password, from `RJ_DATABASE_URL` or a file: see `database`).
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

pub fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// The database: `--db`'s, or else `RJ_DATABASE_URL`'s (a PostgreSQL URL, which may hold the
/// password), or else the default file; a PostgreSQL URL given on the command line gets its
/// password from `--db-password-file`, never from the command line itself.
pub fn database(db: Db, db_given: bool, password_file: Option<&Path>) -> Result<Db, String> {
    let db = match std::env::var("RJ_DATABASE_URL") {
        Ok(url) if !db_given => {
            if !is_postgres(&url) {
                return Err("RJ_DATABASE_URL must be a postgres:// URL".into());
            }
            Db::Postgres(url)
        }
        _ => db,
    };
    let Some(file) = password_file else {
        return Ok(db);
    };
    let Db::Postgres(url) = db else {
        return Err("--db-password-file is for a postgres:// database given with --db".into());
    };
    let password = std::fs::read_to_string(file).map_err(|e| {
        format!(
            "cannot read the database password from {}: {e}",
            file.display()
        )
    })?;
    let mut url = url::Url::parse(&url).map_err(|e| format!("the database URL: {e}"))?;
    url.set_password(Some(password.trim_end_matches(['\r', '\n'])))
        .map_err(|()| "the database URL cannot hold a password".to_owned())?;
    Ok(Db::Postgres(url.into()))
}

/// Where and how referrals are forwarded: `serve`'s delivery options.
#[derive(Clone, Debug)]
pub struct Delivery {
    pub mail_to: Vec<String>,
    pub mail_from: Option<String>,
    pub smtp: Option<String>,
    pub webhook: Option<String>,
    pub webhook_secret_file: Option<PathBuf>,
    pub webhook_timeout: Duration,
    pub retry: Retry,
    /// How long a referral's content is kept after its last delivery (`--keep-days`).
    pub keep: Duration,
}

impl Default for Delivery {
    fn default() -> Delivery {
        Delivery {
            mail_to: vec![],
            mail_from: None,
            smtp: None,
            webhook: None,
            webhook_secret_file: None,
            webhook_timeout: Duration::from_secs(10),
            retry: Retry::default(),
            keep: Duration::from_secs(30 * 24 * 3600),
        }
    }
}

/// When a failed delivery is tried again: after `first` (jittered), doubling each time up to 60
/// times `first` (a minute to an hour by default), until `for_` after it was queued; a try that
/// fails after that makes the delivery dead.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Retry {
    pub first: Duration,
    pub for_: Duration,
}

impl Default for Retry {
    fn default() -> Retry {
        Retry {
            first: Duration::from_secs(60),
            for_: Duration::from_secs(3 * 24 * 3600),
        }
    }
}

impl Retry {
    /// When to try again after `attempts` failed tries of a delivery queued at `queued_at`, seen
    /// failing at `now` (milliseconds); `None` once its time is up. `jitter` (0.8 to 1.2) spreads
    /// the retries of deliveries that failed together, so they do not all come back at once.
    pub fn next(&self, attempts: i64, queued_at: i64, now: i64, jitter: f64) -> Option<i64> {
        let deadline = queued_at.saturating_add(self.for_.as_millis() as i64);
        if now >= deadline {
            return None;
        }
        let first = self.first.as_millis() as f64;
        let delay = (first * 2f64.powi(attempts.clamp(1, 30) as i32 - 1)).min(first * 60.0);
        Some((now + (delay * jitter) as i64).min(deadline))
    }
}

#[cfg(test)]
mod tests {
    use super::Retry;
    use std::time::Duration;

    const MIN: i64 = 60_000;

    #[test]
    fn retries_from_a_minute_to_an_hour_then_stop_at_the_deadline() {
        let retry = Retry::default();
        let delays: Vec<i64> = (1..=9)
            .map(|n| retry.next(n, 0, 0, 1.0).unwrap() / MIN)
            .collect();
        assert_eq!(delays, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        let deadline = 3 * 24 * 60 * MIN;
        assert_eq!(retry.next(50, 0, deadline - MIN, 1.0), Some(deadline));
        assert_eq!(retry.next(50, 0, deadline, 1.0), None);
    }

    #[test]
    fn jitter_spreads_a_retry_by_a_fifth_either_way() {
        let retry = Retry {
            first: Duration::from_secs(60),
            for_: Duration::from_secs(3600),
        };
        assert_eq!(retry.next(1, 0, 0, 0.8), Some(48_000));
        assert_eq!(retry.next(1, 0, 0, 1.2), Some(72_000));
    }
}
