//! Anoncreds over `indy-credx`: key generation, issuance, proofs and verification on the
//! expensive tier; parsing and record encryption on the cheap tier; wallet reads and writes
//! on the wallet's storage thread.

pub mod proof_request;
mod revocation;

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use futures::future::LocalBoxFuture;
use indy_credx::types::{
    AttributeNames, Credential, CredentialDefinition, CredentialDefinitionConfig, CredentialDefinitionId,
    CredentialOffer, CredentialRequestMetadata, CredentialRevocationState, DidValue, LinkSecret, PresentCredentials,
    Presentation, PresentationRequest, RevocationRegistry, RevocationRegistryDefinition, RevocationRegistryId, Schema,
    SchemaId, SignatureType,
};
use indy_credx::{issuer, prover, verifier};

use super::blob_storage::Access;
use super::non_secrets::OpenSearch;
use super::objects::{decrypt_object, ids, read_optional};
use super::{answer, Ctx};
use crate::domain::anoncreds::{StoredProof, TemporaryCredentialDefinition};
use crate::domain::non_secrets::SearchOptions;
use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::runtime::callbacks::Responder;
use crate::runtime::storage::WalletHandle;
use crate::services::anoncreds::{
    credential_tags, credx_error, credx_input_error, parse, to_json, CredentialInfo, RequestedCredentials, TagPolicy,
};
use crate::services::crypto::random_bytes;
use crate::services::wallet::wql::{encrypt_query, Query};
use crate::services::wallet::{decrypt_value, encrypt_record, record_id, Keys};
use crate::storage::{RecordId, StorageError, StoredValue, WalletStorage};

/// libindy's record types for anoncreds objects.
mod types {
    pub const SCHEMA: &str = "Indy::Schema";
    pub const SCHEMA_ID: &str = "Indy::SchemaId";
    pub const CRED_DEF: &str = "Indy::CredentialDefinition";
    pub const CRED_DEF_PRIVATE: &str = "Indy::CredentialDefinitionPrivateKey";
    pub const CRED_DEF_PROOF: &str = "Indy::CredentialDefinitionCorrectnessProof";
    pub const MASTER_SECRET: &str = "Indy::MasterSecret";
    pub const CREDENTIAL: &str = "Indy::Credential";
    pub const TAG_POLICY: &str = "Indy::CredentialAttrTagPolicy";
    pub const TEMP_CRED_DEF: &str = "Indy::TemporaryCredentialDefinition";
    pub const REV_REG_DEF: &str = "Indy::RevocationRegistryDefinition";
    pub const REV_REG_DEF_PRIVATE: &str = "Indy::RevocationRegistryDefinitionPrivate";
    pub const REV_REG: &str = "Indy::RevocationRegistry";
    pub const REV_REG_INFO: &str = "Indy::RevocationRegistryInfo";
}
use types::*;

pub enum AnoncredsCommand {
    CreateSchema {
        issuer_did: String,
        name: String,
        version: String,
        attrs: String,
        cb: Responder<(String, String)>,
    },
    CreateAndStoreCredentialDef {
        wallet: WalletHandle,
        issuer_did: String,
        schema: String,
        tag: String,
        signature_type: Option<String>,
        config: Option<String>,
        cb: Responder<(String, String)>,
    },
    CreateCredentialOffer {
        wallet: WalletHandle,
        cred_def_id: String,
        cb: Responder<String>,
    },
    CreateMasterSecret {
        wallet: WalletHandle,
        id: Option<String>,
        cb: Responder<String>,
    },
    CreateCredentialRequest {
        wallet: WalletHandle,
        prover_did: String,
        offer: String,
        cred_def: String,
        master_secret_id: String,
        cb: Responder<(String, String)>,
    },
    CreateCredential {
        wallet: WalletHandle,
        offer: String,
        request: String,
        values: String,
        rev_reg_id: Option<String>,
        tails_reader: i32,
        cb: Responder<(String, Option<String>, Option<String>)>,
    },
    CreateAndStoreRevocationRegistry {
        wallet: WalletHandle,
        issuer_did: String,
        type_: Option<String>,
        tag: String,
        cred_def_id: String,
        config: String,
        tails_writer: i32,
        cb: Responder<(String, String, String)>,
    },
    RevokeCredential {
        wallet: WalletHandle,
        tails_reader: i32,
        rev_reg_id: String,
        cred_revoc_id: String,
        cb: Responder<String>,
    },
    RecoverCredential {
        wallet: WalletHandle,
        tails_reader: i32,
        rev_reg_id: String,
        cred_revoc_id: String,
        cb: Responder<String>,
    },
    MergeRevocationRegistryDeltas {
        delta: String,
        other: String,
        cb: Responder<String>,
    },
    CreateRevocationState {
        tails_reader: i32,
        previous: Option<String>,
        rev_reg_def: String,
        delta: String,
        timestamp: u64,
        cred_rev_id: String,
        cb: Responder<String>,
    },
    RotateCredentialDefStart {
        wallet: WalletHandle,
        cred_def_id: String,
        config: Option<String>,
        cb: Responder<String>,
    },
    RotateCredentialDefApply {
        wallet: WalletHandle,
        cred_def_id: String,
        cb: Responder<()>,
    },
    SetCredentialAttrTagPolicy {
        wallet: WalletHandle,
        cred_def_id: String,
        tag_attrs: Option<String>,
        retroactive: bool,
        cb: Responder<()>,
    },
    GetCredentialAttrTagPolicy {
        wallet: WalletHandle,
        cred_def_id: String,
        cb: Responder<String>,
    },
    GetCredentialsForProofReq {
        wallet: WalletHandle,
        proof_request: String,
        cb: Responder<String>,
    },
    SearchCredentialsForProofReq {
        wallet: WalletHandle,
        proof_request: String,
        extra_queries: Option<String>,
        cb: Responder<i32>,
    },
    FetchCredentialsForProofReq {
        search: i32,
        referent: String,
        count: u32,
        cb: Responder<String>,
    },
    CloseCredentialsSearchForProofReq {
        search: i32,
        cb: Responder<()>,
    },
    StoreCredential {
        wallet: WalletHandle,
        cred_id: Option<String>,
        request_metadata: String,
        credential: String,
        cred_def: String,
        rev_reg_def: Option<String>,
        cb: Responder<String>,
    },
    GetCredential {
        wallet: WalletHandle,
        cred_id: String,
        cb: Responder<String>,
    },
    CreateProof {
        wallet: WalletHandle,
        proof_request: String,
        requested: String,
        master_secret_id: String,
        schemas: String,
        cred_defs: String,
        rev_states: String,
        cb: Responder<String>,
    },
    VerifyProof {
        proof_request: String,
        proof: String,
        schemas: String,
        cred_defs: String,
        rev_reg_defs: String,
        rev_regs: String,
        cb: Responder<bool>,
    },
    GenerateNonce {
        cb: Responder<String>,
    },
    SearchCredentials {
        wallet: WalletHandle,
        query: String,
        cb: Responder<(i32, u32)>,
    },
    FetchCredentials {
        search: i32,
        count: u32,
        cb: Responder<String>,
    },
    CloseCredentialsSearch {
        search: i32,
        cb: Responder<()>,
    },
    GetCredentials {
        wallet: WalletHandle,
        filter: Option<String>,
        cb: Responder<String>,
    },
    DeleteCredential {
        wallet: WalletHandle,
        cred_id: String,
        cb: Responder<()>,
    },
    ToUnqualified {
        entity: String,
        cb: Responder<String>,
    },
}

