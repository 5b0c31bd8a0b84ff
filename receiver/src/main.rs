//! `rj-receiver`: the reference receiver. It serves the built wizard and accepts referrals.
//!
//!     rj-receiver serve [--listen 127.0.0.1:8080] [--db data/referrals.sqlite3] [--dist dist]
//!                       [--allow-origin ORIGIN]... [--rate-limit N]
//!     rj-receiver export [--db data/referrals.sqlite3]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

mod server;
mod store;

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
    eprintln!("       rj-receiver export [--db PATH]");
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
    let mut options = options.iter();
    while let Some(option) = options.next() {
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
            _ => {
                eprintln!("rj-receiver: unknown option {option}");
                return usage();
            }
        }
    }
    let result = match command.as_str() {
        "serve" => server::serve(settings),
        "export" => export(&settings),
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
    let stdout = std::io::stdout();
    let count = store.export(&mut stdout.lock())?;
    eprintln!("rj-receiver: exported {count} referrals");
    Ok(())
}
