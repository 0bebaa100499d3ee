//! Idempotent, transactional ingest: coded articles into the store.
//!
//! One batch is one SQLite transaction (`BEGIN IMMEDIATE`): either every
//! article of the batch is stored with its sentences, events and cluster
//! updates, or none is. A crash mid-batch therefore loses only that batch, and
//! re-running the same input completes the store, because articles already
//! stored are recognised and skipped:
//!
//! - same `doc_id`, same content hash → unchanged;
//! - a new `doc_id` whose text is already stored under another id → unchanged
//!   (the same wire story reposted under another URL adds nothing);
//! - same `doc_id`, changed text → replaced: its sentences and events are
//!   deleted, the clusters they were in recounted (and deleted if emptied), and
//!   the new ones stored.
//!
//! Also here: the row ↔ [`Event`] mapping ([`EVENT_COLUMNS`], [`event_from_row`])
//! that readers use to rebuild the exact `Event` a mention was stored from.

use crate::cluster::{self, cameo_root, ClusterOptions, Period};
use crate::{Result, Store, StoreError};
use bede_core::{ActorRef, Article, DateBasis, DatePrecision, Event, Evidence, PartialDate, PloverRef, VerbRef};
use rusqlite::{params, OptionalExtension, Row, TransactionBehavior};
use std::collections::{BTreeSet, HashSet};

/// One coded article to store: the input record, its cleaned sentences
/// (`Event::sentence` indexes them) and its events.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleInput {
    pub article: Article,
    pub sentences: Vec<String>,
    pub events: Vec<Event>,
}

/// What one ingest batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// New articles stored.
    pub added: u64,
    /// Articles whose text changed: old sentences and events replaced.
    pub replaced: u64,
    /// Articles already stored with the same id and text, or the same text under another id.
    pub unchanged: u64,
    /// Event mentions stored.
    pub events: u64,
    /// Clusters created by this batch.
    pub clusters_created: u64,
    /// Clusters deleted because a replaced article's mentions were their last.
    pub clusters_removed: u64,
    /// Events not stored because an earlier event of the same article had the
    /// same id (`bede_core::event_id` hashes codes, not names, so two people of
    /// the same government doing the same thing in one sentence share an id).
    pub duplicate_ids: u64,
}

impl IngestReport {
    /// Add another batch's report to this one.
    pub fn add(&mut self, o: &IngestReport) {
        self.added += o.added;
        self.replaced += o.replaced;
        self.unchanged += o.unchanged;
        self.events += o.events;
        self.clusters_created += o.clusters_created;
        self.clusters_removed += o.clusters_removed;
        self.duplicate_ids += o.duplicate_ids;
    }
}

/// The content hash stored in `articles.content_hash`: xxh3-128 of the raw
/// article text, 32 lower-case hex digits.
pub fn content_hash(text: &str) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()))
}

/// The columns [`event_from_row`] reads, in its order, for a query over the
/// `events` table aliased `e`:
///
/// ```sql
/// SELECT {EVENT_COLUMNS} FROM events e WHERE ... ORDER BY e.id
/// ```
///
/// (`doc_id` comes from `articles` through a subquery, so no join is needed.)
/// Extra columns may follow; use [`event_from_row_at`] when they precede.
pub const EVENT_COLUMNS: &str = "e.event_id, (SELECT art.doc_id FROM articles art WHERE art.id = e.article), e.sentence, \
     e.date, e.date_precision, e.date_basis, \
     e.source_code, e.source_country, e.source_sectors, e.source_name, e.source_text, e.source_start, e.source_end, \
     e.target_code, e.target_country, e.target_sectors, e.target_name, e.target_text, e.target_start, e.target_end, \
     e.cameo, e.cameo_name, e.quad_class, e.goldstein, e.plover_type, e.plover_mode, e.negated, e.location, e.issues, \
     e.evidence, e.verb_text, e.verb_start, e.verb_end, e.pattern";

/// How many columns [`EVENT_COLUMNS`] has.
pub const EVENT_COLUMN_COUNT: usize = 34;

/// Rebuild the stored [`Event`] from a row whose first columns are [`EVENT_COLUMNS`].
/// The result equals the `Event` that was ingested, field for field.
pub fn event_from_row(row: &Row<'_>) -> rusqlite::Result<Event> {
    event_from_row_at(row, 0)
}

