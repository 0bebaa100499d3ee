//! `bede dict`: dictionary tools — the PETRARCH/TABARI importer.

use bede_petrarch::dict::{import, Imported, PetrarchFiles};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum DictCommand {
    /// Convert dictionaries from another coder's format into Bede's own format.
    ///
    /// `bede dict import petrarch DIR` reads the PETRARCH/TABARI dictionaries of DIR, found by
    /// file name (case-insensitive): *verbs*.txt or CAMEO*.txt (verb patterns), *actors*.txt
    /// (all of them), *agents*.txt, *discards*.txt, *Issue*.txt and *prepositions*.txt (one
    /// file of each kind but actors; PETRARCH's *Validate* files only when no other). It
    /// writes OUTDIR/actors/*.txt (actors and agents, see crates/bede-actors/dict/FORMAT.md)
    /// and OUTDIR/verbs/*.txt (verb patterns, discards, issues, see
    /// crates/bede-coder/dict/FORMAT.md), usable with `bede code --actors OUTDIR/actors --verbs
    /// OUTDIR/verbs`. (`bede code --dict DIR` does the same conversion in memory.)
    ///
    /// Every entry that cannot be converted exactly is listed on stderr as `file:line: reason`
    /// (file and line of the PETRARCH file), followed by a summary of counts. Exit status: 0
    /// (also when entries were reported, unless --strict), 2 for an unknown FORMAT, an
    /// unusable input file or, with --strict, any reported entry; 1 when the output cannot be
    /// written.
    Import {
        /// The source format; only `petrarch` (PETRARCH and TABARI dictionaries) is known.
        format: String,
        /// The directory holding the dictionaries.
        dir: PathBuf,
        /// Where to write the converted dictionaries (created if missing; must be empty unless
        /// --force is given).
        #[arg(long, short, value_name = "OUTDIR", default_value = "petrarch-dict")]
        out: PathBuf,
        /// Write into OUTDIR even if it is not empty (files of the same name are overwritten).
        #[arg(long)]
        force: bool,
        /// Exit with status 2 if any entry could not be converted exactly (the files are still
        /// written).
        #[arg(long)]
        strict: bool,
    },
}

pub fn run(cmd: DictCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        DictCommand::Import { format, dir, out, force, strict } => import_cmd(&format, &dir, &out, force, strict),
    }
}

fn import_cmd(format: &str, dir: &Path, out: &Path, force: bool, strict: bool) -> anyhow::Result<ExitCode> {
    if !format.eq_ignore_ascii_case("petrarch") {
        eprintln!("bede: error: unknown dictionary format {format:?}; the only format known is 'petrarch' (PETRARCH/TABARI dictionaries)");
        return Ok(ExitCode::from(2));
    }
    let imported = match PetrarchFiles::discover(dir).and_then(|f| {
        for p in &f.ignored {
            eprintln!("bede: note: {} not imported: another file of its kind is used (import it from a directory of its own)", p.display());
        }
        import(&f)
    }) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("bede: error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    if out.exists() && !force {
        let non_empty = std::fs::read_dir(out).map(|mut r| r.next().is_some()).unwrap_or(true);
        if non_empty {
            eprintln!("bede: error: {} exists and is not empty; choose another --out or add --force to overwrite", out.display());
            return Ok(ExitCode::from(2));
        }
    }
    let written = write_files(&imported, out)?;
    for w in &imported.warnings {
        eprintln!("{w}");
    }
    eprintln!("bede: imported {}: {}", dir.display(), imported.stats);
    eprintln!("bede: wrote {written} files to {} (actors/ and verbs/)", out.display());
    let n = imported.warnings.len();
    if n > 0 {
        eprintln!("bede: warning: {n} dictionary entries could not be imported exactly (listed above)");
        if strict {
            return Ok(ExitCode::from(2));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Write actor files to `out/actors/` and verb files to `out/verbs/`; returns how many.
fn write_files(imported: &Imported, out: &Path) -> anyhow::Result<usize> {
    let mut n = 0;
    for (sub, files) in [("actors", &imported.actor_files), ("verbs", &imported.verb_files)] {
        let d = out.join(sub);
        std::fs::create_dir_all(&d).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", d.display()))?;
        for (name, text) in files {
            let base = name.rsplit('/').next().unwrap_or(name);
            let path = d.join(base);
            std::fs::write(&path, text).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            n += 1;
        }
    }
    Ok(n)
}

/// Actor and verb dictionary sources imported from PETRARCH dictionary directories (for
/// `--dict DIR`), as `(name, text)` pairs. Entries that could not be converted are counted in
/// one warning line per directory.
#[allow(clippy::type_complexity)]
pub fn petrarch_sources(dirs: &[PathBuf]) -> anyhow::Result<(Vec<(String, String)>, Vec<(String, String)>)> {
    let mut actors = Vec::new();
    let mut verbs = Vec::new();
    for dir in dirs {
        let files = PetrarchFiles::discover(dir).map_err(|e| anyhow::anyhow!("--dict {}: {e}", dir.display()))?;
        if !files.ignored.is_empty() {
            let names: Vec<String> = files.ignored.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
            eprintln!("bede: note: {}: not used (another file of their kind is): {}", dir.display(), names.join(", "));
        }
        let imported = import(&files).map_err(|e| anyhow::anyhow!("--dict {}: {e}", dir.display()))?;
        let n = imported.warnings.len();
        if n > 0 {
            eprintln!(
                "bede: warning: {}: {n} dictionary entries could not be imported (run 'bede dict import petrarch {}' to list them)",
                dir.display(),
                dir.display()
            );
        }
        // Names are made distinct per directory, so two directories' files never collide.
        let tag = |name: String| if dirs.len() > 1 { format!("{}/{name}", dir.display()) } else { name };
        actors.extend(imported.actor_files.into_iter().map(|(n, t)| (tag(n), t)));
        verbs.extend(imported.verb_files.into_iter().map(|(n, t)| (tag(n), t)));
    }
    Ok((actors, verbs))
}
