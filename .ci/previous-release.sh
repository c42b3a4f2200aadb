# shellcheck shell=bash
# The running release's Api on the schema this commit migrates to, as a deploy has it until live moves (and after a
# failed one): the released commit's own scenarios (Tests/Deployed.Tests) against its own Api (built from that commit,
# JIT, on Kestrel), on a private PostgreSQL that the released commit migrated and then this checkout's Api (its
# working tree, uncommitted changes included) migrated further. Also checks the migrations added since that release
# (.github/scripts/check-migrations.sh). When this commit is the released one it is the plain check of its scenarios.
# RestoreConfigFile and the like come from the environment, as for .ci/run's other builds. Needs .NET, Node.js (npm
# brings the embedded PostgreSQL), curl, openssl, and the history that records the release (released-commit.sh).
#
#   bash .ci/previous-release.sh [--results <dir>] [<commit>]
#       <commit>: the released commit to try (default: what .github/scripts/released-commit.sh prints); the test
#       reports (trx) go to <dir> (default: a temporary folder, removed); exits non-zero when the check of the
#       migrations or a scenario fails
#
# Sourced by .ci/run:
#   resolve_previous_release [<commit>]   sets PREVIOUS_RELEASE and prints what is compared
#   run_previous_release <results dir>    builds, migrates, serves, runs the released scenarios with their trx reports
#                                         into the folder, then stops and removes all of it, also when a step fails

previous_release_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=.ci/loopback.sh
source "$previous_release_root/.ci/loopback.sh"
# shellcheck source=.ci/private-postgres.sh
source "$previous_release_root/.ci/private-postgres.sh"

resolve_previous_release() { # [<commit>]
  local given=${1:-} changes=""
  if [[ -n $given ]]; then
    PREVIOUS_RELEASE=$(git -C "$previous_release_root" rev-parse --verify --quiet "$given^{commit}") ||
      { echo "'$given' is no commit of this repository"; return 1; }
  else
    PREVIOUS_RELEASE=$(cd "$previous_release_root" && .github/scripts/released-commit.sh) || return 1
  fi
  [[ -n $(git -C "$previous_release_root" status --porcelain) ]] && changes=" with its uncommitted changes"
  echo "::: released $(git -C "$previous_release_root" log -1 --format='%h %s' "$PREVIOUS_RELEASE")"
  echo "::: vs this commit $(git -C "$previous_release_root" log -1 --format='%h %s' HEAD)$changes"
  if [[ $PREVIOUS_RELEASE == $(git -C "$previous_release_root" rev-parse HEAD) ]]; then
    echo "::: this commit is the released commit: its scenarios on its own schema, the plain check"
  fi
  export PREVIOUS_RELEASE
}

run_previous_release() { # results folder
  local status
  mkdir -p "$1" || return 1
  PREVIOUS_RELEASE_WORK=$(mktemp -d)
  previous_release_steps "$(cd "$1" && pwd)"
  status=$?
  stop_previous_release
  return "$status"
}

