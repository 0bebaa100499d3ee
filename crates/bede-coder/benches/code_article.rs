//! Criterion benchmark: coding whole articles (clean → events) on one thread,
//! over the sample corpus that ships in the repo (`examples/sample.jsonl`).
//! Whole-corpus throughput is `bede throughput` (see docs/performance.md).

use bede_coder::{Coder, CoderOptions};
use bede_core::Article;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[derive(serde::Deserialize)]
struct Rec {
    id: String,
    text: String,
    published: Option<String>,
}

fn articles() -> Vec<Article> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/sample.jsonl");
    std::fs::read_to_string(path)
        .expect("examples/sample.jsonl")
        .lines()
        .map(|l| {
            let r: Rec = serde_json::from_str(l).expect("sample record");
            Article {
                id: r.id,
                text: r.text,
                published: r.published.and_then(|p| chrono::NaiveDate::parse_from_str(&p, "%Y-%m-%d").ok()),
                ..Default::default()
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let coder = Coder::new(&CoderOptions::default()).expect("embedded dictionaries load");
    let arts = articles();
    let bytes: usize = arts.iter().map(|a| a.text.len()).sum();
    let mut g = c.benchmark_group("code_article");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("sample corpus", |b| {
        b.iter(|| arts.iter().map(|a| coder.code_article(a).len()).sum::<usize>());
    });
    g.finish();
    c.bench_function("Coder::new (load embedded dictionaries and model)", |b| b.iter(|| Coder::new(&CoderOptions::default()).map(|_| ())));
}

criterion_group!(benches, bench);
criterion_main!(benches);
