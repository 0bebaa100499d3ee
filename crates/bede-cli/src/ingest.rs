//! `bede ingest` (being built for issue 4).

use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct IngestArgs {}

pub fn run(_args: IngestArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("bede ingest is not built yet")
}
