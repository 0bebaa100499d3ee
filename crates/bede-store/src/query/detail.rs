//! Lookups of one thing by its id, for `bede serve`: a mention, a cluster
//! with its mentions, an article with its sentences and their events, and the
//! actor aggregates (`actor_dyads`, `actor_names`, kept by triggers).
//!
//! Every list here is bounded by a limit the caller gives; ids and text are
//! bound parameters.

use super::{hit_columns, hit_from_row, Hit, QueryError};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// The store's write generation: it grows with every committed ingest batch,
/// so a reader can tell whether anything changed since it last looked.
pub fn generation(conn: &Connection) -> Result<u64, QueryError> {
    let v: Option<String> =
        conn.prepare_cached("SELECT value FROM meta WHERE key = 'generation'")?.query_row([], |r| r.get(0)).optional()?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// Mentions joined to their cluster and article, as [`hit_from_row`] reads them.
const MENTION_FROM: &str = "FROM events e JOIN clusters c ON c.id = e.cluster JOIN articles a ON a.id = e.article";

/// One mention by its event id (`Event.id`).
pub fn mention(conn: &Connection, event_id: &str) -> Result<Option<Hit>, QueryError> {
    let sql = format!("SELECT {} {MENTION_FROM} WHERE e.event_id = ?1", hit_columns());
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query([event_id])?;
    match rows.next()? {
        Some(r) => Ok(Some(hit_from_row(r)?)),
        None => Ok(None),
    }
}

/// An event cluster as stored: its representative mention's code, actors and
/// date, and its cross-outlet counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterInfo {
    pub id: i64,
    pub cameo: String,
    pub cameo_name: String,
    pub root: String,
    pub quad_class: u8,
    pub goldstein: f64,
    pub plover_type: String,
    pub source_code: String,
    pub source_country: Option<String>,
    pub target_code: Option<String>,
    pub target_country: Option<String>,
    /// The representative date, with its precision.
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub negated: bool,
    pub num_mentions: u32,
    pub num_sources: u32,
    pub num_articles: u32,
    /// The representative mention's event id.
    pub rep_event: Option<String>,
}

/// One cluster by its id.
pub fn cluster(conn: &Connection, id: i64) -> Result<Option<ClusterInfo>, QueryError> {
    let mut st = conn.prepare_cached(
        "SELECT c.id, c.cameo, coalesce(e.cameo_name, ''), c.root, c.quad_class, c.goldstein, c.plover_type, c.source_code,
                c.source_country, c.target_code, c.target_country, c.date, c.date_precision, c.negated, c.num_mentions,
                c.num_sources, c.num_articles, e.event_id
         FROM clusters c LEFT JOIN events e ON e.id = c.rep_event WHERE c.id = ?1",
    )?;
    Ok(st
        .query_row([id], |r| {
            Ok(ClusterInfo {
                id: r.get(0)?,
                cameo: r.get(1)?,
                cameo_name: r.get(2)?,
                root: r.get(3)?,
                quad_class: r.get(4)?,
                goldstein: r.get(5)?,
                plover_type: r.get(6)?,
                source_code: r.get(7)?,
                source_country: r.get(8)?,
                target_code: r.get(9)?,
                target_country: r.get(10)?,
                date: r.get(11)?,
                date_precision: r.get(12)?,
                negated: r.get(13)?,
                num_mentions: r.get(14)?,
                num_sources: r.get(15)?,
                num_articles: r.get(16)?,
                rep_event: r.get(17)?,
            })
        })
        .optional()?)
}

/// A cluster's mentions in the order they were stored, at most `limit` after
/// the mention row `after` (the `next` of the previous page). Returns the
/// mentions and the `after` of the next page, if there is one.
pub fn cluster_mentions(conn: &Connection, id: i64, limit: usize, after: Option<i64>) -> Result<(Vec<Hit>, Option<i64>), QueryError> {
    let sql = format!("SELECT {}, e.id {MENTION_FROM} WHERE e.cluster = ?1 AND e.id > ?2 ORDER BY e.id LIMIT ?3", hit_columns());
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query(params![id, after.unwrap_or(i64::MIN), limit as i64 + 1])?;
    let mut out = Vec::new();
    let mut last = None;
    while let Some(r) = rows.next()? {
        if out.len() == limit {
            return Ok((out, last));
        }
        last = Some(r.get::<_, i64>(super::HIT_COLUMN_COUNT)?);
        out.push(hit_from_row(r)?);
    }
    Ok((out, None))
}

