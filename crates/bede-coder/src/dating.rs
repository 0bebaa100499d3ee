//! Event dates: each event gets the time expression of its own clause, else
//! the one its reporting verb or introducing clause carries ("..., the
//! ministry said on Thursday"), else the date of an earlier mention of the
//! same event in the article ("his phone call with Erdogan"), else the
//! dateline, else the publication date. Offsets ("one day after X") are
//! resolved against the most recent date of the discourse. A year alone
//! stays a year: background ("in 1992") is never widened to a day. No date
//! falls after the publication date (see `not_after_publication`).

use crate::extract::{is_speech_lemma, Candidate};
use crate::sentence::Sentence;
use bede_core::{DateBasis, PartialDate};
use bede_nlp::ChunkKind;
use bede_time::{Direction, TimeExpr, TimeKind};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Dates known for the whole article.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocDates {
    pub published: Option<NaiveDate>,
    pub dateline: Option<PartialDate>,
}

impl DocDates {
    /// The date relative expressions are resolved against: the dateline's day,
    /// else the publication date.
    pub fn anchor(&self) -> Option<NaiveDate> {
        self.dateline.and_then(|d| d.to_date()).or(self.published)
    }
}

/// One dated event: date and basis, or `None` and `Unknown`.
pub type Dated = (Option<PartialDate>, DateBasis);

fn vg_of_expr(s: &Sentence, e: &TimeExpr) -> Option<usize> {
    let ti = s.token_at(e.span.start);
    let te = s.token_at(e.span.end.saturating_sub(1)) + 1;
    let left = s
        .chunks
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == ChunkKind::Verb && c.end <= ti && ti - c.end <= 8)
        .max_by_key(|(_, c)| c.end)
        .map(|(i, _)| i);
    left.or_else(|| {
        s.chunks
            .iter()
            .enumerate()
            .filter(|(_, c)| c.kind == ChunkKind::Verb && c.start >= te && c.start - te <= 10)
            .min_by_key(|(_, c)| c.start)
            .map(|(i, _)| i)
    })
}

fn expr_word(s: &Sentence, e: &TimeExpr, last: bool) -> String {
    let t = &s.text[e.span.clone()];
    let w = if last { t.split_whitespace().last() } else { t.split_whitespace().next() };
    w.unwrap_or("").to_ascii_lowercase()
}

