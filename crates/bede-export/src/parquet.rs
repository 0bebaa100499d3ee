//! A Parquet dataset partitioned Hive-style by the event's year and month:
//! `DIR/year=2020/month=7/part-00000.parquet`, Snappy-compressed, typed
//! columns (codes as UTF-8 strings, dates as `DATE`, counts as integers).
//!
//! **Partitions.** Values are plain integers (`month=7`, as Spark and DuckDB
//! write them), so DuckDB, pyarrow, polars and Spark all infer integer
//! partition columns. An event whose date is unknown goes to `year=0/month=0`,
//! one known only to the year to `year=1992/month=0`: Hive's null marker
//! (`__HIVE_DEFAULT_PARTITION__`) would be read as a string by DuckDB before
//! 1.5 and turn the whole `year` column into text. Year 0 and month 0 never
//! occur in a real date, so `WHERE year > 0` selects the dated events.
//!
//! **Memory.** Rows are buffered per partition in Arrow builders and handed
//! to that partition's Parquet encoder [`ParquetOptions::batch_rows`] at a
//! time; a partition's row group is closed once its encoded size reaches
//! [`ParquetOptions::row_group_bytes`]. Two global bounds hold whatever the
//! order of the rows: at most [`ParquetOptions::max_buffered_rows`] rows wait
//! in builders (beyond that every partition's rows are encoded), and the
//! encoders together hold at most [`ParquetOptions::max_buffered_bytes`]
//! (beyond that the largest row groups are written out early). Files stay
//! open, so rows in any order give one file per partition; only past
//! [`ParquetOptions::max_open_files`] partitions is the least recently
//! written file finished, the partition continuing in a new part file.
//! In date order (as `bede export` streams the store) row groups are full and
//! memory stays flat (about 60-70 MB measured for 1 and 3 million rows); in
//! random order row groups are smaller and their metadata, held until the
//! files close, grows with the export (see docs/export.md).
//! Free-text columns skip dictionary encoding (their values are unique, and a
//! dictionary would be memory spent for nothing).
//!
//! **Atomic files.** A part file is written as `part-NNNNN.parquet.inprogress`
//! and renamed when complete, so a reader globbing `**/*.parquet` never sees
//! half a file; a writer dropped without `finish` (an error upstream) leaves
//! only `.inprogress` files.

use crate::text::{day_date, goldstein_f64};
use crate::{ExportError, RecordRef, RecordWriter, Result, Summary};
use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int32Builder, Int64Builder, ListBuilder, StringBuilder, TimestampMicrosecondBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use parquet::schema::types::ColumnPath;
use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Limits that bound the writer's memory; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParquetOptions {
    /// Rows a partition buffers before they are encoded.
    pub batch_rows: usize,
    /// Encoded bytes after which a partition's row group is closed.
    pub row_group_bytes: usize,
    /// Rows buffered in builders over all partitions.
    pub max_buffered_rows: usize,
    /// Encoded bytes held in unfinished row groups over all partitions.
    pub max_buffered_bytes: usize,
    /// Part files open at once.
    pub max_open_files: usize,
}

impl Default for ParquetOptions {
    fn default() -> Self {
        ParquetOptions {
            batch_rows: 4096,
            row_group_bytes: 32 << 20,
            max_buffered_rows: 16_384,
            max_buffered_bytes: 64 << 20,
            max_open_files: 256,
        }
    }
}

/// Memory an unfinished row group holds beyond its estimated encoded size
/// (page and dictionary buffers of ~40 column writers), counted against
/// `max_buffered_bytes`; measured with `examples/parquet_export.rs`.
const ROW_GROUP_OVERHEAD: usize = 1 << 20;

/// Writes to other partitions after which an unwritten partition's file is
/// finished (see `enforce_budget`).
const IDLE_WRITES_BEFORE_CLOSE: u64 = 65_536;

/// Columns whose values are (nearly) unique text: no dictionary encoding.
const FREE_TEXT: &[&str] = &["event_id", "doc_id", "source_text", "target_text", "evidence", "url", "title", "source_name", "target_name"];

