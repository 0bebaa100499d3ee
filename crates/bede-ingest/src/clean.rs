//! Cleaning scraped article text: what a scraper drags in besides the story
//! goes, the title, dateline and header date are lifted out as metadata, and
//! what remains is the body that gets coded.
//!
//! The rules are general, each aimed at a kind of junk, never at one site:
//!
//! * widget and navigation lines ("Leave a comment", "Share", size pickers,
//!   breadcrumbs, "Tags:", "Edited by ..."), bylines, agency reference ids,
//!   lines without words, lines in another script than an English article's;
//! * header lines that are only a date or timestamp, plus a section name or
//!   site (" date 2020-07-24 site.com"): their date becomes `header_date`;
//! * lines printed twice or more (photo captions, teasers) lose every copy,
//!   and a paragraph repeated inside a longer one (a lead repeated after the
//!   dateline) loses the shorter copy;
//! * the title (given, or the first headline-like line before the body) and
//!   its repeats leave the body;
//! * a dateline ("MOSCOW (Agency - 23rd July, 2020)", "ANKARA, Dec 29
//!   (Reuters) -", "Baku, Azerbaijan, June 18" on its own line) is cut from
//!   the start of the body and returned as place, agency and date text.
//!
//! Every dropped line is listed with its reason in [`CleanDoc::dropped`] so
//! `bede explain` can show why text is missing. The body keeps the text's own
//! characters (quotes are not normalised); only whitespace is normalised and
//! control and invisible characters (zero-width spaces, bidirectional marks)
//! removed.

use regex::Regex;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use bede_core::Article;

/// An article's cleaned text and the metadata found in it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CleanDoc {
    /// The cleaned text: paragraphs separated by "\n\n", no other newlines,
    /// single spaces, no control characters, no leading or trailing space.
    pub body: String,
    /// The article's title: the one given with the article, else the one found.
    pub title: Option<String>,
    /// The dateline cut from the start of the body.
    pub dateline: Option<Dateline>,
    /// Raw date text from a header line such as " date 2020-07-24 site.com".
    pub header_date: Option<String>,
    /// What was removed from the text, and why, in text order.
    pub dropped: Vec<DroppedLine>,
}

/// A dateline: "MOSCOW (Sputnik - 23rd July, 2020)", "BEIRUT, Lebanon (AP) —".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dateline {
    /// "MOSCOW", "Baku, Azerbaijan".
    pub place: Option<String>,
    /// The date as written: "23rd July, 2020", "June 18", "Dec 29".
    pub date_text: Option<String>,
    /// "Reuters", "UrduPoint News / Sputnik".
    pub agency: Option<String>,
}

/// A line (or a dateline prefix) removed from the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedLine {
    pub text: String,
    pub reason: DropReason,
}

/// Why a line left the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DropReason {
    /// No letters or digits ("...", "* * *").
    NoWords,
    /// In another script than the (English, Latin-script) article.
    OtherScript,
    /// A page widget: "Share", "Leave a comment", "Your Comment", "Read more".
    Widget,
    /// Site boilerplate: "Your email address will not be published", "©".
    Boilerplate,
    /// A menu or breadcrumb: "Home | World | Europe".
    Navigation,
    /// A label line: "Tags: ...", "Categorized as ...", "Edited by ...".
    Label,
    /// "By Jane Doe - Agency:".
    Byline,
    /// A single token with digits: an agency or CMS reference ("HJ/FNA1399...").
    ReferenceId,
    /// A single word on its own line ("Latest", "XS").
    SingleWord,
    /// A short line that is not a sentence (a menu item, a section name).
    ShortLine,
    /// A header line that is only a date or timestamp (kept as `header_date`).
    HeaderDate,
    /// The dateline (kept as `dateline`).
    Dateline,
    /// The title (kept as `title`), or a repeat of it.
    Title,
    /// A line occurring more than once (caption, teaser).
    Repeated,
    /// A paragraph repeated inside a longer one.
    ContainedInLonger,
}

impl DropReason {
    pub fn as_str(self) -> &'static str {
        match self {
            DropReason::NoWords => "no words",
            DropReason::OtherScript => "other script",
            DropReason::Widget => "page widget",
            DropReason::Boilerplate => "site boilerplate",
            DropReason::Navigation => "navigation",
            DropReason::Label => "label line",
            DropReason::Byline => "byline",
            DropReason::ReferenceId => "reference id",
            DropReason::SingleWord => "single word",
            DropReason::ShortLine => "short non-sentence line",
            DropReason::HeaderDate => "header date",
            DropReason::Dateline => "dateline",
            DropReason::Title => "title",
            DropReason::Repeated => "repeated line",
            DropReason::ContainedInLonger => "repeated in a longer paragraph",
        }
    }
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Shortest paragraph (in words) the containment rule considers; shorter
/// ones ("He added.") recur inside other paragraphs by chance.
const MIN_CONTAINED_WORDS: usize = 8;
/// Bytes the containment rule may hash and compare per byte of the paragraphs
/// it considers (at least [`CONTAINED_MIN_WORK`]). The seed articles use none
/// (no opening recurs), a table of 5,000 paragraphs opening alike about one.
const CONTAINED_WORK_PER_BYTE: usize = 32;
const CONTAINED_MIN_WORK: usize = 1 << 20;
/// Words in the window used to find a paragraph inside another.
const WINDOW_WORDS: usize = 4;
/// Lines up to this many words, not ending as a sentence, are not story text.
const SHORT_LINE_WORDS: usize = 4;

