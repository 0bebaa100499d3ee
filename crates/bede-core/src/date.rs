use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Year,
    Month,
    Day,
}

/// A calendar date known to year, month or day precision.
///
/// Historical background ("in 1992") resolves to a year-precision date and
/// must never be widened to a day. Displayed as reduced-precision ISO 8601:
/// `1992`, `1992-06`, `1992-06-18`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate { year, month: None, day: None }
    }
    pub fn month(year: i32, month: u8) -> Self {
        PartialDate { year, month: Some(month), day: None }
    }
    pub fn from_date(d: NaiveDate) -> Self {
        PartialDate { year: d.year(), month: Some(d.month() as u8), day: Some(d.day() as u8) }
    }
    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }
    /// The full date, when known to the day and valid.
    pub fn to_date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month? as u32, self.day? as u32)
    }
    /// The first day of the period this date denotes (for range checks).
    pub fn first_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1) as u32, self.day.unwrap_or(1) as u32)
    }
    /// Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Self> {
        let mut it = s.split('-');
        let y: i32 = it.next()?.parse().ok()?;
        let m = match it.next() {
            Some(m) => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        let d = match it.next() {
            Some(d) => Some(d.parse::<u8>().ok().filter(|d| (1..=31).contains(d))?),
            None => None,
        };
        if it.next().is_some() {
            return None;
        }
        let p = PartialDate { year: y, month: m, day: d };
        if d.is_some() && p.to_date().is_none() {
            return None;
        }
        Some(p)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("bad date {s:?}")))
    }
}

/// What an event's date was derived from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateBasis {
    /// A date written in the sentence ("on June 18", "in 1992").
    Explicit,
    /// A weekday resolved against the anchor ("on Thursday").
    WeekdayRelative,
    /// An offset or a relative period ("one day after", "yesterday", "this year").
    Relative,
    /// No date in the sentence: the article's dateline date.
    Dateline,
    /// No date in the sentence nor a dateline: the publication date.
    Published,
    /// Nothing to go on.
    Unknown,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn partial_date_round_trip() {
        for s in ["1992", "1992-06", "1992-06-18", "0988"] {
            assert_eq!(PartialDate::parse(s).unwrap().to_string(), s);
        }
        assert!(PartialDate::parse("1992-13").is_none());
        assert!(PartialDate::parse("2021-02-30").is_none());
        assert!(PartialDate::parse("x").is_none());
        assert_eq!(PartialDate::year(1992).precision(), DatePrecision::Year);
    }
}
