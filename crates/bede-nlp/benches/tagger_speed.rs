//! Single-threaded tagging speed of the embedded model.
//!
//! `cargo bench -p bede-nlp --bench tagger_speed`
//!
//! Tags the sentences of UD EWT test (read from the shared data folder; a few
//! made-up sentences if it is missing) over and over for a few seconds and
//! prints tokens and sentences per second.

use bede_nlp::tagger::{read_conllu_file, Tagger};
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let t0 = Instant::now();
    let tagger = match Tagger::embedded() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot load the embedded tagger model: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "model loaded in {:.1} ms ({} labels, {} features, {} weights)",
        t0.elapsed().as_secs_f64() * 1e3,
        tagger.num_labels(),
        tagger.num_features(),
        tagger.num_weights()
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud_english_ewt/en_ewt-ud-test.conllu");
    let sentences: Vec<Vec<String>> = match read_conllu_file(&path) {
        Ok(s) => s.into_iter().map(|s| s.words).collect(),
        Err(e) => {
            eprintln!("{e}; using made-up sentences");
            [
                "The minister met his counterpart on Thursday .",
                "Rebels attacked a police station in northern Mali , killing 12 officers , officials said .",
                "“ We wo n’t negotiate , ” the president said .",
                "Troops were deployed to the border — again .",
            ]
            .iter()
            .map(|s| s.split(' ').map(str::to_string).collect())
            .collect()
        }
    };
    let sentences: Vec<Vec<&str>> = sentences.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
    let mut out = Vec::new();
    let mut best = 0f64;
    for round in 0..5 {
        let (mut tokens, mut sents) = (0usize, 0usize);
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(600) {
            for s in &sentences {
                tagger.tag(s, &mut out);
                tokens += out.len();
            }
            sents += sentences.len();
        }
        let secs = start.elapsed().as_secs_f64();
        let tps = tokens as f64 / secs;
        best = best.max(tps);
        println!("round {round}: {:>9.0} tokens/s, {:>7.0} sentences/s", tps, sents as f64 / secs);
    }
    println!("best: {best:.0} tokens/s");
}
