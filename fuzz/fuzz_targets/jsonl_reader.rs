//! bede-ingest's JSONL reader over arbitrary bytes: never panics, every line
//! gives at most one article or error, and the stream always ends.
#![no_main]

use bede_ingest::{read_jsonl, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A small record limit so the too-long path is exercised too.
    let opts = ReadOptions { max_record_bytes: 4096, ..ReadOptions::default() };
    let lines = data.split(|&b| b == b'\n').count() as u64;
    let mut items = 0u64;
    for item in read_jsonl(std::io::Cursor::new(data.to_vec()), None, &opts) {
        items += 1;
        assert!(items <= lines, "more items than lines");
        match item {
            Ok(a) => {
                let line = a.pos.line.expect("an article from JSONL names its line");
                assert!((1..=lines).contains(&line));
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
});
