'use strict'
// Shared by the tests (kept out of test/, where `node --test` would run it as a test file).

const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawn } = require('node:child_process')

const PACKAGE_DIR = path.join(__dirname, '..')
const REPO_LIBRARY = path.join(PACKAGE_DIR, '..', '..', 'target', 'release', 'libindy.so')

// The tests run against the real library: INDY_LIBRARY_PATH, else this repository's build.
if (!process.env.INDY_LIBRARY_PATH && fs.existsSync(REPO_LIBRARY)) process.env.INDY_LIBRARY_PATH = REPO_LIBRARY

const indy = require('../src')
const native = require('../src/native')

// libindy's well-known test identities.
const TRUSTEE_SEED = '000000000000000000000000Trustee1'
const TRUSTEE_DID = 'V4SGRU86Z58d6TV7PBUe6f'
const TRUSTEE_VERKEY = 'GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL'
const MY1_SEED = '00000000000000000000000000000My1'

function tempDir () {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'indy-node-'))
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

/** Bitcoin base58 to bytes (verkeys, for checks made apart from the library). */
function base58Decode (text) {
  let n = 0n
  for (const c of text) {
    const digit = BASE58.indexOf(c)
    if (digit < 0) throw new Error(`not base58: ${c}`)
    n = n * 58n + BigInt(digit)
  }
  const bytes = []
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn))
    n >>= 8n
  }
  for (const c of text) {
    if (c !== '1') break
    bytes.unshift(0)
  }
  return Buffer.from(bytes)
}

let walletCount = 0

async function createWallet ({ storageType } = {}) {
  const dir = tempDir()
  const config = { id: `wallet-${process.pid}-${++walletCount}`, storage_config: { path: dir } }
  if (storageType) config.storage_type = storageType
  const credentials = { key: await indy.generateWalletKey(), key_derivation_method: 'RAW' }
  await indy.createWallet(config, credentials)
  return { config, credentials, dir }
}

/** A RAW-key wallet config and credentials in a fresh directory (created, not opened). */
async function newWallet (t, options) {
  const wallet = await createWallet(options)
  t.after(() => fs.rmSync(wallet.dir, { recursive: true, force: true }))
  return wallet
}

/** An open wallet, closed and deleted after the test. */
async function openWallet (t, options) {
  const { config, credentials, dir } = await createWallet(options)
  const wh = await indy.openWallet(config, credentials)
  t.after(async () => {
    await indy.closeWallet(wh).catch(() => {})
    await indy.deleteWallet(config, credentials).catch(() => {})
    fs.rmSync(dir, { recursive: true, force: true })
  })
  return { wh, config, credentials, dir }
}

/** Asserts that `promise` rejects with an IndyError named `name`; returns the error. */
async function rejectsIndy (promise, name) {
  let error
  await assert.rejects(promise, (e) => {
    error = e
    return true
  })
  assert.ok(error instanceof indy.IndyError, `expected an IndyError, got ${error?.stack ?? error}`)
  assert.equal(error.indyName, name, `expected ${name}, got ${error.indyName} (${error.indyMessage})`)
  assert.equal(error.indyCode, indy.ErrorCode[name])
  assert.equal(error.message, name)
  return error
}

/**
 * Runs `node -e source` (CommonJS, from the package directory) and collects its output.
 * `env` adds to this process' environment; an undefined value removes the variable.
 */
function runNode (source, { env = {}, timeoutMs = 30000, cwd = PACKAGE_DIR } = {}) {
  return new Promise((resolve, reject) => {
    const merged = { ...process.env, ...env }
    for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name]
    const child = spawn(process.execPath, ['-e', source], {
      cwd,
      env: merged,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    const started = Date.now()
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started })
    })
  })
}

/** Whether the library offers async error details by command handle (see README). */
const commandErrorDetails = native.commandErrorSupported()

/**
 * For tests of async error details: with a library that cannot give them to koffi, the
 * test is skipped with the reason (shown in the summary) instead of passing silently.
 * Not `todo`: Node 20's runner reports a test file that crashes after a failed todo
 * test as todo too, and would hide the crash.
 */
function needsCommandErrorDetails (t) {
  if (commandErrorDetails) return false
  t.skip('libindy lacks indyrs_get_command_error: async error details cannot reach JS (README: error details)')
  return true
}

module.exports = {
  indy,
  native,
  PACKAGE_DIR,
  REPO_LIBRARY,
  TRUSTEE_SEED,
  TRUSTEE_DID,
  TRUSTEE_VERKEY,
  MY1_SEED,
  tempDir,
  base58Decode,
  newWallet,
  openWallet,
  rejectsIndy,
  runNode,
  commandErrorDetails,
  needsCommandErrorDetails
}
