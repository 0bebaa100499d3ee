//! Sentence splitter for cleaned news text: byte ranges of sentences.
//!
//! One pass over the bytes, no regular expressions.
//!
//! # Rules
//!
//! * **Lines.** A blank line (two or more line breaks) always ends a
//!   sentence. A single line break does too (scraped text has one paragraph
//!   per line, and headlines, datelines and bylines have no final period),
//!   unless the text clearly continues: the next line starts with a
//!   lower-case letter, or the line ends with `,` or `;`.
//! * **Inside a line** a sentence ends after `.`, `!`, `?`, `…` (or a run of
//!   them, `?!`, `...`), plus any closing quotes and brackets right after
//!   them, when white space follows and the next sentence starts with an
//!   upper-case (or uncased) letter, a digit, or an opening quote/bracket.
//! * **Abbreviations.** A single period does not end a sentence after
//!   - a title (`Mr.`, `Dr.`, `Gen.`, `Lt.`, `Col.`, `Sen.`, `Gov.`, `St.`)
//!     or `vs.`, `e.g.`, `i.e.`, `cf.`;
//!   - a month before a number (`Jan. 5`), `No.`, `Art.`, `Vol.` before a
//!     number;
//!   - other abbreviations (`Inc.`, `Corp.`, `Jr.`, `etc.`, `U.S.`,
//!     `D.C.`, `a.m.`, state names like `Calif.`) and single-letter
//!     initials (`John F. Kennedy`), unless the next word is a typical
//!     sentence opener (`The`, `He`, `But`, `In`, …) or an opening quote;
//!   - but a quote or bracket closing right after the period overrides all
//!     this (`... in the U.S." He said` splits).
//! * Ranges are trimmed of white space (as defined by
//!   [`crate::tokenize::is_space`]), never empty, in order and disjoint.

use crate::tokenize::{abbrev_kind, char_at, is_closer, is_dotted_abbrev, is_single_letter, is_space, is_word_char, Abbrev};
use std::ops::Range;

/// Byte ranges of the sentences of `text`, in order.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    // The open block (lines joined by continuation): start, end of content,
    // and the last non-space char of its last line.
    let mut block: Option<(usize, usize, char)> = None;
    let mut pos = 0;
    while pos < b.len() {
        let (line_end, next, hard) = line_break(b, pos);
        match content(text, pos, line_end) {
            None => {
                if let Some((s, e, _)) = block.take() {
                    split_block(text, s, e, &mut out);
                }
            }
            Some((cs, ce, first, last)) => {
                let cont = match block {
                    Some((_, _, prev_last)) => first.is_lowercase() || matches!(prev_last, ',' | ';'),
                    None => false,
                };
                if cont {
                    if let Some(bl) = block.as_mut() {
                        bl.1 = ce;
                        bl.2 = last;
                    }
                } else {
                    if let Some((s, e, _)) = block.take() {
                        split_block(text, s, e, &mut out);
                    }
                    block = Some((cs, ce, last));
                }
            }
        }
        if hard {
            if let Some((s, e, _)) = block.take() {
                split_block(text, s, e, &mut out);
            }
        }
        pos = next;
    }
    if let Some((s, e, _)) = block.take() {
        split_block(text, s, e, &mut out);
    }
    out
}

/// The line starting at `pos`: (end of its content, start of the next line,
/// whether the break is a paragraph break). Breaks: `\n`, `\r\n`, `\r`,
/// vertical tab and form feed (paragraph), U+0085, U+2028, U+2029
/// (paragraph).
fn line_break(b: &[u8], pos: usize) -> (usize, usize, bool) {
    let mut i = pos;
    while i < b.len() {
        match b[i] {
            b'\n' => return (i, i + 1, false),
            b'\r' => {
                let n = if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                return (i, i + n, false);
            }
            0x0B | 0x0C => return (i, i + 1, true),
            0xC2 if b.get(i + 1) == Some(&0x85) => return (i, i + 2, false),
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) => {
                return (i, i + 3, b[i + 2] == 0xA9);
            }
            _ => i += 1,
        }
    }
    (b.len(), b.len(), false)
}

