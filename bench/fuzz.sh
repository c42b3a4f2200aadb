#!/usr/bin/env bash
# A fuzz run of the Api on loopback (bench/api-under-test.sh): REQUESTS random requests (bench/Fuzz) of random methods,
# paths, headers, tokens and bodies, from SEED (printed, so a run can be made again), with valid writes among them,
# while it samples the Api's resident memory; then every acknowledged write is read back. Fuzz prints a Markdown
# summary and exits 1 on a 5xx, a transport error (but for requests over the server's limits), a refused token or an
# oversize body taken, a customer shown another's order, a lost acknowledged write, or an error in the Api's log. Run by
# hand (see bench/README.md):
#   REQUESTS=20000 CONCURRENCY=8 SEED=42 bash bench/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=${REQUESTS:-20000}
CONCURRENCY=${CONCURRENCY:-8}
SEED=${SEED:-}
RESULTS=${RESULTS:-bench/bin/results}

# shellcheck source=bench/api-under-test.sh
source bench/api-under-test.sh
check_api_under_test_tools
trap stop_api_under_test EXIT

build_api_under_test Fuzz
mkdir -p "$RESULTS"
run="$RESULTS/fuzz-$(date -u +%Y%m%dT%H%M%SZ)"
start_api_under_test fuzz "$run"
echo "fuzz: the Api answers at $API_URL; its log: $run-api.log, its memory: $run-rss.csv" >&2

arguments=(--url "$API_URL" --requests "$REQUESTS" --concurrency "$CONCURRENCY" "${API_UNDER_TEST[@]}")
[[ -n $SEED ]] && arguments+=(--seed "$SEED")
bench/bin/fuzz/Fuzz "${arguments[@]}"
