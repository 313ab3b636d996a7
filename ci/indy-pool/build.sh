#!/usr/bin/env bash
# Builds what a local 4-node Indy pool (indy-node 1.13.2 / indy-plenum 1.13.1) needs on
# Debian 12 / Python 3.11, into a cache directory:
#   $CACHE/venv          the nodes' Python venv (patched ujson/orderedset, shims, rocksdb stub)
#   $CACHE/lib/libursa.so BLS for python-ursa, built from indy-crypto 0.5.1 (crates.io)
#   $CACHE/client-venv   indy-vdr (Python) for the readiness check and smoke.py
# Idempotent: skips everything when $CACHE/.stamp matches the hash of this directory's
# inputs. Only the Debian, PyPI and crates.io registries are used.
#
# Usage: bash ci/indy-pool/build.sh        (INDY_POOL_CACHE overrides the cache directory,
#                                           INDY_POOL_PYTHON the Python 3.11 interpreter)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${INDY_POOL_CACHE:-$HOME/.cache/indyrs-pool}"
log() { printf '[indy-pool build] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- 1. Debian packages ---------------------------------------------------------------
missing=()
while read -r pkg; do
    pkg="${pkg%%#*}"; pkg="${pkg// /}"
    [ -n "$pkg" ] || continue
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
done < "$here/apt-packages.txt"
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "installing Debian packages: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
            apt-get update >/dev/null
            apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
        }
    else
        die "missing Debian packages (see $here/apt-packages.txt): ${missing[*]}"
    fi
fi

# --- 2. Python: Debian's 3.11 (has python3-dev headers and venv) ----------------------
PY="${INDY_POOL_PYTHON:-}"
if [ -z "$PY" ]; then
    if [ -x /usr/bin/python3.11 ]; then PY=/usr/bin/python3.11; else PY="$(command -v python3)"; fi
fi
pyver="$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
[ "$pyver" = "3.11" ] || log "warning: $PY is Python $pyver; the pins here were made for 3.11"

# --- 3. Up to date? ---------------------------------------------------------------------
inputs_hash="$(cd "$here" && cat build.sh apt-packages.txt requirements-node.txt \
    requirements-client.txt indy-crypto-0.5.1.Cargo.lock lib/indy_pool_compat.py lib/indy_pool_compat.pth lib/rocksdb.py \
    | sha256sum | cut -c1-16)"
stamp="v1 inputs=$inputs_hash python=$("$PY" -c 'import sys; print(sys.version.split()[0])') py=$PY"
if [ -f "$CACHE/.stamp" ] && [ "$(cat "$CACHE/.stamp")" = "$stamp" ] \
    && [ -x "$CACHE/venv/bin/python" ] && [ -x "$CACHE/client-venv/bin/python" ] \
    && [ -f "$CACHE/lib/libursa.so" ]; then
    log "up to date in $CACHE"
    exit 0
fi
log "building into $CACHE ($stamp)"
start=$(date +%s)
mkdir -p "$CACHE"
rm -f "$CACHE/.stamp"
work="$CACHE/build"
rm -rf "$work"
mkdir -p "$work"

pipq() { "$@" --quiet --disable-pip-version-check --no-input; }

