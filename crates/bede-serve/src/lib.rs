//! `bede serve`: a read-only JSON API (docs/api.md) and a web dashboard over
//! one Bede event store.
//!
//! - [`AppState`] holds a pool of read-only SQLite connections; each request
//!   reads one consistent snapshot while another process may ingest (WAL), and
//!   sees every batch committed before it started.
//! - [`router`] maps `/api/...` to the handlers of [`api`] and every other
//!   path to the dashboard, whose files are compiled into the binary.
//! - [`serve`] binds (loopback by default), reports the address, and serves
//!   until Ctrl-C or SIGTERM.
//!
//! Not here: SQL (in `bede_store::query`), coding and ingest.

pub mod api;
mod assets;
pub mod error;
mod highlight;
pub mod params;
mod state;

pub use error::ApiError;
pub use highlight::{segments, Segment};
pub use state::AppState;

use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// Longest a query may run before the client gets a 503.
    pub query_timeout: Duration,
    /// Queries run at once at most; more wait their turn.
    pub readers: usize,
}

impl Config {
    /// The defaults for `db`: loopback port 8080, 10 s per query, two readers
    /// per core (at least four).
    pub fn new(db: PathBuf) -> Config {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Config { db, addr: SocketAddr::from(([127, 0, 0, 1], 8080)), query_timeout: Duration::from_secs(10), readers: (2 * cores).max(4) }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] bede_store::StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("serving: {0}")]
    Io(#[from] std::io::Error),
}

/// The API and the dashboard over `state`.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/api/health", get(api::health))
        .route("/api/events", get(api::events))
        .route("/api/events/{id}", get(api::event))
        .route("/api/count", get(api::count))
        .route("/api/series", get(api::series))
        .route("/api/clusters/{id}", get(api::cluster))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/actors", get(api::actors))
        .route("/api/actors/{code}", get(api::actor))
        .fallback(get(assets::fallback))
        .with_state(state)
}

/// Open the store, bind `config.addr`, call `listening` with the bound
/// address (a port of 0 is chosen by the system), and serve until `shutdown`
/// completes.
pub async fn serve(
    config: Config,
    listening: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let state = AppState::open(&config.db, config.readers, config.query_timeout)?;
    let listener = tokio::net::TcpListener::bind(config.addr).await.map_err(|source| ServeError::Bind { addr: config.addr, source })?;
    listening(listener.local_addr()?);
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await?;
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
