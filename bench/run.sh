#!/usr/bin/env bash
# The Api against a bare minimal API with the same SQL (bench/Baseline), side by side in one run on loopback: JIT and
# Native AOT builds, the Api with telemetry off and exported to a local collector (bench/Collector). For each: time
# from start to the first answer that needed the database, then requests per second, p50 and p99 of reading an order,
# placing one and listing a page, and the memory held after the load. The Api trusts tokens signed with a key made for
# the run (bench/tokens.sh); each load sends the token of the customer whose orders it reads, places or lists. Run by
# hand (see bench/README.md); it prints a Markdown table.
#   DURATION=15s WARMUP=5s CONNECTIONS=32 THREADS=2 STARTS=5 bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
STARTS=${STARTS:-5}
# a fixed order and a customer with a page of orders, seeded below
ORDER_ID=0192f0c4-0000-7000-8000-000000000001
ORDER_CUSTOMER=bench-read
LIST_CUSTOMER=bench-list
# the customer of the orders POST places (bench/post.lua's body)
POST_CUSTOMER=bench-post

for tool in wrk curl gcc openssl; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool (Debian: apt-get install wrk curl gcc openssl)" >&2; exit 1; }
done
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null ||
  { echo "bench/run.sh needs the PostgreSQL server binaries (Debian: apt-get install postgresql)" >&2; exit 1; }

# shellcheck source=.ci/private-postgres.sh
source .ci/private-postgres.sh
# shellcheck source=bench/tokens.sh
source bench/tokens.sh
work=$(mktemp -d)
server_pid=""
collector_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n $collector_pid ]] && kill "$collector_pid" 2>/dev/null && wait "$collector_pid" 2>/dev/null
  stop_private_postgres
  rm -rf "$work"
}
trap cleanup EXIT

# the builds stay in bench/bin, so that a second run builds only what changed
builds=bench/bin
echo "building (JIT and Native AOT) into $builds" >&2
for project in Api bench/Baseline; do
  name=$(basename "$project")
  dotnet publish "$project" -c Release -o "$builds/jit/$name" -v quiet >&2
  dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -p:CppCompilerAndLinker=gcc -o "$builds/aot/$name" -v quiet >&2
done
dotnet publish bench/Collector -c Release -o "$builds/collector" -v quiet >&2

start_private_postgres bench
export ConnectionStrings__appdb=$PRIVATE_POSTGRES_CONNECTION ASPNETCORE_ENVIRONMENT=Production
(cd "$builds/jit/Api" && dotnet Api.dll migrate) >/dev/null
as_postgres "$PRIVATE_POSTGRES_BIN/psql" -q -h 127.0.0.1 -p "$PRIVATE_POSTGRES_PORT" -U postgres -d bench -v ON_ERROR_STOP=1 <<SQL
insert into orders values ('$ORDER_ID', '$ORDER_CUSTOMER', 'EUR', 'placed', 26.99, now(), now(), 1);
insert into order_lines values ('$ORDER_ID', 1, 'BOOK', 2, 12.50), ('$ORDER_ID', 2, 'PEN', 1, 1.99);
insert into orders select uuidv7, '$LIST_CUSTOMER', 'EUR', 'placed', 25.00, now(), now(), 1
  from (select ('0192f0c4-0000-7000-8000-' || lpad(n::text, 12, '0'))::uuid as uuidv7 from generate_series(100, 119) n) ids;
insert into order_lines select id, 1, 'BOOK', 2, 12.50 from orders where customer_id = '$LIST_CUSTOMER';
SQL

# the Api trusts tokens signed with this run's key; each load carries the token of the customer whose orders it uses
ORDERS_TOKEN_SIGNING_KEY=$(new_signing_key)
mapfile -t api_trust < <(api_trust_settings)
read_token=$(mint_token "$ORDER_CUSTOMER")
list_token=$(mint_token "$LIST_CUSTOMER")
post_token=$(mint_token "$POST_CUSTOMER")

collector_port=$(free_port)
ASPNETCORE_URLS="http://127.0.0.1:$collector_port" "$builds/collector/Collector" >/dev/null 2>&1 &
collector_pid=$!

milliseconds_since() { awk -v start="$1" -v now="$EPOCHREALTIME" 'BEGIN { printf "%.0f", (now - start) * 1000 }'; }

