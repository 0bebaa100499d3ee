//! A tolerant reader for PETRARCH validation files (`PETR.UnitTest.records.xml`
//! and its relatives).
//!
//! These files look like XML but are not always well-formed, so this is a small
//! hand-written scanner rather than an XML library:
//!
//! - UniversalPETRARCH's files self-close the record (`<Sentence ... />`) and put
//!   its `<EventCoding>`, `<Text>` and `<Parse>` after it as siblings, closed by a
//!   stray `</Sentence>`. A record therefore runs from its `<Sentence>` tag to the
//!   next `</Sentence>`, the next `<Sentence>` or the end of `<Sentences>`.
//! - Lines that start with `#` outside any tag are comments (they may contain
//!   `<EventCoding...>` in prose), and so are `<!-- -->` blocks.
//! - Attribute values are quoted with `'` or `"`, so `sourcecode='"NEW ACTOR"'`
//!   keeps the inner quotes; spaces around `=` are allowed (`date = "2008..."`).
//! - `<Parse>` is skipped unread: Bede never uses a pre-computed parse.
//!
//! What the reader keeps: the `<Environment>` (dictionary file names, the
//! `<Include>` list, anything else as name → text) and, per record, its id, date,
//! category, `evaluate` flag, text (whitespace-normalised, entities decoded), the
//! expected coding and the `<Config option=".." value="..">` options in force.
//!
//! Problems come in two sizes. A damaged *record* (no `<Text>`, a bad attribute,
//! a tag left open inside it) is reported as a [`Diagnostic`] in
//! [`ValidationFile::warnings`] and skipped; the rest of the file is read. A
//! damaged *file* (truncated inside a tag, comment or element; an end tag that
//! closes nothing or leaves an outer element open) is an [`XmlError`]. The reader
//! never panics, and every step consumes input, so it always terminates.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// A parsed validation file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValidationFile {
    /// The name the file was read under (its path, or what `parse_str` was given).
    pub name: String,
    pub environment: Environment,
    /// The records in file order (damaged records left out, see `warnings`).
    pub records: Vec<Record>,
    /// Records skipped and other oddities the reader worked around.
    pub warnings: Vec<Diagnostic>,
}

/// The `<Environment>` block: which dictionaries the file is meant to be run with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Environment {
    /// `<Verbfile>`.
    pub verbfile: Option<String>,
    /// `<Actorfile>`: a comma-separated list in the element; several elements add up.
    pub actorfiles: Vec<String>,
    /// `<Agentfile>`.
    pub agentfile: Option<String>,
    /// `<Discardfile>`.
    pub discardfile: Option<String>,
    /// `<Issuefile>`.
    pub issuefile: Option<String>,
    /// `<Include>`: the record categories the file asks to run (whitespace-separated).
    pub include: Vec<String>,
    /// Any other element (`Errorfile`, `Pause`, `PICOfile`, ...) as name → trimmed text.
    pub other: BTreeMap<String, String>,
}

/// One `<Sentence>` record.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The `id` attribute.
    pub id: String,
    /// The `date` attribute as written (PETRARCH uses `YYYYMMDD`).
    pub date: Option<String>,
    /// The `category` attribute (`DEMO`, `ACTOR`, `AFP`, ...).
    pub category: Option<String>,
    /// 1-based line of the `<Sentence` tag.
    pub line: usize,
    /// The `<Text>`, whitespace runs collapsed to one space, entities decoded.
    pub text: String,
    pub expected: Expected,
    /// The `<Config>` options in force at this record (environment and in-stream
    /// settings seen before it; a later setting of an option overrides an earlier one).
    pub config: BTreeMap<String, String>,
    /// The `evaluate` attribute, when present and a boolean.
    pub evaluate: Option<bool>,
}

/// What a record expects the coder to produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// One or more `<EventCoding sourcecode targetcode eventcode>`.
    Events(Vec<Coding>),
    /// `<EventCoding noevents="True">`: nothing should be coded.
    NoEvents,
    /// `<EventCoding error="...">`: PETRARCH should report this error (e.g.
    /// `storydiscard`, `bad_input_parse`) and code nothing.
    Error(String),
    /// No `<EventCoding>` at all.
    Unspecified,
}

impl Expected {
    /// The expected events; empty for every expectation but `Events`.
    pub fn events(&self) -> &[Coding] {
        match self {
            Expected::Events(v) => v,
            _ => &[],
        }
    }
}

/// One expected event: actor codes as written (`---` for none, `"NEW ACTOR"`
/// in quotes for an actor PETRARCH should report as unknown) and the event code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Coding {
    pub source: String,
    pub target: String,
    pub code: String,
}

/// A problem the reader worked around: a skipped record or an ignored tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line.
    pub line: usize,
    /// The id of the record concerned, when known.
    pub record: Option<String>,
    pub message: String,
    /// Whether the record was left out (else the reader only worked around something).
    pub skipped: bool,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.record {
            Some(id) => write!(f, "line {}: record {id}: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// A problem that stops reading the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct XmlError {
    pub file: String,
    /// 1-based line.
    pub line: usize,
    pub message: String,
}

/// Read a validation file from disk. A file that is not UTF-8 is an error at the
/// line of the first bad byte.
pub fn parse_file(path: &Path) -> Result<ValidationFile, XmlError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| XmlError { file: name.clone(), line: 0, message: format!("cannot read: {e}") })?;
    match String::from_utf8(bytes) {
        Ok(text) => parse_str(&name, &text),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count();
            Err(XmlError { file: name, line, message: "not valid UTF-8".into() })
        }
    }
}

