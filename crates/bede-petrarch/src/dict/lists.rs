//! PETRARCH discard, issue and preposition lists.
//!
//! - Discards → `discard:` (sentence) and `discard-story:` (`+PHRASE`, whole article) lines of a
//!   Bede verb file. A phrase ending in `_` matches whole words; otherwise its last word is a
//!   stem (`*` appended), as PETRARCH matches it.
//! - Issues → `issue CODE: phrases` and `issue-ignore: phrases` (`~` and `~~` lines). The
//!   expansions are written out: `n:word` (singular and plural), `v:word` (base, +s, +ed, +ing
//!   with simple spelling rules), `a+b` (`a b` and `a-b`). `<ISSUE ...>` tags are skipped.
//! - Prepositions: Bede's tagger finds prepositions itself; the list is counted and reported.

use super::text::{clean_lines, noun_plural, verb_forms, Diags};
use super::ImportStats;
use std::fmt::Write;

/// Most phrases one issue line may expand to.
const MAX_VARIANTS: usize = 256;

/// Characters that would change the meaning of a Bede list line.
const RESERVED: [char; 4] = ['|', '*', ';', '#'];

/// Convert a discard list; returns the Bede verb file's body.
pub(crate) fn discards(text: &str, d: &mut Diags, stats: &mut ImportStats) -> String {
    let mut out = String::new();
    for line in clean_lines(text, d) {
        let t = line.text.trim();
        if t.contains("---STOP---") {
            break;
        }
        let (story, phrase) = match t.strip_prefix('+') {
            Some(p) => (true, p.trim()),
            None => (false, t),
        };
        if phrase.contains(RESERVED) || phrase.contains('[') {
            d.skip(line.no, format!("discard phrase {phrase:?} holds a character Bede reads specially (| * ; # [): skipped"));
            continue;
        }
        let whole = phrase.ends_with('_');
        let words: Vec<String> =
            phrase.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
        if words.is_empty() {
            d.skip(line.no, "empty discard phrase: skipped");
            continue;
        }
        let mut p = words.join(" ");
        if !whole {
            p.push('*');
        }
        stats.discards += 1;
        let _ = writeln!(out, "{}: {p}", if story { "discard-story" } else { "discard" });
    }
    out
}

/// Convert an issues list; returns the Bede verb file's body.
pub(crate) fn issues(text: &str, d: &mut Diags, stats: &mut ImportStats) -> String {
    let mut out = String::new();
    for line in clean_lines(text, d) {
        let no = line.no;
        let t = line.text.trim();
        if t.contains("---STOP---") {
            break;
        }
        if t.starts_with('<') {
            continue; // <ISSUE CATEGORY=...> and </ISSUE> group the entries; Bede has no groups
        }
        if let Some(ign) = t.strip_prefix('~') {
            let phrase = ign.trim_start_matches('~');
            match expand(phrase) {
                Ok(ps) => {
                    stats.issues += 1;
                    let _ = writeln!(out, "issue-ignore: {}", ps.join(" | "));
                }
                Err(e) => d.skip(no, format!("ignore phrase {:?}: {e}: skipped", phrase.trim())),
            }
            continue;
        }
        // As PETRARCH reads it: the phrase before the first `[`, the code inside it.
        let Some((phrase, after)) = t.split_once('[') else {
            d.skip(no, "issue phrase without a [CODE]: skipped");
            continue;
        };
        let (code, tail) = after.split_once(']').unwrap_or((after, ""));
        let code = code.trim();
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
            d.skip(no, format!("issue code [{code}] is not usable (letters, digits, _ and -): skipped"));
            continue;
        }
        if !tail.trim().is_empty() {
            d.note(no, format!("text {:?} after the issue code ignored", tail.trim()));
        }
        match expand(phrase) {
            Ok(ps) => {
                stats.issues += 1;
                let _ = writeln!(out, "issue {code}: {}", ps.join(" | "));
            }
            Err(e) => d.skip(no, format!("issue phrase {:?}: {e}: skipped", phrase.trim())),
        }
    }
    out
}

/// Count a prepositions list and report that Bede does not use it.
pub(crate) fn prepositions(text: &str, d: &mut Diags, stats: &mut ImportStats) {
    let lines = clean_lines(text, d);
    let n: usize = lines.iter().map(|l| l.text.split_whitespace().count()).sum();
    stats.prepositions += n;
    let first = lines.first().map_or(1, |l| l.no);
    d.note(first, format!("prepositions list not used ({n} entries): Bede's tagger finds prepositions itself"));
}

