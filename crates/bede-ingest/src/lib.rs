//! Bede's input stage: turn whatever the user points at into [`Article`]s, and
//! turn an article's scraped text into the clean body the rest of the pipeline codes.
//!
//! Two jobs, two modules:
//!
//! * [`read`] streams articles out of JSONL (plain or gzip), `.txt` and `.html`
//!   files, directories and stdin. It never holds more than one record in
//!   memory, reports a bad record with its file, line and reason and goes on
//!   with the next one, and never panics on what it reads.
//! * [`clean`] drops the boilerplate a scraper drags in (menus, size pickers,
//!   comment boxes, captions printed twice, bylines, agency ids, lines in
//!   another script) and finds the title, the dateline and a header date.
//!
//! What this crate does *not* do: sentence splitting, language identification
//! beyond "is this line in the article's script", or resolving date text into
//! dates — the dateline and header date are handed on as text for `bede-time`.
//!
//! [`Article`]: bede_core::Article

pub mod clean;
mod decode;
mod html;
pub mod read;

pub use clean::{CleanDoc, Cleaner, Dateline, DropReason, DroppedLine};
pub use read::{
    read_document, read_inputs, read_jsonl, InputError, InputErrorKind, Inputs, ReadOptions, StdinFormat, Warning, WarningKind, WarningSink,
};
