# shellcheck shell=bash
# A PostgreSQL server of its own for a script: AppHost/Local's `postgres` command, the embedded server the AppHost and
# the tests start (the major version Aurora runs), in a temporary folder on a free loopback port, with a password made
# for it. Sourced by .ci/packaged-api.sh and bench's scripts:
#   start_private_postgres <database> [<folder with server.crt and server.key>]
#                   sets PRIVATE_POSTGRES_CONNECTION (the superuser's, to that database), PRIVATE_POSTGRES_PORT and
#                   PRIVATE_POSTGRES_PASSWORD; with the folder, the server speaks TLS with that certificate
#   orders_local <command>  runs AppHost/Local's program, built here (its token command is the local issuer)
#   private_postgres_sql    runs the statements on its input in that database, stopping at the first error (as psql
#                           -v ON_ERROR_STOP=1; the embedded binaries bring no psql)
#   stop_private_postgres

start_private_postgres() {
  local database=$1 certificates=${2:-} line arguments
  PRIVATE_POSTGRES_WORK=$(mktemp -d)
  if ! dotnet build "$(dirname "${BASH_SOURCE[0]}")/../AppHost/Local" -c Release -o "$PRIVATE_POSTGRES_WORK/local" -nologo \
    >"$PRIVATE_POSTGRES_WORK/build.log" 2>&1; then
    cat "$PRIVATE_POSTGRES_WORK/build.log"
    echo "could not build AppHost/Local"
    return 1
  fi
  arguments=(postgres --database "$database")
  [[ -n $certificates ]] && arguments+=(--tls "$certificates")
  # it serves until its input closes: stop_private_postgres closes it, and so does this shell's end
  coproc PRIVATE_POSTGRES { exec dotnet "$PRIVATE_POSTGRES_WORK/local/Orders.Local.dll" "${arguments[@]}"; }
  if ! read -r -t 300 -u "${PRIVATE_POSTGRES[0]}" line || [[ ! $line =~ Port=([0-9]+) ]]; then
    echo "AppHost/Local's postgres command did not start a server"
    return 1
  fi
  PRIVATE_POSTGRES_PORT=${BASH_REMATCH[1]}
  [[ $line =~ Password=([^;]+) ]] && PRIVATE_POSTGRES_PASSWORD=${BASH_REMATCH[1]}
  export PRIVATE_POSTGRES_CONNECTION=$line PRIVATE_POSTGRES_PORT PRIVATE_POSTGRES_PASSWORD
}

orders_local() {
  dotnet "$PRIVATE_POSTGRES_WORK/local/Orders.Local.dll" "$@"
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
  rm -rf "$PRIVATE_POSTGRES_WORK"
  unset PRIVATE_POSTGRES_WORK PRIVATE_POSTGRES_CONNECTION PRIVATE_POSTGRES_PORT PRIVATE_POSTGRES_PASSWORD
}
