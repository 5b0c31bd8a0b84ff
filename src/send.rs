//! Loading the configuration and sending a referral: a POST with an Idempotency-Key, a
//! timeout on every try, and the core's retry policy between tries.

use gloo_net::http::Request;
use rj_core::delivery::{retry_after_ms, Attempt, Config};
use serde_json::Value;
use wasm_bindgen::JsCast;

/// Reads `config.json` from beside the app.
pub async fn load_config() -> Result<Config, String> {
    let response = Request::get("config.json")
        .send()
        .await
        .map_err(|e| format!("config.json could not be loaded: {e}"))?;
    if !response.ok() {
        return Err(format!(
            "config.json could not be loaded (HTTP {})",
            response.status()
        ));
    }
    let text = response
        .text()
        .await
        .map_err(|e| format!("config.json could not be read: {e}"))?;
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    Config::parse(&text, &origin)
}

/// How sending ended.
pub enum Delivery {
    /// The service has the referral.
    Received,
    /// The service refused it: the fields it named, with why.
    Rejected(Vec<(String, String)>),
    /// No try got through; the answers are still here.
    Failed,
}

/// Sends `body` until the service answers for good or the tries run out.
pub async fn deliver(config: &Config, reference: &str, body: &str) -> Delivery {
    let mut tries = 0;
    loop {
        tries += 1;
        let attempt = match try_once(config, reference, body).await {
            Ok(response) if response.ok() => return Delivery::Received,
            Ok(response) if matches!(response.status(), 400 | 422) => {
                let answer: Value = response.json().await.unwrap_or(Value::Null);
                return Delivery::Rejected(field_errors(&answer));
            }
            Ok(response) => {
                let retry_after = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.trim().parse().ok());
                Attempt::Status(response.status(), retry_after)
            }
            Err(()) => Attempt::NoAnswer,
        };
        match retry_after_ms(tries, attempt, js_sys::Math::random()) {
            Some(ms) => sleep(ms).await,
            None => return Delivery::Failed,
        }
    }
}

async fn try_once(
    config: &Config,
    reference: &str,
    body: &str,
) -> Result<gloo_net::http::Response, ()> {
    let controller = web_sys::AbortController::new().map_err(drop)?;
    let abort = controller.clone();
    let timer = leptos::prelude::set_timeout_with_handle(
        move || abort.abort(),
        std::time::Duration::from_millis(u64::from(config.timeout_ms)),
    );
    let result = Request::post(&config.endpoint)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", reference)
        .abort_signal(Some(&controller.signal()))
        .body(body.to_owned())
        .map_err(drop)?
        .send()
        .await
        .map_err(drop);
    if let Ok(timer) = timer {
        timer.clear();
    }
    result
}

/// The `errors` of a 400 or 422 answer, or its `error`, as (field, message) pairs.
fn field_errors(answer: &Value) -> Vec<(String, String)> {
    let listed: Vec<(String, String)> = answer["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            (
                e["field"].as_str().unwrap_or("referral").to_owned(),
                e["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    if listed.is_empty() {
        let message = answer["error"]
            .as_str()
            .unwrap_or("The service could not accept this referral");
        vec![("referral".to_owned(), message.to_owned())]
    } else {
        listed
    }
}

async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                resolve.unchecked_ref(),
                ms as i32,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
