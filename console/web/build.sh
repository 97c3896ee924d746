#!/usr/bin/env bash
# Builds the web console into OUT_DIR (Maven passes console/target/classes/webroot, so the jar
# carries it on the classpath as webroot/). Called by exec-maven-plugin in console's
# generate-resources phase; runnable by hand: ./build.sh [OUT_DIR]
#   - `npm ci` only when node_modules was not installed from this exact package-lock.json
#   - the type-check + Vite build only when a source is newer than the last build in OUT_DIR
set -euo pipefail

web_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out_dir="${1:-$web_dir/dist}"
cd "$web_dir"

for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "web build: '$tool' not found on PATH; install Node.js >= 18 (Debian: apt-get install -y nodejs npm)," \
         "or skip the web build with -Dskip.web=true" >&2
    exit 1
  }
done

# A copy of the lock taken after a successful `npm ci`: equal means node_modules is current.
stamp=node_modules/.sharpeyes-installed-lock.json
if ! cmp -s package-lock.json "$stamp"; then
  echo "web build: npm ci" >&2
  rm -f "$stamp"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi

built="$out_dir/index.html"
if [[ -f "$built" && -z "$(find src public index.html package.json package-lock.json vite.config.ts tsconfig.json build.sh \
      -newer "$built" -print -quit)" ]]; then
  echo "web build: $out_dir is up to date" >&2
  exit 0
fi

echo "web build: type-check and bundle into $out_dir" >&2
# `npm run build` is `vue-tsc --noEmit && vite build`; the arguments go to vite build.
npm run --silent build -- --outDir "$out_dir" --emptyOutDir --logLevel warn
# index.html is written first by Vite; touch it so the up-to-date test above sees the whole build.
touch "$built"
