# shellcheck shell=bash
# The Api under test of bench/soak.sh and bench/fuzz.sh, all on loopback: a private PostgreSQL, the Api published as
# bench/run.sh publishes it (API_BUILD=aot, the default: Native AOT into bench/bin/aot/Api, as Lambda runs it; jit:
# bench/bin/jit/Api), connected as the database's owner and applying the schema as it starts, trusting tokens signed
# with a key made for the run (bench/tokens.sh); and its resident memory sampled from /proc while a tool loads it.
# Sourced:
#   check_api_under_test_tools          fails with what to install when a tool is missing
#   build_api_under_test <tool>...      publishes the Api, and each bench/<tool> into bench/bin/<tool in lower case>
#   start_api_under_test <database> <log file>
#                                       starts PostgreSQL and the Api, and waits until the Api answers an authenticated
#                                       request; sets API_URL and API_PID, and exports ORDERS_TOKEN_SIGNING_KEY
#   start_rss_sampling <csv>            the Api's VmRSS every RSS_INTERVAL seconds (default 15) into <csv>: seconds,rss_kib
#   stop_rss_sampling                   stops the sampling, after one last sample
#   seconds_of <duration>               prints 90, 90s, 10m or 2h in seconds
#   print_rss_summary <csv> [<until>]   a Markdown table of the memory and the verdict on it (see bench/README.md), from
#                                       the samples up to <until> seconds (the load; later ones are the read-back);
#                                       returns 1 when the memory grew, 0 when it stayed flat or there are too few
#                                       samples to tell
#   report_api_under_test <run> <memory counts: yes|no> [<until>]
#                                       the memory of <run>-rss.csv and the errors the Api logged in <run>-api.log;
#                                       returns 1 when it logged one or, if it counts, the memory grew
#   stop_api_under_test                 stops the sampling, the Api and PostgreSQL; for a trap on EXIT

# shellcheck source=.ci/private-postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/../.ci/private-postgres.sh"
# shellcheck source=bench/tokens.sh
source "$(dirname "${BASH_SOURCE[0]}")/tokens.sh"

API_BUILD=${API_BUILD:-aot}
RSS_INTERVAL=${RSS_INTERVAL:-15}
# how far the last third's median memory may be above the second third's: 1.10 is 10 % more
RSS_LIMIT=${RSS_LIMIT:-1.10}
API_URL=""
API_PID=""
RSS_SAMPLER_PID=""

check_api_under_test_tools() {
  local tool
  for tool in dotnet curl openssl awk; do
    command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install curl openssl gawk; dotnet: the SDK global.json names)" >&2; return 1; }
  done
  if [[ $API_BUILD == aot ]]; then
    command -v gcc >/dev/null || { echo "the Native AOT build needs gcc (Debian: apt-get install gcc), or set API_BUILD=jit" >&2; return 1; }
  elif [[ $API_BUILD != jit ]]; then
    echo "API_BUILD is aot or jit, not '$API_BUILD'" >&2
    return 1
  fi
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null ||
    { echo "needs the PostgreSQL server binaries (Debian: apt-get install postgresql)" >&2; return 1; }
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
  for tool in "$@"; do
    echo "building bench/$tool into bench/bin/${tool,,}" >&2
    dotnet publish "bench/$tool" -c Release -o "bench/bin/${tool,,}" -v quiet >&2 || return 1
  done
}

start_api_under_test() {
  local database=$1 log=$2 port folder deadline staff_token
  local command=(./Api) trust
  start_private_postgres "$database" || return 1
  ORDERS_TOKEN_SIGNING_KEY=$(new_signing_key)
  export ORDERS_TOKEN_SIGNING_KEY
  mapfile -t trust < <(api_trust_settings)
  port=$(free_port)
  folder=bench/bin/$API_BUILD/Api
  [[ $API_BUILD == jit ]] && command=(dotnet Api.dll)

  # from its own folder, so that it finds its appsettings.json; exec keeps the process id the Api's, for /proc
  (cd "$folder" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    ConnectionStrings__appdb="$PRIVATE_POSTGRES_CONNECTION" Database__MigrateAtStartup=true "${trust[@]}" \
    "${command[@]}") >"$log" 2>&1 &
  API_PID=$!
  API_URL=http://127.0.0.1:$port

  # an authenticated list needs the schema, so this waits for the migrations too
  staff_token=$(mint_token bench-staff staff)
  deadline=$((SECONDS + 60))
  until curl -sf -o /dev/null -H "Authorization: Bearer $staff_token" "$API_URL/api/orders?limit=1"; do
    if ! kill -0 "$API_PID" 2>/dev/null || ((SECONDS >= deadline)); then
      echo "the Api did not answer an authenticated GET /api/orders within 60 s; the end of its log ($log):" >&2
      tail -n 40 "$log" >&2
      return 1
    fi
    sleep 0.2
  done
}

# <pid> <seconds>: prints "seconds,rss_kib" of the process, nothing when it is gone
sample_rss() {
  awk -v at="$2" '/^VmRSS:/ { print at "," $2 }' "/proc/$1/status" 2>/dev/null
}

