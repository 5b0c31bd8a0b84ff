//! `rj-receiver`: the reference receiver. It serves the built app and accepts referrals; the
//! command line is `cli.rs`'s.

fn main() -> std::process::ExitCode {
    rj_receiver::cli::main()
}
