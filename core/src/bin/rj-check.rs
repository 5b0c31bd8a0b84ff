//! `rj-check case.json` (or `-` for standard input): prints the outcome of one case as JSON.
//! Invalid input prints a message naming the field on standard error and exits 2.

use std::io::Read;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path] = args.as_slice() else {
        eprintln!("usage: rj-check CASE.json   (or - to read the case from standard input)");
        return ExitCode::from(2);
    };
    let mut json = String::new();
    let read = if path == "-" {
        std::io::stdin().read_to_string(&mut json).map(|_| ())
    } else {
        std::fs::read_to_string(path).map(|s| json = s)
    };
    if let Err(e) = read {
        eprintln!("rj-check: cannot read {path}: {e}");
        return ExitCode::from(2);
    }
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| (d.as_secs() / 86_400) as i64);
    match rj_core::parse_case(&json, rj_core::Date::from_unix_days(days)) {
        Ok(facts) => {
            let outcome = rj_core::evaluate(&facts);
            println!(
                "{}",
                serde_json::to_string(&outcome).expect("an outcome always serialises")
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("rj-check: {e}");
            ExitCode::from(2)
        }
    }
}
