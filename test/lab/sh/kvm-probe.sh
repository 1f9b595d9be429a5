#!/bin/bash
# Decide once per lab start whether the lab's VMs run under KVM or TCG (issue #11: "TCG by default; KVM when
# /dev/kvm works"). "Works" is measured, not assumed from the node existing: on this machine kind /dev/kvm has
# existed while every KVM start failed ("failed to set MSR 0x10a", lab-notes), so the probe boots the lab guest
# under KVM with the rootfs's own QEMU (the binary the hypervisors run) and requires its end marker on the serial
# console. Prints one line: `kvm` or `tcg <why>`. Always exits 0 with a verdict unless its arguments are wrong.
# OVIRT_FLOPPY_LAB_ACCEL=tcg forces TCG (e.g. to compare timings).
# Usage: kvm-probe.sh ROOTFS GUEST_DIR
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
ROOTFS=${1:?usage: kvm-probe.sh ROOTFS GUEST_DIR}
GUEST=${2:?usage: kvm-probe.sh ROOTFS GUEST_DIR}
assert_safe_path "$ROOTFS"
assert_safe_path "$GUEST"

if [ "${OVIRT_FLOPPY_LAB_ACCEL:-}" = tcg ]; then echo "tcg OVIRT_FLOPPY_LAB_ACCEL=tcg"; exit 0; fi
[ -c /dev/kvm ] || { echo "tcg this machine has no /dev/kvm"; exit 0; }
[ -x "$ROOTFS/usr/bin/qemu-system-x86_64" ] || { echo "tcg the rootfs has no qemu-system-x86_64"; exit 0; }

OUT=$(mktemp -d /tmp/ovirt-floppy-kvm-probe.XXXXXX)
trap 'rm -rf --one-file-system "$OUT"' EXIT
# A private mount namespace: /dev, /proc and the guest are bound into the shared rootfs only for this one QEMU,
# and vanish with the namespace (nothing to unmount, nothing visible to the running hosts).
set +e
unshare --mount --propagation private bash -c '
  set -e
  mount --rbind /dev "$1/dev"; mount -t proc proc "$1/proc"
  mount -t tmpfs tmpfs "$1/mnt"; mkdir "$1/mnt/guest" "$1/mnt/out"
  mount --bind "$2" "$1/mnt/guest"; mount --bind "$3" "$1/mnt/out"
  exec chroot "$1" timeout -k 5 60 qemu-system-x86_64 -accel kvm -machine pc -cpu host -m 256 -nodefaults \
    -display none -no-reboot -kernel /mnt/guest/vmlinuz -initrd /mnt/guest/initrd.img \
    -append "console=ttyS0 quiet" -serial file:/mnt/out/console.log
' probe "$ROOTFS" "$GUEST" "$OUT" >"$OUT/qemu.out" 2>&1
rc=$?
set -e
if [ $rc -eq 0 ] && grep -q 'OFLAB-GUEST end' "$OUT/console.log" 2>/dev/null; then
  echo kvm
else
  why=$(grep -v '^\s*$' "$OUT/qemu.out" | head -n 1)
  echo "tcg KVM did not boot the guest (exit $rc${why:+: $why})"
fi
