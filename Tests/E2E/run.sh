#!/usr/bin/env bash
# Runs the browser end-to-end tests against an already built `bms` (BMS_BIN, default .build/debug/bms):
# a virtual environment under .build/e2e-venv with Tests/E2E/requirements.txt, then pytest. Needs
# Debian's chromium and chromium-driver (the Makefile's `e2e` target and .ci/run install them).
# Extra arguments go to pytest, e.g. Tests/E2E/run.sh -k login.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

venv=.build/e2e-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
# Reinstall only when the requirements changed since the last install.
stamp="$venv/.requirements"
if ! cmp -s Tests/E2E/requirements.txt "$stamp"; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r Tests/E2E/requirements.txt
    cp Tests/E2E/requirements.txt "$stamp"
fi

export BMS_BIN="${BMS_BIN:-.build/debug/bms}"
if [ ! -x "$BMS_BIN" ]; then
    echo "No bms binary at $BMS_BIN: build it first (swift build), or set BMS_BIN." >&2
    exit 1
fi
exec "$venv/bin/python" -m pytest Tests/E2E -p no:cacheprovider "$@"
