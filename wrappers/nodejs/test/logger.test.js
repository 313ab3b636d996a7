'use strict'
// The library calls the logger from its own thread (indy-logger), in order; koffi relays each
// record to the JS thread, so records arrive asynchronously and the tests wait for them.
const { test } = require('node:test')
const assert = require('node:assert/strict')
const { setTimeout: sleep } = require('node:timers/promises')
const { indy, newWallet, runNode, TRUSTEE_DID } = require('../test-support')

const records = []
const collect = (level, target, message, modulePath, file, line) =>
  records.push({ level, target, message, modulePath, file, line })

async function waitForRecord (predicate, what) {
  for (let waited = 0; waited < 5000; waited += 10) {
    const found = records.find(predicate)
    if (found) return found
    await sleep(10)
  }
  assert.fail(`no log record ${what} in ${JSON.stringify(records)}`)
}

test('setLogger receives records logged on the JS thread and on library threads', async (t) => {
  records.length = 0
  indy.setLogger(collect, 5)
  // refused synchronously: logged at debug by the entry point, on this thread
  await indy.abbreviateVerkey(TRUSTEE_DID, null).catch(() => {})
  const refused = await waitForRecord((r) => /indy_abbreviate_verkey refused/.test(r.message), 'of the refusal')
  assert.equal(refused.level, 4)
  // a wallet created on the library's threads: logged at info there
  const { config } = await newWallet(t)
  const created = await waitForRecord((r) => r.message.includes(config.id), 'of the wallet creation')
  assert.equal(created.level, 3)
  assert.equal(typeof created.target, 'string')
  assert.equal(typeof created.modulePath, 'string')
  assert.equal(typeof created.file, 'string')
  assert.equal(typeof created.line, 'number')
  assert.ok(records.every((r) => r.level >= 1 && r.level <= 5))
})

test('setLogMaxLevel filters what the library logs', async (t) => {
  indy.setLogger(collect)
  indy.setLogMaxLevel(2) // errors and warnings only
  records.length = 0
  const { config: filtered } = await newWallet(t)
  await indy.abbreviateVerkey(TRUSTEE_DID, null).catch(() => {})
  indy.setLogMaxLevel(3)
  const { config: sentinel } = await newWallet(t)
  // Records arrive in order: once the sentinel's has, the filtered ones would have too.
  await waitForRecord((r) => r.message.includes(sentinel.id), 'after the level went back up')
  assert.ok(!records.some((r) => r.message.includes(filtered.id) || /refused/.test(r.message)),
    JSON.stringify(records))
  indy.setLogMaxLevel(0)
})

test('a log function that throws does not disturb the library', async (t) => {
  indy.setLogger(() => { throw new Error('logger broke') }, 5)
  const { config, credentials } = await newWallet(t)
  const wh = await indy.openWallet(config, credentials)
  assert.equal(typeof (await indy.createKey(wh, {})), 'string')
  await indy.closeWallet(wh)
  indy.setLogMaxLevel(0)
})

test('setLogger wants a function; the level is checked by the library', () => {
  assert.throws(() => indy.setLogger('not a function'), TypeError)
  assert.throws(() => indy.setDefaultLogger(42), TypeError) // never an address for koffi
  assert.throws(() => indy.setLogMaxLevel(6), (e) => e instanceof indy.IndyError && e.indyName === 'CommonInvalidParam1')
})

test('setDefaultLogger writes the library log to stderr', async () => {
  const { code, stderr } = await runNode(`
    const indy = require('./src')
    indy.setDefaultLogger('debug')
    indy.abbreviateVerkey('V4SGRU86Z58d6TV7PBUe6f', null).catch(() => {})
  `)
  assert.equal(code, 0, stderr)
  assert.match(stderr, /indy_abbreviate_verkey refused/)
})
