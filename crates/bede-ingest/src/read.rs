//! Reading inputs: paths (files, directories, `-` for stdin) to a stream of
//! [`Article`]s and [`InputError`]s.
//!
//! Invariants:
//! * Memory stays flat whatever the input size: JSONL is read a line at a time
//!   into one reused buffer, and a line longer than
//!   [`ReadOptions::max_record_bytes`] is skipped without being buffered.
//!   Only `.txt`/`.html`/sniffed files are read whole, and they too are
//!   bounded by the same limit.
//! * A bad record costs that record; an unreadable file costs that file. The
//!   stream always goes on with what comes next.
//! * Directories are walked depth-first in sorted path order, so the order of
//!   articles does not depend on the file system. Hidden entries (`.name`) and
//!   symbolic links to directories are skipped (no loops).

use crate::decode::{decode_bytes, looks_binary, Decoded};
use crate::html;
use bede_core::{Article, SourcePos};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use flate2::read::MultiGzDecoder;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How many leading bytes decide whether a file of unknown type is binary.
const SNIFF_BYTES: usize = 8 * 1024;

/// What `-` (stdin) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StdinFormat {
    /// One JSON article per line.
    #[default]
    Jsonl,
    /// One plain-text article (id `stdin`).
    Text,
    /// One HTML page (id `stdin`).
    Html,
}

/// Options for [`read_inputs`].
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// The longest record accepted, in bytes: a JSONL line, or a whole
    /// `.txt`/`.html` file. Longer ones are reported and skipped. Default 16 MiB.
    pub max_record_bytes: usize,
    /// What `-` holds. Default JSONL.
    pub stdin_format: StdinFormat,
    /// Called for things worth telling the user that are not errors (an
    /// empty file, a file that was not UTF-8). `None`: they are dropped.
    pub on_warning: Option<WarningSink>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_record_bytes: 16 * 1024 * 1024, stdin_format: StdinFormat::Jsonl, on_warning: None }
    }
}

/// A callback receiving [`Warning`]s; cheap to clone.
#[derive(Clone)]
pub struct WarningSink(Arc<dyn Fn(&Warning) + Send + Sync>);

impl WarningSink {
    pub fn new(f: impl Fn(&Warning) + Send + Sync + 'static) -> Self {
        WarningSink(Arc::new(f))
    }
}

impl fmt::Debug for WarningSink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WarningSink(..)")
    }
}

/// Something the user may want to know that did not stop a record being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub pos: SourcePos,
    pub kind: WarningKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarningKind {
    /// The file (or stdin) held no records.
    Empty,
    /// A directory held no readable (non-hidden) files.
    EmptyDirectory,
    /// The text was not UTF-8; it was decoded as this encoding.
    NotUtf8 { encoding: &'static str },
    /// Some bytes could not be decoded and were replaced with U+FFFD.
    Lossy { encoding: &'static str },
    /// A JSON string held `\u` escapes of lone UTF-16 surrogates (as Python's
    /// `json.dumps` writes for broken text); each became U+FFFD.
    LoneSurrogates,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.pos)?;
        match &self.kind {
            WarningKind::Empty => f.write_str("no records (empty input)"),
            WarningKind::EmptyDirectory => f.write_str("directory has no input files"),
            WarningKind::NotUtf8 { encoding } => write!(f, "not valid UTF-8; decoded as {encoding}"),
            WarningKind::LoneSurrogates => f.write_str("lone UTF-16 surrogate escapes (such as \\ud800) replaced with U+FFFD"),
            WarningKind::Lossy { encoding } => {
                write!(f, "undecodable bytes as {encoding} were replaced with U+FFFD")
            }
        }
    }
}

/// A record or file that could not be read. Display: `file:line: reason`.
#[derive(Debug)]
pub struct InputError {
    pub pos: SourcePos,
    pub kind: InputErrorKind,
}