/// Date every candidate of an article. `exprs[i]` are the time expressions of sentence `i`.
pub fn assign_dates(
    sents: &[Sentence],
    exprs: &[Vec<TimeExpr>],
    cands: &[Candidate],
    doc: DocDates,
    identity: &dyn Fn(&Candidate) -> (String, String, String),
) -> Vec<Dated> {
    let anchor = doc.anchor();
    let mut out: Vec<Option<Dated>> = vec![None; cands.len()];
    let mut discourse: Option<PartialDate> = None;
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); sents.len()];
    for (i, c) in cands.iter().enumerate() {
        if c.sentence < sents.len() {
            by_sentence[c.sentence].push(i);
        }
    }
    for (si, s) in sents.iter().enumerate() {
        let ex = &exprs[si];
        if ex.is_empty() || by_sentence[si].is_empty() {
            continue;
        }
        let verb_triggers: Vec<usize> = by_sentence[si].iter().filter_map(|&ci| cands[ci].verb_group).collect();
        let mut attached: Vec<(usize, usize)> = Vec::new(); // (expr, vg)
        let mut default: Option<usize> = None;
        let mut default_rank = 0u8;
        for (ei, e) in ex.iter().enumerate() {
            if matches!(e.kind, TimeKind::Offset { .. }) {
                continue;
            }
            let Some(vg) = vg_of_expr(s, e) else {
                if default.is_none() {
                    default = Some(ei);
                    default_rank = 1;
                }
                continue;
            };
            attached.push((ei, vg));
            let head = s.chunks[vg].head;
            let speech = is_speech_lemma(s.lemmas[head].as_ref());
            let is_trigger = verb_triggers.contains(&vg);
            // Reporting verbs and introducing clauses lend their date to the sentence.
            let rank = if speech {
                3
            } else if !is_trigger {
                2
            } else {
                0
            };
            if rank > default_rank {
                default = Some(ei);
                default_rank = rank;
            }
        }
        // Offsets count from the discourse date as it stood before this sentence.
        let sentence_reference = discourse.or(anchor.map(PartialDate::from_date));
        for &ci in &by_sentence[si] {
            let c = &cands[ci];
            // An offset whose complement holds the trigger: "one day after a conversation".
            let mut dated = None;
            for e in ex.iter() {
                if let TimeKind::Offset { unit, amount, direction } = e.kind {
                    let te = s.token_at(e.span.end.saturating_sub(1)) + 1;
                    let Some(reference) = sentence_reference else {
                        continue;
                    };
                    let last = expr_word(s, e, true);
                    let complement = matches!(last.as_str(), "after" | "before");
                    let d = if complement && c.trigger.0 >= te {
                        let flip = match direction {
                            Direction::After => Direction::Before,
                            Direction::Before => Direction::After,
                        };
                        bede_time::resolve_offset(unit, amount, flip, reference)
                    } else if !complement {
                        bede_time::resolve_offset(unit, amount, direction, reference)
                    } else {
                        None
                    };
                    if let Some(d) = d {
                        dated = Some((Some(d), DateBasis::Relative));
                    }
                }
            }
            if dated.is_none() {
                let own = c.verb_group.and_then(|vg| attached.iter().find(|(_, v)| *v == vg).map(|(e, _)| *e));
                let pick = own.or_else(|| {
                    // The default applies unless it belongs to a later non-reporting verb.
                    let d = default?;
                    let e = &ex[d];
                    let before_trigger = e.span.start <= s.tokens.get(c.trigger.0).map(|t| t.start as usize).unwrap_or(0);
                    (default_rank >= 3
                        || before_trigger
                        || default_rank == 1
                        || vg_of_expr(s, e).is_some_and(|v| s.chunks[v].start < c.trigger.0))
                    .then_some(d)
                });
                if let Some(ei) = pick {
                    if let Some(a) = anchor {
                        if let Some((d, b)) = bede_time::resolve(&ex[ei].kind, a) {
                            dated = Some((Some(d), b));
                        }
                    } else if let TimeKind::Absolute { year: Some(y), month, day } = ex[ei].kind {
                        dated = Some((Some(PartialDate { year: y, month, day: month.and(day) }), DateBasis::Explicit));
                    }
                }
            }
            if let Some((Some(d), b)) = dated {
                if d.precision() == bede_core::DatePrecision::Day {
                    discourse = Some(d);
                }
                out[ci] = Some((Some(d), b));
            }
        }
    }
    // Later mentions of a dated event share its date ("Lavrov's talks with Cavusoglu").
    // The same event: the same root code between the same two actors, either way round
    // (an event without a source is no mention of anything).
    let keys: Vec<(String, String, String)> = cands.iter().map(identity).collect();
    let same_event = |i: usize| {
        let (a, b, root) = &keys[i];
        if a <= b {
            (a.as_str(), b.as_str(), root.as_str())
        } else {
            (b.as_str(), a.as_str(), root.as_str())
        }
    };
    // A later mention in the same sentence dated by its own words, for each candidate.
    let mut next_in_sentence: Vec<Option<usize>> = vec![None; cands.len()];
    let mut seen: HashMap<(usize, (&str, &str, &str)), usize> = HashMap::new();
    for i in (0..cands.len()).rev() {
        let key = (cands[i].sentence, same_event(i));
        next_in_sentence[i] = seen.get(&key).copied();
        if out[i].is_some() {
            seen.insert(key, i);
        }
    }
    // The most recent earlier mention dated by the text, not by the article.
    let mut latest: HashMap<(&str, &str, &str), usize> = HashMap::new();
    for i in 0..cands.len() {
        if out[i].is_none() && !keys[i].0.is_empty() {
            if let Some(j) = latest.get(&same_event(i)).copied().or(next_in_sentence[i]) {
                out[i] = out[j];
            }
        }
        if out[i].is_some_and(|d| d.1 != DateBasis::Published && d.1 != DateBasis::Dateline) {
            latest.insert(same_event(i), i);
        }
    }
    out.into_iter()
        .map(|d| {
            let d = d.unwrap_or_else(|| match (doc.dateline, doc.published) {
                (Some(dl), _) => (Some(dl), DateBasis::Dateline),
                (None, Some(p)) => (Some(PartialDate::from_date(p)), DateBasis::Published),
                (None, None) => (None, DateBasis::Unknown),
            });
            not_after_publication(d, doc.published)
        })
        .collect()
}

