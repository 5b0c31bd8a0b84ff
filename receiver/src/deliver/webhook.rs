//! The signed webhook for a case-management system, as the Standard Webhooks specification
//! says: the body is the stored referral's JSON, and
//!
//! ```text
//! webhook-id: <the reference>
//! webhook-timestamp: <seconds since the Unix epoch>
//! webhook-signature: v1,<base64 of HMAC-SHA256(key, "<id>.<timestamp>.<body>")>
//! ```
//!
//! where the key is the base64 after `whsec_` in the secret file. A 2xx answer confirms the
//! delivery; anything else, or no answer within the timeout, is tried again later.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::config::Delivery;
use crate::net::is_loopback;

pub struct Webhook {
    url: url::Url,
    key: Vec<u8>,
    client: reqwest::Client,
}

/// The `webhook-signature` of a body: `v1,` and the base64 HMAC-SHA256 of id, timestamp and body.
pub fn signature(key: &[u8], id: &str, timestamp: u64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    format!("v1,{}", BASE64.encode(mac.finalize().into_bytes()))
}

impl Webhook {
    /// The webhook the options describe, `None` when there is none.
    pub fn from_config(config: &Delivery) -> Result<Option<Webhook>, String> {
        let (url, secret_file) = match (&config.webhook, &config.webhook_secret_file) {
            (None, None) => return Ok(None),
            (Some(url), Some(file)) => (url, file),
            _ => {
                return Err(
                    "a webhook needs both --webhook URL and --webhook-secret-file FILE".into(),
                )
            }
        };
        let url = url::Url::parse(url).map_err(|e| format!("--webhook {url:?}: {e}"))?;
        // It is stored in the database and shown by `status`: a token in it would be too.
        if !url.username().is_empty() || url.password().is_some() || url.query().is_some() {
            return Err(
                "--webhook must not carry a login or a query: the endpoint checks the signature made with --webhook-secret-file".into(),
            );
        }
        let host = url.host_str().unwrap_or_default();
        if !(url.scheme() == "https" || url.scheme() == "http" && is_loopback(host)) {
            return Err("--webhook must be https:// (http:// only to this machine)".into());
        }
        let secret = std::fs::read_to_string(secret_file)
            .map_err(|e| format!("cannot read {}: {e}", secret_file.display()))?;
        let key = secret
            .trim()
            .strip_prefix("whsec_")
            .and_then(|b64| BASE64.decode(b64).ok())
            .filter(|key| key.len() >= 24)
            .ok_or_else(|| {
                format!(
                    "{} must hold a Standard Webhooks secret: whsec_ and at least 24 bytes in base64",
                    secret_file.display()
                )
            })?;
        let client = reqwest::Client::builder()
            .timeout(config.webhook_timeout)
            .connect_timeout(config.webhook_timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Some(Webhook { url, key, client }))
    }

    pub async fn post(&self, reference: &str, body: &str) -> Result<(), String> {
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let answer = self
            .client
            .post(self.url.clone())
            .header("content-type", "application/json")
            .header("webhook-id", reference)
            .header("webhook-timestamp", timestamp.to_string())
            .header(
                "webhook-signature",
                signature(&self.key, reference, timestamp, body),
            )
            .body(body.to_owned())
            .send()
            .await
            .map_err(|e| {
                if e.is_timeout() {
                    "the webhook did not answer in time".to_owned()
                } else {
                    "the webhook could not be reached".to_owned()
                }
            })?;
        if answer.status().is_success() {
            Ok(())
        } else {
            Err(format!("the webhook answered {}", answer.status().as_u16()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::signature;
    use base64::Engine;

    /// The example of the Standard Webhooks specification's reference libraries.
    #[test]
    fn signs_as_the_standard_webhooks_example() {
        let key = super::BASE64
            .decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            .unwrap();
        assert_eq!(
            signature(
                &key,
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330,
                r#"{"test": 2432232314}"#
            ),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }
}
