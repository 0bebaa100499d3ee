//! Measures the Parquet writer: `cargo run --release -p bede-export --example
//! parquet_export -- N DIR [shuffled]` writes N synthetic events (dates over ten
//! years; in date order, or in a pseudo-random order that touches every
//! partition in turn, the worst case for open files) and prints rows/s. Run it
//! under `/usr/bin/time -v` to see that peak memory does not grow with N.

use bede_core::{ActorRef, DateBasis, Event, Evidence, PartialDate, PloverRef, VerbRef};
use bede_export::{ArticleInfo, ClusterInfo, ParquetOptions, ParquetWriter, RecordRef, RecordWriter};
use std::time::Instant;

fn actor(code: &str, country: &str) -> ActorRef {
    ActorRef {
        code: code.into(),
        country: Some(country.into()),
        sectors: vec!["GOV".into()],
        name: format!("{country} government"),
        text: format!("the {country} government"),
        span: [0, 10],
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let dir = std::path::PathBuf::from(args.get(2).cloned().unwrap_or_else(|| "parquet-bench".into()));
    let shuffled = args.get(3).is_some_and(|s| s == "shuffled");
    let start = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
    let days = 3652u64;
    let mut w = ParquetWriter::create(&dir, ParquetOptions::default()).expect("output directory");
    let article = ArticleInfo { url: Some("https://example.org/news/1".into()), outlet: Some("Example".into()), ..Default::default() };
    let codes = ["040", "036", "0871", "112", "190", "057"];
    let t = Instant::now();
    for i in 0..n {
        // A multiplicative hash walks the days in a scrambled order.
        let day = if shuffled { i.wrapping_mul(2_654_435_761) % days } else { i * days / n };
        let date = start + chrono::Duration::days(day as i64);
        let cameo = codes[(i % codes.len() as u64) as usize];
        let e = Event {
            id: format!("{:032x}", i.wrapping_mul(0x9e37_79b9_7f4a_7c15)),
            doc_id: format!("doc-{}", i / 8),
            sentence: (i % 8) as u32,
            date: Some(PartialDate::from_date(date)),
            date_precision: Some(bede_core::DatePrecision::Day),
            date_basis: DateBasis::Published,
            source: actor("RUSGOV", "RUS"),
            target: Some(actor("TURGOV", "TUR")),
            cameo: cameo.into(),
            cameo_name: "name".into(),
            quad_class: 1,
            goldstein: 1.0,
            plover: PloverRef { kind: "CONSULT".into(), mode: None },
            negated: false,
            location: None,
            issues: vec![],
            evidence: Evidence {
                text: format!("Event {i}: the Russian government and the Turkish government discussed the situation in the region on Thursday, officials said."),
                verb: VerbRef { text: "discussed".into(), span: [50, 59] },
                pattern: "04-consult.txt:46: == discuss [040]".into(),
            },
        };
        let cluster = ClusterInfo { id: i as i64, num_mentions: 1, num_sources: 1, num_articles: 1 };
        w.write_ref(RecordRef { event: &e, cluster: Some(&cluster), article: &article }).expect("write");
    }
    let s = w.finish().expect("finish");
    let secs = t.elapsed().as_secs_f64();
    let bytes: u64 = s.files.iter().map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)).sum();
    println!(
        "{} rows, {} files, {:.1} MB, {:.2} s, {:.0} rows/s ({})",
        s.records,
        s.files.len(),
        bytes as f64 / 1e6,
        secs,
        s.records as f64 / secs,
        if shuffled { "shuffled" } else { "date order" }
    );
}
