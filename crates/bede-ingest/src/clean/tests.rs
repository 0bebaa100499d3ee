//! One test per rule, on made-up lines in the style of scraped news pages.

use super::*;

fn article(text: &str) -> Article {
    Article { id: "t".into(), text: text.into(), ..Article::default() }
}

fn clean(text: &str) -> CleanDoc {
    Cleaner::new().clean(&article(text))
}

fn reason_of(doc: &CleanDoc, text: &str) -> Option<DropReason> {
    doc.dropped.iter().find(|d| d.text == text).map(|d| d.reason)
}

const STORY: &str = "The envoys of the two neighbouring states met in Lisbon on Wednesday to discuss the fishing dispute.";
const STORY2: &str = "Both sides described the talks as frank and agreed to meet again next month with experts.";

fn with_story(junk: &str) -> String {
    format!("{STORY}\n\n{junk}\n\n{STORY2}\n")
}

#[test]
fn widget_lines_go() {
    for junk in [
        "Leave a comment",
        "Your Comment",
        "Share",
        "Print",
        "Read more",
        "Latest",
        "Tags:",
        "Comments (12)",
        "Share this article",
        "Advertisement",
        "Skip to main content",
    ] {
        let doc = clean(&with_story(junk));
        assert_eq!(doc.body, format!("{STORY}\n\n{STORY2}"), "for {junk:?}");
        assert_eq!(reason_of(&doc, junk), Some(DropReason::Widget), "for {junk:?}");
    }
}

#[test]
fn boilerplate_sentences_go() {
    for junk in [
        "Your email address will not be published. Required fields are marked *",
        "Required fields are marked *",
        "© 2023 The Example Herald. All rights reserved.",
        "We use cookies to improve your experience on our site.",
    ] {
        let doc = clean(&with_story(junk));
        assert_eq!(doc.body, format!("{STORY}\n\n{STORY2}"), "for {junk:?}");
        assert_eq!(reason_of(&doc, junk), Some(DropReason::Boilerplate), "for {junk:?}");
    }
}

#[test]
fn label_lines_go() {
    for junk in [
        "Categorized as World Affairs",
        "Edited by KL",
        "Tags: diplomacy, fishing, Lisbon",
        "Reporting by Ana Silva; Editing by Tom Berg",
        "Photo: Example Agency",
        "Read more: Fishing talks stall again",
    ] {
        let doc = clean(&with_story(junk));
        assert_eq!(doc.body, format!("{STORY}\n\n{STORY2}"), "for {junk:?}");
        assert_eq!(reason_of(&doc, junk), Some(DropReason::Label), "for {junk:?}");
    }
}

#[test]
fn size_pickers_and_single_words_go() {
    let doc = clean(&format!("{STORY}\n\n{STORY2}\n\nXS\nSM\nMD\nLG\n"));
    assert_eq!(doc.body, format!("{STORY}\n\n{STORY2}"));
    for w in ["XS", "SM", "MD", "LG"] {
        assert_eq!(reason_of(&doc, w), Some(DropReason::SingleWord));
    }
    let doc = clean(&format!("{STORY}\n\nA- A A+\n\n{STORY2}"));
    assert_eq!(doc.body, format!("{STORY}\n\n{STORY2}"));
}

#[test]
fn reference_ids_go() {
    for id in ["KT/XNA14021107000123", "ref-2024-558812", "AB12345"] {
        let doc = clean(&with_story(id));
        assert_eq!(reason_of(&doc, id), Some(DropReason::ReferenceId), "for {id:?}");
        assert_eq!(doc.body, format!("{STORY}\n\n{STORY2}"));
    }
}

#[test]
fn lines_without_words_go() {
    for junk in ["...", "* * *", "—", "|"] {
        let doc = clean(&format!("{junk}\n\n{STORY}"));
        assert_eq!(doc.body, STORY, "for {junk:?}");
        assert_eq!(reason_of(&doc, junk), Some(DropReason::NoWords));
    }
}