/// Read a validation file from a string; `name` is used in errors.
pub fn parse_str(name: &str, text: &str) -> Result<ValidationFile, XmlError> {
    Parser::new(name, text).run()
}

/// A PETRARCH boolean option value: `true`/`false` in any case (`True`, `FALSE`).
pub fn parse_bool(s: &str) -> Option<bool> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// Decode the five predefined XML entities and numeric character references;
/// anything else that starts with `&` is kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.get(1..).and_then(|r| r.find(';').filter(|&j| j <= 10).map(|j| (&r[..j], j + 2))).and_then(|(ent, len)| {
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let num = ent.strip_prefix('#')?;
                    let n = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse::<u32>().ok()?,
                    };
                    char::from_u32(n)
                }
            };
            c.map(|c| (c, len))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn normalize_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A start tag as scanned.
#[derive(Debug)]
struct Tag<'a> {
    name: &'a str,
    attrs: Vec<(&'a str, String)>,
    self_closing: bool,
    line: usize,
    /// The first problem with the tag's attributes, if any (the tag is still returned).
    problem: Option<String>,
}

enum Token<'a> {
    Start(Tag<'a>),
    End { name: &'a str, line: usize },
    Eof,
}

/// The byte-level scanner: tags, comments, and raw content on request.
struct Scanner<'a> {
    src: &'a str,
    pos: usize,
    /// Byte offset of the start of each line, for line numbers.
    line_starts: Vec<usize>,
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':'
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'.' | b'-')
}

