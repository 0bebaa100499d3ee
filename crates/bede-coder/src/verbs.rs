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
    /// A word of an `%exact-words` file: matches the token as written only.
    ExactWord(String),
    /// Alternatives of an `%exact-words` file.
    ExactAlt(Vec<Vec<String>>),
    /// The target actor phrase.
    Target,
    /// The source actor phrase (`$`).
    Source,
    /// A compound actor phrase whose members act on one another (`%`).
    Compound,
    /// Skip exactly one noun phrase (`^`).
    SkipNp,
    /// Skip 0 to 8 tokens.
    Skip,
    /// The trigger's position (`@`); only while parsing.
    Trigger,
}

/// The null code: a match that yields no event.
pub const NULL_CODE: &str = "---";

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
    /// The code, source → target (`---`: no event).
    pub code: String,
    /// The second code of a pair (`032:033`), target → source.
    pub rev_code: Option<String>,
    /// Elements matched before the trigger (written before `@`), in text order.
    pub before: Vec<Element>,
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
    /// The second code of a default code pair (`032:033`).
    pub default_rev: Option<String>,
    /// The block's file declared `%free-codes`: codes are not checked against CAMEO.
    pub free_codes: bool,
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
    /// Triggers that need fixed words right before them (`wire +tap`): by
    /// lemma, the words (lower case) and the block.
    preceded: FxHashMap<String, Vec<(Vec<String>, u32)>>,
    /// Sentence-level discard phrases.
    pub discards: Vec<Phrase>,
    /// Story-level discard phrases.
    pub story_discards: Vec<Phrase>,
    /// Issue phrases with their issue code.
    pub issues: Vec<(String, Phrase)>,
    /// Phrases that cancel issue coding for a sentence.
    pub issue_ignores: Vec<Phrase>,
}

/// A phrase of a discard or issue list: whole tokens, or stems (`basebal*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub words: Vec<PhraseWord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhraseWord {
    Exact(String),
    Stem(String),
}

impl Phrase {
    fn parse(s: &str) -> Option<Phrase> {
        let mut words = Vec::new();
        for w in s.split_whitespace() {
            match w.strip_suffix('*') {
                Some(stem) if !stem.is_empty() => {
                    // Tokenise the stem too, so "al-qaed*" is `al - qaed*`.
                    let mut ws = self::words(stem);
                    let last = ws.pop()?;
                    words.extend(ws.into_iter().map(PhraseWord::Exact));
                    words.push(PhraseWord::Stem(last));
                }
                _ => words.extend(self::words(w).into_iter().map(PhraseWord::Exact)),
            }
        }
        (!words.is_empty()).then_some(Phrase { words })
    }

