//! Bede's event store: an embedded SQLite database (WAL mode) that keeps
//! articles, their sentences and their coded events with evidence, groups the
//! same event reported by several outlets into one cluster, and answers
//! queries and dyad time series over them.
//!
//! What it is for: the living database `bede ingest` grows and `bede query`,
//! `bede export` and `bede serve` read. What it is not: a coder (it stores the
//! events `bede-coder` made, it never codes) nor a file-format writer (that is
//! `bede-export`). The schema, the contract between writers and readers, is
//! `src/schema.sql`.
//!
//! Writers go through [`Store::ingest_batch`]: one transaction per batch of
//! whole articles, so a reader (another process, `bede serve`) or a crash
//! (`kill -9`) never sees half an article, and re-running an interrupted
//! ingest completes it. Readers use [`Store::open_read_only`] and rebuild
//! events with [`EVENT_COLUMNS`] and [`event_from_row`].
//!
//! Ownership while issue 4 is built: `ingest.rs`, `cluster.rs` and the `Store`
//! type (this file) belong to the ingest work; `query.rs` to the query work.

mod cluster;
mod ingest;
pub mod query;

pub use cluster::{actor_key, ClusterOptions};
pub use ingest::{content_hash, event_from_row, event_from_row_at, ArticleInput, IngestReport, EVENT_COLUMNS, EVENT_COLUMN_COUNT};
/// The SQLite binding the store is built on, re-exported so readers and tests
/// use the same version as the store.
pub use rusqlite;

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema, applied on open (every statement is `IF NOT EXISTS`).
pub const SCHEMA_SQL: &str = include_str!("schema.sql");
/// The schema version this build writes and reads (table `meta`, key `schema_version`).
pub const SCHEMA_VERSION: u32 = 1;
/// `PRAGMA application_id` of a Bede database ("BEDE" in ASCII), so a SQLite
/// file that belongs to another program is recognised before we write to it.
pub const APPLICATION_ID: i32 = 0x4245_4445;

