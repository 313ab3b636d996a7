'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const { indy, openWallet, rejectsIndy } = require('../test-support')

const ALL = { retrieveType: true, retrieveValue: true, retrieveTags: true }

test('a record is added and read back with the options asked for', async (t) => {
  const { wh } = await openWallet(t)
  await indy.addWalletRecord(wh, 'contact', 'alice', 'alice value', { name: 'Alice', '~age': '30' })
  assert.deepEqual(await indy.getWalletRecord(wh, 'contact', 'alice', ALL),
    { type: 'contact', id: 'alice', value: 'alice value', tags: { name: 'Alice', '~age': '30' } })
  assert.deepEqual(await indy.getWalletRecord(wh, 'contact', 'alice', {}),
    { type: null, id: 'alice', value: 'alice value', tags: null })
  await indy.addWalletRecord(wh, 'contact', 'untagged', 'v', null)
  assert.deepEqual((await indy.getWalletRecord(wh, 'contact', 'untagged', ALL)).tags, {})
})

test('values and tags are updated, added and deleted', async (t) => {
  const { wh } = await openWallet(t)
  await indy.addWalletRecord(wh, 'kind', 'r', 'one', { a: '1', b: '2' })
  await indy.updateWalletRecordValue(wh, 'kind', 'r', 'two')
  await indy.addWalletRecordTags(wh, 'kind', 'r', { b: '3', '~c': '4' })
  assert.deepEqual(await indy.getWalletRecord(wh, 'kind', 'r', ALL),
    { type: 'kind', id: 'r', value: 'two', tags: { a: '1', b: '3', '~c': '4' } })
  await indy.deleteWalletRecordTags(wh, 'kind', 'r', ['a', '~c'])
  assert.deepEqual((await indy.getWalletRecord(wh, 'kind', 'r', ALL)).tags, { b: '3' })
  await indy.updateWalletRecordTags(wh, 'kind', 'r', { z: '26' })
  assert.deepEqual((await indy.getWalletRecord(wh, 'kind', 'r', ALL)).tags, { z: '26' })
  await indy.deleteWalletRecord(wh, 'kind', 'r')
  await rejectsIndy(indy.getWalletRecord(wh, 'kind', 'r', {}), 'WalletItemNotFound')
})

test('record errors: missing, duplicate, reserved type, bad tags', async (t) => {
  const { wh } = await openWallet(t)
  await rejectsIndy(indy.getWalletRecord(wh, 'kind', 'none', {}), 'WalletItemNotFound')
  await rejectsIndy(indy.updateWalletRecordValue(wh, 'kind', 'none', 'v'), 'WalletItemNotFound')
  await rejectsIndy(indy.deleteWalletRecord(wh, 'kind', 'none'), 'WalletItemNotFound')
  await indy.addWalletRecord(wh, 'kind', 'dup', 'v', {})
  await rejectsIndy(indy.addWalletRecord(wh, 'kind', 'dup', 'v', {}), 'WalletItemAlreadyExists')
  await rejectsIndy(indy.addWalletRecord(wh, 'Indy::Did', 'x', 'v', {}), 'WalletAccessFailed')
  await rejectsIndy(indy.addWalletRecord(wh, 'kind', 'bad', 'v', { a: 1 }), 'CommonInvalidStructure')
})

test('a WQL search pages through records, with a total count', async (t) => {
  const { wh } = await openWallet(t)
  for (let i = 0; i < 25; i++) {
    await indy.addWalletRecord(wh, 'item', `item-${String(i).padStart(2, '0')}`, `value ${i}`,
      { parity: i % 2 ? 'odd' : 'even', '~n': String(i).padStart(2, '0') })
  }
  const sh = await indy.openWalletSearch(wh, 'item', { parity: 'odd', '~n': { $gte: '10' } },
    { retrieveTotalCount: true, retrieveTags: true })
  assert.equal(typeof sh, 'number')
  const first = await indy.fetchWalletSearchNextRecords(wh, sh, 4)
  assert.equal(first.totalCount, 7)
  assert.equal(first.records.length, 4)
  const rest = await indy.fetchWalletSearchNextRecords(wh, sh, 10)
  const ids = [...first.records, ...rest.records].map((r) => r.id).sort()
  assert.deepEqual(ids, ['item-11', 'item-13', 'item-15', 'item-17', 'item-19', 'item-21', 'item-23'])
  assert.equal(rest.records[0].tags.parity, 'odd')
  const done = await indy.fetchWalletSearchNextRecords(wh, sh, 10)
  assert.equal(done.records, null)
  await indy.closeWalletSearch(sh)
  await rejectsIndy(indy.fetchWalletSearchNextRecords(wh, sh, 1), 'WalletInvalidHandle')
  await rejectsIndy(indy.closeWalletSearch(sh), 'WalletInvalidHandle')
})

test('search operators: $or, $not, $in, $like on plain tags', async (t) => {
  const { wh } = await openWallet(t)
  await indy.addWalletRecord(wh, 'p', 'a', 'v', { color: 'red', '~name': 'apple' })
  await indy.addWalletRecord(wh, 'p', 'b', 'v', { color: 'blue', '~name': 'banana' })
  await indy.addWalletRecord(wh, 'p', 'c', 'v', { color: 'green', '~name': 'cherry' })
  const ids = async (query) => {
    const sh = await indy.openWalletSearch(wh, 'p', query, {})
    const { records } = await indy.fetchWalletSearchNextRecords(wh, sh, 10)
    await indy.closeWalletSearch(sh)
    return (records ?? []).map((r) => r.id).sort()
  }
  assert.deepEqual(await ids({}), ['a', 'b', 'c'])
  assert.deepEqual(await ids({ $or: [{ color: 'red' }, { '~name': 'cherry' }] }), ['a', 'c'])
  assert.deepEqual(await ids({ $not: { color: 'red' } }), ['b', 'c'])
  assert.deepEqual(await ids({ color: { $in: ['blue', 'green'] } }), ['b', 'c'])
  assert.deepEqual(await ids({ '~name': { $like: '%an%' } }), ['b'])
})

test('a malformed query fails with WalletQueryError', async (t) => {
  const { wh } = await openWallet(t)
  await rejectsIndy(indy.openWalletSearch(wh, 'p', '{not json', {}), 'WalletQueryError')
  await rejectsIndy(indy.openWalletSearch(wh, 'p', { color: { $foo: '1' } }, {}), 'WalletQueryError')
  // ranges need plain (~) tags: encrypted values only compare for equality
  await rejectsIndy(indy.openWalletSearch(wh, 'p', { color: { $gt: '1' } }, {}), 'WalletQueryError')
})
