'use strict'
// Ledger requests, signing, parsers, pool configs and the cache without a ledger; the
// flows against a running pool are in libindy/tests/ledger.rs.
const { test } = require('node:test')
const assert = require('node:assert/strict')
const { indy, openWallet, rejectsIndy, TRUSTEE_SEED, TRUSTEE_DID } = require('../test-support')

const MY1_DID = 'VsKV7grR1BUE29mG2Fm2kX'
// libindy's own test request and its trustee signature.
const REQUEST_TEXT = '{"reqId":1496822211362017764,"identifier":"GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL",' +
  '"operation":{"type":"1","dest":"VsKV7grR1BUE29mG2Fm2kX","verkey":"GjZWsBLgZCR18aL468JAT7w9CZRiBnpxUPPgyQxh4voa"}}'
const SIGNATURE = '65hzs4nsdQsTUqLCLy2qisbKLfwYKZSWoyh1C6CU59p5pfG3EHQXGAsjW4Qw4QdwkrvjSgQuyv8qyABcXRBznFKW'

test('builders answer libindy requests as objects', async () => {
  const nym = await indy.buildNymRequest(TRUSTEE_DID, MY1_DID, null, 'alias', 'STEWARD')
  assert.equal(nym.identifier, TRUSTEE_DID)
  assert.equal(nym.protocolVersion, 2)
  assert.deepEqual(nym.operation, { type: '1', dest: MY1_DID, alias: 'alias', role: '2' })
  const getNym = await indy.buildGetNymRequest(null, MY1_DID)
  assert.equal(getNym.identifier, 'LibindyDid111111111111')
  const upgrade = await indy.buildPoolUpgradeRequest(TRUSTEE_DID, 'up', '2.0.0', 'cancel', 'abc', null, null, null,
    false, false, null)
  assert.equal(upgrade.operation.type, '109')
  const delta = await indy.buildGetRevocRegDeltaRequest(null,
    'V4SGRU86Z58d6TV7PBUe6f:4:V4SGRU86Z58d6TV7PBUe6f:3:CL:1:tag:CL_ACCUM:r', null, 100)
  assert.equal('from' in delta.operation, false)
  assert.deepEqual((await indy.buildLedgersFreezeRequest(TRUSTEE_DID, [0, 1])).operation, { type: '9', ledgers_ids: [0, 1] })
  await rejectsIndy(indy.buildNymRequest(TRUSTEE_DID, MY1_DID, null, null, 'KING'), 'CommonInvalidStructure')
})

test('signRequest signs as libindy; TAA acceptance and endorser are appended', async (t) => {
  const { wh } = await openWallet(t)
  await indy.createAndStoreMyDid(wh, { seed: TRUSTEE_SEED })
  const signed = await indy.signRequest(wh, TRUSTEE_DID, REQUEST_TEXT)
  assert.equal(signed.signature, SIGNATURE)
  const multi = await indy.multiSignRequest(wh, TRUSTEE_DID, REQUEST_TEXT)
  assert.deepEqual(multi.signatures, { [TRUSTEE_DID]: SIGNATURE })
  const taa = await indy.appendTxnAuthorAgreementAcceptanceToRequest(REQUEST_TEXT, null, null, 'abcd', 'click',
    123456789)
  assert.deepEqual(taa.taaAcceptance, { mechanism: 'click', taaDigest: 'abcd', time: 123379200 })
  const endorsed = await indy.appendRequestEndorser(REQUEST_TEXT, MY1_DID)
  assert.equal(endorsed.endorser, MY1_DID)
})

test('parsers and metadata', async () => {
  const reply = {
    op: 'REPLY',
    result: { type: '107', dest: TRUSTEE_DID, seqNo: 14, txnTime: 1, data: { name: 'gvt', version: '1.0', attr_names: ['name'] } }
  }
  const [id, schema] = await indy.parseGetSchemaResponse(reply)
  assert.equal(id, `${TRUSTEE_DID}:2:gvt:1.0`)
  assert.equal(schema.seqNo, 14)
  assert.deepEqual(await indy.getResponseMetadata(reply), { seqNo: 14, txnTime: 1 })
  const revocReg = {
    op: 'REPLY',
    // As indy-node answers: `data` is the whole entry, the accumulator under `value`.
    result: { type: '116', revocRegDefId: 'r', txnTime: 77, data: { revocRegDefId: 'r', value: { accum: 'A' } } }
  }
  assert.deepEqual(await indy.parseGetRevocRegResponse(revocReg), ['r', { ver: '1.0', value: { accum: 'A' } }, 77])
})

test('pool and cache errors are libindy\'s', async (t) => {
  const { wh } = await openWallet(t)
  await rejectsIndy(indy.openPoolLedger('no-such-pool-config', null), 'PoolLedgerNotCreatedError')
  await rejectsIndy(indy.submitRequest(54321, REQUEST_TEXT), 'PoolLedgerInvalidPoolHandle')
  await rejectsIndy(indy.closePoolLedger(54321), 'PoolLedgerInvalidPoolHandle')
  await rejectsIndy(indy.getSchema(54321, wh, TRUSTEE_DID, `${TRUSTEE_DID}:2:gvt:1.0`, { noUpdate: true }),
    'LedgerNotFound')
  await indy.purgeSchemaCache(wh, { maxAge: -1 })
  await indy.purgeCredDefCache(wh, {})
  assert.ok(Array.isArray(await indy.listPools()))
})
