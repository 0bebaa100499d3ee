//! The dashboard of `bede serve` in a real browser: the seeds are ingested,
//! `bede serve` is started on a free port, and headless Chromium loads
//! `#/?dyad=RUS-TUR&by=month` and an event view. The test reads the DOM the
//! page built (`--dump-dom`, after the dashboard set `body[data-ready="1"]`)
//! and keeps screenshots in `target/serve-dashboard.png` and
//! `target/serve-event.png` for a human to look at.
//!
//! Chromium is `$BEDE_CHROMIUM` if set, else `/usr/bin/chromium` (CI installs
//! it, see `.ci/run`). Without it the test fails when `$CI` is set and is
//! skipped, loudly, otherwise. Every Chromium run is killed after 60 s.

mod common;

use common::*;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BROWSER_TIMEOUT: Duration = Duration::from_secs(60);

fn chromium() -> Option<PathBuf> {
    let explicit = std::env::var_os("BEDE_CHROMIUM").filter(|s| !s.is_empty()).map(PathBuf::from);
    let path = explicit.clone().unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if path.is_file() {
        return Some(path);
    }
    let msg = format!(
        "no Chromium at {}: install it (apt-get install chromium, as .ci/run does) or set BEDE_CHROMIUM to its path",
        path.display()
    );
    if explicit.is_some() || std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    eprintln!("\n**************** SKIPPED: the dashboard is NOT checked in a browser ****************\n{msg}\n");
    None
}

/// Runs headless Chromium on `url` with the extra `args` (`--dump-dom`, or
/// `--screenshot=...`); returns its stdout. Killed after 60 s.
fn run_chromium(chrome: &Path, work: &Path, name: &str, args: &[String], url: &str) -> String {
    let profile = tempfile::tempdir_in(work).unwrap();
    let out_path = work.join(format!("{name}.stdout"));
    let err_path = work.join(format!("{name}.stderr"));
    let mut child = KillOnDrop(
        Command::new(chrome)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--virtual-time-budget=20000",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(args)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(File::create(&out_path).unwrap())
            .stderr(File::create(&err_path).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", chrome.display())),
    );
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > BROWSER_TIMEOUT {
            let _ = child.0.kill();
            panic!("chromium ({name}) did not finish in {} s: {}", BROWSER_TIMEOUT.as_secs(), tail(&err_path));
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "chromium ({name}) failed with {status}: {}", tail(&err_path));
    std::fs::read_to_string(&out_path).unwrap()
}

/// The workspace's target directory, where the screenshots are kept.
fn target_dir() -> PathBuf {
    let dir = repo().join("target");
    std::fs::create_dir_all(&dir).unwrap();
    dir.canonicalize().unwrap()
}

fn dump_dom(chrome: &Path, work: &Path, name: &str, url: &str) -> String {
    let dom = run_chromium(chrome, work, name, &["--dump-dom".to_string()], url);
    // Kept beside the screenshots, to see what the assertions saw.
    let _ = std::fs::write(target_dir().join(format!("{name}.html")), &dom);
    dom
}

fn screenshot(chrome: &Path, work: &Path, name: &str, url: &str) -> PathBuf {
    let png = target_dir().join(format!("{name}.png"));
    let _ = std::fs::remove_file(&png);
    run_chromium(chrome, work, name, &[format!("--screenshot={}", png.display()), "--window-size=1366,900".to_string()], url);
    let bytes = std::fs::read(&png).unwrap_or_else(|e| panic!("no screenshot at {}: {e}", png.display()));
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{} is not a PNG", png.display());
    // A blank 1366x900 page compresses to a few kB; a rendered dashboard is tens of kB.
    assert!(bytes.len() > 20_000, "{} is only {} bytes: an empty page?", png.display(), bytes.len());
    png
}

/// The opening tag of the first element whose opening tag contains `needle`.
fn tag_with<'a>(dom: &'a str, needle: &str) -> Option<&'a str> {
    let at = dom.find(needle)?;
    let start = dom[..=at].rfind('<')?;
    let end = at + dom[at..].find('>')?;
    Some(&dom[start..=end])
}

/// From the opening tag containing `needle` to the next `</name>`.
fn element<'a>(dom: &'a str, needle: &str, name: &str) -> Option<&'a str> {
    let open = tag_with(dom, needle)?;
    let start = open.as_ptr() as usize - dom.as_ptr() as usize;
    let close = format!("</{name}>");
    let end = start + dom[start..].find(&close)? + close.len();
    Some(&dom[start..end])
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

fn excerpt(dom: &str) -> String {
    let body = dom.find("<body").map_or(dom, |i| &dom[i..]);
    body.chars().take(3000).collect()
}

