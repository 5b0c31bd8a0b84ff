//! The command line, defined once with clap: `serve`, `export`, `keygen`, `status`,
//! `redeliver` and `discard`, each with `--help`; their options read into the settings (`config.rs`), and the
//! command run. `rj-receiver --help` and `rj-receiver COMMAND --help` say the rest.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::parser::ValueSource;
use clap::{ArgGroup, ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::config::{self, Delivery, Retry, Settings};
use crate::{commands, outbox, seal, server, store};

/// The reference receiver of the referral wizard: serves the built app, accepts referrals,
/// stores them encrypted (SQLite or PostgreSQL) and forwards them by email or webhook.
#[derive(Parser)]
#[command(name = "rj-receiver", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serves the built app and receives referrals, forwarding each to every destination given.
    #[command(args_override_self = true, after_help = SECRETS)]
    Serve(Box<Serve>),
    /// Writes every stored referral to standard output, one JSON line each.
    #[command(args_override_self = true, after_help = SECRETS)]
    Export {
        #[command(flatten)]
        database: Database,
        /// The key the referrals were stored under.
        #[arg(long, value_name = "FILE")]
        key_file: Option<PathBuf>,
    },
    /// Makes a new key file, readable by its owner only; never overwrites one.
    #[command(args_override_self = true)]
    Keygen {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Prints, per destination, the deliveries delivered, pending and dead; exits 1 when any is
    /// dead, so a monitor can alert on it.
    #[command(args_override_self = true, after_help = SECRETS)]
    Status {
        #[command(flatten)]
        database: Database,
    },
    /// Queues deliveries again: every delivery of one referral, or every dead one; a running
    /// `serve` makes them.
    #[command(args_override_self = true, after_help = SECRETS)]
    #[command(group(ArgGroup::new("which").required(true).args(["reference", "dead"])))]
    Redeliver {
        #[command(flatten)]
        database: Database,
        /// The referral whose deliveries to queue again.
        reference: Option<String>,
        /// Every dead delivery.
        #[arg(long)]
        dead: bool,
    },
    /// Gives up a referral's dead deliveries: never tried again, no longer reported by
    /// `status`, and its content erased after --keep-days like a delivered one's.
    #[command(args_override_self = true, after_help = SECRETS)]
    Discard {
        #[command(flatten)]
        database: Database,
        /// The referral whose dead deliveries to give up.
        reference: String,
    },
}

/// Where the secrets come from: never the command line, which every user of the machine can read.
const SECRETS: &str = "\
Secrets come from files or the environment, never the command line:
  RJ_DATABASE_URL    a postgres:// URL with its password, used when --db is not given
  RJ_SMTP_USER, RJ_SMTP_PASSWORD    the mail server's login (serve)";

#[derive(Args)]
struct Database {
    /// The database: a SQLite file (made if need be), or a PostgreSQL URL without its password.
    #[arg(
        long,
        value_name = "PATH | postgres://USER@HOST/DB",
        default_value = "data/referrals.sqlite3",
        env = "RJ_DATABASE_URL",
        hide_env_values = true
    )]
    db: String,
    /// A file holding the PostgreSQL database's password.
    #[arg(long, value_name = "FILE")]
    db_password_file: Option<PathBuf>,
}

#[derive(Args)]
struct Serve {
    /// The address and port to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080", value_parser = listen)]
    listen: SocketAddr,
    #[command(flatten)]
    database: Database,
    /// The built app (`trunk build --release` makes it).
    #[arg(long, value_name = "DIR", default_value = "dist")]
    dist: PathBuf,
    /// A partner's origin allowed to frame the app and send referrals (https://partner.example).
    #[arg(long, value_name = "ORIGIN")]
    allow_origin: Vec<String>,
    /// Referrals one client address may send a minute, and at once, before getting 429.
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = rate_limit)]
    rate_limit: u32,
    /// The key referrals are stored encrypted under (`rj-receiver keygen` makes one).
    #[arg(long, value_name = "FILE")]
    key_file: Option<PathBuf>,
    /// Days a referral's content is kept after its last delivery.
    #[arg(long, value_name = "DAYS", default_value_t = 30, value_parser = keep_days)]
    keep_days: u64,
    /// A mailbox of the service each referral is emailed to.
    #[arg(long, value_name = "ADDRESS")]
    mail_to: Vec<String>,
    /// The address the emails come from.
    #[arg(long, value_name = "ADDRESS")]
    mail_from: Option<String>,
    /// The mail server: smtps://HOST:465, smtp+starttls://HOST:587, or smtp:// (this machine only).
    #[arg(long, value_name = "URL")]
    smtp: Option<String>,
    /// A case-management system's webhook each referral is posted to, signed.
    #[arg(long, value_name = "URL")]
    webhook: Option<String>,
    /// The webhook's Standard Webhooks secret (whsec_...).
    #[arg(long, value_name = "FILE")]
    webhook_secret_file: Option<PathBuf>,
    /// How long the webhook has to answer.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = seconds)]
    webhook_timeout: Duration,
    /// The wait before a failed delivery's first retry (doubling up to 60 times it).
    #[arg(long, value_name = "SECONDS", default_value = "60", value_parser = seconds)]
    first_retry: Duration,
    /// How long a delivery is retried before it is dead.
    #[arg(long, value_name = "SECONDS", default_value = "259200", value_parser = seconds)]
    retry_for: Duration,
}

