//! Embeds every `dict/*.txt` file so the default dictionaries ship in the binary.
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dict");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<_> = fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect())
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("vec![\n");
    for p in &names {
        println!("cargo:rerun-if-changed={}", p.display());
        let file = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        out.push_str(&format!("    ({file:?}, include_str!({:?})),\n", p.display().to_string()));
    }
    out.push_str("]\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("embedded_dicts.rs");
    fs::write(dest, out).expect("write embedded_dicts.rs");
}
