"""The only module that touches ctypes: loads libindy, declares its C signatures once, and
bridges its callbacks to asyncio.

Every asynchronous libindy function has the shape
``indy_error_t f(indy_handle_t command_handle, <args>, void (*cb)(command_handle, err, <results>))``.
:func:`call` registers ``command_handle -> (inbox of the calling loop, future)``, calls ``f``
and returns the future. The library answers exactly once, on one of its own threads; the
callback reads the error detail there (``indy_get_current_error`` is per thread and valid
only inside the callback), converts the results to Python values while the C buffers are
valid, and posts them to the inbox of the loop that made the call, which resolves the
future on that loop. So any number of threads, each running its own event loop, can call
at once.

The callbacks are one ``CFUNCTYPE`` object per result shape (``CB_UNIT``, ``CB_STR``, ...),
created at import and never freed, so the library can never call a collected callback.
"""

from __future__ import annotations

import asyncio
import atexit
import ctypes
import itertools
import json
import logging
import os
import sys
import threading
import time
import weakref
from ctypes import CFUNCTYPE, POINTER, c_bool, c_char_p, c_int32, c_int64, c_size_t, c_uint32, c_uint64, c_void_p
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from .error import IndyError, LibraryNotFoundError, error_for

__all__ = ["LIBRARY_PATH_ENV", "call", "call_sync", "library", "pending_count"]

LIBRARY_PATH_ENV = "INDY_LIBRARY_PATH"
"""Environment variable naming the libindy shared library to load (a file path)."""

_log = logging.getLogger("indy.libindy")

# ------------------------------------------------------------------ callback shapes
# One C function type per shape of results; each has one shared callback below.

CB_UNIT = CFUNCTYPE(None, c_int32, c_int32)
CB_STR = CFUNCTYPE(None, c_int32, c_int32, c_char_p)
CB_STR_STR = CFUNCTYPE(None, c_int32, c_int32, c_char_p, c_char_p)
CB_STR_STR_STR = CFUNCTYPE(None, c_int32, c_int32, c_char_p, c_char_p, c_char_p)
CB_STR_STR_U64 = CFUNCTYPE(None, c_int32, c_int32, c_char_p, c_char_p, c_uint64)
CB_HANDLE = CFUNCTYPE(None, c_int32, c_int32, c_int32)
CB_HANDLE_COUNT = CFUNCTYPE(None, c_int32, c_int32, c_int32, c_uint32)
CB_BOOL = CFUNCTYPE(None, c_int32, c_int32, c_bool)
CB_BYTES = CFUNCTYPE(None, c_int32, c_int32, c_void_p, c_uint32)
CB_STR_BYTES = CFUNCTYPE(None, c_int32, c_int32, c_char_p, c_void_p, c_uint32)

# ------------------------------------------------------------------ storage plugins
# The 24 callbacks of indy_register_wallet_storage, in its order: (name, C type). Each
# returns an indy_error_t; out-parameters are pointers the plugin writes.

_I32 = c_int32
_P = c_void_p
STORAGE_CALLBACKS: Tuple[Tuple[str, Any], ...] = (
    ("create", CFUNCTYPE(_I32, c_char_p, c_char_p, c_char_p, c_char_p)),
    ("open", CFUNCTYPE(_I32, c_char_p, c_char_p, c_char_p, POINTER(_I32))),
    ("close", CFUNCTYPE(_I32, _I32)),
    ("delete", CFUNCTYPE(_I32, c_char_p, c_char_p, c_char_p)),
    ("add_record", CFUNCTYPE(_I32, _I32, c_char_p, c_char_p, _P, c_size_t, c_char_p)),
    ("update_record_value", CFUNCTYPE(_I32, _I32, c_char_p, c_char_p, _P, c_size_t)),
    ("update_record_tags", CFUNCTYPE(_I32, _I32, c_char_p, c_char_p, c_char_p)),
    ("add_record_tags", CFUNCTYPE(_I32, _I32, c_char_p, c_char_p, c_char_p)),
    ("delete_record_tags", CFUNCTYPE(_I32, _I32, c_char_p, c_char_p, c_char_p)),
    ("delete_record", CFUNCTYPE(_I32, _I32, c_char_p, c_char_p)),
    ("get_record", CFUNCTYPE(_I32, _I32, c_char_p, c_char_p, c_char_p, POINTER(_I32))),
    ("get_record_id", CFUNCTYPE(_I32, _I32, _I32, POINTER(_P))),
    ("get_record_type", CFUNCTYPE(_I32, _I32, _I32, POINTER(_P))),
    ("get_record_value", CFUNCTYPE(_I32, _I32, _I32, POINTER(_P), POINTER(c_size_t))),
    ("get_record_tags", CFUNCTYPE(_I32, _I32, _I32, POINTER(_P))),
    ("free_record", CFUNCTYPE(_I32, _I32, _I32)),
    ("get_storage_metadata", CFUNCTYPE(_I32, _I32, POINTER(_P), POINTER(_I32))),
    ("set_storage_metadata", CFUNCTYPE(_I32, _I32, c_char_p)),
    ("free_storage_metadata", CFUNCTYPE(_I32, _I32, _I32)),
    ("search_records", CFUNCTYPE(_I32, _I32, c_char_p, c_char_p, c_char_p, POINTER(_I32))),
    ("search_all_records", CFUNCTYPE(_I32, _I32, POINTER(_I32))),
    ("get_search_total_count", CFUNCTYPE(_I32, _I32, _I32, POINTER(c_size_t))),
    ("fetch_search_next_record", CFUNCTYPE(_I32, _I32, _I32, POINTER(_I32))),
    ("free_search", CFUNCTYPE(_I32, _I32, _I32)),
)

