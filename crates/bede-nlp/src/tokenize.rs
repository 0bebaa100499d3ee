//! Word tokenizer: raw text to tokens with byte offsets, following the
//! tokenization conventions of UD English EWT (the treebank our tagger is
//! trained on), so the tagger sees word forms it knows.
//!
//! One pass over the bytes, no regular expressions and no allocation besides
//! the caller's output vector.
//!
//! # Conventions (checked against the EWT `.conllu` files)
//!
//! * Punctuation is split off: `said.` → `said` `.`; runs of the same mark
//!   stay together: `...`, `!!`, `?!`, `--`, `—`, `**`.
//! * Hyphenated compounds are split, the hyphen being its own token:
//!   `Nagorno-Karabakh` → `Nagorno` `-` `Karabakh`, `Russian-Turkish`,
//!   `al-Qaeda`, `15-year`. EWT keeps words with a bound prefix whole
//!   (`co-workers`, `e-mail`, `anti-American`, `non-human`, `mid-July`,
//!   `pre-war`, `re-routed`, `vice-president`), and so do we, for a fixed
//!   list of prefixes (see [`is_hyphen_prefix`]).
//! * Number ranges are split (`21-22` → `21` `-` `22`, as EWT), phone
//!   numbers and dates with two or more hyphens stay whole (`713-853-3989`,
//!   `2020-07-24`), as do `3.5`, `1,000`, `14:32`, `+04:00`, `9/11`,
//!   `11/28/2000`, `100th`, `1970s`, `'90s`, `80's`. A number glued to a
//!   unit is split: `5pm` → `5` `pm`, `10km` → `10` `km`.
//! * Clitics are split as in EWT: `don't` → `do` `n't`, `can't` → `ca`
//!   `n't`, `won't` → `wo` `n't`, `Turkey's` → `Turkey` `'s`, `they're`,
//!   `I'm`, `we'll`, `'ve`, `'d`, also with the typographic apostrophe
//!   (`Turkey’s` → `Turkey` `’s`); `cannot` → `can` `not`, `gonna` → `gon`
//!   `na`. A trailing possessive apostrophe is its own token (`countries’`
//!   → `countries` `’`). Apostrophes inside names stay (`O'Neill`,
//!   `Shi'ite`).
//! * Abbreviations and initials keep their period: `U.S.`, `e.g.`, `Mr.`,
//!   `Gen.`, `Jan.`, `Inc.`, `John F. Kennedy`; `No.` only before a number.
//! * URLs, e-mail addresses, hashtags and @handles are one token; `AT&T`,
//!   `w/o`, `US$` too.
//! * Quotes (straight and curly), brackets and dashes are separate tokens;
//!   ` `` ` and `''` are one token each.
//!
//! One deliberate difference from EWT: a sentence-final abbreviation keeps
//! its period (`... in the U.S.` ends with the token `U.S.`; EWT writes
//! `U.S` `.`), because names in the actor dictionaries are tokenized by this
//! same function one name at a time, and `U.S.` must give the same token
//! there as in the middle of a sentence. Ambiguous ones (single letters,
//! `Sun.`, `Wash.`, …) do lose their period at the very end of the input.
//!
//! # What a tokenization promises (property-tested on any string)
//!
//! Tokens are non-empty, in order, non-overlapping byte ranges on character
//! boundaries; none contains a space character ([`is_space`]); and what lies
//! between and around them is only space characters. So the text round-trips:
//! it is exactly the tokens with the original gaps between them, and nothing
//! but whitespace is ever dropped. Token text is never rewritten (no
//! normalisation of quotes, case or Unicode form): a token is a slice.

use std::ops::Range;

/// A token: byte offsets into the tokenized text, always on char
/// boundaries, never empty and never containing whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
}

impl Token {
    /// The token's text in `s` (the string it was produced from); empty if
    /// `s` is not that string and the offsets do not fit it.
    #[inline]
    pub fn text<'a>(&self, s: &'a str) -> &'a str {
        s.get(self.start as usize..self.end as usize).unwrap_or("")
    }

    /// The byte range of the token.
    #[inline]
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// What the tokenizer treats as space between tokens: Unicode white space,
/// control characters, zero-width spaces and the byte-order mark. Tokens
/// never contain such characters and every other character is in a token.
#[inline]
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        c <= ' ' || c == '\x7f'
    } else {
        c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
    }
}

/// Tokenize `text`, appending tokens to `out` (in order, non-overlapping).
/// Text beyond 4 GiB (the reach of `u32` offsets) is ignored.
pub fn tokenize(text: &str, out: &mut Vec<Token>) {
    let text = clamp_u32(text);
    let bytes = text.as_bytes();
    let mut sc = Scanner { text, bytes, chunk_start: 0, end: 0, out };
    let mut i = 0;
    while i < bytes.len() {
        let (c, n) = char_at(text, i);
        if is_space(c) {
            i += n;
            continue;
        }
        let mut j = i + n;
        while j < bytes.len() {
            let (c, n) = char_at(text, j);
            if is_space(c) {
                break;
            }
            j += n;
        }
        sc.chunk_start = i;
        sc.end = j;
        sc.chunk(i);
        i = j;
    }
}

