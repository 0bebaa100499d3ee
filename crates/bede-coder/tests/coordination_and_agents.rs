//! Agents in coordination and their modifiers, end to end, with a small
//! dictionary of invented actors: coordinated agents, agents distributed over
//! coordinated countries, "former" office-holders, and stacked organisation types.

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
agent GOV officials \"official\"
  names: official
agent LEG lawmakers \"lawmaker\"
  names: lawmaker
agent REL clerics \"cleric\"
  names: cleric
agent NGO aid-group \"Reliefnet\"
  names: Reliefnet
  plurals:
  position: before
";

const VERBS: &str = "\
== praise [051]
";

fn coder(bare: bool) -> Coder {
    let opts = CoderOptions {
        no_default_dicts: true,
        actor_sources: vec![("test-actors.txt".into(), ACTORS.into())],
        verb_sources: vec![("test-verbs.txt".into(), VERBS.into())],
        code_bare_agents: bare,
        ..Default::default()
    };
    Coder::new(&opts).expect("test dictionaries load")
}

fn code(c: &Coder, text: &str) -> Vec<(String, String, String)> {
    let a = Article { id: "t".into(), text: text.into(), published: NaiveDate::from_ymd_opt(2020, 5, 1), ..Default::default() };
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
fn coordinated_agents_distribute_over_coordinated_countries() {
    let c = coder(false);
    assert_eq!(
        code(&c, "Lawmakers and officials in Valdora and Kestria praised Morvane."),
        vec![t("KESGOV", "MOR", "051"), t("KESLEG", "MOR", "051"), t("VALGOV", "MOR", "051"), t("VALLEG", "MOR", "051")]
    );
}

#[test]
fn coordinated_bare_agents_are_each_an_actor() {
    // Without a country, each agent is coded only when bare agents are (PETRARCH conventions).
    assert_eq!(code(&coder(false), "Clerics and lawmakers praised Morvane."), vec![]);
    assert_eq!(code(&coder(true), "Clerics and lawmakers praised Morvane."), vec![t("---LEG", "MOR", "051"), t("---REL", "MOR", "051")]);
}

#[test]
fn former_office_holders_are_elites() {
    let c = coder(false);
    assert_eq!(code(&c, "Former Valdora officials praised Kestria."), vec![t("VALELI", "KES", "051")]);
    assert_eq!(code(&c, "Valdora officials praised Kestria."), vec![t("VALGOV", "KES", "051")]);
}

#[test]
fn organisation_type_prefix_stacks_with_an_agent() {
    let c = coder(false);
    assert_eq!(code(&c, "A Reliefnet Valdora lawmaker praised Kestria."), vec![t("NGOVALLEG", "KES", "051")]);
}
