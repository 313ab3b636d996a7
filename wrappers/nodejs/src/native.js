'use strict'
// The low-level module: finds and loads libindy, declares C functions from the area
// modules' tables, and bridges libindy's callbacks (called on library threads) back to
// Promises on the JavaScript thread.

const fs = require('node:fs')
const path = require('node:path')
const koffi = require('koffi')
const { IndyError } = require('./errors')

// ---------------------------------------------------------------------------------------
// Every C function the package calls, for the test that checks it covers include/indy.h.
const cFunctions = new Set(['indy_get_current_error'])

function usesC (cName) {
  cFunctions.add(cName)
}

function usedCFunctions () {
  return [...cFunctions].sort()
}

// ---------------------------------------------------------------------------------------
// Loading: INDY_LIBRARY_PATH, else a copy bundled in native/<platform>-<arch>/, else the
// system loader (LD_LIBRARY_PATH, ldconfig; DYLD_LIBRARY_PATH; PATH).

const LIBRARY_FILE = { darwin: 'libindy.dylib', win32: 'indy.dll' }[process.platform] ?? 'libindy.so'
const BUNDLED_PATH = path.join(__dirname, '..', 'native', `${process.platform}-${process.arch}`, LIBRARY_FILE)

let loaded = null

/** The loaded library; loads it on first use. Throws an Error saying what was tried. */
function library () {
  loaded ??= load()
  return loaded.lib
}

/** Where the library was loaded from: `{ path, source }`, loading it if needed. */
function libraryInfo () {
  library()
  return { path: loaded.path, source: loaded.source }
}

function load () {
  const explicit = process.env.INDY_LIBRARY_PATH
  if (explicit) {
    // An explicit choice that fails is an error, never a silent fallback.
    return open(path.resolve(explicit), 'INDY_LIBRARY_PATH', () => [
      `INDY_LIBRARY_PATH=${explicit} could not be loaded.`
    ])
  }
  if (fs.existsSync(BUNDLED_PATH)) {
    return open(BUNDLED_PATH, 'bundled', () => [`The bundled copy ${BUNDLED_PATH} could not be loaded.`])
  }
  return open(LIBRARY_FILE, 'system', () => [
    'INDY_LIBRARY_PATH is not set,',
    `there is no bundled copy at ${BUNDLED_PATH},`,
    `and the system loader did not find ${LIBRARY_FILE}.`,
    'Set INDY_LIBRARY_PATH to the library file (e.g. target/release/libindy.so), copy it to',
    `${path.dirname(BUNDLED_PATH)}/, or put its directory on the loader path (LD_LIBRARY_PATH).`
  ])
}

function open (file, source, explain) {
  let lib
  try {
    lib = koffi.load(file)
  } catch (cause) {
    const error = new Error(`Cannot load libindy. ${explain().join(' ')}\n  ${cause.message}`, { cause })
    error.code = 'INDY_LIBRARY_NOT_LOADED'
    throw error
  }
  return { lib, path: file, source }
}

// ---------------------------------------------------------------------------------------
// Argument kinds: how a JavaScript value becomes one or more C arguments.

function kind (types, encode) {
  return Object.freeze({ types, encode })
}

