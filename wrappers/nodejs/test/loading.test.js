'use strict'
// Library loading: INDY_LIBRARY_PATH, else the bundled copy, else the system loader.
const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { runNode, tempDir, PACKAGE_DIR } = require('../test-support')

const LIBRARY = process.env.INDY_LIBRARY_PATH
const PLATFORM_DIR = `${process.platform}-${process.arch}`

// Prints where the library came from, or the load error.
const PROBE = `
  const native = require('./src/native')
  require('./src').abbreviateVerkey('V4SGRU86Z58d6TV7PBUe6f', 'GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL')
    .then((v) => console.log(JSON.stringify({ ok: v, ...native.libraryInfo() })))
    .catch((e) => console.log(JSON.stringify({ code: e.code, message: e.message })))
`

async function probe (env, cwd) {
  const { code, stdout, stderr } = await runNode(PROBE, { env, cwd })
  assert.equal(code, 0, stderr)
  return JSON.parse(stdout)
}

test('require() loads nothing: IndyError and ErrorCode work without a library', async () => {
  const { code, stdout, stderr } = await runNode(`
    const indy = require('./src')
    console.log(new indy.IndyError(indy.ErrorCode.WalletItemNotFound).indyName)
  `, { env: { INDY_LIBRARY_PATH: '/nonexistent/libindy.so' } })
  assert.equal(code, 0, stderr)
  assert.equal(stdout.trim(), 'WalletItemNotFound')
})

test('INDY_LIBRARY_PATH is used first', async () => {
  const result = await probe({ INDY_LIBRARY_PATH: LIBRARY })
  assert.equal(result.ok, '~CoRER63DVYnWZtK8uAzNbx')
  assert.equal(result.source, 'INDY_LIBRARY_PATH')
  assert.equal(result.path, path.resolve(LIBRARY))
})

test('an INDY_LIBRARY_PATH that does not load is a clear error, with no fallback', async () => {
  const result = await probe({ INDY_LIBRARY_PATH: '/nonexistent/libindy.so', LD_LIBRARY_PATH: path.dirname(LIBRARY) })
  assert.equal(result.code, 'INDY_LIBRARY_NOT_LOADED')
  assert.match(result.message, /INDY_LIBRARY_PATH=\/nonexistent\/libindy\.so could not be loaded/)
})

test('without INDY_LIBRARY_PATH or a bundled copy, the system loader finds it', async () => {
  const result = await probe({ INDY_LIBRARY_PATH: undefined, LD_LIBRARY_PATH: path.dirname(LIBRARY) })
  assert.equal(result.source, 'system')
  assert.equal(result.ok, '~CoRER63DVYnWZtK8uAzNbx')
})

test('when nothing is found, the error says what was tried and what to do', async () => {
  const result = await probe({ INDY_LIBRARY_PATH: undefined, LD_LIBRARY_PATH: undefined })
  assert.equal(result.code, 'INDY_LIBRARY_NOT_LOADED')
  assert.match(result.message, /INDY_LIBRARY_PATH is not set/)
  assert.match(result.message, new RegExp(`no bundled copy at .*native/${PLATFORM_DIR}/libindy\\.so`))
  assert.match(result.message, /system loader did not find libindy\.so/)
  assert.match(result.message, /Set INDY_LIBRARY_PATH/)
})

test('synchronous functions throw the load error', async () => {
  const { code, stdout, stderr } = await runNode(`
    try { require('./src').setRuntimeConfig({}) } catch (e) { console.log(e.code) }
  `, { env: { INDY_LIBRARY_PATH: '/nonexistent/libindy.so' } })
  assert.equal(code, 0, stderr)
  assert.equal(stdout.trim(), 'INDY_LIBRARY_NOT_LOADED')
})

test('a copy bundled in native/<platform>-<arch>/ comes before the system loader, after INDY_LIBRARY_PATH',
  { skip: process.platform !== 'linux' && 'the bundled test copies libindy.so' }, async (t) => {
    // A copy of the package (its src/ and a bundled library) that finds koffi through NODE_PATH.
    const copy = tempDir()
    t.after(() => fs.rmSync(copy, { recursive: true, force: true }))
    fs.cpSync(path.join(PACKAGE_DIR, 'src'), path.join(copy, 'src'), { recursive: true })
    fs.mkdirSync(path.join(copy, 'native', PLATFORM_DIR), { recursive: true })
    fs.copyFileSync(LIBRARY, path.join(copy, 'native', PLATFORM_DIR, 'libindy.so'))
    const nodePath = path.join(PACKAGE_DIR, 'node_modules')

    const bundled = await probe({ INDY_LIBRARY_PATH: undefined, LD_LIBRARY_PATH: undefined, NODE_PATH: nodePath }, copy)
    assert.equal(bundled.source, 'bundled', JSON.stringify(bundled))
    assert.equal(bundled.path, path.join(copy, 'native', PLATFORM_DIR, 'libindy.so'))
    assert.equal(bundled.ok, '~CoRER63DVYnWZtK8uAzNbx')

    const explicit = await probe({ INDY_LIBRARY_PATH: LIBRARY, NODE_PATH: nodePath }, copy)
    assert.equal(explicit.source, 'INDY_LIBRARY_PATH')
  })

test('the tests run against a real library file', () => {
  assert.ok(LIBRARY, 'INDY_LIBRARY_PATH is set (test-support defaults it to target/release/libindy.so)')
  assert.ok(fs.existsSync(LIBRARY), `${LIBRARY} exists`)
})