impl<'a> Scanner<'a> {
    fn new(src: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(src.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        Scanner { src, pos: 0, line_starts }
    }

    fn line_at(&self, pos: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= pos)
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn skip_ws(&mut self) {
        while self.pos < self.src.len() && self.bytes()[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn read_name(&mut self) -> &'a str {
        let start = self.pos;
        while self.pos < self.src.len() && is_name_byte(self.bytes()[self.pos]) {
            self.pos += 1;
        }
        &self.src[start..self.pos]
    }

    /// Is `pos` preceded on its line only by spaces and tabs?
    fn at_line_start(&self, pos: usize) -> bool {
        self.bytes()[..pos].iter().rev().take_while(|&&b| b != b'\n').all(|&b| b == b' ' || b == b'\t')
    }

    /// Skip past `end` (searching from the current position). `None` if it never comes.
    fn skip_past(&mut self, end: &str) -> Option<()> {
        let i = self.rest().find(end)?;
        self.pos += i + end.len();
        Some(())
    }

    /// The next tag, skipping text between tags, comments, processing
    /// instructions, declarations and `#` comment lines. `Err` carries the line
    /// and message of a fatal problem.
    fn next_token(&mut self) -> Result<Token<'a>, (usize, String)> {
        loop {
            // Find the next '<', skipping '#' lines.
            let b = self.bytes();
            while self.pos < b.len() && b[self.pos] != b'<' {
                if b[self.pos] == b'#' && self.at_line_start(self.pos) {
                    while self.pos < b.len() && b[self.pos] != b'\n' {
                        self.pos += 1;
                    }
                } else {
                    self.pos += 1;
                }
            }
            if self.pos >= b.len() {
                return Ok(Token::Eof);
            }
            let start = self.pos;
            let line = self.line_at(start);
            let rest = self.rest();
            if rest.starts_with("<!--") {
                self.pos += 4;
                self.skip_past("-->").ok_or((line, "comment <!-- is never closed (file truncated?)".to_string()))?;
            } else if rest.starts_with("<![CDATA[") {
                self.skip_past("]]>").ok_or((line, "<![CDATA[ is never closed (file truncated?)".to_string()))?;
            } else if rest.starts_with("<?") {
                self.skip_past("?>").ok_or((line, "<? is never closed (file truncated?)".to_string()))?;
            } else if rest.starts_with("<!") {
                self.skip_past(">").ok_or((line, "<! declaration is never closed (file truncated?)".to_string()))?;
            } else if rest.starts_with("</") {
                self.pos += 2;
                let name = self.read_name();
                self.skip_ws();
                if name.is_empty() {
                    return Err((line, "malformed end tag: '</' is not followed by a name".into()));
                }
                match self.bytes().get(self.pos) {
                    Some(b'>') => {
                        self.pos += 1;
                        return Ok(Token::End { name, line });
                    }
                    None => return Err((line, format!("end tag </{name} is cut off (file truncated?)"))),
                    Some(_) => return Err((line, format!("malformed end tag </{name}: expected '>'"))),
                }
            } else if rest.len() > 1 && is_name_start(rest.as_bytes()[1]) {
                self.pos += 1;
                return self.read_start_tag(line).map(Token::Start);
            } else {
                // A lone '<' in text between tags: not markup; step over it.
                self.pos += 1;
            }
        }
    }

    /// Read a start tag's name and attributes; the position is just after '<'.
    fn read_start_tag(&mut self, line: usize) -> Result<Tag<'a>, (usize, String)> {
        let name = self.read_name();
        let mut tag = Tag { name, attrs: Vec::new(), self_closing: false, line, problem: None };
        let note = |tag: &mut Tag<'a>, msg: String| {
            if tag.problem.is_none() {
                tag.problem = Some(msg);
            }
        };
        loop {
            self.skip_ws();
            let Some(&c) = self.bytes().get(self.pos) else {
                return Err((line, format!("tag <{name} is cut off (file truncated?)")));
            };
            match c {
                b'>' => {
                    self.pos += 1;
                    return Ok(tag);
                }
                b'/' if self.bytes().get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    tag.self_closing = true;
                    return Ok(tag);
                }
                b'<' => {
                    // The tag was never closed; end it here and let the next tag be read.
                    note(&mut tag, format!("tag <{name}> is not closed by '>'"));
                    return Ok(tag);
                }
                c if is_name_start(c) => {
                    let attr = self.read_name();
                    self.skip_ws();
                    if self.bytes().get(self.pos) != Some(&b'=') {
                        note(&mut tag, format!("attribute {attr} has no value"));
                        continue;
                    }
                    self.pos += 1;
                    self.skip_ws();
                    let value = match self.bytes().get(self.pos) {
                        Some(&q @ (b'"' | b'\'')) => {
                            let vstart = self.pos + 1;
                            match self.src[vstart..].find(q as char) {
                                Some(len) if !self.src[vstart..vstart + len].contains('<') => {
                                    self.pos = vstart + len + 1;
                                    decode_entities(&self.src[vstart..vstart + len])
                                }
                                Some(_) => {
                                    // The quote is closed only after another tag has begun: unterminated.
                                    note(&mut tag, format!("the value of {attr} is not closed by {}", q as char));
                                    match self.src[vstart..].find('>') {
                                        Some(i) => self.pos = vstart + i + 1,
                                        None => return Err((line, format!("tag <{name} is cut off (file truncated?)"))),
                                    }
                                    return Ok(tag);
                                }
                                None => return Err((line, format!("the value of {attr} in <{name}> is never closed (file truncated?)"))),
                            }
                        }
                        Some(_) => {
                            let vstart = self.pos;
                            while self.pos < self.src.len()
                                && !matches!(self.bytes()[self.pos], b'>' | b'<' | b'/')
                                && !self.bytes()[self.pos].is_ascii_whitespace()
                            {
                                self.pos += 1;
                            }
                            note(&mut tag, format!("the value of {attr} is not quoted"));
                            decode_entities(&self.src[vstart..self.pos])
                        }
                        None => return Err((line, format!("tag <{name} is cut off (file truncated?)"))),
                    };
                    if tag.attrs.iter().any(|(a, _)| *a == attr) {
                        note(&mut tag, format!("attribute {attr} is given twice"));
                    } else {
                        tag.attrs.push((attr, value));
                    }
                }
                other => {
                    note(&mut tag, format!("unexpected character {:?} in <{name}>", other as char));
                    // Step over one whole character (it may be multi-byte).
                    let w = self.rest().chars().next().map_or(1, char::len_utf8);
                    self.pos += w;
                }
            }
        }
    }

    /// Read the content of a leaf element (`<Text>`, `<Verbfile>`, ...) up to its
    /// end tag `</name>`, dropping comments. `Ok(Err(msg))`: another tag came
    /// first (the position is left at it). `Err`: the file ended first.
    #[allow(clippy::type_complexity)]
    fn read_leaf(&mut self, name: &str, line: usize) -> Result<Result<String, String>, (usize, String)> {
        let mut out = String::new();
        loop {
            let Some(i) = self.rest().find('<') else {
                return Err((line, format!("<{name}> is never closed (file truncated?)")));
            };
            out.push_str(&self.rest()[..i]);
            self.pos += i;
            let rest = self.rest();
            if rest.starts_with("<!--") {
                self.pos += 4;
                self.skip_past("-->").ok_or((self.line_at(self.pos), "comment <!-- is never closed (file truncated?)".to_string()))?;
            } else if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
                let end = cdata.find("]]>").ok_or((self.line_at(self.pos), "<![CDATA[ is never closed (file truncated?)".to_string()))?;
                // CDATA is literal: escape its '&' so the later entity decoding leaves it as is.
                out.push_str(&cdata[..end].replace('&', "&amp;"));
                self.pos += 9 + end + 3;
            } else if let Some(after) = rest.strip_prefix("</") {
                let n = after.bytes().take_while(|&b| is_name_byte(b)).count();
                let close = &after[n..];
                let gt = close.bytes().take_while(|b| b.is_ascii_whitespace()).count();
                if &after[..n] == name && close.as_bytes().get(gt) == Some(&b'>') {
                    self.pos += 2 + n + gt + 1;
                    return Ok(Ok(out));
                }
                return Ok(Err(format!("<{name}> (line {line}) is not closed before </{}>", &after[..n])));
            } else if rest.len() > 1 && (is_name_start(rest.as_bytes()[1]) || rest.as_bytes()[1] == b'!') {
                let n = rest[1..].bytes().take_while(|&b| is_name_byte(b)).count();
                return Ok(Err(format!("<{name}> (line {line}) is not closed before <{}>", &rest[1..1 + n])));
            } else {
                // A lone '<' in the text.
                out.push('<');
                self.pos += 1;
            }
        }
    }
}

/// A record being read.
struct PendingRecord {
    id: Option<String>,
    date: Option<String>,
    category: Option<String>,
    evaluate: Option<bool>,
    line: usize,
    text: Option<String>,
    codings: Vec<Coding>,
    noevents: bool,
    error: Option<String>,
    config: BTreeMap<String, String>,
    /// Problems that make the record unusable.
    problems: Vec<String>,
    /// Opened by `<Sentence>` (true) or `<Sentence/>` (false).
    open_element: bool,
}

