#!/bin/bash
# Install the machine packages the lab needs when one of their commands is missing (issue #3 §1).
# CI starts on a fresh Debian 12 machine; on a provisioned machine this is a no-op (no apt call).
set -euo pipefail

# package:command pairs; the command proves the package is installed.
PAIRS=(
  debootstrap:debootstrap
  rpm:rpmbuild
  createrepo-c:createrepo_c
  mtools:mcopy
  dosfstools:mkfs.vfat
  zstd:zstd
  curl:curl
  openssh-client:ssh-keygen
  iproute2:ss
  util-linux:unshare
)

missing=()
for pair in "${PAIRS[@]}"; do
  command -v "${pair#*:}" >/dev/null 2>&1 || missing+=("${pair%%:*}")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "lab: installing machine packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >&2
apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
