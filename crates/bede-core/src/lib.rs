//! Bede's data contracts, shared by every stage of the pipeline.
//!
//! This crate owns the *shapes* that cross stage boundaries — the input
//! [`Article`], the [`PartialDate`] a date expression resolves to, and the
//! coded [`Event`] record that `bede code` writes — and nothing else. It has
//! no behaviour beyond construction, formatting and (de)serialisation, so
//! every stage can depend on it without depending on another stage.

mod article;
mod date;
mod event;

pub use article::{Article, SourcePos};
pub use date::{DateBasis, DatePrecision, PartialDate};
pub use event::{event_id, ActorRef, Event, Evidence, PloverRef, VerbRef};

/// A half-open byte range `[start, end)` into some text; which text is said
/// by the field that holds it.
pub type Span = [u32; 2];
