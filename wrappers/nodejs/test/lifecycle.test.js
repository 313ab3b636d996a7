'use strict'
// Keep-alive: a pending call keeps the process alive; nothing does once calls settle.
const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const { runNode, tempDir } = require('../test-support')

test('a pending call keeps the process alive until its callback settles it', async (t) => {
  const dir = tempDir()
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  // Nothing else holds the event loop: without the wrapper's keep-alive, node would exit
  // before Argon2 finishes and the callback arrives.
  const { code, stdout, stderr } = await runNode(`
    const indy = require('./src')
    indy.createWallet({ id: 'slow', storage_config: { path: ${JSON.stringify(dir)} } }, { key: 'argon2i key' })
      .then(() => console.log('created'))
    indy.openWallet({ id: 'missing', storage_config: { path: ${JSON.stringify(dir)} } }, { key: 'k' })
      .catch((e) => console.log('rejected ' + e.indyName))
  `)
  assert.equal(code, 0, stderr)
  assert.match(stdout, /created/)
  assert.match(stdout, /rejected WalletNotFoundError/)
})

test('once every call has settled, nothing keeps the process alive', async (t) => {
  const dir = tempDir()
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const result = await runNode(`
    const indy = require('./src')
    const { InMemoryStorage } = require('./test-support/inmemStorage')
    ;(async () => {
      indy.setLogger(() => {}, 3)
      await indy.registerWalletStorage('exit-test', new InMemoryStorage())
      const config = { id: 'w', storage_config: { path: ${JSON.stringify(dir)} } }
      const credentials = { key: await indy.generateWalletKey(), key_derivation_method: 'RAW' }
      await indy.createWallet(config, credentials)
      const wh = await indy.openWallet(config, credentials)
      const key = await indy.createKey(wh, {})
      await Promise.all(Array.from({ length: 1000 }, (_, i) => indy.cryptoSign(wh, key, Buffer.from(String(i)))))
      await indy.getWalletRecord(wh, 'x', 'y', {}).catch(() => {})
      await indy.closeWallet(wh)
      console.log('done ' + Date.now())
    })()
  `)
  const exitedAt = Date.now()
  assert.equal(result.code, 0, result.stderr)
  const doneAt = Number(/done (\d+)/.exec(result.stdout)?.[1])
  assert.ok(doneAt > 0, result.stdout)
  assert.ok(exitedAt - doneAt < 2000, `exited ${exitedAt - doneAt} ms after the last call settled`)
})

test('an unawaited failing call still surfaces as an unhandled rejection', async () => {
  const { code, stderr } = await runNode(`
    require('./src').abbreviateVerkey('V4SGRU86Z58d6TV7PBUe6f', 'not a key!')
  `)
  assert.notEqual(code, 0)
  assert.match(stderr, /IndyError/)
})
