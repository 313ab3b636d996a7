'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const { indy, openWallet } = require('../test-support')

test('collectMetrics answers libindy counters and per-tier figures as an object', async (t) => {
  const { wh } = await openWallet(t)
  await indy.createAndStoreMyDid(wh, {})
  const metrics = await indy.collectMetrics()
  for (const key of ['opened_wallets_count', 'threadpool_active_count', 'threadpool_queued_count']) {
    assert.ok(key in metrics, `${key} in ${Object.keys(metrics)}`)
  }
  assert.ok(metrics.opened_wallets_count >= 1)
  assert.equal(typeof metrics.tiers, 'object')
})
