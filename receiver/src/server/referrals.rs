//! `POST /api/referrals`: a referral read, checked with the core and stored once, under its
//! reference held while it is handled.

use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use rj_core::referral::{Reference, Referral, ELAPSED_MS_KEY, HONEYPOT_KEY};
use rj_core::Date;
use serde_json::{json, Value};

use super::errors::ApiError;
use super::in_flight::InFlight;
use super::App;

/// Larger bodies are refused with 413 before they are read.
const BODY_LIMIT: usize = 64 * 1024;
/// A whole referral sent sooner than this after the first answer was not typed by a person.
const FASTEST_HUMAN_MS: u64 = 3_000;

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        })
}

/// Why a body could not be read: too large (413), too slow (408), or broken (400).
fn body_error(error: axum::Error) -> ApiError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&error);
    while let Some(e) = source {
        if e.is::<http_body_util::LengthLimitError>() {
            return ApiError::TooLarge;
        }
        if e.is::<tower_http::timeout::TimeoutError>() {
            return ApiError::BodyTimeout;
        }
        source = e.source();
    }
    ApiError::BrokenBody
}

pub(super) async fn receive(
    State(app): State<Arc<App>>,
    request: Request<Body>,
) -> Result<Response, ApiError> {
    let headers = request.headers();
    if !is_json(headers) {
        return Err(ApiError::NotJson);
    }
    let too_long = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        .is_some_and(|n| n > BODY_LIMIT);
    if too_long {
        return Err(ApiError::TooLarge);
    }
    // Read as a reference before anything is kept for it, so the in-flight holds are of small,
    // well-formed keys only, whatever a client sends.
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .and_then(|k| Reference::parse(k).ok())
        .ok_or(ApiError::BadKey)?;
    // Held before the body is read, so a twin arriving meanwhile is told to wait.
    let hold = InFlight::hold(&app, key).await?.ok_or(ApiError::InFlight)?;
    let answer = receive_held(app, key, request.into_body()).await;
    // Let go before answering, so the client's next try of this reference finds it free.
    hold.release().await;
    answer
}

/// The rest of `receive`, once the reference is held.
async fn receive_held(app: Arc<App>, key: Reference, body: Body) -> Result<Response, ApiError> {
    let body = to_bytes(body, BODY_LIMIT).await.map_err(body_error)?;
    let Ok(Value::Object(mut payload)) = serde_json::from_slice::<Value>(&body) else {
        return Err(ApiError::BrokenBody);
    };
    let honeypot = payload.remove(HONEYPOT_KEY);
    let elapsed = payload.remove(ELAPSED_MS_KEY);
    if let Some(why) = looks_automated(honeypot.as_ref(), elapsed.as_ref())? {
        // Answered as if stored, so the software learns nothing; logged, so a person whose
        // referral this was can be found (the reference is not personal data).
        tracing::warn!("dropped {key}: {why}");
        return Ok((
            StatusCode::CREATED,
            axum::Json(json!({ "reference": key.to_string(), "status": "received" })),
        )
            .into_response());
    }
    if payload.get("reference").and_then(Value::as_str) != Some(key.to_string().as_str()) {
        return Err(ApiError::field(
            "reference",
            "the reference must equal the Idempotency-Key header",
        ));
    }
    let today = date_in(Timestamp::now(), &app.london);
    let storing = app.clone();
    tokio::task::spawn_blocking(move || store_once(&storing, key, &Value::Object(payload), today))
        .await
        .map_err(|e| ApiError::Store(e.to_string()))?
}

/// The app's two form checks: a honeypot field people never see (empty, or only spaces a
/// browser's autofill may put there), and the milliseconds since the first answer. Both must be
/// there: leaving them out is not a way past them. Returns why a submission looks automated.
fn looks_automated(
    honeypot: Option<&Value>,
    elapsed: Option<&Value>,
) -> Result<Option<&'static str>, ApiError> {
    let missing = || {
        ApiError::field(
            HONEYPOT_KEY,
            "the form's checks `website` (text) and `elapsed_ms` (a number) must be sent",
        )
    };
    let honeypot = honeypot.and_then(Value::as_str).ok_or_else(missing)?;
    let elapsed = elapsed.and_then(Value::as_u64).ok_or_else(missing)?;
    Ok(if !honeypot.trim().is_empty() {
        Some("the hidden field was filled in")
    } else if elapsed < FASTEST_HUMAN_MS {
        Some("completed faster than a person can")
    } else {
        None
    })
}

/// Checks and stores a referral once. What is stored is the core's own writing of what it
/// checked, the outcome recomputed here: never a value as the browser sent it. A replay (the
/// same referral again) gets the first answer again; another referral under the same
/// reference is refused.
fn store_once(
    app: &App,
    key: Reference,
    payload: &Value,
    today: Date,
) -> Result<Response, ApiError> {
    let referral = Referral::from_payload(payload, today).map_err(ApiError::Invalid)?;
    let body = referral.to_payload(today).to_string();
    let key = key.to_string();
    let stored = match app.store.find(&key).map_err(ApiError::Store)? {
        Some(stored) => stored,
        None => {
            let outcome = referral.outcome(today);
            let receipt = json!({
                "reference": key,
                "status": "received",
                "eligibility": { "status": outcome.status(), "reasons": outcome.reasons, "rules_version": rj_core::RULES_VERSION },
            })
            .to_string();
            let received_at = Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
            app.store
                .insert(&key, &body, &receipt, &received_at)
                .map_err(ApiError::Store)?
        }
    };
    if !stored.matches(&body) {
        return Err(ApiError::ReferenceUsed);
    }
    let receipt: Value = serde_json::from_str(&stored.response).unwrap_or(Value::Null);
    Ok((StatusCode::CREATED, axum::Json(receipt)).into_response())
}

/// The date in the service's time zone at `now`.
fn date_in(now: Timestamp, zone: &TimeZone) -> Date {
    let date = now.to_zoned_datetime(zone.clone()).date();
    // A date jiff gives is always a real calendar date in range.
    Date::new(date.year() as u16, date.month() as u8, date.day() as u8)
        .unwrap_or_else(|_| Date::from_unix_days(now.as_second().div_euclid(86_400)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_the_date_in_london_not_in_utc() {
        let london = TimeZone::get("Europe/London").unwrap();
        let at = |t: &str| date_in(t.parse().unwrap(), &london).to_string();
        // British Summer Time: 00:30 in London is 23:30 UTC the day before.
        assert_eq!(at("2026-07-01T23:30:00Z"), "2026-07-02");
        assert_eq!(at("2026-07-01T22:59:59Z"), "2026-07-01");
        // In winter London is on UTC.
        assert_eq!(at("2026-12-01T23:30:00Z"), "2026-12-01");
        assert_eq!(at("2026-12-02T00:00:00Z"), "2026-12-02");
    }
}