fn listen(value: &str) -> Result<SocketAddr, String> {
    value
        .parse()
        .map_err(|_| "takes an address and port, like 127.0.0.1:8080".into())
}

fn rate_limit(value: &str) -> Result<u32, String> {
    match value.parse() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("takes a number of referrals a minute, at least 1".into()),
    }
}

fn keep_days(value: &str) -> Result<u64, String> {
    value
        .parse()
        .map_err(|_| "takes a whole number of days".into())
}

fn seconds(value: &str) -> Result<Duration, String> {
    value
        .parse::<f64>()
        .ok()
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .ok_or_else(|| "takes a number of seconds".into())
}

impl Database {
    /// The database these options (or `RJ_DATABASE_URL`, as `matches` says) name.
    fn resolve(&self, matches: &ArgMatches) -> Result<config::Db, String> {
        let from_env = matches.value_source("db") == Some(ValueSource::EnvVariable);
        config::database(&self.db, from_env, self.db_password_file.as_deref())
    }
}

/// Runs the command the arguments name, and says how it went.
pub fn main() -> ExitCode {
    // Everything the receiver creates (a database, its WAL, the in-flight file) is readable by
    // its user only, whichever command makes it.
    // SAFETY: umask only sets the process's file creation mask; it cannot fail.
    unsafe { libc::umask(0o077) };
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let sub = matches.subcommand().map(|(_, m)| m).unwrap_or(&matches);
    let result = match cli.command {
        Command::Serve(serve) => return run_serve(*serve, sub),
        Command::Export { database, key_file } => match (database.resolve(sub), key_file) {
            (Err(e), _) => return usage_error(&e),
            (Ok(db), key_file) => {
                if let Some(file) = key_file {
                    if let Err(e) = seal::Key::read(&file).map(store::use_key) {
                        eprintln!("rj-receiver: {e}");
                        return ExitCode::FAILURE;
                    }
                }
                commands::export(&db)
            }
        },
        Command::Status { database } => match database.resolve(sub) {
            Ok(db) => return commands::status(&db),
            Err(e) => return usage_error(&e),
        },
        Command::Redeliver {
            database,
            reference,
            ..
        } => match database.resolve(sub) {
            Ok(db) => commands::redeliver(&db, reference.as_deref()),
            Err(e) => return usage_error(&e),
        },
        Command::Discard {
            database,
            reference,
        } => match database.resolve(sub) {
            Ok(db) => commands::discard(&db, &reference),
            Err(e) => return usage_error(&e),
        },
        Command::Keygen { out } => seal::Key::generate(&out, store::now_ms()).map(|()| {
            eprintln!(
                "rj-receiver: made a key in {}; keep it apart from the database and its backups",
                out.display()
            )
        }),
    };
    finish(result)
}

fn usage_error(e: &str) -> ExitCode {
    eprintln!("rj-receiver: {e}");
    ExitCode::from(2)
}

fn finish(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rj-receiver: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_serve(serve: Serve, matches: &ArgMatches) -> ExitCode {
    let db = match serve.database.resolve(matches) {
        Ok(db) => db,
        Err(e) => return usage_error(&e),
    };
    let Some(key_file) = &serve.key_file else {
        // A stolen disk must reveal nothing: `serve` never stores a referral in plain text.
        return usage_error(
            "serve needs --key-file FILE: referrals are stored encrypted under it (make one with `rj-receiver keygen --out FILE`, kept apart from the database)",
        );
    };
    let secrets = [Some(key_file), serve.webhook_secret_file.as_ref()];
    let secrets = secrets
        .into_iter()
        .chain([serve.database.db_password_file.as_ref()]);
    if let Err(e) = secrets
        .flatten()
        .try_for_each(|file| config::private_file(file))
    {
        return usage_error(&e);
    }
    match seal::Key::read(key_file) {
        Ok(key) => store::use_key(key),
        Err(e) => {
            eprintln!("rj-receiver: {e}");
            return ExitCode::FAILURE;
        }
    }
    let settings = Settings {
        listen: serve.listen,
        db,
        dist: serve.dist,
        allow_origins: serve
            .allow_origin
            .iter()
            .map(|o| o.trim_end_matches('/').to_owned())
            .collect(),
        rate_limit: serve.rate_limit,
    };
    let delivery = Delivery {
        mail_to: serve.mail_to,
        mail_from: serve.mail_from,
        smtp: serve.smtp,
        webhook: serve.webhook,
        webhook_secret_file: serve.webhook_secret_file,
        webhook_timeout: serve.webhook_timeout,
        retry: Retry {
            first: serve.first_retry,
            for_: serve.retry_for,
        },
        keep: Duration::from_secs(serve.keep_days * 86_400),
    };
    // The request and delivery log: one line each on standard output, with no personal
    // data. Started before the outbox, so its first tries are logged too; the address line
    // `server::serve` prints stays the first line, as tests read the port from it.
    tracing_subscriber::fmt()
        .with_target(false)
        .with_ansi(false)
        .with_writer(std::io::stdout)
        .init();
    finish(outbox::start(&delivery, &settings.db).and_then(|()| server::serve(settings)))
}
