//! Draws the app's pages natively to HTML for the build (see `rj_referral::prerender`):
//!
//!     rj-prerender start                     the start page, for index.html (scripts/csp-hook.mjs)
//!     rj-prerender frame                     the frame alone, for app.html (scripts/csp-hook.mjs)
//!     rj-prerender journey DIR code=value…   a page-per-question site of the route these answers
//!                                            take, one body per file (scripts/bench.mjs)

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use rj_core::wizard::{Answers, Field};
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["start"] => print!("{}", rj_referral::prerender::start_page()),
        ["frame"] => print!("{}", rj_referral::prerender::frame()),
        ["journey", dir, pairs @ ..] => {
            let mut answers = Answers::default();
            for pair in pairs {
                let (code, value) = pair.split_once('=').unwrap_or((pair, ""));
                let field = Field::from_code(code)
                    .unwrap_or_else(|| panic!("rj-prerender: no question {code}"));
                answers.set(field, value);
            }
            for (name, body) in rj_referral::prerender::journey_site(&answers) {
                std::fs::write(std::path::Path::new(dir).join(&name), body)
                    .unwrap_or_else(|e| panic!("rj-prerender: cannot write {name}: {e}"));
                println!("{name}");
            }
        }
        _ => {
            eprintln!("usage: rj-prerender start | rj-prerender frame | rj-prerender journey DIR code=value...");
            std::process::exit(2);
        }
    }
}

// The browser build has nothing to draw ahead of time.
#[cfg(target_arch = "wasm32")]
fn main() {}
