//! The verb-pattern dictionary: our own format (see `dict/FORMAT.md`),
//! parsed into blocks of patterns keyed by trigger lemma.

use rustc_hash::FxHashMap;
use std::fmt;

/// The default verb dictionary files, embedded at build time.
pub const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_verbs.rs"));

/// One element of a pattern, matched against the tokens after the trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// A literal word (surface or lemma, lower case).
    Word(String),
    /// One of several phrases (each a sequence of lower-case words).
    Alt(Vec<Vec<String>>),
    /// The target actor phrase.
    Target,
    /// Skip 0 to 8 tokens.
    Skip,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    pub recip: bool,
    pub solo: bool,
    pub accuse_complement: bool,
    pub report: bool,
    pub deny_complement: bool,
}

impl Flags {
    pub fn merge(self, o: Flags) -> Flags {
        Flags {
            recip: self.recip || o.recip,
            solo: self.solo || o.solo,
            accuse_complement: self.accuse_complement || o.accuse_complement,
            report: self.report || o.report,
            deny_complement: self.deny_complement || o.deny_complement,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub code: String,
    pub elements: Vec<Element>,
    pub flags: Flags,
    /// Literal words plus slots: more specific patterns win.
    pub specificity: usize,
    /// `file:line: text`, shown as the event's evidence.
    pub origin: String,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub lemmas: Vec<String>,
    pub nominal: bool,
    pub default_code: Option<String>,
    pub flags: Flags,
    pub patterns: Vec<Pattern>,
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbDictError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for VerbDictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}
impl std::error::Error for VerbDictError {}

/// All blocks, indexed by trigger lemma (one word, or several joined by spaces).
#[derive(Debug, Clone, Default)]
pub struct VerbDict {
    pub blocks: Vec<Block>,
    verbs: FxHashMap<String, Vec<u32>>,
    nouns: FxHashMap<String, Vec<u32>>,
    /// The last word of every nominal trigger, to skip most nouns at once.
    noun_last_words: rustc_hash::FxHashSet<String>,
    sets: FxHashMap<String, Vec<Vec<String>>>,
    /// Longest nominal trigger, in words.
    pub max_noun_words: usize,
    /// Longest verbal trigger, in words (phrasal lemmas like "touch upon").
    pub max_verb_words: usize,
}

fn strip_comment(line: &str) -> &str {
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'#' && (i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\t') {
            return &line[..i];
        }
    }
    line
}

fn is_code(s: &str) -> bool {
    (2..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Split a dictionary phrase into lower-case words exactly as sentences are
/// tokenised, so "cease-fire" is `cease - fire` but "co-operation" one word.
fn words(s: &str) -> Vec<String> {
    let mut toks = Vec::new();
    bede_nlp::tokenize(s, &mut toks);
    toks.iter().map(|t| s[t.start as usize..t.end as usize].to_lowercase()).collect()
}

fn parse_flags(s: &str) -> Result<Flags, String> {
    let mut f = Flags::default();
    for w in s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()) {
        match w {
            "recip" => f.recip = true,
            "solo" => f.solo = true,
            "accuse-complement" => f.accuse_complement = true,
            "report" => f.report = true,
            "deny-complement" => f.deny_complement = true,
            _ => return Err(format!("unknown flag {w:?}")),
        }
    }
    Ok(f)
}

impl VerbDict {
    pub fn embedded() -> Result<VerbDict, VerbDictError> {
        let mut d = VerbDict::default();
        for (file, text) in EMBEDDED {
            d.load_str(file, text)?;
        }
        Ok(d)
    }

    pub fn load_dir(&mut self, dir: &std::path::Path) -> Result<(), VerbDictError> {
        let err = |reason: String| VerbDictError { file: dir.display().to_string(), line: 0, reason };
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| err(format!("cannot read directory: {e}")))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let name = f.display().to_string();
            let text = std::fs::read_to_string(&f).map_err(|e| VerbDictError {
                file: name.clone(),
                line: 0,
                reason: format!("cannot read: {e}"),
            })?;
            self.load_str(&name, &text)?;
        }
        Ok(())
    }

