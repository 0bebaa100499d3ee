//! Actor phrases: from dictionary matches and noun chunks to the actors a
//! sentence mentions, with possessives, appositives ("his Turkish
//! counterpart, Mevlut Cavusoglu"), coordination ("Lavrov and Cavusoglu",
//! "the foreign ministers of Russia and Turkey") and anaphors ("the
//! parties", "he") marked for the coreference step.

use crate::sentence::Sentence;
use bede_actors::{ActorDict, EntityId, EntityKind, NameForm};
use bede_nlp::{ChunkKind, Xpos};

/// What an anaphoric phrase refers back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anaphor {
    /// he, she, him, her, his.
    Singular,
    /// they, we, the parties, the sides, the two leaders, both sides.
    Plural,
    /// the two countries, both countries: the pair, at country level.
    PluralCountries,
    /// An agent without a country ("the ministry", "the minister").
    Agent(EntityId),
}

/// One actor inside a phrase, before dates and coreference are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    pub start: usize,
    pub end: usize,
    pub country: Option<(EntityId, NameForm)>,
    pub igo: Option<EntityId>,
    pub agent: Option<EntityId>,
    pub person: Option<EntityId>,
    /// Tokens naming a person the dictionary does not know ("Maria Zakharova").
    pub name_tokens: Option<(usize, usize)>,
    pub anaphor: Option<Anaphor>,
    /// An organisation type written before the actor and its agent ("An MSF Arnor
    /// diplomat": MSF, NGO-prefix, stacked on ARN + diplomat).
    pub prefix: Option<EntityId>,
    /// "former officials": the agent is a former office-holder (CAMEO's ELI).
    pub former: bool,
    /// Only a country adjective ("the top Turkish" in "the top Turkish and
    /// Russian diplomats"): needs an agent from its coordinate.
    pub bare_adjective: bool,
}

impl Member {
    fn empty(start: usize, end: usize) -> Member {
        Member {
            start,
            end,
            country: None,
            igo: None,
            agent: None,
            person: None,
            name_tokens: None,
            anaphor: None,
            prefix: None,
            former: false,
            bare_adjective: false,
        }
    }
    pub fn is_actor(&self) -> bool {
        self.anaphor.is_some() || self.person.is_some() || self.igo.is_some() || self.country.is_some()
    }
}

/// A noun phrase that holds one or more actors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub start: usize,
    pub end: usize,
    pub members: Vec<Member>,
    /// The phrase is a possessor ("Lavrov 's" in "Lavrov's talks"): the noun it
    /// possesses is this token.
    pub possessed: Option<usize>,
    /// The phrase follows a place preposition ("in Moscow"): a place, not an actor.
    pub location: bool,
}

fn lower_is(w: &str, opts: &[&str]) -> bool {
    opts.iter().any(|o| w.eq_ignore_ascii_case(o))
}

