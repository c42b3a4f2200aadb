#!/usr/bin/env bash
# Offline checks of the Terraform code: fmt, init + validate and `terraform test` for every module and
# environment folder. Each fmt check, each validate and each `run` block counts as one test.
# Needs no AWS account. Providers come from TF_PLUGIN_DIR, else /opt/tf-plugins when it exists (no registry
# needed), else from the registry as a plain `terraform init` would fetch them.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
plugin_dir="${TF_PLUGIN_DIR:-}"
if [[ -z $plugin_dir && -d /opt/tf-plugins ]]; then
  plugin_dir=/opt/tf-plugins
fi
init_source=()
[[ -n $plugin_dir ]] && init_source=(-plugin-dir="$plugin_dir")
work="$(mktemp -d)"

# the longest first, so that the others run beside it
folders=(
  modules/infrastructure-main
  modules/network
  modules/database
  modules/database-access
  modules/api
  modules/frontend
  modules/monitoring
  modules/identity
  modules/waf
  bootstrap
  development
  preproduction
  production
)

export TF_IN_AUTOMATION=1 TF_INPUT=0
# A CLI configuration that is named but missing only adds warnings to every command.
if [[ -n "${TF_CLI_CONFIG_FILE:-}" && ! -e "${TF_CLI_CONFIG_FILE}" ]]; then
  export TF_CLI_CONFIG_FILE=/dev/null
fi

# Lock files are not kept (the plugin directory only yields hashes for this platform): remove the ones made here.
created_locks=()
for folder in "${folders[@]}"; do
  [[ -e "$root/$folder/.terraform.lock.hcl" ]] || created_locks+=("$root/$folder/.terraform.lock.hcl")
done
cleanup() {
  rm -f ${created_locks[@]+"${created_locks[@]}"}
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
failures=()

pass() {
  passed=$((passed + 1))
  echo "PASS  $1"
}

fail() {
  failed=$((failed + 1))
  failures+=("$1")
  echo "FAIL  $1"
  if [[ -n "${2:-}" && -s "$2" ]]; then
    sed 's/^/      /' "$2"
  fi
}

if ! command -v terraform >/dev/null; then
  echo "terraform is not on PATH"
  echo "0 passed, 1 failed"
  exit 1
fi
if [[ -n $plugin_dir && ! -d $plugin_dir ]]; then
  fail "plugin directory $plugin_dir exists"
fi

# Shared test fixtures have no configuration to validate, only a format.
if terraform -chdir="$root/mocks" fmt -check -recursive -no-color >"$work/mocks.log" 2>&1; then
  pass "mocks: terraform fmt"
else
  fail "mocks: terraform fmt" "$work/mocks.log"
fi

# One folder's checks, in a subshell of its own: its PASS and FAIL lines, then "::counts <passed> <failed>" and a
# "::failure <what>" line for each failure, which the loop below adds up.
check_folder() { # folder
  passed=0 failed=0 failures=()
  check_folder_steps "$1"
  echo "::counts $passed $failed"
  local line
  for line in ${failures[@]+"${failures[@]}"}; do echo "::failure $line"; done
}

check_folder_steps() { # folder: stops at the first step that leaves nothing to check after it
  local folder=$1 dir="$root/$1" log status summary run_passed run_failed run_skipped line
  log="$work/$(echo "$folder" | tr / _).log"
  TF_DATA_DIR="$work/$(echo "$folder" | tr / _).data"
  export TF_DATA_DIR

  if terraform -chdir="$dir" fmt -check -recursive -no-color >"$log" 2>&1; then
    pass "$folder: terraform fmt"
  else
    echo "files that need terraform fmt:" >>"$log"
    fail "$folder: terraform fmt" "$log"
  fi

  if terraform -chdir="$dir" init -backend=false "${init_source[@]}" -no-color >"$log" 2>&1 &&
    terraform -chdir="$dir" validate -no-color >>"$log" 2>&1; then
    pass "$folder: terraform validate"
  else
    fail "$folder: terraform init + validate" "$log"
    return
  fi

  compgen -G "$dir/tests/*.tftest.hcl" >/dev/null || return 0

  terraform -chdir="$dir" test -no-color >"$log" 2>&1
  status=$?
  summary="$(grep -E '^(Success|Failure)! [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)"
  if [[ -z "$summary" ]]; then
    fail "$folder: terraform test did not run" "$log"
    return
  fi
  run_passed="$(sed -E 's/.*! ([0-9]+) passed.*/\1/' <<<"$summary")"
  run_failed="$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$summary")"
  run_skipped=0
  if [[ "$summary" =~ ([0-9]+)\ skipped ]]; then
    run_skipped="${BASH_REMATCH[1]}"
  fi
  passed=$((passed + run_passed))
  ((run_passed == 0)) || echo "PASS  $folder: terraform test, $run_passed run blocks passed"
  if ((run_failed + run_skipped > 0 || status != 0)); then
    # A skipped run block did not prove anything, so it counts as failed.
    failed=$((failed + run_failed + run_skipped))
    if ((run_failed + run_skipped == 0)); then
      failed=$((failed + 1))
      failures+=("$folder: terraform test exited with $status")
    fi
    while read -r line; do
      failures+=("$folder: $line")
    done < <(grep -E '^ *run "[^"]+"\.\.\. (fail|skip)' "$log" | sed -E 's/^ *//')
    echo "FAIL  $folder: terraform test ($summary)"
    sed 's/^/      /' "$log"
  fi
}

# Two folders at a time (TF_TEST_JOBS): `terraform test` keeps about one core busy, and each folder has its own data
# directory and log. Their reports are printed in the order of the list.
jobs_at_once=${TF_TEST_JOBS:-2}
for folder in "${folders[@]}"; do
  while (($(jobs -rp | wc -l) >= jobs_at_once)); do wait -n; done
  (check_folder "$folder") >"$work/$(echo "$folder" | tr / _).report" 2>&1 &
done
wait
for folder in "${folders[@]}"; do
  report="$work/$(echo "$folder" | tr / _).report"
  grep -v '^::' "$report"
  read -r _ folder_passed folder_failed < <(grep '^::counts ' "$report" || echo "::counts 0 1")
  grep -q '^::counts ' "$report" || failures+=("$folder: its checks ended without a count")
  passed=$((passed + folder_passed))
  failed=$((failed + folder_failed))
  while read -r line; do
    failures+=("$line")
  done < <(sed -n 's/^::failure //p' "$report")
done

if ((failed > 0)); then
  echo
  echo "Failures:"
  printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
((failed == 0))
