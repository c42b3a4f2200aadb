#!/usr/bin/env bash
# Deploys the Lambda package to an environment, or to a workspace (a private copy) of it, schema first, then traffic
# in steps:
#   1. checks the credentials are the environment's account (AWS_ACCOUNT_ID);
#   2. applies terraform/<environment> in the workspace: a new Api version is published, live stays where it is;
#   3. gives the Api's database role a random password the first time (into its secret: Terraform never writes it,
#      so no plan reads it), then invokes the migration function (the same package, inside the VPC), which lets the
#      role log in with it; it stops if the migration fails: live is untouched;
#   4. gives the new version its provisioned concurrency (if any) and waits until it is ready, while live still
#      sends everything to the previous version, which keeps its own;
#   5. moves live in the environment's traffic steps (10%, then 100%), holding each for its bake time while it
#      watches the deploy's alarms (the function's errors and the API's 5xx, minute by minute). When one fires, live
#      returns wholly to the previous version and the deploy fails with the alarm's reason.
# The first deploy has no previous version (Terraform made live on it): nothing moves and nothing can be rolled back.
# Then finish-deploy.sh, after the deployed scenarios, keeps the new version (and takes the old one's provisioned
# concurrency away) or rolls live back. The step's outputs: url, function, version, previous_version (empty on a
# first deploy), moved_at (when live began to move, for finish-deploy.sh's look at the alarms), user_pool_id and
# scenarios_client_id (for the deployed scenarios and their callers, scenario-callers.sh); rolled_back and reason
# when it rolled back.
#
#   LAMBDA_PACKAGE=artifacts/api-lambda.zip deploy.sh <environment> [<workspace>]
#
# Terraform's other variables come from TF_VAR_... (see terraform/README.md). ALARM_POLL_SECONDS: see live-alias.sh.
set -euo pipefail
# shellcheck source=.github/scripts/delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/delivery.sh"
# shellcheck source=.github/scripts/live-alias.sh
source "$(dirname "${BASH_SOURCE[0]}")/live-alias.sh"

environment=${1:-}
workspace=${2:-default}
require_environment "$environment"
[[ $workspace == default ]] || require_copy_workspace "$workspace"
require_package
require_account "$environment"

echo "::group::terraform apply: $environment, workspace $workspace"
init_environment "$environment"
if [[ $workspace == default ]]; then
  select_workspace "$environment" default
else
  select_workspace "$environment" "$workspace" -or-create=true
fi
terraform_in "$environment" apply -input=false -auto-approve -no-color || fail "terraform apply failed; live was not moved"
echo "::endgroup::"

read_outputs "$environment"
function_name=$(read_output function_name)
version=$(read_output published_version)
migration_function=$(read_output migration_function_name)
url=$(read_output url)
provisioned_concurrency=$(read_output provisioned_concurrency)
user_pool_id=$(read_output user_pool_id)
scenarios_client_id=$(read_output scenarios_client_id)
database_api_secret=$(read_output database_api_secret_arn)
bake_seconds=$(read_output deploy.bake_seconds)
steps=$(read_output 'deploy.traffic_steps[]')
alarms=$(read_output 'deploy.alarm_names[]')
mapfile -t traffic_steps <<<"$steps"
mapfile -t alarm_names <<<"$alarms"
# what live serves before this deploy: the version to return to (an interrupted deploy may have left a share with
# another; the version live sends most to is the one that served)
read_live
previous=$live_version

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
secret=$(aws secretsmanager describe-secret --secret-id "$database_api_secret" --output json) ||
  fail "could not read the secret $database_api_secret"
if ! jq -e '(.VersionIdsToStages // {}) | any(.[]; index("AWSCURRENT") != null)' <<<"$secret" >/dev/null; then
  # from a file the runner's other processes cannot read, never an argument they could see
  (umask 077 && jq -n --arg password "$(openssl rand -hex 32)" '{password: $password}' >"$work/database-api.json")
  aws secretsmanager put-secret-value --secret-id "$database_api_secret" --secret-string "file://$work/database-api.json" \
    --output json >/dev/null || fail "could not put the Api's database password into $database_api_secret"
  echo "Made the password of the Api's database role in $database_api_secret"
fi

echo "::group::migrate: $migration_function"
# The migration waits for its lock and may outlast the CLI's default 60 s read timeout, but not the function's 900 s;
# one attempt only, as a retried invocation would run the migration again beside the first.
if ! AWS_MAX_ATTEMPTS=1 aws lambda invoke --function-name "$migration_function" --payload '{}' \
  --cli-binary-format raw-in-base64-out --cli-read-timeout 960 --output json "$work/result.json" >"$work/invocation.json"; then
  fail "could not invoke $migration_function; live stays where it was"
fi
cat "$work/result.json" && echo
echo "::endgroup::"
if jq -e 'has("FunctionError")' "$work/invocation.json" >/dev/null; then
  echo "The migration failed: $(jq -r '"\(.errorType // "error"): \(.errorMessage // .)"' "$work/result.json" 2>/dev/null || cat "$work/result.json")" >&2
  fail "the schema was not migrated, so live stays where it was (see the log group of $migration_function)"
fi

step_output url "$url"
step_output function "$function_name"
step_output version "$version"
step_output user_pool_id "$user_pool_id"
step_output scenarios_client_id "$scenarios_client_id"

if [[ $previous == "$version" ]]; then
  # the first deploy: Terraform made live on this version; or the same package again: Lambda published nothing new
  echo "live is already version $version of $function_name: nothing to move, and nothing to roll back to"
  [[ -z $live_canary ]] || route "$version" "$version" 100
  move_alias_provisioned_concurrency "$version"
  provision "$version"
  step_output previous_version ""
  exit 0
fi

move_alias_provisioned_concurrency "$previous"
provision "$version"
moved_at=$(date -u +%Y-%m-%dT%H:%M:%S)
step_output previous_version "$previous"
step_output moved_at "$moved_at"
for percent in "${traffic_steps[@]}"; do
  route "$previous" "$version" "$percent"
  echo "::group::bake: $bake_seconds s at $percent%, watching ${alarm_names[*]}"
  if ! bake "$bake_seconds" "$moved_at"; then
    echo "::endgroup::"
    roll_back "$previous" "$version" "the alarm $fired_alarm fired while version $version had $percent% of the traffic"
  fi
  echo "::endgroup::"
done
echo "live is version $version of $function_name; version $previous keeps its provisioned concurrency until the scenarios passed (finish-deploy.sh)"
