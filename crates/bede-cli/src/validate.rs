//! `bede validate`: run a PETRARCH validation file.
//!
//! The file's `<Environment>` names its dictionaries; they are found in
//! `--dict-dir`, or beside the file (`<dir>/dictionaries`, then
//! `<dir>/../petrarch2/dictionaries`), imported with `bede_petrarch::dict` and used
//! instead of Bede's own. Each record's `<Text>` is coded as an article dated by
//! the record (its `<Parse>` is never used), and its events, as
//! `(source, target, code)` triples, are compared with the expected ones.
//!
//! Options from `<Config>`: `require_dyad` (PETRARCH's default is true) is applied:
//! when true, events without a source or a target code are dropped, and when
//! false the coder is built to code untargeted events. The imported dictionaries
//! are run with PETRARCH's conventions (unknown-country agents coded `---GOV`,
//! wide pattern targets). `comma_*` (remove comma-delimited asides) is applied
//! only with `--comma-clauses`, on the text (see `bede_petrarch::comma`). Other
//! options (`new_actor_length`, `stop_on_error`, ...) have no counterpart in Bede:
//! the summary names them and counts the records they were in force for. Events the coder marks as negated are dropped (`--keep-negated` keeps
//! them). Records with `evaluate="false"` are coded and shown but not scored.
//! Underscores in a `<Text>` are read as spaces (TABARI's multi-word tokens).

use crate::eval::{event_triple, progress};
use anyhow::Context;
use bede_core::Article;
use bede_eval::gold::{Triple, NO_ACTOR};
use bede_eval::EventScorer;
use bede_petrarch::comma::{self, CommaOptions};
use bede_petrarch::dict::{self, PetrarchFiles};
use bede_petrarch::xml::{self, Expected, Record, ValidationFile};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct ValidateArgs {
    /// The validation file (PETRARCH XML).
    pub file: PathBuf,
    /// One JSON line per record on stdout ({"id","events","expected","exact"}); the summary goes to stderr.
    #[arg(long)]
    pub json: bool,
    /// Where the dictionaries the file's <Environment> names are (default: <dir of FILE>/dictionaries,
    /// then <dir of FILE>/../petrarch2/dictionaries).
    #[arg(long, value_name = "DIR")]
    pub dict_dir: Option<PathBuf>,
    /// Run only these records (comma-separated ids).
    #[arg(long, value_name = "ID,...", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Worker threads (default: all cores). Output order is the file's whatever N is.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// In text mode, print only the records that fail.
    #[arg(long)]
    pub failures_only: bool,
    /// Keep events the coder marks as negated.
    #[arg(long)]
    pub keep_negated: bool,
    /// Apply PETRARCH's comma_* options by taking comma-delimited clauses of the configured
    /// lengths out of each text before coding. Off by default: counted on the text, not on a
    /// parse, it also removes items of comma-separated lists ("Mordor, Rohan, Fornost and Bree").
    #[arg(long)]
    pub comma_clauses: bool,
}

/// The one PETRARCH option Bede applies.
const REQUIRE_DYAD: &str = "require_dyad";

/// The outcome of one record.
struct Outcome {
    predicted: Vec<Triple>,
    expected: Vec<Triple>,
    exact: bool,
    scored: bool,
}