#[test]
fn other_script_lines_go_from_english_articles_only() {
    let greek = "Σύνδεσμοι προσβασιμότητας";
    let doc = clean(&format!("{greek}\n\n{STORY}\n\n{STORY2}"));
    assert_eq!(doc.body, format!("{STORY}\n\n{STORY2}"));
    assert_eq!(reason_of(&doc, greek), Some(DropReason::OtherScript));

    // A quoted foreign word inside an English line is fine.
    let mixed = "The crowd chanted \"ειρήνη\", the Greek word for peace, outside the venue today.";
    let doc = clean(&format!("{STORY}\n\n{mixed}"));
    assert!(doc.body.contains(mixed));

    // A Greek article keeps its Greek lines.
    let text = "Οι υπουργοί Εξωτερικών των δύο χωρών συναντήθηκαν στην Αθήνα την Τετάρτη.\n\nΗ συνάντηση ήταν εποικοδομητική.";
    let doc = clean(text);
    assert_eq!(doc.body, text);
    // And so does an article declared non-English.
    let greek_sentence = "Η συνάντηση ήταν εποικοδομητική.";
    let a = Article { language: Some("el".into()), ..article(&format!("{greek_sentence}\n\n{STORY}")) };
    assert!(Cleaner::new().clean(&a).body.contains(greek_sentence));
}

#[test]
fn bylines_go() {
    for by in ["By Lena Marquez - Example Wire:", "By John Smith and Mary Jones, Example News", "BY ALEX KIM", "By Jean de la Cruz | Staff"]
    {
        let doc = clean(&with_story(by));
        assert_eq!(reason_of(&doc, by), Some(DropReason::Byline), "for {by:?}");
        assert_eq!(doc.body, format!("{STORY}\n\n{STORY2}"));
    }
    // A sentence that opens with "By" is story text.
    let s = "By Friday, the two delegations had agreed on a draft text for the ministers.";
    assert!(clean(&with_story(s)).body.contains(s));
}

#[test]
fn navigation_lines_go() {
    let nav = "Home | World | Europe | Politics";
    let doc = clean(&with_story(nav));
    assert_eq!(reason_of(&doc, nav), Some(DropReason::Navigation));
    let crumbs = "News » Regions » Southern Europe";
    assert_eq!(reason_of(&clean(&with_story(crumbs)), crumbs), Some(DropReason::Navigation));
}

#[test]
fn short_non_sentences_go_but_short_sentences_stay() {
    let doc = clean(&format!("{STORY}\n\nMore From World\n\nHe agreed.\n\n{STORY2}"));
    assert_eq!(reason_of(&doc, "More From World"), Some(DropReason::ShortLine));
    assert!(doc.body.contains("He agreed."));
}

#[test]
fn header_date_line_is_kept_as_metadata() {
    let doc = clean(&format!(" date 2021-03-04 ExampleHerald.com\n{STORY}"));
    assert_eq!(doc.header_date.as_deref(), Some("2021-03-04"));
    assert_eq!(doc.body, STORY);
    assert_eq!(reason_of(&doc, "date 2021-03-04 ExampleHerald.com"), Some(DropReason::HeaderDate));
}

#[test]
fn section_and_timestamp_header_is_kept_as_metadata() {
    let header = "Europe Politics 4 March 2021 09:15 (UTC +01:00)";
    let doc = clean(&format!("Envoys Meet In Lisbon Over Fishing Row\n\n{header}\n{STORY}"));
    assert_eq!(doc.header_date.as_deref(), Some("4 March 2021"));
    assert_eq!(reason_of(&doc, header), Some(DropReason::HeaderDate));
    assert_eq!(doc.body, STORY);
    // The first header date wins.
    let doc = clean(&format!("Published: 2021-03-03\n{header}\n{STORY}"));
    assert_eq!(doc.header_date.as_deref(), Some("2021-03-03"));
}

#[test]
fn headline_with_a_date_is_not_a_header() {
    let doc = clean(&format!("Ministers to meet in Lisbon on March 4\n\n{STORY}"));
    assert_eq!(doc.header_date, None);
    assert_eq!(doc.title.as_deref(), Some("Ministers to meet in Lisbon on March 4"));
}

#[test]
fn repeated_lines_lose_every_copy() {
    let caption = "LISBON -- The two envoys shake hands before the talks, March 3, 2021";
    let doc = clean(&format!("{STORY}\n\n{caption}\n{caption}\n\n{STORY2}"));
    assert_eq!(doc.body, format!("{STORY}\n\n{STORY2}"));
    assert_eq!(doc.dropped.iter().filter(|d| d.reason == DropReason::Repeated).count(), 2);
}

