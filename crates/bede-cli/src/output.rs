//! Event output formats for `bede code`.

use crate::Format;
use bede_core::Event;
use std::io::{self, Write};

pub struct EventWriter<W: Write> {
    out: W,
    format: Format,
    wrote_header: bool,
}

const CSV_COLUMNS: &[&str] = &[
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

fn csv_field(s: &str, out: &mut String) {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

impl<W: Write> EventWriter<W> {
    pub fn new(out: W, format: Format) -> Self {
        EventWriter { out, format, wrote_header: false }
    }

    pub fn write(&mut self, e: &Event) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, e)?;
                self.out.write_all(b"\n")
            }
            Format::Csv => {
                if !self.wrote_header {
                    writeln!(self.out, "{}", CSV_COLUMNS.join(","))?;
                    self.wrote_header = true;
                }
                let s = |x: &Option<String>| x.clone().unwrap_or_default();
                let fields: Vec<String> = vec![
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
                let mut line = String::new();
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        line.push(',');
                    }
                    // CAMEO codes always quoted: spreadsheet tools keep them as text.
                    if CSV_COLUMNS[i] == "cameo" {
                        line.push('"');
                        line.push_str(f);
                        line.push('"');
                    } else {
                        csv_field(f, &mut line);
                    }
                }
                writeln!(self.out, "{line}")
            }
        }
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