/// As [`event_from_row`], with [`EVENT_COLUMNS`] starting at column `at`.
pub fn event_from_row_at(row: &Row<'_>, at: usize) -> rusqlite::Result<Event> {
    let c = |i: usize| at + i;
    let text_err = |i: usize, what: &str, v: &str| {
        rusqlite::Error::FromSqlConversionFailure(c(i), rusqlite::types::Type::Text, format!("bad {what} {v:?}").into())
    };
    let date: Option<String> = row.get(c(3))?;
    let date = match date {
        Some(s) => Some(PartialDate::parse(&s).ok_or_else(|| text_err(3, "date", &s))?),
        None => None,
    };
    let precision: Option<String> = row.get(c(4))?;
    let date_precision = match precision.as_deref() {
        None => None,
        Some(p) => Some(precision_from_str(p).ok_or_else(|| text_err(4, "date precision", p))?),
    };
    let basis: String = row.get(c(5))?;
    let date_basis = basis_from_str(&basis).ok_or_else(|| text_err(5, "date basis", &basis))?;
    let sectors = |s: String| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let source = ActorRef {
        code: row.get(c(6))?,
        country: row.get(c(7))?,
        sectors: sectors(row.get(c(8))?),
        name: row.get(c(9))?,
        text: row.get(c(10))?,
        span: [row.get(c(11))?, row.get(c(12))?],
    };
    let target = match row.get::<_, Option<String>>(c(13))? {
        Some(code) => Some(ActorRef {
            code,
            country: row.get(c(14))?,
            sectors: sectors(row.get::<_, Option<String>>(c(15))?.unwrap_or_default()),
            name: row.get::<_, Option<String>>(c(16))?.unwrap_or_default(),
            text: row.get::<_, Option<String>>(c(17))?.unwrap_or_default(),
            span: [row.get::<_, Option<u32>>(c(18))?.unwrap_or(0), row.get::<_, Option<u32>>(c(19))?.unwrap_or(0)],
        }),
        None => None,
    };
    let issues: String = row.get(c(28))?;
    let issues: Vec<String> = serde_json::from_str(&issues).map_err(|_| text_err(28, "issues", &issues))?;
    Ok(Event {
        id: row.get(c(0))?,
        doc_id: row.get(c(1))?,
        sentence: row.get(c(2))?,
        date,
        date_precision,
        date_basis,
        source,
        target,
        cameo: row.get(c(20))?,
        cameo_name: row.get(c(21))?,
        quad_class: row.get(c(22))?,
        // Stored as REAL (f64); an f32 widened to f64 narrows back exactly.
        goldstein: row.get::<_, f64>(c(23))? as f32,
        plover: PloverRef { kind: row.get(c(24))?, mode: row.get(c(25))? },
        negated: row.get(c(26))?,
        location: row.get(c(27))?,
        issues,
        evidence: Evidence {
            text: row.get(c(29))?,
            verb: VerbRef { text: row.get(c(30))?, span: [row.get(c(31))?, row.get(c(32))?] },
            pattern: row.get(c(33))?,
        },
    })
}

/// `date_basis` as stored: the Event record's JSON spelling.
pub(crate) fn basis_str(b: DateBasis) -> &'static str {
    match b {
        DateBasis::Explicit => "explicit",
        DateBasis::WeekdayRelative => "weekday-relative",
        DateBasis::Relative => "relative",
        DateBasis::Dateline => "dateline",
        DateBasis::Published => "published",
        DateBasis::Unknown => "unknown",
    }
}

fn basis_from_str(s: &str) -> Option<DateBasis> {
    Some(match s {
        "explicit" => DateBasis::Explicit,
        "weekday-relative" => DateBasis::WeekdayRelative,
        "relative" => DateBasis::Relative,
        "dateline" => DateBasis::Dateline,
        "published" => DateBasis::Published,
        "unknown" => DateBasis::Unknown,
        _ => return None,
    })
}

pub(crate) fn precision_str(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Year => "year",
        DatePrecision::Month => "month",
        DatePrecision::Day => "day",
    }
}

fn precision_from_str(s: &str) -> Option<DatePrecision> {
    Some(match s {
        "year" => DatePrecision::Year,
        "month" => DatePrecision::Month,
        "day" => DatePrecision::Day,
        _ => return None,
    })
}

/// What to do with one input article.
enum Action {
    Unchanged,
    Add,
    Replace(i64),
}

