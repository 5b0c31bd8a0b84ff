//! Delivery of referrals through the outbox, against real servers on loopback: Debian's
//! aiosmtpd as the service's mail server (`smtp_sink.py`), and a webhook server in this test.
//! Each test starts its own receiver, mail server and webhook on free ports, and stops them,
//! and runs on SQLite and on PostgreSQL (`on_both_engines!`).

mod common;
use common::answers::{today, walk};
use common::{on_both_engines, Engine, Receiver};

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::sleep;
use std::time::{Duration, Instant};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use rj_core::referral::{Reference, Referral};
use rj_core::wizard::Field;
use serde_json::{json, Value};
use sha2::Sha256;

const EXAMPLE: &str = include_str!("../../schema/examples/referral.json");
const SERVICE: &str = "hiow@restorativesolutions.org.uk.cjsm.net";
const POLICE: &str = "restorativereferrals@hampshire.police.uk";
/// A Standard Webhooks secret: whsec_ and 32 bytes in base64.
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwAAAAAAAAAAA=";
/// The example referral's personal data: none of it may appear in a subject or a receipt.
const PERSONAL: &[&str] = &[
    "Jordan",
    "Smith",
    "Alex Morgan",
    "PO1 2AB",
    "07700900123",
    "burglary",
    "Winchester",
];

/// Makes a file of secrets readable by its owner only, as `serve` requires.
fn private(file: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600)).unwrap();
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn temp_dir(name: &str) -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "rj-delivery-{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A reference a person can read out, new each call: the process id and a counter make its
/// "random" part, so no two in a run are the same.
fn reference() -> Reference {
    static N: AtomicU32 = AtomicU32::new(0);
    let [_, c, d, e] = N.fetch_add(1, Ordering::SeqCst).to_be_bytes();
    let [a, b] = (std::process::id() as u16).to_be_bytes();
    Reference::from_random([a, b, c, d, e])
}

/// The example referral (a probation officer's), with a new reference.
fn referral() -> Value {
    let mut referral: Value = serde_json::from_str(EXAMPLE).unwrap();
    referral["reference"] = json!(reference().to_string());
    referral
}

/// A person referring themselves, with an email address of their own.
fn self_referral() -> Value {
    let referral = Referral {
        reference: reference(),
        submitted_at: "2026-11-30T10:15:00.000Z".into(),
        answers: walk(&[(Field::Referrer, "self"), (Field::ContactMethods, "email")]).0,
    };
    let payload: Value = serde_json::from_str(&referral.to_payload(today()).to_string()).unwrap();
    assert_eq!(payload["person"]["email"], "a@example.com");
    payload
}

/// Waits for a condition that the outbox makes true in the background; fails after a minute.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    // Longer than a delivery's lease (45 s here), which a killed receiver's tries wait out.
    let deadline = Instant::now() + Duration::from_secs(120);
    while !done() {
        assert!(Instant::now() < deadline, "never happened: {what}");
        sleep(Duration::from_millis(100));
    }
}

/// The service's mail server: aiosmtpd writing into a Maildir folder.
struct Smtp {
    child: Option<Child>,
    port: u16,
    maildir: PathBuf,
}

impl Smtp {
    fn on(port: u16, dir: &Path) -> Smtp {
        let mut smtp = Smtp {
            child: None,
            port,
            maildir: dir.join("maildir"),
        };
        smtp.start();
        smtp
    }

