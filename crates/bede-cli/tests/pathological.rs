//! Pathological inputs through `bede code` and `bede ingest` (issue 6,
//! "Robustness"): a 100 MB article, one sentence of 100,000 tokens, 100,000
//! nested HTML elements, 1,000,000 tiny articles, every Unicode scalar value,
//! right-to-left text and bidirectional controls, zero-width characters, NUL
//! bytes and lone-surrogate escapes, and 400 paragraphs each repeating one
//! sentence (the cleaner's repeated-paragraph check on its worst input).
//!
//! Scale: a release build (`cargo test --release -p bede-cli --test
//! pathological`, as `.ci/run` runs it) uses the full sizes above. A debug build
//! (plain `cargo test --workspace`) scales them down to keep the file under a
//! minute (about 20 s on 2 cores): a 4 MB article, 20,000 tokens, 20,000 nested
//! elements, 20,000 articles, 150 repeating paragraphs; the Unicode cases are
//! the same size in both.
//!
//! Every input is generated here, into `CARGO_TARGET_TMPDIR/pathological`
//! (each case's directory is removed when it passes, kept when it fails).
//! Every run checks: the exit status; every stdout line is JSON; each event's
//! source, target and verb spans slice `evidence.text` to their `text` on char
//! boundaries; the interactions planted in the input are coded (as many events
//! of each dyad and root as planted, where the text makes that exact).
//!
//! Bounds: no timing assertion. Each run has a watchdog: killed after
//! [`WATCHDOG`], the test fails saying it hung. Its peak RSS (GNU time's `%M`
//! when `/usr/bin/time` exists, else `VmHWM` polled from `/proc`) must stay
//! under a ceiling about twice what was measured (docs/limits.md), so that
//! memory growing faster than the input fails. Each run prints its figures
//! (`-- --nocapture` shows them).

mod common;

use common::{bede, KillOnDrop};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const RELEASE: bool = !cfg!(debug_assertions);
const MB: usize = 1_000_000;
const KB: u64 = 1024;

/// A run still going after this is taken to hang.
const WATCHDOG: Duration = Duration::from_secs(600);

/// `full` in a release build, `debug` otherwise (see the module docs).
fn scaled(full: usize, debug: usize) -> usize {
    if RELEASE {
        full
    } else {
        debug
    }
}

/// A fresh directory for one case's inputs, removed when the case passes (a
/// full-size run writes hundreds of megabytes, and CI's disk is not large);
/// kept when it fails, to look at.
struct Workdir(PathBuf);

impl std::ops::Deref for Workdir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Workdir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn workdir(case: &str) -> Workdir {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pathological").join(case);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    Workdir(d)
}

/// Source country, target country and CAMEO root of an event: what a planted
/// interaction must give.
type Dyad = (String, String, String);

fn dyad(s: &str, t: &str, root: &str) -> Dyad {
    (s.to_string(), t.to_string(), root.to_string())
}

fn dyad_of(e: &Value) -> Dyad {
    let country = |a: &Value| a["country"].as_str().unwrap_or("-").to_string();
    (country(&e["source"]), country(&e["target"]), e["cameo"].as_str().unwrap_or("").chars().take(2).collect())
}

/// Interaction sentences (no final full stop) and the event each gives.
const INTERACTIONS: &[(&str, (&str, &str, &str))] = &[
    ("Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Mevlut Cavusoglu in {place} on {day}", ("RUS", "TUR", "04")),
    ("Armenia accused Azerbaijan of shelling civilian areas near {place} on {day}", ("ARM", "AZE", "11")),
    ("Japan urged North Korea to stop its missile tests on {day}", ("JPN", "PRK", "02")),
    ("French President Emmanuel Macron criticized Iran over its nuclear program on {day}", ("FRA", "IRN", "11")),
    ("German Chancellor Angela Merkel praised Greece for its reforms on {day}", ("DEU", "GRC", "05")),
    ("China condemned the United States for selling weapons to Taiwan on {day}", ("CHN", "USA", "11")),
    ("Egypt hosted Sudanese leaders for talks in {place} on {day}", ("EGY", "SDN", "04")),
];
const PLACES: &[&str] = &["Moscow", "Ankara", "Geneva", "Vienna", "Cairo", "Paris", "Berlin", "Brussels"];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
/// Sentences without an event; `{n}` makes each paragraph its own.
const FILLERS: &[&str] = &[
    "The talks lasted {n} hours and covered trade, energy and security.",
    "Officials said {n} delegates attended the meeting in the old conference hall.",
    "Markets were calm and the currency traded at {n} to the dollar.",
    "The report, number {n}, was published by the news desk in the afternoon.",
];

