//! The query filter: what a caller (CLI flags, HTTP query parameters) gives as
//! text, its validation into typed values, and the SQL `WHERE` it becomes.
//!
//! Only fixed SQL fragments are written here; every value the user gave is a
//! bound parameter. The table alias a fragment names (`c` for clusters, `e` for
//! event mentions) is chosen by [`Unit`], never by input.

use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a query counts and lists: event clusters (one event reported by any
/// number of articles, counted once at its representative mention) or every
/// coded mention.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    #[default]
    Clusters,
    Mentions,
}

/// A filter as the user writes it: codes and dates as text, to be checked by
/// [`Filter::validate`]. Values of one field are alternatives (OR); different
/// fields must all hold (AND). An empty field does not filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Source actor codes, each matching itself and the codes it prefixes (`RUS`
    /// matches `RUS`, `RUSGOV`, `RUSMIL`; `RUSGOV` matches `RUSGOVMIL`).
    pub source: Vec<String>,
    /// Target actor codes, as `source`.
    pub target: Vec<String>,
    /// Actor codes on either side, as `source`.
    pub actor: Vec<String>,
    /// ISO 3166-1 alpha-3 country of the source or the target.
    pub country: Vec<String>,
    pub source_country: Vec<String>,
    pub target_country: Vec<String>,
    /// `A-B`: events between A and B, both directions unless `directed`. A side
    /// of three letters is a country (`RUS`); a longer one an actor code prefix
    /// (`IGOUNO`, `RUSGOV`).
    pub dyad: Option<String>,
    /// Only A → B for `dyad`.
    pub directed: bool,
    /// CAMEO codes: `042` exactly, or `042*` for 042 and its sub-codes (0421, ...).
    pub cameo: Vec<String>,
    /// CAMEO roots `01`..`20` (`4` is read as `04`).
    pub root: Vec<String>,
    /// PLOVER event types (`CONSULT`, `ASSAULT`, ...).
    pub plover: Vec<String>,
    /// QuadClass 1 (verbal cooperation) .. 4 (material conflict).
    pub quad: Vec<u8>,
    /// First date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`: from its first day).
    pub from: Option<String>,
    /// Last date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`: up to its last day, inclusive).
    pub to: Option<String>,
    /// SQLite FTS5 query over the evidence sentences (`Lavrov AND Cavusoglu`,
    /// `"foreign minister"`, `ceasefire*`).
    pub text: Option<String>,
    /// Also match negated events ("X did not meet Y"); excluded by default.
    pub include_negated: bool,
    /// Count and list clusters (default) or mentions.
    pub unit: Unit,
}

/// The input a [`FilterError`] is about, named as the filter field (the CLI's
/// flag is the same name with `-` for `_`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Param {
    Source,
    Target,
    Actor,
    Country,
    SourceCountry,
    TargetCountry,
    Dyad,
    Cameo,
    Root,
    Plover,
    Quad,
    From,
    To,
    Text,
    Limit,
    Cursor,
}

impl Param {
    /// The field name, e.g. `source_country`.
    pub fn name(self) -> &'static str {
        match self {
            Param::Source => "source",
            Param::Target => "target",
            Param::Actor => "actor",
            Param::Country => "country",
            Param::SourceCountry => "source_country",
            Param::TargetCountry => "target_country",
            Param::Dyad => "dyad",
            Param::Cameo => "cameo",
            Param::Root => "root",
            Param::Plover => "plover",
            Param::Quad => "quad",
            Param::From => "from",
            Param::To => "to",
            Param::Text => "text",
            Param::Limit => "limit",
            Param::Cursor => "cursor",
        }
    }
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A filter value that is not acceptable: which parameter, the value, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{param} {value:?}: {reason}")]
pub struct FilterError {
    pub param: Param,
    pub value: String,
    pub reason: String,
}

impl FilterError {
    pub(crate) fn new(param: Param, value: impl Into<String>, reason: impl Into<String>) -> Self {
        FilterError { param, value: value.into(), reason: reason.into() }
    }
}

