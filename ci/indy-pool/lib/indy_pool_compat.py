"""Python 3.11 compatibility shims for indy-plenum 1.13 / sortedcontainers 1.5.7.

Installed into the pool venv's site-packages by ci/indy-pool/build.sh with a .pth file that
imports it at interpreter start-up (a sitecustomize.py in the venv would be shadowed by
Debian's /usr/lib/python3.11/sitecustomize.py).
"""
import collections
import collections.abc

# sortedcontainers 1.5.7 and plenum do `from collections import Sequence, ...`
# (aliases removed in Python 3.10).
for _name in collections.abc.__all__:
    if not hasattr(collections, _name):
        setattr(collections, _name, getattr(collections.abc, _name))

# stp_core imports asyncio.coroutines.CoroWrapper (removed in 3.11) for type hints only.
try:
    import asyncio.coroutines as _coroutines

    if not hasattr(_coroutines, "CoroWrapper"):
        class CoroWrapper:  # noqa: D401 - placeholder type
            """Placeholder for the removed asyncio CoroWrapper (type hints only)."""

        _coroutines.CoroWrapper = CoroWrapper
except Exception:  # pragma: no cover - never block interpreter start-up
    pass
