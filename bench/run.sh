#!/usr/bin/env bash
# The Api against two yardsticks, side by side in one run on loopback, and as Lambda runs it (see bench/README.md):
# - over HTTP (Kestrel), JIT and Native AOT builds: bench/Baseline (a bare minimal API with the Api's SQL), bench/
#   StockBaseline (the same with stock AddJwtBearer and OpenTelemetry, exporting), the Api with telemetry off and on
#   (exporting traces, metrics and logs to bench/Collector). For each: start to the first answer that needed the
#   database, requests per second, p50 and p99 of reading an order, placing one and listing a page, and the memory held
#   after the loads;
# - in Lambda mode, Native AOT, behind Tests/LambdaStandIn (a Lambda Runtime API and API Gateway's HTTP API on
#   loopback): Init, the first invocation and later ones reading an order, for bench/HelloFunction (the floor), the
#   stock baseline and the Api with telemetry off and on; and what a million requests cost at those durations.
# Each load and invocation carries the token of the customer whose orders it uses (AppHost/Local's token command). Run
# by hand; it prints Markdown.
#   DURATION=15s WARMUP=5s CONNECTIONS=32 THREADS=2 STARTS=5 INVOCATIONS=200 bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
STARTS=${STARTS:-5}
INVOCATIONS=${INVOCATIONS:-200}
# a fixed order and a customer with a page of orders, seeded below
ORDER_ID=0192f0c4-0000-7000-8000-000000000001
ORDER_CUSTOMER=bench-read
LIST_CUSTOMER=bench-list
# the customer of the orders POST places (bench/post.lua's body)
POST_CUSTOMER=bench-post
# what a million requests cost, in US dollars, in us-east-1 (https://aws.amazon.com/lambda/pricing/,
# https://aws.amazon.com/api-gateway/pricing/): Lambda's duration on arm64 per GB-second and its requests, and an HTTP
# API's requests (the first 300 million a month)
LAMBDA_ARM64_GB_SECOND=0.0000133334
LAMBDA_MILLION_REQUESTS=0.20
HTTP_API_MILLION_REQUESTS=1.00
MEMORY_MB=512

for tool in wrk curl gcc; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool (Debian: apt-get install wrk curl gcc)" >&2; exit 1; }
done
# shellcheck source=.ci/loopback.sh
source .ci/loopback.sh
# shellcheck source=.ci/private-postgres.sh
source .ci/private-postgres.sh
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
aot=(-r linux-x64 -p:PublishAot=true -p:CppCompilerAndLinker=gcc)
echo "building (JIT and Native AOT) into $builds" >&2
for project in Api bench/Baseline bench/StockBaseline; do
  name=$(basename "$project")
  dotnet publish "$project" -c Release -o "$builds/jit/$name" -v quiet >&2
  dotnet publish "$project" -c Release "${aot[@]}" -o "$builds/aot/$name" -v quiet >&2
done
dotnet publish bench/HelloFunction -c Release "${aot[@]}" -o "$builds/aot/HelloFunction" -v quiet >&2
dotnet publish bench/Collector -c Release -o "$builds/collector" -v quiet >&2
dotnet build Tests/LambdaStandIn -c Release -o "$builds/stand-in" -v quiet >&2
# AppHost/Local as a program (orders_local): its token command is the local issuer, which the AppHost and the tests
# sign in with too, and it starts PostgreSQL
build_orders_local "$builds/local"

start_private_postgres bench
# the Api's settings (Database:*), and the baselines' connection string: the same server and database
export Database__Host=127.0.0.1 Database__Port=$PRIVATE_POSTGRES_PORT Database__Name=bench Database__Username=postgres \
  Database__Password=$PRIVATE_POSTGRES_PASSWORD ConnectionStrings__appdb=$PRIVATE_POSTGRES_CONNECTION ASPNETCORE_ENVIRONMENT=Production
(cd "$builds/jit/Api" && dotnet Api.dll migrate) >/dev/null
private_postgres_sql <<SQL
insert into orders values ('$ORDER_ID', '$ORDER_CUSTOMER', 'EUR', 'placed', 26.99, now(), now(), 1);
insert into order_lines values ('$ORDER_ID', 1, 'BOOK', 2, 12.50), ('$ORDER_ID', 2, 'PEN', 1, 1.99);
insert into orders select uuidv7, '$LIST_CUSTOMER', 'EUR', 'placed', 25.00, now(), now(), 1
  from (select ('0192f0c4-0000-7000-8000-' || lpad(n::text, 12, '0'))::uuid as uuidv7 from generate_series(100, 119) n) ids;
insert into order_lines select id, 1, 'BOOK', 2, 12.50 from orders where customer_id = '$LIST_CUSTOMER';
SQL

