#!/usr/bin/env bash
# Starts the FerretDB installed by install.sh on 127.0.0.1 with a throw-away SQLite data folder,
# waits until it answers a MongoDB `ping`, and prints `MONGODB_URI=mongodb://127.0.0.1:PORT/guichet`
# on stdout (everything else goes to stderr), so callers can `eval "$(tools/mongo-server/start.sh)"`
# or `export "$(tools/mongo-server/start.sh)"`.
#
#   tools/mongo-server/start.sh [PORT]     a free port is chosen when PORT is omitted
#   tools/mongo-server/stop.sh [PORT]      stops it (all started ones without PORT) and deletes its data
#
# State per server under .cache/mongo-server/<port>/: pid, log, data/.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="$root/.cache/bin/ferretdb"
[ -x "$bin" ] || { echo "mongo-server: $bin missing; run tools/mongo-server/install.sh (npm run mongo:install)" >&2; exit 1; }

port="${1:-}"
if [ -z "$port" ]; then
  # Ask the kernel for a free port; the tiny race with another process binding it is caught below.
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
fi

state="$root/.cache/mongo-server/$port"
if [ -f "$state/pid" ] && kill -0 "$(cat "$state/pid")" 2>/dev/null; then
  echo "mongo-server: already running on port $port (pid $(cat "$state/pid")); stop it with tools/mongo-server/stop.sh $port" >&2
  exit 1
fi
rm -rf "$state"
mkdir -p "$state/data"

# --debug-addr=- : no metrics HTTP listener (its fixed default port would clash between servers).
"$bin" --handler=sqlite --sqlite-url="file:$state/data/" --listen-addr="127.0.0.1:$port" \
  --state-dir="$state" --debug-addr=- --telemetry=disable --log-level=WARN \
  >"$state/log" 2>&1 &
pid=$!
echo "$pid" >"$state/pid"

uri="mongodb://127.0.0.1:$port/guichet"
# A real round trip through the MongoDB driver, not just an open port.
if ! (cd "$root" && MONGO_READY_URI="$uri" MONGO_READY_PID="$pid" node --input-type=module -e "
  import mongoose from 'mongoose';
  const deadline = Date.now() + 20000;
  for (;;) {
    try { process.kill(Number(process.env.MONGO_READY_PID), 0); } catch { console.error('mongo-server: exited at start'); process.exit(1); }
    const conn = mongoose.createConnection(process.env.MONGO_READY_URI, { serverSelectionTimeoutMS: 500 });
    try { await conn.asPromise(); await conn.db.admin().ping(); await conn.close(); process.exit(0); }
    catch { await conn.close().catch(() => {}); }
    if (Date.now() > deadline) { console.error('mongo-server: no answer within 20 s'); process.exit(1); }
    await new Promise((r) => setTimeout(r, 100));
  }
"); then
  cat "$state/log" >&2
  kill "$pid" 2>/dev/null || true
  exit 1
fi

echo "mongo-server: FerretDB pid $pid on port $port, data in $state/data" >&2
echo "MONGODB_URI=$uri"
