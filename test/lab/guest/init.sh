#!/bin/busybox sh
# /init of the lab's guest (issue #11; test/lab/README.md "The guest"): Debian's kernel boots this busybox
# initramfs directly (libvirt <os><kernel>/<initrd>), it loads the drivers for floppies (floppy, vfat) and CD-ROMs
# on IDE (ata_piix) and SATA (ahci) controllers (sr_mod, isofs), reads every floppy and CD-ROM it finds and prints
# one line per device and per file to the serial console (ttyS0, a file on the hypervisor), then powers off.
#
# Lines (parsed by src/smoke/vm-guest.ts; keep in step):
#   OFLAB-GUEST begin
#   OFLAB-GUEST device <fd0|sr0|...> sha256 <hex> bytes <n>       the whole medium, as the guest reads it
#   OFLAB-GUEST device <name> unreadable                          no medium, or the read failed
#   OFLAB-GUEST file <name> <path-on-medium> sha256 <hex>         every regular file of the mounted medium
#   OFLAB-GUEST mount <name> failed <fstype>                      the medium is not FAT (floppy) / ISO 9660
#   OFLAB-GUEST end
/bin/busybox mkdir -p /proc /sys /dev /mnt /bin /sbin
/bin/busybox --install -s /bin
mount -t devtmpfs dev /dev
mount -t proc proc /proc
mount -t sysfs sys /sys
exec >/dev/console 2>&1

# Dependency order (modinfo depends=): the kernel's module list is fixed by the lab's cache key.
for m in $(cat /modules.list); do
  insmod "/lib/modules/$m.ko" 2>/dev/null
done
# SCSI/ATA probing is asynchronous: wait until the block devices stop appearing (at most ~3 s).
last='' n=0
while [ $n -lt 12 ]; do
  now=$(ls /sys/block 2>/dev/null | tr '\n' ' ')
  [ -n "$now" ] && [ "$now" = "$last" ] && break
  last=$now; n=$((n + 1)); sleep 0.25
done

echo "OFLAB-GUEST begin"
for sys in /sys/block/fd* /sys/block/sr*; do
  [ -e "$sys" ] || continue
  name=${sys##*/}
  dev=/dev/$name
  [ -b "$dev" ] || continue
  sum=$(sha256sum "$dev" 2>/dev/null) && bytes=$(wc -c <"$dev" 2>/dev/null)
  if [ -z "$sum" ] || [ -z "$bytes" ] || [ "$bytes" = 0 ]; then
    echo "OFLAB-GUEST device $name unreadable"
    continue
  fi
  echo "OFLAB-GUEST device $name sha256 ${sum%% *} bytes $bytes"
  case $name in
    fd*) fs=vfat opts=ro,iocharset=iso8859-1 ;;  # without iocharset: "IO charset ascii not found" (lab-notes)
    *) fs=iso9660 opts=ro ;;
  esac
  mkdir -p "/mnt/$name"
  if ! mount -t "$fs" -o "$opts" "$dev" "/mnt/$name" 2>/dev/null; then
    echo "OFLAB-GUEST mount $name failed $fs"
    continue
  fi
  (cd "/mnt/$name" && find . -type f) | while read -r f; do
    s=$(sha256sum "/mnt/$name/$f")
    echo "OFLAB-GUEST file $name ${f#./} sha256 ${s%% *}"
  done
  umount "/mnt/$name"
done
echo "OFLAB-GUEST end"
poweroff -f
