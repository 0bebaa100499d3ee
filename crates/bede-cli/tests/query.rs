//! `bede query` and `bede export` through the CLI, on the seed articles.
//!
//! Expected values come from `bede code` on the same seeds (the events the
//! store must hold), never from numbers written here: a dyad's monthly
//! mention counts are recomputed from the coded events, and cluster counts
//! are checked against the mentions the clusters hold.

mod common;

use common::{bede, run, shared};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;

struct Seeds {
    _dir: tempfile::TempDir,
    db: PathBuf,
    /// What `bede code` codes from the seeds, each event id once (as stored).
    coded: Vec<Value>,
}

fn seeds() -> Seeds {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    let input = shared().join("seeds/seeds.jsonl");
    let out = run(bede().arg("ingest").arg("--db").arg(&db).arg(&input));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut seen = BTreeSet::new();
    let coded = common::events(&run(bede().arg("code").arg(&input)))
        .into_iter()
        .filter(|e| seen.insert(e["id"].as_str().unwrap().to_string()))
        .collect();
    Seeds { _dir: dir, db, coded }
}

impl Seeds {
    fn query(&self, args: &[&str]) -> Output {
        run(bede().arg("query").arg("--db").arg(&self.db).args(args))
    }

    /// stdout of a query that must succeed.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.query(args);
        assert_eq!(out.status.code(), Some(0), "bede query {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn count(&self, args: &[&str]) -> u64 {
        let mut a = args.to_vec();
        a.push("--count");
        self.ok(&a).trim().parse().unwrap()
    }

    /// Coded events that are not negated and satisfy `keep`.
    fn coded_where(&self, keep: impl Fn(&Value) -> bool) -> Vec<&Value> {
        self.coded.iter().filter(|e| e["negated"] == false && keep(e)).collect()
    }
}

fn country(e: &Value, side: &str) -> Option<String> {
    e[side]["country"].as_str().map(str::to_string)
}

fn is_dyad(e: &Value, a: &str, b: &str, directed: bool) -> bool {
    let (s, t) = (country(e, "source"), country(e, "target"));
    let fwd = s.as_deref() == Some(a) && t.as_deref() == Some(b);
    let back = s.as_deref() == Some(b) && t.as_deref() == Some(a);
    fwd || (!directed && back)
}

/// Parse the series CSV: period -> (counts per QuadClass, total).
fn series_csv(csv: &str) -> BTreeMap<String, ([u64; 4], u64)> {
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("period,start,verbal_cooperation,material_cooperation,verbal_conflict,material_conflict,total,goldstein")
    );
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let n = |i: usize| f[i].parse::<u64>().unwrap();
            (f[0].to_string(), ([n(2), n(3), n(4), n(5)], n(6)))
        })
        .collect()
}

/// Expected monthly series of `events`: per `YYYY-MM` of a month- or day-precision date.
fn monthly(events: &[&Value]) -> BTreeMap<String, ([u64; 4], u64)> {
    let mut m: BTreeMap<String, ([u64; 4], u64)> = BTreeMap::new();
    for e in events {
        let Some(date) = e["date"].as_str().filter(|d| d.len() >= 7) else { continue };
        let slot = m.entry(date[..7].to_string()).or_default();
        slot.0[e["quad_class"].as_u64().unwrap() as usize - 1] += 1;
        slot.1 += 1;
    }
    m
}

/// The series without its zero-filled gap periods.
fn nonzero(s: BTreeMap<String, ([u64; 4], u64)>) -> BTreeMap<String, ([u64; 4], u64)> {
    s.into_iter().filter(|(_, v)| v.1 > 0).collect()
}

#[test]
fn dyad_series_by_month_counts_the_coded_mentions() {
    let s = seeds();
    for directed in [false, true] {
        let expected = monthly(&s.coded_where(|e| is_dyad(e, "RUS", "TUR", directed)));
        assert!(expected.len() >= 3, "the seeds hold RUS-TUR events in several months: {expected:?}");
        let mut args = vec!["--dyad", "RUS-TUR", "--by", "month", "--mentions", "--format", "csv"];
        if directed {
            args.push("--directed");
        }
        let got = series_csv(&s.ok(&args));
        assert_eq!(nonzero(got.clone()), expected, "directed: {directed}");
        // Every month between the first and the last is a row, empty ones at zero.
        assert_eq!(got.keys().next(), expected.keys().next());
        assert_eq!(got.keys().next_back(), expected.keys().next_back());
    }
}