pub fn execute(ctx: Rc<Ctx>, command: AnoncredsCommand) -> LocalBoxFuture<'static, ()> {
    use AnoncredsCommand::*;
    match command {
        CreateSchema { issuer_did, name, version, attrs, cb } => {
            answer(cb, async move { ctx.cheap(move || create_schema(&issuer_did, &name, &version, &attrs)).await })
        }
        CreateAndStoreCredentialDef { wallet, issuer_did, schema, tag, signature_type, config, cb } => {
            answer(cb, create_and_store_credential_def(ctx, wallet, issuer_did, schema, tag, signature_type, config))
        }
        CreateCredentialOffer { wallet, cred_def_id, cb } => {
            answer(cb, create_credential_offer(ctx, wallet, cred_def_id))
        }
        CreateMasterSecret { wallet, id, cb } => answer(cb, create_master_secret(ctx, wallet, id)),
        CreateCredentialRequest { wallet, prover_did, offer, cred_def, master_secret_id, cb } => {
            answer(cb, create_credential_request(ctx, wallet, prover_did, offer, cred_def, master_secret_id))
        }
        CreateCredential { wallet, offer, request, values, rev_reg_id, tails_reader, cb } => {
            answer(cb, revocation::create_credential(ctx, wallet, offer, request, values, rev_reg_id, tails_reader))
        }
        CreateAndStoreRevocationRegistry { wallet, issuer_did, type_, tag, cred_def_id, config, tails_writer, cb } => {
            answer(
                cb,
                revocation::create_and_store_revocation_registry(
                    ctx,
                    wallet,
                    issuer_did,
                    type_,
                    tag,
                    cred_def_id,
                    config,
                    tails_writer,
                ),
            )
        }
        RevokeCredential { wallet, tails_reader, rev_reg_id, cred_revoc_id, cb } => answer(
            cb,
            revocation::change_revocation(
                ctx,
                wallet,
                tails_reader,
                rev_reg_id,
                cred_revoc_id,
                revocation::Change::Revoke,
            ),
        ),
        RecoverCredential { wallet, tails_reader, rev_reg_id, cred_revoc_id, cb } => answer(
            cb,
            revocation::change_revocation(
                ctx,
                wallet,
                tails_reader,
                rev_reg_id,
                cred_revoc_id,
                revocation::Change::Recover,
            ),
        ),
        MergeRevocationRegistryDeltas { delta, other, cb } => {
            answer(cb, async move { ctx.cheap(move || revocation::merge_deltas(&delta, &other)).await })
        }
        CreateRevocationState { tails_reader, previous, rev_reg_def, delta, timestamp, cred_rev_id, cb } => {
            answer(cb, async move {
                let tails_dir = ctx.blob_dir(tails_reader, Access::Read)?;
                ctx.rt
                    .expensive
                    .run(move || {
                        revocation::revocation_state(
                            tails_dir,
                            previous.as_deref(),
                            &rev_reg_def,
                            &delta,
                            timestamp,
                            &cred_rev_id,
                        )
                    })
                    .await
            })
        }
        RotateCredentialDefStart { wallet, cred_def_id, config, cb } => {
            answer(cb, rotate_credential_def_start(ctx, wallet, cred_def_id, config))
        }
        RotateCredentialDefApply { wallet, cred_def_id, cb } => {
            answer(cb, rotate_credential_def_apply(ctx, wallet, cred_def_id))
        }
        SetCredentialAttrTagPolicy { wallet, cred_def_id, tag_attrs, retroactive, cb } => {
            answer(cb, set_tag_policy(ctx, wallet, cred_def_id, tag_attrs, retroactive))
        }
        GetCredentialAttrTagPolicy { wallet, cred_def_id, cb } => answer(cb, get_tag_policy(ctx, wallet, cred_def_id)),
        GetCredentialsForProofReq { wallet, proof_request, cb } => {
            answer(cb, proof_request::get_for_proof_request(ctx, wallet, proof_request))
        }
        SearchCredentialsForProofReq { wallet, proof_request, extra_queries, cb } => {
            answer(cb, proof_request::search_for_proof_request(ctx, wallet, proof_request, extra_queries))
        }
        FetchCredentialsForProofReq { search, referent, count, cb } => {
            answer(cb, proof_request::fetch_for_proof_request(ctx, search, referent, count))
        }
        CloseCredentialsSearchForProofReq { search, cb } => {
            answer(cb, proof_request::close_proof_request_search(ctx, search))
        }
        StoreCredential { wallet, cred_id, request_metadata, credential, cred_def, rev_reg_def, cb } => {
            answer(cb, store_credential(ctx, wallet, cred_id, request_metadata, credential, cred_def, rev_reg_def))
        }
        GetCredential { wallet, cred_id, cb } => answer(cb, get_credential(ctx, wallet, cred_id)),
        DeleteCredential { wallet, cred_id, cb } => answer(cb, delete_credential(ctx, wallet, cred_id)),
        ToUnqualified { entity, cb } => {
            answer(cb, async move { ctx.cheap(move || crate::services::anoncreds::to_unqualified(&entity)).await })
        }
        CreateProof { wallet, proof_request, requested, master_secret_id, schemas, cred_defs, rev_states, cb } => {
            answer(
                cb,
                create_proof(ctx, wallet, proof_request, requested, master_secret_id, schemas, cred_defs, rev_states),
            )
        }
        VerifyProof { proof_request, proof, schemas, cred_defs, rev_reg_defs, rev_regs, cb } => {
            answer(cb, async move {
                ctx.rt
                    .expensive
                    .run(move || verify_proof(&proof_request, &proof, &schemas, &cred_defs, &rev_reg_defs, &rev_regs))
                    .await
            })
        }
        SearchCredentials { wallet, query, cb } => answer(cb, search_credentials(ctx, wallet, query)),
        FetchCredentials { search, count, cb } => answer(cb, fetch_credentials(ctx, search, count)),
        CloseCredentialsSearch { search, cb } => answer(cb, super::non_secrets::close_search(ctx, search)),
        GetCredentials { wallet, filter, cb } => answer(cb, get_credentials(ctx, wallet, filter)),
        GenerateNonce { cb } => {
            answer(
                cb,
                async move { ctx.cheap(|| Ok(verifier::generate_nonce().map_err(credx_error)?.to_string())).await },
            )
        }
    }
}