/// Exact texts of widget lines, compared after [`widget_key`].
const WIDGET_LINES: &[&str] = &[
    "leave a comment",
    "leave a reply",
    "leave a comment cancel reply",
    "cancel reply",
    "your comment",
    "your comments",
    "add comment",
    "add a comment",
    "post comment",
    "post a comment",
    "comments",
    "comment",
    "show comments",
    "view comments",
    "reply",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share via email",
    "tweet",
    "email",
    "e-mail",
    "print",
    "print this article",
    "read more",
    "read also",
    "see also",
    "also read",
    "more",
    "latest",
    "latest news",
    "most read",
    "most popular",
    "popular",
    "related",
    "related articles",
    "related news",
    "related stories",
    "tags",
    "topics",
    "advertisement",
    "sponsored",
    "sponsored content",
    "subscribe",
    "sign up",
    "log in",
    "login",
    "sign in",
    "register",
    "newsletter",
    "menu",
    "search",
    "home",
    "close",
    "skip to content",
    "skip to main content",
    "back to top",
    "next",
    "previous",
    "next article",
    "previous article",
    "listen",
    "listen to this article",
    "video",
    "photo",
    "photos",
    "gallery",
    "follow us",
    "loading",
    "top stories",
    "trending",
    "editor's picks",
    "you may also like",
    "recommended",
    "font size",
    "text size",
];

/// Phrases that mark a line as site boilerplate wherever they occur in it.
const BOILERPLATE_PHRASES: &[&str] = &[
    "your email address will not be published",
    "required fields are marked",
    "all rights reserved",
    "click here to",
    "sign up for our newsletter",
    "subscribe to our newsletter",
    "follow us on",
    "we use cookies",
    "this website uses cookies",
    "cookie policy",
    "privacy policy",
    "terms of use",
    "terms of service",
    "you must be logged in",
    "log in to comment",
    "enable javascript",
    "your browser does not support",
    "save my name, email",
];

/// Line openings that make a short line a label (compared lowercase).
const LABEL_PREFIXES: &[&str] = &[
    "tags:",
    "tag:",
    "topics:",
    "keywords:",
    "categorized as ",
    "categorised as ",
    "category:",
    "categories:",
    "filed under",
    "posted in ",
    "edited by ",
    "editing by ",
    "reporting by ",
    "writing by ",
    "written by ",
    "posted by ",
    "compiled by ",
    "translated by ",
    "additional reporting by ",
    "photo by ",
    "photo:",
    "photos:",
    "image:",
    "credit:",
    "source:",
    "author:",
    "read more:",
    "read also:",
    "see also:",
    "also read:",
    "related:",
    "more:",
    "share:",
    "follow:",
];

/// Words that may surround the date of a header line without making it prose.
const HEADER_FILLER: &[&str] =
    &["date", "dated", "published", "updated", "posted", "modified", "last", "on", "at", "time", "am", "pm", "utc", "gmt"];

/// Cleans articles. Build once (it compiles its patterns), share freely.
#[derive(Debug, Clone)]
pub struct Cleaner {
    /// "PLACE (inner) " at the start of a paragraph.
    dateline_paren: Regex,
    /// "PLACE, DATE (agency) -" at the start, or the whole line.
    dateline_dated: Regex,
    /// "PLACE -- " at the start (all-caps place).
    dateline_dash: Regex,
    /// A whole string that is a date ("23rd July, 2020", "Dec 29").
    date_exact: Regex,
    /// Dates and times inside a header line.
    header_date: Regex,
    header_time: Regex,
    byline: Regex,
    /// Any of [`BOILERPLATE_PHRASES`], case-insensitively.
    boilerplate: Regex,
}

impl Default for Cleaner {
    fn default() -> Self {
        Cleaner::new()
    }
}

/// A logical line of the text (hard-wrapped lines already joined).
#[derive(Debug)]
struct Unit {
    text: String,
    words: usize,
    fate: Fate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Keep,
    Drop(DropReason),
}

