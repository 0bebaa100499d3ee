//! PETRARCH/TABARI actor dictionaries → Bede `actor` entries.
//!
//! A record is a primary phrase (`PHRASE [CODE]` or `PHRASE`), `+SYNONYM` lines, and
//! date-restriction lines starting with white space (`[CODE]`, `[CODE <DATE]`, `[CODE >DATE]`,
//! `[CODE DATE-DATE]`). It becomes
//!
//! ```text
//! actor CODE "Display Name"
//!   names: Display Name | Synonym
//!   code: CODE2 FROM .. TO
//! ```
//!
//! with `-` as the header code when the record has no default code. `<D` is `.. D`, `>D` is
//! `D ..` (PETRARCH's limits are inclusive, as Bede's are). A `; comment` after a phrase is a
//! comment. Words joined by blanks are written as consecutive words (Bede names are exact
//! token sequences).

use super::text::{clean_lines, holds_comment_mark, petrarch_date, phrase_words, take_brackets, title_case, Diags};
use super::ImportStats;
use std::fmt::Write;

#[derive(Default)]
struct Record {
    line: usize,
    names: Vec<String>,
    /// Lower-cased names, to deduplicate.
    keys: Vec<String>,
    default: Option<String>,
    /// `code: ...` values.
    dated: Vec<String>,
}

/// Convert a PETRARCH actor file; returns the Bede actor file's body.
pub(crate) fn convert(text: &str, d: &mut Diags, stats: &mut ImportStats) -> String {
    let mut out = String::with_capacity(text.len());
    let mut cur: Option<Record> = None;
    for line in clean_lines(text, d) {
        let no = line.no;
        let raw = line.text.as_str();
        if raw.contains("---STOP---") {
            break;
        }
        let indented = raw.starts_with([' ', '\t']);
        let t = raw.trim();
        if indented && t.starts_with('[') {
            match cur.as_mut() {
                Some(r) => {
                    let (groups, rest) = take_brackets(t);
                    if !rest.trim().is_empty() {
                        d.note(no, format!("text {:?} outside the brackets of a date restriction ignored", rest.trim()));
                    }
                    for g in groups {
                        restriction(&g, no, r, d);
                    }
                }
                None => d.skip(no, "code line before any actor phrase: skipped"),
            }
        } else if let Some(syn) = t.strip_prefix('+') {
            match cur.as_mut() {
                Some(r) => {
                    let (groups, rest) = take_brackets(syn);
                    add_name(r, cut_semicolon(&rest), no, d);
                    for g in groups {
                        restriction(&g, no, r, d);
                    }
                }
                None => d.skip(no, "synonym before any actor phrase: skipped"),
            }
        } else {
            // A primary phrase (PETRARCH takes an indented phrase as one too).
            if let Some(r) = cur.take() {
                finish(r, &mut out, d, stats);
            }
            let mut r = Record { line: no, ..Default::default() };
            let (groups, rest) = take_brackets(t);
            add_name(&mut r, cut_semicolon(&rest), no, d);
            for g in groups {
                restriction(&g, no, &mut r, d);
            }
            cur = Some(r);
        }
    }
    if let Some(r) = cur.take() {
        finish(r, &mut out, d, stats);
    }
    out
}

fn cut_semicolon(s: &str) -> &str {
    s.split(';').next().unwrap_or(s)
}

fn add_name(r: &mut Record, phrase: &str, no: usize, d: &mut Diags) {
    let words = phrase_words(phrase);
    if words.is_empty() {
        d.skip(no, "empty actor phrase: skipped");
        return;
    }
    if words.contains('|') {
        d.skip(no, format!("actor phrase {words:?} holds '|', which a Bede name cannot: skipped"));
        return;
    }
    if holds_comment_mark(&words) {
        d.skip(no, format!("actor phrase {words:?} has a word starting with '#', which Bede reads as a comment: skipped"));
        return;
    }
    let name = title_case(&words);
    let key = name.to_lowercase();
    // An all-capitals acronym and its Title Case form are different names in Bede.
    let key = if name.chars().any(|c| c.is_lowercase()) { key } else { name.clone() };
    if !r.keys.contains(&key) {
        r.keys.push(key);
        r.names.push(name);
    }
}

/// One bracket group: `CODE`, `CODE <DATE`, `CODE >DATE` or `CODE DATE-DATE`.
fn restriction(g: &str, no: usize, r: &mut Record, d: &mut Diags) {
    let g = g.trim();
    let end = g.find(|c: char| c.is_whitespace() || c == '<' || c == '>').unwrap_or(g.len());
    let (code_raw, restr) = (&g[..end], g[end..].trim());
    let Some(code) = actor_code(code_raw, no, d) else { return };
    if restr.is_empty() {
        if let Some(old) = &r.default {
            if *old != code {
                d.note(no, format!("a second default code [{code}] replaces [{old}]"));
            }
        }
        r.default = Some(code);
        return;
    }
    let range = if let Some(date) = restr.strip_prefix('<') {
        petrarch_date(date).map(|t| format!(".. {t}"))
    } else if let Some(date) = restr.strip_prefix('>') {
        petrarch_date(date).map(|f| format!("{f} .."))
    } else if let Some((a, b)) = restr.split_once('-') {
        match (petrarch_date(a), petrarch_date(b)) {
            (Ok(a), Ok(b)) if a <= b => Ok(format!("{a} .. {b}")),
            (Ok(a), Ok(b)) => Err(format!("date range ends ({b}) before it starts ({a})")),
            (Err(e), _) | (_, Err(e)) => Err(e),
        }
    } else {
        Err(format!("restriction {restr:?} is not <DATE, >DATE or DATE-DATE"))
    };
    match range {
        Ok(range) => r.dated.push(format!("{code} {range}")),
        Err(e) => d.skip(no, format!("[{g}]: {e}: restriction skipped")),
    }
}

