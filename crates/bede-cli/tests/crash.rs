//! Crash safety of `bede ingest`: kill it (SIGKILL, `Child::kill`) at random
//! points, check the database holds only whole articles, re-run it, and check
//! the result equals a clean ingest.
//!
//! The input is generated at test time from the seed articles (distinct ids,
//! outlets and a trailing line so each copy has its own content hash), in a
//! temporary directory. Kill delays come from a seeded generator: set
//! `BEDE_CRASH_SEED` to reproduce a run, `BEDE_CRASH_RUNS` to change the count.

mod common;

use bede_store::Store;
use common::{bede, shared};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Stdio;
use std::time::Instant;

/// Copies of each seed article in the generated input.
const COPIES: usize = 8;
/// Articles per transaction: small, so a run commits many times and a kill
/// lands between commits as well as inside them.
const BATCH: &str = "3";

/// splitmix64: a small, seedable generator (the test must be reproducible and
/// needs no dependency for this).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn generate_input(path: &Path) -> usize {
    let seeds = std::fs::read_to_string(shared().join("seeds/seeds.jsonl")).expect("read seeds");
    let mut out = String::new();
    let mut n = 0;
    for copy in 0..COPIES {
        for line in seeds.lines().filter(|l| !l.trim().is_empty()) {
            let mut v: serde_json::Value = serde_json::from_str(line).expect("seed JSON");
            let id = format!("crash-{copy}-{}", v["id"].as_str().unwrap());
            v["id"] = id.clone().into();
            v["outlet"] = format!("outlet {}", copy % 3).into();
            let text = format!("{}\n\nFiled as {id}.", v["text"].as_str().unwrap());
            v["text"] = text.into();
            out.push_str(&v.to_string());
            out.push('\n');
            n += 1;
        }
    }
    std::fs::write(path, out).unwrap();
    n
}

fn ingest_cmd(input: &Path, db: &Path) -> std::process::Command {
    let mut c = bede();
    c.args(["ingest", "-q", "--threads", "2", "--batch", BATCH, "--db"]).arg(db).arg(input);
    c
}

/// A cluster as compared: id, source key, target key, root, mentions,
/// sources, articles, first and last day.
type ClusterRow = (i64, String, String, String, i64, i64, i64, Option<i64>, Option<i64>);

/// Everything a clean ingest determines: articles with their sentence count
/// and event ids, each event's cluster, and each cluster's key and counts.
#[derive(Debug, PartialEq)]
struct Snapshot {
    articles: BTreeMap<String, (i64, BTreeSet<String>)>,
    event_cluster: BTreeMap<String, i64>,
    clusters: Vec<ClusterRow>,
}

fn snapshot(s: &Store) -> Snapshot {
    let c = s.conn();
    let mut articles: BTreeMap<String, (i64, BTreeSet<String>)> = BTreeMap::new();
    let mut st = c.prepare("SELECT doc_id, (SELECT count(*) FROM sentences WHERE article = a.id) FROM articles a").unwrap();
    for r in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).unwrap() {
        let (doc, n) = r.unwrap();
        articles.insert(doc, (n, BTreeSet::new()));
    }
    let mut event_cluster = BTreeMap::new();
    let mut st = c.prepare("SELECT a.doc_id, e.event_id, e.cluster FROM events e JOIN articles a ON a.id = e.article").unwrap();
    for r in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))).unwrap() {
        let (doc, id, cluster) = r.unwrap();
        articles.get_mut(&doc).unwrap().1.insert(id.clone());
        event_cluster.insert(id, cluster);
    }
    let clusters = c
        .prepare(
            "SELECT id, source_key, target_key, root, num_mentions, num_sources, num_articles, day_min, day_max
             FROM clusters ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    Snapshot { articles, event_cluster, clusters }
}

