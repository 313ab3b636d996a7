"""DID, crypto and pairwise functions through the official python3-indy 1.16 wrapper (unchanged),
with interop checks against an independent PyNaCl (libsodium) implementation of libindy's
formats: anon_crypt (crypto_box_seal), the legacy auth_crypt ComboBox, and DIDComm v1
pack/unpack (Aries RFC 0019 as libindy writes it).

Secret keys on the Python side come from known seeds: ``did.create_key(wallet, {"seed": s})``
and ``nacl.signing.SigningKey(s)`` derive the same Ed25519 keypair.
"""
import base64
import json
import os

import base58
import msgpack
import pytest
from nacl.bindings import (crypto_aead_chacha20poly1305_ietf_decrypt,
                           crypto_aead_chacha20poly1305_ietf_encrypt)
from nacl.public import Box, PrivateKey, PublicKey, SealedBox
from nacl.signing import SigningKey, VerifyKey

from indy import crypto, did, error, pairwise
from indy.error import ErrorCode

from conftest import TRUSTEE1_DID, TRUSTEE1_SEED, TRUSTEE1_VERKEY

MY1_SEED = "00000000000000000000000000000My1"
MY1_DID = "VsKV7grR1BUE29mG2Fm2kX"
MY1_VERKEY = "GjZWsBLgZCR18aL468JAT7w9CZRiBnpxUPPgyQxh4voa"
MY2_SEED = "00000000000000000000000000000My2"
STEWARD1_SEED = "000000000000000000000000Steward1"
THEIR_SEED = "00000000000000000000000000Their1"
# libindy's own test constant (VERKEY_MY2-style): 32 bytes that are not a valid Ed25519 point.
LIBINDY_NON_POINT_DID = "8wZcEriaNLNKtteJvx7f8i"
LIBINDY_NON_POINT_VERKEY = "5L2HBnzbu6Auh2pkDRbFt5f4prvgE2LzknkuYLsKkacp"

MESSAGE = b'{"reqId":1496822211362017764}'
TEXT = 'Hello, DIDComm \u2603 \U0001F600 "quoted"'

# Malformed inputs: not base58 (0, O, I, l are outside the alphabet) or a wrong length.
NOT_BASE58 = "0OIl0OIl0OIl0OIl0OIl0O"
SHORT_DID = base58.b58encode(b"\x01" * 10).decode()     # decodes to 10 bytes: not 16 or 32
SHORT_VERKEY = base58.b58encode(b"\x02" * 20).decode()  # decodes to 20 bytes: not 32
BAD_DIDS = [NOT_BASE58, SHORT_DID]
BAD_VERKEYS = [NOT_BASE58, SHORT_VERKEY, "~" + NOT_BASE58]


def assert_has_message(exc):
    assert getattr(exc, "message", None), "no error detail for %r" % (exc.error_code,)


async def expect(exc_class, coro):
    """Awaits ``coro`` and checks it raised ``exc_class`` with an error detail."""
    with pytest.raises(exc_class) as e:
        await coro
    assert_has_message(e.value)
    return e.value


# ---------------------------------------------------------------- independent PyNaCl helpers

def keypair(seed: str):
    """(verkey, SigningKey) for a 32-character seed, as libindy derives them."""
    sk = SigningKey(seed.encode())
    return base58.b58encode(bytes(sk.verify_key)).decode(), sk


THEIR_VERKEY = base58.b58encode(bytes(SigningKey(THEIR_SEED.encode()).verify_key)).decode()
THEIR_DID = base58.b58encode(base58.b58decode(THEIR_VERKEY)[:16]).decode()


def x_priv(sk: SigningKey) -> PrivateKey:
    return sk.to_curve25519_private_key()


def x_pub(verkey: str) -> PublicKey:
    return VerifyKey(base58.b58decode(verkey)).to_curve25519_public_key()


def b64url(data: bytes, pad: bool = True) -> str:
    s = base64.urlsafe_b64encode(data).decode()
    return s if pad else s.rstrip("=")


def b64url_decode(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def assert_padded_b64url(s: str, nbytes=None):
    """libindy writes base64url WITH padding."""
    assert isinstance(s, str) and len(s) % 4 == 0, s
    assert "+" not in s and "/" not in s, s
    raw = base64.urlsafe_b64decode(s)  # strict about padding
    assert b64url(raw) == s
    if nbytes is not None:
        assert len(raw) == nbytes, (s, len(raw))
    return raw


def py_auth_crypt(sender_vk: str, sender_sk: SigningKey, recipient_vk: str, msg: bytes) -> bytes:
    """libindy's legacy auth_crypt: crypto_box in a MessagePack ComboBox, sealed to the recipient."""
    nonce = os.urandom(24)
    ct = Box(x_priv(sender_sk), x_pub(recipient_vk)).encrypt(msg, nonce).ciphertext
    combo = msgpack.packb({"msg": base64.b64encode(ct).decode(), "sender": sender_vk,
                           "nonce": base64.b64encode(nonce).decode()})
    return SealedBox(x_pub(recipient_vk)).encrypt(combo)


def py_auth_decrypt(recipient_sk: SigningKey, data: bytes):
    combo_raw = SealedBox(x_priv(recipient_sk)).decrypt(data)
    combo = msgpack.unpackb(combo_raw, raw=False)
    nonce = base64.b64decode(combo["nonce"], validate=True)
    ct = base64.b64decode(combo["msg"], validate=True)
    msg = Box(x_priv(recipient_sk), x_pub(combo["sender"])).decrypt(ct, nonce)
    return combo, nonce, msg


def py_pack(message: str, recipient_vks, sender=None, pad=True) -> bytes:
    """DIDComm v1 pack as libindy does it, written independently with libsodium."""
    cek = os.urandom(32)
    recipients = []
    for vk in recipient_vks:
        if sender is not None:
            sender_vk, sender_sk = sender
            nonce = os.urandom(24)
            enc_cek = Box(x_priv(sender_sk), x_pub(vk)).encrypt(cek, nonce).ciphertext
            enc_sender = SealedBox(x_pub(vk)).encrypt(sender_vk.encode())
            header = {"kid": vk, "sender": b64url(enc_sender, pad), "iv": b64url(nonce, pad)}
        else:
            enc_cek = SealedBox(x_pub(vk)).encrypt(cek)
            header = {"kid": vk}
        recipients.append({"encrypted_key": b64url(enc_cek, pad), "header": header})
    protected = b64url(json.dumps({
        "enc": "xchacha20poly1305_ietf", "typ": "JWM/1.0",
        "alg": "Authcrypt" if sender is not None else "Anoncrypt",
        "recipients": recipients,
    }).encode(), pad)
    iv = os.urandom(12)
    ct_tag = crypto_aead_chacha20poly1305_ietf_encrypt(message.encode(), protected.encode(), iv, cek)
    return json.dumps({"protected": protected, "iv": b64url(iv, pad),
                       "ciphertext": b64url(ct_tag[:-16], pad), "tag": b64url(ct_tag[-16:], pad)}).encode()


def py_unpack(jwe_bytes: bytes, verkey: str, sk: SigningKey):
    """Independent DIDComm v1 unpack: answers (message, sender_verkey or None)."""
    jwe = json.loads(jwe_bytes)
    protected = json.loads(b64url_decode(jwe["protected"]))
    rec = next(r for r in protected["recipients"] if r["header"]["kid"] == verkey)
    priv = x_priv(sk)
    if protected["alg"] == "Authcrypt":
        sender_vk = SealedBox(priv).decrypt(b64url_decode(rec["header"]["sender"])).decode()
        cek = Box(priv, x_pub(sender_vk)).decrypt(b64url_decode(rec["encrypted_key"]),
                                                  b64url_decode(rec["header"]["iv"]))
    else:
        assert protected["alg"] == "Anoncrypt"
        sender_vk = None
        cek = SealedBox(priv).decrypt(b64url_decode(rec["encrypted_key"]))
    assert len(cek) == 32
    msg = crypto_aead_chacha20poly1305_ietf_decrypt(
        b64url_decode(jwe["ciphertext"]) + b64url_decode(jwe["tag"]),
        jwe["protected"].encode(), b64url_decode(jwe["iv"]), cek)
    return msg.decode(), sender_vk


def flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1:]


