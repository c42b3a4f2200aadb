#!/usr/bin/env bash
# Refuses a migration that would break the release running while it is applied: the previous release's Api serves on
# the new schema until live moves, and goes on serving on it after a failed deploy. Run inside the repository to
# check (its working tree, uncommitted files included); it compares Api/Database/Migrations with the released commit:
#
#   check-migrations.sh [<released commit>]        default: what released-commit.sh prints
#
# - A migration the released commit has may not be changed or removed: it has run in some database already, and
#   SchemaMigrator refuses a script whose checksum differs from the one applied.
# - A migration added since may not drop or rename what the running release uses (breaking-statements.awk says which
#   statements: every DROP but DROP NOT NULL, RENAME, a type change, SET NOT NULL, a NOT NULL column without a
#   default, REVOKE from the released Api's role or PUBLIC) unless it is the contract step of an expand that release already ran with, marked by a line
#       -- contract of <expand migration's file name>: <why nothing running uses it any more>
#   naming a migration of the released commit.
# Exits 1 naming each refused file, line and statement.
set -euo pipefail
# shellcheck source=.github/scripts/delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/delivery.sh"
# the scripts beside this one; the repository checked is the one it runs in
scripts=$repository_root/.github/scripts
folder=Api/Database/Migrations

(($# <= 1)) || fail "usage: check-migrations.sh [<released commit>]"
top=$(git rev-parse --show-toplevel 2>/dev/null) || fail "run it inside the git repository whose migrations to check"
cd "$top"
if (($# == 1)); then
  released=$(git rev-parse --verify --quiet "$1^{commit}") || fail "'$1' is no commit of this repository"
else
  released=$("$scripts/released-commit.sh") || fail "no released commit to compare with (see released-commit.sh)"
fi
short=$(git rev-parse --short "$released")
# the role the released Api logs in as, as its code names it
api_role=$(git show "$released:Api/Database/ApiRole.cs" 2>/dev/null | sed -n 's/.*const string Name = "\([^"]*\)".*/\1/p' | head -n 1 || true)
api_role=${api_role:-orders_api}

refusals=()
refuse() { # file, why
  refusals+=("$1: $2")
}

released_has() { # file name in the folder
  git cat-file -e "$released:$folder/$1" 2>/dev/null
}

# the migrator reads a script with its line endings made \n, so a checkout's CRLF is no change
same_as_released() { # file name
  cmp -s <(git show "$released:$folder/$1" | tr -d '\r') <(tr -d '\r' <"$folder/$1")
}

contract_marks() { # file: each "-- contract of" line, checked; fails when one names no released expand
  local file=$1 mark expand ok=0
  while IFS= read -r mark; do
    if [[ ! $mark =~ ^--[[:space:]]*[Cc]ontract\ of[[:space:]]+([^[:space:]:/]+\.sql):[[:space:]]*[^[:space:]] ]]; then
      refuse "$folder/$file" "the mark '$mark' is not '-- contract of <expand migration>.sql: <why nothing running uses it any more>'"
      ok=1
      continue
    fi
    expand=${BASH_REMATCH[1]}
    if ! released_has "$expand"; then
      refuse "$folder/$file" "is marked as the contract of $expand, which the released commit $short does not have: the expand must be released, and run, before its contract"
      ok=1
    fi
  done < <(grep -iE '^--[[:space:]]*contract of' "$folder/$file" || true)
  return "$ok"
}

declare -A checked=()
while IFS= read -r path; do
  file=${path##*/}
  checked[$file]=1
  if [[ ! -f $folder/$file ]]; then
    refuse "$folder/$file" "was released ($short) and is gone; a released migration stays as it is (add a new one to undo it)"
  elif ! same_as_released "$file"; then
    refuse "$folder/$file" "was released ($short) and is changed; a released migration stays as it is, and SchemaMigrator refuses a script changed after it was applied (add a new one instead)"
  fi
done < <(git ls-tree --name-only "$released" -- "$folder/" | grep '\.sql$' || true)

added=0
contracts=0
shopt -s nullglob
for path in "$folder"/*.sql; do
  file=${path##*/}
  [[ -z ${checked[$file]:-} ]] || continue
  added=$((added + 1))
  if grep -qiE '^--[[:space:]]*contract of' "$path"; then
    contract_marks "$file" && contracts=$((contracts + 1))
    continue
  fi
  while IFS=$'\t' read -r line what statement; do
    refuse "$path:$line" "$what: $statement"
  done < <(awk -v api_role="$api_role" -f "$scripts/breaking-statements.awk" "$path")
done

if ((${#refusals[@]} > 0)); then
  printf 'refused: %s\n' "${refusals[@]}" >&2
  fail "${#refusals[@]} migration problem(s) since the released commit $short: a migration must keep the running release working (expand, then contract in a later release, marked '-- contract of <expand>.sql: <why>'; Api/README.md, Adding a migration)"
fi
echo "check-migrations: $added migration(s) added since the released commit $short, $contracts of them the contract step of a released expand; nothing breaks the running release"
