//! `bede`: political event data from news text.
//!
//! Exit codes: 0 ok; 1 runtime failure (cannot write, cannot load a
//! dictionary); 2 bad usage or bad input (records reported and skipped).

mod code;
mod dict_cmd;
mod eval;
mod export;
mod ingest;
mod input;
mod output;
mod query;
mod serve;
mod throughput;
mod validate;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "bede", version, about = "Code political events (CAMEO, PLOVER) from news articles, with the evidence for each.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// One Event record (JSON) per line, every field present.
    Jsonl,
    /// A flat CSV table, CAMEO codes quoted as text so leading zeros survive.
    Csv,
    /// GDELT 2.0 event table: 61 tab-separated columns, no header, codes as strings
    /// (no tone, no geography: Bede has neither). See docs/export.md.
    Gdelt,
    /// ICEWS coded event data: 20 tab-separated columns with ICEWS's header, country names.
    Icews,
    /// PLOVER JSON records, one a line, with Bede's evidence.
    Plover,
}

#[derive(clap::Args, Clone, Debug, Default)]
pub struct DictArgs {
    /// An extra actor dictionary directory (our format, see crates/bede-actors/dict/FORMAT.md); repeatable.
    #[arg(long = "actors", value_name = "DIR")]
    pub actors: Vec<PathBuf>,
    /// An extra verb-pattern dictionary directory (see crates/bede-coder/dict/FORMAT.md); repeatable.
    #[arg(long = "verbs", value_name = "DIR")]
    pub verbs: Vec<PathBuf>,
    /// A PETRARCH/TABARI dictionary directory, imported on the fly (as `bede dict import petrarch`
    /// would) and used instead of the embedded defaults; repeatable.
    #[arg(long = "dict", value_name = "DIR")]
    pub dict: Vec<PathBuf>,
    /// Use only the dictionaries given with --actors/--verbs/--dict, not the embedded defaults.
    #[arg(long)]
    pub no_default_dicts: bool,
    /// Coding conventions. `bede`: an agent without a country is dropped, a default target
    /// stays in its clause. `petrarch` (the default with --dict): as PETRARCH/TABARI
    /// dictionaries expect, an agent without a country is coded `---` + agent (`---GOV`) and
    /// a pattern's target is the first actor after it, even in a complement clause.
    #[arg(long, value_enum)]
    pub conventions: Option<Conventions>,
    /// Also code events with no target (PETRARCH's require_dyad = False).
    #[arg(long)]
    pub no_require_dyad: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Conventions {
    Bede,
    Petrarch,
}

#[derive(Subcommand)]
enum Command {
    /// Code articles into events (JSONL articles, .txt, .html, directories, or - for stdin).
    ///
    /// Articles are read as a stream; events are written in input order whatever
    /// the number of threads. A bad record (malformed JSON, no "text", invalid
    /// UTF-8, over-long line) is reported on stderr with file, line and reason and
    /// skipped; the exit code is then 2. Use --strict to stop at the first one.
    Code(code::CodeArgs),
    /// Show how a sentence is analysed and coded: tokens, tags, chunks, actors, patterns, events.
    Explain {
        /// The sentence (or a short text) to explain.
        text: String,
        /// The publication date relative dates resolve against (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[command(flatten)]
        dicts: DictArgs,
    },
    /// Measure raw-text-to-events throughput on one thread (sentences/s, MB/s).
    Throughput(throughput::ThroughputArgs),
    /// Dictionary tools: import PETRARCH/TABARI dictionaries into Bede's own format.
    #[command(subcommand)]
    Dict(dict_cmd::DictCommand),
    /// Run a PETRARCH validation file (XML): code each record's text, compare with its
    /// expected events, print per-record results and a summary.
    Validate(validate::ValidateArgs),
    /// Score Bede against a gold file (JSONL with expected events, or coarse-labelled
    /// sentences): precision, recall and F1 at code, root, PLOVER type and dyad level.
    Eval(eval::EvalArgs),
    /// Code articles and store them, their sentences and events in the event database
    /// (SQLite, WAL). Re-ingesting an article adds nothing; a changed article replaces its events.
    Ingest(ingest::IngestArgs),
    /// Query the event database: filtered events, or a dyad's time series (--dyad RUS-TUR --by month).
    Query(query::QueryArgs),
    /// Export the event database as GDELT, ICEWS, PLOVER JSONL, CSV or partitioned Parquet.
    Export(export::ExportArgs),
    /// Serve the event database: a JSON API (docs/api.md) and a web dashboard, read-only,
    /// on http://127.0.0.1:8080/ by default.
    Serve(serve::ServeArgs),
    /// Train the part-of-speech tagger on a UD CoNLL-U treebank and write the model file.
    TrainTagger {
        /// Training treebank.
        #[arg(long, default_value = "../shared/data/ud_english_ewt/en_ewt-ud-train.conllu")]
        train: PathBuf,
        /// Test treebank, to report accuracy.
        #[arg(long, default_value = "../shared/data/ud_english_ewt/en_ewt-ud-test.conllu")]
        test: PathBuf,
        /// Where to write the model (the embedded one lives in crates/bede-nlp/model/).
        #[arg(short, long, default_value = "crates/bede-nlp/model/tagger.bin")]
        output: PathBuf,
        /// Training iterations.
        #[arg(long)]
        iterations: Option<usize>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let r = match cli.command {
        Command::Code(args) => code::run(args),
        Command::Explain { text, date, dicts } => explain(&text, date.as_deref(), &dicts),
        Command::Throughput(args) => throughput::run(args),
        Command::Dict(cmd) => dict_cmd::run(cmd),
        Command::Validate(args) => validate::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Query(args) => query::run(args),
        Command::Export(args) => export::run(args),
        Command::Serve(args) => serve::run(args),
        Command::TrainTagger { train, test, output, iterations } => train_tagger(&train, &test, &output, iterations),
    };
    match r {
        Ok(code) => code,
        Err(e) => {
            eprintln!("bede: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

pub fn build_coder(d: &DictArgs) -> anyhow::Result<bede_coder::Coder> {
    let (actor_sources, verb_sources) = dict_cmd::petrarch_sources(&d.dict)?;
    let opts = bede_coder::CoderOptions {
        actor_dirs: d.actors.clone(),
        verb_dirs: d.verbs.clone(),
        no_default_dicts: d.no_default_dicts || !d.dict.is_empty(),
        actor_sources,
        verb_sources,
        ..Default::default()
    };
    Ok(bede_coder::Coder::new(&with_conventions(opts, d))?)
}

/// Apply `--conventions` and `--no-require-dyad` to coder options.
pub fn with_conventions(mut opts: bede_coder::CoderOptions, d: &DictArgs) -> bede_coder::CoderOptions {
    let petrarch =
        d.conventions.unwrap_or(if d.dict.is_empty() { Conventions::Bede } else { Conventions::Petrarch }) == Conventions::Petrarch;
    opts.code_bare_agents = petrarch;
    opts.wide_targets = petrarch;
    opts.allow_untargeted = d.no_require_dyad;
    opts
}

fn explain(text: &str, date: Option<&str>, dicts: &DictArgs) -> anyhow::Result<ExitCode> {
    let date = match date {
        Some(d) => match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                eprintln!("bede: error: --date {d:?} is not a date of the form YYYY-MM-DD");
                return Ok(ExitCode::from(2));
            }
        },
        None => None,
    };
    let coder = build_coder(dicts)?;
    print!("{}", coder.explain(text, date));
    Ok(ExitCode::SUCCESS)
}

fn train_tagger(
    train: &std::path::Path,
    test: &std::path::Path,
    output: &std::path::Path,
    iterations: Option<usize>,
) -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    let mut opts = bede_nlp::tagger::TrainOptions::default();
    if let Some(n) = iterations {
        opts.iterations = n;
    }
    eprintln!("training on {} ...", train.display());
    let (tagger, acc) =
        bede_nlp::tagger::train_from_paths(train, Some(test), &opts).with_context(|| format!("training on {}", train.display()))?;
    std::fs::write(output, tagger.to_bytes()).with_context(|| format!("writing {}", output.display()))?;
    eprintln!("wrote {}", output.display());
    if let Some(a) = acc {
        println!("test accuracy on {}: UPOS {:.2}%, XPOS {:.2}% ({} tokens)", test.display(), a.upos() * 100.0, a.xpos() * 100.0, a.tokens);
    }
    Ok(ExitCode::SUCCESS)
}
