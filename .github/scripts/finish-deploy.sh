#!/usr/bin/env bash
# Ends a deploy once the checks after it ran (the web app published, the deployed scenarios against the environment):
#   - they succeeded, and no alarm the deploy watches fired since live began to move: the new version stays, and
#     every other version (and live itself, where a provisioned concurrency config from before sits on the alias)
#     loses its provisioned concurrency, as they take no traffic;
#   - they did not, or such an alarm fired meanwhile: live returns wholly to the previous version, the new version
#     loses its provisioned concurrency, and this fails with the reason (outputs rolled_back and reason).
# It also ends a deploy that stopped after live began to move (a failed step, a cancel or a timeout during a bake):
# live, still sharing its traffic or wholly on the new version, returns to the previous one. A first deploy (deploy.sh's
# previous_version empty) has nothing to roll back to: failed checks fail it, and live stays where it is.
#
#   finish-deploy.sh <environment> [<workspace>] --checks success|failure|cancelled [--previous-version <version>]
#                    [--moved-at <UTC time>]
#
# --checks is the job's status so far (${{ job.status }}); --previous-version and --moved-at are deploy.sh's outputs.
set -euo pipefail
# shellcheck source=.github/scripts/delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/delivery.sh"
# shellcheck source=.github/scripts/live-alias.sh
source "$(dirname "${BASH_SOURCE[0]}")/live-alias.sh"

environment=${1:-}
(($# == 0)) || shift
workspace=default
if [[ -n ${1:-} && ${1:-} != --* ]]; then
  workspace=$1
  shift
fi
require_environment "$environment"
[[ $workspace == default ]] || require_copy_workspace "$workspace"

checks="" previous="" moved_at=""
while (($# > 0)); do
  case $1 in
    --checks) checks=${2:-}; shift 2 ;;
    --previous-version) previous=${2:-}; shift 2 ;;
    --moved-at) moved_at=${2:-}; shift 2 ;;
    *) fail "unknown argument '$1'; usage: finish-deploy.sh <environment> [<workspace>] --checks success|failure|cancelled [--previous-version <version>] [--moved-at <time>]" ;;
  esac
done
[[ $checks =~ ^(success|failure|cancelled)$ ]] || fail "--checks must be success, failure or cancelled (the job's status), not '$checks'"
[[ -z $previous || -n $moved_at ]] || fail "--moved-at is missing: deploy.sh gives it with previous_version"
require_account "$environment"

init_environment "$environment"
select_workspace "$environment" "$workspace"
read_outputs "$environment"
function_name=$(read_output function_name)
provisioned_concurrency=$(read_output provisioned_concurrency)
alarms=$(read_output 'deploy.alarm_names[]')
mapfile -t alarm_names <<<"$alarms"
read_live
version=$live_version

if [[ -z $previous ]]; then
  [[ $checks == success ]] || fail "the checks after the first deploy of $function_name did not succeed ($checks); there is no version to roll back to, so live stays on version $version"
  echo "the checks after the first deploy succeeded: live stays on version $version"
  release_provisioned_concurrency "$version"
  exit 0
fi

# deploy.sh stopped halfway (a failed step, a cancel, a timeout): live still shares its traffic, and goes back
if [[ -n $live_canary ]]; then
  [[ $live_version == "$previous" && $checks != success ]] ||
    fail "live shares its traffic between versions $live_version and $live_canary, which is not what the deploy of version $live_canary from $previous leaves when it succeeded; nothing was changed"
  roll_back "$previous" "$live_canary" "the deploy stopped while version $live_canary had a share of the traffic ($checks)"
fi
[[ $version != "$previous" ]] || fail "live is on version $previous, the previous one, already: nothing to keep or roll back"

[[ $checks == success ]] || roll_back "$previous" "$version" "the checks after the deploy did not succeed ($checks)"
if ! bake 0 "$moved_at"; then
  # shellcheck disable=SC2154 # bake sets it
  roll_back "$previous" "$version" "the alarm $fired_alarm fired while version $version took the traffic"
fi
release_provisioned_concurrency "$version"
echo "version $version of $function_name stays live; version $previous no longer takes traffic"
