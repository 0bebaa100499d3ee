//! Bede's date stage: find the time expressions of a sentence and resolve
//! them against an anchor date (publication, dateline or discourse date),
//! biased to the past because news reports what has happened.
//!
//! It is **not** where an event gets its date: which expression dates which
//! event, and what an offset ("one day after ...") is relative to, is decided
//! by `bede-coder`'s `dating` module. This crate only says what the text says.
//!
//! # Use
//!
//! ```
//! use bede_time::{resolve, TimeFinder, TimeKind};
//! use bede_core::{DateBasis, PartialDate};
//! use chrono::NaiveDate;
//!
//! let finder = TimeFinder::new(); // build once, share across threads
//! let s = "Speaking in Ankara earlier on Wednesday, the president denied the reports.";
//! let found = finder.find(s);
//! assert_eq!(&s[found[0].span.clone()], "earlier on Wednesday");
//! let anchor = NaiveDate::from_ymd_opt(2020, 10, 15).unwrap(); // a Thursday
//! let (date, basis) = resolve(&found[0].kind, anchor).unwrap();
//! assert_eq!(date.to_string(), "2020-10-14");
//! assert_eq!(basis, DateBasis::WeekdayRelative);
//! ```
//!
//! # What is found
//!
//! | text | kind |
//! |---|---|
//! | "June 18", "18 June 2014", "23rd July, 2020", "Jul. 23", "March 29, 2019", "2020-07-24", "18.06.2014", "Thursday, July 23" | `Absolute` with day |
//! | "July 21-22", "21-22 July", "July 30 - August 2" | `Absolute` (first day), [`TimeExpr::range_end`] the last |
//! | "in March 2019", "in March", "since May", "mid-March", "the end of March" | `Absolute` with month |
//! | "in 1992", "since 1988", "from 1992 to 1994", "early 2019", "the 1994 ceasefire" | `Absolute` with year |
//! | "the 1990s", "the mid-1990s" | `Absolute` with the decade's first year, `range_end` its last |
//! | "Thursday", "on Monday night", "earlier on Wednesday", "last Monday", "next Friday", "over the weekend" | `Weekday` |
//! | "yesterday", "today", "last night", "this morning", "two days ago", "a week ago", "last week", "earlier this month", "late last year", "hours ago" | `Relative` |
//! | "one day after", "a day later", "three days earlier", "the day before", "the next day", "the following week", "the same day", "later that day", "hours after" | `Offset` |
//!
//! # Choices where usage is ambiguous
//!
//! - **Spans** follow TIMEX3: the introducing preposition ("on", "in",
//!   "since") is *not* in the span; modifiers that change the meaning are
//!   ("last", "earlier", "early", "mid-", "ago", "night"). An offset that takes
//!   a complement ends with its "after"/"before" ("one day after"), so the
//!   caller can tell "one day after X" from "a day later".
//! - **Month names** need date context, because "May", "March", "June" and
//!   "August" are also words and names: a day or year next to them, or a
//!   preceding "in/since/from/until/through/during/by/before/after", a
//!   modifier ("early/mid/late/last/this"), "the end of", or a list
//!   ("between March and May"). "May" additionally never follows "by",
//!   "before" or "after", and "May's" without a day is Theresa May's.
//!   "next March" is not taken (news dates are past).
//! - **Years** (1000..=2100, four digits, not part of "2,000", "COVID-19" or a
//!   code) need a context: a preposition ("in/since/from/until/through/during/
//!   before/after"), "early/mid/late", "the year", "spring of", a range, or
//!   serve as the modifier of an event noun after a determiner ("the 1994
//!   ceasefire", "the 2019 elections", not "Resolution 1325 report"). A year
//!   followed by a counted noun ("in 2000 troops", "until 2100 hours") is a
//!   number. "by 2030" is not taken (targets, not events).
//! - **Decades** ("the 1990s") give the first year with the last in
//!   `range_end`: a year-precision date that keeps background off the
//!   publication day, at the price of naming the decade by its first year.
//! - **Weekdays**: plain = the most recent such day on or before the anchor
//!   (the anchor itself when it is that day); "last Monday" = the most recent
//!   Monday strictly before the anchor; "next Friday" = the first Friday
//!   strictly after it; "this Tuesday" = plain. "Sunday Times", "Good Friday",
//!   "Super Tuesday" and plurals ("on Fridays") are not dates. "last weekend"
//!   is the Saturday strictly before the anchor, "over the weekend" the most
//!   recent Saturday.
//! - **Weeks**: "last/this/next week" resolves to that week's Monday at day
//!   precision (basis `Relative`); the Monday stands for the week. "N weeks
//!   ago" is 7N days back (a `Relative` in days).
//! - **Months and years** relative to the anchor ("last month", "this year",
//!   "two years ago") resolve at month or year precision, never to a day.
//! - **Hours**: "hours later", "hours ago", "minutes after" are the same day
//!   (`Unit::Hour` with amount 0); "48 hours after" is two days.
//! - **Not taken**: vague quantities ("recently", "a few days ago", "days
//!   later", "in the coming days"), durations ("the past week", "for two
//!   days", "a two-day visit"), clock times ("14:32"), and ambiguous slash
//!   dates ("03/04/2020"; "24/07/2020" and "7/24/2020" are taken).
//! - **Years left out** are resolved to the year that puts the date on or
//!   before the anchor (so within the last year): "October 10" with anchor
//!   2020-10-15 is 2020-10-10, "December 28" with anchor 2021-01-03 is
//!   2020-12-28, "in October" with anchor 2014-06-18 is 2013-10.
//!
//! # Speed
//!
//! [`TimeFinder::find`] first runs one pass over the bytes looking for a digit
//! or a trigger word (a month, a weekday, a unit such as "day" or "year",
//! "yesterday", ...); most sentences stop there without allocating. Only then
//! is the sentence tokenised and the patterns tried, each a few comparisons
//! on pre-classified tokens. There is no global state and no regex.

