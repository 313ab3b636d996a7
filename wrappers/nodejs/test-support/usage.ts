// Type-checked (not run) by test/api.test.js with `tsc --strict --noEmit`: how an agent
// written in TypeScript uses the package, so index.d.ts is held to what the code does.
import * as indy from '../index'
import { IndyError, ErrorCode, WalletStorage, StorageRecord } from '../index'

async function agent (): Promise<void> {
  indy.setRuntimeConfig({ crypto_thread_pool_size: 2, collect_backtrace: false })
  indy.setLogger((level, target, message, modulePath, file, line) => {
    const l: indy.LogLevel = level
    console.log(l, target, message, modulePath, file, line.toFixed())
  }, 3)
  indy.setLogMaxLevel(2)
  indy.setDefaultLogger('info')

  const key: string = await indy.generateWalletKey()
  const config = { id: 'agent', storage_config: { path: '/tmp' } }
  const credentials: indy.WalletCredentials = { key, key_derivation_method: 'RAW' }
  await indy.createWallet(config, credentials)
  const wh: indy.WalletHandle = await indy.openWallet(JSON.stringify(config), credentials)

  const [did, verkey]: [string, string] = await indy.createAndStoreMyDid(wh, { seed: '000000000000000000000000Trustee1' })
  const meta: indy.DidWithMeta = await indy.getMyDidWithMeta(wh, did)
  const all: indy.DidWithMeta[] = await indy.listMyDidsWithMeta(wh)
  const [address, transportVk] = await indy.getEndpointForDid(wh, 0, did)
  const maybeKey: string | null = transportVk
  console.log(meta.tempVerkey, all.length, address, maybeKey)

  const signature: Buffer = await indy.cryptoSign(wh, verkey, Buffer.from('m'))
  const valid: boolean = await indy.cryptoVerify(verkey, 'm', signature)
  const [sender, plain]: [string, Buffer] = await indy.cryptoAuthDecrypt(wh, verkey,
    await indy.cryptoAuthCrypt(wh, verkey, verkey, new Uint8Array([1, 2])))
  const jwe: Buffer = await indy.packMessage(wh, Buffer.from('{}'), [verkey], null)
  const unpacked = JSON.parse((await indy.unpackMessage(wh, jwe)).toString()) as { message: string }
  console.log(valid, sender, plain.length, unpacked.message)

  await indy.addWalletRecord(wh, 'type', 'id', 'value', { tag: 'v' })
  const record: indy.WalletRecord = await indy.getWalletRecord(wh, 'type', 'id', { retrieveTags: true })
  const sh: indy.SearchHandle = await indy.openWalletSearch(wh, 'type', { tag: 'v' }, { retrieveTotalCount: true })
  const page: indy.SearchRecords = await indy.fetchWalletSearchNextRecords(wh, sh, 10)
  await indy.closeWalletSearch(sh)
  console.log(record.tags?.tag, page.totalCount, page.records?.map((r) => r.id))

  const pairs: indy.Pairwise[] = await indy.listPairwise(wh)
  const exists: boolean = await indy.isPairwiseExists(wh, did)
  console.log(pairs, exists)
  await indy.setProtocolVersion(2)
  const metrics: indy.Metrics = await indy.collectMetrics()
  console.log(metrics.opened_wallets_count)

  await anoncreds(wh, did)
  await revocation(wh, did)

  try {
    await indy.closeWallet(wh)
  } catch (e) {
    if (e instanceof IndyError && e.indyCode === ErrorCode.WalletInvalidHandle) {
      const detail: string | undefined = e.indyMessage
      console.log(e.indyName, detail, e.indyBacktrace)
    }
  }
}

async function anoncreds (wh: indy.WalletHandle, did: indy.Did): Promise<void> {
  const [schemaId, schema]: [string, indy.Schema] = await indy.issuerCreateSchema(did, 'gvt', '1.0', ['name', 'age'])
  const [credDefId, credDef] = await indy.issuerCreateAndStoreCredentialDef(wh, did, schema, 'TAG1', 'CL',
    { support_revocation: false })
  const offer: indy.CredOffer = await indy.issuerCreateCredentialOffer(wh, credDefId)
  const secret: string = await indy.proverCreateMasterSecret(wh, null)
  const [request, metadata]: [indy.CredReq, indy.CredReqMetadata] =
    await indy.proverCreateCredentialReq(wh, did, offer, JSON.stringify(credDef), secret)
  const values: indy.CredValues = { name: { raw: 'Alex', encoded: '1139481716457488690172217916278103335' } }
  const [cred, revocId, delta] = await indy.issuerCreateCredential(wh, offer, request, values, null, null)
  const none: string | null = revocId
  const credId: string = await indy.proverStoreCredential(wh, null, metadata, cred, credDef, null)
  const info: indy.CredentialInfo = await indy.proverGetCredential(wh, credId)
  const listed: indy.CredentialInfo[] = await indy.proverGetCredentials(wh, { schema_name: 'gvt' })
  const [sh, total]: [number, number] = await indy.proverSearchCredentials(wh, { 'attr::name::value': 'Alex' })
  const page: indy.CredentialInfo[] = await indy.proverFetchCredentials(sh, total)
  await indy.proverCloseCredentialsSearch(sh)
  const proofRequest: indy.ProofRequest = {
    nonce: await indy.generateNonce(),
    name: 'proof',
    version: '0.1',
    requested_attributes: { attr1: { name: 'name' } },
    requested_predicates: { pred1: { name: 'age', p_type: '>=', p_value: 18 } }
  }
  const requested: indy.RequestedCredentials = {
    self_attested_attributes: {},
    requested_attributes: { attr1: { cred_id: credId, revealed: true } },
    requested_predicates: { pred1: { cred_id: credId } }
  }
  const schemas: indy.Schemas = { [schemaId]: schema }
  const credDefs: indy.CredDefs = { [credDefId]: credDef }
  const proof: indy.Proof = await indy.proverCreateProof(wh, proofRequest, requested, secret, schemas, credDefs, {})
  const valid: boolean = await indy.verifierVerifyProof(proofRequest, proof, schemas, credDefs, {}, {})
  console.log(none, delta, info.attrs.name, listed.length, page.length, proof.requested_proof.revealed_attrs.attr1.raw, valid)
}

