'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const { indy, openWallet, rejectsIndy, TRUSTEE_SEED, TRUSTEE_DID, TRUSTEE_VERKEY, MY1_SEED } = require('../test-support')

test('createAndStoreMyDid answers [did, verkey]; a seed makes them deterministic', async (t) => {
  const { wh } = await openWallet(t)
  assert.deepEqual(await indy.createAndStoreMyDid(wh, { seed: TRUSTEE_SEED }), [TRUSTEE_DID, TRUSTEE_VERKEY])
  const [did, verkey] = await indy.createAndStoreMyDid(wh, {})
  assert.match(did, /^[1-9A-HJ-NP-Za-km-z]{21,22}$/)
  assert.equal(await indy.keyForLocalDid(wh, did), verkey)
})

test('the same DID twice fails with DidAlreadyExistsError', async (t) => {
  const { wh } = await openWallet(t)
  await indy.createAndStoreMyDid(wh, { seed: TRUSTEE_SEED })
  await rejectsIndy(indy.createAndStoreMyDid(wh, { seed: TRUSTEE_SEED }), 'DidAlreadyExistsError')
})

test('a bad seed or crypto type is refused', async (t) => {
  const { wh } = await openWallet(t)
  await rejectsIndy(indy.createAndStoreMyDid(wh, { seed: 'too short' }), 'CommonInvalidStructure')
  await rejectsIndy(indy.createAndStoreMyDid(wh, { crypto_type: 'rsa' }), 'UnknownCryptoTypeError')
})

test('method_name makes a fully qualified DID; qualifyDid renames one', async (t) => {
  const { wh } = await openWallet(t)
  const [qualified] = await indy.createAndStoreMyDid(wh, { seed: MY1_SEED, method_name: 'sov' })
  assert.match(qualified, /^did:sov:/)
  const [did] = await indy.createAndStoreMyDid(wh, { seed: TRUSTEE_SEED })
  assert.equal(await indy.qualifyDid(wh, did, 'peer'), `did:peer:${did}`)
  assert.equal(await indy.keyForLocalDid(wh, `did:peer:${did}`), TRUSTEE_VERKEY)
  await rejectsIndy(indy.qualifyDid(wh, 'NcYxiDXkpYi6ov5FcYDi1e', 'peer'), 'WalletItemNotFound')
})

test('their DIDs are stored, with full, abbreviated or no verkey', async (t) => {
  const { wh } = await openWallet(t)
  await indy.storeTheirDid(wh, { did: TRUSTEE_DID, verkey: TRUSTEE_VERKEY })
  assert.equal(await indy.keyForLocalDid(wh, TRUSTEE_DID), TRUSTEE_VERKEY)
  assert.equal(await indy.keyForDid(0, wh, TRUSTEE_DID), TRUSTEE_VERKEY)
  const abbreviated = await indy.abbreviateVerkey(TRUSTEE_DID, TRUSTEE_VERKEY)
  await indy.storeTheirDid(wh, { did: TRUSTEE_DID, verkey: abbreviated })
  assert.equal(await indy.keyForLocalDid(wh, TRUSTEE_DID), TRUSTEE_VERKEY)
  const cryptonym = 'CnEDk9HrMnmiHXEV1WFgbVCRteYnPqsJwrTdcZaNhFVW'
  await indy.storeTheirDid(wh, { did: cryptonym })
  assert.equal(await indy.keyForLocalDid(wh, cryptonym), cryptonym)
  await rejectsIndy(indy.storeTheirDid(wh, { verkey: TRUSTEE_VERKEY }), 'CommonInvalidStructure')
})

test('an unknown DID: keyForLocalDid is WalletItemNotFound, keyForDid needs a pool', async (t) => {
  const { wh } = await openWallet(t)
  await rejectsIndy(indy.keyForLocalDid(wh, TRUSTEE_DID), 'WalletItemNotFound')
  await rejectsIndy(indy.keyForDid(0, wh, TRUSTEE_DID), 'PoolLedgerInvalidPoolHandle')
})