/// Trimmed content of `s..e`: (start, end, first char, last char), or
/// `None` for a blank line.
fn content(text: &str, s: usize, e: usize) -> Option<(usize, usize, char, char)> {
    let line = text.get(s..e)?;
    let (i, first) = line.char_indices().find(|&(_, c)| !is_space(c))?;
    let (j, last) = line.char_indices().rev().find(|&(_, c)| !is_space(c))?;
    Some((s + i, s + j + last.len_utf8(), first, last))
}

/// Push `s..e` trimmed, if not empty.
fn push_trimmed(text: &str, s: usize, e: usize, out: &mut Vec<Range<usize>>) {
    if let Some((s, e, _, _)) = content(text, s, e) {
        out.push(s..e);
    }
}

#[inline]
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？')
}

#[inline]
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '„')
}

/// Split the block `s..e` (trimmed, no paragraph break inside) into
/// sentences.
fn split_block(text: &str, s: usize, e: usize, out: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let mut start = s;
    let mut i = s;
    while i < e {
        let c0 = b[i];
        // Fast skip: only '.', '!', '?' and multi-byte chars can terminate.
        if c0 < 0x80 && c0 != b'.' && c0 != b'!' && c0 != b'?' {
            i += 1;
            continue;
        }
        let (c, n) = char_at(text, i);
        if !is_terminator(c) {
            i += n;
            continue;
        }
        let term = i;
        let mut j = i + n;
        while j < e {
            let (c, n) = char_at(text, j);
            if !is_terminator(c) {
                break;
            }
            j += n;
        }
        let mut k = j;
        while k < e {
            let (c, n) = char_at(text, k);
            if !is_closer(c) {
                break;
            }
            k += n;
        }
        if k >= e {
            break;
        }
        if !is_space(char_at(text, k).0) {
            i = k.max(j);
            continue;
        }
        let mut m = k;
        while m < e {
            let (c, n) = char_at(text, m);
            if !is_space(c) {
                break;
            }
            m += n;
        }
        if m >= e {
            break;
        }
        if ends_sentence(text, start, term, j, k > j, m, e) {
            push_trimmed(text, start, k, out);
            start = m;
        }
        i = m;
    }
    push_trimmed(text, start, e, out);
}

/// Whether the terminator `term..j` (closers after it if `closed`) ends the
/// sentence that began at `start`, the next one starting at `m`.
fn ends_sentence(text: &str, start: usize, term: usize, j: usize, closed: bool, m: usize, e: usize) -> bool {
    let (nc, _) = char_at(text, m);
    let starts_ok = (nc.is_alphabetic() && !nc.is_lowercase()) || nc.is_ascii_digit() || is_opener(nc);
    if !starts_ok {
        return false;
    }
    if &text[term..j] != "." || closed {
        return true;
    }
    let w = word_before(text, start, term);
    if w.is_empty() {
        return true;
    }
    let next_digit = nc.is_ascii_digit();
    // `Acme Inc. (NYSE: ACM)`, `10 a.m. (CDT)`: a bracket does not open a
    // sentence after an abbreviation, a quote does.
    let maybe_final = || (is_opener(nc) && nc != '(' && nc != '[') || is_sentence_opener(next_word(text, m, e));
    if w.contains('.') {
        if !is_dotted_abbrev(w) {
            return true;
        }
        // e.g., i.e., a.k.a. never end a sentence.
        if matches!(w, "e.g" | "i.e" | "a.k.a" | "E.g" | "I.e") {
            return false;
        }
        return maybe_final();
    }
    if is_single_letter(w) {
        return maybe_final();
    }
    match abbrev_kind(w) {
        Some(Abbrev::Title | Abbrev::Inner) => false,
        Some(Abbrev::Month) => !next_digit && maybe_final(),
        Some(Abbrev::Numeric) => !next_digit,
        Some(Abbrev::Strong | Abbrev::Weak) => maybe_final(),
        None => true,
    }
}

