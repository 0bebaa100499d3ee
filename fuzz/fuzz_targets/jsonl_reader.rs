//! bede-ingest's JSONL reader over arbitrary bytes. Beyond never panicking it
//! checks that nothing is lost or invented (read.rs: "a bad record costs that
//! record"): every line that is not blank gives exactly one item, an article
//! or an error, in order, naming that line; blank lines give none (unless
//! longer than the record limit: then they are an error too).
#![no_main]

use bede_ingest::{read_jsonl, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A small record limit so the too-long path is exercised too.
    let opts = ReadOptions { max_record_bytes: 4096, ..ReadOptions::default() };
    let body = data.strip_suffix(b"\n").unwrap_or(data);
    let expected: Vec<u64> = if data.is_empty() {
        Vec::new()
    } else {
        body.split(|&b| b == b'\n')
            .enumerate()
            .filter(|(_, l)| {
                // An over-long line is an error even when it is all white space.
                let l = l.strip_suffix(b"\r").unwrap_or(l);
                l.len() > opts.max_record_bytes || !l.iter().all(u8::is_ascii_whitespace)
            })
            .map(|(i, _)| i as u64 + 1)
            .collect()
    };
    let mut got = Vec::new();
    for item in read_jsonl(std::io::Cursor::new(data.to_vec()), None, &opts) {
        let pos = match item {
            Ok(a) => a.pos,
            Err(e) => {
                let _ = e.to_string();
                e.pos
            }
        };
        got.push(pos.line.expect("every JSONL item names its line"));
    }
    assert_eq!(got, expected, "items per line");
});
