'use strict'
// indy_register_wallet_storage from JavaScript: a storage type whose 24 C callbacks call a
// JS object's synchronous methods. The library calls them on the wallet's storage thread,
// which waits while koffi runs them on the JS thread. Strings and bytes handed to the
// library live in C memory owned here until the matching free_* callback.

const { koffi, Arg, Callback, command, promiseFunction } = require('./native')
const { ErrorCode } = require('./errors')

const PROTOS = [
  ['create', 'int32_t IndyStorageCreate(const char *name, const char *config, const char *credentials, const char *metadata)'],
  ['open', 'int32_t IndyStorageOpen(const char *name, const char *config, const char *credentials, int32_t *storage_handle_p)'],
  ['close', 'int32_t IndyStorageClose(int32_t storage_handle)'],
  ['delete', 'int32_t IndyStorageDelete(const char *name, const char *config, const char *credentials)'],
  ['addRecord', 'int32_t IndyStorageAddRecord(int32_t sh, const char *type, const char *id, const uint8_t *value, size_t value_len, const char *tags_json)'],
  ['updateRecordValue', 'int32_t IndyStorageUpdateRecordValue(int32_t sh, const char *type, const char *id, const uint8_t *value, size_t value_len)'],
  ['updateRecordTags', 'int32_t IndyStorageUpdateRecordTags(int32_t sh, const char *type, const char *id, const char *tags_json)'],
  ['addRecordTags', 'int32_t IndyStorageAddRecordTags(int32_t sh, const char *type, const char *id, const char *tags_json)'],
  ['deleteRecordTags', 'int32_t IndyStorageDeleteRecordTags(int32_t sh, const char *type, const char *id, const char *tag_names_json)'],
  ['deleteRecord', 'int32_t IndyStorageDeleteRecord(int32_t sh, const char *type, const char *id)'],
  ['getRecord', 'int32_t IndyStorageGetRecord(int32_t sh, const char *type, const char *id, const char *options_json, int32_t *record_handle_p)'],
  ['getRecordId', 'int32_t IndyStorageGetRecordId(int32_t sh, int32_t rh, void *record_id_p)'],
  ['getRecordType', 'int32_t IndyStorageGetRecordType(int32_t sh, int32_t rh, void *record_type_p)'],
  ['getRecordValue', 'int32_t IndyStorageGetRecordValue(int32_t sh, int32_t rh, void *record_value_p, void *record_value_len_p)'],
  ['getRecordTags', 'int32_t IndyStorageGetRecordTags(int32_t sh, int32_t rh, void *record_tags_p)'],
  ['freeRecord', 'int32_t IndyStorageFreeRecord(int32_t sh, int32_t rh)'],
  ['getStorageMetadata', 'int32_t IndyStorageGetStorageMetadata(int32_t sh, void *metadata_p, int32_t *metadata_handle)'],
  ['setStorageMetadata', 'int32_t IndyStorageSetStorageMetadata(int32_t sh, const char *metadata)'],
  ['freeStorageMetadata', 'int32_t IndyStorageFreeStorageMetadata(int32_t sh, int32_t metadata_handle)'],
  ['searchRecords', 'int32_t IndyStorageSearchRecords(int32_t sh, const char *type, const char *query_json, const char *options_json, int32_t *search_handle_p)'],
  ['searchAllRecords', 'int32_t IndyStorageSearchAllRecords(int32_t sh, int32_t *search_handle_p)'],
  ['getSearchTotalCount', 'int32_t IndyStorageGetSearchTotalCount(int32_t sh, int32_t search_handle, void *total_count_p)'],
  ['fetchSearchNextRecord', 'int32_t IndyStorageFetchSearchNextRecord(int32_t sh, int32_t search_handle, int32_t *record_handle_p)'],
  ['freeSearch', 'int32_t IndyStorageFreeSearch(int32_t sh, int32_t search_handle)']
]

