//! The read side of the store: filtered lists (keyset-paginated), counts,
//! time series per QuadClass, and a streaming scan for exports.
//!
//! Every function takes a [`ValidFilter`] (made by [`Filter::validate`]) and a
//! `&rusqlite::Connection`, so `bede query`, `bede export` and the HTTP server
//! share one implementation; inputs and outputs are serde types.
//!
//! What a row is: with [`Unit::Clusters`] (the default) one row per event
//! cluster, shown as its representative mention with the cluster's counts and
//! filtered on the representative's code, actors and date; with
//! [`Unit::Mentions`] one row per coded mention. Text search matches a cluster
//! when any of its mentions' evidence matches.
//!
//! Not here: writing (ingest, clustering) and file formats (`bede-export`).

mod detail;
mod filter;
mod series;

pub use detail::{
    actor, actor_names, actor_partners, actors, article, cluster, cluster_mentions, generation, mention, ActorCounts, ActorList,
    ArticleDetail, ArticleInfo, ClusterInfo, NameCount, SentenceEvents,
};
pub use filter::{day_date, day_number, Filter, FilterError, Param, Unit, ValidFilter};
pub use series::{series, Period, PeriodCounts, Series};

use bede_core::Event;
use filter::Where;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, Row};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The largest page [`list`] returns; a caller wanting more pages on with the cursor.
pub const MAX_LIMIT: usize = 10_000;

/// Why a query failed: bad input (the caller's to fix, naming the parameter)
/// or the database.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error(transparent)]
    Invalid(#[from] FilterError),
    #[error("reading the event store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A stored row that does not make an Event (a schema contract broken by a writer).
    #[error("event store row {table} {id}: {reason}")]
    Corrupt { table: &'static str, id: i64, reason: String },
}

/// Cross-outlet counts of a cluster (GDELT's NumMentions/NumSources/NumArticles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterCounts {
    pub id: i64,
    pub num_mentions: u32,
    pub num_sources: u32,
    pub num_articles: u32,
}

/// The article a mention came from, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub doc_id: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    /// RFC 3339, UTC.
    pub ingested_at: Option<String>,
}

/// One row of a result: a mention (for a cluster, its representative one),
/// the cluster it belongs to, and its article. Everything an export needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub event: Event,
    pub cluster: ClusterCounts,
    pub article: ArticleMeta,
}

/// Result order: by date (undated first when ascending, last when
/// descending), ties by row id, so a cursor is exact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    #[default]
    Asc,
    Desc,
}

/// Where the next page starts: the last row's (day, id). Its text form
/// (`c.a.18466.42`: unit, order, day or `-` for undated, id) is what an HTTP
/// client passes back; a cursor from another unit or order is rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    unit: Unit,
    order: Order,
    day: Option<i64>,
    id: i64,
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let u = if self.unit == Unit::Clusters { 'c' } else { 'm' };
        let o = if self.order == Order::Asc { 'a' } else { 'd' };
        match self.day {
            Some(d) => write!(f, "{u}.{o}.{d}.{}", self.id),
            None => write!(f, "{u}.{o}.-.{}", self.id),
        }
    }
}

impl FromStr for Cursor {
    type Err = FilterError;
    fn from_str(s: &str) -> Result<Self, FilterError> {
        let bad = || FilterError::new(Param::Cursor, s, "not a cursor returned by a previous page");
        let parts: Vec<&str> = s.split('.').collect();
        let [u, o, d, i] = parts[..] else { return Err(bad()) };
        let unit = match u {
            "c" => Unit::Clusters,
            "m" => Unit::Mentions,
            _ => return Err(bad()),
        };
        let order = match o {
            "a" => Order::Asc,
            "d" => Order::Desc,
            _ => return Err(bad()),
        };
        let day = if d == "-" { None } else { Some(d.parse().map_err(|_| bad())?) };
        Ok(Cursor { unit, order, day, id: i.parse().map_err(|_| bad())? })
    }
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub items: Vec<Hit>,
    /// The cursor of the next page; `None` on the last page.
    pub next: Option<String>,
}

/// Which rows to return: at most `limit` (1..=[`MAX_LIMIT`]) after `cursor`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PageRequest {
    pub limit: usize,
    pub cursor: Option<String>,
    pub order: Order,
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest { limit: 100, cursor: None, order: Order::Asc }
    }
}

/// The table of a unit and its alias in the SQL.
fn table(unit: Unit) -> (&'static str, &'static str) {
    match unit {
        Unit::Clusters => ("clusters", "c"),
        Unit::Mentions => ("events", "e"),
    }
}

/// The FROM clause joining a row to its mention, cluster and article.
fn joined_from(unit: Unit) -> &'static str {
    match unit {
        Unit::Clusters => "FROM clusters c JOIN events e ON e.id = c.rep_event JOIN articles a ON a.id = e.article",
        Unit::Mentions => "FROM events e JOIN clusters c ON c.id = e.cluster JOIN articles a ON a.id = e.article",
    }
}

