//! Property tests over the whole coder.
//!
//! On any text, and on generated news articles whose interactions are known:
//! - every event's spans (source, target, verb) are byte offsets on character
//!   boundaries of `evidence.text` and slice it to the text they claim;
//! - every planted interaction is coded, with its dyad and CAMEO root;
//! - no event is dated after the article's publication date, whatever the
//!   text says ("tomorrow", "next week", a later explicit date, a dateline
//!   ahead of the publication date, offsets from the publication day);
//! - coding is deterministic: the same article gives the same events, also
//!   after the coder has coded other articles (no state carries over).
//!
//! Thread count and input order are properties of the CLI's parallel reader:
//! `crates/bede-cli/tests/determinism.rs` checks them.

use bede_coder::{Coder, CoderOptions};
use bede_core::{Article, Event};
use chrono::{Datelike, Duration, NaiveDate};
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
    "tomorrow",
    "next",
    "week",
    "later",
    "December",
    "2031",
];

/// Actors named the way news text names them, with the first three letters of
/// the code each must get. All hold office across the generated publication
/// dates (2018–2021).
const ACTORS: &[(&str, &str)] = &[
    ("Russia", "RUS"),
    ("Russian Foreign Minister Sergei Lavrov", "RUS"),
    ("Turkish President Recep Tayyip Erdogan", "TUR"),
    ("The United Nations", "IGO"),
    ("Armenia", "ARM"),
    ("French President Emmanuel Macron", "FRA"),
    ("Ukraine's government", "UKR"),
    ("China", "CHN"),
    ("Iranian officials", "IRN"),
    ("Azerbaijani forces", "AZE"),
    ("Japan", "JPN"),
    ("Germany", "DEU"),
];

/// Verb phrases (`{t}` is the target) and the CAMEO root each codes to.
const VERBS: &[(&str, &str)] = &[
    ("met {t}", "04"),
    ("held talks with {t}", "04"),
    ("visited {t}", "04"),
    ("phoned {t}", "04"),
    ("accused {t} of violating the ceasefire", "11"),
    ("criticized {t}", "11"),
    ("condemned {t}", "11"),
    ("praised {t}", "05"),
    ("thanked {t} for the vaccines", "05"),
    ("signed an agreement with {t}", "05"),
    ("called on {t} to withdraw", "02"),
    ("threatened {t}", "13"),
    ("warned {t}", "13"),
    ("imposed sanctions on {t}", "16"),
    ("rejected a proposal by {t}", "12"),
    ("attacked {t}", "19"),
];

const MONTHS: &[&str] =
    &["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// A date expression, written relative to the publication date so that the
/// generator reaches dates before, on and after it.
#[derive(Debug, Clone)]
enum When {
    None,
    Weekday(u32),
    Yesterday,
    Tomorrow,
    LastWeek,
    NextWeek,
    DaysLater(u32),
    /// An explicit day this many days from publication (negative: before).
    Explicit(i64),
    Year(i32),
}

impl When {
    fn phrase(&self, published: NaiveDate) -> String {
        const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
        const NUMBERS: &[&str] = &["one", "two", "three", "four", "ten"];
        match self {
            When::None => String::new(),
            When::Weekday(d) => format!(" on {}", DAYS[*d as usize % 7]),
            When::Yesterday => " yesterday".into(),
            When::Tomorrow => " tomorrow".into(),
            When::LastWeek => " last week".into(),
            When::NextWeek => " next week".into(),
            When::DaysLater(n) => format!(" {} days later", NUMBERS[*n as usize % NUMBERS.len()]),
            When::Explicit(off) => {
                let d = published + Duration::days(*off);
                format!(" on {} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
            }
            When::Year(off) => format!(" in {}", published.year() + off),
        }
    }
}

fn when() -> impl Strategy<Value = When> {
    prop_oneof![
        2 => Just(When::None),
        2 => (0u32..7).prop_map(When::Weekday),
        1 => Just(When::Yesterday),
        1 => Just(When::Tomorrow),
        1 => Just(When::LastWeek),
        1 => Just(When::NextWeek),
        1 => (0u32..5).prop_map(When::DaysLater),
        2 => (-40i64..40).prop_map(When::Explicit),
        1 => (-30i32..3).prop_map(When::Year),
    ]
}

/// One planted interaction: actors (indices into ACTORS, different countries),
/// verb (index into VERBS) and its date expression.
#[derive(Debug, Clone)]
struct Planted {
    source: usize,
    target: usize,
    verb: usize,
    when: When,
}

fn planted() -> impl Strategy<Value = Planted> {
    (0..ACTORS.len(), 1..ACTORS.len(), 0..VERBS.len(), when()).prop_map(|(source, shift, verb, when)| {
        // Two actors of different countries: a shift of 1..n-1 never lands on the same
        // index, and no two entries of ACTORS share a code prefix except Russia's two.
        let mut target = (source + shift) % ACTORS.len();
        if ACTORS[target].1 == ACTORS[source].1 {
            target = (target + 2) % ACTORS.len();
        }
        Planted { source, target, verb, when }
    })
}

impl Planted {
    fn sentence(&self, published: NaiveDate) -> String {
        let (verb, _) = VERBS[self.verb];
        let target = ACTORS[self.target].0;
        // "The United Nations" starts a sentence; inside one it is "the United Nations".
        let target = target.strip_prefix("The ").map(|t| format!("the {t}")).unwrap_or_else(|| target.to_string());
        format!("{} {}{}.", ACTORS[self.source].0, verb.replace("{t}", &target), self.when.phrase(published))
    }
}

/// Noise between the planted sentences: words, punctuation, quotes, scripts,
/// zero-width characters, date words; always ended as a sentence of its own.
fn noise() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..25).prop_map(|w| {
        let s = w.join(" ");
        if s.trim().is_empty() {
            s
        } else {
            format!("{} .", s.trim_end_matches(['.', ' ']))
        }
    })
}

