//! The destinations a referral is delivered to: email over SMTP (`mail.rs`) and a signed webhook
//! (`webhook.rs`). The outbox decides when; these say how.

pub mod mail;
pub mod webhook;
