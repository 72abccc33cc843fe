#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser with cargo-fuzz and libFuzzer (docs/fuzzing.md).
#
#   bash scripts/fuzz.sh --ci               every target for CI_SECONDS (9) s; fails on a crash
#   bash scripts/fuzz.sh [--seconds N] [--jobs J] [TARGET...]
#                                           a longer run: N s per target (default 60), all
#                                           targets unless named, J targets at a time (default:
#                                           one per core; each libFuzzer process uses one)
#   bash scripts/fuzz.sh [--ci] --build     install the tools and build every target, run none
#                                           (scripts/test.sh builds for --ci this way, in the
#                                           background)
#
# Needs the nightly toolchain (installed if missing, minimal profile) and cargo-fuzz (installed
# from crates.io, pinned, if missing). Seeds come from core/tests/fixtures at run time
# (scripts/fuzz-seeds.sh); the corpus grows in fuzz/corpus/<target>/ across runs, crashes land
# in fuzz/artifacts/<target>/, each run's libFuzzer log in fuzz/artifacts/<target>.log.
# Prints one line per target: executions, coverage (cov = edges, ft = features), corpus, crashes.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.1
CI_SECONDS=9
seconds=60
ci=0
build_only=0
jobs=$(nproc)
targets=()
while (( $# )); do
    case "$1" in
    --ci) ci=1 ;;
    --build) build_only=1 ;;
    --seconds) seconds=${2:?--seconds needs a number}; shift ;;
    --jobs) jobs=${2:?--jobs needs a number}; shift ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1") ;;
    esac
    shift
done
(( ci )) && seconds=$CI_SECONDS
# The CI smoke run builds at fuzz/Cargo.toml's opt-level 1 (quicker to build); a longer run is
# worth the full optimisation.
(( ci )) || export CARGO_PROFILE_RELEASE_OPT_LEVEL=${CARGO_PROFILE_RELEASE_OPT_LEVEL:-3}

if ! rustup toolchain list | grep -q '^nightly'; then
    echo "==> installing the nightly toolchain (cargo-fuzz needs it)"
    rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "==> installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

# cargo fuzz SUBCOMMAND, on the fuzz crate (the option goes before any `--` for libFuzzer).
fuzz() {
    local sub=$1
    shift
    cargo +nightly fuzz "$sub" --fuzz-dir fuzz "$@"
}

if (( ${#targets[@]} == 0 )); then
    mapfile -t targets < <(fuzz list)
fi

echo "==> building ${#targets[@]} fuzz targets (nightly, ASan, coverage instrumentation)"
fuzz build

(( build_only )) && exit 0

# fuzz_one TARGET: seeds it, runs it for $seconds s; writes its summary line to
# fuzz/artifacts/TARGET.summary and libFuzzer's exit status to fuzz/artifacts/TARGET.status.
fuzz_one() {
    local target=$1 log status=0 execs last cov ft corp crashes
    rm -f "fuzz/artifacts/$target.status" "fuzz/artifacts/$target.summary"
    rm -rf "fuzz/corpus/$target/"seed-*
    bash scripts/fuzz-seeds.sh "$target"
    mkdir -p "fuzz/artifacts/$target"
    log=fuzz/artifacts/$target.log
    echo "==> fuzzing $target for $seconds s"
    fuzz run "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        >"$log" 2>&1 || status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
    ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
    corp=$(sed -nE 's/.* corp: ([0-9]+).*/\1/p' <<<"$last")
    crashes=$(find "fuzz/artifacts/$target" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' \) | wc -l)
    printf '%-22s %5s s  execs %-9s cov %-6s ft %-7s corpus %-6s crashes %s\n' \
        "$target" "$seconds" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crashes" \
        >"fuzz/artifacts/$target.summary"
    echo "$status" >"fuzz/artifacts/$target.status"
}

running=0
for target in "${targets[@]}"; do
    if (( running >= jobs )); then
        wait -n || true
        running=$(( running - 1 ))
    fi
    fuzz_one "$target" &
    running=$(( running + 1 ))
done
wait

failed=()
for target in "${targets[@]}"; do
    status=$(cat "fuzz/artifacts/$target.status" 2>/dev/null || echo 1)
    if (( status != 0 )); then
        failed+=("$target")
        echo "!! $target failed (exit $status); the end of fuzz/artifacts/$target.log:"
        # A target that failed before libFuzzer started (its seeds) has no log.
        tail -n 40 "fuzz/artifacts/$target.log" 2>/dev/null || true
    fi
done

echo "==> fuzzing summary"
for target in "${targets[@]}"; do cat "fuzz/artifacts/$target.summary" 2>/dev/null || echo "$target: no summary"; done
if (( ${#failed[@]} )); then
    echo "!! crashes in: ${failed[*]} (inputs under fuzz/artifacts/<target>/; minimise with" \
        "cargo +nightly fuzz tmin --fuzz-dir fuzz <target> <input>, then add a regression test)"
    exit 1
fi
