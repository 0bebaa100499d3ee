//! Print the time expressions of each line of the given files (or stdin),
//! resolved against `--anchor YYYY-MM-DD` when given.
//!
//! `cargo run -p bede-time --example show -- --anchor 2020-10-15 article.txt`

use std::io::Read;

fn main() {
    let mut anchor = None;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--anchor" {
            anchor = args.next().and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        } else {
            files.push(a);
        }
    }
    let mut texts = Vec::new();
    if files.is_empty() {
        let mut s = String::new();
        let _ = std::io::stdin().read_to_string(&mut s);
        texts.push(s);
    }
    for f in &files {
        match std::fs::read_to_string(f) {
            Ok(s) => texts.push(s),
            Err(e) => eprintln!("{f}: {e}"),
        }
    }
    let finder = bede_time::TimeFinder::new();
    for text in &texts {
        for line in text.lines() {
            for e in finder.find(line) {
                let resolved = anchor.and_then(|a| bede_time::resolve(&e.kind, a)).map(|(d, b)| format!("{d} {b:?}")).unwrap_or_default();
                println!("{:?}\t{:?}\t{}", &line[e.span.clone()], e.kind, resolved);
            }
        }
    }
}
