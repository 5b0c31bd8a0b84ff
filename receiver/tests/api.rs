//! The receiver as a real server on loopback: each test starts its own with a fresh database.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

const EXAMPLE: &str = include_str!("../../schema/examples/referral.json");
const PARTNER: &str = "http://127.0.0.2:9000";

struct Receiver {
    child: Child,
    addr: String,
    dir: PathBuf,
}

impl Receiver {
    fn start() -> Receiver {
        let dir = std::env::temp_dir().join(format!(
            "rj-receiver-test-{}-{}",
            std::process::id(),
            rand_suffix()
        ));
        std::fs::create_dir_all(dir.join("dist")).unwrap();
        std::fs::write(
            dir.join("dist/index.html"),
            "<!doctype html><title>test</title>",
        )
        .unwrap();
        for (name, body) in [
            ("app-0123456789abcdef.js", "plain"),
            ("app-0123456789abcdef.js.br", "brotli"),
            ("app-0123456789abcdef.js.gz", "gzip"),
        ] {
            std::fs::write(dir.join("dist").join(name), body).unwrap();
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_rj-receiver"))
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--allow-origin",
                PARTNER,
            ])
            .arg("--db")
            .arg(dir.join("referrals.sqlite3"))
            .arg("--dist")
            .arg(dir.join("dist"))
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        // Keep reading the request log, as an operator's terminal would.
        std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
        let addr = line.trim().rsplit("http://").next().unwrap().to_owned();
        Receiver { child, addr, dir }
    }

    /// Sends a raw request and returns the whole answer, headers and body.
    fn exchange(&self, request: &[u8]) -> String {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream.write_all(request).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    /// Sends a raw request and returns the status and body of the answer.
    fn raw(&self, request: &[u8]) -> (u16, String) {
        let response = self.exchange(request);
        let status = response[9..12].parse().unwrap();
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default();
        (status, body)
    }

    fn post(&self, key: &str, content_type: &str, body: &str) -> (u16, Value) {
        let request = format!(
            "POST /api/referrals HTTP/1.1\r\nHost: {}\r\nContent-Type: {content_type}\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        let (status, body) = self.raw(request.as_bytes());
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }

    fn send(&self, referral: &Value) -> (u16, Value) {
        let key = referral["reference"].as_str().unwrap_or("none");
        self.post(key, "application/json", &referral.to_string())
    }

    fn exported(&self) -> Vec<Value> {
        let out = Command::new(env!("CARGO_BIN_EXE_rj-receiver"))
            .args(["export", "--db"])
            .arg(self.dir.join("referrals.sqlite3"))
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn example() -> Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

#[test]
fn a_valid_referral_is_stored_once_and_exported() {
    let r = Receiver::start();
    let (status, receipt) = r.send(&example());
    assert_eq!(status, 201, "{receipt}");
    assert_eq!(receipt["reference"], example()["reference"]);
    assert_eq!(receipt["eligibility"]["status"], "eligible");
    let exported = r.exported();
    assert_eq!(exported.len(), 1);
    assert_eq!(exported[0]["referral"], example());
}

#[test]
fn the_same_referral_replayed_five_times_is_stored_once_with_the_same_answer() {
    let r = Receiver::start();
    let first = r.send(&example());
    for _ in 0..5 {
        assert_eq!(r.send(&example()), first);
    }
    assert_eq!(r.exported().len(), 1);
}

#[test]
fn the_same_key_with_another_body_is_refused() {
    let r = Receiver::start();
    assert_eq!(r.send(&example()).0, 201);
    let mut other = example();
    other["incident"]["description"] = json!("Something else entirely.");
    let (status, body) = r.send(&other);
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["field"], "reference");
    assert_eq!(r.exported().len(), 1);
}

#[test]
fn invalid_fields_are_refused_naming_each_field() {
    let r = Receiver::start();
    let mut bad = example();
    bad["person"]["postcode"] = json!("nowhere");
    bad["referrer"]["email"] = json!("not an email");
    let (status, body) = r.send(&bad);
    assert_eq!(status, 422);
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["person_postcode", "referrer_email"]);
    assert!(r.exported().is_empty());
}

#[test]
fn a_referral_the_rules_stop_is_refused() {
    let r = Receiver::start();
    let mut stopped = example();
    stopped["case"]["supervised_in_area"] = json!("no");
    let (status, body) = r.send(&stopped);
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["field"], "eligibility");
}

