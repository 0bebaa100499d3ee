//! The flat event table as CSV (RFC 4180 quoting), one event a line.
//!
//! [`CsvColumns::Event`] is the table `bede code --format csv` has always
//! written (24 columns). [`CsvColumns::Store`] adds the cluster and article
//! columns `bede export` knows. The CAMEO code is always quoted, so that
//! spreadsheet programs keep it as text with its leading zeros ("040").

use crate::{RecordRef, RecordWriter, Result, Summary};
use std::io::Write;

/// The event columns, in order.
pub const EVENT_COLUMNS: [&str; 24] = [
    "id",
    "doc_id",
    "sentence",
    "date",
    "date_precision",
    "date_basis",
    "source_code",
    "source_country",
    "source_name",
    "source_text",
    "target_code",
    "target_country",
    "target_name",
    "target_text",
    "cameo",
    "cameo_name",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "negated",
    "verb",
    "pattern",
    "evidence",
];

/// The columns [`CsvColumns::Store`] appends.
pub const STORE_COLUMNS: [&str; 9] =
    ["cluster_id", "num_mentions", "num_sources", "num_articles", "published", "url", "outlet", "title", "ingested_at"];

/// Index of the `cameo` column, the one always quoted.
const CAMEO_COLUMN: usize = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvColumns {
    /// The event table alone (`bede code`).
    Event,
    /// The event table, then cluster and article columns (`bede export`);
    /// empty where a record has no cluster or the article field is unknown.
    Store,
}

pub struct CsvWriter<W: Write> {
    out: W,
    columns: CsvColumns,
    started: bool,
    records: u64,
    line: String,
}

/// Append one field, quoted when it must be: a comma, quote or line break
/// inside, or a leading or trailing space that a reader would trim.
fn push_field(s: &str, out: &mut String) {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

impl<W: Write> CsvWriter<W> {
    pub fn new(out: W, columns: CsvColumns) -> Self {
        CsvWriter { out, columns, started: false, records: 0, line: String::new() }
    }

    /// The column names, in order.
    pub fn column_names(&self) -> Vec<&'static str> {
        let mut v = EVENT_COLUMNS.to_vec();
        if self.columns == CsvColumns::Store {
            v.extend(STORE_COLUMNS);
        }
        v
    }

    pub fn finish(mut self) -> Result<Summary> {
        self.start()?;
        self.out.flush()?;
        Ok(Summary { records: self.records, files: Vec::new() })
    }

    /// The header is written with the first record, or at `finish` when there
    /// is none, so an empty export is still a valid table.
    fn start(&mut self) -> Result<()> {
        if !self.started {
            self.started = true;
            writeln!(self.out, "{}", self.column_names().join(","))?;
        }
        Ok(())
    }

    fn fill(&mut self, r: &RecordRef<'_>) {
        let e = r.event;
        let s = |x: &Option<String>| x.clone().unwrap_or_default();
        let mut fields: Vec<String> = vec![
            e.id.clone(),
            e.doc_id.clone(),
            e.sentence.to_string(),
            e.date.map(|d| d.to_string()).unwrap_or_default(),
            e.date_precision.map(|p| format!("{p:?}").to_lowercase()).unwrap_or_default(),
            serde_json::to_value(e.date_basis).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
            e.source.code.clone(),
            s(&e.source.country),
            e.source.name.clone(),
            e.source.text.clone(),
            e.target.as_ref().map(|t| t.code.clone()).unwrap_or_default(),
            e.target.as_ref().and_then(|t| t.country.clone()).unwrap_or_default(),
            e.target.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
            e.target.as_ref().map(|t| t.text.clone()).unwrap_or_default(),
            e.cameo.clone(),
            e.cameo_name.clone(),
            e.quad_class.to_string(),
            e.goldstein.to_string(),
            e.plover.kind.clone(),
            s(&e.plover.mode),
            e.negated.to_string(),
            e.evidence.verb.text.clone(),
            e.evidence.pattern.clone(),
            e.evidence.text.clone(),
        ];
        if self.columns == CsvColumns::Store {
            let c = r.cluster;
            let a = r.article;
            fields.extend([
                c.map(|c| c.id.to_string()).unwrap_or_default(),
                c.map(|c| c.num_mentions.to_string()).unwrap_or_default(),
                c.map(|c| c.num_sources.to_string()).unwrap_or_default(),
                c.map(|c| c.num_articles.to_string()).unwrap_or_default(),
                a.published.map(|d| d.to_string()).unwrap_or_default(),
                s(&a.url),
                s(&a.outlet),
                s(&a.title),
                a.ingested_at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default(),
            ]);
        }
        self.line.clear();
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.line.push(',');
            }
            if i == CAMEO_COLUMN {
                self.line.push('"');
                self.line.push_str(f);
                self.line.push('"');
            } else {
                push_field(f, &mut self.line);
            }
        }
        self.line.push('\n');
    }
}

impl<W: Write> RecordWriter for CsvWriter<W> {
    fn write_ref(&mut self, r: RecordRef<'_>) -> Result<()> {
        self.start()?;
        self.fill(&r);
        self.out.write_all(self.line.as_bytes())?;
        self.records += 1;
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<Summary> {
        CsvWriter::finish(*self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{awkward_event, event, record};

    fn write(columns: CsvColumns, records: &[crate::ExportRecord]) -> String {
        let mut out = Vec::new();
        let mut w = CsvWriter::new(&mut out, columns);
        for r in records {
            w.write(r).unwrap();
        }
        w.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn cameo_is_quoted_and_keeps_zeros() {
        let text = write(CsvColumns::Event, &[record(event())]);
        let mut lines = text.lines();
        assert_eq!(lines.next().unwrap(), EVENT_COLUMNS.join(","));
        let row = lines.next().unwrap();
        assert!(row.contains(",\"040\",Consult,"), "{row}");
    }

    #[test]
    fn store_columns_follow_the_event_columns() {
        let text = write(CsvColumns::Store, &[record(event())]);
        let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
        assert_eq!(header.len(), 33);
        assert_eq!(&header[24..], &STORE_COLUMNS);
        let row = text.lines().nth(1).unwrap();
        assert!(
            row.ends_with(",42,3,2,3,2020-07-24,https://example.org/a,Example News,\"Lavrov, Cavusoglu talk\",2020-07-24T14:13:20Z"),
            "{row}"
        );
    }

    #[test]
    fn quotes_and_newlines_are_quoted_undated_and_no_target_are_empty() {
        let text = write(CsvColumns::Store, &[record(awkward_event())]);
        // The evidence holds a newline inside quotes: the record spans two lines.
        assert!(text.contains("\"Line one\nline\ttwo, \"\"quoted\"\"\""), "{text}");
        assert!(text.contains(",\"0214\","));
        let row = text.lines().nth(1).unwrap();
        // id, doc_id, sentence, then empty date and date_precision.
        assert!(row.starts_with("0123456789abcdef0123456789abcdef,000_doc,2,,,unknown,"), "{row}");
    }
}