pub fn run(args: ValidateArgs) -> anyhow::Result<ExitCode> {
    let file = match xml::parse_file(&args.file) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("bede: error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let name = args.file.display().to_string();
    let mut skipped = 0usize;
    for w in &file.warnings {
        skipped += w.skipped as usize;
        eprintln!("bede: warning: {name}: {w}");
    }

    let records = match select(&file, &args.only) {
        Ok(r) => r,
        Err(missing) => {
            eprintln!("bede: error: --only: no record {} in {name}", missing.join(", "));
            return Ok(ExitCode::from(2));
        }
    };

    let load_started = Instant::now();
    let files = match find_dictionaries(&file, &args.file, args.dict_dir.as_deref()) {
        Ok(f) => f,
        Err(msg) => {
            eprintln!("bede: error: {msg}");
            return Ok(ExitCode::from(2));
        }
    };
    let imported = dict::import(&files).context("importing the PETRARCH dictionaries")?;
    if !imported.warnings.is_empty() {
        eprintln!(
            "bede: note: {} dictionary entries could not be imported exactly (`bede dict import petrarch` lists them)",
            imported.warnings.len()
        );
    }

    // require_dyad per record; a coder for each setting in use.
    let mut require = Vec::with_capacity(records.len());
    for r in &records {
        let v = match r.config.get(REQUIRE_DYAD) {
            Some(v) => xml::parse_bool(v).unwrap_or_else(|| {
                eprintln!("bede: warning: {name}:{}: record {}: require_dyad={v:?} is not true or false; using true", r.line, r.id);
                true
            }),
            None => true,
        };
        require.push(v);
        if args.comma_clauses {
            for bad in CommaOptions::from_config(&r.config).1 {
                eprintln!("bede: warning: {name}:{}: record {}: {bad}; using PETRARCH's default", r.line, r.id);
            }
        }
    }
    let settings: BTreeSet<bool> = require.iter().copied().collect();
    let mut coders = BTreeMap::new();
    for &req in &settings {
        let opts = bede_coder::CoderOptions {
            no_default_dicts: true,
            actor_sources: imported.actor_files.clone(),
            verb_sources: imported.verb_files.clone(),
            allow_untargeted: !req,
            code_bare_agents: true,
            wide_targets: true,
            ..Default::default()
        };
        coders.insert(req, bede_coder::Coder::new(&opts).context("building the coder from the imported dictionaries")?);
    }
    let load_secs = load_started.elapsed().as_secs_f64();

    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build().context("starting worker threads")?;
    let started = Instant::now();
    let bar = progress(records.len(), "records");
    let predicted: Vec<Vec<Triple>> = pool.install(|| {
        records
            .par_iter()
            .zip(&require)
            .map(|(r, &req)| {
                let coder = &coders[&req];
                let events = coder.code_article(&article(r, args.comma_clauses));
                bar.inc(1);
                let mut seen = BTreeSet::new();
                events
                    .iter()
                    .filter(|e| args.keep_negated || !e.negated)
                    .map(event_triple)
                    .filter(|t| !req || (t.source != NO_ACTOR && t.target != NO_ACTOR))
                    .filter(|t| seen.insert(t.clone()))
                    .collect()
            })
            .collect()
    });
    bar.finish_and_clear();
    let code_secs = started.elapsed().as_secs_f64();

    for r in &records {
        if r.date.as_deref().is_some_and(|d| parse_yyyymmdd(d).is_none()) {
            eprintln!(
                "bede: warning: {name}:{}: record {}: date {:?} is not YYYYMMDD; coded without a date",
                r.line,
                r.id,
                r.date.as_deref().unwrap_or("")
            );
        }
    }

    let mut scorer = EventScorer::new();
    let mut by_category: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut outcomes = Vec::with_capacity(records.len());
    for (r, pred) in records.iter().zip(predicted) {
        let expected: Vec<Triple> = r.expected.events().iter().map(|c| Triple::new(Some(&c.source), Some(&c.target), &c.code)).collect();
        let scored = r.evaluate != Some(false);
        let exact = if scored {
            let s = scorer.add(&pred, &expected);
            let cat = by_category.entry(r.category.clone().unwrap_or_else(|| "(none)".into())).or_default();
            cat.0 += s.exact as usize;
            cat.1 += 1;
            s.exact
        } else {
            pred.iter().collect::<BTreeSet<_>>() == expected.iter().collect::<BTreeSet<_>>()
        };
        outcomes.push(Outcome { predicted: pred, expected, exact, scored });
    }

    print_records(&records, &outcomes, &args)?;

    let summary = summary(&SummaryInput {
        name: &name,
        file: &file,
        records: &records,
        outcomes: &outcomes,
        scorer: &scorer,
        by_category: &by_category,
        files: &files,
        skipped,
        load_secs,
        code_secs,
        comma_clauses: args.comma_clauses,
    });
    if args.json {
        eprint!("{summary}");
    } else {
        print!("{summary}");
    }
    Ok(if skipped > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// The records to run, in file order; `Err` lists `--only` ids not in the file.
fn select<'f>(file: &'f ValidationFile, only: &[String]) -> Result<Vec<&'f Record>, Vec<String>> {
    if only.is_empty() {
        return Ok(file.records.iter().collect());
    }
    let want: BTreeSet<&str> = only.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    let missing: Vec<String> = want.iter().filter(|id| !file.records.iter().any(|r| r.id == **id)).map(|s| s.to_string()).collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    Ok(file.records.iter().filter(|r| want.contains(r.id.as_str())).collect())
}

/// Locate the dictionaries the environment names. `Err` is a message for the user.
fn find_dictionaries(file: &ValidationFile, path: &Path, dict_dir: Option<&Path>) -> Result<PetrarchFiles, String> {
    let dirs: Vec<PathBuf> = match dict_dir {
        Some(d) => vec![d.to_path_buf()],
        None => {
            let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
            let base = if base.as_os_str().is_empty() { PathBuf::from(".") } else { base };
            vec![base.join("dictionaries"), base.join("..").join("petrarch2").join("dictionaries")]
        }
    };
    let env = &file.environment;
    let named = env.verbfile.is_some()
        || !env.actorfiles.is_empty()
        || env.agentfile.is_some()
        || env.discardfile.is_some()
        || env.issuefile.is_some();
    if !named {
        return match dict_dir {
            Some(d) => PetrarchFiles::discover(d).map_err(|e| e.to_string()),
            None => Err(format!(
                "{}: the <Environment> names no dictionaries; give a PETRARCH dictionary directory with --dict-dir",
                path.display()
            )),
        };
    }
    let searched = || dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ");
    let find = |f: &str| -> Result<PathBuf, String> {
        dirs.iter().map(|d| d.join(f)).find(|p| p.is_file()).ok_or_else(|| {
            format!("{}: dictionary {f} (named in <Environment>) not found in {}; use --dict-dir", path.display(), searched())
        })
    };
    let opt = |f: &Option<String>| f.as_deref().map(find).transpose();
    Ok(PetrarchFiles {
        verbs: opt(&env.verbfile)?,
        actors: env.actorfiles.iter().map(|f| find(f)).collect::<Result<_, _>>()?,
        agents: opt(&env.agentfile)?,
        discards: opt(&env.discardfile)?,
        issues: opt(&env.issuefile)?,
        ..Default::default()
    })
}

fn parse_yyyymmdd(d: &str) -> Option<chrono::NaiveDate> {
    if d.len() != 8 {
        return None;
    }
    chrono::NaiveDate::parse_from_str(d, "%Y%m%d").ok()
}

/// The record as an article; with `comma_clauses`, the clauses the record's `comma_*`
/// options select are taken out of the text first. Underscores are TABARI's way of
/// writing a multi-word name as one word in a text ("Dol_Amroth"; the record's parse
/// has two words, and the dictionaries write the name with spaces), so they become spaces.
fn article(r: &Record, comma_clauses: bool) -> Article {
    let text = if comma_clauses { comma::remove_clauses(&r.text, &CommaOptions::from_config(&r.config).0) } else { r.text.clone() };
    let text = text.replace('_', " ");
    Article { id: r.id.clone(), text, published: r.date.as_deref().and_then(parse_yyyymmdd), ..Default::default() }
}

fn triples_text(ts: &[Triple]) -> String {
    if ts.is_empty() {
        "(none)".to_string()
    } else {
        ts.iter().map(Triple::to_string).collect::<Vec<_>>().join("; ")
    }
}

fn print_records(records: &[&Record], outcomes: &[Outcome], args: &ValidateArgs) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (r, o) in records.iter().zip(outcomes) {
        if args.json {
            let v = serde_json::json!({"id": r.id, "events": o.predicted, "expected": o.expected, "exact": o.exact});
            writeln!(out, "{v}")?;
            continue;
        }
        let status = match (o.scored, o.exact) {
            (false, _) => "skip",
            (true, true) => "ok",
            (true, false) => "FAIL",
        };
        if args.failures_only && status != "FAIL" {
            continue;
        }
        if o.exact {
            writeln!(out, "{status:<4} {}", r.id)?;
        } else {
            let expected = match &r.expected {
                Expected::Events(_) => triples_text(&o.expected),
                Expected::NoEvents => "(no events)".to_string(),
                Expected::Error(e) => format!("(error {e}: no events)"),
                Expected::Unspecified => "(not given: no events)".to_string(),
            };
            writeln!(out, "{status:<4} {}  expected: {expected}  got: {}", r.id, triples_text(&o.predicted))?;
        }
    }
    out.flush().context("writing results")?;
    Ok(())
}