#[test]
fn a_page_scraped_twice_keeps_one_copy() {
    let doc = clean(&format!("{STORY}\n\n{STORY2}\n\n{STORY}\n\n{STORY2}"));
    assert_eq!(doc.body, format!("{STORY}\n\n{STORY2}"));
}

#[test]
fn paragraph_inside_a_longer_one_goes() {
    let lead = "The envoys of the two neighbouring states met in Lisbon on Wednesday to discuss the fishing dispute";
    let doc = clean(&format!("{lead}\n\nLISBON (Example Wire - 3rd March, 2021) {STORY}\n\n{STORY2}"));
    assert_eq!(doc.body, format!("{STORY}\n\n{STORY2}"));
    assert_eq!(reason_of(&doc, lead), Some(DropReason::ContainedInLonger));
    // Not when the match ends inside a word.
    let doc = clean(&format!("{lead}s were held\n\n{STORY}"));
    assert!(doc.body.contains("dispute.") && doc.body.contains("disputes were held"));
}

#[test]
fn many_paragraphs_opening_alike_are_checked_each_once() {
    // 20,000 paragraphs with the same first words (a results table, a list of
    // statements) and several lengths: none inside another, so all stay; one
    // shorter copy inside a longer one still goes. (The paragraphs sharing an
    // opening were compared pair by pair: 40,000 took 7.7 s.)
    let mut paras: Vec<String> =
        (0..20_000).map(|k| format!("Officials said that the talks in the capital went well on day {k} of the meeting.")).collect();
    let pull = "Officials said that the talks in the capital went well on day 7";
    paras.push(pull.to_string());
    let doc = clean(&paras.join("\n\n"));
    assert_eq!(doc.body.split("\n\n").count(), 20_000);
    assert_eq!(reason_of(&doc, pull), Some(DropReason::ContainedInLonger));
    assert_eq!(doc.dropped.len(), 1);
}

#[test]
fn a_long_run_of_wrapped_lines_is_one_paragraph() {
    // 100,000 hard-wrapped lines continuing each other (each unit was recounted
    // word by word at every join), with hyphenated breaks among them.
    let mut text = String::from("The talks");
    for k in 0..100_000 {
        text.push_str(if k % 10 == 0 { " inter-\nnational" } else { "\ncontinued" });
    }
    text.push('.');
    let (units, _) = split_units(&text);
    assert_eq!(units.len(), 1);
    assert_eq!(units[0].words, count_words(&units[0].text));
    assert_eq!(units[0].words, 2 + 100_000);
    assert!(units[0].text.contains(" inter-national continued"));
}

#[test]
fn invisible_characters_inside_latin_words_go() {
    let doc = clean("Rus\u{200B}sia and Tur\u{200D}key me\u{200C}t, \u{FEFF}said the min\u{AD}istry.");
    assert_eq!(doc.body, "Russia and Turkey met, said the ministry.");
    // Joiners stay where they shape the script (Persian, emoji sequences).
    let doc = clean(
        "The word \u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645} and \u{1F469}\u{200D}\u{1F4BB} were seen in the text today.",
    );
    assert!(doc.body.contains("\u{6CC}\u{200C}\u{62E}") && doc.body.contains("\u{1F469}\u{200D}\u{1F4BB}"), "{}", doc.body);
}

#[test]
fn short_paragraphs_are_not_checked_for_containment() {
    let doc = clean("He said so.\n\nThe minister spoke. He said so. Then he left the room quickly.");
    assert!(doc.body.starts_with("He said so.\n\n"));
}

#[test]
fn title_is_found_and_removed() {
    let doc = clean(&format!("Envoys Meet In Lisbon Over Fishing Row\n\n{STORY}\n\nEnvoys Meet In Lisbon Over Fishing Row\n\n{STORY2}"));
    assert_eq!(doc.title.as_deref(), Some("Envoys Meet In Lisbon Over Fishing Row"));
    assert_eq!(doc.body, format!("{STORY}\n\n{STORY2}"));
    assert_eq!(doc.dropped.iter().filter(|d| d.reason == DropReason::Title).count(), 2);
}

