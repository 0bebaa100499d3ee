//! A small CoNLL-U reader: just what the tagger needs (word forms and the
//! UPOS/XPOS pair of every syntactic word).
//!
//! - Comment lines (`# ...`) are skipped; a blank line ends a sentence (the
//!   last sentence need not be followed by one).
//! - Multiword token range lines (`3-4  don't ...`) are skipped: the syntactic
//!   words `3` and `4` that follow them are kept, as the tagger sees them.
//! - Empty nodes (`8.1 ...`, enhanced dependencies only) are skipped.
//! - Word ids must run 1, 2, 3, ... within a sentence.
//! - A UPOS that is not a UD v2 tag is an error.
//! - An XPOS that is not one of ours (in particular `_`, which treebanks
//!   without language-specific tags use) falls back to a default Penn tag for
//!   the UPOS, see [`fallback_xpos`]. UD English EWT has an XPOS on every word,
//!   so this only matters for other treebanks.
//!
//! Every error names the 1-based line number; malformed input never panics.

use crate::tags::{PosTag, Upos, Xpos};
use std::io::BufRead;

/// One sentence: its syntactic words and their gold tags (same length).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    pub words: Vec<String>,
    pub tags: Vec<PosTag>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConlluError {
    #[error("line {line}: read error: {source}")]
    Io {
        line: usize,
        #[source]
        source: std::io::Error,
    },
    #[error("line {line}: {reason}")]
    Malformed { line: usize, reason: String },
}

impl ConlluError {
    /// The 1-based line number the error is about.
    pub fn line(&self) -> usize {
        match self {
            ConlluError::Io { line, .. } | ConlluError::Malformed { line, .. } => *line,
        }
    }
}

/// The XPOS used when a word's XPOS column is `_` or not a Penn tag we know.
pub fn fallback_xpos(upos: Upos) -> Xpos {
    match upos {
        Upos::Adj => Xpos::Jj,
        Upos::Adp => Xpos::In,
        Upos::Adv => Xpos::Rb,
        Upos::Aux => Xpos::Vb,
        Upos::Cconj => Xpos::Cc,
        Upos::Det => Xpos::Dt,
        Upos::Intj => Xpos::Uh,
        Upos::Noun => Xpos::Nn,
        Upos::Num => Xpos::Cd,
        Upos::Part => Xpos::Rb,
        Upos::Pron => Xpos::Prp,
        Upos::Propn => Xpos::Nnp,
        Upos::Punct => Xpos::Nfp,
        Upos::Sconj => Xpos::In,
        Upos::Sym => Xpos::Sym,
        Upos::Verb => Xpos::Vb,
        Upos::X => Xpos::Xx,
    }
}

