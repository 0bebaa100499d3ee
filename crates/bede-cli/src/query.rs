//! `bede query` (being built for issue 4).

use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct QueryArgs {}

pub fn run(_args: QueryArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("bede query is not built yet")
}
