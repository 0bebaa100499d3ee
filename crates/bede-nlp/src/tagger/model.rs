//! The model file.
//!
//! ```text
//! "BEDEPOS\0"  magic (8 bytes)
//! u32 LE       format version (1)
//! gzip stream  of the payload (its CRC-32 and length catch corruption):
//!   u32 feature-set id           (features::FEATURE_SET)
//!   varint n, n x (str UPOS, str XPOS)         labels; str = varint len + UTF-8
//!   varint n, n x (varint key delta, varint label)        tag dictionary
//!   varint m, m x u64 ambiguity values;
//!   varint n, n x (varint key delta, varint value index, varint top label)   lexicon
//!   weight table: varint n, n x (varint key delta, varint k, k x (varint label delta, zigzag varint weight))
//!   "END!"
//! ```
//! Keys are sorted and delta-coded. All integers are LE; varints are LEB128.

use super::features::FEATURE_SET;
use super::table::FeatTable;
use super::{Entry, Lex, Special, Tagger, MAX_CLASSES};
use crate::tags::{PosTag, Upos, Xpos};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use rustc_hash::FxHashMap;
use std::io::{Read, Write};

const MAGIC: &[u8; 8] = b"BEDEPOS\0";
const VERSION: u32 = 1;
const TRAILER: &[u8; 4] = b"END!";
/// Refuse to inflate more than this (a corrupt length must not eat memory).
const MAX_PAYLOAD: u64 = 512 << 20;

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a Bede tagger model (bad magic header)")]
    BadMagic,
    #[error("tagger model format version {0} is not supported (expected {VERSION})")]
    Version(u32),
    #[error("tagger model uses feature set {0}, this build expects {FEATURE_SET}; retrain it")]
    FeatureSet(u32),
    #[error("corrupt tagger model: {0}")]
    Corrupt(String),
}

fn corrupt(what: impl Into<String>) -> ModelError {
    ModelError::Corrupt(what.into())
}

struct W(Vec<u8>);

impl W {
    fn varint(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(b);
                return;
            }
            self.0.push(b | 0x80);
        }
    }
    fn zigzag(&mut self, v: i64) {
        self.varint(((v << 1) ^ (v >> 63)) as u64);
    }
    fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
}

struct R<'a> {
    b: &'a [u8],
}

impl<'a> R<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if n > self.b.len() {
            return Err(corrupt("truncated payload"));
        }
        let (a, rest) = self.b.split_at(n);
        self.b = rest;
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let a = self.take(4)?;
        Ok(u32::from_le_bytes([a[0], a[1], a[2], a[3]]))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        let a = self.take(8)?;
        let mut x = [0u8; 8];
        x.copy_from_slice(a);
        Ok(u64::from_le_bytes(x))
    }
    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.take(1)?.first().ok_or_else(|| corrupt("truncated"))?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(corrupt("varint too long"))
    }
    fn zigzag(&mut self) -> Result<i64, ModelError> {
        let v = self.varint()?;
        Ok((v >> 1) as i64 ^ -((v & 1) as i64))
    }
    /// A count of items that each take at least `min_bytes`: bounded by what is left.
    fn count(&mut self, min_bytes: usize) -> Result<usize, ModelError> {
        let n = self.varint()?;
        if n > (self.b.len() / min_bytes.max(1)) as u64 {
            return Err(corrupt("count larger than the data"));
        }
        Ok(n as usize)
    }
    fn str(&mut self) -> Result<&'a str, ModelError> {
        let n = self.count(1)?;
        std::str::from_utf8(self.take(n)?).map_err(|_| corrupt("bad UTF-8 in a label"))
    }
}

fn sorted<V: Copy>(m: &FxHashMap<u64, V>) -> Vec<(u64, V)> {
    let mut v: Vec<(u64, V)> = m.iter().map(|(&k, &v)| (k, v)).collect();
    v.sort_unstable_by_key(|&(k, _)| k);
    v
}

