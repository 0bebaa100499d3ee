//! Lexical helpers shared by the converters: comments, codes, dates, plurals, name case.

use super::Diagnostic;

/// Diagnostics of one file being converted.
pub(crate) struct Diags {
    file: String,
    pub list: Vec<Diagnostic>,
    /// Entries left out.
    pub skipped: usize,
}

impl Diags {
    pub fn new(file: &str) -> Diags {
        Diags { file: file.to_string(), list: Vec::new(), skipped: 0 }
    }

    /// Something converted only approximately, or ignored on purpose.
    pub fn note(&mut self, line: usize, message: impl Into<String>) {
        self.list.push(Diagnostic { file: self.file.clone(), line: line.max(1), message: message.into() });
    }

    /// An entry left out of the output.
    pub fn skip(&mut self, line: usize, message: impl Into<String>) {
        self.skipped += 1;
        self.note(line, message);
    }
}

/// A line with comments removed, and its 1-based number.
pub(crate) struct Line {
    pub no: usize,
    pub text: String,
}

/// The non-blank lines of a PETRARCH file with `<!-- ... -->` comments (possibly spanning
/// lines; the misspelt opener `<! --` is accepted too) and `#` comments removed. A `#` inside
/// `[...]` is kept (TABARI's discard code `[###]`). Leading white space is kept (actor date
/// restrictions are recognised by it); trailing white space is removed. Control characters
/// and other invisible separators become spaces (see [`space_like`]).
pub(crate) fn clean_lines(text: &str, d: &mut Diags) -> Vec<Line> {
    let mut out = Vec::new();
    let mut open_at: Option<usize> = None; // line where an unclosed <!-- started
    for (i, raw) in text.lines().enumerate() {
        let no = i + 1;
        let raw: String = raw.chars().map(|c| if space_like(c) { ' ' } else { c }).collect();
        let mut s = String::with_capacity(raw.len());
        let mut rest = raw.as_str();
        loop {
            if open_at.is_some() {
                match rest.find("-->") {
                    Some(e) => {
                        rest = &rest[e + 3..];
                        open_at = None;
                    }
                    None => break,
                }
            }
            match find_comment_open(rest) {
                Some((start, len)) => {
                    s.push_str(&rest[..start]);
                    rest = &rest[start + len..];
                    open_at = Some(no);
                }
                None => {
                    s.push_str(rest);
                    break;
                }
            }
        }
        let s = strip_hash(&s).trim_end();
        if !s.trim().is_empty() {
            out.push(Line { no, text: s.to_string() });
        }
    }
    if let Some(at) = open_at {
        d.skip(at, "unterminated '<!--' comment: the rest of the file is commented out");
    }
    out
}

/// Characters Bede's tokenizer (`bede_nlp::tokenize::is_space`) takes for space between
/// tokens but `char::is_whitespace` does not: control characters, zero-width spaces, the
/// byte-order mark. [`clean_lines`] turns them into spaces, so the converters split words where
/// Bede's loaders will, and never write a word those loaders read as nothing (which made a whole
/// phrase, and so the converted file, unloadable).
fn space_like(c: char) -> bool {
    !c.is_whitespace() && (c.is_control() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}'))
}

/// Start and length of a comment opener `<!--` (or `<!` white space `--`).
fn find_comment_open(s: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(p) = s[from..].find("<!") {
        let at = from + p;
        let after = &s[at + 2..];
        let trimmed = after.trim_start();
        if trimmed.starts_with("--") {
            return Some((at, 2 + (after.len() - trimmed.len()) + 2));
        }
        from = at + 2;
    }
    None
}

/// Cut a `#` comment (a `#` inside `[...]` does not start one).
fn strip_hash(s: &str) -> &str {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '#' if depth == 0 => return &s[..i],
            _ => {}
        }
    }
    s
}

/// The contents of every `[...]` group of `s`, and `s` with the groups removed. An unclosed
/// `[` runs to the end of the line.
pub(crate) fn take_brackets(s: &str) -> (Vec<String>, String) {
    let mut groups = Vec::new();
    let mut rest = String::new();
    let mut cur: Option<String> = None;
    for c in s.chars() {
        match (c, cur.as_mut()) {
            ('[', None) => cur = Some(String::new()),
            (']', Some(_)) => groups.extend(cur.take()),
            (c, Some(g)) => g.push(c),
            (c, None) => rest.push(c),
        }
    }
    groups.extend(cur);
    (groups, rest)
}

/// A verb-pattern code: `---` (null), `CODE` (1–8 ASCII letters or digits, upper-cased) or a
/// pair `A:B` where an empty side is the null code. `None` when not convertible.
pub(crate) fn verb_code(raw: &str) -> Option<String> {
    let one = |c: &str| -> Option<String> {
        let c = c.trim();
        if c.is_empty() || c == "---" {
            return Some("---".to_string());
        }
        ((1..=8).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_alphanumeric())).then(|| c.to_ascii_uppercase())
    };
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.split_once(':') {
        Some((a, b)) => {
            let (a, b) = (one(a)?, one(b)?);
            Some(format!("{a}:{b}"))
        }
        None => one(raw),
    }
}

