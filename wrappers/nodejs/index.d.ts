// TypeScript declarations for libindy-rs's Node package: wallet, DID, crypto, non-secrets,
// pairwise, anoncreds (with revocation), blob storage, ledger, pools, cache, runtime config,
// metrics, logging. Payments do not exist in the library, so they are not here either.

/// <reference types="node" />

export type WalletHandle = number
export type SearchHandle = number
export type PoolHandle = number
export type Did = string
export type Verkey = string
/** JSON arguments take an object, or JSON text passed through as it is. */
export type Json<T> = T | string
/** Byte arguments: a Buffer, a Uint8Array, or a string (sent as UTF-8). */
export type Bytes = Buffer | Uint8Array | string

export type KeyDerivationMethod = 'ARGON2I_MOD' | 'ARGON2I_INT' | 'RAW'

export interface WalletConfig {
  id: string
  /** 'default' (SQLite) or a type registered with registerWalletStorage */
  storage_type?: string
  storage_config?: { path?: string, [key: string]: unknown }
}

export interface WalletCredentials {
  key: string
  key_derivation_method?: KeyDerivationMethod
  /** openWallet only: changes the key */
  rekey?: string
  rekey_derivation_method?: KeyDerivationMethod
  storage_credentials?: Record<string, unknown>
}

export interface ExportConfig { path: string, key: string, key_derivation_method?: KeyDerivationMethod }
export interface ImportConfig { path: string, key: string }
export interface WalletKeyConfig { seed?: string }

export interface DidInfo { did?: string, seed?: string, crypto_type?: string, cid?: boolean, method_name?: string }
export interface KeyInfo { seed?: string, crypto_type?: string }
export interface TheirDidInfo { did: string, verkey?: string, crypto_type?: string }
export interface DidWithMeta { did: Did, verkey: Verkey, tempVerkey: Verkey | null, metadata: string | null }

export type Tags = Record<string, string>
export type WalletQuery = Record<string, unknown>
export interface RecordOptions { retrieveType?: boolean, retrieveValue?: boolean, retrieveTags?: boolean }
export interface SearchOptions extends RecordOptions { retrieveRecords?: boolean, retrieveTotalCount?: boolean }
/** What is not retrieved is null. */
export interface WalletRecord { id: string, type: string | null, value: string | null, tags: Tags | null }
export interface SearchRecords { totalCount: number | null, records: WalletRecord[] | null }

export interface Pairwise { my_did: Did, their_did: Did, metadata?: string }
export interface PairwiseInfo { my_did: Did, metadata?: string }

export interface RuntimeConfig {
  crypto_thread_pool_size?: number
  collect_backtrace?: boolean
  freshness_threshold?: number
  cheap_thread_pool_size?: number
  callback_thread_pool_size?: number
  expensive_thread_priority?: number
  expensive_thread_stack_size?: number
}

/** libindy 1.16's counters (`opened_wallets_count`, `threadpool_*`, …) and per-tier figures. */
export interface Metrics { [key: string]: unknown }

/** 1 error, 2 warn, 3 info, 4 debug, 5 trace */
export type LogLevel = 1 | 2 | 3 | 4 | 5
export type LogFunction = (level: LogLevel, target: string, message: string, modulePath: string,
  file: string, line: number) => void