mod lexicon;
mod scan;

use bede_core::{DateBasis, PartialDate};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::ops::Range;

/// A unit of time in relative expressions and offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Hours (and minutes): within the day unless they add up to days.
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// Which way an offset points from its reference event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    After,
    Before,
}

/// What a time expression says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeKind {
    /// A written calendar date, complete or partial: "June 18", "18 June
    /// 2014", "23rd July, 2020", "Jul. 23", "2020-07-24", "March 29, 2019",
    /// "in March 2019", "in 1992", "the 1990s" (first year), "July 21-22"
    /// (first day; the last is in [`TimeExpr::range_end`]). `day` is only
    /// set with `month`.
    Absolute { year: Option<i32>, month: Option<u8>, day: Option<u8> },
    /// "on Thursday", "Thursday", "earlier on Wednesday", "last Monday", "on
    /// Monday night", "next Friday", "this Tuesday". `shift` is -1 for
    /// "last", +1 for "next", 0 otherwise.
    Weekday { weekday: Weekday, shift: i8 },
    /// Relative to the anchor (speech time): "yesterday" (Day, -1), "today",
    /// "tomorrow", "two days ago" (Day, -2), "a week ago" (Day, -7), "last
    /// week" (Week, -1), "this month" (Month, 0), "last year" (Year, -1),
    /// "next year" (Year, 1), "hours ago" (Hour, 0).
    Relative { unit: Unit, amount: i32 },
    /// An offset from another event of the text: "one day after", "two
    /// weeks before", "a day later", "three days earlier", "the day before",
    /// "the next day", "hours after". The caller decides what it is
    /// relative to (see [`resolve_offset`]).
    Offset { unit: Unit, amount: u32, direction: Direction },
}

/// The last day, month or year of a written range ("July 21-22" ends on the
/// 22nd, "1992-1994" in 1994, "the 1990s" in 1999). A missing year is that
/// of the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateParts {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// One time expression of a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimeExpr {
    /// Byte range in the sentence, on character boundaries.
    pub span: Range<usize>,
    pub kind: TimeKind,
    /// The end of a written range, when the expression is one.
    pub range_end: Option<DateParts>,
}

impl TimeExpr {
    /// Resolve the end of a range ("July 21-22" → the 22nd) the way
    /// [`resolve`] resolves its start, so both land in the same year (or the
    /// end in the next one: "December 30 - January 2").
    pub fn resolve_range_end(&self, anchor: NaiveDate) -> Option<PartialDate> {
        let end = self.range_end?;
        let (start, _) = resolve(&self.kind, anchor)?;
        let month = end.month;
        let year = match end.year {
            Some(y) => y,
            None => match (start.month, month) {
                (Some(sm), Some(em)) if em < sm => start.year.checked_add(1)?,
                _ => start.year,
            },
        };
        let p = PartialDate { year, month, day: month.and(end.day) };
        if p.day.is_some() && p.to_date().is_none() {
            return None;
        }
        Some(p)
    }
}

