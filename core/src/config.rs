//! The app's settings, `config.json`: where referrals may be sent, the quick exit's page, the
//! service's contacts and the idle time, checked once when the app starts.

/// The app's settings, read at start-up from `config.json` beside the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Where referrals are sent: `https://`, or `http://` on this machine only. A path such as
    /// `/api/referrals` is taken relative to the page.
    pub endpoint: String,
    /// The neutral page quick exit leaves for.
    pub exit_url: String,
    /// How long one try may take before it is abandoned and tried again.
    pub timeout_ms: u32,
    /// The service's phone number and email address, shown on every page.
    pub phone: String,
    /// The service's email address.
    pub email: String,
    /// Minutes without any input after which the app warns, then (2 minutes later) clears the
    /// answers (issue 15; WCAG 2.2.1). Whole minutes, 1 to 1440; 30 if not given.
    pub idle_minutes: u32,
}

/// Where quick exit goes when `config.json` names no page (or has not loaded yet).
pub const DEFAULT_EXIT_URL: &str = "https://www.bbc.co.uk/weather";

/// One value of `config.json`, as whichever JSON parser read it gave it. The browser reads the
/// file with its own `JSON.parse` (no JSON parser in the wasm); tools and tests use `parse`.
#[derive(Clone, Debug, PartialEq)]
pub enum Setting {
    /// A string.
    Text(String),
    /// A number.
    Number(f64),
    /// `null`, `true`, a list or an object: never a valid setting.
    Other,
}

impl Config {
    /// Reads the text of `config.json`: see `from_settings`. The app reads it with the
    /// browser's own parser and calls `from_settings`.
    #[cfg(feature = "server")]
    pub fn parse(json: &str, page_origin: &str) -> Result<Config, String> {
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(json).map_err(|e| format!("config.json is not valid: {e}"))?;
        let settings = object.into_iter().map(|(name, value)| {
            let setting = match value {
                serde_json::Value::String(text) => Setting::Text(text),
                serde_json::Value::Number(n) => n.as_f64().map_or(Setting::Other, Setting::Number),
                _ => Setting::Other,
            };
            (name, setting)
        });
        Config::from_settings(settings, page_origin)
    }

    /// The configuration for a page at `page_origin` (such as `https://refer.example`), from the
    /// settings of `config.json`: a relative endpoint is resolved, any endpoint but HTTPS or this
    /// machine refused, and an unknown or mistyped setting named.
    pub fn from_settings(
        settings: impl IntoIterator<Item = (String, Setting)>,
        page_origin: &str,
    ) -> Result<Config, String> {
        let mut endpoint = None;
        let mut config = Config {
            endpoint: String::new(),
            exit_url: DEFAULT_EXIT_URL.into(),
            timeout_ms: 15_000,
            phone: crate::contact::PHONE.into(),
            email: crate::contact::EMAIL.into(),
            idle_minutes: 30,
        };
        for (name, setting) in settings {
            match (name.as_str(), setting) {
                ("endpoint", Setting::Text(text)) => endpoint = Some(text),
                ("exit_url", Setting::Text(text)) => config.exit_url = text,
                ("phone", Setting::Text(text)) => config.phone = text,
                ("email", Setting::Text(text)) => config.email = text,
                ("timeout_ms", Setting::Number(ms))
                    if ms.fract() == 0.0 && (1_000.0..=120_000.0).contains(&ms) =>
                {
                    config.timeout_ms = ms as u32;
                }
                ("idle_minutes", Setting::Number(minutes))
                    if minutes.fract() == 0.0 && (1.0..=1440.0).contains(&minutes) =>
                {
                    config.idle_minutes = minutes as u32;
                }
                ("idle_minutes", _) => {
                    return Err(
                        "config.json: idle_minutes must be a whole number from 1 to 1440".into(),
                    )
                }
                ("timeout_ms", _) => {
                    return Err(
                        "config.json: timeout_ms must be a whole number from 1000 to 120000".into(),
                    )
                }
                ("endpoint" | "exit_url" | "phone" | "email", _) => {
                    return Err(format!("config.json: {name} must be text"))
                }
                _ => return Err(format!("config.json: {name} is not a setting")),
            }
        }
        let endpoint = endpoint.ok_or("config.json: endpoint is missing")?;
        config.endpoint = if endpoint.starts_with('/') && !endpoint.starts_with("//") {
            format!("{}{endpoint}", page_origin.trim_end_matches('/'))
        } else {
            endpoint
        };
        check_url(&config.endpoint, "endpoint")?;
        check_url(&config.exit_url, "exit_url")?;
        Ok(config)
    }
}