/// Why a record or file could not be read. [`InputError::is_bad_input`] tells
/// a bad record (skipped, reading goes on with the next) from an unreadable
/// file (an I/O failure; reading goes on with the next file).
#[derive(Debug, thiserror::Error)]
pub enum InputErrorKind {
    #[error("malformed JSON: {0}")]
    MalformedJson(String),
    #[error("record has no \"{0}\" field")]
    MissingField(&'static str),
    #[error("record field \"{field}\": {reason}")]
    BadField { field: &'static str, reason: String },
    #[error("invalid UTF-8 at byte {column} of the line (byte offset {offset} in the file)")]
    InvalidUtf8 { column: u64, offset: u64 },
    #[error("record is {bytes} bytes, over the {} limit (--max-record-bytes)", human_bytes(*.limit))]
    TooLong { bytes: u64, limit: usize },
    #[error("binary file, skipped")]
    Binary,
    #[error("{0}")]
    Html(String),
    #[error("cannot read: {0}")]
    Io(#[from] io::Error),
}

impl InputError {
    /// True when the input itself is bad (a malformed or over-long record, a
    /// binary file, a page without text); false for an I/O failure.
    pub fn is_bad_input(&self) -> bool {
        !self.is_io()
    }

    /// True when a file or directory could not be read at all (or reading broke off).
    pub fn is_io(&self) -> bool {
        matches!(self.kind, InputErrorKind::Io(_))
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pos, self.kind)
    }
}

impl std::error::Error for InputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            InputErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

fn human_bytes(n: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if n >= MIB && n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else if n >= 1024 && n.is_multiple_of(1024) {
        format!("{} KiB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

/// Stream the articles of `inputs`, in order. See the module docs.
pub fn read_inputs(inputs: &[PathBuf], opts: &ReadOptions) -> Inputs {
    Inputs { opts: opts.clone(), roots: inputs.iter().cloned().collect(), dirs: Vec::new(), jsonl: None }
}

/// Stream the articles of one JSONL stream held by any reader (a buffer in
/// memory, a socket), parsed and reported exactly as a `.jsonl` file named
/// `name` would be. Used by embedders and the fuzz targets.
pub fn read_jsonl<R: Read + Send + 'static>(reader: R, name: Option<PathBuf>, opts: &ReadOptions) -> Inputs {
    let mut inputs = read_inputs(&[], opts);
    inputs.jsonl = Some(JsonlReader::new(Box::new(BufReader::new(reader)), name));
    inputs
}

/// One whole document from its bytes, decoded (and, when `html`, extracted)
/// exactly as a `.txt` or `.html` file would be. `None`: nothing but white
/// space (reported as an empty-file warning). Bytes over
/// [`ReadOptions::max_record_bytes`] are an error, as for a file.
pub fn read_document(bytes: Vec<u8>, id: &str, html: bool, opts: &ReadOptions) -> Option<Result<Article, InputError>> {
    let pos = SourcePos { file: None, line: None };
    if bytes.len() > opts.max_record_bytes {
        let kind = InputErrorKind::TooLong { bytes: bytes.len() as u64, limit: opts.max_record_bytes };
        return Some(Err(InputError { pos, kind }));
    }
    read_inputs(&[], opts).whole_file_article(bytes, id.to_string(), pos, html)
}

/// The stream returned by [`read_inputs`].
pub struct Inputs {
    opts: ReadOptions,
    roots: std::collections::VecDeque<PathBuf>,
    /// Directories being walked: each with its remaining sorted entries.
    dirs: Vec<std::vec::IntoIter<PathBuf>>,
    jsonl: Option<JsonlReader>,
}

impl fmt::Debug for Inputs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inputs").field("opts", &self.opts).finish_non_exhaustive()
    }
}

/// The next thing to open, or an error met while walking directories.
enum Next {
    File(PathBuf),
    Stdin,
    Err(InputError),
}

type Item = Result<Article, InputError>;

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(j) = &mut self.jsonl {
                match j.next_record(self.opts.max_record_bytes) {
                    Some(item) => {
                        if std::mem::take(&mut j.repaired) {
                            let pos = j.pos();
                            self.warn(pos, WarningKind::LoneSurrogates);
                        }
                        return Some(item);
                    }
                    None => {
                        if j.items == 0 {
                            let pos = SourcePos { file: j.file.clone(), line: None };
                            self.warn(pos, WarningKind::Empty);
                        }
                        self.jsonl = None;
                    }
                }
            }
            let item = match self.next_path()? {
                Next::Err(e) => Some(Err(e)),
                Next::Stdin => self.open_stdin(),
                Next::File(path) => self.open_file(path),
            };
            if item.is_some() {
                return item;
            }
        }
    }
}

impl Inputs {
    fn warn(&self, pos: SourcePos, kind: WarningKind) {
        if let Some(sink) = &self.opts.on_warning {
            (sink.0)(&Warning { pos, kind });
        }
    }

