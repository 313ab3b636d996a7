//! Revocation: registries (keys and tails built on the expensive tier), revocable issuance,
//! revoking and recovering, deltas and the prover's revocation states.
//!
//! Issuing, revoking and recovering change a registry's accumulator and its index record:
//! each holds the registry's lock from the read to the durable write, so concurrent
//! commands on one registry never lose an update or hand out one index twice. Other
//! registries, wallets and commands carry on meanwhile.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::rc::Rc;

use indy_credx::tails::TailsFileWriter;
use indy_credx::types::{
    CredentialDefinition, CredentialDefinitionId, CredentialDefinitionPrivate, CredentialOffer, CredentialRequest,
    CredentialRevocationConfig, CredentialRevocationState, CredentialValues, DidValue, IssuanceType, RegistryType,
    RevocationRegistry, RevocationRegistryDefinition, RevocationRegistryDefinitionPrivate, RevocationRegistryDelta,
    RevocationRegistryId,
};
use indy_credx::{issuer, prover};
use indy_data_types::Qualifiable;

use super::read_required;
use super::types::*;
use crate::commands::blob_storage::Access;
use crate::commands::objects::{decrypt_object, ids, read_optional};
use crate::commands::Ctx;
use crate::domain::anoncreds::{RevocationRegistryConfig, RevocationRegistryInfo};
use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::runtime::storage::WalletHandle;
use crate::services::anoncreds::{credx_error, credx_input_error, open_tails, parse, to_json};
use crate::services::wallet::encrypt_record;
use crate::storage::{StoredValue, WalletStorage};

/// A registry's lock (see the module comment), made on first use. Taken before the command
/// reserves its places in the wallet's order: a place held while waiting here would stop
/// the wallet's storage thread at it, and the lock's holder may need that thread to finish.
async fn lock_registry(ctx: &Ctx, wallet: WalletHandle, id: &str) -> IndyResult<futures::lock::OwnedMutexGuard<()>> {
    if !ctx.wallets.borrow().is_usable(wallet) {
        return Err(IndyError::new(ErrorCode::WalletInvalidHandle, format!("Wallet handle {wallet} is not open")));
    }
    let lock = ctx.registry_locks.borrow_mut().entry((wallet, id.to_string())).or_default().clone();
    Ok(lock.lock_owned().await)
}

/// libindy's `cred_revoc_id`: a decimal index.
fn revocation_index(text: &str) -> IndyResult<u32> {
    text.parse().map_err(|_| IndyError::invalid_structure(format!("Credential revocation id {text:?} is not a number")))
}

fn check_qualification(issuer_did: &DidValue, cred_def_id: &CredentialDefinitionId) -> IndyResult<()> {
    match (issuer_did.get_method(), cred_def_id.get_method()) {
        (None, Some(_)) => Err(IndyError::invalid_structure(
            "An unqualified DID cannot make a fully qualified credential definition's registry",
        )),
        (Some(_), None) => Err(IndyError::invalid_structure(
            "A fully qualified DID cannot make an unqualified credential definition's registry",
        )),
        _ => Ok(()),
    }
}

