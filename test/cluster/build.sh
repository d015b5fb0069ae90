#!/usr/bin/env bash
# Builds the testcluster binary (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl and the node simulator in one multi-call binary) when
# needed, and prints its absolute path as the last line of stdout.
#
# The binary is cached outside the repository, keyed by the Go toolchain and a
# hash of go.mod, go.sum and the Go sources, so a fresh clone on the same
# machine reuses it:
#   ${LADING_CACHE:-$HOME/.cache/lading}/testcluster/<key>/testcluster
# A cold build compiles all of Kubernetes: about 9 minutes on 2 idle cores
# (11-12 CPU-minutes), much longer on a busy machine. Go's own
# build and module caches (go env GOCACHE GOMODCACHE) make rebuilds fast.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

go_bin="$(command -v go || true)"
if [[ -z "$go_bin" && -x /usr/local/go/bin/go ]]; then
  go_bin=/usr/local/go/bin/go
fi
if [[ -z "$go_bin" ]]; then
  echo "test/cluster/build.sh: Go is not installed (need Go 1.26 or later)" >&2
  exit 1
fi

cache_root="${LADING_CACHE:-${HOME:-/tmp}/.cache/lading}/testcluster"
key="$(
  {
    "$go_bin" env GOVERSION GOOS GOARCH
    for f in go.mod go.sum build.sh $(ls -- *.go | LC_ALL=C sort); do
      echo "== $f"
      cat -- "$f"
    done
  } | sha256sum | cut -c1-24
)"
out_dir="$cache_root/$key"
binary="$out_dir/testcluster"

if [[ -x "$binary" ]]; then
  echo "testcluster: cached binary $binary" >&2
  echo "$binary"
  exit 0
fi

mkdir -p "$out_dir"
# One build at a time per key, even when several test runs start at once.
exec 9>"$out_dir/.lock"
flock 9
if [[ -x "$binary" ]]; then
  echo "$binary"
  exit 0
fi

k8s_version="$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v/ { print $2; exit }' go.mod)"
major="${k8s_version#v}"; major="${major%%.*}"
minor="${k8s_version#v*.}"; minor="${minor%%.*}"
pkg_cb=k8s.io/component-base/version
pkg_cg=k8s.io/client-go/pkg/version
ldflags="-s -w"
for pkg in "$pkg_cb" "$pkg_cg"; do
  ldflags+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.gitCommit=lading-testcluster-$key"
  ldflags+=" -X $pkg.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
done

echo "testcluster: building Kubernetes $k8s_version components into $binary (a cold build takes about 9 minutes on 2 idle cores)" >&2
started=$SECONDS
# -buildvcs=false: no VCS stamp, so neither git nor a clean work tree is needed.
"$go_bin" build -buildvcs=false -ldflags "$ldflags" -o "$binary.tmp" .
mv -f "$binary.tmp" "$binary"
echo "testcluster: built in $((SECONDS - started))s" >&2

# Keep the three most recent builds.
ls -1dt "$cache_root"/*/ 2>/dev/null | tail -n +4 | xargs -r rm -rf --

echo "$binary"
