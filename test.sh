#!/usr/bin/env bash
# Runs Gongkai's whole test suite: installs Azurite and Chart.js (npm ci), Chromium and CJK fonts for the browser
# tests and the CJK TrueType font the PDF fixtures print with (apt-get), restores .NET packages if needed, compiles
# and lints infra/main.bicep with the pinned Bicep CLI (eng/bicep.sh), starts Azurite in memory on free ports, runs
# every test project against it, and stops it afterwards, pass or fail.
set -euo pipefail
cd "$(dirname "$0")"
. eng/azurite.sh
. eng/chromium.sh
. eng/fonts.sh

command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK (dotnet) is required." >&2; exit 3; }

install_chromium
fonts_install
trap azurite_stop EXIT INT TERM
azurite_start
export GONGKAI_TEST_STORAGE="$AZURITE_CONNECTION_STRING"

echo "==> bicep build infra/main.bicep (errors and linter warnings fail)"
mkdir -p "${GONGKAI_ARTIFACTS:-artifacts}/infra"
eng/bicep.sh build infra/main.bicep --outfile "${GONGKAI_ARTIFACTS:-artifacts}/infra/main.json"
echo "==> dotnet restore"
dotnet restore Functions.sln --nologo -v quiet
echo "==> dotnet build"
dotnet build Functions.sln --nologo --no-restore -c Release -v quiet
echo "==> dotnet test"
results=$(mktemp -t gongkai-test.XXXXXX.log)
status=0
dotnet test Functions.sln --nologo --no-build -c Release "$@" 2>&1 | tee "$results" || status=$?
# One closing line for the whole suite, summed over the test projects.
awk '/^(Passed|Failed)! /{ for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "Summary: %d passed, %d failed, %d skipped\n", p, f, s }' "$results"
rm -f "$results"
exit "$status"
