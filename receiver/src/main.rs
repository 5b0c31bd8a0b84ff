//! `rj-receiver`: the reference receiver. It serves the built wizard and accepts referrals.
//!
//!     rj-receiver serve [--listen 127.0.0.1:8080] [--db data/referrals.sqlite3] [--dist dist]
//!                       [--allow-origin ORIGIN]... [--rate-limit N]
//!                       [--mail-to ADDRESS]... [--mail-from ADDRESS] [--smtp URL]
//!                       [--webhook URL] [--webhook-secret-file FILE] [--webhook-timeout SECONDS]
//!                       [--first-retry SECONDS] [--retry-for SECONDS]
//!                       [--key-file FILE] [--keep-days 30]
//!     rj-receiver export [--db data/referrals.sqlite3] [--key-file FILE]
//!     rj-receiver keygen --out FILE
//!     rj-receiver status [--db data/referrals.sqlite3]
//!     rj-receiver redeliver [--db data/referrals.sqlite3] (REFERENCE | --dead)

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

mod mail;
mod outbox;
mod seal;
mod server;
mod store;
mod webhook;

/// Settings of `serve`, with the defaults the README documents.
#[derive(Clone, Debug)]
pub struct Settings {
    pub listen: SocketAddr,
    pub db: PathBuf,
    pub dist: PathBuf,
    pub allow_origins: Vec<String>,
    /// Referrals one client address may send a minute (and at once) before getting 429.
    pub rate_limit: u32,
}

