//! Sentence-level coarse classes, as in the ConfliBERT CAMEO-class data.
//!
//! Classes: 0 statement/appeal (CAMEO roots 01–02), 1 verbal cooperation
//! (03–05), 2 material cooperation (06–08), 3 verbal conflict (09–13), 4 material
//! conflict (14–20). Note class 0 splits GDELT's QuadClass 1 in two.
//!
//! A sentence's predicted class is the class held by most of its events; a tie
//! goes to the tied class whose first event comes first; a sentence with no
//! event (or only events whose code has no CAMEO root) has no class ("none"),
//! which counts as wrong in the overall accuracy.
//!
//! Reported: coverage (share of sentences with a class), accuracy on covered
//! sentences, overall accuracy, per-class precision (over sentences predicted in
//! that class), recall (over gold sentences of that class, uncovered ones
//! included) and F1, their macro average, and a 5×6 confusion matrix (gold rows,
//! predicted columns, the sixth column "none").

use crate::score::{fmt_ratio, ratio};
use serde::Serialize;
use std::fmt::Write as _;

/// Class names, by class number.
pub const CLASS_NAMES: [&str; 5] =
    ["statement/appeal", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"];

/// The coarse class of a CAMEO event code, from its root; `None` for a code
/// whose first two characters are not a CAMEO root.
pub fn coarse_class(code: &str) -> Option<u8> {
    let root = bede_cameo::root(code);
    bede_cameo::lookup(root)?;
    match root.parse::<u8>().ok()? {
        1..=2 => Some(0),
        3..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    }
}

/// The class of a sentence from its events' codes, in event order: majority,
/// ties to the class seen first. `None` when no code has a class.
pub fn sentence_class<'a>(codes: impl IntoIterator<Item = &'a str>) -> Option<u8> {
    let mut count = [0usize; 5];
    let mut first = [usize::MAX; 5];
    for (i, c) in codes.into_iter().filter_map(coarse_class).enumerate() {
        let c = c as usize;
        count[c] += 1;
        first[c] = first[c].min(i);
    }
    (0..5).filter(|&c| count[c] > 0).max_by(|&a, &b| count[a].cmp(&count[b]).then(first[b].cmp(&first[a]))).map(|c| c as u8)
}

/// Accumulates gold/predicted class pairs.
#[derive(Debug, Clone, Default)]
pub struct CoarseScorer {
    /// `[gold][predicted]`, predicted index 5 = none.
    confusion: [[u64; 6]; 5],
}

impl CoarseScorer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add one sentence. A gold class outside 0..=4 is ignored (the readers never produce one).
    pub fn add(&mut self, gold: u8, predicted: Option<u8>) {
        if let Some(row) = self.confusion.get_mut(gold as usize) {
            row[predicted.filter(|&p| p < 5).map_or(5, |p| p as usize)] += 1;
        }
    }

    pub fn scores(&self) -> CoarseScores {
        let m = &self.confusion;
        let sentences: u64 = m.iter().flatten().sum();
        let uncovered: u64 = m.iter().map(|r| r[5]).sum();
        let covered = sentences - uncovered;
        let correct: u64 = (0..5).map(|c| m[c][c]).sum();
        let classes: Vec<ClassScore> = (0..5)
            .map(|c| {
                let gold: u64 = m[c].iter().sum();
                let predicted: u64 = (0..5).map(|g| m[g][c]).sum();
                let tp = m[c][c];
                let (p, r) = (ratio(tp, predicted), ratio(tp, gold));
                let f1 = match (p, r) {
                    (Some(p), Some(r)) => Some(if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }),
                    _ => None,
                };
                ClassScore { class: c as u8, name: CLASS_NAMES[c], gold, predicted, correct: tp, precision: p, recall: r, f1 }
            })
            .collect();
        let f1s: Vec<f64> = classes.iter().filter_map(|c| c.f1).collect();
        CoarseScores {
            sentences,
            covered,
            coverage: ratio(covered, sentences),
            accuracy_covered: ratio(correct, covered),
            accuracy_overall: ratio(correct, sentences),
            macro_f1: (!f1s.is_empty()).then(|| f1s.iter().sum::<f64>() / f1s.len() as f64),
            classes,
            confusion: m.iter().map(|r| r.to_vec()).collect(),
        }
    }
}

/// Per-class scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassScore {
    pub class: u8,
    pub name: &'static str,
    /// Gold sentences of this class.
    pub gold: u64,
    /// Sentences predicted in this class.
    pub predicted: u64,
    pub correct: u64,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