fn create_schema(issuer_did: &str, name: &str, version: &str, attrs: &str) -> IndyResult<(String, String)> {
    let attrs: Vec<String> = parse(attrs, "attribute names")?;
    let schema =
        issuer::create_schema(&DidValue(issuer_did.to_string()), name, version, AttributeNames::from(attrs), None)
            .map_err(credx_error)?;
    let Schema::SchemaV1(v1) = &schema;
    Ok((v1.id.0.clone(), to_json(&schema)))
}

fn missing(what: &str, id: &str) -> IndyError {
    IndyError::new(ErrorCode::WalletItemNotFound, format!("No {what} {id:?} in the wallet"))
}

fn read_required(storage: &mut dyn WalletStorage, id: &RecordId, what: &str, name: &str) -> IndyResult<StoredValue> {
    read_optional(storage, id)?.ok_or_else(|| missing(what, name))
}

/// A stored value that is a plain string, not JSON (`Indy::SchemaId`).
fn decrypt_text(keys: &Keys, stored: &StoredValue) -> IndyResult<String> {
    String::from_utf8(decrypt_value(keys, &stored.value, &stored.key)?.to_vec())
        .map_err(|_| IndyError::new(ErrorCode::WalletDecodingError, "A stored id is not UTF-8"))
}

/// Checks that the id is free (in the wallet's order), generates the keys on the expensive
/// tier (seconds: safe primes), then stores them. The stores take effect when generation
/// ends, not in submission order: holding the wallet's order that long would stall every
/// other command on it, and libindy did not keep that order either.
async fn create_and_store_credential_def(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    issuer_did: String,
    schema: String,
    tag: String,
    signature_type: Option<String>,
    config: Option<String>,
) -> IndyResult<(String, String)> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let id_tag = tag.clone();
    let prepared = ctx
        .cheap(move || {
            let tag = id_tag;
            let schema: Schema = parse(&schema, "schema")?;
            let signature_type = match signature_type.as_deref() {
                None | Some("CL") => SignatureType::CL,
                Some(other) => return Err(IndyError::invalid_structure(format!("Unknown signature type {other:?}"))),
            };
            #[derive(serde::Deserialize, Default)]
            struct Config {
                #[serde(default)]
                support_revocation: bool,
            }
            let config: Config =
                config.as_deref().map(|c| parse(c, "credential definition config")).transpose()?.unwrap_or_default();
            let Schema::SchemaV1(v1) = &schema;
            let issuer = DidValue(issuer_did);
            let id = issuer::make_credential_definition_id(&issuer, &v1.id, v1.seq_no, &tag, signature_type)
                .map_err(credx_error)?;
            Ok((schema, issuer, id, signature_type, config.support_revocation))
        })
        .await?;
    let (schema, issuer, cred_def_id, signature_type, support_revocation) = prepared;
    let exists = ids(&ctx, &keys, vec![(CRED_DEF, cred_def_id.0.clone())]).await?.remove(0);
    let taken = slot.run(move |storage: &mut dyn WalletStorage| Ok(read_optional(storage, &exists)?.is_some())).await?;
    if taken {
        return Err(IndyError::new(
            ErrorCode::AnoncredsCredDefAlreadyExistsError,
            format!("Credential definition {} already exists", cred_def_id.0),
        ));
    }
    let config = CredentialDefinitionConfig::new(support_revocation);
    let generation_schema = schema.clone();
    let (cred_def, private, proof) = ctx
        .rt
        .expensive
        .run(move || {
            issuer::create_credential_definition(&issuer, &generation_schema, &tag, signature_type, config)
                .map_err(credx_error)
        })
        .await?;
    let cred_def_json = to_json(&cred_def);
    let id = cred_def_id.0.clone();
    let stored_json = cred_def_json.clone();
    let records = ctx
        .cheap(move || {
            let Schema::SchemaV1(v1) = &schema;
            let none = HashMap::new();
            Ok(vec![
                encrypt_record(&keys, CRED_DEF, &id, stored_json.as_bytes(), &none),
                encrypt_record(&keys, CRED_DEF_PRIVATE, &id, to_json(&private).as_bytes(), &none),
                encrypt_record(&keys, CRED_DEF_PROOF, &id, to_json(&StoredProof { value: proof }).as_bytes(), &none),
                encrypt_record(&keys, SCHEMA_ID, &id, v1.id.0.as_bytes(), &none),
                // libindy named it as the credential definition refers to it: by ledger
                // sequence number when the schema has one.
                encrypt_record(&keys, SCHEMA, &schema_record_name(v1), to_json(&schema).as_bytes(), &none),
            ])
        })
        .await?;
    let id = cred_def_id.0.clone();
    ctx.reserve(wallet)?
        .1
        .run(move |storage: &mut dyn WalletStorage| {
            storage.add(&records[0]).map_err(|e| match e {
                StorageError::ItemAlreadyExists => IndyError::new(
                    ErrorCode::AnoncredsCredDefAlreadyExistsError,
                    format!("Credential definition {id} already exists"),
                ),
                other => other.into(),
            })?;
            for record in &records[1..] {
                storage.upsert(record)?;
            }
            Ok(())
        })
        .await?;
    Ok((cred_def_id.0, cred_def_json))
}