/// Builds a registry (keys and tails file: seconds for thousands of credentials) on the
/// expensive tier and stores it; answers its id, definition and initial registry entry.
#[allow(clippy::too_many_arguments)] // libindy's arguments
pub(super) async fn create_and_store_revocation_registry(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    issuer_did: String,
    type_: Option<String>,
    tag: String,
    cred_def_id: String,
    config: String,
    tails_writer: i32,
) -> IndyResult<(String, String, String)> {
    let (keys, read) = ctx.reserve(wallet)?;
    let tails_dir = ctx.blob_dir(tails_writer, Access::Write)?;
    let id_tag = tag.clone();
    let (issuer, cred_def_id, rev_reg_id, config) = ctx
        .cheap(move || {
            match type_.as_deref() {
                None | Some("CL_ACCUM") => {}
                Some(other) => {
                    return Err(IndyError::invalid_structure(format!("Unknown revocation registry type {other:?}")))
                }
            }
            let config: RevocationRegistryConfig = parse(&config, "revocation registry config")?;
            let issuer = DidValue(issuer_did);
            let cred_def_id = CredentialDefinitionId(cred_def_id);
            check_qualification(&issuer, &cred_def_id)?;
            let rev_reg_id = RevocationRegistryId::new(&issuer, &cred_def_id, RegistryType::CL_ACCUM.to_str(), &id_tag);
            Ok((issuer, cred_def_id, rev_reg_id, config))
        })
        .await?;
    let wanted =
        vec![(REV_REG_DEF, rev_reg_id.0.clone()), (REV_REG, rev_reg_id.0.clone()), (CRED_DEF, cred_def_id.0.clone())];
    let records = ids(&ctx, &keys, wanted).await?;
    let name = cred_def_id.0.clone();
    let (existing, cred_def) = read
        .run(move |storage: &mut dyn WalletStorage| {
            let definition = read_optional(storage, &records[0])?;
            let registry = read_optional(storage, &records[1])?;
            match (definition, registry) {
                (Some(definition), Some(registry)) => Ok((Some((definition, registry)), None)),
                _ => Ok((None, Some(read_required(storage, &records[2], "credential definition", &name)?))),
            }
        })
        .await?;
    if let Some((definition, registry)) = existing {
        // libindy answered an existing registry instead of building it again.
        let id = rev_reg_id.0.clone();
        return ctx
            .cheap(move || {
                let definition: RevocationRegistryDefinition = decrypt_object(&keys, &definition, REV_REG_DEF)?;
                let registry: RevocationRegistry = decrypt_object(&keys, &registry, REV_REG)?;
                Ok((id, to_json(&definition), to_json(&registry)))
            })
            .await;
    }
    let cred_def = cred_def.expect("read when no registry exists");
    let max_cred_num = config.max_cred_num.unwrap_or(100_000);
    let issuance_type = config.issuance_type.unwrap_or(IssuanceType::ISSUANCE_ON_DEMAND);
    let generation_keys = keys.clone();
    let (definition, private, registry) = ctx
        .rt
        .expensive
        .run(move || {
            let cred_def: CredentialDefinition = decrypt_object(&generation_keys, &cred_def, CRED_DEF)?;
            std::fs::create_dir_all(&tails_dir).map_err(|e| {
                IndyError::new(ErrorCode::CommonIOError, format!("Cannot create {}: {e}", tails_dir.display()))
            })?;
            let mut writer = TailsFileWriter::new(Some(tails_dir.to_string_lossy().into_owned()));
            let (definition, private, registry, _) = issuer::create_revocation_registry(
                &issuer,
                &cred_def,
                &tag,
                RegistryType::CL_ACCUM,
                issuance_type,
                max_cred_num,
                &mut writer,
            )
            .map_err(credx_error)?;
            Ok((definition, private, registry))
        })
        .await?;
    let definition_json = to_json(&definition);
    let registry_json = to_json(&registry);
    let (stored_definition, stored_registry) = (definition_json.clone(), registry_json.clone());
    let id = rev_reg_id.0.clone();
    let info = RevocationRegistryInfo { id: rev_reg_id.clone(), curr_id: 0, used_ids: BTreeSet::new() };
    let records = ctx
        .cheap(move || {
            let none = HashMap::new();
            Ok(vec![
                encrypt_record(&keys, REV_REG_DEF, &id, stored_definition.as_bytes(), &none),
                encrypt_record(&keys, REV_REG, &id, stored_registry.as_bytes(), &none),
                encrypt_record(&keys, REV_REG_DEF_PRIVATE, &id, to_json(&private).as_bytes(), &none),
                encrypt_record(&keys, REV_REG_INFO, &id, to_json(&info).as_bytes(), &none),
            ])
        })
        .await?;
    // A place taken now, not at the start: holding the wallet's order for the seconds of
    // generation would stall every other command on the wallet.
    ctx.reserve(wallet)?
        .1
        .run(move |storage: &mut dyn WalletStorage| {
            for record in &records {
                storage.add(record)?;
            }
            Ok(())
        })
        .await?;
    Ok((rev_reg_id.0, definition_json, registry_json))
}