# the Api and the stock baseline trust tokens signed with this run's key; each load carries the token of the customer
# whose orders it uses
ORDERS_TOKEN_SIGNING_KEY=$(orders_local token --new-key)
export ORDERS_TOKEN_SIGNING_KEY
mapfile -t trust < <(orders_local token --api-settings)
((${#trust[@]} > 0)) || { echo "AppHost/Local's token command gave no settings for the Api" >&2; exit 1; }
read_token=$(orders_local token "$ORDER_CUSTOMER")
list_token=$(orders_local token "$LIST_CUSTOMER")
post_token=$(orders_local token "$POST_CUSTOMER")

collector_port=$(free_port)
ASPNETCORE_URLS="http://127.0.0.1:$collector_port" "$builds/collector/Collector" >/dev/null 2>&1 &
collector_pid=$!
exporting=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$collector_port" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)

milliseconds_since() { awk -v start="$1" -v now="$EPOCHREALTIME" 'BEGIN { printf "%.0f", (now - start) * 1000 }'; }

# a wait of a millisecond without starting a process: a read that times out on a pipe nobody writes to
exec {nap}<> <(:)

# whether GET <path> on 127.0.0.1:<port> with <token> answers 200, asked with bash alone so as not to load the machine
# (the bare baseline ignores the token)
answers() {
  local port=$1 path=$2 token=$3 status
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nConnection: close\r\n\r\n' "$path" "$token" >&3
  read -r _ status _ <&3 || status=""
  exec 3<&-
  [[ $status == 200 ]]
}

# settings <implementation> <telemetry on|off>: prints, one a line, what the service is started with
settings() {
  [[ $1 != Baseline ]] && printf '%s\n' "${trust[@]}"
  [[ $2 == on ]] && printf '%s\n' "${exporting[@]}"
  return 0
}

# start <build> <implementation> <telemetry on|off> <port>: starts the server, and sets first_answer_ms to the time
# from its start to its first answer that needed the database
start() {
  local build=$1 name=$2 telemetry=$3 port=$4 started configured
  local folder="$builds/$build/$name" command=("./$name")
  [[ $build == jit ]] && command=(dotnet "$name.dll")
  mapfile -t configured < <(settings "$name" "$telemetry")
  started=$EPOCHREALTIME
  (cd "$folder" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" "${configured[@]}" "${command[@]}") >"$work/server.log" 2>&1 &
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
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

declare -A rps start_ms memory_mib
runs=("Baseline off" "StockBaseline on" "Api off" "Api on")
echo "## Over HTTP"
echo
echo "| build | service | telemetry | start to first answer (ms, median of $STARTS) | GET by id req/s (p50, p99) | POST req/s (p50, p99) | list req/s (p50, p99) | memory after (MiB) | non-2xx |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for build in jit aot; do
  for run in "${runs[@]}"; do
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

    key="$build $name $telemetry"
    rps["$key get"]=$get_rps
    rps["$key post"]=$post_rps
    start_ms["$key"]=$first
    memory_mib["$key"]=$memory
    echo "| $build | $name | $telemetry | $first | $get_rps ($get_p50, $get_p99) | $post_rps ($post_p50, $post_p99) | $list_rps ($list_p50, $list_p99) | $memory | $((get_bad + post_bad + list_bad)) |"
  done
done

echo
echo "The Api with telemetry on, against the bare baseline (targets: 0.85 AOT, 0.70 JIT) and the stock one (0.95):"
echo
echo "| build | GET by id / bare | POST / bare | GET by id / stock | POST / stock | start / bare start (target: 1.5 AOT) |"
echo "| --- | --- | --- | --- | --- | --- |"
for build in jit aot; do
  echo "| $build | $(ratio "${rps["$build Api on get"]}" "${rps["$build Baseline off get"]}") | $(ratio "${rps["$build Api on post"]}" "${rps["$build Baseline off post"]}") | $(ratio "${rps["$build Api on get"]}" "${rps["$build StockBaseline on get"]}") | $(ratio "${rps["$build Api on post"]}" "${rps["$build StockBaseline on post"]}") | $(ratio "${start_ms["$build Api on"]}" "${start_ms["$build Baseline off"]}") |"
done
echo
echo "Memory after the loads, AOT, the Api with telemetry on: ${memory_mib["aot Api on"]} MiB (target: at most 64)."

# Lambda mode: cold starts of each function behind the stand-in, each then invoked INVOCATIONS times
# measure <executable> <telemetry on|off> <path> [settings...]: prints "init first p50" (ms) of one cold start, then
# INVOCATIONS requests for <path> as the customer of the fixed order
measure() {
  local executable=$1 telemetry=$2 path=$3 report
  shift 3
  local options=(--routes terraform/modules/api/gateway.tf --path "$path" --invocations "$INVOCATIONS" --customer "$ORDER_CUSTOMER")
  [[ $telemetry == on ]] && options+=(--telemetry)
  report=$(env "$@" dotnet "$builds/stand-in/LambdaStandIn.dll" measure "$executable" "${options[@]}") ||
    { echo "$report" >&2; echo "the stand-in failed for $executable" >&2; exit 1; }
  awk '/^Lambda init:/ { init = $3 } /^Lambda invocations:/ { first = $5; for (i = 1; i <= NF; i++) if ($i == "p50") p50 = $(i + 1) }
       END { print init, first, p50 }' <<<"$report"
}

declare -A init_ms first_ms p50_ms
functions=("HelloFunction off" "StockBaseline on" "Api off" "Api on")
echo
echo "## In Lambda mode (Native AOT, behind the Runtime API and HTTP API stand-in)"
echo
echo "| function | telemetry | Init (ms) | first invocation (ms) | later invocations, p50 (ms) |"
echo "| --- | --- | --- | --- | --- |"
for function in "${functions[@]}"; do
  read -r name telemetry <<<"$function"
  path="/api/orders/$ORDER_ID"
  [[ $name == HelloFunction ]] && path=/health
  mapfile -t configured < <([[ $name == HelloFunction ]] || settings "$name" off)
  inits=() firsts=() p50s=()
  for _ in $(seq "$STARTS"); do
    read -r init first p50 < <(measure "$builds/aot/$name/$name" "$telemetry" "$path" "${configured[@]}")
    [[ -n $p50 ]] || { echo "no measurement of $name (telemetry $telemetry)" >&2; exit 1; }
    inits+=("$init") firsts+=("$first") p50s+=("$p50")
  done
  key="$name $telemetry"
  init_ms["$key"]=$(printf '%s\n' "${inits[@]}" | median)
  first_ms["$key"]=$(printf '%s\n' "${firsts[@]}" | median)
  p50_ms["$key"]=$(printf '%s\n' "${p50s[@]}" | median)
  echo "| $name | $telemetry | ${init_ms["$key"]} | ${first_ms["$key"]} | ${p50_ms["$key"]} |"
done
echo
echo "Targets for the Api with telemetry on: Init at most 100 ms, the first invocation at most 25 ms, later ones a p50 of at most 5 ms."

# cost <milliseconds>: US dollars for a million invocations of that duration, billed by the millisecond rounded up
cost() {
  awk -v ms="$1" -v mb="$MEMORY_MB" -v price="$LAMBDA_ARM64_GB_SECOND" \
    'BEGIN { billed = int(ms); if (billed < ms) billed++; printf "%.4f", 1000000 * billed / 1000 * mb / 1024 * price }'
}
echo
echo "## What a million requests cost (arm64, $MEMORY_MB MB, at the later invocations' p50 above)"
echo
echo "| function | Lambda duration | Lambda requests | HTTP API requests | total | one cold start's Init |"
echo "| --- | --- | --- | --- | --- | --- |"
for function in "${functions[@]}"; do
  duration=$(cost "${p50_ms["$function"]}")
  total=$(awk -v d="$duration" -v l="$LAMBDA_MILLION_REQUESTS" -v a="$HTTP_API_MILLION_REQUESTS" 'BEGIN { printf "%.2f", d + l + a }')
  init=$(awk -v c="$(cost "${init_ms["$function"]}")" 'BEGIN { printf "%.7f", c / 1000000 }')
  echo "| $function | \$$duration | \$$LAMBDA_MILLION_REQUESTS | \$$HTTP_API_MILLION_REQUESTS | \$$total | \$$init |"
done

# the charts, for a Markdown viewer that draws Mermaid (such as GitHub's)
echo
echo '```mermaid'
echo 'xychart-beta'
echo '  title "Throughput of the Api with telemetry, against the bare baseline (1.0)"'
echo '  x-axis ["JIT GET", "JIT POST", "AOT GET", "AOT POST"]'
echo '  y-axis "ratio" 0 --> 1.2'
echo "  bar [$(ratio "${rps["jit Api on get"]}" "${rps["jit Baseline off get"]}"), $(ratio "${rps["jit Api on post"]}" "${rps["jit Baseline off post"]}"), $(ratio "${rps["aot Api on get"]}" "${rps["aot Baseline off get"]}"), $(ratio "${rps["aot Api on post"]}" "${rps["aot Baseline off post"]}")]"
echo '```'
echo
echo '```mermaid'
echo 'xychart-beta'
echo '  title "Start, Native AOT (ms)"'
echo '  x-axis ["bare, HTTP", "stock, HTTP", "Api, HTTP", "hello, Init", "stock, Init", "Api, Init"]'
echo '  y-axis "ms"'
echo "  bar [${start_ms["aot Baseline off"]}, ${start_ms["aot StockBaseline on"]}, ${start_ms["aot Api on"]}, ${init_ms["HelloFunction off"]}, ${init_ms["StockBaseline on"]}, ${init_ms["Api on"]}]"
echo '```'

echo
echo "The collector received: $(curl -s "http://127.0.0.1:$collector_port/received")"
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(lscpu | awk -F': +' '/Model name/ { print $2 }'), $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --version)"