fn usage() -> ExitCode {
    eprintln!("usage: rj-receiver serve [--listen ADDR] [--db PATH] [--dist DIR] [--allow-origin ORIGIN]... [--rate-limit N]");
    eprintln!("         [--mail-to ADDRESS]... [--mail-from ADDRESS] [--smtp URL]");
    eprintln!("         [--webhook URL] [--webhook-secret-file FILE] [--webhook-timeout SECONDS]");
    eprintln!(
        "         [--first-retry SECONDS] [--retry-for SECONDS] [--key-file FILE] [--keep-days N]"
    );
    eprintln!("       rj-receiver export [--db PATH] [--key-file FILE]");
    eprintln!("       rj-receiver keygen --out FILE");
    eprintln!("       rj-receiver status [--db PATH]");
    eprintln!("       rj-receiver redeliver [--db PATH] (REFERENCE | --dead)");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, options)) = args.split_first() else {
        return usage();
    };
    let mut settings = Settings {
        listen: "127.0.0.1:8080".parse().expect("a valid default address"),
        db: PathBuf::from("data/referrals.sqlite3"),
        dist: PathBuf::from("dist"),
        allow_origins: vec![],
        rate_limit: 10,
    };
    let mut delivery = outbox::Config::default();
    let mut key_file: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    // `redeliver` names what to queue again: a reference, or every dead delivery.
    let mut which: Option<Option<String>> = None;
    let mut options = options.iter();
    while let Some(option) = options.next() {
        if command == "redeliver" && (option == "--dead" || !option.starts_with("--")) {
            which = Some((option != "--dead").then(|| option.to_owned()));
            continue;
        }
        let Some(value) = options.next() else {
            eprintln!("rj-receiver: {option} needs a value");
            return usage();
        };
        match option.as_str() {
            "--listen" => match value.parse() {
                Ok(addr) => settings.listen = addr,
                Err(_) => {
                    eprintln!(
                        "rj-receiver: --listen takes an address and port, like 127.0.0.1:8080"
                    );
                    return ExitCode::from(2);
                }
            },
            "--db" => settings.db = PathBuf::from(value),
            "--dist" if command == "serve" => settings.dist = PathBuf::from(value),
            "--allow-origin" if command == "serve" => settings
                .allow_origins
                .push(value.trim_end_matches('/').to_owned()),
            "--rate-limit" if command == "serve" => match value.parse() {
                Ok(n) if n > 0 => settings.rate_limit = n,
                _ => {
                    eprintln!("rj-receiver: --rate-limit takes a number of referrals a minute, at least 1");
                    return ExitCode::from(2);
                }
            },
            "--key-file" if command == "serve" || command == "export" => {
                key_file = Some(PathBuf::from(value))
            }
            "--out" if command == "keygen" => out = Some(PathBuf::from(value)),
            "--keep-days" if command == "serve" => match value.parse::<u64>() {
                Ok(days) => delivery.keep = Duration::from_secs(days * 86_400),
                Err(_) => {
                    eprintln!("rj-receiver: --keep-days takes a whole number of days");
                    return ExitCode::from(2);
                }
            },
            "--mail-to" if command == "serve" => delivery.mail_to.push(value.to_owned()),
            "--mail-from" if command == "serve" => delivery.mail_from = Some(value.to_owned()),
            "--smtp" if command == "serve" => delivery.smtp = Some(value.to_owned()),
            "--webhook" if command == "serve" => delivery.webhook = Some(value.to_owned()),
            "--webhook-secret-file" if command == "serve" => {
                delivery.webhook_secret_file = Some(PathBuf::from(value))
            }
            "--webhook-timeout" | "--first-retry" | "--retry-for" if command == "serve" => {
                let Some(seconds) = value
                    .parse::<f64>()
                    .ok()
                    .and_then(|s| Duration::try_from_secs_f64(s).ok())
                else {
                    eprintln!("rj-receiver: {option} takes a number of seconds");
                    return ExitCode::from(2);
                };
                match option.as_str() {
                    "--webhook-timeout" => delivery.webhook_timeout = seconds,
                    "--first-retry" => delivery.retry.first = seconds,
                    _ => delivery.retry.for_ = seconds,
                }
            }
            _ => {
                eprintln!("rj-receiver: unknown option {option}");
                return usage();
            }
        }
    }
    if let Some(file) = &key_file {
        match seal::Key::read(file) {
            Ok(key) => store::use_key(key),
            Err(e) => {
                eprintln!("rj-receiver: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else if command == "serve" {
        eprintln!(
            "rj-receiver: WARNING: no --key-file: referrals are stored unencrypted in {} (make a key with `rj-receiver keygen --out FILE`)",
            settings.db.display()
        );
    }
    let result = match command.as_str() {
        "serve" => outbox::start(&delivery, &settings.db).and_then(|()| server::serve(settings)),
        "export" => export(&settings),
        "status" => return status(&settings),
        "keygen" => match out {
            Some(out) => seal::Key::generate(&out).map(|()| {
                eprintln!(
                    "rj-receiver: made a key in {}; keep it apart from the database and its backups",
                    out.display()
                )
            }),
            None => return usage(),
        },
        "redeliver" => match which {
            Some(which) => redeliver(&settings, which.as_deref()),
            None => return usage(),
        },
        _ => return usage(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rj-receiver: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes every stored referral to standard output, one JSON line each.
fn export(settings: &Settings) -> Result<(), String> {
    if !settings.db.is_file() {
        return Err(format!("no database at {}", settings.db.display()));
    }
    let store = store::Store::open(&settings.db)?;
    store.check_key()?;
    let stdout = std::io::stdout();
    let count = store.export(&mut stdout.lock())?;
    eprintln!("rj-receiver: exported {count} referrals");
    Ok(())
}

fn open_existing(settings: &Settings) -> Result<store::Store, String> {
    if !settings.db.is_file() {
        return Err(format!("no database at {}", settings.db.display()));
    }
    store::Store::open(&settings.db)
}

/// Prints, per destination, the deliveries delivered, pending (with the oldest's age) and dead,
/// naming each dead one. Exits 1 when any is dead, so a monitor can alert on it.
fn status(settings: &Settings) -> ExitCode {
    let statuses = match open_existing(settings).and_then(|store| store.status()) {
        Ok(statuses) => statuses,
        Err(e) => {
            eprintln!("rj-receiver: {e}");
            return ExitCode::from(2);
        }
    };
    if statuses.is_empty() {
        println!("no destination configured: referrals are stored and not forwarded");
    }
    match open_existing(settings).and_then(|store| store.content()) {
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
fn redeliver(settings: &Settings, reference: Option<&str>) -> Result<(), String> {
    let queued = open_existing(settings)?.redeliver(reference, store::now_ms())?;
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