/// An article as stored, without its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleInfo {
    pub doc_id: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub ingested_at: String,
}

/// One sentence of an article and the mentions coded from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceEvents {
    pub index: u32,
    pub text: String,
    pub events: Vec<Hit>,
}

/// An article with its first `max_sentences` sentences and their mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleDetail {
    pub article: ArticleInfo,
    pub sentences: Vec<SentenceEvents>,
    /// Whether the article has more sentences than were returned.
    pub truncated: bool,
}

/// One article by its document id.
pub fn article(conn: &Connection, doc_id: &str, max_sentences: usize) -> Result<Option<ArticleDetail>, QueryError> {
    let found = conn
        .prepare_cached("SELECT id, doc_id, outlet, url, title, published, language, ingested_at FROM articles WHERE doc_id = ?1")?
        .query_row([doc_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                ArticleInfo {
                    doc_id: r.get(1)?,
                    outlet: r.get(2)?,
                    url: r.get(3)?,
                    title: r.get(4)?,
                    published: r.get(5)?,
                    language: r.get(6)?,
                    ingested_at: r.get(7)?,
                },
            ))
        })
        .optional()?;
    let Some((id, info)) = found else { return Ok(None) };
    let mut sentences: Vec<SentenceEvents> = Vec::new();
    let mut truncated = false;
    {
        let mut st = conn.prepare_cached("SELECT idx, text FROM sentences WHERE article = ?1 ORDER BY idx LIMIT ?2")?;
        let mut rows = st.query(params![id, max_sentences as i64 + 1])?;
        while let Some(r) = rows.next()? {
            if sentences.len() == max_sentences {
                truncated = true;
                break;
            }
            sentences.push(SentenceEvents { index: r.get(0)?, text: r.get(1)?, events: Vec::new() });
        }
    }
    let sql = format!("SELECT {} {MENTION_FROM} WHERE e.article = ?1 AND e.sentence < ?2 ORDER BY e.sentence, e.id", hit_columns());
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query(params![id, sentences.len() as i64])?;
    while let Some(r) = rows.next()? {
        let hit = hit_from_row(r)?;
        // Sentences are stored 0..n in order, so the index is the position.
        if let Some(s) = sentences.get_mut(hit.event.sentence as usize) {
            s.events.push(hit);
        }
    }
    Ok(Some(ArticleDetail { article: info, sentences, truncated }))
}

/// Mention counts of one actor code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorCounts {
    pub code: String,
    /// The country of the code's mentions (the first found), if any.
    pub country: Option<String>,
    pub as_source: u64,
    pub as_target: u64,
    pub mentions: u64,
}

/// A display name given to actors of a code, and how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCount {
    pub name: String,
    pub mentions: u64,
}

/// A page of [`actors`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorList {
    pub items: Vec<ActorCounts>,
    /// Where the next page starts: the last row's (mentions, code); `None` on the last page.
    pub next: Option<(u64, String)>,
}

/// Mentions per code, over both sides, from the dyad aggregate.
const ACTOR_TOTALS: &str = "SELECT code, sum(s) AS as_source, sum(t) AS as_target, sum(s) + sum(t) AS mentions FROM (
        SELECT source_code AS code, mentions AS s, 0 AS t FROM actor_dyads
        UNION ALL
        SELECT target_code, 0, mentions FROM actor_dyads WHERE target_code <> '')
    GROUP BY code";

