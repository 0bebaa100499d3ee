//! Gold-file readers.
//!
//! **JSONL**, one record a line (blank lines are skipped):
//!
//! ```json
//! {"id": "a1", "text": "...", "published": "2020-07-24",
//!  "expected": [{"source": "RUS", "target": "TUR", "code": "040"}]}
//! {"id": "b2", "text": "...", "label": 3}
//! ```
//!
//! `published` is `YYYY-MM-DD` or `YYYYMMDD`; anything else is an error. Without
//! it, a `date` field (as the derived PETRARCH files name it) is used when it is
//! a date of either form and ignored otherwise (one of those files has `121108`). In `expected`, `source` and `target` may be
//! null or absent (no actor: compared as `---`); `code` is a string. An entry
//! whose source, target and code are all null stands for "no event" (the derived
//! PETRARCH files use it for records that expect an error) and is dropped.
//! `label` is a coarse class 0..=4 (see [`crate::coarse`]). A record needs
//! `expected`, `label`, or both. Other fields are ignored.
//!
//! **ConfliBERT TSV**: `sentence<TAB>label` per line (CRLF or LF), label 0..=4;
//! the record id is `line N`.
//!
//! A bad line is an error naming file, line and reason: gold data that cannot be
//! read whole would give scores for an unknown subset.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

/// The actor code used when an event has no source or no target.
pub const NO_ACTOR: &str = "---";

/// One event as scored: actor codes (`---` when absent) and the CAMEO code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Triple {
    pub source: String,
    pub target: String,
    pub code: String,
}

impl Triple {
    /// A triple with absent or empty actors written as `---`.
    pub fn new(source: Option<&str>, target: Option<&str>, code: &str) -> Triple {
        let actor = |a: Option<&str>| a.map(str::trim).filter(|s| !s.is_empty()).unwrap_or(NO_ACTOR).to_string();
        Triple { source: actor(source), target: actor(target), code: code.trim().to_string() }
    }
}

impl fmt::Display for Triple {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.source, self.target, self.code)
    }
}

/// One gold record.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldRecord {
    pub id: String,
    pub text: String,
    pub published: Option<NaiveDate>,
    /// Expected events, when the record lists them (an empty list: no event expected).
    pub expected: Option<Vec<Triple>>,
    /// Coarse class 0..=4, when the record has one.
    pub label: Option<u8>,
    /// 1-based line in the gold file.
    pub line: usize,
}

/// A gold line that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct GoldError {
    pub file: String,
    /// 1-based; 0 when the file itself cannot be read.
    pub line: usize,
    pub reason: String,
}

/// The two gold formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoldFormat {
    Jsonl,
    Conflibert,
}

impl GoldFormat {
    /// `.tsv` files are ConfliBERT TSV, anything else JSONL.
    pub fn from_path(path: &Path) -> GoldFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("tsv") => GoldFormat::Conflibert,
            _ => GoldFormat::Jsonl,
        }
    }
}

/// Read a gold file in the given format.
pub fn read_path(path: &Path, format: GoldFormat) -> Result<Vec<GoldRecord>, GoldError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| GoldError { file: file.clone(), line: 0, reason: format!("cannot read: {e}") })?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count();
            return Err(GoldError { file, line, reason: "not valid UTF-8".into() });
        }
    };
    match format {
        GoldFormat::Jsonl => read_jsonl_str(&file, &text),
        GoldFormat::Conflibert => read_conflibert_str(&file, &text),
    }
}

#[derive(Deserialize)]
struct RawEvent {
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    code: Option<String>,
}

#[derive(Deserialize)]
struct RawRecord {
    id: Option<serde_json::Value>,
    text: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    expected: Option<Vec<RawEvent>>,
    #[serde(default)]
    label: Option<serde_json::Value>,
}

/// Parse a date written `YYYY-MM-DD` or `YYYYMMDD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().or_else(|| if s.len() == 8 { NaiveDate::parse_from_str(s, "%Y%m%d").ok() } else { None })
}

