#!/usr/bin/env bash
# Turns a branch name, pull request or any label into a Terraform workspace name that every AWS name derived from it
# allows: lowercase letters, digits and single hyphens, a letter first, at most 20 characters. A name cut short gets
# a hash of the whole label, so two long branch names never share a workspace.
#
#   workspace-name.sh "pr-42"                         -> pr-42
#   workspace-name.sh "feature/Client_4711"           -> feature-client-4711
#   workspace-name.sh --private-copy "Debug 4711"     -> debug-4711 (pr-<number> is refused: the previews' names)
set -euo pipefail

private_copy=false
if [[ ${1:-} == --private-copy ]]; then
  private_copy=true
  shift
fi
label=${1:-}
[[ -n $label ]] || { echo "workspace-name.sh: give the branch, pull request or label to name a workspace after" >&2; exit 2; }

name=$(printf '%s' "$label" | tr '[:upper:]' '[:lower:]' | sed -E 's/[^a-z0-9]+/-/g; s/^[^a-z]+//; s/-+$//')
if ((${#name} > 20)); then
  hash=$(printf '%s' "$label" | sha256sum | cut -c1-4)
  name="$(printf '%s' "${name:0:15}" | sed -E 's/-+$//')-$hash"
fi

if [[ -z $name ]]; then
  echo "workspace-name.sh: '$label' has no letter to start a workspace name with" >&2
  exit 1
fi
if [[ $name == default ]]; then
  echo "workspace-name.sh: 'default' is the environment itself, not a copy of it; choose another name" >&2
  exit 1
fi
if [[ $private_copy == true && $name =~ ^pr-[0-9]+$ ]]; then
  echo "workspace-name.sh: $name is the name of a pull request's preview, which its pull request removes; choose another name" >&2
  exit 1
fi
echo "$name"
