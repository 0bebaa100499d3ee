//! Bede's export formats: projections of the Event record (with, when it comes
//! from the store, its cluster and article) into the formats analysts' tools
//! already read: GDELT 2.0 events (61 tab-separated columns), ICEWS (20
//! columns), PLOVER JSONL, CSV, and Parquet partitioned by year and month.
//!
//! Every writer is a stream: [`RecordWriter::write`] one record at a time,
//! then [`RecordWriter::finish`]. Memory does not grow with the export: the
//! text writers hold one line, the Parquet writer a bounded number of row
//! groups (see [`parquet`]). `docs/export.md` maps every column.
//!
//! The projections fill only what Bede knows. A field the format has and Bede
//! does not (tone, geography, ethnicity) is left empty, never invented.
//!
//! What it is not: a reader of the store. `bede export` reads rows from
//! `bede-store` and hands them here as [`ExportRecord`]s; `bede code` hands
//! bare events (no cluster, no article metadata beyond the event's own).

use bede_core::Event;
use std::io::Write;
use std::path::{Path, PathBuf};

mod actor;
pub mod csv;
pub mod gdelt;
pub mod icews;
pub mod parquet;
pub mod plover;
mod text;

pub use crate::actor::actor_label;
pub use crate::csv::{CsvColumns, CsvWriter};
pub use crate::gdelt::{GdeltOptions, GdeltWriter};
pub use crate::icews::IcewsWriter;
pub use crate::parquet::{ParquetOptions, ParquetWriter};
pub use crate::plover::PloverWriter;

/// Cross-outlet counts of the cluster an event belongs to (GDELT's
/// NumMentions / NumSources / NumArticles).
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterInfo {
    /// The store's cluster id (GDELT's GLOBALEVENTID when exporting clusters).
    pub id: i64,
    pub num_mentions: u32,
    pub num_sources: u32,
    pub num_articles: u32,
}

/// What is known of the article an event came from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArticleInfo {
    pub published: Option<chrono::NaiveDate>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    /// When the article was added to the store (GDELT's DATEADDED), if stored.
    pub ingested_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// One row to export: an event, and when it comes from the store its cluster
/// and article.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRecord {
    pub event: Event,
    pub cluster: Option<ClusterInfo>,
    pub article: ArticleInfo,
}

/// A borrowed view of one row, so that callers holding an [`Event`] (as
/// `bede code` does) need not clone it into an [`ExportRecord`].
#[derive(Debug, Clone, Copy)]
pub struct RecordRef<'a> {
    pub event: &'a Event,
    pub cluster: Option<&'a ClusterInfo>,
    pub article: &'a ArticleInfo,
}

impl<'a> From<&'a ExportRecord> for RecordRef<'a> {
    fn from(r: &'a ExportRecord) -> Self {
        RecordRef { event: &r.event, cluster: r.cluster.as_ref(), article: &r.article }
    }
}

impl<'a> RecordRef<'a> {
    /// A bare event: no cluster, nothing known of its article.
    pub fn event(event: &'a Event) -> Self {
        static NO_ARTICLE: ArticleInfo = ArticleInfo { published: None, url: None, outlet: None, title: None, ingested_at: None };
        RecordRef { event, cluster: None, article: &NO_ARTICLE }
    }
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    /// GDELT 2.0 event table: 61 tab-separated columns, no header.
    Gdelt,
    /// ICEWS coded event data: 20 tab-separated columns with a header.
    Icews,
    /// PLOVER JSON records, one a line.
    Plover,
    /// The flat event table (with cluster and article columns), CAMEO quoted.
    Csv,
    /// A directory of Snappy Parquet files partitioned `year=Y/month=M`.
    Parquet,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 5] =
        [ExportFormat::Gdelt, ExportFormat::Icews, ExportFormat::Plover, ExportFormat::Csv, ExportFormat::Parquet];

    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Gdelt => "gdelt",
            ExportFormat::Icews => "icews",
            ExportFormat::Plover => "plover",
            ExportFormat::Csv => "csv",
            ExportFormat::Parquet => "parquet",
        }
    }

    pub fn from_name(s: &str) -> Option<ExportFormat> {
        ExportFormat::ALL.into_iter().find(|f| f.name() == s)
    }

    /// Whether the format writes a directory (Parquet) rather than one stream.
    pub fn writes_directory(self) -> bool {
        self == ExportFormat::Parquet
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("writing Parquet: {0}")]
    Parquet(#[from] ::parquet::errors::ParquetError),
    #[error("building Arrow columns: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// The output directory cannot be used (exists and is not empty, ...).
    #[error("{path}: {reason}")]
    OutDir { path: PathBuf, reason: String },
    /// A stream format was asked to write a directory or the reverse.
    #[error("{0}")]
    Usage(String),
    #[error("write after finish")]
    Finished,
}

pub type Result<T> = std::result::Result<T, ExportError>;

/// What a finished export wrote.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Records written.
    pub records: u64,
    /// Files written (Parquet: every part file, in creation order); empty for
    /// stream formats, whose one output is the caller's.
    pub files: Vec<PathBuf>,
}

/// A streaming writer of one export format.
///
/// `finish` takes the boxed writer so that `Box<dyn RecordWriter>` can be
/// finished; the concrete writers also have an inherent `finish(self)`.
pub trait RecordWriter {
    /// Write one row.
    fn write_ref(&mut self, r: RecordRef<'_>) -> Result<()>;

    /// Write one record from the store.
    fn write(&mut self, r: &ExportRecord) -> Result<()> {
        self.write_ref(RecordRef::from(r))
    }

    /// Push buffered bytes of a stream format to its sink (a no-op for
    /// Parquet, whose files are only complete at `finish`).
    fn flush(&mut self) -> Result<()>;

    /// Write what is buffered, close files, and say what was written.
    fn finish(self: Box<Self>) -> Result<Summary>;
}

/// Options shared by the stream formats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamOptions {
    /// GDELT: write a header line of GDELT's column names (GDELT ships none).
    pub gdelt_header: bool,
}

/// A writer of a stream format (everything but Parquet) into `out`.
/// CSV gets the store columns (cluster and article); `bede code` uses
/// [`CsvWriter::new`] with [`CsvColumns::Event`] instead.
pub fn stream_writer<'w, W: Write + 'w>(format: ExportFormat, out: W, opts: StreamOptions) -> Result<Box<dyn RecordWriter + 'w>> {
    Ok(match format {
        ExportFormat::Gdelt => Box::new(GdeltWriter::new(out, GdeltOptions { header: opts.gdelt_header })),
        ExportFormat::Icews => Box::new(IcewsWriter::new(out)),
        ExportFormat::Plover => Box::new(PloverWriter::new(out)),
        ExportFormat::Csv => Box::new(CsvWriter::new(out, CsvColumns::Store)),
        ExportFormat::Parquet => return Err(ExportError::Usage("parquet writes a directory: use parquet_writer (--out-dir)".into())),
    })
}

/// A Parquet dataset writer into `dir` (created if missing; must be empty).
pub fn parquet_writer(dir: &Path, opts: ParquetOptions) -> Result<Box<dyn RecordWriter>> {
    Ok(Box::new(ParquetWriter::create(dir, opts)?))
}

#[cfg(test)]
pub(crate) mod testutil;
