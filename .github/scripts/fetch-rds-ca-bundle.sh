#!/usr/bin/env bash
# Downloads the certificate authorities of Amazon RDS (every region's, one PEM file), which the Api's package carries
# to verify its Aurora database (Database__SslMode=VerifyFull). Fails unless it holds certificates and every one parses.
#
#   fetch-rds-ca-bundle.sh [--output FILE]      default: artifacts/rds-ca-bundle.pem
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
output="$root/artifacts/rds-ca-bundle.pem"
url=https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem

while (($# > 0)); do
  case $1 in
    --output) output=$(realpath -m "${2:?--output needs a file}"); shift 2 ;;
    *) echo "fetch-rds-ca-bundle.sh: unknown argument $1 (see the script's header)" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 --retry 3 "$url" -o "$work/bundle.pem"

# one file per certificate, each checked
awk -v dir="$work" '/-----BEGIN CERTIFICATE-----/ { n++ } n { print > (dir "/certificate-" n ".pem") }' "$work/bundle.pem"
count=0
for certificate in "$work"/certificate-*.pem; do
  [[ -e $certificate ]] || break
  openssl x509 -noout -in "$certificate" >/dev/null ||
    { echo "fetch-rds-ca-bundle.sh: a certificate in $url does not parse" >&2; exit 1; }
  count=$((count + 1))
done
((count > 0)) || { echo "fetch-rds-ca-bundle.sh: $url held no certificate" >&2; exit 1; }

mkdir -p "$(dirname "$output")"
cp "$work/bundle.pem" "$output"
echo "Fetched $count RDS certificate authorities into $output"
