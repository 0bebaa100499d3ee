//! PETRARCH verb dictionaries (TABARI-style and PETRARCH-2-style patterns) → a Bede verb file.
//!
//! - Synonym sets `&NAME` + `+PHRASE` lines → `&NAME = phrase | phrase`, with PETRARCH's regular
//!   plurals written out unless the phrase or the label ends in `_`; `+&OTHER` members are
//!   expanded in place.
//! - A block `--- DESCRIPTION [CODE] ---` with its verb lines and `- pattern [CODE]` lines →
//!   `== lemma | lemma [CODE]` and `CODE  pattern` lines; verbs with their own code get their
//!   own Bede block with the same patterns. `+CORDON_OFF` is the phrasal lemma `cordon off`,
//!   `WIRE_+TAP` the preceded trigger `wire +tap`; irregular forms in `{...}` are extra lemmas.
//! - Pattern elements: `*` (the verb) → `@`; a blank between two elements → a Bede skip `*`;
//!   `_` (and the words of a `{...}` noun phrase) → consecutive (`_ ` counts as a blank, as in
//!   PETRARCH); `(PREP NOUN)` phrases are
//!   linearised like blank-separated words; `+ $ % ^ &SET` keep their meaning.
//! - Transformations (`~ ...`) have no Bede equivalent and are reported.

use super::text::{clean_lines, petrarch_plural, phrase_words, take_brackets, verb_code, Diags};
use super::ImportStats;
use std::collections::HashMap;
use std::fmt::Write;

struct Synset {
    name: String,
    line: usize,
    no_plurals: bool,
    phrases: Vec<String>,
}

/// A verb's own code: absent (the block's), or its own (possibly null).
type OwnCode = Option<Option<String>>;

struct Block {
    line: usize,
    description: String,
    code: Option<String>,
    /// Lemmas and own code of each verb line.
    verbs: Vec<(Vec<String>, OwnCode)>,
    /// (code, Bede pattern, PETRARCH line)
    patterns: Vec<(String, String, usize)>,
}

#[derive(PartialEq)]
enum Mode {
    Top,
    Synset(usize),
    /// A synset that is not converted: its member lines are ignored.
    BadSynset,
    Block,
}

/// Convert a PETRARCH verb file; returns the Bede verb file's body.
pub(crate) fn convert(text: &str, d: &mut Diags, stats: &mut ImportStats) -> String {
    let mut sets: Vec<Synset> = Vec::new();
    let mut set_index: HashMap<String, usize> = HashMap::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut mode = Mode::Top;
    for line in clean_lines(text, d) {
        let no = line.no;
        let t = line.text.trim();
        if t.contains("---STOP---") {
            break;
        }
        if t.starts_with("---") {
            blocks.push(header(t, no, d));
            mode = Mode::Block;
        } else if t.starts_with('~') {
            d.skip(no, "transformation not supported (Bede has no verb-verb transformations): line skipped");
        } else if let Some(label) = t.strip_prefix('&') {
            let label = label.split_whitespace().next().unwrap_or("");
            let no_plurals = label.ends_with('_');
            let name = label.trim_end_matches('_');
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                d.skip(no, format!("synonym set name &{label} is not usable in Bede (letters, digits, _): set and its phrases skipped"));
                mode = Mode::BadSynset;
                continue;
            }
            let idx = match set_index.get(name) {
                Some(&i) => {
                    d.note(no, format!("synonym set &{name} defined again (first at line {}): phrases merged", sets[i].line));
                    i
                }
                None => {
                    sets.push(Synset { name: name.to_string(), line: no, no_plurals, phrases: Vec::new() });
                    set_index.insert(name.to_string(), sets.len() - 1);
                    sets.len() - 1
                }
            };
            mode = Mode::Synset(idx);
        } else if let Some(member) = t.strip_prefix('+').filter(|_| matches!(mode, Mode::Synset(_) | Mode::BadSynset)) {
            if let Mode::Synset(i) = mode {
                add_member(&mut sets, &set_index, i, member.trim(), no, d);
            }
        } else if let Some(body) = t.strip_prefix('-') {
            if matches!(mode, Mode::Synset(_) | Mode::BadSynset) {
                mode = Mode::Block;
            }
            match blocks.last_mut().filter(|_| mode == Mode::Block) {
                Some(b) => {
                    if let Some(p) = pattern(body, no, &sets, &set_index, d) {
                        b.patterns.push(p);
                    }
                }
                None => d.skip(no, "pattern outside a verb block ('--- NAME [CODE] ---'): skipped"),
            }
        } else {
            if matches!(mode, Mode::Synset(_) | Mode::BadSynset) && !blocks.is_empty() {
                mode = Mode::Block;
            }
            match blocks.last_mut().filter(|_| mode == Mode::Block) {
                Some(b) => {
                    if let Some(v) = verb_line(t, no, d) {
                        b.verbs.push(v);
                    }
                }
                None => d.skip(no, format!("unexpected line outside a verb block or synonym set: {t:?}")),
            }
        }
    }
    // TABARI/PETRARCH pattern words match as written (their synonym sets list plurals).
    let mut out = String::from("%free-codes\n%exact-words\n");
    let mut emitted_sets = 0;
    for s in &sets {
        if s.phrases.is_empty() {
            continue;
        }
        emitted_sets += 1;
        let _ = writeln!(out, "&{} = {}", s.name, s.phrases.join(" | "));
    }
    stats.synsets += emitted_sets;
    for b in &blocks {
        write_block(b, &mut out, d, stats);
    }
    out
}