export declare const ErrorCode: {
    readonly Success: 0
    readonly CommonInvalidParam1: 100
    readonly CommonInvalidParam2: 101
    readonly CommonInvalidParam3: 102
    readonly CommonInvalidParam4: 103
    readonly CommonInvalidParam5: 104
    readonly CommonInvalidParam6: 105
    readonly CommonInvalidParam7: 106
    readonly CommonInvalidParam8: 107
    readonly CommonInvalidParam9: 108
    readonly CommonInvalidParam10: 109
    readonly CommonInvalidParam11: 110
    readonly CommonInvalidParam12: 111
    readonly CommonInvalidState: 112
    readonly CommonInvalidStructure: 113
    readonly CommonIOError: 114
    readonly CommonInvalidParam13: 115
    readonly CommonInvalidParam14: 116
    readonly CommonInvalidParam15: 117
    readonly CommonInvalidParam16: 118
    readonly CommonInvalidParam17: 119
    readonly CommonInvalidParam18: 120
    readonly CommonInvalidParam19: 121
    readonly CommonInvalidParam20: 122
    readonly CommonInvalidParam21: 123
    readonly CommonInvalidParam22: 124
    readonly CommonInvalidParam23: 125
    readonly CommonInvalidParam24: 126
    readonly CommonInvalidParam25: 127
    readonly CommonInvalidParam26: 128
    readonly CommonInvalidParam27: 129
    readonly WalletInvalidHandle: 200
    readonly WalletUnknownTypeError: 201
    readonly WalletTypeAlreadyRegisteredError: 202
    readonly WalletAlreadyExistsError: 203
    readonly WalletNotFoundError: 204
    readonly WalletIncompatiblePoolError: 205
    readonly WalletAlreadyOpenedError: 206
    readonly WalletAccessFailed: 207
    readonly WalletInputError: 208
    readonly WalletDecodingError: 209
    readonly WalletStorageError: 210
    readonly WalletEncryptionError: 211
    readonly WalletItemNotFound: 212
    readonly WalletItemAlreadyExists: 213
    readonly WalletQueryError: 214
    readonly PoolLedgerNotCreatedError: 300
    readonly PoolLedgerInvalidPoolHandle: 301
    readonly PoolLedgerTerminated: 302
    readonly LedgerNoConsensusError: 303
    readonly LedgerInvalidTransaction: 304
    readonly LedgerSecurityError: 305
    readonly PoolLedgerConfigAlreadyExistsError: 306
    readonly PoolLedgerTimeout: 307
    readonly PoolIncompatibleProtocolVersion: 308
    readonly LedgerNotFound: 309
    readonly AnoncredsRevocationRegistryFullError: 400
    readonly AnoncredsInvalidUserRevocId: 401
    readonly AnoncredsMasterSecretDuplicateNameError: 404
    readonly AnoncredsProofRejected: 405
    readonly AnoncredsCredentialRevoked: 406
    readonly AnoncredsCredDefAlreadyExistsError: 407
    readonly UnknownCryptoTypeError: 500
    readonly DidAlreadyExistsError: 600
    readonly PaymentUnknownMethodError: 700
    readonly PaymentIncompatibleMethodsError: 701
    readonly PaymentInsufficientFundsError: 702
    readonly PaymentSourceDoesNotExistError: 703
    readonly PaymentOperationNotSupportedError: 704
    readonly PaymentExtraFundsError: 705
    readonly TransactionNotAllowedError: 706
}
export type ErrorCodeName = keyof typeof ErrorCode

/** The error every failed call rejects with (synchronous functions throw it). */
export declare class IndyError extends Error {
  constructor (code: number, detailJson?: string | null)
  readonly name: 'IndyError'
  /** the code's name, as in indy-sdk */
  readonly message: string
  readonly indyCode: number
  readonly indyName: ErrorCodeName | string
  /** the library's explanation, when it could be read */
  readonly indyMessage: string | undefined
  /** filled when backtraces are collected (`collect_backtrace`, RUST_BACKTRACE=1) */
  readonly indyBacktrace: string | undefined
  readonly indyCurrentErrorJson: string | null
}

// mod (synchronous, as in indy-sdk)
export function setRuntimeConfig (config: Json<RuntimeConfig>): void

// wallet
export function createWallet (config: Json<WalletConfig>, credentials: Json<WalletCredentials>): Promise<void>
export function openWallet (config: Json<WalletConfig>, credentials: Json<WalletCredentials>): Promise<WalletHandle>
export function closeWallet (wh: WalletHandle): Promise<void>
export function deleteWallet (config: Json<WalletConfig>, credentials: Json<WalletCredentials>): Promise<void>
export function exportWallet (wh: WalletHandle, exportConfig: Json<ExportConfig>): Promise<void>
export function importWallet (config: Json<WalletConfig>, credentials: Json<WalletCredentials>,
  importConfig: Json<ImportConfig>): Promise<void>
export function generateWalletKey (config?: Json<WalletKeyConfig> | null): Promise<string>

/** A record as a storage plugin keeps it: type, id and tags as the library encoded them. */
export interface StorageRecord {
  id: string
  type?: string
  /** the encrypted value key followed by the encrypted value, as given to addRecord */
  value: Buffer | Uint8Array
  /** JSON text or an object: `{"<b64 name>": "<b64 value>", "~<b64 name>": "<clear value>"}` */
  tags?: string | Record<string, string>
}

export interface StorageSearch {
  records: Iterable<StorageRecord>
  totalCount?: number
}

/**
 * A wallet storage type kept in JavaScript. Methods are synchronous and called on the JS
 * thread while the wallet's storage thread waits; to fail, throw (an IndyError, or any
 * object with a numeric `indyCode`, such as WalletItemNotFound; anything else is
 * WalletStorageError). Return null/undefined from getRecord for a missing record.
 */
export interface WalletStorage {
  create (id: string, config: string | null, credentials: string | null, metadata: string): void
  open (id: string, config: string | null, credentials: string | null): number
  close (storageHandle: number): void
  delete (id: string, config: string | null, credentials: string | null): void
  addRecord (storageHandle: number, type: string, id: string, value: Buffer, tagsJson: string): void
  updateRecordValue (storageHandle: number, type: string, id: string, value: Buffer): void
  updateRecordTags (storageHandle: number, type: string, id: string, tagsJson: string): void
  addRecordTags (storageHandle: number, type: string, id: string, tagsJson: string): void
  deleteRecordTags (storageHandle: number, type: string, id: string, tagNamesJson: string): void
  deleteRecord (storageHandle: number, type: string, id: string): void
  getRecord (storageHandle: number, type: string, id: string, optionsJson: string): StorageRecord | null | undefined
  getStorageMetadata (storageHandle: number): string
  setStorageMetadata (storageHandle: number, metadata: string): void
  searchRecords (storageHandle: number, type: string, queryJson: string, optionsJson: string): StorageSearch
  searchAllRecords (storageHandle: number): StorageSearch
}

