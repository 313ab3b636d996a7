#!/usr/bin/env python3
"""Round-trip cost of one cheap libindy command, three ways, on the same library in one run:

* ``raw C``: ctypes calls the C function with a C callback that sets a ``threading.Event``
  (the floor: the library's own round trip plus ctypes);
* ``libindy-rs``: this package (``wrappers/python``), awaited from asyncio;
* ``python3-indy``: the official wrapper from PyPI (1.16.0.post286), awaited from asyncio.

Each command is measured awaited one at a time in a loop, and with 1,000 in flight
(``asyncio.gather``; raw C: 1,000 submitted, then one wait for the last callback). Both
wrappers are packages named ``indy``, so each contender runs in its own fresh process;
rounds alternate the contenders and the median per contender is reported. The wrapper's
overhead is its time per call minus raw C's.

    python wrappers/python/benches/roundtrip.py --library target/release/libindy.so --json out.json

python3-indy is installed with pip into ``target/python3-indy-bench`` (``--python3-indy-dir``)
when it is not there yet.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Tuple

HERE = Path(__file__).resolve().parent
WRAPPER_SRC = HERE.parent  # wrappers/python: the package under test, from the working tree
REPO = HERE.parents[2]
PYTHON3_INDY = "python3-indy==1.16.0.post286"

DID = "V4SGRU86Z58d6TV7PBUe6f"
VERKEY = "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL"
MESSAGE = b'{"reqId":1496822211362017764}'
SIGNATURE = bytes.fromhex(
    "a9d708e1076b6e09c1a2cad6a242eed33fd10cc408d3371b785ecc933568673d3cf9ed7f672edcdf0a5f4b35f5d2f197bf29301e0910"
    "4efc9dced2917d856d0b")
MY1_VERKEY = "GjZWsBLgZCR18aL468JAT7w9CZRiBnpxUPPgyQxh4voa"
COMMANDS = ("abbreviate_verkey", "crypto_verify")
CONTENDERS = ("raw C", "libindy-rs", "python3-indy")


# ---------------------------------------------------------------- one contender, in its own process

def measure_raw(library: str, command: str, calls: int, inflight: int, batches: int) -> Dict[str, float]:
    import ctypes
    import threading
    from ctypes import CFUNCTYPE, c_bool, c_char_p, c_int32, c_uint32

    lib = ctypes.CDLL(library)
    if command == "abbreviate_verkey":
        cb_type = CFUNCTYPE(None, c_int32, c_int32, c_char_p)
        fn = lib.indy_abbreviate_verkey
        fn.argtypes = (c_int32, c_char_p, c_char_p, cb_type)
        args: Tuple[Any, ...] = (DID.encode(), VERKEY.encode())
    else:
        cb_type = CFUNCTYPE(None, c_int32, c_int32, c_bool)
        fn = lib.indy_crypto_verify
        fn.argtypes = (c_int32, c_char_p, c_char_p, c_uint32, c_char_p, c_uint32, cb_type)
        args = (MY1_VERKEY.encode(), MESSAGE, len(MESSAGE), SIGNATURE, len(SIGNATURE))
    fn.restype = c_int32

    done = threading.Event()
    state = {"left": 0}
    lock = threading.Lock()

    def on_answer(handle: int, err: int, *_: Any) -> None:
        assert err == 0, err
        with lock:
            state["left"] -= 1
            last = state["left"] == 0
        if last:
            done.set()

    cb = cb_type(on_answer)

    def run(n: int, together: int) -> None:
        for start in range(0, n, together):
            count = min(together, n - start)
            done.clear()
            state["left"] = count
            for i in range(count):
                assert fn(start + i, *args, cb) == 0
            done.wait()

    run(500, 1)  # warm-up
    run(2000, inflight)
    t = time.perf_counter()
    run(calls, 1)
    sequential = (time.perf_counter() - t) / calls
    t = time.perf_counter()
    run(inflight * batches, inflight)
    together = (time.perf_counter() - t) / (inflight * batches)
    return {"sequential_us": sequential * 1e6, "inflight_us": together * 1e6}


def measure_wrapper(command: str, calls: int, inflight: int, batches: int) -> Dict[str, float]:
    import asyncio

    from indy import crypto, did  # whichever `indy` this process was given

    if command == "abbreviate_verkey":
        def call() -> Any:
            return did.abbreviate_verkey(DID, VERKEY)
    else:
        def call() -> Any:
            return crypto.crypto_verify(MY1_VERKEY, MESSAGE, SIGNATURE)

    async def main() -> Dict[str, float]:
        for _ in range(500):  # warm-up (loads the library)
            assert await call()
        for _ in range(2):
            await asyncio.gather(*(call() for _ in range(inflight)))
        t = time.perf_counter()
        for _ in range(calls):
            await call()
        sequential = (time.perf_counter() - t) / calls
        t = time.perf_counter()
        for _ in range(batches):
            results = await asyncio.gather(*(call() for _ in range(inflight)))
        together = (time.perf_counter() - t) / (inflight * batches)
        assert all(results)
        return {"sequential_us": sequential * 1e6, "inflight_us": together * 1e6}

    return asyncio.run(main())


def child(opts: argparse.Namespace) -> None:
    if opts.child == "raw C":
        res = measure_raw(opts.library, opts.command, opts.calls, opts.inflight, opts.batches)
    else:
        import indy
        res = measure_wrapper(opts.command, opts.calls, opts.inflight, opts.batches)
        print(json.dumps(dict(res, package=str(Path(indy.__file__).parent))))
        return
    print(json.dumps(res))


# ---------------------------------------------------------------- the driver

def ensure_python3_indy(target: Path) -> None:
    if (target / "indy" / "libindy.py").exists():
        return
    print("installing %s into %s" % (PYTHON3_INDY, target), file=sys.stderr)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "--target", str(target), PYTHON3_INDY], check=True)


def run_child(contender: str, command: str, opts: argparse.Namespace) -> Dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "INDY_LIBRARY_PATH", "LD_LIBRARY_PATH")}
    library = str(Path(opts.library).resolve())
    if contender == "libindy-rs":
        env["PYTHONPATH"] = str(WRAPPER_SRC)
        env["INDY_LIBRARY_PATH"] = library
    elif contender == "python3-indy":
        env["PYTHONPATH"] = str(opts.python3_indy_dir)
        env["LD_LIBRARY_PATH"] = str(Path(library).parent)  # it loads "libindy.so" by name
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", contender, "--command", command,
           "--library", library, "--calls", str(opts.calls), "--inflight", str(opts.inflight),
           "--batches", str(opts.batches)]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, cwd=str(HERE))
    try:
        result: Dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise SystemExit("%s failed (exit %d):\n%s%s" % (contender, out.returncode, out.stdout, out.stderr))
    # The figures are in; a process may still die at exit (python3-indy: a library thread
    # re-entering a finalizing interpreter aborts). Counted, not hidden.
    result["exit_code"] = out.returncode
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", default=str(REPO / "target" / "release" / "libindy.so"))
    parser.add_argument("--python3-indy-dir", type=Path, default=REPO / "target" / "python3-indy-bench")
    parser.add_argument("--rounds", type=int, default=9, help="processes per contender and command")
    parser.add_argument("--calls", type=int, default=3000, help="sequential calls per round")
    parser.add_argument("--inflight", type=int, default=1000, help="calls in flight at once")
    parser.add_argument("--batches", type=int, default=5, help="batches of --inflight calls per round")
    parser.add_argument("--command", choices=COMMANDS + ("all",), default="all")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--child", choices=CONTENDERS, help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.child:
        return child(opts)

    if not Path(opts.library).is_file():
        raise SystemExit("no library at %s (cargo build --release -p libindy)" % opts.library)
    ensure_python3_indy(opts.python3_indy_dir)
    commands = COMMANDS if opts.command == "all" else (opts.command,)

    samples: Dict[str, Dict[str, List[Dict[str, Any]]]] = {c: {k: [] for k in CONTENDERS} for c in commands}
    for r in range(opts.rounds):
        for command in commands:
            order = CONTENDERS if r % 2 == 0 else tuple(reversed(CONTENDERS))  # alternate: no order bias
            for contender in order:
                samples[command][contender].append(run_child(contender, command, opts))
        print("round %d/%d done" % (r + 1, opts.rounds), file=sys.stderr)

    report: Dict[str, Any] = {
        "benchmark": "wrappers/python/benches/roundtrip.py",
        "command_line": " ".join([Path(sys.executable).name] + sys.argv),
        "library": str(Path(opts.library).resolve()),
        "python": platform.python_version(),
        "machine": "%s, %d CPUs" % (platform.platform(), os.cpu_count() or 0),
        "rounds": opts.rounds, "sequential_calls": opts.calls, "inflight": opts.inflight, "batches": opts.batches,
        "unit": "microseconds per call: median and min over rounds",
        "commands": {},
    }
    print()
    print("%-18s %-13s %21s %21s %17s %17s" % ("command", "contender", "awaited in loop", "1000 in flight",
                                               "overhead (loop)", "overhead (1000)"))
    for command in commands:
        entry: Dict[str, Any] = {}
        raw: Dict[str, float] = {}
        for contender in CONTENDERS:
            runs = samples[command][contender]
            figures = {}
            for key in ("sequential_us", "inflight_us"):
                values = [s[key] for s in runs]
                figures[key] = round(statistics.median(values), 2)
                figures[key.replace("_us", "_min_us")] = round(min(values), 2)
            entry[contender] = dict(figures)
            entry[contender]["samples"] = [{k: round(v, 2) for k, v in s.items() if k.endswith("_us")} for s in runs]
            if contender == "raw C":
                raw = figures
                over = ("", "")
            else:
                for key in ("sequential_us", "inflight_us", "sequential_min_us", "inflight_min_us"):
                    entry[contender]["overhead_" + key] = round(figures[key] - raw[key], 2)
                entry[contender]["package"] = runs[0].get("package")
                over = ("%+.1f (%+.1f)" % (figures["sequential_us"] - raw["sequential_us"],
                                           figures["sequential_min_us"] - raw["sequential_min_us"]),
                        "%+.1f (%+.1f)" % (figures["inflight_us"] - raw["inflight_us"],
                                           figures["inflight_min_us"] - raw["inflight_min_us"]))
            entry[contender]["processes_failed_at_exit"] = sum(s["exit_code"] != 0 for s in runs)
            print("%-18s %-13s %21s %21s %17s %17s" % (
                command, contender,
                "%.1f (%.1f)" % (figures["sequential_us"], figures["sequential_min_us"]),
                "%.1f (%.1f)" % (figures["inflight_us"], figures["inflight_min_us"]), over[0], over[1]))
        ours, theirs = entry["libindy-rs"], entry["python3-indy"]
        entry["libindy-rs_vs_python3-indy"] = {
            key.replace("_us", "_ratio"): round(ours[key] / theirs[key], 3)
            for key in ("sequential_us", "inflight_us", "sequential_min_us", "inflight_min_us")
        }
        report["commands"][command] = entry
    print("\nmicroseconds per call: median (min) of %d rounds; overhead = contender - raw C" % opts.rounds)
    for command in commands:
        for contender in CONTENDERS:
            failed = report["commands"][command][contender]["processes_failed_at_exit"]
            if failed:
                print("%s, %s: %d of %d processes died at exit (after reporting)" % (command, contender, failed,
                                                                                   opts.rounds))
    if opts.json:
        opts.json.write_text(json.dumps(report, indent=2) + "\n")
        print("wrote %s" % opts.json)


if __name__ == "__main__":
    main()
