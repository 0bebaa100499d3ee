use crate::{DateBasis, DatePrecision, PartialDate, Span};
use serde::{Deserialize, Serialize};

/// One side of an event: the actor as coded and as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// CAMEO actor code, e.g. `RUSGOV`, `IGOUNO`, `ARMMIL`.
    pub code: String,
    /// ISO 3166-1 alpha-3, `None` for IGOs and unknown.
    pub country: Option<String>,
    /// CAMEO sector/role codes, e.g. `["GOV"]`.
    pub sectors: Vec<String>,
    /// Display name: the person's name when the article names the person,
    /// else the dictionary name of the entity ("Russia", "Turkish government").
    pub name: String,
    /// The text of the mention in the evidence sentence.
    pub text: String,
    /// Byte span of `text` in `evidence.text`.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PloverRef {
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VerbRef {
    pub text: String,
    pub span: Span,
}

/// The sentence and dictionary entry that support an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub text: String,
    pub verb: VerbRef,
    /// The dictionary entry that fired, as `file:line: pattern`.
    pub pattern: String,
}

/// A coded event: the record `bede code` writes, one JSON object a line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub doc_id: String,
    /// 0-based index of the sentence in the cleaned article.
    pub sentence: u32,
    pub date: Option<PartialDate>,
    pub date_precision: Option<DatePrecision>,
    pub date_basis: DateBasis,
    pub source: ActorRef,
    pub target: Option<ActorRef>,
    /// CAMEO event code, always a string with leading zeros kept.
    pub cameo: String,
    pub cameo_name: String,
    pub quad_class: u8,
    pub goldstein: f32,
    pub plover: PloverRef,
    pub negated: bool,
    pub location: Option<String>,
    pub issues: Vec<String>,
    pub evidence: Evidence,
}

/// The stable id of an event: a hash of document id, sentence index, source,
/// target and code, so re-coding the same article gives the same ids. Each side
/// counts with its code and its display name: one sentence can hold two events
/// with the same codes between different people ("Lavrov met Cavusoglu, as Putin
/// had met Erdogan": RUSGOV→TURGOV twice), and the coder keeps both.
pub fn event_id(doc_id: &str, sentence: u32, source: &ActorRef, target: Option<&ActorRef>, code: &str) -> String {
    use xxhash_rust::xxh3::Xxh3;
    let mut h = Xxh3::new();
    let (tc, tn) = target.map(|t| (t.code.as_str(), t.name.as_str())).unwrap_or(("", ""));
    for part in [
        doc_id.as_bytes(),
        &sentence.to_le_bytes(),
        source.code.as_bytes(),
        source.name.as_bytes(),
        tc.as_bytes(),
        tn.as_bytes(),
        code.as_bytes(),
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part);
    }
    format!("{:032x}", h.digest128())
}
