# shellcheck shell=bash
# The Api under test of bench/soak.sh and bench/fuzz.sh, all on loopback: a private PostgreSQL, the Api published as
# bench/run.sh publishes it (API_BUILD=aot, the default: Native AOT into bench/bin/aot/Api, as Lambda runs it; jit:
# bench/bin/jit/Api), connected as the database's owner once its migrate command applied the schema, trusting tokens
# signed with a key made for the run (AppHost/Local's token command). The tool that loads it samples its resident memory
# and reports on it and on the Api's log (bench/OrdersClient/ApiUnderTest.cs).
# Sourced:
#   check_api_under_test_tools          fails with what to install when a tool is missing
#   build_api_under_test <tool>...      publishes the Api, and each bench/<tool> into bench/bin/<tool in lower case>;
#                                       builds AppHost/Local into bench/bin/local
#   start_api_under_test <database> <run>
#                                       starts PostgreSQL and the Api, logging to <run>-api.log, and waits until the Api
#                                       answers an authenticated request; sets API_URL, API_PID and API_UNDER_TEST (the
#                                       arguments that give a tool the Api to watch, with RSS_INTERVAL and RSS_LIMIT
#                                       when set), and exports ORDERS_TOKEN_SIGNING_KEY
#   stop_api_under_test                 stops the Api and PostgreSQL; for a trap on EXIT

# shellcheck source=.ci/loopback.sh
source "$(dirname "${BASH_SOURCE[0]}")/../.ci/loopback.sh"
# shellcheck source=.ci/private-postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/../.ci/private-postgres.sh"

API_BUILD=${API_BUILD:-aot}
API_URL=""
API_PID=""
API_UNDER_TEST=()

check_api_under_test_tools() {
  local tool
  for tool in dotnet curl; do
    command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install curl; dotnet: the SDK global.json names)" >&2; return 1; }
  done
  if [[ $API_BUILD == aot ]]; then
    command -v gcc >/dev/null || { echo "the Native AOT build needs gcc (Debian: apt-get install gcc), or set API_BUILD=jit" >&2; return 1; }
  elif [[ $API_BUILD != jit ]]; then
    echo "API_BUILD is aot or jit, not '$API_BUILD'" >&2
    return 1
  fi
}

build_api_under_test() {
  local tool
  # into the folders bench/run.sh uses, so that the one reuses what the other built
  if [[ $API_BUILD == aot ]]; then
    echo "building the Api (Native AOT) into bench/bin/aot/Api" >&2
    dotnet publish Api -c Release -r linux-x64 -p:PublishAot=true -p:CppCompilerAndLinker=gcc -o bench/bin/aot/Api -v quiet >&2 || return 1
  else
    echo "building the Api (JIT) into bench/bin/jit/Api" >&2
    dotnet publish Api -c Release -o bench/bin/jit/Api -v quiet >&2 || return 1
  fi
  # AppHost/Local as a program (orders_local): its token command is the local issuer, which the AppHost and the tests
  # sign in with too, and it starts PostgreSQL
  echo "building AppHost/Local into bench/bin/local" >&2
  build_orders_local bench/bin/local || return 1
  for tool in "$@"; do
    echo "building bench/$tool into bench/bin/${tool,,}" >&2
    dotnet publish "bench/$tool" -c Release -o "bench/bin/${tool,,}" -v quiet >&2 || return 1
  done
}

start_api_under_test() {
  local database=$1 run=$2 log=$2-api.log port folder deadline staff_token
  local command=(./Api) trust
  start_private_postgres "$database" || return 1
  ORDERS_TOKEN_SIGNING_KEY=$(orders_local token --new-key) || return 1
  export ORDERS_TOKEN_SIGNING_KEY
  mapfile -t trust < <(orders_local token --api-settings)
  ((${#trust[@]} > 0)) || { echo "AppHost/Local's token command gave no settings for the Api" >&2; return 1; }
  port=$(free_port)
  folder=bench/bin/$API_BUILD/Api
  [[ $API_BUILD == jit ]] && command=(dotnet Api.dll)

  # from its own folder, so that it finds its appsettings.json; the schema first, by its migrate command; exec keeps the
  # process id the Api's, for /proc
  local settings=(Database__Host=127.0.0.1 "Database__Port=$PRIVATE_POSTGRES_PORT" "Database__Name=$database" Database__Username=postgres
    "Database__Password=$PRIVATE_POSTGRES_PASSWORD")
  (cd "$folder" && exec env ASPNETCORE_ENVIRONMENT=Production "${settings[@]}" "${command[@]}" migrate) >"$log" 2>&1 ||
    { echo "the Api's migrate command failed; its log ($log):" >&2; tail -n 40 "$log" >&2; return 1; }
  (cd "$folder" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    "${settings[@]}" "${trust[@]}" "${command[@]}") >>"$log" 2>&1 &
  API_PID=$!
  API_URL=http://127.0.0.1:$port

  # an authenticated list needs the schema, so this waits for the migrations too
  staff_token=$(orders_local token bench-staff --staff) || return 1
  deadline=$((SECONDS + 60))
  until curl -sf -o /dev/null -H "Authorization: Bearer $staff_token" "$API_URL/api/orders?limit=1"; do
    if ! kill -0 "$API_PID" 2>/dev/null || ((SECONDS >= deadline)); then
      echo "the Api did not answer an authenticated GET /api/orders within 60 s; the end of its log ($log):" >&2
      tail -n 40 "$log" >&2
      return 1
    fi
    sleep 0.2
  done
  API_UNDER_TEST=(--api-pid "$API_PID" --api-log "$log" --memory-samples "$run-rss.csv" --api-build "$API_BUILD")
  [[ -n ${RSS_INTERVAL:-} ]] && API_UNDER_TEST+=(--rss-interval "$RSS_INTERVAL")
  [[ -n ${RSS_LIMIT:-} ]] && API_UNDER_TEST+=(--rss-limit "$RSS_LIMIT")
  return 0
}

stop_api_under_test() {
  if [[ -n $API_PID ]]; then
    kill "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
    API_PID=""
  fi
  stop_private_postgres || true
}
