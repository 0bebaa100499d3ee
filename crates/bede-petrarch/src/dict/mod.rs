//! PETRARCH/TABARI dictionary readers and their conversion to Bede's own dictionary formats.
//!
//! The PETRARCH formats are described in PETRARCH's `dictionaries.rst` (verb patterns with
//! synonym sets, actors with date-restricted codes, agents, discards, issues); the Bede formats
//! in `crates/bede-coder/dict/FORMAT.md` (verbs, discards, issues) and
//! `crates/bede-actors/dict/FORMAT.md` (actors, agents).
//!
//! [`import`] reads the files a [`PetrarchFiles`] names (found with [`PetrarchFiles::discover`]);
//! [`import_str`] converts one file's text. Both produce Bede dictionary files as
//! `(name, text)` pairs plus a [`Diagnostic`] for every entry that could not be converted
//! exactly (never silently dropped). Only a file that cannot be used at all is an
//! [`ImportError`].
//!
//! Conversion decisions (the details are in each converter's module docs):
//! - six-digit dates `YYMMDD` follow PETRARCH's `dstr_to_ordate` (for consistency with KEDS and
//!   TABARI): `YY` from 00 to 30 is 20YY, otherwise 19YY;
//! - actor names are written in Title Case, except one-word names of at most three letters all
//!   in capitals (acronyms: `UN`, `USA`, `U.S.`), which stay in capitals and therefore match only
//!   in capitals in Bede; agent names are written in lower case with the same exception;
//! - plurals: synonym-set phrases get PETRARCH's regular plurals written out; agents without a
//!   `{plural}` get Bede's plural rule, `{}` becomes an empty `plurals:` line.

mod actors;
mod agents;
mod lists;
mod text;
mod verbs;

use std::fmt;
use std::path::{Path, PathBuf};

/// The kinds of PETRARCH dictionary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DictKind {
    /// Verb patterns with synonym sets (`CAMEO.2.0.txt`, `*.verbs.txt`).
    Verbs,
    /// Actors with date-restricted codes (`*.actors.txt`).
    Actors,
    /// Agents (`*.agents.txt`).
    Agents,
    /// The discard list (`*.discards.txt`).
    Discards,
    /// The issues list (`*Issue*.txt`).
    Issues,
    /// The prepositions list (not used by Bede).
    Prepositions,
}

impl DictKind {
    /// The word used in output file names and messages.
    pub fn name(self) -> &'static str {
        match self {
            DictKind::Verbs => "verbs",
            DictKind::Actors => "actors",
            DictKind::Agents => "agents",
            DictKind::Discards => "discards",
            DictKind::Issues => "issues",
            DictKind::Prepositions => "prepositions",
        }
    }

    /// Whether the converted file is an actor dictionary (else a verb dictionary).
    fn is_actor_kind(self) -> bool {
        matches!(self, DictKind::Actors | DictKind::Agents)
    }
}

impl fmt::Display for DictKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The PETRARCH dictionary files of one directory, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PetrarchFiles {
    pub verbs: Option<PathBuf>,
    /// All actor files, sorted by path.
    pub actors: Vec<PathBuf>,
    pub agents: Option<PathBuf>,
    pub discards: Option<PathBuf>,
    pub issues: Option<PathBuf>,
    pub prepositions: Option<PathBuf>,
    /// Files recognised as a kind already taken by another file (only one verb, agent,
    /// discard, issue and preposition file is used per directory).
    pub ignored: Vec<PathBuf>,
}

impl PetrarchFiles {
    /// Find the dictionary files of `dir` by file name (case-insensitive, `.txt` files only):
    /// `*verbs*` or `CAMEO*` → verbs; `*actors*` → actors (all of them); `*agents*`;
    /// `*discards*`; `*issue*`; `*prepositions*`. Where a kind other than actors matches
    /// several files, the first by name is used, except that PETRARCH's validation-suite files
    /// (names containing `validate`) come after the others; the rest are listed in `ignored`.
    /// A directory without any dictionary file is an error.
    pub fn discover(dir: &Path) -> Result<PetrarchFiles, ImportError> {
        let io = |e: std::io::Error| ImportError::Io { file: dir.display().to_string(), message: e.to_string() };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")))
            .collect();
        let validation = |p: &PathBuf| p.file_name().is_some_and(|n| n.to_string_lossy().to_lowercase().contains("validate"));
        paths.sort_by(|a, b| (validation(a), a).cmp(&(validation(b), b)));
        let mut files = PetrarchFiles::default();
        for p in paths {
            let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
            let slot = if name.contains("actors") {
                files.actors.push(p);
                continue;
            } else if name.contains("verbs") || name.starts_with("cameo") {
                &mut files.verbs
            } else if name.contains("agents") {
                &mut files.agents
            } else if name.contains("discards") {
                &mut files.discards
            } else if name.contains("issue") {
                &mut files.issues
            } else if name.contains("prepositions") {
                &mut files.prepositions
            } else {
                continue;
            };
            if slot.is_none() {
                *slot = Some(p);
            } else {
                files.ignored.push(p);
            }
        }
        files.actors.sort();
        if files.is_empty() {
            return Err(ImportError::NoDictionaries { dir: dir.display().to_string() });
        }
        Ok(files)
    }

