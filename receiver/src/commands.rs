//! The commands an operator runs beside `serve`: `export`, `status` and `redeliver`.

use std::process::ExitCode;

use crate::config::Db;
use crate::store;

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
/// naming each dead one. Exits 1 when any is dead, so a monitor can alert on it.
pub fn status(db: &Db) -> ExitCode {
    let statuses = match open_existing(db).and_then(|store| store.status()) {
        Ok(statuses) => statuses,
        Err(e) => {
            eprintln!("rj-receiver: {e}");
            return ExitCode::from(2);
        }
    };
    if statuses.is_empty() {
        println!("no destination configured: referrals are stored and not forwarded");
    }
    match open_existing(db).and_then(|store| store.content()) {
        Ok((held, oldest)) => println!(
            "content: {held} referrals hold their content{}",
            oldest.map_or(String::new(), |at| format!(" (the oldest came {at})"))
        ),
        Err(e) => eprintln!("rj-receiver: {e}"),
    }
    let now = store::now_ms();
    for s in &statuses {
        let oldest = s.oldest_pending.map_or(String::new(), |queued| {
            format!(" (oldest {} s)", (now - queued).max(0) / 1000)
        });
        println!(
            "{}: {} delivered, {} pending{oldest}, {} dead",
            s.destination,
            s.delivered,
            s.pending,
            s.dead.len()
        );
        for reference in &s.dead {
            println!("  dead: {reference}");
        }
    }
    if statuses.iter().any(|s| !s.dead.is_empty()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
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