#[test]
fn lowercase_short_headline_is_a_title() {
    let doc = clean(&format!("Envoys discuss fishing row in Lisbon\n\n{STORY}"));
    assert_eq!(doc.title.as_deref(), Some("Envoys discuss fishing row in Lisbon"));
    assert_eq!(doc.body, STORY);
}

#[test]
fn section_name_before_headline_is_not_the_title() {
    let doc = clean(&format!("World News\n\nEnvoys discuss fishing row in Lisbon\n\n{STORY}"));
    assert_eq!(doc.title.as_deref(), Some("Envoys discuss fishing row in Lisbon"));
}

#[test]
fn no_title_when_the_text_opens_with_the_story() {
    let doc = clean(&format!("{STORY}\n{STORY2}\nMinisters will meet again in April"));
    assert_eq!(doc.title, None);
    assert_eq!(doc.body, format!("{STORY}\n\n{STORY2}\n\nMinisters will meet again in April"));
}

#[test]
fn given_title_wins_and_its_line_goes() {
    let a = Article { title: Some("Envoys  meet in Lisbon".into()), ..article(&format!("Envoys meet in Lisbon\n\n{STORY}")) };
    let doc = Cleaner::new().clean(&a);
    assert_eq!(doc.title.as_deref(), Some("Envoys meet in Lisbon"));
    assert_eq!(doc.body, STORY);
}

#[test]
fn dateline_with_agency_and_date_in_parentheses() {
    let doc = clean(&format!("LISBON (Example News / Wire Service - 3rd March, 2021) {STORY}"));
    let d = doc.dateline.clone().expect("dateline");
    assert_eq!(d.place.as_deref(), Some("LISBON"));
    assert_eq!(d.agency.as_deref(), Some("Example News / Wire Service"));
    assert_eq!(d.date_text.as_deref(), Some("3rd March, 2021"));
    assert_eq!(doc.body, STORY);
    assert_eq!(reason_of(&doc, "LISBON (Example News / Wire Service - 3rd March, 2021)"), Some(DropReason::Dateline));
}

#[test]
fn dateline_agency_dash() {
    let doc = clean(&format!("OSLO (Reuters) - {STORY}"));
    let d = doc.dateline.clone().expect("dateline");
    assert_eq!((d.place.as_deref(), d.agency.as_deref(), d.date_text.as_deref()), (Some("OSLO"), Some("Reuters"), None));
    assert_eq!(doc.body, STORY);
}

#[test]
fn dateline_place_country_agency_em_dash() {
    let doc = clean(&format!("VALLETTA, Malta (AP) — {STORY}"));
    let d = doc.dateline.clone().expect("dateline");
    assert_eq!(d.place.as_deref(), Some("VALLETTA, Malta"));
    assert_eq!(d.agency.as_deref(), Some("AP"));
    assert_eq!(doc.body, STORY);
}

#[test]
fn dateline_place_date_agency() {
    let doc = clean(&format!("LISBON, Mar 3 (Reuters) - {STORY}"));
    let d = doc.dateline.clone().expect("dateline");
    assert_eq!(d.place.as_deref(), Some("LISBON"));
    assert_eq!(d.date_text.as_deref(), Some("Mar 3"));
    assert_eq!(d.agency.as_deref(), Some("Reuters"));
    assert_eq!(doc.body, STORY);
}

#[test]
fn dateline_on_its_own_line() {
    let doc =
        clean(&format!("Envoys discuss fishing row in Lisbon\n\nLisbon, Portugal, March 3\n\nBy Ana Silva - Example Wire:\n\n{STORY}"));
    let d = doc.dateline.clone().expect("dateline");
    assert_eq!(d.place.as_deref(), Some("Lisbon, Portugal"));
    assert_eq!(d.date_text.as_deref(), Some("March 3"));
    assert_eq!(doc.body, STORY);
    assert_eq!(reason_of(&doc, "Lisbon, Portugal, March 3"), Some(DropReason::Dateline));
}

#[test]
fn dateline_caps_place_dash() {
    let doc = clean(&format!("LISBON -- {STORY}"));
    assert_eq!(doc.dateline.and_then(|d| d.place).as_deref(), Some("LISBON"));
    assert_eq!(doc.body, STORY);
}

