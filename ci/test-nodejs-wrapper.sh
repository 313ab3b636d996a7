#!/usr/bin/env bash
# The Node wrapper (wrappers/nodejs) against the built library: installs its npm
# dependencies from package-lock.json (koffi's prebuilt binary, no compiler), then runs its
# `node --test` suite with INDY_LIBRARY_PATH at target/release/libindy.so.
# Run from anywhere: `bash ci/test-nodejs-wrapper.sh`. Needs Node >= 18 and npm.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
library="$repo/target/release/libindy.so"
wrapper="$repo/wrappers/nodejs"

for tool in node npm; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found (needs Node >= 18 and npm)" >&2; exit 1; }
done

if [ ! -f "$library" ]; then
    (cd "$repo" && cargo build --release -p libindy)
fi

cd "$wrapper"
if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund
else
    npm install --no-audit --no-fund
fi

INDY_LIBRARY_PATH="$library" node --test --test-reporter=spec
