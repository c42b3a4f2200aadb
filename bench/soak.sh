#!/usr/bin/env bash
# A soak of the Api on loopback (bench/api-under-test.sh): customers and staff (bench/Soak) place, read, list, pay, cancel
# and ship orders with requests always in flight for DURATION while it samples the Api's resident memory; then every
# acknowledged write is read back. Soak prints a Markdown summary and exits 1 on a transport error, a 5xx, an unexpected
# answer, a lost acknowledged write, an error in the Api's log, or memory that grew. Run by hand (see bench/README.md):
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
trap stop_api_under_test EXIT

build_api_under_test Soak
mkdir -p "$RESULTS"
run="$RESULTS/soak-$(date -u +%Y%m%dT%H%M%SZ)"
start_api_under_test soak "$run"
echo "soak: the Api answers at $API_URL; its log: $run-api.log, its memory: $run-rss.csv" >&2

arguments=(--url "$API_URL" --duration "$DURATION" --customers "$CUSTOMERS" --concurrency "$CONCURRENCY" "${API_UNDER_TEST[@]}")
[[ -n $SEED ]] && arguments+=(--seed "$SEED")
bench/bin/soak/Soak "${arguments[@]}"
