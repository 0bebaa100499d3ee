//! `bede serve`: the JSON API and the dashboard over an event database
//! (the server itself is the `bede-serve` crate).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args, Debug)]
#[command(after_help = "The API is described in docs/api.md. The server only reads: run `bede ingest --db PATH` in another \
                        terminal while it serves and the dashboard shows the new events on its next request.")]
pub struct ServeArgs {
    /// Event database to serve (made by `bede ingest`).
    #[arg(long, value_name = "PATH", default_value = "bede.db")]
    pub db: PathBuf,
    /// Address to listen on. Loopback by default: the server has no authentication, so another
    /// address (0.0.0.0:8080) shows the whole database to the network. Port 0 picks a free port.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Longest a single query may run, in seconds, before the request fails with 503.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub query_timeout: f64,
    /// Queries run at once at most (more wait their turn); default two per core, at least 4.
    #[arg(long, value_name = "N")]
    pub readers: Option<usize>,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    if !args.query_timeout.is_finite() || args.query_timeout <= 0.0 || args.query_timeout > 3600.0 {
        eprintln!("bede: error: --query-timeout {}: give a number of seconds above 0 and at most 3600", args.query_timeout);
        return Ok(ExitCode::from(2));
    }
    if args.readers == Some(0) {
        eprintln!("bede: error: --readers 0: at least one reader is needed");
        return Ok(ExitCode::from(2));
    }
    // Refuse a missing or foreign file before binding, with the usual message.
    if let Err(code) = crate::query::open_db(&args.db) {
        return Ok(code);
    }
    let mut config = bede_serve::Config::new(args.db.clone());
    config.addr = args.addr;
    config.query_timeout = Duration::from_secs_f64(args.query_timeout);
    if let Some(n) = args.readers {
        config.readers = n;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let loopback = args.addr.ip().is_loopback();
    let db = args.db.display().to_string();
    let served = runtime.block_on(bede_serve::serve(
        config,
        |addr| {
            // The first line is for programs (tests, scripts) waiting for the port.
            println!("listening on http://{addr}/");
            eprintln!("bede serve: {db} at http://{addr}/ (API under /api/, Ctrl-C to stop)");
            if !loopback {
                eprintln!("bede serve: warning: {addr} is not a loopback address; anyone who can reach it can read the whole database");
            }
        },
        bede_serve::shutdown_signal(),
    ));
    match served {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(bede_serve::ServeError::Store(e)) => {
            eprintln!("bede: error: --db {}: {e}", args.db.display());
            Ok(ExitCode::from(1))
        }
        Err(e) => {
            eprintln!("bede: error: {e}");
            Ok(ExitCode::from(1))
        }
    }
}
