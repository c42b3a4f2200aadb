#!/usr/bin/env bash
# Prints the commit of the running release, from the history of the git repository it is run in (not of this
# script's checkout): what the schema this commit migrates to must keep serving while it is applied.
#
#   released-commit.sh [<environment>]
#
# - RELEASED_COMMIT, when set, names it (any revision); nothing else is asked.
# - For an environment: its tag released/<environment> where one was set (by hand: no workflow writes it, as the deploy
#   job may not write to the repository), else its branch (origin/<environment>, then <environment>).
# - Without one: the oldest release running anywhere, the first of production, preproduction, development that has
#   either. A change merged into development reaches production with everything in between, so it must be compatible
#   with the release that runs there, not only with development's.
# - Where none of those is recorded (a new project, an environment never deployed), HEAD^, with a warning on stderr;
#   a clone without HEAD^ (shallow) fails and says how to fetch the history.
# Prints the full commit ID on stdout, where it came from on stderr.
set -euo pipefail
# shellcheck source=.github/scripts/delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/delivery.sh"

(($# <= 1)) || fail "usage: released-commit.sh [<environment>]"
git rev-parse --show-toplevel >/dev/null 2>&1 || fail "run it inside the git repository whose release to find"

commit_of() { # revision: its commit ID, or nothing
  git rev-parse --verify --quiet "$1^{commit}" 2>/dev/null
}

found() { # commit, where it came from
  echo "released commit: $1 ($2)" >&2
  echo "$1"
  exit 0
}

if [[ -n ${RELEASED_COMMIT:-} ]]; then
  commit=$(commit_of "$RELEASED_COMMIT") || fail "RELEASED_COMMIT '$RELEASED_COMMIT' is no commit of this repository"
  found "$commit" "RELEASED_COMMIT"
fi

if (($# == 1)); then
  require_environment "$1"
  candidates=("$1")
else
  candidates=(production preproduction development)
fi

for environment in "${candidates[@]}"; do
  for ref in "refs/tags/released/$environment" "refs/remotes/origin/$environment" "refs/heads/$environment"; do
    if commit=$(commit_of "$ref"); then
      [[ $ref == refs/tags/* ]] && kind=tag || kind=branch
      found "$commit" "$kind ${ref#refs/*/}"
    fi
  done
done

if [[ $(git rev-parse --is-shallow-repository) == true ]] && ! commit_of HEAD^ >/dev/null; then
  fail "this clone is shallow and records no release (no tag released/<environment>, no environment branch): fetch the history with 'git fetch --unshallow --tags origin', or check out with actions/checkout's fetch-depth: 0"
fi
commit=$(commit_of HEAD^) || fail "HEAD has no parent and the clone records no release (no tag released/<environment>, no environment branch): there is nothing to compare with"
warning="no release is recorded for ${candidates[*]} (no tag released/<environment>, no branch origin/<environment> or <environment>): comparing with HEAD^, the parent of this commit, which need not be what runs anywhere"
# a workflow shows it as an annotation on the run
[[ ${GITHUB_ACTIONS:-} == true ]] && echo "::warning title=No released commit::$warning" >&2
echo "WARNING: $warning" >&2
found "$commit" "HEAD^"
