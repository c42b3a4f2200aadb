#!/usr/bin/env bash
# The callers of the deployed scenarios: users of the environment's Cognito user pool, made for one run and removed
# after it. create makes N customers (each scenario signs in as a customer no other test uses, whose order list
# starts empty) and one member of staff (group staff), each with a random password nobody sees, and writes their
# access tokens to FILE (mode 600), as ORDERS_CALLERS_FILE of Tests/Deployed.Tests reads them:
#   {"staff":{"token":"..."},"customers":[{"token":"..."},...]}
# With --staff 0 it makes no member of staff and the file has no "staff": the scenarios that need staff are skipped.
# The daily run against production does so, so that its role needs no right to make anyone staff there.
# remove deletes every user of a run; it is safe to call when none was created. The users are named
# scenario-<run id>-customer-<n> and scenario-<run id>-staff; the run id is GITHUB_RUN_ID-GITHUB_RUN_ATTEMPT in
# GitHub Actions and a timestamp elsewhere. Needs credentials allowed the Cognito admin calls on the pool.
#
#   scenario-callers.sh create --user-pool-id ID --client-id ID --customers N --output FILE [--staff 0|1] [--run-id R]
#   scenario-callers.sh remove --user-pool-id ID --run-id R
set -euo pipefail
# shellcheck source=.github/scripts/delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/delivery.sh"

# Cognito's admin calls allow tens of requests a second: eight users at a time stay well below that
parallel=8

usage() {
  cat <<EOF
usage: $(basename "$0") create --user-pool-id ID --client-id ID --customers N --output FILE [--staff 0|1] [--run-id R]
       $(basename "$0") remove --user-pool-id ID --run-id R
EOF
}

usage_error() {
  echo "$(basename "$0"): $*" >&2
  usage >&2
  exit 2
}

# a value GitHub Actions hides from its logs from now on
mask() {
  if [[ -n ${GITHUB_ACTIONS:-} ]]; then echo "::add-mask::$1"; fi
}

# runs a command in the background, at most $parallel at a time; what it achieved is judged by the files it leaves
running=0
in_background() {
  if ((running >= parallel)); then
    wait -n || true
    running=$((running - 1))
  fi
  "$@" &
  running=$((running + 1))
}

all_finished() {
  wait
  running=0
}

