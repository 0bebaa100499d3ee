//! Event extraction: triggers (verb groups and event nouns) matched against
//! the verb-pattern dictionary, with their source and target actor phrases,
//! voice, negation, reported speech and within-article coreference.
//!
//! Produces [`Candidate`]s: events with actors and codes but no date and no
//! final actor codes (those depend on the date and are settled later).

use crate::phrases::{find_phrases, Anaphor, Member, Phrase};
use crate::sentence::Sentence;
use crate::verbs::{Element, Flags, VerbDict, NULL_CODE};
use bede_actors::{ActorDict, EntityId, EntityKind, NameForm};
use bede_nlp::{ChunkKind, Xpos};

/// A resolved actor: what it is, and where this sentence mentions it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub country: Option<(EntityId, NameForm)>,
    pub igo: Option<EntityId>,
    pub agent: Option<EntityId>,
    pub person: Option<EntityId>,
    /// A person's name written in the text but unknown to the dictionary.
    pub name: Option<String>,
    /// An organisation type written before the actor (see `Member::prefix`).
    pub prefix: Option<EntityId>,
    /// A former office-holder (see `Member::former`).
    pub former: bool,
    /// Token span of the mention in this sentence.
    pub span: (usize, usize),
}

impl Actor {
    fn from_member(s: &Sentence, m: &Member) -> Actor {
        Actor {
            country: m.country,
            igo: m.igo,
            agent: m.agent,
            person: m.person,
            name: m.name_tokens.map(|(a, b)| s.span_text(a, b).to_string()),
            prefix: m.prefix,
            former: m.former,
            span: (m.start, m.end),
        }
    }
    fn same_entity(&self, o: &Actor) -> bool {
        self.country == o.country && self.igo == o.igo && self.agent == o.agent && self.person == o.person && self.name == o.name
    }
    fn is_person_like(&self, dict: &ActorDict) -> bool {
        self.person.is_some()
            || self.name.is_some()
            || self.agent.is_some_and(|a| {
                let r = dict.entity(a).role.as_deref().unwrap_or("");
                !matches!(r, "ministry" | "foreign-ministry" | "government" | "military" | "police")
                    && !dict.entity(a).name.contains("ministry")
            })
    }
}

/// A coded event before dating.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub sentence: usize,
    /// Trigger token span (verb group head, or the event noun).
    pub trigger: (usize, usize),
    /// The verb group the trigger heads, if verbal.
    pub verb_group: Option<usize>,
    pub source: Actor,
    pub target: Option<Actor>,
    pub code: String,
    pub pattern: String,
    pub negated: bool,
    pub nominal: bool,
}

/// Within-article memory of who was talked about, for anaphors.
#[derive(Debug, Default, Clone)]
pub struct Discourse {
    single: Option<Actor>,
    pair: Option<(Actor, Actor)>,
    agents: Vec<Actor>,
    /// Two-actor phrases of the current sentence, with the token they end at:
    /// "A and B remain in contact - they met ..." refers to A and B.
    local_pairs: Vec<(usize, Actor, Actor)>,
    /// How prominent each country is in the recent discourse: mentions, decaying
    /// by sentence. "The two countries" are the two most prominent.
    salience: Vec<(EntityId, f32)>,
}

impl Discourse {
    fn decay(&mut self) {
        for (_, w) in &mut self.salience {
            *w *= 0.7;
        }
        self.salience.retain(|(_, w)| *w > 0.05);
    }
    fn mention_country(&mut self, c: EntityId) {
        match self.salience.iter_mut().find(|(x, _)| *x == c) {
            Some((_, w)) => *w += 1.0,
            None => self.salience.push((c, 1.0)),
        }
    }
    fn top_countries(&self) -> Vec<EntityId> {
        let mut v = self.salience.clone();
        v.sort_by(|a, b| b.1.total_cmp(&a.1));
        v.into_iter().take(2).map(|(c, _)| c).collect()
    }
}

impl Discourse {
    fn note_single(&mut self, a: &Actor, dict: &ActorDict) {
        if a.is_person_like(dict) {
            self.single = Some(a.clone());
        }
        if a.agent.is_some() {
            self.agents.retain(|x| x.agent != a.agent);
            self.agents.push(a.clone());
        }
    }
    fn note_pair(&mut self, a: &Actor, b: &Actor) {
        if !a.same_entity(b) {
            self.pair = Some((a.clone(), b.clone()));
        }
    }
}

/// The flags and code a trigger's best pattern gave.
struct Fired {
    /// Where the matched pattern ends (0 for a block default); triggers inside it do not fire again.
    end: usize,
    code: String,
    /// The reverse code of a pair: target → source.
    rev_code: Option<String>,
    origin: String,
    flags: Flags,
    target: Option<usize>,
    /// A `$` slot: the source phrase, overriding the subject.
    source: Option<usize>,
    /// A `%` slot: a compound phrase whose members act on one another.
    compound: Option<usize>,
    /// The pattern described words before the trigger (auxiliaries, negation):
    /// it has read the verb group's negation itself.
    reads_before: bool,
    /// Where the pattern's match starts (its first pre-trigger element, else the trigger).
    start: usize,
    specificity: usize,
}

const SKIP_LIMIT: usize = 8;

/// A target slot filled by "each other" / "one another".
const EACH_OTHER: usize = usize::MAX;

