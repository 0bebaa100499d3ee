//! `bede ingest`: code articles and store them in the event database.
//!
//! Reading is `bede code`'s (same inputs, same bad-record reports); articles
//! are coded in parallel a batch at a time while a single writer thread
//! stores the previous batch, in input order, one transaction per batch.

use crate::input::ReadArgs;
use crate::{build_coder, DictArgs};
use anyhow::Context;
use bede_core::Article;
use bede_store::{content_hash, ArticleInput, ClusterOptions, IngestReport, Store};
use rayon::prelude::*;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::sync_channel;
use std::time::Instant;

const AFTER_HELP: &str = "\
Idempotent: an article already in the database (same id and same text, or the same text under
another id) is counted as unchanged and adds nothing, so running the same ingest twice, or
ingesting overlapping inputs, never duplicates events. An article whose id is stored with a
different text replaces its old sentences and events (their clusters are recounted).

Crash-safe: each batch of --batch articles is one SQLite transaction (WAL mode). If bede is
killed (even with kill -9), the database holds exactly the batches committed before, never
half an article; run the same command again to complete it. (A power loss or OS crash may also
undo the last few commits, as synchronous=NORMAL trades that for speed; the database stays
consistent and a re-run restores them.) Other processes (bede query, bede serve) can read the
database while it is being written.

Clustering: mentions of the same event (same source and target at country-and-sector level,
same CAMEO root, same negation, dates within --window-days) from different articles form one
event cluster with its mention, source (outlet) and article counts; each mention keeps its own
evidence.

Exit codes: 0 ok; 1 runtime failure (database cannot be opened or written, dictionary error);
2 bad input (bad records are reported with file, line and reason, skipped and counted).";

#[derive(clap::Args, Debug)]
#[command(after_long_help = AFTER_HELP)]
pub struct IngestArgs {
    /// Inputs: .jsonl/.jsonl.gz files (one article a line: id, text, published?, title?, url?, outlet?),
    /// .txt and .html files, directories (recursive), or - for stdin.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,
    /// The event database (SQLite); created if it does not exist.
    #[arg(long, value_name = "PATH", default_value = "bede.db")]
    pub db: PathBuf,
    /// Articles per transaction. Smaller batches lose less work to a crash; larger ones write faster.
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,
    /// Mentions whose dates differ by at most this many days can be the same event (±N days).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub window_days: u32,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub dicts: DictArgs,
}

/// A coded batch for the writer, with how many articles before it were
/// skipped as already stored (counted as unchanged, never sent).
struct Work {
    articles: Vec<ArticleInput>,
    skipped: u64,
}

