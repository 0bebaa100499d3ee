//! Bede's event store: an embedded SQLite database (WAL mode) that keeps
//! articles, their sentences and their coded events with evidence, groups the
//! same event reported by several outlets into one cluster, and answers
//! queries and dyad time series over them.
//!
//! What it is for: the living database `bede ingest` grows and `bede query`,
//! `bede export` and `bede serve` read. What it is not: a coder (it stores the
//! events `bede-coder` made, it never codes) nor a file-format writer (that is
//! `bede-export`). The schema, the contract between writers and readers, is
//! `src/schema.sql`.
//!
//! Ownership while issue 4 is built: `ingest.rs`, `cluster.rs` and the `Store`
//! type (this file) belong to the ingest work; `query.rs` to the query work.

mod cluster;
mod ingest;
pub mod query;

pub use cluster::ClusterOptions;
pub use ingest::{ArticleInput, IngestReport};

/// The schema, applied on open (every statement is `IF NOT EXISTS`).
pub const SCHEMA_SQL: &str = include_str!("schema.sql");
/// The schema version this build writes and reads (table `meta`, key `schema_version`).
pub const SCHEMA_VERSION: u32 = 1;
