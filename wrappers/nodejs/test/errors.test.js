'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const {
  indy, native, openWallet, rejectsIndy, needsCommandErrorDetails, commandErrorDetails, PACKAGE_DIR
} = require('../test-support')

const HEADER = path.join(PACKAGE_DIR, '..', '..', 'include', 'indy.h')

test('ErrorCode has exactly the codes of include/indy.h', { skip: !fs.existsSync(HEADER) && 'no header' }, () => {
  const header = fs.readFileSync(HEADER, 'utf8')
  const body = header.slice(header.indexOf('enum indy_error_t'), header.indexOf('};', header.indexOf('enum indy_error_t')))
  const fromHeader = Object.fromEntries([...body.matchAll(/^\s+(\w+) = (\d+),/gm)].map(([, n, c]) => [n, Number(c)]))
  assert.ok(Object.keys(fromHeader).length > 60)
  assert.deepEqual({ ...indy.ErrorCode }, fromHeader)
})

test('IndyError carries code, name and detail; its message is the name, as in indy-sdk', () => {
  const error = new indy.IndyError(212, '{"message":"Error: Item not found\\n","backtrace":"bt"}')
  assert.ok(error instanceof Error)
  assert.equal(error.name, 'IndyError')
  assert.equal(error.message, 'WalletItemNotFound')
  assert.equal(error.indyCode, 212)
  assert.equal(error.indyName, 'WalletItemNotFound')
  assert.equal(error.indyMessage, 'Error: Item not found\n')
  assert.equal(error.indyBacktrace, 'bt')
  const bare = new indy.IndyError(9999)
  assert.equal(bare.indyName, 'UnknownIndyError9999')
  assert.equal(bare.indyMessage, undefined)
})

test('a synchronous refusal carries the detail, read on the calling thread', async () => {
  const error = await rejectsIndy(indy.abbreviateVerkey('V4SGRU86Z58d6TV7PBUe6f', null), 'CommonInvalidParam3')
  assert.match(error.indyMessage, /Parameter 3/)
  assert.ok(JSON.parse(error.indyCurrentErrorJson).message)
})

test('a failure in the callback never carries a stale detail of the JS thread', async (t) => {
  // libindy's own Node wrapper read indy_get_current_error on the JS thread, where the
  // last synchronous refusal's detail still sits.
  const refused = await indy.abbreviateVerkey('V4SGRU86Z58d6TV7PBUe6f', null).catch((e) => e)
  assert.match(refused.indyMessage, /Parameter 3/)
  const { wh } = await openWallet(t)
  const error = await rejectsIndy(indy.getWalletRecord(wh, 'kind', 'missing', {}), 'WalletItemNotFound')
  assert.notEqual(error.indyMessage, refused.indyMessage)
  if (!commandErrorDetails) assert.equal(error.indyMessage, undefined)
})

test('a failure in the callback carries its command\'s detail', async (t) => {
  if (needsCommandErrorDetails(t)) return
  const { wh } = await openWallet(t)
  const error = await rejectsIndy(indy.getWalletRecord(wh, 'kind', 'missing-id', {}), 'WalletItemNotFound')
  assert.equal(typeof error.indyMessage, 'string', 'indyMessage of an async failure')
  assert.ok(error.indyMessage.length > 0)
})

test('concurrent failures each carry their own detail, never another call\'s', async (t) => {
  if (needsCommandErrorDetails(t)) return
  const { wh } = await openWallet(t)
  const calls = []
  for (let i = 0; i < 50; i++) {
    calls.push(indy.getWalletRecord(wh, 'kind', `missing-${i}`, {}).catch((e) => e))
    calls.push(indy.abbreviateVerkey('V4SGRU86Z58d6TV7PBUe6f', `bad-${i}`).catch((e) => e))
  }
  const errors = await Promise.all(calls)
  for (let i = 0; i < errors.length; i += 2) {
    assert.equal(errors[i].indyName, 'WalletItemNotFound')
    assert.equal(errors[i + 1].indyName, 'CommonInvalidStructure')
    assert.notEqual(errors[i].indyMessage, undefined)
    assert.notEqual(errors[i].indyMessage, errors[i + 1].indyMessage)
  }
})

test('a rejected IndyError\'s stack shows the caller, not the callback bridge', async () => {
  async function callerFunction () {
    await indy.abbreviateVerkey('V4SGRU86Z58d6TV7PBUe6f', 'not a key!')
  }
  const error = await callerFunction().catch((e) => e)
  assert.equal(error.indyName, 'CommonInvalidStructure')
  assert.match(error.stack, /callerFunction/)
})

test('koffi refusing an argument rejects (never throws synchronously) and leaves nothing pending', async () => {
  const promise = indy.abbreviateVerkey(42, 'a verkey')
  assert.ok(promise instanceof Promise)
  await assert.rejects(promise, TypeError)
  await assert.rejects(indy.closeWallet('not a handle'), TypeError)
  await assert.rejects(indy.cryptoVerify('vk', 42, Buffer.alloc(64)), TypeError)
  assert.equal(native.pendingCount(), 0)
})