/// The word (letters, digits, inner periods) right before byte `p`.
fn word_before(text: &str, start: usize, p: usize) -> &str {
    let head = &text[start..p];
    let mut s = head.len();
    for (i, c) in head.char_indices().rev() {
        if is_word_char(c) || c == '.' {
            s = i;
        } else {
            break;
        }
    }
    // Leading periods belong to an ellipsis, not to the word.
    head[s..].trim_start_matches('.')
}

/// The word starting at `m` (up to 12 bytes are enough for the openers).
fn next_word(text: &str, m: usize, e: usize) -> &str {
    let mut k = m;
    while k < e {
        let (c, n) = char_at(text, k);
        if !is_word_char(c) {
            break;
        }
        k += n;
    }
    &text[m..k]
}

/// Capitalized words that typically open a sentence but seldom follow an
/// abbreviation inside one (after `Inc.` or `U.S.` a capitalized word is
/// usually part of a name: `U.S. Army`, `Acme Inc. Chairman`).
fn is_sentence_opener(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "You"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "Their"
            | "His"
            | "Her"
            | "Its"
            | "Our"
            | "My"
            | "Your"
            | "But"
            | "And"
            | "Or"
            | "So"
            | "Yet"
            | "However"
            | "Meanwhile"
            | "Moreover"
            | "Furthermore"
            | "Nevertheless"
            | "In"
            | "On"
            | "At"
            | "For"
            | "From"
            | "With"
            | "By"
            | "After"
            | "Before"
            | "During"
            | "Since"
            | "When"
            | "While"
            | "If"
            | "As"
            | "Although"
            | "Though"
            | "Because"
            | "According"
            | "Also"
            | "Other"
            | "Some"
            | "Many"
            | "Most"
            | "All"
            | "Both"
            | "Each"
            | "Several"
            | "No"
            | "Not"
            | "Last"
            | "Earlier"
            | "Later"
            | "Now"
            | "Then"
            | "Today"
            | "Yesterday"
            | "Still"
            | "Such"
            | "What"
            | "Who"
            | "Why"
            | "How"
            | "Where"
            | "Which"
            | "Despite"
            | "Under"
            | "Among"
            | "Until"
            | "Instead"
            | "Thus"
            | "Therefore"
            | "Previously"
            | "Currently"
            | "Separately"
            | "Officials"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(s: &str) -> Vec<&str> {
        split_sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    fn check(s: &str, want: &[&str]) {
        assert_eq!(sents(s), want, "splitting {s:?}");
    }

    #[test]
    fn basic() {
        check("The talks ended. Both sides left.", &["The talks ended.", "Both sides left."]);
        check("Did they agree? No! 20 people died.", &["Did they agree?", "No!", "20 people died."]);
        check("  One.  Two.  ", &["One.", "Two."]);
        check("No final period", &["No final period"]);
        check("", &[]);
        check(" \n\n \t", &[]);
        check("He waited... Then he left.", &["He waited...", "Then he left."]);
        check("He waited… Then he left.", &["He waited…", "Then he left."]);
        check("Really?! Yes.", &["Really?!", "Yes."]);
        check("It rose 5.5 percent. Prices fell.", &["It rose 5.5 percent.", "Prices fell."]);
        check("It ended. and then", &["It ended. and then"]);
        check("Visit example.com. It works.", &["Visit example.com.", "It works."]);
    }

    #[test]
    fn abbreviations() {
        check(
            "Sen. Chuck Schumer, D-N.Y., spoke on Jan. 5. Lt. Col. Smith of U.K.-based Acme Inc. disagreed.",
            &["Sen. Chuck Schumer, D-N.Y., spoke on Jan. 5.", "Lt. Col. Smith of U.K.-based Acme Inc. disagreed."],
        );
        check("Mr. Smith met Dr. Jones. They talked.", &["Mr. Smith met Dr. Jones.", "They talked."]);
        check("Gen. Lee and Gov. Ross met St. Clair.", &["Gen. Lee and Gov. Ross met St. Clair."]);
        check("John F. Kennedy spoke.", &["John F. Kennedy spoke."]);
        check("He backed Plan B. The others did not.", &["He backed Plan B.", "The others did not."]);
        check("The U.S. Army left. The U.S. said no.", &["The U.S. Army left.", "The U.S. said no."]);
        check("He went to the U.S. The trip was long.", &["He went to the U.S.", "The trip was long."]);
        check("He works at Acme Inc. He likes it.", &["He works at Acme Inc.", "He likes it."]);
        check("Acme Corp. Chairman Ross resigned.", &["Acme Corp. Chairman Ross resigned."]);
        check("See No. 5 and Art. 51 of the charter.", &["See No. 5 and Art. 51 of the charter."]);
        check("He said No. Then he left.", &["He said No.", "Then he left."]);
        check("In Jan. 2020 talks began.", &["In Jan. 2020 talks began."]);
        check("It was in Jan. The next month too.", &["It was in Jan.", "The next month too."]);
        check("Fruit, e.g. Apples, i.e. Red ones.", &["Fruit, e.g. Apples, i.e. Red ones."]);
        check("It ends at 5 p.m. The doors close.", &["It ends at 5 p.m.", "The doors close."]);
        check("It ends at 5 p.m. Monday.", &["It ends at 5 p.m. Monday."]);
        check("Brazil vs. Argentina ended 2-1.", &["Brazil vs. Argentina ended 2-1."]);
        check("Ships, planes, etc. They all came.", &["Ships, planes, etc.", "They all came."]);
        check("Smith Jr. Arrived late.", &["Smith Jr. Arrived late."]);
        check("He lives in Seattle, Wash. He works there.", &["He lives in Seattle, Wash.", "He works there."]);
        check("Washington, D.C. Police said", &["Washington, D.C. Police said"]);
        check("Acme Inc. (NYSE: ACM) fell.", &["Acme Inc. (NYSE: ACM) fell."]);
        check("He left at 10 a.m. \"It was early,\" he said.", &["He left at 10 a.m.", "\"It was early,\" he said."]);
    }

    #[test]
    fn quotes() {
        check(
            "\"It was agreed to develop cooperation in the region,\" the ministry said.",
            &["\"It was agreed to develop cooperation in the region,\" the ministry said."],
        );
        check("\"We oppose sanctions.\" He said so.", &["\"We oppose sanctions.\"", "He said so."]);
        check("“We oppose sanctions.” He said so.", &["“We oppose sanctions.”", "He said so."]);
        check("He left. \"We won,\" he said.", &["He left.", "\"We won,\" he said."]);
        check("He left. “We won,” he said.", &["He left.", "“We won,” he said."]);
        check("\"Is it over?\" he asked.", &["\"Is it over?\" he asked."]);
        check("They met in the U.S.\" Then they left.", &["They met in the U.S.\"", "Then they left."]);
        check("(The talks failed.) Both left.", &["(The talks failed.)", "Both left."]);
        check("He said: 'Stop.' Then silence.", &["He said: 'Stop.'", "Then silence."]);
    }

    #[test]
    fn newlines() {
        check("Headline Without Period\nThe body starts here.", &["Headline Without Period", "The body starts here."]);
        check("First para.\n\nSecond para.", &["First para.", "Second para."]);
        check("A line that\ncontinues here.", &["A line that\ncontinues here."]);
        check("A line that ends with a comma,\nThen More.", &["A line that ends with a comma,\nThen More."]);
        check("Baku, June 18\r\nBy Seba - Trend:\r\n\r\nText.", &["Baku, June 18", "By Seba - Trend:", "Text."]);
        check("One\rTwo", &["One", "Two"]);
        check("One\u{2029}two", &["One", "two"]);
        check("One\u{2028}two", &["One\u{2028}two"]);
        check("Start.\n\n\nlower case after blank", &["Start.", "lower case after blank"]);
        check("...\n", &["..."]);
    }

    #[test]
    fn ranges_are_trimmed_and_ordered() {
        let s = "\u{FEFF} Один. Два!  \n\n Three? ";
        let r = split_sentences(s);
        assert_eq!(sents(s), ["Один.", "Два!", "Three?"]);
        for w in r.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
    }
}
