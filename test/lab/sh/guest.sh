#!/bin/bash
# Make sure DEST holds the lab's guest (issue #11): DEST/vmlinuz (Debian's linux-image-amd64 kernel) and
# DEST/initrd.img (a gzip'd newc cpio: busybox-static, the floppy/CD-ROM modules of that kernel, guest/init.sh as
# /init). Restored from /var/cache/ovirt-floppy-lab/guest-<key>/ (~0 s) or built (~20 s: two .debs fetched with
# this machine's apt, the "NFS-free" machine needs nothing else) and cached. DEST is replaced as a whole.
# Usage: guest.sh DEST [--rebuild]
set -euo pipefail

DEST=${1:?usage: guest.sh DEST [--rebuild]}
REBUILD=${2:-}
HERE=$(cd "$(dirname "$0")" && pwd)
INIT=$HERE/../guest/init.sh
CACHE_DIR=${OVIRT_FLOPPY_LAB_CACHE:-/var/cache/ovirt-floppy-lab}
# Insert order = dependency order (each module's `depends=` from modinfo, checked on 6.1.0-57-amd64).
MODULES="scsi_common scsi_mod cdrom sr_mod libata ata_piix libahci ahci floppy fat vfat nls_cp437 nls_iso8859-1 isofs"
# The key covers what goes into the image (this script, /init, the module list), not the kernel's patch
# release: a cached guest stays valid when bookworm-security publishes a new kernel.
KEY=$( { cat "$0" "$INIT"; echo "$MODULES"; } | sha256sum | cut -c1-12)
CACHE=$CACHE_DIR/guest-$KEY
MARK=.ovirt-floppy-lab-guest

if [ "$REBUILD" != --rebuild ] && [ "$(cat "$DEST/$MARK" 2>/dev/null)" = "$KEY" ]; then
  exit 0
fi
mkdir -p "$(dirname "$DEST")" "$CACHE_DIR"
TMP=$(mktemp -d "$CACHE_DIR/guest-build.XXXXXX")
trap 'rm -rf --one-file-system "$TMP"' EXIT

if [ "$REBUILD" = --rebuild ] || [ ! -s "$CACHE/vmlinuz" ] || [ ! -s "$CACHE/initrd.img" ]; then
  start=$(date +%s)
  cd "$TMP"
  # Debian's kernel package behind the linux-image-amd64 metapackage, and busybox-static.
  kpkg() { apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}'; }
  KPKG=$(kpkg)
  if [ -z "$KPKG" ]; then apt-get update -q >&2; KPKG=$(kpkg); fi
  [ -n "$KPKG" ] || { echo "lab: apt knows no linux-image-amd64 (no Debian apt sources?)" >&2; exit 1; }
  echo "lab: building the guest from $KPKG and busybox-static" >&2
  # apt's _apt user cannot write a root-owned mktemp dir; chmod it for the download.
  chmod 0777 "$TMP"
  apt-get download -q "$KPKG" busybox-static >apt.log 2>&1 || { cat apt.log >&2; exit 1; }
  chmod 0700 "$TMP"
  mkdir k b initrd
  dpkg-deb -x linux-image-*.deb k
  dpkg-deb -x busybox-static_*.deb b
  KVER=$(ls k/lib/modules)
  mkdir -p initrd/bin initrd/lib/modules
  install -m 0755 b/bin/busybox initrd/bin/busybox
  install -m 0755 "$INIT" initrd/init
  : >initrd/modules.list
  for m in $MODULES; do
    f=$(find "k/lib/modules/$KVER/kernel" -name "$m.ko" -o -name "$m.ko.xz" | head -n1)
    [ -n "$f" ] || { echo "lab: module $m not in $KPKG" >&2; exit 1; }
    case $f in *.xz) xz -dc "$f" >"initrd/lib/modules/$m.ko" ;; *) cp "$f" "initrd/lib/modules/$m.ko" ;; esac
    echo "$m" >>initrd/modules.list
  done
  mkdir -p out
  cp "k/boot/vmlinuz-$KVER" out/vmlinuz
  # busybox's own cpio: the machine needs no cpio package.
  (cd initrd && find . | ../b/bin/busybox cpio -o -H newc 2>/dev/null | gzip -9) >out/initrd.img
  echo "$KPKG" >out/kernel-package
  chmod 0644 out/*
  rm -rf "$CACHE.new" && mv out "$CACHE.new" && rm -rf "$CACHE" && mv "$CACHE.new" "$CACHE"
  echo "lab: guest built in $(( $(date +%s) - start )) s, cached at $CACHE ($(du -sh "$CACHE" | cut -f1))" >&2
fi

mkdir "$TMP/dest"
cp "$CACHE"/vmlinuz "$CACHE"/initrd.img "$CACHE"/kernel-package "$TMP/dest/"
echo "$KEY" >"$TMP/dest/$MARK"
[ -e "$DEST" ] && rm -rf --one-file-system "$DEST"
mv "$TMP/dest" "$DEST"
