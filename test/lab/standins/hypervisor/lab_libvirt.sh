#!/bin/sh
# Start this hypervisor's libvirt on first use (issue #11; test/lab/README.md "Real libvirt and QEMU").
# Installed as /usr/sbin/lab-libvirt. Debian's own libvirtd 9.0 and virtlogd run inside the lab host (its mount,
# pid and uts namespace, its own /run: socket /run/libvirt/libvirt-sock{,-ro}, state under /var/lib/libvirt and
# /var/cache/libvirt of the host's overlay). Nothing here answers for libvirt: this only starts it.
#
# Why on demand and not at boot: libvirtd + virtlogd are ~30 MB RSS per host and libvirtd's first start probes
# QEMU (~1 s CPU); the bench starts up to 400 hypervisors that mostly never touch libvirt. So the virsh wrapper
# (/usr/local/bin/virsh) and the vdsm stand-in call `lab-libvirt ensure` when libvirtd is not running, and both
# daemons exit again after /etc/lab-libvirt/idle-timeout seconds without clients (libvirtd/virtlogd --timeout;
# libvirtd never exits while a domain runs). On a real EL host systemd socket-activates virtqemud the same way.
#
#   lab-libvirt ensure    start virtlogd and libvirtd unless running; wait for the socket (exit 1 on failure)
#   lab-libvirt status    exit 0 when libvirtd is running
set -u
SOCK=/run/libvirt/libvirt-sock
LOG=/var/log/libvirt/lab-libvirt.log

running() { # PIDFILE
  # libvirt's pid files have no final newline: `read` then returns 1 but has set pid.
  pid=''; read -r pid 2>/dev/null <"$1"; [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

ensure() {
  running /run/libvirtd.pid && [ -S $SOCK ] && return 0
  mkdir -p /run/libvirt /run/lock /var/log/libvirt/qemu /var/lib/libvirt/qemu /var/cache/libvirt/qemu
  exec 9>/run/lab-libvirt.lock
  flock 9
  running /run/libvirtd.pid && [ -S $SOCK ] && return 0
  read -r idle 2>/dev/null </etc/lab-libvirt/idle-timeout || idle=120
  # A clean environment, as systemd would give: nothing of the caller's ssh session leaks into the daemons.
  export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  # 9>&- : the daemons must not inherit the lock (the next `ensure` would wait for their exit), nor the caller's
  # stdin/stdout (an ssh session would stay open until they exit).
  running /run/virtlogd.pid || env -i PATH="$PATH" LANG=C virtlogd -d -t "$idle" </dev/null >>$LOG 2>&1 9>&- || { echo "lab-libvirt: virtlogd did not start" >&2; return 1; }
  rm -f $SOCK $SOCK-ro $SOCK-admin
  env -i PATH="$PATH" LANG=C libvirtd -d -t "$idle" </dev/null >>$LOG 2>&1 9>&- || { echo "lab-libvirt: libvirtd did not start (see $LOG)" >&2; return 1; }
  n=0
  while [ ! -S $SOCK ]; do
    n=$((n + 1))
    [ $n -gt 200 ] && { echo "lab-libvirt: no $SOCK after 10 s (see $LOG)" >&2; return 1; }
    sleep 0.05
  done
}

case ${1:-} in
  ensure) ensure ;;
  status) running /run/libvirtd.pid ;;
  *) echo "usage: lab-libvirt ensure|status" >&2; exit 2 ;;
esac
