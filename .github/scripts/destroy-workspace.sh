#!/usr/bin/env bash
# Removes a workspace (a pull request preview or a private copy) of an environment: removes what a database session
# that was cut off left behind (database.sh's relay and SSM endpoints, which hold the VPC's subnets and security
# groups), destroys its resources, then the workspace. Never the environment itself: the default workspace is refused, and Terraform must confirm the workspace
# before anything is destroyed. A workspace that does not exist is nothing to do.
#
#   destroy-workspace.sh <environment> <workspace>
#
# Terraform plans the destroy with the configuration, so TF_VAR_secrets_extension_layer_arn must be set; the Lambda
# package may be any zip (LAMBDA_PACKAGE), and an empty one is made when none is given.
set -euo pipefail
# shellcheck source=.github/scripts/delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/delivery.sh"

environment=${1:-}
workspace=${2:-}
require_environment "$environment"
require_copy_workspace "$workspace"
require_account "$environment"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z ${LAMBDA_PACKAGE:-} ]]; then
  # only hashed while planning the destroy, never deployed
  (cd "$work" && touch empty && zip -q placeholder.zip empty)
  LAMBDA_PACKAGE=$work/placeholder.zip
fi
require_package

init_environment "$environment"
if ! workspace_exists "$environment" "$workspace"; then
  echo "$environment has no workspace $workspace; nothing to remove"
  exit 0
fi
select_workspace "$environment" "$workspace"

# what database.sh makes for a session carries the tag orders:database-relay=<prefix>; Terraform knows none of it
name=$environment-$workspace
relays=$(aws ec2 describe-instances --output json --filters "Name=tag:orders:database-relay,Values=$name" \
  "Name=instance-state-name,Values=pending,running,stopping,stopped" | jq -r '.Reservations[].Instances[].InstanceId') ||
  fail "could not look for database relays of $name"
for relay in $relays; do
  aws ec2 terminate-instances --instance-ids "$relay" --output json >/dev/null || fail "could not terminate the database relay $relay"
  aws ec2 wait instance-terminated --instance-ids "$relay" || fail "the database relay $relay did not terminate"
  echo "Terminated the database relay $relay, left by a session of $name"
done
poll_seconds=${ENDPOINT_POLL_SECONDS:-10}
deadline=$((SECONDS + 600))
while :; do
  endpoints=$(aws ec2 describe-vpc-endpoints --output json --filters "Name=tag:orders:database-relay,Values=$name" |
    jq -c '[.VpcEndpoints[] | select(.State != "deleted") | {id: .VpcEndpointId, state: .State}]') ||
    fail "could not look for the database path's SSM endpoints of $name"
  [[ $endpoints != "[]" ]] || break
  mapfile -t left < <(jq -r '.[] | select(.state != "deleting") | .id' <<<"$endpoints")
  if ((${#left[@]} > 0)); then
    aws ec2 delete-vpc-endpoints --vpc-endpoint-ids "${left[@]}" --output json >/dev/null || fail "could not delete the SSM endpoints ${left[*]} of $name"
    echo "Deleting the SSM endpoints ${left[*]}, left by a session of $name"
  fi
  ((SECONDS < deadline)) || fail "the SSM endpoints of $name were not deleted within 10 minutes; nothing was destroyed"
  sleep "$poll_seconds"
done

if [[ $environment == production ]]; then
  # production's database refuses deletion; release only the database, so no other resource changes before it goes
  echo "::group::release the database of production workspace $workspace"
  terraform_in "$environment" apply -input=false -auto-approve -no-color -var allow_destroy=true \
    -target=module.environment.module.database || fail "could not release the database's deletion protection"
  echo "::endgroup::"
  destroy_variables=(-var allow_destroy=true)
else
  destroy_variables=()
fi

echo "::group::terraform destroy: $environment, workspace $workspace"
terraform_in "$environment" destroy -input=false -auto-approve -no-color "${destroy_variables[@]}" ||
  fail "terraform destroy of $workspace failed; run it again (Lambda may still hold network interfaces in the VPC)"
echo "::endgroup::"

select_workspace "$environment" default
terraform_in "$environment" workspace delete -no-color "$workspace" || fail "the resources are gone, but the workspace $workspace could not be deleted"
echo "Removed workspace $workspace of $environment"
