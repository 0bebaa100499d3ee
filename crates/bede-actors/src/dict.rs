//! The actor dictionary: parsing our own format into entities and names.

use chrono::NaiveDate;
use std::fmt;

/// Index of an entity in its [`ActorDict`].
pub type EntityId = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Country,
    Igo,
    Agent,
    Person,
}

/// How a name denotes its entity; decides how matches combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameForm {
    /// The entity's name ("Russia", "NATO", "Sergey Lavrov", "foreign minister").
    Name,
    /// A country's or IGO's adjective ("Russian", "UN").
    Adjective,
    /// A country's people ("Russians").
    Demonym,
    /// A capital city, a metonym for the government only in argument position.
    Capital,
    /// Another metonym for the government ("the Kremlin").
    Government,
    /// An agent's plural form ("foreign ministers").
    Plural,
}

/// A dated office held by a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub country: String,
    pub sector: String,
    pub role: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Role {
    pub fn covers(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }
}

/// A code that applies between two dates (either end open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DatedCode {
    pub fn covers(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub kind: EntityKind,
    /// Country: ISO3. IGO: the full CAMEO actor code. Agent: the sector code.
    /// Person: empty (persons are coded through their roles).
    pub code: String,
    pub name: String,
    /// Agents: the role name (`foreign-minister`, `counterpart`, ...).
    pub role: Option<String>,
    /// Persons: nationality.
    pub country: Option<String>,
    /// Persons: offices with dates.
    pub roles: Vec<Role>,
    /// Generic actors (`actor` entries): date-restricted codes, tried in order
    /// before the default `code` (which may be empty: no default).
    pub codes: Vec<DatedCode>,
    /// Agents: the agent's code is written before the actor's (`NGO` + `ARN`).
    pub prefix: bool,
    /// A generic `actor` entry (coded like a country, from `code` and `codes`).
    pub generic: bool,
    /// `file:line` of the header, for explanations.
    pub origin: String,
}

/// A name as loaded: its normalised tokens and what it denotes.
#[derive(Debug, Clone)]
pub(crate) struct NameEntry {
    /// Normalised tokens joined by single spaces.
    pub key: String,
    /// Exact tokens joined by single spaces, when the name must match in case.
    pub exact: Option<String>,
    pub entity: EntityId,
    pub form: NameForm,
}

/// A parse error, naming the file, line and reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for DictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}
impl std::error::Error for DictError {}

/// Entities and their names, loaded from one or more dictionary files.
#[derive(Debug, Clone, Default)]
pub struct ActorDict {
    pub entities: Vec<Entity>,
    pub(crate) names: Vec<NameEntry>,
    /// (entity, form, key, exact) of every name, to skip duplicates quickly.
    seen: rustc_hash::FxHashSet<(EntityId, u8, String, Option<String>)>,
}

fn strip_comment(line: &str) -> &str {
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'#' && (i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\t') {
            return &line[..i];
        }
    }
    line
}

fn parse_date(s: &str, end: bool) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split('-').collect();
    let y: i32 = parts.first()?.parse().ok()?;
    if !(1000..=2200).contains(&y) || parts.len() > 3 {
        return None;
    }
    let m: u32 = match parts.get(1) {
        Some(m) => m.parse().ok().filter(|m| (1..=12).contains(m))?,
        None => {
            if end {
                12
            } else {
                1
            }
        }
    };
    match parts.get(2) {
        Some(d) => NaiveDate::from_ymd_opt(y, m, d.parse().ok()?),
        None if end => {
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
        }
        None => NaiveDate::from_ymd_opt(y, m, 1),
    }
}

/// Parse `FROM .. TO` (either end may be empty).
fn parse_range(s: &str) -> Result<(Option<NaiveDate>, Option<NaiveDate>), String> {
    let (a, b) = s.split_once("..").ok_or_else(|| format!("date range {s:?} has no '..'"))?;
    let (a, b) = (a.trim(), b.trim());
    let from = if a.is_empty() { None } else { Some(parse_date(a, false).ok_or_else(|| format!("bad date {a:?}"))?) };
    let to = if b.is_empty() { None } else { Some(parse_date(b, true).ok_or_else(|| format!("bad date {b:?}"))?) };
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(format!("date range {s:?} ends before it starts"));
        }
    }
    Ok((from, to))
}

