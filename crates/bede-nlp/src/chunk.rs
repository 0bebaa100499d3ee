//! Noun-phrase and verb-group chunks over tagged tokens, with voice and
//! negation of each verb group.
//!
//! Deliberately shallow: chunks never nest and never cross punctuation other
//! than a hyphen or possessive inside a noun phrase. Appositives,
//! coordination and clause attachment are left to the coder, which knows
//! which phrases are actors.

use crate::tags::{PosTag, Xpos};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChunkKind {
    /// A noun phrase: determiners, modifiers, nouns, possessives.
    Noun,
    /// A verb group: modal, auxiliaries, adverbs inside, main verb, particle.
    Verb,
}

/// A chunk over tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    pub kind: ChunkKind,
    pub start: usize,
    pub end: usize,
    /// The head token: the last noun of a noun phrase, the main verb of a verb group.
    pub head: usize,
    /// Verb groups: a form of "be"/"get" before a past participle head.
    pub passive: bool,
    /// Verb groups: "not", "n't", "never", "no longer" inside the group.
    pub negated: bool,
    /// Verb groups: introduced by infinitival "to" ("agreed to develop").
    pub infinitive: bool,
    /// Noun phrases: a bare temporal adjunct ("yesterday", "last week",
    /// "Thursday evening", "two days"), which names a time, not a participant.
    pub temporal: bool,
}

fn is_be(w: &str) -> bool {
    is_one_of(w, &["be", "is", "are", "was", "were", "been", "being", "'s", "'re", "am", "'m", "get", "got", "gets", "getting", "gotten"])
}

fn is_negation(w: &str) -> bool {
    is_one_of(w, &["not", "n't", "never", "n’t"])
}

fn np_tag(t: Xpos) -> bool {
    matches!(
        t,
        Xpos::Dt
            | Xpos::Pdt
            | Xpos::PrpS
            | Xpos::WpS
            | Xpos::Jj
            | Xpos::Jjr
            | Xpos::Jjs
            | Xpos::Nn
            | Xpos::Nns
            | Xpos::Nnp
            | Xpos::Nnps
            | Xpos::Cd
            | Xpos::Pos
            | Xpos::Hyph
            | Xpos::Fw
            | Xpos::Afx
    )
}

/// Is `w` one of `list`, ignoring ASCII case? (No allocation: this runs on
/// every noun-phrase and verb-group token.)
fn is_one_of(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| w.eq_ignore_ascii_case(x))
}

const TIME_NOUNS: &[&str] = &[
    "second",
    "minute",
    "hour",
    "day",
    "night",
    "week",
    "weekend",
    "fortnight",
    "month",
    "year",
    "decade",
    "century",
    "morning",
    "afternoon",
    "evening",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
];
const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const DEICTIC_DAYS: &[&str] = &["yesterday", "today", "tonight", "tomorrow"];

/// Nouns that measure or name time (singular or plural): the heads of temporal adjuncts.
fn is_time_noun(w: &str) -> bool {
    let stem = w.strip_suffix(['s', 'S']).unwrap_or(w);
    is_one_of(w, TIME_NOUNS) || is_one_of(stem, TIME_NOUNS) || is_one_of(w, WEEKDAYS) || is_one_of(stem, WEEKDAYS)
}

/// A word that can head a temporal adjunct: a time noun or "yesterday" and the like.
fn is_time_word(w: &str) -> bool {
    is_time_noun(w) || is_one_of(w, DEICTIC_DAYS)
}

/// Does a bare temporal adjunct start at `j` ("yesterday", "Thursday", "last
/// week", "this month", "two days later", "a year ago")? After a noun it is not
/// part of the noun phrase: "criticized Japan yesterday" has the object "Japan",
/// not a phrase headed by "yesterday".
fn starts_temporal_adjunct(words: &[&str], tags: &[PosTag], j: usize) -> bool {
    let w = words[j];
    // "yesterday" and the like in lower case only: "USA Today" and "Japan Today" are newspapers.
    if DEICTIC_DAYS.contains(&w) || is_one_of(w, WEEKDAYS) {
        return true;
    }
    let next_is_time = words.get(j + 1).is_some_and(|w| is_time_noun(w));
    if is_one_of(w, &["last", "next", "this", "that", "every", "each", "early", "late", "earlier", "later"]) {
        return next_is_time;
    }
    // "two days later", "a week ago", "three years earlier".
    let counts = tags[j].xpos == Xpos::Cd || is_one_of(w, &["a", "an", "one", "several", "few", "some"]);
    counts && next_is_time && words.get(j + 2).is_some_and(|w| is_one_of(w, &["later", "ago", "earlier", "before", "after"]))
}

