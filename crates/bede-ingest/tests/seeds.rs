//! The five seed articles, read and cleaned at test time. The expectations are
//! derived from the seed text by general rules (no article text is copied here).

use bede_core::Article;
use bede_ingest::{read_inputs, CleanDoc, Cleaner, DropReason, ReadOptions};
use std::path::PathBuf;

fn seeds_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds"))
}

fn seed_articles() -> Vec<Article> {
    let path = seeds_dir().join("seeds.jsonl");
    let items: Vec<_> = read_inputs(&[path], &ReadOptions::default()).collect();
    items.into_iter().map(|r| r.expect("seed record reads")).collect()
}

fn seed(id_prefix: &str) -> (Article, CleanDoc) {
    let a = seed_articles().into_iter().find(|a| a.id.starts_with(id_prefix)).expect("seed present");
    let doc = Cleaner::new().clean(&a);
    (a, doc)
}

/// Whitespace runs (including no-break spaces) to one space, as the cleaner does.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn raw_lines(a: &Article) -> Vec<&str> {
    a.text.lines().map(str::trim).collect()
}

fn paragraphs(doc: &CleanDoc) -> Vec<&str> {
    doc.body.split("\n\n").filter(|p| !p.is_empty()).collect()
}

/// A story sentence: a line of eight words or more ending as a sentence.
fn is_story_line(l: &str) -> bool {
    let t = l.trim_end_matches(['"', '”', '’', '\'']);
    l.split_whitespace().count() >= 8 && (t.ends_with('.') || t.ends_with('!') || t.ends_with('?'))
}

#[test]
fn all_seeds_read_with_ids_and_dates() {
    let arts = seed_articles();
    assert_eq!(arts.len(), 5);
    for (i, a) in arts.iter().enumerate() {
        assert!(a.id.starts_with(&format!("00{i}_")), "{}", a.id);
        assert!(a.published.is_some());
        assert!(a.outlet.is_some());
        assert_eq!(a.pos.line, Some(i as u64 + 1));
    }
}

#[test]
fn every_story_sentence_survives() {
    let cleaner = Cleaner::new();
    for a in seed_articles() {
        let doc = cleaner.clean(&a);
        let prefixes: Vec<&str> = doc.dropped.iter().filter(|d| d.reason == DropReason::Dateline).map(|d| d.text.as_str()).collect();
        for line in raw_lines(&a).into_iter().filter(|l| is_story_line(l)) {
            let line = prefixes.iter().find_map(|p| line.strip_prefix(p)).map(str::trim_start).unwrap_or(line);
            assert!(doc.body.contains(&squash(line)), "{}: lost {line:?}\nbody:\n{}", a.id, doc.body);
        }
        // Nothing invented: every body paragraph is in the raw text.
        let source = squash(&a.text);
        for p in paragraphs(&doc) {
            assert!(source.contains(p), "{}: {p:?} not in the source", a.id);
        }
    }
}

#[test]
fn junk_is_gone_from_every_seed() {
    let cleaner = Cleaner::new();
    let widgets = ["Leave a comment", "Your Comment", "Tags:", "Latest", "XS", "SM", "MD", "LG", "..."];
    for a in seed_articles() {
        let doc = cleaner.clean(&a);
        let paras = paragraphs(&doc);
        for p in &paras {
            assert!(!widgets.contains(p), "{}: widget {p:?} kept", a.id);
            assert!(p.split_whitespace().count() > 1, "{}: single-token line {p:?} kept", a.id);
            for prefix in ["Edited by", "Categorized as", "By ", "Your email address"] {
                assert!(!(p.starts_with(prefix) && p.split_whitespace().count() < 12), "{}: {p:?} kept", a.id);
            }
            assert!(!p.contains("(UTC"), "{}: timestamp header {p:?} kept", a.id);
            // English articles: no line in another script.
            let other = p.chars().filter(|c| c.is_alphabetic() && !c.is_ascii()).count();
            assert!(other * 10 < p.len(), "{}: {p:?}", a.id);
        }
        // No paragraph repeats inside another, no line twice.
        for (i, p) in paras.iter().enumerate() {
            for (j, q) in paras.iter().enumerate() {
                if i != j && p.split_whitespace().count() >= 8 {
                    assert!(!q.contains(p), "{}: {p:?} repeated in {q:?}", a.id);
                }
            }
        }
        // The title is metadata, not body.
        if let Some(t) = &doc.title {
            assert!(!paras.contains(&t.as_str()), "{}: title left in body", a.id);
        }
    }
}

