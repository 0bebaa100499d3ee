//! The hand scanner: a sentence is cut into words, digit runs and single
//! punctuation characters (with byte offsets), and time patterns are matched
//! over those tokens left to right, longest pattern first at each position.
//! Every context rule that keeps "May" the modal, "a protest march" and
//! "20 percent" out lives here.

use crate::lexicon::{classify, is_count_noun, is_event_noun, Lex, UnitWord};
use crate::{DateParts, Direction, TimeExpr, TimeKind, Unit};
use chrono::{NaiveDate, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    Num,
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    s: usize,
    e: usize,
    kind: TokKind,
    lex: Lex,
    /// Words: first letter upper case.
    cap: bool,
    /// Numbers: value (saturating) and digit count (saturating).
    val: u32,
    nd: u8,
}

/// Cheap test run before any tokenising: is there a digit or a word that
/// can start or anchor a time expression? Most sentences answer no after a
/// single pass over their bytes without allocating.
pub(crate) fn worth_scanning(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            return true;
        }
        if c.is_ascii_alphabetic() {
            let start = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            let len = i - start;
            // Shortest trigger is "day" (3), longest "yesterday"/"September" (9).
            if (3..=9).contains(&len) {
                // Slicing at ASCII letter boundaries is always on char boundaries.
                if classify(&text[start..i]).is_trigger() {
                    return true;
                }
            }
            continue;
        }
        i += 1;
    }
    false
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 4 + 4);
    let mut it = text.char_indices().peekable();
    while let Some((s, c)) = it.next() {
        if c.is_alphabetic() {
            let mut e = s + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphabetic() {
                    e = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let w = &text[s..e];
            out.push(Tok { s, e, kind: TokKind::Word, lex: classify(w), cap: c.is_uppercase(), val: 0, nd: 0 });
        } else if c.is_ascii_digit() {
            let mut e = s + 1;
            let mut val: u32 = c as u32 - '0' as u32;
            let mut nd: u8 = 1;
            while let Some(&(j, d)) = it.peek() {
                if d.is_ascii_digit() {
                    e = j + 1;
                    val = val.saturating_mul(10).saturating_add(d as u32 - '0' as u32);
                    nd = nd.saturating_add(1);
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Tok { s, e, kind: TokKind::Num, lex: Lex::Other, cap: false, val, nd });
        } else if !c.is_whitespace() {
            out.push(Tok { s, e: s + c.len_utf8(), kind: TokKind::Punct(c), lex: Lex::Other, cap: false, val: 0, nd: 0 });
        }
    }
    out
}

/// One match: byte span, meaning, and the token index after it.
struct Found {
    s: usize,
    e: usize,
    kind: TimeKind,
    range_end: Option<DateParts>,
    next: usize,
}

pub(crate) struct Scanner<'a> {
    text: &'a str,
    t: Vec<Tok>,
    /// Standalone date text (a dateline or header): a month name alone counts.
    standalone: bool,
    /// Index of the first token not yet consumed by an expression.
    floor: usize,
    /// Token index just after the last expression, and whether it was a year
    /// or a month (for "in 1992 and 1993", "between March and May").
    last_end: Option<(usize, LastKind)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LastKind {
    Year,
    Month,
    Other,
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn month_len(year: Option<i32>, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            // Without a year, February 29 may still be meant.
            None => 29,
            Some(y) => {
                if NaiveDate::from_ymd_opt(y, 2, 29).is_some() {
                    29
                } else {
                    28
                }
            }
        },
        _ => 0,
    }
}