/// What must hold after any crash: no orphan rows, every stored article
/// whole (its sentences and exactly the events the clean ingest gives it),
/// every cluster's counts equal to its mentions.
fn check_whole(s: &Store, reference: &Snapshot, run: usize) {
    let c = s.conn();
    let count = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM events WHERE article NOT IN (SELECT id FROM articles)"), 0, "run {run}: orphan events");
    assert_eq!(count("SELECT count(*) FROM events WHERE cluster NOT IN (SELECT id FROM clusters)"), 0, "run {run}: events without cluster");
    assert_eq!(
        count(
            "SELECT count(*) FROM clusters c WHERE num_mentions = 0
               OR num_mentions != (SELECT count(*) FROM events WHERE cluster = c.id)
               OR num_articles != (SELECT count(DISTINCT article) FROM events WHERE cluster = c.id)"
        ),
        0,
        "run {run}: cluster counts disagree with their mentions"
    );
    let snap = snapshot(s);
    for (doc, (sentences, events)) in &snap.articles {
        let (want_sentences, want_events) = reference.articles.get(doc).unwrap_or_else(|| panic!("run {run}: unknown article {doc}"));
        assert_eq!(sentences, want_sentences, "run {run}: article {doc} has {sentences} of {want_sentences} sentences");
        assert_eq!(events, want_events, "run {run}: article {doc} is not whole");
    }
}

#[test]
fn killed_ingest_leaves_whole_articles_and_a_rerun_completes_it() {
    let runs: usize = std::env::var("BEDE_CRASH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    let seed: u64 = std::env::var("BEDE_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0xBEDE);
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("articles.jsonl");
    let n_articles = generate_input(&input);

    let ref_db = dir.path().join("reference.db");
    let started = Instant::now();
    let out = ingest_cmd(&input, &ref_db).output().unwrap();
    let clean_time = started.elapsed();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let reference = snapshot(&Store::open_read_only(&ref_db).unwrap());
    assert_eq!(reference.articles.len(), n_articles);
    assert!(reference.event_cluster.len() > n_articles, "the input must code to events");

    // Start-up alone (dictionaries, opening the store): an empty input.
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let started = Instant::now();
    let out = ingest_cmd(&empty, &dir.path().join("empty.db")).output().unwrap();
    let startup = started.elapsed().min(clean_time);
    assert_eq!(out.status.code(), Some(0));

    let (mut before_any, mut mid_way, mut finished) = (0, 0, 0);
    for run in 0..runs {
        let db = dir.path().join(format!("run{run}.db"));
        // Mostly while articles are being stored, sometimes during start-up
        // (dictionaries loading, the store being created) or after the end.
        let from = startup.mul_f64(0.8);
        let delay = from + (clean_time - from).mul_f64(rng.unit() * 1.05);
        let mut child = ingest_cmd(&input, &db).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(delay);
        let exited_by_itself = child.try_wait().unwrap().is_some();
        child.kill().ok(); // SIGKILL on Unix; an error only means it had already exited
        child.wait().unwrap();

        let stored = match Store::open_read_only(&db) {
            Ok(s) => {
                check_whole(&s, &reference, run);
                s.counts().unwrap().0 as usize
            }
            // Killed before the store's schema was committed: nothing to check.
            Err(bede_store::StoreError::Missing { .. }) => 0,
            Err(e) => panic!("run {run}: the database does not open after a kill at {delay:?}: {e}"),
        };
        match stored {
            0 => before_any += 1,
            n if n < n_articles => mid_way += 1,
            _ => finished += 1,
        }
        if exited_by_itself {
            assert_eq!(stored, n_articles, "run {run}: exited before the kill but is incomplete");
        }

        let out = ingest_cmd(&input, &db).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "run {run}: re-run failed: {}", String::from_utf8_lossy(&out.stderr));
        let after = snapshot(&Store::open_read_only(&db).unwrap());
        assert_eq!(after, reference, "run {run} (killed after {delay:?}, {stored} articles stored) differs from a clean ingest");
        std::fs::remove_file(&db).ok();
    }
    eprintln!(
        "crash test: {runs} runs (seed {seed}), clean ingest {clean_time:?}: killed before any commit {before_any}, \
         mid-way {mid_way}, after the end {finished}"
    );
    // A good share of kills must land mid-ingest, or this test tests nothing
    // (typically 12-14 of 20; timing on a loaded machine varies).
    assert!(mid_way * 4 >= runs, "only {mid_way} of {runs} kills landed mid-ingest");
}
