// The wrapper's round-trip overhead next to the bare C call, in one run.
//
//   raw      the C function through koffi, declared here, with a bare registered callback
//            (no handle map, no IndyError, no result conversion, no async function)
//   wrapper  the package's Promise function
//
// For two cheap commands that need no wallet (abbreviateVerkey: strings in, string out;
// cryptoVerify: bytes in, bool out), each way is timed awaited one at a time in a loop and
// with N calls in flight. Short rounds alternate raw and wrapper, so load from elsewhere
// on the machine falls on both alike; the median round of each is reported.
//
//   node bench/roundtrip.mjs [--iterations 500] [--inflight 1000] [--rounds 30] [--json PATH]
//
// The library comes from INDY_LIBRARY_PATH (else ../../target/release/libindy.so).

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const here = path.dirname(fileURLToPath(import.meta.url))
const repoLibrary = path.join(here, '..', '..', '..', 'target', 'release', 'libindy.so')
if (!process.env.INDY_LIBRARY_PATH && fs.existsSync(repoLibrary)) process.env.INDY_LIBRARY_PATH = repoLibrary

const indy = require('../src')
const native = require('../src/native')
const { koffi } = native

function option (name, fallback) {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? process.argv[at + 1] : fallback
}
const ITERATIONS = Number(option('iterations', 500))
const INFLIGHT = Number(option('inflight', 1000))
const ROUNDS = Number(option('rounds', 30))
const JSON_PATH = option('json', null)

const DID = 'V4SGRU86Z58d6TV7PBUe6f'
const VERKEY = 'GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL'
const MESSAGE = Buffer.from('{"reqId":1496822211362017764,"operation":{"type":"1"}}')

// ---- raw: the C functions through koffi, with one bare callback each -----------------

const lib = native.library()
let onAnswer = null // what the bare callbacks call; swapped per measurement
const StringCb = koffi.proto('void BenchStringCb(int32_t h, int32_t err, const char *value)')
const BoolCb = koffi.proto('void BenchBoolCb(int32_t h, int32_t err, bool value)')
const stringCb = koffi.register((h, err, value) => onAnswer(err, value), koffi.pointer(StringCb))
const boolCb = koffi.register((h, err, value) => onAnswer(err, value), koffi.pointer(BoolCb))
const rawAbbreviate = lib.func('indy_abbreviate_verkey', 'int32_t',
  ['int32_t', 'const char *', 'const char *', koffi.pointer(StringCb)])
const rawVerify = lib.func('indy_crypto_verify', 'int32_t',
  ['int32_t', 'const char *', 'const uint8_t *', 'uint32_t', 'const uint8_t *', 'uint32_t', koffi.pointer(BoolCb)])

const signature = await (async () => {
  // a real signature, so cryptoVerify does the whole Ed25519 check and answers true
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'indy-bench-'))
  const config = { id: 'bench', storage_config: { path: dir } }
  const credentials = { key: await indy.generateWalletKey(), key_derivation_method: 'RAW' }
  await indy.createWallet(config, credentials)
  const wh = await indy.openWallet(config, credentials)
  await indy.createKey(wh, { seed: '000000000000000000000000Trustee1' })
  const sig = await indy.cryptoSign(wh, VERKEY, MESSAGE)
  await indy.closeWallet(wh)
  await indy.deleteWallet(config, credentials)
  fs.rmSync(dir, { recursive: true, force: true })
  return sig
})()

const commands = {
  abbreviateVerkey: {
    raw: (h) => rawAbbreviate(h, DID, VERKEY, stringCb),
    wrapper: () => indy.abbreviateVerkey(DID, VERKEY),
    expect: '~CoRER63DVYnWZtK8uAzNbx'
  },
  cryptoVerify: {
    raw: (h) => rawVerify(h, VERKEY, MESSAGE, MESSAGE.length, signature, signature.length, boolCb),
    wrapper: () => indy.cryptoVerify(VERKEY, MESSAGE, signature),
    expect: true
  }
}

// ---- measurements (microseconds per call) ----------------------------------------------

const now = () => process.hrtime.bigint()
const perCall = (start, n) => Number(now() - start) / 1000 / n

function check (command, err, value) {
  if (err !== 0 || value !== command.expect) throw new Error(`unexpected answer ${err} ${value}`)
}

async function rawLoop (command, n) {
  let resolve
  onAnswer = (err, value) => { check(command, err, value); resolve() }
  const start = now()
  for (let i = 1; i <= n; i++) {
    await new Promise((r) => { resolve = r; if (command.raw(i) !== 0) throw new Error('refused') })
  }
  return perCall(start, n)
}

async function rawInflight (command, n) {
  let answered = 0
  let done
  const finished = new Promise((r) => { done = r })
  onAnswer = (err, value) => { check(command, err, value); if (++answered === n) done() }
  const start = now()
  for (let i = 1; i <= n; i++) if (command.raw(i) !== 0) throw new Error('refused')
  const submitted = perCall(start, n)
  await finished
  return { perCall: perCall(start, n), submit: submitted }
}