def random_verkey() -> str:
    return base58.b58encode(bytes(SigningKey.generate().verify_key)).decode()


# ================================================================ DID

async def test_replace_keys_start_and_apply(raw_wallet):
    h = raw_wallet.handle
    d, old_vk = await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED}))
    assert (d, old_vk) == (TRUSTEE1_DID, TRUSTEE1_VERKEY)

    new_vk = await did.replace_keys_start(h, d, json.dumps({"seed": MY1_SEED}))
    assert new_vk == MY1_VERKEY  # deterministic from the seed

    # between start and apply: the old key is still the DID's key; the new one is the temp key
    assert await did.key_for_local_did(h, d) == old_vk
    assert json.loads(await did.get_my_did_with_meta(h, d)) == \
        {"did": d, "verkey": old_vk, "tempVerkey": new_vk, "metadata": None}
    assert json.loads(await did.list_my_dids_with_meta(h)) == \
        [{"did": d, "verkey": old_vk, "tempVerkey": new_vk, "metadata": None}]
    # the new key is a usable wallet key already
    sig = await crypto.crypto_sign(h, new_vk, MESSAGE)
    assert await crypto.crypto_verify(new_vk, MESSAGE, sig)

    await did.replace_keys_apply(h, d)
    assert await did.key_for_local_did(h, d) == new_vk
    assert await did.key_for_did(-1, h, d) == new_vk
    assert json.loads(await did.get_my_did_with_meta(h, d)) == \
        {"did": d, "verkey": new_vk, "tempVerkey": None, "metadata": None}

    # nothing left to apply
    await expect(error.WalletItemNotFound, did.replace_keys_apply(h, d))

    # a random rotation: a fresh 32-byte key, then apply
    rnd_vk = await did.replace_keys_start(h, d, "{}")
    assert len(base58.b58decode(rnd_vk)) == 32 and rnd_vk not in (old_vk, new_vk)
    await did.replace_keys_apply(h, d)
    assert await did.key_for_local_did(h, d) == rnd_vk


async def test_replace_keys_errors(raw_wallet):
    h = raw_wallet.handle
    d, _ = await did.create_and_store_my_did(h, "{}")
    await expect(error.WalletItemNotFound, did.replace_keys_start(h, MY1_DID, "{}"))
    await expect(error.WalletItemNotFound, did.replace_keys_apply(h, MY1_DID))
    await expect(error.WalletItemNotFound, did.replace_keys_apply(h, d))  # no start
    for bad in BAD_DIDS:
        await expect(error.CommonInvalidStructure, did.replace_keys_start(h, bad, "{}"))
        await expect(error.CommonInvalidStructure, did.replace_keys_apply(h, bad))
    await expect(error.CommonInvalidStructure, did.replace_keys_start(h, d, "{not json"))
    await expect(error.CommonInvalidStructure, did.replace_keys_start(h, d, json.dumps({"seed": "too short"})))
    await expect(error.UnknownCryptoTypeError,
                 did.replace_keys_start(h, d, json.dumps({"crypto_type": "secp256k1"})))
    # a DID stored as "theirs" is not mine
    await did.store_their_did(h, json.dumps({"did": THEIR_DID, "verkey": THEIR_VERKEY}))
    await expect(error.WalletItemNotFound, did.replace_keys_start(h, THEIR_DID, "{}"))


async def test_did_metadata(raw_wallet):
    h = raw_wallet.handle
    d, _ = await did.create_and_store_my_did(h, "{}")
    await expect(error.WalletItemNotFound, did.get_did_metadata(h, d))

    await did.set_did_metadata(h, d, "first")
    assert await did.get_did_metadata(h, d) == "first"
    meta = json.dumps({"name": "x \u00e9", "n": [1, 2]})
    await did.set_did_metadata(h, d, meta)  # replaces
    assert await did.get_did_metadata(h, d) == meta
    await did.set_did_metadata(h, d, "")  # empty is allowed
    assert await did.get_did_metadata(h, d) == ""

    # libindy upserts without checking the DID is in the wallet; their DIDs take metadata too
    await did.set_did_metadata(h, MY1_DID, "not mine")
    assert await did.get_did_metadata(h, MY1_DID) == "not mine"
    await did.store_their_did(h, json.dumps({"did": THEIR_DID, "verkey": THEIR_VERKEY}))
    await did.set_did_metadata(h, THEIR_DID, "theirs")
    assert await did.get_did_metadata(h, THEIR_DID) == "theirs"

    for bad in BAD_DIDS:
        await expect(error.CommonInvalidStructure, did.set_did_metadata(h, bad, "m"))
        await expect(error.CommonInvalidStructure, did.get_did_metadata(h, bad))


async def test_get_my_did_with_meta(raw_wallet):
    h = raw_wallet.handle
    await did.create_and_store_my_did(h, json.dumps({"seed": MY1_SEED}))
    raw = await did.get_my_did_with_meta(h, MY1_DID)
    assert json.loads(raw) == {"did": MY1_DID, "verkey": MY1_VERKEY, "tempVerkey": None, "metadata": None}

    await did.set_did_metadata(h, MY1_DID, "meta")
    assert json.loads(await did.get_my_did_with_meta(h, MY1_DID)) == \
        {"did": MY1_DID, "verkey": MY1_VERKEY, "tempVerkey": None, "metadata": "meta"}
    await did.set_did_metadata(h, MY1_DID, "")
    assert json.loads(await did.get_my_did_with_meta(h, MY1_DID))["metadata"] == ""

    await expect(error.WalletItemNotFound, did.get_my_did_with_meta(h, TRUSTEE1_DID))
    await did.store_their_did(h, json.dumps({"did": TRUSTEE1_DID, "verkey": TRUSTEE1_VERKEY}))
    await expect(error.WalletItemNotFound, did.get_my_did_with_meta(h, TRUSTEE1_DID))  # theirs, not mine
    for bad in BAD_DIDS:
        await expect(error.CommonInvalidStructure, did.get_my_did_with_meta(h, bad))


