#!/bin/bash
# The whole story against the built-in lab, for a newcomer: a stock oVirt-like environment is audited,
# the plan is shown, applied, audited again, applied again (nothing to do), and proven end to end.
# Needs root (the lab uses namespaces, overlay and bind mounts). Tears the lab down on exit.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ]; then echo "demo: the lab needs root (namespaces, mounts); run as root" >&2; exit 2; fi
# Always rebuild: a dist/ left from an older checkout would demo old code (a few seconds).
npm run --silent build || { echo "demo: build failed" >&2; exit 2; }
ovirt_floppy() { node bin/ovirt-floppy.js "$@"; }
CONFIG=.lab/ovirt-floppy.yaml

step() { printf '\n\033[1m== %s\033[0m\n%s\n\n' "$1" "$2"; }
show() { printf '$ ovirt-floppy %s\n' "$*"; ovirt_floppy "$@"; rc=$?; printf '(exit %s)\n' "$rc"; return 0; }

trap 'step "Teardown" "Stopping the lab hosts and removing their mounts."; npm run --silent lab -- down' EXIT

step "1. Lab" "Four real OpenSSH hosts on loopback: an oVirt manager (mgr), two hypervisors (hv1, hv2) and an
sftp/NFS server (sftp), in their stock state: no floppy property, no hook, no upload user, no chroot."
npm run --silent lab -- up || exit 1

step "2. Audit" "check reports what is missing on every role (exit 1 = drift)."
show check -c "$CONFIG"

step "3. Plan" "apply --dry-run --diff shows every change it would make, and makes none."
show apply -c "$CONFIG" --dry-run --diff

step "4. Apply" "apply --yes makes the changes: engine property on every cluster level (and one engine restart),
hook package on the hypervisors, SELinux boolean, upload user, sshd chroot block (validated, then reloaded),
fstab bind mount, floppy directory."
show apply -c "$CONFIG" --yes

step "5. Audit again" "Everything is in place (exit 0)."
show check -c "$CONFIG"

step "6. Apply again" "Idempotent: nothing to change, no engine restart, no sshd reload."
show apply -c "$CONFIG" --yes

step "7. Smoke test" "Build a floppy image, upload it as the upload user, prove every hypervisor sees it,
fire the hook, boot the test VM with it, clean up."
show smoke -c "$CONFIG"