struct Parser<'a> {
    name: &'a str,
    sc: Scanner<'a>,
    /// Open elements: name and line.
    stack: Vec<(&'a str, usize)>,
    config: BTreeMap<String, String>,
    current: Option<PendingRecord>,
    out: ValidationFile,
}

impl<'a> Parser<'a> {
    fn new(name: &'a str, text: &'a str) -> Self {
        Parser {
            name,
            sc: Scanner::new(text),
            stack: Vec::new(),
            config: BTreeMap::new(),
            current: None,
            out: ValidationFile { name: name.to_string(), ..Default::default() },
        }
    }

    fn fatal(&self, line: usize, message: impl Into<String>) -> XmlError {
        XmlError { file: self.name.to_string(), line, message: message.into() }
    }

    fn warn(&mut self, line: usize, record: Option<String>, message: impl Into<String>) {
        self.out.warnings.push(Diagnostic { line, record, message: message.into(), skipped: false });
    }

    fn in_environment(&self) -> bool {
        self.stack.last().is_some_and(|(n, _)| n.eq_ignore_ascii_case("Environment"))
    }

    fn run(mut self) -> Result<ValidationFile, XmlError> {
        loop {
            let tok = self.sc.next_token().map_err(|(l, m)| self.fatal(l, m))?;
            match tok {
                Token::Eof => break,
                Token::Start(tag) => self.start(tag)?,
                Token::End { name, line } => self.end(name, line)?,
            }
        }
        if let Some(&(name, line)) = self.stack.last() {
            return Err(self.fatal(line, format!("<{name}> is never closed (file truncated?)")));
        }
        self.finish_record();
        Ok(self.out)
    }

    fn start(&mut self, tag: Tag<'a>) -> Result<(), XmlError> {
        let name = tag.name;
        if name == "Sentence" {
            self.close_pending_before_sentence(tag.line);
            self.begin_record(&tag);
            if !tag.self_closing {
                self.stack.push((name, tag.line));
            }
            return Ok(());
        }
        if name == "Parse" {
            if !tag.self_closing {
                self.sc.skip_past("</Parse").ok_or_else(|| self.fatal(tag.line, "<Parse> is never closed (file truncated?)"))?;
                self.sc.skip_past(">").ok_or_else(|| self.fatal(tag.line, "</Parse is cut off (file truncated?)"))?;
            }
            return Ok(());
        }
        if name == "Text" {
            let content =
                if tag.self_closing { Ok(String::new()) } else { self.sc.read_leaf(name, tag.line).map_err(|(l, m)| self.fatal(l, m))? };
            match (&mut self.current, content) {
                (Some(rec), Ok(text)) => {
                    if rec.text.is_some() {
                        rec.problems.push(format!("a second <Text> at line {}", tag.line));
                    }
                    rec.text = Some(normalize_ws(&decode_entities(&text)));
                }
                (Some(rec), Err(msg)) => rec.problems.push(msg),
                (None, Ok(_)) => self.warn(tag.line, None, "<Text> outside a <Sentence>, ignored"),
                (None, Err(msg)) => self.warn(tag.line, None, msg),
            }
            return Ok(());
        }
        if name == "EventCoding" {
            self.event_coding(&tag);
            if !tag.self_closing {
                self.stack.push((name, tag.line));
            }
            return Ok(());
        }
        if name == "Config" {
            self.config_tag(&tag);
            if !tag.self_closing {
                self.stack.push((name, tag.line));
            }
            return Ok(());
        }
        if name == "Stop" || name == "Pause" {
            if self.in_environment() && !tag.self_closing {
                return self.environment_leaf(&tag);
            }
            // Run-control markers for PETRARCH; Bede reads the whole file. Their
            // end tags are optional, so they are not tracked.
            return Ok(());
        }
        if self.in_environment() && !tag.self_closing {
            return self.environment_leaf(&tag);
        }
        if let Some(p) = &tag.problem {
            let msg = p.clone();
            self.warn(tag.line, None, msg);
        }
        if !tag.self_closing {
            self.stack.push((name, tag.line));
        }
        Ok(())
    }

    fn end(&mut self, name: &'a str, line: usize) -> Result<(), XmlError> {
        if name == "Sentence" {
            if let Some(i) = self.stack.iter().rposition(|(n, _)| *n == "Sentence") {
                for &(inner, l) in &self.stack[i + 1..] {
                    if let Some(rec) = &mut self.current {
                        rec.problems.push(format!("<{inner}> (line {l}) is not closed before </Sentence>"));
                    }
                }
                self.stack.truncate(i);
                self.finish_record();
                return Ok(());
            }
            if self.current.is_some() {
                // The closing tag of a self-closed <Sentence/> record.
                for &(inner, l) in self.stack.iter().rev().take_while(|(n, _)| *n == "EventCoding" || *n == "Config") {
                    if let Some(rec) = &mut self.current {
                        rec.problems.push(format!("<{inner}> (line {l}) is not closed before </Sentence>"));
                    }
                }
                while self.stack.last().is_some_and(|(n, _)| *n == "EventCoding" || *n == "Config") {
                    self.stack.pop();
                }
                self.finish_record();
                return Ok(());
            }
            return Err(self.fatal(line, "</Sentence> closes no <Sentence>"));
        }
        if (name == "Stop" || name == "Pause") && !self.stack.iter().any(|(n, _)| *n == name) {
            return Ok(());
        }
        match self.stack.iter().rposition(|(n, _)| *n == name) {
            Some(i) if i + 1 == self.stack.len() => {
                self.stack.pop();
                if name == "Sentences" || name == "Validation" {
                    self.finish_record();
                }
                Ok(())
            }
            Some(i) => {
                let (inner, l) = self.stack[i + 1];
                if self.current.is_some() && self.stack[i + 1..].iter().all(|(n, _)| *n != "Sentences" && *n != "Validation") {
                    // Damage inside a record: skip the record, keep reading.
                    if let Some(rec) = &mut self.current {
                        rec.problems.push(format!("<{inner}> (line {l}) is not closed before </{name}> (line {line})"));
                    }
                    self.stack.truncate(i);
                    return Ok(());
                }
                Err(self.fatal(line, format!("</{name}> comes before the end of <{inner}> (line {l})")))
            }
            None => {
                if let Some(rec) = &mut self.current {
                    rec.problems.push(format!("</{name}> at line {line} closes nothing"));
                    return Ok(());
                }
                Err(self.fatal(line, format!("</{name}> closes nothing")))
            }
        }
    }

