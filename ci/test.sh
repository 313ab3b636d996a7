#!/usr/bin/env bash
# The whole test suite: formatting and lints, Rust unit and C-ABI tests (with the header
# staleness check, PostgreSQL wallets on a throwaway server, and the ledger tests on a
# local 4-node Indy pool), the C programs in tests/c, the official python3-indy wrapper
# against the built library, and this project's wrappers. Run from anywhere:
# `bash ci/test.sh` (INDY_POOL=0 skips the pool; a caller's INDY_POOL_GENESIS is used as is).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
export INDY_FIXTURES="${INDY_FIXTURES:-$repo/../shared/fixtures}"

step() { printf '\n=== %s\n' "$*"; }
# What the steps started (servers, the pool), stopped at exit in any case.
cleanup=()
trap 'for c in "${cleanup[@]}"; do eval "$c" || true; done' EXIT

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy --all-targets -D warnings"
cargo clippy --release --all-targets -- -D warnings

step "cargo build --release (libindy.so, libindy.a)"
cargo build --release -p libindy

step "PostgreSQL for the wallet tests (ci/postgres.sh)"
# A throwaway cluster, gone at exit; an INDY_TEST_POSTGRES_URL given by the caller wins.
if [ -z "${INDY_TEST_POSTGRES_URL:-}" ]; then
    if INDY_TEST_POSTGRES_URL="$(bash ci/postgres.sh start)"; then
        cleanup+=("bash ci/postgres.sh stop")
        export INDY_TEST_POSTGRES_URL INDY_TEST_POSTGRES_CRASHABLE=1
        if [ -f "$(bash ci/postgres.sh ca)" ]; then
            INDY_TEST_POSTGRES_CA="$(bash ci/postgres.sh ca)"
            INDY_TEST_POSTGRES_CLIENT_CERT="$(bash ci/postgres.sh client-cert)"
            export INDY_TEST_POSTGRES_CA INDY_TEST_POSTGRES_CLIENT_CERT
        fi
    else
        unset INDY_TEST_POSTGRES_URL
        echo "!!! no PostgreSQL server: the PostgreSQL wallet tests will be skipped !!!"
    fi
fi

step "A local Indy pool for the ledger tests (ci/indy-pool)"
# A fresh pool, stopped at exit; the ledger tests skip (loudly) when none could start.
if [ -z "${INDY_POOL_GENESIS:-}" ] && [ "${INDY_POOL:-1}" != 0 ]; then
    export INDY_POOL_DIR="${INDY_POOL_DIR:-/tmp/indyrs-pool}"
    if bash ci/indy-pool/start.sh "$INDY_POOL_DIR" >/dev/null; then
        cleanup+=("bash ci/indy-pool/stop.sh $INDY_POOL_DIR")
        # shellcheck disable=SC1091
        . "$INDY_POOL_DIR/env.sh"
    else
        echo "!!! no local Indy pool: the ledger tests will be skipped !!!"
    fi
fi

step "Rust tests (unit, C ABI, header, PostgreSQL, ledger)"
cargo test --release --workspace

if [ -n "${INDY_TEST_POSTGRES_URL:-}" ]; then
    step "Rust wallet, DID, crypto and anoncreds tests again, on PostgreSQL wallets"
    INDY_TEST_WALLET_STORAGE=postgres cargo test --release -p libindy --test abi --test tiers
fi

step "C programs against include/ and libindy.so"
bash tests/c/run.sh

step "python3-indy 1.16 (official, unchanged) against libindy.so"
venv="$repo/target/venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/python/requirements.txt
LD_LIBRARY_PATH="$repo/target/release${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    "$venv/bin/python" -m pytest tests/python -q -p no:cacheprovider

step "Python wrapper (wrappers/python) against libindy.so"
bash ci/test-python-wrapper.sh

step "Node wrapper (wrappers/nodejs) against libindy.so"
bash ci/test-nodejs-wrapper.sh