/** Registers storage type `type` for the process' life (indy_register_wallet_storage). */
export function registerWalletStorage (type: string, storage: WalletStorage): Promise<void>

// did
export function createAndStoreMyDid (wh: WalletHandle, did: Json<DidInfo>): Promise<[Did, Verkey]>
export function replaceKeysStart (wh: WalletHandle, did: Did, identity: Json<KeyInfo>): Promise<Verkey>
export function replaceKeysApply (wh: WalletHandle, did: Did): Promise<void>
export function storeTheirDid (wh: WalletHandle, identity: Json<TheirDidInfo>): Promise<void>
/** From the wallet; where libindy would ask the ledger: PoolLedgerInvalidPoolHandle until pools exist. */
export function keyForDid (poolHandle: PoolHandle, wh: WalletHandle, did: Did): Promise<Verkey>
export function keyForLocalDid (wh: WalletHandle, did: Did): Promise<Verkey>
export function setEndpointForDid (wh: WalletHandle, did: Did, address: string, transportKey: Verkey): Promise<void>
export function getEndpointForDid (wh: WalletHandle, poolHandle: PoolHandle, did: Did): Promise<[string, Verkey | null]>
export function setDidMetadata (wh: WalletHandle, did: Did, metadata: string): Promise<void>
export function getDidMetadata (wh: WalletHandle, did: Did): Promise<string>
export function getMyDidWithMeta (wh: WalletHandle, myDid: Did): Promise<DidWithMeta>
export function listMyDidsWithMeta (wh: WalletHandle): Promise<DidWithMeta[]>
export function abbreviateVerkey (did: Did, fullVerkey: Verkey): Promise<Verkey>
export function qualifyDid (wh: WalletHandle, did: Did, method: string): Promise<Did>

// crypto
export function createKey (wh: WalletHandle, key: Json<KeyInfo>): Promise<Verkey>
export function setKeyMetadata (wh: WalletHandle, verkey: Verkey, metadata: string): Promise<void>
export function getKeyMetadata (wh: WalletHandle, verkey: Verkey): Promise<string>
export function cryptoSign (wh: WalletHandle, signerVk: Verkey, messageRaw: Bytes): Promise<Buffer>
export function cryptoVerify (signerVk: Verkey, messageRaw: Bytes, signatureRaw: Bytes): Promise<boolean>
export function cryptoAuthCrypt (wh: WalletHandle, senderVk: Verkey, recipientVk: Verkey,
  messageRaw: Bytes): Promise<Buffer>
export function cryptoAuthDecrypt (wh: WalletHandle, recipientVk: Verkey,
  encryptedMsgRaw: Bytes): Promise<[Verkey, Buffer]>
export function cryptoAnonCrypt (recipientVk: Verkey, messageRaw: Bytes): Promise<Buffer>
export function cryptoAnonDecrypt (wh: WalletHandle, recipientVk: Verkey, encryptedMsg: Bytes): Promise<Buffer>
/** A DIDComm v1 JWE; anoncrypt when `senderVk` is null. */
export function packMessage (wh: WalletHandle, message: Bytes, receiverKeys: Json<Verkey[]>,
  senderVk: Verkey | null): Promise<Buffer>
/** JSON bytes: `{"message", "recipient_verkey", "sender_verkey"?}` */
export function unpackMessage (wh: WalletHandle, jwe: Bytes): Promise<Buffer>

// non_secrets
export function addWalletRecord (wh: WalletHandle, type: string, id: string, value: string,
  tags: Json<Tags> | null): Promise<void>
export function updateWalletRecordValue (wh: WalletHandle, type: string, id: string, value: string): Promise<void>
export function updateWalletRecordTags (wh: WalletHandle, type: string, id: string, tags: Json<Tags>): Promise<void>
export function addWalletRecordTags (wh: WalletHandle, type: string, id: string, tags: Json<Tags>): Promise<void>
export function deleteWalletRecordTags (wh: WalletHandle, type: string, id: string,
  tagNames: Json<string[]>): Promise<void>
export function deleteWalletRecord (wh: WalletHandle, type: string, id: string): Promise<void>
export function getWalletRecord (wh: WalletHandle, type: string, id: string,
  options: Json<RecordOptions>): Promise<WalletRecord>
export function openWalletSearch (wh: WalletHandle, type: string, query: Json<WalletQuery>,
  options: Json<SearchOptions>): Promise<SearchHandle>