# ------------------------------------------------------------------ the C signatures
# name: (argument types after command_handle, callback type). The callback comes last.

_H = c_int32  # indy_handle_t
_S = c_char_p  # const char* (also byte buffers: bytes pass without a copy)
_U32 = c_uint32
_I64 = c_int64

SIGNATURES: Dict[str, Tuple[Tuple[Any, ...], Any]] = {
    # wallet
    "indy_create_wallet": ((_S, _S), CB_UNIT),
    "indy_open_wallet": ((_S, _S), CB_HANDLE),
    "indy_close_wallet": ((_H,), CB_UNIT),
    "indy_delete_wallet": ((_S, _S), CB_UNIT),
    "indy_export_wallet": ((_H, _S), CB_UNIT),
    "indy_import_wallet": ((_S, _S, _S), CB_UNIT),
    "indy_generate_wallet_key": ((_S,), CB_STR),
    "indy_register_wallet_storage": ((_S,) + tuple(t for _, t in STORAGE_CALLBACKS), CB_UNIT),
    # did
    "indy_create_and_store_my_did": ((_H, _S), CB_STR_STR),
    "indy_replace_keys_start": ((_H, _S, _S), CB_STR),
    "indy_replace_keys_apply": ((_H, _S), CB_UNIT),
    "indy_store_their_did": ((_H, _S), CB_UNIT),
    "indy_key_for_did": ((_H, _H, _S), CB_STR),
    "indy_key_for_local_did": ((_H, _S), CB_STR),
    "indy_set_endpoint_for_did": ((_H, _S, _S, _S), CB_UNIT),
    "indy_get_endpoint_for_did": ((_H, _H, _S), CB_STR_STR),
    "indy_set_did_metadata": ((_H, _S, _S), CB_UNIT),
    "indy_get_did_metadata": ((_H, _S), CB_STR),
    "indy_get_my_did_with_meta": ((_H, _S), CB_STR),
    "indy_list_my_dids_with_meta": ((_H,), CB_STR),
    "indy_abbreviate_verkey": ((_S, _S), CB_STR),
    "indy_qualify_did": ((_H, _S, _S), CB_STR),
    # crypto
    "indy_create_key": ((_H, _S), CB_STR),
    "indy_set_key_metadata": ((_H, _S, _S), CB_UNIT),
    "indy_get_key_metadata": ((_H, _S), CB_STR),
    "indy_crypto_sign": ((_H, _S, _S, _U32), CB_BYTES),
    "indy_crypto_verify": ((_S, _S, _U32, _S, _U32), CB_BOOL),
    "indy_crypto_auth_crypt": ((_H, _S, _S, _S, _U32), CB_BYTES),
    "indy_crypto_auth_decrypt": ((_H, _S, _S, _U32), CB_STR_BYTES),
    "indy_crypto_anon_crypt": ((_S, _S, _U32), CB_BYTES),
    "indy_crypto_anon_decrypt": ((_H, _S, _S, _U32), CB_BYTES),
    "indy_pack_message": ((_H, _S, _U32, _S, _S), CB_BYTES),
    "indy_unpack_message": ((_H, _S, _U32), CB_BYTES),
    # non_secrets
    "indy_add_wallet_record": ((_H, _S, _S, _S, _S), CB_UNIT),
    "indy_update_wallet_record_value": ((_H, _S, _S, _S), CB_UNIT),
    "indy_update_wallet_record_tags": ((_H, _S, _S, _S), CB_UNIT),
    "indy_add_wallet_record_tags": ((_H, _S, _S, _S), CB_UNIT),
    "indy_delete_wallet_record_tags": ((_H, _S, _S, _S), CB_UNIT),
    "indy_delete_wallet_record": ((_H, _S, _S), CB_UNIT),
    "indy_get_wallet_record": ((_H, _S, _S, _S), CB_STR),
    "indy_open_wallet_search": ((_H, _S, _S, _S), CB_HANDLE),
    "indy_fetch_wallet_search_next_records": ((_H, _H, _U32), CB_STR),
    "indy_close_wallet_search": ((_H,), CB_UNIT),
    # pairwise
    "indy_is_pairwise_exists": ((_H, _S), CB_BOOL),
    "indy_create_pairwise": ((_H, _S, _S, _S), CB_UNIT),
    "indy_list_pairwise": ((_H,), CB_STR),
    "indy_get_pairwise": ((_H, _S), CB_STR),
    "indy_set_pairwise_metadata": ((_H, _S, _S), CB_UNIT),
    # anoncreds
    "indy_issuer_create_schema": ((_S, _S, _S, _S), CB_STR_STR),
    "indy_issuer_create_and_store_credential_def": ((_H, _S, _S, _S, _S, _S), CB_STR_STR),
    "indy_issuer_create_credential_offer": ((_H, _S), CB_STR),
    "indy_issuer_create_credential": ((_H, _S, _S, _S, _S, _H), CB_STR_STR_STR),
    "indy_prover_create_master_secret": ((_H, _S), CB_STR),
    "indy_prover_create_credential_req": ((_H, _S, _S, _S, _S), CB_STR_STR),
    "indy_prover_store_credential": ((_H, _S, _S, _S, _S, _S), CB_STR),
    "indy_prover_get_credential": ((_H, _S), CB_STR),
    "indy_prover_get_credentials": ((_H, _S), CB_STR),
    "indy_prover_delete_credential": ((_H, _S), CB_UNIT),
    "indy_prover_search_credentials": ((_H, _S), CB_HANDLE_COUNT),
    "indy_prover_fetch_credentials": ((_H, _U32), CB_STR),
    "indy_prover_close_credentials_search": ((_H,), CB_UNIT),
    "indy_prover_create_proof": ((_H, _S, _S, _S, _S, _S, _S), CB_STR),
    "indy_verifier_verify_proof": ((_S, _S, _S, _S, _S, _S), CB_BOOL),
    "indy_generate_nonce": ((), CB_STR),
    "indy_to_unqualified": ((_S,), CB_STR),
    # anoncreds: revocation
    "indy_issuer_create_and_store_revoc_reg": ((_H, _S, _S, _S, _S, _S, _H), CB_STR_STR_STR),
    "indy_issuer_revoke_credential": ((_H, _H, _S, _S), CB_STR),
    "indy_issuer_recover_credential": ((_H, _H, _S, _S), CB_STR),
    "indy_issuer_merge_revocation_registry_deltas": ((_S, _S), CB_STR),
    "indy_create_revocation_state": ((_H, _S, _S, c_uint64, _S), CB_STR),
    "indy_update_revocation_state": ((_H, _S, _S, _S, c_uint64, _S), CB_STR),
    # anoncreds: credential definition rotation, tag policies, searches for proof requests
    "indy_issuer_rotate_credential_def_start": ((_H, _S, _S), CB_STR),
    "indy_issuer_rotate_credential_def_apply": ((_H, _S), CB_UNIT),
    "indy_prover_set_credential_attr_tag_policy": ((_H, _S, _S, c_bool), CB_UNIT),
    "indy_prover_get_credential_attr_tag_policy": ((_H, _S), CB_STR),
    "indy_prover_get_credentials_for_proof_req": ((_H, _S), CB_STR),
    "indy_prover_search_credentials_for_proof_req": ((_H, _S, _S), CB_HANDLE),
    "indy_prover_fetch_credentials_for_proof_req": ((_H, _S, _U32), CB_STR),
    "indy_prover_close_credentials_search_for_proof_req": ((_H,), CB_UNIT),
    # blob storage (tails files)
    "indy_open_blob_storage_reader": ((_S, _S), CB_HANDLE),
    "indy_open_blob_storage_writer": ((_S, _S), CB_HANDLE),
    # ledger
    "indy_sign_and_submit_request": ((_H, _H, _S, _S), CB_STR),
    "indy_submit_request": ((_H, _S), CB_STR),
    "indy_submit_action": ((_H, _S, _S, _I32), CB_STR),
    "indy_sign_request": ((_H, _S, _S), CB_STR),
    "indy_multi_sign_request": ((_H, _S, _S), CB_STR),
    "indy_build_get_ddo_request": ((_S, _S), CB_STR),
    "indy_build_nym_request": ((_S, _S, _S, _S, _S), CB_STR),
    "indy_build_attrib_request": ((_S, _S, _S, _S, _S), CB_STR),
    "indy_build_get_attrib_request": ((_S, _S, _S, _S, _S), CB_STR),
    "indy_build_get_nym_request": ((_S, _S), CB_STR),
    "indy_parse_get_nym_response": ((_S,), CB_STR),
    "indy_build_schema_request": ((_S, _S), CB_STR),
    "indy_build_get_schema_request": ((_S, _S), CB_STR),
    "indy_parse_get_schema_response": ((_S,), CB_STR_STR),
    "indy_build_cred_def_request": ((_S, _S), CB_STR),
    "indy_build_get_cred_def_request": ((_S, _S), CB_STR),
    "indy_parse_get_cred_def_response": ((_S,), CB_STR_STR),
    "indy_build_node_request": ((_S, _S, _S), CB_STR),
    "indy_build_get_validator_info_request": ((_S,), CB_STR),
    "indy_build_get_txn_request": ((_S, _S, _I32), CB_STR),
    "indy_build_pool_config_request": ((_S, c_bool, c_bool), CB_STR),
    "indy_build_pool_restart_request": ((_S, _S, _S), CB_STR),
    "indy_build_pool_upgrade_request": ((_S, _S, _S, _S, _S, _I32, _S, _S, c_bool, c_bool, _S), CB_STR),
    "indy_build_revoc_reg_def_request": ((_S, _S), CB_STR),
    "indy_build_get_revoc_reg_def_request": ((_S, _S), CB_STR),
    "indy_parse_get_revoc_reg_def_response": ((_S,), CB_STR_STR),
    "indy_build_revoc_reg_entry_request": ((_S, _S, _S, _S), CB_STR),
    "indy_build_get_revoc_reg_request": ((_S, _S, _I64), CB_STR),
    "indy_parse_get_revoc_reg_response": ((_S,), CB_STR_STR_U64),
    "indy_build_get_revoc_reg_delta_request": ((_S, _S, _I64, _I64), CB_STR),
    "indy_parse_get_revoc_reg_delta_response": ((_S,), CB_STR_STR_U64),
    "indy_get_response_metadata": ((_S,), CB_STR),
    "indy_build_auth_rule_request": ((_S, _S, _S, _S, _S, _S, _S), CB_STR),
    "indy_build_auth_rules_request": ((_S, _S), CB_STR),
    "indy_build_get_auth_rule_request": ((_S, _S, _S, _S, _S, _S), CB_STR),
    "indy_build_txn_author_agreement_request": ((_S, _S, _S, _I64, _I64), CB_STR),
    "indy_build_disable_all_txn_author_agreements_request": ((_S,), CB_STR),
    "indy_build_get_txn_author_agreement_request": ((_S, _S), CB_STR),
    "indy_build_acceptance_mechanisms_request": ((_S, _S, _S, _S), CB_STR),
    "indy_build_get_acceptance_mechanisms_request": ((_S, _I64, _S), CB_STR),
    "indy_append_txn_author_agreement_acceptance_to_request": ((_S, _S, _S, _S, _S, c_uint64), CB_STR),
    "indy_append_request_endorser": ((_S, _S), CB_STR),
    "indy_build_ledgers_freeze_request": ((_S, _S), CB_STR),
    "indy_build_get_frozen_ledgers_request": ((_S,), CB_STR),
    # pool
    "indy_create_pool_ledger_config": ((_S, _S), CB_UNIT),
    "indy_open_pool_ledger": ((_S, _S), CB_HANDLE),
    "indy_refresh_pool_ledger": ((_H,), CB_UNIT),
    "indy_list_pools": ((), CB_STR),
    "indy_close_pool_ledger": ((_H,), CB_UNIT),
    "indy_delete_pool_ledger_config": ((_S,), CB_UNIT),
    "indy_set_protocol_version": ((c_uint64,), CB_UNIT),
    # cache
    "indy_get_schema": ((_H, _H, _S, _S, _S), CB_STR),
    "indy_get_cred_def": ((_H, _H, _S, _S, _S), CB_STR),
    "indy_purge_schema_cache": ((_H, _S), CB_UNIT),
    "indy_purge_cred_def_cache": ((_H, _S), CB_UNIT),
    # metrics, test hook
    "indy_collect_metrics": ((), CB_STR),
    "indyrs_test_panic": ((c_int32,), CB_UNIT),
}