async def test_list_my_dids_with_meta(raw_wallet):
    h = raw_wallet.handle
    assert json.loads(await did.list_my_dids_with_meta(h)) == []

    d1, v1 = await did.create_and_store_my_did(h, json.dumps({"seed": MY1_SEED}))
    d2, v2 = await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED}))
    d3, v3 = await did.create_and_store_my_did(h, json.dumps({"seed": STEWARD1_SEED, "cid": True}))
    await did.set_did_metadata(h, d1, "m1")
    tmp = await did.replace_keys_start(h, d2, "{}")
    # none of these is one of my DIDs
    await did.store_their_did(h, json.dumps({"did": THEIR_DID, "verkey": THEIR_VERKEY}))
    await crypto.create_key(h, json.dumps({"seed": MY2_SEED}))
    await did.set_did_metadata(h, THEIR_DID, "their meta")

    listed = json.loads(await did.list_my_dids_with_meta(h))
    assert isinstance(listed, list)
    expected = [
        {"did": d1, "verkey": v1, "tempVerkey": None, "metadata": "m1"},
        {"did": d2, "verkey": v2, "tempVerkey": tmp, "metadata": None},
        {"did": d3, "verkey": v3, "tempVerkey": None, "metadata": None},
    ]
    key = lambda e: e["did"]  # noqa: E731
    assert sorted(listed, key=key) == sorted(expected, key=key)


async def test_abbreviate_verkey(raw_wallet):
    h = raw_wallet.handle
    for did_json in (json.dumps({"seed": MY1_SEED}), json.dumps({"seed": TRUSTEE1_SEED}), "{}"):
        d, vk = await did.create_and_store_my_did(h, did_json)
        assert await did.abbreviate_verkey(d, vk) == "~" + base58.b58encode(base58.b58decode(vk)[16:]).decode()

    # round trip: abbreviate, store their DID with the abbreviated key, read the full key back
    their_vk, _ = keypair(STEWARD1_SEED)
    their = base58.b58encode(base58.b58decode(their_vk)[:16]).decode()
    abbr = await did.abbreviate_verkey(their, their_vk)
    assert abbr.startswith("~") and len(base58.b58decode(abbr[1:])) == 16
    await did.store_their_did(h, json.dumps({"did": their, "verkey": abbr}))
    assert await did.key_for_local_did(h, their) == their_vk
    assert await did.key_for_did(-1, h, their) == their_vk

    # not derivable from the DID: the full key comes back
    assert await did.abbreviate_verkey(MY1_DID, TRUSTEE1_VERKEY) == TRUSTEE1_VERKEY
    d, vk = await did.create_and_store_my_did(h, json.dumps({"did": THEIR_DID}))
    assert await did.abbreviate_verkey(d, vk) == vk
    # a 32-byte cryptonym DID never abbreviates
    cid, cvk = await did.create_and_store_my_did(h, json.dumps({"seed": STEWARD1_SEED, "cid": True}))
    assert cid == cvk
    assert await did.abbreviate_verkey(cid, cvk) == cvk
    # fully qualified: did:sov abbreviates, other methods do not
    assert await did.abbreviate_verkey("did:sov:" + MY1_DID, MY1_VERKEY) == \
        "~" + base58.b58encode(base58.b58decode(MY1_VERKEY)[16:]).decode()
    assert await did.abbreviate_verkey("did:peer:" + MY1_DID, MY1_VERKEY) == MY1_VERKEY

    for bad in BAD_DIDS:
        await expect(error.CommonInvalidStructure, did.abbreviate_verkey(bad, MY1_VERKEY))
    for bad in (NOT_BASE58, SHORT_VERKEY):
        await expect(error.CommonInvalidStructure, did.abbreviate_verkey(MY1_DID, bad))
    await expect(error.UnknownCryptoTypeError, did.abbreviate_verkey(MY1_DID, MY1_VERKEY + ":secp256k1"))


async def test_store_their_did_bad_inputs(raw_wallet):
    h = raw_wallet.handle
    abbr = "~" + base58.b58encode(base58.b58decode(MY1_VERKEY)[16:]).decode()
    # an abbreviated key with a 32-byte cryptonym DID expands to 48 bytes
    cid = base58.b58encode(base58.b58decode(TRUSTEE1_VERKEY)).decode()
    await expect(error.CommonInvalidStructure, did.store_their_did(h, json.dumps({"did": cid, "verkey": abbr})))
    # a cryptonym DID alone is its own key; a 16-byte DID alone is not a key
    await did.store_their_did(h, json.dumps({"did": cid}))
    assert await did.key_for_local_did(h, cid) == TRUSTEE1_VERKEY
    await expect(error.CommonInvalidStructure, did.store_their_did(h, json.dumps({"did": MY1_DID})))
    for bad in BAD_VERKEYS:
        await expect(error.CommonInvalidStructure,
                     did.store_their_did(h, json.dumps({"did": MY1_DID, "verkey": bad})))
    for bad in BAD_DIDS:
        await expect(error.CommonInvalidStructure,
                     did.store_their_did(h, json.dumps({"did": bad, "verkey": MY1_VERKEY})))
    await expect(error.UnknownCryptoTypeError,
                 did.store_their_did(h, json.dumps({"did": MY1_DID, "verkey": MY1_VERKEY + ":secp256k1"})))
    await expect(error.CommonInvalidStructure, did.store_their_did(h, json.dumps({"verkey": MY1_VERKEY})))
    # nothing was stored by the failures
    await expect(error.WalletItemNotFound, did.key_for_local_did(h, MY1_DID))


async def test_store_their_did_checks_length_not_curve_point(raw_wallet):
    """libindy 1.16's ED25519CryptoType::validate_key is a no-op ("TODO: FIXME: Validate key"):
    any 32 bytes are a storable verkey, e.g. libindy's own test constant, which is not a point."""
    h = raw_wallet.handle
    with pytest.raises(Exception):
        VerifyKey(base58.b58decode(LIBINDY_NON_POINT_VERKEY)).to_curve25519_public_key()
    await did.store_their_did(h, json.dumps({"did": LIBINDY_NON_POINT_DID, "verkey": LIBINDY_NON_POINT_VERKEY}))
    assert await did.key_for_local_did(h, LIBINDY_NON_POINT_DID) == LIBINDY_NON_POINT_VERKEY
    # and an abbreviation that expands to a non-point
    abbr = "~" + base58.b58encode(base58.b58decode(LIBINDY_NON_POINT_VERKEY)[16:]).decode()
    await did.store_their_did(h, json.dumps({"did": LIBINDY_NON_POINT_DID, "verkey": abbr}))
    assert await did.key_for_local_did(h, LIBINDY_NON_POINT_DID) == LIBINDY_NON_POINT_VERKEY


