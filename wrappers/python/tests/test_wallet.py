"""indy.wallet through the real library."""

import json

import pytest

from indy import did, error, non_secrets, wallet
from indy.error import ErrorCode

from conftest import (MY1_SEED, TRUSTEE1_DID, TRUSTEE1_SEED, TRUSTEE1_VERKEY, assert_detailed, wallet_config,
                      wallet_credentials)


async def test_generate_wallet_key_is_random_or_seeded():
    assert await wallet.generate_wallet_key() != await wallet.generate_wallet_key(None)
    assert await wallet.generate_wallet_key("{}") != await wallet.generate_wallet_key("{}")
    seeded = json.dumps({"seed": TRUSTEE1_SEED})
    assert await wallet.generate_wallet_key(seeded) == await wallet.generate_wallet_key(seeded)
    assert await wallet.generate_wallet_key(seeded) != await wallet.generate_wallet_key(json.dumps({"seed": MY1_SEED}))
    assert isinstance(await wallet.generate_wallet_key(), str)


@pytest.mark.parametrize("method", ["RAW", "ARGON2I_INT"])
async def test_create_open_close_reopen_delete(tmp_path, method):
    key = await wallet.generate_wallet_key() if method == "RAW" else "passphrase"
    config, creds = wallet_config("life", tmp_path), wallet_credentials(key, method)
    await wallet.create_wallet(config, creds)
    assert (tmp_path / "life" / "sqlite.db").exists()

    handle = await wallet.open_wallet(config, creds)
    assert isinstance(handle, int)
    assert await did.create_and_store_my_did(handle, json.dumps({"seed": TRUSTEE1_SEED})) == \
        (TRUSTEE1_DID, TRUSTEE1_VERKEY)
    assert await wallet.close_wallet(handle) is None

    handle = await wallet.open_wallet(config, creds)
    assert await did.key_for_local_did(handle, TRUSTEE1_DID) == TRUSTEE1_VERKEY
    await wallet.close_wallet(handle)

    assert await wallet.delete_wallet(config, creds) is None
    assert not (tmp_path / "life").exists()


async def test_lifecycle_errors(raw_wallet, tmp_path):
    with pytest.raises(error.WalletAlreadyExistsError) as e:
        await wallet.create_wallet(raw_wallet.config, raw_wallet.credentials)
    assert_detailed(e.value)
    with pytest.raises(error.WalletAlreadyOpenedError):
        await wallet.open_wallet(raw_wallet.config, raw_wallet.credentials)
    with pytest.raises(error.CommonInvalidState):  # deleting an open wallet
        await wallet.delete_wallet(raw_wallet.config, raw_wallet.credentials)
    with pytest.raises(error.WalletInvalidHandle):
        await wallet.close_wallet(raw_wallet.handle + 1000)

    await wallet.close_wallet(raw_wallet.handle)
    with pytest.raises(error.WalletInvalidHandle) as e:
        await wallet.close_wallet(raw_wallet.handle)
    assert e.value.error_code == ErrorCode.WalletInvalidHandle

    wrong = wallet_credentials(await wallet.generate_wallet_key())
    with pytest.raises(error.WalletAccessFailed):
        await wallet.open_wallet(raw_wallet.config, wrong)
    with pytest.raises(error.WalletAccessFailed):
        await wallet.delete_wallet(raw_wallet.config, wrong)

    missing = wallet_config("missing", tmp_path)
    with pytest.raises(error.WalletNotFoundError):
        await wallet.open_wallet(missing, raw_wallet.credentials)
    with pytest.raises(error.WalletNotFoundError):
        await wallet.delete_wallet(missing, raw_wallet.credentials)


async def test_bad_arguments_raise_invalid_structure(tmp_path):
    key = await wallet.generate_wallet_key()
    for call in (lambda: wallet.create_wallet("{bad json", wallet_credentials(key)),
                 lambda: wallet.create_wallet('{"id": 5}', wallet_credentials(key)),
                 lambda: wallet.open_wallet(wallet_config("x", tmp_path), "not json"),
                 lambda: wallet.generate_wallet_key("{]")):
        with pytest.raises(error.CommonInvalidStructure) as e:
            await call()
        assert_detailed(e.value)


async def test_unknown_storage_type(tmp_path):
    key = await wallet.generate_wallet_key()
    with pytest.raises(error.WalletUnknownTypeError):
        await wallet.create_wallet(wallet_config("x", tmp_path, storage_type="nope"), wallet_credentials(key))


async def test_rekey(tmp_path):
    old, new = await wallet.generate_wallet_key(), await wallet.generate_wallet_key()
    config = wallet_config("rekey", tmp_path)
    await wallet.create_wallet(config, wallet_credentials(old))
    handle = await wallet.open_wallet(config, json.dumps(
        {"key": old, "key_derivation_method": "RAW", "rekey": new, "rekey_derivation_method": "RAW"}))
    await did.create_and_store_my_did(handle, json.dumps({"seed": TRUSTEE1_SEED}))
    await wallet.close_wallet(handle)
    with pytest.raises(error.WalletAccessFailed):
        await wallet.open_wallet(config, wallet_credentials(old))
    handle = await wallet.open_wallet(config, wallet_credentials(new))
    assert await did.key_for_local_did(handle, TRUSTEE1_DID) == TRUSTEE1_VERKEY
    await wallet.close_wallet(handle)
    await wallet.delete_wallet(config, wallet_credentials(new))


async def test_export_then_import(raw_wallet, tmp_path):
    h = raw_wallet.handle
    await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED}))
    await non_secrets.add_wallet_record(h, "note", "n1", "value 1", json.dumps({"k": "v", "~n": "1"}))
    export_key = await wallet.generate_wallet_key()
    path = tmp_path / "export.bin"
    export = json.dumps({"path": str(path), "key": export_key, "key_derivation_method": "RAW"})
    assert await wallet.export_wallet(h, export) is None
    assert path.stat().st_size > 0
    with pytest.raises(error.CommonIOError):  # the file exists
        await wallet.export_wallet(h, export)

    config = wallet_config("imported", tmp_path)
    creds = wallet_credentials(await wallet.generate_wallet_key())
    wrong = json.dumps({"path": str(path), "key": await wallet.generate_wallet_key()})
    with pytest.raises(error.CommonInvalidStructure) as e:  # the file does not decrypt
        await wallet.import_wallet(config, creds, wrong)
    assert "wrong key" in e.value.message
    assert await wallet.import_wallet(config, creds, json.dumps({"path": str(path), "key": export_key})) is None
    handle = await wallet.open_wallet(config, creds)
    try:
        assert await did.key_for_local_did(handle, TRUSTEE1_DID) == TRUSTEE1_VERKEY
        record = json.loads(await non_secrets.get_wallet_record(handle, "note", "n1", json.dumps(
            {"retrieveTags": True})))
        assert record["value"] == "value 1" and record["tags"] == {"k": "v", "~n": "1"}
    finally:
        await wallet.close_wallet(handle)
    await wallet.delete_wallet(config, creds)