export function fetchWalletSearchNextRecords (wh: WalletHandle, walletSearchHandle: SearchHandle,
  count: number): Promise<SearchRecords>
export function closeWalletSearch (walletSearchHandle: SearchHandle): Promise<void>

// pairwise
export function isPairwiseExists (wh: WalletHandle, theirDid: Did): Promise<boolean>
export function createPairwise (wh: WalletHandle, theirDid: Did, myDid: Did, metadata: string | null): Promise<void>
export function listPairwise (wh: WalletHandle): Promise<Pairwise[]>
export function getPairwise (wh: WalletHandle, theirDid: Did): Promise<PairwiseInfo>
export function setPairwiseMetadata (wh: WalletHandle, theirDid: Did, metadata: string | null): Promise<void>

// anoncreds
export type SchemaId = string
export type CredDefId = string
export type CredentialId = string
export type MasterSecretId = string
export type RevRegId = string
/** A credential's index in its revocation registry, as a decimal string ('1', '2', …). */
export type CredRevocId = string
/** A blob storage handle (openBlobStorageReader / openBlobStorageWriter). */
export type BlobStorageHandle = number

export interface Schema { ver: string, id: SchemaId, name: string, version: string, attrNames: string[], seqNo: number | null }
export interface CredDefConfig { support_revocation?: boolean }
export interface CredDef {
  ver: string
  id: CredDefId
  schemaId: string
  type: 'CL'
  tag: string
  value: { primary: Record<string, unknown>, revocation?: Record<string, unknown> }
}
export interface CredOffer {
  schema_id: SchemaId
  cred_def_id: CredDefId
  key_correctness_proof: Record<string, unknown>
  nonce: string
}
export interface CredReq {
  prover_did: Did
  cred_def_id: CredDefId
  blinded_ms: Record<string, unknown>
  blinded_ms_correctness_proof: Record<string, unknown>
  nonce: string
}
/** Kept by the prover between proverCreateCredentialReq and proverStoreCredential. */
export interface CredReqMetadata { master_secret_blinding_data: Record<string, unknown>, nonce: string, master_secret_name: string }
/** libindy's credential values: `{"<attr>": {"raw": "Alex", "encoded": "<decimal>"}}` */
export type CredValues = Record<string, { raw: string, encoded: string }>
export interface Cred {
  schema_id: SchemaId
  cred_def_id: CredDefId
  rev_reg_id: string | null
  values: CredValues
  signature: Record<string, unknown>
  signature_correctness_proof: Record<string, unknown>
  rev_reg: unknown
  witness: unknown
}
/** A stored credential, as proverGetCredential, proverGetCredentials and proverFetchCredentials answer it. */
export interface CredentialInfo {
  referent: CredentialId
  attrs: Record<string, string>
  schema_id: SchemaId
  cred_def_id: CredDefId
  rev_reg_id: string | null
  cred_rev_id: string | null
}
/** The deprecated filter of proverGetCredentials. */
export interface CredentialFilter {
  schema_id?: SchemaId
  schema_issuer_did?: Did
  schema_name?: string
  schema_version?: string
  issuer_did?: Did
  cred_def_id?: CredDefId
}
export type Restrictions = Record<string, unknown> | Array<Record<string, unknown>>
export interface AttributeInfo { name?: string, names?: string[], restrictions?: Restrictions, non_revoked?: unknown }
export interface PredicateInfo {
  name: string
  p_type: '>=' | '>' | '<=' | '<'
  p_value: number
  restrictions?: Restrictions
  non_revoked?: unknown
}
export interface ProofRequest {
  nonce: string
  name: string
  version: string
  requested_attributes: Record<string, AttributeInfo>
  requested_predicates: Record<string, PredicateInfo>
  non_revoked?: unknown
  ver?: '1.0' | '2.0'
}
export interface RequestedCredentials {
  self_attested_attributes: Record<string, string>
  requested_attributes: Record<string, { cred_id: CredentialId, revealed: boolean, timestamp?: number }>
  requested_predicates: Record<string, { cred_id: CredentialId, timestamp?: number }>
}
export interface Proof {
  proof: Record<string, unknown>
  requested_proof: {
    revealed_attrs: Record<string, { sub_proof_index: number, raw: string, encoded: string }>
    revealed_attr_groups?: Record<string, unknown>
    self_attested_attrs: Record<string, string>
    unrevealed_attrs: Record<string, { sub_proof_index: number }>
    predicates: Record<string, { sub_proof_index: number }>
  }
  identifiers: Array<{ schema_id: SchemaId, cred_def_id: CredDefId, rev_reg_id: string | null, timestamp: number | null }>
}
export type Schemas = Record<SchemaId, Schema>
export type CredDefs = Record<CredDefId, CredDef>

