'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const { indy, native, openWallet } = require('../test-support')

const N = 1000

test(`${N} concurrent calls of every callback shape each settle with their own result`, async (t) => {
  const { wh } = await openWallet(t)
  const keys = await Promise.all(Array.from({ length: 8 }, () => indy.createKey(wh, {})))
  const calls = []
  for (let i = 0; i < N; i++) {
    const key = keys[i % keys.length]
    const message = Buffer.from(`message ${i}`)
    switch (i % 7) {
      case 0: // bytes, then bool
        calls.push(indy.cryptoSign(wh, key, message)
          .then((signature) => indy.cryptoVerify(key, message, signature))
          .then((valid) => assert.equal(valid, true)))
        break
      case 1: // string
        calls.push(indy.abbreviateVerkey('V4SGRU86Z58d6TV7PBUe6f', key)
          .then((verkey) => assert.equal(verkey, key)))
        break
      case 2: // unit, then JSON string
        calls.push(indy.addWalletRecord(wh, 'c', `id-${i}`, `value ${i}`, { n: String(i) })
          .then(() => indy.getWalletRecord(wh, 'c', `id-${i}`, { retrieveTags: true }))
          .then((record) => assert.deepEqual(record, { type: null, id: `id-${i}`, value: `value ${i}`, tags: { n: String(i) } })))
        break
      case 3: // a failure among successes
        calls.push(indy.getWalletRecord(wh, 'c', `missing-${i}`, {}).then(
          () => assert.fail('resolved'),
          (error) => assert.equal(error.indyName, 'WalletItemNotFound')))
        break
      case 4: // string + bytes
        calls.push(indy.cryptoAuthCrypt(wh, key, key, message)
          .then((encrypted) => indy.cryptoAuthDecrypt(wh, key, encrypted))
          .then(([sender, decrypted]) => {
            assert.equal(sender, key)
            assert.deepEqual(decrypted, message)
          }))
        break
      case 5: // string and JSON (indy_issuer_create_schema)
        calls.push(indy.issuerCreateSchema('V4SGRU86Z58d6TV7PBUe6f', `s${i}`, '1.0', ['a'])
          .then(([id, schema]) => assert.deepEqual([id, schema.name], [`V4SGRU86Z58d6TV7PBUe6f:2:s${i}:1.0`, `s${i}`])))
        break
      case 6: // handle + uint32 count, then unit
        calls.push(indy.proverSearchCredentials(wh, {})
          .then(([sh, count]) => {
            assert.equal(count, 0)
            return indy.proverCloseCredentialsSearch(sh)
          }))
        break
    }
  }
  assert.ok(native.pendingCount() >= N * 0.9, `about ${N} pending at once: ${native.pendingCount()}`)
  await Promise.all(calls)
  assert.equal(native.pendingCount(), 0)
})

test(`${N} calls of one function in flight: no answer goes to the wrong Promise`, async () => {
  const seeds = Array.from({ length: N }, (_, i) => String(i).padStart(32, '0'))
  const expected = []
  for (const seed of seeds) expected.push(await indy.generateWalletKey({ seed })) // one at a time
  assert.equal(new Set(expected).size, N)
  const answers = await Promise.all(seeds.map((seed) => indy.generateWalletKey({ seed })))
  assert.deepEqual(answers, expected)
  assert.equal(native.pendingCount(), 0)
})
