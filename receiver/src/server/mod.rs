//! The HTTP side: the built app, and `POST /api/referrals`, behind the limits that keep the
//! receiver up under abuse: a timer for every stage of a request, a cap on open connections in
//! all and per client address, a rate limit per client on sending, and a key checked before
//! anything is kept for it.

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use jiff::tz::TimeZone;
use tower::ServiceExt;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::GovernorLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};
use tower_http::trace::TraceLayer;

use crate::config::{Db, Settings};
use crate::store::Store;

mod errors;
mod headers;
mod in_flight;
mod referrals;
mod serving;

use headers::{content_security_policy, parse_origin};

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
/// Connections one client address may have open at once, well under `MAX_CONNECTIONS`: more
/// from it are closed as they come, so one client cannot take every slot and keep the others
/// waiting in the kernel's queue.
const MAX_PER_ADDRESS: usize = 48;
/// A new connection must start its request within this, or it is closed: a socket opened and
/// left idle gives its slot back well before the header's time limit.
const FIRST_BYTE_TIMEOUT: Duration = Duration::from_secs(3);
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
    if let Db::Sqlite(path) = &settings.db {
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
            post(referrals::receive).layer(GovernorLayer::new(Arc::new(per_client))),
        )
        .layer(cors);
    let router = Router::new().merge(api).route("/healthz", get(healthz));
    Ok(serving::files(router, &app)
        .layer(middleware::from_fn_with_state(
            app.clone(),
            headers::security_headers,
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
    let open = PerAddress::default();
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
        let Some(counted) = open.count(peer.ip()) else {
            // Over its address's cap: closed at once, and its slot given back.
            continue;
        };
        let router = router.clone();
        // The client's address, for the rate limit.
        let service =
            hyper::service::service_fn(move |mut request: Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                router.clone().oneshot(request.map(Body::new))
            });
        let (http, watcher) = (http.clone(), graceful.watcher());
        tokio::spawn(async move {
            let started = tokio::time::timeout(FIRST_BYTE_TIMEOUT, stream.peek(&mut [0; 1])).await;
            if matches!(started, Ok(Ok(n)) if n > 0) {
                let connection = http.serve_connection(TokioIo::new(stream), service);
                // A client that went away or was too slow is not the receiver's error.
                let _ = watcher.watch(connection).await;
            }
            drop((slot, counted));
        });
    }
    drop(listener);
    tracing::info!("stopping: finishing the requests in hand");
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {}
    }
}

/// The connections open from each client address.
#[derive(Clone, Default)]
struct PerAddress(Arc<Mutex<HashMap<IpAddr, usize>>>);

/// One connection, counted against its address until it is dropped.
struct Counted {
    open: PerAddress,
    ip: IpAddr,
}

impl PerAddress {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, usize>> {
        // A count is never left half-written: carry on after a panic elsewhere.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Counts a new connection from `ip`, unless it has `MAX_PER_ADDRESS` open already.
    fn count(&self, ip: IpAddr) -> Option<Counted> {
        let mut open = self.lock();
        let n = open.entry(ip).or_default();
        if *n >= MAX_PER_ADDRESS {
            return None;
        }
        *n += 1;
        Some(Counted {
            open: self.clone(),
            ip,
        })
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        let mut open = self.open.lock();
        if let Some(n) = open.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                // Addresses are held only while they have a connection open.
                open.remove(&self.ip);
            }
        }
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

/// The database files already there are made readable by this user only (0600, its folder
/// 0700), as new ones are (the umask `cli::main` sets).
fn keep_files_private(db: &Path) {
    use std::os::unix::fs::PermissionsExt;
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