fn valid_day(year: Option<i32>, month: u8, day: u8) -> bool {
    day >= 1 && day <= month_len(year, month)
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str, standalone: bool) -> Self {
        Scanner { text, t: tokenize(text), standalone, floor: 0, last_end: None }
    }

    pub(crate) fn run(mut self) -> Vec<TimeExpr> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.t.len() {
            match self.try_at(i) {
                Some(f) if f.next > i && f.s < f.e => {
                    let lk = match f.kind {
                        TimeKind::Absolute { month: None, year: Some(_), .. } => LastKind::Year,
                        TimeKind::Absolute { month: Some(_), day: None, .. } => LastKind::Month,
                        _ => LastKind::Other,
                    };
                    out.push(TimeExpr { span: f.s..f.e, kind: f.kind, range_end: f.range_end });
                    i = f.next;
                    self.floor = i;
                    self.last_end = Some((i, lk));
                }
                _ => i += 1,
            }
        }
        out
    }

    // ----- token access -------------------------------------------------

    fn lx(&self, i: usize) -> Lex {
        self.t.get(i).map_or(Lex::Other, |t| t.lex)
    }

    fn is_word(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    fn is_num(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == TokKind::Num)
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.t.get(i)?.kind {
            TokKind::Punct(c) => Some(c),
            _ => None,
        }
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.punct(i) == Some(c)
    }

    fn word(&self, i: usize) -> &'a str {
        match self.t.get(i) {
            Some(t) if t.kind == TokKind::Word => &self.text[t.s..t.e],
            _ => "",
        }
    }

    fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.cap)
    }

    /// Token `i` touches token `i - 1` (no space between them).
    fn adj(&self, i: usize) -> bool {
        i > 0 && i < self.t.len() && self.t[i - 1].e == self.t[i].s
    }

    fn start(&self, i: usize) -> usize {
        self.t[i].s
    }

    fn end(&self, i: usize) -> usize {
        self.t[i].e
    }

    fn is_modifier(l: Lex) -> bool {
        matches!(l, Lex::Mid | Lex::Early | Lex::Late)
    }

    /// The number at `i` is glued to what precedes it: "COVID-19", "A320",
    /// "$2014", "1,000" (the "000"), "14:32" (the "32").
    fn left_glued(&self, i: usize) -> bool {
        if i == 0 || !self.adj(i) {
            return false;
        }
        match self.t[i - 1].kind {
            TokKind::Word | TokKind::Num => true,
            TokKind::Punct(c) => match c {
                '$' | '€' | '£' | '#' | '+' | '№' | '@' | '_' => true,
                '-' | '–' | '/' | '.' | ',' | ':' => {
                    i >= 2
                        && self.adj(i - 1)
                        && match self.t[i - 2].kind {
                            TokKind::Num => true,
                            TokKind::Word => !Self::is_modifier(self.t[i - 2].lex),
                            TokKind::Punct(_) => false,
                        }
                }
                _ => false,
            },
        }
    }

    /// The number at `i` continues into what follows it: "20%", "1,000",
    /// "2.5", "14:32", "9/11", "A4x".
    fn right_glued(&self, i: usize) -> bool {
        let j = i + 1;
        if !self.adj(j) {
            return false;
        }
        match self.t[j].kind {
            TokKind::Word | TokKind::Num => true,
            TokKind::Punct(c) => match c {
                '%' | '_' => true,
                ',' => self.adj(j + 1) && self.is_num(j + 1) && self.t[j + 1].nd == 3,
                '.' | ':' | '/' => self.adj(j + 1) && self.is_num(j + 1),
                _ => false,
            },
        }
    }

    /// A day of the month at `i` ("18", "23rd"): the day, the next token
    /// index and whether an ordinal suffix was written.
    fn day_at(&self, i: usize, loose_left: bool) -> Option<(u8, usize, bool)> {
        let t = self.t.get(i)?;
        if t.kind != TokKind::Num || t.nd > 2 || !(1..=31).contains(&t.val) {
            return None;
        }
        if !loose_left && self.left_glued(i) {
            return None;
        }
        if self.adj(i + 1) && self.lx(i + 1) == Lex::Ordinal {
            if self.adj(i + 2) && matches!(self.t[i + 2].kind, TokKind::Word | TokKind::Num) {
                return None;
            }
            return Some((t.val as u8, i + 2, true));
        }
        if self.right_glued(i) {
            return None;
        }
        Some((t.val as u8, i + 1, false))
    }

    /// A year at `i` (1000..=2100): the year, next token index, and whether
    /// it is a decade ("1990s", "1980's").
    fn year_at(&self, i: usize) -> Option<(i32, usize, bool)> {
        self.year_at_opt(i, false)
    }

    fn year_at_opt(&self, i: usize, loose_left: bool) -> Option<(i32, usize, bool)> {
        let t = self.t.get(i)?;
        if t.kind != TokKind::Num || t.nd != 4 || !(1000..=2100).contains(&t.val) {
            return None;
        }
        if !loose_left && self.left_glued(i) {
            return None;
        }
        let y = t.val as i32;
        if self.adj(i + 1) && self.word(i + 1) == "s" {
            return (y % 10 == 0 && !(self.adj(i + 2) && self.is_word(i + 2))).then_some((y, i + 2, true));
        }
        if y % 10 == 0
            && y < 2000
            && self.adj(i + 1)
            && self.punct(i + 1).is_some_and(is_apostrophe)
            && self.adj(i + 2)
            && self.word(i + 2) == "s"
        {
            return Some((y, i + 3, true));
        }
        if self.right_glued(i) {
            return None;
        }
        Some((y, i + 1, false))
    }

    /// The word before token `i` that sets its context, looking through the
    /// hyphen of "mid-March" / "mid-2019".
    fn ctx(&self, i: usize) -> Option<(Lex, usize)> {
        if i == 0 {
            return None;
        }
        let k = i - 1;
        if self.punct(k).is_some_and(is_dash) && k >= 1 && self.adj(i) && self.adj(k) {
            let l = self.lx(k - 1);
            if Self::is_modifier(l) {
                return Some((l, k - 1));
            }
            return None;
        }
        if self.is_word(k) {
            return Some((self.lx(k), k));
        }
        None
    }

    /// The token `k` follows directly on the previous expression of kind `lk`
    /// ("1992 and 1993").
    fn follows_last(&self, k: usize, lk: LastKind) -> bool {
        self.last_end == Some((k, lk))
    }

    /// Byte start of a modifier at `k` if it may join the span (it was not
    /// consumed by an earlier expression), else of `i`.
    fn extend_to(&self, k: Option<usize>, i: usize) -> usize {
        match k {
            Some(k) if k >= self.floor && k < i => self.start(k),
            _ => self.start(i),
        }
    }

    /// "night", "morning", ... right after token `i - 1`: the next index.
    fn day_part_after(&self, j: usize) -> usize {
        if matches!(self.lx(j), Lex::Night | Lex::DayPart) && !self.cap(j) {
            j + 1
        } else {
            j
        }
    }

    // ----- patterns -----------------------------------------------------

    fn try_at(&self, i: usize) -> Option<Found> {
        let t = self.t[i];
        match t.kind {
            TokKind::Num => self.numeric_date(i).or_else(|| self.day_first(i)).or_else(|| self.amount_unit(i)).or_else(|| self.year(i)),
            TokKind::Punct(_) => None,
            TokKind::Word => match t.lex {
                Lex::Month(_) | Lex::MonthAbbr(_) => self.month_first(i),
                Lex::Weekday(_) | Lex::WeekdayAbbr(_) => self.weekday(i),
                Lex::Last | Lex::Next | Lex::This => self.shifted(i),
                Lex::Earlier | Lex::Later | Lex::Early | Lex::Late => self.modified(i),
                Lex::The => self.the(i),
                Lex::That => self.that(i),
                Lex::A | Lex::NumWord(_) => self.amount_unit(i),
                Lex::Unit(_) => self.bare_unit(i),
                Lex::Yesterday | Lex::Today | Lex::Tomorrow | Lex::Tonight => self.deictic(i),
                _ => None,
            },
        }
    }

    /// "2020-07-24", "2020/07/24", "18.06.2014", "24/07/2020", "7/24/2020".
    fn numeric_date(&self, i: usize) -> Option<Found> {
        let a = self.t[i];
        let sep = self.punct(i + 1)?;
        if !matches!(sep, '-' | '/' | '.')
            || !self.adj(i + 1)
            || !self.adj(i + 2)
            || !self.is_num(i + 2)
            || self.punct(i + 3) != Some(sep)
            || !self.adj(i + 3)
            || !self.adj(i + 4)
            || !self.is_num(i + 4)
            || self.left_glued(i)
        {
            return None;
        }
        let (b, c) = (self.t[i + 2], self.t[i + 4]);
        let (y, m, d) = if a.nd == 4 && b.nd <= 2 && c.nd <= 2 && sep != '.' {
            (a.val, b.val, c.val)
        } else if a.nd <= 2 && b.nd <= 2 && c.nd == 4 {
            match sep {
                '.' | '-' => (c.val, b.val, a.val),
                _ if a.val > 12 => (c.val, b.val, a.val),
                _ if b.val > 12 => (c.val, a.val, b.val),
                // "03/04/2020": day and month order unknown.
                _ => return None,
            }
        } else {
            return None;
        };
        if !(1000..=2100).contains(&y) || !(1..=12).contains(&m) {
            return None;
        }
        let (y, m, d) = (y as i32, m as u8, d as u8);
        if !valid_day(Some(y), m, d) {
            return None;
        }
        // RFC 3339 "2020-07-24T10:00:00Z" may follow; other glue may not.
        let last = i + 4;
        if self.adj(last + 1) {
            let ok = self.word(last + 1) == "T" && self.adj(last + 2) && self.is_num(last + 2);
            let ok = ok || (self.is_punct(last + 1, '.') && !self.is_num(last + 2));
            let ok = ok || self.punct(last + 1).is_some_and(|c| matches!(c, ',' | ')' | ';'));
            if !ok {
                return None;
            }
        }
        Some(Found {
            s: self.start(i),
            e: self.end(last),
            kind: TimeKind::Absolute { year: Some(y), month: Some(m), day: Some(d) },
            range_end: None,
            next: last + 1,
        })
    }

    /// A month name at `i` that may be used as one (capitalised where the
    /// word has another sense). Returns the month and the index after it
    /// (and its abbreviation dot).
    fn month_word(&self, i: usize) -> Option<(u8, usize, bool)> {
        let (m, abbr) = match self.lx(i) {
            Lex::Month(m) => (m, false),
            Lex::MonthAbbr(m) => (m, true),
            _ => return None,
        };
        // "may", "march", "august", "mar", "jan" are ordinary words in lower case.
        if !self.cap(i) && (abbr || matches!(m, 3 | 5 | 8)) {
            return None;
        }
        let mut j = i + 1;
        if abbr && self.is_punct(j, '.') && self.adj(j) {
            j += 1;
        }
        Some((m, j, abbr))
    }

    /// An optional ", 2019" / " 2019" after a date; returns (year, next).
    fn trailing_year(&self, j: usize) -> Option<(i32, usize)> {
        // "March 29,2019" glues the year to the day with its comma.
        let (k, loose) = if self.is_punct(j, ',') { (j + 1, true) } else { (j, false) };
        match self.year_at_opt(k, loose) {
            // "On June 18, 2000 people marched": a count, not the year.
            Some((y, n, false)) if !is_count_noun(self.word(n)) => Some((y, n)),
            _ => None,
        }
    }

    /// "June 18", "Jul. 23", "March 29, 2019", "July 21-22", "July 30 - August 2",
    /// "March 2019", "in March", "mid-March".
    fn month_first(&self, i: usize) -> Option<Found> {
        let (m, j, abbr) = self.month_word(i)?;
        if let Some((d, k, _)) = self.day_at(j, false) {
            let mut end_tok = k;
            let mut range = None;
            // A range: "21-22", "30 - August 2".
            if self.punct(k).is_some_and(is_dash) {
                if let Some((d2, k2, _)) = self.day_at(k + 1, true) {
                    if d2 > d && !(self.is_punct(k2, '-') && self.adj(k2)) {
                        range = Some((m, d2));
                        end_tok = k2;
                    }
                } else if let Some((m2, j2, _)) = self.month_word(k + 1) {
                    if let Some((d2, k2, _)) = self.day_at(j2, false) {
                        if m2 != m {
                            range = Some((m2, d2));
                            end_tok = k2;
                        }
                    }
                }
            }
            let year = self.trailing_year(end_tok);
            let y = year.map(|(y, _)| y);
            if !valid_day(y, m, d) {
                return None;
            }
            if let Some((m2, d2)) = range {
                if !valid_day(y, m2, d2) {
                    return None;
                }
            }
            let next = year.map_or(end_tok, |(_, n)| n);
            return Some(Found {
                s: self.start(i),
                e: self.end(next - 1),
                kind: TimeKind::Absolute { year: y, month: Some(m), day: Some(d) },
                range_end: range.map(|(m2, d2)| DateParts {
                    year: y.map(|y| if m2 < m { y + 1 } else { y }),
                    month: Some(m2),
                    day: Some(d2),
                }),
                next,
            });
        }
        // "March 2019", "March, 2019", "March of 2019".
        let k = if self.is_punct(j, ',') || self.lx(j) == Lex::Of { j + 1 } else { j };
        if let Some((y, n, false)) = self.year_at(k) {
            let (s, _) = self.month_ctx(i, m).unwrap_or((self.start(i), ()));
            return Some(Found {
                s,
                e: self.end(n - 1),
                kind: TimeKind::Absolute { year: Some(y), month: Some(m), day: None },
                range_end: None,
                next: n,
            });
        }
        if abbr {
            return None;
        }
        // "May's" without a day is far more often Theresa May.
        if m == 5 && self.punct(i + 1).is_some_and(is_apostrophe) && self.adj(i + 1) {
            return None;
        }
        let (s, ()) = self.month_ctx(i, m)?;
        Some(Found { s, e: self.end(i), kind: TimeKind::Absolute { year: None, month: Some(m), day: None }, range_end: None, next: i + 1 })
    }

    /// Does the context make a lone month name at `i` a date? Returns the
    /// span start (a leading "early"/"mid-"/"last" joins the span).
    fn month_ctx(&self, i: usize, m: u8) -> Option<(usize, ())> {
        let Some((l, k)) = self.ctx(i) else {
            return self.standalone.then(|| (self.start(i), ()));
        };
        let may = m == 5;
        let ok_plain = match l {
            Lex::In | Lex::Since | Lex::From | Lex::Until | Lex::Through | Lex::During | Lex::Between => true,
            Lex::By | Lex::Before | Lex::After => !may,
            Lex::Of => k >= 1 && (matches!(self.lx(k - 1), Lex::PeriodPart | Lex::Unit(UnitWord::Month))),
            Lex::And | Lex::Or | Lex::To => self.follows_last(k, LastKind::Month),
            Lex::Early | Lex::Late | Lex::Mid | Lex::Last | Lex::This => {
                return Some((self.extend_to(Some(k), i), ()));
            }
            _ => self.standalone,
        };
        ok_plain.then(|| (self.start(i), ()))
    }

    /// "18 June 2014", "23rd July, 2020", "21-22 July", "the 15th of March".
    fn day_first(&self, i: usize) -> Option<Found> {
        let (d, mut k, ord) = self.day_at(i, false)?;
        let mut d2 = None;
        if self.punct(k).is_some_and(is_dash) {
            if let Some((e, k2, _)) = self.day_at(k + 1, true) {
                if e > d {
                    d2 = Some(e);
                    k = k2;
                }
            }
        }
        if self.lx(k) == Lex::Of && ord {
            k += 1;
        }
        let (m, j, _) = self.month_word(k)?;
        let year = self.trailing_year(j);
        let y = year.map(|(y, _)| y);
        if !valid_day(y, m, d) || d2.is_some_and(|e| !valid_day(y, m, e)) {
            return None;
        }
        let next = year.map_or(j, |(_, n)| n);
        Some(Found {
            s: self.start(i),
            e: self.end(next - 1),
            kind: TimeKind::Absolute { year: y, month: Some(m), day: Some(d) },
            range_end: d2.map(|e| DateParts { year: y, month: Some(m), day: Some(e) }),
            next,
        })
    }

    /// A year with a date context: "in 1992", "since 1988", "from 1992 to
    /// 1994", "early 2019", "the 1994 ceasefire"; and decades: "the 1990s".
    fn year(&self, i: usize) -> Option<Found> {
        let (y, n, decade) = self.year_at(i)?;
        let ctx = self.ctx(i);
        let mut s = self.start(i);
        if let Some((l, k)) = ctx {
            if Self::is_modifier(l) {
                s = self.extend_to(Some(k), i);
            }
        }
        if decade {
            return Some(Found {
                s,
                e: self.end(n - 1),
                kind: TimeKind::Absolute { year: Some(y), month: None, day: None },
                range_end: Some(DateParts { year: Some(y + 9), month: None, day: None }),
                next: n,
            });
        }
        let by_ctx = match ctx {
            Some((l, k)) => match l {
                Lex::In
                | Lex::Since
                | Lex::From
                | Lex::Until
                | Lex::Through
                | Lex::During
                | Lex::Before
                | Lex::After
                | Lex::Around
                | Lex::Between
                | Lex::Season
                | Lex::Early
                | Lex::Late
                | Lex::Mid
                | Lex::Unit(UnitWord::Year) => true,
                // "the end of 1991", "the summer of 1992", "the census of 1989".
                Lex::Of => k >= 1 && (matches!(self.lx(k - 1), Lex::PeriodPart | Lex::Season) || is_event_noun(self.word(k - 1))),
                Lex::And | Lex::Or | Lex::To => self.follows_last(k, LastKind::Year),
                _ => false,
            },
            None => self.standalone,
        };
        // A range: "1992-1994", "1992-94", "from 1992 to 1994", "between 1992 and 1994".
        let mut end = n;
        let mut range = None;
        let between = matches!(ctx, Some((Lex::Between, _)));
        let joiner = match self.lx(n) {
            Lex::To | Lex::Until => true,
            Lex::And => between,
            _ => self.punct(n).is_some_and(is_dash),
        };
        if joiner {
            let dash = self.punct(n).is_some_and(is_dash);
            if let Some((y2, n2, false)) = self.year_at_opt(n + 1, dash) {
                if y2 > y {
                    range = Some(y2);
                    end = n2;
                }
            } else if dash && self.adj(n) && self.adj(n + 1) {
                if let Some(t) = self.t.get(n + 1).copied() {
                    if t.kind == TokKind::Num && t.nd == 2 && !self.right_glued(n + 1) {
                        let y2 = y - y % 100 + t.val as i32;
                        if y2 > y {
                            range = Some(y2);
                            end = n + 2;
                        }
                    }
                }
            }
        }
        let next_word = self.word(end);
        let modifies_event = self.may_modify(i)
            && (is_event_noun(next_word)
                || (self.punct(end).is_some_and(is_dash) && self.adj(end) && self.adj(end + 1) && is_event_noun(self.word(end + 1)))
                || (!next_word.is_empty() && is_event_noun(self.word(end + 1)) && !self.cap(end)));
        let by_ctx = by_ctx && !is_count_noun(next_word);
        if !modifies_event && !by_ctx {
            return None;
        }
        Some(Found {
            s,
            e: self.end(end - 1),
            kind: TimeKind::Absolute { year: Some(y), month: None, day: None },
            range_end: range.map(|y2| DateParts { year: Some(y2), month: None, day: None }),
            next: end,
        })
    }

    /// May the year at `i` be read as a modifier ("the 1994 ceasefire")? Only
    /// after a determiner, a preposition or a possessive, never after a
    /// name ("Resolution 1325 report").
    fn may_modify(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        match self.t[i - 1].kind {
            TokKind::Punct(c) => !matches!(c, '#' | '№' | '$' | '€' | '£'),
            TokKind::Num => false,
            TokKind::Word => {
                matches!(
                    self.lx(i - 1),
                    Lex::The
                        | Lex::A
                        | Lex::This
                        | Lex::That
                        | Lex::In
                        | Lex::Of
                        | Lex::Since
                        | Lex::After
                        | Lex::Before
                        | Lex::During
                        | Lex::Through
                        | Lex::Until
                        | Lex::From
                        | Lex::And
                        | Lex::Or
                        | Lex::Between
                        | Lex::Early
                        | Lex::Late
                        | Lex::Mid
                        | Lex::Last
                ) || matches!(self.word(i - 1), "its" | "their" | "his" | "her" | "our" | "whose" | "s" | "Its" | "Their")
            }
        }
    }

    /// A weekday at `i`: "Thursday", "Monday night", or a weekday leading a
    /// written date ("Thursday, July 23", "Thu, 18 Jun 2014").
    fn weekday(&self, i: usize) -> Option<Found> {
        let (w, abbr) = match self.lx(i) {
            Lex::Weekday(w) => (w, false),
            Lex::WeekdayAbbr(w) => (w, true),
            _ => return None,
        };
        let mut j = i + 1;
        if abbr && self.is_punct(j, '.') && self.adj(j) {
            j += 1;
        }
        if self.is_punct(j, ',') {
            j += 1;
        }
        let dated = if self.is_num(j) { self.day_first(j) } else { self.month_first(j) };
        if let Some(f) = dated {
            if matches!(f.kind, TimeKind::Absolute { day: Some(_), .. }) && (!abbr || self.cap(i)) {
                return Some(Found { s: self.start(i), ..f });
            }
        }
        if abbr {
            return None;
        }
        if self.is_named_day(i) {
            return None;
        }
        let next = self.day_part_after(i + 1);
        Some(Found { s: self.start(i), e: self.end(next - 1), kind: TimeKind::Weekday { weekday: w, shift: 0 }, range_end: None, next })
    }

    /// "Sunday Times", "Good Friday", "Bloody Sunday", "Super Tuesday":
    /// names, not dates.
    fn is_named_day(&self, i: usize) -> bool {
        if i > 0 && self.cap(i - 1) {
            let p = self.word(i - 1);
            if matches!(
                p,
                "Black"
                    | "Good"
                    | "Bloody"
                    | "Super"
                    | "Ash"
                    | "Holy"
                    | "Maundy"
                    | "Palm"
                    | "Easter"
                    | "Great"
                    | "Cyber"
                    | "Fat"
                    | "Shrove"
                    | "Orthodox"
            ) {
                return true;
            }
        }
        if self.cap(i + 1) {
            let n = self.word(i + 1);
            if matches!(
                n,
                "Times"
                    | "Telegraph"
                    | "Express"
                    | "Mirror"
                    | "Post"
                    | "Herald"
                    | "Mail"
                    | "Independent"
                    | "Tribune"
                    | "Star"
                    | "Observer"
                    | "Agreement"
                    | "Accord"
                    | "Accords"
                    | "Sport"
                    | "People"
                    | "Review"
                    | "Magazine"
                    | "Edition"
                    | "Football"
                    | "Show"
                    | "Sun"
                    | "Business"
                    | "Mass"
                    | "School"
            ) {
                return true;
            }
        }
        false
    }

    /// "last Monday", "next Friday", "this Tuesday", "last week", "this
    /// year", "next month", "last night", "this morning", "last weekend".
    fn shifted(&self, i: usize) -> Option<Found> {
        // "the last week", "the next year": durations or offsets, not these.
        if i > 0 && matches!(self.lx(i - 1), Lex::The | Lex::This | Lex::That) && self.is_word(i - 1) {
            return None;
        }
        let shift: i8 = match self.lx(i) {
            Lex::Last => -1,
            Lex::Next => 1,
            _ => 0,
        };
        self.shifted_tail(i, i + 1, shift)
    }

    /// What follows "last"/"this"/"next" at `j`; the span starts at `s_tok`.
    fn shifted_tail(&self, s_tok: usize, j: usize, shift: i8) -> Option<Found> {
        let found = |kind, next: usize| Some(Found { s: self.start(s_tok), e: self.end(next - 1), kind, range_end: None, next });
        match self.lx(j) {
            Lex::Weekday(w) if !self.is_named_day(j) => {
                let next = self.day_part_after(j + 1);
                found(TimeKind::Weekday { weekday: w, shift }, next)
            }
            Lex::Unit(u @ (UnitWord::Week | UnitWord::Month | UnitWord::Year)) if !self.word(j).ends_with('s') => {
                let unit = match u {
                    UnitWord::Week => Unit::Week,
                    UnitWord::Month => Unit::Month,
                    _ => Unit::Year,
                };
                found(TimeKind::Relative { unit, amount: shift as i32 }, j + 1)
            }
            Lex::Weekend if shift == -1 => found(TimeKind::Weekday { weekday: Weekday::Sat, shift: -1 }, j + 1),
            Lex::Night if shift == -1 => found(TimeKind::Relative { unit: Unit::Day, amount: -1 }, j + 1),
            Lex::DayPart if shift == 0 => found(TimeKind::Relative { unit: Unit::Day, amount: 0 }, j + 1),
            Lex::DayPart if shift == -1 && self.word(j).eq_ignore_ascii_case("evening") => {
                found(TimeKind::Relative { unit: Unit::Day, amount: -1 }, j + 1)
            }
            _ => None,
        }
    }

    /// "earlier on Wednesday", "late Monday", "earlier today", "later this
    /// month", "late last year", "later that day", "earlier in the week".
    fn modified(&self, i: usize) -> Option<Found> {
        let found = |kind, next: usize| Some(Found { s: self.start(i), e: self.end(next - 1), kind, range_end: None, next });
        let j = i + 1;
        match self.lx(j) {
            Lex::On => match self.lx(j + 1) {
                Lex::Weekday(w) if !self.is_named_day(j + 1) => {
                    let next = self.day_part_after(j + 2);
                    found(TimeKind::Weekday { weekday: w, shift: 0 }, next)
                }
                _ => None,
            },
            Lex::Weekday(w) if !self.is_named_day(j) => {
                let next = self.day_part_after(j + 1);
                found(TimeKind::Weekday { weekday: w, shift: 0 }, next)
            }
            Lex::Today | Lex::Tonight => found(TimeKind::Relative { unit: Unit::Day, amount: 0 }, j + 1),
            Lex::Last | Lex::This | Lex::Next => {
                let shift = match self.lx(j) {
                    Lex::Last => -1,
                    Lex::Next => 1,
                    _ => 0,
                };
                let f = self.shifted_tail(i, j + 1, shift)?;
                // Only periods here: "late last year", not "early last Monday".
                matches!(f.kind, TimeKind::Relative { .. }).then_some(f)
            }
            Lex::That if matches!(self.lx(i), Lex::Earlier | Lex::Later) => match self.lx(j + 1) {
                Lex::Unit(UnitWord::Day) | Lex::Night | Lex::DayPart if !self.word(j + 1).ends_with('s') => {
                    found(TimeKind::Offset { unit: Unit::Day, amount: 0, direction: Direction::After }, j + 2)
                }
                _ => None,
            },
            Lex::In if matches!(self.lx(i), Lex::Earlier | Lex::Later) && self.lx(j + 1) == Lex::The => match self.lx(j + 2) {
                Lex::Unit(UnitWord::Day) | Lex::DayPart if !self.word(j + 2).ends_with('s') => {
                    found(TimeKind::Offset { unit: Unit::Day, amount: 0, direction: Direction::After }, j + 3)
                }
                Lex::Unit(UnitWord::Week) if self.word(j + 2).len() == 4 => {
                    found(TimeKind::Relative { unit: Unit::Week, amount: 0 }, j + 3)
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// "the next day", "the following week", "the previous day", "the day
    /// before", "the year after", "the same day", "the day before
    /// yesterday", "over the weekend".
    fn the(&self, i: usize) -> Option<Found> {
        let found = |kind, next: usize| Some(Found { s: self.start(i), e: self.end(next - 1), kind, range_end: None, next });
        let j = i + 1;
        let singular_unit = |k: usize| match self.lx(k) {
            Lex::Unit(u) if !self.word(k).ends_with('s') => Some(u),
            _ => None,
        };
        match self.lx(j) {
            Lex::Next | Lex::Following | Lex::Previous => {
                let direction = if self.lx(j) == Lex::Previous { Direction::Before } else { Direction::After };
                let (unit, amount) = match self.lx(j + 1) {
                    Lex::Night | Lex::DayPart => (Unit::Day, 1),
                    _ => match singular_unit(j + 1)? {
                        UnitWord::Day => (Unit::Day, 1),
                        UnitWord::Week => (Unit::Week, 1),
                        UnitWord::Fortnight => (Unit::Day, 14),
                        UnitWord::Month => (Unit::Month, 1),
                        UnitWord::Year => (Unit::Year, 1),
                        _ => return None,
                    },
                };
                found(TimeKind::Offset { unit, amount, direction }, j + 2)
            }
            Lex::Same => match singular_unit(j + 1) {
                Some(UnitWord::Day) => found(TimeKind::Offset { unit: Unit::Day, amount: 0, direction: Direction::After }, j + 2),
                _ => None,
            },
            Lex::Weekend if i > 0 && matches!(self.lx(i - 1), Lex::Over | Lex::At | Lex::On | Lex::During) => {
                found(TimeKind::Weekday { weekday: Weekday::Sat, shift: 0 }, j + 1)
            }
            Lex::Night => {
                // "the night before" = the previous evening.
                if self.lx(j + 1) == Lex::Before {
                    found(TimeKind::Offset { unit: Unit::Day, amount: 1, direction: Direction::Before }, j + 2)
                } else {
                    None
                }
            }
            Lex::Unit(_) => {
                let u = singular_unit(j)?;
                let direction = match self.lx(j + 1) {
                    Lex::Before => Direction::Before,
                    Lex::After => Direction::After,
                    _ => return None,
                };
                if u == UnitWord::Day {
                    let rel = match (direction, self.lx(j + 2)) {
                        (Direction::Before, Lex::Yesterday) => Some(-2),
                        (Direction::After, Lex::Tomorrow) => Some(2),
                        _ => None,
                    };
                    if let Some(amount) = rel {
                        return found(TimeKind::Relative { unit: Unit::Day, amount }, j + 3);
                    }
                }
                let (unit, amount) = match u {
                    UnitWord::Day => (Unit::Day, 1),
                    UnitWord::Week => (Unit::Week, 1),
                    UnitWord::Fortnight => (Unit::Day, 14),
                    UnitWord::Month => (Unit::Month, 1),
                    UnitWord::Year => (Unit::Year, 1),
                    _ => return None,
                };
                found(TimeKind::Offset { unit, amount, direction }, j + 2)
            }
            _ => None,
        }
    }

    /// "that same day".
    fn that(&self, i: usize) -> Option<Found> {
        if self.lx(i + 1) == Lex::Same && self.lx(i + 2) == Lex::Unit(UnitWord::Day) && !self.word(i + 2).ends_with('s') {
            return Some(Found {
                s: self.start(i),
                e: self.end(i + 2),
                kind: TimeKind::Offset { unit: Unit::Day, amount: 0, direction: Direction::After },
                range_end: None,
                next: i + 3,
            });
        }
        None
    }

    /// The amount at `i`: "a", "one", "twenty-four", "48", "a couple of".
    fn amount(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t.get(i)?;
        match t.kind {
            TokKind::Num => {
                if t.nd > 4 || self.left_glued(i) || self.right_glued(i) {
                    return None;
                }
                Some((t.val, i + 1))
            }
            TokKind::Word => match t.lex {
                Lex::A => {
                    if self.lx(i + 1) == Lex::Couple && self.lx(i + 2) == Lex::Of {
                        Some((2, i + 3))
                    } else {
                        Some((1, i + 1))
                    }
                }
                Lex::NumWord(n) => {
                    // "twenty-four"
                    if n >= 20 && n % 10 == 0 && self.punct(i + 1).is_some_and(is_dash) && self.adj(i + 1) && self.adj(i + 2) {
                        if let Lex::NumWord(u) = self.lx(i + 2) {
                            if u < 10 {
                                return Some((n + u, i + 3));
                            }
                        }
                    }
                    Some((n, i + 1))
                }
                _ => None,
            },
            TokKind::Punct(_) => None,
        }
    }

    /// "two days ago", "a week ago", "one day after", "three days earlier",
    /// "a day later", "24 hours after".
    fn amount_unit(&self, i: usize) -> Option<Found> {
        let (n, j) = self.amount(i)?;
        // "a two-day visit": the unit must stand apart.
        if self.adj(j) {
            return None;
        }
        let Lex::Unit(u) = self.lx(j) else {
            return None;
        };
        self.unit_tail(i, u, n, j + 1)
    }

    /// "hours later", "hours after", "hours ago", "minutes later".
    fn bare_unit(&self, i: usize) -> Option<Found> {
        let Lex::Unit(u @ (UnitWord::Hour | UnitWord::Minute)) = self.lx(i) else {
            return None;
        };
        if !self.word(i).ends_with('s') {
            return None;
        }
        // "two hours", "a few hours", "24 hours" belong to other patterns or are vague
        // in a way that matters ("several hours later" is still the same day).
        if i > 0 && (self.is_num(i - 1) || matches!(self.lx(i - 1), Lex::A | Lex::NumWord(_))) {
            return None;
        }
        self.unit_tail(i, u, 0, i + 1)
    }

    fn unit_tail(&self, s_tok: usize, u: UnitWord, n: u32, k: usize) -> Option<Found> {
        let kind = match self.lx(k) {
            Lex::Ago => {
                let (unit, amount) = ago_unit(u, n)?;
                TimeKind::Relative { unit, amount: -(amount as i32) }
            }
            l @ (Lex::Later | Lex::After | Lex::Earlier | Lex::Before) => {
                let direction = if matches!(l, Lex::Later | Lex::After) { Direction::After } else { Direction::Before };
                let (unit, amount) = offset_unit(u, n)?;
                TimeKind::Offset { unit, amount, direction }
            }
            _ => return None,
        };
        Some(Found { s: self.start(s_tok), e: self.end(k), kind, range_end: None, next: k + 1 })
    }

    /// "yesterday", "today", "tomorrow", "tonight" (+ "morning", ...).
    fn deictic(&self, i: usize) -> Option<Found> {
        // "Russia Today", "USA Today": a capitalised name.
        if self.cap(i) && i > 0 && self.is_word(i - 1) && self.cap(i - 1) {
            return None;
        }
        let amount = match self.lx(i) {
            Lex::Yesterday => -1,
            Lex::Tomorrow => 1,
            _ => 0,
        };
        let next = if self.lx(i) == Lex::Tonight { i + 1 } else { self.day_part_after(i + 1) };
        Some(Found { s: self.start(i), e: self.end(next - 1), kind: TimeKind::Relative { unit: Unit::Day, amount }, range_end: None, next })
    }
}

/// "N <unit> ago" as a relative period: weeks count as days ("a week ago" is
/// seven days back, not last week's Monday), decades as years.
fn ago_unit(u: UnitWord, n: u32) -> Option<(Unit, u32)> {
    let n = n.min(100_000);
    Some(match u {
        UnitWord::Minute => (Unit::Hour, n / 60),
        UnitWord::Hour => (Unit::Hour, n),
        UnitWord::Day => (Unit::Day, n),
        UnitWord::Week => (Unit::Day, n * 7),
        UnitWord::Fortnight => (Unit::Day, n * 14),
        UnitWord::Month => (Unit::Month, n),
        UnitWord::Year => (Unit::Year, n),
        UnitWord::Decade => (Unit::Year, n * 10),
    })
}

fn offset_unit(u: UnitWord, n: u32) -> Option<(Unit, u32)> {
    let n = n.min(100_000);
    Some(match u {
        UnitWord::Minute => (Unit::Hour, n / 60),
        UnitWord::Hour => (Unit::Hour, n),
        UnitWord::Day => (Unit::Day, n),
        UnitWord::Week => (Unit::Week, n),
        UnitWord::Fortnight => (Unit::Day, n * 14),
        UnitWord::Month => (Unit::Month, n),
        UnitWord::Year => (Unit::Year, n),
        UnitWord::Decade => (Unit::Year, n * 10),
    })
}