# a wait of a millisecond without starting a process: a read that times out on a pipe nobody writes to
exec {nap}<> <(:)

# whether GET <path> on 127.0.0.1:<port> with <token> answers 200, asked with bash alone so as not to load the machine
# (the baseline ignores the token)
answers() {
  local port=$1 path=$2 token=$3 status
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nConnection: close\r\n\r\n' "$path" "$token" >&3
  read -r _ status _ <&3 || status=""
  exec 3<&-
  [[ $status == 200 ]]
}

# start <build> <implementation> <telemetry on|off> <port>: starts the server, and sets first_answer_ms to the time
# from its start to its first answer that needed the database
start() {
  local build=$1 name=$2 telemetry=$3 port=$4 started
  local folder="$builds/$build/$name" command=("./$name")
  [[ $build == jit ]] && command=(dotnet "$name.dll")
  local settings=(ASPNETCORE_URLS="http://127.0.0.1:$port")
  [[ $name == Api ]] && settings+=("${api_trust[@]}")
  [[ $telemetry == on ]] && settings+=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$collector_port" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)
  started=$EPOCHREALTIME
  (cd "$folder" && exec env "${settings[@]}" "${command[@]}") >"$work/server.log" 2>&1 &
  server_pid=$!
  until answers "$port" "/api/orders/$ORDER_ID" "$read_token" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || { echo "$build $name stopped; its log:" >&2; cat "$work/server.log" >&2; exit 1; }
    read -rt 0.001 -u "$nap" || true
  done
  first_answer_ms=$(milliseconds_since "$started")
}

stop() {
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# load <port> <path> [wrk arguments...]: prints "requests/s p50 p99 non-2xx" of one wrk run, after one that warms up
# (JIT compilation, the connection pools) and is not counted
load() {
  local port=$1 path=$2
  shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$@" "http://127.0.0.1:$port$path" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "http://127.0.0.1:$port$path" |
    awk '/^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /^Requests\/sec/ { rps = $2 } /Non-2xx/ { bad = $NF }
         END { printf "%.0f %s %s %d\n", rps, p50, p99, bad }'
}

median() { sort -n | awk '{ values[NR] = $1 } END { print values[int((NR + 1) / 2)] }'; }

declare -A rps
echo "| build | service | telemetry | start to first answer (ms, median of $STARTS) | GET by id req/s (p50, p99) | POST req/s (p50, p99) | list req/s (p50, p99) | memory after (MiB) | non-2xx |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for build in jit aot; do
  for run in "Baseline off" "Api off" "Api on"; do
    read -r name telemetry <<<"$run"
    port=$(free_port)
    starts=()
    for _ in $(seq "$STARTS"); do
      start "$build" "$name" "$telemetry" "$port"
      starts+=("$first_answer_ms")
      stop
    done
    first=$(printf '%s\n' "${starts[@]}" | median)

    start "$build" "$name" "$telemetry" "$port"
    read -r get_rps get_p50 get_p99 get_bad < <(load "$port" "/api/orders/$ORDER_ID" -H "Authorization: Bearer $read_token")
    read -r post_rps post_p50 post_p99 post_bad < <(load "$port" /api/orders -s bench/post.lua -H "Authorization: Bearer $post_token")
    read -r list_rps list_p50 list_p99 list_bad < <(load "$port" "/api/orders?customerId=$LIST_CUSTOMER&limit=20" -H "Authorization: Bearer $list_token")
    memory=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status")
    stop

    rps["$build $name $telemetry get"]=$get_rps
    rps["$build $name $telemetry post"]=$post_rps
    echo "| $build | $name | $telemetry | $first | $get_rps ($get_p50, $get_p99) | $post_rps ($post_p50, $post_p99) | $list_rps ($list_p50, $list_p99) | $memory | $((get_bad + post_bad + list_bad)) |"
  done
done

echo
echo "Api with telemetry on against the baseline's throughput (target: at least 0.85):"
for build in jit aot; do
  for scenario in get post; do
    awk -v api="${rps["$build Api on $scenario"]}" -v baseline="${rps["$build Baseline off $scenario"]}" -v what="$build $scenario" \
      'BEGIN { printf "- %s: %.2f\n", what, api / baseline }'
  done
done
echo
echo "The collector received: $(curl -s "http://127.0.0.1:$collector_port/received")"
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(lscpu | awk -F': +' '/Model name/ { print $2 }'), $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --version)"
