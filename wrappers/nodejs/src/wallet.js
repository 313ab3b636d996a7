'use strict'
// indy_wallet.h: wallets (create, open, close, delete, export, import, keys) and
// registered storage types.

const { Arg, Callback, command, commands } = require('./native')
const { registerWalletStorage } = require('./storage')

module.exports = {
  ...commands({
    createWallet: command('indy_create_wallet', { config: Arg.Json, credentials: Arg.Json }, Callback.Unit),
    openWallet: command('indy_open_wallet', { config: Arg.Json, credentials: Arg.Json }, Callback.Handle),
    closeWallet: command('indy_close_wallet', { wh: Arg.Handle }, Callback.Unit),
    deleteWallet: command('indy_delete_wallet', { config: Arg.Json, credentials: Arg.Json }, Callback.Unit),
    exportWallet: command('indy_export_wallet', { wh: Arg.Handle, exportConfig: Arg.Json }, Callback.Unit),
    importWallet: command('indy_import_wallet',
      { config: Arg.Json, credentials: Arg.Json, importConfig: Arg.Json }, Callback.Unit),
    generateWalletKey: command('indy_generate_wallet_key', { config: Arg.Json }, Callback.String)
  }),
  registerWalletStorage
}
