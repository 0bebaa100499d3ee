//! `bede validate`: run a PETRARCH validation file. (Owned by the validation work.)

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct ValidateArgs {
    /// The validation file (PETRARCH XML).
    pub file: PathBuf,
}

pub fn run(args: ValidateArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("{}: validation is not available yet", args.file.display())
}
