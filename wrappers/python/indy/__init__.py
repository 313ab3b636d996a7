"""libindy-rs for Python: python3-indy's API over the libindy-rs library.

Import it as python3-indy: ``from indy import wallet, did, crypto, non_secrets, pairwise``.
Only what the library implements is here: payments are absent until the library has them.

The library is loaded on first use from ``$INDY_LIBRARY_PATH``, else the copy bundled in
``indy/_lib/``, else the system loader (see :func:`indy._ffi.candidates`).
"""

from indy.error import IndyError
from indy import (anoncreds, blob_storage, cache, crypto, did, ledger, libindy, logger, metrics, non_secrets, pairwise,
                  pool, storage, wallet)

__all__ = ["IndyError", "anoncreds", "blob_storage", "cache", "crypto", "did", "ledger", "libindy", "logger", "metrics",
           "non_secrets", "pairwise", "pool", "storage", "wallet"]

__version__ = "1.16.0"