/// Add a `+member` line to synset `i`.
fn add_member(sets: &mut [Synset], index: &HashMap<String, usize>, i: usize, member: &str, no: usize, d: &mut Diags) {
    if let Some(r) = member.strip_prefix('&') {
        let r = r.split_whitespace().next().unwrap_or("").trim_end_matches('_');
        match index.get(r).copied().filter(|&j| j != i) {
            Some(j) => {
                let phrases = sets[j].phrases.clone();
                push_unique(&mut sets[i].phrases, phrases);
            }
            None => d.skip(no, format!("synonym set &{r} is not defined before use: member skipped")),
        }
        return;
    }
    if member.contains(['|', ';', '&', '{', '}', '[', ']', '$', '@', '%', '^', '*']) {
        d.skip(no, format!("synonym phrase {member:?} holds a character Bede cannot take in a phrase: skipped"));
        return;
    }
    let phrase = phrase_words(member).to_lowercase();
    if phrase.is_empty() {
        d.skip(no, "empty synonym phrase: skipped");
        return;
    }
    let mut new = vec![phrase.clone()];
    if !sets[i].no_plurals && !member.ends_with('_') {
        new.extend(petrarch_plural(&phrase));
    }
    push_unique(&mut sets[i].phrases, new);
}

fn push_unique(v: &mut Vec<String>, new: Vec<String>) {
    for p in new {
        if !v.contains(&p) {
            v.push(p);
        }
    }
}

/// A block header `--- DESCRIPTION [CODE] ---`.
fn header(t: &str, no: usize, d: &mut Diags) -> Block {
    let inner = t.trim_start_matches('-').trim();
    let inner = inner.strip_suffix("---").unwrap_or(inner);
    let (groups, rest) = take_brackets(inner);
    let mut code = None;
    if let Some(first) = groups.first() {
        match verb_code(first) {
            Some(c) if c == "---" => {}
            Some(c) => code = Some(c),
            None => d.note(
                no,
                format!("block code [{first}] is not a usable code (1-8 letters or digits, ---, or A:B): the block has no default code"),
            ),
        }
    }
    for extra in groups.iter().skip(1) {
        d.note(no, format!("block header has several codes: [{extra}] ignored, [{}] used", groups[0]));
    }
    Block { line: no, description: rest.trim().trim_end_matches('-').trim().to_string(), code, verbs: Vec::new(), patterns: Vec::new() }
}

/// A verb line: `VERB`, `VERB {FORMS}`, `VERB [CODE]`, `+CORDON_OFF {...}`, `WIRE_+TAP {...}`.
fn verb_line(t: &str, no: usize, d: &mut Diags) -> Option<(Vec<String>, OwnCode)> {
    let (groups, rest) = take_brackets(t);
    let own: OwnCode = match groups.first() {
        None => None,
        Some(g) => match verb_code(g) {
            Some(c) if c == "---" => Some(None),
            Some(c) => Some(Some(c)),
            None => {
                d.skip(no, format!("verb {:?} has an unusable code [{g}]: verb skipped", rest.trim()));
                return None;
            }
        },
    };
    if groups.len() > 1 {
        d.note(no, format!("verb line has several codes: [{}] used, the others ignored", groups[0]));
    }
    let (verb, forms) = match rest.split_once('{') {
        Some((v, f)) => (v, f.split('}').next().unwrap_or("")),
        None => (rest.as_str(), ""),
    };
    let mut lemmas = Vec::new();
    match lemma(verb) {
        Ok(l) => lemmas.push(l),
        Err(e) => {
            d.skip(no, format!("verb {:?}: {e}: verb skipped", verb.trim()));
            return None;
        }
    }
    for f in forms.split_whitespace() {
        match lemma(f) {
            Ok(l) if !lemmas.contains(&l) => lemmas.push(l),
            Ok(_) => {}
            Err(e) => d.skip(no, format!("verb form {f:?}: {e}: form skipped")),
        }
    }
    Some((lemmas, own))
}

