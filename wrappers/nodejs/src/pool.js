'use strict'
// indy_pool.h: pool ledger configs, open pools (each on its own network thread in the
// library) and the protocol version.

const { Arg, Callback, command, commands } = require('./native')

module.exports = commands({
  createPoolLedgerConfig: command('indy_create_pool_ledger_config',
    { configName: Arg.String, config: Arg.Json }, Callback.Unit),
  openPoolLedger: command('indy_open_pool_ledger', { configName: Arg.String, config: Arg.Json }, Callback.Handle),
  refreshPoolLedger: command('indy_refresh_pool_ledger', { poolHandle: Arg.Handle }, Callback.Unit),
  listPools: command('indy_list_pools', {}, Callback.Json),
  closePoolLedger: command('indy_close_pool_ledger', { poolHandle: Arg.Handle }, Callback.Unit),
  deletePoolLedgerConfig: command('indy_delete_pool_ledger_config', { configName: Arg.String }, Callback.Unit),
  setProtocolVersion: command('indy_set_protocol_version', { protocolVersion: Arg.Uint64 }, Callback.Unit)
})
