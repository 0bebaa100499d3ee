//! PLOVER JSON records, one a line (JSONL, as the PLOVER specification
//! suggests), using the field names of its "JSON Data Fields" chapter: `id`,
//! `date`, `source` and `recipient` (lists of actor objects with `code`,
//! `sector`, `actor_text`, `identifier_text`), `event`, `mode`, `context`,
//! `quad_code`, `event_scale`, `event_text`, `text`, `text_info`,
//! `cite_info`, `coder`.
//!
//! PLOVER lets a producer add fields; Bede adds what makes its records
//! checkable: the CAMEO code, the date's precision and basis, negation, the
//! evidence (dictionary entry and byte spans), and the store's cluster counts.
//! `docs/export.md` maps every field.

use crate::actor::split;
use crate::text::goldstein_f64;
use crate::{RecordRef, RecordWriter, Result, Summary};
use bede_core::{ActorRef, Span};
use serde::Serialize;
use std::io::Write;

/// What `coder` and `cite_info.coder` say produced the records.
pub const CODER: &str = concat!("bede ", env!("CARGO_PKG_VERSION"));

/// The codebook the event types follow: CAMEO codes mapped to PLOVER by the
/// CAMEO→PLOVER table of PLOVER draft 0.8 (see bede-cameo).
pub const CODEBOOK: &str = "CAMEO 1.1b3 mapped to PLOVER 0.8 (CAMEO2PLOVER 2021)";

#[derive(Serialize)]
struct Actor<'a> {
    /// PLOVER's top-level code: the country (ISO3) or the non-state kind
    /// (IGO, NGO, ...); the full CAMEO code when it has neither.
    code: &'a str,
    /// The first sector (GOV, MIL, ...), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    sector: Option<&'a str>,
    actor_text: &'a str,
    identifier_text: &'a str,
    /// Bede: the full CAMEO actor code and all sectors.
    cameo_code: &'a str,
    sectors: &'a [String],
    span: Span,
}

fn actor(a: &ActorRef) -> Actor<'_> {
    let parts = split(a);
    // Non-state codes lead with their kind (IGO...), which is their first
    // type; a state's types are its sectors.
    let (code, sector) = match parts.country {
        Some(c) => (c, parts.types.first().copied()),
        None => match parts.types.first() {
            Some(t) if a.code.starts_with(t) => (*t, parts.types.get(1).copied()),
            _ => (a.code.as_str(), parts.types.first().copied()),
        },
    };
    Actor { code, sector, actor_text: &a.text, identifier_text: &a.name, cameo_code: &a.code, sectors: &a.sectors, span: a.span }
}

#[derive(Serialize)]
struct TextInfo {
    /// 0-based index of the sentence in the cleaned article.
    sequence: u32,
}

#[derive(Serialize)]
struct CiteInfo<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publication: Option<&'a str>,
    citation: &'a str,
    coder: &'static str,
    codebook: &'static str,
}

#[derive(Serialize)]
struct Evidence<'a> {
    pattern: &'a str,
    verb_span: Span,
}

#[derive(Serialize)]
struct Cluster {
    id: i64,
    num_mentions: u32,
    num_sources: u32,
    num_articles: u32,
}

#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    /// ISO 8601, reduced precision when the date is known only to the month
    /// or year (`"1992"`); null when unknown.
    date: Option<String>,
    source: Vec<Actor<'a>>,
    recipient: Vec<Actor<'a>>,
    /// The PLOVER type; empty for CAMEO 01 and 02, which PLOVER dropped.
    event: Vec<&'a str>,
    mode: Vec<&'a str>,
    /// PLOVER contexts: Bede codes none yet, so always empty.
    context: Vec<&'a str>,
    quad_code: u8,
    /// The Goldstein value of the CAMEO code.
    event_scale: f64,
    event_text: Vec<&'a str>,
    text: &'a str,
    text_info: TextInfo,
    cite_info: CiteInfo<'a>,
    coder: &'static str,
    // Bede's additions.
    date_precision: Option<bede_core::DatePrecision>,
    date_basis: bede_core::DateBasis,
    cameo: &'a str,
    cameo_name: &'a str,
    negated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    issues: &'a [String],
    evidence: Evidence<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cluster: Option<Cluster>,
}

