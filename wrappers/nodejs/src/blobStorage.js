'use strict'
// indy_blob_storage.h: handles to write and read the tails files of revocation registries.
// One type, 'default' (files in a directory): a writer's config is
// `{ base_dir, uri_pattern: '' }`, a reader's `{ base_dir }`. libindy has no close.

const { Arg, Callback, command, commands } = require('./native')

module.exports = commands({
  openBlobStorageReader: command('indy_open_blob_storage_reader',
    { type: Arg.String, config: Arg.Json }, Callback.Handle),
  openBlobStorageWriter: command('indy_open_blob_storage_writer',
    { type: Arg.String, config: Arg.Json }, Callback.Handle)
})