# C logger callbacks (indy_logger.h).
LOG_CB = CFUNCTYPE(None, c_void_p, c_uint32, c_char_p, c_char_p, c_char_p, c_char_p, c_uint32)
FLUSH_CB = CFUNCTYPE(None, c_void_p)

# Synchronous functions: name -> (argument types, result type).
SYNC_SIGNATURES: Dict[str, Tuple[Tuple[Any, ...], Any]] = {
    "indy_set_runtime_config": ((c_char_p,), c_int32),
    "indy_get_current_error": ((POINTER(c_char_p),), None),
    "indy_set_logger_with_max_lvl": ((c_void_p, c_void_p, LOG_CB, FLUSH_CB, c_uint32), c_int32),
    "indy_set_log_max_lvl": ((c_uint32,), c_int32),
    "indy_set_default_logger": ((c_char_p,), c_int32),
}


# ------------------------------------------------------------------ loading

def _platform_name() -> str:
    if sys.platform == "darwin":
        return "libindy.dylib"
    if sys.platform == "win32":
        return "indy.dll"
    return "libindy.so"


def candidates(environ: Mapping[str, str] = os.environ,
               bundled_dir: Optional[Path] = None) -> List[Tuple[str, str]]:
    """Where the library is looked for, in order, as ``(description, what to pass to CDLL)``.

    1. the file named by ``$INDY_LIBRARY_PATH``, when set (then nothing else is tried);
    2. the copy bundled in this package (``indy/_lib/``), when there is one;
    3. the system loader by name (``LD_LIBRARY_PATH``, ``ldconfig``; ``DYLD_LIBRARY_PATH``
       on macOS, ``PATH`` on Windows), as python3-indy does.
    """
    name = _platform_name()
    explicit = environ.get(LIBRARY_PATH_ENV)
    if explicit:
        return [("$%s" % LIBRARY_PATH_ENV, explicit)]
    found = []
    bundled = (bundled_dir or Path(__file__).resolve().parent / "_lib") / name
    if bundled.is_file():
        found.append(("bundled copy", str(bundled)))
    found.append(("system loader", name))
    return found


