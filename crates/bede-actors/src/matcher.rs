//! Leftmost-longest matching of dictionary names against a sentence's tokens.
//!
//! Names are stored under their folded token sequence (lower case, common
//! diacritics removed, joined by single spaces), together with every proper
//! prefix, so a scan from a token stops as soon as no name can continue.

use crate::dict::{fold_char, ActorDict, EntityId, NameForm};
use rustc_hash::FxHashMap;

/// A name found in a sentence: tokens `start..end` denote `entity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorMatch {
    pub start: usize,
    pub end: usize,
    pub entity: EntityId,
    pub form: NameForm,
}

#[derive(Default)]
struct Node {
    /// Indices into the dictionary's names that end here.
    names: Vec<u32>,
    /// Whether some longer name continues this sequence.
    prefix: bool,
}

/// The compiled matcher for one [`ActorDict`].
pub struct ActorMatcher {
    nodes: FxHashMap<Box<str>, Node>,
}

/// Per-call working memory, reusable across sentences.
#[derive(Default)]
pub struct Scratch {
    folded: String,
    bounds: Vec<(usize, usize)>,
    key: String,
    exact: String,
}

impl ActorMatcher {
    pub fn new(dict: &ActorDict) -> ActorMatcher {
        let mut nodes: FxHashMap<Box<str>, Node> = FxHashMap::default();
        for (i, n) in dict.names.iter().enumerate() {
            let mut pos = 0;
            while let Some(sp) = n.key[pos..].find(' ') {
                let prefix = &n.key[..pos + sp];
                nodes.entry(prefix.into()).or_default().prefix = true;
                pos += sp + 1;
            }
            nodes.entry(n.key.as_str().into()).or_default().names.push(i as u32);
        }
        ActorMatcher { nodes }
    }

    /// Find names in `words` (a sentence's token texts), leftmost-longest,
    /// appending to `out`. Several entities may share one span (a name that is
    /// both a country name and an adjective, say): each gives a match.
    pub fn find(&self, dict: &ActorDict, words: &[&str], scratch: &mut Scratch, out: &mut Vec<ActorMatch>) {
        let Scratch { folded, bounds, key, exact } = scratch;
        folded.clear();
        bounds.clear();
        for w in words {
            let s = folded.len();
            for c in w.chars() {
                fold_char(c, folded);
            }
            bounds.push((s, folded.len()));
        }
        let mut i = 0;
        while i < words.len() {
            key.clear();
            let mut best: Option<(usize, &Node)> = None;
            for j in i..words.len() {
                if j > i {
                    key.push(' ');
                }
                let (s, e) = bounds[j];
                key.push_str(&folded[s..e]);
                let Some(node) = self.nodes.get(key.as_str()) else {
                    break;
                };
                if !node.names.is_empty() {
                    let ok = node.names.iter().any(|&n| {
                        dict.names[n as usize].exact.as_deref().is_none_or(|x| {
                            exact.clear();
                            for (k, w) in words[i..=j].iter().enumerate() {
                                if k > 0 {
                                    exact.push(' ');
                                }
                                exact.push_str(w);
                            }
                            x == exact.as_str()
                        })
                    });
                    if ok {
                        best = Some((j + 1, node));
                    }
                }
                if !node.prefix {
                    break;
                }
            }
            match best {
                Some((end, node)) => {
                    // Duplicates can only be among this span's own matches: checking
                    // those alone keeps the scan linear in the sentence length.
                    let first_here = out.len();
                    for &n in &node.names {
                        let ne = &dict.names[n as usize];
                        if let Some(x) = &ne.exact {
                            exact.clear();
                            for (k, w) in words[i..end].iter().enumerate() {
                                if k > 0 {
                                    exact.push(' ');
                                }
                                exact.push_str(w);
                            }
                            if x != exact {
                                continue;
                            }
                        }
                        if !out[first_here..].iter().any(|m| m.entity == ne.entity && m.form == ne.form) {
                            out.push(ActorMatch { start: i, end, entity: ne.entity, form: ne.form });
                        }
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict() -> ActorDict {
        let mut d = ActorDict::default();
        d.load_str(
            "t.txt",
            "country RUS \"Russia\"\n  names: Russia\n  adjectives: Russian\ncountry USA \"United States\"\n  names: US | United States\n\
             agent GOV foreign-minister \"foreign minister\"\n  names: foreign minister\n\
             person \"Recep Tayyip Erdogan\"\n  names: Recep Tayyip Erdogan | Erdogan\n",
        )
        .unwrap();
        d
    }

    fn find(d: &ActorDict, m: &ActorMatcher, s: &str) -> Vec<(String, NameForm)> {
        let words: Vec<&str> = s.split(' ').collect();
        let mut out = Vec::new();
        m.find(d, &words, &mut Scratch::default(), &mut out);
        out.iter().map(|x| (words[x.start..x.end].join(" "), x.form)).collect()
    }

    #[test]
    fn longest_match_wins_and_case_rules_hold() {
        let d = dict();
        let m = ActorMatcher::new(&d);
        let got = find(&d, &m, "Russian Foreign Minister met Recep Tayyip Erdoğan and the US");
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["Russian", "Foreign Minister", "Recep Tayyip Erdoğan", "US"]);
        assert!(find(&d, &m, "they told us so").is_empty(), "the pronoun 'us' is not the United States");
        assert_eq!(find(&d, &m, "foreign ministers")[0].1, NameForm::Plural);
        assert!(find(&d, &m, "Recep Tayyip").is_empty());
    }

    #[test]
    fn a_long_run_of_names_gives_each_its_matches() {
        // A 100,000-token "sentence" of names (scraped tag clouds, lists): every
        // occurrence is found once, and the scan stays linear (it once compared each
        // new match with all earlier ones).
        let mut d = dict();
        d.load_str("u.txt", "country GBR \"United Kingdom\"\n  names: Georgia\ncountry GEO \"Georgia\"\n  names: Georgia\n").unwrap();
        let m = ActorMatcher::new(&d);
        let words: Vec<&str> = ["Russia", "Georgia", "Erdogan", "United", "States"].iter().copied().cycle().take(100_000).collect();
        let mut out = Vec::new();
        m.find(&d, &words, &mut Scratch::default(), &mut out);
        // Per cycle: Russia, Georgia (two entities), Erdogan, United States.
        assert_eq!(out.len(), 100_000 / 5 * 5);
        assert!(out.windows(2).all(|w| w[0].start <= w[1].start && w[0].end <= w[1].end));
        let at = |k: usize| out.iter().filter(|x| x.start == k).count();
        assert_eq!((at(0), at(1), at(2), at(3), at(5)), (1, 2, 1, 1, 1));
        assert_eq!(out.iter().filter(|x| x.start == 3).map(|x| x.end).next(), Some(5));
    }
}
