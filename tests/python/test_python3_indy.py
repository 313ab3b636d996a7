"""The official python3-indy 1.16 wrapper (from PyPI, unchanged) against our libindy.so.

Covers the local wallet / DID / crypto surface, the error codes python3-indy maps to
exception classes, concurrency through asyncio.gather, wallets written by the real
libindy 1.16, and the panic test hook through ctypes on the same CDLL.
"""
import asyncio
import json
from ctypes import CFUNCTYPE, byref, c_char_p, c_int32

import base58
import pytest

from indy import crypto, did, error, wallet
from indy.error import ErrorCode
from indy.libindy import _cdll, set_runtime_config

from conftest import (TRUSTEE1_DID, TRUSTEE1_SEED, TRUSTEE1_VERKEY, wallet_config,
                      wallet_credentials)

MY1_SEED = "00000000000000000000000000000My1"
MY1_DID = "VsKV7grR1BUE29mG2Fm2kX"
MY1_VERKEY = "GjZWsBLgZCR18aL468JAT7w9CZRiBnpxUPPgyQxh4voa"
THEIR_DID = "8wZcEriaNLNKtteJvx7f8i"
THEIR_VERKEY = "5L2HBnzbu6Auh2pkDRbFt5f4prvgE2LzknkuYLsKkacp"

# Known answer from libindy's own python wrapper tests (tests/crypto/test_crypto_sign.py).
MESSAGE = b'{"reqId":1496822211362017764}'
MY1_SIGNATURE = bytes([
    169, 215, 8, 225, 7, 107, 110, 9, 193, 162, 202, 214, 162, 66, 238, 211, 63, 209, 12, 196, 8, 211, 55, 27, 120,
    94, 204, 147, 53, 104, 103, 61, 60, 249, 237, 127, 103, 46, 220, 223, 10, 95, 75, 53, 245, 210, 241, 151, 191,
    41, 48, 30, 9, 16, 78, 252, 157, 206, 210, 145, 125, 133, 109, 11])


def assert_has_message(exc):
    """python3-indy sets .message from indy_get_current_error, read inside the callback."""
    message = getattr(exc, "message", None)
    assert message, "no error detail for %r" % (exc.error_code,)


def abbreviate(did_: str, verkey: str) -> str:
    raw = base58.b58decode(verkey)
    assert base58.b58encode(raw[:16]).decode() == did_
    return "~" + base58.b58encode(raw[16:]).decode()


# ---------------------------------------------------------------- wallet keys

async def test_generate_wallet_key_random_and_seeded():
    k1 = await wallet.generate_wallet_key(None)
    k2 = await wallet.generate_wallet_key(None)
    k3 = await wallet.generate_wallet_key("{}")
    assert len({k1, k2, k3}) == 3
    for k in (k1, k2, k3):
        assert len(base58.b58decode(k)) == 32

    s1 = await wallet.generate_wallet_key(json.dumps({"seed": TRUSTEE1_SEED}))
    s2 = await wallet.generate_wallet_key(json.dumps({"seed": TRUSTEE1_SEED}))
    s3 = await wallet.generate_wallet_key(json.dumps({"seed": MY1_SEED}))
    assert s1 == s2
    assert s1 != s3
    assert len(base58.b58decode(s1)) == 32


# ---------------------------------------------------------------- wallet lifecycle

