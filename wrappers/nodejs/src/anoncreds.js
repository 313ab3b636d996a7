'use strict'
// indy_anoncreds.h: schemas, credential definitions and their rotation, offers, requests,
// credentials, revocation registries, revocation and recovery, deltas, revocation states,
// tag policies, credential searches (also for proof requests), proofs, verification, nonces.
// Names and parameters as indy-sdk's Node package; `issuerRecoverCredential` is beyond it
// (libindy exports indy_issuer_recover_credential, indy-sdk does not wrap it).

const { Arg, Callback, command, commands } = require('./native')

module.exports = commands({
  issuerCreateSchema: command('indy_issuer_create_schema',
    { issuerDid: Arg.String, name: Arg.String, version: Arg.String, attrNames: Arg.Json }, Callback.StringJson),
  issuerCreateAndStoreCredentialDef: command('indy_issuer_create_and_store_credential_def',
    {
      wh: Arg.Handle,
      issuerDid: Arg.String,
      schema: Arg.Json,
      tag: Arg.String,
      signatureType: Arg.String,
      config: Arg.Json
    }, Callback.StringJson),
  issuerCreateCredentialOffer: command('indy_issuer_create_credential_offer',
    { wh: Arg.Handle, credDefId: Arg.String }, Callback.Json),
  proverCreateMasterSecret: command('indy_prover_create_master_secret',
    { wh: Arg.Handle, masterSecretId: Arg.String }, Callback.String),
  proverCreateCredentialReq: command('indy_prover_create_credential_req',
    { wh: Arg.Handle, proverDid: Arg.String, credOffer: Arg.Json, credDef: Arg.Json, masterSecretId: Arg.String },
    Callback.Json2),
  issuerCreateCredential: command('indy_issuer_create_credential',
    {
      wh: Arg.Handle,
      credOffer: Arg.Json,
      credReq: Arg.Json,
      credValues: Arg.Json,
      revRegId: Arg.String,
      blobStorageReaderHandle: Arg.OptHandle
    }, Callback.JsonStringJson),
  proverStoreCredential: command('indy_prover_store_credential',
    {
      wh: Arg.Handle,
      credId: Arg.String,
      credReqMetadata: Arg.Json,
      cred: Arg.Json,
      credDef: Arg.Json,
      revRegDef: Arg.Json
    }, Callback.String),
  proverGetCredential: command('indy_prover_get_credential', { wh: Arg.Handle, credId: Arg.String }, Callback.Json),
  proverGetCredentials: command('indy_prover_get_credentials', { wh: Arg.Handle, filter: Arg.Json }, Callback.Json),
  toUnqualified: command('indy_to_unqualified', { entity: Arg.String }, Callback.String),
  proverDeleteCredential: command('indy_prover_delete_credential',
    { wh: Arg.Handle, credId: Arg.String }, Callback.Unit),
  proverSearchCredentials: command('indy_prover_search_credentials',
    { wh: Arg.Handle, query: Arg.Json }, Callback.HandleCount),
  proverFetchCredentials: command('indy_prover_fetch_credentials',
    { searchHandle: Arg.Handle, count: Arg.Uint32 }, Callback.Json),
  proverCloseCredentialsSearch: command('indy_prover_close_credentials_search',
    { searchHandle: Arg.Handle }, Callback.Unit),
  proverCreateProof: command('indy_prover_create_proof',
    {
      wh: Arg.Handle,
      proofReq: Arg.Json,
      requestedCredentials: Arg.Json,
      masterSecretName: Arg.String,
      schemas: Arg.Json,
      credentialDefs: Arg.Json,
      revStates: Arg.Json
    }, Callback.Json),
  verifierVerifyProof: command('indy_verifier_verify_proof',
    {
      proofRequest: Arg.Json,
      proof: Arg.Json,
      schemas: Arg.Json,
      credentialDefs: Arg.Json,
      revRegDefs: Arg.Json,
      revRegs: Arg.Json
    }, Callback.Bool),
  generateNonce: command('indy_generate_nonce', {}, Callback.String),

  // credential definition rotation
  issuerRotateCredentialDefStart: command('indy_issuer_rotate_credential_def_start',
    { wh: Arg.Handle, credDefId: Arg.String, config: Arg.Json }, Callback.Json),
  issuerRotateCredentialDefApply: command('indy_issuer_rotate_credential_def_apply',
    { wh: Arg.Handle, credDefId: Arg.String }, Callback.Unit),

  // revocation
  issuerCreateAndStoreRevocReg: command('indy_issuer_create_and_store_revoc_reg',
    {
      wh: Arg.Handle,
      issuerDid: Arg.String,
      revocDefType: Arg.String,
      tag: Arg.String,
      credDefId: Arg.String,
      config: Arg.Json,
      tailsWriterHandle: Arg.Handle
    }, Callback.StringJson2),
  issuerRevokeCredential: command('indy_issuer_revoke_credential',
    { wh: Arg.Handle, blobStorageReaderHandle: Arg.Handle, revRegId: Arg.String, credRevocId: Arg.String },
    Callback.Json),
  issuerRecoverCredential: command('indy_issuer_recover_credential',
    { wh: Arg.Handle, blobStorageReaderHandle: Arg.Handle, revRegId: Arg.String, credRevocId: Arg.String },
    Callback.Json),
  issuerMergeRevocationRegistryDeltas: command('indy_issuer_merge_revocation_registry_deltas',
    { revRegDelta: Arg.Json, otherRevRegDelta: Arg.Json }, Callback.Json),
  createRevocationState: command('indy_create_revocation_state',
    {
      blobStorageReaderHandle: Arg.Handle,
      revRegDef: Arg.Json,
      revRegDelta: Arg.Json,
      timestamp: Arg.Uint64,
      credRevId: Arg.String
    }, Callback.Json),
  updateRevocationState: command('indy_update_revocation_state',
    {
      blobStorageReaderHandle: Arg.Handle,
      revState: Arg.Json,
      revRegDef: Arg.Json,
      revRegDelta: Arg.Json,
      timestamp: Arg.Uint64,
      credRevId: Arg.String
    }, Callback.Json),

  // the prover's wallet: tag policies, searches for proof requests
  proverSetCredentialAttrTagPolicy: command('indy_prover_set_credential_attr_tag_policy',
    { wh: Arg.Handle, credDefId: Arg.String, tagAttrs: Arg.Json, retroactive: Arg.Bool }, Callback.Unit),
  proverGetCredentialAttrTagPolicy: command('indy_prover_get_credential_attr_tag_policy',
    { wh: Arg.Handle, credDefId: Arg.String }, Callback.Json),
  proverGetCredentialsForProofReq: command('indy_prover_get_credentials_for_proof_req',
    { wh: Arg.Handle, proofRequest: Arg.Json }, Callback.Json),
  proverSearchCredentialsForProofReq: command('indy_prover_search_credentials_for_proof_req',
    { wh: Arg.Handle, proofRequest: Arg.Json, extraQuery: Arg.Json }, Callback.Handle),
  proverFetchCredentialsForProofReq: command('indy_prover_fetch_credentials_for_proof_req',
    { searchHandle: Arg.Handle, itemReferent: Arg.String, count: Arg.Uint32 }, Callback.Json),
  proverCloseCredentialsSearchForProofReq: command('indy_prover_close_credentials_search_for_proof_req',
    { searchHandle: Arg.Handle }, Callback.Unit)
})