/// A PETRARCH verb phrase as a Bede trigger lemma: `+CORDON_OFF` → `cordon off`,
/// `WIRE_+TAP` → `wire +tap`, `ARM_` → `arm`.
fn lemma(s: &str) -> Result<String, String> {
    let words: Vec<&str> = s.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Err("no verb".into());
    }
    let plus = words.iter().position(|w| w.starts_with('+'));
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        let bare = w.strip_prefix('+').unwrap_or(w);
        if bare.is_empty() || bare.contains(['+', '|', '[', ']', '{', '}', ';', '$', '@', '%', '^', '&', '*', ':', '~']) {
            return Err(format!("word {w:?} cannot be a Bede trigger word"));
        }
        if i > 0 {
            out.push(' ');
        }
        if plus == Some(i) && i > 0 {
            out.push('+');
        }
        out.push_str(&bare.to_lowercase());
    }
    Ok(out)
}

/// A pattern line (after the leading `-`): the Bede `(code, pattern)`.
fn pattern(body: &str, no: usize, sets: &[Synset], index: &HashMap<String, usize>, d: &mut Diags) -> Option<(String, String, usize)> {
    let (groups, pat) = take_brackets(body);
    let Some(raw) = groups.first() else {
        d.skip(no, "pattern has no [CODE]: skipped");
        return None;
    };
    let Some(code) = verb_code(raw) else {
        d.skip(no, format!("code [{raw}] is not usable (1-8 letters or digits, ---, or A:B): pattern skipped"));
        return None;
    };
    if groups.len() > 1 {
        d.note(no, format!("pattern has several codes: [{raw}] used, the others ignored"));
    }
    match linearise(&pat, sets, index) {
        Ok((p, had_verb)) => {
            if !had_verb {
                d.note(no, "pattern has no '*' (verb position): its elements are taken to follow the verb");
            }
            Some((code, p, no))
        }
        Err(e) => {
            d.skip(no, format!("{e}: pattern skipped"));
            None
        }
    }
}

enum Item {
    Verb,
    Word(String),
    Slot(char),
    Set(String),
}

