//! Helpers shared by the CLI integration tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

pub fn bede() -> Command {
    Command::new(env!("CARGO_BIN_EXE_bede"))
}

pub fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run bede")
}

pub fn events(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// A child process killed when dropped, also when the test panics.
pub struct KillOnDrop(pub std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A running `bede serve`: killed when dropped; if the test is failing, the
/// end of its stderr is printed.
pub struct Server {
    _child: KillOnDrop,
    stderr: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("bede serve's stderr:\n{}", tail(&self.stderr));
        }
    }
}

/// The last 20 lines of a file.
pub fn tail(path: &std::path::Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}

/// `bede serve --addr 127.0.0.1:0 --db DB [extra]`, its stderr kept in
/// `work/serve.stderr`; returns the server and the address it printed
/// (`listening on http://ADDR/`).
pub fn start_server(db: &std::path::Path, work: &std::path::Path, extra: &[&str]) -> (Server, String) {
    use std::io::BufRead;
    let stderr = work.join("serve.stderr");
    let mut child = bede()
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(db)
        .args(extra)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .expect("start bede serve");
    let stdout = child.stdout.take().unwrap();
    let guard = Server { _child: KillOnDrop(child), stderr };
    let (tx, rx) = std::sync::mpsc::channel();
    // Reads the address, then keeps draining stdout so the server never
    // blocks on a full pipe.
    std::thread::spawn(move || {
        let mut tx = Some(tx);
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(addr) = line.trim().strip_prefix("listening on http://") {
                if let Some(tx) = tx.take() {
                    let _ = tx.send(addr.trim_end_matches('/').to_string());
                }
            }
        }
    });
    let addr = rx.recv_timeout(std::time::Duration::from_secs(30)).expect("bede serve did not print `listening on http://ADDR/` in 30 s");
    (guard, addr)
}

/// GET `path`: the status and the body.
pub fn http_get(addr: &str, path: &str) -> (u16, String) {
    let (status, _, body) = http(addr, "GET", path);
    (status, body)
}

/// One HTTP/1.0 request (the server closes the connection after the
/// response): the status, the header block and the body.
pub fn http(addr: &str, method: &str, path: &str) -> (u16, String, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    s.set_read_timeout(Some(std::time::Duration::from_secs(30))).unwrap();
    write!(s, "{method} {path} HTTP/1.0\r\nHost: {addr}\r\nAccept: application/json\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8(raw).unwrap_or_else(|e| panic!("{method} {path}: response is not UTF-8: {e}"));
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or_else(|| panic!("{method} {path}: no HTTP header end in {raw:?}"));
    let status =
        head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or_else(|| panic!("{method} {path}: bad status line {head:?}"));
    (status, head.to_string(), body.to_string())
}

/// GET `path` and parse the JSON body; returns the status and the value.
pub fn get_json(addr: &str, path: &str) -> (u16, serde_json::Value) {
    let (status, head, body) = http(addr, "GET", path);
    assert!(head.to_ascii_lowercase().contains("content-type: application/json"), "GET {path}: not JSON: {head}");
    (status, serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: bad JSON {body:?}: {e}")))
}