async def test_qualify_did(raw_wallet):
    h = raw_wallet.handle
    d, vk = await did.create_and_store_my_did(h, json.dumps({"seed": MY1_SEED}))
    await did.set_did_metadata(h, d, "meta")
    tmp = await did.replace_keys_start(h, d, json.dumps({"seed": TRUSTEE1_SEED}))
    await did.store_their_did(h, json.dumps({"did": THEIR_DID, "verkey": THEIR_VERKEY}))
    await pairwise.create_pairwise(h, THEIR_DID, d, "pw")

    q = await did.qualify_did(h, d, "peer")
    assert q == "did:peer:" + d
    assert await did.key_for_local_did(h, q) == vk
    assert await did.key_for_did(-1, h, q) == vk
    await expect(error.WalletItemNotFound, did.key_for_local_did(h, d))  # the old DID is gone
    await expect(error.WalletItemNotFound, did.get_my_did_with_meta(h, d))
    await expect(error.WalletItemNotFound, did.get_did_metadata(h, d))

    # metadata, temp key and pairwise my_did moved along
    assert await did.get_did_metadata(h, q) == "meta"
    assert json.loads(await did.get_my_did_with_meta(h, q)) == \
        {"did": q, "verkey": vk, "tempVerkey": tmp, "metadata": "meta"}
    assert json.loads(await did.list_my_dids_with_meta(h)) == \
        [{"did": q, "verkey": vk, "tempVerkey": tmp, "metadata": "meta"}]
    assert json.loads(await pairwise.get_pairwise(h, THEIR_DID)) == {"my_did": q, "metadata": "pw"}
    assert [json.loads(p) for p in json.loads(await pairwise.list_pairwise(h))] == \
        [{"my_did": q, "their_did": THEIR_DID, "metadata": "pw"}]

    # the qualified DID works with replace keys
    await did.replace_keys_apply(h, q)
    assert await did.key_for_local_did(h, q) == tmp == TRUSTEE1_VERKEY

    # re-qualifying replaces the method
    q2 = await did.qualify_did(h, q, "sov")
    assert q2 == "did:sov:" + d
    assert await did.key_for_local_did(h, q2) == tmp
    await expect(error.WalletItemNotFound, did.key_for_local_did(h, q))


async def test_qualify_did_errors(raw_wallet):
    h = raw_wallet.handle
    d, _ = await did.create_and_store_my_did(h, "{}")
    await expect(error.WalletItemNotFound, did.qualify_did(h, MY1_DID, "peer"))
    await did.store_their_did(h, json.dumps({"did": THEIR_DID, "verkey": THEIR_VERKEY}))
    await expect(error.WalletItemNotFound, did.qualify_did(h, THEIR_DID, "peer"))  # not mine
    for bad in BAD_DIDS:
        await expect(error.CommonInvalidStructure, did.qualify_did(h, bad, "peer"))
    assert await did.qualify_did(h, d, "peer2") == "did:peer2:" + d


async def test_qualify_did_moves_endpoint(raw_wallet):
    """libindy's qualify_did moves DidMetadata, Endpoint, TemporaryDid and pairwise my_did."""
    h = raw_wallet.handle
    d, _ = await did.create_and_store_my_did(h, "{}")
    await did.set_endpoint_for_did(h, d, "10.0.0.1:9700", TRUSTEE1_VERKEY)
    q = await did.qualify_did(h, d, "peer")
    assert await did.get_endpoint_for_did(h, -1, q) == ("10.0.0.1:9700", TRUSTEE1_VERKEY)
    await expect(error.PoolLedgerInvalidPoolHandle, did.get_endpoint_for_did(h, -1, d))


async def test_qualify_did_validates_method(raw_wallet):
    """The method is a libindy DidMethod: ^[a-z0-9]+$, else CommonInvalidStructure."""
    h = raw_wallet.handle
    d, vk = await did.create_and_store_my_did(h, "{}")
    for bad_method in ("Peer", "did:peer", "pe er", "pe-er", "peer:x"):
        await expect(error.CommonInvalidStructure, did.qualify_did(h, d, bad_method))
    assert await did.key_for_local_did(h, d) == vk  # unchanged


async def test_key_for_did_from_wallet(raw_wallet):
    h = raw_wallet.handle
    d, vk = await did.create_and_store_my_did(h, json.dumps({"seed": MY1_SEED}))
    await did.store_their_did(h, json.dumps({"did": THEIR_DID, "verkey": THEIR_VERKEY}))
    for pool_handle in (-1, 0, 12345):
        assert await did.key_for_did(pool_handle, h, d) == vk
        assert await did.key_for_did(pool_handle, h, THEIR_DID) == THEIR_VERKEY
    assert await did.key_for_local_did(h, THEIR_DID) == THEIR_VERKEY

    # not in the wallet: libindy would ask the pool, and there is no such pool
    await expect(error.PoolLedgerInvalidPoolHandle, did.key_for_did(-1, h, TRUSTEE1_DID))
    await expect(error.WalletItemNotFound, did.key_for_local_did(h, TRUSTEE1_DID))
    for bad in BAD_DIDS:
        await expect(error.CommonInvalidStructure, did.key_for_did(-1, h, bad))
        await expect(error.CommonInvalidStructure, did.key_for_local_did(h, bad))
    await expect(error.WalletInvalidHandle, did.key_for_did(-1, h + 1000, d))


async def test_endpoint_for_did(raw_wallet):
    h = raw_wallet.handle
    d, vk = await did.create_and_store_my_did(h, "{}")
    await did.set_endpoint_for_did(h, d, "127.0.0.1:9700", vk)
    assert await did.get_endpoint_for_did(h, -1, d) == ("127.0.0.1:9700", vk)
    await did.set_endpoint_for_did(h, d, "https://agent.example/endpoint", TRUSTEE1_VERKEY)  # replaces
    assert await did.get_endpoint_for_did(h, 0, d) == ("https://agent.example/endpoint", TRUSTEE1_VERKEY)

    # libindy stores endpoints for any well-formed DID (theirs, or not in the wallet at all)
    await did.set_endpoint_for_did(h, THEIR_DID, "10.0.0.2:80", THEIR_VERKEY)
    assert await did.get_endpoint_for_did(h, -1, THEIR_DID) == ("10.0.0.2:80", THEIR_VERKEY)

    await expect(error.PoolLedgerInvalidPoolHandle, did.get_endpoint_for_did(h, -1, MY1_DID))
    for bad in BAD_DIDS:
        await expect(error.CommonInvalidStructure, did.set_endpoint_for_did(h, bad, "a:1", vk))
        await expect(error.CommonInvalidStructure, did.get_endpoint_for_did(h, -1, bad))
    for bad in (NOT_BASE58, SHORT_VERKEY):
        await expect(error.CommonInvalidStructure, did.set_endpoint_for_did(h, d, "a:1", bad))
    await expect(error.UnknownCryptoTypeError, did.set_endpoint_for_did(h, d, "a:1", vk + ":secp256k1"))
    # the failed sets changed nothing
    assert await did.get_endpoint_for_did(h, -1, d) == ("https://agent.example/endpoint", TRUSTEE1_VERKEY)


