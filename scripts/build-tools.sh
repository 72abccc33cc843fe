#!/usr/bin/env bash
# Builds the programs the foreign suites drive, in one cargo run: the CLI (target/debug/skolbryggan),
# the upstream emulator (target/debug/skolbryggan-emulator) and the workspace's uniffi-bindgen
# (target/debug/uniffi-bindgen).
#
# Cargo unifies dependency features over the packages of one invocation, so `-p a` and `-p a -p b`
# compile tokio, hyper, reqwest and the core twice with different features. Every script that
# needs these programs calls this one, with this one package set, so a CI run compiles them once
# (scripts/test.sh, test-bindings.sh, test-android.sh, test-ios.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --locked -q -p skolbryggan-cli -p skolbryggan-emulator -p uniffi-bindgen
