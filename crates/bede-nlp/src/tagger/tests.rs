use super::*;
use crate::conllu::Sentence;
use std::time::Instant;

fn pt(upos: Upos, xpos: Xpos) -> PosTag {
    PosTag { upos, xpos }
}

/// A tiny made-up training set.
fn toy() -> Vec<Sentence> {
    use Upos as U;
    use Xpos as X;
    let s = |words: &[&str], tags: &[PosTag]| Sentence { words: words.iter().map(|w| w.to_string()).collect(), tags: tags.to_vec() };
    let det = pt(U::Det, X::Dt);
    let nn = pt(U::Noun, X::Nn);
    let vbd = pt(U::Verb, X::Vbd);
    let dot = pt(U::Punct, X::Period);
    let nnp = pt(U::Propn, X::Nnp);
    let q1 = pt(U::Punct, X::OpenQuote);
    let q2 = pt(U::Punct, X::CloseQuote);
    let mut v = Vec::new();
    for _ in 0..3 {
        v.push(s(&["The", "cat", "slept", "."], &[det, nn, vbd, dot]));
        v.push(s(&["A", "dog", "barked", "."], &[det, nn, vbd, dot]));
        v.push(s(&["Mary", "walked", "."], &[nnp, vbd, dot]));
        v.push(s(&["\"", "Hello", "\""], &[q1, pt(U::Intj, X::Uh), q2]));
    }
    v
}

fn tags_of(t: &Tagger, words: &[&str]) -> Vec<PosTag> {
    let mut out = vec![pt(Upos::X, Xpos::Xx); 3]; // must be cleared
    t.tag(words, &mut out);
    assert_eq!(out.len(), words.len());
    out
}

#[test]
fn trains_toy_and_round_trips() {
    let mut iters = Vec::new();
    let opts = TrainOptions { iterations: 4, ..TrainOptions::default() };
    let t = Tagger::train(&toy(), &opts, &mut |i, a| iters.push((i, a)));
    assert_eq!(iters.len(), 4);
    assert!(iters[3].1 > 0.9, "{iters:?}");
    let out = tags_of(&t, &["The", "dog", "slept", "."]);
    assert_eq!(out[1].upos, Upos::Noun);
    assert_eq!(out[2].xpos, Xpos::Vbd);
    let acc = t.evaluate(&toy());
    assert_eq!(acc.tokens, 42);
    assert!(acc.upos() > 0.9 && acc.xpos() > 0.9);

    let bytes = t.to_bytes();
    let back = Tagger::from_bytes(&bytes).expect("round trip");
    assert_eq!(back.to_bytes(), bytes);
    assert_eq!(back.evaluate(&toy()), acc);

    // Deterministic training.
    let t2 = Tagger::train(&toy(), &opts, &mut |_, _| {});
    assert_eq!(t2.to_bytes(), bytes);
}

#[test]
fn empty_inputs_do_not_panic() {
    let t = Tagger::train(&[], &TrainOptions::default(), &mut |_, _| {});
    assert_eq!(tags_of(&t, &["a", "b"]).len(), 2);
    let back = Tagger::from_bytes(&t.to_bytes()).expect("empty model round trip");
    assert_eq!(tags_of(&back, &[]).len(), 0);
    assert_eq!(Accuracy::default().upos(), 0.0);
}

