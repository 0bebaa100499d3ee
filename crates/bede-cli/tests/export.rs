//! The export formats read back by readers that are not ours: Python's `csv`
//! and `json` modules for `bede code --format gdelt|icews|plover|csv`, and for
//! `bede export` after `bede ingest` also pyarrow over the Parquet dataset.
//!
//! Python is `$BEDE_TEST_PYTHON` if set (CI points it at a venv with
//! pyarrow, see `.ci/run`), else `python3`. Without pyarrow the Parquet test
//! fails when `$CI` is set and is skipped, loudly, otherwise.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn python() -> String {
    std::env::var("BEDE_TEST_PYTHON").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "python3".into())
}

/// Reads a delimited file with Python's csv module (default dialect, so
/// quoting is on: the case where a stray quote would break a row) and prints
/// the rows as JSON; a JSONL file with the json module.
const READ_TEXT: &str = r#"
import csv, json, sys
path, kind = sys.argv[1], sys.argv[2]
with open(path, newline="", encoding="utf-8") as f:
    if kind == "plover":
        rows = [json.loads(line) for line in f if line.strip()]
    else:
        rows = list(csv.reader(f, delimiter="\t" if kind in ("gdelt", "icews") else ","))
json.dump(rows, sys.stdout)
"#;

/// Reads the partitioned Parquet directory with pyarrow.dataset (Hive
/// partitioning inferred) and prints the schema's types and some columns.
const READ_PARQUET: &str = r#"
import json, sys
import pyarrow.dataset as ds
d = ds.dataset(sys.argv[1], format="parquet", partitioning="hive")
t = d.to_table()
out = {
    "types": {f.name: str(f.type) for f in t.schema},
    "rows": t.num_rows,
    "files": len(d.files),
}
for c in ["cameo", "cameo_root", "year", "month", "num_mentions", "quad_class", "goldstein", "date_text", "source_code", "target_code"]:
    out[c] = t.column(c).to_pylist()
out["date"] = [None if v is None else v.isoformat() for v in t.column("date").to_pylist()]
json.dump(out, sys.stdout)
"#;

fn run_python(dir: &Path, script: &str, args: &[&Path], extra: &[&str]) -> Value {
    let path = dir.join("read.py");
    std::fs::write(&path, script).unwrap();
    let out = Command::new(python())
        .arg(&path)
        .args(args)
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} (set BEDE_TEST_PYTHON): {e}", python()));
    assert!(out.status.success(), "python failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn seeds_path() -> PathBuf {
    shared().join("seeds/seeds.jsonl")
}

/// The seeds' events as `bede code` writes them (JSONL), the reference the
/// other formats are checked against.
fn seed_events() -> Vec<Value> {
    let out = run(bede().args(["code", "-q"]).arg(seeds_path()));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    events(&out)
}

fn code_to_file(format: &str, dir: &Path) -> PathBuf {
    let path = dir.join(format!("seeds.{format}"));
    let out = run(bede().args(["code", "-q", "--format", format]).arg(seeds_path()).arg("-o").arg(&path));
    assert_eq!(out.status.code(), Some(0), "{format}: {}", String::from_utf8_lossy(&out.stderr));
    path
}

fn strings(row: &Value) -> Vec<String> {
    row.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or("").to_string()
}

/// GDELT's published lookup table (read at test time from ../shared): the
/// codes of its first column.
fn gdelt_lookup(file: &str) -> Vec<String> {
    let path = shared().join("data/gdelt_cameo_lookups").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().skip(1).filter_map(|l| l.split('\t').next()).map(str::to_string).collect()
}

