#!/usr/bin/env bash
# The blog app end to end on one database, as CI runs it (ctest -L app):
#   check.sh sqlite|postgres|mariadb|mysql BLOG_BINARY ORM_BINARY
# makes a scratch database (a file, or a database of its own on the test server named by
# ORM_TEST_POSTGRES_URL, ORM_TEST_MYSQL_URL (MariaDB) or ORM_TEST_MYSQL8_URL (MySQL)), runs
# `orm migrate up` with the committed history, a script of app commands whose output must be
# exactly the expected lines, and reads the rows back with the database's own client (sqlite3,
# psql, mysql). Without the server's variable it skips (exit 77), but fails under CI=true.
set -euo pipefail
database=$1 blog=$(realpath "$2") orm=$(realpath "$3")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

server_url() {
  local variable
  case $database in
    postgres) variable=ORM_TEST_POSTGRES_URL ;;
    mariadb) variable=ORM_TEST_MYSQL_URL ;;
    mysql) variable=ORM_TEST_MYSQL8_URL ;;
  esac
  if [[ -z ${!variable:-} ]]; then
    if [[ ${CI:-} == true ]]; then
      echo "$variable is not set: CI runs the app on every database" >&2
      exit 1
    fi
    echo "$variable is not set: skipped" >&2
    exit 77
  fi
  echo "${!variable}"
}