impl Cleaner {
    pub fn new() -> Cleaner {
        const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
        let day = r"\d{1,2}(?:st|nd|rd|th)?";
        let date = format!(r"(?:{MONTH}\s{day}(?:,?\s\d{{4}})?|{day}\s{MONTH},?(?:\s\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})");
        // A place: up to four capitalised words ("RIO DE JANEIRO" counts as
        // capitalised), up to three of them separated by commas.
        let word = r"\p{Lu}[\p{L}\p{M}'’.\-]*";
        let place = format!(r"{word}(?:\s(?:{word}|de|del|da|al|el|upon|am)){{0,3}}");
        let places = format!(r"{place}(?:,\s{place}){{0,2}}");
        let caps_word = r"\p{Lu}[\p{Lu}\p{M}'’.\-]+";
        let caps_place = format!(r"{caps_word}(?:\s{caps_word}){{0,3}}(?:,\s{place}){{0,2}}");
        let sep = r"(?:\s*(?:--|[-–—:])\s*)";
        let re = |s: &str| Regex::new(s).expect("built-in pattern compiles");
        Cleaner {
            dateline_paren: re(&format!(r"^(?P<place>{places})\s?\((?P<inner>[^()]{{2,100}})\)(?P<sep>{sep}|\s+|$)")),
            dateline_dated: re(&format!(r"^(?P<place>{places}),\s(?P<date>{date})(?:\s\((?P<agency>[^()]{{2,60}})\))?(?P<sep>{sep}|\s*$)")),
            dateline_dash: re(&format!(r"^(?P<place>{caps_place})\s*(?:--|[-–—])\s+")),
            date_exact: re(&format!(r"^{date}$")),
            header_date: re(&format!(r"(?i)\b(?:{date}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}|\d{{4}}/\d{{2}}/\d{{2}})\b")),
            header_time: re(r"(?i)\(?\b(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?|(?:UTC|GMT)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?)\b\)?"),
            boilerplate: re(&format!("(?i)(?:{})", BOILERPLATE_PHRASES.iter().map(|p| regex::escape(p)).collect::<Vec<_>>().join("|"))),
            byline: re(
                r"^(?i:by)\s+\p{Lu}[\p{L}\p{M}'’.\-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.\-]*|and|&|de|van|von|der|al|bin|da|le|la))*\s*(?:(?:[-–—|,:/]|\bfor\b|\bin\b)\s*.*)?$",
            ),
        }
    }

    /// Clean one article. See the module docs for the rules.
    pub fn clean(&self, article: &Article) -> CleanDoc {
        let english = article.language.as_deref().map(|l| l.trim().to_ascii_lowercase().starts_with("en")).unwrap_or(true);
        let (mut units, latin_doc) = split_units(&article.text);
        let check_script = english && latin_doc;
        let mut doc = CleanDoc::default();

        // 1. Line-level junk, the header date and a dateline on its own line.
        let mut in_body = false;
        for u in units.iter_mut() {
            if let Some(r) = hard_junk(self, &u.text, u.words, check_script) {
                u.fate = Fate::Drop(r);
                continue;
            }
            if !in_body && doc.dateline.is_none() {
                if let Some(d) = self.standalone_dateline(&u.text) {
                    doc.dateline = Some(d);
                    u.fate = Fate::Drop(DropReason::Dateline);
                    continue;
                }
            }
            if let Some(date) = self.header_line_date(&u.text, u.words) {
                doc.header_date.get_or_insert(date);
                u.fate = Fate::Drop(DropReason::HeaderDate);
                continue;
            }
            if is_body_like(&u.text, u.words) {
                in_body = true;
            }
        }

        // 2. The title: given, or the first headline-like line before the body.
        let title = match article.title.as_deref().map(normalise_inline) {
            Some(t) if !t.is_empty() => Some(t),
            _ => find_title(&units),
        };
        if let Some(t) = &title {
            for u in units.iter_mut() {
                if u.fate == Fate::Keep && u.text.eq_ignore_ascii_case(t) {
                    u.fate = Fate::Drop(DropReason::Title);
                }
            }
        }
        doc.title = title;

        // 3. Short non-sentences: after title finding, which may want one.
        for u in units.iter_mut() {
            if u.fate == Fate::Keep {
                if let Some(r) = soft_junk(&u.text, u.words) {
                    u.fate = Fate::Drop(r);
                }
            }
        }

        // 4. Repeats: captions printed twice, leads repeated after the dateline.
        drop_repeated(&mut units);
        drop_contained(&mut units);

        // 5. The dateline at the start of the body.
        let mut dateline_prefix: Option<(usize, usize)> = None;
        if doc.dateline.is_none() {
            let first_kept = units.iter().enumerate().filter(|(_, u)| u.fate == Fate::Keep).take(3);
            for (n, (i, u)) in first_kept.enumerate() {
                if let Some((d, len)) = self.dateline_prefix(&u.text, n == 0) {
                    doc.dateline = Some(d);
                    dateline_prefix = Some((i, len));
                    break;
                }
            }
        }

        // 6. Assemble.
        let mut body = String::with_capacity(article.text.len());
        for (i, u) in units.into_iter().enumerate() {
            let mut text = u.text;
            match u.fate {
                Fate::Drop(reason) => doc.dropped.push(DroppedLine { text, reason }),
                Fate::Keep => {
                    if let Some((_, len)) = dateline_prefix.filter(|(j, _)| *j == i) {
                        let prefix = text[..len].trim_end().to_string();
                        doc.dropped.push(DroppedLine { text: prefix, reason: DropReason::Dateline });
                        text.drain(..len);
                        let lead = text.len() - text.trim_start().len();
                        text.drain(..lead);
                        if text.is_empty() {
                            continue;
                        }
                        // What follows a dateline is judged like any other line.
                        if let Some(reason) = self.line_junk_after_cut(&text, check_script, doc.title.as_deref()) {
                            doc.dropped.push(DroppedLine { text, reason });
                            continue;
                        }
                    }
                    if !body.is_empty() {
                        body.push_str("\n\n");
                    }
                    body.push_str(&text);
                }
            }
        }
        doc.body = body;
        doc
    }