test('abbreviateVerkey shortens only a verkey the DID was made from', async () => {
  assert.equal(await indy.abbreviateVerkey(TRUSTEE_DID, TRUSTEE_VERKEY), '~CoRER63DVYnWZtK8uAzNbx')
  assert.equal(await indy.abbreviateVerkey('CnEDk9HrMnmiHXEV1WFgbV', TRUSTEE_VERKEY), TRUSTEE_VERKEY)
  await rejectsIndy(indy.abbreviateVerkey(TRUSTEE_DID, 'not a key!'), 'CommonInvalidStructure')
  await rejectsIndy(indy.abbreviateVerkey(TRUSTEE_DID, null), 'CommonInvalidParam3')
})

test('DID metadata is stored and read back; none set is WalletItemNotFound', async (t) => {
  const { wh } = await openWallet(t)
  const [did, verkey] = await indy.createAndStoreMyDid(wh, {})
  await rejectsIndy(indy.getDidMetadata(wh, did), 'WalletItemNotFound')
  await indy.setDidMetadata(wh, did, 'some metadata')
  assert.equal(await indy.getDidMetadata(wh, did), 'some metadata')
  await indy.setDidMetadata(wh, did, '')
  assert.equal(await indy.getDidMetadata(wh, did), '')
  await indy.setDidMetadata(wh, did, 'final')
  assert.deepEqual(await indy.getMyDidWithMeta(wh, did), { did, verkey, tempVerkey: null, metadata: 'final' })
})

test('listMyDidsWithMeta lists every DID of mine as objects', async (t) => {
  const { wh } = await openWallet(t)
  assert.deepEqual(await indy.listMyDidsWithMeta(wh), [])
  const [a] = await indy.createAndStoreMyDid(wh, { seed: TRUSTEE_SEED })
  const [b] = await indy.createAndStoreMyDid(wh, { seed: MY1_SEED })
  await indy.setDidMetadata(wh, b, 'meta b')
  const listed = await indy.listMyDidsWithMeta(wh)
  assert.deepEqual(listed.map((d) => d.did).sort(), [a, b].sort())
  assert.equal(listed.find((d) => d.did === b).metadata, 'meta b')
  await rejectsIndy(indy.getMyDidWithMeta(wh, 'NcYxiDXkpYi6ov5FcYDi1e'), 'WalletItemNotFound')
})

test('replaceKeysStart keeps a temporary key until replaceKeysApply', async (t) => {
  const { wh } = await openWallet(t)
  const [did, verkey] = await indy.createAndStoreMyDid(wh, {})
  const next = await indy.replaceKeysStart(wh, did, {})
  assert.notEqual(next, verkey)
  assert.equal((await indy.getMyDidWithMeta(wh, did)).tempVerkey, next)
  assert.equal(await indy.keyForLocalDid(wh, did), verkey)
  await indy.replaceKeysApply(wh, did)
  assert.equal(await indy.keyForLocalDid(wh, did), next)
  await rejectsIndy(indy.replaceKeysApply(wh, did), 'WalletItemNotFound')
})

test('endpoints are kept in the wallet: [address, transportVk]', async (t) => {
  const { wh } = await openWallet(t)
  const [did, verkey] = await indy.createAndStoreMyDid(wh, {})
  await rejectsIndy(indy.getEndpointForDid(wh, 0, did), 'PoolLedgerInvalidPoolHandle')
  await indy.setEndpointForDid(wh, did, '10.0.0.2:9702', verkey)
  assert.deepEqual(await indy.getEndpointForDid(wh, 0, did), ['10.0.0.2:9702', verkey])
  await rejectsIndy(indy.setEndpointForDid(wh, did, '10.0.0.2:9702', 'bad key'), 'CommonInvalidStructure')
})