#[test]
fn rejects_corrupt_models() {
    let t = Tagger::train(&toy(), &TrainOptions::default(), &mut |_, _| {});
    let bytes = t.to_bytes();
    assert!(matches!(Tagger::from_bytes(b""), Err(ModelError::BadMagic)));
    assert!(matches!(Tagger::from_bytes(b"not a model at all"), Err(ModelError::BadMagic)));
    let mut v = bytes.clone();
    v[8] = 99;
    assert!(matches!(Tagger::from_bytes(&v), Err(ModelError::Version(_))));
    for cut in [12, 13, 20, bytes.len() / 2, bytes.len() - 1] {
        assert!(Tagger::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    // Flip bytes all over the compressed stream: always an error, never a panic.
    for i in 12..bytes.len() {
        let mut v = bytes.clone();
        v[i] ^= 0x5a;
        let _ = Tagger::from_bytes(&v);
    }
    let mut v = bytes.clone();
    let mid = 12 + (bytes.len() - 12) / 2;
    v[mid] ^= 0xff;
    assert!(Tagger::from_bytes(&v).is_err());
}

fn embedded() -> Tagger {
    match Tagger::embedded() {
        Ok(t) => t,
        Err(e) => panic!("embedded model: {e}"),
    }
}

#[test]
fn embedded_model_loads_fast_and_tags_news() {
    let t0 = Instant::now();
    let t = embedded();
    let load = t0.elapsed();
    // Generous bound (debug build, busy machine); release loads in a few ms.
    assert!(load.as_secs_f64() < 5.0, "loading took {load:?}");

    let words = ["The", "minister", "met", "his", "counterpart", "on", "Thursday", "."];
    let out = tags_of(&t, &words);
    let x: Vec<Xpos> = out.iter().map(|p| p.xpos).collect();
    assert_eq!(x, [Xpos::Dt, Xpos::Nn, Xpos::Vbd, Xpos::PrpS, Xpos::Nn, Xpos::In, Xpos::Nnp, Xpos::Period]);

    let words = [
        "Rebels",
        "attacked",
        "a",
        "police",
        "station",
        "in",
        "northern",
        "Mali",
        ",",
        "killing",
        "12",
        "officers",
        ",",
        "officials",
        "said",
        ".",
    ];
    let out = tags_of(&t, &words);
    assert_eq!(out[1].xpos, Xpos::Vbd, "{out:?}");
    assert_eq!(out[7].upos, Upos::Propn, "{out:?}");
    assert_eq!(out[9].xpos, Xpos::Vbg, "{out:?}");
    assert_eq!(out[10].upos, Upos::Num, "{out:?}");
    assert_eq!(out[14].xpos, Xpos::Vbd, "{out:?}");

    // Curly quotes and apostrophes, split as UD EWT does ("wo" "n't").
    let words = ["“", "We", "wo", "n’t", "negotiate", ",", "”", "the", "president", "said", "."];
    let out = tags_of(&t, &words);
    assert_eq!(out[0], pt(Upos::Punct, Xpos::OpenQuote), "{out:?}");
    assert_eq!(out[6], pt(Upos::Punct, Xpos::CloseQuote), "{out:?}");
    assert_eq!(out[2].xpos, Xpos::Md, "{out:?}");
    assert_eq!(out[3].upos, Upos::Part, "{out:?}");
    assert_eq!(out[4].xpos, Xpos::Vb, "{out:?}");

    let words = ["Troops", "were", "deployed", "to", "the", "border", "—", "again", "."];
    let out = tags_of(&t, &words);
    assert_eq!(out[1].upos, Upos::Aux, "{out:?}");
    assert_eq!(out[2].xpos, Xpos::Vbn, "{out:?}");
    assert_eq!(out[6].upos, Upos::Punct, "{out:?}");

    // Active past tense after a name or plural noun, passive after "was".
    let cases: [(&str, usize, Xpos); 8] = [
        ("Police arrested 15 protesters in Cairo .", 1, Xpos::Vbd),
        ("Obama praised Merkel 's handling of the crisis .", 1, Xpos::Vbd),
        ("The US presented evidence against Russia .", 2, Xpos::Vbd),
        ("The attack was condemned by the European Union .", 3, Xpos::Vbn),
        ("Turkish President Recep Tayyip Erdogan imposed sanctions on Germany .", 5, Xpos::Vbd),
        ("Ukraine 's government imposed sanctions on Russia .", 3, Xpos::Vbd),
        ("Azerbaijani forces threatened Russia .", 2, Xpos::Vbd),
        ("in 1992 Armenian armed forces occupied Azerbaijan .", 3, Xpos::Jj),
    ];
    for (sentence, i, x) in cases {
        let words: Vec<&str> = sentence.split(' ').collect();
        let out = tags_of(&t, &words);
        assert_eq!(out[i].xpos, x, "{sentence}: {out:?}");
    }
}

#[test]
fn embedded_model_accuracy_on_ud_ewt_test() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ud_english_ewt/en_ewt-ud-test.conllu");
    assert!(path.exists(), "missing {}", path.display());
    let sents = match read_conllu_file(&path) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let acc = embedded().evaluate(&sents);
    eprintln!("UD EWT test: UPOS {:.4} XPOS {:.4} {acc:?}", acc.upos(), acc.xpos());
    assert!(acc.tokens > 24_000, "{acc:?}");
    assert!(acc.upos() >= 0.95, "UPOS {:.4} {acc:?}", acc.upos());
    assert!(acc.xpos() >= 0.93, "XPOS {:.4} {acc:?}", acc.xpos());
}