/// The longest prefix of `s` that fits `u32` offsets, cut on a char boundary.
fn clamp_u32(s: &str) -> &str {
    let max = u32::MAX as usize;
    if s.len() <= max {
        return s;
    }
    let mut cut = max;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    &s[..cut]
}

/// The char starting at byte `i` (a char boundary) and its length.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        match s.get(i..).and_then(|r| r.chars().next()) {
            Some(c) => (c, c.len_utf8()),
            None => ('\u{FFFD}', 1),
        }
    }
}

/// Letters, digits and combining marks: the stuff words are made of.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_mark(c)
    }
}

/// Combining marks and joiners that the `Alphabetic` property misses.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF | 0x200C | 0x200D | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

/// Closing quotes and brackets (what may follow a sentence-final period).
#[inline]
pub(crate) fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}' | '›')
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Prefixes after which a hyphen does not split the word (EWT keeps
/// `co-workers`, `e-mail`, `anti-American`, `mid-July`, `non-violence` ...).
pub fn is_hyphen_prefix(w: &str) -> bool {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > 7 || !b.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    let mut buf = [0u8; 7];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    matches!(
        &buf[..b.len()],
        b"anti"
            | b"arch"
            | b"bi"
            | b"bio"
            | b"co"
            | b"counter"
            | b"cross"
            | b"cyber"
            | b"de"
            | b"e"
            | b"eco"
            | b"ex"
            | b"extra"
            | b"hyper"
            | b"infra"
            | b"inter"
            | b"intra"
            | b"macro"
            | b"mega"
            | b"micro"
            | b"mid"
            | b"mini"
            | b"mis"
            | b"multi"
            | b"neo"
            | b"non"
            | b"over"
            | b"pan"
            | b"post"
            | b"pre"
            | b"pro"
            | b"pseudo"
            | b"psycho"
            | b"quasi"
            | b"re"
            | b"semi"
            | b"socio"
            | b"sub"
            | b"super"
            | b"supra"
            | b"trans"
            | b"ultra"
            | b"un"
            | b"under"
            | b"vice"
    )
}

/// How an abbreviation that keeps its period behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// A title before a name (`Mr.`, `Gen.`, `Sen.`, `St.`): never ends a
    /// sentence.
    Title,
    /// A month (`Jan.`): before a day number it cannot end a sentence.
    Month,
    /// Never at the end of a sentence: `vs.`, `cf.`, `approx.`.
    Inner,
    /// An abbreviation that can end a sentence (`Inc.`, `Jr.`, `etc.`).
    Strong,
    /// Also an ordinary word or only rarely an abbreviation (`Sun.`,
    /// `Wash.`, `Mar.`): abbreviation unless it ends the text.
    Weak,
    /// An abbreviation only before a number (`No. 5`, `Art. 51`).
    Numeric,
}