struct SummaryInput<'a> {
    name: &'a str,
    file: &'a ValidationFile,
    records: &'a [&'a Record],
    outcomes: &'a [Outcome],
    scorer: &'a EventScorer,
    by_category: &'a BTreeMap<String, (usize, usize)>,
    files: &'a PetrarchFiles,
    skipped: usize,
    load_secs: f64,
    code_secs: f64,
    comma_clauses: bool,
}

fn summary(s: &SummaryInput) -> String {
    use std::fmt::Write;
    let scores = s.scorer.scores();
    let mut o = String::new();
    let scored = s.outcomes.iter().filter(|o| o.scored).count();
    let pct = |n: usize, d: usize| if d == 0 { "n/a".to_string() } else { format!("{:.1}%", 100.0 * n as f64 / d as f64) };
    let _ = writeln!(o, "\n== summary: {} ==", s.name);
    let _ = write!(o, "records: {} run", s.records.len());
    if scored < s.records.len() {
        let _ = write!(o, ", {scored} scored ({} with evaluate=\"false\")", s.records.len() - scored);
    }
    if s.skipped > 0 {
        let _ = write!(o, "; {} unreadable records skipped (see warnings)", s.skipped);
    }
    let _ = writeln!(o);
    if s.records.iter().all(|r| r.expected == Expected::Unspecified) {
        // A demo file (like GigaWord.sample.PETR.xml): nothing to compare with.
        let events: usize = s.outcomes.iter().map(|o| o.predicted.len()).sum();
        let with = s.outcomes.iter().filter(|o| !o.predicted.is_empty()).count();
        let _ = writeln!(o, "the file gives no expected codings: {events} events coded in {with} records");
    } else {
        let _ = writeln!(o, "exact: {} of {} ({})", scores.exact, scores.records, pct(scores.exact as usize, scores.records as usize));
        o.push_str(&scores.render_levels("triples"));
    }
    let cats: Vec<String> = s.by_category.iter().map(|(c, (e, n))| format!("{c} {e}/{n}")).collect();
    if !cats.is_empty() && s.records.iter().any(|r| r.expected != Expected::Unspecified) {
        let _ = writeln!(o, "exact by category: {}", cats.join(", "));
    }
    let no_dyad = s.records.iter().filter(|r| r.config.get(REQUIRE_DYAD).and_then(|v| xml::parse_bool(v)) == Some(false)).count();
    let _ = writeln!(o, "applied: require_dyad (false for {no_dyad} records, true for {})", s.records.len() - no_dyad);
    // Options Bede has no counterpart for, with how many records each was in force for.
    if s.comma_clauses {
        let _ = writeln!(o, "applied: comma_* clause removal on the text (--comma-clauses; PETRARCH defaults where a record sets none)");
    }
    let mut unapplied: BTreeMap<&str, usize> = BTreeMap::new();
    for r in s.records {
        for k in r.config.keys().filter(|k| *k != REQUIRE_DYAD && !(s.comma_clauses && k.starts_with("comma_"))) {
            *unapplied.entry(k.as_str()).or_default() += 1;
        }
    }
    if !unapplied.is_empty() {
        let list: Vec<String> = unapplied.iter().map(|(k, n)| format!("{k} ({n} records)")).collect();
        let hint = if unapplied.keys().any(|k| k.starts_with("comma_")) { "; comma_* with --comma-clauses" } else { "" };
        let _ = writeln!(o, "not applied: {}{hint}", list.join(", "));
    }
    let mut dicts: Vec<String> = s.files.all().iter().map(|(_, p)| p.display().to_string()).collect();
    if dicts.is_empty() {
        dicts.push("(none)".into());
    }
    let _ = writeln!(o, "dictionaries: {}", dicts.join(", "));
    if !s.file.environment.include.is_empty() {
        let _ = writeln!(o, "(the file's <Include> list is not used to filter records: every record is run)");
    }
    let _ = writeln!(o, "time: dictionaries {:.2}s, coding {:.2}s", s.load_secs, s.code_secs);
    o
}