#[test]
fn dyad_series_by_month_counts_each_cluster_once_at_its_representative_date() {
    let s = seeds();
    let clusters: Vec<Value> =
        s.ok(&["--dyad", "RUS-TUR", "--format", "json", "--limit", "10000"]).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    // The clusters hold exactly the coded RUS-TUR mentions, each once.
    let mentions = s.coded_where(|e| is_dyad(e, "RUS", "TUR", false));
    let held: u64 = clusters.iter().map(|c| c["cluster"]["num_mentions"].as_u64().unwrap()).sum();
    assert_eq!(held, mentions.len() as u64);
    assert!(clusters.len() < mentions.len(), "the seeds repeat some RUS-TUR events");
    // Each representative is one of the coded events.
    let coded_ids: BTreeSet<&str> = mentions.iter().map(|e| e["id"].as_str().unwrap()).collect();
    for c in &clusters {
        assert!(coded_ids.contains(c["event"]["id"].as_str().unwrap()), "{c}");
    }
    // The series counts each cluster once, in the month of its representative.
    let reps: Vec<&Value> = clusters.iter().map(|c| &c["event"]).collect();
    let got = series_csv(&s.ok(&["--dyad", "RUS-TUR", "--by", "month", "--format", "csv"]));
    assert_eq!(nonzero(got), monthly(&reps));
    // The table says the same in columns.
    let table = s.ok(&["--dyad", "RUS-TUR", "--by", "month"]);
    assert!(table.starts_with("RUS-TUR (both directions), events per month\nperiod"), "{table}");
    let (month, (_, total)) = monthly(&reps).into_iter().next().unwrap();
    let row = table.lines().find(|l| l.starts_with(&month)).unwrap();
    assert_eq!(row.split_whitespace().nth(5), Some(total.to_string().as_str()), "{row}");
}

#[test]
fn filters_select_the_coded_events() {
    let s = seeds();
    let words = |e: &Value| -> BTreeSet<String> {
        e["evidence"]["text"]
            .as_str()
            .unwrap()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let cameo = |e: &Value| e["cameo"].as_str().unwrap().to_string();
    let src = |e: &Value| e["source"]["code"].as_str().unwrap().to_string();
    let date = |e: &Value| e["date"].as_str().map(str::to_string);
    type Keep<'a> = Box<dyn Fn(&Value) -> bool + 'a>;
    let cases: Vec<(Vec<&str>, Keep)> = vec![
        (vec!["--cameo", "040"], Box::new(|e| cameo(e) == "040")),
        (vec!["--cameo", "04*"], Box::new(|e| cameo(e).starts_with("04"))),
        (vec!["--cameo", "040", "--cameo", "041"], Box::new(|e| cameo(e) == "040" || cameo(e) == "041")),
        (vec!["--root", "19"], Box::new(|e| cameo(e).starts_with("19"))),
        (vec!["--quad", "4"], Box::new(|e| e["quad_class"] == 4)),
        (vec!["--plover", "consult"], Box::new(|e| e["plover"]["type"] == "CONSULT")),
        (vec!["--source", "RUSGOV"], Box::new(|e| src(e).starts_with("RUSGOV"))),
        (vec!["--source-country", "ARM"], Box::new(|e| country(e, "source").as_deref() == Some("ARM"))),
        (vec!["--country", "AZE"], Box::new(|e| [country(e, "source"), country(e, "target")].contains(&Some("AZE".into())))),
        (
            vec!["--actor", "TURGOV", "--cameo", "040"],
            Box::new(|e| {
                cameo(e) == "040" && (src(e).starts_with("TURGOV") || e["target"]["code"].as_str().is_some_and(|t| t.starts_with("TURGOV")))
            }),
        ),
        (vec!["--from", "2020-10", "--to", "2020-10"], Box::new(|e| date(e).is_some_and(|d| d.len() >= 7 && d.starts_with("2020-10")))),
        (vec!["--to", "1999"], Box::new(|e| date(e).is_some_and(|d| d.as_str() < "2000"))),
        (vec!["--text", "Transcaucasia"], Box::new(|e| words(e).contains("transcaucasia"))),
        (vec!["--text", "ceasefire OR truce"], Box::new(|e| words(e).contains("ceasefire") || words(e).contains("truce"))),
    ];
    for (args, keep) in cases {
        let expected = s.coded_where(keep).len() as u64;
        assert!(expected > 0, "{args:?} should select something in the seeds");
        let mut a = args.clone();
        a.push("--mentions");
        assert_eq!(s.count(&a), expected, "bede query {args:?} --mentions");
        // Clusters group those mentions: fewer or as many, at least one.
        let clusters = s.count(&args);
        assert!(clusters >= 1 && clusters <= expected, "{args:?}: {clusters} clusters for {expected} mentions");
    }
    // Negated events only on request.
    let negated = s.coded.iter().filter(|e| e["negated"] == true).count() as u64;
    assert_eq!(s.count(&["--mentions", "--include-negated"]), s.coded.len() as u64);
    assert_eq!(s.count(&["--mentions"]), s.coded.len() as u64 - negated);
}

#[test]
fn mention_list_is_the_coded_events() {
    let s = seeds();
    let listed: BTreeSet<String> = s
        .ok(&["--mentions", "--include-negated", "--format", "json", "--limit", "10000"])
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["event"].to_string())
        .collect();
    let coded: BTreeSet<String> = s.coded.iter().map(|e| e.to_string()).collect();
    assert_eq!(listed, coded);
}

