//! Actors: Bede's actor dictionaries and the matcher that finds them in text.
//!
//! Owns the dictionary format (see `dict/FORMAT.md`), the embedded default
//! dictionaries, and matching of names against a sentence's tokens. It
//! resolves a person's code by the event date (a minister is coded as such
//! only during his term). It does not decide who did what to whom: grouping
//! matches into actor phrases, appositives and coreference are the coder's.
//!
//! Not here: tokenisation (the caller passes token texts), dates of events.

mod dict;
mod matcher;

pub use dict::{ActorDict, DictError, Entity, EntityId, EntityKind, NameForm, Role};
pub use matcher::{ActorMatch, ActorMatcher, Scratch as MatchScratch};

/// The default dictionaries shipped in `dict/`, embedded at build time, as
/// `(file name, contents)` in load order.
pub fn embedded_sources() -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<(&'static str, &'static str)> = include!(concat!(env!("OUT_DIR"), "/embedded_dicts.rs"));
    v.sort_by_key(|(n, _)| *n);
    v
}
