'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const { indy, rejectsIndy, TRUSTEE_SEED, TRUSTEE_DID, TRUSTEE_VERKEY } = require('../test-support')
const { InMemoryStorage } = require('../test-support/inmemStorage')

const storage = new InMemoryStorage()
const registered = indy.registerWalletStorage('js-inmem', storage)

function walletIn (type, id) {
  return [{ id, storage_type: type }, { key: '6nxtSiXFvBd593Y2DCed2dYvRY1PGK9WMtxCBjLzKgbw', key_derivation_method: 'RAW' }]
}

test('a storage type kept in JavaScript holds a whole wallet', async () => {
  await registered
  const [config, credentials] = walletIn('js-inmem', 'js-wallet')
  await indy.createWallet(config, credentials)
  assert.ok(storage.wallets.has('js-wallet'))
  const wh = await indy.openWallet(config, credentials)
  assert.deepEqual(await indy.createAndStoreMyDid(wh, { seed: TRUSTEE_SEED }), [TRUSTEE_DID, TRUSTEE_VERKEY])
  assert.equal(await indy.keyForLocalDid(wh, TRUSTEE_DID), TRUSTEE_VERKEY)

  await indy.addWalletRecord(wh, 'contact', 'alice', 'Alice', { city: 'Paris', '~age': '30' })
  await indy.addWalletRecord(wh, 'contact', 'bob', 'Bob', { city: 'Rome', '~age': '41' })
  // The plugin only ever sees what libindy encrypted.
  const stored = JSON.stringify([...storage.wallets.get('js-wallet').records.values()])
  assert.ok(!stored.includes('alice') && !stored.includes('Paris'))
  assert.ok(stored.includes('"30"'), 'plain (~) tag values are kept in clear')

  assert.deepEqual(await indy.getWalletRecord(wh, 'contact', 'alice', { retrieveTags: true }),
    { type: null, id: 'alice', value: 'Alice', tags: { city: 'Paris', '~age': '30' } })
  const sh = await indy.openWalletSearch(wh, 'contact', { $or: [{ city: 'Rome' }, { '~age': { $lt: '35' } }] },
    { retrieveTotalCount: true })
  const found = await indy.fetchWalletSearchNextRecords(wh, sh, 10)
  assert.equal(found.totalCount, 2)
  assert.deepEqual(found.records.map((r) => r.value).sort(), ['Alice', 'Bob'])
  await indy.closeWalletSearch(sh)

  await indy.updateWalletRecordValue(wh, 'contact', 'bob', 'Robert')
  await indy.deleteWalletRecordTags(wh, 'contact', 'bob', ['city'])
  assert.deepEqual(await indy.getWalletRecord(wh, 'contact', 'bob', { retrieveTags: true }),
    { type: null, id: 'bob', value: 'Robert', tags: { '~age': '41' } })
  await indy.deleteWalletRecord(wh, 'contact', 'alice')
  await rejectsIndy(indy.getWalletRecord(wh, 'contact', 'alice', {}), 'WalletItemNotFound')
  await rejectsIndy(indy.addWalletRecord(wh, 'contact', 'bob', 'again', null), 'WalletItemAlreadyExists')

  await indy.closeWallet(wh)
  const again = await indy.openWallet(config, credentials) // reads the metadata back
  assert.equal(await indy.keyForLocalDid(again, TRUSTEE_DID), TRUSTEE_VERKEY)
  await indy.closeWallet(again)
  await indy.deleteWallet(config, credentials)
  assert.ok(!storage.wallets.has('js-wallet'))
  for (const method of ['create', 'open', 'close', 'delete', 'addRecord', 'getRecord', 'searchRecords']) {
    assert.ok(storage.calls.get(method) > 0, `${method} was called`)
  }
})

test('the plugin\'s errors keep their codes; a missing wallet is WalletNotFoundError', async () => {
  await registered
  const [config, credentials] = walletIn('js-inmem', 'nowhere')
  await rejectsIndy(indy.openWallet(config, credentials), 'WalletNotFoundError')
  await indy.createWallet(config, credentials)
  await rejectsIndy(indy.createWallet(config, credentials), 'WalletAlreadyExistsError')
  await indy.deleteWallet(config, credentials)
})

test('a plugin method that throws a plain Error fails the command with WalletStorageError', async () => {
  const broken = new InMemoryStorage()
  broken.addRecord = () => { throw new Error('disk on fire') }
  await indy.registerWalletStorage('js-broken', broken)
  const [config, credentials] = walletIn('js-broken', 'broken')
  await indy.createWallet(config, credentials)
  const wh = await indy.openWallet(config, credentials)
  await rejectsIndy(indy.addWalletRecord(wh, 'kind', 'id', 'value', null), 'WalletStorageError')
  await indy.closeWallet(wh)
  await indy.deleteWallet(config, credentials)
})

test('a type registers once; "default" is taken', async () => {
  await registered
  await rejectsIndy(indy.registerWalletStorage('js-inmem', new InMemoryStorage()), 'WalletTypeAlreadyRegisteredError')
  await rejectsIndy(indy.registerWalletStorage('default', new InMemoryStorage()), 'WalletTypeAlreadyRegisteredError')
  await rejectsIndy(indy.registerWalletStorage('', new InMemoryStorage()), 'CommonInvalidParam2')
})

test('an unregistered storage type fails with WalletUnknownTypeError', async () => {
  const [config, credentials] = walletIn('no-such-type', 'x')
  await rejectsIndy(indy.createWallet(config, credentials), 'WalletUnknownTypeError')
})
