# shellcheck shell=bash
# Serves a published Api on loopback the way an environment runs it: a PostgreSQL of its own, the schema applied by
# the migrate command, then the Api in the Production environment. Sourced by .ci/run:
#   start_published_api <publish folder>   sets PUBLISHED_API_URL
#   stop_published_api

# shellcheck source=.ci/private-postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/private-postgres.sh"

start_published_api() {
  local published=$1 api_port
  start_private_postgres orders || return 1
  export ConnectionStrings__appdb=$PRIVATE_POSTGRES_CONNECTION
  PUBLISHED_API_LOG=$(mktemp)
  api_port=$(free_port)

  # from its own folder, as Lambda starts it, so that it finds its appsettings.json
  (cd "$published" && ./Api migrate) || return 1
  (cd "$published" && ASPNETCORE_URLS="http://127.0.0.1:$api_port" exec ./Api) >"$PUBLISHED_API_LOG" 2>&1 &
  PUBLISHED_API_PID=$!
  PUBLISHED_API_URL="http://127.0.0.1:$api_port/"

  local waited=0
  until curl -sf "${PUBLISHED_API_URL}health" >/dev/null; do
    if ((waited >= 30)) || ! kill -0 "$PUBLISHED_API_PID" 2>/dev/null; then
      echo "the published Api did not answer /health within 30 s; its log:"
      cat "$PUBLISHED_API_LOG"
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

stop_published_api() {
  [[ -n ${PUBLISHED_API_PID:-} ]] && kill "$PUBLISHED_API_PID" 2>/dev/null && wait "$PUBLISHED_API_PID" 2>/dev/null
  stop_private_postgres
  [[ -n ${PUBLISHED_API_LOG:-} ]] && rm -f "$PUBLISHED_API_LOG"
  unset PUBLISHED_API_PID PUBLISHED_API_LOG ConnectionStrings__appdb
}
