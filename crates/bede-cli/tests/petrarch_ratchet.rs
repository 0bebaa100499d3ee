//! Ratchet on PETRARCH's own unit-test suite: `bede validate` on
//! `PETR.UnitTest.records.xml` (read from ../shared/data, never copied here)
//! must get at least as many records exactly right as the figure last landed.
//! Raise `LANDED` when the coder improves; never lower it.

use std::path::PathBuf;
use std::process::Command;

/// Records exactly right (same set of source/target/code triples) when this was last landed.
const LANDED: usize = 250;

fn suite() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/petrarch2/PETR.UnitTest.records.xml");
    p.exists().then_some(p)
}

#[test]
fn unit_test_suite_does_not_fall_below_the_landed_figure() {
    let Some(xml) = suite() else {
        eprintln!("note: ../shared/data/petrarch2 is absent; PETRARCH ratchet not run");
        return;
    };
    let out = Command::new(env!("CARGO_BIN_EXE_bede")).arg("validate").arg(&xml).arg("--json").output().expect("run bede validate");
    assert!(out.status.success(), "bede validate failed: {}", String::from_utf8_lossy(&out.stderr));
    let mut records = 0;
    let mut exact = 0;
    for line in String::from_utf8(out.stdout).expect("UTF-8 output").lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        records += 1;
        if v["exact"].as_bool().expect("an 'exact' field") {
            exact += 1;
        }
    }
    assert_eq!(records, 284, "every record of the suite is run");
    assert!(exact >= LANDED, "PETRARCH unit tests: {exact} of {records} exact, below the landed figure {LANDED}");
    if exact > LANDED {
        eprintln!("note: {exact} exact, above the landed {LANDED}: raise LANDED in {}", file!());
    }
}