fn member_from(dict: &ActorDict, s: &Sentence, start: usize, end: usize, modifiers: bool) -> Option<Member> {
    let mut m = Member::empty(start, end);
    let mut agent_end = None;
    let mut country_end = 0;
    let mut country_modifies = false;
    // Whether "former"/"ex" occurs before `former_scanned` (matches come in text order).
    let (mut former_scanned, mut former_seen) = (start, false);
    for am in s.matches_within(start, end) {
        let e = dict.entity(am.entity);
        match e.kind {
            EntityKind::Country => {
                // A name beats an adjective or a capital; TABARI/PETRARCH keep the phrase's
                // first name ("the evil Arnor awful Gondor" is Arnor).
                // (Two entries for the same words are two readings of one name, not two names.)
                // A name in a hyphenated modifier ("Al Qaeda-linked") is not the phrase's name.
                let first_name_kept =
                    modifiers && matches!(m.country, Some((_, NameForm::Name))) && am.start >= country_end && !country_modifies;
                if m.country.is_none() || (am.form == NameForm::Name && !first_name_kept) {
                    country_end = am.end;
                    country_modifies = s.words.get(am.end).is_some_and(|w| *w == "-");
                    m.country = Some((am.entity, am.form));
                }
            }
            EntityKind::Igo => m.igo = Some(am.entity),
            EntityKind::Agent => {
                // A prefix organisation type stays beside a later agent ("MSF ... diplomat").
                if let Some(prev) = m.agent.filter(|&p| dict.entity(p).prefix && !e.prefix) {
                    m.prefix = Some(prev);
                }
                m.agent = Some(am.entity);
                agent_end = Some(am.end);
                // "former security officials", "ex-ministers".
                while former_scanned < am.start {
                    former_seen |= lower_is(s.words[former_scanned], &["former", "ex", "ex-"]);
                    former_scanned += 1;
                }
                m.former |= former_seen;
            }
            EntityKind::Person => m.person = Some(am.entity),
        }
    }
    let head = (start..end).rev().find(|&i| s.tags[i].xpos.is_noun() || s.tags[i].xpos == Xpos::Prp).unwrap_or(end.saturating_sub(1));
    // A proper name after an agent title that the dictionary does not know.
    if m.person.is_none() {
        if let Some(ae) = agent_end {
            let mut j = ae;
            while j < end && s.tags[j].xpos == Xpos::Nnp && s.matches_at(j).is_empty() {
                j += 1;
            }
            if j == end && j > ae {
                m.name_tokens = Some((ae, j));
            }
        }
    }
    // An IGO adjective on a plain noun ("UN participation", "NATO standards") is no actor.
    if m.igo.is_some() && m.agent.is_none() && m.person.is_none() && m.country.is_none() {
        let igo_is_head = s.matches_at(head).iter().any(|a| dict.entity(a.entity).kind == EntityKind::Igo);
        if !igo_is_head {
            return None;
        }
    }
    if m.agent.is_none() && m.person.is_none() && m.igo.is_none() {
        match m.country {
            Some((_, NameForm::Adjective)) => {
                // A country adjective modifying a plain noun ("Russian concerns") is no
                // actor; one that ends its phrase may take an agent from a coordinate.
                let last_is_adj =
                    s.matches_at(end.saturating_sub(1)).iter().any(|a| a.end == end && dict.entity(a.entity).kind == EntityKind::Country);
                if last_is_adj {
                    m.bare_adjective = true;
                } else if lower_is(s.lemmas[head].as_ref(), PLACE_NOUNS) {
                    // "the Ukrainian city of Kharkiv", "Armenian positions": the country's ground.
                    if let Some((c, _)) = m.country {
                        m.country = Some((c, NameForm::Name));
                    }
                } else {
                    return None;
                }
            }
            Some((_, NameForm::Name | NameForm::Capital | NameForm::Government | NameForm::Demonym)) => {
                // "Armenia", "the Kremlin"; but not a country name used as a modifier
                // of another noun ("the Russia desk").
                let covers_head = s.matches_at(head).iter().any(|a| dict.entity(a.entity).kind == EntityKind::Country);
                // (TABARI/PETRARCH dictionaries expect the modifier to count: "the
                // affected Ithilen villages", "an anti-Gondor parade".)
                if !covers_head && !modifiers {
                    return None;
                }
            }
            _ => {}
        }
    }
    if m.agent.is_some() && m.country.is_none() && m.person.is_none() && m.igo.is_none() {
        m.anaphor = Some(Anaphor::Agent(m.agent.unwrap_or_default()));
    }
    m.is_actor().then_some(m)
}

fn anaphor_of(s: &Sentence, start: usize, end: usize) -> Option<Anaphor> {
    let words = &s.words[start..end];
    if end - start == 1 {
        let w = words[0];
        if lower_is(w, &["he", "she", "him", "her", "his"]) {
            return Some(Anaphor::Singular);
        }
        if lower_is(w, &["they", "them", "we", "their", "our"]) {
            return Some(Anaphor::Plural);
        }
        return None;
    }
    let first = words[0];
    // "the foreign ministers of Russia and Turkey" names its actors.
    if end < s.words.len() && s.words[end].eq_ignore_ascii_case("of") {
        return None;
    }
    if !lower_is(first, &["the", "both", "their", "these"]) {
        return None;
    }
    let head = words[words.len() - 1];
    if lower_is(head, &["countries", "states", "nations", "neighbours", "neighbors"]) {
        return Some(Anaphor::PluralCountries);
    }
    if lower_is(
        head,
        &["parties", "sides", "leaders", "ministers", "presidents", "counterparts", "officials", "governments", "diplomats", "delegations"],
    ) {
        // "the two leaders", "the parties", "both sides"; not "the leaders of X".
        return Some(Anaphor::Plural);
    }
    None
}

