//! Bede's export formats: projections of the Event record (with, when it comes
//! from the store, its cluster and article) into the formats analysts' tools
//! already read: GDELT 2.0 events (61 tab-separated columns), ICEWS (20
//! columns), PLOVER JSONL, CSV, and Parquet partitioned by year and month.
//!
//! What it is not: a reader of the store. `bede export` reads rows from
//! `bede-store` and hands them here as [`ExportRecord`]s; `bede code` hands
//! bare events (no cluster, no article metadata beyond the event's own).

use bede_core::Event;

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