    fn next_path(&mut self) -> Option<Next> {
        loop {
            if let Some(entries) = self.dirs.last_mut() {
                match entries.next() {
                    Some(path) => match self.classify_dir_entry(path) {
                        Some(next) => return Some(next),
                        None => continue,
                    },
                    None => {
                        self.dirs.pop();
                        continue;
                    }
                }
            }
            let path = self.roots.pop_front()?;
            if path.as_os_str() == "-" {
                return Some(Next::Stdin);
            }
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => {
                    if let Some(err) = self.push_dir(&path) {
                        return Some(Next::Err(err));
                    }
                }
                Ok(_) => return Some(Next::File(path)),
                Err(e) => return Some(Next::Err(io_error(Some(path), e))),
            }
        }
    }

    /// A directory entry to open (`Some`), or to skip / descend into (`None`).
    fn classify_dir_entry(&mut self, path: PathBuf) -> Option<Next> {
        let hidden = path.file_name().map(|n| n.to_string_lossy().starts_with('.')).unwrap_or(false);
        if hidden {
            return None;
        }
        let link = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(e) => return Some(Next::Err(io_error(Some(path), e))),
        };
        if link.is_dir() {
            return self.push_dir(&path).map(Next::Err);
        }
        if link.file_type().is_symlink() {
            // Follow links to files; never to directories (no cycles).
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => return None,
                Ok(m) if m.is_file() => {}
                Ok(_) => return None,
                Err(e) => return Some(Next::Err(io_error(Some(path), e))),
            }
        } else if !link.is_file() {
            return None; // sockets, fifos, devices
        }
        Some(Next::File(path))
    }

    fn push_dir(&mut self, dir: &Path) -> Option<InputError> {
        let rd = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => return Some(io_error(Some(dir.to_path_buf()), e)),
        };
        let mut entries = Vec::new();
        for entry in rd {
            match entry {
                Ok(e) => entries.push(e.path()),
                Err(e) => return Some(io_error(Some(dir.to_path_buf()), e)),
            }
        }
        entries.sort();
        let visible = entries.iter().any(|p| !p.file_name().map(|n| n.to_string_lossy().starts_with('.')).unwrap_or(true));
        if !visible {
            self.warn(SourcePos { file: Some(dir.to_path_buf()), line: None }, WarningKind::EmptyDirectory);
        }
        self.dirs.push(entries.into_iter());
        None
    }

    fn open_stdin(&mut self) -> Option<Item> {
        let pos = SourcePos { file: None, line: None };
        match self.opts.stdin_format {
            StdinFormat::Jsonl => {
                let reader: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(1 << 16, io::stdin()));
                self.jsonl = Some(JsonlReader::new(reader, None));
                None
            }
            StdinFormat::Text | StdinFormat::Html => {
                let html = self.opts.stdin_format == StdinFormat::Html;
                let bytes = match read_bounded(io::stdin(), self.opts.max_record_bytes) {
                    Ok(Ok(b)) => b,
                    Ok(Err(bytes)) => {
                        let kind = InputErrorKind::TooLong { bytes, limit: self.opts.max_record_bytes };
                        return Some(Err(InputError { pos, kind }));
                    }
                    Err(e) => return Some(Err(InputError { pos, kind: e.into() })),
                };
                self.whole_file_article(bytes, "stdin".to_string(), pos, html)
            }
        }
    }

    fn open_file(&mut self, path: PathBuf) -> Option<Item> {
        let kind = FileKind::of(&path);
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) => return Some(Err(io_error(Some(path), e))),
        };
        let pos = SourcePos { file: Some(path.clone()), line: None };
        match kind {
            FileKind::Jsonl => {
                let reader = Box::new(BufReader::with_capacity(1 << 16, file));
                self.jsonl = Some(JsonlReader::new(reader, Some(path)));
                None
            }
            FileKind::JsonlGz => {
                let reader = Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(file)));
                self.jsonl = Some(JsonlReader::new(reader, Some(path)));
                None
            }
            FileKind::Text | FileKind::Html | FileKind::Unknown => {
                // Known too big: say so without reading it.
                if let Ok(m) = file.metadata() {
                    if m.len() > self.opts.max_record_bytes as u64 {
                        let kind = InputErrorKind::TooLong { bytes: m.len(), limit: self.opts.max_record_bytes };
                        return Some(Err(InputError { pos, kind }));
                    }
                }
                let bytes = match read_bounded(file, self.opts.max_record_bytes) {
                    Ok(Ok(b)) => b,
                    Ok(Err(bytes)) => {
                        let kind = InputErrorKind::TooLong { bytes, limit: self.opts.max_record_bytes };
                        return Some(Err(InputError { pos, kind }));
                    }
                    Err(e) => return Some(Err(InputError { pos, kind: e.into() })),
                };
                // Explicitly named files of an unknown type are read as text
                // too; only a binary look stops them.
                if kind == FileKind::Unknown && looks_binary(&bytes[..bytes.len().min(SNIFF_BYTES)]) {
                    return Some(Err(InputError { pos, kind: InputErrorKind::Binary }));
                }
                let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                self.whole_file_article(bytes, id, pos, kind == FileKind::Html)
            }
        }
    }

    /// One article from a whole `.txt`/`.html` file (or stdin in text mode).
    fn whole_file_article(&self, bytes: Vec<u8>, id: String, pos: SourcePos, html: bool) -> Option<Item> {
        let (text, how) = decode_bytes(bytes, html);
        match how {
            Decoded::Utf8 | Decoded::Declared(_) => {}
            Decoded::Guessed(encoding) => self.warn(pos.clone(), WarningKind::NotUtf8 { encoding }),
            Decoded::Lossy(encoding) => self.warn(pos.clone(), WarningKind::Lossy { encoding }),
        }
        if text.trim().is_empty() {
            self.warn(pos, WarningKind::Empty);
            return None;
        }
        if !html {
            return Some(Ok(Article { id, text, pos, ..Article::default() }));
        }
        match html::extract(&text) {
            Ok(page) => Some(Ok(Article {
                id,
                text: page.text,
                published: page.published,
                title: page.title,
                url: page.url,
                outlet: page.outlet,
                language: page.language,
                pos,
            })),
            Err(reason) => Some(Err(InputError { pos, kind: InputErrorKind::Html(reason) })),
        }
    }
}