    /// The line rules, for a paragraph whose dateline was cut off.
    fn line_junk_after_cut(&self, text: &str, check_script: bool, title: Option<&str>) -> Option<DropReason> {
        let words = count_words(text);
        if title.is_some_and(|t| t.eq_ignore_ascii_case(text)) {
            return Some(DropReason::Title);
        }
        hard_junk(self, text, words, check_script)
            .or_else(|| self.header_line_date(text, words).map(|_| DropReason::HeaderDate))
            .or_else(|| soft_junk(text, words))
    }

    /// A line that is nothing but a dateline: "Baku, Azerbaijan, June 18".
    fn standalone_dateline(&self, line: &str) -> Option<Dateline> {
        if line.len() > 120 {
            return None;
        }
        if let Some(c) = self.dateline_dated.captures(line) {
            if c.get(0).map(|m| m.end()) == Some(line.len()) {
                return Some(Dateline {
                    place: Some(c["place"].to_string()),
                    date_text: Some(c["date"].to_string()),
                    agency: c.name("agency").map(|m| m.as_str().trim().to_string()),
                });
            }
        }
        if let Some((d, len)) = self.paren_dateline(line) {
            if len == line.len() {
                return Some(d);
            }
        }
        None
    }

    /// A dateline at the start of a paragraph, and the length of the prefix to cut.
    /// `first`: the paragraph opens the body (the bare "PLACE -- " form is
    /// only believed there).
    fn dateline_prefix(&self, para: &str, first: bool) -> Option<(Dateline, usize)> {
        if let Some(c) = self.dateline_dated.captures(para) {
            let sep = c.name("sep").map(|m| m.as_str()).unwrap_or("");
            let end = c.get(0).map(|m| m.end()).unwrap_or(0);
            if !sep.trim().is_empty() || end == para.len() {
                let d = Dateline {
                    place: Some(c["place"].to_string()),
                    date_text: Some(c["date"].to_string()),
                    agency: c.name("agency").map(|m| m.as_str().trim().to_string()),
                };
                return Some((d, end));
            }
        }
        if let Some(found) = self.paren_dateline(para) {
            return Some(found);
        }
        if first {
            if let Some(c) = self.dateline_dash.captures(para) {
                let place = c["place"].to_string();
                let letters = place.split(',').next().unwrap_or("").chars().filter(|c| c.is_alphabetic()).count();
                if letters >= 3 {
                    let end = c.get(0).map(|m| m.end()).unwrap_or(0);
                    return Some((Dateline { place: Some(place), date_text: None, agency: None }, end));
                }
            }
        }
        None
    }