/// Build the sentence's actor phrases, in text order.
/// With `modifiers`, an actor name modifying another noun ("the Ithilen villages")
/// makes the phrase an actor, as TABARI/PETRARCH dictionaries expect.
pub fn find_phrases(dict: &ActorDict, s: &Sentence, modifiers: bool) -> Vec<Phrase> {
    let mut phrases: Vec<Phrase> = Vec::new();
    let mut covered = vec![false; s.words.len()];
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for c in s.chunks.iter().filter(|c| c.kind == ChunkKind::Noun) {
        // Extend the chunk to cover matches that cross its edges.
        let mut st = c.start;
        let mut en = c.end;
        // (Matches do not overlap: one crossing each edge at most, and none beyond.)
        for m in s.matches_overlapping(c.start, c.end) {
            st = st.min(m.start);
            en = en.max(m.end);
        }
        // A chunk overlapping the previous span keeps only what lies after it.
        if let Some(&(_, prev_end)) = spans.last() {
            if prev_end >= en {
                continue;
            }
            st = st.max(prev_end);
        }
        spans.push((st, en));
        covered[st..en].iter_mut().for_each(|x| *x = true);
    }
    for m in &s.matches {
        if !covered[m.start..m.end].iter().any(|&x| x) {
            spans.push((m.start, m.end));
            covered[m.start..m.end].iter_mut().for_each(|x| *x = true);
        }
    }
    spans.sort();
    for (st, en) in spans {
        if let Some(a) = anaphor_of(s, st, en) {
            if !s.matches_within(st, en).any(|m| dict.entity(m.entity).kind != EntityKind::Agent) {
                let mut m = Member::empty(st, en);
                m.anaphor = Some(a);
                phrases.push(Phrase { start: st, end: en, members: vec![m], possessed: None, location: false });
                continue;
            }
        }
        // Possessive split: "Turkey 's Mevlut Cavusoglu", "Lavrov 's talks", "his phone call".
        let pos = (st..en).find(|&i| s.tags[i].xpos == Xpos::Pos || (i == st && s.tags[i].xpos == Xpos::PrpS && en > st + 1));
        if let Some(k) = pos {
            let (pst, pen) = if s.tags[k].xpos == Xpos::Pos { (st, k) } else { (k, k + 1) };
            let possessor = if s.tags[k].xpos == Xpos::PrpS {
                anaphor_of(s, k, k + 1).map(|a| {
                    let mut m = Member::empty(k, k + 1);
                    m.anaphor = Some(a);
                    m
                })
            } else {
                member_from(dict, s, pst, pen, modifiers)
            };
            let rest_start = k + 1;
            let rest = if rest_start < en { member_from(dict, s, rest_start, en, modifiers) } else { None };
            match (possessor, rest) {
                (Some(p), Some(mut r)) if r.anaphor.is_none() || matches!(r.anaphor, Some(Anaphor::Agent(_))) => {
                    // "Turkey's foreign minister": the possessor gives the country.
                    // TABARI/PETRARCH read the first actor of the phrase: "Ithilen's minister
                    // Calimehtar" is Ithilen's government, "Arnor's Elrond" is Arnor.
                    if modifiers && p.anaphor.is_none() && (p.country.is_some() || p.igo.is_some()) {
                        r.country = None;
                        r.igo = None;
                        r.person = None;
                    }
                    if r.country.is_none() && r.igo.is_none() && p.anaphor.is_none() {
                        r.country = p.country;
                        r.igo = p.igo;
                        if r.country.is_some() || r.igo.is_some() {
                            r.anaphor = None;
                        }
                    }
                    r.start = if p.anaphor.is_some() { k } else { st };
                    r.end = en;
                    if r.is_actor() {
                        phrases.push(Phrase { start: r.start, end: en, members: vec![r], possessed: None, location: false });
                    }
                }
                (Some(p), _) => {
                    let head =
                        s.chunks.iter().find(|c| c.kind == ChunkKind::Noun && c.start <= k && k < c.end).map(|c| c.head).unwrap_or(en - 1);
                    phrases.push(Phrase { start: p.start, end: p.end, members: vec![p], possessed: Some(head), location: false });
                }
                (None, Some(r)) => phrases.push(Phrase { start: r.start, end: r.end, members: vec![r], possessed: None, location: false }),
                (None, None) => {}
            }
            continue;
        }
        if let Some(m) = member_from(dict, s, st, en, modifiers) {
            phrases.push(Phrase { start: st, end: en, members: vec![m], possessed: None, location: false });
        } else if en - st >= 2 && (st..en).all(|i| s.tags[i].xpos == Xpos::Nnp) {
            // An unknown proper name: kept only if an appositive identifies it.
            let mut m = Member::empty(st, en);
            m.name_tokens = Some((st, en));
            phrases.push(Phrase { start: st, end: en, members: vec![m], possessed: None, location: false });
        }
    }
    merge_appositives(s, &mut phrases);
    merge_coordination(s, &mut phrases);
    phrases.retain(|p| p.members.iter().all(|m| m.is_actor()));
    let mut places: Option<PlaceLists> = None;
    for p in &mut phrases {
        // A capital after a place preposition is the city ("strikes on Kyiv"), coded as
        // its country, not as the government it stands for in "Moscow said".
        if p.start > 0 && s.tags[p.start - 1].xpos == Xpos::In && lower_is(s.words[p.start - 1], CITY_PREPOSITIONS) {
            for m in &mut p.members {
                if let Some((c, NameForm::Capital)) = m.country {
                    m.country = Some((c, NameForm::Name));
                }
            }
        }
        p.location = p.members.iter().all(|m| m.person.is_none() && m.agent.is_none() && m.anaphor.is_none())
            && places.get_or_insert_with(|| PlaceLists::new(s)).after_place_preposition(p.start);
    }
    phrases
}

