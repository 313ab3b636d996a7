'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const nodeCrypto = require('node:crypto')
const { indy, openWallet, rejectsIndy, base58Decode, TRUSTEE_SEED, TRUSTEE_VERKEY, MY1_SEED } = require('../test-support')

function ed25519Verify (verkey, message, signature) {
  const key = nodeCrypto.createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: base58Decode(verkey).toString('base64url') },
    format: 'jwk'
  })
  return nodeCrypto.verify(null, message, key, signature)
}

test('createKey makes a key from a seed; its metadata is stored', async (t) => {
  const { wh } = await openWallet(t)
  assert.equal(await indy.createKey(wh, { seed: TRUSTEE_SEED }), TRUSTEE_VERKEY)
  const random = await indy.createKey(wh, {})
  assert.notEqual(random, TRUSTEE_VERKEY)
  await rejectsIndy(indy.getKeyMetadata(wh, random), 'WalletItemNotFound')
  await indy.setKeyMetadata(wh, random, 'key metadata')
  assert.equal(await indy.getKeyMetadata(wh, random), 'key metadata')
  await rejectsIndy(indy.createKey(wh, { seed: TRUSTEE_SEED }), 'WalletItemAlreadyExists')
  await rejectsIndy(indy.createKey(wh, { crypto_type: 'secp256k1' }), 'UnknownCryptoTypeError')
})

test('cryptoSign answers a 64-byte Buffer that cryptoVerify accepts', async (t) => {
  const { wh } = await openWallet(t)
  const verkey = await indy.createKey(wh, { seed: TRUSTEE_SEED })
  const message = Buffer.from('{"reqId":1496822211362017764}')
  const signature = await indy.cryptoSign(wh, verkey, message)
  assert.ok(Buffer.isBuffer(signature))
  assert.equal(signature.length, 64)
  // Checked apart from the library: Node's own Ed25519 with the verkey's bytes.
  assert.ok(ed25519Verify(verkey, message, signature))
  assert.deepEqual(await indy.cryptoSign(wh, verkey, message), signature) // Ed25519 is deterministic
  assert.equal(await indy.cryptoVerify(verkey, message, signature), true)
  assert.equal(await indy.cryptoVerify(verkey, Buffer.from('other'), signature), false)
  const tampered = Buffer.from(signature)
  tampered[0] ^= 1
  assert.equal(await indy.cryptoVerify(verkey, message, tampered), false)
})

test('messages may be Buffers, Uint8Arrays or UTF-8 strings', async (t) => {
  const { wh } = await openWallet(t)
  const verkey = await indy.createKey(wh, {})
  const fromString = await indy.cryptoSign(wh, verkey, 'héllo')
  const fromArray = await indy.cryptoSign(wh, verkey, new Uint8Array(Buffer.from('héllo')))
  assert.deepEqual(fromString, fromArray)
  assert.equal(await indy.cryptoVerify(verkey, Buffer.from('héllo'), fromString), true)
  await assert.rejects(indy.cryptoSign(wh, verkey, 42), TypeError)
})

test('signing with a key not in the wallet fails with WalletItemNotFound', async (t) => {
  const { wh } = await openWallet(t)
  await rejectsIndy(indy.cryptoSign(wh, TRUSTEE_VERKEY, Buffer.from('m')), 'WalletItemNotFound')
  await rejectsIndy(indy.cryptoVerify('not a verkey', Buffer.from('m'), Buffer.alloc(64)), 'CommonInvalidStructure')
})

test('auth crypt: the recipient decrypts and learns the sender', async (t) => {
  const { wh } = await openWallet(t)
  const sender = await indy.createKey(wh, { seed: TRUSTEE_SEED })
  const recipient = await indy.createKey(wh, { seed: MY1_SEED })
  const encrypted = await indy.cryptoAuthCrypt(wh, sender, recipient, Buffer.from('secret'))
  assert.ok(Buffer.isBuffer(encrypted))
  const [from, decrypted] = await indy.cryptoAuthDecrypt(wh, recipient, encrypted)
  assert.equal(from, sender)
  assert.equal(decrypted.toString(), 'secret')
  await rejectsIndy(indy.cryptoAuthDecrypt(wh, sender, encrypted), 'CommonInvalidStructure')
})

test('anon crypt: a sealed box only the recipient opens', async (t) => {
  const { wh } = await openWallet(t)
  const recipient = await indy.createKey(wh, {})
  const other = await indy.createKey(wh, {})
  const sealed = await indy.cryptoAnonCrypt(recipient, Buffer.from('anonymous'))
  assert.equal((await indy.cryptoAnonDecrypt(wh, recipient, sealed)).toString(), 'anonymous')
  await rejectsIndy(indy.cryptoAnonDecrypt(wh, other, sealed), 'CommonInvalidStructure')
  await rejectsIndy(indy.cryptoAnonCrypt('bad key', Buffer.from('x')), 'CommonInvalidStructure')
})

test('packMessage / unpackMessage: authcrypt and anoncrypt JWEs', async (t) => {
  const { wh } = await openWallet(t)
  const sender = await indy.createKey(wh, {})
  const alice = await indy.createKey(wh, {})
  const bob = await indy.createKey(wh, {})

  const auth = await indy.packMessage(wh, Buffer.from('{"hello":"world"}'), [alice, bob], sender)
  const jwe = JSON.parse(auth.toString())
  assert.deepEqual(Object.keys(jwe).sort(), ['ciphertext', 'iv', 'protected', 'tag'])
  assert.equal(JSON.parse(Buffer.from(jwe.protected, 'base64url').toString()).alg, 'Authcrypt')
  const unpacked = JSON.parse((await indy.unpackMessage(wh, auth)).toString())
  assert.equal(unpacked.message, '{"hello":"world"}')
  assert.equal(unpacked.sender_verkey, sender)
  assert.ok([alice, bob].includes(unpacked.recipient_verkey))

  const anon = await indy.packMessage(wh, Buffer.from('anon'), JSON.stringify([bob]), null)
  const opened = JSON.parse((await indy.unpackMessage(wh, anon)).toString())
  assert.deepEqual(opened, { message: 'anon', recipient_verkey: bob })
})

test('unpackMessage without any recipient key fails; garbage is refused', async (t) => {
  const { wh } = await openWallet(t)
  const { wh: other } = await openWallet(t)
  const recipient = await indy.createKey(other, {})
  const packed = await indy.packMessage(other, Buffer.from('x'), [recipient], null)
  await rejectsIndy(indy.unpackMessage(wh, packed), 'WalletItemNotFound')
  await rejectsIndy(indy.unpackMessage(wh, Buffer.from('not a jwe')), 'CommonInvalidStructure')
  await rejectsIndy(indy.packMessage(wh, Buffer.from('x'), 'not json', null), 'CommonInvalidStructure')
})