fn np_head(t: Xpos) -> bool {
    t.is_noun() || matches!(t, Xpos::Cd | Xpos::Prp | Xpos::Fw)
}

/// Chunk one sentence. `words` and `tags` have equal length.
pub fn chunk(words: &[&str], tags: &[PosTag], out: &mut Vec<Chunk>) {
    out.clear();
    let n = words.len().min(tags.len());
    let x = |i: usize| tags[i].xpos;
    let mut i = 0;
    while i < n {
        let t = x(i);
        // Personal pronouns are noun phrases of their own.
        if t == Xpos::Prp || t == Xpos::Ex {
            out.push(Chunk {
                kind: ChunkKind::Noun,
                start: i,
                end: i + 1,
                head: i,
                passive: false,
                negated: false,
                infinitive: false,
                temporal: false,
            });
            i += 1;
            continue;
        }
        if np_tag(t) && t != Xpos::Pos && t != Xpos::Hyph {
            let start = i;
            let mut j = i;
            let mut head = None;
            while j < n {
                let tj = x(j);
                if j > start && x(j - 1).is_noun() && starts_temporal_adjunct(words, tags, j) {
                    break;
                }
                let ok = if tj == Xpos::Hyph || tj == Xpos::Pos {
                    j > start && j + 1 < n && (np_tag(x(j + 1)) || x(j + 1).is_verb())
                } else if tj == Xpos::Cc {
                    // "awful and evil minister": coordinated lower-case adjectives inside the
                    // phrase. Capitalised ones ("Russian and Turkish diplomats") may name
                    // different actors; the coder coordinates those.
                    let lower_adj = |k: usize| x(k).is_adjective() && words[k].chars().next().is_some_and(char::is_lowercase);
                    j > start && j + 2 < n && lower_adj(j - 1) && lower_adj(j + 1) && (x(j + 2).is_noun() || x(j + 2).is_adjective())
                } else if matches!(tj, Xpos::Vbn | Xpos::Vbg) {
                    // "the ongoing hostilities", "Turkish-backed fighters": a participle
                    // inside a noun phrase, followed by more of it.
                    j > start && j + 1 < n && (x(j + 1).is_noun() || x(j + 1).is_adjective()) || (j > start && x(j - 1) == Xpos::Hyph)
                } else {
                    np_tag(tj)
                };
                if !ok {
                    break;
                }
                if np_head(tj) {
                    head = Some(j);
                }
                j += 1;
            }
            // Trailing possessive or hyphen never ends a phrase.
            while j > start + 1 && matches!(x(j - 1), Xpos::Hyph | Xpos::Pos) {
                j -= 1;
            }
            let head = head.filter(|&h| h < j).unwrap_or(j - 1);
            let temporal = starts_temporal_adjunct(words, tags, start) && is_time_word(words[head]);
            out.push(Chunk { kind: ChunkKind::Noun, start, end: j, head, passive: false, negated: false, infinitive: false, temporal });
            i = j.max(start + 1);
            continue;
        }
        let starts_vg = t.is_verb() || t == Xpos::Md || (t == Xpos::To && i + 1 < n && x(i + 1) == Xpos::Vb);
        if starts_vg {
            let start = i;
            let infinitive = t == Xpos::To;
            let mut j = if infinitive { i + 1 } else { i };
            let mut head = j;
            let mut negated = false;
            while j < n {
                let tj = x(j);
                if tj.is_verb() || tj == Xpos::Md {
                    head = j;
                } else if tj.is_adverb() || is_negation(words[j]) {
                    // Adverbs count only when a verb follows inside the group.
                    let mut k = j;
                    while k < n && (x(k).is_adverb() || is_negation(words[k])) {
                        k += 1;
                    }
                    if k < n && x(k).is_verb() {
                        negated |= (j..k).any(|m| is_negation(words[m]));
                        j = k;
                        continue;
                    }
                    break;
                } else {
                    break;
                }
                j += 1;
            }
            // A particle right after the main verb belongs to it ("carried out").
            if j < n && x(j) == Xpos::Rp {
                j += 1;
            }
            let passive = x(head) == Xpos::Vbn && (start..head).any(|k| is_be(words[k]));
            out.push(Chunk { kind: ChunkKind::Verb, start, end: j, head, passive, negated, infinitive, temporal: false });
            i = j.max(start + 1);
            continue;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::Upos;

    fn tagged(s: &str) -> (Vec<&str>, Vec<PosTag>) {
        let mut w = Vec::new();
        let mut t = Vec::new();
        for pair in s.split(' ') {
            let (a, b) = pair.rsplit_once('/').unwrap();
            w.push(a);
            t.push(PosTag { upos: Upos::X, xpos: Xpos::parse(b).unwrap() });
        }
        (w, t)
    }

    fn show(s: &str) -> Vec<String> {
        let (w, t) = tagged(s);
        let mut out = Vec::new();
        chunk(&w, &t, &mut out);
        out.iter()
            .map(|c| {
                let mut s = format!("{:?}[{}]", c.kind, w[c.start..c.end].join(" "));
                if c.passive {
                    s.push_str("+pass");
                }
                if c.negated {
                    s.push_str("+neg");
                }
                if c.infinitive {
                    s.push_str("+inf");
                }
                if c.temporal {
                    s.push_str("+time");
                }
                s
            })
            .collect()
    }

    #[test]
    fn noun_phrases_and_verb_groups() {
        assert_eq!(
            show("The/DT foreign/JJ ministers/NNS of/IN Russia/NNP again/RB spoke/VBD by/IN phone/NN"),
            ["Noun[The foreign ministers]", "Noun[Russia]", "Verb[spoke]", "Noun[phone]"]
        );
        assert_eq!(
            show("Turkey/NNP 's/POS Mevlut/NNP Cavusoglu/NNP has/VBZ not/RB yet/RB agreed/VBN to/TO meet/VB"),
            ["Noun[Turkey 's Mevlut Cavusoglu]", "Verb[has not yet agreed]+neg", "Verb[to meet]+inf"]
        );
        assert_eq!(
            show("the/DT deal/NN was/VBD brokered/VBN by/IN Moscow/NNP"),
            ["Noun[the deal]", "Verb[was brokered]+pass", "Noun[Moscow]"]
        );
        assert_eq!(show("Turkish/JJ -/HYPH backed/VBN fighters/NNS"), ["Noun[Turkish - backed fighters]"]);
    }

    #[test]
    fn a_temporal_adjunct_after_a_noun_is_a_phrase_of_its_own() {
        assert_eq!(show("criticized/VBD Japan/NNP yesterday/NN"), ["Verb[criticized]", "Noun[Japan]", "Noun[yesterday]+time"]);
        assert_eq!(show("met/VBD Japan/NNP Thursday/NNP"), ["Verb[met]", "Noun[Japan]", "Noun[Thursday]+time"]);
        assert_eq!(show("met/VBD the/DT minister/NN last/JJ week/NN"), ["Verb[met]", "Noun[the minister]", "Noun[last week]+time"]);
        assert_eq!(show("met/VBD Japan/NNP two/CD days/NNS later/RB"), ["Verb[met]", "Noun[Japan]", "Noun[two days]+time"]);
        assert_eq!(
            show("the/DT judge/NN Thursday/NNP evening/NN approved/VBD"),
            ["Noun[the judge]", "Noun[Thursday evening]+time", "Verb[approved]"]
        );
        // A phrase about something else that starts with a time stays a participant.
        assert_eq!(show("last/JJ week/NN 's/POS meeting/NN"), ["Noun[last week 's meeting]"]);
        // Not adjuncts: a phrase that starts with them, a name, a count of things.
        assert_eq!(show("the/DT last/JJ week/NN"), ["Noun[the last week]"]);
        assert_eq!(show("USA/NNP Today/NNP reported/VBD"), ["Noun[USA Today]", "Verb[reported]"]);
        assert_eq!(show("sent/VBD Armenia/NNP two/CD tanks/NNS"), ["Verb[sent]", "Noun[Armenia two tanks]"]);
    }
}
