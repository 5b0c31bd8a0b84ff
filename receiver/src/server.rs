//! The HTTP side: the built app, and `POST /api/referrals`, behind the limits that keep the
//! receiver up under abuse: a timer for every stage of a request, a cap on open connections, a
//! rate limit per client on sending, and a key checked before anything is kept for it.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use rj_core::referral::{Reference, Referral, ELAPSED_MS_KEY, HONEYPOT_KEY};
use rj_core::step::STEP_PREFIXES;
use rj_core::Date;
use serde_json::{json, Value};
use tower::ServiceExt;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::GovernorLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};
use tower_http::trace::TraceLayer;

use crate::store::Store;
use crate::Settings;

mod errors;
use errors::ApiError;

/// Larger bodies are refused with 413 before they are read.
const BODY_LIMIT: usize = 64 * 1024;
/// A whole referral sent sooner than this after the first answer was not typed by a person.
const FASTEST_HUMAN_MS: u64 = 3_000;
/// A client has this long to send a request's headers, and an idle connection is closed after
/// it (hyper's header read timeout covers the wait for the next request too).
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// The body of a request must keep arriving: no gap between its parts longer than this.
const BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// No request is handled for longer than this, whatever it does.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Connections open at once; more wait in the kernel's queue, so a flood of sockets cannot use
/// up the process's open files and shut out a person sending a referral.
const MAX_CONNECTIONS: usize = 256;
/// How long a stopping receiver lets the requests it is handling finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

struct App {
    store: Store,
    /// The built app, as an absolute path without symlinks.
    dist: PathBuf,
    /// The Content-Security-Policy header, checked to be a valid header at start-up.
    policy: HeaderValue,
    /// The service is in England: "today" is the date in London, not in UTC.
    london: TimeZone,
}

#[tokio::main]
pub async fn serve(settings: Settings) -> Result<(), String> {
    let origins = settings
        .allow_origins
        .iter()
        .map(|o| parse_origin(o))
        .collect::<Result<Vec<String>, String>>()?;
    if !["index.html", "app.html"]
        .iter()
        .all(|page| settings.dist.join(page).is_file())
    {
        return Err(format!(
            "no built app in {}: run `trunk build --release` first (scripts/run does)",
            settings.dist.display()
        ));
    }
    let policy = HeaderValue::from_str(&content_security_policy(&origins))
        .map_err(|_| "the partner origins do not make a valid Content-Security-Policy header")?;
    let london = TimeZone::get("Europe/London").map_err(|e| e.to_string())?;
    let dist = std::fs::canonicalize(&settings.dist)
        .map_err(|e| format!("cannot read {}: {e}", settings.dist.display()))?;
    if let crate::store::Db::Sqlite(path) = &settings.db {
        keep_files_private(path);
    }
    let app = Arc::new(App {
        store: crate::store::open(&settings.db)?,
        dist,
        policy,
        london,
    });
    let router = router(app, &origins, settings.rate_limit)?;
    let listener = tokio::net::TcpListener::bind(settings.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", settings.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    // Tests start the receiver on port 0 and read the real port from this line.
    println!("rj-receiver listening on http://{addr}");
    run(listener, router).await;
    Ok(())
}

fn router(app: Arc<App>, origins: &[String], rate_limit: u32) -> Result<Router, String> {
    // Per client address: a burst of `rate_limit` referrals, then one more every
    // 60 / `rate_limit` seconds. A flood gets 429 with Retry-After, which the app waits out.
    let per_client = GovernorConfigBuilder::default()
        .period(Duration::from_secs(60) / rate_limit.max(1))
        .burst_size(rate_limit.max(1))
        .finish()
        .ok_or("--rate-limit must be at least 1")?;
    // Addresses are held in memory only, and forgotten once their limit has refilled.
    let limiter = per_client.limiter().clone();
    tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(Duration::from_secs(60));
        loop {
            every_minute.tick().await;
            limiter.retain_recent();
        }
    });
    let origins: Vec<HeaderValue> = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([header::RETRY_AFTER])
        .max_age(Duration::from_secs(600));
    let api = Router::new()
        .route(
            "/api/referrals",
            post(receive).layer(GovernorLayer::new(Arc::new(per_client))),
        )
        .layer(cors);
    let mut router = Router::new().merge(api).route("/healthz", get(healthz));
    // The wizard's steps have real paths (the History API): each is answered with the app, in
    // the page without the start page drawn in (scripts/csp-hook.mjs), so that a reload or a
    // link to a step does not show the start page until the app has drawn the step.
    let app_page = ServeFile::new(app.dist.join("app.html"))
        .precompressed_br()
        .precompressed_gzip();
    for prefix in STEP_PREFIXES {
        router = router
            .route_service(&format!("/{prefix}"), app_page.clone())
            .route_service(&format!("/{prefix}/{{step}}"), app_page.clone());
    }
    Ok(router
        .fallback_service(
            ServeDir::new(&app.dist)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(middleware::from_fn_with_state(app.clone(), no_symlinks))
        .layer(middleware::from_fn_with_state(
            app.clone(),
            security_headers,
        ))
        .layer(RequestBodyTimeoutLayer::new(BODY_TIMEOUT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(
            TraceLayer::new_for_http()
                // The path only: no query string, no header, nothing a person typed.
                .make_span_with(|request: &Request| {
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
                })
                .on_request(())
                .on_response(|response: &Response, latency: Duration, _: &tracing::Span| {
                    tracing::info!("{} {}ms", response.status().as_u16(), latency.as_millis());
                })
                .on_failure(()),
        )
        .with_state(app))
}

/// Accepts connections until SIGTERM or Ctrl+C, each served by hyper with a timer (so its
/// header read timeout runs), then lets the requests in hand finish.
async fn run(listener: tokio::net::TcpListener, router: Router) {
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT);
    let mut stop = std::pin::pin!(stop_signal());
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot,
            () = &mut stop => break,
        };
        let Ok(slot) = slot else { break };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of open files, say: wait a moment rather than spin.
                    tracing::warn!("accepting a connection failed: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let router = router.clone();
        // The client's address, for the rate limit.
        let service =
            hyper::service::service_fn(move |mut request: Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                router.clone().oneshot(request.map(Body::new))
            });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that went away or was too slow is not the receiver's error.
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    tracing::info!("stopping: finishing the requests in hand");
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {}
    }
}

