"""The ledger bench's reads with the indy-vdr Python package: GET_NYM of the trustee, one at
a time (latency) and N in flight (throughput). Prints one JSON object.
Usage: python ledger_vdr.py GENESIS SECONDS IN_FLIGHT"""
import asyncio
import json
import sys
import time

from indy_vdr import ledger, open_pool


async def main(genesis, seconds, in_flight):
    pool = await open_pool(transactions_path=genesis)
    read = lambda: pool.submit_request(ledger.build_get_nym_request(None, "V4SGRU86Z58d6TV7PBUe6f"))
    latencies = []
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        t = time.monotonic()
        await read()
        latencies.append((time.monotonic() - t) * 1e3)
    one = len(latencies) / (time.monotonic() - start)
    latencies.sort()
    done = 0
    start = time.monotonic()

    async def client():
        nonlocal done
        while time.monotonic() - start < seconds:
            await read()
            done += 1

    await asyncio.gather(*(client() for _ in range(in_flight)))
    many = done / (time.monotonic() - start)
    pct = lambda p: latencies[int((len(latencies) - 1) * p)]
    print(json.dumps({"p50_ms": pct(0.5), "p99_ms": pct(0.99), "one_per_s": one, "many_per_s": many}))


asyncio.run(main(sys.argv[1], float(sys.argv[2]), int(sys.argv[3])))