# mysql://user:password@host:port/db -> the mysql client's options, then its arguments.
mysql_client() {
  local url=${1#mysql://} && shift
  local credentials=${url%%@*} address=${url#*@}
  local name=${address#*/}
  address=${address%%/*}
  MYSQL_PWD=${credentials#*:} mysql --protocol=tcp -u "${credentials%%:*}" -h "${address%%:*}" \
    -P "${address#*:}" -D "$name" --default-character-set=utf8mb4 "$@"
}

scratch=orm_app_blog_$$_$RANDOM
case $database in
  sqlite)
    project=$here/..
    url=sqlite://$work/blog.sqlite3
    sql() { sqlite3 -batch -separator '|' "$work/blog.sqlite3" "$1"; }
    cleanup() { :; }
    ;;
  postgres)
    project=$here/../postgres
    admin=$(server_url)
    url=${admin%/*}/$scratch
    psql -qX "$admin" -c "CREATE DATABASE $scratch"
    sql() { psql -qXAt -F '|' "$url" -c "$1"; }
    cleanup() { psql -qX "$admin" -c "DROP DATABASE IF EXISTS $scratch" || true; }
    ;;
  mariadb | mysql)
    project=$here/../$database
    admin=$(server_url)
    url=${admin%/*}/$scratch
    mysql_client "$admin" -e "CREATE DATABASE $scratch"
    sql() { mysql_client "$url" -N -B -e "$1" | tr '\t' '|'; }
    cleanup() { mysql_client "$admin" -e "DROP DATABASE IF EXISTS $scratch" || true; }
    ;;
  *)
    echo "usage: check.sh sqlite|postgres|mariadb|mysql BLOG_BINARY ORM_BINARY" >&2
    exit 2
    ;;
esac
trap 'cleanup; rm -rf "$work"' EXIT

# Runs the app; its stdout goes to the transcript, its exit code must be `expect`.
transcript=$work/transcript
run() {
  local expect=$1 && shift
  local code=0
  "$blog" "$url" "$@" >>"$transcript" 2>"$work/stderr" || code=$?
  if [[ $code != "$expect" ]]; then
    fail "blog $* exited $code, not $expect: $(cat "$work/stderr")"
  fi
}

# Before the migrations the pin check refuses the database.
code=0
"$blog" "$url" top-authors >/dev/null 2>"$work/stderr" || code=$?
[[ $code == 5 ]] || fail "an unmigrated database gave exit $code, not 5"
grep -q "orm migrate up" "$work/stderr" || fail "no hint to run orm migrate up: $(cat "$work/stderr")"

(cd "$project" && "$orm" -q migrate up --database-url "$url")

# The failing inserts come after the last successful one of their table: PostgreSQL and MySQL
# spend an id on a failed insert, SQLite does not.
run 0 add-user ada@example.com "Ada Lovelace"
run 0 add-user grace@example.com
run 0 add-user linus@example.com "Linus"
run 4 add-user ada@example.com "Ada again"
run 0 write-post ada@example.com "Hello, World!" "The first post." databases cpp
run 0 write-post ada@example.com "Café au lait" "Ünïcödé: ☕" coffee cpp cpp
run 0 write-post grace@example.com "Compilers" "On compilers." cpp
run 0 write-post linus@example.com "Kernel notes" "A draft."
run 4 write-post ada@example.com "hello world" "The same slug." orphan
run 3 write-post nobody@example.com "Lost" "No such user."
run 0 comment 1 grace@example.com "Nice post."
run 0 comment 1 linus@example.com "Agreed."
run 0 comment 3 ada@example.com "Thanks for this."
run 3 comment 99 ada@example.com "No such post."
run 0 publish 1
run 0 publish 2
run 0 publish 1
run 0 publish 3
run 3 publish 99
run 2 publish first
run 0 list-posts ada@example.com
run 0 list-posts linus@example.com
run 0 top-authors
run 0 top-authors 1
run 2 frobnicate

expected=$(
  cat <<'EOF'
user 1 ada@example.com
user 2 grace@example.com
user 3 linus@example.com
post 1 hello-world tags=cpp,databases
post 2 caf-au-lait tags=coffee,cpp
post 3 compilers tags=cpp
post 4 kernel-notes tags=-
comment 1 on post 1 by grace@example.com
comment 2 on post 1 by linus@example.com
comment 3 on post 3 by ada@example.com
published post 1; author karma 1
published post 2; author karma 2
post 1 was published already
published post 3; author karma 1
post 1 hello-world published comments=2 tags=cpp,databases title=Hello, World!
post 2 caf-au-lait published comments=0 tags=coffee,cpp title=Café au lait
post 4 kernel-notes draft comments=0 tags=- title=Kernel notes
1. ada@example.com karma=2 posts=2 published=2 comments=2
2. grace@example.com karma=1 posts=1 published=1 comments=1
3. linus@example.com karma=0 posts=1 published=0 comments=0
1. ada@example.com karma=2 posts=2 published=2 comments=2
EOF
)
if ! diff -u <(echo "$expected") "$transcript" >&2; then
  fail "the app's output differs from the expected lines (above)"
fi

# The rows, read with the database's own client.
check_sql() {
  local query=$1 want=$2 got
  got=$(sql "$query")
  [[ $got == "$want" ]] || fail "$query: got '$got', want '$want'"
}
check_sql "SELECT email, coalesce(name, '-'), karma FROM users ORDER BY id" \
  "ada@example.com|Ada Lovelace|2
grace@example.com|-|1
linus@example.com|Linus|0"
check_sql "SELECT id, author_id, slug, title, CASE WHEN published THEN 'yes' ELSE 'no' END FROM posts ORDER BY id" \
  "1|1|hello-world|Hello, World!|yes
2|1|caf-au-lait|Café au lait|yes
3|2|compilers|Compilers|yes
4|3|kernel-notes|Kernel notes|no"
check_sql "SELECT body FROM posts WHERE id = 2" "Ünïcödé: ☕"
check_sql "SELECT id, name FROM tags ORDER BY id" "1|cpp
2|databases
3|coffee"
check_sql "SELECT post_id, tag_id FROM post_tags ORDER BY post_id, tag_id" "1|1
1|2
2|1
2|3
3|1"
check_sql "SELECT id, post_id, author_id, body FROM comments ORDER BY id" "1|1|2|Nice post.
2|1|3|Agreed.
3|3|1|Thanks for this."

if ((failures > 0)); then
  echo "blog app on $database: $failures failures" >&2
  exit 1
fi
echo "blog app on $database: ok"
