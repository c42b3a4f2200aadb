# shellcheck shell=bash
# Serves the Lambda package's bootstrap on loopback: a PostgreSQL of its own, the schema applied by the package in
# the migration function's mode (API_COMMAND=migrate), then the Api in the Production environment. Outside Lambda
# the same executable serves HTTP with Kestrel, which proves the package is the Api. Sourced by .ci/run:
#   start_packaged_api <zip>   sets PACKAGED_API_URL
#   stop_packaged_api

# shellcheck source=.ci/private-postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/private-postgres.sh"

start_packaged_api() {
  local package=$1 api_port
  PACKAGED_API_DIR=$(mktemp -d)
  unzip -q "$package" -d "$PACKAGED_API_DIR" || return 1
  [[ -x $PACKAGED_API_DIR/bootstrap ]] || { echo "the package has no executable bootstrap"; return 1; }
  start_private_postgres orders || return 1
  export ConnectionStrings__appdb=$PRIVATE_POSTGRES_CONNECTION
  PACKAGED_API_LOG=$(mktemp)
  api_port=$(free_port)

  # from its own folder, as Lambda starts it (in /var/task), so that it finds its appsettings.json
  (cd "$PACKAGED_API_DIR" && API_COMMAND=migrate ./bootstrap) || return 1
  (cd "$PACKAGED_API_DIR" && ASPNETCORE_URLS="http://127.0.0.1:$api_port" exec ./bootstrap) >"$PACKAGED_API_LOG" 2>&1 &
  PACKAGED_API_PID=$!
  PACKAGED_API_URL="http://127.0.0.1:$api_port/"

  local waited=0
  until curl -sf "${PACKAGED_API_URL}health" >/dev/null; do
    if ((waited >= 30)) || ! kill -0 "$PACKAGED_API_PID" 2>/dev/null; then
      echo "the packaged Api did not answer /health within 30 s; its log:"
      cat "$PACKAGED_API_LOG"
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

stop_packaged_api() {
  [[ -n ${PACKAGED_API_PID:-} ]] && kill "$PACKAGED_API_PID" 2>/dev/null && wait "$PACKAGED_API_PID" 2>/dev/null
  stop_private_postgres
  [[ -n ${PACKAGED_API_LOG:-} ]] && rm -f "$PACKAGED_API_LOG"
  [[ -n ${PACKAGED_API_DIR:-} ]] && rm -rf "$PACKAGED_API_DIR"
  unset PACKAGED_API_PID PACKAGED_API_LOG PACKAGED_API_DIR ConnectionStrings__appdb
}