/// Reads every sentence of a CoNLL-U stream.
pub fn read_conllu(reader: impl BufRead) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut buf = Vec::new();
    let mut reader = reader;
    let mut line_no = 0usize;
    loop {
        buf.clear();
        line_no += 1;
        let n = reader.read_until(b'\n', &mut buf).map_err(|source| ConlluError::Io { line: line_no, source })?;
        if n == 0 {
            break;
        }
        let mut bytes: &[u8] = &buf;
        if line_no == 1 {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        }
        while let Some((&last, rest)) = bytes.split_last() {
            if last == b'\n' || last == b'\r' {
                bytes = rest;
            } else {
                break;
            }
        }
        let line =
            std::str::from_utf8(bytes).map_err(|e| ConlluError::Malformed { line: line_no, reason: format!("not valid UTF-8 ({e})") })?;
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        parse_word_line(line, line_no, &mut cur)?;
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

fn parse_word_line(line: &str, line_no: usize, cur: &mut Sentence) -> Result<(), ConlluError> {
    let bad = |reason: String| ConlluError::Malformed { line: line_no, reason };
    let mut cols = [""; 10];
    let mut n = 0usize;
    for field in line.split('\t') {
        if n == cols.len() {
            return Err(bad("more than 10 tab-separated columns".into()));
        }
        cols[n] = field;
        n += 1;
    }
    if n != 10 {
        return Err(bad(format!("expected 10 tab-separated columns, found {n}")));
    }
    let id = cols[0];
    if id.contains('-') {
        // Multiword token range: check it looks like one, then skip it.
        let ok = id.split_once('-').is_some_and(|(a, b)| a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok());
        return if ok { Ok(()) } else { Err(bad(format!("bad multiword token range id {id:?}"))) };
    }
    if id.contains('.') {
        let ok = id.split_once('.').is_some_and(|(a, b)| a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok());
        return if ok { Ok(()) } else { Err(bad(format!("bad empty node id {id:?}"))) };
    }
    let id: usize = id.parse().map_err(|_| bad(format!("bad word id {id:?}")))?;
    let expected = cur.words.len() + 1;
    if id != expected {
        return Err(bad(format!("expected word id {expected}, found {id}")));
    }
    let form = cols[1];
    if form.is_empty() {
        return Err(bad("empty FORM column".into()));
    }
    let upos = Upos::parse(cols[3]).ok_or_else(|| bad(format!("unknown UPOS {:?}", cols[3])))?;
    let xpos = Xpos::parse(cols[4]).unwrap_or_else(|| fallback_xpos(upos));
    cur.words.push(form.to_string());
    cur.tags.push(PosTag { upos, xpos });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Result<Vec<Sentence>, ConlluError> {
        read_conllu(s.as_bytes())
    }

    const SAMPLE: &str = "# sent_id = a-1\n\
# text = Ministers can't agree.\n\
1\tMinisters\tminister\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n\
2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tca\tcan\tAUX\tMD\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tagree\tagree\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
4.1\tagree\tagree\tVERB\tVB\t_\t_\t_\t_\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\
\n\
# sent_id = a-2\n\
1\tTalks\ttalk\tNOUN\t_\t_\t2\tnsubj\t_\t_\n\
2\tresumed\tresume\tVERB\tVBD\t_\t0\troot\t_\t_\n";

    #[test]
    fn reads_words_and_tags() {
        let s = read(SAMPLE).expect("valid sample");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words, ["Ministers", "ca", "n't", "agree", "."]);
        assert_eq!(s[0].tags.len(), 5);
        assert_eq!(s[0].tags[1], PosTag { upos: Upos::Aux, xpos: Xpos::Md });
        assert_eq!(s[0].tags[4].xpos, Xpos::Period);
        // `_` XPOS falls back to a default for the UPOS.
        assert_eq!(s[1].words, ["Talks", "resumed"]);
        assert_eq!(s[1].tags[0].xpos, Xpos::Nn);
        assert_eq!(s[1].tags[1].xpos, Xpos::Vbd);
    }

    #[test]
    fn crlf_bom_and_extra_blank_lines() {
        let text = "\u{feff}1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\r\n\r\n\r\n\
1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\r\n";
        let s = read(text).expect("valid");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words, ["Hi"]);
        assert_eq!(s[1].words, ["Yes"]);
    }

    #[test]
    fn empty_input() {
        assert!(read("").expect("empty is fine").is_empty());
        assert!(read("# only a comment\n\n").expect("fine").is_empty());
    }

    fn err_line(text: &str) -> (usize, String) {
        match read(text) {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(e) => (e.line(), e.to_string()),
        }
    }

    #[test]
    fn malformed_lines_name_their_line() {
        let (l, m) = err_line("# c\n1\tA\ta\tDET\tDT\t_\n");
        assert_eq!(l, 2);
        assert!(m.contains("line 2") && m.contains("10"), "{m}");

        let (l, m) = err_line("1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n2\tdog\tdog\tNOUNISH\tNN\t_\t1\tx\t_\t_\n");
        assert_eq!(l, 2);
        assert!(m.contains("UPOS"), "{m}");

        let (l, m) = err_line("x\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n");
        assert_eq!(l, 1);
        assert!(m.contains("word id"), "{m}");

        let (l, m) = err_line("1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n3\tdog\tdog\tNOUN\tNN\t_\t1\tx\t_\t_\n");
        assert_eq!(l, 2);
        assert!(m.contains("expected word id 2"), "{m}");

        let (l, _) = err_line("\n\n1-x\tA\t_\t_\t_\t_\t_\t_\t_\t_\n");
        assert_eq!(l, 3);

        let (l, _) = err_line("1\t\ta\tDET\tDT\t_\t0\troot\t_\t_\n");
        assert_eq!(l, 1);

        let (l, _) = err_line("1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\textra\n");
        assert_eq!(l, 1);

        let bytes: &[u8] = b"1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n2\t\xff\tx\tX\tXX\t_\t0\troot\t_\t_\n";
        match read_conllu(bytes) {
            Err(e) => assert_eq!(e.line(), 2),
            Ok(_) => panic!("invalid UTF-8 accepted"),
        }
    }

    #[test]
    fn never_panics_on_junk() {
        let junk = ["\t\t\t", "1\t", "-\t\t\t\t\t\t\t\t\t", "1.\t\t\t\t\t\t\t\t\t", "\u{0}"];
        for j in junk {
            let _ = read(j);
        }
    }
}
