//! Email to the service and receipts to referrers, over SMTP with `lettre`.
//!
//! `--smtp` names the server: `smtps://host:465` (TLS from the start) or
//! `smtp+starttls://host:587` (upgraded to TLS, refused if the server cannot); plain `smtp://`
//! only to this machine, where nothing crosses a network. The login comes from the environment
//! (`RJ_SMTP_USER`, `RJ_SMTP_PASSWORD`), never the command line, which other users can read.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use rj_core::referral::Referral;
use rj_core::{forward, Date};

use super::Failure;
use crate::config::Delivery;
use crate::net::is_loopback;

/// How long the mail server has to answer each step of a delivery.
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The domain Message-IDs are made in: the sender's.
    domain: String,
}

fn mailbox(option: &str, address: &str) -> Result<Mailbox, String> {
    address
        .parse()
        .map_err(|_| format!("{option} {address:?} is not an email address"))
}

/// What went wrong, for the log: the server's reply code, never its text, which may quote an
/// address.
fn describe(e: &lettre::transport::smtp::Error) -> String {
    match e.status() {
        Some(code) => format!("the mail server answered {code}"),
        None if e.is_timeout() => "the mail server did not answer in time".into(),
        None if e.is_tls() => "TLS with the mail server failed".into(),
        None => "the mail server could not be reached".into(),
    }
}

impl Mailer {
    /// The mailer the options describe, `None` when no mail server is given.
    pub fn from_config(config: &Delivery) -> Result<Option<Mailer>, String> {
        for to in &config.mail_to {
            mailbox("--mail-to", to)?;
        }
        let (Some(smtp), Some(from)) = (&config.smtp, &config.mail_from) else {
            if config.mail_to.is_empty() && config.smtp.is_none() && config.mail_from.is_none() {
                return Ok(None);
            }
            return Err("email needs both --smtp URL and --mail-from ADDRESS".into());
        };
        let from = mailbox("--mail-from", from)?;
        let url = url::Url::parse(smtp).map_err(|e| format!("--smtp {smtp:?}: {e}"))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(
                "--smtp must not carry a login: set RJ_SMTP_USER and RJ_SMTP_PASSWORD instead"
                    .into(),
            );
        }
        let host = url.host_str().unwrap_or_default().to_owned();
        let builder = match url.scheme() {
            "smtps" => AsyncSmtpTransport::<Tokio1Executor>::relay(&host)
                .map_err(|e| e.to_string())?
                .port(url.port().unwrap_or(465)),
            "smtp+starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&host)
                .map_err(|e| e.to_string())?
                .port(url.port().unwrap_or(587)),
            "smtp" if is_loopback(&host) => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&host)
                    .port(url.port().unwrap_or(25))
            }
            "smtp" => {
                return Err(format!(
                    "--smtp smtp:// is only for this machine; use smtps://{host}:465 or smtp+starttls://{host}:587"
                ))
            }
            other => {
                return Err(format!(
                    "--smtp takes smtps://, smtp+starttls:// or (this machine only) smtp://, not {other}://"
                ))
            }
        };
        let builder = match (
            std::env::var("RJ_SMTP_USER"),
            std::env::var("RJ_SMTP_PASSWORD"),
        ) {
            (Ok(user), Ok(password)) => builder.credentials(Credentials::new(user, password)),
            (Err(_), Err(_)) => builder,
            _ => return Err("set both RJ_SMTP_USER and RJ_SMTP_PASSWORD, or neither".into()),
        };
        let domain = from.email.domain().to_owned();
        Ok(Some(Mailer {
            transport: builder.timeout(Some(TIMEOUT)).build(),
            from,
            domain,
        }))
    }

    async fn send(&self, message: Message) -> Result<(), Failure> {
        self.transport
            .send(message)
            .await
            .map(drop)
            .map_err(|e| Failure {
                reason: describe(&e),
                // A 5xx: the server refuses this message, and would refuse it again.
                permanent: e.is_permanent(),
            })
    }

    /// Forwards a referral to one of the service's mailboxes. The same referral always makes the
    /// same Message-ID, so a repeated delivery is recognisably the same message.
    pub async fn forward(
        &self,
        to: &str,
        reference: &str,
        json: &str,
        received_at: &str,
        referral: Option<(&Referral, Date)>,
    ) -> Result<(), Failure> {
        let attachment = format!("referral-{reference}.json");
        let outcome = referral.map(|(r, day)| r.outcome(day));
        let message = Message::builder()
            .message_id(Some(format!("<referral.{reference}@{}>", self.domain)))
            .from(self.from.clone())
            .to(mailbox("--mail-to", to).map_err(Failure::never)?)
            .subject(forward::subject(reference, outcome.as_ref()))
            .multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(forward::body(
                        reference,
                        received_at,
                        referral,
                        &attachment,
                    )))
                    .singlepart(
                        Attachment::new(attachment).body(
                            json.to_owned(),
                            ContentType::parse("application/json")
                                .map_err(|e| Failure::never(e.to_string()))?,
                        ),
                    ),
            )
            .map_err(|e| Failure::never(e.to_string()))?;
        self.send(message).await
    }

    /// The receipt to the professional who referred.
    pub async fn receipt(&self, to: &str, reference: &str) -> Result<(), Failure> {
        let (subject, body) = forward::receipt(reference);
        let to = to
            .parse()
            .map_err(|_| Failure::never("the referrer's email is not one a mail server takes"))?;
        let message = Message::builder()
            .message_id(Some(format!("<receipt.{reference}@{}>", self.domain)))
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .singlepart(SinglePart::plain(body))
            .map_err(|e| Failure::never(e.to_string()))?;
        self.send(message).await
    }
}
