//! `bede validate` through the CLI: small validation files written here, with a
//! two-country dictionary in PETRARCH format beside them, and a run of the real
//! PETRARCH unit-test file (skipped when the reference data is absent).

mod common;
use common::*;
use std::path::{Path, PathBuf};

const ACTORS: &str = "FRALAND [FRA]\nDEULAND [DEU]\n";
const VERBS: &str = "--- PRAISE  [051]  ---\nPRAISE\n\n--- ATTACK  [190]  ---\nATTACK\n";

/// Four records: three that the dictionary codes as expected, one (V-04) whose
/// expectation is wrong on purpose. V-02 uses the self-closed UniversalPETRARCH style.
const FILE: &str = r#"<Validation>
<Environment>
    <Verbfile>T.verbs.txt</Verbfile>
    <Actorfile>T.actors.txt</Actorfile>
    <Config option="new_actor_length" value="4"></Config>
</Environment>
<Sentences>
<Sentence date="20210304" id="V-01" category="ONE">
<EventCoding sourcecode="FRA" targetcode="DEU" eventcode="051"></EventCoding>
<Text>Fraland praised Deuland.</Text>
<Parse>(ROOT (S (NP (NNP Nonsense))))</Parse>
</Sentence>
# a comment line
<Sentence date="20210304" id="V-02" category="ONE"/>
<EventCoding sourcecode="DEU" targetcode="FRA" eventcode="190" />
<Text>
Deuland   attacked
Fraland.
</Text>
</Sentence>
<Sentence date="20210304" id="V-03" category="TWO">
<EventCoding noevents="True"></EventCoding>
<Text>The weather was fine.</Text>
</Sentence>
<Sentence date="20210304" id="V-04" category="TWO">
<EventCoding sourcecode="FRA" targetcode="DEU" eventcode="042"></EventCoding>
<Text>Fraland praised Deuland.</Text>
</Sentence>
</Sentences>
</Validation>
"#;

/// A temp dir with `valid.xml` (holding `xml`) and `dictionaries/`.
fn setup(xml: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("dictionaries");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("T.actors.txt"), ACTORS).unwrap();
    std::fs::write(d.join("T.verbs.txt"), VERBS).unwrap();
    let f = dir.path().join("valid.xml");
    std::fs::write(&f, xml).unwrap();
    (dir, f)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn text_report_and_summary() {
    let (_dir, f) = setup(FILE);
    let out = run(bede().arg("validate").arg(&f));
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(&lines[..3], ["ok   V-01", "ok   V-02", "ok   V-03"], "{stdout}");
    assert_eq!(lines[3], "FAIL V-04  expected: FRA DEU 042  got: FRA DEU 051", "{stdout}");
    assert!(stdout.contains("exact: 3 of 4 (75.0%)"), "{stdout}");
    // code level: tp 2, fp 1 (V-04's 051), fn 1 (V-04's 042).
    assert!(
        stdout.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["code", "2", "1", "1", "0.667", "0.667", "0.667"]),
        "{stdout}"
    );
    assert!(stdout.contains("exact by category: ONE 2/2, TWO 1/2"), "{stdout}");
    assert!(stdout.contains("not applied: new_actor_length (4 records)"), "{stdout}");

    let out = run(bede().arg("validate").arg(&f).arg("--failures-only"));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with("FAIL V-04 "), "{stdout}");
    assert!(!stdout.contains("ok   V-01"), "{stdout}");
}

#[test]
fn json_lines_and_only() {
    let (_dir, f) = setup(FILE);
    let out = run(bede().arg("validate").arg(&f).args(["--json", "--threads", "2"]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let recs = events(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["V-01", "V-02", "V-03", "V-04"]);
    let exact: Vec<bool> = recs.iter().map(|r| r["exact"].as_bool().unwrap()).collect();
    assert_eq!(exact, [true, true, true, false]);
    assert_eq!(recs[1]["events"], serde_json::json!([{"source": "DEU", "target": "FRA", "code": "190"}]));
    assert_eq!(recs[2]["expected"], serde_json::json!([]));
    assert!(text(&out.stderr).contains("exact: 3 of 4"), "the summary goes to stderr");

    let out = run(bede().arg("validate").arg(&f).args(["--json", "--only", "V-04,V-02"]));
    let ids: Vec<String> = events(&out).iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["V-02", "V-04"], "file order");

    let out = run(bede().arg("validate").arg(&f).args(["--only", "V-99"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("V-99"));
}

#[test]
fn missing_dictionary_names_file_and_directories() {
    let (dir, f) = setup(&FILE.replace("T.verbs.txt", "Absent.verbs.txt"));
    let out = run(bede().arg("validate").arg(&f));
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("Absent.verbs.txt"), "{stderr}");
    assert!(stderr.contains(&dir.path().join("dictionaries").display().to_string()), "{stderr}");
    assert!(stderr.contains("petrarch2"), "{stderr}");

    // --dict-dir points elsewhere.
    let other = dir.path().join("elsewhere");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("Absent.verbs.txt"), VERBS).unwrap();
    std::fs::write(other.join("T.actors.txt"), ACTORS).unwrap();
    let out = run(bede().arg("validate").arg(&f).arg("--dict-dir").arg(&other));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn broken_files_are_exit_2_with_file_and_line() {
    let cut = &FILE[..FILE.find("<Text>The weather").unwrap() + 10];
    let (_dir, f) = setup(cut);
    let out = run(bede().arg("validate").arg(&f));
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("valid.xml:") && stderr.contains("truncated"), "{stderr}");

    // A record without <Text> is skipped and reported; the rest run; exit 2.
    let (_dir, f) = setup(&FILE.replace("<Text>The weather was fine.</Text>", ""));
    let out = run(bede().arg("validate").arg(&f));
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("V-03") && stderr.contains("no <Text>"), "{stderr}");
    assert!(stdout.contains("exact: 2 of 3"), "{stdout}");

    let out = run(bede().arg("validate").arg(Path::new("/nonexistent/valid.xml")));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn petrarch_unit_tests_run_to_a_summary() {
    let f = shared().join("data/petrarch2/PETR.UnitTest.records.xml");
    if !f.exists() {
        eprintln!("note: {} not found, test skipped", f.display());
        return;
    }
    let out = run(bede().arg("validate").arg(&f).arg("--failures-only"));
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(stdout.contains("records: 284 run"), "{stdout}");
    assert!(stdout.contains("exact: ") && stdout.contains("require_dyad"), "{stdout}");
}