previous_release_steps() { # results folder (absolute)
  local results=$1 work=$PREVIOUS_RELEASE_WORK short
  local released=$work/released api=$work/api this_api=$work/this-api issuer=$work/local
  short=$(git -C "$previous_release_root" rev-parse --short "$PREVIOUS_RELEASE")

  # an archive, not a worktree: nothing is added to the repository's own records, and nothing is left there on a crash
  mkdir -p "$released"
  git -C "$previous_release_root" archive "$PREVIOUS_RELEASE" | tar -x -C "$released" ||
    { echo "could not unpack the released commit $short (git archive)"; return 1; }
  echo "::: building the released commit's Api, its scenarios and its local token issuer (dotnet build -c Release)"
  # in its folder, so that its global.json chooses the SDK
  previous_release_build "the released Api" "$released" Api -c Release -o "$api" || return 1
  previous_release_build "the released Tests/Deployed.Tests" "$released" Tests/Deployed.Tests -c Release || return 1
  previous_release_build "the released AppHost/Local" "$released" AppHost/Local -c Release -o "$issuer" || return 1
  echo "::: building this commit's Api, for its migrations"
  previous_release_build "this commit's Api" "$previous_release_root" Api -c Release -o "$this_api" || return 1

  start_private_postgres orders || return 1
  local api_password database
  api_password=$(openssl rand -hex 16) || return 1
  database=(Database__Host=127.0.0.1 "Database__Port=$PRIVATE_POSTGRES_PORT" Database__Name=orders)
  local owner=("${database[@]}" Database__Username=postgres "Database__Password=$PRIVATE_POSTGRES_PASSWORD"
    "Database__ApiPassword=$api_password")
  # the database a deploy finds: migrated by the release that runs, then by this commit
  # each in its own folder, its content root, whose appsettings.json keeps Npgsql's log to warnings
  echo "::: the released commit's migrations, as the schema's owner (Api migrate of $short)"
  (cd "$api" && env "${owner[@]}" dotnet Api.dll migrate) || return 1
  echo "::: this commit's migrations on top, as the schema's owner (Api migrate of this checkout)"
  (cd "$this_api" && env "${owner[@]}" dotnet Api.dll migrate) || return 1

  # the released scenarios mint tokens with the released issuer; the Api trusts that issuer's key
  local key trust
  key=$(dotnet "$issuer/Orders.Local.dll" token --new-key) || return 1
  mapfile -t trust < <(ORDERS_TOKEN_SIGNING_KEY=$key dotnet "$issuer/Orders.Local.dll" token --api-settings)
  ((${#trust[@]} > 0)) || { echo "the released AppHost/Local's token command gave no settings for the Api"; return 1; }

  local port url
  port=$(free_port)
  url=http://127.0.0.1:$port/
  PREVIOUS_RELEASE_LOG=$work/api.log
  # no user: the released Api logs in as the role its code names, as in AWS; its folder is its content root
  (cd "$api" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" "${database[@]}" "Database__Password=$api_password" \
    "${trust[@]}" dotnet Api.dll) >"$PREVIOUS_RELEASE_LOG" 2>&1 &
  PREVIOUS_RELEASE_API_PID=$!
  await_answer "${url}health" "$PREVIOUS_RELEASE_API_PID" "$PREVIOUS_RELEASE_LOG" "the released Api ($short)" || return 1

  echo "::: the released scenarios ($short's Tests/Deployed.Tests) against the released Api on this commit's schema"
  (cd "$released" && env -u ORDERS_WEB_BASE_URL -u ORDERS_CALLERS_FILE ORDERS_API_BASE_URL="$url" \
    ORDERS_TOKEN_SIGNING_KEY="$key" dotnet test Tests/Deployed.Tests -c Release --no-build \
    --logger trx --results-directory "$results")
}

previous_release_build() { # what, folder to build in, dotnet build arguments...: quiet unless it fails
  local what=$1 folder=$2 log
  shift 2
  log=$(mktemp)
  if ! (cd "$folder" && dotnet build "$@" -nologo) >"$log" 2>&1; then
    cat "$log"
    rm -f "$log"
    echo "could not build $what"
    return 1
  fi
  rm -f "$log"
}

stop_previous_release() {
  if [[ -n ${PREVIOUS_RELEASE_API_PID:-} ]] && kill "$PREVIOUS_RELEASE_API_PID" 2>/dev/null; then
    wait "$PREVIOUS_RELEASE_API_PID" 2>/dev/null
  fi
  stop_private_postgres
  [[ -n ${PREVIOUS_RELEASE_WORK:-} ]] && rm -rf "$PREVIOUS_RELEASE_WORK"
  unset PREVIOUS_RELEASE_API_PID PREVIOUS_RELEASE_LOG PREVIOUS_RELEASE_WORK
}

previous_release_counts() { # results folder: what its trx reports say, added up
  local files=("$1"/*.trx)
  [[ -f ${files[0]} ]] || { echo "no test report"; return 1; }
  grep -ho '<Counters [^>]*>' "${files[@]}" | awk '
    { for (i = 1; i <= NF; i++) { split($i, pair, "="); gsub(/[^0-9]/, "", pair[2]); sum[pair[1]] += pair[2] } }
    END { printf "%d passed, %d failed, %d skipped\n", sum["passed"], sum["failed"], sum["total"] - sum["executed"] }'
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -uo pipefail
  results="" commit="" keep_results=false
  while (($# > 0)); do
    case $1 in
      --results) results=${2:?--results needs a folder}; keep_results=true; shift 2 ;;
      -*) echo "previous-release.sh: unknown option $1 (see the script's header)" >&2; exit 2 ;;
      *) [[ -z $commit ]] || { echo "previous-release.sh: one commit only" >&2; exit 2; }; commit=$1; shift ;;
    esac
  done
  resolve_previous_release "$commit" || exit 1
  [[ -n $results ]] || results=$(mktemp -d)
  trap 'stop_previous_release; exit 130' INT TERM
  echo "::: .github/scripts/check-migrations.sh: no migration since the released commit breaks it"
  (cd "$previous_release_root" && .github/scripts/check-migrations.sh "$PREVIOUS_RELEASE")
  migrations=$?
  run_previous_release "$results"
  scenarios=$?
  counts=$(previous_release_counts "$results")
  $keep_results || rm -rf "$results"

  echo "::: the released Api's scenarios on this commit's schema: $counts"
  ((migrations == 0)) || echo "FAILED: a migration since the released commit would break it (check-migrations.sh, above)"
  ((scenarios == 0)) || echo "FAILED: the released Api's scenarios on this commit's schema (exit $scenarios)"
  ((migrations == 0 && scenarios == 0))
fi
