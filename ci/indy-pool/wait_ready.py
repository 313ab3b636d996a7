"""Wait until the local pool answers a GET_TXN for domain ledger seqNo 1 (client venv).

Usage: python wait_ready.py GENESIS_FILE [TIMEOUT_SECONDS]
Exit 0 when a reply with seqNo 1 came back (through indy-vdr: CurveZMQ to the nodes,
f+1 matching replies or a state proof), 1 on time-out.
"""
import asyncio
import sys
import time

import indy_vdr
from indy_vdr import ledger, open_pool


async def attempt(genesis):
    pool = await open_pool(transactions_path=genesis)
    try:
        reply = await pool.submit_request(ledger.build_get_txn_request(None, 1, 1))
        data = reply.get("data") or {}
        return (data.get("txnMetadata") or {}).get("seqNo") == 1
    finally:
        pool.close()


async def main(genesis, timeout):
    # Short per-request timeouts so a not-yet-listening pool is retried quickly.
    indy_vdr.set_config({"ack_timeout": 2, "reply_timeout": 5})
    start = time.monotonic()
    last = None
    while time.monotonic() - start < timeout:
        try:
            if await asyncio.wait_for(attempt(genesis), timeout=10):
                print("pool ready: GET_TXN domain seqNo 1 answered after %.1f s"
                      % (time.monotonic() - start))
                return 0
        except Exception as e:  # noqa: BLE001 - not ready yet
            last = e
        await asyncio.sleep(0.5)
    print("pool not ready after %d s (last error: %r)" % (timeout, last), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 90)))
