use chrono::NaiveDate;
use std::path::PathBuf;

/// Where a record came from, for error messages and evidence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourcePos {
    /// The input file, or `None` for stdin / in-memory input.
    pub file: Option<PathBuf>,
    /// 1-based line number for line-oriented inputs (JSONL), else `None`.
    pub line: Option<u64>,
}

impl std::fmt::Display for SourcePos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.file {
            Some(p) => write!(f, "{}", p.display())?,
            None => write!(f, "<stdin>")?,
        }
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        Ok(())
    }
}

/// One input article as read, before cleaning.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    pub id: String,
    /// The raw text (scraped page text, or main text extracted from HTML).
    pub text: String,
    /// Publication date, when the record gives one (`YYYY-MM-DD` or RFC 3339).
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub language: Option<String>,
    pub pos: SourcePos,
}