/// How long a connection waits for another process's write lock (an ingest
/// batch commits in well under this; `bede serve` reads while `bede ingest`
/// writes) before giving up with "database is locked".
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// What can go wrong opening or writing the store. Every message names the
/// database file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a SQLite database (is it the right file?)")]
    NotSqlite { path: PathBuf },
    #[error("{path}: a SQLite database that is not a Bede event store (it has tables but no Bede schema); use another --db path")]
    NotBede { path: PathBuf },
    #[error("{path}: event store schema version {found}, but this bede reads version {SCHEMA_VERSION}; {hint}")]
    Version { path: PathBuf, found: String, hint: &'static str },
    #[error("{path}: written by an earlier bede, without {what}; run `bede ingest --db {path}` on it once (any input, even an empty file) to add it")]
    NeedsUpgrade { path: PathBuf, what: &'static str },
    #[error("{path}: no such event store (run `bede ingest --db {path} ...` first)")]
    Missing { path: PathBuf },
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: article {doc_id:?}: {reason}")]
    BadInput { path: PathBuf, doc_id: String, reason: String },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open event store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Open the store at `path` for reading and writing, creating it (and its
    /// schema) if the file does not exist. Sets WAL mode, `synchronous=NORMAL`
    /// (in WAL mode a committed transaction survives a process crash; only an
    /// OS crash or power loss may lose the last ones), foreign keys and a busy
    /// timeout. Refuses a file that is not SQLite, a SQLite database of another
    /// program, or a Bede store of another schema version.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let conn = Connection::open(&path).map_err(|e| classify(&path, e))?;
        let store = Store { conn, path };
        store.configure()?;
        store.check_or_create_schema()?;
        Ok(store)
    }

    /// Open an existing store for reading only (queries, exports, serve). The
    /// file must exist and hold this build's schema version.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if !path.exists() {
            return Err(StoreError::Missing { path });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| classify(&path, e))?;
        let store = Store { conn, path };
        store.conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| store.err(e))?;
        store.conn.pragma_update(None, "foreign_keys", true).map_err(|e| store.err(e))?;
        store.conn.set_prepared_statement_cache_capacity(64);
        match store.schema_version()? {
            Some(v) => {
                store.check_version(&v)?;
                Ok(store)
            }
            None if store.table_count()? == 0 => Err(StoreError::Missing { path: store.path }),
            None => Err(StoreError::NotBede { path: store.path }),
        }
    }

    /// The connection, for the query module and for readers that need SQL the
    /// store does not wrap. Do not write through it: writes belong to
    /// [`Store::ingest_batch`], which keeps clusters consistent.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The connection itself, for a reader that keeps connections of its own
    /// (`bede serve`'s pool); the same rule as [`Store::conn`] applies.
    pub fn into_connection(self) -> Connection {
        self.conn
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Total rows: (articles, events, clusters).
    pub fn counts(&self) -> Result<(u64, u64, u64)> {
        let n = |t: &str| -> Result<u64> {
            self.conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get::<_, i64>(0)).map(|n| n as u64).map_err(|e| self.err(e))
        };
        Ok((n("articles")?, n("events")?, n("clusters")?))
    }

    pub(crate) fn err(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path, e)
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| self.err(e))?;
        // The first statement that reads the file is where a non-SQLite file shows.
        let mode: String = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(|e| self.err(e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Sqlite {
                path: self.path.clone(),
                source: rusqlite::Error::InvalidParameterName(format!("could not switch to WAL mode (journal_mode is {mode})")),
            });
        }
        self.conn.pragma_update(None, "synchronous", "NORMAL").map_err(|e| self.err(e))?;
        self.conn.pragma_update(None, "foreign_keys", true).map_err(|e| self.err(e))?;
        // Statement journals in memory, not temporary files; a 64 MiB page
        // cache so index pages stay cached across a batch.
        self.conn.pragma_update(None, "temp_store", "MEMORY").map_err(|e| self.err(e))?;
        self.conn.pragma_update(None, "cache_size", -65536).map_err(|e| self.err(e))?;
        // Ingest uses about twenty statements per article; the default cache
        // of 16 would re-prepare some of them on every use.
        self.conn.set_prepared_statement_cache_capacity(64);
        // The bundled SQLite has STAT4, which re-prepares a statement whenever a
        // bound value used against an index changes (the cluster lookup's day
        // range, on every event). The writer's statements need one plan each.
        self.conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true).map_err(|e| self.err(e))?;
        Ok(())
    }

    /// `Some(version)` when the `meta` table says which schema this is.
    fn schema_version(&self) -> Result<Option<String>> {
        let has_meta: bool = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'", [], |r| r.get::<_, i64>(0))
            .map_err(|e| self.err(e))?
            > 0;
        if !has_meta {
            return Ok(None);
        }
        self.conn
            .query_row("SELECT value FROM meta WHERE key = 'schema_version'", [], |r| r.get::<_, String>(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    fn table_count(&self) -> Result<i64> {
        self.conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table'", [], |r| r.get(0)).map_err(|e| self.err(e))
    }

    fn check_version(&self, found: &str) -> Result<()> {
        match found.parse::<u32>() {
            Ok(v) if v == SCHEMA_VERSION => Ok(()),
            Ok(v) if v > SCHEMA_VERSION => Err(StoreError::Version {
                path: self.path.clone(),
                found: found.to_string(),
                hint: "it was written by a newer bede; upgrade bede to read it",
            }),
            _ => Err(StoreError::Version {
                path: self.path.clone(),
                found: found.to_string(),
                hint: "there is no migration from it; re-ingest into a new --db",
            }),
        }
    }

    fn check_or_create_schema(&self) -> Result<()> {
        let app: i32 = self.conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|e| self.err(e))?;
        if app != 0 && app != APPLICATION_ID {
            return Err(StoreError::NotBede { path: self.path.clone() });
        }
        if let Some(v) = self.schema_version()? {
            self.check_version(&v)?;
            // Same version: re-applying adds any table, index or trigger a later
            // build of this version introduced (every statement is IF NOT EXISTS),
            // then fills tables derived from `events` that an older build lacked.
            self.conn.execute_batch(SCHEMA_SQL).map_err(|e| self.err(e))?;
            return self.fill_actor_tables();
        }
        if self.table_count()? > 0 {
            return Err(StoreError::NotBede { path: self.path.clone() });
        }
        // Schema and version in one transaction: a crash while creating leaves
        // either an empty file or a complete store, never tables without `meta`.
        let sql = format!(
            "BEGIN IMMEDIATE;\n{SCHEMA_SQL}\nINSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '{SCHEMA_VERSION}');\n\
             INSERT OR IGNORE INTO meta(key, value) VALUES ('actor_tables', '1');\n\
             PRAGMA application_id = {APPLICATION_ID};\nCOMMIT;"
        );
        if let Err(e) = self.conn.execute_batch(&sql) {
            let _ = self.conn.execute_batch("ROLLBACK");
            return Err(self.err(e));
        }
        // Another process may have created the store between our check and our
        // transaction; its version is what counts.
        match self.schema_version()? {
            Some(v) => self.check_version(&v),
            None => Err(StoreError::NotBede { path: self.path.clone() }),
        }
    }
}

impl Store {
    /// Whether the actor aggregate tables (`actor_dyads`, `actor_names`) are
    /// filled: true for every store this build has opened for writing.
    pub fn has_actor_tables(&self) -> Result<bool> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM meta WHERE key = 'actor_tables' AND value = '1'", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    /// Fill the actor aggregates of a store written before they existed, in
    /// one transaction (their triggers keep them from then on).
    fn fill_actor_tables(&self) -> Result<()> {
        if self.has_actor_tables()? {
            return Ok(());
        }
        let sql = "BEGIN IMMEDIATE;
            DELETE FROM actor_dyads;
            DELETE FROM actor_names;
            INSERT INTO actor_dyads (source_code, target_code, mentions)
                SELECT source_code, coalesce(target_code, ''), count(*) FROM events GROUP BY 1, 2;
            INSERT INTO actor_names (code, name, mentions)
                SELECT code, name, count(*) FROM (
                    SELECT source_code AS code, source_name AS name FROM events
                    UNION ALL
                    SELECT target_code, coalesce(target_name, '') FROM events WHERE target_code IS NOT NULL)
                GROUP BY 1, 2;
            INSERT OR REPLACE INTO meta (key, value) VALUES ('actor_tables', '1');
            COMMIT;";
        if let Err(e) = self.conn.execute_batch(sql) {
            let _ = self.conn.execute_batch("ROLLBACK");
            return Err(self.err(e));
        }
        Ok(())
    }
}

/// Turn a SQLite error into one that says what is wrong with the file.
fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(f, _) = &e {
        if f.code == rusqlite::ErrorCode::NotADatabase {
            return StoreError::NotSqlite { path: path.to_path_buf() };
        }
    }
    StoreError::Sqlite { path: path.to_path_buf(), source: e }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_creates_schema_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.db");
        {
            let s = Store::open(&p).unwrap();
            assert_eq!(s.counts().unwrap(), (0, 0, 0));
            let mode: String = s.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
            assert_eq!(mode, "wal");
        }
        let s = Store::open(&p).unwrap();
        assert_eq!(s.schema_version().unwrap().as_deref(), Some("1"));
        let r = Store::open_read_only(&p).unwrap();
        assert_eq!(r.counts().unwrap(), (0, 0, 0));
    }

    #[test]
    fn open_refuses_what_is_not_ours() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.db");
        std::fs::write(&text, "these are my notes, not a database, but long enough to have a header........").unwrap();
        let e = Store::open(&text).unwrap_err();
        assert!(matches!(e, StoreError::NotSqlite { .. }), "{e}");
        assert!(e.to_string().contains("notes.db"), "{e}");

        let other = dir.path().join("other.db");
        Connection::open(&other).unwrap().execute_batch("CREATE TABLE t(x)").unwrap();
        let e = Store::open(&other).unwrap_err();
        assert!(matches!(e, StoreError::NotBede { .. }), "{e}");

        let newer = dir.path().join("newer.db");
        drop(Store::open(&newer).unwrap());
        Connection::open(&newer).unwrap().execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'", []).unwrap();
        let e = Store::open(&newer).unwrap_err();
        assert!(e.to_string().contains("newer bede"), "{e}");
        assert!(Store::open_read_only(&newer).unwrap_err().to_string().contains("newer bede"));

        let missing = dir.path().join("missing.db");
        let e = Store::open_read_only(&missing).unwrap_err();
        assert!(matches!(e, StoreError::Missing { .. }), "{e}");
        assert!(!missing.exists());
    }
}
