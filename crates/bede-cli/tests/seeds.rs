//! Acceptance on the seed articles: every interaction between states coded
//! with the right dyad, code family and date, through the CLI.

mod common;
use common::*;
use serde_json::Value;

fn s<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    let mut x = v;
    for p in path {
        x = &x[*p];
    }
    x.as_str().unwrap_or("")
}

struct Want {
    doc: &'static str,
    src: &'static str,
    tgt: Option<&'static str>,
    root: &'static str,
    date: &'static str,
    /// A word the source or target name must contain ("" = any).
    who: &'static str,
    what: &'static str,
}

/// Names compared without diacritics: the dictionary writes "Erdoğan", news text "Erdogan".
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ğ' => 'g',
            'ü' => 'u',
            'ö' => 'o',
            'ç' => 'c',
            'Ç' => 'C',
            'ş' => 's',
            'Ş' => 'S',
            'ı' => 'i',
            'İ' => 'I',
            'é' | 'è' | 'ë' => 'e',
            'á' | 'à' | 'ä' => 'a',
            c => c,
        })
        .collect()
}

fn find<'a>(evs: &'a [Value], w: &Want) -> Option<&'a Value> {
    evs.iter().find(|e| {
        s(e, &["doc_id"]).starts_with(w.doc)
            && s(e, &["source", "country"]) == w.src
            && match w.tgt {
                Some(t) => s(e, &["target", "country"]) == t,
                None => true,
            }
            && s(e, &["cameo"]).starts_with(w.root)
            && s(e, &["date"]) == w.date
            && !e["negated"].as_bool().unwrap_or(false)
            && (w.who.is_empty() || fold(s(e, &["source", "name"])).contains(w.who) || fold(s(e, &["target", "name"])).contains(w.who))
    })
}

fn seed_events() -> Vec<Value> {
    let seeds = shared().join("seeds/seeds.jsonl");
    assert!(seeds.exists(), "{} is missing: the seed articles live in ../shared/seeds", seeds.display());
    let out = run(bede().args(["code", "--quiet"]).arg(&seeds));
    assert!(out.status.success(), "bede code failed: {}", String::from_utf8_lossy(&out.stderr));
    events(&out)
}

#[test]
fn every_seed_interaction_is_coded() {
    let evs = seed_events();
    let wants = [
        Want { doc: "000", src: "RUS", tgt: Some("TUR"), root: "04", date: "2020-07-23", who: "Lavrov", what: "Lavrov-Cavusoglu talks" },
        Want {
            doc: "000",
            src: "TUR",
            tgt: Some("RUS"),
            root: "04",
            date: "2020-07-23",
            who: "Cavusoglu",
            what: "Lavrov-Cavusoglu talks (reciprocal)",
        },
        Want {
            doc: "000",
            src: "RUS",
            tgt: Some("TUR"),
            root: "03",
            date: "2020-07-23",
            who: "",
            what: "agreement to develop cooperation",
        },
        Want {
            doc: "000",
            src: "TUR",
            tgt: Some("RUS"),
            root: "03",
            date: "2020-07-23",
            who: "",
            what: "agreement to develop cooperation (reciprocal)",
        },
        Want {
            doc: "001",
            src: "RUS",
            tgt: Some("TUR"),
            root: "04",
            date: "2020-10-15",
            who: "",
            what: "foreign ministers' call on Thursday",
        },
        Want {
            doc: "001",
            src: "RUS",
            tgt: Some("TUR"),
            root: "04",
            date: "2020-10-14",
            who: "Putin",
            what: "Putin-Erdogan call one day before",
        },
        Want {
            doc: "001",
            src: "RUS",
            tgt: Some("TUR"),
            root: "04",
            date: "2020-10-12",
            who: "Shoigu",
            what: "Shoigu-Akar call on Monday",
        },
        Want { doc: "001", src: "ARM", tgt: Some("TUR"), root: "11", date: "2020-10-15", who: "", what: "Armenia accuses Turkey" },
        Want {
            doc: "001",
            src: "TUR",
            tgt: Some("ARM"),
            root: "11",
            date: "2020-10-15",
            who: "",
            what: "Turkish ministry accuses Armenia",
        },
        Want { doc: "001", src: "TUR", tgt: None, root: "01", date: "2020-10-14", who: "Erdogan", what: "Erdogan's denial on Wednesday" },
        Want { doc: "002", src: "RUS", tgt: Some("TUR"), root: "04", date: "2021-04-09", who: "Putin", what: "Putin-Erdogan call" },
        Want { doc: "002", src: "TUR", tgt: Some("RUS"), root: "05", date: "2021-04-09", who: "Erdogan", what: "Erdogan thanks Russia" },
        Want { doc: "003", src: "RUS", tgt: Some("AZE"), root: "04", date: "2014-06-18", who: "Lavrov", what: "Lavrov's meeting in Baku" },
        Want { doc: "003", src: "RUS", tgt: Some("AZE"), root: "03", date: "2014-06-18", who: "", what: "agreement to expand cooperation" },
        Want {
            doc: "004",
            src: "TUR",
            tgt: Some("RUS"),
            root: "04",
            date: "2020-12-29",
            who: "",
            what: "Lavrov-Cavusoglu meeting in Sochi",
        },
        Want {
            doc: "004",
            src: "RUS",
            tgt: Some("TUR"),
            root: "04",
            date: "2020-12-29",
            who: "",
            what: "Lavrov-Cavusoglu meeting in Sochi (reciprocal)",
        },
    ];
    let missing: Vec<&str> = wants.iter().filter(|w| find(&evs, w).is_none()).map(|w| w.what).collect();
    if !missing.is_empty() {
        for e in &evs {
            eprintln!(
                "{} s{} {} {} -> {} {} {} [{}] {:?}",
                s(e, &["doc_id"]),
                e["sentence"],
                s(e, &["source", "code"]),
                s(e, &["source", "name"]),
                s(e, &["target", "code"]),
                s(e, &["cameo"]),
                s(e, &["date"]),
                s(e, &["date_basis"]),
                s(e, &["evidence", "verb", "text"])
            );
        }
        panic!("missing seed events: {missing:?}");
    }
}

