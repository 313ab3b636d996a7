'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const { indy } = require('../test-support')

function throwsIndy (fn, name) {
  let error
  assert.throws(fn, (e) => { error = e; return true })
  assert.ok(error instanceof indy.IndyError, String(error))
  assert.equal(error.indyName, name)
  return error
}

test('setRuntimeConfig is synchronous and applies valid options', () => {
  assert.equal(indy.setRuntimeConfig({ crypto_thread_pool_size: 2, cheap_thread_pool_size: 2 }), undefined)
  assert.equal(indy.setRuntimeConfig('{"callback_thread_pool_size": 2}'), undefined)
})

test('setRuntimeConfig throws IndyError with the library detail for bad options', () => {
  const unknown = throwsIndy(() => indy.setRuntimeConfig({ no_such_option: 1 }), 'CommonInvalidStructure')
  assert.match(unknown.indyMessage, /no_such_option/)
  throwsIndy(() => indy.setRuntimeConfig('{not json'), 'CommonInvalidStructure')
  throwsIndy(() => indy.setRuntimeConfig({ crypto_thread_pool_size: 'four' }), 'CommonInvalidStructure')
  throwsIndy(() => indy.setRuntimeConfig(null), 'CommonInvalidParam1')
})

test('collect_backtrace fills indyBacktrace', async () => {
  indy.setRuntimeConfig({ collect_backtrace: true })
  try {
    const error = await indy.createWallet('{bad', '{}').catch((e) => e)
    assert.equal(error.indyName, 'CommonInvalidStructure')
    assert.equal(typeof error.indyBacktrace, 'string')
    assert.ok(error.indyBacktrace.length > 0)
  } finally {
    indy.setRuntimeConfig({ collect_backtrace: false })
  }
  const error = await indy.createWallet('{bad', '{}').catch((e) => e)
  assert.equal(error.indyBacktrace, undefined)
})
