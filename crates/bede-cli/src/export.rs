//! `bede export`: the event database (or the part of it the filters select)
//! in GDELT, ICEWS, PLOVER, CSV or partitioned Parquet. Rows stream from
//! `bede_store::query::for_each_hit` into a `bede_export` writer one at a
//! time, so memory stays flat however large the export.

use crate::query::{bad_filter, open_db, query_failed, FilterArgs};
use anyhow::Context;
use bede_export::{ArticleInfo, ClusterInfo, ExportFormat, ExportRecord, ParquetOptions, RecordWriter, StreamOptions};
use bede_store::query::{self, Hit, Unit};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXPORT_EXAMPLES: &str = "\
Examples:
  bede export --format gdelt -o events.tsv                 every event cluster, GDELT 2.0 columns
  bede export --format parquet --out-dir events/            year=YYYY/month=M/*.parquet
  bede export --format csv --dyad RUS-TUR --from 2020 -o rus-tur.csv
  bede export --format plover --mentions --root 19 > fights.jsonl

By default one row per event cluster: its representative mention with the cluster's
mention, source and article counts. --mentions writes one row per mention. Negated events
(\"X did not meet Y\") are left out, as in bede query, unless --include-negated.";

#[derive(clap::Args, Debug)]
#[command(after_long_help = EXPORT_EXAMPLES)]
pub struct ExportArgs {
    /// Output format: gdelt (61 GDELT 2.0 columns, tab-separated), icews (20 columns), plover
    /// (PLOVER JSONL), csv, parquet (a directory partitioned by year and month; needs --out-dir).
    #[arg(long, value_enum)]
    pub format: ExportFormatArg,
    /// The event database (made by `bede ingest`).
    #[arg(long, value_name = "PATH", default_value = "bede.db")]
    pub db: PathBuf,
    /// Output file for gdelt/icews/plover/csv (default: standard output). Written as FILE.partial
    /// and renamed when complete, so a failed export never leaves a truncated FILE.
    #[arg(short = 'o', long = "output", value_name = "FILE", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Output directory for parquet (created; must be empty if it exists).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// gdelt: start with a header line of GDELT's column names (GDELT files have none).
    #[arg(long)]
    pub header: bool,
    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormatArg {
    Gdelt,
    Icews,
    Plover,
    Csv,
    Parquet,
}

impl ExportFormatArg {
    fn format(self) -> ExportFormat {
        match self {
            ExportFormatArg::Gdelt => ExportFormat::Gdelt,
            ExportFormatArg::Icews => ExportFormat::Icews,
            ExportFormatArg::Plover => ExportFormat::Plover,
            ExportFormatArg::Csv => ExportFormat::Csv,
            ExportFormatArg::Parquet => ExportFormat::Parquet,
        }
    }
}

/// A store row as the export writers take it.
pub fn export_record(h: Hit) -> ExportRecord {
    let published = h.article.published.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let ingested_at =
        h.article.ingested_at.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()).map(|t| t.with_timezone(&chrono::Utc));
    ExportRecord {
        event: h.event,
        cluster: Some(ClusterInfo {
            id: h.cluster.id,
            num_mentions: h.cluster.num_mentions,
            num_sources: h.cluster.num_sources,
            num_articles: h.cluster.num_articles,
        }),
        article: ArticleInfo { published, url: h.article.url, outlet: h.article.outlet, title: h.article.title, ingested_at },
    }
}

fn usage(msg: &str) -> anyhow::Result<ExitCode> {
    eprintln!("bede: error: {msg}");
    Ok(ExitCode::from(2))
}

/// A progress bar on stderr when it is a terminal and the export is large
/// enough for one to help.
fn progress(total: u64, quiet: bool) -> ProgressBar {
    if quiet || total < 10_000 || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let b = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    b.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} rows {per_sec} eta {eta}").unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    b
}

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let format = args.format.format();
    if format.writes_directory() && args.out_dir.is_none() {
        return usage("--format parquet writes a directory of files: give it with --out-dir DIR");
    }
    if !format.writes_directory() && args.out_dir.is_some() {
        return usage(&format!("--out-dir is for --format parquet; --format {} writes one file (-o FILE)", format.name()));
    }
    if args.header && format != ExportFormat::Gdelt {
        return usage("--header is for --format gdelt (the other formats have their header already)");
    }
    let filter = match args.filter.to_filter().validate() {
        Ok(f) => f,
        Err(e) => return Ok(bad_filter(&e)),
    };
    let store = match open_db(&args.db) {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let conn = store.conn();
    // Counting first checks the filter against the database (an FTS syntax
    // error is bad input, exit 2) and sizes the progress bar.
    let total = match query::count(conn, &filter) {
        Ok(n) => n,
        Err(e) => return query_failed(e),
    };
    let bar = progress(total, args.quiet);

    let mut partial: Option<(PathBuf, PathBuf)> = None;
    let mut writer: Box<dyn RecordWriter> = if let Some(dir) = &args.out_dir {
        bede_export::parquet_writer(dir, ParquetOptions::default()).with_context(|| format!("--out-dir {}", dir.display()))?
    } else {
        let opts = StreamOptions { gdelt_header: args.header };
        let sink: Box<dyn Write> = match &args.output {
            Some(path) => {
                let tmp = partial_path(path);
                let f = std::fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
                partial = Some((tmp, path.clone()));
                Box::new(io::BufWriter::with_capacity(1 << 16, f))
            }
            None => Box::new(io::BufWriter::with_capacity(1 << 16, io::stdout().lock())),
        };
        bede_export::stream_writer(format, sink, opts)?
    };

    let result = query::for_each_hit(conn, &filter, |h| -> anyhow::Result<()> {
        writer.write(&export_record(h))?;
        bar.inc(1);
        Ok(())
    });
    bar.finish_and_clear();
    let written = match result.and_then(|n| Ok((n, writer.finish()?))) {
        Ok((n, _summary)) => n,
        Err(e) => {
            if let Some((tmp, _)) = &partial {
                let _ = std::fs::remove_file(tmp);
            }
            return Err(e.context(format!("exporting {}", format.name())));
        }
    };
    if let Some((tmp, path)) = &partial {
        std::fs::rename(tmp, path).with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))?;
    }
    if !args.quiet {
        let what = if filter.unit() == Unit::Clusters { "event clusters" } else { "event mentions" };
        let dest = match (&args.output, &args.out_dir) {
            (Some(p), _) | (None, Some(p)) => p.display().to_string(),
            (None, None) => "standard output".into(),
        };
        eprintln!("bede: exported {written} {what} as {} to {dest}", format.name());
    }
    Ok(ExitCode::SUCCESS)
}

/// `FILE.partial` beside FILE.
fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}