    fn start(&mut self) {
        let mut child = Command::new("/usr/bin/python3")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp_sink.py"))
            .args(["serve", &self.port.to_string()])
            .arg(&self.maildir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("/usr/bin/python3 with aiosmtpd (scripts/setup installs python3-aiosmtpd)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP server did not start");
        self.child = Some(child);
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Refuse every message to `to` with this reply from now on.
    fn refuse_to(&self, to: &str, reply: &str) {
        std::fs::create_dir_all(&self.maildir).unwrap();
        std::fs::write(self.maildir.join(format!("refuse-{to}")), reply).unwrap();
    }

    /// Refuse every message with this reply from now on, or accept them again.
    fn refuse(&self, reply: Option<&str>) {
        let file = self.maildir.join("refuse");
        match reply {
            Some(reply) => std::fs::write(file, reply).unwrap(),
            None => std::fs::remove_file(file).unwrap(),
        }
    }

    fn messages(&self) -> Vec<Value> {
        if !self.maildir.exists() {
            return vec![];
        }
        let out = Command::new("/usr/bin/python3")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp_sink.py"))
            .arg("dump")
            .arg(&self.maildir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        self.stop();
    }
}

/// How the test webhook answers.
#[derive(Clone, Copy)]
enum Answer {
    Status(u16),
    /// Never answers: the receiver must time out.
    Hang,
}

/// A request the webhook received: its headers (names in lower case) and body.
type Request = (HashMap<String, String>, String);

/// A webhook endpoint on loopback that records every request and answers as told.
struct Hook {
    port: u16,
    answer: Arc<Mutex<Answer>>,
    received: Arc<Mutex<Vec<Request>>>,
}

impl Hook {
    fn start(answer: Answer) -> Hook {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let hook = Hook {
            port: listener.local_addr().unwrap().port(),
            answer: Arc::new(Mutex::new(answer)),
            received: Arc::default(),
        };
        let (answer, received) = (hook.answer.clone(), hook.received.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (answer, received) = (answer.clone(), received.clone());
                std::thread::spawn(move || Hook::handle(stream, &answer, &received));
            }
        });
        hook
    }

    fn handle(stream: TcpStream, answer: &Mutex<Answer>, received: &Mutex<Vec<Request>>) {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut headers = HashMap::new();
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            match line.trim_end().split_once(':') {
                Some((name, value)) => {
                    headers.insert(name.to_ascii_lowercase(), value.trim().to_owned());
                }
                None => break,
            }
        }
        let length = headers["content-length"].parse().unwrap();
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        received
            .lock()
            .unwrap()
            .push((headers, String::from_utf8(body).unwrap()));
        let answer = *answer.lock().unwrap();
        let status = match answer {
            Answer::Status(status) => status,
            Answer::Hang => {
                sleep(Duration::from_secs(5));
                return;
            }
        };
        let _ = (&stream).write_all(
            format!("HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                .as_bytes(),
        );
    }

    fn set(&self, answer: Answer) {
        *self.answer.lock().unwrap() = answer;
    }

    fn received(&self) -> Vec<Request> {
        self.received.lock().unwrap().clone()
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/referrals", self.port)
    }
}

/// A receiver forwarding to the service's two mailboxes, and to `hook` if given.
fn start(engine: Engine, dir: &Path, smtp: &Smtp, hook: Option<&Hook>, extra: &[&str]) -> Receiver {
    let database = engine.database(&dir.join("referrals.sqlite3"));
    start_on(database, dir, smtp, hook, extra)
}

/// A receiver on `database`, as `--db` takes it.
fn start_on(
    database: String,
    dir: &Path,
    smtp: &Smtp,
    hook: Option<&Hook>,
    extra: &[&str],
) -> Receiver {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("secret"), SECRET).unwrap();
    private(&dir.join("secret"));
    let mut args: Vec<String> = [
        // One test client sends every referral: the per-client rate limit is not tested here.
        "--rate-limit",
        "1000000",
        "--smtp",
        &smtp.url(),
        "--mail-from",
        "referrals@rj.example",
        "--mail-to",
        SERVICE,
        "--mail-to",
        POLICE,
        "--first-retry",
        "0.2",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if let Some(hook) = hook {
        args.extend([
            "--webhook".into(),
            hook.url(),
            "--webhook-secret-file".into(),
            dir.join("secret").display().to_string(),
            "--webhook-timeout".into(),
            "1".into(),
        ]);
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Receiver::start_in(dir, database, &args)
}

/// What these tests ask of a receiver.
trait Delivery {
    fn send(&self, referral: &Value) -> u16;
    fn health(&self) -> u16;
    fn status(&self) -> (i32, HashMap<String, (u32, u32, u32)>);
    fn delivered(&self, destination: &str) -> u32;
}

impl Delivery for Receiver {
    fn send(&self, referral: &Value) -> u16 {
        // With the app's two form checks, as a person's browser sends them.
        let mut referral = referral.clone();
        referral["website"] = json!("");
        referral["elapsed_ms"] = json!(600_000);
        let body = referral.to_string();
        let key = referral["reference"].as_str().unwrap();
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        write!(
            stream,
            "POST /api/referrals HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response[9..12].parse().unwrap()
    }

    /// The status of `GET /healthz`.
    fn health(&self) -> u16 {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response[9..12].parse().unwrap()
    }

    /// `rj-receiver status`: its exit code, and per destination (delivered, pending, dead).
    fn status(&self) -> (i32, HashMap<String, (u32, u32, u32)>) {
        let (code, out) = self.command(&["status"]);
        let counts = out
            .lines()
            .filter(|l| l.contains(" delivered, "))
            .filter_map(|l| {
                let (destination, rest) = l.rsplit_once(": ")?;
                let n: Vec<u32> = rest
                    .split(", ")
                    .map(|part| part.split(' ').next().unwrap().parse().unwrap())
                    .collect();
                Some((destination.to_owned(), (n[0], n[1], n[2])))
            })
            .collect();
        (code, counts)
    }

    fn delivered(&self, destination: &str) -> u32 {
        self.status().1.get(destination).map_or(0, |s| s.0)
    }
}

on_both_engines!(
    a_referral_is_emailed_to_the_service_whole_and_the_referrer_gets_a_receipt,
    a_person_referring_themselves_is_never_emailed,
    a_referral_that_comes_while_the_mail_server_is_down_is_delivered_once_it_is_up,
    a_mail_server_refusing_with_4xx_gets_the_referral_when_it_accepts_again,
    a_mail_server_refusing_with_5xx_makes_the_delivery_dead_at_once,
    a_receipt_the_referrers_mail_server_refuses_is_dropped,
    a_webhook_answering_500_then_timing_out_then_200_gets_the_referral_signed,
    a_delivery_that_never_succeeds_dies_is_reported_and_is_brought_back,
    a_receiver_killed_while_delivering_delivers_everything_after_restart,
    a_copy_of_the_database_and_its_wal_reveals_no_personal_data_without_the_key,
);

fn mail_to<'a>(messages: &'a [Value], to: &str) -> Vec<&'a Value> {
    messages
        .iter()
        .filter(|m| m["headers"]["x-rcptto"] == to)
        .collect()
}

fn a_referral_is_emailed_to_the_service_whole_and_the_referrer_gets_a_receipt(engine: Engine) {
    let dir = temp_dir("mail");
    let smtp = Smtp::on(free_port(), &dir);
    let receiver = start(engine, &dir, &smtp, None, &[]);
    let referral = referral();
    let reference = referral["reference"].as_str().unwrap().to_owned();
    assert_eq!(receiver.send(&referral), 201);
    eventually("the receipt is sent", || receiver.delivered("receipt") == 1);
    let messages = smtp.messages();
    assert_eq!(messages.len(), 3, "one to each mailbox, one receipt");
    for to in [SERVICE, POLICE] {
        let sent = mail_to(&messages, to);
        assert_eq!(sent.len(), 1, "{to}");
        let message = sent[0];
        let headers = &message["headers"];
        assert_eq!(headers["from"], "referrals@rj.example");
        assert_eq!(headers["to"], to);
        assert_eq!(
            headers["message-id"],
            format!("<referral.{reference}@rj.example>")
        );
        let subject = headers["subject"].as_str().unwrap();
        assert_eq!(
            subject,
            format!("Restorative justice referral {reference}: fits the criteria")
        );
        for personal in PERSONAL {
            assert!(!subject.contains(personal), "{personal} in {subject}");
        }
        let text = message["text"].as_str().unwrap();
        for answer in [
            "Jordan Smith",
            "07700900123",
            "PO1 2AB",
            "Weekday afternoons",
            "44190012345",
            "A burglary at a family home in Winchester.",
            "Alex Morgan",
            "Probation Service, Portsmouth",
            "alex.morgan@example.org",
            "Probation officer",
            "SO23 8UJ",
        ] {
            assert!(
                text.contains(answer),
                "{answer} missing from the body:\n{text}"
            );
        }
        assert!(text.contains(&format!("Rules version: {}", rj_core::RULES_VERSION)));
        let attachments = message["attachments"].as_array().unwrap();
        assert_eq!(attachments.len(), 1);
        assert_eq!(
            attachments[0]["filename"],
            format!("referral-{reference}.json")
        );
        assert_eq!(attachments[0]["content_type"], "application/json");
        let attached: Value =
            serde_json::from_str(attachments[0]["content"].as_str().unwrap()).unwrap();
        let mut expected = referral.clone();
        expected.as_object_mut().unwrap().remove("elapsed_ms");
        assert_eq!(attached, expected);
        assert_schema_valid(&attached);
    }
    let receipt = mail_to(&messages, "alex.morgan@example.org");
    assert_eq!(receipt.len(), 1, "one receipt to the referrer");
    let all = format!("{}", receipt[0]);
    assert!(all.contains(&reference));
    assert!(all.contains(rj_core::contact::PHONE));
    for personal in PERSONAL {
        assert!(!all.contains(personal), "{personal} in the receipt: {all}");
    }
    assert_eq!(receiver.status().0, 0);
    assert!(receiver.logged(&[&reference, "receipt attempt 1: delivered"]));
    for line in receiver.log.lock().unwrap().iter() {
        for personal in PERSONAL.iter().chain(&[SERVICE, POLICE, "alex.morgan"]) {
            assert!(!line.contains(personal), "{personal} in the log: {line}");
        }
    }
}

/// The attachment against the published schema, with the browser tests' validator (Ajv).
fn assert_schema_valid(referral: &Value) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut node = Command::new("node")
        .current_dir(root)
        .args([
            "-e",
            "const Ajv=require('ajv/dist/2020').default;const f=require('ajv-formats').default;\
             const a=new Ajv({allErrors:true,strict:true});f(a);\
             const v=a.compile(JSON.parse(require('fs').readFileSync('schema/referral.schema.json','utf8')));\
             const d=JSON.parse(require('fs').readFileSync(0,'utf8'));\
             if(!v(d)){console.error(JSON.stringify(v.errors));process.exit(1)}",
        ])
        .stdin(Stdio::piped())
        .spawn()
        .expect("node, with the npm packages scripts/setup installs");
    node.stdin
        .take()
        .unwrap()
        .write_all(referral.to_string().as_bytes())
        .unwrap();
    assert!(
        node.wait().unwrap().success(),
        "the attachment breaks the schema"
    );
}

