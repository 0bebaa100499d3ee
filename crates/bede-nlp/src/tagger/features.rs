//! Word normalisation and feature hashing, shared by training and tagging.
//!
//! Nothing here allocates: a word is read once, char by char, and summarised
//! as a handful of 64-bit hashes ([`TokInfo`]); a feature is a hash of its
//! template id and the values it combines.

/// Per-word summary; everything the feature templates look at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokInfo {
    /// Normalised, lowercased form (digits as `0`).
    pub lower: u64,
    /// Normalised form with case kept (digits as `0`): the tag dictionary key.
    pub raw: u64,
    /// Lowercased prefixes of 1..=4 chars (`NONE_PART` when the word is shorter).
    pub pre: [u64; 4],
    /// Lowercased suffixes of 1..=4 chars (`NONE_PART` when the word is shorter).
    pub suf: [u64; 4],
    /// Collapsed word shape (`Xx`, `d.d`, `X.X.`).
    pub shape: u64,
    /// Ambiguity class from the lexicon (filled in by the model).
    pub amb: u64,
    /// Most frequent label from the lexicon ([`NO_LABEL`] if unknown).
    pub top: u16,
    /// `FLAG_*` bits.
    pub flags: u32,
    /// Length in chars, capped.
    pub len: u32,
    /// What a curly quote says about its direction.
    pub quote: Quote,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Quote {
    #[default]
    None,
    Open,
    Close,
}

pub(crate) const FLAG_INIT_CAP: u32 = 1;
pub(crate) const FLAG_ALL_CAPS: u32 = 1 << 1;
pub(crate) const FLAG_DIGIT: u32 = 1 << 2;
pub(crate) const FLAG_HYPHEN: u32 = 1 << 3;
pub(crate) const FLAG_NO_LETTER: u32 = 1 << 4;
pub(crate) const FLAG_PERIOD: u32 = 1 << 5;
pub(crate) const FLAG_INNER_CAP: u32 = 1 << 6;
pub(crate) const FLAG_URLISH: u32 = 1 << 7;
pub(crate) const FLAG_NON_ASCII: u32 = 1 << 8;
pub(crate) const N_FLAGS: u32 = 9;

pub(crate) const NONE_PART: u64 = 0x6a09_e667_f3bc_c908;
pub(crate) const UNKNOWN_AMB: u64 = 0xbb67_ae85_84ca_a73b;
pub(crate) const NO_LABEL: u16 = u16::MAX;

const K_STEP: u64 = 0x517c_c1b7_2722_0a95;
const K_T: u64 = 0x9e37_79b9_7f4a_7c15;
const K_B: u64 = 0xc2b2_ae3d_27d4_eb4f;

#[inline(always)]
fn step(h: u64, c: char) -> u64 {
    (h.rotate_left(5) ^ c as u64).wrapping_mul(K_STEP)
}

/// Murmur3's 64-bit finaliser.
#[inline(always)]
pub(crate) fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Hash of a finished char sequence of `len` chars.
#[inline(always)]
fn finish(h: u64, len: u32) -> u64 {
    mix(h ^ (len as u64).wrapping_mul(K_B))
}

/// Feeds the normalised chars of `word` to `f`: curly quotes and primes to
/// ASCII `"`/`'`, dashes and odd hyphens to `-` (a token made only of dashes
/// becomes `--`, as UD EWT writes it), `…` to `...`, digits to `0`.
#[inline]
fn for_each_norm_char(word: &str, mut f: impl FnMut(char)) {
    if word.is_ascii() {
        for b in word.bytes() {
            f(if b.is_ascii_digit() { '0' } else { b as char });
        }
        return;
    }
    let all_dashes = word.chars().all(|c| matches!(c, '–' | '—' | '―' | '‒'));
    if all_dashes {
        f('-');
        f('-');
        return;
    }
    for c in word.chars() {
        match c {
            '0'..='9' => f('0'),
            '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '＂' => f('"'),
            '‘' | '’' | '‚' | '‛' | '′' | '＇' => f('\''),
            '–' | '—' | '―' | '‒' | '‐' | '‑' | '−' => f('-'),
            '…' => {
                f('.');
                f('.');
                f('.');
            }
            '\u{a0}' => f(' '),
            c => f(c),
        }
    }
}

