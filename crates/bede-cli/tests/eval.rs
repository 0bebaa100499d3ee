//! `bede eval` through the CLI, with a tiny dictionary of invented countries so the
//! coder's output (and therefore every score) can be worked out by hand.

mod common;
use common::*;
use std::path::Path;

const ACTORS: &str = "country FRA \"Fraland\"\n  names: Fraland\n\ncountry DEU \"Deuland\"\n  names: Deuland\n";
const VERBS: &str = "== praise  [051]\n\n== attack  [190]\n";

/// Write the dictionaries; returns the flags that select them.
fn dicts(dir: &Path) -> Vec<String> {
    let (a, v) = (dir.join("actors"), dir.join("verbs"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&v).unwrap();
    std::fs::write(a.join("test.txt"), ACTORS).unwrap();
    std::fs::write(v.join("test.txt"), VERBS).unwrap();
    ["--no-default-dicts", "--actors", a.to_str().unwrap(), "--verbs", v.to_str().unwrap()].map(String::from).to_vec()
}

fn level<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["events"]["levels"].as_array().unwrap().iter().find(|l| l["level"] == name).unwrap()
}

fn close(x: &serde_json::Value, want: f64) -> bool {
    (x.as_f64().unwrap() - want).abs() < 1e-9
}

#[test]
fn scores_computed_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    // Predictions (one event per text): r1 FRA DEU 051 (right), r2 DEU FRA 190 (right
    // root, wrong code), r3 FRA DEU 051 (nothing expected), r4 nothing (one expected).
    std::fs::write(
        &gold,
        [
            r#"{"id": "r1", "text": "Fraland praised Deuland.", "published": "2021-03-04", "expected": [{"source": "FRA", "target": "DEU", "code": "051"}]}"#,
            r#"{"id": "r2", "text": "Deuland attacked Fraland.", "published": "20210304", "expected": [{"source": "DEU", "target": "FRA", "code": "193"}]}"#,
            r#"{"id": "r3", "text": "Fraland praised Deuland.", "expected": []}"#,
            r#"{"id": "r4", "text": "The weather was fine.", "expected": [{"source": "FRA", "target": null, "code": "040"}]}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let out = run(bede().arg("eval").arg(&gold).arg("--json").args(dicts(dir.path())));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["records"], 4);
    assert_eq!(v["events"]["exact"], 1);
    // code: tp 1 (r1), fp 2 (r2, r3), fn 2 (r2, r4): P = R = F1 = 1/3.
    let code = level(&v, "code");
    assert_eq!((&code["tp"], &code["fp"], &code["fn"]), (&1.into(), &2.into(), &2.into()), "{code}");
    assert!(close(&code["precision"], 1.0 / 3.0) && close(&code["recall"], 1.0 / 3.0) && close(&code["f1"], 1.0 / 3.0));
    // root and dyad: r2 now matches: tp 2, fp 1, fn 1: P = R = F1 = 2/3.
    for name in ["root", "dyad"] {
        let l = level(&v, name);
        assert_eq!((&l["tp"], &l["fp"], &l["fn"]), (&2.into(), &1.into(), &1.into()), "{name}: {l}");
        assert!(close(&l["precision"], 2.0 / 3.0) && close(&l["recall"], 2.0 / 3.0) && close(&l["f1"], 2.0 / 3.0), "{l}");
    }
    assert!(v["coarse"].is_null());

    // The text report shows the same numbers.
    let out = run(bede().arg("eval").arg(&gold).args(dicts(dir.path())));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("records 4, exact 1 (25.0%)"), "{text}");
    assert!(text.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["code", "1", "2", "2", "0.333", "0.333", "0.333"]), "{text}");
}

#[test]
fn coarse_labels_from_tsv() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("train.tsv");
    std::fs::write(&gold, "Fraland praised Deuland.\t1\r\nDeuland attacked Fraland.\t3\r\nThe weather was fine.\t0\r\n").unwrap();
    let out = run(bede().arg("eval").arg(&gold).arg("--json").args(dicts(dir.path())));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &v["coarse"];
    assert_eq!((&c["sentences"], &c["covered"]), (&3.into(), &2.into()));
    // 051 is class 1 (right); 190 is class 4 (gold 3: wrong); the third has no event.
    assert!(close(&c["accuracy_covered"], 0.5) && close(&c["accuracy_overall"], 1.0 / 3.0), "{c}");
    assert_eq!(c["confusion"][3], serde_json::json!([0, 0, 0, 0, 1, 0]));
    assert_eq!(c["confusion"][0], serde_json::json!([0, 0, 0, 0, 0, 1]));
    assert!(v["events"].is_null());
}

#[test]
fn bad_gold_line_is_exit_2_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        "{\"id\": \"a\", \"text\": \"x\", \"expected\": []}\n{\"id\": \"b\", \"text\": \"y\", \"expected\": [{\"source\": \"A\"}]}\n",
    )
    .unwrap();
    let out = run(bede().arg("eval").arg(&gold).args(dicts(dir.path())));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("gold.jsonl:2:") && err.contains("code"), "{err}");

    let out = run(bede().arg("eval").arg(dir.path().join("missing.jsonl")));
    assert_eq!(out.status.code(), Some(2));
}