fn a_person_referring_themselves_is_never_emailed(engine: Engine) {
    let dir = temp_dir("self");
    let smtp = Smtp::on(free_port(), &dir);
    let receiver = start(engine, &dir, &smtp, None, &[]);
    // Sent after a professional's referral, whose receipt shows receipts are being sent.
    assert_eq!(receiver.send(&self_referral()), 201);
    assert_eq!(receiver.send(&referral()), 201);
    eventually("the professional's receipt is sent", || {
        receiver.delivered("receipt") == 1
    });
    eventually("both referrals reach the service", || {
        receiver.delivered(&format!("mail:{SERVICE}")) == 2
    });
    let messages = smtp.messages();
    assert!(mail_to(&messages, "a@example.com").is_empty());
    assert_eq!(messages.len(), 5, "2 referrals to 2 mailboxes, 1 receipt");
}

fn a_referral_that_comes_while_the_mail_server_is_down_is_delivered_once_it_is_up(engine: Engine) {
    let dir = temp_dir("down");
    let mut smtp = Smtp::on(free_port(), &dir);
    smtp.stop();
    let receiver = start(engine, &dir, &smtp, None, &[]);
    let referral = referral();
    assert_eq!(
        receiver.send(&referral),
        201,
        "accepted, whatever the mail server"
    );
    let reference = referral["reference"].as_str().unwrap();
    eventually("a try fails", || {
        receiver.logged(&[
            reference,
            "mail attempt 1: failed (the mail server could not be reached)",
        ])
    });
    assert_eq!(receiver.status().1[&format!("mail:{SERVICE}")], (0, 1, 0));
    smtp.start();
    eventually("delivered", || {
        receiver.delivered(&format!("mail:{SERVICE}")) == 1
            && receiver.delivered(&format!("mail:{POLICE}")) == 1
    });
    assert_eq!(mail_to(&smtp.messages(), SERVICE).len(), 1);
}

