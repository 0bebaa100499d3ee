//! `bede serve`'s JSON API through real HTTP on loopback: the seeds are
//! ingested, the server started on a free port, and every endpoint checked
//! against what `bede query` says of the same database; bad parameters and
//! over-large pages give a JSON 400 naming the parameter; a second process
//! ingesting while the server reads is seen without restart.

mod common;

use common::*;
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;

fn ingest(db: &Path, input: &Path) {
    let out = run(bede().args(["ingest", "--db"]).arg(db).arg(input));
    assert!(out.status.success(), "ingest: {}", String::from_utf8_lossy(&out.stderr));
}

fn seeds_db(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("seeds.db");
    ingest(&db, &shared().join("seeds/seeds.jsonl"));
    db
}

fn ok(addr: &str, path: &str) -> Value {
    let (status, v) = get_json(addr, path);
    assert_eq!(status, 200, "GET {path}: {v}");
    v
}

fn count(addr: &str, filter: &str) -> u64 {
    ok(addr, &format!("/api/count?{filter}"))["count"].as_u64().unwrap()
}

/// Every row of `/api/events?{filter}` paged `limit` at a time: (event id, cluster id) in order.
fn page_through(addr: &str, filter: &str, limit: usize) -> Vec<(String, i64)> {
    let mut rows = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..1000 {
        let c = cursor.as_deref().map(|c| format!("&cursor={c}")).unwrap_or_default();
        let page = ok(addr, &format!("/api/events?{filter}&limit={limit}{c}"));
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= limit);
        rows.extend(items.iter().map(|i| (i["event"]["id"].as_str().unwrap().to_string(), i["cluster"]["id"].as_i64().unwrap())));
        match page["next"].as_str() {
            Some(n) => cursor = Some(n.to_string()),
            None => return rows,
        }
    }
    panic!("more than 1000 pages");
}

/// The highlight pieces join back to the evidence, and each marked piece is
/// the text its span claims.
fn check_highlight(item: &Value) {
    let ev = &item["event"];
    let evidence = ev["evidence"]["text"].as_str().unwrap();
    let pieces = item["highlight"].as_array().unwrap();
    let joined: String = pieces.iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert_eq!(joined, evidence);
    let marked = |role: &str| pieces.iter().find(|p| p["role"] == role).map(|p| p["text"].as_str().unwrap().to_string());
    assert_eq!(marked("verb").as_deref(), Some(ev["evidence"]["verb"]["text"].as_str().unwrap()), "{item}");
    assert!(marked("source").is_some(), "{item}");
}