#[test]
fn pages_follow_the_cursor() {
    let s = seeds();
    let total = s.count(&[]) as usize;
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut args = vec!["--format", "json", "--limit", "4"];
        if let Some(c) = &cursor {
            args.extend(["--cursor", c.as_str()]);
        }
        let out = s.query(&args);
        assert_eq!(out.status.code(), Some(0));
        ids.extend(
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap()["cluster"]["id"].as_i64().unwrap()),
        );
        let err = String::from_utf8_lossy(&out.stderr);
        match err.split("--cursor ").nth(1) {
            Some(rest) => cursor = Some(rest.split_whitespace().next().unwrap().to_string()),
            None => break,
        }
    }
    assert_eq!(ids.len(), total);
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), total);
}

#[test]
fn table_and_csv_keep_codes_as_text() {
    let s = seeds();
    let table = s.ok(&["--cameo", "040", "--limit", "3"]);
    let mut lines = table.lines();
    let header = lines.next().unwrap();
    for col in ["date", "source", "event", "target", "quad", "gold", "ment/src/art", "evidence"] {
        assert!(header.contains(col), "{header}");
    }
    assert_eq!(lines.clone().count(), 3);
    assert!(lines.all(|l| l.contains("040 Consult")), "{table}");
    let csv = s.ok(&["--cameo", "040", "--format", "csv", "--limit", "1"]);
    let row = csv.lines().nth(1).unwrap();
    assert!(row.contains(",\"040\",Consult,"), "{row}");
}

#[test]
fn bad_input_exits_2_naming_the_flag() {
    let s = seeds();
    let cases: &[(&[&str], &str)] = &[
        (&["--cameo", "999"], "--cameo"),
        (&["--cameo", "40"], "--cameo"),
        (&["--root", "21"], "--root"),
        (&["--plover", "HUG"], "--plover"),
        (&["--quad", "5"], "--quad"),
        (&["--from", "2020-13-01"], "--from"),
        (&["--from", "23/07/2020"], "--from"),
        (&["--to", "2021-02-30"], "--to"),
        (&["--from", "2021", "--to", "2020"], "--to"),
        (&["--dyad", "RUSTUR"], "--dyad"),
        (&["--source", "RU"], "--source"),
        (&["--source-country", "RUSS"], "--source-country"),
        (&["--text", ""], "--text"),
        (&["--text", "\"unbalanced"], "--text"),
        (&["--limit", "0"], "--limit"),
        (&["--cursor", "nonsense"], "--cursor"),
        (&["--by", "fortnight"], "--by"),
    ];
    for (args, flag) in cases {
        let out = s.query(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(flag), "{args:?} should name {flag}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_missing_database_is_reported_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    for cmd in ["query", "export"] {
        let mut c = bede();
        c.arg(cmd).arg("--db").arg(&db);
        if cmd == "export" {
            c.args(["--format", "csv"]);
        }
        let out = run(&mut c);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd}: {err}");
        assert!(err.contains("--db") && err.contains("none.db"), "{err}");
        assert!(!db.exists(), "bede {cmd} created the database");
    }
}

/// Rows of a CSV text (RFC 4180: quoted fields may hold newlines).
fn csv_records(text: &str) -> usize {
    let (mut records, mut quoted, mut any) = (0, false, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                records += 1;
                any = false;
                continue;
            }
            _ => {}
        }
        any = true;
    }
    records + any as usize
}

/// `num_rows` of a Parquet file, read from its footer (Thrift compact
/// protocol, FileMetaData field 3), so the test needs no Parquet library.
fn parquet_rows(path: &Path) -> i64 {
    let b = std::fs::read(path).unwrap();
    assert!(b.starts_with(b"PAR1") && b.ends_with(b"PAR1"), "{}", path.display());
    let len = u32::from_le_bytes(b[b.len() - 8..b.len() - 4].try_into().unwrap()) as usize;
    let meta = &b[b.len() - 8 - len..b.len() - 8];
    let mut r = Thrift { b: meta, i: 0 };
    let mut last = 0i16;
    loop {
        let h = r.byte();
        if h == 0 {
            panic!("no num_rows in {}", path.display());
        }
        let ty = h & 0x0f;
        let id = if h >> 4 == 0 { r.zigzag() as i16 } else { last + (h >> 4) as i16 };
        last = id;
        if id == 3 && ty == 6 {
            return r.zigzag();
        }
        r.skip(ty);
    }
}

