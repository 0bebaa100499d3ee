//! Text analysis for Bede: from a cleaned paragraph to sentences, tokens with
//! byte offsets, part-of-speech tags, lemmas and chunks.
//!
//! Owns linguistic analysis only; it knows nothing of actors, codes or dates.
//! The tagger is our own averaged perceptron trained on UD English EWT
//! (`bede train-tagger`); its model file ships in `model/` and is embedded.

pub mod chunk;
pub mod conllu;
pub mod lemma;
pub mod sentences;
pub mod tagger;
pub mod tags;
pub mod tokenize;

pub use chunk::{chunk, Chunk, ChunkKind};
pub use sentences::split_sentences;
pub use tagger::Tagger;
pub use tags::{PosTag, Upos, Xpos};
pub use tokenize::{tokenize, Token};
