#!/usr/bin/env bash
# Publishes the Function App, the .NET isolated worker, for Flex Consumption (dotnet-isolated 10.0): `dotnet publish`
# for linux-x64 (framework-dependent; the platform brings .NET) into publish/app, with the Worker SDK's
# functions.metadata, worker.config.json and extensions beside host.json at the root, zipped to publish/gongkai.zip.
# Deploy the zip with one command:
#   az functionapp deployment source config-zip -g <resource-group> -n <function-app> --src publish/gongkai.zip
# (or `azd deploy`, which publishes the same project). Usage: eng/publish.sh [output-folder]   (default: publish)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK (dotnet) is required." >&2; exit 3; }

out=${1:-publish}
app="$out/app"
zip_file="$out/gongkai.zip"
rm -rf "$app" "$zip_file"
mkdir -p "$out"
zip_path="$(cd "$out" && pwd)/gongkai.zip"

echo "==> dotnet publish (linux-x64, framework-dependent) → $app"
dotnet publish src/Gongkai.Functions --nologo -v quiet -c Release -r linux-x64 --self-contained false -o "$app"

# The host indexes nothing from a package without these; fail here instead, with a clear message.
missing=()
for required in functions.metadata worker.config.json host.json extensions.json gongkai.dll portals.json .azurefunctions; do
  [ -e "$app/$required" ] || missing+=("$required")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "error: the published app lacks: ${missing[*]}" >&2
  exit 1
fi

echo "==> zip → $zip_file"
if command -v zip >/dev/null 2>&1; then
  (cd "$app" && zip -q -r -X "$zip_path" .)
else
  python3 - "$app" "$zip_path" <<'PY'
import os, sys, zipfile
root, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            path = os.path.join(folder, name)
            info = zipfile.ZipInfo.from_file(path, os.path.relpath(path, root))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as source:
                archive.writestr(info, source.read())
PY
fi
echo "==> $(du -h "$zip_file" | cut -f1) $zip_file"
