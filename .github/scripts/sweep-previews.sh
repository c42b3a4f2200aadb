#!/usr/bin/env bash
# Removes every pull request preview (workspace pr-<number> of development) whose pull request is no longer open:
# the safety net for a close whose teardown failed or never ran. Asks GitHub with gh (GH_TOKEN, and GH_REPO outside
# a checkout). A preview whose pull request GitHub cannot tell about is left alone and reported.
#
#   sweep-previews.sh
set -euo pipefail
# shellcheck source=.github/scripts/delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/delivery.sh"

require_account development
init_environment development

mapfile -t previews < <(workspaces development | grep -E '^pr-[0-9]+$' || true)
echo "Previews: ${previews[*]:-none}"

failed=()
for preview in "${previews[@]}"; do
  number=${preview#pr-}
  if ! state=$(gh pr view "$number" --json state --jq .state); then
    echo "Could not learn the state of pull request #$number; $preview stays" >&2
    failed+=("$preview")
    continue
  fi
  if [[ $state == OPEN ]]; then
    echo "$preview: pull request #$number is open"
    continue
  fi
  echo "$preview: pull request #$number is ${state,,}; removing"
  "$(dirname "${BASH_SOURCE[0]}")/destroy-workspace.sh" development "$preview" || failed+=("$preview")
done

((${#failed[@]} == 0)) || fail "not removed: ${failed[*]}"
