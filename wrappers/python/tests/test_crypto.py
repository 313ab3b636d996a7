"""indy.crypto through the real library."""

import json

import pytest

from indy import crypto, did, error

from conftest import (MESSAGE, MY1_SEED, MY1_SIGNATURE, MY1_VERKEY, THEIR_VERKEY, TRUSTEE1_SEED, TRUSTEE1_VERKEY,
                      assert_detailed)


async def test_create_key_and_metadata(raw_wallet):
    h = raw_wallet.handle
    assert await crypto.create_key(h, json.dumps({"seed": MY1_SEED})) == MY1_VERKEY
    k1, k2 = await crypto.create_key(h, "{}"), await crypto.create_key(h, "{}")
    assert k1 != k2
    with pytest.raises(error.WalletItemAlreadyExists):
        await crypto.create_key(h, json.dumps({"seed": MY1_SEED}))
    with pytest.raises(error.CommonInvalidStructure):
        await crypto.create_key(h, "nope")

    with pytest.raises(error.WalletItemNotFound):
        await crypto.get_key_metadata(h, MY1_VERKEY)
    assert await crypto.set_key_metadata(h, MY1_VERKEY, '{"any": "thing"}') is None
    assert await crypto.get_key_metadata(h, MY1_VERKEY) == '{"any": "thing"}'


async def test_sign_and_verify(raw_wallet):
    h = raw_wallet.handle
    vk = await crypto.create_key(h, json.dumps({"seed": MY1_SEED}))
    signature = await crypto.crypto_sign(h, vk, MESSAGE)
    assert signature == MY1_SIGNATURE and isinstance(signature, bytes)
    assert await crypto.crypto_verify(vk, MESSAGE, signature) is True
    assert await crypto.crypto_verify(vk, MESSAGE + b" ", signature) is False
    assert await crypto.crypto_verify(vk, MESSAGE, bytes([signature[0] ^ 1]) + signature[1:]) is False
    assert await crypto.crypto_verify(vk + ":ed25519", MESSAGE, signature) is True

    binary = bytes(range(256)) + b"\x00"  # NULs and all byte values pass through intact
    sig = await crypto.crypto_sign(h, vk, binary)
    assert await crypto.crypto_verify(vk, binary, sig) is True
    with pytest.raises(error.CommonInvalidParam5):  # an empty message, as libindy
        await crypto.crypto_sign(h, vk, b"")

    with pytest.raises(error.WalletItemNotFound) as e:
        await crypto.crypto_sign(h, TRUSTEE1_VERKEY, MESSAGE)
    assert_detailed(e.value)
    with pytest.raises(error.CommonInvalidStructure):
        await crypto.crypto_verify("short", MESSAGE, signature)
    with pytest.raises(error.UnknownCryptoTypeError):
        await crypto.crypto_verify(vk + ":rsa", MESSAGE, signature)


async def test_auth_crypt_round_trip(raw_wallet):
    h = raw_wallet.handle
    sender = await crypto.create_key(h, json.dumps({"seed": MY1_SEED}))
    _, recipient = await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED}))
    encrypted = await crypto.auth_crypt(h, sender, recipient, MESSAGE)
    assert isinstance(encrypted, bytes) and MESSAGE not in encrypted
    res = await crypto.auth_decrypt(h, recipient, encrypted)
    assert res == (sender, MESSAGE) and isinstance(res, tuple)
    with pytest.raises(error.WalletItemNotFound):  # the recipient's key must be in the wallet
        await crypto.auth_decrypt(h, THEIR_VERKEY, encrypted)
    with pytest.raises(error.CommonInvalidStructure):  # not for this key
        await crypto.auth_decrypt(h, await crypto.create_key(h, "{}"), encrypted)
    with pytest.raises(error.IndyError):
        await crypto.auth_decrypt(h, recipient, b"garbage")


async def test_anon_crypt_round_trip(raw_wallet):
    h = raw_wallet.handle
    recipient = await crypto.create_key(h, json.dumps({"seed": MY1_SEED}))
    encrypted = await crypto.anon_crypt(recipient, MESSAGE)
    assert await crypto.anon_decrypt(h, recipient, encrypted) == MESSAGE
    assert await crypto.anon_decrypt(h, recipient, await crypto.anon_crypt(recipient, b"\x00")) == b"\x00"
    with pytest.raises(error.CommonInvalidParam4):  # an empty message, as libindy
        await crypto.anon_crypt(recipient, b"")
    with pytest.raises(error.CommonInvalidStructure):
        await crypto.anon_decrypt(h, recipient, b"too short")
    with pytest.raises(error.CommonInvalidStructure):
        await crypto.anon_crypt("bad key", MESSAGE)


@pytest.mark.parametrize("authenticated", [True, False])
async def test_pack_unpack(raw_wallet, authenticated):
    h = raw_wallet.handle
    sender = await crypto.create_key(h, "{}")
    recipients = [await crypto.create_key(h, "{}") for _ in range(3)]
    packed = await crypto.pack_message(h, "hello ✓", recipients, sender if authenticated else None)
    assert isinstance(packed, bytes)
    jwe = json.loads(packed)
    assert {"protected", "iv", "ciphertext", "tag"} <= set(jwe)
    for recipient in recipients:
        unpacked = json.loads(await crypto.unpack_message(h, packed))
        assert unpacked["message"] == "hello ✓"
        assert unpacked["recipient_verkey"] in recipients
        assert unpacked.get("sender_verkey") == (sender if authenticated else None)
    assert json.loads(await crypto.unpack_message(h, await crypto.pack_message(h, b"bytes too", recipients[:1],
                                                                                None)))["message"] == "bytes too"

    with pytest.raises(error.IndyError):
        await crypto.unpack_message(h, b"{}")
    with pytest.raises(error.CommonInvalidStructure):
        await crypto.pack_message(h, "x", ["not a key"], None)
