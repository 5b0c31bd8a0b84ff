//! Loading the configuration and sending a referral: the check page's sending protocol, a POST
//! with an Idempotency-Key, a timeout on every try, and the core's retry policy between tries.

use gloo_net::http::Request;
use js_sys::{Object, Reflect, JSON};
use leptos::prelude::*;
use rj_core::config::{Config, Setting};
use rj_core::json::Json;
use rj_core::referral::{Reference, Referral, ELAPSED_MS_KEY, HONEYPOT_KEY};
use rj_core::retry::{retry_after_ms, Attempt};
use rj_core::wizard::Answers;
use rj_core::FieldError;
use wasm_bindgen::{JsCast, JsValue};

use crate::browser::{self, Pending};
use crate::nav::Page;
use crate::state::{Sent, Wizard};

/// A new reference a person can read out, from 40 bits of the browser's crypto random.
fn new_reference() -> Reference {
    let mut bytes = [0u8; 5];
    let random = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !random {
        // No browser that runs the app lacks crypto; should one, a reference that is already
        // used is refused by the service and made again (see `deliver`), so nothing is lost.
        bytes = std::array::from_fn(|_| (js_sys::Math::random() * 256.0) as u8);
    }
    Reference::from_random(bytes)
}

/// Reads `config.json` from beside the app (at the root: the steps have paths of their own).
pub async fn load_config() -> Result<Config, String> {
    let response = Request::get("/config.json")
        .send()
        .await
        // No detail from the error itself: the browser gives none worth showing (its reason is
        // in the console), and formatting it would add kilobytes to the app.
        .map_err(|_| "config.json could not be loaded: the network request failed".to_owned())?;
    if !response.ok() {
        return Err(format!(
            "config.json could not be loaded (HTTP {})",
            response.status()
        ));
    }
    let text = response
        .text()
        .await
        .map_err(|_| "config.json could not be read".to_owned())?;
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    // The browser's own JSON parser: the wasm carries none (see rj_core::json).
    let settings = JSON::parse(&text)
        .ok()
        .filter(|v| v.is_object() && !js_sys::Array::is_array(v))
        .ok_or("config.json is not valid: it must be a JSON object, like {\"endpoint\": \"/api/referrals\"}")?;
    let entries = Object::entries(settings.unchecked_ref());
    let settings = entries.iter().map(|entry| {
        let entry: js_sys::Array = entry.unchecked_into();
        let value = entry.get(1);
        let setting = match (value.as_string(), value.as_f64()) {
            (Some(text), _) => Setting::Text(text),
            (None, Some(number)) => Setting::Number(number),
            (None, None) => Setting::Other,
        };
        (entry.get(0).as_string().unwrap_or_default(), setting)
    });
    Config::from_settings(settings, &origin)
}

/// Where sending stands on the check page.
#[derive(Clone)]
pub enum Sending {
    Ready,
    Busy,
    /// Every try failed; the answers are still here.
    Failed,
    /// The service refused the referral, naming fields.
    Refused(Vec<FieldError>),
}

/// Sends the wizard's answers from the check page, `state` saying how it goes; once the
/// service has them, the answers are wiped and the confirmation shown.
pub fn send(wizard: Wizard, state: RwSignal<Sending>) {
    if matches!(state.get_untracked(), Sending::Busy) {
        return;
    }
    let Some(Ok(config)) = wizard.config.get_untracked() else {
        state.set(Sending::Failed);
        browser::focus_after_render(".rj-error-summary");
        return;
    };
    state.set(Sending::Busy);
    let answers = wizard.answers.get_untracked();
    let honeypot = browser::input_value("website");
    let pending = browser::pending(&answers).unwrap_or_else(|| payload(answers.clone(), &honeypot));
    browser::keep_pending(&pending);
    leptos::task::spawn_local(async move {
        let again = answers.clone();
        let (delivery, pending) =
            deliver(&config, pending, move || payload(again, &honeypot)).await;
        match delivery {
            Delivery::Received => {
                let self_referral = answers.is_self_referral();
                browser::keep_sent(&pending.reference, self_referral);
                wizard.sent.set(Some(Sent {
                    reference: pending.reference,
                    self_referral,
                    answers,
                }));
                wizard.answers.set(Answers::default());
                browser::wipe_answers();
                wizard.go(Page::Sent);
            }
            Delivery::Rejected(errors) => state.set(Sending::Refused(errors)),
            Delivery::Failed => state.set(Sending::Failed),
        }
        browser::focus_after_render(".rj-error-summary");
    });
}