/// Coarse-class scores of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoarseScores {
    pub sentences: u64,
    /// Sentences with at least one classed event.
    pub covered: u64,
    pub coverage: Option<f64>,
    pub accuracy_covered: Option<f64>,
    /// "none" counts as wrong.
    pub accuracy_overall: Option<f64>,
    /// Mean F1 over the classes where F1 is defined.
    pub macro_f1: Option<f64>,
    pub classes: Vec<ClassScore>,
    /// 5 rows (gold class) × 6 columns (predicted class 0..4, then none).
    pub confusion: Vec<Vec<u64>>,
}

impl CoarseScores {
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        let pct = |x: Option<f64>| x.map_or("n/a".to_string(), |v| format!("{:.1}%", 100.0 * v));
        let _ = writeln!(s, "sentences {}, with an event {} (coverage {})", self.sentences, self.covered, pct(self.coverage));
        let _ = writeln!(
            s,
            "accuracy on covered {}, overall {} (no event counts as wrong), macro F1 {}",
            pct(self.accuracy_covered),
            pct(self.accuracy_overall),
            fmt_ratio(self.macro_f1)
        );
        let _ =
            writeln!(s, "{:<24} {:>6} {:>9} {:>7} {:>9} {:>7} {:>7}", "class", "gold", "predicted", "correct", "precision", "recall", "F1");
        for c in &self.classes {
            let _ = writeln!(
                s,
                "{:<24} {:>6} {:>9} {:>7} {:>9} {:>7} {:>7}",
                format!("{} {}", c.class, c.name),
                c.gold,
                c.predicted,
                c.correct,
                fmt_ratio(c.precision),
                fmt_ratio(c.recall),
                fmt_ratio(c.f1)
            );
        }
        let _ = writeln!(s, "\nconfusion (rows: gold, columns: predicted):");
        let _ = writeln!(s, "{:<24} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}", "", "0", "1", "2", "3", "4", "none");
        for (g, row) in self.confusion.iter().enumerate() {
            let _ = write!(s, "{:<24}", format!("{g} {}", CLASS_NAMES[g]));
            for n in row {
                let _ = write!(s, " {n:>6}");
            }
            s.push('\n');
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_codes() {
        assert_eq!(coarse_class("010"), Some(0));
        assert_eq!(coarse_class("0231"), Some(0));
        assert_eq!(coarse_class("040"), Some(1));
        assert_eq!(coarse_class("057"), Some(1));
        assert_eq!(coarse_class("061"), Some(2));
        assert_eq!(coarse_class("112"), Some(3));
        assert_eq!(coarse_class("138"), Some(3));
        assert_eq!(coarse_class("145"), Some(4));
        assert_eq!(coarse_class("20"), Some(4));
        assert_eq!(coarse_class("174K"), Some(4));
        assert_eq!(coarse_class("21"), None);
        assert_eq!(coarse_class("x"), None);
        assert_eq!(coarse_class(""), None);
    }

    #[test]
    fn majority_and_ties() {
        assert_eq!(sentence_class(["190", "040", "193"]), Some(4));
        assert_eq!(sentence_class(["040", "190"]), Some(1));
        assert_eq!(sentence_class(["190", "040"]), Some(4));
        assert_eq!(sentence_class(["xx", "112", "040", "040", "112"]), Some(3));
        assert_eq!(sentence_class(["xx"]), None);
        assert_eq!(sentence_class([]), None);
    }

    #[test]
    fn scores_by_hand() {
        let mut sc = CoarseScorer::new();
        sc.add(4, Some(4));
        sc.add(4, Some(3));
        sc.add(3, Some(3));
        sc.add(0, None);
        let s = sc.scores();
        assert_eq!((s.sentences, s.covered), (4, 3));
        assert_eq!(s.coverage, Some(0.75));
        assert_eq!(s.accuracy_covered, Some(2.0 / 3.0));
        assert_eq!(s.accuracy_overall, Some(0.5));
        let c3 = &s.classes[3];
        assert_eq!((c3.precision, c3.recall), (Some(0.5), Some(1.0)));
        let c4 = &s.classes[4];
        assert_eq!((c4.precision, c4.recall), (Some(1.0), Some(0.5)));
        assert_eq!(s.classes[0].precision, None);
        assert_eq!(s.classes[0].recall, Some(0.0));
        assert_eq!(s.confusion[0], vec![0, 0, 0, 0, 0, 1]);
        assert_eq!(s.confusion[4], vec![0, 0, 0, 1, 1, 0]);
        let text = s.render_text();
        assert!(text.contains("coverage 75.0%"), "{text}");
    }
}
