# shellcheck shell=bash
# Serves the Lambda package's bootstrap on loopback: a PostgreSQL of its own speaking TLS, the schema applied by the
# package in the migration function's mode (API_COMMAND=migrate) as the database's owner, then the Api in the
# Production environment, connected as its own role and verifying the server's certificate (VerifyFull) with the
# certificate authorities the package carries, and trusting tokens signed with a key made here. Outside Lambda the same
# executable serves HTTP with Kestrel, which proves the package is the Api. Sourced by .ci/run:
#   start_packaged_api <zip> <folder with server.crt and server.key>
#                              sets PACKAGED_API_URL and ORDERS_TOKEN_SIGNING_KEY (what the deployed scenarios mint with)
#   stop_packaged_api

# shellcheck source=.ci/private-postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/private-postgres.sh"

start_packaged_api() {
  local package=$1 certificates=$2 api_port api_password verified
  PACKAGED_API_DIR=$(mktemp -d)
  unzip -q "$package" -d "$PACKAGED_API_DIR" || return 1
  [[ -x $PACKAGED_API_DIR/bootstrap ]] || { echo "the package has no executable bootstrap"; return 1; }
  [[ -f $PACKAGED_API_DIR/rds-ca-bundle.pem ]] || { echo "the package has no rds-ca-bundle.pem"; return 1; }
  start_private_postgres orders "$certificates" || return 1
  verified="SSL Mode=VerifyFull;Root Certificate=$PACKAGED_API_DIR/rds-ca-bundle.pem"
  PACKAGED_API_LOG=$(mktemp)
  api_port=$(free_port)
  api_password=$(openssl rand -hex 16)
  ORDERS_TOKEN_SIGNING_KEY=$(openssl rand -base64 32)
  export ORDERS_TOKEN_SIGNING_KEY

  # from its own folder, as Lambda starts it (in /var/task), so that it finds its appsettings.json
  (cd "$PACKAGED_API_DIR" && API_COMMAND=migrate ConnectionStrings__appdb="$PRIVATE_POSTGRES_CONNECTION;$verified" \
    Database__ApiPassword="$api_password" ./bootstrap) || return 1
  (
    cd "$PACKAGED_API_DIR" || exit
    export ConnectionStrings__appdb="$PRIVATE_POSTGRES_CONNECTION;Username=orders_api;Password=$api_password;$verified"
    export Authentication__Schemes__Bearer__ValidIssuer=orders-local
    export Authentication__Schemes__Bearer__ValidAudiences__0=orders-api
    export Authentication__Schemes__Bearer__SigningKeys__0__Issuer=orders-local
    export Authentication__Schemes__Bearer__SigningKeys__0__Value=$ORDERS_TOKEN_SIGNING_KEY
    ASPNETCORE_URLS="http://127.0.0.1:$api_port" exec ./bootstrap
  ) >"$PACKAGED_API_LOG" 2>&1 &
  PACKAGED_API_PID=$!
  PACKAGED_API_URL="http://127.0.0.1:$api_port/"
  await_answer "${PACKAGED_API_URL}health" "$PACKAGED_API_PID" "$PACKAGED_API_LOG" "the packaged Api"
}

stop_packaged_api() {
  [[ -n ${PACKAGED_API_PID:-} ]] && kill "$PACKAGED_API_PID" 2>/dev/null && wait "$PACKAGED_API_PID" 2>/dev/null
  stop_private_postgres
  [[ -n ${PACKAGED_API_LOG:-} ]] && rm -f "$PACKAGED_API_LOG"
  [[ -n ${PACKAGED_API_DIR:-} ]] && rm -rf "$PACKAGED_API_DIR"
  unset PACKAGED_API_PID PACKAGED_API_LOG PACKAGED_API_DIR ORDERS_TOKEN_SIGNING_KEY
}
