'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { indy, newWallet, openWallet, rejectsIndy, tempDir } = require('../test-support')

test('a wallet is created, opened, closed and deleted', async (t) => {
  const { config, credentials, dir } = await newWallet(t)
  assert.ok(fs.existsSync(path.join(dir, config.id, 'sqlite.db')))
  const wh = await indy.openWallet(config, credentials)
  assert.equal(typeof wh, 'number')
  assert.ok(wh > 0)
  assert.equal(await indy.closeWallet(wh), undefined)
  assert.equal(await indy.deleteWallet(config, credentials), undefined)
  assert.ok(!fs.existsSync(path.join(dir, config.id)))
})

test('config and credentials may be passed as JSON text', async (t) => {
  const dir = tempDir()
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const config = JSON.stringify({ id: 'as-text', storage_config: { path: dir } })
  const credentials = JSON.stringify({ key: 'k', key_derivation_method: 'ARGON2I_INT' })
  await indy.createWallet(config, credentials)
  const wh = await indy.openWallet(config, credentials)
  await indy.closeWallet(wh)
  await indy.deleteWallet(config, credentials)
})

test('generateWalletKey is deterministic with a seed and random without', async () => {
  const seeded = await indy.generateWalletKey({ seed: '00000000000000000000000000000My1' })
  assert.equal(seeded, 'CwMHrEQJnwvuE8q9zbR49jyYtVxVBHNTjCPEPk1aV3cP')
  assert.equal(await indy.generateWalletKey({ seed: '00000000000000000000000000000My1' }), seeded)
  const a = await indy.generateWalletKey()
  const b = await indy.generateWalletKey({})
  assert.notEqual(a, b)
  assert.match(a, /^[1-9A-HJ-NP-Za-km-z]{43,44}$/)
})

test('creating a wallet twice fails with WalletAlreadyExistsError', async (t) => {
  const { config, credentials } = await newWallet(t)
  await rejectsIndy(indy.createWallet(config, credentials), 'WalletAlreadyExistsError')
})

test('opening a missing wallet fails with WalletNotFoundError', async () => {
  const dir = tempDir()
  await rejectsIndy(indy.openWallet({ id: 'missing', storage_config: { path: dir } },
    { key: await indy.generateWalletKey(), key_derivation_method: 'RAW' }), 'WalletNotFoundError')
  fs.rmSync(dir, { recursive: true, force: true })
})

test('a wrong key fails with WalletAccessFailed', async (t) => {
  const { config } = await newWallet(t)
  await rejectsIndy(indy.openWallet(config, { key: await indy.generateWalletKey(), key_derivation_method: 'RAW' }),
    'WalletAccessFailed')
})

test('an open wallet cannot be opened again or deleted', async (t) => {
  const { config, credentials } = await openWallet(t)
  await rejectsIndy(indy.openWallet(config, credentials), 'WalletAlreadyOpenedError')
  await rejectsIndy(indy.deleteWallet(config, credentials), 'CommonInvalidState')
})

test('a closed or unknown handle fails with WalletInvalidHandle', async (t) => {
  const { config, credentials } = await newWallet(t)
  const wh = await indy.openWallet(config, credentials)
  await indy.closeWallet(wh)
  await rejectsIndy(indy.closeWallet(wh), 'WalletInvalidHandle')
  await rejectsIndy(indy.createAndStoreMyDid(wh, {}), 'WalletInvalidHandle')
  await indy.deleteWallet(config, credentials)
})

test('malformed JSON is refused synchronously, with the library detail', async () => {
  const error = await rejectsIndy(indy.createWallet('{not json', '{}'), 'CommonInvalidStructure')
  assert.equal(typeof error.indyMessage, 'string')
  assert.ok(error.indyMessage.length > 0)
})

test('a missing argument is CommonInvalidParamN from the library', async () => {
  const error = await rejectsIndy(indy.createWallet(null, { key: 'k' }), 'CommonInvalidParam2')
  assert.match(error.indyMessage, /null/i)
})

test('rekey changes the key: the old one stops working', async (t) => {
  const { config, credentials } = await newWallet(t)
  const newKey = await indy.generateWalletKey()
  const wh = await indy.openWallet(config, { ...credentials, rekey: newKey, rekey_derivation_method: 'RAW' })
  await indy.closeWallet(wh)
  await rejectsIndy(indy.openWallet(config, credentials), 'WalletAccessFailed')
  const fresh = { key: newKey, key_derivation_method: 'RAW' }
  await indy.closeWallet(await indy.openWallet(config, fresh))
  await indy.deleteWallet(config, fresh)
})

test('export then import carries records and DIDs to a new wallet', async (t) => {
  const { wh } = await openWallet(t)
  const [did, verkey] = await indy.createAndStoreMyDid(wh, { seed: '00000000000000000000000000000My1' })
  await indy.addWalletRecord(wh, 'note', 'n1', 'value', { tag: 'x' })
  const dir = tempDir()
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const exportConfig = { path: path.join(dir, 'export.dat'), key: 'export key', key_derivation_method: 'ARGON2I_INT' }
  await indy.exportWallet(wh, exportConfig)
  await rejectsIndy(indy.exportWallet(wh, exportConfig), 'CommonIOError')

  const config = { id: 'imported', storage_config: { path: dir } }
  const credentials = { key: await indy.generateWalletKey(), key_derivation_method: 'RAW' }
  await indy.importWallet(config, credentials, exportConfig)
  const imported = await indy.openWallet(config, credentials)
  assert.equal(await indy.keyForLocalDid(imported, did), verkey)
  const record = await indy.getWalletRecord(imported, 'note', 'n1', { retrieveTags: true })
  assert.deepEqual(record, { type: null, id: 'n1', value: 'value', tags: { tag: 'x' } })
  await indy.closeWallet(imported)
  await indy.deleteWallet(config, credentials)

  // libindy cannot tell a wrong export key from a damaged file
  await rejectsIndy(indy.importWallet({ id: 'bad', storage_config: { path: dir } }, credentials,
    { ...exportConfig, key: 'wrong key' }), 'CommonInvalidStructure')
  assert.ok(!fs.existsSync(path.join(dir, 'bad')), 'a failed import leaves no wallet')
})