/// Turn PETRARCH pattern elements into a Bede pattern: returns the pattern and whether it
/// held the verb marker `*`.
fn linearise(pat: &str, sets: &[Synset], index: &HashMap<String, usize>) -> Result<(String, bool), String> {
    #[derive(Clone, Copy, PartialEq)]
    enum Sep {
        None,
        Blank,
        Under,
    }
    let chars: Vec<char> = pat.chars().collect();
    let mut items: Vec<(Item, bool)> = Vec::new(); // (item, consecutive with the previous one)
    let mut sep = Sep::None;
    let mut in_brace = false;
    let mut brace_first = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            // PETRARCH reads the ambiguous `_ ` as a blank.
            _ if c.is_whitespace() => {
                sep = Sep::Blank;
                i += 1;
                continue;
            }
            '_' => {
                if sep == Sep::None {
                    sep = Sep::Under;
                }
                i += 1;
                continue;
            }
            '(' | ')' => {
                if sep == Sep::None {
                    sep = Sep::Blank;
                }
                i += 1;
                continue;
            }
            '{' => {
                if in_brace {
                    return Err("nested '{' in pattern".into());
                }
                in_brace = true;
                brace_first = true;
                i += 1;
                continue;
            }
            '}' => {
                if !in_brace {
                    return Err("'}' without '{' in pattern".into());
                }
                in_brace = false;
                if sep == Sep::None {
                    sep = Sep::Blank;
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        let item = if c == '*' {
            i += 1;
            Item::Verb
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '_' | '(' | ')' | '{' | '}' | '*') {
                i += 1;
            }
            let tok: String = chars[start..i].iter().collect();
            if let Some(name) = tok.strip_prefix('&') {
                // A set name may itself hold `_`: take the longest defined name.
                let mut name = name.to_string();
                let mut j = i;
                while j < chars.len() && chars[j] == '_' {
                    let s = j + 1;
                    let mut e = s;
                    while e < chars.len() && (chars[e].is_ascii_alphanumeric()) {
                        e += 1;
                    }
                    let longer = format!("{name}_{}", chars[s..e].iter().collect::<String>());
                    if e > s && index.contains_key(&longer) {
                        name = longer;
                        j = e;
                        i = e;
                    } else {
                        break;
                    }
                }
                match index.get(&name) {
                    Some(&k) if !sets[k].phrases.is_empty() => Item::Set(name),
                    Some(_) => return Err(format!("synonym set &{name} has no phrases")),
                    None => return Err(format!("synonym set &{name} is not defined before use")),
                }
            } else if tok.len() == 1 && matches!(tok.as_str(), "+" | "$" | "%" | "^") {
                Item::Slot(tok.chars().next().unwrap_or('+'))
            } else if tok.contains(['+', '$', '%', '^', '&', '@', '|', ';', '[', ']', '#', '~']) {
                return Err(format!("element {tok:?} cannot be converted"));
            } else {
                Item::Word(tok.to_lowercase())
            }
        };
        let joined = !items.is_empty() && ((in_brace && !brace_first) || sep != Sep::Blank);
        items.push((item, joined));
        brace_first = false;
        sep = Sep::None;
    }
    if in_brace {
        return Err("unclosed '{' in pattern".into());
    }
    let verbs = items.iter().filter(|(it, _)| matches!(it, Item::Verb)).count();
    if verbs > 1 {
        return Err("pattern has more than one '*' (verb position)".into());
    }
    let mut out: Vec<String> = Vec::new();
    if verbs == 0 {
        out.push("@".into());
        if !items.is_empty() {
            out.push("*".into());
        }
    }
    for (k, (item, joined)) in items.iter().enumerate() {
        if k > 0 && !joined {
            out.push("*".into());
        }
        out.push(match item {
            Item::Verb => "@".to_string(),
            Item::Word(w) => w.clone(),
            Item::Slot(c) => c.to_string(),
            Item::Set(s) => format!("&{s}"),
        });
    }
    Ok((out.join(" "), verbs == 1))
}

