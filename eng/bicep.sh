#!/usr/bin/env bash
# Runs the Bicep CLI that eng/bicep/BicepCli.csproj pins, fetched from the package feed by `dotnet restore` (the one
# source of packages this repository uses; nothing is downloaded from anywhere else). Arguments go to bicep as they
# are, and any diagnostic bicep prints, a linter warning included, fails the run: infra must compile clean.
#   eng/bicep.sh build infra/main.bicep --outfile artifacts/infra/main.json
#   eng/bicep.sh build infra/main.bicep --stdout
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK (dotnet) is required to fetch the Bicep CLI." >&2; exit 3; }

project="$root/eng/bicep/BicepCli.csproj"
package_root=$(dotnet msbuild "$project" -restore -nologo -v:quiet -getProperty:NuGetPackageRoot)
version=$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' "$project")
bicep="${package_root%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
[ -f "$bicep" ] || { echo "error: restoring $project did not provide $bicep" >&2; exit 1; }
# NuGet extracts files without their execute bit on some systems.
[ -x "$bicep" ] || chmod +x "$bicep"

diagnostics=$(mktemp -t bicep.XXXXXX.log)
trap 'rm -f "$diagnostics"' EXIT
status=0
"$bicep" "$@" 2>"$diagnostics" || status=$?
if [ -s "$diagnostics" ]; then
  cat "$diagnostics" >&2
  [ "$status" -ne 0 ] || { echo "error: bicep reported the diagnostics above; infra must compile without errors or warnings." >&2; status=1; }
fi
exit "$status"
