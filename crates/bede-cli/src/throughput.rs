//! `bede throughput`: raw text to events on one thread, over the raw sentence
//! texts of CoNLL-U files (`# text = ...` lines) grouped into articles.

use anyhow::Context;
use bede_core::Article;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct ThroughputArgs {
    /// CoNLL-U files whose `# text =` lines are the sentences (grouped into articles),
    /// or JSONL article files (coded as they are).
    #[arg(default_values = ["../shared/data/ud_english_ewt/en_ewt-ud-train.conllu", "../shared/data/ud_english_ewt/en_ewt-ud-dev.conllu", "../shared/data/ud_english_ewt/en_ewt-ud-test.conllu"])]
    pub files: Vec<PathBuf>,
    /// Sentences per article.
    #[arg(long, default_value_t = 20)]
    pub per_article: usize,
    /// Code the corpus this many times (to reach a large sentence count).
    #[arg(long, default_value_t = 4)]
    pub repeat: usize,
}

pub fn run(args: ThroughputArgs) -> anyhow::Result<ExitCode> {
    let mut sentences = Vec::new();
    let mut articles: Vec<Article> = Vec::new();
    for f in &args.files {
        if f.extension().is_some_and(|x| x == "jsonl") {
            let opts = bede_ingest::ReadOptions::default();
            for a in bede_ingest::read_inputs(std::slice::from_ref(f), &opts) {
                articles.push(a.map_err(|e| anyhow::anyhow!("{e}"))?);
            }
            continue;
        }
        let file = std::fs::File::open(f).with_context(|| format!("opening {}", f.display()))?;
        for line in std::io::BufReader::new(file).lines() {
            let line = line.with_context(|| format!("reading {}", f.display()))?;
            if let Some(t) = line.strip_prefix("# text = ") {
                sentences.push(t.to_string());
            }
        }
    }
    articles.extend(sentences.chunks(args.per_article.max(1)).enumerate().map(|(i, c)| Article {
        id: format!("t{i}"),
        text: c.join("\n"),
        published: chrono::NaiveDate::from_ymd_opt(2020, 7, 24),
        ..Default::default()
    }));
    anyhow::ensure!(!articles.is_empty(), "no articles: give CoNLL-U files with '# text =' lines or JSONL articles");
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let coder = crate::build_coder(&crate::DictArgs::default())?;
    // Count sentences as the pipeline splits them (after cleaning).
    let per_pass: usize = articles.iter().map(|a| bede_nlp::split_sentences(&coder.clean(a).body).len()).sum();
    let t0 = Instant::now();
    let mut events = 0usize;
    let mut coded_sentences = 0usize;
    for _ in 0..args.repeat.max(1) {
        for a in &articles {
            events += coder.code_article(a).len();
        }
        coded_sentences += per_pass;
    }
    let secs = t0.elapsed().as_secs_f64();
    let total_bytes = bytes * args.repeat.max(1);
    println!(
        "{coded_sentences} sentences ({} articles x {}), {:.1} MB, {events} events in {secs:.2} s on one thread: {:.0} sentences/s, {:.2} MB/s",
        articles.len(),
        args.repeat.max(1),
        total_bytes as f64 / 1e6,
        coded_sentences as f64 / secs,
        total_bytes as f64 / 1e6 / secs
    );
    Ok(ExitCode::SUCCESS)
}
