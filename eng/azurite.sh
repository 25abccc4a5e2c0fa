# Sourced by test.sh and run.sh: installs Azurite (npm ci) and starts it in memory on free loopback ports.
# After `azurite_start`, AZURITE_CONNECTION_STRING names the running instance; `azurite_stop` ends it.

require_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "error: Node.js 20+ (node and npm) is required to run Azurite, the storage emulator Gongkai's tests use." >&2
    echo "       Install Node.js 20 or later (https://nodejs.org) and run this command again." >&2
    exit 3
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 20 ]; then
    echo "error: Node.js $major found; Azurite needs Node.js 20 or later." >&2
    exit 3
  fi
}

install_azurite() {
  require_node
  local stamp=node_modules/.gongkai-lock
  if [ ! -x node_modules/.bin/azurite ] || ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
    echo "==> npm ci (Azurite)"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

azurite_start() {
  install_azurite
  local blob queue table
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  AZURITE_LOG=$(mktemp -t azurite.XXXXXX.log)
  node_modules/.bin/azurite --silent --inMemoryPersistence --skipApiVersionCheck --disableProductStyleUrl --disableTelemetry \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" >"$AZURITE_LOG" 2>&1 &
  AZURITE_PID=$!
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  for _ in $(seq 1 100); do
    if node -e 'const n=require("net");let ok=0;const ps=process.argv.slice(1);ps.forEach(p=>{const c=n.connect(+p,"127.0.0.1",()=>{c.end();if(++ok===ps.length)process.exit(0);});c.on("error",()=>process.exit(1));});' "$blob" "$queue" "$table" 2>/dev/null; then
      echo "==> Azurite (pid $AZURITE_PID) on 127.0.0.1 blob:$blob queue:$queue table:$table"
      return 0
    fi
    if ! kill -0 "$AZURITE_PID" 2>/dev/null; then break; fi
    sleep 0.2
  done
  echo "error: Azurite did not start; its log:" >&2
  cat "$AZURITE_LOG" >&2
  exit 4
}

azurite_stop() {
  if [ -n "${AZURITE_PID:-}" ] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    kill "$AZURITE_PID" 2>/dev/null || true
    wait "$AZURITE_PID" 2>/dev/null || true
  fi
  [ -n "${AZURITE_LOG:-}" ] && rm -f "$AZURITE_LOG"
  return 0
}