/// Finds time expressions in sentences. Build it once ([`TimeFinder::new`])
/// and share it: it holds no per-call state and is `Send + Sync`.
#[derive(Debug, Clone, Default)]
pub struct TimeFinder {
    _private: (),
}

impl TimeFinder {
    pub fn new() -> Self {
        TimeFinder { _private: () }
    }

    /// The time expressions of `sentence`, in text order, not overlapping.
    pub fn find(&self, sentence: &str) -> Vec<TimeExpr> {
        if !scan::worth_scanning(sentence) {
            return Vec::new();
        }
        scan::Scanner::new(sentence, false).run()
    }
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// Year and month `n` months from (`year`, `month`).
fn shift_month(year: i32, month: u8, n: i64) -> Option<(i32, u8)> {
    let idx = (year as i64).checked_mul(12)?.checked_add(month as i64 - 1)?.checked_add(n)?;
    let y = i32::try_from(idx.div_euclid(12)).ok()?;
    Some((y, (idx.rem_euclid(12) + 1) as u8))
}

/// A `PartialDate` whose year fits `NaiveDate` (so `to_date`/`first_day` work).
fn sane_year(y: i32) -> Option<i32> {
    (NaiveDate::MIN.year()..=NaiveDate::MAX.year()).contains(&y).then_some(y)
}

/// The most recent `month`(/`day`) on or before `anchor`.
fn past_biased(month: u8, day: Option<u8>, anchor: NaiveDate) -> Option<PartialDate> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let (am, ad) = (anchor.month() as u8, anchor.day() as u8);
    let mut year = anchor.year();
    let after = match day {
        Some(d) => (month, d) > (am, ad),
        None => month > am,
    };
    if after {
        year -= 1;
    }
    match day {
        None => Some(PartialDate::month(year, month)),
        Some(d) => {
            // February 29: the most recent leap year.
            for y in (year - 8..=year).rev() {
                if let Some(date) = NaiveDate::from_ymd_opt(y, month as u32, d as u32) {
                    return Some(PartialDate::from_date(date));
                }
            }
            None
        }
    }
}

/// Resolve a time expression against an anchor date (the publication date,
/// dateline date or discourse date), biased to the past.
///
/// Returns the date at the precision the text gives and its basis:
/// `Explicit` for `Absolute`, `WeekdayRelative` for `Weekday`, `Relative`
/// for `Relative`. `Offset` needs the date of another event: it gives `None`
/// here (use [`resolve_offset`]). See the crate docs for the rules.
pub fn resolve(kind: &TimeKind, anchor: NaiveDate) -> Option<(PartialDate, DateBasis)> {
    match *kind {
        TimeKind::Absolute { year, month, day } => {
            let p = match (year, month) {
                (Some(y), None) => PartialDate::year(sane_year(y)?),
                (Some(y), Some(m)) => {
                    if !(1..=12).contains(&m) {
                        return None;
                    }
                    let p = PartialDate { year: sane_year(y)?, month: Some(m), day };
                    if day.is_some() && p.to_date().is_none() {
                        return None;
                    }
                    p
                }
                (None, Some(m)) => past_biased(m, day, anchor)?,
                (None, None) => return None,
            };
            Some((p, DateBasis::Explicit))
        }
        TimeKind::Weekday { weekday, shift } => {
            let a = anchor.weekday().num_days_from_monday() as i64;
            let w = weekday.num_days_from_monday() as i64;
            let shift = shift as i64;
            let delta = if shift == 0 {
                -(a - w).rem_euclid(7)
            } else if shift < 0 {
                let back = match (a - w).rem_euclid(7) {
                    0 => 7,
                    b => b,
                };
                -(back + 7 * (-shift - 1))
            } else {
                let fwd = match (w - a).rem_euclid(7) {
                    0 => 7,
                    f => f,
                };
                fwd + 7 * (shift - 1)
            };
            Some((PartialDate::from_date(add_days(anchor, delta)?), DateBasis::WeekdayRelative))
        }
        TimeKind::Relative { unit, amount } => {
            let n = amount as i64;
            let p = match unit {
                Unit::Hour => PartialDate::from_date(add_days(anchor, n / 24)?),
                Unit::Day => PartialDate::from_date(add_days(anchor, n)?),
                Unit::Week => {
                    let monday = add_days(anchor, -(anchor.weekday().num_days_from_monday() as i64))?;
                    PartialDate::from_date(add_days(monday, n.checked_mul(7)?)?)
                }
                Unit::Month => {
                    let (y, m) = shift_month(anchor.year(), anchor.month() as u8, n)?;
                    PartialDate::month(sane_year(y)?, m)
                }
                Unit::Year => PartialDate::year(sane_year(i32::try_from((anchor.year() as i64).checked_add(n)?).ok()?)?),
            };
            Some((p, DateBasis::Relative))
        }
        TimeKind::Offset { .. } => None,
    }
}

