//! The built app's files: every step's path answered with the app page, everything else from
//! `--dist`, precompressed, and never through a symlink.

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use rj_core::step::STEP_PREFIXES;
use tower_http::services::{ServeDir, ServeFile};

use super::App;

/// `router` with the app's files: the wizard's steps have real paths (the History API): each is
/// answered with the app, in the page without the start page drawn in (scripts/csp-hook.mjs),
/// so that a reload or a link to a step does not show the start page until the app has drawn
/// the step; any other path is a file of `--dist`.
pub(super) fn files(mut router: Router<Arc<App>>, app: &App) -> Router<Arc<App>> {
    let app_page = ServeFile::new(app.dist.join("app.html"))
        .precompressed_br()
        .precompressed_gzip();
    for prefix in STEP_PREFIXES {
        router = router
            .route_service(&format!("/{prefix}"), app_page.clone())
            .route_service(&format!("/{prefix}/{{step}}"), app_page.clone());
    }
    router.fallback_service(
        ServeDir::new(&app.dist)
            .precompressed_br()
            .precompressed_gzip(),
    )
}

/// ServeDir follows symlinks: a link in the built app (to the database, say) would serve what
/// it points to. A file whose real path is not its own path under `--dist` is not found.
pub(super) async fn no_symlinks(
    State(app): State<Arc<App>>,
    request: Request,
    next: Next,
) -> Response {
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
