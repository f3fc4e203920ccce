#!/usr/bin/env bash
# run.sh — the three-engine benchmark (issue 7): bms, PostgreSQL 15 + PostGIS 3 and SQLite 3 on the same
# data set, the same queries (Q1–Q4) and the same booking workload (W1), in one run.
#
# Usage: Benchmarks/peers/run.sh [--properties N] [--w1-seconds S] [--reps N] [--warmup N]
#
#   --properties N   properties in the data set [100000; about 3 rooms each]; 5000 for a quick run
#   --w1-seconds S   duration of W1 on each engine [20]
#   --reps N         measured parameter sets per query and engine [1000], after --warmup N [100]
#
# Steps, every one bounded in time:
#   1. installs what is missing: Debian's postgresql-15, postgresql-15-postgis-3, python3-venv and the
#      build's libraries, Leaflet for the web assets (apt-get, with sudo unless root); psycopg[binary] from PyPI into a virtualenv in
#      Benchmarks/.build/peers-venv;
#   2. builds bms-peer-bench and bms (release, in Benchmarks/.build);
#   3. generates the data set once (ListingDataSet, seed 42) into a temporary directory: a bms data
#      directory, and the same rows, query parameter sets and W1 requests as JSON lines (bms-peer-bench
#      prepare) for the other engines to load;
#   4. bms in process (bms-peer-bench run: BMSCore's ListingService and BookingService on the data file);
#   5. bms over HTTP (`bms serve` on 127.0.0.1 at a free port, py/bms_http.py), on a copy of the data
#      directory taken before step 4 wrote bookings;
#   6. PostgreSQL: a new cluster in the temporary directory (initdb as the user postgres when run as
#      root, which PostgreSQL refuses), on 127.0.0.1 at a free port, loaded and measured by
#      py/pg_engine.py, then stopped;
#   7. SQLite: a database file in the temporary directory (py/sqlite_engine.py);
#   8. py/report.py checks that every engine gave the same answers and no W1 run overbooked, prints the
#      table and writes it to Benchmarks/peers/results/<UTC time>-n<N>/results.md beside each engine's
#      JSON.
# The server and the cluster are stopped and the temporary directory removed on any exit. Exit status:
# 0, or 1 when a step fails, answers differ or a W1 run overbooked.
#
# Environment: BMS_BENCH_DIR — where the temporary directory goes [$TMPDIR or /tmp]; it must be a real
# disk, not tmpfs, or the durable-write figures mean nothing.

set -euo pipefail

PROPERTIES=100000
W1_SECONDS=20
REPS=1000
WARMUP=100
SEED=42
SAMPLE=20
# W1 clients per engine: peer-bench's choices for PostgreSQL (64: one backend each) and SQLite (8: one
# writer at a time, more threads only queue); bms takes 64 like a busy server.
BMS_CLIENTS=64
PG_CLIENTS=64
SQLITE_CLIENTS=8

ARGUMENTS=("$@")
PEERS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BENCH_DIR="$(cd "$PEERS_DIR/.." && pwd)"
PG_BIN=/usr/lib/postgresql/15/bin
APT_PACKAGES=(postgresql-15 postgresql-15-postgis-3 python3-venv curl liblmdb-dev zlib1g-dev libssl-dev libjs-leaflet)

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --properties) PROPERTIES=${2:?--properties needs a value}; shift 2 ;;
        --w1-seconds) W1_SECONDS=${2:?--w1-seconds needs a value}; shift 2 ;;
        --reps) REPS=${2:?--reps needs a value}; shift 2 ;;
        --warmup) WARMUP=${2:?--warmup needs a value}; shift 2 ;;
        -h | --help) sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
done
[[ "$PROPERTIES" =~ ^[1-9][0-9]*$ ]] || die "--properties must be a positive integer"

# --- 1. Dependencies --------------------------------------------------------------------------------------
missing=()
for package in "${APT_PACKAGES[@]}"; do
    dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
    say "== installing ${missing[*]}"
    sudo=()
    if [[ "$(id -u)" -ne 0 ]]; then sudo=(sudo); fi
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
VENV="$BENCH_DIR/.build/peers-venv"
if ! "$VENV/bin/python" -c 'import psycopg' 2>/dev/null; then
    say "== virtualenv with psycopg in $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet 'psycopg[binary]>=3.1,<4'
fi
PYTHON="$VENV/bin/python"

# --- 2. Build ---------------------------------------------------------------------------------------------
say "== building bms-peer-bench and bms (release)"
(cd "$BENCH_DIR" && swift build -c release --product bms-peer-bench && swift build -c release --product bms) >&2
BIN_DIR="$(cd "$BENCH_DIR" && swift build -c release --show-bin-path)"