/// One side of an actor condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ActorMatch {
    /// `*_country = ?`
    Country(String),
    /// `*_code` equal to or prefixed by the code.
    CodePrefix(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CameoMatch {
    Exact(String),
    Prefix(String),
}

/// A validated filter: every code known, every date a date, the range ordered.
/// Made only by [`Filter::validate`], so the query functions that take it never
/// see unchecked input (the FTS query is checked against the database when it
/// runs: FTS5 syntax is SQLite's to judge).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidFilter {
    pub(crate) source: Vec<ActorMatch>,
    pub(crate) target: Vec<ActorMatch>,
    pub(crate) actor: Vec<ActorMatch>,
    pub(crate) country: Vec<String>,
    pub(crate) source_country: Vec<String>,
    pub(crate) target_country: Vec<String>,
    pub(crate) dyad: Option<(ActorMatch, ActorMatch)>,
    pub(crate) directed: bool,
    pub(crate) cameo: Vec<CameoMatch>,
    pub(crate) root: Vec<String>,
    pub(crate) plover: Vec<String>,
    pub(crate) quad: Vec<u8>,
    pub(crate) from_day: Option<i64>,
    pub(crate) to_day: Option<i64>,
    pub(crate) text: Option<String>,
    pub(crate) include_negated: bool,
    pub(crate) unit: Unit,
    /// The filter as given, for echoing in outputs.
    pub(crate) given: Filter,
}

impl ValidFilter {
    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// An undirected dyad of two different countries as its two directions,
    /// which no row can match both of: aggregates may then run once per
    /// direction and add up, each run a single range of the dyad index,
    /// instead of an OR whose row-id set costs more than the scan (measured:
    /// 1.0 s against 0.45 s over 700,000 mentions). `None` for any other filter
    /// (a code-prefix side like `RUS-RUSGOV` can match a row both ways).
    pub(crate) fn disjoint_directions(&self) -> Option<[ValidFilter; 2]> {
        match &self.dyad {
            Some((a @ ActorMatch::Country(x), b @ ActorMatch::Country(y))) if !self.directed && x != y => {
                let one_way =
                    |s: &ActorMatch, t: &ActorMatch| ValidFilter { dyad: Some((s.clone(), t.clone())), directed: true, ..self.clone() };
                Some([one_way(a, b), one_way(b, a)])
            }
            _ => None,
        }
    }
    /// The filter this was validated from (codes normalised to upper case).
    pub fn filter(&self) -> &Filter {
        &self.given
    }
}

const EPOCH_DAYS_FROM_CE: i32 = 719_163; // NaiveDate 1970-01-01 .num_days_from_ce()

/// Days since 1970-01-01, the schema's `day`.
pub fn day_number(d: NaiveDate) -> i64 {
    (d.num_days_from_ce() - EPOCH_DAYS_FROM_CE) as i64
}

/// The date of a schema `day` number.
pub fn day_date(day: i64) -> Option<NaiveDate> {
    let n = i32::try_from(day).ok()?.checked_add(EPOCH_DAYS_FROM_CE)?;
    NaiveDate::from_num_days_from_ce_opt(n)
}

fn actor_code(param: Param, raw: &str) -> Result<String, FilterError> {
    let code = raw.trim().to_ascii_uppercase();
    let err = |why: &str| FilterError::new(param, raw, why);
    if code.is_empty() {
        return Err(err("empty actor code"));
    }
    if !code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-') {
        return Err(err("an actor code is made of letters, digits and '-' (e.g. RUS, RUSGOV, IGOUNO)"));
    }
    // CAMEO actor codes are built of three-character parts (country or IGO, then
    // sectors): a code of another length cannot match anything.
    if !code.len().is_multiple_of(3) || code.len() > 30 {
        return Err(err("an actor code is made of three-character parts (e.g. RUS, RUSGOV, IGOUNO)"));
    }
    Ok(code)
}

fn country_code(param: Param, raw: &str) -> Result<String, FilterError> {
    let code = raw.trim().to_ascii_uppercase();
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(FilterError::new(param, raw, "a country is an ISO 3166-1 alpha-3 code of three letters (e.g. RUS, TUR)"));
    }
    Ok(code)
}

fn dyad_side(raw_dyad: &str, side: &str) -> Result<ActorMatch, FilterError> {
    let code = actor_code(Param::Dyad, side).map_err(|e| FilterError::new(Param::Dyad, raw_dyad, e.reason))?;
    Ok(if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        ActorMatch::Country(code)
    } else {
        ActorMatch::CodePrefix(code)
    })
}

fn cameo_code(raw: &str) -> Result<CameoMatch, FilterError> {
    let s = raw.trim();
    let (code, prefix) = match s.strip_suffix('*') {
        Some(c) => (c, true),
        None => (s, false),
    };
    if bede_cameo::lookup(code).is_none() {
        let hint = if code.len() < 2 || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
            "not a CAMEO event code: codes are 2 to 4 digits with leading zeros kept (e.g. 04, 042, 0421)"
        } else {
            "unknown CAMEO event code"
        };
        return Err(FilterError::new(Param::Cameo, raw, hint));
    }
    Ok(if prefix { CameoMatch::Prefix(code.to_string()) } else { CameoMatch::Exact(code.to_string()) })
}

