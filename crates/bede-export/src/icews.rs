//! ICEWS coded event data: the 20 columns of the Dataverse release, tab
//! separated, with ICEWS's header line.
//!
//! As in ICEWS: countries are names ("Russia", not "RUS"), sectors are a
//! comma-separated list of names, Event Text is the CAMEO code's name,
//! Intensity is the Goldstein value, the CAMEO code keeps its leading zeros.
//! Bede has no geocoder, so City, District, Province, Country, Latitude and
//! Longitude are empty. `docs/export.md` maps every column.

use crate::actor::{country_name, sector_name, split};
use crate::text::{goldstein_text, numeric_id, TsvRow};
use crate::{RecordRef, RecordWriter, Result, Summary};
use bede_core::ActorRef;
use std::io::Write;

/// ICEWS's column names, in file order.
pub const COLUMNS: [&str; 20] = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
];

pub struct IcewsWriter<W: Write> {
    out: W,
    started: bool,
    records: u64,
    row: TsvRow,
}

impl<W: Write> IcewsWriter<W> {
    pub fn new(out: W) -> Self {
        IcewsWriter { out, started: false, records: 0, row: TsvRow::default() }
    }

    pub fn finish(mut self) -> Result<Summary> {
        self.start()?;
        self.out.flush()?;
        Ok(Summary { records: self.records, files: Vec::new() })
    }

    fn start(&mut self) -> Result<()> {
        if !self.started {
            self.started = true;
            writeln!(self.out, "{}", COLUMNS.join("\t"))?;
        }
        Ok(())
    }
}

fn actor_fields(a: Option<&ActorRef>) -> (String, String, String) {
    let Some(a) = a else { return Default::default() };
    let parts = split(a);
    let sectors: Vec<&str> = parts.types.iter().map(|t| sector_name(t)).collect();
    // A country code the dictionary has no name for is printed as the code:
    // better a code than an empty cell that reads as "no country".
    let country = parts.country.map(|c| country_name(c).unwrap_or(c).to_string()).unwrap_or_default();
    (a.name.clone(), sectors.join(","), country)
}

pub(crate) fn fill_row(row: &mut TsvRow, r: &RecordRef<'_>) {
    let e = r.event;
    row.clear();
    row.display(numeric_id(r));
    // Reduced precision ("1992", "2020-07") is written as such: ICEWS has
    // only days, and widening a year to a day would invent a date.
    match e.date {
        Some(d) => row.display(d),
        None => row.empty(),
    }
    let (name, sectors, country) = actor_fields(Some(&e.source));
    row.field(&name);
    row.field(&sectors);
    row.field(&country);
    row.field(&e.cameo_name);
    row.field(&e.cameo);
    row.display(goldstein_text(e.goldstein));
    let (name, sectors, country) = actor_fields(e.target.as_ref());
    row.field(&name);
    row.field(&sectors);
    row.field(&country);
    row.field(&e.doc_id);
    // ICEWS numbers sentences from 1; Bede's JSONL from 0.
    row.display(e.sentence + 1);
    row.opt(r.article.outlet.as_deref());
    for _ in 0..6 {
        row.empty(); // City, District, Province, Country, Latitude, Longitude
    }
}

impl<W: Write> RecordWriter for IcewsWriter<W> {
    fn write_ref(&mut self, r: RecordRef<'_>) -> Result<()> {
        self.start()?;
        fill_row(&mut self.row, &r);
        debug_assert_eq!(self.row.fields, COLUMNS.len());
        self.row.line.push('\n');
        self.out.write_all(self.row.line.as_bytes())?;
        self.records += 1;
        Ok(())
    }

    /// Also writes the header if nothing was written yet: an ICEWS file
    /// always has one, and a caller that never calls `finish` (`bede code`)
    /// still produces a valid empty table.
    fn flush(&mut self) -> Result<()> {
        self.start()?;
        self.out.flush()?;
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<Summary> {
        IcewsWriter::finish(*self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{awkward_event, event, record};

    fn rows(records: &[crate::ExportRecord]) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let mut w = IcewsWriter::new(&mut out);
        for r in records {
            w.write(r).unwrap();
        }
        w.finish().unwrap();
        String::from_utf8(out).unwrap().lines().map(|l| l.split('\t').map(str::to_string).collect()).collect()
    }

    fn col<'a>(row: &'a [String], name: &str) -> &'a str {
        &row[COLUMNS.iter().position(|c| *c == name).unwrap()]
    }

    #[test]
    fn header_and_twenty_columns() {
        let rows = rows(&[record(event())]);
        assert_eq!(rows[0], COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>());
        let row = &rows[1];
        assert_eq!(row.len(), 20);
        assert_eq!(col(row, "Event ID"), "42");
        assert_eq!(col(row, "Event Date"), "2020-07-23");
        assert_eq!(col(row, "Source Name"), "Sergey Lavrov");
        assert_eq!(col(row, "Source Sectors"), "Government");
        assert_eq!(col(row, "Source Country"), crate::actor::country_name("RUS").unwrap());
        assert_ne!(col(row, "Source Country"), "RUS");
        assert_eq!(col(row, "Event Text"), "Consult");
        assert_eq!(col(row, "CAMEO Code"), "040");
        assert_eq!(col(row, "Intensity"), "1.0");
        assert_eq!(col(row, "Target Name"), "Mevlut Cavusoglu");
        assert_eq!(col(row, "Story ID"), "000_doc");
        assert_eq!(col(row, "Sentence Number"), "3");
        assert_eq!(col(row, "Publisher"), "Example News");
        assert_eq!(col(row, "Latitude"), "");
    }

    #[test]
    fn empty_output_still_has_the_header() {
        let rows = rows(&[]);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].len(), 20);
    }

    #[test]
    fn undated_no_target_and_tabs_keep_the_row_shape() {
        let rows = rows(&[record(awkward_event())]);
        assert_eq!(rows.len(), 2);
        let row = &rows[1];
        assert_eq!(row.len(), 20);
        assert_eq!(col(row, "Event Date"), "");
        assert_eq!(col(row, "Source Name"), "Name with tab");
        assert_eq!(col(row, "CAMEO Code"), "0214");
        for c in ["Target Name", "Target Sectors", "Target Country"] {
            assert_eq!(col(row, c), "", "{c}");
        }
    }

    #[test]
    fn year_precision_is_not_widened() {
        let mut e = event();
        e.date = bede_core::PartialDate::parse("1992");
        let rows = rows(&[record(e)]);
        assert_eq!(col(&rows[1], "Event Date"), "1992");
    }
}