#[test]
fn parentheses_after_a_name_are_not_a_dateline() {
    for s in [
        "Foreign Minister Ana Costa (L) and her counterpart met in Lisbon on Wednesday afternoon.",
        "The United Nations (UN) said the talks in Lisbon would continue next week as planned.",
        "NATO (North Atlantic Treaty Organization) members met in Lisbon on Wednesday for talks.",
        "In Lisbon, March 3 was a quiet day for the two delegations and their many advisers.",
    ] {
        let doc = clean(s);
        assert_eq!(doc.dateline, None, "for {s:?}");
        assert_eq!(doc.body, s);
    }
}

#[test]
fn whitespace_and_controls_are_normalised() {
    let doc = clean(
        "  The\tenvoys \u{a0} met\u{7} in\u{200B} Lisbon   on Wednesday to talk about fish and boats.\r\n\r\n\r\n\r\nThey   agreed.\u{0}  ",
    );
    assert_eq!(doc.body, "The envoys met in Lisbon on Wednesday to talk about fish and boats.\n\nThey agreed.");
}

#[test]
fn quotes_are_kept_as_written() {
    let s = "“We want peace,” the envoy said, and the host’s reply was \"soon\" - at least for now.";
    assert_eq!(clean(s).body, s);
}

#[test]
fn hard_wrapped_lines_are_joined() {
    let doc = clean("The envoys of the two states met in Lisbon\non Wednesday to discuss the fishing dispute,\nOfficials said. The talks were long-\nrunning and tense.\n\nThey will meet again.");
    assert_eq!(
        doc.body,
        "The envoys of the two states met in Lisbon on Wednesday to discuss the fishing dispute, Officials said. The talks were long-running and tense.\n\nThey will meet again."
    );
}

#[test]
fn lines_of_a_block_become_paragraphs() {
    let doc = clean(&format!("{STORY}\n{STORY2}"));
    assert_eq!(doc.body, format!("{STORY}\n\n{STORY2}"));
}

#[test]
fn empty_and_junk_only_texts() {
    assert_eq!(clean("").body, "");
    assert_eq!(clean(" \n\n\t\r\n").body, "");
    let doc = clean("Share\nPrint\nLeave a comment");
    assert_eq!(doc.body, "");
    assert_eq!(doc.dropped.len(), 3);
}

#[test]
fn cleaner_is_shareable() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Cleaner>();
}

/// Candidate units for the containment rule: the paragraphs as [`split_units`] makes them.
fn units_of(paras: &[String]) -> Vec<Unit> {
    let (units, _) = split_units(&paras.join("\n\n"));
    assert_eq!(units.len(), paras.len());
    units
}

/// What [`drop_contained`] must find, the slow way: a candidate occurring in a
/// longer one at a word start, not followed by a letter or digit.
fn contained_naive(units: &[Unit]) -> Vec<bool> {
    let cand = |u: &Unit| u.fate == Fate::Keep && u.words >= MIN_CONTAINED_WORDS;
    units
        .iter()
        .map(|s| {
            cand(s)
                && units.iter().any(|u| {
                    cand(u)
                        && u.text.len() > s.text.len()
                        && u.text.match_indices(s.text.as_str()).any(|(p, m)| {
                            (p == 0 || u.text.as_bytes()[p - 1] == b' ')
                                && !u.text[p + m.len()..].chars().next().is_some_and(char::is_alphanumeric)
                        })
                })
        })
        .collect()
}

#[test]
fn containment_finds_what_a_naive_search_finds() {
    // Paragraphs drawn from a few words (some not ASCII), so that many lie
    // inside others, end inside a word of the longer one, or share openings.
    let words = ["the", "talks", "théâtre", "talk", "Ankara", "met", "again.", "о", "мир"];
    let mut state = 0x5eed_u64;
    let mut next = |n: usize| {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    };
    let mut paras: Vec<String> = Vec::new();
    for _ in 0..300 {
        let len = 8 + next(24);
        let p: Vec<&str> = (0..len).map(|_| words[next(words.len())]).collect();
        paras.push(p.join(" "));
    }
    // Pieces of earlier paragraphs, cut at a word (and some mid-word).
    for i in 0..200 {
        let src = paras[next(paras.len())].clone();
        let starts: Vec<usize> = word_starts(&src).collect();
        let a = starts[next(starts.len() / 2)];
        let mut b = (a + 40 + next(80)).min(src.len());
        while !src.is_char_boundary(b) {
            b -= 1;
        }
        let piece = src[a..b].trim_end().to_string();
        if i % 3 == 0 {
            paras.push(format!("{piece} {}", words[3 + next(words.len() - 3)]));
        } else {
            paras.push(piece);
        }
    }
    paras.retain(|p| !p.is_empty());
    paras.sort();
    paras.dedup();
    let mut units = units_of(&paras);
    let want = contained_naive(&units);
    assert!(want.iter().filter(|&&c| c).count() > 50, "the input must exercise the rule");
    drop_contained(&mut units);
    let got: Vec<bool> = units.iter().map(|u| u.fate == Fate::Drop(DropReason::ContainedInLonger)).collect();
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "paragraph {i}: {:?}", units[i].text);
    }
}

