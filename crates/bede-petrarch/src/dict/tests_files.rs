//! Tests over whole files: the shared PETRARCH dictionaries (skipped when absent) and
//! arbitrary input (never a panic).

use super::*;
use proptest::prelude::*;

const KINDS: [DictKind; 6] =
    [DictKind::Verbs, DictKind::Actors, DictKind::Agents, DictKind::Discards, DictKind::Issues, DictKind::Prepositions];

fn shared_dir() -> Option<PathBuf> {
    let d = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/petrarch2/dictionaries"));
    if d.is_dir() {
        Some(d)
    } else {
        eprintln!("note: {} is absent; test skipped", d.display());
        None
    }
}

#[test]
fn imports_the_shared_petrarch_dictionaries() {
    let Some(dir) = shared_dir() else { return };
    let files = PetrarchFiles::discover(&dir).unwrap();
    assert!(files.verbs.as_ref().is_some_and(|p| p.ends_with("CAMEO.2.0.txt")), "{files:?}");
    assert!(files.agents.as_ref().is_some_and(|p| p.ends_with("Phoenix.agents.txt")), "{files:?}");
    assert_eq!(files.actors.len(), 4);
    let started = std::time::Instant::now();
    let imported = import(&files).unwrap();
    eprintln!("imported in {:?}: {}", started.elapsed(), imported.stats);
    let s = imported.stats;
    assert!(s.synsets > 20 && s.verb_blocks > 300 && s.patterns > 4000, "{s}");
    assert!(s.actors > 20_000 && s.dated_codes > 20_000 && s.agents > 1000, "{s}");
    assert!(s.discards > 400 && s.issues > 2000 && s.prepositions > 50, "{s}");
    assert!(s.skipped < 100, "{s}");
    assert_eq!(imported.actor_files.len(), 5);
    assert_eq!(imported.verb_files.len(), 3);
    for w in &imported.warnings {
        assert!(w.line > 0 && !w.file.is_empty() && files.all().iter().any(|(_, p)| p.ends_with(&w.file)), "{w}");
    }
    // The transformations of CAMEO.2.0 are reported, one by one.
    assert!(imported.warnings.iter().filter(|w| w.message.starts_with("transformation not supported")).count() >= 5);
    // Every line written is plain (no PETRARCH syntax leaks through).
    for (name, text) in imported.verb_files.iter().chain(&imported.actor_files) {
        for l in text.lines() {
            assert!(!l.contains('~') && !l.contains("<!--"), "{name}: {l}");
        }
    }
}

#[test]
fn each_validation_file_converts() {
    let Some(dir) = shared_dir() else { return };
    for (kind, f) in [
        (DictKind::Verbs, "PETR.Validate.verbs.txt"),
        (DictKind::Actors, "PETR.Validate.actors.txt"),
        (DictKind::Agents, "PETR.Validate.agents.txt"),
        (DictKind::Discards, "PETR.Validate.discards.txt"),
    ] {
        let Ok(text) = std::fs::read_to_string(dir.join(f)) else { continue };
        let out = import_str(kind, f, &text);
        assert!(out.warnings.iter().all(|w| w.file == f && w.line > 0));
        let body = &out.actor_files.iter().chain(&out.verb_files).next().unwrap().1;
        match kind {
            DictKind::Verbs => {
                assert!(body.contains("\n%free-codes\n"));
                assert!(out.stats.patterns > 200, "{}", out.stats);
            }
            DictKind::Actors => assert!(body.contains("  code: ") && out.stats.actors > 100, "{}", out.stats),
            DictKind::Agents => assert!(body.contains("  position: before\n") && body.contains("  plurals: \n"), "{body}"),
            _ => assert!(body.contains("discard")),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn import_str_never_panics(text in any::<String>(), k in 0usize..6) {
        let out = import_str(KINDS[k], "p.txt", &text);
        prop_assert!(out.warnings.iter().all(|w| w.line > 0));
    }

    #[test]
    fn dictionary_like_input_never_panics(
        lines in proptest::collection::vec("[-+&~!<>#\\[\\]{}()*_$%^:;| \tA-Z0-9a-z.'\"]{0,40}", 0..30),
        k in 0usize..6,
    ) {
        let text = lines.join("\n");
        let out = import_str(KINDS[k], "p.txt", &text);
        prop_assert!(out.warnings.iter().all(|w| w.line > 0 && w.line <= lines.len().max(1)));
    }
}
