"""A wallet storage type written in Python (indy.storage / wallet.register_wallet_storage)."""

import asyncio
import fnmatch
import json
import threading
import uuid

import pytest

from indy import crypto, did, error, non_secrets, wallet
from indy.storage import OpenedStorage, StorageRecord, WalletStorage

from conftest import MY1_SEED, TRUSTEE1_DID, TRUSTEE1_SEED, TRUSTEE1_VERKEY


def matches(query, tags):
    """WQL over the encoded tags the library stores (names and values compared as given)."""
    for key, cond in query.items():
        if key == "$and":
            ok = all(matches(q, tags) for q in cond)
        elif key == "$or":
            ok = any(matches(q, tags) for q in cond)
        elif key == "$not":
            ok = not matches(cond, tags)
        elif key not in tags:
            ok = False
        elif isinstance(cond, str):
            ok = tags[key] == cond
        else:
            (op, want), = cond.items()
            have = tags[key]
            ok = {"$neq": lambda: have != want, "$gt": lambda: have > want, "$gte": lambda: have >= want,
                  "$lt": lambda: have < want, "$lte": lambda: have <= want, "$in": lambda: have in want,
                  "$like": lambda: fnmatch.fnmatchcase(have, want.replace("%", "*").replace("_", "?"))}[op]()
        if not ok:
            return False
    return True


class MemoryWallet(OpenedStorage):
    def __init__(self, data, log):
        self.data = data
        self.log = log

    def _record(self, type_, id):
        try:
            return self.data["records"][(type_, id)]
        except KeyError:
            raise error.WalletItemNotFound() from None

    def close(self):
        self.log.append("close")

    def add_record(self, type_, id, value, tags):
        if (type_, id) in self.data["records"]:
            raise error.WalletItemAlreadyExists()
        self.data["records"][(type_, id)] = StorageRecord(type_, id, value, dict(tags))

    def update_record_value(self, type_, id, value):
        self._record(type_, id).value = value

    def update_record_tags(self, type_, id, tags):
        self._record(type_, id).tags = dict(tags)

    def add_record_tags(self, type_, id, tags):
        self._record(type_, id).tags.update(tags)

    def delete_record_tags(self, type_, id, tag_names):
        record = self._record(type_, id)
        for name in tag_names:
            record.tags.pop(name, None)

    def delete_record(self, type_, id):
        self._record(type_, id)
        del self.data["records"][(type_, id)]

    def get_record(self, type_, id, options):
        return self._record(type_, id)

    def get_metadata(self):
        return self.data["metadata"]

    def set_metadata(self, metadata):
        self.data["metadata"] = metadata

    def search_records(self, type_, query, options):
        self.log.append("search")
        return [r for (t, _), r in self.data["records"].items() if t == type_ and matches(query, r.tags)]

    def search_all_records(self):
        return list(self.data["records"].values())


class MemoryStorage(WalletStorage):
    def __init__(self):
        self.wallets = {}
        self.log = []
        self.threads = set()
        self.lock = threading.Lock()

    def create(self, name, config, credentials, metadata):
        self.threads.add(threading.get_ident())
        with self.lock:
            if name in self.wallets:
                raise error.WalletAlreadyExistsError()
            self.wallets[name] = {"metadata": metadata, "records": {}, "config": config}

    def open(self, name, config, credentials):
        with self.lock:
            if name not in self.wallets:
                raise error.WalletNotFoundError()
            return MemoryWallet(self.wallets[name], self.log)

    def delete(self, name, config, credentials):
        with self.lock:
            if self.wallets.pop(name, None) is None:
                raise error.WalletNotFoundError()


@pytest.fixture(scope="module")
def memory_storage():
    """Registered once (a type cannot be unregistered), on a loop of its own."""
    storage = MemoryStorage()
    name = "pymem-" + uuid.uuid4().hex[:8]
    asyncio.run(wallet.register_wallet_storage(name, storage))
    return name, storage


