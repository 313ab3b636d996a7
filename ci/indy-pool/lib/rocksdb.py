"""Stub for python-rocksdb (which does not build against Debian 12's RocksDB).

plenum imports `rocksdb` at module load and subclasses `rocksdb.IComparator`; the pool
is configured to use LevelDB for every store, so nothing here is ever used at run time.
"""


class IComparator:
    pass


def _unavailable(*_args, **_kwargs):
    raise RuntimeError("rocksdb is not available in this pool build: configure LevelDB storage")


DB = Options = LRUCache = BlockBasedTableFactory = BloomFilterPolicy = _unavailable