export interface RevocRegConfig {
  issuance_type?: 'ISSUANCE_ON_DEMAND' | 'ISSUANCE_BY_DEFAULT'
  max_cred_num?: number
}
export interface RevocRegDef {
  ver: string
  id: RevRegId
  revocDefType: 'CL_ACCUM'
  tag: string
  credDefId: CredDefId
  value: {
    issuanceType: 'ISSUANCE_ON_DEMAND' | 'ISSUANCE_BY_DEFAULT'
    maxCredNum: number
    publicKeys: Record<string, unknown>
    tailsHash: string
    tailsLocation: string
  }
}
/** A registry's initial entry, or a delta (issuerCreateCredential, issuerRevokeCredential, …). */
export interface RevocRegDelta {
  ver: string
  value: { prevAccum?: string, accum: string, issued?: number[], revoked?: number[] }
}
/** A prover's witness for one credential at `timestamp`. */
export interface RevState {
  witness: Record<string, unknown>
  rev_reg: Record<string, unknown>
  timestamp: number
}
/** `{ [revRegId]: { [timestamp]: RevState } }` for proverCreateProof. */
export type RevStates = Record<RevRegId, Record<string, RevState>>
/** `{ [revRegId]: RevocRegDef }` for verifierVerifyProof. */
export type RevRegDefs = Record<RevRegId, RevocRegDef>
/** `{ [revRegId]: { [timestamp]: RevocRegDelta } }` for verifierVerifyProof. */
export type RevRegs = Record<RevRegId, Record<string, RevocRegDelta>>
export interface NonRevokedInterval { from?: number | null, to?: number | null }
/** A credential that can answer one item of a proof request. */
export interface RequestedCredential { cred_info: CredentialInfo, interval: NonRevokedInterval | null }
/** proverGetCredentialsForProofReq's answer: matching credentials per referent. */
export interface CredentialsForProofRequest {
  attrs: Record<string, RequestedCredential[]>
  predicates: Record<string, RequestedCredential[]>
}
export interface BlobStorageReaderConfig { base_dir: string, [key: string]: unknown }
export interface BlobStorageWriterConfig { base_dir: string, uri_pattern: string, [key: string]: unknown }

export function issuerCreateSchema (issuerDid: Did, name: string, version: string,
  attrNames: Json<string[]>): Promise<[SchemaId, Schema]>
/** Generates the definition's keys (seconds) and stores them in the wallet. */
export function issuerCreateAndStoreCredentialDef (wh: WalletHandle, issuerDid: Did, schema: Json<Schema>,
  tag: string, signatureType: 'CL' | null, config: Json<CredDefConfig> | null): Promise<[CredDefId, CredDef]>
export function issuerCreateCredentialOffer (wh: WalletHandle, credDefId: CredDefId): Promise<CredOffer>
/** A random id when `masterSecretId` is null. */
export function proverCreateMasterSecret (wh: WalletHandle, masterSecretId: MasterSecretId | null): Promise<MasterSecretId>
export function proverCreateCredentialReq (wh: WalletHandle, proverDid: Did, credOffer: Json<CredOffer>,
  credDef: Json<CredDef>, masterSecretId: MasterSecretId): Promise<[CredReq, CredReqMetadata]>
/**
 * With `revRegId` (and a reader of its tails file) the credential takes the registry's next
 * index, answered as the second item, and an ISSUANCE_ON_DEMAND registry's delta comes third;
 * without (both null), those two are null.
 */
export function issuerCreateCredential (wh: WalletHandle, credOffer: Json<CredOffer>, credReq: Json<CredReq>,
  credValues: Json<CredValues>, revRegId: RevRegId | null,
  blobStorageReaderHandle: BlobStorageHandle | null): Promise<[Cred, CredRevocId | null, RevocRegDelta | null]>
/** A random id when `credId` is null; answers the id. `revRegDef`: a revocable credential's registry. */
export function proverStoreCredential (wh: WalletHandle, credId: CredentialId | null, credReqMetadata: Json<CredReqMetadata>,
  cred: Json<Cred>, credDef: Json<CredDef>, revRegDef: Json<RevocRegDef> | null): Promise<CredentialId>
export function proverGetCredential (wh: WalletHandle, credId: CredentialId): Promise<CredentialInfo>
/** Deprecated in libindy for proverSearchCredentials. */
export function proverGetCredentials (wh: WalletHandle, filter: Json<CredentialFilter> | null): Promise<CredentialInfo[]>
/** A WQL query over `schema_id`, `issuer_did`, `cred_def_id`, `attr::<name>::value`, …; answers `[searchHandle, totalCount]`. */
export function proverSearchCredentials (wh: WalletHandle, query: Json<WalletQuery> | null): Promise<[SearchHandle, number]>
export function proverFetchCredentials (searchHandle: SearchHandle, count: number): Promise<CredentialInfo[]>
export function proverCloseCredentialsSearch (searchHandle: SearchHandle): Promise<void>
/** A DID, anoncreds id or anoncreds object (as JSON text) without its fully-qualified prefixes. */
export function toUnqualified (entity: string): Promise<string>
/** Deletes a stored credential; rejects with WalletItemNotFound when there is none. */
export function proverDeleteCredential (wh: WalletHandle, credId: CredentialId): Promise<void>
export function proverCreateProof (wh: WalletHandle, proofReq: Json<ProofRequest>,
  requestedCredentials: Json<RequestedCredentials>, masterSecretName: MasterSecretId, schemas: Json<Schemas>,
  credentialDefs: Json<CredDefs>, revStates: Json<RevStates>): Promise<Proof>
