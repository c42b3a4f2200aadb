# shellcheck shell=bash
# Serves the web app's build (web/dist) as CloudFront does, with `vite preview`: CloudFront's app-routes function and
# Content-Security-Policy (both read from terraform/modules/frontend), /api passed on to the Api at the URL given.
# Sourced by .ci/run:
#   start_web_preview <api url>   sets WEB_PREVIEW_URL
#   stop_web_preview

# shellcheck source=.ci/loopback.sh
source "$(dirname "${BASH_SOURCE[0]}")/loopback.sh"

start_web_preview() {
  local api=$1 port
  [[ -f web/dist/index.html ]] || { echo "web/dist has no index.html: build the web app first"; return 1; }
  port=$(free_port)
  WEB_PREVIEW_LOG=$(mktemp)
  # Vite itself, not through npx, so that stopping this process stops the server
  (cd web && API_URL=$api PORT=$port exec node node_modules/vite/bin/vite.js preview) >"$WEB_PREVIEW_LOG" 2>&1 &
  WEB_PREVIEW_PID=$!
  WEB_PREVIEW_URL="http://localhost:$port/"
  await_answer "${WEB_PREVIEW_URL}config.json" "$WEB_PREVIEW_PID" "$WEB_PREVIEW_LOG" "vite preview"
}

stop_web_preview() {
  [[ -n ${WEB_PREVIEW_PID:-} ]] && kill "$WEB_PREVIEW_PID" 2>/dev/null && wait "$WEB_PREVIEW_PID" 2>/dev/null
  [[ -n ${WEB_PREVIEW_LOG:-} ]] && rm -f "$WEB_PREVIEW_LOG"
  unset WEB_PREVIEW_PID WEB_PREVIEW_LOG WEB_PREVIEW_URL
}
