//! The HTTP side: the built app, and `POST /api/referrals`.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use rj_core::delivery::STEP_PREFIXES;
use rj_core::referral::{Referral, ELAPSED_MS_KEY, HONEYPOT_KEY};
use rj_core::Date;
use serde_json::{json, Value};
use tower_http::services::{ServeDir, ServeFile};

use crate::store::Store;
use crate::Settings;

/// Larger bodies are refused with 413 before they are read.
const BODY_LIMIT: usize = 64 * 1024;
/// A whole referral sent sooner than this after the first answer was not typed by a person.
const FASTEST_HUMAN_MS: u64 = 3_000;

struct App {
    store: Store,
    allow_origins: Vec<String>,
    /// References whose request is being handled now: a twin gets 409.
    in_flight: Mutex<HashSet<String>>,
}

#[tokio::main]
pub async fn serve(settings: Settings) -> Result<(), String> {
    if !settings.dist.join("index.html").is_file() {
        return Err(format!(
            "no built app in {}: run `trunk build --release` first (scripts/run does)",
            settings.dist.display()
        ));
    }
    let app = Arc::new(App {
        store: Store::open(&settings.db)?,
        allow_origins: settings.allow_origins.clone(),
        in_flight: Mutex::new(HashSet::new()),
    });
    let mut router = Router::new().route("/api/referrals", post(receive).options(preflight));
    // The wizard's steps have real paths (the History API): each is answered with the app.
    let app_page = ServeFile::new(settings.dist.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    for prefix in STEP_PREFIXES {
        router = router
            .route_service(&format!("/{prefix}"), app_page.clone())
            .route_service(&format!("/{prefix}/{{step}}"), app_page.clone());
    }
    let router = router
        .fallback_service(
            ServeDir::new(&settings.dist)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(middleware::from_fn_with_state(app.clone(), cors))
        .layer(middleware::from_fn_with_state(
            app.clone(),
            security_headers,
        ))
        .layer(middleware::from_fn(log))
        .with_state(app);
    let listener = tokio::net::TcpListener::bind(settings.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", settings.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    // Tests start the receiver on port 0 and read the real port from this line.
    println!("rj-receiver listening on http://{addr}");
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}

/// Writes a log line to standard output; a closed output must not stop the receiver.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// One line per request, with no personal data: method, path, status, time taken.
async fn log(request: Request, next: Next) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_owned());
    let started = Instant::now();
    let response = next.run(request).await;
    say(&format!(
        "{method} {path} {} {}ms",
        response.status().as_u16(),
        started.elapsed().as_millis()
    ));
    response
}

fn allowed_origin(app: &App, headers: &HeaderMap) -> Option<HeaderValue> {
    let origin = headers.get(header::ORIGIN)?;
    app.allow_origins
        .iter()
        .any(|o| origin.as_bytes() == o.as_bytes())
        .then(|| origin.clone())
}

/// Answers from the API name a configured partner origin, and no other, as allowed to read them.
async fn cors(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let origin = allowed_origin(&app, request.headers());
    let api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    if let (true, Some(origin)) = (api, origin) {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.append(header::VARY, HeaderValue::from_static("Origin"));
    }
    response
}

/// The policy the app runs under: no inline script or style, wasm allowed to compile, nothing
/// fetched from anywhere but here, and framed only by this origin and the configured partners.
pub fn content_security_policy(allow_origins: &[String]) -> String {
    let ancestors: Vec<&str> = std::iter::once("'self'")
        .chain(allow_origins.iter().map(String::as_str))
        .collect();
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors {}",
        ancestors.join(" ")
    )
}

/// Files whose names carry a content hash (`app-0123456789abcdef.js`) never change: browsers may
/// keep them a year. Everything else is checked with the server every time.
fn cache_control(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name
        .split('.')
        .next()
        .unwrap_or_default()
        .trim_end_matches("_bg");
    let hashed = stem
        .rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()));
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

async fn security_headers(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !path.starts_with("/api/") {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control(&path)),
        );
        // Files are served brotli- or gzip-compressed by what the browser accepts.
        headers.append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    if let Ok(policy) = HeaderValue::from_str(&content_security_policy(&app.allow_origins)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

async fn preflight(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    if allowed_origin(&app, &headers).is_none() {
        return StatusCode::FORBIDDEN.into_response();
    }
    (
        StatusCode::NO_CONTENT,
        [
            (header::ACCESS_CONTROL_ALLOW_METHODS, "POST"),
            (
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                "content-type, idempotency-key",
            ),
            (header::ACCESS_CONTROL_MAX_AGE, "600"),
        ],
    )
        .into_response()
}

fn answer(status: StatusCode, body: Value) -> Response {
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

/// Forgets a reference's in-flight mark however the request ends.
struct InFlight<'a>(&'a App, String);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0
            .in_flight
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.1);
    }
}

