//! The receiver as a real server on loopback: each test starts its own with a fresh database,
//! and each test of what is stored runs on SQLite and on PostgreSQL (`on_both_engines!`).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use rj_core::referral::Reference;

use serde_json::{json, Value};

mod common;
use common::{on_both_engines, Engine, Receiver};

const EXAMPLE: &str = include_str!("../../schema/examples/referral.json");
const PARTNER: &str = "http://127.0.0.2:9000";

fn start(engine: Engine) -> Receiver {
    start_with(engine, &[])
}

/// A receiver on a fresh database, framed by `PARTNER`.
fn start_with(engine: Engine, args: &[&str]) -> Receiver {
    let dir = std::env::temp_dir().join(format!(
        "rj-receiver-test-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    let database = engine.database(&dir.join("data/referrals.sqlite3"));
    Receiver::start_in(&dir, database, &with_partner(args))
}

fn with_partner<'a>(args: &[&'a str]) -> Vec<&'a str> {
    [&["--allow-origin", PARTNER], args].concat()
}

/// What these tests ask of a receiver.
trait Api {
    fn another(&self, args: &[&str]) -> Receiver;
    fn db(&self) -> PathBuf;
    fn post(&self, key: &str, content_type: &str, body: &str) -> (u16, Value);
    fn send(&self, referral: &Value) -> (u16, Value);
    fn exported(&self) -> Vec<Value>;
}

impl Api for Receiver {
    /// A second instance: on this one's database, with its key and app.
    fn another(&self, args: &[&str]) -> Receiver {
        Receiver::start_in(&self.dir, self.database.clone(), &with_partner(args))
    }

