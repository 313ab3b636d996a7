"""Interpreter exit with library threads still answering: the process exits cleanly.

Once Python finalizes, a library thread that enters Python is terminated, and the library
aborts the process when that happens inside it ("FATAL: exception not rethrown"). The
package waits at exit (atexit) for answers still due and for callbacks to leave Python.
"""

import os
import subprocess
import sys

SCRIPT = """
import asyncio, sys
from indy import _ffi, did, crypto

async def main():
    await asyncio.gather(*(did.abbreviate_verkey("V4SGRU86Z58d6TV7PBUe6f", "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL")
                           for _ in range(1000)))
    if sys.argv[1] == "unawaited":  # submitted, never awaited: answered while Python exits
        for _ in range(300):
            _ffi.call("indy_crypto_anon_crypt", b"GjZWsBLgZCR18aL468JAT7w9CZRiBnpxUPPgyQxh4voa", b"x" * 1000, 1000)

asyncio.run(main())
print("done")
"""


def test_exit_while_answers_arrive_is_clean():
    env = dict(os.environ)
    failures = []
    for i in range(16):
        mode = "unawaited" if i % 2 else "awaited"
        res = subprocess.run([sys.executable, "-c", SCRIPT, mode], env=env, capture_output=True, text=True,
                             timeout=60)
        if res.returncode != 0 or res.stdout.strip() != "done":
            failures.append((mode, res.returncode, res.stderr[-300:]))
    assert not failures, failures
