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
    for am in s.matches.iter().filter(|a| a.start >= start && a.end <= end) {
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
                m.former |= (start..am.start).any(|k| lower_is(s.words[k], &["former", "ex", "ex-"]));
            }
            EntityKind::Person => m.person = Some(am.entity),
        }
    }
    let head = (start..end).rev().find(|&i| s.tags[i].xpos.is_noun() || s.tags[i].xpos == Xpos::Prp).unwrap_or(end.saturating_sub(1));
    // A proper name after an agent title that the dictionary does not know.
    if m.person.is_none() {
        if let Some(ae) = agent_end {
            let mut j = ae;
            while j < end && s.tags[j].xpos == Xpos::Nnp && !s.matches.iter().any(|a| a.start <= j && j < a.end) {
                j += 1;
            }
            if j == end && j > ae {
                m.name_tokens = Some((ae, j));
            }
        }
    }
    // An IGO adjective on a plain noun ("UN participation", "NATO standards") is no actor.
    if m.igo.is_some() && m.agent.is_none() && m.person.is_none() && m.country.is_none() {
        let igo_is_head = s.matches.iter().any(|a| a.start <= head && head < a.end && dict.entity(a.entity).kind == EntityKind::Igo);
        if !igo_is_head {
            return None;
        }
    }
    if m.agent.is_none() && m.person.is_none() && m.igo.is_none() {
        match m.country {
            Some((_, NameForm::Adjective)) => {
                // A country adjective modifying a plain noun ("Russian concerns") is no
                // actor; one that ends its phrase may take an agent from a coordinate.
                let last_is_adj = s.matches.iter().any(|a| a.end == end && dict.entity(a.entity).kind == EntityKind::Country);
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
                let covers_head =
                    s.matches.iter().any(|a| a.start <= head && head < a.end && dict.entity(a.entity).kind == EntityKind::Country);
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
        for m in &s.matches {
            if m.start < en && m.end > st {
                st = st.min(m.start);
                en = en.max(m.end);
            }
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
            if !s.matches.iter().any(|m| m.start >= st && m.end <= en && dict.entity(m.entity).kind != EntityKind::Agent) {
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
        p.location =
            p.members.iter().all(|m| m.person.is_none() && m.agent.is_none() && m.anaphor.is_none()) && after_place_preposition(s, p.start);
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

/// Whether the phrase starting at `start` follows a place preposition, directly
/// or as a later item of a list ("the situation in Iraq, Syria and Libya").
fn after_place_preposition(s: &Sentence, start: usize) -> bool {
    let mut k = start;
    while k > 0 {
        let prev = s.words[k - 1];
        if s.tags[k - 1].xpos == Xpos::In {
            return lower_is(prev, PLACE_PREPOSITIONS);
        }
        if prev == "," || lower_is(prev, &["and", "or"]) {
            // Step over the previous list item (a noun phrase).
            let Some(c) = s.chunks.iter().find(|c| c.kind == ChunkKind::Noun && c.end == k - 1) else {
                return false;
            };
            k = c.start;
            continue;
        }
        return false;
    }
    false
}

fn gap_is(s: &Sentence, a: usize, b: usize, opts: &[&[&str]]) -> bool {
    let gap = &s.words[a..b];
    opts.iter().any(|o| o.len() == gap.len() && o.iter().zip(gap).all(|(x, y)| y.eq_ignore_ascii_case(x)))
}

fn merge_appositives(s: &Sentence, phrases: &mut Vec<Phrase>) {
    let mut i = 0;
    while i + 1 < phrases.len() {
        let (a, b) = (&phrases[i], &phrases[i + 1]);
        let one = a.members.len() == 1 && b.members.len() == 1 && a.possessed.is_none() && b.possessed.is_none();
        // "UN Secretary-General Antonio Guterres": a title, then a name the dictionary does not know.
        if one && a.end == b.start {
            let (ma, mb) = (a.members[0], b.members[0]);
            let name_only =
                mb.name_tokens.is_some() && mb.person.is_none() && mb.agent.is_none() && mb.country.is_none() && mb.igo.is_none();
            if name_only && ma.person.is_none() && ma.anaphor.is_none() && (ma.igo.is_some() || ma.agent.is_some()) {
                let merged = Member { end: mb.end, name_tokens: mb.name_tokens, ..ma };
                phrases[i] = Phrase { start: a.start, end: b.end, members: vec![merged], possessed: None, location: false };
                phrases.remove(i + 1);
                continue;
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
                phrases[i] = Phrase { start: a.start, end: b.end, members: vec![merged], possessed: None, location: false };
                phrases.remove(i + 1);
                continue;
            }
        }
        i += 1;
    }
}

/// Whether phrase `i` is followed by more of a list that ends in "and"/"or"
/// ("A, B and C"); a bare comma between two actors is no coordination
/// ("In his call with Erdogan, Putin said").
fn list_continues(s: &Sentence, phrases: &[Phrase], i: usize) -> bool {
    let Some(next) = phrases.get(i + 1) else {
        return false;
    };
    let here = &phrases[i];
    gap_is(s, here.end, next.start, &[&["and"], &[",", "and"], &["or"], &[",", "or"]])
        || (gap_is(s, here.end, next.start, &[&[","]]) && list_continues(s, phrases, i + 1))
}

fn merge_coordination(s: &Sentence, phrases: &mut Vec<Phrase>) {
    let mut i = 0;
    while i + 1 < phrases.len() {
        let (a, b) = (&phrases[i], &phrases[i + 1]);
        if a.possessed.is_some() || b.possessed.is_some() {
            i += 1;
            continue;
        }
        let all_actor = |p: &Phrase| p.members.iter().all(|m| m.is_actor() && m.anaphor.is_none());
        // "the foreign ministers of Russia and Turkey", "soldiers from Gondor", "lawmakers
        // in Fornost": the agent applies to each country.
        let agents_only = |p: &Phrase| p.members.iter().all(|m| matches!(m.anaphor, Some(Anaphor::Agent(_))) && m.person.is_none());
        // "Clerics and lawmakers": coordinated agents stay one phrase, each resolved on its own.
        if agents_only(a) && agents_only(b) && gap_is(s, a.end, b.start, &[&["and"], &[",", "and"], &["or"], &[",", "or"]]) {
            let mut members = a.members.clone();
            members.extend(b.members.iter().copied());
            let (start, end) = (a.start, b.end);
            phrases[i] = Phrase { start, end, members, possessed: None, location: false };
            phrases.remove(i + 1);
            continue;
        }
        if agents_only(a) && gap_is(s, a.end, b.start, &[&["of"], &["from"], &["in"]]) {
            let agents: Vec<_> = a.members.iter().map(|m| (m.agent, m.former, m.prefix)).collect();
            // Take every coordinated country after "of"; "lawmakers and officials in
            // Fornost and Gondor" are each agent of each country.
            let mut j = i + 1;
            let mut end = b.end;
            let mut members: Vec<Member> = Vec::new();
            loop {
                let p = &phrases[j];
                for &(agent, former, prefix) in &agents {
                    for m in &p.members {
                        if m.country.is_some() && m.agent.is_none() && m.person.is_none() {
                            members.push(Member { agent, former, prefix: prefix.or(m.prefix), ..*m });
                        }
                    }
                }
                end = end.max(p.end);
                if j + 1 < phrases.len() && gap_is(s, p.end, phrases[j + 1].start, &[&["and"], &[","], &[",", "and"]]) {
                    j += 1;
                } else {
                    break;
                }
            }
            if !members.is_empty() {
                let start = a.start;
                phrases.drain(i + 1..=j);
                phrases[i] = Phrase { start, end, members, possessed: None, location: false };
                // The merged phrase may coordinate with the one before it
                // ("Ithilen and the government of Gondor").
                i = i.saturating_sub(1);
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
            let mut members = a.members.clone();
            members.push(m);
            let (start, end) = (a.start, b.end);
            phrases[i] = Phrase { start, end, members, possessed: None, location: false };
            phrases.remove(i + 1);
            continue;
        }
        let joined = gap_is(s, a.end, b.start, &[&["and"], &[",", "and"], &["or"], &[",", "or"], &["nor"], &["as", "well", "as"]])
            || (gap_is(s, a.end, b.start, &[&[","]]) && list_continues(s, phrases, i + 1));
        if all_actor(a) && all_actor(b) && joined {
            let mut members = a.members.clone();
            members.extend(b.members.iter().copied());
            // "the top Turkish and Russian diplomats": the agent is shared.
            if let Some(agent) = members.iter().rev().find_map(|m| m.agent) {
                for m in members.iter_mut().filter(|m| m.bare_adjective) {
                    m.agent = Some(agent);
                    m.bare_adjective = false;
                }
            }
            let (start, end) = (a.start, b.end);
            phrases[i] = Phrase { start, end, members, possessed: None, location: false };
            phrases.remove(i + 1);
            continue;
        }
        i += 1;
    }
    // Bare adjectives that found no agent are no actors ("Russian" in "Russian concerns").
    for p in phrases.iter_mut() {
        p.members.retain(|m| !m.bare_adjective);
    }
    phrases.retain(|p| !p.members.is_empty());
}