# ================================================================ crypto: key metadata

async def test_key_metadata(raw_wallet):
    h = raw_wallet.handle
    vk = await crypto.create_key(h, "{}")
    await expect(error.WalletItemNotFound, crypto.get_key_metadata(h, vk))
    await crypto.set_key_metadata(h, vk, "first")
    assert await crypto.get_key_metadata(h, vk) == "first"
    await did.set_key_metadata(h, vk, '{"k": "v"}')  # did.* calls the same C function
    assert await did.get_key_metadata(h, vk) == '{"k": "v"}'
    await crypto.set_key_metadata(h, vk, "")
    assert await crypto.get_key_metadata(h, vk) == ""

    # a DID's key takes metadata too; metadata for a key not in the wallet is stored as well (libindy upserts)
    _, dvk = await did.create_and_store_my_did(h, "{}")
    await crypto.set_key_metadata(h, dvk, "did key")
    assert await crypto.get_key_metadata(h, dvk) == "did key"
    await crypto.set_key_metadata(h, MY1_VERKEY, "unknown key")
    assert await crypto.get_key_metadata(h, MY1_VERKEY) == "unknown key"
    await expect(error.WalletItemNotFound, crypto.get_key_metadata(h, TRUSTEE1_VERKEY))

    for bad in (NOT_BASE58, SHORT_VERKEY):
        await expect(error.CommonInvalidStructure, crypto.set_key_metadata(h, bad, "m"))
        await expect(error.CommonInvalidStructure, crypto.get_key_metadata(h, bad))
    await expect(error.UnknownCryptoTypeError, crypto.set_key_metadata(h, vk + ":secp256k1", "m"))
    await expect(error.UnknownCryptoTypeError, crypto.get_key_metadata(h, vk + ":secp256k1"))


# ================================================================ crypto: anon_crypt

async def test_anon_crypt_round_trip(raw_wallet):
    h = raw_wallet.handle
    vk = await crypto.create_key(h, "{}")
    for msg in (MESSAGE, b"\x00\xff binary \x01", b"x" * 70000):
        enc = await crypto.anon_crypt(vk, msg)
        assert len(enc) == len(msg) + 48  # crypto_box_SEALBYTES
        assert await crypto.anon_decrypt(h, vk, enc) == msg
    e1, e2 = await crypto.anon_crypt(vk, MESSAGE), await crypto.anon_crypt(vk, MESSAGE)
    assert e1 != e2  # ephemeral sender key


async def test_anon_crypt_errors(raw_wallet):
    h = raw_wallet.handle
    vk = await crypto.create_key(h, "{}")
    other = await crypto.create_key(h, "{}")
    enc = await crypto.anon_crypt(vk, MESSAGE)

    for bad in (NOT_BASE58, SHORT_VERKEY):
        await expect(error.CommonInvalidStructure, crypto.anon_crypt(bad, MESSAGE))
        await expect(error.CommonInvalidStructure, crypto.anon_decrypt(h, bad, enc))
    await expect(error.UnknownCryptoTypeError, crypto.anon_crypt(vk + ":secp256k1", MESSAGE))
    await expect(error.UnknownCryptoTypeError, crypto.anon_decrypt(h, vk + ":secp256k1", enc))

    await expect(error.WalletItemNotFound, crypto.anon_decrypt(h, MY1_VERKEY, enc))  # key not in the wallet
    await expect(error.CommonInvalidStructure, crypto.anon_decrypt(h, other, enc))  # wrong key
    for broken in (enc[:-1], enc[:47], enc[:10], flip(enc, 0), flip(enc, 40), flip(enc, len(enc) - 1),
                   b"not encrypted at all"):
        await expect(error.CommonInvalidStructure, crypto.anon_decrypt(h, vk, broken))
    assert await crypto.anon_decrypt(h, vk, enc) == MESSAGE


async def test_anon_crypt_interop_pynacl(raw_wallet):
    h = raw_wallet.handle
    vk, sk = keypair(MY2_SEED)
    assert await did.create_key(h, json.dumps({"seed": MY2_SEED})) == vk

    # ours -> PyNaCl
    enc = await crypto.anon_crypt(vk, MESSAGE)
    assert SealedBox(x_priv(sk)).decrypt(enc) == MESSAGE
    # PyNaCl -> ours
    for msg in (MESSAGE, TEXT.encode()):
        assert await crypto.anon_decrypt(h, vk, SealedBox(x_pub(vk)).encrypt(msg)) == msg
    # PyNaCl's own conversion of the verkey agrees with the private key's public half
    assert bytes(x_pub(vk)) == bytes(x_priv(sk).public_key)


# ================================================================ crypto: auth_crypt

async def test_auth_crypt_round_trip(raw_wallet):
    h = raw_wallet.handle
    sender = await crypto.create_key(h, json.dumps({"seed": MY1_SEED}))
    _, recipient = await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED}))
    for msg in (MESSAGE, b"\x00\x01\xfe\xff", b"y" * 50000):
        enc = await crypto.auth_crypt(h, sender, recipient, msg)
        assert await crypto.auth_decrypt(h, recipient, enc) == (sender, msg)
    # to a key that is not in the wallet (theirs): only the sender's secret is needed
    their_vk, their_sk = keypair(STEWARD1_SEED)
    enc = await crypto.auth_crypt(h, sender, their_vk, MESSAGE)
    combo, _, msg = py_auth_decrypt(their_sk, enc)
    assert (combo["sender"], msg) == (sender, MESSAGE)


async def test_auth_crypt_errors(raw_wallet):
    h = raw_wallet.handle
    sender = await crypto.create_key(h, "{}")
    recipient = await crypto.create_key(h, "{}")
    other = await crypto.create_key(h, "{}")
    enc = await crypto.auth_crypt(h, sender, recipient, MESSAGE)

    await expect(error.WalletItemNotFound, crypto.auth_crypt(h, MY1_VERKEY, recipient, MESSAGE))
    for bad in (NOT_BASE58, SHORT_VERKEY):
        await expect(error.CommonInvalidStructure, crypto.auth_crypt(h, sender, bad, MESSAGE))
        await expect(error.CommonInvalidStructure, crypto.auth_crypt(h, bad, recipient, MESSAGE))
        await expect(error.CommonInvalidStructure, crypto.auth_decrypt(h, bad, enc))
    await expect(error.UnknownCryptoTypeError, crypto.auth_crypt(h, sender, recipient + ":secp256k1", MESSAGE))
    await expect(error.UnknownCryptoTypeError, crypto.auth_decrypt(h, recipient + ":secp256k1", enc))

    await expect(error.WalletItemNotFound, crypto.auth_decrypt(h, MY1_VERKEY, enc))
    await expect(error.CommonInvalidStructure, crypto.auth_decrypt(h, other, enc))  # wrong key
    for broken in (enc[:-1], enc[:60], flip(enc, 0), flip(enc, 50), flip(enc, len(enc) - 1),
                   json.dumps({"auth": True, "nonce": [1, 2, 3], "sender": sender, "msg": [1, 2]}).encode()):
        await expect(error.CommonInvalidStructure, crypto.auth_decrypt(h, recipient, broken))
    # a valid seal around something that is not a ComboBox
    await expect(error.CommonInvalidStructure,
                 crypto.auth_decrypt(h, recipient, await crypto.anon_crypt(recipient, b"not msgpack")))
    assert await crypto.auth_decrypt(h, recipient, enc) == (sender, MESSAGE)


