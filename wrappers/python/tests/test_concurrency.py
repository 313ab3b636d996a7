"""The callback bridge under load: many calls in flight on one loop, several threads each
with its own loop, cancelled calls, closed loops, and the life of futures and callbacks."""

import asyncio
import gc
import json
import logging
import threading
import weakref

import pytest

from indy import _ffi, crypto, did, error, non_secrets

from conftest import MESSAGE, MY1_SEED, MY1_SIGNATURE, MY1_VERKEY, TRUSTEE1_DID, TRUSTEE1_VERKEY, unknown_did

ABBREVIATED = "~CoRER63DVYnWZtK8uAzNbx"


async def wait_all_answered(timeout=20.0):
    for _ in range(int(timeout / 0.01)):
        if _ffi.pending_count() == 0:
            break
        await asyncio.sleep(0.01)
    assert _ffi.pending_count() == 0
    await asyncio.sleep(0.05)  # let the last batch reach the loop


def collect_loop_errors(loop):
    errors = []
    loop.set_exception_handler(lambda _loop, context: errors.append(context))
    return errors


async def test_1000_in_flight_from_one_loop(raw_wallet):
    verified = await asyncio.gather(*(crypto.crypto_verify(MY1_VERKEY, MESSAGE, MY1_SIGNATURE) for _ in range(1000)))
    assert verified == [True] * 1000
    abbreviated = await asyncio.gather(*(did.abbreviate_verkey(TRUSTEE1_DID, TRUSTEE1_VERKEY) for _ in range(1000)))
    assert abbreviated == [ABBREVIATED] * 1000

    h = raw_wallet.handle
    await asyncio.gather(*(non_secrets.add_wallet_record(h, "n", str(i), "v%d" % i, None) for i in range(1000)))
    values = await asyncio.gather(*(non_secrets.get_wallet_record(h, "n", str(i), "{}") for i in range(1000)))
    assert [json.loads(v)["value"] for v in values] == ["v%d" % i for i in range(1000)]


async def test_1000_mixed_successes_and_failures_all_answered(raw_wallet):
    loop = asyncio.get_running_loop()
    errors = collect_loop_errors(loop)
    h = raw_wallet.handle
    vk = await crypto.create_key(h, json.dumps({"seed": MY1_SEED}))
    calls = []
    for i in range(1000):
        if i % 3 == 0:
            calls.append(crypto.crypto_sign(h, vk, MESSAGE))
        elif i % 3 == 1:
            calls.append(did.key_for_local_did(h, unknown_did(i)))
        else:
            calls.append(crypto.crypto_verify("bad key", MESSAGE, MY1_SIGNATURE))
    results = await asyncio.gather(*calls, return_exceptions=True)
    for i, res in enumerate(results):
        expected = (bytes, error.WalletItemNotFound, error.CommonInvalidStructure)[i % 3]
        assert isinstance(res, expected), (i, res)
    assert results[0] == MY1_SIGNATURE
    assert not errors


def run_in_threads(count, worker):
    failures = []

    def target(i):
        try:
            worker(i)
        except BaseException as e:  # reported below
            failures.append((i, e))

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not any(t.is_alive() for t in threads)
    assert not failures, failures


def test_threads_each_with_its_own_loop():
    seeds = ["%032d" % i for i in range(8)]

    def worker(i):
        async def main():
            loop = asyncio.get_running_loop()
            me = threading.get_ident()
            resolved_on = set()

            def note(_future):
                resolved_on.add((threading.get_ident(), asyncio.get_running_loop() is loop))

            key = await _ffi.call("indy_generate_wallet_key", json.dumps({"seed": seeds[i]}).encode())
            futures = [_ffi.call("indy_abbreviate_verkey", TRUSTEE1_DID.encode(), TRUSTEE1_VERKEY.encode())
                       for _ in range(300)]
            for f in futures:
                f.add_done_callback(note)
            assert await asyncio.gather(*futures) == [ABBREVIATED] * 300
            for _ in range(50):  # one at a time too
                assert await crypto.crypto_verify(MY1_VERKEY, MESSAGE, MY1_SIGNATURE) is True
            assert resolved_on == {(me, True)}
            return key

        keys.append(asyncio.run(main()))

    keys = []
    run_in_threads(8, worker)
    assert len(set(keys)) == 8  # each thread got its own answers


def test_several_loops_one_after_another_in_one_thread():
    async def main():
        return await did.abbreviate_verkey(TRUSTEE1_DID, TRUSTEE1_VERKEY)

    assert [asyncio.run(main()) for _ in range(5)] == [ABBREVIATED] * 5


