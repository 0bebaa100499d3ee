//! `bede query`: filtered events or a time series from the event database, as
//! an aligned table, JSON lines or CSV. The filter flags are shared with
//! `bede export` ([`FilterArgs`]); the querying itself is `bede_store::query`.

use anyhow::Context;
use bede_store::query::{self, Filter, FilterError, Hit, Order, PageRequest, Period, Series, Unit, ValidFilter};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The filters of `bede query` and `bede export`. Repeating a flag gives
/// alternatives (`--cameo 040 --cameo 042`: either); different flags must all hold.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Source actor code; matches the code and the codes it starts (`--source RUS`: RUS, RUSGOV,
    /// RUSMIL...; `--source RUSGOV`). Repeatable.
    #[arg(long, value_name = "CODE", help_heading = "Filters")]
    pub source: Vec<String>,
    /// Target actor code, as --source (`--target IGOUNO`).
    #[arg(long, value_name = "CODE", help_heading = "Filters")]
    pub target: Vec<String>,
    /// Actor code on either side, as --source (`--actor TURGOV`).
    #[arg(long, value_name = "CODE", help_heading = "Filters")]
    pub actor: Vec<String>,
    /// Country (ISO 3166-1 alpha-3) of the source or the target (`--country ARM`).
    #[arg(long, value_name = "ISO3", help_heading = "Filters")]
    pub country: Vec<String>,
    /// Country of the source (`--source-country RUS`).
    #[arg(long, value_name = "ISO3", help_heading = "Filters")]
    pub source_country: Vec<String>,
    /// Country of the target (`--target-country TUR`).
    #[arg(long, value_name = "ISO3", help_heading = "Filters")]
    pub target_country: Vec<String>,
    /// Events between two countries or actors, in both directions unless --directed
    /// (`--dyad RUS-TUR`, `--dyad USA-IGOUNO`).
    #[arg(long, value_name = "A-B", help_heading = "Filters")]
    pub dyad: Option<String>,
    /// With --dyad: only events whose source is A and target B.
    #[arg(long, requires = "dyad", help_heading = "Filters")]
    pub directed: bool,
    /// CAMEO event code, exactly (`--cameo 042`), or with a trailing * for the code and its sub-codes (`--cameo '04*'`: 04, 040, 041, 0421, ...).
    /// Leading zeros matter: 042, not 42.
    #[arg(long, value_name = "CODE", help_heading = "Filters")]
    pub cameo: Vec<String>,
    /// CAMEO root, 01 to 20 (`--root 19`: all fighting).
    #[arg(long, value_name = "NN", help_heading = "Filters")]
    pub root: Vec<String>,
    /// PLOVER event type (`--plover CONSULT`, `--plover ASSAULT`).
    #[arg(long, value_name = "TYPE", help_heading = "Filters")]
    pub plover: Vec<String>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict (`--quad 4`).
    #[arg(long, value_name = "1-4", help_heading = "Filters")]
    pub quad: Vec<u8>,
    /// First date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD (`--from 2020-07`: from July 1st).
    #[arg(long, value_name = "DATE", help_heading = "Filters")]
    pub from: Option<String>,
    /// Last date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD (`--to 2020-07`: to July 31st).
    /// Undated events are left out when --from or --to is given.
    #[arg(long, value_name = "DATE", help_heading = "Filters")]
    pub to: Option<String>,
    /// Full-text search over the evidence sentences, SQLite FTS5 syntax
    /// (`--text Transcaucasia`, `--text '"foreign minister" AND Lavrov'`, `--text 'ceasefire*'`).
    /// A cluster matches when any of its mentions does.
    #[arg(long, value_name = "QUERY", help_heading = "Filters")]
    pub text: Option<String>,
    /// Also match negated events ("Lavrov did not meet Cavusoglu"), left out by default.
    #[arg(long, help_heading = "Filters")]
    pub include_negated: bool,
    /// Count and list every mention instead of event clusters (by default the same event
    /// reported by several articles is one row, with its mention/source/article counts).
    #[arg(long, help_heading = "Filters")]
    pub mentions: bool,
}

