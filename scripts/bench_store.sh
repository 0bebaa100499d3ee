#!/usr/bin/env bash
# Event-store benchmark: ingest throughput and database size over >= 1,000,000
# stored events, leaving the database for query timings.
#
#   scripts/bench_store.sh [OUT_DIR]        (default: ${TMPDIR:-/tmp}/bede-bench)
#
# Environment: ARTICLES (default 100000, about 1.04M events), THREADS (default:
# all cores), BATCH (default: bede ingest's), SEEDS (default ../shared/seeds/seeds.jsonl).
#
# 1. builds the release binary;
# 2. generates ARTICLES articles from the seed articles (scripts/bench_store.py:
#    dates moved per story, 1-12 outlets per story, distinct ids) into OUT_DIR;
# 3. ingests them into OUT_DIR/bench.db, timed, and prints articles/s, events/s
#    and the database size;
# 4. ingests them again (every article unchanged) to time an idempotent re-run.
#
# The database is left in place, e.g. for
#   bede query --db OUT_DIR/bench.db --dyad RUS-TUR --by month
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-${TMPDIR:-/tmp}/bede-bench}"
articles="${ARTICLES:-100000}"
seeds="${SEEDS:-$repo/../shared/seeds/seeds.jsonl}"
target="${CARGO_TARGET_DIR:-$repo/target}"
bin="$target/release/bede"
mkdir -p "$out"

(cd "$repo" && cargo build --release -p bede-cli)
python3 "$repo/scripts/bench_store.py" --seeds "$seeds" --articles "$articles" --out "$out/articles.jsonl"
input_mb=$(python3 -c "import os,sys; print(f'{os.path.getsize(sys.argv[1])/1e6:.0f}')" "$out/articles.jsonl")

opts=()
[[ -n "${THREADS:-}" ]] && opts+=(--threads "$THREADS")
[[ -n "${BATCH:-}" ]] && opts+=(--batch "$BATCH")

rm -f "$out/bench.db" "$out/bench.db-wal" "$out/bench.db-shm"
# Wall and CPU seconds (user + system): on a shared machine the CPU time says
# what the work costs, the wall time what this run got.
timed() { /usr/bin/time -f "%e %U %S" -o "$1" "${@:2}"; }
timed "$out/time1" "$bin" ingest "${opts[@]}" --db "$out/bench.db" "$out/articles.jsonl"
timed "$out/time2" "$bin" ingest "${opts[@]}" --db "$out/bench.db" "$out/articles.jsonl"
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

python3 - "$out/bench.db" "$out/time1" "$out/time2" "$input_mb" "$load" "$(nproc)" <<'EOF'
import os, sqlite3, sys
db, time1, time2, input_mb, load, cores = sys.argv[1:7]
wall, user, sys_ = (float(x) for x in open(time1).read().split()[-3:])
again = float(open(time2).read().split()[-3])
c = sqlite3.connect(db)
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
articles, = c.execute("SELECT count(*) FROM articles").fetchone()
events, = c.execute("SELECT count(*) FROM events").fetchone()
clusters, multi = c.execute("SELECT count(*), sum(num_sources > 1) FROM clusters").fetchone()
c.close()
size = os.path.getsize(db) + sum(os.path.getsize(db + s) for s in ("-wal",) if os.path.exists(db + s))
cpu = user + sys_
print(f"\nmachine: {cores} cores, load average {load} at the end")
print(f"input: {articles} articles stored from {input_mb} MB of JSONL")
print(f"ingest: {wall:.1f} s wall, {articles / wall:.0f} articles/s, {events / wall:.0f} events/s")
print(f"ingest CPU: {cpu:.1f} s (user {user:.1f} + system {sys_:.1f}): {articles / cpu:.0f} articles/s, {events / cpu:.0f} events/s per busy core")
print(f"stored: {events} events in {clusters} clusters ({multi} reported by more than one outlet)")
print(f"database: {size / 1e6:.0f} MB ({size / events:.0f} bytes per event, text and FTS index included)")
print(f"re-run (all unchanged): {again:.1f} s, {articles / again:.0f} articles/s")
if events < 1_000_000:
    print(f"warning: fewer than 1,000,000 events; raise ARTICLES", file=sys.stderr)
print(f"left in place: {db}")
EOF
