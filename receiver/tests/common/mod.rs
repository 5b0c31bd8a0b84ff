//! What the receiver's test binaries share: a receiver started as a real server (`receiver.rs`),
//! the core's helpers that answer the wizard as a person would (`answers`), and a real
//! PostgreSQL server for a test: Debian's `postgresql` (`scripts/setup --browser`
//! installs it), started as the `postgres` user (the server refuses to run as root) on a free
//! loopback port with a temporary data directory, and stopped and removed when dropped; and the
//! `Engine` a test runs on, so each test of the receiver's storage runs on SQLite and on
//! PostgreSQL alike.

#![allow(dead_code)] // each test binary uses its own part of these

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

mod receiver;
#[allow(unused_imports)] // a binary that starts no receiver
pub use receiver::{keygen, Receiver};

/// The core's own test helpers (one copy for both crates' tests): a valid answer to every
/// question, and a walk through the wizard.
#[path = "../../../core/tests/common/mod.rs"]
pub mod answers;

/// Where a test's receivers keep the referrals.
#[derive(Clone, Copy, Debug)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// A new, empty database for one test, as `--db` takes it: the SQLite file `file`, or a
    /// database of its own on the one PostgreSQL server the tests of this binary share.
    pub fn database(self, file: &Path) -> String {
        match self {
            Engine::Sqlite => file.display().to_string(),
            Engine::Postgres => {
                static N: AtomicU32 = AtomicU32::new(0);
                shared().database(&format!("t{}", N.fetch_add(1, Ordering::SeqCst)))
            }
        }
    }
}

/// Makes each named test, a function taking an `Engine`, a test on each engine:
/// `sqlite::name` and `postgres::name`.
macro_rules! on_both_engines {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $test() { super::$test(super::Engine::Sqlite) } )*
        }
        mod postgres {
            $( #[test] fn $test() { super::$test(super::Engine::Postgres) } )*
        }
    };
}
#[allow(unused_imports)] // a binary with no test on both engines
pub(crate) use on_both_engines;

/// One server for every test of the binary (one per test would be slow on a small machine),
/// stopped when the binary exits.
static SHARED: OnceLock<Postgres> = OnceLock::new();

pub fn shared() -> &'static Postgres {
    SHARED.get_or_init(|| {
        extern "C" fn stop() {
            if let Some(server) = SHARED.get() {
                server.stop();
            }
        }
        // SAFETY: registers a function without arguments, run once as the process exits.
        unsafe { libc::atexit(stop) };
        Postgres::start("shared")
    })
}

pub struct Postgres {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
}

impl Postgres {
    pub fn start(name: &str) -> Postgres {
        let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL is not installed: run scripts/setup --browser")
            .map(|entry| entry.unwrap().path().join("bin"))
            .filter(|bin| bin.join("pg_ctl").is_file())
            .collect();
        versions.sort();
        let bin = versions
            .pop()
            .expect("no pg_ctl in /usr/lib/postgresql/*/bin");
        let root = unsafe { libc::geteuid() } == 0;
        // As root, the temporary folder may be closed to the postgres user: its home is not.
        let base = match root {
            true => PathBuf::from(home_of_postgres()),
            false => std::env::temp_dir(),
        };
        let dir = base.join(format!("rj-pg-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let server = Postgres { bin, dir, port };
        if root {
            let id = |flag: &str| -> u32 {
                let out = Command::new("id")
                    .args([flag, "postgres"])
                    .output()
                    .unwrap();
                String::from_utf8(out.stdout)
                    .unwrap()
                    .trim()
                    .parse()
                    .unwrap()
            };
            std::os::unix::fs::chown(&server.dir, Some(id("-u")), Some(id("-g"))).unwrap();
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&server.dir, std::fs::Permissions::from_mode(0o700)).unwrap();
        let data = server.dir.join("data");
        server.run(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-A",
                "trust",
                "-U",
                "postgres",
            ],
        );
        server.resume();
        server
    }

    /// Starts the server (again) on its port and data.
    pub fn resume(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1",
            self.port,
            self.dir.display()
        );
        let (data, log) = (self.dir.join("data"), self.dir.join("log"));
        self.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-l",
                log.to_str().unwrap(),
                "-w",
                "-o",
                &options,
                "start",
            ],
        );
    }

    /// Stops the server as an operator does to patch it, its data kept for `resume`.
    pub fn pause(&self) {
        let data = self.dir.join("data");
        self.run(
            "pg_ctl",
            &["-D", data.to_str().unwrap(), "-m", "fast", "-w", "stop"],
        );
    }

    /// Runs one of the server's programs, as the `postgres` user when the test runs as root.
    fn command(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        if unsafe { libc::geteuid() } == 0 {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        }
    }

    fn run(&self, program: &str, args: &[&str]) {
        let out = self.command(program).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{program} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A new, empty database on this server, and its URL.
    pub fn database(&self, name: &str) -> String {
        let port = self.port.to_string();
        self.run(
            "createdb",
            &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", name],
        );
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }
}

impl Postgres {
    /// What a thief of a backup or of the disk would have of `url`'s database: pg_dump's plain
    /// SQL, and every file of the server's data directory (its tables and write-ahead log).
    pub fn copies(&self, url: &str) -> Vec<u8> {
        let dump = self.command("pg_dump").arg(url).output().unwrap();
        assert!(dump.status.success(), "pg_dump: {dump:?}");
        let mut copied = dump.stdout;
        let mut folders = vec![self.dir.join("data")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap().map(Result::unwrap) {
                match entry.file_type().unwrap().is_dir() {
                    true => folders.push(entry.path()),
                    false => copied.extend(std::fs::read(entry.path()).unwrap_or_default()),
                }
            }
        }
        copied
    }

    /// A backup of `url`'s database as it is now (pg_dump), restored into a new database on
    /// this server: the new database's URL.
    pub fn backup(&self, url: &str) -> String {
        use std::io::Write;
        let dump = self.command("pg_dump").arg(url).output().unwrap();
        assert!(dump.status.success(), "pg_dump: {dump:?}");
        static N: AtomicU32 = AtomicU32::new(0);
        let copy = self.database(&format!("backup{}", N.fetch_add(1, Ordering::SeqCst)));
        let mut psql = self
            .command("psql")
            .args(["-q", "-v", "ON_ERROR_STOP=1", &copy])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        psql.stdin.take().unwrap().write_all(&dump.stdout).unwrap();
        assert!(psql.wait().unwrap().success(), "psql restored the backup");
        copy
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Postgres {
    /// Stops the server and removes its data.
    fn stop(&self) {
        let data = self.dir.join("data");
        let stop = ["-D", data.to_str().unwrap(), "-m", "immediate", "stop"];
        // Never a panic here: it would hide the test's own failure.
        let _ = self.command("pg_ctl").args(stop).output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn home_of_postgres() -> String {
    let out = Command::new("getent")
        .args(["passwd", "postgres"])
        .output()
        .unwrap();
    let line = String::from_utf8(out.stdout).unwrap();
    line.split(':')
        .nth(5)
        .expect("a postgres user (the postgresql package makes it)")
        .to_owned()
}
