#!/usr/bin/env bash
# Publishes the `gongkai` custom handler for Azure Functions: self-contained for linux-x64 into publish/app, laid out
# as the Functions host expects (host.json, one folder per function with its function.json, the `gongkai`
# executable, portals.json), and zipped to publish/gongkai.zip. Deploy the zip with one command:
#   az functionapp deployment source config-zip -g <resource-group> -n <function-app> --src publish/gongkai.zip
# (or `azd deploy`, which publishes the same way). Usage: eng/publish.sh [output-folder]   (default: publish)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET 10 SDK (dotnet) is required." >&2; exit 3; }

out=${1:-publish}
app="$out/app"
zip_file="$out/gongkai.zip"
rm -rf "$app" "$zip_file"
mkdir -p "$out"
zip_path="$(cd "$out" && pwd)/gongkai.zip"

echo "==> dotnet publish (linux-x64, self-contained) → $app"
dotnet publish src/Gongkai.Functions --nologo -v quiet -c Release -r linux-x64 --self-contained -o "$app"

# The host refuses to start a custom handler whose layout is incomplete; fail here instead, with a clear message.
shopt -s nullglob
definitions=(src/Gongkai.Functions/FunctionApp/*/function.json)
[ ${#definitions[@]} -gt 0 ] || { echo "error: no function definitions in src/Gongkai.Functions/FunctionApp" >&2; exit 1; }
missing=()
for required in host.json gongkai portals.json; do
  [ -e "$app/$required" ] || missing+=("$required")
done
for definition in "${definitions[@]}"; do
  name=$(basename "$(dirname "$definition")")
  [ -f "$app/$name/function.json" ] || missing+=("$name/function.json")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "error: the published app lacks: ${missing[*]}" >&2
  exit 1
fi
chmod +x "$app/gongkai"

echo "==> zip → $zip_file"
# Unix modes are kept in the archive: the host starts `gongkai` directly, so it must stay executable.
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
