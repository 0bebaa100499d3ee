-- Bede event store, schema version 1.
--
-- The contract between ingest (writes), query/export (read) and serve (reads while
-- another process ingests). SQLite in WAL mode; every write happens in a
-- transaction that covers whole articles, so a reader or a crash never sees half
-- an article.
--
-- Dates are stored twice: as text with their precision (`2020`, `2020-07`,
-- `2020-07-23`, as in the Event record) and as `day`, the number of days since
-- 1970-01-01 of the date's first day, for range queries and clustering. A date of
-- year or month precision must never be treated as a day: `precision` says which.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per ingested article. `doc_id` is the input record's id; `content_hash`
-- is the xxh3-128 (hex) of the article text, so the same text under another id is
-- recognised as already ingested.
CREATE TABLE IF NOT EXISTS articles (
    id            INTEGER PRIMARY KEY,
    doc_id        TEXT NOT NULL UNIQUE,
    content_hash  TEXT NOT NULL,
    outlet        TEXT,
    url           TEXT,
    title         TEXT,
    published     TEXT,           -- YYYY-MM-DD or NULL
    language      TEXT,
    text          TEXT NOT NULL,  -- the raw input text
    ingested_at   TEXT NOT NULL   -- RFC 3339, UTC
);
CREATE INDEX IF NOT EXISTS articles_content_hash ON articles(content_hash);

-- The cleaned article's sentences, in order (index = Event.sentence).
CREATE TABLE IF NOT EXISTS sentences (
    article  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (article, idx)
) WITHOUT ROWID;