def load(environ: Mapping[str, str] = os.environ, bundled_dir: Optional[Path] = None) -> ctypes.CDLL:
    """Loads libindy from the first of :func:`candidates` that works.

    Raises:
        LibraryNotFoundError: nothing could be loaded; the message names each attempt and
            why it failed.
    """
    failures = []
    for where, path in candidates(environ, bundled_dir):
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            failures.append("%s (%s): %s" % (where, path, e))
    hint = ("set %s to the path of %s (e.g. target/release/%s of a built libindy-rs), "
            "or put it on the system loader's path" % (LIBRARY_PATH_ENV, _platform_name(), _platform_name()))
    if environ.get(LIBRARY_PATH_ENV):
        hint = "fix or unset %s" % LIBRARY_PATH_ENV
    raise LibraryNotFoundError("cannot load libindy; tried: %s. To fix: %s."
                               % ("; ".join(failures) or "nothing", hint))


class Library:
    """The loaded library with every declared function bound once."""

    def __init__(self, cdll: ctypes.CDLL) -> None:
        self.cdll = cdll
        # name -> (C function, its callback)
        self.commands: Dict[str, Tuple[Any, Any]] = {}
        for name, (argtypes, cb_type) in SIGNATURES.items():
            fn = getattr(cdll, name, None)
            if fn is None:  # an older or newer build may lack one; calling it raises then
                continue
            fn.argtypes = (c_int32,) + argtypes + (cb_type,)
            fn.restype = c_int32
            self.commands[name] = (fn, _CALLBACKS[cb_type])
        self.sync: Dict[str, Any] = {}
        for name, (argtypes, restype) in SYNC_SIGNATURES.items():
            fn = getattr(cdll, name)
            fn.argtypes = argtypes
            fn.restype = restype
            self.sync[name] = fn
        self._get_current_error = self.sync["indy_get_current_error"]

    def current_error(self) -> Optional[Dict[str, Any]]:
        """This thread's error detail (``{"message", "backtrace"}``), or ``None``."""
        detail = c_char_p()
        self._get_current_error(ctypes.byref(detail))
        if not detail.value:
            return None
        try:
            parsed = json.loads(detail.value.decode("utf-8", "replace"))
        except ValueError:
            return {"message": detail.value.decode("utf-8", "replace"), "backtrace": None}
        return parsed if isinstance(parsed, dict) else None

    def error(self, code: int) -> IndyError:
        """The typed exception for ``code`` with this thread's error detail."""
        return error_for(code, self.current_error())