async function wrapperLoop (command, n) {
  const start = now()
  for (let i = 0; i < n; i++) check(command, 0, await command.wrapper())
  return perCall(start, n)
}

async function wrapperInflight (command, n) {
  const start = now()
  const calls = []
  for (let i = 0; i < n; i++) calls.push(command.wrapper())
  const submitted = perCall(start, n)
  for (const value of await Promise.all(calls)) check(command, 0, value)
  return { perCall: perCall(start, n), submit: submitted }
}

const sorted = (values) => [...values].sort((a, b) => a - b)
const median = (values) => sorted(values)[Math.floor(values.length / 2)]
const quartiles = (values) => [sorted(values)[Math.floor(values.length / 4)], sorted(values)[Math.floor(values.length * 3 / 4)]]

/** Runs `raw` and `wrapper` one after the other, in the order asked; answers [raw, wrapper]. */
async function both (rawFirst, raw, wrapper) {
  if (rawFirst) {
    const r = await raw()
    return [r, await wrapper()]
  }
  const w = await wrapper()
  return [await raw(), w]
}

// The bare callbacks have no keep-alive of their own.
const keepAlive = setInterval(() => {}, 1 << 30)

const results = []
for (const [name, command] of Object.entries(commands)) {
  await rawLoop(command, 500) // warm up both paths
  await wrapperLoop(command, 500)
  const samples = { rawLoop: [], wrapperLoop: [], rawInflight: [], wrapperInflight: [], rawSubmit: [], wrapperSubmit: [] }
  for (let round = 0; round < ROUNDS; round++) {
    const rawFirst = round % 2 === 0 // alternate which goes first
    const [rawLoopUs, wrapperLoopUs] = await both(rawFirst,
      () => rawLoop(command, ITERATIONS), () => wrapperLoop(command, ITERATIONS))
    const [raw, wrapped] = await both(rawFirst,
      () => rawInflight(command, INFLIGHT), () => wrapperInflight(command, INFLIGHT))
    samples.rawLoop.push(rawLoopUs)
    samples.wrapperLoop.push(wrapperLoopUs)
    samples.rawInflight.push(raw.perCall)
    samples.rawSubmit.push(raw.submit)
    samples.wrapperInflight.push(wrapped.perCall)
    samples.wrapperSubmit.push(wrapped.submit)
  }
  for (const mode of ['loop', 'inflight']) {
    const key = mode === 'loop' ? 'Loop' : 'Inflight'
    const raw = median(samples[`raw${key}`])
    const wrapper = median(samples[`wrapper${key}`])
    results.push({
      command: name,
      mode: mode === 'loop' ? 'awaited one at a time' : `${INFLIGHT} in flight`,
      rawUs: raw,
      wrapperUs: wrapper,
      overheadUs: wrapper - raw,
      overheadPct: (wrapper / raw - 1) * 100,
      rawSubmitUs: mode === 'inflight' ? median(samples.rawSubmit) : null,
      wrapperSubmitUs: mode === 'inflight' ? median(samples.wrapperSubmit) : null,
      rawP25P75: quartiles(samples[`raw${key}`]),
    wrapperP25P75: quartiles(samples[`wrapper${key}`]),
    samples: { raw: samples[`raw${key}`], wrapper: samples[`wrapper${key}`] }
    })
  }
}
clearInterval(keepAlive)
koffi.unregister(stringCb)
koffi.unregister(boolCb)

// ---- report ----------------------------------------------------------------------------

const f = (v) => (v === null ? '' : v.toFixed(2))
const rows = [['command', 'mode', 'C via koffi, raw cb (µs/call)', 'wrapper Promise (µs/call)',
  'overhead (µs/call)', 'overhead', 'submit raw / wrapper (µs)']]
for (const r of results) {
  rows.push([r.command, r.mode, f(r.rawUs), f(r.wrapperUs), f(r.overheadUs), `${r.overheadPct.toFixed(0)}%`,
    r.rawSubmitUs === null ? '' : `${f(r.rawSubmitUs)} / ${f(r.wrapperSubmitUs)}`])
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)))
const line = (row) => '| ' + row.map((cell, i) => cell.padEnd(widths[i])).join(' | ') + ' |'
const environment = {
  node: process.version,
  koffi: koffi.version,
  platform: `${process.platform}-${process.arch}`,
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model,
  library: native.libraryInfo().path
}
console.log(`Round trip per call, median of ${ROUNDS} alternating rounds (${ITERATIONS} awaited calls, ` +
  `${INFLIGHT} in flight); ${JSON.stringify(environment)}`)
console.log(line(rows[0]))
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|')
for (const row of rows.slice(1)) console.log(line(row))
console.log('In flight: µs/call = wall time for all calls / N (the inverse of throughput); submit = the ' +
  'synchronous part, issuing all N calls / N.')

if (JSON_PATH) {
  fs.writeFileSync(JSON_PATH, JSON.stringify({
    date: new Date().toISOString(),
    command: `node bench/roundtrip.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    environment,
    parameters: { iterations: ITERATIONS, inflight: INFLIGHT, rounds: ROUNDS },
    results
  }, null, 2) + '\n')
  console.log(`wrote ${JSON_PATH}`)
}