/// Nouns for a country's ground: a country adjective on them denotes the country.
const PLACE_NOUNS: &[&str] = &[
    "city",
    "town",
    "village",
    "region",
    "province",
    "capital",
    "port",
    "territory",
    "position",
    "positions",
    "border",
    "base",
    "airport",
    "island",
    "coast",
    "area",
    "soil",
    "airspace",
    "waters",
    "outpost",
    "settlement",
    "district",
];

const CITY_PREPOSITIONS: &[&str] =
    &["on", "in", "at", "near", "into", "over", "across", "against", "around", "toward", "towards", "inside", "outside", "from"];

const PLACE_PREPOSITIONS: &[&str] = &["in", "at", "from", "near", "inside", "outside", "across", "throughout", "within", "around", "into"];

/// Whether phrases follow a place preposition, directly or as a later item of a
/// list ("the situation in Iraq, Syria and Libya"). Answers are kept per token, so
/// the items of a long list step over each earlier item once, not once each.
struct PlaceLists<'a, 's> {
    s: &'a Sentence<'s>,
    /// The start of the noun chunk ending at each token, if one does.
    noun_ending_at: Vec<Option<usize>>,
    known: Vec<Option<bool>>,
}

impl<'a, 's> PlaceLists<'a, 's> {
    fn new(s: &'a Sentence<'s>) -> Self {
        let mut noun_ending_at = vec![None; s.words.len() + 1];
        for c in s.chunks.iter().filter(|c| c.kind == ChunkKind::Noun) {
            noun_ending_at[c.end].get_or_insert(c.start);
        }
        PlaceLists { s, noun_ending_at, known: vec![None; s.words.len() + 1] }
    }

