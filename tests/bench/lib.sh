# Shared by the benchmark scripts: `source "$(dirname "$0")/lib.sh"`.

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Median wall time in ms of RUNS runs of the command; calls `reset` first each time when it is
# defined. A --check that finds work (exit 1) still counts as a run.
median_ms() {
  local runs=$1; shift
  local times=()
  for ((run = 0; run < runs; run++)); do
    declare -F reset >/dev/null && reset
    local start; start=$(now_ms)
    "$@" >/dev/null || [[ $? -eq 1 ]]
    times+=($(( $(now_ms) - start )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

# The models of COUNT tables of the benchmarks: 10 columns, a unique and a plain index and a
# foreign key to the previous table each; EXTRA lines go into the first table.
wide_models() {
  local count=$1 extra=${2:-}
  for ((t = 0; t < count; t++)); do
    echo "table t$t {"
    echo "  id bigint primary key autoincrement"
    [[ $t -gt 0 ]] && echo "  parent_id bigint? references t$((t - 1))(id) on delete set null" || echo "  parent_id bigint?"
    echo "  name varchar(100)"
    echo "  email varchar(255) unique"
    echo "  score int default 0 check (score >= 0)"
    echo "  ratio double?"
    echo "  note text?"
    echo "  active bool default true"
    echo "  created_at timestamp default now"
    echo "  updated_at timestamptz?"
    [[ $t -eq 0 && -n $extra ]] && echo "$extra"
    echo "  index (name, created_at)"
    echo "}"
  done
}