/// PETRARCH's regular plural of a phrase's last word: `+S`, `Y` → `IES`, `SS` → `+ES`; with
/// three English refinements PETRARCH lacks: `X`, `CH`, `SH` → `+ES`, a `Y` after a vowel
/// takes `+S` (`MONEYS`, not `MONEIES`), and words already ending in a single `S`,
/// contractions (`N'T`) and words not ending in a letter get none. Works on any case.
pub(crate) fn petrarch_plural(phrase: &str) -> Option<String> {
    let last = phrase.rsplit(' ').next()?;
    let c = last.chars().last()?;
    if !c.is_alphabetic() || last.contains(['\'', '\u{2019}']) {
        return None;
    }
    let lower = last.to_lowercase();
    let upper = c.is_uppercase();
    let add = |s: &str| if upper { s.to_uppercase() } else { s.to_string() };
    let vowel_y = ["ay", "ey", "oy", "uy"].iter().any(|e| lower.ends_with(e));
    if ["ss", "x", "ch", "sh"].iter().any(|e| lower.ends_with(e)) {
        Some(format!("{phrase}{}", add("es")))
    } else if lower.ends_with('s') {
        None
    } else if lower.ends_with('y') && !vowel_y {
        let cut = phrase.char_indices().last().map_or(0, |(i, _)| i);
        Some(format!("{}{}", &phrase[..cut], add("ies")))
    } else {
        Some(format!("{phrase}{}", add("s")))
    }
}

/// English plural of a lower-case word for issue `n:` expansion.
pub(crate) fn noun_plural(w: &str) -> String {
    if w.ends_with('s') || w.ends_with('x') || w.ends_with('z') || w.ends_with("ch") || w.ends_with("sh") {
        format!("{w}es")
    } else if w.ends_with('y') && !w.ends_with("ay") && !w.ends_with("ey") && !w.ends_with("oy") && !w.ends_with("uy") {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    }
}

/// Regular verb forms of a lower-case verb for issue `v:` expansion: base, 3rd person, past,
/// gerund (no consonant doubling).
pub(crate) fn verb_forms(w: &str) -> Vec<String> {
    let third = noun_plural(w);
    let consonant_y = w.ends_with('y') && !w.ends_with("ay") && !w.ends_with("ey") && !w.ends_with("oy") && !w.ends_with("uy");
    let past = if w.ends_with('e') {
        format!("{w}d")
    } else if consonant_y {
        format!("{}ied", &w[..w.len() - 1])
    } else {
        format!("{w}ed")
    };
    let ing = if w.ends_with('e') && !w.ends_with("ee") && w.len() > 2 { format!("{}ing", &w[..w.len() - 1]) } else { format!("{w}ing") };
    vec![w.to_string(), third, past, ing]
}

/// Whether a name written out as `names: ...` would be cut by Bede's loaders, which read a
/// `#` at the start of a word as the start of a comment.
pub(crate) fn holds_comment_mark(name: &str) -> bool {
    name.split([' ', '\t']).any(|w| w.starts_with('#'))
}

