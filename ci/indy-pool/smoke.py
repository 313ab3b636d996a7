"""End-to-end check of the local pool with a real client (indy-vdr), client venv.

Usage: python smoke.py [GENESIS_FILE] [--writes N]
  GENESIS_FILE defaults to $INDY_POOL_GENESIS.
Writes N (default 1) new NYMs signed by the trustee (seed 000000000000000000000000Trustee1,
DID V4SGRU86Z58d6TV7PBUe6f), reads each back with GET_NYM, and prints timings.
Exit 0 on success.
"""
import argparse
import asyncio
import json
import os
import sys
import time

import base58
import nacl.signing
from indy_vdr import ledger, open_pool

TRUSTEE_SEED = b"000000000000000000000000Trustee1"


def did_and_key(seed: bytes):
    key = nacl.signing.SigningKey(seed)
    verkey = bytes(key.verify_key)
    return base58.b58encode(verkey[:16]).decode(), base58.b58encode(verkey).decode(), key


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("genesis", nargs="?", default=os.environ.get("INDY_POOL_GENESIS"))
    ap.add_argument("--writes", type=int, default=1)
    args = ap.parse_args()
    if not args.genesis:
        ap.error("no genesis file (argument or INDY_POOL_GENESIS)")

    trustee_did, _, trustee_key = did_and_key(TRUSTEE_SEED)
    assert trustee_did == "V4SGRU86Z58d6TV7PBUe6f", trustee_did

    t0 = time.monotonic()
    pool = await open_pool(transactions_path=args.genesis)
    print("opened pool (catch-up of the pool ledger) in %.2f s: %s" % (time.monotonic() - t0, pool))

    reply = await pool.submit_request(ledger.build_get_nym_request(None, trustee_did))
    data = json.loads(reply["data"])
    assert data["role"] == "0", data  # TRUSTEE
    print("GET_NYM trustee: role %s verkey %s" % (data["role"], data["verkey"]))
    nodes = await pool.get_verifiers()
    assert len(nodes) == 4, nodes

    write_times, read_times = [], []
    for _ in range(args.writes):
        did, verkey, _ = did_and_key(os.urandom(32))
        req = ledger.build_nym_request(trustee_did, did, verkey)
        req.set_signature(trustee_key.sign(req.signature_input).signature)
        t = time.monotonic()
        reply = await pool.submit_request(req)
        write_times.append(time.monotonic() - t)
        seq_no = reply["txnMetadata"]["seqNo"]
        assert reply["txn"]["data"]["dest"] == did, reply

        t = time.monotonic()
        reply = await pool.submit_request(ledger.build_get_nym_request(None, did))
        read_times.append(time.monotonic() - t)
        data = json.loads(reply["data"]) if reply.get("data") else None
        assert data and data["dest"] == did and data["verkey"] == verkey, reply
        assert reply["seqNo"] == seq_no, (reply["seqNo"], seq_no)
        # A BLS multi-signed state proof (checked by indy-vdr) proves the nodes' BLS works.
        assert (reply.get("state_proof") or {}).get("multi_signature"), reply
        print("NYM %s written (domain seqNo %d) and read back" % (did, seq_no))
    pool.close()

    print("writes: %d, mean %.3f s, max %.3f s; reads: mean %.3f s, max %.3f s" % (
        len(write_times), sum(write_times) / len(write_times), max(write_times),
        sum(read_times) / len(read_times), max(read_times)))
    print("smoke OK")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
