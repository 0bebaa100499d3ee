//! Idempotent, transactional ingest (to be built: issue 4, ingest work).

use bede_core::{Article, Event};

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
}
