'use strict'
// indy_metrics.h: the library's counters and per-tier latencies.

const { Callback, command, commands } = require('./native')

module.exports = commands({
  collectMetrics: command('indy_collect_metrics', {}, Callback.Json)
})