    /// "PLACE (Agency)", "PLACE (Agency - date)", "PLACE, Country (AP) —".
    fn paren_dateline(&self, para: &str) -> Option<(Dateline, usize)> {
        let c = self.dateline_paren.captures(para)?;
        let place = c["place"].to_string();
        let inner = c["inner"].trim();
        let sep = c.name("sep").map(|m| m.as_str()).unwrap_or("");
        let end = c.get(0).map(|m| m.end()).unwrap_or(0);
        let first_word = place.split(',').next().unwrap_or("");
        let place_caps = first_word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !first_word.chars().any(char::is_lowercase);

        let (agency, date) = split_agency_date(inner, &self.date_exact);
        if let Some(a) = &agency {
            // "(L)", "(pictured)", "(which ...)" are not agencies.
            let ok = a.chars().next().is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit())
                && a.split_whitespace().count() <= 6
                && a.chars().filter(|c| c.is_alphanumeric()).count() >= 2;
            if !ok {
                return None;
            }
        }
        let dashed = !sep.trim().is_empty();
        // Without a dash or a date, only an all-caps place with a short
        // agency name reads as a dateline ("ROME (AFP) The ..."); "NATO (North
        // Atlantic Treaty Organization) members" does not.
        let short_agency = agency.as_deref().is_some_and(|a| a.split_whitespace().filter(|w| *w != "/").count() <= 3);
        if !(dashed || date.is_some() || (place_caps && short_agency)) {
            return None;
        }
        Some((Dateline { place: Some(place), date_text: date, agency }, end))
    }

    /// The date of a header line that is only a date or timestamp, with at
    /// most a section or site name: " date 2020-07-24 Site.com",
    /// "Region Materials 18 June 2014 14:32 (UTC +04:00)".
    fn header_line_date(&self, line: &str, words: usize) -> Option<String> {
        if words > 12 || !line.bytes().any(|b| b.is_ascii_digit()) || ends_sentence(line) {
            return None;
        }
        let date = self.header_date.find(line)?;
        let has_year = date.as_str().as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit));
        let has_time = self.header_time.is_match(line);
        if !(has_year || has_time) {
            return None;
        }
        let mut rest = String::with_capacity(line.len());
        let mut last = 0;
        let mut found: Vec<regex::Match> = self.header_date.find_iter(line).chain(self.header_time.find_iter(line)).collect();
        found.sort_by_key(|m| m.start());
        for m in found {
            if m.start() >= last {
                rest.push_str(&line[last..m.start()]);
                rest.push(' ');
                last = m.end();
            }
        }
        rest.push_str(&line[last.min(line.len())..]);
        let prose_words = rest
            .split(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | '(' | ')' | ',' | '-' | '–' | '—'))
            .filter(|w| w.chars().any(char::is_alphabetic))
            .filter(|w| !is_domain(w))
            .filter(|w| {
                let lw = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
                !HEADER_FILLER.contains(&lw.as_str())
            })
            .count();
        (prose_words <= 3).then(|| date.as_str().to_string())
    }
}

/// Split "UrduPoint News / Sputnik - 23rd July, 2020" into agency and date.
fn split_agency_date(inner: &str, date_exact: &Regex) -> (Option<String>, Option<String>) {
    if date_exact.is_match(inner) {
        return (None, Some(inner.to_string()));
    }
    for dash in [" - ", " – ", " — ", ", "] {
        if let Some((a, d)) = inner.rsplit_once(dash) {
            let (a, d) = (a.trim(), d.trim());
            if date_exact.is_match(d) && !a.is_empty() {
                return (Some(a.to_string()), Some(d.to_string()));
            }
        }
    }
    (Some(inner.to_string()), None)
}

/// Normalise the text into logical lines: control and invisible characters removed,
/// whitespace runs collapsed, hard-wrapped lines joined. Also says whether
/// the text's letters are overwhelmingly Latin.
fn split_units(text: &str) -> (Vec<Unit>, bool) {
    let mut lines: Vec<String> = Vec::new();
    let (mut latin, mut other) = (0usize, 0usize);
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if is_clean_ascii(raw) {
            // The common case: nothing to normalise.
            latin += raw.bytes().filter(u8::is_ascii_alphabetic).count();
            lines.push(raw.to_string());
        } else {
            normalise_line(raw, &mut lines, &mut latin, &mut other);
        }
    }

    // Join hard-wrapped lines: a line that stops mid-sentence and a next line
    // that plainly continues it (lowercase start, or after a comma).
    let mut units: Vec<Unit> = Vec::new();
    let mut prev_blank = true;
    for line in lines {
        if line.is_empty() {
            prev_blank = true;
            continue;
        }
        if !prev_blank {
            if let Some(last) = units.last_mut() {
                if continues(&last.text, &line) {
                    // (Counted line by line: recounting the unit made a long run of
                    // wrapped lines quadratic. Lines have single spaces and no space
                    // at either end, so words add up, less one for a hyphen join.)
                    let words = count_words(&line);
                    if last.text.ends_with('-') && last.text.chars().rev().nth(1).is_some_and(char::is_alphabetic) {
                        last.text.push_str(&line);
                        last.words += words.saturating_sub(1);
                    } else {
                        last.text.push(' ');
                        last.text.push_str(&line);
                        last.words += words;
                    }
                    prev_blank = false;
                    continue;
                }
            }
        }
        prev_blank = false;
        let words = count_words(&line);
        units.push(Unit { text: line, words, fate: Fate::Keep });
    }
    let latin_doc = latin * 5 >= (latin + other) * 4;
    (units, latin_doc)
}

/// Printable ASCII, single spaces, no space at either end.
fn is_clean_ascii(line: &str) -> bool {
    let b = line.as_bytes();
    b.first() != Some(&b' ') && b.last() != Some(&b' ') && b.iter().all(|&c| (0x20..0x7F).contains(&c)) && !b.windows(2).any(|w| w == b"  ")
}