    /// Whether the phrase starting at token `start` follows a place preposition.
    fn after_place_preposition(&mut self, start: usize) -> bool {
        let s = self.s;
        let mut visited = Vec::new();
        let mut k = start;
        let answer = loop {
            if let Some(v) = self.known[k] {
                break v;
            }
            if k == 0 {
                break false;
            }
            visited.push(k);
            let prev = s.words[k - 1];
            if s.tags[k - 1].xpos == Xpos::In {
                break lower_is(prev, PLACE_PREPOSITIONS);
            }
            if prev == "," || lower_is(prev, &["and", "or"]) {
                // Step over the previous list item (a noun phrase).
                match self.noun_ending_at[k - 1] {
                    Some(st) => {
                        k = st;
                        continue;
                    }
                    None => break false,
                }
            }
            break false;
        };
        for k in visited {
            self.known[k] = Some(answer);
        }
        answer
    }
}

fn gap_is(s: &Sentence, a: usize, b: usize, opts: &[&[&str]]) -> bool {
    let gap = &s.words[a..b];
    opts.iter().any(|o| o.len() == gap.len() && o.iter().zip(gap).all(|(x, y)| y.eq_ignore_ascii_case(x)))
}

/// Merge appositives ("his Turkish counterpart, Mevlut Cavusoglu"): each phrase is
/// compared with the (possibly merged) one before it.
fn merge_appositives(s: &Sentence, phrases: &mut Vec<Phrase>) {
    let mut out: Vec<Phrase> = Vec::with_capacity(phrases.len());
    for b in phrases.drain(..) {
        if let Some(a) = out.last_mut() {
            if let Some(merged) = appositive(s, a, &b) {
                *a = merged;
                continue;
            }
        }
        out.push(b);
    }
    *phrases = out;
}

/// Phrases `a` and `b` (next to each other) as one phrase, if `b` is `a`'s appositive or
/// the other way round.
fn appositive(s: &Sentence, a: &Phrase, b: &Phrase) -> Option<Phrase> {
    let one = a.members.len() == 1 && b.members.len() == 1 && a.possessed.is_none() && b.possessed.is_none();
    // "UN Secretary-General Antonio Guterres": a title, then a name the dictionary does not know.
    if one && a.end == b.start {
        let (ma, mb) = (a.members[0], b.members[0]);
        let name_only = mb.name_tokens.is_some() && mb.person.is_none() && mb.agent.is_none() && mb.country.is_none() && mb.igo.is_none();
        if name_only && ma.person.is_none() && ma.anaphor.is_none() && (ma.igo.is_some() || ma.agent.is_some()) {
            let merged = Member { end: mb.end, name_tokens: mb.name_tokens, ..ma };
            return Some(Phrase { start: a.start, end: b.end, members: vec![merged], possessed: None, location: false });
        }
    }
    if one && gap_is(s, a.end, b.start, &[&[","]]) {
        let (ma, mb) = (a.members[0], b.members[0]);
        let describes = |x: &Member| x.person.is_none() && x.agent.is_some();
        let names = |x: &Member| x.person.is_some() || (x.name_tokens.is_some() && x.agent.is_none());
        // The appositive must close: a comma, the end, or a verb after it.
        let closes = b.end >= s.words.len() || s.words[b.end] == "," || s.tags[b.end].xpos.is_verb() || s.tags[b.end].xpos.is_punct();
        if closes && ((describes(&ma) && names(&mb)) || (names(&ma) && describes(&mb))) {
            let (desc, name) = if describes(&ma) { (ma, mb) } else { (mb, ma) };
            let merged = Member {
                start: ma.start,
                end: mb.end,
                country: desc.country.or(name.country),
                igo: desc.igo.or(name.igo),
                agent: desc.agent,
                person: name.person,
                name_tokens: name.name_tokens,
                anaphor: None,
                prefix: desc.prefix,
                former: desc.former,
                bare_adjective: false,
            };
            let merged = if merged.country.is_none() && merged.igo.is_none() && merged.person.is_none() {
                Member { anaphor: desc.anaphor, ..merged }
            } else {
                merged
            };
            return Some(Phrase { start: a.start, end: b.end, members: vec![merged], possessed: None, location: false });
        }
    }
    None
}

