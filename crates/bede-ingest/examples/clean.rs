//! Print what the cleaner makes of some inputs: `cargo run -p bede-ingest --example clean -- FILE...`

use bede_ingest::{read_inputs, Cleaner, ReadOptions, WarningSink};
use std::path::PathBuf;

fn main() {
    let inputs: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let opts = ReadOptions { on_warning: Some(WarningSink::new(|w| eprintln!("warning: {w}"))), ..ReadOptions::default() };
    let cleaner = Cleaner::new();
    for item in read_inputs(&inputs, &opts) {
        match item {
            Err(e) => eprintln!("error: {e}"),
            Ok(a) => {
                let doc = cleaner.clean(&a);
                println!("=== {} ({})", a.id, a.pos);
                println!("title:       {:?}", doc.title);
                println!("dateline:    {:?}", doc.dateline);
                println!("header_date: {:?}", doc.header_date);
                for d in &doc.dropped {
                    println!("dropped [{}]: {}", d.reason, d.text);
                }
                println!("--- body\n{}\n", doc.body);
            }
        }
    }
}
