//! Load test for `bede serve`: an open-loop HTTP/1.1 load generator over a
//! mix of API requests built from the served database's own actors, events,
//! clusters and articles.
//!
//!   cargo run --release -p bede-serve --example loadgen -- \
//!       --addr 127.0.0.1:8080 --rate 250 --duration 30 --connections 64
//!
//! Requests are scheduled at a fixed rate (request i at start + i/rate) and
//! handed to `--connections` keep-alive connections; a request's latency runs
//! from its scheduled time to the end of its response, so a server that falls
//! behind shows it in the latencies instead of slowing the generator down
//! (no coordinated omission). The run is bounded by `--duration` and by
//! `--max-requests`; a response that is not 200, or a connection error, is an
//! error. Prints a summary (rate achieved, errors, latency percentiles overall
//! and per endpoint) and a JSON line; exits 1 on any error.
//!
//! Only std and serde_json: the generator must not share the server's runtime
//! or libraries to measure them.

use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Args {
    addr: String,
    rate: f64,
    duration: f64,
    connections: usize,
    max_requests: usize,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args { addr: "127.0.0.1:8080".into(), rate: 250.0, duration: 30.0, connections: 64, max_requests: 100_000, seed: 1 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--help" || flag == "-h" {
            return Err(
                "usage: loadgen [--addr IP:PORT] [--rate REQ_PER_S] [--duration S] [--connections N] [--max-requests N] [--seed N]".into(),
            );
        }
        let v = it.next().ok_or_else(|| format!("{flag}: missing value"))?;
        let num = |v: &str| v.parse::<f64>().map_err(|_| format!("{flag} {v:?}: not a number"));
        match flag.as_str() {
            "--addr" => a.addr = v,
            "--rate" => a.rate = num(&v)?,
            "--duration" => a.duration = num(&v)?,
            "--connections" => a.connections = num(&v)? as usize,
            "--max-requests" => a.max_requests = num(&v)? as usize,
            "--seed" => a.seed = num(&v)? as u64,
            _ => return Err(format!("{flag}: unknown flag")),
        }
    }
    let ok = (0.0..=100_000.0).contains(&a.rate) && a.rate > 0.0 && (0.0..=3600.0).contains(&a.duration) && a.duration > 0.0;
    if !ok || !(1..=1024).contains(&a.connections) {
        return Err("--rate 0..100000, --duration 0..3600 s and --connections 1..1024".into());
    }
    Ok(a)
}

/// A keep-alive HTTP/1.1 connection.
struct Conn {
    addr: String,
    reader: Option<BufReader<TcpStream>>,
}

impl Conn {
    fn get(&mut self, path: &str) -> Result<(u16, Vec<u8>), String> {
        // One retry on a fresh connection: the server may close an idle one.
        for attempt in 0..2 {
            if self.reader.is_none() {
                let s = TcpStream::connect(&self.addr).map_err(|e| format!("connect: {e}"))?;
                s.set_nodelay(true).ok();
                s.set_read_timeout(Some(Duration::from_secs(60))).ok();
                self.reader = Some(BufReader::new(s));
            }
            match self.try_get(path) {
                Ok(r) => return Ok(r),
                Err(e) => {
                    self.reader = None;
                    if attempt == 1 {
                        return Err(e);
                    }
                }
            }
        }
        unreachable!()
    }

    fn try_get(&mut self, path: &str) -> Result<(u16, Vec<u8>), String> {
        let r = self.reader.as_mut().expect("connected");
        write!(r.get_mut(), "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\n\r\n", self.addr)
            .map_err(|e| format!("send: {e}"))?;
        let mut line = String::new();
        if r.read_line(&mut line).map_err(|e| format!("read: {e}"))? == 0 {
            return Err("connection closed".into());
        }
        let status: u16 = line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| format!("bad status line {line:?}"))?;
        let (mut length, mut chunked, mut close) = (None, false, false);
        loop {
            line.clear();
            r.read_line(&mut line).map_err(|e| format!("read: {e}"))?;
            let h = line.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                let (k, v) = (k.trim().to_ascii_lowercase(), v.trim());
                match k.as_str() {
                    "content-length" => length = v.parse::<usize>().ok(),
                    "transfer-encoding" => chunked = v.eq_ignore_ascii_case("chunked"),
                    "connection" => close = v.eq_ignore_ascii_case("close"),
                    _ => {}
                }
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                r.read_line(&mut line).map_err(|e| format!("read: {e}"))?;
                let n = usize::from_str_radix(line.trim(), 16).map_err(|_| format!("bad chunk size {line:?}"))?;
                let mut chunk = vec![0; n + 2];
                r.read_exact(&mut chunk).map_err(|e| format!("read: {e}"))?;
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..n]);
            }
        } else if let Some(n) = length {
            body.resize(n, 0);
            r.read_exact(&mut body).map_err(|e| format!("read: {e}"))?;
        } else {
            r.read_to_end(&mut body).map_err(|e| format!("read: {e}"))?;
            close = true;
        }
        if close {
            self.reader = None;
        }
        Ok((status, body))
    }
}

