"""Library-wide settings (python3-indy's ``indy.libindy``).

The loading, the C signatures and the callback bridge live in :mod:`indy._ffi`; this
module keeps python3-indy's public names.
"""

from __future__ import annotations

import ctypes

from . import _ffi
from .logger import TRACE

__all__ = ["TRACE", "set_runtime_config"]


def set_runtime_config(config: str) -> None:
    """Sets runtime options; takes effect at once. Synchronous.

    :param config: JSON object, every key optional:
        ``crypto_thread_pool_size`` (threads for expensive crypto such as Argon2),
        ``collect_backtrace`` (bool: fill ``IndyError.indy_backtrace``),
        ``freshness_threshold``, and this library's ``cheap_thread_pool_size``,
        ``callback_thread_pool_size``, ``expensive_thread_priority`` (nice 0-19),
        ``expensive_thread_stack_size`` (bytes).
    :return: None.
    :raises CommonInvalidStructure: an unknown key or a bad value (nothing is changed).
        (python3-indy ignored this error; here it is raised.)
    """
    _ffi.call_sync("indy_set_runtime_config", _ffi.text(config))


def _cdll() -> ctypes.CDLL:
    """The loaded library (loading it if needed), as python3-indy's private ``_cdll``.

    Kept because agents probe for libindy with ``from indy.libindy import _cdll; _cdll()``
    (ACA-Py's ``require_indy``), catching ``ImportError`` and ``OSError``.

    :return: the ``ctypes.CDLL``.
    :raises LibraryNotFoundError: (an ``OSError``) the library cannot be loaded.
    """
    return _ffi.library().cdll
