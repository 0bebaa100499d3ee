//! The PETRARCH dictionary importer end to end: the converted PETRARCH files load in Bede's
//! dictionary loaders, and `bede dict import petrarch` writes files, reports diagnostics with
//! file and line, and honours --strict.

mod common;

use bede_petrarch::dict::{import, import_str, DictKind, PetrarchFiles};
use common::{bede, run, shared};
use std::path::PathBuf;

fn dict_dir() -> Option<PathBuf> {
    let d = shared().join("data/petrarch2/dictionaries");
    if d.is_dir() {
        Some(d)
    } else {
        eprintln!("note: {} is absent; PETRARCH import test skipped", d.display());
        None
    }
}

/// Load every converted file with Bede's loaders; panics with the loader's error.
fn load_all(imported: &bede_petrarch::dict::Imported) {
    let mut actors = bede_actors::ActorDict::default();
    for (name, text) in &imported.actor_files {
        if let Err(e) = actors.load_str(name, text) {
            panic!("actor loader rejects converted file: {e}\n  line: {:?}", text.lines().nth(e.line.saturating_sub(1)));
        }
    }
    let mut verbs = bede_coder::verbs::VerbDict::default();
    for (name, text) in &imported.verb_files {
        if let Err(e) = verbs.load_str(name, text) {
            panic!("verb loader rejects converted file: {e}\n  line: {:?}", text.lines().nth(e.line.saturating_sub(1)));
        }
    }
}

#[test]
fn shared_petrarch_dictionaries_round_trip_through_bede_loaders() {
    let Some(dir) = dict_dir() else { return };
    let files = PetrarchFiles::discover(&dir).expect("discover");
    let imported = import(&files).expect("import");
    assert!(imported.actor_files.len() >= 4, "{:?}", imported.actor_files.iter().map(|f| &f.0).collect::<Vec<_>>());
    assert!(!imported.verb_files.is_empty());
    load_all(&imported);
}

#[test]
fn each_shared_dictionary_loads_on_its_own() {
    let Some(dir) = dict_dir() else { return };
    for (kind, file) in [
        (DictKind::Verbs, "PETR.Validate.verbs.txt"),
        (DictKind::Actors, "PETR.Validate.actors.txt"),
        (DictKind::Agents, "PETR.Validate.agents.txt"),
        (DictKind::Discards, "PETR.Validate.discards.txt"),
        (DictKind::Verbs, "CAMEO.2.0.txt"),
        (DictKind::Actors, "Phoenix.Countries.actors.txt"),
        (DictKind::Actors, "Phoenix.International.actors.txt"),
        (DictKind::Actors, "Phoenix.MilNonState.actors.txt"),
        (DictKind::Agents, "Phoenix.agents.txt"),
        (DictKind::Discards, "Phoenix.discards.txt"),
        (DictKind::Issues, "Phoenix.IssueCoding.txt"),
    ] {
        let path = dir.join(file);
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("note: {} absent; skipped", path.display());
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let imported = import_str(kind, file, &text);
        load_all(&imported);
    }
}

/// A temporary copy of the PETR.Validate dictionaries.
fn validate_copy() -> Option<tempfile::TempDir> {
    let dir = dict_dir()?;
    let tmp = tempfile::tempdir().unwrap();
    for f in ["PETR.Validate.verbs.txt", "PETR.Validate.actors.txt", "PETR.Validate.agents.txt", "PETR.Validate.discards.txt"] {
        std::fs::copy(dir.join(f), tmp.path().join(f)).unwrap();
    }
    Some(tmp)
}

