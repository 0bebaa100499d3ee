//! The weight table: feature hash -> row of (label, weight).
//!
//! An open-addressing table of 8-byte slots (`fingerprint << 32 | ref`,
//! 0 = empty; linear probing on the low bits of the key). Most features have
//! a handful of non-zero weights and are stored sparse (a header entry with
//! the length, then `(label, weight)` entries); the few that have weights for
//! a good part of the labels (bias, previous tags, common suffixes) are stored
//! as dense rows, added with SIMD.
//!
//! Looking up all features of a token is done in phases so that the cache
//! misses of the different features overlap instead of queueing up.

use super::features::MAX_FEATS;
use super::Entry;

/// Size of the score array [`FeatTable::accumulate`] works on: labels are
/// masked with `SCORES - 1`, so indexing needs no bounds checks.
pub(crate) const SCORES: usize = 512;

/// Marks a dense row in a slot's reference.
const DENSE: u32 = 1 << 31;

#[derive(Debug, Clone, Default)]
pub(crate) struct FeatTable {
    slots: Vec<u64>,
    mask: usize,
    /// Sparse rows, each a header (`class` = length) and its entries.
    entries: Vec<Entry>,
    /// Dense rows of `stride` weights.
    dense: Vec<i16>,
    stride: usize,
    /// Key and reference of every row, in row order (only read to serialise).
    keys: Vec<(u64, u32)>,
    weights: usize,
}

#[inline(always)]
fn fingerprint(key: u64) -> u64 {
    key >> 32
}

impl FeatTable {
    /// Builds the table for `n_labels` labels from rows of `(label, weight)`
    /// sorted by label; keys must be distinct. Empty rows and labels out of
    /// range are dropped.
    pub fn build(n_labels: usize, rows: impl ExactSizeIterator<Item = (u64, Vec<Entry>)>) -> FeatTable {
        let n = rows.len();
        let cap = (n * 2).next_power_of_two().max(16);
        let nl = n_labels.min(SCORES);
        let stride = nl.div_ceil(16) * 16;
        let mut t = FeatTable {
            slots: vec![0; cap],
            mask: cap - 1,
            entries: Vec::new(),
            dense: Vec::new(),
            stride,
            keys: Vec::with_capacity(n),
            weights: 0,
        };
        for (key, mut row) in rows {
            row.retain(|e| (e.class as usize) < nl);
            if row.is_empty() {
                continue;
            }
            let r = if row.len() * 4 >= nl {
                let idx = t.dense.len() / stride.max(1);
                let Ok(r) = u32::try_from(idx) else { break };
                if r >= DENSE - 1 {
                    break;
                }
                let base = t.dense.len();
                t.dense.resize(base + stride, 0);
                for e in &row {
                    t.dense[base + e.class as usize] = e.w;
                }
                (r + 1) | DENSE
            } else {
                let Ok(r) = u32::try_from(t.entries.len() + 1) else {
                    break;
                };
                if r >= DENSE {
                    break;
                }
                t.entries.push(Entry { class: row.len() as u16, w: 0 });
                t.entries.extend_from_slice(&row);
                r
            };
            t.weights += row.len();
            t.keys.push((key, r));
            let mut ix = key as usize & t.mask;
            while t.slots[ix] != 0 {
                ix = (ix + 1) & t.mask;
            }
            t.slots[ix] = fingerprint(key) << 32 | u64::from(r);
        }
        t.entries.shrink_to_fit();
        t.dense.shrink_to_fit();
        t
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Number of non-zero weights.
    pub fn num_weights(&self) -> usize {
        self.weights
    }

    /// Width of the scores [`accumulate`](Self::accumulate) writes (≥ labels).
    pub fn stride(&self) -> usize {
        self.stride
    }

    /// The non-zero weights of a row reference.
    fn row(&self, r: u32) -> Vec<Entry> {
        if r & DENSE != 0 {
            let base = ((r & !DENSE) as usize - 1) * self.stride;
            self.dense
                .get(base..base + self.stride)
                .unwrap_or(&[])
                .iter()
                .enumerate()
                .filter(|(_, &w)| w != 0)
                .map(|(c, &w)| Entry { class: c as u16, w })
                .collect()
        } else {
            let start = r as usize;
            let len = self.entries.get(start - 1).map_or(0, |e| e.class as usize);
            self.entries.get(start..start + len).unwrap_or(&[]).to_vec()
        }
    }

    /// The row of `key`, if any.
    #[cfg(test)]
    pub fn get(&self, key: u64) -> Option<Vec<Entry>> {
        let fp = fingerprint(key);
        let mut ix = key as usize & self.mask;
        loop {
            let s = *self.slots.get(ix)?;
            if s == 0 {
                return None;
            }
            if s >> 32 == fp {
                return Some(self.row(s as u32));
            }
            ix = (ix + 1) & self.mask;
        }
    }

    /// All rows with their keys, in the order they were given to `build`.
    pub fn rows(&self) -> impl Iterator<Item = (u64, Vec<Entry>)> + '_ {
        self.keys.iter().map(|&(k, r)| (k, self.row(r)))
    }

