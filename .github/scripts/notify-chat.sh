#!/usr/bin/env bash
# Tells the team's chat that something is the matter: posts one message to the Slack incoming webhook in
# CHAT_WEBHOOK_URL, saying what happened and where to start looking: the workflow run, the environment's URL, and its
# function's logs and traces in the CloudWatch console. Without CHAT_WEBHOOK_URL it sends nothing and says so.
# It never fails for the chat's sake: a post that does not get through is a warning, so that a chat outage never hides
# or takes the place of the failure being reported. A caller's mistake (an unknown option or environment) does fail; a
# URL or region that is not one is left out of the message.
#
#   notify-chat.sh [--environment <environment> [--workspace <workspace>]] [--url <environment URL>]
#                  [--function <function>] [--log-group <log group>] [--region <region>] [--run-url <URL>]
#                  <what happened>
#
#   notify-chat.sh --environment development --workspace pr-7 --url https://d111111abcdef8.cloudfront.net \
#     "The deploy of development (pr-7) rolled back: the function's errors alarm fired"
#
# The environment and workspace name the function (<prefix>-api, also its traces' service) and its log group
# (/aws/lambda/<prefix>-api) unless --function or --log-group say otherwise. The region is AWS_REGION's unless
# --region gives it; without one there are no console links. The run is this GitHub Actions run (GITHUB_SERVER_URL,
# GITHUB_REPOSITORY, GITHUB_RUN_ID) unless --run-url gives another. Empty values count as not given.
set -euo pipefail
# shellcheck source=.github/scripts/delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/delivery.sh"

environment="" workspace="" url="" function="" log_group="" region=${AWS_REGION:-${AWS_DEFAULT_REGION:-}} run_url=""
if [[ -n ${GITHUB_SERVER_URL:-} && -n ${GITHUB_REPOSITORY:-} && -n ${GITHUB_RUN_ID:-} ]]; then
  run_url="$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID"
fi
summary=""
while (($# > 0)); do
  case $1 in
    --environment | --workspace | --url | --function | --log-group | --region | --run-url)
      (($# >= 2)) || fail "$1 needs a value"
      case $1 in
        --environment) environment=$2 ;;
        --workspace) workspace=$2 ;;
        --url) url=$2 ;;
        --function) function=$2 ;;
        --log-group) log_group=$2 ;;
        --region) region=${2:-$region} ;;
        --run-url) run_url=${2:-$run_url} ;;
      esac
      shift 2
      ;;
    -*) fail "unknown option $1" ;;
    *)
      [[ -z $summary ]] || fail "one message only, in quotes; also given: '$1'"
      summary=$1
      shift
      ;;
  esac
done
[[ -n $summary ]] || fail "no message given: say what happened, such as \"The deploy of development rolled back: ...\""

