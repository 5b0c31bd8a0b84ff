//! Every setting of the receiver: where it listens and keeps the referrals (`Settings`, `Db`),
//! and where and how it forwards them (`Delivery`, `Retry`). The command line (`cli.rs`, where
//! the defaults are) fills them in; everything else reads them.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Settings of `serve`.
#[derive(Clone, Debug)]
pub struct Settings {
    pub listen: SocketAddr,
    pub db: Db,
    pub dist: PathBuf,
    pub allow_origins: Vec<String>,
    /// Referrals one client address may send a minute (and at once) before getting 429.
    pub rate_limit: u32,
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

/// Refuses a file of secrets (a key, a password) that other users of the machine can read,
/// saying how to make it private.
pub fn private_file(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .permissions()
        .mode();
    if mode & 0o077 != 0 {
        return Err(format!(
            "{0} holds a secret and other users of this machine can read it: run `chmod 600 {0}`",
            path.display()
        ));
    }
    Ok(())
}

pub fn is_postgres(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// The database `--db` names (or `RJ_DATABASE_URL`, `from_env`, which must be a PostgreSQL URL
/// and may hold the password). A PostgreSQL URL on the command line gets its password from
/// `--db-password-file`, never from the command line itself, where every user of the machine
/// can read it.
pub fn database(db: &str, from_env: bool, password_file: Option<&Path>) -> Result<Db, String> {
    if from_env && !is_postgres(db) {
        return Err("RJ_DATABASE_URL must be a postgres:// URL".into());
    }
    if !is_postgres(db) {
        return match password_file {
            Some(_) => {
                Err("--db-password-file is for a postgres:// database given with --db".into())
            }
            None => Ok(Db::Sqlite(PathBuf::from(db))),
        };
    }
    if !from_env && url::Url::parse(db).is_ok_and(|u| u.password().is_some()) {
        return Err("a database password must not be on the command line, where every user of the machine can read it: put the URL in RJ_DATABASE_URL, or the password in --db-password-file FILE".into());
    }
    let Some(file) = password_file else {
        return Ok(Db::Postgres(db.to_owned()));
    };
    let password = std::fs::read_to_string(file).map_err(|e| {
        format!(
            "cannot read the database password from {}: {e}",
            file.display()
        )
    })?;
    let mut url = url::Url::parse(db).map_err(|e| format!("the database URL: {e}"))?;
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

/// When a failed delivery is tried again: after `first` (jittered), doubling each time up to 60
/// times `first` (a minute to an hour by default), until `for_` after it was queued; a try that
/// fails after that makes the delivery dead.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Retry {
    pub first: Duration,
    pub for_: Duration,
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
        let retry = Retry {
            first: Duration::from_secs(60),
            for_: Duration::from_secs(3 * 24 * 3600),
        };
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