    /// Whether the phrase occurs in these lower-case tokens.
    pub fn occurs_in(&self, toks: &[String]) -> bool {
        let n = self.words.len();
        if n > toks.len() {
            return false;
        }
        (0..=toks.len() - n).any(|i| {
            self.words.iter().zip(&toks[i..i + n]).all(|(w, t)| match w {
                PhraseWord::Exact(x) => x == t,
                PhraseWord::Stem(x) => t.starts_with(x.as_str()),
            })
        })
    }
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

/// A code of a `%free-codes` file: 1-8 ASCII letters or digits.
fn is_free_code(s: &str) -> bool {
    (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Parse `CODE` or `CODE:CODE2` (`---` is the null code on either side).
fn parse_code(s: &str, free: bool) -> Result<(String, Option<String>), String> {
    let ok = |c: &str| c == NULL_CODE || if free { is_free_code(c) } else { is_code(c) };
    let (a, b) = match s.split_once(':') {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (s.trim(), None),
    };
    if !ok(a) || b.is_some_and(|b| !ok(b)) {
        let what = if free { "1-8 letters or digits" } else { "a CAMEO code of 2-4 digits (or declare %free-codes)" };
        return Err(format!("bad code {s:?}: expected {what}, or ---, or a pair CODE:CODE"));
    }
    Ok((a.to_string(), b.map(str::to_string)))
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
        let mut free = false;
        let mut exact = false;
        for (i, raw) in text.lines().enumerate() {
            let lineno = i + 1;
            let line = strip_comment(raw).trim();
            if line.is_empty() {
                continue;
            }
            if line == "%free-codes" {
                free = true;
                continue;
            }
            if line == "%exact-words" {
                exact = true;
                continue;
            }
            if let Some((key, val)) = line.split_once(':') {
                let key = key.trim();
                let list = |v: &str| -> Result<Vec<Phrase>, VerbDictError> {
                    let ps: Vec<Phrase> = v.split('|').filter_map(Phrase::parse).collect();
                    if ps.is_empty() {
                        return Err(err(lineno, format!("{key}: lists no phrase")));
                    }
                    Ok(ps)
                };
                match key.split_whitespace().collect::<Vec<_>>().as_slice() {
                    ["discard"] => {
                        self.discards.extend(list(val)?);
                        continue;
                    }
                    ["discard-story"] => {
                        self.story_discards.extend(list(val)?);
                        continue;
                    }
                    ["issue-ignore"] => {
                        self.issue_ignores.extend(list(val)?);
                        continue;
                    }
                    ["issue", code] => {
                        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
                            return Err(err(lineno, format!("bad issue code {code:?}")));
                        }
                        let ps = list(val)?;
                        self.issues.extend(ps.into_iter().map(|p| (code.to_string(), p)));
                        continue;
                    }
                    _ => {}
                }
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
                let mut default_rev = None;
                if let Some(open) = rest.rfind('[') {
                    let close = rest[open..].find(']').ok_or_else(|| err(lineno, "unclosed '[' in block header".into()))? + open;
                    let code = rest[open + 1..close].trim();
                    let (c, r) = parse_code(code, free).map_err(|e| err(lineno, format!("bad default code: {e}")))?;
                    if !rest[close + 1..].trim().is_empty() {
                        return Err(err(lineno, format!("unexpected text after the code: {:?}", rest[close + 1..].trim())));
                    }
                    default_code = Some(c);
                    default_rev = r;
                    rest = rest[..open].trim();
                }
                let (nominal, rest) = match rest.strip_prefix("noun:") {
                    Some(r) => (true, r),
                    None => (false, rest),
                };
                let idx = self.blocks.len() as u32;
                let mut lemmas: Vec<String> = Vec::new();
                for entry in rest.split('|') {
                    // `wire +tap`: the trigger `tap` right after the fixed word(s) `wire`.
                    if let Some(plus) = entry.find('+') {
                        let pre = words(&entry[..plus]);
                        let lemma = words(&entry[plus + 1..]).join(" ");
                        if pre.is_empty() || lemma.is_empty() || nominal {
                            return Err(err(lineno, format!("bad preceded trigger {:?}: write 'word +verb'", entry.trim())));
                        }
                        self.preceded.entry(lemma.clone()).or_default().push((pre.clone(), idx));
                        lemmas.push(format!("{} +{lemma}", pre.join(" ")));
                        continue;
                    }
                    let l = words(entry).join(" ");
                    if !l.is_empty() {
                        lemmas.push(l);
                    }
                }
                if lemmas.is_empty() {
                    return Err(err(lineno, "block header lists no trigger lemma".into()));
                }
                for l in lemmas.iter().filter(|l| !l.contains('+')) {
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
                self.blocks.push(Block {
                    lemmas,
                    nominal,
                    default_code,
                    default_rev,
                    free_codes: free,
                    flags,
                    patterns: Vec::new(),
                    origin: format!("{file}:{lineno}"),
                });
                current = Some(idx as usize);
                continue;
            }
            let b = current.ok_or_else(|| err(lineno, "pattern before any '==' block header".into()))?;
            let (code, pat) = match body.split_once(char::is_whitespace) {
                Some((c, p)) => (c, p.trim()),
                None => (body, ""),
            };
            let (code, rev_code) = parse_code(code, free).map_err(|e| err(lineno, format!("pattern line must start with a code: {e}")))?;
            let mut elements = self.parse_pattern(pat).map_err(|r| err(lineno, r))?;
            if exact {
                for e in &mut elements {
                    *e = match std::mem::replace(e, Element::Skip) {
                        Element::Word(w) => Element::ExactWord(w),
                        Element::Alt(a) => Element::ExactAlt(a),
                        other => other,
                    };
                }
            }
            let before = match elements.iter().position(|e| *e == Element::Trigger) {
                Some(at) => {
                    let after = elements.split_off(at + 1);
                    elements.pop();
                    std::mem::replace(&mut elements, after)
                }
                None => Vec::new(),
            };
            if elements.contains(&Element::Trigger) {
                return Err(err(lineno, "a pattern has at most one '@'".into()));
            }
            let score = |e: &Element| match e {
                Element::Word(_) | Element::ExactWord(_) | Element::Target | Element::Source | Element::Compound => 1,
                Element::Alt(a) | Element::ExactAlt(a) => a.iter().map(|p| p.len()).min().unwrap_or(1),
                Element::Skip | Element::SkipNp | Element::Trigger => 0,
            };
            let specificity = elements.iter().chain(&before).map(score).sum();
            let block_flags = self.blocks[b].flags;
            self.blocks[b].patterns.push(Pattern {
                code,
                rev_code,
                before,
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
                "$" => out.push(Element::Source),
                "%" => out.push(Element::Compound),
                "^" => out.push(Element::SkipNp),
                "@" => out.push(Element::Trigger),
                "*" => out.push(Element::Skip),
                t if t.starts_with('&') => {
                    let set = self.sets.get(&t[1..]).ok_or_else(|| format!("synonym set {t} is not defined (define it before use)"))?;
                    out.push(Element::Alt(set.clone()));
                }
                t if t.contains(['{', '}', '$', '[', ']', '@', '%', '^']) => return Err(format!("unexpected token {t:?} in pattern")),
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

    /// Every code the dictionary uses outside `%free-codes` files (the null
    /// code left out), with where, for validation against the CAMEO table.
    pub fn codes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.blocks.iter().filter(|b| !b.free_codes).flat_map(|b| {
            b.default_code
                .iter()
                .chain(b.default_rev.iter())
                .map(move |c| (c.as_str(), b.origin.as_str()))
                .chain(
                    b.patterns
                        .iter()
                        .flat_map(|p| std::iter::once(p.code.as_str()).chain(p.rev_code.as_deref()).map(move |c| (c, p.origin.as_str()))),
                )
                .filter(|(c, _)| *c != NULL_CODE)
        })
    }

    /// Blocks whose trigger `lemma` must follow fixed words (`wire +tap`).
    pub fn preceded_blocks(&self, lemma: &str) -> &[(Vec<String>, u32)] {
        self.preceded.get(lemma).map(|v| v.as_slice()).unwrap_or(&[])
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
