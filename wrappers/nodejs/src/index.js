'use strict'
// The package: libindy's functions under indy-sdk's names, as Promises (runtime config and
// logging are synchronous, as in indy-sdk).

const { IndyError, ErrorCode } = require('./errors')

module.exports = {
  ...require('./mod'),
  ...require('./wallet'),
  ...require('./did'),
  ...require('./crypto'),
  ...require('./nonSecrets'),
  ...require('./pairwise'),
  ...require('./anoncreds'),
  ...require('./blobStorage'),
  ...require('./ledger'),
  ...require('./pool'),
  ...require('./cache'),
  ...require('./metrics'),
  ...require('./logger'),
  IndyError,
  ErrorCode
}
