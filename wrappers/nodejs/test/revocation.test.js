'use strict'
// Revocation and blob storage through the real library: registries and tails files,
// revocable issuance, revocation states, proofs with non-revocation, revoke (the proof no
// longer verifies), recover (it verifies again), deltas, searches for proof requests, tag
// policies, credential definition rotation and libindy's error codes.
const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { indy, TRUSTEE_SEED, openWallet, rejectsIndy, tempDir, needsCommandErrorDetails } =
  require('../test-support')

// Generating keys takes seconds (more on a loaded machine).
const SLOW = { timeout: 180000 }

const ATTRS = ['name', 'age', 'sex', 'height']
const VALUES = {
  name: { raw: 'Alex', encoded: '1139481716457488690172217916278103335' },
  age: { raw: '28', encoded: '28' },
  sex: { raw: 'male', encoded: '5944657099558967239210949258394887428692050081607692519917050011144233115103' },
  height: { raw: '175', encoded: '175' }
}

// One issuer for the file: a wallet with the trustee DID, a schema and a revocable credential definition.
const issuer = {}
let registryCount = 0

before(async () => {
  const { wh, config, credentials, dir } = await openWallet({ after: () => {} })
  Object.assign(issuer, { wh, config, credentials, dir })
  ;[issuer.did] = await indy.createAndStoreMyDid(wh, { seed: TRUSTEE_SEED })
  ;[issuer.schemaId, issuer.schema] = await indy.issuerCreateSchema(issuer.did, 'gvt', '1.0', ATTRS)
  ;[issuer.credDefId, issuer.credDef] = await indy.issuerCreateAndStoreCredentialDef(wh, issuer.did, issuer.schema,
    'TAG1', null, { support_revocation: true })
}, SLOW)

after(async () => {
  if (issuer.wh === undefined) return
  await indy.closeWallet(issuer.wh).catch(() => {})
  await indy.deleteWallet(issuer.config, issuer.credentials).catch(() => {})
  fs.rmSync(issuer.dir, { recursive: true, force: true })
})

/** A fresh revocation registry of the issuer's definition (its own tag and tails directory) and a reader. */
async function newRegistry (t, { issuance = 'ISSUANCE_ON_DEMAND', maxCredNum = 5 } = {}) {
  const tails = tempDir()
  t.after(() => fs.rmSync(tails, { recursive: true, force: true }))
  const writer = await indy.openBlobStorageWriter('default', { base_dir: tails, uri_pattern: '' })
  assert.equal(typeof writer, 'number')
  const tag = `R${process.pid}-${++registryCount}`
  const [revRegId, revRegDef, revRegEntry] = await indy.issuerCreateAndStoreRevocReg(issuer.wh, issuer.did, null, tag,
    issuer.credDefId, { max_cred_num: maxCredNum, issuance_type: issuance }, writer)
  const reader = await indy.openBlobStorageReader('default', JSON.stringify({ base_dir: tails }))
  assert.equal(typeof reader, 'number')
  return { tails, tag, revRegId, revRegDef, revRegEntry, reader }
}

/** A prover: a wallet, a DID and the master secret 'ms'. */
async function newProver (t) {
  const { wh } = await openWallet(t)
  const [did] = await indy.createAndStoreMyDid(wh, {})
  await indy.proverCreateMasterSecret(wh, 'ms')
  return { wh, did }
}

/** Issues a revocable credential to `prover` and stores it; answers [credId, credRevocId, delta]. */
async function issue (prover, reg, credId) {
  const offer = await indy.issuerCreateCredentialOffer(issuer.wh, issuer.credDefId)
  const [request, metadata] = await indy.proverCreateCredentialReq(prover.wh, prover.did, offer, issuer.credDef, 'ms')
  const [cred, revId, delta] = await indy.issuerCreateCredential(issuer.wh, offer, request, VALUES, reg.revRegId,
    reg.reader)
  const stored = await indy.proverStoreCredential(prover.wh, credId, metadata, cred, issuer.credDef, reg.revRegDef)
  return [stored, revId, delta]
}

function proofRequest (nonce, to) {
  return {
    nonce,
    name: 'proof_req_1',
    version: '0.1',
    requested_attributes: { attr1_referent: { name: 'name' } },
    requested_predicates: { predicate1_referent: { name: 'age', p_type: '>=', p_value: 18 } },
    non_revoked: { to }
  }
}

