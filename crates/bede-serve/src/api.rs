//! The JSON endpoints (docs/api.md is their contract). Each handler checks its
//! parameters, then reads the store on a pooled connection through
//! `bede_store::query`; aggregates (series, counts, actors) are cached per
//! store generation.

use crate::error::ApiError;
use crate::highlight::{segments, Segment};
use crate::params::{Params, FILTER_PARAMS};
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use bede_store::query::{self, Hit, Order, PageRequest};
use bede_store::rusqlite::Connection;
use serde::Serialize;
use std::sync::Arc;

/// The largest page of any list.
pub const MAX_PAGE: usize = 1000;
/// The page size when `limit` is not given.
pub const DEFAULT_PAGE: usize = 50;
/// Sentences of one article returned at most.
pub const MAX_SENTENCES: usize = 5000;
/// Names and partners on an actor page, at most.
const ACTOR_DETAIL_ROWS: usize = 100;

/// A JSON body, ready to send.
pub struct Json(Arc<[u8]>);

impl Json {
    fn of(v: &impl Serialize) -> Result<Json, ApiError> {
        Ok(Json(to_vec(v)?.into()))
    }
}

fn to_vec(v: &impl Serialize) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(v).map_err(ApiError::internal)
}

impl IntoResponse for Json {
    fn into_response(self) -> Response {
        ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], axum::body::Bytes::from_owner(self.0))
            .into_response()
    }
}

type ApiResult = Result<Json, ApiError>;

/// An event row as the API gives it: the hit and its highlighted evidence.
#[derive(Serialize)]
struct Item<'a> {
    #[serde(flatten)]
    hit: &'a Hit,
    highlight: Vec<Segment>,
}

fn items(hits: &[Hit]) -> Vec<Item<'_>> {
    hits.iter().map(|hit| Item { hit, highlight: segments(&hit.event) }).collect()
}

#[derive(Serialize)]
struct Health<'a> {
    status: &'static str,
    version: &'static str,
    db: &'a str,
    articles: u64,
    events: u64,
    clusters: u64,
    generation: u64,
}

pub async fn health(State(st): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    let state = st.clone();
    st.read(move |c| {
        let generation = query::generation(c)?;
        let body = state.cached("health", generation, || {
            let n = |t: &str| -> Result<u64, ApiError> {
                Ok(c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get::<_, i64>(0))? as u64)
            };
            to_vec(&Health {
                status: "ok",
                version: env!("CARGO_PKG_VERSION"),
                db: &state.db().display().to_string(),
                articles: n("articles")?,
                events: n("events")?,
                clusters: n("clusters")?,
                generation,
            })
        })?;
        Ok(Json(body))
    })
    .await
}

#[derive(Serialize)]
struct EventPage<'a> {
    items: Vec<Item<'a>>,
    next: Option<String>,
}

pub async fn events(State(st): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &[FILTER_PARAMS, &["limit", "cursor", "order"]])?;
    let filter = p.filter()?;
    let page =
        PageRequest { limit: p.limit(DEFAULT_PAGE, MAX_PAGE)?, cursor: p.one("cursor")?.map(str::to_string), order: p.order(Order::Desc)? };
    st.read(move |c| {
        let page = query::list(c, &filter, &page)?;
        Json::of(&EventPage { items: items(&page.items), next: page.next })
    })
    .await
}

pub async fn event(State(st): State<AppState>, Path(id): Path<String>, RawQuery(q): RawQuery) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    st.read(move |c| match query::mention(c, &id)? {
        Some(hit) => Json::of(&Item { highlight: segments(&hit.event), hit: &hit }),
        None => Err(ApiError::not_found("id", &id, "event")),
    })
    .await
}

/// A cached aggregate: the key is the endpoint and its query string as given
/// (equivalent spellings are cached apart, which costs only a recomputation).
async fn aggregate(st: AppState, key: String, make: impl FnOnce(&Connection) -> Result<Vec<u8>, ApiError> + Send + 'static) -> ApiResult {
    let state = st.clone();
    st.read(move |c| {
        let generation = query::generation(c)?;
        Ok(Json(state.cached(&key, generation, || make(c))?))
    })
    .await
}

pub async fn count(State(st): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &[FILTER_PARAMS])?;
    let filter = p.filter()?;
    let key = format!("count?{}", q.unwrap_or_default());
    aggregate(st, key, move |c| to_vec(&serde_json::json!({ "count": query::count(c, &filter)? }))).await
}

pub async fn series(State(st): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &[FILTER_PARAMS, &["by"]])?;
    let filter = p.filter()?;
    let by = p.period()?;
    let key = format!("series?{}", q.unwrap_or_default());
    aggregate(st, key, move |c| to_vec(&query::series(c, &filter, by)?)).await
}

/// A numeric path id, or 400 naming it.
fn path_id(id: &str) -> Result<i64, ApiError> {
    id.parse::<i64>().map_err(|_| ApiError::bad("id", id, "not a cluster id (a number)"))
}

