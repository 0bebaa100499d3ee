//! PETRARCH's (and TABARI's) comma options: comma-delimited clauses of a given
//! length are removed before coding, so that asides ("..., a senior official said
//! on Saturday.") do not supply actors. PETRARCH applies them to its parse tree;
//! Bede applies them to the text of a validation record, counting words.
//!
//! Options (PETRARCH's `PETR_config.ini`; a maximum of 0 turns a rule off):
//! - `comma_min`/`comma_max`: a clause between two commas;
//! - `comma_bmin`/`comma_bmax`: the clause before the first comma;
//! - `comma_emin`/`comma_emax`: the clause after the last comma.

use std::collections::BTreeMap;

/// Clause lengths (in words) for each position; `max == 0` disables a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommaOptions {
    pub min: usize,
    pub max: usize,
    pub bmin: usize,
    pub bmax: usize,
    pub emin: usize,
    pub emax: usize,
}

impl Default for CommaOptions {
    /// PETRARCH's defaults.
    fn default() -> Self {
        CommaOptions { min: 2, max: 8, bmin: 0, bmax: 0, emin: 2, emax: 8 }
    }
}

impl CommaOptions {
    /// Read the `comma_*` options of a record's configuration (other keys ignored);
    /// values that are not numbers keep the default and are reported.
    pub fn from_config(config: &BTreeMap<String, String>) -> (CommaOptions, Vec<String>) {
        let mut o = CommaOptions::default();
        let mut bad = Vec::new();
        for (k, v) in config {
            let slot = match k.as_str() {
                "comma_min" => &mut o.min,
                "comma_max" => &mut o.max,
                "comma_bmin" => &mut o.bmin,
                "comma_bmax" => &mut o.bmax,
                "comma_emin" => &mut o.emin,
                "comma_emax" => &mut o.emax,
                _ => continue,
            };
            match v.trim().parse() {
                Ok(n) => *slot = n,
                Err(_) => bad.push(format!("{k} = {v:?} is not a number")),
            }
        }
        (o, bad)
    }

    fn fits(len: usize, min: usize, max: usize) -> bool {
        max > 0 && min <= len && len <= max
    }
}

fn words(s: &str) -> usize {
    s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// The text with the clauses the options remove taken out.
pub fn remove_clauses(text: &str, o: &CommaOptions) -> String {
    let commas: Vec<usize> = text.match_indices(',').map(|(i, _)| i).collect();
    if commas.is_empty() {
        return text.to_string();
    }
    // Byte ranges to drop; each range starts at a comma (or the text start).
    let mut drop: Vec<(usize, usize)> = Vec::new();
    let last = *commas.last().unwrap_or(&0);
    let body_end = text.trim_end().trim_end_matches(['.', '!', '?', '"', '\'']).len().max(last + 1);
    // An aside is shorter than the clause it leaves: with a single comma, only the
    // shorter side can go.
    let first = commas[0];
    let (head, tail) = (words(&text[..first]), words(&text[last + 1..body_end]));
    let single = commas.len() == 1;
    if CommaOptions::fits(tail, o.emin, o.emax) && !(single && tail >= head) {
        drop.push((last, body_end));
    }
    if CommaOptions::fits(head, o.bmin, o.bmax) && !(single && head >= tail) {
        drop.push((0, first + 1));
    }
    for w in commas.windows(2) {
        let (a, b) = (w[0], w[1]);
        if CommaOptions::fits(words(&text[a + 1..b]), o.min, o.max) {
            drop.push((a, b));
        }
    }
    drop.sort();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e) in drop {
        if s >= at {
            out.push_str(&text[at..s]);
            at = e;
        } else if e > at {
            at = e;
        }
    }
    out.push_str(&text[at.min(text.len())..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_terminal_and_internal_asides() {
        let o = CommaOptions::default();
        let t = "Valdora will reopen its border with Kestria, a few weeks after the floods, a spokesman said on Monday.";
        assert_eq!(remove_clauses(t, &o), "Valdora will reopen its border with Kestria.");
    }

    #[test]
    fn long_clauses_and_disabled_rules_stay() {
        let t = "Valdora will reopen its border, almost exactly five full years after the great floods hit its towns, a spokesman said.";
        let o = CommaOptions { max: 6, emax: 0, ..CommaOptions::default() };
        assert_eq!(remove_clauses(t, &o), t);
        let o = CommaOptions::default();
        assert_eq!(remove_clauses("No commas here.", &o), "No commas here.");
    }

    #[test]
    fn initial_clause_only_when_enabled() {
        let t = "On Monday, Valdora reopened its border.";
        assert_eq!(remove_clauses(t, &CommaOptions::default()), t);
        let o = CommaOptions { bmin: 1, bmax: 3, ..CommaOptions::default() };
        assert_eq!(remove_clauses(t, &o), " Valdora reopened its border.");
    }

    #[test]
    fn reads_config() {
        let mut c = BTreeMap::new();
        c.insert("comma_max".to_string(), "6".to_string());
        c.insert("comma_emax".to_string(), "x".to_string());
        c.insert("require_dyad".to_string(), "true".to_string());
        let (o, bad) = CommaOptions::from_config(&c);
        assert_eq!(o.max, 6);
        assert_eq!(o.emax, 8);
        assert_eq!(bad.len(), 1);
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in [",", ",,", "a,", ",a", "é, ü, ö.", " , . ", "x,\u{200b},y"] {
            let _ = remove_clauses(t, &CommaOptions { bmin: 0, bmax: 5, ..CommaOptions::default() });
        }
    }
}