export function verifierVerifyProof (proofRequest: Json<ProofRequest>, proof: Json<Proof>, schemas: Json<Schemas>,
  credentialDefs: Json<CredDefs>, revRegDefs: Json<RevRegDefs>, revRegs: Json<RevRegs>): Promise<boolean>
/** A fresh 80-bit nonce for proof requests, as a decimal string. */
export function generateNonce (): Promise<string>

/** New keys for a stored credential definition (seconds), kept aside until issuerRotateCredentialDefApply. */
export function issuerRotateCredentialDefStart (wh: WalletHandle, credDefId: CredDefId,
  config: Json<CredDefConfig> | null): Promise<CredDef>
/** Replaces the definition's keys with the rotated ones; WalletItemNotFound when none were started. */
export function issuerRotateCredentialDefApply (wh: WalletHandle, credDefId: CredDefId): Promise<void>
/** Builds a revocation registry, writes its tails file with `tailsWriterHandle`, stores it. `revocDefType`: 'CL_ACCUM' or null. */
export function issuerCreateAndStoreRevocReg (wh: WalletHandle, issuerDid: Did, revocDefType: 'CL_ACCUM' | null,
  tag: string, credDefId: CredDefId, config: Json<RevocRegConfig>,
  tailsWriterHandle: BlobStorageHandle): Promise<[RevRegId, RevocRegDef, RevocRegDelta]>
/** Revokes; answers the delta to publish. AnoncredsInvalidUserRevocId when revoked already or never issued. */
export function issuerRevokeCredential (wh: WalletHandle, blobStorageReaderHandle: BlobStorageHandle,
  revRegId: RevRegId, credRevocId: CredRevocId): Promise<RevocRegDelta>
/** Undoes a revocation; answers the delta to publish. Beyond indy-sdk (which does not wrap it). */
export function issuerRecoverCredential (wh: WalletHandle, blobStorageReaderHandle: BlobStorageHandle,
  revRegId: RevRegId, credRevocId: CredRevocId): Promise<RevocRegDelta>
/** Two consecutive deltas of one registry as one. */
export function issuerMergeRevocationRegistryDeltas (revRegDelta: Json<RevocRegDelta>,
  otherRevRegDelta: Json<RevocRegDelta>): Promise<RevocRegDelta>
/** A prover's revocation state at `timestamp` (seconds; a number or a bigint: uint64). */
export function createRevocationState (blobStorageReaderHandle: BlobStorageHandle, revRegDef: Json<RevocRegDef>,
  revRegDelta: Json<RevocRegDelta>, timestamp: number | bigint, credRevId: CredRevocId): Promise<RevState>
/** A revocation state brought up to date with a newer delta. */
export function updateRevocationState (blobStorageReaderHandle: BlobStorageHandle, revState: Json<RevState>,
  revRegDef: Json<RevocRegDef>, revRegDelta: Json<RevocRegDelta>, timestamp: number | bigint,
  credRevId: CredRevocId): Promise<RevState>
/** Which attributes get value tags (null: all); `retroactive` re-tags the credentials already stored. */
export function proverSetCredentialAttrTagPolicy (wh: WalletHandle, credDefId: CredDefId,
  tagAttrs: Json<string[]> | null, retroactive: boolean): Promise<void>
/** The tag policy: attribute names, or null when none is set. */
export function proverGetCredentialAttrTagPolicy (wh: WalletHandle, credDefId: CredDefId): Promise<string[] | null>
/** Deprecated in libindy for proverSearchCredentialsForProofReq. */
export function proverGetCredentialsForProofReq (wh: WalletHandle,
  proofRequest: Json<ProofRequest>): Promise<CredentialsForProofRequest>
/** One search per item of the request; `extraQuery`: `{ [referent]: WQL }` or null. */
export function proverSearchCredentialsForProofReq (wh: WalletHandle, proofRequest: Json<ProofRequest>,
  extraQuery: Json<Record<string, WalletQuery>> | null): Promise<SearchHandle>
export function proverFetchCredentialsForProofReq (searchHandle: SearchHandle, itemReferent: string,
  count: number): Promise<RequestedCredential[]>
export function proverCloseCredentialsSearchForProofReq (searchHandle: SearchHandle): Promise<void>