const AND_OR: &[&[&str]] = &[&["and"], &[",", "and"], &["or"], &[",", "or"]];

/// The phrases [`merge_coordination`] has not reached yet, the nearest last, and for
/// each whether a list ending in "and"/"or" continues after it. Answers are kept, so
/// a list of n items is read once, not once per item.
struct Ahead {
    phrases: Vec<Phrase>,
    list_continues: Vec<Option<bool>>,
}

impl Ahead {
    fn next(&self) -> Option<&Phrase> {
        self.phrases.last()
    }

    fn pop(&mut self) -> Option<Phrase> {
        self.list_continues.pop();
        self.phrases.pop()
    }

    fn push(&mut self, p: Phrase) {
        self.phrases.push(p);
        self.list_continues.push(None);
    }

    /// The phrase `k` places after the next one.
    fn after_next(&self, k: usize) -> Option<&Phrase> {
        self.phrases.len().checked_sub(k + 1).map(|i| &self.phrases[i])
    }

    /// Whether the next phrase is followed by more of a list that ends in "and"/"or"
    /// ("A, B and C"); a bare comma between two actors is no coordination
    /// ("In his call with Erdogan, Putin said").
    fn list_continues_after_next(&mut self, s: &Sentence) -> bool {
        let Some(top) = self.phrases.len().checked_sub(1) else {
            return false;
        };
        let mut k = top;
        let answer = loop {
            if let Some(v) = self.list_continues[k] {
                break v;
            }
            if k == 0 {
                break false;
            }
            let (here, next) = (&self.phrases[k], &self.phrases[k - 1]);
            if gap_is(s, here.end, next.start, AND_OR) {
                break true;
            }
            if !gap_is(s, here.end, next.start, &[&[","]]) {
                break false;
            }
            k -= 1;
        };
        self.list_continues[k..=top].iter_mut().for_each(|v| *v = Some(answer));
        answer
    }
}

/// What coordination needs to know of a phrase's members without reading them all
/// again at each merge: the last agent, which members are bare adjectives, and how
/// many are not named actors or not bare agents.
struct MemberIndex {
    last_agent: Option<EntityId>,
    bare: Vec<usize>,
    not_actors: usize,
    not_agents: usize,
}

/// A member that names its actor (not an anaphor).
fn named_actor(m: &Member) -> bool {
    m.is_actor() && m.anaphor.is_none()
}

/// An agent without a country or person ("officials"): "the foreign ministers of
/// Russia and Turkey", "soldiers from Gondor" take their countries from what follows.
fn bare_agent(m: &Member) -> bool {
    matches!(m.anaphor, Some(Anaphor::Agent(_))) && m.person.is_none()
}

impl MemberIndex {
    fn of(p: &Phrase) -> MemberIndex {
        let mut x = MemberIndex { last_agent: None, bare: Vec::new(), not_actors: 0, not_agents: 0 };
        x.add(&p.members, 0);
        x
    }

    /// Members appended at `offset`.
    fn add(&mut self, members: &[Member], offset: usize) {
        for (k, m) in members.iter().enumerate() {
            if m.agent.is_some() {
                self.last_agent = m.agent;
            }
            if m.bare_adjective {
                self.bare.push(offset + k);
            }
            self.not_actors += usize::from(!named_actor(m));
            self.not_agents += usize::from(!bare_agent(m));
        }
    }
}

/// Append `members` to the last phrase of `done` (which ends at `end` now).
fn absorb(done: &mut [Phrase], index: &mut [MemberIndex], members: &[Member], end: usize) {
    let (Some(a), Some(x)) = (done.last_mut(), index.last_mut()) else {
        return;
    };
    x.add(members, a.members.len());
    a.members.extend_from_slice(members);
    a.end = end;
    a.possessed = None;
    a.location = false;
}

