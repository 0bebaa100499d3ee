//! Averaged-perceptron training.

use super::features::{self, Feats, History, TokInfo};
use super::table::FeatTable;
use super::{argmax, Entry, Lex, Special, Tagger, MAX_CLASSES};
use crate::conllu::Sentence;
use crate::tags::{PosTag, Xpos};
use rustc_hash::{FxHashMap, FxHashSet};

/// Training settings. The defaults are the ones the shipped model uses.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub iterations: usize,
    /// Seed of the sentence shuffle before each pass.
    pub seed: u64,
    /// A feature must occur this often (counted with gold history) to get weights.
    pub min_feature_count: u32,
    /// Averaged weights with a smaller magnitude than this are dropped.
    pub prune_threshold: f32,
    /// Tag dictionary: a word (case kept) seen at least this often ...
    pub tagdict_min_count: u32,
    /// ... with one label at least this share of the time is tagged by lookup.
    pub tagdict_min_ratio: f64,
    /// Ambiguity-class lexicon: words seen at least this often ...
    pub lexicon_min_count: u32,
    /// ... and the labels they had at least this share of the time.
    pub lexicon_min_share: f64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            iterations: 10,
            seed: 0x5eed_bede,
            min_feature_count: 2,
            prune_threshold: 0.5,
            tagdict_min_count: 20,
            tagdict_min_ratio: 0.97,
            lexicon_min_count: 3,
            lexicon_min_share: 0.05,
        }
    }
}

/// SplitMix64: a tiny deterministic PRNG for the shuffle.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform-enough in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 11) as u128 * n as u128) >> 53) as usize
    }
}

#[derive(Clone, Copy)]
struct TEntry {
    class: u16,
    w: f32,
    total: f64,
    ts: u32,
}

struct Perceptron {
    index: FxHashMap<u64, u32>,
    rows: Vec<Vec<TEntry>>,
    now: u32,
    allowed: Option<FxHashSet<u64>>,
}