#[test]
fn api_over_the_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeds_db(dir.path());
    let (_server, addr) = start_server(&db, dir.path(), &[]);

    // Health: the same totals `bede query` counts.
    let h = ok(&addr, "/api/health");
    assert_eq!(h["status"], "ok");
    assert_eq!(h["articles"], 5);
    let mentions = run(bede().args(["query", "--count", "--mentions", "--include-negated", "--db"]).arg(&db));
    assert_eq!(h["events"].as_u64().unwrap().to_string(), String::from_utf8_lossy(&mentions.stdout).trim());
    assert!(h["generation"].as_u64().unwrap() >= 1);

    // Events of the Russia-Turkey dyad, paged 3 at a time: every row once, as many as /api/count says.
    let dyad = "dyad=RUS-TUR";
    let rows = page_through(&addr, dyad, 3);
    assert_eq!(rows.len() as u64, count(&addr, dyad));
    assert!(rows.len() >= 10, "{} RUS-TUR clusters", rows.len());
    assert_eq!(rows.iter().map(|r| r.1).collect::<HashSet<_>>().len(), rows.len(), "a cluster listed twice");
    let cli = run(bede().args(["query", "--dyad", "RUS-TUR", "--count", "--db"]).arg(&db));
    assert_eq!(rows.len().to_string(), String::from_utf8_lossy(&cli.stdout).trim());
    // The other order holds the same rows, reversed.
    let mut asc = page_through(&addr, &format!("{dyad}&order=asc"), 4);
    asc.reverse();
    assert_eq!(asc, rows);
    let first = ok(&addr, &format!("/api/events?{dyad}&limit=50"));
    for item in first["items"].as_array().unwrap() {
        let ev = &item["event"];
        let countries: HashSet<&str> = [&ev["source"]["country"], &ev["target"]["country"]].iter().filter_map(|c| c.as_str()).collect();
        assert_eq!(countries, HashSet::from(["RUS", "TUR"]), "{ev}");
        check_highlight(item);
    }
    let lavrov = count(&addr, "dyad=RUS-TUR&text=Lavrov%20AND%20Cavusoglu");
    assert!(lavrov >= 1 && lavrov < rows.len() as u64, "{lavrov}");
    assert_eq!(count(&addr, "dyad=RUS-TUR&unit=mentions"), page_through(&addr, "dyad=RUS-TUR&unit=mentions", 7).len() as u64);

    // The monthly series adds up to the count, as `bede query --by month` has it.
    let s = ok(&addr, "/api/series?dyad=RUS-TUR&by=month");
    let total: u64 = s["periods"].as_array().unwrap().iter().map(|p| p["total"].as_u64().unwrap()).sum();
    assert_eq!(total + s["coarser"].as_u64().unwrap() + s["undated"].as_u64().unwrap(), rows.len() as u64);
    let cli = run(bede().args(["query", "--dyad", "RUS-TUR", "--by", "month", "--format", "json", "--db"]).arg(&db));
    let cli: Vec<Value> = events(&cli);
    let api: Vec<Value> = s["periods"].as_array().unwrap().clone();
    assert_eq!(cli.len(), api.len(), "{cli:?}");
    for (c, a) in cli.iter().zip(&api) {
        assert_eq!((&c["period"], &c["total"]), (&a["period"], &a["total"]));
    }
    let weekly = ok(&addr, "/api/series?dyad=RUS-TUR&by=week");
    assert!(weekly["periods"][0]["period"].as_str().unwrap().contains("-W"));

    // One event, its cluster, its article.
    let item = &first["items"][0];
    let id = item["event"]["id"].as_str().unwrap();
    let one = ok(&addr, &format!("/api/events/{id}"));
    assert_eq!(one["event"], item["event"]);
    check_highlight(&one);
    let cid = item["cluster"]["id"].as_i64().unwrap();
    let cl = ok(&addr, &format!("/api/clusters/{cid}"));
    assert_eq!(cl["cluster"]["id"], cid);
    assert_eq!(cl["cluster"]["num_mentions"], item["cluster"]["num_mentions"]);
    let mentions: Vec<&str> = cl["mentions"].as_array().unwrap().iter().map(|m| m["event"]["id"].as_str().unwrap()).collect();
    assert_eq!(mentions.len() as u64, cl["cluster"]["num_mentions"].as_u64().unwrap());
    assert!(mentions.contains(&id));
    let doc = item["event"]["doc_id"].as_str().unwrap();
    let art = ok(&addr, &format!("/api/articles/{doc}"));
    assert_eq!(art["article"]["doc_id"], doc);
    assert_eq!(art["truncated"], false);
    let sentences = art["sentences"].as_array().unwrap();
    let at = item["event"]["sentence"].as_u64().unwrap() as usize;
    assert_eq!(sentences[at]["index"], at);
    assert_eq!(sentences[at]["text"], item["event"]["evidence"]["text"]);
    assert!(sentences[at]["events"].as_array().unwrap().iter().any(|e| e["event"]["id"] == id));
    let article_events: usize = sentences.iter().map(|s| s["events"].as_array().unwrap().len()).sum();
    let per_doc = ok(&addr, "/api/events?unit=mentions&limit=1000");
    let expected = per_doc["items"].as_array().unwrap().iter().filter(|i| i["event"]["doc_id"] == doc).count();
    assert_eq!(article_events, expected);

    // Actors: the list, a search by a person's name, paging, one actor page.
    let actors = ok(&addr, "/api/actors?limit=1000");
    let list = actors["items"].as_array().unwrap();
    let rus = list.iter().find(|a| a["code"] == "RUSGOV").expect("RUSGOV listed");
    assert!(rus["name"].as_str().unwrap().contains("Russia"), "{rus}");
    assert_eq!(rus["mentions"].as_u64().unwrap(), rus["as_source"].as_u64().unwrap() + rus["as_target"].as_u64().unwrap());
    let by_name = ok(&addr, "/api/actors?q=lavrov");
    assert!(by_name["items"].as_array().unwrap().iter().any(|a| a["code"] == "RUSGOV"), "{by_name}");
    let mut paged = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = ok(&addr, &format!("/api/actors?limit=2{cursor}"));
        paged.extend(page["items"].as_array().unwrap().iter().map(|a| a["code"].as_str().unwrap().to_string()));
        match page["next"].as_str() {
            Some(n) => cursor = format!("&cursor={n}"),
            None => break,
        }
    }
    assert_eq!(paged, list.iter().map(|a| a["code"].as_str().unwrap().to_string()).collect::<Vec<_>>());
    let detail = ok(&addr, "/api/actors/RUSGOV");
    assert_eq!(detail["mentions"], rus["mentions"]);
    assert!(detail["partners"].as_array().unwrap().iter().any(|p| p["code"] == "TURGOV"));
    assert!(detail["names"].as_array().unwrap().iter().any(|n| n["name"].as_str().unwrap().contains("Lavrov")));
    let as_source = run(bede().args(["query", "--mentions", "--count", "--source", "RUSGOV", "--db"]).arg(&db));
    let under = String::from_utf8_lossy(&as_source.stdout).trim().parse::<u64>().unwrap();
    assert!(detail["as_source"].as_u64().unwrap() <= under, "exact code counts within the prefix filter's");

    // The dashboard: the page and its files, with a policy that allows nothing from elsewhere.
    let (status, head, body) = http(&addr, "GET", "/");
    assert_eq!(status, 200);
    assert!(head.contains("default-src 'self'"), "{head}");
    assert!(body.contains("app.js"));
    let (status, head, _) = http(&addr, "GET", "/app.js");
    assert_eq!(status, 200);
    assert!(head.contains("javascript"), "{head}");
    let (status, _, body) = http(&addr, "GET", "/actor/RUSGOV");
    assert_eq!((status, body.contains("app.js")), (200, true), "any page path is the dashboard");
}

