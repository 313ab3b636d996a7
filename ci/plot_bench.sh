#!/usr/bin/env bash
# Runs the performance report and draws its plots into docs/bench:
#   bash ci/plot_bench.sh            # cargo bench -p libindy --bench report, then plots
#   SKIP_RUN=1 bash ci/plot_bench.sh # plots from the last target/bench/report.json
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
if [ "${SKIP_RUN:-0}" != "1" ]; then
    cargo bench -p libindy --bench report -- --json "$repo/target/bench/report.json"
fi
venv="$repo/target/venv-plot"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "matplotlib>=3.7"
"$venv/bin/python" ci/plot_bench.py target/bench/report.json docs/bench
