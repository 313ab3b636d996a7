# Source me: `source ci/indy-pool/env.sh [POOL_DIR]` sets INDY_POOL_GENESIS (the pool's
# genesis transactions file, one JSON txn per line, for indy_create_pool_ledger_config) and
# INDY_POOL_DIR for a pool that ci/indy-pool/start.sh started.
_indy_pool_dir="${1:-${INDY_POOL_DIR:-/tmp/indyrs-pool}}"
if [ -f "$_indy_pool_dir/env.sh" ]; then
    . "$_indy_pool_dir/env.sh"
else
    echo "no pool started in $_indy_pool_dir (run ci/indy-pool/start.sh)" >&2
fi
unset _indy_pool_dir
