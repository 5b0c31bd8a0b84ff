//! The referral's questions (see `table`).

mod table;

pub use table::*;