/// The dataset's schema (the partition columns `year` and `month` are in the
/// directory names, not in the files).
pub fn schema() -> SchemaRef {
    let s = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let list =
        |name: &str, nullable: bool| Field::new(name, DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true))), nullable);
    Arc::new(Schema::new(vec![
        s("event_id", false),
        Field::new("cluster_id", DataType::Int64, true),
        s("doc_id", false),
        Field::new("sentence", DataType::Int32, false),
        Field::new("date", DataType::Date32, true),
        s("date_text", true),
        s("date_precision", true),
        s("date_basis", false),
        s("source_code", false),
        s("source_country", true),
        list("source_sectors", false),
        s("source_name", false),
        s("source_text", false),
        s("target_code", true),
        s("target_country", true),
        list("target_sectors", true),
        s("target_name", true),
        s("target_text", true),
        s("cameo", false),
        s("cameo_base", false),
        s("cameo_root", false),
        s("cameo_name", false),
        Field::new("quad_class", DataType::Int32, false),
        Field::new("goldstein", DataType::Float64, false),
        s("plover_type", true),
        s("plover_mode", true),
        Field::new("negated", DataType::Boolean, false),
        s("location", true),
        list("issues", false),
        s("verb", false),
        s("pattern", false),
        s("evidence", false),
        Field::new("num_mentions", DataType::Int32, true),
        Field::new("num_sources", DataType::Int32, true),
        Field::new("num_articles", DataType::Int32, true),
        Field::new("published", DataType::Date32, true),
        s("url", true),
        s("outlet", true),
        s("title", true),
        Field::new("ingested_at", DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())), true),
    ]))
}