#[test]
fn code_gdelt_parsed_by_python_csv() {
    let dir = tempfile::tempdir().unwrap();
    let events = seed_events();
    assert!(events.iter().any(|e| s(&e["cameo"]).starts_with('0')), "the seeds must exercise leading zeros");
    let rows = run_python(dir.path(), READ_TEXT, &[&code_to_file("gdelt", dir.path())], &["gdelt"]);
    let rows: Vec<Vec<String>> = rows.as_array().unwrap().iter().map(strings).collect();
    assert_eq!(rows.len(), events.len());
    let types = gdelt_lookup("CAMEO.type.txt");
    for (row, e) in rows.iter().zip(&events) {
        assert_eq!(row.len(), 61, "{row:?}");
        assert_eq!(row[26], s(&e["cameo"]), "EventCode keeps its leading zeros");
        assert_eq!(row[28], s(&e["cameo"])[..2], "EventRootCode");
        assert_eq!(row[5], s(&e["source"]["code"]), "Actor1Code");
        assert_eq!(row[7], s(&e["source"]["country"]), "Actor1CountryCode");
        assert_eq!(row[15], e["target"].get("code").map(s).unwrap_or_default(), "Actor2Code");
        assert_eq!(row[29], e["quad_class"].to_string(), "QuadClass");
        assert_eq!(row[30].parse::<f64>().unwrap(), e["goldstein"].as_f64().unwrap(), "GoldsteinScale");
        // Dates only as precise as the event's: a year is never a Day.
        let date = s(&e["date"]);
        match date.len() {
            10 => assert_eq!(row[1], date.replace('-', "")),
            _ => assert_eq!(row[1], ""),
        }
        assert_eq!(row[3], date.get(..4).unwrap_or(""), "Year");
        // Type codes are GDELT's, from the actors' sectors.
        for t in [&row[12], &row[13], &row[14], &row[22], &row[23], &row[24]] {
            assert!(t.is_empty() || types.contains(t), "type {t} is not in GDELT's CAMEO.type.txt");
        }
        // Nothing Bede does not know: tone and geography stay empty.
        assert_eq!(row[34], "", "AvgTone");
        assert_eq!(row[40], "", "Actor1Geo_Lat");
    }
    assert!(rows.iter().any(|r| r[12] == "GOV"), "the seeds' ministers are typed GOV");
    assert!(rows.iter().any(|r| r[1].is_empty() && !r[3].is_empty()), "a year-precision event has a Year and no Day");
}

#[test]
fn code_icews_parsed_by_python_csv() {
    let dir = tempfile::tempdir().unwrap();
    let events = seed_events();
    let rows = run_python(dir.path(), READ_TEXT, &[&code_to_file("icews", dir.path())], &["icews"]);
    let rows: Vec<Vec<String>> = rows.as_array().unwrap().iter().map(strings).collect();
    let header = &rows[0];
    assert_eq!(header.len(), 20);
    assert_eq!(&header[..3], ["Event ID", "Event Date", "Source Name"]);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows.len() - 1, events.len());
    for (row, e) in rows[1..].iter().zip(&events) {
        assert_eq!(row.len(), 20);
        assert_eq!(row[col("CAMEO Code")], s(&e["cameo"]));
        assert_eq!(row[col("Event Text")], s(&e["cameo_name"]));
        assert_eq!(row[col("Event Date")], s(&e["date"]));
        assert_eq!(row[col("Intensity")].parse::<f64>().unwrap(), e["goldstein"].as_f64().unwrap());
        assert_eq!(row[col("Story ID")], s(&e["doc_id"]));
        assert_eq!(row[col("Sentence Number")], (e["sentence"].as_u64().unwrap() + 1).to_string());
        assert_eq!(row[col("Source Name")], s(&e["source"]["name"]));
        // Countries by name, as ICEWS prints them.
        let country = &row[col("Source Country")];
        if let Some(code) = e["source"]["country"].as_str() {
            assert!(!country.is_empty() && country != code, "{code} printed as {country:?}");
        }
    }
    let russia: Vec<&Vec<String>> = rows[1..].iter().filter(|r| r[col("Source Name")] == "Sergey Lavrov").collect();
    assert!(!russia.is_empty() && russia.iter().all(|r| r[col("Source Country")] == "Russia"));
    assert!(russia.iter().all(|r| r[col("Source Sectors")] == "Government"));
}

#[test]
fn code_csv_parsed_by_python_csv() {
    let dir = tempfile::tempdir().unwrap();
    let events = seed_events();
    let rows = run_python(dir.path(), READ_TEXT, &[&code_to_file("csv", dir.path())], &["csv"]);
    let rows: Vec<Vec<String>> = rows.as_array().unwrap().iter().map(strings).collect();
    let header = &rows[0];
    assert_eq!(header.len(), 24);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows.len() - 1, events.len());
    for (row, e) in rows[1..].iter().zip(&events) {
        assert_eq!(row[col("id")], s(&e["id"]));
        assert_eq!(row[col("cameo")], s(&e["cameo"]), "leading zeros survive a CSV reader");
        // The evidence (commas, quotes) comes back whole through the quoting.
        assert_eq!(row[col("evidence")], s(&e["evidence"]["text"]));
        assert_eq!(row[col("target_code")], e["target"].get("code").map(s).unwrap_or_default());
    }
}