fn record<'a>(r: &RecordRef<'a>) -> Record<'a> {
    let e = r.event;
    Record {
        id: &e.id,
        date: e.date.map(|d| d.to_string()),
        source: vec![actor(&e.source)],
        recipient: e.target.iter().map(actor).collect(),
        event: (!e.plover.kind.is_empty()).then_some(e.plover.kind.as_str()).into_iter().collect(),
        mode: e.plover.mode.as_deref().into_iter().collect(),
        context: Vec::new(),
        quad_code: e.quad_class,
        event_scale: goldstein_f64(e.goldstein),
        event_text: vec![&e.evidence.verb.text],
        text: &e.evidence.text,
        text_info: TextInfo { sequence: e.sentence },
        cite_info: CiteInfo {
            url: r.article.url.as_deref(),
            title: r.article.title.as_deref(),
            publication: r.article.outlet.as_deref(),
            citation: &e.doc_id,
            coder: CODER,
            codebook: CODEBOOK,
        },
        coder: CODER,
        date_precision: e.date.map(|d| d.precision()),
        date_basis: e.date_basis,
        cameo: &e.cameo,
        cameo_name: &e.cameo_name,
        negated: e.negated,
        location: e.location.as_deref(),
        issues: &e.issues,
        evidence: Evidence { pattern: &e.evidence.pattern, verb_span: e.evidence.verb.span },
        cluster: r.cluster.map(|c| Cluster {
            id: c.id,
            num_mentions: c.num_mentions,
            num_sources: c.num_sources,
            num_articles: c.num_articles,
        }),
    }
}

pub struct PloverWriter<W: Write> {
    out: W,
    records: u64,
}

impl<W: Write> PloverWriter<W> {
    pub fn new(out: W) -> Self {
        PloverWriter { out, records: 0 }
    }

    pub fn finish(mut self) -> Result<Summary> {
        self.out.flush()?;
        Ok(Summary { records: self.records, files: Vec::new() })
    }
}

impl<W: Write> RecordWriter for PloverWriter<W> {
    fn write_ref(&mut self, r: RecordRef<'_>) -> Result<()> {
        serde_json::to_writer(&mut self.out, &record(&r)).map_err(std::io::Error::from)?;
        self.out.write_all(b"\n")?;
        self.records += 1;
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<Summary> {
        PloverWriter::finish(*self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{actor as test_actor, awkward_event, event, record as test_record};
    use serde_json::Value;

    fn json(records: &[crate::ExportRecord]) -> Vec<Value> {
        let mut out = Vec::new();
        let mut w = PloverWriter::new(&mut out);
        for r in records {
            w.write(r).unwrap();
        }
        w.finish().unwrap();
        String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }

    #[test]
    fn plover_fields() {
        let v = &json(&[test_record(event())])[0];
        assert_eq!(v["id"], "0123456789abcdef0123456789abcdef");
        assert_eq!(v["date"], "2020-07-23");
        assert_eq!(v["event"], serde_json::json!(["CONSULT"]));
        assert_eq!(v["mode"], serde_json::json!([]));
        assert_eq!(v["quad_code"], 1);
        assert_eq!(v["event_scale"], 1.0);
        assert_eq!(v["source"][0]["code"], "RUS");
        assert_eq!(v["source"][0]["sector"], "GOV");
        assert_eq!(v["source"][0]["identifier_text"], "Sergey Lavrov");
        assert_eq!(v["source"][0]["cameo_code"], "RUSGOV");
        assert_eq!(v["recipient"][0]["code"], "TUR");
        assert_eq!(v["cameo"], "040");
        assert_eq!(v["event_text"], serde_json::json!(["discussed"]));
        assert_eq!(v["text_info"]["sequence"], 2);
        assert_eq!(v["cite_info"]["publication"], "Example News");
        assert_eq!(v["cluster"]["num_mentions"], 3);
        assert_eq!(v["date_basis"], "weekday-relative");
    }

    #[test]
    fn no_target_undated_and_control_characters() {
        let mut rec = test_record(awkward_event());
        rec.cluster = None;
        let out = json(&[rec]);
        assert_eq!(out.len(), 1, "one JSON object a line even with newlines in texts");
        let v = &out[0];
        assert_eq!(v["recipient"], serde_json::json!([]));
        assert_eq!(v["date"], Value::Null);
        assert_eq!(v["cameo"], "0214");
        assert_eq!(v["text"], "Line one\nline\ttwo, \"quoted\"");
        assert!(v.get("cluster").is_none());
    }

    #[test]
    fn igo_actor_code_is_its_kind() {
        let mut e = event();
        e.target = Some(test_actor("IGOUNO", None, &[]));
        let v = &json(&[test_record(e)])[0];
        assert_eq!(v["recipient"][0]["code"], "IGO");
        assert_eq!(v["recipient"][0]["cameo_code"], "IGOUNO");
    }

    #[test]
    fn unmapped_cameo_has_no_plover_event() {
        let mut e = event();
        e.cameo = "010".into();
        e.plover.kind = String::new();
        let v = &json(&[test_record(e)])[0];
        assert_eq!(v["event"], serde_json::json!([]));
        assert_eq!(v["cameo"], "010");
    }
}
