#!/usr/bin/env bash
# Vigil's two commands (and a few more):
#   ./run.sh test   install what is missing, build, run every test
#   ./run.sh demo   install what is missing, build, start the whole system on loopback
#   ./run.sh asan   build and test with AddressSanitizer + UBSan, then fuzz each parser (CI too)
#   ./run.sh bench  build in Release and run the benchmarks
#   ./run.sh soak   build in Release, run the soak (--minutes N, default 60; bench/soak.sh --help)
#   ./run.sh test-trixie  the whole test on Debian 13 (Qt 6.8, libgpiod 2) in a debootstrap root
#   ./run.sh cross-arm64  build for aarch64 (Debian multiarch), run the tests under qemu-user
set -euo pipefail
cd "$(dirname "$0")"

DEBIAN_PACKAGES=(
    build-essential cmake ninja-build pkg-config git ca-certificates openssl sqlite3 procps
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-httpserver-dev qt6-websockets-dev
    qt6-declarative-dev qt6-declarative-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-multimedia-dev
    qt6-qpa-plugins qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
    qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml-workerscript
    qml6-module-qttest qml6-module-qtqml qml6-module-qtqml-models
    libmosquitto-dev mosquitto mosquitto-clients libgpiod-dev libsystemd-dev libsodium-dev
    chromium python3-yaml systemd
)
# For the tests only: the sound server the dashboard's alert chime plays into. Left out where
# PipeWire serves the desktop's sound (installing it would replace pipewire-pulse); the test
# then says it skipped the playback.
TEST_PACKAGES=(pulseaudio)
# The default preset's lint tests (lint_format, lint_clang_tidy) run Debian 12's LLVM tools;
# the other presets leave them off (VIGIL_LINT_TOOLS), so they need not install them.
LINT_PACKAGES=(clang-format clang-tidy)
# `./run.sh asan` also builds and runs the libFuzzer targets, with Debian 12's clang.
FUZZ_PACKAGES=(clang libfuzzer-14-dev)

log() { printf 'run.sh: %s\n' "$*" >&2; }

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# The packages the build needs, and the ones given (the tests' own).
install_packages() {
    local missing=() package
    for package in "${DEBIAN_PACKAGES[@]}" "$@"; do
        installed "$package" || missing+=("$package")
    done
    # Node.js may come from elsewhere (NodeSource ships npm inside its nodejs package), so only
    # Debian's packages are asked for when the commands are missing.
    command -v node >/dev/null || missing+=(nodejs)
    # npm only fetches the web tests' packages; a tree that has them (test-trixie runs in the
    # host's tree) needs no npm, which on Debian 13 is hundreds of packages.
    command -v npm >/dev/null || [ -d tests/web/node_modules ] || missing+=(npm)
    if [ ${#missing[@]} -gt 0 ]; then
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        log "installing ${missing[*]}"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
    if [ -f tests/web/package-lock.json ] && [ ! -d tests/web/node_modules ]; then
        log "installing the web tests' npm packages"
        (cd tests/web && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

install_test_packages() {
    local wanted=()
    installed pipewire-pulse || wanted+=("${TEST_PACKAGES[@]}")
    [ "$PRESET" = default ] && wanted+=("${LINT_PACKAGES[@]}")
    install_packages "${wanted[@]}"
}

build() {
    local preset=$1 extra=()
    [ "${CI:-}" = "true" ] && extra+=(-DVIGIL_WERROR=ON)
    cmake --preset "$preset" "${extra[@]}" >/dev/null
    cmake --build --preset "$preset"
}

run_tests() {
    local preset=$1
    shift
    ctest --preset "$preset" --parallel "$(nproc)" "$@"
}

# The build folder and ctest settings: `default` (build/), or another preset of
# CMakePresets.json, e.g. `trixie` (build-trixie/) inside the Debian 13 root of test-trixie.
PRESET=${VIGIL_PRESET:-default}

command=${1:-help}
shift || true
case "$command" in
    test)
        install_test_packages
        build "$PRESET"
        run_tests "$PRESET" "$@"
        ;;
    test-trixie)
        exec scripts/test-trixie.sh "$@"
        ;;
    cross-arm64)
        # The native packages first: the cross build runs Qt's amd64 host tools, and the
        # tests start the native mosquitto and pulseaudio.
        install_test_packages
        exec scripts/cross-arm64.sh "$@"
        ;;
    asan)
        install_test_packages
        install_packages "${FUZZ_PACKAGES[@]}"
        build asan
        run_tests asan "$@"
        # The fuzz targets (ctest label fuzz), each for VIGIL_FUZZ_SECONDS (default 60).
        build fuzz
        run_tests fuzz
        ;;
    demo)
        install_packages
        build default
        exec deploy/demo/demo.sh "$@"
        ;;
    bench)
        install_packages
        build release
        exec bench/run-bench.sh "$@"
        ;;
    soak)
        # The machine is shared: the build and the hour of load run at a lower priority.
        renice -n 10 -p $$ >/dev/null 2>&1 || true
        install_packages
        build release
        exec bench/soak.sh "$@"
        ;;
    build)
        install_packages
        build default
        ;;
    *)
        sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
        [ "$command" = help ] || exit 2
        ;;
esac