@pytest.mark.parametrize("method", ["RAW", "ARGON2I_INT"])
async def test_wallet_lifecycle(tmp_path, method):
    key = await wallet.generate_wallet_key(None) if method == "RAW" else "my passphrase"
    config = wallet_config("lifecycle_" + method.lower(), tmp_path)
    creds = wallet_credentials(key, method)
    db = tmp_path / ("lifecycle_" + method.lower()) / "sqlite.db"

    await wallet.create_wallet(config, creds)
    assert db.exists()

    handle = await wallet.open_wallet(config, creds)
    assert isinstance(handle, int)
    assert await did.create_and_store_my_did(handle, json.dumps({"seed": TRUSTEE1_SEED})) == \
        (TRUSTEE1_DID, TRUSTEE1_VERKEY)
    await wallet.close_wallet(handle)

    handle = await wallet.open_wallet(config, creds)
    assert await did.key_for_local_did(handle, TRUSTEE1_DID) == TRUSTEE1_VERKEY
    await wallet.close_wallet(handle)

    await wallet.delete_wallet(config, creds)
    assert not db.exists()
    with pytest.raises(error.WalletNotFoundError):
        await wallet.open_wallet(config, creds)
    with pytest.raises(error.WalletNotFoundError):
        await wallet.delete_wallet(config, creds)


# ---------------------------------------------------------------- DIDs

async def test_create_did_with_seed(raw_wallet):
    assert await did.create_and_store_my_did(raw_wallet.handle, json.dumps({"seed": TRUSTEE1_SEED})) == \
        (TRUSTEE1_DID, TRUSTEE1_VERKEY)
    assert await did.key_for_local_did(raw_wallet.handle, TRUSTEE1_DID) == TRUSTEE1_VERKEY


async def test_create_did_random(raw_wallet):
    d1, v1 = await did.create_and_store_my_did(raw_wallet.handle, "{}")
    d2, v2 = await did.create_and_store_my_did(raw_wallet.handle, "{}")
    assert d1 != d2 and v1 != v2
    for d, v in ((d1, v1), (d2, v2)):
        assert base58.b58decode(d) == base58.b58decode(v)[:16]
        assert await did.key_for_local_did(raw_wallet.handle, d) == v


async def test_create_did_cid_true_gives_full_verkey_did(raw_wallet):
    d, v = await did.create_and_store_my_did(raw_wallet.handle, json.dumps({"seed": TRUSTEE1_SEED, "cid": True}))
    assert v == TRUSTEE1_VERKEY
    assert d == v
    assert await did.key_for_local_did(raw_wallet.handle, d) == v


async def test_create_did_with_explicit_did(raw_wallet):
    d, v = await did.create_and_store_my_did(raw_wallet.handle, json.dumps({"did": MY1_DID, "seed": MY1_SEED}))
    assert (d, v) == (MY1_DID, MY1_VERKEY)

    d, v = await did.create_and_store_my_did(raw_wallet.handle, json.dumps({"did": THEIR_DID}))
    assert d == THEIR_DID
    assert v != THEIR_VERKEY  # a fresh random key under the given DID
    assert await did.key_for_local_did(raw_wallet.handle, THEIR_DID) == v


async def test_duplicate_did_raises(raw_wallet):
    await did.create_and_store_my_did(raw_wallet.handle, json.dumps({"seed": TRUSTEE1_SEED}))
    with pytest.raises(error.DidAlreadyExistsError) as e:
        await did.create_and_store_my_did(raw_wallet.handle, json.dumps({"seed": TRUSTEE1_SEED}))
    assert e.value.error_code == ErrorCode.DidAlreadyExistsError
    assert_has_message(e.value)


async def test_key_for_unknown_did_raises_item_not_found(raw_wallet):
    with pytest.raises(error.WalletItemNotFound) as e:
        await did.key_for_local_did(raw_wallet.handle, TRUSTEE1_DID)
    assert_has_message(e.value)


async def test_store_their_did_full_and_abbreviated_verkey(raw_wallet):
    h = raw_wallet.handle
    await did.store_their_did(h, json.dumps({"did": THEIR_DID, "verkey": THEIR_VERKEY}))
    assert await did.key_for_local_did(h, THEIR_DID) == THEIR_VERKEY

    for d, v in ((TRUSTEE1_DID, TRUSTEE1_VERKEY), (MY1_DID, MY1_VERKEY)):
        abbr = abbreviate(d, v)
        await did.store_their_did(h, json.dumps({"did": d, "verkey": abbr}))
        assert await did.key_for_local_did(h, d) == v

    # Storing again updates the verkey.
    await did.store_their_did(h, json.dumps({"did": THEIR_DID, "verkey": MY1_VERKEY}))
    assert await did.key_for_local_did(h, THEIR_DID) == MY1_VERKEY