# writes why a user's step failed to $work/<user>.error, with the password blanked out should the CLI repeat it
user_failed() { # user, step, [password]
  local said
  said=$(cat "$work/$1.stderr" 2>/dev/null || true)
  [[ -z ${3:-} ]] || said=${said//"$3"/[password]}
  printf '%s: %s failed: %s\n' "$1" "$2" "${said:-no error output}" >"$work/$1.error"
}

# makes one user with a password of its own, signs it in, and leaves its access token in $work/<user>.token
create_user() { # user, [group]
  local user=$1 group=${2:-} password token
  password=$(openssl rand -base64 48) || { echo "$user: openssl rand failed" >"$work/$user.error"; return 1; }
  password=${password//[^A-Za-z0-9]/}
  # about 190 random bits, then one of each kind of character a pool's password policy may ask for
  password="${password:0:32}-Aa1"
  mask "$password"

  aws cognito-idp admin-create-user --user-pool-id "$user_pool_id" --username "$user" --message-action SUPPRESS \
    --output json >/dev/null 2>"$work/$user.stderr" || { user_failed "$user" admin-create-user; return 1; }
  aws cognito-idp admin-set-user-password --user-pool-id "$user_pool_id" --username "$user" --password "$password" \
    --permanent >/dev/null 2>"$work/$user.stderr" || { user_failed "$user" admin-set-user-password "$password"; return 1; }
  if [[ -n $group ]]; then
    aws cognito-idp admin-add-user-to-group --user-pool-id "$user_pool_id" --username "$user" --group-name "$group" \
      >/dev/null 2>"$work/$user.stderr" || { user_failed "$user" "admin-add-user-to-group ($group)"; return 1; }
  fi
  aws cognito-idp admin-initiate-auth --user-pool-id "$user_pool_id" --client-id "$client_id" \
    --auth-flow ADMIN_USER_PASSWORD_AUTH --auth-parameters "USERNAME=$user,PASSWORD=$password" --output json \
    >"$work/$user.auth" 2>"$work/$user.stderr" || { user_failed "$user" admin-initiate-auth "$password"; return 1; }
  if ! token=$(jq -er '.AuthenticationResult.AccessToken // empty' "$work/$user.auth"); then
    echo "$user: admin-initiate-auth gave no access token (challenge: $(jq -r '.ChallengeName // "none"' "$work/$user.auth" 2>/dev/null))" >"$work/$user.error"
    return 1
  fi
  mask "$token"
  printf '%s\n' "$token" >"$work/$user.token"
}

delete_user() { # user
  if ! aws cognito-idp admin-delete-user --user-pool-id "$user_pool_id" --username "$1" >/dev/null 2>"$work/$1.stderr"; then
    # gone already: what remove is for
    grep -q UserNotFoundException "$work/$1.stderr" || { user_failed "$1" admin-delete-user; return 1; }
  fi
  touch "$work/$1.deleted"
}

create() {
  local users=() user n failed=() untried=0 not_tried=""
  ((staff == 0)) || users+=("$prefix"staff)
  for ((n = 1; n <= customers; n++)); do users+=("${prefix}customer-$n"); done
  echo "Creating $customers customers and $staff member(s) of staff in $user_pool_id: ${prefix}*"

  for user in "${users[@]}"; do
    # the first failure stops new users: the rest would most likely fail the same way
    compgen -G "$work/*.error" >/dev/null && break
    touch "$work/$user.started"
    if [[ $user == "$prefix"staff ]]; then in_background create_user "$user" staff; else in_background create_user "$user"; fi
  done
  all_finished

  for user in "${users[@]}"; do
    if [[ -s $work/$user.token ]]; then continue; fi
    if [[ ! -f $work/$user.started ]]; then untried=$((untried + 1)); continue; fi
    failed+=("$user")
    cat "$work/$user.error" >&2 2>/dev/null || echo "$user: stopped without saying why" >&2
  done
  if ((${#failed[@]} > 0)); then
    ((untried == 0)) || not_tried=" ($untried not tried after that)"
    fail "could not create the scenarios' callers; failed: ${failed[*]}$not_tried." \
      "Users created so far stay until: $(basename "$0") remove --user-pool-id $user_pool_id --run-id $run_id"
  fi

  local written
  written=$(mktemp "$output.XXXXXX") || fail "cannot write into the folder of $output"
  # tokens go in on stdin, never as arguments
  if ! for user in "${users[@]}"; do cat "$work/$user.token"; done |
    jq -cRn --argjson staff "$staff" \
      '[inputs] as $tokens | (if $staff == 1 then {staff: {token: $tokens[0]}} else {} end) + {customers: [$tokens[$staff:][] | {token: .}]}' >"$written"; then
    rm -f "$written"
    fail "could not write $output"
  fi
  chmod 600 "$written"
  mv -f "$written" "$output"
  echo "Wrote the access tokens of ${#users[@]} callers to $output"
}

remove() {
  local listing names users=() user failed=()
  # the CLI reads every page of the listing; the prefix is checked again here, as a filter is easy to get wrong
  listing=$(aws cognito-idp list-users --user-pool-id "$user_pool_id" --filter "username ^= \"$prefix\"" --output json) ||
    fail "could not list the users of $user_pool_id"
  names=$(jq -r --arg prefix "$prefix" '(.Users // [])[].Username | select(startswith($prefix))' <<<"$listing") ||
    fail "could not read the users of $user_pool_id from: $listing"
  [[ -z $names ]] || mapfile -t users <<<"$names"
  if ((${#users[@]} == 0)); then
    echo "$user_pool_id has no user ${prefix}*; nothing to remove"
    return 0
  fi

  echo "Removing ${#users[@]} users ${prefix}* from $user_pool_id"
  for user in "${users[@]}"; do in_background delete_user "$user"; done
  all_finished
  for user in "${users[@]}"; do
    [[ -f $work/$user.deleted ]] && continue
    cat "$work/$user.error" >&2 2>/dev/null || true
    failed+=("$user")
  done
  ((${#failed[@]} == 0)) || fail "not removed: ${failed[*]}"
  echo "Removed ${#users[@]} users"
}

command=${1:-}
case $command in
  create | remove) shift ;;
  -h | --help) usage; exit 0 ;;
  "") usage_error "give a command, create or remove" ;;
  *) usage_error "unknown command '$command'" ;;
esac

user_pool_id="" client_id="" customers="" output="" run_id="" staff=1
while (($# > 0)); do
  [[ $1 == --* ]] || usage_error "unexpected argument '$1'"
  if (($# < 2)) || [[ -z $2 ]]; then usage_error "$1 needs a value"; fi
  case $command/$1 in
    */--user-pool-id) user_pool_id=$2 ;;
    */--run-id) run_id=$2 ;;
    create/--client-id) client_id=$2 ;;
    create/--customers) customers=$2 ;;
    create/--output) output=$2 ;;
    create/--staff) staff=$2 ;;
    *) usage_error "$command takes no $1" ;;
  esac
  shift 2
done

[[ -n $user_pool_id ]] || usage_error "--user-pool-id is missing"
if [[ $command == create ]]; then
  [[ -n $client_id ]] || usage_error "--client-id is missing"
  [[ -n $output ]] || usage_error "--output is missing"
  [[ $customers =~ ^[1-9][0-9]{0,3}$ ]] || usage_error "--customers must be a number from 1 to 9999, not '$customers'"
  [[ $staff =~ ^[01]$ ]] || usage_error "--staff is 0 or 1, not '$staff'"
  [[ -d $(dirname "$output") ]] || fail "the folder of $output does not exist"
  if [[ -z $run_id ]]; then
    if [[ -n ${GITHUB_RUN_ID:-} ]]; then run_id=$GITHUB_RUN_ID-${GITHUB_RUN_ATTEMPT:-1}; else run_id=$(date -u +%Y%m%d%H%M%S); fi
  fi
else
  [[ -n $run_id ]] || usage_error "--run-id is missing: remove deletes the users of one run only"
fi
# the run id ends up in a list-users filter between double quotes, and in every user's name
[[ $run_id =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]] || usage_error "--run-id may hold letters, digits, '.', '_' and '-' only, not '$run_id'"
prefix="scenario-$run_id-"

work=$(mktemp -d)
# a cancelled run stops its background calls too; the users made so far are for remove
trap 'kill $(jobs -pr) 2>/dev/null || true; rm -rf "$work"' EXIT
"$command"