fn is_code(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// A generic actor code: capitals, digits and `-` (`ARN`, `IGOCOPITP`, `---GOV`), or
/// several such codes joined by `/` (an actor that stands for each of them).
fn is_actor_code(s: &str) -> bool {
    s.split('/').all(|c| (3..=15).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'))
}

/// `CODE FROM .. TO` (the range may be omitted: always).
fn parse_dated_code(v: &str) -> Result<DatedCode, String> {
    let (code, range) = match v.split_once(char::is_whitespace) {
        Some((c, r)) => (c, r.trim()),
        None => (v, ""),
    };
    if !is_actor_code(code) {
        return Err(format!("code: {code:?} is not an actor code (3-15 of A-Z, 0-9, -)"));
    }
    let (from, to) = if range.is_empty() { (None, None) } else { parse_range(range).map_err(|e| format!("code {v:?}: {e}"))? };
    Ok(DatedCode { code: code.to_string(), from, to })
}

/// Split a header's trailing `"Display name"`.
fn split_quoted(rest: &str) -> Result<(&str, String), String> {
    let q = rest.find('"').ok_or("header needs a quoted display name")?;
    let tail = &rest[q + 1..];
    let e = tail.find('"').ok_or("unterminated display name")?;
    if !tail[e + 1..].trim().is_empty() {
        return Err(format!("unexpected text after the display name: {:?}", tail[e + 1..].trim()));
    }
    Ok((rest[..q].trim(), tail[..e].to_string()))
}

/// Fold a character for matching: lower case, common Latin diacritics
/// removed, typographic apostrophes made plain.
pub(crate) fn fold_char(c: char, out: &mut String) {
    match c {
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
        _ if c.is_ascii() => out.push(c),
        _ => {
            let f = match c {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
                'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'c',
                'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ə' | 'ə' => 'e',
                'ğ' | 'Ğ' => 'g',
                'ì' | 'í' | 'î' | 'ï' | 'ı' | 'İ' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
                'ñ' | 'ń' | 'ň' | 'Ñ' => 'n',
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
                'ř' | 'Ř' => 'r',
                'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => 's',
                'ţ' | 'ț' | 'ť' | 'Ţ' | 'Ț' => 't',
                'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
                'ý' | 'ÿ' | 'Ý' => 'y',
                'ž' | 'ź' | 'ż' | 'Ž' | 'Ź' | 'Ż' => 'z',
                _ => {
                    out.extend(c.to_lowercase());
                    return;
                }
            };
            out.push(f);
        }
    }
}

/// Tokenise a dictionary name the way sentences are tokenised; return the
/// folded key and the exact token string.
fn name_key(name: &str) -> (String, String) {
    let mut toks = Vec::new();
    bede_nlp::tokenize::tokenize(name, &mut toks);
    let mut key = String::new();
    let mut exact = String::new();
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            key.push(' ');
            exact.push(' ');
        }
        let s = &name[t.start as usize..t.end as usize];
        for c in s.chars() {
            fold_char(c, &mut key);
        }
        exact.push_str(s);
    }
    (key, exact)
}

fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase()) && !name.contains(' ')
}

/// Plural by rule, for agents without an explicit `plurals:` list.
fn plural_of(word: &str) -> String {
    // Pluralise the last word of the phrase.
    let (head, last) = match word.rfind(' ') {
        Some(i) => (&word[..=i], &word[i + 1..]),
        None => ("", word),
    };
    let p = if last.ends_with('s') || last.ends_with('x') || last.ends_with("ch") || last.ends_with("sh") {
        format!("{last}es")
    } else if last.ends_with('y') && !last.ends_with("ay") && !last.ends_with("ey") && !last.ends_with("oy") {
        format!("{}ies", &last[..last.len() - 1])
    } else if let Some(stem) = last.strip_suffix("man") {
        format!("{stem}men")
    } else {
        format!("{last}s")
    };
    format!("{head}{p}")
}