impl Store {
    /// Store a batch of coded articles in one transaction (see the module doc
    /// for what counts as unchanged or replaced), cluster their events and
    /// recount exactly the clusters the batch touched.
    ///
    /// Articles are processed in slice order, so the same input in the same
    /// batches gives the same rows and cluster ids. An article whose events do
    /// not belong to it (wrong `doc_id`, sentence index out of range) fails the
    /// whole batch, which is then rolled back.
    pub fn ingest_batch(&mut self, batch: &[ArticleInput], opts: &ClusterOptions) -> Result<IngestReport> {
        for input in batch {
            self.check_input(input)?;
        }
        let path = self.path.clone();
        let sql_err = |e: rusqlite::Error| crate::classify(&path, e);
        let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let tx = self.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql_err)?;
        let mut report = IngestReport::default();
        // BTreeSet: clusters are recounted in id order, the same on every run.
        let mut touched: BTreeSet<i64> = BTreeSet::new();
        // Index evidence ourselves (see schema.sql, events_fts_ai): the flag
        // lives and dies inside this transaction.
        tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('fts_deferred', '1')", []).map_err(sql_err)?;
        let mut unindexed: Vec<(i64, &str)> = Vec::new();
        for input in batch {
            ingest_article(&tx, input, opts, &now, &mut report, &mut touched, &mut unindexed).map_err(sql_err)?;
        }
        index_evidence(&tx, &mut unindexed).map_err(sql_err)?;
        tx.execute("DELETE FROM meta WHERE key = 'fts_deferred'", []).map_err(sql_err)?;
        // Readers (`bede serve`'s caches) compare this to know the store changed.
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('generation', '1')
             ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
            [],
        )
        .map_err(sql_err)?;
        for c in touched {
            if !cluster::recompute(&tx, c).map_err(sql_err)? {
                report.clusters_removed += 1;
            }
        }
        tx.commit().map_err(sql_err)?;
        Ok(report)
    }

    /// Would an article with this id and [`content_hash`] be unchanged if
    /// ingested now? Returns the id of the stored article that makes it so
    /// (its own id, or another id holding the same text). Lets a writer skip
    /// coding articles a previous, perhaps interrupted, run already stored;
    /// the answer reflects committed batches only.
    pub fn already_stored(&self, doc_id: &str, hash: &str) -> Result<Option<String>> {
        let own: Option<String> = self
            .conn()
            .prepare_cached("SELECT content_hash FROM articles WHERE doc_id = ?1")
            .and_then(|mut st| st.query_row([doc_id], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))?;
        match own {
            Some(h) if h == hash => Ok(Some(doc_id.to_string())),
            // Stored with another text: ingesting it would replace.
            Some(_) => Ok(None),
            None => self
                .conn()
                .prepare_cached("SELECT doc_id FROM articles WHERE content_hash = ?1 ORDER BY id LIMIT 1")
                .and_then(|mut st| st.query_row([hash], |r| r.get(0)).optional())
                .map_err(|e| self.err(e)),
        }
    }

    fn check_input(&self, input: &ArticleInput) -> Result<()> {
        let a = &input.article;
        let bad = |reason: String| StoreError::BadInput { path: self.path.clone(), doc_id: a.id.clone(), reason };
        for e in &input.events {
            if e.doc_id != a.id {
                return Err(bad(format!("event {} belongs to article {:?}", e.id, e.doc_id)));
            }
            if e.sentence as usize >= input.sentences.len() {
                return Err(bad(format!("event {} cites sentence {} of {}", e.id, e.sentence, input.sentences.len())));
            }
        }
        Ok(())
    }
}

/// Add events stored in this batch to the full-text index.
fn index_evidence(tx: &rusqlite::Transaction<'_>, unindexed: &mut Vec<(i64, &str)>) -> rusqlite::Result<()> {
    let mut st = tx.prepare_cached("INSERT INTO events_fts (rowid, evidence) VALUES (?1, ?2)")?;
    for (id, text) in unindexed.drain(..) {
        st.execute(params![id, text])?;
    }
    Ok(())
}

