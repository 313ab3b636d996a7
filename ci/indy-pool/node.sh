#!/usr/bin/env bash
# Start or stop one node of a pool that start.sh created (used by start.sh and stop.sh;
# also handy for fault tests: stop Node4, check the pool still works, start it again).
#
# Usage: node.sh start POOL_DIR NodeN     start it in the background, PID in POOL_DIR/run/NodeN.pid
#        node.sh stop  POOL_DIR NodeN     SIGTERM (SIGKILL after 10 s) that PID, and only it
#        node.sh status POOL_DIR NodeN    exit 0 if running
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${INDY_POOL_CACHE:-$HOME/.cache/indyrs-pool}"
action="${1:?usage: node.sh start|stop|status POOL_DIR NodeN}"
dir="$(cd "${2:?pool dir}" && pwd)"
name="${3:?node name}"
pidfile="$dir/run/$name.pid"

# The PID is ours only while its command line is our launcher for this pool and node
# (guards against a stale PID file and PID reuse).
our_pid() {
    [ -f "$pidfile" ] || return 1
    local pid cmd
    pid="$(cat "$pidfile")"
    [ -r "/proc/$pid/cmdline" ] || return 1
    cmd="$(tr '\0' ' ' < "/proc/$pid/cmdline")"
    case "$cmd" in *"node_launcher.py $dir $name "*) echo "$pid" ;; *) return 1 ;; esac
}

case "$action" in
start)
    if pid="$(our_pid)"; then echo "$name already running (pid $pid)" >&2; exit 0; fi
    line="$(awk -v n="$name" '$1 == n' "$dir/nodes.txt")"
    [ -n "$line" ] || { echo "unknown node $name (see $dir/nodes.txt)" >&2; exit 1; }
    read -r _ port cport <<<"$line"
    mkdir -p "$dir/run" "$dir/log"
    # setsid: its own session, so a Ctrl-C to the test run does not take the pool down
    # half-way; not a process-group leader here, so setsid execs and $! is the node's PID.
    (
        cd "$dir"
        export LD_LIBRARY_PATH="$CACHE/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
        exec setsid "$CACHE/venv/bin/python" "$here/node_launcher.py" "$dir" "$name" "$port" "$cport" \
            >>"$dir/log/$name.out" 2>&1 </dev/null
    ) &
    echo "$!" > "$pidfile"
    ;;
stop)
    if ! pid="$(our_pid)"; then rm -f "$pidfile"; exit 0; fi
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
        [ -d "/proc/$pid" ] || break
        sleep 0.1
    done
    if [ -d "/proc/$pid" ] && our_pid >/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -f "$pidfile"
    ;;
status)
    our_pid >/dev/null
    ;;
*)
    echo "usage: node.sh start|stop|status POOL_DIR NodeN" >&2; exit 2 ;;
esac
