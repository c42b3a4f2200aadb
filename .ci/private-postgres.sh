# shellcheck shell=bash
# A PostgreSQL cluster of its own in a temporary folder, on a free loopback port, from the local server binaries.
# Sourced by .ci/packaged-api.sh and bench/run.sh:
#   start_private_postgres <database> [<folder with server.crt and server.key>]
#                                       sets PRIVATE_POSTGRES_CONNECTION (to that database), PRIVATE_POSTGRES_PORT and
#                                       PRIVATE_POSTGRES_BIN; with the folder, the server speaks TLS with that certificate
#   stop_private_postgres

# shellcheck source=.ci/loopback.sh
source "$(dirname "${BASH_SOURCE[0]}")/loopback.sh"

as_postgres() { # PostgreSQL refuses to run as root
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_private_postgres() {
  local database=$1 certificates=${2:-}
  PRIVATE_POSTGRES_BIN=$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n 1)")
  PRIVATE_POSTGRES_WORK=$(mktemp -d)
  chmod 755 "$PRIVATE_POSTGRES_WORK"
  mkdir "$PRIVATE_POSTGRES_WORK/pg"
  [[ $EUID -eq 0 ]] && chown postgres "$PRIVATE_POSTGRES_WORK/pg"

  PRIVATE_POSTGRES_PORT=$(free_port)
  local port=$PRIVATE_POSTGRES_PORT
  as_postgres "$PRIVATE_POSTGRES_BIN/initdb" -D "$PRIVATE_POSTGRES_WORK/pg" -U postgres -A trust >/dev/null || return 1
  local tls=""
  if [[ -n $certificates ]]; then
    # the server refuses a key that others may read
    install -m 600 "$certificates/server.crt" "$certificates/server.key" "$PRIVATE_POSTGRES_WORK/pg/"
    [[ $EUID -eq 0 ]] && chown postgres "$PRIVATE_POSTGRES_WORK/pg/server.crt" "$PRIVATE_POSTGRES_WORK/pg/server.key"
    tls="-c ssl=on -c ssl_cert_file=$PRIVATE_POSTGRES_WORK/pg/server.crt -c ssl_key_file=$PRIVATE_POSTGRES_WORK/pg/server.key"
  fi
  as_postgres "$PRIVATE_POSTGRES_BIN/pg_ctl" -D "$PRIVATE_POSTGRES_WORK/pg" -l "$PRIVATE_POSTGRES_WORK/pg/server.log" -w \
    -o "-p $port -k $PRIVATE_POSTGRES_WORK/pg -c listen_addresses=127.0.0.1 $tls" start >/dev/null || return 1
  as_postgres "$PRIVATE_POSTGRES_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database" || return 1
  export PRIVATE_POSTGRES_CONNECTION="Host=127.0.0.1;Port=$port;Database=$database;Username=postgres"
}

stop_private_postgres() {
  [[ -n ${PRIVATE_POSTGRES_WORK:-} ]] || return 0
  as_postgres "$PRIVATE_POSTGRES_BIN/pg_ctl" -D "$PRIVATE_POSTGRES_WORK/pg" -m immediate stop >/dev/null 2>&1
  rm -rf "$PRIVATE_POSTGRES_WORK"
  unset PRIVATE_POSTGRES_WORK PRIVATE_POSTGRES_CONNECTION PRIVATE_POSTGRES_PORT
}