#[test]
fn code_plover_parsed_by_python_json() {
    let dir = tempfile::tempdir().unwrap();
    let events = seed_events();
    let recs = run_python(dir.path(), READ_TEXT, &[&code_to_file("plover", dir.path())], &["plover"]);
    let recs = recs.as_array().unwrap();
    assert_eq!(recs.len(), events.len());
    for (r, e) in recs.iter().zip(&events) {
        assert_eq!(r["id"], e["id"]);
        assert_eq!(r["cameo"], e["cameo"]);
        assert_eq!(r["date"], e["date"]);
        assert_eq!(r["quad_code"], e["quad_class"]);
        let plover = s(&e["plover"]["type"]);
        let expected: Vec<Value> = if plover.is_empty() { vec![] } else { vec![plover.into()] };
        assert_eq!(r["event"], Value::Array(expected));
        assert_eq!(r["source"][0]["cameo_code"], e["source"]["code"]);
        assert_eq!(r["source"][0]["code"], e["source"]["country"]);
        assert_eq!(r["recipient"].as_array().unwrap().len(), usize::from(!e["target"].is_null()));
        assert_eq!(r["text"], e["evidence"]["text"]);
    }
}

/// `bede ingest` the seeds into a fresh database.
fn ingested_seeds(dir: &Path) -> PathBuf {
    let db = dir.join("seeds.db");
    let out = run(bede().args(["ingest", "-q"]).arg(seeds_path()).arg("--db").arg(&db));
    assert_eq!(out.status.code(), Some(0), "ingest: {}", String::from_utf8_lossy(&out.stderr));
    db
}

fn export(db: &Path, format: &str, target: &Path) {
    let mut c = bede();
    c.args(["export", "-q", "--format", format]).arg("--db").arg(db);
    if format == "parquet" {
        c.arg("--out-dir").arg(target);
    } else {
        c.arg("-o").arg(target);
    }
    let out = run(&mut c);
    assert_eq!(out.status.code(), Some(0), "export {format}: {}", String::from_utf8_lossy(&out.stderr));
}

fn has_pyarrow() -> bool {
    let ok = Command::new(python()).args(["-c", "import pyarrow.dataset"]).output().is_ok_and(|o| o.status.success());
    if !ok {
        let msg = format!(
            "pyarrow is not importable by {}: set BEDE_TEST_PYTHON to a Python with pyarrow \
             (python3 -m venv target/ci-venv && target/ci-venv/bin/pip install pyarrow)",
            python()
        );
        if std::env::var_os("CI").is_some() {
            panic!("{msg}");
        }
        eprintln!("\n**************** SKIPPED: the Parquet export is NOT checked ****************\n{msg}\n");
    }
    ok
}