struct Thrift<'a> {
    b: &'a [u8],
    i: usize,
}

impl Thrift<'_> {
    fn byte(&mut self) -> u8 {
        self.i += 1;
        self.b[self.i - 1]
    }
    fn varint(&mut self) -> u64 {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let x = self.byte();
            v |= ((x & 0x7f) as u64) << shift;
            if x & 0x80 == 0 {
                return v;
            }
            shift += 7;
        }
    }
    fn zigzag(&mut self) -> i64 {
        let v = self.varint();
        (v >> 1) as i64 ^ -((v & 1) as i64)
    }
    fn skip(&mut self, ty: u8) {
        match ty {
            1 | 2 => {}
            3 => self.i += 1,
            4..=6 => {
                self.varint();
            }
            7 => self.i += 8,
            8 => {
                let n = self.varint() as usize;
                self.i += n;
            }
            9 | 10 => {
                let h = self.byte();
                let n = if h >> 4 == 15 { self.varint() as usize } else { (h >> 4) as usize };
                for _ in 0..n {
                    // Booleans in a list take a byte each.
                    if h & 0x0f == 1 || h & 0x0f == 2 {
                        self.i += 1;
                    } else {
                        self.skip(h & 0x0f);
                    }
                }
            }
            11 => {
                let n = self.varint() as usize;
                if n > 0 {
                    let kv = self.byte();
                    for _ in 0..n {
                        self.skip(kv >> 4);
                        self.skip(kv & 0x0f);
                    }
                }
            }
            12 => loop {
                let h = self.byte();
                if h == 0 {
                    break;
                }
                if h >> 4 == 0 {
                    self.zigzag(); // a long-form field id
                }
                self.skip(h & 0x0f);
            },
            t => panic!("thrift type {t}"),
        }
    }
}

fn parquet_dir_rows(dir: &Path) -> (i64, usize) {
    let (mut rows, mut files) = (0, 0);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "parquet") {
                rows += parquet_rows(&p);
                files += 1;
            }
        }
    }
    (rows, files)
}

#[test]
fn every_export_format_writes_as_many_rows_as_query_counts() {
    let s = seeds();
    let dir = tempfile::tempdir().unwrap();
    for filter in [vec![], vec!["--mentions"], vec!["--dyad", "RUS-TUR"], vec!["--mentions", "--include-negated"]] {
        let expected = s.count(&filter);
        assert!(expected > 0);
        for format in ["gdelt", "icews", "plover", "csv", "parquet"] {
            let name = format!("{format}-{}", filter.join("_"));
            let target = dir.path().join(&name);
            let mut c = bede();
            c.args(["export", "--format", format]).arg("--db").arg(&s.db).args(&filter);
            if format == "parquet" {
                c.arg("--out-dir").arg(&target);
            } else {
                c.arg("-o").arg(&target);
            }
            let out = run(&mut c);
            assert_eq!(out.status.code(), Some(0), "{name}: {}", String::from_utf8_lossy(&out.stderr));
            let rows = match format {
                "parquet" => {
                    let (rows, files) = parquet_dir_rows(&target);
                    assert!(files > 0);
                    rows as u64
                }
                _ => {
                    let text = std::fs::read_to_string(&target).unwrap();
                    assert!(!dir.path().join(format!("{name}.partial")).exists());
                    match format {
                        "gdelt" => text.lines().count() as u64,
                        "plover" => text.lines().inspect(|l| drop(serde_json::from_str::<Value>(l).unwrap())).count() as u64,
                        // ICEWS and CSV have a header line.
                        "icews" => text.lines().count() as u64 - 1,
                        _ => csv_records(&text) as u64 - 1,
                    }
                }
            };
            assert_eq!(rows, expected, "{name}");
        }
    }
}

#[test]
fn export_usage_errors_exit_2() {
    let s = seeds();
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["--format".into(), "parquet".into()], "--out-dir"),
        (vec!["--format".into(), "csv".into(), "--out-dir".into(), dir.path().join("x").display().to_string()], "--out-dir"),
        (vec!["--format".into(), "csv".into(), "--cameo".into(), "999".into()], "--cameo"),
        (vec!["--format".into(), "csv".into(), "--text".into(), "AND".into()], "--text"),
    ];
    for (args, flag) in cases {
        let out = run(bede().arg("export").arg("--db").arg(&s.db).args(&args));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(flag), "{args:?}: {err}");
    }
}
