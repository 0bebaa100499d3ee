//! Throughput of the tokenizer, sentence splitter and lemmatizer on the
//! sentences of UD English EWT train (read at test time; made-up text if
//! absent). Ignored by default; run in release mode:
//!
//! ```text
//! cargo test --release -p bede-nlp --test tokenize_bench -- --ignored --nocapture
//! ```

use bede_nlp::lemma::lemma;
use bede_nlp::sentences::split_sentences;
use bede_nlp::tags::Xpos;
use bede_nlp::tokenize::{tokenize, Token};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

/// Paragraphs (sentences joined by spaces) and (word, XPOS) pairs.
fn corpus() -> (Vec<String>, Vec<(String, Xpos)>) {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud_english_ewt/en_ewt-ud-train.conllu");
    let mut paras: Vec<String> = Vec::new();
    let mut words = Vec::new();
    match std::fs::read_to_string(&p) {
        Ok(data) => {
            for line in data.lines() {
                if line.starts_with("# newpar") || line.starts_with("# newdoc") {
                    paras.push(String::new());
                } else if let Some(t) = line.strip_prefix("# text = ") {
                    if paras.is_empty() {
                        paras.push(String::new());
                    }
                    let last = paras.last_mut().unwrap();
                    if !last.is_empty() {
                        last.push(' ');
                    }
                    last.push_str(t);
                } else if !line.starts_with('#') && !line.is_empty() {
                    let c: Vec<&str> = line.split('\t').collect();
                    if c.len() > 4 && !c[0].contains(['-', '.']) {
                        if let Some(x) = Xpos::parse(c[4]) {
                            words.push((c[1].to_string(), x));
                        }
                    }
                }
            }
            paras.retain(|p| !p.is_empty());
        }
        Err(_) => {
            eprintln!("{} not found: using made-up text", p.display());
            let para = "Sen. Chuck Schumer, D-N.Y., spoke on Jan. 5 with Turkey's envoy. \
                        \"We don't accept it,\" the ministry said on Thursday. Talks resumed \
                        in Baku at 14:32 (UTC +04:00) after 1,000 people protested.";
            paras = vec![para.to_string(); 5000];
            for w in para.split(' ') {
                words.push((w.to_string(), Xpos::Vbd));
                words.push((w.to_string(), Xpos::Nns));
            }
        }
    }
    (paras, words)
}

#[test]
#[ignore]
fn throughput() {
    let (paras, words) = corpus();
    let doc = paras.join("\n");
    let bytes = doc.len();
    let reps = 20;

    let mut toks: Vec<Token> = Vec::new();
    let mut ntok = 0usize;
    let t = Instant::now();
    for _ in 0..reps {
        for p in &paras {
            toks.clear();
            tokenize(black_box(p), &mut toks);
            ntok += toks.len();
        }
    }
    let dt = t.elapsed().as_secs_f64();
    println!(
        "tokenize: {:.1} M tokens/s, {:.0} MB/s ({} tokens x {reps})",
        ntok as f64 / dt / 1e6,
        (bytes * reps) as f64 / dt / 1e6,
        ntok / reps
    );

    let mut nsent = 0usize;
    let t = Instant::now();
    for _ in 0..reps {
        nsent += black_box(split_sentences(black_box(&doc))).len();
    }
    let dt = t.elapsed().as_secs_f64();
    println!(
        "split_sentences: {:.2} M sentences/s, {:.0} MB/s ({} sentences x {reps})",
        nsent as f64 / dt / 1e6,
        (bytes * reps) as f64 / dt / 1e6,
        nsent / reps
    );

    let mut nsent = 0usize;
    let mut ntok = 0usize;
    let t = Instant::now();
    for _ in 0..reps {
        for r in split_sentences(&doc) {
            toks.clear();
            tokenize(&doc[r], &mut toks);
            ntok += toks.len();
            nsent += 1;
        }
    }
    let dt = t.elapsed().as_secs_f64();
    println!("split + tokenize: {:.0} k sentences/s, {:.1} M tokens/s", nsent as f64 / dt / 1e3, ntok as f64 / dt / 1e6);

    let mut nlem = 0usize;
    let t = Instant::now();
    for _ in 0..reps {
        for (w, x) in &words {
            black_box(lemma(black_box(w), *x));
            nlem += 1;
        }
    }
    let dt = t.elapsed().as_secs_f64();
    println!("lemma: {:.1} M words/s", nlem as f64 / dt / 1e6);
}
