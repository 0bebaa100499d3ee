//! bede-ingest's HTML reading (decoding + extraction) on arbitrary bytes, as a
//! `.html` file would be read; the first byte picks HTML or plain text. An
//! error is fine; a panic or a hang is not. An article's text must not be
//! blank (blank documents are reported, not returned).
#![no_main]

use bede_ingest::{read_document, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let html = sel & 1 == 0;
    let opts = ReadOptions { max_record_bytes: 1 << 20, ..ReadOptions::default() };
    match read_document(rest.to_vec(), "fuzz", html, &opts) {
        None => {}
        Some(Ok(a)) => {
            if !html {
                assert!(!a.text.trim().is_empty(), "a blank text article");
            }
        }
        Some(Err(e)) => {
            let _ = e.to_string();
        }
    }
});
