//! Inputs found by the cargo-fuzz targets in `fuzz/` (see fuzz/README.md), kept as tests.

use bede_petrarch::dict::{import_str, DictKind};

/// Fuzz target `dictionaries` (PETRARCH discards, then loading the converted file with
/// `VerbDict::load_str`): a phrase word made only of control characters was written out
/// as a word (`discard: oil \0\0\u{7f}*`). Bede's tokenizer reads control characters as
/// space, so the loader saw a stem with no word in it, dropped the phrase, and rejected the
/// whole converted file ("discard: lists no phrase"). Control characters now separate words
/// in every converter, as they do in Bede.
#[test]
fn control_characters_in_a_discard_phrase_separate_words() {
    let out = import_str(DictKind::Discards, "fuzz.txt", "OIL \0\0\0\0\0\0\0\u{7f}\u{7f}\nTHE\u{1}SUN\n");
    let body = &out.verb_files[0].1;
    let lines: Vec<&str> = body.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(lines, ["discard: oil*", "discard: the sun*"]);
}

/// The same for zero-width spaces and the byte-order mark, and in the other converters:
/// nothing Bede's tokenizer reads as space reaches a converted file.
#[test]
fn invisible_separators_never_reach_converted_files() {
    let junk = "\u{0}\u{7f}\u{200B}\u{FEFF}\u{2060}\u{85}";
    let cases = [
        (DictKind::Discards, format!("ONE{junk}TWO\n")),
        (DictKind::Issues, format!("OIL{junk}FIELD [OIL]\n")),
        (DictKind::Actors, format!("FOO{junk}BAR_ [USA]\n")),
        (DictKind::Agents, format!("FOO{junk}MINISTER [~GOV]\n")),
        (DictKind::Verbs, format!("--- ACCUSE [112] ---\nACCUSE\n- * OF{junk}CRIME [1121]\n")),
    ];
    for (kind, text) in cases {
        let out = import_str(kind, "fuzz.txt", &text);
        for (name, body) in out.actor_files.iter().chain(&out.verb_files) {
            assert!(
                !body.chars().any(|c| c != '\n' && (c.is_control() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}'))),
                "{kind:?}: {name} holds an invisible separator:\n{body}"
            );
        }
    }
}

/// Fuzz target `dictionaries` (PETRARCH actors, then loading the converted file with
/// `ActorDict::load_str`): a `#` kept because it stood inside an unclosed `[` group ended
/// up starting a word of a name (`names: The Sun Ce-,lr # Uclear`); Bede's loaders read
/// `#` at the start of a word as a comment, so the quoted display name was cut
/// ("unterminated display name") and the whole converted file was rejected. Such a phrase
/// is now skipped with a diagnostic (actors and, the same way, agents).
#[test]
fn a_name_word_starting_with_hash_is_skipped_not_written() {
    let out = import_str(DictKind::Actors, "fuzz.txt", "THE SUN [+ [+] CE-,LR #X UCLEAR\nGONDOR_ [GON]\n");
    let body = &out.actor_files[0].1;
    for line in body.lines().filter(|l| !l.starts_with('#')) {
        assert!(!line.split([' ', '\t']).any(|w| w.starts_with('#')), "a word starts with '#' in {line:?}\n{body}");
    }
    assert!(body.contains("names: Gondor\n"), "the next entry is kept:\n{body}");
    assert!(out.warnings.iter().any(|w| w.message.contains("'#'")), "no diagnostic: {:?}\n{body}", out.warnings);
}