/// The stored parts of one registry, encrypted, in this order.
const REGISTRY_PARTS: [&str; 4] = [REV_REG_DEF, REV_REG, REV_REG_DEF_PRIVATE, REV_REG_INFO];

struct Registry {
    definition: RevocationRegistryDefinition,
    registry: RevocationRegistry,
    private: RevocationRegistryDefinitionPrivate,
    info: RevocationRegistryInfo,
}

impl Registry {
    fn decrypt(keys: &crate::services::wallet::Keys, stored: &[StoredValue]) -> IndyResult<Registry> {
        Ok(Registry {
            definition: decrypt_object(keys, &stored[0], REV_REG_DEF)?,
            registry: decrypt_object(keys, &stored[1], REV_REG)?,
            private: decrypt_object(keys, &stored[2], REV_REG_DEF_PRIVATE)?,
            info: decrypt_object(keys, &stored[3], REV_REG_INFO)?,
        })
    }

    fn max_cred_num(&self) -> u32 {
        let RevocationRegistryDefinition::RevocationRegistryDefinitionV1(v1) = &self.definition;
        v1.value.max_cred_num
    }

    fn issuance_type(&self) -> IssuanceType {
        let RevocationRegistryDefinition::RevocationRegistryDefinitionV1(v1) = &self.definition;
        v1.value.issuance_type
    }

    fn cred_def_id(&self) -> CredentialDefinitionId {
        let RevocationRegistryDefinition::RevocationRegistryDefinitionV1(v1) = &self.definition;
        v1.cred_def_id.clone()
    }

    /// The changed accumulator and index record, encrypted for the wallet.
    fn records(&self, keys: &crate::services::wallet::Keys) -> Vec<crate::storage::StorageRecord> {
        let none = HashMap::new();
        let id = &self.info.id.0;
        vec![
            encrypt_record(keys, REV_REG, id, to_json(&self.registry).as_bytes(), &none),
            encrypt_record(keys, REV_REG_INFO, id, to_json(&self.info).as_bytes(), &none),
        ]
    }
}

fn write_registry(storage: &mut dyn WalletStorage, records: &[crate::storage::StorageRecord]) -> IndyResult<()> {
    for record in records {
        storage.update_value(&record.id, &record.value, &record.key)?;
    }
    Ok(())
}

