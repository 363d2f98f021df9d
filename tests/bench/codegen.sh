#!/usr/bin/env bash
# `orm generate --lang cpp` for 50 tables of 20 columns (every models type, a unique key and a
# foreign key to the previous table each): the time to generate the header (median of 5) and to
# compile, with g++ -O2, a translation unit that includes it and calls 200 of its lookups (median
# of 3). Targets: generating well under a second; compiling under 5 s.
# Usage: tests/bench/codegen.sh    (ORM=path/to/orm, default build/orm; CXX, default g++)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/bench/lib.sh"
orm=${ORM:-$root/build/orm}
cxx=${CXX:-g++}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$orm" -q init
tables=50
for ((t = 0; t < tables; t++)); do
  echo "table t$t {"
  echo "  id bigint primary key autoincrement"
  [[ $t -gt 0 ]] && echo "  parent_id bigint? references t$((t - 1))(id)" || echo "  parent_id bigint?"
  echo "  code varchar(40) unique"
  echo "  name text"
  echo "  note text?"
  echo "  flag bool default false"
  echo "  small smallint"
  echo "  count int default 0"
  echo "  ratio real?"
  echo "  score double"
  echo "  price decimal(12, 2)"
  echo "  label char(8)?"
  echo "  blob bytes?"
  echo "  day date?"
  echo "  at time?"
  echo "  created timestamp default now"
  echo "  seen timestamptz?"
  echo "  token uuid"
  echo "  doc json?"
  echo "  state enum('new', 'open', 'closed') default 'new'"
  echo "}"
done > models.orm
SOURCE_DATE_EPOCH=1767225600 "$orm" -q makemigrations --offline -n wide
generate_ms=$(median_ms 5 "$orm" generate --out models.hpp)
"$orm" -q generate --out models.hpp
{
  echo '#include "models.hpp"'
  echo 'void use(orm::Executor& executor) {'
  for ((q = 0; q < 200; q++)); do
    t=$((q % tables))
    if ((q % 2)); then
      echo "  (void)models::t$t::get(executor, $q);"
    else
      echo "  (void)models::t$t::get_by_code(executor, \"c$q\");"
    fi
  done
  echo '}'
} > use.cpp
compile_ms=$(median_ms 3 "$cxx" -std=c++20 -O2 -I"$root" -c use.cpp -o use.o)
# The compiler's own CPU time and peak memory, which a loaded machine does not inflate.
read -r cpu_s peak_kb < <(/usr/bin/time -f "%U %M" "$cxx" -std=c++20 -O2 -I"$root" -c use.cpp -o use.o 2>&1 >/dev/null | tail -1)
echo "bench codegen tables=$tables columns=20 header_lines=$(wc -l < models.hpp) generate_ms=$generate_ms compile_ms=$compile_ms compile_cpu_ms=$(awk "BEGIN { printf \"%d\", $cpu_s * 1000 }") compile_peak_mb=$((peak_kb / 1024))"
