# shellcheck shell=bash
# A PostgreSQL server of its own for a script: AppHost/Local's `postgres` command, the embedded server the AppHost and
# the tests start (the major version Aurora runs), in a temporary folder on a free loopback port, with a password made
# for it. Sourced by .ci/packaged-api.sh and bench's scripts:
#   start_private_postgres <database> [<folder with server.crt and server.key>]
#                   sets PRIVATE_POSTGRES_CONNECTION (the superuser's, to that database), PRIVATE_POSTGRES_PORT and
#                   PRIVATE_POSTGRES_PASSWORD; with the folder, the server speaks TLS with that certificate
#   build_orders_local <folder>
#                           builds AppHost/Local's program into the folder, for the functions here (a script that
#                           built it already keeps start_private_postgres from building it again)
#   orders_local <command>  runs that program (its token command is the local issuer)
#   private_postgres_sql    runs the statements on its input in that database, stopping at the first error (as psql
#                           -v ON_ERROR_STOP=1; the embedded binaries bring no psql)
#   stop_private_postgres

start_private_postgres() {
  local database=$1 certificates=${2:-} line arguments
  PRIVATE_POSTGRES_WORK=$(mktemp -d)
  [[ -n ${ORDERS_LOCAL:-} ]] || build_orders_local "$PRIVATE_POSTGRES_WORK/local" || return 1
  arguments=(postgres --database "$database")
  [[ -n $certificates ]] && arguments+=(--tls "$certificates")
  # it serves until its input closes: stop_private_postgres closes it, and so does this shell's end
  coproc PRIVATE_POSTGRES { exec dotnet "$ORDERS_LOCAL/Orders.Local.dll" "${arguments[@]}"; }
  if ! read -r -t 300 -u "${PRIVATE_POSTGRES[0]}" line || [[ ! $line =~ Port=([0-9]+) ]]; then
    echo "AppHost/Local's postgres command did not start a server"
    return 1
  fi
  PRIVATE_POSTGRES_PORT=${BASH_REMATCH[1]}
  [[ $line =~ Password=([^;]+) ]] && PRIVATE_POSTGRES_PASSWORD=${BASH_REMATCH[1]}
  export PRIVATE_POSTGRES_CONNECTION=$line PRIVATE_POSTGRES_PORT PRIVATE_POSTGRES_PASSWORD
}

build_orders_local() {
  local log
  log=$(mktemp)
  if ! dotnet build "$(dirname "${BASH_SOURCE[0]}")/../AppHost/Local" -c Release -o "$1" -nologo >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "could not build AppHost/Local" >&2
    return 1
  fi
  rm -f "$log"
  ORDERS_LOCAL=$1
}

orders_local() {
  dotnet "$ORDERS_LOCAL/Orders.Local.dll" "$@"
}

private_postgres_sql() {
  orders_local sql "$PRIVATE_POSTGRES_CONNECTION"
}

stop_private_postgres() {
  [[ -n ${PRIVATE_POSTGRES_WORK:-} ]] || return 0
  if [[ -n ${PRIVATE_POSTGRES_PID:-} ]]; then
    local input=${PRIVATE_POSTGRES[1]}
    exec {input}>&-
    wait "$PRIVATE_POSTGRES_PID"
  fi
  # a build of the program made for this server goes with it
  [[ ${ORDERS_LOCAL:-} == "$PRIVATE_POSTGRES_WORK/local" ]] && unset ORDERS_LOCAL
  rm -rf "$PRIVATE_POSTGRES_WORK"
  unset PRIVATE_POSTGRES_WORK PRIVATE_POSTGRES_CONNECTION PRIVATE_POSTGRES_PORT PRIVATE_POSTGRES_PASSWORD
}