fn word_matches(s: &Sentence, i: usize, w: &str) -> bool {
    s.words[i].eq_ignore_ascii_case(w) || s.lemmas[i].as_ref() == w
}

/// A pattern word of an `%exact-words` dictionary: the token as written only.
fn word_is(s: &Sentence, i: usize, w: &str) -> bool {
    s.words[i].eq_ignore_ascii_case(w)
}

fn blocks_skip(s: &Sentence, i: usize) -> bool {
    matches!(s.words[i], ";" | ":") || s.is_quote_mark(i) || s.tags[i].xpos == Xpos::Period
}

/// The actor phrases a pattern's slots captured (indices into the phrase list).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Slots {
    target: Option<usize>,
    source: Option<usize>,
    compound: Option<usize>,
}

/// An actor phrase starting at `pos` that can fill a slot. A slot written in a
/// pattern takes a place too ("bargain for asylum in +"): the pattern says so.
fn slot_phrase(phrases: &[Phrase], pos: usize) -> Option<(usize, &Phrase)> {
    phrases.iter().enumerate().find(|(_, p)| p.start == pos)
}

/// Match pattern elements from token `pos`; returns the slots filled and the
/// token where the match ends. With `end_at`, the match must end exactly there.
fn match_elements(
    s: &Sentence,
    phrases: &[Phrase],
    els: &[Element],
    pos: usize,
    slots: Slots,
    end_at: Option<usize>,
) -> Option<(Slots, usize)> {
    let Some(first) = els.first() else {
        return end_at.is_none_or(|e| e == pos).then_some((slots, pos));
    };
    let rest = &els[1..];
    match first {
        Element::Word(w) => {
            (pos < s.words.len() && word_matches(s, pos, w)).then(|| match_elements(s, phrases, rest, pos + 1, slots, end_at)).flatten()
        }
        Element::ExactWord(w) => {
            (pos < s.words.len() && word_is(s, pos, w)).then(|| match_elements(s, phrases, rest, pos + 1, slots, end_at)).flatten()
        }
        Element::Alt(alts) | Element::ExactAlt(alts) => alts.iter().find_map(|alt| {
            let exact = matches!(first, Element::ExactAlt(_));
            let ok = alt
                .iter()
                .enumerate()
                .all(|(k, w)| pos + k < s.words.len() && if exact { word_is(s, pos + k, w) } else { word_matches(s, pos + k, w) });
            if ok {
                match_elements(s, phrases, rest, pos + alt.len(), slots, end_at)
            } else {
                None
            }
        }),
        Element::Target => {
            // "accused each other": the subject's actors, both ways.
            if pos + 1 < s.words.len()
                && ((s.words[pos].eq_ignore_ascii_case("each") && s.words[pos + 1].eq_ignore_ascii_case("other"))
                    || (s.words[pos].eq_ignore_ascii_case("one") && s.words[pos + 1].eq_ignore_ascii_case("another")))
            {
                return match_elements(s, phrases, rest, pos + 2, Slots { target: Some(EACH_OTHER), ..slots }, end_at);
            }
            let (idx, p) = slot_phrase(phrases, pos)?;
            match_elements(s, phrases, rest, p.end, Slots { target: Some(idx), ..slots }, end_at)
        }
        Element::Source => {
            let (idx, p) = slot_phrase(phrases, pos)?;
            match_elements(s, phrases, rest, p.end, Slots { source: Some(idx), ..slots }, end_at)
        }
        Element::Compound => {
            let (idx, p) = slot_phrase(phrases, pos)?;
            if p.members.len() < 2 {
                return None;
            }
            match_elements(s, phrases, rest, p.end, Slots { compound: Some(idx), ..slots }, end_at)
        }
        Element::SkipNp => {
            // One noun phrase: an actor phrase, or a noun chunk, starting here; or the rest
            // of a noun chunk after the determiner or possessive a pattern names
            // ("warned their ^ about +": "their | populations").
            let end = slot_phrase(phrases, pos).map(|(_, p)| p.end).or_else(|| {
                s.chunks
                    .iter()
                    .find(|c| {
                        c.kind == ChunkKind::Noun
                            && (c.start == pos
                                || (c.start < pos
                                    && pos < c.end
                                    && (c.start..pos).all(|k| matches!(s.tags[k].xpos, Xpos::Dt | Xpos::PrpS | Xpos::Pdt | Xpos::WpS))))
                    })
                    .map(|c| c.end)
            })?;
            match_elements(s, phrases, rest, end, slots, end_at)
        }
        Element::Skip => {
            for k in 0..=SKIP_LIMIT {
                if k > 0 && (pos + k > s.words.len() || blocks_skip(s, pos + k - 1)) {
                    break;
                }
                if let Some(t) = match_elements(s, phrases, rest, pos + k, slots, end_at) {
                    return Some(t);
                }
            }
            None
        }
        Element::Trigger => None,
    }
}

/// Match the elements written before the trigger so that they end right at `at`.
fn match_before(s: &Sentence, phrases: &[Phrase], els: &[Element], at: usize) -> Option<(Slots, usize)> {
    if els.is_empty() {
        return Some((Slots::default(), at));
    }
    // The closest start first: the shortest stretch of text before the trigger.
    (at.saturating_sub(40)..at)
        .rev()
        .find_map(|start| match_elements(s, phrases, els, start, Slots::default(), Some(at)).map(|(sl, _)| (sl, start)))
}

