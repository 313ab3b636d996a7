#!/usr/bin/env bash
# Builds every tests/c/test_*.c against include/ and target/release/libindy.so,
# runs each, prints one line per program and a final "N passed, N failed" line.
# Exits non-zero when any program fails to build or fails.
#
#   bash tests/c/run.sh              # all tests
#   bash tests/c/run.sh test_panic   # only the named ones
#
# Environment: CC (default cc), INDY_LIB_DIR (default target/release),
# INDY_INCLUDE_DIR (default include),
# INDY_FIXTURES (default ../shared/fixtures relative to the repo root),
# TEST_TIMEOUT seconds per program (default 300), VERBOSE=1 to show all output.
set -u

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"

cc="${CC:-cc}"
lib_dir="${INDY_LIB_DIR:-$repo/target/release}"
include_dir="${INDY_INCLUDE_DIR:-$repo/include}"
build="$repo/tests/c/build"
timeout_s="${TEST_TIMEOUT:-300}"
export INDY_FIXTURES="${INDY_FIXTURES:-$repo/../shared/fixtures}"
export LD_LIBRARY_PATH="$lib_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

if [ ! -e "$lib_dir/libindy.so" ]; then
    echo "missing $lib_dir/libindy.so (build it: cargo build --release -p libindy)" >&2
fi
mkdir -p "$build"

if [ "$#" -gt 0 ]; then
    sources=()
    for name in "$@"; do sources+=("tests/c/${name%.c}.c"); done
else
    sources=(tests/c/test_*.c)
fi

passed=0
failed=0
for src in "${sources[@]}"; do
    name="$(basename "$src" .c)"
    exe="$build/$name"
    log="$build/$name.log"
    if ! "$cc" -std=c11 -Wall -Wextra -Werror -g -O1 -I "$include_dir" -o "$exe" "$src" \
            -L "$lib_dir" -lindy -lpthread >"$log" 2>&1; then
        echo "FAILED  $name (does not compile)"
        sed 's/^/    /' "$log"
        failed=$((failed + 1))
        continue
    fi
    start=$(date +%s%N)
    timeout -k 10 "$timeout_s" "$exe" >"$log" 2>&1
    rc=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    secs="$((ms / 1000)).$(( (ms % 1000) / 100 ))"
    if [ "$rc" -eq 0 ]; then
        echo "ok      $name (${secs}s)"
        passed=$((passed + 1))
        [ "${VERBOSE:-0}" = 1 ] && sed 's/^/    /' "$log"
    else
        case "$rc" in
            124|137) why="timed out after ${timeout_s}s" ;;
            *) why="exit $rc" ;;
        esac
        echo "FAILED  $name ($why, ${secs}s)"
        # Rust's panic messages from the intentional panics of indyrs_test_panic are noise here.
        grep -v -e "^thread '.*' panicked at" -e "^note: run with \`RUST_BACKTRACE" -e "^indyrs_test_panic" "$log" \
            | sed 's/^/    /' | tail -n 60
        failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
