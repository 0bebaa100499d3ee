//! Golden tests on our own news-style sentences (tests/golden/sentences.jsonl):
//! each expected event (source and target country or IGO prefix, CAMEO code
//! prefix, negation) must be among what `bede code` writes.

mod common;
use common::*;
use serde_json::Value;

#[test]
fn golden_sentences_are_coded() {
    let gold = repo().join("tests/golden/sentences.jsonl");
    let out = run(bede().args(["code", "--quiet"]).arg(&gold));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let evs = events(&out);
    let mut failures = Vec::new();
    let mut total = 0;
    for line in std::fs::read_to_string(&gold).unwrap().lines() {
        let rec: Value = serde_json::from_str(line).unwrap();
        let id = rec["id"].as_str().unwrap();
        for want in rec["expected"].as_array().unwrap() {
            total += 1;
            let src = want["source"].as_str().unwrap();
            let tgt = want["target"].as_str();
            let root = want["root"].as_str().unwrap();
            let neg = want["negated"].as_bool().unwrap_or(false);
            let side_ok = |a: &Value, want: &str| a["code"].as_str().unwrap_or("").starts_with(want) || a["country"].as_str() == Some(want);
            let hit = evs.iter().any(|e| {
                e["doc_id"] == id
                    && side_ok(&e["source"], src)
                    && match tgt {
                        Some(t) => !e["target"].is_null() && side_ok(&e["target"], t),
                        None => true,
                    }
                    && e["cameo"].as_str().unwrap_or("").starts_with(root)
                    && e["negated"].as_bool() == Some(neg)
            });
            if !hit {
                let got: Vec<String> = evs
                    .iter()
                    .filter(|e| e["doc_id"] == id)
                    .map(|e| {
                        format!(
                            "{}->{} {}{}",
                            e["source"]["code"],
                            e["target"]["code"],
                            e["cameo"],
                            if e["negated"] == true { " negated" } else { "" }
                        )
                    })
                    .collect();
                failures.push(format!("{id}: want {src}->{tgt:?} {root}* negated={neg}; got {got:?}: {}", rec["text"]));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {total} golden events missing:\n{}", failures.len(), failures.join("\n"));
}
