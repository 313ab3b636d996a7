'use strict'
// indy_non_secrets.h: wallet records with tags, and WQL searches over them.

const { Arg, Callback, command, commands } = require('./native')

const record = { wh: Arg.Handle, type: Arg.String, id: Arg.String }

module.exports = commands({
  addWalletRecord: command('indy_add_wallet_record',
    { ...record, value: Arg.String, tags: Arg.Json }, Callback.Unit),
  updateWalletRecordValue: command('indy_update_wallet_record_value', { ...record, value: Arg.String }, Callback.Unit),
  updateWalletRecordTags: command('indy_update_wallet_record_tags', { ...record, tags: Arg.Json }, Callback.Unit),
  addWalletRecordTags: command('indy_add_wallet_record_tags', { ...record, tags: Arg.Json }, Callback.Unit),
  deleteWalletRecordTags: command('indy_delete_wallet_record_tags', { ...record, tagNames: Arg.Json }, Callback.Unit),
  deleteWalletRecord: command('indy_delete_wallet_record', record, Callback.Unit),
  getWalletRecord: command('indy_get_wallet_record', { ...record, options: Arg.Json }, Callback.Json),
  openWalletSearch: command('indy_open_wallet_search',
    { wh: Arg.Handle, type: Arg.String, query: Arg.Json, options: Arg.Json }, Callback.Handle),
  fetchWalletSearchNextRecords: command('indy_fetch_wallet_search_next_records',
    { wh: Arg.Handle, walletSearchHandle: Arg.Handle, count: Arg.Uint32 }, Callback.Json),
  closeWalletSearch: command('indy_close_wallet_search', { walletSearchHandle: Arg.Handle }, Callback.Unit)
})