async def test_auth_crypt_interop_pynacl(raw_wallet):
    h = raw_wallet.handle
    sender_vk, sender_sk = keypair(MY1_SEED)
    recipient_vk, recipient_sk = keypair(MY2_SEED)
    assert await crypto.create_key(h, json.dumps({"seed": MY1_SEED})) == sender_vk
    assert await crypto.create_key(h, json.dumps({"seed": MY2_SEED})) == recipient_vk

    # ours -> PyNaCl: unseal, MessagePack ComboBox with named fields, base64, crypto_box open
    enc = await crypto.auth_crypt(h, sender_vk, recipient_vk, MESSAGE)
    combo, nonce, msg = py_auth_decrypt(recipient_sk, enc)
    assert list(combo) == ["msg", "sender", "nonce"]  # rmp_serde::to_vec_named field order
    assert combo["sender"] == sender_vk
    assert len(nonce) == 24
    assert msg == MESSAGE
    assert base64.b64encode(base64.b64decode(combo["msg"])).decode() == combo["msg"]  # standard, padded

    # PyNaCl -> ours
    for m in (MESSAGE, TEXT.encode()):
        assert await crypto.auth_decrypt(h, recipient_vk, py_auth_crypt(sender_vk, sender_sk, recipient_vk, m)) == \
            (sender_vk, m)

    # rmp_serde reads a struct from a map in any key order or from an array (rmp_serde::to_vec)
    nonce = os.urandom(24)
    ct = Box(x_priv(sender_sk), x_pub(recipient_vk)).encrypt(b"forms", nonce).ciphertext
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    for combo in (msgpack.packb([b64(ct), sender_vk, b64(nonce)]),
                  msgpack.packb({"nonce": b64(nonce), "sender": sender_vk, "msg": b64(ct)})):
        sealed = SealedBox(x_pub(recipient_vk)).encrypt(combo)
        assert await crypto.auth_decrypt(h, recipient_vk, sealed) == (sender_vk, b"forms")

    # a ComboBox whose sender is not the key that boxed it does not open
    steward_vk, steward_sk = keypair(STEWARD1_SEED)
    forged = py_auth_crypt(sender_vk, steward_sk, recipient_vk, MESSAGE)
    await expect(error.CommonInvalidStructure, crypto.auth_decrypt(h, recipient_vk, forged))
    # a malformed sender verkey inside the ComboBox
    combo = msgpack.packb({"msg": base64.b64encode(b"x" * 20).decode(), "sender": NOT_BASE58,
                           "nonce": base64.b64encode(b"\x00" * 24).decode()})
    await expect(error.CommonInvalidStructure,
                 crypto.auth_decrypt(h, recipient_vk, SealedBox(x_pub(recipient_vk)).encrypt(combo)))


# ================================================================ crypto: pack / unpack

def decode_jwe(packed: bytes):
    jwe = json.loads(packed)
    assert set(jwe) == {"protected", "iv", "ciphertext", "tag"}
    for field in ("protected", "ciphertext"):
        assert_padded_b64url(jwe[field])
    assert_padded_b64url(jwe["iv"], 12)
    assert_padded_b64url(jwe["tag"], 16)
    protected = json.loads(assert_padded_b64url(jwe["protected"]))
    return jwe, protected


async def test_pack_authcrypt_format_and_unpack(raw_wallet):
    h = raw_wallet.handle
    sender = await crypto.create_key(h, json.dumps({"seed": MY1_SEED}))
    r1 = await crypto.create_key(h, json.dumps({"seed": MY2_SEED}))
    _, r2 = await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED}))

    packed = await crypto.pack_message(h, TEXT, [r1, r2], sender)
    assert isinstance(packed, bytes)
    jwe, protected = decode_jwe(packed)
    assert set(protected) == {"enc", "typ", "alg", "recipients"}
    assert (protected["enc"], protected["typ"], protected["alg"]) == \
        ("xchacha20poly1305_ietf", "JWM/1.0", "Authcrypt")
    assert [r["header"]["kid"] for r in protected["recipients"]] == [r1, r2]
    for r in protected["recipients"]:
        assert set(r) == {"encrypted_key", "header"}
        assert set(r["header"]) == {"kid", "sender", "iv"}
        assert_padded_b64url(r["encrypted_key"], 32 + 16)  # crypto_box of the 32-byte CEK
        assert_padded_b64url(r["header"]["iv"], 24)
        assert_padded_b64url(r["header"]["sender"], len(sender) + 48)  # sealed base58 verkey
    assert len(b64url_decode(jwe["ciphertext"])) == len(TEXT.encode())

    unpacked = json.loads(await crypto.unpack_message(h, packed))
    # the first kid the wallet holds
    assert unpacked == {"message": TEXT, "recipient_verkey": r1, "sender_verkey": sender}


async def test_pack_anoncrypt_format_and_unpack(raw_wallet):
    h = raw_wallet.handle
    r1 = await crypto.create_key(h, "{}")
    packed = await crypto.pack_message(h, TEXT, [r1], None)
    _, protected = decode_jwe(packed)
    assert (protected["enc"], protected["typ"], protected["alg"]) == \
        ("xchacha20poly1305_ietf", "JWM/1.0", "Anoncrypt")
    assert len(protected["recipients"]) == 1
    rec = protected["recipients"][0]
    assert rec["header"] == {"kid": r1}  # only kid
    assert_padded_b64url(rec["encrypted_key"], 32 + 48)  # sealed CEK
    assert json.loads(await crypto.unpack_message(h, packed)) == {"message": TEXT, "recipient_verkey": r1}


async def test_unpack_picks_first_kid_in_wallet(raw_wallet):
    h = raw_wallet.handle
    sender = await crypto.create_key(h, "{}")
    mine = await crypto.create_key(h, "{}")
    stranger = random_verkey()
    for snd in (sender, None):
        packed = await crypto.pack_message(h, "hi", [stranger, mine], snd)
        res = json.loads(await crypto.unpack_message(h, packed))
        assert res["recipient_verkey"] == mine and res["message"] == "hi"
        assert res.get("sender_verkey") == snd


