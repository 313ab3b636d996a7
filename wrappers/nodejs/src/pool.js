'use strict'
// indy_pool.h: only the protocol version exists so far (no pools yet).

const { Arg, Callback, command, commands } = require('./native')

module.exports = commands({
  setProtocolVersion: command('indy_set_protocol_version', { protocolVersion: Arg.Uint64 }, Callback.Unit)
})
