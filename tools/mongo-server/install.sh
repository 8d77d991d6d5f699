#!/usr/bin/env bash
# Installs the MongoDB-wire server the Mongo store tests run against: FerretDB, pinned, built from
# the Go module proxy, with its SQLite backend (no other service needed). Idempotent: a binary of
# the pinned version already in .cache/bin is kept. Everything lands under the project's ignored
# .cache/ (binary, module and build caches), so CI can cache that one folder.
#
# Why not `go install github.com/FerretDB/FerretDB/cmd/ferretdb@VERSION`: the release build stamps
# build/version/version.txt (generated, not in the module zip) and the binary panics at start
# without it. So: download the pinned module (checksum-verified against sum.golang.org), copy it,
# write version.txt, build cmd/ferretdb.
set -euo pipefail

FERRETDB_VERSION="v1.24.2"

root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="$root/.cache"
bin="$cache/bin/ferretdb"

if [ -x "$bin" ] && grep -q "version: $FERRETDB_VERSION\$" <<<"$("$bin" --version 2>/dev/null)"; then
  echo "mongo-server: FerretDB $FERRETDB_VERSION already installed at $bin"
  exit 0
fi

command -v go >/dev/null || { echo "mongo-server: Go >= 1.24 is required (https://go.dev/dl/)" >&2; exit 1; }
# FerretDB's go.mod asks for Go 1.24; Debian 12's golang-go (1.19) is too old.
go_minor=$(go env GOVERSION | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
if [ -z "$go_minor" ] || [ "$go_minor" -lt 24 ]; then
  echo "mongo-server: Go >= 1.24 is required, found $(go env GOVERSION) (https://go.dev/dl/)" >&2
  exit 1
fi

started=$(date +%s)
export GOMODCACHE="$cache/go/mod" GOCACHE="$cache/go/build" GOFLAGS="-mod=mod -buildvcs=false" GOTOOLCHAIN=local
mkdir -p "$GOMODCACHE" "$GOCACHE" "$cache/bin"

echo "mongo-server: downloading FerretDB $FERRETDB_VERSION from the Go module proxy"
dir=$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { echo "mongo-server: module download failed" >&2; exit 1; }

src="$cache/ferretdb-src-$FERRETDB_VERSION"
rm -rf "$src"
cp -R "$dir" "$src"
chmod -R u+w "$src"
echo "$FERRETDB_VERSION" >"$src/build/version/version.txt"

echo "mongo-server: building (first build takes about a minute on two cores)"
(cd "$src" && go build -trimpath -o "$bin.tmp" ./cmd/ferretdb)
mv "$bin.tmp" "$bin"
rm -rf "$src"

# Captured first: `grep -q` would close the pipe early and, under pipefail, fail on SIGPIPE.
reported=$("$bin" --version)
grep -q "version: $FERRETDB_VERSION\$" <<<"$reported" || { echo "mongo-server: built binary reports an unexpected version" >&2; exit 1; }
echo "mongo-server: FerretDB $FERRETDB_VERSION installed at $bin in $(($(date +%s) - started)) s"