fn io_error(file: Option<PathBuf>, e: io::Error) -> InputError {
    InputError { pos: SourcePos { file, line: None }, kind: InputErrorKind::Io(e) }
}

/// Read everything, up to `max` bytes. `Ok(Err(n))`: over the limit; `n` is
/// the size read so far plus what remains if known (a lower bound otherwise).
fn read_bounded(r: impl Read, max: usize) -> io::Result<Result<Vec<u8>, u64>> {
    let mut buf = Vec::new();
    let mut limited = r.take((max as u64).saturating_add(1));
    limited.read_to_end(&mut buf)?;
    if buf.len() > max {
        // Count the rest without keeping it.
        let rest = io::copy(&mut limited.into_inner(), &mut io::sink())?;
        return Ok(Err(buf.len() as u64 + rest));
    }
    Ok(Ok(buf))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Jsonl,
    JsonlGz,
    Text,
    Html,
    Unknown,
}

impl FileKind {
    fn of(path: &Path) -> FileKind {
        let name = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        let (stem, gz) = match name.strip_suffix(".gz") {
            Some(s) => (s, true),
            None => (name.as_str(), false),
        };
        let ext = stem.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        match (ext, gz) {
            ("jsonl" | "json" | "ndjson", false) => FileKind::Jsonl,
            ("jsonl" | "json" | "ndjson", true) => FileKind::JsonlGz,
            ("txt" | "text", false) => FileKind::Text,
            ("html" | "htm" | "xhtml", false) => FileKind::Html,
            _ => FileKind::Unknown,
        }
    }
}

/// One JSONL stream (file, gzip file or stdin) being read.
struct JsonlReader {
    reader: Box<dyn BufRead + Send>,
    file: Option<PathBuf>,
    /// Lines read so far (the 1-based number of the current line).
    line: u64,
    /// Byte offset of the start of the next line.
    offset: u64,
    buf: Vec<u8>,
    /// Articles and errors produced.
    items: u64,
    /// The last record read had lone surrogates replaced.
    repaired: bool,
    done: bool,
}

enum Line {
    /// The line is in `buf`, without its line end.
    Ok,
    /// The line was longer than the limit; it was skipped. Its length in bytes.
    TooLong(u64),
}

impl JsonlReader {
    fn new(reader: Box<dyn BufRead + Send>, file: Option<PathBuf>) -> Self {
        JsonlReader { reader, file, line: 0, offset: 0, buf: Vec::with_capacity(1 << 12), items: 0, repaired: false, done: false }
    }

