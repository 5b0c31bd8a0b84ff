//! The reference receiver as a library: `main.rs` runs its command line, and the tests call it.
//!
//! The way of a referral: `server` takes it (`server/referrals.rs`), `store` keeps it with one
//! pending delivery per destination, and `outbox` makes each delivery through `deliver`.

pub mod cli;
pub mod commands;
pub mod config;
pub mod deliver;
pub mod net;
pub mod outbox;
pub mod seal;
pub mod server;
pub mod store;
