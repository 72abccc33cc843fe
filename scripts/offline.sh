#!/usr/bin/env bash
# Runs a command with outbound network blocked: in a new network namespace whose only interface
# is loopback (unshare -rn, then `ip link set lo up`). A test that tries to reach beyond loopback
# fails there (no route, no DNS) instead of passing by luck. Used by scripts/test.sh for the Rust
# suites and the CLI suites; fetch dependencies before (cargo fetch), since nothing can be
# downloaded inside.
#   bash scripts/offline.sh cargo test --workspace --locked
# SKOLBRYGGAN_NO_NETNS=1 runs the command as is (for a machine without user namespaces), and
# says so.
set -euo pipefail
if [[ "${SKOLBRYGGAN_NO_NETNS:-}" == 1 ]]; then
    echo "offline.sh: SKOLBRYGGAN_NO_NETNS=1, running WITH network: $*" >&2
    exec "$@"
fi
if ! unshare -rn true 2>/dev/null; then
    echo "offline.sh: cannot create a network namespace (unshare -rn) on this machine;" >&2
    echo "set SKOLBRYGGAN_NO_NETNS=1 to run the tests with network instead" >&2
    exit 1
fi
exec unshare -rn bash -c '
    ip link set lo up
    # Prove the block before trusting it: a connection to a public address must fail at once.
    if python3 -c "import socket; socket.create_connection((\"1.1.1.1\", 443), timeout=2)" 2>/dev/null; then
        echo "offline.sh: the network namespace still reaches the outside" >&2; exit 1
    fi
    exec "$@"' offline "$@"
