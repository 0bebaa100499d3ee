//! `bede eval`: score against a gold file. (Owned by the evaluation work.)

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// The gold file.
    pub gold: PathBuf,
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("{}: evaluation is not available yet", args.gold.display())
}
