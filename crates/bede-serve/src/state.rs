//! The server's state: the database path, a pool of read-only SQLite
//! connections, a bound on concurrent queries, a per-query time limit, and a
//! small cache of aggregate responses keyed by the store's write generation.
//!
//! SQLite calls block, so each request's reading runs on tokio's blocking pool,
//! inside one read transaction (one consistent snapshot, even while another
//! process ingests: WAL). A query over the time limit is interrupted and the
//! client gets a 503.

use crate::error::ApiError;
use bede_store::rusqlite::{Connection, InterruptHandle};
use bede_store::{Store, StoreError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Aggregate responses kept at most (then the cache starts afresh).
const CACHE_ENTRIES: usize = 2048;

type Cached = (u64, Arc<[u8]>);

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    db: PathBuf,
    pool: Mutex<Vec<Connection>>,
    permits: Semaphore,
    timeout: Duration,
    /// Response bodies by key, each with the store generation it was made at.
    cache: Mutex<HashMap<String, Cached>>,
}

impl AppState {
    /// Check that `db` is a Bede store this build reads, with its actor tables
    /// filled, and prepare to serve it with at most `readers` concurrent queries.
    pub fn open(db: &Path, readers: usize, timeout: Duration) -> Result<AppState, StoreError> {
        let store = Store::open_read_only(db)?;
        if !store.has_actor_tables()? {
            return Err(StoreError::NeedsUpgrade { path: db.to_path_buf(), what: "the actor tables `bede serve` reads" });
        }
        let first = configure(store)?;
        Ok(AppState(Arc::new(Inner {
            db: db.to_path_buf(),
            pool: Mutex::new(vec![first]),
            permits: Semaphore::new(readers.max(1)),
            timeout,
            cache: Mutex::new(HashMap::new()),
        })))
    }

    pub fn db(&self) -> &Path {
        &self.0.db
    }

    /// Run `f` on a pooled read-only connection inside one read transaction,
    /// off the async threads, within the time limit.
    pub async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let _permit = self.0.permits.acquire().await.map_err(ApiError::internal)?;
        let inner = self.0.clone();
        // The interrupt handle of the connection while this request holds it:
        // the time limit interrupts only this request's statements, never those
        // of a later request the connection went on to serve.
        let running: Arc<Mutex<Option<InterruptHandle>>> = Arc::new(Mutex::new(None));
        let running_in_task = running.clone();
        let task = tokio::task::spawn_blocking(move || {
            let conn = inner.take()?;
            *lock(&running_in_task) = Some(conn.get_interrupt_handle());
            let result = conn.unchecked_transaction().map_err(ApiError::from).and_then(|tx| {
                let r = f(&tx);
                drop(tx);
                r
            });
            lock(&running_in_task).take();
            inner.give_back(conn);
            result
        });
        match tokio::time::timeout(self.0.timeout, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(join)) => Err(ApiError::internal(format!("a query failed: {join}"))),
            Err(_) => {
                if let Some(h) = lock(&running).take() {
                    h.interrupt();
                }
                Err(ApiError::timeout(self.0.timeout))
            }
        }
    }

    /// A cached response body for `key` at store generation `generation`, or
    /// `make`'s, which is then cached.
    pub fn cached(&self, key: &str, generation: u64, make: impl FnOnce() -> Result<Vec<u8>, ApiError>) -> Result<Arc<[u8]>, ApiError> {
        if let Some((g, body)) = lock(&self.0.cache).get(key) {
            if *g == generation {
                return Ok(body.clone());
            }
        }
        let body: Arc<[u8]> = make()?.into();
        let mut cache = lock(&self.0.cache);
        if cache.len() >= CACHE_ENTRIES {
            cache.clear();
        }
        cache.insert(key.to_string(), (generation, body.clone()));
        Ok(body)
    }
}

impl Inner {
    fn take(&self) -> Result<Connection, ApiError> {
        if let Some(c) = lock(&self.pool).pop() {
            return Ok(c);
        }
        let store = Store::open_read_only(&self.db).map_err(ApiError::internal)?;
        configure(store).map_err(ApiError::internal)
    }

    fn give_back(&self, conn: Connection) {
        lock(&self.pool).push(conn);
    }
}

/// Read-side settings of a pooled connection: a page cache and memory-mapped
/// reads, so a warm dashboard query reads no file pages through system calls.
fn configure(store: Store) -> Result<Connection, StoreError> {
    let path = store.path().to_path_buf();
    let conn = store.into_connection();
    let err = |e| StoreError::Sqlite { path: path.clone(), source: e };
    conn.pragma_update(None, "cache_size", -32768).map_err(err)?;
    conn.pragma_update(None, "mmap_size", 1i64 << 30).map_err(err)?;
    conn.set_prepared_statement_cache_capacity(128);
    Ok(conn)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