/// An actor code, upper-cased; `---` is kept. Several codes joined by `/` (a TABARI
/// compound: "the Shire" is FRO/BIL/SAM) stay joined: Bede codes one event for each.
fn actor_code(raw: &str, no: usize, d: &mut Diags) -> Option<String> {
    let code = raw.trim().to_ascii_uppercase();
    let ok = code
        .split('/')
        .all(|c| (3..=15).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'));
    if !ok {
        d.skip(no, format!("code [{raw}] is not a usable actor code (3-15 of A-Z, 0-9, -, several joined by /): code skipped"));
        return None;
    }
    Some(code)
}

fn finish(r: Record, out: &mut String, d: &mut Diags, stats: &mut ImportStats) {
    let Some(display) = r.names.first() else {
        if r.default.is_some() || !r.dated.is_empty() {
            d.skip(r.line, "actor record without a usable phrase: its codes are skipped");
        }
        return;
    };
    stats.actors += 1;
    stats.dated_codes += r.dated.len();
    // A nickname in quotes (`RICHARD_"DICKIE"_BRADLEY`) keeps them in `names:` only.
    let display = display.replace('"', "");
    let _ = writeln!(out, "\nactor {} \"{display}\"", r.default.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "  names: {}", r.names.join(" | "));
    for c in &r.dated {
        let _ = writeln!(out, "  code: {c}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(text: &str) -> (String, Vec<String>, ImportStats) {
        let mut d = Diags::new("a.txt");
        let mut s = ImportStats::default();
        let out = convert(text, &mut d, &mut s);
        s.skipped = d.skipped;
        (out, d.list.iter().map(|x| x.to_string()).collect(), s)
    }

    #[test]
    fn records_with_synonyms_and_dates() {
        let text = "ARNOR_  [ARN]\n+ARNORIAN_\n+FORNOST\n\nKING_ELESSAR_  ; a note\n+STRIDER_\n\t[ARNGOV 19950101-001231]\n\t[ARNREB <900101]\n\t[arnmil > 310101]\n\t[ARNELI]\nTHE_UN [IGOUNO]\n+UN_\n+U.N.\n";
        let (out, diags, s) = conv(text);
        assert!(out.contains("actor ARN \"Arnor\"\n  names: Arnor | Arnorian | Fornost\n"), "{out}");
        assert!(
            out.contains("actor ARNELI \"King Elessar\"\n  names: King Elessar | Strider\n  code: ARNGOV 1995-01-01 .. 2000-12-31\n  code: ARNREB .. 1990-01-01\n  code: ARNMIL 1931-01-01 ..\n"),
            "{out}"
        );
        assert!(out.contains("actor IGOUNO \"The Un\"\n  names: The Un | UN | U.N.\n"), "{out}");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!((s.actors, s.dated_codes), (3, 3));
    }

    #[test]
    fn bad_codes_and_dates_are_reported() {
        let text = "\t[XXX]\n+ORPHAN\nGONDOR [GON/ITH]\nMORDOR [+++]\n+BARAD_DUR\n\t[MOR 990231-000101]\n\t[MOR 000101-990101]\n\t[MOR ~1999]\n\t[MORGOV >19991301]\nISENGARD\n  ORTHANC  [ISE]\nSARUMAN_\"SHARKEY\"_\n";
        let (out, diags, s) = conv(text);
        assert!(out.contains("actor GON/ITH \"Gondor\""), "{out}");
        assert!(out.contains("actor - \"Mordor\"\n  names: Mordor | Barad Dur\n"), "{out}");
        assert!(out.contains("actor - \"Isengard\"\n  names: Isengard\n"), "{out}");
        assert!(out.contains("actor ISE \"Orthanc\""), "{out}");
        assert!(out.contains("actor - \"Saruman Sharkey\"\n  names: Saruman \"Sharkey\"\n"), "{out}");
        let lines: Vec<&str> = diags.iter().map(|d| d.split(':').nth(1).unwrap()).collect();
        assert_eq!(lines, ["1", "2", "4", "6", "7", "8", "9"], "{diags:#?}");
        assert_eq!(s.skipped, 7);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["[", "\t[", "+", "A [B <", "A [ABC 1-2]", "\t\t", "A\n\t[ABC <99999999]", "é [ÀÉÎ]"] {
            let _ = conv(t);
        }
    }
}
