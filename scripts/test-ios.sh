#!/usr/bin/env bash
# The iOS app's checks on Linux (no Xcode here; see ios/README.md for the Mac):
#   1. builds the FFI library and the emulator, generates the Swift bindings from that library;
#   2. assembles ios/linux/Package.swift under target/ios-linux (generated bindings, ios/Sources,
#      ios/Tests) and checks the layering by imports (view models without SwiftUI/UIKit, views
#      without the bindings);
#   3. runs `swift build` + `swift test` in the Debian trixie chroot
#      (scripts/swift-chroot.sh): the app-side protocol, the demo core, the view models and the
#      background/notification/calendar logic, against the real library (demo and emulator);
#   4. parses every Swift file of the app layer (SwiftUI, UIKit, Security, EventKit, BackgroundTasks
#      do not exist on Linux) with `swiftc -parse`, and type-checks those that need only Foundation and SkolbrygganKit;
#   5. checks the String Catalog against the shared catalog l10n/ (every key in every language,
#      plurals, placeholders) and that the generated files are current.
# Each step prints its wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PKG=$ROOT/target/ios-linux
GEN=$PKG/gen
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}

step_start=0
log() { printf '\n==> %s\n' "$*"; step_start=$(date +%s); }
took() { echo "    ($(( $(date +%s) - step_start )) s)"; }

log "The FFI library, the emulator and the generated Swift bindings"
# The library and the programs (CLI, emulator, uniffi-bindgen: scripts/build-tools.sh) are built
# in separate cargo runs, each with the package set the other scripts use: built together, their
# dependencies' features unify differently and everything is compiled again (≈ 12 min here).
# SKOLBRYGGAN_FFI_LIB_DIR: an already built library (scripts/test.sh passes the one
# scripts/test-bindings.sh built).
if [[ -n "${SKOLBRYGGAN_FFI_LIB_DIR:-}" ]]; then
    LIBDIR=$SKOLBRYGGAN_FFI_LIB_DIR
else
    cargo build --locked -q -p skolbryggan-ffi --features test-support
    LIBDIR=$ROOT/target/debug
fi
bash scripts/build-tools.sh
rm -rf "$GEN" && mkdir -p "$GEN"
target/debug/uniffi-bindgen generate --config bindings/uniffi-global.toml \
    "$LIBDIR/libskolbryggan.so" -l swift -o "$GEN" --no-format
took

log "Assemble the Linux package (target/ios-linux)"
# Assembled in a staging folder, then only changed files are copied over, so a rerun rebuilds
# only what changed (the generated bindings alone take ≈ 1.5 min to compile).
STAGE=$PKG/stage
rm -rf "$STAGE"
mkdir -p "$STAGE/Sources/Skolbryggan" "$STAGE/Sources/SkolbrygganFFI" "$STAGE/Tests"
cp "$GEN/Skolbryggan.swift" ios/Sources/Skolbryggan/*.swift "$STAGE/Sources/Skolbryggan/"
cp "$GEN/skolbrygganFFI.h" "$STAGE/Sources/SkolbrygganFFI/"
cat > "$STAGE/Sources/SkolbrygganFFI/module.modulemap" <<'MAP'
module SkolbrygganFFI {
    header "skolbrygganFFI.h"
    link "skolbryggan"
    export *
}
MAP
cp -r ios/Sources/SkolbrygganKit ios/Sources/SkolbrygganLive ios/linux/ObservationLinuxShim "$STAGE/Sources/"
cp -r ios/Tests/. "$STAGE/Tests/"
cp ios/linux/Package.swift "$STAGE/"
for tree in Sources Tests; do
    [[ -d "$PKG/$tree" ]] || mkdir -p "$PKG/$tree"
    # Files gone from the sources go from the package too.
    (cd "$PKG/$tree" && find . -type f) | while read -r f; do [[ -e "$STAGE/$tree/$f" ]] || rm -f "$PKG/$tree/$f"; done
    (cd "$STAGE/$tree" && find . -type f) | while read -r f; do
        cmp -s "$STAGE/$tree/$f" "$PKG/$tree/$f" || { mkdir -p "$(dirname "$PKG/$tree/$f")"; cp "$STAGE/$tree/$f" "$PKG/$tree/$f"; }
    done
done
cmp -s "$STAGE/Package.swift" "$PKG/Package.swift" || cp "$STAGE/Package.swift" "$PKG/Package.swift"
rm -rf "$STAGE"
took

log "Layering: the view-model module imports neither SwiftUI nor UIKit; screens never touch the bindings"
if grep -rnE '^\s*import\s+(SwiftUI|UIKit)\b' ios/Sources/SkolbrygganKit ios/Sources/SkolbrygganLive; then
    echo "SkolbrygganKit/SkolbrygganLive must not import SwiftUI or UIKit" >&2; exit 1
fi
if grep -rnE '^\s*import\s+(Skolbryggan|SkolbrygganLive)\s*$' ios/App/Sources/Views; then
    echo "views render SkolbrygganKit state only: no import of the bindings or the live core" >&2; exit 1
fi
took

log "swift build + swift test (Debian trixie chroot)"
bash scripts/swift-chroot.sh run "$ROOT" \
    "cd '$PKG' && export SKOLBRYGGAN_LIB_DIR='$LIBDIR' SKOLBRYGGAN_EMULATOR_BIN='$ROOT/target/debug/skolbryggan-emulator' LD_LIBRARY_PATH='$LIBDIR' && swift build --build-tests --scratch-path '$PKG/.build' 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' ; test \${PIPESTATUS[0]} -eq 0 && timeout 900 swift test --skip-build --disable-swift-testing --scratch-path '$PKG/.build' 2>&1 | grep -E 'Test Case .*(passed|failed)|error|Executed|XCTAssert|fatal' ; exit \${PIPESTATUS[0]}"
took

log "swiftc: every app-layer file parses; those that need only Foundation and SkolbrygganKit type-check"
mapfile -t APP_SWIFT < <(find ios/App -name '*.swift' | sort)
PORTABLE=()
for f in "${APP_SWIFT[@]}"; do
    grep -E '^\s*import\s' "$f" | grep -qvE '^\s*import\s+(Foundation|SkolbrygganKit)\s*$' || PORTABLE+=("$f")
done
bash scripts/swift-chroot.sh run "$ROOT" \
    "swiftc -parse ${APP_SWIFT[*]} && swiftc -typecheck -I '$PKG/.build/debug/Modules' ${PORTABLE[*]}"
echo "    parsed ${#APP_SWIFT[@]} files, type-checked ${#PORTABLE[@]} together: ${PORTABLE[*]}"
took

log "String Catalog: generated from l10n/, every key in every language"
# l10n/generate.py (whose checks this reuses) reads CLDR plural rules through Babel.
python3 -c 'import babel' 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check 'babel==2.17.0'
python3 ios/scripts/generate-strings.py --check
took