async fn receive(State(app): State<Arc<App>>, request: Request<Body>) -> Response {
    let headers = request.headers();
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
    if !json {
        return problem(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the referral as application/json",
        );
    }
    let too_long = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        .is_some_and(|n| n > BODY_LIMIT);
    if too_long {
        return problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            "a referral is at most 64 KiB",
        );
    }
    let Some(key) = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
    else {
        return problem(
            StatusCode::BAD_REQUEST,
            "the Idempotency-Key header is required",
        );
    };
    // Marked before the body is read, so a twin arriving meanwhile is told to wait.
    if !app
        .in_flight
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(key.clone())
    {
        return problem(
            StatusCode::CONFLICT,
            "a request with this Idempotency-Key is being handled; try again shortly",
        );
    }
    let _mark = InFlight(&app, key.clone());
    let body = match to_bytes(request.into_body(), BODY_LIMIT).await {
        Ok(body) => body,
        Err(_) => {
            return problem(
                StatusCode::PAYLOAD_TOO_LARGE,
                "a referral is at most 64 KiB",
            )
        }
    };
    let Ok(Value::Object(mut payload)) = serde_json::from_slice::<Value>(&body) else {
        return problem(StatusCode::BAD_REQUEST, "the body is not a JSON object");
    };

    // The app's honeypot field and typing time: a bot is answered as if stored, and forgotten.
    let honeypot = payload.remove(HONEYPOT_KEY);
    let elapsed = payload.remove(ELAPSED_MS_KEY).and_then(|v| v.as_u64());
    if honeypot
        .as_ref()
        .and_then(Value::as_str)
        .is_some_and(|s| !s.is_empty())
        || elapsed.is_some_and(|ms| ms < FASTEST_HUMAN_MS)
    {
        say("dropped a submission that looked automated");
        return answer(
            StatusCode::CREATED,
            json!({ "reference": key, "status": "received" }),
        );
    }
    if payload.get("reference").and_then(Value::as_str) != Some(key.as_str()) {
        return answer(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({ "errors": [{ "field": "reference", "message": "the reference must equal the Idempotency-Key header" }] }),
        );
    }
    let app2 = app.clone();
    let key2 = key.clone();
    let result =
        tokio::task::spawn_blocking(move || store_once(&app2, &key2, Value::Object(payload)))
            .await
            .map_err(|e| e.to_string())
            .and_then(|stored| stored);
    match result {
        Ok(response) => response,
        Err(e) => {
            say(&format!("storing failed: {e}"));
            problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the referral could not be stored; it is safe to try again",
            )
        }
    }
}

/// Checks and stores a referral once. A replay of the same body gets the first answer again.
fn store_once(app: &App, key: &str, payload: Value) -> Result<Response, String> {
    let body = payload.to_string();
    if let Some(stored) = app.store.find(key)? {
        return Ok(replayed(stored, &body));
    }
    let today = today();
    let referral = match Referral::from_payload(&payload, today) {
        Ok(referral) => referral,
        Err(errors) => {
            let errors: Vec<Value> = errors
                .iter()
                .map(|e| json!({ "field": e.field, "message": e.message }))
                .collect();
            return Ok(answer(
                StatusCode::UNPROCESSABLE_ENTITY,
                json!({ "errors": errors }),
            ));
        }
    };
    let outcome = referral.outcome(today);
    let receipt = json!({
        "reference": key,
        "status": "received",
        "eligibility": { "status": outcome.status(), "reasons": outcome.reasons, "rules_version": rj_core::RULES_VERSION },
    })
    .to_string();
    let stored = app.store.insert(key, &body, &receipt, &now_rfc3339())?;
    Ok(replayed(stored, &body))
}

fn replayed(stored: crate::store::Stored, body: &str) -> Response {
    if stored.body != body {
        return answer(
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({ "errors": [{ "field": "reference", "message": "another referral was already sent with this reference" }] }),
        );
    }
    let receipt: Value = serde_json::from_str(&stored.response).unwrap_or(Value::Null);
    answer(StatusCode::CREATED, receipt)
}

fn seconds_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn today() -> Date {
    Date::from_unix_days((seconds_now() / 86_400) as i64)
}

fn now_rfc3339() -> String {
    let secs = seconds_now();
    let (h, m, s) = (secs / 3600 % 24, secs / 60 % 60, secs % 60);
    format!("{}T{h:02}:{m:02}:{s:02}Z", today())
}

#[cfg(test)]
mod tests {
    use super::cache_control;

    #[test]
    fn only_content_hashed_files_are_cached_for_long() {
        for hashed in [
            "/app-ddd1525a8d7d2112.js",
            "/main-e022798ae5c21e40.css",
            "/rj-referral-277592c45ee2620c_bg.wasm",
        ] {
            assert_eq!(
                cache_control(hashed),
                "public, max-age=31536000, immutable",
                "{hashed}"
            );
        }
        for plain in [
            "/",
            "/index.html",
            "/config.json",
            "/embed.js",
            "/my-file.js",
        ] {
            assert_eq!(cache_control(plain), "no-cache", "{plain}");
        }
    }
}