async fn create_credential_offer(ctx: Rc<Ctx>, wallet: WalletHandle, cred_def_id: String) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let wanted =
        vec![(CRED_DEF, cred_def_id.clone()), (CRED_DEF_PROOF, cred_def_id.clone()), (SCHEMA_ID, cred_def_id.clone())];
    let ids = ids(&ctx, &keys, wanted).await?;
    let name = cred_def_id.clone();
    let stored = slot
        .run(move |storage: &mut dyn WalletStorage| {
            ids.iter()
                .map(|id| read_required(storage, id, "credential definition", &name))
                .collect::<IndyResult<Vec<_>>>()
        })
        .await?;
    ctx.cheap(move || {
        let cred_def: CredentialDefinition = decrypt_object(&keys, &stored[0], CRED_DEF)?;
        let StoredProof { value: proof } = decrypt_object(&keys, &stored[1], CRED_DEF_PROOF)?;
        let schema_id = SchemaId(decrypt_text(&keys, &stored[2])?);
        let offer = issuer::create_credential_offer(&schema_id, &cred_def, &proof).map_err(credx_error)?;
        Ok(to_json(&offer))
    })
    .await
}

async fn create_master_secret(ctx: Rc<Ctx>, wallet: WalletHandle, id: Option<String>) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let (id, record) = ctx
        .cheap(move || {
            let id = id.unwrap_or_else(|| hex::encode(random_bytes::<16>().as_ref()));
            let secret = prover::create_link_secret().map_err(credx_error)?;
            let record = encrypt_record(&keys, MASTER_SECRET, &id, to_json(&secret).as_bytes(), &HashMap::new());
            Ok((id, record))
        })
        .await?;
    let name = id.clone();
    slot.run(move |storage: &mut dyn WalletStorage| {
        storage.add(&record).map_err(|e| match e {
            StorageError::ItemAlreadyExists => IndyError::new(
                ErrorCode::AnoncredsMasterSecretDuplicateNameError,
                format!("A master secret named {name:?} already exists"),
            ),
            other => other.into(),
        })
    })
    .await?;
    Ok(id)
}

/// Reads one master secret (secrets stay off the executor: decrypted on the cheap tier).
async fn master_secret(
    ctx: &Ctx,
    keys: &Arc<Keys>,
    slot: crate::runtime::storage::Slot,
    id: String,
) -> IndyResult<Arc<LinkSecret>> {
    let record = ids(ctx, keys, vec![(MASTER_SECRET, id.clone())]).await?.remove(0);
    let stored =
        slot.run(move |storage: &mut dyn WalletStorage| read_required(storage, &record, "master secret", &id)).await?;
    let keys = keys.clone();
    ctx.cheap(move || Ok(Arc::new(decrypt_object::<LinkSecret>(&keys, &stored, MASTER_SECRET)?))).await
}

async fn create_credential_request(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    prover_did: String,
    offer: String,
    cred_def: String,
    master_secret_id: String,
) -> IndyResult<(String, String)> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let secret = master_secret(&ctx, &keys, slot, master_secret_id.clone()).await?;
    ctx.rt
        .expensive
        .run(move || {
            let offer: CredentialOffer = parse(&offer, "credential offer")?;
            let cred_def: CredentialDefinition = parse(&cred_def, "credential definition")?;
            let (request, metadata) =
                prover::create_credential_request(&DidValue(prover_did), &cred_def, &secret, &master_secret_id, &offer)
                    .map_err(credx_error)?;
            Ok((to_json(&request), to_json(&metadata)))
        })
        .await
}

