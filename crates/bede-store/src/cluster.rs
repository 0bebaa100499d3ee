//! Cross-outlet event clustering: which stored mentions are the same event.
//!
//! Two mentions are the same event when they have the same source and target
//! at country-and-sector level ([`actor_key`]), the same CAMEO root, the same
//! `negated`, and compatible dates:
//!
//! - day-precision dates within ±`window_days` of the cluster's days, and the
//!   cluster never spanning more than `2 × window_days` days (so every mention
//!   is within the window of the cluster's middle: one outlet's "Thursday" and
//!   another's "Friday" join, but a dyad fighting every day for a month does not
//!   chain into one month-long cluster);
//! - year- or month-precision dates (background: "in 1992") only with mentions
//!   of the same precision and the same period: a year is never widened to, or
//!   matched against, a day;
//! - undated mentions only within their own article.
//!
//! Among several candidate clusters the nearest (distance from the mention's
//! day to the cluster's `[day_min, day_max]`) wins, ties to the lowest id, so
//! the same input in the same order always gives the same clusters.
//!
//! Counts and representative fields are not maintained here mention by
//! mention: [`recompute`] rebuilds them from `events` for each touched cluster
//! at the end of a batch, so they always equal what the mentions say.

use bede_core::{ActorRef, DatePrecision, Event};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};

/// How mentions are grouped into one event cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterOptions {
    /// Two mentions' dates may differ by at most this many days (default 1: ±1 day).
    pub window_days: u32,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions { window_days: 1 }
    }
}

/// An actor at country-and-sector level: the country plus the first sector
/// (`RUSGOV`, `TURMIL`, `TUR` when there is no sector), or, for an actor
/// without a country (IGOs, NGOs, unknown), the first six characters of its
/// code (`IGOUNO`, `NGOAMN`). So "Lavrov" and "the Russian foreign ministry"
/// (both RUS + GOV) are one side of the same event.
pub fn actor_key(a: &ActorRef) -> String {
    match a.country.as_deref().filter(|c| !c.is_empty()) {
        Some(c) => {
            let mut k = c.to_string();
            if let Some(s) = a.sectors.first() {
                k.push_str(s);
            }
            k
        }
        None => a.code.chars().take(6).collect(),
    }
}

/// Days since 1970-01-01.
pub(crate) fn day_number(d: NaiveDate) -> i64 {
    (d - NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid epoch")).num_days()
}

/// How a mention is dated, for clustering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Period {
    Day(i64),
    /// The first day of the month.
    Month(i64),
    /// The first day of the year.
    Year(i64),
    Undated,
}

impl Period {
    pub(crate) fn of(e: &Event) -> Period {
        let Some(d) = e.date else { return Period::Undated };
        let Some(first) = d.first_day() else { return Period::Undated };
        let n = day_number(first);
        match d.precision() {
            DatePrecision::Day => Period::Day(n),
            DatePrecision::Month => Period::Month(n),
            DatePrecision::Year => Period::Year(n),
        }
    }

    fn precision(self) -> Option<&'static str> {
        match self {
            Period::Day(_) => Some("day"),
            Period::Month(_) => Some("month"),
            Period::Year(_) => Some("year"),
            Period::Undated => None,
        }
    }

    fn day(self) -> Option<i64> {
        match self {
            Period::Day(n) | Period::Month(n) | Period::Year(n) => Some(n),
            Period::Undated => None,
        }
    }
}

/// What identifies a mention's event apart from its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MentionKey {
    pub source: String,
    pub target: String,
    pub root: String,
    pub negated: bool,
}

impl MentionKey {
    pub(crate) fn of(e: &Event) -> MentionKey {
        MentionKey {
            source: actor_key(&e.source),
            target: e.target.as_ref().map(actor_key).unwrap_or_default(),
            root: cameo_root(&e.cameo).to_string(),
            negated: e.negated,
        }
    }
}

