#!/usr/bin/env bash
# A soak of the Api on loopback (bench/api-under-test.sh): customers and staff (bench/Soak) place, read, list, pay, cancel
# and ship orders with requests always in flight for DURATION while the Api's resident memory is sampled; then every
# acknowledged write is read back. Prints a Markdown summary; exits 1 on a transport error, a 5xx, an unexpected answer,
# a lost acknowledged write, an error in the Api's log, or memory that grew. Run by hand (see bench/README.md):
#   DURATION=10m CUSTOMERS=8 CONCURRENCY=16 bash bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10m}
CUSTOMERS=${CUSTOMERS:-8}
CONCURRENCY=${CONCURRENCY:-16}
SEED=${SEED:-}
RESULTS=${RESULTS:-bench/bin/results}

# shellcheck source=bench/api-under-test.sh
source bench/api-under-test.sh
check_api_under_test_tools
load_seconds=$(seconds_of "$DURATION")
trap stop_api_under_test EXIT

build_api_under_test Soak
mkdir -p "$RESULTS"
run="$RESULTS/soak-$(date -u +%Y%m%dT%H%M%SZ)"
start_api_under_test soak "$run-api.log"
echo "soak: the Api answers at $API_URL; its log: $run-api.log, its memory: $run-rss.csv" >&2

arguments=(--url "$API_URL" --duration "$DURATION" --customers "$CUSTOMERS" --concurrency "$CONCURRENCY")
[[ -n $SEED ]] && arguments+=(--seed "$SEED")
start_rss_sampling "$run-rss.csv"
status=0
bench/bin/soak/Soak "${arguments[@]}" || status=$?
stop_rss_sampling

# the memory of the load is judged; the read-back that follows it is shown apart
if ! report_api_under_test "$run" yes "$((load_seconds + 1))" && ((status == 0)); then
  status=1
fi
echo
if ((status == 0)); then echo "Soak: **passed**."; else echo "Soak: **failed**."; fi
exit "$status"