/// The general case of one input line: may hold more line breaks (`\r`,
/// Unicode separators), odd whitespace, control and invisible characters.
fn normalise_line(raw: &str, lines: &mut Vec<String>, latin: &mut usize, other: &mut usize) {
    let mut cur = String::with_capacity(raw.len());
    let mut pending_space = false;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{0B}' | '\u{0C}' => {
                lines.push(std::mem::take(&mut cur));
                pending_space = false;
            }
            // Invisible characters that only break words apart.
            c if is_invisible(c) => {}
            // Joiners shape joining scripts (Arabic, Indic, emoji); elsewhere they
            // only hide a word ("Tur\u{200D}key") or a sentence's end.
            '\u{200C}' | '\u{200D}' if !joins(if pending_space { None } else { cur.chars().next_back() }, chars.peek().copied()) => {}
            c if c.is_whitespace() => pending_space = !cur.is_empty(),
            c if c.is_control() => {}
            c => {
                if pending_space {
                    cur.push(' ');
                    pending_space = false;
                }
                if c.is_alphabetic() {
                    if is_latin(c) {
                        *latin += 1;
                    } else {
                        *other += 1;
                    }
                }
                cur.push(c);
            }
        }
    }
    lines.push(cur);
}

fn continues(prev: &str, next: &str) -> bool {
    if ends_sentence(prev) || prev.ends_with(':') {
        return false;
    }
    let first = next.chars().next();
    if first.is_some_and(char::is_lowercase) {
        return true;
    }
    prev.ends_with(',') && first.is_some_and(|c| c.is_alphanumeric())
}

/// Characters that show nothing and carry no letter: zero-width spaces, the
/// word joiner, the byte order mark, soft hyphens, and the bidirectional marks,
/// embeddings, overrides and isolates (they order text on screen; in a word
/// they only hide it from the matcher: "Lav\u{200F}rov").
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{200B}' | '\u{2060}' | '\u{00AD}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Does a zero-width joiner or non-joiner between `prev` and `next` join
/// anything? Only between two characters of a joining script or emoji: not at
/// a word's edge, not next to ASCII, not between two Latin letters.
fn joins(prev: Option<char>, next: Option<char>) -> bool {
    let joinable = |c: Option<char>| c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace());
    joinable(prev) && joinable(next) && !(prev.is_some_and(is_latin) && next.is_some_and(is_latin))
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{C0}'..='\u{24F}').contains(&c)
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        || ('\u{2C60}'..='\u{2C7F}').contains(&c)
        || ('\u{A720}'..='\u{A7FF}').contains(&c)
}

fn count_words(s: &str) -> usize {
    s.split(' ').filter(|w| !w.is_empty()).count()
}

/// Collapse whitespace in a one-line string (a given title).
fn normalise_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().filter(|&c| !is_invisible(c)));
    }
    out
}

/// Does the line end as a sentence does ("." "!" "?" "…", maybe inside quotes)?
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*') || c.is_whitespace());
    matches!(t.chars().last(), Some('.' | '!' | '?' | '…'))
}

/// A paragraph of story text: long enough and ending as a sentence.
fn is_body_like(s: &str, words: usize) -> bool {
    words >= 8 && ends_sentence(s)
}

/// "Comments (3)" → "comments": lowercase letters and inner spaces only.
fn widget_key(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphabetic() || c == '\'' || c == '’' || c == '-' {
            k.extend(c.to_lowercase().map(|c| if c == '’' { '\'' } else { c }));
        } else if c.is_whitespace() && !k.is_empty() && !k.ends_with(' ') {
            k.push(' ');
        }
    }
    let k = k.trim_end().trim_matches('-');
    k.to_string()
}

fn is_domain(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    match w.rsplit_once('.') {
        Some((head, tld)) => {
            !head.is_empty()
                && (2..=6).contains(&tld.len())
                && tld.chars().all(|c| c.is_ascii_lowercase())
                && head.chars().any(char::is_alphabetic)
        }
        None => false,
    }
}