/** JSON text from an object, or a string passed through; null/undefined is NULL. */
function toJson (value) {
  if (value === null || value === undefined) return null
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** Parses JSON text; a string that is not JSON (or empty) comes back as it is. */
function fromJson (text) {
  if (typeof text !== 'string' || text === '') return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function toBytes (value) {
  if (typeof value === 'string') return Buffer.from(value, 'utf8')
  if (value instanceof Uint8Array) return value
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  throw new TypeError(`Expected a Buffer, Uint8Array or string, got ${value === null ? 'null' : typeof value}`)
}

const Arg = Object.freeze({
  /** `indy_handle_t` (wallet, search and pool handles) */
  Handle: kind(['int32_t'], (v, out) => out.push(v)),
  Int32: kind(['int32_t'], (v, out) => out.push(v)),
  /** `indy_handle_t` that may be absent: null/undefined is -1 (blob storage reader handles) */
  OptHandle: kind(['int32_t'], (v, out) => out.push(v ?? -1)),
  Uint32: kind(['uint32_t'], (v, out) => out.push(v)),
  /** `uint64_t`: a Number (a safe integer) or a BigInt (timestamps, the protocol version) */
  Uint64: kind(['uint64_t'], (v, out) => out.push(v)),
  Int64: kind(['int64_t'], (v, out) => out.push(v)),
  /** `indy_i32_t`/`indy_i64_t` that may be absent: null/undefined is -1, libindy's "none" */
  OptInt32: kind(['int32_t'], (v, out) => out.push(v ?? -1)),
  OptInt64: kind(['int64_t'], (v, out) => out.push(v ?? -1)),
  /** `bool`: a boolean (null/undefined is false, a number is true unless 0); a string or an
   * object is a TypeError rather than silently true ('false' would be) */
  Bool: kind(['bool'], (v, out) => {
    if (v === null || v === undefined) v = false
    else if (typeof v === 'number') v = v !== 0
    else if (typeof v !== 'boolean') throw new TypeError(`Expected a boolean, got ${typeof v}`)
    out.push(v)
  }),
  /** `const char *`; null/undefined is NULL. Checked here: koffi takes a number as an address. */
  String: kind(['const char *'], (v, out) => {
    if (v !== null && v !== undefined && typeof v !== 'string') {
      throw new TypeError(`Expected a string, got ${typeof v}`)
    }
    out.push(v ?? null)
  }),
  /** `const char *` JSON: objects are stringified, strings passed as they are */
  Json: kind(['const char *'], (v, out) => out.push(toJson(v))),
  /** `const uint8_t *, uint32_t`: a Buffer, Uint8Array or UTF-8 string */
  Bytes: kind(['const uint8_t *', 'uint32_t'], (v, out) => {
    const bytes = toBytes(v)
    out.push(bytes, bytes.length)
  }),
  /** a C function pointer of koffi type `type` (a registered callback) */
  Pointer: (type) => kind([type], (v, out) => out.push(v))
})

// ---------------------------------------------------------------------------------------
// Callback shapes. One koffi callback is registered per shape, for the process' life, and
// finds the caller's Promise by command handle. libindy's pointers are valid only during
// the callback, so strings (koffi copies `const char *` into JS strings) and bytes are
// copied before it returns.

function copyBytes (pointer, length) {
  if (!length) return Buffer.alloc(0)
  const bytes = koffi.decode(pointer, 'uint8_t', length) // a copy, not a view
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

// Each shape: the C parameters after (command_handle, err), and how the answer is read.
const SHAPES = {
  unit: [[], () => undefined],
  handle: [['int32_t'], (v) => v],
  bool: [['bool'], (v) => v],
  string: [['const char *'], (s) => s],
  string2: [['const char *', 'const char *'], (a, b) => [a, b]],
  string3: [['const char *', 'const char *', 'const char *'], (a, b, c) => [a, b, c]],
  string2Time: [['const char *', 'const char *', 'uint64_t'], (a, b, t) => [a, b, t]],
  handleCount: [['int32_t', 'uint32_t'], (h, n) => [h, n]],
  bytes: [['const uint8_t *', 'uint32_t'], (p, n) => copyBytes(p, n)],
  stringBytes: [['const char *', 'const uint8_t *', 'uint32_t'], (s, p, n) => [s, copyBytes(p, n)]]
}

const protos = new Map()
const trampolines = new Map()

function proto (shape) {
  let type = protos.get(shape)
  if (type === undefined) {
    type = koffi.proto(`IndyCallback_${shape}`, 'void', ['int32_t', 'int32_t', ...SHAPES[shape][0]])
    protos.set(shape, type)
  }
  return type
}

function trampoline (shape) {
  let registered = trampolines.get(shape)
  if (registered === undefined) {
    // Registered on the JS thread: koffi then relays calls from library threads to it,
    // blocking the library thread until the function returns.
    const read = SHAPES[shape][1]
    registered = koffi.register((handle, err, a, b, c) => settle(handle, err, read, a, b, c),
      koffi.pointer(proto(shape)))
    trampolines.set(shape, registered)
  }
  return registered
}

/** Callback signatures of the tables: a shape and how its values become the result. */
const Callback = Object.freeze({
  Unit: { shape: 'unit', result: () => undefined },
  Handle: { shape: 'handle', result: (v) => v },
  Bool: { shape: 'bool', result: (v) => v },
  String: { shape: 'string', result: (v) => v },
  Json: { shape: 'string', result: fromJson },
  /** a JSON array whose items are JSON text themselves (`indy_list_pairwise`) */
  JsonOfJson: { shape: 'string', result: (v) => (fromJson(v) ?? []).map(fromJson) },
  String2: { shape: 'string2', result: (v) => v },
  /** an id and JSON (`indy_issuer_create_schema`): `[id, parsed]` */
  StringJson: { shape: 'string2', result: ([id, json]) => [id, fromJson(json)] },
  /** two JSON texts (`indy_prover_create_credential_req`), both parsed */
  Json2: { shape: 'string2', result: ([a, b]) => [fromJson(a), fromJson(b)] },
  /** a string and two JSON texts (`indy_issuer_create_and_store_revoc_reg`): `[id, parsed, parsed]` */
  StringJson2: { shape: 'string3', result: ([id, a, b]) => [id, fromJson(a), fromJson(b)] },
  /** JSON, a string, JSON; the last two may be NULL (`indy_issuer_create_credential`) */
  JsonStringJson: { shape: 'string3', result: ([a, b, c]) => [fromJson(a), b, fromJson(c)] },
  /** an id, JSON and a time (`indy_parse_get_revoc_reg_response`): `[id, parsed, time]` */
  StringJsonTime: { shape: 'string2Time', result: ([id, json, time]) => [id, fromJson(json), Number(time)] },
  /** a search handle and a `uint32_t` total count (`indy_prover_search_credentials`) */
  HandleCount: { shape: 'handleCount', result: (v) => v },
  Bytes: { shape: 'bytes', result: (v) => v },
  StringBytes: { shape: 'stringBytes', result: (v) => v }
})

// ---------------------------------------------------------------------------------------
// Calls in flight: a handle per call from one per-process counter, the Promise it settles,
// and a ref'ed timer while any is pending so the process waits for them (and only them).

const pending = new Map()
let lastHandle = 0
let keepAlive = null

function nextHandle () {
  do {
    lastHandle = lastHandle >= 0x7fffffff ? 1 : lastHandle + 1
  } while (pending.has(lastHandle))
  return lastHandle
}

function hold (handle, call) {
  pending.set(handle, call)
  if (pending.size === 1) {
    keepAlive ??= setInterval(() => {}, 0x7fffffff)
    keepAlive.ref()
  }
}

function release (handle) {
  pending.delete(handle)
  if (pending.size === 0) keepAlive.unref()
}

/** How many calls wait for their callback (for tests and diagnostics). */
function pendingCount () {
  return pending.size
}

function submit (fn, cArgs, callback, resolve, reject) {
  const handle = nextHandle()
  cArgs[0] = handle
  cArgs.push(trampoline(callback.shape))
  hold(handle, { resolve, reject, callback })
  let rc
  try {
    rc = fn(...cArgs)
  } catch (error) {
    release(handle) // koffi refused an argument: nothing reached the library
    reject(error)
    return
  }
  if (rc !== 0) {
    // Refused synchronously: the error was set on this (the calling) thread, and the
    // callback will not fire.
    release(handle)
    reject(new IndyError(rc, currentError()))
  }
}

// Runs on the JS thread while the library thread that called back waits in the callback,
// so what the answer points to is still valid: it is read (copied) here. Never throws into
// koffi, which would hand the library a zeroed return and lose the exception.
function settle (handle, err, read, a, b, c) {
  const call = pending.get(handle)
  if (call === undefined) {
    process.emitWarning(`libindy answered unknown command handle ${handle}`, 'IndyWarning')
    return
  }
  release(handle)
  if (err !== 0) {
    call.reject(new IndyError(err, commandError(handle)))
    return
  }
  let result
  try {
    result = call.callback.result(read(a, b, c))
  } catch (error) {
    call.reject(error)
    return
  }
  call.resolve(result)
}

// ---------------------------------------------------------------------------------------
// Error details. libindy sets a failed command's detail thread-locally on the thread that
// runs the callback, for `indy_get_current_error` inside the callback. koffi runs the JS
// callback on the JS thread (the library thread waits), so `indy_get_current_error` there
// reads the JS thread's slot, not the command's: it is only right for synchronous refusals.
// For callbacks the library must offer the detail by command handle; see README.md.

let getCurrentError = null

/** This thread's current error JSON (right after a synchronous refusal), or null. */
function currentError () {
  getCurrentError ??= library().func('void indy_get_current_error(_Out_ const char **error_json_p)')
  const out = [null]
  getCurrentError(out)
  return out[0]
}

usesC('indyrs_get_command_error')
let getCommandError // undefined: not looked up yet; null: the library lacks it
let warnedNoCommandError = false

function commandErrorSupported () {
  if (getCommandError === undefined) {
    try {
      getCommandError = library().func(
        'void indyrs_get_command_error(int32_t command_handle, _Out_ const char **error_json_p)')
    } catch {
      getCommandError = null
    }
  }
  return getCommandError !== null
}

function commandError (handle) {
  if (commandErrorSupported()) {
    try {
      const out = [null]
      getCommandError(handle, out)
      return out[0]
    } catch {
      return null
    }
  }
  if (!warnedNoCommandError) {
    warnedNoCommandError = true
    process.emitWarning(
      'This libindy does not export indyrs_get_command_error, so IndyErrors from callbacks carry ' +
      'indyCode and indyName but no indyMessage/indyBacktrace (see the README: error details).',
      'IndyWarning')
  }
  return null
}

// ---------------------------------------------------------------------------------------
// Generating functions from tables.

/** A table entry: C function, its parameters after `command_handle` (in order), its callback. */
function command (cName, params, callback) {
  usesC(cName)
  return { cName, params, callback }
}

function declare (cName, kinds, callback) {
  const types = ['int32_t']
  for (const k of kinds) types.push(...k.types)
  types.push(koffi.pointer(proto(callback.shape)))
  return library().func(cName, 'int32_t', types)
}

/** The Promise function for one table entry, named `name`. */
function promiseFunction (name, { cName, params, callback }) {
  const kinds = Object.values(params)
  let fn = null
  const run = (args) => new Promise((resolve, reject) => {
    let cArgs
    try {
      fn ??= declare(cName, kinds, callback)
      cArgs = [0]
      for (let i = 0; i < kinds.length; i++) kinds[i].encode(args[i], cArgs)
    } catch (error) {
      reject(error)
      return
    }
    submit(fn, cArgs, callback, resolve, reject)
  })
  const f = {
    async [name] (...args) {
      try {
        return await run(args)
      } catch (error) {
        // Made in the callback, its stack shows only this module: give it the caller's.
        if (error instanceof IndyError) Error.captureStackTrace(error, f)
        throw error
      }
    }
  }[name]
  Object.defineProperty(f, 'length', { value: kinds.length })
  return f
}

/** Promise functions for a table `{ jsName: command(...) }`. */
function commands (table) {
  const out = {}
  for (const [name, entry] of Object.entries(table)) out[name] = promiseFunction(name, entry)
  return out
}

/** A synchronous C function returning `indy_error_t` (no command handle, no callback);
 * throws an IndyError on failure. */
function syncFunction (name, cName, params) {
  usesC(cName)
  const kinds = Object.values(params)
  const types = kinds.flatMap((k) => k.types)
  let fn = null
  const f = {
    [name]: (...args) => {
      fn ??= library().func(cName, 'int32_t', types)
      const cArgs = []
      for (let i = 0; i < kinds.length; i++) kinds[i].encode(args[i], cArgs)
      const rc = fn(...cArgs)
      if (rc !== 0) throw new IndyError(rc, currentError())
    }
  }[name]
  Object.defineProperty(f, 'length', { value: kinds.length })
  return f
}

module.exports = {
  koffi,
  library,
  libraryInfo,
  Arg,
  Callback,
  command,
  commands,
  promiseFunction,
  syncFunction,
  currentError,
  commandErrorSupported,
  pendingCount,
  usesC,
  usedCFunctions,
  toJson,
  fromJson
}