#[test]
fn malformed_oversized_and_mislabelled_bodies_are_refused() {
    let r = Receiver::start();
    let key = example()["reference"].as_str().unwrap().to_owned();
    assert_eq!(r.post(&key, "application/json", "{not json").0, 400);
    assert_eq!(r.post(&key, "text/plain", EXAMPLE).0, 415);
    let huge = format!(r#"{{"padding": "{}"}}"#, "x".repeat(70 * 1024));
    assert_eq!(r.post(&key, "application/json", &huge).0, 413);
    let request = format!("POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{EXAMPLE}", EXAMPLE.len());
    assert_eq!(r.raw(request.as_bytes()).0, 400, "no Idempotency-Key");
    let mut mismatched = example();
    mismatched["reference"] = json!("00000000-0000-4000-8000-000000000000");
    assert_eq!(
        r.post(&key, "application/json", &mismatched.to_string()).0,
        422
    );
    assert!(r.exported().is_empty());
}

#[test]
fn a_twin_of_a_request_still_in_flight_gets_409() {
    let r = Receiver::start();
    let key = example()["reference"].as_str().unwrap().to_owned();
    // The first request sends its headers and half its body, then waits.
    let mut slow = TcpStream::connect(&r.addr).unwrap();
    let head = format!("POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", EXAMPLE.len());
    slow.write_all(head.as_bytes()).unwrap();
    slow.write_all(&EXAMPLE.as_bytes()[..100]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(r.send(&example()).0, 409);
    slow.write_all(&EXAMPLE.as_bytes()[100..]).unwrap();
    let mut response = String::new();
    slow.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 201"), "{response}");
    assert_eq!(
        r.send(&example()).0,
        201,
        "once finished, a replay gets the first answer"
    );
}

#[test]
fn cors_preflights_are_answered_for_configured_origins_only() {
    let r = Receiver::start();
    let preflight = |origin: &str| {
        let request = format!("OPTIONS /api/referrals HTTP/1.1\r\nHost: x\r\nOrigin: {origin}\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type, idempotency-key\r\nConnection: close\r\n\r\n");
        r.exchange(request.as_bytes()).to_ascii_lowercase()
    };
    let allowed = preflight(PARTNER);
    assert!(allowed.starts_with("http/1.1 204"), "{allowed}");
    assert!(allowed.contains(&format!("access-control-allow-origin: {PARTNER}")));
    assert!(allowed.contains("access-control-allow-headers: content-type, idempotency-key"));
    let refused = preflight("http://127.0.0.3:9000");
    assert!(refused.starts_with("http/1.1 403"), "{refused}");
    assert!(!refused.contains("access-control-allow-origin"));
}

#[test]
fn a_filled_honeypot_or_inhuman_speed_is_dropped_silently() {
    let r = Receiver::start();
    let mut bot = example();
    bot["website"] = json!("http://spam.example");
    assert_eq!(r.send(&bot).0, 201);
    let mut fast = example();
    fast["elapsed_ms"] = json!(800);
    assert_eq!(r.send(&fast).0, 201);
    assert!(r.exported().is_empty());
    let mut person = example();
    person["website"] = json!("");
    person["elapsed_ms"] = json!(240_000);
    assert_eq!(r.send(&person).0, 201);
    assert_eq!(r.exported().len(), 1);
    assert_eq!(
        r.exported()[0]["referral"],
        example(),
        "the form's extra fields are not stored"
    );
}

#[test]
fn assets_are_served_precompressed_with_long_caching_for_hashed_names() {
    let r = Receiver::start();
    let get = |encoding: &str| {
        let request = format!("GET /app-0123456789abcdef.js HTTP/1.1\r\nHost: x\r\nAccept-Encoding: {encoding}\r\nConnection: close\r\n\r\n");
        r.exchange(request.as_bytes()).to_ascii_lowercase()
    };
    let br = get("gzip, br");
    assert!(
        br.contains("content-encoding: br") && br.ends_with("brotli"),
        "{br}"
    );
    assert!(br.contains("vary: accept-encoding"));
    assert!(br.contains("cache-control: public, max-age=31536000, immutable"));
    assert!(get("gzip").ends_with("gzip"));
    assert!(get("identity").ends_with("plain"));
    let index = r.raw(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(index.0, 200);
}
