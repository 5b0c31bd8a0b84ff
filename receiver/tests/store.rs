//! The storage contract (`Storage`) on each engine: every test of what is stored runs on SQLite
//! and on PostgreSQL (`on_both_engines!`); tests about SQLite's file stay SQLite-only.

mod common;
use common::{on_both_engines, Engine};

use rj_receiver::config::Db;
use rj_receiver::seal::{day_of, Key, DAY_MS, GRACE_MS};
use rj_receiver::store::sqlite::Sqlite;
use rj_receiver::store::{now_ms, open, open_with_key, Storage, Store};

const DAY: i64 = 86_400_000;
const TO: &str = "mail:a@example.org";

fn store(name: &str) -> (Sqlite, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("rj-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = Sqlite::open(&dir.join("referrals.sqlite3"), None).unwrap();
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
    let open = move || open(&db).unwrap();
    let store = open();
    store.set_destinations(&[TO.into()]).unwrap();
    (store, open, Folder(dir))
}

on_both_engines!(
    twins_on_two_instances_at_once_are_stored_once_with_one_delivery,
    a_claimed_delivery_is_not_tried_by_another_instance_until_its_lease_runs_out,
    a_reference_in_flight_is_held_by_one_instance_until_let_go_or_lapsed,
    content_goes_the_day_after_the_last_delivery_plus_keep_days_and_not_before,
    a_discarded_delivery_is_never_tried_again_nor_reported_nor_keeps_the_content,
    a_receipt_not_yet_sent_never_keeps_the_content,
    an_erased_referral_is_unreadable_in_a_copy_taken_before_once_its_days_key_is_gone,
);

/// On SQLite this is not so yet: started at once on a new file, the others may fail to
/// start ("database is locked", "disk I/O error") and must be started again.
#[test]
fn instances_started_at_once_on_a_new_postgresql_database_all_bring_it_up_to_date() {
    let db = Db::Postgres(Engine::Postgres.database(std::path::Path::new("")));
    let opened: Vec<Result<(), String>> = std::thread::scope(|s| {
        let started: Vec<_> = (0..4).map(|_| s.spawn(|| open(&db).map(drop))).collect();
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

fn a_claimed_delivery_is_not_tried_by_another_instance_until_its_lease_runs_out(engine: Engine) {
    let (a, open, _dir) = store_on(engine, "lease");
    let b = open();
    a.insert("r1", "{}", "{}", "2026-12-01T10:00:00Z").unwrap();
    let (now, lease) = (now_ms() + 1_000, 45_000);
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
        let store = Sqlite::open(&path, None).unwrap();
        let kept = store.find("r1").unwrap().unwrap();
        assert_eq!(kept.response, r#"{"status":"received"}"#);
        let versions: Vec<i64> = {
            let conn = rusqlite::Connection::open(&path).unwrap();
            let mut q = conn
                .prepare("SELECT version FROM refinery_schema_history ORDER BY version")
                .unwrap();
            let rows = q.query_map([], |row| row.get(0)).unwrap();
            rows.map(Result::unwrap).collect()
        };
        assert_eq!(versions, schema_versions(), "each version applied once");
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
/// space is sealed under a day key that goes once nothing sealed that day holds content (the
/// crypto-shredding test).
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
    rusqlite::Connection::open(dir.join("referrals.sqlite3"))
        .unwrap()
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

fn a_discarded_delivery_is_never_tried_again_nor_reported_nor_keeps_the_content(engine: Engine) {
    let (store, _, _dir) = store_on(engine, "discard");
    let keep = 30 * DAY;
    store
        .insert("r1", "{}", "{}", "2026-12-01T10:00:00Z")
        .unwrap();
    let now = 1_000 * DAY;
    assert_eq!(store.discard("r1", None, now), Ok(0), "nothing dead yet");
    store.failed("r1", TO, now, None).unwrap();
    assert_eq!(store.status().unwrap()[0].dead, ["r1"]);
    assert_eq!(store.discard("r1", None, now), Ok(1));
    assert!(
        store.status().unwrap()[0].dead.is_empty(),
        "no longer reported"
    );
    assert!(store
        .claim(now + 10 * DAY, 1_000, &[TO], 32)
        .unwrap()
        .is_empty());
    assert_eq!(store.redeliver(None, now), Ok(0), "not dead any more");
    // Kept `keep` after it was given up, as a delivered one is, then erased.
    assert_eq!(store.erase_delivered(now + 30 * DAY, keep), Ok(0));
    assert_eq!(store.erase_delivered(now + 31 * DAY, keep), Ok(1));
}

fn a_receipt_not_yet_sent_never_keeps_the_content(engine: Engine) {
    let (store, _, _dir) = store_on(engine, "receipt");
    let keep = 30 * DAY;
    store
        .insert("r1", "{}", "{}", "2026-12-01T10:00:00Z")
        .unwrap();
    let now = 1_000 * DAY;
    assert!(
        store.delivered("r1", TO, now).unwrap(),
        "the last forwarding delivery"
    );
    store.queue_receipt("r1", now).unwrap();
    // The receipt stays pending (its mail server down, say): the content goes all the same.
    assert_eq!(store.erase_delivered(now + 31 * DAY, keep), Ok(1));
    assert_eq!(store.find("r1").unwrap().unwrap().body, "");
}

/// The versions of the SQLite schema, as its migration files (`V<n>__<name>.sql`) number them.
fn schema_versions() -> Vec<i64> {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite");
    let mut versions: Vec<i64> = std::fs::read_dir(folder)
        .unwrap()
        .map(|file| file.unwrap().file_name().into_string().unwrap())
        .filter_map(|name| name.strip_prefix('V')?.split_once("__")?.0.parse().ok())
        .collect();
    versions.sort();
    versions
}

/// Crypto-shredding: a copy of the database taken before an erasure (a copy of the SQLite file
/// and its WAL; a PostgreSQL backup, restored) opens with the key file as it is until no
/// referral sealed that day holds content; once `shred` has moved the key file past the day,
/// nothing in the copy opens. A referral whose delivery is pending keeps its key whatever the
/// date. The clock is the test's, but for the day a referral is sealed on (the store's).
fn an_erased_referral_is_unreadable_in_a_copy_taken_before_once_its_days_key_is_gone(
    engine: Engine,
) {
    let dir =
        std::env::temp_dir().join(format!("rj-store-shred-{engine:?}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let folder = Folder(dir.clone());
    let key_file = dir.join("receiver.key");
    Key::generate(&key_file, now_ms()).unwrap();
    let key: &'static Key = Box::leak(Box::new(Key::read(&key_file).unwrap()));
    let file = dir.join("referrals.sqlite3");
    let url = engine.database(&file);
    let db = |url: &str| match engine {
        Engine::Sqlite => Db::Sqlite(url.into()),
        Engine::Postgres => Db::Postgres(url.to_owned()),
    };
    let store = open_with_key(&db(&url), Some(key)).unwrap();
    store.set_destinations(&[TO.into()]).unwrap();
    let body = r#"{"person":{"name":"Jordan Smith"}}"#;
    store
        .insert("r1", body, "{}", "2026-12-01T10:00:00Z")
        .unwrap();
    store
        .insert(
            "r2",
            r#"{"person":{"name":"Alex Morgan"}}"#,
            "{}",
            "2026-12-01T10:00:00Z",
        )
        .unwrap();
    let now = now_ms();
    let sealed_on = day_of(now);
    store.delivered("r1", TO, now).unwrap();

    // The copy, taken before the erasure, and the key file as it is now.
    let copy = match engine {
        Engine::Sqlite => {
            let copy = dir.join("copy");
            std::fs::create_dir_all(&copy).unwrap();
            for suffix in ["", "-wal"] {
                let name = format!("referrals.sqlite3{suffix}");
                let _ = std::fs::copy(dir.join(&name), copy.join(&name));
            }
            copy.join("referrals.sqlite3").display().to_string()
        }
        Engine::Postgres => common::shared().backup(&url),
    };
    let old_key_file = dir.join("old.key");
    std::fs::copy(&key_file, &old_key_file).unwrap();
    let old_key: &'static Key = Box::leak(Box::new(Key::read(&old_key_file).unwrap()));

    let later = now + 31 * DAY;
    assert_eq!(store.erase_delivered(later, 30 * DAY), Ok(1));
    assert_eq!(store.find("r1").unwrap().unwrap().body, "");
    // r2's delivery is pending: its day's key stays, whatever the date, and so does r1's.
    assert_eq!(store.shred(later + 999 * DAY), Ok(None));
    assert!(store
        .find("r2")
        .unwrap()
        .unwrap()
        .body
        .contains("Alex Morgan"));
    let copied = open_with_key(&db(&copy), Some(key)).unwrap();
    assert_eq!(copied.find("r1").unwrap().unwrap().body, body);

    // Once r2 is delivered and erased too, the day ended a grace ago: its key goes.
    store.delivered("r2", TO, later).unwrap();
    let after = later + 31 * DAY;
    assert_eq!(store.erase_delivered(after, 30 * DAY), Ok(1));
    let moved_to = day_of(after - GRACE_MS);
    assert!(moved_to > sealed_on && (sealed_on + 1) * DAY_MS + GRACE_MS <= after);
    assert_eq!(store.shred(after), Ok(Some(moved_to)));
    assert_eq!(store.shred(after), Ok(None), "once");
    for reference in ["r1", "r2"] {
        let unreadable = copied.find(reference).err().unwrap_or_default();
        assert!(
            unreadable.contains("destroyed"),
            "{reference}: {unreadable}"
        );
    }
    assert!(copied.export(&mut std::io::sink()).is_err());
    // The key file read again is the same; an old copy of it, kept, would undo all this.
    let again = Box::leak(Box::new(Key::read(&key_file).unwrap()));
    assert!(open_with_key(&db(&copy), Some(again))
        .unwrap()
        .find("r1")
        .is_err());
    let with_old = open_with_key(&db(&copy), Some(old_key)).unwrap();
    assert_eq!(with_old.find("r1").unwrap().unwrap().body, body);
    drop(folder);
}