fn cameo_root(raw: &str) -> Result<String, FilterError> {
    let s = raw.trim();
    let padded = if s.len() == 1 { format!("0{s}") } else { s.to_string() };
    if bede_cameo::quad_class_of_root(&padded).is_none() {
        return Err(FilterError::new(Param::Root, raw, "a CAMEO root is 01 to 20"));
    }
    Ok(padded)
}

fn plover_type(raw: &str) -> Result<String, FilterError> {
    let t = raw.trim().to_ascii_uppercase();
    if t.is_empty() || !bede_cameo::all().iter().any(|c| c.plover_type == t) {
        let mut known: Vec<&str> = bede_cameo::all().iter().map(|c| c.plover_type).filter(|t| !t.is_empty()).collect();
        known.sort_unstable();
        known.dedup();
        return Err(FilterError::new(Param::Plover, raw, format!("unknown PLOVER type; known: {}", known.join(", "))));
    }
    Ok(t)
}

/// A date bound: its first day (`first = true`) or last day of the period the
/// reduced-precision date denotes.
fn date_bound(param: Param, raw: &str, first: bool) -> Result<i64, FilterError> {
    let s = raw.trim();
    let p = bede_core::PartialDate::parse(s)
        .filter(|_| {
            // PartialDate::parse takes any year digits; a filter wants YYYY.
            s.split('-').next().is_some_and(|y| y.len() == 4)
        })
        .ok_or_else(|| FilterError::new(param, raw, "not a date: use YYYY, YYYY-MM or YYYY-MM-DD"))?;
    let first_day = p.first_day().ok_or_else(|| FilterError::new(param, raw, "not a calendar date"))?;
    if first {
        return Ok(day_number(first_day));
    }
    let last = match (p.month, p.day) {
        (_, Some(_)) => first_day,
        (Some(m), None) => {
            let (y, m) = if m == 12 { (p.year + 1, 1) } else { (p.year, m as u32 + 1) };
            NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.pred_opt()).unwrap_or(first_day)
        }
        (None, _) => NaiveDate::from_ymd_opt(p.year, 12, 31).unwrap_or(first_day),
    };
    Ok(day_number(last))
}

fn all<T>(param: Param, values: &[String], f: impl Fn(Param, &str) -> Result<T, FilterError>) -> Result<Vec<T>, FilterError> {
    values.iter().map(|v| f(param, v)).collect()
}

impl Filter {
    /// Check every value; the first bad one is reported with its parameter.
    pub fn validate(&self) -> Result<ValidFilter, FilterError> {
        let code = |p: Param, v: &str| actor_code(p, v).map(ActorMatch::CodePrefix);
        let source = all(Param::Source, &self.source, code)?;
        let target = all(Param::Target, &self.target, code)?;
        let actor = all(Param::Actor, &self.actor, code)?;
        let country = all(Param::Country, &self.country, country_code)?;
        let source_country = all(Param::SourceCountry, &self.source_country, country_code)?;
        let target_country = all(Param::TargetCountry, &self.target_country, country_code)?;
        let dyad = match &self.dyad {
            None => None,
            Some(raw) => {
                let mut parts = raw.trim().splitn(2, '-');
                let (a, b) = (parts.next().unwrap_or(""), parts.next());
                let b = b.filter(|b| !b.is_empty() && !a.is_empty()).ok_or_else(|| {
                    FilterError::new(Param::Dyad, raw, "a dyad is two country or actor codes joined by '-' (e.g. RUS-TUR)")
                })?;
                Some((dyad_side(raw, a)?, dyad_side(raw, b)?))
            }
        };
        let cameo = self.cameo.iter().map(|c| cameo_code(c)).collect::<Result<Vec<_>, _>>()?;
        let root = self.root.iter().map(|r| cameo_root(r)).collect::<Result<Vec<_>, _>>()?;
        let plover = self.plover.iter().map(|p| plover_type(p)).collect::<Result<Vec<_>, _>>()?;
        for &q in &self.quad {
            if !(1..=4).contains(&q) {
                return Err(FilterError::new(
                    Param::Quad,
                    q.to_string(),
                    "QuadClass is 1 (verbal cooperation), 2 (material cooperation), 3 (verbal conflict) or 4 (material conflict)",
                ));
            }
        }
        let from_day = self.from.as_deref().map(|s| date_bound(Param::From, s, true)).transpose()?;
        let to_day = self.to.as_deref().map(|s| date_bound(Param::To, s, false)).transpose()?;
        if let (Some(f), Some(t)) = (from_day, to_day) {
            if f > t {
                return Err(FilterError::new(
                    Param::To,
                    self.to.clone().unwrap_or_default(),
                    format!("ends before --from {}: the date range is empty", self.from.as_deref().unwrap_or("")),
                ));
            }
        }
        let text = match &self.text {
            None => None,
            Some(t) if t.trim().is_empty() => return Err(FilterError::new(Param::Text, t, "empty text search")),
            Some(t) => Some(t.clone()),
        };
        let mut given = self.clone();
        let upper = |v: &mut Vec<String>| v.iter_mut().for_each(|s| *s = s.trim().to_ascii_uppercase());
        for v in [
            &mut given.source,
            &mut given.target,
            &mut given.actor,
            &mut given.country,
            &mut given.source_country,
            &mut given.target_country,
            &mut given.plover,
        ] {
            upper(v);
        }
        given.dyad = given.dyad.map(|d| d.trim().to_ascii_uppercase());
        Ok(ValidFilter {
            source,
            target,
            actor,
            country,
            source_country,
            target_country,
            dyad,
            directed: self.directed,
            cameo,
            root,
            plover,
            quad: self.quad.clone(),
            from_day,
            to_day,
            text,
            include_negated: self.include_negated,
            unit: self.unit,
            given,
        })
    }
}

