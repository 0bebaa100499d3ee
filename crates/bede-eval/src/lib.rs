//! Scoring coded events against gold data.
//!
//! - [`gold`] reads gold files: JSONL records with expected events or a coarse
//!   label, and the ConfliBERT CAMEO-class TSV.
//! - [`score`] compares predicted event triples `(source, target, code)` with
//!   expected ones: micro precision, recall and F1 at four levels (full code,
//!   CAMEO root, PLOVER type, dyad), exact records, and a root confusion table.
//! - [`coarse`] scores sentence-level coarse classes (statement/appeal, verbal
//!   and material cooperation, verbal and material conflict).
//!
//! This crate does not code anything: the caller (`bede eval`, `bede validate`)
//! runs the coder and hands the triples over, so scoring is testable without
//! dictionaries or a tagger.

pub mod coarse;
pub mod gold;
pub mod score;

pub use coarse::{CoarseScorer, CoarseScores};
pub use gold::{GoldError, GoldRecord, Triple};
pub use score::{EventScorer, EventScores, Level, RecordScore};