impl ActorDict {
    /// The default dictionaries embedded in the binary.
    pub fn embedded() -> Result<ActorDict, DictError> {
        let mut d = ActorDict::default();
        for (file, text) in crate::embedded_sources() {
            d.load_str(file, text)?;
        }
        Ok(d)
    }

    /// Load every `.txt` file of a directory, in name order.
    pub fn load_dir(&mut self, dir: &std::path::Path) -> Result<(), DictError> {
        let err = |reason: String| DictError { file: dir.display().to_string(), line: 0, reason };
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| err(format!("cannot read directory: {e}")))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|e| DictError {
                file: f.display().to_string(),
                line: 0,
                reason: format!("cannot read: {e}"),
            })?;
            self.load_str(&f.display().to_string(), &text)?;
        }
        Ok(())
    }

    /// Parse one file's text and add its entries.
    pub fn load_str(&mut self, file: &str, text: &str) -> Result<(), DictError> {
        let err = |line: usize, reason: String| DictError { file: file.to_string(), line, reason };
        let mut current: Option<usize> = None; // entity index
        let mut pending_plurals: Option<(usize, bool)> = None; // agent entity, had explicit plurals
        for (i, raw) in text.lines().enumerate() {
            let lineno = i + 1;
            let line = strip_comment(raw);
            if line.trim().is_empty() {
                continue;
            }
            let indented = line.starts_with(' ') || line.starts_with('\t');
            if !indented {
                self.finish_agent(&mut pending_plurals);
                let line = line.trim_end();
                let (kind, rest) =
                    line.split_once(char::is_whitespace).ok_or_else(|| err(lineno, format!("incomplete header {line:?}")))?;
                let (head, name) = split_quoted(rest).map_err(|r| err(lineno, r))?;
                let fields: Vec<&str> = head.split_whitespace().collect();
                let ent = match (kind, fields.as_slice()) {
                    ("country", [iso]) if is_code(iso, 3, 3) => Entity::new(EntityKind::Country, iso, &name),
                    ("igo", [code]) if is_code(code, 3, 12) => Entity::new(EntityKind::Igo, code, &name),
                    ("actor", [code]) if *code == "-" || is_actor_code(code) => {
                        let mut e = Entity::new(EntityKind::Country, if *code == "-" { "" } else { code }, &name);
                        e.generic = true;
                        e
                    }
                    ("agent", [sector, role]) if is_code(sector, 2, 12) => {
                        let mut e = Entity::new(EntityKind::Agent, sector, &name);
                        e.role = Some(role.to_string());
                        e
                    }
                    ("person", []) => Entity::new(EntityKind::Person, "", &name),
                    ("country" | "igo" | "agent" | "person" | "actor", _) => {
                        return Err(err(lineno, format!("malformed {kind} header {line:?} (see dict/FORMAT.md)")))
                    }
                    _ => return Err(err(lineno, format!("unknown entry kind {kind:?}; expected country, igo, agent, person or actor"))),
                };
                let mut ent = ent;
                ent.origin = format!("{file}:{lineno}");
                self.entities.push(ent);
                let idx = self.entities.len() - 1;
                current = Some(idx);
                if self.entities[idx].kind == EntityKind::Agent {
                    pending_plurals = Some((idx, false));
                }
                if self.entities[idx].kind != EntityKind::Person {
                    // The display name is itself a name of countries and IGOs.
                    let n = self.entities[idx].name.clone();
                    if self.entities[idx].kind != EntityKind::Agent {
                        self.add_name(idx, &n, NameForm::Name);
                    }
                }
                continue;
            }
            let idx = current.ok_or_else(|| err(lineno, "attribute line before any entry header".into()))?;
            let (key, value) =
                line.trim().split_once(':').ok_or_else(|| err(lineno, format!("expected 'key: value', got {:?}", line.trim())))?;
            let key = key.trim();
            let values: Vec<&str> = value.split('|').map(str::trim).filter(|v| !v.is_empty()).collect();
            let kind = self.entities[idx].kind;
            let form = match (kind, key) {
                (_, "names") => Some(NameForm::Name),
                (EntityKind::Country | EntityKind::Igo, "adjectives") => Some(NameForm::Adjective),
                (EntityKind::Country, "demonyms") => Some(NameForm::Demonym),
                (EntityKind::Country, "capital") => Some(NameForm::Capital),
                (EntityKind::Country, "government") => Some(NameForm::Government),
                (EntityKind::Agent, "plurals") => {
                    pending_plurals = Some((idx, true));
                    if values.is_empty() {
                        // `plurals:` alone: the agent has no plural at all.
                        continue;
                    }
                    Some(NameForm::Plural)
                }
                (EntityKind::Agent, "position") => match value.trim() {
                    "before" => {
                        self.entities[idx].prefix = true;
                        None
                    }
                    "after" => None,
                    v => return Err(err(lineno, format!("position must be 'before' or 'after', got {v:?}"))),
                },
                (EntityKind::Country, "code") if self.entities[idx].generic => {
                    let c = parse_dated_code(value.trim()).map_err(|r| err(lineno, r))?;
                    self.entities[idx].codes.push(c);
                    None
                }
                (EntityKind::Person, "country") => {
                    let c = value.trim();
                    if !is_code(c, 3, 3) {
                        return Err(err(lineno, format!("country must be an ISO3 code, got {c:?}")));
                    }
                    self.entities[idx].country = Some(c.to_string());
                    None
                }
                (EntityKind::Person, "role") => {
                    let role = parse_role(value.trim()).map_err(|r| err(lineno, r))?;
                    self.entities[idx].roles.push(role);
                    None
                }
                _ => return Err(err(lineno, format!("key {key:?} is not allowed in a {kind:?} entry (see dict/FORMAT.md)"))),
            };
            if let Some(form) = form {
                if values.is_empty() {
                    return Err(err(lineno, format!("{key}: has no values")));
                }
                for v in values {
                    self.add_name(idx, v, form);
                }
            }
        }
        self.finish_agent(&mut pending_plurals);
        Ok(())
    }

    fn finish_agent(&mut self, pending: &mut Option<(usize, bool)>) {
        if let Some((idx, explicit)) = pending.take() {
            if !explicit {
                let singulars: Vec<String> = self
                    .names
                    .iter()
                    .filter(|n| n.entity as usize == idx && n.form == NameForm::Name && n.exact.is_none())
                    .map(|n| n.key.clone())
                    .collect();
                for s in singulars {
                    let p = plural_of(&s);
                    self.add_name(idx, &p, NameForm::Plural);
                }
            }
        }
    }

    fn add_name(&mut self, idx: usize, name: &str, form: NameForm) {
        let (key, exact) = name_key(name);
        if key.is_empty() {
            return;
        }
        let exact = is_acronym(name).then_some(exact);
        let entity = idx as EntityId;
        if !self.seen.insert((entity, form as u8, key.clone(), exact.clone())) {
            return;
        }
        self.names.push(NameEntry { key, exact, entity, form });
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id as usize]
    }

    /// Number of names loaded (all forms).
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// The role a person holds on `date`; the first listed role wins when
    /// several cover the date. Without a date, the latest-starting role.
    pub fn role_at(&self, id: EntityId, date: Option<NaiveDate>) -> Option<&Role> {
        let e = self.entity(id);
        match date {
            Some(d) => e.roles.iter().find(|r| r.covers(d)),
            None => e.roles.iter().max_by_key(|r| r.from),
        }
    }

    /// The code of a country or generic actor on `date`: the first dated code
    /// covering it, else the default code; `None` when neither applies. Without
    /// a date, the default code, else the latest-starting dated code.
    pub fn code_at(&self, id: EntityId, date: Option<NaiveDate>) -> Option<&str> {
        let e = self.entity(id);
        let dated = match date {
            Some(d) => e.codes.iter().find(|c| c.covers(d)),
            None if e.code.is_empty() => e.codes.iter().max_by_key(|c| c.from),
            None => None,
        };
        match dated {
            Some(c) => Some(&c.code),
            None if e.code.is_empty() => None,
            None => Some(&e.code),
        }
    }

    /// Whether a person held any role that ended before `date`.
    pub fn had_role_before(&self, id: EntityId, date: NaiveDate) -> bool {
        self.entity(id).roles.iter().any(|r| r.to.is_some_and(|t| t < date))
    }

    /// Find an agent entity by role name (e.g. `counterpart`).
    pub fn agent_by_role(&self, role: &str) -> Option<EntityId> {
        self.entities.iter().position(|e| e.kind == EntityKind::Agent && e.role.as_deref() == Some(role)).map(|i| i as EntityId)
    }

    /// The country entity with this ISO3 code.
    pub fn country(&self, iso3: &str) -> Option<EntityId> {
        self.entities.iter().position(|e| e.kind == EntityKind::Country && e.code == iso3).map(|i| i as EntityId)
    }
}