async fn store_credential(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    cred_id: Option<String>,
    request_metadata: String,
    credential: String,
    cred_def: String,
    rev_reg_def: Option<String>,
) -> IndyResult<String> {
    let (keys, read, write) = ctx.reserve_two(wallet)?;
    // Parsing is the caller's data: on the cheap tier, off the executor.
    let (metadata, credential) = ctx
        .cheap(move || {
            let metadata: CredentialRequestMetadata = parse(&request_metadata, "credential request metadata")?;
            let credential: Credential = parse(&credential, "credential")?;
            Ok((metadata, credential))
        })
        .await?;
    let wanted =
        vec![(MASTER_SECRET, metadata.master_secret_name.clone()), (TAG_POLICY, credential.cred_def_id.0.clone())];
    let records = ids(&ctx, &keys, wanted).await?;
    let secret_name = metadata.master_secret_name.clone();
    let (secret, policy) = read
        .run(move |storage: &mut dyn WalletStorage| {
            let secret = read_required(storage, &records[0], "master secret", &secret_name)?;
            Ok((secret, read_optional(storage, &records[1])?))
        })
        .await?;
    let (id, record) = ctx
        .rt
        .expensive
        .run(move || {
            let secret: LinkSecret = decrypt_object(&keys, &secret, MASTER_SECRET)?;
            let policy: Option<TagPolicy> = policy.map(|p| decrypt_object(&keys, &p, TAG_POLICY)).transpose()?;
            let cred_def: CredentialDefinition = parse(&cred_def, "credential definition")?;
            let rev_reg_def: Option<RevocationRegistryDefinition> =
                rev_reg_def.map(|d| parse(&d, "revocation registry definition")).transpose()?;
            let mut credential = credential;
            // Checks the issuer's signature and binds the credential to the master secret.
            prover::process_credential(&mut credential, &metadata, &secret, &cred_def, rev_reg_def.as_ref())
                .map_err(credx_input_error)?;
            // The issuer's witness ages at once: provers build revocation states from deltas.
            credential.rev_reg = None;
            credential.witness = None;
            let id = cred_id.unwrap_or_else(|| hex::encode(random_bytes::<16>().as_ref()));
            let tags = credential_tags(&credential, policy.as_ref());
            let record = encrypt_record(&keys, CREDENTIAL, &id, to_json(&credential).as_bytes(), &tags);
            Ok((id, record))
        })
        .await?;
    write.run(move |storage: &mut dyn WalletStorage| Ok(storage.upsert(&record)?)).await?;
    Ok(id)
}

async fn get_credential(ctx: Rc<Ctx>, wallet: WalletHandle, cred_id: String) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let record = ids(&ctx, &keys, vec![(CREDENTIAL, cred_id.clone())]).await?.remove(0);
    let name = cred_id.clone();
    let stored =
        slot.run(move |storage: &mut dyn WalletStorage| read_required(storage, &record, "credential", &name)).await?;
    ctx.cheap(move || {
        let credential: Credential = decrypt_object(&keys, &stored, CREDENTIAL)?;
        Ok(to_json(&CredentialInfo::new(cred_id, &credential)))
    })
    .await
}

#[allow(clippy::too_many_arguments)] // libindy's arguments
async fn create_proof(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    proof_request: String,
    requested: String,
    master_secret_id: String,
    schemas: String,
    cred_defs: String,
    rev_states: String,
) -> IndyResult<String> {
    let (keys, secret_slot, credentials_slot) = ctx.reserve_two(wallet)?;
    let requested: RequestedCredentials = ctx.cheap(move || parse(&requested, "requested credentials")).await?;
    let cred_ids = requested.credential_ids();
    let secret = master_secret(&ctx, &keys, secret_slot, master_secret_id).await?;
    let records = ids(&ctx, &keys, cred_ids.iter().map(|id| (CREDENTIAL, id.clone())).collect()).await?;
    let names = cred_ids.clone();
    let stored = credentials_slot
        .run(move |storage: &mut dyn WalletStorage| {
            records
                .iter()
                .zip(&names)
                .map(|(record, name)| read_required(storage, record, "credential", name))
                .collect::<IndyResult<Vec<_>>>()
        })
        .await?;
    ctx.rt
        .expensive
        .run(move || {
            let proof_request: PresentationRequest = parse(&proof_request, "proof request")?;
            let schemas: HashMap<SchemaId, Schema> = parse(&schemas, "schemas")?;
            let cred_defs: HashMap<CredentialDefinitionId, CredentialDefinition> =
                parse(&cred_defs, "credential definitions")?;
            let rev_states: HashMap<String, HashMap<u64, CredentialRevocationState>> =
                parse(&rev_states, "revocation states")?;
            let credentials: HashMap<String, Credential> = cred_ids
                .iter()
                .zip(&stored)
                .map(|(id, stored)| Ok((id.clone(), decrypt_object(&keys, stored, CREDENTIAL)?)))
                .collect::<IndyResult<_>>()?;
            let mut present = PresentCredentials::new();
            for (id, timestamp) in requested.credential_uses() {
                let credential = &credentials[&id];
                let state = match timestamp {
                    Some(timestamp) => Some(revocation_state_for(&rev_states, &id, credential, timestamp)?),
                    None => None,
                };
                let mut add = present.add_credential(credential, timestamp, state);
                let used = |cred_id: &String, at: &Option<u64>| *cred_id == id && *at == timestamp;
                for (referent, attribute) in &requested.requested_attributes {
                    if used(&attribute.cred_id, &attribute.timestamp) {
                        add.add_requested_attribute(referent.clone(), attribute.revealed);
                    }
                }
                for (referent, predicate) in &requested.requested_predicates {
                    if used(&predicate.cred_id, &predicate.timestamp) {
                        add.add_requested_predicate(referent.clone());
                    }
                }
            }
            let self_attested = Some(requested.self_attested_attributes.clone()).filter(|s| !s.is_empty());
            let schemas = schemas.iter().map(|(id, schema)| (id.clone(), schema)).collect();
            let cred_defs = cred_defs.iter().map(|(id, cred_def)| (id.clone(), cred_def)).collect();
            let proof =
                prover::create_presentation(&proof_request, present, self_attested, &secret, &schemas, &cred_defs)
                    .map_err(credx_input_error)?;
            Ok(to_json(&proof))
        })
        .await
}

