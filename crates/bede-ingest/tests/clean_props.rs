//! The cleaner on arbitrary text: never panics, and its body keeps the
//! documented shape whatever comes in.

use bede_core::Article;
use bede_ingest::{Cleaner, DropReason};
use proptest::prelude::*;
use std::sync::OnceLock;

/// Built once: compiling the patterns per case would dominate the test's time.
fn cleaner() -> &'static Cleaner {
    static CLEANER: OnceLock<Cleaner> = OnceLock::new();
    CLEANER.get_or_init(Cleaner::new)
}

fn check_body(body: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(body.trim(), body, "no leading or trailing whitespace");
    prop_assert!(!body.contains("\n\n\n"), "paragraphs separated by exactly one blank line");
    prop_assert!(!body.contains("  "), "single spaces");
    for c in body.chars() {
        prop_assert!(c == '\n' || !c.is_control(), "control character {:?}", c);
        prop_assert!(c == '\n' || c == ' ' || !c.is_whitespace(), "odd whitespace {:?}", c);
    }
    for p in body.split("\n\n") {
        prop_assert!(!p.is_empty() || body.is_empty(), "empty paragraph");
        prop_assert!(!p.contains('\n'), "newline inside a paragraph");
        prop_assert_eq!(p.trim(), p);
    }
    Ok(())
}

/// Text made of pieces that look like scraped pages, to reach the rules.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("MOSCOW (Agency / Wire - 3rd May, 2021) ".to_string()),
        Just("OSLO, Mar 3 (Reuters) - ".to_string()),
        Just("Lisbon, Portugal, March 3".to_string()),
        Just(" date 2021-03-04 Site.com".to_string()),
        Just("Leave a comment".to_string()),
        Just("By Ana Silva - Wire:".to_string()),
        Just("XS".to_string()),
        Just("...".to_string()),
        Just("Σύνδεσμοι".to_string()),
        Just("The envoys met in Lisbon on Wednesday to discuss the long fishing dispute.".to_string()),
        Just("The envoys met in Lisbon on Wednesday to discuss the long fishing dispute".to_string()),
        Just("Envoys Meet In Lisbon".to_string()),
        Just("“Quoted,” he said.".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just(" - ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\t\u{a0}".to_string()),
        Just("\u{0}\u{1b}\u{7f}\u{85}\u{2028}\u{feff}\u{200b}\u{ad}".to_string()),
        "[a-zA-Z ,.]{0,20}",
        "\\PC{0,10}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(text in any::<String>(), title in proptest::option::of(any::<String>())) {
        let a = Article { id: "p".into(), text, title, ..Article::default() };
        let doc = cleaner().clean(&a);
        check_body(&doc.body)?;
    }

    #[test]
    fn scraped_looking_text(text in newsy(), lang in proptest::option::of("[a-z]{2}")) {
        let a = Article { id: "p".into(), text, language: lang, ..Article::default() };
        let doc = cleaner().clean(&a);
        check_body(&doc.body)?;
        // The body never holds a dropped line as a paragraph of its own.
        for d in &doc.dropped {
            // (A page scraped twice keeps its first copy of each line; a dateline
            // prefix may be followed by the same words; a lead dropped for being
            // inside the dateline paragraph is that paragraph once the dateline is cut.)
            let exempt = matches!(d.reason, DropReason::Repeated | DropReason::Dateline | DropReason::ContainedInLonger);
            if !exempt && d.text.split_whitespace().count() > 1 {
                prop_assert!(!doc.body.split("\n\n").any(|p| p == d.text), "{:?} dropped and kept", d.text);
            }
        }
    }
}