    /// Whether no file is named.
    pub fn is_empty(&self) -> bool {
        self.verbs.is_none()
            && self.actors.is_empty()
            && self.agents.is_none()
            && self.discards.is_none()
            && self.issues.is_none()
            && self.prepositions.is_none()
    }

    /// Every file with its kind, in conversion order.
    pub fn all(&self) -> Vec<(DictKind, &Path)> {
        let mut v: Vec<(DictKind, &Path)> = Vec::new();
        v.extend(self.verbs.as_deref().map(|p| (DictKind::Verbs, p)));
        v.extend(self.actors.iter().map(|p| (DictKind::Actors, p.as_path())));
        v.extend(self.agents.as_deref().map(|p| (DictKind::Agents, p)));
        v.extend(self.discards.as_deref().map(|p| (DictKind::Discards, p)));
        v.extend(self.issues.as_deref().map(|p| (DictKind::Issues, p)));
        v.extend(self.prepositions.as_deref().map(|p| (DictKind::Prepositions, p)));
        v
    }
}

/// An entry that could not be converted (or only approximately), with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The original PETRARCH file's name.
    pub file: String,
    /// 1-based line in that file.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Counts of what was converted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportStats {
    /// PETRARCH files read.
    pub files: usize,
    /// Synonym sets written.
    pub synsets: usize,
    /// PETRARCH verb blocks converted (one may give several Bede blocks).
    pub verb_blocks: usize,
    /// Verb patterns written.
    pub patterns: usize,
    /// Actor entries written.
    pub actors: usize,
    /// Date-restricted codes written (`code:` lines).
    pub dated_codes: usize,
    /// Agent entries written (a substitution marker line counts once).
    pub agents: usize,
    /// Discard phrases written.
    pub discards: usize,
    /// Issue lines written (`issue` and `issue-ignore`).
    pub issues: usize,
    /// Prepositions read (not used).
    pub prepositions: usize,
    /// Entries (patterns, verbs, codes, names, lines) left out, each with a diagnostic.
    pub skipped: usize,
}

impl ImportStats {
    fn add(&mut self, o: &ImportStats) {
        self.files += o.files;
        self.synsets += o.synsets;
        self.verb_blocks += o.verb_blocks;
        self.patterns += o.patterns;
        self.actors += o.actors;
        self.dated_codes += o.dated_codes;
        self.agents += o.agents;
        self.discards += o.discards;
        self.issues += o.issues;
        self.prepositions += o.prepositions;
        self.skipped += o.skipped;
    }
}

impl fmt::Display for ImportStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} files: {} synonym sets, {} verb blocks, {} patterns, {} actors ({} dated codes), {} agents, {} discards, {} issue lines, {} prepositions (unused); {} entries skipped",
            self.files,
            self.synsets,
            self.verb_blocks,
            self.patterns,
            self.actors,
            self.dated_codes,
            self.agents,
            self.discards,
            self.issues,
            self.prepositions,
            self.skipped
        )
    }
}

/// The result of an import: Bede dictionary files and what could not be converted.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// Actor dictionary files (`actor` and `agent` entries), as `(name, text)`; the names are
    /// `petrarch/<file>.txt`, loadable with `bede_actors::ActorDict::load_str`.
    pub actor_files: Vec<(String, String)>,
    /// Verb dictionary files (patterns, discards, issues), as `(name, text)`, loadable with
    /// `bede_coder::verbs::VerbDict::load_str`.
    pub verb_files: Vec<(String, String)>,
    pub warnings: Vec<Diagnostic>,
    pub stats: ImportStats,
}

impl Imported {
    fn merge(&mut self, o: Imported) {
        self.actor_files.extend(o.actor_files);
        self.verb_files.extend(o.verb_files);
        self.warnings.extend(o.warnings);
        self.stats.add(&o.stats);
    }
}

/// A file that cannot be used at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The file or directory could not be read.
    #[error("{file}: cannot read: {message}")]
    Io { file: String, message: String },
    /// The file is not a text dictionary (e.g. a binary file).
    #[error("{file}:{line}: {message}")]
    Unusable { file: String, line: usize, message: String },
    /// The directory holds no file recognised as a PETRARCH dictionary.
    #[error("{dir}: no PETRARCH dictionary files found (expected names like *verbs*.txt, CAMEO*.txt, *actors*.txt, *agents*.txt, *discards*.txt, *Issue*.txt)")]
    NoDictionaries { dir: String },
}

