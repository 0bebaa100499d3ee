//! GDELT 2.0 event table: 61 tab-separated columns in GDELT's order, no header
//! (GDELT ships none; [`GdeltOptions::header`] adds one), one event a line.
//!
//! Codes are strings with their leading zeros (`040`, `04`). Bede fills what
//! it knows: ids, dates, actors, the CAMEO code hierarchy, QuadClass,
//! Goldstein, the mention counts of the event's cluster, DATEADDED and
//! SOURCEURL. It leaves empty what it does not: ethnic and religion codes,
//! IsRootEvent (Bede does not keep paragraphs), AvgTone (no tone model) and
//! the three geography blocks (no geocoder) — GDELT's own "no geography"
//! Geo_Type 0 is written so that integer columns stay integers.
//! `docs/export.md` maps every column.

use crate::actor::{split, ActorParts};
use crate::text::{day_date, fraction_date, goldstein_text, numeric_id, TsvRow};
use crate::{RecordRef, RecordWriter, Result, Summary};
use bede_core::ActorRef;
use std::io::Write;

/// GDELT 2.0's event columns, in file order.
pub const COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GdeltOptions {
    /// Write a first line of column names.
    pub header: bool,
}

pub struct GdeltWriter<W: Write> {
    out: W,
    opts: GdeltOptions,
    started: bool,
    records: u64,
    row: TsvRow,
}

impl<W: Write> GdeltWriter<W> {
    pub fn new(out: W, opts: GdeltOptions) -> Self {
        GdeltWriter { out, opts, started: false, records: 0, row: TsvRow::default() }
    }

    pub fn finish(mut self) -> Result<Summary> {
        self.start()?;
        self.out.flush()?;
        Ok(Summary { records: self.records, files: Vec::new() })
    }

    fn start(&mut self) -> Result<()> {
        if !self.started {
            self.started = true;
            if self.opts.header {
                writeln!(self.out, "{}", COLUMNS.join("\t"))?;
            }
        }
        Ok(())
    }
}

/// Fill `row` with the 61 fields of one record.
pub(crate) fn fill_row(row: &mut TsvRow, r: &RecordRef<'_>) {
    let e = r.event;
    row.clear();
    row.display(numeric_id(r));
    // Dates: each column only when the event's date is that precise, so a
    // year-precision background fact never gets a Day.
    let day = day_date(e.date);
    match day {
        Some(d) => row.display(d.format("%Y%m%d")),
        None => row.empty(),
    }
    match e.date.and_then(|d| d.month.map(|m| (d.year, m))) {
        Some((y, m)) => row.display(format_args!("{y:04}{m:02}")),
        None => row.empty(),
    }
    match e.date {
        Some(d) => row.display(format_args!("{:04}", d.year)),
        None => row.empty(),
    }
    match day {
        Some(d) => row.display(fraction_date(d)),
        None => row.empty(),
    }

    actor_fields(row, Some(&e.source));
    actor_fields(row, e.target.as_ref());

    row.empty(); // IsRootEvent: Bede does not know the lead paragraph.
    row.field(&e.cameo);
    row.field(e.cameo.get(..3).unwrap_or(&e.cameo));
    row.field(bede_cameo::root(&e.cameo));
    row.display(e.quad_class);
    row.display(goldstein_text(e.goldstein));
    // Without a store cluster, the row is what it is: one mention in one
    // article from one source.
    let (m, s, a) = r.cluster.map(|c| (c.num_mentions, c.num_sources, c.num_articles)).unwrap_or((1, 1, 1));
    row.display(m);
    row.display(s);
    row.display(a);
    row.empty(); // AvgTone: no tone model.
    for _ in 0..3 {
        row.display(0); // Geo_Type 0: GDELT's "no geography".
        for _ in 0..7 {
            row.empty();
        }
    }
    match r.article.ingested_at {
        Some(t) => row.display(t.format("%Y%m%d%H%M%S")),
        None => row.empty(),
    }
    row.opt(r.article.url.as_deref());
}

fn actor_fields(row: &mut TsvRow, a: Option<&ActorRef>) {
    let Some(a) = a else {
        for _ in 0..10 {
            row.empty();
        }
        return;
    };
    let ActorParts { country, known_group, types } = split(a);
    row.field(&a.code);
    // GDELT prints actor names in capitals ("RUSSIA", "UNITED NATIONS").
    row.field(&a.name.to_uppercase());
    row.opt(country);
    row.opt(known_group);
    row.empty(); // EthnicCode
    row.empty(); // Religion1Code
    row.empty(); // Religion2Code
    for i in 0..3 {
        row.opt(types.get(i).copied());
    }
}

