#!/usr/bin/env bash
# Builds the Api's Lambda package: a Native AOT build for provided.al2023, its executable named bootstrap (the
# runtime's entry point), with the settings files and the certificate authorities it trusts for its database, zipped.
# The same package is the Api and, with API_COMMAND=migrate, the migration function. A trim or AOT warning fails the
# build: it would be a fault at run time.
#
#   package-lambda.sh --ca-bundle FILE [--output FILE]      default output: artifacts/api-lambda.zip
#
# --ca-bundle: PEM certificates the Api verifies its database server with (Database__SslMode=VerifyFull); for AWS the
# RDS bundle that fetch-rds-ca-bundle.sh downloads. It goes into the package as rds-ca-bundle.pem.
#
# Native AOT compiles for the machine's own architecture on Linux, so an arm64 package (what the environments run)
# is built on an arm64 machine; on x64 the same script makes an x64 package.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
output="$root/artifacts/api-lambda.zip"
ca_bundle=""

while (($# > 0)); do
  case $1 in
    --output) output=$(realpath -m "${2:?--output needs a file}"); shift 2 ;;
    --ca-bundle) ca_bundle=$(realpath -m "${2:?--ca-bundle needs a file}"); shift 2 ;;
    *) echo "package-lambda.sh: unknown argument $1 (see the script's header)" >&2; exit 2 ;;
  esac
done

if [[ -z $ca_bundle ]]; then
  echo "package-lambda.sh: --ca-bundle FILE is required: the certificates the Api verifies its database with (fetch-rds-ca-bundle.sh downloads RDS's)" >&2
  exit 2
fi
certificates=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$ca_bundle" 2>/dev/null || true)
if [[ ${certificates:-0} -eq 0 ]] || ! openssl x509 -noout -in "$ca_bundle" 2>/dev/null; then
  echo "package-lambda.sh: $ca_bundle holds no PEM certificate" >&2
  exit 2
fi

case $(uname -m) in
  aarch64 | arm64) runtime=linux-arm64 ;;
  x86_64 | amd64) runtime=linux-x64 ;;
  *) echo "package-lambda.sh: Lambda runs arm64 or x86_64, not $(uname -m)" >&2; exit 2 ;;
esac

# the AOT compiler links with clang by default; where only gcc is installed, it links with gcc
linker=()
if ! command -v clang >/dev/null && command -v gcc >/dev/null; then
  linker=(-p:CppCompilerAndLinker=gcc)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "Publishing the Api as Native AOT for $runtime"
if ! dotnet publish "$root/Api" -c Release -r "$runtime" -p:PublishAot=true -p:StripSymbols=true "${linker[@]}" \
  -o "$work/publish" -v minimal -nologo >"$work/publish.log" 2>&1; then
  cat "$work/publish.log"
  echo "package-lambda.sh: dotnet publish failed" >&2
  exit 1
fi
if grep -E ': warning [A-Z]+[0-9]+' "$work/publish.log" | sort -u | grep .; then
  echo "package-lambda.sh: the Native AOT build has warnings (above); each is a possible fault at run time" >&2
  exit 1
fi

# provided.al2023 has glibc 2.34: a binary linked on a newer system may ask for symbols it lacks, and fail every start
command -v objdump >/dev/null || { echo "package-lambda.sh: objdump (binutils) is needed to check the executable's glibc version" >&2; exit 1; }
newest_glibc=$(objdump -T "$work/publish/Api" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n 1)
if [[ -n $newest_glibc && $(printf '%s\n' "$newest_glibc" 2.34 | sort -V | tail -n 1) != 2.34 ]]; then
  echo "package-lambda.sh: the executable needs glibc $newest_glibc, but provided.al2023 has 2.34; build on a system with glibc 2.34 (such as an amazonlinux:2023 container)" >&2
  exit 1
fi
echo "The executable needs glibc ${newest_glibc:-(none)}; provided.al2023 has 2.34"

mkdir "$work/package"
cp "$work/publish/Api" "$work/package/bootstrap"
chmod 755 "$work/package/bootstrap"
cp "$work/publish/"appsettings*.json "$work/package/"
cp "$ca_bundle" "$work/package/rds-ca-bundle.pem"

mkdir -p "$(dirname "$output")"
rm -f "$output"
(cd "$work/package" && zip -q -X -r "$output" .)
echo "Packaged $(unzip -Z1 "$output" | tr '\n' ' ')into $output ($runtime, $(du -h "$output" | cut -f1))"
