//! Agreement of our lemmatizer with the LEMMA column of UD English EWT for
//! verbs and nouns, given the gold XPOS, measured at test time (the treebank
//! is read from the shared data folder, never copied). Compared in lower
//! case. Plural nouns we deliberately keep (`talks`, `forces`, `politics`
//! ...) are counted apart, since there we differ from EWT on purpose.
//! Skipped with a message when the data is absent.
//!
//! `BEDE_LEMMA_DIFF=1` prints the disagreements; `BEDE_LEMMA_FILE` picks
//! another EWT file (default: the dev set).

use bede_nlp::lemma::lemma;
use bede_nlp::tags::Xpos;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[test]
fn agreement_with_ewt_lemmas() {
    let file = std::env::var("BEDE_LEMMA_FILE").unwrap_or_else(|_| "en_ewt-ud-dev.conllu".into());
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud_english_ewt").join(&file);
    let Ok(data) = std::fs::read_to_string(&p) else {
        eprintln!("skipping: {} not found", p.display());
        return;
    };
    let mut stats: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut kept = 0usize;
    let mut diffs: BTreeMap<String, usize> = BTreeMap::new();
    for line in data.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let Some(x) = Xpos::parse(cols[4]) else {
            continue;
        };
        let group = match x {
            Xpos::Vb | Xpos::Vbd | Xpos::Vbg | Xpos::Vbn | Xpos::Vbp | Xpos::Vbz => "verbs",
            Xpos::Nn | Xpos::Nns => "common nouns",
            Xpos::Nnp | Xpos::Nnps => "proper nouns",
            _ => continue,
        };
        let ours = lemma(cols[1], x);
        let gold = cols[2].to_lowercase();
        if ours != gold && ours == cols[1].to_lowercase() && matches!(x, Xpos::Nns | Xpos::Nnps) && ours.ends_with('s') {
            // A plural we keep on purpose (or cannot tell from a singular).
            kept += 1;
            *diffs.entry(format!("KEPT {} {} → {} (EWT {})", x, cols[1], ours, gold)).or_default() += 1;
            continue;
        }
        let e = stats.entry(group).or_default();
        e.1 += 1;
        if ours == gold {
            e.0 += 1;
        } else {
            *diffs.entry(format!("{} {} → {} (EWT {})", x, cols[1], ours, gold)).or_default() += 1;
        }
    }
    if std::env::var_os("BEDE_LEMMA_DIFF").is_some() {
        let mut v: Vec<_> = diffs.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1));
        for (d, n) in v {
            println!("{n:4} {d}");
        }
    }
    for (g, (ok, n)) in &stats {
        println!("EWT {file} lemma agreement, {g}: {ok}/{n} = {:.4}", *ok as f64 / *n as f64);
    }
    println!("plural nouns kept on purpose or unknowable (not counted): {kept}");
    let (ok, n) = stats.get("verbs").copied().unwrap_or((0, 1));
    assert!(ok as f64 / n as f64 > 0.97, "verb lemma agreement {ok}/{n}");
    let (ok, n) = stats.get("common nouns").copied().unwrap_or((0, 1));
    assert!(ok as f64 / n as f64 > 0.97, "common noun lemma agreement {ok}/{n}");
}
