//! Every way the API refuses a request, each turning itself into its answer (as axum's
//! `error-handling` example does): a status, and a body a person or a developer can act on.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rj_core::FieldError;
use serde_json::json;

/// How long a twin of a request still being handled should wait before trying again.
const IN_FLIGHT_RETRY_AFTER_SECONDS: &str = "2";
/// How long to wait after the store failed (a full disk, a locked file) before trying again.
const STORE_RETRY_AFTER_SECONDS: &str = "5";
/// The problems an answer names at most, and how many bytes of JSON a field's name or a message
/// takes at most (either may quote what was sent): a body with thousands of wrong fields gets
/// an answer of a few kB, not one larger than itself.
const NAMED: usize = 10;
const TEXT_BYTES: usize = 200;

#[derive(Debug)]
pub enum ApiError {
    /// 415: the body is not labelled `application/json`.
    NotJson,
    /// 413: the body is larger than a referral can be.
    TooLarge,
    /// 408: the body did not arrive in time.
    BodyTimeout,
    /// 400: the body could not be read, or is not a JSON object.
    BrokenBody,
    /// 400: no `Idempotency-Key`, or one that is not a reference.
    BadKey,
    /// 409: a request with this key is being handled now.
    InFlight,
    /// 422: the reference is another referral's already. The app makes a new one and sends again.
    ReferenceUsed,
    /// 422: the answers or the envelope are not a referral the service can take.
    Invalid(Vec<FieldError>),
    /// 503: the referral could not be stored; nothing was kept, and trying again is safe.
    Store(String),
}

impl ApiError {
    pub fn field(field: &str, message: &str) -> ApiError {
        ApiError::Invalid(vec![FieldError {
            field: field.to_owned(),
            message: message.to_owned(),
        }])
    }
}

/// `text` cut to what takes at most `TEXT_BYTES` in JSON, with an ellipsis when cut.
fn cut(text: &str) -> String {
    let mut bytes = 0;
    for (i, c) in text.char_indices() {
        bytes += match c {
            '"' | '\\' => 2,
            c if c.is_control() => 6,
            c => c.len_utf8(),
        };
        if bytes > TEXT_BYTES {
            return format!("{}…", &text[..i]);
        }
    }
    text.to_owned()
}

fn answer(status: StatusCode, body: serde_json::Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn problem(status: StatusCode, message: &str) -> Response {
    answer(status, json!({ "error": message }))
}

fn retry_after(mut response: Response, seconds: &'static str) -> Response {
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static(seconds));
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::NotJson => problem(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send the referral as application/json",
            ),
            ApiError::TooLarge => problem(
                StatusCode::PAYLOAD_TOO_LARGE,
                "a referral is at most 64 KiB",
            ),
            ApiError::BodyTimeout => problem(
                StatusCode::REQUEST_TIMEOUT,
                "the referral did not arrive in time; it is safe to try again",
            ),
            ApiError::BrokenBody => {
                problem(StatusCode::BAD_REQUEST, "the body is not a JSON object")
            }
            ApiError::BadKey => problem(
                StatusCode::BAD_REQUEST,
                "the Idempotency-Key header must be the referral's reference, like RJ-7K3M-9QXP",
            ),
            ApiError::InFlight => retry_after(
                problem(
                    StatusCode::CONFLICT,
                    "a request with this Idempotency-Key is being handled; try again shortly",
                ),
                IN_FLIGHT_RETRY_AFTER_SECONDS,
            ),
            // `code` is stable: the app reads it to know it should send under a new reference.
            ApiError::ReferenceUsed => answer(
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({ "errors": [{
                    "field": "reference",
                    "code": "reference_used",
                    "message": "another referral was already sent with this reference",
                }] }),
            ),
            ApiError::Invalid(errors) => {
                let named: Vec<_> = errors
                    .iter()
                    .take(NAMED)
                    .map(|e| json!({ "field": cut(&e.field), "message": cut(&e.message) }))
                    .collect();
                let mut body = json!({ "errors": named });
                if errors.len() > NAMED {
                    body["more"] = json!(errors.len() - NAMED);
                }
                answer(StatusCode::UNPROCESSABLE_ENTITY, body)
            }
            ApiError::Store(e) => {
                tracing::error!("storing failed: {e}");
                retry_after(
                    problem(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "the referral could not be stored; it is safe to try again",
                    ),
                    STORE_RETRY_AFTER_SECONDS,
                )
            }
        }
    }
}