fn write_block(b: &Block, out: &mut String, d: &mut Diags, stats: &mut ImportStats) {
    // Verbs grouped by their code: the block's own first, then each verb code in order.
    let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
    let mut add = |code: Option<String>, lemmas: &[String]| {
        let g = match groups.iter().position(|(c, _)| *c == code) {
            Some(g) => g,
            None => {
                groups.push((code, Vec::new()));
                groups.len() - 1
            }
        };
        for l in lemmas {
            if !groups[g].1.contains(l) {
                groups[g].1.push(l.clone());
            }
        }
    };
    for (lemmas, own) in &b.verbs {
        match own {
            None => add(b.code.clone(), lemmas),
            Some(c) => add(c.clone(), lemmas),
        }
    }
    if groups.is_empty() {
        d.skip(b.line, format!("verb block {:?} lists no usable verb: its {} patterns are skipped", b.description, b.patterns.len()));
        return;
    }
    stats.verb_blocks += 1;
    stats.patterns += b.patterns.len();
    let _ = writeln!(out, "\n# {} (line {})", b.description, b.line);
    for (code, lemmas) in &groups {
        let _ = match code {
            Some(c) => writeln!(out, "== {}  [{c}]", lemmas.join(" | ")),
            None => writeln!(out, "== {}", lemmas.join(" | ")),
        };
        for (c, p, _) in &b.patterns {
            let _ = writeln!(out, "{c}  {p}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(text: &str) -> (String, Vec<String>, ImportStats) {
        let mut d = Diags::new("t.txt");
        let mut s = ImportStats::default();
        let out = convert(text, &mut d, &mut s);
        s.skipped = d.skipped;
        (out, d.list.iter().map(|x| x.to_string()).collect(), s)
    }

    #[test]
    fn synsets_with_plurals_and_nesting() {
        let (out, diags, s) = conv("&COLOURS\n+CRIMSON\n+SKY BLUE\n+NAVY\n\n&GLASS_\n+LENS\n+PRISMS_\n&ALL\n+&COLOURS\n+TINT_\n+&NOPE\n");
        assert!(out.contains("&COLOURS = crimson | crimsons | sky blue | sky blues | navy | navies\n"), "{out}");
        assert!(out.contains("&GLASS = lens | prisms\n"), "{out}");
        assert!(out.contains("&ALL = crimson | crimsons | sky blue | sky blues | navy | navies | tint\n"), "{out}");
        assert_eq!(s.synsets, 3);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].starts_with("t.txt:12: synonym set &NOPE is not defined"), "{diags:?}");
    }

    #[test]
    fn tabari_patterns() {
        let text = "&KIN\n+COUSIN\n--- GREET [051] ---\nGREET\n- HAPPILY_+ * WARM_&KIN_WELCOME [052] # note\n- * OLD FRIENDS [053]\n- SO IN_AND_*_OUT [054]\n- NOT * [---]\n- * WITH % [055:056]\n- SAID + * [:057]\n- * TO ^ $ [x1]\n- NOW_ * [058]\n";
        let (out, diags, s) = conv(text);
        assert!(out.starts_with("%free-codes\n%exact-words\n"));
        assert!(out.contains("== greet  [051]\n"), "{out}");
        for want in [
            "052  happily + * @ * warm &KIN welcome\n",
            "053  @ * old * friends\n",
            "054  so * in and @ out\n",
            "---  not * @\n",
            "055:056  @ * with * %\n",
            "---:057  said * + * @\n",
            "X1  @ * to * ^ * $\n",
            "058  now * @\n",
        ] {
            assert!(out.contains(want), "missing {want:?} in\n{out}");
        }
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!((s.verb_blocks, s.patterns), (1, 8));
    }

    #[test]
    fn petrarch2_patterns() {
        let text = "--- SEND [---] ---\nSEND {SENT SENDING}\n- * (FOR {FINANCIAL AID}) [071]\n- * (TO) [042:043]\n- * SOLDIERS (TO BORDER) [153]\n- {FRIENDLY TROOPS} * {AIR_STRIKE} [195]\n";
        let (out, diags, _) = conv(text);
        assert!(out.contains("== send | sent | sending\n"), "{out}");
        assert!(out.contains("071  @ * for * financial aid\n"), "{out}");
        assert!(out.contains("042:043  @ * to\n"), "{out}");
        assert!(out.contains("153  @ * soldiers * to * border\n"), "{out}");
        assert!(out.contains("195  friendly troops * @ * air strike\n"), "{out}");
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn verbs_with_codes_multiword_and_forms() {
        let text = "--- SEAL [190] [191] ---\nSEAL\n+SEAL_OFF {+SEALED_OFF +SEALING_OFF}\nDOOR_+SHUT [192]\nRING_+FENCE [192]\nBAD|VERB\n- * BORDER [193]\n";
        let (out, diags, s) = conv(text);
        assert!(out.contains("== seal | seal off | sealed off | sealing off  [190]\n193  @ * border\n"), "{out}");
        assert!(out.contains("== door +shut | ring +fence  [192]\n193  @ * border\n"), "{out}");
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(diags[0].contains("[191] ignored"));
        assert!(diags[1].starts_with("t.txt:6:"));
        assert_eq!(s.skipped, 1);
    }

    #[test]
    fn unconvertible_entries_are_reported() {
        let text = "- * ORPHAN [010]\n--- NOCODE ---\nTRY\n- * HARD [+++]\n- * TWICE * [011]\n- NOVERB [012]\n- * &UNDEFINED [013]\n- * NOCODE\n~ a (a b X) SAY = a b 015\n--- EMPTY [020] ---\n- * NOTHING [021]\n";
        let (out, diags, s) = conv(text);
        assert!(out.contains("== try\n012  @ * noverb\n"), "{out}");
        let lines: Vec<usize> = diags.iter().map(|d| d.split(':').nth(1).unwrap().parse().unwrap()).collect();
        assert_eq!(lines, [1, 4, 5, 6, 7, 8, 9, 10], "{diags:#?}");
        assert_eq!(s.skipped, 7, "the pattern without '*' is kept");
        assert!(diags[6].contains("transformation not supported"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "&",
            "+",
            "-",
            "---",
            "--- [",
            "- {",
            "- }",
            "- &",
            "- * {a {b}} [1]",
            "&X\n+&X\n",
            "--- A ---\n+\n{}\n[]\n",
            "\u{0}\u{ffff}[[[]]]",
        ] {
            let _ = conv(t);
        }
    }
}