    fn pos(&self) -> SourcePos {
        SourcePos { file: self.file.clone(), line: Some(self.line) }
    }

    fn next_record(&mut self, max: usize) -> Option<Item> {
        loop {
            if self.done {
                return None;
            }
            let start = self.offset;
            let line = match self.read_line(max) {
                Ok(Some(l)) => l,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    // A broken stream (truncated gzip, device error) cannot be resynchronised.
                    self.done = true;
                    self.items += 1;
                    return Some(Err(InputError { pos: self.pos(), kind: InputErrorKind::Io(e) }));
                }
            };
            if let Line::TooLong(bytes) = line {
                self.items += 1;
                return Some(Err(InputError { pos: self.pos(), kind: InputErrorKind::TooLong { bytes, limit: max } }));
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.items += 1;
            let pos = self.pos();
            let text = match std::str::from_utf8(&self.buf) {
                Ok(t) => t,
                Err(e) => {
                    let column = e.valid_up_to() as u64;
                    let kind = InputErrorKind::InvalidUtf8 { column, offset: start + column };
                    return Some(Err(InputError { pos, kind }));
                }
            };
            let parsed = match parse_record(text) {
                // Lone surrogates cost a character each, not the article.
                Err(InputErrorKind::MalformedJson(e)) => match replace_lone_surrogates(text) {
                    Some(fixed) => match parse_record(&fixed) {
                        Ok(a) => {
                            self.repaired = true;
                            Ok(a)
                        }
                        // Still malformed: the first error is the one to show.
                        Err(InputErrorKind::MalformedJson(_)) => Err(InputErrorKind::MalformedJson(e)),
                        Err(other) => Err(other),
                    },
                    None => Err(InputErrorKind::MalformedJson(e)),
                },
                r => r,
            };
            return Some(parsed.map(|a| Article { pos, ..a }).map_err(|kind| InputError { pos: self.pos(), kind }));
        }
    }

    /// Read one line into `buf` (line end removed), never buffering more than
    /// `max` bytes of it. `Ok(None)` at the end of the stream.
    fn read_line(&mut self, max: usize) -> io::Result<Option<Line>> {
        self.buf.clear();
        // Room for the line end ("\r\n") of a line exactly at the limit.
        let limit = (max as u64).saturating_add(2);
        let n = loop {
            match (&mut self.reader).take(limit).read_until(b'\n', &mut self.buf) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        if n == 0 {
            return Ok(None);
        }
        self.line += 1;
        self.offset += n as u64;
        let ended = self.buf.last() == Some(&b'\n');
        if ended {
            self.buf.pop();
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
        }
        if self.buf.len() <= max {
            return Ok(Some(Line::Ok));
        }
        // Over the limit: skip to the end of the line without keeping it.
        let mut total = n as u64 - u64::from(ended);
        if !ended {
            loop {
                let avail = match self.reader.fill_buf() {
                    Ok(b) => b,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                };
                if avail.is_empty() {
                    break;
                }
                match avail.iter().position(|&b| b == b'\n') {
                    Some(i) => {
                        total += i as u64;
                        self.offset += i as u64 + 1;
                        self.reader.consume(i + 1);
                        break;
                    }
                    None => {
                        let k = avail.len();
                        total += k as u64;
                        self.offset += k as u64;
                        self.reader.consume(k);
                    }
                }
            }
        }
        self.buf.clear();
        Ok(Some(Line::TooLong(total)))
    }
}

/// The line with each `\u` escape of a lone UTF-16 surrogate replaced by `\uFFFD`;
/// `None` when it has none. JSON's grammar allows them but no string can hold
/// them, and Python's `json.dumps` writes them for text with a broken character.
fn replace_lone_surrogates(line: &str) -> Option<String> {
    let b = line.as_bytes();
    // The UTF-16 unit of a `\uXXXX` escape at `i`.
    let unit = |i: usize| -> Option<u16> {
        let hex = b.get(i + 2..i + 6).filter(|h| b[i] == b'\\' && b[i + 1] == b'u' && h.iter().all(u8::is_ascii_hexdigit))?;
        u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
    };
    let mut out = String::new();
    let (mut copied, mut i) = (0, 0);
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        let lone = match unit(i) {
            Some(u @ 0xD800..=0xDBFF) => {
                if unit(i + 6).is_some_and(|v| (0xDC00..=0xDFFF).contains(&v)) {
                    i += 12;
                    continue;
                }
                let _ = u;
                true
            }
            Some(0xDC00..=0xDFFF) => true,
            Some(_) => false,
            None => {
                // Another escape ("\\", "\n"): step over the escaped character.
                i += if b.get(i + 1).is_some_and(u8::is_ascii) { 2 } else { 1 };
                continue;
            }
        };
        if lone {
            out.push_str(&line[copied..i]);
            out.push_str("\\uFFFD");
            copied = i + 6;
        }
        i += 6;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&line[copied..]);
    Some(out)
}

