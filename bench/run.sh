#!/usr/bin/env bash
# Benchmarks of zhijiao. Each prints one line per measurement as key=value pairs.
#
#   bench/run.sh import [--quick]   100,000 students from .xlsx into SQLite and PostgreSQL,
#                                   side by side with PostgreSQL COPY of the same rows (CSV)
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
cargo build --release --locked -q -p zhijiao
BIN="${CARGO_TARGET_DIR:-target}/release/zhijiao"

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

case "$what" in
  import) bench_import ;;
  *) echo "usage: bench/run.sh import [--quick]" >&2; exit 2 ;;
esac
