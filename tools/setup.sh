#!/usr/bin/env bash
# One-step, idempotent setup of a fresh clone on a machine that reaches only the npm registry
# and Debian's apt repositories:
#   1. Debian packages the native parts need (faiss, OpenBLAS), installed only when missing;
#   2. faiss-node's native addon, built against Debian's faiss and placed where faiss-node's
#      own installer looks before it tries GitHub (vendor/prebuilds, see .prebuild-installrc);
#   3. npm ci, only when package-lock.json changed since the last install;
#   4. the TypeScript build of every package (Nx caches it);
#   5. the embedded default backbone (models/mobilenetv2.onnx), converted from the nsfwjs
#      npm package and checked against its recorded checksum.
# A second run finds everything in place and only checks. Options:
#   --with-browser   also install Debian's chromium (the HTML report test drives it)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
with_browser=false
for arg in "$@"; do
  case "$arg" in
    --with-browser) with_browser=true ;;
    *) echo "setup: unknown option '$arg' (known: --with-browser)" >&2; exit 2 ;;
  esac
done

say() { printf '[setup] %s\n' "$*" >&2; }
started=$(date +%s)

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  say "Node $(node -v) is too old: this project needs Node 20 or newer."; exit 1
fi

# --- 1. Debian packages -----------------------------------------------------------------
apt_packages=(libfaiss-dev libopenblas-dev g++)
$with_browser && apt_packages+=(chromium)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    say "missing system packages ${missing[*]} and no apt-get here: install faiss 1.7 and OpenBLAS development files by hand."; exit 1
  fi
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  say "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- 2. faiss-node addon ----------------------------------------------------------------
bash tools/native/build-faiss-node.sh

# --- 3. npm packages --------------------------------------------------------------------
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.patchcore-install-stamp
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
else
  say "npm packages are up to date"
fi

# --- 4. build -----------------------------------------------------------------------------
say "building packages"
npx nx run-many -t build --outputStyle=static >/dev/null

# --- 5. default backbone ----------------------------------------------------------------
if [ -f tools/backbone/ensure-default-backbone.ts ]; then
  npx tsx tools/backbone/ensure-default-backbone.ts
fi

say "ready in $(( $(date +%s) - started )) s"