#[test]
fn bad_requests_get_json_errors_naming_the_parameter() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeds_db(dir.path());
    let (_server, addr) = start_server(&db, dir.path(), &[]);
    let long = format!("/api/events?text={}", "x".repeat(9000));
    let cases: &[(&str, u16, Option<&str>)] = &[
        // Over-large and malformed pages.
        ("/api/events?limit=1001", 400, Some("limit")),
        ("/api/events?limit=1000000", 400, Some("limit")),
        ("/api/events?limit=0", 400, Some("limit")),
        ("/api/events?limit=-5", 400, Some("limit")),
        ("/api/events?limit=ten", 400, Some("limit")),
        ("/api/events?cursor=garbage", 400, Some("cursor")),
        ("/api/events?cursor=c.a.18466.42", 400, Some("cursor")),
        ("/api/events?order=sideways", 400, Some("order")),
        // Filters.
        ("/api/events?colour=red", 400, Some("colour")),
        ("/api/events?dyad=RUS", 400, Some("dyad")),
        ("/api/events?dyad=RUS-TUR&dyad=ARM-AZE", 400, Some("dyad")),
        ("/api/events?directed=true", 400, Some("directed")),
        ("/api/events?cameo=04x", 400, Some("cameo")),
        ("/api/events?root=42", 400, Some("root")),
        ("/api/events?quad=7", 400, Some("quad")),
        ("/api/events?quad=one", 400, Some("quad")),
        ("/api/events?from=2020-13-01", 400, Some("from")),
        ("/api/events?from=2021&to=2020", 400, None),
        ("/api/events?country=Russia", 400, Some("country")),
        ("/api/events?plover=FLY", 400, Some("plover")),
        ("/api/events?text=%22unclosed", 400, Some("text")),
        ("/api/events?unit=articles", 400, Some("unit")),
        ("/api/events?include_negated=perhaps", 400, Some("include_negated")),
        (&long, 400, Some("query")),
        ("/api/count?limit=5", 400, Some("limit")),
        ("/api/series?by=fortnight", 400, Some("by")),
        ("/api/series?dyad=RUS-TUR&cursor=x", 400, Some("cursor")),
        ("/api/health?verbose=1", 400, Some("verbose")),
        // Path parameters.
        ("/api/clusters/abc", 400, Some("id")),
        ("/api/clusters/999999999", 404, Some("id")),
        ("/api/clusters/1?limit=5000", 400, Some("limit")),
        ("/api/clusters/1?cursor=x", 400, Some("cursor")),
        ("/api/events/no-such-event", 404, Some("id")),
        ("/api/articles/no-such-article", 404, Some("id")),
        ("/api/actors/RUS%24GOV", 400, Some("code")),
        ("/api/actors/ZZZZZZ", 404, Some("code")),
        ("/api/actors?limit=100000", 400, Some("limit")),
        ("/api/actors?cursor=12", 400, Some("cursor")),
        ("/api/nothing-here", 404, None),
    ];
    for (path, status, param) in cases {
        let (got, v) = get_json(&addr, path);
        let shown = if path.len() > 80 { &path[..80] } else { path };
        assert_eq!(got, *status, "GET {shown}: {v}");
        assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "GET {shown}: {v}");
        if let Some(p) = param {
            assert_eq!(v["param"].as_str(), Some(*p), "GET {shown}: {v}");
        }
    }
    // A page of exactly the maximum is fine.
    let (status, v) = get_json(&addr, "/api/events?limit=1000&unit=mentions");
    assert_eq!(status, 200, "{v}");
    // Read-only: no other method.
    let (status, _, _) = http(&addr, "POST", "/api/events");
    assert_eq!(status, 405);
    let (status, _, _) = http(&addr, "DELETE", "/api/clusters/1");
    assert_eq!(status, 405);
}

