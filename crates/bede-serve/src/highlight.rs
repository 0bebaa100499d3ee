//! The evidence sentence cut at the source, verb and target spans, so a
//! client can highlight them without handling byte offsets (the Event's spans
//! are UTF-8 byte offsets; JavaScript strings count UTF-16 units).

use bede_core::Event;
use serde::Serialize;

/// A piece of the evidence sentence: its text and which span it is, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    /// `source`, `verb`, `target`, or `None` for text between them.
    pub role: Option<&'static str>,
}

/// The evidence of `e` as segments that join back to the sentence. A span
/// that is empty, out of range, not on character boundaries or overlapping an
/// earlier one is left unmarked rather than trusted.
pub fn segments(e: &Event) -> Vec<Segment> {
    let text = e.evidence.text.as_str();
    let mut spans: Vec<(usize, usize, &'static str)> = Vec::with_capacity(3);
    let mut add = |span: [u32; 2], role| {
        let (a, b) = (span[0] as usize, span[1] as usize);
        if a < b && text.get(a..b).is_some() {
            spans.push((a, b, role));
        }
    };
    add(e.source.span, "source");
    add(e.evidence.verb.span, "verb");
    if let Some(t) = &e.target {
        add(t.span, "target");
    }
    spans.sort_by_key(|s| (s.0, s.1));
    let mut out = Vec::with_capacity(7);
    let mut at = 0;
    for (a, b, role) in spans {
        if a < at {
            continue;
        }
        if a > at {
            out.push(Segment { text: text[at..a].to_string(), role: None });
        }
        out.push(Segment { text: text[a..b].to_string(), role: Some(role) });
        at = b;
    }
    if at < text.len() || out.is_empty() {
        out.push(Segment { text: text[at..].to_string(), role: None });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use bede_core::{ActorRef, DateBasis, Evidence, PloverRef, VerbRef};

    fn actor(code: &str, span: [u32; 2]) -> ActorRef {
        ActorRef { code: code.into(), country: None, sectors: vec![], name: code.into(), text: String::new(), span }
    }

    fn event(text: &str, s: [u32; 2], v: [u32; 2], t: Option<[u32; 2]>) -> Event {
        Event {
            id: "x".into(),
            doc_id: "d".into(),
            sentence: 0,
            date: None,
            date_precision: None,
            date_basis: DateBasis::Unknown,
            source: actor("A", s),
            target: t.map(|t| actor("B", t)),
            cameo: "040".into(),
            cameo_name: "Consult".into(),
            quad_class: 1,
            goldstein: 1.0,
            plover: PloverRef { kind: "CONSULT".into(), mode: None },
            negated: false,
            location: None,
            issues: vec![],
            evidence: Evidence { text: text.into(), verb: VerbRef { text: String::new(), span: v }, pattern: String::new() },
        }
    }

    fn roles(segs: &[Segment]) -> Vec<(&str, Option<&str>)> {
        segs.iter().map(|s| (s.text.as_str(), s.role)).collect()
    }

    #[test]
    fn cuts_at_the_three_spans_and_joins_back() {
        let text = "Çavuşoğlu met Лавров today";
        let (c_end, m, l) = ("Çavuşoğlu".len() as u32, text.find("met").unwrap() as u32, text.find("Лавров").unwrap() as u32);
        let segs = segments(&event(text, [0, c_end], [m, m + 3], Some([l, l + "Лавров".len() as u32])));
        assert_eq!(
            roles(&segs),
            [("Çavuşoğlu", Some("source")), (" ", None), ("met", Some("verb")), (" ", None), ("Лавров", Some("target")), (" today", None)]
        );
        assert_eq!(segs.iter().map(|s| s.text.as_str()).collect::<String>(), text);
    }

    #[test]
    fn bad_spans_are_left_unmarked() {
        let text = "Çavuşoğlu met him";
        let m = text.find("met").unwrap() as u32;
        let verb = [m, m + 3];
        // Inside a character, past the end, empty, overlapping.
        for (s, v) in [([0, 1], verb), ([0, 99], verb), ([3, 3], verb), ([0, m + 1], verb), ([0, m], [m + 1, m])] {
            let segs = segments(&event(text, s, v, None));
            assert_eq!(segs.iter().map(|s| s.text.as_str()).collect::<String>(), text);
            assert!(segs.iter().filter(|s| s.role.is_some()).count() <= 1, "{segs:?}");
        }
        assert_eq!(roles(&segments(&event("", [0, 0], [0, 0], None))), [("", None)]);
    }
}