// blob storage (tails files)
/** `type`: 'default'; `config`: `{ base_dir }`. */
export function openBlobStorageReader (type: string, config: Json<BlobStorageReaderConfig>): Promise<BlobStorageHandle>
/** `type`: 'default'; `config`: `{ base_dir, uri_pattern: '' }`. */
export function openBlobStorageWriter (type: string, config: Json<BlobStorageWriterConfig>): Promise<BlobStorageHandle>


// ledger: requests and replies are JSON (objects in, parsed objects out)
export type LedgerRequest = Record<string, unknown>
export type LedgerReply = Record<string, unknown>
export function signAndSubmitRequest (poolHandle: PoolHandle, wh: WalletHandle, submitterDid: Did,
  request: Json<LedgerRequest>): Promise<LedgerReply>
export function submitRequest (poolHandle: PoolHandle, request: Json<LedgerRequest>): Promise<LedgerReply>
/** `nodes`: node names (all when null); `timeout`: seconds (the pool's when null); answers `{node: reply}`. */
export function submitAction (poolHandle: PoolHandle, request: Json<LedgerRequest>, nodes: Json<string[]> | null,
  timeout: number | null): Promise<Record<string, string>>
export function signRequest (wh: WalletHandle, submitterDid: Did, request: Json<LedgerRequest>): Promise<LedgerRequest>
export function multiSignRequest (wh: WalletHandle, submitterDid: Did,
  request: Json<LedgerRequest>): Promise<LedgerRequest>
export function buildGetDdoRequest (submitterDid: Did | null, targetDid: Did): Promise<LedgerRequest>
export function buildNymRequest (submitterDid: Did, targetDid: Did, verkey: Verkey | null, alias: string | null,
  role: string | null): Promise<LedgerRequest>
export function buildAttribRequest (submitterDid: Did, targetDid: Did, hash: string | null,
  raw: Json<Record<string, unknown>> | null, enc: string | null): Promise<LedgerRequest>
export function buildGetAttribRequest (submitterDid: Did | null, targetDid: Did, raw: string | null,
  hash: string | null, enc: string | null): Promise<LedgerRequest>
export function buildGetNymRequest (submitterDid: Did | null, targetDid: Did): Promise<LedgerRequest>
export function parseGetNymResponse (response: Json<LedgerReply>):
  Promise<{ did: Did, verkey: Verkey | null, role: string | null }>
export function buildSchemaRequest (submitterDid: Did, data: Json<Schema>): Promise<LedgerRequest>
export function buildGetSchemaRequest (submitterDid: Did | null, id: SchemaId): Promise<LedgerRequest>
export function parseGetSchemaResponse (getSchemaResponse: Json<LedgerReply>): Promise<[SchemaId, Schema]>
export function buildCredDefRequest (submitterDid: Did, data: Json<CredDef>): Promise<LedgerRequest>
export function buildGetCredDefRequest (submitterDid: Did | null, id: CredDefId): Promise<LedgerRequest>
export function parseGetCredDefResponse (getCredDefResponse: Json<LedgerReply>): Promise<[CredDefId, CredDef]>
export function buildNodeRequest (submitterDid: Did, targetDid: Did,
  data: Json<Record<string, unknown>>): Promise<LedgerRequest>
export function buildGetValidatorInfoRequest (submitterDid: Did): Promise<LedgerRequest>
/** `ledgerType`: 'DOMAIN' (when null), 'POOL', 'CONFIG' or a ledger number */
export function buildGetTxnRequest (submitterDid: Did | null, ledgerType: string | null,
  seqNo: number): Promise<LedgerRequest>
export function buildPoolConfigRequest (submitterDid: Did, writes: boolean, force: boolean): Promise<LedgerRequest>
export function buildPoolRestartRequest (submitterDid: Did, action: 'start' | 'cancel',
  datetime: string | null): Promise<LedgerRequest>
export function buildPoolUpgradeRequest (submitterDid: Did, name: string, version: string, action: 'start' | 'cancel',
  sha256: string, timeout: number | null, schedule: Json<Record<string, string>> | null, justification: string | null,
  reinstall: boolean, force: boolean, packageName: string | null): Promise<LedgerRequest>
export function buildRevocRegDefRequest (submitterDid: Did,
  data: Json<Record<string, unknown>>): Promise<LedgerRequest>
export function buildGetRevocRegDefRequest (submitterDid: Did | null, revocRegDefId: string): Promise<LedgerRequest>
export function parseGetRevocRegDefResponse (getRevocRegDefResponse: Json<LedgerReply>):
  Promise<[string, Record<string, unknown>]>
export function buildRevocRegEntryRequest (submitterDid: Did, revocRegDefId: string, revDefType: string,
  value: Json<Record<string, unknown>>): Promise<LedgerRequest>
