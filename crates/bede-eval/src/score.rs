//! Event-level scoring: predicted triples against expected triples.
//!
//! **Set semantics.** Each record's predicted and expected events are turned into
//! *sets* of keys before comparing, so an event coded twice in one record (two
//! sentences saying the same thing) counts once, on both sides. Counts are then
//! summed over records (micro-averaging): a key in both sets is a true positive,
//! a predicted key not expected a false positive, an expected key not predicted a
//! false negative.
//!
//! **Levels.** The key of an event at each [`Level`]:
//! - `code`: (source, target, full CAMEO code);
//! - `root`: (source, target, CAMEO root = the code's first two characters);
//! - `plover`: (source, target, PLOVER type from `bede_cameo::lookup`). A code with
//!   no PLOVER type — roots 01 and 02, which PLOVER does not map, and any code
//!   that is not in the CAMEO table (e.g. PETRARCH's `174K`) — has no key at this
//!   level: the event is left out of the PLOVER level on *both* sides and counted
//!   in [`EventScores::plover_unmapped`], rather than given an invented type;
//! - `dyad`: (source, target).
//!
//! Absent actors are `---` on both sides (see [`crate::gold::Triple::new`]).
//!
//! **Exact records**: the predicted triple set equals the expected one. A record
//! expecting nothing is exact only when nothing is predicted.
//!
//! **Root confusion**: within a record, events are grouped by dyad. For each dyad
//! present on both sides, roots found on both sides are counted on the diagonal;
//! the remaining expected and predicted roots are paired in sorted order (a
//! confusion); what is left over is `missed` (expected, no predicted partner) or
//! `spurious` (predicted, no expected partner). Events whose dyad is on one side
//! only are missed or spurious.

use crate::gold::Triple;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Row/column label for expected events with no predicted partner.
pub const MISSED: &str = "missed";
/// Row/column label for predicted events with no expected partner.
pub const SPURIOUS: &str = "spurious";

/// The four comparison levels, from strictest to loosest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Code,
    Root,
    Plover,
    Dyad,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Code, Level::Root, Level::Plover, Level::Dyad];

    pub fn name(self) -> &'static str {
        match self {
            Level::Code => "code",
            Level::Root => "root",
            Level::Plover => "plover",
            Level::Dyad => "dyad",
        }
    }

    /// The event's key at this level; `None` when the level cannot place it
    /// (a code without PLOVER type at the PLOVER level).
    pub fn key(self, t: &Triple) -> Option<(String, String, String)> {
        let third = match self {
            Level::Code => t.code.clone(),
            Level::Root => bede_cameo::root(&t.code).to_string(),
            Level::Plover => plover_type(&t.code)?.to_string(),
            Level::Dyad => String::new(),
        };
        Some((t.source.clone(), t.target.clone(), third))
    }
}

/// The PLOVER type of a CAMEO code, `None` when the code is not CAMEO or PLOVER
/// does not map it.
pub fn plover_type(code: &str) -> Option<&'static str> {
    bede_cameo::lookup(code).map(|c| c.plover_type).filter(|t| !t.is_empty())
}

/// True positives, false positives, false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: u64,
    pub fp: u64,
    #[serde(rename = "fn")]
    pub fn_: u64,
}

impl Counts {
    /// `tp / (tp + fp)`; `None` when nothing was predicted.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }
    /// `tp / (tp + fn)`; `None` when nothing was expected.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall; `None` when either is undefined,
    /// 0 when both are 0.
    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision()?, self.recall()?);
        Some(if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) })
    }

    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

pub(crate) fn ratio(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

fn compare<K: Ord>(pred: &BTreeSet<K>, exp: &BTreeSet<K>) -> Counts {
    let tp = pred.intersection(exp).count() as u64;
    Counts { tp, fp: pred.len() as u64 - tp, fn_: exp.len() as u64 - tp }
}

/// How one record scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RecordScore {
    /// Predicted triple set == expected triple set.
    pub exact: bool,
    /// Counts at the full-code level.
    pub code: Counts,
}

