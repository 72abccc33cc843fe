#!/usr/bin/env bash
# Builds the phone library (skolbryggan-ffi with `[profile.mobile]`: fat LTO, one codegen unit,
# opt-level z, stripped, rustls on ring, panic = unwind) and reports its size.
#
#   scripts/build-phone-lib.sh [TARGET]      default: the host (x86_64-unknown-linux-gnu here)
#
# Linker flags on top of the profile (they do not change behaviour, only the file):
#   * packed relative relocations (ELF DT_RELR): the ~35 000 relocations of the vtables and
#     string tables take 9 KB instead of 0.8 MB;
#   * identical code folding (`--icf=safe`: only functions whose address is never taken).
# For Android the same two flags go to the NDK's lld (`--pack-dyn-relocs=relr` needs API 30;
# `android+relr` with `--use-android-relr-tags` for API 28); Apple's linker has its own compact
# fixups and unwind info, so the iOS build (ios/build-xcframework.sh) needs nothing here.
#
# aarch64-unknown-linux-gnu (the phones' instruction set, as a proxy for Android arm64) builds
# when `aarch64-linux-gnu-gcc` is installed (apt: gcc-aarch64-linux-gnu), linking with rust-lld.
#
# SKOLBRYGGAN_SIZE_BUDGET=<bytes>: fail (exit 1) when the library is larger. CARGO_TARGET_DIR is
# honoured (scripts/test.sh builds it in a folder of its own, beside the other builds).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${1:-$(rustc -vV | sed -n 's/^host: //p')}

flags=(-C link-arg=-Wl,-z,pack-relative-relocs -C link-arg=-Wl,--icf=safe)
host=$(rustc -vV | sed -n 's/^host: //p')
if [[ "$TARGET" != "$host" ]]; then
    rustup target add "$TARGET" >/dev/null
    case "$TARGET" in
        aarch64-unknown-linux-gnu)
            command -v aarch64-linux-gnu-gcc >/dev/null || {
                echo "needs aarch64-linux-gnu-gcc (apt-get install gcc-aarch64-linux-gnu)" >&2
                exit 2
            }
            export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
            export CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc
            export AR_aarch64_unknown_linux_gnu=aarch64-linux-gnu-ar
            # rust-lld (shipped with rustup) for --icf, as rustc does for the x86_64 host.
            gcc_ld=$(rustc --print sysroot)/lib/rustlib/$host/bin/gcc-ld
            flags=(-C "link-arg=-B$gcc_ld" -C link-arg=-fuse-ld=lld "${flags[@]}")
            ;;
        *)
            echo "target $TARGET: use the platform's own build (Android NDK / ios/build-xcframework.sh)" >&2
            exit 2
            ;;
    esac
fi

RUSTFLAGS="${flags[*]}" cargo build --locked -q -p skolbryggan-ffi --lib --profile mobile --target "$TARGET"
LIB=${CARGO_TARGET_DIR:-$ROOT/target}/$TARGET/mobile/libskolbryggan.so
bytes=$(stat -c %s "$LIB")
gz=$(gzip -9c "$LIB" | wc -c)
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1e6 }'; }
echo "phone library $TARGET: $LIB"
echo "  $(mb "$bytes") ($bytes bytes); gzip -9: $(mb "$gz") (what a store download carries, roughly)"
size -A "$LIB" | awk '$1 ~ /^\./ && $2 > 100000 { printf "    %-20s %9d\n", $1, $2 }'
if [[ -n "${SKOLBRYGGAN_SIZE_BUDGET:-}" ]] && (( bytes > SKOLBRYGGAN_SIZE_BUDGET )); then
    echo "the phone library grew past its budget of $(mb "$SKOLBRYGGAN_SIZE_BUDGET")" >&2
    exit 1
fi