_library: Optional[Library] = None
_load_lock = threading.Lock()


def library() -> Library:
    """The library, loaded on first use (then the Python logging bridge is installed)."""
    lib = _library
    if lib is not None:
        return lib
    return _load_once()


def _load_once() -> Library:
    global _library
    with _load_lock:
        if _library is None:
            lib = Library(load())
            _library = lib
            atexit.register(_quiesce)
            from . import logger  # the bridge needs the loaded library

            logger.set_python_logger()
        return _library


# ------------------------------------------------------------------ the callback bridge

class _Inbox:
    """Answers waiting for one event loop; wakes the loop once per batch, not per answer."""

    __slots__ = ("_loop", "_lock", "_items", "_scheduled")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = weakref.ref(loop)  # the loop may close and go while commands are in flight
        self._lock = threading.Lock()
        self._items: List[Tuple["asyncio.Future[Any]", Optional[BaseException], Any]] = []
        self._scheduled = False

    def loop(self) -> Optional[asyncio.AbstractEventLoop]:
        return self._loop()

    def post(self, future: "asyncio.Future[Any]", error: Optional[BaseException], value: Any) -> None:
        """Called on a library thread: hands one answer to the loop."""
        with self._lock:
            self._items.append((future, error, value))
            if self._scheduled:
                return
            self._scheduled = True
        loop = self._loop()
        try:
            if loop is None:
                raise RuntimeError("event loop is gone")
            loop.call_soon_threadsafe(self._deliver)
        except RuntimeError:
            # The loop is closed: nothing can await these futures any more; drop the answers.
            with self._lock:
                self._items.clear()
                self._scheduled = False

    def _deliver(self) -> None:
        """Runs on the loop: resolves every future answered since the last wake-up."""
        with self._lock:
            items, self._items = self._items, []
            self._scheduled = False
        for future, error, value in items:
            if future.done():  # cancelled by its caller meanwhile
                continue
            if error is None:
                future.set_result(value)
            else:
                future.set_exception(error)