/// Resolves on SIGTERM (how service managers and containers stop a process) or Ctrl+C.
async fn stop_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// New files (the database, its WAL) are readable by this user only (0600, directories 0700),
/// and so are the database files already there.
fn keep_files_private(db: &Path) {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: umask only sets the process's file creation mask; it cannot fail.
    unsafe { libc::umask(0o077) };
    let set = |path: &Path, mode: u32| {
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
    };
    if let Some(dir) = db.parent().filter(|d| d.is_dir()) {
        set(dir, 0o700);
    }
    for suffix in [
        "",
        "-wal",
        "-shm",
        "-in-flight",
        "-in-flight-wal",
        "-in-flight-shm",
    ] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        let path = PathBuf::from(path);
        if path.is_file() {
            set(&path, 0o600);
        }
    }
}

/// A partner origin as browsers send it (`https://partner.example`, `http://127.0.0.1:9000`):
/// scheme and host (and port), nothing else. Anything else stops the receiver from starting,
/// since it goes into the security policy of every page.
pub fn parse_origin(text: &str) -> Result<String, String> {
    let refused = || {
        format!(
            "--allow-origin {text:?} is not an origin: give a scheme and host, like https://partner.example"
        )
    };
    let uri: Uri = text.parse().map_err(|_| refused())?;
    let scheme = uri.scheme_str().filter(|s| matches!(*s, "http" | "https"));
    let authority = uri.authority().filter(|a| {
        !a.as_str().contains('@')
            && a.host()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'))
    });
    match (scheme, authority, uri.path(), uri.query()) {
        (Some(scheme), Some(authority), "" | "/", None) if !authority.host().is_empty() => {
            Ok(format!("{scheme}://{authority}").to_ascii_lowercase())
        }
        _ => Err(refused()),
    }
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
    if path.starts_with("/api/") {
        // An answer about a referral is never kept by a browser or a proxy.
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control(&path)),
        );
        // Files are served brotli- or gzip-compressed by what the browser accepts.
        headers.append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    headers.insert(header::CONTENT_SECURITY_POLICY, app.policy.clone());
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    // OWASP's secure headers. Browsers ignore HSTS over plain http (a test on loopback); the
    // opener policy applies to the app's own tab, not to its frame in a partner's page, and does
    // not stop quick exit, which navigates the tab (or the partner's page) away.
    headers.insert(
        header::STRICT_TRANSPORT_SECURITY,
        HeaderValue::from_static("max-age=31536000"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// ServeDir follows symlinks: a link in the built app (to the database, say) would serve what
/// it points to. A file whose real path is not its own path under `--dist` is not found.
async fn no_symlinks(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !path.starts_with("/api/") {
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let wanted = app
            .dist
            .join(decoded.trim_start_matches('/').trim_end_matches('/'));
        // What ServeDir may open for this path: the file, its precompressed twins, a folder's index.
        let candidates = [
            "",
            ".br",
            ".gz",
            "/index.html",
            "/index.html.br",
            "/index.html.gz",
        ];
        let linked = candidates.iter().any(|suffix| {
            let mut candidate = wanted.as_os_str().to_owned();
            candidate.push(suffix);
            let candidate = PathBuf::from(candidate);
            std::fs::canonicalize(&candidate).is_ok_and(|real| real != candidate)
        });
        if linked {
            return StatusCode::NOT_FOUND.into_response();
        }
    }
    next.run(request).await
}

/// For the load balancer: 200 while the database answers, 503 when it does not, so traffic
/// goes to an instance that can store referrals. It says nothing else.
async fn healthz(State(app): State<Arc<App>>) -> StatusCode {
    match tokio::task::spawn_blocking(move || app.store.ping()).await {
        Ok(Ok(())) => StatusCode::OK,
        Ok(Err(e)) => {
            tracing::warn!("health: the database does not answer: {e}");
            StatusCode::SERVICE_UNAVAILABLE
        }
        Err(_) => StatusCode::SERVICE_UNAVAILABLE,
    }
}

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

/// How long an in-flight hold lasts unless renewed: the longest a twin waits on the hold of an
/// instance that died while handling its request.
const HOLD: Duration = Duration::from_secs(5);
/// A request still in hand renews its hold this often, well before it lapses.
const HOLD_RENEW: Duration = Duration::from_secs(1);

/// A reference held in the database while its request is handled here, so a twin arriving at
/// any instance sharing the database gets 409 (a set in this process would not stop a twin at
/// another). Renewed while the request runs, let go however it ends.
struct InFlight {
    app: Arc<App>,
    key: String,
    holder: i64,
    renew: tokio::task::JoinHandle<()>,
}

impl InFlight {
    /// Holds `key`, unless a request with it is being handled already, here or elsewhere.
    async fn hold(app: &Arc<App>, key: Reference) -> Result<Option<InFlight>, ApiError> {
        let (key, holder) = (key.to_string(), rand::random::<i64>());
        let until = || crate::store::now_ms() + HOLD.as_millis() as i64;
        let held = {
            let (app, key) = (app.clone(), key.clone());
            tokio::task::spawn_blocking(move || {
                app.store
                    .hold(&key, holder, crate::store::now_ms(), until())
            })
        };
        let held = held
            .await
            .map_err(|e| ApiError::Store(e.to_string()))?
            .map_err(ApiError::Store)?;
        if !held {
            return Ok(None);
        }
        let (renewing, renewed) = (app.clone(), key.clone());
        let renew = tokio::spawn(async move {
            loop {
                tokio::time::sleep(HOLD_RENEW).await;
                let (app, key) = (renewing.clone(), renewed.clone());
                // A renewal that fails lets the hold lapse: a twin then goes on to the store,
                // whose unique reference still keeps the referral once.
                let _ = tokio::task::spawn_blocking(move || app.store.renew(&key, holder, until()))
                    .await;
            }
        });
        Ok(Some(InFlight {
            app: app.clone(),
            key,
            holder,
            renew,
        }))
    }

    /// Lets go of the hold once its request is answered.
    async fn release(mut self) {
        if let Some(release) = self.releasing() {
            let _ = release.await;
        }
    }

    /// Stops renewing and lets go of the hold, off the async threads, once. If it cannot be let
    /// go (the database is down), it lapses.
    fn releasing(&mut self) -> Option<tokio::task::JoinHandle<()>> {
        self.renew.abort();
        let key = std::mem::take(&mut self.key);
        let (app, holder) = (self.app.clone(), self.holder);
        let runtime = tokio::runtime::Handle::try_current().ok()?;
        (!key.is_empty()).then(|| {
            runtime.spawn_blocking(move || {
                if let Err(e) = app.store.release(&key, holder, crate::store::now_ms()) {
                    tracing::warn!("cannot let go of an in-flight hold: {e}");
                }
            })
        })
    }
}

impl Drop for InFlight {
    /// A request cut short (timed out, its client gone) lets go of its hold too.
    fn drop(&mut self) {
        self.releasing();
    }
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

async fn receive(
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

    #[test]
    fn partner_origins_are_parsed_as_origins() {
        assert_eq!(
            parse_origin("https://Partner.Example").unwrap(),
            "https://partner.example"
        );
        assert_eq!(
            parse_origin("http://127.0.0.2:9000").unwrap(),
            "http://127.0.0.2:9000"
        );
        for bad in [
            "partner.example",
            "ftp://partner.example",
            "https://partner.example/path",
            "https://partner.example?q=1",
            "https://user@partner.example",
            "https://partner.example; script-src *",
            "https://partner\u{7}.example",
            "https://partner.example\r\nX-Evil: 1",
            "https://",
        ] {
            assert!(parse_origin(bad).is_err(), "{bad:?} accepted");
        }
    }

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
