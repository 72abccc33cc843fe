#!/usr/bin/env bash
# A Debian trixie chroot with Swift (Debian's `swiftlang`, 6.0) for compiling and testing the
# generated Swift bindings on a Linux host (Debian bookworm has no Swift compiler).
#
#   scripts/swift-chroot.sh setup                 create the chroot once (≈ 1 min, ≈ 3.3 GB)
#   scripts/swift-chroot.sh run <dir> <command>   run <command> with bash inside the chroot, with
#                                                 the project directory <dir> bind-mounted at the
#                                                 same path; everything is unmounted afterwards,
#                                                 also on failure
#
# The chroot lives outside the project (SKOLBRYGGAN_SWIFT_CHROOT, default
# /var/tmp/skolbryggan-swift-chroot) so reruns skip the download. Needs root and debootstrap
# (installed with apt-get when missing). curl is there for the tests to drive the emulator's
# control API.
set -euo pipefail

ROOT=${SKOLBRYGGAN_SWIFT_CHROOT:-/var/tmp/skolbryggan-swift-chroot}
MIRROR=${SKOLBRYGGAN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
MOUNTS=()

unmount_all() {
    local i
    for (( i=${#MOUNTS[@]}-1; i>=0; i-- )); do
        umount -l "${MOUNTS[$i]}" 2>/dev/null || true
    done
    MOUNTS=()
}
trap unmount_all EXIT INT TERM

bind() { # bind <host path> <path inside the chroot>
    mkdir -p "$ROOT$2"
    mount --bind "$1" "$ROOT$2"
    MOUNTS+=("$ROOT$2")
}

setup() {
    if [[ -x "$ROOT/usr/bin/swiftc" && -x "$ROOT/usr/bin/curl" && -f "$ROOT/.skolbryggan-ready" ]]; then
        echo "swift chroot ready at $ROOT"
        return
    fi
    command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
    if [[ ! -x "$ROOT/usr/bin/apt-get" ]]; then
        rm -rf "$ROOT"
        debootstrap --variant=minbase trixie "$ROOT" "$MIRROR" >/dev/null
    fi
    bind /proc /proc
    bind /dev /dev
    cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
    chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
        bash -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends swiftlang libc6-dev ca-certificates curl >/dev/null'
    unmount_all
    touch "$ROOT/.skolbryggan-ready"
    echo "swift chroot ready at $ROOT"
}

run() { # run <project dir> <command>
    local dir=$1; shift
    setup
    bind /proc /proc
    bind /dev /dev
    bind "$dir" "$dir"
    chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
        bash -c "cd '$dir' && $*"
}

case "${1:-}" in
    setup) setup ;;
    run) shift; run "$@" ;;
    *) echo "usage: $0 setup | run <dir> <command>" >&2; exit 2 ;;
esac