_inboxes: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Inbox]" = weakref.WeakKeyDictionary()
_local = threading.local()  # per thread: the inbox of the loop that last called here

_lock = threading.Lock()
_pending: Dict[int, Tuple[_Inbox, "asyncio.Future[Any]"]] = {}
_handles = itertools.count(1)


def _inbox(loop: asyncio.AbstractEventLoop) -> _Inbox:
    inbox: Optional[_Inbox] = getattr(_local, "inbox", None)
    if inbox is not None and inbox.loop() is loop:
        return inbox
    with _lock:
        inbox = _inboxes.get(loop)
        if inbox is None:
            inbox = _Inbox(loop)
            _inboxes[loop] = inbox
    _local.inbox = inbox
    return inbox


def call(name: str, *args: Any) -> "asyncio.Future[Any]":
    """Calls the asynchronous libindy function ``name`` and returns the future of its answer.

    Must run in a coroutine (the future belongs to the running loop). ``args`` are the C
    arguments between the command handle and the callback, already encoded (``bytes`` or
    ``None`` for strings, ``int`` for handles and lengths).

    Raises:
        IndyError: the library refused the call synchronously (the callback will not fire).
    """
    lib = _library or library()
    try:
        fn, cb = lib.commands[name]
    except KeyError:
        raise AttributeError("%s is not exported by the loaded libindy" % name) from None
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    entry = (_inbox(loop), future)
    with _lock:
        handle = next(_handles) & 0x7FFFFFFF
        while handle in _pending:  # only after 2**31 calls with one still unanswered
            handle = next(_handles) & 0x7FFFFFFF
        _pending[handle] = entry
    rc = fn(handle, *args, cb)
    if rc != 0:
        with _lock:
            _pending.pop(handle, None)
        raise lib.error(rc)
    return future


