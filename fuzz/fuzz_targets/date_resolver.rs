//! bede-time on arbitrary input: the first four bytes give the anchor date
//! (day number from the Common Era; the fifth byte's low bit picks any date
//! chrono can hold, otherwise 1900..2100), the rest is a sentence.
//!
//! Checks what bede-time promises:
//! * `TimeFinder::find`: spans on character boundaries, in text order, not
//!   overlapping;
//! * `resolve` is past-biased where the crate docs say so: a date without a
//!   year, a plain or "last" weekday, and a relative expression pointing
//!   back ("yesterday", "last month", "two years ago") never resolve after
//!   the anchor (compared at the precision resolved);
//! * `resolve_range_end`, `resolve_offset` and `parse_date_text` (with and
//!   without the anchor) never panic.
#![no_main]

use bede_core::PartialDate;
use bede_time::{parse_date_text, resolve, resolve_offset, Direction, TimeFinder, TimeKind};
use chrono::{Datelike, NaiveDate};
use libfuzzer_sys::fuzz_target;

fn not_after(p: &PartialDate, anchor: NaiveDate) -> bool {
    let a = (anchor.year(), anchor.month() as u8, anchor.day() as u8);
    match (p.month, p.day) {
        (None, _) => p.year <= a.0,
        (Some(m), None) => (p.year, m) <= (a.0, a.1),
        (Some(m), Some(d)) => (p.year, m, d) <= a,
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 5 {
        return;
    }
    let n = i32::from_le_bytes([data[0], data[1], data[2], data[3]]);
    let wide = data[4] & 1 == 1;
    let anchor = if wide {
        let (lo, hi) = (NaiveDate::MIN.num_days_from_ce(), NaiveDate::MAX.num_days_from_ce());
        let span = (hi as i64 - lo as i64 + 1) as u64;
        NaiveDate::from_num_days_from_ce_opt((lo as i64 + (n as u32 as u64 % span) as i64) as i32).unwrap()
    } else {
        let lo = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap().num_days_from_ce();
        NaiveDate::from_num_days_from_ce_opt(lo + (n as u32 % 73_000) as i32).unwrap()
    };
    let text = String::from_utf8_lossy(&data[5..]);
    let text = text.as_ref();

    let found = TimeFinder::new().find(text);
    let mut prev_end = 0;
    for e in &found {
        let r = e.span.clone();
        assert!(r.start <= r.end && r.end <= text.len(), "span {r:?} out of range");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "span {r:?} not on char boundaries");
        assert!(r.start >= prev_end, "spans overlap or are out of order");
        prev_end = r.end;

        let resolved = resolve(&e.kind, anchor);
        if let Some((p, _)) = &resolved {
            let past = match e.kind {
                TimeKind::Absolute { year: None, .. } => true,
                TimeKind::Weekday { shift, .. } => shift <= 0,
                TimeKind::Relative { amount, .. } => amount <= 0,
                _ => false,
            };
            if past {
                assert!(not_after(p, anchor), "{:?} resolved to {p:?}, after the anchor {anchor}", e.kind);
            }
            let _ = e.resolve_range_end(anchor);
            if let TimeKind::Offset { unit, amount, direction } = e.kind {
                let _ = resolve_offset(unit, amount, direction, *p);
            }
        }
        if let TimeKind::Offset { unit, amount, direction } = e.kind {
            let reference = PartialDate::from_date(anchor);
            let _ = resolve_offset(unit, amount, direction, reference);
            let flipped = if direction == Direction::After { Direction::Before } else { Direction::After };
            let _ = resolve_offset(unit, amount, flipped, reference);
            let _ = resolve_offset(unit, amount, direction, PartialDate { day: None, ..reference });
            let _ = resolve_offset(unit, amount, direction, PartialDate { month: None, day: None, ..reference });
        }
    }
    let _ = parse_date_text(text, Some(anchor));
    let _ = parse_date_text(text, None);
});
