"""The library's log, fed to Python's :mod:`logging`.

When the library is loaded, its log is routed to the loggers ``indy.libindy.native.<target>``
(the Rust module path, ``::`` written ``.``), the names python3-indy uses, with the Rust
file and line as the record's ``pathname`` and ``lineno``. Levels: the library's error,
warn, info, debug and trace become ``ERROR``, ``WARNING``, ``INFO``, ``DEBUG`` and
:data:`TRACE` (5).

The library only produces the levels Python would keep: the most verbose level is taken
from the effective level of ``indy.libindy.native`` when the library loads. After changing
logging configuration, call :func:`set_log_level` to pass the new level on.
"""

from __future__ import annotations

import logging
from ctypes import c_uint32
from typing import Optional

from . import _ffi

__all__ = ["TRACE", "NATIVE_LOGGER", "set_python_logger", "set_log_level", "set_default_logger"]

TRACE = 5
"""The level of the library's trace records (below ``logging.DEBUG``)."""

NATIVE_LOGGER = "indy.libindy.native"
"""The parent of the loggers the library's records go to."""

logging.addLevelName(TRACE, "TRACE")

_LEVELS = {1: logging.ERROR, 2: logging.WARNING, 3: logging.INFO, 4: logging.DEBUG, 5: TRACE}


def _library_level(python_level: int) -> int:
    """The library's most verbose level (0 off ... 5 trace) that ``python_level`` lets through."""
    for library_level, level in sorted(_LEVELS.items(), reverse=True):
        if python_level <= level:
            return library_level
    return 0


def _effective(level: Optional[int]) -> int:
    return _library_level(logging.getLogger(NATIVE_LOGGER).getEffectiveLevel() if level is None else level)


def _on_log(context: Optional[int], level: int, target: Optional[bytes], message: Optional[bytes],
            module_path: Optional[bytes], file: Optional[bytes], line: int) -> None:
    _ffi._enter()
    try:
        name = (target or b"").decode("utf-8", "replace").replace("::", ".")
        logger = logging.getLogger(NATIVE_LOGGER + "." + name if name else NATIVE_LOGGER)
        py_level = _LEVELS.get(level, logging.ERROR)
        if not logger.isEnabledFor(py_level):
            return
        record = logger.makeRecord(
            logger.name, py_level, (file or b"").decode("utf-8", "replace"), line,
            (message or b"").decode("utf-8", "replace"), (), None)
        logger.handle(record)
    except Exception:  # never let an exception into the library
        pass
    finally:
        _ffi._leave()


def _on_flush(context: Optional[int]) -> None:
    try:
        for handler in logging.getLogger(NATIVE_LOGGER).handlers + logging.getLogger().handlers:
            handler.flush()
    except Exception:
        pass


# Kept for the life of the process: the library may log from any thread at any time.
_LOG_CB = _ffi.LOG_CB(_on_log)
_FLUSH_CB = _ffi.FLUSH_CB(_on_flush)


def set_python_logger(level: Optional[int] = None) -> None:
    """Routes the library's log to Python's :mod:`logging` (done when the library loads).

    :param level: the most verbose Python level to produce (e.g. ``logging.DEBUG``);
        ``None`` takes the effective level of ``indy.libindy.native``.
    :return: None.
    """
    _ffi.call_sync("indy_set_logger_with_max_lvl", None, None, _LOG_CB, _FLUSH_CB, c_uint32(_effective(level)))


def set_log_level(level: Optional[int] = None) -> None:
    """Sets the most verbose level the library produces.

    :param level: a Python level (``logging.DEBUG``, :data:`TRACE`, ...); ``None`` takes the
        effective level of ``indy.libindy.native`` now (call it after reconfiguring logging).
    :return: None.
    """
    _ffi.call_sync("indy_set_log_max_lvl", c_uint32(_effective(level)))


def set_default_logger(pattern: Optional[str] = None) -> None:
    """Makes the library log to stderr itself instead of to Python.

    :param pattern: a filter in ``RUST_LOG`` syntax (``"info"``, ``"indy=debug"``);
        ``None`` reads the ``RUST_LOG`` environment variable.
    :return: None. :func:`set_python_logger` routes the log back to Python.
    """
    _ffi.call_sync("indy_set_default_logger", _ffi.text(pattern))
