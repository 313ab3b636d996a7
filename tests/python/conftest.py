"""Shared fixtures for running the official python3-indy wrapper against our libindy.so.

python3-indy loads ``libindy.so`` by bare name, so run with the library on the loader path:

    LD_LIBRARY_PATH=target/release python3 -m pytest tests/python -q
"""
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from indy import error, wallet

REPO_ROOT = Path(__file__).resolve().parents[2]

TRUSTEE1_SEED = "000000000000000000000000Trustee1"
TRUSTEE1_DID = "V4SGRU86Z58d6TV7PBUe6f"
TRUSTEE1_VERKEY = "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL"


def fixtures_root() -> Path:
    """$INDY_FIXTURES, else ../shared/fixtures relative to the repo root."""
    env = os.environ.get("INDY_FIXTURES")
    return Path(env) if env else (REPO_ROOT.parent / "shared" / "fixtures")


@pytest.fixture(scope="session", autouse=True)
def libindy():
    """Loads libindy.so the way python3-indy does; fails clearly when it is not on the path."""
    from indy.libindy import _cdll
    try:
        return _cdll()
    except OSError as e:
        pytest.exit("cannot load libindy.so (run with LD_LIBRARY_PATH=target/release): %s" % e, returncode=2)


@pytest.fixture(scope="session")
def manifest():
    path = fixtures_root() / "libindy-1.16" / "manifest.json"
    if not path.exists():
        pytest.fail("fixture manifest not found at %s (set INDY_FIXTURES)" % path)
    return json.loads(path.read_text(encoding="utf-8"))


def wallet_config(wallet_id: str, path: Path) -> str:
    return json.dumps({"id": wallet_id, "storage_config": {"path": str(path)}})


def wallet_credentials(key: str, method: str) -> str:
    return json.dumps({"key": key, "key_derivation_method": method})


@dataclass
class Wallet:
    handle: int
    config: str
    credentials: str
    path: Path


def postgres_server():
    """host:port, account and password of $INDY_TEST_POSTGRES_URL (ci/postgres.sh), or None."""
    from urllib.parse import urlparse
    url = os.environ.get("INDY_TEST_POSTGRES_URL")
    if not url:
        return None
    parsed = urlparse(url)
    return "%s:%d" % (parsed.hostname, parsed.port or 5432), parsed.username, parsed.password


@pytest.fixture(params=["sqlite", "postgres"])
async def raw_wallet(request, tmp_path):
    """A fresh, open wallet with a RAW key, in SQLite and in PostgreSQL (one config change);
    closed (if still open) and deleted afterwards."""
    key = await wallet.generate_wallet_key(None)
    if request.param == "sqlite":
        config = wallet_config("raw_wallet", tmp_path)
        creds = wallet_credentials(key, "RAW")
    else:
        server = postgres_server()
        if server is None:
            pytest.skip("!!! no PostgreSQL server: set INDY_TEST_POSTGRES_URL (bash ci/postgres.sh start) !!!")
        url, account, password = server
        config = json.dumps({"id": "py_" + uuid.uuid4().hex[:20], "storage_type": "postgres_storage",
                             "storage_config": {"url": url, "wallet_scheme": "MultiWalletSingleTable",
                                                "database_name": "python_wallets"}})
        creds = json.dumps({"key": key, "key_derivation_method": "RAW", "storage_credentials": {
            "account": account, "password": password, "admin_account": account, "admin_password": password}})
    await wallet.create_wallet(config, creds)
    handle = await wallet.open_wallet(config, creds)
    w = Wallet(handle, config, creds, tmp_path)
    yield w
    try:
        await wallet.close_wallet(w.handle)
    except error.WalletInvalidHandle:
        pass
    await wallet.delete_wallet(config, creds)


@pytest.fixture
def copy_fixture_wallet(tmp_path):
    """Copies <fixtures>/libindy-1.16/<wallet_id>/ into tmp and returns the storage path to use."""
    def copy(wallet_id: str) -> Path:
        src = fixtures_root() / "libindy-1.16" / wallet_id
        shutil.copytree(src, tmp_path / wallet_id)
        return tmp_path
    return copy
