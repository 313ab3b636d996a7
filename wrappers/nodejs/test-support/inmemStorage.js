'use strict'
// An in-memory wallet storage in JavaScript for registerWalletStorage's tests. It keeps
// what the library hands a plugin as it is (base64 names, encrypted values, tags JSON) and
// evaluates the encrypted WQL the library sends for searches.

const { IndyError, ErrorCode } = require('../src/errors')

const fail = (name) => { throw new IndyError(ErrorCode[name]) }

function like (text, pattern) {
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')
  return new RegExp(`^${source}$`, 'is').test(text)
}

/** The library's encrypted WQL on one record's tags (a condition needs the tag). */
function matches (query, tags) {
  return Object.entries(query).every(([key, condition]) => {
    if (key === '$and') return condition.every((q) => matches(q, tags))
    if (key === '$or') return condition.some((q) => matches(q, tags))
    if (key === '$not') return !matches(condition, tags)
    const have = tags[key]
    if (have === undefined) return false
    if (typeof condition === 'string') return have === condition
    const [[op, want]] = Object.entries(condition)
    switch (op) {
      case '$neq': return have !== want
      case '$gt': return have > want
      case '$gte': return have >= want
      case '$lt': return have < want
      case '$lte': return have <= want
      case '$like': return like(have, want)
      case '$in': return want.includes(have)
      default: throw new Error(`unknown operator ${op}`)
    }
  })
}

class InMemoryStorage {
  constructor () {
    this.wallets = new Map() // id -> { metadata, records: Map<key, record> }
    this.open_ = new Map() // storage handle -> wallet
    this.lastHandle = 0
    this.calls = new Map() // method -> count
  }

  count (method) {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1)
  }

  wallet (sh) {
    return this.open_.get(sh) ?? fail('WalletInvalidHandle')
  }

  record (sh, type, id) {
    return this.wallet(sh).records.get(`${type}\u0000${id}`) ?? fail('WalletItemNotFound')
  }

  create (id, config, credentials, metadata) {
    this.count('create')
    if (this.wallets.has(id)) fail('WalletAlreadyExistsError')
    this.wallets.set(id, { metadata, records: new Map() })
  }

  open (id) {
    this.count('open')
    const wallet = this.wallets.get(id) ?? fail('WalletNotFoundError')
    const handle = ++this.lastHandle
    this.open_.set(handle, wallet)
    return handle
  }

  close (sh) {
    this.count('close')
    this.wallet(sh)
    this.open_.delete(sh)
  }

  delete (id) {
    this.count('delete')
    if (!this.wallets.delete(id)) fail('WalletNotFoundError')
  }

  addRecord (sh, type, id, value, tagsJson) {
    this.count('addRecord')
    const records = this.wallet(sh).records
    const key = `${type}\u0000${id}`
    if (records.has(key)) fail('WalletItemAlreadyExists')
    records.set(key, { type, id, value: Buffer.from(value), tags: JSON.parse(tagsJson) })
  }

  updateRecordValue (sh, type, id, value) {
    this.record(sh, type, id).value = Buffer.from(value)
  }

  updateRecordTags (sh, type, id, tagsJson) {
    this.record(sh, type, id).tags = JSON.parse(tagsJson)
  }

  addRecordTags (sh, type, id, tagsJson) {
    const record = this.record(sh, type, id)
    record.tags = { ...record.tags, ...JSON.parse(tagsJson) }
  }

  deleteRecordTags (sh, type, id, tagNamesJson) {
    const record = this.record(sh, type, id)
    for (const name of JSON.parse(tagNamesJson)) delete record.tags[name]
  }

  deleteRecord (sh, type, id) {
    this.record(sh, type, id)
    this.wallet(sh).records.delete(`${type}\u0000${id}`)
  }

  getRecord (sh, type, id) {
    this.count('getRecord')
    return this.wallet(sh).records.get(`${type}\u0000${id}`) ?? null
  }

  getStorageMetadata (sh) {
    return this.wallet(sh).metadata
  }

  setStorageMetadata (sh, metadata) {
    this.wallet(sh).metadata = metadata
  }

  searchRecords (sh, type, queryJson, optionsJson) {
    this.count('searchRecords')
    const query = JSON.parse(queryJson)
    const options = JSON.parse(optionsJson)
    const found = [...this.wallet(sh).records.values()].filter((r) => r.type === type && matches(query, r.tags))
    return { records: found, totalCount: options.retrieveTotalCount ? found.length : undefined }
  }

  searchAllRecords (sh) {
    this.count('searchAllRecords')
    const all = [...this.wallet(sh).records.values()]
    return { records: all, totalCount: all.length }
  }
}

module.exports = { InMemoryStorage }
