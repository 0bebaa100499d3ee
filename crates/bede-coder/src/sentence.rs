//! One analysed sentence: tokens, tags, lemmas, chunks and actor matches.

use crate::verbs::VerbDict;
use bede_actors::{ActorDict, ActorMatch, ActorMatcher, MatchScratch};
use bede_nlp::{Chunk, PosTag, Tagger, Token, Upos, Xpos};
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
    /// The verb dictionary: its triggers are the verbs the re-tagging rules know.
    pub verbs: &'c VerbDict,
}

/// Finite verb tags: a clause already has its verb.
fn is_finite(x: Xpos) -> bool {
    matches!(x, Xpos::Vbd | Xpos::Vbz | Xpos::Vbp | Xpos::Md)
}

/// Verbs that take a participle as part of the verb group ("has signed", "was
/// reported", "got arrested", "remained closed").
fn is_auxiliary(w: &str) -> bool {
    const AUX: &[&str] = &[
        "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "have", "has", "had", "having", "'ve", "get", "gets", "got",
        "gotten", "getting", "become", "becomes", "became", "remain", "remains", "remained", "seem", "seems", "seemed", "feel", "feels",
        "felt", "look", "looks", "looked", "stay", "stays", "stayed", "appear", "appears", "appeared",
    ];
    AUX.iter().any(|a| w.eq_ignore_ascii_case(a))
}

/// Words that open a new clause: a finite verb after them is that clause's.
const CLAUSE_OPENERS: &[&str] =
    &["after", "before", "when", "while", "since", "because", "as", "that", "which", "who", "where", "until", "although", "though", "if"];

