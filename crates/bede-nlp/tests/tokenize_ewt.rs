//! Agreement of our tokenizer with the UD English EWT tokenization, measured
//! on the treebank's `# text` lines at test time (the treebank is read from
//! the shared data folder, never copied into the repository). Skipped with a
//! message when the data is absent.
//!
//! Set `BEDE_TOK_DIFF=1` to print disagreeing sentences, `BEDE_TOK_FILE` to
//! use another EWT file (default: the dev set).

use bede_nlp::tokenize::{tokenize, Token};
use std::path::PathBuf;

fn ewt(file: &str) -> Option<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud_english_ewt").join(file);
    match std::fs::read_to_string(&p) {
        Ok(s) => Some(s),
        Err(_) => {
            eprintln!("skipping: {} not found", p.display());
            None
        }
    }
}

/// (text, gold spans) per sentence. Multiword tokens are split into their
/// words when the words spell the surface form (`don't` = `do` + `n't`).
fn gold(conllu: &str) -> Vec<(String, Vec<(usize, usize)>)> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut toks: Vec<(String, Vec<String>)> = Vec::new();
    let mut mwt_end = 0usize;
    let flush = |text: &mut String, toks: &mut Vec<(String, Vec<String>)>, out: &mut Vec<_>| {
        if toks.is_empty() {
            return;
        }
        let mut spans = Vec::new();
        let mut pos = 0;
        let mut ok = true;
        for (surface, words) in toks.drain(..) {
            let Some(i) = text[pos..].find(&surface) else {
                ok = false;
                break;
            };
            let s = pos + i;
            pos = s + surface.len();
            if words.concat() == surface {
                let mut p = s;
                for w in &words {
                    spans.push((p, p + w.len()));
                    p += w.len();
                }
            } else {
                spans.push((s, pos));
            }
        }
        if ok {
            out.push((std::mem::take(text), spans));
        }
        text.clear();
    };
    for line in conllu.lines() {
        if let Some(t) = line.strip_prefix("# text = ") {
            text = t.to_string();
        } else if line.is_empty() {
            flush(&mut text, &mut toks, &mut out);
            mwt_end = 0;
        } else if !line.starts_with('#') {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 || cols[0].contains('.') {
                continue;
            }
            if let Some((a, b)) = cols[0].split_once('-') {
                let (_a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
                mwt_end = b;
                toks.push((cols[1].to_string(), Vec::new()));
            } else {
                let id: usize = cols[0].parse().unwrap();
                if id <= mwt_end {
                    toks.last_mut().unwrap().1.push(cols[1].to_string());
                } else {
                    toks.push((cols[1].to_string(), vec![cols[1].to_string()]));
                }
            }
        }
    }
    flush(&mut text, &mut toks, &mut out);
    out
}

#[test]
fn agreement_with_ewt_dev() {
    let file = std::env::var("BEDE_TOK_FILE").unwrap_or_else(|_| "en_ewt-ud-dev.conllu".into());
    let Some(data) = ewt(&file) else { return };
    let sents = gold(&data);
    assert!(sents.len() > 1500, "parsed {} sentences", sents.len());
    let diff = std::env::var_os("BEDE_TOK_DIFF").is_some();
    let (mut tp, mut ng, mut np, mut exact) = (0usize, 0usize, 0usize, 0usize);
    let mut v: Vec<Token> = Vec::new();
    for (text, g) in &sents {
        v.clear();
        tokenize(text, &mut v);
        let p: Vec<(usize, usize)> = v.iter().map(|t| (t.start as usize, t.end as usize)).collect();
        let hits = p.iter().filter(|s| g.binary_search(s).is_ok()).count();
        tp += hits;
        ng += g.len();
        np += p.len();
        if p == *g {
            exact += 1;
        } else if diff {
            let show = |s: &[(usize, usize)]| s.iter().map(|&(a, b)| &text[a..b]).collect::<Vec<_>>().join(" ");
            println!("GOLD {}\nOURS {}\n", show(g), show(&p));
        }
    }
    let prec = tp as f64 / np as f64;
    let rec = tp as f64 / ng as f64;
    let f1 = 2.0 * prec * rec / (prec + rec);
    let ex = exact as f64 / sents.len() as f64;
    println!(
        "EWT {file} tokenization: {} sentences, {ng} gold tokens; precision {:.4}, recall {:.4}, F1 {:.4}, exact sentences {:.4}",
        sents.len(),
        prec,
        rec,
        f1,
        ex
    );
    assert!(f1 > 0.985, "token F1 {f1:.4}");
    assert!(ex > 0.85, "exact sentences {ex:.4}");
}
