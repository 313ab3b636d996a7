'use strict'
// indy_logger.h: the library's log to a JavaScript function, or to stderr.

const { koffi, library, syncFunction, currentError, usesC, Arg } = require('./native')
const { IndyError } = require('./errors')

const LogCb = koffi.proto('void IndyLogCb(const void *context, uint32_t level, const char *target, ' +
  'const char *message, const char *module_path, const char *file, uint32_t line)')

usesC('indy_set_logger')
usesC('indy_set_logger_with_max_lvl')

let logFunction = null
let logTrampoline = null
let setLoggerC = null
let setLoggerWithMaxLevelC = null
let warnedThrow = false

function onLog (context, level, target, message, modulePath, file, line) {
  try {
    logFunction?.(level, target, message, modulePath, file, line)
  } catch (error) {
    if (!warnedThrow) {
      warnedThrow = true
      process.emitWarning(`The libindy log function threw (further throws are ignored): ${error}`, 'IndyWarning')
    }
  }
}

/**
 * Sends the library's log to `logFn(level, target, message, modulePath, file, line)`
 * (level 1 error … 5 trace), at most `maxLevel` verbose when given. A later call replaces
 * the function. The library calls it from its logger thread, which koffi relays to the JS
 * thread: records arrive asynchronously, in order.
 */
function setLogger (logFn, maxLevel) {
  if (typeof logFn !== 'function') throw new TypeError('setLogger expects a function')
  const lib = library()
  // Registered once, for the process' life: a library thread may be about to log.
  logTrampoline ??= koffi.register(onLog, koffi.pointer(LogCb))
  logFunction = logFn
  let rc
  if (maxLevel === undefined) {
    setLoggerC ??= lib.func('indy_set_logger', 'int32_t', ['void *', 'void *', koffi.pointer(LogCb), 'void *'])
    rc = setLoggerC(null, null, logTrampoline, null)
  } else {
    setLoggerWithMaxLevelC ??= lib.func('indy_set_logger_with_max_lvl', 'int32_t',
      ['void *', 'void *', koffi.pointer(LogCb), 'void *', 'uint32_t'])
    rc = setLoggerWithMaxLevelC(null, null, logTrampoline, null, maxLevel)
  }
  if (rc !== 0) throw new IndyError(rc, currentError())
}

/** Logs to stderr, filtered by `pattern` in `RUST_LOG` syntax; null reads `RUST_LOG`. */
const setDefaultLogger = syncFunction('setDefaultLogger', 'indy_set_default_logger', { pattern: Arg.String })

/** The most verbose level the library logs: 0 off, 1 error … 5 trace. */
const setLogMaxLevel = syncFunction('setLogMaxLevel', 'indy_set_log_max_lvl', { maxLevel: Arg.Uint32 })

module.exports = { setLogger, setDefaultLogger, setLogMaxLevel }