/// Run the containment rule; the bytes it hashed (counted by [`fnv`]).
fn hashed_by_drop_contained(units: &mut [Unit]) -> usize {
    let before = HASHED.with(|n| n.get());
    drop_contained(units);
    HASHED.with(|n| n.get()) - before
}

#[test]
fn containment_work_is_bounded_on_one_sentence_repeated() {
    // Paragraph j is one sentence said j times: each lies inside every longer
    // one, at each of its sentences. Hashing each possible piece from scratch
    // was work of the fourth power of the number of paragraphs (2 MB took 31 s
    // in a release build, 8 MB 518 s).
    let paras: Vec<String> = (2..200).map(|j| vec!["The talks resumed today."; j].join(" ")).collect();
    let total: usize = paras.iter().map(String::len).sum();
    let mut units = units_of(&paras);
    let hashed = hashed_by_drop_contained(&mut units);
    // The cap, plus the opening windows looked up at each word.
    assert!(hashed <= (CONTAINED_WORK_PER_BYTE + 8) * total, "{hashed} bytes hashed for {total} bytes of text");
    // Until the work runs out, the shorter copies still go; the longest stays.
    assert_eq!(units[0].fate, Fate::Drop(DropReason::ContainedInLonger));
    assert_eq!(units[1].fate, Fate::Drop(DropReason::ContainedInLonger));
    assert_eq!(units.last().unwrap().fate, Fate::Keep);
}

#[test]
fn containment_work_is_about_the_text_on_a_results_table() {
    // Many paragraphs opening alike, none inside another: each is hashed a few
    // times (its windows, its text, its opening's shorter lengths), not once
    // for each of the others.
    let paras: Vec<String> =
        (0..5_000).map(|k| format!("Officials said that the talks in the capital went well on day {k} of the meeting.")).collect();
    let total: usize = paras.iter().map(String::len).sum();
    let mut units = units_of(&paras);
    let hashed = hashed_by_drop_contained(&mut units);
    assert!(hashed <= 8 * total, "{hashed} bytes hashed for {total} bytes of text");
    assert!(units.iter().all(|u| u.fate == Fate::Keep));
}

#[test]
fn bidirectional_marks_and_stray_joiners_go() {
    // Bidi marks, embeddings, overrides and isolates inside and between words,
    // joiners at the edges of words and after the final full stop: the words
    // and the sentence's end are found again.
    let doc = clean(
        "\u{200F}Rus\u{202E}sia \u{2067}met\u{2069} Tur\u{200E}key\u{202C} in Mos\u{061C}cow \u{202A}\u{202B}\u{202D}on \u{2066}\u{2068}Thursday \u{200C}to discuss the fishing dispute.\u{200C}\u{200D}\u{200F}",
    );
    assert_eq!(doc.body, "Russia met Turkey in Moscow on Thursday to discuss the fishing dispute.");
    assert_eq!(doc.title, None);
    let a = Article { title: Some("Talks \u{200F}in\u{202E} Moscow".into()), ..article(STORY) };
    assert_eq!(Cleaner::new().clean(&a).title.as_deref(), Some("Talks in Moscow"));
    // Right-to-left text keeps its joiners.
    let doc = clean(&format!("{STORY} \u{645}\u{6CC}\u{200C}\u{62E}\u{648}\u{627}\u{647}\u{645}."));
    assert!(doc.body.contains("\u{6CC}\u{200C}\u{62E}"), "{}", doc.body);
}
