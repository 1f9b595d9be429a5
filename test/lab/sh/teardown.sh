#!/bin/bash
# Stop lab hosts and remove them: SIGKILL every process in each host's pid namespace (QEMU guests, libvirtd,
# virtlogd, stand-in daemons), then its sshd (PID 1 of that namespace) and its recorded `unshare` PID (--kill-child would also kill sshd), wait until they are
# gone, unmount everything at or below SCOPE (deepest first), and delete the host directories.
# Kills only the PID recorded in HOSTDIR/pid and its child, and only after /proc confirms it is that host's
# unshare.
# Usage: teardown.sh SCOPE [HOSTDIR...]   (every HOSTDIR must lie inside SCOPE)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

SCOPE=${1:?usage: teardown.sh SCOPE [HOSTDIR...]}; shift
assert_safe_path "$SCOPE"

# Every process by pid namespace, read once: looking each host's namespace up in a fresh /proc scan cost
# hosts x processes readlinks, ~25 s per host with 400 bench hosts (2026-12-04); one pass is ~1 s.
declare -A members=()
for p in /proc/[0-9]*; do
  ns=$(readlink "$p/ns/pid" 2>/dev/null) || continue
  members[$ns]+=" ${p#/proc/}"
done

# PIDs to wait for: each unshare and its child (the host's sshd, PID 1 inside).
waits=()
unshares=()
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
  # Its child is the host's sshd, PID 1 of the host: killing it first ends every process of the host, and the
  # waiting unshare reaps it at once and exits; the unshare is killed as well in case it did not.
  children=$(cat "/proc/$pid/task/$pid/children" 2>/dev/null || true)
  # Every other process of the host's pid namespace (libvirtd, virtlogd, QEMU guests, the vdsm stand-in: they
  # daemonize, so they are not sshd's children), by PID: the kernel would end them with the namespace's PID 1,
  # but killing them ourselves first lets us wait for each and say which one would not go.
  inner=()
  for child in $children; do
    ns=$(readlink "/proc/$child/ns/pid" 2>/dev/null || true)
    [ -n "$ns" ] || continue
    for q in ${members[$ns]:-}; do
      [ "$q" = "$child" ] || inner+=("$q")
    done
  done
  for q in "${inner[@]}"; do kill -KILL "$q" 2>/dev/null || true; done
  for child in $children; do kill -KILL "$child" 2>/dev/null || true; done
  unshares+=("$pid")
  waits+=("$pid" $children "${inner[@]}")
done

# The unshare normally exits by itself once its child is gone; one that does not within 2 s is killed
# (SIGKILL: unshare --fork parks SIGTERM).
for i in $(seq 100); do
  running=0
  for pid in "${unshares[@]}"; do st=$(proc_state "$pid"); [ -n "$st" ] && [ "$st" != Z ] && running=1; done
  [ $running = 0 ] && break
  sleep 0.02
done
for pid in "${unshares[@]}"; do
  st=$(proc_state "$pid"); [ -n "$st" ] && [ "$st" != Z ] && kill -KILL "$pid" 2>/dev/null
done

# A killed unshare stays a zombie until PID 1 of the machine reaps it, which can take ~2 s (lab-notes §2a).
# Wait for that too, so `down` leaves nothing in ps; a zombie holds no port, mount or file, so after 5 s one
# is only reported, while a still-running process after 10 s is an error.
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
start=$(now_ms)
for pid in "${waits[@]}"; do
  while :; do
    st=$(proc_state "$pid")
    [ -z "$st" ] && break
    elapsed=$(( $(now_ms) - start ))
    if [ "$st" = Z ] && (( elapsed > 5000 )); then echo "teardown: PID $pid is still a zombie" >&2; break; fi
    (( elapsed > 10000 )) && { echo "teardown: PID $pid still alive" >&2; exit 1; }
    sleep 0.02
  done
done

unmount_under "$SCOPE"
for dir in "$@"; do
  # Never delete through a mount (the shared export and the repo are binds): only when nothing is left.
  [ -z "$(mounts_under "$dir")" ] && rm -rf --one-file-system "$dir"
done