def call_sync(name: str, *args: Any) -> int:
    """Calls a synchronous libindy function; raises its typed error on a non-zero result."""
    lib = _library or library()
    rc: int = lib.sync[name](*args)
    if rc != 0:
        raise lib.error(rc)
    return rc


def pending_count() -> int:
    """Commands submitted and not yet answered by the library (for tests and diagnostics)."""
    with _lock:
        return len(_pending)


def _answer(handle: int, err: int, value: Any) -> None:
    """Runs on a library thread, inside the C callback."""
    with _lock:
        entry = _pending.pop(handle, None)
    if entry is None:
        _log.error("libindy answered unknown command handle %d (err %d)", handle, err)
        return
    inbox, future = entry
    error = None
    if err != 0:
        try:
            error = _library.error(err) if _library is not None else error_for(err)
        except Exception:  # unreadable detail: still answer, with the code alone
            error = error_for(err)
    inbox.post(future, error, value)


_active = 0  # library threads running Python code in a callback right now (under _lock)


def _enter() -> None:
    global _active
    with _lock:
        _active += 1


def _leave() -> None:
    global _active
    with _lock:
        _active -= 1


def _guard(convert: Callable[..., Any]) -> Callable[..., None]:
    """Wraps a result converter as a C callback that never lets an exception into C."""

    def callback(handle: int, err: int, *results: Any) -> None:
        _enter()
        try:
            _answer(handle, err, None if err else convert(*results))
        except BaseException:  # a ctypes callback must not raise; keep the loop's future answered
            _log.exception("libindy callback for command %d failed", handle)
            try:
                _answer(handle, 112, None)  # CommonInvalidState, as the library does for a dead task
            except BaseException:
                pass
        finally:
            _leave()

    return callback


def _quiesce(timeout: float = 5.0) -> None:
    """At interpreter exit: lets commands in flight be answered and callbacks leave Python.

    Once Python finalizes, a library thread entering or re-entering Python is terminated
    with ``pthread_exit``, and a thread unwound through the library's frames aborts the
    process. So, before that (``atexit``), the library's logging into Python is turned
    off and, for up to ``timeout`` seconds, the answers still due are awaited.
    """
    if _library is None:
        return
    try:
        _library.sync["indy_set_log_max_lvl"](0)
    except Exception:
        pass
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with _lock:
            busy = _active or _pending
        if not busy:
            break
        time.sleep(0.001)
    time.sleep(0.005)  # the last callback returns from Python into the library


def _text(raw: Optional[bytes]) -> Optional[str]:
    return None if raw is None else raw.decode("utf-8")


def _bytes(ptr: Optional[int], length: int) -> bytes:
    return ctypes.string_at(ptr, length) if length and ptr else b""


_CALLBACKS: Dict[Any, Any] = {
    CB_UNIT: CB_UNIT(_guard(lambda: None)),
    CB_STR: CB_STR(_guard(_text)),
    CB_STR_STR: CB_STR_STR(_guard(lambda a, b: (_text(a), _text(b)))),
    CB_STR_STR_STR: CB_STR_STR_STR(_guard(lambda a, b, c: (_text(a), _text(b), _text(c)))),
    CB_STR_STR_U64: CB_STR_STR_U64(_guard(lambda a, b, n: (_text(a), _text(b), n))),
    CB_HANDLE: CB_HANDLE(_guard(lambda h: h)),
    CB_HANDLE_COUNT: CB_HANDLE_COUNT(_guard(lambda h, n: (h, n))),
    CB_BOOL: CB_BOOL(_guard(bool)),
    CB_BYTES: CB_BYTES(_guard(_bytes)),
    CB_STR_BYTES: CB_STR_BYTES(_guard(lambda s, p, n: (_text(s), _bytes(p, n)))),
}


# ------------------------------------------------------------------ argument helpers

def text(value: Optional[str]) -> Optional[bytes]:
    """A ``str`` argument as the library takes it (UTF-8, ``None`` stays NULL)."""
    return None if value is None else value.encode("utf-8")