/// Correct the tagger where it reads a dictionary verb as a noun, adjective or
/// adverb in a place only a verb can stand. The tagger learnt from EWT and has
/// not seen most of the verb dictionary's words in every form; the coder knows
/// which words are verbs it codes. Three places, each narrow:
/// - after a modal, possibly past adverbs: "will abandon", "would not act";
/// - after "to" that follows a verb: "has begun to question";
/// - right after a sentence-initial proper-noun subject, when the clause has no
///   other finite verb: "Ethiopia departs from Libya", "The mayor left yesterday"
///   (the subject chunk may start with a determiner and hold a possessive).
fn retag_verbs(words: &[&str], tags: &mut [PosTag], verbs: &VerbDict) {
    let is_trigger = |w: &str, as_tag: Xpos| {
        let l = bede_nlp::lemma::lemma(w, as_tag);
        !verbs.verb_blocks(&l).is_empty()
    };
    let retaggable = |x: Xpos| matches!(x, Xpos::Nn | Xpos::Nns | Xpos::Jj | Xpos::Rb | Xpos::In);
    let set = |t: &mut PosTag, x: Xpos| {
        t.xpos = x;
        t.upos = Upos::Verb;
    };
    // Computed once, so the rules stay linear in the sentence length. The other rules
    // fire only after a verb, so they never change the subject run or what follows a
    // token in its clause as seen from an earlier token.
    // The leading run of tokens a proper-noun subject may consist of ("The", names,
    // "'s", adjectives, nouns), and its first proper noun.
    let in_subject =
        |j: usize, x: Xpos| x.is_proper_noun() || (j == 0 && x == Xpos::Dt) || (j > 0 && matches!(x, Xpos::Pos | Xpos::Jj | Xpos::Nn));
    let mut subject_len = tags.iter().enumerate().take_while(|(j, t)| in_subject(*j, t.xpos)).count();
    let first_proper = tags.iter().position(|t| t.xpos.is_proper_noun()).unwrap_or(usize::MAX);
    // Whether a finite verb follows each token within its clause (before a comma, colon,
    // period or clause opener).
    let mut verb_ahead = vec![false; words.len()];
    let mut seen = false;
    for k in (0..words.len()).rev() {
        verb_ahead[k] = seen;
        let w = words[k];
        if matches!(w, "," | ";" | ":") || CLAUSE_OPENERS.iter().any(|o| w.eq_ignore_ascii_case(o)) || tags[k].xpos == Xpos::Period {
            seen = false;
        } else if is_finite(tags[k].xpos) {
            seen = true;
        }
    }
    for i in 1..words.len() {
        // A participle right after a full verb and before a noun phrase modifies the noun:
        // "abandon improved relations", "seek increased aid".
        if matches!(tags[i].xpos, Xpos::Vbn | Xpos::Vbd)
            && tags[i - 1].xpos.is_verb()
            && !is_auxiliary(words[i - 1])
            && words.get(i + 1).is_some_and(|_| matches!(tags[i + 1].xpos, Xpos::Jj | Xpos::Nn | Xpos::Nns))
        {
            tags[i] = PosTag { upos: Upos::Adj, xpos: Xpos::Jj };
            continue;
        }
        if !retaggable(tags[i].xpos) || words[i].chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        // After a modal: "will abandon", "would not act".
        let mut k = i - 1;
        while k > 0 && tags[k].xpos.is_adverb() && k + 2 >= i {
            k -= 1;
        }
        if tags[k].xpos == Xpos::Md && is_trigger(words[i], Xpos::Vb) {
            set(&mut tags[i], Xpos::Vb);
            continue;
        }
        // After "to" that follows a verb: "has begun to question".
        if i >= 2 && words[i - 1].eq_ignore_ascii_case("to") && tags[i - 2].xpos.is_verb() && is_trigger(words[i], Xpos::Vb) {
            tags[i - 1] = PosTag { upos: Upos::Part, xpos: Xpos::To };
            set(&mut tags[i], Xpos::Vb);
            continue;
        }
        // Right after the sentence's proper-noun subject.
        let subject_ok = i <= subject_len && first_proper < i && !tags[i - 1].xpos.is_adjective();
        if !subject_ok || tags[i].xpos == Xpos::In || verb_ahead[i] {
            continue;
        }
        let next_ok = words
            .get(i + 1)
            .is_some_and(|_| matches!(tags[i + 1].xpos, Xpos::In | Xpos::Dt | Xpos::Nnp | Xpos::PrpS | Xpos::Nn | Xpos::Rb));
        if !next_ok {
            continue;
        }
        let lower = words[i].to_lowercase();
        let new = match tags[i].xpos {
            Xpos::Nns if lower.ends_with('s') && is_trigger(words[i], Xpos::Vbz) => Some(Xpos::Vbz),
            Xpos::Nn | Xpos::Jj if bede_nlp::lemma::lemma(words[i], Xpos::Vbd) != lower && is_trigger(words[i], Xpos::Vbd) => {
                Some(Xpos::Vbd)
            }
            Xpos::Nn if is_trigger(words[i], Xpos::Vbp) => Some(Xpos::Vbp),
            _ => None,
        };
        if let Some(x) = new {
            set(&mut tags[i], x);
            // The subject ends at its verb.
            subject_len = i;
        }
    }
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
        retag_verbs(&words, &mut tags, self.verbs);
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

impl<'a> Sentence<'a> {
    /// A sentence with its text only, no analysis (what the coder keeps of a
    /// sentence without events).
    pub fn text_only(text: &'a str) -> Sentence<'a> {
        Sentence {
            text,
            tokens: Vec::new(),
            words: Vec::new(),
            tags: Vec::new(),
            lemmas: Vec::new(),
            chunks: Vec::new(),
            matches: Vec::new(),
            in_quote: Vec::new(),
        }
    }

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
    /// The actor matches lying inside tokens `start..end`. Matches are in text
    /// order and never overlap (several may share one span), so this is a binary
    /// search, not a scan of the sentence's matches.
    pub fn matches_within(&self, start: usize, end: usize) -> impl Iterator<Item = &ActorMatch> {
        self.matches_overlapping(start, end).iter().filter(move |m| m.start >= start && m.end <= end)
    }
    /// The actor matches sharing a token with `start..end`.
    pub fn matches_overlapping(&self, start: usize, end: usize) -> &[ActorMatch] {
        let from = self.matches.partition_point(|m| m.end <= start);
        let to = self.matches.partition_point(|m| m.start < end).max(from);
        &self.matches[from..to]
    }
    /// The actor matches covering token `i`.
    pub fn matches_at(&self, i: usize) -> &[ActorMatch] {
        self.matches_overlapping(i, i + 1)
    }
    pub fn is_quote_mark(&self, i: usize) -> bool {
        is_quote(self.words[i]) || self.words[i] == "'" || self.words[i] == "‘" || self.words[i] == "’"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags_of(spec: &[(&str, Xpos)]) -> (Vec<&'static str>, Vec<PosTag>) {
        let words = spec.iter().map(|(w, _)| -> &'static str { Box::leak(w.to_string().into_boxed_str()) }).collect();
        let tags = spec.iter().map(|&(_, x)| PosTag { upos: Upos::X, xpos: x }).collect();
        (words, tags)
    }

    fn verbs() -> VerbDict {
        let mut v = VerbDict::default();
        v.load_str("t.txt", "%free-codes\n== abandon [345]\n== question [212]\n== depart [032]\n== leave [032]\n").unwrap();
        v
    }

    fn xpos(tags: &[PosTag]) -> Vec<Xpos> {
        tags.iter().map(|t| t.xpos).collect()
    }

    #[test]
    fn verbs_after_a_modal_and_after_verb_to() {
        use Xpos::*;
        let (w, mut t) = tags_of(&[("Arnor", Nnp), ("will", Md), ("abandon", Rb), ("improved", Vbn), ("relations", Nns)]);
        retag_verbs(&w, &mut t, &verbs());
        assert_eq!(xpos(&t), vec![Nnp, Md, Vb, Jj, Nns]);
        let (w, mut t) = tags_of(&[("Sam", Nnp), ("has", Vbz), ("begun", Vbn), ("to", In), ("question", Nn), ("it", Prp)]);
        retag_verbs(&w, &mut t, &verbs());
        assert_eq!(xpos(&t), vec![Nnp, Vbz, Vbn, To, Vb, Prp]);
        // A word the verb dictionary does not know stays as tagged.
        let (w, mut t) = tags_of(&[("Sam", Nnp), ("has", Vbz), ("begun", Vbn), ("to", In), ("lunch", Nn)]);
        retag_verbs(&w, &mut t, &verbs());
        assert_eq!(xpos(&t), vec![Nnp, Vbz, Vbn, In, Nn]);
    }

    #[test]
    fn verb_after_a_proper_noun_subject_only_when_the_clause_has_none() {
        use Xpos::*;
        let (w, mut t) = tags_of(&[("Ethiopia", Nnp), ("departs", Nns), ("from", In), ("Libya", Nnp), (".", Period)]);
        retag_verbs(&w, &mut t, &verbs());
        assert_eq!(xpos(&t), vec![Nnp, Vbz, In, Nnp, Period]);
        // "The mayor left yesterday": an irregular past form read as a noun.
        let (w, mut t) = tags_of(&[("Galadhon", Nnp), ("'s", Pos), ("mayor", Nn), ("left", Nn), ("yesterday", Nn)]);
        retag_verbs(&w, &mut t, &verbs());
        assert_eq!(xpos(&t), vec![Nnp, Pos, Nn, Vbd, Nn]);
        // The clause has its verb: "Ethiopia departs" stays a noun phrase.
        let (w, mut t) = tags_of(&[("Ethiopia", Nnp), ("departs", Nns), ("from", In), ("Libya", Nnp), ("rose", Vbd)]);
        retag_verbs(&w, &mut t, &verbs());
        assert_eq!(xpos(&t), vec![Nnp, Nns, In, Nnp, Vbd]);
        // A participle after an auxiliary stays a verb: "has improved relations".
        let (w, mut t) = tags_of(&[("Arnor", Nnp), ("has", Vbz), ("improved", Vbn), ("relations", Nns)]);
        retag_verbs(&w, &mut t, &verbs());
        assert_eq!(xpos(&t), vec![Nnp, Vbz, Vbn, Nns]);
    }
}