pub(super) fn encode(t: &Tagger) -> Vec<u8> {
    let mut w = W(Vec::new());
    w.0.extend_from_slice(&FEATURE_SET.to_le_bytes());
    w.varint(t.classes.len() as u64);
    for c in &t.classes {
        w.str(c.upos.as_str());
        w.str(c.xpos.as_str());
    }

    let td = sorted(&t.tagdict);
    w.varint(td.len() as u64);
    let mut prev = 0u64;
    for (k, c) in td {
        w.varint(k - prev);
        w.varint(u64::from(c));
        prev = k;
    }

    let lex = sorted(&t.lexicon);
    let mut values: Vec<u64> = lex.iter().map(|&(_, v)| v.amb).collect();
    values.sort_unstable();
    values.dedup();
    w.varint(values.len() as u64);
    for v in &values {
        w.0.extend_from_slice(&v.to_le_bytes());
    }
    w.varint(lex.len() as u64);
    let mut prev = 0u64;
    for (k, v) in lex {
        w.varint(k - prev);
        w.varint(values.binary_search(&v.amb).unwrap_or(0) as u64);
        w.varint(u64::from(v.top));
        prev = k;
    }

    encode_table(&mut w, &t.table);
    w.0.extend_from_slice(TRAILER);

    let mut out = Vec::with_capacity(w.0.len() / 2 + 16);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    let mut gz = GzEncoder::new(out, flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = gz.write_all(&w.0);
    gz.finish().unwrap_or_default()
}

fn encode_table(w: &mut W, table: &FeatTable) {
    w.varint(table.len() as u64);
    let mut prev = 0u64;
    for (k, es) in table.rows() {
        // Rows come sorted by key (training and decoding both build them so).
        w.varint(k.wrapping_sub(prev));
        prev = k;
        w.varint(es.len() as u64);
        let mut pc = 0u16;
        for e in &es {
            w.varint(u64::from(e.class.wrapping_sub(pc)));
            w.zigzag(i64::from(e.w));
            pc = e.class;
        }
    }
}

pub(super) fn decode(bytes: &[u8]) -> Result<Tagger, ModelError> {
    if bytes.len() < 12 || &bytes[..8] != MAGIC {
        return Err(ModelError::BadMagic);
    }
    let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    if version != VERSION {
        return Err(ModelError::Version(version));
    }
    let mut payload = Vec::new();
    GzDecoder::new(&bytes[12..]).take(MAX_PAYLOAD).read_to_end(&mut payload).map_err(|e| corrupt(format!("decompression failed: {e}")))?;
    let mut r = R { b: &payload };
    let fs = r.u32()?;
    if fs != FEATURE_SET {
        return Err(ModelError::FeatureSet(fs));
    }
    let nc = r.count(2)?;
    if nc > MAX_CLASSES {
        return Err(corrupt("too many labels"));
    }
    let mut classes = Vec::with_capacity(nc);
    for _ in 0..nc {
        let u = r.str()?;
        let x = r.str()?;
        let upos = Upos::parse(u).ok_or_else(|| corrupt(format!("unknown UPOS {u:?}")))?;
        let xpos = Xpos::parse(x).ok_or_else(|| corrupt(format!("unknown XPOS {x:?}")))?;
        classes.push(PosTag { upos, xpos });
    }
    let n = r.count(2)?;
    let mut tagdict = FxHashMap::with_capacity_and_hasher(n, Default::default());
    let mut prev = 0u64;
    for _ in 0..n {
        let k = keyed(&mut r, &mut prev)?;
        tagdict.insert(k, label(r.varint()?, nc)?);
    }

    let nv = r.count(8)?;
    let mut values = Vec::with_capacity(nv);
    for _ in 0..nv {
        values.push(r.u64()?);
    }
    let n = r.count(2)?;
    let mut lexicon = FxHashMap::with_capacity_and_hasher(n, Default::default());
    let mut prev = 0u64;
    for _ in 0..n {
        let k = keyed(&mut r, &mut prev)?;
        let vi = r.varint()?;
        let amb = *values.get(usize::try_from(vi).unwrap_or(usize::MAX)).ok_or_else(|| corrupt("lexicon value out of range"))?;
        let top = label(r.varint()?, nc)?;
        lexicon.insert(k, Lex { amb, top });
    }

    let table = decode_table(&mut r, nc)?;
    if r.take(4)? != TRAILER || !r.b.is_empty() {
        return Err(corrupt("bad trailer"));
    }
    Ok(Tagger { special: Special::new(&classes), classes, table, tagdict, lexicon })
}

fn label(v: u64, nc: usize) -> Result<u16, ModelError> {
    if v < nc as u64 {
        Ok(v as u16)
    } else {
        Err(corrupt("label out of range"))
    }
}

fn keyed(r: &mut R, prev: &mut u64) -> Result<u64, ModelError> {
    let d = r.varint()?;
    *prev = prev.checked_add(d).ok_or_else(|| corrupt("key overflow"))?;
    Ok(*prev)
}

fn decode_table(r: &mut R, nc: usize) -> Result<FeatTable, ModelError> {
    let n = r.count(2)?;
    let mut rows: Vec<(u64, Vec<Entry>)> = Vec::with_capacity(n);
    let mut prev = 0u64;
    for i in 0..n {
        let k = keyed(r, &mut prev)?;
        if i > 0 && k == rows.last().map_or(0, |x| x.0) {
            return Err(corrupt("repeated feature key"));
        }
        let len = r.count(2)?;
        if len == 0 || len > nc {
            return Err(corrupt("bad feature row length"));
        }
        let mut row = Vec::with_capacity(len);
        let mut c = 0u64;
        for i in 0..len {
            let d = r.varint()?;
            if i > 0 && d == 0 {
                return Err(corrupt("repeated label in a feature row"));
            }
            c = c.checked_add(d).ok_or_else(|| corrupt("label overflow"))?;
            let class = label(c, nc)?;
            let w = i16::try_from(r.zigzag()?).map_err(|_| corrupt("weight out of range"))?;
            row.push(Entry { class, w });
        }
        rows.push((k, row));
    }
    Ok(FeatTable::build(nc, rows.into_iter()))
}
