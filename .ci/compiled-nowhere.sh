#!/usr/bin/env bash
# Lists the C# files of the repository that no project of the solution compiles in this build (with the switches of
# the environment, such as LambdaEmulation=false), with their lines. A file that no build here compiles is code nobody
# has checked: only the AppHost's Lambda emulation (AppHost/Lambda), which needs Aspire.Hosting.AWS, may be one. Any
# other fails the check, and so do more lines than a few.
#
#   compiled-nowhere.sh [--most-lines N]      default N: 40
set -euo pipefail
# the physical path, as MSBuild gives the files' full paths
cd -P "$(dirname "${BASH_SOURCE[0]}")/.."

most_lines=40
[[ ${1:-} == --most-lines ]] && most_lines=${2:?--most-lines needs a number}

compiled=$(mktemp)
trap 'rm -f "$compiled"' EXIT
while read -r project; do
  dotnet msbuild "$project" -getItem:Compile | jq -r '.Items.Compile[].FullPath' >>"$compiled"
done < <(dotnet sln Solution.sln list | grep '\.csproj$')

nowhere=()
lines=0
while read -r file; do
  if ! grep -qxF "$PWD/$file" "$compiled"; then
    nowhere+=("$file")
    lines=$((lines + $(grep -cv '^\s*$' "$file")))
  fi
done < <(git ls-files '*.cs')

echo "C# files no project compiles in this build: ${#nowhere[@]} ($lines lines that are not blank)"
((${#nowhere[@]} == 0)) || printf '  %s\n' "${nowhere[@]}"
status=0
for file in "${nowhere[@]}"; do
  [[ $file == AppHost/Lambda/* ]] || { echo "compiled-nowhere.sh: $file is outside AppHost/Lambda; every build must compile it" >&2; status=1; }
done
((lines <= most_lines)) || { echo "compiled-nowhere.sh: $lines lines no build here compiles, more than $most_lines" >&2; status=1; }
exit "$status"
