#!/usr/bin/env python3
"""Draws the performance report's JSON (cargo bench -p libindy --bench report) as PNGs:
latency under load, throughput against commands in flight, and scaling with threads.

    python3 ci/plot_bench.py [target/bench/report.json] [docs/bench]

Needs matplotlib; `bash ci/plot_bench.sh` installs it in a venv and runs this.
"""
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def machine_line(report):
    m = report["machine"]
    return "%d cores, %s" % (m["cores"], m["cpu"] or m["os"])


def latency(report, out):
    fig, ax = plt.subplots(figsize=(9, 4.5))
    modes = list(report["hipe"].values())
    phases = [row["phase"] for row in modes[0]["rows"]]
    width = 0.8 / (2 * len(modes))
    for i, mode in enumerate(modes):
        for j, (key, hatch) in enumerate((("p50_ms", ""), ("p99_ms", "//"))):
            offset = (2 * i + j) * width - 0.4 + width / 2
            values = [row[key] for row in mode["rows"]]
            ax.bar([x + offset for x in range(len(phases))], values, width, hatch=hatch,
                   label="%s, %s" % (mode["label"].split(" (")[0], key.split("_")[0]))
    ax.set_xticks(range(len(phases)))
    ax.set_xticklabels([p.replace("during ", "during\n") for p in phases], fontsize=8)
    ax.set_ylabel("create_and_store_my_did latency (ms)")
    ax.set_title("DID creation while expensive work runs (%s)" % machine_line(report), fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "latency.png", dpi=110)


def throughput(report, out):
    rows = report["throughput"]
    ops = sorted({r["op"] for r in rows}, key=[r["op"] for r in rows].index)
    fig, axes = plt.subplots(1, len(ops), figsize=(3.2 * len(ops), 3.6))
    for ax, op in zip(axes, ops):
        mine = [r for r in rows if r["op"] == op]
        ks = [r["in_flight"] for r in mine]
        ax.plot(ks, [r["abi_ops_per_s"] for r in mine], "o-", label="C ABI")
        ax.plot(ks, [r["raw_ops_per_s"] for r in mine], "s--", label="raw crate")
        ax.set_xscale("log", base=2)
        ax.set_xticks(ks)
        ax.set_xticklabels([str(k) for k in ks])
        ax.set_title(op, fontsize=9)
        ax.set_xlabel("in flight")
    axes[0].set_ylabel("ops/s")
    axes[0].legend(fontsize=8)
    fig.suptitle("Throughput vs commands in flight (%s)" % machine_line(report), fontsize=10)
    fig.tight_layout()
    fig.savefig(out / "throughput.png", dpi=110)


def scaling(report, out):
    rows = report["scaling"]
    fig, ax = plt.subplots(figsize=(5, 3.6))
    threads = [r["threads"] for r in rows]
    ax.plot(threads, [r["abi_ops_per_s"] for r in rows], "o-", label="crypto_sign, C ABI (256 in flight)")
    ax.plot(threads, [r["raw_ops_per_s"] for r in rows], "s--", label="ed25519-dalek, same threads")
    ax.set_xticks(threads)
    ax.set_xlabel("cheap pool threads")
    ax.set_ylabel("signatures/s")
    ax.set_title("Scaling (%s)" % machine_line(report), fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "scaling.png", dpi=110)


def main():
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "target/bench/report.json")
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/bench")
    out.mkdir(parents=True, exist_ok=True)
    report = json.loads(source.read_text())
    latency(report, out)
    throughput(report, out)
    scaling(report, out)
    print("wrote %s/{latency,throughput,scaling}.png" % out)


if __name__ == "__main__":
    main()
