#!/usr/bin/env bash
# MariaDB/MySQL benchmark of the runner: `orm migrate up` of 200 one-column migrations on an
# empty database (median of 5 runs), beside its floor: the same up statements, each migration
# followed by its history row's INSERT, sent by the `mariadb` client in one session. Target:
# orm within 1.2x of the floor. The server is the one in ORM_TEST_MYSQL_URL (set it to
# $ORM_TEST_MYSQL8_URL for MySQL). Usage: tests/bench/mysql_chain.sh  (ORM=path/to/orm)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/bench/lib.sh"
orm=${ORM:-$root/build/orm}
server=${ORM_TEST_MYSQL_URL:?source /tmp/orm-test-servers/env first}
database=orm_bench_chain_$$
export ORM_DATABASE_URL=${server%/*}/$database
work=$(mktemp -d)
count=${COUNT:-200}

credentials=${server#*://}; credentials=${credentials%%@*}
address=${server#*@}; address=${address%%/*}
client() {
  mariadb -h"${address%:*}" -P"${address#*:}" -u"${credentials%%:*}" -p"${credentials#*:}" "$@"
}
cleanup() { rm -rf "$work"; client -e "DROP DATABASE IF EXISTS $database"; }
trap cleanup EXIT

cd "$work"
printf 'dialect = "mysql"\n' > orm.toml
models="table t {\n  id int primary key"
for ((i = 0; i < count; i++)); do
  models+="\n  c$i int?"
  printf "$models\n}\n" > models.orm
  SOURCE_DATE_EPOCH=$((1767225600 + i)) "$orm" -q makemigrations --offline -n "c$i"
done

# The floor's script: the history table orm creates, then every migration's up statements and
# the row that records it.
{
  echo "CREATE TABLE orm_migrations (version VARCHAR(14) NOT NULL PRIMARY KEY, name VARCHAR(255)"
  echo "  NOT NULL, checksum CHAR(64) NOT NULL, applied_at VARCHAR(20) NOT NULL, execution_ms"
  echo "  BIGINT NOT NULL, statements_applied INT NOT NULL, statements_total INT NOT NULL, error"
  echo "  TEXT NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"
  for file in migrations/*.sql; do
    base=$(basename "$file" .sql)
    awk '/^-- orm:up/ {up = 1; next} /^-- orm:down/ {up = 0} up && !/^--/ && NF' "$file"
    echo "INSERT INTO orm_migrations VALUES ('${base%%_*}', '${base#*_}', '', '', 0, 1, 1, '');"
  done
} > floor.sql

reset() { client -e "DROP DATABASE IF EXISTS $database; CREATE DATABASE $database"; }
# The two alternate, run by run, so that both see the same load on the machine.
orm_times=() floor_times=()
for ((run = 0; run < 5; run++)); do
  reset; start=$(now_ms); "$orm" -q migrate up; orm_times+=($(( $(now_ms) - start )))
  reset; start=$(now_ms); client "$database" < floor.sql; floor_times+=($(( $(now_ms) - start )))
done
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
orm_ms=$(median "${orm_times[@]}") floor_ms=$(median "${floor_times[@]}")
echo "migrate up, $count one-column migrations:  orm $orm_ms ms, floor (mariadb client, one session) $floor_ms ms, ratio $(awk -v a="$orm_ms" -v b="$floor_ms" 'BEGIN { printf "%.2f", a / b }') (target <= 1.20)"
