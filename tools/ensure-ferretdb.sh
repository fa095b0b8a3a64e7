#!/usr/bin/env bash
# Builds the FerretDB launcher (tools/ferretdb) into tools/bin/ferretdb when the binary is missing
# or older than its sources, then prints the binary's path as the last line on stdout.
# Everything else goes to stderr so callers can take the path with `| tail -n 1`.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src=$root/tools/ferretdb
bin_dir=$root/tools/bin
bin=$bin_dir/ferretdb

fail() {
  echo "ensure-ferretdb: $*" >&2
  exit 1
}

# The binary is stale when any source file changed after it was built; a missing go.sum also
# calls for a build, whose tidy step writes it.
needs_build() {
  [[ -x $bin && -f $src/go.sum ]] || return 0
  local f
  for f in "$src"/*.go "$src/go.mod" "$src/go.sum"; do
    [[ -e $f && $f -nt $bin ]] && return 0
  done
  return 1
}

find_go() {
  command -v go >/dev/null 2>&1 || PATH=$PATH:/usr/local/go/bin
  command -v go >/dev/null 2>&1 ||
    fail 'Go toolchain not found (looked on PATH and in /usr/local/go/bin)'
}

# Newer Go releases refuse the linkname tricks some dependencies use; the flag lifts that check.
build() {
  local out=$bin_dir/.ferretdb.$$
  (cd "$src" && go mod tidy >&2) || fail "'go mod tidy' failed in $src"
  [[ -s $src/go.sum ]] || fail "'go mod tidy' left no go.sum in $src"

  if ! (cd "$src" && go build -o "$out" . >&2); then
    echo 'ensure-ferretdb: go build failed, retrying with -ldflags=-checklinkname=0' >&2
    (cd "$src" && go build -ldflags=-checklinkname=0 -o "$out" . >&2) ||
      fail "'go build' of $src failed (also with -ldflags=-checklinkname=0)"
  fi

  # Renamed into place so an interrupted build never leaves a half-written binary behind.
  mv -f "$out" "$bin"
}

main() {
  [[ -f $src/main.go ]] || fail "launcher source not found at $src"
  mkdir -p "$bin_dir"
  trap 'rm -f "$bin_dir/.ferretdb.$$"' EXIT

  # Parallel callers (several test files at once) wait here instead of building twice.
  exec 9>"$bin_dir/.ensure-ferretdb.lock"
  flock 9

  if needs_build; then
    echo "ensure-ferretdb: building $bin (first build downloads modules, takes a minute)" >&2
    find_go
    build
  fi

  echo "$bin"
}

main "$@"
