'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const { indy, openWallet, rejectsIndy, TRUSTEE_DID, TRUSTEE_VERKEY } = require('../test-support')

test('a pairwise links my DID to their DID, with metadata', async (t) => {
  const { wh } = await openWallet(t)
  const [myDid] = await indy.createAndStoreMyDid(wh, {})
  await indy.storeTheirDid(wh, { did: TRUSTEE_DID, verkey: TRUSTEE_VERKEY })
  assert.equal(await indy.isPairwiseExists(wh, TRUSTEE_DID), false)
  await indy.createPairwise(wh, TRUSTEE_DID, myDid, 'first meeting')
  assert.equal(await indy.isPairwiseExists(wh, TRUSTEE_DID), true)
  assert.deepEqual(await indy.getPairwise(wh, TRUSTEE_DID), { my_did: myDid, metadata: 'first meeting' })
  await indy.setPairwiseMetadata(wh, TRUSTEE_DID, 'updated')
  assert.deepEqual(await indy.getPairwise(wh, TRUSTEE_DID), { my_did: myDid, metadata: 'updated' })
  await indy.setPairwiseMetadata(wh, TRUSTEE_DID, null)
  assert.deepEqual(await indy.getPairwise(wh, TRUSTEE_DID), { my_did: myDid })
})

test('listPairwise answers objects (libindy gives JSON strings in a JSON array)', async (t) => {
  const { wh } = await openWallet(t)
  assert.deepEqual(await indy.listPairwise(wh), [])
  const [myDid] = await indy.createAndStoreMyDid(wh, {})
  await indy.storeTheirDid(wh, { did: TRUSTEE_DID, verkey: TRUSTEE_VERKEY })
  await indy.createPairwise(wh, TRUSTEE_DID, myDid, null)
  assert.deepEqual(await indy.listPairwise(wh), [{ my_did: myDid, their_did: TRUSTEE_DID }])
})

test('pairwise errors: unknown DIDs, a second pairwise, a missing one', async (t) => {
  const { wh } = await openWallet(t)
  const [myDid] = await indy.createAndStoreMyDid(wh, {})
  await rejectsIndy(indy.createPairwise(wh, TRUSTEE_DID, myDid, null), 'WalletItemNotFound')
  await indy.storeTheirDid(wh, { did: TRUSTEE_DID, verkey: TRUSTEE_VERKEY })
  await rejectsIndy(indy.createPairwise(wh, TRUSTEE_DID, 'NcYxiDXkpYi6ov5FcYDi1e', null), 'WalletItemNotFound')
  await indy.createPairwise(wh, TRUSTEE_DID, myDid, null)
  await rejectsIndy(indy.createPairwise(wh, TRUSTEE_DID, myDid, null), 'WalletItemAlreadyExists')
  await rejectsIndy(indy.getPairwise(wh, 'NcYxiDXkpYi6ov5FcYDi1e'), 'WalletItemNotFound')
  await rejectsIndy(indy.setPairwiseMetadata(wh, 'NcYxiDXkpYi6ov5FcYDi1e', 'm'), 'WalletItemNotFound')
})