fn shape_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() || c.is_alphabetic() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

/// Summarises one word. `amb` is left as [`UNKNOWN_AMB`].
pub(crate) fn token_info(word: &str) -> TokInfo {
    let quote = quote_of(word);
    // LaTeX-style opening quotes, as some tokenizers write them; UD EWT has `"`.
    let word = if word == "``" { "\"" } else { word };
    let mut h_raw = 0u64;
    let mut h_low = 0u64;
    let mut pre = [NONE_PART; 4];
    let mut ring = ['\0'; 4];
    let mut n = 0u32;
    let mut h_shape = 0u64;
    let mut last_shape = '\0';
    let mut shape_len = 0u32;
    let mut upper = 0u32;
    let mut lower = 0u32;
    let mut letters = 0u32;
    let mut flags = 0u32;
    let mut first_upper = false;
    let mut prev_char = '\0';
    for_each_norm_char(word, |c| {
        h_raw = step(h_raw, c);
        let lc = if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) };
        h_low = step(h_low, lc);
        ring[(n & 3) as usize] = lc;
        n += 1;
        if n <= 4 {
            pre[(n - 1) as usize] = finish(h_low, n);
        }
        let sc = shape_class(c);
        if sc != last_shape {
            h_shape = step(h_shape, sc);
            last_shape = sc;
            shape_len += 1;
        }
        match sc {
            'X' => {
                upper += 1;
                letters += 1;
                if n == 1 {
                    first_upper = true;
                } else if prev_char != '\0' && !matches!(prev_char, '-' | '.' | '\'') {
                    flags |= FLAG_INNER_CAP;
                }
            }
            'x' => {
                lower += 1;
                letters += 1;
            }
            'd' => flags |= FLAG_DIGIT,
            '-' => flags |= FLAG_HYPHEN,
            '.' => flags |= FLAG_PERIOD,
            '@' | '/' | ':' => flags |= FLAG_URLISH,
            _ => {}
        }
        if !c.is_ascii() {
            flags |= FLAG_NON_ASCII;
        }
        prev_char = c;
    });
    if first_upper {
        flags |= FLAG_INIT_CAP;
    }
    if upper > 1 && lower == 0 {
        flags |= FLAG_ALL_CAPS;
    }
    if letters == 0 {
        flags |= FLAG_NO_LETTER;
    }
    // An inner capital only counts in a mixed-case word ("iPhone", "McCain").
    if lower == 0 {
        flags &= !FLAG_INNER_CAP;
    }
    let mut suf = [NONE_PART; 4];
    for (k, s) in suf.iter_mut().enumerate() {
        let k = k as u32 + 1;
        if n >= k {
            let mut h = 0u64;
            for j in (n - k)..n {
                h = step(h, ring[(j & 3) as usize]);
            }
            *s = finish(h, k);
        }
    }
    TokInfo {
        lower: finish(h_low, n),
        raw: finish(h_raw, n),
        pre,
        suf,
        shape: finish(h_shape, shape_len),
        amb: UNKNOWN_AMB,
        top: NO_LABEL,
        flags,
        len: n.min(12),
        quote,
    }
}

fn quote_of(word: &str) -> Quote {
    match word {
        "“" | "‘" | "«" | "„" | "``" => Quote::Open,
        "”" | "»" => Quote::Close,
        _ => Quote::None,
    }
}

/// Padding before the sentence / after it.
pub(crate) fn pad(which: u64) -> TokInfo {
    let v = mix(0x5bd1_e995 ^ which);
    TokInfo { lower: v, raw: v, pre: [v; 4], suf: [v; 4], shape: v, amb: v, top: NO_LABEL, flags: 0, len: 0, quote: Quote::None }
}

