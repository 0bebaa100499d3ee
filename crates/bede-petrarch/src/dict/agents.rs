//! PETRARCH agent dictionaries → Bede `agent` entries.
//!
//! `PHRASE {PLURAL} [~CODE]` becomes
//!
//! ```text
//! agent CODE phrase-slug "phrase"
//!   names: phrase
//!   plurals: plural
//! ```
//!
//! - `[CODE~]` (the code written before the actor's) adds `position: before`;
//! - `{}` gives an empty `plurals:` line (no plural); `{X}` the explicit plural; without braces
//!   the `plurals:` line is left out and Bede forms the plural by its rule;
//! - `!NAME! = A, B, C` defines a substitution set: a phrase using `!NAME!` gets every item
//!   substituted as a name, with no plural formation (empty `plurals:`);
//! - the role name is a lower-case hyphenated slug of the phrase, made unique in the file with
//!   `-2`, `-3`, ...
//!
//! Names are written in lower case, except a one-word acronym of at most three capitals (`CEO`).

use super::text::{clean_lines, holds_comment_mark, lower_name, phrase_words, slug, take_brackets, Diags};
use super::ImportStats;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// Most names one substitution may produce (guards against pathological input).
const MAX_EXPANSIONS: usize = 256;

/// Convert a PETRARCH agent file; returns the Bede actor file's body.
pub(crate) fn convert(text: &str, d: &mut Diags, stats: &mut ImportStats) -> String {
    let mut out = String::new();
    let mut subs: HashMap<String, Vec<String>> = HashMap::new();
    let mut roles: HashSet<String> = HashSet::new();
    for line in clean_lines(text, d) {
        let no = line.no;
        let t = line.text.trim();
        if t.contains("---STOP---") {
            break;
        }
        if t.starts_with('!') && t.contains('=') {
            define_marker(t, no, &mut subs, d);
            continue;
        }
        let (groups, rest) = take_brackets(t);
        let Some(raw_code) = groups.first() else {
            d.skip(no, "agent without a [~CODE]: skipped");
            continue;
        };
        if groups.len() > 1 {
            d.note(no, format!("agent has several codes: [{raw_code}] used, the others ignored"));
        }
        let Some((code, before)) = agent_code(raw_code) else {
            d.skip(no, format!("code [{raw_code}] is not a usable agent code (~ and 2-12 capitals or digits): agent skipped"));
            continue;
        };
        // The phrase, and its plural in braces.
        let (phrase, plural) = match rest.split_once('{') {
            Some((p, r)) => match r.split_once('}') {
                Some((pl, tail)) => {
                    if !tail.trim().is_empty() {
                        d.note(no, format!("text {:?} after the plural ignored", tail.trim()));
                    }
                    (p, Some(pl))
                }
                None => {
                    d.skip(no, "missing '}' after the plural: agent skipped");
                    continue;
                }
            },
            None => (rest.as_str(), None),
        };
        let expanded = match substitute(phrase, &subs) {
            Ok(v) => v,
            Err(e) => {
                d.skip(no, format!("{e}: agent skipped"));
                continue;
            }
        };
        let substituted = expanded.len() > 1 || phrase.contains('!');
        let mut names: Vec<String> = Vec::new();
        for n in expanded {
            let n = lower_name(&phrase_words(&n));
            if !n.is_empty() && !names.contains(&n) {
                names.push(n);
            }
        }
        if names.is_empty() {
            d.skip(no, "empty agent phrase: skipped");
            continue;
        }
        if names.iter().any(|n| n.contains(['|', '"', '!'])) {
            d.skip(no, "agent phrase holds '|', '\"' or '!', which a Bede name cannot: skipped");
            continue;
        }
        if names.iter().any(|n| holds_comment_mark(n)) || plural.is_some_and(|p| holds_comment_mark(&phrase_words(p))) {
            d.skip(no, "agent phrase has a word starting with '#', which Bede reads as a comment: skipped");
            continue;
        }
        let plurals: Option<Vec<String>> = if substituted {
            if plural.is_some_and(|p| !p.trim().is_empty()) {
                d.note(no, "plural given for a phrase with a substitution marker: ignored (the set's items are used as they are)");
            }
            Some(Vec::new())
        } else {
            plural.map(|p| {
                let p = lower_name(&phrase_words(p));
                if p.is_empty() {
                    Vec::new()
                } else {
                    vec![p]
                }
            })
        };
        let base = match slug(&names[0]) {
            s if s.is_empty() => "agent".to_string(),
            s => s,
        };
        let mut role = base.clone();
        let mut k = 2;
        while !roles.insert(role.clone()) {
            role = format!("{base}-{k}");
            k += 1;
        }
        stats.agents += 1;
        let _ = writeln!(out, "\nagent {code} {role} \"{}\"", names[0]);
        let _ = writeln!(out, "  names: {}", names.join(" | "));
        if before {
            out.push_str("  position: before\n");
        }
        if let Some(p) = plurals {
            let _ = writeln!(out, "  plurals: {}", p.join(" | "));
        }
    }
    out
}

