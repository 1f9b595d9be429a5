#!/bin/bash
# Prepare one lab host (DESIGN §5, lab-notes §2a): an overlay root over the shared rootfs, its own /dev, /run,
# host key, sshd drop-in and binds, then the stand-ins of its role. The start itself (sshd as PID 1 of new
# mount/pid/uts namespaces, chrooted into the overlay) is test/lab/boot.ts, so that the lab's node process is
# the parent of the host and reaps it at once when it is stopped. Prints the host's root directory.
#
# Usage: host-prepare.sh --name N --role manager|hypervisor|sftp --address 127.x.y.z --dir HOSTDIR --rootfs DIR
#          --client-key PUB --repo DIR --export DIR --nfs-address 127.x.y.z [--guest DIR] [-- INSTALLER-ARGS...]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
STANDINS=$HERE/../standins/install-role.sh

while [ $# -gt 0 ]; do
  case $1 in
    --name) NAME=$2; shift 2 ;;
    --role) ROLE=$2; shift 2 ;;
    --address) ADDR=$2; shift 2 ;;
    --dir) DIR=$2; shift 2 ;;
    --rootfs) ROOTFS=$2; shift 2 ;;
    --client-key) CLIENT_KEY=$2; shift 2 ;;
    --repo) REPO=$2; shift 2 ;;
    --export) EXPORT=$2; shift 2 ;;
    --nfs-address) NFS_ADDR=$2; shift 2 ;;
    --guest) GUEST=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "host-prepare: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ ${NAME:-} =~ ^[a-z0-9][a-z0-9-]{0,62}$ ]] || { echo "host-prepare: bad --name '${NAME:-}'" >&2; exit 2; }
case ${ROLE:-} in manager|hypervisor|sftp) ;; *) echo "host-prepare: bad --role '${ROLE:-}'" >&2; exit 2 ;; esac
assert_loopback "${ADDR:-}"
assert_loopback "${NFS_ADDR:-}"
GUEST=${GUEST:-}
for p in "$DIR" "$ROOTFS" "$CLIENT_KEY" "$REPO" "$EXPORT" ${GUEST:+"$GUEST"}; do assert_safe_path "$p"; done

ROOT=$DIR/root
mkdir -p "$DIR/upper" "$DIR/work" "$ROOT"
# On any failure, undo this host's mounts so a half-made host never lingers.
trap 'rc=$?; [ $rc -ne 0 ] && unmount_under "$DIR"; exit $rc' EXIT

mount -t overlay "lab-$NAME" -o "lowerdir=$ROOTFS,upperdir=$DIR/upper,workdir=$DIR/work" "$ROOT"

# /dev: a small tmpfs with the usual nodes and a private devpts (sshd needs ptys for `ssh -tt`).
mount -t tmpfs -o mode=755,size=1m,nosuid "dev-$NAME" "$ROOT/dev"
for node in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
  IFS=: read -r n ma mi <<<"$node"
  mknod -m 666 "$ROOT/dev/$n" c "$ma" "$mi"
done
mkdir -m 755 "$ROOT/dev/pts"; mkdir -m 1777 "$ROOT/dev/shm"
ln -s pts/ptmx "$ROOT/dev/ptmx"; ln -s /proc/self/fd "$ROOT/dev/fd"
ln -s /proc/self/fd/0 "$ROOT/dev/stdin"; ln -s /proc/self/fd/1 "$ROOT/dev/stdout"; ln -s /proc/self/fd/2 "$ROOT/dev/stderr"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 "devpts-$NAME" "$ROOT/dev/pts"

mount -t tmpfs -o mode=755,size=16m,nosuid,nodev "run-$NAME" "$ROOT/run"
mkdir -m 755 "$ROOT/run/sshd"; mkdir -m 1777 "$ROOT/run/lock"

# Identity: own hostname, own host key (collected into the lab's known_hosts), root login by the lab key.
echo "$NAME" >"$ROOT/etc/hostname"
printf '127.0.0.1\tlocalhost\n%s\t%s\n' "$ADDR" "$NAME" >"$ROOT/etc/hosts"
ssh-keygen -q -t ed25519 -N '' -C "root@$NAME" -f "$ROOT/etc/ssh/ssh_host_ed25519_key"
echo "$ADDR $(cut -d' ' -f1-2 "$ROOT/etc/ssh/ssh_host_ed25519_key.pub")" >"$DIR/known_hosts"
install -d -m 700 "$ROOT/root/.ssh"
install -m 600 "$CLIENT_KEY" "$ROOT/root/.ssh/authorized_keys"
# A drop-in keeps the stock /etc/ssh/sshd_config byte-for-byte (the sftp host must look stock), and it is
# read first, so its values win over anything the tool appends later (sshd: first value obtained wins).
cat >"$ROOT/etc/ssh/sshd_config.d/00-lab.conf" <<CONF
# Written by the ovirt-floppy lab (test/lab/sh/host-prepare.sh): loopback only, root by key (DESIGN §5).
ListenAddress $ADDR
PermitRootLogin prohibit-password
HostKey /etc/ssh/ssh_host_ed25519_key
CONF

# Binds the stand-ins need. The machine's mount tree is private, so they must exist before the unshare.
bind() { # SRC DST [ro]
  mkdir -p "$2"
  mount --bind "$1" "$2"
  [ "${3:-}" = ro ] && mount -o remount,bind,ro "$2"
  true
}
bind "$REPO" "$ROOT/.lab/repo" ro
case $ROLE in
  hypervisor)
    bind "$EXPORT" "$ROOT/.lab/nfs/$NFS_ADDR/exports/iso"
    # The lab guest's kernel and initramfs (sh/guest.sh), which the vdsm stand-in boots (read-only, shared).
    [ -n "$GUEST" ] && bind "$GUEST" "$ROOT/.lab/guest" ro
    ;;
  sftp) bind "$EXPORT" "$ROOT/exports/iso" ;;
esac

if [ -f "$STANDINS" ]; then
  bash "$STANDINS" --role "$ROLE" --root "$ROOT" --name "$NAME" --address "$ADDR" "$@" >>"$DIR/install.log" 2>&1 \
    || { echo "host-prepare: $NAME: install-role.sh failed:" >&2; tail -n 20 "$DIR/install.log" >&2; exit 1; }
else
  echo "host-prepare: $NAME: test/lab/standins/install-role.sh not found; host has no stand-ins" >>"$DIR/install.log"
fi

# The QEMU policy wrapper in the real binary's place (install-role.sh says why binds).
POLICY_WRAPPER=$ROOT/usr/lib/lab-qemu/qemu-policy
if [ "$ROLE" = hypervisor ] && [ -x "$POLICY_WRAPPER" ] && [ -f "$ROOT/usr/bin/qemu-system-x86_64" ]; then
  mount --bind "$ROOT/usr/bin/qemu-system-x86_64" "$ROOT/usr/bin/qemu-system-x86_64.real"
  mount --bind "$POLICY_WRAPPER" "$ROOT/usr/bin/qemu-system-x86_64"
fi

echo "$ROOT"
