'use strict'
// indy_anoncreds.h, as far as the library implements it (no revocation yet): schemas,
// credential definitions, offers, requests, credentials, credential searches, proofs,
// verification, nonces.

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
  generateNonce: command('indy_generate_nonce', {}, Callback.String)
})