/// Merge coordinated actors ("Lavrov and Cavusoglu", "the foreign ministers of Russia
/// and Turkey"). The phrases up to the current one are in `done` (the current one
/// last), the others in `ahead`: merging pops from a stack instead of shifting a
/// vector, so a list of n actors costs O(n).
fn merge_coordination(s: &Sentence, phrases: &mut Vec<Phrase>) {
    let n = phrases.len();
    let mut ahead = Ahead { phrases: phrases.drain(..).rev().collect(), list_continues: vec![None; n] };
    let mut done: Vec<Phrase> = Vec::with_capacity(n);
    let mut index: Vec<MemberIndex> = Vec::with_capacity(n);
    if let Some(p) = ahead.pop() {
        index.push(MemberIndex::of(&p));
        done.push(p);
    }
    while let (Some(a), Some(x), Some(b)) = (done.last(), index.last(), ahead.next()) {
        // (`a`'s members are counted in `x`, `b` usually has one.)
        let (a_actors, a_agents) = (x.not_actors == 0, x.not_agents == 0);
        let (b_actors, b_agents) = (b.members.iter().all(named_actor), b.members.iter().all(bare_agent));
        if a.possessed.is_some() || b.possessed.is_some() {
            if let Some(p) = ahead.pop() {
                index.push(MemberIndex::of(&p));
                done.push(p);
            }
            continue;
        }
        // "Clerics and lawmakers": coordinated agents stay one phrase, each resolved on its own.
        if a_agents && b_agents && gap_is(s, a.end, b.start, AND_OR) {
            if let Some(b) = ahead.pop() {
                absorb(&mut done, &mut index, &b.members, b.end);
            }
            continue;
        }
        // "the foreign ministers of Russia and Turkey", "soldiers from Gondor", "lawmakers
        // in Fornost": the agent applies to each country.
        if a_agents && gap_is(s, a.end, b.start, &[&["of"], &["from"], &["in"]]) {
            let agents: Vec<_> = a.members.iter().map(|m| (m.agent, m.former, m.prefix)).collect();
            // Take every coordinated country after "of"; "lawmakers and officials in
            // Fornost and Gondor" are each agent of each country.
            let mut taken = 0;
            let mut end = b.end;
            let mut members: Vec<Member> = Vec::new();
            while let Some(p) = ahead.after_next(taken) {
                for &(agent, former, prefix) in &agents {
                    for m in &p.members {
                        if m.country.is_some() && m.agent.is_none() && m.person.is_none() {
                            members.push(Member { agent, former, prefix: prefix.or(m.prefix), ..*m });
                        }
                    }
                }
                end = end.max(p.end);
                taken += 1;
                if !ahead.after_next(taken).is_some_and(|q| gap_is(s, p.end, q.start, &[&["and"], &[","], &[",", "and"]])) {
                    break;
                }
            }
            if !members.is_empty() {
                let start = a.start;
                for _ in 0..taken {
                    ahead.pop();
                }
                let merged = Phrase { start, end, members, possessed: None, location: false };
                done.pop();
                index.pop();
                // The merged phrase may coordinate with the one before it
                // ("Ithilen and the government of Gondor").
                if done.is_empty() {
                    index.push(MemberIndex::of(&merged));
                    done.push(merged);
                } else {
                    ahead.push(merged);
                }
                continue;
            }
        }
        // "Danish media and government": an agent coordinated after a country's agent
        // shares its country.
        let b_agent_only = b.members.len() == 1 && matches!(b.members[0].anaphor, Some(Anaphor::Agent(_)));
        if b_agent_only
            && a.members.len() == 1
            && a.members[0].country.is_some()
            && a.members[0].agent.is_some()
            && a.members[0].person.is_none()
            && gap_is(s, a.end, b.start, &[&["and"], &["or"]])
        {
            let mut m = b.members[0];
            m.country = a.members[0].country;
            m.anaphor = None;
            let end = b.end;
            ahead.pop();
            absorb(&mut done, &mut index, &[m], end);
            continue;
        }
        let gap = (a.end, b.start);
        let joined = gap_is(s, gap.0, gap.1, &[&["and"], &[",", "and"], &["or"], &[",", "or"], &["nor"], &["as", "well", "as"]])
            || (gap_is(s, gap.0, gap.1, &[&[","]]) && ahead.list_continues_after_next(s));
        if a_actors && b_actors && joined {
            if let Some(b) = ahead.pop() {
                absorb(&mut done, &mut index, &b.members, b.end);
            }
            // "the top Turkish and Russian diplomats": the agent is shared.
            if let (Some(a), Some(x)) = (done.last_mut(), index.last_mut()) {
                if let Some(agent) = x.last_agent {
                    for k in x.bare.drain(..) {
                        a.members[k].agent = Some(agent);
                        a.members[k].bare_adjective = false;
                    }
                }
            }
            continue;
        }
        if let Some(p) = ahead.pop() {
            index.push(MemberIndex::of(&p));
            done.push(p);
        }
    }
    done.extend(ahead.phrases.into_iter().rev());
    *phrases = done;
    // Bare adjectives that found no agent are no actors ("Russian" in "Russian concerns").
    for p in phrases.iter_mut() {
        p.members.retain(|m| !m.bare_adjective);
    }
    phrases.retain(|p| !p.members.is_empty());
}