/// A 64-bit key for an article id, to remember which ids this run has read
/// without keeping every id string (a collision only costs a needless coding).
fn id_key(id: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// Bounds memory per batch whatever --batch is (a batch is held twice: being coded and being written).
const BATCH_BYTES: usize = 32 * 1024 * 1024;

pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    if let Some(code) = ReadArgs::missing_input(&args.inputs) {
        return Ok(code);
    }
    let coder = build_coder(&args.dicts)?;
    let pool = args.read.pool()?;
    let mut store = Store::open(&args.db).context("opening the event database")?;
    // A second, read-only connection lets the reading thread skip articles a
    // previous (perhaps killed) run already stored without coding them.
    let probe = Store::open_read_only(&args.db).context("opening the event database")?;
    let cluster_opts = ClusterOptions { window_days: args.window_days };

    let reader = args.read.reader(&args.inputs);

    let bar = args.read.progress();
    let started = Instant::now();
    let batch_articles = args.batch as usize;
    let (mut n_read, mut n_bad) = (0u64, 0u64);
    let mut stopped = false;

    let written: anyhow::Result<(IngestReport, Store)> = std::thread::scope(|s| {
        // One batch in flight: the writer stores batch k while batch k+1 is coded.
        let (send, recv) = sync_channel::<Work>(1);
        let writer_bar = bar.clone();
        let writer = s.spawn(move || -> anyhow::Result<(IngestReport, Store)> {
            let mut total = IngestReport::default();
            let mut done = 0u64;
            for work in recv {
                if !work.articles.is_empty() {
                    let r = store.ingest_batch(&work.articles, &cluster_opts)?;
                    total.add(&r);
                }
                total.unchanged += work.skipped;
                done += work.articles.len() as u64 + work.skipped;
                let rate = done as f64 / started.elapsed().as_secs_f64().max(1e-9);
                writer_bar.set_message(format!(
                    "{done} articles ({rate:.0}/s): {} added, {} replaced, {} unchanged, {} events",
                    total.added, total.replaced, total.unchanged, total.events
                ));
            }
            Ok((total, store))
        });

        let code_batch = |batch: Vec<Article>| -> Vec<ArticleInput> {
            pool.install(|| {
                batch
                    .into_par_iter()
                    .map(|a| {
                        let coded = coder.code_article_with_sentences(&a);
                        ArticleInput { article: a, sentences: coded.sentences, events: coded.events }
                    })
                    .collect()
            })
        };
        let mut batch: Vec<Article> = Vec::new();
        let mut batch_bytes = 0usize;
        let mut skipped = 0u64;
        let mut seen: HashSet<u64> = HashSet::new();
        for item in reader {
            match item {
                Ok(a) => {
                    n_read += 1;
                    // Skipping is safe only when no article read earlier in this run
                    // (perhaps still uncommitted) has the id concerned: the first time
                    // an id is read, what is committed is what the writer will see.
                    let first_time = seen.insert(id_key(&a.id));
                    let stored = if first_time { probe.already_stored(&a.id, &content_hash(&a.text))? } else { None };
                    match stored {
                        Some(holder) if holder == a.id || !seen.contains(&id_key(&holder)) => skipped += 1,
                        _ => {
                            batch_bytes += a.text.len();
                            batch.push(a);
                        }
                    }
                }
                Err(e) => {
                    n_bad += 1;
                    bar.suspend(|| eprintln!("bede: bad input: {e}"));
                    if args.read.strict {
                        stopped = true;
                        break;
                    }
                }
            }
            if batch.len() + skipped as usize >= batch_articles || batch_bytes >= BATCH_BYTES {
                let work = Work { articles: code_batch(std::mem::take(&mut batch)), skipped: std::mem::take(&mut skipped) };
                // A failed send means the writer stopped on an error; join reports it.
                if send.send(work).is_err() {
                    break;
                }
                batch_bytes = 0;
            }
        }
        if !batch.is_empty() || skipped > 0 {
            let _ = send.send(Work { articles: code_batch(batch), skipped });
        }
        drop(send);
        writer.join().map_err(|_| anyhow::anyhow!("the database writer thread panicked"))?
    });
    bar.finish_and_clear();
    let (report, store) = written.with_context(|| format!("ingesting into {}", args.db.display()))?;

    if !args.read.quiet {
        let secs = started.elapsed().as_secs_f64();
        let (articles, events, clusters) = store.counts()?;
        eprintln!(
            "bede: {n_read} articles read: {} added, {} replaced, {} unchanged; {} events stored, {} new clusters, {} removed; \
             {n_bad} bad records skipped; {secs:.2}s ({:.0} articles/s)",
            report.added,
            report.replaced,
            report.unchanged,
            report.events,
            report.clusters_created,
            report.clusters_removed,
            n_read as f64 / secs.max(1e-9),
        );
        if report.duplicate_ids > 0 {
            eprintln!("bede: {} events not stored: another event of the same article has the same id", report.duplicate_ids);
        }
        eprintln!("bede: {} now holds {articles} articles, {events} events in {clusters} clusters", args.db.display());
        if stopped {
            eprintln!("bede: stopped at the first bad record (--strict)");
        }
    }
    Ok(if n_bad > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
