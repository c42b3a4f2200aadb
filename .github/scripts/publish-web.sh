#!/usr/bin/env bash
# Publishes the built web app (web/dist: index.html and content-hashed files under assets/) to an environment, or to
# a workspace (a private copy) of it, once deploy.sh has made its Api live:
#   1. checks the credentials are the environment's account (AWS_ACCOUNT_ID) and reads its outputs;
#   2. uploads assets/, cached for a year: a hashed name never changes its content;
#   3. writes config.json (the app's sign-in: the hosted UI and the web app client), then uploads it, any other
#      unhashed file and index.html last, all to be asked for again on every visit (no-cache);
#   4. invalidates those at CloudFront.
#
#   WEB_DIST=web/dist publish-web.sh <environment> [<workspace>]
set -euo pipefail
# shellcheck source=.github/scripts/delivery.sh
source "$(dirname "${BASH_SOURCE[0]}")/delivery.sh"

environment=${1:-}
workspace=${2:-default}
require_environment "$environment"
[[ $workspace == default ]] || require_copy_workspace "$workspace"
[[ -n ${WEB_DIST:-} ]] || fail "WEB_DIST is not set: the folder npm run build made in web/ (web/dist)"
[[ -d $WEB_DIST ]] || fail "WEB_DIST $WEB_DIST does not exist; build the web app first (npm ci && npm run build in web/)"
[[ -f $WEB_DIST/index.html ]] || fail "$WEB_DIST has no index.html: not a build of the web app; nothing was published"
dist=$(realpath "$WEB_DIST")
require_account "$environment"

init_environment "$environment"
if [[ $workspace != default ]] && ! workspace_exists "$environment" "$workspace"; then
  fail "$environment has no workspace $workspace: deploy.sh makes it, then its web app can be published"
fi
select_workspace "$environment" "$workspace"
read_outputs "$environment"
bucket=$(read_output web_bucket_name)
distribution=$(read_output distribution_id)
sign_in_domain=$(read_output sign_in_domain)
web_client_id=$(read_output web_client_id)
url=$(read_output url)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jq -n --arg domain "$sign_in_domain" --arg clientId "$web_client_id" \
  '{signIn: {kind: "cognito", domain: $domain, clientId: $clientId}}' >"$work/config.json"

echo "::group::upload $WEB_DIST to s3://$bucket"
# Assets first, so the index.html that names them never arrives before them. Nothing is ever deleted: a tab opened
# before this release still loads the previous release's assets by their names (they differ from this release's).
if [[ -d $dist/assets ]]; then
  aws s3 cp "$dist/assets" "s3://$bucket/assets" --recursive --cache-control "public, max-age=31536000, immutable" \
    --no-progress || fail "could not upload the assets to s3://$bucket; index.html still names the previous release's"
fi
# Unhashed files (web/public's, if it has any) keep their names from release to release: browsers ask again every
# time, and CloudFront keeps them a second at most. index.html comes last of all, once everything it names is there.
invalidate=()
while IFS= read -r -d '' file; do
  name=${file#"$dist"/}
  [[ $name == config.json || $name == index.html ]] && continue
  aws s3 cp "$file" "s3://$bucket/$name" --cache-control no-cache --no-progress || fail "could not upload $name to s3://$bucket"
  invalidate+=("/$name")
done < <(find "$dist" -type f ! -path "$dist/assets/*" -print0 | sort -z)
aws s3 cp "$work/config.json" "s3://$bucket/config.json" --cache-control no-cache --content-type application/json \
  --no-progress || fail "could not upload config.json to s3://$bucket; index.html was not published"
aws s3 cp "$dist/index.html" "s3://$bucket/index.html" --cache-control no-cache --content-type "text/html; charset=utf-8" \
  --no-progress || fail "could not upload index.html to s3://$bucket"
echo "::endgroup::"

# CloudFront may still hold copies an earlier publish uploaded with other headers; a hashed name never needs this.
# / too: the distribution's default root object answered it before the app routes function did.
invalidate+=(/index.html /config.json /)
invalidation=$(aws cloudfront create-invalidation --distribution-id "$distribution" --paths "${invalidate[@]}" \
  --query Invalidation.Id --output text) || fail "the files are uploaded, but CloudFront could not be told to drop ${invalidate[*]}"
echo "Published $WEB_DIST to $url (invalidation $invalidation of distribution $distribution: ${invalidate[*]})"
