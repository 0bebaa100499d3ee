//! `bede dict`: dictionary tools. (Owned by the PETRARCH importer work.)

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum DictCommand {
    /// Import dictionaries from another coder's format.
    Import {
        /// The source format.
        format: String,
        /// The directory holding the dictionaries.
        dir: PathBuf,
    },
}

pub fn run(cmd: DictCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        DictCommand::Import { format, dir } => anyhow::bail!("import of {format} from {} is not available yet", dir.display()),
    }
}

/// Actor and verb dictionary sources imported from PETRARCH dictionary directories.
#[allow(clippy::type_complexity)]
pub fn petrarch_sources(dirs: &[PathBuf]) -> anyhow::Result<(Vec<(String, String)>, Vec<(String, String)>)> {
    if let Some(d) = dirs.first() {
        anyhow::bail!("--dict {}: PETRARCH import is not available yet", d.display());
    }
    Ok((Vec::new(), Vec::new()))
}