/// A report cannot tell of something that happened after it was published. A
/// date the text puts later (a plan: "will meet on December 5", "tomorrow",
/// "next month"; or a dateline ahead of the publication metadata) is not when
/// the reported event took place, so the event takes the publication date, on
/// that basis. A period that begins on or before the publication day ("this
/// year", "in November") stands.
fn not_after_publication(d: Dated, published: Option<NaiveDate>) -> Dated {
    match (d.0.and_then(|x| x.first_day()), published) {
        (Some(first), Some(p)) if first > p => (Some(PartialDate::from_date(p)), DateBasis::Published),
        _ => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{Coder, CoderOptions};

    #[test]
    fn later_mentions_share_the_first_date_over_a_long_article() {
        // 6,000 undated mentions after a dated one: each takes the date of the latest
        // dated mention of the same event (a map lookup; it was a scan back over every
        // earlier candidate).
        let coder = Coder::new(&CoderOptions::default()).expect("embedded dictionaries");
        let mut text = String::from("Lavrov met Cavusoglu on Monday. ");
        for k in 0..6_000 {
            text.push_str(if k % 2 == 0 { "Lavrov met Cavusoglu again. " } else { "Russia accused Ukraine of shelling. " });
        }
        let published = NaiveDate::from_ymd_opt(2020, 10, 15); // a Thursday
        let a = coder.analyse_text("t", &text, DocDates { published, dateline: None });
        let met: Vec<_> = a.events.iter().filter(|e| e.cameo.starts_with("04")).collect();
        assert!(met.len() > 3_000, "{} meetings", met.len());
        assert!(met.iter().all(|e| e.date.map(|d| d.to_string()).as_deref() == Some("2020-10-12")), "{:?}", met.last());
        assert!(met.iter().skip(1).all(|e| e.date_basis == DateBasis::WeekdayRelative));
        let accused = a.events.iter().filter(|e| e.cameo.starts_with("11")).count();
        assert_eq!(accused, 3_000);
        assert!(a.events.iter().filter(|e| e.cameo.starts_with("11")).all(|e| e.date_basis == DateBasis::Published));
    }

    #[test]
    fn no_event_is_dated_after_publication() {
        let coder = Coder::new(&CoderOptions::default()).expect("embedded dictionaries");
        let published = NaiveDate::from_ymd_opt(2020, 11, 20); // a Friday
        let dated = |text: &str, dateline: Option<PartialDate>| {
            let a = coder.analyse_text("t", text, DocDates { published, dateline });
            assert!(!a.events.is_empty(), "no event in {text:?}");
            a.events.iter().map(|e| (e.date.map(|d| d.to_string()).unwrap_or_default(), e.date_basis)).collect::<Vec<_>>()
        };
        let on_publication = ("2020-11-20".to_string(), DateBasis::Published);
        // Later than publication in the text: a plan, an offset forward, a later year.
        for text in [
            "Lavrov will meet Cavusoglu tomorrow.",
            "Lavrov will meet Cavusoglu next week.",
            "Lavrov met Cavusoglu on 25 November 2020.",
            "Lavrov met Cavusoglu in 2021.",
        ] {
            assert_eq!(dated(text, None), vec![on_publication.clone()], "{text}");
        }
        // An offset from the publication day itself: the second meeting would fall after it.
        let two = dated("Lavrov met Cavusoglu on Friday. Two days later, Lavrov met Cavusoglu in Ankara.", None);
        assert_eq!(two, vec![("2020-11-20".to_string(), DateBasis::WeekdayRelative), on_publication.clone()]);
        // A dateline ahead of the publication date.
        let ahead = PartialDate::parse("2020-11-21");
        assert_eq!(dated("Lavrov met Cavusoglu.", ahead), vec![on_publication.clone()]);
        // Earlier dates and periods that begin before publication stand.
        assert_eq!(dated("Lavrov met Cavusoglu on 18 November 2020.", None), vec![("2020-11-18".to_string(), DateBasis::Explicit)]);
        assert_eq!(dated("Lavrov met Cavusoglu in November 2020.", None), vec![("2020-11".to_string(), DateBasis::Explicit)]);
        assert_eq!(dated("Lavrov met Cavusoglu in 1992.", None), vec![("1992".to_string(), DateBasis::Explicit)]);
    }
}
