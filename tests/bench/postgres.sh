#!/usr/bin/env bash
# PostgreSQL benchmarks: for N = 100, 500, 2000, 5000 tables (10 columns, 2 indexes and a foreign
# key each) prints the wall time (median of 3 runs) of
#   1. `orm inspect`
#   2. a no-op `orm makemigrations --check` (inspect + diff)    (target: 2,000 tables < 0.5 s)
#   3. `orm makemigrations` + `orm migrate up` of a one-column change
# Usage: tests/bench/postgres.sh [N...]   (ORM=path/to/orm, default build/orm;
#        ORM_TEST_POSTGRES_URL=postgres://... as exported by .ci/start-databases)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/bench/lib.sh"
orm=${ORM:-$root/build/orm}
url=${ORM_TEST_POSTGRES_URL:?start the test servers: bash .ci/start-databases && source /tmp/orm-test-servers/env}
work=$(mktemp -d)
schema=orm_bench_$$
psql_admin() { psql "$url" -Xqtc "SET client_min_messages = warning; $1" >/dev/null; }
# Drops the schema a few hundred tables per transaction (one DROP SCHEMA of thousands of tables
# runs out of lock slots under the default max_locks_per_transaction).
drop_schema() {
  local tables
  tables=$(psql "$url" -Xqtc "SELECT count(*) FROM pg_tables WHERE schemaname = '$schema'")
  for ((t = ${tables:-0} - 1; t >= 0; t -= 500)); do
    local list=""
    for ((i = t; i > t - 500 && i >= 0; i--)); do list+="${list:+, }$schema.t$i"; done
    psql_admin "DROP TABLE IF EXISTS $list CASCADE"
  done
  psql_admin "DROP SCHEMA IF EXISTS $schema CASCADE"
}
trap 'drop_schema; rm -rf "$work"' EXIT

printf '%8s %12s %26s %22s\n' tables "inspect ms" "makemigrations --check ms" "one-column change ms"
for n in "${@:-100 500 2000 5000}"; do
  for count in $n; do
    drop_schema
    psql_admin "CREATE SCHEMA $schema"
    dir=$work/n$count && mkdir -p "$dir" && cd "$dir"
    export ORM_DATABASE_URL=$url
    flags="--schema $schema"
    # Created 1,000 tables per migration: one transaction holds a lock per table.
    for ((built = 1000; built < count + 1000; built += 1000)); do
      wide_models $(( built < count ? built : count )) > models.orm
      SOURCE_DATE_EPOCH=$((1767225600 + built)) "$orm" -q $flags makemigrations -n "wide$built"
      "$orm" -q $flags migrate up
    done
    inspect=$(median_ms 3 "$orm" $flags inspect)
    check=$(median_ms 3 "$orm" $flags makemigrations --check)
    wide_models "$count" "  extra int?" > models.orm
    start=$(now_ms)
    SOURCE_DATE_EPOCH=1777225600 "$orm" -q $flags makemigrations -n extra && "$orm" -q $flags migrate up
    change=$(( $(now_ms) - start ))
    printf '%8s %12s %26s %22s\n' "$count" "$inspect" "$check" "$change"
  done
done
