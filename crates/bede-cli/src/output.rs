//! Event output formats for `bede code`: JSONL (the Event record itself) and
//! the projections of `bede-export` (CSV, GDELT, ICEWS, PLOVER). `bede code`
//! has no store, so rows carry no cluster and no article metadata.

use crate::Format;
use bede_core::Event;
use bede_export::{CsvColumns, CsvWriter, GdeltOptions, GdeltWriter, IcewsWriter, PloverWriter, RecordRef, RecordWriter};
use std::io::{self, Write};

pub struct EventWriter<W: Write> {
    kind: Kind<W>,
}

enum Kind<W: Write> {
    Jsonl(W),
    Csv(CsvWriter<W>),
    Gdelt(GdeltWriter<W>),
    Icews(IcewsWriter<W>),
    Plover(PloverWriter<W>),
}

/// `code.rs` reports write failures as I/O errors; an export error from a
/// stream writer is one (or a bug we still want to see).
fn io_err(e: bede_export::ExportError) -> io::Error {
    match e {
        bede_export::ExportError::Io(e) => e,
        other => io::Error::other(other),
    }
}

impl<W: Write> EventWriter<W> {
    pub fn new(out: W, format: Format) -> Self {
        let kind = match format {
            Format::Jsonl => Kind::Jsonl(out),
            // The event columns only: the table `bede code --format csv` has
            // always written.
            Format::Csv => Kind::Csv(CsvWriter::new(out, CsvColumns::Event)),
            Format::Gdelt => Kind::Gdelt(GdeltWriter::new(out, GdeltOptions::default())),
            Format::Icews => Kind::Icews(IcewsWriter::new(out)),
            Format::Plover => Kind::Plover(PloverWriter::new(out)),
        };
        EventWriter { kind }
    }

    pub fn write(&mut self, e: &Event) -> io::Result<()> {
        let r = RecordRef::event(e);
        match &mut self.kind {
            Kind::Jsonl(out) => {
                serde_json::to_writer(&mut *out, e)?;
                out.write_all(b"\n")
            }
            Kind::Csv(w) => w.write_ref(r).map_err(io_err),
            Kind::Gdelt(w) => w.write_ref(r).map_err(io_err),
            Kind::Icews(w) => w.write_ref(r).map_err(io_err),
            Kind::Plover(w) => w.write_ref(r).map_err(io_err),
        }
    }

    /// Push what is written to the sink. ICEWS files always have a header,
    /// so a run that codes no event still writes it here.
    pub fn flush(&mut self) -> io::Result<()> {
        match &mut self.kind {
            Kind::Jsonl(out) => out.flush(),
            Kind::Csv(w) => RecordWriter::flush(w).map_err(io_err),
            Kind::Gdelt(w) => RecordWriter::flush(w).map_err(io_err),
            Kind::Icews(w) => RecordWriter::flush(w).map_err(io_err),
            Kind::Plover(w) => RecordWriter::flush(w).map_err(io_err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(cameo: &str) -> Event {
        serde_json::from_value(serde_json::json!({
            "id": "00000000000000000000000000000001", "doc_id": "d", "sentence": 0,
            "date": "2020-07-23", "date_precision": "day", "date_basis": "explicit",
            "source": {"code": "RUSGOV", "country": "RUS", "sectors": ["GOV"], "name": "Russia", "text": "Russia, \"quoted\"", "span": [0, 6]},
            "target": null,
            "cameo": cameo, "cameo_name": "Consult", "quad_class": 1, "goldstein": 1.0,
            "plover": {"type": "CONSULT", "mode": null},
            "negated": false, "location": null, "issues": [],
            "evidence": {"text": "Russia, \"quoted\" consulted.", "verb": {"text": "consulted", "span": [17, 26]}, "pattern": "p"}
        }))
        .unwrap()
    }

    fn run(format: Format, events: &[Event]) -> String {
        let mut out = Vec::new();
        let mut w = EventWriter::new(&mut out, format);
        for e in events {
            w.write(e).unwrap();
        }
        w.flush().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_is_the_event_table_with_cameo_quoted() {
        let text = run(Format::Csv, &[event("040")]);
        let mut lines = text.lines();
        assert_eq!(lines.next().unwrap().split(',').count(), 24);
        assert_eq!(
            lines.next().unwrap(),
            "00000000000000000000000000000001,d,0,2020-07-23,day,explicit,RUSGOV,RUS,Russia,\"Russia, \"\"quoted\"\"\",,,,,\"040\",Consult,1,1,CONSULT,,false,consulted,p,\"Russia, \"\"quoted\"\" consulted.\""
        );
        // No event, no header: as `bede code --format csv` always behaved.
        assert_eq!(run(Format::Csv, &[]), "");
    }

    #[test]
    fn every_format_writes_one_line_per_event() {
        let events = [event("040"), event("0871")];
        assert_eq!(run(Format::Jsonl, &events).lines().count(), 2);
        assert_eq!(run(Format::Plover, &events).lines().count(), 2);
        assert_eq!(run(Format::Gdelt, &events).lines().count(), 2);
        assert_eq!(run(Format::Icews, &events).lines().count(), 3, "header and two events");
        assert_eq!(run(Format::Icews, &[]).lines().count(), 1, "the header even with no event");
        let gdelt = run(Format::Gdelt, &events);
        assert!(gdelt.lines().all(|l| l.split('\t').count() == 61));
        assert!(gdelt.lines().nth(1).unwrap().contains("\t0871\t087\t08\t"));
    }
}