/// Template ids. Changing the set or the meaning of any of these makes old
/// models useless, so the model file records [`FEATURE_SET`].
mod t {
    pub const BIAS: u64 = 1;
    pub const W: u64 = 2;
    pub const RAW: u64 = 3;
    pub const SUF: u64 = 4; // +0..3
    pub const PRE: u64 = 8; // +0..3
    pub const SHAPE: u64 = 12;
    pub const FLAG: u64 = 13;
    pub const FIRST_FLAG: u64 = 14;
    pub const LEN: u64 = 15;
    pub const WM1: u64 = 16;
    pub const WM2: u64 = 17;
    pub const WP1: u64 = 18;
    pub const WP2: u64 = 19;
    pub const SUF3M1: u64 = 20;
    pub const SUF3P1: u64 = 21;
    pub const WM1_W: u64 = 22;
    pub const W_WP1: u64 = 23;
    pub const SHAPEM1: u64 = 24;
    pub const SHAPEP1: u64 = 25;
    pub const AMB: u64 = 26;
    pub const AMBP1: u64 = 27;
    pub const AMBP2: u64 = 28;
    pub const AMB_AMBP1: u64 = 29;
    pub const SUF2P1: u64 = 30;
    pub const WP1_WP2: u64 = 31;
    // history
    pub const P1: u64 = 40;
    pub const P2: u64 = 41;
    pub const P1P2: u64 = 42;
    pub const P1_W: u64 = 43;
    pub const P1_AMB: u64 = 44;
    pub const P1_AMBP1: u64 = 45;
    pub const P1_SUF3: u64 = 46;
    pub const P2_W: u64 = 47;
    pub const P1_WP1: u64 = 48;
    // capitalisation context
    pub const CAP3: u64 = 50;
    pub const SENT_CAP: u64 = 51;
    pub const SENT_CAP2: u64 = 52;
    pub const WM1_WP1: u64 = 53;
    pub const UNK_SUF: u64 = 54;
    pub const UNK_SHAPE_M1: u64 = 55;
    pub const UNK_SHAPE_P1: u64 = 56;
    pub const UNK_P1: u64 = 57;
}

/// Identifies the template set; bump when `static_features`/`history_features` change.
pub(crate) const FEATURE_SET: u32 = 4;

/// Upper bound on the number of features of one token.
pub(crate) const MAX_FEATS: usize = 64;

#[inline(always)]
fn k1(t: u64, a: u64) -> u64 {
    mix(a ^ t.wrapping_mul(K_T))
}

#[inline(always)]
fn k2(t: u64, a: u64, b: u64) -> u64 {
    mix(a.rotate_left(23) ^ b.wrapping_mul(K_B) ^ t.wrapping_mul(K_T))
}

/// A fixed-capacity feature list (no heap).
pub(crate) struct Feats {
    pub keys: [u64; MAX_FEATS],
    pub n: usize,
}

impl Feats {
    pub fn new() -> Self {
        Feats { keys: [0; MAX_FEATS], n: 0 }
    }
    #[inline(always)]
    fn push(&mut self, k: u64) {
        if self.n < MAX_FEATS {
            self.keys[self.n] = k;
            self.n += 1;
        }
    }
    pub fn as_slice(&self) -> &[u64] {
        &self.keys[..self.n]
    }
}

