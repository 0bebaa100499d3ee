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

/// Extract the main text of a page. `Err` carries a reason for the user.
pub(crate) fn extract(html: &str) -> Result<Page, String> {
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
}
