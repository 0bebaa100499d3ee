//! The whole pipeline (`bede_coder::Coder` with the embedded dictionaries and
//! tagger) on an arbitrary article. The first two bytes give the publication
//! date (a day in 1990..2035, or none), the rest is the text. Checks the span
//! invariant of ARCHITECTURE.md (every actor and verb span lies on character
//! boundaries of `evidence.text` and slices to the text it claims) and that
//! every event serialises to JSON.
#![no_main]

use bede_coder::{Coder, CoderOptions};
use bede_core::{Article, Span};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static CODER: OnceLock<Coder> = OnceLock::new();

fn check(text: &str, span: Span, claimed: &str, what: &str) {
    let (a, b) = (span[0] as usize, span[1] as usize);
    assert!(a <= b && b <= text.len(), "{what} span {a}..{b} out of range of {text:?}");
    assert!(text.is_char_boundary(a) && text.is_char_boundary(b), "{what} span {a}..{b} not on char boundaries of {text:?}");
    assert_eq!(&text[a..b], claimed, "{what} span {a}..{b} does not slice to its text");
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let coder = CODER.get_or_init(|| Coder::new(&CoderOptions::default()).expect("embedded dictionaries load"));
    let n = u16::from_le_bytes([data[0], data[1]]);
    let published = if n == u16::MAX {
        None
    } else {
        let base = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
        base.checked_add_days(chrono::Days::new(u64::from(n) % 16_000))
    };
    let text = String::from_utf8_lossy(&data[2..]).into_owned();
    let article = Article { id: "fuzz".into(), text, published, ..Article::default() };
    for e in coder.code_article(&article) {
        let ev = &e.evidence;
        check(&ev.text, e.source.span, &e.source.text, "source");
        if let Some(t) = &e.target {
            check(&ev.text, t.span, &t.text, "target");
        }
        check(&ev.text, ev.verb.span, &ev.verb.text, "verb");
        serde_json::to_string(&e).expect("an event serialises");
    }
});
