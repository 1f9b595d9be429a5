#!/bin/sh
# Lab stand-in, fast path of getenforce, selinuxenabled and `getsebool NAME...` (DESIGN.md §5; ovirt-facts.md §5.3:
# `getsebool virt_use_nfs` is how a check reads the boolean). Installed as /usr/sbin/lab-selinux-fast with those
# three names as symlinks; the tool is the name it is called by.
#
# Why: every audit runs getenforce and getsebool on every hypervisor. On EL they are small C programs (~1 ms);
# the lab's Python stand-in (selinux/lab_selinux.py, /usr/sbin/lab-selinux) costs ~30 ms of CPU per call just to
# start the interpreter, so the lab measured Python start-up instead of the tool. This script answers the common
# read-only calls with shell builtins only (no fork), from the plain-text shadow of the state that lab_selinux.py
# writes on every change (its module doc: BASE.mode, BASE.booleans/NAME, BASE = state path minus `.json`). Its
# output, messages and exit codes are byte for byte the Python's (test/unit/lab/selinux-fast.test.ts compares
# them). Everything else goes to the Python program unchanged (`exec lab-selinux TOOL ARGS...`, the same as the
# multi-call name):
#   - the shadow is missing, unreadable, holds an unknown value, or state.json is newer than BASE.mode (state
#     written by something other than lab_selinux.py);
#   - getsebool -a / options / no argument / a name outside [A-Za-z0-9_] / a boolean without a shadow file
#     (unknown booleans: the Python prints libselinux's error);
#   - any other tool name.
# No state file at all: SELinux is disabled (as the Python: a host without SELinux), answered here.
#
# Env: LAB_SELINUX_STATE (as the Python; default /var/lib/lab-selinux/state.json), LAB_SELINUX_PY (the Python
# program to hand over to; default /usr/sbin/lab-selinux).
# Known limit: a reader racing a writer may see booleans of the new state with the mode of the old one (the
# Python reads one JSON snapshot); the lab does not read and write the SELinux state concurrently.

tool=${0##*/}
state=${LAB_SELINUX_STATE-/var/lib/lab-selinux/state.json}

slow() {
  case $tool in
    getenforce|setenforce|selinuxenabled|getsebool|setsebool|restorecon)
      exec "${LAB_SELINUX_PY:-/usr/sbin/lab-selinux}" "$tool" "$@" ;;
  esac
  exec "${LAB_SELINUX_PY:-/usr/sbin/lab-selinux}" "$@"
}

case $tool in getenforce|selinuxenabled|getsebool) ;; *) slow "$@" ;; esac

if [ ! -e "$state" ]; then
  mode=disabled
else
  base=${state%.json}
  if [ -f "$base.mode" ] && [ -r "$base.mode" ] && [ ! "$state" -nt "$base.mode" ] &&
     IFS= read -r mode 2>/dev/null <"$base.mode"; then
    :
  else
    slow "$@"
  fi
fi

case $mode in
  enforcing) Mode=Enforcing ;;
  permissive) Mode=Permissive ;;
  disabled) Mode=Disabled ;;
  *) slow "$@" ;;
esac

case $tool in
  getenforce)
    printf '%s\n' "$Mode"
    exit 0 ;;
  selinuxenabled)
    [ "$mode" != disabled ]
    exit ;;
esac

# getsebool NAME...: libselinux utils/getsebool.c as lab_selinux.py prints it.
[ $# -gt 0 ] || slow "$@"
for name; do
  case $name in ''|*[!A-Za-z0-9_]*) slow "$@" ;; esac
done
if [ "$mode" = disabled ]; then
  printf '%s:  SELinux is disabled\n' "$tool" >&2
  exit 1
fi
out=
for name; do
  file=$base.booleans/$name
  if [ -f "$file" ] && [ -r "$file" ] && IFS= read -r value 2>/dev/null <"$file"; then
    case $value in on|off) ;; *) slow "$@" ;; esac
  else
    slow "$@"
  fi
  out="$out$name --> $value
"
done
printf '%s' "$out"
exit 0
