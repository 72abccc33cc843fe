#!/usr/bin/env bash
# Runs every test suite of Skolbryggan: Rust (unit, integration, emulator), the UniFFI bindings
# (Python wheel, Kotlin, Swift: scripts/test-bindings.sh), Python.
# Installs what it needs from the project's own files first; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n==> %s\n' "$*"; }

log "Python test dependencies"
python3 -m pip install --quiet --disable-pip-version-check -r tests/python/requirements.txt

log "Rust tests (workspace)"
cargo test --workspace --locked

log "Build the CLI and the emulator for the Python suites"
cargo build --locked -p skolbryggan-cli -p skolbryggan-emulator

log "UniFFI bindings: Python wheel, Kotlin (Maven), Swift (chroot)"
bash scripts/test-bindings.sh

log "Python tests"
SKOLBRYGGAN_BIN="$PWD/target/debug/skolbryggan" python3 -m pytest -q tests/python

log "All tests passed"