# --- 4. libursa.so from indy-crypto 0.5.1 (runs in the background during the venv) ----
build_ursa() {
    set -euo pipefail
    if ! command -v cargo >/dev/null && [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/cargo" ]; then
        PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
    fi
    command -v cargo >/dev/null || die "cargo is needed to build indy-crypto 0.5.1 (libursa.so)"
    local crate="$work/indy-crypto"
    mkdir -p "$crate"
    # A throw-away package whose only purpose is to make cargo fetch the crate's source.
    mkdir -p "$work/fetch/src"
    cat > "$work/fetch/Cargo.toml" <<'TOML'
[package]
name = "fetch-indy-crypto"
version = "0.0.0"
edition = "2018"
[dependencies]
indy-crypto = { version = "=0.5.1", default-features = false }
[workspace]
TOML
    : > "$work/fetch/src/lib.rs"
    (cd "$work/fetch" && cargo fetch --quiet)
    local src
    src="$(cd "$work/fetch" && cargo metadata --format-version 1 --quiet \
        | "$PY" -c 'import json,sys,os; m=json.load(sys.stdin); print([os.path.dirname(p["manifest_path"]) for p in m["packages"] if p["name"]=="indy-crypto"][0])')"
    cp -r "$src/." "$crate/"
    cp "$here/indy-crypto-0.5.1.Cargo.lock" "$crate/Cargo.lock"
    # Its own target dir; one job (the machine is shared); staticlib only.
    (cd "$crate" && CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}" CARGO_TARGET_DIR="$crate/target" \
        cargo rustc --quiet --release --lib --crate-type staticlib 2>"$work/cargo.log") \
        || { tail -40 "$work/cargo.log" >&2; die "indy-crypto build failed"; }
    local a="$crate/target/release/libindy_crypto.a"
    # python-ursa calls ursa_*; indy-crypto exports indy_crypto_* (and misspells two as bsl).
    nm -g --defined-only "$a" 2>/dev/null | awk '$2 == "T" && $3 ~ /^indy_crypto_/ {print $3}' \
        | sort -u | sed -E 'h; s/^indy_crypto_bsl_/ursa_bls_/; s/^indy_crypto_/ursa_/; H; x; s/\n/ /' \
        > "$work/syms.map"
    grep -q '^indy_crypto_bsl_verify ursa_bls_verify$' "$work/syms.map" || die "unexpected indy-crypto symbols"
    objcopy --redefine-syms="$work/syms.map" "$a" "$work/libursa.a"
    local undef=()
    while read -r _ new; do undef+=("-Wl,-u,$new"); done < "$work/syms.map"
    mkdir -p "$CACHE/lib"
    cc -shared -o "$CACHE/lib/libursa.so.tmp" -Wl,-soname,libursa.so "${undef[@]}" \
        "$work/libursa.a" -lssl -lcrypto -lpthread -ldl -lm
    mv "$CACHE/lib/libursa.so.tmp" "$CACHE/lib/libursa.so"
    nm -D --defined-only "$CACHE/lib/libursa.so" > "$work/libursa.syms"
    grep -q ' ursa_bls_verify_pop$' "$work/libursa.syms" || die "libursa.so lacks ursa_bls_*"
}
( build_ursa ) > "$CACHE/build-ursa.log" 2>&1 &
ursa_pid=$!

# --- 5. The nodes' venv ---------------------------------------------------------------
rm -rf "$CACHE/venv"
"$PY" -m venv "$CACHE/venv"
vpy="$CACHE/venv/bin/python"
pipq "$vpy" -m pip install 'pip==24.3.1' 'setuptools==69.5.1' 'wheel==0.45.1' 'Cython<3'
pipq "$vpy" -m pip install -r "$here/requirements-node.txt"
pipq "$vpy" -m pip install --no-deps 'indy-plenum==1.13.1' 'indy-node==1.13.2'

# orderedset 2.0.3: regenerate the C source with Cython<3 (the shipped one fails on 3.11).
# ujson 1.33: PyUnicode_EncodeUTF8 is gone in 3.11.
pipq "$vpy" -m pip download --no-deps --no-binary :all: 'orderedset==2.0.3' 'ujson==1.33' -d "$work/sdist"
(cd "$work/sdist" && "$vpy" - <<'PY'
import glob, tarfile, zipfile
for f in glob.glob("*.tar.gz"):
    tarfile.open(f).extractall(".")
for f in glob.glob("*.zip"):
    zipfile.ZipFile(f).extractall(".")
PY
)
rm -f "$work/sdist/orderedset-2.0.3/lib/orderedset/_orderedset.c"
objc="$work/sdist/ujson-1.33/python/objToJSON.c"
sed -i 's/PyUnicode_EncodeUTF8 *(PyUnicode_AS_UNICODE(obj), *PyUnicode_GET_SIZE(obj), *NULL)/PyUnicode_AsUTF8String(obj)/' "$objc"
grep -q 'PyUnicode_EncodeUTF8' "$objc" && die "ujson patch did not apply"
pipq "$vpy" -m pip install --no-build-isolation --no-deps "$work/sdist/ujson-1.33" "$work/sdist/orderedset-2.0.3"

site="$("$vpy" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
cp "$here/lib/indy_pool_compat.py" "$here/lib/indy_pool_compat.pth" "$here/lib/rocksdb.py" "$site/"

# --- 6. The client venv (indy-vdr) ----------------------------------------------------
rm -rf "$CACHE/client-venv"
"$PY" -m venv "$CACHE/client-venv"
pipq "$CACHE/client-venv/bin/python" -m pip install -r "$here/requirements-client.txt"

# --- 7. Wait for libursa, check the venv imports -------------------------------------
if ! wait "$ursa_pid"; then
    tail -40 "$CACHE/build-ursa.log" >&2
    die "libursa.so build failed (log: $CACHE/build-ursa.log)"
fi
LD_LIBRARY_PATH="$CACHE/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$vpy" - <<'PY'
import ujson, orderedset, leveldb, zmq, libnacl  # noqa: F401
from ursa.bls import Bls, Generator, SignKey, VerKey, ProofOfPossession
gen = Generator.new(); sk = SignKey.new(b"\x01" * 32); vk = VerKey.new(gen, sk)
assert Bls.verify_pop(ProofOfPossession.new(vk, sk), vk, gen)
assert Bls.verify(Bls.sign(b"m", sk), b"m", vk, gen)
import indy_node  # noqa: F401
from indy_node.server.node import Node  # noqa: F401
assert ujson.dumps({"a": [1, "\u00e9"]}) == '{"a":[1,"\\u00e9"]}'
PY
"$CACHE/client-venv/bin/python" -c 'import indy_vdr, nacl.signing, base58'

rm -rf "$work"
echo "$stamp" > "$CACHE/.stamp"
log "done in $(( $(date +%s) - start )) s"