fn days_since_epoch(d: chrono::NaiveDate) -> i32 {
    (d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid epoch")).num_days() as i32
}

/// One partition's buffered rows.
struct Columns {
    event_id: StringBuilder,
    cluster_id: Int64Builder,
    doc_id: StringBuilder,
    sentence: Int32Builder,
    date: Date32Builder,
    date_text: StringBuilder,
    date_precision: StringBuilder,
    date_basis: StringBuilder,
    source_code: StringBuilder,
    source_country: StringBuilder,
    source_sectors: ListBuilder<StringBuilder>,
    source_name: StringBuilder,
    source_text: StringBuilder,
    target_code: StringBuilder,
    target_country: StringBuilder,
    target_sectors: ListBuilder<StringBuilder>,
    target_name: StringBuilder,
    target_text: StringBuilder,
    cameo: StringBuilder,
    cameo_base: StringBuilder,
    cameo_root: StringBuilder,
    cameo_name: StringBuilder,
    quad_class: Int32Builder,
    goldstein: Float64Builder,
    plover_type: StringBuilder,
    plover_mode: StringBuilder,
    negated: BooleanBuilder,
    location: StringBuilder,
    issues: ListBuilder<StringBuilder>,
    verb: StringBuilder,
    pattern: StringBuilder,
    evidence: StringBuilder,
    num_mentions: Int32Builder,
    num_sources: Int32Builder,
    num_articles: Int32Builder,
    published: Date32Builder,
    url: StringBuilder,
    outlet: StringBuilder,
    title: StringBuilder,
    ingested_at: TimestampMicrosecondBuilder,
    rows: usize,
}

fn u32_to_i32(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

impl Columns {
    fn new() -> Columns {
        let list = || ListBuilder::new(StringBuilder::new());
        Columns {
            event_id: StringBuilder::new(),
            cluster_id: Int64Builder::new(),
            doc_id: StringBuilder::new(),
            sentence: Int32Builder::new(),
            date: Date32Builder::new(),
            date_text: StringBuilder::new(),
            date_precision: StringBuilder::new(),
            date_basis: StringBuilder::new(),
            source_code: StringBuilder::new(),
            source_country: StringBuilder::new(),
            source_sectors: list(),
            source_name: StringBuilder::new(),
            source_text: StringBuilder::new(),
            target_code: StringBuilder::new(),
            target_country: StringBuilder::new(),
            target_sectors: list(),
            target_name: StringBuilder::new(),
            target_text: StringBuilder::new(),
            cameo: StringBuilder::new(),
            cameo_base: StringBuilder::new(),
            cameo_root: StringBuilder::new(),
            cameo_name: StringBuilder::new(),
            quad_class: Int32Builder::new(),
            goldstein: Float64Builder::new(),
            plover_type: StringBuilder::new(),
            plover_mode: StringBuilder::new(),
            negated: BooleanBuilder::new(),
            location: StringBuilder::new(),
            issues: list(),
            verb: StringBuilder::new(),
            pattern: StringBuilder::new(),
            evidence: StringBuilder::new(),
            num_mentions: Int32Builder::new(),
            num_sources: Int32Builder::new(),
            num_articles: Int32Builder::new(),
            published: Date32Builder::new(),
            url: StringBuilder::new(),
            outlet: StringBuilder::new(),
            title: StringBuilder::new(),
            ingested_at: TimestampMicrosecondBuilder::new().with_timezone("UTC"),
            rows: 0,
        }
    }

    fn append(&mut self, r: &RecordRef<'_>) {
        let e = r.event;
        self.event_id.append_value(&e.id);
        self.cluster_id.append_option(r.cluster.map(|c| c.id));
        self.doc_id.append_value(&e.doc_id);
        self.sentence.append_value(u32_to_i32(e.sentence));
        self.date.append_option(day_date(e.date).map(days_since_epoch));
        self.date_text.append_option(e.date.map(|d| d.to_string()));
        self.date_precision.append_option(e.date.map(|d| precision_name(d.precision())));
        self.date_basis.append_value(basis_name(e.date_basis));
        self.source_code.append_value(&e.source.code);
        self.source_country.append_option(e.source.country.as_deref());
        for s in &e.source.sectors {
            self.source_sectors.values().append_value(s);
        }
        self.source_sectors.append(true);
        self.source_name.append_value(&e.source.name);
        self.source_text.append_value(&e.source.text);
        match &e.target {
            Some(t) => {
                self.target_code.append_value(&t.code);
                self.target_country.append_option(t.country.as_deref());
                for s in &t.sectors {
                    self.target_sectors.values().append_value(s);
                }
                self.target_sectors.append(true);
                self.target_name.append_value(&t.name);
                self.target_text.append_value(&t.text);
            }
            None => {
                self.target_code.append_null();
                self.target_country.append_null();
                self.target_sectors.append(false);
                self.target_name.append_null();
                self.target_text.append_null();
            }
        }
        self.cameo.append_value(&e.cameo);
        self.cameo_base.append_value(e.cameo.get(..3).unwrap_or(&e.cameo));
        self.cameo_root.append_value(bede_cameo::root(&e.cameo));
        self.cameo_name.append_value(&e.cameo_name);
        self.quad_class.append_value(e.quad_class as i32);
        self.goldstein.append_value(goldstein_f64(e.goldstein));
        self.plover_type.append_option((!e.plover.kind.is_empty()).then_some(e.plover.kind.as_str()));
        self.plover_mode.append_option(e.plover.mode.as_deref());
        self.negated.append_value(e.negated);
        self.location.append_option(e.location.as_deref());
        for s in &e.issues {
            self.issues.values().append_value(s);
        }
        self.issues.append(true);
        self.verb.append_value(&e.evidence.verb.text);
        self.pattern.append_value(&e.evidence.pattern);
        self.evidence.append_value(&e.evidence.text);
        self.num_mentions.append_option(r.cluster.map(|c| u32_to_i32(c.num_mentions)));
        self.num_sources.append_option(r.cluster.map(|c| u32_to_i32(c.num_sources)));
        self.num_articles.append_option(r.cluster.map(|c| u32_to_i32(c.num_articles)));
        let a = r.article;
        self.published.append_option(a.published.map(days_since_epoch));
        self.url.append_option(a.url.as_deref());
        self.outlet.append_option(a.outlet.as_deref());
        self.title.append_option(a.title.as_deref());
        self.ingested_at.append_option(a.ingested_at.map(|t| t.timestamp_micros()));
        self.rows += 1;
    }

    /// The buffered rows as a batch; the builders are left empty.
    fn take_batch(&mut self, schema: &SchemaRef) -> Result<RecordBatch> {
        let cols: Vec<ArrayRef> = vec![
            Arc::new(self.event_id.finish()),
            Arc::new(self.cluster_id.finish()),
            Arc::new(self.doc_id.finish()),
            Arc::new(self.sentence.finish()),
            Arc::new(self.date.finish()),
            Arc::new(self.date_text.finish()),
            Arc::new(self.date_precision.finish()),
            Arc::new(self.date_basis.finish()),
            Arc::new(self.source_code.finish()),
            Arc::new(self.source_country.finish()),
            Arc::new(self.source_sectors.finish()),
            Arc::new(self.source_name.finish()),
            Arc::new(self.source_text.finish()),
            Arc::new(self.target_code.finish()),
            Arc::new(self.target_country.finish()),
            Arc::new(self.target_sectors.finish()),
            Arc::new(self.target_name.finish()),
            Arc::new(self.target_text.finish()),
            Arc::new(self.cameo.finish()),
            Arc::new(self.cameo_base.finish()),
            Arc::new(self.cameo_root.finish()),
            Arc::new(self.cameo_name.finish()),
            Arc::new(self.quad_class.finish()),
            Arc::new(self.goldstein.finish()),
            Arc::new(self.plover_type.finish()),
            Arc::new(self.plover_mode.finish()),
            Arc::new(self.negated.finish()),
            Arc::new(self.location.finish()),
            Arc::new(self.issues.finish()),
            Arc::new(self.verb.finish()),
            Arc::new(self.pattern.finish()),
            Arc::new(self.evidence.finish()),
            Arc::new(self.num_mentions.finish()),
            Arc::new(self.num_sources.finish()),
            Arc::new(self.num_articles.finish()),
            Arc::new(self.published.finish()),
            Arc::new(self.url.finish()),
            Arc::new(self.outlet.finish()),
            Arc::new(self.title.finish()),
            Arc::new(self.ingested_at.finish()),
        ];
        self.rows = 0;
        Ok(RecordBatch::try_new(schema.clone(), cols)?)
    }
}

fn precision_name(p: bede_core::DatePrecision) -> &'static str {
    match p {
        bede_core::DatePrecision::Year => "year",
        bede_core::DatePrecision::Month => "month",
        bede_core::DatePrecision::Day => "day",
    }
}

fn basis_name(b: bede_core::DateBasis) -> &'static str {
    use bede_core::DateBasis::*;
    match b {
        Explicit => "explicit",
        WeekdayRelative => "weekday-relative",
        Relative => "relative",
        Dateline => "dateline",
        Published => "published",
        Unknown => "unknown",
    }
}

