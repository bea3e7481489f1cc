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
# Why patch-faiss-node.mjs: upstream converts every float through N-API one element at a time
# (add/search/train take only plain Arrays) and lets faiss exceptions abort Node. The patch adds
# zero-copy Float32Array paths, turns faiss exceptions into JS errors, fixes the toBuffer /
# fromBuffer leaks and adds setParameter and a thread-count switch; the plain-Array API is
# unchanged. packages/memory-bank/README.md gives the figures and works with either addon.
#
# Idempotent: the tarball is rebuilt only when this script or the patch changed (a recipe hash
# is stored inside it as build/Release/patchcore-recipe.txt), and node_modules/faiss-node gets
# the built addon when its copy differs (npm ci would not replace an installed addon).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
faiss_node_version=0.5.1
addon_api_version=6.1.0
napi=$(node -p 'Math.min(8, Number(process.versions.napi))')
platform=$(node -p 'process.platform + "-" + process.arch')
tarball="$root/vendor/prebuilds/faiss-node-v${faiss_node_version}-napi-v${napi}-${platform}.tar.gz"

recipe=$(cat "$root/tools/native/build-faiss-node.sh" "$root/tools/native/patch-faiss-node.mjs" | sha256sum | cut -d' ' -f1)
installed_addon="$root/node_modules/faiss-node/build/Release/faiss-node.node"

say() { printf '[setup] %s\n' "$*" >&2; }

# Puts the tarball's addon into node_modules/faiss-node when that package is installed and its
# addon differs (first setup: npm ci does this itself through prebuild-install).
install_addon() {
  [ -d "$root/node_modules/faiss-node" ] || return 0
  local unpacked
  unpacked=$(mktemp -d)
  tar xzf "$tarball" -C "$unpacked"
  if ! cmp -s "$unpacked/build/Release/faiss-node.node" "$installed_addon"; then
    mkdir -p "$(dirname "$installed_addon")"
    cp "$unpacked/build/Release/faiss-node.node" "$installed_addon.tmp"
    mv "$installed_addon.tmp" "$installed_addon"
    say "faiss-node addon installed into node_modules/faiss-node"
  fi
  rm -rf "$unpacked"
}

built_recipe=""
[ -f "$tarball" ] && built_recipe=$(tar xzf "$tarball" -O build/Release/patchcore-recipe.txt 2>/dev/null || true)
if [ "$built_recipe" = "$recipe" ]; then
  say "faiss-node addon already built: ${tarball#$root/}"
  install_addon
  exit 0
fi
if [ ! -f /usr/lib/x86_64-linux-gnu/libfaiss.a ] && [ ! -f /usr/lib/aarch64-linux-gnu/libfaiss.a ]; then
  say "libfaiss-dev is not installed: run 'apt-get install libfaiss-dev libopenblas-dev' first"
  exit 1
fi

started=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say "building faiss-node ${faiss_node_version} against Debian's faiss (a few seconds)"
(
  cd "$work"
  npm pack --silent "faiss-node@${faiss_node_version}" "node-addon-api@${addon_api_version}" >/dev/null
  mkdir faiss-node addon-api
  tar xzf "faiss-node-${faiss_node_version}.tgz" -C faiss-node
  tar xzf "node-addon-api-${addon_api_version}.tgz" -C addon-api
  sed -i 's/^using idx_t = faiss::idx_t;/using idx_t = faiss::Index::idx_t;/' faiss-node/package/src/faiss.cc
  grep -q 'using idx_t = faiss::Index::idx_t;' faiss-node/package/src/faiss.cc || {
    echo "faiss-node source changed: the idx_t patch no longer applies" >&2; exit 1; }
  node "$root/tools/native/patch-faiss-node.mjs" faiss-node/package/src/faiss.cc
  node_include=$(node -p 'require("path").resolve(process.execPath, "../../include/node")')
  mkdir -p build/Release
  g++ -O2 -std=c++17 -fPIC -shared -fopenmp -DNAPI_VERSION="$napi" \
    -I"$node_include" -Iaddon-api/package \
    faiss-node/package/src/faiss.cc -o build/Release/faiss-node.node -lfaiss -lopenblas
  strip --strip-unneeded build/Release/faiss-node.node
  mkdir -p "$(dirname "$tarball")"
  echo "$recipe" > build/Release/patchcore-recipe.txt
  tar czf "$tarball.tmp" build/Release/faiss-node.node build/Release/patchcore-recipe.txt
  mv "$tarball.tmp" "$tarball"
)
say "faiss-node addon built in $(( $(date +%s) - started )) s: ${tarball#$root/}"
install_addon
