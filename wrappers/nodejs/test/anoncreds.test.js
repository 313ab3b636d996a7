'use strict'
// Anoncreds through the real library, without revocation (test/revocation.test.js): schema,
// credential definition, offer, master secret, request, issue, store, get, search, proof,
// verification, errors.
const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const { indy, TRUSTEE_SEED, TRUSTEE_DID, openWallet, rejectsIndy, needsCommandErrorDetails } = require('../test-support')

// Generating a credential definition's keys takes seconds (more on a loaded machine).
const SLOW = { timeout: 120000 }

const ATTRS = ['name', 'age', 'sex', 'height']
const VALUES = {
  name: { raw: 'Alex', encoded: '1139481716457488690172217916278103335' },
  age: { raw: '28', encoded: '28' },
  sex: { raw: 'male', encoded: '5944657099558967239210949258394887428692050081607692519917050011144233115103' },
  height: { raw: '175', encoded: '175' }
}

// One issuer for the file: a wallet with the trustee DID, a schema and a credential definition.
const issuer = {}

before(async () => {
  // openWallet's own cleanup wants a test context; this file's `after` does it instead.
  const { wh, config, credentials, dir } = await openWallet({ after: () => {} })
  Object.assign(issuer, { wh, config, credentials, dir })
  ;[issuer.did] = await indy.createAndStoreMyDid(wh, { seed: TRUSTEE_SEED })
  ;[issuer.schemaId, issuer.schema] = await indy.issuerCreateSchema(issuer.did, 'gvt', '1.0', ATTRS)
  ;[issuer.credDefId, issuer.credDef] = await indy.issuerCreateAndStoreCredentialDef(wh, issuer.did, issuer.schema,
    'TAG1', 'CL', { support_revocation: false })
}, SLOW)

after(async () => {
  if (issuer.wh === undefined) return
  await indy.closeWallet(issuer.wh).catch(() => {})
  await indy.deleteWallet(issuer.config, issuer.credentials).catch(() => {})
  fs.rmSync(issuer.dir, { recursive: true, force: true })
})

/** A prover: a wallet, a DID and a master secret. */
async function newProver (t) {
  const { wh } = await openWallet(t)
  const [did] = await indy.createAndStoreMyDid(wh, {})
  const secret = await indy.proverCreateMasterSecret(wh, `secret-${process.pid}-${Math.random()}`)
  return { wh, did, secret }
}

/** Issues a credential with `values` to `prover` and stores it as `credId` (null: random). */
async function issueTo (prover, values, credId = null) {
  const offer = await indy.issuerCreateCredentialOffer(issuer.wh, issuer.credDefId)
  const [request, metadata] = await indy.proverCreateCredentialReq(prover.wh, prover.did, offer, issuer.credDef,
    prover.secret)
  const [cred] = await indy.issuerCreateCredential(issuer.wh, offer, request, values, null, null)
  return indy.proverStoreCredential(prover.wh, credId, metadata, cred, issuer.credDef, null)
}

test('a schema has its id and attributes; JSON text is accepted as well as arrays', async () => {
  assert.equal(issuer.did, TRUSTEE_DID)
  assert.equal(issuer.schemaId, `${TRUSTEE_DID}:2:gvt:1.0`)
  assert.equal(issuer.schema.id, issuer.schemaId)
  assert.deepEqual([...issuer.schema.attrNames].sort(), [...ATTRS].sort())
  const [id, schema] = await indy.issuerCreateSchema(TRUSTEE_DID, 'other', '2.0', JSON.stringify(['a', 'b']))
  assert.equal(id, `${TRUSTEE_DID}:2:other:2.0`)
  assert.equal(typeof schema, 'object')
  assert.equal(issuer.credDefId, `${TRUSTEE_DID}:3:CL:${issuer.schemaId}:TAG1`)
  assert.equal(issuer.credDef.id, issuer.credDefId)
  assert.equal(issuer.credDef.schemaId, issuer.schemaId)
})

test('toUnqualified removes fully-qualified prefixes and leaves the rest alone', async () => {
  assert.equal(await indy.toUnqualified('did:sov:NcYxiDXkpYi6ov5FcYDi1e'), 'NcYxiDXkpYi6ov5FcYDi1e')
  assert.equal(await indy.toUnqualified('schema:sov:did:sov:NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0'),
    'NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0')
  assert.equal(await indy.toUnqualified('NcYxiDXkpYi6ov5FcYDi1e'), 'NcYxiDXkpYi6ov5FcYDi1e')
})

test('generateNonce answers distinct decimal strings', async () => {
  const nonces = await Promise.all(Array.from({ length: 20 }, () => indy.generateNonce()))
  assert.equal(new Set(nonces).size, 20)
  for (const nonce of nonces) assert.match(nonce, /^\d+$/)
})