/// Features of the word at `toks[j]` that do not depend on predicted tags.
/// `toks` is padded with two entries on each side, so `2 <= j < len - 2`.
#[inline]
pub(crate) fn static_features(toks: &[TokInfo], j: usize, sent: u64, out: &mut Feats) {
    out.n = 0;
    let w = &toks[j];
    let m1 = &toks[j - 1];
    let m2 = &toks[j - 2];
    let p1 = &toks[j + 1];
    let p2 = &toks[j + 2];
    out.push(k1(t::BIAS, 0));
    out.push(k1(t::W, w.lower));
    out.push(k1(t::RAW, w.raw));
    for k in 0..4 {
        if w.suf[k] != NONE_PART {
            out.push(k1(t::SUF + k as u64, w.suf[k]));
        }
    }
    for k in 0..4 {
        if w.pre[k] != NONE_PART {
            out.push(k1(t::PRE + k as u64, w.pre[k]));
        }
    }
    out.push(k1(t::SHAPE, w.shape));
    for b in 0..N_FLAGS {
        if w.flags & (1 << b) != 0 {
            out.push(k1(t::FLAG, b as u64));
        }
    }
    if j == 2 {
        out.push(k1(t::FIRST_FLAG, (w.flags & (FLAG_INIT_CAP | FLAG_ALL_CAPS)) as u64));
    }
    out.push(k1(t::LEN, w.len as u64));
    out.push(k1(t::WM1, m1.lower));
    out.push(k1(t::WM2, m2.lower));
    out.push(k1(t::WP1, p1.lower));
    out.push(k1(t::WP2, p2.lower));
    out.push(k1(t::SUF3M1, m1.suf[2]));
    out.push(k1(t::SUF3P1, p1.suf[2]));
    out.push(k1(t::SUF2P1, p1.suf[1]));
    out.push(k2(t::WM1_W, m1.lower, w.lower));
    out.push(k2(t::W_WP1, w.lower, p1.lower));
    out.push(k2(t::WP1_WP2, p1.lower, p2.lower));
    out.push(k1(t::SHAPEM1, m1.shape));
    out.push(k1(t::SHAPEP1, p1.shape));
    out.push(k1(t::AMB, w.amb));
    out.push(k1(t::AMBP1, p1.amb));
    out.push(k1(t::AMBP2, p2.amb));
    out.push(k2(t::AMB_AMBP1, w.amb, p1.amb));
    let (cm1, cw, cp1) = (cap_bits(m1), cap_bits(w), cap_bits(p1));
    out.push(k1(t::CAP3, cm1 | cw << 4 | cp1 << 8));
    out.push(k1(t::SENT_CAP, sent | cw << 8));
    out.push(k1(t::SENT_CAP2, sent | cw << 8 | cm1 << 12 | cp1 << 16));
    out.push(k2(t::WM1_WP1, m1.lower, p1.lower));
    if w.amb == UNKNOWN_AMB {
        // Words the lexicon does not know: conjunctions a linear model cannot form itself.
        out.push(k2(t::UNK_SUF, w.suf[2], cw | sent << 8));
        out.push(k2(t::UNK_SHAPE_M1, w.shape, m1.lower));
        out.push(k2(t::UNK_SHAPE_P1, w.shape, p1.lower));
    }
}

#[inline(always)]
fn cap_bits(t: &TokInfo) -> u64 {
    u64::from(t.flags & (FLAG_INIT_CAP | FLAG_ALL_CAPS | FLAG_NO_LETTER)) | u64::from(t.len == 0) << 3
}

/// Whether a [`sentence_class`] is that of a normally cased sentence (few
/// capitalised words after the first, not all in capitals).
pub(crate) fn is_normal_case(sent: u64) -> bool {
    matches!(sent & 15, 2 | 3)
}

/// A summary of the sentence's capitalisation (headline, all caps, all
/// lowercase, ...): `toks` is the padded sentence.
pub(crate) fn sentence_class(toks: &[TokInfo]) -> u64 {
    let words = toks.get(2..toks.len().saturating_sub(2)).unwrap_or(&[]);
    let (mut n, mut cap, mut all_caps) = (0u32, 0u32, 0u32);
    let mut first_lower = false;
    let mut seen_first = false;
    for w in words {
        if w.flags & FLAG_NO_LETTER != 0 {
            continue;
        }
        if !seen_first {
            seen_first = true;
            first_lower = w.flags & (FLAG_INIT_CAP | FLAG_ALL_CAPS) == 0;
            continue;
        }
        n += 1;
        if w.flags & FLAG_ALL_CAPS != 0 {
            all_caps += 1;
        }
        if w.flags & (FLAG_INIT_CAP | FLAG_ALL_CAPS) != 0 {
            cap += 1;
        }
    }
    let class = if n < 2 {
        0
    } else if all_caps * 2 > n {
        1
    } else if cap == 0 {
        2
    } else if cap * 10 < n * 3 {
        3
    } else if cap * 10 < n * 6 {
        4
    } else {
        5
    };
    class | u64::from(first_lower) << 4
}