const protos = PROTOS.map(([name, prototype]) => [name, koffi.pointer(koffi.proto(prototype))])

const register = promiseFunction('registerWalletStorage', command('indy_register_wallet_storage',
  { type: Arg.String, ...Object.fromEntries(protos.map(([name, type]) => [name, Arg.Pointer(type)])) },
  Callback.Unit))

class StorageFailure extends Error {
  constructor (code, message) {
    super(message)
    this.indyCode = code
  }
}

/** A copy of `length` bytes at `pointer`. */
function bytesAt (pointer, length) {
  const n = Number(length)
  if (!n) return Buffer.alloc(0)
  const bytes = koffi.decode(pointer, 'uint8_t', n)
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** C memory holding `bytes` (NUL-terminated when `text`), freed by the owner. */
function cMemory (bytes, text) {
  const size = bytes.length + (text ? 1 : 0) || 1
  const memory = koffi.alloc('uint8_t', size)
  const view = new Uint8Array(koffi.view(memory, size))
  view.set(bytes)
  if (text) view[bytes.length] = 0
  return memory
}

function asText (value) {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** The 24 callbacks over one JS storage object, with the handles they hand out. */
class Adapter {
  constructor (type, storage) {
    this.type = type
    this.storage = storage
    this.records = new Map() // handle -> { record, memory: [] }
    this.searches = new Map() // handle -> { iterator, totalCount }
    this.metadata = new Map() // handle -> C memory
    this.lastHandle = 0
    this.warned = false
  }

  nextHandle () {
    this.lastHandle = this.lastHandle >= 0x7fffffff ? 1 : this.lastHandle + 1
    return this.lastHandle
  }

  // Each callback answers an indy_error_t; a throw becomes its `indyCode`, else WalletStorageError.
  guard (name, body) {
    return (...args) => {
      try {
        body.apply(this, args)
        return ErrorCode.Success
      } catch (error) {
        if (typeof error?.indyCode === 'number') return error.indyCode
        if (!this.warned) {
          this.warned = true
          process.emitWarning(`wallet storage ${this.type}: ${name} threw ${error?.stack ?? error}`, 'IndyWarning')
        }
        return ErrorCode.WalletStorageError
      }
    }
  }

  recordHandle (record) {
    if (record === null || record === undefined) throw new StorageFailure(ErrorCode.WalletItemNotFound)
    const handle = this.nextHandle()
    this.records.set(handle, { record, memory: [] })
    return handle
  }

  held (handle) {
    const held = this.records.get(handle)
    if (!held) throw new StorageFailure(ErrorCode.WalletInvalidHandle)
    return held
  }

  writeText (held, pointer, text) {
    if (text === null || text === undefined) throw new StorageFailure(ErrorCode.WalletStorageError)
    const memory = cMemory(Buffer.from(asText(text), 'utf8'), true)
    held.memory.push(memory)
    koffi.encode(pointer, 'void *', memory)
  }

  search (found) {
    const handle = this.nextHandle()
    this.searches.set(handle, { iterator: found.records[Symbol.iterator](), totalCount: found.totalCount })
    return handle
  }

  callbacks () {
    const s = this.storage
    return {
      create: (name, config, credentials, metadata) => s.create(name, config, credentials, metadata),
      open: (name, config, credentials, out) => koffi.encode(out, 'int32_t', s.open(name, config, credentials)),
      close: (sh) => s.close(sh),
      delete: (name, config, credentials) => s.delete(name, config, credentials),
      addRecord: (sh, type, id, value, length, tags) => s.addRecord(sh, type, id, bytesAt(value, length), tags),
      updateRecordValue: (sh, type, id, value, length) => s.updateRecordValue(sh, type, id, bytesAt(value, length)),
      updateRecordTags: (sh, type, id, tags) => s.updateRecordTags(sh, type, id, tags),
      addRecordTags: (sh, type, id, tags) => s.addRecordTags(sh, type, id, tags),
      deleteRecordTags: (sh, type, id, names) => s.deleteRecordTags(sh, type, id, names),
      deleteRecord: (sh, type, id) => s.deleteRecord(sh, type, id),
      getRecord: (sh, type, id, options, out) =>
        koffi.encode(out, 'int32_t', this.recordHandle(s.getRecord(sh, type, id, options))),
      getRecordId: (sh, rh, out) => { const h = this.held(rh); this.writeText(h, out, h.record.id) },
      getRecordType: (sh, rh, out) => { const h = this.held(rh); this.writeText(h, out, h.record.type) },
      getRecordTags: (sh, rh, out) => { const h = this.held(rh); this.writeText(h, out, h.record.tags ?? '{}') },
      getRecordValue: (sh, rh, out, outLength) => {
        const held = this.held(rh)
        const value = Buffer.from(held.record.value)
        const memory = cMemory(value, false)
        held.memory.push(memory)
        koffi.encode(out, 'void *', memory)
        koffi.encode(outLength, 'size_t', value.length)
      },
      freeRecord: (sh, rh) => {
        const held = this.held(rh)
        this.records.delete(rh)
        for (const memory of held.memory) koffi.free(memory)
      },
      getStorageMetadata: (sh, out, outHandle) => {
        const memory = cMemory(Buffer.from(s.getStorageMetadata(sh), 'utf8'), true)
        const handle = this.nextHandle()
        this.metadata.set(handle, memory)
        koffi.encode(out, 'void *', memory)
        koffi.encode(outHandle, 'int32_t', handle)
      },
      setStorageMetadata: (sh, metadata) => s.setStorageMetadata(sh, metadata),
      freeStorageMetadata: (sh, handle) => {
        const memory = this.metadata.get(handle)
        if (memory === undefined) throw new StorageFailure(ErrorCode.WalletInvalidHandle)
        this.metadata.delete(handle)
        koffi.free(memory)
      },
      searchRecords: (sh, type, query, options, out) =>
        koffi.encode(out, 'int32_t', this.search(s.searchRecords(sh, type, query, options))),
      searchAllRecords: (sh, out) => koffi.encode(out, 'int32_t', this.search(s.searchAllRecords(sh))),
      getSearchTotalCount: (sh, search, out) => {
        const found = this.searches.get(search)
        if (!found) throw new StorageFailure(ErrorCode.WalletInvalidHandle)
        if (typeof found.totalCount !== 'number') throw new StorageFailure(ErrorCode.WalletStorageError)
        koffi.encode(out, 'size_t', found.totalCount)
      },
      fetchSearchNextRecord: (sh, search, out) => {
        const found = this.searches.get(search)
        if (!found) throw new StorageFailure(ErrorCode.WalletInvalidHandle)
        const next = found.iterator.next()
        if (next.done) throw new StorageFailure(ErrorCode.WalletItemNotFound) // the end of the search
        koffi.encode(out, 'int32_t', this.recordHandle(next.value))
      },
      freeSearch: (sh, search) => {
        const found = this.searches.get(search)
        if (!found) throw new StorageFailure(ErrorCode.WalletInvalidHandle)
        this.searches.delete(search)
        found.iterator.return?.()
      }
    }
  }
}

/**
 * Registers wallet storage type `type` kept by `storage`'s synchronous methods (see
 * index.d.ts, `WalletStorage`). Registered for the process' life, as in libindy.
 */
async function registerWalletStorage (type, storage) {
  const adapter = new Adapter(type, storage)
  const bodies = adapter.callbacks()
  const registered = protos.map(([name, pointerType]) =>
    koffi.register(adapter.guard(name, bodies[name]), pointerType))
  try {
    await register(type, ...registered)
  } catch (error) {
    for (const callback of registered) koffi.unregister(callback) // the library kept none
    throw error
  }
}

module.exports = { registerWalletStorage }