/// Read gold JSONL from a string; `file` names it in errors.
pub fn read_jsonl_str(file: &str, text: &str) -> Result<Vec<GoldRecord>, GoldError> {
    let mut out = Vec::new();
    for (i, raw_line) in text.lines().enumerate() {
        let line = i + 1;
        let err = |reason: String| GoldError { file: file.to_string(), line, reason };
        if raw_line.trim().is_empty() {
            continue;
        }
        let raw: RawRecord = serde_json::from_str(raw_line).map_err(|e| err(format!("not a JSON record: {e}")))?;
        let id = match raw.id {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            Some(_) => return Err(err("\"id\" must be a non-empty string".into())),
            None => return Err(err("no \"id\"".into())),
        };
        let text = raw.text.ok_or_else(|| err(format!("record {id}: no \"text\"")))?;
        let published = match raw.published.filter(|d| !d.trim().is_empty()) {
            Some(d) => Some(parse_date(&d).ok_or_else(|| err(format!("record {id}: published {d:?} is not YYYY-MM-DD or YYYYMMDD")))?),
            None => raw.date.as_deref().and_then(parse_date),
        };
        let expected = match raw.expected {
            Some(evs) => {
                let mut v = Vec::with_capacity(evs.len());
                for (k, e) in evs.into_iter().enumerate() {
                    match (&e.source, &e.target, e.code.as_deref().map(str::trim)) {
                        (None, None, None) => {}
                        (_, _, Some(code)) if !code.is_empty() => v.push(Triple::new(e.source.as_deref(), e.target.as_deref(), code)),
                        _ => return Err(err(format!("record {id}: expected event {} has no \"code\"", k + 1))),
                    }
                }
                Some(v)
            }
            None => None,
        };
        let label = match raw.label {
            None | Some(serde_json::Value::Null) => None,
            Some(v) => Some(parse_label(&v).ok_or_else(|| err(format!("record {id}: label {v} is not a class 0..4")))?),
        };
        if expected.is_none() && label.is_none() {
            return Err(err(format!("record {id}: neither \"expected\" nor \"label\"")));
        }
        out.push(GoldRecord { id, text, published, expected, label, line });
    }
    Ok(out)
}

