//! Where a referral is delivered (`Destination`) and how each is reached: email over SMTP
//! (`mail.rs`) and a signed webhook (`webhook.rs`). The outbox decides when; this says where
//! and how. A new kind of destination is one more variant here, and its module.

use rj_core::referral::Referral;
use rj_core::{forward, Date};
use serde_json::Value;

use crate::config::Delivery;
use crate::store::{Due, RECEIPT};

pub mod mail;
pub mod webhook;

use mail::Mailer;
use webhook::Webhook;

/// One place deliveries go, recorded in the database by its `name`.
#[derive(Clone, Debug, PartialEq)]
pub enum Destination {
    /// One of the service's mailboxes (`--mail-to`).
    Mail(String),
    /// A case-management system's webhook (`--webhook`).
    Webhook(String),
    /// The receipt to the professional who referred, queued once every other delivery of the
    /// referral is made.
    Receipt,
}

impl Destination {
    /// The forwarding destinations the options name, in the order given.
    pub fn configured(config: &Delivery) -> Vec<Destination> {
        let mail = config.mail_to.iter().cloned().map(Destination::Mail);
        mail.chain(config.webhook.iter().cloned().map(Destination::Webhook))
            .collect()
    }

    /// The destination a delivery is recorded under.
    pub fn parse(name: &str) -> Option<Destination> {
        match name.split_once(':') {
            Some(("mail", to)) => Some(Destination::Mail(to.to_owned())),
            Some(("webhook", url)) => Some(Destination::Webhook(url.to_owned())),
            _ => (name == RECEIPT).then_some(Destination::Receipt),
        }
    }

    /// The name deliveries to it are recorded under.
    pub fn name(&self) -> String {
        match self {
            Destination::Mail(to) => format!("mail:{to}"),
            Destination::Webhook(url) => format!("webhook:{url}"),
            Destination::Receipt => RECEIPT.to_owned(),
        }
    }

    /// Its kind, for the log: never the address.
    pub fn kind(&self) -> &'static str {
        match self {
            Destination::Mail(_) => "mail",
            Destination::Webhook(_) => "webhook",
            Destination::Receipt => RECEIPT,
        }
    }

    /// One try of the delivery `d` to this destination.
    pub async fn attempt(&self, via: &Channels, d: &Due) -> Result<(), Failure> {
        let read = read(d);
        match (self, &via.mailer, &via.webhook) {
            (Destination::Mail(to), Some(mailer), _) => {
                let read = read.as_ref().ok().map(|(r, day)| (r, *day));
                mailer
                    .forward(to, &d.reference, &d.body, &d.received_at, read)
                    .await
            }
            (Destination::Webhook(_), _, Some(webhook)) => webhook
                .post(&d.reference, &d.body)
                .await
                .map_err(Failure::later),
            (Destination::Receipt, Some(mailer), _) => {
                let referral = read.map_err(Failure::never)?.0;
                let to = forward::receipt_to(&referral)
                    .ok_or_else(|| Failure::never("no one to send a receipt to"))?;
                mailer.receipt(&to, &d.reference).await
            }
            _ => Err(Failure::later("no such destination is configured")),
        }
    }
}

/// Why a try failed, and whether another could succeed.
#[derive(Debug)]
pub struct Failure {
    pub reason: String,
    /// Refused for good (an address the mail library cannot write, a mail server's 5xx):
    /// trying again would only be refused again.
    pub permanent: bool,
}

impl Failure {
    /// A failure another try may not meet: no answer, a 4xx, a server down.
    pub fn later(reason: impl Into<String>) -> Failure {
        Failure {
            reason: reason.into(),
            permanent: false,
        }
    }

    /// A refusal every try would meet.
    pub fn never(reason: impl Into<String>) -> Failure {
        Failure {
            reason: reason.into(),
            permanent: true,
        }
    }
}

/// The ways out this receiver has: its mail server and its webhook, as configured.
pub struct Channels {
    pub mailer: Option<Mailer>,
    pub webhook: Option<Webhook>,
}

impl Channels {
    /// Checks the delivery options: a broken one says what to fix. Built inside the runtime
    /// that will use them (the mail pool starts its own task on it).
    pub fn from_config(config: &Delivery) -> Result<Channels, String> {
        Ok(Channels {
            mailer: Mailer::from_config(config)?,
            webhook: Webhook::from_config(config)?,
        })
    }
}

/// A stored referral read back as on the day it came, so the rules give the answer they gave
/// then; with that day.
pub fn read(d: &Due) -> Result<(Referral, Date), String> {
    let payload: Value = serde_json::from_str(&d.body).map_err(|e| e.to_string())?;
    let day =
        Date::parse(d.received_at.get(..10).unwrap_or_default()).map_err(|e| e.to_string())?;
    let referral = Referral::from_payload(&payload, day).map_err(|errors| {
        format!(
            "the stored referral no longer reads ({} problems)",
            errors.len()
        )
    })?;
    Ok((referral, day))
}

#[cfg(test)]
mod tests {
    use super::Destination;

    #[test]
    fn a_destination_reads_back_from_its_name() {
        for d in [
            Destination::Mail("a@example.org".into()),
            Destination::Webhook("https://cms.example/hook?x=1".into()),
            Destination::Receipt,
        ] {
            assert_eq!(Destination::parse(&d.name()), Some(d));
        }
        assert_eq!(Destination::parse("fax:0123"), None);
    }
}