/// Resolve an offset against the date of the event it is relative to.
///
/// Days, hours and weeks move a day-precision reference by whole days
/// (hours by `amount / 24`); against a month- or year-precision reference
/// they keep the reference as it is (the offset is finer than what is known).
/// Months give a month-precision result, years a year-precision one: "a
/// month later" than 2020-07-23 is 2020-08, never a made-up day.
pub fn resolve_offset(unit: Unit, amount: u32, direction: Direction, reference: PartialDate) -> Option<PartialDate> {
    let sign: i64 = match direction {
        Direction::After => 1,
        Direction::Before => -1,
    };
    let n = amount as i64 * sign;
    match unit {
        Unit::Hour | Unit::Day | Unit::Week => {
            let days = match unit {
                Unit::Hour => n / 24,
                Unit::Week => n * 7,
                _ => n,
            };
            match reference.to_date() {
                Some(d) => Some(PartialDate::from_date(add_days(d, days)?)),
                None => {
                    if reference.month.is_some_and(|m| !(1..=12).contains(&m)) {
                        return None;
                    }
                    sane_year(reference.year)?;
                    Some(PartialDate { day: None, ..reference })
                }
            }
        }
        Unit::Month => match reference.month {
            Some(m) if (1..=12).contains(&m) => {
                let (y, m) = shift_month(reference.year, m, n)?;
                Some(PartialDate::month(sane_year(y)?, m))
            }
            Some(_) => None,
            None => Some(PartialDate::year(sane_year(i32::try_from(reference.year as i64 + n / 12).ok()?)?)),
        },
        Unit::Year => Some(PartialDate::year(sane_year(i32::try_from((reference.year as i64).checked_add(n)?).ok()?)?)),
    }
}

/// Parse a standalone date text (a dateline or header date): "23rd July,
/// 2020", "June 18", "2020-07-24", "18 June 2014 14:32", "Dec 29", "Thu, 18
/// Jun 2014 14:32:00 +0400", "2020-07-24T10:00:00Z".
///
/// The first written date wins. A missing year comes from `anchor` by the
/// past-bias rule of [`resolve`]; without an anchor such a date gives `None`.
/// With an anchor, a text holding only a weekday or a relative day
/// ("Thursday", "yesterday") is resolved too. A month name alone counts here
/// ("June"), since the text is known to be a date.
pub fn parse_date_text(text: &str, anchor: Option<NaiveDate>) -> Option<PartialDate> {
    let exprs = scan::Scanner::new(text, true).run();
    let absolute = exprs.iter().find(|e| matches!(e.kind, TimeKind::Absolute { .. }));
    if let Some(e) = absolute {
        if let TimeKind::Absolute { year: Some(y), month, day } = e.kind {
            let p = PartialDate { year: sane_year(y)?, month, day: month.and(day) };
            if p.day.is_some() && p.to_date().is_none() {
                return None;
            }
            return Some(p);
        }
        return resolve(&e.kind, anchor?).map(|(p, _)| p);
    }
    let anchor = anchor?;
    exprs
        .iter()
        .find_map(|e| match e.kind {
            TimeKind::Weekday { .. } | TimeKind::Relative { .. } => resolve(&e.kind, anchor),
            _ => None,
        })
        .map(|(p, _)| p)
}

#[cfg(test)]
mod tests;