    /// A new `<Sentence>` ends the record before it. For a self-closed record that
    /// is the normal way to end; an open `<Sentence>` should have been closed.
    fn close_pending_before_sentence(&mut self, line: usize) {
        if let Some(i) = self.stack.iter().rposition(|(n, _)| *n == "Sentence") {
            let opened = self.stack[i].1;
            if let Some(rec) = &mut self.current {
                rec.problems.push(format!("<Sentence> (line {opened}) is not closed before the next <Sentence> (line {line})"));
            }
            self.stack.truncate(i);
        } else {
            while self.current.is_some() && self.stack.last().is_some_and(|(n, _)| *n == "EventCoding" || *n == "Config") {
                let (inner, l) = self.stack.pop().unwrap_or(("", 0));
                if let Some(rec) = &mut self.current {
                    rec.problems.push(format!("<{inner}> (line {l}) is not closed"));
                }
            }
        }
        self.finish_record();
    }

    fn begin_record(&mut self, tag: &Tag<'a>) {
        let get = |k: &str| tag.attrs.iter().find(|(a, _)| *a == k).map(|(_, v)| v.trim().to_string());
        let mut problems = Vec::new();
        if let Some(p) = &tag.problem {
            problems.push(p.clone());
        }
        let evaluate = match get("evaluate") {
            Some(v) => match parse_bool(&v) {
                Some(b) => Some(b),
                None => {
                    problems.push(format!("evaluate={v:?} is not true or false"));
                    None
                }
            },
            None => None,
        };
        self.current = Some(PendingRecord {
            id: get("id"),
            date: get("date").filter(|d| !d.is_empty()),
            category: get("category").filter(|c| !c.is_empty()),
            evaluate,
            line: tag.line,
            text: None,
            codings: Vec::new(),
            noevents: false,
            error: None,
            config: self.config.clone(),
            problems,
            open_element: !tag.self_closing,
        });
    }

    fn event_coding(&mut self, tag: &Tag<'a>) {
        let Some(rec) = &mut self.current else {
            self.warn(tag.line, None, "<EventCoding> outside a <Sentence>, ignored");
            return;
        };
        if let Some(p) = &tag.problem {
            rec.problems.push(format!("<EventCoding> at line {}: {p}", tag.line));
            return;
        }
        let get = |k: &str| tag.attrs.iter().find(|(a, _)| *a == k).map(|(_, v)| v.trim().to_string());
        if let Some(e) = get("error") {
            rec.error = Some(e);
        }
        if let Some(v) = get("noevents") {
            match parse_bool(&v) {
                Some(b) => rec.noevents |= b,
                None => rec.problems.push(format!("<EventCoding> at line {}: noevents={v:?} is not true or false", tag.line)),
            }
        }
        match (get("sourcecode"), get("targetcode"), get("eventcode")) {
            (Some(source), Some(target), Some(code)) if !code.is_empty() => rec.codings.push(Coding { source, target, code }),
            (None, None, None) => {
                if rec.error.is_none() && get("noevents").is_none() {
                    rec.problems.push(format!("<EventCoding> at line {} has no eventcode, noevents or error", tag.line));
                }
            }
            _ => rec.problems.push(format!("<EventCoding> at line {} needs sourcecode, targetcode and eventcode", tag.line)),
        }
    }

    fn config_tag(&mut self, tag: &Tag<'a>) {
        let record = self.current.as_ref().and_then(|r| r.id.clone());
        if let Some(p) = &tag.problem {
            let msg = format!("<Config> ignored: {p}");
            self.warn(tag.line, record, msg);
            return;
        }
        let get = |k: &str| tag.attrs.iter().find(|(a, _)| *a == k).map(|(_, v)| v.trim().to_string());
        match (get("option"), get("value")) {
            (Some(option), Some(value)) if !option.is_empty() => {
                // Inside an explicitly opened <Sentence> the option applies to that
                // record too; after a self-closed one it applies from the next record.
                if let Some(rec) = self.current.as_mut().filter(|r| r.open_element) {
                    rec.config.insert(option.clone(), value.clone());
                }
                self.config.insert(option, value);
            }
            _ => self.warn(tag.line, record, "<Config> without option and value, ignored"),
        }
    }