    pub fn load_str(&mut self, file: &str, text: &str) -> Result<(), VerbDictError> {
        let err = |line: usize, reason: String| VerbDictError { file: file.to_string(), line, reason };
        let mut current: Option<usize> = None;
        for (i, raw) in text.lines().enumerate() {
            let lineno = i + 1;
            let line = strip_comment(raw).trim();
            if line.is_empty() {
                continue;
            }
            if let Some(rest) = line.strip_prefix('&') {
                let (name, val) = rest.split_once('=').ok_or_else(|| err(lineno, "synonym set needs '&NAME = a | b'".into()))?;
                let name = name.trim();
                if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                    return Err(err(lineno, format!("bad synonym set name {name:?}")));
                }
                let phrases: Vec<Vec<String>> = val.split('|').map(words).filter(|p| !p.is_empty()).collect();
                if phrases.is_empty() {
                    return Err(err(lineno, format!("synonym set &{name} is empty")));
                }
                self.sets.entry(name.to_string()).or_default().extend(phrases);
                continue;
            }
            let (body, flags) = match line.split_once(';') {
                Some((b, f)) => (b.trim(), parse_flags(f).map_err(|r| err(lineno, r))?),
                None => (line, Flags::default()),
            };
            if let Some(rest) = body.strip_prefix("==") {
                let mut rest = rest.trim();
                let mut default_code = None;
                if let Some(open) = rest.rfind('[') {
                    let close = rest[open..].find(']').ok_or_else(|| err(lineno, "unclosed '[' in block header".into()))? + open;
                    let code = rest[open + 1..close].trim();
                    if !is_code(code) {
                        return Err(err(lineno, format!("bad default code {code:?}")));
                    }
                    if !rest[close + 1..].trim().is_empty() {
                        return Err(err(lineno, format!("unexpected text after the code: {:?}", rest[close + 1..].trim())));
                    }
                    default_code = Some(code.to_string());
                    rest = rest[..open].trim();
                }
                let (nominal, rest) = match rest.strip_prefix("noun:") {
                    Some(r) => (true, r),
                    None => (false, rest),
                };
                let lemmas: Vec<String> = rest.split('|').map(|l| words(l).join(" ")).filter(|l| !l.is_empty()).collect();
                if lemmas.is_empty() {
                    return Err(err(lineno, "block header lists no trigger lemma".into()));
                }
                let idx = self.blocks.len() as u32;
                for l in &lemmas {
                    let n = l.split(' ').count();
                    if nominal {
                        self.max_noun_words = self.max_noun_words.max(n);
                        self.noun_last_words.insert(l.rsplit(' ').next().unwrap_or(l).to_string());
                        self.nouns.entry(l.clone()).or_default().push(idx);
                    } else {
                        self.max_verb_words = self.max_verb_words.max(n);
                        self.verbs.entry(l.clone()).or_default().push(idx);
                    }
                }
                self.blocks.push(Block { lemmas, nominal, default_code, flags, patterns: Vec::new(), origin: format!("{file}:{lineno}") });
                current = Some(idx as usize);
                continue;
            }
            let b = current.ok_or_else(|| err(lineno, "pattern before any '==' block header".into()))?;
            let (code, pat) = match body.split_once(char::is_whitespace) {
                Some((c, p)) => (c, p.trim()),
                None => (body, ""),
            };
            if !is_code(code) {
                return Err(err(lineno, format!("pattern line must start with a CAMEO code, got {code:?}")));
            }
            let elements = self.parse_pattern(pat).map_err(|r| err(lineno, r))?;
            let specificity = elements
                .iter()
                .map(|e| match e {
                    Element::Word(_) | Element::Target => 1,
                    Element::Alt(a) => a.iter().map(|p| p.len()).min().unwrap_or(1),
                    Element::Skip => 0,
                })
                .sum();
            let block_flags = self.blocks[b].flags;
            self.blocks[b].patterns.push(Pattern {
                code: code.to_string(),
                elements,
                flags: flags.merge(block_flags),
                specificity,
                origin: format!("{file}:{lineno}: {}", line),
            });
        }
        Ok(())
    }

    fn parse_pattern(&self, pat: &str) -> Result<Vec<Element>, String> {
        let mut out = Vec::new();
        let mut rest = pat.trim();
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('{') {
                let close = r.find('}').ok_or("unclosed '{'")?;
                let alts: Vec<Vec<String>> = r[..close].split('|').map(words).filter(|a| !a.is_empty()).collect();
                if alts.is_empty() {
                    return Err("empty '{}' alternatives".into());
                }
                out.push(Element::Alt(alts));
                rest = r[close + 1..].trim_start();
                continue;
            }
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let tok = &rest[..end];
            rest = rest[end..].trim_start();
            match tok {
                "+" => out.push(Element::Target),
                "*" => out.push(Element::Skip),
                t if t.starts_with('&') => {
                    let set = self.sets.get(&t[1..]).ok_or_else(|| format!("synonym set {t} is not defined (define it before use)"))?;
                    out.push(Element::Alt(set.clone()));
                }
                t if t.contains(['{', '}', '$', '[', ']']) => return Err(format!("unexpected token {t:?} in pattern")),
                t => out.extend(words(t).into_iter().map(Element::Word)),
            }
        }
        Ok(out)
    }

    pub fn verb_blocks(&self, lemma: &str) -> &[u32] {
        self.verbs.get(lemma).map(|v| v.as_slice()).unwrap_or(&[])
    }

    pub fn noun_blocks(&self, lemma: &str) -> &[u32] {
        self.nouns.get(lemma).map(|v| v.as_slice()).unwrap_or(&[])
    }

    /// Whether some nominal trigger ends with this (lower-case) word.
    pub fn ends_noun_trigger(&self, word: &str) -> bool {
        self.noun_last_words.contains(word)
    }

    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }

    /// Every code the dictionary uses, with where, for validation against the CAMEO table.
    pub fn codes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.blocks.iter().flat_map(|b| {
            b.default_code
                .iter()
                .map(move |c| (c.as_str(), b.origin.as_str()))
                .chain(b.patterns.iter().map(|p| (p.code.as_str(), p.origin.as_str())))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_blocks_sets_and_flags() {
        let mut d = VerbDict::default();
        d.load_str(
            "v.txt",
            "&TRUCE = ceasefire | cease-fire | truce\n== accuse | charge [112]\n112 + of\n111 + of * {war crimes|abuses} ; solo\n== noun: phone call | talks [041] ; recip\n041 with +\n== violate [196] ; solo\n196 &TRUCE\n",
        )
        .unwrap();
        assert_eq!(d.blocks.len(), 3);
        assert_eq!(d.verb_blocks("charge"), &[0]);
        assert_eq!(d.noun_blocks("phone call"), &[1]);
        assert_eq!(d.max_noun_words, 2);
        let p = &d.blocks[0].patterns[1];
        assert_eq!(p.specificity, 3, "+, of, and the shortest alternative");
        assert!(p.flags.solo);
        assert!(d.blocks[1].patterns[0].flags.recip, "block flags apply to its patterns");
        match &d.blocks[2].patterns[0].elements[0] {
            Element::Alt(a) => {
                assert!(a.contains(&vec!["truce".to_string()]));
                assert!(a.contains(&vec!["cease".to_string(), "-".into(), "fire".into()]))
            }
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn errors_name_line_and_reason() {
        let mut d = VerbDict::default();
        let e = d.load_str("v.txt", "== meet [040]\n040 with &NOPE\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.reason.contains("not defined"));
        let e = d.load_str("v.txt", "040 + \n").unwrap_err();
        assert!(e.reason.contains("before any"));
        let e = d.load_str("v.txt", "== meet [04x]\n").unwrap_err();
        assert!(e.reason.contains("bad default code"));
        let e = d.load_str("v.txt", "== meet\n040 + ; sometimes\n").unwrap_err();
        assert!(e.reason.contains("unknown flag"));
    }

    #[test]
    fn embedded_dictionary_loads() {
        let d = VerbDict::embedded().unwrap();
        assert!(d.blocks.is_empty() || d.pattern_count() > 0);
    }
}