    /// The SQLite engine's file.
    fn db(&self) -> PathBuf {
        self.dir.join("data/referrals.sqlite3")
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

    /// Sends a referral as the app does: with its form checks, a person's typing time and an
    /// empty honeypot, unless `referral` has them already.
    fn send(&self, referral: &Value) -> (u16, Value) {
        let key = referral["reference"].as_str().unwrap_or("none");
        self.post(
            key,
            "application/json",
            &with_form_checks(referral).to_string(),
        )
    }

    fn exported(&self) -> Vec<Value> {
        let out = Command::new(env!("CARGO_BIN_EXE_rj-receiver"))
            .args(["export", "--db", &self.database])
            .arg("--key-file")
            .arg(self.dir.join("receiver.key"))
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

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn example() -> Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

fn with_form_checks(referral: &Value) -> Value {
    let mut sent = referral.clone();
    for (key, value) in [("website", json!("")), ("elapsed_ms", json!(240_000))] {
        if sent.get(key).is_none() {
            sent[key] = value;
        }
    }
    sent
}

/// The example under a new reference of its own.
fn another_example() -> Value {
    let mut referral = example();
    let bytes: [u8; 5] = std::array::from_fn(|i| (rand_suffix() >> (8 * i)) as u8);
    referral["reference"] = json!(Reference::from_random(bytes).to_string());
    referral
}

/// A connection from `source`, another loopback address than the test's own.
fn connect_from(source: &str, to: &str) -> TcpStream {
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    socket
        .bind(&format!("{source}:0").parse::<SocketAddr>().unwrap().into())
        .unwrap();
    socket
        .connect(&to.parse::<SocketAddr>().unwrap().into())
        .unwrap();
    socket.into()
}

/// Reads until the receiver closes the connection (bounded, so a broken receiver fails the
/// test rather than hanging it) and returns what it sent.
fn read_until_closed(stream: &mut TcpStream) -> String {
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut answer = vec![];
    stream
        .read_to_end(&mut answer)
        .expect("the receiver closes the connection");
    String::from_utf8_lossy(&answer).into_owned()
}

fn a_valid_referral_is_stored_once_and_exported(engine: Engine) {
    let r = start(engine);
    let (status, receipt) = r.send(&example());
    assert_eq!(status, 201, "{receipt}");
    assert_eq!(receipt["reference"], example()["reference"]);
    assert_eq!(receipt["eligibility"]["status"], "eligible");
    let exported = r.exported();
    assert_eq!(exported.len(), 1);
    assert_eq!(exported[0]["referral"], example());
}

fn the_same_referral_replayed_five_times_is_stored_once_with_the_same_answer(engine: Engine) {
    let r = start(engine);
    let first = r.send(&example());
    for _ in 0..5 {
        assert_eq!(r.send(&example()), first);
    }
    assert_eq!(r.exported().len(), 1);
}

fn the_same_key_with_another_body_is_refused(engine: Engine) {
    let r = start(engine);
    assert_eq!(r.send(&example()).0, 201);
    let mut other = example();
    other["incident"]["description"] = json!("Something else entirely.");
    let (status, body) = r.send(&other);
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["field"], "reference");
    assert_eq!(r.exported().len(), 1);
}

fn invalid_fields_are_refused_naming_each_field(engine: Engine) {
    let r = start(engine);
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

fn a_referral_the_rules_stop_is_refused(engine: Engine) {
    let r = start(engine);
    let mut stopped = example();
    stopped["case"]["supervised_in_area"] = json!("no");
    let (status, body) = r.send(&stopped);
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["field"], "eligibility");
}

fn malformed_oversized_and_mislabelled_bodies_are_refused(engine: Engine) {
    let r = start(engine);
    let key = example()["reference"].as_str().unwrap().to_owned();
    assert_eq!(r.post(&key, "application/json", "{not json").0, 400);
    assert_eq!(r.post(&key, "text/plain", EXAMPLE).0, 415);
    let huge = format!(r#"{{"padding": "{}"}}"#, "x".repeat(70 * 1024));
    assert_eq!(r.post(&key, "application/json", &huge).0, 413);
    let request = format!("POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{EXAMPLE}", EXAMPLE.len());
    assert_eq!(r.raw(request.as_bytes()).0, 400, "no Idempotency-Key");
    let mut mismatched = with_form_checks(&example());
    mismatched["reference"] = json!("RJ-0000-0000");
    assert_eq!(
        r.post(&key, "application/json", &mismatched.to_string()).0,
        422
    );
    assert!(r.exported().is_empty());
}

fn a_twin_of_a_request_still_in_flight_gets_409_with_retry_after(engine: Engine) {
    let r = start(engine);
    let key = example()["reference"].as_str().unwrap().to_owned();
    let body = with_form_checks(&example()).to_string();
    // The first request sends its headers and half its body, then waits.
    let mut slow = TcpStream::connect(&r.addr).unwrap();
    let head = format!("POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
    slow.write_all(head.as_bytes()).unwrap();
    slow.write_all(&body.as_bytes()[..100]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let request = format!("POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
    let twin = r.exchange(request.as_bytes()).to_ascii_lowercase();
    assert!(twin.starts_with("http/1.1 409"), "{twin}");
    assert!(twin.contains("retry-after: 2"), "{twin}");
    slow.write_all(&body.as_bytes()[100..]).unwrap();
    let response = read_until_closed(&mut slow);
    assert!(response.starts_with("HTTP/1.1 201"), "{response}");
    assert_eq!(
        r.send(&example()).0,
        201,
        "once finished, a replay gets the first answer"
    );
}

fn a_twin_at_another_instance_of_a_request_still_in_flight_gets_409_then_the_stored_answer(
    engine: Engine,
) {
    let a = start(engine);
    let b = a.another(&[]);
    let key = example()["reference"].as_str().unwrap().to_owned();
    let body = with_form_checks(&example()).to_string();
    // The first request, to `a`, sends its headers and half its body, then waits.
    let mut slow = TcpStream::connect(&a.addr).unwrap();
    let head = format!("POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
    slow.write_all(head.as_bytes()).unwrap();
    slow.write_all(&body.as_bytes()[..100]).unwrap();
    // Longer than a hold lasts unrenewed: the first request's hold is renewed while it waits.
    std::thread::sleep(Duration::from_secs(6));
    let request = format!("POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
    let twin = b.exchange(request.as_bytes()).to_ascii_lowercase();
    assert!(twin.starts_with("http/1.1 409"), "{twin}");
    assert!(twin.contains("retry-after: 2"), "{twin}");
    slow.write_all(&body.as_bytes()[100..]).unwrap();
    let response = read_until_closed(&mut slow);
    assert!(response.starts_with("HTTP/1.1 201"), "{response}");
    let first: Value = serde_json::from_str(response.split_once("\r\n\r\n").unwrap().1).unwrap();
    assert_eq!(
        b.send(&example()),
        (201, first),
        "once finished, the other instance gives the stored answer"
    );
    assert_eq!(a.exported().len(), 1);
}

fn the_hold_of_an_instance_killed_while_handling_a_request_lapses_and_the_twin_is_stored(
    engine: Engine,
) {
    // The test's retries are not what the rate limit is for.
    let args = ["--rate-limit", "1000"];
    let mut a = start_with(engine, &args);
    let b = a.another(&args);
    let key = example()["reference"].as_str().unwrap().to_owned();
    let body = with_form_checks(&example()).to_string();
    let mut slow = TcpStream::connect(&a.addr).unwrap();
    let head = format!("POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
    slow.write_all(head.as_bytes()).unwrap();
    slow.write_all(&body.as_bytes()[..100]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(b.send(&example()).0, 409, "held by `a`");
    a.kill(); // SIGKILL: `a` never lets go of its hold
              // The app's retries, bounded: the hold lapses, unrenewed, and the twin is stored.
    let mut answers = vec![];
    while answers.len() < 60 && answers.last() != Some(&201) {
        std::thread::sleep(Duration::from_millis(500));
        answers.push(b.send(&example()).0);
    }
    let (stored, waited) = answers.split_last().unwrap();
    assert_eq!(*stored, 201, "{answers:?}");
    assert!(waited.iter().all(|status| *status == 409), "{answers:?}");
    assert_eq!(b.exported().len(), 1);
}

fn a_stalled_upload_times_out_and_frees_its_reference(engine: Engine) {
    let r = start(engine);
    let key = example()["reference"].as_str().unwrap().to_owned();
    let body = with_form_checks(&example()).to_string();
    let mut slow = TcpStream::connect(&r.addr).unwrap();
    let head = format!("POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\n\r\n", body.len());
    slow.write_all(head.as_bytes()).unwrap();
    slow.write_all(&body.as_bytes()[..100]).unwrap();
    let answer = read_until_closed(&mut slow);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert_eq!(r.send(&example()).0, 201, "the reference is free again");
}

#[test]
fn idle_and_slow_connections_are_closed_and_do_not_shut_out_a_person() {
    let r = start(Engine::Sqlite);
    // One that sends half a header, and more idle sockets than the receiver serves at once.
    let mut slow_header = TcpStream::connect(&r.addr).unwrap();
    slow_header
        .write_all(b"POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Ty")
        .unwrap();
    let mut idle: Vec<TcpStream> = (0..300)
        .map(|_| TcpStream::connect(&r.addr).unwrap())
        .collect();
    // A person's referral still gets through.
    assert_eq!(send_from("127.0.0.2", &r, &example()), 201);
    for stream in idle.iter_mut().take(5).chain([&mut slow_header]) {
        let answer = read_until_closed(stream);
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
            "{answer}"
        );
    }
}

/// A referral sent as the app sends it, from `source`: the status of the answer.
fn send_from(source: &str, r: &Receiver, referral: &Value) -> u16 {
    let body = with_form_checks(referral).to_string();
    let key = referral["reference"].as_str().unwrap();
    let mut stream = connect_from(source, &r.addr);
    write!(
        stream,
        "POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let answer = read_until_closed(&mut stream);
    answer.get(9..12).map_or(0, |s| s.parse().unwrap())
}

#[test]
fn one_address_holding_more_sockets_than_the_whole_cap_does_not_hold_up_another() {
    let r = start(Engine::Sqlite);
    // More sockets from one address than the receiver serves at once, each having sent part
    // of a request's header, so the header's time limit (10 s) is what would close them.
    let mut held: Vec<TcpStream> = (0..300)
        .map(|_| {
            let mut s = TcpStream::connect(&r.addr).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
            s
        })
        .collect();
    assert_eq!(send_from("127.0.0.2", &r, &example()), 201);
    // Answered while the first of them is still open, waiting for the rest of its header: so
    // not once the flood's sockets were timed out.
    let first = &mut held[0];
    first.set_nonblocking(true).unwrap();
    let waiting = first.read(&mut [0; 1]).map_err(|e| e.kind());
    assert_eq!(waiting, Err(std::io::ErrorKind::WouldBlock), "still open");
    // Those past the address's own cap were closed unanswered (reset, as they had sent bytes
    // that were never read).
    let last = held.last_mut().unwrap();
    last.set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut answer = vec![];
    let closed = last.read_to_end(&mut answer).map_err(|e| e.kind());
    assert!(
        matches!(closed, Ok(0) | Err(std::io::ErrorKind::ConnectionReset)),
        "{closed:?}"
    );
}

#[test]
fn a_connection_that_sends_nothing_is_closed_before_the_header_time_limit() {
    let r = start(Engine::Sqlite);
    let mut slow = TcpStream::connect(&r.addr).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    let mut silent = TcpStream::connect(&r.addr).unwrap();
    // The silent one is closed without an answer, while the one that started its request is
    // still given the rest of the header's time.
    assert_eq!(read_until_closed(&mut silent), "");
    slow.set_nonblocking(true).unwrap();
    let waiting = slow.read(&mut [0; 1]).map_err(|e| e.kind());
    assert_eq!(waiting, Err(std::io::ErrorKind::WouldBlock), "still open");
}

#[test]
fn thousands_of_wrong_fields_get_a_small_answer_naming_the_first_few() {
    let r = start(Engine::Sqlite);
    let mut referral = example();
    for n in 0..4000 {
        referral["person"][format!("k{n:04}")] = json!(0);
    }
    // A name that escapes to six times its length in JSON.
    referral["person"]["\u{1}".repeat(2000)] = json!(0);
    let (status, body) = r.send(&referral);
    assert_eq!(status, 422);
    assert!(
        body.to_string().len() <= 4096,
        "{} bytes",
        body.to_string().len()
    );
    let named = body["errors"].as_array().unwrap();
    assert!(!named.is_empty() && named.len() <= 10, "{}", named.len());
    assert!(body["more"].as_u64().unwrap() >= 4000 - 10, "{body}");
}

fn a_key_that_is_not_a_reference_is_refused_before_anything_is_kept(engine: Engine) {
    let r = start(engine);
    let body = with_form_checks(&example()).to_string();
    for key in [
        "x".repeat(10_000),
        "not-a-reference".to_owned(),
        "rj-7k3m-9qxp".to_owned(),
    ] {
        let (status, answer) = r.post(&key, "application/json", &body);
        assert_eq!(status, 400, "{key}: {answer}");
    }
    assert!(r.exported().is_empty());
}

fn a_referral_already_stored_under_a_reference_makes_another_one_under_it_refused_with_a_code(
    engine: Engine,
) {
    let r = start(engine);
    assert_eq!(r.send(&example()).0, 201);
    let mut other = example();
    other["person"]["name"] = json!("Somebody Else");
    let (status, body) = r.send(&other);
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["code"], "reference_used", "{body}");
}

fn a_version_1_referral_is_still_accepted(engine: Engine) {
    let r = start(engine);
    let mut v1 = example();
    v1["schema_version"] = json!(1);
    v1["reference"] = json!("3f0c2a7e-9d1b-4c5a-8e2f-6b7d9a0c1e34");
    let (status, receipt) = r.send(&v1);
    assert_eq!(status, 201, "{receipt}");
    assert_eq!(r.exported()[0]["referral"], v1);
}

fn one_client_flooding_gets_429_with_retry_after_and_others_still_get_through(engine: Engine) {
    let r = start_with(engine, &["--rate-limit", "5"]);
    let statuses: Vec<u16> = (0..8).map(|_| r.send(&another_example()).0).collect();
    assert_eq!(statuses, [201, 201, 201, 201, 201, 429, 429, 429]);
    let body = with_form_checks(&another_example());
    let key = body["reference"].as_str().unwrap().to_owned();
    let request = format!("POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.to_string().len());
    let flooded = r.exchange(request.as_bytes()).to_ascii_lowercase();
    assert!(flooded.starts_with("http/1.1 429"), "{flooded}");
    assert!(flooded.contains("retry-after:"), "{flooded}");
    // A person on another address is not held up by the flood.
    let mut person = connect_from("127.0.0.2", &r.addr);
    person.write_all(request.as_bytes()).unwrap();
    let answer = read_until_closed(&mut person);
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    assert_eq!(r.exported().len(), 6);
}

fn what_is_stored_is_what_was_checked_with_the_outcome_recomputed(engine: Engine) {
    let r = start(engine);
    let mut forged = example();
    forged["eligibility"] = json!({"status": "eligible", "redirect_to": null, "reasons": ["forged"], "rules_version": "0"});
    forged["case_type"] = json!("mediation");
    assert_eq!(r.send(&forged).0, 201);
    assert_eq!(
        r.exported()[0]["referral"],
        example(),
        "stored as the core writes it"
    );
    let mut mistyped = another_example();
    mistyped["person"]["name"] = json!(["Alex", "Smith"]);
    mistyped["person"]["age"] = json!("42");
    let (status, body) = r.send(&mistyped);
    assert_eq!(status, 422, "{body}");
    assert_eq!(r.exported().len(), 1);
}

fn text_with_control_or_direction_override_characters_is_refused(engine: Engine) {
    let r = start(engine);
    for hidden in ["\u{202E}", "\u{2028}", "\u{1b}[31m", "\u{2067}"] {
        let mut bad = another_example();
        bad["incident"]["description"] = json!(format!("It happened{hidden} here."));
        let (status, body) = r.send(&bad);
        assert_eq!(status, 422, "{hidden:?}: {body}");
        assert_eq!(body["errors"][0]["field"], "description");
    }
    assert!(r.exported().is_empty());
}

#[test]
fn cors_is_answered_for_configured_origins_only() {
    let r = start(Engine::Sqlite);
    let preflight = |origin: &str| {
        let request = format!("OPTIONS /api/referrals HTTP/1.1\r\nHost: x\r\nOrigin: {origin}\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: content-type, idempotency-key\r\nConnection: close\r\n\r\n");
        r.exchange(request.as_bytes()).to_ascii_lowercase()
    };
    let allowed = preflight(PARTNER);
    assert!(allowed.starts_with("http/1.1 200"), "{allowed}");
    assert!(allowed.contains(&format!("access-control-allow-origin: {PARTNER}")));
    assert!(allowed.contains("access-control-allow-headers: content-type,idempotency-key"));
    assert!(allowed.contains("access-control-allow-methods: post"));
    let refused = preflight("http://127.0.0.3:9000");
    assert!(
        !refused.contains("access-control-allow-origin"),
        "{refused}"
    );
    // The answer to the POST itself names the partner, and lets it read Retry-After.
    let body = with_form_checks(&example()).to_string();
    let key = example()["reference"].as_str().unwrap().to_owned();
    let request = format!("POST /api/referrals HTTP/1.1\r\nHost: x\r\nOrigin: {PARTNER}\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
    let answer = r.exchange(request.as_bytes()).to_ascii_lowercase();
    assert!(
        answer.contains(&format!("access-control-allow-origin: {PARTNER}")),
        "{answer}"
    );
    assert!(
        answer.contains("access-control-expose-headers: retry-after"),
        "{answer}"
    );
}

fn a_filled_honeypot_or_inhuman_speed_is_dropped_and_logged_with_its_reference(engine: Engine) {
    let r = start(engine);
    let mut bot = another_example();
    bot["website"] = json!("http://spam.example");
    assert_eq!(r.send(&bot).0, 201);
    let mut fast = another_example();
    fast["elapsed_ms"] = json!(800);
    assert_eq!(r.send(&fast).0, 201);
    assert!(r.exported().is_empty());
    for dropped in [&bot, &fast] {
        let reference = dropped["reference"].as_str().unwrap();
        // Written before the answer, but read from the receiver's output by another thread:
        // waited for, boundedly.
        let logged = (0..100).any(|_| {
            let found = r
                .log
                .lock()
                .unwrap()
                .iter()
                .any(|l| l.contains(&format!("dropped {reference}")));
            found || {
                std::thread::sleep(Duration::from_millis(100));
                false
            }
        });
        assert!(logged, "{reference} not in {:?}", r.log.lock().unwrap());
    }
    // Spaces an autofill left in the hidden field are not a bot's answer.
    let mut person = example();
    person["website"] = json!("  ");
    assert_eq!(r.send(&person).0, 201);
    assert_eq!(r.exported().len(), 1);
    assert_eq!(
        r.exported()[0]["referral"],
        example(),
        "the form's extra fields are not stored"
    );
    // Leaving the checks out is not a way past them.
    for missing in ["website", "elapsed_ms"] {
        let mut body = with_form_checks(&another_example());
        body.as_object_mut().unwrap().remove(missing);
        let key = body["reference"].as_str().unwrap().to_owned();
        let (status, answer) = r.post(&key, "application/json", &body.to_string());
        assert_eq!(status, 422, "without {missing}: {answer}");
    }
    let log = r.log.lock().unwrap().join("\n");
    assert!(
        !log.contains("Alex") && !log.contains("SO23"),
        "personal data in the log: {log}"
    );
}

fn a_body_that_breaks_off_is_400_not_413(engine: Engine) {
    let r = start(engine);
    let key = example()["reference"].as_str().unwrap().to_owned();
    let mut stream = TcpStream::connect(&r.addr).unwrap();
    let head = format!("POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{{\"a\":\r\nzz\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let answer = read_until_closed(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
}

#[test]
fn symlinks_in_the_built_app_are_not_followed() {
    let r = start(Engine::Sqlite);
    assert_eq!(r.send(&example()).0, 201);
    std::os::unix::fs::symlink(r.db(), r.dir.join("dist/leak.sqlite3")).unwrap();
    std::os::unix::fs::symlink(r.dir.join("data"), r.dir.join("dist/data")).unwrap();
    for path in [
        "/leak.sqlite3",
        "/data/referrals.sqlite3",
        "/%6Ceak.sqlite3",
    ] {
        let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assert_eq!(r.raw(request.as_bytes()).0, 404, "{path}");
    }
}

/// A folder of the built app linked out of it (`dist/data -> the data folder`): what the file
/// server would open for each of these is the database, so each is refused.
fn a_linked_file(r: &Receiver, method: &str, path: &str, header: &str) -> u16 {
    if !r.dir.join("dist/data").exists() {
        std::os::unix::fs::symlink(r.dir.join("data"), r.dir.join("dist/data")).unwrap();
    }
    let request =
        format!("{method} {path} HTTP/1.1\r\nHost: x\r\n{header}Connection: close\r\n\r\n");
    r.raw(request.as_bytes()).0
}

/// Every spelling of a path that the file server would open through a link: the trailing `.`,
/// `./`, an encoded slash, and HEAD and Range requests of them.
#[test]
fn a_linked_file_is_not_served_however_it_is_asked_for() {
    let r = start(Engine::Sqlite);
    let range = "Range: bytes=0-15\r\n";
    for (method, path, header) in [
        ("GET", "/data/referrals.sqlite3/.", ""),
        ("GET", "/data/referrals.sqlite3/./", ""),
        ("GET", "/data/referrals.sqlite3%2f.", ""),
        ("HEAD", "/data/referrals.sqlite3/.", ""),
        ("GET", "/data/referrals.sqlite3/.", range),
    ] {
        assert_eq!(
            a_linked_file(&r, method, path, header),
            404,
            "{method} {path} {header}"
        );
    }
}

#[test]
fn the_built_app_is_still_served_in_every_form_of_its_paths() {
    let r = start(Engine::Sqlite);
    for path in [
        "/",
        "/index.html",
        "/app-0123456789abcdef.js",
        "/./index.html",
    ] {
        assert_eq!(a_linked_file(&r, "GET", path, ""), 200, "{path}");
    }
}

#[test]
fn the_database_and_its_folder_are_private_to_the_receivers_user() {
    use std::os::unix::fs::PermissionsExt;
    let r = start(Engine::Sqlite);
    assert_eq!(r.send(&example()).0, 201);
    let mode = |p: PathBuf| std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(r.dir.join("data")), 0o700);
    assert_eq!(mode(r.db()), 0o600);
    assert_eq!(mode(r.dir.join("data/referrals.sqlite3-wal")), 0o600);
}

fn sigterm_stops_the_receiver_cleanly(engine: Engine) {
    let mut r = start(engine);
    assert_eq!(r.send(&example()).0, 201);
    let killed = Command::new("kill")
        .args(["-TERM", &r.child.as_ref().unwrap().id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = r.child.take().unwrap().wait().unwrap();
    assert!(status.success(), "{status}");
    assert_eq!(r.exported().len(), 1);
}

#[test]
fn a_partner_origin_that_is_not_an_origin_stops_the_receiver_from_starting() {
    let dir = std::env::temp_dir().join(format!("rj-receiver-origin-{}", rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = common::keygen(&dir);
    for bad in [
        "https://partner.example; script-src *",
        "https://part\u{7}ner.example",
        "partner.example",
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_rj-receiver"))
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--dist",
                "/nonexistent",
                "--allow-origin",
                bad,
            ])
            .arg("--db")
            .arg(dir.join("referrals.sqlite3"))
            .arg("--key-file")
            .arg(&key)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{bad:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("is not an origin"), "{bad:?}: {stderr}");
    }
}

#[test]
fn every_answer_carries_the_secure_headers_and_api_answers_are_not_cached() {
    let r = start(Engine::Sqlite);
    let page = r
        .exchange(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .to_ascii_lowercase();
    for header in [
        "strict-transport-security: max-age=31536000",
        "permissions-policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "cross-origin-opener-policy: same-origin",
        "x-content-type-options: nosniff",
        "referrer-policy: no-referrer",
        &format!("frame-ancestors 'self' {PARTNER}"),
    ] {
        assert!(page.contains(header), "{header} missing from {page}");
    }
    let body = with_form_checks(&example()).to_string();
    let key = example()["reference"].as_str().unwrap().to_owned();
    let request = format!("POST /api/referrals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
    let api = r.exchange(request.as_bytes()).to_ascii_lowercase();
    assert!(api.contains("cache-control: no-store"), "{api}");
}

#[test]
fn assets_are_served_precompressed_with_long_caching_for_hashed_names() {
    let r = start(Engine::Sqlite);
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

#[test]
fn serve_refuses_to_start_without_a_key_so_nothing_is_stored_in_plain_text() {
    let dir = std::env::temp_dir().join(format!("rj-receiver-nokey-{}", rand_suffix()));
    let out = Command::new(env!("CARGO_BIN_EXE_rj-receiver"))
        .args(["serve", "--listen", "127.0.0.1:0", "--db"])
        .arg(dir.join("referrals.sqlite3"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("serve needs --key-file"), "{stderr}");
    assert!(stderr.contains("rj-receiver keygen --out FILE"), "{stderr}");
    assert!(!dir.exists(), "no database is made without a key");
}

/// A key file of the first format still works: `serve` writes it again in place in the current
/// one (whose chain of day keys lets erasure reach copies of the database), private, and what
/// it stores opens with it.
#[test]
fn a_key_file_of_version_1_is_written_again_in_place_as_version_2_and_still_opens() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("rj-receiver-v1-{}", rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("receiver.key");
    std::fs::write(
        &key,
        "rj-key-v1:BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=\n",
    )
    .unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    let database = Engine::Sqlite.database(&dir.join("data/referrals.sqlite3"));
    let key_arg = key.display().to_string();
    let r = Receiver::start_in(&dir, database, &with_partner(&["--key-file", &key_arg]));
    let text = std::fs::read_to_string(&key).unwrap();
    assert!(text.starts_with("rj-key-v2\nreplay "), "{text}");
    let mode = std::fs::metadata(&key).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert!(!dir.join("receiver.key.new").exists());
    assert_eq!(r.send(&example()).0, 201);
    assert_eq!(r.exported().len(), 1);
}

#[test]
fn healthz_is_200_while_the_database_answers_and_503_while_it_does_not() {
    let r = start(Engine::Sqlite);
    let get = || r.raw(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(get().0, 200);
    // Another process holding the database's write lock: the receiver could store nothing.
    let holder = rusqlite::Connection::open(r.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    assert_eq!(get().0, 503);
    drop(holder);
    assert_eq!(get().0, 200, "healthy again once the database answers");
}

fn twins_sent_at_once_to_two_instances_on_one_database_are_stored_once_sealed_with_one_answer(
    engine: Engine,
) {
    // One test client sends every request: the per-client rate limit is not what is tested.
    let args = ["--rate-limit", "1000"];
    let a = start_with(engine, &args);
    let b = a.another(&args);
    let mut sent = vec![];
    for _ in 0..10 {
        let referral = another_example();
        let answers: Vec<(u16, Value)> = std::thread::scope(|s| {
            let sent: Vec<_> = [&a, &b, &a, &b]
                .into_iter()
                .map(|r| s.spawn(|| r.send(&referral)))
                .collect();
            sent.into_iter().map(|t| t.join().unwrap()).collect()
        });
        let created: Vec<&Value> = answers
            .iter()
            .filter(|(status, _)| *status == 201)
            .map(|(_, body)| body)
            .collect();
        // A twin still in flight at either instance may get 409; every other gets the one answer.
        assert!(
            answers
                .iter()
                .all(|(status, _)| [201, 409].contains(status)),
            "{answers:?}"
        );
        assert!(!created.is_empty());
        assert!(
            created.iter().all(|body| *body == created[0]),
            "{answers:?}"
        );
        sent.push(referral["reference"].clone());
    }
    let stored: Vec<Value> = a
        .exported()
        .iter()
        .map(|line| line["referral"]["reference"].clone())
        .collect();
    assert_eq!(
        stored, sent,
        "each referral stored once, in the order it came"
    );
    // Sealed at rest: without the key, nothing can be read.
    let out = Command::new(env!("CARGO_BIN_EXE_rj-receiver"))
        .args(["export", "--db", &a.database])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("encrypted"));
}

#[test]
fn on_postgresql_the_database_url_may_come_from_the_environment() {
    let r = start(Engine::Postgres);
    assert_eq!(r.send(&example()).0, 201);
    let out = Command::new(env!("CARGO_BIN_EXE_rj-receiver"))
        .arg("export")
        .env("RJ_DATABASE_URL", &r.database)
        .arg("--key-file")
        .arg(r.dir.join("receiver.key"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn a_database_password_on_the_command_line_is_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_rj-receiver"))
        .args(["status", "--db", "postgres://rj:secret@127.0.0.1/referrals"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("RJ_DATABASE_URL"));
}

on_both_engines!(
    a_valid_referral_is_stored_once_and_exported,
    the_same_referral_replayed_five_times_is_stored_once_with_the_same_answer,
    the_same_key_with_another_body_is_refused,
    invalid_fields_are_refused_naming_each_field,
    a_referral_the_rules_stop_is_refused,
    malformed_oversized_and_mislabelled_bodies_are_refused,
    a_twin_of_a_request_still_in_flight_gets_409_with_retry_after,
    a_twin_at_another_instance_of_a_request_still_in_flight_gets_409_then_the_stored_answer,
    the_hold_of_an_instance_killed_while_handling_a_request_lapses_and_the_twin_is_stored,
    a_stalled_upload_times_out_and_frees_its_reference,
    a_key_that_is_not_a_reference_is_refused_before_anything_is_kept,
    a_referral_already_stored_under_a_reference_makes_another_one_under_it_refused_with_a_code,
    a_version_1_referral_is_still_accepted,
    one_client_flooding_gets_429_with_retry_after_and_others_still_get_through,
    what_is_stored_is_what_was_checked_with_the_outcome_recomputed,
    text_with_control_or_direction_override_characters_is_refused,
    a_filled_honeypot_or_inhuman_speed_is_dropped_and_logged_with_its_reference,
    a_body_that_breaks_off_is_400_not_413,
    sigterm_stops_the_receiver_cleanly,
    twins_sent_at_once_to_two_instances_on_one_database_are_stored_once_sealed_with_one_answer,
    status_never_shows_a_webhook_login_or_query,
);

/// `serve` with a fresh database in `dir` and these options: its exit code and standard error.
fn serve_in(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    std::fs::create_dir_all(dir.join("dist")).unwrap();
    for page in ["index.html", "app.html"] {
        std::fs::write(
            dir.join("dist").join(page),
            "<!doctype html><title>t</title>",
        )
        .unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_rj-receiver"))
        .args(["serve", "--listen", "127.0.0.1:0", "--db"])
        .arg(dir.join("referrals.sqlite3"))
        .arg("--dist")
        .arg(dir.join("dist"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn set_mode(file: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(file, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn serve_refuses_a_key_or_a_secret_that_other_users_can_read() {
    let dir = std::env::temp_dir().join(format!("rj-receiver-modes-{}", rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = common::keygen(&dir);
    let secret = dir.join("secret");
    std::fs::write(
        &secret,
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwAAAAAAAAAAA=",
    )
    .unwrap();
    set_mode(&secret, 0o600);
    let password = dir.join("password");
    std::fs::write(&password, "pw").unwrap();
    set_mode(&password, 0o600);
    let (key, secret, password) = (
        key.to_str().unwrap(),
        secret.to_str().unwrap(),
        password.to_str().unwrap(),
    );
    let webhook = [
        "--webhook",
        "https://cms.example/referrals",
        "--webhook-secret-file",
        secret,
    ];
    let on_postgres = [
        "--db",
        "postgres://rj@127.0.0.1:1/referrals",
        "--db-password-file",
        password,
    ];
    for (file, mode) in [
        (key, 0o644),
        (key, 0o640),
        (secret, 0o604),
        (password, 0o644),
    ] {
        set_mode(std::path::Path::new(file), mode);
        let (code, stderr) = serve_in(
            &dir,
            &[&["--key-file", key][..], &webhook, &on_postgres].concat(),
        );
        assert_eq!(code, Some(2), "{file} {mode:o}: {stderr}");
        assert!(stderr.contains(&format!("chmod 600 {file}")), "{stderr}");
        set_mode(std::path::Path::new(file), 0o600);
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn serve_refuses_a_key_of_zeros() {
    let dir = std::env::temp_dir().join(format!("rj-receiver-zeros-{}", rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("zeros.key");
    std::fs::write(
        &key,
        "rj-key-v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
    )
    .unwrap();
    set_mode(&key, 0o600);
    let (code, stderr) = serve_in(&dir, &["--key-file", key.to_str().unwrap()]);
    assert_ne!(code, Some(0));
    assert!(stderr.contains("a key of zeros"), "{stderr}");
    assert!(!dir.join("referrals.sqlite3").exists(), "nothing stored");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_webhook_with_a_login_or_a_query_stops_serve_from_starting() {
    let dir = std::env::temp_dir().join(format!("rj-receiver-hook-{}", rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = common::keygen(&dir);
    let secret = dir.join("secret");
    std::fs::write(
        &secret,
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwAAAAAAAAAAA=",
    )
    .unwrap();
    set_mode(&secret, 0o600);
    for url in [
        "https://user@cms.example/referrals",
        "https://user:pw@cms.example/referrals",
        "https://cms.example/referrals?token=abc",
    ] {
        let (code, stderr) = serve_in(
            &dir,
            &[
                "--key-file",
                key.to_str().unwrap(),
                "--webhook",
                url,
                "--webhook-secret-file",
                secret.to_str().unwrap(),
            ],
        );
        assert_ne!(code, Some(0), "{url}");
        assert!(
            stderr.contains("must not carry a login or a query"),
            "{url}: {stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// As a database made before such URLs were refused holds them.
fn status_never_shows_a_webhook_login_or_query(engine: Engine) {
    let r = start(engine);
    let db = match engine {
        Engine::Sqlite => rj_receiver::config::Db::Sqlite(r.db()),
        Engine::Postgres => rj_receiver::config::Db::Postgres(r.database.clone()),
    };
    let hook = "webhook:https://user:pw@cms.example/referrals?token=SECRET";
    rj_receiver::store::open(&db)
        .unwrap()
        .set_destinations(&[hook.into()])
        .unwrap();
    let (code, out) = r.command(&["status"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("webhook:https://cms.example/referrals: 0 delivered"),
        "{out}"
    );
    for secret in ["SECRET", "token", "pw", "user"] {
        assert!(!out.contains(secret), "{secret} in {out}");
    }
}

#[test]
fn status_into_a_reader_that_has_gone_exits_quietly() {
    let r = start(Engine::Sqlite);
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_rj-receiver"))
        .args(["status", "--db", &r.database])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn status_and_export_make_nothing_other_users_can_read() {
    use std::os::unix::fs::PermissionsExt;
    let mut r = start(Engine::Sqlite);
    r.kill();
    for suffix in [
        "-in-flight",
        "-in-flight-wal",
        "-in-flight-shm",
        "-wal",
        "-shm",
    ] {
        let _ = std::fs::remove_file(r.dir.join(format!("data/referrals.sqlite3{suffix}")));
    }
    let key = r.dir.join("receiver.key");
    for command in [
        &["status"][..],
        &["export", "--key-file", key.to_str().unwrap()],
    ] {
        let (code, _) = r.command(command);
        assert_eq!(code, 0, "{command:?}");
        let made = std::fs::metadata(r.dir.join("data/referrals.sqlite3-in-flight")).unwrap();
        assert_eq!(made.permissions().mode() & 0o777, 0o600, "{command:?}");
    }
}
