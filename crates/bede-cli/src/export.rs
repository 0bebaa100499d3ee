//! `bede export` (being built for issue 4).

use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct ExportArgs {}

pub fn run(_args: ExportArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("bede export is not built yet")
}
