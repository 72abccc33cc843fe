#!/usr/bin/env bash
# Builds ios/SkolbrygganFFI.xcframework (the Rust library for iOS devices, the iOS simulator and
# macOS) and generates the Swift bindings into ios/Sources/Skolbryggan/. Apple platforms only:
# needs macOS with Xcode (xcodebuild, lipo) and rustup. It cannot run on the Linux CI machine;
# there, scripts/test-swift.sh compiles and tests the same generated Swift against the Linux
# library.
#
# The library is built with the size profile `[profile.mobile]` (fat LTO, one codegen unit,
# opt-level z, rustls with ring, panic = unwind). The bindings are generated from an unstripped
# host build, because uniffi-bindgen reads the library's metadata symbols.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/ios
BUILD=$ROOT/target/ios
PROFILE=${SKOLBRYGGAN_PROFILE:-mobile}
TARGETS=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin)

[[ "$(uname)" == Darwin ]] || { echo "build-xcframework.sh needs macOS with Xcode" >&2; exit 2; }
rustup target add "${TARGETS[@]}"

for t in "${TARGETS[@]}"; do
    cargo build --locked -p skolbryggan-ffi --profile "$PROFILE" --target "$t"
done

# Bindings (Swift + the C header + module map) from an unstripped host build.
cargo build --locked -p skolbryggan-ffi
rm -rf "$BUILD" && mkdir -p "$BUILD/headers" "$BUILD/gen"
cargo run --locked -q -p uniffi-bindgen -- generate --config bindings/uniffi-global.toml \
    target/debug/libskolbryggan.dylib -l swift -o "$BUILD/gen" --no-format
cp "$BUILD/gen/Skolbryggan.swift" "$OUT/Sources/Skolbryggan/Skolbryggan.swift"
cp "$BUILD/gen/skolbrygganFFI.h" "$BUILD/headers/"
cat > "$BUILD/headers/module.modulemap" <<'MAP'
module SkolbrygganFFI {
    header "skolbrygganFFI.h"
    export *
}
MAP

lib() { echo "$ROOT/target/$1/$PROFILE/libskolbryggan.a"; }
mkdir -p "$BUILD/ios-sim" "$BUILD/macos"
lipo -create "$(lib aarch64-apple-ios-sim)" "$(lib x86_64-apple-ios)" -output "$BUILD/ios-sim/libskolbryggan.a"
lipo -create "$(lib aarch64-apple-darwin)" "$(lib x86_64-apple-darwin)" -output "$BUILD/macos/libskolbryggan.a"

rm -rf "$OUT/SkolbrygganFFI.xcframework"
xcodebuild -create-xcframework \
    -library "$(lib aarch64-apple-ios)" -headers "$BUILD/headers" \
    -library "$BUILD/ios-sim/libskolbryggan.a" -headers "$BUILD/headers" \
    -library "$BUILD/macos/libskolbryggan.a" -headers "$BUILD/headers" \
    -output "$OUT/SkolbrygganFFI.xcframework"
echo "built $OUT/SkolbrygganFFI.xcframework"
