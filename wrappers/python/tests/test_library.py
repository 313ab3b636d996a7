"""Library-wide functions, typed errors, the panic boundary and the logging bridge."""

import asyncio
import json
import logging
import pickle

import pytest

from indy import _ffi, crypto, did, error, libindy, logger, metrics, pool, wallet
from indy.error import ErrorCode

from conftest import (MY1_SEED, MY1_VERKEY, TRUSTEE1_DID, TRUSTEE1_SEED, TRUSTEE1_VERKEY, unknown_did,
                      wallet_config)


def test_set_runtime_config():
    assert libindy.set_runtime_config(json.dumps({"crypto_thread_pool_size": 2})) is None
    with pytest.raises(error.CommonInvalidStructure) as e:
        libindy.set_runtime_config('{"no_such_option": 1}')
    assert "no_such_option" in e.value.message
    with pytest.raises(error.CommonInvalidStructure):
        libindy.set_runtime_config("{not json")


async def test_collect_metrics(raw_wallet):
    res = await metrics.collect_metrics()
    assert isinstance(res, str)
    parsed = json.loads(res)
    assert isinstance(parsed, dict) and parsed


async def test_set_protocol_version():
    assert await pool.set_protocol_version(2) is None
    assert await pool.set_protocol_version(1) is None
    with pytest.raises(error.PoolIncompatibleProtocolVersion):
        await pool.set_protocol_version(3)
    await pool.set_protocol_version(2)


async def test_errors_are_typed_with_code_message_and_backtrace(raw_wallet):
    libindy.set_runtime_config('{"collect_backtrace": true}')
    try:
        with pytest.raises(error.WalletItemNotFound) as e:
            await did.key_for_local_did(raw_wallet.handle, TRUSTEE1_DID)
    finally:
        libindy.set_runtime_config('{"collect_backtrace": false}')
    exc = e.value
    assert isinstance(exc, error.IndyError)
    assert exc.error_code is ErrorCode.WalletItemNotFound
    assert TRUSTEE1_DID in exc.message
    assert isinstance(exc.indy_backtrace, str) and exc.indy_backtrace
    assert str(exc).startswith("WalletItemNotFound (212): ")

    copy = pickle.loads(pickle.dumps(exc))
    assert type(copy) is error.WalletItemNotFound and copy.message == exc.message

    with pytest.raises(error.WalletItemNotFound) as e:  # backtraces off again
        await did.key_for_local_did(raw_wallet.handle, TRUSTEE1_DID)
    assert e.value.indy_backtrace is None


def test_one_class_per_error_code():
    for code in ErrorCode:
        cls = error.errorcode_to_exception(code)
        if code == ErrorCode.Success:
            assert cls is None
            continue
        assert cls is not None and cls.__name__ == code.name and issubclass(cls, error.IndyError)
        exc = cls()  # the code is known from the class
        assert exc.error_code == code and exc.message is None and exc.indy_backtrace is None
        assert error.error_for(int(code), {"message": "m"}).message == "m"
    unknown = error.error_for(12345)
    assert type(unknown) is error.IndyError and unknown.error_code == 12345


async def test_error_detail_belongs_to_each_call(raw_wallet):
    """Many concurrent failures: each exception carries its own call's message."""
    h = raw_wallet.handle
    dids = [unknown_did(i) for i in range(200)]
    results = await asyncio.gather(*(did.key_for_local_did(h, d) for d in dids), return_exceptions=True)
    for d, res in zip(dids, results):
        assert isinstance(res, error.WalletItemNotFound)
        assert d in res.message, (d, res.message)


async def test_sync_refusal_raises_without_a_callback():
    # A NULL where the library needs a string: refused before any callback exists.
    with pytest.raises(error.CommonInvalidParam3) as e:
        await _ffi.call("indy_abbreviate_verkey", TRUSTEE1_DID.encode(), None)
    assert e.value.message
    assert _ffi.pending_count() == 0


async def test_panic_surfaces_as_invalid_state_and_library_keeps_working(raw_wallet):
    with pytest.raises(error.CommonInvalidState) as e:  # panic in the entry point: synchronous
        await _ffi.call("indyrs_test_panic", 0)
    assert "panic" in e.value.message.lower()
    for where in (1, 2, 1, 2, 2):  # in the command body, in a cheap-tier job: via the callback
        with pytest.raises(error.CommonInvalidState) as e:
            await _ffi.call("indyrs_test_panic", where)
        assert "panic" in e.value.message.lower()
    many = await asyncio.gather(*(_ffi.call("indyrs_test_panic", 2) for _ in range(50)), return_exceptions=True)
    assert all(isinstance(x, error.CommonInvalidState) for x in many)

    h = raw_wallet.handle
    assert await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED})) == \
        (TRUSTEE1_DID, TRUSTEE1_VERKEY)
    vk = await crypto.create_key(h, json.dumps({"seed": MY1_SEED}))
    assert vk == MY1_VERKEY
    sigs = await asyncio.gather(*(crypto.crypto_sign(h, vk, b"m") for _ in range(20)))
    assert len(set(sigs)) == 1


def test_test_hook_is_not_public():
    import indy
    for module in (indy, libindy, wallet, did, crypto, pool, metrics):
        assert not any("panic" in name for name in dir(module))


async def test_library_log_goes_to_python_logging(tmp_path, caplog):
    caplog.set_level(logging.DEBUG, logger=logger.NATIVE_LOGGER)
    logger.set_log_level()  # pass the new level on to the library
    try:
        key = await wallet.generate_wallet_key()
        config, creds = wallet_config("logged", tmp_path), json.dumps({"key": key, "key_derivation_method": "RAW"})
        await wallet.create_wallet(config, creds)
        await wallet.delete_wallet(config, creds)
        for _ in range(100):  # records arrive from library threads
            if any("created wallet" in r.getMessage() for r in caplog.records):
                break
            await asyncio.sleep(0.01)
        record = next(r for r in caplog.records if "created wallet" in r.getMessage())
        assert record.name.startswith(logger.NATIVE_LOGGER + ".")
        assert record.levelno == logging.INFO
        assert record.pathname.endswith(".rs") and record.lineno > 0

        # the library's level follows Python's: at WARNING no info record is produced
        caplog.clear()
        logger.set_log_level(logging.WARNING)
        await wallet.create_wallet(config, creds)
        await wallet.delete_wallet(config, creds)
        await asyncio.sleep(0.1)
        assert not any("created wallet" in r.getMessage() for r in caplog.records)
    finally:
        logger.set_log_level(logging.WARNING)


def test_library_level_mapping():
    assert logger._library_level(logger.TRACE) == 5
    assert logger._library_level(logging.DEBUG) == 4
    assert logger._library_level(logging.INFO) == 3
    assert logger._library_level(logging.WARNING) == 2
    assert logger._library_level(logging.ERROR) == 1
    assert logger._library_level(logging.CRITICAL) == 0
