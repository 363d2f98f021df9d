#!/usr/bin/env bash
# SQLite benchmarks: prints wall times (median of 5 runs) for
#   1. `orm migrate status` with 100 applied migrations          (target < 10 ms)
#   2. applying 200 one-column migrations from scratch            (target < 300 ms)
#   3. a no-op `orm makemigrations --check` on 2,000 tables       (target < 300 ms)
# Usage: tests/bench/sqlite.sh    (ORM=path/to/orm, default build/orm)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
orm=${ORM:-$root/build/orm}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Median wall time in ms of running "$@" five times; runs `reset` (if defined) before each.
median_ms() {
  local times=()
  for _ in 1 2 3 4 5; do
    declare -F reset >/dev/null && reset
    local start; start=$(now_ms)
    "$@" >/dev/null
    times+=($(( $(now_ms) - start )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}

# A project whose migrations each add one column to table t.
make_column_migrations() {
  local folder=$1 count=$2
  mkdir -p "$folder" && cd "$folder"
  "$orm" -q init
  local models="table t {\n  id int primary key"
  for ((i = 0; i < count; i++)); do
    models+="\n  c$i int?"
    printf "$models\n}\n" > models.orm
    SOURCE_DATE_EPOCH=$((1767225600 + i)) "$orm" -q makemigrations --offline -n "c$i"
  done
}

make_column_migrations "$work/status" 100
"$orm" -q migrate up
echo "migrate status, 100 applied migrations:        $(median_ms "$orm" migrate status) ms"

make_column_migrations "$work/apply" 200
reset() { rm -f db.sqlite3 db.sqlite3.orm-lock; }
echo "migrate up, 200 one-column migrations:         $(median_ms "$orm" migrate up) ms"
unset -f reset

mkdir -p "$work/wide" && cd "$work/wide"
"$orm" -q init
{
  for ((t = 0; t < 2000; t++)); do
    echo "table t$t {"
    echo "  id bigint primary key autoincrement"
    [[ $t -gt 0 ]] && echo "  parent_id bigint? references t$((t - 1))(id) on delete set null" || echo "  parent_id bigint?"
    echo "  name varchar(100)"
    echo "  email varchar(255) unique"
    echo "  score int default 0"
    echo "  ratio double?"
    echo "  note text?"
    echo "  active bool default true"
    echo "  created_at timestamp default now"
    echo "  updated_at timestamp?"
    echo "  index (name, created_at)"
    echo "}"
  done
} > models.orm
"$orm" -q makemigrations -n wide
"$orm" -q migrate up
echo "makemigrations --check, no-op, 2,000 tables:   $(median_ms "$orm" makemigrations --check) ms"
echo "inspect, 2,000 tables:                          $(median_ms "$orm" inspect) ms"