impl<W: Write> RecordWriter for GdeltWriter<W> {
    fn write_ref(&mut self, r: RecordRef<'_>) -> Result<()> {
        self.start()?;
        fill_row(&mut self.row, &r);
        debug_assert_eq!(self.row.fields, COLUMNS.len());
        self.row.line.push('\n');
        self.out.write_all(self.row.line.as_bytes())?;
        self.records += 1;
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<Summary> {
        GdeltWriter::finish(*self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{awkward_event, event, record};
    use crate::RecordWriter;

    fn lines(records: &[crate::ExportRecord], header: bool) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let mut w = GdeltWriter::new(&mut out, GdeltOptions { header });
        for r in records {
            w.write(r).unwrap();
        }
        assert_eq!(w.finish().unwrap().records, records.len() as u64);
        String::from_utf8(out).unwrap().lines().map(|l| l.split('\t').map(str::to_string).collect()).collect()
    }

    fn col<'a>(row: &'a [String], name: &str) -> &'a str {
        &row[COLUMNS.iter().position(|c| *c == name).unwrap()]
    }

    #[test]
    fn sixty_one_columns_with_codes_as_strings() {
        let rows = lines(&[record(event())], false);
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(row.len(), 61);
        assert_eq!(col(row, "GlobalEventID"), "42");
        assert_eq!(col(row, "Day"), "20200723");
        assert_eq!(col(row, "MonthYear"), "202007");
        assert_eq!(col(row, "Year"), "2020");
        assert_eq!(col(row, "Actor1Code"), "RUSGOV");
        assert_eq!(col(row, "Actor1Name"), "SERGEY LAVROV");
        assert_eq!(col(row, "Actor1CountryCode"), "RUS");
        assert_eq!(col(row, "Actor1Type1Code"), "GOV");
        assert_eq!(col(row, "Actor2Code"), "TURGOV");
        assert_eq!(col(row, "EventCode"), "040");
        assert_eq!(col(row, "EventBaseCode"), "040");
        assert_eq!(col(row, "EventRootCode"), "04");
        assert_eq!(col(row, "QuadClass"), "1");
        assert_eq!(col(row, "GoldsteinScale"), "1.0");
        assert_eq!((col(row, "NumMentions"), col(row, "NumSources"), col(row, "NumArticles")), ("3", "2", "3"));
        assert_eq!(col(row, "AvgTone"), "");
        assert_eq!(col(row, "ActionGeo_Type"), "0");
        assert_eq!(col(row, "ActionGeo_Lat"), "");
        assert_eq!(col(row, "DATEADDED"), "20200724141320");
        assert_eq!(col(row, "SOURCEURL"), "https://example.org/a");
    }

    #[test]
    fn header_only_on_request() {
        let rows = lines(&[record(event())], true);
        assert_eq!(rows[0], COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>());
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn undated_no_target_and_tabs_keep_the_row_shape() {
        let mut rec = record(awkward_event());
        rec.cluster = None;
        let rows = lines(&[rec], false);
        assert_eq!(rows.len(), 1, "a newline in a text must not split the row");
        let row = &rows[0];
        assert_eq!(row.len(), 61, "a tab in a name must not add a column");
        assert_eq!(col(row, "Actor1Name"), "NAME WITH TAB");
        for c in ["Day", "MonthYear", "Year", "FractionDate", "Actor2Code", "Actor2Name", "Actor2CountryCode"] {
            assert_eq!(col(row, c), "", "{c}");
        }
        assert_eq!(col(row, "EventCode"), "0214");
        assert_eq!(col(row, "EventBaseCode"), "021");
        assert_eq!(col(row, "EventRootCode"), "02");
        // No cluster: the id comes from the event id, the counts say one mention.
        assert_eq!(col(row, "GlobalEventID"), i64::from_str_radix("0123456789abcde", 16).unwrap().to_string());
        assert_eq!(col(row, "NumMentions"), "1");
    }

    #[test]
    fn month_precision_fills_month_not_day() {
        let mut e = event();
        e.date = bede_core::PartialDate::parse("1992-06");
        let row = &lines(&[record(e)], false)[0];
        assert_eq!((col(row, "Day"), col(row, "MonthYear"), col(row, "Year")), ("", "199206", "1992"));
        assert_eq!(col(row, "FractionDate"), "");
    }

    #[test]
    fn igo_actor_gets_known_group_and_type() {
        let mut e = event();
        e.target = Some(bede_core::ActorRef { name: "United Nations".into(), ..crate::testutil::actor("IGOUNO", None, &[]) });
        let row = &lines(&[record(e)], false)[0];
        assert_eq!(col(row, "Actor2CountryCode"), "");
        assert_eq!(col(row, "Actor2KnownGroupCode"), "UNO");
        assert_eq!(col(row, "Actor2Type1Code"), "IGO");
        assert_eq!(col(row, "Actor2Name"), "UNITED NATIONS");
    }
}
