'use strict'
// The package's surface: names across CommonJS, ES module and TypeScript declarations;
// every C function of include/indy.h used; nothing of what the library lacks.
const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')
const { indy, native, PACKAGE_DIR } = require('../test-support')

const HEADER = path.join(PACKAGE_DIR, '..', '..', 'include', 'indy.h')
const DTS = fs.readFileSync(path.join(PACKAGE_DIR, 'index.d.ts'), 'utf8')

test('index.d.ts declares exactly the functions and values the package exports', () => {
  const declared = new Set([
    ...[...DTS.matchAll(/^export function (\w+)/gm)].map((m) => m[1]),
    ...[...DTS.matchAll(/^export declare (?:const|class) (\w+)/gm)].map((m) => m[1])
  ])
  assert.deepEqual([...declared].sort(), Object.keys(indy).sort())
})

test('the ES module entry exports the same names, and the package as default', async () => {
  const esm = await import(path.join(PACKAGE_DIR, 'index.mjs'))
  assert.deepEqual(Object.keys(esm).filter((k) => k !== 'default').sort(), Object.keys(indy).sort())
  assert.equal(esm.default, indy)
  assert.equal(esm.createWallet, indy.createWallet)
})

test('every function is named, and every command function returns a Promise', () => {
  for (const [name, value] of Object.entries(indy)) {
    if (name === 'ErrorCode' || name === 'IndyError') continue
    assert.equal(typeof value, 'function', name)
    assert.equal(value.name, name)
  }
  const sync = new Set(['setRuntimeConfig', 'setLogger', 'setDefaultLogger', 'setLogMaxLevel', 'IndyError'])
  for (const name of Object.keys(indy).filter((n) => typeof indy[n] === 'function' && !sync.has(n))) {
    assert.equal(indy[name].constructor.name, 'AsyncFunction', name)
  }
})

test('what the library does not implement yet is absent, not stubbed', () => {
  const absent = [
    'createPaymentAddress', 'buildPaymentReq', 'registerPaymentMethod'
  ]
  for (const name of absent) {
    assert.equal(name in indy, false, `${name} is exported`)
    assert.ok(!DTS.includes(` ${name} (`), `${name} is declared`)
  }
})

// indy-sdk's Node names for anoncreds and blob storage, all exported (what the library
// implements of them); and what this package has beyond indy-sdk.
const INDY_SDK_ANONCREDS = [
  'issuerCreateSchema', 'issuerCreateAndStoreCredentialDef', 'issuerRotateCredentialDefStart',
  'issuerRotateCredentialDefApply', 'issuerCreateAndStoreRevocReg', 'issuerCreateCredentialOffer',
  'issuerCreateCredential', 'issuerRevokeCredential', 'issuerMergeRevocationRegistryDeltas',
  'proverCreateMasterSecret', 'proverCreateCredentialReq', 'proverSetCredentialAttrTagPolicy',
  'proverGetCredentialAttrTagPolicy', 'proverStoreCredential', 'proverGetCredentials', 'proverGetCredential',
  'proverDeleteCredential', 'proverSearchCredentials', 'proverFetchCredentials', 'proverCloseCredentialsSearch',
  'proverGetCredentialsForProofReq', 'proverSearchCredentialsForProofReq', 'proverFetchCredentialsForProofReq',
  'proverCloseCredentialsSearchForProofReq', 'proverCreateProof', 'verifierVerifyProof', 'createRevocationState',
  'updateRevocationState', 'generateNonce', 'toUnqualified', 'openBlobStorageReader', 'openBlobStorageWriter'
]
const EXTENSIONS = {
  issuerRecoverCredential: ['wh', 'blobStorageReaderHandle', 'revRegId', 'credRevocId']
}

test('anoncreds and blob storage have indy-sdk\'s names, and the extensions', () => {
  for (const name of [...INDY_SDK_ANONCREDS, ...Object.keys(EXTENSIONS)]) {
    assert.equal(typeof indy[name], 'function', name)
    assert.ok(DTS.includes(`export function ${name} (`), `${name} is not declared`)
  }
  for (const [name, params] of Object.entries(EXTENSIONS)) {
    assert.equal(indy[name].length, params.length, name)
    assert.ok(DTS.includes(`export function ${name} (${params[0]}: `), name)
  }
  // Parameter counts, as indy-sdk's (without its trailing callback).
  const arity = {
    issuerCreateAndStoreRevocReg: 7,
    issuerRevokeCredential: 4,
    issuerMergeRevocationRegistryDeltas: 2,
    createRevocationState: 5,
    updateRevocationState: 6,
    issuerRotateCredentialDefStart: 3,
    issuerRotateCredentialDefApply: 2,
    proverSetCredentialAttrTagPolicy: 4,
    proverGetCredentialAttrTagPolicy: 2,
    proverGetCredentialsForProofReq: 2,
    proverSearchCredentialsForProofReq: 3,
    proverFetchCredentialsForProofReq: 3,
    proverCloseCredentialsSearchForProofReq: 1,
    openBlobStorageReader: 2,
    openBlobStorageWriter: 2
  }
  for (const [name, n] of Object.entries(arity)) assert.equal(indy[name].length, n, name)
})

function headerFunctions () {
  return [...fs.readFileSync(HEADER, 'utf8').matchAll(/^(?:indy_error_t|void) ((?:indy|indyrs)_\w+)\(/gm)]
    .map((m) => m[1])
}

test('every function of include/indy.h is wrapped, except those with no meaning in JS',
  { skip: !fs.existsSync(HEADER) && 'no header' }, () => {
    const inHeader = headerFunctions()
    assert.ok(inHeader.length > 50)
    const notWrapped = {
      indy_get_logger: 'answers C function pointers; setLogger is the JS way in',
      indy_register_transaction_parser_for_sp: 'takes C parser callbacks; indy-sdk does not wrap it either',
      indyrs_test_panic: 'a test hook, reached through the low-level module (test/panic.test.js)'
    }
    const used = new Set(native.usedCFunctions())
    const missing = inHeader.filter((name) => !used.has(name) && !(name in notWrapped))
    assert.deepEqual(missing, [])
    const proposed = ['indyrs_get_command_error'] // looked up at run time; README: error details
    const unknown = native.usedCFunctions().filter((name) => !inHeader.includes(name) && !proposed.includes(name))
    assert.deepEqual(unknown, [], 'only functions of the header are called')
  })

const TSC = path.join(PACKAGE_DIR, 'node_modules', 'typescript', 'bin', 'tsc')

test('index.d.ts type-checks an agent written against it (tsc --strict)',
  { skip: !fs.existsSync(TSC) && 'typescript is not installed (npm install)' }, () => {
    const result = spawnSync(process.execPath, [TSC, '--strict', '--noEmit', '--target', 'es2022',
      '--module', 'commonjs', '--types', 'node', path.join(PACKAGE_DIR, 'test-support', 'usage.ts')],
    { cwd: PACKAGE_DIR, encoding: 'utf8' })
    assert.equal(result.status, 0, result.stdout + result.stderr)
  })