fn best_pattern(verbs: &VerbDict, blocks: &[u32], s: &Sentence, phrases: &[Phrase], at: usize, after: usize) -> Option<Fired> {
    let mut best: Option<Fired> = None;
    for &b in blocks {
        let block = &verbs.blocks[b as usize];
        for p in &block.patterns {
            if best.as_ref().is_some_and(|b| p.specificity <= b.specificity) {
                continue;
            }
            let Some((pre, pre_start)) = match_before(s, phrases, &p.before, at) else { continue };
            // Adverbs right after the trigger ("spoke again by phone") are skipped.
            let mut hit = None;
            for start in after..after + 3 {
                hit = match_elements(s, phrases, &p.elements, start, pre, None);
                if hit.is_some() || start >= s.words.len() || !(s.tags[start].xpos.is_adverb()) {
                    break;
                }
            }
            if let Some((slots, end)) = hit {
                best = Some(Fired {
                    end,
                    code: p.code.clone(),
                    rev_code: p.rev_code.clone(),
                    origin: p.origin.clone(),
                    flags: p.flags,
                    target: slots.target,
                    source: slots.source,
                    compound: slots.compound,
                    reads_before: !p.before.is_empty(),
                    start: pre_start,
                    specificity: p.specificity,
                });
            }
        }
    }
    best
}

/// The block-level default when no pattern fired.
fn default_of(verbs: &VerbDict, blocks: &[u32]) -> Option<Fired> {
    blocks.iter().find_map(|&b| {
        let bl = &verbs.blocks[b as usize];
        bl.default_code.as_ref().map(|c| {
            let shown = match &bl.default_rev {
                Some(r) => format!("{c}:{r}"),
                None => c.clone(),
            };
            Fired {
                end: 0,
                code: c.clone(),
                rev_code: bl.default_rev.clone(),
                origin: format!("{}: == {} [{}] (block default)", bl.origin, bl.lemmas.join(" | "), shown),
                flags: bl.flags,
                target: None,
                source: None,
                compound: None,
                reads_before: false,
                start: usize::MAX,
                specificity: 0,
            }
        })
    })
}

pub struct Extractor<'c> {
    pub dict: &'c ActorDict,
    pub verbs: &'c VerbDict,
    /// Every trigger may code an event without target (see `CoderOptions`).
    pub allow_untargeted: bool,
    /// Unresolved agents are kept, with an unknown country (see `CoderOptions`).
    pub bare_agents: bool,
    /// Default targets reach into complement clauses (see `CoderOptions`).
    pub wide_targets: bool,
}

fn lower_is_any(w: &str, opts: &[&str]) -> bool {
    opts.iter().any(|o| w.eq_ignore_ascii_case(o))
}

/// Speech verbs whose complement clause is reported, not performed.
pub fn is_speech_lemma(l: &str) -> bool {
    matches!(
        l,
        "say"
            | "tell"
            | "add"
            | "note"
            | "stress"
            | "state"
            | "announce"
            | "claim"
            | "report"
            | "declare"
            | "emphasize"
            | "emphasise"
            | "underline"
            | "insist"
            | "allege"
            | "assert"
            | "explain"
            | "write"
            | "quote"
            | "confirm"
            | "speak"
            | "reiterate"
    )
}