/// Interaction `k` (cycling through [`INTERACTIONS`]) with its place and day, and its event.
fn interaction(k: usize) -> (String, Dyad) {
    let (t, (s, g, r)) = INTERACTIONS[k % INTERACTIONS.len()];
    let text = t.replace("{place}", PLACES[k % PLACES.len()]).replace("{day}", DAYS[(k / INTERACTIONS.len()) % DAYS.len()]);
    (text, dyad(s, g, r))
}

const LAVROV: &str = "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Mevlut Cavusoglu in Moscow on Thursday.";
const JAPAN: &str = "Japan urged North Korea to stop its missile tests on Friday.";

fn rus_tur() -> Dyad {
    dyad("RUS", "TUR", "04")
}
fn jpn_prk() -> Dyad {
    dyad("JPN", "PRK", "02")
}

/// What a run of bede gave.
struct Run {
    name: String,
    status: ExitStatus,
    stderr: String,
    /// Peak resident set size of bede, KiB.
    rss_kb: u64,
    secs: f64,
    events: u64,
    /// The first problems found in stdout (bad JSON, bad spans).
    problems: Vec<String>,
}

impl Run {
    /// Exit status as expected, stdout all valid events, peak RSS under `ceiling_mb`.
    fn check(&self, code: i32, ceiling_mb: u64) {
        assert_eq!(self.status.code(), Some(code), "{}: exit status; stderr:\n{}", self.name, tail(&self.stderr));
        assert!(self.problems.is_empty(), "{}: bad output:\n{}", self.name, self.problems.join("\n"));
        assert!(self.rss_kb > 0, "{}: peak RSS not measured", self.name);
        assert!(
            self.rss_kb <= ceiling_mb * KB,
            "{}: peak RSS {} MiB over the ceiling of {ceiling_mb} MiB (docs/limits.md)",
            self.name,
            self.rss_kb / KB
        );
    }
}

fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}

/// An event line checked: JSON, and spans that slice the evidence to the claimed text.
fn parse_event(line: &str) -> Result<Value, String> {
    let short: String = line.chars().take(300).collect();
    let e: Value = serde_json::from_str(line).map_err(|err| format!("not JSON ({err}): {short}"))?;
    let text = e["evidence"]["text"].as_str().ok_or_else(|| format!("no evidence.text: {short}"))?;
    for (what, part) in [("source", &e["source"]), ("target", &e["target"]), ("verb", &e["evidence"]["verb"])] {
        if part.is_null() && what == "target" {
            continue;
        }
        let claimed = part["text"].as_str().ok_or_else(|| format!("{what} has no text: {short}"))?;
        let span: Vec<usize> = part["span"].as_array().into_iter().flatten().filter_map(Value::as_u64).map(|n| n as usize).collect();
        let [a, b] = span[..] else { return Err(format!("{what} span is not two offsets: {short}")) };
        if text.get(a..b) != Some(claimed) {
            return Err(format!("{what} span {a}..{b} does not slice evidence.text to {claimed:?}: {short}"));
        }
    }
    Ok(e)
}