/// The partition of an event: (year, month), 0 for what is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartitionKey {
    pub year: i32,
    pub month: u8,
}

impl PartitionKey {
    pub fn of(r: &RecordRef<'_>) -> PartitionKey {
        match r.event.date {
            // Years before 1 AD cannot be written as a positive partition and
            // are not news: they share the unknown partition.
            Some(d) if d.year > 0 => PartitionKey { year: d.year, month: d.month.unwrap_or(0) },
            _ => PartitionKey { year: 0, month: 0 },
        }
    }

    /// `year=2020/month=7`.
    pub fn dir(&self) -> PathBuf {
        PathBuf::from(format!("year={}", self.year)).join(format!("month={}", self.month))
    }
}

struct OpenPart {
    columns: Columns,
    writer: ArrowWriter<File>,
    tmp: PathBuf,
    path: PathBuf,
    last_used: u64,
}

pub struct ParquetWriter {
    dir: PathBuf,
    opts: ParquetOptions,
    schema: SchemaRef,
    props: WriterProperties,
    open: HashMap<PartitionKey, OpenPart>,
    /// The next part number of every partition seen.
    next_part: HashMap<PartitionKey, u32>,
    tick: u64,
    /// Rows waiting in builders, over all open partitions.
    buffered_rows: usize,
    records: u64,
    files: Vec<PathBuf>,
    finished: bool,
}