async function revocation (wh: indy.WalletHandle, did: indy.Did): Promise<void> {
  const [, schema] = await indy.issuerCreateSchema(did, 'gvt', '2.0', ['name', 'age'])
  const [credDefId, credDef] = await indy.issuerCreateAndStoreCredentialDef(wh, did, schema, 'R', null,
    { support_revocation: true })
  const writer: indy.BlobStorageHandle = await indy.openBlobStorageWriter('default', { base_dir: '/tmp/t', uri_pattern: '' })
  const reader: number = await indy.openBlobStorageReader('default', { base_dir: '/tmp/t' })
  const [revRegId, revRegDef, entry]: [string, indy.RevocRegDef, indy.RevocRegDelta] =
    await indy.issuerCreateAndStoreRevocReg(wh, did, null, 'REG1', credDefId,
      { max_cred_num: 5, issuance_type: 'ISSUANCE_ON_DEMAND' }, writer)
  const offer = await indy.issuerCreateCredentialOffer(wh, credDefId)
  const secret = await indy.proverCreateMasterSecret(wh, null)
  const [request, metadata] = await indy.proverCreateCredentialReq(wh, did, offer, credDef, secret)
  const [cred, revId, delta] = await indy.issuerCreateCredential(wh, offer, request,
    { name: { raw: 'Alex', encoded: '1' }, age: { raw: '28', encoded: '28' } }, revRegId, reader)
  const credId = await indy.proverStoreCredential(wh, null, metadata, cred, credDef, revRegDef)
  if (revId === null || delta === null) return
  const found: indy.CredentialsForProofRequest = await indy.proverGetCredentialsForProofReq(wh,
    { nonce: '1', name: 'p', version: '1', requested_attributes: { a: { name: 'name' } }, requested_predicates: {} })
  const sh: indy.SearchHandle = await indy.proverSearchCredentialsForProofReq(wh,
    { nonce: '1', name: 'p', version: '1', requested_attributes: { a: { name: 'name' } }, requested_predicates: {} }, null)
  const page: indy.RequestedCredential[] = await indy.proverFetchCredentialsForProofReq(sh, 'a', 10)
  await indy.proverCloseCredentialsSearchForProofReq(sh)
  const timestamp = Math.floor(Date.now() / 1000)
  const state: indy.RevState = await indy.createRevocationState(reader, revRegDef, delta, timestamp, revId)
  const revoked: indy.RevocRegDelta = await indy.issuerRevokeCredential(wh, reader, revRegId, revId)
  const merged = await indy.issuerMergeRevocationRegistryDeltas(delta, revoked)
  const updated = await indy.updateRevocationState(reader, state, revRegDef, revoked, BigInt(timestamp + 1), revId)
  const recovered = await indy.issuerRecoverCredential(wh, reader, revRegId, revId)
  await indy.proverSetCredentialAttrTagPolicy(wh, credDefId, ['name'], true)
  const policy: string[] | null = await indy.proverGetCredentialAttrTagPolicy(wh, credDefId)
  const rotated: indy.CredDef = await indy.issuerRotateCredentialDefStart(wh, credDefId, null)
  await indy.issuerRotateCredentialDefApply(wh, credDefId)
  const revStates: indy.RevStates = { [revRegId]: { [String(timestamp)]: updated } }
  const revRegs: indy.RevRegs = { [revRegId]: { [String(timestamp)]: merged } }
  console.log(entry.value.accum, credId, found.attrs.a?.[0]?.cred_info.referent, page.length, recovered.value.issued,
    policy, rotated.id, revStates, revRegs)
}

const storage: WalletStorage = {
  create () {},
  open () { return 1 },
  close () {},
  delete () {},
  addRecord (sh, type, id, value, tags) { console.log(sh, type, id, value.length, tags) },
  updateRecordValue () {},
  updateRecordTags () {},
  addRecordTags () {},
  deleteRecordTags () {},
  deleteRecord () {},
  getRecord (): StorageRecord | null { return null },
  getStorageMetadata () { return '' },
  setStorageMetadata () {},
  searchRecords () { return { records: [], totalCount: 0 } },
  searchAllRecords () { return { records: [] } }
}

void agent()
void indy.registerWalletStorage('ts', storage)

// What is not wrapped is not in the types either.
// @ts-expect-error payments are not implemented
void indy.buildPaymentReq
