//! The pipeline from one article to its coded events, and `explain`.

use crate::coding::{code_actor, Coded};
use crate::dating::{assign_dates, DocDates};
use crate::extract::{Actor, Candidate, Discourse, Extractor};
use crate::phrases::Phrase;
use crate::sentence::{Analyzer, Sentence};
use crate::verbs::{VerbDict, VerbDictError};
use bede_actors::{ActorDict, ActorMatcher, DictError, MatchScratch};
use bede_core::{event_id, ActorRef, Article, Event, Evidence, PartialDate, PloverRef, VerbRef};
use bede_ingest::clean::{CleanDoc, Cleaner};
use bede_nlp::Tagger;
use bede_time::TimeFinder;
use chrono::NaiveDate;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::PathBuf;

/// What to load besides (or instead of) the embedded defaults.
#[derive(Debug, Clone, Default)]
pub struct CoderOptions {
    /// Extra actor dictionary directories, loaded after the defaults.
    pub actor_dirs: Vec<PathBuf>,
    /// Extra verb dictionary directories, loaded after the defaults.
    pub verb_dirs: Vec<PathBuf>,
    /// Use only the given dictionaries, not the embedded ones.
    pub no_default_dicts: bool,
    /// Extra actor dictionary files held in memory, `(name, text)`, loaded after the
    /// directories (e.g. imported PETRARCH dictionaries).
    pub actor_sources: Vec<(String, String)>,
    /// Extra verb dictionary files held in memory, `(name, text)`, loaded after the directories.
    pub verb_sources: Vec<(String, String)>,
    /// Code events without a target from every trigger, not only `solo` blocks
    /// (PETRARCH's `require_dyad = False`).
    pub allow_untargeted: bool,
    /// Code an agent whose country cannot be found ("officials said") with the
    /// unknown country `---` (`---GOV`), as PETRARCH does, instead of dropping it.
    pub code_bare_agents: bool,
    /// The target of a pattern without a target slot (or of a block default) is the
    /// first actor after it, even inside a complement clause ("believes Y can ...",
    /// "expressed hopes that Y ..."): TABARI/PETRARCH dictionaries are written so.
    pub wide_targets: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum CoderError {
    #[error("actor dictionary: {0}")]
    Actors(#[from] DictError),
    #[error("verb dictionary: {0}")]
    Verbs(#[from] VerbDictError),
    #[error("verb dictionary {origin}: code {code} is not a CAMEO code")]
    UnknownCode { code: String, origin: String },
    #[error("tagger model: {0}")]
    Tagger(String),
}

/// Everything needed to code articles; built once, shared by all threads.
pub struct Coder {
    tagger: Tagger,
    dict: ActorDict,
    matcher: ActorMatcher,
    verbs: VerbDict,
    time: TimeFinder,
    cleaner: Cleaner,
    allow_untargeted: bool,
    code_bare_agents: bool,
    wide_targets: bool,
}

/// The analysis of one article, kept for `explain`.
pub struct Analysis<'a> {
    pub sentences: Vec<Sentence<'a>>,
    pub phrases: Vec<Vec<Phrase>>,
    pub candidates: Vec<Candidate>,
    pub events: Vec<Event>,
}

/// An article's cleaned sentences and the events coded from them.
#[derive(Debug, Clone, PartialEq)]
pub struct CodedArticle {
    /// The sentences in order; `Event::sentence` indexes this.
    pub sentences: Vec<String>,
    pub events: Vec<Event>,
}

/// The longest sentence coded whole, in tokens (the longest of UD English EWT has
/// 159). A longer "sentence" (a table, a list, text without punctuation) is coded in
/// pieces: the analysis of a sentence is quadratic in places, and each event repeats its
/// sentence as evidence, so an unbounded sentence costs time and memory quadratic in
/// its length (a 100,000-token one with an event every few tokens gave 3.6 GB of events).
pub const MAX_SENTENCE_TOKENS: usize = 256;

/// The sentences of a cleaned text as they are coded: [`bede_nlp::split_sentences`],
/// with a sentence of more than [`MAX_SENTENCE_TOKENS`] tokens cut into pieces of at
/// most that many, after a comma or semicolon in the second half of a piece where
/// there is one. Byte ranges, in order, trimmed, never empty.
pub fn coded_sentences(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut tokens = Vec::new();
    for r in bede_nlp::split_sentences(body) {
        // Every token has a byte at least: a short sentence has few tokens.
        if r.len() <= MAX_SENTENCE_TOKENS {
            out.push(r);
            continue;
        }
        let text = &body[r.clone()];
        tokens.clear();
        bede_nlp::tokenize::tokenize(text, &mut tokens);
        if tokens.len() <= MAX_SENTENCE_TOKENS {
            out.push(r);
            continue;
        }
        let mut p = 0;
        while p < tokens.len() {
            let mut q = (p + MAX_SENTENCE_TOKENS).min(tokens.len());
            if q < tokens.len() {
                if let Some(k) = (p + MAX_SENTENCE_TOKENS / 2..q).rev().find(|&k| matches!(tokens[k].text(text), "," | ";")) {
                    q = k + 1;
                }
            }
            out.push(r.start + tokens[p].start as usize..r.start + tokens[q - 1].end as usize);
            p = q;
        }
    }
    out
}

/// An actor coded `FRO/BIL/SAM` stands for each of its codes: one event for each.
fn split_multi_codes(e: Event) -> Vec<Event> {
    let srcs: Vec<String> = e.source.code.split('/').map(str::to_string).collect();
    let tgts: Vec<Option<String>> = match &e.target {
        Some(t) => t.code.split('/').map(|c| Some(c.to_string())).collect(),
        None => vec![None],
    };
    if srcs.len() == 1 && tgts.len() == 1 {
        return vec![e];
    }
    let mut out = Vec::new();
    for sc in &srcs {
        for tc in &tgts {
            let mut x = e.clone();
            x.source.code = sc.clone();
            if let (Some(t), Some(tc)) = (x.target.as_mut(), tc) {
                t.code = tc.clone();
            }
            x.id = event_id(&x.doc_id, x.sentence, &x.source, x.target.as_ref(), &x.cameo);
            out.push(x);
        }
    }
    out
}

impl Coder {
    pub fn new(opts: &CoderOptions) -> Result<Coder, CoderError> {
        let mut dict = if opts.no_default_dicts { ActorDict::default() } else { ActorDict::embedded()? };
        for d in &opts.actor_dirs {
            dict.load_dir(d)?;
        }
        for (name, text) in &opts.actor_sources {
            dict.load_str(name, text)?;
        }
        let mut verbs = if opts.no_default_dicts { VerbDict::default() } else { VerbDict::embedded()? };
        for d in &opts.verb_dirs {
            verbs.load_dir(d)?;
        }
        for (name, text) in &opts.verb_sources {
            verbs.load_str(name, text)?;
        }
        for (code, origin) in verbs.codes() {
            if bede_cameo::lookup(code).is_none() {
                return Err(CoderError::UnknownCode { code: code.to_string(), origin: origin.to_string() });
            }
        }
        let tagger = Tagger::embedded().map_err(|e| CoderError::Tagger(e.to_string()))?;
        let matcher = ActorMatcher::new(&dict);
        Ok(Coder {
            tagger,
            dict,
            matcher,
            verbs,
            time: TimeFinder::new(),
            cleaner: Cleaner::new(),
            allow_untargeted: opts.allow_untargeted,
            code_bare_agents: opts.code_bare_agents,
            wide_targets: opts.wide_targets,
        })
    }

    pub fn actor_dict(&self) -> &ActorDict {
        &self.dict
    }
    pub fn verb_dict(&self) -> &VerbDict {
        &self.verbs
    }
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// Clean an article: what `code_article` codes.
    pub fn clean(&self, a: &Article) -> CleanDoc {
        self.cleaner.clean(a)
    }

    /// The article-level dates: publication date (or header date) and dateline.
    pub fn doc_dates(&self, a: &Article, clean: &CleanDoc) -> DocDates {
        let published = a
            .published
            .or_else(|| clean.header_date.as_deref().and_then(|h| bede_time::parse_date_text(h, None)).and_then(|d| d.to_date()));
        let dateline = clean.dateline.as_ref().and_then(|d| d.date_text.as_deref()).and_then(|t| bede_time::parse_date_text(t, published));
        DocDates { published, dateline }
    }

    /// Code one article: clean, analyse, extract, date, code.
    pub fn code_article(&self, a: &Article) -> Vec<Event> {
        let clean = self.clean(a);
        let dates = self.doc_dates(a, &clean);
        self.analyse(&a.id, &clean.body, dates, false).events
    }

    /// Code one article and keep its cleaned sentences (the text each event's
    /// `sentence` index refers to), for the store.
    pub fn code_article_with_sentences(&self, a: &Article) -> CodedArticle {
        let clean = self.clean(a);
        let dates = self.doc_dates(a, &clean);
        let analysis = self.analyse(&a.id, &clean.body, dates, false);
        CodedArticle { sentences: analysis.sentences.iter().map(|s| s.text.to_string()).collect(), events: analysis.events }
    }

    /// Analyse a cleaned text with known article dates.
    pub fn analyse_text<'a>(&self, doc_id: &str, body: &'a str, dates: DocDates) -> Analysis<'a> {
        self.analyse(doc_id, body, dates, true)
    }