fn parse_label(v: &serde_json::Value) -> Option<u8> {
    let n = match v {
        serde_json::Value::Number(n) => n.as_u64()?,
        serde_json::Value::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    (n <= 4).then_some(n as u8)
}

/// Read a ConfliBERT CAMEO-class TSV (`sentence<TAB>label`) from a string.
pub fn read_conflibert_str(file: &str, text: &str) -> Result<Vec<GoldRecord>, GoldError> {
    let mut out = Vec::new();
    for (i, raw_line) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw_line.trim_end_matches('\r');
        if l.trim().is_empty() {
            continue;
        }
        let err = |reason: String| GoldError { file: file.to_string(), line, reason };
        let (sentence, label) = l.rsplit_once('\t').ok_or_else(|| err("no tab between sentence and label".into()))?;
        let label = label.trim();
        let label = label.parse::<u8>().ok().filter(|&n| n <= 4).ok_or_else(|| err(format!("label {label:?} is not a class 0..4")))?;
        let sentence = sentence.trim();
        if sentence.is_empty() {
            return Err(err("empty sentence".into()));
        }
        out.push(GoldRecord {
            id: format!("line {line}"),
            text: sentence.to_string(),
            published: None,
            expected: None,
            label: Some(label),
            line,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_records() {
        let src = r#"{"id": "a", "text": "A met B.", "published": "2020-07-24", "expected": [{"source": "AAA", "target": null, "code": "040"}, {"code": "010"}]}

{"id": 7, "text": "x", "date": "20080801", "expected": [{"source": null, "target": null, "code": null}], "origin": "ignored"}
{"id": "c", "text": "y", "label": 3, "date": "121108"}
{"id": "d", "text": "z", "label": "2", "expected": []}
"#;
        let r = read_jsonl_str("g.jsonl", src).unwrap();
        assert_eq!(r.len(), 4);
        assert_eq!(r[0].published, NaiveDate::from_ymd_opt(2020, 7, 24));
        assert_eq!(r[0].expected.as_deref().unwrap(), &[Triple::new(Some("AAA"), None, "040"), Triple::new(None, None, "010")]);
        assert_eq!(r[0].expected.as_ref().unwrap()[0].target, "---");
        assert_eq!((r[1].id.as_str(), r[1].line), ("7", 3));
        assert_eq!(r[1].published, NaiveDate::from_ymd_opt(2008, 8, 1));
        assert_eq!(r[1].expected.as_deref(), Some(&[][..]));
        assert_eq!((r[2].label, r[2].expected.is_none()), (Some(3), true));
        assert_eq!((r[3].label, r[3].expected.as_ref().map(Vec::len)), (Some(2), Some(0)));
    }

    #[test]
    fn jsonl_errors_name_file_and_line() {
        for (src, line, want) in [
            ("{\"id\":\"a\",\"text\":\"x\",\"label\":1}\n{oops\n", 2, "not a JSON record"),
            ("{\"text\":\"x\",\"label\":1}", 1, "no \"id\""),
            ("{\"id\":\"a\",\"label\":1}", 1, "no \"text\""),
            ("{\"id\":\"a\",\"text\":\"x\"}", 1, "neither"),
            ("{\"id\":\"a\",\"text\":\"x\",\"label\":5}", 1, "not a class"),
            ("{\"id\":\"a\",\"text\":\"x\",\"published\":\"24/07/2020\",\"label\":1}", 1, "is not YYYY-MM-DD"),
            ("\n\n{\"id\":\"a\",\"text\":\"x\",\"expected\":[{\"source\":\"A\"}]}", 3, "no \"code\""),
        ] {
            let e = read_jsonl_str("g.jsonl", src).unwrap_err();
            assert_eq!((e.file.as_str(), e.line), ("g.jsonl", line), "{src}");
            assert!(e.reason.contains(want), "{src}: {}", e.reason);
            assert!(e.to_string().starts_with(&format!("g.jsonl:{line}: ")));
        }
    }

    #[test]
    fn conflibert_tsv() {
        let r = read_conflibert_str("t.tsv", "One sentence.\t4\r\nTwo\tsentences.\t0\r\n\r\n").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].text.as_str(), r[0].label, r[0].id.as_str()), ("One sentence.", Some(4), "line 1"));
        assert_eq!((r[1].text.as_str(), r[1].label), ("Two\tsentences.", Some(0)));
        let e = read_conflibert_str("t.tsv", "ok\t1\nbad\t9\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = read_conflibert_str("t.tsv", "no tab here\n").unwrap_err();
        assert!(e.reason.contains("no tab"));
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(GoldFormat::from_path(Path::new("a/train.TSV")), GoldFormat::Conflibert);
        assert_eq!(GoldFormat::from_path(Path::new("a/gold.jsonl")), GoldFormat::Jsonl);
    }

    #[test]
    fn reads_the_shared_gold_files() {
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
        let tsv = base.join("conflibert_cameo/cameo_class/train.tsv");
        let jsonl = base.join("universalpetrarch/PETR2_GSR_validation.jsonl");
        if !tsv.exists() || !jsonl.exists() {
            eprintln!("note: {} not found, test skipped", base.display());
            return;
        }
        let r = read_path(&tsv, GoldFormat::Conflibert).unwrap();
        assert_eq!(r.len(), 1349);
        let r = read_path(&jsonl, GoldFormat::Jsonl).unwrap();
        assert_eq!(r.len(), 78);
        assert_eq!(r.iter().filter(|g| g.published.is_none()).count(), 1);
    }
}
