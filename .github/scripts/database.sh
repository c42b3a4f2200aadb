#!/usr/bin/env bash
# Opens a private path to the Aurora database of an environment, or of a workspace of it, runs a command through it,
# and removes the path again; the same from a laptop as from a workflow job. No inbound port, no public address, no
# SSH key: AWS Systems Manager forwards a local port through a relay made for this session.
#   1. assumes <name>-db-reader, or <name>-db-writer with --write (<name>: the environment, or <environment>-<workspace>),
#      naming the person or the run as the session's source identity (GITHUB_ACTOR-GITHUB_RUN_ID in GitHub Actions, else
#      the caller's own name), so CloudTrail ties every call after it to them; all AWS calls after it use that role;
#   2. makes sure the SSM interface endpoints (ssm, ssmmessages, ec2messages) are in the first Lambda subnet, creating
#      the missing ones, and starts one relay from the launch template <name>-db-relay there;
#   3. forwards 127.0.0.1:<port> (--port, or a free one) to port 5432 of the cluster <name>-db through the relay;
#   4. runs the command with libpq's settings: PGHOST=127.0.0.1 PGPORT PGDATABASE=appdb PGUSER=orders_reader (or
#      orders_operator with --write) PGPASSWORD (an IAM token: new connections for 15 minutes) PGSSLMODE=verify-ca
#      PGSSLROOTCERT (RDS's certificate authorities);
#   5. then, also after a failure or an interrupt: ends the session, terminates the relay, deletes the endpoints when
#      no other relay of <name> is pending or running (else keeps them for it), and waits until the relay is gone.
#
#   database.sh <environment> [<workspace>] [--write [--break-glass]] [--port <port>] [-- <command> [args...]]
#
# Without a command it runs psql when stdin is a terminal; otherwise it prints the settings (the password as PGPASSFILE,
# renewed every 9 minutes) and holds the path open until interrupted. Its exit code is the command's; what teardown
# could not remove is a warning (a relay powers itself off after 8 hours; the next session deletes the endpoints).
# Writes to production run only in a GitHub Actions job: production's credentials reach only jobs of its GitHub
# environment, behind its reviewers (database.yml). --break-glass allows them elsewhere, for an incident when GitHub
# cannot run them; the role session is then named break-glass-<who>.
# A session costs about $0.035 an hour (a t4g.nano relay and three interface endpoints); nothing is left when unused.
# RDS_CA_BUNDLE: a PEM file of RDS's certificate authorities to use instead of fetching them (fetch-rds-ca-bundle.sh).
set -euo pipefail
# shellcheck source=.github/scripts/delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/delivery.sh"

usage="database.sh <environment> [<workspace>] [--write [--break-glass]] [--port <port>] [-- <command> [args...]]"
write=false break_glass=false port="" positional=() command=()
while (($# > 0)); do
  case $1 in
    --write) write=true; shift ;;
    --break-glass) break_glass=true; shift ;;
    --port) (($# >= 2)) || fail "--port needs a port number"; port=$2; shift 2 ;;
    --) shift; command=("$@"); break ;;
    -*) fail "unknown option $1; usage: $usage" ;;
    *) positional+=("$1"); shift ;;
  esac
