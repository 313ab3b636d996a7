"""Create a fresh pool state directory: config, node keys and genesis files.

Usage (pool venv): python pool_setup.py POOL_DIR

Produces the same keys and genesis as libindy's test pool, i.e. as
`generate_indy_pool_transactions --nodes 4 --clients 5 --nodeNum 1 2 3 4
 --ips 127.0.0.1,127.0.0.1,127.0.0.1,127.0.0.1` (network sandbox), by calling the same
plenum code that script calls, but without its side effect of rewriting
/etc/indy/indy_config.py. Seeds come from plenum's naming scheme:
'000000000000000000000000Trustee1', '000000000000000000000000Steward1'..'4',
'00000000000000000000000000Node1'..'4', '000000000000000000000000Client1'..'5'.
"""
import os
import shutil
import sys

import pool_common

NODES = 4
CLIENTS = 5
PORTS_START = 9700  # Node i: node port 9700+2i-1, client port 9700+2i
IPS = ["127.0.0.1"] * NODES


def main():
    pool_dir = os.path.abspath(sys.argv[1])
    pool_common.write_config(pool_dir)
    config = pool_common.load_config(pool_dir)

    from plenum.common.test_network_setup import TestNetworkSetup
    from indy_common.config_helper import ConfigHelper, NodeConfigHelper
    from indy_common.txn_util import getTxnOrderedFields

    steward_defs, node_defs = TestNetworkSetup.gen_defs(list(IPS), NODES, PORTS_START)
    client_defs = TestNetworkSetup.gen_client_defs(CLIENTS)
    trustee_def = TestNetworkSetup.gen_trustee_def(1)
    # As bootstrapTestNodes does for `--nodeNum 1 2 3 4`: one pass with the local nodes
    # (their keys), then one with none (the genesis for everybody; same content).
    for node_num in ([1, 2, 3, 4], None):
        TestNetworkSetup.bootstrapTestNodesCore(
            config, pool_common.NETWORK, False, getTxnOrderedFields(), trustee_def,
            steward_defs, node_defs, client_defs, node_num, "indy.env",
            ConfigHelper, NodeConfigHelper)

    helper = ConfigHelper(config)
    for d in (helper.ledger_data_dir, helper.log_dir, helper.node_info_dir,
              helper.backup_dir, helper.plugins_dir):
        os.makedirs(d, exist_ok=True)
    genesis_dir = helper.genesis_dir
    for name in ("pool_transactions_genesis", "domain_transactions_genesis"):
        shutil.copy(os.path.join(genesis_dir, name), os.path.join(pool_dir, name))
    with open(os.path.join(pool_dir, "nodes.txt"), "w") as f:
        for nd in node_defs:
            f.write("{} {} {}\n".format(nd.name, nd.port, nd.client_port))


if __name__ == "__main__":
    main()
