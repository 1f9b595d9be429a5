#!/bin/bash
# Stop lab hosts and remove them: SIGKILL each host's recorded `unshare` PID (--kill-child then kills its
# sshd, the PID 1 of the host's pid namespace, and with it every process of the host), wait until they are
# gone, unmount everything at or below SCOPE (deepest first), and delete the host directories.
# Kills only PIDs recorded in HOSTDIR/pid, and only after /proc confirms it is that host's unshare.
# Usage: teardown.sh SCOPE [HOSTDIR...]   (every HOSTDIR must lie inside SCOPE)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

SCOPE=${1:?usage: teardown.sh SCOPE [HOSTDIR...]}; shift
assert_safe_path "$SCOPE"

# PIDs to wait for: each unshare and its child (the host's sshd, PID 1 inside).
waits=()
for dir in "$@"; do
  assert_safe_path "$dir"
  case $dir in "$SCOPE"/*) ;; *) echo "teardown: $dir is not inside $SCOPE" >&2; exit 2 ;; esac
  pid=$(cat "$dir/pid" 2>/dev/null || true)
  [[ $pid =~ ^[0-9]+$ ]] || continue
  # Guard against PID reuse: the process must be `unshare ... chroot HOSTDIR/root ...`.
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
  case $cmd in
    unshare\ *" chroot $dir/root "*) ;;
    *) continue ;;
  esac
  children=$(cat "/proc/$pid/task/$pid/children" 2>/dev/null || true)
  kill -KILL "$pid" 2>/dev/null || true
  waits+=("$pid" $children)
done

# A killed unshare can stay a zombie for a while until PID 1 of the machine reaps it (lab-notes §2a); a
# zombie holds no port, no mount and no file, so it counts as gone here.
deadline=$(( $(date +%s%N) / 1000000 + 10000 ))
for pid in "${waits[@]}"; do
  while :; do
    st=$(proc_state "$pid")
    [ -z "$st" ] || [ "$st" = Z ] && break
    if (( $(date +%s%N) / 1000000 > deadline )); then echo "teardown: PID $pid still alive" >&2; exit 1; fi
    sleep 0.02
  done
done

unmount_under "$SCOPE"
for dir in "$@"; do
  # Never delete through a mount (the shared export and the repo are binds): only when nothing is left.
  [ -z "$(mounts_under "$dir")" ] && rm -rf --one-file-system "$dir"
done
