use super::*;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

#[test]
fn consult_is_verbal_cooperation() {
    let c = lookup("040").expect("040");
    assert_eq!(c.code, "040");
    assert_eq!(c.name, "Consult");
    assert_eq!(c.quad_class, 1);
    assert_eq!(QUAD_CLASS_NAMES[c.quad_class as usize], "Verbal Cooperation");
    assert_eq!(c.plover_type, "CONSULT");
    assert_eq!(c.plover_mode, None);
    assert_eq!(lookup("041").unwrap().plover_mode, Some("phone"));
}

#[test]
fn ceasefire_code_exists() {
    // 0871 is in GDELT's lookup: "Declare truce, ceasefire".
    let c = lookup("0871").expect("0871 is listed by GDELT");
    assert_eq!(c.name, "Declare truce, ceasefire");
    assert_eq!(c.quad_class, 2);
    assert_eq!(c.goldstein, 9.0);
    assert_eq!((c.plover_type, c.plover_mode), ("RETREAT", Some("ceasefire")));
    // 106 and 1213 are codebook codes GDELT does not list.
    assert!(lookup("106").is_none());
    assert!(lookup("1213").is_none());
}

#[test]
fn table_size_and_roots() {
    assert_eq!(all().len(), 310);
    let roots: Vec<&str> = all().iter().filter(|c| c.code.len() == 2).map(|c| c.code).collect();
    let want: Vec<String> = (1..=20).map(|r| format!("{r:02}")).collect();
    assert_eq!(roots, want);
}

#[test]
fn every_code_has_its_root_and_parent() {
    for c in all() {
        let r = root(c.code);
        assert!(lookup(r).is_some(), "root of {} missing", c.code);
        if let Some(p) = parent(c.code) {
            assert!(lookup(p).is_some(), "parent of {} missing", c.code);
        }
        assert_eq!(quad_class_of_root(r), Some(c.quad_class), "{}", c.code);
    }
}

#[test]
fn table_is_strictly_sorted() {
    for w in all().windows(2) {
        assert!(w[0].code < w[1].code, "{} before {}", w[0].code, w[1].code);
    }
    for c in all() {
        assert!(std::ptr::eq(lookup(c.code).unwrap(), c));
    }
}

#[test]
fn leading_zeros_preserved() {
    for c in all() {
        assert!((2..=4).contains(&c.code.len()) && c.code.bytes().all(|b| b.is_ascii_digit()), "{}", c.code);
    }
    assert_eq!(lookup("10").unwrap().name, "DEMAND");
    assert_eq!(lookup("010").unwrap().name, "Make statement");
    assert!(lookup("40").is_none());
    assert!(lookup("871").is_none());
    assert!(lookup("").is_none());
    assert_eq!(root("0871"), "08");
    assert_eq!(root("1823"), "18");
    assert_eq!(root("7"), "7");
    assert_eq!(parent("0871"), Some("087"));
    assert_eq!(parent("087"), Some("08"));
    assert_eq!(parent("08"), None);
}

#[test]
fn goldstein_in_range_and_names_present() {
    for c in all() {
        assert!((-10.0..=10.0).contains(&c.goldstein), "{} {}", c.code, c.goldstein);
        assert!(!c.name.is_empty() && c.name.trim() == c.name, "{:?}", c.name);
        assert!((1..=4).contains(&c.quad_class));
    }
}

#[test]
fn quad_class_mapping() {
    let q: Vec<u8> = (1..=20).map(|r| quad_class_of_root(&format!("{r:02}")).unwrap()).collect();
    assert_eq!(q, [1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4]);
    for bad in ["00", "21", "1", "010", "", "ab", "+1"] {
        assert_eq!(quad_class_of_root(bad), None, "{bad:?}");
    }
    assert_eq!(QUAD_CLASS_NAMES[4], "Material Conflict");
}

#[test]
fn plover_gaps_are_only_statements_and_appeals() {
    for c in all() {
        let unmapped = matches!(root(c.code), "01" | "02");
        assert_eq!(c.plover_type.is_empty(), unmapped, "{}", c.code);
        if unmapped {
            assert_eq!(c.plover_mode, None);
        }
    }
    assert_eq!(lookup("163").unwrap().plover_type, "COERCE");
    assert_eq!(lookup("08").unwrap().plover_type, "CONCEDE");
    assert_eq!(lookup("084").unwrap().plover_type, "RETREAT");
}

proptest! {
    #[test]
    fn lookup_is_exact(s in "[0-9]{0,5}|\\PC{0,6}") {
        if let Some(c) = lookup(&s) {
            prop_assert_eq!(c.code, s.as_str());
        }
        let _ = root(&s);
        let _ = parent(&s);
        let _ = quad_class_of_root(&s);
    }
}

// ---- cross-check against the reference data, when it is present ----

fn data_dir() -> Option<PathBuf> {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    d.is_dir().then_some(d)
}

fn read_tsv(path: &std::path::Path) -> Vec<(String, String)> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    String::from_utf8_lossy(&bytes)
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (c, v) = l.split_once('\t').unwrap_or((l, ""));
            (c.trim().to_string(), v.to_string())
        })
        .collect()
}

/// GDELT's label without the residual suffix, blanks collapsed.
fn clean_label(s: &str) -> String {
    let mut n = s.split_whitespace().collect::<Vec<_>>().join(" ");
    for suffix in ["not specified below", "not spec below"] {
        if let Some(x) = n.strip_suffix(suffix) {
            n = x.trim_end().trim_end_matches(',').trim_end().to_string();
        }
    }
    n
}

/// Codes whose name deliberately differs from GDELT's label (see lib.rs).
const RENAMED: [&str; 9] = ["033", "044", "0355", "101", "105", "107", "108", "1056", "2041"];

#[test]
fn cross_check_with_reference_data() {
    let Some(dir) = data_dir() else {
        eprintln!("skipped: ../shared/data not present (reference data for the cross-check)");
        return;
    };
    let codes = read_tsv(&dir.join("gdelt_cameo_lookups/CAMEO.eventcodes.txt"));
    let gold: BTreeMap<String, String> = read_tsv(&dir.join("gdelt_cameo_lookups/CAMEO.goldsteinscale.txt")).into_iter().collect();
    let theirs: BTreeSet<&str> = codes.iter().map(|(c, _)| c.as_str()).collect();
    let ours: BTreeSet<&str> = all().iter().map(|c| c.code).collect();
    assert_eq!(ours, theirs, "code sets differ");
    for (code, label) in &codes {
        let c = lookup(code).unwrap();
        let g: f32 = gold[code].trim().parse().unwrap();
        assert_eq!(c.goldstein, g, "goldstein of {code}");
        if !RENAMED.contains(&code.as_str()) {
            assert_eq!(c.name, clean_label(label), "name of {code}");
        }
    }
    // PLOVER: every code the conversion table lists explicitly agrees with it.
    let plover = std::fs::read_to_string(dir.join("plover/CAMEO2PLOVER-2021.txt")).unwrap();
    let mut checked = 0;
    for line in plover.lines() {
        let line = line.split('#').next().unwrap().trim();
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        let fields: Vec<&str> = rest.split(',').map(str::trim).collect();
        if fields.len() < 2 {
            continue;
        }
        if let Some(c) = lookup(code.trim()) {
            assert_eq!(c.plover_type, fields[0], "PLOVER type of {code}");
            assert_eq!(c.plover_mode, Some(fields[1]).filter(|m| !m.is_empty()), "PLOVER mode of {code}");
            checked += 1;
        }
    }
    assert!(checked > 250, "only {checked} PLOVER lines checked");
}
