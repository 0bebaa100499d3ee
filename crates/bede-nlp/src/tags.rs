//! The two tag sets the tagger predicts together: Universal POS (UPOS) and
//! the Penn Treebank tags of UD English EWT (XPOS). The chunker and coder read
//! XPOS (it tells VBD from VBN, which voice and tense need); accuracy is
//! reported on both.

macro_rules! tagset {
    ($(#[$m:meta])* $name:ident { $($v:ident = $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum $name { $($v),* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),*];
            pub fn as_str(self) -> &'static str { match self { $($name::$v => $s),* } }
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some($name::$v),)* _ => None } }
            pub fn index(self) -> usize { self as usize }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

tagset!(
    /// Universal POS tags (UD v2).
    Upos {
        Adj = "ADJ", Adp = "ADP", Adv = "ADV", Aux = "AUX", Cconj = "CCONJ", Det = "DET",
        Intj = "INTJ", Noun = "NOUN", Num = "NUM", Part = "PART", Pron = "PRON", Propn = "PROPN",
        Punct = "PUNCT", Sconj = "SCONJ", Sym = "SYM", Verb = "VERB", X = "X",
    }
);

tagset!(
    /// Penn Treebank tags as used in UD English EWT's XPOS column.
    Xpos {
        Cc = "CC", Cd = "CD", Dt = "DT", Ex = "EX", Fw = "FW", In = "IN", Jj = "JJ", Jjr = "JJR",
        Jjs = "JJS", Ls = "LS", Md = "MD", Nn = "NN", Nns = "NNS", Nnp = "NNP", Nnps = "NNPS",
        Pdt = "PDT", Pos = "POS", Prp = "PRP", PrpS = "PRP$", Rb = "RB", Rbr = "RBR", Rbs = "RBS",
        Rp = "RP", Sym = "SYM", To = "TO", Uh = "UH", Vb = "VB", Vbd = "VBD", Vbg = "VBG",
        Vbn = "VBN", Vbp = "VBP", Vbz = "VBZ", Wdt = "WDT", Wp = "WP", WpS = "WP$", Wrb = "WRB",
        Comma = ",", Period = ".", Colon = ":", OpenQuote = "``", CloseQuote = "''",
        Lrb = "-LRB-", Rrb = "-RRB-", Dollar = "$", Hash = "#", Hyph = "HYPH", Nfp = "NFP",
        Add = "ADD", Afx = "AFX", Gw = "GW", Xx = "XX",
    }
);

impl Xpos {
    pub fn is_verb(self) -> bool {
        matches!(self, Xpos::Vb | Xpos::Vbd | Xpos::Vbg | Xpos::Vbn | Xpos::Vbp | Xpos::Vbz)
    }
    pub fn is_noun(self) -> bool {
        matches!(self, Xpos::Nn | Xpos::Nns | Xpos::Nnp | Xpos::Nnps)
    }
    pub fn is_proper_noun(self) -> bool {
        matches!(self, Xpos::Nnp | Xpos::Nnps)
    }
    pub fn is_adjective(self) -> bool {
        matches!(self, Xpos::Jj | Xpos::Jjr | Xpos::Jjs)
    }
    pub fn is_adverb(self) -> bool {
        matches!(self, Xpos::Rb | Xpos::Rbr | Xpos::Rbs)
    }
    pub fn is_punct(self) -> bool {
        matches!(
            self,
            Xpos::Comma | Xpos::Period | Xpos::Colon | Xpos::OpenQuote | Xpos::CloseQuote | Xpos::Lrb | Xpos::Rrb | Xpos::Hyph | Xpos::Nfp
        )
    }
}

/// The tagger's output for one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PosTag {
    pub upos: Upos,
    pub xpos: Xpos,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn tag_names_round_trip() {
        for t in Upos::ALL {
            assert_eq!(Upos::parse(t.as_str()), Some(*t));
        }
        for t in Xpos::ALL {
            assert_eq!(Xpos::parse(t.as_str()), Some(*t));
        }
        assert_eq!(Xpos::parse("VBN"), Some(Xpos::Vbn));
        assert!(Xpos::parse("nope").is_none());
    }
}
