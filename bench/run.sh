#!/usr/bin/env bash
# Benchmarks of zhijiao. Each prints one line per measurement as key=value pairs.
#
#   bench/run.sh import [--quick]   100,000 students from .xlsx into SQLite and PostgreSQL,
#                                   side by side with PostgreSQL COPY of the same rows (CSV)
#   bench/run.sh search [--quick]   posting search with facets at province scale (1,000,000
#                                   postings from `zhijiao bench gen`), p50/p95, beside the
#                                   same full-text query sent straight to the database
#   bench/run.sh load [--quick]     `wrk` against the public posting list and /healthz of
#                                   one `zhijiao serve`; requests/s, p99, errors; server RSS
#   bench/run.sh match [--quick]    top-10 postings for 100,000 students against 50,000
#                                   postings (`zhijiao match top`, two threads)
#   bench/run.sh report [--quick]   the talent report of a period (ZHIJIAO_BENCH_PERIOD, default
#                                   2026) from the rollups, beside DuckDB computing the same
#                                   aggregates over the same rows in memory (bench/report_duckdb.py,
#                                   `pip install duckdb psycopg2-binary`); the page's latency;
#                                   postings published per second with and without the rollups
#
# The province-scale databases are generated once and kept (bench/out/prov-N.db and
# PostgreSQL database zj_bench_prov_N); ZHIJIAO_BENCH_REGEN=1 generates them again.
#
# Needs PostgreSQL at 127.0.0.1:5432 (or ZHIJIAO_BENCH_PG) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-}"
quick=0
[ "${2:-}" = "--quick" ] && quick=1
PG="${ZHIJIAO_BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
OUT="bench/out"
mkdir -p "$OUT"

command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
# ZHIJIAO_BENCH_BIN: an already built binary (skips the release build).
if [ -n "${ZHIJIAO_BENCH_BIN:-}" ]; then
  BIN="$ZHIJIAO_BENCH_BIN"
else
  cargo build --release --locked -q -p zhijiao
  BIN="${CARGO_TARGET_DIR:-target}/release/zhijiao"
fi

ms() { date +%s%3N; }

# Run a command under GNU time; sets ELAPSED_MS and RSS_MB.
measure() {
  local start end
  start=$(ms)
  /usr/bin/time -f "%M" -o "$OUT/time.txt" "$@" > "$OUT/cmd.log" 2>&1 || { cat "$OUT/cmd.log"; exit 1; }
  end=$(ms)
  ELAPSED_MS=$((end - start))
  RSS_MB=$(( $(tail -n1 "$OUT/time.txt") / 1024 ))
}

fresh_pg() {
  psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
}

bench_import() {
  local rows=100000
  [ "$quick" = 1 ] && rows=10000
  local school="中德莱茵智能科技学校"

  # PostgreSQL COPY: the floor. A fresh database with our schema and the demo school.
  fresh_pg zj_bench_copy
  "$BIN" --database "$PG/zj_bench_copy" demo --students-per-school 0 > /dev/null
  local org_id
  org_id=$(psql "$PG/zj_bench_copy" -tA -c "SELECT id FROM organizations WHERE name = '$school'")
  "$BIN" bench-data students --rows "$rows" --org-id "$org_id" --xlsx "$OUT/students.xlsx" --csv "$OUT/students.csv" > /dev/null
  local cols
  cols=$(head -n1 "$OUT/students.csv")
  local start end
  start=$(ms)
  psql "$PG/zj_bench_copy" -q -c "\\copy students($cols) FROM '$OUT/students.csv' CSV HEADER"
  end=$(ms)
  local copy_ms=$((end - start))
  local copied
  copied=$(psql "$PG/zj_bench_copy" -tA -c "SELECT count(*) FROM students")

  # Ours, on SQLite.
  rm -f "$OUT/bench.db" "$OUT/bench.db-wal" "$OUT/bench.db-shm"
  local sqlite="sqlite://$OUT/bench.db?mode=rwc"
  "$BIN" --database "$sqlite" demo --students-per-school 0 > /dev/null
  measure "$BIN" --database "$sqlite" import students "$OUT/students.xlsx" --school "$school"
  printf 'import db=sqlite rows=%s ours_ms=%s copy_ms=%s ratio=%s rss_mb=%s\n' "$rows" "$ELAPSED_MS" "$copy_ms" \
    "$(awk -v a="$ELAPSED_MS" -v b="$copy_ms" 'BEGIN{printf "%.2f", a/b}')" "$RSS_MB"

  # Ours, on PostgreSQL.
  fresh_pg zj_bench_ours
  "$BIN" --database "$PG/zj_bench_ours" demo --students-per-school 0 > /dev/null
  measure "$BIN" --database "$PG/zj_bench_ours" import students "$OUT/students.xlsx" --school "$school"
  local ours
  ours=$(psql "$PG/zj_bench_ours" -tA -c "SELECT count(*) FROM students")
  [ "$ours" = "$copied" ] || { echo "row counts differ: ours=$ours copy=$copied"; exit 1; }
  printf 'import db=postgres rows=%s ours_ms=%s copy_ms=%s ratio=%s rss_mb=%s\n' "$rows" "$ELAPSED_MS" "$copy_ms" \
    "$(awk -v a="$ELAPSED_MS" -v b="$copy_ms" 'BEGIN{printf "%.2f", a/b}')" "$RSS_MB"

  # Memory must not grow with the file: the same import at a tenth of the size.
  local small=$((rows / 10))
  "$BIN" bench-data students --rows "$small" --org-id "$org_id" --xlsx "$OUT/small.xlsx" --csv "$OUT/small.csv" > /dev/null
  fresh_pg zj_bench_small
  "$BIN" --database "$PG/zj_bench_small" demo --students-per-school 0 > /dev/null
  measure "$BIN" --database "$PG/zj_bench_small" import students "$OUT/small.xlsx" --school "$school"
  printf 'import db=postgres rows=%s ours_ms=%s rss_mb=%s\n' "$small" "$ELAPSED_MS" "$RSS_MB"
  for db in zj_bench_copy zj_bench_ours zj_bench_small; do psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done
}