fn published() -> impl Strategy<Value = NaiveDate> {
    (0i64..4 * 365).prop_map(|d| NaiveDate::from_ymd_opt(2018, 1, 1).unwrap() + Duration::days(d))
}

/// A dateline ahead of, on, or behind the publication date, or none.
fn dateline() -> impl Strategy<Value = Option<i64>> {
    prop_oneof![2 => Just(None), 1 => (-3i64..4).prop_map(Some)]
}

#[derive(Debug, Clone)]
struct GenArticle {
    published: NaiveDate,
    dateline: Option<i64>,
    planted: Vec<Planted>,
    noise: Vec<String>,
}

fn article() -> impl Strategy<Value = GenArticle> {
    (published(), dateline(), prop::collection::vec(planted(), 1..6), prop::collection::vec(noise(), 6))
        .prop_map(|(published, dateline, planted, noise)| GenArticle { published, dateline, planted, noise })
}

impl GenArticle {
    /// The article's text; with `noisy`, noise sentences go between the planted ones.
    fn text(&self, noisy: bool) -> String {
        let mut text = String::new();
        if let Some(off) = self.dateline {
            let d = self.published + Duration::days(off);
            text.push_str(&format!("MOSCOW, {} {} (Reuters) - ", MONTHS[d.month0() as usize], d.day()));
        }
        for (i, p) in self.planted.iter().enumerate() {
            if noisy {
                text.push_str(&self.noise[i % self.noise.len()]);
                text.push(' ');
            }
            text.push_str(&p.sentence(self.published));
            text.push(' ');
        }
        text
    }

    fn to_article(&self, noisy: bool) -> Article {
        Article { id: "p".into(), text: self.text(noisy), published: Some(self.published), ..Default::default() }
    }
}

/// The properties every coded article must have, whatever its text.
fn check(a: &Article) -> Result<Vec<Event>, TestCaseError> {
    let evs = coder().code_article(a);
    for e in &evs {
        let t = &e.evidence.text;
        let mut spans = vec![(e.source.span, e.source.text.as_str())];
        spans.extend(e.target.as_ref().map(|t| (t.span, t.text.as_str())));
        spans.push((e.evidence.verb.span, e.evidence.verb.text.as_str()));
        for ([x, y], claimed) in spans {
            let (x, y) = (x as usize, y as usize);
            prop_assert!(x <= y && y <= t.len(), "span {x}..{y} outside {t:?}");
            prop_assert!(t.is_char_boundary(x) && t.is_char_boundary(y), "span {x}..{y} not on char boundaries of {t:?}");
            prop_assert_eq!(&t[x..y], claimed);
        }
        prop_assert!(bede_cameo::lookup(&e.cameo).is_some(), "unknown code {}", e.cameo);
        if let (Some(d), Some(p)) = (e.date, a.published) {
            let first = d.first_day();
            prop_assert!(first.is_some_and(|f| f <= p), "{} ({:?}) is after publication {p}: {:?}", d, e.date_basis, e.evidence.text);
        }
    }
    prop_assert_eq!(&evs, &coder().code_article(a), "coding the same article twice differs");
    Ok(evs)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_text_codes_safely(text in "\\PC{0,300}") {
        let a = Article { id: "p".into(), text, published: NaiveDate::from_ymd_opt(2020, 10, 15), ..Default::default() };
        check(&a)?;
    }

    #[test]
    fn news_like_word_salad_codes_safely(words in proptest::collection::vec(proptest::sample::select(WORDS), 0..80)) {
        let a = Article { id: "p".into(), text: words.join(" "), published: NaiveDate::from_ymd_opt(2020, 10, 15), ..Default::default() };
        check(&a)?;
    }

    /// Clean articles: each planted sentence is coded with its dyad and root.
    #[test]
    fn planted_interactions_are_coded_with_valid_spans_and_past_dates(g in article()) {
        let a = g.to_article(false);
        let evs = check(&a)?;
        for p in &g.planted {
            let sentence = p.sentence(g.published);
            let (src, tgt, root) = (ACTORS[p.source].1, ACTORS[p.target].1, VERBS[p.verb].1);
            prop_assert!(
                evs.iter().any(|e| e.evidence.text.contains(&sentence)
                    && e.source.code.starts_with(src)
                    && e.target.as_ref().is_some_and(|t| t.code.starts_with(tgt))
                    && e.cameo.starts_with(root)),
                "{src}→{tgt} {root} not coded from {sentence:?}; events: {:?}",
                evs.iter().map(|e| (&e.source.code, e.target.as_ref().map(|t| &t.code), &e.cameo, &e.evidence.text)).collect::<Vec<_>>()
            );
        }
    }

    /// Noisy articles: the invariants hold, and coding one article does not
    /// depend on what the coder coded before.
    #[test]
    fn noisy_articles_keep_the_invariants(g in article(), other in article()) {
        let a = g.to_article(true);
        let first = check(&a)?;
        check(&other.to_article(true))?;
        prop_assert_eq!(first, coder().code_article(&a), "coding another article in between changed the events");
    }
}