#[derive(Serialize)]
struct ClusterPage<'a> {
    cluster: query::ClusterInfo,
    mentions: Vec<Item<'a>>,
    next: Option<String>,
}

pub async fn cluster(State(st): State<AppState>, Path(id): Path<String>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &[&["limit", "cursor"]])?;
    let n = path_id(&id)?;
    let limit = p.limit(DEFAULT_PAGE, MAX_PAGE)?;
    let after = match p.one("cursor")? {
        None => None,
        Some(c) => Some(c.parse::<i64>().map_err(|_| ApiError::bad("cursor", c, "not a cursor returned by a previous page"))?),
    };
    st.read(move |c| {
        let Some(cluster) = query::cluster(c, n)? else { return Err(ApiError::not_found("id", &id, "event cluster")) };
        let (hits, next) = query::cluster_mentions(c, n, limit, after)?;
        Json::of(&ClusterPage { cluster, mentions: items(&hits), next: next.map(|n| n.to_string()) })
    })
    .await
}

#[derive(Serialize)]
struct SentenceOut<'a> {
    index: u32,
    text: &'a str,
    events: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    article: &'a query::ArticleInfo,
    sentences: Vec<SentenceOut<'a>>,
    truncated: bool,
}

pub async fn article(State(st): State<AppState>, Path(id): Path<String>, RawQuery(q): RawQuery) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    st.read(move |c| {
        let Some(a) = query::article(c, &id, MAX_SENTENCES)? else { return Err(ApiError::not_found("id", &id, "article")) };
        let sentences = a.sentences.iter().map(|s| SentenceOut { index: s.index, text: &s.text, events: items(&s.events) }).collect();
        Json::of(&ArticleOut { article: &a.article, sentences, truncated: a.truncated })
    })
    .await
}

/// An actor code with its readable label and display names.
#[derive(Serialize)]
struct ActorOut {
    code: String,
    name: String,
    country: Option<String>,
    as_source: u64,
    as_target: u64,
    mentions: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    names: Option<Vec<String>>,
}

impl ActorOut {
    fn new(a: query::ActorCounts, names: Option<Vec<String>>) -> ActorOut {
        ActorOut {
            name: bede_export::actor_label(&a.code),
            code: a.code,
            country: a.country,
            as_source: a.as_source,
            as_target: a.as_target,
            mentions: a.mentions,
            names,
        }
    }
}

#[derive(Serialize)]
struct ActorPage {
    items: Vec<ActorOut>,
    next: Option<String>,
}

/// Display names shown with each actor of the list.
const LIST_NAMES: usize = 3;

pub async fn actors(State(st): State<AppState>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q.as_deref(), &[&["q", "limit", "cursor"]])?;
    let limit = p.limit(DEFAULT_PAGE, MAX_PAGE)?;
    let text = p.one("q")?.map(str::to_string);
    if let Some(t) = &text {
        if t.chars().count() > 200 {
            return Err(ApiError::bad("q", t, "longer than 200 characters"));
        }
    }
    // Cursor `<mentions>.<code>`: where the previous page ended.
    let after = match p.one("cursor")? {
        None => None,
        Some(c) => {
            let bad = || ApiError::bad("cursor", c, "not a cursor returned by a previous page");
            let (n, code) = c.split_once('.').ok_or_else(bad)?;
            Some((n.parse::<u64>().map_err(|_| bad())?, code.to_string()))
        }
    };
    let key = format!("actors?{}", q.unwrap_or_default());
    aggregate(st, key, move |c| {
        let list = query::actors(c, text.as_deref(), limit, after.as_ref().map(|(n, s)| (*n, s.as_str())))?;
        let next = list.next;
        let mut out = Vec::with_capacity(list.items.len());
        for a in list.items {
            let names = query::actor_names(c, &a.code, LIST_NAMES)?.into_iter().map(|n| n.name).collect();
            out.push(ActorOut::new(a, Some(names)));
        }
        to_vec(&ActorPage { items: out, next: next.map(|(n, code)| format!("{n}.{code}")) })
    })
    .await
}

#[derive(Serialize)]
struct ActorDetail {
    #[serde(flatten)]
    actor: ActorOut,
    names: Vec<query::NameCount>,
    partners: Vec<ActorOut>,
}

pub async fn actor(State(st): State<AppState>, Path(code): Path<String>, RawQuery(q): RawQuery) -> ApiResult {
    Params::parse(q.as_deref(), &[])?;
    if code.is_empty() || code.len() > 64 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(ApiError::bad("code", &code, "an actor code is letters and digits (RUSGOV, IGOUNO)"));
    }
    let key = format!("actor/{code}");
    aggregate(st, key, move |c| {
        let Some(a) = query::actor(c, &code)? else { return Err(ApiError::not_found("code", &code, "actor")) };
        let names = query::actor_names(c, &code, ACTOR_DETAIL_ROWS)?;
        let partners = query::actor_partners(c, &code, ACTOR_DETAIL_ROWS)?.into_iter().map(|p| ActorOut::new(p, None)).collect();
        to_vec(&ActorDetail { actor: ActorOut::new(a, None), names, partners })
    })
    .await
}
