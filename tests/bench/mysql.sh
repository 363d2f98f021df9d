#!/usr/bin/env bash
# MariaDB/MySQL benchmark: prints wall times (median of 5 runs) for
#   1. a no-op `orm makemigrations --check` on 2,000 tables (inspect + diff)   (target < 500 ms)
#   2. `orm inspect` of 2,000 tables
# on a scratch database of the server in ORM_TEST_MYSQL_URL (see .ci/start-databases), dropped at
# the end. Usage: tests/bench/mysql.sh    (ORM=path/to/orm, default build/orm)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/bench/lib.sh"
orm=${ORM:-$root/build/orm}
server=${ORM_TEST_MYSQL_URL:?source /tmp/orm-test-servers/env first}
database=orm_bench_$$
export ORM_DATABASE_URL=${server%/*}/$database
work=$(mktemp -d)

# The admin connection for CREATE/DROP DATABASE, from the URL's parts.
credentials=${server#*://}; credentials=${credentials%%@*}
address=${server#*@}; address=${address%%/*}
sql() {
  mariadb -h"${address%:*}" -P"${address#*:}" -u"${credentials%%:*}" -p"${credentials#*:}" -e "$1"
}
cleanup() { rm -rf "$work"; sql "DROP DATABASE IF EXISTS $database"; }
trap cleanup EXIT
sql "CREATE DATABASE $database"

cd "$work"
printf 'dialect = "mysql"\n' > orm.toml
wide_models 2000 > models.orm
start=$(now_ms)
"$orm" -q makemigrations -n wide
"$orm" -q migrate up
echo "setup: 2,000 tables created in                  $(( $(now_ms) - start )) ms"
"$orm" makemigrations --check >/dev/null # must exit 0: nothing to do
echo "makemigrations --check, no-op, 2,000 tables:   $(median_ms 5 "$orm" makemigrations --check) ms"
echo "inspect, 2,000 tables:                          $(median_ms 5 "$orm" inspect) ms"