impl ParquetWriter {
    /// Start a dataset in `dir`, which is created if missing and must
    /// otherwise be empty (an export is a whole dataset, never mixed with an
    /// older one).
    pub fn create(dir: &Path, opts: ParquetOptions) -> Result<ParquetWriter> {
        let err = |reason: String| ExportError::OutDir { path: dir.to_path_buf(), reason };
        if [opts.batch_rows, opts.row_group_bytes, opts.max_buffered_rows, opts.max_buffered_bytes, opts.max_open_files].contains(&0) {
            return Err(ExportError::Usage("Parquet options must be positive".into()));
        }
        if dir.exists() {
            if !dir.is_dir() {
                return Err(err("exists and is not a directory".into()));
            }
            if std::fs::read_dir(dir)?.next().is_some() {
                return Err(err("directory is not empty; remove it or choose another --out-dir".into()));
            }
        } else {
            std::fs::create_dir_all(dir).map_err(|e| err(format!("cannot create: {e}")))?;
        }
        let mut props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("bede {} (parquet-rs)", env!("CARGO_PKG_VERSION")));
        for c in FREE_TEXT {
            // Nor statistics: min/max of free text prune nothing, and every
            // row group would keep two such strings per column until close.
            props = props
                .set_column_dictionary_enabled(ColumnPath::from(*c), false)
                .set_column_statistics_enabled(ColumnPath::from(*c), EnabledStatistics::None);
        }
        Ok(ParquetWriter {
            dir: dir.to_path_buf(),
            opts,
            schema: schema(),
            props: props.build(),
            open: HashMap::new(),
            next_part: HashMap::new(),
            tick: 0,
            buffered_rows: 0,
            records: 0,
            files: Vec::new(),
            finished: false,
        })
    }

    fn open_part(&mut self, key: PartitionKey) -> Result<()> {
        if self.open.len() >= self.opts.max_open_files {
            let lru = *self.open.iter().min_by_key(|(_, p)| p.last_used).map(|(k, _)| k).expect("open is not empty");
            self.close_part(lru)?;
        }
        let n = self.next_part.entry(key).or_insert(0);
        let part_dir = self.dir.join(key.dir());
        std::fs::create_dir_all(&part_dir)?;
        let path = part_dir.join(format!("part-{n:05}.parquet"));
        let tmp = part_dir.join(format!("part-{n:05}.parquet.inprogress"));
        *n += 1;
        let file = File::create(&tmp)?;
        let writer = ArrowWriter::try_new(file, self.schema.clone(), Some(self.props.clone()))?;
        self.open.insert(key, OpenPart { columns: Columns::new(), writer, tmp, path, last_used: self.tick });
        Ok(())
    }

    /// Encode a partition's buffered rows; close its row group if full.
    fn write_batch(schema: &SchemaRef, part: &mut OpenPart, row_group_bytes: usize) -> Result<()> {
        if part.columns.rows == 0 {
            return Ok(());
        }
        let batch = part.columns.take_batch(schema)?;
        part.writer.write(&batch)?;
        if part.writer.in_progress_size() >= row_group_bytes {
            part.writer.flush()?;
        }
        Ok(())
    }

    /// Keep the global bounds: encode every partition's rows when too many
    /// wait in builders, then, while the encoders hold too much, write out
    /// the unfinished row groups of the least recently written partitions
    /// (in date order: the months already done).
    fn enforce_budget(&mut self) -> Result<()> {
        // A partition not written for a long while (in date order, a month
        // already done) is finished: an open writer holds memory even with
        // no unfinished row group. Should it come back, it gets a new part.
        let idle: Vec<PartitionKey> =
            self.open.iter().filter(|(_, p)| self.tick - p.last_used > IDLE_WRITES_BEFORE_CLOSE).map(|(k, _)| *k).collect();
        for k in idle {
            self.close_part(k)?;
        }
        if self.buffered_rows >= self.opts.max_buffered_rows {
            for part in self.open.values_mut() {
                Self::write_batch(&self.schema, part, self.opts.row_group_bytes)?;
            }
            self.buffered_rows = 0;
        }
        let held = |p: &OpenPart| match p.writer.in_progress_rows() {
            0 => 0,
            _ => p.writer.in_progress_size() + ROW_GROUP_OVERHEAD,
        };
        let mut parts: Vec<(u64, usize, PartitionKey)> = self.open.iter().map(|(k, p)| (p.last_used, held(p), *k)).collect();
        let mut total: usize = parts.iter().map(|(_, h, _)| h).sum();
        if total <= self.opts.max_buffered_bytes {
            return Ok(());
        }
        parts.sort_unstable();
        for (_, h, key) in parts {
            if total <= self.opts.max_buffered_bytes / 2 {
                break;
            }
            if h > 0 {
                self.open.get_mut(&key).expect("open partition").writer.flush()?;
                total -= h;
            }
        }
        Ok(())
    }

    fn close_part(&mut self, key: PartitionKey) -> Result<()> {
        let Some(mut part) = self.open.remove(&key) else { return Ok(()) };
        self.buffered_rows = self.buffered_rows.saturating_sub(part.columns.rows);
        Self::write_batch(&self.schema, &mut part, self.opts.row_group_bytes)?;
        part.writer.close()?;
        std::fs::rename(&part.tmp, &part.path)?;
        self.files.push(part.path);
        Ok(())
    }

    pub fn finish(mut self) -> Result<Summary> {
        self.finish_mut()
    }

    fn finish_mut(&mut self) -> Result<Summary> {
        if self.finished {
            return Err(ExportError::Finished);
        }
        self.finished = true;
        // Close in partition order so `files` lists the dataset predictably.
        let mut keys: Vec<PartitionKey> = self.open.keys().copied().collect();
        keys.sort();
        for k in keys {
            self.close_part(k)?;
        }
        Ok(Summary { records: self.records, files: std::mem::take(&mut self.files) })
    }
}