async function proveAndVerify (prover, reg, credId, revState, timestamp, revReg) {
  const request = proofRequest(await indy.generateNonce(), timestamp)
  const requested = {
    self_attested_attributes: {},
    requested_attributes: { attr1_referent: { cred_id: credId, revealed: true, timestamp } },
    requested_predicates: { predicate1_referent: { cred_id: credId, timestamp } }
  }
  const schemas = { [issuer.schemaId]: issuer.schema }
  const credDefs = { [issuer.credDefId]: issuer.credDef }
  const revStates = { [reg.revRegId]: { [String(timestamp)]: revState } }
  const proof = await indy.proverCreateProof(prover.wh, request, requested, 'ms', schemas, credDefs, revStates)
  assert.equal(proof.identifiers[0].rev_reg_id, reg.revRegId)
  assert.equal(proof.identifiers[0].timestamp, timestamp)
  const revRegDefs = { [reg.revRegId]: reg.revRegDef }
  const revRegs = { [reg.revRegId]: { [String(timestamp)]: revReg } }
  return indy.verifierVerifyProof(request, proof, schemas, credDefs, revRegDefs, revRegs)
}

test('issue revocably, prove, revoke (no longer verifies), recover (verifies again)', SLOW, async (t) => {
  const prover = await newProver(t)
  const reg = await newRegistry(t)
  assert.equal(reg.revRegId, `${issuer.did}:4:${issuer.credDefId}:CL_ACCUM:${reg.tag}`)
  assert.equal(reg.revRegDef.id, reg.revRegId)
  assert.equal(reg.revRegDef.value.maxCredNum, 5)
  assert.equal(reg.revRegDef.value.issuanceType, 'ISSUANCE_ON_DEMAND')
  assert.ok(fs.existsSync(path.join(reg.tails, reg.revRegDef.value.tailsHash)))
  assert.equal(typeof reg.revRegEntry.value.accum, 'string')

  const [credId, revId, delta] = await issue(prover, reg, 'cred-1')
  assert.equal(credId, 'cred-1')
  assert.equal(revId, '1')
  assert.deepEqual(delta.value.issued, [1])
  const info = await indy.proverGetCredential(prover.wh, credId)
  assert.equal(info.rev_reg_id, reg.revRegId)
  assert.equal(info.cred_rev_id, '1')

  // The credential is found for the request, with the interval to cover.
  const timestamp = Math.floor(Date.now() / 1000)
  const found = await indy.proverGetCredentialsForProofReq(prover.wh, proofRequest('1', timestamp))
  assert.deepEqual(found.attrs.attr1_referent.map((c) => c.cred_info.referent), ['cred-1'])
  assert.deepEqual(found.attrs.attr1_referent[0].interval, { from: null, to: timestamp })
  assert.deepEqual(found.predicates.predicate1_referent.map((c) => c.cred_info.referent), ['cred-1'])

  const revState = await indy.createRevocationState(reg.reader, reg.revRegDef, delta, timestamp, revId)
  assert.equal(revState.timestamp, timestamp)
  assert.equal(await proveAndVerify(prover, reg, credId, revState, timestamp, delta), true)

  // Revoked: a proof can still be made, but it no longer verifies.
  const revocation = await indy.issuerRevokeCredential(issuer.wh, reg.reader, reg.revRegId, revId)
  assert.deepEqual(revocation.value.revoked, [1])
  const merged = await indy.issuerMergeRevocationRegistryDeltas(delta, JSON.stringify(revocation))
  assert.equal(merged.value.accum, revocation.value.accum)
  const later = timestamp + 100
  // A BigInt timestamp reaches uint64_t as well.
  const revokedState = await indy.updateRevocationState(reg.reader, revState, reg.revRegDef, revocation,
    BigInt(later), revId)
  assert.equal(revokedState.timestamp, later)
  assert.equal(await proveAndVerify(prover, reg, credId, revokedState, later, merged), false)

  // Revoking twice, or an index never issued, is AnoncredsInvalidUserRevocId (401).
  const error = await rejectsIndy(indy.issuerRevokeCredential(issuer.wh, reg.reader, reg.revRegId, revId),
    'AnoncredsInvalidUserRevocId')
  assert.equal(error.indyCode, 401)
  await rejectsIndy(indy.issuerRevokeCredential(issuer.wh, reg.reader, reg.revRegId, '4'), 'AnoncredsInvalidUserRevocId')

  // Recovered (beyond indy-sdk): verifies again.
  const recovery = await indy.issuerRecoverCredential(issuer.wh, reg.reader, reg.revRegId, revId)
  assert.deepEqual(recovery.value.issued, [1])
  const mergedAgain = await indy.issuerMergeRevocationRegistryDeltas(merged, recovery)
  const latest = later + 100
  const recoveredState = await indy.updateRevocationState(reg.reader, revokedState, reg.revRegDef, recovery, latest,
    revId)
  assert.equal(await proveAndVerify(prover, reg, credId, recoveredState, latest, mergedAgain), true)
  const fresh = await indy.createRevocationState(reg.reader, reg.revRegDef, mergedAgain, latest, revId)
  assert.equal(await proveAndVerify(prover, reg, credId, fresh, latest, mergedAgain), true)
  await rejectsIndy(indy.issuerRecoverCredential(issuer.wh, reg.reader, reg.revRegId, revId),
    'AnoncredsInvalidUserRevocId')
})