fn verify_proof(
    proof_request: &str,
    proof: &str,
    schemas: &str,
    cred_defs: &str,
    rev_reg_defs: &str,
    rev_regs: &str,
) -> IndyResult<bool> {
    let proof_request: PresentationRequest = parse(proof_request, "proof request")?;
    let proof: Presentation = parse(proof, "proof")?;
    let schemas: HashMap<SchemaId, Schema> = parse(schemas, "schemas")?;
    let cred_defs: HashMap<CredentialDefinitionId, CredentialDefinition> = parse(cred_defs, "credential definitions")?;
    let rev_reg_defs: HashMap<RevocationRegistryId, RevocationRegistryDefinition> =
        parse(rev_reg_defs, "revocation registry definitions")?;
    let rev_regs: HashMap<RevocationRegistryId, HashMap<u64, RevocationRegistry>> =
        parse(rev_regs, "revocation registries")?;
    let schemas = schemas.iter().map(|(id, schema)| (id.clone(), schema)).collect();
    let cred_defs = cred_defs.iter().map(|(id, cred_def)| (id.clone(), cred_def)).collect();
    let rev_reg_defs = rev_reg_defs.iter().map(|(id, definition)| (id.clone(), definition)).collect();
    let rev_regs = rev_regs
        .iter()
        .map(|(id, entries)| (id.clone(), entries.iter().map(|(at, registry)| (*at, registry)).collect()))
        .collect();
    verifier::verify_presentation(&proof, &proof_request, &schemas, &cred_defs, Some(&rev_reg_defs), Some(&rev_regs))
        .map_err(credx_error)
}

/// Opens a WQL search over stored credentials (their tags: `schema_id`, `issuer_did`,
/// `attr::<name>::value` …); answers the handle and how many match.
async fn search_credentials(ctx: Rc<Ctx>, wallet: WalletHandle, query: String) -> IndyResult<(i32, u32)> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let (type_id, query) = ctx
        .cheap(move || {
            let query = encrypt_query(&Query::parse(&query)?, &keys)?;
            Ok((record_id(&keys, CREDENTIAL, "").type_, query))
        })
        .await?;
    let (storage_search, total) = slot
        .run(move |storage: &mut dyn WalletStorage| Ok(storage.search_open(Some(&type_id), &query, false, true)?))
        .await?;
    let total = total.unwrap_or(0);
    let search = super::next_handle();
    let options = SearchOptions { retrieve_total_count: true, ..SearchOptions::default() };
    ctx.searches.borrow_mut().insert(
        search,
        OpenSearch { wallet, storage_search, type_: CREDENTIAL.to_string(), options, total_count: Some(total) },
    );
    Ok((search, u32::try_from(total).unwrap_or(u32::MAX)))
}

/// The next `count` credentials of a search, as a JSON array of credential infos.
async fn fetch_credentials(ctx: Rc<Ctx>, search: i32, count: u32) -> IndyResult<String> {
    let (wallet, storage_search) = {
        let searches = ctx.searches.borrow();
        let open = searches
            .get(&search)
            .filter(|s| s.type_ == CREDENTIAL)
            .ok_or_else(|| super::non_secrets::unknown_search(search))?;
        (open.wallet, open.storage_search)
    };
    let (keys, slot) = ctx.reserve(wallet)?;
    if count == 0 {
        return Err(IndyError::invalid_structure("Fetch at least one credential: count is 0"));
    }
    let records = slot
        .run(move |storage: &mut dyn WalletStorage| Ok(storage.search_next(storage_search, count as usize)?))
        .await?;
    ctx.cheap(move || credential_infos(&keys, &records)).await
}

fn credential_infos(keys: &Keys, records: &[crate::storage::StorageRecord]) -> IndyResult<String> {
    let infos = records
        .iter()
        .map(|record| {
            let id = crate::services::wallet::decrypt_name(keys, &record.id.name)?;
            let stored = StoredValue { value: record.value.clone(), key: record.key.clone(), tags: None };
            let credential: Credential = decrypt_object(keys, &stored, CREDENTIAL)?;
            Ok(CredentialInfo::new(id, &credential))
        })
        .collect::<IndyResult<Vec<_>>>()?;
    Ok(to_json(&infos))
}