/// Accumulates scores over records.
#[derive(Debug, Clone, Default)]
pub struct EventScorer {
    records: u64,
    exact: u64,
    levels: [Counts; 4],
    unmapped_expected: u64,
    unmapped_predicted: u64,
    confusion: BTreeMap<(String, String), u64>,
}

impl EventScorer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Score one record.
    pub fn add(&mut self, predicted: &[Triple], expected: &[Triple]) -> RecordScore {
        let pred: BTreeSet<&Triple> = predicted.iter().collect();
        let exp: BTreeSet<&Triple> = expected.iter().collect();
        self.records += 1;
        let exact = pred == exp;
        self.exact += exact as u64;
        let mut code = Counts::default();
        for (i, level) in Level::ALL.into_iter().enumerate() {
            let p: BTreeSet<_> = pred.iter().filter_map(|t| level.key(t)).collect();
            let e: BTreeSet<_> = exp.iter().filter_map(|t| level.key(t)).collect();
            let c = compare(&p, &e);
            if level == Level::Code {
                code = c;
            }
            self.levels[i].add(c);
        }
        self.unmapped_predicted += pred.iter().filter(|t| plover_type(&t.code).is_none()).count() as u64;
        self.unmapped_expected += exp.iter().filter(|t| plover_type(&t.code).is_none()).count() as u64;
        self.confuse(&pred, &exp);
        RecordScore { exact, code }
    }

    fn confuse(&mut self, pred: &BTreeSet<&Triple>, exp: &BTreeSet<&Triple>) {
        fn group<'a>(s: &BTreeSet<&'a Triple>) -> BTreeMap<(&'a str, &'a str), BTreeSet<&'a str>> {
            let mut m: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
            for t in s {
                m.entry((t.source.as_str(), t.target.as_str())).or_default().insert(bede_cameo::root(&t.code));
            }
            m
        }
        let mut cells: Vec<(String, String)> = Vec::new();
        let (p, e) = (group(pred), group(exp));
        for (dyad, e_roots) in &e {
            let p_roots = p.get(dyad).cloned().unwrap_or_default();
            let both: Vec<&str> = e_roots.intersection(&p_roots).copied().collect();
            cells.extend(both.iter().map(|r| (r.to_string(), r.to_string())));
            let e_left: Vec<&str> = e_roots.difference(&p_roots).copied().collect();
            let p_left: Vec<&str> = p_roots.difference(e_roots).copied().collect();
            for i in 0..e_left.len().max(p_left.len()) {
                let cell = match (e_left.get(i), p_left.get(i)) {
                    (Some(e), Some(p)) => (e.to_string(), p.to_string()),
                    (Some(e), None) => (e.to_string(), MISSED.to_string()),
                    (None, Some(p)) => (SPURIOUS.to_string(), p.to_string()),
                    (None, None) => continue,
                };
                cells.push(cell);
            }
        }
        for (dyad, p_roots) in &p {
            if !e.contains_key(dyad) {
                cells.extend(p_roots.iter().map(|r| (SPURIOUS.to_string(), r.to_string())));
            }
        }
        for c in cells {
            *self.confusion.entry(c).or_default() += 1;
        }
    }

    /// The scores so far.
    pub fn scores(&self) -> EventScores {
        EventScores {
            records: self.records,
            exact: self.exact,
            exact_share: ratio(self.exact, self.records),
            levels: Level::ALL
                .into_iter()
                .zip(self.levels)
                .map(|(level, c)| LevelScore { level, counts: c, precision: c.precision(), recall: c.recall(), f1: c.f1() })
                .collect(),
            plover_unmapped: Unmapped { expected: self.unmapped_expected, predicted: self.unmapped_predicted },
            confusion: self
                .confusion
                .iter()
                .map(|((e, p), &count)| ConfusionCell { expected: e.clone(), predicted: p.clone(), count })
                .collect(),
        }
    }
}

/// Scores at one level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelScore {
    pub level: Level,
    #[serde(flatten)]
    pub counts: Counts,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