/// The abbreviation class of a word (without its period), if any.
/// Capitalized abbreviations match capitalized or upper-case words only
/// (`Gen.`, `GEN.`, not `gen.`); lower-case ones match any case.
pub(crate) fn abbrev_kind(w: &str) -> Option<Abbrev> {
    use Abbrev::*;
    let b = w.as_bytes();
    if b.is_empty() || b.len() > 7 || !b.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut buf = [0u8; 7];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    let l = &buf[..b.len()];
    let any_case = match l {
        b"al" => Some(Strong),
        b"etc" => Some(Weak),
        b"vs" | b"cf" | b"viz" | b"approx" | b"incl" | b"esp" | b"resp" => Some(Inner),
        b"ca" | b"pp" => Some(Numeric),
        _ => None,
    };
    if any_case.is_some() {
        return any_case;
    }
    if !b[0].is_ascii_uppercase() {
        return None;
    }
    match l {
        b"mr" | b"mrs" | b"ms" | b"messrs" | b"mmes" | b"mme" | b"mlle" | b"dr" | b"drs" | b"prof" | b"gen" | b"gens" | b"lt" | b"col"
        | b"cols" | b"maj" | b"capt" | b"cpt" | b"cmdr" | b"cdr" | b"comdr" | b"adm" | b"brig" | b"sgt" | b"cpl" | b"pvt" | b"spc"
        | b"pfc" | b"sen" | b"sens" | b"rep" | b"reps" | b"gov" | b"govs" | b"pres" | b"amb" | b"hon" | b"rev" | b"fr" | b"msgr"
        | b"supt" | b"insp" | b"det" | b"atty" | b"lieut" | b"rt" | b"asst" | b"sec" | b"dep" | b"mt" | b"ft" | b"pt" | b"sra" | b"sr"
        | b"sgts" => {
            // `Sr.` is more often "Senior" after a name than "Señor".
            if l == b"sr" {
                Some(Strong)
            } else {
                Some(Title)
            }
        }
        b"jan" | b"feb" | b"apr" | b"jun" | b"jul" | b"aug" | b"sep" | b"sept" | b"oct" | b"nov" | b"dec" => Some(Month),
        b"mar" => Some(Weak),
        b"inc" | b"corp" | b"co" | b"cos" | b"ltd" | b"plc" | b"bros" | b"jr" | b"esq" | b"st" | b"ave" | b"blvd" | b"rd" | b"hwy"
        | b"dept" | b"univ" | b"govt" | b"natl" | b"intl" | b"assn" | b"mfg" | b"ph" | b"ret" | b"gmbh" => Some(Strong),
        b"mon" | b"tue" | b"tues" | b"wed" | b"thu" | b"thur" | b"thurs" | b"fri" | b"sat" | b"sun" | b"ala" | b"ariz" | b"ark"
        | b"calif" | b"colo" | b"conn" | b"del" | b"fla" | b"ga" | b"ill" | b"ind" | b"kan" | b"kans" | b"ky" | b"la" | b"md" | b"mass"
        | b"mich" | b"minn" | b"miss" | b"mo" | b"mont" | b"neb" | b"nev" | b"okla" | b"ore" | b"pa" | b"penn" | b"tenn" | b"tex"
        | b"va" | b"vt" | b"wash" | b"wis" | b"wyo" | b"est" | b"ed" | b"eds" => Some(Weak),
        b"no" | b"nos" | b"nr" | b"art" | b"vol" | b"vols" | b"fig" | b"figs" | b"ch" | b"chap" | b"para" | b"op" | b"ex" | b"ext"
        | b"tel" => Some(Numeric),
        _ => None,
    }
}

/// Whether a dotted word (`U.S`, `e.g`, `Ph.D`, without its final period)
/// is an abbreviation: every part one or two letters.
pub(crate) fn is_dotted_abbrev(w: &str) -> bool {
    w.contains('.')
        && w.split('.').all(|p| {
            let mut n = 0;
            for c in p.chars() {
                if !c.is_alphabetic() {
                    return false;
                }
                n += 1;
            }
            (1..=2).contains(&n)
        })
}

/// Is `w` a single letter?
pub(crate) fn is_single_letter(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
}

fn eq_ascii_ci(a: &[u8], b: &[u8]) -> bool {
    a.eq_ignore_ascii_case(b)
}

fn ends_with_ci(w: &str, suf: &str) -> bool {
    let (w, s) = (w.as_bytes(), suf.as_bytes());
    w.len() >= s.len() && eq_ascii_ci(&w[w.len() - s.len()..], s)
}

struct Scanner<'a, 'o> {
    /// The whole (clamped) input.
    text: &'a str,
    bytes: &'a [u8],
    /// The current chunk (a maximal run of non-space characters).
    chunk_start: usize,
    end: usize,
    out: &'o mut Vec<Token>,
}

impl Scanner<'_, '_> {
    #[inline]
    fn push(&mut self, s: usize, e: usize) {
        if e > s {
            self.out.push(Token { start: s as u32, end: e as u32 });
        }
    }

    /// Tokenize the chunk `i..self.end`.
    fn chunk(&mut self, mut i: usize) {
        while i < self.end {
            let (c, n) = char_at(self.text, i);
            let next = if is_word_char(c) { self.word(i, i) } else { self.punct(i, c, n) };
            debug_assert!(next > i);
            i = next.max(i + n);
        }
    }

    /// Char at `i` if inside the chunk.
    #[inline]
    fn peek(&self, i: usize) -> Option<char> {
        (i < self.end).then(|| char_at(self.text, i).0)
    }