impl RecordWriter for ParquetWriter {
    fn write_ref(&mut self, r: RecordRef<'_>) -> Result<()> {
        if self.finished {
            return Err(ExportError::Finished);
        }
        let key = PartitionKey::of(&r);
        if !self.open.contains_key(&key) {
            self.open_part(key)?;
        }
        self.tick += 1;
        let part = self.open.get_mut(&key).expect("just opened");
        part.last_used = self.tick;
        part.columns.append(&r);
        self.buffered_rows += 1;
        self.records += 1;
        if part.columns.rows >= self.opts.batch_rows {
            self.buffered_rows -= part.columns.rows;
            Self::write_batch(&self.schema, part, self.opts.row_group_bytes)?;
            self.enforce_budget()?;
        } else if self.buffered_rows >= self.opts.max_buffered_rows {
            self.enforce_budget()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<Summary> {
        ParquetWriter::finish(*self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{awkward_event, event, record};
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Int32Type};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    fn read(path: &Path) -> Vec<RecordBatch> {
        let f = File::open(path).unwrap();
        ParquetRecordBatchReaderBuilder::try_new(f).unwrap().build().unwrap().map(|b| b.unwrap()).collect()
    }

    #[test]
    fn partitions_by_year_and_month_with_typed_columns() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut w = ParquetWriter::create(&out, ParquetOptions::default()).unwrap();
        let mut year_only = event();
        year_only.date = bede_core::PartialDate::parse("1992");
        for rec in [record(event()), record(awkward_event()), record(year_only), record(event())] {
            w.write(&rec).unwrap();
        }
        let summary = w.finish().unwrap();
        assert_eq!(summary.records, 4);
        let rel: Vec<String> = summary.files.iter().map(|p| p.strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/")).collect();
        assert_eq!(
            rel,
            ["year=0/month=0/part-00000.parquet", "year=1992/month=0/part-00000.parquet", "year=2020/month=7/part-00000.parquet"]
        );

        let batches = read(&out.join("year=2020/month=7/part-00000.parquet"));
        let b = &batches[0];
        assert_eq!(b.num_rows(), 2);
        assert_eq!(b.schema(), schema());
        let cameo = b.column_by_name("cameo").unwrap().as_string::<i32>();
        assert_eq!(cameo.value(0), "040");
        let date = b.column_by_name("date").unwrap().as_primitive::<Date32Type>();
        assert_eq!(date.value(0), days_since_epoch(chrono::NaiveDate::from_ymd_opt(2020, 7, 23).unwrap()));
        let mentions = b.column_by_name("num_mentions").unwrap().as_primitive::<Int32Type>();
        assert_eq!(mentions.value(0), 3);
        let g = b.column_by_name("goldstein").unwrap().as_primitive::<arrow_array::types::Float64Type>();
        assert_eq!(g.value(0), 1.0);

        // Undated, no target: null date and target, the CAMEO code intact.
        let b = &read(&out.join("year=0/month=0/part-00000.parquet"))[0];
        assert!(b.column_by_name("date").unwrap().is_null(0));
        assert!(b.column_by_name("target_code").unwrap().is_null(0));
        assert_eq!(b.column_by_name("cameo").unwrap().as_string::<i32>().value(0), "0214");

        // Year precision: no day date, the text says "1992".
        let b = &read(&out.join("year=1992/month=0/part-00000.parquet"))[0];
        assert!(b.column_by_name("date").unwrap().is_null(0));
        assert_eq!(b.column_by_name("date_text").unwrap().as_string::<i32>().value(0), "1992");
    }

    #[test]
    fn refuses_a_non_empty_directory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x"), "x").unwrap();
        assert!(matches!(ParquetWriter::create(dir.path(), ParquetOptions::default()), Err(ExportError::OutDir { .. })));
    }

    #[test]
    fn open_files_are_bounded_and_rows_are_all_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let opts = ParquetOptions {
            batch_rows: 3,
            row_group_bytes: 1 << 10,
            max_buffered_rows: 5,
            max_buffered_bytes: 2 << 10,
            max_open_files: 2,
        };
        let mut w = ParquetWriter::create(&out, opts).unwrap();
        // Round-robin over four months forces files to close and reopen.
        let mut n = 0;
        for i in 0..40u8 {
            let mut e = event();
            e.date = bede_core::PartialDate::parse(&format!("2021-{:02}-01", i % 4 + 1));
            e.id = format!("{i:032x}");
            w.write(&record(e)).unwrap();
            n += 1;
            assert!(w.open.len() <= 2);
        }
        let summary = w.finish().unwrap();
        assert!(summary.files.len() > 4, "closed and reopened partitions get new part files");
        let total: usize = summary.files.iter().flat_map(|p| read(p)).map(|b| b.num_rows()).sum();
        assert_eq!(total, n);
        // Nothing half-written is left behind.
        let leftovers = walk(&out).into_iter().filter(|p| p.to_string_lossy().ends_with(".inprogress")).count();
        assert_eq!(leftovers, 0);
    }

    #[test]
    fn rows_in_any_order_give_one_file_per_partition_within_the_budget() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let opts = ParquetOptions {
            batch_rows: 4,
            row_group_bytes: 1 << 20,
            max_buffered_rows: 10,
            max_buffered_bytes: 4 << 10,
            max_open_files: 64,
        };
        let mut w = ParquetWriter::create(&out, opts).unwrap();
        for i in 0..240u32 {
            let mut e = event();
            e.date = bede_core::PartialDate::parse(&format!("2021-{:02}-01", i % 12 + 1));
            e.id = format!("{i:032x}");
            w.write(&record(e)).unwrap();
            assert!(w.buffered_rows <= 10, "rows waiting in builders: {}", w.buffered_rows);
            let encoded: usize = w.open.values().map(|p| p.writer.in_progress_size()).sum();
            assert!(encoded <= (4 << 10) + (1 << 12), "encoded bytes held: {encoded}");
        }
        let summary = w.finish().unwrap();
        assert_eq!(summary.files.len(), 12);
        let total: usize = summary.files.iter().flat_map(|p| read(p)).map(|b| b.num_rows()).sum();
        assert_eq!(total, 240);
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out
    }
}
