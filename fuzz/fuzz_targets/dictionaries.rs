//! Every dictionary importer, on arbitrary text. The first byte picks the
//! format (`% 8`):
//!
//! | byte % 8 | reader |
//! |---|---|
//! | 0 | PETRARCH verbs (`CAMEO.2.0.txt`) |
//! | 1 | PETRARCH actors |
//! | 2 | PETRARCH agents |
//! | 3 | PETRARCH discards |
//! | 4 | PETRARCH issues |
//! | 5 | PETRARCH prepositions |
//! | 6 | Bede actor dictionary (`bede_actors::ActorDict::load_str`) |
//! | 7 | Bede verb dictionary (`bede_coder::verbs::VerbDict::load_str`) |
//!
//! The rest is the file, as lossy UTF-8. Errors are fine; panics are not.
//! A PETRARCH import is documented to never fail and to produce files
//! "loadable with" Bede's loaders: its output is loaded with them, and a load
//! error is a failure of the importer. A Bede actor dictionary that loads is
//! compiled into a matcher and run over the text's words.
#![no_main]

use bede_actors::{ActorDict, ActorMatcher, MatchScratch};
use bede_coder::verbs::VerbDict;
use bede_petrarch::dict::{import_str, DictKind};
use libfuzzer_sys::fuzz_target;

fn exercise_actors(dict: &ActorDict, text: &str) {
    let matcher = ActorMatcher::new(dict);
    let words: Vec<&str> = text.split_whitespace().take(200).collect();
    let mut scratch = MatchScratch::default();
    let mut out = Vec::new();
    matcher.find(dict, &words, &mut scratch, &mut out);
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();
    let kind = match sel % 8 {
        0 => DictKind::Verbs,
        1 => DictKind::Actors,
        2 => DictKind::Agents,
        3 => DictKind::Discards,
        4 => DictKind::Issues,
        5 => DictKind::Prepositions,
        6 => {
            let mut dict = ActorDict::default();
            if dict.load_str("fuzz.actors.txt", text).is_ok() {
                exercise_actors(&dict, text);
            }
            return;
        }
        _ => {
            let mut dict = VerbDict::default();
            let _ = dict.load_str("fuzz.verbs.txt", text);
            return;
        }
    };
    let imported = import_str(kind, "fuzz.txt", text);
    for d in &imported.warnings {
        let _ = d.to_string();
    }
    for (name, body) in &imported.actor_files {
        let mut dict = ActorDict::default();
        if let Err(e) = dict.load_str(name, body) {
            panic!("imported {kind:?} file does not load: {e}\n---\n{body}");
        }
        exercise_actors(&dict, text);
    }
    for (name, body) in &imported.verb_files {
        let mut dict = VerbDict::default();
        if let Err(e) = dict.load_str(name, body) {
            panic!("imported {kind:?} file does not load: {e}\n---\n{body}");
        }
    }
});