/// Every phrase an issue phrase with `n:`, `v:` and `+` expansions stands for, lower case.
fn expand(phrase: &str) -> Result<Vec<String>, String> {
    if phrase.contains(RESERVED) {
        return Err("holds a character Bede reads specially (| * ; #)".into());
    }
    let mut all: Vec<String> = vec![String::new()];
    let mut any = false;
    for tok in phrase.split_whitespace() {
        let variants = token_variants(&tok.to_lowercase())?;
        let mut next = Vec::with_capacity(all.len() * variants.len());
        for a in &all {
            for v in &variants {
                next.push(if a.is_empty() { v.clone() } else { format!("{a} {v}") });
            }
        }
        if next.len() > MAX_VARIANTS {
            return Err(format!("expands to more than {MAX_VARIANTS} phrases"));
        }
        all = next;
        any = true;
    }
    if !any {
        return Err("empty phrase".into());
    }
    let mut out: Vec<String> = Vec::new();
    for p in all {
        let p = p.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        if !p.is_empty() && !out.contains(&p) {
            out.push(p);
        }
    }
    if out.is_empty() {
        return Err("empty phrase".into());
    }
    Ok(out)
}

/// The forms of one blank-free token: `pre+n:school` → `pre school`, `pre schools`,
/// `pre-school`, `pre-schools`.
fn token_variants(tok: &str) -> Result<Vec<String>, String> {
    let mut acc: Vec<String> = vec![String::new()];
    for (i, part) in tok.split('+').enumerate() {
        let forms: Vec<String> = if let Some(w) = part.strip_prefix("n:") {
            vec![w.to_string(), noun_plural(w)]
        } else if let Some(w) = part.strip_prefix("v:") {
            verb_forms(w)
        } else {
            vec![part.to_string()]
        };
        if (part.starts_with("n:") || part.starts_with("v:")) && forms[0].is_empty() {
            return Err(format!("cannot expand {tok:?}: no word after {}", &part[..2]));
        }
        let mut next = Vec::new();
        for a in &acc {
            for f in &forms {
                if i == 0 {
                    next.push(f.clone());
                } else {
                    next.push(format!("{a} {f}"));
                    next.push(format!("{a}-{f}"));
                }
            }
        }
        if next.len() > MAX_VARIANTS {
            return Err(format!("expands to more than {MAX_VARIANTS} phrases"));
        }
        acc = next;
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(f: fn(&str, &mut Diags, &mut ImportStats) -> String, text: &str) -> (String, Vec<String>, ImportStats) {
        let mut d = Diags::new("l.txt");
        let mut s = ImportStats::default();
        let out = f(text, &mut d, &mut s);
        (out, d.list.iter().map(|x| x.to_string()).collect(), s)
    }

    #[test]
    fn discard_lines() {
        let (out, diags, s) = run(discards, "# header\nQUIDDITCH\n+ELVEN_SONG_CONTEST_  # tag\nSHIRE FAIR_\nBAD|PHRASE\n+\n");
        assert_eq!(out, "discard: quidditch*\ndiscard-story: elven song contest\ndiscard: shire fair\n");
        assert_eq!(s.discards, 3);
        let lines: Vec<&str> = diags.iter().map(|d| d.split(':').nth(1).unwrap()).collect();
        assert_eq!(lines, ["5", "6"]);
    }

    #[test]
    fn issue_lines() {
        let text =
            "<ISSUE CATEGORY=\"LORE\">\nn:scroll [LORE]\nancient v:chant [LORE]\nelf+n:song[SONGS]\nwar tale [LORE]war song [SONGS]\n~~old n:tale\nno code here\n</ISSUE>\n";
        let (out, diags, s) = run(issues, text);
        assert!(out.contains("issue LORE: scroll | scrolls\n"), "{out}");
        assert!(out.contains("issue LORE: ancient chant | ancient chants | ancient chanted | ancient chanting\n"), "{out}");
        assert!(out.contains("issue SONGS: elf song | elf-song | elf songs | elf-songs\n"), "{out}");
        assert!(out.contains("issue-ignore: old tale | old tales\n"), "{out}");
        assert!(out.contains("issue LORE: war tale\n"), "{out}");
        assert_eq!(s.issues, 5);
        assert_eq!(diags.len(), 2);
        assert!(diags[0].starts_with("l.txt:5: text \"war song [SONGS]\" after the issue code ignored"), "{diags:?}");
        assert!(diags[1].starts_with("l.txt:7:"));
    }

    #[test]
    fn prepositions_are_counted_and_reported() {
        let (_, diags, s) = run(
            |t, d, s| {
                prepositions(t, d, s);
                String::new()
            },
            "# list\nover\nunder\nthrough\n",
        );
        assert_eq!(s.prepositions, 3);
        assert_eq!(diags, ["l.txt:2: prepositions list not used (3 entries): Bede's tagger finds prepositions itself"]);
    }

    #[test]
    fn expansion_limits() {
        assert!(expand("a+b+c+d+e+f+g+h+i+j").is_err());
        assert!(expand("n:").is_err());
        assert_eq!(expand("eu+ gene").unwrap(), ["eu gene", "eu- gene"]);
        assert!(expand("   ").is_err());
    }
}