/// Read and convert every file `files` names.
pub fn import(files: &PetrarchFiles) -> Result<Imported, ImportError> {
    let mut out = Imported::default();
    for (kind, path) in files.all() {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
        let bytes = std::fs::read(path).map_err(|e| ImportError::Io { file: path.display().to_string(), message: e.to_string() })?;
        let text = decode(&path.display().to_string(), &bytes)?;
        out.merge(import_str(kind, &name, &text));
    }
    Ok(out)
}

/// Decode a file: UTF-8, else Latin-1 (every byte one character). A NUL byte means the file
/// is not a text dictionary.
fn decode(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(ImportError::Unusable { file: file.to_string(), line, message: "NUL byte: this is not a text dictionary".into() });
    }
    Ok(match std::str::from_utf8(bytes) {
        Ok(s) => s.strip_prefix('\u{feff}').unwrap_or(s).to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    })
}

/// Convert one PETRARCH file's text; `name` is the original file's name (used in diagnostics
/// and to name the output file). Never fails and never panics: whatever cannot be converted is
/// a diagnostic.
pub fn import_str(kind: DictKind, name: &str, text: &str) -> Imported {
    let mut d = text::Diags::new(name);
    let mut stats = ImportStats { files: 1, ..Default::default() };
    let body = match kind {
        DictKind::Verbs => Some(verbs::convert(text, &mut d, &mut stats)),
        DictKind::Actors => Some(actors::convert(text, &mut d, &mut stats)),
        DictKind::Agents => Some(agents::convert(text, &mut d, &mut stats)),
        DictKind::Discards => Some(lists::discards(text, &mut d, &mut stats)),
        DictKind::Issues => Some(lists::issues(text, &mut d, &mut stats)),
        DictKind::Prepositions => {
            lists::prepositions(text, &mut d, &mut stats);
            None
        }
    };
    stats.skipped = d.skipped;
    let mut out = Imported { warnings: d.list, stats, ..Default::default() };
    if let Some(body) = body {
        let file =
            (output_name(kind, name), format!("# Imported from the PETRARCH {kind} file {name} by `bede dict import petrarch`.\n{body}"));
        if kind.is_actor_kind() {
            out.actor_files.push(file);
        } else {
            out.verb_files.push(file);
        }
    }
    out
}

/// `petrarch/<stem>.<kind>.txt`, without repeating the kind when the stem already ends with it.
fn output_name(kind: DictKind, name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = if base.len() > 4 && base[base.len() - 4..].eq_ignore_ascii_case(".txt") { &base[..base.len() - 4] } else { base };
    let stem: String = stem.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect();
    let suffix = format!(".{}", kind.name());
    if stem.to_ascii_lowercase().ends_with(&suffix) {
        format!("petrarch/{stem}.txt")
    } else {
        format!("petrarch/{stem}{suffix}.txt")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_names() {
        assert_eq!(output_name(DictKind::Verbs, "CAMEO.2.0.txt"), "petrarch/CAMEO.2.0.verbs.txt");
        assert_eq!(output_name(DictKind::Verbs, "X.Validate.verbs.txt"), "petrarch/X.Validate.verbs.txt");
        assert_eq!(output_name(DictKind::Issues, "dir/Some Issues.TXT"), "petrarch/Some_Issues.issues.txt");
    }

    #[test]
    fn decodes_latin1_and_rejects_binary() {
        assert_eq!(decode("f", b"CAF\xc9 [FRA]\n").unwrap(), "CAF\u{c9} [FRA]\n");
        assert_eq!(decode("f", "\u{feff}A".as_bytes()).unwrap(), "A");
        let e = decode("f", b"A\nB\n\0").unwrap_err();
        assert!(matches!(e, ImportError::Unusable { line: 3, .. }), "{e}");
    }

    #[test]
    fn discovers_files_by_name() {
        let dir = std::env::temp_dir().join(format!("bede-petrarch-discover-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for f in [
            "B.actors.txt",
            "a.Actors.txt",
            "CAMEO.9.txt",
            "A.Validate.verbs.txt",
            "x.agents.txt",
            "y.discards.txt",
            "Z.IssueCoding.txt",
            "notes.md",
        ] {
            std::fs::write(dir.join(f), "").unwrap();
        }
        let files = PetrarchFiles::discover(&dir).unwrap();
        let names = |v: &[PathBuf]| v.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect::<Vec<_>>();
        assert_eq!(names(&files.actors), ["B.actors.txt", "a.Actors.txt"]);
        assert!(files.verbs.as_ref().unwrap().ends_with("CAMEO.9.txt"));
        assert_eq!(names(&files.ignored), ["A.Validate.verbs.txt"]);
        assert!(files.issues.is_some() && files.agents.is_some() && files.discards.is_some() && files.prepositions.is_none());
        let empty = dir.join("empty");
        std::fs::create_dir_all(&empty).unwrap();
        assert!(matches!(PetrarchFiles::discover(&empty), Err(ImportError::NoDictionaries { .. })));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[cfg(test)]
mod tests_files;
