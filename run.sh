#!/usr/bin/env bash
# Runs Gongkai's main job on this machine.
set -euo pipefail
cd "$(dirname "$0")"
command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK (dotnet) is required." >&2; exit 3; }
echo "Gongkai's harvest is not built yet: this shows the command line that later verbs will join." >&2
dotnet run --project src/Gongkai.Functions -c Release -- --help