/// The columns [`hit_from_row`] reads: cluster counts, article metadata, the
/// mention's row id, then the store's [`crate::EVENT_COLUMNS`] (alias `e`).
fn hit_columns() -> &'static str {
    static COLS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    COLS.get_or_init(|| {
        format!(
            "c.id, c.num_mentions, c.num_sources, c.num_articles, \
             a.doc_id, a.outlet, a.url, a.title, a.published, a.ingested_at, e.id, {}",
            crate::EVENT_COLUMNS
        )
    })
}

/// Where [`crate::EVENT_COLUMNS`] start in [`hit_columns`].
const EVENT_AT: usize = 11;
/// Number of columns of [`hit_columns`] (the sort day follows them in [`list`]).
const HIT_COLUMN_COUNT: usize = EVENT_AT + crate::EVENT_COLUMN_COUNT;

fn hit_from_row(r: &Row) -> Result<Hit, QueryError> {
    let cluster = ClusterCounts { id: r.get(0)?, num_mentions: r.get(1)?, num_sources: r.get(2)?, num_articles: r.get(3)? };
    let article = ArticleMeta {
        doc_id: r.get(4)?,
        outlet: r.get(5)?,
        url: r.get(6)?,
        title: r.get(7)?,
        published: r.get(8)?,
        ingested_at: r.get(9)?,
    };
    let event = crate::event_from_row_at(r, EVENT_AT).map_err(|e| match e {
        // A value the Event cannot hold: the writer broke the schema contract.
        rusqlite::Error::FromSqlConversionFailure(..) => {
            let id = r.get::<_, i64>(10).unwrap_or(-1);
            QueryError::Corrupt { table: "events", id, reason: e.to_string() }
        }
        other => QueryError::Sqlite(other),
    })?;
    Ok(Hit { event, cluster, article })
}

/// FTS5 syntax is SQLite's: run the query once on its own so a syntax error is
/// reported as the `text` parameter's fault, not as a database failure.
fn check_text(conn: &Connection, f: &ValidFilter) -> Result<(), QueryError> {
    if let Some(q) = &f.text {
        let mut st = conn.prepare_cached("SELECT rowid FROM events_fts WHERE events_fts MATCH ?1 LIMIT 1")?;
        let mut rows = st.query([q])?;
        if let Err(e) = rows.next() {
            let why = match &e {
                rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
                other => other.to_string(),
            };
            return Err(FilterError::new(Param::Text, q.as_str(), format!("not a valid full-text query ({why})")).into());
        }
    }
    Ok(())
}

/// How many rows (clusters or mentions, per the filter's unit) match.
pub fn count(conn: &Connection, f: &ValidFilter) -> Result<u64, QueryError> {
    check_text(conn, f)?;
    match f.disjoint_directions() {
        Some(dirs) => Ok(count_one(conn, &dirs[0])? + count_one(conn, &dirs[1])?),
        None => count_one(conn, f),
    }
}

fn count_one(conn: &Connection, f: &ValidFilter) -> Result<u64, QueryError> {
    let (tbl, t) = table(f.unit);
    let w = Where::from_filter(f, t);
    let sql = format!("SELECT count(*) FROM {tbl} {t}{}", w.sql());
    let n: i64 = conn.prepare_cached(&sql)?.query_row(params_from_iter(w.params.iter()), |r| r.get(0))?;
    Ok(n as u64)
}

/// The keyset condition for rows after `c` in `order`. NULL days sort first
/// ascending and last descending (SQLite's NULL order), so each case is spelt out.
fn after_cursor(w: &mut Where, t: &str, c: &Cursor) {
    match (c.order, c.day) {
        (Order::Asc, Some(d)) => w.push(format!("({t}.day, {t}.id) > (?, ?)"), [Value::Integer(d), Value::Integer(c.id)]),
        (Order::Asc, None) => w.push(format!("(({t}.day IS NULL AND {t}.id > ?) OR {t}.day IS NOT NULL)"), [Value::Integer(c.id)]),
        (Order::Desc, Some(d)) => {
            w.push(format!("(({t}.day, {t}.id) < (?, ?) OR {t}.day IS NULL)"), [Value::Integer(d), Value::Integer(c.id)])
        }
        (Order::Desc, None) => w.push(format!("({t}.day IS NULL AND {t}.id < ?)"), [Value::Integer(c.id)]),
    }
}

fn order_by(t: &str, order: Order) -> String {
    match order {
        Order::Asc => format!(" ORDER BY {t}.day, {t}.id"),
        Order::Desc => format!(" ORDER BY {t}.day DESC, {t}.id DESC"),
    }
}