impl Extractor<'_> {
    /// Extract the candidates of one sentence, updating the discourse.
    pub fn sentence(&self, idx: usize, s: &Sentence, disc: &mut Discourse, out: &mut Vec<Candidate>) -> Vec<Phrase> {
        let phrases = find_phrases(self.dict, s, self.wide_targets);
        let first_out = out.len();
        disc.decay();
        for p in &phrases {
            for m in &p.members {
                let a = Actor::from_member(s, m);
                if let Some(c) = a.country.map(|(c, _)| c).or_else(|| self.person_country(&a)) {
                    disc.mention_country(c);
                }
            }
        }
        disc.local_pairs = phrases
            .iter()
            .filter(|p| p.members.len() == 2 && !p.location && p.members.iter().all(|m| m.anaphor.is_none()))
            .map(|p| (p.end, Actor::from_member(s, &p.members[0]), Actor::from_member(s, &p.members[1])))
            .collect();
        let vgs: Vec<usize> = (0..s.chunks.len()).filter(|&c| s.chunks[c].kind == ChunkKind::Verb).collect();
        // Triggers in text order: (token, verb group or None, blocks, trigger end).
        let mut triggers: Vec<(usize, Option<usize>, Vec<u32>, usize)> = Vec::new();
        for &c in &vgs {
            let ch = s.chunks[c];
            let h = ch.head;
            let lemma = s.lemmas[h].as_ref();
            if matches!(lemma, "be" | "do") {
                continue;
            }
            // Phrasal lemmas first ("touch upon"), then the single verb.
            let mut blocks = Vec::new();
            let mut end = h + 1;
            if h + 1 < s.words.len() {
                let two = format!("{} {}", lemma, s.words[h + 1].to_lowercase());
                let b = self.verbs.verb_blocks(&two);
                if !b.is_empty() {
                    blocks.extend_from_slice(b);
                    end = h + 2;
                }
            }
            // A block listing the word as written ("left", "said") is meant for that form
            // and wins over the lemma's ("leave").
            if blocks.is_empty() {
                let surface = s.words[h].to_lowercase();
                if surface != lemma {
                    blocks.extend_from_slice(self.verbs.verb_blocks(&surface));
                }
            }
            if blocks.is_empty() {
                blocks.extend_from_slice(self.verbs.verb_blocks(lemma));
            }
            // A tagging slip ("fought/VBP") must not hide a verb: retry its past-tense lemma.
            if blocks.is_empty() && s.tags[h].xpos.is_verb() {
                let past = bede_nlp::lemma::lemma(s.words[h], bede_nlp::Xpos::Vbd);
                blocks.extend_from_slice(self.verbs.verb_blocks(&past));
            }
            // A trigger written after fixed words ("wire +tap") wins over the bare verb;
            // the tagger may have made the fixed word the verb ("will wire/VB tap/NN").
            let preceded_at = |at: usize, l: &str| {
                self.verbs.preceded_blocks(l).iter().find(|(pre, _)| {
                    pre.len() <= at && pre.iter().enumerate().all(|(k, w)| s.words[at - pre.len() + k].eq_ignore_ascii_case(w))
                })
            };
            if let Some((pre, b)) = preceded_at(h, lemma) {
                triggers.push((h - pre.len(), Some(c), vec![*b], end));
                continue;
            }
            if h + 1 < s.words.len() {
                let next = s.words[h + 1].to_lowercase();
                let next_lemma = bede_nlp::lemma::lemma(s.words[h + 1], bede_nlp::Xpos::Vbd);
                if let Some((pre, b)) = preceded_at(h + 1, &next).or_else(|| preceded_at(h + 1, &next_lemma)) {
                    triggers.push((h + 1 - pre.len(), Some(c), vec![*b], h + 2));
                    continue;
                }
            }
            if !blocks.is_empty() {
                triggers.push((h, Some(c), blocks, end));
            }
        }
        let mut key = String::new();
        for i in 0..s.words.len() {
            if !s.tags[i].xpos.is_noun() {
                continue;
            }
            // Cheap test first: can an event noun end with this word at all?
            let surface = s.words[i].to_lowercase();
            if !self.verbs.ends_noun_trigger(&s.lemmas[i]) && !self.verbs.ends_noun_trigger(&surface) {
                continue;
            }
            // Longest event noun ending here ("telephone conversation", "talks"),
            // with the last word as lemma or as written.
            for n in (1..=self.verbs.max_noun_words.max(1)).rev() {
                if n > i + 1 {
                    continue;
                }
                let st = i + 1 - n;
                let mut found: &[u32] = &[];
                for last in [s.lemmas[i].as_ref(), surface.as_str()] {
                    key.clear();
                    for k in st..i {
                        key.push_str(&s.words[k].to_lowercase());
                        key.push(' ');
                    }
                    key.push_str(last);
                    found = self.verbs.noun_blocks(&key);
                    if !found.is_empty() {
                        break;
                    }
                }
                if !found.is_empty() {
                    triggers.push((st, None, found.to_vec(), i + 1));
                    break;
                }
            }
        }
        triggers.sort_by_key(|t| t.0);
        let mut deny_from: Option<usize> = None;
        let mut accusers: Vec<(usize, Vec<Actor>, String)> = Vec::new();
        let mut consumed_until = 0usize;
        for (tok, vg, blocks, tend) in triggers {
            if tok < consumed_until {
                continue;
            }
            let fired = best_pattern(self.verbs, &blocks, s, &phrases, tok, tend).or_else(|| default_of(self.verbs, &blocks));
            let Some(mut fired) = fired else {
                // A speech verb with no event of its own still governs its complement:
                // "X claimed that Y ..." (accusation), "X denied reports that ..." (negation).
                let flags = blocks.iter().fold(Flags::default(), |f, &b| f.merge(self.verbs.blocks[b as usize].flags));
                if let Some(c) = vg {
                    if flags.deny_complement && deny_from.is_none() {
                        deny_from = Some(tend);
                    }
                    if flags.accuse_complement {
                        if let Some(p) = self.subject_of(s, &phrases, c) {
                            let speakers = self.resolve(s, &phrases[p], disc);
                            let origin = format!("{} (speech verb)", self.verbs.blocks[blocks[0] as usize].origin);
                            accusers.push((tend, speakers, origin));
                        }
                    }
                }
                continue;
            };
            let nominal = vg.is_none();
            let (sources, mut target_phrase, negated_vg) = match vg {
                Some(c) => {
                    let ch = s.chunks[c];
                    let subj = self.subject_of(s, &phrases, c);
                    if ch.passive && fired.source.is_none() && fired.compound.is_none() {
                        // "Turkey was accused by Armenia": the subject is the target.
                        let by = (ch.end..(ch.end + 3).min(s.words.len())).find(|&k| s.words[k].eq_ignore_ascii_case("by"));
                        let agent = by.and_then(|k| phrases.iter().position(|p| p.start == k + 1));
                        // A passive needs both: "initiatives reached by the presidents" is no event between them.
                        match (agent, subj) {
                            (Some(a), Some(_)) => (self.resolve(s, &phrases[a], disc), subj, ch.negated),
                            _ => continue,
                        }
                    } else {
                        // TABARI/PETRARCH dictionaries take the closest actor before the verb
                        // when no subject is found ("Eriador's death toll has risen").
                        let subj = subj.or_else(|| if self.wide_targets { self.actor_before(s, &phrases, c) } else { None });
                        let src = match subj {
                            Some(p) => self.resolve(s, &phrases[p], disc),
                            None => Vec::new(),
                        };
                        (src, fired.target, ch.negated)
                    }
                }
                None => (self.nominal_sources(s, &phrases, tok, tend, fired.flags.recip, disc), fired.target, false),
            };
            // A `$` slot names the source; a `%` slot a compound acting on itself.
            let mut sources = sources;
            if let Some(p) = fired.source {
                sources = self.resolve(s, &phrases[p], disc);
            } else if let Some(t) = fired.target.filter(|&t| t != EACH_OTHER && phrases[t].end <= tok) {
                // A target written before the trigger ("noted + * regretted"): the source
                // is the actor phrase before it.
                if let Some(p) = phrases[..t].iter().rposition(|p| !p.location && p.possessed.is_none()) {
                    sources = self.resolve(s, &phrases[p], disc);
                }
            }
            if let Some(p) = fired.compound {
                if phrases[p].start >= tend {
                    // After the trigger: a compound target ("agrees with the Philippines and France").
                    target_phrase = Some(p);
                } else {
                    sources = self.resolve(s, &phrases[p], disc);
                    fired.flags.recip = true;
                }
            }
            // "Ethiopia indicated it would act now": the pattern spans "indicated it would";
            // the source is the actor before it.
            if sources.is_empty() && self.wide_targets && fired.reads_before {
                if let Some(p) = phrases.iter().rposition(|p| p.end <= fired.start && !p.location) {
                    sources = self.resolve(s, &phrases[p], disc);
                }
            }
            if sources.is_empty() {
                continue;
            }
            if fired.code == NULL_CODE && fired.rev_code.is_none() {
                // A null code: this reading of the trigger yields no event.
                consumed_until = consumed_until.max(fired.end);
                continue;
            }
            let is_default = fired.end == 0;
            // A speech verb is an event only through an explicit pattern with a target.
            if is_default && fired.flags.report {
                continue;
            }
            // Block default: the first actor phrase after the trigger in its clause.
            if self.allow_untargeted {
                fired.flags.solo = true;
            }
            if is_default && target_phrase.is_none() && (!fired.flags.solo || self.allow_untargeted) && !nominal {
                target_phrase = self.object_after(s, &phrases, tend);
            }
            // A pattern without a target slot: the first actor phrase after what it matched
            // ("restored full diplomatic ties | with Gondor").
            if !is_default && target_phrase.is_none() && !nominal && fired.source.is_none() && fired.compound.is_none() {
                target_phrase = self.object_after(s, &phrases, fired.end);
                // TABARI/PETRARCH: else the first actor after the verb, even inside what the
                // pattern matched ("allowed that Mordor isn't a really pleasant place").
                if target_phrase.is_none() && self.wide_targets {
                    target_phrase = self.object_after(s, &phrases, tend);
                }
            }
            let negated = (negated_vg && !fired.reads_before) || deny_from.is_some_and(|d| tok >= d);
            let each_other = target_phrase == Some(EACH_OTHER);
            if each_other {
                target_phrase = None;
                fired.flags.recip = true;
            }
            let targets: Vec<Actor> = match target_phrase {
                Some(t) => self.resolve(s, &phrases[t], disc),
                None => Vec::new(),
            };
            let before = out.len();
            let mk = |src: &Actor, tgt: Option<&Actor>, fired: &Fired, out: &mut Vec<Candidate>| {
                let c = Candidate {
                    sentence: idx,
                    trigger: (tok, tend),
                    verb_group: vg,
                    source: src.clone(),
                    target: tgt.cloned(),
                    code: fired.code.clone(),
                    pattern: fired.origin.clone(),
                    negated,
                    nominal,
                };
                // A code pair (`032:033`): the second code, target → source, after the forward one.
                let rev = match (&fired.rev_code, tgt) {
                    (Some(rev), Some(t)) if rev != NULL_CODE => {
                        Some(Candidate { source: t.clone(), target: Some(src.clone()), code: rev.clone(), ..c.clone() })
                    }
                    _ => None,
                };
                if c.code != NULL_CODE {
                    out.push(c);
                }
                out.extend(rev);
            };
            if targets.is_empty() {
                // Reciprocal events pair up two or three actors ("A and B discussed");
                // a longer list is a roster, not a meeting of all with all.
                if (2..=3).contains(&sources.len()) && fired.flags.recip {
                    for a in &sources {
                        for b in &sources {
                            if !a.same_entity(b) {
                                mk(a, Some(b), &fired, out);
                            }
                        }
                    }
                    if out.len() > before {
                        disc.note_pair(&sources[0], &sources[1]);
                    }
                } else if fired.flags.solo {
                    for a in &sources {
                        mk(a, None, &fired, out);
                    }
                }
            } else {
                for a in &sources {
                    for b in &targets {
                        if !a.same_entity(b) {
                            mk(a, Some(b), &fired, out);
                        }
                    }
                }
                if out.len() > before {
                    disc.note_pair(&sources[0], &targets[0]);
                }
            }
            if out.len() > before {
                consumed_until = consumed_until.max(fired.end);
                // "called on Russia to honour ...", "agreed to meet": an infinitive right after
                // the pattern is its complement, requested or intended, not performed.
                if fired.end > 0 {
                    let ends_with_to = s.words[fired.end - 1].eq_ignore_ascii_case("to");
                    let complement =
                        s.chunks.iter().find(|c| c.kind == ChunkKind::Verb && c.start == fired.end && (c.infinitive || ends_with_to));
                    if let Some(v) = complement {
                        consumed_until = consumed_until.max(v.end);
                    }
                }
                // "abandoned efforts to stop ...", "announced plans to visit": an infinitive
                // completing the verb's (actor-less) object noun is that noun's content,
                // not a second act of the subject's.
                let from = if fired.end > 0 { fired.end } else { tend };
                let object = s.chunks.iter().find(|c| c.kind == ChunkKind::Noun && c.start == from);
                if let Some(o) = object.filter(|o| !phrases.iter().any(|p| p.start < o.end && p.end > o.start)) {
                    if let Some(v) = s.chunks.iter().find(|c| c.kind == ChunkKind::Verb && c.start == o.end && c.infinitive) {
                        consumed_until = consumed_until.max(v.end);
                    }
                }
                if fired.flags.deny_complement && deny_from.is_none() {
                    deny_from = Some(tend);
                }
                if fired.flags.accuse_complement {
                    accusers.push((tend, sources.clone(), fired.origin.clone()));
                }
            } else if fired.flags.accuse_complement || fired.flags.deny_complement {
                // A speech act without target still governs its complement.
                if fired.flags.accuse_complement {
                    accusers.push((tend, sources.clone(), fired.origin.clone()));
                }
                if fired.flags.deny_complement && deny_from.is_none() {
                    deny_from = Some(tend);
                }
            }
        }
        // "X claimed that Y violated the truce": X accuses Y.
        let mut extra = Vec::new();
        for (after, speakers, origin) in &accusers {
            for c in &out[first_out..] {
                if c.trigger.0 >= *after && !c.negated && bede_cameo::lookup(&c.code).is_some_and(|k| k.quad_class >= 3) {
                    for sp in speakers {
                        if !sp.same_entity(&c.source) {
                            extra.push(Candidate {
                                sentence: idx,
                                trigger: (after - 1, *after),
                                verb_group: None,
                                source: sp.clone(),
                                target: Some(c.source.clone()),
                                code: "112".into(),
                                pattern: format!("{origin} (accusation: the complement reports a conflict event)"),
                                negated: false,
                                nominal: false,
                            });
                        }
                    }
                }
            }
        }
        out.extend(extra);
        // Remember who was the subject of this sentence's verbs.
        for &c in &vgs {
            if let Some(p) = self.subject_of(s, &phrases, c) {
                let ph = &phrases[p];
                if ph.members.iter().all(|m| m.anaphor.is_none()) {
                    let acts: Vec<Actor> = ph.members.iter().map(|m| Actor::from_member(s, m)).collect();
                    if acts.len() == 1 {
                        disc.note_single(&acts[0], self.dict);
                    } else if acts.len() == 2 {
                        disc.note_pair(&acts[0], &acts[1]);
                    }
                }
            }
        }
        phrases
    }

    /// The subject phrase of verb group `c`.
    fn subject_of(&self, s: &Sentence, phrases: &[Phrase], c: usize) -> Option<usize> {
        let ch = s.chunks[c];
        let mut j = ch.start;
        if ch.infinitive {
            // "Armenia continues to disregard": the governing verb's subject.
            let gov = (0..c).rev().find(|&k| s.chunks[k].kind == ChunkKind::Verb)?;
            let gch = s.chunks[gov];
            // "called on Russia to honour", "urged North Korea to stop": the object is the subject.
            if let Some(p) = phrases.iter().rposition(|p| p.start >= gch.end && p.end <= ch.start && ch.start - p.end <= 1 && !p.location) {
                return Some(p);
            }
            if gch.end + 2 >= ch.start {
                return self.subject_of(s, phrases, gov);
            }
            return None;
        }
        let skip_adverbs = |mut j: usize| {
            while j > 0 && (s.tags[j - 1].xpos.is_adverb() || s.is_quote_mark(j - 1)) {
                j -= 1;
            }
            j
        };
        j = skip_adverbs(j);
        if let Some(p) = phrases.iter().position(|p| p.end == j && !p.location && p.possessed.is_none()) {
            return Some(p);
        }
        // "A federal judge Thursday approved", "the government last week denied": a bare
        // time between the subject and its verb ("on Thursday" is handled below).
        if let Some(t) = s.chunks[..c].iter().rev().find(|k| k.kind == ChunkKind::Noun && k.temporal && k.end == j) {
            let before = skip_adverbs(t.start);
            if let Some(p) = phrases.iter().position(|p| p.end == before && !p.location && p.possessed.is_none()) {
                return Some(p);
            }
        }
        // "Arnor on Thursday signed", "North Korea on Thursday fired": a short
        // prepositional phrase between the subject and its verb.
        if let Some(np) = s.chunks.iter().find(|k| k.kind == ChunkKind::Noun && k.end == j && k.end - k.start <= 3) {
            if np.start > 0 && s.tags[np.start - 1].xpos == Xpos::In {
                let k = np.start - 1;
                if let Some(p) = phrases.iter().position(|p| p.end == k && !p.location && p.possessed.is_none()) {
                    return Some(p);
                }
            }
        }
        // "..., his Turkish counterpart, Mevlut Cavusoglu, discussed": the comma closing an appositive.
        if j > 0 && s.words[j - 1] == "," {
            if let Some(p) = phrases
                .iter()
                .position(|p| p.end == j - 1 && !p.location && p.possessed.is_none() && s.words[p.start..p.end].contains(&","))
            {
                return Some(p);
            }
            // "Arnor's foreign minister, in remarks published on Monday, urged": a
            // parenthetical without actors between the subject and its verb.
            if let Some(open) = (j.saturating_sub(12)..j - 1).rev().find(|&k| s.words[k] == ",") {
                let inside_actor = phrases.iter().any(|p| p.start > open && p.end < j);
                if !inside_actor {
                    if let Some(p) = phrases.iter().position(|p| p.end == open && !p.location && p.possessed.is_none()) {
                        return Some(p);
                    }
                }
            }
        }
        if j > 0 {
            let prev = s.words[j - 1];
            // "Lavrov, who met ...": the relative pronoun's antecedent.
            if matches!(prev.to_ascii_lowercase().as_str(), "who" | "which" | "that") {
                let mut k = j - 1;
                if k > 0 && s.words[k - 1] == "," {
                    k -= 1;
                }
                if let Some(p) = phrases.iter().position(|p| p.end == k && !p.location) {
                    return Some(p);
                }
            }
            // "Turkey has recruited and sent": the first verb's subject.
            // "... condemned the attack and accused Iran": the first verb's subject, across its object.
            if prev.eq_ignore_ascii_case("and") || prev.eq_ignore_ascii_case("or") {
                let clause_break = |k: usize| matches!(s.words[k], ";" | ":") || s.is_quote_mark(k);
                if let Some(prevc) = (0..c).rev().find(|&k| s.chunks[k].kind == ChunkKind::Verb && s.chunks[k].end < j) {
                    if !(s.chunks[prevc].end..j).any(clause_break) {
                        return self.subject_of(s, phrases, prevc);
                    }
                }
            }
        }
        None
    }

    /// The closest actor phrase before verb group `c` with no other verb group between.
    fn actor_before(&self, s: &Sentence, phrases: &[Phrase], c: usize) -> Option<usize> {
        let start = s.chunks[c].start;
        let prev_vg = s.chunks[..c].iter().rev().find(|k| k.kind == ChunkKind::Verb).map(|k| k.end).unwrap_or(0);
        // Only within the noun phrase right before the verb ("Eriador's death and injury toll").
        let np_word = |k: usize| {
            let x = s.tags[k].xpos;
            x.is_noun()
                || matches!(x, Xpos::Pos | Xpos::Jj | Xpos::Jjr | Xpos::Jjs | Xpos::Dt | Xpos::Cd)
                || s.words[k].eq_ignore_ascii_case("and")
        };
        phrases.iter().rposition(|p| p.end <= start && p.start >= prev_vg && (p.end..start).all(np_word))
    }

    /// The first actor phrase after `from`, before the next verb group.
    fn object_after(&self, s: &Sentence, phrases: &[Phrase], from: usize) -> Option<usize> {
        let next_vg = s.chunks.iter().filter(|c| c.kind == ChunkKind::Verb && c.start >= from).map(|c| c.start).min().unwrap_or(usize::MAX);
        // The object never reaches into a complement clause ("claimed that Armenia ...").
        let stop = (from..s.words.len())
            .find(|&k| {
                matches!(s.words[k], ";" | ":")
                    || s.tags[k].xpos == Xpos::Period
                    || (matches!(s.tags[k].xpos, Xpos::In | Xpos::Wdt)
                        && (s.words[k].eq_ignore_ascii_case("that") || s.words[k].eq_ignore_ascii_case("whether")))
            })
            .unwrap_or(usize::MAX);
        // A phrase right before a verb group is that verb's subject ("..., the Russian FM stressed").
        let subject_of_next = |p: &Phrase| {
            let mut k = p.end;
            while k < s.words.len() && (s.tags[k].xpos.is_adverb() || s.is_quote_mark(k)) {
                k += 1;
            }
            s.chunks.iter().any(|c| c.kind == ChunkKind::Verb && c.start == k && !c.infinitive)
        };
        phrases.iter().position(|p| {
            // A possessor counts: "rejected Russia's demand" is aimed at Russia.
            // (only as the direct object, not deep inside a prepositional phrase).
            // (TABARI/PETRARCH: a possessive pronoun is no target: "rescheduled his trip in X".)
            let pronoun_possessor = p.possessed.is_some() && p.members.iter().all(|m| m.anaphor.is_some());
            // (TABARI/PETRARCH code no pronoun: "question whether he ... with the Orcs".)
            let pronoun = p.members.iter().all(|m| matches!(m.anaphor, Some(Anaphor::Singular | Anaphor::Plural)));
            p.start >= from
                && !(self.wide_targets && (pronoun_possessor || pronoun))
                && (p.start < next_vg || self.wide_targets)
                && (p.start < stop || self.wide_targets)
                && (!p.location || self.wide_targets)
                && (!subject_of_next(p) || (self.wide_targets && p.start > 0 && s.words[p.start - 1] != ","))
                && (p.possessed.is_none() || p.start <= from + 1 || self.wide_targets)
        })
    }

    /// Sources of an event noun: its possessor, country modifiers, a
    /// "between A and B" phrase, else the clause's subject.
    fn nominal_sources(&self, s: &Sentence, phrases: &[Phrase], tok: usize, tend: usize, recip: bool, disc: &mut Discourse) -> Vec<Actor> {
        let np = s.chunks.iter().find(|c| c.kind == ChunkKind::Noun && c.start <= tok && tok < c.end);
        if let Some(np) = np {
            if let Some(p) = phrases.iter().find(|p| p.possessed.is_some() && p.start >= np.start && p.end <= tok) {
                let first_vg = s.chunks.iter().find(|c| c.kind == ChunkKind::Verb).map(|c| c.start).unwrap_or(usize::MAX);
                if p.members.len() == 1 && p.members[0].anaphor == Some(Anaphor::Singular) && p.start < first_vg {
                    // "In his phone call with Erdogan, Putin ...": "his" looks forward.
                    let vgi = s.chunks.iter().position(|c| c.kind == ChunkKind::Verb);
                    if let Some(sp) = vgi.and_then(|v| self.subject_of(s, phrases, v)) {
                        let subj = self.resolve(s, &phrases[sp], disc);
                        if subj.len() == 1 {
                            return subj.into_iter().map(|a| Actor { span: (p.start, p.end), ..a }).collect();
                        }
                    }
                }
                return self.resolve(s, p, disc);
            }
            // "Russian-Turkish consultations", "US sanctions".
            let mut mods: Vec<Actor> = Vec::new();
            for m in s.matches_within(np.start, tok) {
                let e = self.dict.entity(m.entity);
                let a = match e.kind {
                    EntityKind::Country => Actor {
                        country: Some((m.entity, NameForm::Name)),
                        igo: None,
                        agent: None,
                        person: None,
                        name: None,
                        prefix: None,
                        former: false,
                        span: (m.start, m.end),
                    },
                    EntityKind::Igo => Actor {
                        country: None,
                        igo: Some(m.entity),
                        agent: None,
                        person: None,
                        name: None,
                        prefix: None,
                        former: false,
                        span: (m.start, m.end),
                    },
                    _ => continue,
                };
                if !mods.iter().any(|x| x.same_entity(&a)) {
                    mods.push(a);
                }
            }
            if !mods.is_empty() {
                return mods;
            }
        }
        // "a conversation between A and B".
        if tend < s.words.len() && s.words[tend].eq_ignore_ascii_case("between") {
            if let Some(p) = phrases.iter().find(|p| p.start == tend + 1) {
                let r = self.resolve(s, p, disc);
                if r.len() >= 2 {
                    return r;
                }
            }
        }
        // The subject of the main clause before the noun, for meeting-type nouns
        // only ("Lavrov spoke after a meeting with ..."); "X condemned the attack"
        // does not make X the attacker.
        // Only after a preposition: "following a meeting with", "during a telephone
        // conversation"; "establish a dialogue" is no meeting of the subject's.
        let np_start = np.map(|c| c.start).unwrap_or(tok);
        let after_preposition = np_start > 0
            && (s.tags[np_start - 1].xpos == Xpos::In
                || lower_is_any(s.words[np_start - 1], &["following", "after", "during", "ahead", "before"]));
        if !recip || !after_preposition {
            return Vec::new();
        }
        for (c, ch) in s.chunks.iter().enumerate() {
            if ch.kind != ChunkKind::Verb || ch.start >= tok {
                continue;
            }
            if let Some(p) = self.subject_of(s, phrases, c) {
                return self.resolve(s, &phrases[p], disc);
            }
        }
        Vec::new()
    }

    /// The actors a phrase denotes, with anaphors resolved.
    fn resolve(&self, s: &Sentence, p: &Phrase, disc: &mut Discourse) -> Vec<Actor> {
        let mut out = Vec::new();
        for m in &p.members {
            let span = (m.start, m.end);
            match m.anaphor {
                None => out.push(Actor::from_member(s, m)),
                Some(Anaphor::Singular) => {
                    if let Some(a) = &disc.single {
                        out.push(Actor { span, ..a.clone() });
                    }
                }
                Some(Anaphor::Plural) => {
                    let local = disc.local_pairs.iter().rev().find(|(end, _, _)| *end <= m.start).map(|(_, a, b)| (a.clone(), b.clone()));
                    if let Some((a, b)) = local.as_ref().or(disc.pair.as_ref()) {
                        out.push(Actor { span, ..a.clone() });
                        out.push(Actor { span, ..b.clone() });
                    }
                }
                Some(Anaphor::PluralCountries) => {
                    let top = disc.top_countries();
                    if top.len() == 2 {
                        for c in top {
                            out.push(Actor {
                                country: Some((c, NameForm::Name)),
                                igo: None,
                                agent: None,
                                person: None,
                                name: None,
                                prefix: None,
                                former: false,
                                span,
                            });
                        }
                    }
                }
                Some(Anaphor::Agent(agent)) => {
                    // "the ministry": the last actor with this agent; "counterpart" waits
                    // for the event's other side.
                    let role = self.dict.entity(agent).role.as_deref();
                    if role == Some("counterpart") {
                        continue;
                    }
                    if let Some(a) = disc.agents.iter().rev().find(|a| a.agent == Some(agent) && (a.country.is_some() || a.igo.is_some())) {
                        out.push(Actor {
                            span,
                            name: m.name_tokens.map(|(x, y)| s.span_text(x, y).to_string()).or(a.name.clone()),
                            ..a.clone()
                        });
                    } else if self.bare_agents {
                        out.push(Actor::from_member(s, m));
                    }
                }
            }
        }
        for a in &out {
            if a.agent.is_some() {
                disc.note_single(a, self.dict);
            }
        }
        out
    }

    fn person_country(&self, a: &Actor) -> Option<EntityId> {
        let p = a.person?;
        let e = self.dict.entity(p);
        let iso = e.roles.last().map(|r| r.country.as_str()).or(e.country.as_deref())?;
        self.dict.country(iso)
    }
}