/// Actor codes, most mentioned first (ties by code), at most `limit` after
/// `after` (the last (mentions, code) of the previous page). `q` keeps codes
/// that start with it or have a display name containing it, ignoring ASCII case.
pub fn actors(conn: &Connection, q: Option<&str>, limit: usize, after: Option<(u64, &str)>) -> Result<ActorList, QueryError> {
    let sql = format!(
        "SELECT t.code, t.as_source, t.as_target, t.mentions FROM ({ACTOR_TOTALS}) t
         WHERE (?1 IS NULL OR t.code LIKE ?2 ESCAPE '\\'
                OR EXISTS (SELECT 1 FROM actor_names n WHERE n.code = t.code AND n.name LIKE ?3 ESCAPE '\\'))
           AND (?4 IS NULL OR t.mentions < ?4 OR (t.mentions = ?4 AND t.code > ?5))
         ORDER BY t.mentions DESC, t.code LIMIT ?6"
    );
    let escaped = q.map(|q| q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let prefix = escaped.as_ref().map(|e| format!("{e}%"));
    let infix = escaped.as_ref().map(|e| format!("%{e}%"));
    let (after_n, after_code) = match after {
        Some((n, c)) => (Some(n as i64), Some(c.to_string())),
        None => (None, None),
    };
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query(params![q, prefix, infix, after_n, after_code, limit as i64 + 1])?;
    let mut out: Vec<ActorCounts> = Vec::new();
    let mut more = false;
    while let Some(r) = rows.next()? {
        if out.len() == limit {
            more = true;
            break;
        }
        out.push(ActorCounts {
            code: r.get(0)?,
            country: None,
            as_source: r.get::<_, i64>(1)? as u64,
            as_target: r.get::<_, i64>(2)? as u64,
            mentions: r.get::<_, i64>(3)? as u64,
        });
    }
    drop(rows);
    for a in &mut out {
        a.country = actor_country(conn, &a.code)?;
    }
    let next = if more { out.last().map(|a| (a.mentions, a.code.clone())) } else { None };
    Ok(ActorList { items: out, next })
}

/// The country of a code's mentions, from the first mention found on either side.
fn actor_country(conn: &Connection, code: &str) -> Result<Option<String>, QueryError> {
    let mut st = conn.prepare_cached(
        "SELECT coalesce((SELECT source_country FROM events WHERE source_code = ?1 LIMIT 1),
                         (SELECT target_country FROM events WHERE target_code = ?1 LIMIT 1))",
    )?;
    Ok(st.query_row([code], |r| r.get(0))?)
}

/// One actor code's counts, or `None` when no mention has it.
pub fn actor(conn: &Connection, code: &str) -> Result<Option<ActorCounts>, QueryError> {
    let mut st = conn.prepare_cached(
        "SELECT (SELECT sum(mentions) FROM actor_dyads WHERE source_code = ?1),
                (SELECT sum(mentions) FROM actor_dyads WHERE target_code = ?1)",
    )?;
    let (s, t): (Option<i64>, Option<i64>) = st.query_row([code], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if s.is_none() && t.is_none() {
        return Ok(None);
    }
    let (s, t) = (s.unwrap_or(0) as u64, t.unwrap_or(0) as u64);
    Ok(Some(ActorCounts { code: code.to_string(), country: actor_country(conn, code)?, as_source: s, as_target: t, mentions: s + t }))
}

/// The display names of a code, most frequent first, at most `limit`.
pub fn actor_names(conn: &Connection, code: &str, limit: usize) -> Result<Vec<NameCount>, QueryError> {
    let mut st = conn.prepare_cached("SELECT name, mentions FROM actor_names WHERE code = ?1 ORDER BY mentions DESC, name LIMIT ?2")?;
    let rows = st.query_map(params![code, limit as i64], |r| Ok(NameCount { name: r.get(0)?, mentions: r.get::<_, i64>(1)? as u64 }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The codes a code acted on (`as_target` of the partner: the partner was
/// the target) or was acted on by, most frequent first, at most `limit`.
pub fn actor_partners(conn: &Connection, code: &str, limit: usize) -> Result<Vec<ActorCounts>, QueryError> {
    let mut st = conn.prepare_cached(
        "SELECT partner, sum(s), sum(t), sum(s) + sum(t) AS n FROM (
             SELECT source_code AS partner, mentions AS s, 0 AS t FROM actor_dyads WHERE target_code = ?1
             UNION ALL
             SELECT target_code, 0, mentions FROM actor_dyads WHERE source_code = ?1 AND target_code <> '')
         GROUP BY partner ORDER BY n DESC, partner LIMIT ?2",
    )?;
    let rows = st.query_map(params![code, limit as i64], |r| {
        Ok(ActorCounts {
            code: r.get(0)?,
            country: None,
            as_source: r.get::<_, i64>(1)? as u64,
            as_target: r.get::<_, i64>(2)? as u64,
            mentions: r.get::<_, i64>(3)? as u64,
        })
    })?;
    let mut partners: Vec<ActorCounts> = rows.collect::<Result<_, _>>()?;
    for p in &mut partners {
        p.country = actor_country(conn, &p.code)?;
    }
    Ok(partners)
}
