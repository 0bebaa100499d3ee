//! What `bede code` and `bede ingest` share: the input flags, the reader of
//! articles with its warnings, the worker pool and the progress spinner.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug, Clone)]
pub struct ReadArgs {
    /// Worker threads (default: all cores). Neither the output order nor what is stored depends on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Stop at the first bad input record instead of reporting and skipping it
    /// (what was read before it is still written).
    #[arg(long)]
    pub strict: bool,
    /// Longest input record (JSONL line) accepted, in bytes; longer ones are reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_record_bytes: usize,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

impl ReadArgs {
    /// Exit code 2, with a message, when an input path does not exist (`-` is stdin).
    pub fn missing_input(inputs: &[PathBuf]) -> Option<ExitCode> {
        for p in inputs {
            if p.as_os_str() != "-" && !p.exists() {
                eprintln!("bede: error: {}: no such file or directory", p.display());
                return Some(ExitCode::from(2));
            }
        }
        None
    }

    /// The stream of articles from `inputs`; reader warnings go to stderr unless quiet.
    pub fn reader(&self, inputs: &[PathBuf]) -> bede_ingest::Inputs {
        let quiet = self.quiet;
        let warn = bede_ingest::read::WarningSink::new(move |w: &bede_ingest::read::Warning| {
            if !quiet {
                eprintln!("bede: warning: {w}");
            }
        });
        let opts = bede_ingest::ReadOptions { max_record_bytes: self.max_record_bytes, on_warning: Some(warn), ..Default::default() };
        bede_ingest::read_inputs(inputs, &opts)
    }

    /// The coding threads.
    pub fn pool(&self) -> anyhow::Result<rayon::ThreadPool> {
        rayon::ThreadPoolBuilder::new().num_threads(self.threads.unwrap_or(0)).build().context("starting worker threads")
    }

    /// A spinner with a message on a terminal, nothing otherwise (or when quiet).
    pub fn progress(&self) -> ProgressBar {
        if self.quiet || !std::io::stderr().is_terminal() {
            return ProgressBar::hidden();
        }
        let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        b.set_style(ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner()));
        b
    }
}
