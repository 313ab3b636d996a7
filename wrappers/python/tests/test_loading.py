"""Where the library is loaded from: $INDY_LIBRARY_PATH, else the bundled copy, else the
system loader; and a clear error naming each attempt when none works."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import indy
from indy import _ffi, error

SCRIPT = """
import asyncio, sys
from indy import _ffi, did
try:
    lib = _ffi.library()
except Exception as e:
    print(type(e).__name__ + ": " + str(e))
    sys.exit(3)
print(lib.cdll._name)
print(asyncio.run(did.abbreviate_verkey("V4SGRU86Z58d6TV7PBUe6f", "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL")))
"""


@pytest.fixture(scope="module")
def library_file(library):
    path = Path(library.cdll._name)
    assert path.is_file(), "run the tests with INDY_LIBRARY_PATH set to the built library"
    return path


def run(env_changes, pythonpath=None):
    env = {k: v for k, v in os.environ.items() if k not in ("INDY_LIBRARY_PATH", "LD_LIBRARY_PATH", "PYTHONPATH")}
    env.update(env_changes)
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60,
                          cwd="/")


def test_candidates_order(tmp_path):
    assert _ffi.candidates({"INDY_LIBRARY_PATH": "/x/libindy.so"}, tmp_path) == [("$INDY_LIBRARY_PATH",
                                                                                   "/x/libindy.so")]
    assert _ffi.candidates({}, tmp_path) == [("system loader", "libindy.so")]
    (tmp_path / "libindy.so").write_bytes(b"")
    assert _ffi.candidates({}, tmp_path) == [("bundled copy", str(tmp_path / "libindy.so")),
                                             ("system loader", "libindy.so")]


def test_environment_variable(library_file):
    res = run({"INDY_LIBRARY_PATH": str(library_file)})
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.split() == [str(library_file), "~CoRER63DVYnWZtK8uAzNbx"]


def test_bundled_copy(library_file, tmp_path):
    package = tmp_path / "indy"
    shutil.copytree(Path(indy.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__", "_lib"))
    (package / "_lib").mkdir()
    shutil.copy(library_file, package / "_lib" / "libindy.so")
    res = run({}, pythonpath=tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.split() == [str(package / "_lib" / "libindy.so"), "~CoRER63DVYnWZtK8uAzNbx"]


def test_system_loader(library_file):
    res = run({"LD_LIBRARY_PATH": str(library_file.parent)})
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.split() == ["libindy.so", "~CoRER63DVYnWZtK8uAzNbx"]


def test_nothing_found_names_every_attempt(tmp_path):
    res = run({})
    if res.returncode == 0:
        pytest.skip("a libindy.so is installed system-wide")
    assert res.returncode == 3
    assert res.stdout.startswith("LibraryNotFoundError: cannot load libindy; tried: system loader (libindy.so)")
    assert "INDY_LIBRARY_PATH" in res.stdout


def test_bad_environment_variable_is_an_error_not_a_fallback(library_file, tmp_path):
    missing = tmp_path / "nope" / "libindy.so"
    res = run({"INDY_LIBRARY_PATH": str(missing), "LD_LIBRARY_PATH": str(library_file.parent)})
    assert res.returncode == 3
    assert "$INDY_LIBRARY_PATH (%s)" % missing in res.stdout and "unset INDY_LIBRARY_PATH" in res.stdout


def test_load_error_type(tmp_path):
    with pytest.raises(error.LibraryNotFoundError) as e:
        _ffi.load({"INDY_LIBRARY_PATH": str(tmp_path / "missing.so")})
    assert isinstance(e.value, OSError) and str(tmp_path / "missing.so") in str(e.value)
