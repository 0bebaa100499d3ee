//! The event coder: from an article to coded events.
//!
//! Stages, each a module with a small interface, data flowing one way:
//! - [`sentence`]: tokens, tags, lemmas, chunks and actor matches of a sentence;
//! - [`phrases`]: actor phrases (possessives, appositives, coordination, anaphors);
//! - [`extract`]: triggers matched against the [`verbs`] dictionary, with source,
//!   target, voice, negation, reported speech and within-article coreference;
//! - [`dating`]: each event's date and its basis;
//! - [`coding`]: actor codes on the event date (roles are date-bounded);
//! - [`pipeline`]: [`Coder`], which runs them and builds `bede_core::Event`s.
//!
//! Not here: reading input (bede-ingest), storage, output formats.

pub mod coding;
pub mod dating;
pub mod extract;
pub mod phrases;
pub mod pipeline;
pub mod sentence;
pub mod verbs;

pub use pipeline::{CodedArticle, Coder, CoderError, CoderOptions};