-- An event cluster: the same event reported by one or more articles (same source
-- and target at country-and-sector level, same CAMEO root, dates within the window).
-- The counts are kept equal to what `mentions` holds for the cluster.
-- AUTOINCREMENT: the id of a cluster deleted when a replaced article emptied it is
-- never given to another cluster, so a cluster id (a `bede serve` link) stays meaningful.
CREATE TABLE IF NOT EXISTS clusters (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    source_key     TEXT NOT NULL,   -- country (or IGO/code prefix) + first sector, e.g. RUSGOV, IGOUNO, TUR
    target_key     TEXT NOT NULL,   -- same, '' when no target
    root           TEXT NOT NULL,   -- CAMEO root, 2 characters
    negated        INTEGER NOT NULL,
    day_min        INTEGER,         -- earliest / latest mention day (NULL: undated cluster)
    day_max        INTEGER,
    -- The representative mention (the earliest-dated one, then the earliest-published
    -- article's, then the smallest event_id; independent of ingest order): its code, actors, date.
    rep_event      INTEGER,
    cameo          TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    plover_type    TEXT NOT NULL,
    source_code    TEXT NOT NULL,
    source_country TEXT,
    target_code    TEXT,
    target_country TEXT,
    date           TEXT,            -- representative date, with its precision
    day            INTEGER,
    num_mentions   INTEGER NOT NULL,
    num_sources    INTEGER NOT NULL, -- distinct outlets (an article without outlet counts as its own source)
    num_articles   INTEGER NOT NULL,
    -- How the cluster's mentions are dated: 'day' clusters take mentions within the
    -- window; 'month' and 'year' clusters (background: "in 1992") only mentions of the
    -- same precision and period (day_min = the period's first day); NULL: undated
    -- mentions, which cluster only within their own article (`article`).
    date_precision TEXT,
    article        INTEGER          -- set only for undated clusters
);
CREATE INDEX IF NOT EXISTS clusters_key ON clusters(source_key, target_key, root, negated, day_min);
CREATE INDEX IF NOT EXISTS clusters_article ON clusters(article) WHERE article IS NOT NULL;
CREATE INDEX IF NOT EXISTS clusters_day ON clusters(day);
-- Covering index for dyad time series (and every lookup a (source, target, day) index serves):
-- the series reads only index columns, 5-8x faster over a million rows than the narrower index.
CREATE INDEX IF NOT EXISTS clusters_dyad_series ON clusters(source_country, target_country, negated, day, quad_class, date_precision, goldstein);

-- One row per coded event mention: the Event record, flattened, with its evidence.
CREATE TABLE IF NOT EXISTS events (
    id              INTEGER PRIMARY KEY,
    event_id        TEXT NOT NULL UNIQUE,   -- Event.id
    article         INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    cluster         INTEGER NOT NULL REFERENCES clusters(id),
    sentence        INTEGER NOT NULL,
    date            TEXT,
    date_precision  TEXT,                   -- year | month | day
    date_basis      TEXT NOT NULL,
    day             INTEGER,
    source_code     TEXT NOT NULL,
    source_country  TEXT,
    source_sectors  TEXT NOT NULL,          -- space-separated
    source_name     TEXT NOT NULL,
    source_text     TEXT NOT NULL,
    source_start    INTEGER NOT NULL,
    source_end      INTEGER NOT NULL,
    target_code     TEXT,
    target_country  TEXT,
    target_sectors  TEXT,
    target_name     TEXT,
    target_text     TEXT,
    target_start    INTEGER,
    target_end      INTEGER,
    cameo           TEXT NOT NULL,          -- always text: leading zeros kept
    root            TEXT NOT NULL,
    cameo_name      TEXT NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein       REAL NOT NULL,
    plover_type     TEXT NOT NULL,
    plover_mode     TEXT,
    negated         INTEGER NOT NULL,
    location        TEXT,
    issues          TEXT NOT NULL,          -- JSON array of strings
    evidence        TEXT NOT NULL,          -- the sentence
    verb_text       TEXT NOT NULL,
    verb_start      INTEGER NOT NULL,
    verb_end        INTEGER NOT NULL,
    pattern         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_article ON events(article);
CREATE INDEX IF NOT EXISTS events_cluster ON events(cluster);
CREATE INDEX IF NOT EXISTS events_day ON events(day);
CREATE INDEX IF NOT EXISTS events_dyad_series ON events(source_country, target_country, negated, day, quad_class, date_precision, goldstein);
CREATE INDEX IF NOT EXISTS events_source ON events(source_code);
CREATE INDEX IF NOT EXISTS events_target ON events(target_code);
CREATE INDEX IF NOT EXISTS events_cameo ON events(cameo);

-- Full-text search over evidence sentences (external content: events.evidence).
-- The insert trigger keeps the index for any writer, except inside an ingest
-- batch: `Store::ingest_batch` sets meta 'fts_deferred' within its transaction
-- (so no other connection ever sees it) and indexes the batch's events itself,
-- because a trigger makes each INSERT a statement with a savepoint, at which
-- FTS5 flushes its pending index to disk: three to four times the cost of the
-- whole insert. The delete trigger always applies.
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(evidence, content='events', content_rowid='id');
CREATE TRIGGER IF NOT EXISTS events_fts_ai AFTER INSERT ON events
WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fts_deferred') BEGIN
    INSERT INTO events_fts(rowid, evidence) VALUES (new.id, new.evidence);
END;
CREATE TRIGGER IF NOT EXISTS events_fts_ad AFTER DELETE ON events BEGIN
    INSERT INTO events_fts(events_fts, rowid, evidence) VALUES ('delete', old.id, old.evidence);
END;

-- Actor aggregates for `bede serve` (the actor list and actor pages), kept by
-- triggers so every insert and delete of an event (ingest, article replacement)
-- keeps them equal to what `events` holds; reading them never scans `events`.
-- `actor_dyads`: mentions per (source code, target code; '' when no target).
-- `actor_names`: mentions per (code, display name), on either side.
-- A store made before these tables existed is filled from `events` once, when
-- it is next opened for writing (meta 'actor_tables' = '1' says it was).
CREATE TABLE IF NOT EXISTS actor_dyads (
    source_code TEXT NOT NULL,
    target_code TEXT NOT NULL,
    mentions    INTEGER NOT NULL,
    PRIMARY KEY (source_code, target_code)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS actor_dyads_target ON actor_dyads(target_code);
CREATE TABLE IF NOT EXISTS actor_names (
    code     TEXT NOT NULL,
    name     TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (code, name)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS events_actors_ai AFTER INSERT ON events BEGIN
    INSERT INTO actor_dyads (source_code, target_code, mentions) VALUES (new.source_code, coalesce(new.target_code, ''), 1)
        ON CONFLICT (source_code, target_code) DO UPDATE SET mentions = mentions + 1;
    INSERT INTO actor_names (code, name, mentions) VALUES (new.source_code, new.source_name, 1)
        ON CONFLICT (code, name) DO UPDATE SET mentions = mentions + 1;
    INSERT INTO actor_names (code, name, mentions) SELECT new.target_code, coalesce(new.target_name, ''), 1 WHERE new.target_code IS NOT NULL
        ON CONFLICT (code, name) DO UPDATE SET mentions = mentions + 1;
END;
CREATE TRIGGER IF NOT EXISTS events_actors_ad AFTER DELETE ON events BEGIN
    UPDATE actor_dyads SET mentions = mentions - 1 WHERE source_code = old.source_code AND target_code = coalesce(old.target_code, '');
    DELETE FROM actor_dyads WHERE source_code = old.source_code AND target_code = coalesce(old.target_code, '') AND mentions <= 0;
    UPDATE actor_names SET mentions = mentions - 1 WHERE code = old.source_code AND name = old.source_name;
    DELETE FROM actor_names WHERE code = old.source_code AND name = old.source_name AND mentions <= 0;
    UPDATE actor_names SET mentions = mentions - 1 WHERE old.target_code IS NOT NULL AND code = old.target_code AND name = coalesce(old.target_name, '');
    DELETE FROM actor_names WHERE old.target_code IS NOT NULL AND code = old.target_code AND name = coalesce(old.target_name, '') AND mentions <= 0;
END;