/// The two-digit CAMEO root of a code ("0411" → "04"); a malformed code is its own root.
pub(crate) fn cameo_root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// The cluster `e` (of stored article `article`) joins, creating one when no
/// existing cluster fits. Returns the cluster id and whether it was created.
/// Widens a day cluster's `[day_min, day_max]` at once, so the next mention of
/// the same batch sees it.
pub(crate) fn assign(tx: &Transaction<'_>, e: &Event, article: i64, opts: &ClusterOptions) -> rusqlite::Result<(i64, bool)> {
    let key = MentionKey::of(e);
    let period = Period::of(e);
    let found: Option<i64> = match period {
        Period::Day(d) => nearest_day_cluster(tx, &key, d, i64::from(opts.window_days))?,
        Period::Month(d) | Period::Year(d) => {
            let mut st = tx.prepare_cached(
                "SELECT id FROM clusters WHERE source_key = ?1 AND target_key = ?2 AND root = ?3 AND negated = ?4
                 AND day_min = ?5 AND date_precision = ?6 ORDER BY id LIMIT 1",
            )?;
            st.query_row(params![key.source, key.target, key.root, key.negated, d, period.precision()], |r| r.get(0)).optional()?
        }
        Period::Undated => {
            let mut st = tx.prepare_cached(
                "SELECT id FROM clusters WHERE article = ?1 AND source_key = ?2 AND target_key = ?3 AND root = ?4
                 AND negated = ?5 AND date_precision IS NULL ORDER BY id LIMIT 1",
            )?;
            st.query_row(params![article, key.source, key.target, key.root, key.negated], |r| r.get(0)).optional()?
        }
    };
    if let Some(id) = found {
        if let Period::Day(d) = period {
            tx.prepare_cached("UPDATE clusters SET day_min = min(day_min, ?2), day_max = max(day_max, ?2) WHERE id = ?1")?
                .execute(params![id, d])?;
        }
        return Ok((id, false));
    }
    // The representative fields start as this mention's; `recompute` sets them
    // from the cluster's representative mention at the end of the batch.
    let day = period.day();
    let mut st = tx.prepare_cached(
        "INSERT INTO clusters (source_key, target_key, root, negated, day_min, day_max, cameo, quad_class, goldstein,
             plover_type, source_code, source_country, target_code, target_country, date, day,
             num_mentions, num_sources, num_articles, date_precision, article)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?5, 1, 1, 1, ?15, ?16)",
    )?;
    st.execute(params![
        key.source,
        key.target,
        key.root,
        key.negated,
        day,
        e.cameo,
        e.quad_class,
        f64::from(e.goldstein),
        e.plover.kind,
        e.source.code,
        e.source.country,
        e.target.as_ref().map(|t| &t.code),
        e.target.as_ref().and_then(|t| t.country.as_ref()),
        e.date.map(|d| d.to_string()),
        period.precision(),
        matches!(period, Period::Undated).then_some(article),
    ])?;
    Ok((tx.last_insert_rowid(), true))
}

/// The day cluster nearest to day `d` within the window, if any.
fn nearest_day_cluster(tx: &Transaction<'_>, key: &MentionKey, d: i64, w: i64) -> rusqlite::Result<Option<i64>> {
    // A cluster spans at most 2w days and must reach within w of d, so its
    // day_min lies in [d - 3w, d + w]: a range scan on clusters_key.
    let mut st = tx.prepare_cached(
        "SELECT id, day_min, day_max FROM clusters
         WHERE source_key = ?1 AND target_key = ?2 AND root = ?3 AND negated = ?4
           AND day_min BETWEEN ?5 AND ?6 AND date_precision = 'day'",
    )?;
    let rows = st.query_map(params![key.source, key.target, key.root, key.negated, d - 3 * w, d + w], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
    })?;
    let mut best: Option<(i64, i64)> = None; // (distance, id)
    for row in rows {
        let (id, lo, hi) = row?;
        let dist = if d < lo { lo - d } else { (d - hi).max(0) };
        let span = hi.max(d) - lo.min(d);
        let nearer = match best {
            None => true,
            Some(b) => (dist, id) < b,
        };
        if dist <= w && span <= 2 * w && nearer {
            best = Some((dist, id));
        }
    }
    Ok(best.map(|(_, id)| id))
}

