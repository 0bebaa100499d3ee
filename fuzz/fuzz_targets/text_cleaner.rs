//! bede-ingest's `Cleaner` on arbitrary text (lossy UTF-8), checking the
//! shape `CleanDoc::body` documents: paragraphs separated by "\n\n", no other
//! newlines, single spaces, no control characters, no leading or trailing
//! space. The first byte picks the declared language (English / other / none).
#![no_main]

use bede_core::Article;
use bede_ingest::Cleaner;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static CLEANER: OnceLock<Cleaner> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest).into_owned();
    let language = match sel % 3 {
        0 => None,
        1 => Some("en".to_string()),
        _ => Some("de".to_string()),
    };
    let article = Article { id: "fuzz".into(), text, language, ..Article::default() };
    let doc = CLEANER.get_or_init(Cleaner::new).clean(&article);
    let body = &doc.body;
    assert_eq!(body.trim(), body.as_str(), "leading or trailing white space");
    assert!(!body.contains("\n\n\n"), "more than one blank line");
    assert!(!body.contains("  "), "double space");
    assert!(!body.contains(" \n") && !body.contains("\n "), "space next to a line break");
    for (i, c) in body.char_indices() {
        assert!(c == '\n' || !c.is_control(), "control character {c:?} at {i}");
        if c == '\n' {
            let twin = body[..i].ends_with('\n') || body[i + 1..].starts_with('\n');
            assert!(twin, "single newline at {i}");
        }
    }
});