async def test_a_wallet_in_python_storage(memory_storage):
    type_name, storage = memory_storage
    config = json.dumps({"id": "pw1", "storage_type": type_name, "storage_config": {"anything": 1}})
    creds = json.dumps({"key": await wallet.generate_wallet_key(), "key_derivation_method": "RAW"})
    await wallet.create_wallet(config, creds)
    assert json.loads(storage.wallets["pw1"]["config"]) == {"anything": 1}
    assert threading.get_ident() not in storage.threads  # called on the library's threads
    with pytest.raises(error.WalletAlreadyExistsError):
        await wallet.create_wallet(config, creds)

    h = await wallet.open_wallet(config, creds)
    assert await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED})) == \
        (TRUSTEE1_DID, TRUSTEE1_VERKEY)
    vk = await crypto.create_key(h, json.dumps({"seed": MY1_SEED}))
    assert await crypto.crypto_verify(vk, b"m", await crypto.crypto_sign(h, vk, b"m"))
    for i in range(6):
        await non_secrets.add_wallet_record(h, "note", "r%d" % i, "v%d" % i, json.dumps({"k": str(i % 2), "~n": str(i)}))
    await non_secrets.update_wallet_record_value(h, "note", "r0", "changed")
    await non_secrets.add_wallet_record_tags(h, "note", "r0", json.dumps({"extra": "yes"}))
    await non_secrets.delete_wallet_record_tags(h, "note", "r0", json.dumps(["extra"]))
    await non_secrets.delete_wallet_record(h, "note", "r5")
    with pytest.raises(error.WalletItemNotFound):
        await non_secrets.delete_wallet_record(h, "note", "r5")
    with pytest.raises(error.WalletItemAlreadyExists):
        await non_secrets.add_wallet_record(h, "note", "r1", "v", None)
    record = json.loads(await non_secrets.get_wallet_record(h, "note", "r0", json.dumps({"retrieveTags": True})))
    assert record["value"] == "changed" and record["tags"] == {"k": "0", "~n": "0"}

    # The storage holds only what the library encrypted.
    stored = repr(storage.wallets["pw1"])
    assert "changed" not in stored and "note" not in stored and TRUSTEE1_DID not in stored

    search = await non_secrets.open_wallet_search(h, "note", json.dumps({"k": "1", "~n": {"$gte": "2"}}),
                                                  json.dumps({"retrieveTotalCount": True}))
    found = json.loads(await non_secrets.fetch_wallet_search_next_records(h, search, 10))
    await non_secrets.close_wallet_search(search)
    assert sorted(r["id"] for r in found["records"]) == ["r3"] and found["totalCount"] == 1
    assert "search" in storage.log
    await wallet.close_wallet(h)
    assert "close" in storage.log

    h = await wallet.open_wallet(config, creds)  # reopened: everything is there
    assert await did.key_for_local_did(h, TRUSTEE1_DID) == TRUSTEE1_VERKEY
    await wallet.close_wallet(h)
    with pytest.raises(error.WalletAccessFailed):
        await wallet.open_wallet(config, json.dumps({"key": await wallet.generate_wallet_key(),
                                                     "key_derivation_method": "RAW"}))
    await wallet.delete_wallet(config, creds)
    assert "pw1" not in storage.wallets
    with pytest.raises(error.WalletNotFoundError):
        await wallet.open_wallet(config, creds)


async def test_storage_failure_becomes_wallet_storage_error(memory_storage, caplog):
    type_name, storage = memory_storage
    config = json.dumps({"id": "pw2", "storage_type": type_name})
    creds = json.dumps({"key": await wallet.generate_wallet_key(), "key_derivation_method": "RAW"})
    await wallet.create_wallet(config, creds)
    h = await wallet.open_wallet(config, creds)
    original = MemoryWallet.add_record
    MemoryWallet.add_record = lambda self, *a: 1 / 0
    try:
        with pytest.raises(error.WalletStorageError):
            await non_secrets.add_wallet_record(h, "note", "x", "v", None)
    finally:
        MemoryWallet.add_record = original
    assert any("ZeroDivisionError" in (r.exc_text or "") for r in caplog.records)
    await non_secrets.add_wallet_record(h, "note", "x", "v", None)  # works again
    await wallet.close_wallet(h)
    await wallet.delete_wallet(config, creds)


async def test_register_twice_is_refused(memory_storage):
    type_name, _ = memory_storage
    with pytest.raises(error.WalletTypeAlreadyRegisteredError):
        await wallet.register_wallet_storage(type_name, MemoryStorage())
