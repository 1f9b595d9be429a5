#!/bin/sh
# Lab stand-in, fast path of `virsh -r domcapabilities [--machine M]` (DESIGN.md §5; ovirt-facts.md §0.3: a check
# reads QEMU's floppy support from the domain capabilities, `virsh -r domcapabilities --machine <type>`).
# Installed as /usr/bin/virsh; the Python stand-in (hypervisor/virsh.py) is /usr/share/lab-vdsm/virsh.py.
#
# Why: every audit runs `virsh -r domcapabilities --machine pc` and `--machine q35` on every hypervisor. On EL
# virsh is a C program (~1 ms); the Python stand-in costs ~30 ms of CPU per call just to start the interpreter,
# so the lab measured Python start-up instead of the tool. This script prints the same document with shell
# builtins only (no fork), byte for byte what virsh.py prints (test/unit/lab/virsh-fast.test.ts compares them),
# for exactly these calls:
#   virsh -r|--readonly [-q|--quiet]... domcapabilities [--machine M | --machine=M]
# with M empty, pc, q35 or made of [A-Za-z0-9_.] and `-` (not first), and the floppy flag file
# ($LAB_DOMCAPS_NO_FLOPPY, default /var/lib/lab-vdsm/domcaps-no-floppy) absent (floppy everywhere) or an empty
# regular file (floppy nowhere). Everything else is handed to virsh.py unchanged (`exec virsh.py ARGS...`):
# dumpxml, list, no -r (the SASL prompt), other options, a flag file with machine prefixes (read by the Python:
# its line handling is Python's), a flag path that is not a regular file.
#
# Env: LAB_DOMCAPS_NO_FLOPPY (as virsh.py), LAB_VIRSH_PY (the Python program to hand over to; default
# /usr/share/lab-vdsm/virsh.py).

slow() { exec "${LAB_VIRSH_PY:-/usr/share/lab-vdsm/virsh.py}" "$@"; }
IFS=' '  # the value lists below are split on spaces, whatever the caller exported

ro=
for a; do
  case $a in
    -r|--readonly) ro=1 ;;
    -q|--quiet) ;;
    domcapabilities) break ;;
    *) slow "$@" ;;
  esac
done
[ -n "$ro" ] && [ "$a" = domcapabilities ] || slow "$@"

# The arguments after domcapabilities: none, `--machine M` or `--machine=M`.
machine= n=0 after=
for a; do
  if [ -n "$after" ]; then
    n=$((n + 1))
    case $n in
      1) case $a in --machine) ;; --machine=*) machine=${a#--machine=}; n=2 ;; *) slow "$@" ;; esac ;;
      2) machine=$a ;;
      *) slow "$@" ;;
    esac
  elif [ "$a" = domcapabilities ]; then
    after=1
  fi
done
[ "$n" != 1 ] || slow "$@"
case $machine in -*|*[!A-Za-z0-9_.-]*) slow "$@" ;; esac

case $machine in
  ''|pc) machine=pc-i440fx-rhel7.6.0 ;;
  q35) machine=pc-q35-rhel8.6.0 ;;
esac
case $machine in
  pc-i440fx-*|pc-q35-*) ;;
  *)
    printf "error: failed to get emulator capabilities\nerror: invalid argument: the machine '%s' is not %s\n" \
      "$machine" "supported by emulator '/usr/libexec/qemu-kvm'" >&2
    exit 1 ;;
esac

flag=${LAB_DOMCAPS_NO_FLOPPY-/var/lib/lab-vdsm/domcaps-no-floppy}
if [ ! -e "$flag" ]; then
  floppy=1
elif [ -f "$flag" ] && [ -r "$flag" ] && [ ! -s "$flag" ]; then
  floppy=
else
  slow "$@"
fi

v() { printf '        <value>%s</value>\n' "$@"; }
case $machine in pc-q35-*) vcpu=384 ide= ;; *) vcpu=240 ide=ide ;; esac
printf '%s\n' '<domainCapabilities>' '  <path>/usr/libexec/qemu-kvm</path>' '  <domain>kvm</domain>' \
  "  <machine>$machine</machine>" '  <arch>x86_64</arch>' "  <vcpu max='$vcpu'/>" "  <iothreads supported='yes'/>" \
  "  <os supported='yes'>" "    <enum name='firmware'/>" '  </os>' '  <devices>' "    <disk supported='yes'>" \
  "      <enum name='diskDevice'>"
v disk cdrom ${floppy:+floppy} lun
printf '%s\n' '      </enum>' "      <enum name='bus'>"
v $ide ${floppy:+fdc} scsi virtio usb sata
printf '%s\n' '      </enum>' "      <enum name='model'>"
v virtio virtio-transitional virtio-non-transitional
printf '%s\n' '      </enum>' '    </disk>' '  </devices>' '</domainCapabilities>'
exit 0
