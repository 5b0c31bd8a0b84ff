//! A receiver as a real server on loopback, started by a test on its own folder and database,
//! and stopped (and its folder removed) when dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

pub struct Receiver {
    pub child: Option<Child>,
    pub addr: String,
    pub dir: PathBuf,
    /// The database, as `--db` takes it.
    pub database: String,
    /// `serve`'s options but `--listen`, `--db` and `--dist`.
    pub args: Vec<String>,
    /// Every line the receiver has logged on standard output since it started listening, as
    /// an operator's terminal would show them.
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Receiver {
    /// A receiver in `dir` (its built app in `dir/dist`, made here) on `database`; with the
    /// key `dir/receiver.key` (made once) unless `args` give one.
    pub fn start_in(dir: &Path, database: String, args: &[&str]) -> Receiver {
        std::fs::create_dir_all(dir.join("dist")).unwrap();
        for (name, body) in [
            ("index.html", "<!doctype html><title>test</title>"),
            ("app.html", "<!doctype html><title>test</title>"),
            ("app-0123456789abcdef.js", "plain"),
            ("app-0123456789abcdef.js.br", "brotli"),
            ("app-0123456789abcdef.js.gz", "gzip"),
        ] {
            std::fs::write(dir.join("dist").join(name), body).unwrap();
        }
        let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        if !args.iter().any(|a| a == "--key-file") {
            args.extend(["--key-file".into(), keygen(dir).display().to_string()]);
        }
        let mut receiver = Receiver {
            child: None,
            addr: String::new(),
            dir: dir.to_owned(),
            database,
            args,
            log: Arc::default(),
        };
        receiver.restart();
        receiver
    }

    /// Starts `serve` (again, after `kill`) with the same options, and reads its address.
    pub fn restart(&mut self) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rj-receiver"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(&self.args)
            .args(["--db", &self.database])
            .arg("--dist")
            .arg(self.dir.join("dist"))
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let log = self.log.clone();
        std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                log.lock().unwrap().push(line);
            }
        });
        self.addr = line.trim().rsplit("http://").next().unwrap().to_owned();
        self.child = Some(child);
    }

    /// Stops the receiver at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    /// Sends a raw request and returns the whole answer, headers and body.
    pub fn exchange(&self, request: &[u8]) -> String {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream.write_all(request).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    /// Sends a raw request and returns the status and body of the answer.
    pub fn raw(&self, request: &[u8]) -> (u16, String) {
        let response = self.exchange(request);
        let status = response[9..12].parse().unwrap();
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default();
        (status, body)
    }

    /// Runs another command of the receiver on this one's database: its exit code and output.
    pub fn command(&self, args: &[&str]) -> (i32, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_rj-receiver"))
            .args(args)
            .args(["--db", &self.database])
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
        )
    }

    /// Whether the receiver has logged a line containing all of these.
    pub fn logged(&self, words: &[&str]) -> bool {
        self.log
            .lock()
            .unwrap()
            .iter()
            .any(|line| words.iter().all(|w| line.contains(w)))
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Makes the receiver's key in `dir` (once), as an operator does before `serve`.
pub fn keygen(dir: &Path) -> PathBuf {
    let key = dir.join("receiver.key");
    if !key.exists() {
        let made = Command::new(env!("CARGO_BIN_EXE_rj-receiver"))
            .arg("keygen")
            .arg("--out")
            .arg(&key)
            .output()
            .unwrap();
        assert!(made.status.success(), "{made:?}");
    }
    key
}
