#!/usr/bin/env bash
# Stop the local pool that start.sh started in POOL_DIR: by the PIDs recorded in
# POOL_DIR/run/*.pid, and only those (each checked to still be our node launcher).
# With node names, stops only those nodes (fault tests; `node.sh start DIR NodeN` restarts one).
#
# Usage: ci/indy-pool/stop.sh [POOL_DIR [NodeN ...]]   (POOL_DIR: $INDY_POOL_DIR or /tmp/indyrs-pool)
# The state directory is kept (logs); the next start.sh wipes it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="${1:-${INDY_POOL_DIR:-/tmp/indyrs-pool}}"
[ -d "$dir/run" ] || { echo "[indy-pool] nothing to stop in $dir" >&2; exit 0; }
dir="$(cd "$dir" && pwd)"
shift || true
if [ "$#" -gt 0 ]; then
    nodes=("$@")
else
    nodes=()
    for f in "$dir"/run/*.pid; do
        [ -e "$f" ] && nodes+=("$(basename "$f" .pid)")
    done
fi
pids=()
for n in "${nodes[@]}"; do
    bash "$here/node.sh" stop "$dir" "$n" &
    pids+=("$!")
done
for p in "${pids[@]}"; do wait "$p"; done
echo "[indy-pool] stopped ${nodes[*]:-nothing} in $dir" >&2