#[test]
fn background_facts_keep_their_own_years() {
    let evs = seed_events();
    for e in evs.iter().filter(|e| s(e, &["doc_id"]).starts_with("003")) {
        let text = s(e, &["evidence", "text"]);
        for year in ["1988", "1992", "1994"] {
            if text.contains(year) {
                assert_eq!(s(e, &["date"]), year, "a background event must carry its year, not the publication day: {e}");
                assert_eq!(s(e, &["date_precision"]), "year");
            }
        }
    }
    let occupation = Want { doc: "003", src: "ARM", tgt: Some("AZE"), root: "19", date: "1992", who: "", what: "1992 occupation" };
    assert!(find(&evs, &occupation).is_some(), "the 1992 occupation is coded and dated 1992");
}

/// The states each seed article mentions (by name, adjective, capital or a person).
fn mentioned(doc: &str) -> &'static [&'static str] {
    match &doc[..3] {
        "000" => &["RUS", "TUR", "ARM", "AZE", "LBY"],
        "001" => &["RUS", "TUR", "ARM", "AZE", "SYR"],
        "002" => &["RUS", "TUR", "SYR", "LBY"],
        "003" => &["AZE", "RUS", "ARM", "UKR", "IRQ", "SYR", "FRA", "USA"],
        _ => &["TUR", "RUS", "USA", "IRN", "LBY", "SYR"],
    }
}

#[test]
fn no_event_names_an_actor_the_article_does_not_mention() {
    let evs = seed_events();
    let articles: Vec<Value> =
        std::fs::read_to_string(shared().join("seeds/seeds.jsonl")).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(!evs.is_empty());
    for e in &evs {
        let doc = s(e, &["doc_id"]);
        let text = articles.iter().find(|a| a["id"] == doc).map(|a| s(a, &["text"])).unwrap_or("");
        for side in ["source", "target"] {
            let a = &e[side];
            if a.is_null() {
                continue;
            }
            let country = s(a, &["country"]);
            if !country.is_empty() {
                assert!(mentioned(doc).contains(&country), "{doc}: {side} {country} is not mentioned: {e}");
            }
            // A person's name must be in the article; role descriptions carry lower-case words.
            let name = fold(s(a, &["name"]));
            let name = name.as_str();
            let is_description = name.split_whitespace().any(|w| w.chars().next().is_some_and(char::is_lowercase));
            let surname = name.split_whitespace().last().unwrap_or("");
            assert!(
                is_description || text.contains(surname) || !name.contains(' '),
                "{doc}: {side} name {name:?} is not in the article: {e}"
            );
            let span = a["span"].as_array().unwrap();
            let (x, y) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
            assert_eq!(&s(e, &["evidence", "text"])[x..y], s(a, &["text"]), "span points at the text it claims");
        }
    }
}