# --- Clean-up ---------------------------------------------------------------------------------------------
WORK=""
SERVER_PID=""
PG_DATA=""
PG_USER=()
stop_server() {
    [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$SERVER_PID" 2>/dev/null && { say "bms serve did not stop within 10 s; killing it"; kill -KILL "$SERVER_PID" 2>/dev/null || true; }
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}
stop_postgres() {
    [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]] || return 0
    "${PG_USER[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >&2 || say "pg_ctl stop failed"
}
cleanup() {
    local status=$?
    stop_server
    stop_postgres
    [[ -n "$WORK" ]] && rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
# Prints the run's facts as JSON fields, for report.py.
facts() { python3 -c 'import json, sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' "$@"; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

WORK="$(mktemp -d "${BMS_BENCH_DIR:-${TMPDIR:-/tmp}}/bms-peers.XXXXXX")"
STAMP="$(date -u +%Y-%m-%dT%H%MZ)"
RESULTS="$PEERS_DIR/results/$STAMP-n$PROPERTIES"
mkdir -p "$RESULTS"
STARTED="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
LOAD_START="$(load_average)"
say "== $STARTED, load average $LOAD_START; working in $WORK"

# --- 3. Data ----------------------------------------------------------------------------------------------
say "== generating $PROPERTIES properties (seed $SEED)"
prepare_started=$SECONDS
"$BIN_DIR/bms-peer-bench" prepare --out "$WORK/data" --properties "$PROPERTIES" --seed "$SEED" \
    --queries $((WARMUP + REPS)) 2>&1 | tee "$WORK/prepare.log" >&2
BMS_LOAD="$(sed -n 's/^bms: .* in \([0-9.]* s\)$/\1/p' "$WORK/prepare.log")"
say "   (prepare took $((SECONDS - prepare_started)) s)"
cp -a "$WORK/data/bms" "$WORK/bms-http"
# The copy and the exported files are ~1.2 GB of dirty page cache: unflushed, the kernel writes them back
# ~30 s later, in the middle of the next engine's W1, whose syncs then queue behind them (stalls of
# 100–240 ms measured). Every engine starts on a quiet disk.
sync
EXPORT="$WORK/data/export"
common=(--export "$EXPORT" --warmup "$WARMUP" --reps "$REPS" --sample "$SAMPLE" --w1-seconds "$W1_SECONDS")

# --- 4. bms in process ------------------------------------------------------------------------------------
say "== bms in process"
"$BIN_DIR/bms-peer-bench" run --bms "$WORK/data/bms" --export "$EXPORT" --out "$RESULTS/bms-inprocess.json" \
    --warmup "$WARMUP" --reps "$REPS" --sample "$SAMPLE" --w1-clients "$BMS_CLIENTS" --w1-seconds "$W1_SECONDS"

# --- 5. bms over HTTP -------------------------------------------------------------------------------------
PORT="$(free_port)"
say "== bms over HTTP: bms serve on 127.0.0.1:$PORT"
# SEARCH_CACHE_ENTRIES=0: the engines are compared on searching, not on answering a repeated query.
RATE_LIMIT_PER_MIN=0 LOG_LEVEL=warning LOG_FORMAT=text BCRYPT_COST=4 SEARCH_CACHE_ENTRIES=0 \
    "$BIN_DIR/bms" serve --data "$WORK/bms-http" --host 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for attempt in $(seq 1 120); do  # up to 60 s
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; die "bms serve exited during start-up"; }
    curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/ready" && break
    [[ $attempt == 120 ]] && { cat "$WORK/server.log" >&2; die "/ready did not answer 200 within 60 s"; }
    sleep 0.5
done
(cd "$PEERS_DIR/py" && "$PYTHON" bms_http.py --port "$PORT" --out "$RESULTS/bms-http.json" \
    --w1-clients "$BMS_CLIENTS" "${common[@]}")
stop_server

# --- 6. PostgreSQL ----------------------------------------------------------------------------------------
PG_ROOT="$WORK/pg"
PG_DATA="$PG_ROOT/data"
PG_PORT="$(free_port)"
mkdir -p "$PG_ROOT"
if [[ "$(id -u)" -eq 0 ]]; then
    # PostgreSQL refuses to run as root: the cluster belongs to the user postgres (made by the Debian
    # package), which must be able to reach it through the temporary directory.
    PG_USER=(runuser -u postgres --)
    chmod 711 "$WORK"
    chown postgres: "$PG_ROOT"
fi
say "== PostgreSQL: a new cluster on 127.0.0.1:$PG_PORT"
"${PG_USER[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log"
cat >>"$PG_DATA/postgresql.auto.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_ROOT'
max_connections = 100
shared_buffers = '1GB'
work_mem = '16MB'
maintenance_work_mem = '512MB'
max_wal_size = '4GB'
fsync = on
synchronous_commit = on
full_page_writes = on
jit = off
CONF
"${PG_USER[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_ROOT/server.log" -w -t 60 start >&2
(cd "$PEERS_DIR/py" && "$PYTHON" pg_engine.py --port "$PG_PORT" --out "$RESULTS/postgresql.json" \
    --w1-clients "$PG_CLIENTS" "${common[@]}")
stop_postgres
PG_DATA=""

# --- 7. SQLite --------------------------------------------------------------------------------------------
say "== SQLite"
(cd "$PEERS_DIR/py" && "$PYTHON" sqlite_engine.py --db "$WORK/sqlite.db" --out "$RESULTS/sqlite.json" \
    --w1-clients "$SQLITE_CLIENTS" "${common[@]}")

# --- 8. Report --------------------------------------------------------------------------------------------
facts command "Benchmarks/peers/run.sh ${ARGUMENTS[*]}" seed "$SEED" properties "$PROPERTIES" warmup "$WARMUP" reps "$REPS" sample "$SAMPLE" w1_seconds "$W1_SECONDS" \
    started "$STARTED" finished "$(date -u '+%Y-%m-%d %H:%M:%S UTC')" load_start "$LOAD_START" load_end "$(load_average)" \
    nproc "$(nproc)" cpu "$(lscpu | sed -n 's/^Model name: *//p' | head -1)" \
    memory "$(free -h | awk '/^Mem:/ { print $2 }')" kernel "$(uname -r)" \
    disk "$(df -h --output=source,fstype "$WORK" | tail -1 | tr -s ' ')" \
    swift "$(swift --version 2>&1 | head -1)" python "$("$PYTHON" --version)" \
    psycopg "$("$PYTHON" -c 'import psycopg; print(psycopg.__version__)')" bms_load "$BMS_LOAD" >"$RESULTS/facts.json"
"$PYTHON" "$PEERS_DIR/py/report.py" --results "$RESULTS" --facts "$RESULTS/facts.json" --out "$RESULTS/results.md"
say "== results: $RESULTS/results.md"
