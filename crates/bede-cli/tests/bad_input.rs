//! Bad input through the CLI: every problem is reported with file, line and
//! reason, the good records around it are still coded, and the exit code says
//! what happened (0 clean, 2 bad input, 1 runtime failure).

mod common;
use common::*;
use std::io::Write;

const GOOD: &str = r#"{"id": "good-1", "published": "2020-10-15", "text": "Armenia accused Turkey of sending fighters on Thursday."}"#;
const GOOD2: &str = r#"{"id": "good-2", "published": "2020-10-15", "text": "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Moscow on Monday."}"#;

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn docs(o: &std::process::Output) -> Vec<String> {
    let mut d: Vec<String> = events(o).iter().map(|e| e["doc_id"].as_str().unwrap().to_string()).collect();
    d.dedup();
    d
}

#[test]
fn malformed_lines_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mixed.jsonl");
    let mut f = std::fs::File::create(&p).unwrap();
    writeln!(f, "{GOOD}").unwrap();
    writeln!(f, "{{\"id\": \"broken\", \"text\": ").unwrap(); // line 2: truncated JSON
    writeln!(f, "{{\"id\": \"no-text\"}}").unwrap(); // line 3: no text
    f.write_all(b"{\"id\": \"bad-utf8\", \"text\": \"caf\xe9\"}\n").unwrap(); // line 4: invalid UTF-8
    writeln!(f, "{GOOD2}").unwrap();
    drop(f);
    let out = run(bede().args(["code", "--quiet"]).arg(&p));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "bad input gives exit code 2; stderr: {err}");
    assert!(err.contains("mixed.jsonl:2:") && err.to_lowercase().contains("json"), "{err}");
    assert!(err.contains("mixed.jsonl:3:") && err.contains("text"), "{err}");
    assert!(err.contains("mixed.jsonl:4:") && err.contains("UTF-8"), "{err}");
    assert_eq!(docs(&out), ["good-1", "good-2"], "records around the bad ones are coded");
}

#[test]
fn strict_stops_at_the_first_bad_record() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("strict.jsonl");
    std::fs::write(&p, format!("{GOOD}\nnot json\n{GOOD2}\n")).unwrap();
    let out = run(bede().args(["code", "--quiet", "--strict"]).arg(&p));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(docs(&out), ["good-1"], "nothing after the bad record");
}

#[test]
fn an_over_long_line_is_skipped_without_stopping() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("long.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
    writeln!(f, "{GOOD}").unwrap();
    // A 50 MB single line.
    write!(f, "{{\"id\": \"huge\", \"text\": \"").unwrap();
    let chunk = "word ".repeat(1 << 16);
    for _ in 0..(50 << 20) / chunk.len() {
        f.write_all(chunk.as_bytes()).unwrap();
    }
    writeln!(f, "\"}}").unwrap();
    writeln!(f, "{GOOD2}").unwrap();
    drop(f);
    let out = run(bede().args(["code", "--quiet"]).arg(&p));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("long.jsonl:2:") && err.contains("limit"), "the message names the line and the limit: {err}");
    assert_eq!(docs(&out), ["good-1", "good-2"]);
}

#[test]
fn an_empty_file_is_no_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.jsonl");
    std::fs::write(&p, "").unwrap();
    let out = run(bede().args(["code"]).arg(&p));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("empty"), "a warning says the file was empty: {}", stderr(&out));
}

#[test]
fn a_directory_of_binary_files_is_reported_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.bin"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(dir.path().join("b.dat"), [0x89u8, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).unwrap();
    std::fs::write(dir.path().join("c.txt"), "Japan urged North Korea to stop its missile tests.").unwrap();
    let out = run(bede().args(["code", "--quiet"]).arg(dir.path()));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("a.bin") && err.contains("binary"), "{err}");
    assert!(err.contains("b.dat"), "{err}");
    assert_eq!(docs(&out), ["c"], "the text file is still coded");
}

#[test]
fn a_missing_input_is_a_usage_error() {
    let out = run(bede().args(["code", "/nonexistent/bede-input.jsonl"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no such file"));
}

#[test]
fn output_order_does_not_depend_on_threads() {
    let seeds = shared().join("seeds/seeds.jsonl");
    let one = run(bede().args(["code", "--quiet", "--threads", "1"]).arg(&seeds));
    let two = run(bede().args(["code", "--quiet", "--threads", "2"]).arg(&seeds));
    assert!(one.status.success());
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn csv_keeps_leading_zeros_and_stdin_works() {
    let out = bede()
        .args(["code", "--quiet", "--format", "csv", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(format!("{GOOD2}\n").as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("id,doc_id,"), "{text}");
    assert!(text.contains(",\"04"), "CAMEO code quoted with its leading zero: {text}");
}

#[test]
fn explain_shows_every_stage() {
    let out = run(bede().args(["explain", "Armenia accused Turkey of encouraging Azerbaijan.", "--date", "2020-10-15"]));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for part in ["tokens:", "chunks:", "dictionary matches:", "actor phrases:", "events:", "ARM", "112", "pattern"] {
        assert!(text.contains(part), "missing {part:?} in:\n{text}");
    }
    let bad = run(bede().args(["explain", "x", "--date", "15/10/2020"]));
    assert_eq!(bad.status.code(), Some(2));
}