# the links are written into Slack's <address|label>, which they must not break out of; one that is no URL (a setting
# gone wrong) is left out rather than keep the message from going
link() { # address
  if [[ -z $1 || $1 =~ ^https?://[^[:space:]\<\>\|]+$ ]]; then
    echo "$1"
  else
    echo "$(basename "$0"): leaving out '$1': it is not an http(s) URL" >&2
  fi
}
url=$(link "$url")
run_url=$(link "$run_url")

where=""
if [[ -n $environment ]]; then
  require_environment "$environment"
  if [[ -n $workspace && $workspace != default ]]; then
    valid_workspace "$workspace" || fail "'$workspace' is not a workspace name (see workspace-name.sh)"
    prefix="$environment-$workspace"
    where="$environment, workspace $workspace"
  else
    prefix=$environment
    where=$environment
  fi
  function=${function:-$prefix-api}
elif [[ -n $workspace ]]; then
  fail "--workspace needs --environment"
fi
[[ -z $function ]] || log_group=${log_group:-/aws/lambda/$function}

logs_url="" traces_url=""
if [[ -n $region && ! $region =~ ^[a-z]{2}(-[a-z]+)+-[0-9]$ ]]; then
  echo "$(basename "$0"): no console links: '$region' is not an AWS region name" >&2
  region=""
fi
if [[ -n $region ]]; then
  console="https://$region.console.aws.amazon.com/cloudwatch/home?region=$region"
  # the console's address carries the log group's name URL-encoded twice: "/" is %2F, written $252F
  [[ -z $log_group ]] || logs_url="$console#logsV2:log-groups/log-group/$(jq -rn --arg name "$log_group" '$name | @uri | gsub("%"; "$25")')"
  [[ -z $function ]] || traces_url="$console#xray:traces/query"
fi

if [[ -z ${CHAT_WEBHOOK_URL:-} ]]; then
  echo "No chat webhook is configured (CHAT_WEBHOOK_URL is empty); nothing was sent."
  exit 0
fi

warn() { # message: a GitHub Actions warning, on one line, never naming the webhook
  local message=${1//"$CHAT_WEBHOOK_URL"/<the webhook>}
  message=${message//'%'/%25}
  message=${message//$'\r'/}
  echo "::warning::${message//$'\n'/%0A}"
}

# curl reads it from a config on stdin, never from its command line, which every process on the machine can read
if [[ ! $CHAT_WEBHOOK_URL =~ ^https?://[^[:space:]\"\\]+$ ]]; then
  warn "The chat message was not sent: CHAT_WEBHOOK_URL is not an http(s) URL."
  exit 0
fi

# Slack's message: the summary in bold and the links as mrkdwn, and the same as plain text for notifications
message=$(jq -cn --arg summary "$summary" --arg where "$where" --arg url "$url" --arg run "$run_url" \
  --arg logs "$logs_url" --arg log_group "$log_group" --arg traces "$traces_url" --arg service "$function" '
  def escaped: gsub("&"; "&amp;") | gsub("<"; "&lt;") | gsub(">"; "&gt;");
  def lines: map(select(. != null)) | join("\n");
  {
    text: [
      ($summary | escaped),
      (if $where != "" then "Environment: \($where | escaped)" else null end),
      (if $url != "" then "URL: \($url)" else null end),
      (if $run != "" then "Run: \($run)" else null end),
      (if $logs != "" then "Logs: \($logs)" else null end),
      (if $traces != "" then "Traces (service(\"\($service | escaped)\")): \($traces)" else null end)
    ] | lines,
    blocks: [{
      type: "section",
      text: {
        type: "mrkdwn",
        text: [
          ":rotating_light: *\($summary | escaped)*",
          ([
            (if $where != "" then "Environment: *\($where | escaped)*" else null end),
            (if $url != "" then "<\($url)|\($url | escaped)>" else null end)
          ] | map(select(. != null)) | if length > 0 then join("  ") else null end),
          (if $run != "" then "<\($run)|The workflow run>" else null end),
          ([
            (if $logs != "" then "<\($logs)|logs of \($log_group | escaped)>" else null end),
            (if $traces != "" then "<\($traces)|traces> (filter `service(\"\($service | escaped)\")`)" else null end)
          ] | map(select(. != null)) | if length > 0 then "Start with the " + join(" and the ") else null end)
        ] | lines
      }
    }]
  }')

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%s' "$message" >"$work/message.json"

# a bounded time, and two more tries for what may pass (a timeout, refused connection, 429, 5xx)
status=$(printf 'url = "%s"\n' "$CHAT_WEBHOOK_URL" |
  curl --config - --silent --show-error --max-time 10 --retry 2 --retry-delay 1 --retry-connrefused \
    --header 'Content-Type: application/json' --data-binary "@$work/message.json" \
    --output "$work/answer" --write-out '%{http_code}' 2>"$work/errors") || true

if [[ $status =~ ^2[0-9][0-9]$ ]]; then
  echo "Told the chat: $summary"
elif [[ $status =~ ^[1-9][0-9][0-9]$ ]]; then
  warn "The chat message was not sent: the webhook answered HTTP $status $(head -c 200 "$work/answer" | tr -s '\r\n' ' ')"
else
  # each try writes its error; the last one says it
  warn "The chat message was not sent: the webhook could not be reached ($(tail -n 1 "$work/errors" | head -c 300))"
fi
