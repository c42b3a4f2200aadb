# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154 # the callers set function_name, provisioned_concurrency and alarm_names, and read
# what read_live and bake set (live_version, live_canary, fired_alarm)
# How traffic moves between the Api's versions through its alias live, shared by deploy.sh (which moves it in steps)
# and finish-deploy.sh (which keeps the new version or rolls back once the deployed scenarios ran). Provisioned
# concurrency belongs to versions: a new version gets its own, ready before live sends it anything, and a version
# keeps its own until live sends it nothing. Sourced after delivery.sh; the callers set function_name,
# provisioned_concurrency and alarm_names (the alarms a deploy watches) first.
#   ALARM_POLL_SECONDS (default 20): how often a bake asks for the alarms' states.

# the version live sends most of its traffic to, and the one it sends the rest to (empty when none)
read_live() {
  local alias
  alias=$(aws lambda get-alias --function-name "$function_name" --name live --output json) ||
    fail "could not read the alias live of $function_name"
  live_version=$(jq -r '.FunctionVersion' <<<"$alias")
  live_canary=$(jq -r '(.RoutingConfig.AdditionalVersionWeights // {}) | keys | first // ""' <<<"$alias")
}

# gives a version its provisioned concurrency and waits until it is ready; nothing when there is none to give
provision() { # version
  ((provisioned_concurrency > 0)) || return 0
  aws lambda put-provisioned-concurrency-config --function-name "$function_name" --qualifier "$1" \
    --provisioned-concurrent-executions "$provisioned_concurrency" --output json >/dev/null ||
    fail "could not give version $1 its provisioned concurrency; live was not moved"
  local poll_seconds=${PROVISIONED_CONCURRENCY_POLL_SECONDS:-10} deadline=$((SECONDS + 900)) status
  while :; do
    status=$(aws lambda get-provisioned-concurrency-config --function-name "$function_name" --qualifier "$1" \
      --query '[Status, StatusReason]' --output text) || fail "could not read the provisioned concurrency of version $1"
    case $status in
      READY*) echo "$provisioned_concurrency provisioned executions of version $1 are ready"; return 0 ;;
      FAILED*) fail "the provisioned concurrency of version $1 failed: ${status#FAILED}; live was not moved" ;;
    esac
    ((SECONDS < deadline)) || fail "the provisioned concurrency of version $1 was not ready within 15 minutes; live was not moved"
    sleep "$poll_seconds"
  done
}

# sends percent of live's traffic to the new version and the rest to the previous one; 100 makes the new one live alone
route() { # previous version, new version, percent
  local previous=$1 new=$2 percent=$3
  if ((percent >= 100)); then
    aws lambda update-alias --function-name "$function_name" --name live --function-version "$new" \
      --routing-config 'AdditionalVersionWeights={}' --output json >/dev/null ||
      fail "could not move live wholly to version $new"
    echo "live sends all its traffic to version $new"
  else
    local weight
    weight=$(awk -v percent="$percent" 'BEGIN { printf "%.2f", percent / 100 }')
    aws lambda update-alias --function-name "$function_name" --name live --function-version "$previous" \
      --routing-config "AdditionalVersionWeights={$new=$weight}" --output json >/dev/null ||
      fail "could not send $percent% of live's traffic to version $new"
    echo "live sends $percent% of its traffic to version $new, the rest to version $previous"
  fi
}

# the alarms among alarm_names that went into ALARM at or after the given time, "name: reason" a line: from their
# history, so that one that fired and is OK again a minute later counts too
fired_alarms() { # since (UTC, 2026-12-07T11:30:00)
  local alarm
  for alarm in "${alarm_names[@]}"; do
    [[ -n $alarm ]] || continue
    aws cloudwatch describe-alarm-history --alarm-name "$alarm" --history-item-type StateUpdate --start-date "${1}Z" --output json |
      jq -r --arg alarm "$alarm" '.AlarmHistoryItems[] | .HistoryData | fromjson | select(.newState.stateValue == "ALARM")
        | "\($alarm): \(.newState.stateReason)"' || return 1
  done
}

# watches the alarms for the given seconds (asking at least once); returns 1 with the first that fired in fired_alarm
bake() { # seconds, since
  local deadline=$((SECONDS + $1)) poll_seconds=${ALARM_POLL_SECONDS:-20} fired
  while :; do
    fired=$(fired_alarms "$2") || fail "could not read the alarms ${alarm_names[*]}"
    if [[ -n $fired ]]; then
      fired_alarm=$(head -n 1 <<<"$fired")
      return 1
    fi
    ((SECONDS < deadline)) || return 0
    sleep "$poll_seconds"
  done
}

# live returns wholly to the previous version, the new one loses its provisioned concurrency, and the deploy fails
roll_back() { # previous version, new version, reason
  echo "::error::rolling live back to version $1: $3"
  aws lambda update-alias --function-name "$function_name" --name live --function-version "$1" \
    --routing-config 'AdditionalVersionWeights={}' --output json >/dev/null ||
    fail "could not roll live back to version $1 ($3); move it by hand: aws lambda update-alias --function-name $function_name --name live --function-version $1 --routing-config 'AdditionalVersionWeights={}'"
  if ((provisioned_concurrency > 0)); then
    aws lambda delete-provisioned-concurrency-config --function-name "$function_name" --qualifier "$2" ||
      echo "::warning::could not remove the provisioned concurrency of version $2, which takes no traffic; the next deploy removes it"
  fi
  step_output rolled_back true
  step_output reason "$3"
  fail "live is back on version $1 of $function_name, because $3"
}

# the versions and aliases of the function that have provisioned concurrency, one a line
provisioned_qualifiers() {
  aws lambda list-provisioned-concurrency-configs --function-name "$function_name" --output json |
    jq -r '.ProvisionedConcurrencyConfigs[].FunctionArn | split(":") | last' ||
    fail "could not list the provisioned concurrency of $function_name"
}

# Lambda takes one provisioned concurrency config per version, on it or on an alias that routes to it, and none on an
# alias with a share for a second version: a config on live itself (made before deploys kept one per version) moves
# onto the version live serves, at the price of one short cold window, before a deploy provisions anything else
move_alias_provisioned_concurrency() { # the version live serves
  local qualifiers
  qualifiers=$(provisioned_qualifiers)
  grep -qx live <<<"$qualifiers" || return 0
  aws lambda delete-provisioned-concurrency-config --function-name "$function_name" --qualifier live ||
    fail "could not remove the provisioned concurrency config of the alias live, which must sit on versions; live was not moved"
  echo "the alias live had its own provisioned concurrency config: it goes onto version $1 instead"
  provision "$1"
}

# removes the provisioned concurrency of every version and alias but the one live serves: they take no traffic
release_provisioned_concurrency() { # the version live serves
  local qualifiers qualifier
  qualifiers=$(provisioned_qualifiers)
  for qualifier in $qualifiers; do
    [[ $qualifier != "$1" ]] || continue
    aws lambda delete-provisioned-concurrency-config --function-name "$function_name" --qualifier "$qualifier" ||
      fail "could not remove the provisioned concurrency of $qualifier, which takes no traffic"
    echo "$qualifier of $function_name takes no traffic: its provisioned concurrency is removed"
  done
}
