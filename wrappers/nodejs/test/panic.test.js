'use strict'
// indyrs_test_panic (not libindy, not public): the library panics on purpose in its entry
// point (0), a command body (1) or a cheap-tier job (2). Called through the low-level module.
const { test } = require('node:test')
const assert = require('node:assert/strict')
const { indy, native, openWallet, rejectsIndy, commandErrorDetails, TRUSTEE_DID, TRUSTEE_VERKEY } =
  require('../test-support')

const testPanic = native.promiseFunction('testPanic',
  native.command('indyrs_test_panic', { place: native.Arg.Int32 }, native.Callback.Unit))

test('a panic in the entry point is a synchronous CommonInvalidState with the panic message', async () => {
  const error = await rejectsIndy(testPanic(0), 'CommonInvalidState')
  assert.match(error.indyMessage, /panic/i)
  assert.equal(native.pendingCount(), 0)
})

for (const [place, where] of [[1, 'a command body'], [2, 'a cheap-tier job']]) {
  test(`a panic in ${where} reaches the Promise as CommonInvalidState`, async () => {
    const error = await rejectsIndy(testPanic(place), 'CommonInvalidState')
    if (commandErrorDetails) assert.match(error.indyMessage, /panic/i)
    assert.equal(native.pendingCount(), 0)
  })
}

test('the library keeps working after panics, wallets included', async (t) => {
  const panics = []
  for (let i = 0; i < 30; i++) panics.push(testPanic(i % 3).catch((e) => e.indyName))
  assert.deepEqual(new Set(await Promise.all(panics)), new Set(['CommonInvalidState']))
  const { wh } = await openWallet(t)
  assert.deepEqual(await indy.createAndStoreMyDid(wh, { seed: '000000000000000000000000Trustee1' }),
    [TRUSTEE_DID, TRUSTEE_VERKEY])
  const signature = await indy.cryptoSign(wh, TRUSTEE_VERKEY, Buffer.from('after the panics'))
  assert.equal(await indy.cryptoVerify(TRUSTEE_VERKEY, Buffer.from('after the panics'), signature), true)
  assert.equal((await indy.collectMetrics()).opened_wallets_count >= 1, true)
})