/// A `WHERE` clause being built: fixed fragments joined by AND, with their
/// bound values in order.
#[derive(Debug, Default)]
pub(crate) struct Where {
    parts: Vec<String>,
    pub(crate) params: Vec<Value>,
}

/// The exclusive upper bound of the codes a prefix starts: the prefix with its
/// last byte incremented. Codes are validated ASCII, so the result is ASCII.
fn prefix_end(prefix: &str) -> String {
    let mut b = prefix.as_bytes().to_vec();
    if let Some(last) = b.last_mut() {
        *last += 1;
    }
    String::from_utf8(b).expect("validated codes are ASCII")
}

/// Which side of an event an actor condition is about.
#[derive(Clone, Copy)]
enum Side {
    Source,
    Target,
}

impl Where {
    pub(crate) fn push(&mut self, sql: String, params: impl IntoIterator<Item = Value>) {
        self.parts.push(sql);
        self.params.extend(params);
    }

    /// ` WHERE a AND b ...` or the empty string.
    pub(crate) fn sql(&self) -> String {
        if self.parts.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.parts.join(" AND "))
        }
    }

    /// One actor condition on one side, as SQL and its values.
    fn actor(t: &str, side: Side, m: &ActorMatch) -> (String, Vec<Value>) {
        let (code, country) = match side {
            Side::Source => ("source_code", "source_country"),
            Side::Target => ("target_code", "target_country"),
        };
        match m {
            ActorMatch::Country(c) => (format!("{t}.{country} = ?"), vec![Value::Text(c.clone())]),
            // A range rather than LIKE, so the code indexes serve it.
            ActorMatch::CodePrefix(p) => {
                (format!("({t}.{code} >= ? AND {t}.{code} < ?)"), vec![Value::Text(p.clone()), Value::Text(prefix_end(p))])
            }
        }
    }

    /// `(x OR y OR ...)` over alternatives; nothing when there are none.
    fn any_of(&mut self, alts: Vec<(String, Vec<Value>)>) {
        if alts.is_empty() {
            return;
        }
        let mut sql = Vec::with_capacity(alts.len());
        let mut params = Vec::new();
        for (s, p) in alts {
            sql.push(s);
            params.extend(p);
        }
        self.push(format!("({})", sql.join(" OR ")), params);
    }

    /// Conditions of a validated filter on table alias `t` (`c` clusters, `e`
    /// events; both tables have the filtered columns under the same names). In
    /// cluster mode the structured conditions apply to the cluster's
    /// representative mention (its code, actors and date, which the cluster is
    /// counted with); text search matches a cluster when any of its mentions'
    /// evidence matches, since evidence belongs to mentions.
    pub(crate) fn from_filter(f: &ValidFilter, t: &'static str) -> Where {
        let mut w = Where::default();
        w.any_of(f.source.iter().map(|m| Self::actor(t, Side::Source, m)).collect());
        w.any_of(f.target.iter().map(|m| Self::actor(t, Side::Target, m)).collect());
        w.any_of(f.actor.iter().flat_map(|m| [Self::actor(t, Side::Source, m), Self::actor(t, Side::Target, m)]).collect());
        let country = |col: &str, v: &String| (format!("{t}.{col} = ?"), vec![Value::Text(v.clone())]);
        w.any_of(f.source_country.iter().map(|c| country("source_country", c)).collect());
        w.any_of(f.target_country.iter().map(|c| country("target_country", c)).collect());
        w.any_of(f.country.iter().flat_map(|c| [country("source_country", c), country("target_country", c)]).collect());
        if let Some((a, b)) = &f.dyad {
            let dir = |x: &ActorMatch, y: &ActorMatch| {
                let (s1, mut p1) = Self::actor(t, Side::Source, x);
                let (s2, p2) = Self::actor(t, Side::Target, y);
                p1.extend(p2);
                (format!("({s1} AND {s2})"), p1)
            };
            let mut alts = vec![dir(a, b)];
            if !f.directed && a != b {
                alts.push(dir(b, a));
            }
            w.any_of(alts);
        }
        w.any_of(
            f.cameo
                .iter()
                .map(|c| match c {
                    CameoMatch::Exact(code) => (format!("{t}.cameo = ?"), vec![Value::Text(code.clone())]),
                    CameoMatch::Prefix(code) => {
                        (format!("({t}.cameo >= ? AND {t}.cameo < ?)"), vec![Value::Text(code.clone()), Value::Text(prefix_end(code))])
                    }
                })
                .collect(),
        );
        w.any_of(f.root.iter().map(|r| (format!("{t}.root = ?"), vec![Value::Text(r.clone())])).collect());
        w.any_of(f.plover.iter().map(|p| (format!("{t}.plover_type = ?"), vec![Value::Text(p.clone())])).collect());
        w.any_of(f.quad.iter().map(|q| (format!("{t}.quad_class = ?"), vec![Value::Integer(*q as i64)])).collect());
        if let Some(d) = f.from_day {
            w.push(format!("{t}.day >= ?"), [Value::Integer(d)]);
        }
        if let Some(d) = f.to_day {
            w.push(format!("{t}.day <= ?"), [Value::Integer(d)]);
        }
        if !f.include_negated {
            w.push(format!("{t}.negated = 0"), []);
        }
        if let Some(q) = &f.text {
            // Uncorrelated IN subqueries: SQLite runs the FTS query once.
            let sql = match f.unit {
                Unit::Mentions => format!("{t}.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)"),
                Unit::Clusters => format!(
                    "{t}.id IN (SELECT m.cluster FROM events m WHERE m.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?))"
                ),
            };
            w.push(sql, [Value::Text(q.clone())]);
        }
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(f: Filter) -> FilterError {
        f.validate().expect_err("filter should be rejected")
    }

    #[test]
    fn day_numbers_round_trip() {
        let d = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        assert_eq!(day_number(d), 0);
        let d = NaiveDate::from_ymd_opt(2020, 7, 23).unwrap();
        assert_eq!(day_number(d), 18466);
        assert_eq!(day_date(18466), Some(d));
        assert_eq!(day_date(-1), NaiveDate::from_ymd_opt(1969, 12, 31));
    }

    #[test]
    fn rejects_each_bad_parameter_by_name() {
        let cases: Vec<(Filter, Param)> = vec![
            (Filter { cameo: vec!["999".into()], ..Default::default() }, Param::Cameo),
            (Filter { cameo: vec!["40".into()], ..Default::default() }, Param::Cameo),
            (Filter { cameo: vec!["abc*".into()], ..Default::default() }, Param::Cameo),
            (Filter { root: vec!["21".into()], ..Default::default() }, Param::Root),
            (Filter { root: vec!["00".into()], ..Default::default() }, Param::Root),
            (Filter { plover: vec!["HUG".into()], ..Default::default() }, Param::Plover),
            (Filter { quad: vec![5], ..Default::default() }, Param::Quad),
            (Filter { quad: vec![0], ..Default::default() }, Param::Quad),
            (Filter { from: Some("2020-13-01".into()), ..Default::default() }, Param::From),
            (Filter { from: Some("2021-02-30".into()), ..Default::default() }, Param::From),
            (Filter { to: Some("July 2020".into()), ..Default::default() }, Param::To),
            (Filter { from: Some("20-01-01".into()), ..Default::default() }, Param::From),
            (Filter { from: Some("2020-08".into()), to: Some("2020-07-31".into()), ..Default::default() }, Param::To),
            (Filter { source: vec!["RU".into()], ..Default::default() }, Param::Source),
            (Filter { target: vec!["RUS GOV".into()], ..Default::default() }, Param::Target),
            (Filter { actor: vec!["".into()], ..Default::default() }, Param::Actor),
            (Filter { country: vec!["RUSS".into()], ..Default::default() }, Param::Country),
            (Filter { source_country: vec!["R1S".into()], ..Default::default() }, Param::SourceCountry),
            (Filter { target_country: vec!["RU".into()], ..Default::default() }, Param::TargetCountry),
            (Filter { dyad: Some("RUS".into()), ..Default::default() }, Param::Dyad),
            (Filter { dyad: Some("RUS-".into()), ..Default::default() }, Param::Dyad),
            (Filter { dyad: Some("RUS-TU".into()), ..Default::default() }, Param::Dyad),
            (Filter { text: Some("  ".into()), ..Default::default() }, Param::Text),
        ];
        for (f, p) in cases {
            let e = err(f.clone());
            assert_eq!(e.param, p, "{f:?} gave {e}");
            assert!(!e.reason.is_empty());
        }
    }

    #[test]
    fn accepts_and_normalises_good_values() {
        let f = Filter {
            source: vec!["rusgov".into()],
            country: vec!["tur".into()],
            dyad: Some("rus-IGOUNO".into()),
            cameo: vec!["040".into(), "19*".into()],
            root: vec!["4".into()],
            plover: vec!["consult".into()],
            quad: vec![1, 4],
            from: Some("2020".into()),
            to: Some("2020-02".into()),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(f.source, vec![ActorMatch::CodePrefix("RUSGOV".into())]);
        assert_eq!(f.country, vec!["TUR".to_string()]);
        assert_eq!(f.dyad, Some((ActorMatch::Country("RUS".into()), ActorMatch::CodePrefix("IGOUNO".into()))));
        assert_eq!(f.cameo, vec![CameoMatch::Exact("040".into()), CameoMatch::Prefix("19".into())]);
        assert_eq!(f.root, vec!["04".to_string()]);
        assert_eq!(f.plover, vec!["CONSULT".to_string()]);
        assert_eq!(f.from_day.and_then(day_date), NaiveDate::from_ymd_opt(2020, 1, 1));
        // `to` of month precision means the month's last day (a leap year here).
        assert_eq!(f.to_day.and_then(day_date), NaiveDate::from_ymd_opt(2020, 2, 29));
        assert_eq!(f.filter().dyad.as_deref(), Some("RUS-IGOUNO"));
    }

    #[test]
    fn range_of_one_period_is_not_empty() {
        let f = Filter { from: Some("2020-07".into()), to: Some("2020-07".into()), ..Default::default() }.validate().unwrap();
        assert_eq!(f.to_day.unwrap() - f.from_day.unwrap(), 30);
        let f = Filter { to: Some("2020".into()), ..Default::default() }.validate().unwrap();
        assert_eq!(f.to_day.and_then(day_date), NaiveDate::from_ymd_opt(2020, 12, 31));
        let f = Filter { to: Some("2020-12".into()), ..Default::default() }.validate().unwrap();
        assert_eq!(f.to_day.and_then(day_date), NaiveDate::from_ymd_opt(2020, 12, 31));
    }

    #[test]
    fn prefix_end_is_the_next_code() {
        assert_eq!(prefix_end("RUS"), "RUT");
        assert_eq!(prefix_end("19"), "1:");
        assert!("190" < prefix_end("19").as_str() && "1999" < prefix_end("19").as_str());
        assert!("20" >= prefix_end("19").as_str());
    }

    #[test]
    fn values_are_bound_never_inlined() {
        let f = Filter {
            source: vec!["RUS".into()],
            dyad: Some("RUS-TUR".into()),
            text: Some("x'); DROP TABLE events; --".into()),
            ..Default::default()
        }
        .validate()
        .unwrap();
        let w = Where::from_filter(&f, "c");
        let sql = w.sql();
        assert!(!sql.contains("RUS") && !sql.contains("DROP"), "{sql}");
        // source range (2) + two dyad directions (2 each) + text (1)
        assert_eq!(w.params.len(), 2 + 4 + 1);
        assert_eq!(sql.matches('?').count(), w.params.len());
    }
}
