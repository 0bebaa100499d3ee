#!/usr/bin/env bash
# Load test of `bede serve` on loopback: at least 200 API requests per second
# for 30 s against a database of at least one million events, no error allowed.
#
#   scripts/load_serve.sh [DB]     (default: ${TMPDIR:-/tmp}/bede-bench/bench.db)
#
# Environment: RATE (requests/s, default 250), DURATION (s, default 30),
# CONNECTIONS (default 64), MAX_REQUESTS (default 100000).
#
# 1. builds the release `bede` and the load generator
#    (crates/bede-serve/examples/loadgen.rs);
# 2. makes the database with scripts/bench_store.sh if it does not exist
#    (100,000 generated articles, about 1.06M events);
# 3. checks that it holds at least 1,000,000 events;
# 4. starts `bede serve` on a free loopback port, runs the load generator
#    (open loop: latency counts from each request's scheduled time), prints its
#    summary, stops the server. Exits non-zero on any failed request.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
db="${1:-${TMPDIR:-/tmp}/bede-bench/bench.db}"
target="${CARGO_TARGET_DIR:-$repo/target}"
(cd "$repo" && cargo build --release -p bede-cli && cargo build --release -p bede-serve --example loadgen)
bede="$target/release/bede"

if [[ ! -f "$db" ]]; then
  "$repo/scripts/bench_store.sh" "$(dirname "$db")"
  [[ -f "$db" ]] || { echo "load_serve: $db was not made" >&2; exit 1; }
fi
events=$("$bede" query --db "$db" --mentions --include-negated --count)
echo "load_serve: $db holds $events events"
if (( events < 1000000 )); then
  echo "load_serve: fewer than 1,000,000 events; use scripts/bench_store.sh to make a larger database" >&2
  exit 1
fi

out="$(mktemp)"
"$bede" serve --db "$db" --addr 127.0.0.1:0 >"$out" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 100); do
  grep -q '^listening on' "$out" && break
  sleep 0.1
done
addr=$(sed -n 's|^listening on http://\(.*\)/$|\1|p' "$out" | head -1)
[[ -n "$addr" ]] || { echo "load_serve: the server did not start" >&2; exit 1; }
echo "load_serve: serving on $addr; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

"$target/release/examples/loadgen" --addr "$addr" --rate "${RATE:-250}" --duration "${DURATION:-30}" \
  --connections "${CONNECTIONS:-64}" --max-requests "${MAX_REQUESTS:-100000}"