impl FilterArgs {
    pub fn to_filter(&self) -> Filter {
        Filter {
            source: self.source.clone(),
            target: self.target.clone(),
            actor: self.actor.clone(),
            country: self.country.clone(),
            source_country: self.source_country.clone(),
            target_country: self.target_country.clone(),
            dyad: self.dyad.clone(),
            directed: self.directed,
            cameo: self.cameo.clone(),
            root: self.root.clone(),
            plover: self.plover.clone(),
            quad: self.quad.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            text: self.text.clone(),
            include_negated: self.include_negated,
            unit: if self.mentions { Unit::Mentions } else { Unit::Clusters },
        }
    }
}

const QUERY_EXAMPLES: &str = "\
Examples:
  bede query --dyad RUS-TUR --by month          RUS-TUR events per month, per QuadClass, summed Goldstein
  bede query --dyad RUS-TUR --directed --by week --mentions
  bede query --country ARM --root 19 --from 2020-09 --to 2020-11
  bede query --cameo '04*' --text 'Lavrov AND Cavusoglu' --format json
  bede query --plover ASSAULT --count

Exit codes: 0 ok; 1 the database cannot be read; 2 bad input (unknown code, malformed date,
impossible range, no database file).";

#[derive(clap::Args, Debug)]
#[command(after_long_help = QUERY_EXAMPLES)]
pub struct QueryArgs {
    /// The event database (made by `bede ingest`; never created by a query).
    #[arg(long, value_name = "PATH", default_value = "bede.db")]
    pub db: PathBuf,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print a time series instead of events: per period, counts per QuadClass and summed Goldstein
    /// (`--dyad RUS-TUR --by month`). A date less precise than the period (a year-only date in a
    /// monthly series) is counted apart, not guessed into a period.
    #[arg(long, value_enum, value_name = "PERIOD")]
    pub by: Option<By>,
    /// Print only the number of matching events (clusters, or mentions with --mentions).
    #[arg(long, conflicts_with = "by")]
    pub count: bool,
    /// At most this many events (1 to 10000).
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: usize,
    /// Continue after a previous page: the cursor it printed on stderr.
    #[arg(long, value_name = "CURSOR")]
    pub cursor: Option<String>,
    /// Event order by date.
    #[arg(long, value_enum, default_value = "asc")]
    pub order: OrderArg,
    /// Output: an aligned table, JSON lines, or CSV (CAMEO codes quoted as text).
    #[arg(long, value_enum, default_value = "table")]
    pub format: QueryFormat,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    Day,
    Week,
    Month,
    Year,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderArg {
    Asc,
    Desc,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryFormat {
    Table,
    Json,
    Csv,
}

/// Report bad input the way every bede command does: the flag, the value, why; exit 2.
pub fn bad_filter(e: &FilterError) -> ExitCode {
    let flag = e.param.name().replace('_', "-");
    eprintln!("bede: error: --{flag} {:?}: {}", e.value, e.reason);
    ExitCode::from(2)
}

/// Open the database for reading, or say why not (exit 2 for a missing file:
/// a query never creates a database).
pub fn open_db(db: &Path) -> Result<bede_store::Store, ExitCode> {
    if !db.is_file() {
        eprintln!(
            "bede: error: --db {}: no such database file (make one with `bede ingest --db {} ARTICLES...`)",
            db.display(),
            db.display()
        );
        return Err(ExitCode::from(2));
    }
    match bede_store::Store::open_read_only(db) {
        Ok(s) => Ok(s),
        Err(e) => {
            eprintln!("bede: error: --db {}: {e}", db.display());
            Err(ExitCode::from(1))
        }
    }
}

/// Map a store error to the exit code: bad input 2, anything else an error (1).
pub fn query_failed(e: query::QueryError) -> anyhow::Result<ExitCode> {
    match e {
        query::QueryError::Invalid(f) => Ok(bad_filter(&f)),
        other => Err(other.into()),
    }
}

pub fn run(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let filter = match args.filter.to_filter().validate() {
        Ok(f) => f,
        Err(e) => return Ok(bad_filter(&e)),
    };
    let store = match open_db(&args.db) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let conn = store.conn();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.count {
        match query::count(conn, &filter) {
            Ok(n) => writeln!(out, "{n}")?,
            Err(e) => return query_failed(e),
        }
    } else if let Some(by) = args.by {
        let by = match by {
            By::Day => Period::Day,
            By::Week => Period::Week,
            By::Month => Period::Month,
            By::Year => Period::Year,
        };
        let series = match query::series(conn, &filter, by) {
            Ok(s) => s,
            Err(e) => return query_failed(e),
        };
        write_series(&mut out, &series, args.format)?;
        if series.coarser > 0 || series.undated > 0 {
            eprintln!(
                "bede: not in any period: {} with a date less precise than a {}, {} undated",
                series.coarser,
                format!("{by:?}").to_lowercase(),
                series.undated
            );
        }
    } else {
        let req = PageRequest {
            limit: args.limit,
            cursor: args.cursor.clone(),
            order: if args.order == OrderArg::Asc { Order::Asc } else { Order::Desc },
        };
        let page = match query::list(conn, &filter, &req) {
            Ok(p) => p,
            Err(e) => return query_failed(e),
        };
        write_hits(&mut out, &page.items, args.format, &filter)?;
        if let Some(next) = &page.next {
            eprintln!("bede: more events: add --cursor {next} for the next {}", args.limit);
        }
    }
    out.flush().context("writing to stdout")?;
    Ok(ExitCode::SUCCESS)
}

/// A CSV field, quoted when it must be.
fn csv(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Goldstein values and sums have one decimal.
fn gold(x: f64) -> String {
    format!("{x:.1}")
}

const QUAD_SHORT: [&str; 4] = ["verb.coop", "mat.coop", "verb.confl", "mat.confl"];

fn write_series(out: &mut impl Write, s: &Series, format: QueryFormat) -> io::Result<()> {
    match format {
        QueryFormat::Json => {
            for p in &s.periods {
                serde_json::to_writer(&mut *out, p)?;
                out.write_all(b"\n")?;
            }
        }
        QueryFormat::Csv => {
            writeln!(out, "period,start,verbal_cooperation,material_cooperation,verbal_conflict,material_conflict,total,goldstein")?;
            for p in &s.periods {
                let q = p.by_quad();
                writeln!(out, "{},{},{},{},{},{},{},{}", p.period, p.start, q[0], q[1], q[2], q[3], p.total, gold(p.goldstein))?;
            }
        }
        QueryFormat::Table => {
            let what = if s.unit == Unit::Clusters { "events" } else { "mentions" };
            let by = format!("{:?}", s.by).to_lowercase();
            match &s.dyad {
                Some(d) if s.directed => writeln!(out, "{d} (directed), {what} per {by}")?,
                Some(d) => writeln!(out, "{d} (both directions), {what} per {by}")?,
                None => writeln!(out, "{what} per {by}")?,
            }
            let mut rows: Vec<Vec<String>> =
                vec![["period"].iter().chain(QUAD_SHORT.iter()).chain(["total", "goldstein"].iter()).map(|s| s.to_string()).collect()];
            for p in &s.periods {
                let mut r = vec![p.period.clone()];
                r.extend(p.by_quad().iter().map(|n| n.to_string()));
                r.push(p.total.to_string());
                r.push(gold(p.goldstein));
                rows.push(r);
            }
            let right = |col: usize| col > 0;
            write_table(out, &rows, right)?;
            if s.periods.is_empty() {
                writeln!(out, "(no dated {what})")?;
            }
        }
    }
    Ok(())
}

/// Columns padded to their widest cell (in characters); numbers right-aligned.
fn write_table(out: &mut impl Write, rows: &[Vec<String>], right: impl Fn(usize) -> bool) -> io::Result<()> {
    let ncol = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..ncol).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0)).collect();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            if c > 0 {
                line.push_str("  ");
            }
            let pad = widths[c].saturating_sub(cell.chars().count());
            let last = c + 1 == r.len();
            if right(c) {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if !last {
                    line.push_str(&" ".repeat(pad));
                }
            }
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// `s` cut to at most `max` characters, with `…` when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// A part of the evidence sentence around the verb, at most `max` characters.
fn excerpt(text: &str, verb: [u32; 2], max: usize) -> String {
    let text = text.trim_end();
    if text.chars().count() <= max {
        return text.to_string();
    }
    // Start a third of the width before the verb, on a character boundary.
    let verb_start = (verb[0] as usize).min(text.len());
    let chars_before = text.get(..verb_start).map(|s| s.chars().count()).unwrap_or(0);
    let skip = chars_before.saturating_sub(max / 3);
    let body: String = text.chars().skip(skip).collect();
    let body = if skip > 0 { format!("…{}", body.trim_start()) } else { body };
    clip(&body, max)
}

fn actor_cell(a: Option<&bede_core::ActorRef>) -> String {
    match a {
        None => "-".into(),
        Some(a) if a.name.is_empty() || a.name == a.code => a.code.clone(),
        Some(a) => clip(&format!("{} {}", a.code, a.name), 32),
    }
}

fn write_hits(out: &mut impl Write, hits: &[Hit], format: QueryFormat, filter: &ValidFilter) -> io::Result<()> {
    match format {
        QueryFormat::Json => {
            for h in hits {
                serde_json::to_writer(&mut *out, h)?;
                out.write_all(b"\n")?;
            }
        }
        QueryFormat::Csv => {
            writeln!(
                out,
                "cluster_id,num_mentions,num_sources,num_articles,event_id,doc_id,sentence,date,date_precision,\
                 source_code,source_country,source_name,target_code,target_country,target_name,cameo,cameo_name,\
                 quad_class,goldstein,plover_type,negated,outlet,url,evidence"
            )?;
            for h in hits {
                let e = &h.event;
                let t = e.target.as_ref();
                let opt = |s: Option<&String>| s.map(|s| csv(s)).unwrap_or_default();
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},\"{}\",{},{},{},{},{},{},{},{}",
                    h.cluster.id,
                    h.cluster.num_mentions,
                    h.cluster.num_sources,
                    h.cluster.num_articles,
                    e.id,
                    csv(&e.doc_id),
                    e.sentence,
                    e.date.map(|d| d.to_string()).unwrap_or_default(),
                    e.date_precision.map(|p| format!("{p:?}").to_lowercase()).unwrap_or_default(),
                    csv(&e.source.code),
                    opt(e.source.country.as_ref()),
                    csv(&e.source.name),
                    opt(t.map(|t| &t.code)),
                    opt(t.and_then(|t| t.country.as_ref())),
                    opt(t.map(|t| &t.name)),
                    // CAMEO code always quoted, so spreadsheet tools keep its leading zeros.
                    e.cameo,
                    csv(&e.cameo_name),
                    e.quad_class,
                    gold(e.goldstein as f64),
                    csv(&e.plover.kind),
                    e.negated,
                    opt(h.article.outlet.as_ref()),
                    opt(h.article.url.as_ref()),
                    csv(&e.evidence.text),
                )?;
            }
        }
        QueryFormat::Table => {
            let counts = if filter.unit() == Unit::Clusters { "ment/src/art" } else { "cluster m/s/a" };
            let mut rows: Vec<Vec<String>> =
                vec![["date", "source", "event", "target", "quad", "gold", counts, "evidence"].iter().map(|s| s.to_string()).collect()];
            for h in hits {
                let e = &h.event;
                let mut event = format!("{} {}", e.cameo, clip(&e.cameo_name, 28));
                if e.negated {
                    event = format!("NOT {event}");
                }
                rows.push(vec![
                    e.date.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()),
                    actor_cell(Some(&e.source)),
                    event,
                    actor_cell(e.target.as_ref()),
                    e.quad_class.to_string(),
                    gold(e.goldstein as f64),
                    format!("{}/{}/{}", h.cluster.num_mentions, h.cluster.num_sources, h.cluster.num_articles),
                    excerpt(&e.evidence.text, e.evidence.verb.span, 70),
                ]);
            }
            write_table(out, &rows, |c| c == 4 || c == 5 || c == 6)?;
            if hits.is_empty() {
                writeln!(out, "(no events match)")?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_keeps_the_verb_and_char_boundaries() {
        let s = "Après une longue réunion à Moscou, le ministre russe des Affaires étrangères a discuté avec son homologue turc de la situation.";
        let v = s.find("discuté").unwrap() as u32;
        let x = excerpt(s, [v, v + 8], 40);
        assert!(x.chars().count() <= 40, "{x}");
        assert!(x.contains("discuté"), "{x}");
        assert!(x.starts_with('…'));
        assert_eq!(excerpt("Short.", [0, 1], 40), "Short.");
    }

    #[test]
    fn table_pads_columns() {
        let mut out = Vec::new();
        let rows = vec![vec!["a".to_string(), "1".into(), "x".into()], vec!["bbb".into(), "22".into(), "y".into()]];
        write_table(&mut out, &rows, |c| c == 1).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a     1  x\nbbb  22  y\n");
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv("plain"), "plain");
    }
}
