#!/usr/bin/env bash
# ./run.sh cross-arm64: build every program and test for aarch64 (the Raspberry Pi) on a Debian
# amd64 machine with Debian's multiarch packages, check that the programs are aarch64, and run
# every test under qemu-user. run.sh has installed the native packages before: the Qt host tools
# (moc, rcc, qmltyperegistrar, lrelease...) that the cross build runs, and mosquitto, pulseaudio,
# node and Chromium, which the tests start and which stay native.
#   scripts/cross-arm64.sh [ctest arguments, e.g. -L unit or -R tst_outbox]
set -euo pipefail
cd "$(dirname "$0")/.."

ARCH=arm64
PRESET=arm64
BUILD_DIR=build-arm64
PROGRAMS=(vigil-agent vigil-bridge vigil-server vigil-dashboard)

# Native (amd64): the cross compiler, the emulator, and `file` for the architecture check.
HOST_PACKAGES=(crossbuild-essential-arm64 qemu-user-static file)
# For the target: what the build links (the -dev packages) and what the tests load at run time
# (SQLite driver, offscreen platform plugin, QML modules), mirroring run.sh's DEBIAN_PACKAGES.
# Multi-Arch: same packages need the same version on both architectures, so apt may upgrade
# some amd64 packages to the mirror's version while installing these.
TARGET_PACKAGES=(
    qt6-base-dev libqt6sql6-sqlite qt6-httpserver-dev qt6-websockets-dev qt6-declarative-dev
    qt6-multimedia-dev
    qt6-qpa-plugins qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
    qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml-workerscript
    qml6-module-qttest qml6-module-qtqml qml6-module-qtqml-models
    libmosquitto-dev libgpiod-dev libsystemd-dev libsodium-dev
)

# Every test runs under qemu, web included (node and Chromium stay native, the vigil-server
# they drive is the arm64 one). A test that fails under qemu for an emulation reason, not a bug
# of ours, is left out here, one "name: why" an entry.
EXCLUDED_TESTS=(
)

# binfmt_misc: the kernel hands every aarch64 ELF it is asked to exec to qemu, so that the
# programs the tests start with QProcess (vigil-server, vigil-agent...) run too, not only the
# test binary that ctest starts through CMAKE_CROSSCOMPILING_EMULATOR.
BINFMT_DIR=/proc/sys/fs/binfmt_misc
BINFMT_NAME=qemu-aarch64
# qemu-user-static's own registration line (the one systemd-binfmt loads on a booted Debian; its
# postinst registers nothing inside a container): the aarch64 ELF magic, the F flag, so the
# kernel opens the interpreter (qemu-aarch64-static) once, at registration, and P, which that
# interpreter's -binfmt-P name tells qemu to expect.
BINFMT_CONF=/usr/lib/binfmt.d/qemu-aarch64.conf

log() { printf 'cross-arm64: %s\n' "$*" >&2; }
fail() {
    log "error: $*"
    exit 1
}

sudo_prefix() {
    [ "$(id -u)" -eq 0 ] || printf 'sudo'
}

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Only what is missing; the architecture is added once, and then the package lists must be read
# again to know its packages. --no-remove: should the two architectures ever disagree, apt stops
# instead of removing amd64 packages to make room.
install_cross_packages() {
    local missing=() package sudo
    sudo=$(sudo_prefix)
    for package in "${HOST_PACKAGES[@]}"; do
        installed "$package" || missing+=("$package")
    done
    for package in "${TARGET_PACKAGES[@]}"; do
        installed "$package:$ARCH" || missing+=("$package:$ARCH")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    if ! dpkg --print-foreign-architectures | grep -qx "$ARCH"; then
        log "adding the $ARCH architecture to dpkg"
        $sudo dpkg --add-architecture "$ARCH"
    fi
    log "installing ${missing[*]}"
    # Another apt-get may be running (run.sh test in a second shell): wait for its lock.
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install \
        -y -qq --no-install-recommends --no-remove "${missing[@]}"
}

# Idempotent: mounts binfmt_misc where nothing has, registers the entry where it is missing, and
# enables it where it was turned off.
register_binfmt() {
    local sudo entry=$BINFMT_DIR/$BINFMT_NAME
    sudo=$(sudo_prefix)
    if [ ! -e "$BINFMT_DIR/register" ]; then
        log "mounting binfmt_misc"
        $sudo mount -t binfmt_misc binfmt_misc "$BINFMT_DIR" ||
            fail "cannot mount binfmt_misc on $BINFMT_DIR: the programs the tests start would not run"
    fi
    if [ ! -e "$entry" ]; then
        log "registering $BINFMT_NAME with binfmt_misc"
        [ -f "$BINFMT_CONF" ] || fail "$BINFMT_CONF is missing (apt-get install qemu-user-static)"
        $sudo tee "$BINFMT_DIR/register" <"$BINFMT_CONF" >/dev/null
    fi
    if ! grep -qx enabled "$entry"; then
        echo 1 | $sudo tee "$entry" >/dev/null
    fi
}

