#!/usr/bin/env bash
# Deploys the Lambda package to an environment, or to a workspace (a private copy) of it, schema first:
#   1. checks the credentials are the environment's account (AWS_ACCOUNT_ID);
#   2. applies terraform/<environment> in the workspace: a new Api version is published, live stays where it is;
#   3. gives the Api's database role a random password the first time (into its secret: Terraform never writes it,
#      so no plan reads it), then invokes the migration function (the same package, inside the VPC), which lets the
#      role log in with it; it stops if the migration fails: live is untouched;
#   4. moves the alias live to the new version, and waits until its provisioned concurrency (if any) is ready.
# Then the environment's URL, its Cognito user pool and the app client the scenarios sign in with are in the step's
# outputs (url, user_pool_id, scenarios_client_id), for the deployed scenarios and their callers (scenario-callers.sh).
#
#   LAMBDA_PACKAGE=artifacts/api-lambda.zip deploy.sh <environment> [<workspace>]
#
# Terraform's other variables come from TF_VAR_... (see terraform/README.md).
set -euo pipefail
# shellcheck source=.github/scripts/delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/delivery.sh"

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

aws lambda update-alias --function-name "$function_name" --name live --function-version "$version" --output json >/dev/null ||
  fail "could not move live to version $version of $function_name"
echo "live is version $version of $function_name"

# Lambda now moves the provisioned concurrency to the new version; until it is ready, requests start on demand
if ((provisioned_concurrency > 0)); then
  poll_seconds=${PROVISIONED_CONCURRENCY_POLL_SECONDS:-10}
  deadline=$((SECONDS + 900))
  while :; do
    status=$(aws lambda get-provisioned-concurrency-config --function-name "$function_name" --qualifier live \
      --query '[Status, StatusReason]' --output text) || fail "could not read the provisioned concurrency of live"
    case $status in
      READY*) echo "$provisioned_concurrency provisioned executions of version $version are ready"; break ;;
      FAILED*) fail "live moved to version $version, but its provisioned concurrency failed: ${status#FAILED}" ;;
    esac
    ((SECONDS < deadline)) || fail "live moved to version $version, but its provisioned concurrency was not ready within 15 minutes"
    sleep "$poll_seconds"
  done
fi

step_output url "$url"
step_output function "$function_name"
step_output version "$version"
step_output user_pool_id "$user_pool_id"
step_output scenarios_client_id "$scenarios_client_id"
