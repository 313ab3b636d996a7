'use strict'
// indy_crypto.h: keys, signatures, libindy's auth/anon crypt and DIDComm v1 pack/unpack.

const { Arg, Callback, command, commands } = require('./native')

module.exports = commands({
  createKey: command('indy_create_key', { wh: Arg.Handle, key: Arg.Json }, Callback.String),
  setKeyMetadata: command('indy_set_key_metadata',
    { wh: Arg.Handle, verkey: Arg.String, metadata: Arg.String }, Callback.Unit),
  getKeyMetadata: command('indy_get_key_metadata', { wh: Arg.Handle, verkey: Arg.String }, Callback.String),
  cryptoSign: command('indy_crypto_sign',
    { wh: Arg.Handle, signerVk: Arg.String, messageRaw: Arg.Bytes }, Callback.Bytes),
  cryptoVerify: command('indy_crypto_verify',
    { signerVk: Arg.String, messageRaw: Arg.Bytes, signatureRaw: Arg.Bytes }, Callback.Bool),
  cryptoAuthCrypt: command('indy_crypto_auth_crypt',
    { wh: Arg.Handle, senderVk: Arg.String, recipientVk: Arg.String, messageRaw: Arg.Bytes }, Callback.Bytes),
  cryptoAuthDecrypt: command('indy_crypto_auth_decrypt',
    { wh: Arg.Handle, recipientVk: Arg.String, encryptedMsgRaw: Arg.Bytes }, Callback.StringBytes),
  cryptoAnonCrypt: command('indy_crypto_anon_crypt',
    { recipientVk: Arg.String, messageRaw: Arg.Bytes }, Callback.Bytes),
  cryptoAnonDecrypt: command('indy_crypto_anon_decrypt',
    { wh: Arg.Handle, recipientVk: Arg.String, encryptedMsg: Arg.Bytes }, Callback.Bytes),
  packMessage: command('indy_pack_message',
    { wh: Arg.Handle, message: Arg.Bytes, receiverKeys: Arg.Json, senderVk: Arg.String }, Callback.Bytes),
  unpackMessage: command('indy_unpack_message', { wh: Arg.Handle, jwe: Arg.Bytes }, Callback.Bytes)
})