fn assert_ready(dom: &str, what: &str) {
    let body = tag_with(dom, "<body").unwrap_or_else(|| panic!("{what}: no <body> in the DOM"));
    assert!(body.contains(r#"data-ready="1""#), "{what}: the page never finished rendering ({body}):\n{}", excerpt(dom));
}

fn assert_highlights(html: &str, what: &str) {
    for role in ["hl-source", "hl-verb", "hl-target"] {
        assert!(html.contains(&format!(r#"<mark class="{role}""#)), "{what}: no <mark class=\"{role}\">:\n{}", excerpt(html));
    }
}

#[test]
fn dashboard_renders_in_headless_chromium() {
    let Some(chrome) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    let out = run(bede().args(["ingest", "-q", "--db"]).arg(&db).arg(shared().join("seeds/seeds.jsonl")));
    assert_eq!(out.status.code(), Some(0), "ingest: {}", String::from_utf8_lossy(&out.stderr));

    let (_server, addr) = start_server(&db, dir.path(), &[]);
    let (status, body) = http_get(&addr, "/");
    assert_eq!(status, 200, "GET /: {body}");
    assert!(body.contains("/app.js") && body.contains("/app.css"), "GET / is not the dashboard: {body}");

    // The events view of one dyad: chart, count and table.
    let url = format!("http://{addr}/#/?dyad=RUS-TUR&by=month");
    let dom = dump_dom(&chrome, dir.path(), "serve-dashboard", &url);
    assert_ready(&dom, "events view");
    let error = tag_with(&dom, r#"id="error""#).expect("no #error element");
    assert!(error.contains("hidden"), "an error is shown:\n{}", excerpt(&dom));

    let svg = element(&dom, r#"id="series-chart""#, "svg").unwrap_or_else(|| panic!("no svg#series-chart:\n{}", excerpt(&dom)));
    let svg_tag = tag_with(svg, "<svg").unwrap();
    assert!(svg_tag.contains(r#"data-dyad="RUS-TUR""#), "the chart is not for RUS-TUR: {svg_tag}");
    assert!(svg_tag.contains(r#"data-by="month""#), "the chart is not monthly: {svg_tag}");
    let bars = count(svg, r#"<rect class="bar "#);
    assert!(bars >= 1, "no rect.bar in the chart: {svg}");
    let bar = tag_with(svg, r#"<rect class="bar "#).unwrap();
    assert!(bar.contains("data-quad=\"") && bar.contains("data-period=\""), "a bar without data-quad / data-period: {bar}");
    assert!(svg.contains(r#"data-period="2020-07""#), "no bar for July 2020 (Lavrov and Cavusoglu's talks): {svg}");
    assert!(svg.contains(r#"<path class="goldstein""#), "no Goldstein line: {svg}");
    assert!(svg.contains("<title>"), "no tooltips: {svg}");

    let table = element(&dom, r#"id="events""#, "table").unwrap_or_else(|| panic!("no table#events:\n{}", excerpt(&dom)));
    let tbody = element(table, "<tbody", "tbody").expect("table#events has no tbody");
    let rows = count(tbody, "<tr");
    assert!(rows >= 1, "table#events has no rows: {table}");
    assert_highlights(tbody, "events table");
    assert!(tbody.contains("Lavrov") && tbody.contains("Cavusoglu"), "no Lavrov/Cavusoglu event among the {rows} RUS-TUR rows");
    assert!(tbody.contains("href=\"#/event/"), "rows do not link to the event view");
    let (status, count_body) = http_get(&addr, "/api/count?dyad=RUS-TUR");
    assert_eq!(status, 200, "{count_body}");
    let n = serde_json::from_str::<serde_json::Value>(&count_body).unwrap()["count"].as_u64().unwrap();
    assert!(rows as u64 == n.min(50), "{rows} rows, but /api/count says {n} (one page is 50)");
    let count_el = tag_with(&dom, r#"id="count""#).expect("no #count");
    let at = dom.find(count_el).unwrap() + count_el.len();
    assert!(dom[at..].starts_with(&format!("{n}<")), "#count does not show {n}: {}", &dom[at..at + 40]);

    let png = screenshot(&chrome, dir.path(), "serve-dashboard", &url);
    eprintln!("dashboard screenshot: {}", png.display());

    // The event view of the newest RUS-TUR event whose evidence has a source,
    // a verb and a target apart (in "the leaders agreed" one span is both).
    let (status, body) = http_get(&addr, "/api/events?dyad=RUS-TUR&limit=50");
    assert_eq!(status, 200, "{body}");
    let page: serde_json::Value = serde_json::from_str(&body).unwrap();
    let has_role = |item: &serde_json::Value, role: &str| item["highlight"].as_array().is_some_and(|h| h.iter().any(|p| p["role"] == role));
    let item = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|it| ["source", "verb", "target"].iter().all(|r| has_role(it, r)))
        .unwrap_or_else(|| panic!("no RUS-TUR event with source, verb and target highlighted: {body}"));
    let id = item["event"]["id"].as_str().unwrap().to_string();
    let url = format!("http://{addr}/#/event/{id}");
    let dom = dump_dom(&chrome, dir.path(), "serve-event", &url);
    assert_ready(&dom, "event view");
    let quote =
        element(&dom, r#"id="evidence""#, "blockquote").unwrap_or_else(|| panic!("no #evidence in the event view:\n{}", excerpt(&dom)));
    assert_highlights(quote, "event view");
    assert!(dom.contains(&id), "the event view does not show the event id {id}");
    for link in ["href=\"#/article/", "href=\"#/cluster/", "href=\"#/actor/"] {
        assert!(dom.contains(link), "the event view has no {link} link:\n{}", excerpt(&dom));
    }
    let png = screenshot(&chrome, dir.path(), "serve-event", &url);
    eprintln!("event screenshot: {}", png.display());

    // An API error is shown in #error, naming the parameter.
    let dom = dump_dom(&chrome, dir.path(), "serve-error", &format!("http://{addr}/#/?quad=9"));
    assert_ready(&dom, "error view");
    let error = element(&dom, r#"id="error""#, "div").unwrap_or_else(|| panic!("no #error:\n{}", excerpt(&dom)));
    assert!(!tag_with(error, "<div").unwrap().contains("hidden"), "#error is hidden for quad=9: {error}");
    assert!(error.contains(r#"<code class="param">quad</code>"#), "#error does not name the parameter quad: {error}");
}