async def test_pack_errors(raw_wallet):
    h = raw_wallet.handle
    sender = await crypto.create_key(h, "{}")
    r1 = await crypto.create_key(h, "{}")
    await expect(error.WalletItemNotFound, crypto.pack_message(h, "m", [r1], MY1_VERKEY))
    # receiver_keys not a JSON array of strings (the wrapper json.dumps whatever it is given)
    for receivers in (r1, {"kid": r1}, [1, 2], None):
        await expect(error.CommonInvalidStructure, crypto.pack_message(h, "m", receivers, sender))
    await expect(error.CommonInvalidStructure, crypto.pack_message(h, "m", [], sender))
    for bad in (NOT_BASE58, SHORT_VERKEY):
        await expect(error.CommonInvalidStructure, crypto.pack_message(h, "m", [r1, bad], sender))
        await expect(error.CommonInvalidStructure, crypto.pack_message(h, "m", [bad], None))
        await expect(error.CommonInvalidStructure, crypto.pack_message(h, "m", [r1], bad))
    await expect(error.UnknownCryptoTypeError, crypto.pack_message(h, "m", [r1 + ":secp256k1"], None))
    await expect(error.WalletInvalidHandle, crypto.pack_message(h + 1000, "m", [r1], sender))


async def test_unpack_errors(raw_wallet):
    h = raw_wallet.handle
    sender = await crypto.create_key(h, "{}")
    r1 = await crypto.create_key(h, "{}")
    stranger = random_verkey()

    # no recipient key in the wallet
    for snd in (sender, None):
        await expect(error.WalletItemNotFound,
                     crypto.unpack_message(h, await crypto.pack_message(h, "m", [stranger], snd)))

    for snd in (sender, None):
        packed = await crypto.pack_message(h, "secret message", [r1], snd)
        jwe = json.loads(packed)

        def with_field(**kw):
            return json.dumps(dict(jwe, **kw)).encode()

        ct = b64url_decode(jwe["ciphertext"])
        tag = b64url_decode(jwe["tag"])
        iv = b64url_decode(jwe["iv"])
        protected = json.loads(b64url_decode(jwe["protected"]))
        altered = b64url(json.dumps(dict(protected, typ="JWM/2.0")).encode())  # same kid, different AAD
        broken = [
            packed[:-1],                                    # truncated JSON
            packed[: len(packed) // 2],
            b"not json",
            b"{}",
            json.dumps({"protected": jwe["protected"]}).encode(),
            with_field(ciphertext=b64url(flip(ct, 0))),     # tampered ciphertext
            with_field(ciphertext=b64url(ct[:-1])),         # truncated ciphertext
            with_field(tag=b64url(flip(tag, 3))),           # tampered tag
            with_field(tag=b64url(tag[:8])),                # truncated tag
            with_field(iv=b64url(flip(iv, 0))),             # tampered iv
            with_field(iv=b64url(iv[:8])),                  # short iv
            with_field(protected=altered),                  # tampered AAD
            with_field(protected="!!!not base64!!!"),
            with_field(protected=b64url(b"not json")),
        ]
        rec = protected["recipients"][0]
        enc_key = b64url_decode(rec["encrypted_key"])
        bad_rec = dict(rec, encrypted_key=b64url(flip(enc_key, 5)))
        broken.append(with_field(protected=b64url(json.dumps(dict(protected, recipients=[bad_rec])).encode())))
        if snd is not None:
            hdr = dict(rec["header"], iv=b64url(flip(b64url_decode(rec["header"]["iv"]), 0)))
            broken.append(with_field(protected=b64url(json.dumps(
                dict(protected, recipients=[dict(rec, header=hdr)])).encode())))
        for i, b in enumerate(broken):
            with pytest.raises(error.CommonInvalidStructure) as e:
                await crypto.unpack_message(h, b)
            assert_has_message(e.value)
        # the untouched message still opens
        res = json.loads(await crypto.unpack_message(h, packed))
        assert res["message"] == "secret message"


async def test_pack_interop_ours_to_pynacl(raw_wallet):
    h = raw_wallet.handle
    sender_vk, _ = keypair(MY1_SEED)
    keys = [keypair(s) for s in (MY2_SEED, TRUSTEE1_SEED, STEWARD1_SEED)]
    assert await crypto.create_key(h, json.dumps({"seed": MY1_SEED})) == sender_vk

    # Authcrypt to three recipients (none of them in the wallet): each opens independently
    packed = await crypto.pack_message(h, TEXT, [vk for vk, _ in keys], sender_vk)
    for vk, sk in keys:
        assert py_unpack(packed, vk, sk) == (TEXT, sender_vk)

    # Anoncrypt to two recipients
    packed = await crypto.pack_message(h, TEXT, [vk for vk, _ in keys[:2]], None)
    for vk, sk in keys[:2]:
        assert py_unpack(packed, vk, sk) == (TEXT, None)


@pytest.mark.parametrize("pad", [True, False], ids=["padded", "unpadded"])
async def test_pack_interop_pynacl_to_ours(raw_wallet, pad):
    h = raw_wallet.handle
    sender = keypair(STEWARD1_SEED)  # the sender's key need not be in our wallet
    r1_vk, r1_sk = keypair(MY1_SEED)
    r2_vk, _ = keypair(MY2_SEED)
    stranger = random_verkey()
    assert await crypto.create_key(h, json.dumps({"seed": MY2_SEED})) == r2_vk

    packed = py_pack(TEXT, [stranger, r2_vk, r1_vk], sender, pad)
    if not pad:
        assert b"=" not in packed
    assert json.loads(await crypto.unpack_message(h, packed)) == \
        {"message": TEXT, "recipient_verkey": r2_vk, "sender_verkey": sender[0]}

    packed = py_pack(TEXT, [r2_vk], None, pad)
    assert json.loads(await crypto.unpack_message(h, packed)) == {"message": TEXT, "recipient_verkey": r2_vk}

    # Python-packed for a key we do not hold
    await expect(error.WalletItemNotFound, crypto.unpack_message(h, py_pack(TEXT, [r1_vk], sender, pad)))
    # sanity: the independent implementation reads its own output
    assert py_unpack(py_pack(TEXT, [r1_vk], sender, pad), r1_vk, r1_sk) == (TEXT, sender[0])


async def test_pack_unpack_between_two_wallets(raw_wallet, tmp_path):
    """Alice packs in her wallet, Bob unpacks in his: no shared state."""
    from indy import wallet as indy_wallet
    from conftest import wallet_config, wallet_credentials
    h_alice = raw_wallet.handle
    key = await indy_wallet.generate_wallet_key(None)
    cfg, creds = wallet_config("bob", tmp_path / "bob"), wallet_credentials(key, "RAW")
    await indy_wallet.create_wallet(cfg, creds)
    h_bob = await indy_wallet.open_wallet(cfg, creds)
    try:
        alice = await crypto.create_key(h_alice, "{}")
        bob = await crypto.create_key(h_bob, "{}")
        packed = await crypto.pack_message(h_alice, "to bob", [bob], alice)
        assert json.loads(await crypto.unpack_message(h_bob, packed)) == \
            {"message": "to bob", "recipient_verkey": bob, "sender_verkey": alice}
        await expect(error.WalletItemNotFound, crypto.unpack_message(h_alice, packed))
        enc = await crypto.auth_crypt(h_alice, alice, bob, b"legacy")
        assert await crypto.auth_decrypt(h_bob, bob, enc) == (alice, b"legacy")
        await expect(error.WalletItemNotFound, crypto.auth_decrypt(h_alice, bob, enc))
    finally:
        await indy_wallet.close_wallet(h_bob)
        await indy_wallet.delete_wallet(cfg, creds)


# ================================================================ pairwise

async def test_pairwise_lifecycle_and_formats(raw_wallet):
    h = raw_wallet.handle
    my1, _ = await did.create_and_store_my_did(h, json.dumps({"seed": MY1_SEED}))
    my2, _ = await did.create_and_store_my_did(h, json.dumps({"seed": MY2_SEED}))
    await did.store_their_did(h, json.dumps({"did": THEIR_DID, "verkey": THEIR_VERKEY}))
    await did.store_their_did(h, json.dumps({"did": TRUSTEE1_DID, "verkey": TRUSTEE1_VERKEY}))

    assert json.loads(await pairwise.list_pairwise(h)) == []
    assert await pairwise.is_pairwise_exists(h, THEIR_DID) is False

    await pairwise.create_pairwise(h, THEIR_DID, my1, None)
    await pairwise.create_pairwise(h, TRUSTEE1_DID, my2, "meta 2")
    assert await pairwise.is_pairwise_exists(h, THEIR_DID) is True
    assert await pairwise.is_pairwise_exists(h, TRUSTEE1_DID) is True
    assert await pairwise.is_pairwise_exists(h, MY1_DID) is False  # only keyed by their DID

    assert json.loads(await pairwise.get_pairwise(h, THEIR_DID)) == {"my_did": my1}
    assert json.loads(await pairwise.get_pairwise(h, TRUSTEE1_DID)) == {"my_did": my2, "metadata": "meta 2"}

    listed = json.loads(await pairwise.list_pairwise(h))
    assert isinstance(listed, list) and all(isinstance(s, str) for s in listed)  # JSON strings, not objects
    assert sorted((json.loads(s) for s in listed), key=lambda p: p["their_did"]) == sorted([
        {"my_did": my1, "their_did": THEIR_DID},
        {"my_did": my2, "their_did": TRUSTEE1_DID, "metadata": "meta 2"},
    ], key=lambda p: p["their_did"])

    await pairwise.set_pairwise_metadata(h, THEIR_DID, "now set")
    assert json.loads(await pairwise.get_pairwise(h, THEIR_DID)) == {"my_did": my1, "metadata": "now set"}
    await pairwise.set_pairwise_metadata(h, TRUSTEE1_DID, None)  # None removes
    assert json.loads(await pairwise.get_pairwise(h, TRUSTEE1_DID)) == {"my_did": my2}
    await pairwise.set_pairwise_metadata(h, THEIR_DID, "")
    assert json.loads(await pairwise.get_pairwise(h, THEIR_DID)) == {"my_did": my1, "metadata": ""}
    assert sorted((json.loads(s) for s in json.loads(await pairwise.list_pairwise(h))),
                  key=lambda p: p["their_did"]) == sorted([
                      {"my_did": my1, "their_did": THEIR_DID, "metadata": ""},
                      {"my_did": my2, "their_did": TRUSTEE1_DID},
                  ], key=lambda p: p["their_did"])


async def test_pairwise_errors(raw_wallet):
    h = raw_wallet.handle
    my1, _ = await did.create_and_store_my_did(h, json.dumps({"seed": MY1_SEED}))
    # their DID not stored
    await expect(error.WalletItemNotFound, pairwise.create_pairwise(h, THEIR_DID, my1, None))
    await did.store_their_did(h, json.dumps({"did": THEIR_DID, "verkey": THEIR_VERKEY}))
    # my DID not in the wallet; a their-DID is not my DID; my DID is not a their-DID
    await expect(error.WalletItemNotFound, pairwise.create_pairwise(h, THEIR_DID, TRUSTEE1_DID, None))
    await did.store_their_did(h, json.dumps({"did": TRUSTEE1_DID, "verkey": TRUSTEE1_VERKEY}))
    await expect(error.WalletItemNotFound, pairwise.create_pairwise(h, THEIR_DID, TRUSTEE1_DID, None))
    await expect(error.WalletItemNotFound, pairwise.create_pairwise(h, my1, my1, None))
    assert await pairwise.is_pairwise_exists(h, THEIR_DID) is False

    await pairwise.create_pairwise(h, THEIR_DID, my1, "m")
    await expect(error.WalletItemAlreadyExists, pairwise.create_pairwise(h, THEIR_DID, my1, None))
    assert json.loads(await pairwise.get_pairwise(h, THEIR_DID)) == {"my_did": my1, "metadata": "m"}

    await expect(error.WalletItemNotFound, pairwise.get_pairwise(h, TRUSTEE1_DID))
    await expect(error.WalletItemNotFound, pairwise.set_pairwise_metadata(h, TRUSTEE1_DID, "x"))
    for bad in BAD_DIDS:
        await expect(error.CommonInvalidStructure, pairwise.is_pairwise_exists(h, bad))
        await expect(error.CommonInvalidStructure, pairwise.create_pairwise(h, bad, my1, None))
        await expect(error.CommonInvalidStructure, pairwise.create_pairwise(h, THEIR_DID, bad, None))
        await expect(error.CommonInvalidStructure, pairwise.get_pairwise(h, bad))
        await expect(error.CommonInvalidStructure, pairwise.set_pairwise_metadata(h, bad, "x"))
    for call in (pairwise.list_pairwise(h + 1000), pairwise.is_pairwise_exists(h + 1000, THEIR_DID),
                 pairwise.get_pairwise(h + 1000, THEIR_DID)):
        await expect(error.WalletInvalidHandle, call)


async def test_error_codes_are_libindy_numbers(raw_wallet):
    """The classes above map to these numeric codes (what a C caller sees)."""
    h = raw_wallet.handle
    cases = [
        (ErrorCode.CommonInvalidStructure, 113, crypto.anon_crypt(NOT_BASE58, MESSAGE)),
        (ErrorCode.WalletItemNotFound, 212, did.get_did_metadata(h, MY1_DID)),
        (ErrorCode.PoolLedgerInvalidPoolHandle, 301, did.key_for_did(-1, h, MY1_DID)),
        (ErrorCode.UnknownCryptoTypeError, 500, crypto.anon_crypt(MY1_VERKEY + ":bls", MESSAGE)),
    ]
    for code, number, coro in cases:
        with pytest.raises(error.IndyError) as e:
            await coro
        assert e.value.error_code == code and int(code) == number
