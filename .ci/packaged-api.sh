# shellcheck shell=bash
# Serves the Lambda package's bootstrap as Lambda runs it, on loopback, through Tests/LambdaStandIn (a Lambda Runtime
# API and API Gateway's HTTP API, payload format 2.0, with the routes terraform/modules/api declares): a PostgreSQL of
# its own speaking TLS; the schema applied by one invocation of the package in the migration function's mode
# (API_COMMAND=migrate) as the database's owner; the function's Init and invocations measured with and without
# telemetry; then the Api connected as its own role, verifying the server's certificate (VerifyFull) with the
# certificate authorities the package carries, trusting tokens signed with a key made here, exporting its telemetry
# to a collector on loopback as it would to the collector layer. The deployed database tests get that database as
# .github/scripts/database.sh gives an environment's: libpq's variables, orders_reader, TLS verified. Sourced by .ci/run:
#   start_packaged_api <zip> <folder with server.crt, server.key and ca.pem>
#                              sets PACKAGED_API_URL and ORDERS_TOKEN_SIGNING_KEY (what the deployed scenarios mint with),
#                              and exports PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE and PGSSLROOTCERT
#   stop_packaged_api          prints what the function's invocations took

# shellcheck source=.ci/loopback.sh
source "$(dirname "${BASH_SOURCE[0]}")/loopback.sh"
# shellcheck source=.ci/private-postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/private-postgres.sh"

start_packaged_api() {
  local package=$1 certificates=$2 api_port api_password routes=$PWD/terraform/modules/api/gateway.tf
  PACKAGED_API_DIR=$(mktemp -d)
  unzip -q "$package" -d "$PACKAGED_API_DIR/function" || return 1
  [[ -x $PACKAGED_API_DIR/function/bootstrap ]] || { echo "the package has no executable bootstrap"; return 1; }
  [[ -f $PACKAGED_API_DIR/function/rds-ca-bundle.pem ]] || { echo "the package has no rds-ca-bundle.pem"; return 1; }
  if ! dotnet build Tests/LambdaStandIn -c Release -o "$PACKAGED_API_DIR/stand-in" -nologo >"$PACKAGED_API_DIR/build.log" 2>&1; then
    cat "$PACKAGED_API_DIR/build.log"
    echo "could not build Tests/LambdaStandIn"
    return 1
  fi
  local stand_in=("dotnet" "$PACKAGED_API_DIR/stand-in/LambdaStandIn.dll")
  local bootstrap=$PACKAGED_API_DIR/function/bootstrap

  start_private_postgres orders "$certificates" || return 1
  api_password=$(openssl rand -hex 16)
  # the tokens the scenarios sign in with, from the local issuer the AppHost and the tests use
  ORDERS_TOKEN_SIGNING_KEY=$(orders_local token --new-key) || return 1
  export ORDERS_TOKEN_SIGNING_KEY
  local trust
  mapfile -t trust < <(orders_local token --api-settings)
  ((${#trust[@]} > 0)) || { echo "AppHost/Local's token command gave no settings for the Api"; return 1; }

  # the settings terraform/modules/api gives both functions, the certificate verified with the package's bundle; a
  # password in place of each secret
  local database=(
    Database__Host=127.0.0.1 "Database__Port=$PRIVATE_POSTGRES_PORT" Database__Name=orders
    Database__SslMode=VerifyFull Database__RootCertificate=rds-ca-bundle.pem
  )

  echo "::: the package as the migration function: one invocation"
  env API_COMMAND=migrate "${database[@]}" Database__Username=postgres \
    "Database__Password=$PRIVATE_POSTGRES_PASSWORD" "Database__ApiPassword=$api_password" \
    "${stand_in[@]}" invoke "$bootstrap" || return 1

  # no user: the Api logs in as its own role, as in AWS
  local api_settings=(
    "${database[@]}"
    "Database__Password=$api_password"
    "${trust[@]}"
  )
  # what a user of Lambda waits for and pays for: a cold start, then warm invocations that authenticate a customer
  # and ask the database for their orders (a trace of a server span and its SQL each, with telemetry)
  echo "::: the package as the Api's function: a cold start, then GET /api/orders 200 times; without telemetry"
  env "${api_settings[@]}" "${stand_in[@]}" measure "$bootstrap" --routes "$routes" --path /api/orders --invocations 200 || return 1
  echo "::: the same, with telemetry exported over OTLP to a collector on loopback"
  env "${api_settings[@]}" "${stand_in[@]}" measure "$bootstrap" --routes "$routes" --path /api/orders --invocations 200 --telemetry || return 1

  PACKAGED_API_LOG=$(mktemp)
  api_port=$(free_port)
  env "${api_settings[@]}" "${stand_in[@]}" serve "$bootstrap" --routes "$routes" --port "$api_port" --telemetry >"$PACKAGED_API_LOG" 2>&1 &
  PACKAGED_API_PID=$!
  PACKAGED_API_URL="http://127.0.0.1:$api_port/"
  await_answer "${PACKAGED_API_URL}health" "$PACKAGED_API_PID" "$PACKAGED_API_LOG" "the packaged Api behind the HTTP API stand-in" ||
    return 1

  # the migrations made orders_reader, which logs in with IAM tokens in Aurora; here a password stands in for the
  # token, and the variables are exported only now, so that no process of the Api's sees them
  local reader_password
  reader_password=$(openssl rand -hex 16)
  private_postgres_sql <<<"alter role orders_reader password '$reader_password'" || return 1
  export PGHOST=127.0.0.1 PGPORT=$PRIVATE_POSTGRES_PORT PGDATABASE=orders PGUSER=orders_reader \
    PGPASSWORD=$reader_password PGSSLMODE=verify-full PGSSLROOTCERT=$certificates/ca.pem
}

stop_packaged_api() {
  if [[ -n ${PACKAGED_API_PID:-} ]] && kill "$PACKAGED_API_PID" 2>/dev/null; then
    wait "$PACKAGED_API_PID" 2>/dev/null
    echo "::: the packaged Api's function, while the scenarios ran"
    grep -E '^(Lambda|Telemetry|HTTP API)' "$PACKAGED_API_LOG"
  fi
  stop_private_postgres
  [[ -n ${PACKAGED_API_LOG:-} ]] && rm -f "$PACKAGED_API_LOG"
  [[ -n ${PACKAGED_API_DIR:-} ]] && rm -rf "$PACKAGED_API_DIR"
  unset PACKAGED_API_PID PACKAGED_API_LOG PACKAGED_API_DIR ORDERS_TOKEN_SIGNING_KEY
  unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD PGSSLMODE PGSSLROOTCERT
}