impl Entity {
    fn new(kind: EntityKind, code: &str, name: &str) -> Entity {
        Entity {
            kind,
            code: code.to_string(),
            name: name.to_string(),
            role: None,
            country: None,
            roles: Vec::new(),
            codes: Vec::new(),
            prefix: false,
            generic: false,
            origin: String::new(),
        }
    }
}

fn parse_role(v: &str) -> Result<Role, String> {
    let mut it = v.splitn(4, char::is_whitespace);
    let (Some(country), Some(sector), Some(role)) = (it.next(), it.next(), it.next()) else {
        return Err(format!("role needs 'ISO3 SECTOR ROLE FROM .. TO', got {v:?}"));
    };
    if !is_code(country, 3, 3) || !is_code(sector, 3, 3) {
        return Err(format!("role needs an ISO3 country and a 3-letter sector, got {v:?}"));
    }
    let (from, to) = parse_range(it.next().unwrap_or("").trim()).map_err(|e| format!("role {v:?}: {e}"))?;
    Ok(Role { country: country.into(), sector: sector.into(), role: role.into(), from, to })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# a test dictionary
country RUS \"Russia\"
  names: Russia | Russian Federation
  adjectives: Russian
  capital: Moscow   # metonym
agent GOV foreign-minister \"foreign minister\"
  names: foreign minister | top diplomat
person \"Sergey Lavrov\"
  names: Sergey Lavrov | Lavrov
  country: RUS
  role: RUS GOV foreign-minister 2004-03-09 ..
country USA \"United States\"
  names: US | United States
";

    #[test]
    fn parses_entries_and_plurals() {
        let mut d = ActorDict::default();
        d.load_str("t.txt", SAMPLE).unwrap();
        assert_eq!(d.entities.len(), 4);
        assert!(d.names.iter().any(|n| n.key == "foreign ministers" && n.form == NameForm::Plural));
        assert!(d.names.iter().any(|n| n.key == "top diplomats"));
        let us = d.names.iter().find(|n| n.key == "us").unwrap();
        assert_eq!(us.exact.as_deref(), Some("US"));
        let lavrov = d.entities.iter().position(|e| e.name == "Sergey Lavrov").unwrap() as EntityId;
        let r = d.role_at(lavrov, NaiveDate::from_ymd_opt(2020, 7, 23)).unwrap();
        assert_eq!((r.country.as_str(), r.sector.as_str()), ("RUS", "GOV"));
        assert!(d.role_at(lavrov, NaiveDate::from_ymd_opt(2001, 1, 1)).is_none());
    }

    #[test]
    fn errors_name_file_and_line() {
        let mut d = ActorDict::default();
        let e = d.load_str("bad.txt", "country RUS \"Russia\"\n  nmes: Russia\n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("bad.txt", 2));
        let e = d.load_str("bad.txt", "  names: x\n").unwrap_err();
        assert_eq!(e.line, 1);
        let e = d.load_str("bad.txt", "person \"X\"\n  role: RUS GOV fm 2010 .. 2009\n").unwrap_err();
        assert!(e.reason.contains("ends before"), "{e}");
        let e = d.load_str("bad.txt", "planet XYZ \"Mars\"\n").unwrap_err();
        assert!(e.reason.contains("unknown entry kind"));
    }

    #[test]
    fn date_ranges_are_inclusive_by_precision() {
        assert_eq!(parse_range("2014 .. 2015").unwrap(), (NaiveDate::from_ymd_opt(2014, 1, 1), NaiveDate::from_ymd_opt(2015, 12, 31)));
        assert_eq!(parse_range(".. 2020-02").unwrap().1, NaiveDate::from_ymd_opt(2020, 2, 29));
        assert!(parse_range("2020-13 ..").is_err());
    }
}
