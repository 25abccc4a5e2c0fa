#!/usr/bin/env bash
# Runs Gongkai's main job on this machine: Azurite (in memory), the sample portal on loopback, one harvest now,
# every stored report parsed through the blob trigger, the API up on http://127.0.0.1:7071/api; prints a summary and
# example queries. Ctrl+C stops it.
#   ./run.sh --once      exit after the harvest and its parses (0 only if every sample report is in the API and nothing failed); CI uses this
#   ./run.sh --port N    serve the API on another port
set -euo pipefail
cd "$(dirname "$0")"
. eng/azurite.sh
command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK (dotnet) is required." >&2; exit 3; }

if [ -z "${AzureWebJobsStorage:-}" ]; then
  trap azurite_stop EXIT INT TERM
  azurite_start
  export AzureWebJobsStorage="$AZURITE_CONNECTION_STRING"
else
  install_azurite
fi

echo "==> dotnet build"
dotnet build src/Gongkai.Functions/Gongkai.Functions.csproj --nologo -c Release -v quiet
echo "==> gongkai demo $*"
dotnet "${GONGKAI_ARTIFACTS:-artifacts}/bin/Gongkai.Functions/release/gongkai.dll" demo "$@"