fn a_mail_server_refusing_with_4xx_gets_the_referral_when_it_accepts_again(engine: Engine) {
    let dir = temp_dir("refuse");
    let smtp = Smtp::on(free_port(), &dir);
    std::fs::create_dir_all(&smtp.maildir).unwrap();
    let receiver = start(engine, &dir, &smtp, None, &[]);
    smtp.refuse(Some("451 4.3.0 try again later"));
    let referral = referral();
    let reference = referral["reference"].as_str().unwrap();
    assert_eq!(receiver.send(&referral), 201);
    eventually("a try is refused", || {
        receiver.logged(&[
            reference,
            "mail attempt 1: ",
            "failed (the mail server answered 451",
        ])
    });
    assert!(receiver.status().1[&format!("mail:{SERVICE}")].1 >= 1);
    smtp.refuse(None);
    eventually("both delivered", || {
        receiver.delivered(&format!("mail:{SERVICE}")) == 1
            && receiver.delivered(&format!("mail:{POLICE}")) == 1
    });
    assert_eq!(mail_to(&smtp.messages(), SERVICE).len(), 1);
}

/// A 5xx is the server's refusal of this message for good: tried again, it would be refused
/// again, for days. The delivery is dead at once, for an operator to act on.
fn a_mail_server_refusing_with_5xx_makes_the_delivery_dead_at_once(engine: Engine) {
    let dir = temp_dir("refuse5");
    let smtp = Smtp::on(free_port(), &dir);
    let receiver = start(engine, &dir, &smtp, None, &[]);
    smtp.refuse_to(SERVICE, "554 5.7.1 refused");
    let referral = referral();
    let reference = referral["reference"].as_str().unwrap();
    assert_eq!(receiver.send(&referral), 201);
    eventually("dead at once", || {
        receiver.logged(&[
            "DEAD delivery",
            reference,
            "mail attempt 1: failed (the mail server answered 554), for good",
        ])
    });
    let (code, counts) = receiver.status();
    assert_eq!((code, counts[&format!("mail:{SERVICE}")].2), (1, 1));
    // Given up by the operator: no longer reported.
    let (code, _) = receiver.command(&["discard", reference]);
    assert_eq!(code, 0);
    let (code, counts) = receiver.status();
    assert_eq!((code, counts[&format!("mail:{SERVICE}")].2), (0, 0));
}