# ---------------------------------------------------------------- keys and crypto

async def test_create_key_with_seed(raw_wallet):
    assert await crypto.create_key(raw_wallet.handle, json.dumps({"seed": MY1_SEED})) == MY1_VERKEY
    # did.create_key is the same C function
    assert await did.create_key(raw_wallet.handle, json.dumps({"seed": TRUSTEE1_SEED})) == TRUSTEE1_VERKEY
    k1 = await crypto.create_key(raw_wallet.handle, "{}")
    k2 = await crypto.create_key(raw_wallet.handle, "{}")
    assert k1 != k2
    assert len(base58.b58decode(k1)) == 32


async def test_sign_and_verify(raw_wallet):
    h = raw_wallet.handle
    vk = await crypto.create_key(h, json.dumps({"seed": MY1_SEED}))
    signature = await crypto.crypto_sign(h, vk, MESSAGE)
    assert signature == MY1_SIGNATURE  # Ed25519 is deterministic: same bytes as libindy

    assert await crypto.crypto_verify(vk, MESSAGE, signature) is True
    assert await crypto.crypto_verify(vk, MESSAGE + b" ", signature) is False
    tampered = bytes([signature[0] ^ 1]) + signature[1:]
    assert await crypto.crypto_verify(vk, MESSAGE, tampered) is False

    other = await crypto.create_key(h, "{}")
    assert await crypto.crypto_verify(other, MESSAGE, signature) is False
    other_sig = await crypto.crypto_sign(h, other, b"\x00\x01binary\xff")
    assert len(other_sig) == 64
    assert await crypto.crypto_verify(other, b"\x00\x01binary\xff", other_sig) is True

    # A DID's key signs too.
    _, did_vk = await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED}))
    sig = await crypto.crypto_sign(h, did_vk, b"from a did")
    assert await crypto.crypto_verify(TRUSTEE1_VERKEY, b"from a did", sig) is True


async def test_sign_with_unknown_key_raises_item_not_found(raw_wallet):
    with pytest.raises(error.WalletItemNotFound) as e:
        await crypto.crypto_sign(raw_wallet.handle, MY1_VERKEY, MESSAGE)
    assert_has_message(e.value)


# ---------------------------------------------------------------- wallet errors

async def test_open_twice_raises_already_opened(raw_wallet):
    with pytest.raises(error.WalletAlreadyOpenedError) as e:
        await wallet.open_wallet(raw_wallet.config, raw_wallet.credentials)
    assert_has_message(e.value)


async def test_create_twice_raises_already_exists(raw_wallet):
    with pytest.raises(error.WalletAlreadyExistsError) as e:
        await wallet.create_wallet(raw_wallet.config, raw_wallet.credentials)
    assert_has_message(e.value)


@pytest.mark.parametrize("method", ["RAW", "ARGON2I_INT"])
async def test_wrong_key_raises_access_failed(tmp_path, method):
    if method == "RAW":
        right, wrong = await wallet.generate_wallet_key(None), await wallet.generate_wallet_key(None)
    else:
        right, wrong = "right passphrase", "wrong passphrase"
    config = wallet_config("wrong_key", tmp_path)
    await wallet.create_wallet(config, wallet_credentials(right, method))
    with pytest.raises(error.WalletAccessFailed) as e:
        await wallet.open_wallet(config, wallet_credentials(wrong, method))
    assert_has_message(e.value)
    with pytest.raises(error.WalletAccessFailed):
        await wallet.delete_wallet(config, wallet_credentials(wrong, method))
    handle = await wallet.open_wallet(config, wallet_credentials(right, method))
    await wallet.close_wallet(handle)
    await wallet.delete_wallet(config, wallet_credentials(right, method))


