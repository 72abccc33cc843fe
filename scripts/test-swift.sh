#!/usr/bin/env bash
# Compiles the generated Swift bindings (+ ios/Sources helpers) and runs the Swift tests (demo
# scenarios, and emulator scenarios: each test starts its own skolbryggan-emulator) with
# Debian trixie's Swift in a chroot (scripts/swift-chroot.sh). Called by scripts/test-bindings.sh.
#
#   scripts/test-swift.sh <dir with generated Skolbryggan.swift + skolbrygganFFI.h> <lib dir>
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
GEN=$(realpath "$1")
LIBDIR=$(realpath "$2")
PKG=$ROOT/target/bindings/swift-pkg

rm -rf "$PKG/Sources" "$PKG/Tests" "$PKG/Package.swift"
mkdir -p "$PKG/Sources/Skolbryggan" "$PKG/Sources/SkolbrygganFFI" "$PKG/Tests"
cp "$GEN/Skolbryggan.swift" ios/Sources/Skolbryggan/*.swift "$PKG/Sources/Skolbryggan/"
cp "$GEN/skolbrygganFFI.h" "$PKG/Sources/SkolbrygganFFI/"
cat > "$PKG/Sources/SkolbrygganFFI/module.modulemap" <<'MAP'
module SkolbrygganFFI {
    header "skolbrygganFFI.h"
    link "skolbryggan"
    export *
}
MAP
cp tests/swift/Package.swift "$PKG/"
cp -r tests/swift/Tests/. "$PKG/Tests/"

bash scripts/swift-chroot.sh run "$ROOT" \
    "cd '$PKG' && SKOLBRYGGAN_LIB_DIR='$LIBDIR' SKOLBRYGGAN_BIN='${SKOLBRYGGAN_BIN:-$ROOT/target/debug/skolbryggan}' SKOLBRYGGAN_EMULATOR_BIN='$ROOT/target/debug/skolbryggan-emulator' LD_LIBRARY_PATH='$LIBDIR' timeout 900 swift test --disable-swift-testing --scratch-path '$PKG/.build' 2>&1"