/// A receipt carries nothing of the case: one the referrer's mail server refuses is dropped,
/// never reported dead and never retried.
fn a_receipt_the_referrers_mail_server_refuses_is_dropped(engine: Engine) {
    let dir = temp_dir("receipt");
    let smtp = Smtp::on(free_port(), &dir);
    let receiver = start(engine, &dir, &smtp, None, &[]);
    smtp.refuse_to("alex.morgan@example.org", "550 5.1.1 no such mailbox");
    let referral = referral();
    let reference = referral["reference"].as_str().unwrap();
    assert_eq!(receiver.send(&referral), 201);
    eventually("the receipt is dropped", || {
        receiver.logged(&[
            reference,
            "receipt attempt 1: failed (the mail server answered 550), for good; dropped",
        ])
    });
    let (code, counts) = receiver.status();
    assert_eq!(code, 0, "nothing dead");
    assert_eq!(counts.get("receipt").map_or(0, |c| c.1 + c.2), 0);
}

fn a_webhook_answering_500_then_timing_out_then_200_gets_the_referral_signed(engine: Engine) {
    let dir = temp_dir("hook");
    let smtp = Smtp::on(free_port(), &dir);
    let hook = Hook::start(Answer::Status(500));
    let receiver = start(engine, &dir, &smtp, Some(&hook), &[]);
    let referral = referral();
    let reference = referral["reference"].as_str().unwrap().to_owned();
    assert_eq!(receiver.send(&referral), 201);
    eventually("a 500", || !hook.received().is_empty());
    hook.set(Answer::Hang);
    let tried = hook.received().len();
    eventually("a timeout", || hook.received().len() > tried);
    sleep(Duration::from_millis(200));
    hook.set(Answer::Status(200));
    let webhook = format!("webhook:{}", hook.url());
    eventually("delivered", || receiver.delivered(&webhook) == 1);
    assert_eq!(receiver.status().1[&webhook], (1, 0, 0));
    let key = base64::engine::general_purpose::STANDARD
        .decode(SECRET.trim_start_matches("whsec_"))
        .unwrap();
    let received = hook.received();
    assert!(received.len() >= 3);
    for (headers, body) in &received {
        assert_eq!(headers["webhook-id"], reference);
        assert_eq!(headers["content-type"], "application/json");
        let timestamp = &headers["webhook-timestamp"];
        let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
        mac.update(format!("{reference}.{timestamp}.{body}").as_bytes());
        let expected =
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        assert_eq!(headers["webhook-signature"], format!("v1,{expected}"));
        let sent: Value = serde_json::from_str(body).unwrap();
        assert_eq!(sent["reference"], reference);
        assert_eq!(sent["person"]["name"], "Jordan Smith");
    }
    // The receipt waits for every destination: it follows the webhook's 200.
    eventually("the receipt", || receiver.delivered("receipt") == 1);
}