/// `https://` anywhere, or `http://` to localhost or 127.0.0.1, with no credentials in it.
fn check_url(url: &str, name: &str) -> Result<(), String> {
    let refuse = |why: &str| Err(format!("config.json: {name} {why}: {url}"));
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return refuse("must not contain spaces");
    }
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() || authority.contains('@') {
        return refuse("must name a host, with no user name or password");
    }
    let host = authority.rsplit_once(':').map_or(authority, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            authority
        }
    });
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(()),
        "http"
            if ["localhost", "127.0.0.1", "[::1]"]
                .contains(&host.to_ascii_lowercase().as_str()) =>
        {
            Ok(())
        }
        "http" => refuse("must use https (http is allowed for localhost and 127.0.0.1 only)"),
        _ => refuse("must be an https:// address"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://refer.example";

    #[test]
    fn a_relative_endpoint_is_on_the_pages_own_origin() {
        let c = Config::parse(r#"{"endpoint": "/api/referrals"}"#, PAGE).unwrap();
        assert_eq!(c.endpoint, "https://refer.example/api/referrals");
        assert_eq!(c.exit_url, "https://www.bbc.co.uk/weather");
        assert_eq!(c.timeout_ms, 15_000);
        let local =
            Config::parse(r#"{"endpoint": "/api/referrals"}"#, "http://127.0.0.1:8080").unwrap();
        assert_eq!(local.endpoint, "http://127.0.0.1:8080/api/referrals");
    }

    #[test]
    fn the_inactivity_time_is_whole_minutes_from_1_to_1440() {
        let config = |idle: &str| {
            Config::parse(
                &format!(r#"{{"endpoint": "/api", "idle_minutes": {idle}}}"#),
                PAGE,
            )
        };
        assert_eq!(
            Config::parse(r#"{"endpoint": "/api"}"#, PAGE)
                .unwrap()
                .idle_minutes,
            30
        );
        assert_eq!(config("1").unwrap().idle_minutes, 1);
        assert_eq!(config("1440").unwrap().idle_minutes, 1440);
        for bad in ["0", "1441", "2.5", "\"30\"", "-1"] {
            assert!(config(bad).unwrap_err().contains("idle_minutes"), "{bad}");
        }
    }

    #[test]
    fn only_https_or_this_machine_may_receive_referrals() {
        for ok in [
            "https://rj.example/api",
            "http://localhost:9000/api",
            "http://127.0.0.1/api",
            "HTTPS://RJ.EXAMPLE",
        ] {
            assert!(
                Config::parse(&format!(r#"{{"endpoint": "{ok}"}}"#), PAGE).is_ok(),
                "{ok}"
            );
        }
        for bad in [
            "http://rj.example/api",
            "ftp://rj.example",
            "//rj.example/api",
            "rj.example/api",
            "https://user:pw@rj.example",
            "http://127.0.0.1.evil.example/",
            "http://localhost@evil.example/",
            "https:// rj.example",
        ] {
            assert!(
                Config::parse(&format!(r#"{{"endpoint": "{bad}"}}"#), PAGE).is_err(),
                "{bad}"
            );
        }
        // A relative endpoint on a plain-http page elsewhere is plain http: refused.
        assert!(Config::parse(r#"{"endpoint": "/api"}"#, "http://partner.example").is_err());
    }

    #[test]
    fn a_broken_configuration_says_what_is_wrong() {
        assert!(Config::parse("{", PAGE)
            .unwrap_err()
            .contains("config.json is not valid"));
        assert!(Config::parse("{}", PAGE).unwrap_err().contains("endpoint"));
        assert!(
            Config::parse(r#"{"endpoint": "/api", "colour": "red"}"#, PAGE)
                .unwrap_err()
                .contains("colour")
        );
        assert!(Config::parse(
            r#"{"endpoint": "/api", "exit_url": "http://news.example"}"#,
            PAGE
        )
        .unwrap_err()
        .contains("exit_url"));
        for timeout in ["5", "1500.5", "\"15000\""] {
            let json = format!(r#"{{"endpoint": "/api", "timeout_ms": {timeout}}}"#);
            assert!(Config::parse(&json, PAGE)
                .unwrap_err()
                .contains("timeout_ms"));
        }
        assert!(
            Config::parse(r#"{"endpoint": "/api", "phone": null}"#, PAGE)
                .unwrap_err()
                .contains("phone must be text")
        );
        assert_eq!(
            Config::parse(r#"{"endpoint": "/api", "timeout_ms": 120000}"#, PAGE)
                .unwrap()
                .timeout_ms,
            120_000
        );
    }
}
