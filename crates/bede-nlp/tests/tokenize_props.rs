//! Property tests: the tokenizer, sentence splitter and lemmatizer accept
//! any UTF-8 text without panicking and keep their structural promises.

use bede_nlp::lemma::lemma;
use bede_nlp::sentences::split_sentences;
use bede_nlp::tags::Xpos;
use bede_nlp::tokenize::{is_space, tokenize, Token};
use proptest::prelude::*;

/// News-like text: the characters the rules care about, densely mixed.
fn texty() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => "[A-Za-z]{1,8}",
            2 => "[0-9]{1,5}",
            3 => prop::sample::select(vec![
                " ", " ", "  ", "\n", "\n\n", "\r\n", "\t", ".", ". ", "!", "?", "...", "…", ",", ";", ":", "'", "’", "‘",
                "\"", "“", "”", "-", "--", "–", "—", "(", ")", "[", "]", "/", "@", "#", "$", "%", "&", "+", "_", "`",
                "'s", "n't", "’s", "U.S.", "Mr.", "Inc.", "e.g.", "No.", "Jan.", "F.", "http://", "www.", ".com",
                "co-", "\u{200B}", "\u{FEFF}", "\u{301}", "\u{2028}", "\u{2029}", "\u{85}", "\u{0}", "\u{7f}",
                "é", "İ", "ß", "東京", "🙂", "\u{AD}", ":)", "''", "``", "14:32", "1,000", "3.5", "+04:00",
            ]).prop_map(str::to_string),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

fn check_tokens(s: &str) -> Result<(), TestCaseError> {
    let mut v: Vec<Token> = Vec::new();
    tokenize(s, &mut v);
    let mut prev_end = 0usize;
    let mut joined = String::new();
    for t in &v {
        let (a, b) = (t.start as usize, t.end as usize);
        prop_assert!(a >= prev_end, "overlap or out of order at {a} in {s:?}");
        prop_assert!(a < b, "empty token in {s:?}");
        prop_assert!(b <= s.len());
        prop_assert!(s.is_char_boundary(a) && s.is_char_boundary(b), "not on char boundary in {s:?}");
        let text = t.text(s);
        prop_assert!(!text.chars().any(is_space), "space inside token {text:?} of {s:?}");
        joined.push_str(text);
        prev_end = b;
    }
    let no_space: String = s.chars().filter(|&c| !is_space(c)).collect();
    prop_assert_eq!(joined, no_space, "round trip of {:?}", s);
    // The round trip itself: the tokens with the gaps between them, and the
    // gaps only whitespace, rebuild the text byte for byte.
    let mut rebuilt = String::with_capacity(s.len());
    let mut prev = 0usize;
    for t in &v {
        let gap = &s[prev..t.start as usize];
        prop_assert!(gap.chars().all(is_space), "non-space {gap:?} dropped between tokens of {s:?}");
        rebuilt.push_str(gap);
        rebuilt.push_str(t.text(s));
        prev = t.end as usize;
    }
    prop_assert!(s[prev..].chars().all(is_space), "non-space tail {:?} dropped from {s:?}", &s[prev..]);
    rebuilt.push_str(&s[prev..]);
    prop_assert_eq!(rebuilt.as_str(), s);
    Ok(())
}

fn check_sentences(s: &str) -> Result<(), TestCaseError> {
    let rs = split_sentences(s);
    let mut prev_end = 0usize;
    let mut joined = String::new();
    for r in &rs {
        prop_assert!(r.start >= prev_end, "overlap or out of order in {s:?}");
        prop_assert!(r.start < r.end, "empty sentence in {s:?}");
        prop_assert!(r.end <= s.len());
        prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
        let t = &s[r.clone()];
        prop_assert!(!t.starts_with(is_space) && !t.ends_with(is_space), "untrimmed {t:?}");
        joined.extend(t.chars().filter(|&c| !is_space(c)));
        prev_end = r.end;
    }
    // Every non-space character is in some sentence.
    let no_space: String = s.chars().filter(|&c| !is_space(c)).collect();
    prop_assert_eq!(joined, no_space, "coverage of {:?}", s);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn tokens_are_valid_on_any_string(s in any::<String>()) {
        check_tokens(&s)?;
    }

    #[test]
    fn tokens_are_valid_on_texty_strings(s in texty()) {
        check_tokens(&s)?;
    }

    #[test]
    fn sentences_are_valid_on_any_string(s in any::<String>()) {
        check_sentences(&s)?;
    }

    #[test]
    fn sentences_are_valid_on_texty_strings(s in texty()) {
        check_sentences(&s)?;
    }

    #[test]
    fn tokenizing_each_sentence_gives_the_same_characters(s in texty()) {
        for r in split_sentences(&s) {
            check_tokens(&s[r])?;
        }
    }

    #[test]
    fn lemma_never_panics(w in prop_oneof![any::<String>(), "[A-Za-z'’]{0,12}(ed|ing|s|es|ies|men)?"]) {
        for t in Xpos::ALL {
            let l = lemma(&w, *t);
            prop_assert!(l.len() <= w.len() * 3 + 8);
        }
    }
}

#[test]
fn tokens_of_sample_edge_cases() {
    for s in [
        "",
        ".",
        "'",
        "’",
        "-",
        "U.S.",
        "a'",
        "'s",
        "n't",
        "www.",
        "http://",
        "@",
        "#",
        "+",
        "+1",
        "1-",
        "-1",
        "1,",
        ",1",
        "1:",
        "a.b.",
        "\u{301}",
        "\u{301}a",
        "a\u{301}'s",
    ] {
        check_tokens(s).unwrap();
        check_sentences(s).unwrap();
    }
}

/// Pathological shapes must stay (roughly) linear: 200 KB each, a few
/// seconds at most even unoptimized.
#[test]
fn linear_on_pathological_input() {
    let shapes = [
        "a. ",
        "a.",
        "(",
        ")",
        "http://x",
        "'",
        "n't",
        "-",
        "1-",
        "1,",
        "No. ",
        "U.S.",
        "...",
        "\n",
        " \n\n",
        "a'",
        "''",
        "x)",
        "é\u{301}",
        "?\" ",
        "Mr. ",
    ];
    for sh in shapes {
        let s: String = sh.repeat(200_000 / sh.len());
        let s2 = format!("http://example.com/{}", ")".repeat(100_000));
        for text in [&s, &s2] {
            let t = std::time::Instant::now();
            let mut v = Vec::new();
            tokenize(text, &mut v);
            let n = split_sentences(text).len();
            let dt = t.elapsed().as_secs_f64();
            assert!(dt < 5.0, "{sh:?}: {dt:.2}s ({} tokens, {n} sentences)", v.len());
        }
    }
}
