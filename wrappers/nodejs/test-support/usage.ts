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

  try {
    await indy.closeWallet(wh)
  } catch (e) {
    if (e instanceof IndyError && e.indyCode === ErrorCode.WalletInvalidHandle) {
      const detail: string | undefined = e.indyMessage
      console.log(e.indyName, detail, e.indyBacktrace)
    }
  }
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
// @ts-expect-error anoncreds are not wrapped yet
void indy.issuerCreateSchema
// @ts-expect-error pools are not implemented yet
void indy.openPoolLedger