async def test_cancelled_calls_are_answered_and_dropped():
    loop = asyncio.get_running_loop()
    errors = collect_loop_errors(loop)
    tasks = [asyncio.ensure_future(crypto.crypto_verify("bad key", MESSAGE, MY1_SIGNATURE)) for _ in range(300)]
    tasks += [asyncio.ensure_future(did.abbreviate_verkey(TRUSTEE1_DID, TRUSTEE1_VERKEY)) for _ in range(300)]
    await asyncio.sleep(0)  # each task has submitted its call and awaits the answer
    for t in tasks:
        t.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    cancelled = sum(isinstance(r, asyncio.CancelledError) for r in results)
    assert cancelled > 0
    await wait_all_answered()
    del tasks, results
    gc.collect()
    await asyncio.sleep(0.05)
    assert not errors, errors[:3]


async def test_futures_live_until_answered_then_are_freed():
    """No future is collected while the library may still answer it (so no answer is ever
    delivered to a collected future), and none is kept after its answer."""
    refs = [weakref.ref(_ffi.call("indy_abbreviate_verkey", TRUSTEE1_DID.encode(), TRUSTEE1_VERKEY.encode()))
            for _ in range(500)]
    refs += [weakref.ref(_ffi.call("indy_crypto_verify", b"bad key", MESSAGE, len(MESSAGE), MY1_SIGNATURE, 64))
             for _ in range(500)]
    gc.collect()
    # Nobody holds these futures but the bridge (its registry until the library answers, then
    # the loop's inbox until the loop runs): all are alive, whether answered yet or not.
    assert sum(r() is not None for r in refs) == len(refs)
    errors = collect_loop_errors(asyncio.get_running_loop())
    await wait_all_answered()
    gc.collect()
    await asyncio.sleep(0)
    # The failed ones were never awaited: asyncio reports that (its report holds the future).
    assert len(errors) == 500 and all("never retrieved" in c["message"] for c in errors)
    errors.clear()
    gc.collect()
    assert sum(r() is not None for r in refs) == 0


def test_loop_closed_with_calls_in_flight(caplog):
    caplog.set_level(logging.ERROR, logger="indy")
    hooks = []
    old_hook = threading.excepthook
    threading.excepthook = hooks.append
    try:
        def worker(_i):
            loop = asyncio.new_event_loop()

            async def submit():
                return [_ffi.call("indy_crypto_anon_crypt", MY1_VERKEY.encode(), b"x" * 4096, 4096)
                        for _ in range(200)]

            loop.run_until_complete(submit())
            loop.close()  # answers still on their way

        run_in_threads(4, worker)
        for _ in range(2000):
            if _ffi.pending_count() == 0:
                break
            threading.Event().wait(0.01)
        assert _ffi.pending_count() == 0
    finally:
        threading.excepthook = old_hook
    assert not hooks
    assert not [r for r in caplog.records if r.name.startswith("indy")]

    async def still_works():
        return await did.abbreviate_verkey(TRUSTEE1_DID, TRUSTEE1_VERKEY)

    assert asyncio.run(still_works()) == ABBREVIATED


def test_callbacks_are_shared_and_permanent(library):
    """One C callback object per result shape, held by the module for the process's life."""
    callbacks = {id(cb) for _fn, cb in library.commands.values()}
    assert callbacks <= {id(cb) for cb in _ffi._CALLBACKS.values()}
    assert len(_ffi._CALLBACKS) == 10


@pytest.mark.parametrize("threads", [4])
def test_threads_share_a_wallet(tmp_path, threads):
    """Loops in several threads use one wallet at once: every write lands exactly once."""
    from indy import wallet

    async def setup():
        key = await wallet.generate_wallet_key()
        config = json.dumps({"id": "shared", "storage_config": {"path": str(tmp_path)}})
        creds = json.dumps({"key": key, "key_derivation_method": "RAW"})
        await wallet.create_wallet(config, creds)
        return config, creds, await wallet.open_wallet(config, creds)

    config, creds, handle = asyncio.run(setup())

    def worker(i):
        async def main():
            await asyncio.gather(*(non_secrets.add_wallet_record(handle, "t", "%d-%d" % (i, n), str(n), None)
                                   for n in range(250)))
        asyncio.run(main())

    run_in_threads(threads, worker)

    async def check():
        search = await non_secrets.open_wallet_search(handle, "t", "{}", json.dumps(
            {"retrieveRecords": False, "retrieveTotalCount": True}))
        total = json.loads(await non_secrets.fetch_wallet_search_next_records(handle, search, 1))["totalCount"]
        await non_secrets.close_wallet_search(search)
        await wallet.close_wallet(handle)
        await wallet.delete_wallet(config, creds)
        return total

    assert asyncio.run(check()) == threads * 250