async def test_open_missing_raises_not_found(tmp_path):
    key = await wallet.generate_wallet_key(None)
    with pytest.raises(error.WalletNotFoundError) as e:
        await wallet.open_wallet(wallet_config("missing", tmp_path), wallet_credentials(key, "RAW"))
    assert_has_message(e.value)


async def test_closed_handle_raises_invalid_handle(raw_wallet):
    h = raw_wallet.handle
    await wallet.close_wallet(h)
    with pytest.raises(error.WalletInvalidHandle) as e:
        await did.create_and_store_my_did(h, "{}")
    assert_has_message(e.value)
    with pytest.raises(error.WalletInvalidHandle):
        await did.key_for_local_did(h, TRUSTEE1_DID)
    with pytest.raises(error.WalletInvalidHandle):
        await crypto.crypto_sign(h, TRUSTEE1_VERKEY, MESSAGE)
    with pytest.raises(error.WalletInvalidHandle):
        await wallet.close_wallet(h)
    with pytest.raises(error.WalletInvalidHandle):
        await did.create_and_store_my_did(987654, "{}")


async def test_bad_json_raises_invalid_structure(raw_wallet, tmp_path):
    h = raw_wallet.handle
    cases = [
        lambda: wallet.create_wallet("{bad json", raw_wallet.credentials),
        lambda: wallet.create_wallet('{"id": 5}', raw_wallet.credentials),
        lambda: wallet.open_wallet(wallet_config("x", tmp_path), "not json"),
        lambda: wallet.generate_wallet_key("{]"),
        lambda: did.create_and_store_my_did(h, '{"seed":'),
        lambda: did.store_their_did(h, "["),
        lambda: crypto.create_key(h, "nope"),
    ]
    for call in cases:
        with pytest.raises(error.CommonInvalidStructure) as e:
            await call()
        assert_has_message(e.value)


# ---------------------------------------------------------------- runtime config

async def test_set_runtime_config(raw_wallet):
    set_runtime_config(json.dumps({"crypto_thread_pool_size": 4}))  # the wrapper ignores the return code
    lib = _cdll()
    assert lib.indy_set_runtime_config(c_char_p(b'{"crypto_thread_pool_size": 4}')) == ErrorCode.Success
    assert lib.indy_set_runtime_config(c_char_p(b"{not json")) == ErrorCode.CommonInvalidStructure
    # still works afterwards
    assert await did.create_and_store_my_did(raw_wallet.handle, json.dumps({"seed": TRUSTEE1_SEED})) == \
        (TRUSTEE1_DID, TRUSTEE1_VERKEY)


# ---------------------------------------------------------------- concurrency

async def test_200_concurrent_dids(raw_wallet):
    h = raw_wallet.handle
    results = await asyncio.gather(*(did.create_and_store_my_did(h, "{}") for _ in range(200)))
    assert len(results) == 200
    assert len({d for d, _ in results}) == 200
    assert len({v for _, v in results}) == 200
    keys = await asyncio.gather(*(did.key_for_local_did(h, d) for d, _ in results))
    assert keys == [v for _, v in results]

    seeds = ["%032d" % i for i in range(200)]
    seeded = await asyncio.gather(*(did.create_and_store_my_did(h, json.dumps({"seed": s})) for s in seeds))
    assert len({d for d, _ in seeded}) == 200
    sigs = await asyncio.gather(*(crypto.crypto_sign(h, v, s.encode()) for (_, v), s in zip(seeded, seeds)))
    oks = await asyncio.gather(*(crypto.crypto_verify(v, s.encode(), sig)
                                 for (_, v), s, sig in zip(seeded, seeds, sigs)))
    assert all(oks)


# ---------------------------------------------------------------- libindy 1.16 fixture wallets