# Province scale, or a small version for --quick.
POSTINGS=1000000; STUDENTS=300000; SCHOOLS=2000
[ "$quick" = 1 ] && { POSTINGS=20000; STUDENTS=5000; SCHOOLS=50; }
# Other sizes for a busy machine: ZHIJIAO_BENCH_POSTINGS=200000 ZHIJIAO_BENCH_STUDENTS=100000 …
POSTINGS="${ZHIJIAO_BENCH_POSTINGS:-$POSTINGS}"; STUDENTS="${ZHIJIAO_BENCH_STUDENTS:-$STUDENTS}"; SCHOOLS="${ZHIJIAO_BENCH_SCHOOLS:-$SCHOOLS}"
# ZHIJIAO_BENCH_TAG keeps apart the databases of checkouts whose binaries differ in migrations.
TAG="${ZHIJIAO_BENCH_TAG:+_$ZHIJIAO_BENCH_TAG}"
SQLITE_DB="$OUT/prov-$POSTINGS$TAG.db"
SQLITE_URL="sqlite://$SQLITE_DB?mode=rwc"
PG_DB="zj_bench_prov_$POSTINGS$TAG"
PG_URL="$PG/$PG_DB"

# Generate the province-scale data into SQLite and PostgreSQL unless already there.
ensure_data() {
  if [ "${ZHIJIAO_BENCH_REGEN:-0}" = 1 ] || [ ! -s "$SQLITE_DB.done" ]; then
    rm -f "$SQLITE_DB" "$SQLITE_DB-wal" "$SQLITE_DB-shm" "$SQLITE_DB.done"
    "$BIN" --database "$SQLITE_URL" bench gen --postings "$POSTINGS" --students "$STUDENTS" --schools "$SCHOOLS" 2> "$OUT/gen-sqlite.log" | tee "$SQLITE_DB.done"
  fi
  if [ "${ZHIJIAO_BENCH_REGEN:-0}" = 1 ] || [ "$(psql "$PG/postgres" -tA -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != 1 ] \
     || [ "$(psql "$PG_URL" -tA -c "SELECT count(*) FROM postings" 2>/dev/null)" != "$POSTINGS" ]; then
    fresh_pg "$PG_DB"
    "$BIN" --database "$PG_URL" bench gen --postings "$POSTINGS" --students "$STUDENTS" --schools "$SCHOOLS" 2> "$OUT/gen-postgres.log"
  fi
}

bench_search() {
  ensure_data
  local runs=5
  [ "$quick" = 1 ] && runs=2
  "$BIN" --database "$SQLITE_URL" bench search --runs "$runs"
  "$BIN" --database "$PG_URL" bench search --runs "$runs"
}

# "12.34ms" / "850.00us" / "1.20s" → milliseconds
to_ms() {
  awk -v v="$1" 'BEGIN{ n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.2f", n }'
}

# wrk against one URL; sets RPS, P99_MS, ERRORS.
run_wrk() {
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1" > "$OUT/wrk.txt" 2>&1
  RPS=$(awk '/^Requests\/sec:/{print $2}' "$OUT/wrk.txt")
  P99_MS=$(to_ms "$(awk '$1=="99%"{print $2}' "$OUT/wrk.txt")")
  local non2xx sock
  non2xx=$(awk '/Non-2xx or 3xx responses:/{print $5}' "$OUT/wrk.txt")
  sock=$(awk '/Socket errors:/{gsub(",","");s=$4+$6+$8+$10} END{print s+0}' "$OUT/wrk.txt")
  ERRORS=$(( ${non2xx:-0} + ${sock:-0} ))
}

bench_load() {
  command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
  ensure_data
  DURATION=20; CONNECTIONS=32
  [ "$quick" = 1 ] && DURATION=5
  local port=18089
  for db in sqlite postgres; do
    local url="$SQLITE_URL"
    [ "$db" = postgres ] && url="$PG_URL"
    "$BIN" --database "$url" serve --bind "127.0.0.1:$port" > "$OUT/serve.log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break; sleep 0.2; done
    # The search index is built in the background at start (SQL serves meanwhile): measure
    # the steady state, once it is built.
    for _ in $(seq 1 600); do grep -q "posting search index built" "$OUT/serve.log" && break; sleep 0.5; done
    local index_ms
    index_ms=$(sed 's/\x1b\[[0-9;]*m//g' "$OUT/serve.log" | grep -o "posting search index built.*" | grep -o " ms=[0-9]*" | head -n1 | cut -d= -f2)
    printf 'load db=%s postings=%s index_ms=%s\n' "$db" "$POSTINGS" "${index_ms:-none}"
    curl -fsS "http://127.0.0.1:$port/postings" > /dev/null
    run_wrk "http://127.0.0.1:$port/healthz"
    local base_rps=$RPS
    printf 'load db=%s postings=%s endpoint=/healthz rps=%s p99_ms=%s errors=%s\n' "$db" "$POSTINGS" "$RPS" "$P99_MS" "$ERRORS"
    run_wrk "http://127.0.0.1:$port/postings"
    printf 'load db=%s postings=%s endpoint=/postings rps=%s p99_ms=%s errors=%s ratio=%s\n' "$db" "$POSTINGS" "$RPS" "$P99_MS" "$ERRORS" \
      "$(awk -v a="$RPS" -v b="$base_rps" 'BEGIN{printf "%.2f", a/b}')"
    run_wrk "http://127.0.0.1:$port/postings?q=%E6%95%B0%E6%8E%A7"
    printf 'load db=%s postings=%s endpoint=/postings?q=数控 rps=%s p99_ms=%s errors=%s ratio=%s\n' "$db" "$POSTINGS" "$RPS" "$P99_MS" "$ERRORS" \
      "$(awk -v a="$RPS" -v b="$base_rps" 'BEGIN{printf "%.2f", a/b}')"
    local hwm
    hwm=$(awk '/VmHWM/{print $2}' "/proc/$pid/status")
    printf 'load db=%s postings=%s rss_mb=%s\n' "$db" "$POSTINGS" "$((hwm / 1024))"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
}

bench_match() {
  ensure_data
  local students=100000 postings=50000
  [ "$STUDENTS" -lt "$students" ] && students=$STUDENTS
  [ "$quick" = 1 ] && { students=5000; postings=5000; }
  measure "$BIN" --database "$SQLITE_URL" match top --students "$students" --postings "$postings" --k 10 --threads 2 --out "$OUT/match.csv"
  printf '%s db=sqlite wall_ms=%s rss_mb=%s\n' "$(cat "$OUT/cmd.log" | grep '^match ')" "$ELAPSED_MS" "$RSS_MB"
}

# One value from the database under test (first column of the first row).
sql_one() {
  if [ "$1" = sqlite ]; then
    python3 -c 'import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone(); print(r[0] if r else "")' "$SQLITE_DB" "$2"
  else
    psql "$PG_URL" -tA -c "$2"
  fi
}

# key=value → value, from a line
field() { printf '%s\n' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k{print $2}'; }

bench_report() {
  python3 -c 'import duckdb, psycopg2' 2>/dev/null || pip install -q duckdb psycopg2-binary
  ensure_data
  local period="${ZHIJIAO_BENCH_PERIOD:-2026}" runs=5 writes=1000 port=18090
  [ "$quick" = 1 ] && { runs=3; writes=200; }
  for db in sqlite postgres; do
    local url="$SQLITE_URL" src=(--sqlite "$SQLITE_DB")
    [ "$db" = postgres ] && { url="$PG_URL"; src=(--pg "$PG_URL"); }
    # The rollups from scratch, once after generation (the generator bulk-loads rows outside
    # the write paths) or when ZHIJIAO_BENCH_REBUILD=1.
    local rebuild_ms=-
    if [ "${ZHIJIAO_BENCH_REBUILD:-0}" = 1 ] || [ "$(sql_one "$db" "SELECT count(*) FROM report_posting_facts")" = 0 ]; then
      measure "$BIN" --database "$url" report rebuild-rollups
      rebuild_ms=$ELAPSED_MS
    fi
    local ours duck
    ours=$("$BIN" --database "$url" bench report --period "$period" --runs "$runs")
    duck=$(python3 bench/report_duckdb.py "${src[@]}" --dir "$OUT/duckdb-$db" --period "$period" --runs "$runs" --threads "$(nproc)")
    # Both sides must have counted the same postings, places and graduates.
    for k in total_postings unique_postings new_postings headcount skill_mentions places applicants admitted graduates; do
      if [ "$(field "$ours" "$k")" != "$(field "$duck" "$k")" ]; then
        echo "report db=$db: $k differs: ours=$(field "$ours" "$k") duckdb=$(field "$duck" "$k")"; echo "$ours"; echo "$duck"; exit 1
      fi
    done
    # The HTML page (district reader, bearer token), median of requests after a warm-up.
    local org token
    org=$(sql_one "$db" "SELECT name FROM organizations ORDER BY id LIMIT 1")
    ZHIJIAO_NEW_PASSWORD=Zhijiao2026 "$BIN" --database "$url" user add bench_reader --name 基准读者 --org "$org" --roles district_admin > /dev/null 2>&1 || true
    token=$("$BIN" --database "$url" user token bench_reader --name bench)
    "$BIN" --database "$url" serve --bind "127.0.0.1:$port" > "$OUT/serve.log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break; sleep 0.2; done
    local page="http://127.0.0.1:$port/reports/talent?period=$period" times=()
    curl -fsS -H "Authorization: Bearer $token" "$page" -o "$OUT/report-page.html"
    grep -q "岗位需求" "$OUT/report-page.html" || { echo "report page has no demand section"; exit 1; }
    for _ in $(seq 1 "$runs"); do
      times+=("$(curl -fsS -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$page")")
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
    local page_ms
    page_ms=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END{printf "%.1f", a[int((NR+1)/2)]*1000}')
    printf 'report db=%s postings=%s period=%s ours_ms=%s duckdb_ms=%s ratio=%s duckdb_load_ms=%s page_ms=%s rows_read=%s facts=%s rebuild_ms=%s\n' \
      "$db" "$POSTINGS" "$period" "$(field "$ours" ours_ms)" "$(field "$duck" duckdb_ms)" \
      "$(awk -v a="$(field "$ours" ours_ms)" -v b="$(field "$duck" duckdb_ms)" 'BEGIN{printf "%.2f", a/b}')" \
      "$(field "$duck" load_ms)" "$page_ms" "$(field "$ours" rows_read)" "$(field "$duck" facts)" "$rebuild_ms"
    # What the rollups cost the writes that maintain them.
    local on off
    on=$("$BIN" --database "$url" bench report-writes --postings "$writes")
    off=$("$BIN" --database "$url" bench report-writes --postings "$writes" --without-rollups)
    printf 'report_writes db=%s postings=%s per_s_with_rollups=%s per_s_without=%s cost=%s\n' "$db" "$writes" \
      "$(field "$on" per_s)" "$(field "$off" per_s)" \
      "$(awk -v a="$(field "$on" per_s)" -v b="$(field "$off" per_s)" 'BEGIN{printf "%.2f", b/a}')"
  done
}

case "$what" in
  import) bench_import ;;
  search) bench_search ;;
  load) bench_load ;;
  match) bench_match ;;
  report) bench_report ;;
  *) echo "usage: bench/run.sh import|search|load|match|report [--quick]" >&2; exit 2 ;;
esac
