#!/usr/bin/env bash
# Builds libindy (release), compiles demo/hipe_demo.c against include/ and
# target/release, and runs the HIPE 0012 demo. Exits non-zero on any failure.
#
#   ci/demo.sh                 # build + run
#   SKIP_BUILD=1 ci/demo.sh    # use the library already in target/release
#   INDY_POOL_GENESIS=… ci/demo.sh   # adds the ledger phase (a pool from ci/indy-pool/start.sh)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
    cargo build --release -p libindy
fi

lib_dir="$repo/target/release"
out="$repo/target/demo"
mkdir -p "$out"
"${CC:-cc}" -std=c11 -O2 -Wall -Wextra -Werror -I include -o "$out/hipe_demo" demo/hipe_demo.c \
    -L "$lib_dir" -lindy -lpthread -lm
LD_LIBRARY_PATH="$lib_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$out/hipe_demo"
