#!/bin/bash
# Lab stand-in: the floppy policy of RHEL's QEMU builds, as a thin wrapper in front of Debian's real
# qemu-system-x86_64 (issue #11; DESIGN.md §5). Installed as /usr/lib/lab-qemu/qemu-policy and bound over
# /usr/bin/qemu-system-x86_64 (the real one bound to /usr/bin/qemu-system-x86_64.real: QEMU finds its modules and
# firmware relative to its own directory), so libvirt, the check's probe and /usr/libexec/qemu-kvm (RHEL's path,
# a symlink) all run it. bash for `exec -a`: QEMU prefixes its messages with its argv[0]. Only the
# policy is ours: everything QEMU accepts is then decided by the real binary, which this script execs unchanged.
#
# Policy: /etc/lab-qemu/policy (written by install-role.sh from `lab up --qemu-policy`), one word:
#   upstream  nothing refused (Debian 12's QEMU 7.2 accepts isa-fdc on q35: lab-notes "Real QEMU guests").
#   rhel8     RHEL 8 qemu-kvm refuses the floppy controller on Q35 machine types: "Device isa-fdc is not supported
#             with machine type pc-q35-rhel8.0.0" (ovirt-facts §0.3 and §8.2: tp-libvirt PRs 2769, 2652). Printed
#             the way QEMU reports a -device error (`<prog>: -device <arg>: <message>`, exit status 1:
#             error_fatal in qemu_create_cli_devices) with the machine type this start resolves to.
#   rhel9     no floppy device in the build (RHEL 9/10 qemu-kvm: virt-v2v PR 107): isa-fdc and floppy are unknown
#             device models, worded as QEMU's qdev_get_device_class does ("'%s' is not a valid device model
#             name", softmmu/qdev-monitor.c), exit status 1.
# libvirt's capability probe (`-S -no-user-config -nodefaults -nographic -machine none -qmp ...`) is never
# refused, so libvirt's domcapabilities still lists floppy on rhel8/rhel9 hosts, as it does on real EL hosts
# (libvirt never asks QEMU about isa-fdc: facts §8.2). That is the trap the check must see through.
#
# SELinux (facts §5.3), modelled here because the lab kernel has no SELinux: on an enforcing host with the
# boolean virt_use_nfs off, confined QEMU (svirt_t) may not open an image on an NFS mount (nfs_t); libvirt cannot
# relabel NFS files, so QEMU's open fails with EACCES and QEMU says "Could not open '<path>': Permission denied"
# (block/file-posix.c raw_open_common: error_setg_errno(errp, -ret, "Could not open '%s'", filename)), exit 1.
# The NFS mounts are the nfs/nfs4 lines of /etc/fstab (the lab's mount.nfs binds the export).
REAL=${LAB_QEMU_REAL:-/usr/bin/qemu-system-x86_64.real}
POLICY=upstream
read -r POLICY 2>/dev/null <"${LAB_QEMU_POLICY_FILE:-/etc/lab-qemu/policy}"
prog=${0##*/}

selinux_denies() { # PATH: 0 when SELinux would deny QEMU this file
  case $(getenforce 2>/dev/null) in Enforcing) ;; *) return 1 ;; esac
  case $(getsebool virt_use_nfs 2>/dev/null) in *'--> on') return 1 ;; esac
  for mnt in $(awk '$1 !~ /^#/ && $3 ~ /^nfs4?$/ { print $2 }' /etc/fstab 2>/dev/null); do
    case $1 in "$mnt"/*) return 0 ;; esac
  done
  return 1
}
if [ -s /var/lib/lab-selinux/state.json ]; then
  prev=''
  for a; do
    case $prev in
      -blockdev|-drive)
        f=$(printf '%s' "$a" | sed -n 's/.*"filename":"\([^"]*\)".*/\1/p; s/^file=\([^,]*\).*/\1/p' | head -n1)
        if [ -n "$f" ] && selinux_denies "$f"; then
          echo "$prog: $prev $a: Could not open '$f': Permission denied" >&2
          exit 1
        fi ;;
    esac
    prev=$a
  done
fi
[ "$POLICY" = upstream ] && exec -a "$0" "$REAL" "$@"

machine='' prev=''
for a; do
  case $prev in
    -machine|-M)
      # -machine pc-q35-7.2,usb=off,... | -machine type=q35,accel=tcg
      m=${a%%,*}; case $a in type=*) m=${m#type=} ;; *,type=*) m=${a#*,type=}; m=${m%%,*} ;; esac
      machine=$m ;;
  esac
  prev=$a
done
# The machine type an alias resolves to, as QEMU names it in messages (q35 → pc-q35-7.2).
alias_target() {
  "$REAL" -machine help 2>/dev/null | sed -n "s/^$1 .*(alias of \\([^)]*\\)).*/\\1/p" | head -n1
}

refuse() { # ARG MESSAGE
  echo "$prog: -device $1: $2" >&2
  exit 1
}

prev=''
for a; do
  if [ "$prev" = -device ]; then
    # libvirt ≥ 7 writes -device as JSON ({"driver":"isa-fdc",...}); by hand it is isa-fdc,id=...
    case $a in
      '{'*) driver=$(printf '%s' "$a" | sed -n 's/.*"driver":"\([^"]*\)".*/\1/p') ;;
      *) driver=${a%%,*}; driver=${driver#driver=} ;;
    esac
    case $POLICY:$driver in
      rhel8:isa-fdc)
        case $machine in
          q35|pc-q35-*)
            resolved=$machine
            [ "$machine" = q35 ] && resolved=$(alias_target q35)
            refuse "$a" "Device isa-fdc is not supported with machine type ${resolved:-$machine}" ;;
        esac ;;
      rhel9:isa-fdc|rhel9:floppy|rhel9:sysbus-fdc|rhel9:SUNW,fdtwo)
        refuse "$a" "'$driver' is not a valid device model name" ;;
    esac
  fi
  prev=$a
done
exec -a "$0" "$REAL" "$@"