#[test]
fn cli_imports_the_validation_dictionaries() {
    let Some(src) = validate_copy() else { return };
    let out = tempfile::tempdir().unwrap();
    let outdir = out.path().join("converted");
    let o = run(bede().args(["dict", "import", "petrarch"]).arg(src.path()).arg("--out").arg(&outdir));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    for f in [
        "actors/PETR.Validate.actors.txt",
        "actors/PETR.Validate.agents.txt",
        "verbs/PETR.Validate.verbs.txt",
        "verbs/PETR.Validate.discards.txt",
    ] {
        let p = outdir.join(f);
        assert!(p.is_file(), "{} not written; stderr:\n{stderr}", p.display());
    }
    assert!(stderr.contains("bede: imported"), "{stderr}");
    // Every diagnostic line names the PETRARCH file and a line.
    for l in stderr.lines().filter(|l| !l.starts_with("bede:")) {
        let mut parts = l.splitn(3, ':');
        let (file, line) = (parts.next().unwrap(), parts.next().unwrap_or(""));
        assert!(file.starts_with("PETR.Validate."), "{l}");
        assert!(line.parse::<usize>().is_ok_and(|n| n > 0), "{l}");
    }
    // A second import into the same, now non-empty, directory is refused without --force.
    let again = run(bede().args(["dict", "import", "petrarch"]).arg(src.path()).arg("--out").arg(&outdir));
    assert_eq!(again.status.code(), Some(2));
    let forced = run(bede().args(["dict", "import", "petrarch"]).arg(src.path()).arg("--out").arg(&outdir).arg("--force"));
    assert_eq!(forced.status.code(), Some(0), "{}", String::from_utf8_lossy(&forced.stderr));
}

#[test]
fn cli_reports_malformed_entries_with_file_and_line_and_strict_fails() {
    let src = tempfile::tempdir().unwrap();
    std::fs::write(
        src.path().join("Tiny.verbs.txt"),
        "&WEAPONS\n+SWORD\n+SPEAR\n\n--- FORGE [070] ---\nFORGE\n- * &WEAPONS [071]\n- * ANVIL [+++]\n~ a (a b FORGE) SAY = a b 015\n",
    )
    .unwrap();
    std::fs::write(src.path().join("Tiny.actors.txt"), "GONDOR [GON]\n+MINAS_TIRITH\n\t[GONGOV 19991332-20000101]\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let outdir = out.path().join("o");
    let o = run(bede().args(["dict", "import", "petrarch"]).arg(src.path()).arg("--out").arg(&outdir));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("Tiny.verbs.txt:8: "), "{stderr}");
    assert!(stderr.contains("Tiny.verbs.txt:9: transformation not supported"), "{stderr}");
    assert!(stderr.contains("Tiny.actors.txt:3: "), "{stderr}");
    assert!(stderr.contains("3 dictionary entries"), "{stderr}");
    let verbs = std::fs::read_to_string(outdir.join("verbs/Tiny.verbs.txt")).unwrap();
    assert!(verbs.contains("071  @ * &WEAPONS"), "{verbs}");

    let strict = run(bede().args(["dict", "import", "petrarch"]).arg(src.path()).arg("--out").arg(out.path().join("s")).arg("--strict"));
    assert_eq!(strict.status.code(), Some(2), "{}", String::from_utf8_lossy(&strict.stderr));
}

#[test]
fn cli_rejects_unknown_format_and_unusable_input() {
    let src = tempfile::tempdir().unwrap();
    let o = run(bede().args(["dict", "import", "tabari-xml"]).arg(src.path()));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown dictionary format"));
    // A directory without dictionaries, and a binary "dictionary".
    let o = run(bede().args(["dict", "import", "petrarch"]).arg(src.path()).arg("--out").arg(src.path().join("o")));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no PETRARCH dictionary files"));
    std::fs::write(src.path().join("Bin.actors.txt"), b"ARNOR [ARN]\n\0\x01\x02").unwrap();
    let o = run(bede().args(["dict", "import", "petrarch"]).arg(src.path()).arg("--out").arg(src.path().join("o")));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Bin.actors.txt:2:"), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn help_explains_the_import() {
    let o = run(bede().args(["dict", "import", "--help"]));
    let out = String::from_utf8_lossy(&o.stdout);
    for want in ["petrarch", "--out", "--strict", "--force", "file:line"] {
        assert!(out.contains(want), "--help lacks {want:?}:\n{out}");
    }
}