test('an ISSUANCE_BY_DEFAULT registry gives no delta at issuance; revoking still works', SLOW, async (t) => {
  const prover = await newProver(t)
  const reg = await newRegistry(t, { issuance: 'ISSUANCE_BY_DEFAULT' })
  const [credId, revId, delta] = await issue(prover, reg, 'cred-1')
  assert.equal(revId, '1')
  assert.equal(delta, null)
  const timestamp = Math.floor(Date.now() / 1000)
  const revState = await indy.createRevocationState(reg.reader, reg.revRegDef, reg.revRegEntry, timestamp, revId)
  assert.equal(await proveAndVerify(prover, reg, credId, revState, timestamp, reg.revRegEntry), true)
  const revocation = await indy.issuerRevokeCredential(issuer.wh, reg.reader, reg.revRegId, revId)
  const updated = await indy.updateRevocationState(reg.reader, revState, reg.revRegDef, revocation, timestamp + 10,
    revId)
  assert.equal(await proveAndVerify(prover, reg, credId, updated, timestamp + 10, revocation), false)
})

test('a full registry refuses the next credential', SLOW, async (t) => {
  const prover = await newProver(t)
  const reg = await newRegistry(t, { maxCredNum: 2 })
  assert.equal((await issue(prover, reg, 'cred-1'))[1], '1')
  assert.equal((await issue(prover, reg, 'cred-2'))[1], '2')
  await rejectsIndy(issue(prover, reg, 'cred-3'), 'AnoncredsRevocationRegistryFullError')
})

test('searching credentials for a proof request: per referent, in pages, then closed', SLOW, async (t) => {
  const prover = await newProver(t)
  const reg = await newRegistry(t)
  for (let i = 0; i < 3; i++) await issue(prover, reg, `cred-${i}`)
  const request = {
    nonce: '1',
    name: 'p',
    version: '0.1',
    requested_attributes: {
      a: { name: 'Name', restrictions: { cred_def_id: issuer.credDefId } },
      other: { name: 'name', restrictions: { issuer_did: 'not-this-one' } }
    },
    requested_predicates: {
      old: { name: 'age', p_type: '>=', p_value: 60 },
      adult: { name: 'age', p_type: '>=', p_value: 18 }
    }
  }
  const sh = await indy.proverSearchCredentialsForProofReq(prover.wh, request, { a: { 'attr::name::value': 'Alex' } })
  assert.equal(typeof sh, 'number')
  const first = await indy.proverFetchCredentialsForProofReq(sh, 'a', 2)
  const rest = await indy.proverFetchCredentialsForProofReq(sh, 'a', 2)
  assert.equal(first.length, 2)
  assert.equal(rest.length, 1)
  assert.deepEqual([...first, ...rest].map((c) => c.cred_info.referent).sort(), ['cred-0', 'cred-1', 'cred-2'])
  assert.deepEqual(await indy.proverFetchCredentialsForProofReq(sh, 'a', 2), [])
  assert.deepEqual(await indy.proverFetchCredentialsForProofReq(sh, 'other', 10), [])
  assert.deepEqual(await indy.proverFetchCredentialsForProofReq(sh, 'old', 10), [])
  assert.equal((await indy.proverFetchCredentialsForProofReq(sh, 'adult', 10)).length, 3)
  await rejectsIndy(indy.proverFetchCredentialsForProofReq(sh, 'no-such-referent', 1), 'WalletInvalidHandle')
  await indy.proverCloseCredentialsSearchForProofReq(sh)
  await rejectsIndy(indy.proverCloseCredentialsSearchForProofReq(sh), 'WalletInvalidHandle')

  // Without an extra query, and the deprecated all-at-once form.
  const sh2 = await indy.proverSearchCredentialsForProofReq(prover.wh, JSON.stringify(request), null)
  assert.equal((await indy.proverFetchCredentialsForProofReq(sh2, 'a', 10)).length, 3)
  await indy.proverCloseCredentialsSearchForProofReq(sh2)
  const found = await indy.proverGetCredentialsForProofReq(prover.wh, request)
  assert.equal(found.attrs.a.length, 3)
  assert.deepEqual(found.attrs.other, [])
  assert.deepEqual(found.predicates.old, [])
  assert.equal(found.predicates.adult.length, 3)
})