fn ingest_article<'a>(
    tx: &rusqlite::Transaction<'_>,
    input: &'a ArticleInput,
    opts: &ClusterOptions,
    now: &str,
    report: &mut IngestReport,
    touched: &mut BTreeSet<i64>,
    unindexed: &mut Vec<(i64, &'a str)>,
) -> rusqlite::Result<()> {
    let a = &input.article;
    let hash = content_hash(&a.text);
    let existing: Option<(i64, String)> = tx
        .prepare_cached("SELECT id, content_hash FROM articles WHERE doc_id = ?1")?
        .query_row([&a.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let action = match existing {
        Some((_, h)) if h == hash => Action::Unchanged,
        Some((id, _)) => Action::Replace(id),
        None => {
            let same_text: Option<i64> = tx
                .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1 LIMIT 1")?
                .query_row([&hash], |r| r.get(0))
                .optional()?;
            if same_text.is_some() {
                Action::Unchanged
            } else {
                Action::Add
            }
        }
    };
    let published = a.published.map(|d| d.format("%Y-%m-%d").to_string());
    let article = match action {
        Action::Unchanged => {
            report.unchanged += 1;
            return Ok(());
        }
        Action::Replace(id) => {
            let old: Vec<i64> = tx
                .prepare_cached("SELECT DISTINCT cluster FROM events WHERE article = ?1 ORDER BY cluster")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            // The delete trigger removes rows from the full-text index, so the
            // rows it removes must be in it, including any this batch stored.
            index_evidence(tx, unindexed)?;
            tx.prepare_cached("DELETE FROM events WHERE article = ?1")?.execute([id])?;
            tx.prepare_cached("DELETE FROM sentences WHERE article = ?1")?.execute([id])?;
            tx.prepare_cached(
                "UPDATE articles SET content_hash = ?2, outlet = ?3, url = ?4, title = ?5, published = ?6, language = ?7,
                     text = ?8, ingested_at = ?9 WHERE id = ?1",
            )?
            .execute(params![id, hash, a.outlet, a.url, a.title, published, a.language, a.text, now])?;
            // Recount now, not only at the end of the batch: the old mentions'
            // days must no longer widen the clusters the new mentions look for.
            for c in old {
                if cluster::recompute(tx, c)? {
                    touched.insert(c);
                } else {
                    touched.remove(&c);
                    report.clusters_removed += 1;
                }
            }
            report.replaced += 1;
            id
        }
        Action::Add => {
            tx.prepare_cached(
                "INSERT INTO articles (doc_id, content_hash, outlet, url, title, published, language, text, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![a.id, hash, a.outlet, a.url, a.title, published, a.language, a.text, now])?;
            report.added += 1;
            tx.last_insert_rowid()
        }
    };
    let mut st = tx.prepare_cached("INSERT INTO sentences (article, idx, text) VALUES (?1, ?2, ?3)")?;
    for (i, s) in input.sentences.iter().enumerate() {
        st.execute(params![article, i as i64, s])?;
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for e in &input.events {
        if !seen.insert(e.id.as_str()) {
            report.duplicate_ids += 1;
            continue;
        }
        let (c, created) = cluster::assign(tx, e, article, opts)?;
        if created {
            report.clusters_created += 1;
        }
        touched.insert(c);
        insert_event(tx, e, article, c)?;
        unindexed.push((tx.last_insert_rowid(), e.evidence.text.as_str()));
        report.events += 1;
    }
    Ok(())
}

fn insert_event(tx: &rusqlite::Transaction<'_>, e: &Event, article: i64, cluster_id: i64) -> rusqlite::Result<()> {
    let day = match Period::of(e) {
        Period::Day(d) | Period::Month(d) | Period::Year(d) => Some(d),
        Period::Undated => None,
    };
    let t = e.target.as_ref();
    let issues = serde_json::to_string(&e.issues).expect("a list of strings serialises");
    tx.prepare_cached(
        "INSERT INTO events (event_id, article, cluster, sentence, date, date_precision, date_basis, day,
             source_code, source_country, source_sectors, source_name, source_text, source_start, source_end,
             target_code, target_country, target_sectors, target_name, target_text, target_start, target_end,
             cameo, root, cameo_name, quad_class, goldstein, plover_type, plover_mode, negated, location, issues,
             evidence, verb_text, verb_start, verb_end, pattern)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
                 ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37)",
    )?
    .execute(params![
        e.id,
        article,
        cluster_id,
        e.sentence,
        e.date.map(|d| d.to_string()),
        e.date_precision.map(precision_str),
        basis_str(e.date_basis),
        day,
        e.source.code,
        e.source.country,
        e.source.sectors.join(" "),
        e.source.name,
        e.source.text,
        e.source.span[0],
        e.source.span[1],
        t.map(|t| &t.code),
        t.and_then(|t| t.country.as_ref()),
        t.map(|t| t.sectors.join(" ")),
        t.map(|t| &t.name),
        t.map(|t| &t.text),
        t.map(|t| t.span[0]),
        t.map(|t| t.span[1]),
        e.cameo,
        cameo_root(&e.cameo),
        e.cameo_name,
        e.quad_class,
        f64::from(e.goldstein),
        e.plover.kind,
        e.plover.mode,
        e.negated,
        e.location,
        issues,
        e.evidence.text,
        e.evidence.verb.text,
        e.evidence.verb.span[0],
        e.evidence.verb.span[1],
        e.evidence.pattern,
    ])?;
    Ok(())
}