/// One page of matching rows in date order, at most `page.limit`.
pub fn list(conn: &Connection, f: &ValidFilter, page: &PageRequest) -> Result<Page, QueryError> {
    if page.limit == 0 || page.limit > MAX_LIMIT {
        return Err(FilterError::new(Param::Limit, page.limit.to_string(), format!("a page holds 1 to {MAX_LIMIT} rows")).into());
    }
    let cursor = page.cursor.as_deref().map(Cursor::from_str).transpose()?;
    if let Some(c) = &cursor {
        if c.unit != f.unit || c.order != page.order {
            return Err(FilterError::new(Param::Cursor, c.to_string(), "the cursor is from a query with another unit or order").into());
        }
    }
    check_text(conn, f)?;
    // One row more than asked says whether there is a next page.
    let want = page.limit + 1;
    let mut rows = match f.disjoint_directions() {
        // Each direction is one ordered range of the dyad index and stops after
        // `want` rows; sorting the OR of both would read every row of the dyad.
        Some([ab, ba]) => {
            let mut rows = page_rows(conn, &ab, cursor.as_ref(), page.order, want)?;
            rows.extend(page_rows(conn, &ba, cursor.as_ref(), page.order, want)?);
            // (day, id) as SQLite orders it: NULL first ascending, as Option does.
            rows.sort_by_key(|r| (r.0, r.1));
            if page.order == Order::Desc {
                rows.reverse();
            }
            rows.truncate(want);
            rows
        }
        None => page_rows(conn, f, cursor.as_ref(), page.order, want)?,
    };
    let more = rows.len() > page.limit;
    rows.truncate(page.limit);
    let next = if more { rows.last().map(|&(day, id, _)| Cursor { unit: f.unit, order: page.order, day, id }.to_string()) } else { None };
    Ok(Page { items: rows.into_iter().map(|r| r.2).collect(), next })
}

/// Up to `n` rows after `cursor` in `order`, each with its sort key (day, id).
fn page_rows(
    conn: &Connection,
    f: &ValidFilter,
    cursor: Option<&Cursor>,
    order: Order,
    n: usize,
) -> Result<Vec<(Option<i64>, i64, Hit)>, QueryError> {
    let (_, t) = table(f.unit);
    let mut w = Where::from_filter(f, t);
    if let Some(c) = cursor {
        after_cursor(&mut w, t, c);
    }
    let sql = format!("SELECT {}, {t}.day {}{}{} LIMIT ?", hit_columns(), joined_from(f.unit), w.sql(), order_by(t, order));
    let mut params = w.params;
    params.push(Value::Integer(n as i64));
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query(params_from_iter(params.iter()))?;
    let mut out = Vec::with_capacity(n.min(1024));
    while let Some(r) = rows.next()? {
        let day: Option<i64> = r.get(HIT_COLUMN_COUNT)?;
        let id: i64 = if f.unit == Unit::Clusters { r.get(0)? } else { r.get(10)? };
        out.push((day, id, hit_from_row(r)?));
    }
    Ok(out)
}

/// Every matching row in date order, handed to `each` one at a time: memory
/// stays flat whatever the number of rows (the export of a whole store). Stops
/// at the first error `each` returns. Returns the number of rows handed over.
pub fn for_each_hit<E>(conn: &Connection, f: &ValidFilter, mut each: impl FnMut(Hit) -> Result<(), E>) -> Result<u64, E>
where
    E: From<QueryError>,
{
    check_text(conn, f)?;
    let (_, t) = table(f.unit);
    let w = Where::from_filter(f, t);
    let sql = format!("SELECT {} {}{}{}", hit_columns(), joined_from(f.unit), w.sql(), order_by(t, Order::Asc));
    let mut st = conn.prepare(&sql).map_err(QueryError::from)?;
    let mut rows = st.query(params_from_iter(w.params.iter())).map_err(QueryError::from)?;
    let mut n = 0;
    while let Some(r) = rows.next().map_err(QueryError::from)? {
        each(hit_from_row(r)?)?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_text_round_trips() {
        for c in [
            Cursor { unit: Unit::Clusters, order: Order::Asc, day: Some(18466), id: 42 },
            Cursor { unit: Unit::Mentions, order: Order::Desc, day: None, id: 7 },
            Cursor { unit: Unit::Mentions, order: Order::Asc, day: Some(-3), id: 1 },
        ] {
            assert_eq!(c.to_string().parse::<Cursor>().unwrap(), c);
        }
        for bad in ["", "x.a.1.2", "c.a.1", "c.a.x.2", "c.z.1.2", "c.a.1.2.3"] {
            assert_eq!(bad.parse::<Cursor>().unwrap_err().param, Param::Cursor, "{bad}");
        }
    }

    #[test]
    fn hit_columns_count_matches_reader() {
        // EVENT_COLUMNS holds one comma-free subquery column per name; count top-level commas.
        let cols = hit_columns();
        let mut depth = 0;
        let n = 1 + cols
            .chars()
            .filter(|&ch| {
                match ch {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                ch == ',' && depth == 0
            })
            .count();
        assert_eq!(n, HIT_COLUMN_COUNT);
    }
}
