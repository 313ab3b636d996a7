"""Library metrics (libindy's ``indy_metrics.h``)."""

from __future__ import annotations

from . import _ffi

__all__ = ["collect_metrics"]


async def collect_metrics() -> str:
    """Collects the library's counters.

    :return: a JSON object (as ``str``): libindy 1.16's counters (``threadpool_*`` for the
        expensive tier, ``opened_wallets_count``, ...) and, per tier, ``queued``,
        ``running``, ``completed``, ``panicked`` and latency percentiles in microseconds.
    """
    res: str = await _ffi.call("indy_collect_metrics")
    return res
