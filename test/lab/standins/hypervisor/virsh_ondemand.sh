#!/bin/sh
# Installed as /usr/local/bin/virsh on lab hypervisors (first in PATH): Debian's real /usr/bin/virsh, after
# starting this host's libvirtd if it is not running (hypervisor/lab_libvirt.sh says why on demand). The
# running case costs one `read` and one `kill -0` (shell builtins) before the exec.
# (libvirt's pid file has no final newline, so `read` returns 1 although it set pid.)
pid=''; read -r pid 2>/dev/null </run/libvirtd.pid; [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && [ -S /run/libvirt/libvirt-sock ] \
  || /usr/sbin/lab-libvirt ensure || exit 1
exec /usr/bin/virsh "$@"
