#!/usr/bin/env bash
# ./run.sh test-trixie: the whole `./run.sh test` on Debian 13 "trixie" (Qt 6.8, libgpiod 2,
# Mosquitto 2.0.21: today's Raspberry Pi OS), from this same tree, in a Debian 13 root made once
# with Debian's debootstrap and kept in VIGIL_TRIXIE_ROOT (default /var/cache/vigil/trixie-amd64),
# outside the clone. The tree is bind-mounted at its own path inside the root, and run.sh there
# installs the same packages through the same logic, into build-trixie/ (VIGIL_PRESET=trixie).
# A second run reuses the root and the build folder, so it is incremental.
# Needs root (debootstrap, chroot and mounts); it installs debootstrap on this machine if
# missing. Arguments go to ctest, as with ./run.sh test.
set -euo pipefail
cd "$(dirname "$0")/.."

ROOT=${VIGIL_TRIXIE_ROOT:-/var/cache/vigil/trixie-amd64}
TREE=$(pwd -P)
READY_MARK=.vigil-debootstrap-done

log() { printf 'test-trixie: %s\n' "$*" >&2; }

require_root() {
    if [ "$(id -u)" -ne 0 ]; then
        log "needs root to make and enter the Debian 13 root (debootstrap, chroot, mount):"
        log "run it as root, e.g. sudo ./run.sh test-trixie; it installs the package debootstrap"
        exit 2
    fi
}

# The Debian mirror this machine's apt uses, so that the root comes from the same place
# (empty: debootstrap's own default).
debian_mirror() {
    apt-cache policy 2>/dev/null |
        awk '$3 ~ /^(bookworm|trixie|stable|testing)(-updates)?\/main$/ { print $2; exit }'
}

make_root() {
    [ -f "$ROOT/$READY_MARK" ] && return
    command -v debootstrap >/dev/null || {
        log "installing debootstrap"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap
    }
    log "making a Debian 13 root in $ROOT (once)"
    if grep -q " $ROOT/" /proc/self/mountinfo; then
        log "$ROOT still has file systems mounted in it (a run that was killed?): unmount them"
        log "with: umount -R $ROOT/proc $ROOT/sys $ROOT/dev $ROOT$TREE"
        exit 1
    fi
    rm -rf --one-file-system "$ROOT"
    mkdir -p "$ROOT"
    local mirror
    mirror=$(debian_mirror)
    # shellcheck disable=SC2086 # an empty mirror means debootstrap's default
    debootstrap --variant=minbase trixie "$ROOT" $mirror >"$ROOT.debootstrap.log" 2>&1 || {
        tail -20 "$ROOT.debootstrap.log" >&2
        log "debootstrap failed (full log: $ROOT.debootstrap.log)"
        exit 1
    }
    # Package installs inside the root must not start services (mosquitto, pulseaudio...):
    # the tests start their own.
    printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
    chmod 755 "$ROOT/usr/sbin/policy-rc.d"
    touch "$ROOT/$READY_MARK"
}

MOUNTED=()

# Each mount is made a slave, so that unmounting it at the end never reaches the host's own.
bind_mount() {
    local source=$1 target=$ROOT$2
    mkdir -p "$target"
    mountpoint -q "$target" || mount --rbind "$source" "$target"
    mount --make-rslave "$target"
    MOUNTED=("$target" "${MOUNTED[@]}")
}

unmount_all() {
    local target
    for target in "${MOUNTED[@]}"; do
        umount -R "$target" 2>/dev/null || umount -R -l "$target" || true
    done
}

enter_root() {
    trap unmount_all EXIT
    mkdir -p "$ROOT/proc"
    mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
    MOUNTED=("$ROOT/proc")
    bind_mount /sys /sys
    bind_mount /dev /dev
    bind_mount "$TREE" "$TREE"
    cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
}

require_root
make_root
enter_root
log "running ./run.sh test inside $ROOT"
# A clean environment: only what the tests and run.sh read. The inner shell expands its own
# arguments (the tree, then ctest's), hence the single quotes.
# shellcheck disable=SC2016
chroot "$ROOT" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}" VIGIL_PRESET=trixie \
    bash -c 'cd "$1" && shift && ./run.sh test "$@"' test-trixie "$TREE" "$@"
