#!/usr/bin/env bash
# Makes a failed daily run impossible to miss: opens an issue labelled daily-scenarios, or comments on the one still
# open, with the run's link. Uses gh (GH_TOKEN; GH_REPO outside a checkout).
#
#   report-daily-failure.sh <run url>
set -euo pipefail

run_url=${1:?the URL of the failed run}
label=daily-scenarios
body="The daily deployed scenarios failed: $run_url"

gh label create "$label" --color B60205 --description "The daily scenarios against the environments failed" 2>/dev/null || true
open=$(gh issue list --label "$label" --state open --json number --jq '.[0].number // empty')
if [[ -n $open ]]; then
  gh issue comment "$open" --body "$body"
  echo "Commented on issue #$open"
else
  gh issue create --title "Daily scenarios failed" --label "$label" --body "$body"
fi
