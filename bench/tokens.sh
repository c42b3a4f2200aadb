# shellcheck shell=bash
# Access tokens for a local run of the Api: HS256 JWTs of the issuer orders-local for the audience orders-api, signed
# with a key made for the run, as the AppHost and the scenario tests make them. Sourced by bench/run.sh and
# bench/api-under-test.sh:
#   new_signing_key          prints a new signing key: 32 random bytes in base64
#   api_trust_settings       prints, one NAME=value a line, the four settings that make the Api trust
#                            ORDERS_TOKEN_SIGNING_KEY's tokens (for env)
#   mint_token <sub> [staff] prints a token for the customer <sub> (with "staff", a member of staff), signed with
#                            ORDERS_TOKEN_SIGNING_KEY, valid for TOKEN_LIFETIME seconds (default 43200,
#                            12 hours, as the AppHost's)

TOKEN_ISSUER=orders-local
TOKEN_AUDIENCE=orders-api

new_signing_key() {
  openssl rand -base64 32
}

api_trust_settings() {
  : "${ORDERS_TOKEN_SIGNING_KEY:?set ORDERS_TOKEN_SIGNING_KEY (new_signing_key makes one)}"
  printf '%s\n' \
    "Authentication__Schemes__Bearer__ValidIssuer=$TOKEN_ISSUER" \
    "Authentication__Schemes__Bearer__ValidAudiences__0=$TOKEN_AUDIENCE" \
    "Authentication__Schemes__Bearer__SigningKeys__0__Issuer=$TOKEN_ISSUER" \
    "Authentication__Schemes__Bearer__SigningKeys__0__Value=$ORDERS_TOKEN_SIGNING_KEY"
}

# base64url without padding (RFC 7515) of standard input
base64url() {
  openssl base64 -A | tr '+/' '-_' | tr -d '='
}

mint_token() {
  local subject=$1 role=${2:-customer} now groups="" header payload key_hex signature
  : "${ORDERS_TOKEN_SIGNING_KEY:?set ORDERS_TOKEN_SIGNING_KEY (new_signing_key makes one)}"
  # written into the JSON as it is, so nothing that would need escaping
  [[ $subject =~ ^[A-Za-z0-9._:@-]{1,64}$ ]] || { echo "mint_token: the subject '$subject' is not 1 to 64 of A-Z a-z 0-9 . _ : @ -" >&2; return 1; }
  case $role in
    customer) ;;
    staff) groups=',"cognito:groups":["staff"]' ;;
    *) echo "mint_token: the second argument is 'staff' or nothing, not '$role'" >&2; return 1 ;;
  esac
  now=$EPOCHSECONDS
  header=$(printf '%s' '{"alg":"HS256","typ":"JWT"}' | base64url)
  payload=$(printf '{"sub":"%s","iss":"%s","aud":"%s","exp":%d,"nbf":%d,"iat":%d%s}' \
    "$subject" "$TOKEN_ISSUER" "$TOKEN_AUDIENCE" $((now + ${TOKEN_LIFETIME:-43200})) "$now" "$now" "$groups" | base64url)
  key_hex=$(printf '%s' "$ORDERS_TOKEN_SIGNING_KEY" | openssl base64 -d -A | od -An -v -tx1 | tr -d ' \n')
  [[ ${#key_hex} -ge 64 ]] || { echo "mint_token: ORDERS_TOKEN_SIGNING_KEY is not base64 of at least 32 bytes" >&2; return 1; }
  signature=$(printf '%s' "$header.$payload" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | base64url)
  printf '%s.%s.%s\n' "$header" "$payload" "$signature"
}