/// What the tagger remembers of the labels it already gave in a sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct History {
    /// Label of the previous word ([`START1`] at the start).
    pub p1: u64,
    /// Label of the word before that ([`START2`]/[`START1`] at the start).
    pub p2: u64,
}

impl History {
    pub fn new() -> History {
        History { p1: START1, p2: START2 }
    }
    /// Records the label of the next word.
    #[inline]
    pub fn push(&mut self, class: u16) {
        self.p2 = self.p1;
        self.p1 = u64::from(class);
    }
}

/// Features that use the labels already given (see [`History`]); appended to `out`.
#[inline]
pub(crate) fn history_features(toks: &[TokInfo], j: usize, h: &History, out: &mut Feats) {
    let w = &toks[j];
    let (p1, p2) = (h.p1, h.p2);
    out.push(k1(t::P1, p1));
    out.push(k1(t::P2, p2));
    out.push(k2(t::P1P2, p1, p2));
    out.push(k2(t::P1_W, p1, w.lower));
    out.push(k2(t::P2_W, p2, w.lower));
    out.push(k2(t::P1_AMB, p1, w.amb));
    out.push(k2(t::P1_AMBP1, p1, toks[j + 1].amb));
    out.push(k2(t::P1_SUF3, p1, w.suf[2]));
    out.push(k2(t::P1_WP1, p1, toks[j + 1].lower));
    if w.amb == UNKNOWN_AMB {
        out.push(k2(t::UNK_P1, p1, w.shape));
    }
}

/// History value for "before the sentence start".
pub(crate) const START1: u64 = 0xffff_0001;
pub(crate) const START2: u64 = 0xffff_0002;

/// Combines the sorted set of classes a word was seen with into one value.
pub(crate) fn amb_value(classes: &[u16]) -> u64 {
    let mut h = 0x2545_f491_4f6c_dd1d_u64;
    for &c in classes {
        h = mix(h ^ (c as u64 + 1));
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_and_straight_forms_agree() {
        let a = token_info("don’t");
        let b = token_info("don't");
        assert_eq!(a.lower, b.lower);
        assert_eq!(a.suf, b.suf);
        assert_eq!(token_info("“").raw, token_info("\"").raw);
        assert_eq!(token_info("``").raw, token_info("\"").raw);
        assert_eq!(token_info("``").quote, Quote::Open);
        assert_eq!(token_info("—").raw, token_info("--").raw);
        assert_eq!(token_info("1990").lower, token_info("2024").lower);
        assert_ne!(token_info("1990").lower, token_info("199").lower);
        assert_eq!(token_info("The").lower, token_info("the").lower);
        assert_ne!(token_info("The").raw, token_info("the").raw);
        assert_eq!(token_info("…").raw, token_info("...").raw);
    }

    #[test]
    fn flags_and_shapes() {
        let t = token_info("McCain");
        assert!(t.flags & FLAG_INIT_CAP != 0);
        assert!(t.flags & FLAG_INNER_CAP != 0);
        assert!(token_info("iPhone").flags & FLAG_INNER_CAP != 0);
        assert!(token_info("USA").flags & FLAG_INNER_CAP == 0);
        assert!(token_info("NATO").flags & FLAG_ALL_CAPS != 0);
        assert!(token_info("A").flags & FLAG_ALL_CAPS == 0);
        assert!(token_info("3.5").flags & FLAG_DIGIT != 0);
        assert!(token_info(",").flags & FLAG_NO_LETTER != 0);
        assert_eq!(token_info("Reuters").shape, token_info("Paris").shape);
        assert_ne!(token_info("Reuters").shape, token_info("reuters").shape);
        assert_eq!(token_info("a").suf[1], NONE_PART);
        let _ = token_info("");
        let _ = token_info("ǅ\u{301}İ");
    }
}