impl Perceptron {
    fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for k in feats {
            if let Some(&r) = self.index.get(k) {
                for e in &self.rows[r as usize] {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    fn bump(&mut self, key: u64, class: u16, delta: f32) {
        let r = match self.index.get(&key) {
            Some(&r) => r,
            None => {
                if let Some(a) = &self.allowed {
                    if !a.contains(&key) {
                        return;
                    }
                }
                let r = self.rows.len() as u32;
                self.index.insert(key, r);
                self.rows.push(Vec::new());
                r
            }
        };
        let now = self.now;
        let row = &mut self.rows[r as usize];
        let e = match row.iter_mut().position(|e| e.class == class) {
            Some(i) => &mut row[i],
            None => {
                row.push(TEntry { class, w: 0.0, total: 0.0, ts: now });
                let last = row.len() - 1;
                &mut row[last]
            }
        };
        e.total += f64::from(now - e.ts) * f64::from(e.w);
        e.ts = now;
        e.w += delta;
    }

    fn averaged(&self, e: &TEntry) -> f64 {
        let now = f64::from(self.now.max(1));
        (e.total + f64::from(self.now - e.ts) * f64::from(e.w)) / now
    }
}

struct Prepared {
    toks: Vec<TokInfo>,
    sent: u64,
    gold: Vec<u16>,
}

/// The label set: every (UPOS, XPOS) pair seen, in tag-set order.
fn label_set(sentences: &[Sentence]) -> Vec<PosTag> {
    let mut pairs: Vec<PosTag> = sentences.iter().flat_map(|s| s.tags.iter().copied()).collect::<FxHashSet<_>>().into_iter().collect();
    pairs.sort_by_key(|t| (t.upos.index(), t.xpos.index()));
    pairs.truncate(MAX_CLASSES);
    pairs
}

pub(super) fn train(sentences: &[Sentence], opts: &TrainOptions, progress: &mut dyn FnMut(usize, f64)) -> Tagger {
    let pairs = label_set(sentences);
    let pairs = &pairs[..];
    let class_of: FxHashMap<PosTag, u16> = pairs.iter().enumerate().map(|(i, t)| (*t, i as u16)).collect();

    // Counts per word form for the lexicon and the tag dictionary.
    let mut by_lower: FxHashMap<u64, FxHashMap<u16, u32>> = FxHashMap::default();
    let mut by_raw: FxHashMap<u64, FxHashMap<u16, u32>> = FxHashMap::default();
    let mut prepared = Vec::with_capacity(sentences.len());
    for s in sentences {
        let mut toks = Vec::with_capacity(s.words.len() + 4);
        toks.push(features::pad(2));
        toks.push(features::pad(1));
        let mut gold = Vec::with_capacity(s.words.len());
        for (w, t) in s.words.iter().zip(&s.tags) {
            // Only labels past MAX_CLASSES are missing; they count as label 0.
            let c = class_of.get(t).copied().unwrap_or(0);
            let ti = features::token_info(w);
            *by_lower.entry(ti.lower).or_default().entry(c).or_default() += 1;
            *by_raw.entry(ti.raw).or_default().entry(c).or_default() += 1;
            toks.push(ti);
            gold.push(c);
        }
        toks.push(features::pad(3));
        toks.push(features::pad(4));
        prepared.push(Prepared { toks, sent: 0, gold });
    }
    // The lexicon keeps apart what a word's form decides, not what its context
    // does: past tense and participle (and base form and present) share a class,
    // so that a word seen a few times as VBN only is not pushed to VBN.
    let coarse: Vec<u16> = pairs
        .iter()
        .map(|t| {
            let x = match t.xpos {
                Xpos::Vbn => Xpos::Vbd,
                Xpos::Vbp => Xpos::Vb,
                x => x,
            };
            (t.upos.index() * Xpos::ALL.len() + x.index()) as u16
        })
        .collect();
    let mut lexicon: FxHashMap<u64, Lex> = FxHashMap::default();
    for (&k, counts) in &by_lower {
        let total: u32 = counts.values().sum();
        if total < opts.lexicon_min_count {
            continue;
        }
        let mut cs: Vec<u16> = counts
            .iter()
            .filter(|(_, &n)| f64::from(n) >= opts.lexicon_min_share * f64::from(total))
            .map(|(&c, _)| coarse[c as usize])
            .collect();
        cs.sort_unstable();
        cs.dedup();
        let top = counts.iter().max_by_key(|(&c, &n)| (n, std::cmp::Reverse(c))).map_or(0, |(&c, _)| c);
        lexicon.insert(k, Lex { amb: features::amb_value(&cs), top });
    }
    let mut tagdict: FxHashMap<u64, u16> = FxHashMap::default();
    for (&k, counts) in &by_raw {
        let total: u32 = counts.values().sum();
        if total < opts.tagdict_min_count {
            continue;
        }
        if let Some((&c, &n)) = counts.iter().max_by_key(|(&c, &n)| (n, std::cmp::Reverse(c))) {
            if f64::from(n) >= opts.tagdict_min_ratio * f64::from(total) {
                tagdict.insert(k, c);
            }
        }
    }
    for p in &mut prepared {
        let n = p.toks.len();
        for t in &mut p.toks[2..n - 2] {
            if let Some(l) = lexicon.get(&t.lower) {
                t.amb = l.amb;
                t.top = l.top;
            }
        }
        p.sent = features::sentence_class(&p.toks);
    }
    let mut tagger = Tagger { classes: pairs.to_vec(), table: FeatTable::default(), tagdict, lexicon, special: Special::new(pairs) };
    if !pairs.is_empty() {
        tagger.table = perceptron(&tagger, &prepared, opts, progress);
    }
    tagger
}

/// Runs the perceptron over `prepared` and returns the averaged, pruned and
/// quantised weights. `base` gives the labels and the forced labels.
fn perceptron(base: &Tagger, prepared: &[Prepared], opts: &TrainOptions, progress: &mut dyn FnMut(usize, f64)) -> FeatTable {
    let nc = base.classes.len();
    let extract = |p: &Prepared, j: usize, h: &History, feats: &mut Feats| {
        features::static_features(&p.toks, j, p.sent, feats);
        features::history_features(&p.toks, j, h, feats);
    };

    // Optional count cut-off, counted with gold history.
    let allowed = if opts.min_feature_count > 1 {
        let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
        let mut feats = Feats::new();
        for p in prepared {
            let mut h = History::new();
            for j in 2..p.toks.len() - 2 {
                extract(p, j, &h, &mut feats);
                for &k in feats.as_slice() {
                    *counts.entry(k).or_default() += 1;
                }
                let g = p.gold[j - 2];
                h.push(g);
            }
        }
        Some(counts.into_iter().filter(|&(_, n)| n >= opts.min_feature_count).map(|(k, _)| k).collect())
    } else {
        None
    };

    let mut model = Perceptron { index: FxHashMap::default(), rows: Vec::new(), now: 0, allowed };
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut rng = SplitMix(opts.seed);
    let mut feats = Feats::new();
    let mut scores = vec![0f32; nc];
    for it in 1..=opts.iterations {
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let p = &prepared[si];
            let mut h = History::new();
            for j in 2..p.toks.len() - 2 {
                let gold = p.gold[j - 2];
                let guess = match base.forced(&p.toks[j]) {
                    Some(c) => c,
                    None => {
                        extract(p, j, &h, &mut feats);
                        model.score(feats.as_slice(), &mut scores);
                        let guess = argmax(&scores);
                        model.now += 1;
                        if guess != gold {
                            for &k in feats.as_slice() {
                                model.bump(k, gold, 1.0);
                                model.bump(k, guess, -1.0);
                            }
                        }
                        guess
                    }
                };
                correct += usize::from(guess == gold);
                total += 1;
                h.push(guess);
            }
        }
        progress(it, if total == 0 { 0.0 } else { correct as f64 / total as f64 });
        // Shuffle for the next pass (Fisher-Yates).
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
    }

    // Average, prune, quantise.
    let mut keys: Vec<(u64, u32)> = model.index.iter().map(|(&k, &r)| (k, r)).collect();
    keys.sort_unstable();
    let mut avg: Vec<(u64, Vec<(u16, f64)>)> = Vec::with_capacity(keys.len());
    let mut max_abs = 0f64;
    let thr = f64::from(opts.prune_threshold.max(0.0));
    for (k, r) in keys {
        let mut row: Vec<(u16, f64)> =
            model.rows[r as usize].iter().map(|e| (e.class, model.averaged(e))).filter(|&(_, w)| w != 0.0 && w.abs() >= thr).collect();
        if row.is_empty() {
            continue;
        }
        row.sort_unstable_by_key(|&(c, _)| c);
        for &(_, w) in &row {
            max_abs = max_abs.max(w.abs());
        }
        avg.push((k, row));
    }
    // Scores sum at most ~70 weights, so 2^14 per weight leaves headroom in i32.
    let scale = if max_abs > 0.0 { max_abs / 16383.0 } else { 1.0 };
    let rows: Vec<(u64, Vec<Entry>)> = avg
        .into_iter()
        .map(|(k, row)| {
            let row: Vec<Entry> =
                row.into_iter().map(|(c, w)| Entry { class: c, w: (w / scale).round() as i16 }).filter(|e| e.w != 0).collect();
            (k, row)
        })
        .filter(|(_, row)| !row.is_empty())
        .collect();
    FeatTable::build(nc, rows.into_iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffle_rng_is_deterministic_and_in_range() {
        let mut a = SplitMix(7);
        let mut b = SplitMix(7);
        for n in 1..200 {
            let x = a.below(n);
            assert_eq!(x, b.below(n));
            assert!(x < n);
        }
    }
}
