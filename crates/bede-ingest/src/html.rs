//! An HTML page to its main text, title and publication date (readability-style,
//! via `dom_smoothie`). Boilerplate that survives extraction is the cleaner's job.

use crate::read::parse_published;
use chrono::NaiveDate;
use dom_smoothie::{Config, Readability, TextMode};

/// What a page yields.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub text: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub language: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
}

/// Elements nested deeper than this are flattened before extraction (browsers
/// stop nesting at 512): the extractor's work grows with the square of the depth
/// (4,000 nested `<div>`s took 2.4 s, 100,000 did not finish in 5 minutes) and
/// its recursion overflows the stack on tens of thousands of unclosed tags.
pub(crate) const MAX_DEPTH: usize = 256;

/// Extract the main text of a page. `Err` carries a reason for the user.
pub(crate) fn extract(html: &str) -> Result<Page, String> {
    let html = flatten_deep(html, MAX_DEPTH);
    let html: &str = &html;
    let cfg = Config { text_mode: TextMode::Formatted, ..Default::default() };
    // The extractor is a large third-party DOM library; whatever a hostile page
    // does to it must cost that page, not the run.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut r = Readability::new(html, None, Some(cfg)).map_err(|e| e.to_string())?;
        r.parse().map_err(|e| e.to_string())
    }));
    let art = match parsed {
        Ok(Ok(a)) => a,
        Ok(Err(e)) => return Err(format!("no main text found in the HTML page ({e})")),
        Err(_) => return Err("the HTML extractor failed on this page".to_string()),
    };
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(Page {
        text: art.text_content.to_string(),
        title: nonempty(Some(art.title)),
        published: art.published_time.as_deref().and_then(|t| parse_published(t.trim()).ok()),
        language: nonempty(art.lang),
        outlet: nonempty(art.site_name),
        url: nonempty(art.url),
    })
}

/// Elements without content, never nesting.
const VOID: &[&str] = &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
/// Elements a sibling closes (`<p>a<p>b`, `<li>`, table cells): a run of them is no nesting.
const SELF_CLOSING_SIBLINGS: &[&str] =
    &["p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp"];
/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

