//! The commands an operator runs beside `serve`: `export`, `status`, `redeliver` and
//! `discard`.

use std::io::Write;
use std::process::ExitCode;

use crate::config::Db;
use crate::deliver::Destination;
use crate::{seal, store};

/// Refuses a SQLite file that is not there, rather than making an empty one to read.
fn open_existing(db: &Db) -> Result<store::Store, String> {
    if let Db::Sqlite(path) = db {
        if !path.is_file() {
            return Err(format!("no database at {}", path.display()));
        }
    }
    store::open(db)
}

/// Writes every stored referral to standard output, one JSON line each.
pub fn export(db: &Db) -> Result<(), String> {
    let store = open_existing(db)?;
    store.check_key()?;
    let stdout = std::io::stdout();
    let count = store.export(&mut stdout.lock())?;
    eprintln!("rj-receiver: exported {count} referrals");
    Ok(())
}

/// Prints, per destination, the deliveries delivered, pending (with the oldest's age) and dead,
/// naming each dead one. Exits 1 when any is dead, so a monitor can alert on it. A reader that
/// stops reading (`status | head`) ends the printing, quietly.
pub fn status(db: &Db) -> ExitCode {
    let read =
        open_existing(db).and_then(|store| Ok((store.status()?, store.content(), store.needed())));
    let (statuses, content, needed) = match read {
        Ok(read) => read,
        Err(e) => {
            eprintln!("rj-receiver: {e}");
            return ExitCode::from(2);
        }
    };
    let mut out = String::new();
    if statuses.is_empty() {
        out += "no destination configured: referrals are stored and not forwarded\n";
    }
    match content {
        Ok((held, oldest)) => {
            let oldest = oldest.map_or(String::new(), |at| format!(" (the oldest came {at})"));
            out += &format!("content: {held} referrals hold their content{oldest}\n");
        }
        Err(e) => eprintln!("rj-receiver: {e}"),
    }
    // Which keys `serve` must keep: a day long past here means erasure from copies of the
    // database is held back, by a referral whose delivery is pending or dead.
    match needed {
        Ok(needed) => {
            let mut needs = vec![];
            if let Some(day) = needed.oldest {
                needs.push(format!("the keys of {} (UTC) on", seal::date(day)));
            }
            if needed.v1 {
                needs.push("the key of a key file of version 1".to_owned());
            }
            match needs.is_empty() {
                true => out += "keys: no content held needs one\n",
                false => out += &format!("keys: the content held needs {}\n", needs.join(" and ")),
            }
        }
        Err(e) => eprintln!("rj-receiver: {e}"),
    }
    let now = store::now_ms();
    for s in &statuses {
        let oldest = s.oldest_pending.map_or(String::new(), |queued| {
            format!(" (oldest {} s)", (now - queued).max(0) / 1000)
        });
        out += &format!(
            "{}: {} delivered, {} pending{oldest}, {} dead\n",
            shown(&s.destination),
            s.delivered,
            s.pending,
            s.dead.len()
        );
        for reference in &s.dead {
            out += &format!("  dead: {reference}\n");
        }
    }
    if let Err(e) = std::io::stdout().lock().write_all(out.as_bytes()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("rj-receiver: {e}");
        }
    }
    if statuses.iter().any(|s| !s.dead.is_empty()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A destination as `status` shows it: a webhook's URL without a login or a query, which a
/// database made before they were refused may still hold.
fn shown(destination: &str) -> String {
    match Destination::parse(destination) {
        Some(Destination::Webhook(url)) => match url::Url::parse(&url) {
            Ok(mut url) => {
                url.set_query(None);
                let _ = url.set_username("");
                let _ = url.set_password(None);
                Destination::Webhook(url.into()).name()
            }
            Err(_) => "webhook:(not a URL)".into(),
        },
        _ => destination.to_owned(),
    }
}

/// Queues deliveries again: those of one referral, or every dead one.
pub fn redeliver(db: &Db, reference: Option<&str>) -> Result<(), String> {
    let queued = open_existing(db)?.redeliver(reference, store::now_ms())?;
    match (reference, queued) {
        (Some(reference), 0) => Err(format!("no delivery of {reference} to queue again")),
        _ => {
            eprintln!(
                "rj-receiver: queued {queued} deliveries again; a running `serve` makes them"
            );
            Ok(())
        }
    }
}

/// Gives up the dead deliveries of one referral, and says so: an operator's decision that no
/// one will receive it from here (they were told another way, say), kept in the log.
pub fn discard(db: &Db, reference: &str) -> Result<(), String> {
    match open_existing(db)?.discard(reference, None, store::now_ms())? {
        0 => Err(format!("no dead delivery of {reference} to discard")),
        n => {
            eprintln!("rj-receiver: discarded {n} dead deliveries of {reference}: they are never tried again");
            Ok(())
        }
    }
}
