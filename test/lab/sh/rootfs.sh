#!/bin/bash
# Make sure DEST holds the lab's Debian bookworm root filesystem (DESIGN §5, lab-notes §2a).
# Restores the cached tar.zst under /var/cache/ovirt-floppy-lab (~1 s) or builds it with debootstrap (~2 min)
# and caches it. DEST is only ever replaced as a whole (rename), so a crash never leaves a half rootfs.
# Usage: rootfs.sh DEST [--rebuild]
set -euo pipefail

DEST=${1:?usage: rootfs.sh DEST [--rebuild]}
REBUILD=${2:-}
SUITE=bookworm
# libvirt + QEMU (issue #11): the hypervisors run Debian's libvirtd 9.0 and qemu-system-x86 7.2 (test/lab/README.md
# "Real libvirt and QEMU"). Only the daemon and the QEMU driver, not libvirt-daemon-system (dnsmasq, polkit, ...).
INCLUDE=openssh-server,iproute2,procps,python3,dnf,rpm,mtools,dosfstools,curl,util-linux
INCLUDE=$INCLUDE,libvirt-daemon,libvirt-daemon-driver-qemu,libvirt-clients,qemu-system-x86
# sudo (issue #13): a non-root login whose real sudo wants a password (test/integration/faults-sudo-password).
INCLUDE=$INCLUDE,sudo
CACHE_DIR=${OVIRT_FLOPPY_LAB_CACHE:-/var/cache/ovirt-floppy-lab}
# The cache key changes with the package list, so an edited list never restores an old rootfs.
KEY=$(printf '%s minbase %s v1' "$SUITE" "$INCLUDE" | sha256sum | cut -c1-12)
CACHE=$CACHE_DIR/rootfs-$SUITE-$KEY.tar.zst
MARK=.ovirt-floppy-lab-rootfs

if [ "$REBUILD" != --rebuild ] && [ "$(cat "$DEST/$MARK" 2>/dev/null)" = "$KEY" ]; then
  exit 0
fi

TMP=$DEST.tmp.$$
cleanup() { [ -d "$TMP" ] && rm -rf --one-file-system "$TMP"; [ -f "$CACHE.tmp.$$" ] && rm -f "$CACHE.tmp.$$"; true; }
trap cleanup EXIT
mkdir -p "$(dirname "$DEST")" "$CACHE_DIR"

if [ "$REBUILD" = --rebuild ] || [ ! -s "$CACHE" ]; then
  # The mirror comes from this machine's apt sources, never a hard-coded host (lab-notes §2a).
  MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$MIRROR" ] || MIRROR=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$MIRROR" ] || { echo "lab: no Debian mirror found in /etc/apt/sources.list(.d)" >&2; exit 1; }
  echo "lab: building rootfs with debootstrap from $MIRROR (about 2 minutes)" >&2
  start=$(date +%s)
  debootstrap --variant=minbase --include="$INCLUDE" "$SUITE" "$TMP" "$MIRROR" >"$CACHE_DIR/debootstrap.log" 2>&1 \
    || { tail -n 30 "$CACHE_DIR/debootstrap.log" >&2; exit 1; }
  chroot "$TMP" apt-get clean
  # No package lists, no shared host keys (each host gets its own), and no apt source inside the hosts:
  # lab hosts must never reach outside 127.0.0.0/8 (DESIGN §5).
  rm -rf "$TMP"/var/lib/apt/lists/* "$TMP"/etc/ssh/ssh_host_* "$TMP"/etc/apt/sources.list "$TMP"/etc/apt/sources.list.d/*
  echo "lab: debootstrap took $(( $(date +%s) - start )) s" >&2
  tar -C "$TMP" --numeric-owner --xattrs -cf - . | zstd -q -T0 -10 -o "$CACHE.tmp.$$"
  mv -f "$CACHE.tmp.$$" "$CACHE"
  echo "lab: cached rootfs at $CACHE ($(du -h "$CACHE" | cut -f1))" >&2
else
  mkdir "$TMP"
  zstd -q -dc "$CACHE" | tar -C "$TMP" --numeric-owner --xattrs -xf -
fi

echo "$KEY" >"$TMP/$MARK"
# Running hosts (a group of another engineer still up) have DEST as their overlay's lower layer: deleting
# it under them would make every file they have not copied up vanish. So the old tree is moved aside (a rename
# keeps the mounted overlays' layer) and deleted only once no overlay on this machine names DEST any more.
[ -e "$DEST" ] && mv "$DEST" "$DEST.old.$$"
mv "$TMP" "$DEST"
if ! cat /proc/[0-9]*/mountinfo 2>/dev/null | grep -qF "lowerdir=$DEST"; then
  for old in "$DEST".old.*; do [ -d "$old" ] && rm -rf --one-file-system "$old"; done
fi
true
