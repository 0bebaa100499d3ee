//! Sentence boundary agreement with UD English EWT, measured at test time:
//! each EWT paragraph (`# newpar`) is rebuilt by joining its sentences'
//! `# text` with a space, split again, and the boundaries compared. EWT is
//! web text (many sentences lack final punctuation, which no splitter can
//! recover, and many start in lower case), so besides precision (how many of
//! our boundaries are EWT's) and recall we report the recall of "visible"
//! boundaries: after `.`, `!` or `?` and before an upper-case letter, a
//! digit or an opening quote.
//! Skipped with a message when the data is absent.
//!
//! `BEDE_SENT_DIFF=1` prints disagreements; `BEDE_SEEDS=1` prints the
//! sentences of the seed articles in /work/shared/seeds.

use bede_nlp::sentences::split_sentences;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(rel)
}

#[test]
fn agreement_with_ewt_paragraphs() {
    let p = shared("data/ud_english_ewt/en_ewt-ud-dev.conllu");
    let Ok(data) = std::fs::read_to_string(&p) else {
        eprintln!("skipping: {} not found", p.display());
        return;
    };
    let mut paras: Vec<Vec<String>> = Vec::new();
    for line in data.lines() {
        if line.starts_with("# newpar") || line.starts_with("# newdoc") {
            if paras.last().is_none_or(|p| !p.is_empty()) {
                paras.push(Vec::new());
            }
        } else if let Some(t) = line.strip_prefix("# text = ") {
            if paras.is_empty() {
                paras.push(Vec::new());
            }
            paras.last_mut().unwrap().push(t.to_string());
        }
    }
    let diff = std::env::var_os("BEDE_SENT_DIFF").is_some();
    let (mut tp, mut ng, mut np) = (0usize, 0usize, 0usize);
    // Boundaries after a terminator: the ones a splitter can see.
    let (mut tp_vis, mut ng_vis) = (0usize, 0usize);
    for para in paras.iter().filter(|p| !p.is_empty()) {
        let text = para.join(" ");
        let mut gold = BTreeSet::new();
        let mut visible = BTreeSet::new();
        let mut pos = 0;
        for (k, s) in para[..para.len() - 1].iter().enumerate() {
            pos += s.len();
            gold.insert(pos);
            let next = para[k + 1].chars().next().unwrap_or(' ');
            let opens = next.is_uppercase() || next.is_ascii_digit() || "\"'“‘(".contains(next);
            if opens && s.trim_end_matches(['"', '\'', ')', '”', '’']).ends_with(['.', '!', '?']) {
                visible.insert(pos);
            }
            pos += 1;
        }
        let ours: BTreeSet<usize> = split_sentences(&text).iter().map(|r| r.end).filter(|&e| e < text.len()).collect();
        tp += ours.intersection(&gold).count();
        tp_vis += ours.intersection(&visible).count();
        ng += gold.len();
        ng_vis += visible.len();
        np += ours.len();
        if diff && ours != gold {
            for r in split_sentences(&text) {
                println!("  | {}", &text[r]);
            }
            println!("  gold: {}\n", para.join(" || "));
        }
    }
    let prec = tp as f64 / np as f64;
    let rec = tp as f64 / ng as f64;
    let rec_vis = tp_vis as f64 / ng_vis as f64;
    println!(
        "EWT dev sentence boundaries inside paragraphs: {ng} gold ({ng_vis} visible), {np} ours; \
         precision {prec:.4}, recall {rec:.4}, recall of visible boundaries {rec_vis:.4}"
    );
    assert!(prec > 0.95, "precision {prec:.4}");
    assert!(rec_vis > 0.90, "visible recall {rec_vis:.4}");
}

#[test]
fn seeds_split_sanely() {
    let dir = shared("seeds");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: {} not found", dir.display());
        return;
    };
    let show = std::env::var_os("BEDE_SEEDS").is_some();
    let mut files: Vec<_> = rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let rs = split_sentences(&text);
        assert!(!rs.is_empty());
        for r in &rs {
            let s = &text[r.clone()];
            assert!(!s.is_empty() && s.trim() == s);
            if show {
                println!("{s}\n---");
            }
        }
        if show {
            println!("=========");
        }
    }
}