/// Issues a credential; with a registry, under its lock: the next index, the signature with
/// revocation (expensive tier), then the registry's new state, durable before the answer.
pub(super) async fn create_credential(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    offer: String,
    request: String,
    values: String,
    rev_reg_id: Option<String>,
    tails_reader: i32,
) -> IndyResult<(String, Option<String>, Option<String>)> {
    if rev_reg_id.is_some() {
        // libindy needed the tails to issue; indy-credx does not, but a caller passing a
        // handle that is not open has made a mistake worth reporting.
        ctx.blob_dir(tails_reader, Access::Read)?;
    }
    let _guard = match &rev_reg_id {
        Some(id) => Some(lock_registry(&ctx, wallet, id).await?),
        None => None,
    };
    let (keys, read) = ctx.reserve(wallet)?;
    let (offer, cred_def_id) = ctx
        .cheap(move || {
            let offer: CredentialOffer = parse(&offer, "credential offer")?;
            let id = match &offer.method_name {
                Some(method) => {
                    offer.cred_def_id.to_qualified(method).map_err(|e| IndyError::invalid_structure(e.to_string()))?
                }
                None => offer.cred_def_id.clone(),
            };
            Ok((offer, id.0))
        })
        .await?;
    let mut wanted = vec![(CRED_DEF, cred_def_id.clone()), (CRED_DEF_PRIVATE, cred_def_id.clone())];
    if let Some(id) = &rev_reg_id {
        wanted.extend(REGISTRY_PARTS.iter().map(|type_| (*type_, id.clone())));
    }
    let records = ids(&ctx, &keys, wanted).await?;
    let registry_name = rev_reg_id.clone().unwrap_or_default();
    let stored = read
        .run(move |storage: &mut dyn WalletStorage| {
            let mut stored = Vec::with_capacity(records.len());
            for (i, record) in records.iter().enumerate() {
                let (what, name) = match i {
                    0 | 1 => ("credential definition", &cred_def_id),
                    _ => ("revocation registry", &registry_name),
                };
                stored.push(read_required(storage, record, what, name)?);
            }
            Ok(stored)
        })
        .await?;
    let (credential, registry_records, cred_rev_id, delta) = ctx
        .rt
        .expensive
        .run(move || {
            let cred_def: CredentialDefinition = decrypt_object(&keys, &stored[0], CRED_DEF)?;
            let private: CredentialDefinitionPrivate = decrypt_object(&keys, &stored[1], CRED_DEF_PRIVATE)?;
            let request: CredentialRequest = parse(&request, "credential request")?;
            if request.cred_def_id != offer.cred_def_id {
                return Err(IndyError::invalid_structure(format!(
                    "The credential request is for credential definition {}, the offer for {}",
                    request.cred_def_id.0, offer.cred_def_id.0
                )));
            }
            let values: CredentialValues = parse(&values, "credential values")?;
            let Some(_) = rev_reg_id else {
                let (credential, _, _) = issuer::create_credential(&cred_def, &private, &offer, &request, values, None)
                    .map_err(credx_input_error)?;
                return Ok((credential, Vec::new(), None, None));
            };
            let mut registry = Registry::decrypt(&keys, &stored[2..])?;
            let index = registry.info.curr_id + 1;
            if index > registry.max_cred_num() {
                return Err(IndyError::new(
                    ErrorCode::AnoncredsRevocationRegistryFullError,
                    format!(
                        "Revocation registry {} is full ({} credentials)",
                        registry.info.id.0,
                        registry.max_cred_num()
                    ),
                ));
            }
            let used = registry.info.used_ids.iter().copied().collect();
            let config = CredentialRevocationConfig {
                reg_def: &registry.definition,
                reg_def_private: &registry.private,
                registry: &registry.registry,
                registry_idx: index,
                registry_used: &used,
            };
            let (credential, updated, delta) =
                issuer::create_credential(&cred_def, &private, &offer, &request, values, Some(config))
                    .map_err(credx_input_error)?;
            registry.info.curr_id = index;
            if registry.issuance_type() == IssuanceType::ISSUANCE_ON_DEMAND {
                registry.info.used_ids.insert(index);
            }
            if let Some(updated) = updated {
                registry.registry = updated;
            }
            let records = registry.records(&keys);
            Ok((credential, records, Some(index.to_string()), delta.map(|d| to_json(&d))))
        })
        .await?;
    if !registry_records.is_empty() {
        // Taken after signing, so the wallet's order is not held meanwhile; the registry's
        // lock keeps its writers in order.
        let write = ctx.reserve(wallet)?.1;
        write.run(move |storage: &mut dyn WalletStorage| write_registry(storage, &registry_records)).await?;
    }
    Ok((to_json(&credential), cred_rev_id, delta))
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Change {
    Revoke,
    Recover,
}

/// Revokes or recovers one credential of a registry; answers the registry delta.
pub(super) async fn change_revocation(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    tails_reader: i32,
    rev_reg_id: String,
    cred_revoc_id: String,
    change: Change,
) -> IndyResult<String> {
    ctx.blob_dir(tails_reader, Access::Read)?;
    let index = revocation_index(&cred_revoc_id)?;
    let _guard = lock_registry(&ctx, wallet, &rev_reg_id).await?;
    let (keys, read, cred_def_read) = ctx.reserve_two(wallet)?;
    let records = ids(&ctx, &keys, REGISTRY_PARTS.iter().map(|type_| (*type_, rev_reg_id.clone())).collect()).await?;
    let name = rev_reg_id.clone();
    let stored = read
        .run(move |storage: &mut dyn WalletStorage| {
            records
                .iter()
                .map(|record| read_required(storage, record, "revocation registry", &name))
                .collect::<IndyResult<Vec<_>>>()
        })
        .await?;
    let decrypt_keys = keys.clone();
    let registry = ctx.cheap(move || Registry::decrypt(&decrypt_keys, &stored)).await?;
    let cred_def_id = registry.cred_def_id().0;
    let record = ids(&ctx, &keys, vec![(CRED_DEF, cred_def_id.clone())]).await?.remove(0);
    let cred_def = cred_def_read
        .run(move |storage: &mut dyn WalletStorage| {
            read_required(storage, &record, "credential definition", &cred_def_id)
        })
        .await?;
    let (records, delta) = ctx
        .rt
        .expensive
        .run(move || {
            let mut registry = registry;
            let cred_def: CredentialDefinition = decrypt_object(&keys, &cred_def, CRED_DEF)?;
            let not_found = || {
                IndyError::new(
                    ErrorCode::AnoncredsInvalidUserRevocId,
                    format!("Revocation id {index} not found in revocation registry {}", registry.info.id.0),
                )
            };
            // `used_ids` holds the indexes in the state that differs from the default.
            let marks_issued = registry.issuance_type() == IssuanceType::ISSUANCE_ON_DEMAND;
            // An on-demand index not handed out yet has no credential to revoke or recover.
            let last = if marks_issued { registry.info.curr_id } else { registry.max_cred_num() };
            if index == 0 || index > last {
                return Err(not_found());
            }
            let changed = match (change == Change::Revoke) == marks_issued {
                true => registry.info.used_ids.remove(&index),
                false => registry.info.used_ids.insert(index),
            };
            if !changed {
                return Err(not_found());
            }
            let (updated, delta) = match change {
                Change::Revoke => issuer::revoke_credential(
                    &cred_def,
                    &registry.definition,
                    &registry.private,
                    &registry.registry,
                    index,
                ),
                Change::Recover => issuer::update_revocation_registry(
                    &cred_def,
                    &registry.definition,
                    &registry.private,
                    &registry.registry,
                    BTreeSet::from([index]),
                    BTreeSet::new(),
                ),
            }
            .map_err(credx_error)?;
            registry.registry = updated;
            Ok((registry.records(&keys), to_json(&delta)))
        })
        .await?;
    ctx.reserve(wallet)?.1.run(move |storage: &mut dyn WalletStorage| write_registry(storage, &records)).await?;
    Ok(delta)
}

/// Two deltas of one registry as one.
pub(super) fn merge_deltas(delta: &str, other: &str) -> IndyResult<String> {
    let delta: RevocationRegistryDelta = parse(delta, "revocation registry delta")?;
    let other: RevocationRegistryDelta = parse(other, "other revocation registry delta")?;
    Ok(to_json(&issuer::merge_revocation_registry_deltas(&delta, &other).map_err(credx_error)?))
}

/// A prover's revocation state for one credential at `timestamp`, made from a delta (or an
/// earlier state brought up to date), reading the registry's tails file.
pub(super) fn revocation_state(
    tails_dir: PathBuf,
    previous: Option<&str>,
    definition: &str,
    delta: &str,
    timestamp: u64,
    cred_rev_id: &str,
) -> IndyResult<String> {
    let definition: RevocationRegistryDefinition = parse(definition, "revocation registry definition")?;
    let delta: RevocationRegistryDelta = parse(delta, "revocation registry delta")?;
    let previous: Option<CredentialRevocationState> = previous.map(|p| parse(p, "revocation state")).transpose()?;
    let index = revocation_index(cred_rev_id)?;
    let tails = open_tails(&tails_dir, &definition)?;
    let state =
        prover::create_or_update_revocation_state(tails, &definition, &delta, index, timestamp, previous.as_ref())
            .map_err(credx_error)?;
    Ok(to_json(&state))
}