    /// End of the run of word characters starting at `i`.
    #[inline]
    fn word_chars_end(&self, mut i: usize) -> usize {
        while i < self.end {
            let b = self.bytes[i];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let (c, n) = char_at(self.text, i);
                if !is_word_char(c) {
                    break;
                }
                i += n;
            }
        }
        i
    }

    /// End of the run of copies of `c` starting at `i`.
    fn same_run(&self, i: usize, c: char) -> usize {
        let n = c.len_utf8();
        let mut e = i;
        while e < self.end && char_at(self.text, e).0 == c {
            e += n;
        }
        e
    }

    /// A token starting with a non-word character at `i`.
    fn punct(&mut self, i: usize, c: char, n: usize) -> usize {
        let b = self.bytes;
        let nx = i + n;
        let next = self.peek(nx);
        let e = match c {
            '-' | '*' | '=' | '_' | '~' | '<' | '>' | '^' | '#' | '|' | '+' | '$' | '/' | '\\' | '—' | '–' | '―' | '…' | '•' | '·'
                if next == Some(c) =>
            {
                self.same_run(i, c)
            }
            // Terminal punctuation runs: `?!`, `!!!`, `..?`.
            '.' | '!' | '?' => {
                let mut e = i;
                while e < self.end && matches!(b[e], b'.' | b'!' | b'?') {
                    e += 1;
                }
                e
            }
            // Emoticons at the start of a chunk: `:)`, `;-)`, `:(`, `:P`.
            ':' | ';' if i == self.chunk_start => emoticon_end(&b[i..self.end]).map_or(nx, |k| i + k),
            // A sign glued to a number: `+44`, `+04:00`.
            '+' if next.is_some_and(|c| c.is_ascii_digit()) && !self.word_before(i) => {
                return self.word(i, nx);
            }
            '\'' | '’' | '‘' => {
                let n1 = next;
                let n2 = if nx < self.end { self.peek(nx + n1.map_or(1, char::len_utf8)) } else { None };
                if c != '‘' && n1 == Some(c) {
                    // '' or ’’
                    nx + n
                } else if c != '‘' && n1.is_some_and(|c| c.is_ascii_digit()) && n2.is_some_and(|c| c.is_ascii_digit()) {
                    // '72, ’90s
                    return self.word(i, nx);
                } else if c != '‘' && n1.is_some_and(char::is_alphabetic) {
                    let we = self.word_chars_end(nx);
                    if is_clitic(&self.text[nx..we]) {
                        we
                    } else {
                        nx
                    }
                } else {
                    nx
                }
            }
            '`' => {
                if next == Some('`') {
                    nx + 1
                } else {
                    nx
                }
            }
            // Hashtags and handles.
            '#' | '@' if next.is_some_and(char::is_alphabetic) && !self.word_before(i) => {
                let mut e = nx;
                loop {
                    e = self.word_chars_end(e);
                    if e < self.end && b[e] == b'_' {
                        e += 1;
                    } else {
                        break;
                    }
                }
                e
            }
            _ => nx,
        };
        self.push(i, e);
        e
    }

    /// Whether the char before `i` is a word character.
    fn word_before(&self, i: usize) -> bool {
        self.text[..i].chars().next_back().is_some_and(is_word_char)
    }

    /// A word-like token whose text starts at `s`; word characters start at
    /// `scan` (`s < scan` for a leading `+` or `'`). Emits one or more
    /// tokens and returns where the next token starts.
    fn word(&mut self, s: usize, scan: usize) -> usize {
        let t = self.text;
        let b = self.bytes;
        let end = self.end;
        let mut j = scan;
        let mut seg = scan; // start of the current dot/hyphen/... segment
        let mut apos = false;
        let mut dots = false;
        let mut email = false;
        let mut num = true; // digits (and digit-group commas) so far
        loop {
            j = self.word_chars_end(j);
            if j >= end || j == seg {
                break;
            }
            num = num && b[seg..j].iter().all(u8::is_ascii_digit);
            let (c, n) = char_at(t, j);
            let nx = j + n;
            let nc = self.peek(nx);
            let nw = nc.is_some_and(is_word_char);
            let prev_digit = b[j - 1].is_ascii_digit();
            let next_digit = nc.is_some_and(|c| c.is_ascii_digit());
            let join = match c {
                '.' if nw => {
                    if email || (prev_digit && next_digit) {
                        true
                    } else if seg == s && eq_ascii_ci(&b[s..j], b"www") {
                        return self.url(s);
                    } else {
                        !self.split_dot(seg, j, nx)
                    }
                }
                ',' => prev_digit && next_digit && num,
                ':' if prev_digit && next_digit => true,
                ':' if b.get(nx..nx + 2) == Some(b"//") && seg == s && is_scheme(&b[s..j]) => {
                    return self.url(s);
                }
                '-' if nw => {
                    if b[scan..j].iter().all(u8::is_ascii_digit) && s == scan {
                        if let Some(pe) = self.phone_end(scan, j) {
                            j = pe;
                        }
                        false
                    } else {
                        // Title-case compounds are names and split
                        // (`Pan-Am`, `Vice-President`), as in EWT.
                        seg == scan
                            && s == scan
                            && nc.is_some_and(|c| c.is_alphanumeric() && !(c.is_uppercase() && b[s].is_ascii_uppercase()))
                            && is_hyphen_prefix(&t[s..j])
                    }
                }
                '\'' | '’' if nc.is_some_and(char::is_alphabetic) => {
                    apos = true;
                    true
                }
                '&' if nw => j - seg <= 3 && self.word_chars_end(nx) - nx <= 3 && b[seg..j].iter().all(u8::is_ascii_alphabetic),
                '/' if nw => {
                    (prev_digit && next_digit)
                        || (j - seg == 1
                            && b[seg].is_ascii_alphabetic()
                            && nc.is_some_and(|c| c.is_ascii_alphabetic())
                            && self.word_chars_end(nx) == nx + 1)
                }
                '_' if nw => true,
                '@' if nw => {
                    email = true;
                    true
                }
                '$' if (1..=3).contains(&(j - s)) && b[s..j].iter().all(u8::is_ascii_uppercase) => {
                    // US$, HK$
                    j = nx;
                    false
                }
                _ => false,
            };
            if !join {
                break;
            }
            if c == '.' {
                dots = true;
            }
            j = nx;
            seg = nx;
        }
        let mut e = j;
        if !email && e < end && b[e] == b'.' && b.get(e + 1) != Some(&b'.') && self.keep_period(s, e, dots) {
            e += 1;
        }
        self.emit_word(s, e, apos);
        e
    }

    /// A period inside letters (`end.The`) splits when it looks like a
    /// missing space: a lower-case word of two or more letters followed by
    /// a capitalized word. `U.S`, `Ph.D`, `UrduPoint.com`, `e.g` stay.
    fn split_dot(&self, seg: usize, j: usize, nx: usize) -> bool {
        let left = &self.text[seg..j];
        let mut rc = self.text[nx..self.end].chars();
        let (r0, r1) = (rc.next(), rc.next());
        let Some(r0) = r0 else { return false };
        if left.bytes().all(|x| x.is_ascii_digit()) {
            return r0.is_alphabetic();
        }
        if r0.is_ascii_digit() {
            // `Nov.28`, `No.5`
            return matches!(abbrev_kind(left), Some(Abbrev::Month | Abbrev::Title | Abbrev::Numeric));
        }
        left.chars().nth(1).is_some()
            && left.chars().any(char::is_lowercase)
            && r0.is_uppercase()
            && r1.is_some_and(char::is_lowercase)
            && !is_tld(&self.bytes[nx..self.word_chars_end(nx)])
    }

    /// Phone numbers and numeric dates: digit groups joined by hyphens, three
    /// or more groups, or 1-3 digits then 4 (`853-3989`, `3-5290`). `j` is
    /// the first hyphen.
    fn phone_end(&self, s: usize, j: usize) -> Option<usize> {
        let b = self.bytes;
        let mut groups = 1;
        let g0 = j - s;
        let mut g1 = 0;
        let mut p = j;
        while p < self.end && b[p] == b'-' {
            let q = p + 1;
            let mut r = q;
            while r < self.end && b[r].is_ascii_digit() {
                r += 1;
            }
            if r == q {
                break;
            }
            if groups == 1 {
                g1 = r - q;
            }
            groups += 1;
            p = r;
        }
        if self.peek(p).is_some_and(is_word_char) {
            return None;
        }
        (groups >= 3 || (groups == 2 && g0 <= 3 && g1 == 4)).then_some(p)
    }

    /// A URL starting at `s`: the rest of the chunk, minus trailing
    /// punctuation (a `)` stays if the URL opened one).
    fn url(&mut self, s: usize) -> usize {
        let mut e = self.end;
        let u = &self.text[s..e];
        let open = u.matches('(').count();
        let mut close = u.matches(')').count();
        while let Some(c) = self.text[s..e].chars().next_back() {
            let trim = match c {
                ')' => open < close,
                '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '”' | '’' | '»' | '>' | ']' | '}' => true,
                _ => false,
            };
            if !trim {
                break;
            }
            if c == ')' {
                close -= 1;
            }
            e -= c.len_utf8();
        }
        self.push(s, e);
        e
    }

    /// Whether the period at `p`, right after the word `s..p`, belongs to it.
    fn keep_period(&self, s: usize, p: usize, dots: bool) -> bool {
        let w = &self.text[s..p];
        if dots {
            // `U.S.` keeps its period even at the end (names in the actor
            // dictionaries end so); `p.m.`, `e.g.` only inside the text.
            return is_dotted_abbrev(w) && (w.bytes().any(|x| x.is_ascii_uppercase()) || !self.only_closers_after(p + 1));
        }
        if is_single_letter(w) {
            return !self.only_closers_after(p + 1);
        }
        match abbrev_kind(w) {
            Some(Abbrev::Title | Abbrev::Month | Abbrev::Inner | Abbrev::Strong) => true,
            Some(Abbrev::Weak) => !self.only_closers_after(p + 1),
            Some(Abbrev::Numeric) => self.digit_follows(p + 1),
            None => false,
        }
    }

    /// Only closing quotes/brackets and space from `i` to the end of text.
    fn only_closers_after(&self, i: usize) -> bool {
        match self.text.get(i..) {
            Some(r) => r.chars().all(|c| is_space(c) || is_closer(c)),
            None => true,
        }
    }

    /// An ASCII digit after optional spaces from `i`.
    fn digit_follows(&self, i: usize) -> bool {
        let Some(r) = self.text.get(i..) else {
            return false;
        };
        r.chars().find(|&c| !is_space(c)).is_some_and(|c| c.is_ascii_digit())
    }

    /// Emit the word `s..e`, splitting off clitics, units and the like.
    fn emit_word(&mut self, s: usize, e: usize, apos: bool) {
        if apos {
            let mut cuts = [0usize; 2];
            let mut k = 0;
            let mut cur = e;
            while k < cuts.len() {
                match clitic_split(&self.text[s..cur]) {
                    Some(off) => {
                        cuts[k] = s + off;
                        cur = s + off;
                        k += 1;
                    }
                    None => break,
                }
            }
            self.emit_plain(s, cur);
            let mut to = e;
            let mut parts = [(0usize, 0usize); 2];
            for (idx, &from) in cuts[..k].iter().enumerate() {
                parts[idx] = (from, to);
                to = from;
            }
            for &(from, to) in parts[..k].iter().rev() {
                self.push(from, to);
            }
            return;
        }
        self.emit_plain(s, e);
    }

    fn emit_plain(&mut self, s: usize, e: usize) {
        if let Some(k) = special_split(&self.text[s..e]) {
            self.push(s, s + k);
            self.push(s + k, e);
        } else {
            self.push(s, e);
        }
    }
}