/// A JSON value of a record field, as far as we care about it.
enum Field<'a> {
    Str(Cow<'a, str>),
    Num(String),
    Null,
    Other(&'static str),
}

impl<'de> Deserialize<'de> for Field<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Field<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Field<'de>, E> {
                Ok(Field::Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Field<'de>, E> {
                Ok(Field::Str(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Field<'de>, E> {
                Ok(Field::Str(Cow::Owned(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Field<'de>, E> {
                Ok(Field::Num(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Field<'de>, E> {
                Ok(Field::Num(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Field<'de>, E> {
                Ok(Field::Num(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Field<'de>, E> {
                Ok(Field::Other("a boolean"))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Field<'de>, E> {
                Ok(Field::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Field<'de>, E> {
                Ok(Field::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Field<'de>, D::Error> {
                Field::deserialize(d)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut a: A) -> Result<Field<'de>, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Field::Other("an array"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Field<'de>, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Field::Other("an object"))
            }
        }
        d.deserialize_any(V)
    }
}

/// The fields of one JSONL record, borrowed from the line where possible.
#[derive(Default)]
struct RawRecord<'a> {
    id: Option<Field<'a>>,
    text: Option<Field<'a>>,
    published: Option<Field<'a>>,
    title: Option<Field<'a>>,
    url: Option<Field<'a>>,
    outlet: Option<Field<'a>>,
    language: Option<Field<'a>>,
}

impl<'de> Deserialize<'de> for RawRecord<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawRecord<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object (one article per line)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<RawRecord<'de>, A::Error> {
                let mut r = RawRecord::default();
                while let Some(key) = a.next_key::<Cow<'de, str>>()? {
                    let slot = match key.as_ref() {
                        "id" => &mut r.id,
                        "text" => &mut r.text,
                        "published" => &mut r.published,
                        "title" => &mut r.title,
                        "url" => &mut r.url,
                        "outlet" => &mut r.outlet,
                        "language" => &mut r.language,
                        _ => {
                            a.next_value::<IgnoredAny>()?;
                            continue;
                        }
                    };
                    *slot = Some(a.next_value::<Field<'de>>()?);
                }
                Ok(r)
            }
        }
        d.deserialize_map(V)
    }
}

/// One JSONL line (valid UTF-8, not blank) to an article (without its position).
fn parse_record(line: &str) -> Result<Article, InputErrorKind> {
    let raw: RawRecord = serde_json::from_str(line).map_err(|e| {
        // The line number inside a one-line document is noise; the column is not.
        let msg = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let msg = msg.strip_suffix(&suffix).unwrap_or(&msg).replace('`', "'");
        InputErrorKind::MalformedJson(format!("{msg} at column {}", e.column()))
    })?;
    let id = match raw.id {
        None | Some(Field::Null) => return Err(InputErrorKind::MissingField("id")),
        Some(Field::Str(s)) if s.trim().is_empty() => return Err(InputErrorKind::BadField { field: "id", reason: "is empty".into() }),
        Some(Field::Str(s)) => s.into_owned(),
        Some(Field::Num(n)) => n,
        Some(Field::Other(what)) => {
            return Err(InputErrorKind::BadField { field: "id", reason: format!("expected a string or a number, found {what}") })
        }
    };
    let text = match raw.text {
        None | Some(Field::Null) => return Err(InputErrorKind::MissingField("text")),
        Some(Field::Str(s)) => s.into_owned(),
        Some(Field::Num(_)) => return Err(not_a_string("text", "a number")),
        Some(Field::Other(what)) => return Err(not_a_string("text", what)),
    };
    let published = match optional_str("published", raw.published)? {
        None => None,
        Some(s) if s.trim().is_empty() => None,
        Some(s) => Some(parse_published(s.trim()).map_err(|reason| InputErrorKind::BadField { field: "published", reason })?),
    };
    Ok(Article {
        id,
        text,
        published,
        title: optional_str("title", raw.title)?,
        url: optional_str("url", raw.url)?,
        outlet: optional_str("outlet", raw.outlet)?,
        language: optional_str("language", raw.language)?,
        pos: SourcePos::default(),
    })
}

fn not_a_string(field: &'static str, what: &str) -> InputErrorKind {
    InputErrorKind::BadField { field, reason: format!("expected a string, found {what}") }
}

/// An optional string field; a number is accepted and written out.
fn optional_str(field: &'static str, v: Option<Field>) -> Result<Option<String>, InputErrorKind> {
    match v {
        None | Some(Field::Null) => Ok(None),
        Some(Field::Str(s)) => Ok(Some(s.into_owned())),
        Some(Field::Num(n)) => Ok(Some(n)),
        Some(Field::Other(what)) => Err(not_a_string(field, what)),
    }
}

/// A publication date: `YYYY-MM-DD`, RFC 3339, or an ISO date-time without an
/// offset. The date is the one written (the outlet's local day), not converted to UTC.
pub(crate) fn parse_published(s: &str) -> Result<NaiveDate, String> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Ok(dt.date_naive());
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Ok(dt.date());
        }
    }
    let shown: String = s.chars().take(40).collect();
    Err(format!("\"{shown}\" is not a date (expected YYYY-MM-DD or RFC 3339)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(line: &str) -> Result<Article, String> {
        parse_record(line).map_err(|e| e.to_string())
    }

    #[test]
    fn minimal_record() {
        let a = rec(r#"{"id": "a1", "text": "Hello."}"#).unwrap();
        assert_eq!(a.id, "a1");
        assert_eq!(a.text, "Hello.");
        assert_eq!(a.published, None);
    }

    #[test]
    fn all_fields_and_unknown_ones() {
        let a = rec(r#"{"id": 42, "text": "T\u00e9xt \"q\"", "published": "2020-07-24T23:30:00+05:00",
            "title": "Head", "url": "http://x/y", "outlet": "Out", "language": "en",
            "extra": {"nested": [1, 2, {"a": null}]}, "n": 1.5}"#)
        .unwrap();
        assert_eq!(a.id, "42");
        assert_eq!(a.text, "Téxt \"q\"");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2020, 7, 24));
        assert_eq!(a.title.as_deref(), Some("Head"));
        assert_eq!(a.url.as_deref(), Some("http://x/y"));
        assert_eq!(a.outlet.as_deref(), Some("Out"));
        assert_eq!(a.language.as_deref(), Some("en"));
    }

    #[test]
    fn null_optional_fields_are_absent() {
        let a = rec(r#"{"id": "x", "text": "", "published": null, "title": null}"#).unwrap();
        assert_eq!(a.published, None);
        assert_eq!(a.title, None);
    }

    #[test]
    fn record_errors_say_what_is_wrong() {
        assert_eq!(rec(r#"{"id": "x"}"#).unwrap_err(), "record has no \"text\" field");
        assert_eq!(rec(r#"{"text": "x"}"#).unwrap_err(), "record has no \"id\" field");
        assert_eq!(rec(r#"{"id": "x", "text": null}"#).unwrap_err(), "record has no \"text\" field");
        assert_eq!(rec(r#"{"id": "x", "text": ["a"]}"#).unwrap_err(), "record field \"text\": expected a string, found an array");
        assert_eq!(rec(r#"{"id": true, "text": "a"}"#).unwrap_err(), "record field \"id\": expected a string or a number, found a boolean");
        let e = rec(r#"{"id": "x", "text": "a", "published": "24/07/2020"}"#).unwrap_err();
        assert!(e.starts_with("record field \"published\": \"24/07/2020\" is not a date"), "{e}");
        let e = rec(r#"{"id": "x" "text": "a"}"#).unwrap_err();
        assert_eq!(e, "malformed JSON: expected ',' or '}' at column 12");
        let e = rec(r#"["id", "text"]"#).unwrap_err();
        assert!(e.starts_with("malformed JSON: invalid type: sequence, expected a JSON object"), "{e}");
        let e = rec(r#"{"id": "x", "text": "a"} trailing"#).unwrap_err();
        assert!(e.starts_with("malformed JSON: trailing characters"), "{e}");
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(replace_lone_surrogates(r#"{"text": "a\ud83d\ude00b"}"#), None, "a pair is a character");
        assert_eq!(replace_lone_surrogates(r#"{"text": "a\\ud800 \n\u00e9"}"#), None, "an escaped backslash, then text");
        assert_eq!(replace_lone_surrogates(r#"{"text": "a\ud800b\udc00\ud800"}"#).as_deref(), Some(r#"{"text": "a\uFFFDb\uFFFD\uFFFD"}"#));
        assert_eq!(replace_lone_surrogates(r#"{"text": "é\ud83d\ud83d\ude00"}"#).as_deref(), Some(r#"{"text": "é\uFFFD\ud83d\ude00"}"#));
        let data =
            "{\"id\": \"a\", \"text\": \"Russia\\ud800 met Turkey.\"}\n{\"id\": \"b\", \"text\": \"x\\ud800\", \"title\": [\"\\ud800\"}\n";
        let warned = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let w = warned.clone();
        let opts = ReadOptions {
            on_warning: Some(WarningSink::new(move |x: &Warning| w.lock().unwrap().push(x.to_string()))),
            ..Default::default()
        };
        let items: Vec<_> = read_jsonl(io::Cursor::new(data.as_bytes().to_vec()), None, &opts).collect();
        assert_eq!(items[0].as_ref().map(|a| a.text.as_str()).ok(), Some("Russia\u{FFFD} met Turkey."));
        // Still malformed once repaired: the error is the original one.
        let e = items[1].as_ref().unwrap_err().to_string();
        assert!(e.contains("malformed JSON") && e.contains("hex escape"), "{e}");
        assert_eq!(
            *warned.lock().unwrap(),
            vec!["<stdin>:1: lone UTF-16 surrogate escapes (such as \\ud800) replaced with U+FFFD".to_string()]
        );
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2014, 6, 18);
        assert_eq!(parse_published("2014-06-18").ok(), d);
        assert_eq!(parse_published("2014-06-18T14:32:00Z").ok(), d);
        assert_eq!(parse_published("2014-06-18T01:00:00-07:00").ok(), d);
        assert_eq!(parse_published("2014-06-18 14:32:00").ok(), d);
        assert!(parse_published("2014-13-01").is_err());
        assert!(parse_published("June 18").is_err());
    }

    #[test]
    fn file_kinds() {
        assert_eq!(FileKind::of(Path::new("a/b.jsonl")), FileKind::Jsonl);
        assert_eq!(FileKind::of(Path::new("a/b.NDJSON")), FileKind::Jsonl);
        assert_eq!(FileKind::of(Path::new("b.jsonl.gz")), FileKind::JsonlGz);
        assert_eq!(FileKind::of(Path::new("b.txt")), FileKind::Text);
        assert_eq!(FileKind::of(Path::new("b.htm")), FileKind::Html);
        assert_eq!(FileKind::of(Path::new("b.txt.gz")), FileKind::Unknown);
        assert_eq!(FileKind::of(Path::new("README")), FileKind::Unknown);
    }

    #[test]
    fn limits_are_shown_for_humans() {
        assert_eq!(human_bytes(16 * 1024 * 1024), "16 MiB");
        assert_eq!(human_bytes(2048), "2 KiB");
        assert_eq!(human_bytes(1000), "1000 bytes");
    }

    #[test]
    fn line_reader_skips_long_lines_and_counts_them() {
        let data = b"short\r\n0123456789abcdef\nok\nlast-no-newline-but-long".to_vec();
        let mut r = JsonlReader::new(Box::new(io::Cursor::new(data)), None);
        assert!(matches!(r.read_line(8).unwrap(), Some(Line::Ok)));
        assert_eq!(r.buf, b"short");
        assert!(matches!(r.read_line(8).unwrap(), Some(Line::TooLong(16))));
        assert!(matches!(r.read_line(8).unwrap(), Some(Line::Ok)));
        assert_eq!(r.buf, b"ok");
        assert_eq!(r.line, 3);
        assert!(matches!(r.read_line(8).unwrap(), Some(Line::TooLong(24))));
        assert!(r.read_line(8).unwrap().is_none());
    }

    #[test]
    fn line_exactly_at_the_limit_is_accepted() {
        let mut r = JsonlReader::new(Box::new(io::Cursor::new(b"12345678\n123456789\n".to_vec())), None);
        assert!(matches!(r.read_line(8).unwrap(), Some(Line::Ok)));
        assert!(matches!(r.read_line(8).unwrap(), Some(Line::TooLong(9))));
    }
}
