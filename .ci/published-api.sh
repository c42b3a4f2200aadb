# Serves a published Api on loopback the way an environment runs it: a PostgreSQL of its own, the schema applied by
# the migrate command, then the Api in the Production environment. Sourced by .ci/run:
#   start_published_api <publish folder>   sets PUBLISHED_API_URL
#   stop_published_api

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

as_postgres() { # PostgreSQL refuses to run as root
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_published_api() {
  local published=$1 bin
  bin=$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n 1)")
  PUBLISHED_API_WORK=$(mktemp -d)
  chmod 755 "$PUBLISHED_API_WORK"
  mkdir "$PUBLISHED_API_WORK/pg"
  [[ $EUID -eq 0 ]] && chown postgres "$PUBLISHED_API_WORK/pg"

  local pg_port api_port
  pg_port=$(free_port)
  api_port=$(free_port)
  as_postgres "$bin/initdb" -D "$PUBLISHED_API_WORK/pg" -U postgres -A trust >/dev/null || return 1
  as_postgres "$bin/pg_ctl" -D "$PUBLISHED_API_WORK/pg" -l "$PUBLISHED_API_WORK/pg/server.log" -w \
    -o "-p $pg_port -k $PUBLISHED_API_WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null || return 1
  PUBLISHED_API_PG="$bin/pg_ctl -D $PUBLISHED_API_WORK/pg"
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres orders || return 1

  export ConnectionStrings__appdb="Host=127.0.0.1;Port=$pg_port;Database=orders;Username=postgres"
  # from its own folder, as Lambda starts it, so that it finds its appsettings.json
  (cd "$published" && ./Api migrate) || return 1
  (cd "$published" && ASPNETCORE_URLS="http://127.0.0.1:$api_port" exec ./Api) >"$PUBLISHED_API_WORK/api.log" 2>&1 &
  PUBLISHED_API_PID=$!
  PUBLISHED_API_URL="http://127.0.0.1:$api_port/"

  local waited=0
  until curl -sf "${PUBLISHED_API_URL}health" >/dev/null; do
    if ((waited >= 30)) || ! kill -0 "$PUBLISHED_API_PID" 2>/dev/null; then
      echo "the published Api did not answer /health within 30 s; its log:"
      cat "$PUBLISHED_API_WORK/api.log"
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

stop_published_api() {
  [[ -n ${PUBLISHED_API_PID:-} ]] && kill "$PUBLISHED_API_PID" 2>/dev/null && wait "$PUBLISHED_API_PID" 2>/dev/null
  [[ -n ${PUBLISHED_API_PG:-} ]] && as_postgres $PUBLISHED_API_PG -m immediate stop >/dev/null 2>&1
  [[ -n ${PUBLISHED_API_WORK:-} ]] && rm -rf "$PUBLISHED_API_WORK"
  unset PUBLISHED_API_PID PUBLISHED_API_PG PUBLISHED_API_WORK ConnectionStrings__appdb
}