#[cfg(test)]
mod tests {
    use crate::dating::DocDates;
    use crate::pipeline::{Coder, CoderOptions};
    use std::sync::OnceLock;

    fn coder() -> &'static Coder {
        static CODER: OnceLock<Coder> = OnceLock::new();
        CODER.get_or_init(|| Coder::new(&CoderOptions::default()).expect("embedded dictionaries"))
    }

    /// The phrases of a one-sentence text: (tokens, members, location) of each.
    fn phrases(text: &str) -> Vec<(usize, usize, bool)> {
        let a = coder().analyse_text("t", text, DocDates::default());
        assert_eq!(a.phrases.len(), 1, "one sentence: {text:.80}");
        a.phrases[0].iter().map(|p| (p.end - p.start, p.members.len(), p.location)).collect()
    }

    const COUNTRIES: [&str; 5] = ["Russia", "Turkey", "France", "Iran", "Syria"];

    // Long lists, as a scraped tag list or table gives: merging them once cost a scan of
    // the whole list per item (and a shift of every later phrase). The pipeline now codes
    // a sentence in pieces of at most `MAX_SENTENCE_TOKENS` tokens, so the longest list
    // these rules see is one piece: LIST items (two tokens each) fill most of one.
    const LIST: usize = 100;
    const _: () = assert!(2 * LIST + 8 <= crate::pipeline::MAX_SENTENCE_TOKENS, "a list must fit in one coded piece");

    #[test]
    fn a_long_comma_list_ending_in_and_is_one_phrase() {
        let items: Vec<&str> = COUNTRIES.iter().copied().cycle().take(LIST).collect();
        let text = format!("{} and Germany met Iraq.", items.join(", "));
        let got = phrases(&text);
        assert_eq!(got.len(), 2, "the list and Iraq");
        assert_eq!(got[0].1, LIST + 1);
        assert_eq!(got[1], (1, 1, false));
    }

    #[test]
    fn a_long_list_after_in_is_a_place_throughout() {
        let items: Vec<&str> = COUNTRIES.iter().copied().cycle().take(LIST).collect();
        // Without "and", a comma list is no coordination: each item stays a phrase,
        // and each is a place because the list follows "in".
        let got = phrases(&format!("Fighting continued in {}", items.join(", ")));
        assert_eq!(got.len(), LIST);
        assert!(got.iter().all(|&(_, m, loc)| m == 1 && loc));
    }

    #[test]
    fn a_long_coordination_of_adjectives_shares_the_agent() {
        let adjectives = ["Russian", "Turkish", "French", "Iranian"];
        let items: Vec<&str> = adjectives.iter().copied().cycle().take(LIST).collect();
        let text = format!("The {} diplomats met.", items.join(" and "));
        let a = coder().analyse_text("t", &text, DocDates::default());
        assert_eq!(a.phrases.len(), 1, "one coded piece");
        let list = a.phrases[0].iter().max_by_key(|p| p.members.len()).expect("a phrase");
        assert_eq!(list.members.len(), LIST);
        assert!(list.members.iter().all(|m| m.agent.is_some() && !m.bare_adjective), "each adjective takes 'diplomats'");
    }
}