/// The page with the start and end tags of elements nested deeper than `max`
/// removed (their text stays, in the element at the limit). The page itself when
/// nothing is that deep, which is the rule: the depth is counted by a light scan
/// of the tags, not a parse, so it can only err on pages already malformed.
pub(crate) fn flatten_deep(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let mut deepest = 0;
    scan_tags(html, max, &mut |_, _, depth| deepest = deepest.max(depth));
    if deepest <= max {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    scan_tags(html, max, &mut |range, keep, _| {
        if !keep {
            out.push_str(&html[copied..range.start]);
            copied = range.end;
        }
    });
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

/// Calls `f(tag range, kept, depth)` for each start and end tag of an element that
/// nests, in order: kept is false for the tags of elements opened beyond depth
/// `max` (and their end tags); depth is that of the element, counted as if nothing
/// were removed.
fn scan_tags(html: &str, max: usize, f: &mut dyn FnMut(std::ops::Range<usize>, bool, usize)) {
    let b = html.as_bytes();
    let (mut depth, mut removed) = (0usize, 0usize);
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|&c| c == b'<') {
        let at = i + k;
        let rest = &html[at..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(b.len(), |e| at + e + 3);
            continue;
        }
        let close = rest.as_bytes().get(1) == Some(&b'/');
        let name_start = at + 1 + usize::from(close);
        let name_len = b[name_start..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            // "<!doctype", "<?xml", a bare "<": skip to the end of what it opens.
            i = if matches!(b.get(at + 1), Some(b'!' | b'?')) {
                b[at..].iter().position(|&c| c == b'>').map_or(b.len(), |e| at + e + 1)
            } else {
                at + 1
            };
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        // The end of the tag, past quoted attribute values.
        let mut j = name_start + name_len;
        let mut quote = None;
        while j < b.len() {
            match (quote, b[j]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), c) if c == q => quote = None,
                _ => {}
            }
            j += 1;
        }
        let end = (j + 1).min(b.len());
        i = end;
        let nests = !VOID.contains(&name.as_str()) && !SELF_CLOSING_SIBLINGS.contains(&name.as_str());
        if close {
            if nests {
                if removed > 0 {
                    removed -= 1;
                    f(at..end, false, depth + removed + 1);
                } else if depth > 0 {
                    f(at..end, true, depth);
                    depth -= 1;
                }
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // Its text is no markup: go on after its end tag.
            let lower_end = format!("</{name}");
            let found = html.as_bytes()[end..].windows(lower_end.len()).position(|w| w.eq_ignore_ascii_case(lower_end.as_bytes()));
            i = found.map_or(b.len(), |e| end + e);
            continue;
        }
        if !nests || b[..end].ends_with(b"/>") {
            continue;
        }
        if depth < max {
            depth += 1;
            f(at..end, true, depth);
        } else {
            removed += 1;
            f(at..end, false, depth + removed);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_title_and_date() {
        let html = r#"<!doctype html><html lang="en"><head>
<title>Envoys Meet In Lisbon | The Daily Example</title>
<meta property="article:published_time" content="2021-03-04T09:15:00+01:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Envoys Meet In Lisbon</h1>
<p>The envoys of two neighbouring states met in Lisbon on Wednesday to talk about the fishing dispute that has strained their ties since the spring.</p>
<p>Both delegations described the talks as frank, and agreed to meet again next month in a smaller format with technical experts on both sides.</p>
<p>A joint statement said the sides would refrain from new restrictions on fishing boats while the negotiations continue through the summer.</p>
</article>
<footer>Copyright notice and links to the cookie policy</footer>
</body></html>"#;
        let page = extract(html).expect("extracts");
        assert!(page.text.contains("The envoys of two neighbouring states met in Lisbon"), "{}", page.text);
        assert!(page.text.contains("refrain from new restrictions"));
        assert!(!page.text.contains("Sport"));
        assert!(page.title.as_deref().unwrap_or("").contains("Envoys Meet In Lisbon"));
        assert_eq!(page.published, NaiveDate::from_ymd_opt(2021, 3, 4));
        assert_eq!(page.language.as_deref(), Some("en"));
    }

    #[test]
    fn garbage_does_not_panic() {
        for s in ["", "<", "<<<>>>", "<html><body></body></html>", "\u{0}\u{1}<p>", "<p>x"] {
            let _ = extract(s);
        }
    }

    #[test]
    fn deep_nesting_is_flattened_and_its_text_kept() {
        let story =
            "<p>The envoys of two neighbouring states met in Lisbon on Wednesday to talk about the fishing dispute that has strained \
                     their ties since the spring, and agreed to meet again next month.</p>";
        // 100,000 nested divs, closed; and 30,000 unclosed ones with inline tags
        // (the extractor took minutes on the first and overflowed its stack on the second).
        for html in [
            format!("<html><body>{}{story}{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000)),
            format!("<html><body>{}{story}", "<div><span><b>".repeat(30_000)),
        ] {
            let flat = flatten_deep(&html, MAX_DEPTH);
            assert!(flat.len() < 20_000, "{} bytes left", flat.len());
            let page = extract(&html).expect("extracts");
            assert!(page.text.contains("met in Lisbon on Wednesday"), "{}", page.text);
        }
    }

    #[test]
    fn ordinary_pages_are_not_rewritten() {
        let html = "<!doctype html><html><head><title>a <b> c</title><script>if (a<b) { x = '<div>'; }</script></head>\
                    <body><!-- <div><div> --><div class=\"a>b\"><p>one<p>two<br><img src=x /><ul><li>a<li>b</ul></div></body></html>";
        assert!(matches!(flatten_deep(html, 3), std::borrow::Cow::Borrowed(_)));
        let deep = format!("<div>{}x{}</div>", "<section><p>".repeat(10), "</section>".repeat(10));
        let flat = flatten_deep(&deep, 3);
        assert_eq!(flat, format!("<div>{}{}x</section></section></div>", "<section><p>".repeat(2), "<p>".repeat(8)));
    }
}
