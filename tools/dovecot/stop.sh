#!/usr/bin/env bash
# Stops a Dovecot started by tools/dovecot/start.sh (the one on PORT, or every one) and deletes
# its state, mail included.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
for state in "$root"/.cache/dovecot/${1:-*}; do
  [ -d "$state" ] || continue
  if [ -f "$state/pid" ]; then
    pid=$(cat "$state/pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$state"
  echo "dovecot: stopped $(basename "$state")" >&2
done
