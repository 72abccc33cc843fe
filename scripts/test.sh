#!/usr/bin/env bash
# Runs every test suite of Skolbryggan: Rust (unit, integration, emulator), the CLI from Python,
# the UniFFI bindings from Python, Kotlin and Swift (scripts/test-bindings.sh), the Android app
# (scripts/test-android.sh), the iOS app on Linux (scripts/test-ios.sh), a short coverage-guided
# fuzzing run of every parser (scripts/fuzz.sh --ci, nightly + cargo-fuzz), and the phone
# library's size budget (scripts/build-phone-lib.sh).
# Installs what it needs from the project's own files first; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step's heading carries the run's elapsed time, so a CI log shows where the minutes go.
run_start=$(date +%s)
log() { printf '\n==> [%4d s] %s\n' "$(( $(date +%s) - run_start ))" "$*"; }

# Background jobs: what needs no other step's output starts early at the lowest CPU priority and
# uses what the suites leave idle (a suite waiting on the emulator, a one-core Kotlin or Swift
# compile, a download): the Swift chroot (mostly downloads), the fuzz targets on nightly and the
# phone library in its size profile. The step that needs one waits for it and prints its log.
# Each build has a target directory of its own, so no cargo run waits for another's lock.
JOBS=target/ci-jobs
declare -A job_pid
start_job() { # start_job NAME COMMAND...
    local name=$1
    shift
    mkdir -p "$JOBS"
    rm -f "$JOBS/$name.status"
    ( set +e; nice -n 19 "$@" >"$JOBS/$name.log" 2>&1; echo $? >"$JOBS/$name.status" ) &
    job_pid[$name]=$!
}
wait_job() { # wait_job NAME: waits for it, prints its log, fails when it failed
    local name=$1 status
    wait "${job_pid[$name]}" || true
    cat "$JOBS/$name.log"
    status=$(cat "$JOBS/$name.status" 2>/dev/null || echo 1)
    (( status == 0 )) || { echo "!! background job $name failed (exit $status)" >&2; return "$status"; }
}
# On the way out (a failed step), the jobs still running go too. Never fails: a job that has
# ended already is no error (set -e holds inside the EXIT trap as well).
kill_tree() { local child; for child in $(pgrep -P "$1" || true); do kill_tree "$child"; done; kill "$1" 2>/dev/null || true; }
stop_jobs() { local pid; for pid in "${job_pid[@]}"; do kill_tree "$pid"; done; }
trap stop_jobs EXIT

log "Python test dependencies"
python3 -m pip install --quiet --disable-pip-version-check -r tests/python/requirements.txt

start_job swift-chroot bash scripts/swift-chroot.sh setup

log "Rust tests (workspace), with outbound network blocked (scripts/offline.sh: loopback only)"
cargo fetch --locked
start_job fuzz-build bash scripts/fuzz.sh --ci --build
# The size budget: x86_64 here: 8.02 MB when the budget was first set (aarch64: 7.27 MB); 8.58 MB
# once key safety, typed errors and the registry landed (2026-12-02), before the app-surface calls
# (home cards, writes, feed, background refresh, content). The budget stops unnoticed growth; the
# 6 MB goal (issue 18) needs a smaller cache encoding and HTML stack. See bindings/README.md.
# 10.05 MB (10,046,632 bytes) on 2026-12-02 after SchoolSoft, Vklass, the public menus, IM1 and
# the exported Debug of every record (Python reprs): budget 10.5 MB until the size work lands.
# 9.77 MB (9,766,568 bytes) on 2026-12-02 after linking only Europe/Stockholm instead of the whole
# tz database (docs/phone-library-size.md): budget 9.9 MB.
# 2026-12-02, all of stop 22 merged: 10,055,720 bytes. The single-zone change (−280 KB) is eaten
# by the SVG QR reader (rqrr, GrandID frames), the family model, the transport policy and the
# hardened Markdown/cookie code: budget 10.3 MB (docs/phone-library-size.md).
start_job phone-lib env CARGO_TARGET_DIR="$PWD/target/phone" SKOLBRYGGAN_SIZE_BUDGET=10300000 \
    bash scripts/build-phone-lib.sh
CARGO_NET_OFFLINE=true bash scripts/offline.sh cargo test --workspace --locked

log "Log scan: the emulator scenarios at TRACE, on their own and on one thread (docs/security.md)"
# --workspace, as above: with `-p skolbryggan` alone the features unify differently and the test
# binary is compiled a second time.
CARGO_NET_OFFLINE=true bash scripts/offline.sh cargo test --workspace --locked --test integration \
    -- --ignored --test-threads 1 log_scan

log "Build the CLI, the emulator and uniffi-bindgen for the foreign suites (scripts/build-tools.sh)"
bash scripts/build-tools.sh

log "Python tests of the CLI (.ics export, login/sync/show against the emulator, the QR in a real terminal)"
SKOLBRYGGAN_BIN="$PWD/target/debug/skolbryggan" bash scripts/offline.sh \
    python3 -m pytest -q -p no:cacheprovider tests/python/test_ics_export.py tests/python/test_cli_emulator.py \
    tests/python/test_cli_qr_terminal.py

log "Bindings: Python (installed wheel), Kotlin (Maven), Swift (chroot)"
wait_job swift-chroot
bash scripts/test-bindings.sh

# The Android and iOS suites load the library the bindings suites just built and tested.
export SKOLBRYGGAN_FFI_LIB_DIR=$PWD/target/bindings/lib

log "Android app: string catalog, portable Compose, screens + goldens, view models on the fake and the real core"
bash scripts/test-android.sh

log "iOS app (Linux): view models + live core against the library (swift test, chroot), app files parsed/type-checked, String Catalog"
bash scripts/test-ios.sh

log "Fuzzing: every parser, 9 s per target, two at a time (docs/fuzzing.md; fails on a crash)"
wait_job fuzz-build
bash scripts/fuzz.sh --ci

log "Phone library: size profile + linker flags, within its size budget (built in the background)"
wait_job phone-lib

log "All tests passed"