/// Junk recognisable from the line alone, whatever its place in the text.
fn hard_junk(cl: &Cleaner, s: &str, words: usize, check_script: bool) -> Option<DropReason> {
    if s.is_ascii() {
        if !s.bytes().any(|b| b.is_ascii_alphanumeric()) {
            return Some(DropReason::NoWords);
        }
    } else {
        let (mut latin, mut other, mut alnum) = (0usize, 0usize, false);
        for c in s.chars() {
            if c.is_alphanumeric() {
                alnum = true;
                if c.is_alphabetic() {
                    if is_latin(c) {
                        latin += 1;
                    } else {
                        other += 1;
                    }
                }
            }
        }
        if !alnum {
            return Some(DropReason::NoWords);
        }
        if check_script && other > latin {
            return Some(DropReason::OtherScript);
        }
    }
    if words <= 6 && WIDGET_LINES.contains(&widget_key(s).as_str()) {
        return Some(DropReason::Widget);
    }
    // Boilerplate sentences are short; story paragraphs need not be scanned.
    if words <= 30 {
        if s.contains('©') {
            return Some(DropReason::Boilerplate);
        }
        if cl.boilerplate.is_match(s) {
            return Some(DropReason::Boilerplate);
        }
        let starts_with = |p: &str| s.as_bytes().get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()));
        if words <= 15 && LABEL_PREFIXES.iter().any(|p| starts_with(p)) {
            return Some(DropReason::Label);
        }
    }
    if is_navigation(s, words) {
        return Some(DropReason::Navigation);
    }
    if words <= 12 && !ends_sentence(s) && cl.byline.is_match(s) {
        return Some(DropReason::Byline);
    }
    if words == 1 && s.chars().any(|c| c.is_ascii_digit()) && s.chars().any(char::is_alphabetic) && s.len() >= 6 {
        return Some(DropReason::ReferenceId);
    }
    None
}

/// Menus and breadcrumbs: "Home | World | Europe", "News » Politics » Region".
fn is_navigation(s: &str, words: usize) -> bool {
    if words > 25 || ends_sentence(s) {
        return false;
    }
    let seps = s.split(' ').filter(|w| matches!(*w, "|" | ">" | "»" | "›" | "•" | "·" | "/")).count();
    seps >= 2 && seps * 4 >= words.saturating_sub(seps)
}

/// Lines that are not sentences; only decided after the title was chosen.
fn soft_junk(s: &str, words: usize) -> Option<DropReason> {
    if words == 1 {
        return Some(DropReason::SingleWord);
    }
    if words <= SHORT_LINE_WORDS && !ends_sentence(s) && !s.ends_with(':') {
        return Some(DropReason::ShortLine);
    }
    None
}

/// The first headline-like line before the body: short or in Title Case, no
/// final period. Lines of five or more words are preferred (section names
/// before a headline are short).
fn find_title(units: &[Unit]) -> Option<String> {
    let mut fallback: Option<&Unit> = None;
    for u in units {
        if u.fate != Fate::Keep {
            continue;
        }
        if is_body_like(&u.text, u.words) {
            break;
        }
        let headline = (3..=30).contains(&u.words)
            && u.text.len() <= 250
            && !u.text.ends_with('.')
            && !u.text.ends_with(':')
            && (u.words <= 12 || title_case(&u.text));
        if !headline {
            continue;
        }
        if u.words >= 5 {
            return Some(u.text.clone());
        }
        if fallback.is_none_or(|f| u.words > f.words) {
            fallback = Some(u);
        }
    }
    fallback.map(|u| u.text.clone())
}

/// Most longer words capitalised: "Talks On Karabakh Resume After Pause".
fn title_case(s: &str) -> bool {
    let long: Vec<&str> = s.split(' ').filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4).collect();
    let caps = long.iter().filter(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)).count();
    !long.is_empty() && caps * 10 >= long.len() * 7
}

/// Lines occurring twice or more are captions or boilerplate: every copy
/// goes. Unless repeats are most of the text (a page scraped twice): then
/// only the later copies go.
fn drop_repeated(units: &mut [Unit]) {
    let mut counts: HashMap<&str, u32, Fnv> = HashMap::with_capacity_and_hasher(units.len(), Fnv::default());
    for u in units.iter().filter(|u| u.fate == Fate::Keep) {
        *counts.entry(u.text.as_str()).or_default() += 1;
    }
    if counts.values().all(|&n| n < 2) {
        return;
    }
    let kept: usize = units.iter().filter(|u| u.fate == Fate::Keep).map(|u| u.text.len()).sum();
    let repeated: usize =
        units.iter().filter(|u| u.fate == Fate::Keep && counts.get(u.text.as_str()).is_some_and(|&n| n >= 2)).map(|u| u.text.len()).sum();
    let doubled_page = repeated * 2 > kept;
    let repeats: Vec<bool> = units.iter().map(|u| u.fate == Fate::Keep && counts.get(u.text.as_str()).is_some_and(|&n| n >= 2)).collect();
    let mut seen: HashMap<String, (), Fnv> = HashMap::default();
    for (u, rep) in units.iter_mut().zip(repeats) {
        if !rep {
            continue;
        }
        if doubled_page && seen.insert(u.text.clone(), ()).is_none() {
            continue;
        }
        u.fate = Fate::Drop(DropReason::Repeated);
    }
}