test('the tag policy decides which values are searchable', SLOW, async (t) => {
  const prover = await newProver(t)
  const reg = await newRegistry(t)
  assert.equal(await indy.proverGetCredentialAttrTagPolicy(prover.wh, issuer.credDefId), null)
  await indy.proverSetCredentialAttrTagPolicy(prover.wh, issuer.credDefId, ['Name'], false)
  assert.deepEqual(await indy.proverGetCredentialAttrTagPolicy(prover.wh, issuer.credDefId), ['name'])
  await issue(prover, reg, 'cred-1')

  async function count (query) {
    const [sh, total] = await indy.proverSearchCredentials(prover.wh, query)
    await indy.proverCloseCredentialsSearch(sh)
    return total
  }

  assert.equal(await count({ 'attr::name::value': 'Alex' }), 1)
  assert.equal(await count({ 'attr::age::value': '28' }), 0)
  assert.equal(await count({ 'attr::age::marker': '1' }), 1)
  // Removing the policy retroactively tags every value again.
  await indy.proverSetCredentialAttrTagPolicy(prover.wh, issuer.credDefId, null, true)
  assert.equal(await indy.proverGetCredentialAttrTagPolicy(prover.wh, issuer.credDefId), null)
  assert.equal(await count({ 'attr::age::value': '28' }), 1)
  // `retroactive` is a boolean: a string is refused before the library.
  await assert.rejects(indy.proverSetCredentialAttrTagPolicy(prover.wh, issuer.credDefId, null, 'false'), TypeError)
})

test('rotating a credential definition: start, apply, issue with the new keys', SLOW, async (t) => {
  // Its own (non-revocable) definition: the shared one stays as the other tests know it.
  const [credDefId, credDef] = await indy.issuerCreateAndStoreCredentialDef(issuer.wh, issuer.did, issuer.schema,
    `ROTATE${process.pid}`, null, { support_revocation: false })
  await rejectsIndy(indy.issuerRotateCredentialDefApply(issuer.wh, credDefId), 'WalletItemNotFound')
  const rotated = await indy.issuerRotateCredentialDefStart(issuer.wh, credDefId, null)
  assert.equal(rotated.id, credDefId)
  assert.notDeepEqual(rotated.value, credDef.value)
  await indy.issuerRotateCredentialDefApply(issuer.wh, credDefId)
  await rejectsIndy(indy.issuerRotateCredentialDefApply(issuer.wh, credDefId), 'WalletItemNotFound')

  const prover = await newProver(t)
  const offer = await indy.issuerCreateCredentialOffer(issuer.wh, credDefId)
  const [request, metadata] = await indy.proverCreateCredentialReq(prover.wh, prover.did, offer, rotated, 'ms')
  const [cred, revId, delta] = await indy.issuerCreateCredential(issuer.wh, offer, request, VALUES, null, null)
  assert.equal(revId, null)
  assert.equal(delta, null)
  // Stored against the rotated public keys: the issuer signed with the new ones.
  assert.equal(await indy.proverStoreCredential(prover.wh, 'rotated', metadata, cred, rotated, null), 'rotated')
})

test('bad revocation input gets libindy\'s codes', SLOW, async (t) => {
  const dir = tempDir()
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const error = await rejectsIndy(indy.openBlobStorageReader('no-such-type', { base_dir: dir }),
    'CommonInvalidStructure')
  await rejectsIndy(indy.openBlobStorageWriter('no-such-type', { base_dir: dir, uri_pattern: '' }),
    'CommonInvalidStructure')
  await rejectsIndy(indy.openBlobStorageWriter('default', { base_dir: dir }), 'CommonInvalidStructure')

  const reg = await newRegistry(t)
  await rejectsIndy(indy.issuerRevokeCredential(issuer.wh, reg.reader, reg.revRegId, 'not-a-number'),
    'CommonInvalidStructure')
  await rejectsIndy(indy.issuerRevokeCredential(issuer.wh, reg.reader, `${reg.revRegId}x`, '1'), 'WalletItemNotFound')
  await rejectsIndy(indy.createRevocationState(reg.reader, {}, reg.revRegEntry, 1, '1'), 'CommonInvalidStructure')
  await rejectsIndy(indy.issuerMergeRevocationRegistryDeltas({}, reg.revRegEntry), 'CommonInvalidStructure')
  const writer = await indy.openBlobStorageWriter('default', { base_dir: dir, uri_pattern: '' })
  await rejectsIndy(indy.issuerCreateAndStoreRevocReg(issuer.wh, issuer.did, null, 'R', `${issuer.credDefId}x`, {},
    writer), 'WalletItemNotFound')
  // Timestamps beyond 32 bits reach the library whole.
  const state = await indy.createRevocationState(reg.reader, reg.revRegDef, reg.revRegEntry, 2 ** 40, '1')
  assert.equal(state.timestamp, 2 ** 40)
  if (needsCommandErrorDetails(t)) return
  assert.equal(typeof error.indyMessage, 'string')
})
