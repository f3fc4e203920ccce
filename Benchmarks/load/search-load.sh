#!/usr/bin/env bash
# search-load.sh — HTTP load on listing search (issue 4), with wrk.
#
# Builds `make-search-data` and, unless given one, a release `bms` (both in the Benchmarks package's
# .build, which shares its compiled dependencies with `swift package benchmark`); writes peer-bench's
# data set (100,000 properties, ~300,000 rooms, seed 42; see Sources/ListingDataSet) into a temporary
# data directory together with 1,000 request paths per query; starts `bms serve` there on 127.0.0.1 at a
# free port with rate limiting off (RATE_LIMIT_PER_MIN=0) and LOG_LEVEL=warning; waits for /ready; then
# runs wrk for DURATION each against
#
#   /health                                                            (the floor: routing, no store)
#   Q1 /api/properties?city=…&priceMin=…&priceMax=…&amenities=a,b&sort=price
#   Q2 /api/properties?lat=…&lng=…&radius=5&priceMax=…&sort=distance
#   Q3 /api/properties?q=<locality word>%20<prefix>
#   Q4 /api/properties/<id>                                            (the property page)
#
# cycling through the paths (load/search.lua), and prints requests/s, latency percentiles, each run's
# throughput as a share of /health's, the server's CPU time per request (from /proc, so that wrk's
# share of the cores does not blur it) and the share of searches the search cache answered (from
# /metrics, read before and after each run). A query whose route does not answer 200 yet is skipped
# and reported (exit status 3). The server is stopped and the data removed on exit, error or Ctrl-C.
#
# Usage: Benchmarks/load/search-load.sh [path/to/bms]
#
#   path/to/bms       an existing binary (e.g. ./bms from `make` at the root) instead of building one
#
# Environment (defaults in brackets):
#   DURATION [10s]  THREADS [2]  CONNECTIONS [32]  PROPERTIES [100000]  SEED [42]
#   BMS_BENCH_DIR     where the temporary directory goes [$TMPDIR or /tmp]; must be a real disk
#   DATA_DIR          reuse a directory this script kept earlier (KEEP_DATA=1) instead of building one
#   KEEP_DATA=1       keep the data directory and print its path
#   SEARCH_CACHE_ENTRIES  passed to the server [its default, 4096]: each query's 1,000 paths repeat, so
#                     with the cache on most requests after the first thousand are answered from it;
#                     SEARCH_CACHE_ENTRIES=0 measures searching on every request
#   SEARCH_SNAPSHOT   passed to the server [its default, true]: searches read the listings' snapshot in
#                     memory, which the script waits for (up to 60 s) before the runs; false measures
#                     searching the store's indexes
#
# Only 127.0.0.1 is contacted; every wait and every run is bounded in time. wrk and the server share
# the machine's cores, so on a small machine the figures are a floor for the server, not its ceiling.

set -euo pipefail

DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
PROPERTIES=${PROPERTIES:-100000}
SEED=${SEED:-42}
WRK=${WRK:-wrk}

LOAD_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_DIR="$(cd "$LOAD_DIR/.." && pwd)"

say() { printf '%s\n' "$*" >&2; }
die() { say "search-load.sh: $*"; exit 1; }

command -v "$WRK" >/dev/null || die "wrk not found (apt-get install wrk)"
command -v curl >/dev/null || die "curl not found"
command -v python3 >/dev/null || die "python3 not found (used to pick a free port)"

# --- Build ---------------------------------------------------------------------------------------------
say "== building make-search-data (release)"
(cd "$BENCH_DIR" && swift build -c release --product make-search-data) >&2
BIN_DIR="$(cd "$BENCH_DIR" && swift build -c release --show-bin-path)"
MAKE_DATA="$BIN_DIR/make-search-data"

if [[ $# -ge 1 ]]; then
    BMS="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
    [[ -x "$BMS" ]] || die "$1 is not an executable"
else
    say "== building bms (release)"
    (cd "$BENCH_DIR" && swift build -c release --product bms) >&2
    BMS="$BIN_DIR/bms"
fi
say "bms: $BMS ($("$BMS" version 2>/dev/null | head -1 || echo 'version unknown'))"

# --- Data ----------------------------------------------------------------------------------------------
SERVER_PID=""
WORK=""
cleanup() {
    local status=$?
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            say "server did not stop within 10 s; killing it"
            kill -KILL "$SERVER_PID" 2>/dev/null || true
        fi
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ -n "$WORK" && -z "${DATA_DIR:-}" ]]; then
        if [[ "${KEEP_DATA:-0}" == 1 ]]; then say "data kept in $WORK"; else rm -rf "$WORK"; fi
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n "${DATA_DIR:-}" ]]; then
    WORK="$DATA_DIR"
    [[ -f "$WORK/data/data.mdb" && -f "$WORK/paths/q1.txt" ]] || die "$WORK has no data/data.mdb and paths/q1.txt"
    say "== reusing $WORK"
else
    WORK="$(mktemp -d "${BMS_BENCH_DIR:-${TMPDIR:-/tmp}}/bms-search-load.XXXXXX")"
    say "== writing $PROPERTIES properties (seed $SEED) into $WORK/data"
    "$MAKE_DATA" --out "$WORK/data" --properties "$PROPERTIES" --seed "$SEED" --paths "$WORK/paths" --queries 1000 --check
fi

# --- Server --------------------------------------------------------------------------------------------
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"
say "== starting bms serve on $BASE"
RATE_LIMIT_PER_MIN=0 LOG_LEVEL=warning LOG_FORMAT=text \
    "$BMS" serve --data "$WORK/data" --host 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