#[test]
fn titles_are_found() {
    // Which raw line is the headline, by its position in each seed; 004 opens with the story.
    let expected: [(&str, Option<usize>); 5] = [("000", Some(1)), ("001", Some(2)), ("002", Some(0)), ("003", Some(2)), ("004", None)];
    for (id, line) in expected {
        let (a, doc) = seed(id);
        let want = line.map(|i| raw_lines(&a)[i].to_string());
        assert_eq!(doc.title, want, "{id}");
    }
}

#[test]
fn seed_000_dateline_header_date_and_repeated_lead() {
    let (a, doc) = seed("000");
    let d = doc.dateline.clone().expect("dateline");
    assert_eq!(d.place.as_deref(), Some("MOSCOW"));
    assert_eq!(d.date_text.as_deref(), Some("23rd July, 2020"));
    assert!(d.agency.as_deref().unwrap_or("").contains("Sputnik"));
    assert_eq!(doc.header_date.as_deref(), Some("2020-07-24"));
    assert!(!doc.body.contains("MOSCOW ("));
    // The body opens with the first word of the story, which the lead repeated.
    let lead = raw_lines(&a)[3];
    assert!(doc.body.starts_with(lead), "{}", doc.body);
    assert!(!paragraphs(&doc).contains(&lead), "unpunctuated lead kept besides the full paragraph");
    assert!(!doc.body.contains("date 2020-07-24"));
}

#[test]
fn seed_001_repeated_caption_is_gone() {
    let (a, doc) = seed("001");
    let lines = raw_lines(&a);
    let repeated: Vec<&str> = lines.iter().filter(|l| !l.is_empty() && lines.iter().filter(|m| m == l).count() >= 2).copied().collect();
    assert!(!repeated.is_empty(), "the seed has a caption printed twice");
    for r in repeated {
        assert!(!doc.body.contains(r), "caption kept: {r:?}");
    }
    assert!(
        doc.body.is_ascii() || doc.body.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_ascii() || ('\u{C0}'..='\u{24F}').contains(&c))
    );
}

#[test]
fn seed_003_standalone_dateline_and_summary() {
    let (a, doc) = seed("003");
    let d = doc.dateline.clone().expect("dateline");
    assert_eq!(d.place.as_deref(), Some("Baku, Azerbaijan"));
    assert_eq!(d.date_text.as_deref(), Some("June 18"));
    assert!(!paragraphs(&doc).iter().any(|p| p.starts_with("Baku, Azerbaijan")));
    // The unpunctuated summary line is repeated in the first paragraph: one copy stays.
    let first = paragraphs(&doc)[0];
    assert!(is_story_line(first), "{first:?}");
    assert!(raw_lines(&a).iter().any(|l| l.len() < first.len() && first.starts_with(l) && !l.is_empty()));
    assert!(doc.header_date.is_some());
}

#[test]
fn seed_004_trailing_id_and_comment_box_are_gone() {
    let (a, doc) = seed("004");
    let lines = raw_lines(&a);
    let last_story = lines.iter().rev().find(|l| is_story_line(l)).expect("story");
    assert!(doc.body.ends_with(last_story), "{}", doc.body);
    assert_eq!(doc.title, None);
    assert_eq!(paragraphs(&doc).len(), lines.iter().filter(|l| is_story_line(l)).count());
}

#[test]
fn seed_txt_files_clean_like_the_jsonl_records() {
    let items: Vec<_> = read_inputs(&[seeds_dir()], &ReadOptions::default()).collect();
    let arts: Vec<Article> = items.into_iter().map(|r| r.expect("reads")).collect();
    // Five .txt files, then the five JSONL records (sorted path order).
    assert_eq!(arts.len(), 10);
    let cleaner = Cleaner::new();
    for i in 0..5 {
        let (txt, rec) = (&arts[i], &arts[i + 5]);
        assert_eq!(txt.id, rec.id);
        assert!(txt.pos.file.as_ref().is_some_and(|p| p.extension().is_some_and(|e| e == "txt")));
        let (a, b) = (cleaner.clean(txt), cleaner.clean(rec));
        assert_eq!(a.body, b.body, "{}", txt.id);
        assert_eq!(a.title, b.title);
        assert_eq!(a.dateline, b.dateline);
    }
}