#[test]
fn store_exports_parsed_by_python_csv_and_pyarrow() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingested_seeds(dir.path());

    // The PLOVER export is the reference for the others: one object a row.
    let plover = dir.path().join("out.plover");
    export(&db, "plover", &plover);
    let recs = run_python(dir.path(), READ_TEXT, &[&plover], &["plover"]);
    let recs = recs.as_array().unwrap();
    assert!(!recs.is_empty());
    let cameos: Vec<String> = recs.iter().map(|r| s(&r["cameo"])).collect();
    assert!(cameos.iter().any(|c| c.starts_with('0')));
    for r in recs {
        let c = &r["cluster"];
        assert!(c["num_mentions"].as_u64().unwrap() >= c["num_articles"].as_u64().unwrap(), "{c}");
    }

    let gdelt = dir.path().join("out.gdelt");
    export(&db, "gdelt", &gdelt);
    let rows = run_python(dir.path(), READ_TEXT, &[&gdelt], &["gdelt"]);
    let rows: Vec<Vec<String>> = rows.as_array().unwrap().iter().map(strings).collect();
    assert_eq!(rows.iter().map(|r| r[26].clone()).collect::<Vec<_>>(), cameos, "GDELT EventCode, row by row");
    for (row, r) in rows.iter().zip(recs) {
        assert_eq!(row.len(), 61);
        assert_eq!(row[0], r["cluster"]["id"].to_string(), "GlobalEventID is the cluster id");
        assert_eq!(row[31], r["cluster"]["num_mentions"].to_string(), "NumMentions");
        assert_eq!(row[32], r["cluster"]["num_sources"].to_string(), "NumSources");
        assert_eq!(row[33], r["cluster"]["num_articles"].to_string(), "NumArticles");
        assert_eq!(row[59].len(), 14, "DATEADDED is YYYYMMDDHHMMSS: {:?}", row[59]);
    }

    let icews = dir.path().join("out.icews");
    export(&db, "icews", &icews);
    let rows = run_python(dir.path(), READ_TEXT, &[&icews], &["icews"]);
    let rows: Vec<Vec<String>> = rows.as_array().unwrap().iter().map(strings).collect();
    assert_eq!(rows[0].len(), 20);
    assert_eq!(rows[1..].iter().map(|r| r[6].clone()).collect::<Vec<_>>(), cameos, "ICEWS CAMEO Code, row by row");
    assert!(rows[1..].iter().any(|r| !r[13].is_empty()), "Publisher is the article's outlet");

    let csv = dir.path().join("out.csv");
    export(&db, "csv", &csv);
    let rows = run_python(dir.path(), READ_TEXT, &[&csv], &["csv"]);
    let rows: Vec<Vec<String>> = rows.as_array().unwrap().iter().map(strings).collect();
    let header = &rows[0];
    assert_eq!(header.len(), 33, "event columns then cluster and article columns");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows[1..].iter().map(|r| r[col("cameo")].clone()).collect::<Vec<_>>(), cameos, "CSV cameo, row by row");
    assert!(rows[1..].iter().all(|r| r[col("cluster_id")].parse::<i64>().is_ok()));
    assert!(rows[1..].iter().all(|r| !r[col("published")].is_empty()), "the seeds all have a publication date");

    if !has_pyarrow() {
        return;
    }
    let out_dir = dir.path().join("parquet");
    export(&db, "parquet", &out_dir);
    let t = run_python(dir.path(), READ_PARQUET, &[&out_dir], &[]);
    let types = &t["types"];
    for (column, ty) in [
        ("cameo", "string"),
        ("cameo_root", "string"),
        ("source_code", "string"),
        ("date", "date32[day]"),
        ("published", "date32[day]"),
        ("num_mentions", "int32"),
        ("num_sources", "int32"),
        ("num_articles", "int32"),
        ("cluster_id", "int64"),
        ("quad_class", "int32"),
        ("goldstein", "double"),
        ("negated", "bool"),
        ("source_sectors", "list<element: string>"),
        ("ingested_at", "timestamp[us, tz=UTC]"),
        // Hive partitions inferred as integers.
        ("year", "int32"),
        ("month", "int32"),
    ] {
        let got = s(&types[column]);
        // pyarrow names a list's field after the file's ("item" or "element").
        let ok = got == ty || (ty.starts_with("list<") && got.starts_with("list<") && got.ends_with(": string>"));
        assert!(ok, "{column}: pyarrow reads {got}, expected {ty}");
    }
    assert_eq!(t["rows"].as_u64().unwrap() as usize, cameos.len());
    let mut got: Vec<String> = t["cameo"].as_array().unwrap().iter().map(s).collect();
    let mut want = cameos.clone();
    got.sort();
    want.sort();
    assert_eq!(got, want, "Parquet cameo codes (partition order differs), leading zeros intact");
    // Partition values agree with the dates; a year-precision event has
    // month 0 and no day date; a day-precision one a date in its partition.
    let col = |c: &str| t[c].as_array().unwrap().clone();
    let (years, months, dates, texts) = (col("year"), col("month"), col("date"), col("date_text"));
    for i in 0..years.len() {
        let text = s(&texts[i]);
        let (y, m) = (years[i].as_i64().unwrap(), months[i].as_i64().unwrap());
        match text.len() {
            10 => {
                assert_eq!(s(&dates[i]), text);
                assert_eq!((y, m), (text[..4].parse().unwrap(), text[5..7].parse().unwrap()));
            }
            7 => assert_eq!((y, m, dates[i].is_null()), (text[..4].parse().unwrap(), text[5..7].parse().unwrap(), true)),
            4 => assert_eq!((y, m, dates[i].is_null()), (text.parse().unwrap(), 0, true)),
            _ => assert_eq!((y, m, dates[i].is_null()), (0, 0, true)),
        }
    }
    assert!(texts.iter().any(|v| s(v).len() == 4), "the seeds have year-precision events");
}
