//! Actor codes taken apart the way GDELT and ICEWS present them: a country, a
//! known group (an IGO/NGO's own code), up to three type (sector) codes; and
//! the names ICEWS prints for countries and sectors.
//!
//! Bede's `ActorRef` already carries the country (ISO3) and sectors; the
//! known group is the organisation's own three-letter unit inside a non-state
//! code (`IGOUNO` → `UNO`, `IGOWSTNAT` → `NAT`), found by elimination: what
//! is not the country, a generic non-state prefix, a CAMEO region or a sector.

use bede_core::ActorRef;
use std::collections::HashMap;
use std::sync::OnceLock;

/// CAMEO's generic non-state actor codes; they lead a non-state code and are
/// its first type (GDELT types IGOUNO as type IGO, known group UNO).
const NON_STATE: &[&str] = &["IGO", "NGO", "IMG", "MNC", "NGM", "INT", "ISM"];

/// CAMEO region codes (codebook table 3.3): geography inside an IGO code, not
/// a country, a type or a group.
const REGIONS: &[&str] = &[
    "AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EUR", "LAM", "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS",
    "SCN", "SEA", "WAF", "WST",
];

/// CAMEO role/sector (type) codes with the English names ICEWS-style output
/// prints for them. The names are Bede's own short glosses of CAMEO's roles.
const SECTORS: &[(&str, &str)] = &[
    ("GOV", "Government"),
    ("MIL", "Military"),
    ("COP", "Police"),
    ("JUD", "Judiciary"),
    ("LEG", "Legislature"),
    ("OPP", "Opposition"),
    ("PTY", "Political party"),
    ("REB", "Rebels"),
    ("INS", "Insurgents"),
    ("SEP", "Separatists"),
    ("SPY", "Intelligence"),
    ("UAF", "Unaligned armed forces"),
    ("PRM", "Paramilitary"),
    ("CRM", "Criminals"),
    ("CVL", "Civilians"),
    ("ELI", "Elites"),
    ("BUS", "Business"),
    ("MED", "Media"),
    ("EDU", "Education"),
    ("HLH", "Health"),
    ("HRI", "Human rights"),
    ("LAB", "Labor"),
    ("AGR", "Agriculture"),
    ("ENV", "Environment"),
    ("DEV", "Development"),
    ("REF", "Refugees"),
    ("REL", "Religion"),
    ("MOD", "Moderate"),
    ("RAD", "Radical"),
    ("SET", "Settlers"),
    ("PKO", "Peacekeepers"),
    ("UIS", "Unidentified state actor"),
    ("IGO", "Intergovernmental organization"),
    ("NGO", "Non-governmental organization"),
    ("IMG", "International militarized group"),
    ("MNC", "Multinational corporation"),
    ("NGM", "Non-governmental movement"),
    ("INT", "International"),
    ("ISM", "International social movement"),
];

/// The English name of a sector code, or the code itself when unknown.
pub(crate) fn sector_name(code: &str) -> &str {
    SECTORS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n).unwrap_or(code)
}

fn is_sector(code: &str) -> bool {
    SECTORS.iter().any(|(c, _)| *c == code)
}

/// An actor code taken apart.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct ActorParts<'a> {
    pub country: Option<&'a str>,
    pub known_group: Option<&'a str>,
    /// At most three, in the order the code gives them.
    pub types: Vec<&'a str>,
}

pub(crate) fn split(a: &ActorRef) -> ActorParts<'_> {
    let mut p = ActorParts { country: a.country.as_deref(), ..Default::default() };
    let code = a.code.as_str();
    let push_type = |t: &'static str, types: &mut Vec<&str>| {
        if types.len() < 3 && !types.contains(&t) {
            types.push(t);
        }
    };
    // Codes are concatenated 3-letter units; anything else (a user
    // dictionary's odd code) yields no units, only the sectors listed.
    let units: Vec<&str> = if code.len().is_multiple_of(3) && code.is_ascii() {
        (0..code.len() / 3).map(|i| &code[i * 3..i * 3 + 3]).collect()
    } else {
        Vec::new()
    };
    let non_state = units.first().is_some_and(|u| NON_STATE.contains(u));
    for (i, u) in units.iter().enumerate() {
        if i == 0 && Some(*u) == p.country {
            continue;
        }
        if let Some((c, _)) = SECTORS.iter().find(|(c, _)| c == u) {
            push_type(c, &mut p.types);
        } else if REGIONS.contains(u) || u.starts_with('-') {
            // A region, or PETRARCH's `---` placeholder for an unknown country.
        } else if non_state {
            p.known_group = Some(u);
        }
    }
    for s in &a.sectors {
        if let Some((c, _)) = SECTORS.iter().find(|(c, _)| c == s) {
            push_type(c, &mut p.types);
        }
    }
    // A sector Bede lists that CAMEO's table lacks still belongs in the types.
    for s in &a.sectors {
        if !is_sector(s) && p.types.len() < 3 && !p.types.contains(&s.as_str()) {
            p.types.push(s.as_str());
        }
    }
    p
}

