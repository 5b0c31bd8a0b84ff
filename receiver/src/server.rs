//! The HTTP side: the built app and the referrals endpoint.

use axum::Router;
use tower_http::services::ServeDir;

use crate::Settings;

#[tokio::main]
pub async fn serve(settings: Settings) -> Result<(), String> {
    if !settings.dist.join("index.html").is_file() {
        return Err(format!(
            "no built app in {}: run `trunk build --release` first (scripts/run does)",
            settings.dist.display()
        ));
    }
    let app = Router::new().fallback_service(ServeDir::new(&settings.dist));
    let listener = tokio::net::TcpListener::bind(settings.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", settings.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    // Tests start the receiver on port 0 and read the real port from this line.
    println!("rj-receiver listening on http://{addr}");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}
