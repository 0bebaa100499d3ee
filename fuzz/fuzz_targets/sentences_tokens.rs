//! bede-nlp's sentence splitter and tokenizer on arbitrary strings: every
//! range lies on character boundaries inside the text; sentences are in
//! order, disjoint, non-empty and trimmed; tokens are non-empty, in order,
//! disjoint, inside the text, and `Token::text` is the slice they name.
#![no_main]

use bede_nlp::{split_sentences, tokenize};
use libfuzzer_sys::fuzz_target;

fn check_range(text: &str, start: usize, end: usize, what: &str) {
    assert!(start < end && end <= text.len(), "{what} {start}..{end} out of range (len {})", text.len());
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{what} {start}..{end} not on char boundaries");
}

/// Tokens of `text`: in range, on char boundaries, in order, disjoint, and
/// `Token::text` and `Token::range` name the slice they cover.
fn check_tokens(text: &str) {
    let mut toks = Vec::new();
    tokenize(text, &mut toks);
    let mut prev = 0;
    for t in &toks {
        let (a, b) = (t.start as usize, t.end as usize);
        check_range(text, a, b, "token");
        assert!(a >= prev, "tokens overlap or are out of order");
        prev = b;
        assert_eq!(t.text(text), &text[a..b]);
        assert_eq!(t.range(), a..b);
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let mut prev_end = 0;
    for r in split_sentences(text) {
        check_range(text, r.start, r.end, "sentence");
        assert!(r.start >= prev_end, "sentences overlap or are out of order");
        prev_end = r.end;
        let s = &text[r.clone()];
        let first = s.chars().next().unwrap();
        let last = s.chars().next_back().unwrap();
        assert!(!bede_nlp::tokenize::is_space(first) && !bede_nlp::tokenize::is_space(last), "sentence not trimmed: {s:?}");
        check_tokens(s);
    }
    // The whole text tokenized at once obeys the same rules.
    check_tokens(text);
});
