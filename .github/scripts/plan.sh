#!/usr/bin/env bash
# Plans the environment a pull request would change (its default workspace), read-only: no state lock is taken and
# nothing is applied. Writes the plan as Markdown for the pull request's comment.
#
#   LAMBDA_PACKAGE=artifacts/api-lambda.zip plan.sh <environment> <markdown file>
set -euo pipefail
# shellcheck source=.github/scripts/delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/delivery.sh"

environment=${1:-}
markdown=${2:-}
require_environment "$environment"
[[ -n $markdown ]] || fail "give the file to write the plan into"
require_package
require_account "$environment"

init_environment "$environment"
select_workspace "$environment" default

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
terraform_in "$environment" plan -input=false -lock=false -no-color -detailed-exitcode >"$work/plan.txt" 2>&1 || status=$?
cat "$work/plan.txt"
case $status in
  0) summary="no changes" ;;
  2) summary=$(grep -E '^Plan: ' "$work/plan.txt" | tail -n 1 || echo "changes") ;;
  *) summary="the plan failed" ;;
esac

{
  echo "### terraform plan: $environment"
  echo
  echo "$summary"
  echo
  echo "<details><summary>The whole plan</summary>"
  echo
  echo '```'
  # a comment holds at most 65,536 characters
  tail -c 60000 "$work/plan.txt"
  echo '```'
  echo
  echo "</details>"
} >"$markdown"

((status != 1)) || fail "terraform plan of $environment failed (above)"