/// A paragraph found inside a longer one (a lead repeated with a dateline
/// prefix, a pull quote) goes; the longer one stays. At every word of each
/// paragraph, the candidates' opening words are looked up, and then only the
/// lengths of the candidates opening so: the cost does not grow with the number
/// of paragraphs sharing an opening (a list of 40,000 paragraphs starting with
/// the same words was compared pair by pair). The text from that word is hashed
/// once, up to the longest of those lengths, and looked up at each of them.
///
/// Paragraphs whose opening recurs at many words of many longer ones (text
/// made of one sentence repeated) still cost the product; the bytes hashed and
/// compared are capped at [`CONTAINED_WORK_PER_BYTE`] per byte of the
/// candidates, after which the rule stops and what it has not looked at stays
/// (2 MB of such paragraphs took 31 s and 8 MB 518 s: work of the fourth power
/// of their number).
fn drop_contained(units: &mut [Unit]) {
    let cands: Vec<usize> = (0..units.len()).filter(|&i| units[i].fate == Fate::Keep && units[i].words >= MIN_CONTAINED_WORDS).collect();
    if cands.len() < 2 {
        return;
    }
    // Opening window of each candidate → the lengths of the candidates opening with
    // it; the candidates by length and hash of their whole text.
    let mut openings: HashMap<&str, Vec<usize>, Fnv> = HashMap::with_capacity_and_hasher(cands.len(), Fnv::default());
    let mut texts: HashMap<(usize, u64), Vec<usize>, Keyed> = HashMap::with_capacity_and_hasher(cands.len(), Keyed::default());
    let mut total = 0usize;
    for &i in &cands {
        let t = units[i].text.as_str();
        let end = word_starts(t).nth(WINDOW_WORDS).map(|e| e - 1).unwrap_or(t.len());
        openings.entry(&t[..end]).or_default().push(t.len());
        texts.entry((t.len(), fnv(FNV_OFFSET, t.as_bytes()))).or_default().push(i);
        total += t.len();
    }
    for lens in openings.values_mut() {
        lens.sort_unstable();
        lens.dedup();
    }
    let mut budget = total.saturating_mul(CONTAINED_WORK_PER_BYTE).max(CONTAINED_MIN_WORK);
    let mut contained = vec![false; units.len()];
    let mut starts: Vec<usize> = Vec::new();
    'paragraphs: for &u in &cands {
        let ut = units[u].text.as_str();
        let bytes = ut.as_bytes();
        starts.clear();
        starts.extend(word_starts(ut));
        for k in 0..starts.len().saturating_sub(WINDOW_WORDS - 1) {
            let p = starts[k];
            let end = starts.get(k + WINDOW_WORDS).map(|&e| e - 1).unwrap_or(ut.len());
            let Some(lens) = openings.get(&ut[p..end]) else { continue };
            let fit = lens.partition_point(|&len| len < ut.len() && p + len <= ut.len());
            let Some(&longest) = lens[..fit].last() else { continue };
            if budget < longest {
                break 'paragraphs;
            }
            budget -= longest;
            // The hash of ut[p..p + len], grown one length to the next.
            let (mut h, mut hashed) = (FNV_OFFSET, 0);
            for &len in &lens[..fit] {
                h = fnv(h, &bytes[p + hashed..p + len]);
                hashed = len;
                if !ut.is_char_boundary(p + len) || ut[p + len..].chars().next().is_some_and(char::is_alphanumeric) {
                    continue;
                }
                let Some(same) = texts.get(&(len, h)) else { continue };
                for &s in same {
                    if contained[s] {
                        continue;
                    }
                    if budget < len {
                        break 'paragraphs;
                    }
                    budget -= len;
                    if units[s].text.as_bytes() == &bytes[p..p + len] {
                        contained[s] = true;
                    }
                }
            }
        }
    }
    for (u, c) in units.iter_mut().zip(contained) {
        if c {
            u.fate = Fate::Drop(DropReason::ContainedInLonger);
        }
    }
}

/// Byte offsets where words start (text has single spaces).
fn word_starts(t: &str) -> impl Iterator<Item = usize> + '_ {
    let b = t.as_bytes();
    (0..b.len()).filter(move |&i| b[i] != b' ' && (i == 0 || b[i - 1] == b' '))
}

/// FNV-1a: the keys here are strings from one article. Whole texts found by
/// their hash are compared before they count (a collision costs a comparison).
#[derive(Default)]
struct FnvHasher(u64);

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

#[cfg(test)]
thread_local! {
    /// Bytes hashed on this thread, for the tests of the work done.
    static HASHED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// FNV-1a from state `h` over `bytes`: hashing a text in two pieces gives the
/// hash of the whole.
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    #[cfg(test)]
    HASHED.with(|n| n.set(n.get() + bytes.len()));
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv(if self.0 == 0 { FNV_OFFSET } else { self.0 }, bytes);
    }
}

type Fnv = BuildHasherDefault<FnvHasher>;

/// For keys that are a length and a hash already: no hashing again.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv(self.0 ^ FNV_OFFSET, bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = self.0.rotate_left(29) ^ n;
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type Keyed = BuildHasherDefault<KeyHasher>;

#[cfg(test)]
mod tests;