    /// Adds the weights of all `keys` to `scores` (indexed by label; only the
    /// first [`stride`](Self::stride) are touched).
    #[inline]
    pub fn accumulate(&self, keys: &[u64], scores: &mut [i32; SCORES]) {
        if self.slots.is_empty() {
            return;
        }
        let keys = &keys[..keys.len().min(MAX_FEATS)];
        // Phase 1: the home slot of every key (independent loads).
        let mut first = [0u64; MAX_FEATS];
        for (f, &k) in first.iter_mut().zip(keys) {
            *f = self.slots[k as usize & self.mask];
        }
        // Phase 2: resolve the (rare) probe chains; dense rows are added at once.
        let mut sparse = [0u32; MAX_FEATS];
        let mut m = 0usize;
        let stride = self.stride;
        for (&k, &s0) in keys.iter().zip(&first) {
            let fp = fingerprint(k);
            let mut s = s0;
            let mut ix = k as usize & self.mask;
            while s != 0 {
                if s >> 32 == fp {
                    let r = s as u32;
                    if r & DENSE != 0 {
                        let base = ((r & !DENSE) as usize - 1) * stride;
                        if let Some(row) = self.dense.get(base..base + stride) {
                            for (a, &w) in scores.iter_mut().zip(row) {
                                *a += i32::from(w);
                            }
                        }
                    } else {
                        sparse[m] = r;
                        m += 1;
                    }
                    break;
                }
                ix = (ix + 1) & self.mask;
                s = self.slots[ix];
            }
        }
        // Phase 3: sparse row headers (independent loads), then the rows.
        let mut lens = [0u16; MAX_FEATS];
        for (l, &st) in lens.iter_mut().zip(&sparse[..m]) {
            *l = self.entries.get(st as usize - 1).map_or(0, |e| e.class);
        }
        for (&st, &l) in sparse[..m].iter().zip(&lens[..m]) {
            let st = st as usize;
            if let Some(row) = self.entries.get(st..st + l as usize) {
                for e in row {
                    scores[e.class as usize & (SCORES - 1)] += i32::from(e.w);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_and_lookup() {
        let mut rows: Vec<(u64, Vec<Entry>)> = (1..200u64)
            .map(|i| {
                let key = i.wrapping_mul(0x9e37_79b9_7f4a_7c15);
                (key, vec![Entry { class: (i % 5) as u16 + 1, w: i as i16 }])
            })
            .collect();
        // A dense row.
        rows.push((42, (0..20).map(|c| Entry { class: c, w: -1 }).collect()));
        let t = FeatTable::build(20, rows.clone().into_iter());
        assert_eq!(t.len(), 200);
        assert_eq!(t.num_weights(), 199 + 20);
        assert_eq!(t.stride(), 32);
        for (k, r) in &rows {
            assert_eq!(t.get(*k).as_ref(), Some(r));
        }
        assert_eq!(t.get(12345), None);
        let mut scores = [0i32; SCORES];
        t.accumulate(&[rows[0].0, rows[1].0, 777, 42], &mut scores);
        assert_eq!(scores[..6], [-1, -1, 0, 1, -1, -1]);
        let back: Vec<(u64, Vec<Entry>)> = t.rows().collect();
        assert_eq!(back, rows);
        let empty = FeatTable::default();
        empty.accumulate(&[1, 2], &mut scores);
    }
}