/// `!NAME! = A, B, C`.
fn define_marker(t: &str, no: usize, subs: &mut HashMap<String, Vec<String>>, d: &mut Diags) {
    let Some((lhs, rhs)) = t.split_once('=') else { return };
    let name = lhs.trim().trim_matches('!').trim();
    if name.is_empty() || lhs.trim().matches('!').count() != 2 {
        d.skip(no, "substitution marker is not written '!NAME! = A, B, C': skipped");
        return;
    }
    let items: Vec<String> = rhs.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    if items.is_empty() {
        d.skip(no, format!("substitution marker !{name}! lists nothing: skipped"));
        return;
    }
    subs.insert(name.to_string(), items);
}

/// Every phrase a substitution-marked phrase stands for (the phrase itself if unmarked).
fn substitute(phrase: &str, subs: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let mut done: Vec<String> = Vec::new();
    let mut todo = vec![phrase.to_string()];
    let mut steps = 0;
    while let Some(p) = todo.pop() {
        steps += 1;
        if steps > 4 * MAX_EXPANSIONS {
            return Err("substitution markers do not expand to a finite list of names".into());
        }
        let Some(a) = p.find('!') else {
            done.push(p);
            continue;
        };
        let Some(len) = p[a + 1..].find('!') else {
            return Err(format!("substitution marker in {:?} is not closed with '!'", p.trim()));
        };
        let name = &p[a + 1..a + 1 + len];
        let items = subs.get(name).ok_or_else(|| format!("substitution marker !{name}! is not defined"))?;
        for it in items.iter().rev() {
            todo.push(format!("{}{it}{}", &p[..a], &p[a + 2 + len..]));
        }
        if done.len() + todo.len() > MAX_EXPANSIONS {
            return Err(format!("substitution markers expand to more than {MAX_EXPANSIONS} names"));
        }
    }
    Ok(done)
}

/// `~CODE` → (CODE, false); `CODE~` → (CODE, true). A code without `~` is taken as `~CODE`.
fn agent_code(raw: &str) -> Option<(String, bool)> {
    let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let (code, before) = if let Some(c) = s.strip_prefix('~') {
        (c, false)
    } else if let Some(c) = s.strip_suffix('~') {
        (c, true)
    } else {
        (s.as_str(), false)
    };
    ((2..=12).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
        .then(|| (code.to_string(), before))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(text: &str) -> (String, Vec<String>, ImportStats) {
        let mut d = Diags::new("g.txt");
        let mut s = ImportStats::default();
        let out = convert(text, &mut d, &mut s);
        s.skipped = d.skipped;
        (out, d.list.iter().map(|x| x.to_string()).collect(), s)
    }

    #[test]
    fn agents_plurals_positions_and_markers() {
        let text = "!WARD! = WARDEN, WARDENS, WARDER\nHARBOUR_MASTER [~GOVPRT]\nRANGER_BAND {} [ ~MIL]\nOX_HERD {OXEN_HERDS} [~AGR]\nSHIP!WARD! [~MILNAV]\nHEALERS_GUILD [NGO~]\nHARBOUR MASTER [~GOV]\nCEO {} [~BUS]\n";
        let (out, diags, s) = conv(text);
        assert!(out.contains("agent GOVPRT harbour-master \"harbour master\"\n  names: harbour master\n\n"), "{out}");
        assert!(out.contains("agent MIL ranger-band \"ranger band\"\n  names: ranger band\n  plurals: \n"), "{out}");
        assert!(out.contains("agent AGR ox-herd \"ox herd\"\n  names: ox herd\n  plurals: oxen herds\n"), "{out}");
        assert!(
            out.contains("agent MILNAV shipwarden \"shipwarden\"\n  names: shipwarden | shipwardens | shipwarder\n  plurals: \n"),
            "{out}"
        );
        assert!(out.contains("agent NGO healers-guild \"healers guild\"\n  names: healers guild\n  position: before\n"), "{out}");
        assert!(out.contains("agent GOV harbour-master-2 \"harbour master\""), "{out}");
        assert!(out.contains("agent BUS ceo \"CEO\"\n  names: CEO\n  plurals: \n"), "{out}");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(s.agents, 7);
    }

    #[test]
    fn bad_agents_are_reported() {
        let text = "NO_CODE\nBAD_CODE [~G]\n!BROKEN = A\nMISSING!NOPE! [~GOV]\nOPEN {PLURAL [~GOV]\nGUARD [~GOV] [~MIL]\n";
        let (out, diags, s) = conv(text);
        assert!(out.contains("agent GOV guard \"guard\""), "{out}");
        let lines: Vec<&str> = diags.iter().map(|d| d.split(':').nth(1).unwrap()).collect();
        assert_eq!(lines, ["1", "2", "3", "4", "5", "6"], "{diags:#?}");
        assert_eq!(s.skipped, 5);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["!", "!=", "!A!=,", "!A! = !A!\nX!A! [~GOV]", "{ [~", "[~]", "!A! = x\n!A!!A!!A!!A!!A!!A! [~GOV]"] {
            let _ = conv(t);
        }
    }
}
