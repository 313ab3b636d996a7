"""Shared by pool_setup.py and node_launcher.py (both run in the pool venv).

indy-node/plenum keep their configuration in one shared module object (stp_core.config)
that `getConfigOnce()` re-fills from the packaged defaults (GENERAL_CONFIG_DIR=/etc/indy,
RocksDB storage) whenever it is called, and importing `indy_node` calls it. So: import
indy_node first, then write this pool's settings into the default modules themselves
(plenum.config, indy_common.config) as well as into the live config object, so that any
later re-read keeps them. Nothing is read from or written to /etc/indy or /var/lib/indy.
"""
import importlib.util
import logging
import os
import types

NETWORK = "sandbox"

CONFIG_TEMPLATE = """\
# Written by ci/indy-pool/pool_setup.py for a throw-away local test pool.
import logging
from plenum.common.constants import KeyValueStorageType, HS_LEVELDB

NETWORK_NAME = {network!r}
GENERAL_CONFIG_DIR = {etc!r}
LEDGER_DIR = {pool!r} + '/data'
LOG_DIR = {pool!r} + '/log'
KEYS_DIR = {pool!r} + '/keys'
GENESIS_DIR = {pool!r} + '/genesis'
BACKUP_DIR = {pool!r} + '/backup'
PLUGINS_DIR = {pool!r} + '/plugins'
NODE_INFO_DIR = {pool!r} + '/info'

# python-rocksdb does not build on Debian 12: LevelDB everywhere. nodeStatusStorage in
# memory (LevelDB hands keys back as bytearray after a restart, which plenum rejects).
hashStore = {{"type": HS_LEVELDB}}
stateTsStorage = KeyValueStorageType.Leveldb
domainStateStorage = KeyValueStorageType.Leveldb
poolStateStorage = KeyValueStorageType.Leveldb
configStateStorage = KeyValueStorageType.Leveldb
reqIdToTxnStorage = KeyValueStorageType.Leveldb
nodeStatusStorage = KeyValueStorageType.Memory
stateSignatureStorage = KeyValueStorageType.Leveldb
transactionLogDefaultStorage = KeyValueStorageType.Leveldb
idrCacheStorage = KeyValueStorageType.Leveldb
attrStorage = KeyValueStorageType.Leveldb
METRICS_KV_STORAGE = KeyValueStorageType.Leveldb
METRICS_COLLECTOR_TYPE = None

# Order a batch 50 ms after its first request instead of 3 s (back-to-back writes).
Max3PCBatchWait = 0.05

logLevel = logging.INFO
enableStdOutLogging = False
"""


def config_path(pool_dir):
    return os.path.join(pool_dir, "etc", "indy_config.py")


def write_config(pool_dir):
    etc = os.path.join(pool_dir, "etc")
    os.makedirs(etc, exist_ok=True)
    with open(config_path(pool_dir), "w") as f:
        f.write(CONFIG_TEMPLATE.format(network=NETWORK, etc=etc, pool=pool_dir))


def load_config(pool_dir):
    """Return indy's config object with this pool's settings (call after importing indy_node)."""
    import indy_node  # noqa: F401  (runs setup_plugins -> getConfigOnce, the "reset")
    import plenum.config
    import indy_common.config
    import plenum.common.config_util as plenum_config_util
    import indy_common.config_util as indy_config_util

    path = config_path(pool_dir)
    spec = importlib.util.spec_from_file_location("indy_pool_config", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    overrides = {k: v for k, v in vars(mod).items()
                 if not k.startswith("_") and not isinstance(v, types.ModuleType)}

    for defaults in (plenum.config, indy_common.config):
        vars(defaults).update(overrides)
    plenum_config_util.CONFIG = None
    indy_config_util.CONFIG = None
    config = indy_config_util.getConfig(general_config_dir=os.path.dirname(path))
    vars(config).update(overrides)
    assert config.NETWORK_NAME == NETWORK and config.LEDGER_DIR.startswith(pool_dir)
    logging.getLogger().setLevel(config.logLevel)
    return config
