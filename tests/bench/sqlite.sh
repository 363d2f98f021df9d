#!/usr/bin/env bash
# SQLite benchmarks: prints wall times (median of 5 runs) for
#   1. `orm migrate status` with 100 applied migrations          (target < 10 ms)
#   2. applying 200 one-column migrations from scratch            (target < 300 ms)
#   3. a no-op `orm makemigrations --check` on 2,000 tables       (target < 300 ms)
#   4. `orm inspect` of 2,000 tables
# Usage: tests/bench/sqlite.sh    (ORM=path/to/orm, default build/orm)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/bench/lib.sh"
orm=${ORM:-$root/build/orm}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

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
echo "migrate status, 100 applied migrations:        $(median_ms 5 "$orm" migrate status) ms"

make_column_migrations "$work/apply" 200
reset() { rm -f db.sqlite3 db.sqlite3.orm-lock; }
echo "migrate up, 200 one-column migrations:         $(median_ms 5 "$orm" migrate up) ms"
unset -f reset

mkdir -p "$work/wide" && cd "$work/wide"
"$orm" -q init
wide_models 2000 > models.orm
"$orm" -q makemigrations -n wide
"$orm" -q migrate up
"$orm" makemigrations --check >/dev/null # must exit 0: nothing to do
echo "makemigrations --check, no-op, 2,000 tables:   $(median_ms 5 "$orm" makemigrations --check) ms"
echo "inspect, 2,000 tables:                          $(median_ms 5 "$orm" inspect) ms"
