# shellcheck shell=bash
# Servers on loopback that a script starts for a while. Sourced by the others in .ci:
#   free_port                              prints a loopback port nobody listens on
#   await_answer <url> <pid> <log> <what>  waits up to 30 s for <url> to answer 2xx while <pid> lives; else prints
#                                          the log and fails

free_port() {
  local port
  while :; do
    # below the ephemeral ports (32768 and up on Linux), which a connect to a port nobody listens on may take for itself
    port=$((20000 + RANDOM % 12000))
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

await_answer() {
  local url=$1 pid=$2 log=$3 what=$4 waited=0
  until curl -sf "$url" >/dev/null; do
    if ((waited >= 30)) || ! kill -0 "$pid" 2>/dev/null; then
      echo "$what did not answer $url within 30 s; its log:"
      cat "$log"
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}
