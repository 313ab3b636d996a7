'use strict'
// indy_did.h: my DIDs and their DIDs, keys, metadata and endpoints.

const { Arg, Callback, command, commands } = require('./native')

module.exports = commands({
  createAndStoreMyDid: command('indy_create_and_store_my_did', { wh: Arg.Handle, did: Arg.Json }, Callback.String2),
  replaceKeysStart: command('indy_replace_keys_start',
    { wh: Arg.Handle, did: Arg.String, identity: Arg.Json }, Callback.String),
  replaceKeysApply: command('indy_replace_keys_apply', { wh: Arg.Handle, did: Arg.String }, Callback.Unit),
  storeTheirDid: command('indy_store_their_did', { wh: Arg.Handle, identity: Arg.Json }, Callback.Unit),
  keyForDid: command('indy_key_for_did',
    { poolHandle: Arg.Handle, wh: Arg.Handle, did: Arg.String }, Callback.String),
  keyForLocalDid: command('indy_key_for_local_did', { wh: Arg.Handle, did: Arg.String }, Callback.String),
  setEndpointForDid: command('indy_set_endpoint_for_did',
    { wh: Arg.Handle, did: Arg.String, address: Arg.String, transportKey: Arg.String }, Callback.Unit),
  getEndpointForDid: command('indy_get_endpoint_for_did',
    { wh: Arg.Handle, poolHandle: Arg.Handle, did: Arg.String }, Callback.String2),
  setDidMetadata: command('indy_set_did_metadata',
    { wh: Arg.Handle, did: Arg.String, metadata: Arg.String }, Callback.Unit),
  getDidMetadata: command('indy_get_did_metadata', { wh: Arg.Handle, did: Arg.String }, Callback.String),
  getMyDidWithMeta: command('indy_get_my_did_with_meta', { wh: Arg.Handle, myDid: Arg.String }, Callback.Json),
  listMyDidsWithMeta: command('indy_list_my_dids_with_meta', { wh: Arg.Handle }, Callback.Json),
  abbreviateVerkey: command('indy_abbreviate_verkey', { did: Arg.String, fullVerkey: Arg.String }, Callback.String),
  qualifyDid: command('indy_qualify_did', { wh: Arg.Handle, did: Arg.String, method: Arg.String }, Callback.String)
})