    fn environment_leaf(&mut self, tag: &Tag<'a>) -> Result<(), XmlError> {
        let content = self.sc.read_leaf(tag.name, tag.line).map_err(|(l, m)| self.fatal(l, m))?;
        let text = match content {
            Ok(t) => normalize_ws(&decode_entities(&t)),
            Err(msg) => return Err(self.fatal(tag.line, msg)),
        };
        let env = &mut self.out.environment;
        let one = |slot: &mut Option<String>| *slot = Some(text.clone()).filter(|t| !t.is_empty());
        match tag.name.to_ascii_lowercase().as_str() {
            "verbfile" => one(&mut env.verbfile),
            "agentfile" => one(&mut env.agentfile),
            "discardfile" => one(&mut env.discardfile),
            "issuefile" => one(&mut env.issuefile),
            "actorfile" => env.actorfiles.extend(text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from)),
            "include" => env.include.extend(text.split_whitespace().map(String::from)),
            _ => {
                env.other.insert(tag.name.to_string(), text);
            }
        }
        Ok(())
    }

    fn finish_record(&mut self) {
        let Some(rec) = self.current.take() else { return };
        let mut problems = rec.problems;
        if rec.text.is_none() {
            problems.push("no <Text>".into());
        }
        if rec.id.as_deref().unwrap_or("").is_empty() {
            problems.push("no id attribute".into());
        }
        if rec.error.is_some() && !rec.codings.is_empty() {
            problems.push("expects both an error and events".into());
        }
        if rec.noevents && !rec.codings.is_empty() {
            problems.push("expects both noevents and events".into());
        }
        if !problems.is_empty() {
            let message = format!("skipped: {}", problems.join("; "));
            self.out.warnings.push(Diagnostic { line: rec.line, record: rec.id, message, skipped: true });
            return;
        }
        let expected = match (rec.error, rec.noevents) {
            (Some(e), _) => Expected::Error(e),
            (None, true) => Expected::NoEvents,
            (None, false) if !rec.codings.is_empty() => Expected::Events(rec.codings),
            (None, false) => Expected::Unspecified,
        };
        let text = rec.text.unwrap_or_default();
        if text.is_empty() {
            self.warn(rec.line, rec.id.clone(), "empty <Text>");
        }
        self.out.records.push(Record {
            id: rec.id.unwrap_or_default(),
            date: rec.date,
            category: rec.category,
            line: rec.line,
            text,
            expected,
            config: rec.config,
            evaluate: rec.evaluate,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"<Validation>
<!-- header with <Stop> in it -->
<Environment>
    <Verbfile>V.txt</Verbfile>
    <Actorfile>A1.txt, A2.txt</Actorfile>
    <Agentfile>G.txt</Agentfile>
    <Include>valid X Y</Include>
    <Errorfile>E.txt</Errorfile>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<Sentence date="20010203" id="X-01" category="X" sentence="true">
<EventCoding sourcecode="AAA" targetcode="BBB" eventcode="042"></EventCoding>
<EventCoding sourcecode='"NEW ONE"' targetcode="---" eventcode="010"></EventCoding>
<Text>
Alpha   &amp; Beta
  met &lt;here&gt;.
</Text>
<Parse>(ROOT (S (NP (NNP Alpha)) <weird> ))</Parse>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date = "20010204" id ="X-02" category="Y">
<EventCoding noevents = "True"> </EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
<Sentence id="X-03" category="Y"><EventCoding error="storydiscard"></EventCoding><Text>Gone.</Text></Sentence>
<Sentence id="X-04"><Text>No coding.</Text></Sentence>
</Sentences>
</Validation>
"#;

    #[test]
    fn reads_environment_records_and_config() {
        let f = parse_str("small.xml", SMALL).unwrap();
        assert!(f.warnings.is_empty(), "{:?}", f.warnings);
        let env = &f.environment;
        assert_eq!(env.verbfile.as_deref(), Some("V.txt"));
        assert_eq!(env.actorfiles, vec!["A1.txt", "A2.txt"]);
        assert_eq!(env.agentfile.as_deref(), Some("G.txt"));
        assert_eq!(env.include, vec!["valid", "X", "Y"]);
        assert_eq!(env.other.get("Errorfile").map(String::as_str), Some("E.txt"));
        assert_eq!(f.records.len(), 4);
        let r = &f.records[0];
        assert_eq!((r.id.as_str(), r.date.as_deref(), r.category.as_deref(), r.line), ("X-01", Some("20010203"), Some("X"), 12));
        assert_eq!(r.text, "Alpha & Beta met <here>.");
        assert_eq!(
            r.expected,
            Expected::Events(vec![
                Coding { source: "AAA".into(), target: "BBB".into(), code: "042".into() },
                Coding { source: "\"NEW ONE\"".into(), target: "---".into(), code: "010".into() },
            ])
        );
        assert_eq!(r.config.get("stop_on_error").map(String::as_str), Some("True"));
        assert!(!r.config.contains_key("require_dyad"));
        let r = &f.records[1];
        assert_eq!(r.date.as_deref(), Some("20010204"));
        assert_eq!(r.expected, Expected::NoEvents);
        assert_eq!(r.config.get("require_dyad").map(String::as_str), Some("false"));
        assert_eq!(f.records[2].expected, Expected::Error("storydiscard".into()));
        assert_eq!(f.records[3].expected, Expected::Unspecified);
        assert_eq!(f.records[3].date, None);
    }

    #[test]
    fn self_closed_sentences_and_hash_comments() {
        let src = "<?xml version='1.0'?>\n<Validation>\n# a comment line with <EventCoding ...> in it\n<Sentences>\n\
            <Sentence category=\"A\" date=\"20080804\" id=\"s1\" evaluate=\"true\"/>\n\
            <EventCoding eventcode=\"042\" sourcecode=\"USA\" targetcode=\"CHN\" />\n<Text>\nOne.\n</Text>\n<Parse>\n1\tOne\t<\n</Parse>\n</Sentence>\n\
            <Config option=\"require_dyad\" value=\"False\"/>\n\
            <Sentence category=\"A\" date=\"20080805\" id=\"s2\" evaluate=\"false\"/>\n<EventCoding noevents=\"True\" />\n<Text>Two.</Text>\n\
            <Sentence id=\"s3\" evaluate=\"true\">\n<EventCoding noevents=\"True\" />\n<Text>Three.</Text>\n</Parse></Sentence>\n\
            </Sentences>\n</Validation>\n";
        let f = parse_str("sc.xml", src).unwrap();
        let ids: Vec<_> = f.records.iter().map(|r| r.id.as_str()).collect();
        // s3 has a stray </Parse>: skipped with a diagnostic.
        assert_eq!(ids, vec!["s1", "s2"]);
        assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
        assert_eq!(f.warnings[0].record.as_deref(), Some("s3"));
        assert_eq!(f.records[0].evaluate, Some(true));
        assert_eq!(f.records[0].text, "One.");
        assert_eq!(f.records[1].evaluate, Some(false));
        assert_eq!(f.records[1].expected, Expected::NoEvents);
        assert_eq!(f.records[1].config.get("require_dyad").map(String::as_str), Some("False"));
        assert!(!f.records[0].config.contains_key("require_dyad"));
    }

    #[test]
    fn truncated_files_are_errors() {
        for (src, what) in [
            ("<Sentences><Sentence id=\"a\"><Text>cut", "<Text>"),
            ("<Sentences><Sentence id=\"a\"><Text>x</Text>", "<Sentence>"),
            ("<Sentences><!-- never", "comment"),
            ("<Sentences><Sentence id=\"a", "never closed"),
            ("<Sentences><Sentence id=\"a\"><Text>x</Text><Parse>(S ", "<Parse>"),
            ("<Sentences><Sentence id", "cut off"),
        ] {
            let e = parse_str("t.xml", src).unwrap_err();
            assert_eq!(e.file, "t.xml");
            assert_eq!(e.line, 1);
            assert!(e.message.contains(what), "{src:?}: {}", e.message);
        }
    }

    #[test]
    fn every_truncation_of_a_good_file_is_handled() {
        for (i, _) in SMALL.char_indices() {
            let cut = &SMALL[..i];
            // Once <Validation> is open, every cut short of its end tag leaves it open.
            let result = parse_str("t.xml", cut);
            if cut.contains("<Validation>") && !cut.contains("</Validation>") {
                assert!(result.is_err(), "cut at {i} parsed");
            }
        }
        assert!(parse_str("t.xml", SMALL).is_ok());
    }

    #[test]
    fn unbalanced_tags() {
        let e = parse_str("u.xml", "<Validation>\n<Sentences>\n</Validation>\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("<Sentences> (line 2)"), "{}", e.message);
        let e = parse_str("u.xml", "<Sentences>\n</Foo>\n</Sentences>").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse_str("u.xml", "</Sentence>").unwrap_err();
        assert!(e.message.contains("closes no"));
        // Inside a record, damage skips the record only.
        let f = parse_str(
            "u.xml",
            "<Sentences>\n<Sentence id=\"a\"><EventCoding noevents=\"True\"><Text>x</Text></Sentence>\n<Sentence id=\"b\"><Text>y</Text></Sentence>\n</Sentences>",
        )
        .unwrap();
        assert_eq!(f.records.len(), 1);
        assert_eq!(f.records[0].id, "b");
        assert_eq!((f.warnings[0].line, f.warnings[0].record.as_deref()), (2, Some("a")));
    }

    #[test]
    fn bad_records_are_skipped_with_a_reason() {
        let src = "<Sentences>\n\
            <Sentence id=\"no-text\"><EventCoding noevents=\"True\"></EventCoding></Sentence>\n\
            <Sentence id=bare><Text>x</Text></Sentence>\n\
            <Sentence id=\"half\"><EventCoding sourcecode=\"A\" eventcode=\"010\"/><Text>x</Text></Sentence>\n\
            <Sentence id=\"open\"><Text>x <b>bold</b></Text></Sentence>\n\
            <Sentence id=\"dup\" id=\"again\"><Text>x</Text></Sentence>\n\
            <Sentence id=\"ok\"><Text>fine</Text></Sentence>\n\
            </Sentences>";
        let f = parse_str("b.xml", src).unwrap();
        assert_eq!(f.records.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), vec!["ok"]);
        let why: Vec<_> = f.warnings.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(why.len(), 5, "{why:?}");
        assert!(f.warnings.iter().all(|d| d.skipped));
        assert!(why[0].1.contains("no <Text>"));
        assert!(why[1].1.contains("not quoted"));
        assert!(why[2].1.contains("needs sourcecode"));
        assert!(why[3].1.contains("not closed before <b>"));
        assert!(why[4].1.contains("twice"));
        assert_eq!(why.iter().map(|w| w.0).collect::<Vec<_>>(), vec![2, 3, 4, 5, 6]);
    }

    #[test]
    fn attribute_quoting_and_entities() {
        let src = "<Sentences><Sentence id='q&amp;1' date = \"20000101\"><EventCoding sourcecode='\"A &quot;B\"' targetcode=\"it's\" eventcode='0&#52;2'/>\
                   <Text>&#x41; &unknown; &amp;amp; a&b <![CDATA[x &amp; y]]></Text></Sentence></Sentences>";
        let f = parse_str("q.xml", src).unwrap();
        let r = &f.records[0];
        assert_eq!(r.id, "q&1");
        assert_eq!(r.expected.events()[0], Coding { source: "\"A \"B\"".into(), target: "it's".into(), code: "042".into() });
        assert_eq!(r.text, "A &unknown; &amp; a&b x &amp; y");
    }

    #[test]
    fn decode_entities_edge_cases() {
        assert_eq!(decode_entities("&"), "&");
        assert_eq!(decode_entities("&;"), "&;");
        assert_eq!(decode_entities("&#xD800;"), "&#xD800;");
        assert_eq!(decode_entities("&#99999999999;"), "&#99999999999;");
        assert_eq!(decode_entities("é&lt;é"), "é<é");
    }

    #[test]
    fn later_config_overrides_earlier() {
        let src = "<Sentences><Config option=\"x\" value=\"1\"/><Sentence id=\"a\"><Text>a</Text></Sentence>\
                   <Config option=\"x\" value=\"2\"></Config><Sentence id=\"b\"><Config option=\"y\" value=\"3\"/><Text>b</Text></Sentence>\
                   <Sentence id=\"c\"><Text>c</Text></Sentence></Sentences>";
        let f = parse_str("c.xml", src).unwrap();
        let cfg: Vec<Vec<(&str, &str)>> =
            f.records.iter().map(|r| r.config.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()).collect();
        assert_eq!(cfg, vec![vec![("x", "1")], vec![("x", "2"), ("y", "3")], vec![("x", "2"), ("y", "3")]]);
    }

    fn shared(path: &str) -> Option<String> {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(path);
        match std::fs::read_to_string(&p) {
            Ok(s) => Some(s),
            Err(_) => {
                eprintln!("note: {} not found, test skipped", p.display());
                None
            }
        }
    }

    #[test]
    fn reads_the_petrarch2_unit_tests() {
        let Some(src) = shared("petrarch2/PETR.UnitTest.records.xml") else { return };
        let f = parse_str("unit.xml", &src).unwrap();
        assert!(f.warnings.is_empty(), "{:?}", f.warnings);
        assert_eq!(f.records.len(), 284);
        // 366 EventCoding elements: 359 events and 7 expected errors.
        let events: usize = f.records.iter().map(|r| r.expected.events().len()).sum();
        assert_eq!(events, 359);
        assert_eq!(f.records.iter().filter(|r| matches!(r.expected, Expected::Error(_))).count(), 7);
        assert_eq!(f.records.iter().filter(|r| r.expected == Expected::NoEvents).count(), 19);
        assert_eq!(f.records.iter().filter(|r| r.expected == Expected::Unspecified).count(), 1);
        assert!(f.records.iter().all(|r| !r.text.is_empty() && r.date.as_deref().is_some_and(|d| d.len() == 8)));
        assert_eq!(f.environment.actorfiles.len(), 1);
        assert!(f.environment.verbfile.is_some());
        // require_dyad is switched off and on in-stream.
        let off = f.records.iter().filter(|r| r.config.get("require_dyad").and_then(|v| parse_bool(v)) == Some(false)).count();
        assert!(off > 0 && off < 284);
    }

    #[test]
    fn reads_the_universalpetrarch_gsr_file() {
        let Some(src) = shared("universalpetrarch/PETR2_GSR_validation.xml") else { return };
        let f = parse_str("gsr.xml", &src).unwrap();
        assert_eq!(f.records.len(), 78, "{:?}", f.warnings);
        let events: usize = f.records.iter().map(|r| r.expected.events().len()).sum();
        assert_eq!(events, 80);
        assert_eq!(f.records.iter().filter(|r| r.expected == Expected::NoEvents).count(), 12);
        assert_eq!(f.environment.actorfiles.len(), 3);
        assert!(f.records.iter().all(|r| r.evaluate.is_some()));
        // One record has an empty <Text>; that is a warning, not a skip.
        assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
    }

    #[test]
    fn reads_the_gigaword_sample() {
        let Some(src) = shared("petrarch2/GigaWord.sample.PETR.xml") else { return };
        let f = parse_str("giga.xml", &src).unwrap();
        // The TEST_* records at the end have an empty <Text> (only a parse).
        assert_eq!(f.warnings.len(), 9, "{:?}", f.warnings);
        assert!(f.warnings.iter().all(|w| w.message == "empty <Text>" && !w.skipped));
        assert_eq!(f.records.len(), 76);
        assert!(f.records.iter().all(|r| r.expected == Expected::Unspecified && r.date.is_some()));
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
            #[test]
            fn arbitrary_input_never_panics(s in any::<String>()) {
                let _ = parse_str("p.xml", &s);
            }

            #[test]
            fn markup_like_input_never_panics(s in "([<>/=\"' #&;!?\\[\\]\n-]|Sentence|Text|Parse|EventCoding|Config|Sentences|id|x|é){0,120}") {
                let _ = parse_str("p.xml", &s);
            }

            #[test]
            fn edited_good_file_never_panics(cut in 0usize..2000, insert in "[<>/\"'!#-]{0,3}") {
                let base = super::SMALL;
                let mut at = cut.min(base.len());
                while !base.is_char_boundary(at) { at -= 1; }
                let edited = format!("{}{}{}", &base[..at], insert, &base[at..]);
                let _ = parse_str("p.xml", &edited);
            }
        }
    }
}
