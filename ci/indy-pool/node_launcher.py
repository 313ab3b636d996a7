"""Run one validator node of the local test pool.

Usage (pool venv): python node_launcher.py POOL_DIR NODE_NAME NODE_PORT CLIENT_PORT

Like indy-node's `start_indy_node`, but with the configuration taken from POOL_DIR
(see pool_common.py) instead of /etc/indy.
"""
import os
import sys

import pool_common


def main():
    pool_dir = os.path.abspath(sys.argv[1])
    name, node_port, client_port = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    config = pool_common.load_config(pool_dir)
    from indy_node.utils.node_runner import run_node
    run_node(config, name, node_ip="127.0.0.1", node_port=node_port,
             client_ip="127.0.0.1", client_port=client_port)


if __name__ == "__main__":
    main()
