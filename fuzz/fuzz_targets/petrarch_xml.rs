//! bede-petrarch's tolerant XML reader (validation files) on arbitrary text,
//! plus its entity decoder and boolean parser. Errors are fine; an error's
//! line must lie within the text.
#![no_main]

use bede_petrarch::xml::{decode_entities, parse_bool, parse_str};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let lines = text.split('\n').count();
    match parse_str("fuzz.xml", text) {
        Ok(file) => {
            let _ = format!("{file:?}");
        }
        Err(e) => {
            assert!(e.line <= lines + 1, "error line {} beyond the text ({lines} lines)", e.line);
            let _ = e.to_string();
        }
    }
    let _ = decode_entities(text);
    let _ = parse_bool(text);
});