fn a_delivery_that_never_succeeds_dies_is_reported_and_is_brought_back(engine: Engine) {
    let dir = temp_dir("dead");
    let smtp = Smtp::on(free_port(), &dir);
    let hook = Hook::start(Answer::Status(503));
    let receiver = start(engine, &dir, &smtp, Some(&hook), &["--retry-for", "1"]);
    let referral = referral();
    let reference = referral["reference"].as_str().unwrap().to_owned();
    assert_eq!(receiver.send(&referral), 201);
    let webhook = format!("webhook:{}", hook.url());
    eventually("dead", || {
        receiver.status().1.get(&webhook) == Some(&(0, 0, 1))
    });
    let (code, out) = receiver.command(&["status"]);
    assert_eq!(code, 1, "status fails while a delivery is dead");
    assert!(out.contains(&format!("  dead: {reference}")), "{out}");
    assert_eq!(
        receiver.delivered("receipt"),
        0,
        "no receipt while one is dead"
    );
    hook.set(Answer::Status(204));
    assert_eq!(receiver.command(&["redeliver", "--dead"]).0, 0);
    eventually("delivered", || receiver.delivered(&webhook) == 1);
    assert_eq!(receiver.status().0, 0);
    eventually("the receipt", || receiver.delivered("receipt") == 1);
    // A referral's deliveries can be queued again by its reference, the receipt excepted.
    assert_eq!(receiver.command(&["redeliver", &reference]).0, 0);
    eventually("delivered again", || {
        receiver.delivered(&webhook) == 1
            && hook
                .received()
                .iter()
                .filter(|(h, _)| h["webhook-id"] == reference)
                .count()
                >= 2
    });
    assert_ne!(receiver.command(&["redeliver", "no-such-reference"]).0, 0);
}

