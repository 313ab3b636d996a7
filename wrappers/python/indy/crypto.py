"""Keys, signatures, anonymous and authenticated encryption, DIDComm v1 pack/unpack
(libindy's ``indy_crypto.h``). Messages are ``bytes``; keys are base58 verkeys."""

from __future__ import annotations

import json
from typing import List, Optional, Tuple, Union

from . import _ffi
from ._ffi import text

__all__ = ["create_key", "set_key_metadata", "get_key_metadata", "crypto_sign", "crypto_verify",
           "auth_crypt", "auth_decrypt", "anon_crypt", "anon_decrypt", "pack_message", "unpack_message"]


async def create_key(wallet_handle: int, key_json: str) -> str:
    """Creates a key pair in the wallet.

    :param wallet_handle: wallet handle.
    :param key_json: ``{"seed"?: str, "crypto_type"?: "ed25519"}``; ``"{}"`` for a random key.
    :return: the verkey (``str``, base58).
    :raises WalletItemAlreadyExists: the key is in the wallet already.
    """
    res: str = await _ffi.call("indy_create_key", wallet_handle, text(key_json))
    return res


async def set_key_metadata(wallet_handle: int, verkey: str, metadata: str) -> None:
    """Stores metadata (any string) for a key, replacing what was there.

    :param wallet_handle: wallet handle.
    :param verkey: the key.
    :param metadata: the metadata.
    :return: None.
    """
    await _ffi.call("indy_set_key_metadata", wallet_handle, text(verkey), text(metadata))


async def get_key_metadata(wallet_handle: int, verkey: str) -> str:
    """The metadata stored for a key.

    :param wallet_handle: wallet handle.
    :param verkey: the key.
    :return: the metadata (``str``).
    :raises WalletItemNotFound: the key has no metadata.
    """
    res: str = await _ffi.call("indy_get_key_metadata", wallet_handle, text(verkey))
    return res


async def crypto_sign(wallet_handle: int, signer_vk: str, msg: bytes) -> bytes:
    """Signs a message with a key in the wallet (Ed25519).

    :param wallet_handle: wallet handle.
    :param signer_vk: the signing key's verkey.
    :param msg: the message.
    :return: the 64-byte detached signature (``bytes``).
    :raises WalletItemNotFound: the key is not in the wallet.
    """
    res: bytes = await _ffi.call("indy_crypto_sign", wallet_handle, text(signer_vk), msg, len(msg))
    return res


async def crypto_verify(signer_vk: str, msg: bytes, signature: bytes) -> bool:
    """Verifies a signature. Needs no wallet.

    :param signer_vk: the verkey (may be ``<key>:ed25519``).
    :param msg: the message.
    :param signature: the signature.
    :return: ``True`` when the signature is valid, else ``False``.
    :raises CommonInvalidStructure: the verkey is malformed.
    """
    res: bool = await _ffi.call("indy_crypto_verify", text(signer_vk), msg, len(msg), signature, len(signature))
    return res


async def auth_crypt(wallet_handle: int, sender_vk: str, recipient_vk: str, msg: bytes) -> bytes:
    """Encrypts a message for a recipient, authenticated by a key in the wallet.

    :param wallet_handle: wallet handle.
    :param sender_vk: the sender's verkey (its key pair must be in the wallet).
    :param recipient_vk: the recipient's verkey.
    :param msg: the message.
    :return: the encrypted message (``bytes``).
    """
    res: bytes = await _ffi.call("indy_crypto_auth_crypt", wallet_handle, text(sender_vk), text(recipient_vk),
                                 msg, len(msg))
    return res


async def auth_decrypt(wallet_handle: int, recipient_vk: str, encrypted_msg: bytes) -> Tuple[str, bytes]:
    """Decrypts a message from :func:`auth_crypt`.

    :param wallet_handle: wallet handle.
    :param recipient_vk: the recipient's verkey (its key pair must be in the wallet).
    :param encrypted_msg: the encrypted message.
    :return: ``(sender_vk, msg)``: the sender's verkey (``str``) and the message (``bytes``).
    """
    res: Tuple[str, bytes] = await _ffi.call("indy_crypto_auth_decrypt", wallet_handle, text(recipient_vk),
                                             encrypted_msg, len(encrypted_msg))
    return res


async def anon_crypt(recipient_vk: str, msg: bytes) -> bytes:
    """Encrypts a message for a recipient anonymously (sealed box). Needs no wallet.

    :param recipient_vk: the recipient's verkey.
    :param msg: the message.
    :return: the encrypted message (``bytes``).
    """
    res: bytes = await _ffi.call("indy_crypto_anon_crypt", text(recipient_vk), msg, len(msg))
    return res


async def anon_decrypt(wallet_handle: int, recipient_vk: str, encrypted_msg: bytes) -> bytes:
    """Decrypts a message from :func:`anon_crypt`.

    :param wallet_handle: wallet handle.
    :param recipient_vk: the recipient's verkey (its key pair must be in the wallet).
    :param encrypted_msg: the encrypted message.
    :return: the message (``bytes``).
    """
    res: bytes = await _ffi.call("indy_crypto_anon_decrypt", wallet_handle, text(recipient_vk),
                                 encrypted_msg, len(encrypted_msg))
    return res


async def pack_message(wallet_handle: int, message: Union[str, bytes], recipient_verkeys: List[str],
                       sender_verkey: Optional[str]) -> bytes:
    """Packs a DIDComm v1 message (JWE) for several recipients.

    :param wallet_handle: wallet handle.
    :param message: the message (``str`` is sent as UTF-8).
    :param recipient_verkeys: the recipients' verkeys.
    :param sender_verkey: the sender's verkey for authcrypt (its key pair must be in the
        wallet), or ``None`` for anoncrypt.
    :return: the JWE as JSON (``bytes``).
    """
    raw = message.encode("utf-8") if isinstance(message, str) else message
    res: bytes = await _ffi.call("indy_pack_message", wallet_handle, raw, len(raw),
                                 json.dumps(recipient_verkeys).encode("utf-8"), text(sender_verkey))
    return res


async def unpack_message(wallet_handle: int, jwe: bytes) -> bytes:
    """Unpacks a DIDComm v1 message with a recipient key in the wallet.

    :param wallet_handle: wallet handle.
    :param jwe: the packed message.
    :return: JSON ``{"message": str, "recipient_verkey": str, "sender_verkey"?: str}``
        (``bytes``; no ``sender_verkey`` for anoncrypt).
    """
    res: bytes = await _ffi.call("indy_unpack_message", wallet_handle, jwe, len(jwe))
    return res
