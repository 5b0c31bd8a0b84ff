//! The headers every answer carries: the Content-Security-Policy (with the partner origins
//! allowed to frame the app), OWASP's secure headers, and how long a browser may keep a file.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Uri};
use axum::middleware::Next;
use axum::response::Response;

use super::App;

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

pub(super) async fn security_headers(
    State(app): State<Arc<App>>,
    request: Request,
    next: Next,
) -> Response {
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

#[cfg(test)]
mod tests {
    use super::*;

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
