#!/usr/bin/env bash
# Runs the end-to-end load tool against the reference host on a throwaway, DURABLE PostgreSQL 15 cluster on this
# machine (default settings: fsync on, synchronous_commit on), or on SQLite with STORE=sqlite.
# Server settings: the PostgreSQL defaults except memory and checkpoint spacing (shared_buffers 1GB, wal_buffers 64MB,
# max_wal_size 4GB, checkpoint_timeout 15min), as a production server would have; fsync and synchronous_commit stay on.
# Usage: benchmarks/run-load.sh <label> [load-tool options…]   (results are appended to benchmarks/results/load.md, or to $OUT)
#        KEEP_LOGS=<dir> keeps the host's and PostgreSQL's logs (e.g. with PG_EXTRA="-c log_autovacuum_min_duration=0")
#        TOOL=controller benchmarks/run-load.sh controller [--channels 1000 --duration 60]   (→ benchmarks/results/controller.md)
set -euo pipefail
cd "$(dirname "$0")/.."
label="${1:?label}"; shift
store="${STORE:-postgres}"
work="$(mktemp -d /tmp/webmacs-load-XXXXXX)"
port_pg=55432 port_host=18080
password="Load-Admin-Password-1"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

dotnet build samples/ReferenceHost -c Release --artifacts-path /tmp/wm-bench -v q >/dev/null
dotnet build benchmarks/WebMacs.LoadTest -c Release --artifacts-path /tmp/wm-bench -v q >/dev/null

cleanup() {
  [ -n "${host_pid:-}" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null || true
  [ "$store" = postgres ] && as_pg "$pg_bin/pg_ctl" stop -D "$work/pg" -m fast >/dev/null 2>&1 || true
  [ -n "${KEEP_LOGS:-}" ] && mkdir -p "$KEEP_LOGS" && cp "$work"/*.log "$KEEP_LOGS"/ 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

env_db=()
db_opt=()
if [ "$store" = postgres ]; then
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$work"
  as_pg "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --no-locale >/dev/null
  as_pg "$pg_bin/pg_ctl" start -D "$work/pg" -l "$work/pg.log" -w -o "-p $port_pg -k $work -c listen_addresses=127.0.0.1 -c max_connections=100 -c shared_buffers=1GB -c wal_buffers=64MB -c max_wal_size=4GB -c checkpoint_timeout=15min ${PG_EXTRA:-}" >/dev/null
  as_pg "$pg_bin/psql" -h 127.0.0.1 -p $port_pg -U postgres -c "CREATE DATABASE webmacs" >/dev/null
  env_db=(DATABASE_URL="postgresql://postgres@127.0.0.1:$port_pg/webmacs")
  db_opt=(--db "Host=127.0.0.1;Port=$port_pg;Username=postgres;Database=webmacs")
fi

mkdir -p "$work/host"
env "${env_db[@]}" ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port_host" \
  SECRET_KEY="load-test-secret-key-0123456789-abcdefghijklmnop" INITIAL_ADMIN_EMAIL=admin@webmacs.local \
  INITIAL_ADMIN_PASSWORD="$password" WEBMACS_DATA_DIR="$work/host" Logging__LogLevel__Default=Warning \
  WebMacs__Acquisition__PluginIds__0=none-during-load-tests \
  dotnet /tmp/wm-bench/bin/ReferenceHost/release/ReferenceHost.dll >"$work/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 60); do curl -fs "http://127.0.0.1:$port_host/health" >/dev/null 2>&1 && break; sleep 1; done

if [ "${TOOL:-load}" = controller ]; then
  dotnet build benchmarks/WebMacs.ControllerLoad -c Release --artifacts-path /tmp/wm-bench -v q >/dev/null
  exec_tool=(dotnet /tmp/wm-bench/bin/WebMacs.ControllerLoad/release/WebMacs.ControllerLoad.dll --url "http://127.0.0.1:$port_host"
    --email admin@webmacs.local --password "$password" --out benchmarks/results/controller.md "$@")
  "${exec_tool[@]}"
  exit 0
fi

dotnet /tmp/wm-bench/bin/WebMacs.LoadTest/release/WebMacs.LoadTest.dll --url "http://127.0.0.1:$port_host" \
  --email admin@webmacs.local --password "$password" --host-pid "$host_pid" "${db_opt[@]}" \
  --label "$label ($store)" --out "${OUT:-benchmarks/results/load.md}" "$@"
