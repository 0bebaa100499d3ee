//! Helpers shared by the text formats: tab-separated fields, dates, ids.

use crate::RecordRef;
use bede_core::{DatePrecision, PartialDate};
use chrono::Datelike;
use std::fmt::Write as _;

/// Append `s` as one tab-separated field.
///
/// GDELT and ICEWS files have no quoting: a field may hold no tab and no line
/// break, so those become spaces (the texts they occur in are names and
/// titles, where a space is what was meant). Readers that do quote (Python's
/// `csv`, pandas, R's readr by default) would take a field *starting* with a
/// double quote for a quoted field and swallow the tabs after it; such a
/// field alone is written quoted, inner quotes doubled, which those readers
/// decode to the original text.
pub(crate) fn push_tsv_field(line: &mut String, s: &str) {
    let clean = |c: char| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c };
    if s.starts_with('"') {
        line.push('"');
        for c in s.chars().map(clean) {
            if c == '"' {
                line.push('"');
            }
            line.push(c);
        }
        line.push('"');
    } else {
        line.extend(s.chars().map(clean));
    }
}

/// A row of tab-separated fields being built.
#[derive(Default)]
pub(crate) struct TsvRow {
    pub line: String,
    pub fields: usize,
}

impl TsvRow {
    pub fn clear(&mut self) {
        self.line.clear();
        self.fields = 0;
    }
    pub fn field(&mut self, s: &str) {
        if self.fields > 0 {
            self.line.push('\t');
        }
        push_tsv_field(&mut self.line, s);
        self.fields += 1;
    }
    pub fn opt(&mut self, s: Option<&str>) {
        self.field(s.unwrap_or(""));
    }
    /// A field known to need no cleaning (numbers, codes we made).
    pub fn display(&mut self, v: impl std::fmt::Display) {
        if self.fields > 0 {
            self.line.push('\t');
        }
        let _ = write!(self.line, "{v}");
        self.fields += 1;
    }
    pub fn empty(&mut self) {
        self.field("");
    }
}

/// The numeric event id the GDELT and ICEWS formats want: the store's cluster
/// id when there is one, else the first 60 bits of Bede's 128-bit hex event id
/// (stable across runs, like the id it comes from, and positive in any signed
/// 64-bit column).
pub(crate) fn numeric_id(r: &RecordRef<'_>) -> i64 {
    if let Some(c) = r.cluster {
        return c.id;
    }
    let hex = r.event.id.get(..15).unwrap_or(&r.event.id);
    i64::from_str_radix(hex, 16).unwrap_or(0)
}

/// Goldstein as written: the shortest decimal that reads back as the stored
/// `f32` (`3.4`, not `3.4000000953674316`).
pub(crate) fn goldstein_text(g: f32) -> String {
    let s = format!("{g}");
    // Whole values keep a decimal point, as GDELT and ICEWS write them, so
    // type-guessing readers see a float column.
    if s.contains(['.', 'e', 'N', 'i']) {
        s
    } else {
        s + ".0"
    }
}

/// Goldstein as an `f64` that prints like the `f32` it was (`3.4`).
pub(crate) fn goldstein_f64(g: f32) -> f64 {
    goldstein_text(g).parse().unwrap_or(g as f64)
}

/// The day of a date known to the day, if valid.
pub(crate) fn day_date(d: Option<PartialDate>) -> Option<chrono::NaiveDate> {
    d.filter(|d| d.precision() == DatePrecision::Day).and_then(|d| d.to_date())
}

/// GDELT's FractionDate: the year plus the fraction of it completed before
/// the day ((day of year - 1) / days in the year), to four decimals, so that
/// the fraction stays in GDELT's range 0 to 0.9999.
pub(crate) fn fraction_date(d: chrono::NaiveDate) -> String {
    let days_in_year = if chrono::NaiveDate::from_ymd_opt(d.year(), 2, 29).is_some() { 366.0 } else { 365.0 };
    let frac = (d.ordinal0() as f64 / days_in_year * 10_000.0).floor() / 10_000.0;
    format!("{:.4}", d.year() as f64 + frac)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_fields_never_carry_tabs_or_newlines() {
        let mut row = TsvRow::default();
        row.field("a\tb\nc\r\nd");
        row.field("plain");
        assert_eq!(row.line, "a b c  d\tplain");
        assert_eq!(row.fields, 2);
    }

    #[test]
    fn leading_quote_is_quoted_for_quoting_readers() {
        let mut row = TsvRow::default();
        row.field("\"Hamas\" fighters");
        row.field("say \"no\"");
        assert_eq!(row.line, "\"\"\"Hamas\"\" fighters\"\tsay \"no\"");
    }

    #[test]
    fn fraction_date_is_year_plus_share_of_year() {
        let d = chrono::NaiveDate::from_ymd_opt(2019, 12, 31).unwrap();
        assert_eq!(fraction_date(d), "2019.9972"); // 364/365, never the next year
        let d = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        assert_eq!(fraction_date(d), "2020.0000");
        let d = chrono::NaiveDate::from_ymd_opt(2020, 7, 23).unwrap();
        // 23 July 2020 is day 205 of a leap year: 204/366 = 0.5573...
        assert_eq!(fraction_date(d), "2020.5573");
    }

    #[test]
    fn goldstein_prints_like_the_f32() {
        assert_eq!(goldstein_text(3.4), "3.4");
        assert_eq!(goldstein_f64(3.4), 3.4f64);
        assert_eq!(goldstein_text(-10.0), "-10.0");
    }
}