test('issue, store, get, search, prove and verify', SLOW, async (t) => {
  const prover = await newProver(t)
  assert.notEqual(await indy.proverCreateMasterSecret(prover.wh, null), prover.secret)

  const offer = await indy.issuerCreateCredentialOffer(issuer.wh, issuer.credDefId)
  assert.equal(offer.cred_def_id, issuer.credDefId)
  assert.equal(offer.schema_id, issuer.schemaId)
  const [request, metadata] = await indy.proverCreateCredentialReq(prover.wh, prover.did, offer, issuer.credDef,
    prover.secret)
  assert.equal(request.prover_did, prover.did)
  assert.equal(request.cred_def_id, issuer.credDefId)
  assert.equal(metadata.master_secret_name, prover.secret)

  // Objects or JSON text alike.
  const [cred, revocId, delta] = await indy.issuerCreateCredential(issuer.wh, JSON.stringify(offer), request,
    JSON.stringify(VALUES), null, null)
  assert.equal(revocId, null)
  assert.equal(delta, null)
  assert.equal(cred.cred_def_id, issuer.credDefId)
  assert.deepEqual(cred.values, VALUES)

  const credId = await indy.proverStoreCredential(prover.wh, 'cred1', metadata, JSON.stringify(cred), issuer.credDef,
    null)
  assert.equal(credId, 'cred1')
  const info = {
    referent: 'cred1',
    attrs: { name: 'Alex', age: '28', sex: 'male', height: '175' },
    schema_id: issuer.schemaId,
    cred_def_id: issuer.credDefId,
    rev_reg_id: null,
    cred_rev_id: null
  }
  assert.deepEqual(await indy.proverGetCredential(prover.wh, credId), info)
  const otherId = await issueTo(prover, { ...VALUES, name: { raw: 'Bo', encoded: '42' } })
  assert.equal(typeof otherId, 'string')
  assert.notEqual(otherId, credId)

  // The deprecated filter.
  const all = await indy.proverGetCredentials(prover.wh, { schema_name: 'gvt', issuer_did: TRUSTEE_DID })
  assert.deepEqual(all.map((c) => c.referent).sort(), [credId, otherId].sort())
  assert.deepEqual(await indy.proverGetCredentials(prover.wh, { schema_name: 'other' }), [])
  assert.equal((await indy.proverGetCredentials(prover.wh, JSON.stringify({ cred_def_id: issuer.credDefId }))).length, 2)

  // WQL search: handle and total count, fetched in pages, closed.
  const [sh, total] = await indy.proverSearchCredentials(prover.wh, { 'attr::name::value': 'Alex' })
  assert.equal(typeof sh, 'number')
  assert.equal(total, 1)
  assert.deepEqual(await indy.proverFetchCredentials(sh, 10), [info])
  assert.deepEqual(await indy.proverFetchCredentials(sh, 10), [])
  await indy.proverCloseCredentialsSearch(sh)
  await rejectsIndy(indy.proverFetchCredentials(sh, 1), 'WalletInvalidHandle')
  const [sh2, total2] = await indy.proverSearchCredentials(prover.wh, { schema_id: issuer.schemaId })
  assert.equal(total2, 2)
  assert.equal((await indy.proverFetchCredentials(sh2, 1)).length, 1)
  assert.equal((await indy.proverFetchCredentials(sh2, 5)).length, 1)
  await indy.proverCloseCredentialsSearch(sh2)

  // A proof of one revealed attribute and one predicate.
  const proofRequest = {
    nonce: await indy.generateNonce(),
    name: 'proof',
    version: '0.1',
    requested_attributes: { attr1: { name: 'name' } },
    requested_predicates: { pred1: { name: 'age', p_type: '>=', p_value: 18 } }
  }
  const requested = {
    self_attested_attributes: {},
    requested_attributes: { attr1: { cred_id: credId, revealed: true } },
    requested_predicates: { pred1: { cred_id: credId } }
  }
  const schemas = { [issuer.schemaId]: issuer.schema }
  const credDefs = { [issuer.credDefId]: issuer.credDef }
  const proof = await indy.proverCreateProof(prover.wh, proofRequest, requested, prover.secret, schemas, credDefs, {})
  assert.equal(proof.requested_proof.revealed_attrs.attr1.raw, 'Alex')
  assert.equal(proof.requested_proof.revealed_attrs.attr1.encoded, VALUES.name.encoded)
  assert.deepEqual(Object.keys(proof.requested_proof.predicates), ['pred1'])
  assert.equal(proof.identifiers[0].cred_def_id, issuer.credDefId)
  assert.equal(await indy.verifierVerifyProof(proofRequest, proof, schemas, credDefs, {}, {}), true)
  assert.equal(await indy.verifierVerifyProof(JSON.stringify(proofRequest), JSON.stringify(proof),
    JSON.stringify(schemas), JSON.stringify(credDefs), '{}', '{}'), true)

  // The same proof does not hold for another request's nonce.
  const other = { ...proofRequest, nonce: await indy.generateNonce() }
  assert.equal(await indy.verifierVerifyProof(other, proof, schemas, credDefs, {}, {}), false)

  // A predicate the credential cannot satisfy: no proof.
  const impossible = { ...proofRequest, requested_predicates: { pred1: { name: 'age', p_type: '>=', p_value: 99 } } }
  await assert.rejects(indy.proverCreateProof(prover.wh, impossible, requested, prover.secret, schemas, credDefs, {}),
    indy.IndyError)
})