/// Generic top-level domains (`Newsfeed.Com` is not a missing space).
fn is_tld(w: &[u8]) -> bool {
    [&b"com"[..], b"net", b"org", b"gov", b"edu", b"int", b"mil", b"info", b"biz"].iter().any(|s| eq_ascii_ci(w, s))
}

/// Length of an emoticon at the start of `b` if it is followed by the end
/// of the chunk: `:)`, `:-(`, `;)`, `:P`, `:D`.
fn emoticon_end(b: &[u8]) -> Option<usize> {
    let k = if b.get(1) == Some(&b'-') { 2 } else { 1 };
    let m = b.get(k)?;
    (matches!(m, b')' | b'(' | b'P' | b'p' | b'D' | b'/' | b']' | b'[') && b.len() == k + 1).then_some(k + 1)
}

fn is_scheme(w: &[u8]) -> bool {
    [&b"http"[..], b"https", b"ftp", b"ftps", b"sftp", b"file"].iter().any(|s| eq_ascii_ci(w, s))
}

/// `s`, `m`, `d`, `re`, `ve`, `ll` (after an apostrophe).
fn is_clitic(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() <= 2 && [&b"s"[..], b"m", b"d", b"re", b"ve", b"ll"].iter().any(|c| eq_ascii_ci(b, c))
}

