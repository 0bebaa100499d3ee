//! `bede code`: stream articles in, events out, in input order.

use crate::input::ReadArgs;
use crate::output::EventWriter;
use crate::{build_coder, DictArgs, Format};
use anyhow::Context;
use bede_core::{Article, Event};
use rayon::prelude::*;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct CodeArgs {
    /// Inputs: .jsonl/.jsonl.gz files (one article a line: id, text, published?, title?, url?, outlet?),
    /// .txt and .html files, directories (recursive), or - for stdin. None: stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Write events here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: Format,
    /// Leave out events marked negated ("did not agree").
    #[arg(long)]
    pub no_negated: bool,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub dicts: DictArgs,
}

/// Articles coded together; bounds memory whatever the input size.
const BATCH_ARTICLES: usize = 512;
const BATCH_BYTES: usize = 32 * 1024 * 1024;

pub fn run(args: CodeArgs) -> anyhow::Result<ExitCode> {
    let coder = build_coder(&args.dicts)?;
    let pool = args.read.pool()?;
    let inputs = if args.inputs.is_empty() { vec![PathBuf::from("-")] } else { args.inputs.clone() };
    if let Some(code) = ReadArgs::missing_input(&inputs) {
        return Ok(code);
    }
    let reader = args.read.reader(&inputs);

    let sink: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut writer = EventWriter::new(BufWriter::with_capacity(1 << 20, sink), args.format);

    let bar = args.read.progress();
    let started = Instant::now();
    let (mut n_articles, mut n_events, mut n_bad) = (0u64, 0u64, 0u64);
    let mut batch: Vec<Article> = Vec::new();
    let mut batch_bytes = 0usize;
    let mut stop = false;

    let flush_batch = |batch: &mut Vec<Article>, writer: &mut EventWriter<_>, n_events: &mut u64| -> anyhow::Result<()> {
        let coded: Vec<Vec<Event>> = pool.install(|| batch.par_iter().map(|a| coder.code_article(a)).collect());
        for evs in coded {
            for e in evs.iter().filter(|e| !(args.no_negated && e.negated)) {
                writer.write(e).context("writing events")?;
                *n_events += 1;
            }
        }
        writer.flush().context("writing events")?;
        batch.clear();
        Ok(())
    };

    for item in reader {
        match item {
            Ok(a) => {
                batch_bytes += a.text.len();
                batch.push(a);
                n_articles += 1;
            }
            Err(e) => {
                n_bad += 1;
                bar.suspend(|| eprintln!("bede: bad input: {e}"));
                if args.read.strict {
                    stop = true;
                    break;
                }
            }
        }
        if batch.len() >= BATCH_ARTICLES || batch_bytes >= BATCH_BYTES {
            flush_batch(&mut batch, &mut writer, &mut n_events)?;
            batch_bytes = 0;
            bar.set_message(format!("{n_articles} articles, {n_events} events, {n_bad} bad records"));
        }
    }
    flush_batch(&mut batch, &mut writer, &mut n_events)?;
    bar.finish_and_clear();
    if !args.read.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!("bede: {n_articles} articles, {n_events} events, {n_bad} bad records skipped, in {secs:.2}s");
        if stop {
            eprintln!("bede: stopped at the first bad record (--strict)");
        }
    }
    Ok(if n_bad > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