/// Events left out of the PLOVER level because their code has no PLOVER type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Unmapped {
    pub expected: u64,
    pub predicted: u64,
}

/// One cell of the root confusion table (non-zero cells only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfusionCell {
    /// Expected root, or `spurious`.
    pub expected: String,
    /// Predicted root, or `missed`.
    pub predicted: String,
    pub count: u64,
}

/// The scores of a run, as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventScores {
    pub records: u64,
    pub exact: u64,
    pub exact_share: Option<f64>,
    pub levels: Vec<LevelScore>,
    pub plover_unmapped: Unmapped,
    pub confusion: Vec<ConfusionCell>,
}

/// `0.543` for Some, `n/a` for None.
pub(crate) fn fmt_ratio(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_string(), |v| format!("{v:.3}"))
}

impl EventScores {
    /// The scores at one level.
    pub fn level(&self, level: Level) -> &LevelScore {
        // `levels` always holds the four levels in `Level::ALL` order.
        &self.levels[Level::ALL.iter().position(|&l| l == level).unwrap_or(0)]
    }

    /// The table of the four levels (counts, precision, recall, F1), its first column headed `label`.
    pub fn render_levels(&self, label: &str) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{:<8} {:>7} {:>7} {:>7} {:>9} {:>7} {:>7}", label, "tp", "fp", "fn", "precision", "recall", "F1");
        for l in &self.levels {
            let _ = writeln!(
                s,
                "{:<8} {:>7} {:>7} {:>7} {:>9} {:>7} {:>7}",
                l.level.name(),
                l.counts.tp,
                l.counts.fp,
                l.counts.fn_,
                fmt_ratio(l.precision),
                fmt_ratio(l.recall),
                fmt_ratio(l.f1)
            );
        }
        s
    }

    /// Text tables: the four levels, then the root confusion table.
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        let share = self.exact_share.map_or(String::new(), |x| format!(" ({:.1}%)", 100.0 * x));
        let _ = writeln!(s, "records {}, exact {}{share}", self.records, self.exact);
        s.push_str(&self.render_levels("level"));
        let u = self.plover_unmapped;
        if u.expected + u.predicted > 0 {
            let _ = writeln!(
                s,
                "plover level leaves out {} expected and {} predicted events whose code has no PLOVER type (roots 01-02, non-CAMEO codes)",
                u.expected, u.predicted
            );
        }
        if !self.confusion.is_empty() {
            let _ = writeln!(s, "\nroot confusion (rows: expected, columns: predicted; events of the same dyad):");
            s.push_str(&self.render_confusion());
        }
        s
    }

    fn render_confusion(&self) -> String {
        let mut rows: Vec<&str> = self.confusion.iter().map(|c| c.expected.as_str()).filter(|&r| r != SPURIOUS).collect();
        let mut cols: Vec<&str> = self.confusion.iter().map(|c| c.predicted.as_str()).filter(|&c| c != MISSED).collect();
        for v in [&mut rows, &mut cols] {
            v.sort_unstable();
            v.dedup();
        }
        rows.push(SPURIOUS);
        cols.push(MISSED);
        let get = |r: &str, c: &str| self.confusion.iter().find(|x| x.expected == r && x.predicted == c).map_or(0, |x| x.count);
        let width = cols.iter().map(|c| c.len()).max().unwrap_or(2).max(4);
        let mut s = format!("{:<9}", "");
        for c in &cols {
            let _ = write!(s, " {c:>width$}");
        }
        s.push('\n');
        for r in &rows {
            let _ = write!(s, "{r:<9}");
            for c in &cols {
                let n = get(r, c);
                if n == 0 {
                    let _ = write!(s, " {:>width$}", ".");
                } else {
                    let _ = write!(s, " {n:>width$}");
                }
            }
            s.push('\n');
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str, tg: &str, c: &str) -> Triple {
        Triple::new(Some(s), Some(tg), c)
    }

    #[test]
    fn levels_by_hand() {
        let mut sc = EventScorer::new();
        // Record 1: one right, one wrong code in the same root, one missed.
        let r1 = sc.add(&[t("A", "B", "042"), t("A", "C", "043")], &[t("A", "B", "042"), t("A", "C", "040"), t("C", "A", "190")]);
        assert!(!r1.exact);
        assert_eq!(r1.code, Counts { tp: 1, fp: 1, fn_: 2 });
        // Record 2: exact, with a duplicate prediction (set semantics).
        let r2 = sc.add(&[t("X", "---", "010"), t("X", "---", "010")], &[t("X", "---", "010")]);
        assert!(r2.exact);
        // Record 3: nothing expected, nothing predicted: exact.
        assert!(sc.add(&[], &[]).exact);
        // Record 4: nothing expected, one predicted: not exact.
        assert!(!sc.add(&[t("A", "B", "190")], &[]).exact);
        let s = sc.scores();
        assert_eq!((s.records, s.exact), (4, 2));
        assert_eq!(s.level(Level::Code).counts, Counts { tp: 2, fp: 2, fn_: 2 });
        // Roots: 04 on A-C matches.
        assert_eq!(s.level(Level::Root).counts, Counts { tp: 3, fp: 1, fn_: 1 });
        // PLOVER: 042 and 040/043 are CONSULT; 010 has no type and is left out.
        assert_eq!(s.level(Level::Plover).counts, Counts { tp: 2, fp: 1, fn_: 1 });
        assert_eq!(s.plover_unmapped, Unmapped { expected: 1, predicted: 1 });
        assert_eq!(s.level(Level::Dyad).counts, Counts { tp: 3, fp: 1, fn_: 1 });
        assert_eq!(s.level(Level::Code).precision, Some(0.5));
        assert_eq!(s.level(Level::Root).f1, Some(0.75));
    }

    #[test]
    fn undefined_ratios() {
        let c = Counts { tp: 0, fp: 0, fn_: 3 };
        assert_eq!((c.precision(), c.recall(), c.f1()), (None, Some(0.0), None));
        let c = Counts { tp: 0, fp: 2, fn_: 3 };
        assert_eq!(c.f1(), Some(0.0));
    }

    #[test]
    fn confusion_cells() {
        let mut sc = EventScorer::new();
        sc.add(
            &[t("A", "B", "042"), t("A", "B", "190"), t("D", "E", "010")],
            &[t("A", "B", "040"), t("A", "B", "111"), t("A", "B", "173"), t("F", "G", "020")],
        );
        let cells: Vec<(String, String, u64)> = sc.scores().confusion.into_iter().map(|c| (c.expected, c.predicted, c.count)).collect();
        let want = [("02", "missed", 1), ("04", "04", 1), ("11", "19", 1), ("17", "missed", 1), ("spurious", "01", 1)];
        assert_eq!(cells, want.map(|(a, b, n)| (a.to_string(), b.to_string(), n)).to_vec());
        let text = sc.scores().render_text();
        assert!(text.contains("spurious"), "{text}");
        assert!(text.contains("missed"), "{text}");
    }

    #[test]
    fn non_cameo_codes_have_no_plover_type() {
        assert_eq!(plover_type("174K"), None);
        assert_eq!(plover_type("010"), None);
        assert_eq!(plover_type("040"), Some("CONSULT"));
        let mut sc = EventScorer::new();
        sc.add(&[t("A", "B", "174K")], &[t("A", "B", "174K")]);
        let s = sc.scores();
        assert_eq!(s.level(Level::Code).counts.tp, 1);
        assert_eq!(s.level(Level::Plover).counts, Counts::default());
        assert_eq!(s.level(Level::Plover).precision, None);
    }

    #[test]
    fn json_shape() {
        let mut sc = EventScorer::new();
        sc.add(&[t("A", "B", "042")], &[t("A", "B", "042")]);
        let v = serde_json::to_value(sc.scores()).unwrap();
        assert_eq!(v["levels"][0]["level"], "code");
        assert_eq!(v["levels"][0]["fn"], 0);
        assert_eq!(v["levels"][0]["precision"], 1.0);
        assert_eq!(v["exact"], 1);
    }
}