/// Rebuild a cluster's counts, day range and representative fields from its
/// mentions; delete it when it has none left. Returns whether it still exists.
pub(crate) fn recompute(tx: &Transaction<'_>, cluster: i64) -> rusqlite::Result<bool> {
    // An article without an outlet is its own source; outlets compare
    // case- and space-insensitively ("Reuters" and "reuters " are one source).
    let mut st = tx.prepare_cached(
        "SELECT count(*), count(DISTINCT e.article),
                count(DISTINCT CASE WHEN a.outlet IS NULL OR trim(a.outlet) = '' THEN 'article:' || a.id
                                    ELSE 'outlet:' || lower(trim(a.outlet)) END),
                min(e.day), max(e.day)
         FROM events e JOIN articles a ON a.id = e.article WHERE e.cluster = ?1",
    )?;
    let (mentions, articles, sources, day_min, day_max): (i64, i64, i64, Option<i64>, Option<i64>) =
        st.query_row([cluster], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
    // The representative is the earliest-dated mention, then the one in the
    // earliest-published article, then the smallest event id (a hash of the
    // event's content): chosen by what the
    // mentions say, not by the order they were ingested in, so the same articles
    // give the same representatives in any input order and with any thread count.
    let rep: Option<i64> = tx
        .prepare_cached(
            "SELECT e.id FROM events e JOIN articles a ON a.id = e.article WHERE e.cluster = ?1
             ORDER BY e.day IS NULL, e.day, a.published IS NULL, a.published, e.event_id LIMIT 1",
        )?
        .query_row([cluster], |r| r.get(0))
        .optional()?;
    let Some(rep) = rep.filter(|_| mentions > 0) else {
        tx.prepare_cached("DELETE FROM clusters WHERE id = ?1")?.execute([cluster])?;
        return Ok(false);
    };
    tx.prepare_cached(
        "UPDATE clusters SET rep_event = e.id, cameo = e.cameo, quad_class = e.quad_class, goldstein = e.goldstein,
             plover_type = e.plover_type, source_code = e.source_code, source_country = e.source_country,
             target_code = e.target_code, target_country = e.target_country, date = e.date, day = e.day,
             num_mentions = ?2, num_sources = ?3, num_articles = ?4, day_min = ?5, day_max = ?6
         FROM events e WHERE clusters.id = ?1 AND e.id = ?7",
    )?
    .execute(params![cluster, mentions, sources, articles, day_min, day_max, rep])?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(code: &str, country: Option<&str>, sectors: &[&str]) -> ActorRef {
        ActorRef {
            code: code.into(),
            country: country.map(Into::into),
            sectors: sectors.iter().map(|s| s.to_string()).collect(),
            name: String::new(),
            text: String::new(),
            span: [0, 0],
        }
    }

    #[test]
    fn actor_keys_are_country_and_first_sector() {
        assert_eq!(actor_key(&actor("RUSGOV", Some("RUS"), &["GOV"])), "RUSGOV");
        assert_eq!(actor_key(&actor("RUSGOVMIL", Some("RUS"), &["GOV", "MIL"])), "RUSGOV");
        assert_eq!(actor_key(&actor("TUR", Some("TUR"), &[])), "TUR");
        assert_eq!(actor_key(&actor("IGOUNOWHO", None, &["IGO"])), "IGOUNO");
        assert_eq!(actor_key(&actor("NGO", None, &[])), "NGO");
    }

    #[test]
    fn roots() {
        assert_eq!(cameo_root("0411"), "04");
        assert_eq!(cameo_root("190"), "19");
        assert_eq!(cameo_root("1"), "1");
    }
}
