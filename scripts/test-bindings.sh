#!/usr/bin/env bash
# The foreign-language suites of the UniFFI bindings, against the real library:
#   1. builds the library once (maturin, dev profile: the cdylib + the Python wheel) and installs
#      the wheel, so Python tests `import skolbryggan` from site-packages;
#   2. generates the Kotlin and Swift bindings from that same library with the workspace's
#      uniffi-bindgen;
#   3. runs the Python (pytest), Kotlin (Maven, JVM + JNA) and Swift (swift test in a Debian
#      trixie chroot) suites.
# Each step prints its wall time. SKOLBRYGGAN_SKIP_SWIFT=1 skips the Swift suite.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
GEN=$ROOT/target/bindings
LIBDIR=$ROOT/target/bindings/lib

step_start=0
log() { printf '\n==> %s\n' "$*"; step_start=$(date +%s); }
took() { echo "    ($(( $(date +%s) - step_start )) s)"; }

log "Python build tools"
python3 -m pip install --quiet --disable-pip-version-check -r tests/python/requirements.txt
took

log "Build the library once and the Python wheel (maturin, uniffi bindings)"
rm -rf "$GEN/wheels"
python3 -m maturin build --locked -m bindings/skolbryggan-ffi/Cargo.toml --profile dev --features test-support -o "$GEN/wheels"
python3 -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$GEN"/wheels/skolbryggan-*.whl
# The library inside the installed wheel is the one every suite loads.
rm -rf "$LIBDIR" && mkdir -p "$LIBDIR"
cp "$(cd /tmp && python3 -c 'import os, skolbryggan; print(os.path.dirname(skolbryggan.__file__))')/libskolbryggan.so" "$LIBDIR/"
took

log "The CLI (the Rust side of the cross-checks), the emulator and uniffi-bindgen"
bash scripts/build-tools.sh
export SKOLBRYGGAN_BIN=$ROOT/target/debug/skolbryggan
took

log "Generate the Kotlin and Swift bindings from the same library"
rm -rf "$GEN/kotlin" "$GEN/swift"
target/debug/uniffi-bindgen generate --config bindings/uniffi-global.toml \
    "$LIBDIR/libskolbryggan.so" -l kotlin -o "$GEN/kotlin" --no-format
target/debug/uniffi-bindgen generate --config bindings/uniffi-global.toml \
    "$LIBDIR/libskolbryggan.so" -l swift -o "$GEN/swift" --no-format
took

log "Python suite (installed wheel)"
# The CLI's own suites (.ics export, the emulator, the QR in a terminal) ran in scripts/test.sh.
(cd /tmp && python3 -m pytest -q -p no:cacheprovider --rootdir="$ROOT/tests/python" "$ROOT/tests/python" --ignore="$ROOT/tests/python/test_cli_emulator.py" --ignore="$ROOT/tests/python/test_ics_export.py" --ignore="$ROOT/tests/python/test_cli_qr_terminal.py")
took

log "Kotlin suite (Maven)"
command -v mvn >/dev/null || { apt-get update -qq && apt-get install -y -qq maven >/dev/null; }
# Maven's own exit status decides (with pipefail, `|| true` after the filter would swallow it).
(cd tests/kotlin && set +e +o pipefail && mvn -B -ntp clean test -Dkotlin.compiler.daemon=false \
    -Dskolbryggan.generated="$GEN/kotlin" -Dskolbryggan.libdir="$LIBDIR" -Dskolbryggan.cli="$SKOLBRYGGAN_BIN" -Dskolbryggan.emulator="$ROOT/target/debug/skolbryggan-emulator" \
    | grep -E "Tests run|BOUNDARY|FAIL|ERROR|BUILD" ; exit "${PIPESTATUS[0]}")
took

if [[ "${SKOLBRYGGAN_SKIP_SWIFT:-0}" != 1 ]]; then
    log "Swift suite (Debian trixie chroot)"
    bash scripts/test-swift.sh "$GEN/swift" "$LIBDIR"
    took
fi
