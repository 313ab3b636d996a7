#!/usr/bin/env bash
# The Python wrapper (wrappers/python, package `indy`) against the built library: installs
# it with pip into its own venv (target/venv-python-wrapper; python3-indy's tests use
# target/venv, and both packages are named `indy`), type-checks it and runs its pytest
# suite with INDY_LIBRARY_PATH=target/release/libindy.so. Needs the library built
# (`cargo build --release -p libindy`). Extra arguments go to pytest.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
lib="$repo/target/release/libindy.so"
if [ ! -f "$lib" ]; then
    echo "missing $lib: run cargo build --release -p libindy first" >&2
    exit 1
fi

venv="$repo/target/venv-python-wrapper"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip --quiet --disable-pip-version-check)
# A fresh install each run, as a user would (not editable): tests import the installed package.
"${pip[@]}" install --force-reinstall --no-deps ./wrappers/python
"${pip[@]}" install "./wrappers/python[test]" "mypy>=1.8,<2"

echo "--- mypy --strict (package indy, benchmark)"
(cd wrappers/python && "$venv/bin/python" -m mypy --strict --no-incremental indy benches/roundtrip.py)

echo "--- pytest wrappers/python/tests"
# Run from the tests folder so `indy` comes from site-packages, not the source tree.
cd wrappers/python/tests
INDY_LIBRARY_PATH="$lib" "$venv/bin/python" -m pytest -q -p no:cacheprovider -c ../pyproject.toml --rootdir . \
    -o testpaths=. "$@"