/// The payload for these answers under a new reference, with the form's bot checks.
pub fn payload(answers: Answers, honeypot: &str) -> Pending {
    let referral = Referral {
        reference: new_reference(),
        submitted_at: String::from(js_sys::Date::new_0().to_iso_string()),
        answers,
    };
    let mut body = referral.to_payload(browser::today());
    body.push(HONEYPOT_KEY, honeypot.into());
    body.push(ELAPSED_MS_KEY, Json::Number(browser::elapsed_ms() as u64));
    Pending::new(
        &referral.answers,
        referral.reference.to_string(),
        body.to_string(),
    )
}

/// How sending ended.
enum Delivery {
    /// The service has the referral.
    Received,
    /// The service refused it: the fields it named, with why.
    Rejected(Vec<FieldError>),
    /// No try got through; the answers are still here.
    Failed,
}

/// Sends the pending referral until the service answers for good or the tries run out. If the
/// service answers that its reference is another referral's already (a chance of about one in
/// a trillion for two referrals), `remake` gives the same answers under a new reference, kept
/// and sent in its place, once. Returns how it ended and the referral last sent.
async fn deliver(
    config: &Config,
    pending: Pending,
    remake: impl FnOnce() -> Pending,
) -> (Delivery, Pending) {
    match deliver_once(config, &pending).await {
        Err(ReferenceUsed) => {
            let pending = remake();
            browser::keep_pending(&pending);
            let delivery = deliver_once(config, &pending)
                .await
                .unwrap_or(Delivery::Failed);
            (delivery, pending)
        }
        Ok(delivery) => (delivery, pending),
    }
}

/// The service's answer that a reference is taken (its error code `reference_used`).
struct ReferenceUsed;

async fn deliver_once(config: &Config, pending: &Pending) -> Result<Delivery, ReferenceUsed> {
    let mut tries = 0;
    loop {
        tries += 1;
        let attempt = match try_once(config, &pending.reference, &pending.body).await {
            Ok(response) if response.ok() => {
                // Read to the end, so the request is complete: an unread answer is still
                // loading, and a reload of the confirmation page would abort it.
                let _ = response.text().await;
                return Ok(Delivery::Received);
            }
            Ok(response) if matches!(response.status(), 400 | 422) => {
                let answer = response.text().await.unwrap_or_default();
                return field_errors(&answer).map(Delivery::Rejected);
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
            None => return Ok(Delivery::Failed),
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

/// The `errors` of a 400 or 422 answer, or its `error`, as the fields named and why; or that
/// the reference is taken.
fn field_errors(answer: &str) -> Result<Vec<FieldError>, ReferenceUsed> {
    // Reflect.get refuses anything but an object, so a malformed answer reads as nothing.
    let text = |value: &JsValue, key: &str| Reflect::get(value, &key.into()).ok()?.as_string();
    let answer = JSON::parse(answer).unwrap_or(JsValue::NULL);
    let errors = Reflect::get(&answer, &"errors".into())
        .ok()
        .filter(js_sys::Array::is_array)
        .map(|errors| errors.unchecked_into::<js_sys::Array>().to_vec())
        .unwrap_or_default();
    if errors
        .iter()
        .any(|e| text(e, "code").as_deref() == Some("reference_used"))
    {
        return Err(ReferenceUsed);
    }
    let listed: Vec<FieldError> = errors
        .iter()
        .map(|e| FieldError {
            field: text(e, "field").unwrap_or_else(|| "referral".to_owned()),
            message: text(e, "message").unwrap_or_default(),
        })
        .collect();
    if listed.is_empty() {
        let message = text(&answer, "error")
            .unwrap_or_else(|| "The service could not accept this referral".to_owned());
        Ok(vec![FieldError {
            field: "referral".to_owned(),
            message,
        }])
    } else {
        Ok(listed)
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