/// Run `cmd` (a `bede` command) with a watchdog, measuring its peak RSS; each
/// event on stdout is checked and handed to `each`, in order.
fn run_bounded(name: &str, cmd: Command, mut each: impl FnMut(&Value) + Send) -> Run {
    let dir = workdir(&format!("run-{name}"));
    let stderr_path = dir.join("stderr");
    let rss_path = dir.join("rss");
    let gnu_time = Path::new("/usr/bin/time").exists();
    let mut c = if gnu_time {
        let mut t = Command::new("/usr/bin/time");
        t.args(["-f", "%M", "-o"]).arg(&rss_path).arg(cmd.get_program()).args(cmd.get_args());
        // Its own process group, so the watchdog can end bede with it.
        std::os::unix::process::CommandExt::process_group(&mut t, 0);
        t
    } else {
        cmd
    };
    c.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(std::fs::File::create(&stderr_path).unwrap());
    let started = Instant::now();
    let mut child = KillOnDrop(c.spawn().unwrap_or_else(|e| panic!("{name}: cannot start bede: {e}")));
    let pid = child.0.id();
    let stdout = child.0.stdout.take().unwrap();
    let (mut events, mut problems, mut polled_kb) = (0u64, Vec::new(), 0u64);
    let status = std::thread::scope(|s| {
        // Reads and checks stdout to the end, whatever it holds, so bede never
        // blocks on a full pipe.
        let reader = s.spawn(|| {
            for line in std::io::BufReader::with_capacity(1 << 20, stdout).split(b'\n') {
                let line = match line.map(String::from_utf8) {
                    Ok(Ok(l)) => l,
                    Ok(Err(e)) => {
                        events += 1;
                        if problems.len() < 10 {
                            problems.push(format!("a line of stdout is not UTF-8: {e}"));
                        }
                        continue;
                    }
                    Err(e) => {
                        problems.push(format!("reading stdout: {e}"));
                        break;
                    }
                };
                if line.trim().is_empty() {
                    continue;
                }
                events += 1;
                match parse_event(&line) {
                    Ok(e) => each(&e),
                    Err(p) if problems.len() < 10 => problems.push(p),
                    Err(_) => {}
                }
            }
        });
        let status = loop {
            if let Some(st) = child.0.try_wait().unwrap() {
                break st;
            }
            if !gnu_time {
                polled_kb = polled_kb.max(vm_hwm_kb(pid));
            }
            if started.elapsed() > WATCHDOG {
                if gnu_time {
                    let _ = Command::new("kill").args(["-KILL", "--", &format!("-{pid}")]).status();
                }
                let _ = child.0.kill();
                let _ = child.0.wait();
                panic!("{name}: bede hung: still running after {} s, killed", WATCHDOG.as_secs());
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        reader.join().expect("stdout reader");
        status
    });
    let secs = started.elapsed().as_secs_f64();
    let rss_kb = if gnu_time {
        let text = std::fs::read_to_string(&rss_path).unwrap_or_default();
        text.lines().rev().find_map(|l| l.trim().parse().ok()).unwrap_or(0)
    } else {
        polled_kb
    };
    let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
    eprintln!("{name}: exit {:?}, {secs:.2} s, peak RSS {} MiB, {events} events", status.code(), rss_kb / KB);
    Run { name: name.to_string(), status, stderr, rss_kb, secs, events, problems }
}

/// Peak RSS so far of a live process, KiB (0 once it is gone).
fn vm_hwm_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()).unwrap_or(0)
}

fn file_size(p: &Path) -> u64 {
    std::fs::metadata(p).unwrap().len()
}

/// JSON string contents for text without quotes, backslashes or control characters.
fn plain_json(s: &str) -> &str {
    assert!(!s.chars().any(|c| c == '"' || c == '\\' || c.is_control()), "{s:?}");
    s
}

// ---------------------------------------------------------------------------
// A 100 MB article