export function buildGetRevocRegRequest (submitterDid: Did | null, revocRegDefId: string,
  timestamp: number): Promise<LedgerRequest>
export function parseGetRevocRegResponse (getRevocRegResponse: Json<LedgerReply>):
  Promise<[string, Record<string, unknown>, number]>
export function buildGetRevocRegDeltaRequest (submitterDid: Did | null, revocRegDefId: string, from: number | null,
  to: number): Promise<LedgerRequest>
export function parseGetRevocRegDeltaResponse (getRevocRegDeltaResponse: Json<LedgerReply>):
  Promise<[string, Record<string, unknown>, number]>
export function getResponseMetadata (response: Json<LedgerReply>):
  Promise<{ seqNo?: number, txnTime?: number, lastTxnTime?: number, lastSeqNo?: number }>
export function buildAuthRuleRequest (submitterDid: Did, txnType: string, action: 'ADD' | 'EDIT', field: string,
  oldValue: string | null, newValue: string | null, constraint: Json<Record<string, unknown>>): Promise<LedgerRequest>
export function buildAuthRulesRequest (submitterDid: Did,
  data: Json<Array<Record<string, unknown>>>): Promise<LedgerRequest>
export function buildGetAuthRuleRequest (submitterDid: Did | null, txnType: string | null, action: string | null,
  field: string | null, oldValue: string | null, newValue: string | null): Promise<LedgerRequest>
export function buildTxnAuthorAgreementRequest (submitterDid: Did, text: string | null, version: string,
  ratificationTs?: number | null, retirementTs?: number | null): Promise<LedgerRequest>
export function buildDisableAllTxnAuthorAgreementsRequest (submitterDid: Did): Promise<LedgerRequest>
export function buildGetTxnAuthorAgreementRequest (submitterDid: Did | null,
  data: Json<{ digest?: string, version?: string, timestamp?: number }> | null): Promise<LedgerRequest>
export function buildAcceptanceMechanismsRequest (submitterDid: Did, aml: Json<Record<string, string>>,
  version: string, amlContext: string | null): Promise<LedgerRequest>
export function buildGetAcceptanceMechanismsRequest (submitterDid: Did | null, timestamp: number | null,
  version: string | null): Promise<LedgerRequest>
export function appendTxnAuthorAgreementAcceptanceToRequest (request: Json<LedgerRequest>, text: string | null,
  version: string | null, taaDigest: string | null, mechanism: string, time: number | bigint): Promise<LedgerRequest>
export function appendRequestEndorser (request: Json<LedgerRequest>, endorserDid: Did): Promise<LedgerRequest>
export function buildLedgersFreezeRequest (submitterDid: Did, ledgersIds: Json<number[]>): Promise<LedgerRequest>
export function buildGetFrozenLedgersRequest (submitterDid: Did): Promise<LedgerRequest>

// pool
export interface PoolOpenConfig {
  timeout?: number
  extended_timeout?: number
  conn_limit?: number
  conn_active_timeout?: number
  preordered_nodes?: string[]
  number_read_nodes?: number
}
export function createPoolLedgerConfig (configName: string,
  config: Json<{ genesis_txn: string }> | null): Promise<void>
export function openPoolLedger (configName: string, config: Json<PoolOpenConfig> | null): Promise<PoolHandle>
export function refreshPoolLedger (poolHandle: PoolHandle): Promise<void>
export function listPools (): Promise<Array<{ pool: string }>>
export function closePoolLedger (poolHandle: PoolHandle): Promise<void>
export function deletePoolLedgerConfig (configName: string): Promise<void>
export function setProtocolVersion (protocolVersion: number | bigint): Promise<void>

// cache
export interface CacheOptions { noCache?: boolean, noUpdate?: boolean, noStore?: boolean, minFresh?: number }
export function getSchema (poolHandle: PoolHandle, wh: WalletHandle, submitterDid: Did, id: SchemaId,
  options: Json<CacheOptions>): Promise<Schema>
export function getCredDef (poolHandle: PoolHandle, wh: WalletHandle, submitterDid: Did, id: CredDefId,
  options: Json<CacheOptions>): Promise<CredDef>
export function purgeSchemaCache (wh: WalletHandle, options: Json<{ maxAge?: number }>): Promise<void>
export function purgeCredDefCache (wh: WalletHandle, options: Json<{ maxAge?: number }>): Promise<void>

// metrics
export function collectMetrics (): Promise<Metrics>

// logger (synchronous)
/** Sends the library's log to `logFn`, at most `maxLevel` verbose (0 off … 5 trace) when given. */
export function setLogger (logFn: LogFunction, maxLevel?: number): void
/** Logs to stderr, filtered by `pattern` in RUST_LOG syntax; null reads RUST_LOG. */
export function setDefaultLogger (pattern: string | null): void
/** The most verbose level the library logs: 0 off, 1 error … 5 trace. */
export function setLogMaxLevel (level: number): void