/// libindy's deprecated filter form: equality on the credential's schema and issuer tags.
async fn get_credentials(ctx: Rc<Ctx>, wallet: WalletHandle, filter: Option<String>) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let query_keys = keys.clone();
    let (type_id, query) = ctx
        .cheap(move || {
            let keys = query_keys;
            let filter: HashMap<String, serde_json::Value> =
                filter.as_deref().map(|f| parse(f, "credential filter")).transpose()?.unwrap_or_default();
            const KNOWN: [&str; 6] =
                ["schema_id", "schema_issuer_did", "schema_name", "schema_version", "issuer_did", "cred_def_id"];
            let mut wql = serde_json::Map::new();
            for (name, value) in filter {
                if !KNOWN.contains(&name.as_str()) {
                    return Err(IndyError::invalid_structure(format!("Unknown credential filter field {name:?}")));
                }
                wql.insert(name, value);
            }
            let query = encrypt_query(&Query::from_json(serde_json::Value::Object(wql))?, &keys)?;
            Ok((record_id(&keys, CREDENTIAL, "").type_, query))
        })
        .await?;
    let records = slot
        .run(move |storage: &mut dyn WalletStorage| {
            let (search, _) = storage.search_open(Some(&type_id), &query, false, false)?;
            let mut all = Vec::new();
            loop {
                let page = storage.search_next(search, 256)?;
                let done = page.len() < 256;
                all.extend(page);
                if done {
                    break;
                }
            }
            storage.search_close(search)?;
            Ok(all)
        })
        .await?;
    ctx.cheap(move || credential_infos(&keys, &records)).await
}

/// Deletes a stored credential and its tags.
async fn delete_credential(ctx: Rc<Ctx>, wallet: WalletHandle, cred_id: String) -> IndyResult<()> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let record = ids(&ctx, &keys, vec![(CREDENTIAL, cred_id.clone())]).await?.remove(0);
    slot.run(move |storage: &mut dyn WalletStorage| {
        storage.delete(&record).map_err(|e| match e {
            StorageError::ItemNotFound => missing("credential", &cred_id),
            other => other.into(),
        })
    })
    .await
}

/// The revocation state a proof uses for a credential at a timestamp.
fn revocation_state_for<'a>(
    states: &'a HashMap<String, HashMap<u64, CredentialRevocationState>>,
    cred_id: &str,
    credential: &Credential,
    timestamp: u64,
) -> IndyResult<&'a CredentialRevocationState> {
    let registry = credential.rev_reg_id.as_ref().ok_or_else(|| {
        IndyError::invalid_structure(format!(
            "Credential {cred_id} is not revocable, yet a timestamp is requested for it"
        ))
    })?;
    states.get(&registry.0).and_then(|at| at.get(&timestamp)).ok_or_else(|| {
        IndyError::invalid_structure(format!("No revocation state of registry {} at {timestamp}", registry.0))
    })
}

/// The name libindy stored a schema under: its ledger sequence number when it has one.
fn schema_record_name(schema: &indy_data_types::anoncreds::schema::SchemaV1) -> String {
    schema.seq_no.map_or_else(|| schema.id.0.clone(), |n| n.to_string())
}

/// New keys for a stored credential definition, kept aside until
/// `indy_issuer_rotate_credential_def_apply`; answers the new public definition.
async fn rotate_credential_def_start(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    cred_def_id: String,
    config: Option<String>,
) -> IndyResult<String> {
    let (keys, read, schema_read) = ctx.reserve_two(wallet)?;
    let records = ids(&ctx, &keys, vec![(CRED_DEF, cred_def_id.clone()), (TEMP_CRED_DEF, cred_def_id.clone())]).await?;
    let name = cred_def_id.clone();
    let (stored, pending) = read
        .run(move |storage: &mut dyn WalletStorage| {
            Ok((
                read_required(storage, &records[0], "credential definition", &name)?,
                read_optional(storage, &records[1])?,
            ))
        })
        .await?;
    let decrypt_keys = keys.clone();
    let (cred_def, pending) = ctx
        .cheap(move || {
            let cred_def: CredentialDefinition = decrypt_object(&decrypt_keys, &stored, CRED_DEF)?;
            let pending: Option<TemporaryCredentialDefinition> =
                pending.map(|p| decrypt_object(&decrypt_keys, &p, TEMP_CRED_DEF)).transpose()?;
            Ok((cred_def, pending.map(|p| to_json(&p.cred_def))))
        })
        .await?;
    if let Some(pending) = pending {
        return Ok(pending); // started before: libindy answered the keys waiting
    }
    let CredentialDefinition::CredentialDefinitionV1(current) = cred_def;
    let schema_id = current.schema_id.0.clone();
    let record = ids(&ctx, &keys, vec![(SCHEMA, schema_id.clone())]).await?.remove(0);
    let schema = schema_read
        .run(move |storage: &mut dyn WalletStorage| read_required(storage, &record, "schema", &schema_id))
        .await?;
    let temporary = ctx
        .rt
        .expensive
        .run(move || {
            #[derive(serde::Deserialize, Default)]
            struct Config {
                #[serde(default)]
                support_revocation: bool,
            }
            let config: Config =
                config.as_deref().map(|c| parse(c, "credential definition config")).transpose()?.unwrap_or_default();
            let schema: Schema = decrypt_object(&keys, &schema, SCHEMA)?;
            let (_, issuer, ..) = current.id.parts().ok_or_else(|| {
                IndyError::invalid_state(format!("Stored credential definition id {} has no issuer", current.id.0))
            })?;
            let (cred_def, private, proof) = issuer::create_credential_definition(
                &issuer,
                &schema,
                &current.tag,
                current.signature_type,
                CredentialDefinitionConfig::new(config.support_revocation),
            )
            .map_err(credx_error)?;
            let CredentialDefinition::CredentialDefinitionV1(mut rotated) = cred_def;
            rotated.id = current.id.clone();
            rotated.schema_id = current.schema_id.clone();
            let temporary = TemporaryCredentialDefinition {
                cred_def: CredentialDefinition::CredentialDefinitionV1(rotated),
                cred_def_priv_key: private,
                cred_def_correctness_proof: StoredProof { value: proof },
            };
            let json = to_json(&temporary.cred_def);
            let record =
                encrypt_record(&keys, TEMP_CRED_DEF, &current.id.0, to_json(&temporary).as_bytes(), &HashMap::new());
            Ok((json, record))
        })
        .await?;
    let (json, record) = temporary;
    ctx.reserve(wallet)?.1.run(move |storage: &mut dyn WalletStorage| Ok(storage.add(&record)?)).await?;
    Ok(json)
}

