//! Events for the unit tests.

use crate::{ArticleInfo, ClusterInfo, ExportRecord};
use bede_core::{ActorRef, DateBasis, Event, Evidence, PartialDate, PloverRef, VerbRef};

pub fn actor(code: &str, country: Option<&str>, sectors: &[&str]) -> ActorRef {
    ActorRef {
        code: code.into(),
        country: country.map(Into::into),
        sectors: sectors.iter().map(|s| s.to_string()).collect(),
        name: format!("{code} name"),
        text: format!("{code} text"),
        span: [0, 3],
    }
}

/// A Russia–Turkey consultation (CAMEO 040) on 2020-07-23.
pub fn event() -> Event {
    Event {
        id: "0123456789abcdef0123456789abcdef".into(),
        doc_id: "000_doc".into(),
        sentence: 2,
        date: PartialDate::parse("2020-07-23"),
        date_precision: Some(bede_core::DatePrecision::Day),
        date_basis: DateBasis::WeekdayRelative,
        source: ActorRef { name: "Sergey Lavrov".into(), ..actor("RUSGOV", Some("RUS"), &["GOV"]) },
        target: Some(ActorRef { name: "Mevlut Cavusoglu".into(), ..actor("TURGOV", Some("TUR"), &["GOV"]) }),
        cameo: "040".into(),
        cameo_name: "Consult".into(),
        quad_class: 1,
        goldstein: 1.0,
        plover: PloverRef { kind: "CONSULT".into(), mode: None },
        negated: false,
        location: None,
        issues: vec![],
        evidence: Evidence {
            text: "Lavrov and Cavusoglu discussed the situation.".into(),
            verb: VerbRef { text: "discussed".into(), span: [21, 30] },
            pattern: "verbs.txt:12: discuss".into(),
        },
    }
}

pub fn record(event: Event) -> ExportRecord {
    ExportRecord {
        event,
        cluster: Some(ClusterInfo { id: 42, num_mentions: 3, num_sources: 2, num_articles: 3 }),
        article: ArticleInfo {
            published: chrono::NaiveDate::from_ymd_opt(2020, 7, 24),
            url: Some("https://example.org/a".into()),
            outlet: Some("Example News".into()),
            title: Some("Lavrov, Cavusoglu talk".into()),
            ingested_at: chrono::DateTime::from_timestamp(1_595_600_000, 0),
        },
    }
}

/// The same event with no date, no target, and tabs and newlines in its texts.
pub fn awkward_event() -> Event {
    let mut e = event();
    e.date = None;
    e.date_precision = None;
    e.date_basis = DateBasis::Unknown;
    e.target = None;
    e.cameo = "0214".into();
    e.source.name = "Name\twith tab".into();
    e.evidence.text = "Line one\nline\ttwo, \"quoted\"".into();
    e
}