done
((${#positional[@]} <= 2)) || fail "too many arguments: ${positional[*]}; usage: $usage"
environment=${positional[0]:-}
workspace=${positional[1]:-default}
require_environment "$environment"
if [[ $workspace == default ]]; then
  name=$environment
else
  valid_workspace "$workspace" || fail "'$workspace' is not a workspace name (1-20 lowercase letters, digits, single hyphens; see workspace-name.sh)"
  name=$environment-$workspace
fi

if [[ $break_glass == true && ($write != true || $environment != production) ]]; then
  fail "--break-glass is only for --write on production"
fi
if [[ $write == true && $environment == production && ${GITHUB_ACTIONS:-} != true && $break_glass != true ]]; then
  fail "writes to production run in a GitHub Actions job of the production environment, after its reviewers approve (database.yml with write); from elsewhere only with --break-glass, in an incident"
fi
if [[ $write == true ]]; then role=$name-db-writer user=orders_operator; else role=$name-db-reader user=orders_reader; fi

hold=false
if ((${#command[@]} == 0)); then
  if [[ -t 0 ]]; then command=(psql); else hold=true; fi
fi

require_tool() { # command, how to install it
  command -v "$1" >/dev/null 2>&1 || fail "$1 is not installed: $2"
}
require_tool aws "install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)"
require_tool session-manager-plugin "install the Session Manager plugin for the AWS CLI (https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html)"
require_tool jq "install jq (apt-get install jq, brew install jq)"
if [[ -z ${RDS_CA_BUNDLE:-} ]]; then
  require_tool curl "install curl, or set RDS_CA_BUNDLE to a file of RDS's certificate authorities"
  require_tool openssl "install OpenSSL, or set RDS_CA_BUNDLE to a file of RDS's certificate authorities"
fi
if [[ ${command[0]:-} == psql ]]; then
  require_tool psql "install the PostgreSQL client (apt-get install postgresql-client, brew install libpq)"
fi

port_in_use() { # port: something on 127.0.0.1 accepts connections there
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
if [[ -n $port ]]; then
  if ! [[ $port =~ ^[0-9]{1,5}$ ]] || ((10#$port < 1 || 10#$port > 65535)); then fail "--port $port is not a port number"; fi
  ! port_in_use "$port" || fail "port $port on 127.0.0.1 is in use; choose another, or leave --port out for a free one"
else
  for _ in {1..50}; do
    port=$((49152 + RANDOM % 16384))
    port_in_use "$port" || break
  done
  ! port_in_use "$port" || fail "found no free port on 127.0.0.1; choose one with --port"
fi

step() { echo "$*" >&2; }

warn() {
  if [[ ${GITHUB_ACTIONS:-} == true ]]; then echo "::warning::$*" >&2; else echo "$(basename "$0"): warning: $*" >&2; fi
}

poll_seconds=${DATABASE_POLL_SECONDS:-10}
role_key="" role_secret="" role_token="" assumed_at=0
relay="" vpc="" endpoints_touched=false session_pid="" session_id="" hold_pid=""

# every AWS call after the role is assumed runs as the role; the caller's own credentials only assume it (again)
as_role() {
  AWS_ACCESS_KEY_ID=$role_key AWS_SECRET_ACCESS_KEY=$role_secret AWS_SESSION_TOKEN=$role_token aws "$@"
}

assume_role() {
  local answer
  answer=$(aws sts assume-role --role-arn "$role_arn" --role-session-name "$session_name" --source-identity "$who" \
    --duration-seconds 3600 --output json) || return 1
  { read -r role_key && read -r role_secret && read -r role_token; } < <(jq -r '.Credentials | .AccessKeyId, .SecretAccessKey, .SessionToken' <<<"$answer") || return 1
  assumed_at=$SECONDS
}

# the role's sessions last an hour; a long command or a held path gets a fresh one before it runs out
renew_role() {
  ((SECONDS - assumed_at < 3000)) && return 0
  assume_role || warn "could not assume $role_arn again; going on with the credentials of $(((SECONDS - assumed_at) / 60)) minutes ago"
}

close_path() {
  local status=$?
  set +e
  trap '' INT TERM
  [[ -z $hold_pid ]] || kill "$hold_pid" 2>/dev/null
  if [[ -n $session_pid ]]; then
    step "Ending the session${session_id:+ $session_id}"
    [[ -z $session_id ]] || as_role ssm terminate-session --session-id "$session_id" --output json >/dev/null ||
      warn "could not end the session $session_id; it ends with the relay"
    kill -TERM -- "-$session_pid" 2>/dev/null
    wait "$session_pid" 2>/dev/null
  fi
  [[ -z $relay && $endpoints_touched != true ]] || renew_role
  if [[ -n $relay ]]; then
    step "Terminating the relay $relay"
    as_role ec2 terminate-instances --instance-ids "$relay" --output json >/dev/null ||
      warn "could not terminate the relay $relay; it powers itself off within 8 hours of its start"
  fi
  # before waiting for the relay: a cancelled job has seconds left, and the endpoints are what costs while unused
  [[ $endpoints_touched != true ]] || remove_unused_endpoints
  if [[ -n $relay ]]; then
    step "Waiting until the relay $relay is gone"
    as_role ec2 wait instance-terminated --instance-ids "$relay" || warn "the relay $relay was not yet terminated"
  fi
  rm -rf "$work"
  exit "$status"
}

remove_unused_endpoints() {
  local instances others endpoints ids
  instances=$(as_role ec2 describe-instances --output json \
    --filters "Name=tag:orders:database-relay,Values=$name" "Name=instance-state-name,Values=pending,running") ||
    { warn "could not look for other relays of $name, so the SSM endpoints in $vpc stay; the next session deletes them"; return; }
  others=$(jq -r --arg self "$relay" '[.Reservations[].Instances[].InstanceId | select(. != $self)] | join(" ")' <<<"$instances")
  if [[ -n $others ]]; then
    step "Keeping the SSM endpoints in $vpc: the relay(s) $others of $name still use them"
    return
  fi
  endpoints=$(describe_endpoints) || { warn "could not list the SSM endpoints in $vpc; the next session deletes them"; return; }
  # only those this path made (tagged), never an endpoint someone else keeps in the VPC
  read -ra ids <<<"$(jq -r --arg name "$name" '[.VpcEndpoints[]
      | select(any(.Tags[]?; .Key == "orders:database-relay" and .Value == $name))
      | select(.State | ascii_downcase | IN("deleting", "deleted", "failed", "rejected", "expired") | not)
      | .VpcEndpointId] | join(" ")' <<<"$endpoints")"
  if ((${#ids[@]} == 0)); then
    step "No other relay of $name runs, and it has no SSM endpoints left to delete"
    return
  fi
  step "Deleting the SSM endpoints ${ids[*]}: no other relay of $name runs"
  as_role ec2 delete-vpc-endpoints --vpc-endpoint-ids "${ids[@]}" --output json >/dev/null ||
    warn "could not delete the SSM endpoints ${ids[*]} (\$0.01 an hour each); the next session deletes them"
}

work=$(mktemp -d)
trap close_path EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -n ${RDS_CA_BUNDLE:-} ]]; then
  [[ -s $RDS_CA_BUNDLE ]] || fail "RDS_CA_BUNDLE $RDS_CA_BUNDLE is not a file of certificates"
  ca_bundle=$(realpath "$RDS_CA_BUNDLE")
else
  step "Fetching RDS's certificate authorities"
  "$repository_root/.github/scripts/fetch-rds-ca-bundle.sh" --output "$work/rds-ca-bundle.pem" >&2 ||
    fail "could not fetch RDS's certificate authorities (or set RDS_CA_BUNDLE to a file of them)"
  ca_bundle=$work/rds-ca-bundle.pem
fi

caller=$(aws sts get-caller-identity --query Arn --output text) ||
  fail "could not read who the AWS credentials belong to (aws sts get-caller-identity); sign in first"
account=$(cut -d: -f5 <<<"$caller")
[[ -z ${AWS_ACCOUNT_ID:-} || $AWS_ACCOUNT_ID == "$account" ]] ||
  fail "the credentials are for account $account, but AWS_ACCOUNT_ID says $environment lives in $AWS_ACCOUNT_ID"
if [[ ${GITHUB_ACTIONS:-} == true ]]; then who="${GITHUB_ACTOR:-github}-${GITHUB_RUN_ID:-run}"; else who=${caller##*[:/]}; fi
# what STS takes as a source identity and a session name: 2 to 64 of letters, digits and _+=,.@-
who=$(printf '%s' "$who" | tr -c 'A-Za-z0-9_+=,.@-' '-' | cut -c1-64)
((${#who} >= 2)) || who=caller-$who
session_name=$who
[[ $break_glass != true ]] || session_name=$(printf 'break-glass-%s' "$who" | cut -c1-64)
role_arn=arn:aws:iam::$account:role/$role

step "Assuming $role as $session_name"
assume_role || fail "could not assume $role_arn: the credentials may not assume it, or $name has no such role yet (deploy it first)"

step "Finding the database $name-db"
cluster=$(as_role rds describe-db-clusters --db-cluster-identifier "$name-db" --output json) ||
  fail "found no database cluster $name-db in $account: is $name deployed, and is this its region?"
endpoint=$(jq -r '.DBClusters[0].Endpoint' <<<"$cluster")
region=$(jq -r '.DBClusters[0].DBClusterArn | split(":")[3]' <<<"$cluster")
[[ $(jq -r '.DBClusters[0].IAMDatabaseAuthenticationEnabled' <<<"$cluster") == true ]] ||
  fail "$name-db does not take IAM database authentication yet: deploy $name with the current Terraform first"

step "Finding the relay's security groups and the first Lambda subnet of $name"
groups=$(as_role ec2 describe-security-groups --output json \
  --filters "Name=group-name,Values=$name-db-relay,$name-db-relay-endpoints") || fail "could not read the security groups of $name"
# the relay's group names the VPC (no other group is called <name>-db-relay); the endpoints' group is the one in it, as
# a workspace named db-relay has a network group of the same name in its own VPC
group_of() { # name, field, [vpc]
  jq -r --arg group "$1" --arg vpc "${3:-}" \
    '[.SecurityGroups[] | select(.GroupName == $group and ($vpc == "" or .VpcId == $vpc))] | first // {} | .'"$2"' // empty' <<<"$groups"
}
relay_group=$(group_of "$name-db-relay" GroupId)
vpc=$(group_of "$name-db-relay" VpcId)
endpoints_group=$(group_of "$name-db-relay-endpoints" GroupId "$vpc")
[[ -n $relay_group && -n $endpoints_group ]] ||
  fail "$name has no security groups $name-db-relay and $name-db-relay-endpoints: deploy it with the current Terraform first"
subnets=$(as_role ec2 describe-subnets --output json --filters "Name=vpc-id,Values=$vpc" "Name=tag:Tier,Values=lambda") ||
  fail "could not read the subnets of $vpc"
subnet=$(jq -r '.Subnets | sort_by(.AvailabilityZone) | first // {} | .SubnetId // empty' <<<"$subnets")
[[ -n $subnet ]] || fail "found no Lambda subnet (tag Tier=lambda) in $vpc, the VPC of $name"

describe_endpoints() {
  as_role ec2 describe-vpc-endpoints --output json --filters "Name=vpc-id,Values=$vpc"
}

endpoint_ids() { # states...: for each endpoint service of the path, "<service> <ID of its first endpoint in them, or ->"
  jq -r --arg prefix "com.amazonaws.$region." '$ARGS.positional as $states | .VpcEndpoints as $endpoints
    | ("ssm", "ssmmessages", "ec2messages") as $service
    | [$endpoints[] | select(.ServiceName == $prefix + $service and (.State | ascii_downcase | IN($states[])))] as $found
    | "\($service) \($found | first // {} | .VpcEndpointId // "-")"' --args "$@" <<<"$endpoints"
}

endpoints_touched=true
deadline=$((SECONDS + 300))
while :; do
  endpoints=$(describe_endpoints) || fail "could not list the VPC endpoints of $vpc"
  live=$(endpoint_ids pending pendingacceptance available)
  # an endpoint an earlier session is deleting still holds its service's private DNS name
  waiting=()
  while read -r service existing _ deleting; do
    [[ $existing != - || $deleting == - ]] || waiting+=("$service")
  done < <(paste -d ' ' <(echo "$live") <(endpoint_ids deleting))
  ((${#waiting[@]} > 0)) || break
  ((SECONDS < deadline)) || fail "the endpoints of ${waiting[*]} that an earlier session deletes were not gone within 5 minutes"
  step "Waiting until the endpoints of ${waiting[*]} that an earlier session deletes are gone"
  sleep "$poll_seconds"
done
while read -r service existing; do
  if [[ $existing != - ]]; then
    step "Using the endpoint $existing of $service"
    continue
  fi
  step "Creating the endpoint of $service in $subnet"
  as_role ec2 create-vpc-endpoint --output json --vpc-endpoint-type Interface --vpc-id "$vpc" \
    --service-name "com.amazonaws.$region.$service" --subnet-ids "$subnet" --security-group-ids "$endpoints_group" \
    --private-dns-enabled --tag-specifications "ResourceType=vpc-endpoint,Tags=[{Key=orders:database-relay,Value=$name}]" \
    </dev/null >/dev/null || fail "could not create the endpoint of $service in $subnet"
done <<<"$live"

step "Starting a relay from the launch template $name-db-relay in $subnet"
# the network interface is given whole, so the relay has no public address whatever the subnet's default
instances=$(as_role ec2 run-instances --output json --launch-template "LaunchTemplateName=$name-db-relay" \
  --network-interfaces "DeviceIndex=0,SubnetId=$subnet,Groups=$relay_group,AssociatePublicIpAddress=false,DeleteOnTermination=true" \
  --tag-specifications "ResourceType=instance,Tags=[{Key=orders:database-relay,Value=$name}]") ||
  fail "could not start a relay from the launch template $name-db-relay"
relay=$(jq -r '.Instances[0].InstanceId' <<<"$instances")

step "Waiting until the endpoints are available"
deadline=$((SECONDS + 600))
while :; do
  endpoints=$(describe_endpoints) || fail "could not list the VPC endpoints of $vpc"
  read -ra pending <<<"$(endpoint_ids available | awk '$2 == "-" { print $1 }' | xargs)"
  ((${#pending[@]} > 0)) || break
  ((SECONDS < deadline)) || fail "the endpoints of ${pending[*]} in $vpc were not available within 10 minutes"
  sleep "$poll_seconds"
done

step "Waiting until the relay $relay runs"
as_role ec2 wait instance-running --instance-ids "$relay" || fail "the relay $relay did not start"
step "Waiting until Systems Manager sees the relay $relay online"
deadline=$((SECONDS + 600))
while :; do
  information=$(as_role ssm describe-instance-information --output json --filters "Key=InstanceIds,Values=$relay") ||
    fail "could not ask Systems Manager about the relay $relay"
  [[ $(jq -r '.InstanceInformationList[0].PingStatus // "unknown"' <<<"$information") != Online ]] || break
  ((SECONDS < deadline)) ||
    fail "the relay $relay was not online in Systems Manager within 10 minutes (its agent reaches it through the endpoints in $subnet only)"
  sleep "$poll_seconds"
done

step "Forwarding 127.0.0.1:$port to $endpoint:5432 through $relay"
parameters=$(jq -cn --arg host "$endpoint" --arg port "$port" '{host: [$host], portNumber: ["5432"], localPortNumber: [$port]}')
# its own process group, so that teardown ends the CLI and its plugin together, and a Ctrl-C meant for psql does not
set -m
as_role ssm start-session --target "$relay" --document-name AWS-StartPortForwardingSessionToRemoteHost \
  --parameters "$parameters" </dev/null >"$work/session.log" 2>&1 &
session_pid=$!
set +m
deadline=$((SECONDS + 60))
until port_in_use "$port"; do
  kill -0 "$session_pid" 2>/dev/null || fail "the session ended before it forwarded the port: $(tail -n 5 "$work/session.log")"
  ((SECONDS < deadline)) || fail "127.0.0.1:$port did not open within 60 s: $(tail -n 5 "$work/session.log")"
  sleep 0.2
done
session_id=$(sed -nE 's/^Starting session with SessionId: ([^ ]+).*$/\1/p' "$work/session.log" | head -n 1)

token=$(as_role rds generate-db-auth-token --hostname "$endpoint" --port 5432 --username "$user" --region "$region") ||
  fail "could not make an IAM token for $user"
settings=(PGHOST=127.0.0.1 "PGPORT=$port" PGDATABASE=appdb "PGUSER=$user" PGSSLMODE=verify-ca "PGSSLROOTCERT=$ca_bundle")

write_password_file() { # libpq's password file, the token's \ and : escaped
  local escaped=${token//\\/\\\\}
  (umask 077 && printf '127.0.0.1:%s:appdb:%s:%s\n' "$port" "$user" "${escaped//:/\\:}" >"$work/pgpass")
}

hold_open() { # until interrupted; exits 0 then
  write_password_file
  local setting
  for setting in "${settings[@]}" "PGPASSFILE=$work/pgpass"; do
    printf 'export %s=%q\n' "${setting%%=*}" "${setting#*=}"
  done
  step "The path to $name's database is open as $user on 127.0.0.1:$port; use the settings above (the token in PGPASSFILE is renewed every 9 minutes). Interrupt this (Ctrl-C) to close it."
  trap 'exit 0' INT TERM
  while true; do
    sleep 540 &
    hold_pid=$!
    wait "$hold_pid" || true
    renew_role
    token=$(as_role rds generate-db-auth-token --hostname "$endpoint" --port 5432 --username "$user" --region "$region") ||
      warn "could not renew the IAM token; new connections fail once the last one is 15 minutes old"
    write_password_file
  done
}

[[ $hold != true ]] || hold_open

step "Running ${command[*]} as $user on $name's database"
# the command decides what a Ctrl-C means (psql cancels its query); the path closes when it ends
trap ':' INT
# exported, never arguments, so no process listing shows the token; its exit status ends the script (set -e), through
# close_path
(export "${settings[@]}" "PGPASSWORD=$token" && exec "${command[@]}")
