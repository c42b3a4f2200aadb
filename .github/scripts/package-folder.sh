#!/usr/bin/env bash
# Adds a folder of .nupkg files as an extra package source, for a package feed that lacks some packages (an air-gapped
# or partial mirror). Restore takes a package from the folder only where the feeds of nuget.config lack that version.
# NuGet itself would prefer the folder: it asks local sources before HTTP feeds and keeps the first exact match. So the
# folder is never a source itself; the source is a copy of just the packages the feeds lack, found by asking each feed.
# Prints the path of the NuGet config that restore uses from then on:
#
#   RestoreConfigFile=$(.github/scripts/package-folder.sh FOLDER) && export RestoreConfigFile
#                                                               then dotnet build, test, run or publish
#
#   package-folder.sh FOLDER [--output DIR] [--config FILE]
#     DIR: where the config and the copies go; default artifacts/package-folder
#     FILE: the NuGet config that names the feeds; default the repository's nuget.config
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
output="$root/artifacts/package-folder"
config="$root/nuget.config"
folder=""

while (($# > 0)); do
  case $1 in
    --output) output=$(realpath -m "${2:?--output needs a folder}"); shift 2 ;;
    --config) config=$(realpath -m "${2:?--config needs a file}"); shift 2 ;;
    -*) echo "package-folder.sh: unknown argument $1 (see the script's header)" >&2; exit 2 ;;
    *) [[ -z $folder ]] || { echo "package-folder.sh: one folder only" >&2; exit 2; }; folder=$1; shift ;;
  esac
done
[[ -n $folder ]] || { echo "package-folder.sh: name the folder of .nupkg files (see the script's header)" >&2; exit 2; }
packages=("$folder"/*.nupkg)
[[ -e ${packages[0]} ]] || { echo "package-folder.sh: $folder holds no .nupkg file" >&2; exit 2; }
for tool in dotnet curl jq unzip; do
  command -v "$tool" >/dev/null || { echo "package-folder.sh: $tool is needed and not on PATH" >&2; exit 1; }
done

# the enabled sources of the config, as NuGet reads them: "E <url or folder>"
sources=$(dotnet nuget list source --configfile "$config" --format short) ||
  { echo "package-folder.sh: dotnet nuget could not read the sources of $config" >&2; exit 1; }
mapfile -t feeds < <(sed -n 's/^ *E //p' <<<"$sources")
((${#feeds[@]} > 0)) || { echo "package-folder.sh: $config names no enabled package source" >&2; exit 1; }

# each HTTP feed's flat container, where a package lists its versions (NuGet's v3 PackageBaseAddress)
declare -A base_addresses
for feed in "${feeds[@]}"; do
  [[ $feed == http://* || $feed == https://* ]] || continue
  base_addresses[$feed]=$(curl -fsS --retry 2 "$feed" | jq -er '[.resources[] | select(."@type" | startswith("PackageBaseAddress/3.0.0"))][0]."@id"') ||
    { echo "package-folder.sh: $feed answers no NuGet v3 service index with a PackageBaseAddress" >&2; exit 1; }
done

feed_has() { # feed, id, version (both lower case)
  local feed=$1 id=$2 version=$3 answer status
  if [[ $feed != http://* && $feed != https://* ]]; then
    [[ -n $(find "$feed" -maxdepth 3 -iname "$id.$version.nupkg" -print -quit 2>/dev/null) ]]
    return
  fi
  answer=$(mktemp)
  status=$(curl -sS --retry 2 -o "$answer" -w '%{http_code}' "${base_addresses[$feed]%/}/$id/index.json") || status=error
  case $status in
    200) jq -e --arg version "$version" '.versions | index($version) != null' "$answer" >/dev/null; status=$? ;;
    404) status=1 ;;
    *) echo "package-folder.sh: $feed answered $status for $id; cannot tell whether it has $id $version" >&2; rm -f "$answer"; exit 1 ;;
  esac
  rm -f "$answer"
  return "$status"
}

normalized() { # a version as NuGet's feeds list it: no build metadata, three parts at least, a fourth only when not 0
  local version=${1%%+*} release numbers
  release=${version#"${version%%-*}"}
  IFS=. read -r -a numbers <<<"${version%%-*}"
  while ((${#numbers[@]} < 3)); do numbers+=(0); done
  ((${#numbers[@]} == 4)) && [[ ${numbers[3]} == 0 ]] && unset 'numbers[3]'
  local IFS=.
  echo "${numbers[*]}${release}" | tr '[:upper:]' '[:lower:]'
}

# only what this script writes is replaced: the folder may hold other things
rm -rf "$output/packages" "$output/nuget.config"
mkdir -p "$output/packages"
for package in "${packages[@]}"; do
  nuspec=$(unzip -p "$package" '*.nuspec')
  id=$(grep -o -m 1 '<id>[^<]*</id>' <<<"$nuspec" | sed 's/<[^>]*>//g')
  version=$(grep -o -m 1 '<version>[^<]*</version>' <<<"$nuspec" | sed 's/<[^>]*>//g')
  [[ -n $id && -n $version ]] || { echo "package-folder.sh: $package has no nuspec with an id and a version" >&2; exit 1; }
  had_by=""
  for feed in "${feeds[@]}"; do
    if feed_has "$feed" "${id,,}" "$(normalized "$version")"; then had_by=$feed; break; fi
  done
  if [[ -n $had_by ]]; then
    echo "  $id $version: from $had_by" >&2
  else
    echo "  $id $version: from $folder (no feed has it)" >&2
    cp "$package" "$output/packages/"
  fi
done

cp "$config" "$output/nuget.config"
dotnet nuget add source "$output/packages" --name package-folder --configfile "$output/nuget.config" >/dev/null
echo "$output/nuget.config"
