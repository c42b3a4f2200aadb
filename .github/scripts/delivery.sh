# shellcheck shell=bash
# What the delivery scripts share: the environments, the workspace rules, the account check, the Terraform folder.
# Sourced by deploy.sh, destroy-workspace.sh, plan.sh and sweep-previews.sh; each runs the same on a laptop as in CI.

repository_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
environments=(development preproduction production)

fail() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

require_environment() { # environment
  local given=${1:-} known
  for known in "${environments[@]}"; do
    [[ $given == "$known" ]] && return 0
  done
  fail "unknown environment '$given'; it is one of: ${environments[*]}"
}

# a workspace name is one that workspace-name.sh, the one place of the rule, gives back unchanged (what
# infrastructure-main accepts: 1-20 lowercase letters, digits or single hyphens, a letter first, no hyphen last)
valid_workspace() { # name
  [[ $("$repository_root/.github/scripts/workspace-name.sh" "$1" 2>/dev/null) == "$1" ]]
}

require_copy_workspace() { # name: a private copy, never the environment itself
  [[ -n ${1:-} ]] || fail "no workspace given"
  [[ $1 != default ]] || fail "the default workspace is the environment itself; this removes only copies of it"
  valid_workspace "$1" || fail "'$1' is not a workspace name (1-20 lowercase letters, digits, single hyphens; see workspace-name.sh)"
}

# The credentials must be the environment's account before Terraform runs: AWS_ACCOUNT_ID (a GitHub environment
# variable) names it. Production insists on it; elsewhere it is checked when set.
require_account() { # environment
  local expected=${AWS_ACCOUNT_ID:-} actual
  if [[ -z $expected ]]; then
    [[ $1 != production ]] || fail "AWS_ACCOUNT_ID is not set: production is deployed only after its account is checked"
    return 0
  fi
  [[ $expected =~ ^[0-9]{12}$ ]] || fail "AWS_ACCOUNT_ID '$expected' is not a 12-digit account ID"
  actual=$(aws sts get-caller-identity --query Account --output text) || fail "could not read the credentials' account (aws sts get-caller-identity)"
  [[ $actual == "$expected" ]] || fail "the credentials are for account $actual, but $1 lives in $expected; nothing was changed"
  # the provider checks it again before any change
  export TF_VAR_account_id=$expected
}

terraform_in() { # environment, terraform arguments...
  local environment=$1
  shift
  terraform -chdir="$repository_root/terraform/$environment" "$@"
}

init_environment() { # environment
  terraform_in "$1" init -input=false -no-color >&2 || fail "terraform init of terraform/$1 failed"
}

workspaces() { # environment: its workspaces, one a line, without the mark of the current one
  terraform_in "$1" workspace list | sed -E 's/^[* ] *//; /^$/d'
}

workspace_exists() { # environment, workspace
  workspaces "$1" | grep -qx -- "$2"
}

# selects the workspace and makes sure Terraform agrees, so nothing runs against another one by mistake
select_workspace() { # environment, workspace, [-or-create=true]
  terraform_in "$1" workspace select ${3:+"$3"} "$2" >&2 || fail "could not select workspace $2 of $1"
  local current
  current=$(terraform_in "$1" workspace show)
  [[ $current == "$2" ]] || fail "Terraform is in workspace '$current', not '$2'; stopping"
}

# the selected workspace's outputs (infrastructure-main's, as the environment's output "environment"), for read_output
read_outputs() { # environment
  ENVIRONMENT_OUTPUTS=$(terraform_in "$1" output -json environment) || fail "could not read the environment's outputs"
}

read_output() { # name
  jq -er ".$1" <<<"$ENVIRONMENT_OUTPUTS" || fail "the environment has no output $1"
}

require_package() {
  [[ -n ${LAMBDA_PACKAGE:-} ]] || fail "LAMBDA_PACKAGE is not set: the path of the zip package-lambda.sh built"
  [[ -f $LAMBDA_PACKAGE ]] || fail "LAMBDA_PACKAGE $LAMBDA_PACKAGE does not exist"
  TF_VAR_lambda_package_file=$(realpath "$LAMBDA_PACKAGE")
  export TF_VAR_lambda_package_file
}

# appends name=value to the step's outputs in GitHub Actions, and says it either way
step_output() { # name, value
  echo "$1=$2"
  if [[ -n ${GITHUB_OUTPUT:-} ]]; then echo "$1=$2" >>"$GITHUB_OUTPUT"; fi
}

export TF_IN_AUTOMATION=1 TF_INPUT=0
