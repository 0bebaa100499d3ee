//! The dictionary-format extensions (FORMAT.md, "Extensions"), end to end: a
//! small dictionary of invented actors and verbs written with them, and the
//! events the coder gives for sentences written for these tests.

use bede_coder::{Coder, CoderOptions};
use bede_core::Article;
use chrono::NaiveDate;

const ACTORS: &str = "\
actor VAL \"Valdora\"
  names: Valdora
actor KES \"Kestria\"
  names: Kestria
actor MOR \"Morvane\"
  names: Morvane
actor - \"Tobin Reeve\"
  names: Tobin Reeve
  code: VALGOV 2001-01-01 .. 2004-12-31
  code: VALREB 2005-01-01 ..
agent GOV government \"government\"
  names: government
agent LEG lawmakers \"lawmaker\"
  names: lawmaker
agent GOVFRM foreign-minister \"foreign minister\"
  names: foreign minister
agent NGO aid-group \"Reliefnet\"
  names: Reliefnet
  plurals:
  position: before
";

const VERBS: &str = "\
%free-codes
&TIES = relations | ties
== restore [064]
901  @ * diplomatic * &TIES
== abandon [345]
777  never @ * &TIES
== leave [032:033]
== wire +tap [1711]
== quarrel [120]
555  % have @
== receive [033]
071  + @ * money * $
== protest [140]
== blame [121]
---  @ * weather
discard: tournament*
discard-story: typhoon
issue TRADE: trade | tariff*
";

fn coder(allow_untargeted: bool, bare: bool) -> Coder {
    let opts = CoderOptions {
        no_default_dicts: true,
        actor_sources: vec![("test-actors.txt".into(), ACTORS.into())],
        verb_sources: vec![("test-verbs.txt".into(), VERBS.into())],
        allow_untargeted,
        code_bare_agents: bare,
        ..Default::default()
    };
    Coder::new(&opts).expect("test dictionaries load")
}

fn code(c: &Coder, text: &str, date: &str) -> Vec<(String, String, String)> {
    let a = Article {
        id: "t".into(),
        text: text.into(),
        published: Some(NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap()),
        ..Default::default()
    };
    let mut v: Vec<_> = c
        .code_article(&a)
        .into_iter()
        .map(|e| (e.source.code, e.target.map(|t| t.code).unwrap_or_else(|| "---".into()), e.cameo))
        .collect();
    v.sort();
    v
}

fn t(s: &str, t: &str, c: &str) -> (String, String, String) {
    (s.into(), t.into(), c.into())
}

#[test]
fn free_codes_and_skips() {
    let c = coder(false, false);
    assert_eq!(code(&c, "Valdora restored full diplomatic ties with Kestria.", "2000-05-01"), vec![t("VAL", "KES", "901")]);
    // No pattern: the block default.
    assert_eq!(code(&c, "Valdora restored its embassy in Kestria.", "2000-05-01"), vec![]);
}

#[test]
fn words_before_the_trigger() {
    let c = coder(false, false);
    assert_eq!(code(&c, "Valdora never abandoned its relations with Kestria.", "2000-05-01"), vec![t("VAL", "KES", "777")]);
    assert_eq!(code(&c, "Valdora abandoned its relations with Kestria.", "2000-05-01"), vec![t("VAL", "KES", "345")]);
}

#[test]
fn code_pairs_give_both_directions() {
    let c = coder(false, false);
    assert_eq!(code(&c, "Valdora left for Kestria on Monday.", "2000-05-01"), vec![t("KES", "VAL", "033"), t("VAL", "KES", "032")]);
}

#[test]
fn preceded_trigger() {
    let c = coder(false, false);
    assert_eq!(code(&c, "Valdora will wire tap the phones of Kestria.", "2000-05-01"), vec![t("VAL", "KES", "1711")]);
}

#[test]
fn compound_and_source_slots() {
    let c = coder(false, false);
    assert_eq!(code(&c, "Valdora and Kestria have quarrelled.", "2000-05-01"), vec![t("KES", "VAL", "555"), t("VAL", "KES", "555")]);
    assert_eq!(code(&c, "Kestria received by courier money from Valdora.", "2000-05-01"), vec![t("VAL", "KES", "071")]);
}

#[test]
fn null_code_yields_nothing() {
    let c = coder(false, false);
    assert_eq!(code(&c, "Valdora blamed the weather in Kestria.", "2000-05-01"), vec![]);
}

#[test]
fn dated_codes_and_agents() {
    let c = coder(false, false);
    assert_eq!(code(&c, "Tobin Reeve restored diplomatic ties with Kestria.", "2002-05-01"), vec![t("VALGOV", "KES", "901")]);
    assert_eq!(code(&c, "Tobin Reeve restored diplomatic ties with Kestria.", "2006-05-01"), vec![t("VALREB", "KES", "901")]);
    // No code covers 1999 and there is no default: not coded.
    assert_eq!(code(&c, "Tobin Reeve restored diplomatic ties with Kestria.", "1999-05-01"), vec![]);
    assert_eq!(
        code(&c, "Valdora's foreign minister restored diplomatic ties with Kestria.", "2000-05-01"),
        vec![t("VALGOVFRM", "KES", "901")]
    );
    assert_eq!(code(&c, "Reliefnet Valdora restored diplomatic ties with Kestria.", "2000-05-01"), vec![t("NGOVAL", "KES", "901")]);
    assert_eq!(
        code(&c, "Lawmakers in Valdora and Morvane restored diplomatic ties with Kestria.", "2000-05-01"),
        vec![t("MORLEG", "KES", "901"), t("VALLEG", "KES", "901")]
    );
}

#[test]
fn untargeted_and_bare_agents() {
    let strict = coder(false, false);
    assert_eq!(code(&strict, "The government restored diplomatic ties with Kestria.", "2000-05-01"), vec![]);
    let loose = coder(true, true);
    assert_eq!(code(&loose, "The government restored diplomatic ties with Kestria.", "2000-05-01"), vec![t("---GOV", "KES", "901")]);
    assert_eq!(code(&loose, "Valdora protested on Monday.", "2000-05-01"), vec![t("VAL", "---", "140")]);
    assert_eq!(code(&strict, "Valdora protested on Monday.", "2000-05-01"), vec![]);
}

#[test]
fn discards_and_issues() {
    let c = coder(false, false);
    assert_eq!(code(&c, "Valdora restored diplomatic ties with Kestria after the tournaments.", "2000-05-01"), vec![]);
    let story = "Valdora restored diplomatic ties with Kestria. A typhoon hit the coast.";
    assert_eq!(code(&c, story, "2000-05-01"), vec![]);
    let a = Article { id: "i".into(), text: "Valdora restored trade ties with Kestria.".into(), ..Default::default() };
    let ev = c.code_article(&a);
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].issues, vec!["TRADE".to_string()]);
}