ready=0
for _ in $(seq 1 120); do  # up to 60 s
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; die "bms serve exited during start-up"; }
    if curl -fs -o /dev/null --max-time 2 "$BASE/ready" 2>/dev/null; then ready=1; break; fi
    sleep 0.5
done
[[ $ready == 1 ]] || { cat "$WORK/server.log" >&2; die "$BASE/ready did not answer 200 within 60 s"; }
say "ready"

# The listings in the server's search snapshot, from /metrics (0 while it is being built, or when off).
snapshot_listings() { curl -s --max-time 10 "$BASE/metrics" | awk '/^bms_search_snapshot_listings / { print $2 + 0 }'; }
if [[ ${SEARCH_SNAPSHOT:-true} != false ]]; then
    for _ in $(seq 1 120); do  # up to 60 s
        [[ "$(snapshot_listings)" -gt 0 ]] && break
        sleep 0.5
    done
    say "search snapshot: $(snapshot_listings) listings"
fi

# --- Load ----------------------------------------------------------------------------------------------
say "== machine: $(nproc) cores, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
say "== wrk: $THREADS threads, $CONNECTIONS connections, $DURATION per run"

declare -A RESULT SERVER_CPU CACHE_HITS
CLOCK_TICKS="$(getconf CLK_TCK)"
# The server's user + system CPU time so far, in clock ticks (fields 14 and 15 of /proc/PID/stat; the
# command name in field 2 has no spaces here).
server_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
# The search cache's lookups so far, "HITS MISSES", from /metrics.
cache_lookups() {
    curl -s --max-time 10 "$BASE/metrics" | awk '
        /^bms_search_cache_lookups_total\{outcome="hit"\}/ { hits = $2 }
        /^bms_search_cache_lookups_total\{outcome="miss"\}/ { misses = $2 }
        END { printf "%d %d\n", hits, misses }'
}

run() {  # run NAME URL [PATHS_FILE]
    local name=$1 url=$2 paths=${3:-}
    local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 5s --latency -s "$LOAD_DIR/search.lua" "$url")
    [[ -n "$paths" ]] && args+=(-- "$paths")
    [[ "$name" == health ]] && say "-- $name"
    local output
    local before after lookups_before lookups_after
    lookups_before="$(cache_lookups)"
    before="$(server_ticks)"
    output="$(timeout 300 "$WRK" "${args[@]}")" || die "wrk failed for $name"
    after="$(server_ticks)"
    lookups_after="$(cache_lookups)"
    CACHE_HITS[$name]="$(awk -v b="$lookups_before" -v a="$lookups_after" 'BEGIN {
        split(b, x, " "); split(a, y, " "); hits = y[1] - x[1]; all = hits + y[2] - x[2]
        if (all > 0) printf "%.1f %%", 100 * hits / all; else printf "—" }')"
    printf '%s\n' "$output" | grep -v '^RESULT' >&2
    RESULT[$name]="$(printf '%s\n' "$output" | grep '^RESULT' | tail -1)"
    SERVER_CPU[$name]=$((after - before))
}

# The first path of a query must answer 200, or the route is not there yet. Shows the size of the
# answer and its "total", if it has one, as a sanity check.
answers() {
    local path code
    path="$(head -1 "$1")"
    code="$(curl -s -o "$WORK/answer.json" -w '%{http_code}' --max-time 10 "$BASE$path")" || code=000
    say "   first request: GET $path -> HTTP $code, $(wc -c <"$WORK/answer.json") bytes$(grep -o '"total":[0-9]*' "$WORK/answer.json" | head -1 | sed 's/^/, /')"
    [[ "$code" == 200 ]]
}

run health "$BASE/health"
skipped=()
names=(health)
for query in q1 q2 q3 q4; do
    file="$WORK/paths/$query.txt"
    say "-- $query"
    if answers "$file"; then
        run "$query" "$BASE/" "$file"
        names+=("$query")
    else
        say "   $query skipped: its route does not answer 200 (yet)"
        skipped+=("$query")
    fi
done
say "== load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- Report --------------------------------------------------------------------------------------------
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"${RESULT[$1]}"; }
health_rps="$(field health rps)"
echo
echo "search cache: SEARCH_CACHE_ENTRIES=${SEARCH_CACHE_ENTRIES:-default (4096)}; search snapshot: SEARCH_SNAPSHOT=${SEARCH_SNAPSHOT:-default (true)}, $(snapshot_listings) listings; server memory of its own (RssAnon, without the data file's mapped pages): $(awk '/^RssAnon/ { printf "%.0f MB", $2 / 1024 }' "/proc/$SERVER_PID/status")"
printf '| run | requests/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | socket errors | vs /health | server CPU per request | search cache hits |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|\n'
for name in "${names[@]}"; do
    ratio="$(awk -v a="$(field "$name" rps)" -v b="$health_rps" 'BEGIN { printf "%.1f %%", 100 * a / b }')"
    cpu="$(awk -v t="${SERVER_CPU[$name]}" -v hz="$CLOCK_TICKS" -v n="$(field "$name" requests)" \
        'BEGIN { printf "%.0f µs", 1e6 * t / hz / n }')"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$(field "$name" rps)" "$(field "$name" p50_ms)" \
        "$(field "$name" p90_ms)" "$(field "$name" p99_ms)" "$(field "$name" max_ms)" "$(field "$name" non2xx3xx)" \
        "$(field "$name" socket_errors)" "$ratio" "$cpu" "${CACHE_HITS[$name]}"
done
if [[ ${#skipped[@]} -gt 0 ]]; then
    say "not measured (route missing or failing): ${skipped[*]}"
    exit 3
fi