/// The English name of a country by ISO 3166-1 alpha-3 code, from the actor
/// dictionary embedded in Bede (its `country` entries' display names).
pub(crate) fn country_name(iso3: &str) -> Option<&'static str> {
    static NAMES: OnceLock<HashMap<String, String>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        // The embedded dictionaries are tested to load in bede-actors; should
        // they ever fail, names fall back to codes rather than failing exports.
        let Ok(dict) = bede_actors::ActorDict::embedded() else { return HashMap::new() };
        dict.entities.iter().filter(|e| e.kind == bede_actors::EntityKind::Country).map(|e| (e.code.clone(), e.name.clone())).collect()
    });
    names.get(iso3).map(String::as_str)
}

/// A readable label for an actor code, for people rather than programs:
/// the embedded dictionary's name for the code itself (`IGOUNO` → its
/// organisation, `TUR` → the country), else the longest dictionary code it
/// starts with followed by the names of the sector codes after it (`RUSGOV` →
/// "Russia · Government"), else the code.
pub fn actor_label(code: &str) -> String {
    static NAMES: OnceLock<HashMap<String, String>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        let Ok(dict) = bede_actors::ActorDict::embedded() else { return HashMap::new() };
        dict.entities
            .iter()
            .filter(|e| matches!(e.kind, bede_actors::EntityKind::Country | bede_actors::EntityKind::Igo) && !e.code.is_empty())
            .map(|e| (e.code.clone(), e.name.clone()))
            .collect()
    });
    if let Some(n) = names.get(code) {
        return n.clone();
    }
    // Longest known prefix on a three-letter boundary, then the rest as sectors.
    let mut cut = code.len() - code.len() % 3;
    while cut >= 3 {
        if let Some(name) = code.get(..cut).and_then(|b| names.get(b)) {
            let rest = &code[cut..];
            let mut label = name.clone();
            let mut parts = Vec::new();
            let mut i = 0;
            while let Some(unit) = rest.get(i..i + 3) {
                parts.push(sector_name(unit));
                i += 3;
            }
            if !parts.is_empty() && i == rest.len() {
                label.push_str(" · ");
                label.push_str(&parts.join(", "));
                return label;
            }
            return format!("{label} · {rest}");
        }
        cut -= 3;
    }
    // A code of sectors only (`GOV`, `MIL`): its name.
    if code.len() == 3 && is_sector(code) {
        return sector_name(code).to_string();
    }
    code.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::actor;

    /// (country, known group, types) of a code, owned.
    fn parts(code: &str, country: Option<&str>, sectors: &[&str]) -> (Option<String>, Option<String>, Vec<String>) {
        let a = actor(code, country, sectors);
        let p = split(&a);
        (p.country.map(Into::into), p.known_group.map(Into::into), p.types.iter().map(|t| t.to_string()).collect())
    }

    fn owned(country: Option<&str>, group: Option<&str>, types: &[&str]) -> (Option<String>, Option<String>, Vec<String>) {
        (country.map(Into::into), group.map(Into::into), types.iter().map(|t| t.to_string()).collect())
    }

    #[test]
    fn state_actor_country_and_types() {
        assert_eq!(parts("RUSGOV", Some("RUS"), &["GOV"]), owned(Some("RUS"), None, &["GOV"]));
        assert_eq!(parts("RUSMILREB", Some("RUS"), &["MIL", "REB"]), owned(Some("RUS"), None, &["MIL", "REB"]));
        assert_eq!(parts("TUR", Some("TUR"), &[]), owned(Some("TUR"), None, &[]));
        // Sectors the code does not spell out still count, at most three.
        assert_eq!(parts("USA", Some("USA"), &["GOV", "MIL", "LEG", "JUD"]), owned(Some("USA"), None, &["GOV", "MIL", "LEG"]));
    }

    #[test]
    fn igo_known_group_is_the_organisation_unit() {
        assert_eq!(parts("IGOUNO", None, &[]), owned(None, Some("UNO"), &["IGO"]));
        assert_eq!(parts("IGOWSTNAT", None, &[]), owned(None, Some("NAT"), &["IGO"]));
        assert_eq!(parts("IGOUNOAGRFAO", None, &[]), owned(None, Some("FAO"), &["IGO", "AGR"]));
        assert_eq!(parts("NGOHRIAMN", None, &[]), owned(None, Some("AMN"), &["NGO", "HRI"]));
        // A region alone is not a group, nor is a state's unknown unit.
        assert_eq!(parts("EUR", None, &[]), owned(None, None, &[]));
        assert_eq!(parts("RUSXYZ", Some("RUS"), &[]), owned(Some("RUS"), None, &[]));
    }

    /// Known groups the dictionary takes from Phoenix that GDELT's older table
    /// lacks: AFU, the African Union (GDELT lists only its predecessor, the
    /// OAU). GDELT readers see the code; it is not wrong, only newer.
    const NOT_IN_GDELT: &[&str] = &["AFU"];

    /// Every IGO/NGO code of Bede's embedded dictionary whose header does not
    /// say "Bede-assigned" yields a known group that GDELT's own lookup table
    /// lists (read from ../shared at test time; never copied here).
    #[test]
    fn known_groups_of_the_embedded_igos_are_gdelt_codes() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/gdelt_cameo_lookups/CAMEO.knowngroup.txt");
        let table = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let gdelt: Vec<&str> = table.lines().skip(1).filter_map(|l| l.split('\t').next()).collect();
        assert!(gdelt.len() > 50, "{path} looks truncated");
        let sources = bede_actors::embedded_sources();
        let dict = bede_actors::ActorDict::embedded().unwrap();
        let (mut checked, mut missing) = (0, Vec::new());
        for e in dict.entities.iter().filter(|e| e.kind == bede_actors::EntityKind::Igo) {
            // `origin` is `file:line`; the header line's comment says where the code is from.
            let (file, line) = e.origin.rsplit_once(':').unwrap();
            let text = sources.iter().find(|(f, _)| file.ends_with(f)).map(|(_, t)| *t).unwrap();
            let header = text.lines().nth(line.parse::<usize>().unwrap() - 1).unwrap();
            let a = actor(&e.code, None, &[]);
            let Some(group) = split(&a).known_group else { continue };
            if header.contains("Bede-assigned") {
                continue;
            }
            checked += 1;
            if !gdelt.contains(&group) && !NOT_IN_GDELT.contains(&group) {
                missing.push(format!("{} -> {group} ({header})", e.code));
            }
        }
        assert!(checked >= 20, "only {checked} IGO codes checked");
        assert!(missing.is_empty(), "known groups not in GDELT's table:\n{}", missing.join("\n"));
    }

    #[test]
    fn country_names_come_from_the_dictionary() {
        assert_eq!(country_name("TUR").map(|n| !n.is_empty()), Some(true));
        assert_ne!(country_name("RUS"), Some("RUS"));
        assert_eq!(country_name("XYZ"), None);
    }

    #[test]
    fn actor_labels() {
        let rus = country_name("RUS").unwrap();
        assert_eq!(actor_label("RUS"), rus);
        assert_eq!(actor_label("RUSGOV"), format!("{rus} · Government"));
        assert_eq!(actor_label("RUSGOVMIL"), format!("{rus} · Government, Military"));
        assert_ne!(actor_label("IGOUNO"), "IGOUNO");
        assert_eq!(actor_label("GOV"), "Government");
        assert_eq!(actor_label("QQQZZZ"), "QQQZZZ");
        assert_eq!(actor_label(""), "");
        // Not on a three-letter boundary: the known prefix, then the rest as is.
        assert_eq!(actor_label("RUSGO"), format!("{rus} · GO"));
    }

    #[test]
    fn sector_names() {
        assert_eq!(sector_name("GOV"), "Government");
        assert_eq!(sector_name("QQQ"), "QQQ");
    }
}
