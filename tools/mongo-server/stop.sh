#!/usr/bin/env bash
# Stops servers started by start.sh (the one on PORT, or every one) and deletes their data.
#   tools/mongo-server/stop.sh [PORT | mongodb://127.0.0.1:PORT/db]
# Only pids recorded by start.sh are signalled, and only if they still run the FerretDB binary.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
base="$root/.cache/mongo-server"

stop_one() {
  local state="$1" pid
  [ -f "$state/pid" ] || return 0
  pid=$(cat "$state/pid")
  if kill -0 "$pid" 2>/dev/null && grep -q ferretdb "/proc/$pid/cmdline" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "mongo-server: stopped pid $pid" >&2
  fi
  rm -rf "$state"
}

if [ -n "${1:-}" ]; then
  port="${1#mongodb://}"; port="${port#*:}"; port="${port%%/*}"
  [[ "$port" =~ ^[0-9]+$ ]] || { echo "mongo-server: not a port or a mongodb:// URI: $1" >&2; exit 1; }
  stop_one "$base/$port"
else
  for state in "$base"/*/; do
    [ -d "$state" ] && stop_one "${state%/}"
  done
fi
