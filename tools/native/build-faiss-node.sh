#!/usr/bin/env bash
# Builds faiss-node's native addon against Debian's faiss (libfaiss-dev) and packs it as the
# prebuilt tarball that faiss-node's installer (prebuild-install) looks for in
# vendor/prebuilds before it tries to download one from GitHub. Nothing here is needed on a
# machine with internet access: there `npm ci` fetches the upstream prebuilt binary as usual.
#
# Why a patch: faiss-node 0.5.1 is written against faiss 1.7.4, which has `faiss::idx_t` at
# namespace level; Debian's faiss 1.7.3 only has `faiss::Index::idx_t`. One line changes.
# Why -fopenmp and -lopenblas: Debian's libfaiss.a is static and calls OpenMP and BLAS; without
# them the addon loads and then dies on the first large search with an undefined symbol.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
faiss_node_version=0.5.1
addon_api_version=6.1.0
napi=$(node -p 'Math.min(8, Number(process.versions.napi))')
platform=$(node -p 'process.platform + "-" + process.arch')
tarball="$root/vendor/prebuilds/faiss-node-v${faiss_node_version}-napi-v${napi}-${platform}.tar.gz"

say() { printf '[setup] %s\n' "$*" >&2; }

if [ -f "$tarball" ]; then
  say "faiss-node addon already built: ${tarball#$root/}"
  exit 0
fi
if [ ! -f /usr/lib/x86_64-linux-gnu/libfaiss.a ] && [ ! -f /usr/lib/aarch64-linux-gnu/libfaiss.a ]; then
  say "libfaiss-dev is not installed: run 'apt-get install libfaiss-dev libopenblas-dev' first"
  exit 1
fi

started=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say "building faiss-node ${faiss_node_version} against Debian's faiss (takes about 10 s)"
(
  cd "$work"
  npm pack --silent "faiss-node@${faiss_node_version}" "node-addon-api@${addon_api_version}" >/dev/null
  mkdir faiss-node addon-api
  tar xzf "faiss-node-${faiss_node_version}.tgz" -C faiss-node
  tar xzf "node-addon-api-${addon_api_version}.tgz" -C addon-api
  sed -i 's/^using idx_t = faiss::idx_t;/using idx_t = faiss::Index::idx_t;/' faiss-node/package/src/faiss.cc
  grep -q 'using idx_t = faiss::Index::idx_t;' faiss-node/package/src/faiss.cc || {
    echo "faiss-node source changed: the idx_t patch no longer applies" >&2; exit 1; }
  node_include=$(node -p 'require("path").resolve(process.execPath, "../../include/node")')
  mkdir -p build/Release
  g++ -O2 -std=c++17 -fPIC -shared -fopenmp -DNAPI_VERSION="$napi" \
    -I"$node_include" -Iaddon-api/package \
    faiss-node/package/src/faiss.cc -o build/Release/faiss-node.node -lfaiss -lopenblas
  strip --strip-unneeded build/Release/faiss-node.node
  mkdir -p "$(dirname "$tarball")"
  tar czf "$tarball.tmp" build/Release/faiss-node.node
  mv "$tarball.tmp" "$tarball"
)
say "faiss-node addon built in $(( $(date +%s) - started )) s: ${tarball#$root/}"
