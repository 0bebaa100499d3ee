//! One analysed sentence: tokens, tags, lemmas, chunks and actor matches.

use bede_actors::{ActorDict, ActorMatch, ActorMatcher, MatchScratch};
use bede_nlp::{Chunk, PosTag, Tagger, Token};
use std::borrow::Cow;

pub struct Sentence<'a> {
    pub text: &'a str,
    pub tokens: Vec<Token>,
    pub words: Vec<&'a str>,
    pub tags: Vec<PosTag>,
    pub lemmas: Vec<Cow<'a, str>>,
    pub chunks: Vec<Chunk>,
    pub matches: Vec<ActorMatch>,
    /// Whether each token is inside quotation marks.
    pub in_quote: Vec<bool>,
}

/// The analysis stages a sentence goes through, borrowed from the coder.
pub struct Analyzer<'c> {
    pub tagger: &'c Tagger,
    pub dict: &'c ActorDict,
    pub matcher: &'c ActorMatcher,
}

fn is_quote(w: &str) -> bool {
    matches!(w, "\"" | "“" | "”" | "``" | "''" | "«" | "»")
}

impl Analyzer<'_> {
    pub fn analyse<'a>(&self, text: &'a str, scratch: &mut MatchScratch) -> Sentence<'a> {
        let mut tokens = Vec::new();
        bede_nlp::tokenize::tokenize(text, &mut tokens);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.start as usize..t.end as usize]).collect();
        let mut tags = Vec::with_capacity(words.len());
        self.tagger.tag(&words, &mut tags);
        let lemmas = words.iter().zip(&tags).map(|(w, t)| bede_nlp::lemma::lemma(w, t.xpos)).collect();
        let mut chunks = Vec::new();
        bede_nlp::chunk(&words, &tags, &mut chunks);
        let mut matches = Vec::new();
        self.matcher.find(self.dict, &words, scratch, &mut matches);
        let mut in_quote = Vec::with_capacity(words.len());
        let mut inside = false;
        for w in &words {
            if *w == "“" || *w == "«" {
                inside = true;
            } else if *w == "”" || *w == "»" {
                inside = false;
            } else if is_quote(w) {
                inside = !inside;
            }
            in_quote.push(inside);
        }
        Sentence { text, tokens, words, tags, lemmas, chunks, matches, in_quote }
    }
}

impl Sentence<'_> {
    /// Byte span in the sentence of tokens `start..end`.
    pub fn byte_span(&self, start: usize, end: usize) -> [u32; 2] {
        if start >= end || end > self.tokens.len() {
            return [0, 0];
        }
        [self.tokens[start].start, self.tokens[end - 1].end]
    }
    pub fn span_text(&self, start: usize, end: usize) -> &str {
        let [a, b] = self.byte_span(start, end);
        &self.text[a as usize..b as usize]
    }
    /// The token at or after byte offset `b`.
    pub fn token_at(&self, b: usize) -> usize {
        self.tokens.partition_point(|t| (t.end as usize) <= b)
    }
    pub fn is_quote_mark(&self, i: usize) -> bool {
        is_quote(self.words[i]) || self.words[i] == "'" || self.words[i] == "‘" || self.words[i] == "’"
    }
}