/// Offset in `w` where a trailing clitic starts: `n't`, `'s`, `'m`, `'d`,
/// `'re`, `'ve`, `'ll` (also with `’`). Not after digits (`80's`).
fn clitic_split(w: &str) -> Option<usize> {
    for suf in ["n't", "n’t"] {
        if w.len() > suf.len() && ends_with_ci(w, suf) {
            return Some(w.len() - suf.len());
        }
    }
    let (a, ap) = w.char_indices().rev().find(|&(_, c)| is_apostrophe(c))?;
    if a == 0 || !is_clitic(&w[a + ap.len_utf8()..]) {
        return None;
    }
    let before = &w[..a];
    if before.bytes().all(|x| x.is_ascii_digit()) || !before.chars().next_back().is_some_and(char::is_alphabetic) {
        return None;
    }
    Some(a)
}

/// Words EWT splits without an apostrophe (`cannot` → `can` `not`,
/// `gonna` → `gon` `na`, `dont` → `do` `nt`) and numbers glued to a unit
/// (`5pm` → `5` `pm`): the split offset.
fn special_split(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    if b.len() < 2 || b.len() > 12 {
        return None;
    }
    if b[0].is_ascii_digit() {
        let p = b.iter().position(|x| x.is_ascii_alphabetic())?;
        if !b[..p].iter().all(|x| x.is_ascii_digit() || *x == b'.' || *x == b',' || *x == b':') || !b[p - 1].is_ascii_digit() {
            return None;
        }
        // Lower-case units only (`5G`, `10MM` stay whole, as in EWT).
        return matches!(
            &b[p..],
            b"am"
                | b"pm"
                | b"km"
                | b"kg"
                | b"mm"
                | b"cm"
                | b"m"
                | b"g"
                | b"mg"
                | b"lb"
                | b"lbs"
                | b"ft"
                | b"mph"
                | b"kph"
                | b"kmh"
                | b"bn"
                | b"mn"
                | b"mln"
                | b"tn"
                | b"b"
                | b"k"
                | b"p"
                | b"kw"
                | b"kwh"
                | b"hrs"
                | b"hr"
                | b"min"
                | b"yrs"
                | b"ml"
                | b"sq"
                | b"GW"
                | b"MW"
                | b"kW"
                | b"kWh"
                | b"GB"
                | b"MB"
                | b"TB"
                | b"AM"
                | b"PM"
        )
        .then_some(p);
    }
    if b.len() > 8 || !b.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut buf = [0u8; 8];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    match &buf[..b.len()] {
        b"cannot" | b"gonna" | b"gotta" | b"wanna" => Some(3),
        b"dont" | b"didnt" | b"doesnt" | b"isnt" | b"wasnt" | b"arent" | b"werent" | b"couldnt" | b"wouldnt" | b"shouldnt" | b"havent"
        | b"hasnt" | b"hadnt" | b"cant" | b"aint" => Some(b.len() - 2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(s, &mut v);
        v.iter().map(|t| t.text(s)).collect()
    }

    fn check(s: &str, want: &[&str]) {
        assert_eq!(toks(s), want, "tokenizing {s:?}");
    }

    #[test]
    fn punctuation_split_off() {
        check("The talks ended.", &["The", "talks", "ended", "."]);
        check("Hello, world!", &["Hello", ",", "world", "!"]);
        check("Really?! No...", &["Really", "?!", "No", "..."]);
        check("(UTC +04:00)", &["(", "UTC", "+04:00", ")"]);
        check("a;b:c", &["a", ";", "b", ":", "c"]);
        check("wait…", &["wait", "…"]);
        check("x -- y", &["x", "--", "y"]);
        check("x—y – z", &["x", "—", "y", "–", "z"]);
        check("\"Yes,\" he said.", &["\"", "Yes", ",", "\"", "he", "said", "."]);
        check("“Peace” ‘now’", &["“", "Peace", "”", "‘", "now", "’"]);
        check("``quoted''", &["``", "quoted", "''"]);
        check("[1] {x} <y>", &["[", "1", "]", "{", "x", "}", "<", "y", ">"]);
        check("50% of $20", &["50", "%", "of", "$", "20"]);
    }

    #[test]
    fn hyphens() {
        check("Nagorno-Karabakh", &["Nagorno", "-", "Karabakh"]);
        check("the Russian-Turkish dialogue", &["the", "Russian", "-", "Turkish", "dialogue"]);
        check("U.K.-based firm", &["U.K.", "-", "based", "firm"]);
        check("a 15-year term", &["a", "15", "-", "year", "term"]);
        check("al-Qaeda", &["al", "-", "Qaeda"]);
        check("state-of-the-art", &["state", "-", "of", "-", "the", "-", "art"]);
        // Bound prefixes stay, as in EWT.
        check("co-operation", &["co-operation"]);
        check("e-mail anti-American mid-July", &["e-mail", "anti-American", "mid-July"]);
        check("an inter-Libyan dialogue", &["an", "inter-Libyan", "dialogue"]);
        check("Pan-Am Anti-war", &["Pan", "-", "Am", "Anti-war"]);
        check("D-N.Y.", &["D", "-", "N.Y."]);
        check("-5 degrees", &["-", "5", "degrees"]);
    }

    #[test]
    fn numbers() {
        check("20 3.5 1,000 1,000,000.50", &["20", "3.5", "1,000", "1,000,000.50"]);
        check("100th 1970s 2nd", &["100th", "1970s", "2nd"]);
        check("14:32 on 9/11 and 11/28/2000", &["14:32", "on", "9/11", "and", "11/28/2000"]);
        check("July 21-22", &["July", "21", "-", "22"]);
        check("call 713-853-3989 or 345-9945", &["call", "713-853-3989", "or", "345-9945"]);
        check("on 2020-07-24", &["on", "2020-07-24"]);
        check("1990-1995", &["1990", "-", "1995"]);
        check("at 5pm, 10km away", &["at", "5", "pm", ",", "10", "km", "away"]);
        check("in the '90s and 80's", &["in", "the", "'90s", "and", "80's"]);
        check("+44 20 +1,000", &["+44", "20", "+1,000"]);
        check("1+1", &["1", "+", "1"]);
        check("US$4.5 billion", &["US$", "4.5", "billion"]);
        check("5,6 and 3,40", &["5,6", "and", "3,40"]);
        check("in 2019, 2020", &["in", "2019", ",", "2020"]);
        check("ext. 3-5290", &["ext", ".", "3-5290"]);
        check("5G and 3pm", &["5G", "and", "3", "pm"]);
        check("$$$ ...?", &["$$$", "...?"]);
        check("Why?! Yes!.", &["Why", "?!", "Yes", "!."]);
        check("great :) :-( x:)", &["great", ":)", ":-(", "x", ":", ")"]);
        check("Newsfeed.Com", &["Newsfeed.Com"]);
        check("It rose 5.", &["It", "rose", "5", "."]);
    }

    #[test]
    fn clitics() {
        check("don't", &["do", "n't"]);
        check("Don't can't won't", &["Do", "n't", "ca", "n't", "wo", "n't"]);
        check("Turkey's role", &["Turkey", "'s", "role"]);
        check("Turkey’s role", &["Turkey", "’s", "role"]);
        check("the countries’ leaders", &["the", "countries", "’", "leaders"]);
        check("the countries' leaders", &["the", "countries", "'", "leaders"]);
        check("they're I'm we'll I've she'd", &["they", "'re", "I", "'m", "we", "'ll", "I", "'ve", "she", "'d"]);
        check("should've", &["should", "'ve"]);
        check("DIDN’T", &["DID", "N’T"]);
        check("O'Neill's plan", &["O'Neill", "'s", "plan"]);
        check("Shi'ite", &["Shi'ite"]);
        check("cannot gonna", &["can", "not", "gon", "na"]);
        check("dont", &["do", "nt"]);
        check("o'clock", &["o'clock"]);
        check("Bush 's", &["Bush", "'s"]);
        check("'Tis", &["'", "Tis"]);
    }

    #[test]
    fn abbreviations() {
        check("the U.S. and U.N. said", &["the", "U.S.", "and", "U.N.", "said"]);
        check(
            "Mr. Smith met Dr. Jones, Gen. Lee, Lt. Col. Day and Sen. Ross.",
            &["Mr.", "Smith", "met", "Dr.", "Jones", ",", "Gen.", "Lee", ",", "Lt.", "Col.", "Day", "and", "Sen.", "Ross", "."],
        );
        check("on Jan. 5 at Acme Inc. in St. Louis", &["on", "Jan.", "5", "at", "Acme", "Inc.", "in", "St.", "Louis"]);
        check("e.g. this, i.e. that", &["e.g.", "this", ",", "i.e.", "that"]);
        check("John F. Kennedy", &["John", "F.", "Kennedy"]);
        check("No. 10 said no.", &["No.", "10", "said", "no", "."]);
        check("Resolution No. 5", &["Resolution", "No.", "5"]);
        check("He said No.", &["He", "said", "No", "."]);
        check("at 5 p.m. today", &["at", "5", "p.m.", "today"]);
        check("visited the U.S.", &["visited", "the", "U.S."]);
        check("visited the U.S.\"", &["visited", "the", "U.S.", "\""]);
        check("apples, pears etc.", &["apples", ",", "pears", "etc", "."]);
        check("pears etc. were", &["pears", "etc.", "were"]);
        check("at 5 p.m.", &["at", "5", "p.m", "."]);
        check("on Nov.28 No.5", &["on", "Nov.", "28", "No.", "5"]);
        check("at 7:30PM", &["at", "7:30", "PM"]);
        check("Plan B.", &["Plan", "B", "."]);
        check("Plan B. Then", &["Plan", "B.", "Then"]);
        check("in Seattle, Wash. on", &["in", "Seattle", ",", "Wash.", "on"]);
        check("in Seattle, Wash.", &["in", "Seattle", ",", "Wash", "."]);
        check("the sun.", &["the", "sun", "."]);
        check("Mr.Smith", &["Mr.", "Smith"]);
        check("end.The", &["end", ".", "The"]);
        check("UrduPoint.com", &["UrduPoint.com"]);
        check("visit UrduPoint.com.", &["visit", "UrduPoint.com", "."]);
        check("Ph.D. student", &["Ph.D.", "student"]);
        check("MR. SMITH", &["MR.", "SMITH"]);
        check("gen. x", &["gen", ".", "x"]);
        check("etc...", &["etc", "..."]);
    }

    #[test]
    fn urls_and_emails() {
        check("see https://example.com/a?b=c, now", &["see", "https://example.com/a?b=c", ",", "now"]);
        check("(http://en.wikipedia.org/wiki/X_(y))", &["(", "http://en.wikipedia.org/wiki/X_(y)", ")"]);
        check("at www.un.org.", &["at", "www.un.org", "."]);
        check("mail john.smith@example.co.uk.", &["mail", "john.smith@example.co.uk", "."]);
        check("#Karabakh @UN_News", &["#Karabakh", "@UN_News"]);
        check("# 1 @ 5", &["#", "1", "@", "5"]);
        check("AT&T and Johnson&Johnson", &["AT&T", "and", "Johnson", "&", "Johnson"]);
        check("w/o and/or", &["w/o", "and", "/", "or"]);
    }

    #[test]
    fn offsets_and_unicode() {
        let s = "  Ça va?\u{200B}Oui.\n";
        let mut v = Vec::new();
        tokenize(s, &mut v);
        assert_eq!(v[0], Token { start: 2, end: 5 });
        assert_eq!(toks(s), ["Ça", "va", "?", "Oui", "."]);
        check("Erdoğan’s café", &["Erdoğan", "’s", "café"]);
        check("cafe\u{301} x", &["cafe\u{301}", "x"]);
        check("東京 2020", &["東京", "2020"]);
        check("🙂🙂", &["🙂", "🙂"]);
        check("", &[]);
        check(" \t\n ", &[]);
    }

    #[test]
    fn appends_to_output() {
        let mut v = vec![Token { start: 0, end: 0 }];
        tokenize("a b", &mut v);
        assert_eq!(v.len(), 3);
    }
}