build() {
    local extra=()
    [ "${CI:-}" = "true" ] && extra+=(-DVIGIL_WERROR=ON)
    cmake --preset "$PRESET" "${extra[@]}" >/dev/null
    cmake --build --preset "$PRESET"
}

# A native binary in build-arm64 would mean the toolchain file was not used: the tests would
# then pass without proving anything about arm64.
check_architecture() {
    local program description
    for program in "${PROGRAMS[@]}"; do
        [ -x "$BUILD_DIR/bin/$program" ] || fail "$BUILD_DIR/bin/$program was not built"
        description=$(file -b "$BUILD_DIR/bin/$program")
        case "$description" in
            ELF\ 64-bit\ LSB*ARM\ aarch64*) log "$program: $description" ;;
            *) fail "$BUILD_DIR/bin/$program is not an aarch64 ELF: $description" ;;
        esac
    done
}

# Run one aarch64 program the way a test's QProcess does, straight through execve, before the
# tests do it a hundred times and fail obscurely.
check_binfmt() {
    "$BUILD_DIR/bin/vigil-server" --help >/dev/null ||
        fail "$BUILD_DIR/bin/vigil-server does not run through binfmt_misc ($BINFMT_DIR/$BINFMT_NAME)"
}

# qemu-user 7.2 (bookworm's) passes waitid(P_PIDFD) through to the kernel but refuses
# clone(CLONE_PIDFD) (qemu 8.0 added it). Qt's forkfd tests only the first before using the
# second, so every QProcess::start() under qemu fails with "fork failure: Invalid argument".
# A seccomp filter on the tests makes the kernel answer that waitid with EINVAL, as a kernel
# without pidfds would, and forkfd takes its classic fork() path, which qemu emulates. Every
# process below inherits it: the test under qemu, the arm64 programs it starts through
# binfmt_misc, and the native ones (mosquitto), which do not use pidfds.
without_pidfd_waitid() {
    local filter
    filter=$(
        cat <<'PYTHON'
import ctypes, os, struct, sys

AUDIT_ARCH_X86_64, NR_WAITID, P_PIDFD, EINVAL = 0xC000003E, 247, 3, 22
RET_ALLOW, RET_ERRNO = 0x7FFF0000, 0x00050000
LD_W, JEQ, RET = 0x20, 0x15, 0x06  # BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_RET|BPF_K
program = [  # seccomp_data: nr at 0, arch at 4, args[0] at 16
    (LD_W, 0, 0, 4), (JEQ, 0, 4, AUDIT_ARCH_X86_64),
    (LD_W, 0, 0, 0), (JEQ, 0, 2, NR_WAITID),
    (LD_W, 0, 0, 16), (JEQ, 1, 0, P_PIDFD),
    (RET, 0, 0, RET_ALLOW), (RET, 0, 0, RET_ERRNO | EINVAL),
]
code = ctypes.create_string_buffer(b"".join(struct.pack("HBBI", *i) for i in program))


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


fprog = SockFprog(len(program), ctypes.addressof(code))
libc = ctypes.CDLL(None, use_errno=True)
ulong = ctypes.c_ulong
PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
if (libc.prctl(PR_SET_NO_NEW_PRIVS, ulong(1), ulong(0), ulong(0), ulong(0)) != 0
        or libc.prctl(PR_SET_SECCOMP, ulong(SECCOMP_MODE_FILTER), ctypes.byref(fprog),
                      ulong(0), ulong(0)) != 0):
    sys.exit("cross-arm64: error: seccomp filter: " + os.strerror(ctypes.get_errno()))
os.execvp(sys.argv[1], sys.argv[1:])
PYTHON
    )
    python3 -c "$filter" "$@"
}

excluded_tests_regex() {
    local entry regex=""
    for entry in "${EXCLUDED_TESTS[@]}"; do
        regex+="${regex:+|}^${entry%%:*}\$"
    done
    printf '%s' "$regex"
}

run_tests() {
    local args=(--preset "$PRESET" --parallel "$(nproc)") excluded
    excluded=$(excluded_tests_regex)
    [ -z "$excluded" ] || args+=(--exclude-regex "$excluded")
    without_pidfd_waitid ctest "${args[@]}" "$@"
}

install_cross_packages
register_binfmt
build
check_architecture
check_binfmt
run_tests "$@"