    /// Analyse a cleaned text; without `keep_all`, a sentence without events keeps
    /// only its text in the analysis (its phrases are left empty): all an article's
    /// sentences are held until its events are dated, and their analyses are about
    /// twelve times the size of the text.
    fn analyse<'a>(&self, doc_id: &str, body: &'a str, dates: DocDates, keep_all: bool) -> Analysis<'a> {
        let analyzer = Analyzer { tagger: &self.tagger, dict: &self.dict, matcher: &self.matcher, verbs: &self.verbs };
        let extractor = Extractor {
            dict: &self.dict,
            verbs: &self.verbs,
            allow_untargeted: self.allow_untargeted,
            bare_agents: self.code_bare_agents,
            wide_targets: self.wide_targets,
        };
        let mut scratch = MatchScratch::default();
        let mut disc = Discourse::default();
        let mut sentences = Vec::new();
        let mut phrases = Vec::new();
        let mut cands = Vec::new();
        let mut exprs = Vec::new();
        let discarding = !self.verbs.discards.is_empty() || !self.verbs.story_discards.is_empty();
        let lists = discarding || !self.verbs.issues.is_empty();
        let mut story_discarded = false;
        // Each sentence's issue codes, found once for all its events.
        let mut issues: Vec<Vec<String>> = Vec::new();
        for (i, r) in coded_sentences(body).into_iter().enumerate() {
            let s = analyzer.analyse(&body[r], &mut scratch);
            let before = cands.len();
            // Lower-case tokens for the discard and issue lists, only when there are lists.
            let toks: Vec<String> = if lists { s.words.iter().map(|w| w.to_lowercase()).collect() } else { Vec::new() };
            if discarding {
                // Discard lists: a sentence (or the whole story) about sport, weather, ... is not coded.
                story_discarded |= self.verbs.story_discards.iter().any(|p| p.occurs_in(&toks));
                if story_discarded || self.verbs.discards.iter().any(|p| p.occurs_in(&toks)) {
                    phrases.push(Vec::new());
                    exprs.push(Vec::new());
                    issues.push(Vec::new());
                    sentences.push(if keep_all { s } else { Sentence::text_only(s.text) });
                    continue;
                }
            }
            issues.push(self.issues_in(&toks));
            let found = extractor.sentence(i, &s, &mut disc, &mut cands);
            let has_events = cands.len() > before;
            // Time expressions matter only where there are events.
            exprs.push(if has_events { self.time.find(s.text) } else { Vec::new() });
            if has_events || keep_all {
                phrases.push(found);
                sentences.push(s);
            } else {
                phrases.push(Vec::new());
                sentences.push(Sentence::text_only(s.text));
            }
        }
        if story_discarded {
            cands.clear();
        }
        let anchor = dates.anchor();
        let identity = |c: &Candidate| {
            let mut src = code_actor(&self.dict, &c.source, anchor, None);
            let tgt = c.target.as_ref().and_then(|t| code_actor(&self.dict, t, anchor, src.as_ref()));
            // A counterpart on the source side holds the target's office.
            if src.as_ref().is_some_and(|x| x.role.as_deref() == Some("counterpart")) {
                src = code_actor(&self.dict, &c.source, anchor, tgt.as_ref());
            }
            let key = |x: &Option<Coded>| x.as_ref().map(|x| format!("{}/{}", x.code, x.role.as_deref().unwrap_or(""))).unwrap_or_default();
            (key(&src), key(&tgt), bede_cameo::root(&c.code).to_string())
        };
        let dated = assign_dates(&sentences, &exprs, &cands, dates, &identity);
        let mut events: Vec<Event> = Vec::new();
        // An event is kept once per sentence: (sentence, source code and name, target
        // code and name, code) of the events kept so far.
        type Key = (u32, String, String, Option<(String, String)>, String);
        let mut kept: HashSet<Key> = HashSet::new();
        for (c, (date, basis)) in cands.iter().zip(dated) {
            let s = &sentences[c.sentence];
            for mut e in self.build_event(doc_id, s, c, date, basis, &issues[c.sentence]).into_iter().flat_map(split_multi_codes) {
                let key = (
                    e.sentence,
                    e.source.code.clone(),
                    e.source.name.clone(),
                    e.target.as_ref().map(|t| (t.code.clone(), t.name.clone())),
                    e.cameo.clone(),
                );
                if kept.insert(key) {
                    // The sentence is copied only into the events kept (a long list of
                    // coordinated actors gives many candidates but few events).
                    e.evidence.text = s.text.to_string();
                    events.push(e);
                }
            }
        }
        Analysis { sentences, phrases, candidates: cands, events }
    }

    fn actor_ref(&self, s: &Sentence, a: &Actor, c: Coded) -> ActorRef {
        let span = s.byte_span(a.span.0, a.span.1);
        ActorRef {
            code: c.code,
            country: c.country,
            sectors: c.sectors,
            name: c.name,
            text: s.text[span[0] as usize..span[1] as usize].to_string(),
            span,
        }
    }

    fn build_event(
        &self,
        doc_id: &str,
        s: &Sentence,
        c: &Candidate,
        date: Option<PartialDate>,
        basis: bede_core::DateBasis,
        issues: &[String],
    ) -> Option<Event> {
        let day = date.and_then(|d| d.first_day());
        let mut src = code_actor(&self.dict, &c.source, day, None)?;
        let tgt = match &c.target {
            Some(t) => Some(code_actor(&self.dict, t, day, Some(&src))?),
            None => None,
        };
        // A counterpart on the source side takes the target's office.
        if c.source.agent.is_some_and(|g| self.dict.entity(g).role.as_deref() == Some("counterpart")) && c.source.person.is_none() {
            if let Some(t) = &tgt {
                src = code_actor(&self.dict, &c.source, day, Some(t))?;
            }
        }
        if let Some(t) = &tgt {
            if t.code == src.code && (t.name == src.name || (t.role.is_some() && t.role == src.role)) {
                return None;
            }
        }
        // A dictionary's own code (`%free-codes`, e.g. "174K") is kept as written; its
        // name, scores and PLOVER type come from the longest CAMEO code it extends.
        let known = (1..=c.code.len()).rev().find_map(|n| c.code.get(..n).and_then(bede_cameo::lookup));
        let exact = known.filter(|k| k.code == c.code);
        let source = self.actor_ref(s, &c.source, src);
        let target = match (&c.target, tgt) {
            (Some(a), Some(t)) => Some(self.actor_ref(s, a, t)),
            _ => None,
        };
        let vspan = s.byte_span(c.trigger.0, c.trigger.1);
        let sentence = c.sentence as u32;
        Some(Event {
            id: event_id(doc_id, sentence, &source, target.as_ref(), &c.code),
            doc_id: doc_id.to_string(),
            sentence,
            date,
            date_precision: date.map(|d| d.precision()),
            date_basis: basis,
            source,
            target,
            cameo: c.code.clone(),
            cameo_name: match (exact, known) {
                (Some(k), _) => k.name.to_string(),
                (None, Some(k)) => format!("{} (dictionary code {})", k.name, c.code),
                (None, None) => format!("dictionary code {}", c.code),
            },
            quad_class: known.map(|k| k.quad_class).unwrap_or(0),
            goldstein: known.map(|k| k.goldstein).unwrap_or(0.0),
            plover: PloverRef {
                kind: known.map(|k| k.plover_type.to_string()).unwrap_or_default(),
                mode: known.and_then(|k| k.plover_mode.map(str::to_string)),
            },
            negated: c.negated,
            location: None,
            issues: issues.to_vec(),
            evidence: Evidence {
                // Filled in once the event is known not to repeat another.
                text: String::new(),
                verb: VerbRef { text: s.text[vspan[0] as usize..vspan[1] as usize].to_string(), span: vspan },
                pattern: c.pattern.clone(),
            },
        })
    }

    /// The issue codes whose phrases occur in a sentence's lower-case tokens (none if an
    /// ignore phrase does).
    fn issues_in(&self, toks: &[String]) -> Vec<String> {
        if self.verbs.issues.is_empty() {
            return Vec::new();
        }
        if self.verbs.issue_ignores.iter().any(|p| p.occurs_in(toks)) {
            return Vec::new();
        }
        let mut out: Vec<String> = Vec::new();
        for (code, p) in &self.verbs.issues {
            if !out.contains(code) && p.occurs_in(toks) {
                out.push(code.clone());
            }
        }
        out
    }

    /// A readable account of how one sentence (or short text) is coded.
    pub fn explain(&self, text: &str, date: Option<NaiveDate>) -> String {
        let dates = DocDates { published: date, dateline: None };
        let a = self.analyse_text("explain", text, dates);
        let mut o = String::new();
        for (i, s) in a.sentences.iter().enumerate() {
            let _ = writeln!(o, "sentence {i}: {}", s.text);
            let _ = writeln!(o, "\ntokens:");
            let mut line = String::from(" ");
            for (k, w) in s.words.iter().enumerate() {
                let piece = format!(" {k}:{w}/{}", s.tags[k].xpos);
                if line.len() + piece.len() > 100 {
                    let _ = writeln!(o, "{line}");
                    line = String::from(" ");
                }
                line.push_str(&piece);
            }
            let _ = writeln!(o, "{line}");
            let _ = writeln!(o, "\nchunks:");
            for c in &s.chunks {
                let mut flags = String::new();
                if c.passive {
                    flags.push_str(" passive");
                }
                if c.negated {
                    flags.push_str(" negated");
                }
                if c.infinitive {
                    flags.push_str(" infinitive");
                }
                let kind = if c.kind == bede_nlp::ChunkKind::Noun { "NP" } else { "VG" };
                let _ = writeln!(o, "  {kind} [{}] head={}{flags}", s.words[c.start..c.end].join(" "), s.words[c.head]);
            }
            let _ = writeln!(o, "\ndictionary matches:");
            for m in &s.matches {
                let e = self.dict.entity(m.entity);
                let _ = writeln!(o, "  [{}] {:?} {:?} {} ({})", s.words[m.start..m.end].join(" "), m.form, e.kind, e.name, e.origin);
            }
            let _ = writeln!(o, "\nactor phrases:");
            for p in &a.phrases[i] {
                let mut tags = String::new();
                if p.location {
                    tags.push_str(" (place)");
                }
                if p.possessed.is_some() {
                    tags.push_str(" (possessor)");
                }
                let members: Vec<String> = p
                    .members
                    .iter()
                    .map(|m| {
                        let mut parts = Vec::new();
                        if let Some((c, f)) = m.country {
                            parts.push(format!("{}:{:?}", self.dict.entity(c).code, f));
                        }
                        if let Some(g) = m.igo {
                            parts.push(self.dict.entity(g).code.clone());
                        }
                        if let Some(g) = m.agent {
                            parts.push(format!("agent {}", self.dict.entity(g).name));
                        }
                        if let Some(p) = m.person {
                            parts.push(format!("person {}", self.dict.entity(p).name));
                        }
                        if let Some(an) = m.anaphor {
                            parts.push(format!("anaphor {an:?}"));
                        }
                        format!("{{{}}}", parts.join(", "))
                    })
                    .collect();
                let _ = writeln!(o, "  [{}]{tags} {}", s.words[p.start..p.end].join(" "), members.join(" + "));
            }
            let _ = writeln!(o, "\ntime expressions:");
            for e in self.time.find(s.text) {
                let _ = writeln!(o, "  {:?} {:?}", &s.text[e.span.clone()], e.kind);
            }
            let _ = writeln!(o, "\nevents:");
            let mut any = false;
            for e in a.events.iter().filter(|e| e.sentence as usize == i) {
                any = true;
                let tgt = e.target.as_ref().map(|t| format!("{} ({})", t.code, t.text)).unwrap_or_else(|| "-".into());
                let date = e.date.map(|d| d.to_string()).unwrap_or_else(|| "?".into());
                let _ = writeln!(
                    o,
                    "  {} ({}) --{} {}{}--> {}   date {} [{:?}]\n    verb {:?}  pattern {}",
                    e.source.code,
                    e.source.text,
                    e.cameo,
                    e.cameo_name,
                    if e.negated { " NEGATED" } else { "" },
                    tgt,
                    date,
                    e.date_basis,
                    e.evidence.verb.text,
                    e.evidence.pattern
                );
            }
            if !any {
                let _ = writeln!(o, "  (none)");
            }
            let _ = writeln!(o);
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_sentences_are_coded_in_pieces() {
        let ok = "Russia met Turkey on Thursday, and the two sides agreed to meet again.";
        assert_eq!(coded_sentences(ok), bede_nlp::split_sentences(ok));
        // 100,000 tokens without a sentence end: pieces of at most 256 tokens, cut after
        // a comma, covering every token once, in order.
        let clauses: Vec<String> = (0..25_000).map(|k| format!("A{k} met B{k}")).collect();
        let text = format!("  {} ", clauses.join(" , "));
        let pieces = coded_sentences(&text);
        let mut all = Vec::new();
        bede_nlp::tokenize::tokenize(&text, &mut all);
        let mut joined = Vec::new();
        for (i, r) in pieces.iter().enumerate() {
            let mut toks = Vec::new();
            bede_nlp::tokenize::tokenize(&text[r.clone()], &mut toks);
            assert!(!toks.is_empty() && toks.len() <= MAX_SENTENCE_TOKENS, "piece {i}: {} tokens", toks.len());
            assert_eq!(toks.first().map(|t| t.start), Some(0), "trimmed");
            assert_eq!(toks.last().map(|t| t.end as usize), Some(r.len()), "trimmed");
            if i + 1 < pieces.len() {
                assert!(text[r.clone()].ends_with(','), "cut after a comma: {:?}", &text[r.clone()]);
            }
            joined.extend(toks.iter().map(|t| &text[r.start + t.start as usize..r.start + t.end as usize]));
        }
        let whole: Vec<&str> = all.iter().map(|t| t.text(&text)).collect();
        assert_eq!(joined, whole);
        // Without commas, pieces are cut at the limit.
        let words = "word ".repeat(1000);
        let pieces = coded_sentences(&words);
        assert_eq!(pieces.len(), 4);
        assert_eq!(words[pieces[3].clone()].split(' ').count(), 1000 - 3 * MAX_SENTENCE_TOKENS);
    }

    #[test]
    fn coding_keeps_only_the_text_of_sentences_without_events() {
        let coder = Coder::new(&CoderOptions::default()).expect("embedded dictionaries");
        let text = "Lavrov met Cavusoglu on Monday. The weather was fine. He accused Ukraine of shelling a day later. Prices rose. \
                    The ministers met again.";
        let dates = DocDates { published: NaiveDate::from_ymd_opt(2020, 10, 15), dateline: None };
        let full = coder.analyse_text("t", text, dates);
        let lean = coder.analyse("t", text, dates, false);
        assert_eq!(full.events, lean.events);
        assert!(full.events.len() >= 2);
        let texts = |a: &Analysis| a.sentences.iter().map(|s| s.text.to_string()).collect::<Vec<_>>();
        assert_eq!(texts(&full), texts(&lean));
        assert!(!full.sentences[1].tokens.is_empty() && lean.sentences[1].tokens.is_empty() && lean.phrases[1].is_empty());
        assert!(!lean.sentences[0].tokens.is_empty());
    }

    #[test]
    fn a_long_sentence_full_of_events_costs_the_events_of_its_pieces() {
        // Every event repeats its sentence: in pieces, 5,000 clauses of events give
        // events whose evidence is a piece, not the whole 60 KB text.
        let countries = ["Russia", "Turkey", "France", "Iran", "Syria", "Germany", "Iraq", "Egypt"];
        let clauses: Vec<String> = (0..5_000).map(|k| format!("{} met {}", countries[k % 8], countries[(k / 8 + k + 1) % 8])).collect();
        let text = clauses.join(" , ");
        let coder = Coder::new(&CoderOptions::default()).expect("embedded dictionaries");
        let a = coder.analyse_text("t", &text, DocDates::default());
        assert!(a.events.len() > 300, "{} events", a.events.len());
        assert!(a.events.iter().all(|e| e.evidence.text.len() < 4 * MAX_SENTENCE_TOKENS * 8), "evidence is one piece");
    }
}