start_rss_sampling() {
  RSS_CSV=$1
  RSS_STARTED=$SECONDS
  echo "seconds,rss_kib" >"$RSS_CSV"
  (
    # a wait without a sleep process that would outlive this one: a read that times out on a pipe nobody writes to
    exec {nap}<> <(:)
    while sample_rss "$API_PID" $((SECONDS - RSS_STARTED)) >>"$RSS_CSV"; do
      read -rt "$RSS_INTERVAL" -u "$nap" || true
    done
  ) &
  RSS_SAMPLER_PID=$!
}

stop_rss_sampling() {
  [[ -n $RSS_SAMPLER_PID ]] || return 0
  kill "$RSS_SAMPLER_PID" 2>/dev/null || true
  wait "$RSS_SAMPLER_PID" 2>/dev/null || true
  RSS_SAMPLER_PID=""
  if [[ -n $API_PID ]]; then
    sample_rss "$API_PID" $((SECONDS - RSS_STARTED)) >>"$RSS_CSV" || true
  fi
}

seconds_of() {
  local amount=${1%[smh]}
  [[ $amount =~ ^[0-9]+$ ]] || { echo "a length of time is 90, 90s, 10m or 2h, not '$1'" >&2; return 1; }
  case $1 in
    *m) echo $((amount * 60)) ;;
    *h) echo $((amount * 3600)) ;;
    *) echo "$amount" ;;
  esac
}

# The samples of the load in thirds by their order: the first third is the warm-up; the memory stayed flat when the
# median of the last third is at most RSS_LIMIT times (default 1.10: 10 % above) the median of the second. It needs six
# samples, two a third.
print_rss_summary() {
  awk -F, -v limit="$RSS_LIMIT" -v until="${2:-}" '
    function median(from, to,    n, i, j, v, sorted) {
      n = 0
      for (i = from; i <= to; i++) sorted[++n] = rss[i]
      for (i = 2; i <= n; i++) { v = sorted[i]; for (j = i - 1; j >= 1 && sorted[j] > v; j--) sorted[j + 1] = sorted[j]; sorted[j + 1] = v }
      return n % 2 ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2
    }
    function mib(kib) { return sprintf("%.1f", kib / 1024) }
    NR > 1 && $2 != "" {
      if (until == "" || $1 + 0 <= until + 0) { n++; at[n] = $1; rss[n] = $2 } else { later_at = $1; later_rss = $2 }
    }
    END {
      print "| Api memory (VmRSS) | MiB | at (s) |"
      print "| --- | --- | --- |"
      if (n == 0) { print "| no sample | | |"; exit 0 }
      top = 1
      for (i = 2; i <= n; i++) if (rss[i] > rss[top]) top = i
      third = int(n / 3)
      print "| first | " mib(rss[1]) " | " at[1] " |"
      if (third >= 1) print "| after warm-up (the first sample of the second third) | " mib(rss[third + 1]) " | " at[third + 1] " |"
      print "| max | " mib(rss[top]) " | " at[top] " |"
      print "| last | " mib(rss[n]) " | " at[n] " |"
      if (later_at != "") print "| at the end, after the read-back | " mib(later_rss) " | " later_at " |"
      if (n < 6) {
        print ""
        print "Memory: " n " samples, too few to judge (six are needed: run longer, or lower RSS_INTERVAL)."
        exit 0
      }
      second = median(third + 1, int(2 * n / 3))
      last = median(int(2 * n / 3) + 1, n)
      print "| median of the second third | " mib(second) " | |"
      print "| median of the last third | " mib(last) " | |"
      print ""
      ratio = last / second
      if (ratio <= limit + 0) {
        printf "Memory: **flat** (%d samples; the median of the last third is %.3f times that of the second, at most %s).\n", n, ratio, limit
        exit 0
      }
      printf "Memory: **grew** (%d samples; the median of the last third is %.3f times that of the second, more than %s).\n", n, ratio, limit
      exit 1
    }' "$1"
}

report_api_under_test() {
  local run=$1 memory_counts=$2 until=${3:-} failed=0 errors
  echo
  if ! print_rss_summary "$run-rss.csv" "$until"; then
    if [[ $memory_counts == yes ]]; then failed=1; else echo "(Reported, not judged: this run is too short and uneven for it.)"; fi
  fi
  errors=$(grep -cE '^(fail|crit):' "$run-api.log" || true)
  echo
  echo "The Api logged $errors errors ($run-api.log); memory samples: $run-rss.csv."
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), .NET $(dotnet --version), the Api built $API_BUILD."
  if ((errors > 0)); then
    echo
    grep -E -A 3 '^(fail|crit):' "$run-api.log" | head -n 40 || true
    failed=1
  fi
  return "$failed"
}

stop_api_under_test() {
  stop_rss_sampling || true
  if [[ -n $API_PID ]]; then
    kill "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
    API_PID=""
  fi
  stop_private_postgres || true
}
