'use strict'
// indy_pairwise.h: links between my DIDs and their DIDs.

const { Arg, Callback, command, commands } = require('./native')

module.exports = commands({
  isPairwiseExists: command('indy_is_pairwise_exists', { wh: Arg.Handle, theirDid: Arg.String }, Callback.Bool),
  createPairwise: command('indy_create_pairwise',
    { wh: Arg.Handle, theirDid: Arg.String, myDid: Arg.String, metadata: Arg.String }, Callback.Unit),
  listPairwise: command('indy_list_pairwise', { wh: Arg.Handle }, Callback.JsonOfJson),
  getPairwise: command('indy_get_pairwise', { wh: Arg.Handle, theirDid: Arg.String }, Callback.Json),
  setPairwiseMetadata: command('indy_set_pairwise_metadata',
    { wh: Arg.Handle, theirDid: Arg.String, metadata: Arg.String }, Callback.Unit)
})
