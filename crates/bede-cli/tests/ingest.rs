//! `bede ingest` through the CLI: idempotency on the seeds, one cluster for
//! one meeting reported by two outlets, replacement of a changed article, and
//! bad input.

mod common;

use bede_store::Store;
use common::{bede, run, shared};
use std::collections::BTreeSet;
use std::path::Path;

fn ingest(db: &Path, inputs: &[&Path]) -> std::process::Output {
    let out = run(bede().arg("ingest").arg("--db").arg(db).args(inputs));
    eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    out
}

fn strings(s: &Store, sql: &str) -> Vec<String> {
    let mut st = s.conn().prepare(sql).unwrap();
    st.query_map([], |r| r.get::<_, String>(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn ingesting_the_seeds_twice_stores_each_article_and_event_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    let seeds = shared().join("seeds/seeds.jsonl");

    let first = ingest(&db, &[&seeds]);
    assert_eq!(first.status.code(), Some(0));
    let s = Store::open_read_only(&db).unwrap();
    let counts = s.counts().unwrap();
    let ids = strings(&s, "SELECT event_id FROM events ORDER BY event_id");
    drop(s);
    assert_eq!(counts.0, 5);
    assert!(counts.1 > 20 && counts.2 > 0, "{counts:?}");

    // What is stored is what `bede code` codes (each distinct event id once).
    let coded = run(bede().arg("code").arg(&seeds));
    let coded: BTreeSet<String> = common::events(&coded).iter().map(|e| e["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.iter().cloned().collect::<BTreeSet<_>>(), coded);

    let second = ingest(&db, &[&seeds]);
    assert_eq!(second.status.code(), Some(0));
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.contains("0 added, 0 replaced, 5 unchanged; 0 events stored"), "{err}");
    let s = Store::open_read_only(&db).unwrap();
    assert_eq!(s.counts().unwrap(), counts);
    assert_eq!(strings(&s, "SELECT event_id FROM events ORDER BY event_id"), ids);
}

/// Two outlets report the same meeting of the Turkish and Russian foreign
/// ministers, dated differently (a weekday against the publication date, an
/// explicit date): one cluster, two mentions, two sources, two articles.
const TWO_OUTLETS: &str = r#"{"id": "aa-1", "outlet": "Anadolu Agency", "published": "2020-07-24", "text": "ANKARA\n\nTurkish Foreign Minister Mevlut Cavusoglu met his Russian counterpart Sergey Lavrov in Moscow on Thursday, the ministry said."}
{"id": "tass-7", "outlet": "TASS", "published": "2020-07-23", "text": "MOSCOW\n\nTurkish Foreign Minister Mevlut Cavusoglu held talks with Russian Foreign Minister Sergey Lavrov in Moscow on July 23, the Russian Foreign Ministry said."}
"#;

#[test]
fn one_meeting_from_two_outlets_is_one_cluster_with_two_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("two.jsonl");
    std::fs::write(&input, TWO_OUTLETS).unwrap();
    let db = dir.path().join("two.db");
    assert_eq!(ingest(&db, &[&input]).status.code(), Some(0));

    let s = Store::open_read_only(&db).unwrap();
    let rows: Vec<(String, String, String, i64, i64, i64, String)> = s
        .conn()
        .prepare("SELECT source_key, target_key, root, num_mentions, num_sources, num_articles, date FROM clusters")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows, vec![("TURGOV".into(), "RUSGOV".into(), "04".into(), 2, 2, 2, "2020-07-23".into())]);
    // Each mention keeps its own evidence.
    let evidence = strings(&s, "SELECT evidence FROM events ORDER BY id");
    assert_eq!(evidence.len(), 2);
    assert!(evidence[0].contains("met his Russian counterpart") && evidence[1].contains("held talks"), "{evidence:?}");
}

#[test]
fn a_changed_article_replaces_its_events() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = dir.path().join("v1.jsonl");
    std::fs::write(&v1, TWO_OUTLETS).unwrap();
    let v2 = dir.path().join("v2.jsonl");
    std::fs::write(
        &v2,
        r#"{"id": "aa-1", "outlet": "Anadolu Agency", "published": "2020-07-24", "text": "ANKARA\n\nTurkey accused Armenia of attacking civilians on Thursday, the ministry said."}
"#,
    )
    .unwrap();
    let db = dir.path().join("r.db");
    assert_eq!(ingest(&db, &[&v1]).status.code(), Some(0));
    let out = ingest(&db, &[&v2]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 added, 1 replaced, 0 unchanged"));

    let s = Store::open_read_only(&db).unwrap();
    let aa = strings(&s, "SELECT e.cameo FROM events e JOIN articles a ON a.id = e.article WHERE a.doc_id = 'aa-1' ORDER BY e.id");
    assert!(!aa.is_empty() && aa.iter().all(|c| c.starts_with("11")), "aa-1 now holds only the accusation: {aa:?}");
    let text: String = s.conn().query_row("SELECT text FROM articles WHERE doc_id = 'aa-1'", [], |r| r.get(0)).unwrap();
    assert!(text.contains("accused Armenia"));
    // The meeting cluster lost aa-1's mention and keeps TASS's.
    let meeting: (i64, i64, i64) = s
        .conn()
        .query_row("SELECT num_mentions, num_sources, num_articles FROM clusters WHERE root = '04'", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(meeting, (1, 1, 1));
    assert_eq!(s.counts().unwrap().0, 2);
}

#[test]
fn bad_records_are_reported_skipped_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("mixed.jsonl");
    let good = TWO_OUTLETS.lines().next().unwrap();
    std::fs::write(&input, format!("{good}\n{{\"id\": \"x\", \"text\": \n{{\"id\": \"y\"}}\n")).unwrap();
    let db = dir.path().join("m.db");
    let out = ingest(&db, &[&input]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mixed.jsonl:2:") && err.contains("mixed.jsonl:3:"), "{err}");
    assert_eq!(Store::open_read_only(&db).unwrap().counts().unwrap().0, 1, "the good record is stored");

    // --strict stops at the first bad record; what came before it is stored.
    let db2 = dir.path().join("strict.db");
    let out = run(bede().args(["ingest", "--strict", "--db"]).arg(&db2).arg(&input));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mixed.jsonl:2:") && !err.contains("mixed.jsonl:3:"), "{err}");
    assert_eq!(Store::open_read_only(&db2).unwrap().counts().unwrap().0, 1);
}

#[test]
fn a_database_that_is_not_ours_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("one.jsonl");
    std::fs::write(&input, TWO_OUTLETS).unwrap();
    let notes = dir.path().join("notes.txt");
    let content = "not a database at all, just some notes that happen to be long enough\n".repeat(4);
    std::fs::write(&notes, &content).unwrap();
    let out = ingest(&notes, &[&input]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("notes.txt") && err.contains("not a SQLite database"), "{err}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), content, "the file is left alone");

    let out = ingest(&dir.path().join("x.db"), &[&dir.path().join("missing.jsonl")]);
    assert_eq!(out.status.code(), Some(2));
}

/// Articles already stored are skipped before coding, but only when nothing
/// read earlier in the same run (perhaps not yet committed) concerns them:
/// an input that changes an article and then changes it back, or that moves a
/// text from one id to another, must end as if every record were applied in order.
#[test]
fn records_apply_in_input_order_even_when_earlier_ones_are_uncommitted() {
    let dir = tempfile::tempdir().unwrap();
    let line = |id: &str, text: &str| serde_json::json!({"id": id, "published": "2020-07-24", "text": text}).to_string() + "\n";
    let t0 = "Turkish Foreign Minister Mevlut Cavusoglu met his Russian counterpart Sergey Lavrov in Moscow on Thursday.";
    let t1 = "Turkey accused Armenia of attacking civilians on Thursday.";
    let first = dir.path().join("first.jsonl");
    std::fs::write(&first, line("x", t0)).unwrap();
    let second = dir.path().join("second.jsonl");
    std::fs::write(&second, line("x", t1) + &line("x", t0) + &line("y", t1) + &line("x", t1) + &line("z", t0)).unwrap();
    for batch in ["1", "5"] {
        let db = dir.path().join(format!("order{batch}.db"));
        assert_eq!(ingest(&db, &[&first]).status.code(), Some(0));
        let out = run(bede().args(["ingest", "--batch", batch, "--db"]).arg(&db).arg(&second));
        assert_eq!(out.status.code(), Some(0));
        let err = String::from_utf8_lossy(&out.stderr);
        // x: t0 → t1 → t0 (2 replaced); y: t1 is nobody's text by then (added,
        // though a committed x held it a moment before); x: → t1 (replaced); z: t0
        // is nobody's text any more (added, though the store held it under x
        // when the run began). Skipping by what is committed would get y or z wrong.
        assert!(err.contains("2 added, 3 replaced, 0 unchanged"), "batch {batch}: {err}");
        let s = Store::open_read_only(&db).unwrap();
        assert_eq!(
            strings(&s, "SELECT doc_id || ':' || substr(text, 1, 6) FROM articles ORDER BY doc_id"),
            vec!["x:Turkey", "y:Turkey", "z:Turkis"]
        );
    }
}
