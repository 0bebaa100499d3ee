//! Property tests over the whole coder: on any text, events' spans lie on
//! character boundaries and point at the text they claim, dates never fall
//! after publication for past-tense relative expressions, and coding the same
//! article twice gives the same events.

use bede_coder::{Coder, CoderOptions};
use bede_core::Article;
use proptest::prelude::*;
use std::sync::OnceLock;

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::new(&CoderOptions::default()).expect("embedded dictionaries load"))
}

const WORDS: &[&str] = &[
    "Russia",
    "Turkey",
    "Armenian",
    "Lavrov",
    "Erdogan",
    "Putin",
    "the",
    "parties",
    "they",
    "he",
    "his",
    "counterpart",
    ",",
    ".",
    "and",
    "accused",
    "met",
    "discussed",
    "agreed",
    "to",
    "develop",
    "cooperation",
    "on",
    "Thursday",
    "in",
    "1992",
    "one",
    "day",
    "after",
    "“",
    "”",
    "\"",
    "said",
    "denied",
    "reports",
    "that",
    "attacked",
    "troops",
    "of",
    "Moscow",
    "Kyiv",
    "with",
    "by",
    "phone",
    "each",
    "other",
    "did",
    "not",
    "foreign",
    "minister",
    "UN",
    "é",
    "日本",
    "\u{200b}",
    "ministry",
    "claimed",
    "talks",
];

fn check(text: &str) {
    let a =
        Article { id: "p".into(), text: text.to_string(), published: chrono::NaiveDate::from_ymd_opt(2020, 10, 15), ..Default::default() };
    let evs = coder().code_article(&a);
    for e in &evs {
        let t = &e.evidence.text;
        let mut sides = vec![&e.source];
        sides.extend(e.target.as_ref());
        for side in sides {
            let [x, y] = side.span;
            assert!(t.is_char_boundary(x as usize) && t.is_char_boundary(y as usize) && x <= y);
            assert_eq!(&t[x as usize..y as usize], side.text);
        }
        let [x, y] = e.evidence.verb.span;
        assert_eq!(&t[x as usize..y as usize], e.evidence.verb.text);
        assert!(bede_cameo::lookup(&e.cameo).is_some());
        if e.date_basis == bede_core::DateBasis::WeekdayRelative {
            assert!(e.date.and_then(|d| d.to_date()).is_some_and(|d| d <= a.published.unwrap()), "a weekday resolves to the past: {e:?}");
        }
    }
    assert_eq!(evs, coder().code_article(&a), "coding is deterministic");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_text_codes_safely(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn news_like_text_codes_safely(words in proptest::collection::vec(proptest::sample::select(WORDS), 0..80)) {
        check(&words.join(" "));
    }
}