/// xorshift64*: a reproducible request mix from `--seed`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// What the mix draws from: real codes and ids of the served database.
struct Pool {
    actors: Vec<String>,
    countries: Vec<String>,
    events: Vec<String>,
    clusters: Vec<i64>,
    articles: Vec<String>,
    names: Vec<String>,
    cursors: Vec<String>,
}

fn json(conn: &mut Conn, path: &str) -> Result<Value, String> {
    let (status, body) = conn.get(path)?;
    if status != 200 {
        return Err(format!("GET {path}: {status} {}", String::from_utf8_lossy(&body)));
    }
    serde_json::from_slice(&body).map_err(|e| format!("GET {path}: {e}"))
}

fn harvest(addr: &str) -> Result<Pool, String> {
    let mut c = Conn { addr: addr.to_string(), reader: None };
    let health = json(&mut c, "/api/health")?;
    eprintln!("loadgen: {addr} serves {} articles, {} events, {} clusters", health["articles"], health["events"], health["clusters"]);
    let actors = json(&mut c, "/api/actors?limit=200")?;
    let mut pool = Pool {
        actors: Vec::new(),
        countries: Vec::new(),
        events: Vec::new(),
        clusters: Vec::new(),
        articles: Vec::new(),
        names: Vec::new(),
        cursors: Vec::new(),
    };
    for a in actors["items"].as_array().into_iter().flatten() {
        pool.actors.push(a["code"].as_str().unwrap_or_default().to_string());
        if let Some(cc) = a["country"].as_str() {
            if !pool.countries.iter().any(|x| x == cc) {
                pool.countries.push(cc.to_string());
            }
        }
        for n in a["names"].as_array().into_iter().flatten() {
            if let Some(word) = n.as_str().and_then(|n| n.split_whitespace().last()) {
                if word.chars().all(char::is_alphabetic) && word.len() > 3 {
                    pool.names.push(word.to_string());
                }
            }
        }
    }
    for order in ["desc", "asc"] {
        for unit in ["clusters", "mentions"] {
            let page = json(&mut c, &format!("/api/events?limit=500&order={order}&unit={unit}"))?;
            for i in page["items"].as_array().into_iter().flatten() {
                pool.events.push(i["event"]["id"].as_str().unwrap_or_default().to_string());
                pool.clusters.push(i["cluster"]["id"].as_i64().unwrap_or(0));
                pool.articles.push(i["article"]["doc_id"].as_str().unwrap_or_default().to_string());
            }
            if let Some(next) = page["next"].as_str() {
                pool.cursors.push(format!("limit=50&order={order}&unit={unit}&cursor={next}"));
            }
        }
    }
    if pool.actors.is_empty() || pool.events.is_empty() || pool.countries.len() < 2 {
        return Err("the database is too small to build a request mix (need events between two countries)".into());
    }
    pool.names.sort();
    pool.names.dedup();
    Ok(pool)
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// One request of the mix: (endpoint label, path).
fn request(rng: &mut Rng, p: &Pool) -> (&'static str, String) {
    let dyad = |rng: &mut Rng| {
        let a = rng.pick(&p.countries).clone();
        let mut b = rng.pick(&p.countries).clone();
        if a == b {
            b = p.countries[(p.countries.iter().position(|c| *c == a).unwrap_or(0) + 1) % p.countries.len()].clone();
        }
        format!("{a}-{b}")
    };
    let filter = |rng: &mut Rng| -> String {
        match rng.below(8) {
            0 => String::new(),
            1 | 2 => format!("dyad={}", dyad(rng)),
            3 => format!("actor={}", rng.pick(&p.actors)),
            4 => format!("root={:02}", 1 + rng.below(20)),
            5 => format!("quad={}", 1 + rng.below(4)),
            6 => format!("country={}&from=2020-0{}", rng.pick(&p.countries), 1 + rng.below(9)),
            _ => format!("dyad={}&unit=mentions", dyad(rng)),
        }
    };
    match rng.below(100) {
        0..=29 => ("events", format!("/api/events?{}&limit=50", filter(rng))),
        30..=34 => ("events (next page)", format!("/api/events?{}", rng.pick(&p.cursors))),
        35..=49 => {
            let by = if rng.below(2) == 0 { "week" } else { "month" };
            ("series", format!("/api/series?dyad={}&by={by}", dyad(rng)))
        }
        50..=57 => ("count", format!("/api/count?{}", filter(rng))),
        58..=67 => ("event", format!("/api/events/{}", rng.pick(&p.events))),
        68..=77 => ("cluster", format!("/api/clusters/{}?limit=20", rng.pick(&p.clusters))),
        78..=84 => ("article", format!("/api/articles/{}", encode(rng.pick(&p.articles).as_str()))),
        85..=89 => {
            let q = if p.names.is_empty() || rng.below(2) == 0 { rng.pick(&p.actors)[..3].to_string() } else { rng.pick(&p.names).clone() };
            ("actors", format!("/api/actors?q={}", encode(&q)))
        }
        90..=96 => ("actor", format!("/api/actors/{}", rng.pick(&p.actors))),
        _ => ("health", "/api/health".to_string()),
    }
}

struct Outcome {
    label: &'static str,
    latency: Duration,
    error: Option<String>,
}

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e5).round() / 100.0
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("loadgen: {e}");
            return ExitCode::from(2);
        }
    };
    let pool = match harvest(&args.addr) {
        Ok(p) => Arc::new(p),
        Err(e) => {
            eprintln!("loadgen: {e}");
            return ExitCode::from(1);
        }
    };
    let total = ((args.rate * args.duration).round() as usize).min(args.max_requests);
    eprintln!("loadgen: {total} requests at {} req/s over {} connections", args.rate, args.connections);
    let (job_tx, job_rx) = mpsc::sync_channel::<(Instant, &'static str, String)>(total.max(1));
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (out_tx, out_rx) = mpsc::channel::<Outcome>();
    let workers: Vec<_> = (0..args.connections)
        .map(|_| {
            let (rx, tx, addr) = (job_rx.clone(), out_tx.clone(), args.addr.clone());
            std::thread::spawn(move || {
                let mut conn = Conn { addr, reader: None };
                loop {
                    let job = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok((due, label, path)) = job else { return };
                    let error = match conn.get(&path) {
                        Ok((200, _)) => None,
                        Ok((status, body)) => Some(format!("{status} {path}: {}", String::from_utf8_lossy(&body[..body.len().min(200)]))),
                        Err(e) => Some(format!("{path}: {e}")),
                    };
                    let _ = tx.send(Outcome { label, latency: due.elapsed(), error });
                }
            })
        })
        .collect();
    drop(out_tx);
    let mut rng = Rng(args.seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let start = Instant::now();
    let interval = Duration::from_secs_f64(1.0 / args.rate);
    for i in 0..total {
        let due = start + interval.mul_f64(i as f64);
        let now = Instant::now();
        if due > now {
            std::thread::sleep(due - now);
        }
        let (label, path) = request(&mut rng, &pool);
        if job_tx.send((due, label, path)).is_err() {
            break;
        }
    }
    let scheduled_for = start.elapsed();
    drop(job_tx);
    let outcomes: Vec<Outcome> = out_rx.iter().collect();
    let wall = start.elapsed();
    for w in workers {
        let _ = w.join();
    }

    let errors: Vec<&Outcome> = outcomes.iter().filter(|o| o.error.is_some()).collect();
    let mut all: Vec<Duration> = outcomes.iter().map(|o| o.latency).collect();
    all.sort();
    let mut by_label: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    for o in &outcomes {
        by_label.entry(o.label).or_default().push(o.latency);
    }
    println!(
        "requests {} in {:.1} s (scheduled over {:.1} s): {:.1} req/s completed; errors {}",
        outcomes.len(),
        wall.as_secs_f64(),
        scheduled_for.as_secs_f64(),
        outcomes.len() as f64 / wall.as_secs_f64(),
        errors.len()
    );
    println!(
        "latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  p99.9 {:.2}  max {:.2}",
        ms(percentile(&all, 0.50)),
        ms(percentile(&all, 0.90)),
        ms(percentile(&all, 0.99)),
        ms(percentile(&all, 0.999)),
        ms(all.last().copied().unwrap_or_default())
    );
    println!("{:<20} {:>7} {:>9} {:>9} {:>9}", "endpoint", "count", "p50 ms", "p99 ms", "max ms");
    let mut per = serde_json::Map::new();
    for (label, mut l) in by_label {
        l.sort();
        let (p50, p99, max) = (percentile(&l, 0.5), percentile(&l, 0.99), l.last().copied().unwrap_or_default());
        println!("{label:<20} {:>7} {:>9.2} {:>9.2} {:>9.2}", l.len(), ms(p50), ms(p99), ms(max));
        per.insert(label.to_string(), serde_json::json!({"count": l.len(), "p50_ms": ms(p50), "p99_ms": ms(p99), "max_ms": ms(max)}));
    }
    for e in errors.iter().take(10) {
        println!("error: {}", e.error.as_deref().unwrap_or_default());
    }
    let summary = serde_json::json!({
        "requests": outcomes.len(), "errors": errors.len(), "rate_target": args.rate, "connections": args.connections,
        "wall_s": wall.as_secs_f64(), "completed_per_s": outcomes.len() as f64 / wall.as_secs_f64(),
        "p50_ms": ms(percentile(&all, 0.5)), "p90_ms": ms(percentile(&all, 0.9)), "p99_ms": ms(percentile(&all, 0.99)),
        "max_ms": ms(all.last().copied().unwrap_or_default()), "endpoints": per,
    });
    println!("{summary}");
    if errors.is_empty() && outcomes.len() == total {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
