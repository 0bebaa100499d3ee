#!/usr/bin/env bash
# The figures of docs/limits.md: bede on the pathological inputs of
# crates/bede-cli/tests/pathological.rs, one run at a time, timed by GNU time.
#
# Builds the release binary, runs that test file in a release build (full
# sizes, one test at a time), which generates the inputs into
# $CARGO_TARGET_DIR/tmp/pathological/ (target/tmp/... by default) and checks
# them; then codes each input again under /usr/bin/time and prints a Markdown
# table: input, its size, wall time, peak RSS, events out, exit status, command.
# Also: four articles cut from the big one just under the default record
# limit, and the 1,000,000 articles ingested into a temporary database.
#
#   scripts/limits.sh            # about 5 minutes on 2 cores, plus the build
#   THREADS=1 scripts/limits.sh  # bede --threads 1
set -euo pipefail
cd "$(dirname "$0")/.."
command -v /usr/bin/time >/dev/null || { echo "limits.sh: needs GNU time at /usr/bin/time (Debian: apt-get install time)" >&2; exit 1; }
TGT="${CARGO_TARGET_DIR:-target}"
THREADS="${THREADS:-$(nproc)}"
cargo build --release -q -p bede-cli
cargo test --release -q -p bede-cli --test pathological -- --test-threads 1 >&2
IN="$TGT/tmp/pathological"
BEDE="$TGT/release/bede"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

size() { du -cb "$@" | tail -1 | cut -f1 | awk '{ printf "%.1f MB", $1 / 1e6 }'; }

# row LABEL FILES... -- BEDE_ARGS...: one run. Events: stdout lines (for
# `bede ingest`, the events its summary says the database holds).
row() {
  local label="$1"; shift
  local files=()
  while [ "$1" != "--" ]; do files+=("$1"); shift; done
  shift
  local events status t
  events=$( { /usr/bin/time -f '%e s|%M' -o "$OUT/time" "$BEDE" "$@" --threads "$THREADS" 2>"$OUT/stderr" \
    && echo 0 >"$OUT/status" || echo $? >"$OUT/status"; } | wc -l)
  status=$(cat "$OUT/status")
  if [ "$events" = 0 ] && grep -q 'now holds' "$OUT/stderr"; then
    events="$(grep -o '[0-9]* events' "$OUT/stderr" | tail -1 | cut -d' ' -f1) stored"
  fi
  t=$(tail -1 "$OUT/time")
  local cmd="$* --threads $THREADS"
  cmd="${cmd//$OUT/TMP}"
  printf '| %s | %s | %s | %d MiB | %s | %s | `bede %s` |\n' \
    "$label" "$(size "${files[@]}")" "${t%%|*}" "$(( ${t##*|} / 1024 ))" "$events" "$status" "${cmd//$IN\//}"
}

BIG=$(stat -c %s "$IN/big/big.jsonl")
REP=$(stat -c %s "$IN/repeats/repeats.txt")
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), bede --threads $THREADS; inputs in $IN"
echo
echo "| input | size | wall | peak RSS | events | exit | command (paths under $IN) |"
echo "|---|---|---|---|---|---|---|"
row "100 MB article, default limit" "$IN/big/big.jsonl" -- code -q "$IN/big/big.jsonl"
row "100 MB article, limit raised" "$IN/big/big.jsonl" -- code -q --max-record-bytes $((BIG + 1)) "$IN/big/big.jsonl"
# Four articles just under the default limit: the most one batch holds.
python3 - "$IN/big/big.jsonl" "$OUT/four.jsonl" <<'PY'
import json, sys
text = json.load(open(sys.argv[1]))["text"]
limit = 16 * 1024 * 1024 - 100
cut = text.rindex("\n\n", 0, limit)
# Each newline is two bytes in JSON.
cut = text.rindex("\n\n", 0, limit - text.count("\n", 0, cut))
with open(sys.argv[2], "w") as f:
    for i in range(4):
        f.write(json.dumps({"id": f"big{i}", "text": text[:cut]}) + "\n")
PY
row "4 articles just under 16 MiB" "$OUT/four.jsonl" -- code -q "$OUT/four.jsonl"
row "3 sentences of 100,000 tokens" "$IN/long/long.jsonl" -- code -q "$IN/long/long.jsonl"
row "100,000 nested elements (2 pages)" "$IN/html" -- code -q "$IN/html"
row "1,000,000 tiny articles" "$IN/tiny/tiny.jsonl" -- code -q "$IN/tiny/tiny.jsonl"
row "Unicode, bidi, zero-width, NUL ($(( $(wc -l <"$IN/unicode/unicode.jsonl") + 2 )) articles)" "$IN/unicode/unicode.jsonl" "$IN/unicode/nul.txt" "$IN/unicode/nulpage.html" -- \
  code -q "$IN/unicode/unicode.jsonl" "$IN/unicode/nul.txt" "$IN/unicode/nulpage.html"
row "paragraphs repeating one sentence" "$IN/repeats/repeats.txt" -- code -q --max-record-bytes "$REP" "$IN/repeats/repeats.txt"
row "1,000,000 tiny articles, ingested" "$IN/tiny/tiny.jsonl" -- ingest --db "$OUT/tiny.db" "$IN/tiny/tiny.jsonl"
echo
echo "Database of the 1,000,000 articles: $(size "$OUT"/tiny.db*)"
