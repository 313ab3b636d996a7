'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const { indy, rejectsIndy } = require('../test-support')

test('setProtocolVersion accepts 1 and 2 (numbers or BigInts)', async () => {
  assert.equal(await indy.setProtocolVersion(1), undefined)
  assert.equal(await indy.setProtocolVersion(2n), undefined)
})

test('another protocol version fails with PoolIncompatibleProtocolVersion', async () => {
  await rejectsIndy(indy.setProtocolVersion(3), 'PoolIncompatibleProtocolVersion')
  await rejectsIndy(indy.setProtocolVersion(0), 'PoolIncompatibleProtocolVersion')
})