fn a_receiver_killed_while_delivering_delivers_everything_after_restart(engine: Engine) {
    let dir = temp_dir("kill");
    let smtp = Smtp::on(free_port(), &dir);
    // The webhook hangs until the kill, so deliveries are in flight and no receipt is sent.
    let hook = Hook::start(Answer::Hang);
    let mut receiver = start(engine, &dir, &smtp, Some(&hook), &[]);
    let references: Vec<String> = (0..40)
        .map(|_| {
            let referral = referral();
            assert_eq!(receiver.send(&referral), 201);
            referral["reference"].as_str().unwrap().to_owned()
        })
        .collect();
    eventually("a webhook delivery in flight", || {
        !hook.received().is_empty()
    });
    receiver.kill();
    let webhook = format!("webhook:{}", hook.url());
    assert_eq!(
        receiver.status().1[&webhook],
        (0, 40, 0),
        "killed with every webhook delivery unconfirmed"
    );
    hook.set(Answer::Status(200));
    receiver.restart();
    // The tries the killed receiver had claimed are taken up again once their lease runs out.
    eventually("every delivery made", || {
        let (_, s) = receiver.status();
        [
            format!("mail:{SERVICE}"),
            format!("mail:{POLICE}"),
            webhook.clone(),
            "receipt".into(),
        ]
        .iter()
        .all(|d| s.get(d).is_some_and(|c| c.0 == 40))
    });
    let messages = smtp.messages();
    let hooked = hook.received();
    for reference in &references {
        for to in [SERVICE, POLICE, "alex.morgan@example.org"] {
            let copies = mail_to(&messages, to)
                .iter()
                .filter(|m| {
                    m["headers"]["message-id"]
                        .as_str()
                        .unwrap()
                        .contains(reference.as_str())
                })
                .count();
            assert!(copies >= 1, "{reference} never reached {to}");
        }
        assert!(hooked.iter().any(|(h, _)| &h["webhook-id"] == reference));
    }
}

fn a_copy_of_the_database_and_its_wal_reveals_no_personal_data_without_the_key(engine: Engine) {
    let dir = temp_dir("sealed");
    let bin = env!("CARGO_BIN_EXE_rj-receiver");
    let key = dir.join("receiver.key");
    let keygen = |file: &Path| {
        Command::new(bin)
            .arg("keygen")
            .arg("--out")
            .arg(file)
            .output()
            .unwrap()
    };
    assert!(keygen(&key).status.success());
    let again = keygen(&key);
    assert!(!again.status.success(), "a key is never overwritten");
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    let smtp = Smtp::on(free_port(), &dir);
    let key_arg = key.display().to_string();
    let receiver = start(engine, &dir, &smtp, None, &["--key-file", &key_arg]);
    let referral = referral();
    assert_eq!(receiver.send(&referral), 201);
    eventually("delivered from the sealed body", || {
        receiver.delivered(&format!("mail:{SERVICE}")) == 1
    });
    assert!(mail_to(&smtp.messages(), SERVICE)[0]["text"]
        .as_str()
        .unwrap()
        .contains("Jordan Smith"));
    // A replay is still recognised, by the keyed hash; another body under the same reference is not.
    assert_eq!(receiver.send(&referral), 201);
    let mut other = referral.clone();
    other["person"]["name"] = json!("Someone Else");
    assert_eq!(receiver.send(&other), 422);

    // A copy taken while the receiver runs, as a backup would: of the SQLite file and its WAL,
    // or a pg_dump and the PostgreSQL server's files, its write-ahead log among them.
    let copied = match engine {
        Engine::Sqlite => ["", "-wal"]
            .iter()
            .flat_map(|suffix| {
                std::fs::read(dir.join(format!("referrals.sqlite3{suffix}"))).unwrap_or_default()
            })
            .collect(),
        Engine::Postgres => common::shared().copies(&receiver.database),
    };
    assert!(copied.len() > 4096, "the copy holds the database");
    assert!(
        String::from_utf8_lossy(&copied).contains(referral["reference"].as_str().unwrap()),
        "the copy holds the referral"
    );
    let text = String::from_utf8_lossy(&copied);
    // Whole answers: a PostgreSQL server's own files hold single words such as "Jordan" (in the
    // name of the collation "Arabic (Jordan)").
    for personal in [
        "Jordan Smith",
        "Alex Morgan",
        "PO1 2AB",
        "07700900123",
        "A burglary at a family home in Winchester",
        "alex.morgan@example.org",
        "Weekday afternoons",
    ] {
        assert!(
            !text.contains(personal),
            "{personal} is readable in the copy"
        );
    }

    let export = |key: Option<&Path>| {
        let mut command = Command::new(bin);
        command.args(["export", "--db", &receiver.database]);
        if let Some(key) = key {
            command.arg("--key-file").arg(key);
        }
        command.output().unwrap()
    };
    let without = export(None);
    assert!(!without.status.success());
    assert!(String::from_utf8_lossy(&without.stderr).contains("give the key with --key-file"));
    let wrong = dir.join("wrong.key");
    assert!(keygen(&wrong).status.success());
    let with_wrong = export(Some(&wrong));
    assert!(!with_wrong.status.success());
    assert!(String::from_utf8_lossy(&with_wrong.stderr).contains("does not open with this key"));
    let serve_wrong = Command::new(bin)
        .args(["serve", "--listen", "127.0.0.1:0", "--key-file"])
        .arg(&wrong)
        .args(["--db", &receiver.database])
        .arg("--dist")
        .arg(dir.join("dist"))
        .output()
        .unwrap();
    assert!(
        !serve_wrong.status.success(),
        "serve refuses a key that is not the referrals'"
    );
    assert!(String::from_utf8_lossy(&serve_wrong.stderr).contains("does not open with this key"));
    let with_key = export(Some(&key));
    assert!(with_key.status.success());
    let line: Value = serde_json::from_slice(&with_key.stdout).unwrap();
    assert_eq!(line["referral"]["person"]["name"], "Jordan Smith");
    let (_, status) = receiver.command(&["status"]);
    assert!(
        status.contains("content: 1 referrals hold their content (the oldest came 20"),
        "{status}"
    );
    // The day whose key the content held needs: the one it was sealed on.
    let today = rj_receiver::seal::date(rj_receiver::seal::day_of(rj_receiver::store::now_ms()));
    assert!(
        status.contains(&format!(
            "keys: the content held needs the keys of {today} (UTC) on"
        )),
        "{status}"
    );
}