@pytest.mark.parametrize("wallet_id", ["wallet1_raw", "wallet1_argon2i_int", "wallet1_argon2i_mod"])
async def test_open_libindy_fixture_wallet(manifest, copy_fixture_wallet, wallet_id):
    entry = next(w for w in manifest["wallets"] if w["config"]["id"] == wallet_id)
    path = copy_fixture_wallet(wallet_id)
    config = wallet_config(wallet_id, path)
    creds = json.dumps(entry["credentials"])
    content = entry["content"]

    handle = await wallet.open_wallet(config, creds)
    try:
        for item in content["dids"] + content["their_dids"]:
            assert await did.key_for_local_did(handle, item["did"]) == item["verkey"]

        sig = content["signature_hex"]
        signature = await crypto.crypto_sign(handle, sig["verkey"], sig["message"].encode())
        assert signature.hex() == sig["sig"]
        assert await crypto.crypto_verify(sig["verkey"], sig["message"].encode(), signature) is True

        # seeds in the manifest are the DIDs' seeds: re-creating one is a duplicate
        with pytest.raises(error.DidAlreadyExistsError):
            await did.create_and_store_my_did(handle, json.dumps({"seed": content["dids"][0]["seed"]}))
    finally:
        await wallet.close_wallet(handle)

    wrong = dict(entry["credentials"])
    if wrong["key_derivation_method"] == "RAW":
        wrong["key"] = await wallet.generate_wallet_key(None)
    else:
        wrong["key"] += "-wrong"
    with pytest.raises(error.WalletAccessFailed):
        await wallet.open_wallet(config, json.dumps(wrong))


# ---------------------------------------------------------------- panic hook through ctypes

PANIC_CB = CFUNCTYPE(None, c_int32, c_int32)


def current_error(lib):
    p = c_char_p()
    lib.indy_get_current_error(byref(p))
    return json.loads(p.value.decode()) if p.value else None


async def test_panic_hook_via_ctypes(raw_wallet):
    lib = _cdll()
    loop = asyncio.get_running_loop()
    futures = {}
    calls = {}

    def on_done(command_handle, err):
        # runs on a library thread: read the error detail here, like python3-indy does
        detail = current_error(lib) if err else None
        calls[command_handle] = calls.get(command_handle, 0) + 1
        fut = futures[command_handle]
        loop.call_soon_threadsafe(lambda: fut.done() or fut.set_result((err, detail)))

    cb = PANIC_CB(on_done)  # keep a reference for as long as the library may call it

    base = 1_000_000
    # where = 0: panics in the entry point: synchronous 112, no callback
    futures[base] = loop.create_future()
    assert lib.indyrs_test_panic(c_int32(base), c_int32(0), cb) == ErrorCode.CommonInvalidState
    detail = current_error(lib)
    assert detail and "panic" in detail["message"].lower()

    for i, where in enumerate([1, 2, 1, 2, 2, 2, 2, 2, 1]):
        h = base + 1 + i
        futures[h] = loop.create_future()
        assert lib.indyrs_test_panic(c_int32(h), c_int32(where), cb) == ErrorCode.Success
        err, detail = await asyncio.wait_for(futures[h], 30)
        assert err == ErrorCode.CommonInvalidState, "where=%d" % where
        assert detail and "panic" in detail["message"].lower(), "where=%d: %r" % (where, detail)

    await asyncio.sleep(0.3)
    assert base not in calls, "callback fired for the synchronously refused call"
    assert all(n == 1 for n in calls.values()), calls

    # the library keeps working: executor, cheap tier and storage
    assert await did.create_and_store_my_did(raw_wallet.handle, json.dumps({"seed": TRUSTEE1_SEED})) == \
        (TRUSTEE1_DID, TRUSTEE1_VERKEY)
    vk = await crypto.create_key(raw_wallet.handle, json.dumps({"seed": MY1_SEED}))
    sigs = await asyncio.gather(*(crypto.crypto_sign(raw_wallet.handle, vk, MESSAGE) for _ in range(32)))
    assert all(s == MY1_SIGNATURE for s in sigs)
    assert await wallet.generate_wallet_key(None)
