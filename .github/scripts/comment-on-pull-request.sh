#!/usr/bin/env bash
# Writes a comment on a pull request, or updates the one written before under the same key, so a pull request keeps
# one plan comment and one preview comment however often it is pushed. Uses gh (GH_TOKEN; GH_REPO outside a checkout).
#
#   comment-on-pull-request.sh <number> <key> <markdown file>
set -euo pipefail

number=${1:?the pull request number}
key=${2:?a key that names the comment, such as plan or preview}
body_file=${3:?the file with the comment}
marker="<!-- orders:$key -->"

body=$(printf '%s\n%s\n' "$marker" "$(cat "$body_file")")
mapfile -t existing < <(gh api "repos/{owner}/{repo}/issues/$number/comments" --paginate \
  --jq ".[] | select(.body | startswith(\"$marker\")) | .id")
if ((${#existing[@]} > 0)); then
  gh api --method PATCH "repos/{owner}/{repo}/issues/comments/${existing[0]}" -f body="$body" >/dev/null
else
  gh api --method POST "repos/{owner}/{repo}/issues/$number/comments" -f body="$body" >/dev/null
fi
echo "Commented on pull request #$number ($key)"
