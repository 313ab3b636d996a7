#!/usr/bin/env bash
# Start a fresh local 4-node Indy pool (indy-node 1.13.2) on 127.0.0.1:9701-9708.
#
# Usage: ci/indy-pool/start.sh [POOL_DIR]
#   POOL_DIR defaults to $INDY_POOL_DIR or /tmp/indyrs-pool. Its previous pool (if any) is
#   stopped and its state deleted: every start is a fresh ledger (tests write fixed-seed DIDs,
#   which can be written only once).
# Runs build.sh first (a no-op when the cache is up to date; INDY_POOL_NO_BUILD=1 skips it).
# Waits until the pool answers a GET_TXN (domain seqNo 1), up to INDY_POOL_READY_TIMEOUT
# (90) seconds, else shows the node logs, stops the nodes and fails.
# Progress goes to stderr; stdout gets one line, `INDY_POOL_GENESIS=<path>`, so
#   export "$(bash ci/indy-pool/start.sh)"
# works; POOL_DIR/env.sh (or `source ci/indy-pool/env.sh [POOL_DIR]`) sets the same.
# Stop with ci/indy-pool/stop.sh [POOL_DIR].
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${INDY_POOL_CACHE:-$HOME/.cache/indyrs-pool}"
export INDY_POOL_CACHE="$CACHE"
dir="${1:-${INDY_POOL_DIR:-/tmp/indyrs-pool}}"
timeout="${INDY_POOL_READY_TIMEOUT:-90}"
log() { printf '[indy-pool] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [ "${INDY_POOL_NO_BUILD:-0}" != 1 ]; then
    bash "$here/build.sh" >&2
fi
[ -f "$CACHE/.stamp" ] || die "no pool build in $CACHE: run ci/indy-pool/build.sh"

# A fresh state directory; only ever delete one that start.sh made.
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
if [ -f "$dir/.indyrs-pool" ]; then
    bash "$here/stop.sh" "$dir" >&2
    find "$dir" -mindepth 1 -delete
elif [ -n "$(ls -A "$dir")" ]; then
    die "$dir is not empty and not a pool directory made by start.sh"
fi
touch "$dir/.indyrs-pool"

# Ports must be free (another pool, e.g. from another directory, would answer instead).
"$CACHE/venv/bin/python" - <<'PY' || die "ports 9701-9708 on 127.0.0.1 are in use (another pool running? ci/indy-pool/stop.sh DIR)"
import socket, sys
busy = []
for port in range(9701, 9709):
    s = socket.socket()
    s.settimeout(0.5)
    if s.connect_ex(("127.0.0.1", port)) == 0:
        busy.append(port)
    s.close()
if busy:
    print("in use:", busy, file=sys.stderr)
    sys.exit(1)
PY

t0=$(date +%s%N)
log "setting up $dir (keys, genesis)"
(cd "$dir" && LD_LIBRARY_PATH="$CACHE/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    "$CACHE/venv/bin/python" "$here/pool_setup.py" "$dir" >"$dir/setup.log" 2>&1) \
    || { cat "$dir/setup.log" >&2; die "pool setup failed"; }
genesis="$dir/pool_transactions_genesis"

nodes=$(awk '{print $1}' "$dir/nodes.txt")
for n in $nodes; do
    bash "$here/node.sh" start "$dir" "$n"
done
log "nodes started: $(for n in $nodes; do printf '%s=%s ' "$n" "$(cat "$dir/run/$n.pid")"; done)"

show_logs() {
    for n in $nodes; do
        for f in "$dir/log/$n.out" "$dir/log/sandbox/$n.log"; do
            if [ ! -s "$f" ]; then printf -- '----- %s: empty or missing\n' "$f" >&2; continue; fi
            printf -- '\n----- %s (last 40 lines) -----\n' "$f" >&2
            tail -n 40 "$f" >&2
        done
    done
}

"$CACHE/client-venv/bin/python" "$here/wait_ready.py" "$genesis" "$timeout" >"$dir/ready.log" 2>&1 &
waiter=$!
while [ -d "/proc/$waiter" ]; do
    dead=0
    for n in $nodes; do bash "$here/node.sh" status "$dir" "$n" || dead=$((dead + 1)); done
    if [ "$dead" -gt 1 ]; then
        kill "$waiter" 2>/dev/null || true
        break
    fi
    sleep 1
done
if ! wait "$waiter"; then
    cat "$dir/ready.log" >&2
    show_logs
    bash "$here/stop.sh" "$dir" >&2
    die "pool not ready (nodes dead: ${dead:-?}; limit ${timeout} s); state left in $dir"
fi
cat "$dir/ready.log" >&2
printf 'export INDY_POOL_GENESIS=%q\nexport INDY_POOL_DIR=%q\n' "$genesis" "$dir" > "$dir/env.sh"
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
log "ready $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s after setup began; genesis: $genesis"
echo "INDY_POOL_GENESIS=$genesis"