/// One article of `size` bytes: paragraphs of an interaction and four filler
/// sentences each. Returns the events planted, by dyad.
fn write_big_article(path: &Path, size: usize) -> BTreeMap<Dyad, u64> {
    let mut f = BufWriter::new(std::fs::File::create(path).unwrap());
    let mut planted: BTreeMap<Dyad, u64> = BTreeMap::new();
    write!(f, r#"{{"id":"big","published":"2021-03-05","text":""#).unwrap();
    let (mut written, mut k, mut para) = (0, 0, String::new());
    while written < size {
        para.clear();
        let (s, d) = interaction(k);
        *planted.entry(d).or_default() += 1;
        para.push_str(&s);
        para.push('.');
        for j in 0..4 {
            para.push(' ');
            para.push_str(&FILLERS[(k + j) % FILLERS.len()].replace("{n}", &(k * 4 + j).to_string()));
        }
        f.write_all(plain_json(&para).as_bytes()).unwrap();
        f.write_all(br"\n\n").unwrap(); // a paragraph break, as JSON escapes
        written += para.len() + 4;
        k += 1;
    }
    writeln!(f, r#""}}"#).unwrap();
    f.flush().unwrap();
    planted
}

#[test]
fn a_100_mb_article() {
    let size = scaled(100 * MB, 4 * MB);
    let dir = workdir("big");
    let input = dir.join("big.jsonl");
    let planted = write_big_article(&input, size);
    let bytes = file_size(&input);

    // Over the record limit: reported with file, line and the flag, skipped,
    // exit 2. (The default 16 MiB in a release build; a debug build's article
    // is smaller, so the limit is set below it.)
    let mut cmd = bede();
    cmd.arg("code");
    if !RELEASE {
        cmd.args(["--max-record-bytes", "1000000"]);
    }
    cmd.arg(&input);
    let skipped = run_bounded("big-skipped", cmd, |_| {});
    // Measured 44 MiB: the line is skipped without being kept.
    skipped.check(2, 100);
    assert_eq!(skipped.events, 0);
    let want = format!("{}:1: record is {} bytes", input.display(), bytes - 1);
    assert!(
        skipped.stderr.contains(&want) && skipped.stderr.contains("--max-record-bytes"),
        "want {want:?} and the flag in:\n{}",
        skipped.stderr
    );

    // With the limit raised: coded, every planted interaction once.
    let mut cmd = bede();
    cmd.args(["code", "--quiet", "--max-record-bytes"]).arg((bytes + 1).to_string()).arg(&input);
    let mut got: BTreeMap<Dyad, u64> = BTreeMap::new();
    let mut sentences: BTreeSet<u64> = BTreeSet::new();
    let mut docs: BTreeSet<String> = BTreeSet::new();
    let coded = run_bounded("big-coded", cmd, |e| {
        *got.entry(dyad_of(e)).or_default() += 1;
        sentences.insert(e["sentence"].as_u64().unwrap());
        if docs.len() < 2 {
            docs.insert(e["doc_id"].as_str().unwrap().to_string());
        }
    });
    // Measured 1,666 MiB for 100 MB (17 bytes a byte of article), 100 MiB for 4 MB.
    coded.check(0, if RELEASE { 3400 } else { 200 });
    assert_eq!(docs, BTreeSet::from(["big".to_string()]));
    assert_eq!(got, planted, "each planted interaction coded once, nothing else");
    assert_eq!(sentences.len() as u64, planted.values().sum::<u64>(), "one event in each planted sentence");
    eprintln!("big: {bytes} bytes, {} paragraphs, {:.1} s", planted.values().sum::<u64>(), coded.secs);
}

// ---------------------------------------------------------------------------
// One sentence of 100,000 tokens

const CLAUSES: &[&str] = &[
    "the delegates from the northern provinces talked about trade and energy and the weather in the valley",
    "officials in the capital said the harvest had been good and the roads were open again",
    "markets stayed calm while traders waited for the figures from the central bank",
];

/// A sentence of at least `tokens` tokens: clauses joined by `sep`, an
/// interaction every 20th clause, one full stop at the very end.
fn long_sentence(tokens: usize, sep: &str, planted: &mut BTreeMap<Dyad, u64>) -> String {
    let (mut text, mut n, mut k) = (String::new(), 0, 0);
    while n < tokens {
        let clause = if k % 20 == 10 {
            let (s, d) = interaction(k / 20);
            *planted.entry(d).or_default() += 1;
            s
        } else {
            CLAUSES[k % CLAUSES.len()].to_string()
        };
        if k > 0 {
            text.push_str(sep);
        }
        n += clause.split(' ').count() + 1;
        text.push_str(&clause);
        k += 1;
    }
    text.push('.');
    assert!(!text[..text.len() - 1].contains(['.', '!', '?', '\n']), "no sentence boundary before the end");
    text
}

#[test]
fn one_sentence_of_100_000_tokens() {
    let tokens = scaled(100_000, 20_000);
    let dir = workdir("long");
    let input = dir.join("long.jsonl");
    let (mut clauses, mut commas, mut words) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    let mut f = BufWriter::new(std::fs::File::create(&input).unwrap());
    // Clauses after semicolons: each interaction its own clause. After commas:
    // "in the valley, Japan urged" reads Japan as a place, so only the runs
    // are checked. Words alone: no punctuation at all, cut anywhere.
    for (id, sep, planted) in [("clauses", "; ", &mut clauses), ("commas", ", ", &mut commas), ("words", " ", &mut words)] {
        let text = long_sentence(tokens, sep, planted);
        writeln!(f, "{}", serde_json::json!({"id": id, "text": text})).unwrap();
    }
    f.flush().unwrap();
    let mut got: BTreeMap<(String, Dyad), u64> = BTreeMap::new();
    let mut cmd = bede();
    cmd.args(["code", "--quiet"]).arg(&input);
    let run = run_bounded("long-sentence", cmd, |e| {
        *got.entry((e["doc_id"].as_str().unwrap().to_string(), dyad_of(e))).or_default() += 1;
    });
    // Measured 47 MiB for three sentences of 100,000 tokens.
    run.check(0, 100);
    let of = |doc: &str| -> BTreeMap<Dyad, u64> { got.iter().filter(|((d, _), _)| d == doc).map(|((_, k), n)| (k.clone(), *n)).collect() };
    assert_eq!(of("clauses"), clauses, "each interaction in its own clause is coded once");
    let commas_got = of("commas");
    assert_eq!(commas_got.get(&rus_tur()), commas.get(&rus_tur()), "the Lavrov meetings after commas: {commas_got:?}");
    assert!(of("words").values().sum::<u64>() > 0, "a sentence with no punctuation still gives events");
}

// ---------------------------------------------------------------------------
// Deeply nested HTML

#[test]
fn deeply_nested_html() {
    let depth = scaled(100_000, 20_000);
    let dir = workdir("html");
    let mut nested = String::from("<html><head><title>Talks in Moscow</title></head><body><article>");
    write!(nested, "<p>{LAVROV}</p>").unwrap();
    for i in 0..depth {
        nested.push_str(if i % 2 == 0 { "<div><b>" } else { "<b><div>" });
    }
    write!(nested, "<p>{JAPAN}</p>").unwrap();
    for i in (0..depth).rev() {
        nested.push_str(if i % 2 == 0 { "</b></div>" } else { "</div></b>" });
    }
    nested.push_str("<p>German Chancellor Angela Merkel praised Greece for its reforms on Monday.</p></article></body></html>");
    std::fs::write(dir.join("nested.html"), &nested).unwrap();
    // Never closed: each element left open inside the one before.
    let mut open = String::from("<html><body><article>");
    write!(open, "<p>{LAVROV}</p>").unwrap();
    for _ in 0..depth {
        open.push_str("<div><span>");
    }
    write!(open, "<p>{JAPAN}</p>").unwrap();
    std::fs::write(dir.join("unclosed.html"), &open).unwrap();

    let mut got: BTreeMap<String, Vec<Dyad>> = BTreeMap::new();
    let mut cmd = bede();
    cmd.args(["code", "--quiet"]).arg(&*dir);
    let run = run_bounded("nested-html", cmd, |e| got.entry(e["doc_id"].as_str().unwrap().to_string()).or_default().push(dyad_of(e)));
    // Measured 32 MiB for 100,000 levels.
    run.check(0, 100);
    assert_eq!(got.get("nested"), Some(&vec![rus_tur(), jpn_prk(), dyad("DEU", "GRC", "05")]), "{got:?}");
    assert_eq!(got.get("unclosed"), Some(&vec![rus_tur(), jpn_prk()]), "{got:?}");
}

// ---------------------------------------------------------------------------
// 1,000,000 tiny articles

#[test]
fn a_million_tiny_articles() {
    let n = scaled(1_000_000, 20_000);
    let tiny: [(&str, Dyad); 4] = [
        ("Lavrov met Cavusoglu.", rus_tur()),
        ("Merkel praised Greece.", dyad("DEU", "GRC", "05")),
        ("China condemned Japan.", dyad("CHN", "JPN", "11")),
        ("Japan urged North Korea.", jpn_prk()),
    ];
    let dir = workdir("tiny");
    let input = dir.join("tiny.jsonl");
    let mut f = BufWriter::new(std::fs::File::create(&input).unwrap());
    for i in 0..n {
        // The filing note makes each text its own (bede ingest keeps one copy of a text).
        writeln!(f, r#"{{"id":"a{i}","text":"{} Filed as a{i}."}}"#, tiny[i % tiny.len()].0).unwrap();
    }
    f.flush().unwrap();
    // Events come in input order: doc k's events follow doc k-1's.
    let (mut next, mut docs, mut wrong) = (0usize, 0usize, Vec::new());
    let mut cmd = bede();
    cmd.args(["code", "--quiet"]).arg(&input);
    let run = run_bounded("tiny-articles", cmd, |e| {
        let id = e["doc_id"].as_str().unwrap();
        let k: usize = id.strip_prefix('a').and_then(|k| k.parse().ok()).unwrap_or(usize::MAX);
        if k == next {
            next += 1;
            docs += 1;
            if dyad_of(e) != tiny[k % tiny.len()].1 && wrong.len() < 5 {
                wrong.push(format!("{id}: {:?}", dyad_of(e)));
            }
        } else if wrong.len() < 5 {
            wrong.push(format!("{id} after a{}: out of order, repeated or not one event per article", next.wrapping_sub(1)));
        }
    });
    // Measured 33 MiB for 1,000,000 articles: the reader streams.
    run.check(0, 100);
    assert!(wrong.is_empty(), "{wrong:?}");
    assert_eq!(docs, n, "one event for every article, none lost");
    assert_eq!(run.events, n as u64);
}

// ---------------------------------------------------------------------------
// Unicode: every scalar value, right-to-left text, bidi controls, zero-width
// characters, NUL bytes, lone surrogates

/// Articles (id, text) and the events each must give (at least).
fn unicode_articles() -> Vec<(String, String, Vec<Dyad>)> {
    let mut out = Vec::new();
    // Every scalar value, 4,096 to an article, around a story paragraph.
    let all: Vec<char> = (0..=0x10_FFFFu32).filter_map(char::from_u32).collect();
    for (i, chunk) in all.chunks(4096).enumerate() {
        let chunk: String = chunk.iter().collect();
        out.push((format!("all-{i:03}"), format!("{chunk}\n\n{LAVROV}\n\n{chunk}"), vec![rus_tur()]));
    }
    // Each 256-code-point block with letters: four of them as words inside the story.
    for block in (0..0x11_0000u32).step_by(256) {
        let letters: Vec<char> = (block..block + 256).filter_map(char::from_u32).filter(|c| c.is_alphabetic()).collect();
        if letters.len() < 4 {
            continue;
        }
        let w1: String = letters[..4].iter().collect();
        let w2: String = letters[letters.len() - 4..].iter().collect();
        out.push((format!("block-{block:06x}"), format!("{LAVROV} The crowd chanted {w1} {w2}. {JAPAN}"), vec![rus_tur(), jpn_prk()]));
    }
    // Right-to-left paragraphs and sentences around the story.
    let arabic = "\u{627}\u{644}\u{639}\u{631}\u{628}\u{64A}\u{629} \u{645}\u{631}\u{62D}\u{628}\u{627} \u{628}\u{627}\u{644}\u{639}\u{627}\u{644}\u{645}.";
    let hebrew = "\u{5E2}\u{5D1}\u{5E8}\u{5D9}\u{5EA} \u{5E9}\u{5DC}\u{5D5}\u{5DD}.";
    out.push(("rtl".into(), format!("{arabic}\n\n{LAVROV} {hebrew}\n\n{hebrew} {arabic}\n\n{JAPAN} {arabic}"), vec![rus_tur(), jpn_prk()]));
    // Invisible characters inside words, between words and around the sentence.
    let invisible = [
        ("rlm", '\u{200F}'),
        ("lrm", '\u{200E}'),
        ("alm", '\u{061C}'),
        ("rle", '\u{202B}'),
        ("pdf", '\u{202C}'),
        ("rlo", '\u{202E}'),
        ("rli", '\u{2067}'),
        ("fsi", '\u{2068}'),
        ("pdi", '\u{2069}'),
        ("zwsp", '\u{200B}'),
        ("zwnj", '\u{200C}'),
        ("zwj", '\u{200D}'),
        ("wj", '\u{2060}'),
        ("bom", '\u{FEFF}'),
        ("nul", '\0'),
    ];
    for (name, c) in invisible {
        let inside: Vec<String> = LAVROV
            .split(' ')
            .map(|w| w.chars().collect::<Vec<_>>().chunks(3).map(|p| p.iter().collect::<String>()).collect::<Vec<_>>().join(&c.to_string()))
            .collect();
        out.push((format!("inside-{name}"), inside.join(" "), vec![rus_tur()]));
        out.push((format!("between-{name}"), LAVROV.replace(' ', &format!(" {c}")), vec![rus_tur()]));
        let five = c.to_string().repeat(5);
        out.push((format!("around-{name}"), format!("{five}{LAVROV}{five}\n\n{five}{JAPAN}{five}"), vec![rus_tur(), jpn_prk()]));
    }
    // A right-to-left override around the whole story, isolates around Arabic inside it.
    out.push(("override".into(), format!("\u{202E}{LAVROV}\u{202C}\n\n\u{2067}{arabic}\u{2069} {JAPAN}"), vec![rus_tur(), jpn_prk()]));
    out
}

#[test]
fn unicode_bidi_zero_width_and_nul() {
    let dir = workdir("unicode");
    let arts = unicode_articles();
    let mut want: BTreeMap<String, Vec<Dyad>> = BTreeMap::new();
    let mut f = BufWriter::new(std::fs::File::create(dir.join("unicode.jsonl")).unwrap());
    for (id, text, dyads) in &arts {
        // serde_json writes control characters (NUL included) as \u escapes, the rest as UTF-8.
        writeln!(f, "{}", serde_json::json!({"id": id, "text": text})).unwrap();
        want.insert(id.clone(), dyads.clone());
    }
    // Lone UTF-16 surrogates, as Python's json.dumps writes them for broken text:
    // each becomes U+FFFD with a warning, the article is coded.
    let lavrov = plain_json(LAVROV);
    writeln!(f, r#"{{"id":"surrogates","text":"\ud800 {lavrov} The talks went on at noon\udfff.\n\n\udc00\ud800\ud800 {JAPAN} \ud83d"}}"#)
        .unwrap();
    want.insert("surrogates".into(), vec![rus_tur(), jpn_prk()]);
    f.flush().unwrap();
    drop(f);
    // Raw NUL bytes in a text file and an HTML page, between and inside words.
    let nul_text = format!("Talks in Moscow\n\n{}\n\n\0{}\0\n", LAVROV.replace(' ', "\0 "), JAPAN.replace("North", "No\0rth"));
    std::fs::write(dir.join("nul.txt"), nul_text).unwrap();
    want.insert("nul".into(), vec![rus_tur(), jpn_prk()]);
    let nul_html = format!(
        "<html><body><article><p>\0{}</p><p>{}\0</p></article></body></html>",
        LAVROV.replace(' ', " \0"),
        JAPAN.replace("Korea", "Ko\0rea")
    );
    std::fs::write(dir.join("nulpage.html"), nul_html).unwrap();
    want.insert("nulpage".into(), vec![rus_tur(), jpn_prk()]);

    let inputs = [dir.join("unicode.jsonl"), dir.join("nul.txt"), dir.join("nulpage.html")];
    let mut got: BTreeMap<String, Vec<Dyad>> = BTreeMap::new();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    let mut cmd = bede();
    cmd.arg("code").args(&inputs);
    let run = run_bounded("unicode", cmd, |e| {
        got.entry(e["doc_id"].as_str().unwrap().to_string()).or_default().push(dyad_of(e));
        ids.insert(e["id"].as_str().unwrap().to_string());
    });
    // Measured 40 MiB.
    run.check(0, 100);
    let warning = format!("{}:{}: lone UTF-16 surrogate", inputs[0].display(), arts.len() + 1);
    assert!(run.stderr.contains(&warning), "want {warning:?} in:\n{}", tail(&run.stderr));
    let mut missing = Vec::new();
    for (id, dyads) in &want {
        let have = got.get(id).cloned().unwrap_or_default();
        if !dyads.iter().all(|d| have.contains(d)) {
            missing.push(format!("{id}: want {dyads:?}, got {have:?}"));
        }
    }
    assert!(missing.is_empty(), "{} articles lack their events:\n{}", missing.len(), missing.join("\n"));

    // Stored as coded: bede ingest of the same inputs keeps every article and event.
    let db = dir.join("unicode.db");
    let mut cmd = bede();
    cmd.args(["ingest", "--quiet", "--db"]).arg(&db).args(&inputs);
    let ingest = run_bounded("unicode-ingest", cmd, |_| {});
    // Measured 54 MiB.
    ingest.check(0, 120);
    let store = bede_store::Store::open_read_only(&db).unwrap();
    let (articles, events, _) = store.counts().unwrap();
    assert_eq!(articles as usize, want.len());
    assert_eq!(events as usize, ids.len(), "each distinct event coded is stored");
}

// ---------------------------------------------------------------------------
// Paragraphs repeating one sentence

#[test]
fn paragraphs_repeating_one_sentence() {
    // Paragraph j is one sentence said j times: every paragraph lies inside each
    // longer one, at each of its sentences (the cleaner's check for a paragraph
    // repeated inside a longer one took 31 s on 2 MB of this, 518 s on 8 MB).
    let n = scaled(400, 150);
    let sentence = "Lavrov met Cavusoglu in Moscow.";
    let text: Vec<String> = (2..=n).map(|j| vec![sentence; j].join(" ")).collect();
    let dir = workdir("repeats");
    let input = dir.join("repeats.txt");
    std::fs::write(&input, text.join("\n\n")).unwrap();
    let bytes = file_size(&input);
    let mut got: BTreeMap<Dyad, u64> = BTreeMap::new();
    let mut cmd = bede();
    cmd.args(["code", "--quiet", "--max-record-bytes"]).arg(bytes.to_string()).arg(&input);
    let run = run_bounded("repeats", cmd, |e| *got.entry(dyad_of(e)).or_default() += 1);
    // Measured 201 MiB for 2 MB (50,000 events in one article; the check stops
    // at its cap with most repeats still in), 45 MiB for the debug size.
    run.check(0, if RELEASE { 400 } else { 120 });
    assert_eq!(got.keys().collect::<Vec<_>>(), [&rus_tur()], "{got:?}");
    // The longest paragraph stays, whatever goes as repeated inside it.
    assert!(got[&rus_tur()] >= n as u64, "{got:?}");
    eprintln!("repeats: {bytes} bytes");
}
