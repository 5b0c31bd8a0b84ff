//! The command line: `serve`, `export`, `keygen`, `status` and `redeliver`, their options read
//! into the settings (`config.rs`), and the command run.
//!
//! ```text
//! rj-receiver serve [--listen 127.0.0.1:8080] [--db data/referrals.sqlite3] [--dist dist]
//!                   [--allow-origin ORIGIN]... [--rate-limit N]
//!                   [--mail-to ADDRESS]... [--mail-from ADDRESS] [--smtp URL]
//!                   [--webhook URL] [--webhook-secret-file FILE] [--webhook-timeout SECONDS]
//!                   [--first-retry SECONDS] [--retry-for SECONDS]
//!                   --key-file FILE [--keep-days 30]
//! rj-receiver export [--db data/referrals.sqlite3] [--key-file FILE]
//! rj-receiver keygen --out FILE
//! rj-receiver status [--db data/referrals.sqlite3]
//! rj-receiver redeliver [--db data/referrals.sqlite3] (REFERENCE | --dead)
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use crate::config::{self, Db, Delivery, Settings};
use crate::{commands, outbox, seal, server, store};

fn usage() -> ExitCode {
    eprintln!("usage: rj-receiver serve [--listen ADDR] [--db PATH | postgres://USER@HOST/DB [--db-password-file FILE]] [--dist DIR] [--allow-origin ORIGIN]... [--rate-limit N]");
    eprintln!("         [--mail-to ADDRESS]... [--mail-from ADDRESS] [--smtp URL]");
    eprintln!("         [--webhook URL] [--webhook-secret-file FILE] [--webhook-timeout SECONDS]");
    eprintln!(
        "         [--first-retry SECONDS] [--retry-for SECONDS] --key-file FILE [--keep-days N]"
    );
    eprintln!("       rj-receiver export [--db PATH] [--key-file FILE]");
    eprintln!("       rj-receiver keygen --out FILE");
    eprintln!("       rj-receiver status [--db PATH]");
    eprintln!("       rj-receiver redeliver [--db PATH] (REFERENCE | --dead)");
    ExitCode::from(2)
}

/// Runs the command the arguments name, and says how it went.
pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, options)) = args.split_first() else {
        return usage();
    };
    let mut settings = Settings::default();
    let mut delivery = Delivery::default();
    let mut key_file: Option<PathBuf> = None;
    let mut db_given = false;
    let mut password_file: Option<PathBuf> = None;
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
            "--db" if config::is_postgres(value) => {
                if url::Url::parse(value).is_ok_and(|u| u.password().is_some()) {
                    eprintln!("rj-receiver: a database password must not be on the command line, where every user of the machine can read it: put the URL in RJ_DATABASE_URL, or the password in --db-password-file FILE");
                    return ExitCode::from(2);
                }
                (settings.db, db_given) = (Db::Postgres(value.to_owned()), true);
            }
            "--db" => (settings.db, db_given) = (Db::Sqlite(PathBuf::from(value)), true),
            "--db-password-file" => password_file = Some(PathBuf::from(value)),
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
    match config::database(settings.db, db_given, password_file.as_deref()) {
        Ok(db) => settings.db = db,
        Err(e) => {
            eprintln!("rj-receiver: {e}");
            return ExitCode::from(2);
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
        // A stolen disk must reveal nothing: `serve` never stores a referral in plain text.
        eprintln!(
            "rj-receiver: serve needs --key-file FILE: referrals are stored encrypted under it (make one with `rj-receiver keygen --out FILE`, kept apart from the database)"
        );
        return ExitCode::from(2);
    }
    if command == "serve" {
        // The request and delivery log: one line each on standard output, with no personal
        // data. Started before the outbox, so its first tries are logged too; the address line
        // `server::serve` prints stays the first line, as tests read the port from it.
        tracing_subscriber::fmt()
            .with_target(false)
            .with_ansi(false)
            .with_writer(std::io::stdout)
            .init();
    }
    let result = match command.as_str() {
        "serve" => outbox::start(&delivery, &settings.db).and_then(|()| server::serve(settings)),
        "export" => commands::export(&settings),
        "status" => return commands::status(&settings),
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
            Some(which) => commands::redeliver(&settings, which.as_deref()),
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