#[test]
fn a_restart_of_the_postgresql_server_is_503_meanwhile_then_all_works_again_by_itself() {
    // A server of this test's own: the others' tests share theirs.
    let server = common::Postgres::start("restart");
    let dir = temp_dir("pg-restart");
    let smtp = Smtp::on(free_port(), &dir);
    let receiver = start_on(server.database("referrals"), &dir, &smtp, None, &[]);
    let before = referral();
    assert_eq!(receiver.send(&before), 201);
    eventually("delivered", || {
        receiver.delivered(&format!("mail:{SERVICE}")) == 1
    });
    server.pause();
    assert_eq!(
        receiver.health(),
        503,
        "the load balancer sends no one here"
    );
    let during = referral();
    for _ in 0..3 {
        // Nothing is acknowledged that was not stored: the app tries again later.
        assert_eq!(receiver.send(&during), 503);
    }
    server.resume();
    eventually("healthy again", || receiver.health() == 200);
    assert_eq!(
        receiver.send(&during),
        201,
        "stored once the server is back"
    );
    assert_eq!(
        receiver.send(&during),
        201,
        "and a replay answered the same"
    );
    eventually("the outbox delivers again", || {
        receiver.delivered(&format!("mail:{SERVICE}")) == 2 && receiver.delivered("receipt") == 2
    });
    let mailed = smtp.messages();
    for referral in [&before, &during] {
        let reference = referral["reference"].as_str().unwrap();
        let copies = mail_to(&mailed, SERVICE)
            .iter()
            .filter(|m| {
                m["headers"]["message-id"]
                    .as_str()
                    .unwrap()
                    .contains(reference)
            })
            .count();
        assert_eq!(copies, 1, "{reference} mailed once");
    }
}
