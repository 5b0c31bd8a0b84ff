//! The built app's files: every step's path answered with the app page, everything else from
//! `--dist`, precompressed, and never from outside it.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use rj_core::step::STEP_PREFIXES;
use tower_http::services::{ServeDir, ServeFile};

use super::App;

/// `router` with the app's files: the wizard's steps have real paths (the History API): each is
/// answered with the app, in the page without the start page drawn in (scripts/csp-hook.mjs),
/// so that a reload or a link to a step does not show the start page until the app has drawn
/// the step; any other path is a file of `--dist`.
pub(super) fn files(mut router: Router<Arc<App>>, app: &Arc<App>) -> Router<Arc<App>> {
    let app_page = ServeFile::new(app.dist.join("app.html"))
        .precompressed_br()
        .precompressed_gzip();
    for prefix in STEP_PREFIXES {
        router = router
            .route_service(&format!("/{prefix}"), app_page.clone())
            .route_service(&format!("/{prefix}/{{step}}"), app_page.clone());
    }
    let files = ServeDir::new(&app.dist)
        .precompressed_br()
        .precompressed_gzip();
    router.fallback_service(
        tower::ServiceBuilder::new()
            .layer(middleware::from_fn_with_state(app.clone(), inside_dist))
            .service(files),
    )
}

/// Refuses (404) a path unless every file ServeDir may open for it is under the real `--dist`.
/// ServeDir follows symlinks: a link in the built app (to the data folder, say) would serve
/// what it points to, in any spelling of the path ServeDir reads as the same file.
async fn inside_dist(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    if opens_inside(&app.dist, request.uri().path()) {
        next.run(request).await
    } else {
        StatusCode::NOT_FOUND.into_response()
    }
}

/// Whether what ServeDir opens for `path` is under `dist` (a real path): the path it builds,
/// which must resolve, and, of a folder's index and the precompressed twins, those there. Any
/// other failure to resolve one is a refusal.
fn opens_inside(dist: &Path, path: &str) -> bool {
    let Some(wanted) = as_serve_dir_builds(dist, path) else {
        return false;
    };
    let inside = |file: &Path| std::fs::canonicalize(file).is_ok_and(|real| real.starts_with(dist));
    if !inside(&wanted) {
        return false;
    }
    let mut files = vec![wanted.clone()];
    if path.ends_with('/') || wanted.is_dir() {
        files.push(wanted.join("index.html"));
    }
    files.iter().all(|file| {
        ["", ".br", ".gz"].iter().all(|suffix| {
            let mut twin = file.as_os_str().to_owned();
            twin.push(suffix);
            let twin = PathBuf::from(twin);
            match std::fs::symlink_metadata(&twin) {
                Ok(_) => inside(&twin),
                Err(e) => e.kind() == std::io::ErrorKind::NotFound,
            }
        })
    })
}

/// The file ServeDir makes of a request's path: percent-decoded, then its parts under `dist`,
/// `.` and empty parts dropped (so `/x/file/.` and `/x/file%2f.` are `x/file`); a path with
/// `..` or a root it refuses.
fn as_serve_dir_builds(dist: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(path.trim_start_matches('/'))
        .decode_utf8()
        .ok()?;
    let mut file = dist.to_path_buf();
    for part in Path::new(&*decoded).components() {
        match part {
            Component::Normal(name) => file.push(name),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(file)
}

#[cfg(test)]
mod tests {
    use super::as_serve_dir_builds;
    use std::path::Path;

    #[test]
    fn paths_are_read_as_serve_dir_reads_them() {
        let dist = Path::new("/srv/dist");
        for (path, file) in [
            ("/", "/srv/dist"),
            ("/x/file", "/srv/dist/x/file"),
            ("/x/file/.", "/srv/dist/x/file"),
            ("/x/file/./", "/srv/dist/x/file"),
            ("/x/file%2f.", "/srv/dist/x/file"),
            ("//x//file", "/srv/dist/x/file"),
        ] {
            assert_eq!(
                as_serve_dir_builds(dist, path).as_deref(),
                Some(Path::new(file)),
                "{path}"
            );
        }
        for refused in ["/../etc/passwd", "/x/%2e%2e/%2e%2e/etc", "/%ff"] {
            assert_eq!(as_serve_dir_builds(dist, refused), None, "{refused}");
        }
    }
}
