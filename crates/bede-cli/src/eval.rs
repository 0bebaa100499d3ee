//! `bede eval`: code the texts of a gold file and score the events against it.
//!
//! Gold records with expected events are scored with `bede_eval::score` (P/R/F1 at
//! code, root, PLOVER-type and dyad level); records with a coarse label with
//! `bede_eval::coarse`. A file may hold both kinds. Events the coder marks as
//! negated ("did not agree") are not counted unless `--keep-negated`: gold data
//! records what happened.

use crate::{build_coder, DictArgs};
use anyhow::Context;
use bede_core::{Article, Event};
use bede_eval::gold::{self, GoldFormat, GoldRecord, Triple};
use bede_eval::{CoarseScorer, EventScorer};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Clone, Copy, Debug, clap::ValueEnum, PartialEq, Eq)]
pub enum GoldFormatArg {
    /// JSONL: {"id", "text", "published"?, "expected": [{"source","target","code"}]} or {"id","text","label": 0..4}.
    Jsonl,
    /// ConfliBERT CAMEO-class TSV: sentence<TAB>label (0..4).
    Conflibert,
}

#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// The gold file: JSONL (expected events and/or coarse labels) or ConfliBERT TSV.
    pub gold: PathBuf,
    /// Gold format (default: from the extension, .tsv = conflibert, else jsonl).
    #[arg(long, value_enum)]
    pub format: Option<GoldFormatArg>,
    /// Print the scores as one JSON object instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Score only the first N records.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Count events the coder marks as negated.
    #[arg(long)]
    pub keep_negated: bool,
    #[command(flatten)]
    pub dicts: DictArgs,
}

/// An event as scored: its actor codes (`---` when absent) and CAMEO code.
pub(crate) fn event_triple(e: &Event) -> Triple {
    Triple::new(Some(&e.source.code), e.target.as_ref().map(|t| t.code.as_str()), &e.cameo)
}

/// A spinner with a record count on stderr when it is a terminal, else hidden.
pub(crate) fn progress(len: usize, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let b = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    let template = format!("{{spinner}} {{elapsed_precise}} {{pos}}/{{len}} {what}");
    b.set_style(ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_spinner()));
    b
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    if !args.gold.is_file() {
        eprintln!("bede: error: {}: no such file", args.gold.display());
        return Ok(ExitCode::from(2));
    }
    let format = match args.format {
        Some(GoldFormatArg::Jsonl) => GoldFormat::Jsonl,
        Some(GoldFormatArg::Conflibert) => GoldFormat::Conflibert,
        None => GoldFormat::from_path(&args.gold),
    };
    let mut records = match gold::read_path(&args.gold, format) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("bede: error: bad gold file: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    if let Some(n) = args.limit {
        records.truncate(n);
    }
    let coder = build_coder(&args.dicts)?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build().context("starting worker threads")?;

    let started = Instant::now();
    let bar = progress(records.len(), "records");
    let predicted: Vec<Vec<Triple>> = pool.install(|| {
        records
            .par_iter()
            .map(|g| {
                let events = coder.code_article(&article(g));
                bar.inc(1);
                events.iter().filter(|e| args.keep_negated || !e.negated).map(event_triple).collect()
            })
            .collect()
    });
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();

    let mut events = EventScorer::new();
    let mut coarse = CoarseScorer::new();
    let (mut n_events, mut n_labels) = (0usize, 0usize);
    for (g, pred) in records.iter().zip(&predicted) {
        if let Some(exp) = &g.expected {
            events.add(pred, exp);
            n_events += 1;
        }
        if let Some(label) = g.label {
            coarse.add(label, bede_eval::coarse::sentence_class(pred.iter().map(|t| t.code.as_str())));
            n_labels += 1;
        }
    }

    let gold_name = args.gold.display().to_string();
    if args.json {
        let v = serde_json::json!({
            "gold": gold_name,
            "records": records.len(),
            "negated_counted": args.keep_negated,
            "events": (n_events > 0).then(|| events.scores()),
            "coarse": (n_labels > 0).then(|| coarse.scores()),
            "seconds": secs,
        });
        println!("{v}");
    } else {
        println!(
            "gold {gold_name}: {} records ({n_events} with expected events, {n_labels} with coarse labels), coded in {secs:.2}s",
            records.len()
        );
        if !args.keep_negated {
            println!("(events marked negated are not counted; --keep-negated counts them)");
        }
        if n_events > 0 {
            println!("\n== events ==");
            print!("{}", events.scores().render_text());
        }
        if n_labels > 0 {
            println!("\n== coarse classes ==");
            print!("{}", coarse.scores().render_text());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn article(g: &GoldRecord) -> Article {
    Article { id: g.id.clone(), text: g.text.clone(), published: g.published, ..Default::default() }
}
