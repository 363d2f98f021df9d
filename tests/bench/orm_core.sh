#!/usr/bin/env bash
# The ORM core benchmark (issue 9, part 5): for each dialect and workload prints
#   bench <dialect> <workload> orm=<ms> raw=<ms> sqlalchemy=<ms> django=<ms> peewee=<ms>
# each the median of 3 runs of the workload alone (connecting, setup and seeding are not timed).
# The schema is migrations-examples/blog, made by `orm migrate up` on a fresh SQLite file, a scratch
# PostgreSQL database and a scratch MariaDB database (servers of /tmp/orm-test-servers/env).
# Workloads (the same rows and columns in every implementation; see tests/bench/orm_core_raw.cpp):
#   insert_single  COUNT single-row inserts into users in one transaction, each obtaining the new id
#   insert_bulk    a COUNT-row bulk insert into users (multi-row VALUES in chunks of 1,000; COPY for raw PG)
#   get_pk         COUNT lookups of users by primary key (a fixed permutation of the ids), decoding the row
#   read_all       reading the COUNT users rows into structs/objects
#   eager          1,000 posts with their authors and tags, eager-loaded (posts, authors IN, tags IN)
# Usage: tests/bench/orm_core.sh [--quick] [dialect...]     (--quick: COUNT = 10,000 instead of 100,000)
#   ORM=path/to/orm (default build/orm); ORM_CORE_BENCH_ORM=program taking the arguments of
#   bench_orm_core_raw (<dialect> <url> <workload> <count>, prints ms; default the runtime's
#   bench_orm_core_orm, which prints n/a for what the runtime cannot do yet);
#   ORM_CORE_BENCH_RUNS (default 3); ORM_CORE_BENCH_WORKLOADS (default all five);
#   ORM_CORE_BENCH_PYTHON (default /usr/bin/python3, the interpreter Debian's packages serve).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
count=100000
if [[ ${1:-} == --quick ]]; then count=10000; shift; fi
dialects=("${@:-sqlite postgres mysql}")
dialects=(${dialects[*]})
workloads=(${ORM_CORE_BENCH_WORKLOADS:-insert_single insert_bulk get_pk read_all eager})
runs=${ORM_CORE_BENCH_RUNS:-3}
orm=${ORM:-$root/build/orm}
orm_program=${ORM_CORE_BENCH_ORM:-}
build=${BUILD_DIR:-$root/build}
raw=$build/tests/bench_orm_core_raw
peers=$root/tests/bench/orm_core_peers.py
# Debian's interpreter, whose dist-packages the python3-* packages fill (not a pyenv one on PATH).
python=${ORM_CORE_BENCH_PYTHON:-/usr/bin/python3}

# The Python peers and their drivers, from Debian.
python_packages=(python3-sqlalchemy python3-django python3-peewee python3-psycopg2 python3-pymysql python3-mysqldb)
if ! "$python" -c 'import sqlalchemy, django, peewee, psycopg2, pymysql, MySQLdb' 2>/dev/null; then
  echo "installing ${python_packages[*]}" >&2
  if ! apt-get install -y --no-install-recommends "${python_packages[@]}" >/dev/null; then
    echo "orm_core.sh: cannot install the Python peers; as root run: apt-get install ${python_packages[*]}" >&2
    exit 1
  fi
fi
[[ -x $orm ]] || cmake --build "$build" --target orm >/dev/null
cmake --build "$build" --target bench_orm_core_raw >/dev/null
if [[ -z $orm_program ]]; then
  cmake --build "$build" --target bench_orm_core_orm >/dev/null
  orm_program=$build/tests/bench_orm_core_orm
fi

. /tmp/orm-test-servers/env
work=$(mktemp -d /dev/shm/orm-core-bench.XXXXXX 2>/dev/null || mktemp -d)
scratch=orm_core_bench_$$
pg_server=${ORM_TEST_POSTGRES_URL:?source /tmp/orm-test-servers/env first}
pg_url=${pg_server%/*}/$scratch
my_server=${ORM_TEST_MYSQL_URL:?source /tmp/orm-test-servers/env first}
my_url=${my_server%/*}/$scratch
credentials=${my_server#*://}; credentials=${credentials%%@*}
address=${my_server#*@}; address=${address%%/*}
pg_admin() { PGOPTIONS="-c client_min_messages=warning" psql "$pg_server" -Xqc "$1" >/dev/null; }
my_admin() {
  mariadb -h"${address%:*}" -P"${address#*:}" -u"${credentials%%:*}" -p"${credentials#*:}" -e "$1"
}
cleanup() {
  rm -rf "$work"
  pg_admin "DROP DATABASE IF EXISTS $scratch" 2>/dev/null || true
  my_admin "DROP DATABASE IF EXISTS $scratch" 2>/dev/null || true
}
trap cleanup EXIT

# A project holding the blog models whose migrations are applied to URL by the orm binary. SQLite
# uses the example's own migrations; the servers get theirs made from its models.
make_database() {
  local dialect=$1 url=$2 dir=$work/$1
  mkdir -p "$dir" && cd "$dir"
  cp "$root/migrations-examples/blog/models.orm" .
  printf 'dialect = "%s"\ndatabase_url = "%s"\nmodels = "models.orm"\nmigrations_dir = "migrations"\n' \
    "$dialect" "$url" > orm.toml
  if [[ $dialect == sqlite ]]; then
    cp -r "$root/migrations-examples/blog/migrations" .
  else
    mkdir migrations
    SOURCE_DATE_EPOCH=1767225600 "$orm" -q makemigrations --offline -n blog
  fi
  "$orm" -q migrate up
  cd "$root"
}

url_of() {
  case $1 in
    sqlite) echo "sqlite://$work/sqlite/blog.sqlite3" ;;
    postgres) echo "$pg_url" ;;
    mysql) echo "$my_url" ;;
  esac
}

# The elapsed ms an implementation prints, median of RUNS runs; the tables are reset (insert
# workloads) or were seeded (the others) beforehand.
median_run() {
  local dialect=$1 url=$2 workload=$3; shift 3
  local times=()
  for ((run = 0; run < runs; run++)); do
    [[ $workload == insert_* ]] && "$raw" "$dialect" "$url" reset
    times+=("$("$@" "$dialect" "$url" "$workload" "$count")")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

for dialect in "${dialects[@]}"; do
  case $dialect in
    postgres) pg_admin "DROP DATABASE IF EXISTS $scratch" && pg_admin "CREATE DATABASE $scratch" ;;
    mysql) my_admin "DROP DATABASE IF EXISTS $scratch; CREATE DATABASE $scratch CHARACTER SET utf8mb4" ;;
    sqlite) ;;
    *) echo "orm_core.sh: unknown dialect $dialect" >&2; exit 2 ;;
  esac
  url=$(url_of "$dialect")
  make_database "$dialect" "$url"
  for workload in "${workloads[@]}"; do
    [[ $workload == insert_* ]] || "$raw" "$dialect" "$url" seed "$count"
    line="bench $dialect $workload"
    if [[ -n $orm_program ]]; then
      line+=" orm=$(median_run "$dialect" "$url" "$workload" "$orm_program")"
    else
      line+=" orm=n/a"
    fi
    line+=" raw=$(median_run "$dialect" "$url" "$workload" "$raw")"
    for peer in sqlalchemy django peewee; do
      line+=" $peer=$(median_run "$dialect" "$url" "$workload" "$python" "$peers" "$peer")"
    done
    echo "$line"
  done
done
