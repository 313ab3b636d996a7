'use strict'
// indy_mod.h: runtime configuration (synchronous, as in indy-sdk).

const { Arg, syncFunction } = require('./native')

module.exports = {
  /** Sets runtime options at once; throws an IndyError when refused. */
  setRuntimeConfig: syncFunction('setRuntimeConfig', 'indy_set_runtime_config', { config: Arg.Json })
}
