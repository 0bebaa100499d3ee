//! The lemmatizer against the verbs of the PETRARCH-2 CAMEO verb dictionary
//! (read at test time from the shared data folder, never copied): every
//! inflected form the dictionary spells out (`BRING {BRINGS BRINGING
//! BROUGHT}`) must lemmatize to its verb, and so must the regular forms of
//! the other verbs, made with the textbook rules (the dictionary's own
//! assumption for verbs without spelled-out forms). Skipped with a message
//! when the data is absent. `BEDE_LEMMA_DIFF=1` prints the failures.

use bede_nlp::lemma::lemma;
use bede_nlp::tags::Xpos;
use std::path::PathBuf;

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Textbook regular inflection: (-s, -ing, -ed).
fn inflect(v: &str) -> (String, String, String) {
    let b = v.as_bytes();
    let n = b.len();
    let last = b[n - 1];
    let s = if v.ends_with('s') || v.ends_with('x') || v.ends_with('z') || v.ends_with("ch") || v.ends_with("sh") || v.ends_with('o') {
        format!("{v}es")
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        format!("{}ies", &v[..n - 1])
    } else {
        format!("{v}s")
    };
    let vowel_groups = b.windows(2).filter(|w| !is_vowel(w[0]) && is_vowel(w[1])).count() + usize::from(is_vowel(b[0]));
    let cvc = n >= 3 && !is_vowel(last) && is_vowel(b[n - 2]) && !is_vowel(b[n - 3]) && !matches!(last, b'w' | b'x' | b'y');
    let double = cvc && vowel_groups == 1;
    let (ing, ed) = if v.ends_with("ee") || v.ends_with("ye") || v.ends_with("oe") {
        (format!("{v}ing"), format!("{v}d"))
    } else if v.ends_with("ie") {
        (format!("{}ying", &v[..n - 2]), format!("{v}d"))
    } else if last == b'e' {
        (format!("{}ing", &v[..n - 1]), format!("{v}d"))
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        (format!("{v}ing"), format!("{}ied", &v[..n - 1]))
    } else if double {
        let c = last as char;
        (format!("{v}{c}ing"), format!("{v}{c}ed"))
    } else {
        (format!("{v}ing"), format!("{v}ed"))
    };
    (s, ing, ed)
}

#[test]
fn cameo_verbs_lemmatize() {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/petrarch2/dictionaries/CAMEO.2.0.txt");
    let Ok(data) = std::fs::read_to_string(&p) else {
        eprintln!("skipping: {} not found", p.display());
        return;
    };
    let show = std::env::var_os("BEDE_LEMMA_DIFF").is_some();
    let (mut explicit_ok, mut explicit_n, mut regular_ok, mut regular_n) = (0, 0, 0, 0);
    for line in data.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let (head, forms) = match line.split_once('{') {
            Some((h, f)) => (h.trim(), Some(f.trim_end_matches(|c: char| c == '}' || c.is_whitespace()))),
            None => (line, None),
        };
        if head.is_empty() || !head.bytes().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        let verb = head.to_ascii_lowercase();
        let mut check = |form: &str, tag: Xpos, explicit: bool| {
            let got = lemma(form, tag);
            let ok = got == verb;
            if explicit {
                explicit_n += 1;
                explicit_ok += usize::from(ok);
            } else {
                regular_n += 1;
                regular_ok += usize::from(ok);
            }
            if !ok && show {
                println!("{} {form}/{tag} → {got} (want {verb})", if explicit { "explicit" } else { "regular" });
            }
        };
        match forms {
            Some(f) => {
                for form in f.split_whitespace() {
                    let form = form.to_ascii_lowercase();
                    if !form.bytes().all(|c| c.is_ascii_lowercase()) {
                        continue;
                    }
                    let tag = if form.ends_with("ing") {
                        Xpos::Vbg
                    } else if form.ends_with('s') && !verb.ends_with('s') {
                        Xpos::Vbz
                    } else {
                        Xpos::Vbd
                    };
                    check(&form, tag, true);
                }
            }
            None => {
                let (s, ing, ed) = inflect(&verb);
                check(&s, Xpos::Vbz, false);
                check(&ing, Xpos::Vbg, false);
                check(&ed, Xpos::Vbd, false);
            }
        }
    }
    let e = explicit_ok as f64 / explicit_n as f64;
    let r = regular_ok as f64 / regular_n as f64;
    println!("CAMEO verbs: spelled-out forms {explicit_ok}/{explicit_n} = {e:.4}; regular forms {regular_ok}/{regular_n} = {r:.4}");
    assert!(explicit_n > 300 && regular_n > 2000);
    assert!(e > 0.95, "spelled-out forms {e:.4}");
    assert!(r > 0.97, "regular forms {r:.4}");
}