/// A PETRARCH phrase string (`WORD_WORD WORD_`) as words separated by single blanks, with
/// the trailing `_` dropped.
pub(crate) fn phrase_words(s: &str) -> String {
    s.split(|c: char| c == '_' || c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Whether a one-word name is an acronym kept in capitals: at most three letters, all capitals.
pub(crate) fn is_short_acronym(name: &str) -> bool {
    if name.contains(' ') {
        return false;
    }
    let mut n = 0;
    for c in name.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        n += 1;
    }
    (1..=3).contains(&n)
}

/// Words written in lower case inside a Title Case name (not first).
const SMALL_WORDS: &[&str] =
    &["of", "the", "and", "for", "in", "on", "at", "to", "de", "del", "la", "le", "du", "von", "van", "der", "da", "y"];

/// Title Case for an actor name (`UNITED_STATES_OF_AMERICA` → `United States of America`):
/// every word capitalised after white space, `-`, `.`, `(` or `/`, and after an apostrophe
/// that follows a single letter (`O'Brien`); small connecting words lower case; a one-word
/// acronym of at most three letters stays in capitals.
pub(crate) fn title_case(name: &str) -> String {
    if is_short_acronym(name) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    for (wi, word) in name.split(' ').enumerate() {
        if wi > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if wi > 0 && SMALL_WORDS.contains(&lower.as_str()) {
            out.push_str(&lower);
            continue;
        }
        let mut cap = true;
        let mut letters_in_part = 0;
        for c in lower.chars() {
            if c.is_alphabetic() {
                if cap {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
                cap = false;
                letters_in_part += 1;
            } else {
                out.push(c);
                cap = matches!(c, '-' | '.' | '(' | '/' | '"') || (c == '\'' && letters_in_part == 1);
                if c != '\'' {
                    letters_in_part = 0;
                }
            }
        }
    }
    out
}

/// A lower-case name for an agent, keeping short acronyms in capitals.
pub(crate) fn lower_name(name: &str) -> String {
    if is_short_acronym(name) {
        name.to_string()
    } else {
        name.to_lowercase()
    }
}

/// A PETRARCH date `YYYYMMDD` or `YYMMDD` as `YYYY-MM-DD`. Six-digit years follow PETRARCH's
/// `dstr_to_ordate` (for consistency with KEDS and TABARI): 00–30 → 20YY, otherwise 19YY.
pub(crate) fn petrarch_date(s: &str) -> Result<String, String> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) || (s.len() != 6 && s.len() != 8) {
        return Err(format!("bad date {s:?}: expected YYYYMMDD or YYMMDD"));
    }
    let n = |a: usize, b: usize| s[a..b].parse::<u32>().unwrap_or(0);
    let (y, m, d) = if s.len() == 8 {
        (n(0, 4), n(4, 6), n(6, 8))
    } else {
        let yy = n(0, 2);
        (if yy <= 30 { 2000 + yy } else { 1900 + yy }, n(2, 4), n(4, 6))
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("bad date {s:?}: month {m} does not exist")),
    };
    if !(1000..=2200).contains(&y) {
        return Err(format!("bad date {s:?}: year {y} out of range"));
    }
    if d == 0 || d > days {
        return Err(format!("bad date {s:?}: day {d} does not exist in {y}-{m:02}"));
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// A lower-case hyphenated slug (`FOREIGN_MINISTER` → `foreign-minister`).
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_removed() {
        let mut d = Diags::new("t");
        let lines = clean_lines("A <!-- x --> B\n<!-- open\nstill\n--> C # tail\n[###] D\n<! -- odd -->\nE", &mut d);
        let got: Vec<(usize, &str)> = lines.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(got, [(1, "A  B"), (4, " C"), (5, "[###] D"), (7, "E")]);
        assert!(d.list.is_empty());
        clean_lines("X\n<!-- never closed\nY", &mut d);
        assert_eq!(d.list[0].line, 2);
    }

    #[test]
    fn codes() {
        assert_eq!(verb_code("042:043").as_deref(), Some("042:043"));
        assert_eq!(verb_code(":173").as_deref(), Some("---:173"));
        assert_eq!(verb_code("174k").as_deref(), Some("174K"));
        assert_eq!(verb_code(" --- ").as_deref(), Some("---"));
        for bad in ["+++", "###", "025?", "", "123456789"] {
            assert_eq!(verb_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn plurals_and_forms() {
        assert_eq!(petrarch_plural("ECONOMIC SANCTION").as_deref(), Some("ECONOMIC SANCTIONS"));
        assert_eq!(petrarch_plural("ARMY").as_deref(), Some("ARMIES"));
        assert_eq!(petrarch_plural("PRESS").as_deref(), Some("PRESSES"));
        assert_eq!(petrarch_plural("TALKS"), None);
        assert_eq!(petrarch_plural("money").as_deref(), Some("moneys"));
        assert_eq!(petrarch_plural("church").as_deref(), Some("churches"));
        assert_eq!(petrarch_plural("N'T"), None);
        assert_eq!(noun_plural("church"), "churches");
        assert_eq!(verb_forms("purge"), ["purge", "purges", "purged", "purging"]);
        assert_eq!(verb_forms("carry"), ["carry", "carries", "carried", "carrying"]);
    }

    #[test]
    fn names() {
        assert_eq!(title_case("UNITED STATES OF AMERICA"), "United States of America");
        assert_eq!(title_case("AL-QAEDA"), "Al-Qaeda");
        assert_eq!(title_case("SEAN O'BRIEN"), "Sean O'Brien");
        assert_eq!(title_case("DON'T PANIC"), "Don't Panic");
        assert_eq!(title_case("UN"), "UN");
        assert_eq!(title_case("U.S."), "U.S.");
        assert_eq!(title_case("NATO"), "Nato");
        assert_eq!(title_case("THE UN"), "The Un");
        assert_eq!(lower_name("CEO"), "CEO");
        assert_eq!(lower_name("FOREIGN MINISTER"), "foreign minister");
        assert_eq!(phrase_words("ARNOR_KINGS_ OF  OLD_"), "ARNOR KINGS OF OLD");
        assert_eq!(slug("SEMI-OFFICIAL NEWSPAPER!"), "semi-official-newspaper");
    }

    #[test]
    fn dates() {
        assert_eq!(petrarch_date("950601").unwrap(), "1995-06-01");
        assert_eq!(petrarch_date("300101").unwrap(), "2030-01-01");
        assert_eq!(petrarch_date("310101").unwrap(), "1931-01-01");
        assert_eq!(petrarch_date("000229").unwrap(), "2000-02-29");
        assert_eq!(petrarch_date("18970101").unwrap(), "1897-01-01");
        assert!(petrarch_date("19990229").is_err());
        assert!(petrarch_date("9506").is_err());
        assert!(petrarch_date("951301").is_err());
    }
}