#[test]
fn a_second_process_ingests_while_the_server_reads() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = std::fs::read_to_string(shared().join("seeds/seeds.jsonl")).unwrap();
    let lines: Vec<&str> = seeds.lines().filter(|l| !l.trim().is_empty()).collect();
    let (first, rest) = (dir.path().join("first.jsonl"), dir.path().join("rest.jsonl"));
    std::fs::write(&first, format!("{}\n", lines[0])).unwrap();
    std::fs::write(&rest, lines[1..].join("\n") + "\n").unwrap();
    let db = dir.path().join("live.db");
    ingest(&db, &first);
    let (_server, addr) = start_server(&db, dir.path(), &[]);
    let before = ok(&addr, "/api/health");
    assert_eq!(before["articles"], 1);
    let series_before = ok(&addr, "/api/series?dyad=RUS-TUR");

    // Readers keep reading while the other process writes: no error, ever.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..3)
        .map(|i| {
            let (addr, stop) = (addr.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut n = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) || n == 0 {
                    let path = ["/api/events?limit=20", "/api/series?dyad=RUS-TUR", "/api/actors"][i];
                    let (status, v) = get_json(&addr, path);
                    assert_eq!(status, 200, "GET {path} during ingest: {v}");
                    n += 1;
                }
                n
            })
        })
        .collect();
    ingest(&db, &rest);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for r in readers {
        assert!(r.join().expect("a reader failed") > 0);
    }

    // The same server, not restarted, sees everything.
    let after = ok(&addr, "/api/health");
    assert_eq!(after["articles"], 5);
    assert!(after["events"].as_u64().unwrap() > before["events"].as_u64().unwrap());
    assert!(after["generation"].as_u64().unwrap() > before["generation"].as_u64().unwrap());
    let series_after = ok(&addr, "/api/series?dyad=RUS-TUR");
    assert_ne!(series_before, series_after, "the cached series was not refreshed");
    let total = |s: &Value| s["periods"].as_array().unwrap().iter().map(|p| p["total"].as_u64().unwrap()).sum::<u64>();
    assert_eq!(total(&series_after), count(&addr, "dyad=RUS-TUR") - series_after["coarser"].as_u64().unwrap());
    let fresh = dir.path().join("fresh.db");
    ingest(&fresh, &shared().join("seeds/seeds.jsonl"));
    let fresh_work = dir.path().join("fresh");
    std::fs::create_dir(&fresh_work).unwrap();
    let (_fresh_server, fresh_addr) = start_server(&fresh, &fresh_work, &[]);
    assert_eq!(ok(&addr, "/api/actors?limit=1000")["items"], ok(&fresh_addr, "/api/actors?limit=1000")["items"]);
}

#[test]
fn serve_refuses_a_missing_or_foreign_database_and_bad_flags() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(bede().args(["serve", "--addr", "127.0.0.1:0", "--db"]).arg(dir.path().join("nope.db")));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.db"));
    let notes = dir.path().join("notes.db");
    std::fs::write(&notes, "not a database at all, just some words that fill up more than a header").unwrap();
    let out = run(bede().args(["serve", "--addr", "127.0.0.1:0", "--db"]).arg(&notes));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("notes.db"), "{}", String::from_utf8_lossy(&out.stderr));
    let db = seeds_db(dir.path());
    for bad in [&["--query-timeout", "0"][..], &["--readers", "0"], &["--addr", "localhost"]] {
        let out = run(bede().args(["serve", "--db"]).arg(&db).args(bad));
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