/// Puts the keys made by `indy_issuer_rotate_credential_def_start` in place of the old ones.
async fn rotate_credential_def_apply(ctx: Rc<Ctx>, wallet: WalletHandle, cred_def_id: String) -> IndyResult<()> {
    let (keys, read, write) = ctx.reserve_two(wallet)?;
    let records = ids(&ctx, &keys, vec![(CRED_DEF, cred_def_id.clone()), (TEMP_CRED_DEF, cred_def_id.clone())]).await?;
    let name = cred_def_id.clone();
    let (pending, pending_id) = read
        .run(move |storage: &mut dyn WalletStorage| {
            read_required(storage, &records[0], "credential definition", &name)?;
            Ok((
                read_required(storage, &records[1], "rotation started for credential definition", &name)?,
                records[1].clone(),
            ))
        })
        .await?;
    let records = ctx
        .cheap(move || {
            let pending: TemporaryCredentialDefinition = decrypt_object(&keys, &pending, TEMP_CRED_DEF)?;
            let none = HashMap::new();
            let id = &cred_def_id;
            Ok(vec![
                encrypt_record(&keys, CRED_DEF, id, to_json(&pending.cred_def).as_bytes(), &none),
                encrypt_record(&keys, CRED_DEF_PRIVATE, id, to_json(&pending.cred_def_priv_key).as_bytes(), &none),
                encrypt_record(
                    &keys,
                    CRED_DEF_PROOF,
                    id,
                    to_json(&pending.cred_def_correctness_proof).as_bytes(),
                    &none,
                ),
            ])
        })
        .await?;
    write
        .run(move |storage: &mut dyn WalletStorage| {
            for record in &records {
                storage.upsert(record)?;
            }
            Ok(storage.delete(&pending_id)?)
        })
        .await
}

/// Sets (or, with no list, removes) which attributes of a credential definition's credentials
/// get value tags; `retroactive` re-tags the credentials already stored.
async fn set_tag_policy(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    cred_def_id: String,
    tag_attrs: Option<String>,
    retroactive: bool,
) -> IndyResult<()> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let policy_keys = keys.clone();
    let name = cred_def_id.clone();
    let (policy, record, policy_id, type_id, query) = ctx
        .cheap(move || {
            let keys = policy_keys;
            let attributes: Option<Vec<String>> =
                tag_attrs.as_deref().map(|a| parse::<Option<Vec<String>>>(a, "tag attributes")).transpose()?.flatten();
            let policy = attributes.map(TagPolicy::new);
            let record = policy
                .as_ref()
                .map(|p| encrypt_record(&keys, TAG_POLICY, &name, to_json(p).as_bytes(), &HashMap::new()));
            let query = Query::Eq("cred_def_id".into(), name.clone());
            let query = encrypt_query(&query, &keys)?;
            Ok((policy, record, record_id(&keys, TAG_POLICY, &name), record_id(&keys, CREDENTIAL, "").type_, query))
        })
        .await?;
    let credentials = slot
        .run(move |storage: &mut dyn WalletStorage| {
            match record {
                Some(record) => storage.upsert(&record)?,
                None => match storage.delete(&policy_id) {
                    Ok(()) | Err(StorageError::ItemNotFound) => {}
                    Err(e) => return Err(e.into()),
                },
            }
            if !retroactive {
                return Ok(Vec::new());
            }
            let (search, _) = storage.search_open(Some(&type_id), &query, false, false)?;
            let mut all = Vec::new();
            loop {
                let page = storage.search_next(search, 256)?;
                let done = page.len() < 256;
                all.extend(page);
                if done {
                    break;
                }
            }
            storage.search_close(search)?;
            Ok(all)
        })
        .await?;
    if credentials.is_empty() {
        return Ok(());
    }
    let retagged = ctx
        .cheap(move || {
            credentials
                .iter()
                .map(|record| {
                    let credential: Credential = super::objects::decrypt_listed(&keys, record, CREDENTIAL)?;
                    let tags = credential_tags(&credential, policy.as_ref());
                    let tags = crate::services::wallet::encrypt_tags(&keys, &tags);
                    Ok((record.id.clone(), tags))
                })
                .collect::<IndyResult<Vec<_>>>()
        })
        .await?;
    ctx.reserve(wallet)?
        .1
        .run(move |storage: &mut dyn WalletStorage| {
            for (id, tags) in &retagged {
                storage.replace_tags(id, tags)?;
            }
            Ok(())
        })
        .await
}

/// The tag policy's attribute list as JSON, or `null` when there is none.
async fn get_tag_policy(ctx: Rc<Ctx>, wallet: WalletHandle, cred_def_id: String) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let policy: Option<TagPolicy> = super::objects::get_optional(&ctx, keys, slot, TAG_POLICY, cred_def_id).await?;
    Ok(policy.map_or_else(|| "null".to_string(), |p| to_json(&p)))
}

/// Forgets what belonged to a wallet being closed.
pub fn forget_wallet(ctx: &Ctx, wallet: WalletHandle) {
    proof_request::forget_searches(ctx, wallet);
    ctx.registry_locks.borrow_mut().retain(|(owner, _), _| *owner != wallet);
}
