"""Fixtures for the wrapper's tests. They run the installed package against the real
library: ``INDY_LIBRARY_PATH=target/release/libindy.so pytest`` (``ci/test-python-wrapper.sh``)."""

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from indy import _ffi, error, wallet

TRUSTEE1_SEED = "000000000000000000000000Trustee1"
TRUSTEE1_DID = "V4SGRU86Z58d6TV7PBUe6f"
TRUSTEE1_VERKEY = "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL"
MY1_SEED = "00000000000000000000000000000My1"
MY1_DID = "VsKV7grR1BUE29mG2Fm2kX"
MY1_VERKEY = "GjZWsBLgZCR18aL468JAT7w9CZRiBnpxUPPgyQxh4voa"
THEIR_DID = "8wZcEriaNLNKtteJvx7f8i"
THEIR_VERKEY = "5L2HBnzbu6Auh2pkDRbFt5f4prvgE2LzknkuYLsKkacp"

# Known answer from libindy's own wrapper tests: MY1's Ed25519 signature of MESSAGE.
MESSAGE = b'{"reqId":1496822211362017764}'
MY1_SIGNATURE = bytes([
    169, 215, 8, 225, 7, 107, 110, 9, 193, 162, 202, 214, 162, 66, 238, 211, 63, 209, 12, 196, 8, 211, 55, 27, 120,
    94, 204, 147, 53, 104, 103, 61, 60, 249, 237, 127, 103, 46, 220, 223, 10, 95, 75, 53, 245, 210, 241, 151, 191,
    41, 48, 30, 9, 16, 78, 252, 157, 206, 210, 145, 125, 133, 109, 11])

REPO_ROOT = Path(__file__).resolve().parents[3]


def pytest_report_header(config):
    import indy
    return "indy package: %s; library: %s" % (Path(indy.__file__).parent, os.environ.get("INDY_LIBRARY_PATH"))


@pytest.fixture(scope="session", autouse=True)
def library():
    """Loads the library once; stops the run with the loader's message when it cannot."""
    try:
        return _ffi.library()
    except error.LibraryNotFoundError as e:
        pytest.exit(str(e), returncode=2)


@pytest.fixture(autouse=True)
def every_command_answered():
    """After each test, every command it submitted has been answered (none lost)."""
    yield
    deadline = time.monotonic() + 20
    while _ffi.pending_count() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert _ffi.pending_count() == 0, "%d commands never answered" % _ffi.pending_count()


def wallet_config(wallet_id: str, path: Path, **extra) -> str:
    return json.dumps({"id": wallet_id, "storage_config": {"path": str(path)}, **extra})


def wallet_credentials(key: str, method: str = "RAW") -> str:
    return json.dumps({"key": key, "key_derivation_method": method})


@dataclass
class Wallet:
    handle: int
    config: str
    credentials: str
    path: Path


@pytest.fixture
async def raw_wallet(tmp_path):
    """A fresh open wallet with a RAW key; closed (if still open) and deleted afterwards."""
    key = await wallet.generate_wallet_key(None)
    config = wallet_config("w", tmp_path)
    creds = wallet_credentials(key)
    await wallet.create_wallet(config, creds)
    w = Wallet(await wallet.open_wallet(config, creds), config, creds, tmp_path)
    yield w
    try:
        await wallet.close_wallet(w.handle)
    except error.WalletInvalidHandle:
        pass
    await wallet.delete_wallet(config, creds)


def assert_detailed(exc: error.IndyError) -> None:
    """The error carries the library's detail for this very call."""
    assert isinstance(exc.message, str) and exc.message, "no message for %r" % exc
    assert str(exc).startswith(exc.error_code.name)


_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58encode(raw: bytes) -> str:
    n = int.from_bytes(raw, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = _B58[r] + out
    return "1" * (len(raw) - len(raw.lstrip(b"\0"))) + out


def unknown_did(i: int) -> str:
    """A well-formed DID (base58 of 16 bytes) that no wallet holds."""
    return b58encode(b"\x01" + i.to_bytes(15, "big"))
