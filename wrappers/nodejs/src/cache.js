'use strict'
// indy_cache.h: schemas and credential definitions from the ledger, cached in the wallet.

const { Arg, Callback, command, commands } = require('./native')

module.exports = commands({
  getSchema: command('indy_get_schema',
    { poolHandle: Arg.Handle, wh: Arg.Handle, submitterDid: Arg.String, id: Arg.String, options: Arg.Json },
    Callback.Json),
  getCredDef: command('indy_get_cred_def',
    { poolHandle: Arg.Handle, wh: Arg.Handle, submitterDid: Arg.String, id: Arg.String, options: Arg.Json },
    Callback.Json),
  purgeSchemaCache: command('indy_purge_schema_cache', { wh: Arg.Handle, options: Arg.Json }, Callback.Unit),
  purgeCredDefCache: command('indy_purge_cred_def_cache', { wh: Arg.Handle, options: Arg.Json }, Callback.Unit)
})
