//! Time series: per period, counts per QuadClass and summed Goldstein of the
//! rows a filter matches (a dyad's series is the filter with `dyad` set).
//!
//! A row is counted in the period of its date (for a cluster, its
//! representative date). A date less precise than the period (a year-only
//! date in a monthly series, a month-only date in a weekly one) is not spread
//! or guessed into a period: it is counted in [`Series::coarser`], and undated
//! rows in [`Series::undated`], so the totals still add up.

use super::filter::{day_date, Where};
use super::{check_text, table, QueryError, ValidFilter};
use chrono::{Datelike, NaiveDate};
use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The length of a series period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    /// ISO weeks, Monday to Sunday, labelled `2020-W30`.
    Week,
    Month,
    Year,
}

impl Period {
    /// Whether a date of `precision` (`year`, `month`, `day`) falls in one period.
    fn holds(self, precision: &str) -> bool {
        match self {
            Period::Day | Period::Week => precision == "day",
            Period::Month => precision == "day" || precision == "month",
            Period::Year => true,
        }
    }

    /// The first day of the period holding `d`.
    fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => d,
            Period::Week => d - chrono::Days::new(d.weekday().num_days_from_monday() as u64),
            Period::Month => d.with_day(1).unwrap_or(d),
            Period::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
        }
    }

    /// The first day of the period after the one starting at `start`.
    fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Day => start.succ_opt(),
            Period::Week => start.checked_add_days(chrono::Days::new(7)),
            Period::Month => start.checked_add_months(chrono::Months::new(1)),
            Period::Year => start.checked_add_months(chrono::Months::new(12)),
        }
    }

    fn label(self, start: NaiveDate) -> String {
        match self {
            Period::Day => start.format("%Y-%m-%d").to_string(),
            Period::Week => {
                let w = start.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Period::Month => start.format("%Y-%m").to_string(),
            Period::Year => start.format("%Y").to_string(),
        }
    }
}

/// One period of a series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodCounts {
    /// `2020-07-23`, `2020-W30`, `2020-07` or `2020`.
    pub period: String,
    /// The period's first day, `YYYY-MM-DD`.
    pub start: String,
    /// Rows of QuadClass 1 .. 4.
    pub verbal_cooperation: u64,
    pub material_cooperation: u64,
    pub verbal_conflict: u64,
    pub material_conflict: u64,
    pub total: u64,
    /// Sum of the rows' Goldstein values.
    pub goldstein: f64,
}

impl PeriodCounts {
    /// Counts of QuadClass 1..=4, in order.
    pub fn by_quad(&self) -> [u64; 4] {
        [self.verbal_cooperation, self.material_cooperation, self.verbal_conflict, self.material_conflict]
    }
}

/// A time series: every period from the first to the last that has a row,
/// empty periods between included (with zero counts), so it plots as is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub by: Period,
    pub unit: super::Unit,
    /// The dyad filtered on, as given (`RUS-TUR`), and whether one direction only.
    pub dyad: Option<String>,
    pub directed: bool,
    pub periods: Vec<PeriodCounts>,
    /// Rows whose date is less precise than a period (e.g. year-only in a monthly series).
    pub coarser: u64,
    /// Rows with no date.
    pub undated: u64,
}

#[derive(Default)]
struct Acc {
    quad: [u64; 4],
    goldstein: f64,
}

/// The time series of the rows `f` matches, by `by`.
pub fn series(conn: &Connection, f: &ValidFilter, by: Period) -> Result<Series, QueryError> {
    check_text(conn, f)?;
    let mut acc: BTreeMap<NaiveDate, Acc> = BTreeMap::new();
    let (mut coarser, mut undated) = (0u64, 0u64);
    let mut add = |part: &ValidFilter| -> Result<(), QueryError> {
        let (tbl, t) = table(part.unit);
        let w = Where::from_filter(part, t);
        // Grouped by day first so SQLite returns one row per day, QuadClass and
        // precision, not one per event; days fold into periods below. The
        // grouping follows the order of an index on (source_country,
        // target_country, negated, day, quad_class, date_precision, goldstein),
        // which then answers a dyad's series without a sort or a table lookup.
        let sql = format!(
            "SELECT {t}.day, {t}.quad_class, {t}.date_precision, count(*), total({t}.goldstein) \
             FROM {tbl} {t}{} GROUP BY 1, 2, 3",
            w.sql()
        );
        let mut st = conn.prepare_cached(&sql)?;
        let mut rows = st.query(params_from_iter(w.params.iter()))?;
        while let Some(r) = rows.next()? {
            let day: Option<i64> = r.get(0)?;
            let quad: i64 = r.get(1)?;
            let precision: Option<String> = r.get(2)?;
            let n: i64 = r.get(3)?;
            let gold: f64 = r.get(4)?;
            let (Some(day), Some(precision)) = (day, precision) else {
                undated += n as u64;
                continue;
            };
            if !by.holds(&precision) {
                coarser += n as u64;
                continue;
            }
            let Some(date) = day_date(day) else {
                return Err(QueryError::Corrupt { table: tbl, id: day, reason: "day out of the calendar".into() });
            };
            let Some(slot) = usize::try_from(quad - 1).ok().filter(|&q| q < 4) else {
                return Err(QueryError::Corrupt { table: tbl, id: quad, reason: "quad_class not 1..4".into() });
            };
            let a = acc.entry(by.start(date)).or_default();
            a.quad[slot] += n as u64;
            a.goldstein += gold;
        }
        Ok(())
    };
    match f.disjoint_directions() {
        Some([ab, ba]) => {
            add(&ab)?;
            add(&ba)?;
        }
        None => add(f)?,
    }
    let mut periods = Vec::with_capacity(acc.len());
    if let (Some(&first), Some(&last)) = (acc.keys().next(), acc.keys().next_back()) {
        let mut p = Some(first);
        while let Some(start) = p.filter(|s| *s <= last) {
            let a = acc.get(&start);
            let quad = a.map(|a| a.quad).unwrap_or_default();
            periods.push(PeriodCounts {
                period: by.label(start),
                start: start.format("%Y-%m-%d").to_string(),
                verbal_cooperation: quad[0],
                material_cooperation: quad[1],
                verbal_conflict: quad[2],
                material_conflict: quad[3],
                total: quad.iter().sum(),
                // Goldstein values have one decimal; rounding the sum to it
                // drops the float noise of values stored from f32.
                goldstein: a.map(|a| (a.goldstein * 10.0).round() / 10.0).unwrap_or(0.0),
            });
            p = by.next(start);
        }
    }
    Ok(Series { by, unit: f.unit, dyad: f.given.dyad.clone(), directed: f.given.dyad.is_some() && f.directed, periods, coarser, undated })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_start_label_and_step() {
        let x = d(2020, 7, 23); // a Thursday
        assert_eq!(Period::Week.start(x), d(2020, 7, 20));
        assert_eq!(Period::Week.label(d(2020, 7, 20)), "2020-W30");
        // ISO week 1 of 2021 starts on 2021-01-04; 2021-01-01 is in 2020-W53.
        assert_eq!(Period::Week.label(Period::Week.start(d(2021, 1, 1))), "2020-W53");
        assert_eq!(Period::Month.start(x), d(2020, 7, 1));
        assert_eq!(Period::Month.next(d(2020, 12, 1)), Some(d(2021, 1, 1)));
        assert_eq!(Period::Year.label(Period::Year.start(x)), "2020");
        assert_eq!(Period::Day.label(x), "2020-07-23");
    }
}