test('credentials issued concurrently each settle with their own three answers', SLOW, async (t) => {
  const prover = await newProver(t)
  const names = ['Ann', 'Ben', 'Cy', 'Di', 'Ed', 'Flo']
  const ids = await Promise.all(names.map((name, i) =>
    issueTo(prover, { ...VALUES, name: { raw: name, encoded: String(1000 + i) } }, `cred-${name}`)))
  assert.deepEqual(ids, names.map((name) => `cred-${name}`))
  for (const name of names) {
    assert.equal((await indy.proverGetCredential(prover.wh, `cred-${name}`)).attrs.name, name)
  }
  await indy.proverDeleteCredential(prover.wh, 'cred-Ann')
  await rejectsIndy(indy.proverGetCredential(prover.wh, 'cred-Ann'), 'WalletItemNotFound')
  await rejectsIndy(indy.proverDeleteCredential(prover.wh, 'cred-Ann'), 'WalletItemNotFound')
  assert.equal((await indy.proverGetCredentials(prover.wh, {})).length, names.length - 1)
})

test('a second credential definition for the same schema and tag is AnoncredsCredDefAlreadyExistsError', SLOW,
  async (t) => {
    const error = await rejectsIndy(indy.issuerCreateAndStoreCredentialDef(issuer.wh, issuer.did, issuer.schema,
      'TAG1', 'CL', { support_revocation: false }), 'AnoncredsCredDefAlreadyExistsError')
    assert.equal(error.indyCode, 407)
    if (needsCommandErrorDetails(t)) return
    assert.equal(typeof error.indyMessage, 'string')
    assert.match(error.indyMessage, /already exists/)
    assert.ok(error.indyMessage.includes(issuer.credDefId), error.indyMessage)
  })

test('a master secret name used twice is AnoncredsMasterSecretDuplicateNameError', async (t) => {
  const { wh } = await openWallet(t)
  assert.equal(await indy.proverCreateMasterSecret(wh, 'main'), 'main')
  const error = await rejectsIndy(indy.proverCreateMasterSecret(wh, 'main'), 'AnoncredsMasterSecretDuplicateNameError')
  assert.equal(error.indyCode, 404)
})

test('what the wallet lacks is WalletItemNotFound', async (t) => {
  const prover = await newProver(t)
  const error = await rejectsIndy(indy.proverGetCredential(prover.wh, 'missing'), 'WalletItemNotFound')
  assert.equal(error.indyCode, 212)
  // Another wallet's credential definition, and a master secret that does not exist.
  await rejectsIndy(indy.issuerCreateCredentialOffer(prover.wh, issuer.credDefId), 'WalletItemNotFound')
  const offer = await indy.issuerCreateCredentialOffer(issuer.wh, issuer.credDefId)
  await rejectsIndy(indy.proverCreateCredentialReq(prover.wh, prover.did, offer, issuer.credDef, 'missing'),
    'WalletItemNotFound')
})

test('malformed JSON is CommonInvalidStructure', async (t) => {
  const prover = await newProver(t)
  let error = await rejectsIndy(indy.issuerCreateSchema(TRUSTEE_DID, 'gvt', '1.0', 'not json'),
    'CommonInvalidStructure')
  assert.equal(error.indyCode, 113)
  await rejectsIndy(indy.issuerCreateSchema(TRUSTEE_DID, 'gvt', '1.0', '"not an array"'), 'CommonInvalidStructure')
  error = await rejectsIndy(indy.verifierVerifyProof('{}', '{}', '{}', '{}', '{}', '{}'), 'CommonInvalidStructure')
  await rejectsIndy(indy.proverCreateProof(prover.wh, '{bad', {}, prover.secret, {}, {}, {}), 'CommonInvalidStructure')
  await rejectsIndy(indy.issuerCreateCredentialOffer(issuer.wh, issuer.credDefId).then((offer) =>
    indy.issuerCreateCredential(issuer.wh, offer, '{"not": "a request"}', VALUES, null, null)), 'CommonInvalidStructure')
  // A search query is WQL: the wallet's WalletQueryError, as in libindy.
  await rejectsIndy(indy.proverSearchCredentials(prover.wh, 'not json'), 'WalletQueryError')
  if (needsCommandErrorDetails(t)) return
  assert.match(error.indyMessage, /proof/i)
})

test('a wrong argument type is a TypeError, before the library', async () => {
  await assert.rejects(indy.issuerCreateSchema(42, 'gvt', '1.0', ATTRS), TypeError)
  await assert.rejects(indy.proverGetCredential(issuer.wh, 7), TypeError)
})
